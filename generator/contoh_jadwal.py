"""Synthetic data, the calendar: when each meeting of one kota and one year takes place, and its id.

The windows follow the usual cycle (rembug warga in early January, kelurahan musrenbang early
February, kecamatan late February, Forum OPD and the kota musrenbang in March and April, RKPD in June,
APBD in December) and never overlap, so every proposal's history runs forward in time.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from .contoh_wilayah import Kab, Kel, Rencana

Window = tuple[tuple[int, int], tuple[int, int]]
REMBUG: Window = ((1, 4), (1, 18))
PRA: Window = ((1, 20), (1, 31))
KELURAHAN: Window = ((2, 1), (2, 14))
KECAMATAN: Window = ((2, 16), (3, 3))
VERIFIKASI: Window = ((3, 6), (3, 13))
FORUM: Window = ((3, 16), (3, 24))
KOTA: Window = ((3, 27), (4, 14))
RKPD: Window = ((6, 17), (6, 28))
APBD: Window = ((11, 25), (12, 19))


@dataclass(frozen=True)
class Rembug:
    """One rembug warga meeting, covering RW `rw_awal` to `rw_akhir` (1-based)."""

    id: str
    tanggal: dt.date
    rw_awal: int
    rw_akhir: int


@dataclass(frozen=True)
class JadwalKel:
    rembug: tuple[Rembug, ...]
    pra: dt.date
    musrenbang: dt.date

    def rembug_of(self, rw: int) -> Rembug:
        return next(r for r in self.rembug if r.rw_awal <= rw <= r.rw_akhir)


@dataclass(frozen=True)
class Jadwal:
    """The dates of one kota's cycle in one year (the meetings' year; they plan for the next)."""

    tahun: int
    kab: Kab
    kel: dict[str, JadwalKel]
    kec: dict[str, dt.date]
    verifikasi: dt.date
    forum: dt.date
    kota: dt.date
    rkpd: dt.date
    apbd: dt.date
    terakhir: bool  # the last year of the data: histories stop after the kota musrenbang


def days(year: int, window: Window, weekdays_only: bool) -> list[dt.date]:
    first, last = dt.date(year, *window[0]), dt.date(year, *window[1])
    found = [first + dt.timedelta(n) for n in range((last - first).days + 1)]
    return [d for d in found if d.weekday() < 5] if weekdays_only else found


def jadwal(rencana: Rencana, kab: Kab, tahun: int) -> Jadwal:
    rng = random.Random(f"{rencana.seed}/jadwal/{kab.kode}/{tahun}")

    def weekday(window: Window) -> dt.date:
        return rng.choice(days(tahun, window, True))

    kel: dict[str, JadwalKel] = {}
    for kec in kab.kec:
        for k in kec.kel:
            count = rencana.jumlah(k, tahun)[0]
            dates = sorted(rng.sample(days(tahun, REMBUG, False), count))
            kel[k.kode] = JadwalKel(_rembug(k, tahun, dates), weekday(PRA), weekday(KELURAHAN))
    return Jadwal(
        tahun=tahun,
        kab=kab,
        kel=kel,
        kec={kec.kode: weekday(KECAMATAN) for kec in kab.kec},
        verifikasi=weekday(VERIFIKASI),
        forum=weekday(FORUM),
        kota=weekday(KOTA),
        rkpd=weekday(RKPD),
        apbd=weekday(APBD),
        terakhir=tahun == rencana.tahun[-1],
    )


def _rembug(kel: Kel, tahun: int, dates: list[dt.date]) -> tuple[Rembug, ...]:
    """Split the RWs into as many consecutive groups as there are meetings."""
    count, total = len(dates), len(kel.rw)
    found = []
    for index, date in enumerate(dates):
        first, last = index * total // count + 1, (index + 1) * total // count
        suffix = f"-{index + 1}" if count > 1 else ""
        found.append(Rembug(f"contoh-{tahun}-rembug-warga-{kel.slug}{suffix}", date, first, last))
    return tuple(found)


def id_pra(tahun: int, kel: Kel) -> str:
    return f"contoh-{tahun}-pra-musrenbang-{kel.slug}"


def id_musrenbang(tahun: int, kel: Kel) -> str:
    return f"contoh-{tahun}-{'musrenbangdes' if kel.desa else 'musrenbangkel'}-{kel.slug}"


def id_kecamatan(tahun: int, kec_slug: str) -> str:
    return f"contoh-{tahun}-musrenbangcam-{kec_slug}"


def id_verifikasi(tahun: int, kab: Kab) -> str:
    return f"contoh-{tahun}-verifikasi-lapangan-{kab.slug}"


def id_forum(tahun: int, kab: Kab) -> str:
    return f"contoh-{tahun}-forum-opd-{kab.slug}"


def id_kota(tahun: int, kab: Kab) -> str:
    return f"contoh-{tahun}-musrenbang-{kab.tingkat}-{kab.slug}"


def tahap_kelurahan(kel: Kel) -> str:
    return "musrenbang-desa" if kel.desa else "musrenbang-kelurahan"


def tahap_kota(kab: Kab) -> str:
    return f"musrenbang-{kab.tingkat}"
