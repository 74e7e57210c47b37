"""Audit: after MkDocs, prove that every record reached the built site before it replaces the old one.

Each meeting has its news post, each proposal its page and its row in the filter data, each region
and series its page, each attendee its line on the posts of the meetings they attended, and every
meeting, proposal and region its row in the open-data export. A record
that did not arrive stops the build with its file and line: nothing is dropped silently.
"""

from __future__ import annotations

import csv
import html as html_lib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from .catalog import Catalog
from .problems import MusrenbangError, Problem


class AuditFailed(MusrenbangError):
    """Some records did not reach the built site."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} catatan tidak sampai ke situs")
        self.problems = problems


def _page(site: Path, url: str) -> str:
    path = site / url / "index.html"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _exists(site: Path, url: str) -> bool:
    """Whether the page at `url` was written (without reading it: a province has 100,000)."""
    try:
        return (site / url / "index.html").stat().st_size > 0
    except OSError:
        return False


def _csv_ids(site: Path, name: str, key: str) -> set[str]:
    path = site / "data" / f"{name}.csv"
    if not path.is_file():
        return set()
    with open(path, encoding="utf-8", newline="") as handle:
        return {row[key] for row in csv.DictReader(handle)}


# The news posts whose attendees this process found on them: the page file (by inode, size and
# time, which a page linked unchanged into the next site keeps) and the names looked for.
_PASSED: set[tuple[object, ...]] = set()


def audit(catalog: Catalog, site: Path) -> None:
    problems = list(_missing(catalog, site))
    if problems:
        raise AuditFailed(problems)


def _missing(catalog: Catalog, site: Path) -> Iterator[Problem]:
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
        try:  # the same file (a rebuild links unchanged pages) and the same names: checked already
            found = (site / "berita" / rapat.id / "index.html").stat()
            known: tuple[object, ...] | None = (found.st_ino, found.st_size, found.st_mtime_ns, names)
        except OSError:
            known = None
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
    for shard in sorted((site / "usulan" / "data").glob("*.json")):
        if shard.name != "indeks.json":
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
