"""Synthetic data, the photos: small drawn JPEGs (1200×900) that stand in for phone photos.

A meeting photo shows a banner with the meeting's name above rows of chairs; a proposal photo shows
the site before (a broken road and a puddle) or after (a paved road with a drain). Every shape comes
from a random stream seeded by the photo's name, the fonts ship with the project, and the JPEG is
saved with fixed settings and no metadata: the same name and text always give the same bytes.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

from .cards import _font, wrap

WIDTH, HEIGHT = 1200, 900
QUALITY = 80
LABEL = "DATA CONTOH · gambar sintetis"


def jpeg(name: str, text: str, kind: str) -> bytes:
    """`kind` is "rapat", "sebelum" or "sesudah"; the before and after photos of one place share
    their `name`, so the houses around the road are the same."""
    rng = random.Random(name)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    if kind == "rapat":
        _meeting(draw, rng, text)
    else:
        _site(draw, rng, kind == "sesudah")
    font = _font(True, 22)
    left = WIDTH - 48 - round(font.getlength(LABEL))
    draw.rectangle((left, HEIGHT - 52, WIDTH - 16, HEIGHT - 16), fill=(0, 0, 0))
    draw.text((left + 16, HEIGHT - 46), LABEL, font=font, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=QUALITY, optimize=True)
    return out.getvalue()


def _gradient(
    draw: ImageDraw.ImageDraw, top: int, bottom: int, start: tuple[int, ...], end: tuple[int, ...]
) -> None:
    for y in range(top, bottom):
        t = (y - top) / max(1, bottom - top - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(start, end, strict=True))
        draw.line((0, y, WIDTH, y), fill=colour)


def _meeting(draw: ImageDraw.ImageDraw, rng: random.Random, text: str) -> None:
    wall = (rng.randint(215, 240), rng.randint(205, 230), rng.randint(180, 210))
    _gradient(draw, 0, 520, wall, tuple(c - 40 for c in wall))
    _gradient(draw, 520, HEIGHT, (150, 110, 80), (95, 70, 50))
    banner = (rng.randint(120, 180), rng.randint(10, 40), rng.randint(10, 40))
    draw.rectangle((120, 70, WIDTH - 120, 290), fill=banner, outline=(240, 200, 60), width=6)
    font = _font(True, 44)
    lines = wrap(text.upper(), font, WIDTH - 300, 3)
    for index, line in enumerate(lines):
        y = 180 - 28 * len(lines) + 56 * index
        draw.text((WIDTH // 2, y), line, font=font, fill=(255, 255, 255), anchor="mt")
    draw.rectangle((260, 360, WIDTH - 260, 420), fill=(90, 60, 40))  # the head table
    for row in range(4):
        y = 560 + row * 80
        for col in range(10 - row):
            x = 80 + col * (1040 // (10 - row)) + row * 20 + rng.randint(-8, 8)
            shirt = rng.choice(((30, 80, 160), (200, 200, 200), (120, 30, 40), (40, 120, 70), (230, 180, 60)))
            draw.ellipse((x + 20, y - 70, x + 60, y - 30), fill=(120, 85, 60))
            draw.rounded_rectangle((x + 8, y - 30, x + 72, y + 30), 12, fill=shirt)
            draw.rectangle((x, y + 30, x + 80, y + 44), fill=(60, 60, 70))


def _site(draw: ImageDraw.ImageDraw, rng: random.Random, done: bool) -> None:
    _gradient(draw, 0, 380, (120, 170, 225), (200, 225, 245))
    _gradient(draw, 380, HEIGHT, (110, 140, 80), (80, 105, 60))
    for _ in range(6):  # houses along the road
        x = rng.randint(0, WIDTH - 200)
        wall = (rng.randint(180, 250), rng.randint(170, 240), rng.randint(150, 220))
        draw.rectangle((x, 280, x + 180, 400), fill=wall)
        draw.polygon([(x - 15, 285), (x + 90, 215), (x + 195, 285)], fill=(160, 70, 50))
    road = [(430, 390), (770, 390), (1100, HEIGHT), (100, HEIGHT)]
    if done:
        draw.polygon(road, fill=(150, 150, 155))
        draw.line([(600, 400), (600, HEIGHT)], fill=(240, 240, 240), width=6)
        draw.polygon([(770, 390), (800, 390), (1160, HEIGHT), (1110, HEIGHT)], fill=(120, 120, 125))
    else:
        draw.polygon(road, fill=(140, 110, 80))
        for _ in range(9):
            x, y = rng.randint(250, 900), rng.randint(460, 860)
            w = rng.randint(40, 140)
            draw.ellipse((x, y, x + w, y + w // 3), fill=rng.choice(((90, 70, 50), (110, 140, 160))))
