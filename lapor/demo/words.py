"""The demo's words: stories (titles, what happened, what is asked, the agency's
answers, a suggestion and a question, which belong together), each tied to the topics
(category slugs) it is told under; officials' notes and people's names, in the plain
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
    """One story and the topics it is told under: a complaint (titles, what happened in
    order, what is asked), the agency's answers to it, and the suggestion (aspirasi) and
    the question (informasi) a citizen files on the same topics. Everything in it fits
    every topic it names: a lamp post is not a pothole, though both go to the Dinas PU.
    """

    # The topics (leaf category slugs) this story is told under, and only those.
    categories: tuple[str, ...]
    titles: tuple[str, ...]
    openings: tuple[str, ...]
    details: tuple[str, ...]
    requests: tuple[str, ...]
    answers: tuple[str, ...]
    aspirasi: tuple[tuple[str, str], ...]
    informasi: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Theme:
    """Stories that go to the same kind of office. ``unit_keywords`` pick the unit a
    report goes on to, in order of preference (the first word that matches a unit's
    name wins)."""

    key: str
    unit_keywords: tuple[str, ...]
    issues: tuple[Issue, ...]

    @property
    def categories(self) -> tuple[str, ...]:
        """The topics its stories are told under."""
        return tuple(dict.fromkeys(slug for issue in self.issues for slug in issue.categories))


# How an agency answers a suggestion or a question (a complaint's answers are its story's).
ASPIRASI_ANSWERS = (
    "Terima kasih atas usulan Anda. Usulan ini sudah kami catat dan dibahas dalam penyusunan rencana kerja tahun depan.",
    "Usulan Anda sudah kami teruskan ke bidang terkait untuk dikaji kelayakannya.",
)
INFORMASI_ANSWERS = (
    "Terima kasih atas pertanyaan Anda. Jawaban beserta rincian syarat dan jadwalnya sudah kami kirimkan.",
    "Informasi yang Anda minta sudah kami jawab dan kini juga diumumkan di papan pengumuman kantor kami.",
)

THEMES: tuple[Theme, ...] = (
    Theme(
        key="jalan",
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
                answers=(
                    "Tim sudah meninjau lokasi dan lubang di jalan sudah ditambal.",
                    "Perbaikan jalan sudah masuk jadwal pemeliharaan bulan ini dan dikerjakan minggu depan.",
                    "Ruas jalan yang dilaporkan sudah diaspal ulang.",
                ),
                aspirasi=(
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
            ),
            Issue(
                categories=("penerangan-jalan",),
                titles=(
                    "Lampu penerangan jalan mati di {jalan}",
                    "Lampu jalan di {jalan} dekat {tempat} tidak menyala",
                ),
                openings=(
                    "Sejak {tanggal} lampu jalan di sepanjang {jalan} dekat {tempat}, {desa_full} tidak menyala.",
                ),
                details=(
                    "Malam hari jalan gelap sekali dan warga takut lewat.",
                    "Minggu lalu ada warga yang dijambret di dekat lokasi itu.",
                    "Warga sudah melapor ke kelurahan, tetapi belum ada perbaikan.",
                ),
                requests=("Mohon lampu jalan segera diganti.",),
                answers=(
                    "Lampu penerangan jalan sudah diganti dan menyala kembali.",
                    "Petugas sudah menyambung kabel lampu jalan yang putus.",
                ),
                aspirasi=(
                    (
                        "Usulan pemasangan lampu jalan di {jalan}",
                        "{jalan} di {desa_full} sangat gelap pada malam hari. Banyak warga pulang kerja lewat jalan ini. Kami mengusulkan pemasangan beberapa lampu penerangan jalan.",
                    ),
                ),
                informasi=(
                    (
                        "Cara mengajukan lampu penerangan jalan baru",
                        "Bagaimana cara warga {desa_full} mengajukan pemasangan lampu penerangan jalan umum? Ke kantor mana permohonannya dikirim?",
                    ),
                ),
            ),
            Issue(
                categories=("drainase-banjir",),
                titles=(
                    "Saluran air tersumbat di {jalan} menyebabkan banjir",
                    "Banjir setiap hujan di {desa_full} karena drainase buruk",
                ),
                openings=(
                    "Pada {tanggal} hujan deras turun di {desa_full}, Kecamatan {kecamatan}, {kota}.",
                    "Setiap hujan deras {sejak}, saluran air di {jalan}, {desa_full} meluap.",
                ),
                details=(
                    "Air dari saluran meluap ke jalan dan masuk ke rumah warga.",
                    "Saluran itu penuh lumpur dan belum pernah dikeruk.",
                    "Gorong-gorong di bawah jalan tersumbat sehingga air tidak mengalir.",
                ),
                requests=(
                    "Mohon saluran segera dikeruk.",
                    "Kami minta dinas terkait segera meninjau saluran di lokasi.",
                ),
                answers=(
                    "Saluran sudah dikeruk dan air kembali mengalir lancar.",
                    "Petugas sudah membersihkan gorong-gorong yang tersumbat.",
                ),
                aspirasi=(
                    (
                        "Usulan saluran drainase baru di {jalan}",
                        "Saluran di {jalan}, {desa_full} terlalu kecil untuk menampung air hujan. Kami mengusulkan saluran diperlebar.",
                    ),
                ),
                informasi=(
                    (
                        "Jadwal pengerukan saluran drainase di {kecamatan}",
                        "Kapan saluran drainase di Kecamatan {kecamatan}, {kota} dikeruk sebelum musim hujan?",
                    ),
                ),
            ),
            Issue(
                categories=("jembatan",),
                titles=(
                    "Jembatan di {desa_full} retak dan berbahaya",
                    "Lantai jembatan di {desa_full} berlubang",
                ),
                openings=(
                    "Jembatan yang menghubungkan {desa_full} dengan jalan ke {tempat} rusak {sejak}.",
                ),
                details=(
                    "Retakan pada jembatan makin lebar setelah hujan.",
                    "Jembatan itu satu-satunya jalan anak-anak ke sekolah.",
                    "Papan lantai jembatan sudah lapuk dan ada yang lepas.",
                ),
                requests=(
                    "Mohon jembatan segera diperiksa dan diperbaiki.",
                    "Kami minta petugas memasang rambu batas muatan sampai jembatan diperbaiki.",
                ),
                answers=(
                    "Jembatan sudah diperkuat dan aman dilalui kembali.",
                    "Perbaikan jembatan sudah dianggarkan; sementara itu dipasang rambu batas muatan.",
                ),
                aspirasi=(
                    (
                        "Usulan pelebaran jembatan di {desa_full}",
                        "Jembatan di {desa_full} hanya muat satu mobil sehingga sering macet. Kami mengusulkan jembatan dilebarkan.",
                    ),
                ),
                informasi=(
                    (
                        "Jadwal perbaikan jembatan di {desa_full}",
                        "Kapan jembatan di {desa_full}, {kota} yang retak akan diperbaiki?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="kesehatan",
        unit_keywords=("dinas kesehatan", "kesehatan primer"),
        issues=(
            Issue(
                categories=("pelayanan-puskesmas",),
                titles=(
                    "Antrean sangat panjang di Puskesmas {kecamatan}",
                    "Loket Puskesmas {kecamatan} buka terlambat",
                ),
                openings=(
                    "Pada {tanggal} saya mengantar ibu saya berobat ke Puskesmas {kecamatan}, {kota}.",
                ),
                details=(
                    "Kami datang pukul tujuh pagi tetapi baru dilayani pukul dua siang.",
                    "Loket pendaftaran baru buka satu jam setelah jadwal.",
                    "Tidak ada nomor antrean dan pasien saling serobot.",
                ),
                requests=("Mohon pelayanan puskesmas diperbaiki.",),
                answers=(
                    "Kepala puskesmas sudah menambah loket pendaftaran dan memasang nomor antrean.",
                    "Loket puskesmas kini buka tepat waktu pukul tujuh pagi.",
                ),
                aspirasi=(
                    (
                        "Usulan pendaftaran puskesmas secara daring di {kota_short}",
                        "Banyak warga bekerja sampai sore sehingga sulit mengantre di puskesmas. Kami mengusulkan pendaftaran bisa dilakukan secara daring.",
                    ),
                ),
                informasi=(
                    (
                        "Jam layanan Puskesmas {kecamatan} pada hari Sabtu",
                        "Apakah Puskesmas {kecamatan}, {kota} buka pada hari Sabtu? Sampai jam berapa loket pendaftaran buka?",
                    ),
                ),
            ),
            Issue(
                categories=("tenaga-kesehatan",),
                titles=(
                    "Bidan desa tidak ada di tempat di {desa_full}",
                    "Perawat bersikap kasar kepada pasien di Puskesmas {kecamatan}",
                ),
                openings=(
                    "Pada {tanggal} saya membawa anak saya yang demam untuk diperiksa di {desa_full}, {kota}.",
                ),
                details=(
                    "Petugas kesehatan yang berjaga tidak ada dan pintu dikunci.",
                    "Ketika akhirnya datang, petugas membentak pasien yang bertanya.",
                    "Warga lain mengatakan hal ini sudah sering terjadi.",
                ),
                requests=("Mohon petugas kesehatan tersebut dibina dan ditegur.",),
                answers=(
                    "Petugas yang dilaporkan sudah ditegur dan diberi pembinaan.",
                    "Dinas sudah menempatkan bidan pengganti di desa pelapor.",
                ),
                aspirasi=(
                    (
                        "Usulan penambahan bidan di {desa_full}",
                        "Satu bidan melayani tiga dusun di {desa_full}. Kami mengusulkan penambahan bidan desa.",
                    ),
                ),
                informasi=(
                    (
                        "Jadwal praktik dokter di Puskesmas {kecamatan}",
                        "Hari apa saja dokter umum dan dokter gigi praktik di Puskesmas {kecamatan}, {kota}?",
                    ),
                ),
            ),
            Issue(
                categories=("imunisasi-posyandu",),
                titles=(
                    "Vaksin imunisasi kosong di posyandu {desa_full}",
                    "Posyandu di {desa_full} tidak buka dua bulan",
                ),
                openings=(
                    "Pada {tanggal} saya membawa bayi saya ke posyandu di {desa_full}, {kota} untuk imunisasi.",
                ),
                details=(
                    "Kader mengatakan vaksin belum dikirim dari puskesmas.",
                    "Jadwal imunisasi anak saya sudah lewat dua minggu.",
                    "Penimbangan balita juga tidak diadakan.",
                ),
                requests=("Mohon vaksin segera dikirim dan posyandu dibuka kembali.",),
                answers=(
                    "Stok vaksin sudah dikirim dan imunisasi dijadwalkan ulang minggu ini.",
                    "Kader posyandu sudah aktif kembali sesuai jadwal bulanan.",
                ),
                aspirasi=(
                    (
                        "Usulan jadwal posyandu pada akhir pekan di {desa_full}",
                        "Banyak ibu di {desa_full} bekerja pada hari kerja. Kami mengusulkan posyandu juga buka hari Sabtu.",
                    ),
                ),
                informasi=(
                    (
                        "Jadwal imunisasi anak di {kecamatan}",
                        "Kapan jadwal imunisasi dasar untuk bayi di Kecamatan {kecamatan}, {kota}?",
                    ),
                ),
            ),
            Issue(
                categories=("cek-kesehatan-gratis",),
                titles=(
                    "Cek kesehatan gratis ditolak di Puskesmas {kecamatan}",
                    "Kuota cek kesehatan gratis di {kota_short} selalu habis",
                ),
                openings=(
                    "Pada {tanggal} saya datang ke Puskesmas {kecamatan}, {kota} untuk cek kesehatan gratis pada hari ulang tahun saya.",
                ),
                details=(
                    "Petugas mengatakan kuota hari itu sudah habis.",
                    "Saya sudah mendaftar lewat aplikasi dan mendapat jadwal.",
                ),
                requests=("Mohon saya dijadwalkan ulang untuk cek kesehatan gratis.",),
                answers=(
                    "Pelapor sudah dijadwalkan ulang untuk cek kesehatan gratis.",
                    "Puskesmas sudah membuka kuota tambahan cek kesehatan gratis.",
                ),
                aspirasi=(
                    (
                        "Usulan cek kesehatan gratis keliling ke {desa_full}",
                        "Warga lanjut usia di {desa_full} sulit datang ke puskesmas. Kami mengusulkan cek kesehatan gratis keliling ke desa.",
                    ),
                ),
                informasi=(
                    (
                        "Syarat ikut cek kesehatan gratis",
                        "Apa syarat mengikuti cek kesehatan gratis di {kota}? Apakah harus mendaftar lewat aplikasi?",
                    ),
                ),
            ),
            Issue(
                categories=("rumah-sakit",),
                titles=(
                    "Obat tidak tersedia di RSUD {kota_short}",
                    "Pasien ditolak IGD RSUD {kota_short} karena kamar penuh",
                ),
                openings=("Tanggal {tanggal} anak saya dirawat di RSUD {kota_short}.",),
                details=(
                    "Petugas mengatakan obat yang diresepkan sedang kosong.",
                    "Kami diminta membeli obat sendiri di apotek luar.",
                    "Kami menunggu di lorong rumah sakit lebih dari enam jam.",
                ),
                requests=(
                    "Mohon ketersediaan obat di rumah sakit diperhatikan.",
                    "Kami minta penjelasan dari pihak rumah sakit.",
                ),
                answers=(
                    "Stok obat sudah dipenuhi kembali dan pasien dapat mengambilnya di apotek rumah sakit.",
                    "Direktur rumah sakit sudah memeriksa petugas IGD dan menambah tempat tidur.",
                ),
                aspirasi=(
                    (
                        "Usulan ruang tunggu keluarga pasien di RSUD {kota_short}",
                        "Keluarga pasien di RSUD {kota_short} menunggu di lorong. Kami mengusulkan ruang tunggu yang layak.",
                    ),
                ),
                informasi=(
                    (
                        "Jam besuk pasien di RSUD {kota_short}",
                        "Jam berapa saja keluarga boleh menjenguk pasien rawat inap di RSUD {kota_short}?",
                    ),
                ),
            ),
            Issue(
                categories=("bpjs-kesehatan",),
                titles=(
                    "Pasien BPJS diminta membayar obat di RSUD {kota_short}",
                    "Kartu BPJS Kesehatan tiba-tiba tidak aktif",
                ),
                openings=(
                    "Pada {tanggal} saya berobat dengan kartu BPJS Kesehatan di RSUD {kota_short}.",
                ),
                details=(
                    "Padahal kami peserta BPJS Kesehatan yang iurannya lancar.",
                    "Petugas mengatakan kepesertaan kami tidak aktif.",
                    "Tidak ada penjelasan dari petugas mengapa kami harus membayar.",
                ),
                requests=(
                    "Kami minta penjelasan dan pengembalian biaya yang sudah kami bayar.",
                    "Mohon kepesertaan BPJS Kesehatan saya diperiksa.",
                ),
                answers=(
                    "Biaya yang dipungut sudah dikembalikan kepada pasien.",
                    "Kepesertaan BPJS Kesehatan pelapor sudah aktif kembali.",
                ),
                aspirasi=(
                    (
                        "Usulan layanan BPJS Kesehatan keliling di {kecamatan}",
                        "Kantor BPJS Kesehatan jauh dari {kecamatan}. Kami mengusulkan layanan keliling sebulan sekali.",
                    ),
                ),
                informasi=(
                    (
                        "Cara mengaktifkan kembali kartu BPJS Kesehatan",
                        "Kartu BPJS Kesehatan saya tidak aktif. Bagaimana cara mengaktifkannya kembali di {kota}?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="pendidikan",
        unit_keywords=("dinas pendidikan",),
        issues=(
            Issue(
                categories=("penerimaan-murid-baru",),
                titles=(
                    "Pungutan liar saat PPDB di SMP Negeri {nomor} {kecamatan}",
                    "Anak saya tidak lolos PPDB padahal rumah dekat sekolah",
                ),
                openings=(
                    "Pada {tanggal} saya mendaftarkan anak saya ke SMP Negeri {nomor} {kecamatan}, {kota}.",
                ),
                details=(
                    "Pihak sekolah meminta uang sebesar dua juta rupiah tanpa kuitansi.",
                    "Jarak rumah kami ke sekolah hanya lima ratus meter.",
                    "Orang tua lain mengalami hal yang sama tetapi takut melapor.",
                ),
                requests=(
                    "Mohon dinas pendidikan memeriksa penerimaan murid di sekolah tersebut.",
                    "Kami minta hasil seleksi diperiksa ulang.",
                ),
                answers=(
                    "Dinas sudah memanggil kepala sekolah dan pungutan dihentikan.",
                    "Panitia sudah memeriksa ulang jarak rumah; anak pelapor diterima.",
                ),
                aspirasi=(
                    (
                        "Usulan kuota zonasi PPDB ditambah di {kecamatan}",
                        "Banyak anak di {kecamatan} tidak mendapat sekolah negeri. Kami mengusulkan kuota zonasi ditambah.",
                    ),
                ),
                informasi=(
                    (
                        "Jadwal pendaftaran PPDB di {kota}",
                        "Saya ingin tahu jadwal dan syarat pendaftaran peserta didik baru tingkat SMP di {kota} tahun ini.",
                    ),
                ),
            ),
            Issue(
                categories=("pungutan-sekolah",),
                titles=(
                    "Sekolah meminta uang seragam yang mahal",
                    "Uang gedung diminta di SD Negeri {nomor} {desa}",
                ),
                openings=(
                    "Pada {tanggal} sekolah anak saya di {desa_full}, {kota} mengumumkan iuran baru.",
                ),
                details=(
                    "Setiap murid diminta membayar satu juta rupiah tanpa kuitansi.",
                    "Katanya uang itu untuk pembangunan, padahal sekolah negeri seharusnya gratis.",
                    "Orang tua yang belum membayar ditagih di depan anak-anak.",
                ),
                requests=("Kami minta pungutan ini dihentikan dan uang dikembalikan.",),
                answers=(
                    "Dinas sudah menegur sekolah dan pungutan dibatalkan.",
                    "Uang yang sudah dibayar orang tua murid dikembalikan.",
                ),
                aspirasi=(
                    (
                        "Usulan rincian iuran sekolah diumumkan terbuka",
                        "Kami mengusulkan setiap iuran sekolah diumumkan kepada orang tua lengkap dengan dasar aturannya.",
                    ),
                ),
                informasi=(
                    (
                        "Iuran apa saja yang boleh diminta sekolah negeri",
                        "Apakah sekolah negeri di {kota} boleh meminta uang seragam dan uang gedung?",
                    ),
                ),
            ),
            Issue(
                categories=("bantuan-pendidikan",),
                titles=(
                    "Dana PIP belum diterima siswa di {desa_full}",
                    "Kartu KIP anak saya ditahan pihak sekolah",
                ),
                openings=(
                    "Anak saya bersekolah di SD Negeri {nomor} {desa}, {kota} dan terdaftar sebagai penerima PIP.",
                ),
                details=(
                    "Dana Program Indonesia Pintar belum kami terima sampai sekarang.",
                    "Pihak sekolah mengatakan kartunya masih ditahan di dinas.",
                ),
                requests=("Mohon dana PIP anak saya segera dicairkan.",),
                answers=(
                    "Dana PIP sudah dapat dicairkan di bank penyalur dengan membawa kartu siswa.",
                    "Kartu KIP sudah diserahkan kepada orang tua murid.",
                ),
                aspirasi=(
                    (
                        "Usulan pendataan ulang penerima PIP di {kecamatan}",
                        "Banyak siswa tidak mampu di {kecamatan} belum menerima PIP. Kami mengusulkan pendataan ulang.",
                    ),
                ),
                informasi=(
                    (
                        "Cara mengecek penerima PIP",
                        "Bagaimana cara mengecek apakah anak saya terdaftar sebagai penerima PIP?",
                    ),
                ),
            ),
            Issue(
                categories=("sd-smp",),
                titles=(
                    "Atap ruang kelas SD Negeri {nomor} {desa} bocor",
                    "Toilet sekolah di SMP Negeri {nomor} {kecamatan} rusak",
                ),
                openings=("Anak saya bersekolah di {desa_full}, {kota}.",),
                details=(
                    "Saat hujan, air masuk ke kelas dan anak-anak dipindah ke perpustakaan.",
                    "Sebagian plafon sudah jatuh dan membahayakan murid.",
                    "Murid terpaksa pulang ke rumah untuk buang air.",
                ),
                requests=("Mohon bangunan sekolah segera diperbaiki.",),
                answers=(
                    "Perbaikan sudah dianggarkan dan dikerjakan pada masa libur sekolah.",
                    "Ruang kelas sudah diperbaiki dan dipakai kembali.",
                ),
                aspirasi=(
                    (
                        "Usulan penambahan ruang kelas di SD Negeri {nomor} {desa}",
                        "Satu ruang kelas di SD Negeri {nomor} {desa} dipakai dua rombongan belajar bergantian. Kami mengusulkan ruang kelas baru.",
                    ),
                ),
                informasi=(
                    (
                        "Jadwal perbaikan ruang kelas di SD Negeri {nomor} {desa}",
                        "Kapan ruang kelas SD Negeri {nomor} {desa} yang rusak akan diperbaiki?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="kependudukan",
        unit_keywords=("kependudukan",),
        issues=(
            Issue(
                categories=("ktp-el",),
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
                answers=(
                    "KTP elektronik pelapor sudah dicetak dan dapat diambil di kantor kecamatan.",
                    "Blanko sudah tersedia kembali; KTP-el pelapor sudah jadi.",
                ),
                aspirasi=(
                    (
                        "Usulan perekaman KTP-el keliling di {kecamatan}",
                        "Warga lanjut usia di {kecamatan} sulit datang ke Disdukcapil. Kami mengusulkan perekaman KTP-el keliling.",
                    ),
                ),
                informasi=(
                    (
                        "Syarat mengganti KTP-el yang hilang",
                        "KTP elektronik saya hilang. Dokumen apa saja yang dibutuhkan untuk menggantinya di {kota}?",
                    ),
                ),
            ),
            Issue(
                categories=("kartu-keluarga",),
                titles=(
                    "Kartu Keluarga baru belum dicetak setelah sebulan",
                    "Nama anak saya tidak tercantum di Kartu Keluarga",
                ),
                openings=(
                    "Pada {tanggal} saya mengurus perubahan Kartu Keluarga di Disdukcapil {kota}.",
                ),
                details=(
                    "Petugas mengatakan datanya masih diproses.",
                    "Saya membutuhkan Kartu Keluarga itu untuk mendaftarkan anak sekolah.",
                ),
                requests=("Mohon Kartu Keluarga saya segera diterbitkan.",),
                answers=(
                    "Kartu Keluarga pelapor sudah diterbitkan dan dapat dicetak sendiri.",
                    "Data anak pelapor sudah ditambahkan ke Kartu Keluarga.",
                ),
                aspirasi=(
                    (
                        "Usulan Kartu Keluarga bisa dicetak sendiri di rumah",
                        "Kami mengusulkan Kartu Keluarga yang sudah disetujui dikirim lewat surel agar warga bisa mencetaknya sendiri.",
                    ),
                ),
                informasi=(
                    (
                        "Syarat menambah anggota Kartu Keluarga",
                        "Dokumen apa saja yang dibutuhkan untuk menambahkan bayi ke Kartu Keluarga di {kota}?",
                    ),
                ),
            ),
            Issue(
                categories=("akta-kelahiran",),
                titles=(
                    "Pengurusan akta kelahiran dipungut biaya di {desa_full}",
                    "Akta kelahiran anak saya salah tulis nama",
                ),
                openings=(
                    "Saya mengurus akta kelahiran anak saya lewat {desa_full} pada {tanggal}.",
                ),
                details=(
                    "Petugas meminta uang seratus ribu rupiah agar cepat selesai.",
                    "Tidak ada kuitansi untuk uang yang kami bayar.",
                    "Nama di akta berbeda satu huruf dengan nama di Kartu Keluarga.",
                ),
                requests=(
                    "Kami minta akta diperbaiki tanpa biaya karena layanan dukcapil gratis.",
                ),
                answers=(
                    "Petugas yang meminta uang sudah diperiksa oleh inspektorat.",
                    "Akta kelahiran sudah diperbaiki dan dapat diambil di Disdukcapil.",
                ),
                aspirasi=(
                    (
                        "Usulan akta kelahiran terbit langsung di rumah sakit",
                        "Kami mengusulkan akta kelahiran bayi langsung diurus di rumah sakit dan puskesmas tempat ia lahir.",
                    ),
                ),
                informasi=(
                    (
                        "Syarat membuat akta kelahiran di {kota}",
                        "Dokumen apa saja yang dibutuhkan untuk membuat akta kelahiran anak di {kota}? Berapa lama prosesnya?",
                    ),
                ),
            ),
            Issue(
                categories=("akta-kematian",),
                titles=("Akta kematian ayah saya belum terbit",),
                openings=(
                    "Pada {tanggal} saya mengajukan akta kematian ayah saya di Disdukcapil {kota}.",
                ),
                details=(
                    "Semua berkas dari kantor desa sudah lengkap.",
                    "Akta itu kami butuhkan untuk mengurus warisan dan pensiun.",
                ),
                requests=("Mohon akta kematian segera diterbitkan.",),
                answers=("Akta kematian sudah terbit dan dapat diambil di Disdukcapil.",),
                aspirasi=(
                    (
                        "Usulan akta kematian dikirim ke rumah keluarga",
                        "Kami mengusulkan keluarga cukup melapor kematian ke kantor desa, lalu akta kematian dikirim ke rumah oleh Disdukcapil.",
                    ),
                ),
                informasi=(
                    (
                        "Syarat mengurus akta kematian",
                        "Dokumen apa saja yang dibutuhkan untuk mengurus akta kematian di {kota}?",
                    ),
                ),
            ),
            Issue(
                categories=("pindah-datang",),
                titles=("Surat pindah domisili tidak kunjung terbit",),
                openings=(
                    "Pada {tanggal} saya mengajukan surat pindah domisili dari {kota} ke luar kota.",
                ),
                details=(
                    "Petugas mengatakan sistem sedang gangguan.",
                    "Saya sudah mulai bekerja di kota tujuan dan butuh KTP baru.",
                ),
                requests=("Mohon surat pindah saya segera diterbitkan.",),
                answers=("Surat pindah pelapor sudah terbit dan dikirim lewat surel.",),
                aspirasi=(
                    (
                        "Usulan layanan pindah domisili secara daring",
                        "Kami mengusulkan surat pindah domisili bisa diurus secara daring tanpa datang ke kantor.",
                    ),
                ),
                informasi=(
                    (
                        "Syarat pindah domisili ke {kota}",
                        "Saya akan pindah ke {kota}. Dokumen apa saja yang dibutuhkan untuk pindah domisili dan berapa lama prosesnya?",
                    ),
                ),
            ),
            Issue(
                categories=("data-kependudukan",),
                titles=("NIK saya tidak ditemukan di data kependudukan",),
                openings=(
                    "Pada {tanggal} saya mendaftar layanan di {kota} dan NIK saya dinyatakan tidak terdaftar.",
                ),
                details=(
                    "NIK itu tercantum di KTP dan Kartu Keluarga saya.",
                    "Akibatnya saya tidak bisa mengurus layanan lain.",
                ),
                requests=("Mohon data kependudukan saya diperiksa dan diperbaiki.",),
                answers=("Data kependudukan pelapor sudah dipadankan dan NIK-nya aktif kembali.",),
                aspirasi=(
                    (
                        "Usulan pengecekan data kependudukan secara daring",
                        "Kami mengusulkan warga bisa mengecek sendiri status NIK di data kependudukan secara daring.",
                    ),
                ),
                informasi=(
                    (
                        "Cara memperbaiki data kependudukan yang salah",
                        "Tanggal lahir saya di data kependudukan salah. Bagaimana cara memperbaikinya di {kota}?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="perhubungan",
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
                answers=(
                    "Petugas sudah menertibkan parkir liar di lokasi bersama Satpol PP.",
                    "Juru parkir sudah ditegur dan wajib memberi karcis resmi.",
                ),
                aspirasi=(
                    (
                        "Usulan kantong parkir di dekat {tempat}",
                        "Kendaraan pengunjung {tempat} selalu parkir di badan jalan. Kami mengusulkan kantong parkir resmi.",
                    ),
                ),
                informasi=(
                    (
                        "Tarif resmi parkir di {kota}",
                        "Berapa tarif resmi parkir di pinggir jalan untuk motor dan mobil di {kota}? Apakah juru parkir wajib memberi karcis?",
                    ),
                ),
            ),
            Issue(
                categories=("lalu-lintas",),
                titles=(
                    "Lampu lalu lintas mati di simpang {jalan}",
                    "Rambu lalu lintas di {jalan} roboh",
                ),
                openings=(
                    "Setiap hari sejak {tanggal} saya melewati simpang {jalan} dekat {tempat}, {kota}.",
                ),
                details=(
                    "Lampu lalu lintas mati dan kendaraan saling serobot.",
                    "Hampir terjadi tabrakan di simpang itu kemarin pagi.",
                ),
                requests=("Mohon lampu dan rambu lalu lintas segera diperbaiki.",),
                answers=(
                    "Lampu lalu lintas sudah diperbaiki dan berfungsi normal.",
                    "Rambu yang roboh sudah dipasang kembali.",
                ),
                aspirasi=(
                    (
                        "Usulan lampu lalu lintas di simpang {jalan}",
                        "Simpang {jalan} di {desa_full} ramai dan sering terjadi kecelakaan. Kami mengusulkan dipasang lampu lalu lintas.",
                    ),
                ),
                informasi=(
                    (
                        "Cara melaporkan rambu lalu lintas yang rusak",
                        "Ke mana warga {kota} melaporkan rambu lalu lintas yang rusak atau tertutup pohon?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="lingkungan",
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
                answers=(
                    "Sampah sudah diangkut dan jadwal pengangkutan ditambah menjadi tiga kali seminggu.",
                    "Petugas kebersihan sudah membersihkan TPS dan menambah kontainer.",
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
            ),
            Issue(
                categories=("pencemaran-air", "limbah-industri"),
                titles=(
                    "Limbah pabrik mencemari sungai di {desa_full}",
                    "Pabrik membuang limbah ke sungai {desa}",
                ),
                openings=(
                    "Pada {tanggal} warga {desa_full}, {kota} melihat air sungai berwarna hitam dan berbau.",
                ),
                details=(
                    "Ikan di sungai banyak yang mati.",
                    "Anak-anak mulai terkena gatal-gatal setelah mandi di sungai.",
                    "Air itu datang dari saluran pembuangan sebuah pabrik di hulu.",
                ),
                requests=("Kami minta pabrik tersebut diperiksa dan diberi sanksi.",),
                answers=(
                    "Tim sudah mengambil sampel air; pabrik diminta menghentikan pembuangan limbah.",
                    "Pabrik sudah diberi sanksi administratif dan wajib memperbaiki instalasi pengolahan limbah.",
                ),
                aspirasi=(
                    (
                        "Usulan pemantauan limbah pabrik di sungai {desa}",
                        "Kami mengusulkan air sungai di hilir pabrik diuji setiap bulan dan hasil uji limbahnya diumumkan.",
                    ),
                ),
                informasi=(
                    (
                        "Hasil uji limbah pabrik di sungai {desa}",
                        "Apakah hasil uji air sungai dan limbah pabrik di dekat {desa_full} boleh diketahui warga?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="sosial",
        unit_keywords=("dinas sosial",),
        issues=(
            Issue(
                categories=("pkh",),
                titles=(
                    "Bantuan PKH tidak cair padahal terdaftar",
                    "Pendamping PKH meminta potongan di {desa_full}",
                ),
                openings=("Keluarga saya terdaftar sebagai penerima PKH di {desa_full}, {kota}.",),
                details=(
                    "Sudah dua tahap bantuan tidak kami terima tanpa penjelasan.",
                    "Ketika kami bertanya, pendamping mengatakan data kami tidak ada.",
                ),
                requests=("Mohon data penerima PKH diperiksa ulang.",),
                answers=(
                    "Data pelapor sudah diperbaiki dan bantuan PKH tahap berikutnya akan diterima.",
                    "Dinas sudah memeriksa pendamping; dana yang dipotong dikembalikan kepada penerima.",
                ),
                aspirasi=(
                    (
                        "Usulan jadwal pencairan PKH diumumkan di {desa_full}",
                        "Kami mengusulkan jadwal pencairan PKH diumumkan di papan desa agar penerima tidak bolak-balik.",
                    ),
                ),
                informasi=(
                    (
                        "Syarat menjadi penerima PKH",
                        "Apa syarat keluarga menjadi penerima PKH di {kota}? Siapa yang mendata?",
                    ),
                ),
            ),
            Issue(
                categories=("bpnt",),
                titles=(
                    "Sembako BPNT di {desa_full} kurang dari jatah",
                    "Saldo kartu BPNT tidak bisa dibelanjakan",
                ),
                openings=(
                    "Pada {tanggal} saya mengambil bantuan pangan BPNT di e-warong {desa_full}, {kota}.",
                ),
                details=(
                    "Beras yang diberikan kurang dua kilogram dari jatah.",
                    "Pemilik e-warong memaksa penerima membeli paket yang sudah disiapkan.",
                ),
                requests=("Mohon penyaluran BPNT di e-warong ini diperiksa.",),
                answers=(
                    "E-warong tersebut sudah dicabut kerja samanya.",
                    "Saldo BPNT pelapor sudah dipulihkan.",
                ),
                aspirasi=(
                    (
                        "Usulan e-warong BPNT tambahan di {desa_full}",
                        "Penerima BPNT di {desa_full} harus ke desa lain untuk berbelanja. Kami mengusulkan e-warong tambahan.",
                    ),
                ),
                informasi=(
                    (
                        "Cara mengecek saldo BPNT",
                        "Bagaimana cara mengecek saldo kartu BPNT dan jadwal pengisiannya?",
                    ),
                ),
            ),
            Issue(
                categories=("bansos",),
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
                requests=("Kami minta pemotongan bantuan dihentikan dan penerima diperiksa.",),
                answers=(
                    "Dinas sudah memeriksa pembagian bantuan; dana yang dipotong dikembalikan.",
                    "Daftar penerima sudah diperbaiki dan diumumkan di kantor desa.",
                ),
                aspirasi=(
                    (
                        "Usulan daftar penerima bansos diumumkan di {desa_full}",
                        "Kami mengusulkan daftar penerima bansos di {desa_full} ditempel di kantor desa agar warga bisa mengawasi.",
                    ),
                ),
                informasi=(
                    (
                        "Jadwal pencairan bansos di {kecamatan}",
                        "Kapan bantuan sosial tunai tahap berikutnya dicairkan di Kecamatan {kecamatan}?",
                    ),
                ),
            ),
            Issue(
                categories=("data-kesejahteraan",),
                titles=(
                    "Keluarga miskin di {desa_full} belum masuk DTKS",
                    "Data DTKS saya dihapus tanpa pemberitahuan",
                ),
                openings=(
                    "Keluarga saya tinggal di {desa_full}, {kota} dan tergolong tidak mampu.",
                ),
                details=(
                    "Kami sudah mengajukan pendaftaran lewat kantor desa setahun lalu.",
                    "Sekarang nama kami tidak ada lagi dalam data penerima.",
                ),
                requests=("Mohon data kesejahteraan keluarga kami diperiksa ulang.",),
                answers=(
                    "Keluarga pelapor sudah dimasukkan kembali ke data penerima.",
                    "Dinas sudah mendata ulang keluarga pelapor bersama pemerintah desa.",
                ),
                aspirasi=(
                    (
                        "Usulan pemutakhiran DTKS di {desa_full}",
                        "Banyak warga miskin di {desa_full} belum masuk DTKS. Kami mengusulkan pendataan ulang dari rumah ke rumah.",
                    ),
                ),
                informasi=(
                    (
                        "Cara mendaftar DTKS di {kota}",
                        "Bagaimana cara mendaftarkan keluarga saya ke Data Terpadu Kesejahteraan Sosial di {kota}? Ke kantor mana saya harus datang?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="ketenagakerjaan",
        unit_keywords=("tenaga kerja",),
        issues=(
            Issue(
                categories=("upah-thr",),
                titles=(
                    "Upah di bawah UMK di sebuah pabrik di {kecamatan}",
                    "Gaji pekerja dibayar terlambat tiga bulan",
                    "THR tidak dibayar oleh perusahaan",
                ),
                openings=(
                    "Saya bekerja di sebuah pabrik di Kecamatan {kecamatan}, {kota} sejak dua tahun lalu.",
                    "Pada {tanggal} perusahaan tempat saya bekerja di {kota} mengumumkan hak pekerja ditunda.",
                ),
                details=(
                    "Gaji kami jauh di bawah upah minimum kabupaten/kota.",
                    "Kami tidak pernah menerima slip gaji.",
                    "Alasannya perusahaan sedang rugi, padahal produksi berjalan seperti biasa.",
                    "Teman-teman takut melapor karena diancam dipecat.",
                ),
                requests=(
                    "Mohon pengawas ketenagakerjaan memeriksa perusahaan ini.",
                    "Kami minta hak kami dibayar sesuai aturan.",
                ),
                answers=(
                    "Pengawas ketenagakerjaan sudah memeriksa perusahaan dan memerintahkan pembayaran kekurangan upah.",
                    "Perusahaan sudah membayar THR kepada seluruh pekerja.",
                ),
                aspirasi=(
                    (
                        "Usulan posko pengaduan THR di {kota_short}",
                        "Menjelang hari raya banyak pekerja di {kota_short} tidak tahu ke mana mengadu soal THR. Kami mengusulkan posko pengaduan.",
                    ),
                ),
                informasi=(
                    (
                        "Besaran UMK {kota} tahun ini",
                        "Berapa upah minimum {kota} tahun ini? Sejak kapan upah itu berlaku?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="perizinan",
        unit_keywords=("penanaman modal",),
        issues=(
            Issue(
                categories=("pbg",),
                titles=(
                    "Pengurusan PBG berbelit di DPMPTSP {kota_short}",
                    "PBG rumah saya belum terbit setelah tiga bulan",
                ),
                openings=(
                    "Pada {tanggal} saya mengajukan Persetujuan Bangunan Gedung untuk rumah saya di {desa_full}, {kota}.",
                ),
                details=(
                    "Semua berkas dan gambar rencana sudah lengkap.",
                    "Setiap kali bertanya, saya diminta kembali minggu depan.",
                    "Ada oknum yang menawarkan jasa agar PBG cepat keluar dengan bayaran.",
                ),
                requests=("Mohon permohonan PBG saya segera diproses.",),
                answers=(
                    "PBG pelapor sudah terbit dan dapat diunduh di sistem SIMBG.",
                    "Petugas yang menawarkan jasa berbayar sudah diberi sanksi.",
                ),
                aspirasi=(
                    (
                        "Usulan PBG rumah sederhana dipermudah di {kota_short}",
                        "Kami mengusulkan PBG untuk rumah tinggal sederhana di {kota_short} cukup dengan gambar standar dari dinas.",
                    ),
                ),
                informasi=(
                    (
                        "Biaya resmi PBG di {kota}",
                        "Berapa biaya resmi Persetujuan Bangunan Gedung untuk rumah tinggal di {kota}? Berapa lama prosesnya?",
                    ),
                ),
            ),
            Issue(
                categories=("izin-usaha",),
                titles=(
                    "Izin usaha tidak terbit setelah dua bulan",
                    "Diminta biaya tambahan untuk izin usaha mikro",
                ),
                openings=(
                    "Saya pelaku usaha kecil di {desa_full}, {kota} dan mengajukan izin usaha pada {tanggal}.",
                ),
                details=(
                    "Semua berkas sudah lengkap tetapi izin belum terbit.",
                    "Di sistem OSS status permohonan saya tidak berubah.",
                    "Petugas meminta uang agar izin cepat keluar.",
                ),
                requests=(
                    "Mohon permohonan izin saya segera diproses.",
                    "Kami minta kejelasan waktu dan biaya resmi pengurusan izin.",
                ),
                answers=(
                    "Izin usaha pelapor sudah terbit dan dapat diunduh di sistem OSS.",
                    "Petugas yang meminta biaya tambahan sudah diberi sanksi.",
                ),
                aspirasi=(
                    (
                        "Usulan pendampingan izin usaha bagi UMKM di {kecamatan}",
                        "Pelaku usaha kecil di {kecamatan} kesulitan memakai OSS. Kami mengusulkan pendampingan di kantor kecamatan.",
                    ),
                ),
                informasi=(
                    (
                        "Cara membuat izin usaha mikro lewat OSS",
                        "Bagaimana cara membuat NIB dan izin usaha mikro lewat OSS? Apakah ada biayanya?",
                    ),
                ),
            ),
            Issue(
                categories=("izin-reklame",),
                titles=(
                    "Izin reklame toko saya belum terbit",
                    "Biaya izin reklame di {kota_short} tidak jelas",
                ),
                openings=(
                    "Pada {tanggal} saya mengajukan izin papan reklame untuk toko saya di {jalan}, {kota}.",
                ),
                details=(
                    "Petugas menyebut biaya yang berbeda setiap kali saya bertanya.",
                    "Sudah sebulan tidak ada kabar tentang permohonan saya.",
                ),
                requests=("Mohon izin reklame saya diproses dan biayanya dijelaskan.",),
                answers=(
                    "Izin reklame pelapor sudah terbit.",
                    "Rincian biaya izin reklame sudah dijelaskan kepada pelapor dan diumumkan di laman dinas.",
                ),
                aspirasi=(
                    (
                        "Usulan izin reklame papan nama usaha kecil dipermudah",
                        "Kami mengusulkan papan nama toko kecil di {kota_short} cukup didaftarkan tanpa izin reklame yang rumit.",
                    ),
                ),
                informasi=(
                    (
                        "Tarif izin reklame di {kota}",
                        "Berapa tarif resmi izin reklame untuk papan nama toko di {kota}?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="air",
        unit_keywords=("air minum", "pdam"),
        issues=(
            Issue(
                categories=("air-tidak-mengalir",),
                titles=(
                    "Air PDAM mati tiga hari di {desa_full}",
                    "Air PDAM di {desa_full} hanya mengalir tengah malam",
                ),
                openings=(
                    "Sejak {tanggal} air PDAM di rumah kami di {desa_full}, {kota} tidak mengalir.",
                ),
                details=(
                    "Kami harus membeli air galon untuk mandi dan memasak.",
                    "Tidak ada pemberitahuan sebelumnya dari petugas.",
                ),
                requests=("Mohon aliran air segera dipulihkan.",),
                answers=(
                    "Pipa yang bocor sudah diperbaiki dan aliran air kembali normal.",
                    "Pompa distribusi sudah diperbaiki; air mengalir kembali sepanjang hari.",
                ),
                aspirasi=(
                    (
                        "Usulan tangki air darurat saat air PDAM mati",
                        "Kami mengusulkan PDAM menyiapkan tangki air keliling setiap kali aliran air mati lebih dari sehari.",
                    ),
                ),
                informasi=(
                    (
                        "Jadwal gilir aliran air PDAM di {kecamatan}",
                        "Apakah ada jadwal gilir aliran air PDAM di Kecamatan {kecamatan}, {kota}?",
                    ),
                ),
            ),
            Issue(
                categories=("kualitas-air",),
                titles=("Air PDAM di {desa_full} keruh dan berbau",),
                openings=(
                    "Sejak {tanggal} air PDAM yang mengalir ke rumah kami di {desa_full}, {kota} berwarna cokelat.",
                ),
                details=(
                    "Airnya berbau kaporit sangat tajam.",
                    "Anak-anak gatal-gatal setelah mandi.",
                ),
                requests=("Mohon kualitas air diperiksa.",),
                answers=(
                    "Sampel air sudah diuji dan saringan di instalasi sudah dibersihkan.",
                    "Pipa yang kemasukan lumpur sudah dikuras; air kembali jernih.",
                ),
                aspirasi=(
                    (
                        "Usulan hasil uji kualitas air PDAM diumumkan",
                        "Kami mengusulkan hasil uji kualitas air PDAM {kota_short} diumumkan setiap bulan.",
                    ),
                ),
                informasi=(
                    (
                        "Apakah air PDAM {kota_short} aman diminum",
                        "Apakah air PDAM di {kota} aman diminum langsung atau harus dimasak dulu?",
                    ),
                ),
            ),
            Issue(
                categories=("tagihan-air",),
                titles=(
                    "Tagihan air melonjak tanpa pemakaian",
                    "Meteran air tidak pernah dicatat petugas",
                ),
                openings=(
                    "Tagihan bulan ini di rumah saya di {jalan}, {kota} naik tiga kali lipat.",
                ),
                details=(
                    "Pemakaian kami sama seperti bulan-bulan sebelumnya.",
                    "Petugas pencatat meteran tidak pernah datang ke rumah.",
                ),
                requests=("Kami minta meteran diperiksa dan tagihan diperbaiki.",),
                answers=(
                    "Meteran sudah diperiksa; tagihan dikoreksi pada bulan berikutnya.",
                    "Petugas pencatat meteran sudah dijadwalkan datang setiap bulan.",
                ),
                aspirasi=(
                    (
                        "Usulan foto meteran air dikirim sendiri oleh pelanggan",
                        "Kami mengusulkan pelanggan boleh mengirim foto meteran air setiap bulan agar tagihan tidak ditaksir.",
                    ),
                ),
                informasi=(
                    (
                        "Cara membaca rincian tagihan air",
                        "Apa arti biaya beban dan biaya pemakaian di tagihan air PDAM {kota_short}?",
                    ),
                ),
            ),
            Issue(
                categories=("sambungan-air",),
                titles=("Pasang baru sambungan air belum dikerjakan",),
                openings=(
                    "Pada {tanggal} saya membayar biaya pasang baru sambungan air untuk rumah di {desa_full}, {kota}.",
                ),
                details=(
                    "Sudah dua bulan petugas belum datang memasang pipa.",
                    "Tetangga yang mendaftar belakangan sudah dipasang lebih dulu.",
                ),
                requests=("Mohon sambungan air saya segera dipasang.",),
                answers=("Sambungan air pelapor sudah dipasang dan air sudah mengalir.",),
                aspirasi=(
                    (
                        "Usulan perluasan sambungan air bersih ke {desa_full}",
                        "Sebagian warga {desa_full} belum mendapat sambungan air bersih. Kami mengusulkan perluasan jaringan pipa.",
                    ),
                ),
                informasi=(
                    (
                        "Cara pasang baru sambungan air di {kota}",
                        "Bagaimana cara pemasangan baru sambungan air minum di {kota}? Berapa biayanya?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="pinjol",
        unit_keywords=("satgas",),
        issues=(
            Issue(
                categories=("pinjol-ilegal",),
                titles=(
                    "Aplikasi pinjol ilegal mencairkan pinjaman tanpa saya minta",
                    "Pinjol ilegal masih beriklan lewat pesan singkat",
                ),
                openings=(
                    "Pada {tanggal} tiba-tiba ada uang masuk ke rekening saya dari aplikasi pinjaman yang tidak saya kenal.",
                ),
                details=(
                    "Seminggu kemudian saya ditagih dua kali lipat.",
                    "Aplikasi itu ternyata tidak terdaftar di OJK.",
                ),
                requests=("Mohon aplikasi ini diblokir.",),
                answers=(
                    "Aplikasi tersebut sudah diblokir dan data diteruskan ke Satgas PASTI.",
                    "Pelapor sudah dihubungi dan diberi pendampingan pengaduan.",
                ),
                aspirasi=(
                    (
                        "Usulan edukasi bahaya pinjol ilegal di sekolah",
                        "Banyak anak muda terjerat pinjaman online ilegal. Kami mengusulkan edukasi keuangan di sekolah dan kampus.",
                    ),
                ),
                informasi=(
                    (
                        "Cara mengecek pinjol ilegal",
                        "Bagaimana cara mengetahui apakah sebuah aplikasi pinjaman online ilegal atau terdaftar di OJK?",
                    ),
                ),
            ),
            Issue(
                categories=("penagihan-tidak-beretika",),
                titles=(
                    "Penagih pinjol meneror keluarga saya",
                    "Penagih pinjaman online mengancam lewat telepon",
                ),
                openings=(
                    "Pada {tanggal} saya terlambat membayar cicilan pinjaman online dua hari.",
                ),
                details=(
                    "Penagih menelepon puluhan kali sehari dengan kata-kata kasar.",
                    "Keluarga dan teman kantor saya ikut dihubungi dan diancam.",
                ),
                requests=("Mohon penagih ini ditindak.",),
                answers=(
                    "Penyelenggara pinjaman sudah diberi sanksi dan penagihnya diberhentikan.",
                    "Pelapor sudah dihubungi dan diberi pendampingan pengaduan.",
                ),
                aspirasi=(
                    (
                        "Usulan daftar hitam penagih pinjol yang kasar",
                        "Kami mengusulkan penagih yang mengancam nasabah dimasukkan ke daftar hitam dan tidak boleh bekerja lagi.",
                    ),
                ),
                informasi=(
                    (
                        "Aturan penagihan pinjaman online",
                        "Jam berapa saja penagih pinjaman online boleh menghubungi nasabah? Bolehkah menghubungi keluarga?",
                    ),
                ),
            ),
            Issue(
                categories=("penyebaran-data-pribadi",),
                titles=(
                    "Penagihan pinjaman online menyebarkan data pribadi",
                    "Data pribadi saya disebar aplikasi pinjol",
                ),
                openings=(
                    "Pada {tanggal} saya meminjam uang lewat sebuah aplikasi pinjaman online.",
                ),
                details=(
                    "Foto identitas saya dikirim ke semua kontak di ponsel saya.",
                    "Aplikasi itu meminta izin membaca semua kontak saat dipasang.",
                ),
                requests=("Saya minta perlindungan atas data pribadi saya.",),
                answers=(
                    "Penyelenggara sudah diperintahkan menghapus data pelapor dan diberi sanksi.",
                    "Kasus ini sudah diteruskan ke Kementerian Komunikasi dan Digital.",
                ),
                aspirasi=(
                    (
                        "Usulan larangan aplikasi pinjol membaca kontak",
                        "Kami mengusulkan aplikasi pinjaman dilarang meminta akses kontak dan galeri foto agar data pribadi tidak disebar.",
                    ),
                ),
                informasi=(
                    (
                        "Cara meminta data pribadi dihapus aplikasi pinjol",
                        "Bagaimana cara meminta aplikasi pinjaman menghapus data pribadi saya setelah lunas?",
                    ),
                ),
            ),
            Issue(
                categories=("bunga-denda",),
                titles=(
                    "Bunga dan denda pinjol berlipat dalam dua minggu",
                    "Denda keterlambatan pinjaman online tidak masuk akal",
                ),
                openings=(
                    "Pada {tanggal} saya meminjam satu juta rupiah lewat aplikasi pinjaman online.",
                ),
                details=(
                    "Dua minggu kemudian tagihannya menjadi tiga juta rupiah.",
                    "Rincian bunga tidak pernah dijelaskan saat meminjam.",
                ),
                requests=("Mohon bunga dan denda pinjaman ini diperiksa.",),
                answers=(
                    "Penyelenggara sudah diminta menghitung ulang tagihan sesuai batas bunga.",
                    "Kelebihan bayar pelapor sudah dikembalikan.",
                ),
                aspirasi=(
                    (
                        "Usulan batas bunga pinjol diumumkan jelas",
                        "Kami mengusulkan setiap aplikasi pinjaman wajib menampilkan total bunga dan denda sebelum pinjaman disetujui.",
                    ),
                ),
                informasi=(
                    (
                        "Batas bunga pinjaman online yang resmi",
                        "Berapa batas bunga dan denda harian pinjaman online yang diizinkan OJK?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="listrik",
        unit_keywords=(),
        issues=(
            Issue(
                categories=("listrik-padam",),
                titles=(
                    "Listrik padam berulang kali di {desa_full}",
                    "Pemadaman listrik tanpa pemberitahuan di {kecamatan}",
                ),
                openings=(
                    "Sejak {tanggal} listrik di {desa_full}, {kota} padam hampir setiap malam.",
                ),
                details=(
                    "Padamnya bisa sampai tiga jam dan tanpa pemberitahuan.",
                    "Kulkas dan pompa air warga ada yang rusak.",
                    "Warung-warung terpaksa tutup lebih awal.",
                ),
                requests=("Mohon PLN memeriksa jaringan di daerah kami.",),
                answers=(
                    "Gangguan pada trafo distribusi sudah diperbaiki; listrik kembali normal.",
                    "Jaringan yang tertimpa pohon sudah diperbaiki dan dahan di sekitarnya dipangkas.",
                ),
                aspirasi=(
                    (
                        "Usulan jadwal pemadaman listrik diumumkan lebih awal",
                        "Warga {kota_short} sering tidak tahu ada pemadaman. Kami mengusulkan jadwal pemeliharaan jaringan diumumkan paling lambat tiga hari sebelumnya.",
                    ),
                ),
                informasi=(
                    (
                        "Jadwal pemadaman listrik di {kecamatan}",
                        "Apakah ada jadwal pemadaman listrik untuk pemeliharaan jaringan di Kecamatan {kecamatan} bulan ini?",
                    ),
                ),
            ),
            Issue(
                categories=("tagihan-listrik",),
                titles=("Tagihan listrik naik dua kali lipat", "Token listrik tidak masuk"),
                openings=(
                    "Tagihan listrik bulan ini di rumah saya di {jalan}, {kota} tidak sesuai pemakaian.",
                    "Pada {tanggal} saya membeli token listrik untuk rumah di {jalan}, {kota}.",
                ),
                details=(
                    "Pemakaian kami tidak berubah dari bulan sebelumnya.",
                    "Angka di meteran tidak sama dengan angka di tagihan.",
                    "Uang sudah terpotong dari rekening saya.",
                ),
                requests=("Mohon meteran dan pembayaran saya diperiksa.",),
                answers=(
                    "Meteran sudah diperiksa; kelebihan tagihan dikembalikan pada bulan berikutnya.",
                    "Token pelapor sudah dikirim ulang dan berhasil dimasukkan.",
                ),
                aspirasi=(
                    (
                        "Usulan rincian tagihan listrik dikirim lewat pesan singkat",
                        "Kami mengusulkan pelanggan menerima rincian tagihan listrik dan angka meteran setiap bulan lewat pesan singkat.",
                    ),
                ),
                informasi=(
                    (
                        "Cara mengajukan koreksi tagihan listrik",
                        "Ke mana saya mengajukan keberatan atas tagihan listrik yang tidak sesuai meteran?",
                    ),
                ),
            ),
            Issue(
                categories=("sambungan-listrik",),
                titles=(
                    "Pasang baru listrik belum dikerjakan setelah dua bulan",
                    "Tambah daya listrik tidak kunjung dikerjakan",
                ),
                openings=(
                    "Pada {tanggal} saya mengajukan pasang baru listrik untuk rumah di {desa_full}, {kota}.",
                ),
                details=(
                    "Biaya penyambungan sudah saya bayar lunas.",
                    "Petugas belum juga datang memasang meteran.",
                ),
                requests=("Mohon pemasangan segera dijadwalkan.",),
                answers=(
                    "Meteran pelapor sudah dipasang dan listrik sudah menyala.",
                    "Daya listrik pelapor sudah dinaikkan sesuai permohonan.",
                ),
                aspirasi=(
                    (
                        "Usulan biaya pasang baru listrik bisa dicicil",
                        "Kami mengusulkan warga tidak mampu di {kota_short} bisa mencicil biaya pasang baru listrik.",
                    ),
                ),
                informasi=(
                    (
                        "Cara tambah daya listrik rumah tangga",
                        "Bagaimana cara mengajukan tambah daya listrik untuk rumah di {kota}? Berapa lama prosesnya?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="lpg",
        unit_keywords=("patra niaga",),
        issues=(
            Issue(
                categories=("bbm-lpg",),
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
                answers=(
                    "Pangkalan tersebut sudah diberi sanksi dan pasokan ke desa pelapor ditambah.",
                    "Stok LPG 3 kg di wilayah pelapor sudah kembali normal.",
                ),
                aspirasi=(
                    (
                        "Usulan tambahan pangkalan LPG di {kecamatan}",
                        "Pangkalan LPG di Kecamatan {kecamatan} hanya sedikit. Kami mengusulkan pangkalan baru di {desa_full}.",
                    ),
                ),
                informasi=(
                    (
                        "Syarat membeli LPG 3 kg bersubsidi",
                        "Apakah sekarang membeli elpiji 3 kg harus membawa KTP? Di mana saya bisa mengecek data saya?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="polisi",
        unit_keywords=(),
        issues=(
            Issue(
                categories=("sim",),
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
                answers=(
                    "Propam sudah memeriksa petugas yang dilaporkan dan memberinya sanksi.",
                    "Layanan di loket SIM sudah dibenahi dan papan biaya resmi dipasang.",
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
            ),
            Issue(
                categories=("stnk-bpkb",),
                titles=(
                    "BPKB motor saya belum terbit setelah tiga bulan",
                    "Pungutan tambahan saat perpanjang STNK di Samsat {kota_short}",
                ),
                openings=("Pada {tanggal} saya mengurus surat kendaraan di Samsat {kota_short}.",),
                details=(
                    "Petugas meminta uang tambahan di luar biaya yang tertera.",
                    "Sudah tiga kali saya datang dan selalu diminta kembali bulan depan.",
                ),
                requests=("Mohon pengurusan surat kendaraan saya diperiksa.",),
                answers=(
                    "BPKB pelapor sudah terbit dan dapat diambil di kantor Samsat.",
                    "Petugas yang meminta uang tambahan sudah diperiksa Propam.",
                ),
                aspirasi=(
                    (
                        "Usulan perpanjangan STNK lewat aplikasi di {kota_short}",
                        "Kami mengusulkan pengesahan STNK tahunan di {kota_short} bisa dilakukan lewat aplikasi tanpa antre.",
                    ),
                ),
                informasi=(
                    (
                        "Syarat balik nama BPKB motor bekas",
                        "Dokumen apa saja yang dibutuhkan untuk balik nama BPKB dan STNK motor bekas di {kota}?",
                    ),
                ),
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
                answers=(
                    "SKCK pelapor sudah terbit.",
                    "Polsek sudah menambah petugas di loket SKCK.",
                ),
                aspirasi=(
                    (
                        "Usulan pengajuan SKCK secara daring di {kota_short}",
                        "Kami mengusulkan SKCK di {kota_short} bisa diajukan secara daring lalu cukup diambil di polsek.",
                    ),
                ),
                informasi=(
                    (
                        "Syarat membuat SKCK untuk melamar kerja",
                        "Dokumen apa saja yang dibutuhkan untuk membuat SKCK di {kota}? Berapa biayanya?",
                    ),
                ),
            ),
            Issue(
                categories=("tilang",),
                titles=(
                    "Razia di {jalan} meminta uang damai",
                    "Surat tilang elektronik salah kendaraan",
                ),
                openings=("Pada {tanggal} saya dihentikan dalam razia di {jalan}, {kota}.",),
                details=(
                    "Petugas menawarkan damai di tempat dengan membayar seratus ribu rupiah.",
                    "Saya tidak diberi surat tilang.",
                ),
                requests=("Mohon oknum petugas tersebut diperiksa.",),
                answers=(
                    "Propam sudah memeriksa petugas razia yang dilaporkan dan memberinya sanksi.",
                    "Tilang yang salah kendaraan sudah dibatalkan.",
                ),
                aspirasi=(
                    (
                        "Usulan tilang elektronik di simpang {jalan}",
                        "Kami mengusulkan kamera tilang elektronik di simpang {jalan} agar tidak ada lagi razia yang meminta uang damai.",
                    ),
                ),
                informasi=(
                    (
                        "Cara membayar denda tilang",
                        "Bagaimana cara membayar denda tilang elektronik dan mengambil kembali SIM yang disita?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="asn",
        unit_keywords=(),
        issues=(
            Issue(
                categories=("seleksi-casn",),
                titles=(
                    "Nilai SKD CASN saya tidak muncul di pengumuman",
                    "Pengumuman seleksi PPPK di {kota_short} tidak sesuai nilai",
                ),
                openings=("Pada {tanggal} saya mengikuti seleksi CASN di titik lokasi {kota}.",),
                details=(
                    "Nilai saya di layar sudah di atas ambang batas.",
                    "Di pengumuman nama saya tidak ada dan tidak ada penjelasan.",
                ),
                requests=("Mohon data nilai saya diperiksa kembali.",),
                answers=(
                    "Data pelapor sudah diperiksa ulang; nilainya sudah benar di sistem.",
                    "Panitia seleksi sudah memperbaiki pengumuman dan nama pelapor tercantum.",
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
            ),
            Issue(
                categories=("netralitas-asn",),
                titles=(
                    "ASN di {kota_short} ikut berkampanye",
                    "Pegawai negeri memasang spanduk kampanye di {kota_short}",
                ),
                openings=(
                    "Pada {tanggal} saya melihat seorang pegawai negeri di {kota} berkampanye untuk salah satu calon.",
                ),
                details=(
                    "Ia memakai seragam dinas saat memasang spanduk.",
                    "Fotonya beredar di grup warga.",
                ),
                requests=("Mohon pegawai tersebut diperiksa sesuai aturan netralitas ASN.",),
                answers=(
                    "Pegawai yang dilaporkan sudah diperiksa dan dijatuhi hukuman disiplin.",
                    "Laporan sudah diteruskan ke Bawaslu dan pegawai tersebut diberi teguran tertulis.",
                ),
                aspirasi=(
                    (
                        "Usulan sanksi tegas bagi ASN yang berkampanye",
                        "Kami mengusulkan sanksi bagi pegawai negeri yang berkampanye diumumkan agar menjadi pelajaran.",
                    ),
                ),
                informasi=(
                    (
                        "Aturan netralitas ASN saat pemilu",
                        "Apa saja yang dilarang bagi ASN selama masa kampanye pemilu dan pilkada?",
                    ),
                ),
            ),
            Issue(
                categories=("disiplin-asn",),
                titles=(
                    "ASN di {kota_short} sering bolos pada jam kerja",
                    "Pegawai negeri bermain gim saat jam pelayanan",
                ),
                openings=(
                    "Sejak {tanggal} saya beberapa kali datang ke sebuah kantor dinas di {kota}.",
                ),
                details=(
                    "Pada jam kerja kursi pegawai kosong dan warga menunggu lama.",
                    "Pegawai yang ada sibuk dengan ponselnya.",
                ),
                requests=("Mohon pegawai tersebut diperiksa sesuai aturan disiplin ASN.",),
                answers=(
                    "Pegawai yang dilaporkan sudah diperiksa dan dijatuhi hukuman disiplin.",
                    "Kepala dinas sudah memberlakukan absensi dan pengawasan jam kerja.",
                ),
                aspirasi=(
                    (
                        "Usulan absensi wajah bagi ASN di {kota_short}",
                        "Kami mengusulkan absensi dengan pengenalan wajah agar pegawai negeri tidak bolos pada jam kerja.",
                    ),
                ),
                informasi=(
                    (
                        "Cara melaporkan ASN yang sering bolos",
                        "Ke mana warga melaporkan pegawai negeri yang sering bolos pada jam kerja?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="agama",
        unit_keywords=(),
        issues=(
            Issue(
                categories=("haji-umrah",),
                titles=(
                    "Setoran haji orang tua saya tidak tercatat",
                    "Biro umrah di {kota_short} gagal memberangkatkan jemaah",
                ),
                openings=(
                    "Pada {tanggal} saya menanyakan pendaftaran haji dan umrah orang tua saya di Kantor Kemenag {kota_short}.",
                ),
                details=(
                    "Bukti setoran kami simpan dengan baik.",
                    "Di sistem nomor porsinya tidak ditemukan.",
                    "Jadwal keberangkatan sudah diundur tiga kali.",
                ),
                requests=("Mohon data pendaftaran orang tua saya diperiksa.",),
                answers=(
                    "Data setoran sudah dicocokkan dan nomor porsi pelapor sudah tercatat.",
                    "Izin biro perjalanan tersebut sudah dibekukan dan jemaah dialihkan ke biro lain.",
                ),
                aspirasi=(
                    (
                        "Usulan manasik haji di setiap kecamatan",
                        "Kami mengusulkan manasik haji diadakan di setiap kecamatan agar jemaah lanjut usia tidak perlu jauh ke kota.",
                    ),
                ),
                informasi=(
                    (
                        "Cara cek nomor porsi haji",
                        "Bagaimana cara mengecek nomor porsi dan perkiraan keberangkatan haji?",
                    ),
                ),
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
                answers=("Kepala KUA sudah ditegur dan uang pelapor dikembalikan.",),
                aspirasi=(
                    (
                        "Usulan bimbingan perkawinan di akhir pekan",
                        "Banyak calon pengantin bekerja pada hari kerja. Kami mengusulkan bimbingan perkawinan di KUA {kecamatan} juga diadakan hari Sabtu.",
                    ),
                ),
                informasi=(
                    (
                        "Biaya resmi nikah di KUA",
                        "Berapa biaya resmi menikah di KUA dan di luar KUA di {kota}?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="tanah",
        unit_keywords=(),
        issues=(
            Issue(
                categories=("sertifikat-tanah",),
                titles=(
                    "Pungutan PTSL di {desa_full} melebihi ketentuan",
                    "Sertifikat tanah PTSL belum dibagikan di {desa_full}",
                ),
                openings=(
                    "Pada {tanggal} panitia PTSL di {desa_full}, {kota} meminta biaya sertifikat.",
                ),
                details=(
                    "Setiap bidang diminta satu juta rupiah.",
                    "Sertifikat yang dijanjikan belum juga dibagikan.",
                ),
                requests=("Mohon pungutan ini diperiksa dan sertifikat kami diserahkan.",),
                answers=(
                    "Sertifikat pelapor sudah diserahkan di kantor desa.",
                    "Panitia PTSL sudah diperiksa dan kelebihan biaya dikembalikan.",
                ),
                aspirasi=(
                    (
                        "Usulan jadwal pembagian sertifikat PTSL diumumkan",
                        "Kami mengusulkan jadwal pembagian sertifikat PTSL di {desa_full} diumumkan di papan desa.",
                    ),
                ),
                informasi=(
                    (
                        "Biaya resmi PTSL",
                        "Berapa biaya resmi yang boleh dipungut untuk sertifikat PTSL di {kota}?",
                    ),
                ),
            ),
            Issue(
                categories=("sengketa-tanah",),
                titles=(
                    "Sertifikat ganda atas tanah kami di {desa_full}",
                    "Sengketa batas tanah dengan tetangga di {desa_full} tidak ditangani",
                ),
                openings=(
                    "Tanah keluarga kami di {desa_full}, {kota} ternyata diakui pihak lain.",
                ),
                details=(
                    "Sertifikat kami terbit lebih dulu.",
                    "Pihak lain mulai memagari tanah itu.",
                ),
                requests=("Mohon kantor pertanahan meneliti riwayat tanah ini.",),
                answers=(
                    "Kantor Pertanahan sudah memanggil kedua pihak untuk mediasi.",
                    "Pengukuran ulang sudah dilakukan dan batas tanah ditetapkan.",
                ),
                aspirasi=(
                    (
                        "Usulan mediasi sengketa tanah di tingkat desa",
                        "Kami mengusulkan petugas pertanahan datang ke desa untuk memediasi sengketa batas tanah.",
                    ),
                ),
                informasi=(
                    (
                        "Cara mengajukan keberatan atas sertifikat ganda",
                        "Bagaimana cara mengajukan keberatan jika tanah saya punya sertifikat ganda?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="pbb",
        unit_keywords=(),
        issues=(
            Issue(
                categories=("pajak-daerah",),
                titles=("SPPT PBB salah luas tanah", "Denda PBB ditagih padahal sudah lunas"),
                openings=("Pada {tanggal} saya menerima SPPT PBB untuk rumah di {jalan}, {kota}.",),
                details=(
                    "Luas tanah di SPPT dua kali lebih besar dari sertifikat.",
                    "Akibatnya pajak yang harus saya bayar naik banyak.",
                    "Bukti bayar tahun lalu masih saya simpan.",
                ),
                requests=("Mohon data objek pajak saya dibetulkan.",),
                answers=(
                    "Data objek pajak sudah dibetulkan dan SPPT baru diterbitkan.",
                    "Petugas sudah mengukur ulang; tagihan pelapor dikoreksi.",
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
            ),
        ),
    ),
    Theme(
        key="pajak",
        unit_keywords=("direktorat jenderal pajak",),
        issues=(
            Issue(
                categories=("pajak-pusat",),
                titles=(
                    "Tidak bisa masuk Coretax untuk lapor SPT",
                    "NPWP saya tidak bisa dipadankan",
                ),
                openings=("Sejak {tanggal} saya mencoba melaporkan SPT tahunan lewat Coretax.",),
                details=(
                    "Setiap kali masuk muncul pesan galat.",
                    "Kantor pajak meminta saya mencoba lagi nanti.",
                ),
                requests=("Mohon akun saya diperiksa sebelum batas waktu lapor.",),
                answers=(
                    "Akun pelapor sudah dipulihkan dan SPT berhasil dilaporkan.",
                    "Petugas sudah membantu pelapor lewat layanan Kring Pajak.",
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
            ),
        ),
    ),
    Theme(
        key="cukai",
        unit_keywords=("bea dan cukai",),
        issues=(
            Issue(
                categories=("bea-cukai",),
                titles=(
                    "Paket kiriman dari luar negeri tertahan di bea cukai",
                    "Bea masuk barang kiriman lebih mahal dari harganya",
                ),
                openings=(
                    "Pada {tanggal} paket kiriman keluarga saya dari luar negeri tertahan di bea cukai.",
                ),
                details=(
                    "Isinya barang pribadi yang nilainya kecil.",
                    "Bea masuk yang ditagihkan lebih mahal dari harga barang.",
                ),
                requests=("Mohon penetapan bea masuknya diperiksa.",),
                answers=(
                    "Penetapan sudah diperiksa ulang; paket pelapor sudah dikirim.",
                    "Pelapor sudah diberi penjelasan rincian bea masuk dan pajaknya.",
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
            ),
        ),
    ),
    Theme(
        key="ketertiban",
        unit_keywords=("polisi pamong praja",),
        issues=(
            Issue(
                categories=("pedagang-kaki-lima",),
                titles=(
                    "Pedagang kaki lima menutup trotoar di {jalan}",
                    "Lapak pedagang kaki lima memenuhi depan {tempat}",
                ),
                openings=(
                    "Setiap sore sejak {tanggal} pedagang berjualan di trotoar {jalan}, {kota}.",
                ),
                details=(
                    "Pejalan kaki terpaksa berjalan di badan jalan.",
                    "Gerobak ditinggal di trotoar sampai pagi.",
                ),
                requests=("Mohon pedagang ditata di tempat yang disediakan.",),
                answers=(
                    "Satpol PP sudah menata pedagang dan akan berpatroli rutin.",
                    "Pedagang sudah dipindahkan ke lokasi binaan.",
                ),
                aspirasi=(
                    (
                        "Usulan lokasi khusus pedagang kaki lima di {kota_short}",
                        "Kami mengusulkan lahan parkir pasar dipakai pedagang kaki lima pada sore hari agar trotoar bebas.",
                    ),
                ),
                informasi=(
                    (
                        "Aturan berjualan bagi pedagang kaki lima di {kota_short}",
                        "Di mana pedagang kaki lima boleh berjualan di {kota} dan bagaimana cara mendapat tempat resmi?",
                    ),
                ),
            ),
            Issue(
                categories=("bangunan-liar",),
                titles=(
                    "Bangunan liar di bantaran sungai {desa_full}",
                    "Bangunan liar berdiri di atas saluran di {jalan}",
                ),
                openings=(
                    "Sejak {tanggal} ada bangunan baru berdiri tanpa izin di {desa_full}, {kota}.",
                ),
                details=(
                    "Bangunan itu menyempitkan aliran air.",
                    "Saat hujan air meluap ke rumah warga.",
                ),
                requests=("Mohon bangunan tersebut ditertibkan.",),
                answers=(
                    "Satpol PP sudah memberi surat peringatan dan bangunan dibongkar pemiliknya.",
                    "Bangunan tanpa izin itu sudah disegel.",
                ),
                aspirasi=(
                    (
                        "Usulan penertiban bangunan liar di bantaran sungai {desa}",
                        "Kami mengusulkan bangunan liar di bantaran sungai ditertibkan dan warganya dibantu pindah.",
                    ),
                ),
                informasi=(
                    (
                        "Batas aman bangunan dari bantaran sungai",
                        "Berapa jarak minimal rumah dari bantaran sungai menurut aturan di {kota}?",
                    ),
                ),
            ),
            Issue(
                categories=("gangguan-ketertiban",),
                titles=(
                    "Tempat karaoke di {desa_full} bising sampai dini hari",
                    "Balap liar tiap malam di {jalan}",
                ),
                openings=(
                    "Sejak {tanggal} keramaian di dekat {tempat}, {desa_full} berlangsung sampai pukul tiga pagi.",
                ),
                details=(
                    "Suaranya terdengar sampai rumah warga.",
                    "Anak-anak sulit tidur dan belajar.",
                ),
                requests=("Mohon petugas menertibkan keramaian itu.",),
                answers=(
                    "Satpol PP sudah menertibkan lokasi dan akan berpatroli rutin.",
                    "Pemilik usaha sudah dipanggil dan diberi peringatan tertulis.",
                ),
                aspirasi=(
                    (
                        "Usulan patroli malam di {desa_full}",
                        "Kami mengusulkan patroli malam bersama warga agar ketertiban di {desa_full} terjaga.",
                    ),
                ),
                informasi=(
                    (
                        "Jam operasional tempat hiburan di {kota_short}",
                        "Sampai jam berapa tempat hiburan malam boleh buka di {kota}?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="bencana",
        unit_keywords=(),
        issues=(
            Issue(
                categories=("bantuan-korban-bencana",),
                titles=(
                    "Bantuan korban banjir belum sampai ke {desa_full}",
                    "Bantuan rumah rusak korban gempa belum cair",
                ),
                openings=(
                    "Pada {tanggal} bencana melanda {desa_full}, Kecamatan {kecamatan}, {kota}.",
                ),
                details=(
                    "Rumah kami rusak berat dan sudah didata petugas.",
                    "Sampai sekarang bantuan yang dijanjikan belum kami terima.",
                ),
                requests=("Mohon bantuan bagi korban segera disalurkan.",),
                answers=(
                    "Bantuan untuk korban sudah disalurkan ke rekening pelapor.",
                    "Data korban sudah diperbaiki; bantuan tahap berikutnya segera cair.",
                ),
                aspirasi=(
                    (
                        "Usulan daftar penerima bantuan korban bencana diumumkan",
                        "Kami mengusulkan daftar korban bencana penerima bantuan di {desa_full} diumumkan agar tidak ada yang terlewat.",
                    ),
                ),
                informasi=(
                    (
                        "Cara mendapat bantuan rumah rusak karena bencana",
                        "Rumah saya rusak karena gempa. Bagaimana cara mengajukan bantuan perbaikan rumah korban bencana?",
                    ),
                ),
            ),
            Issue(
                categories=("tanggap-darurat",),
                titles=(
                    "Pengungsi longsor di {desa_full} kekurangan logistik",
                    "Evakuasi warga terdampak banjir di {desa_full} lambat",
                ),
                openings=(
                    "Pada {tanggal} banjir dan longsor melanda {desa_full}, Kecamatan {kecamatan}, {kota}.",
                ),
                details=(
                    "Sebagian warga mengungsi ke balai desa.",
                    "Sampai hari ketiga belum ada makanan dan selimut di pengungsian.",
                    "Perahu karet baru datang sehari setelah air naik.",
                ),
                requests=("Mohon bantuan darurat segera dikirim ke lokasi pengungsian.",),
                answers=(
                    "Logistik sudah dikirim ke posko pengungsian warga.",
                    "Tim reaksi cepat sudah mengevakuasi warga dan mendirikan dapur umum.",
                ),
                aspirasi=(
                    (
                        "Usulan jalur evakuasi di {desa_full}",
                        "Kami mengusulkan jalur evakuasi dan titik kumpul ditandai dengan jelas di {desa_full}.",
                    ),
                ),
                informasi=(
                    (
                        "Lokasi posko pengungsian di {kecamatan}",
                        "Di mana saja posko pengungsian dan dapur umum di Kecamatan {kecamatan} saat banjir?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="pos",
        unit_keywords=(),
        issues=(
            Issue(
                categories=("layanan-pos",),
                titles=("Paket pos tidak sampai setelah dua minggu",),
                openings=("Pada {tanggal} saya mengirim paket dari kantor pos {kota_short}.",),
                details=(
                    "Di pelacakan statusnya tidak berubah sejak seminggu.",
                    "Petugas di loket tidak bisa memberi penjelasan.",
                ),
                requests=("Mohon paket saya dilacak dan dikirim ke alamat tujuan.",),
                answers=(
                    "Paket pelapor sudah ditemukan dan diantar ke alamat tujuan.",
                    "Ganti rugi sudah dibayarkan sesuai ketentuan.",
                ),
                aspirasi=(
                    (
                        "Usulan layanan pos buka hari Sabtu di {kecamatan}",
                        "Kami mengusulkan kantor pos di Kecamatan {kecamatan} buka juga pada hari Sabtu.",
                    ),
                ),
                informasi=(
                    (
                        "Cara klaim paket pos yang hilang",
                        "Bagaimana cara mengajukan ganti rugi untuk paket pos yang hilang?",
                    ),
                ),
            ),
        ),
    ),
    Theme(
        key="mbg",
        unit_keywords=("pemantauan",),
        issues=(
            Issue(
                categories=("makan-bergizi-gratis",),
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
                answers=(
                    "Dapur penyedia sudah diperiksa dan dihentikan sementara sampai diperbaiki.",
                    "Sampel makanan sudah diuji dan siswa yang sakit sudah dirawat.",
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
            ),
        ),
    ),
    Theme(
        key="kereta",
        unit_keywords=(),
        issues=(
            Issue(
                categories=("kereta-api",),
                titles=(
                    "Pengembalian tiket kereta belum cair",
                    "Kereta lokal dari {kota_short} selalu terlambat",
                ),
                openings=(
                    "Pada {tanggal} saya membatalkan tiket kereta dari Stasiun {kota_short}.",
                ),
                details=(
                    "Uangnya dijanjikan kembali dalam tujuh hari kerja.",
                    "Sudah sebulan uang belum masuk ke rekening saya.",
                ),
                requests=("Mohon pengembalian dana saya segera diproses.",),
                answers=(
                    "Dana pengembalian tiket kereta pelapor sudah ditransfer.",
                    "Jadwal perjalanan kereta lokal sudah disesuaikan agar tepat waktu.",
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
            ),
        ),
    ),
)

GENERIC = Theme(
    key="umum",
    unit_keywords=(),
    issues=(
        Issue(
            categories=("pelayanan-desa-kelurahan",),
            titles=(
                "Pelayanan di kantor {desa_full} lambat",
                "Surat pengantar di kantor {desa_full} dipungut biaya",
                "Kantor {desa_full} tutup pada jam kerja",
            ),
            openings=("Pada {tanggal} saya datang ke kantor {desa_full}, {kecamatan}, {kota}.",),
            details=(
                "Kantor masih tutup padahal sudah pukul sembilan pagi.",
                "Saya diminta membayar tanpa diberi tanda terima.",
                "Surat pengantar yang saya minta baru selesai tiga hari kemudian.",
            ),
            requests=(
                "Mohon pelayanan di kantor desa ini diperbaiki.",
                "Kami minta perangkat desa tersebut ditegur.",
            ),
            answers=(
                "Camat sudah menegur perangkat desa dan memasang papan jam layanan.",
                "Layanan kantor desa sudah berjalan normal sesuai jam kerja.",
            ),
            aspirasi=(
                (
                    "Usulan surat pengantar desa secara daring di {kota_short}",
                    "Banyak warga sulit datang ke kantor desa pada jam kerja. Kami mengusulkan surat pengantar bisa diurus secara daring.",
                ),
            ),
            informasi=(
                (
                    "Jam layanan kantor {desa_full}",
                    "Saya ingin tahu jam buka layanan di kantor {desa_full}, {kota}. Apakah kantor buka pada hari Sabtu?",
                ),
            ),
        ),
        Issue(
            categories=("lainnya",),
            titles=(
                "Petugas tidak ramah saat melayani warga di {kota_short}",
                "Layanan publik di Kecamatan {kecamatan} tutup pada jam kerja",
                "Pungutan tanpa dasar di kantor pelayanan {kota_short}",
            ),
            openings=("Pada {tanggal} saya datang ke kantor pelayanan di {kecamatan}, {kota}.",),
            details=(
                "Petugas berbicara kasar ketika saya bertanya.",
                "Saya diminta membayar tanpa diberi tanda terima.",
                "Antrean tidak teratur dan tidak ada nomor antrean.",
            ),
            requests=(
                "Mohon pelayanan di kantor ini diperbaiki.",
                "Kami minta petugas tersebut ditegur.",
            ),
            answers=(
                "Pimpinan unit sudah menegur petugas dan memasang papan informasi layanan.",
                "Layanan sudah berjalan normal sesuai jam kerja.",
            ),
            aspirasi=(
                (
                    "Usulan layanan publik secara daring di {kota_short}",
                    "Banyak warga sulit datang ke kantor pada jam kerja. Kami mengusulkan layanan bisa diurus secara daring.",
                ),
            ),
            informasi=(
                (
                    "Jam layanan publik di {kecamatan}",
                    "Saya ingin tahu jam buka layanan publik di Kecamatan {kecamatan}, {kota}. Apakah kantor buka pada hari Sabtu?",
                ),
            ),
        ),
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
