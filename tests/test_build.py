"""Full builds with real MkDocs and Pagefind, read back as HTML."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest

from generator.build import build
from generator.problems import EngineFailed, RecordsInvalid
from tests.conftest import CONTENT, build_site, soup

POSTS = {
    "2023-musrenbangkel-margodadi": (
        "Musrenbang Kelurahan Margodadi 2023",
        "Rabu, 01 Februari 2023",
        "Jam belum tercatat",
        "Aula Kelurahan Margodadi",
    ),
    "2023-musrenbangkel-sumbersari-bantul": (
        "Musrenbang Kelurahan Sumbersari Bantul 2023",
        "Rabu, 01 Februari 2023",
        "Pukul 13.00 WIB s.d. selesai",
        "Belum tercatat",
    ),
    "2023-musrenbangkel-margorejo": (
        "Musrenbang Kelurahan Margorejo 2023",
        "Kamis, 02 Februari 2023",
        "Jam belum tercatat",
        "Belum tercatat",
    ),
    "2023-musrenbangkel-rejomulyo": (
        "Musrenbang Kelurahan Rejomulyo 2023",
        "Kamis, 02 Februari 2023",
        "Siang hari (jam belum tercatat)",
        "Belum tercatat",
    ),
    "2020-rakor-musrenbangkel-patihan": (
        "Rapat Koordinasi Musrenbangkel Kelurahan Patihan",
        "Kamis, 23 Januari 2020",
        "Pukul 19.00 WIB",
        "Aula Kantor Kelurahan Patihan",
    ),
}


def _facts(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The two-column facts table of a post, as a dict."""
    table = page.find("article").find("table")
    return {
        row.find_all("td")[0].get_text(strip=True): " ".join(row.find_all("td")[1].get_text().split())
        for row in table.find_all("tr")
        if row.find_all("td")
    }


@pytest.mark.parametrize("slug", sorted(POSTS))
def test_each_meeting_has_a_post_with_date_time_and_venue(shipped_site: Path, slug: str) -> None:
    title, date, time, venue = POSTS[slug]
    page = soup(shipped_site / "berita" / slug / "index.html")
    for anchor in page.select(".headerlink"):
        anchor.decompose()
    assert page.find("h1").get_text(strip=True) == title
    assert page.title.get_text() == f"{title} - Musrenbang Terbuka"
    facts = _facts(page)
    assert facts["Hari, tanggal"] == date
    assert facts["Waktu"] == time
    assert facts["Tempat"] == venue
    assert page.find("html")["lang"] == "id"


def test_attendees_are_grouped_by_unsur(shipped_site: Path) -> None:
    page = soup(shipped_site / "berita" / "2020-rakor-musrenbangkel-patihan" / "index.html")
    article = page.find("article")
    groups = [strong.get_text() for strong in article.select("p > strong")]
    assert groups == [
        "Pemerintah Kota/Kabupaten",
        "Kecamatan dan Forkopimcam",
        "Pemerintah Kelurahan/Desa",
        "Lembaga Kemasyarakatan (LPMK, RT/RW, PKK, Karang Taruna)",
    ]
    items = [li.get_text(" ", strip=True) for li in article.select("ul > li")]
    for expected in (
        "Lurah Patihan (Kelurahan Patihan)",
        "Camat Manguharjo (Kecamatan Manguharjo)",
        "Ketua RT se-Kelurahan Patihan",
        "Ketua LPMK Patihan (LPMK Kelurahan Patihan)",
    ):
        assert expected in items


def test_region_path_and_series_link(shipped_site: Path) -> None:
    page = soup(shipped_site / "berita" / "2023-musrenbangkel-margodadi" / "index.html")
    facts = _facts(page)
    assert facts["Wilayah"] == "Kelurahan Margodadi, Kecamatan Metro Selatan, Kota Metro, Provinsi Lampung"
    assert facts["Rencana pembangunan"] == "Tahun 2024"
    region_links = [a["href"] for a in page.find("article").find("table").find_all("a")][:4]
    assert region_links == [
        "../../wilayah/18.72.05.1004/",
        "../../wilayah/18.72.05/",
        "../../wilayah/18.72/",
        "../../wilayah/18/",
    ]
    link = page.find("article").find(
        "a", string="Musrenbang Tingkat Kelurahan se-Kecamatan Metro Selatan 2023"
    )
    assert link["href"] == "../../seri/2023-musrenbangkel-metro-selatan/"
    assert (shipped_site / "seri" / "2023-musrenbangkel-metro-selatan" / "index.html").is_file()


