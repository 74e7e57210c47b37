"""The local preview server of `musrenbang serve`: the built site, reloaded in the browser on change.

The files in the output folder stay exactly what `musrenbang build` makes. Only while serving, HTML
responses get one extra script tag (`/_pratinjau/muat-ulang.js`, allowed by the site's own
Content-Security-Policy as a same-origin script). The script polls `/_pratinjau/status`: when a
new build is in place the page reloads; when the records have problems it shows them over the page,
with file and line, until they are fixed.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

PREFIX = "/_pratinjau/"
SCRIPT = Path(__file__).resolve().parent.parent / "site_templates" / "preview" / "muat-ulang.js"
TAG = b'<script src="/_pratinjau/muat-ulang.js" defer></script>'


@dataclass
class State:
    """What the browser asks about: the build number, whether a build runs, and the problems."""

    version: int = 0
    building: bool = False
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def started(self) -> None:
        with self.lock:
            self.building = True

    def finished(self, problems: list[str], replaced: bool) -> None:
        with self.lock:
            self.building = False
            self.problems = list(problems)
            if replaced:
                self.version += 1

    def bump(self) -> None:
        """Pages changed while a build goes on (the quick preview): browsers reload."""
        with self.lock:
            self.version += 1

    def as_json(self) -> bytes:
        with self.lock:
            status = {"versi": self.version, "membangun": self.building, "masalah": self.problems}
        return json.dumps(status, ensure_ascii=False).encode("utf-8")


class Handler(http.server.SimpleHTTPRequestHandler):
    state: State
    root: Path

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0]
        if path == PREFIX + "status":
            self._send(200, "application/json; charset=utf-8", self.state.as_json())
        elif path == PREFIX + "muat-ulang.js":
            self._send(200, "text/javascript; charset=utf-8", SCRIPT.read_bytes())
        else:
            target = Path(self.translate_path(path))
            if target.is_dir() and path.endswith("/"):
                target = target / "index.html"
            if target.is_file() and target.suffix == ".html":
                self._send(200, "text/html; charset=utf-8", _inject(target.read_bytes()))
            elif target.exists():
                super().do_GET()
            else:
                missing = self.root / "404.html"
                body = _inject(missing.read_bytes()) if missing.is_file() else b"404"
                self._send(404, "text/html; charset=utf-8", body)

    def _send(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _inject(page: bytes) -> bytes:
    at = page.rfind(b"</body>")
    return page[:at] + TAG + page[at:] if at >= 0 else page + TAG


def server(out: Path, port: int, state: State) -> http.server.ThreadingHTTPServer:
    """A preview server for the site in `out` on 127.0.0.1 (the folder may be replaced while it runs)."""
    root = out.resolve()
    handler = functools.partial(type("PreviewHandler", (Handler,), {"state": state, "root": root}))
    return http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(root))
    )
