"""Synthetic data, the words: proposal templates, agencies, reasons and venues, in Indonesian.

Placeholders in braces are filled per record: {rt} {rw} {gang} {kel} (the kelurahan's name), {wil}
("Kelurahan Margodadi" / "Desa Balecatur"), {jenis_wil} ("kelurahan" / "desa"), {tingkat} ("kota" /
"kabupaten"), {kab} ("Kota Metro"), {prov} and {tahun} (the year planned for).
"""

from __future__ import annotations

from dataclasses import dataclass

# key → (name without region, short name, urusan codes); the id is "<key>-<kota slug>".
OPD: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "dpupr": ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", ("1.03",)),
    "disperkim": ("Dinas Perumahan dan Kawasan Permukiman", "Disperkim", ("1.04",)),
    "dinkes": ("Dinas Kesehatan", "Dinkes", ("1.02",)),
    "disdikbud": ("Dinas Pendidikan dan Kebudayaan", "Disdikbud", ("1.01", "2.22")),
    "dinsos": ("Dinas Sosial", "Dinsos", ("1.06",)),
    "dishub": ("Dinas Perhubungan", "Dishub", ("2.15",)),
    "dlh": ("Dinas Lingkungan Hidup", "DLH", ("2.11",)),
    "diskopukm": ("Dinas Koperasi, Usaha Kecil dan Menengah", "Dinas Koperasi UKM", ("2.17",)),
    "disnaker": ("Dinas Tenaga Kerja", "Disnaker", ("2.07",)),
    "dispertan": ("Dinas Pertanian dan Pangan", "Dispertan", ("3.27", "2.09")),
    "dp3ap2kb": (
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana",
        "DP3AP2KB",
        ("2.08", "2.14"),
    ),
    "disporapar": ("Dinas Pemuda, Olahraga dan Pariwisata", "Disporapar", ("2.19", "3.26")),
    "dispusip": ("Dinas Perpustakaan dan Kearsipan", "Dispusip", ("2.23", "2.24")),
    "bpbd": ("Badan Penanggulangan Bencana Daerah", "BPBD", ("1.05",)),
}
KECAMATAN = "kecamatan"  # proposals handled by the kecamatan itself (urusan 7.01)


@dataclass(frozen=True)
class Templat:
    """A kind of proposal: its title, classification, unit and plausible volume and unit price."""

    judul: str
    jenis: str
    bidang: str
    urusan: str
    opd: str  # a key of OPD, or KECAMATAN
    satuan: str
    volume: tuple[int, int]
    harga: tuple[int, int]  # rupiah per unit
    masalah: tuple[str, ...]
    pengusul: str  # a key of PENGUSUL
    bobot: int = 2  # how often it is drawn
    alih: str | None = None  # the OPD it is sometimes reassigned to at the Forum OPD


F, E, S = "fisik-prasarana", "ekonomi", "sosial-budaya"

