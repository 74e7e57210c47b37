"""Controlled vocabularies: the small fixed sets staff pick values from, with their Indonesian labels.

Each set maps the value staff write in YAML to the label citizens read on the site. The order of a set
is its display order. Urusan codes (Permendagri 90/2019) live here too.
"""

from __future__ import annotations

# Stages of the musrenbang cycle, in order. Meetings use the meeting stages; a proposal's history may
# also reach the budget stages after them.
TAHAP: dict[str, str] = {
    "rembug-warga": "Rembug Warga / Musyawarah RT-RW",
    "pra-musrenbang": "Pra-Musrenbang / Rapat Koordinasi",
    "musrenbang-kelurahan": "Musrenbang Kelurahan",
    "musrenbang-desa": "Musrenbang Desa",
    "musrenbang-kecamatan": "Musrenbang Kecamatan",
    "verifikasi-lapangan": "Verifikasi Lapangan",
    "forum-opd": "Forum Perangkat Daerah (Forum OPD)",
    "musrenbang-kota": "Musrenbang Kota",
    "musrenbang-kabupaten": "Musrenbang Kabupaten",
    "rkpd": "Penetapan RKPD",
    "apbd": "Penetapan APBD",
    "pelaksanaan": "Pelaksanaan",
    "lainnya": "Rapat Lainnya",
}

# Stages that are meetings (a rapat record's `jenis`).
JENIS_RAPAT: dict[str, str] = {
    key: TAHAP[key]
    for key in (
        "rembug-warga",
        "pra-musrenbang",
        "musrenbang-kelurahan",
        "musrenbang-desa",
        "musrenbang-kecamatan",
        "verifikasi-lapangan",
        "forum-opd",
        "musrenbang-kota",
        "musrenbang-kabupaten",
        "lainnya",
    )
}

# The government level a meeting stage belongs to: used for news categories.
TINGKAT_RAPAT: dict[str, str] = {
    "rembug-warga": "Tingkat RT/RW",
    "pra-musrenbang": "Tingkat Kelurahan/Desa",
    "musrenbang-kelurahan": "Tingkat Kelurahan/Desa",
    "musrenbang-desa": "Tingkat Kelurahan/Desa",
    "musrenbang-kecamatan": "Tingkat Kecamatan",
    "verifikasi-lapangan": "Tingkat Kota/Kabupaten",
    "forum-opd": "Tingkat Kota/Kabupaten",
    "musrenbang-kota": "Tingkat Kota/Kabupaten",
    "musrenbang-kabupaten": "Tingkat Kota/Kabupaten",
    "lainnya": "Rapat Lainnya",
}

# Normalised decisions in a proposal's status history.
KEPUTUSAN: dict[str, str] = {
    "diusulkan": "Diusulkan",
    "diterima": "Diterima",
    "diverifikasi": "Diverifikasi",
    "diakomodir": "Diakomodir",
    "dikembalikan": "Dikembalikan",
    "ditunda": "Ditunda",
    "ditolak": "Ditolak",
    "tidak-diakomodir": "Tidak Diakomodir",
}
# Decisions that must say why.
KEPUTUSAN_BERALASAN = frozenset({"ditolak", "tidak-diakomodir", "dikembalikan", "ditunda"})

# Where each decision leaves a proposal, in one plain sentence, and what comes next.
ARTI_KEPUTUSAN: dict[str, str] = {
    "diusulkan": "Usulan sudah dicatat dan menunggu dibahas pada tahap berikutnya.",
    "diterima": "Usulan disetujui pada tahap ini dan dibawa ke tahap berikutnya.",
    "diverifikasi": "Lokasi dan volume usulan sudah diperiksa; usulan menunggu pembahasan anggaran.",
    "diakomodir": "Usulan masuk rencana atau anggaran pemerintah daerah.",
    "dikembalikan": "Usulan dikembalikan untuk diperbaiki pengusul lalu dibahas lagi.",
    "ditunda": "Usulan tidak dibahas tahun ini dan dapat diajukan lagi pada tahun berikutnya.",
    "ditolak": "Usulan tidak dilanjutkan. Alasannya tertulis pada riwayat.",
    "tidak-diakomodir": "Usulan tidak masuk rencana atau anggaran tahun ini. Alasannya ada pada riwayat.",
}
# Decisions after which a proposal's history ends.
KEPUTUSAN_AKHIR = frozenset({"ditolak", "tidak-diakomodir", "ditunda"})

