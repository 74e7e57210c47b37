"""Shared fixtures: copies of the shipped content, and real builds with real MkDocs."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
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


def build_site(content: Path, tmp_path: Path, strict: bool = True, site_url: str | None = None) -> Path:
    """Build `content` for real into tmp_path/site and return the site folder."""
    out = tmp_path / "site"
    build(content, out, tmp_path / "work", strict=strict, site_url=site_url)
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built once for the whole session."""
    tmp = tmp_path_factory.mktemp("shipped")
    return build_site(CONTENT, tmp)


# A real browser: Debian's Chromium driven by Playwright (never `playwright install`).

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SUB_PATH = "musrenbang"
PUBLIC_URL = f"https://contoh.go.id/{SUB_PATH}/"


def require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = "Chromium not found at /usr/bin/chromium: install it with `sudo apt-get install chromium`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves files like a static host: a missing path gets the site's own 404.html, status 404."""

    not_found_page: Path | None = None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404 and self.not_found_page and self.not_found_page.is_file():
            body = self.not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built for a public address under a sub-path, placed under that sub-path."""
    tmp = tmp_path_factory.mktemp("subpath")
    site = build_site(CONTENT, tmp, site_url=PUBLIC_URL)
    root = tmp / "host"
    root.mkdir()
    shutil.copytree(site, root / SUB_PATH)
    return root / SUB_PATH


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve the parent of `folder` on a free loopback port; returns the server and the folder's URL."""
    handler = type("Host", (StaticHost,), {"not_found_page": folder / "404.html"})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder.parent))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/{folder.name}/"


@pytest.fixture(scope="session")
def served(subpath_site: Path) -> Iterator[str]:
    """The site under a sub-path, as a static host would serve it."""
    server, url = serve(subpath_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()
