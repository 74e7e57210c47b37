"""Shared fixtures: copies of the shipped content, and real builds with real MkDocs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import build

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the output")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the shipped content/ that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def build_site(content: Path, tmp_path: Path, strict: bool = True) -> Path:
    """Build `content` for real into tmp_path/site and return the site folder."""
    out = tmp_path / "site"
    build(content, out, tmp_path / "work", strict=strict)
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built once for the whole session."""
    tmp = tmp_path_factory.mktemp("shipped")
    return build_site(CONTENT, tmp)
