"""The demo's words: topics (titles, what happened, what is asked and the agency's
answers, which belong together), officials' notes and people's names, in the plain
Indonesian of real reports. Data only; ``generator`` draws from it.
"""

# The sentence templates are data: one sentence per line reads better unwrapped.
# ruff: noqa: E501

from __future__ import annotations

from dataclasses import dataclass

from lapor.reports.choices import ArchiveReason

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

STREETS = (
    "Jl. Merdeka",
    "Jl. Jenderal Sudirman",
    "Jl. Ahmad Yani",
    "Jl. Diponegoro",
    "Jl. Gatot Subroto",
    "Jl. Pahlawan",
    "Jl. Imam Bonjol",
    "Jl. Pemuda",
    "Jl. Veteran",
    "Jl. Kartini",
    "Jl. Cendrawasih",
    "Jl. Melati",
    "Jl. Mawar",
    "Jl. Pasar Baru",
    "Jl. Raya {desa}",
    "Jl. Sukarno-Hatta",
    "Jl. Siliwangi",
    "Jl. Hasanuddin",
    "Jl. Teuku Umar",
    "Jl. Gajah Mada",
    "Jl. Pattimura",
    "Jl. Sisingamangaraja",
    "Jl. KH. Hasyim Asy'ari",
    "Jl. Cut Nyak Dien",
    "Jl. Flamboyan",
    "Jl. Kenanga",
    "Jl. Masjid {desa}",
    "Gang Mangga",
)

LANDMARKS = (
    "Pasar {desa}",
    "SD Negeri 2 {desa}",
    "Masjid Al-Ikhlas",
    "Kantor {desa_full}",
    "Puskesmas {kecamatan}",
    "pertigaan dekat balai warga",
    "minimarket di ujung jalan",
    "Terminal {kota_short}",
    "lapangan sepak bola {desa}",
    "Gereja {desa}",
    "SMP Negeri 1 {kecamatan}",
    "pos ronda RW 05",
    "jembatan {desa}",
    "Kantor Camat {kecamatan}",
)

SINCE = (
    "sejak dua minggu lalu",
    "sudah lebih dari sebulan",
    "sejak awal bulan ini",
    "sudah tiga bulan",
    "sejak musim hujan mulai",
    "sejak pekan lalu",
)


