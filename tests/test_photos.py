"""Staff photos on the web: resized, upright, and stripped of every byte of metadata (GPS above all),
deterministic, cached by content, and refused with an Indonesian reason when they cannot be used."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms
from PIL.TiffImagePlugin import IFDRational

from generator.photos import (
    VERSION,
    WIDTHS,
    PhotoError,
    Processed,
    inspect,
    plan,
    process,
    target_sizes,
)
from generator.problems import MusrenbangError

XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="6,12.5S"'
    b' exif:GPSLongitude="106,49.0E"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
TRACES = (b"Exif", b"GPS", b"http://ns.adobe.com/xap", b"<x:xmpmeta", b"ICC_PROFILE", b"Budi")
RED = (220, 20, 20)


def _phone_jpeg(width: int, height: int) -> bytes:
    """A photo as stored by a phone held upright: orientation 6, GPS, camera, time, XMP, ICC, a
    comment. The stored top-left quadrant is red; shown upright, it is the top-right one."""
    shade = Image.linear_gradient("L").resize((width, height))
    grey = Image.new("L", (width, height), 120)
    image = Image.merge("RGB", (shade, grey, shade.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    image.paste(RED, (0, 0, width // 2, height // 2))
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "EOS GPS 90D"  # Model
    exif[0x0132] = "2024:03:14 09:26:53"  # DateTime
    exif[0x013B] = "Budi Santoso"  # Artist
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (IFDRational(6), IFDRational(12), IFDRational(305, 10))
    gps[3] = "E"
    gps[4] = (IFDRational(106), IFDRational(49), IFDRational(0))
    gps[0x1B] = b"ASCII\x00\x00\x00GPS"  # GPSProcessingMethod
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif, xmp=XMP, icc_profile=icc, comment=b"Kamera milik Budi")
    return out.getvalue()


@pytest.fixture(scope="module")
def phone_bytes() -> bytes:
    return _phone_jpeg(4000, 3000)


@pytest.fixture
def phone(tmp_path: Path, phone_bytes: bytes) -> Path:
    path = tmp_path / "IMG_20240314_092653.jpg"
    path.write_bytes(phone_bytes)
    return path


@pytest.fixture(scope="module")
def small_phone_bytes() -> bytes:
    return _phone_jpeg(2000, 1500)


@pytest.fixture
def small_phone(tmp_path: Path, small_phone_bytes: bytes) -> Path:
    """The same kind of photo at a quarter of the pixels, for the tests that process it twice."""
    path = tmp_path / "IMG_20240314_092700.jpg"
    path.write_bytes(small_phone_bytes)
    return path


def _bilevel_png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG written by hand: a few MB of zlib for any size, no pixels in memory."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\x00" + bytes((width + 7) // 8)
    compressor = zlib.compressobj(1)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _outputs(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


# --- sizes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "expected"),
    [
        (4000, 3000, [(480, 360), (960, 720), (1600, 1200)]),
        (700, 400, [(480, 274), (700, 400)]),
        (300, 200, [(300, 200)]),
        (3000, 4000, [(480, 640), (960, 1280), (1600, 2133)]),
        (1600, 1200, [(480, 360), (960, 720), (1600, 1200)]),
        (960, 960, [(480, 480), (960, 960)]),
        (1601, 1000, [(480, 300), (960, 600), (1600, 999)]),
        (5000, 3, [(480, 1), (960, 1), (1600, 1)]),
    ],
)
def test_target_sizes(width: int, height: int, expected: list[tuple[int, int]]) -> None:
    assert target_sizes(width, height) == expected


def test_target_sizes_with_other_widths_and_bad_sizes() -> None:
    assert target_sizes(1000, 500, (800, 200)) == [(200, 100), (800, 400)]
    assert target_sizes(100, 50, (800, 200)) == [(100, 50)]
    assert WIDTHS == (480, 960, 1600)
    with pytest.raises(ValueError):
        target_sizes(0, 10)


# --- metadata, orientation, formats ---------------------------------------------------------------


def test_phone_photo_loses_every_trace_and_stands_upright(phone: Path, tmp_path: Path) -> None:
    source = phone.read_bytes()
    assert all(trace in source for trace in TRACES)  # the fixture really carries all of it
    assert Image.open(phone).getexif().get_ifd(0x8825)
    assert inspect(phone) == (3000, 4000)

    out = tmp_path / "out"
    done = process(phone, out, tmp_path / "cache")
    assert (done.width, done.height) == (3000, 4000)
    assert [(r.width, r.height) for r in done.renditions] == [(480, 640), (960, 1280), (1600, 2133)]
    assert re.fullmatch(r"[0-9a-f]{64}", done.digest)
    assert done.renditions[0].webp == f"{done.digest[:12]}-480.webp"
    assert done.renditions[0].jpeg == f"{done.digest[:12]}-480.jpg"
    assert sorted(_outputs(out)) == sorted(n for r in done.renditions for n in (r.webp, r.jpeg))

    for rendition in done.renditions:
        for name, kind in ((rendition.webp, "WEBP"), (rendition.jpeg, "JPEG")):
            data = (out / name).read_bytes()
            for trace in TRACES:
                assert trace not in data, (name, trace)
            with Image.open(out / name) as image:
                assert image.format == kind
                assert image.size == (rendition.width, rendition.height)
                assert not image.getexif() and not image.getexif().get_ifd(0x8825)
                for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"):
                    assert not image.info.get(key), (name, key)
                rgb = image.convert("RGB")
                w, h = image.size
                top_right = rgb.getpixel((w * 3 // 4, h // 8))
                top_left = rgb.getpixel((w // 4, h // 8))
                assert isinstance(top_right, tuple) and isinstance(top_left, tuple)
                assert top_right[0] > 180 and top_right[1] < 60, (name, top_right)
                assert not (top_left[0] > 180 and top_left[1] < 60), (name, top_left)
    with Image.open(out / done.renditions[0].jpeg) as image:
        assert image.info.get("progressive") or image.info.get("progression")


@pytest.mark.parametrize("mode", ["RGBA", "P"])
def test_transparent_png_is_laid_on_white(tmp_path: Path, mode: str) -> None:
    image = Image.new("RGBA", (700, 400), (0, 0, 0, 0))
    image.paste((0, 60, 200, 255), (350, 0, 700, 400))
    if mode == "P":
        image = image.convert("P", palette=Image.Palette.ADAPTIVE, colors=8)
        image.info["transparency"] = image.getpixel((0, 0))
    source = tmp_path / "logo.png"
    image.save(source)
    assert inspect(source) == (700, 400)

    done = process(source, tmp_path / "out", tmp_path / "cache")
    assert [(r.width, r.height) for r in done.renditions] == [(480, 274), (700, 400)]
    for rendition in done.renditions:
        for name in (rendition.webp, rendition.jpeg):
            with Image.open(tmp_path / "out" / name) as result:
                assert result.mode == "RGB" and result.size == (rendition.width, rendition.height)
                left = result.getpixel((10, 10))
                right = result.getpixel((rendition.width - 10, 10))
                assert isinstance(left, tuple) and isinstance(right, tuple)
                assert min(left) > 240, (name, left)
                assert right[2] > 150 and right[0] < 60, (name, right)


def _grey16() -> Image.Image:
    return Image.new("I;16", (1000, 500), 30000)


@pytest.mark.parametrize(
    ("name", "image", "kind", "shade"),
    [
        ("foto.webp", Image.new("RGB", (1000, 500), (10, 140, 90)), "WEBP", (10, 140, 90)),
        ("cetak.jpg", Image.new("CMYK", (1000, 500), (0, 0, 0, 0)), "JPEG", (255, 255, 255)),
        ("abu.jpg", Image.new("L", (1000, 500), 90), "JPEG", (90, 90, 90)),
        ("abu16.png", _grey16(), "PNG", (117, 117, 117)),
    ],
)
def test_other_sources_give_rgb_webp_and_jpeg(
    tmp_path: Path, name: str, image: Image.Image, kind: str, shade: tuple[int, int, int]
) -> None:
    source = tmp_path / name
    image.save(source, kind)
    assert inspect(source) == (1000, 500)
    done = process(source, tmp_path / "out", tmp_path / "cache")
    assert [(r.width, r.height) for r in done.renditions] == [(480, 240), (960, 480), (1000, 500)]
    for rendition in done.renditions:
        for output, format_ in ((rendition.webp, "WEBP"), (rendition.jpeg, "JPEG")):
            with Image.open(tmp_path / "out" / output) as result:
                result.load()
                assert result.format == format_ and result.mode == "RGB"
                assert result.size == (rendition.width, rendition.height)
                pixel = result.getpixel((20, 20))
                assert isinstance(pixel, tuple)
                assert all(abs(a - b) <= 4 for a, b in zip(pixel, shade, strict=True)), (output, pixel)


@pytest.mark.parametrize(("orientation", "size"), [(1, (600, 300)), (8, (300, 600)), (3, (600, 300))])
def test_png_orientation_agrees_between_inspect_and_process(
    tmp_path: Path, orientation: int, size: tuple[int, int]
) -> None:
    exif = Image.Exif()
    exif[0x0112] = orientation
    source = tmp_path / "miring.png"
    Image.new("RGB", (600, 300), (200, 200, 0)).save(source, exif=exif)
    assert inspect(source) == size
    done = process(source, tmp_path / "out", tmp_path / "cache")
    assert (done.width, done.height) == size


def _late_exif_png(path: Path, orientation: int) -> None:
    """A PNG whose eXIf chunk comes after the image data, where the PNG specification forbids it
    but some tools put it: its orientation is not read (see photos.inspect)."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    Image.new("RGB", (600, 300), (200, 200, 0)).save(out, format="PNG", exif=exif)
    data, chunks, at = out.getvalue(), [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        chunks.append(data[at : at + 12 + length])
        at += 12 + length
    exif_chunk = next(c for c in chunks if c[4:8] == b"eXIf")
    rest = [c for c in chunks if c is not exif_chunk]
    path.write_bytes(data[:8] + b"".join(rest[:-1]) + exif_chunk + rest[-1])


def test_a_late_png_orientation_is_ignored_alike_by_inspect_plan_and_process(tmp_path: Path) -> None:
    source = tmp_path / "terlambat.png"
    _late_exif_png(source, 8)
    with Image.open(source) as opened:
        opened.load()
        assert opened.getexif().get(0x0112) == 8  # Pillow reads it once the picture is decoded
    assert inspect(source) == (600, 300)
    planned, cached = plan(source, tmp_path / "cache")
    assert not cached and (planned.width, planned.height) == (600, 300)
    assert process(source, tmp_path / "out", tmp_path / "cache") == planned


@pytest.mark.parametrize("orientation", [1, 6, 8])
def test_the_plan_is_what_process_makes(tmp_path: Path, orientation: int) -> None:
    source = tmp_path / "foto.jpg"
    source.write_bytes(_phone_jpeg(800, 600) if orientation == 6 else _oriented_jpeg(orientation))
    planned, cached = plan(source, tmp_path / "cache")
    assert not cached
    made = process(source, tmp_path / "out", tmp_path / "cache")
    assert made == planned
    assert plan(source, tmp_path / "cache") == (made, True)


def _oriented_jpeg(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 120, 90)).save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


