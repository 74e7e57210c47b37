"""Which sheet column means what: the columns of SIPD and e-Musrenbang exports, found by their header
whatever its case, spacing or position, and a city's own headers given in a mapping file (`--peta`).

The mapping file is YAML, one line per header: `"Nama Kegiatan": judul`. Its values are the import
keys below (or `abaikan` to silence a column); it is checked like a record, with file:line messages.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode

from .cleaning import Cell
from .problems import Problem
from .sheets import Table
from .yamlread import line_of, read_document


@dataclass(frozen=True)
class Kolom:
    """One column the importer understands: its key, the header SIPD gives it, other headers."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False


def _k(key: str, header: str, *aliases: str, required: bool = False) -> Kolom:
    return Kolom(key, header, aliases, required)


KOLOM: tuple[Kolom, ...] = (
    _k("kode_sipd", "ID Usulan", "id", "kode usulan", "nomor usulan", "id usulan sipd", required=True),
    _k("tanggal_usul", "Tanggal Usul", "tanggal usulan", "tgl usul", "tgl usulan", "tanggal", required=True),
    _k("pengusul", "Pengusul", "nama pengusul", "diusulkan oleh"),
    _k("profil", "Profil", "profil pengusul", "jenis pengusul"),
    _k("judul", "Usulan", "nama usulan", "judul usulan", "judul", "usulan kegiatan", required=True),
    _k("permasalahan", "Permasalahan", "masalah", "uraian masalah", "permasalahan usulan", required=True),
    _k("alamat", "Alamat", "lokasi", "alamat lokasi", "lokasi usulan", "alamat usulan"),
    _k("koordinat", "Koordinat", "titik koordinat"),
    _k("lintang", "Latitude", "lintang", "lat"),
    _k("bujur", "Longitude", "bujur", "long", "lng"),
    _k("kabupaten", "Kabupaten/Kota", "kab kota", "kabupaten", "kota", "kota kabupaten"),
    _k("kecamatan", "Kecamatan", "kec", "distrik", "kemantren"),
    _k("kelurahan", "Kelurahan", "desa", "kelurahan desa", "desa kelurahan", "kel", required=True),
    _k("rt", "RT"),
    _k("rw", "RW"),
    _k("usulan_ke", "Usulan Ke"),
    _k(
        "opd_tujuan_awal",
        "OPD Tujuan Awal",
        "skpd tujuan awal",
        "perangkat daerah tujuan awal",
        "opd tujuan",
        "skpd tujuan",
        "perangkat daerah tujuan",
        "opd",
        "skpd",
        required=True,
    ),
    _k("opd_tujuan_akhir", "OPD Tujuan Akhir", "skpd tujuan akhir", "perangkat daerah tujuan akhir"),
    _k("status", "Status", "status usulan", "status akhir"),
    _k("catatan", "Catatan", "keterangan", "alasan"),
    _k("rekomendasi_mitra", "Rekomendasi Mitra", "rekomendasi dprd"),
    _k("rekomendasi_kelurahan", "Rekomendasi Kelurahan", "rekomendasi desa", "rekomendasi kelurahan desa"),
    _k("rekomendasi_kecamatan", "Rekomendasi Kecamatan", "rekomendasi camat"),
    _k("rekomendasi_skpd", "Rekomendasi SKPD", "rekomendasi opd", "rekomendasi perangkat daerah"),
    _k("rekomendasi_tapd", "Rekomendasi TAPD", "rekomendasi bappeda"),
    _k("koefisien", "Koefisien", "volume satuan", "volume dan satuan"),
    _k("volume", "Volume", "vol", "jumlah volume"),
    _k("satuan", "Satuan", "satuan volume"),
    _k(
        "perkiraan_biaya",
        "Anggaran",
        "perkiraan biaya",
        "biaya",
        "pagu",
        "pagu usulan",
        "nilai usulan",
        "anggaran usulan",
        "rencana anggaran",
        "perkiraan anggaran",
        required=True,
    ),
    _k("anggaran", "Anggaran Diakomodir", "pagu diakomodir", "nilai diakomodir", "anggaran disetujui"),
    _k("sumber_dana", "Sumber Dana", "sumber anggaran"),
    _k("jenis_belanja", "Jenis Belanja"),
    _k("sub_kegiatan", "Sub Kegiatan", "subkegiatan", "nama sub kegiatan", "kode sub kegiatan"),
    _k("jenis", "Jenis Usulan", "jenis", "tipe usulan"),
    _k("bidang", "Bidang", "bidang usulan"),
    _k("urusan", "Urusan", "kode urusan", "urusan pemerintahan"),
    _k("prioritas", "Prioritas", "urutan prioritas", "ranking", "peringkat"),
    _k("tahun_rencana", "Tahun", "tahun rencana", "tahun anggaran", "tahun pelaksanaan"),
    _k("jalur", "Jalur", "jalur usulan", "sumber usulan"),
    _k("nomor", "No", "nomor", "no urut"),
)
BY_KEY = {k.key: k for k in KOLOM}
IGNORE = "abaikan"
# Columns read but not kept: the importer recognises them so they are not reported as unknown.
UNUSED = ("kabupaten", "usulan_ke", "rekomendasi_mitra", "nomor")


