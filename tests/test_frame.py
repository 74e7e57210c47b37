"""Framed data pages look and behave exactly like the pages MkDocs renders itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import frame
from generator.problems import EngineFailed
from tests.conftest import CONTENT, PUBLIC_URL, build_site, soup

SAMPLES = (
    "berita/2023-musrenbangkel-margodadi",  # a news post
    "berita/category/tahun-2023",  # a news listing
    "usulan/contoh-2024-margodadi-001",  # photos absent, full history, a region link
    "usulan/contoh-2025-margorejo-001",  # a carried-over proposal
    "usulan/daftar/status-diterima",  # a list page (first page, deeper folder)
    "wilayah/18.72.05",
    "wilayah/18.72.05.1004",
    "statistik/2024",
    "seri/2023-musrenbangkel-metro-selatan",  # no heading of its own: the theme adds the title
)


def _normal(page: Path) -> list[str]:
    """The page as lines without indentation or blank lines (whitespace is not what readers see)."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"\(perubahan <code>[0-9a-f]+</code>\)", "(perubahan …)", text)
    return [line.strip() for line in text.replace("><", ">\n<").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def by_mkdocs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same content with every page rendered by MkDocs itself, as before framing existed."""
    sections = frame.SECTIONS
    frame.SECTIONS = ()
    try:
        return build_site(CONTENT, tmp_path_factory.mktemp("mkdocs"), site_url=PUBLIC_URL)
    finally:
        frame.SECTIONS = sections


@pytest.fixture(scope="module")
def framed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(CONTENT, tmp_path_factory.mktemp("framed"), site_url=PUBLIC_URL)


@pytest.mark.parametrize("page", SAMPLES)
def test_a_framed_page_is_the_page_mkdocs_would_make(by_mkdocs: Path, framed_site: Path, page: str) -> None:
    assert frame.framed(page + ".md") or frame.framed(page + "/index.md")
    ours, theirs = _normal(framed_site / page / "index.html"), _normal(by_mkdocs / page / "index.html")
    ours = [line for line in ours if line != "</nav>"]  # an empty contents list closes on one line
    theirs = [line for line in theirs if line != "</nav>"]
    assert ours == theirs


def test_no_shell_is_left_and_the_sitemap_lists_every_framed_page(by_mkdocs: Path, framed_site: Path) -> None:
    assert not [p for p in framed_site.rglob("*") if frame.SHELL in p.as_posix()]
    for entry in (framed_site / "pagefind").glob("*/pagefind-entry.json"):
        assert frame.SHELL not in entry.read_text(encoding="utf-8")
    ours = re.findall(r"<loc>(.*?)</loc>", (framed_site / "sitemap.xml").read_text(encoding="utf-8"))
    theirs = re.findall(r"<loc>(.*?)</loc>", (by_mkdocs / "sitemap.xml").read_text(encoding="utf-8"))
    assert sorted(ours) == sorted(theirs)
    assert f"{PUBLIC_URL}usulan/contoh-2024-margodadi-001/" in ours


def test_framed_pages_are_found_by_search_and_carry_the_policy(framed_site: Path) -> None:
    page = soup(framed_site / "usulan" / "contoh-2024-margodadi-001" / "index.html")
    assert page.find("meta", attrs={"http-equiv": "Content-Security-Policy"}) is not None
    assert page.find("link", rel="canonical")["href"] == f"{PUBLIC_URL}usulan/contoh-2024-margodadi-001/"
    assert page.find("a", class_="md-skip")["href"] == "#pembangunan-drainase-lingkungan-rt-008-rw-002"
    fragments = list((framed_site / "pagefind").glob("*/fragment/*.pf_fragment"))
    assert len(fragments) >= len(list((framed_site / "usulan").glob("contoh-*/index.html")))


def test_a_link_to_a_missing_page_stops_the_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "usulan" / "_bingkai-0").mkdir(parents=True)
    with pytest.raises(EngineFailed, match="tautan ke halaman yang tidak ada: ../hilang.md"):
        frame._links('<a href="../hilang.md">x</a>', "usulan/daftar/a.md", "usulan/daftar/a/", {"x.md"})


def test_addresses_follow_mkdocs() -> None:
    assert frame.url_of("index.md") == ""
    assert frame.url_of("usulan/index.md") == "usulan/"
    assert frame.url_of("usulan/a-1.md") == "usulan/a-1/"
    assert frame.url_of("usulan/daftar/status-diterima/2.md") == "usulan/daftar/status-diterima/2/"
    assert frame.url_of("berita/archive/2023/page/2.md") == "berita/archive/2023/page/2/"
    assert frame.framed("usulan/a-1.md") and frame.framed("usulan/daftar/x/index.md")
    assert frame.framed("berita/2023-musrenbangkel-margodadi.md") and frame.framed("berita/page/2.md")
    assert not frame.framed("usulan/index.md") and not frame.framed("berita/index.md")


def test_pages_framed_by_several_processes_are_the_same_bytes(
    framed_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(frame, "PARALLEL_FROM", 1)  # the path large sites take, on this small one
    parallel = build_site(CONTENT, tmp_path, site_url=PUBLIC_URL)
    ours = sorted(p.relative_to(parallel) for p in parallel.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(framed_site) for p in framed_site.rglob("*") if p.is_file())
    assert ours == theirs
    assert [p for p in ours if (parallel / p).read_bytes() != (framed_site / p).read_bytes()] == []


def test_record_text_that_looks_like_a_marker_stays_as_written() -> None:
    shell = frame.Shell(
        head=f'<title>{frame.TITLE}</title><meta content="{frame.DESCRIPTION}"><a href="#bingkaijudul">'
        '<link href="usulan/_bingkai-0/">',
        middle=f"<h1>{frame.TITLE}</h1>",
        tail="</html>",
        toc_label="Daftar isi",
        url="usulan/_bingkai-0/",
    )
    meta = {"title": f"Judul {frame.DESCRIPTION}", "description": f"Isi {frame.TITLE} usulan/_bingkai-0/"}
    page = frame.fill(shell, meta, "<p>isi</p>", "", "usulan/a/", "judul")
    assert page.startswith(f"<title>Judul {frame.DESCRIPTION}</title>")
    assert f'<meta content="Isi {frame.TITLE} usulan/_bingkai-0/">' in page
    assert '<a href="#judul"><link href="usulan/a/">' in page
