"""Share cards and previews: Open Graph and Twitter meta with a generated 1200×630 card."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

from generator.cards import BACKGROUND, BAR, BAR_BOX, HEIGHT, MARGIN, WIDTH, _font, card, layout, wrap
from tests.conftest import PUBLIC_URL, soup


def _meta(page, key: str) -> str | None:  # type: ignore[no-untyped-def]
    found = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    return None if found is None else str(found["content"])


def test_card_is_a_deterministic_1200_by_630_png() -> None:
    data = card("Musrenbang Kelurahan Margodadi 2023", ["Rabu, 01 Februari 2023"], "Musrenbang Terbuka")
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (1200, 630)
    assert not image.info.get("exif") and not any(k.lower().startswith("date") for k in image.info)
    assert data == card(
        "Musrenbang Kelurahan Margodadi 2023", ["Rabu, 01 Februari 2023"], "Musrenbang Terbuka"
    )


def test_palette_card_looks_like_a_full_colour_drawing() -> None:
    title = "Musrenbang Kecamatan Metro Pusat 2024: pembangunan drainase dan jalan lingkungan RT 03"
    details = ["Rabu, 01 Februari 2023, Pukul 13.00 WIB s.d. selesai", "Aula Kecamatan, Kota Metro"]
    reference = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(reference)
    for line in layout(title, details, "Musrenbang Terbuka"):
        pen.text((MARGIN, line.y), line.text, font=line.font, fill=line.colour)
    pen.rectangle(BAR_BOX, fill=BAR)
    assert len(reference.getcolors(1 << 16) or ()) > 256  # anti-aliased text in two colours
    drawn = Image.open(io.BytesIO(card(title, details, "Musrenbang Terbuka")))
    assert drawn.mode == "P"
    difference = ImageChops.difference(reference, drawn.convert("RGB"))
    assert max(high for _, high in difference.getextrema()) <= 1  # of 255, per channel


def test_long_and_hostile_titles_fit_the_card() -> None:
    title = '"><script>alert(1)</script> 👩\u200d🌾 ' + "pembangunan drainase lingkungan " * 20
    font = _font(True, 60)
    lines = wrap(title, font, WIDTH - 144, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= WIDTH - 144 for line in lines)
    Image.open(io.BytesIO(card(title, [title, title], title))).verify()


def test_previews_on_posts_regions_and_proposals(subpath_site: Path) -> None:
    post = soup(subpath_site / "berita" / "2023-musrenbangkel-sumbersari-bantul" / "index.html")
    assert _meta(post, "og:title") == "Musrenbang Kelurahan Sumbersari Bantul 2023"
    assert _meta(post, "og:type") == "article" and _meta(post, "og:locale") == "id_ID"
    assert _meta(post, "og:url") == f"{PUBLIC_URL}berita/2023-musrenbangkel-sumbersari-bantul/"
    image = _meta(post, "og:image")
    assert image == f"{PUBLIC_URL}kartu/berita/2023-musrenbangkel-sumbersari-bantul.png"
    assert Image.open(subpath_site / image.removeprefix(PUBLIC_URL)).size == (1200, 630)
    assert _meta(post, "twitter:card") == "summary_large_image"
    assert "Rabu, 01 Februari 2023" in (_meta(post, "og:description") or "")
    region = soup(subpath_site / "wilayah" / "18.72.05.1004" / "index.html")
    assert _meta(region, "og:title") == "Kelurahan Margodadi"
    assert _meta(region, "og:image") == f"{PUBLIC_URL}kartu/wilayah/18.72.05.1004.png"
    proposal = soup(subpath_site / "usulan" / "contoh-2024-margodadi-001" / "index.html")
    assert (
        _meta(proposal, "og:image") == f"{PUBLIC_URL}kartu/wilayah/18.72.05.1004.png"
    )  # its kelurahan's card
    assert (_meta(proposal, "og:title") or "").startswith("Pembangunan drainase")


def test_without_a_public_address_previews_have_no_image(shipped_site: Path) -> None:
    post = soup(shipped_site / "berita" / "2023-musrenbangkel-margodadi" / "index.html")
    assert _meta(post, "og:title") == "Musrenbang Kelurahan Margodadi 2023"
    assert _meta(post, "og:image") is None and _meta(post, "twitter:card") == "summary"
