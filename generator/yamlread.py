"""Read one YAML record file into a tree of PyYAML nodes that remember their lines.

The rest of the pipeline never sees Python objects built by PyYAML: it reads the composed nodes, so
every value keeps its line, `13:00` stays the text "13:00" (not 780), and `2023-02-30` reaches the date
check as text instead of failing inside PyYAML. Safe composing only; no tags, anchors or aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import yamlerrors
from .problems import Problem

MAX_FILE_BYTES = 1024 * 1024
SCALAR_TAG = "tag:yaml.org,2002:str"
SEQUENCE_TAG = "tag:yaml.org,2002:seq"
MAPPING_TAG = "tag:yaml.org,2002:map"
STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


# The comment that points the YAML language server (editors) at a JSON Schema, as that server finds it.
MODELINE = re.compile(r"^[ \t]*#[ \t]+yaml-language-server[ \t]*:(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Document:
    """A record file and its root node, and the line and target of its schema comment, if any."""

    file: str
    path: Path
    root: Node
    modeline: tuple[int, str | None] | None = None


def modeline(text: str) -> tuple[int, str | None] | None:
    """(line, schema address) of the first `# yaml-language-server:` comment; None when there is none."""
    found = MODELINE.search(text) if "yaml-language-server" in text else None
    if found is None:
        return None
    target = re.search(r"\$schema=(\S+)", found.group(1))
    return text.count("\n", 0, found.start()) + 1, target.group(1) if target else None


class _AliasFound(Exception):
    def __init__(self, line: int):
        self.line = line


# libyaml's C parser when PyYAML has it (about ten times faster), the pure-Python one otherwise.
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The implicit tags of plain scalars (int, bool, null…), by first character, as PyYAML tries them.
_ANY_START = tuple(_SAFE_LOADER.yaml_implicit_resolvers.get(None, ()))
_BY_START = {
    start: tuple(resolvers) + _ANY_START
    for start, resolvers in _SAFE_LOADER.yaml_implicit_resolvers.items()
    if start is not None
}


class _Loader(_SAFE_LOADER):
    """The safe loader, minus the work its composer does for every node that a safe loader never
    needs: path resolvers (it has none) and a general `resolve`. Same tags as PyYAML's own (a test
    compares them); composing is about a tenth faster."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _BY_START.get(value[:1], _ANY_START):
                    if regexp.match(value):
                        return tag
            return SCALAR_TAG
        return SEQUENCE_TAG if kind is SequenceNode else MAPPING_TAG


def _compose(text: str) -> Node | None:
    """Compose, refusing aliases before any is composed: walking a tree of shared alias nodes is
    exponential (the "billion laughs" bomb).

    Every alias starts with `*`, so a file without one is composed in a single pass. Otherwise, or
    when composing stops at a duplicate anchor or a second document, a first pass looks for aliases:
    an alias, or a syntax error further on, is reported first, as it always was."""
    if "*" not in text:
        try:
            return yaml.compose(text, Loader=_Loader)
        except yaml.composer.ComposerError:
            pass
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, AliasEvent):
            raise _AliasFound(event.start_mark.line + 1 if event.start_mark else 1)
    return yaml.compose(text, Loader=_Loader)


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


def read_document(path: Path, file: str) -> tuple[Document | None, list[Problem]]:
    """Compose one file. Returns the document, or None and the problems that stopped it."""
    return read_bytes(path.read_bytes(), path, file)


def read_bytes(raw: bytes, path: Path, file: str) -> tuple[Document | None, list[Problem]]:
    """Compose the bytes of a record file (read from `path`, or about to be written there)."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(
                file,
                1,
                "",
                f"berkas terlalu besar: diharapkan paling besar {MAX_FILE_BYTES // 1024} KB, "
                f"ditemukan {len(raw) // 1024} KB",
                "satu berkas berisi satu catatan; pindahkan teks panjang ke dokumen terpisah",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Problem(
                file,
                line,
                "",
                "berkas bukan teks UTF-8: diharapkan UTF-8, ditemukan byte "
                f"0x{raw[err.start]:02x} yang tidak sah",
                "simpan ulang berkas sebagai UTF-8 (di editor: Save with Encoding → UTF-8)",
            )
        ]
    text = text.removeprefix("\ufeff")
    problems = _tab_problems(text, file)
    if problems:
        return None, problems
    try:
        root = _compose(text)
    except _AliasFound as found:
        return None, [
            Problem(
                file,
                found.line,
                "",
                "diharapkan nilai biasa, ditemukan alias YAML (*nama)",
                "tulis nilainya langsung; anchor (&) dan alias (*) tidak dipakai dalam catatan",
            )
        ]
    except yaml.MarkedYAMLError as err:
        explained = yamlerrors.explain(err)
        message = f"YAML tidak dapat dibaca: {explained.message}"
        return None, [Problem(file, explained.line, "", message, explained.hint)]
    except yaml.YAMLError as err:  # pragma: no cover - PyYAML marks nearly every error
        message = f"YAML tidak dapat dibaca: pembaca YAML berhenti ({err})"
        return None, [Problem(file, 1, "", message, yamlerrors.GENERIC_HINT)]
    if root is None:
        return None, [
            Problem(
                file, 1, "", "diharapkan satu catatan, ditemukan berkas kosong", "isi berkas ini atau hapus"
            )
        ]
    problems = list(_structure_problems(root, file, ""))
    if problems:
        return None, problems
    return Document(file, path, root, modeline(text)), []


def _tab_problems(text: str, file: str) -> list[Problem]:
    if "\t" not in text:
        return []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    file,
                    number,
                    "",
                    "diharapkan indentasi dengan spasi, ditemukan karakter tab",
                    "ganti tab di awal baris dengan spasi (YAML tidak menerima tab)",
                )
            )
    return problems


def _structure_problems(node: Node, file: str, path: str):  # type: ignore[no-untyped-def]
    """Duplicate keys, non-text keys and explicit tags, anywhere in the tree."""
    if node.tag not in STANDARD_TAGS:
        yield Problem(
            file,
            line_of(node),
            path,
            f"diharapkan nilai biasa, ditemukan tag YAML {node.tag!r}",
            "hapus tag yang diawali tanda seru (!) dari nilai ini",
        )
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                yield Problem(
                    file, line_of(key), path, "diharapkan nama kolom berupa teks", "tulis nama_kolom: nilai"
                )
                continue
            sub = f"{path}.{key.value}" if path else key.value
            if key.value in seen:
                yield Problem(
                    file,
                    line_of(key),
                    sub,
                    f"kolom ganda: {key.value!r} sudah ditulis di baris {seen[key.value]}",
                    "gabungkan kedua isian menjadi satu; YAML hanya menyimpan yang terakhir",
                )
            else:
                seen[key.value] = line_of(key)
            # Below an ordinary scalar there is nothing more to check.
            if not isinstance(value, ScalarNode) or value.tag not in STANDARD_TAGS:
                yield from _structure_problems(value, file, sub)
    elif isinstance(node, SequenceNode):
        for number, item in enumerate(node.value, start=1):
            if not isinstance(item, ScalarNode) or item.tag not in STANDARD_TAGS:
                yield from _structure_problems(item, file, f"{path}[{number}]")
