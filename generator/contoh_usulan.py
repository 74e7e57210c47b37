"""Synthetic data, the proposals of one kelurahan in one year, each with a history that moves through
the stages: accepted, rejected with a real reason, sent back and completed, reassigned to another
agency, deferred to the next year (and then sometimes proposed again with `lanjutan_dari`), or
accommodated in the RKPD and the APBD with an amount. Records are plain dicts in field order.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from . import contoh_teks as teks
from .contoh_jadwal import (
    Jadwal,
    id_forum,
    id_kecamatan,
    id_kota,
    id_musrenbang,
    id_pra,
    id_verifikasi,
    tahap_kelurahan,
    tahap_kota,
)
from .contoh_wilayah import Kec, Kel, Rencana

Record = dict[str, Any]
_WEIGHTED = [t for t in teks.TEMPLAT for _ in range(t.bobot)]
TAMBAHAN = (
    "Usulan ini disepakati dalam rembug warga RW {rw}.",
    "Warga bersedia membantu pengawasan pekerjaan.",
    "Masalah ini sudah disampaikan pada musrenbang tahun sebelumnya.",
    "",
    "",
)


def opd_id(key: str, kec: Kec, kab_slug: str) -> str:
    return f"kecamatan-{kec.slug}" if key == teks.KECAMATAN else f"{key}-{kab_slug}"


def konteks(rencana: Rencana, jadwal: Jadwal, kel: Kel) -> dict[str, str]:
    kab = jadwal.kab
    return {
        "kel": kel.nama,
        "wil": kel.label,
        "jenis_wil": "desa" if kel.desa else "kelurahan",
        "tingkat": kab.tingkat,
        "kab": kab.nama,
        "prov": rencana.provinsi[1],
        "tahun": str(jadwal.tahun + 1),
        "lpm": "Ketua LPMD" if kel.desa else "Ketua LPMK",
        "dana": "Dana Desa" if kel.desa else "Dana Kelurahan",
    }


def usulan_kelurahan(
    rencana: Rencana, jadwal: Jadwal, kec: Kec, kel: Kel, ditunda: list[Record], rng: random.Random
) -> list[Record]:
    """Every proposal of `kel` in the year of `jadwal`: first the deferred ones proposed again, then
    new ones, as many in all as the plan says."""
    count = rencana.jumlah(kel, jadwal.tahun)[1]
    base = konteks(rencana, jadwal, kel)
    found: list[Record] = []
    for old in ditunda:
        if len(found) < count and rng.random() < 0.7:
            found.append(_lanjutan(old, jadwal, kel, len(found) + 1))
    while len(found) < count:
        found.append(_baru(jadwal, kec, kel, base, len(found) + 1, rng))
    for record in found:
        _riwayat(record, jadwal, kec, kel, base, rng)
    _prioritas(found, kel)
    return found


def _baru(
    jadwal: Jadwal, kec: Kec, kel: Kel, base: dict[str, str], number: int, rng: random.Random
) -> Record:
    t = rng.choice(_WEIGHTED)
    rw = rng.randint(1, len(kel.rw))
    values = dict(
        base, rw=f"{rw:03d}", rt=f"{rng.randint(1, kel.rw[rw - 1]):03d}", gang=rng.choice(teks.GANG)
    )
    volume = rng.randint(*t.volume)
    if t.volume[1] >= 50:
        volume = round(volume, -1) or volume
    cost = volume * rng.randint(*t.harga)
    cost = cost if rng.random() < 0.2 else round(cost, -3)
    extra = rng.choice(TAMBAHAN)
    masalah = " ".join(s for s in (rng.choice(t.masalah), extra) if s).format_map(values)
    record: Record = {
        "id": f"contoh-{jadwal.tahun + 1}-{kel.slug}-{number:03d}",
        "contoh": True,
        "judul": t.judul.format_map(values),
        "permasalahan": masalah,
        "wilayah": kel.kode,
    }
    if "{rt}" in t.judul or t.pengusul == "rt":
        record["rt"] = values["rt"]
    if "{rw}" in t.judul or t.pengusul in ("rt", "rw", "kwt", "posyandu"):
        record["rw"] = values["rw"]
    if "{gang}" in t.judul:
        record["alamat"] = "Gang {gang} RT {rt} RW {rw}".format_map(values)
    record.update(
        jenis=t.jenis,
        bidang=t.bidang,
        urusan=t.urusan,
        opd_tujuan_awal=opd_id(t.opd, kec, jadwal.kab.slug),
        volume=volume,
        satuan=t.satuan,
        perkiraan_biaya=cost,
        tahun_rencana=jadwal.tahun + 1,
        pengusul=teks.PENGUSUL[t.pengusul].format_map(values),
    )
    record.update(_templat=t, _rw=rw, _masalah=masalah)
    return record


def _lanjutan(old: Record, jadwal: Jadwal, kel: Kel, number: int) -> Record:
    """A deferred proposal of last year, proposed again for the year after."""
    record = {k: v for k, v in old.items() if k not in ("riwayat", "prioritas", "opd_tujuan_akhir", "foto")}
    reason = old["riwayat"][-1]["alasan"].split(": ", 1)[-1]
    record.update(
        id=f"contoh-{jadwal.tahun + 1}-{kel.slug}-{number:03d}",
        judul=_suffix(old["judul"]),
        permasalahan=f"Usulan untuk tahun {old['tahun_rencana']} ditunda pada Musrenbang {jadwal.kab.nama} "
        f"({reason}). {old['_masalah']}",
        perkiraan_biaya=int(round(old["perkiraan_biaya"] * 1.05, -3)),
        tahun_rencana=jadwal.tahun + 1,
        lanjutan_dari=old["id"],
    )
    return record


def _suffix(judul: str) -> str:
    return judul if judul.endswith("(usulan lanjutan)") else f"{judul} (usulan lanjutan)"


def _step(tahap: str, tanggal: dt.date, keputusan: str, **more: Any) -> Record:
    step: Record = {"tahap": tahap, "tanggal": tanggal, "keputusan": keputusan}
    step.update({k: v for k, v in more.items() if v is not None})
    return step


def _riwayat(record: Record, j: Jadwal, kec: Kec, kel: Kel, base: dict[str, str], rng: random.Random) -> None:
    t: teks.Templat = record["_templat"]
    values = dict(base, rw=record.get("rw", "001"), opd=record["opd_tujuan_awal"])
    steps: list[Record] = []
    record["riwayat"] = steps
    rembug = j.kel[kel.kode].rembug_of(record["_rw"])
    label = "Diajukan Kembali" if "lanjutan_dari" in record else None
    steps.append(_step("rembug-warga", rembug.tanggal, "diusulkan", label=label, rapat=rembug.id))

    def stop(
        tahap: str, tanggal: dt.date, keputusan: str, reasons: tuple[str, ...], rapat: str | None
    ) -> None:
        reason = rng.choice(reasons).format_map(values)
        steps.append(_step(tahap, tanggal, keputusan, alasan=reason, rapat=rapat))

    pra = j.kel[kel.kode].pra
    if rng.random() < 0.12:
        return stop("pra-musrenbang", pra, "ditolak", teks.TOLAK_PRA, id_pra(j.tahun, kel))
    steps.append(_step("pra-musrenbang", pra, "diterima", rapat=id_pra(j.tahun, kel)))
    tahap, tanggal, rapat = tahap_kelurahan(kel), j.kel[kel.kode].musrenbang, id_musrenbang(j.tahun, kel)
    if rng.random() < 0.18:
        return stop(tahap, tanggal, "ditolak", teks.TOLAK_KEL, rapat)
    steps.append(_step(tahap, tanggal, "diterima", label="Masuk Daftar Usulan Prioritas", rapat=rapat))
    tanggal, rapat, chance = j.kec[kec.kode], id_kecamatan(j.tahun, kec.slug), rng.random()
    if chance < 0.15:
        return stop("musrenbang-kecamatan", tanggal, "ditolak", teks.TOLAK_KEC, rapat)
    if chance < 0.2:
        steps.append(
            _step("musrenbang-kecamatan", tanggal, "dikembalikan", alasan=teks.KEMBALI_KEC, rapat=rapat)
        )
        later = tanggal + dt.timedelta(min(rng.randint(2, 6), (j.verifikasi - tanggal).days))
        steps.append(_step("musrenbang-kecamatan", later, "diterima", label="Diterima setelah dilengkapi"))
    else:
        steps.append(
            _step("musrenbang-kecamatan", tanggal, "diterima", label="Diterima Kecamatan", rapat=rapat)
        )
    if t.jenis == "fisik":
        rapat = id_verifikasi(j.tahun, j.kab)
        if rng.random() < 0.1:
            return stop("verifikasi-lapangan", j.verifikasi, "ditolak", teks.TOLAK_VERIFIKASI, rapat)
        volume = None
        if rng.random() < 0.3 and record["volume"] > 1:
            volume = max(1, round(record["volume"] * rng.uniform(0.7, 1.2)))
            volume = None if volume == record["volume"] else volume
        label = "Volume disesuaikan" if volume else None
        steps.append(
            _step(
                "verifikasi-lapangan", j.verifikasi, "diverifikasi", label=label, volume=volume, rapat=rapat
            )
        )
    rapat = id_forum(j.tahun, j.kab)
    if rng.random() < 0.08:
        return stop("forum-opd", j.forum, "ditolak", teks.TOLAK_FORUM, rapat)
    if t.alih and rng.random() < 0.35:
        record["opd_tujuan_akhir"] = opd_id(t.alih, kec, j.kab.slug)
        name = teks.OPD[t.alih][1]
        steps.append(_step("forum-opd", j.forum, "diterima", label=f"Dialihkan ke {name}", rapat=rapat))
    else:
        steps.append(_step("forum-opd", j.forum, "diterima", rapat=rapat))
    tahap, rapat = tahap_kota(j.kab), id_kota(j.tahun, j.kab)
    if rng.random() < 0.22:
        return stop(tahap, j.kota, "ditunda", teks.TUNDA_KOTA, rapat)
    steps.append(_step(tahap, j.kota, "diterima", rapat=rapat))
    if j.terakhir:
        return None
    if rng.random() < 0.12:
        return stop("rkpd", j.rkpd, "tidak-diakomodir", (teks.TOLAK_RKPD,), None)
    steps.append(_step("rkpd", j.rkpd, "diakomodir", label=f"Masuk RKPD {j.tahun + 1}"))
    if rng.random() < 0.1:
        return stop("apbd", j.apbd, "tidak-diakomodir", (teks.TOLAK_APBD,), None)
    steps.append(_step("apbd", j.apbd, "diakomodir", label=f"Masuk APBD {j.tahun + 1}"))
    ratio = (volume or record["volume"]) / record["volume"] if t.jenis == "fisik" else 1
    record["anggaran"] = int(round(record["perkiraan_biaya"] * ratio * rng.uniform(0.8, 1.0), -3))
    record["sumber_dana"] = _sumber_dana(t, kel, rng)
    return None


def _sumber_dana(t: teks.Templat, kel: Kel, rng: random.Random) -> str:
    if t.opd == teks.KECAMATAN:
        return "apbd" if kel.desa else "dana-kelurahan"
    if t.opd in ("dinkes", "disdikbud") and rng.random() < 0.2:
        return "dak"
    if t.opd == "dpupr" and rng.random() < 0.1:
        return "apbd-provinsi"
    return "apbd"


def _prioritas(found: list[Record], kel: Kel) -> None:
    """Rank the proposals the kelurahan musrenbang accepted, per bidang, in the order they came."""
    rank: dict[str, int] = {}
    stage = tahap_kelurahan(kel)
    for record in found:
        if any(s["tahap"] == stage and s["keputusan"] == "diterima" for s in record["riwayat"]):
            rank[record["bidang"]] = rank.get(record["bidang"], 0) + 1
            record["prioritas"] = rank[record["bidang"]]
