"""Seen by a citizen: journeys on a phone and a desktop, reading without JavaScript, accessibility,
keyboard use, links and the 404 page under a sub-path, page weight and screenshots."""

from __future__ import annotations

import gzip
import os
import shutil
import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.conftest import ROOT, serve

ABANDONED = "net::ERR_ABORTED"  # Chromium's failure text for a request dropped by navigation
MAIN = ".md-content"  # the page's own content, without header, menus and footer
AXE = ROOT / ".cache" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
VIEWPORTS = {"ponsel": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
PAGE_TYPES = {
    "beranda": "",
    "berita": "berita/",
    "berita-rapat": "berita/2023-musrenbangkel-margodadi/",
    "kategori": "berita/category/kelurahan-margodadi/",
    "rangkaian": "seri/2023-musrenbangkel-metro-selatan/",
    "usulan-indeks": "usulan/",
    "usulan-daftar": "usulan/daftar/status-ditolak/",
    "usulan": "usulan/contoh-2024-margorejo-005/",
    "wilayah-indeks": "wilayah/",
    "wilayah-kelurahan": "wilayah/18.72.05.1004/",
    "statistik": "statistik/",
    "cari": "cari/",
    "tentang": "tentang/",
    "panduan": "panduan/",
}


class Watch:
    """Console errors, failed requests and requests to other hosts of one page."""

    def __init__(self, page, served: str):  # type: ignore[no-untyped-def]
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        # A request the browser itself abandons because the reader moved on (the favicon of a page
        # left before it arrived) is not the site's failure; a missing file shows as a status.
        page.on("requestfailed", lambda r: None if r.failure == ABANDONED else self.failed.append(r.url))
        page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.on("request", lambda r: self.foreign.append(r.url) if not r.url.startswith(served) else None)

    def assert_clean(self) -> None:
        assert self.errors == [] and self.failed == [] and self.foreign == []


@pytest.fixture(params=sorted(VIEWPORTS))
def page(request, browser, served):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    page.watch = Watch(page, served)
    yield page
    context.close()


def _tap(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.locator(MAIN).first.get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_load_state()


def test_from_home_to_a_proposal_timeline(page, served: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(served)
    _tap(page, "Semua berita")
    assert page.locator("h1").first.inner_text().startswith("Berita Musrenbang")
    _tap(page, "Musrenbang Kelurahan Margodadi 2023")
    assert page.url == served + "berita/2023-musrenbangkel-margodadi/"
    assert "Aula Kelurahan Margodadi" in page.locator(MAIN).first.inner_text()
    _tap(page, "Pembangunan drainase lingkungan RT 008 RW 002")
    assert page.url == served + "usulan/contoh-2024-margodadi-001/"
    steps = page.locator("#riwayat + ol > li")
    assert steps.count() == 2
    assert steps.nth(1).inner_text().startswith("Rabu, 01 Februari 2023: Musrenbang Kelurahan, Diterima")
    _tap(page, "Musrenbang Kelurahan Margodadi 2023")  # the timeline links back to the meeting
    assert page.url == served + "berita/2023-musrenbangkel-margodadi/"
    page.watch.assert_clean()


def test_a_kelurahan_in_two_taps_from_home(page, served: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(served)
    _tap(page, "Kecamatan Metro Selatan")
    _tap(page, "Kelurahan Margodadi")
    assert page.url == served + "wilayah/18.72.05.1004/"
    assert page.locator("h1").first.inner_text().startswith("Kelurahan Margodadi")
    page.watch.assert_clean()


@pytest.mark.parametrize("name, url", sorted(PAGE_TYPES.items()))
def test_reading_works_without_javascript(browser, served: str, name: str, url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["ponsel"])
    page = context.new_page()
    page.goto(served + url)
    article = page.locator(MAIN).first
    assert article.locator("h1").count() >= 1 or name in ("berita", "kategori")
    assert len(article.inner_text()) > 200 or name == "cari"
    if name == "usulan-indeks":
        assert page.locator("#mt-saring").is_hidden()  # the filter needs JavaScript; the lists do not
        assert page.locator(MAIN).first.get_by_role("link", name="Ditolak").count() == 1
    if name == "cari":
        assert "daftar berita" in page.locator("noscript").inner_text()
    context.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    if AXE.is_file():
        return AXE.read_text(encoding="utf-8")
    message = f"axe-core not found at {AXE}: `make test` installs it with npm (needs Node.js)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.mark.parametrize("name, url", sorted(PAGE_TYPES.items()))
def test_no_serious_accessibility_violation(
    browser, served: str, axe_source: str, name: str, url: str
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=VIEWPORTS["ponsel"])
    page = context.new_page()
    page.goto(served + url)
    page.wait_for_load_state("networkidle")
    page.evaluate(axe_source)  # evaluated by the test, not injected as a script: the CSP stays on
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], name
    assert page.locator("html").get_attribute("lang") == "id"
    context.close()


def _focus_path(page, presses: int, until: str = "") -> list[dict]:  # type: ignore[no-untyped-def]
    """What Tab focuses, press by press, up to `presses` or the element with id `until`."""
    seen: list[dict] = []
    for _ in range(presses):
        if seen and until and seen[-1]["id"] == until:
            break
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                """() => {
                  const e = document.activeElement; const s = getComputedStyle(e);
                  return {
                    tag: e.tagName, id: e.id,
                    label: e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40),
                    cls: e.className && e.className.baseVal === undefined ? e.className : '',
                    outline: s.outlineStyle !== 'none' && s.outlineWidth !== '0px',
                    shadow: s.boxShadow !== 'none',
                  };
                }"""
            )
        )
    return seen


def test_keyboard_reaches_menu_search_and_filters_with_visible_focus(browser, served: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=VIEWPORTS["ponsel"])
    page = context.new_page()
    page.goto(served + "usulan/")
    page.wait_for_selector("#mt-saring-urut")
    path = _focus_path(page, 400, until="mt-saring-urut")
    assert path[0]["label"] == "Lewati ke isi"  # skip link first
    menu = [f["label"] for f in path if "md-nav__link" in f["cls"]]
    assert {"Beranda", "Berita", "Wilayah", "Statistik", "Cari"} <= set(menu), "the menu is reachable"
    ids = [f["id"] for f in path]
    for name in ("tahun", "kecamatan", "wilayah", "status", "jenis", "bidang", "urusan", "opd", "urut"):
        assert f"mt-saring-{name}" in ids, name
    assert all(f["outline"] or f["shadow"] for f in path if f["tag"] in ("A", "SELECT", "BUTTON", "INPUT"))
    page.goto(served + "cari/")
    page.wait_for_selector(".pagefind-ui__search-input")
    path = _focus_path(page, 40)
    assert any(f["tag"] == "INPUT" and f["label"].startswith("Cari") for f in path), "search input"
    context.close()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        for key in ("href", "src"):
            if found.get(key) and tag in ("a", "link", "script", "img", "source"):
                self.refs.append(found[key] or "")


def crawl(start: str) -> list[str]:
    """Follow every internal link from `start` over HTTP; return the broken links and anchors."""
    broken: list[str] = []
    pages: dict[str, _Links] = {}
    queue, seen = deque([start]), {start}
    anchors: list[tuple[str, str, str]] = []
    while queue:
        url = queue.popleft()
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            broken.append(f"{error.code} {url}")
            continue
        if "text/html" not in kind:
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        pages[url] = parser
        for ref in parser.refs:
            target, fragment = urldefrag(urljoin(url, ref))
            if not target.startswith(start):
                assert urlsplit(target).scheme in ("https", "http", "mailto"), ref
                continue
            if fragment:
                anchors.append((url, target, fragment))
            if target not in seen:
                seen.add(target)
                queue.append(target)
    for source, target, fragment in anchors:
        if target in pages and fragment not in pages[target].ids:
            broken.append(f"{source} → {target}#{fragment} (no such anchor)")
    return broken


def test_every_link_resolves_under_the_sub_path(served: str) -> None:
    assert crawl(served) == []


def test_a_broken_link_is_caught(subpath_site: Path, tmp_path: Path) -> None:
    """The link check fails when a journey breaks: a scratch copy with one link broken on purpose."""
    scratch = tmp_path / "musrenbang"
    shutil.copytree(subpath_site, scratch)
    post = scratch / "berita" / "2023-musrenbangkel-margodadi" / "index.html"
    html = post.read_text(encoding="utf-8")
    post.write_text(
        html.replace('href="../../usulan/contoh-2024-margodadi-001/"', 'href="../../usulan/hilang/"')
    )
    server, url = serve(scratch)
    try:
        assert crawl(url) == [f"404 {url}usulan/hilang/"]
    finally:
        server.shutdown()


def test_the_404_page_works_under_the_sub_path(browser, served: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(served + "halaman/yang/tidak/ada/", timeout=10)
    assert missing.value.code == 404
    page = browser.new_page()
    failed: list[str] = []
    page.on(
        "response",
        lambda r: failed.append(r.url) if r.status >= 400 and not r.url.endswith("/ada/") else None,
    )
    page.goto(served + "halaman/yang/tidak/ada/")
    assert page.locator("h1").first.inner_text().strip() == "404 - Not found" or "404" in page.title()
    assert failed == []  # its styles and scripts load from the sub-path
    home = page.locator("a.md-header__button.md-logo").get_attribute("href")
    assert home in ("/musrenbang/", "/musrenbang/.")
    page.close()


def test_page_weight_and_screenshots(browser, served: str) -> None:  # type: ignore[no-untyped-def]
    """Bytes a phone downloads, gzip-compressed as a static host would send them (photos excluded)."""
    ARTIFACTS.mkdir(exist_ok=True)
    weights = {}
    for name, url in sorted(PAGE_TYPES.items()):
        context = browser.new_context(viewport=VIEWPORTS["ponsel"])
        page = context.new_page()
        bodies: list[bytes] = []
        page.on("response", lambda r, bodies=bodies: bodies.append(r.body()) if r.status == 200 else None)
        page.goto(served + url)
        page.wait_for_load_state("networkidle")
        weights[name] = sum(len(gzip.compress(body, mtime=0)) for body in bodies)
        page.screenshot(path=str(ARTIFACTS / f"{name}-ponsel.png"), full_page=True)
        context.close()
    print("\nBerat halaman (gzip):")
    for name, size in weights.items():
        print(f"  {name:<20} {size / 1024:7.1f} KB")
    for name in ("beranda", "berita-rapat", "usulan"):
        assert weights[name] < 250 * 1024, (name, weights[name])
    assert all((ARTIFACTS / f"{name}-ponsel.png").stat().st_size > 1000 for name in PAGE_TYPES)


def test_download_the_csv_and_open_the_calendar_link(page, served: str) -> None:  # type: ignore[no-untyped-def]
    import csv as csv_module

    import icalendar

    page.goto(served + "usulan/")
    with page.expect_download() as download:
        page.locator(MAIN).first.get_by_role("link", name="Unduh semua usulan (CSV)").click()
    rows = list(csv_module.DictReader(Path(download.value.path()).read_text(encoding="utf-8").splitlines()))
    assert len(rows) == len(list((ROOT / "content" / "usulan").rglob("*.yaml")))
    assert download.value.suggested_filename == "usulan.csv"
    page.goto(served + "berita/2023-musrenbangkel-sumbersari-bantul/")
    with page.expect_download() as download:
        page.locator(MAIN).first.get_by_role("link", name="Tambahkan ke kalender").click()
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == "rapat-2023-musrenbangkel-sumbersari-bantul@musrenbang-terbuka"
    assert event.decoded("DTSTART").isoformat() == "2023-02-01T06:00:00+00:00"  # 13.00 WIB
    assert str(event["URL"]) == "https://contoh.go.id/musrenbang/berita/2023-musrenbangkel-sumbersari-bantul/"
    # A navigation that turns into a download is reported as an aborted request: that is the download.
    page.watch.failed = [url for url in page.watch.failed if not url.endswith((".csv", ".ics"))]
    page.watch.assert_clean()