TEMPLAT: tuple[Templat, ...] = (
    Templat(
        "Pembangunan drainase lingkungan RT {rt} RW {rw}", "fisik", F, "1.03", "dpupr", "meter",
        (60, 300), (650_000, 950_000),
        ("Saat hujan deras air menggenang di jalan lingkungan RT {rt} karena saluran belum ada.",
         "Saluran lama di RT {rt} RW {rw} tertimbun tanah dan sampah sehingga air meluap ke rumah warga."),
        "rt", 5,
    ),
    Templat(
        "Rehabilitasi jalan lingkungan Gang {gang} RT {rt} RW {rw}", "fisik", F, "1.03", "dpupr", "meter",
        (80, 400), (350_000, 600_000),
        ("Rabat beton Gang {gang} retak dan berlubang sehingga sulit dilalui kendaraan roda dua.",
         "Jalan Gang {gang} masih berupa tanah dan becek setiap musim hujan."),
        "rt", 5,
    ),
    Templat(
        "Pengaspalan jalan lingkungan RW {rw}", "fisik", F, "1.03", "dpupr", "meter",
        (150, 600), (280_000, 420_000),
        ("Aspal jalan lingkungan RW {rw} mengelupas dan berlubang di banyak titik.",),
        "rw", 3,
    ),
    Templat(
        "Pembangunan talud penahan tanah saluran RW {rw}", "fisik", F, "1.03", "dpupr", "meter",
        (20, 100), (2_500_000, 3_600_000),
        ("Tebing saluran di RW {rw} terus tergerus air dan sudah mendekati rumah warga.",),
        "rw", 2,
    ),
    Templat(
        "Pembangunan jembatan penghubung antar-RW di RW {rw}", "fisik", F, "1.03", "dpupr", "meter",
        (6, 15), (15_000_000, 26_000_000),
        ("Warga RW {rw} harus memutar sejauh dua kilometer karena belum ada jembatan yang layak.",),
        "rw", 1,
    ),
    Templat(
        "Pemasangan lampu penerangan jalan umum (PJU) RW {rw}", "fisik", F, "2.15", "dishub", "titik",
        (5, 20), (4_500_000, 7_500_000),
        ("Jalan utama RW {rw} gelap pada malam hari dan rawan kecelakaan serta pencurian.",),
        "rw", 4, "disperkim",
    ),
    Templat(
        "Pembuatan sumur bor air bersih RT {rt} RW {rw}", "fisik", F, "1.03", "dpupr", "unit",
        (1, 1), (65_000_000, 120_000_000),
        ("Pada musim kemarau sumur warga RT {rt} kering dan warga membeli air bersih.",),
        "rt", 3, "disperkim",
    ),
    Templat(
        "Rehabilitasi rumah tidak layak huni (RTLH) di RW {rw}", "fisik", F, "1.04", "disperkim", "unit",
        (3, 10), (17_500_000, 20_000_000),
        ("Beberapa keluarga kurang mampu di RW {rw} tinggal di rumah beratap bocor dan berlantai tanah.",),
        "rw", 3,
    ),
    Templat(
        "Pembangunan jamban sehat komunal RT {rt} RW {rw}", "fisik", F, "1.04", "disperkim", "unit",
        (1, 2), (45_000_000, 75_000_000),
        ("Sebagian warga RT {rt} belum memiliki jamban sehat dan masih membuang limbah ke saluran.",),
        "rt", 2,
    ),
    Templat(
        "Pembangunan gedung posyandu RW {rw}", "fisik", F, "1.02", "dinkes", "unit",
        (1, 1), (120_000_000, 200_000_000),
        ("Posyandu RW {rw} menumpang di teras rumah warga secara bergiliran.",),
        "posyandu", 2,
    ),
    Templat(
        "Pembuatan sumur resapan di RW {rw}", "fisik", F, "2.11", "dlh", "unit",
        (5, 20), (3_000_000, 6_000_000),
        ("Air hujan di RW {rw} langsung mengalir ke jalan dan menimbulkan genangan.",),
        "rw", 2,
    ),
    Templat(
        "Pembangunan taman bermain ramah anak RW {rw}", "fisik", S, "2.08", "dp3ap2kb", "unit",
        (1, 1), (75_000_000, 150_000_000),
        ("Anak-anak di RW {rw} bermain di tepi jalan karena belum ada ruang bermain yang aman.",),
        "rw", 2, "disperkim",
    ),
    Templat(
        "Rehabilitasi ruang kelas sekolah dasar negeri di {wil}", "fisik", S, "1.01", "disdikbud", "ruang",
        (2, 4), (150_000_000, 250_000_000),
        ("Atap dua ruang kelas sekolah dasar di {wil} rusak dan bocor saat hujan.",),
        "lpmk", 2,
    ),
    Templat(
        "Pembangunan pos kamling RT {rt} RW {rw}", "fisik", F, "7.01", KECAMATAN, "unit",
        (1, 1), (25_000_000, 40_000_000),
        ("Pos ronda RT {rt} sudah lapuk sehingga kegiatan ronda malam terhenti.",),
        "rt", 2,
    ),
    Templat(
        "Pengadaan tempat sampah terpilah dan gerobak sampah RW {rw}", "barang", F, "2.11", "dlh", "paket",
        (1, 1), (15_000_000, 35_000_000),
        ("Sampah rumah tangga di RW {rw} menumpuk di pinggir jalan karena belum ada sarana angkut.",),
        "rw", 2,
    ),
    Templat(
        "Pemasangan rambu lalu lintas dan cermin tikungan di RW {rw}", "barang", F, "2.15", "dishub", "buah",
        (4, 12), (1_500_000, 3_000_000),
        ("Tikungan tajam di RW {rw} sering menjadi tempat kecelakaan sepeda motor.",),
        "rw", 2,
    ),
    Templat(
        "Pelatihan keterampilan menjahit bagi ibu PKK", "non-fisik", E, "2.17", "diskopukm", "orang",
        (20, 30), (1_200_000, 1_800_000),
        ("Ibu rumah tangga anggota PKK ingin menambah penghasilan tetapi belum memiliki keterampilan.",),
        "pkk", 3, "disnaker",
    ),
    Templat(
        "Pelatihan pengolahan pangan bagi kelompok usaha perempuan", "non-fisik", E, "2.17", "diskopukm",
        "orang", (20, 30), (1_000_000, 1_500_000),
        ("Kelompok usaha perempuan belum memiliki keterampilan mengemas dan memasarkan olahan pangan.",),
        "pkk", 3,
    ),
    Templat(
        "Pelatihan pemasaran daring bagi pelaku UMKM", "non-fisik", E, "2.17", "diskopukm", "orang",
        (25, 40), (800_000, 1_200_000),
        ("Pelaku usaha mikro di {wil} masih menjual hanya di sekitar tempat tinggal.",),
        "lpmk", 2,
    ),
    Templat(
        "Pengadaan alat pengolahan keripik untuk kelompok usaha RW {rw}", "barang", E, "2.17", "diskopukm",
        "paket", (1, 1), (25_000_000, 50_000_000),
        ("Kelompok usaha keripik RW {rw} masih mengiris dan menggoreng dengan alat seadanya.",),
        "rw", 2,
    ),
    Templat(
        "Bantuan bibit dan pupuk untuk kelompok tani", "barang", E, "3.27", "dispertan", "paket",
        (1, 3), (15_000_000, 30_000_000),
        ("Hasil panen kelompok tani di {wil} menurun karena bibit dan pupuk sulit didapat.",),
        "kwt", 2,
    ),
    Templat(
        "Pelatihan pekarangan pangan lestari bagi kelompok wanita tani", "non-fisik", E, "2.09",
        "dispertan", "orang", (20, 30), (900_000, 1_400_000),
        ("Pekarangan rumah warga di {wil} belum dimanfaatkan untuk menanam sayur.",),
        "kwt", 2,
    ),
    Templat(
        "Pelatihan keterampilan kerja bagi pemuda pencari kerja", "non-fisik", E, "2.07", "disnaker",
        "orang", (20, 30), (2_000_000, 3_000_000),
        ("Banyak pemuda lulusan SMA di {wil} belum bekerja karena belum memiliki keterampilan.",),
        "kt", 2,
    ),
    Templat(
        "Pengadaan tenda dan kursi untuk kegiatan warga", "barang", S, "7.01", KECAMATAN, "paket",
        (1, 1), (25_000_000, 45_000_000),
        ("Setiap ada hajatan atau kegiatan warga {wil} harus menyewa tenda dan kursi.",),
        "lpmk", 3,
    ),
    Templat(
        "Pemberian makanan tambahan bagi balita di posyandu RW {rw}", "non-fisik", S, "1.02", "dinkes",
        "orang", (30, 80), (180_000, 300_000),
        ("Beberapa balita di RW {rw} berat badannya di bawah garis merah pada penimbangan bulanan.",),
        "posyandu", 3,
    ),
    Templat(
        "Pengadaan alat timbang dan alat ukur tinggi badan posyandu", "barang", S, "1.02", "dinkes", "set",
        (2, 6), (2_500_000, 4_500_000),
        ("Alat timbang posyandu di {wil} sudah rusak sehingga hasil penimbangan tidak akurat.",),
        "posyandu", 2,
    ),
    Templat(
        "Pelatihan kader posyandu tentang pencegahan stunting", "non-fisik", S, "1.02", "dinkes", "orang",
        (20, 40), (500_000, 900_000),
        ("Kader posyandu di {wil} belum pernah mendapat pelatihan pemantauan tumbuh kembang anak.",),
        "posyandu", 2,
    ),
    Templat(
        "Pelatihan keterampilan bagi penyandang disabilitas", "non-fisik", S, "1.06", "dinsos", "orang",
        (10, 20), (2_500_000, 3_500_000),
        ("Penyandang disabilitas usia kerja di {wil} belum memiliki keterampilan usaha.",),
        "lpmk", 2,
    ),
    Templat(
        "Penyuluhan kesehatan reproduksi remaja dan pencegahan perkawinan anak", "non-fisik", S, "2.08",
        "dp3ap2kb", "orang", (30, 50), (300_000, 600_000),
        ("Masih ada perkawinan usia anak di {wil} dalam dua tahun terakhir.",),
        "pkk", 2,
    ),
    Templat(
        "Pengadaan peralatan olahraga untuk karang taruna", "barang", S, "2.19", "disporapar", "paket",
        (1, 1), (15_000_000, 30_000_000),
        ("Karang taruna {wil} belum memiliki peralatan olahraga untuk kegiatan pemuda.",),
        "kt", 2,
    ),
    Templat(
        "Pengadaan alat kesenian untuk sanggar seni {wil}", "barang", S, "2.22", "disdikbud", "paket",
        (1, 1), (20_000_000, 45_000_000),
        ("Sanggar seni {wil} meminjam gamelan dari kelurahan lain setiap kali berlatih.",),
        "kt", 1,
    ),
    Templat(
        "Pengadaan buku bacaan untuk taman baca masyarakat RW {rw}", "barang", S, "2.23", "dispusip",
        "eksemplar", (150, 400), (60_000, 90_000),
        ("Taman baca RW {rw} hanya memiliki sedikit buku sehingga jarang dikunjungi anak-anak.",),
        "pkk", 1,
    ),
    Templat(
        "Pelatihan tanggap bencana bagi relawan {wil}", "non-fisik", S, "1.05", "bpbd", "orang",
        (25, 40), (600_000, 1_000_000),
        ("Wilayah {wil} rawan banjir dan longsor tetapi relawan belum terlatih.",),
        "lpmk", 1,
    ),
)  # fmt: skip

