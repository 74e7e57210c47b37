"""Property tests: random and mutated records never crash the checker, and every problem it reports
names a file and a line; the generator's fast paths agree with the library functions they replace."""

from __future__ import annotations

import datetime as dt
import posixpath
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import check_records
from generator.ical import fold
from generator.render import relpath
from tests.conftest import CONTENT

FILES = sorted(p.relative_to(CONTENT).as_posix() for p in CONTENT.rglob("*.yaml"))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["13.00", "tidak diketahui", "selesai", "18.72.05.1004", "diterima", "ya", "~", ""]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


_COPY: list[Path] = []


@contextmanager
def _content() -> Iterator[Path]:
    """One private copy of the content for the whole module; each example's changes are undone."""
    if not _COPY:
        _COPY.append(Path(tempfile.mkdtemp()) / "content")
        shutil.copytree(CONTENT, _COPY[0])
    content = _COPY[0]
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    try:
        yield content
    finally:
        for path in content.rglob("*"):
            if path.is_file() and path not in before:
                path.unlink()
        for path, raw in before.items():
            if path.read_bytes() != raw:
                path.write_bytes(raw)


def _assert_well_reported(content: Path) -> None:
    _, problems = check_records(content)
    for problem in problems:
        assert problem.file.startswith("content/") and problem.file.endswith((".yaml", ".yml")), problem
        assert problem.line >= 1, problem
        assert problem.message and problem.hint, problem


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    file=st.sampled_from(FILES),
    mutations=st.lists(
        st.tuples(st.sampled_from(["set", "delete", "add", "nest"]), st.text(max_size=20), values),
        min_size=1,
        max_size=4,
    ),
)
def test_mutated_records_are_reported_with_file_and_line(file: str, mutations: list) -> None:  # type: ignore[type-arg]
    with _content() as content:
        path = content / file
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for action, key, value in mutations:
            keys = list(data) if isinstance(data, dict) else []
            if action == "set" and keys:
                data[keys[hash(key) % len(keys)]] = value
            elif action == "delete" and keys:
                del data[keys[hash(key) % len(keys)]]
            elif action == "add" and isinstance(data, dict):
                data[key] = value
            else:
                data = {"id": data, key: [value, data]} if action == "nest" else value
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        _assert_well_reported(content)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=st.sampled_from(FILES), position=st.integers(min_value=0), junk=st.text(min_size=1, max_size=8))
def test_corrupted_yaml_text_is_reported_with_file_and_line(file: str, position: int, junk: str) -> None:
    with _content() as content:
        path = content / file
        text = path.read_text(encoding="utf-8")
        position %= len(text) + 1
        path.write_text(text[:position] + junk + text[position:], encoding="utf-8")
        _assert_well_reported(content)


@settings(max_examples=60, deadline=None)
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes_are_reported_with_file_and_line(raw: bytes) -> None:
    with _content() as content:
        (content / "rapat" / "2023" / "acak.yaml").write_bytes(raw)
        _assert_well_reported(content)


segments = st.sampled_from(
    ["usulan", "daftar", "wilayah", "18.72.05", "x.md", "index.md", ".", "..", "", "a..b"]
)
paths = st.builds(
    lambda parts, lead, trail: lead + "/".join(parts) + trail,
    st.lists(segments, max_size=5),
    st.sampled_from(["", "/"]),
    st.sampled_from(["", "/"]),
)


def _outcome(function: Callable[[str, str], str], target: str, base: str) -> str:
    try:
        return function(target, base)
    except ValueError:
        return "ValueError"


@given(target=paths, base=paths)
def test_relative_links_agree_with_posixpath(target: str, base: str) -> None:
    assert _outcome(relpath, target, base) == _outcome(posixpath.relpath, target, base)


@given(
    line=st.text(alphabet="ab ;,\\", max_size=300)  # ASCII: cut by length
    | st.text(alphabet=st.sampled_from("ab ;,\\é–😀"), max_size=300)
    # (no lone surrogates: they are not text a UTF-8 file can hold)
    | st.text(alphabet=st.characters(exclude_characters="\r\n", exclude_categories=("Cs",)), max_size=300)
)
def test_folded_lines_are_short_and_full(line: str) -> None:
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    parts = folded.split("\r\n ")
    assert all(len(p.encode("utf-8")) <= (75 if i == 0 else 74) for i, p in enumerate(parts))
    # every line but the last is full: the next character would not fit
    for i, (part, after) in enumerate(zip(parts, parts[1:], strict=False)):
        assert len(part.encode("utf-8")) + len(after[0].encode("utf-8")) > (75 if i == 0 else 74)
