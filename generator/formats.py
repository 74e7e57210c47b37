"""Indonesian formats for dates, times, numbers and money, as citizens read them."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.dates import format_date

LOCALE = "id"
_UNITS = (("triliun", 10**12), ("miliar", 10**9), ("juta", 10**6), ("ribu", 10**3))


@lru_cache(maxsize=4096)  # a site prints the same few hundred dates tens of thousands of times
def tanggal_panjang(day: dt.date) -> str:
    """ "Rabu, 01 Februari 2023"."""
    return format_date(day, "EEEE, dd MMMM yyyy", locale=LOCALE)


@lru_cache(maxsize=4096)
def tanggal(day: dt.date) -> str:
    """ "01 Februari 2023"."""
    return format_date(day, "dd MMMM yyyy", locale=LOCALE)


@lru_cache(maxsize=4096)
def tanggal_singkat(day: dt.date) -> str:
    """ "01 Feb 2023"."""
    return format_date(day, "dd MMM yyyy", locale=LOCALE)


def jam(time: dt.time) -> str:
    """ "13.00"."""
    return f"{time:%H.%M}"


def waktu(mulai: dt.time | None, selesai: dt.time | str | None, zona: str, keterangan: str | None) -> str:
    """ "Pukul 13.00 WIB s.d. selesai", "Pukul 08.00–10.30 WITA", or what is known when the hour is not."""
    if mulai is None:
        text = "Jam belum tercatat"
        return f"{keterangan[0].upper()}{keterangan[1:]} ({text.lower()})" if keterangan else text
    if isinstance(selesai, dt.time):
        text = f"Pukul {jam(mulai)}–{jam(selesai)} {zona}"
    elif selesai == "selesai":
        text = f"Pukul {jam(mulai)} {zona} s.d. selesai"
    else:
        text = f"Pukul {jam(mulai)} {zona}"
    return f"{text} ({keterangan})" if keterangan else text


def angka(number: int | float) -> str:
    """ "1.250.000" and "2,5"."""
    if isinstance(number, float) and number != int(number):
        whole, _, fraction = f"{number:.2f}".rstrip("0").partition(".")
        return f"{angka(int(whole))},{fraction}"
    return f"{int(number):,}".replace(",", ".")


def rupiah(amount: int) -> str:
    """ "Rp1.250.000.000", for tables."""
    return f"Rp{angka(amount)}"


def rupiah_ringkas(amount: int) -> str:
    """ "Rp1,25 miliar", for prose: two decimals at most, rounded half up, never "1000 juta"."""
    if amount < 1000:
        return rupiah(amount)
    for index, (name, size) in enumerate(_UNITS):
        if amount < size:
            continue
        value = (Decimal(amount) / size).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if value >= 1000 and index > 0:
            name, size = _UNITS[index - 1]
            value = (Decimal(amount) / size).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        digits = f"{value:f}".rstrip("0").rstrip(".")
        whole, _, fraction = digits.partition(".")
        shown = angka(int(whole)) + (f",{fraction}" if fraction else "")
        return f"Rp{shown} {name}"
    return rupiah(amount)  # pragma: no cover
