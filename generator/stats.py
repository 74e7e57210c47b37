"""Statistics of a set of proposals: the funnel, counts and rupiah by bidang, urusan and OPD, proposed
versus accommodated amounts, and rejection reasons ranked. Each proposal is tallied once (`Tally`),
in its own region and plan year, and the tallies are summed up the region tree (`Figures`): every
region's and year's figures in one pass over the records, which the catalog answers pages with."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import regions, vocab
from .model import Riwayat, Usulan

if TYPE_CHECKING:  # the catalog asks for these figures (Catalog.angka)
    from .catalog import Catalog

POSITIVE = frozenset({"diusulkan", "diterima", "diverifikasi", "diakomodir"})
# A chart shows at most this many OPD and rejection reasons, the most frequent first, and sums the rest
# in one "lainnya" bar: a province has hundreds of OPD and reasons are free text, so the statistics
# pages would otherwise grow with the records. The open data has every one.
OPD_SHOWN = 40
REASONS_SHOWN = 15
# The statistics table by region lists the regions of the deepest level that has at most this many:
# kelurahan for a city, kecamatan for a province (whose kecamatan pages list their kelurahan).
REGION_ROWS = 100
REJECTED = frozenset({"ditolak", "tidak-diakomodir"})


def status(usulan: Usulan) -> Riwayat:
    """The latest step of a proposal: its current status."""
    return usulan.riwayat[-1]


@dataclass(frozen=True)
class Row:
    """One line of a statistics table: a label, a count and an amount in rupiah."""

    label: str
    jumlah: int
    rupiah: int


@dataclass(frozen=True)
class Statistik:
    jumlah: int
    contoh: int  # example proposals among them
    perkiraan_biaya: int
    diakomodir: int
    anggaran: int
    funnel: tuple[Row, ...]  # proposals that reached each stage, in stage order
    status: tuple[Row, ...]
    bidang: tuple[Row, ...]
    urusan: tuple[Row, ...]
    opd: tuple[Row, ...]
    alasan_penolakan: tuple[Row, ...]


def accommodated(usulan: Usulan) -> bool:
    """Accommodated: some step says diakomodir and no later step rejects it."""
    found = False
    for step in usulan.riwayat:
        if step.keputusan == "diakomodir":
            found = True
        elif step.keputusan in REJECTED:
            found = False
    return found


GROUPS = ("status", "bidang", "urusan", "opd")  # the tables that count and sum by a label


@dataclass
class Tally:
    """Running sums over a set of proposals, from which its `Statistik` is made. Tallies of sets that
    do not overlap add up: the catalog counts each proposal once, in the tally of its own region and
    year, and sums a region's from those below it (Catalog.angka)."""

    jumlah: int = 0
    contoh: int = 0
    perkiraan_biaya: int = 0
    diakomodir: int = 0
    anggaran: int = 0
    reached: Counter[str] = field(default_factory=Counter)  # by stage
    counts: dict[str, Counter[str]] = field(default_factory=lambda: {g: Counter() for g in GROUPS})
    amounts: dict[str, Counter[str]] = field(default_factory=lambda: {g: Counter() for g in GROUPS})
    reasons: Counter[str] = field(default_factory=Counter)  # rejections by reason, folded
    shown: dict[str, str] = field(default_factory=dict)  # a folded reason shown as its least spelling

    def add(self, usulan: Usulan, opd: str) -> None:
        """Count one proposal, whose last OPD is named `opd`."""
        self.jumlah += 1
        self.contoh += usulan.contoh
        self.perkiraan_biaya += usulan.perkiraan_biaya
        if accommodated(usulan):
            self.diakomodir += 1
            self.anggaran += usulan.anggaran or 0
        self.reached.update({step.tahap for step in usulan.riwayat})
        labels = {
            "status": vocab.KEPUTUSAN[status(usulan).keputusan],
            "bidang": vocab.BIDANG[usulan.bidang],
            "urusan": f"{usulan.urusan} {vocab.URUSAN[usulan.urusan]}",
            "opd": opd,
        }
        for group, label in labels.items():
            self.counts[group][label] += 1
            self.amounts[group][label] += usulan.perkiraan_biaya
        for step in usulan.riwayat:
            if step.keputusan in REJECTED and step.alasan:
                key = " ".join(step.alasan.casefold().split())
                self.reasons[key] += 1
                self.shown[key] = min(self.shown.get(key, step.alasan), step.alasan)

    def merge(self, other: Tally) -> None:
        """Add the sums of another set of proposals."""
        self.jumlah += other.jumlah
        self.contoh += other.contoh
        self.perkiraan_biaya += other.perkiraan_biaya
        self.diakomodir += other.diakomodir
        self.anggaran += other.anggaran
        self.reached.update(other.reached)
        for group in GROUPS:
            self.counts[group].update(other.counts[group])
            self.amounts[group].update(other.amounts[group])
        self.reasons.update(other.reasons)
        for key, text in other.shown.items():
            self.shown[key] = min(self.shown.get(key, text), text)

    def statistik(self) -> Statistik:
        ranked = sorted(self.reasons, key=lambda k: (-self.reasons[k], k))
        return Statistik(
            jumlah=self.jumlah,
            contoh=self.contoh,
            perkiraan_biaya=self.perkiraan_biaya,
            diakomodir=self.diakomodir,
            anggaran=self.anggaran,
            funnel=tuple(Row(vocab.TAHAP[t], self.reached[t], 0) for t in vocab.TAHAP if self.reached[t]),
            status=self._rows("status", [vocab.KEPUTUSAN[k] for k in vocab.KEPUTUSAN]),
            bidang=self._rows("bidang", list(vocab.BIDANG.values())),
            urusan=self._rows("urusan"),
            opd=_top(self._rows("opd"), OPD_SHOWN, "OPD"),
            alasan_penolakan=_top(
                tuple(Row(self.shown[k], self.reasons[k], 0) for k in ranked), REASONS_SHOWN, "alasan"
            ),
        )

    def _rows(self, group: str, order: Sequence[str] = ()) -> tuple[Row, ...]:
        """The rows of one table: the labels in `order` first, then the others, most frequent first."""
        counts, amounts = self.counts[group], self.amounts[group]
        labels = [label for label in order if label in counts]
        labels += sorted((label for label in counts if label not in order), key=lambda k: (-counts[k], k))
        return tuple(Row(label, counts[label], amounts[label]) for label in labels)


