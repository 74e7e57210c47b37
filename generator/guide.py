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


@dataclass(frozen=True)
class Option:
    flags: str  # "--content DIR"
    help: str


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    options: tuple[Option, ...]


def commands() -> tuple[Command, ...]:
    """Every `musrenbang` command and its options, read from the command-line parser itself."""
    from .cli import parser  # the CLI imports the pipeline, which renders this guide

    found = []
    subparsers = parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    helps = {action.dest: action.help or "" for action in subparsers._choices_actions}  # type: ignore[union-attr]
    for name, sub in subparsers.choices.items():  # type: ignore[union-attr]
        options = []
        for action in sub._actions:
            if not action.option_strings or "--help" in action.option_strings:
                continue
            flag = max(action.option_strings, key=len)
            value = f" {action.metavar or action.dest.upper()}" if action.nargs != 0 else ""
            options.append(Option(flag + value, action.help or ""))
        for action in sub._actions:
            if not action.option_strings and action.dest != "help":
                choices = ", ".join(action.choices) if action.choices else (action.metavar or action.dest)
                options.insert(0, Option(str(choices), action.help or ""))
        found.append(Command(name, helps.get(name, ""), tuple(options)))
    return tuple(found)
