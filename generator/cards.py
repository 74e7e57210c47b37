"""Share cards: a 1200×630 PNG per news post and region page, drawn with Pillow, so a link pasted
into WhatsApp or Facebook shows a proper preview. Fonts ship with the project (DejaVu Sans, see
site_templates/fonts/LICENSE-DejaVu.txt); nothing is downloaded. Proposal pages reuse the card of
their kelurahan: a card each for 100,000 proposals would cost minutes and gigabytes for little."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parent.parent / "site_templates" / "fonts"
WIDTH, HEIGHT = 1200, 630
MARGIN = 72
BACKGROUND = (0, 105, 92)  # the site's primary colour (#00695c)
TEXT = (255, 255, 255)
MUTED = (204, 229, 226)


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Words in lines no wider than `width`; the last line ends with "…" when the text is longer."""
    lines: list[str] = []
    current = ""
    words = text.split()
    for index, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if font.getlength(trial) <= width or not current:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:
            rest = " ".join([lines[-1], *words[index:]])
            while font.getlength(rest + "…") > width and " " in rest:
                rest = rest.rsplit(" ", 1)[0]
            lines[-1] = rest + "…"
            return lines
    if current:
        lines.append(current)
    return lines[:max_lines]


def card(title: str, details: Sequence[str], site_name: str) -> bytes:
    """The PNG bytes of one card: the title large, up to three detail lines, the site's name."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    y = MARGIN
    draw.text((MARGIN, y), site_name.upper(), font=_font(True, 28), fill=MUTED)
    y += 70
    title_font = _font(True, 60)
    for line in wrap(title, title_font, WIDTH - 2 * MARGIN, 3):
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += 74
    y += 24
    detail_font = _font(False, 34)
    for detail in details[:3]:
        for line in wrap(detail, detail_font, WIDTH - 2 * MARGIN, 1):
            draw.text((MARGIN, y), line, font=detail_font, fill=MUTED)
            y += 48
    draw.rectangle((0, HEIGHT - 16, WIDTH, HEIGHT), fill=(191, 54, 12))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)  # no text chunks, no time: the same input, the same bytes
    return out.getvalue()
