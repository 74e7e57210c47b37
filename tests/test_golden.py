"""Golden-file tests of the generated Markdown: the Markdown is the product, whitespace included.

After a reviewed change, refresh with `make golden` and read the diff of tests/golden/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import check_records
from generator.catalog import build_catalog
from generator.render import render
from tests.conftest import CONTENT

GOLDEN = Path(__file__).resolve().parent / "golden"


def _generated() -> dict[str, str]:
    records, problems = check_records(CONTENT)
    assert not problems
    return render(build_catalog(records), CONTENT, records.data_date()).pages


def test_generated_markdown_matches_golden(request: pytest.FixtureRequest) -> None:
    pages = _generated()
    if request.config.getoption("--update-golden"):
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(golden), "pages added or removed: run `make golden` and review"
    for path, text in pages.items():
        assert text == golden[path], f"{path} differs from tests/golden/{path}: run `make golden` and review"


def test_rendering_is_deterministic() -> None:
    assert _generated() == _generated()