SUMBER_DANA: dict[str, str] = {
    "apbd": "APBD Kota/Kabupaten",
    "dana-kelurahan": "Dana Kelurahan",
    "dd-add": "Dana Desa / Alokasi Dana Desa",
    "apbd-provinsi": "APBD Provinsi",
    "dak": "Dana Alokasi Khusus (DAK)",
    "pokir": "Pokok-Pokok Pikiran DPRD",
    "swadaya": "Swadaya Masyarakat",
    "lainnya": "Lainnya",
}

JALUR: dict[str, str] = {
    "musrenbang": "Musrenbang",
    "pokir": "Pokok-Pokok Pikiran DPRD (Pokir)",
    "renja": "Rencana Kerja OPD (Renja)",
}

JENIS_USULAN: dict[str, str] = {"fisik": "Fisik", "non-fisik": "Non-Fisik", "barang": "Barang"}

BIDANG: dict[str, str] = {
    "fisik-prasarana": "Fisik dan Prasarana",
    "ekonomi": "Ekonomi",
    "sosial-budaya": "Sosial Budaya",
}

# Groups of attendees, in the order a news post lists them.
UNSUR: dict[str, str] = {
    "pemerintah-daerah": "Pemerintah Kota/Kabupaten",
    "dprd": "DPRD",
    "kecamatan": "Kecamatan dan Forkopimcam",
    "kelurahan": "Pemerintah Kelurahan/Desa",
    "lembaga-kemasyarakatan": "Lembaga Kemasyarakatan (LPMK, RT/RW, PKK, Karang Taruna)",
    "masyarakat": "Tokoh dan Warga Masyarakat",
    "lainnya": "Lainnya",
}

JENIS_DOKUMEN: dict[str, str] = {
    "undangan": "Undangan",
    "berita-acara": "Berita Acara",
    "daftar-hadir": "Daftar Hadir",
    "daftar-usulan": "Daftar Usulan",
    "notulen": "Notulen",
    "paparan": "Bahan Paparan",
    "lainnya": "Dokumen Lainnya",
}

ZONA_WAKTU: dict[str, str] = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}

# Government affairs (urusan pemerintahan), Permendagri 90/2019.
URUSAN: dict[str, str] = {
    "1.01": "Pendidikan",
    "1.02": "Kesehatan",
    "1.03": "Pekerjaan Umum dan Penataan Ruang",
    "1.04": "Perumahan Rakyat dan Kawasan Permukiman",
    "1.05": "Ketenteraman dan Ketertiban Umum serta Pelindungan Masyarakat",
    "1.06": "Sosial",
    "2.07": "Tenaga Kerja",
    "2.08": "Pemberdayaan Perempuan dan Pelindungan Anak",
    "2.09": "Pangan",
    "2.10": "Pertanahan",
    "2.11": "Lingkungan Hidup",
    "2.12": "Administrasi Kependudukan dan Pencatatan Sipil",
    "2.13": "Pemberdayaan Masyarakat dan Desa",
    "2.14": "Pengendalian Penduduk dan Keluarga Berencana",
    "2.15": "Perhubungan",
    "2.16": "Komunikasi dan Informatika",
    "2.17": "Koperasi, Usaha Kecil, dan Menengah",
    "2.18": "Penanaman Modal",
    "2.19": "Kepemudaan dan Olahraga",
    "2.20": "Statistik",
    "2.21": "Persandian",
    "2.22": "Kebudayaan",
    "2.23": "Perpustakaan",
    "2.24": "Kearsipan",
    "3.25": "Kelautan dan Perikanan",
    "3.26": "Pariwisata",
    "3.27": "Pertanian",
    "3.28": "Kehutanan",
    "3.29": "Energi dan Sumber Daya Mineral",
    "3.30": "Perdagangan",
    "3.31": "Perindustrian",
    "3.32": "Transmigrasi",
    "4.01": "Sekretariat Daerah",
    "4.02": "Sekretariat DPRD",
    "5.01": "Perencanaan",
    "5.02": "Keuangan",
    "5.03": "Kepegawaian",
    "5.04": "Pendidikan dan Pelatihan",
    "5.05": "Penelitian dan Pengembangan",
    "6.01": "Inspektorat Daerah",
    "7.01": "Kecamatan",
    "8.01": "Kesatuan Bangsa dan Politik",
}


def zona_of_province(code: str) -> str:
    """The time zone (WIB/WITA/WIT) of a province, by its two-digit Kemendagri code."""
    number = int(code[:2])
    if number in (51, 52, 53, 63, 64, 65) or 71 <= number <= 76:
        return "WITA"
    if number >= 81:
        return "WIT"
    return "WIB"
