"""Read a spreadsheet (.xlsx or .csv) into plain rows of cells, numbered as the spreadsheet shows them.

Excel workbooks are read with openpyxl in read-only mode (values, not formulas; dates as dates). CSV
files may be UTF-8 with or without a byte-order mark, or Windows-1252 as older Excel saves them; the
delimiter (comma, semicolon or tab) is the one that splits the first lines most consistently.
Nothing here knows what the columns mean: see `columns.py`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .cleaning import Cell
from .problems import MusrenbangError

SUFFIXES = (".xlsx", ".xlsm", ".csv")
MAX_CSV_BYTES = 50 * 1024 * 1024


class SheetUnreadable(MusrenbangError):
    """The file is missing, of an unknown kind, or not a spreadsheet: wrong usage, not bad data."""


@dataclass(frozen=True)
class Table:
    """One worksheet: its name as staff see it, and every row with its spreadsheet row number."""

    name: str  # "usulan.xlsx, lembar 'Usulan'" or "usulan.csv"
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]
    note: str = ""  # how the file was read, when it matters (an encoding other than UTF-8)


def read(path: Path) -> tuple[Table, ...]:
    """Every worksheet of a workbook, or the one table of a CSV file."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = " (simpan ulang dari Excel sebagai .xlsx)" if suffix == ".xls" else ""
        raise SheetUnreadable(
            f"{path.name}: diharapkan berkas .xlsx atau .csv, ditemukan {suffix or 'berkas tanpa akhiran'}"
            + hint
        )
    if not path.is_file():
        raise SheetUnreadable(f"{path}: berkas tidak ditemukan")
    if suffix == ".csv":
        return (_csv(path),)
    return _workbook(path)


def _workbook(path: Path) -> tuple[Table, ...]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise SheetUnreadable(f"{path.name}: bukan berkas Excel .xlsx yang dapat dibaca ({error})") from None
    try:
        tables = []
        for sheet in book.worksheets:
            if sheet.max_row is None:
                sheet.reset_dimensions()
            rows = tuple(
                (number, tuple(_cell(v) for v in values))
                for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
            )
            tables.append(Table(f"{path.name}, lembar {sheet.title!r}", rows))
        return tuple(tables)
    finally:
        book.close()


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float):
        return value  # type: ignore[return-value]
    if hasattr(value, "isoformat"):
        return value  # type: ignore[return-value]
    return str(value)


def _decode(raw: bytes) -> tuple[str, str]:
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "bukan UTF-8: dibaca sebagai Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "bukan UTF-8: dibaca sebagai Latin-1"


def delimiter(text: str) -> str:
    """The delimiter that gives the most lines with the same, largest number of fields."""
    sample = text[:65536]
    best, best_score = ",", (0, 0)
    for candidate in (",", ";", "\t"):
        try:
            counts = [len(r) for r in csv.reader(io.StringIO(sample, newline=""), delimiter=candidate)][:50]
        except csv.Error:
            continue
        common = Counter(c for c in counts if c > 1).most_common(1)
        score = (common[0][1], common[0][0]) if common else (0, 0)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _csv(path: Path) -> Table:
    raw = path.read_bytes()
    if len(raw) > MAX_CSV_BYTES:
        raise SheetUnreadable(f"{path.name}: berkas terlalu besar ({len(raw) // 2**20} MB)")
    text, note = _decode(raw)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
        rows = tuple(
            (number, tuple(cell if cell.strip() else None for cell in row))
            for number, row in enumerate(reader, start=1)
        )
    except csv.Error as error:
        raise SheetUnreadable(f"{path.name}: CSV tidak dapat dibaca ({error})") from None
    return Table(path.name, rows, note)
