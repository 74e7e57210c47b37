"""The record types: one frozen dataclass per kind, whose field names are the YAML keys staff write.

Each field's metadata holds its parser and a one-line Indonesian doc (shown in messages and, later,
in the staff guide). `asal` is the only field staff do not write: where the record came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import vocab
from .fields import (
    Origin,
    boolean,
    choice,
    clock,
    date,
    decimal_number,
    described,
    integer,
    list_of,
    markdown,
    pattern,
    record,
    spec,
    text,
    url,
)

ID = pattern(
    r"[a-z0-9]+(-[a-z0-9]+)*",
    "kode pengenal huruf kecil, angka dan tanda -",
    "contoh: 2023-musrenbangkel-margodadi (tanpa spasi, tanpa huruf besar)",
)
KODE_WILAYAH = pattern(
    r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?",
    "kode wilayah Kemendagri",
    'tulis dengan titik dan tanda kutip, contoh: "18.72.05.1004"',
)
TAHUN = integer(2000, 2100)
# Official office contacts: the only phone numbers and e-mail addresses a page may show (privacy.py).
TELEPON_KANTOR = pattern(
    r"(\+62|0)[0-9 ()-]{6,18}",
    "nomor telepon kantor",
    'contoh: "(0725) 41234"; hanya nomor kantor resmi, bukan nomor pribadi',
)
EMAIL_KANTOR = pattern(
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", "alamat e-mail", "contoh: bappeda@metrokota.go.id"
)
UNKNOWN = "tidak diketahui"
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def _asal() -> Origin | None:
    return field(default=None, compare=False, repr=False)  # type: ignore[return-value]


def text_or_unknown(max_length: int = 200):  # type: ignore[no-untyped-def]
    """Text, where the word "tidak diketahui" says the source does not tell (stored as None)."""
    base = text(max_length)

    def parse(node, path, ctx):  # type: ignore[no-untyped-def]
        value = base(node, path, ctx)
        return None if isinstance(value, str) and value.lower() == UNKNOWN else value

    return described(parse, type="string", constraints={"maxLength": max_length})


@dataclass(frozen=True)
class Wilayah:
    """A region in use: province, kota/kabupaten, kecamatan or kelurahan/desa."""

    kode: str = spec(KODE_WILAYAH, 'kode wilayah Kemendagri, contoh "18.72.05.1004"')
    nama: str = spec(text(100), "nama resmi sesuai daftar Kemendagri, contoh Margodadi")
    nama_lain: tuple[str, ...] = spec(
        list_of(text(100)), "nama lain yang dipakai warga, contoh Sumbersari", False, ()
    )
    situs_web: str | None = spec(url(), "alamat situs web resmi wilayah", False)
    telepon_kantor: str | None = spec(TELEPON_KANTOR, "nomor telepon kantor resmi (boleh dimuat)", False)
    email_kantor: str | None = spec(EMAIL_KANTOR, "alamat e-mail kantor resmi (boleh dimuat)", False)
    asal: Origin | None = _asal()


@dataclass(frozen=True)
class Opd:
    """A regional government agency (organisasi perangkat daerah) that proposals are sent to."""

    id: str = spec(ID, "kode pengenal OPD, contoh dpupr-metro")
    nama: str = spec(text(200), "nama lengkap OPD, contoh Dinas Pekerjaan Umum dan Penataan Ruang")
    wilayah: str = spec(KODE_WILAYAH, "kode kota/kabupaten OPD ini")
    singkatan: str | None = spec(text(60), "singkatan, contoh DPUPR", False)
    urusan: tuple[str, ...] = spec(
        list_of(choice(vocab.URUSAN, "kode urusan")), "kode urusan yang ditangani", False, ()
    )
    telepon_kantor: str | None = spec(TELEPON_KANTOR, "nomor telepon kantor resmi (boleh dimuat)", False)
    email_kantor: str | None = spec(EMAIL_KANTOR, "alamat e-mail kantor resmi (boleh dimuat)", False)
    asal: Origin | None = _asal()


@dataclass(frozen=True)
class Peserta:
    """A person or body who attends meetings: an official by role, or a group by role."""

    id: str = spec(ID, "kode pengenal peserta, contoh walikota-metro")
    jabatan: str = spec(text(150), "jabatan atau peran, contoh Walikota Metro")
    unsur: str = spec(choice(vocab.UNSUR, "unsur peserta"), "kelompok asal peserta")
    nama: str | None = spec(text(150), "nama pejabat (hanya pejabat publik atau warga yang setuju)", False)
    lembaga: str | None = spec(text(150), "lembaga atau instansi, contoh Bappeda Kota Metro", False)
    wilayah: str | None = spec(KODE_WILAYAH, "kode wilayah tempat peserta bertugas", False)
    kelompok: bool = spec(boolean(), "ya bila mewakili sekelompok orang, contoh ketua RT", False, False)
    warga: bool = spec(boolean(), "ya bila peserta warga biasa, bukan pejabat", False, False)
    setuju_nama_dipublikasikan: bool = spec(
        boolean(), "ya bila warga ini menyetujui namanya dimuat", False, False
    )
    asal: Origin | None = _asal()


@dataclass(frozen=True)
class Kehadiran:
    """One attendee entry of a meeting."""

    peserta: str = spec(ID, "kode pengenal peserta (berkas di content/peserta)")
    jumlah: int | None = spec(integer(1, 100000), "jumlah orang yang hadir, untuk kelompok", False)
    keterangan: str | None = spec(text(200), "catatan singkat, contoh mewakili Camat", False)


@dataclass(frozen=True)
class Sumber:
    """A source the record's facts come from."""

    judul: str = spec(text(300), "judul sumber, contoh judul berita")
    url: str | None = spec(url(), "alamat web sumber", False)
    penerbit: str | None = spec(text(150), "penerbit sumber", False)
    tanggal: dt.date | None = spec(date(), "tanggal terbit", False)
    keterangan: str | None = spec(text(300), "catatan tentang sumber", False)


