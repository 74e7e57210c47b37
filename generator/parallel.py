"""Parallel: the pages of a large site rendered on two cores.

Rendering a city's 5,800 pages took one core 9 s, and a province's 145,000 more than 7 minutes,
while the other core waited. Jinja and Python hold the interpreter lock, so a second *process*
renders three pages in five (`render_share`, started by build.py through elsewhere.py; this process
also makes the data files and `render.Part` says which pages are whose): it gets the
checked records, builds its own catalog and writes its framed pages' Markdown into a drafts file
of its own, which this process then adopts (`write.Drafts.adopt`). Which process renders a page
changes nothing in it: the output is the same byte for byte as a build on one core (a test
compares them).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import changes, memo, photos
from .catalog import build_catalog
from .frame import ShellKey
from .load import Records
from .render import Pages, Part
from .write import Draft, Drafts

# Below this many records one process is faster than starting another (about a second of imports,
# copying the records and building the catalog again); images.py follows the same rule.
PARALLEL_FROM = 1000
# Which pages each process renders (see render.Part): this one makes the data files as well, about
# a third of its time (a city's: 2.5 s of JSON, CSV, feeds and calendars against 7.4 s of pages).
MINE, HELPER = (0, 2, 5), (2, 5, 5)


def worth_it(records: Records) -> bool:
    """Whether another process (or two) pays for a site of these records on this machine."""
    return (os.cpu_count() or 1) >= 2 and len(records.usulan) + len(records.rapat) >= PARALLEL_FROM


# From this many share cards and photos (a card per news post and per region), other processes make
# them while the pages render, when they are not cached yet: 400 cards took two seconds of one core.
IMAGES_FROM = 300


def images_worth_it(records: Records) -> bool:
    """Whether other processes pay for drawing the cards and photos of a site of these records."""
    photos = sum(len(r.foto) for r in records.rapat) + sum(len(u.foto) for u in records.usulan)
    many = len(records.rapat) + len(records.wilayah) + photos >= IMAGES_FROM
    return (os.cpu_count() or 1) >= 2 and (many or worth_it(records))


@dataclass(frozen=True)
class Share:
    """What the other process rendered: the pages it did not frame, and its drafts (see Drafts)."""

    pages: dict[str, str]
    file: Path
    keys: dict[str, ShellKey]
    drafts: dict[str, Draft]
    addressed: frozenset[str]  # pages linked from raw HTML (see render.Pages.addressed)
    made: dict[str, memo.Entry]  # the memo's entries of these pages (see memo.py)
    rendered: int


def render_share(
    records: Records,
    content: Path,
    data_date: dt.date | None,
    site_url: str | None,
    processed: Mapping[str, photos.Processed],
    photo_dir: Path,
    history: changes.History,
    file: Path,
    part: Part,
    memo_base: str | None,
) -> Share:
    """Render the pages of `part`, the framed ones into the drafts file `file` (in the other process),
    noting each page's reads for the memo with settings `memo_base` (the helper runs only when the
    last build's memo could not be used, so it has none to reuse)."""
    catalog = build_catalog(records)
    pages = Pages(
        catalog,
        content,
        data_date,
        site_url,
        processed,
        photo_dir,
        history,
        remembered=memo.Memo.recording(memo_base) if memo_base else None,
    )
    with Drafts(file) as drafts:
        texts = pages.rendered(part, drafts.put)
    return Share(
        texts, file, drafts.keys, drafts.drafts, frozenset(pages.addressed), pages.made, pages.renders
    )
