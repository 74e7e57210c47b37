"""Write a record back as the YAML staff write by hand: block style, two-space lists, codes in quotes,
long texts as `|` blocks, fields in the order of the record type, empty and default fields left out.

The output is deterministic (same record, same bytes) and is read back by `yamlread` + `fields.record`
before it is ever written, so what this module emits is always a record the checks accept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterator

import yaml

# Text fields that hold codes: always quoted, so "1.03" stays text and "008" keeps its zeros.
CODES = frozenset({"kode", "wilayah", "urusan", "rt", "rw", "koordinat", "kode_sipd"})
# The order staff write a proposal in (riwayat last, where it grows); other records follow their type.
ORDER = {
    "Usulan": (
        "id", "kode_sipd", "contoh", "judul", "permasalahan", "wilayah", "rt", "rw", "alamat", "koordinat",
        "jenis", "bidang", "urusan", "opd_tujuan_awal", "opd_tujuan_akhir", "volume", "satuan",
        "perkiraan_biaya", "anggaran", "sumber_dana", "tahun_rencana", "prioritas", "jalur", "pengusul",
        "lanjutan_dari", "foto", "riwayat",
    ),
}  # fmt: skip


def dump(record: object, header: str = "") -> str:
    """The YAML text of a record, after an optional comment header (each line prefixed with `# `)."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines += _mapping(record, "")
    return "\n".join(lines) + "\n"


def _fields(record: object) -> list[dataclasses.Field]:  # type: ignore[type-arg]
    found = [f for f in dataclasses.fields(record) if "parser" in f.metadata]  # type: ignore[arg-type]
    order = ORDER.get(type(record).__name__)
    return sorted(found, key=lambda f: order.index(f.name)) if order else found


def _mapping(record: object, indent: str) -> Iterator[str]:
    for f in _fields(record):
        value = getattr(record, f.name)
        if value is None or value == () or (not f.metadata["required"] and value == f.default):
            continue
        if isinstance(value, tuple):
            yield f"{indent}{f.name}:"
            for item in value:
                if dataclasses.is_dataclass(item):
                    body = list(_mapping(item, indent + "    "))
                    yield f"{indent}  - {body[0].lstrip()}"
                    yield from body[1:]
                else:
                    yield f"{indent}  - {_scalar(item, f.name, indent + '    ')}"
        elif dataclasses.is_dataclass(value):
            yield f"{indent}{f.name}:"
            yield from _mapping(value, indent + "  ")
        else:
            yield f"{indent}{f.name}: {_scalar(value, f.name, indent + '  ')}"


def _scalar(value: object, name: str, indent: str) -> str:
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    lines = text.split("\n")
    if (
        len(lines) > 1
        and not _UNPRINTABLE.search(text)
        and "\t" not in text
        and all(line == line.strip(" ") for line in lines)
    ):
        return "|\n" + "\n".join(f"{indent}{line}" if line else "" for line in lines)
    if name in CODES or not _plain(text):
        return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))
    return text


# What a YAML stream may not hold as it is (or would read as a line break): escaped when quoted.
_UNPRINTABLE = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")


def _plain(text: str) -> bool:
    """Whether the text reads back as the same text when written without quotes."""
    if not text or text != text.strip() or _UNPRINTABLE.search(text) or text[0] in "!&*|>'\"%@`#,[]{}?:-":
        return False
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False
