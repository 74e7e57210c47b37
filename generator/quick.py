"""Quick preview: the page of each record just saved, patched into the built site within a second.

A full build of a city takes minutes; a clerk who saves a proposal wants to see it now. So
`musrenbang serve` first re-renders only the news post or tracking page of each changed record, with
the same templates and Markdown set-up as the build, and swaps its article and table of contents
into the page already in the site. The browser reloads at once; the full build then follows and
brings every list, count, feed and the search index up to date (and reloads again). Records with
problems are left to the full build, which reports them.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from . import changes, frame, photos
from .catalog import build_catalog
from .check import check
from .load import Cache, load
from .model import Rapat, Usulan
from .render import Pages, history_url, site_config
from .write import put

TITLE = re.compile(r"<title>(?P<title>.*?)</title>", re.S)


class _Anything:
    """Every link target counts as known: the full build that follows checks them for real."""

    def __contains__(self, item: object) -> bool:
        return True


def _secondary_nav(page: str) -> tuple[int, int] | None:
    """Where the content of the table-of-contents navigation starts and ends."""
    opening = frame.TOC_OPEN.search(page)
    if opening is None:
        return None
    depth, at = 1, opening.end()
    for tag in re.finditer(r"<(/?)nav\b", page[at:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return opening.end(), at + tag.start()
    return None


def patch(page: str, text: str, path: str, config: dict[str, object]) -> str | None:
    """The built page `page` with the article, contents and title of the Markdown page `text`."""
    start, end = frame.article_start(page), page.rfind("</article>")
    nav = _secondary_nav(page)
    if start < 0 or end < 0 or nav is None:
        return None
    new = frame.article(frame.converter(config), text, path, _Anything())
    meta = new.meta
    label = html.unescape(frame.TOC_OPEN.search(page).group("label"))  # type: ignore[union-attr]
    toc = frame.toc_html(new.tokens, label)
    patched = page[: nav[0]] + toc + page[nav[1] : start] + f"\n{new.body}\n" + page[end:]
    old = TITLE.search(patched)
    if old and "title" in meta:
        name = old.group("title").rsplit(" - ", 1)
        title = f"{meta['title']} - {name[1]}" if len(name) == 2 else str(meta["title"])
        patched = patched[: old.start("title")] + title + patched[old.end("title") :]
    return patched


def update(
    content: Path, out: Path, work: Path, site_url: str | None, changed: Iterable[Path], cache: Cache
) -> list[str]:
    """Patch the pages of the changed record files into the site in `out`; their addresses."""
    records, problems = load(content, cache)
    problems.extend(check(records, content))
    if any(not p.warning for p in problems):
        return []
    wanted = {path.resolve() for path in changed}
    every: list[Rapat | Usulan] = [*records.rapat, *records.usulan]
    chosen = [r for r in every if r.asal and (content.parent / r.asal.file).resolve() in wanted]
    if not chosen:
        return []
    processed = _photos(chosen, content, work, out)
    pages = Pages(
        build_catalog(records),
        content,
        records.data_date(),
        site_url,
        processed,
        work.resolve() / "foto",
        changes.read(content, history_url()),
    )
    config = site_config()
    done = []
    for record in chosen:
        path, text = pages.record_page(record)
        target = out / frame.url_of(path) / "index.html"
        if not target.is_file():
            continue  # a new record: the full build makes its page
        patched = patch(target.read_text(encoding="utf-8"), text, path, config)
        if patched is not None:
            put(target, patched.encode("utf-8"))  # the site's pages may be linked from the last build
            done.append(frame.url_of(path))
    return done


def _photos(
    chosen: list[Rapat | Usulan], content: Path, work: Path, out: Path
) -> dict[str, photos.Processed]:
    """The web versions of the chosen records' photos (from the cache when unchanged), in the site."""
    found = photos.process_all((f for record in chosen for f in record.foto), content, work.resolve())
    for rendition in (r for done in found.values() for r in done.renditions):
        for name in (rendition.webp, rendition.jpeg):
            if not (out / "foto" / name).exists():
                (out / "foto").mkdir(parents=True, exist_ok=True)
                shutil.copyfile(work.resolve() / "foto" / name, out / "foto" / name)
    return found
