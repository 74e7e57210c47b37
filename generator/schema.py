"""JSON Schemas of the record kinds, for editors: generated from the record types, never written by hand.

Each schema describes a record file as the YAML language server (VS Code's YAML extension by Red Hat,
and every editor that uses it) sees it: YAML 1.2, where `2023-02-01` and `ya` are text and an unquoted
`13.00` is a number. It accepts what the field parsers in `fields.py` accept, as far as a schema can
tell: our parsers read the written text, a schema only the value, so a number such as `13.00` is
accepted wherever its text could be right. What a schema cannot say (dates that exist, official
region codes, references between records, privacy, the bounds of numbers written as text) stays with
`musrenbang check`, the authority.

Keywords are draft 2020-12, limited to those that mean the same in draft-07, which the YAML language
server implements: no `$ref`, no `$defs`, nested records inlined. `markdownDescription`,
`enumDescriptions` and `patternErrorMessage` are the editors' own annotations.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path
from typing import Any

from . import guide, model
from .fields import _CONTROL
from .problems import Problem, relative
from .yamlread import Document

FOLDER = "skema"
SUFFIX = ".schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
NOTE = (
    "Skema ini dibuat dari generator/model.py dengan perintah `musrenbang skema`; jangan diubah dengan "
    "tangan. Editor memakainya untuk pelengkapan otomatis dan untuk menandai kesalahan saat mengetik. "
    "Yang tidak dapat diperiksa skema (tanggal yang ada di kalender, kode wilayah resmi, rujukan ke "
    "catatan lain, urutan riwayat, data pribadi, batas angka yang ditulis sebagai teks) tetap "
    "diperiksa `musrenbang check`, yang menjadi acuan."
)

_CTRL = _CONTROL.pattern[1:-1]  # the class body of the characters `text` refuses
SINGLE_LINE = rf"^\s*[^{_CTRL}\s](?:[^{_CTRL}\n\r]*[^{_CTRL}\s])?\s*$"
MULTI_LINE = rf"^(?=[\s\S]*\S)[^{_CTRL}]*$"
DIGITS = r"^\s*_*-?[0-9_]*[0-9][0-9_]*\s*$"
DIGITS_NOT_NEGATIVE = r"^\s*[0-9_]*[0-9][0-9_]*\s*$"
_D = r"[0-9](?:_?[0-9])*"
DECIMAL = rf"^\s*\+?(?:{_D}(?:[.,](?:{_D})?)?|[.,]{_D})(?:[eE][-+]?{_D})?\s*$"
DATE = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$"
CLOCK = r"(?:[01]?[0-9]|2[0-3])[.:][0-5][0-9]"
URL = r"""^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s<>"'/?#]+[^\s<>"']*\s*$"""
# YAML 1.2 reads these written values as numbers or yes/no: a pattern that accepts one of them
# accepts that type too (`id: 2023` is the text "2023" to our parsers).
_PROBES = {
    "integer": ("0", "7", "12", "18", "008", "2023", "081234567"),
    "number": ("1.5", "18.72", "2.10"),
    "negative": ("-5", "-5.1"),
    "boolean": ("true", "false"),
}


def _nocase(word: str) -> str:
    """A pattern for `word` in any letter case (JSON Schema patterns have no flags). Only syntax
    characters are escaped: ECMAScript's unicode mode, which editors use, refuses other escapes."""
    return "".join(
        f"[{c.upper()}{c.lower()}]" if c.isalpha() else (f"\\{c}" if c in "^$\\.*+?()[]{}|/" else c)
        for c in word
    )


def _yaml12_number(text: str) -> int | float | None:
    """The number YAML 1.2 (core schema) reads from a plain `text`, if it reads one."""
    if re.fullmatch(r"[-+]?[0-9]+", text):
        return int(text)
    if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", text):
        return float(text)
    return None


def _scalar_types(regex: str) -> tuple[list[str], dict[str, Any]]:
    """The YAML 1.2 types a pattern's written text can take, and bounds for the numbers."""
    compiled = re.compile(regex)
    matches = {kind: any(compiled.fullmatch(p) for p in probes) for kind, probes in _PROBES.items()}
    types = ["string"]
    if matches["number"]:
        types.append("number")
    elif matches["integer"]:
        types.append("integer")
    if matches["boolean"]:
        types.append("boolean")
    bounds = {"minimum": 0} if len(types) > 1 and not matches["negative"] else {}
    return types, bounds


