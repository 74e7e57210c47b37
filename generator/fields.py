"""Small reusable field checkers, and the record parser that drives them.

A parser takes a YAML node, the key path it sits at and a `Context`, and returns the clean value or
`INVALID` after adding a problem. Record types (see `model.py`) are frozen dataclasses whose fields
carry a parser and a one-line doc in their metadata: the YAML key, the field name and the name the
templates use are the same word.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem, shown
from .yamlread import line_of

INVALID: Any = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()
Parser = Callable[[Node, str, "Context"], Any]
T = TypeVar("T")

NULL = "tag:yaml.org,2002:null"


def described(parse: Parser, **schema: Any) -> Parser:
    """Attach the Table Schema description of a parser's values (type and constraints): the open-data
    export and its data dictionary are generated from the same declarations as the checks. A few more
    keys say what YAML the parser reads, for the editors' JSON Schema (`schema.py`): `multiline`,
    `words` (of a clock or a yes/no), `labels` (of a choice), `what` and `hint` (of a pattern or an
    integer), `min_items` (of a list)."""
    parse.table_schema = schema  # type: ignore[attr-defined]
    return parse


@dataclass
class Context:
    """Where problems go while one file is parsed, and the line of every key path seen."""

    file: str
    problems: list[Problem]
    lines: dict[str, int] = field(default_factory=dict)

    def add(
        self, node: Node, path: str, message: str, hint: str, warning: bool = False, at: int = -1
    ) -> None:
        """Report a problem at the node's line, or at the line of character `at` of a block text."""
        line = line_of(node)
        if at >= 0 and isinstance(node, ScalarNode) and node.style in ("|", ">"):
            line += 1 + str(node.value)[:at].count("\n")
        self.problems.append(Problem(self.file, line, path, message, hint, warning))


@dataclass(frozen=True)
class Origin:
    """Where a record came from: its file and the line of each key path (`peserta[2].jabatan`)."""

    file: str
    lines: Mapping[str, int]

    def line(self, path: str = "") -> int:
        while path and path not in self.lines:
            path = path.rsplit(".", 1)[0] if "." in path else (path.rsplit("[", 1)[0] if "[" in path else "")
        return self.lines.get(path, 1)

    def problem(self, path: str, message: str, hint: str = "", warning: bool = False) -> Problem:
        return Problem(self.file, self.line(path), path, message, hint, warning)

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled (kept.py, the second render process) as one string, read back when a line is
        # asked for: a city's 4,700 line maps are 400,000 objects, a third of a second to unpickle.
        lines = self.lines
        kept = (
            lines.kept if isinstance(lines, _Lines) else json.dumps(list(lines.items()), ensure_ascii=False)
        )
        return (_kept_origin, (self.file, kept))


class _Lines(Mapping[str, int]):
    """An origin's line map as it was pickled: made again when first read (most never are: only a
    problem asks for its line)."""

    __slots__ = ("kept", "_lines")

    def __init__(self, kept: str) -> None:
        self.kept = kept  # as pickled: a JSON list of [path, line]
        self._lines: dict[str, int] | None = None

    def _read(self) -> dict[str, int]:
        if self._lines is None:
            self._lines = {path: line for path, line in json.loads(self.kept)}
        return self._lines

    def __getitem__(self, path: str) -> int:
        return self._read()[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())

    def __contains__(self, path: object) -> bool:
        return path in self._read()

    def __repr__(self) -> str:
        return repr(self._read())

    def __reduce__(self) -> tuple[object, ...]:
        return (dict, (self._read(),))


def _kept_origin(file: str, lines: str) -> Origin:
    return Origin(file, _Lines(lines))


def spec(parser: Parser, doc: str, required: bool = True, default: Any = None) -> Any:
    """Declare a record field: how to parse it and what it means (the doc feeds the staff guide)."""
    meta = {"parser": parser, "doc": doc, "required": required}
    if required:
        return field(metadata=meta)
    if isinstance(default, (list, dict)):
        raise TypeError("use a tuple default")
    return field(default=default, metadata=meta)


def describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "daftar kolom (key: nilai)"
    if isinstance(node, SequenceNode):
        return "daftar (baris diawali -)"
    if node.tag == NULL:
        return "nilai kosong"
    return shown(node.value)


