"""Synthetic data, the YAML text: records written the way staff write them.

Keys in the order the record type declares its fields, block style, two-space indents, region codes,
RT/RW numbers and clock times in double quotes, long text as a `|` block wrapped at 96 characters.
Plain dicts go in; keys starting with "_" are working notes of the generator and are left out.
Written by hand rather than with PyYAML's emitter: the same text, and about ten times faster.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import textwrap
from typing import Any

from . import model

# Nested record types by key: the order of their fields comes from the model too.
NESTED: dict[str, type] = {
    "peserta": model.Kehadiran,
    "riwayat": model.Riwayat,
    "foto": model.Foto,
    "ringkasan_usulan": model.RingkasanUsulan,
    "sumber": model.Sumber,
    "dokumen": model.Dokumen,
}
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()/'’&+–-]*")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "ya", "tidak"}
WIDTH = 96  # long text is wrapped at this width
LINE = 110  # a value that makes its line longer than this goes below its key


# The order the shipped records use (identity, then what, where, when, then the long parts); fields
# not named here follow in the order the model declares them.
FIRST: dict[type, tuple[str, ...]] = {
    model.Opd: ("id", "nama", "singkatan", "wilayah", "urusan"),
    model.Seri: ("id", "contoh", "judul", "wilayah", "tahun_rencana"),
    model.Rapat: (
        "id", "contoh", "judul", "jenis", "wilayah", "tanggal", "hari", "mulai", "selesai", "tempat",
        "tahun_rencana", "seri", "peserta", "jumlah_peserta", "catatan_peserta", "agenda", "keputusan",
    ),
    model.Usulan: (
        "id", "contoh", "judul", "permasalahan", "wilayah", "rt", "rw", "alamat", "jenis", "bidang",
        "urusan", "opd_tujuan_awal", "opd_tujuan_akhir", "volume", "satuan", "perkiraan_biaya",
        "anggaran", "sumber_dana", "tahun_rencana", "prioritas", "pengusul", "lanjutan_dari",
    ),
    model.Riwayat: ("tahap", "tanggal", "keputusan", "alasan", "label", "volume", "rapat"),
}  # fmt: skip
_ORDERS: dict[type, list[str]] = {}


def order(cls: type) -> list[str]:
    """The keys of a record type in writing order."""
    if cls not in _ORDERS:
        declared = [f.name for f in dataclasses.fields(cls) if "parser" in f.metadata]
        first = [name for name in FIRST.get(cls, ()) if name in declared]
        _ORDERS[cls] = first + [name for name in declared if name not in first]
    return _ORDERS[cls]


def scalar(value: Any) -> str:
    """One value on the line of its key."""
    if value is True:
        return "ya"
    if value is False:
        return "tidak"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if lines:
            lines.append("")
        lines.extend(
            indent + line
            for line in textwrap.wrap(
                paragraph, WIDTH - len(indent), break_long_words=False, break_on_hyphens=False
            )
        )
    return lines


def _mapping(cls: type, record: dict[str, Any], indent: str, first: str) -> list[str]:
    """Lines of one mapping; `first` replaces the indent of the first line (for "  - " items)."""
    lines: list[str] = []
    for key in order(cls):
        if key not in record or record[key] is None or record[key] == ():
            continue
        value = record[key]
        lead = first if not lines else indent
        if isinstance(value, str) and (len(f"{lead}{key}: {scalar(value)}") > LINE or "\n" in value):
            if key in ("isi", "permasalahan"):
                lines.append(f"{lead}{key}: |")
                lines.extend(_block(value, indent + "  "))
                continue
            lines.append(f"{lead}{key}: >-")
            lines.extend(_block(value, indent + "  "))
            continue
        if isinstance(value, dict):
            lines.append(f"{lead}{key}:")
            lines.extend(_mapping(NESTED[key], value, indent + "  ", indent + "  "))
        elif isinstance(value, (list, tuple)):
            lines.append(f"{lead}{key}:")
            for item in value:
                if isinstance(item, dict):
                    lines.extend(_mapping(NESTED[key], item, indent + "    ", indent + "  - "))
                else:
                    lines.append(f"{indent}  - {scalar(item)}")
        else:
            lines.append(f"{lead}{key}: {scalar(value)}")
    return lines


def dump(cls: type, record: dict[str, Any], header: str) -> str:
    """The whole file: a comment line, then the record."""
    return "\n".join([f"# {header}", *_mapping(cls, record, "", "")]) + "\n"
