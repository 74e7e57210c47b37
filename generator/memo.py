"""Memo: a page whose inputs did not change since the last build is not rendered again.

A page is a function of its template, its context and what it reads while it renders: catalog
queries, photo sizes, file history. While a page renders, `Traced` (standing in for the catalog)
and `Pages` note each such read with a fingerprint of its answer. The next build takes the page's
Markdown from the last build's drafts file when the code, templates and settings are the same, its
context has the same fingerprint, and every read it noted gives the same answer again (a verifying
trace, as in Mokhov, Mitchell and Peyton Jones, "Build systems à la carte"). Anything that cannot be
fingerprinted makes its page render every time: a page is reused only when that is certain.

After one edit in a city of 5,800 pages, the pages that read the edited record (its own page, the
lists and posts it appears in) render again, and the statistics and region pages only when their
figures change (they read the catalog's figures, not the records); the rest are read back.
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import decimal
import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from .fields import Origin
from .heap import uncollected
from .load import Records
from .model import KINDS, Rapat, Usulan

VERSION = "1"  # change when what a memo entry means changes
CODE = Path(__file__).resolve().parent
TEMPLATES = CODE.parent / "site_templates"
STASH = "_sidik_memo"  # where a record keeps its fingerprint (frozen dataclasses have a __dict__)
Token = tuple[Any, ...]  # a read: ("item", "regions", "18.72"), ("call", "usulan_in", "18.72"), …
RECORDS = frozenset(KINDS.values())
# Values that print themselves whole (a subclass, such as bool of int, is its own entry).
SIMPLE = frozenset({bool, int, float, decimal.Decimal, dt.date, dt.time, dt.datetime, dt.timedelta})
MEMO_UP_TO = 25_000  # records (see worth_it)
APPEND_SLACK = 2**23  # bytes of replaced pages a drafts file may carry besides twice its live ones
T = TypeVar("T")


class Opaque(Exception):
    """A value without a fingerprint (see `Fingerprints.of`): its page is rendered every time."""


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Fingerprints:
    """Fingerprints of values, the same in every process and build for the same value: a record by
    every field (its origin by its file only: pages show no line numbers), containers by their
    items. Records and long containers are remembered by identity for the build (and kept alive, so
    that no other object takes their identity)."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, str]] = {}

    def of(self, value: object) -> str:
        stash = getattr(value, "__dict__", None)
        if stash:  # a record that knows its own (below): the most common case, so the first
            known = stash.get(STASH)
            if known is not None:
                return str(known)
        kind = type(value)
        if kind in SIMPLE or value is None:
            return f"{kind.__name__}:{value!r}"
        if isinstance(value, str):  # escape.Md and str print differently: the type is part of it
            return _hash(f"{kind.__name__}:{value}") if len(value) > 40 else f"{kind.__name__}:{value!r}"
        if stash is not None and dataclasses.is_dataclass(value):
            # A record keeps its own: `musrenbang serve` keeps unchanged records between builds.
            digest = _hash(self._record(value) if kind in RECORDS else self._parts(value))
            object.__setattr__(value, STASH, digest)
            return digest
        found = self._known.get(id(value))
        if found is not None:
            return found[1]
        digest = _hash(self._parts(value))
        self._known[id(value)] = (value, digest)
        return digest

    def _record(self, value: Any) -> str:
        """A record as its dataclass prints it (every field but `asal`, and the values inside, are
        printed: 20 times faster than `_parts`), and the file it came from."""
        return f"{type(value).__qualname__}:{value!r}:{value.asal.file if value.asal else ''}"

    def _parts(self, value: object) -> str:
        kind = type(value).__qualname__
        if isinstance(value, Origin):
            return f"Origin:{value.file}"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = ",".join(self.of(getattr(value, f.name)) for f in dataclasses.fields(value))
            return f"{type(value).__module__}.{kind}({fields})"
        if isinstance(value, (tuple, list)):
            return f"{kind}({','.join(self.of(item) for item in value)})"
        if isinstance(value, Mapping):
            return f"{kind}{{{','.join(self.of(k) + ':' + self.of(v) for k, v in value.items())}}}"
        if isinstance(value, (set, frozenset)):
            return f"{kind}{{{','.join(sorted(self.of(item) for item in value))}}}"
        if isinstance(value, functools.partial):
            args = ",".join(self.of(a) for a in value.args)
            keywords = ",".join(f"{k}={self.of(v)}" for k, v in sorted(value.keywords.items()))
            return f"partial({self._callable(value.func)},{args},{keywords})"
        if callable(value):
            return self._callable(value)
        raise Opaque(kind)

    def _callable(self, value: object) -> str:
        owner = getattr(value, "__self__", None)
        name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
        if owner is not None and not isinstance(owner, type(json)):  # a bound method: its object counts
            return f"{name}@{self.of(owner)}"
        if "<lambda>" in name or "<locals>" in name:
            raise Opaque(name)  # a closure: what it closes over is unknown
        return name


