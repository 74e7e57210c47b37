"""Catalog: the checked records linked to each other, with the derived facts pages need.

Built only after every check passed, so every lookup here succeeds. Sorting is explicit and total
(date, then id) so that the same records always give the same pages.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from . import regions, stats, vocab
from .load import Records
from .model import Opd, Peserta, Rapat, Riwayat, Seri, Usulan, Wilayah
from .stats import status

T = TypeVar("T")


@dataclass(frozen=True)
class Region:
    """A region with its official kind and label."""

    wilayah: Wilayah
    jenis: str  # official kind: kota, kelurahan, …
    label: str  # "Kelurahan Margodadi"


@dataclass(frozen=True)
class Keputusan:
    """One decision on a proposal, as a meeting post lists it."""

    usulan: Usulan
    riwayat: Riwayat


@dataclass(frozen=True)
class Catalog:
    regions: Mapping[str, Region]
    opd: Mapping[str, Opd]
    peserta: Mapping[str, Peserta]
    seri: Mapping[str, Seri]
    rapat: tuple[Rapat, ...]  # newest first
    usulan: tuple[Usulan, ...]
    decisions: Mapping[str, tuple[Keputusan, ...]]  # by rapat id
    continued_by: Mapping[str, Usulan]  # deferred usulan id → the usulan that carries it on
    rapat_by_id: Mapping[str, Rapat]
    usulan_by_id: Mapping[str, Usulan]
    # Indexes built once, so that every page's lookups cost the size of their answer, not of the
    # whole catalog: records by every region they lie in, meetings by series.
    usulan_under: Mapping[str, tuple[Usulan, ...]]
    rapat_under: Mapping[str, tuple[Rapat, ...]]
    rapat_by_seri: Mapping[str, tuple[Rapat, ...]]
    # Queries whose answer follows from their arguments alone (a record argument by every field, and
    # the code): a page has those arguments from its context or from reads the memo notes, so these
    # need no note of their own (memo.Traced); a city's proposal pages made 8,000 such reads.
    ARGUMENTS_ONLY: ClassVar[frozenset[str]] = frozenset({"dialihkan", "volumes", "zona", "zona_wilayah"})

    def usulan_in(self, kode: str) -> tuple[Usulan, ...]:
        """Proposals located in a region or below it, newest first."""
        return self.usulan_under.get(kode, ())

    def rapat_in(self, kode: str) -> tuple[Rapat, ...]:
        """Meetings held in a region or below it, newest first."""
        return self.rapat_under.get(kode, ())

    # The queries below answer with what a page shows of many records (a count, the newest few, the
    # figures), not with the records: a page that reads them is rendered again (memo.py) only when
    # what it shows changes, not when any of the records counted does.

    def jumlah_usulan(self, kode: str | None = None) -> int:
        """How many proposals lie in a region or below it (None: everywhere)."""
        return len(self.usulan if kode is None else self.usulan_in(kode))

    def jumlah_rapat(self, kode: str | None = None) -> int:
        """How many meetings were held in a region or below it (None: everywhere)."""
        return len(self.rapat if kode is None else self.rapat_in(kode))

    def usulan_terbaru(self, n: int, kode: str | None = None) -> tuple[Usulan, ...]:
        """The `n` newest proposals in a region or below it (None: everywhere)."""
        return (self.usulan if kode is None else self.usulan_in(kode))[:n]

    def rapat_terbaru(self, n: int, kode: str | None = None) -> tuple[Rapat, ...]:
        """The `n` newest meetings in a region or below it (None: everywhere)."""
        return (self.rapat if kode is None else self.rapat_in(kode))[:n]

    def angka(self, kode: str | None = None, tahun: int | None = None) -> stats.Statistik:
        """The statistics of the proposals in a region or below it (None: everywhere) for a plan year
        (None: every year)."""
        return self._figures.statistik(kode, tahun)

    def angka_wilayah(self, tahun: int | None = None) -> stats.RegionRows:
        """The figures of a plan year (None: every year) by region (stats.by_region)."""
        return self._figures.by_region(self, tahun)

    @functools.cached_property
    def _figures(self) -> stats.Figures:
        return stats.Figures(self.usulan, lambda u: self.opd_akhir(u).nama)

    def children(self, kode: str) -> tuple[Region, ...]:
        return tuple(r for c, r in self.regions.items() if regions.parent(c) == kode)

    def roots(self) -> tuple[Region, ...]:
        return tuple(r for c, r in self.regions.items() if regions.parent(c) not in self.regions)

    def opd_akhir(self, usulan: Usulan) -> Opd:
        return self.opd[usulan.opd_tujuan_akhir or usulan.opd_tujuan_awal]

    def dialihkan(self, usulan: Usulan) -> bool:
        return bool(usulan.opd_tujuan_akhir) and usulan.opd_tujuan_akhir != usulan.opd_tujuan_awal

    def volumes(self, usulan: Usulan) -> tuple[int | float, ...]:
        """The volume as proposed, then each revision that changed it."""
        found = [usulan.volume]
        for step in usulan.riwayat:
            if step.volume is not None and step.volume != found[-1]:
                found.append(step.volume)
        return tuple(found)

    def region(self, kode: str) -> Region:
        return self.regions[kode]

    def region_path(self, kode: str) -> tuple[Region, ...]:
        """The region and its parents up to the province, nearest first."""
        path = []
        code: str | None = kode
        while code:
            if code in self.regions:
                path.append(self.regions[code])
            code = regions.parent(code)
        return tuple(path)

    def zona_wilayah(self, kode: str) -> str:
        return regions.zona(kode)

    def zona(self, rapat: Rapat) -> str:
        return rapat.zona_waktu or regions.zona(rapat.wilayah)

    def nama_rapat(self, rapat: Rapat) -> str:
        """ "Musrenbang Kelurahan Margodadi": the stage and the region, the kind word said once."""
        stage = vocab.JENIS_RAPAT[rapat.jenis]
        region = self.region(rapat.wilayah).label
        kind, _, name = region.partition(" ")
        return f"{stage} {name}" if stage.split()[-1] == kind else f"{stage} {region}"

    def judul(self, rapat: Rapat) -> str:
        """The post title: the record's own, or the meeting's name and year."""
        return rapat.judul or f"{self.nama_rapat(rapat)} {rapat.tanggal.year}"

    def judul_by_id(self, rapat_id: str) -> str:
        """The post title of the meeting `rapat_id`: a page that names a meeting reads only this, and
        is not rendered again when another of the meeting's fields changes (memo.py)."""
        return self.judul(self.rapat_by_id[rapat_id])

    def in_seri(self, seri_id: str) -> tuple[Rapat, ...]:
        """Meetings of a series in schedule order."""
        return self.rapat_by_seri.get(seri_id, ())

    def attendance(
        self, rapat: Rapat
    ) -> tuple[tuple[str, tuple[tuple[Peserta, int | None, str | None], ...]], ...]:
        """Attendees grouped by unsur, in the order of `vocab.UNSUR`, each group in record order."""
        groups: dict[str, list[tuple[Peserta, int | None, str | None]]] = {}
        for hadir in rapat.peserta:
            who = self.peserta[hadir.peserta]
            groups.setdefault(who.unsur, []).append((who, hadir.jumlah, hadir.keterangan))
        return tuple((vocab.UNSUR[u], tuple(groups[u])) for u in vocab.UNSUR if u in groups)


