"""Meeting calendars in iCalendar (RFC 5545): all meetings, upcoming ones, per region and per meeting.

Pure: `calendars` returns each file's text by site-relative path. Times are written in UTC, converted
from the meeting's own zone; a meeting without a known hour is an all-day event. DTSTAMP comes from the
meeting's date, never the clock, so the same records give the same bytes. TEXT values are escaped and
every line is folded at 75 octets (never inside a UTF-8 character), lines end with CRLF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from . import formats
from .catalog import Catalog
from .feeds import post_target, scopes, site_root, starts_at
from .model import Rapat

PRODID = "-//Musrenbang Terbuka//ID"
DEFAULT_HOURS = 3  # length shown when the end is not a clock time
LIMIT = 75  # octets per line, CRLF excluded
_UTC = "%Y%m%dT%H%M%SZ"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded into lines of at most 75 octets, joined by CRLF + space."""
    if line.isascii():  # one octet a character: cut by length
        cuts = range(LIMIT, len(line), LIMIT - 1)
        return "\r\n ".join([line[:LIMIT], *(line[start : start + LIMIT - 1] for start in cuts)])
    parts: list[str] = []
    current, size, room = "", 0, LIMIT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > room:
            parts.append(current)
            current, size, room = "", 0, LIMIT - 1  # a continuation line starts with a space
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def calendars(catalog: Catalog, site_url: str | None, today: dt.date) -> dict[str, str]:
    """Every calendar by site-relative path: kalender/semua.ics, kalender/mendatang.ics,
    kalender/<kode>.ics per kecamatan and kelurahan/desa with meetings, kalender/rapat/<id>.ics."""
    return dict(sorted((path, calendar(catalog, *args)) for path, args in parts(catalog, site_url, today)))


def parts(catalog: Catalog, site_url: str | None, today: dt.date) -> list[tuple[str, tuple[Any, ...]]]:
    """Every calendar, to be made one at a time: its path, and the arguments of `calendar` after the
    catalog (a rebuild makes again only the calendars whose meetings changed)."""
    out: list[tuple[str, tuple[Any, ...]]] = []
    for scope, label, rapat in scopes(catalog):
        name = f"Jadwal Musrenbang – {label}" if label else "Jadwal Musrenbang"
        out.append((f"kalender/{scope}.ics", (site_url, name, rapat)))
    upcoming = tuple(r for r in catalog.rapat if r.tanggal >= today)
    out.append(("kalender/mendatang.ics", (site_url, "Jadwal Musrenbang Mendatang", upcoming)))
    for r in catalog.rapat:
        out.append((f"kalender/rapat/{r.id}.ics", (site_url, None, (r,))))
    return out


def calendar(catalog: Catalog, site_url: str | None, name: str | None, rapat: Iterable[Rapat]) -> str:
    """One calendar of the meetings `rapat` (newest first), named `name`; a single meeting's
    calendar (`name` None) is named by its title."""
    rapat = tuple(rapat)
    if name is None:
        name = catalog.judul(rapat[0])
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for r in reversed(tuple(rapat)):  # oldest first, as a calendar reads
        lines += _event(catalog, site_url, r)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(catalog: Catalog, site_url: str | None, rapat: Rapat) -> list[str]:
    root = site_root(site_url)
    url = root + post_target(rapat) if root else None
    zona = catalog.zona(rapat)
    waktu = formats.waktu(rapat.mulai, rapat.selesai, zona, rapat.keterangan_waktu)
    about = [catalog.nama_rapat(rapat), formats.tanggal_panjang(rapat.tanggal), waktu]
    lines = [
        "BEGIN:VEVENT",
        f"UID:rapat-{rapat.id}@musrenbang-terbuka",
        f"DTSTAMP:{rapat.tanggal:%Y%m%d}T000000Z",
    ]
    notes = []
    if rapat.mulai is None:
        next_day = rapat.tanggal + dt.timedelta(days=1)
        lines += [f"DTSTART;VALUE=DATE:{rapat.tanggal:%Y%m%d}", f"DTEND;VALUE=DATE:{next_day:%Y%m%d}"]
        lines.append("TRANSP:TRANSPARENT")
        notes.append("Jam rapat belum tercatat, maka di kalender dicatat sepanjang hari.")
    else:
        start = starts_at(catalog, rapat)
        lines.append(f"DTSTART:{start.astimezone(dt.UTC):{_UTC}}")
        if isinstance(rapat.selesai, dt.time):
            end = dt.datetime.combine(rapat.tanggal, rapat.selesai, tzinfo=start.tzinfo)
            lines.append(f"DTEND:{end.astimezone(dt.UTC):{_UTC}}")
        else:
            lines.append(f"DURATION:PT{DEFAULT_HOURS}H")
            if rapat.selesai == "selesai":
                notes.append(
                    f"Rapat berlangsung s.d. selesai; lama {DEFAULT_HOURS} jam di kalender hanya perkiraan."
                )
            else:
                notes.append(
                    f"Jam selesai belum tercatat; lama {DEFAULT_HOURS} jam di kalender hanya perkiraan."
                )
    if rapat.contoh:
        notes.append("Data contoh: rapat ini rekaan, bukan kejadian nyata.")
    if url:
        notes.append(f"Berita lengkap: {url}")
    description = "\n".join([", ".join(about) + (f", {rapat.tempat}" if rapat.tempat else "") + ".", *notes])
    path = [r.label for r in catalog.region_path(rapat.wilayah) if r.jenis != "provinsi"]
    location = ", ".join(([rapat.tempat] if rapat.tempat else []) + path)
    lines += [
        f"SUMMARY:{escape_text(catalog.judul(rapat))}",
        f"LOCATION:{escape_text(location)}",
        f"DESCRIPTION:{escape_text(description)}",
    ]
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines
