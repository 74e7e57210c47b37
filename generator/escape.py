"""Escaping record text for each context it reaches: Markdown, HTML, front matter, URLs.

Generated pages are Markdown rendered by MkDocs, so record text must reach them inert: Markdown
syntax, raw HTML, attribute lists and entities are all neutralised here. `Md` marks text that is
already safe Markdown; the template environment escapes everything else (see `render.py`).
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from urllib.parse import quote


class Md(str):
    """Text that is safe to place in generated Markdown as it is."""


# Characters that start Markdown inline syntax (emphasis, code, links, attribute lists, tables, HTML,
# entities, pymdownx marks) anywhere in a line; replaced by numeric character references.
_INLINE = {c: f"&#{ord(c)};" for c in "\\`*_{}[]<>&|~^="}
_INLINE_TABLE = str.maketrans(_INLINE)
# Characters that only matter at the start of a line (headings, lists, quotes, rules).
_LINE_START = re.compile(r"^([#+\-!>]|\d+[.)])")
_SPACE = re.compile(r"\s+")


def md_inline(text: object) -> Md:
    """One line of plain text as inert Markdown: whitespace folded, every markup character escaped."""
    return _inline(str(text))


@lru_cache(maxsize=1 << 16)  # pages print the same statuses, stages and names hundreds of thousands of times
def _inline(text: str) -> Md:
    folded = _SPACE.sub(" ", text).strip()
    escaped = folded.translate(_INLINE_TABLE)
    escaped = _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(1)), escaped)
    return Md(escaped)


def md_paragraphs(text: object) -> Md:
    """Multi-line plain text as inert Markdown paragraphs (blank lines separate paragraphs)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", str(text).strip()) if p.strip()]
    return Md("\n\n".join(md_inline(p) for p in paragraphs))


def html_paragraphs(text: object) -> Md:
    """Multi-line plain text as HTML paragraphs (blank lines separate paragraphs), for a raw HTML block."""
    paragraphs = [p for p in re.split(r"\n\s*\n", str(text).strip()) if p.strip()]
    return Md("\n".join(f"<p>{html_text(p)}</p>" for p in paragraphs))


def md_prose(text: object) -> Md:
    """Staff Markdown (already checked: no HTML, no unsafe links). Angle brackets are escaped again
    here so that no HTML can pass even if a check is ever loosened; http(s) autolinks stay links."""
    parts = re.split(r"(<https?://[^\s<>]+>)", str(text).strip())
    out = [p if i % 2 else p.replace("<", "&lt;").replace(">", "&gt;") for i, p in enumerate(parts)]
    prose = "".join(out)
    prose = re.sub(r"\{(?=\s*[:.#])", "&#123;", prose)
    return Md(prose)


def attribute(text: object) -> Md:
    """An attribute value of inline HTML inside a Markdown paragraph: Markdown still runs there,
    so the text is made inert for both, quotes included."""
    return Md(md_inline(text).replace('"', "&#34;").replace("'", "&#39;"))


def html_text(text: object) -> Md:
    """Text inside a raw HTML *block* of the Markdown (a line that starts with a block tag, left
    alone by Markdown): an attribute value or element content. Inside a paragraph, Markdown still
    runs on inline HTML's content: there the default escaping (`md_inline`) applies."""
    return Md(html.escape(_SPACE.sub(" ", str(text)).strip(), quote=True))


def front_matter(value: object) -> Md:
    """A YAML front-matter scalar. Material prints front-matter values into HTML without escaping
    (`<title>`, `<meta content="…">`), and a page without a heading gets its title as one, so the
    text is made inert for Markdown and HTML (numeric character references both understand), quotes
    included, then quoted for YAML."""
    return Md(json.dumps(attribute(value), ensure_ascii=False))


def url(value: object) -> Md:
    """An http(s) address, already checked, made safe inside a Markdown link target."""
    return Md(quote(str(value), safe=":/?#@!$&'*+,;=%~-._"))


def json_script(value: object) -> Md:
    """JSON inside a raw-HTML `<script type="application/ld+json">` block: `<`, `>` and `&` are
    written as \\u escapes so no text can close the script element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Md(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
