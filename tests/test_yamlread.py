"""The record reader: its fast ways read every document exactly as the plain way does.

`yamlread` composes in one pass when a file cannot hold an alias, and asks its own leaner `resolve`
for the tags. The reference here is the plain way (a pass that refuses aliases, then PyYAML's own
composer and resolver): same nodes, tags, lines and styles, same problems, for documents picked for
the corners where YAML readers differ. The pure-Python loader (used when PyYAML lacks libyaml) is
compared on the documents both readers agree on; the corners where they differ are listed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from generator import yamlerrors, yamlread

REFERENCE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Documents both readers agree on: nodes, tags, lines, and the lines of problems (PyYAML words its
# syntax errors differently from libyaml).
AGREED: dict[str, str | bytes] = {
    "record": "id: rapat-1\njudul: Musrenbang\ntanggal: 2023-02-01\njam: 13:00\npeserta:\n  - a\n  - b\n",
    "block literal": "a: |\n  x\n  y\nb: >-\n  z\n",
    "block after a blank line": "a:\n\n  |\n  x\n",
    "block keep and indent": "a: >+\n  x\n\nb: |2\n   y\n",
    "tab inside a block": "a: |\n  x\tb\n",
    "multiline plain": "a: x\n  y\n  z\nb: 1\n",
    "multiline quoted": 'a: "x\n  y"\nb: 1\n',
    "escapes": 'a: "\\x41\\u00e9\\N\\_\\L\\P"\nb: "x\u2028y"\n',
    "special scalars": (
        "a: ~\nb: null\nc: yes\nd: 0o17\ne: 1_000\nf: .inf\ng: 2023-02-30\nh: 13:00\ni: 0x1F\n"
        "j: ''\nk:\nl: =\nm: <<\nn: -.5e+3\no: 190:20:30\np: 0b101\nq: NO\nr: .NaN\ns: 017\nt: +12\n"
    ),
    "byte order mark": "\ufeffa: 1\n",
    "next line and line separator": "a: x\x85b: y\u2028c: z\n",
    "carriage returns": "a: 1\rb: 2\r\nc: 3\n",
    "astral and zero width": "a: \U0001f600\nb: \u200b\nc: \ue000\n",
    "explicit tags": "a: !!str 1\nb: !foo x\nc: !<tag:yaml.org,2002:int> 3\nd: ! 12\n",
    "directives": "%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
    "flow": "a: {b: 1, c: [1, 2, {d: e}]}\nf: []\n",
    "complex key": "? [a, b]\n: 1\n",
    "duplicate and nested keys": "a: 1\nb:\n  c: 1\n  c: 2\na: 3\nd:\n  - e: 1\n    e: 2\n",
    "deep": "a: " + "[" * 200 + "]" * 200 + "\n",
    "key without a space": "a:1\n",
    "empty": "",
    "comment only": "# x\n",
    "schema comment": "# yaml-language-server: $schema=../skema/rapat.json\nid: x\n",
    "control character": "a: \x07\n",
    "undefined alias": "a: *x\n",
    "duplicate anchor then a syntax error": "a: &x 1\nb: &x 2\nc: [\n",
    "document end only": "...\n",
    "unclosed quote": 'id: x\njudul: "abc\njenis: y\n',
    "indentation": "a:\n  b: 1\n c: 2\n",
    "tab indentation": "a:\n\tb: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "second document broken": "a: 1\n---\nb: [\n",
    "anchor": "a: &x 1\nb: 2\n",
    "alias": "a: &x 1\nb: *x\n",
    "alias after a syntax error": "a: [\nb: *x\n",
    "syntax error after an alias": "a: &x 1\nb: *x\nc: [\n",
    "duplicate anchor then an alias": "a: &x 1\nb: &x 2\nc: *x\n",
    "alias bomb": "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
    "star in text": "a: '*penting*'\nb: 2 * 3\n",
    "not utf-8": b"a: 1\nb: caf\xe9\n",
    "too big": "a: |\n" + "  x\n" * 300_000,
}
# Where libyaml and the pure-Python reader differ. Records are read by libyaml whenever PyYAML has it.
DISAGREED = {
    "byte order mark inside": "a: 1\n\ufeffb: 2\n",  # libyaml: a syntax error; pure: a key "\ufeffb"
    "tab before a value": "a:\tb\nc: 1\t# x\n",  # libyaml: accepted; pure: a syntax error
    "surrogate escape": 'a: "\\ud800"\n',  # libyaml: a syntax error; pure: accepted
}


def _plain_compose(text: str) -> Node | None:
    """The reference: refuse aliases in a first pass, then compose with PyYAML's own resolver."""
    for event in yaml.parse(text, Loader=REFERENCE):
        if isinstance(event, AliasEvent):
            raise yamlread._AliasFound(event.start_mark.line + 1 if event.start_mark else 1)
    return yaml.compose(text, Loader=REFERENCE)


