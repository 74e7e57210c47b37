"""Form: a record file with every field of its kind in model order, each with its Indonesian doc as a
comment, so a clerk fills in a form instead of remembering the keys (`musrenbang baru`).

Fields without a value are left empty (or `[]`), which the record parser reads as "not given"; lists
of records show one commented example item.
"""

from __future__ import annotations

import dataclasses
import json
import re
import textwrap
from collections.abc import Mapping
from typing import Any

from .fields import Parser


def quote(text: str) -> str:
    """A YAML scalar that reads back as exactly `text`: plain when safe, else double-quoted."""
    plain = re.fullmatch(r"[A-Za-z](?:[A-Za-z0-9 ,.()/'_-]*[A-Za-z0-9.)])?", text) or re.fullmatch(
        r"[0-9]+(?:-[0-9]+)*-[a-z][a-z0-9]*(?:-[a-z0-9]+)*", text
    )  # an id such as 2024-musrenbangkel-margodadi: never a number or a date
    special = text.lower() in ("y", "n", "yes", "no", "on", "off", "true", "false", "null")
    if plain and not special:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    for char in ("\x85", "\u2028", "\u2029"):  # line breaks to YAML: escaped like the rest
        quoted = quoted.replace(char, f"\\u{ord(char):04x}")
    return quoted


def choices(parser: Parser, limit: int = 14) -> str:
    labels = parser.table_schema["labels"]  # type: ignore[attr-defined]
    return ", ".join(labels) if len(labels) <= limit else "lihat Panduan Petugas"


def _scalar(text: str, parser: Parser) -> str:
    kind = parser.table_schema["type"]  # type: ignore[attr-defined]
    return text if kind in ("date", "integer", "number") else quote(text)


def _empty(f: dataclasses.Field[Any]) -> str:
    """What follows `key:` when no value is given: the field's default, or nothing."""
    if f.default is dataclasses.MISSING or f.default is None:
        return ""
    if isinstance(f.default, bool):
        return " ya" if f.default else " tidak"
    return " []" if isinstance(f.default, tuple) else f" {quote(str(f.default))}"


def _note(f: dataclasses.Field[Any], nested: bool = False) -> str:
    """(wajib) or (boleh kosong), the doc, and the choices (short lists only, inside a list item)."""
    note = f"({'wajib' if f.metadata['required'] else 'boleh kosong'}) {f.metadata['doc']}"
    labels = f.metadata["parser"].table_schema.get("labels")
    if labels and not (nested and len(labels) > 8):
        note += f"; pilihan: {choices(f.metadata['parser'])}"
    return note


def _declared(cls: type) -> list[dataclasses.Field[Any]]:
    return [f for f in dataclasses.fields(cls) if "parser" in f.metadata]  # type: ignore[arg-type]


def _nested(cls: type, texts: Mapping[str, str], first: str, rest: str) -> list[str]:
    """The lines of one nested record, each field with its doc as a trailing comment."""
    pairs = []
    for number, f in enumerate(_declared(cls)):
        key = f"{first if number == 0 else rest}{f.name}:"
        value = texts.get(f.name)
        pairs.append((f"{key} {_scalar(value, f.metadata['parser'])}" if value else key, f))
    width = max(len(line) for line, _ in pairs) + 2
    return [f"{line.ljust(width)}# {_note(f, nested=True)}" for line, f in pairs]


def _comment(text: str) -> list[str]:
    return textwrap.wrap(
        text, width=98, initial_indent="# ", subsequent_indent="#   ", break_on_hyphens=False
    )


def document(cls: type, texts: Mapping[str, str], header: list[str]) -> str:
    """The record file: the header comments, then every field in model order with its doc. `texts`
    holds the written values by field; `riwayat.tahap` fills the first item of the list `riwayat`."""
    lines = list(header)
    for f in _declared(cls):
        parser = f.metadata["parser"]
        schema = parser.table_schema
        inner = schema["items"].table_schema if "items" in schema else schema
        if inner["type"] != "object":
            value = texts.get(f.name)
            lines += _comment(_note(f))
            lines.append(
                f"{f.name}: {_scalar(value, parser)}" if value is not None else f"{f.name}:{_empty(f)}"
            )
            continue
        listed = "items" in schema
        given = {k.split(".", 1)[1]: v for k, v in texts.items() if k.startswith(f"{f.name}.")}
        if given:
            lines += _comment(_note(f) + "; setiap isian berisi kolom berikut")
            lines += [f"{f.name}:", *_nested(inner["record"], given, "  - ", "    ")]
            continue
        example = _nested(inner["record"], {}, "  - " if listed else "  ", "    " if listed else "  ")
        lines += _comment(
            f"{_note(f)}. Untuk mengisi: hapus baris `{f.name}:{_empty(f)}`, lalu buang tanda pagar di depan "
            "baris contoh ini"
        )
        lines += [f"# {f.name}:", *(f"# {line}" for line in example), f"{f.name}:{_empty(f)}"]
    return "\n".join(lines) + "\n"