@dataclass(frozen=True)
class Dokumen:
    """A document of a meeting: berita acara, daftar hadir, …"""

    jenis: str = spec(choice(vocab.JENIS_DOKUMEN, "jenis dokumen"), "jenis dokumen")
    judul: str = spec(text(300), "judul dokumen")
    url: str | None = spec(url(), "alamat web dokumen", False)
    berkas: str | None = spec(
        pattern(
            r"[A-Za-z0-9_][A-Za-z0-9_./ -]*",
            "jalur berkas di dalam folder content",
            "contoh: dokumen/2023/berita-acara-margodadi.pdf",
        ),
        "jalur berkas di dalam folder content",
        False,
    )


@dataclass(frozen=True)
class RingkasanUsulan:
    """Totals a meeting states about the proposals it handled."""

    jumlah: int = spec(integer(0, 10**7), "jumlah seluruh usulan")
    fisik: int | None = spec(integer(0, 10**7), "jumlah usulan fisik", False)
    non_fisik: int | None = spec(integer(0, 10**7), "jumlah usulan non-fisik", False)
    barang: int | None = spec(integer(0, 10**7), "jumlah usulan barang", False)
    total_biaya: int | None = spec(integer(0, 10**15, unit="Rp"), "jumlah perkiraan biaya (Rp)", False)


@dataclass(frozen=True)
class Foto:
    """A photo of a meeting, or of a proposal's site before or after the work."""

    berkas: str = spec(
        pattern(
            r"[A-Za-z0-9_][A-Za-z0-9_./ -]*",
            "jalur berkas di dalam folder content",
            "contoh: foto/2023/margodadi-1.jpg",
        ),
        "jalur foto di dalam folder content, contoh foto/2023/margodadi-1.jpg",
    )
    keterangan: str = spec(text(300), "keterangan foto, tampil di bawah foto")
    alt: str = spec(text(300), "teks pengganti untuk pembaca layar: apa yang tampak di foto")
    saat: str | None = spec(
        choice({"sebelum": "Sebelum", "sesudah": "Sesudah"}, "sebelum atau sesudah"),
        "untuk usulan: foto sebelum atau sesudah dikerjakan",
        False,
    )