PENGUSUL: dict[str, str] = {
    "rt": "Ketua RT {rt} RW {rw}",
    "rw": "Ketua RW {rw}",
    "pkk": "TP-PKK {wil}",
    "kt": "Karang Taruna {wil}",
    "lpmk": "{lpm} {kel}",
    "kwt": "Kelompok Wanita Tani RW {rw}",
    "posyandu": "Kader Posyandu RW {rw}",
}

GANG = (
    "Mawar", "Melati", "Kenanga", "Flamboyan", "Anggrek", "Cempaka", "Dahlia", "Kamboja", "Masjid",
    "Sekolah", "Nangka", "Rambutan", "Jambu", "Manggis", "Bakti", "Damai", "Rukun", "Sejahtera",
)  # fmt: skip

# Reasons by stage, as staff would write them.
TOLAK_PRA = (
    "tidak masuk prioritas: disepakati dikerjakan dengan swadaya warga RW {rw}",
    "tidak masuk prioritas: lokasi yang sama sudah diusulkan RW lain",
    "tidak masuk prioritas: dapat dibiayai {dana} tahun berjalan",
)
TOLAK_KEL = (
    "tidak masuk prioritas: kuota lima usulan per bidang sudah terisi",
    "tidak masuk prioritas: nilai kebutuhan lebih rendah dari usulan lain",
)
TOLAK_KEC = (
    "tidak masuk prioritas kecamatan",
    "bukan kewenangan {tingkat}: menjadi kewenangan Pemerintah Provinsi {prov}",
    "usulan serupa sudah diajukan {jenis_wil} lain dan digabungkan",
)
KEMBALI_KEC = "dokumen pendukung belum lengkap: foto lokasi dan gambar sketsa belum dilampirkan"
TOLAK_VERIFIKASI = (
    "lahan belum tersedia: tanah calon lokasi belum dihibahkan kepada Pemerintah {kab}",
    "lokasi sudah tertangani program lain pada tahun berjalan",
    "tidak memenuhi syarat teknis setelah ditinjau di lapangan",
)
TOLAK_FORUM = (
    "tidak sesuai RPJMD: kegiatan tidak termasuk program prioritas perangkat daerah",
    "bukan kewenangan {tingkat}: dialihkan ke usulan Pemerintah Provinsi {prov}",
    "tidak sesuai rancangan Renja {opd} tahun {tahun}",
)
TUNDA_KOTA = (
    "ditunda ke tahun berikutnya: pagu indikatif {tahun} tidak mencukupi",
    "ditunda ke tahun berikutnya: menunggu kepastian status lahan",
)
TOLAK_RKPD = "tidak tertampung dalam pagu indikatif RKPD {tahun}"
TOLAK_APBD = "tidak tertampung dalam APBD {tahun} karena rasionalisasi anggaran"

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
    "November", "Desember",
)  # fmt: skip

TEMPAT_REMBUG = (
    "Balai Warga RW {rw}", "Musala Al-Ikhlas RW {rw}", "Masjid Baiturrahman RW {rw}",
    "Gedung Pertemuan RW {rw}", "Pos Ronda RT {rt} RW {rw}", "Rumah Ketua RW {rw}",
)  # fmt: skip
TEMPAT_KELURAHAN = ("Aula Kantor Kelurahan {kel}", "Gedung Serbaguna Kelurahan {kel}")
TEMPAT_DESA = ("Balai Desa {kel}", "Pendopo Kantor Desa {kel}")
TEMPAT_KECAMATAN = (
    "Aula Kantor Kecamatan {kec}",
    "Gedung Serbaguna Kecamatan {kec}",
    "Pendopo Kecamatan {kec}",
)
TEMPAT_KOTA = ("Aula Kantor Wali Kota {singkat}", "Gedung Serbaguna Pemerintah Kota {singkat}")
TEMPAT_KABUPATEN = ("Pendopo Kabupaten {singkat}", "Gedung Serbaguna Pemerintah Kabupaten {singkat}")