@dataclass(frozen=True)
class Issue:
    """One kind of problem: a title, what happened (in order) and what is asked, that
    belong together."""

    titles: tuple[str, ...]
    openings: tuple[str, ...]
    details: tuple[str, ...]
    requests: tuple[str, ...]
    # The topics (category slugs, or a parent's) this story is told for; empty: all the
    # theme's topics. A lamp post is not a pothole, though both go to the Dinas PU.
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Theme:
    """Words for one topic, told for the categories it names (slugs; a parent's slug
    covers its children). ``unit_keywords`` pick the unit a report goes on to, in order
    of preference (the first word that matches a unit's name wins)."""

    key: str
    categories: tuple[str, ...]
    unit_keywords: tuple[str, ...]
    issues: tuple[Issue, ...]
    aspirasi: tuple[tuple[str, str], ...]
    informasi: tuple[tuple[str, str], ...]
    answers: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme(
        key="jalan",
        categories=("infrastruktur",),
        unit_keywords=("bina marga", "dinas pekerjaan umum"),
        issues=(
            Issue(
                categories=("jalan-rusak", "jalan-nasional", "jalan-provinsi"),
                titles=(
                    "Jalan berlubang di {jalan} dekat {tempat}",
                    "Jalan rusak parah di {desa_full}, {kecamatan}",
                    "Perbaikan jalan di {jalan} terbengkalai",
                ),
                openings=(
                    "Pada {tanggal} saya melewati {jalan} dekat {tempat}, {desa_full}, Kecamatan {kecamatan}, {kota}.",
                    "Jalan di {jalan}, {desa_full}, {kota} rusak {sejak}.",
                ),
                details=(
                    "Ada lubang besar di tengah jalan dengan lebar kira-kira satu meter.",
                    "Saat hujan, lubang tertutup air sehingga tidak terlihat oleh pengendara.",
                    "Sudah dua kali ada pengendara motor yang jatuh di lokasi itu.",
                    "Aspalnya mengelupas dan batu-batunya berserakan ke mana-mana.",
                    "Warga sudah melapor ke ketua RT, tetapi belum ada perbaikan.",
                    "Jalan ini dilalui anak-anak sekolah setiap pagi.",
                ),
                requests=(
                    "Mohon jalan ini segera diperbaiki sebelum ada korban.",
                    "Kami minta dinas terkait turun ke lokasi dan memperbaikinya.",
                ),
            ),
            Issue(
                categories=("penerangan-jalan",),
                titles=("Lampu penerangan jalan mati di {jalan}",),
                openings=(
                    "Sejak {tanggal} lampu jalan di sepanjang {jalan} dekat {tempat}, {desa_full} tidak menyala.",
                ),
                details=(
                    "Malam hari jalan gelap sekali dan warga takut lewat.",
                    "Minggu lalu ada warga yang dijambret di dekat lokasi itu.",
                    "Warga sudah melapor ke kelurahan, tetapi belum ada perbaikan.",
                ),
                requests=("Mohon lampu jalan segera diganti.",),
            ),
            Issue(
                categories=("drainase-banjir", "jembatan"),
                titles=(
                    "Saluran air tersumbat di {jalan} menyebabkan banjir",
                    "Jembatan di {desa_full} retak dan berbahaya",
                ),
                openings=(
                    "Pada {tanggal} hujan deras turun di {desa_full}, Kecamatan {kecamatan}, {kota}.",
                ),
                details=(
                    "Air dari saluran meluap ke jalan dan masuk ke rumah warga.",
                    "Saluran itu penuh sampah dan lumpur dan belum pernah dikeruk.",
                    "Retakan pada jembatan makin lebar setelah hujan.",
                    "Jembatan itu satu-satunya jalan anak-anak ke sekolah.",
                ),
                requests=(
                    "Mohon saluran dikeruk dan jembatan diperiksa petugas.",
                    "Kami minta dinas terkait segera meninjau lokasi.",
                ),
            ),
        ),
        aspirasi=(
            (
                "Usulan pemasangan lampu jalan di {jalan}",
                "{jalan} di {desa_full} sangat gelap pada malam hari. Banyak warga pulang kerja lewat jalan ini. Kami mengusulkan pemasangan beberapa lampu penerangan jalan.",
            ),
            (
                "Usulan pelebaran jalan menuju {tempat}",
                "Jalan menuju {tempat} sempit dan sering macet pada jam sekolah. Kami mengusulkan agar jalan dilebarkan dan dibuat trotoar.",
            ),
        ),
        informasi=(
            (
                "Jadwal perbaikan jalan di {jalan}",
                "Saya ingin tahu kapan jalan di {jalan}, {desa_full} akan diperbaiki. Apakah sudah masuk anggaran tahun ini?",
            ),
        ),
        answers=(
            "Tim sudah meninjau lokasi dan kerusakan sudah diperbaiki.",
            "Perbaikan sudah masuk jadwal pemeliharaan bulan ini dan dikerjakan minggu depan.",
            "Petugas sudah memperbaiki kerusakan di lokasi yang dilaporkan.",
        ),
    ),
    Theme(
        key="kesehatan",
        categories=(
            "pelayanan-puskesmas",
            "imunisasi-posyandu",
            "tenaga-kesehatan",
            "cek-kesehatan-gratis",
            "rumah-sakit",
            "bpjs-kesehatan",
        ),
        unit_keywords=("dinas kesehatan", "kesehatan primer"),
        issues=(
            Issue(
                categories=(
                    "pelayanan-puskesmas",
                    "imunisasi-posyandu",
                    "tenaga-kesehatan",
                    "cek-kesehatan-gratis",
                ),
                titles=(
                    "Antrean sangat panjang di Puskesmas {kecamatan}",
                    "Petugas puskesmas tidak ada saat jam layanan",
                ),
                openings=(
                    "Pada {tanggal} saya mengantar ibu saya berobat ke Puskesmas {kecamatan}, {kota}.",
                ),
                details=(
                    "Kami datang pukul tujuh pagi tetapi baru dilayani pukul dua siang.",
                    "Loket pendaftaran baru buka satu jam setelah jadwal.",
                    "Dokter jaga tidak ada dan pasien diminta kembali besok.",
                ),
                requests=("Mohon pelayanan puskesmas diperbaiki.",),
            ),
            Issue(
                categories=("rumah-sakit", "bpjs-kesehatan"),
                titles=(
                    "Obat tidak tersedia di RSUD {kota_short}",
                    "Pasien BPJS diminta membayar obat di RSUD {kota_short}",
                ),
                openings=("Tanggal {tanggal} anak saya dirawat di RSUD {kota_short}.",),
                details=(
                    "Petugas mengatakan obat yang diresepkan sedang kosong.",
                    "Kami diminta membeli obat sendiri di apotek luar.",
                    "Padahal kami peserta BPJS Kesehatan yang iurannya lancar.",
                    "Tidak ada penjelasan dari petugas mengapa kami harus membayar.",
                ),
                requests=(
                    "Kami minta penjelasan dan pengembalian biaya yang sudah kami bayar.",
                    "Mohon ketersediaan obat di rumah sakit diperhatikan.",
                ),
            ),
        ),
        aspirasi=(
            (
                "Usulan pendaftaran berobat secara daring di {kota_short}",
                "Banyak warga bekerja sampai sore sehingga sulit mengantre untuk berobat. Kami mengusulkan pendaftaran berobat bisa dilakukan secara daring.",
            ),
        ),
        informasi=(
            (
                "Syarat berobat gratis bagi warga tidak mampu",
                "Saya ingin tahu syarat berobat gratis bagi warga tidak mampu di {kota}. Dokumen apa saja yang harus dibawa?",
            ),
        ),
        answers=(
            "Kepala puskesmas sudah menegur petugas dan menambah loket pendaftaran.",
            "Stok obat sudah dipenuhi kembali dan pasien dapat mengambilnya di apotek rumah sakit.",
            "Biaya yang dipungut sudah dikembalikan kepada pasien.",
        ),
    ),
    Theme(
        key="pendidikan",
        categories=("penerimaan-murid-baru", "pungutan-sekolah", "bantuan-pendidikan", "sd-smp"),
        unit_keywords=("dinas pendidikan",),
        issues=(
            Issue(
                categories=("penerimaan-murid-baru", "pungutan-sekolah"),
                titles=(
                    "Pungutan liar saat PPDB di SMP Negeri {nomor} {kecamatan}",
                    "Sekolah meminta uang seragam yang mahal",
                ),
                openings=(
                    "Pada {tanggal} saya mendaftarkan anak saya ke SMP Negeri {nomor} {kecamatan}, {kota}.",
                ),
                details=(
                    "Pihak sekolah meminta uang sebesar dua juta rupiah tanpa kuitansi.",
                    "Katanya uang itu untuk pembangunan, padahal sekolah negeri seharusnya gratis.",
                    "Orang tua lain mengalami hal yang sama tetapi takut melapor.",
                ),
                requests=(
                    "Mohon dinas pendidikan memeriksa sekolah tersebut.",
                    "Kami minta pungutan ini dihentikan dan uang dikembalikan.",
                ),
            ),
            Issue(
                categories=("bantuan-pendidikan",),
                titles=("Dana PIP belum diterima siswa di {desa_full}",),
                openings=(
                    "Anak saya bersekolah di SD Negeri {nomor} {desa}, {kota} dan terdaftar sebagai penerima PIP.",
                ),
                details=(
                    "Dana Program Indonesia Pintar belum kami terima sampai sekarang.",
                    "Pihak sekolah mengatakan kartunya masih ditahan di dinas.",
                ),
                requests=("Mohon dana PIP anak saya segera dicairkan.",),
            ),
            Issue(
                categories=("sd-smp",),
                titles=("Atap ruang kelas SD Negeri {nomor} {desa} bocor",),
                openings=("Anak saya bersekolah di SD Negeri {nomor} {desa}, {kota}.",),
                details=(
                    "Saat hujan, air masuk ke kelas dan anak-anak dipindah ke perpustakaan.",
                    "Sebagian plafon sudah jatuh dan membahayakan murid.",
                ),
                requests=("Mohon ruang kelas segera diperbaiki.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan penambahan guru di SD Negeri {nomor} {desa}",
                "Satu guru di SD Negeri {nomor} {desa} mengajar dua kelas sekaligus. Kami mengusulkan penambahan guru agar anak-anak belajar dengan baik.",
            ),
        ),
        informasi=(
            (
                "Jadwal pendaftaran PPDB di {kota}",
                "Saya ingin tahu jadwal dan syarat pendaftaran peserta didik baru tingkat SMP di {kota} tahun ini.",
            ),
        ),
        answers=(
            "Dinas sudah memanggil kepala sekolah dan pungutan dihentikan.",
            "Dana PIP sudah dapat dicairkan di bank penyalur dengan membawa kartu siswa.",
            "Perbaikan sudah dianggarkan dan dikerjakan pada masa libur sekolah.",
        ),
    ),
    Theme(
        key="kependudukan",
        categories=("kependudukan",),
        unit_keywords=("kependudukan",),
        issues=(
            Issue(
                titles=(
                    "KTP elektronik belum jadi setelah tiga bulan",
                    "Blanko KTP-el habis di Disdukcapil {kota_short}",
                ),
                openings=("Pada {tanggal} saya merekam KTP elektronik di Disdukcapil {kota}.",),
                details=(
                    "Sampai sekarang KTP saya belum jadi dengan alasan blanko habis.",
                    "Saya sudah bolak-balik ke kantor tiga kali tanpa hasil.",
                    "Saya butuh KTP ini untuk melamar pekerjaan.",
                ),
                requests=("Mohon KTP saya segera dicetak.",),
            ),
            Issue(
                titles=("Pengurusan akta kelahiran dipungut biaya di {desa_full}",),
                openings=(
                    "Saya mengurus akta kelahiran anak saya lewat {desa_full} pada {tanggal}.",
                ),
                details=(
                    "Petugas meminta uang seratus ribu rupiah agar cepat selesai.",
                    "Tidak ada kuitansi untuk uang yang kami bayar.",
                ),
                requests=("Kami minta pungutan ini ditindak karena layanan dukcapil gratis.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan layanan dukcapil keliling di {kecamatan}",
                "Warga {kecamatan} harus menempuh perjalanan jauh ke kantor dukcapil. Kami mengusulkan layanan keliling sebulan sekali.",
            ),
        ),
        informasi=(
            (
                "Syarat pindah domisili ke {kota}",
                "Saya akan pindah ke {kota}. Dokumen apa saja yang dibutuhkan untuk pindah domisili dan berapa lama prosesnya?",
            ),
        ),
        answers=(
            "KTP elektronik pelapor sudah dicetak dan dapat diambil di kantor kecamatan.",
            "Petugas yang meminta uang sudah diperiksa oleh inspektorat.",
        ),
    ),
    Theme(
        key="perhubungan",
        categories=("parkir", "lalu-lintas"),
        unit_keywords=("dinas perhubungan",),
        issues=(
            Issue(
                categories=("parkir",),
                titles=(
                    "Parkir liar di depan {tempat}",
                    "Juru parkir menarik tarif melebihi ketentuan di {tempat}",
                ),
                openings=("Pada {tanggal} sore saya parkir di depan {tempat}, {desa_full}.",),
                details=(
                    "Mobil dan motor diparkir di badan jalan sehingga macet panjang.",
                    "Juru parkir meminta lima ribu rupiah untuk motor tanpa karcis.",
                ),
                requests=("Mohon dinas perhubungan menertibkan parkir di lokasi ini.",),
            ),
            Issue(
                categories=("lalu-lintas",),
                titles=("Lampu lalu lintas mati di simpang {jalan}",),
                openings=(
                    "Setiap hari sejak {tanggal} saya melewati simpang {jalan} dekat {tempat}, {kota}.",
                ),
                details=(
                    "Lampu lalu lintas mati dan kendaraan saling serobot.",
                    "Hampir terjadi tabrakan di simpang itu kemarin pagi.",
                ),
                requests=("Mohon lampu lalu lintas segera diperbaiki.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan halte bus di {jalan}",
                "Penumpang bus menunggu di pinggir jalan tanpa tempat berteduh di {jalan}. Kami mengusulkan dibangun halte.",
            ),
        ),
        informasi=(
            (
                "Tarif resmi parkir di {kota}",
                "Berapa tarif resmi parkir di pinggir jalan untuk motor dan mobil di {kota}? Apakah juru parkir wajib memberi karcis?",
            ),
        ),
        answers=(
            "Petugas sudah menertibkan parkir liar di lokasi bersama Satpol PP.",
            "Lampu lalu lintas sudah diperbaiki dan berfungsi normal.",
        ),
    ),
    Theme(
        key="lingkungan",
        categories=("sampah", "pencemaran-air", "limbah-industri"),
        unit_keywords=("lingkungan hidup",),
        issues=(
            Issue(
                categories=("sampah",),
                titles=(
                    "Sampah menumpuk di TPS {desa_full}",
                    "Truk sampah tidak datang ke {desa_full}",
                ),
                openings=("Sampah di TPS dekat {tempat}, {desa_full} menumpuk {sejak}.",),
                details=(
                    "Baunya tercium sampai ke rumah warga dan banyak lalat.",
                    "Truk pengangkut sampah hanya datang seminggu sekali.",
                    "Sebagian warga akhirnya membakar sampah di pinggir jalan.",
                ),
                requests=("Mohon sampah segera diangkut.",),
            ),
            Issue(
                categories=("pencemaran-air", "limbah-industri"),
                titles=("Limbah pabrik mencemari sungai di {desa_full}",),
                openings=(
                    "Pada {tanggal} warga {desa_full}, {kota} melihat air sungai berwarna hitam dan berbau.",
                ),
                details=(
                    "Ikan di sungai banyak yang mati.",
                    "Anak-anak mulai terkena gatal-gatal setelah mandi di sungai.",
                    "Air itu datang dari saluran pembuangan sebuah pabrik di hulu.",
                ),
                requests=("Kami minta pabrik tersebut diperiksa dan diberi sanksi.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan bank sampah di {desa_full}",
                "Warga {desa_full} ingin memilah sampah. Kami mengusulkan pendampingan untuk membuat bank sampah.",
            ),
        ),
        informasi=(
            (
                "Jadwal pengangkutan sampah di {kecamatan}",
                "Saya ingin tahu jadwal truk sampah di Kecamatan {kecamatan}, {kota}. Apakah ada jadwal pada akhir pekan?",
            ),
        ),
        answers=(
            "Sampah sudah diangkut dan jadwal pengangkutan ditambah menjadi tiga kali seminggu.",
            "Tim sudah mengambil sampel air; pabrik diminta menghentikan pembuangan limbah.",
        ),
    ),
    Theme(
        key="sosial",
        categories=("bansos", "pkh", "bpnt", "data-kesejahteraan"),
        unit_keywords=("dinas sosial",),
        issues=(
            Issue(
                titles=("Bansos PKH tidak diterima padahal terdaftar di DTKS",),
                openings=("Keluarga saya terdaftar sebagai penerima PKH di {desa_full}, {kota}.",),
                details=(
                    "Sudah dua tahap bantuan tidak kami terima tanpa penjelasan.",
                    "Ketika kami bertanya, pendamping mengatakan data kami tidak ada.",
                ),
                requests=("Mohon data penerima bantuan diperiksa ulang.",),
            ),
            Issue(
                titles=(
                    "Pembagian BLT di {desa_full} tidak tepat sasaran",
                    "Bantuan tunai dipotong oleh oknum di {desa_full}",
                ),
                openings=(
                    "Pada {tanggal} ada pembagian bantuan langsung tunai di Kantor {desa_full}.",
                ),
                details=(
                    "Beberapa penerima justru warga yang mampu dan punya mobil.",
                    "Setiap penerima diminta menyerahkan lima puluh ribu rupiah.",
                ),
                requests=("Kami minta pemotongan bantuan dihentikan dan data diperbaiki.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan pemutakhiran data penerima bantuan di {desa_full}",
                "Banyak warga miskin di {desa_full} belum masuk DTKS. Kami mengusulkan pendataan ulang dari rumah ke rumah.",
            ),
        ),
        informasi=(
            (
                "Cara mendaftar DTKS di {kota}",
                "Bagaimana cara mendaftarkan keluarga saya ke Data Terpadu Kesejahteraan Sosial di {kota}? Ke kantor mana saya harus datang?",
            ),
        ),
        answers=(
            "Data pelapor sudah diperbaiki dan bantuan tahap berikutnya akan diterima.",
            "Dinas sudah memeriksa pendamping; dana yang dipotong dikembalikan kepada penerima.",
        ),
    ),
    Theme(
        key="ketenagakerjaan",
        categories=("upah-thr",),
        unit_keywords=("tenaga kerja",),
        issues=(
            Issue(
                titles=(
                    "Upah di bawah UMK di sebuah pabrik di {kecamatan}",
                    "Pekerja tidak didaftarkan BPJS Ketenagakerjaan",
                ),
                openings=(
                    "Saya bekerja di sebuah pabrik di Kecamatan {kecamatan}, {kota} sejak dua tahun lalu.",
                ),
                details=(
                    "Gaji kami jauh di bawah upah minimum kabupaten/kota.",
                    "Kami tidak pernah menerima slip gaji.",
                    "Perusahaan tidak mendaftarkan kami ke BPJS Ketenagakerjaan.",
                    "Teman-teman takut melapor karena diancam dipecat.",
                ),
                requests=("Mohon pengawas ketenagakerjaan memeriksa perusahaan ini.",),
            ),
            Issue(
                titles=("THR tidak dibayar oleh perusahaan",),
                openings=(
                    "Pada {tanggal} perusahaan tempat saya bekerja di {kota} mengumumkan THR tidak dibayar.",
                ),
                details=(
                    "Alasannya perusahaan sedang rugi, padahal produksi berjalan seperti biasa.",
                    "Ada sekitar dua ratus pekerja yang tidak menerima THR.",
                ),
                requests=("Kami minta hak kami dibayar sesuai aturan.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan pelatihan kerja bagi pemuda di {kecamatan}",
                "Banyak pemuda di {kecamatan} menganggur. Kami mengusulkan pelatihan kerja gratis di balai latihan kerja.",
            ),
        ),
        informasi=(
            (
                "Besaran UMK {kota} tahun ini",
                "Berapa upah minimum {kota} tahun ini? Sejak kapan upah itu berlaku?",
            ),
        ),
        answers=(
            "Pengawas ketenagakerjaan sudah memeriksa perusahaan dan memerintahkan pembayaran kekurangan upah.",
            "Perusahaan sudah membayar THR kepada seluruh pekerja.",
        ),
    ),
    Theme(
        key="perizinan",
        categories=("izin-usaha", "pbg", "izin-reklame"),
        unit_keywords=("penanaman modal",),
        issues=(
            Issue(
                titles=(
                    "Pengurusan PBG berbelit di DPMPTSP {kota_short}",
                    "Izin usaha tidak terbit setelah dua bulan",
                    "Diminta biaya tambahan untuk izin usaha mikro",
                ),
                openings=(
                    "Pada {tanggal} saya mengajukan izin di kantor pelayanan terpadu {kota}.",
                    "Saya pelaku usaha kecil di {desa_full}, {kota} dan mengajukan izin pada {tanggal}.",
                ),
                details=(
                    "Semua berkas sudah lengkap tetapi izin belum terbit.",
                    "Setiap kali bertanya, saya diminta kembali minggu depan.",
                    "Ada oknum yang menawarkan jasa agar izin cepat keluar dengan bayaran.",
                    "Di sistem OSS status permohonan saya tidak berubah.",
                ),
                requests=(
                    "Mohon permohonan izin saya segera diproses.",
                    "Kami minta kejelasan waktu dan biaya resmi pengurusan izin.",
                ),
            ),
        ),
        aspirasi=(
            (
                "Usulan pendampingan izin usaha bagi UMKM di {kecamatan}",
                "Pelaku usaha kecil di {kecamatan} kesulitan memakai OSS. Kami mengusulkan pendampingan di kantor kecamatan.",
            ),
        ),
        informasi=(
            (
                "Biaya resmi PBG di {kota}",
                "Berapa biaya resmi Persetujuan Bangunan Gedung untuk rumah tinggal di {kota}? Berapa lama prosesnya?",
            ),
        ),
        answers=(
            "Izin pelapor sudah terbit dan dapat diunduh di sistem OSS.",
            "Petugas yang meminta biaya tambahan sudah diberi sanksi.",
        ),
    ),
    Theme(
        key="air",
        categories=("air-bersih",),
        unit_keywords=("air minum", "pdam"),
        issues=(
            Issue(
                titles=("Air PDAM mati tiga hari di {desa_full}",),
                openings=(
                    "Sejak {tanggal} air PDAM di rumah kami di {desa_full}, {kota} tidak mengalir.",
                ),
                details=(
                    "Kami harus membeli air galon untuk mandi dan memasak.",
                    "Tidak ada pemberitahuan sebelumnya dari petugas.",
                ),
                requests=("Mohon aliran air segera dipulihkan.",),
            ),
            Issue(
                titles=("Tagihan air melonjak tanpa pemakaian",),
                openings=(
                    "Tagihan bulan ini di rumah saya di {jalan}, {kota} naik tiga kali lipat.",
                ),
                details=(
                    "Pemakaian kami sama seperti bulan-bulan sebelumnya.",
                    "Petugas pencatat meteran tidak pernah datang ke rumah.",
                ),
                requests=("Kami minta meteran diperiksa dan tagihan diperbaiki.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan perluasan jaringan air bersih ke {desa_full}",
                "Sebagian warga {desa_full} belum mendapat sambungan air bersih. Kami mengusulkan perluasan jaringan pipa.",
            ),
        ),
        informasi=(
            (
                "Cara pasang baru sambungan air di {kota}",
                "Bagaimana cara pemasangan baru sambungan air minum di {kota}? Berapa biayanya?",
            ),
        ),
        answers=(
            "Pipa yang bocor sudah diperbaiki dan aliran air kembali normal.",
            "Meteran sudah diperiksa; tagihan dikoreksi pada bulan berikutnya.",
        ),
    ),
    Theme(
        key="pinjol",
        categories=("pinjaman-online",),
        unit_keywords=("satgas",),
        issues=(
            Issue(
                titles=(
                    "Penagihan pinjaman online menyebarkan data pribadi",
                    "Pinjol ilegal meneror keluarga saya",
                ),
                openings=(
                    "Pada {tanggal} saya meminjam uang lewat sebuah aplikasi pinjaman online.",
                ),
                details=(
                    "Bunga dan dendanya naik berlipat dalam dua minggu.",
                    "Penagih menyebarkan foto KTP saya ke semua kontak di ponsel.",
                    "Aplikasi itu ternyata tidak terdaftar di OJK.",
                ),
                requests=(
                    "Mohon aplikasi ini diblokir dan penagihnya ditindak.",
                    "Saya minta perlindungan atas data pribadi saya.",
                ),
            ),
        ),
        aspirasi=(
            (
                "Usulan edukasi bahaya pinjol di sekolah",
                "Banyak anak muda terjerat pinjaman online ilegal. Kami mengusulkan edukasi keuangan di sekolah dan kampus.",
            ),
        ),
        informasi=(
            (
                "Cara mengecek pinjol yang terdaftar di OJK",
                "Bagaimana cara mengetahui apakah sebuah aplikasi pinjaman online terdaftar di OJK? Apakah ada daftarnya?",
            ),
        ),
        answers=(
            "Aplikasi tersebut sudah diblokir dan data diteruskan ke Satgas PASTI.",
            "Pelapor sudah dihubungi dan diberi pendampingan pengaduan.",
        ),
    ),
    Theme(
        key="listrik",
        categories=("listrik-padam", "tagihan-listrik", "sambungan-listrik"),
        unit_keywords=(),
        issues=(
            Issue(
                categories=("listrik-padam",),
                titles=("Listrik padam berulang kali di {desa_full}",),
                openings=(
                    "Sejak {tanggal} listrik di {desa_full}, {kota} padam hampir setiap malam.",
                ),
                details=(
                    "Padamnya bisa sampai tiga jam dan tanpa pemberitahuan.",
                    "Kulkas dan pompa air warga ada yang rusak.",
                    "Warung-warung terpaksa tutup lebih awal.",
                ),
                requests=("Mohon PLN memeriksa jaringan di daerah kami.",),
            ),
            Issue(
                categories=("tagihan-listrik",),
                titles=("Tagihan listrik naik dua kali lipat", "Token listrik tidak masuk"),
                openings=(
                    "Tagihan listrik bulan ini di rumah saya di {jalan}, {kota} naik dua kali lipat.",
                ),
                details=(
                    "Pemakaian kami tidak berubah dari bulan sebelumnya.",
                    "Angka di meteran tidak sama dengan angka di tagihan.",
                ),
                requests=("Mohon meteran diperiksa dan tagihan dikoreksi.",),
            ),
            Issue(
                categories=("sambungan-listrik",),
                titles=("Pasang baru listrik belum dikerjakan setelah dua bulan",),
                openings=(
                    "Pada {tanggal} saya mengajukan pasang baru listrik untuk rumah di {desa_full}, {kota}.",
                ),
                details=(
                    "Biaya penyambungan sudah saya bayar lunas.",
                    "Petugas belum juga datang memasang meteran.",
                ),
                requests=("Mohon pemasangan segera dijadwalkan.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan jadwal pemadaman diumumkan lebih awal",
                "Warga {kota_short} sering tidak tahu ada pemadaman. Kami mengusulkan jadwal pemeliharaan jaringan diumumkan paling lambat tiga hari sebelumnya.",
            ),
        ),
        informasi=(
            (
                "Cara tambah daya listrik rumah tangga",
                "Bagaimana cara mengajukan tambah daya listrik untuk rumah di {kota}? Berapa lama prosesnya?",
            ),
        ),
        answers=(
            "Gangguan pada trafo distribusi sudah diperbaiki; listrik kembali normal.",
            "Meteran sudah diperiksa; kelebihan tagihan dikembalikan pada bulan berikutnya.",
        ),
    ),
    Theme(
        key="lpg",
        categories=("bbm-lpg",),
        unit_keywords=("patra niaga",),
        issues=(
            Issue(
                titles=(
                    "LPG 3 kg langka di {desa_full}",
                    "Pangkalan menjual LPG 3 kg di atas HET",
                ),
                openings=(
                    "Sejak {tanggal} elpiji 3 kg sulit didapat di {desa_full}, Kecamatan {kecamatan}, {kota}.",
                ),
                details=(
                    "Pangkalan selalu bilang stok habis padahal truk baru datang.",
                    "Di warung harganya sampai tiga puluh ribu rupiah per tabung.",
                ),
                requests=("Mohon penyaluran di pangkalan ini diawasi.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan tambahan pangkalan LPG di {kecamatan}",
                "Pangkalan LPG di Kecamatan {kecamatan} hanya sedikit. Kami mengusulkan pangkalan baru di {desa_full}.",
            ),
        ),
        informasi=(
            (
                "Syarat membeli LPG 3 kg dengan KTP",
                "Apakah sekarang membeli elpiji 3 kg harus membawa KTP? Di mana saya bisa mengecek data saya?",
            ),
        ),
        answers=(
            "Pangkalan tersebut sudah diberi sanksi dan pasokan ke desa pelapor ditambah.",
            "Stok LPG 3 kg di wilayah pelapor sudah kembali normal.",
        ),
    ),
    Theme(
        key="polisi",
        categories=("kepolisian",),
        unit_keywords=(),
        issues=(
            Issue(
                categories=("sim", "stnk-bpkb"),
                titles=(
                    "Calo di Satpas SIM {kota_short}",
                    "Diminta biaya tambahan saat perpanjang SIM",
                ),
                openings=("Pada {tanggal} saya memperpanjang SIM di Satpas {kota_short}.",),
                details=(
                    "Di depan loket ada calo yang menawarkan SIM jadi dalam satu jam.",
                    "Petugas meminta uang tambahan di luar biaya resmi.",
                ),
                requests=("Mohon praktik calo di tempat ini ditertibkan.",),
            ),
            Issue(
                categories=("skck",),
                titles=("Pembuatan SKCK di Polsek {kecamatan} lama",),
                openings=(
                    "Pada {tanggal} saya mengurus SKCK di Polsek {kecamatan}, {kota} untuk melamar kerja.",
                ),
                details=(
                    "Sudah tiga kali datang, selalu diminta kembali besok.",
                    "Tidak ada informasi berapa lama SKCK selesai.",
                ),
                requests=("Mohon pelayanan SKCK dipercepat.",),
            ),
            Issue(
                categories=("tilang",),
                titles=("Razia di {jalan} meminta uang damai",),
                openings=("Pada {tanggal} saya dihentikan dalam razia di {jalan}, {kota}.",),
                details=(
                    "Petugas menawarkan damai di tempat dengan membayar seratus ribu rupiah.",
                    "Saya tidak diberi surat tilang.",
                ),
                requests=("Mohon oknum petugas tersebut diperiksa.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan layanan SIM keliling di {kecamatan}",
                "Warga Kecamatan {kecamatan} jauh dari Satpas. Kami mengusulkan SIM keliling datang sebulan sekali.",
            ),
        ),
        informasi=(
            (
                "Syarat perpanjangan SIM yang sudah mati",
                "SIM saya mati dua minggu lalu. Apakah masih bisa diperpanjang atau harus membuat baru?",
            ),
        ),
        answers=(
            "Propam sudah memeriksa petugas yang dilaporkan dan memberinya sanksi.",
            "Layanan di loket sudah dibenahi dan papan biaya resmi dipasang.",
        ),
    ),
    Theme(
        key="asn",
        categories=("kepegawaian",),
        unit_keywords=(),
        issues=(
            Issue(
                categories=("seleksi-casn",),
                titles=("Nilai SKD CASN saya tidak muncul di pengumuman",),
                openings=("Pada {tanggal} saya mengikuti SKD CASN di titik lokasi {kota}.",),
                details=(
                    "Nilai saya di layar sudah di atas ambang batas.",
                    "Di pengumuman nama saya tidak ada dan tidak ada penjelasan.",
                ),
                requests=("Mohon data nilai saya diperiksa kembali.",),
            ),
            Issue(
                categories=("netralitas-asn", "disiplin-asn"),
                titles=(
                    "ASN di {kota_short} ikut berkampanye",
                    "Pegawai negeri memasang spanduk calon di {kota_short}",
                ),
                openings=(
                    "Pada {tanggal} saya melihat seorang pegawai negeri di {kota} berkampanye untuk salah satu calon.",
                ),
                details=(
                    "Ia memakai seragam dinas saat memasang spanduk.",
                    "Fotonya beredar di grup warga.",
                ),
                requests=("Mohon pegawai tersebut diperiksa sesuai aturan disiplin ASN.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan pengumuman seleksi CASN lebih terbuka",
                "Kami mengusulkan nilai setiap peserta seleksi CASN diumumkan lengkap agar semua bisa memeriksa.",
            ),
        ),
        informasi=(
            (
                "Jadwal seleksi PPPK tahun ini",
                "Kapan pendaftaran seleksi PPPK dibuka dan di mana informasinya diumumkan?",
            ),
        ),
        answers=(
            "Data pelapor sudah diperiksa ulang; nilainya sudah benar di sistem.",
            "Pegawai yang dilaporkan sudah diperiksa dan dijatuhi hukuman disiplin.",
        ),
    ),
    Theme(
        key="agama",
        categories=("haji-umrah", "kua-pernikahan"),
        unit_keywords=(),
        issues=(
            Issue(
                categories=("haji-umrah",),
                titles=("Setoran haji orang tua saya tidak tercatat",),
                openings=(
                    "Pada {tanggal} saya menanyakan nomor porsi haji orang tua saya di Kantor Kemenag {kota_short}.",
                ),
                details=(
                    "Bukti setoran awal kami simpan dengan baik.",
                    "Di sistem nomor porsinya tidak ditemukan.",
                ),
                requests=("Mohon data pendaftaran haji orang tua saya diperiksa.",),
            ),
            Issue(
                categories=("kua-pernikahan",),
                titles=("Biaya nikah di KUA {kecamatan} tidak sesuai aturan",),
                openings=(
                    "Pada {tanggal} saya mendaftarkan pernikahan di KUA Kecamatan {kecamatan}, {kota}.",
                ),
                details=(
                    "Nikah di kantor KUA seharusnya gratis.",
                    "Kami diminta membayar lima ratus ribu rupiah tanpa kuitansi.",
                ),
                requests=("Mohon pungutan ini ditindak.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan bimbingan perkawinan di akhir pekan",
                "Banyak calon pengantin bekerja pada hari kerja. Kami mengusulkan bimbingan perkawinan di KUA {kecamatan} juga diadakan hari Sabtu.",
            ),
        ),
        informasi=(
            (
                "Cara cek nomor porsi haji",
                "Bagaimana cara mengecek nomor porsi dan perkiraan keberangkatan haji?",
            ),
        ),
        answers=(
            "Data setoran sudah dicocokkan dan nomor porsi pelapor sudah tercatat.",
            "Kepala KUA sudah ditegur dan uang pelapor dikembalikan.",
        ),
    ),
    Theme(
        key="tanah",
        categories=("sertifikat-tanah", "sengketa-tanah"),
        unit_keywords=(),
        issues=(
            Issue(
                categories=("sertifikat-tanah",),
                titles=("Pungutan PTSL di {desa_full} melebihi ketentuan",),
                openings=(
                    "Pada {tanggal} panitia PTSL di {desa_full}, {kota} meminta biaya sertifikat.",
                ),
                details=(
                    "Setiap bidang diminta satu juta rupiah.",
                    "Sertifikat yang dijanjikan belum juga dibagikan.",
                ),
                requests=("Mohon pungutan ini diperiksa dan sertifikat kami diserahkan.",),
            ),
            Issue(
                categories=("sengketa-tanah",),
                titles=("Sertifikat ganda atas tanah kami di {desa_full}",),
                openings=(
                    "Tanah keluarga kami di {desa_full}, {kota} ternyata punya dua sertifikat.",
                ),
                details=(
                    "Sertifikat kami terbit lebih dulu.",
                    "Pihak lain mulai memagari tanah itu.",
                ),
                requests=("Mohon kantor pertanahan meneliti riwayat kedua sertifikat.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan loket pertanahan keliling di {kecamatan}",
                "Warga {kecamatan} jauh dari kantor pertanahan. Kami mengusulkan loket keliling sebulan sekali.",
            ),
        ),
        informasi=(
            (
                "Biaya resmi PTSL",
                "Berapa biaya resmi yang boleh dipungut untuk sertifikat PTSL di {kota}?",
            ),
        ),
        answers=(
            "Sertifikat pelapor sudah diserahkan di kantor desa.",
            "Kantor Pertanahan sudah memanggil kedua pihak untuk mediasi.",
        ),
    ),
    Theme(
        key="pbb",
        categories=("pajak-daerah",),
        unit_keywords=(),
        issues=(
            Issue(
                titles=("SPPT PBB salah luas tanah",),
                openings=("Pada {tanggal} saya menerima SPPT PBB untuk rumah di {jalan}, {kota}.",),
                details=(
                    "Luas tanah di SPPT dua kali lebih besar dari sertifikat.",
                    "Akibatnya pajak yang harus saya bayar naik banyak.",
                ),
                requests=("Mohon data objek pajak saya dibetulkan.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan bayar PBB lewat aplikasi",
                "Kami mengusulkan PBB di {kota_short} bisa dibayar lewat aplikasi dan minimarket.",
            ),
        ),
        informasi=(
            (
                "Jatuh tempo PBB tahun ini",
                "Kapan jatuh tempo pembayaran PBB di {kota}? Apakah ada keringanan bagi lansia?",
            ),
        ),
        answers=(
            "Data objek pajak sudah dibetulkan dan SPPT baru diterbitkan.",
            "Petugas sudah mengukur ulang; tagihan pelapor dikoreksi.",
        ),
    ),
    Theme(
        key="pajak",
        categories=("pajak-pusat",),
        unit_keywords=("direktorat jenderal pajak",),
        issues=(
            Issue(
                titles=("Tidak bisa masuk Coretax untuk lapor SPT",),
                openings=("Sejak {tanggal} saya mencoba melaporkan SPT tahunan lewat Coretax.",),
                details=(
                    "Setiap kali masuk muncul pesan galat.",
                    "Kantor pajak meminta saya mencoba lagi nanti.",
                ),
                requests=("Mohon akun saya diperiksa sebelum batas waktu lapor.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan pendampingan lapor SPT di kecamatan",
                "Banyak warga {kecamatan} kesulitan lapor SPT. Kami mengusulkan pojok pajak di kantor kecamatan.",
            ),
        ),
        informasi=(
            (
                "Cara memadankan NIK dengan NPWP",
                "Bagaimana cara memadankan NIK saya dengan NPWP?",
            ),
        ),
        answers=(
            "Akun pelapor sudah dipulihkan dan SPT berhasil dilaporkan.",
            "Petugas sudah membantu pelapor lewat layanan Kring Pajak.",
        ),
    ),
    Theme(
        key="cukai",
        categories=("bea-cukai",),
        unit_keywords=("bea dan cukai",),
        issues=(
            Issue(
                titles=("Paket kiriman dari luar negeri tertahan",),
                openings=(
                    "Pada {tanggal} paket kiriman keluarga saya dari luar negeri tertahan di bea cukai.",
                ),
                details=(
                    "Isinya barang pribadi yang nilainya kecil.",
                    "Bea masuk yang ditagihkan lebih mahal dari harga barang.",
                ),
                requests=("Mohon penetapan bea masuknya diperiksa.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan penjelasan bea masuk yang lebih mudah",
                "Kami mengusulkan cara menghitung bea masuk barang kiriman dijelaskan dengan contoh.",
            ),
        ),
        informasi=(
            (
                "Batas bebas bea barang kiriman",
                "Berapa nilai barang kiriman dari luar negeri yang bebas bea masuk?",
            ),
        ),
        answers=(
            "Penetapan sudah diperiksa ulang; paket pelapor sudah dikirim.",
            "Pelapor sudah diberi penjelasan rincian bea masuk dan pajaknya.",
        ),
    ),
    Theme(
        key="ketertiban",
        categories=("pedagang-kaki-lima", "bangunan-liar", "gangguan-ketertiban"),
        unit_keywords=("polisi pamong praja",),
        issues=(
            Issue(
                categories=("pedagang-kaki-lima",),
                titles=("Pedagang kaki lima menutup trotoar di {jalan}",),
                openings=(
                    "Setiap sore sejak {tanggal} pedagang berjualan di trotoar {jalan}, {kota}.",
                ),
                details=(
                    "Pejalan kaki terpaksa berjalan di badan jalan.",
                    "Gerobak ditinggal di trotoar sampai pagi.",
                ),
                requests=("Mohon pedagang ditata di tempat yang disediakan.",),
            ),
            Issue(
                categories=("bangunan-liar",),
                titles=("Bangunan liar di bantaran sungai {desa_full}",),
                openings=(
                    "Sejak {tanggal} ada bangunan baru berdiri di bantaran sungai di {desa_full}, {kota}.",
                ),
                details=(
                    "Bangunan itu menyempitkan aliran sungai.",
                    "Saat hujan air meluap ke rumah warga.",
                ),
                requests=("Mohon bangunan tersebut ditertibkan.",),
            ),
            Issue(
                categories=("gangguan-ketertiban",),
                titles=("Tempat karaoke di {desa_full} bising sampai dini hari",),
                openings=(
                    "Sejak {tanggal} tempat karaoke di dekat {tempat}, {desa_full} buka sampai pukul tiga pagi.",
                ),
                details=(
                    "Suaranya terdengar sampai rumah warga.",
                    "Anak-anak sulit tidur dan belajar.",
                ),
                requests=("Mohon izin dan jam buka tempat itu diperiksa.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan lokasi khusus pedagang kaki lima di {kota_short}",
                "Kami mengusulkan lahan parkir pasar dipakai pedagang kaki lima pada sore hari agar trotoar bebas.",
            ),
        ),
        informasi=(
            (
                "Jam operasional tempat hiburan di {kota_short}",
                "Sampai jam berapa tempat hiburan malam boleh buka di {kota}?",
            ),
        ),
        answers=(
            "Satpol PP sudah menertibkan lokasi dan akan berpatroli rutin.",
            "Pemilik usaha sudah dipanggil dan diberi peringatan tertulis.",
        ),
    ),
    Theme(
        key="bencana",
        categories=("tanggap-darurat", "bantuan-korban-bencana"),
        unit_keywords=(),
        issues=(
            Issue(
                titles=(
                    "Bantuan korban banjir belum sampai ke {desa_full}",
                    "Pengungsi longsor di {desa_full} kekurangan air bersih",
                ),
                openings=(
                    "Pada {tanggal} banjir melanda {desa_full}, Kecamatan {kecamatan}, {kota}.",
                ),
                details=(
                    "Sebagian warga mengungsi ke balai desa.",
                    "Sampai hari ketiga belum ada bantuan makanan dan selimut.",
                    "Air bersih dan obat-obatan juga kurang.",
                ),
                requests=("Mohon bantuan segera dikirim ke lokasi pengungsian.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan jalur evakuasi di {desa_full}",
                "Kami mengusulkan jalur evakuasi dan titik kumpul ditandai dengan jelas di {desa_full}.",
            ),
        ),
        informasi=(
            (
                "Cara mendapat bantuan rumah rusak karena bencana",
                "Rumah saya rusak karena gempa. Bagaimana cara mengajukan bantuan perbaikan rumah?",
            ),
        ),
        answers=(
            "Logistik sudah dikirim ke posko pengungsian warga.",
            "Tim reaksi cepat sudah mendata kebutuhan warga dan menyalurkan bantuan.",
        ),
    ),
    Theme(
        key="pos",
        categories=("layanan-pos",),
        unit_keywords=(),
        issues=(
            Issue(
                titles=("Paket pos tidak sampai setelah dua minggu",),
                openings=("Pada {tanggal} saya mengirim paket dari kantor pos {kota_short}.",),
                details=(
                    "Di pelacakan statusnya tidak berubah sejak seminggu.",
                    "Petugas di loket tidak bisa memberi penjelasan.",
                ),
                requests=("Mohon paket saya dilacak dan dikirim ke alamat tujuan.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan kantor pos buka hari Sabtu di {kecamatan}",
                "Kami mengusulkan kantor pos di Kecamatan {kecamatan} buka juga pada hari Sabtu.",
            ),
        ),
        informasi=(
            (
                "Cara klaim paket pos yang hilang",
                "Bagaimana cara mengajukan ganti rugi untuk paket pos yang hilang?",
            ),
        ),
        answers=(
            "Paket pelapor sudah ditemukan dan diantar ke alamat tujuan.",
            "Ganti rugi sudah dibayarkan sesuai ketentuan.",
        ),
    ),
    Theme(
        key="mbg",
        categories=("makan-bergizi-gratis",),
        unit_keywords=("pemantauan",),
        issues=(
            Issue(
                titles=(
                    "Menu Makan Bergizi Gratis di SD Negeri {nomor} {desa} basi",
                    "Siswa keracunan setelah makan MBG",
                ),
                openings=(
                    "Pada {tanggal} anak saya di SD Negeri {nomor} {desa}, {kota} menerima makanan MBG yang berbau basi.",
                ),
                details=(
                    "Beberapa siswa mual dan muntah setelah makan.",
                    "Makanan datang pukul sepuluh tetapi baru dibagikan siang.",
                ),
                requests=("Mohon dapur penyedia makanan ini diperiksa.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan menu MBG dari bahan pangan lokal",
                "Kami mengusulkan menu Makan Bergizi Gratis di {kota_short} memakai sayur dan ikan dari petani dan nelayan setempat.",
            ),
        ),
        informasi=(
            (
                "Sekolah mana yang mendapat MBG",
                "Apakah sekolah anak saya di {kecamatan} sudah masuk daftar penerima Makan Bergizi Gratis?",
            ),
        ),
        answers=(
            "Dapur penyedia sudah diperiksa dan dihentikan sementara sampai diperbaiki.",
            "Sampel makanan sudah diuji dan siswa yang sakit sudah dirawat.",
        ),
    ),
    Theme(
        key="kereta",
        categories=("kereta-api",),
        unit_keywords=(),
        issues=(
            Issue(
                titles=("Pengembalian tiket kereta belum cair",),
                openings=(
                    "Pada {tanggal} saya membatalkan tiket kereta dari Stasiun {kota_short}.",
                ),
                details=(
                    "Uangnya dijanjikan kembali dalam tujuh hari kerja.",
                    "Sudah sebulan uang belum masuk ke rekening saya.",
                ),
                requests=("Mohon pengembalian dana saya segera diproses.",),
            ),
        ),
        aspirasi=(
            (
                "Usulan tambahan jadwal kereta lokal",
                "Kereta lokal dari {kota_short} selalu penuh pada pagi hari. Kami mengusulkan tambahan jadwal.",
            ),
        ),
        informasi=(
            (
                "Syarat naik kereta untuk anak",
                "Apakah anak berumur dua tahun perlu tiket sendiri untuk naik kereta jarak jauh?",
            ),
        ),
        answers=(
            "Dana pengembalian pelapor sudah ditransfer.",
            "Jadwal tambahan sudah masuk rencana perjalanan berikutnya.",
        ),
    ),
)

GENERIC = Theme(
    key="umum",
    categories=("pelayanan-desa-kelurahan", "lainnya"),
    unit_keywords=(),
    issues=(
        Issue(
            titles=(
                "Pelayanan di kantor {desa_full} lambat",
                "Petugas tidak ramah saat melayani warga di {kota_short}",
                "Layanan publik di Kecamatan {kecamatan} tutup pada jam kerja",
                "Pungutan tanpa dasar di kantor pelayanan {kota_short}",
            ),
            openings=("Pada {tanggal} saya datang ke kantor pelayanan di {kecamatan}, {kota}.",),
            details=(
                "Kantor masih tutup padahal sudah pukul sembilan pagi.",
                "Petugas berbicara kasar ketika saya bertanya.",
                "Saya diminta membayar tanpa diberi tanda terima.",
                "Antrean tidak teratur dan tidak ada nomor antrean.",
            ),
            requests=(
                "Mohon pelayanan di kantor ini diperbaiki.",
                "Kami minta petugas tersebut ditegur.",
            ),
        ),
    ),
    aspirasi=(
        (
            "Usulan layanan daring di {kota_short}",
            "Banyak warga sulit datang ke kantor pada jam kerja. Kami mengusulkan layanan bisa diurus secara daring.",
        ),
    ),
    informasi=(
        (
            "Jam layanan kantor di {kecamatan}",
            "Saya ingin tahu jam buka layanan publik di Kecamatan {kecamatan}, {kota}. Apakah kantor buka pada hari Sabtu?",
        ),
    ),
    answers=(
        "Pimpinan unit sudah menegur petugas dan memasang papan informasi layanan.",
        "Layanan sudah berjalan normal sesuai jam kerja.",
    ),
)

HOLD_QUESTIONS = (
    "Mohon lengkapi alamat lengkap lokasi kejadian (nama jalan, RT/RW).",
    "Mohon lampirkan foto lokasi atau bukti pendukung.",
    "Mohon jelaskan kapan kejadian ini terjadi dan siapa petugas yang Anda temui.",
    "Mohon sebutkan nama sekolah atau kantor yang Anda maksud.",
)
COMPLETIONS = (
    "Lokasinya di RT 03 RW 07, di depan rumah nomor 12.",
    "Foto lokasi sudah saya lampirkan.",
    "Kejadiannya hari Senin pagi, petugasnya berseragam dan berjaga di loket dua.",
    "Nama sekolahnya sudah saya tulis di atas, mohon diproses.",
)
ARCHIVE_NOTES: dict[str, str] = {
    ArchiveReason.INCOMPLETE: "Laporan belum memuat keterangan yang cukup untuk ditindaklanjuti.",
    ArchiveReason.OUT_OF_SCOPE: "Laporan ini di luar ruang lingkup LAPOR!: silakan melapor ke aparat penegak hukum.",
    ArchiveReason.DUPLICATE: "Laporan yang sama sudah pernah disampaikan dan sedang ditangani.",
    ArchiveReason.SPAM: "Laporan tidak berisi pengaduan pelayanan publik.",
}
HOLD_EXPIRED_NOTE = "Informasi yang diminta tidak dilengkapi dalam 10 hari kerja."
FOLLOWUPS = (
    "Terima kasih atas laporan Anda. Laporan sudah kami teruskan ke petugas di lapangan.",
    "Petugas kami akan meninjau lokasi dalam minggu ini.",
    "Kami sedang berkoordinasi dengan pihak terkait dan akan segera memberi kabar.",
    "Tim sudah turun ke lokasi dan mencatat permasalahannya.",
)
REPLIES = (
    "Terima kasih, tetapi sampai hari ini belum ada perubahan di lokasi.",
    "Kapan perbaikannya dilakukan? Kami masih menunggu.",
    "Masalahnya muncul lagi setelah beberapa hari.",
)
DECLINE_NOTES = (
    "Laporan ini bukan kewenangan kami; mohon diteruskan ke instansi yang berwenang.",
    "Lokasi kejadian di luar wilayah kerja kami.",
)
TRANSFER_NOTES = ("Dialihkan ke instansi yang berwenang menangani masalah ini.",)
DISPOSE_UNIT_NOTES = ("Mohon ditindaklanjuti sesuai kewenangan.", "Segera ditangani.")
CONSENT_NOTES = (
    "Laporan belum selesai setelah 60 hari. Apakah Anda setuju laporan ini ditangani Ombudsman RI?",
)
RATING_COMMENTS = {
    5: ("Terima kasih, masalahnya sudah selesai dengan cepat.", "Mantap, pelayanannya baik."),
    4: ("Sudah ditangani, meskipun agak lama.",),
    3: ("Lumayan, tetapi perlu dipantau terus.",),
    2: ("Penanganannya lama dan hasilnya kurang memuaskan.",),
    1: ("Tidak ada perubahan sama sekali di lapangan.",),
}

# The demo reporters' names.
FIRST_NAMES = (
    "Budi",
    "Siti",
    "Agus",
    "Dewi",
    "Rudi",
    "Sri",
    "Andi",
    "Rina",
    "Joko",
    "Wati",
    "Hendra",
    "Yuni",
    "Bambang",
    "Lestari",
    "Eko",
    "Nur",
    "Fajar",
    "Putri",
    "Dimas",
    "Ayu",
    "Made",
    "Ketut",
    "Ahmad",
    "Maria",
    "Yohanes",
    "Fitri",
)
LAST_NAMES = (
    "Santoso",
    "Wijaya",
    "Hidayat",
    "Lestari",
    "Saputra",
    "Nugroho",
    "Rahmawati",
    "Siregar",
    "Simanjuntak",
    "Pratama",
    "Kurniawan",
    "Setiawan",
    "Wulandari",
    "Harahap",
    "Suryadi",
    "Manurung",
    "Tanjung",
    "Utami",
)
