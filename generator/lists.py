"""Proposal lists: the paginated plain lists that work without JavaScript, one per value of each filter
(year, region, status, type, bidang, urusan, OPD), and the small JSON shards the filter script loads
one kelurahan at a time, so no page and no download grows with the number of proposals."""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import vocab
from .catalog import Catalog
from .model import Usulan
from .stats import status

PER_PAGE = 50
# A meeting post lists this many of the proposals it decided on; a longer list gets a list of its own.
DECISIONS_SHOWN = 50
COLUMNS = (
    "id",
    "judul",
    "wilayah",
    "tahun",
    "jenis",
    "bidang",
    "urusan",
    "opd",
    "status",
    "biaya",
    "tanggal",
)


@dataclass(frozen=True)
class Facet:
    """One plain list: the proposals with one value of one filter, newest first."""

    key: str  # folder name: "status-ditolak", "wilayah-18.72.05", "tahun-2024"
    group: str  # "Status"
    label: str  # "Ditolak"
    items: tuple[Usulan, ...]

    def pages(self) -> list[tuple[Usulan, ...]]:
        return [self.items[i : i + PER_PAGE] for i in range(0, max(len(self.items), 1), PER_PAGE)]


@dataclass(frozen=True)
class Heading:
    """What each page of a list shows of the whole list: its name and size. A page gets this instead of
    the list, so that its inputs (memo.py) change with its own items and the list's size, not with
    every item on the list's other pages."""

    key: str
    group: str
    label: str
    total: int  # items on the whole list
    pages: int

    @classmethod
    def of(cls, facet: Facet) -> Heading:
        return cls(facet.key, facet.group, facet.label, len(facet.items), len(facet.pages()))


def list_path(key: str, number: int = 1) -> str:
    return f"usulan/daftar/{key}/index.md" if number == 1 else f"usulan/daftar/{key}/{number}.md"


GROUPS = ("Tahun rencana", "Wilayah", "Status", "Jenis", "Bidang", "Urusan", "OPD tujuan")


def facet_lists(catalog: Catalog) -> tuple[Facet, ...]:
    found: list[Facet] = []

    def add(group: str, key: str, label: str, items: list[Usulan]) -> None:
        if items:
            found.append(Facet(key, group, label, tuple(items)))

    every = catalog.usulan
    for tahun in sorted({u.tahun_rencana for u in every}, reverse=True):
        add(
            "Tahun rencana",
            f"tahun-{tahun}",
            f"Tahun {tahun}",
            [u for u in every if u.tahun_rencana == tahun],
        )
    for kode, region in catalog.regions.items():
        add("Wilayah", f"wilayah-{kode}", region.label, list(catalog.usulan_in(kode)))
    for key, label in vocab.KEPUTUSAN.items():
        add("Status", f"status-{key}", label, [u for u in every if status(u).keputusan == key])
    for key, label in vocab.JENIS_USULAN.items():
        add("Jenis", f"jenis-{key}", label, [u for u in every if u.jenis == key])
    for key, label in vocab.BIDANG.items():
        add("Bidang", f"bidang-{key}", label, [u for u in every if u.bidang == key])
    for key, label in vocab.URUSAN.items():
        add("Urusan", f"urusan-{key}", f"{key} {label}", [u for u in every if u.urusan == key])
    for key, opd in catalog.opd.items():
        add("OPD tujuan", f"opd-{key}", opd.nama, [u for u in every if catalog.opd_akhir(u).id == key])
    for rapat in catalog.rapat:  # not among the index's groups: the meeting's post links its list
        decided = catalog.decisions.get(rapat.id, ())
        if len(decided) > DECISIONS_SHOWN:
            add("Dibahas dalam rapat", f"rapat-{rapat.id}", catalog.judul(rapat), [d.usulan for d in decided])
    return tuple(found)


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":")) + "\n"


def filter_data(catalog: Catalog) -> dict[str, str]:
    """`usulan/data/indeks.json` (labels and one entry per kelurahan shard) and one shard per kelurahan."""
    shards: dict[str, list[list[object]]] = {}
    for u in catalog.usulan:
        shards.setdefault(u.wilayah, []).append(
            [
                u.id,
                u.judul,
                u.wilayah,
                u.tahun_rencana,
                u.jenis,
                u.bidang,
                u.urusan,
                catalog.opd_akhir(u).id,
                status(u).keputusan,
                u.perkiraan_biaya,
                status(u).tanggal.isoformat(),
            ]
        )
    files = {f"usulan/data/{kode}.json": _dump({"baris": rows}) for kode, rows in sorted(shards.items())}
    labels = {
        "wilayah": {kode: region.label for kode, region in catalog.regions.items()},
        "jenis": dict(vocab.JENIS_USULAN),
        "bidang": dict(vocab.BIDANG),
        "urusan": {k: f"{k} {v}" for k, v in vocab.URUSAN.items()},
        "opd": {k: o.nama for k, o in catalog.opd.items()},
        "status": dict(vocab.KEPUTUSAN),
    }
    parts = [
        {"wilayah": kode, "kecamatan": kode.rsplit(".", 1)[0], "jumlah": len(rows), "berkas": f"{kode}.json"}
        for kode, rows in sorted(shards.items())
    ]
    files["usulan/data/indeks.json"] = _dump(
        {
            "kolom": list(COLUMNS),
            "label": labels,
            "bagian": parts,
            "jumlah": len(catalog.usulan),
            "tahun": sorted({u.tahun_rencana for u in catalog.usulan}, reverse=True),
        }
    )
    return files
