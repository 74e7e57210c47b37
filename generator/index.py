"""Index: the Pagefind search index of the finished site, in one bundle per area (Indonesian stemming).

One bundle for a province's hundred thousand pages takes Pagefind 15 GiB and a quarter of an hour,
and makes every reader download the list of all of them before the first result. So pages are
indexed in *shards*: one per kecamatan (its kelurahan's proposals, its meetings, its region pages),
one per kab/kota for what sits above its kecamatan, and `umum` for the rest (home, statistics,
series, the province). The Cari page searches the shards of the area the reader chooses, merged in
the browser (Pagefind's `mergeIndex`); on a site of one kab/kota that is every shard.

Every merged shard costs the reader its page list and a chunk of its word index (about 35 KB for a
kecamatan of 2,000 pages), so a large kab/kota's twenty kecamatan cannot be searched at once within
300 KB. A kab/kota with `SUMMARY_FROM` searchable pages or more also gets a *summary* bundle
(`<kode>-ringkas`), searched when the reader asks for the whole kab/kota (or for every kab/kota):
its pages as they are, except that the proposals of one kelurahan and plan year are one document,
each proposal a section under its own heading (Pagefind's sub-results; the Cari page links them to
the proposals' pages). A regency's 30,000 proposals become 700 documents.

Five such summaries at once are still too much for a province, so a site of several kab/kota with
`EVERYTHING_FROM` pages below its provinces also gets the bundle `semua`, searched for every kab/kota at
once: one document per region, at its region page's address, headed by that page and holding a
section for each news post and proposal there, each only its title and one line (`Brief`). It
finds what titles, places, fields and statuses say; a kab/kota or kecamatan is searched in full.

Pagefind reads only each page's article, in a bare document: the menus and footers are not indexed
anyway, and parsing them was a third of its time. A rebuild indexes again only the shards whose
articles changed and links the others from the last site.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import regions
from .problems import BUG, EngineFailed

# Lists of proposals and of news repeat what the pages they list say; the search page and the
# 404 page say nothing. Pagefind indexes only pages whose article carries `data-pagefind-body`.
SEARCHABLE = '<article class="md-content__inner md-typeset" data-pagefind-body>'
PLAIN = '<article class="md-content__inner md-typeset">'
LISTS = ("usulan/daftar/", "berita/page/", "berita/archive/", "berita/category/")
UNSEARCHED = ("berita/index.md", "cari.md", "404.md")

FOLDER = "pagefind"  # in the site: one folder per shard
GENERAL = "umum"  # the shard of pages about no kab/kota; its bundle carries the search scripts
SHARDS_FILE = "bagian.json"  # in FOLDER: every shard and its number of pages, for the Cari page
# What a merged shard needs; the scripts, styles and language modules come from the `umum` bundle.
MERGED = re.compile(r"pagefind-entry\.json|.*\.pf_meta|index|fragment|filter")
OPTIONS = ["--force-language", "id", "--silent", "--exclude-selectors", ".headerlink, .md-source-file"]
VERSION = "3"  # change when the documents given to Pagefind change: no shard of earlier builds is reused
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
SUMMARY = "-ringkas"  # a kab/kota's summary bundle is named by its code and this
SUMMARY_FROM = 10_000  # searchable pages of a kab/kota from which it has a summary bundle
EVERYTHING = "semua"  # the bundle of every page below the provinces, one document per region
EVERYTHING_FROM = 20_000  # pages below the provinces from which it is made (cari.js: ALL_UP_TO)
AT_ONCE = 4_000  # pages Pagefind may index at once in processes side by side (see `run_pagefind`)
GROUPS = "usulan/kelompok/"  # where a summary's group documents sit (no page of the site is there)
# A proposal's section in its group: its page's article up to its photos or history (usulan.md.j2),
# without the example-data note every proposal repeats and without its headings' ids (sub-results
# are the proposals, not their parts).
SECTION_END = re.compile(r'\n<h2 id="(?:foto|riwayat)"')
NOTE = re.compile(r'<div class="admonition[^"]*">.*?</div>\n?', re.S)
HEADING_ID = re.compile(r'<h([1-6]) id="[^"]*"')
FIRST_HEADING = re.compile(r'<h1 id="[^"]*">(.*?)</h1>', re.S)


@dataclass(frozen=True)
class Group:
    """Where a proposal page goes in a summary bundle: with the proposals of its kelurahan (`wilayah`)
    and plan year, in one document titled `title`."""

    wilayah: str
    tahun: int
    title: str

    @property
    def address(self) -> str:
        return f"{GROUPS}{self.wilayah}/{self.tahun}/"


@dataclass(frozen=True)
class Brief:
    """What the `semua` bundle says of a page: in the document of its region (`wilayah`), a heading
    `title` and one line. A region's own page (`region`) heads that document instead, which then sits
    at its address."""

    wilayah: str
    title: str
    line: str
    region: bool = False


def searchable(path: str) -> bool:
    """Whether the page at docs path `path` belongs in the search index."""
    return not path.startswith(LISTS) and path not in UNSEARCHED


def _searchable_html(relative: str) -> bool:
    """Whether the built page at `relative` (a path in the site) may be searched: its docs page, in
    either of the forms MkDocs serves at that address, is `searchable`."""
    docs = "404.md" if relative == "404.html" else relative.removesuffix("index.html") + "index.md"
    return searchable(docs) and searchable(docs.replace("/index.md", ".md"))


def mark_searchable(site: Path) -> list[str]:
    """Mark the article of each page MkDocs built (and so of every shell) for the index; the pages,
    by path in the site."""
    found = []
    for page in site.rglob("*.html"):
        relative = page.relative_to(site).as_posix()
        found.append(relative)
        text = page.read_text(encoding="utf-8")
        if PLAIN in text and _searchable_html(relative):
            page.write_text(text.replace(PLAIN, SEARCHABLE, 1), encoding="utf-8")
    return sorted(found)


def shard(kode: str | None) -> str:
    """The shard of a page about region `kode`: its kecamatan, its kab/kota when it sits above the
    kecamatan, `umum` for a province or no region."""
    if not kode or regions.level(kode) < 2:
        return GENERAL
    return regions.up_to(kode, 3)


def document(page: str) -> str | None:
    """What Pagefind reads of a built page: its title and its marked article, in a bare document."""
    start = page.find(SEARCHABLE)
    end = page.rfind("</article>")
    if start < 0 or end < start:
        return None
    title = TITLE.search(page)
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>'
        f"{title.group(1) if title else ''}</title></head><body>{page[start:end]}</article></body></html>"
    )


@dataclass(frozen=True)
class Indexed:
    made: tuple[str, ...]  # shards Pagefind indexed in this build
    reused: tuple[str, ...]  # shards linked unchanged from the last build


@cache
def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind")
    except PackageNotFoundError:  # pragma: no cover - the CLI below then fails with a clear message
        return "?"


def _pages(
    site: Path,
    shards: Mapping[str, str],
    built: Iterable[str],
    framed: Iterable[str],
    elsewhere: Mapping[str, Path],
) -> dict[str, list[tuple[str, Path]]]:
    """The searchable pages of each shard (by address, from `shards`, else `umum`), in address order:
    of the pages MkDocs built (`built`, by path in the site; a shell frame.py removed is gone) and the
    pages frame.py made (`framed`, by address), without walking the site's 20,000 files; each read
    from the site, or where `elsewhere` says it lies (by address). Lists are left out by their
    address: no change to a list re-indexes its shard."""
    pages = [p for p in built if (site / p).is_file()] + [f"{url}index.html" for url in framed]
    found: dict[str, list[tuple[str, Path]]] = {}
    for relative in sorted(set(pages)):
        if relative.startswith(f"{FOLDER}/") or not _searchable_html(relative):
            continue
        url = relative.removesuffix("index.html")
        found.setdefault(shards.get(url, GENERAL), []).append((relative, elsewhere.get(url, site / relative)))
    return found


def _summaries(shards: Mapping[str, list[tuple[str, Path]]]) -> dict[str, list[tuple[str, Path]]]:
    """The summary bundle of each kab/kota whose shards (`shards`: pages by shard) hold `SUMMARY_FROM`
    pages or more: all of their pages, in address order."""
    by_kab_kota: dict[str, list[tuple[str, Path]]] = {}
    for name, pages in shards.items():
        if name != GENERAL:
            by_kab_kota.setdefault(regions.up_to(name, 2), []).extend(pages)
    large = {kode: pages for kode, pages in by_kab_kota.items() if len(pages) >= SUMMARY_FROM}
    return {f"{kode}{SUMMARY}": sorted(pages) for kode, pages in sorted(large.items())}


def _documents(pages: list[tuple[str, Path]]) -> Iterator[tuple[str, str]]:
    """The document of each searchable page, read one at a time (a province has 145,000)."""
    for relative, page in pages:
        text = document(page.read_text(encoding="utf-8"))
        if text is not None:
            yield relative, text


def _everything(
    bundles: Mapping[str, list[tuple[str, Path]]], briefs: Mapping[str, Brief]
) -> dict[str, list[tuple[str, Path]]]:
    """The `semua` bundle, on a site of several kab/kota (`bundles`: pages by shard) with
    `EVERYTHING_FROM` pages or more below its provinces: those pages that have a brief, in address
    order."""
    below = [page for name, pages in bundles.items() if name != GENERAL for page in pages]
    kab_kota = {regions.up_to(name, 2) for name in bundles if name != GENERAL}
    if len(kab_kota) < 2 or len(below) < EVERYTHING_FROM:
        return {}
    return {EVERYTHING: sorted(p for p in below if p[0].removesuffix("index.html") in briefs)}


def _brief_documents(pages: list[tuple[str, Path]], briefs: Mapping[str, Brief]) -> Iterator[tuple[str, str]]:
    """The documents of the `semua` bundle (see `Brief`), by region code: each region's page as its
    title and line, then each other page there as a section whose heading's id is the page's address
    (the Cari page links the sub-result there). A region whose page is not among `pages` leaves its
    pages a document each."""
    by_region: dict[str, list[tuple[str, Brief]]] = {}
    for relative, _ in pages:
        url = relative.removesuffix("index.html")
        by_region.setdefault(briefs[url].wilayah, []).append((url, briefs[url]))
    for _, entries in sorted(by_region.items()):
        heads = [(url, brief) for url, brief in entries if brief.region]
        sections = [
            f'<h2 id="{html.escape(url)}">{html.escape(brief.title)}</h2><p>{html.escape(brief.line)}</p>'
            for url, brief in entries
            if not brief.region
        ]
        if not heads:
            for url, brief in entries:
                yield f"{url}index.html", _bare(brief.title, f"<p>{html.escape(brief.line)}</p>")
            continue
        url, head = heads[0]
        yield f"{url}index.html", _bare(head.title, f"<p>{html.escape(head.line)}</p>{''.join(sections)}")


def _bare(title: str, body: str) -> str:
    """A document for Pagefind titled `title` (plain text) with `body` (HTML) under it."""
    title = html.escape(title)
    return (
        f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body>{SEARCHABLE}<h1>{title}</h1>{body}</article></body></html>"
    )


def _section(document: str, anchor: str) -> str:
    """A proposal's section in its group's document (`document`: its page's, see `document`): its
    title as a heading with the id `anchor`, then what its page says up to its photos or history."""
    start = document.find(SEARCHABLE) + len(SEARCHABLE)
    end = document.rfind("</article>")
    cut = SECTION_END.search(document, start, end)
    body = NOTE.sub("", document[start : cut.start() if cut else end])
    heading = FIRST_HEADING.search(body)
    title = heading.group(1) if heading else ""
    rest = HEADING_ID.sub(r"<h\1", body[heading.end() :] if heading else body)
    return f'<h2 id="{html.escape(anchor)}">{title}</h2>{rest}'


def _grouped_documents(
    pages: list[tuple[str, Path]], groups: Mapping[str, Group]
) -> Iterator[tuple[str, str]]:
    """The documents of a summary bundle: each page's (`_documents`), except the proposals', which
    are sections of their group's document (`groups`: by page address), in address order."""
    sections: dict[Group, list[str]] = {}
    for relative, text in _documents(pages):
        url = relative.removesuffix("index.html")
        group = groups.get(url)
        if group is None:
            yield relative, text
        else:
            sections.setdefault(group, []).append(_section(text, url.removeprefix("usulan/").strip("/")))
    for group, parts in sorted(sections.items(), key=lambda item: item[0].address):
        yield f"{group.address}index.html", _bare(group.title, "".join(parts))


def _digest(
    pages: list[tuple[str, Path]],
    framed: Mapping[str, Sequence[object]],
    groups: Mapping[str, Group] | None = None,
    briefs: Mapping[str, Brief] | None = None,
) -> str:
    """A bundle's fingerprint: its pages' addresses and what they are. A framed page (`framed`: its
    manifest entry by address, see frame.render_pages) is known by what it is made of and its file's
    size and modification time, which stay as they were when frame.py linked it unchanged from the
    last build, so the pages are not read; any other page (the few MkDocs writes anew every build) by
    its document. A summary bundle's (`groups`, see `_grouped_documents`) is known by its pages'
    groups too; the `semua` bundle's (`briefs`) by its pages' briefs alone."""
    hashed = hashlib.sha256(f"{VERSION}\0{_pagefind_version()}\0{OPTIONS}".encode())
    for relative, page in pages:
        url = relative.removesuffix("index.html")
        if briefs is not None:
            hashed.update(f"{relative}\0{briefs[url]}\0".encode())
            continue
        if groups is not None:
            hashed.update(f"{groups.get(url)}\0".encode())
        entry = framed.get(url)
        if entry is not None:
            hashed.update(f"{relative}\0{entry}\0".encode())
        else:
            text = document(page.read_text(encoding="utf-8"))
            hashed.update(f"{relative}\0{text}\0".encode())
    return hashed.hexdigest()


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _link_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, copy_function=os.link)


