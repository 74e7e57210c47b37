"""Place: put the new site where the last one was.

A build makes its site in a fresh folder beside the output folder. When the output folder holds the
site the last build left there, untouched since (`last`), the fresh folder holds only what changed:
MkDocs's few files, the framed pages made again, the data files that changed and the search bundles
made again. `update` moves those into the output folder, each file replacing its old version at
once, and deletes what the new site no longer has: after one edit, a city's rebuild moves a few
hundred files instead of linking 12,000 into a new tree and deleting the old one. Otherwise the fresh
folder holds the whole site and `swap` puts it in place of the old one.

`work/situs.json` says what the last build left: the output folder, MkDocs's part of the site
(`own_files`) and the search index's file (which every build replaces) by inode, size and time. It
is deleted before the output folder is touched and written once the site is whole, so a build that
stops half-way makes the next one build the whole site again.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from collections.abc import Collection, Iterable
from pathlib import Path

from .engine import DIRECT, link
from .index import FOLDER, SHARDS_FILE

STAMP = "situs.json"
VERSION = 1


def _mark(out: Path) -> list[int]:
    """The search index's list of shards, which every build writes anew: by inode, size and time."""
    found = (out / FOLDER / SHARDS_FILE).stat()
    return [found.st_ino, found.st_size, found.st_mtime_ns]


