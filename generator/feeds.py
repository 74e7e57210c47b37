"""News feeds of the meeting posts: RSS 2.0, Atom 1.0 and JSON Feed 1.1, site-wide and per region.

Pure: `feeds` returns each file's text by site-relative path. Every value comes from the records,
never from the clock, so the same records give the same bytes. Text is escaped for XML by hand
(`escape`/`quoteattr`) and JSON by `json.dumps`. Without a public address the links are relative to
the feed file, so the feeds work under any base URL.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
from collections.abc import Iterable
from email.utils import format_datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr
from zoneinfo import ZoneInfo

from . import formats, vocab
from .catalog import Catalog
from .model import Rapat

SITE_NAME = "Musrenbang Terbuka"
ALL = "semua"  # the site-wide scope
LIMIT = 50  # items per feed, newest first
TAG = "tag:musrenbang-terbuka,2020"
RSS, ATOM, JSON_FEED = "rss.xml", "atom.xml", "feed.json"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)  # `updated` of a feed without items


def scopes(catalog: Catalog) -> list[tuple[str, str | None, tuple[Rapat, ...]]]:
    """(scope, region label or None for the whole site, meetings newest first): the whole site, then
    every region (province, kota/kabupaten, kecamatan, kelurahan/desa), by code; a region without
    meetings yet has empty feeds, so its subscription links work from the start."""
    found: list[tuple[str, str | None, tuple[Rapat, ...]]] = [(ALL, None, catalog.rapat)]
    for kode, region in catalog.regions.items():
        found.append((kode, region.label, catalog.rapat_in(kode)))
    return found


def starts_at(catalog: Catalog, rapat: Rapat) -> dt.datetime:
    """The start in the meeting's own zone; 00:00 of the day when the hour is unknown."""
    zone = ZoneInfo(vocab.ZONA_WAKTU[catalog.zona(rapat)])
    return dt.datetime.combine(rapat.tanggal, rapat.mulai or dt.time.min, tzinfo=zone)


def site_root(site_url: str | None) -> str | None:
    return None if site_url is None else site_url.rstrip("/") + "/"


def link(target: str, site_url: str | None, from_file: str) -> str:
    """A site-relative target ("berita/x/") as an absolute URL, or relative to the file `from_file`."""
    root = site_root(site_url)
    if root is not None:
        return root + target
    relative = posixpath.relpath(target or ".", posixpath.dirname(from_file) or ".")
    return relative + "/" if target.endswith("/") or not target else relative


def post_target(rapat: Rapat) -> str:
    return f"berita/{rapat.id}/"


def summary(catalog: Catalog, rapat: Rapat) -> str:
    """ "Musrenbang Kelurahan Margodadi, Rabu, 01 Februari 2023, Jam belum tercatat, Aula …"."""
    waktu = formats.waktu(rapat.mulai, rapat.selesai, catalog.zona(rapat), rapat.keterangan_waktu)
    parts = [catalog.nama_rapat(rapat), formats.tanggal_panjang(rapat.tanggal), waktu]
    if rapat.tempat:
        parts.append(rapat.tempat)
    return ", ".join(parts) + (" (data contoh)" if rapat.contoh else "")