MEMORY = Path("/dev/shm")  # a file system in memory, on Linux


def _scratch(work: Path) -> tempfile.TemporaryDirectory[str]:
    """A folder for the documents Pagefind reads, deleted after: in memory where the system has one,
    since a document is written, read once and deleted, and a new file on the disk of a small
    virtual machine costs half a millisecond (a city has 6,000 documents, a province 145,000)."""
    # A container's /dev/shm may hold only 64 MB; two province shards' documents take about 100 MB.
    if MEMORY.is_dir() and os.access(MEMORY, os.W_OK) and shutil.disk_usage(MEMORY).free > 2**30:
        return tempfile.TemporaryDirectory(prefix="musrenbang-cari-", dir=MEMORY)
    work.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix="cari-", dir=work)


@cache
def _command() -> tuple[str, ...]:
    """How to start Pagefind: its binary itself, without a Python process in front (a province
    indexes 80 shards), else through its Python package."""
    from pagefind.service import get_executable

    found = get_executable()
    return (str(found),) if found else (sys.executable, "-m", "pagefind")


@dataclass
class _Running:
    """One shard being indexed: its name, its documents' folder, the Pagefind process (None: no
    documents) and the number of documents."""

    name: str
    source: Path
    process: subprocess.Popen[bytes] | None
    count: int


