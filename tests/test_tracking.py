"""Tracking pages of the built site, checked against counts computed here from the raw YAML records
(not through the generator's own catalog), plus a link check of the whole built site."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from babel.dates import format_date

from tests.conftest import CONTENT, soup


def _records(kind: str) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((CONTENT / kind).rglob("*.yaml"))]


USULAN = {u["id"]: u for u in _records("usulan")}
RAPAT = {r["id"]: r for r in _records("rapat")}
STAGES = [
    "rembug-warga", "pra-musrenbang", "musrenbang-kelurahan", "musrenbang-desa", "musrenbang-kecamatan",
    "verifikasi-lapangan", "forum-opd", "musrenbang-kota", "musrenbang-kabupaten", "rkpd", "apbd",
    "pelaksanaan", "lainnya",
]  # fmt: skip


def _visible(element) -> str:  # type: ignore[no-untyped-def]
    for anchor in element.select(".headerlink"):
        anchor.decompose()
    return " ".join(element.get_text(" ").split())


def test_demo_content_covers_every_stage_and_decision() -> None:
    stages = {s["tahap"] for u in USULAN.values() for s in u["riwayat"]}
    decisions = {s["keputusan"] for u in USULAN.values() for s in u["riwayat"]}
    assert set(STAGES) - stages <= {"musrenbang-desa", "musrenbang-kabupaten", "lainnya"}
    assert decisions == {
        "diusulkan", "diterima", "diverifikasi", "diakomodir", "dikembalikan", "ditunda", "ditolak",
        "tidak-diakomodir",
    }  # fmt: skip
    assert all(u.get("contoh") for u in USULAN.values()), "invented proposals are labelled as examples"
    assert any(u.get("opd_tujuan_akhir") not in (None, u["opd_tujuan_awal"]) for u in USULAN.values())
    assert any(any("volume" in s for s in u["riwayat"]) for u in USULAN.values())
    assert any(u.get("lanjutan_dari") for u in USULAN.values())


@pytest.mark.parametrize("usulan_id", sorted(USULAN))
def test_each_usulan_page_has_its_timeline_in_order(shipped_site: Path, usulan_id: str) -> None:
    record = USULAN[usulan_id]
    page_dir = shipped_site / "usulan" / usulan_id
    page = soup(page_dir / "index.html")
    article = page.find("article")
    assert _visible(article.find("h1")) == " ".join(record["judul"].split())
    assert "Data contoh" in _visible(article)
    steps = article.find("h2", id="riwayat").find_next("ol").find_all("li", recursive=False)
    assert len(steps) == len(record["riwayat"])
    for item, step in zip(steps, record["riwayat"], strict=True):
        text = _visible(item)
        assert text.startswith(format_date(step["tanggal"], "EEEE, dd MMMM yyyy", locale="id") + ":")
        if step.get("alasan"):
            assert " ".join(step["alasan"].split()) in text
        links = [a["href"] for a in item.find_all("a")]
        if step.get("rapat"):
            assert links == [f"../../berita/{step['rapat']}/"]
            assert (page_dir / links[0] / "index.html").resolve().is_file()
        else:
            assert links == []
    dates = [s["tanggal"] for s in record["riwayat"]]
    assert dates == sorted(dates)
    last = record["riwayat"][-1]
    badge = article.find(class_="mt-status")
    assert badge["data-status"] == last["keputusan"]


def test_reassigned_opd_and_revised_volume_are_shown(shipped_site: Path) -> None:
    for usulan_id, record in USULAN.items():
        article = soup(shipped_site / "usulan" / usulan_id / "index.html").find("article")
        facts = {
            _visible(tr.find_all("td")[0]): _visible(tr.find_all("td")[1])
            for tr in article.find("table").find_all("tr")[1:]
        }
        reassigned = record.get("opd_tujuan_akhir") not in (None, record["opd_tujuan_awal"])
        assert facts.get("OPD tujuan akhir", "").endswith("(dialihkan)") == reassigned
        volumes = [record["volume"]]
        for step in record["riwayat"]:
            if "volume" in step and step["volume"] != volumes[-1]:
                volumes.append(step["volume"])
        assert facts["Volume"].startswith(" → ".join(str(v) for v in volumes) + " ")


def _expected_funnel(year: int | None) -> Counter[str]:
    reached: Counter[str] = Counter()
    for u in USULAN.values():
        if year is None or u["tahun_rencana"] == year:
            for stage in {s["tahap"] for s in u["riwayat"]}:
                reached[stage] += 1
    return reached


def _table(figure) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [_visible(td) for td in tr.find_all(["th", "td"])] for tr in figure.find("table").find_all("tr")[1:]
    ]


@pytest.mark.parametrize("year", [None, 2024, 2025])
def test_funnel_equals_counts_from_the_records(shipped_site: Path, year: int | None) -> None:
    page = soup(shipped_site / "statistik" / (str(year) if year else "") / "index.html")
    funnel = page.find("figure", class_="mt-chart")
    rows = {row[0]: int(row[1].replace(".", "")) for row in _table(funnel)}
    labels = {
        "rembug-warga": "Rembug Warga / Musyawarah RT-RW",
        "pra-musrenbang": "Pra-Musrenbang / Rapat Koordinasi",
        "musrenbang-kelurahan": "Musrenbang Kelurahan", "musrenbang-kecamatan": "Musrenbang Kecamatan",
        "verifikasi-lapangan": "Verifikasi Lapangan", "forum-opd": "Forum Perangkat Daerah (Forum OPD)",
        "musrenbang-kota": "Musrenbang Kota", "rkpd": "Penetapan RKPD", "apbd": "Penetapan APBD",
        "pelaksanaan": "Pelaksanaan",
    }  # fmt: skip
    expected = {labels[stage]: count for stage, count in _expected_funnel(year).items()}

    def accommodated(u: dict) -> bool:
        state = False
        for s in u["riwayat"]:
            state = (
                True
                if s["keputusan"] == "diakomodir"
                else (False if s["keputusan"] in ("ditolak", "tidak-diakomodir") else state)
            )
        return state

    expected["Diakomodir"] = sum(
        accommodated(u) for u in USULAN.values() if year is None or u["tahun_rencana"] == year
    )
    assert rows == expected


def test_rejection_reasons_are_ranked(shipped_site: Path) -> None:
    page = soup(shipped_site / "statistik" / "index.html")
    figure = [
        f for f in page.find_all("figure", class_="mt-chart") if "Alasan penolakan" in _visible(f.figcaption)
    ][0]
    counts = [int(row[1]) for row in _table(figure)]
    expected = Counter(
        " ".join(s["alasan"].casefold().split())
        for u in USULAN.values()
        for s in u["riwayat"]
        if s["keputusan"] in ("ditolak", "tidak-diakomodir")
    )
    assert counts == sorted(expected.values(), reverse=True)
    assert sum(counts) == sum(expected.values())


def _list_ids(site: Path, key: str) -> list[str]:
    """Every proposal id a plain list shows, following its pages."""
    found: list[str] = []
    folder = site / "usulan" / "daftar" / key
    page = soup(folder / "index.html")
    number = 1
    while True:
        for a in page.find("article").find("table").select("tbody a"):
            found.append(a["href"].rstrip("/").split("/")[-1])
        number += 1
        if not (folder / str(number)).is_dir():
            return found
        page = soup(folder / str(number) / "index.html")


FILTERS = {
    "status-ditolak": lambda u: u["riwayat"][-1]["keputusan"] == "ditolak",
    "status-diakomodir": lambda u: u["riwayat"][-1]["keputusan"] == "diakomodir",
    "wilayah-18.72.05.1002": lambda u: u["wilayah"] == "18.72.05.1002",
    "wilayah-18.72.05": lambda u: u["wilayah"].startswith("18.72.05."),
    "jenis-barang": lambda u: u["jenis"] == "barang",
    "bidang-ekonomi": lambda u: u["bidang"] == "ekonomi",
    "urusan-1.03": lambda u: u["urusan"] == "1.03",
    "opd-dishub-metro": lambda u: (u.get("opd_tujuan_akhir") or u["opd_tujuan_awal"]) == "dishub-metro",
    "tahun-2025": lambda u: u["tahun_rencana"] == 2025,
}


@pytest.mark.parametrize("key", sorted(FILTERS))
def test_plain_lists_return_exactly_the_expected_proposals(shipped_site: Path, key: str) -> None:
    expected = sorted(i for i, u in USULAN.items() if FILTERS[key](u))
    shown = _list_ids(shipped_site, key)
    assert len(shown) == len(set(shown))
    assert sorted(shown) == expected


def test_every_internal_link_resolves(shipped_site: Path) -> None:
    """A link check of the whole built site: every relative href/src names a file, every #anchor an id."""
    ids: dict[Path, set[str]] = {}
    broken: list[str] = []
    for html in sorted(shipped_site.rglob("*.html")):
        page = soup(html)
        ids[html] = {e["id"] for e in page.find_all(id=True)}
    for html in sorted(shipped_site.rglob("*.html")):
        if html.name == "404.html":
            continue  # served for any missing path, so MkDocs writes its links from the site root
        page = soup(html)
        for element in page.find_all(["a", "link", "script", "img", "source"]):
            ref = element.get("href") or element.get("src")
            if not ref or re.match(r"^[a-z][a-z0-9+.-]*:|^//", ref):
                continue
            parts = urlsplit(ref)
            target = (html.parent / unquote(parts.path)).resolve() if parts.path else html
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{html.relative_to(shipped_site)}: {ref}")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in ids.get(target, set())
            ):
                broken.append(f"{html.relative_to(shipped_site)}: {ref} (no such anchor)")
    assert broken == []