def normal(header: object) -> str:
    """A header as compared: "OPD  Tujuan_Awal" → "opd tujuan awal", "Anggaran (Rp)" → "anggaran"."""
    words = re.sub(r"[\W_]+", " ", str(header).casefold()).split()
    return " ".join(w for w in words if w != "rp")


# Headers and aliases first; an import key is also understood as a header unless it is another
# column's header ("anggaran" is SIPD's header for the estimated cost, not the accommodated amount).
_ALIASES = {normal(a): k.key for k in KOLOM for a in (k.header, *k.aliases)}
for _kolom in KOLOM:
    _ALIASES.setdefault(normal(_kolom.key), _kolom.key)


@dataclass(frozen=True)
class Layout:
    """Where the header row is and which column holds what."""

    header_row: int
    columns: dict[str, int]  # import key → column index
    headers: dict[str, str]  # import key → the header as the sheet writes it
    unknown: tuple[str, ...]  # headers of columns that are ignored
    unused: tuple[str, ...]  # headers recognised but not kept


def _key(header: object, peta: dict[str, str]) -> str | None:
    name = normal(header)
    return peta.get(name) or _ALIASES.get(name)


def find_header(table: Table, peta: dict[str, str]) -> tuple[int, int]:
    """The row among the first 30 that names the most known columns (title rows above it are skipped):
    (index into table.rows, number of known columns)."""
    best = (-1, 0)
    for index, (_, cells) in enumerate(table.rows[:30]):
        known = {_key(c, peta) for c in cells if c is not None} - {None, IGNORE}
        if len(known) > best[1]:
            best = (index, len(known))
    return best


def letter(index: int) -> str:
    """The spreadsheet letter of a zero-based column index: 0 → A, 27 → AB."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def layout(table: Table, index: int, peta: dict[str, str]) -> tuple[Layout, list[Problem]]:
    number, cells = table.rows[index]
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    unknown: list[str] = []
    problems: list[Problem] = []
    for column, cell in enumerate(cells):
        if cell is None or not str(cell).strip():
            if any(column < len(r) and r[column] is not None for _, r in table.rows[index + 1 :]):
                unknown.append(f"kolom {letter(column)} (tanpa judul)")
            continue
        header = " ".join(str(cell).split())
        key = _key(cell, peta)
        if key is None:
            unknown.append(repr(header))
        elif key == IGNORE:
            continue
        elif key in columns:
            problems.append(
                Problem(
                    table.name,
                    number,
                    header,
                    f"kolom {header!r} ({letter(column)}) dan {headers[key]!r} ({letter(columns[key])}) "
                    f"sama-sama dibaca sebagai {key}",
                    f'abaikan salah satunya di berkas peta (--peta), contoh: "{header}": abaikan',
                )
            )
        else:
            columns[key], headers[key] = column, header
    for kolom in KOLOM:
        if kolom.required and kolom.key not in columns:
            problems.append(_missing(table, number, kolom.header, kolom.key))
    if "koefisien" not in columns and "volume" not in columns:
        problems.append(_missing(table, number, "Koefisien", "koefisien", "atau 'Volume' dan 'Satuan'"))
    unused = tuple(repr(headers[k]) for k in sorted(columns, key=columns.__getitem__) if k in UNUSED)
    return Layout(number, columns, headers, tuple(unknown), unused), problems


def _missing(table: Table, row: int, header: str, key: str, other: str = "") -> Problem:
    return Problem(
        table.name,
        row,
        "",
        f"kolom wajib {header!r} {other + ' ' if other else ''}tidak ditemukan pada baris judul kolom",
        f'bila lembar memakai judul lain, tulis di berkas peta (--peta), contoh: "Judul Kolom Anda": {key}',
    )


def cell(cells: tuple[Cell, ...], columns: dict[str, int], key: str) -> Cell:
    index = columns.get(key)
    return cells[index] if index is not None and index < len(cells) else None


def read_peta(path: Path) -> tuple[dict[str, str], list[Problem]]:
    """The mapping file: sheet header → import key, checked with file:line messages."""
    file = path.as_posix()
    if not path.is_file():
        return {}, [Problem(file, 1, "", "berkas peta tidak ditemukan", "periksa jalur pada --peta")]
    document, problems = read_document(path, file)
    if document is None:
        return {}, problems
    root = document.root
    if not isinstance(root, MappingNode):
        hint = 'tulis satu baris per kolom: "Judul Kolom di Lembar": nama_kolom_impor'
        return {}, [Problem(file, line_of(root), "", "diharapkan daftar judul kolom: nama kolom impor", hint)]
    keys = [k.key for k in KOLOM] + [IGNORE]
    peta: dict[str, str] = {}
    for key, value in root.value:
        header = str(key.value)
        target = str(value.value).strip() if isinstance(value, ScalarNode) else ""
        if target not in keys:
            close = difflib.get_close_matches(target, keys, n=1)
            hint = f"mungkin maksudnya {close[0]!r}? " if close else ""
            problems.append(
                Problem(
                    file,
                    line_of(value),
                    header,
                    f"diharapkan nama kolom impor, ditemukan {target!r}",
                    f"{hint}pilihan: {', '.join(keys)}",
                )
            )
            continue
        peta[normal(header)] = target
    return peta, problems
