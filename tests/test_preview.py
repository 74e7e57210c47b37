"""`musrenbang serve` in a real browser: the page reloads itself after a save, and a broken record
shows its problem over the page (file, line, fix) until it is fixed. The built files stay clean."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

MARGODADI = "rapat/2023/2023-musrenbangkel-margodadi.yaml"
PAGE = "berita/2023-musrenbangkel-margodadi/"
# The overlay may be rebuilt while the page reloads: a missing overlay reads as empty text.
OVERLAY_SAYS = (
    "() => (document.querySelector('#pratinjau-masalah') || {innerText: ''}).innerText.includes('%s')"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def preview(content: Path, tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    port = _free_port()
    command = [sys.executable, "-m", "generator.cli", "serve", "--content", str(content)]
    command += ["--out", str(tmp_path / "site"), "--work", str(tmp_path / "w"), "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    try:
        yield url, tmp_path / "site", process
    finally:
        process.terminate()
        process.wait(timeout=10)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_browser_reloads_and_shows_problems(browser, preview, content: Path) -> None:  # type: ignore[no-untyped-def]
    url, site, _ = preview
    page = browser.new_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url + PAGE)
    assert "Aula Kelurahan Margodadi" in page.content()
    page.evaluate("window.tetap = 'belum dimuat ulang'")
    page.wait_for_timeout(1000)  # the preview script has read the current build number

    _edit(content / MARGODADI, "Aula Kelurahan Margodadi", "Balai Warga Margodadi")
    # While the page reloads there is a moment without a body.
    page.wait_for_function(
        "() => document.body && document.body.innerText.includes('Balai Warga Margodadi')", timeout=90_000
    )
    assert page.evaluate("window.tetap === undefined"), "the page was not reloaded"

    _edit(content / MARGODADI, "tanggal: 2023-02-01", "tanggal: 2023-02-30")
    overlay = page.locator("#pratinjau-masalah")
    overlay.wait_for(timeout=90_000)
    page.wait_for_function(
        OVERLAY_SAYS % "2023-02-30",
        timeout=90_000,
    )
    text = overlay.inner_text()
    assert "content/rapat/2023/2023-musrenbangkel-margodadi.yaml:" in text
    assert "tanggal: diharapkan tanggal yang ada di kalender, ditemukan '2023-02-30'" in text
    assert "petunjuk:" in text
    assert "Balai Warga Margodadi" in page.content(), "the last good site stays in place"

    _edit(content / MARGODADI, "tanggal: 2023-02-30", "tanggal: 2023-02-01")
    page.wait_for_function("() => !document.querySelector('#pratinjau-masalah')", timeout=90_000)
    assert blocked == []

    built = (site / PAGE / "index.html").read_text(encoding="utf-8")
    assert "_pratinjau" not in built, "the preview script must never reach the built site"
    page.close()


def test_hostile_problem_text_is_shown_as_text(browser, preview, content: Path) -> None:  # type: ignore[no-untyped-def]
    url, _, _ = preview
    page = browser.new_page()
    page.goto(url + PAGE)
    page.wait_for_timeout(1000)
    _edit(content / MARGODADI, "jenis: musrenbang-kelurahan", 'jenis: "<img src=x onerror=alert(1)>"')
    page.locator("#pratinjau-masalah").wait_for(timeout=90_000)
    page.wait_for_function(
        OVERLAY_SAYS % "<img src=x",
        timeout=90_000,
    )
    assert page.locator("#pratinjau-masalah img").count() == 0
    page.close()


def test_missing_pages_get_the_sites_404(preview) -> None:  # type: ignore[no-untyped-def]
    import urllib.error
    import urllib.request

    url, _, _ = preview
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(url + "tidak-ada/", timeout=10)
    assert missing.value.code == 404
    assert "_pratinjau/muat-ulang.js" in missing.value.read().decode("utf-8")