def _scalar(node: Node, path: str, ctx: Context, expected: str, hint: str = "") -> str | None:
    if isinstance(node, ScalarNode) and node.tag != NULL:
        return str(node.value)
    ctx.add(
        node,
        path,
        f"diharapkan {expected}, ditemukan {describe(node)}",
        hint or "tulis satu nilai setelah titik dua, di baris yang sama",
    )
    return None


def text(max_length: int = 300, multiline: bool = False) -> Parser:
    """Plain text, shown as typed (escaped on every page): no control characters, bounded length."""

    def parse(node: Node, path: str, ctx: Context) -> Any:
        value = _scalar(node, path, ctx, "teks")
        if value is None:
            return INVALID
        value = value.strip()
        if not value:
            ctx.add(node, path, "diharapkan teks, ditemukan teks kosong", "isi kolom ini atau hapus barisnya")
            return INVALID
        problem = text_problem(value, max_length, multiline)
        if problem:
            ctx.add(node, path, *problem)
            return INVALID
        return value

    return described(parse, type="string", constraints={"maxLength": max_length}, multiline=multiline)


_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>?")
_AUTOLINK = re.compile(r"<https?://[^\s<>]+>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def text_problem(value: str, max_length: int, multiline: bool) -> tuple[str, str] | None:
    if len(value) > max_length:
        return (
            f"diharapkan paling banyak {max_length} karakter, ditemukan {len(value)} karakter",
            "ringkas teks ini",
        )
    if not multiline and ("\n" in value or "\r" in value):
        return ("diharapkan teks satu baris, ditemukan beberapa baris", "tulis dalam satu baris")
    control = _CONTROL.search(value)
    if control:
        return (
            f"diharapkan teks biasa, ditemukan karakter kendali U+{ord(control.group()):04X}",
            "hapus karakter tak terlihat ini (sering terbawa saat menyalin dari dokumen lain)",
        )
    return None


_MD_LINK = re.compile(r"\]\(\s*<?([^\s>]*?)\)?(?:\s|$|\))|^\s*\[[^\]]+\]:\s*<?(\S+)", re.MULTILINE)
_SAFE_SCHEMES = ("http://", "https://", "#", "/", "./", "../")


def markdown(max_length: int = 20000) -> Parser:
    """Staff prose in Markdown: text rules plus links only to http(s) or pages of the site."""
    base = text(max_length, multiline=True)

    def parse(node: Node, path: str, ctx: Context) -> Any:
        value = base(node, path, ctx)
        if value is INVALID:
            return INVALID
        raw = str(node.value)
        tag = _HTML_TAG.search(_AUTOLINK.sub(lambda m: " " * len(m.group()), raw))
        if tag:
            ctx.add(
                node,
                path,
                f"diharapkan Markdown tanpa HTML, ditemukan {shown(tag.group(), 30)}",
                "hapus tag HTML; untuk tebal/miring/tautan gunakan Markdown (**tebal**, [judul](https://…))",
                at=tag.start(),
            )
            return INVALID
        for match in _MD_LINK.finditer(raw):
            target = (match.group(1) or match.group(2) or "").strip()
            if target and ":" in target.split("/")[0] and not target.lower().startswith(_SAFE_SCHEMES):
                ctx.add(
                    node,
                    path,
                    f"diharapkan tautan http:// atau https://, ditemukan {shown(target, 40)}",
                    "tautan hanya boleh ke alamat web (https://…)",
                    at=match.start(),
                )
                return INVALID
        braces = re.search(r"\{\s*[:.#]", raw)
        if braces:
            ctx.add(
                node,
                path,
                "diharapkan teks Markdown biasa, ditemukan atribut dalam kurung kurawal {: … }",
                "hapus bagian {…}; tampilan diatur oleh situs",
                at=braces.start(),
            )
            return INVALID
        return value

    return described(parse, type="string", constraints={"maxLength": max_length}, multiline=True)


def integer(minimum: int = 0, maximum: int = 10**15, unit: str = "") -> Parser:
    hint = (
        "tulis angka saja tanpa titik, koma atau 'Rp' (contoh: 86919619)"
        if unit == "Rp"
        else "tulis angka saja, contoh: 12"
    )

    def parse(node: Node, path: str, ctx: Context) -> Any:
        value = _scalar(node, path, ctx, "bilangan bulat")
        if value is None:
            return INVALID
        cleaned = value.strip().replace("_", "")
        if not re.fullmatch(r"-?[0-9]+", cleaned):
            ctx.add(node, path, f"diharapkan bilangan bulat, ditemukan {shown(value)}", hint)
            return INVALID
        number = int(cleaned)
        if not minimum <= number <= maximum:
            ctx.add(
                node, path, f"diharapkan bilangan {minimum}–{maximum}, ditemukan {number}", "periksa angkanya"
            )
            return INVALID
        return number

    return described(parse, type="integer", constraints={"minimum": minimum, "maximum": maximum}, hint=hint)


def decimal_number(minimum: float = 0) -> Parser:
    def parse(node: Node, path: str, ctx: Context) -> Any:
        value = _scalar(node, path, ctx, "angka")
        if value is None:
            return INVALID
        try:
            if not re.fullmatch(r"[+-]?[0-9]+([.,][0-9]+)?([eE][+-]?[0-9]+)?", value.strip()):
                raise ValueError(value)  # float() would also take Arabic-Indic digits, "inf" and "nan"
            number = float(value.replace(",", "."))
        except ValueError:
            ctx.add(node, path, f"diharapkan angka, ditemukan {shown(value)}", "contoh: 35 atau 2.5")
            return INVALID
        if number < minimum or number != number or number in (float("inf"),):
            ctx.add(
                node,
                path,
                f"diharapkan angka paling kecil {minimum}, ditemukan {shown(value)}",
                "periksa angkanya",
            )
            return INVALID
        return int(number) if number == int(number) else number

    return described(parse, type="number", constraints={"minimum": minimum})


def date() -> Parser:
    def parse(node: Node, path: str, ctx: Context) -> Any:
        value = _scalar(node, path, ctx, "tanggal TTTT-BB-HH")
        if value is None:
            return INVALID
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
            ctx.add(
                node,
                path,
                f"diharapkan tanggal TTTT-BB-HH, ditemukan {shown(value)}",
                "contoh: 2023-02-01 untuk 1 Februari 2023",
            )
            return INVALID
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            ctx.add(
                node,
                path,
                f"diharapkan tanggal yang ada di kalender, ditemukan {shown(value)}",
                "periksa hari dan bulan: tanggal ini tidak ada",
            )
            return INVALID

    return described(parse, type="date")


def clock(words: Mapping[str, object]) -> Parser:
    """A time of day "13.00" or "13:00", or one of the given words (e.g. "selesai")."""
    choices = ", ".join(repr(w) for w in words)

    def parse(node: Node, path: str, ctx: Context) -> Any:
        value = _scalar(node, path, ctx, f"jam JJ.MM atau {choices}")
        if value is None:
            return INVALID
        cleaned = value.strip().lower()
        if cleaned in words:
            return words[cleaned]
        match = re.fullmatch(r"([0-9]{1,2})[.:]([0-9]{2})", cleaned)
        if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
            return dt.time(int(match.group(1)), int(match.group(2)))
        ctx.add(
            node,
            path,
            f"diharapkan jam JJ.MM atau {choices}, ditemukan {shown(value)}",
            'contoh: "13.00" (pakai tanda kutip)',
        )
        return INVALID

    times = "|".join([r"\d{2}:\d{2}", *(str(v) for v in words.values() if v)])
    return described(parse, type="string", constraints={"pattern": times}, words=list(words))


def choice(options: Mapping[str, str], what: str) -> Parser:
    def parse(node: Node, path: str, ctx: Context) -> Any:
        value = _scalar(node, path, ctx, what)
        if value is None:
            return INVALID
        cleaned = value.strip()
        if cleaned in options:
            return cleaned
        close = difflib.get_close_matches(cleaned.lower().replace(" ", "-"), list(options), n=1)
        hint = f"mungkin maksudnya {close[0]!r}? " if close else ""
        listed = ", ".join(options) if len(options) <= 14 else "lihat Panduan Petugas"
        ctx.add(node, path, f"diharapkan {what}, ditemukan {shown(value)}", f"{hint}pilihan: {listed}")
        return INVALID

    return described(parse, type="string", constraints={"enum": list(options)}, labels=dict(options))


def pattern(regex: str, what: str, hint: str) -> Parser:
    compiled = re.compile(regex, re.ASCII)  # \d is 0-9 only, as in JSON Schema

    def parse(node: Node, path: str, ctx: Context) -> Any:
        value = _scalar(node, path, ctx, what, hint)
        if value is None:
            return INVALID
        if not compiled.fullmatch(value.strip()):
            ctx.add(node, path, f"diharapkan {what}, ditemukan {shown(value)}", hint)
            return INVALID
        return value.strip()

    return described(parse, type="string", constraints={"pattern": regex}, what=what, hint=hint)


def url() -> Parser:
    def parse(node: Node, path: str, ctx: Context) -> Any:
        value = _scalar(node, path, ctx, "alamat web https://…")
        if value is None:
            return INVALID
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"[\s<>\"']", value):
            ctx.add(
                node,
                path,
                f"diharapkan alamat web https://…, ditemukan {shown(value)}",
                "salin alamat lengkap dari bilah alamat peramban",
            )
            return INVALID
        return value

    return described(parse, type="string", format="uri")


