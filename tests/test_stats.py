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
    every = stats.by_region(catalog, items)
    assert not every.gathered
    assert {kode for kode, _ in every.rows} == {u.wilayah for u in items}
    fewer = stats.by_region(catalog, items, limit=len(every.rows) - 1)
    assert fewer.gathered and len(fewer.rows) < len(every.rows)
    assert "kelurahan" not in fewer.jenis
    for table in (every, fewer):
        assert sum(len(here) for _, here in table.rows) == len(items)
        for kode, here in table.rows:
            assert all(u.wilayah == kode or u.wilayah.startswith(kode + ".") for u in here)