@dataclass(frozen=True)
class Seri:
    """A round of meetings, e.g. the kelurahan musrenbang of one kecamatan in one year."""

    id: str = spec(ID, "kode pengenal seri")
    judul: str = spec(text(200), "judul rangkaian kegiatan")
    wilayah: str = spec(KODE_WILAYAH, "kode wilayah penyelenggara")
    tahun_rencana: int = spec(TAHUN, "tahun anggaran yang direncanakan")
    isi: str | None = spec(markdown(), "uraian dalam Markdown", False)
    contoh: bool = spec(boolean(), "ya bila ini data contoh rekaan", False, False)
    asal: Origin | None = _asal()


@dataclass(frozen=True)
class Rapat:
    """A meeting: who met, where, when and what was agreed."""

    id: str = spec(ID, "kode pengenal rapat, dipakai di alamat halaman")
    jenis: str = spec(choice(vocab.JENIS_RAPAT, "jenis rapat"), "tahap atau jenis rapat")
    wilayah: str = spec(KODE_WILAYAH, "kode wilayah tempat rapat")
    tanggal: dt.date = spec(date(), "tanggal rapat TTTT-BB-HH")
    mulai: dt.time | None = spec(clock({UNKNOWN: None}), 'jam mulai "13.00", atau "tidak diketahui"')
    tempat: str | None = spec(text_or_unknown(), 'tempat rapat, atau "tidak diketahui"')
    tahun_rencana: int = spec(TAHUN, "tahun anggaran yang direncanakan")
    judul: str | None = spec(text(200), "judul berita; bila kosong dibuat dari jenis dan wilayah", False)
    selesai: dt.time | str | None = spec(
        clock({"selesai": "selesai", UNKNOWN: None}), 'jam selesai "15.30", atau "selesai"', False
    )
    hari: str | None = spec(
        choice({d: d for d in HARI}, "nama hari"), "nama hari seperti tertulis di undangan, diperiksa", False
    )
    keterangan_waktu: str | None = spec(text(100), "keterangan waktu, contoh siang hari", False)
    zona_waktu: str | None = spec(
        choice({k: k for k in vocab.ZONA_WAKTU}, "WIB, WITA atau WIT"),
        "zona waktu; bila kosong mengikuti provinsi",
        False,
    )
    seri: str | None = spec(ID, "kode pengenal seri (rangkaian rapat)", False)
    peserta: tuple[Kehadiran, ...] = spec(list_of(record(Kehadiran)), "daftar yang hadir", False, ())
    jumlah_peserta: int | None = spec(integer(1, 100000), "jumlah seluruh yang hadir", False)
    catatan_peserta: str | None = spec(text(300), "catatan tentang daftar hadir", False)
    agenda: tuple[str, ...] = spec(list_of(text(300)), "acara rapat", False, ())
    keputusan: tuple[str, ...] = spec(list_of(text(500)), "hasil atau kesepakatan rapat", False, ())
    isi: str | None = spec(markdown(), "berita dalam Markdown", False)
    sumber: tuple[Sumber, ...] = spec(list_of(record(Sumber)), "sumber berita", False, ())
    dokumen: tuple[Dokumen, ...] = spec(list_of(record(Dokumen)), "dokumen rapat", False, ())
    foto: tuple[Foto, ...] = spec(list_of(record(Foto)), "foto rapat", False, ())
    ringkasan_usulan: RingkasanUsulan | None = spec(
        record(RingkasanUsulan), "jumlah usulan yang disebut rapat, diperiksa", False
    )
    contoh: bool = spec(boolean(), "ya bila ini data contoh rekaan", False, False)
    asal: Origin | None = _asal()


@dataclass(frozen=True)
class Riwayat:
    """One step of a proposal's status history."""

    tahap: str = spec(choice(vocab.TAHAP, "tahap"), "tahap proses")
    tanggal: dt.date = spec(date(), "tanggal keputusan TTTT-BB-HH")
    keputusan: str = spec(choice(vocab.KEPUTUSAN, "keputusan"), "keputusan pada tahap ini")
    alasan: str | None = spec(text(500), "alasan (wajib bila ditolak, ditunda, dikembalikan)", False)
    rapat: str | None = spec(ID, "kode pengenal rapat yang memutuskan", False)
    label: str | None = spec(text(100), "istilah setempat untuk keputusan ini", False)
    volume: int | float | None = spec(decimal_number(), "volume baru bila diubah pada tahap ini", False)


