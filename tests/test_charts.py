"""Inline SVG charts: the table carries the same numbers, bars are proportional, text stays inert."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from generator import htmlblock
from generator.charts import WIDTH, Bar, bar_chart, funnel_chart

HOSTILE = [
    "</svg><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)' x='",
    "</title><script>alert(1)</script>",
    "</figure>\n\n<script>alert(1)</script>",
]


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def table_rows(soup: BeautifulSoup) -> list[list[str]]:
    return [[cell.get_text() for cell in tr.find_all(["th", "td"])] for tr in soup.find_all("tr")]


def bar_widths(soup: BeautifulSoup) -> list[float]:
    return [float(str(rect["width"])) for rect in soup.select("rect.mt-chart__bar")]


def test_table_holds_the_numbers_formatted() -> None:
    bars = [Bar("Infrastruktur", 1_250_000), Bar("Pendidikan", 980), Bar("Kesehatan", 0)]
    soup = parse(bar_chart("Usulan", "Usulan per bidang", bars))
    assert table_rows(soup) == [
        ["Uraian", "Jumlah"],
        ["Infrastruktur", "1.250.000"],
        ["Pendidikan", "980"],
        ["Kesehatan", "0"],
    ]
    assert soup.figure is not None and soup.figcaption is not None
    assert soup.figcaption.get_text() == "Usulan"


def test_rupiah_table_column_and_notes() -> None:
    bars = [Bar("Jalan desa", 1_250_000_000, "62%"), Bar("Posyandu", 86_919_619)]
    soup = parse(bar_chart("Anggaran", "Pagu per kegiatan", bars, unit="rupiah", column="Pagu"))
    assert table_rows(soup) == [
        ["Uraian", "Pagu", "Keterangan"],
        ["Jalan desa", "Rp1.250.000.000", "62%"],
        ["Posyandu", "Rp86.919.619", ""],
    ]
    values = [text.get_text() for text in soup.select("text.mt-chart__value")]
    assert values == ["Rp1,25 miliar", "Rp86,92 juta"]


def test_bar_widths_are_proportional() -> None:
    soup = parse(bar_chart("T", "D", [Bar("a", 400), Bar("b", 200), Bar("c", 100), Bar("d", 0)]))
    widths = bar_widths(soup)
    assert widths[0] == WIDTH
    assert widths[1] == pytest.approx(WIDTH / 2, abs=0.5)
    assert widths[2] == pytest.approx(WIDTH / 4, abs=0.5)
    assert widths[3] == 0
    assert all(float(str(rect["x"])) == 0 for rect in soup.select("rect.mt-chart__bar"))


def test_all_zero_values_draw_empty_bars() -> None:
    soup = parse(bar_chart("T", "D", [Bar("a", 0), Bar("b", 0)]))
    assert bar_widths(soup) == [0, 0]
    assert table_rows(soup)[1:] == [["a", "0"], ["b", "0"]]


def test_svg_is_an_image_labelled_by_its_title_and_desc() -> None:
    soup = parse(bar_chart("Usulan diterima", "Jumlah usulan per kecamatan", [Bar("Cibeunying", 12)]))
    svg = soup.svg
    assert isinstance(svg, Tag)
    assert svg["role"] == "img"
    assert svg["width"] == "100%"
    assert str(svg["viewbox"]).startswith(f"0 0 {WIDTH} ")  # html.parser lowercases attribute names
    ids = str(svg["aria-labelledby"]).split()
    assert len(ids) == 2
    title, desc = (svg.find(id=ident) for ident in ids)
    assert isinstance(title, Tag) and title.name == "title" and title.parent is svg
    assert isinstance(desc, Tag) and desc.name == "desc" and desc.parent is svg
    assert title.get_text() == "Usulan diterima"
    assert desc.get_text() == "Jumlah usulan per kecamatan"
    assert ids[0].startswith("mt-chart-")
    rect = soup.select_one("rect.mt-chart__bar")
    assert rect is not None and rect.get("fill")


def test_ids_differ_between_charts_and_repeat_for_the_same_chart() -> None:
    one = bar_chart("T", "D", [Bar("a", 1)])
    assert one == bar_chart("T", "D", [Bar("a", 1)])
    others = [bar_chart("T", "D", [Bar("a", 2)]), bar_chart("T2", "D", [Bar("a", 1)])]
    others.append(funnel_chart("T", "D", [Bar("a", 1)]))
    figures = [parse(html).figure for html in [one, *others]]
    assert len({str(figure["id"]) for figure in figures if figure is not None}) == 4


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_stays_text(payload: str) -> None:
    bars = [Bar(payload, 5, payload), Bar("b", 3)]
    for html in (bar_chart(payload, payload, bars, column=payload), funnel_chart(payload, payload, bars)):
        soup = parse(html)
        assert soup.find("script") is None and soup.find("img") is None
        for tag in soup.find_all(True):
            assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
        assert [child.name for child in soup.children if isinstance(child, Tag)] == ["figure"]
        folded = " ".join(payload.split())
        assert soup.figcaption is not None and soup.figcaption.get_text() == folded
        assert table_rows(soup)[1][0] == folded
        assert "\n\n" not in html


def test_output_is_deterministic_and_has_no_blank_line() -> None:
    bars = [Bar("Satu\n\nDua", 7, "catatan\n\n"), Bar("Tiga", 3)]
    for make in (
        lambda: bar_chart("A\n\nB", "C\n \nD", bars),
        lambda: funnel_chart("A\n\nB", "C\n \nD", bars),
    ):
        first, second = make(), make()
        assert first == second
        assert first.startswith(f"{htmlblock.OPEN}\n<figure") and first.endswith(
            f"</figure>\n{htmlblock.CLOSE}"
        )
        assert all(line.strip() for line in first.split("\n"))


def test_empty_input() -> None:
    html = bar_chart("<b>Usulan</b>", "D", [])
    assert html == bar_chart("<b>Usulan</b>", "D", [])
    assert html.startswith(f"{htmlblock.OPEN}\n<p")
    assert html.count("\n") == 2  # one paragraph, in an HTML block
    soup = parse(html)
    assert soup.find("b") is None
    assert soup.get_text().strip() == "<b>Usulan</b>: Belum ada data."
    assert funnel_chart("T", "D", []).startswith(f"{htmlblock.OPEN}\n<p")
    assert "Belum ada data." in funnel_chart("T", "D", [])


def test_long_labels_are_cut_in_the_svg_only() -> None:
    label = "Pembangunan jalan usaha tani dan saluran irigasi tersier di Dusun Sukamaju RT 03 RW 02"
    soup = parse(bar_chart("T", "D", [Bar(label, 1_250_000)]))
    shown = soup.select_one("text.mt-chart__label")
    assert shown is not None
    text = shown.get_text()
    assert text.endswith("…") and len(text) < len(label) and label.startswith(text[:-1])
    tooltip = soup.select_one("g.mt-chart__row > title")
    assert tooltip is not None and tooltip.get_text() == f"{label}: 1.250.000"
    assert table_rows(soup)[1][0] == label


def test_funnel_shows_shares_of_the_first_stage() -> None:
    stages = [Bar("Usulan masuk", 200), Bar("Diverifikasi", 123), Bar("Disepakati", 50), Bar("Ditolak", 0)]
    soup = parse(funnel_chart("Alur usulan", "Dari usulan masuk sampai disepakati", stages))
    values = [text.get_text() for text in soup.select("text.mt-chart__value")]
    assert values == ["200 (100,0%)", "123 (61,5%)", "50 (25,0%)", "0 (0,0%)"]
    assert table_rows(soup) == [
        ["Uraian", "Jumlah", "Keterangan"],
        ["Usulan masuk", "200", "100,0%"],
        ["Diverifikasi", "123", "61,5%"],
        ["Disepakati", "50", "25,0%"],
        ["Ditolak", "0", "0,0%"],
    ]
    rects = soup.select("rect.mt-chart__bar")
    for rect in rects:  # centred: the bar's middle is the middle of the plot
        assert float(str(rect["x"])) + float(str(rect["width"])) / 2 == pytest.approx(WIDTH / 2, abs=0.1)
    assert bar_widths(soup)[0] == WIDTH
    assert bar_widths(soup)[2] == pytest.approx(WIDTH / 4, abs=0.5)


def test_funnel_with_empty_first_stage_has_no_share() -> None:
    soup = parse(funnel_chart("T", "D", [Bar("a", 0), Bar("b", 0)]))
    assert table_rows(soup) == [["Uraian", "Jumlah"], ["a", "0"], ["b", "0"]]
    assert bar_widths(soup) == [0, 0]


@pytest.mark.parametrize("payload", HOSTILE)
def test_python_markdown_keeps_the_chart_as_one_raw_block(payload: str) -> None:
    markdown = pytest.importorskip("markdown")
    bars = [Bar(payload, 5, payload), Bar("Pendidikan", 3)]
    for chart in (bar_chart(payload, payload, bars), funnel_chart(payload, payload, bars)):
        page = markdown.markdown(
            f"# Judul\n\n{chart}\n\nTeks *akhir*.", extensions=["tables", "admonition", "toc"]
        )
        assert chart in page
        soup = parse(page)
        assert soup.find("script") is None and soup.find("img") is None
        assert [p.get_text() for p in soup.find_all("p")] == ["Teks akhir."]
