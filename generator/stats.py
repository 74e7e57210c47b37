"""Statistics of a set of proposals: the funnel, counts and rupiah by bidang, urusan and OPD, proposed
versus accommodated amounts, and rejection reasons ranked. Pure functions over frozen records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import regions, vocab
from .catalog import Catalog, status
from .model import Usulan

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


@dataclass(frozen=True)
class Row:
    """One line of a statistics table: a label, a count and an amount in rupiah."""

    label: str
    jumlah: int
    rupiah: int


@dataclass(frozen=True)
class Statistik:
    jumlah: int
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


def _grouped(
    items: Sequence[Usulan], key: Callable[[Usulan], str], order: Sequence[str] = ()
) -> tuple[Row, ...]:
    counts: Counter[str] = Counter()
    amounts: Counter[str] = Counter()
    for u in items:
        counts[key(u)] += 1
        amounts[key(u)] += u.perkiraan_biaya
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
class RegionRows:
    jenis: tuple[str, ...]  # the kinds of region listed, e.g. ("kecamatan",) or ("desa", "kelurahan")
    rows: tuple[tuple[str, tuple[Usulan, ...]], ...]  # region code and its proposals, in code order
    gathered: bool  # the rows sum regions below them (a kecamatan's kelurahan)


def by_region(catalog: Catalog, items: Sequence[Usulan], limit: int = REGION_ROWS) -> RegionRows:
    """The proposals by region, at the deepest level with at most `limit` regions that have any."""
    codes = {u.wilayah for u in items}
    deepest = level = max((regions.level(c) for c in codes), default=1)
    while level > 1 and len({regions.up_to(c, level) for c in codes}) > limit:
        level -= 1
    grouped: dict[str, list[Usulan]] = {}
    for u in items:
        grouped.setdefault(regions.up_to(u.wilayah, level), []).append(u)
    rows = tuple((kode, tuple(grouped[kode])) for kode in sorted(grouped))
    return RegionRows(tuple(sorted({catalog.region(kode).jenis for kode in grouped})), rows, level < deepest)


def statistik(catalog: Catalog, items: Sequence[Usulan]) -> Statistik:
    reached: Counter[str] = Counter()
    for u in items:
        for stage in {step.tahap for step in u.riwayat}:
            reached[stage] += 1
    funnel = tuple(Row(vocab.TAHAP[t], reached[t], 0) for t in vocab.TAHAP if reached[t])
    reasons: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for u in items:
        for step in u.riwayat:
            if step.keputusan in REJECTED and step.alasan:
                key = " ".join(step.alasan.casefold().split())
                reasons[key] += 1
                shown.setdefault(key, step.alasan)
    ranked = sorted(reasons, key=lambda k: (-reasons[k], k))
    done = [u for u in items if accommodated(u)]
    return Statistik(
        jumlah=len(items),
        perkiraan_biaya=sum(u.perkiraan_biaya for u in items),
        diakomodir=len(done),
        anggaran=sum(u.anggaran or 0 for u in done),
        funnel=funnel,
        status=_grouped(
            items,
            lambda u: vocab.KEPUTUSAN[status(u).keputusan],
            [vocab.KEPUTUSAN[k] for k in vocab.KEPUTUSAN],
        ),
        bidang=_grouped(items, lambda u: vocab.BIDANG[u.bidang], list(vocab.BIDANG.values())),
        urusan=_grouped(items, lambda u: f"{u.urusan} {vocab.URUSAN[u.urusan]}"),
        opd=_top(_grouped(items, lambda u: catalog.opd_akhir(u).nama), OPD_SHOWN, "OPD"),
        alasan_penolakan=_top(tuple(Row(shown[k], reasons[k], 0) for k in ranked), REASONS_SHOWN, "alasan"),
    )
