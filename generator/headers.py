"""Headers for hosts: a Content-Security-Policy that the theme's own scripts satisfy.

MkDocs-Material writes a few small inline scripts (they differ only by the page's depth); their
SHA-256 hashes are allowed and nothing else inline is. Pagefind needs WebAssembly
('wasm-unsafe-eval'). Every page gets the policy as a <meta> tag, and `_headers` carries it (with
headers a meta tag cannot set) for hosts that read that file (Netlify, Cloudflare Pages).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
CHARSET = re.compile(r'<meta charset="[^"]*">')


def _inline_hashes(pages: list[tuple[Path, str]]) -> list[str]:
    found = set()
    for _, html in pages:
        for match in SCRIPT.finditer(html):
            attrs = match.group("attrs")
            if "src=" in attrs or "json" in attrs or not match.group("body").strip():  # data, not code
                continue
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            found.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(found)


def policy(hashes: list[str]) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def secure(site: Path) -> str:
    """Write the policy into every page and into `_headers`; returns the policy."""
    pages = [(path, path.read_text(encoding="utf-8")) for path in sorted(site.rglob("*.html"))]
    csp = policy(_inline_hashes(pages))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
    for path, html in pages:
        charset = CHARSET.search(html)
        if charset:  # right after the charset, which must come first
            html = html[: charset.end()] + "\n      " + meta + html[charset.end() :]
            path.write_text(html, encoding="utf-8")
    (site / "_headers").write_text(
        "/*\n"
        f"  Content-Security-Policy: {csp}; frame-ancestors 'self'\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: strict-origin-when-cross-origin\n",
        encoding="utf-8",
    )
    return csp