def _top(rows: tuple[Row, ...], limit: int, kind: str) -> tuple[Row, ...]:
    """The first `limit` rows, and one row that sums the others ("42 OPD lainnya")."""
    if len(rows) <= limit:
        return rows
    rest = rows[limit - 1 :]
    other = Row(f"{len(rest)} {kind} lainnya", sum(r.jumlah for r in rest), sum(r.rupiah for r in rest))
    return (*rows[: limit - 1], other)


@dataclass(frozen=True)
class RegionRow:
    """The figures of one region in the statistics table by region."""

    kode: str
    jumlah: int
    diakomodir: int
    rupiah: int  # their estimated cost


@dataclass(frozen=True)
class RegionRows:
    jenis: tuple[str, ...]  # the kinds of region listed, e.g. ("kecamatan",) or ("desa", "kelurahan")
    rows: tuple[RegionRow, ...]  # in code order
    gathered: bool  # the rows sum regions below them (a kecamatan's kelurahan)


def by_region(
    catalog: Catalog, codes: Collection[str], tally: Callable[[str], Tally], limit: int = REGION_ROWS
) -> RegionRows:
    """The figures by region at the deepest level with at most `limit` regions, of a set of proposals
    that lie in the regions `codes`; `tally` gives the set's tally in a region and below it."""
    deepest = level = max((regions.level(c) for c in codes), default=1)
    while level > 1 and len({regions.up_to(c, level) for c in codes}) > limit:
        level -= 1
    rows = []
    for kode in sorted({regions.up_to(c, level) for c in codes}):
        here = tally(kode)
        rows.append(RegionRow(kode, here.jumlah, here.diakomodir, here.perkiraan_biaya))
    kinds = tuple(sorted({catalog.region(r.kode).jenis for r in rows}))
    return RegionRows(kinds, tuple(rows), level < deepest)


class Figures:
    """The tally of every region (None: everywhere) and plan year (None: every year), and the figures
    made of them, each once: every proposal is counted once, in its own region's and year's tally,
    then each region's is added to its parent's (the deepest first) and each year's to every year's.
    A city's 4,000 proposals take 0.03 s."""

    def __init__(self, items: Iterable[Usulan], opd: Callable[[Usulan], str]) -> None:
        own: dict[tuple[str, int], Tally] = {}
        for u in items:
            own.setdefault((u.wilayah, u.tahun_rencana), Tally()).add(u, opd(u))
        self.own = frozenset(own)  # the regions and years that have proposals of their own
        regional = dict(own)
        everywhere: dict[int, Tally] = {}  # by year
        for level in range(max((regions.level(kode) for kode, _ in own), default=0), 0, -1):
            for kode, year in sorted(key for key in regional if regions.level(key[0]) == level):
                parent = regions.parent(kode)
                if parent is None:
                    above = everywhere.setdefault(year, Tally())
                else:
                    above = regional.setdefault((parent, year), Tally())
                above.merge(regional[kode, year])
        tallies: dict[tuple[str | None, int | None], Tally] = dict(regional.items())
        tallies.update(((None, year), tally) for year, tally in everywhere.items())
        for where, when in sorted(tallies, key=lambda key: (key[0] or "", key[1] or 0)):
            tallies.setdefault((where, None), Tally()).merge(tallies[where, when])
        self._tallies = tallies
        self._made: dict[tuple[str | None, int | None], Statistik] = {}
        self._tables: dict[int | None, RegionRows] = {}

    def tally(self, kode: str | None, tahun: int | None) -> Tally:
        return self._tallies.get((kode, tahun)) or Tally()

    def statistik(self, kode: str | None, tahun: int | None) -> Statistik:
        if (kode, tahun) not in self._made:
            self._made[kode, tahun] = self.tally(kode, tahun).statistik()
        return self._made[kode, tahun]

    def by_region(self, catalog: Catalog, tahun: int | None) -> RegionRows:
        if tahun not in self._tables:
            codes = {kode for kode, year in self.own if tahun in (None, year)}
            self._tables[tahun] = by_region(catalog, codes, lambda kode: self.tally(kode, tahun))
        return self._tables[tahun]


def statistik(catalog: Catalog, items: Iterable[Usulan]) -> Statistik:
    """The statistics of a set of proposals."""
    tally = Tally()
    for u in items:
        tally.add(u, catalog.opd_akhir(u).nama)
    return tally.statistik()