def _under(items: tuple[T, ...], code: Callable[[T], str]) -> dict[str, tuple[T, ...]]:
    """Items by their own region and every region above it, in the order given."""
    found: dict[str, list[T]] = {}
    for item in items:
        kode: str | None = code(item)
        while kode:
            found.setdefault(kode, []).append(item)
            kode = regions.parent(kode)
    return {k: tuple(v) for k, v in found.items()}


def proposal_order(usulan: Usulan) -> tuple[object, ...]:
    """Newest first by the date of the latest step, then by id."""
    return (-status(usulan).tanggal.toordinal(), usulan.id)


def schedule_order(rapat: Rapat) -> tuple[object, ...]:
    """Date, then start time (an unknown hour first: sources name the day's first meeting without
    one), then id."""
    return (rapat.tanggal, rapat.mulai is not None, rapat.mulai or dt.time.min, rapat.id)


def build_catalog(records: Records) -> Catalog:
    found = {}
    for w in records.wilayah:
        official = regions.official(w.kode)
        assert official is not None  # checked
        found[w.kode] = Region(w, official.jenis, regions.label(official.jenis, official.nama))
    rapat = tuple(sorted(records.rapat, key=schedule_order))
    decisions: dict[str, list[Keputusan]] = {}
    for u in sorted(records.usulan, key=lambda u: u.id):
        for step in u.riwayat:
            if step.rapat:
                decisions.setdefault(step.rapat, []).append(Keputusan(u, step))
    by_seri: dict[str, list[Rapat]] = {}
    for r in rapat:  # schedule order
        if r.seri:
            by_seri.setdefault(r.seri, []).append(r)
    newest_first = tuple(reversed(rapat))
    usulan = tuple(sorted(records.usulan, key=proposal_order))
    return Catalog(
        regions=dict(sorted(found.items())),
        peserta={p.id: p for p in sorted(records.peserta, key=lambda p: p.id)},
        seri={s.id: s for s in sorted(records.seri, key=lambda s: s.id)},
        rapat=newest_first,
        usulan=usulan,
        decisions={k: tuple(v) for k, v in sorted(decisions.items())},
        continued_by={u.lanjutan_dari: u for u in records.usulan if u.lanjutan_dari},
        rapat_by_id={r.id: r for r in records.rapat},
        usulan_by_id={u.id: u for u in records.usulan},
        opd={o.id: o for o in sorted(records.opd, key=lambda o: o.id)},
        usulan_under=_under(usulan, lambda u: u.wilayah),
        rapat_under=_under(newest_first, lambda r: r.wilayah),
        rapat_by_seri={k: tuple(v) for k, v in by_seri.items()},
    )
