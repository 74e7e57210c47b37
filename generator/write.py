"""Write: put the rendered docs tree on disk, inside its folder and never one file twice.

The tree is updated in place: a file whose bytes are unchanged is left alone, a changed one is
replaced (a new file, never rewritten in place: the built site may share it, see engine.py), and a
file no longer generated is deleted. After one edit, a city's rebuild writes a handful of files
instead of thousands.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import cast

from . import frame
from .memo import Entry
from .problems import MusrenbangError
from .render import Output


class UnsafePath(MusrenbangError):
    """A generated path would leave the docs folder or collide with another one."""


def safe_join(root: Path, relative: str) -> Path:
    """`root / relative` for a plain relative path only: not absolute, without `..`, `.` or empty
    parts. Checked by its text: the docs folder holds no links (everything in it is written here), and
    resolving a city's 10,000 paths on the disk cost half a second a build."""
    if (
        posixpath.normpath(relative) != relative
        or relative.startswith("/")
        or relative == ".."
        or relative.startswith("../")
    ):
        raise UnsafePath(f"jalur keluar dari folder keluaran: {relative!r}")
    return root / relative


def _same(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def put(target: Path, data: bytes) -> None:
    """Write `data` to `target` unless it holds them already: a new file renamed into place, never the
    old one rewritten (the built site may share it)."""
    if _same(target, data):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    partial.write_bytes(data)
    os.replace(partial, target)


def _copy(source: Path, target: Path) -> None:
    """Copy `source` unless the last build already did: its copy carries the source's size and time."""
    try:
        a, b = source.stat(), target.stat()
        if a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns:
            return
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    shutil.copyfile(source, partial)
    shutil.copystat(source, partial)
    os.replace(partial, target)


def write(output: Output, docs: Path, also: Iterable[str] = ()) -> None:
    """Bring the docs tree up to date. `also` names pages made elsewhere (frame.py) that must not
    collide either; `output.written` names data files render put in the tree itself (`Putter`)."""
    seen: dict[str, str] = {}
    for relative in [*output.pages, *also, *output.files, *output.data, *output.images, *output.written]:
        folded = relative.casefold()
        if folded in seen:
            raise UnsafePath(f"dua berkas keluaran bertabrakan: {seen[folded]!r} dan {relative!r}")
        seen[folded] = relative
    docs.mkdir(parents=True, exist_ok=True)
    docs = docs.resolve()
    targets = {}
    for relative in [*output.pages, *output.data, *output.images, *output.files, *output.written]:
        targets[relative] = safe_join(docs, relative)
    for relative, text in [*output.pages.items(), *output.data.items()]:
        put(targets[relative], text.encode("utf-8"))
    for relative, image in output.images.items():
        put(targets[relative], image)
    for relative, source in output.files.items():
        _copy(source, targets[relative])
    wanted = {str(target) for target in targets.values()}
    for folder, _, files in os.walk(docs, topdown=False):  # files first, then their emptied folders
        for name in files:
            path = os.path.join(folder, name)
            if path not in wanted:
                os.unlink(path)
        if folder != str(docs) and not os.listdir(folder):
            os.rmdir(folder)


# What this process (or, through kept.py, the last build) last put at each path (`Putter` with
# `remember`): the digest of the bytes and the file's size, time and inode as they were then.
_PUT: dict[str, tuple[bytes, int, int, int]] = {}


def put_files() -> dict[str, tuple[bytes, int, int, int]]:
    """What this process put (see `_PUT`), for kept.py."""
    return dict(_PUT)


def restore_put_files(saved: Mapping[str, tuple[bytes, int, int, int]]) -> None:
    """Take what an earlier process put, unless this one has its own: a file changed since (size,
    time or inode) is compared again."""
    if not _PUT:
        _PUT.update(saved)


def _stat(path: Path) -> tuple[int, int, int]:
    found = path.stat()
    return found.st_size, found.st_mtime_ns, found.st_ino


class Putter:
    """Puts data files into the docs tree as render makes them, instead of keeping them all in memory
    until write (a province's record files are 330 MB of JSON); write keeps them. With `remember`
    (`musrenbang serve`), a file this process put with the same bytes and nobody touched since is
    known by its digest and time, not read again (a city has 4,400 record files)."""

    def __init__(self, docs: Path, remember: bool = False) -> None:
        docs.mkdir(parents=True, exist_ok=True)
        self.docs = docs.resolve()
        self.remember = remember

    def __call__(self, relative: str, text: str) -> None:
        target = safe_join(self.docs, relative)
        data = text.encode("utf-8")
        if not self.remember:
            put(target, data)
            return
        digest = hashlib.blake2b(data, digest_size=16).digest()
        key = os.fspath(target)
        known = _PUT.get(key)
        try:
            if known is not None and known == (digest, *_stat(target)):
                return
        except OSError:
            pass
        put(target, data)
        _PUT[key] = (digest, *_stat(target))


# A framed page's Markdown in the drafts file: the hash of its bytes, where they start, how many.
Draft = tuple[str, int, int]


class Drafts:
    """The Markdown of the framed pages, kept on disk from render to frame instead of in memory (a
    province has 145,000 of them), one after the other in one file. A file per page cost a city 6,000
    new files a build, and on the disk of a small virtual machine a new file costs half a millisecond.
    Remembers each page's shell key (frame.shell_key) and where its Markdown lies (`Draft`). The file
    is written from the start, or (`append`, see memo.Memo.appends) added to after the last build's
    pages: use as a context manager, and read it after."""

    def __init__(self, file: Path, append: bool = False):
        self.file = file.resolve()
        self.keys: dict[str, frame.ShellKey] = {}
        self.drafts: dict[str, Draft] = {}
        self.file.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.file.parent / "bingkai", ignore_errors=True)  # a file per page, before 2026-11
        # Appending (memo.Memo.appends): the last build's pages stay where they are, and a page the memo
        # gives is not written again, only pointed to.
        self._append = append
        self._out = self.file.open("ab" if append else "wb", buffering=2**20)  # many small writes
        self._end = self._out.tell()

    def put(self, path: str, text: str, known: Entry | None = None) -> None:
        """Add a page; `known` is the memo's entry of a page taken from the last build, whose shell key
        and hash are known already."""
        if posixpath.normpath(path) != path or path.startswith(("/", "../")) or not path.endswith(".md"):
            raise UnsafePath(f"jalur halaman tidak aman: {path!r}")
        if self._append and known is not None and known.draft is not None and known.shell is not None:
            self.keys[path] = cast(frame.ShellKey, known.shell)
            self.drafts[path] = known.draft  # where the last build put it, in this same file
            return
        data = text.encode("utf-8")
        if known is not None and known.draft is not None and known.shell is not None:
            self.keys[path] = cast(frame.ShellKey, known.shell)
            digest = known.draft[0]
        else:
            self.keys[path] = frame.shell_key(path, text)
            digest = hashlib.sha256(data).hexdigest()
        self.drafts[path] = (digest, self._end, len(data))
        self._out.write(data)
        self._end += len(data)

    def adopt(self, file: Path, keys: Mapping[str, frame.ShellKey], drafts: Mapping[str, Draft]) -> None:
        """Take over the pages of another drafts file (see parallel.py): its bytes are appended to
        this one's, and the file is deleted."""
        with file.open("rb") as other:
            shutil.copyfileobj(other, self._out, 2**20)
        for path, (digest, start, length) in drafts.items():
            self.drafts[path] = (digest, self._end + start, length)
        self.keys.update(keys)
        self._end += file.stat().st_size
        file.unlink()

    def __enter__(self) -> Drafts:
        return self

    def __exit__(self, *_: object) -> None:
        self._out.close()
