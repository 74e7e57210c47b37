"""Statistics of a set of proposals: the funnel, counts and rupiah by bidang, urusan and OPD, proposed
versus accommodated amounts, and rejection reasons ranked. Pure functions over frozen records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import vocab
from .catalog import Catalog, status
from .model import Usulan

POSITIVE = frozenset({"diusulkan", "diterima", "diverifikasi", "diakomodir"})
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
        opd=_grouped(items, lambda u: catalog.opd_akhir(u).nama),
        alasan_penolakan=tuple(Row(shown[k], reasons[k], 0) for k in ranked),
    )
