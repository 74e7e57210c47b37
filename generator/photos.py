"""Web versions of staff photos: a few widths, each as WebP and as progressive JPEG, with every byte of
metadata dropped (a phone photo carries the GPS position of the place it was taken, the camera, the
time, sometimes the owner's name). The split follows Lektor's image code: size arithmetic that is
pure (`target_sizes`), small Pillow steps, and file I/O at one edge (`process`).

Renditions are cached by the sha256 of the source bytes, so an unchanged photo is never decoded
again: a build copies its files from the cache. Bump VERSION whenever the processing changes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import struct
import threading
import zlib
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from generator.model import Foto
from generator.problems import MusrenbangError

WIDTHS = (480, 960, 1600)
VERSION = 2  # bump when the processing changes; part of the cache key
MAX_MEGAPIXELS = 50
WEBP_QUALITY = 80
JPEG_QUALITY = 82
FORMATS = ("JPEG", "PNG", "WEBP")  # a multi-picture JPEG from a phone opens as JPEG, format "MPO"
NOT_AN_IMAGE = "berkas ini bukan gambar yang dikenal (JPEG, PNG, WebP)"
CORRUPT = "berkas gambar rusak atau terpotong"
UNREADABLE = "berkas foto tidak dapat dibaca"

# What a broken file makes Pillow's decoders raise; anything else is a bug and should surface.
_BROKEN = (OSError, SyntaxError, ValueError, TypeError, IndexError, EOFError, struct.error, zlib.error)
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class PhotoError(MusrenbangError):
    """A photo cannot be used; .reason is an Indonesian sentence for staff."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    webp: str  # output file name, e.g. "3f2a9c1b7d0e-960.webp"
    jpeg: str  # "3f2a9c1b7d0e-960.jpg"


@dataclass(frozen=True)
class Processed:
    digest: str  # sha256 hex of the source bytes
    width: int  # of the oriented original
    height: int
    renditions: tuple[Rendition, ...]  # ascending width


# --- pure arithmetic ------------------------------------------------------------------------------


