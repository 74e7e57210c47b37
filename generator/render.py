"""Render: turn the catalog into the generated docs tree, as text in memory.

Templates live in `site_templates/` and produce Markdown for MkDocs. The environment escapes every
printed value for Markdown unless it is already `Md` (see `escape.py`), and StrictUndefined turns a
misspelt name into an error instead of an empty string.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import yaml

from . import (
    cards,
    changes,
    charts,
    escape,
    feeds,
    formats,
    frame,
    guide,
    ical,
    index,
    memo,
    news,
    opendata,
    photos,
    prints,
    regions,
    schema,
    vocab,
)
from .catalog import Catalog
from .engine import BASE_CONFIG
from .lists import DECISIONS_SHOWN, PER_PAGE, Heading, facet_lists, filter_data, list_path
from .model import Foto, Rapat, Usulan
from .news import post_path
from .stats import accommodated, status

TEMPLATES = Path(__file__).resolve().parent.parent / "site_templates"
# The share of the pages one process renders, (start, stop, n): every page whose place in
# `Pages.makers` modulo n is in range(start, stop) (see parallel.py).
Part = tuple[int, int, int]
WHOLE = (0, 1, 1)
# Takes a framed page's docs path and Markdown, and what the memo knows of it (see write.Drafts).
Framed = Callable[[str, str, "memo.Entry | None"], None]
CardFile = Callable[[str, Sequence[str], str, Path], Path]  # title, details, site name, cache
ROW_START = '<tr>\n<td><a href="'  # how a proposal's table row begins, up to its link's address


@dataclass(frozen=True)
class Output:
    """The generated docs tree: Markdown pages by path, generated data files by path (JSON for the
    proposal filter), and files to copy (target → source)."""

    pages: dict[str, str]
    files: dict[str, Path]
    data: dict[str, str] = field(default_factory=dict)
    images: dict[str, bytes] = field(default_factory=dict)  # generated share cards
    shards: dict[str, str] = field(default_factory=dict)  # page address → search shard, if not `umum`
    groups: dict[str, index.Group] = field(default_factory=dict)  # proposal page address → its group
    briefs: dict[str, index.Brief] = field(default_factory=dict)  # page address → its `semua` entry
    addressed: frozenset[str] = frozenset()  # docs paths of pages linked from raw HTML
    made: dict[str, memo.Entry] = field(default_factory=dict)  # this build's memo entries (memo.py)
    written: frozenset[str] = frozenset()  # data files put in the docs tree during render (write.Putter)
    remembered: int = 0  # pages the memo gave instead of rendering
    rendered: int = 0  # pages rendered


def _finalize(value: object) -> object:
    if value is None:
        raise TypeError("a template printed None: guard optional fields with {% if %}")
    return value if isinstance(value, escape.Md) else escape.md_inline(value)


def _compiled_templates() -> jinja2.BytecodeCache | None:
    """Where compiled templates are kept between processes (a tenth of a second of every `musrenbang
    build`): the user's temporary folder, by template text and this generator's code; none where that
    folder cannot be made safely."""
    try:
        return jinja2.FileSystemBytecodeCache(pattern=f"musrenbang-{memo.code_digest()[:20]}-%s.cache")
    except (OSError, RuntimeError):
        return None


@functools.cache  # one per process: `musrenbang serve` compiles the templates once (Jinja reloads
def environment() -> jinja2.Environment:  # a template whose file changed)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "pages"),
        bytecode_cache=_compiled_templates(),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        paragraphs=escape.md_paragraphs,
        prose=escape.md_prose,
        html=escape.html_text,
        html_paragraphs=escape.html_paragraphs,
        attr=escape.attribute,
        safe_md=escape.Md,
        fm=escape.front_matter,
        url=escape.url,
        tanggal_panjang=formats.tanggal_panjang,
        tanggal=formats.tanggal,
        tanggal_singkat=formats.tanggal_singkat,
        rupiah=formats.rupiah,
        rupiah_ringkas=formats.rupiah_ringkas,
        angka=formats.angka,
        iso=lambda d: escape.Md(d.isoformat()),
    )
    env.globals.update(vocab=vocab)
    return env


def _bars(rows: list[object], amount: bool = False) -> list[charts.Bar]:
    return [charts.Bar(r.label, r.rupiah if amount else r.jumlah) for r in rows]  # type: ignore[attr-defined]


def site_config() -> dict[str, Any]:
    """The base mkdocs.yml, for the values pages need (site name, data licence)."""
    return yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8")) or {}


def data_license() -> dict[str, str]:
    """The open-data licence: `extra.lisensi_data` of mkdocs.yml, or CC BY 4.0."""
    chosen = (site_config().get("extra") or {}).get("lisensi_data")
    return {k: str(v) for k, v in chosen.items()} if isinstance(chosen, dict) else dict(opendata.LICENSE)


def history_url() -> str | None:
    """`extra.riwayat_url` of mkdocs.yml: the web address of a record file's history, with `{path}`."""
    chosen = (site_config().get("extra") or {}).get("riwayat_url")
    return str(chosen) if chosen else None


