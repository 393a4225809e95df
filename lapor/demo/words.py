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


@dataclass(frozen=True)
class Theme:
    """Words for one topic, matched to categories by keywords in their name."""

    key: str
    keywords: tuple[str, ...]
    unit_keywords: tuple[str, ...]
    issues: tuple[Issue, ...]
    aspirasi: tuple[tuple[str, str], ...]
    informasi: tuple[tuple[str, str], ...]
    answers: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme(
        key="jalan",
        keywords=("jalan", "infrastruktur", "jembatan", "drainase", "penerangan", "pupr"),
        unit_keywords=("pupr", "pekerjaan umum", "bina marga"),
        issues=(
            Issue(
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
        keywords=("kesehatan", "puskesmas", "rumah sakit", "bpjs", "obat"),
        unit_keywords=("kesehatan", "rsud", "puskesmas"),
        issues=(
            Issue(
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
                "Usulan penambahan jam layanan Puskesmas {kecamatan}",
                "Banyak warga bekerja sampai sore sehingga sulit berobat pada jam layanan. Kami mengusulkan Puskesmas {kecamatan} buka sampai malam.",
            ),
        ),
        informasi=(
            (
                "Syarat berobat gratis di RSUD {kota_short}",
                "Saya ingin tahu syarat berobat gratis bagi warga tidak mampu di RSUD {kota_short}. Dokumen apa saja yang harus dibawa?",
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
        keywords=("pendidikan", "sekolah", "ppdb", "beasiswa", "guru"),
        unit_keywords=("pendidikan",),
        issues=(
            Issue(
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
        keywords=("kependudukan", "ktp", "dukcapil", "akta", "kartu keluarga", "adminduk"),
        unit_keywords=("kependudukan", "dukcapil", "pencatatan sipil"),
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
        keywords=("perhubungan", "transportasi", "angkutan", "parkir", "lalu lintas"),
        unit_keywords=("perhubungan",),
        issues=(
            Issue(
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
        keywords=("lingkungan", "sampah", "limbah", "pencemaran", "kebersihan"),
        unit_keywords=("lingkungan hidup", "kebersihan"),
        issues=(
            Issue(
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
        keywords=("sosial", "bansos", "bantuan", "pkh", "dtks", "blt"),
        unit_keywords=("sosial",),
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
        keywords=("ketenagakerjaan", "tenaga kerja", "upah", "thr", "pekerja"),
        unit_keywords=("tenaga kerja", "ketenagakerjaan"),
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
        keywords=("perizinan", "izin", "pbg", "imb", "nib", "investasi"),
        unit_keywords=("penanaman modal", "perizinan", "ptsp"),
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
        keywords=("air", "pdam", "listrik", "pln", "utilitas"),
        unit_keywords=("pdam", "air minum", "perumda"),
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
        keywords=("pinjaman", "pinjol", "keuangan", "ojk", "fintech"),
        unit_keywords=(),
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
)

GENERIC = Theme(
    key="umum",
    keywords=(),
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
