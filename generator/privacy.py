"""Private data: no NIK, private phone number or e-mail address in any public text.

Policy (UU 27/2022): officials appear by role and name, citizens by role or count. Official office
contacts are allowed only when declared as such in `telepon_kantor` / `email_kantor` of a wilayah or
OPD record; anywhere else the same number or address is allowed, any other is refused.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from typing import Any

from .fields import Origin
from .load import Records
from .model import Opd, Wilayah
from .problems import Problem

NIK = re.compile(r"(?<!\d)\d{4}[ .-]?\d{4}[ .-]?\d{4}[ .-]?\d{4}(?!\d)")
PHONE = re.compile(r"(?<![\d+])(?:\+62|62|0)[ -]?8\d{1,2}(?:[ .-]?\d){6,9}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
OFFICIAL = ("telepon_kantor", "email_kantor")


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return "0" + digits[2:] if digits.startswith("62") else digits


@functools.cache
def _checked_fields(kind: type) -> tuple[str, ...]:
    """The fields of a record type that staff write, but the declared office contacts."""
    return tuple(
        f.name for f in dataclasses.fields(kind) if "parser" in f.metadata and f.name not in OFFICIAL
    )


def _texts(value: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple):
        for number, item in enumerate(value, start=1):
            yield from _texts(item, f"{path}[{number}]")
    elif dataclasses.is_dataclass(value):
        for name in _checked_fields(type(value)):  # type: ignore[arg-type]  # mypy: a class is hashable
            item = getattr(value, name)
            if item is not None and not isinstance(item, (int, float)):
                yield from _texts(item, f"{path}.{name}" if path else name)


def _at(where: Origin, path: str, text: str, start: int, message: str, hint: str) -> Problem:
    """A problem on the line of the match itself: a multi-line text starts below its key."""
    line = where.line(path)
    if "\n" in text:
        line += 1 + text[:start].count("\n")
    return Problem(where.file, line, path, message, hint)


PHONE_HINT = (
    "hapus nomor ini; nomor kantor resmi dicatat di `telepon_kantor` pada catatan wilayah atau OPD, "
    "lalu boleh disebut di teks"
)
EMAIL_HINT = (
    "hapus alamat ini; e-mail kantor resmi dicatat di `email_kantor` pada catatan wilayah atau OPD, "
    "lalu boleh disebut di teks"
)


STASH = "_privasi_memo"  # a record's problems, with the office contacts they were found against


def privacy(records: Records) -> Iterator[Problem]:
    declared: list[Wilayah | Opd] = [*records.wilayah, *records.opd]
    phones = frozenset(_digits(r.telepon_kantor) for r in declared if r.telepon_kantor)
    emails = frozenset(r.email_kantor.casefold() for r in declared if r.email_kantor)
    for kind in ("wilayah", "opd", "peserta", "seri", "rapat", "usulan"):
        for record in getattr(records, kind):
            # `musrenbang serve` keeps unchanged records between builds: each keeps its answer.
            known = record.__dict__.get(STASH)
            if known is None or known[0] != phones or known[1] != emails:
                known = (phones, emails, tuple(_problems(record, phones, emails)))
                object.__setattr__(record, STASH, known)
            yield from known[2]


def _problems(record: Any, phones: frozenset[str], emails: frozenset[str]) -> Iterator[Problem]:
    where: Origin = record.asal
    for path, text in _texts(record, ""):
        for match in NIK.finditer(text):
            found = f"ditemukan nomor 16 angka seperti NIK {match.group()!r}"
            yield _at(
                where,
                path,
                text,
                match.start(),
                f"diharapkan teks tanpa nomor pribadi, {found}",
                "hapus nomor ini: NIK tidak pernah dimuat di situs publik",
            )
        for match in PHONE.finditer(text):
            if _digits(match.group()) not in phones:
                found = f"ditemukan nomor HP {match.group()!r}"
                message = f"diharapkan teks tanpa nomor pribadi, {found}"
                yield _at(where, path, text, match.start(), message, PHONE_HINT)
        for match in EMAIL.finditer(text):
            if match.group().casefold() not in emails:
                found = f"ditemukan alamat e-mail {match.group()!r}"
                message = f"diharapkan teks tanpa alamat pribadi, {found}"
                yield _at(where, path, text, match.start(), message, EMAIL_HINT)
