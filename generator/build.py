"""The pipeline, top to bottom: load → check → model → render → write → engine → index.

Nothing is written before every record is checked, and the output folder is replaced in one step
only when MkDocs and Pagefind both succeeded: a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import calendar
import contextlib
import dataclasses
import gc
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import changes, frame, kept, memo, parallel, photos, place
from .audit import audit
from .catalog import Catalog, build_catalog
from .check import check
from .elsewhere import Elsewhere
from .engine import copy_direct, menu_pages
from .headers import secure
from .images import Images
from .index import mark_searchable, run_pagefind
from .load import Cache, Records, load
from .parallel import MINE
from .problems import BUG, EngineFailed, Problem, RecordsInvalid
from .render import WHOLE, Output, data_license, history_url, render, site_config
from .stages import Stage, Stopwatch
from .write import Drafts, Putter, write


@dataclass(frozen=True)
class BuildResult:
    pages: int
    warnings: tuple[Problem, ...]
    notes: tuple[str, ...] = ()  # things the clerk should know that are not record problems
    stages: tuple[Stage, ...] = ()
    reused: int = 0  # framed pages linked unchanged from the previous build
    indexed: tuple[str, ...] = ()  # search shards Pagefind indexed in this build
    search_reused: tuple[str, ...] = ()  # search shards linked unchanged from the previous build
    remembered: int = 0  # pages the memo gave unrendered, as the last build rendered them (memo.py)
    rendered: int = 0  # pages rendered
    mkdocs: bool = True  # whether MkDocs ran (else its pages were copied from its last build)


def check_records(content: Path) -> tuple[Records, list[Problem]]:
    """Load and check; the problems sorted by file and line, errors and warnings together."""
    records, problems = load(content)
    problems.extend(check(records, content))
    return records, _ordered(problems)


def _ordered(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.path, p.message))


def build(
    content: Path,
    out: Path,
    work: Path,
    strict: bool = False,
    site_url: str | None = None,
    stopwatch: Stopwatch | None = None,
    cache: Cache | None = None,
) -> BuildResult:
    """Check, render and build the site. `site_url` is the public address (needed for the 404 page
    when the site lives under a sub-path, and for canonical links). `stopwatch` collects the time
    and memory of each stage; `cache` keeps parsed files between builds (`musrenbang serve`); without
    one, the build takes those the last build kept in `work` (kept.py)."""
    # What lives through the build (the records once checked; with `cache`, what serve kept from
    # the last builds: records, memo, data files; without, what the last build kept) is frozen: the
    # build's collections need not go through it again (over a city's, each took 0.1-0.15 s,
    # several times a build).
    files = kept.read(work, content) if cache is None else cache  # `musrenbang build`: see kept.py
    gc.freeze()
    try:
        result = _build(content, out, work, strict, site_url, stopwatch or Stopwatch(), files)
    finally:
        gc.unfreeze()  # back to the collector; serve collects it while it waits (`tidy`)
    if cache is None:
        kept.write(work, content, files)
    return result


def _build(
    content: Path,
    out: Path,
    work: Path,
    strict: bool,
    site_url: str | None,
    clock: Stopwatch,
    cache: Cache,
) -> BuildResult:
    with clock.stage("load"):
        records, problems = load(content, cache)
    with clock.stage("check"):
        problems = _ordered(problems + check(records, content))
        errors = [p for p in problems if strict or not p.warning]
        if errors:
            raise RecordsInvalid(problems)
    gc.freeze()
    work = work.resolve()
    with Images(elsewhere=parallel.images_worth_it(records)) as images:
        with clock.stage("photos"):
            processed = _photos(images, records, content, work)
        with clock.stage("render"):
            output, drafts, catalog, history, remembered = _render(
                records, content, work, site_url, processed, images
            )
        with clock.stage("write"):
            images.finish()  # the photos and cards made meanwhile, before write copies them
            shells, chosen = frame.shells(drafts.keys)
            docs = work / "docs"
            write(dataclasses.replace(output, pages={**output.pages, **shells}), docs, also=drafts.keys)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    place.clear_leftovers(out)
    # With the last build's site in `out` as it left it, this build's folder takes only what changed
    # and is moved into it (place.py); else it takes the whole site and replaces it.
    before = place.last(out, work)
    previous = out if out.is_dir() else None
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}-baru-", dir=out.parent))
    try:
        with clock.stage("engine"):
            ran = menu_pages(work, docs, fresh, site_url, _data_epoch(records))
            # Before framing: the framed pages inherit the policy and the search mark from their shells.
            secure(fresh)
            built = mark_searchable(fresh)
        with clock.stage("frame"):
            config = site_config()
            framed = frame.render_pages(
                fresh,
                drafts.file,
                drafts.drafts,
                chosen,
                config,
                set(output.pages) | set(drafts.keys),
                previous,
                work / "bingkai.json",
            )
            public = site_url or config.get("site_url")
            frame.sitemap(fresh, public, framed.entries, [frame.url_of(shell) for shell in shells])
            own = place.own_files(fresh, framed.entries)
        with clock.stage("index"):
            gone: list[str] = []

            def meanwhile() -> None:
                """While Pagefind indexes (it reads the unchanged pages where they are, and writes only
                its bundles): the data files, and in a whole new site the unchanged pages (no page needs
                them before, and the walks over the pages above are shorter without them); then the
                audit of the site."""
                if before is not None and previous is not None:
                    gone.extend(place.changed_direct(docs, fresh, previous, set(own)))
                    audit(catalog, fresh, previous, {*gone, *framed.gone})
                else:
                    framed.link()
                    copy_direct(docs, fresh)
                    audit(catalog, fresh)

            searched = run_pagefind(
                fresh,
                output.shards,
                work,
                previous,
                framed.entries,
                built,
                meanwhile,
                framed.unchanged,
                in_place=before is not None,
                groups=output.groups,
                briefs=output.briefs,
            )
        with clock.stage("finish"):
            if before is not None:
                shards = {*searched.made, *searched.reused}
                place.update(fresh, out, work, own, before, [*gone, *framed.gone], shards)
            else:
                place.swap(fresh, out, work, own)
            if remembered:  # for the next build, after this one's site is in place (memo.py)
                remembered.save(output.made, drafts.drafts, drafts.keys, output.pages)
    finally:
        place.delete_later(fresh)  # what is left of it: the empty folders a rebuild moved files out of
    notes = (history.note,) if history.note else ()
    pages = len(output.pages) + len(drafts.keys)
    return BuildResult(
        pages,
        tuple(problems),
        notes,
        tuple(clock.stages),
        framed.reused,
        searched.made,
        searched.reused,
        output.remembered,
        output.rendered,
        ran,
    )


def _photos(images: Images, records: Records, content: Path, work: Path) -> dict[str, photos.Processed]:
    """Web versions of every photo of every meeting and proposal, as they will be once made."""
    every = [f for r in records.rapat for f in r.foto] + [f for u in records.usulan for f in u.foto]
    return images.photos(every, content, work)


def _render(
    records: Records,
    content: Path,
    work: Path,
    site_url: str | None,
    processed: dict[str, photos.Processed],
    images: Images,
) -> tuple[Output, Drafts, Catalog, changes.History, memo.Memo | None]:
    history = changes.read(content, history_url())
    # The last build's pages, reused where nothing they read changed (memo.py). Their Markdown stays
    # in the last drafts file, to which this build adds its own pages (`appends`); when that file is
    # too large, it is moved aside and the reused pages are copied into a new one.
    file, last = work / "bingkai.md", work / "bingkai-lama.md"
    base = memo.base(site_config(), data_license(), records.data_date(), site_url)
    memo.settled()  # the last build's memo is written
    remembered = memo.Memo(work / "halaman.json", file, base) if memo.worth_it(records) else None
    (work / "halaman.json").unlink(missing_ok=True)  # (the memo deletes it once read)
    appending = remembered is not None and remembered.appends()
    if remembered is not None:
        remembered.appending = appending
        remembered.drafts = file if appending else last
    if not appending and file.exists():
        os.replace(file, last)
    # On two cores, another process renders three pages in five meanwhile (parallel.py), unless the
    # memo will give most pages.
    helper = None
    if parallel.worth_it(records) and not (remembered and remembered.usable):
        helper = Elsewhere(
            parallel.render_share,
            records,
            content,
            records.data_date(),
            site_url,
            dict(processed),
            work / "foto",
            history,
            work / "bingkai-2.md",
            parallel.HELPER,
            base if remembered else None,
        )
    catalog = build_catalog(records)
    # Data pages skip MkDocs (frame.py fills one shell per kind of page): their Markdown goes to
    # disk as it is made, so that a province's pages are never all in memory at once.
    with (
        Drafts(file, append=appending) as drafts,
        helper or contextlib.nullcontext(),
        remembered or contextlib.nullcontext(),
    ):
        output = render(
            catalog,
            content,
            records.data_date(),
            site_url,
            processed,
            work / "foto",
            history,
            work / "kartu",
            drafts.put,
            images.card,
            MINE if helper else WHOLE,
            remembered,
            Putter(work / "docs", remember=remembered is not None),
        )
        if helper:
            share = helper.result()
            drafts.adopt(share.file, share.keys, share.drafts)
            pages = dict(sorted({**output.pages, **share.pages}.items()))
            addressed = output.addressed | share.addressed
            output = dataclasses.replace(
                output,
                pages=pages,
                addressed=addressed,
                made=output.made | share.made,
                rendered=output.rendered + share.rendered,
            )
    last.unlink(missing_ok=True)
    missing = sorted(output.addressed - set(output.pages) - set(drafts.keys))
    if missing:  # as `mkdocs build --strict` refuses a link to a page that does not exist
        raise EngineFailed(f"tautan ke halaman yang tidak ada: {', '.join(missing[:5])}{BUG}")
    return output, drafts, catalog, history, remembered


def _data_epoch(records: Records) -> int:
    """The date of the data: the newest date in the records, as seconds since 1970 (UTC)."""
    newest = records.data_date()
    return calendar.timegm(newest.timetuple()) if newest else 0


def tidy() -> None:
    """Collect what earlier builds left in cycles: for `musrenbang serve` while nobody waits."""
    gc.collect()


def keep() -> None:
    """Write what this process's builds keep for the next (their memo and parsed files). A build
    leaves it to be written once it is announced (or as the process ends): writing it holds the
    interpreter for half a second."""
    memo.settled()
    kept.settled()


def settled() -> None:
    """Wait until the old sites replaced by this process's builds are deleted, and write what they
    keep for the next."""
    keep()
    place.settled()
