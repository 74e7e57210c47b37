"""The field reference of the staff guide, read from the record types themselves so it cannot drift."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from . import model


@dataclass(frozen=True)
class Field:
    name: str
    doc: str
    required: bool


@dataclass(frozen=True)
class Kind:
    name: str  # YAML key or folder
    title: str  # the record type's own one-line doc
    fields: tuple[Field, ...]


NESTED = {
    "rapat": (("peserta", model.Kehadiran), ("sumber", model.Sumber), ("dokumen", model.Dokumen),
              ("ringkasan_usulan", model.RingkasanUsulan)),
    "usulan": (("riwayat", model.Riwayat),),
}  # fmt: skip


TITLES = {
    "wilayah": "Wilayah yang dipakai: provinsi, kota/kabupaten, kecamatan, kelurahan/desa. "
    "Folder content/wilayah/, satu berkas per kode.",
    "opd": "Organisasi perangkat daerah (OPD) tujuan usulan. Folder content/opd/.",
    "peserta": "Pejabat atau kelompok yang hadir dalam rapat. Folder content/peserta/.",
    "seri": "Rangkaian rapat, misalnya musrenbang kelurahan se-kecamatan. Folder content/seri/TAHUN/.",
    "rapat": "Satu rapat: siapa bertemu, di mana, kapan, dan apa yang disepakati. "
    "Folder content/rapat/TAHUN/.",
    "rapat.peserta": "Setiap isian daftar hadir rapat.",
    "rapat.sumber": "Sumber berita rapat.",
    "rapat.dokumen": "Dokumen rapat: tulis `url` atau `berkas`.",
    "rapat.ringkasan_usulan": "Jumlah usulan yang disebut rapat; diperiksa dengan usulan yang tercatat.",
    "usulan": "Satu usulan warga dan riwayat statusnya. Folder content/usulan/TAHUN/.",
    "usulan.riwayat": "Setiap langkah riwayat status usulan, berurutan dari yang paling lama.",
}


def _fields(cls: type) -> tuple[Field, ...]:
    return tuple(
        Field(f.name, f.metadata["doc"], f.metadata["required"])
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if "parser" in f.metadata
    )


def kinds() -> tuple[Kind, ...]:
    """Every record kind, then the lists inside records (`rapat.peserta`, `usulan.riwayat`, …)."""
    found = []
    for name, cls in model.KINDS.items():
        found.append(Kind(name, TITLES[name], _fields(cls)))
        for key, nested in NESTED.get(name, ()):
            found.append(Kind(f"{name}.{key}", TITLES[f"{name}.{key}"], _fields(nested)))
    return tuple(found)
