"""Clean spreadsheet cells as real exports write them: "Rp. 86.919.619,-", "35 Orang", 27/01/2026 or an
Excel serial, coordinates inside an address, "RT 08 RW 02", "Ditolak - bukan kewenangan kota".

A cell is what the sheet reader gives: text, a number, a date or None. Each cleaner returns the clean
value (None for an empty cell) or raises `CellError` saying what was expected, what was found and how
to fix it; the importer adds the row and the column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import vocab
from .problems import shown

Cell = str | int | float | dt.date | dt.datetime | None
EMPTY = ("", "-", "--", "—", "–")


class CellError(ValueError):
    """A cell that cannot be read as the expected kind of value."""

    def __init__(self, expected: str, found: object, hint: str, column: str | None = None):
        super().__init__(f"diharapkan {expected}, ditemukan {shown(found)}")
        self.message = str(self)
        self.hint = hint
        self.column = column  # the import key of the column at fault, when not the one being read


def text(cell: Cell, multiline: bool = False) -> str | None:
    """Text with spaces tidied: tabs and runs of spaces become one space; lines kept only if asked."""
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    value = cell.isoformat() if isinstance(cell, dt.date) else str(cell)
    lines = [" ".join(line.split()) for line in value.splitlines()]
    value = "\n".join(lines).strip("\n") if multiline else " ".join(line for line in lines if line)
    value = re.sub(r"\n{3,}", "\n\n", value).strip()
    return None if value in EMPTY else value


def _number(value: str) -> int | float:
    """An Indonesian decimal: comma for decimals, dots for thousands ("1.250,5"); a lone dot not
    followed by exactly three digits is a decimal point ("2.5")."""
    if "," in value and "." in value:
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
        value = value.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    elif value.count(",") == 1:
        value = value.replace(",", ".")
    elif value.count(",") > 1 or re.fullmatch(r"\d{1,3}(\.\d{3})+", value):
        value = value.replace(",", "").replace(".", "")
    number = float(value)
    return int(number) if number.is_integer() else number


def money(cell: Cell) -> int | None:
    """Rupiah: "Rp. 86.919.619,-", "Rp 1.250.000,00", "86,919,619", 86919619 or 86919619.0."""
    if isinstance(cell, bool) or isinstance(cell, dt.date):
        raise CellError("jumlah rupiah", cell, "tulis angka saja, contoh: 86919619")
    if isinstance(cell, int | float):
        if cell < 0 or not float(cell).is_integer():
            raise CellError("jumlah rupiah bulat", cell, "tulis rupiah tanpa sen, contoh: 86919619")
        return int(cell)
    raw = text(cell)
    if raw is None:
        return None
    value = re.sub(r"(?i)^rp\.?", "", raw.replace(" ", "").replace("\xa0", ""))
    value = re.sub(r"[,.]?-+$", "", value)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?|\d+,\d{1,2}", value):
        whole, _, cents = value.partition(",")
        whole = whole.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d{1,2})?", value):
        whole, _, cents = value.partition(".")
        whole = whole.replace(",", "")
    else:
        raise CellError("jumlah rupiah", raw, 'contoh: "Rp 86.919.619" atau 86919619')
    if cents.strip("0"):
        raise CellError("jumlah rupiah bulat", raw, "tulis rupiah tanpa sen, contoh: 86919619")
    return int(whole)


def integer(cell: Cell, what: str, hint: str) -> int | None:
    value = text(cell)
    if value is None:
        return None
    if not re.fullmatch(r"\d+", value):
        raise CellError(what, value, hint)
    return int(value)


def volume(cell: Cell) -> tuple[int | float, str | None] | None:
    """Volume and unit from a coefficient: "35 Orang" → (35, "orang"), "2,5 km" → (2.5, "km"),
    "1 (satu) Paket" → (1, "paket"); a bare number has no unit."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if cell <= 0:
            raise CellError("volume lebih dari 0", cell, "periksa angkanya")
        return (int(cell) if float(cell).is_integer() else cell), None
    raw = text(cell)
    if raw is None:
        return None
    cleaned = re.sub(r"\([^)]*\)", " ", raw).strip()
    match = re.fullmatch(r"(\d+(?:[.,]\d+)*)\s*([^\d\s].*)?", cleaned)
    if not match:
        raise CellError("volume dan satuan", raw, 'contoh: "35 Orang", "1 Paket" atau "114 m2"')
    number = _number(match.group(1))
    if number <= 0:
        raise CellError("volume lebih dari 0", raw, "periksa angkanya")
    unit = " ".join((match.group(2) or "").split()).lower()
    return number, unit or None