def test_proposals_discussed_are_listed_and_labelled_as_examples(shipped_site: Path) -> None:
    page = soup(shipped_site / "berita" / "2023-musrenbangkel-sumbersari-bantul" / "index.html")
    table = page.find("article").find_all("table")[1]
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.find_all("tr")[1:]]
    assert [
        "Pengadaan tempat sampah terpilah untuk jalan utama kelurahan (data contoh)",
        "Kelurahan Sumbersari Bantul RW 004",
        "Rp1.250.000.000",
        "Tidak disepakati: tidak masuk prioritas",
    ] in rows
    assert all(row[0].endswith("(data contoh)") for row in rows)
    link = table.find("a", string="Pengadaan tempat sampah terpilah untuk jalan utama kelurahan")
    assert link["href"] == "../../usulan/contoh-2024-sumbersari-bantul-001/"


def test_series_page_schedules_the_round_in_order(shipped_site: Path) -> None:
    page = soup(shipped_site / "seri" / "2023-musrenbangkel-metro-selatan" / "index.html")
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in page.find("table").find_all("tr")[1:]
    ]
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("Rabu, 01 Februari 2023", "Jam belum tercatat", "Kelurahan Margodadi"),
        ("Rabu, 01 Februari 2023", "Pukul 13.00 WIB s.d. selesai", "Kelurahan Sumbersari Bantul"),
        ("Kamis, 02 Februari 2023", "Jam belum tercatat", "Kelurahan Margorejo"),
        ("Kamis, 02 Februari 2023", "Siang hari (jam belum tercatat)", "Kelurahan Rejomulyo"),
    ]


def test_news_index_categories_and_home(shipped_site: Path) -> None:
    index = soup(shipped_site / "berita" / "index.html")
    titles = [h.get_text(strip=True).rstrip("¶") for h in index.select("article.md-post h2")]
    # Newest first; the two meetings of 2 February have no hour, so either may come first.
    assert titles[:5] == [
        "Musrenbang Kota Metro 2023",
        "Forum Perangkat Daerah (Forum OPD) Kota Metro 2023",
        "Verifikasi Lapangan Kota Metro 2023",
        "Musrenbang Kecamatan Metro Selatan 2023",
        titles[4],
    ]
    assert set(titles[4:6]) == {"Musrenbang Kelurahan Rejomulyo 2023", "Musrenbang Kelurahan Margorejo 2023"}
    assert titles[6:] == [
        "Musrenbang Kelurahan Sumbersari Bantul 2023",
        "Musrenbang Kelurahan Margodadi 2023",
        "Rapat Koordinasi Musrenbangkel Kelurahan Patihan",
    ]
    for category in ("kelurahan-margodadi", "kecamatan-metro-selatan", "tahun-2020", "musrenbang-kelurahan"):
        assert (shipped_site / "berita" / "category" / category / "index.html").is_file(), category
    home = soup(shipped_site / "index.html")
    schedule = home.select(".mt-jadwal li[data-tanggal]")
    dates = [li["data-tanggal"] for li in schedule]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2023-04-05"
    assert home.find("a", string="Apa itu musrenbang?")["href"] == "tentang/"


def test_no_request_leaves_the_site(shipped_site: Path) -> None:
    for path in shipped_site.rglob("*.html"):
        page = soup(path)
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag):
                value = element.get(attribute)
                if value and not (
                    tag == "link"
                    and "stylesheet" not in element.get("rel", [])
                    and "icon" not in element.get("rel", [])
                ):
                    assert not re.match(r"(https?:)?//", value), f"{path}: {tag} {value}"
    everything = "".join(p.read_text(errors="ignore") for p in shipped_site.rglob("*.html"))
    assert "fonts.googleapis" not in everything and "fonts.gstatic" not in everything


