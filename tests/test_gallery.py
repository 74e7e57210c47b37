"""Photos in the built site: records with photos, galleries with a lightbox, before/after pairs,
no metadata in any published image, the cache, and clear errors for bad photos."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from generator.build import check_records
from tests.conftest import build_site, soup

MARGODADI = "rapat/2023/2023-musrenbangkel-margodadi.yaml"
USULAN = "usulan/2023/contoh-2024-margodadi-001.yaml"


def _phone_photo(
    path: Path,
    size: tuple[int, int] = (1600, 1200),
    orientation: int = 6,
    colour: tuple[int, int, int] = (120, 160, 90),
) -> None:
    """A JPEG as a phone writes it: EXIF with the camera, a GPS position and an orientation."""
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x010F] = "Kamera Ponsel"  # Make
    exif[0x0112] = orientation
    exif[0x8825] = {1: "S", 2: (5.0, 7.0, 30.0), 3: "E", 4: (105.0, 18.0, 0.0)}  # GPS of a house
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="JPEG", exif=exif.tobytes())


def _add(content: Path, relative: str, text: str) -> None:
    path = content / relative
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _with_photos(content: Path) -> None:
    _phone_photo(content / "foto" / "2023" / "margodadi-1.jpg")
    _phone_photo(content / "foto" / "2023" / "margodadi-2.jpg", (1200, 900), orientation=1)
    _phone_photo(content / "foto" / "usulan" / "drainase-sebelum.jpg", (900, 600), orientation=1)
    _phone_photo(content / "foto" / "usulan" / "drainase-sesudah.jpg", (900, 600), 1, (90, 90, 200))
    _add(
        content,
        MARGODADI,
        "foto:\n"
        "  - berkas: foto/2023/margodadi-1.jpg\n    keterangan: Peserta musrenbang (foto contoh)\n"
        "    alt: Warga duduk di aula mendengarkan paparan\n"
        "  - berkas: foto/2023/margodadi-2.jpg\n    keterangan: Penandatanganan berita acara (foto contoh)\n"
        "    alt: Lurah menandatangani berita acara\n",
    )
    _add(
        content,
        USULAN,
        "foto:\n"
        "  - berkas: foto/usulan/drainase-sesudah.jpg\n    keterangan: Saluran baru\n    alt: Saluran beton\n"
        "    saat: sesudah\n"
        "  - berkas: foto/usulan/drainase-sebelum.jpg\n    keterangan: Air menggenang\n"
        "    alt: Jalan tergenang\n    saat: sebelum\n",
    )


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tests.conftest import CONTENT

    tmp = tmp_path_factory.mktemp("foto")
    content = tmp / "content"
    shutil.copytree(CONTENT, content)
    _with_photos(content)
    return build_site(content, tmp)


def test_gallery_uses_picture_with_sizes_and_a_lightbox(photo_site: Path) -> None:
    post = soup(photo_site / "berita" / "2023-musrenbangkel-margodadi" / "index.html")
    figures = post.select(".mt-galeri figure.mt-foto")
    assert len(figures) == 2
    first, second = (f.find("img") for f in figures)
    assert first.get("loading") is None and second["loading"] == "lazy"  # the first is above the fold
    assert first["alt"] == "Warga duduk di aula mendengarkan paparan"
    assert (int(first["width"]), int(first["height"])) == (960, 1280)  # oriented: a portrait photo
    webp = figures[0].find("source", type="image/webp")["srcset"]
    assert [part.split()[1] for part in webp.split(", ")] == ["480w", "960w", "1200w"]
    for candidate in [*webp.split(", "), *first["srcset"].split(", ")]:
        assert (
            (photo_site / "berita" / "2023-musrenbangkel-margodadi" / candidate.split()[0])
            .resolve()
            .is_file()
        )
    link = figures[0].find("a")["href"]
    box = post.find(id=link.lstrip("#"))
    assert "mt-lightbox" in box["class"] and box.find("img")["alt"] == first["alt"]


def test_before_and_after_on_the_proposal_page(photo_site: Path) -> None:
    page = soup(photo_site / "usulan" / "contoh-2024-margodadi-001" / "index.html")
    captions = [c.get_text(" ", strip=True) for c in page.select(".mt-galeri figcaption")]
    assert captions == ["Sebelum: Air menggenang", "Sesudah: Saluran baru"]


def test_no_metadata_survives_in_any_published_image(photo_site: Path) -> None:
    published = sorted((photo_site / "foto").iterdir())
    assert len(published) == 2 * (3 + 3 + 2 + 2)
    for path in published:
        raw = path.read_bytes()
        image = Image.open(io.BytesIO(raw))
        assert not image.getexif(), path.name
        assert b"Exif" not in raw and b"GPS" not in raw and b"Kamera Ponsel" not in raw, path.name
        assert b"<x:xmpmeta" not in raw and "icc_profile" not in image.info, path.name


def test_unchanged_photos_are_not_processed_again(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import CONTENT

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    _with_photos(content)
    build_site(content, tmp_path)
    cache = sorted((tmp_path / "work" / "foto-cache").iterdir())
    stamps = {p: p.stat().st_mtime_ns for p in cache}
    build_site(content, tmp_path)
    assert sorted((tmp_path / "work" / "foto-cache").iterdir()) == cache
    assert {p: p.stat().st_mtime_ns for p in cache} == stamps


@pytest.mark.parametrize(
    "setup, yaml_text, expected",
    [
        (
            lambda c: _phone_photo(c / "foto" / "a.jpg"),
            "foto:\n  - berkas: foto/a.jpg\n    keterangan: Aula\n",
            "foto[1].alt: kolom wajib 'alt' belum diisi",
        ),
        (
            lambda c: (c / "foto").mkdir() or (c / "foto" / "a.jpg").write_text("bukan gambar"),
            "foto:\n  - berkas: foto/a.jpg\n    keterangan: Aula\n    alt: Aula\n",
            "foto[1].berkas: berkas ini bukan gambar yang dikenal (JPEG, PNG, WebP)",
        ),
        (
            lambda c: _phone_photo(c / "foto" / "A.jpg"),
            "foto:\n  - berkas: foto/a.jpg\n    keterangan: Aula\n    alt: Aula\n",
            "foto[1].berkas: berkas 'foto/a.jpg' tidak ditemukan",
        ),
        (
            lambda c: None,
            "foto:\n  - berkas: foto/../../rahasia.jpg\n    keterangan: Aula\n    alt: Aula\n",
            "foto[1].berkas: diharapkan jalur di dalam folder content, ditemukan 'foto/../../rahasia.jpg'",
        ),
    ],
    ids=["missing alt", "not an image", "wrong case", "outside content"],
)
def test_bad_photos_are_reported_with_file_and_line(
    content: Path, setup, yaml_text: str, expected: str
) -> None:  # type: ignore[no-untyped-def]
    setup(content)
    _add(content, MARGODADI, yaml_text)
    _, problems = check_records(content)
    errors = [p.format().splitlines()[0] for p in problems if not p.warning]
    assert len(errors) == 1 and errors[0].startswith(f"content/{MARGODADI}:") and errors[0].endswith(expected)