def boolean() -> Parser:
    words = {"ya": True, "true": True, "yes": True, "tidak": False, "false": False, "no": False}

    def parse(node: Node, path: str, ctx: Context) -> Any:
        value = _scalar(node, path, ctx, "ya atau tidak")
        if value is None:
            return INVALID
        if value.strip().lower() in words:
            return words[value.strip().lower()]
        ctx.add(node, path, f"diharapkan ya atau tidak, ditemukan {shown(value)}", "tulis ya atau tidak")
        return INVALID

    return described(parse, type="boolean", words=list(words))


def list_of(item: Parser, minimum: int = 0) -> Parser:
    def parse(node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, SequenceNode):
            ctx.add(
                node,
                path,
                f"diharapkan daftar (baris diawali -), ditemukan {describe(node)}",
                "tulis setiap isian di baris sendiri yang diawali tanda -",
            )
            return INVALID
        if len(node.value) < minimum:
            ctx.add(
                node,
                path,
                f"diharapkan paling sedikit {minimum} isian, ditemukan {len(node.value)}",
                "tambahkan isian di baris yang diawali tanda -",
            )
            return INVALID
        values = []
        for number, child in enumerate(node.value, start=1):
            sub = f"{path}[{number}]"
            ctx.lines[sub] = line_of(child)
            values.append(item(child, sub, ctx))
        return INVALID if INVALID in values else tuple(values)

    return described(parse, type="string", items=item, min_items=minimum)