def last(out: Path, work: Path) -> list[str] | None:
    """MkDocs's part of the site the last build left in `out`, when `out` is still that site."""
    try:
        saved = json.loads((work / STAMP).read_text(encoding="utf-8"))
        if saved["version"] == VERSION and saved["site"] == os.fspath(out) and saved["mark"] == _mark(out):
            return [str(path) for path in saved["own"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def forget(work: Path) -> None:
    (work / STAMP).unlink(missing_ok=True)


def _remember(out: Path, work: Path, own: list[str]) -> None:
    saved = {"version": VERSION, "site": os.fspath(out), "mark": _mark(out), "own": own}
    (work / STAMP).write_text(json.dumps(saved, separators=(",", ":")), encoding="utf-8")


def files(folder: Path) -> list[str]:
    """Every file under `folder`, by its path there ("a/b.html"), sorted."""
    found = []
    for root, _, names in os.walk(folder):
        relative = os.path.relpath(root, folder).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found += [prefix + name for name in names]
    return sorted(found)


def own_files(site: Path, framed: Iterable[str]) -> list[str]:
    """The files of `site` that are not framed pages (`framed`: their addresses), called before the
    data files and the search bundles join them: MkDocs's part, which every build writes whole."""
    pages = {f"{url}index.html" for url in framed}
    return [path for path in files(site) if path not in pages]


def changed_direct(docs: Path, site: Path, previous: Path, own: Collection[str]) -> list[str]:
    """Link into `site` the data files of the docs tree (the folders MkDocs leaves alone, see
    engine.DIRECT) that `previous` (the last site) lacks or holds otherwise; the files `previous`
    holds there that are no longer made, but MkDocs's pages there (`own`, see own_files). A file is
    the same when it has the same inode: the last build linked it from the docs tree, and write.py
    replaces a changed file, never rewrites it. The inodes come with the folders' listings: no file
    is opened or examined."""
    gone: list[str] = []

    def compare(relative: str) -> None:
        try:
            source = {entry.name: entry for entry in os.scandir(docs / relative)}
        except FileNotFoundError:
            source = {}
        try:
            before = {entry.name: entry for entry in os.scandir(previous / relative)}
        except (FileNotFoundError, NotADirectoryError):
            before = {}
        for name, entry in sorted(source.items()):
            path = f"{relative}/{name}"
            if entry.is_dir(follow_symlinks=False):
                compare(path)
            elif not name.endswith(".md") and (name not in before or before[name].inode() != entry.inode()):
                (site / relative).mkdir(parents=True, exist_ok=True)
                link(entry.path, os.fspath(site / path))
        for name, entry in sorted(before.items()):
            path = f"{relative}/{name}"
            now = source.get(name)
            if entry.is_dir(follow_symlinks=False):
                if now is None:
                    compare(path)  # its files are gone, but MkDocs's
                elif not now.is_dir(follow_symlinks=False):
                    gone.append(path)  # a folder then, a file now
            elif path not in own and (now is None or now.is_dir(follow_symlinks=False)):
                gone.append(path)

    for folder in DIRECT:
        compare(folder)
    return gone


def _delete(out: Path, relative: str) -> None:
    """Delete a file or folder of the site, and the folders it leaves empty."""
    path = out / relative
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    folder = path.parent
    while folder != out:
        try:
            folder.rmdir()  # only when empty
        except OSError:
            break
        folder = folder.parent


def update(
    fresh: Path,
    out: Path,
    work: Path,
    own: list[str],
    before: list[str],
    gone: Iterable[str],
    shards: Collection[str],
) -> None:
    """Delete from `out`, the site of the last build, whose MkDocs part was `before`, the files in
    `gone` (framed pages and data files no longer made), MkDocs's files no longer made and the
    search bundles of shards no longer there (`shards`: this build's); then move what `fresh` holds
    into it. A search bundle is moved as a whole folder; every other file replaces its old version
    at once, so a reader of the preview meanwhile gets either page, never half of one."""
    forget(work)
    for relative in sorted({*gone, *(set(before) - set(own))}):
        _delete(out, relative)
    if (out / FOLDER).is_dir():
        for name in sorted(os.listdir(out / FOLDER)):
            if (out / FOLDER / name).is_dir() and name not in shards:
                _delete(out, f"{FOLDER}/{name}")
    bundles = fresh / FOLDER
    for name in sorted(os.listdir(bundles)) if bundles.is_dir() else []:
        if (bundles / name).is_dir():
            target = out / FOLDER / name
            if target.exists():
                aside = Path(tempfile.mkdtemp(prefix=f".{out.name}-lama-", dir=out.parent))
                os.replace(target, aside / name)
                os.replace(bundles / name, target)
                delete_later(aside)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(bundles / name, target)
    for root, _, names in os.walk(fresh):
        into = out / os.path.relpath(root, fresh)
        if names:
            into.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(os.path.join(root, name), into / name)
    _remember(out, work, own)


_DELETING: set[Path] = set()  # old sites this process is deleting meanwhile
_DELETERS: list[threading.Thread] = []


def swap(fresh: Path, out: Path, work: Path, own: list[str]) -> None:
    """Put the whole new site `fresh` in place of `out`: rename the old one aside, rename the new one
    in, and delete the old one in a thread of its own: the new site is in place by then, and deleting
    a city's 12,000 files took half a second."""
    forget(work)
    os.chmod(fresh, 0o755)
    if not out.exists():
        fresh.rename(out)
        _remember(out, work, own)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}-lama-", dir=out.parent))
    os.rmdir(old)  # a fresh name for the old site, which takes its place
    out.rename(old)
    fresh.rename(out)
    _remember(out, work, own)
    delete_later(old)


def delete_later(folder: Path) -> None:
    """Delete a folder no site needs any more (if it is there) in a thread of its own. (The thread is
    not a daemon: `musrenbang build` exits when it is done.)"""
    if not folder.exists():
        return
    _DELETING.add(folder)

    def delete() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        _DELETING.discard(folder)

    deleter = threading.Thread(target=delete, name="hapus-situs-lama")
    deleter.start()
    _DELETERS[:] = [t for t in _DELETERS if t.is_alive()] + [deleter]


def clear_leftovers(out: Path) -> None:
    """Delete the folders a build that was killed half-way left beside `out`."""
    for stale in [*out.parent.glob(f".{out.name}-baru-*"), *out.parent.glob(f".{out.name}-lama*")]:
        if stale not in _DELETING:
            shutil.rmtree(stale, ignore_errors=True)


def settled() -> None:
    """Wait until the old sites replaced by this process's builds are deleted."""
    while _DELETERS:
        _DELETERS.pop().join()