# --- determinism and cache ------------------------------------------------------------------------


def test_same_source_gives_the_same_bytes(small_phone: Path, tmp_path: Path) -> None:
    first = process(small_phone, tmp_path / "out1", tmp_path / "cache1")
    second = process(small_phone, tmp_path / "out2", tmp_path / "cache2")
    assert first == second
    assert _outputs(tmp_path / "out1") == _outputs(tmp_path / "out2")


def test_cached_renditions_are_copied_not_made_again(small_phone: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = process(small_phone, tmp_path / "out1", cache)
    sidecars = list(cache.glob("*.json"))
    assert [path.name for path in sidecars] == [f"{first.digest}-v{VERSION}.json"]
    planted = {}
    for path in cache.iterdir():
        if path.suffix in (".webp", ".jpg"):
            planted[path.name] = f"dari cache: {path.name}".encode()
            path.write_bytes(planted[path.name])
    assert len(planted) == 6

    second = process(small_phone, tmp_path / "out2", cache)
    assert second == first
    outputs = _outputs(tmp_path / "out2")
    for rendition in second.renditions:
        for name, extension in ((rendition.webp, "webp"), (rendition.jpeg, "jpg")):
            assert outputs[name] == planted[f"{first.digest}-v{VERSION}-{rendition.width}.{extension}"]


def test_a_missing_cached_rendition_is_made_again(small_phone: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = process(small_phone, tmp_path / "out1", cache)
    (cache / f"{first.digest}-v{VERSION}-960.webp").unlink()
    assert process(small_phone, tmp_path / "out2", cache) == first
    assert _outputs(tmp_path / "out1") == _outputs(tmp_path / "out2")


# --- refusals -------------------------------------------------------------------------------------


def _refused(path: Path, tmp_path: Path) -> list[str]:
    reasons = []
    for attempt in (lambda: inspect(path), lambda: process(path, tmp_path / "out", tmp_path / "cache")):
        with pytest.raises(PhotoError) as caught:
            attempt()
        assert isinstance(caught.value, MusrenbangError)
        assert str(caught.value) == caught.value.reason
        reasons.append(caught.value.reason)
    assert not (tmp_path / "out").exists()  # refused before anything is written
    return reasons


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("catatan.jpg", "Ini catatan rapat, bukan foto.\n" * 20),
        ("kosong.jpg", ""),
        ("animasi.gif", "GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ],
)
def test_not_an_image(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="latin-1")
    reason = "berkas ini bukan gambar yang dikenal (JPEG, PNG, WebP)"
    assert _refused(path, tmp_path) == [reason, reason]


def test_truncated_jpeg_and_png(tmp_path: Path, phone_bytes: bytes) -> None:
    jpeg = tmp_path / "terpotong.jpg"
    jpeg.write_bytes(phone_bytes[: len(phone_bytes) // 2])
    reason = "berkas gambar rusak atau terpotong"
    assert _refused(jpeg, tmp_path) == [reason, reason]

    png = io.BytesIO()
    Image.linear_gradient("L").resize((600, 400)).save(png, "PNG")
    cut = tmp_path / "terpotong.png"
    cut.write_bytes(png.getvalue()[: len(png.getvalue()) // 2])
    assert _refused(cut, tmp_path) == [reason, reason]

    header_only = tmp_path / "kepala.jpg"
    header_only.write_bytes(phone_bytes[:3])
    assert _refused(header_only, tmp_path) == [reason, reason]


@pytest.mark.parametrize(("side", "shown"), [(9000, "81"), (11000, "121")])
def test_decompression_bomb(tmp_path: Path, side: int, shown: str) -> None:
    path = tmp_path / "besar.png"
    path.write_bytes(_bilevel_png(side, side))
    limit = Image.MAX_IMAGE_PIXELS
    reason = f"gambar terlalu besar: {shown} megapiksel, paling banyak 50"
    assert _refused(path, tmp_path) == [reason, reason]
    assert Image.MAX_IMAGE_PIXELS == limit  # restored, never left changed


def test_just_under_the_limit_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "pas.png"
    path.write_bytes(_bilevel_png(10000, 5000))  # 50.0 megapixels exactly
    assert inspect(path) == (10000, 5000)


def test_processed_is_plain_data() -> None:
    done = Processed("ab" * 32, 10, 5, ())
    with pytest.raises(AttributeError):
        done.width = 3  # type: ignore[misc]