def code_digest(*folders: Path) -> str:
    """The generator's code and the templates: any change to them renders every page again (read
    every build, 100 files in 15 ms: `musrenbang serve` sees a template edited while it runs)."""
    digest = hashlib.blake2b(VERSION.encode(), digest_size=16)
    for folder in (CODE, *folders):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix != ".pyc":
                digest.update(
                    path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
                )
    return digest.hexdigest()


def encode(value: object) -> Any:
    """A query's argument as JSON: text, numbers and None as they are, a record by its kind and id."""
    if value is None or isinstance(value, (str, int)) and not isinstance(value, bool):
        return value
    if isinstance(value, Rapat):
        return ("rapat", value.id)
    if isinstance(value, Usulan):
        return ("usulan", value.id)
    raise Opaque(type(value).__qualname__)


class Trace:
    """The reads of the page being rendered (none recorded when no page is)."""

    def __init__(self, fingerprints: Fingerprints) -> None:
        self.fingerprints = fingerprints
        self.reads: dict[Token, str] | None = None
        self.opaque = False

    def note(self, token: Token, answer: object) -> None:
        if self.reads is None or self.opaque:
            return
        try:
            self.reads[token] = self.fingerprints.of(answer)
        except Opaque:
            self.opaque = True

    def merge(self, reads: Mapping[Token, str] | None) -> None:
        """Reads made once for several pages (a cached table row): each page that uses it read them."""
        if self.reads is not None:
            if reads is None:
                self.opaque = True
            else:
                self.reads.update(reads)


class TracedMap(Mapping[Any, Any]):
    """One of the catalog's mappings, noting each lookup."""

    def __init__(self, name: str, mapping: Mapping[Any, Any], trace: Trace) -> None:
        self._name, self._mapping, self._trace = name, mapping, trace

    def __getitem__(self, key: Any) -> Any:
        found = self._mapping.get(key, _MISSING)
        self._trace.note(("item", self._name, key), _MISSING_ANSWER if found is _MISSING else found)
        if found is _MISSING:
            raise KeyError(key)
        return found

    def get(self, key: Any, default: Any = None) -> Any:
        found = self._mapping.get(key, _MISSING)
        self._trace.note(("item", self._name, key), _MISSING_ANSWER if found is _MISSING else found)
        return default if found is _MISSING else found

    def __contains__(self, key: object) -> bool:
        found = key in self._mapping
        self._trace.note(("has", self._name, key), found)
        return found

    def __iter__(self) -> Iterator[Any]:
        self._trace.note(("all", self._name), self._mapping)
        return iter(self._mapping)

    def __len__(self) -> int:
        self._trace.note(("len", self._name), len(self._mapping))
        return len(self._mapping)


_MISSING = object()
_MISSING_ANSWER = "(tidak ada)"  # the answer to a lookup of something that is not there


class Traced:
    """The catalog as a page sees it: the same answers, each noted in the trace. Methods are noted
    with their arguments (records by id) and the fingerprint of their answer, fields whole."""

    def __init__(self, catalog: object, trace: Trace) -> None:
        self._catalog = catalog
        self._trace = trace
        # Queries answered from their arguments alone, which the page has from its context or reads.
        self._untraced: frozenset[str] = getattr(catalog, "ARGUMENTS_ONLY", frozenset())

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._catalog, name)
        if isinstance(value, Mapping):
            return TracedMap(name, value, self._trace)
        if not callable(value):
            self._trace.note(("field", name), value)
            return value
        if name in self._untraced:
            return value

        def call(*args: object) -> Any:
            answer = value(*args)
            try:
                token = ("call", name, *(encode(a) for a in args))
            except Opaque:
                self._trace.opaque = True
                return answer
            self._trace.note(token, answer)
            return answer

        return call


def replay(catalog: Any, extra: Mapping[str, Callable[..., object]], token: Token) -> object:
    """The answer a read gives in this build. `extra` answers the reads that are not catalog queries
    (photos, file history), by the token's first element."""
    what, *rest = token
    if what in extra:
        return extra[what](*rest)
    name = rest[0]
    value = getattr(catalog, name)
    if what == "field":
        return value
    if what == "item":
        return value.get(rest[1], _MISSING_ANSWER)
    if what == "has":
        return rest[1] in value
    if what == "all":
        return value
    if what == "len":
        return len(value)
    args = []
    for arg in rest[1:]:
        if isinstance(arg, tuple):
            kind, key = arg
            record = (catalog.rapat_by_id if kind == "rapat" else catalog.usulan_by_id).get(key)
            if record is None:
                return _MISSING_ANSWER  # the record is gone: the read cannot give the same answer
            args.append(record)
        else:
            args.append(arg)
    return value(*args)


