"""Index: build the Pagefind search index of the finished site (Indonesian stemming)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .problems import EngineFailed


def run_pagefind(site: Path) -> None:
    # Only the article is indexed, not menus and footers; blog listings repeat the posts' excerpts.
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
            "--root-selector",
            "article.md-content__inner",
            "--exclude-selectors",
            ".headerlink, .md-post--excerpt, .md-source-file",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        raise EngineFailed(
            "Pagefind gagal membuat indeks pencarian:\n" + (result.stderr or result.stdout).strip()
        )
