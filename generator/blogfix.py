"""MkDocs hook (see engine.py): excerpts rendered from the part before the separator only.

Material's blog plugin renders a post's excerpt for every listing it appears on (the news index,
its year's archive and each of its categories: eight listings per meeting here) by converting the
whole post to HTML and cutting the result at `<!-- more -->`. With full meeting posts that was most
of a city's build: 3,313 conversions of 421 posts, 80 % of MkDocs's time. This hook converts only
the Markdown before the separator. The excerpt is the same HTML; listing pages now list each post
by its title alone in their table of contents, instead of repeating every post's section headings.
"""

from __future__ import annotations

from typing import Any

from material.plugins.blog.structure import Excerpt
from mkdocs.structure.toc import get_toc

_original = Excerpt.render


def _render(self: Any, page: Any, separator: str) -> None:
    head, found, _ = self.post.markdown.partition(separator)
    if not found:
        _original(self, page, separator)
        return
    post = self.post
    self.file.url = page.url
    at = self.md.treeprocessors.get_index_for_name("excerpt")
    self.md.treeprocessors[at].base = page
    self.markdown = head
    if not post._title_from_render:
        self.markdown = "\n\n".join([f"# {post.title}", self.markdown])
    self.content = self.md.convert(self.markdown)
    self.more = separator  # there is more: listings show the "continue reading" link
    self.toc = get_toc(getattr(self.md, "toc_tokens", []))
    self.file.url = post.url


def on_startup(command: str, dirty: bool) -> None:
    Excerpt.render = _render