def target_sizes(width: int, height: int, widths: Sequence[int] = WIDTHS) -> list[tuple[int, int]]:
    """The sizes to produce, ascending: each of `widths` below the original (never upscale), plus the
    original width itself when it is not above the largest target (a 700-px photo gives 480 and 700, a
    1600-px one 480, 960 and 1600). Heights keep the aspect ratio, rounded half up, at least 1."""
    if width < 1 or height < 1:
        raise ValueError(f"ukuran gambar tidak sah: {width}×{height}")
    chosen = sorted({w for w in widths if 0 < w < width})
    if widths and width <= max(widths):
        chosen.append(width)
    return [(w, max(1, (2 * w * height + width) // (2 * width))) for w in chosen]


def _megapixels(pixels: int) -> str:
    """81000000 → "81", 50200000 → "50,2" (Indonesian decimal comma)."""
    text = f"{pixels / 1_000_000:.1f}".replace(".", ",")
    return text.removesuffix(",0")


def _too_large(pixels: int | None) -> PhotoError:
    if pixels is None:
        return PhotoError(f"gambar terlalu besar: lebih dari {MAX_MEGAPIXELS} megapiksel")
    return PhotoError(
        f"gambar terlalu besar: {_megapixels(pixels)} megapiksel, paling banyak {MAX_MEGAPIXELS}"
    )


def _oriented(size: tuple[int, int], orientation: object) -> tuple[int, int]:
    """The size as shown: EXIF orientations 5 to 8 turn the picture a quarter."""
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


def _looks_like_image(head: bytes) -> bool:
    return head.startswith(_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _names(digest: str, width: int) -> tuple[str, str]:
    stem = f"{digest[:12]}-{width}"
    return f"{stem}.webp", f"{stem}.jpg"


# --- small Pillow steps ---------------------------------------------------------------------------


def _check_pixels(image: Image.Image) -> None:
    """At most MAX_MEGAPIXELS, checked from the header before anything is decoded. (Pillow's own
    check reads process-wide settings; photos are made on several threads at once.)"""
    pixels = image.size[0] * image.size[1]
    if pixels > MAX_MEGAPIXELS * 1_000_000:
        raise _too_large(pixels)


@contextmanager
def _reasons(head: bytes) -> Iterator[None]:
    """Pillow's exceptions as PhotoError with a reason staff can act on."""
    try:
        yield
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        raise _too_large(int(found.group(1)) if found else None) from exc
    except UnidentifiedImageError as exc:
        # A known signature that Pillow cannot read is a broken file, not a foreign one.
        raise PhotoError(CORRUPT if _looks_like_image(head) else NOT_AN_IMAGE) from exc
    except _BROKEN as exc:
        raise PhotoError(CORRUPT) from exc


def _check_whole(image: Image.Image) -> None:
    """Read every byte of the image data without building the full-size picture: PNG chunk CRCs,
    a JPEG decoded at 1/8 scale; WebP has no cheaper way than decoding. A short file raises."""
    if image.format == "PNG":
        image.verify()
        return
    if image.format in ("JPEG", "MPO"):
        image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
    image.load()


def _flatten(image: Image.Image) -> Image.Image:
    """Transparency laid on white, and any mode other than RGB, CMYK or grey made RGB; the result
    carries no info at all, so nothing of the source's metadata can reach an encoder."""
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image.alpha_composite(rgba)
    if image.mode.startswith("I"):  # 16-bit grey PNG: scale, since a plain convert clips at 255
        image = image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    if image.mode not in ("RGB", "CMYK", "L"):
        image = image.convert("RGB")
    image = image.copy()
    image.info = {}
    return image


def _srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """RGB in sRGB: the embedded colour profile (Display P3 from phones, Adobe RGB, CMYK) applied to the
    pixels, since the profile itself is not written. A broken or mismatched profile is ignored."""
    if icc:
        try:
            converted = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), _SRGB, outputMode="RGB"
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            converted = None
        if converted is not None:
            image = converted
    return image.convert("RGB") if image.mode != "RGB" else image


def _decode(data: bytes) -> tuple[Image.Image, bytes | None]:
    """The picture upright, flattened, without metadata, and its colour profile if any; PhotoError
    when it cannot be used."""
    with _reasons(data[:16]):
        with Image.open(io.BytesIO(data), formats=FORMATS) as opened:
            _check_pixels(opened)
            early = _orientation_known(opened)
            opened.load()
            # Turned by its orientation only where `shown_size` reads one, so that the size planned
            # from the header is the size made.
            upright = ImageOps.exif_transpose(opened) if early else opened.copy()
        icc = upright.info.get("icc_profile")
        return _flatten(upright), icc if isinstance(icc, bytes) else None


def _encode(image: Image.Image, icc: bytes | None, size: tuple[int, int]) -> tuple[bytes, bytes]:
    """WebP and progressive JPEG bytes of one size. The colour profile is applied after resizing (the
    same result on fewer pixels). No exif, xmp, icc_profile, comment or dpi is given, and the image
    carries no info, so nothing but pixels is written; the settings are fixed, so the same pixels give
    the same bytes."""
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    image = _srgb(image, icc)
    image.info = {}
    webp, jpeg = io.BytesIO(), io.BytesIO()
    image.save(webp, format="WEBP", quality=WEBP_QUALITY, method=4, exif=b"", xmp=b"", icc_profile=None)
    image.save(jpeg, format="JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True, exif=b"")
    return webp.getvalue(), jpeg.getvalue()


# --- file I/O, at the edge ------------------------------------------------------------------------


def inspect(path: Path) -> tuple[int, int]:
    """The size of the photo as shown (after EXIF orientation), checked without decoding the full
    picture: PhotoError for a file that is not a JPEG, PNG or WebP image, one that is broken or cut
    short, or one above MAX_MEGAPIXELS. The orientation of a PNG is read from an eXIf chunk placed
    before the image data (where the PNG specification puts it)."""
    try:
        with path.open("rb") as file:
            head = file.read(16)
    except OSError as exc:
        raise PhotoError(UNREADABLE) from exc
    with _reasons(head):
        with Image.open(path, formats=FORMATS) as image:
            _check_pixels(image)
            size = _shown_size(image)
            _check_whole(image)
    return size


def _orientation_known(image: Image.Image) -> bool:
    """Whether an opened image's orientation can be read from its header: a PNG without early EXIF
    would be decoded whole by getexif(), so it counts as upright."""
    return image.format != "PNG" or "exif" in image.info


def _shown_size(image: Image.Image) -> tuple[int, int]:
    """An opened (not decoded) image's size as shown, after its EXIF orientation."""
    early = _orientation_known(image)
    return _oriented(image.size, image.getexif().get(0x0112, 1) if early else 1)


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a crash never leaves half a file in the cache."""
    partial = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.part")
    partial.write_bytes(data)
    os.replace(partial, path)


def _sidecar(cache_dir: Path, digest: str) -> Path:
    return cache_dir / f"{digest}-v{VERSION}.json"


def _cached(cache_dir: Path, digest: str, width: int, extension: str) -> Path:
    return cache_dir / f"{digest}-v{VERSION}-{width}.{extension}"


def _cached_size(cache_dir: Path, digest: str) -> tuple[int, int] | None:
    """The oriented size recorded by an earlier run, or None when there is none worth trusting."""
    try:
        recorded = json.loads(_sidecar(cache_dir, digest).read_text(encoding="utf-8"))
        width, height = recorded["width"], recorded["height"]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if type(width) is not int or type(height) is not int or width < 1 or height < 1:
        return None
    return width, height


def _complete(cache_dir: Path, digest: str) -> tuple[int, int] | None:
    """The oriented size when the cache holds the sidecar and every rendition, else None."""
    size = _cached_size(cache_dir, digest)
    if size is None:
        return None
    for width, _ in target_sizes(*size):
        if not all(_cached(cache_dir, digest, width, ext).is_file() for ext in ("webp", "jpg")):
            return None
    return size


def _produce(data: bytes, digest: str, cache_dir: Path) -> tuple[int, int]:
    """Decode once, store what the cache lacks (renditions first, the sidecar last), return the size."""
    image, icc = _decode(data)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for target in target_sizes(*image.size):
        webp_path = _cached(cache_dir, digest, target[0], "webp")
        jpeg_path = _cached(cache_dir, digest, target[0], "jpg")
        if webp_path.is_file() and jpeg_path.is_file():
            continue
        webp, jpeg = _encode(image, icc, target)
        _write(webp_path, webp)
        _write(jpeg_path, jpeg)
    record = {"version": VERSION, "width": image.width, "height": image.height}
    _write(_sidecar(cache_dir, digest), json.dumps(record).encode("utf-8"))
    return image.size


def process(source: Path, out_dir: Path, cache_dir: Path) -> Processed:
    """Write every rendition of `source` into `out_dir`, copied from `cache_dir`; what the cache lacks
    is produced and stored there first. When the cache holds everything, the image is not opened."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise PhotoError(UNREADABLE) from exc
    digest = hashlib.sha256(data).hexdigest()
    width, height = _complete(cache_dir, digest) or _produce(data, digest, cache_dir)
    done = _processed(digest, width, height)
    out_dir.mkdir(parents=True, exist_ok=True)
    for rendition in done.renditions:
        for name, kind in ((rendition.webp, "webp"), (rendition.jpeg, "jpg")):
            target = out_dir / name
            # A name holds the photo's digest: a file of that name and size is this rendition.
            cached = _cached(cache_dir, digest, rendition.width, kind)
            if not target.is_file() or target.stat().st_size != cached.stat().st_size:
                shutil.copyfile(cached, target)
    return done


def _processed(digest: str, width: int, height: int) -> Processed:
    renditions = [Rendition(w, h, *_names(digest, w)) for w, h in target_sizes(width, height)]
    return Processed(digest, width, height, tuple(renditions))


def plan(source: Path, cache_dir: Path) -> tuple[Processed, bool]:
    """What `process` will make of `source`, known without decoding the picture (its digest, and its
    size from the cache or the header), and whether the cache already holds all of it. The pages can
    be rendered from the plan while another process makes the files (see images.py)."""
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise PhotoError(UNREADABLE) from exc
    digest = hashlib.sha256(data).hexdigest()
    cached = _complete(cache_dir, digest)
    if cached is not None:
        return _processed(digest, *cached), True
    with _reasons(data[:16]):
        with Image.open(io.BytesIO(data), formats=FORMATS) as image:
            _check_pixels(image)
            return _processed(digest, *_shown_size(image)), False


def process_all(fotos: Iterable[Foto], content: Path, work: Path) -> dict[str, Processed]:
    """Web versions of the given photos, each made once (the cache in `work` survives between
    builds), by their path in the content folder."""
    names = list(dict.fromkeys(foto.berkas for foto in fotos))
    # Pillow lets go of the interpreter lock while it decodes, resizes and encodes: threads use every core.
    with ThreadPoolExecutor(min(os.cpu_count() or 1, 4)) as pool:
        done = pool.map(lambda name: process(content / name, work / "foto", work / "foto-cache"), names)
        return dict(zip(names, done, strict=True))
