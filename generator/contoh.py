"""Synthetic data for scale tests and benchmarks: `musrenbang contoh --skala … --seed …`.

A pure pipeline from (scale, seed) to files, then one writer:

    rencana (contoh_wilayah) → jadwal (contoh_jadwal) → usulan (contoh_usulan)
    → rapat and seri (contoh_rapat) → YAML text (contoh_yaml) and photos (contoh_foto) → tulis

Every random draw comes from `random.Random` seeded by the seed and the name of what is drawn, and
nothing reads the clock, so the same arguments give byte-identical folders. Files are produced one
kota and one year at a time and written as they come: memory stays small at any scale. Every record
whose type has the field says `contoh: ya`, and every file starts with `# DATA CONTOH (sintetis,
seed N)`. The output is a complete content folder that `musrenbang check --strict` accepts.
"""

from __future__ import annotations

import random
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import model
from .contoh_foto import jpeg
from .contoh_jadwal import jadwal
from .contoh_peserta import opd, peserta, wilayah
from .contoh_rapat import decided, rapat_kelurahan
from .contoh_rapat_kota import id_seri_kota, rapat_kecamatan, rapat_kota, seri_kecamatan, seri_kota
from .contoh_usulan import Record, usulan_kelurahan
from .contoh_wilayah import SKALA, Kab, Rencana, rencana
from .contoh_yaml import dump
from .problems import MusrenbangError

JENIS = ("wilayah", "opd", "peserta", "seri", "rapat", "usulan", "foto")


class ContohError(MusrenbangError):
    """The synthetic data cannot be written where asked."""


@dataclass(frozen=True)
class Berkas:
    """One output file: its kind, its path inside the content folder and its bytes."""

    jenis: str
    jalur: str
    data: bytes


@dataclass(frozen=True)
class Ringkasan:
    folder: Path
    wilayah: str  # "Kelurahan Margodadi, Kota Metro"
    jumlah: dict[str, int]  # files per kind, in the order of JENIS


def berkas(plan: Rencana) -> Iterator[Berkas]:
    """Every file of the plan, standing records first, then one kota and one year at a time."""
    header = f"DATA CONTOH (sintetis, seed {plan.seed})"

    def yaml(jenis: str, jalur: str, record: dict[str, Any]) -> Berkas:
        return Berkas(jenis, jalur, dump(model.KINDS[jenis], record, header).encode("utf-8"))

    for w in wilayah(plan):
        yield yaml("wilayah", f"wilayah/{w['kode']}.yaml", w)
    for kab in plan.kab:
        for o in opd(kab):
            yield yaml("opd", f"opd/{o['id']}.yaml", o)
        for p in peserta(kab):
            yield yaml("peserta", f"peserta/{p['id']}.yaml", p)
    for kab in plan.kab:
        for jenis, tahun, record in _kota(plan, kab):
            yield yaml(jenis, f"{jenis}/{tahun}/{record['id']}.yaml", record)
            for foto in record.get("foto", ()):
                yield Berkas(
                    "foto", foto["berkas"], jpeg(foto["_kunci"], foto["_teks"], foto.get("saat", "rapat"))
                )


def _kota(plan: Rencana, kab: Kab) -> Iterator[tuple[str, int, Record]]:
    """The series, meetings and proposals of one kota, year by year; deferred proposals carry over."""
    ditunda: dict[str, list[Record]] = {}
    photos = plan.skala.foto and kab == plan.kab[0]
    for tahun in plan.tahun:
        j = jadwal(plan, kab, tahun)
        usulan: list[Record] = []
        for kec in kab.kec:
            for kel in kec.kel:
                rng = random.Random(f"{plan.seed}/usulan/{kel.kode}/{tahun}")
                found = usulan_kelurahan(plan, j, kec, kel, ditunda.get(kel.kode, []), rng)
                ditunda[kel.kode] = [u for u in found if u["riwayat"][-1]["keputusan"] == "ditunda"]
                usulan.extend(found)
        done = decided(usulan)
        kota_seri = seri_kota(j)
        rapat: list[Record] = []
        seri: list[Record] = [kota_seri]
        for kec in kab.kec:
            seri.append(seri_kecamatan(j, kec))
            for kel in kec.kel:
                rng = random.Random(f"{plan.seed}/rapat/{kel.kode}/{tahun}")
                rapat.extend(rapat_kelurahan(j, kec, kel, seri[-1]["id"], done, rng))
            rng = random.Random(f"{plan.seed}/rapat/{kec.kode}/{tahun}")
            rapat.append(rapat_kecamatan(j, kec, kota_seri["id"], done, rng))
        rng = random.Random(f"{plan.seed}/rapat/{kab.kode}/{tahun}")
        rapat.extend(rapat_kota(j, id_seri_kota(tahun, kab), done, rng))
        if photos:
            _photos(plan, tahun, rapat, usulan)
        yield from (("seri", tahun, s) for s in seri)
        yield from (("rapat", tahun, r) for r in rapat)
        yield from (("usulan", tahun, u) for u in usulan)