def _value(parser: Any, doc: str) -> dict[str, Any]:
    """The schema of the values one parser accepts (null is added by the caller for optional fields)."""
    ts = parser.table_schema
    kind = ts["type"]
    if kind == "object":
        return _object(ts["record"], doc)
    if "items" in ts:
        out: dict[str, Any] = {"type": ["array"], "items": _value(ts["items"], doc)}
        if ts.get("min_items"):
            out["minItems"] = ts["min_items"]
        return out
    constraints = ts.get("constraints", {})
    if kind == "date":
        return {
            "type": ["string"],
            "pattern": DATE,
            "format": "date",
            "patternErrorMessage": "diharapkan tanggal TTTT-BB-HH, contoh: 2023-02-01 untuk 1 Februari 2023",
        }
    if kind == "boolean":
        words = "|".join(_nocase(w) for w in ts["words"])
        return {
            "type": ["boolean", "string"],
            "pattern": rf"^\s*(?:{words})\s*$",
            "examples": ["ya", "tidak"],
            "patternErrorMessage": "tulis ya atau tidak",
        }
    if kind == "integer":
        pattern = DIGITS if constraints["minimum"] < 0 else DIGITS_NOT_NEGATIVE
        return {
            "type": ["integer", "string"],
            **constraints,
            "pattern": pattern,
            "patternErrorMessage": ts["hint"],
        }
    if kind == "number":
        return {
            "type": ["number", "string"],
            **constraints,
            "pattern": DECIMAL,
            "patternErrorMessage": "tulis angka, contoh: 35 atau 2.5",
        }
    if "enum" in constraints:
        return _choice(ts["labels"])
    if "words" in ts:
        words = "|".join(_nocase(w) for w in ts["words"])
        shown = ", ".join(repr(w) for w in ts["words"])
        return {
            "type": ["string", "number"],
            "pattern": rf"^\s*(?:{CLOCK}|{words})\s*$",
            "minimum": 0,
            "exclusiveMaximum": 24,
            "examples": ["13.00", *ts["words"]],
            "patternErrorMessage": f'diharapkan jam JJ.MM atau {shown}; contoh: "13.00" (pakai tanda kutip)',
        }
    if ts.get("format") == "uri":
        return {
            "type": ["string"],
            "format": "uri",
            "pattern": URL,
            "patternErrorMessage": "diharapkan alamat web https://…; "
            "salin alamat lengkap dari bilah alamat peramban",
        }
    if "pattern" in constraints:
        types, bounds = _scalar_types(constraints["pattern"])
        return {
            "type": types,
            **bounds,
            "pattern": rf"^\s*(?:{constraints['pattern']})\s*$",
            "patternErrorMessage": f"diharapkan {ts['what']}; {ts['hint']}",
        }
    multiline = ts.get("multiline", False)
    return {
        "type": ["string", "number", "boolean"],
        "maxLength": constraints["maxLength"],
        "pattern": MULTI_LINE if multiline else SINGLE_LINE,
        "patternErrorMessage": "diharapkan teks yang tidak kosong, tanpa karakter tak terlihat"
        + ("" if multiline else ", dalam satu baris"),
    }


def _choice(labels: dict[str, str]) -> dict[str, Any]:
    """A choice: the written values, and the numbers YAML reads from unquoted ones (`urusan: 1.03`)."""
    values: list[Any] = list(labels)
    described = [labels[v] for v in labels]
    for option, label in labels.items():
        number = _yaml12_number(option)
        if number is not None and number not in values:
            values.append(number)
            described.append(label)
    types = ["string", "number"] if len(values) > len(labels) else ["string"]
    return {"type": types, "enum": values, "enumDescriptions": described}


def _describe(schema: dict[str, Any], doc: str, required: bool) -> dict[str, Any]:
    need = "wajib" if required else "boleh kosong"
    text = f"{doc} ({need})."
    markdown = f"{doc}. *{need.capitalize()}.*"
    if "enumDescriptions" in schema:
        pairs = dict(zip(schema["enum"], schema["enumDescriptions"], strict=True))
        listed = [(v, label) for v, label in pairs.items() if isinstance(v, str)]
        text += " Pilihan: " + "; ".join(f"{v} = {label}" for v, label in listed) + "."
        markdown += "\n\nPilihan:\n\n" + "\n".join(f"- `{v}`: {label}" for v, label in listed)
    return {**schema, "description": text, "markdownDescription": markdown}