def _shape(node: Node | None, styles: bool = True) -> Any:
    """Everything the pipeline can read in a node tree (plain scalars: style "" in libyaml, None in
    PyYAML)."""
    if node is None:
        return None
    where = (node.tag, node.start_mark.line, node.start_mark.column, node.end_mark.line)
    if isinstance(node, MappingNode):
        return ("map", *where, [(_shape(k, styles), _shape(v, styles)) for k, v in node.value])
    if isinstance(node, SequenceNode):
        return ("seq", *where, [_shape(v, styles) for v in node.value])
    assert isinstance(node, ScalarNode)
    return ("scalar", *where, node.value, node.style if styles else node.style or None)


def _read(raw: str | bytes, exact: bool = True) -> Any:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    document, problems = yamlread.read_bytes(data, Path("x.yaml"), "x.yaml")
    found: list[Any] = problems
    if not exact:
        found = [
            p if "YAML tidak dapat dibaca" not in p.message else (p.file, p.line, p.path) for p in problems
        ]
    if document is None:
        return found
    return _shape(document.root, exact), document.modeline, found


@pytest.mark.parametrize("raw", list(AGREED.values()) + list(DISAGREED.values()), ids=[*AGREED, *DISAGREED])
def test_read_as_the_plain_way(raw: str | bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _read(raw)
    monkeypatch.setattr(yamlread, "_compose", _plain_compose)
    assert fast == _read(raw)


def test_one_pass_without_a_star(monkeypatch: pytest.MonkeyPatch) -> None:
    def first_pass(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("first pass")

    monkeypatch.setattr(yaml, "parse", first_pass)
    assert _read(AGREED["record"])[2] == []
    with pytest.raises(AssertionError, match="first pass"):
        _read(AGREED["alias"])


class _PureLoader(yaml.SafeLoader):
    """`yamlread`'s loader as it is where PyYAML lacks libyaml."""

    descend_resolver = yamlread._Loader.descend_resolver
    ascend_resolver = yamlread._Loader.ascend_resolver
    resolve = yamlread._Loader.resolve


@pytest.mark.parametrize("raw", AGREED.values(), ids=AGREED)
def test_pure_python_reader_agrees(raw: str | bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _read(raw, exact=False)
    monkeypatch.setattr(yamlread, "_Loader", _PureLoader)
    assert fast == _read(raw, exact=False)


@pytest.mark.parametrize("raw", DISAGREED.values(), ids=DISAGREED)
def test_pure_python_reader_differs_only_where_listed(raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _read(raw, exact=False)
    monkeypatch.setattr(yamlread, "_Loader", _PureLoader)
    assert fast != _read(raw, exact=False)


# Plain scalars around PyYAML's implicit tags (int, float, bool, null, timestamp, merge, value).
SPECIAL = ["", " ", "\ufeff1", "１", "2001-12-14 21:59:43.10 -5"] + (
    "~ null Null NULL nul yes Yes YES yEs no on Off y n true False 0 -0 +1 0b101 0o17 017 09 0x1F 1_000 "
    "1:30 190:20:30 1.5 .5 1. 1e3 1.0e+3 -.inf .Inf .NaN 2023-02-01 2023-02-30 13:00 13.00 "
    "2001-12-14t21:59:43.10-05:00 << = ! &a *a Sosial ya tidak 18.72.05.1004"
).split()
YAML_LIKE = st.text(alphabet="0123456789+-._: eExXoObB~<=!&*yYnNtTfFaulrs", max_size=12)


@pytest.mark.parametrize("value", SPECIAL)
@pytest.mark.parametrize("implicit", [(True, False), (False, True), (False, False), (True, True)])
def test_resolve_gives_pyyaml_tags(value: str, implicit: tuple[bool, bool]) -> None:
    ours, theirs = yamlread._Loader(""), Resolver()
    assert ours.resolve(ScalarNode, value, implicit) == theirs.resolve(ScalarNode, value, implicit)


@given(st.one_of(st.text(max_size=12), YAML_LIKE))
def test_resolve_gives_pyyaml_tags_for_any_text(value: str) -> None:
    ours, theirs = yamlread._Loader(""), Resolver()
    assert ours.resolve(ScalarNode, value, (True, False)) == theirs.resolve(ScalarNode, value, (True, False))


def test_resolve_gives_pyyaml_tags_for_lists_and_mappings() -> None:
    ours, theirs = yamlread._Loader(""), Resolver()
    assert not Resolver.yaml_path_resolvers  # the case `_Loader.resolve` leaves out
    for kind in (SequenceNode, MappingNode):
        for implicit in (True, False):
            assert ours.resolve(kind, None, implicit) == theirs.resolve(kind, None, implicit)


# A clerk's usual YAML mistakes: the line `musrenbang check` names and the start of what it says
# (in Indonesian: yamlerrors.py), the same with libyaml and with PyYAML's Python reader.
MISTAKES = [
    ("titik dua di tengah nilai", "id: a\ntempat: Aula: lantai 2\njenis: x\n", 2, "titik dua (:) yang tidak"),
    ("tanpa titik dua", "id: a\ntempat Aula\njenis: x\n", 2, "diharapkan titik dua (:) setelah nama kolom"),
    ("kutip tidak ditutup", 'id: a\njudul: "tidak ditutup\njenis: x\n', 2, "tanda kutip dibuka di baris ini"),
    ("kutip tunggal", "id: a\n\njudul: 'x\njenis: x\n", 3, "tanda kutip dibuka di baris ini"),
    ("kolom kurang menjorok", "id: a\nwaktu:\n    mulai: 1\n  selesai: 2\n", 4, "baris ini tidak dapat"),
    ("kolom menjorok lebih", "id: a\nwaktu:\n  mulai: 1\n    selesai: 2\n", 4, "titik dua (:) yang tidak"),
    ("teks setelah kutip", 'id: a\njudul: "abc" def\njenis: x\n', 2, "baris ini tidak dapat dibaca"),
    ("kurung siku di awal teks", "id: a\njudul: [RT 01] jalan\n", 2, "baris ini tidak dapat dibaca"),
    ("daftar tidak ditutup", "id: a\nfoto: [a, b\njenis: x\n", 2, "daftar [ … ] dibuka di baris ini"),
    ("kurung kurawal", "id: a\nfoto: {a: b\njenis: x\n", 2, "tanda { dibuka di baris ini"),
    ("butir daftar tanpa kolom", "id: a\njudul: x\n- b\n", 3, "baris ini tidak dapat dibaca"),
    ("garis miring terbalik", 'id: a\njudul: "C:\\data"\n', 2, "garis miring terbalik"),
    ("diawali @", "id: a\njudul: @camat\n", 2, "nilai diawali karakter"),
    ("dua catatan", "id: a\n---\nid: b\n", 2, "diharapkan satu catatan dalam satu berkas"),
    ("baris %", "%YAML 1.1\nid: a\n", 2, "baris yang diawali %"),
    ("teks setelah |", "id: a\nisi: |x\n  teks\n", 2, "setelah | atau >"),
]


@pytest.mark.parametrize("reader", ["libyaml", "python"])
@pytest.mark.parametrize("raw, line, start", [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES])
def test_yaml_mistakes_told_in_indonesian(
    raw: str, line: int, start: str, reader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if reader == "python":
        monkeypatch.setattr(yamlread, "_Loader", _PureLoader)
    problems = _read(raw)
    assert [(p.line, p.message.startswith(f"YAML tidak dapat dibaca: {start}")) for p in problems] == [
        (line, True)
    ], problems
    english = re.compile(r"\b(while|found|expected|scanning|parsing|allowed|mapping|stream)\b")
    assert not english.search(problems[0].message + problems[0].hint), problems[0]


def test_yaml_mistake_unknown_to_the_table_keeps_the_readers_words() -> None:
    """A reader message the table does not know is shown as the reader's, said to be so."""
    error = yaml.MarkedYAMLError(problem="found something new", problem_mark=yaml.Mark("x", 0, 4, 0, "", 0))
    explained = yamlerrors.explain(error)
    assert explained.line == 5
    assert explained.message == "pembaca YAML berhenti di baris ini (found something new)"
