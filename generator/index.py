"""Index: build the Pagefind search index of the finished site (Indonesian stemming)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .problems import EngineFailed

# Lists of proposals and of news repeat what the pages they list say; the search page and the
# 404 page say nothing. Pagefind indexes only pages whose article carries `data-pagefind-body`.
SEARCHABLE = '<article class="md-content__inner md-typeset" data-pagefind-body>'
PLAIN = '<article class="md-content__inner md-typeset">'
LISTS = ("usulan/daftar/", "berita/page/", "berita/archive/", "berita/category/")
UNSEARCHED = ("berita/index.md", "cari.md", "404.md")


def searchable(path: str) -> bool:
    """Whether the page at docs path `path` belongs in the search index."""
    return not path.startswith(LISTS) and path not in UNSEARCHED


def mark_searchable(site: Path) -> None:
    """Mark the article of each page MkDocs built (and so of every shell) for the index."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        relative = page.relative_to(site).as_posix()
        docs = "404.md" if relative == "404.html" else relative.removesuffix("index.html") + "index.md"
        if PLAIN in text and (searchable(docs) and searchable(docs.replace("/index.md", ".md"))):
            page.write_text(text.replace(PLAIN, SEARCHABLE, 1), encoding="utf-8")


def run_pagefind(site: Path) -> None:
    # Only the article is indexed, not menus and footers.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--force-language",
            "id",
            "--silent",
            "--exclude-selectors",
            ".headerlink, .md-source-file",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        raise EngineFailed(
            "Pagefind gagal membuat indeks pencarian:\n" + (result.stderr or result.stdout).strip()
        )
