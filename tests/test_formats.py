"""Indonesian formats: dates, times with zones, and money in tables and in prose."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import formats
from generator.vocab import zona_of_province


def test_long_date() -> None:
    assert formats.tanggal_panjang(dt.date(2023, 2, 1)) == "Rabu, 01 Februari 2023"
    assert formats.tanggal_panjang(dt.date(2020, 1, 23)) == "Kamis, 23 Januari 2020"
    assert formats.tanggal_panjang(dt.date(2024, 3, 10)) == "Minggu, 10 Maret 2024"


@pytest.mark.parametrize(
    "mulai, selesai, zona, keterangan, expected",
    [
        (dt.time(13), "selesai", "WIB", None, "Pukul 13.00 WIB s.d. selesai"),
        (dt.time(8), dt.time(10, 30), "WITA", None, "Pukul 08.00–10.30 WITA"),
        (dt.time(19), None, "WIB", None, "Pukul 19.00 WIB"),
        (dt.time(9, 5), None, "WIT", "pagi", "Pukul 09.05 WIT (pagi)"),
        (None, None, "WIB", None, "Jam belum tercatat"),
        (None, None, "WIB", "siang hari", "Siang hari (jam belum tercatat)"),
    ],
)
def test_time_with_zone(mulai, selesai, zona, keterangan, expected) -> None:  # type: ignore[no-untyped-def]
    assert formats.waktu(mulai, selesai, zona, keterangan) == expected


@pytest.mark.parametrize(
    "amount, table, prose",
    [
        (0, "Rp0", "Rp0"),
        (950, "Rp950", "Rp950"),
        (86_919_619, "Rp86.919.619", "Rp86,92 juta"),
        (1_250_000_000, "Rp1.250.000.000", "Rp1,25 miliar"),
        (999_999_999, "Rp999.999.999", "Rp1 miliar"),
        (35_000_000, "Rp35.000.000", "Rp35 juta"),
        (2_500_000_000_000, "Rp2.500.000.000.000", "Rp2,5 triliun"),
        (1_005_000, "Rp1.005.000", "Rp1,01 juta"),
    ],
)
def test_money(amount: int, table: str, prose: str) -> None:
    assert formats.rupiah(amount) == table
    assert formats.rupiah_ringkas(amount) == prose


@pytest.mark.parametrize(
    "province, zone",
    [
        ("18", "WIB"),
        ("35", "WIB"),
        ("61", "WIB"),
        ("51", "WITA"),
        ("64", "WITA"),
        ("73", "WITA"),
        ("81", "WIT"),
        ("91", "WIT"),
        ("96", "WIT"),
    ],
)
def test_zone_follows_the_province(province: str, zone: str) -> None:
    assert zona_of_province(province) == zone