def _photos(plan: Rencana, tahun: int, rapat: list[Record], usulan: list[Record]) -> None:
    """A photo of every kecamatan and kota musrenbang; a site photo of one proposal a year, and before
    and after photos of one funded proposal in the years whose work is done."""
    for r in rapat:
        if r["jenis"] in ("musrenbang-kecamatan", "musrenbang-kota", "musrenbang-kabupaten"):
            name = r["_nama"]
            r["foto"] = [
                {
                    "berkas": f"foto/{tahun}/{r['id']}.jpg",
                    "keterangan": f"Suasana {name} (gambar sintetis untuk data contoh).",
                    "alt": f"Gambar sintetis: spanduk bertuliskan {name} di atas barisan kursi peserta.",
                    "_teks": name,
                    "_kunci": r["id"],
                }
            ]
    rng = random.Random(f"{plan.seed}/foto/{tahun}")
    fisik = sorted((u for u in usulan if _road(u) and len(u["riwayat"]) > 3), key=lambda u: u["id"])
    funded = [u for u in fisik if "anggaran" in u]
    if fisik:
        chosen = rng.choice(fisik)
        chosen["foto"] = [_site(chosen, tahun, "sebelum")]
    if funded and tahun <= plan.tahun[-3]:
        chosen = rng.choice(funded)
        chosen["foto"] = [_site(chosen, tahun, "sebelum"), _site(chosen, tahun, "sesudah")]


def _site(usulan: Record, tahun: int, saat: str) -> Record:
    if saat == "sebelum":
        alt = "Gambar sintetis: jalan tanah berlubang dengan genangan air di antara rumah warga."
        text = f"Kondisi lokasi sebelum dikerjakan: {usulan['judul']}"
    else:
        alt = "Gambar sintetis: jalan beraspal rapi dengan saluran di sisinya, di antara rumah warga."
        text = f"Kondisi lokasi sesudah dikerjakan: {usulan['judul']}"
    return {
        "berkas": f"foto/{tahun}/{usulan['id']}-{saat}.jpg",
        "keterangan": f"{text} (gambar sintetis).",
        "alt": alt,
        "saat": saat,
        "_teks": usulan["judul"],
        "_kunci": usulan["id"],
    }


def _road(usulan: Record) -> bool:
    """A road or a drain: what the drawn site photos show."""
    return usulan["judul"].startswith(("Rehabilitasi jalan", "Pengaspalan jalan", "Pembangunan drainase"))


def tulis(skala: str, seed: int, out: Path, timpa: bool = False) -> Ringkasan:
    """Write the synthetic content folder. A non-empty folder is refused unless `timpa`; then only the
    folders this command writes are replaced."""
    if skala not in SKALA:
        raise ContohError(f"skala tidak dikenal: {skala!r}; pilihan: {', '.join(SKALA)}")
    if out.exists() and not out.is_dir():
        raise ContohError(f"{out} bukan folder")
    if out.is_dir() and any(out.iterdir()):
        if not timpa:
            raise ContohError(f"folder {out} tidak kosong; pilih folder lain atau tambahkan --timpa")
        for jenis in JENIS:
            shutil.rmtree(out / jenis, ignore_errors=True)
    plan = rencana(skala, seed)
    counts: Counter[str] = Counter()
    made: set[Path] = set()
    written: set[str] = set()
    for item in berkas(plan):
        if item.jalur in written:
            raise ContohError(f"berkas {item.jalur} dibuat dua kali (kode pengenal ganda)")
        written.add(item.jalur)
        path = out / item.jalur
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(item.data)
        counts[item.jenis] += 1
    return Ringkasan(out, _where(plan), {jenis: counts[jenis] for jenis in JENIS})


def _where(plan: Rencana) -> str:
    if plan.skala.nama == "provinsi":
        return f"Provinsi {plan.provinsi[1]}"
    kab, kec, kel = plan.kelurahan()[0]
    if plan.skala.nama == "kelurahan":
        return f"{kel.label}, Kecamatan {kec.nama}, {kab.nama}"
    return f"{kab.nama} ({len(kab.kec)} kecamatan, {len(plan.kelurahan())} kelurahan/desa)"
