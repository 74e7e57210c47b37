"""Direct: pages made only of headings and the templates' HTML blocks, converted without Python-Markdown.

A proposal page is a title, a few section headings and HTML blocks (see htmlblock.py), yet Python-
Markdown spent 2 to 3 ms on each, most of it fixed cost per document: a city's 4,000 proposal pages
took 10 s of the two cores, a province's 100,000 four minutes. What Python-Markdown makes of such
a page is known exactly: each heading gets the toc extension's id (its slugify and `unique`, the
same functions) and permanent link, each HTML block is passed as it is, and the blocks are joined
by newlines. `convert` does that, and returns None for anything else (any other line, a heading with
markup, a set-up it does not know), which then goes through Python-Markdown. A test converts every
page of the demo site and of hostile records both ways and compares them byte for byte.
"""

from __future__ import annotations

import html
import re
from typing import Any

import markdown
from markdown.extensions import toc

from .htmlblock import CLOSE, OPEN

HEADING = re.compile(r"(#{1,6}) (.+)")
# Heading text Python-Markdown passes through unchanged: no inline markup, no HTML, and an ampersand
# only as a character reference (kept as is). Anything else goes through Python-Markdown.
PLAIN = re.compile(
    r"(?:[^\\`*_\[\]<>!#&|~{}\s]|[ ]|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)+"
)
BLOCK_TAG = re.compile(r"<\/?([^ >]+)")
AWKWARD = re.compile(r"[\t\r\x02\x03]|^ +$", re.M)  # what Python-Markdown's whitespace pass would change


def convert(md: markdown.Markdown, source: str) -> tuple[str, list[dict[str, Any]]] | None:
    """The HTML and the table-of-contents tokens Python-Markdown (set up as `md`) would make of
    `source`, or None when `source` is not only headings and HTML blocks."""
    setup = _setup(md)
    if setup is None or AWKWARD.search(source):
        return None
    parts: list[str] = []
    flat: list[dict[str, Any]] = []
    used: set[str] = set()
    counters: dict[str, int] = {}
    block: list[str] | None = None
    for line in source.split("\n"):
        if block is not None:
            if line == CLOSE:
                if not block or not _block_level(md, block[0]):
                    return None  # Python-Markdown would wrap it in a paragraph
                parts.append("\n".join(block))
                block = None
            else:
                block.append(line)
            continue
        if not line:
            continue
        if line == OPEN:
            block = []
            continue
        heading = HEADING.fullmatch(line)
        if heading is None:
            return None
        text = heading.group(2).strip()
        if not PLAIN.fullmatch(text) or text.endswith(" "):
            return None
        level = min(6, len(heading.group(1)) + setup["base_level"])
        name = " ".join(text.split())  # as toc's strip_tags leaves it
        anchor = toc.unique(setup["slugify"](html.unescape(name), setup["sep"]), used, counters)
        title = f' title="{setup["title"]}"' if setup["title"] else ""
        link = f'<a class="{setup["class"]}" href="#{anchor}"{title}>{setup["text"]}</a>'
        parts.append(f'<h{level} id="{anchor}">{text}{link}</h{level}>')
        if setup["top"] <= level <= setup["bottom"]:
            flat.append({"level": level, "id": anchor, "name": name, "html": text, "data-toc-label": ""})
    if block is not None:
        return None
    return "\n".join(parts), toc.nest_toc_tokens(flat)


def _setup(md: markdown.Markdown) -> dict[str, Any] | None:
    """The toc extension's settings that shape a heading, when they are ones `convert` knows."""
    try:
        found = md.treeprocessors["toc"]
    except KeyError:
        return None
    if not isinstance(found, toc.TocTreeprocessor) or found.use_anchors or found.permalink_leading:
        return None
    permalink = found.use_permalinks
    if permalink is True:
        text = "&para;"
    elif isinstance(permalink, str) and re.fullmatch(r"[\w ]*", permalink):
        text = permalink
    else:
        return None
    if not re.fullmatch(r"[\w -]*", found.permalink_title or "") or not re.fullmatch(
        r"[\w -]+", found.permalink_class
    ):
        return None
    return {
        "base_level": int(found.base_level),
        "slugify": found.slugify,
        "sep": found.sep,
        "title": found.permalink_title,
        "class": found.permalink_class,
        "text": text,
        "top": found.toc_top,
        "bottom": found.toc_bottom,
    }


def _block_level(md: markdown.Markdown, first: str) -> bool:
    """Whether Python-Markdown leaves an HTML block as it is, as its RawHtmlPostprocessor decides
    (else it wraps the block in a paragraph)."""
    tag = BLOCK_TAG.match(first)
    if tag is None:
        return False
    return tag.group(1)[0] in "!?@%" or md.is_block_level(tag.group(1))