def _fragments(site: Path) -> dict[str, str]:
    """What Pagefind keeps of each indexed page, by address: its text as a reader's result shows it."""
    found = {}
    for path in (site / "pagefind").glob("*/fragment/*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data["content"]
    return found


def test_search_leaves_out_the_links_every_page_repeats(shipped_site: Path) -> None:
    """The data, calendar and feed links, the last change and the print note are on every post and
    proposal page: indexed, a search for "JSON", "RSS" or "dicetak" found all of them, and Pagefind
    read them for every page. The page's own text is indexed."""
    fragments = _fragments(shipped_site)
    post = soup(shipped_site / "berita" / "2023-musrenbangkel-margodadi" / "index.html")
    proposal = soup(shipped_site / "usulan" / "contoh-2024-margodadi-001" / "index.html")
    for page in (post, proposal):  # on the page, for the reader
        text = page.get_text(" ")
        assert "format JSON" in text and "Dicetak dari data per" in text
    assert "Ikuti berita rapat" in post.get_text(" ") and "Tambahkan ke kalender" in post.get_text(" ")
    for url in ("/berita/2023-musrenbangkel-margodadi/", "/usulan/contoh-2024-margodadi-001/"):
        assert "Status terkini" in fragments[url] or "Margodadi" in fragments[url], fragments[url]
    noise = (
        "format JSON",
        "Semua data terbuka",
        "Dicetak dari data per",
        "Ikuti berita rapat",
        "Tambahkan ke kalender",
        "terakhir diubah pada",
    )
    assert len(fragments) > 30
    assert not [(url, n) for url, content in fragments.items() for n in noise if n in content]


def test_pagefind_index_is_indonesian_and_sharded_by_area(shipped_site: Path) -> None:
    shards = json.loads((shipped_site / "pagefind" / "bagian.json").read_text())
    entries = {
        name: json.loads((shipped_site / "pagefind" / name / "pagefind-entry.json").read_text())
        for name in shards
    }
    assert {tuple(entry["languages"]) for entry in entries.values()} == {("id",)}
    # Indexed: the pages whose article is marked, which are not lists that repeat other pages.
    marked = {
        p.relative_to(shipped_site).parent.as_posix()
        for p in shipped_site.rglob("*.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    }
    assert sum(e["languages"]["id"]["page_count"] for e in entries.values()) == len(marked)
    assert sum(shards.values()) == len(marked)
    assert {"usulan/contoh-2024-margodadi-001", "berita/2023-musrenbangkel-margodadi", "tentang"} <= marked
    assert {"wilayah/18.72.05", "usulan", "."} <= marked
    unmarked = ("usulan/daftar/", "berita/category/", "berita/archive/", "berita/page/")
    assert not [page for page in marked if page.startswith(unmarked) or page in ("berita", "cari")]
    assert (shipped_site / "usulan" / "daftar" / "status-ditolak" / "index.html").is_file()
    # A kecamatan's proposals in its own shard, the site-wide pages in `umum`, which alone carries the
    # scripts; the other shards hold only what a merged index reads.
    assert {"umum", "18.72.05"} <= set(shards)
    for name in shards:
        kept = {p.name for p in (shipped_site / "pagefind" / name).iterdir()}
        assert {"pagefind-entry.json", "index", "fragment"} <= kept
        assert ("pagefind-ui.js" in kept) == (name == "umum"), (name, kept)
    search = soup(shipped_site / "cari" / "index.html")
    assert search.find("script", src="../pagefind/umum/pagefind-ui.js")
    # Two kab/kota (Metro and Madiun): the reader may search both, one of them, or one kecamatan.
    choices = [o["value"] for o in search.find("select", id="mt-cari-wilayah").find_all("option")]
    assert choices == ["", "18.72", "18.72.05", "35.77", "35.77.02"]
    groups = [g["label"] for g in search.find("select", id="mt-cari-wilayah").find_all("optgroup")]
    assert groups == ["Kota Metro", "Kota Madiun"]


def _digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(shipped_site: Path, tmp_path: Path) -> None:
    again = build_site(CONTENT, tmp_path)
    assert _digest(again) == _digest(shipped_site)


def test_failed_build_leaves_previous_site(content: Path, tmp_path: Path) -> None:
    site = build_site(content, tmp_path)
    before = _digest(site)
    (content / "wilayah" / "18.72.05.1004.yaml").write_text('kode: "18.72.05.1004"\nnama: Salah\n')
    with pytest.raises(RecordsInvalid):
        build(content, site, tmp_path / "work", strict=True)
    assert _digest(site) == before


def test_a_raw_html_link_to_a_missing_page_stops_the_build(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Links in the templates' HTML blocks are checked as MkDocs checks Markdown links: here every
    post's category links point one folder off, where no page is."""
    from generator import news

    monkeypatch.setattr(news, "category_path", lambda name: f"berita/kategori/{news.slug(name)}.md")
    with pytest.raises(EngineFailed, match="tautan ke halaman yang tidak ada: berita/kategori/"):
        build(content, tmp_path / "site", tmp_path / "work")
    assert not (tmp_path / "site").exists()
