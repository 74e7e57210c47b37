"""News listings: the pages that list the meeting posts, newest first, ten to a page.

The index lists every post; an archive page lists one year; a category page lists one stage, level,
region or year. They keep the addresses Material's blog plugin gave them (`berita/page/2/`,
`berita/archive/2023/`, `berita/category/kelurahan-margodadi/page/3/`), but are made here and framed
like the data pages: the blog plugin scanned its list of posts once per post and page, which made a
city's news most of the build and a province's out of reach.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown.extensions import toc

from . import vocab
from .catalog import Catalog
from .model import Rapat

PER_PAGE = 10


def slug(name: str) -> str:
    """A category's address ("Tingkat Kota/Kabupaten" → tingkat-kotakabupaten), as the blog plugin
    made it with Python-Markdown's heading slugs, so earlier links keep working."""
    return toc.slugify(name, "-")


def post_path(rapat: Rapat | str) -> str:
    """The docs path of a meeting's news post, by the meeting or its id."""
    return f"berita/{rapat if isinstance(rapat, str) else rapat.id}.md"


def categories(catalog: Catalog, rapat: Rapat) -> list[str]:
    """A post's categories: its stage, its level, its regions from the city down, and its year."""
    regions = [r.label for r in reversed(catalog.region_path(rapat.wilayah)) if r.jenis != "provinsi"]
    names = [vocab.JENIS_RAPAT[rapat.jenis], vocab.TINGKAT_RAPAT[rapat.jenis], *regions]
    names.append(f"Tahun {rapat.tanggal.year}")
    return list(dict.fromkeys(names))


@dataclass(frozen=True)
class View:
    """One listing: every post, one year's, or one category's, newest first."""

    key: str  # "" for the index, "archive/2023", "category/kelurahan-margodadi"
    title: str  # "Berita tahun 2023", "Berita: Kelurahan Margodadi"
    name: str  # "2023", "Kelurahan Margodadi"
    kind: str  # "semua", "arsip", "tahap" (stage or level), "wilayah", "tahun"
    posts: tuple[Rapat, ...]

    def pages(self) -> list[tuple[Rapat, ...]]:
        return [self.posts[i : i + PER_PAGE] for i in range(0, max(len(self.posts), 1), PER_PAGE)]

    def path(self, number: int = 1) -> str:
        return listing_path(self.key, number)


@dataclass(frozen=True)
class Heading:
    """What each page of a listing shows of the whole listing (see lists.Heading)."""

    key: str
    title: str
    name: str
    kind: str
    total: int  # posts in the whole listing
    pages: int

    @classmethod
    def of(cls, view: View) -> Heading:
        return cls(view.key, view.title, view.name, view.kind, len(view.posts), len(view.pages()))

    def path(self, number: int = 1) -> str:
        return listing_path(self.key, number)


def listing_path(key: str, number: int = 1) -> str:
    """The docs path of a listing's page `number`, served at `berita/<key>/` or `berita/<key>/page/<n>/`."""
    folder = f"berita/{key}/" if key else "berita/"
    if number > 1:
        return f"{folder}page/{number}.md"
    return f"berita/{key}.md" if key else "berita/index.md"


def category_path(name: str) -> str:
    return listing_path(f"category/{slug(name)}")


def views(catalog: Catalog) -> tuple[View, ...]:
    """The index, one archive per year (newest first) and one listing per category (by address)."""
    posts = catalog.rapat  # newest first
    years: dict[int, list[Rapat]] = {}
    named: dict[str, tuple[str, list[Rapat]]] = {}
    for rapat in posts:
        years.setdefault(rapat.tanggal.year, []).append(rapat)
        for name in categories(catalog, rapat):
            named.setdefault(slug(name), (name, []))[1].append(rapat)
    stages = {*vocab.JENIS_RAPAT.values(), *vocab.TINGKAT_RAPAT.values()}
    found = [View("", "Berita Musrenbang", "Semua berita", "semua", posts)]
    for year in sorted(years, reverse=True):
        found.append(View(f"archive/{year}", f"Berita tahun {year}", str(year), "arsip", tuple(years[year])))
    for key, (name, items) in sorted(named.items()):
        kind = "tahap" if name in stages else "tahun" if name.startswith("Tahun ") else "wilayah"
        found.append(View(f"category/{key}", f"Berita: {name}", name, kind, tuple(items)))
    return tuple(found)


def pager(number: int, pages: int) -> list[int | None]:
    """The page numbers a pager shows: the first, the last, and two either side of this one; None
    stands for the numbers left out. Its length does not grow with the number of pages."""
    shown = sorted({1, pages, *range(max(1, number - 2), min(pages, number + 2) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out
