"""Notice-board prints: what a printed page carries besides its content. A QR code (segno) that
leads to the page online, and the date of the data it was printed from. Hidden on screen; the
print stylesheet (site_templates/assets/extra.css) shows it and hides menus and buttons."""

from __future__ import annotations

import datetime as dt
import io

import segno

from . import formats, htmlblock
from .escape import Md, html_text


def qr_svg(url: str) -> str:
    """An inline SVG QR code for `url`: error correction M, the standard quiet zone of four modules,
    a white background, and a viewBox so the print stylesheet can size it."""
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out,
        kind="svg",
        border=4,
        light="#fff",
        omitsize=True,
        xmldecl=False,
        svgns=True,
        title="Kode QR halaman ini",
        svgclass="mt-qr",
    )
    return out.getvalue().decode("ascii").strip()


def print_block(page_url: str | None, data_date: dt.date | None) -> Md:
    """A raw HTML block for the end of a page. `page_url` is absolute (needs the site's public
    address); without it the printout says only the date of the data."""
    parts = [htmlblock.OPEN, '<div class="mt-cetak" data-pagefind-ignore>']
    if page_url:
        parts.append(qr_svg(page_url))
        parts.append(f"<p>Halaman ini di internet: {html_text(page_url)}</p>")
    if data_date:
        parts.append(f"<p>Dicetak dari data per {html_text(formats.tanggal_panjang(data_date))}.</p>")
    parts += ["</div>", htmlblock.CLOSE]
    return Md("\n".join(parts))
