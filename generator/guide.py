"""The field reference of the staff guide, read from the record types themselves so it cannot drift."""

from __future__ import annotations

import argparse
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
    name: str  # "check", or "baru rapat" for a command with kinds
    help: str
    options: tuple[Option, ...]
    kinds: tuple[Command, ...] = ()  # `baru rapat|usulan|wilayah`: each kind has its own options


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:  # type: ignore[type-arg]
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


def _command(name: str, help: str, parser: argparse.ArgumentParser) -> Command:
    options: list[Option] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or "--help" in action.option_strings:
            continue
        if not action.option_strings:
            choices = ", ".join(action.choices) if action.choices else (action.metavar or action.dest)
            options.insert(0, Option(str(choices), action.help or ""))
            continue
        flag = max(action.option_strings, key=len)
        value = f" {action.metavar or action.dest.upper()}" if action.nargs != 0 else ""
        options.append(Option(flag + value, action.help or ""))
    nested = _subcommands(parser)
    kinds: tuple[Command, ...] = ()
    if nested:
        helps = {a.dest: a.help or "" for a in nested._choices_actions}  # type: ignore[attr-defined]
        kinds = tuple(_command(f"{name} {k}", helps.get(k, ""), sub) for k, sub in nested.choices.items())
    return Command(name, help, tuple(options), kinds)


def commands() -> tuple[Command, ...]:
    """Every `musrenbang` command and its options, read from the command-line parser itself."""
    from .cli import parser  # the CLI imports the pipeline, which renders this guide

    top = _subcommands(parser())
    assert top is not None
    helps = {a.dest: a.help or "" for a in top._choices_actions}  # type: ignore[attr-defined]
    return tuple(_command(name, helps.get(name, ""), sub) for name, sub in top.choices.items())