@dataclass(frozen=True)
class Entry:
    """What the memo knows of one page: the fingerprint of its template and context, its reads (each
    with the fingerprint of its answer then), the pages it linked in raw HTML, and its Markdown: where
    it lies in the drafts file (`Draft`), or the text itself for a page MkDocs makes."""

    key: str
    reads: Mapping[Token, str]
    addressed: tuple[str, ...]
    text: str | None = None
    draft: tuple[str, int, int] | None = None
    shell: tuple[Any, ...] | None = None  # the frame.ShellKey of a framed page


def worth_it(records: Records) -> bool:
    """Whether to keep a memo: up to a city's size. A province's builds are not edited interactively,
    and its memo (145,000 pages' reads) would cost more memory and time than it saves."""
    return len(records.usulan) + len(records.rapat) <= MEMO_UP_TO


def base(*settings: object) -> str:
    """What every page depends on: the code, the templates and the build's settings."""
    return _hash(code_digest(TEMPLATES) + Fingerprints().of(settings))


class Memo:
    """The last build's entries, read from `file`, and its drafts file `drafts`; `save` writes this
    build's. The file is deleted once read: a build that fails half-way must not leave a memo that
    points into a half-written drafts file. This process keeps what it wrote: `musrenbang serve`
    does not read its own memo back."""

    def __init__(self, file: Path, drafts: Path, base: str) -> None:
        self.file, self.drafts, self.base = file, drafts, base
        self.last: dict[str, Entry] = {}
        settled()
        kept = _KEPT.pop(file, None)
        try:
            stamp = _stamp(file)
            if kept and kept[0] == stamp:
                found: tuple[str, dict[str, Entry]] | None = kept[1]
            else:
                with uncollected():
                    found = _parse(json.loads(file.read_text(encoding="utf-8")))
            file.unlink()
        except (OSError, ValueError, TypeError, KeyError):
            found = None
        if found and found[0] == base and drafts.is_file():
            self.last = found[1]
        self._answers: dict[Token, str] = {}
        self._drafts: bytes | None = None  # the last drafts file, read whole when first needed
        # Whether this build appends its pages to the last drafts file, where the reused pages stay
        # (see `appends`); else the reused pages' Markdown is copied into a new one (`text`).
        self.appending = False
        self.data: dict[str, tuple[str, dict[Token, str], object]] = {}  # this build's, see `kept`

    @classmethod
    def recording(cls, base: str) -> Memo:
        """A memo that knows no earlier page and notes this build's (for a process that renders a
        share of the pages when the memo could not be used, see parallel.py)."""
        return cls(Path("/nonexistent/memo.json"), Path("/nonexistent/bingkai.md"), base)

    def appends(self) -> bool:
        """Whether this build may add its pages to the end of the last drafts file and leave the
        reused pages where they are: yes while the file holds less than twice the Markdown of the
        pages that still point into it (and APPEND_SLACK), else it is written anew (made compact)."""
        drafts = [entry.draft for entry in self.last.values() if entry.draft]
        live = sum(length for _, _, length in drafts)
        end = max((start + length for _, start, length in drafts), default=0)
        try:
            size = self.drafts.stat().st_size
        except OSError:
            return False
        # (A file shorter than its pages need is not the one they were written to.)
        return bool(self.last) and end <= size <= 2 * live + APPEND_SLACK

    @property
    def usable(self) -> bool:
        """Whether the last build left entries made by the same code and settings."""
        return bool(self.last)

    def reuse(self, path: str, key: str, answer: Callable[[Token], str]) -> Entry | None:
        """The last build's entry for `path` when its key and every read's answer are the same."""
        entry = self.last.get(path)
        if entry is None or entry.key != key:
            return None
        return entry if self.same(entry.reads, answer) else None

    def same(self, reads: Mapping[Token, str], answer: Callable[[Token], str]) -> bool:
        """Whether every read gives the answer it gave (each answer found once a build)."""
        for token, digest in reads.items():
            now = self._answers.get(token)
            if now is None:
                now = self._answers[token] = answer(token)
            if now != digest:
                return False
        return True

    def kept(
        self, name: str, key: str, make: Callable[[], T], trace: Trace, answer: Callable[[Token], str]
    ) -> T:
        """A data file (or files) this process made in an earlier build from the same inputs (`key`
        and the reads it noted), else made now (`make`, reading through the traced catalog). Kept in
        memory only, for `musrenbang serve`: a city's record files are 13 MB."""
        found = _DATA.get(name)
        if found is not None and found[0] == key and self.same(found[1], answer):
            self.data[name] = found
            return cast(T, found[2])
        trace.reads, trace.opaque = {}, False
        try:
            text = make()
            if not trace.opaque:
                self.data[name] = (key, trace.reads, text)
        finally:
            trace.reads = None
        return text

    def keep(self) -> None:
        """Keep this build's data files for the next build in this process, and only those."""
        _DATA.clear()
        _DATA.update(self.data)

    def text(self, entry: Entry) -> str | None:
        """The entry's Markdown, None if the drafts file no longer holds it."""
        if entry.text is not None:
            return entry.text
        assert entry.draft is not None
        digest, start, length = entry.draft
        if self._drafts is None:  # one read instead of one a page (a city's file is about 30 MB)
            self._drafts = self.drafts.read_bytes()
        data = memoryview(self._drafts)[start : start + length]
        if len(data) != length or hashlib.sha256(data).hexdigest() != digest:
            return None
        return str(data, "utf-8")

    def __enter__(self) -> Memo:
        return self

    def __exit__(self, *_: object) -> None:
        self._drafts = None

    def save(
        self,
        made: Mapping[str, Entry],
        drafts: Mapping[str, tuple[str, int, int]],
        shells: Mapping[str, tuple[Any, ...]],
        texts: Mapping[str, str],
    ) -> None:
        """Keep this build's entries, each with its Markdown's place in the drafts file (`drafts`) or
        its text (`texts`); they are written to the file by `settled`, once the build is announced
        (serializing a city's 5 MB holds the interpreter, a thread too, for a third of a second)."""
        entries = {}
        for path, entry in sorted(made.items()):
            draft = drafts.get(path)
            text = None if draft else texts.get(path)
            if draft is not None:
                entries[path] = dataclasses.replace(entry, text=None, draft=draft, shell=tuple(shells[path]))
            elif text is not None:
                entries[path] = dataclasses.replace(entry, text=text, draft=None, shell=None)
        _PENDING.append(functools.partial(self._write, entries))

    def _write(self, entries: dict[str, Entry]) -> None:
        numbers: dict[Token, int] = {}
        tokens: list[Any] = []
        pages: dict[str, list[Any]] = {}
        for path, entry in entries.items():
            mine = []
            for token, digest in entry.reads.items():
                number = numbers.get(token)
                if number is None:
                    number = numbers[token] = len(tokens)
                    tokens.append([list(token), digest])
                mine.append(number)
            draft, shell = entry.draft, entry.shell
            pages[path] = [
                entry.key,
                mine,
                list(entry.addressed),
                entry.text,
                list(draft) if draft else None,
                list(shell) if shell else None,
            ]
        saved = {"base": self.base, "tokens": tokens, "pages": pages}
        partial = self.file.with_name(f".{self.file.name}.part")
        partial.write_text(json.dumps(saved, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(partial, self.file)
        _KEPT[self.file] = (_stamp(self.file), (self.base, entries))


# Data files made by this process's last build, by site path: their key, reads and text (see Memo.kept).
_DATA: dict[str, tuple[str, dict[Token, str], object]] = {}
# What this process wrote to each memo file, with the file's size and time then.
_KEPT: dict[Path, tuple[tuple[int, int], tuple[str, dict[str, Entry]]]] = {}
_PENDING: list[Callable[[], None]] = []  # memo files to write (see `Memo.save`)


def data_files() -> dict[str, tuple[str, dict[Token, str], object]]:
    """The data files this process's last build made or kept (see Memo.kept), for `kept.py`."""
    return dict(_DATA)


def restore_data_files(saved: Mapping[str, tuple[str, dict[Token, str], object]]) -> None:
    """Take the data files an earlier process kept (kept.py), unless this one has its own; each is
    used only when its key and reads check out, as this process's own would be."""
    if not _DATA:
        _DATA.update(saved)


@atexit.register
def settled() -> None:
    """Write the memo files the builds left to write, in their order (the next build, the process's
    end or whoever announced the build calls this)."""
    while _PENDING:
        _PENDING.pop(0)()


def _stamp(file: Path) -> tuple[int, int]:
    found = file.stat()
    return found.st_size, found.st_mtime_ns


def _parse(saved: Any) -> tuple[str, dict[str, Entry]]:
    tokens = [(_token(token), digest) for token, digest in saved["tokens"]]
    entries = {}
    for path, (key, reads, addressed, text, draft, shell) in saved["pages"].items():
        entries[path] = Entry(
            key,
            dict(tokens[number] for number in reads),
            tuple(addressed),
            text,
            (str(draft[0]), int(draft[1]), int(draft[2])) if draft else None,
            tuple(shell) if shell else None,
        )
    return str(saved["base"]), entries


def _token(saved: list[Any]) -> Token:
    return tuple(tuple(part) if isinstance(part, list) else part for part in saved)
