"""One sheet row → what it says about one proposal: the record fields it states, the fields guessed
when no column states them, and the status history its decision columns tell.

The history: the proposal itself at `rembug-warga`, dated Tanggal Usul; then one step per filled
Rekomendasi column (kelurahan/desa, kecamatan, SKPD → Forum OPD, TAPD → musrenbang kota/kabupaten),
dated with the data date (`--tanggal`) because sheets carry no dates for decisions; then Status, when
it says something the Rekomendasi columns do not (Diakomodir/Tidak Diakomodir at the RKPD stage).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import vocab
from .cleaning import (
    Cell,
    CellError,
    Decision,
    address,
    choice,
    coordinates,
    date,
    decision,
    integer,
    money,
    number_pad,
    text,
    urusan,
    volume,
)
from .columns import BY_KEY, Layout, cell
from .lookup import Lookup
from .model import Riwayat, Wilayah


@dataclass(frozen=True)
class Options:
    tahun: int | None  # tahun rencana for rows without a Tahun column
    tanggal: dt.date  # the data date: the date of decisions first seen in this import


@dataclass(frozen=True)
class Reason:
    """Why a row is refused (or a warning about it), worded like a check problem."""

    message: str
    hint: str = ""
    warning: bool = False


@dataclass(frozen=True)
class Draft:
    """A row that could be read."""

    row: int
    kode_sipd: str
    tanggal_usul: dt.date
    wilayah: Wilayah
    owned: dict[str, Any]  # record fields the sheet states: a filled cell overwrites on update
    cleared: frozenset[str]  # fields the sheet states are empty (no reassignment to another OPD)
    guessed: dict[str, Any]  # jenis, bidang, urusan when no column states them: set on create only
    riwayat: tuple[Riwayat, ...] = field(default=())


SUMBER_DANA = {
    "apbd kota": "apbd",
    "apbd kabupaten": "apbd",
    "apbd kab": "apbd",
    "dd": "dd-add",
    "add": "dd-add",
    "dana desa": "dd-add",
    "apbd prov": "apbd-provinsi",
    "bankeu provinsi": "apbd-provinsi",
    "dak fisik": "dak",
    "swadaya": "swadaya",
}
JENIS = {"nonfisik": "non-fisik"}
BIDANG = {
    "fisik": "fisik-prasarana",
    "infrastruktur": "fisik-prasarana",
    "sarana prasarana": "fisik-prasarana",
    "sarana dan prasarana": "fisik-prasarana",
    "sosial": "sosial-budaya",
    "sosbud": "sosial-budaya",
    "sosial dan budaya": "sosial-budaya",
}
JALUR = {"pokok pikiran dprd": "pokir", "pokok pokok pikiran dprd": "pokir", "reses": "pokir"}
# Guesses for sheets without Jenis and Bidang columns, following the shipped records (Kota Metro's
# three bidang): works are fisik, purchases barang, the rest non-fisik; fisik → fisik-prasarana,
# the economic urusan → ekonomi, the rest sosial-budaya.
URUSAN_EKONOMI = frozenset(("2.07", "2.09", "2.17", "2.18", "3.25", "3.26", "3.27", "3.28", "3.30", "3.31"))
URUSAN_FISIK = frozenset(("1.03", "1.04", "2.15"))
PEKERJAAN = re.compile(
    r"(pembangunan|rehabilitasi|renovasi|perbaikan|pemasangan|pembuatan|peningkatan|pemeliharaan|"
    r"normalisasi|rabat|pengaspalan|pengecoran|betonisasi)\b"
)


def guess(judul: str, urusan: str, jenis_belanja: str | None, jenis: str | None = None) -> tuple[str, str]:
    """(jenis, bidang) of a proposal from its title, urusan and Jenis Belanja, when no column says."""
    title = judul.casefold()
    if jenis is None:
        works = (
            PEKERJAAN.match(title) or "modal" in (jenis_belanja or "").casefold() or urusan in URUSAN_FISIK
        )
        jenis = "barang" if title.startswith("pengadaan") else "fisik" if works else "non-fisik"
    if jenis == "fisik":
        return jenis, "fisik-prasarana"
    return jenis, "ekonomi" if urusan in URUSAN_EKONOMI else "sosial-budaya"


REKOMENDASI = ("rekomendasi_kelurahan", "rekomendasi_kecamatan", "rekomendasi_skpd", "rekomendasi_tapd")


def _stages(kode: str) -> dict[str, str]:
    desa = kode.rsplit(".", 1)[-1].startswith("2")
    kota = int(kode.split(".")[1]) >= 71
    return {
        "rekomendasi_kelurahan": "musrenbang-desa" if desa else "musrenbang-kelurahan",
        "rekomendasi_kecamatan": "musrenbang-kecamatan",
        "rekomendasi_skpd": "forum-opd",
        "rekomendasi_tapd": "musrenbang-kota" if kota else "musrenbang-kabupaten",
    }


class _Row:
    """The cells of one row, read column by column, collecting every reason to refuse it."""

    def __init__(self, cells: tuple[Cell, ...], layout: Layout):
        self.cells, self.layout = cells, layout
        self.reasons: list[Reason] = []
        self.failed: set[str] = set()

    def has(self, key: str) -> bool:
        return key in self.layout.columns

    def raw(self, key: str) -> Cell:
        return cell(self.cells, self.layout.columns, key)

    def header(self, key: str) -> str:
        return self.layout.headers.get(key) or BY_KEY[key].header

    def refuse(self, key: str, message: str, hint: str) -> None:
        self.failed.add(key)
        self.reasons.append(Reason(f"{self.header(key)}: {message}", hint))

    def read(self, key: str, clean: Callable[..., Any], *args: Any) -> Any:
        try:
            return clean(self.raw(key), *args)
        except CellError as error:
            self.refuse(error.column or key, error.message, error.hint)
            return None

    def required(self, key: str, value: Any, hint: str = "") -> Any:
        if value is None and key not in self.failed:
            self.refuse(key, "kolom wajib ini kosong", hint or "isi kolom ini di lembar")
        return value


def read_row(
    number: int, cells: tuple[Cell, ...], layout: Layout, lookup: Lookup, options: Options
) -> Draft | list[Reason]:
    """A Draft, or the reasons the row is refused."""
    row = _Row(cells, layout)
    owned: dict[str, Any] = {}
    cleared: set[str] = set()
    kode = row.required("kode_sipd", row.read("kode_sipd", text))
    tanggal = row.required("tanggal_usul", row.read("tanggal_usul", date))
    owned["judul"] = row.required("judul", row.read("judul", text))
    owned["permasalahan"] = row.required("permasalahan", row.read("permasalahan", text, True))
    owned["pengusul"] = row.read("pengusul", text)
    wilayah = _wilayah(row, lookup)
    owned["wilayah"] = wilayah.kode if wilayah else None
    owned.update(_location(row))
    owned["opd_tujuan_awal"] = _opd(row, "opd_tujuan_awal", lookup, required=True)
    akhir = _opd(row, "opd_tujuan_akhir", lookup)
    if akhir and akhir == owned["opd_tujuan_awal"]:
        cleared.add("opd_tujuan_akhir")
    else:
        owned["opd_tujuan_akhir"] = akhir
    owned.update(_volume(row))
    owned["perkiraan_biaya"] = row.required(
        "perkiraan_biaya",
        row.read("perkiraan_biaya", money),
        "tulis 0 bila biaya belum dihitung",
    )
    owned["anggaran"] = row.read("anggaran", money)
    owned["sumber_dana"] = row.read("sumber_dana", choice, vocab.SUMBER_DANA, SUMBER_DANA, "sumber dana")
    owned["prioritas"] = row.read("prioritas", integer, "nomor urut prioritas", "contoh: 1")
    owned["jalur"] = row.read("jalur", choice, vocab.JALUR, JALUR, "jalur usulan") or _jalur(row)
    tahun = row.read("tahun_rencana", integer, "tahun rencana", "contoh: 2027") or options.tahun
    if tahun is None and not row.has("tahun_rencana"):
        row.refuse("tahun_rencana", "tahun rencana tidak diketahui", "jalankan impor dengan --tahun TAHUN")
    owned["tahun_rencana"] = row.required(
        "tahun_rencana", tahun, "tulis tahun rencana di kolom ini, atau jalankan impor dengan --tahun TAHUN"
    )
    guessed = _classification(row, owned, lookup)
    guessed = {k: guessed[k] for k in ("jenis", "bidang", "urusan") if k in guessed}
    riwayat = _history(row, tanggal, wilayah, options) if tanggal and wilayah else ()
    if row.reasons or not (kode and tanggal and wilayah):
        return row.reasons
    return Draft(
        number,
        kode,
        tanggal,
        wilayah,
        {k: v for k, v in owned.items() if v is not None},
        frozenset(cleared),
        guessed,
        riwayat,
    )


def _wilayah(row: _Row, lookup: Lookup) -> Wilayah | None:
    name = row.required("kelurahan", row.read("kelurahan", text))
    if name is None:
        return None
    return row.read("kelurahan", lambda _cell: lookup.region(name, text(row.raw("kecamatan"))))  # type: ignore[no-any-return]


def _location(row: _Row) -> dict[str, Any]:
    found = row.read("alamat", address)
    values = dataclasses.asdict(found) if found else {}
    if row.raw("koordinat") is not None:
        values["koordinat"] = row.read("koordinat", lambda c: address(c).koordinat or _no_coordinates(c))
    lintang, bujur = text(row.raw("lintang")), text(row.raw("bujur"))
    if lintang and bujur:
        values["koordinat"] = row.read(
            "lintang", lambda _c: coordinates(lintang, bujur, f"{lintang}, {bujur}")
        )
    for key in ("rt", "rw"):
        number = row.read(key, integer, f"nomor {key.upper()}", "contoh: 8")
        if number:
            values[key] = number_pad(str(number))
    return values


def _no_coordinates(found: Cell) -> str:
    raise CellError("koordinat lintang, bujur", found, "contoh: -5.1274, 105.3065 (salin dari peta)")


def _opd(row: _Row, key: str, lookup: Lookup, required: bool = False) -> str | None:
    name = row.read(key, text)
    if required:
        row.required(key, name)
    return row.read(key, lambda _cell: lookup.opd_id(name)) if name else None


def _volume(row: _Row) -> dict[str, Any]:
    key = "koefisien" if row.raw("koefisien") is not None or not row.has("volume") else "volume"
    found = row.required(key, row.read(key, volume))
    if found is None:
        return {}
    amount, unit = found
    unit = unit or (text(row.raw("satuan")) or "").lower() or None
    if unit is None:
        row.refuse(
            key, f"diharapkan volume dan satuan, ditemukan {amount!r}", 'contoh: "35 Orang" atau "1 Paket"'
        )
    return {"volume": amount, "satuan": unit}


def _jalur(row: _Row) -> str | None:
    profil = text(row.raw("profil")) or ""
    return "pokir" if re.search(r"dprd|pokir|reses", profil.casefold()) else None


def _classification(row: _Row, owned: dict[str, Any], lookup: Lookup) -> dict[str, Any]:
    """jenis, bidang and urusan: from their columns when the sheet has them (then they are owned like
    any other field), else guessed from Sub Kegiatan, the OPD and Jenis Belanja."""
    stated = {
        "urusan": row.read("urusan", urusan),
        "bidang": row.read("bidang", choice, vocab.BIDANG, BIDANG, "bidang"),
        "jenis": row.read("jenis", choice, vocab.JENIS_USULAN, JENIS, "jenis usulan"),
    }
    owned.update({k: v for k, v in stated.items() if v is not None})
    guessed: dict[str, Any] = {}
    opd = lookup.opd_by_id.get(owned.get("opd_tujuan_akhir") or owned.get("opd_tujuan_awal") or "")
    of_opd = opd.urusan[0] if opd and len(opd.urusan) == 1 else None
    code = stated["urusan"] or row.read("sub_kegiatan", _sub_kegiatan) or of_opd
    if code is None:
        if opd and "urusan" not in row.failed:
            row.refuse(
                "urusan" if row.has("urusan") else "opd_tujuan_awal",
                f"urusan tidak dapat ditentukan: OPD {opd.id!r} menangani {len(opd.urusan)} urusan",
                "tambahkan kolom Urusan (contoh 1.03) atau Sub Kegiatan berkode",
            )
        return guessed
    if stated["urusan"] is None:
        guessed["urusan"] = code
    jenis, bidang = guess(owned.get("judul") or "", code, text(row.raw("jenis_belanja")), stated["jenis"])
    for key, value in (("jenis", jenis), ("bidang", bidang)):
        if stated[key] is None:
            guessed[key] = value
    return guessed


def _sub_kegiatan(found: Cell) -> str | None:
    try:
        return urusan(found)
    except CellError:
        return None


def _history(row: _Row, tanggal: dt.date, wilayah: Wilayah, options: Options) -> tuple[Riwayat, ...]:
    stages = _stages(wilayah.kode)
    steps = [Riwayat("rembug-warga", tanggal, "diusulkan")]
    decided: list[tuple[str, Decision]] = []
    for key in REKOMENDASI:
        found = row.read(key, decision)
        if found:
            decided.append((key, found))
            steps.append(
                Riwayat(stages[key], options.tanggal, found.keputusan, found.alasan, None, found.label)
            )
    status = row.read("status", decision)
    if status:
        final = status.keputusan in ("diakomodir", "tidak-diakomodir")
        tahap = "rkpd" if final else steps[-1].tahap if len(steps) > 1 else stages["rekomendasi_kelurahan"]
        # A refusal already recorded makes a negative Status a restatement, not a new step.
        restated = steps[-1].keputusan in vocab.KEPUTUSAN_AKHIR and status.keputusan in vocab.KEPUTUSAN_AKHIR
        if not restated and (steps[-1].tahap, steps[-1].keputusan) != (tahap, status.keputusan):
            decided.append(("status", status))
            steps.append(Riwayat(tahap, options.tanggal, status.keputusan, status.alasan, None, status.label))
    catatan = row.read("catatan", text)
    for number in reversed(range(1, len(steps))):
        step = steps[number]
        if step.keputusan in vocab.KEPUTUSAN_BERALASAN and not step.alasan:
            if catatan:
                steps[number] = Riwayat(step.tahap, step.tanggal, step.keputusan, catatan, None, step.label)
                catatan = None
                continue
            row.refuse(
                decided[number - 1][0],
                f"keputusan {vocab.KEPUTUSAN[step.keputusan]!r} tanpa alasan",
                "tulis alasannya setelah tanda -, contoh 'Ditolak - bukan kewenangan kota', "
                "atau di kolom Catatan",
            )
    if len(steps) > 1 and tanggal > options.tanggal:
        row.refuse(
            "tanggal_usul",
            f"diharapkan paling lambat tanggal data {options.tanggal:%Y-%m-%d}, ditemukan {tanggal:%Y-%m-%d}",
            "keputusan pada lembar diberi tanggal data (--tanggal), yang tidak boleh sebelum tanggal usul",
        )
    return tuple(steps)