def _object(cls: type, doc: str) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if "parser" not in f.metadata:
            continue
        meta = f.metadata
        schema = _value(meta["parser"], meta["doc"])
        if not meta["required"]:
            # The record parser skips an optional key left empty.
            schema["type"] = [*schema["type"], "null"]
            if "enum" in schema:
                schema["enum"] = [*schema["enum"], None]
                schema["enumDescriptions"] = [*schema["enumDescriptions"], "kosong"]
            default = f.default
            if default is not None and default is not dataclasses.MISSING:
                if isinstance(default, bool):
                    schema["default"] = "ya" if default else "tidak"
                else:
                    schema["default"] = list(default) if isinstance(default, tuple) else default
        else:
            required.append(f.name)
        properties[f.name] = _describe(schema, meta["doc"], meta["required"])
    return {
        "type": ["object"],
        "description": doc,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def kind_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one record kind (`rapat`, `usulan`, …)."""
    cls = model.KINDS[kind]
    schema = _object(cls, f"{guide.TITLES[kind]} {NOTE}")
    for name, prop in schema["properties"].items():
        nested = guide.TITLES.get(f"{kind}.{name}")
        inner = prop.get("items", prop)
        if nested and "properties" in inner:
            inner["description"] = nested
    return _tidy(
        {
            "$schema": DRAFT,
            "title": f"Catatan {kind} (Musrenbang Terbuka)",
            "markdownDescription": f"**Catatan {kind}.** {guide.TITLES[kind]}\n\n{NOTE}",
            **schema,
        }
    )


def _tidy(value: Any) -> Any:
    """`"type": ["string"]` written as `"type": "string"`, everywhere."""
    if isinstance(value, dict):
        tidy = {k: _tidy(v) for k, v in value.items()}
        if isinstance(tidy.get("type"), list) and len(tidy["type"]) == 1:
            tidy["type"] = tidy["type"][0]
        return tidy
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value


def render(kind: str) -> str:
    """The schema file's exact bytes: sorted keys, two-space indent, a trailing newline."""
    return json.dumps(kind_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def files() -> dict[str, str]:
    """Every schema file by name: `rapat.schema.json` → text."""
    return {f"{kind}{SUFFIX}": render(kind) for kind in model.KINDS}


def site_files() -> dict[str, str]:
    """The schemas as the built site publishes them, at `skema/<kind>.schema.json`."""
    return {f"{FOLDER}/{name}": text for name, text in files().items()}


def schema_path(content: Path, kind: str) -> Path:
    return content / FOLDER / f"{kind}{SUFFIX}"


def write_schemas(content: Path) -> list[Path]:
    """Write or refresh `content/skema/*.schema.json`; returns the files whose bytes changed."""
    folder = content / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in files().items():
        target = folder / name
        data = text.encode("utf-8")
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
            changed.append(target)
    return changed


def modeline(content: Path, kind: str, record: Path) -> str:
    """The first line that points an editor at the schema, from the record file at `record`."""
    target = os.path.relpath(schema_path(content, kind), record.parent)
    return f"# yaml-language-server: $schema={Path(target).as_posix()}"


def link_problems(document: Document, kind: str, content: Path) -> list[Problem]:
    """A warning when a record's `yaml-language-server` comment points at a wrong or missing schema.
    Records without the comment are fine."""
    if document.modeline is None:
        return []
    line, target = document.modeline
    expected = modeline(content, kind, document.path).split("=", 1)[1]
    fix = f"tulis baris pertama: # yaml-language-server: $schema={expected}"
    if target is None:
        return [Problem(document.file, line, "", "komentar yaml-language-server tanpa $schema=", fix, True)]
    if re.match(r"https?://", target):
        good = target.endswith(f"/{FOLDER}/{kind}{SUFFIX}")
    else:
        try:
            good = (document.path.parent / target).resolve() == schema_path(content, kind).resolve()
        except (OSError, ValueError):  # a path the system cannot even look up
            good = False
    if not good:
        return [
            Problem(
                document.file,
                line,
                "",
                f"skema editor: diharapkan {expected!r}, ditemukan {target!r}",
                fix,
                True,
            )
        ]
    if target.startswith(("http://", "https://")) or schema_path(content, kind).is_file():
        return []
    return [
        Problem(
            document.file,
            line,
            "",
            f"skema editor {relative(schema_path(content, kind), content)} tidak ditemukan",
            "jalankan `musrenbang skema` untuk membuatnya",
            True,
        )
    ]


def folder_problems(content: Path) -> list[Problem]:
    """Warnings for schema files that differ from the model (stale) and for other files there."""
    folder = content / FOLDER
    if not folder.is_dir():
        return []
    expected = files()
    problems = []
    for path in sorted(folder.iterdir()):
        file = relative(path, content)
        if path.name not in expected:
            problems.append(
                Problem(
                    file,
                    1,
                    "",
                    f"diharapkan berkas skema seperti rapat{SUFFIX}, ditemukan {path.name!r}",
                    f"folder {FOLDER}/ hanya berisi skema buatan `musrenbang skema`; pindahkan berkas ini",
                    True,
                )
            )
        elif path.read_bytes() != expected[path.name].encode("utf-8"):
            problems.append(
                Problem(
                    file,
                    1,
                    "",
                    "skema editor tidak sesuai dengan model catatan",
                    "jalankan `musrenbang skema` untuk memperbaruinya",
                    True,
                )
            )
    return problems
