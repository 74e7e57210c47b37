"""Audit: after MkDocs, prove that every record reached the built site before it replaces the old one.

Each meeting has its news post, each proposal its page and its row in the filter data, each region
and series its page, each attendee its line on the posts of the meetings they attended, and every
meeting, proposal and region its row in the open-data export. A record
that did not arrive stops the build with its file and line: nothing is dropped silently.
"""

from __future__ import annotations

import csv
import functools
import html as html_lib
import json
import os
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import place
from .catalog import Catalog
from .problems import MusrenbangError, Problem


class AuditFailed(MusrenbangError):
    """Some records did not reach the built site."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} catatan tidak sampai ke situs")
        self.problems = problems


@dataclass(frozen=True)
class Site:
    """The built site as the audit reads it: each file from the first of `roots` that has it (a
    rebuild in place, see place.py: its new files, then the last site's), but those in `gone`
    (files of the last site that the rebuild deletes)."""

    roots: tuple[Path, ...]
    gone: frozenset[str] = frozenset()

    @functools.cached_property
    def _first(self) -> frozenset[str]:
        """The files in the first root, when there are others (few: what a rebuild changed)."""
        return frozenset(place.files(self.roots[0]))

    def _where(self, relative: str) -> tuple[Path, ...]:
        """The roots that may hold the file (one look at the file system each)."""
        if relative in self.gone:
            return ()
        if len(self.roots) == 1 or relative in self._first:
            return self.roots[:1]
        return self.roots[1:]

    def find(self, relative: str) -> Path | None:
        """Where the file lies, if it is there."""
        for root in self._where(relative):
            path = root / relative
            if path.exists():
                return path
        return None

    def size(self, relative: str) -> int:
        """The file's size; -1 when it is not there."""
        for root in self._where(relative):
            try:
                return os.stat(f"{root}/{relative}").st_size
            except OSError:
                pass
        return -1

    def names(self, folder: str, suffix: str) -> list[str]:
        """The files directly in `folder` whose names end in `suffix`."""
        found = set()
        for root in self.roots:
            if (root / folder).is_dir():
                found |= {p.name for p in (root / folder).iterdir() if p.name.endswith(suffix)}
        return sorted(name for name in found if f"{folder}/{name}" not in self.gone)


def _page(site: Site, url: str) -> str:
    path = site.find(f"{url}/index.html")
    return path.read_text(encoding="utf-8") if path else ""


def _exists(site: Site, url: str) -> bool:
    """Whether the page at `url` was written (without reading it: a province has 100,000)."""
    return site.size(f"{url}/index.html") > 0


def _csv_ids(site: Site, name: str, key: str) -> set[str]:
    path = site.find(f"data/{name}.csv")
    if path is None:
        return set()
    with open(path, encoding="utf-8", newline="") as handle:
        return {row[key] for row in csv.DictReader(handle)}


# The news posts whose attendees this process (or, through kept.py, the last build) found on them:
# the page file (by inode, size and time, which a page linked unchanged into the next site keeps)
# and the names looked for.
_PASSED: set[tuple[object, ...]] = set()


def passed() -> frozenset[tuple[object, ...]]:
    """The news posts the last audit found complete (see `_PASSED`), for kept.py."""
    return frozenset(_PASSED)


def restore_passed(saved: Collection[tuple[object, ...]]) -> None:
    """Take the posts an earlier process found complete, unless this one has its own: each is known
    by its file's inode, size and time, so a post changed since is read again."""
    if not _PASSED:
        _PASSED.update(saved)


def audit(catalog: Catalog, site: Path, previous: Path | None = None, gone: Collection[str] = ()) -> None:
    """Check the site in `site`; for a rebuild in place, its files not there are read in `previous`
    (the last site) but for `gone` (see Site)."""
    roots = (site,) if previous is None else (site, previous)
    problems = list(_missing(catalog, Site(roots, frozenset(gone))))
    if problems:
        raise AuditFailed(problems)


def _missing(catalog: Catalog, site: Site) -> Iterator[Problem]:
    def lost(record: object, what: str) -> Problem:
        return record.asal.problem(  # type: ignore[attr-defined]
            "",
            f"catatan ini tidak sampai ke situs: {what}",
            "laporkan ke pengelola situs; ini galat pembangun",
        )

    passed: set[tuple[object, ...]] = set()
    for rapat in catalog.rapat:
        who = [catalog.peserta[hadir.peserta] for hadir in rapat.peserta]
        names = tuple(" ".join(w.jabatan.split()) for w in who)
        page = site.find(f"berita/{rapat.id}/index.html")
        known: tuple[object, ...] | None = None
        if page is not None:  # the same file (a rebuild keeps unchanged pages) and names: checked already
            found = page.stat()
            known = (found.st_ino, found.st_size, found.st_mtime_ns, names)
        if known in _PASSED:
            passed.add(known)
            continue
        html = _page(site, f"berita/{rapat.id}")
        if not html:
            yield lost(rapat, f"halaman berita/{rapat.id}/ tidak ada")
            continue
        text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())
        missing = [w for w, name in zip(who, names, strict=True) if name not in text]
        for w in missing:
            yield lost(w, f"tidak tercantum pada berita/{rapat.id}/")
        if not missing and known is not None:
            passed.add(known)
    _PASSED.clear()
    _PASSED.update(passed)
    for seri in catalog.seri.values():
        if not _exists(site, f"seri/{seri.id}"):
            yield lost(seri, f"halaman seri/{seri.id}/ tidak ada")
    for kode, region in catalog.regions.items():
        if not _exists(site, f"wilayah/{kode}"):
            yield lost(region.wilayah, f"halaman wilayah/{kode}/ tidak ada")
    rows: set[str] = set()
    for name in site.names("usulan/data", ".json"):
        shard = site.find(f"usulan/data/{name}")
        if name != "indeks.json" and shard is not None:
            rows.update(row[0] for row in json.loads(shard.read_text(encoding="utf-8"))["baris"])
    exported = {name: _csv_ids(site, name, key) for name, key in (("rapat", "id"), ("usulan", "id"))}
    exported["wilayah"] = _csv_ids(site, "wilayah", "kode")
    for rapat in catalog.rapat:
        if rapat.id not in exported["rapat"]:
            yield lost(rapat, "tidak ada dalam data terbuka (data/rapat.csv)")
    for kode, region in catalog.regions.items():
        if kode not in exported["wilayah"]:
            yield lost(region.wilayah, "tidak ada dalam data terbuka (data/wilayah.csv)")
    for usulan in catalog.usulan:
        if usulan.id not in exported["usulan"]:
            yield lost(usulan, "tidak ada dalam data terbuka (data/usulan.csv)")
        if not _exists(site, f"usulan/{usulan.id}"):
            yield lost(usulan, f"halaman usulan/{usulan.id}/ tidak ada")
        if usulan.id not in rows:
            yield lost(usulan, "tidak ada dalam data penyaring usulan (usulan/data/)")