@dataclass(frozen=True)
class Usulan:
    """A citizens' proposal and every change of its status."""

    id: str = spec(ID, "kode pengenal usulan, tidak berubah")
    judul: str = spec(text(200), "judul usulan")
    permasalahan: str = spec(text(2000, multiline=True), "masalah yang ingin diatasi")
    wilayah: str = spec(KODE_WILAYAH, "kode kelurahan/desa lokasi usulan")
    jenis: str = spec(choice(vocab.JENIS_USULAN, "jenis usulan"), "fisik, non-fisik atau barang")
    bidang: str = spec(choice(vocab.BIDANG, "bidang"), "bidang usulan")
    urusan: str = spec(choice(vocab.URUSAN, "kode urusan"), "kode urusan pemerintahan, contoh 1.03")
    opd_tujuan_awal: str = spec(ID, "kode pengenal OPD yang dituju saat diusulkan (content/opd)")
    volume: int | float = spec(decimal_number(), "volume, contoh 35")
    satuan: str = spec(text(50), "satuan volume, contoh meter")
    perkiraan_biaya: int = spec(integer(0, 10**14, unit="Rp"), "perkiraan biaya dalam rupiah")
    tahun_rencana: int = spec(TAHUN, "tahun anggaran yang direncanakan")
    riwayat: tuple[Riwayat, ...] = spec(list_of(record(Riwayat), 1), "riwayat status")
    rt: str | None = spec(pattern(r"\d{1,3}", "nomor RT", 'contoh: "008"'), "nomor RT", False)
    rw: str | None = spec(pattern(r"\d{1,3}", "nomor RW", 'contoh: "002"'), "nomor RW", False)
    alamat: str | None = spec(text(300), "alamat atau patokan lokasi", False)
    pengusul: str | None = spec(text(150), "pengusul menurut peran, contoh Ketua RT 008", False)
    opd_tujuan_akhir: str | None = spec(ID, "kode pengenal OPD terakhir bila dialihkan", False)
    anggaran: int | None = spec(
        integer(0, 10**14, unit="Rp"), "jumlah yang diakomodir atau dianggarkan (Rp)", False
    )
    sumber_dana: str | None = spec(choice(vocab.SUMBER_DANA, "sumber dana"), "sumber dana anggaran", False)
    jalur: str = spec(
        choice(vocab.JALUR, "jalur usulan"), "musrenbang, pokir atau renja", False, "musrenbang"
    )
    prioritas: int | None = spec(integer(1, 1000), "urutan prioritas", False)
    koordinat: str | None = spec(
        pattern(
            r"-?\d{1,2}\.\d+,\s*-?\d{1,3}\.\d+",
            "koordinat lintang, bujur",
            'contoh: "-5.1274, 105.3065" (salin dari peta)',
        ),
        "koordinat lokasi: lintang, bujur",
        False,
    )
    lanjutan_dari: str | None = spec(ID, "kode pengenal usulan tahun lalu yang ditunda", False)
    kode_sipd: str | None = spec(
        pattern(
            r"[A-Za-z0-9][A-Za-z0-9._/-]{0,59}",
            "ID usulan di SIPD atau e-Musrenbang",
            'contoh: "10231" (salin dari kolom ID Usulan)',
        ),
        "ID usulan di SIPD atau e-Musrenbang; diisi oleh `musrenbang impor` agar impor ulang menemukannya",
        False,
    )
    foto: tuple[Foto, ...] = spec(list_of(record(Foto)), "foto lokasi, sebelum dan sesudah", False, ())
    contoh: bool = spec(boolean(), "ya bila ini data contoh rekaan", False, False)
    asal: Origin | None = _asal()


KINDS: dict[str, type] = {
    "wilayah": Wilayah,
    "opd": Opd,
    "peserta": Peserta,
    "seri": Seri,
    "rapat": Rapat,
    "usulan": Usulan,
}
