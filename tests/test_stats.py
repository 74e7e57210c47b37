"""Statistics pages stay the same size however many records there are: long tails are summed."""

from __future__ import annotations

from generator import stats
from generator.catalog import build_catalog
from generator.load import load
from tests.conftest import CONTENT


def test_a_long_tail_is_summed_in_one_row() -> None:
    rows = tuple(stats.Row(f"OPD {n}", 10 - n, 100 * (10 - n)) for n in range(6))
    shown = stats._top(rows, 3, "OPD")
    assert [r.label for r in shown] == ["OPD 0", "OPD 1", "4 OPD lainnya"]
    assert sum(r.jumlah for r in shown) == sum(r.jumlah for r in rows)
    assert sum(r.rupiah for r in shown) == sum(r.rupiah for r in rows)
    assert stats._top(rows, 6, "OPD") == rows


def test_the_region_table_climbs_a_level_when_it_would_be_too_long() -> None:
    records, _ = load(CONTENT)
    catalog = build_catalog(records)
    items = catalog.usulan
    figures = stats.Figures(items, lambda u: catalog.opd_akhir(u).nama)
    codes = {u.wilayah for u in items}
    every = stats.by_region(catalog, codes, lambda kode: figures.tally(kode, None))
    assert not every.gathered
    assert {row.kode for row in every.rows} == codes
    fewer = stats.by_region(catalog, codes, lambda kode: figures.tally(kode, None), limit=len(every.rows) - 1)
    assert fewer.gathered and len(fewer.rows) < len(every.rows)
    assert "kelurahan" not in fewer.jenis
    for table in (every, fewer):
        assert sum(row.jumlah for row in table.rows) == len(items)
        for row in table.rows:
            here = [u for u in items if u.wilayah == row.kode or u.wilayah.startswith(row.kode + ".")]
            assert row.jumlah == len(here)
            assert row.diakomodir == sum(1 for u in here if stats.accommodated(u))
            assert row.rupiah == sum(u.perkiraan_biaya for u in here)


def test_the_catalog_answers_figures_by_region_and_year() -> None:
    records, _ = load(CONTENT)
    catalog = build_catalog(records)
    kode = catalog.usulan[0].wilayah
    tahun = catalog.usulan[0].tahun_rencana
    here = [u for u in catalog.usulan if u.wilayah == kode and u.tahun_rencana == tahun]
    figures = catalog.angka(kode, tahun)
    assert figures == stats.statistik(catalog, here) and figures.jumlah == len(here) > 0
    assert figures.contoh == sum(1 for u in here if u.contoh)
    assert figures.diakomodir == sum(1 for u in here if stats.accommodated(u))
    assert sum(row.jumlah for row in figures.status) == len(here)
    # Sums of the tallies of the regions and years below equal one pass over the proposals.
    for where in {None, kode, *(r.wilayah.kode for r in catalog.region_path(kode))}:
        for when in {None, tahun}:
            chosen = [
                u
                for u in catalog.usulan
                if (where is None or u.wilayah == where or u.wilayah.startswith(where + "."))
                and when in (None, u.tahun_rencana)
            ]
            assert catalog.angka(where, when) == stats.statistik(catalog, chosen), (where, when)
    assert catalog.angka(kode, tahun) is figures  # computed once a build
    assert {row.kode for row in catalog.angka_wilayah().rows} == {u.wilayah for u in catalog.usulan}
    assert catalog.jumlah_usulan(kode) == len(catalog.usulan_in(kode)) and catalog.jumlah_usulan() == len(
        items := catalog.usulan
    )
    assert catalog.usulan_terbaru(3) == items[:3]