def record(cls: type[T]) -> Parser:
    """Parse a mapping into the frozen dataclass `cls`, checking every key."""
    fields = {f.name: f for f in dataclasses.fields(cls) if "parser" in f.metadata}  # type: ignore[arg-type]

    def parse(node: Node, path: str, ctx: Context) -> Any:
        if not isinstance(node, MappingNode):
            ctx.add(
                node,
                path,
                f"diharapkan daftar kolom (key: nilai), ditemukan {describe(node)}",
                "tulis setiap kolom di baris sendiri: nama_kolom: nilai",
            )
            return INVALID
        values: dict[str, Any] = {}
        for key, child in node.value:
            name = str(key.value)
            sub = f"{path}.{name}" if path else name
            ctx.lines[sub] = line_of(key)
            if name not in fields:
                close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
                hint = (
                    f"mungkin maksudnya {close[0]!r}?"
                    if close
                    else "kolom yang dikenal: " + ", ".join(fields)
                )
                ctx.problems.append(
                    Problem(ctx.file, line_of(key), sub, f"kolom tidak dikenal: {name!r}", hint)
                )
                values[name] = INVALID
                continue
            if name in values:
                continue  # duplicate key: reported by the reader
            if child.tag == NULL and not fields[name].metadata["required"]:
                continue
            values[name] = fields[name].metadata["parser"](child, sub, ctx)
        for name, f in fields.items():
            if name not in values and f.metadata["required"]:
                ctx.add(
                    node,
                    f"{path}.{name}" if path else name,
                    f"kolom wajib {name!r} belum diisi",
                    f"tambahkan baris `{name}: …` ({f.metadata['doc']})",
                )
                values[name] = INVALID
        if INVALID in values.values():
            return INVALID
        return cls(**values)

    return described(parse, type="object", record=cls)