def rfc3339(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def feeds(catalog: Catalog, site_url: str | None) -> dict[str, str]:
    """Every feed file by site-relative path: feed/<scope>/{rss.xml,atom.xml,feed.json}."""
    out: dict[str, str] = {}
    for _, args in parts(catalog, site_url):
        out.update(scope_feeds(catalog, *args))
    return dict(sorted(out.items()))


def parts(catalog: Catalog, site_url: str | None) -> list[tuple[str, tuple[Any, ...]]]:
    """The feeds of each scope, to be made one scope at a time: the scope, and the arguments of
    `scope_feeds` after the catalog (a rebuild makes again only the scopes whose meetings changed)."""
    return [(scope, (site_url, scope, label, rapat[:LIMIT])) for scope, label, rapat in scopes(catalog)]


def scope_feeds(
    catalog: Catalog, site_url: str | None, scope: str, label: str | None, rapat: tuple[Rapat, ...]
) -> dict[str, str]:
    """The three feed files of one scope, by site-relative path."""
    feed = _Feed(catalog, site_url, scope, label, rapat)
    return {feed.path(RSS): feed.rss(), feed.path(ATOM): feed.atom(), feed.path(JSON_FEED): feed.json_feed()}


# Characters XML 1.0 cannot carry at all (the checks let an escaped U+FFFF through): shown as U+FFFD.
_NOT_XML = re.compile(r"[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _xml(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _attributes(attributes: Iterable[tuple[str, str]]) -> str:
    return "".join(f" {key}={quoteattr(_xml(value))}" for key, value in attributes)


def _element(name: str, text: str, attributes: Iterable[tuple[str, str]] = ()) -> str:
    """An element with escaped text; a carriage return is kept as a reference (parsers drop a raw one)."""
    body = escape(_xml(text), {"\r": "&#13;"})
    return f"<{name}{_attributes(attributes)}>{body}</{name}>"


def _empty(name: str, attributes: Iterable[tuple[str, str]]) -> str:
    return f"<{name}{_attributes(attributes)}/>"


class _Feed:
    def __init__(
        self, catalog: Catalog, site_url: str | None, scope: str, label: str | None, rapat: tuple[Rapat, ...]
    ):
        self.catalog = catalog
        self.site_url = site_url
        self.scope = scope
        self.rapat = rapat
        self.title = f"Berita Musrenbang – {label}" if label else "Berita Musrenbang"
        where = f" di {label}" if label else ""
        self.description = f"Berita rapat musrenbang{where} dari {SITE_NAME}, terbaru lebih dulu."
        self.home_target = f"wilayah/{scope}/" if label else ""

    def path(self, name: str) -> str:
        return f"feed/{self.scope}/{name}"

    def link(self, target: str, name: str) -> str:
        return link(target, self.site_url, self.path(name))

    def self_link(self, name: str) -> str:
        return self.link(self.path(name), name)

    def updated(self) -> dt.datetime:
        return max((starts_at(self.catalog, r) for r in self.rapat), default=_EPOCH)

    def categories(self, rapat: Rapat) -> list[str]:
        return [vocab.JENIS_RAPAT[rapat.jenis], self.catalog.region(rapat.wilayah).label]

    def rss(self) -> str:
        lines = [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
            "<channel>",
            _element("title", self.title),
            _element("link", self.link(self.home_target, RSS)),
            _element("description", self.description),
            _element("language", "id"),
            _element("generator", SITE_NAME),
        ]
        if self.rapat:
            lines.append(_element("lastBuildDate", format_datetime(self.updated())))
        if self.site_url is not None:  # RSS wants an absolute self link
            self_attrs = [("href", self.self_link(RSS)), ("rel", "self"), ("type", "application/rss+xml")]
            lines.append(_empty("atom:link", self_attrs))
        for r in self.rapat:
            lines += [
                "<item>",
                _element("title", self.catalog.judul(r)),
                _element("link", self.link(post_target(r), RSS)),
                _element("guid", f"musrenbang-terbuka:rapat:{r.id}", [("isPermaLink", "false")]),
                _element("pubDate", format_datetime(starts_at(self.catalog, r))),
                # Readers take an RSS description as HTML: escape the plain text for HTML, then XML.
                _element("description", html.escape(summary(self.catalog, r), quote=False)),
                *(_element("category", c) for c in self.categories(r)),
                "</item>",
            ]
        lines += ["</channel>", "</rss>", ""]
        return "\n".join(lines)

    def atom(self) -> str:
        root = site_root(self.site_url)
        base = f"{root}feed/{self.scope}/" if root else "./"  # links are relative to the feed's folder
        lines = [
            '<?xml version="1.0" encoding="utf-8"?>',
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id" xml:base={quoteattr(base)}>',
            _element("id", f"{TAG}:feed:{self.scope}"),
            _element("title", self.title, [("type", "text")]),
            _element("subtitle", self.description, [("type", "text")]),
            _element("updated", rfc3339(self.updated())),
            f"<author>{_element('name', SITE_NAME)}</author>",
            _element("generator", SITE_NAME),
            _empty(
                "link",
                [("rel", "alternate"), ("type", "text/html"), ("href", self.link(self.home_target, ATOM))],
            ),
            _empty(
                "link", [("rel", "self"), ("type", "application/atom+xml"), ("href", self.self_link(ATOM))]
            ),
        ]
        for r in self.rapat:
            moment = rfc3339(starts_at(self.catalog, r))
            href = self.link(post_target(r), ATOM)
            lines += [
                "<entry>",
                _element("id", f"{TAG}:rapat:{r.id}"),
                _element("title", self.catalog.judul(r), [("type", "text")]),
                _empty("link", [("rel", "alternate"), ("type", "text/html"), ("href", href)]),
                _element("published", moment),
                _element("updated", moment),
                _element("summary", summary(self.catalog, r), [("type", "text")]),
                *(_empty("category", [("term", c)]) for c in self.categories(r)),
                "</entry>",
            ]
        lines += ["</feed>", ""]
        return "\n".join(lines)

    def json_feed(self) -> str:
        data: dict[str, object] = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": self.title,
            "description": self.description,
            "language": "id",
            "authors": [{"name": SITE_NAME}],
            "items": [
                {
                    "id": f"{TAG}:rapat:{r.id}",
                    "url": self.link(post_target(r), JSON_FEED),
                    "title": self.catalog.judul(r),
                    "summary": summary(self.catalog, r),
                    "content_text": summary(self.catalog, r),
                    "date_published": rfc3339(starts_at(self.catalog, r)),
                    "tags": self.categories(r),
                }
                for r in self.rapat
            ],
        }
        if self.site_url is not None:  # JSON Feed wants these as full URLs
            data["home_page_url"] = self.link(self.home_target, JSON_FEED)
            data["feed_url"] = self.self_link(JSON_FEED)
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
