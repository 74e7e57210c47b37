"""Catalog: the checked records linked to each other, with the derived facts pages need.

Built only after every check passed, so every lookup here succeeds. Sorting is explicit and total
(date, then id) so that the same records always give the same pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from . import regions, vocab
from .load import Records
from .model import Peserta, Rapat, Riwayat, Seri, Usulan, Wilayah


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
    peserta: Mapping[str, Peserta]
    seri: Mapping[str, Seri]
    rapat: tuple[Rapat, ...]  # newest first
    usulan: tuple[Usulan, ...]
    decisions: Mapping[str, tuple[Keputusan, ...]]  # by rapat id

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

    def in_seri(self, seri_id: str) -> tuple[Rapat, ...]:
        """Meetings of a series in schedule order."""
        found = [r for r in self.rapat if r.seri == seri_id]
        return tuple(sorted(found, key=schedule_order))

    def attendance(
        self, rapat: Rapat
    ) -> tuple[tuple[str, tuple[tuple[Peserta, int | None, str | None], ...]], ...]:
        """Attendees grouped by unsur, in the order of `vocab.UNSUR`, each group in record order."""
        groups: dict[str, list[tuple[Peserta, int | None, str | None]]] = {}
        for hadir in rapat.peserta:
            who = self.peserta[hadir.peserta]
            groups.setdefault(who.unsur, []).append((who, hadir.jumlah, hadir.keterangan))
        return tuple((vocab.UNSUR[u], tuple(groups[u])) for u in vocab.UNSUR if u in groups)


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
    return Catalog(
        regions=dict(sorted(found.items())),
        peserta={p.id: p for p in sorted(records.peserta, key=lambda p: p.id)},
        seri={s.id: s for s in sorted(records.seri, key=lambda s: s.id)},
        rapat=tuple(reversed(rapat)),
        usulan=tuple(sorted(records.usulan, key=lambda u: u.id)),
        decisions={k: tuple(v) for k, v in sorted(decisions.items())},
    )
