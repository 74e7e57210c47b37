"""Synthetic data, the standing records: regions (official codes and names), agencies and attendees.

Attendees are officials by role only (no names: the offices are real, the people in this data are
not) and groups by role, counted per meeting. Ids are built here and used by the meeting records.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import contoh_teks as teks
from .contoh_wilayah import Kab, Kec, Kel, Rencana

Record = dict[str, Any]


def kepala(kab: Kab) -> str:
    return "Walikota" if kab.kota else "Bupati"


def lurah(kel: Kel) -> str:
    return f"{'kepala-desa' if kel.desa else 'lurah'}-{kel.slug}"


def lpm(kel: Kel) -> str:
    return f"ketua-{'lpmd' if kel.desa else 'lpmk'}-{kel.slug}"


def wilayah(rencana: Rencana) -> Iterator[Record]:
    yield {"kode": rencana.provinsi[0], "nama": rencana.provinsi[1]}
    for kab in rencana.kab:
        yield {"kode": kab.kode, "nama": kab.nama}
        for kec in kab.kec:
            yield {"kode": kec.kode, "nama": kec.nama}
            for kel in kec.kel:
                yield {"kode": kel.kode, "nama": kel.nama}


def opd(kab: Kab) -> Iterator[Record]:
    for key, (nama, singkatan, urusan) in teks.OPD.items():
        yield {
            "id": f"{key}-{kab.slug}",
            "nama": f"{nama} {kab.nama}",
            "singkatan": singkatan,
            "wilayah": kab.kode,
            "urusan": list(urusan),
        }
    for kec in kab.kec:
        yield {
            "id": f"kecamatan-{kec.slug}",
            "nama": f"Kecamatan {kec.nama}",
            "singkatan": f"Kec. {kec.nama}",
            "wilayah": kab.kode,
            "urusan": ["7.01"],
        }


def _p(id_: str, jabatan: str, unsur: str, wilayah: str, lembaga: str | None = None, **more: Any) -> Record:
    record: Record = {"id": id_, "jabatan": jabatan, "unsur": unsur}
    if lembaga:
        record["lembaga"] = lembaga
    record["wilayah"] = wilayah
    record.update(more)
    return record


def peserta(kab: Kab) -> Iterator[Record]:
    k, pemda = kab.slug, f"Pemerintah {kab.nama}"
    head = kepala(kab)
    yield _p(f"{head.lower()}-{k}", f"{head} {kab.singkat}", "pemerintah-daerah", kab.kode, pemda)
    yield _p(f"wakil-{head.lower()}-{k}", f"Wakil {head} {kab.singkat}", "pemerintah-daerah", kab.kode, pemda)
    yield _p(
        f"sekda-{k}",
        f"Sekretaris Daerah {kab.nama}",
        "pemerintah-daerah",
        kab.kode,
        f"Sekretariat Daerah {kab.nama}",
    )
    bappeda = f"Bappeda {kab.nama}"
    yield _p(f"kepala-bappeda-{k}", f"Kepala {bappeda}", "pemerintah-daerah", kab.kode, bappeda)
    yield _p(f"tim-bappeda-{k}", f"Tim {bappeda}", "pemerintah-daerah", kab.kode, bappeda, kelompok=True)
    yield _p(f"opd-terkait-{k}", f"OPD terkait {pemda}", "pemerintah-daerah", kab.kode, kelompok=True)
    yield _p(
        f"anggota-dprd-{k}", f"Anggota DPRD {kab.nama}", "dprd", kab.kode, f"DPRD {kab.nama}", kelompok=True
    )
    yield _p(f"camat-se-{k}", f"Camat se-{kab.nama}", "kecamatan", kab.kode, kelompok=True)
    for kec in kab.kec:
        yield from _kecamatan(kec)
        for kel in kec.kel:
            yield from _kelurahan(kel)


def _kecamatan(kec: Kec) -> Iterator[Record]:
    c, lembaga = kec.slug, f"Kecamatan {kec.nama}"
    yield _p(f"camat-{c}", f"Camat {kec.nama}", "kecamatan", kec.kode, lembaga)
    yield _p(f"sekcam-{c}", f"Sekretaris Kecamatan {kec.nama}", "kecamatan", kec.kode, lembaga)
    yield _p(
        f"forkopimcam-{c}",
        f"Kapolsek dan Danramil {kec.nama} (Forkopimcam)",
        "kecamatan",
        kec.kode,
        kelompok=True,
    )
    kinds = {kel.desa for kel in kec.kel}
    head = "Lurah dan Kepala Desa" if len(kinds) == 2 else "Kepala Desa" if True in kinds else "Lurah"
    yield _p(f"lurah-se-{c}", f"{head} se-Kecamatan {kec.nama}", "kelurahan", kec.kode, kelompok=True)
    what = "kelurahan dan desa" if len(kinds) == 2 else "desa" if True in kinds else "kelurahan"
    yield _p(
        f"delegasi-{c}",
        f"Delegasi musrenbang {what} se-Kecamatan {kec.nama}",
        "masyarakat",
        kec.kode,
        kelompok=True,
        warga=True,
    )


def _kelurahan(kel: Kel) -> Iterator[Record]:
    s, label = kel.slug, kel.label
    if kel.desa:
        yield _p(lurah(kel), f"Kepala Desa {kel.nama}", "kelurahan", kel.kode, f"Pemerintah {label}")
        yield _p(
            f"sekretaris-{s}", f"Sekretaris Desa {kel.nama}", "kelurahan", kel.kode, f"Pemerintah {label}"
        )
        yield _p(
            f"ketua-bpd-{s}", f"Ketua BPD {kel.nama}", "kelurahan", kel.kode, f"Badan Permusyawaratan {label}"
        )
        yield _p(lpm(kel), f"Ketua LPMD {kel.nama}", "lembaga-kemasyarakatan", kel.kode, f"LPMD {kel.nama}")
    else:
        yield _p(lurah(kel), f"Lurah {kel.nama}", "kelurahan", kel.kode, label)
        yield _p(f"sekretaris-{s}", f"Sekretaris Kelurahan {kel.nama}", "kelurahan", kel.kode, label)
        yield _p(lpm(kel), f"Ketua LPMK {kel.nama}", "lembaga-kemasyarakatan", kel.kode, f"LPMK {label}")
    yield _p(f"ketua-rw-{s}", f"Ketua RW se-{label}", "lembaga-kemasyarakatan", kel.kode, kelompok=True)
    yield _p(f"ketua-rt-{s}", f"Ketua RT se-{label}", "lembaga-kemasyarakatan", kel.kode, kelompok=True)
    yield _p(f"tp-pkk-{s}", f"TP-PKK {label}", "lembaga-kemasyarakatan", kel.kode, kelompok=True)
    yield _p(
        f"karang-taruna-{s}", f"Karang Taruna {label}", "lembaga-kemasyarakatan", kel.kode, kelompok=True
    )
    yield _p(f"babinsa-{s}", f"Babinsa dan Bhabinkamtibmas {label}", "kecamatan", kel.kode, kelompok=True)
    yield _p(
        f"tokoh-masyarakat-{s}",
        f"Tokoh masyarakat, agama, perempuan dan pemuda {label}",
        "masyarakat",
        kel.kode,
        kelompok=True,
        warga=True,
    )
    yield _p(f"warga-{s}", f"Warga {label}", "masyarakat", kel.kode, kelompok=True, warga=True)
