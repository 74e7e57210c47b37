"""direct.py converts pages of headings and HTML blocks exactly as Python-Markdown does: every framed
page of the demo site, and headings of hostile text, converted both ways and compared."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import direct, escape, frame
from generator.build import check_records
from generator.catalog import build_catalog
from generator.render import Pages, site_config
from tests.conftest import CONTENT
from tests.test_hostile import PAYLOADS

MD = frame.converter(site_config())


def _both(source: str) -> tuple[tuple[str, list] | None, tuple[str, list]]:  # type: ignore[type-arg]
    ours = direct.convert(MD, source)
    theirs = MD.reset().convert(source), MD.toc_tokens  # type: ignore[attr-defined]
    return ours, theirs


def _framed_pages(content: Path) -> dict[str, str]:
    records, _ = check_records(content)
    found: dict[str, str] = {}
    Pages(build_catalog(records), content, records.data_date()).rendered(
        framed=lambda path, text, _: found.__setitem__(path, text)
    )
    return found


def test_every_direct_page_of_the_demo_site_is_what_python_markdown_makes() -> None:
    pages = _framed_pages(CONTENT)
    converted = 0
    for path, text in pages.items():
        ours, theirs = _both(frame.front_matter(text)[1])
        if ours is not None:
            converted += 1
            assert ours == theirs, path
    proposals = [
        path for path in pages if path.startswith("usulan/") and not path.startswith("usulan/daftar/")
    ]
    direct_proposals = [p for p in proposals if direct.convert(MD, frame.front_matter(pages[p])[1])]
    assert proposals and direct_proposals == proposals  # every proposal page skips Python-Markdown
    assert converted >= len(proposals)


@pytest.mark.parametrize("payload", [single for single, _ in PAYLOADS.values()], ids=list(PAYLOADS))
def test_a_heading_of_hostile_text_converts_alike_or_not_at_all(payload: str) -> None:
    title = escape.md_inline(payload)
    source = (
        f"# {title}\n\n<!-- mt-html -->\n<p>isi</p>\n<!-- /mt-html -->\n\n## {title}\n\n## Riwayat\n\n"
        f"<!-- mt-html -->\n<ol>\n<li>{escape.html_text(payload)}</li>\n</ol>\n<!-- /mt-html -->\n"
    )
    ours, theirs = _both(source)
    assert ours is None or ours == theirs


@pytest.mark.parametrize(
    "title",
    [
        "Pembangunan drainase RT 008 RW 002",
        'Jalan &#50;&#48;24 (lanjutan) A\'s "x"',
        "Rehab  gedung: 3/4, 100%",
    ],
)
def test_plain_headings_take_the_direct_way(title: str) -> None:
    block = "<!-- mt-html -->\n<table>\n<tr><td>x</td></tr>\n</table>\n<!-- /mt-html -->"
    source = f"# {title}\n\n{block}\n\n## Data\n"
    ours, theirs = _both(source)
    assert ours is not None and ours == theirs


@pytest.mark.parametrize(
    "source",
    [
        "# Judul\n\nSebuah paragraf.\n",  # prose is Markdown's
        "# Judul *miring*\n",  # inline markup
        "# Judul\n\n<!-- mt-html -->\n<a href='x'>tautan</a>\n<!-- /mt-html -->\n",  # wrapped in <p>
        "# Judul\n\n<!-- mt-html -->\n<p>tidak ditutup</p>\n",  # never closed
        "# Judul\n\n<!-- mt-html -->\n<p>\tx</p>\n<!-- /mt-html -->\n",  # a tab Python-Markdown expands
    ],
)
def test_anything_else_goes_through_python_markdown(source: str) -> None:
    assert direct.convert(MD, source) is None