def _start(name: str, documents: Iterable[tuple[str, str]], site: Path, work: Path) -> _Running:
    """Write one bundle's `documents` (path, text) under `work` and start Pagefind on them (see
    `_finish`)."""
    source = work / name
    shutil.rmtree(source, ignore_errors=True)
    count = 0
    for relative, text in documents:
        path = source / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        count += 1
    if not count:
        return _Running(name, source, None, 0)
    bundle = site / FOLDER / name
    with (work / f"{name}.log").open("w", encoding="utf-8") as log:  # not a pipe: nobody reads it meanwhile
        process = subprocess.Popen(
            [*_command(), "--site", str(source), "--output-path", str(bundle), *OPTIONS],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return _Running(name, source, process, count)


def _finish(running: _Running, site: Path) -> int:
    """Wait for one shard's Pagefind; how many pages it indexed (none: no bundle)."""
    if running.process is None:
        return 0
    running.process.wait()
    shutil.rmtree(running.source, ignore_errors=True)
    log = running.source.with_name(f"{running.name}.log")
    output = log.read_text(encoding="utf-8", errors="replace")
    log.unlink()
    bundle = site / FOLDER / running.name
    if running.process.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
        raise EngineFailed("Pagefind gagal membuat indeks pencarian:\n" + output.strip())
    if running.name != GENERAL:
        for item in bundle.iterdir():
            if not MERGED.fullmatch(item.name):
                shutil.rmtree(item) if item.is_dir() else item.unlink()
    return running.count


def run_pagefind(
    site: Path,
    shards: Mapping[str, str],
    work: Path,
    previous: Path | None = None,
    framed: Mapping[str, Sequence[object]] | None = None,
    built: Iterable[str] = (),
    meanwhile: Callable[[], object] = lambda: None,
    elsewhere: Mapping[str, Path] | None = None,
    in_place: bool = False,
    groups: Mapping[str, Group] | None = None,
    briefs: Mapping[str, Brief] | None = None,
) -> Indexed:
    """Index every searchable page of `site` by shard (`shards`: page address → shard). A shard whose
    pages are those of the last build (`work/cari.json` says what they were; `framed` gives the
    manifest entry of each page frame.py wrote or linked, by address, see `_digest`) is linked from
    the `previous` site instead of indexed again. The pages are those MkDocs built (`built`, as
    `mark_searchable` found them) and the framed ones; a page not in the site yet is read where
    `elsewhere` says it lies (by address). `meanwhile` is called while Pagefind runs. `in_place`: the
    site will be moved into the previous one (place.py), where the unchanged shards stay: not linked.
    A kab/kota of `SUMMARY_FROM` pages or more also gets a summary bundle, its proposals grouped as
    `groups` says (by page address), and a large site of several kab/kota the `semua` bundle of the
    pages' `briefs` (by page address)."""
    manifest_path = work / "cari.json"
    try:
        last = json.loads(manifest_path.read_text(encoding="utf-8")) if previous else {}
    except (OSError, ValueError):
        last = {}
    manifest: dict[str, list[str | int]] = {}
    todo: dict[str, list[tuple[str, Path]]] = {}
    reused = []
    counts: dict[str, int] = {}
    fingerprints = {}
    framed = framed or {}
    bundles = _pages(site, shards, built, framed, elsewhere or {})
    summaries = _summaries(bundles) if groups else {}
    everything = _everything(bundles, briefs) if briefs else {}
    alone = {*summaries, *everything}  # indexed last, one at a time
    bundles |= summaries | everything
    for name, pages in sorted(bundles.items()):
        fingerprint = fingerprints[name] = _digest(
            pages, framed, groups if name in summaries else None, briefs if name in everything else None
        )
        old = last.get(name)
        bundle = previous / FOLDER / name if previous else None
        entry = _file_digest(bundle / "pagefind-entry.json") if bundle else ""
        if bundle and isinstance(old, list) and len(old) == 3 and old[:2] == [fingerprint, entry]:
            if not in_place:
                _link_tree(bundle, site / FOLDER / name)
            manifest[name] = old
            counts[name] = int(old[2])
            reused.append(name)
        else:
            todo[name] = pages
    # A few Pagefind processes at a time, each started as soon as its documents are written, while
    # their pages together are at most `AT_ONCE` (Pagefind's memory grows with its pages: a province's
    # kecamatan of 3,700 took up to 1 GiB, and two of them beside the generator's 2 GiB reached the
    # 4 GiB the province may use); `meanwhile` runs once the first are started, so that it does not
    # hold up the writing of their documents. Summaries and `semua` come last, one at a time and
    # alone: a regency's summary takes 1.2 GiB.
    workers = max(1, min(os.cpu_count() or 1, 8))
    waiting = sorted(todo, key=lambda name: (name in alone, name))
    running, made = list[_Running](), dict[str, int]()

    def documents(name: str) -> Iterable[tuple[str, str]]:
        if name in everything:
            return _brief_documents(todo[name], briefs or {})
        if name in summaries:
            return _grouped_documents(todo[name], groups or {})
        return _documents(todo[name])

    def fits(name: str) -> bool:
        pages = len(todo[name]) + sum(len(todo[r.name]) for r in running)
        return len(running) < workers and pages <= AT_ONCE and name not in alone

    def start_next() -> None:
        while waiting and (not running or (fits(waiting[0]) and running[-1].name not in alone)):
            name = waiting.pop(0)
            running.append(_start(name, documents(name), site, Path(scratch)))

    with _scratch(work) as scratch:
        try:
            start_next()
            meanwhile()
            while running:
                done = running.pop(0)
                made[done.name] = _finish(done, site)
                start_next()
        finally:
            for left in running:  # a failure: stop the others
                if left.process is not None:
                    left.process.kill()
                    left.process.wait()
    for name in sorted(todo):
        if made[name]:  # the pages searched (a summary's documents are fewer)
            counts[name] = count = len(todo[name]) if name in alone else made[name]
            entry = _file_digest(site / FOLDER / name / "pagefind-entry.json")
            manifest[name] = [fingerprints[name], entry, count]
    if GENERAL not in counts:
        raise EngineFailed(f"tidak ada halaman umum untuk indeks pencarian (beranda hilang?){BUG}")
    counts = dict(sorted(counts.items()))
    (site / FOLDER).mkdir(parents=True, exist_ok=True)
    (site / FOLDER / SHARDS_FILE).write_text(json.dumps(counts, separators=(",", ":")), encoding="utf-8")
    work.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    return Indexed(tuple(name for name in sorted(todo) if name in counts), tuple(reused))