BULAN = {
    **dict.fromkeys(("januari", "jan"), 1),
    **dict.fromkeys(("februari", "pebruari", "feb", "peb"), 2),
    **dict.fromkeys(("maret", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei",), 5),
    **dict.fromkeys(("juni", "jun"), 6),
    **dict.fromkeys(("juli", "jul"), 7),
    **dict.fromkeys(("agustus", "agu", "agt", "ags"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "okt"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "des"), 12),
}
EXCEL_EPOCH = dt.date(1899, 12, 30)
_TIME = r"(?:[ t]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?"
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
DATE_HINT = "tulis HH/BB/TTTT, contoh: 27/01/2026 (atau 2026-01-27)"


def date(cell: Cell) -> dt.date | None:
    """27/01/2026, 27-01-2026, 2026-01-27 (with or without a time), "27 Januari 2026", a date cell or
    an Excel serial number (46049). Day before month, as Indonesia writes it."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return _serial(cell)
    raw = text(cell)
    if raw is None:
        return None
    value = raw.lower()
    parts: tuple[int, int, int] | None = None
    if re.fullmatch(r"\d{5}(\.0+)?", value):
        return _serial(float(value))
    if match := _DAY_FIRST.fullmatch(value):
        parts = (int(match.group(3)), int(match.group(2)), int(match.group(1)))
    elif match := _ISO.fullmatch(value):
        parts = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    elif match := re.fullmatch(r"(?:[a-z]+,\s*)?(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", value):
        if match.group(2) in BULAN:
            parts = (int(match.group(3)), BULAN[match.group(2)], int(match.group(1)))
    if parts is None:
        raise CellError("tanggal", raw, DATE_HINT)
    try:
        return dt.date(*parts)
    except ValueError:
        raise CellError("tanggal yang ada di kalender", raw, DATE_HINT) from None


def _serial(number: float) -> dt.date:
    if not 10000 <= number < 80000:
        raise CellError("tanggal", number, DATE_HINT)
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


@dataclass(frozen=True)
class Address:
    """An address cell taken apart: the address without its coordinates, and what it told."""

    alamat: str | None
    koordinat: str | None
    rt: str | None
    rw: str | None


# Two decimal numbers in a row: checked afterwards to be a latitude and a longitude in Indonesia, so
# a pair written the wrong way round is refused instead of being left in the address.
_PAIR = re.compile(r"\(?\s*(?<![\d.])(-?\d{1,3}\.\d+)\s*[,;]\s*(-?\d{1,3}\.\d+)(?![\d.])\s*\)?")
_LABELED = re.compile(
    r"\(?\s*\b(?:lat(?:itude)?|lintang)\s*[:=]?\s*(-?\d{1,2}[.,]\d+)\s*[,;]?\s*"
    r"(?:long(?:itude)?|lng|lon|bujur)\s*[:=]?\s*(-?\d{1,3}[.,]\d+)\s*\)?",
    re.IGNORECASE,
)
_RT_RW = (
    re.compile(r"\bRT\s*/\s*RW\.?\s*:?\s*(\d{1,3})\s*/\s*(\d{1,3})\b", re.IGNORECASE),
    re.compile(r"\bRT\.?\s*:?\s*(\d{1,3})\s*/\s*(?:RW\.?\s*:?\s*)?(\d{1,3})\b", re.IGNORECASE),
)
_RT = re.compile(r"\bRT\.?\s*:?\s*(\d{1,3})\b", re.IGNORECASE)
_RW = re.compile(r"\bRW\.?\s*:?\s*(\d{1,3})\b", re.IGNORECASE)


def coordinates(lintang: str, bujur: str, found: str) -> str:
    """ "lintang, bujur" as the record keeps it, checked to lie in Indonesia."""
    lat, lon = lintang.replace(",", ".").lstrip("+"), bujur.replace(",", ".").lstrip("+")
    if not (-11.5 <= float(lat) <= 6.5 and 94.5 <= float(lon) <= 141.5):
        raise CellError(
            "koordinat lintang, bujur di Indonesia",
            found,
            "lintang dulu (-11 s.d. 6), lalu bujur (95 s.d. 141), contoh: -5.1274, 105.3065",
        )
    return f"{lat}, {lon}"


def number_pad(value: str) -> str | None:
    """RT and RW numbers as the records write them: three digits, "8" → "008"."""
    return f"{int(value):03d}" if int(value) else None


def address(cell: Cell) -> Address:
    """Coordinates written inside the address ("(-5.1274, 105.3065)", "Lat: -5.12 Long: 105.30") are
    taken out of it; RT and RW ("RT 08 RW 02", "RT. 008/RW. 002") are read and left in it."""
    raw = text(cell)
    if raw is None:
        return Address(None, None, None, None)
    koordinat = None
    match = _LABELED.search(raw) or _PAIR.search(raw)
    if match:
        koordinat = coordinates(match.group(1), match.group(2), match.group().strip())
        raw = raw[: match.start()] + " " + raw[match.end() :]
        raw = re.sub(r"\(\s*\)", " ", raw)
        raw = re.sub(r"\s+([,;])", r"\1", " ".join(raw.split())).strip(" ,;:-")
    rt = rw = None
    for pattern in _RT_RW:
        if both := pattern.search(raw):
            rt, rw = number_pad(both.group(1)), number_pad(both.group(2))
            break
    else:
        if found := _RT.search(raw):
            rt = number_pad(found.group(1))
        if found := _RW.search(raw):
            rw = number_pad(found.group(1))
    return Address(raw or None, koordinat, rt, rw)


@dataclass(frozen=True)
class Decision:
    """A decision as a sheet words it: the normalised decision, the local wording, the reason."""

    keputusan: str
    label: str | None = None
    alasan: str | None = None


# The words a decision cell starts with, most specific first. None: no decision yet.
_DECISIONS: tuple[tuple[str, str | None], ...] = (
    (r"tidak (?:di|ter)akomod(?:ir|asi)(?:kan)?", "tidak-diakomodir"),
    (r"(?:di|ter)akomod(?:ir|asi)(?:kan)?", "diakomodir"),
    (r"tidak (?:disetujui|setuju|diterima|lolos|layak)|ditolak|tolak", "ditolak"),
    (r"belum (?:diverifikasi|diproses|ada)", None),
    (r"dikembalikan|kembalikan|perlu perbaikan|revisi", "dikembalikan"),
    (r"ditunda|tunda", "ditunda"),
    (r"lolos verifikasi|diverifikasi|terverifikasi|sudah diverifikasi", "diverifikasi"),
    (r"diterima|terima|disetujui|setuju|lolos|diteruskan|dilanjutkan|valid", "diterima"),
    (r"draft|draf|diusulkan|usulan baru|baru|menunggu|dalam proses|proses|belum", None),
)
_SEPARATOR = re.compile(r"\s*(?:[-–—:;,(]|karena\b|dengan alasan\b|alasan\b)\s*", re.IGNORECASE)
DECISION_HINT = (
    "tulis salah satu: Diterima, Ditolak - alasannya, Dikembalikan, Ditunda, Diakomodir, Tidak Diakomodir"
)


def decision(cell: Cell) -> Decision | None:
    """ "Diterima" → diterima; "Ditolak - bukan kewenangan kota" → ditolak with that reason and the
    local word kept as label; "Draft" or an empty cell → no decision yet (None)."""
    raw = text(cell)
    if raw is None:
        return None
    folded = " ".join(raw.casefold().split())
    for words, keputusan in _DECISIONS:
        match = re.match(rf"(?:{words})(?=$|[\s\-–—:;,(.])", folded)
        if not match:
            continue
        if keputusan is None:
            return None
        word, rest = raw[: match.end()], raw[match.end() :].rstrip(" .")
        separator = _SEPARATOR.match(rest)
        alasan: str | None = None
        label: str | None
        if rest.strip() and separator:
            alasan = rest[separator.end() :].strip().removesuffix(")").strip() or None
            label = word
        else:
            label = raw.rstrip(" .")
        if label.casefold() == vocab.KEPUTUSAN[keputusan].casefold():
            label = None
        return Decision(keputusan, label, alasan)
    raise CellError("keputusan", raw, DECISION_HINT)


def choice(cell: Cell, options: dict[str, str], aliases: dict[str, str], what: str) -> str | None:
    """A value of a controlled vocabulary, by its key, its label or a known alias, in any case."""
    raw = text(cell)
    if raw is None:
        return None
    folded = " ".join(re.sub(r"[\W_]+", " ", raw.casefold()).split())
    for key, label in options.items():
        if folded in (key.replace("-", " "), " ".join(re.sub(r"[\W_]+", " ", label.casefold()).split())):
            return key
    if folded in aliases:
        return aliases[folded]
    raise CellError(what, raw, "pilihan: " + ", ".join(options))


def urusan(cell: Cell) -> str | None:
    """An urusan code: "1.03", the number 1.03 a spreadsheet made of it, a sub-activity code that
    starts with it ("1.03.10.2.01.0001 Pembangunan Saluran Drainase") or the urusan's name."""
    if isinstance(cell, float):
        cell = f"{cell:.2f}"
    raw = text(cell)
    if raw is None:
        return None
    match = re.match(r"(\d)\.(\d{2})(?!\d)", raw)
    if match and f"{match.group(1)}.{match.group(2)}" in vocab.URUSAN:
        return f"{match.group(1)}.{match.group(2)}"
    for code, name in vocab.URUSAN.items():
        if raw.casefold() == name.casefold():
            return code
    raise CellError("kode urusan", raw, "contoh: 1.03 (Pekerjaan Umum dan Penataan Ruang)")
