"""A Python-Markdown extension for the templates' own HTML: what a template writes between a line
`<!-- mt-html -->` and a line `<!-- /mt-html -->` reaches the page as it is.

Long tables and lists (proposal lists, a meeting's decisions, a proposal's details and history) are
written by the templates as HTML, with every record text HTML-escaped (`escape.html_text`). Python-
Markdown would still run its HTML parser over every such block, at about a millisecond per kilobyte;
this extension stores the block straight away, as Python-Markdown stores raw HTML itself, so a
proposal page converts several times faster. Record text can never open or close a block: every
record text reaches the page with `<` and `>` escaped (see escape.py). mkdocs.yml lists the
extension, so MkDocs and frame.py convert pages the same way.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

OPEN, CLOSE = "<!-- mt-html -->", "<!-- /mt-html -->"


class _Store(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == OPEN:
                    block = []
                else:
                    out.append(line)
            elif line == CLOSE:
                out += ["", self.md.htmlStash.store("\n".join(block)), ""]
                block = None
            else:
                block.append(line)
        if block is not None:  # never closed: left to Markdown as it was
            out += [OPEN, *block]
        return out


class HtmlBlockExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace is normalised (30), before Python-Markdown looks for HTML blocks (20).
        md.preprocessors.register(_Store(md), "mt_html", 25)


def makeExtension(**kwargs: object) -> HtmlBlockExtension:
    return HtmlBlockExtension(**kwargs)
