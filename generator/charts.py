"""Charts drawn by the generator as inline SVG (no JavaScript), for statistics read on cheap phones.

Each chart is one of the templates' HTML blocks (htmlblock.py) in the generated Markdown: a
`<figure>` holding the SVG (scaled to the screen width, coloured by CSS classes with default fills),
a caption, and a table with the same numbers as the text alternative. Every incoming text is
escaped; the output has no blank line and is byte-identical for the same input.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from generator import formats, htmlblock
from generator.escape import Md, html_text

WIDTH = 360  # viewBox units; the SVG is drawn at 100% of the column, so one unit ≈ one CSS px on a phone.
ROW = 42  # height of one row: a text line, then the bar.
BAR_HEIGHT = 16
FONT_SIZE = 14
CHAR_WIDTH = 7.5  # a generous average glyph width at FONT_SIZE, to decide where labels are cut.
BAR_FILL = "#2f6fa8"  # default colour when the site's CSS (`.mt-chart__bar`) is missing.
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Bar:
    """One row of a chart: what is counted, how many, and an optional extra text (e.g. a percentage)."""

    label: str
    value: int
    note: str = ""


@dataclass(frozen=True)
class _Row:
    label: str  # full label, folded to one line
    value: int
    shown: str  # value as written in the SVG
    cell: str  # value as written in the table
    note: str


def bar_chart(
    title: str,
    description: str,
    bars: Sequence[Bar],
    unit: Literal["jumlah", "rupiah"] = "jumlah",
    column: str = "Jumlah",
) -> Md:
    """Horizontal bars from the left edge; the largest value fills the plot width."""
    rows = [
        _Row(
            _fold(bar.label),
            bar.value,
            formats.rupiah_ringkas(bar.value) if unit == "rupiah" else formats.angka(bar.value),
            formats.rupiah(bar.value) if unit == "rupiah" else formats.angka(bar.value),
            _fold(bar.note),
        )
        for bar in bars
    ]
    return _chart("bar", title, description, rows, column, centred=False)


def funnel_chart(title: str, description: str, stages: Sequence[Bar]) -> Md:
    """Centred bars, each stage with its count and its share of the first stage ("61,5%")."""
    first = stages[0].value if stages else 0
    rows = []
    for stage in stages:
        share = _percent(stage.value, first)
        shown = f"{formats.angka(stage.value)} ({share})" if share else formats.angka(stage.value)
        note = "; ".join(text for text in (share, _fold(stage.note)) if text)
        rows.append(_Row(_fold(stage.label), stage.value, shown, formats.angka(stage.value), note))
    return _chart("funnel", title, description, rows, "Jumlah", centred=True)


def _percent(value: int, first: int) -> str:
    """Share of `first` with one decimal and a decimal comma ("61,5%"); empty when `first` is not positive."""
    if first <= 0:
        return ""
    share = (Decimal(value) * 100 / Decimal(first)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{share:f}".replace(".", ",") + "%"


def _fold(text: str) -> str:
    return _SPACE.sub(" ", str(text)).strip()


def _cut(text: str, chars: int) -> str:
    """`text` shortened to at most `chars` characters, ending with "…" when cut."""
    return text if len(text) <= chars else text[: max(chars - 1, 1)].rstrip() + "…"


def _chart(kind: str, title: str, description: str, rows: list[_Row], column: str, centred: bool) -> Md:
    esc_title, esc_desc = html_text(title), html_text(description)
    if not rows:
        return _block(
            [f'<p class="mt-chart mt-chart--kosong"><strong>{esc_title}</strong>: Belum ada data.</p>']
        )
    data = [
        kind,
        _fold(title),
        _fold(description),
        column,
        [[r.label, r.value, r.shown, r.note] for r in rows],
    ]
    digest = hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()[:8]
    ident = f"mt-chart-{digest}"
    largest = max(max(row.value for row in rows), 0)
    height = ROW * len(rows)
    lines = [
        f'<figure class="mt-chart mt-chart--{kind}" id="{ident}">',
        # Search leaves the drawing out: its numbers are in the table beside it.
        f'<svg class="mt-chart__svg" data-pagefind-ignore role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-size="{FONT_SIZE}" font-family="sans-serif">',
        f'<title id="{ident}-title">{esc_title}</title>',
        f'<desc id="{ident}-desc">{esc_desc}</desc>',
    ]
    for index, row in enumerate(rows):
        top = ROW * index
        width = WIDTH * max(row.value, 0) / largest if largest else 0.0
        x = (WIDTH - width) / 2 if centred else 0.0
        text_y, bar_y = top + FONT_SIZE + 2, top + FONT_SIZE + 8
        room = WIDTH - CHAR_WIDTH * (len(row.shown) + 2)
        label = html_text(_cut(row.label, max(int(room / CHAR_WIDTH), 4)))
        lines.append('<g class="mt-chart__row">')
        lines.append(f"<title>{html_text(row.label)}: {html_text(row.shown)}</title>")
        lines.append(f'<text class="mt-chart__label" x="0" y="{text_y}" fill="currentColor">{label}</text>')
        lines.append(
            f'<text class="mt-chart__value" x="{WIDTH}" y="{text_y}" text-anchor="end" '
            f'fill="currentColor">{html_text(row.shown)}</text>'
        )
        lines.append(
            f'<rect class="mt-chart__bar" x="{x:.1f}" y="{bar_y}" width="{width:.1f}" '
            f'height="{BAR_HEIGHT}" fill="{BAR_FILL}"></rect>'
        )
        lines.append("</g>")
    lines.append("</svg>")
    lines.append(f'<figcaption class="mt-chart__caption">{esc_title}</figcaption>')
    notes = any(row.note for row in rows)
    header = f'<th scope="col">Uraian</th><th scope="col">{html_text(column)}</th>'
    header += '<th scope="col">Keterangan</th>' if notes else ""
    lines.append(f'<table class="mt-chart__table"><thead><tr>{header}</tr></thead><tbody>')
    for row in rows:
        cells = f'<th scope="row">{html_text(row.label)}</th><td>{html_text(row.cell)}</td>'
        cells += f"<td>{html_text(row.note)}</td>" if notes else ""
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</tbody></table>")
    lines.append("</figure>")
    return _block(lines)


def _block(lines: list[str]) -> Md:
    """The chart as one of the templates' HTML blocks (see htmlblock.py): Python-Markdown stores it as
    it is instead of parsing it (a region page's charts took it 35 ms)."""
    return Md("\n".join([htmlblock.OPEN, *lines, htmlblock.CLOSE]))