def card_path(kind: str, key: str) -> str:
    return f"kartu/{kind}/{key}.png"


def seri_path(seri_id: str) -> str:
    return f"seri/{seri_id}.md"


def usulan_path(usulan: Usulan) -> str:
    return f"usulan/{usulan.id}.md"


def wilayah_path(kode: str) -> str:
    return f"wilayah/{kode}.md"


def statistik_path(tahun: int | None) -> str:
    return f"statistik/{tahun}.md" if tahun else "statistik/index.md"


def document_path(berkas: str) -> str:
    return f"unduhan/{PurePosixPath(berkas).as_posix()}"


def relpath(target: str, base: str) -> str:
    """`posixpath.relpath` for the plain relative paths of the docs tree, without its two `abspath`
    calls: a city site makes over 100,000 links. Anything else goes to `posixpath.relpath`."""
    if not target or target.startswith("/") or base.startswith("/") or ".." in target or ".." in base:
        return posixpath.relpath(target, base)
    to = [part for part in target.split("/") if part and part != "."]
    start = [part for part in base.split("/") if part and part != "."]
    common = 0
    for a, b in zip(to, start, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


class Pages:
    """Renders each page type; `link` makes a relative Markdown link MkDocs can check."""

    def __init__(
        self,
        catalog: Catalog,
        content: Path,
        data_date: dt.date | None = None,
        site_url: str | None = None,
        processed: Mapping[str, photos.Processed] | None = None,
        photo_dir: Path | None = None,
        history: changes.History = changes.NONE,
        card_cache: Path | None = None,
        card_file: CardFile = cards.card_file,
        remembered: memo.Memo | None = None,
    ):
        self.history = history
        self.card_cache = card_cache
        self.card_file = card_file
        self.processed = processed or {}
        self.photo_dir = photo_dir
        self.catalog = catalog
        self.content = content
        self.data_date = data_date
        self.site_url = site_url
        self.license = data_license()
        self.env = environment()
        self.feed_scopes = frozenset(scope for scope, _, _ in feeds.scopes(catalog))  # once, not per page
        # proposal id → its table row after the link's address, and the reads that made it
        self.rows: dict[str, tuple[str, dict[memo.Token, str] | None]] = {}
        self.addressed: set[str] = set()  # pages linked from raw HTML, checked when all are rendered
        # The memo (memo.py): the last build's pages, reused where their reads give the same answers;
        # `seen` is the catalog as pages see it, noting each read, and `made` this build's entries.
        self.memo = remembered
        self.fingerprints = memo.Fingerprints()
        self.trace = memo.Trace(self.fingerprints)
        self.seen: Catalog = memo.Traced(catalog, self.trace) if remembered else catalog  # type: ignore[assignment]
        self.made: dict[str, memo.Entry] = {}
        self.hit: memo.Entry | None = None  # the entry the last page came from, if it was reused
        self.remembered = 0  # pages the memo gave
        self.renders = 0  # pages rendered

    def render(self, template: str, path: str, **context: object) -> str:
        """Render one page at docs path `path`, served where MkDocs serves that path: the last
        build's, when the memo knows that it would come out the same."""
        if self.memo is None:
            return self._render(template, path, context, self.addressed)
        try:
            key = self.fingerprints.of((template, path, self.feed_scopes, context))
        except memo.Opaque:
            key = None
        if key is not None:
            entry = self.memo.reuse(path, key, self.answer)
            if entry and entry.draft and self.memo.appending:
                text: str | None = ""  # stays in the drafts file, where the entry points (memo.appends)
            else:
                text = self.memo.text(entry) if entry else None
            if entry and text is not None:
                self.addressed.update(entry.addressed)
                self.made[path] = self.hit = entry
                self.remembered += 1
                return text
        self.hit = None
        self.trace.reads, self.trace.opaque = {}, key is None
        linked: set[str] = set()
        try:
            text = self._render(template, path, context, linked)
            if key is not None and not self.trace.opaque:
                self.made[path] = memo.Entry(key, self.trace.reads, tuple(sorted(linked)))
        finally:
            self.trace.reads = None
        self.addressed |= linked
        return text

    def answer(self, token: memo.Token) -> str:
        """The fingerprint of what a read the memo noted gives in this build."""
        extra: dict[str, Callable[..., object]] = {"photo": self.processed.get, "history": self.history.of}
        return self.fingerprints.of(memo.replay(self.catalog, extra, token))

    def _render(self, template: str, path: str, context: dict[str, object], linked: set[str]) -> str:
        self.renders += 1
        page_url = frame.url_of(path).rstrip("/") or "."
        folder = posixpath.dirname(path) or "."

        def address(target: str) -> escape.Md:
            """The address of page `target` (a docs path) relative to this page's, for raw HTML,
            where neither MkDocs nor frame.py rewrites links (the build checks `addressed`)."""
            linked.add(target)
            return escape.Md(escape.url(relpath(frame.url_of(target).rstrip("/") or ".", page_url) + "/"))

        def link(target: str) -> escape.Md:
            """A relative link. MkDocs rewrites links to .md files itself; any other target is
            relative to the page's address (`wilayah/18.72.md` is served as `wilayah/18.72/`)."""
            if target.endswith(".md") and frame.framed(target):  # made outside MkDocs: link its address
                return address(target)
            relative = relpath(target, folder if target.endswith(".md") else page_url)
            return escape.Md(escape.url(relative + ("/" if target.endswith("/") else "")))

        def usulan_rows(items: Iterable[Usulan]) -> escape.Md:
            """The rows of a proposal table, each linking its proposal's page from this page."""
            folder = address("usulan/index.md")  # `usulan/<id>/` is this plus the id
            prefix = "" if folder == "./" else folder
            rows = "".join(
                ROW_START + escape.html_text(prefix + escape.url(u.id) + "/") + self.row(u) for u in items
            )
            return escape.Md(rows.removesuffix("\n"))  # the template's line ends the last row

        return self.env.get_template(template).render(
            catalog=self.seen,
            link=link,
            address=address,
            usulan_rows=usulan_rows,
            post_path=post_path,
            seri_path=seri_path,
            usulan_path=usulan_path,
            wilayah_path=wilayah_path,
            statistik_path=statistik_path,
            card_path=card_path,
            with_photos=self.with_photos,
            list_path=list_path,
            decisions_shown=DECISIONS_SHOWN,
            status=status,
            accommodated=accommodated,
            charts=charts,
            bars=_bars,
            category_path=news.category_path,
            categories=lambda rapat: news.categories(self.seen, rapat),
            ringkas=self.ringkas,
            pager=news.pager,
            feed_scopes=self.feed_scopes,
            cetak=lambda page_url: prints.print_block(
                self.site_url.rstrip("/") + "/" + page_url if self.site_url else None, self.data_date
            ),
            json_ld=lambda rapat: escape.json_script(opendata.json_ld(self.seen, rapat)),
            document_path=document_path,
            waktu=self.waktu,
            diubah=self.diubah,
            **context,
        )

    def with_photos(self, fotos: Iterable[Foto]) -> list[tuple[Foto, photos.Processed]]:
        found = [(f, self.processed[f.berkas]) for f in fotos]
        for f, done in found:
            self.trace.note(("photo", f.berkas), done)
        return found

    def diubah(self, record: Rapat | Usulan) -> changes.Change | None:
        """The last change to a record's file."""
        file = record.asal.file if record.asal else None
        found = self.history.of(file)
        self.trace.note(("history", file), found)
        return found

    def row(self, usulan: Usulan) -> str:
        """A proposal's table row after its link's address (see _usulan_row.md.j2)."""
        found = self.rows.get(usulan.id)
        if found is None:
            outer = self.trace.reads, self.trace.opaque
            self.trace.reads, self.trace.opaque = ({} if outer[0] is not None else None), False
            try:
                row = self.env.get_template("_usulan_row.md.j2").render(
                    u=usulan, href=escape.Md(""), catalog=self.seen, status=status
                )
                reads = None if self.trace.opaque else self.trace.reads
            finally:
                self.trace.reads, self.trace.opaque = outer
            if not row.startswith(ROW_START):
                raise ValueError(f"_usulan_row.md.j2 must begin with {ROW_START!r}")
            found = self.rows[usulan.id] = (row[len(ROW_START) :], reads)
        self.trace.merge(found[1])  # every page that shows the row read what the row read
        return found[0]

    def record_page(self, record: Rapat | Usulan) -> tuple[str, str]:
        """The docs path and Markdown of a meeting's news post or a proposal's tracking page."""
        path, make = self.record_maker(record)
        return path, make()

    def record_maker(self, record: Rapat | Usulan) -> tuple[str, Callable[[], str]]:
        if isinstance(record, Rapat):
            return post_path(record), partial(self.render, "post.md.j2", post_path(record), rapat=record)
        return usulan_path(record), partial(self.render, "usulan.md.j2", usulan_path(record), u=record)

    def ringkas(self, rapat: Rapat) -> str:
        """A post's first sentence, which its listings show too: the meeting, when and where."""
        where = f", di {rapat.tempat}" if rapat.tempat else ""
        return (
            f"{self.seen.nama_rapat(rapat)} untuk rencana pembangunan tahun {rapat.tahun_rencana}: "
            f"{formats.tanggal_panjang(rapat.tanggal)}, {self.waktu(rapat)}{where}."
        )

    def waktu(self, rapat: Rapat) -> str:
        return formats.waktu(rapat.mulai, rapat.selesai, self.seen.zona(rapat), rapat.keterangan_waktu)

    def makers(self) -> Iterator[tuple[str, Callable[[], str]]]:
        """Every generated page: its docs path and how to render it, always in the same order."""
        catalog, render = self.catalog, self.render
        for rapat in catalog.rapat:
            yield self.record_maker(rapat)
        for seri in catalog.seri.values():
            path = seri_path(seri.id)
            yield path, partial(render, "seri.md.j2", path, seri=seri, jadwal=catalog.in_seri(seri.id))
        yield "seri/index.md", partial(render, "seri_index.md.j2", "seri/index.md")
        for usulan in catalog.usulan:
            yield self.record_maker(usulan)
        lists = facet_lists(catalog)
        summaries = tuple(Heading.of(facet) for facet in lists)  # a page reads these, not the items
        for facet, summary in zip(lists, summaries, strict=True):
            for number, chunk in enumerate(facet.pages(), start=1):
                path = list_path(facet.key, number)
                yield (
                    path,
                    partial(
                        render,
                        "daftar.md.j2",
                        path,
                        facet=summary,
                        items=chunk,
                        number=number,
                        page_path=partial(list_path, facet.key),
                    ),
                )
        yield "usulan/index.md", partial(render, "usulan_index.md.j2", "usulan/index.md", lists=summaries)
        for kode in catalog.regions:
            path = wilayah_path(kode)
            yield path, partial(render, "wilayah.md.j2", path, region=catalog.region(kode))
        yield "wilayah/index.md", partial(render, "wilayah_index.md.j2", "wilayah/index.md")
        years = sorted({u.tahun_rencana for u in catalog.usulan}, reverse=True)
        for tahun in (None, *years):
            path = statistik_path(tahun)
            yield path, partial(render, "statistik.md.j2", path, tahun=tahun, years=years)
        views = news.views(catalog)
        headings = tuple(news.Heading.of(view) for view in views)
        for view, heading in zip(views, headings, strict=True):
            for number, posts in enumerate(view.pages(), start=1):
                path = view.path(number)
                others = headings if not view.key and number == 1 else ()  # the index's first page lists them
                context = {"view": heading, "views": others, "items": posts, "number": number}
                yield path, partial(render, "berita.md.j2", path, page_path=heading.path, **context)
        yield "index.md", partial(render, "home.md.j2", "index.md")
        yield "cari.md", partial(render, "cari.md.j2", "cari.md", scopes=self.search_scopes())
        yield (
            "data/index.md",
            partial(
                render,
                "data.md.j2",
                "data/index.md",
                tables=opendata.tables(),
                data_date=self.data_date,
                license=self.license,
            ),
        )
        yield (
            "panduan/index.md",
            partial(
                render, "panduan.md.j2", "panduan/index.md", guide=guide.kinds(), commands=guide.commands()
            ),
        )

    def rendered(self, part: Part = WHOLE, framed: Framed | None = None) -> dict[str, str]:
        """The pages of `part` (see Part), rendered; with `framed`, each page that frame.py makes is
        handed to it as soon as it is rendered, and not kept."""
        pages = {}
        for place, (path, make) in enumerate(self.makers()):
            if not part[0] <= place % part[2] < part[1]:
                continue
            text = make()
            if framed is not None and frame.framed(path):
                framed(path, text, self.hit)
            else:
                pages[path] = text
        return pages

    def search_scopes(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """What the Cari page lets a reader search (see index.py's shards): each kab/kota, by code and
        name, with its kecamatan."""
        found: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
            kode: (kode, r.label, []) for kode, r in self.catalog.regions.items() if regions.level(kode) == 2
        }
        for kode, region in self.catalog.regions.items():
            if regions.level(kode) == 3 and regions.up_to(kode, 2) in found:
                found[regions.up_to(kode, 2)][2].append((kode, region.label))
        return [(kode, label, sorted(kecamatan)) for kode, label, kecamatan in sorted(found.values())]

    def output(
        self, framed: Framed | None = None, part: Part = WHOLE, put: Callable[[str, str], None] | None = None
    ) -> Output:
        """Every page of `part` (see Part), and every data file, share card and copied file. With
        `framed`, each page that frame.py makes is handed to it as soon as it is rendered."""
        files: dict[str, Path] = {}
        for rapat in self.catalog.rapat:
            for doc in rapat.dokumen:
                if doc.berkas:
                    files[document_path(doc.berkas)] = self.content / doc.berkas
        for done in self.processed.values():
            for rendition in done.renditions:
                for name in (rendition.webp, rendition.jpeg):
                    files[f"foto/{name}"] = (self.photo_dir or Path()) / name
        for asset in sorted((TEMPLATES / "assets").rglob("*")):
            if asset.is_file():
                files[f"assets/{asset.relative_to(TEMPLATES / 'assets').as_posix()}"] = asset
        images = {}
        for target, card in self.cards().items():
            if isinstance(card, Path):
                files[target] = card
            else:
                images[target] = card
        data = filter_data(self.catalog)
        data.update(opendata.package(self.catalog, self.data_date, self.license, self.memo is not None))
        written = set()
        for path, text in self.record_files():
            if put is None:
                data[path] = text
            else:  # on disk at once, not kept (see write.Putter)
                put(path, text)
                written.add(path)
        for scope, args in feeds.parts(self.catalog, self.site_url):
            data.update(self.kept(f"feed/{scope}/", feeds.scope_feeds, *args))
        for path, args in ical.parts(self.catalog, self.site_url, self.data_date or dt.date.min):
            data[path] = self.kept(path, ical.calendar, *args)
        if self.memo is not None:
            self.memo.keep()  # the data files made or kept in this build, for the next
        data.update(schema.site_files())  # the editors' JSON Schemas, for other tools to fetch
        data["robots.txt"] = "User-agent: *\nAllow: /\n" + (
            f"Sitemap: {self.site_url.rstrip('/')}/sitemap.xml\n" if self.site_url else ""
        )
        pages = self.rendered(part, framed)
        shards = self.shards()
        pages["tentang.md"] = (TEMPLATES / "pages" / "tentang.md").read_text(encoding="utf-8")
        return Output(
            dict(sorted(pages.items())),
            dict(sorted(files.items())),
            dict(sorted(data.items())),
            dict(sorted(images.items())),
            shards,
            self.groups(),
            self.briefs(shards),
            frozenset(self.addressed),
            self.made,
            frozenset(written),
            self.remembered,
            self.renders,
        )

    def record_files(self) -> Iterator[tuple[str, str]]:
        """Each record's JSON file (opendata.py), one at a time; with the memo, those whose record and
        reads are unchanged as this process's last build made them."""
        for path, function, record in opendata.record_makers(self.catalog):
            if self.memo is None:
                yield path, function(self.catalog, record)
            else:
                key = self.memo.base + self.fingerprints.of(record)
                yield (
                    path,
                    self.memo.kept(path, key, partial(function, self.seen, record), self.trace, self.answer),
                )

    def kept(self, name: str, function: Callable[..., memo.T], *args: object) -> memo.T:
        """`function(catalog, *args)`: a data file (or files) by the name `name` (a feed scope's, a
        calendar); with the memo, as this process's last build made it when nothing it read changed."""
        if self.memo is None:
            return function(self.catalog, *args)
        key = self.memo.base + self.fingerprints.of((name, args))
        return self.memo.kept(name, key, partial(function, self.seen, *args), self.trace, self.answer)

    def shards(self) -> dict[str, str]:
        """The search shard of each page about a region below the province: news posts, proposal
        pages and region pages (see index.py)."""
        found = {post_path(r): index.shard(r.wilayah) for r in self.catalog.rapat}
        found |= {usulan_path(u): index.shard(u.wilayah) for u in self.catalog.usulan}
        found |= {wilayah_path(kode): index.shard(kode) for kode in self.catalog.regions}
        return {frame.url_of(path): name for path, name in sorted(found.items()) if name != index.GENERAL}

    def groups(self) -> dict[str, index.Group]:
        """The group of each proposal page in a summary search bundle (see index.py): its kelurahan's
        proposals of its plan year."""
        found, names = {}, dict[str, str]()
        for u in self.catalog.usulan:
            if u.wilayah not in names:  # the kelurahan and its kecamatan
                names[u.wilayah] = ", ".join(r.label for r in self.catalog.region_path(u.wilayah)[:2])
            title = f"Usulan {names[u.wilayah]}: tahun rencana {u.tahun_rencana}"
            found[frame.url_of(usulan_path(u))] = index.Group(u.wilayah, u.tahun_rencana, title)
        return dict(sorted(found.items()))

    def briefs(self, shards: Mapping[str, str]) -> dict[str, index.Brief]:
        """What the `semua` search bundle says of each page in a shard (`shards`, by address; see
        index.py): its title and a line; a region page heads its region's document with the region's
        place and counts."""
        c, found = self.catalog, dict[str, index.Brief]()
        for kode in c.regions:
            place = ", ".join(r.label for r in c.region_path(kode)[:3])
            counts = f"{len(c.rapat_in(kode))} rapat, {len(c.usulan_in(kode))} usulan"
            found[wilayah_path(kode)] = index.Brief(kode, place, f"Wilayah: {counts}", region=True)
        for r in c.rapat:
            where = f", {r.tempat}" if r.tempat else ""
            line = f"Berita rapat, {formats.tanggal_panjang(r.tanggal)}{where}"
            found[post_path(r)] = index.Brief(r.wilayah, c.judul(r), line)
        for u in c.usulan:
            now = status(u)
            line = (
                f"Usulan {u.id}, tahun rencana {u.tahun_rencana}, {vocab.BIDANG[u.bidang]}: "
                f"{now.label or vocab.KEPUTUSAN[now.keputusan]} pada tahap {vocab.TAHAP[now.tahap]}"
            )
            found[usulan_path(u)] = index.Brief(u.wilayah, u.judul, line)
        return {url: brief for path, brief in sorted(found.items()) if (url := frame.url_of(path)) in shards}

    def cards(self) -> dict[str, bytes | Path]:
        """A share card per news post and per region page; proposals share their kelurahan's. With a
        card cache, the cached file (copied by write.py), else the PNG bytes: a province's 10,000
        cards stay on disk instead of in memory."""
        name = str(site_config().get("site_name", "Musrenbang Terbuka"))
        found: dict[str, bytes | Path] = {}
        for rapat in self.catalog.rapat:
            path = ", ".join(r.label for r in self.catalog.region_path(rapat.wilayah)[:3])
            when = f"{formats.tanggal_panjang(rapat.tanggal)}, {self.waktu(rapat)}"
            details = [when, f"{rapat.tempat}, {path}" if rapat.tempat else path]
            title = self.catalog.judul(rapat) + (" (data contoh)" if rapat.contoh else "")
            found[card_path("berita", rapat.id)] = self._card(title, details, name)
        for kode, region in self.catalog.regions.items():
            counts = f"{len(self.catalog.rapat_in(kode))} rapat, {len(self.catalog.usulan_in(kode))} usulan"
            up = ", ".join(r.label for r in self.catalog.region_path(kode)[1:3])
            found[card_path("wilayah", kode)] = self._card(region.label, [d for d in (up, counts) if d], name)
        return found

    def _card(self, title: str, details: list[str], name: str) -> bytes | Path:
        if self.card_cache is None:
            return cards.card(title, details, name)
        return self.card_file(title, details, name, self.card_cache)


def render(
    catalog: Catalog,
    content: Path,
    data_date: dt.date | None = None,
    site_url: str | None = None,
    processed: Mapping[str, photos.Processed] | None = None,
    photo_dir: Path | None = None,
    history: changes.History = changes.NONE,
    card_cache: Path | None = None,
    framed: Framed | None = None,
    card_file: CardFile = cards.card_file,
    part: Part = WHOLE,
    remembered: memo.Memo | None = None,
    put: Callable[[str, str], None] | None = None,
) -> Output:
    """Every page of `part` and every file of the site. `framed` takes each page frame.py makes as it
    is rendered; `card_file` gives a share card's cached file (images.py draws them elsewhere);
    `remembered` is the memo of the last build's pages."""
    pages = Pages(
        catalog,
        content,
        data_date,
        site_url,
        processed,
        photo_dir,
        history,
        card_cache,
        card_file,
        remembered,
    )
    return pages.output(framed, part, put)


__all__ = ["PER_PAGE", "Output", "render"]
