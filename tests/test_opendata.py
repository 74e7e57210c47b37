"""The open-data package read back: valid for Frictionless, every record field for field, the
statistics equal the data, spreadsheet formulas neutralised, JSON-LD and per-record JSON."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from frictionless import validate

from generator.build import check_records
from generator.catalog import build_catalog
from generator.opendata import package
from tests.conftest import CONTENT, soup

KINDS = {"wilayah": "kode", "opd": "id", "peserta": "id", "seri": "id", "rapat": "id", "usulan": "id"}
CHILDREN = {("rapat", "peserta"): "kehadiran", ("rapat", "sumber"): "sumber", ("rapat", "dokumen"): "dokumen",
            ("usulan", "riwayat"): "riwayat"}  # fmt: skip


def _table(site: Path, name: str) -> list[dict[str, str]]:
    with open(site / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _cell(value: object, field: str = "") -> str:
    """How a YAML value reads in the CSV (independently of the generator's own code)."""
    if value is None or value == "tidak diketahui":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if field in ("kelompok", "warga", "setuju_nama_dipublikasikan", "contoh") and value in ("ya", "tidak"):
        return "true" if value == "ya" else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    text = " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()
    if field in ("mulai", "selesai") and text[:2].isdigit():
        return text.replace(".", ":")
    return text


def _unneutralised(cell: str) -> str:
    return cell[1:] if cell[:2] in ("'=", "'+", "'-", "'@") else cell


def test_frictionless_validates_the_package(shipped_site: Path) -> None:
    report = validate(str(shipped_site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((shipped_site / "data" / "datapackage.json").read_text())
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert {r["name"] for r in descriptor["resources"]} >= {
        "wilayah",
        "rapat",
        "peserta",
        "usulan",
        "riwayat",
        "dokumen",
    }


def test_a_changed_file_fails_its_checksum(shipped_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(shipped_site / "data", copy)
    path = copy / "usulan.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("drainase", "dreinase"), encoding="utf-8")
    assert not validate(str(copy / "datapackage.json")).valid


def test_every_record_is_in_the_package_field_for_field(shipped_site: Path) -> None:
    for kind, key in KINDS.items():
        rows = {row[key]: row for row in _table(shipped_site, kind)}
        records = [
            yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((CONTENT / kind).rglob("*.yaml"))
        ]
        assert len(rows) == len(records), kind
        for record in records:
            row = rows[str(record[key])]
            for field, value in record.items():
                if (kind, field) in CHILDREN:
                    children = [
                        r for r in _table(shipped_site, CHILDREN[(kind, field)]) if r[kind] == record[key]
                    ]
                    assert len(children) == len(value), (kind, field)
                    for child, item in zip(
                        sorted(children, key=lambda r: int(r["urutan"])), value, strict=True
                    ):
                        for name, inner in item.items():
                            assert _unneutralised(child[name]) == _cell(inner), (
                                kind,
                                record[key],
                                field,
                                name,
                            )
                elif isinstance(value, dict):
                    for name, inner in value.items():
                        assert row[f"{field}.{name}"] == _cell(inner), (kind, field, name)
                else:
                    assert _unneutralised(row[field]) == _cell(value, field), (kind, record[key], field)


def test_statistics_pages_equal_the_data(shipped_site: Path) -> None:
    usulan = _table(shipped_site, "usulan")
    riwayat = _table(shipped_site, "riwayat")
    text = soup(shipped_site / "statistik" / "index.html").find("article").get_text(" ")
    assert f"{len(usulan)} usulan dengan perkiraan biaya" in " ".join(text.split())
    funnel = soup(shipped_site / "statistik" / "index.html").find("figure", class_="mt-chart")
    shown = {tr.th.get_text(strip=True): int(tr.td.get_text(strip=True)) for tr in funnel.select("tbody tr")}
    reached = {(r["usulan"], r["tahap"]) for r in riwayat}
    assert shown["Musrenbang Kelurahan"] == sum(1 for _, stage in reached if stage == "musrenbang-kelurahan")
    assert shown["Penetapan APBD"] == sum(1 for _, stage in reached if stage == "apbd")
    ditolak = sum(1 for u in usulan if u["status"] == "ditolak")
    status = soup(shipped_site / "statistik" / "index.html").find_all("figure", class_="mt-chart")[1]
    assert {tr.th.get_text(strip=True): int(tr.td.get_text(strip=True)) for tr in status.select("tbody tr")}[
        "Ditolak"
    ] == ditolak


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("http://x","klik")', "+62 8 cmd", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)"]
)
def test_spreadsheet_formulas_are_neutralised(content: Path, value: str) -> None:
    path = content / "usulan" / "2023" / "contoh-2024-margodadi-001.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["judul"] = value
    data["pengusul"] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    records, problems = check_records(content)
    assert not [p for p in problems if not p.warning]
    files = package(build_catalog(records), records.data_date())
    rows = {r["id"]: r for r in csv.DictReader(files["data/usulan.csv"].splitlines())}
    row = rows["contoh-2024-margodadi-001"]
    assert row["judul"] == "'" + value and row["pengusul"] == "'" + value
    assert (
        rows["contoh-2024-margorejo-005"]["koordinat"] == "-5.1405, 105.3078"
    )  # coded columns keep their sign


def test_json_ld_event_on_meeting_posts(shipped_site: Path) -> None:
    page = soup(shipped_site / "berita" / "2023-musrenbangkel-sumbersari-bantul" / "index.html")
    blocks = page.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    event = json.loads(blocks[0].get_text())
    assert event["@type"] == "Event" and event["@context"] == "https://schema.org"
    assert event["startDate"] == "2023-02-01T13:00:00+07:00"
    assert event["organizer"]["@type"] == "GovernmentOrganization"
    assert event["location"]["address"]["addressLocality"] == "Kelurahan Sumbersari Bantul"


def test_per_record_json_is_linked_and_complete(shipped_site: Path) -> None:
    rapat = yaml.safe_load((CONTENT / "rapat" / "2023" / "2023-musrenbangkel-margodadi.yaml").read_text())
    post = soup(shipped_site / "berita" / "2023-musrenbangkel-margodadi" / "index.html")
    href = post.find("a", string="Rapat ini dalam format JSON")["href"]
    event = json.loads(
        (shipped_site / "berita" / "2023-musrenbangkel-margodadi" / href).resolve().read_text()
    )
    assert event["_type"] == "event" and event["name"] == "Musrenbang Kelurahan Margodadi 2023"
    assert [p["entity_id"] for p in event["participants"]] == [
        f"peserta/{p['peserta']}" for p in rapat["peserta"]
    ]
    decided = [e["entity_id"] for item in event["agenda"] for e in item["related_entities"]]
    expected = sorted(
        u["id"]
        for u in (yaml.safe_load(p.read_text()) for p in (CONTENT / "usulan").rglob("*.yaml"))
        if any(s.get("rapat") == "2023-musrenbangkel-margodadi" for s in u["riwayat"])
    )
    assert decided == expected
    usulan = yaml.safe_load((CONTENT / "usulan" / "2023" / "contoh-2024-margorejo-005.yaml").read_text())
    page = soup(shipped_site / "usulan" / "contoh-2024-margorejo-005" / "index.html")
    href = page.find("a", string="Usulan ini dalam format JSON")["href"]
    data = json.loads((shipped_site / "usulan" / "contoh-2024-margorejo-005" / href).resolve().read_text())
    assert [s["tanggal"] for s in data["riwayat"]] == [s["tanggal"].isoformat() for s in usulan["riwayat"]]
    assert data["status"] == usulan["riwayat"][-1]["keputusan"]


def test_feeds_calendars_sitemap_and_robots_of_a_real_build(subpath_site: Path) -> None:
    import feedparser
    import icalendar

    meetings = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (CONTENT / "rapat").rglob("*.yaml")]
    feed = feedparser.parse((subpath_site / "feed" / "semua" / "rss.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == len(meetings)
    assert all(e.link.startswith("https://contoh.go.id/musrenbang/berita/") for e in feed.entries)
    atom = feedparser.parse((subpath_site / "feed" / "18.72.05.1004" / "atom.xml").read_bytes())
    assert [e.title for e in atom.entries] == ["Musrenbang Kelurahan Margodadi 2023"]
    calendar = icalendar.Calendar.from_ical((subpath_site / "kalender" / "semua.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) == len(meetings)
    sitemap = (subpath_site / "sitemap.xml").read_text(encoding="utf-8")
    for page in ("berita/2023-musrenbangkel-margodadi/", "usulan/contoh-2024-margodadi-001/", "data/"):
        assert f"<loc>https://contoh.go.id/musrenbang/{page}</loc>" in sitemap
    robots = (subpath_site / "robots.txt").read_text(encoding="utf-8")
    assert robots.endswith("Sitemap: https://contoh.go.id/musrenbang/sitemap.xml\n")


def test_region_pages_and_posts_show_subscription_links(shipped_site: Path) -> None:
    for kode in [p.stem for p in (CONTENT / "wilayah").glob("*.yaml")]:
        page = soup(shipped_site / "wilayah" / kode / "index.html")
        links = {a.get_text(): a["href"] for a in page.find("article").find_all("a")}
        assert (
            links["RSS"] == f"../../feed/{kode}/rss.xml"
            and links["Kalender (.ics)"] == f"../../kalender/{kode}.ics"
        )
        assert (shipped_site / "feed" / kode / "rss.xml").is_file()
    post = soup(shipped_site / "berita" / "2023-musrenbangkel-margodadi" / "index.html")
    links = {a.get_text(): a["href"] for a in post.find("article").find_all("a")}
    assert links["Tambahkan ke kalender"] == "../../kalender/rapat/2023-musrenbangkel-margodadi.ics"
    assert links["RSS"] == "../../feed/18.72.05.1004/rss.xml"
