"""Synthetic data, the meetings of one kelurahan in one year (rembug warga, pra-musrenbang,
musrenbang kelurahan or desa), and the small helpers every meeting record shares.

Meetings are written after the proposals, so their decisions, counts and `ringkasan_usulan` say
exactly what the proposals record (the check compares them).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from . import contoh_teks as teks
from .contoh_jadwal import (
    Jadwal,
    Rembug,
    id_musrenbang,
    id_pra,
    tahap_kelurahan,
)
from .contoh_peserta import lpm, lurah
from .contoh_wilayah import Kec, Kel
from .model import HARI

Record = dict[str, Any]
Decided = dict[str, list[tuple[Record, Record]]]  # rapat id → (usulan, step)


def hari_tanggal(day: dt.date) -> str:
    """ "Rabu, 1 Februari 2023"."""
    return f"{HARI[day.weekday()]}, {day.day} {teks.BULAN[day.month - 1]} {day.year}"


def tanggal(day: dt.date) -> str:
    return f"{day.day} {teks.BULAN[day.month - 1]} {day.year}"


def decided(usulan: list[Record]) -> Decided:
    found: Decided = {}
    for u in usulan:
        for step in u["riwayat"]:
            if "rapat" in step:
                found.setdefault(step["rapat"], []).append((u, step))
    return found


def hitung(steps: list[tuple[Record, Record]], keputusan: str) -> int:
    return sum(step["keputusan"] == keputusan for _, step in steps)


def ringkasan(steps: list[tuple[Record, Record]]) -> Record | None:
    if not steps:
        return None
    jenis = [u["jenis"] for u, _ in steps]
    return {
        "jumlah": len(steps),
        "fisik": jenis.count("fisik"),
        "non_fisik": jenis.count("non-fisik"),
        "barang": jenis.count("barang"),
        "total_biaya": sum(u["perkiraan_biaya"] for u, _ in steps),
    }


def pilih_jam(rng: random.Random, starts: tuple[str, ...], hours: tuple[int, int]) -> tuple[str, str]:
    start = rng.choice(starts)
    if rng.random() < 0.25:
        return start, "selesai"
    h, m = (int(x) for x in start.split("."))
    end = min(h + rng.randint(*hours), 23)
    return start, f"{end:02d}.{m:02d}"


def hadir(*entries: tuple[str, int | None, str | None]) -> list[Record]:
    found = []
    for peserta, jumlah, keterangan in entries:
        item: Record = {"peserta": peserta}
        if jumlah is not None and jumlah > 1:
            item["jumlah"] = jumlah
        if keterangan:
            item["keterangan"] = keterangan
        found.append(item)
    return found


def total_hadir(peserta: list[Record]) -> int:
    return sum(p.get("jumlah", 1) for p in peserta)


def rapat_dasar(
    id_: str, jenis: str, wilayah: str, day: dt.date, jam: tuple[str, str], tempat: str
) -> Record:
    return {
        "id": id_,
        "contoh": True,
        "jenis": jenis,
        "wilayah": wilayah,
        "tanggal": day,
        "hari": HARI[day.weekday()],
        "mulai": jam[0],
        "selesai": jam[1],
        "tempat": tempat,
    }


def per_bidang(steps: list[tuple[Record, Record]], keputusan: str) -> str:
    by = {b: 0 for b in ("fisik-prasarana", "ekonomi", "sosial-budaya")}
    for u, step in steps:
        if step["keputusan"] == keputusan:
            by[u["bidang"]] += 1
    return (
        f"{by['fisik-prasarana']} bidang fisik dan prasarana, {by['ekonomi']} bidang ekonomi "
        f"dan {by['sosial-budaya']} bidang sosial budaya"
    )


def _judul_contoh(steps: list[tuple[Record, Record]]) -> str:
    titles = sorted({u["judul"] for u, _ in steps})[:2]
    return " dan ".join(t[0].lower() + t[1:] for t in titles)


def rapat_kelurahan(
    j: Jadwal, kec: Kec, kel: Kel, seri: str, done: Decided, rng: random.Random
) -> Iterator[Record]:
    """The rembug warga meetings, the pra-musrenbang and the musrenbang of one kelurahan."""
    jenis_wil = "desa" if kel.desa else "kelurahan"
    pemimpin = "Kepala Desa" if kel.desa else "Lurah"
    for rembug in j.kel[kel.kode].rembug:
        yield _rembug(j, kel, rembug, done.get(rembug.id, []), rng)
    n_rw, n_rt = len(kel.rw), sum(kel.rw)
    places = teks.TEMPAT_DESA if kel.desa else teks.TEMPAT_KELURAHAN
    tempat = rng.choice(places).format(kel=kel.nama)
    steps = done.get(id_pra(j.tahun, kel), [])
    day = j.kel[kel.kode].pra
    record = rapat_dasar(
        id_pra(j.tahun, kel),
        "pra-musrenbang",
        kel.kode,
        day,
        pilih_jam(rng, ("09.00", "13.00"), (2, 3)),
        tempat,
    )
    bpd = [(f"ketua-bpd-{kel.slug}", None, None)] if kel.desa else []
    record["peserta"] = hadir(
        (lurah(kel), None, "memimpin rapat"),
        (f"sekretaris-{kel.slug}", None, None),
        *bpd,
        (lpm(kel), None, None),
        (f"ketua-rw-{kel.slug}", n_rw, None),
        (f"tp-pkk-{kel.slug}", rng.randint(2, 4), None),
        (f"karang-taruna-{kel.slug}", rng.randint(1, 3), None),
        (f"tokoh-masyarakat-{kel.slug}", rng.randint(3, 8), None),
    )
    record["jumlah_peserta"] = total_hadir(record["peserta"]) + rng.randint(0, 6)
    accepted, rejected = hitung(steps, "diterima"), hitung(steps, "ditolak")
    record["agenda"] = [
        f"Pembukaan oleh {pemimpin} {kel.nama}",
        "Rekapitulasi usulan hasil rembug warga setiap RW",
        f"Penilaian usulan menurut kebutuhan warga dan kewenangan {j.kab.tingkat}",
        f"Penetapan rancangan daftar usulan {jenis_wil}",
    ]
    record["keputusan"] = [
        f"{accepted} dari {len(steps)} usulan hasil rembug warga dibawa ke Musrenbang {kel.label}.",
        *(
            [f"{rejected} usulan tidak dilanjutkan; alasannya dicatat pada setiap usulan."]
            if rejected
            else []
        ),
    ]
    record["isi"] = (
        f"Rapat pra-musrenbang {kel.label} pada {hari_tanggal(day)} merekap {len(steps)} usulan hasil "
        f"rembug warga dari {n_rw} RW. {pemimpin} bersama {'LPMD' if kel.desa else 'LPMK'} dan ketua RW "
        "memeriksa kesesuaian setiap usulan dengan kebutuhan warga dan kewenangan pemerintah "
        f"{j.kab.tingkat}."
        f"\n\nSebanyak {accepted} usulan masuk rancangan daftar usulan {jenis_wil} untuk dibahas dalam "
        f"Musrenbang {kel.label} pada {tanggal(j.kel[kel.kode].musrenbang)}."
    )
    yield dengan_tahun(record, j)
    yield _musrenbang(j, kec, kel, seri, done, rng, tempat, n_rw, n_rt)


def dengan_tahun(record: Record, j: Jadwal) -> Record:
    record["tahun_rencana"] = j.tahun + 1
    return record


def _rembug(
    j: Jadwal, kel: Kel, rembug: Rembug, steps: list[tuple[Record, Record]], rng: random.Random
) -> Record:
    jenis_wil = "desa" if kel.desa else "kelurahan"
    rws = range(rembug.rw_awal, rembug.rw_akhir + 1)
    if len(rws) == len(kel.rw):
        scope = f"se-{kel.label}"
    elif len(rws) == 1:
        scope = f"RW {rembug.rw_awal:03d} {kel.label}"
    else:
        scope = f"RW {rembug.rw_awal:03d}–{rembug.rw_akhir:03d} {kel.label}"
    rt = sum(kel.rw[r - 1] for r in rws)
    place = rng.choice(teks.TEMPAT_REMBUG).format(rw=f"{rembug.rw_awal:03d}", rt=f"{rng.randint(1, 3):03d}")
    jam = (
        pilih_jam(rng, ("19.30", "20.00"), (2, 2))
        if rng.random() < 0.6
        else pilih_jam(rng, ("09.00",), (2, 3))
    )
    record = rapat_dasar(rembug.id, "rembug-warga", kel.kode, rembug.tanggal, jam, place)
    record["judul"] = f"Rembug Warga {scope} {j.tahun}"
    officer = (lurah(kel), None, "membuka rembug warga") if rng.random() < 0.3 else None
    record["peserta"] = hadir(
        *([officer] if officer else []),
        (f"ketua-rw-{kel.slug}", len(rws), None),
        (f"ketua-rt-{kel.slug}", rt, None),
        (f"tp-pkk-{kel.slug}", rng.randint(2, 6), None),
        (f"warga-{kel.slug}", rng.randint(15, 60), None),
    )
    record["jumlah_peserta"] = total_hadir(record["peserta"]) + rng.randint(0, 10)
    record["agenda"] = [
        f"Pembukaan oleh ketua RW {rembug.rw_awal:03d}",
        "Inventarisasi masalah dan potensi setiap RT",
        "Penyusunan dan pemeringkatan usulan warga",
        f"Pemilihan wakil warga untuk pra-musrenbang {jenis_wil}",
    ]
    n = len(steps)
    record["keputusan"] = (
        [f"Disepakati {n} usulan untuk dibawa ke pra-musrenbang {jenis_wil}."]
        if n
        else ["Belum ada usulan baru; warga mendukung usulan yang sudah diajukan RW lain."]
    )
    record["isi"] = (
        f"Rembug warga {scope} berlangsung di {place} pada {hari_tanggal(rembug.tanggal)}. "
        f"Warga dari {rt} RT menyampaikan masalah di lingkungan masing-masing, lalu menyusun dan "
        f"mengurutkan usulan untuk rencana pembangunan tahun {j.tahun + 1}."
    )
    if n:
        record["isi"] += f"\n\nRembug menyepakati {n} usulan, antara lain {_judul_contoh(steps)}."
    return dengan_tahun(record, j)


def _musrenbang(
    j: Jadwal,
    kec: Kec,
    kel: Kel,
    seri: str,
    done: Decided,
    rng: random.Random,
    tempat: str,
    n_rw: int,
    n_rt: int,
) -> Record:
    jenis_wil = "desa" if kel.desa else "kelurahan"
    day = j.kel[kel.kode].musrenbang
    rapat_id = id_musrenbang(j.tahun, kel)
    steps = done.get(rapat_id, [])
    jam = pilih_jam(rng, ("08.30", "09.00", "13.00"), (3, 4))
    record = rapat_dasar(rapat_id, tahap_kelurahan(kel), kel.kode, day, jam, tempat)
    record["seri"] = seri
    camat = rng.random() < 0.6
    opener = (f"camat-{kec.slug}", None, f"membuka musrenbang {jenis_wil}")
    deputy = (f"sekcam-{kec.slug}", None, "mewakili Camat")
    bpd = [(f"ketua-bpd-{kel.slug}", None, None)] if kel.desa else []
    record["peserta"] = hadir(
        opener if camat else deputy,
        (lurah(kel), None, None),
        (f"sekretaris-{kel.slug}", None, None),
        *bpd,
        (lpm(kel), None, None),
        (f"ketua-rw-{kel.slug}", n_rw, None),
        (f"ketua-rt-{kel.slug}", max(1, round(n_rt * rng.uniform(0.6, 1.0))), None),
        (f"tp-pkk-{kel.slug}", rng.randint(3, 6), None),
        (f"karang-taruna-{kel.slug}", rng.randint(2, 4), None),
        (f"babinsa-{kel.slug}", 2, None),
        (f"tokoh-masyarakat-{kel.slug}", rng.randint(5, 12), None),
        (f"anggota-dprd-{j.kab.slug}", rng.randint(1, 3), "anggota DPRD daerah pemilihan setempat"),
    )
    record["jumlah_peserta"] = total_hadir(record["peserta"]) + rng.randint(0, 15)
    accepted, rejected = hitung(steps, "diterima"), hitung(steps, "ditolak")
    who = f"Camat {kec.nama}" if camat else f"Sekretaris Kecamatan {kec.nama}"
    record["agenda"] = [
        f"Pembukaan dan sambutan {who}",
        f"Paparan arah kebijakan pembangunan {j.kab.nama} tahun {j.tahun + 1}",
        f"Paparan rancangan daftar usulan {jenis_wil} hasil pra-musrenbang",
        "Pembahasan dan penetapan usulan prioritas per bidang",
        "Pemilihan delegasi musrenbang kecamatan dan penandatanganan berita acara",
    ]
    record["keputusan"] = [
        f"Disepakati {accepted} usulan prioritas {jenis_wil}: {per_bidang(steps, 'diterima')}.",
        *([f"{rejected} usulan tidak masuk daftar prioritas tahun ini."] if rejected else []),
        f"Tiga delegasi {jenis_wil} (unsur {'LPMD' if kel.desa else 'LPMK'}, perempuan dan pemuda) dipilih "
        f"untuk Musrenbang Kecamatan {kec.nama}.",
    ]
    record["isi"] = (
        f"Musrenbang {kel.label} untuk rencana pembangunan tahun {j.tahun + 1} berlangsung di {tempat} pada "
        f"{hari_tanggal(day)} dan dibuka oleh {who}. Musyawarah membahas {len(steps)} usulan hasil "
        f"pra-musrenbang dari {n_rw} RW."
        f"\n\nPeserta menyepakati {accepted} usulan prioritas, terdiri atas {per_bidang(steps, 'diterima')}. "
        f"Usulan prioritas dibawa ke Musrenbang Kecamatan {kec.nama} pada {tanggal(j.kec[kec.kode])}."
    )
    record["ringkasan_usulan"] = ringkasan(steps)
    return dengan_tahun(record, j)


def sebutan_wilayah(kec: Kec) -> str:
    """ "kelurahan", "desa" or "kelurahan dan desa": what the kecamatan's villages are."""
    kinds = {kel.desa for kel in kec.kel}
    return "kelurahan dan desa" if len(kinds) == 2 else "desa" if True in kinds else "kelurahan"
