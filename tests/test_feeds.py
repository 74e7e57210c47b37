"""News feeds (RSS, Atom, JSON Feed) and iCalendar files, parsed by real parsers.

Expectations come from the YAML files themselves where they can (which meeting is in which region,
how many), and from the calendar facts of the sources (Sumbersari Bantul: 1 February 2023, 13.00 WIB).
Hostile text is planted in a copy of the content and must come back out of every parser as typed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import pytest
import yaml

from generator.build import check_records
from generator.catalog import Catalog, build_catalog
from generator.feeds import feeds
from generator.ical import calendars, escape_text, fold
from tests.conftest import CONTENT

SITE = "https://contoh.go.id/musrenbang/"
HOST = "https://pemda.example/sub/jalur/"  # an arbitrary base the relative feeds are served under
TODAY = dt.date(2023, 2, 2)
SUMBERSARI = "2023-musrenbangkel-sumbersari-bantul"
MARGODADI = "2023-musrenbangkel-margodadi"
MARGOREJO = "2023-musrenbangkel-margorejo"
KECAMATAN = "2023-musrenbangkel-metro-selatan"  # not a meeting: the series
MUSRENBANGCAM = "contoh-2023-musrenbangcam-metro-selatan"  # 08.30–12.30 WIB
FORMATS = {
    "rss.xml": ("rss20", "application/rss+xml"),
    "atom.xml": ("atom10", "application/atom+xml"),
    "feed.json": ("json", "application/feed+json"),
}


# Expectations read straight from the YAML files.


def yaml_records(content: Path, kind: str) -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted((content / kind).rglob("*.yaml"))]


def expected_scopes(content: Path = CONTENT) -> dict[str, list[str]]:
    """Scope → ids of its meetings: the whole site, and every kecamatan (three-part code) and
    kelurahan (four-part code) with at least one meeting in it or below it."""
    rapat = yaml_records(content, "rapat")
    found = {"semua": sorted(r["id"] for r in rapat)}
    for w in yaml_records(content, "wilayah"):
        kode = str(w["kode"])
        if True:  # every region with meetings has its feeds
            inside = sorted(
                r["id"] for r in rapat if r["wilayah"] == kode or r["wilayah"].startswith(kode + ".")
            )
            found[kode] = inside
    return found


def catalog_of(content: Path) -> Catalog:
    records, problems = check_records(content)
    errors = [p for p in problems if not p.warning]
    assert not errors, "\n".join(p.format() for p in errors)
    return build_catalog(records)


def edit(content: Path, rapat_id: str, **changes: object) -> None:
    path = next((content / "rapat").rglob(f"{rapat_id}.yaml"))
    data = yaml.safe_load(path.read_text("utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), "utf-8")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return catalog_of(CONTENT)


def parse_feed(path: str, text: str, base: str) -> Any:
    """Parse as a feed reader does after fetching `base + path`."""
    version, media_type = FORMATS[path.rsplit("/", 1)[1]]
    headers = {"content-location": base + path, "content-type": f"{media_type}; charset=utf-8"}
    parsed = feedparser.parse(text.encode("utf-8"), response_headers=headers)
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    assert parsed.version == version, path
    return parsed


def json_feed(path: str, text: str) -> dict[str, Any]:
    """JSON Feed 1.1 (feedparser 6.0 does not read it): the required members and their types."""
    data = json.loads(text)
    assert data["version"] == "https://jsonfeed.org/version/1.1", path
    assert isinstance(data["title"], str) and isinstance(data["items"], list), path
    for item in data["items"]:
        assert isinstance(item["id"], str) and isinstance(item["content_text"], str), path
        assert isinstance(item["url"], str) and isinstance(item["title"], str), path
        dt.datetime.fromisoformat(item["date_published"])
    for key in ("home_page_url", "feed_url"):
        assert key not in data or data[key].startswith("https://"), path
    return data


def entries(path: str, text: str, base: str) -> list[dict[str, Any]]:
    """(id, link, title, summary, published) of each item, in feed order, for any of the formats."""
    if path.endswith(".json"):
        items = json_feed(path, text)["items"]
        return [
            {
                "id": i["id"],
                "link": i["url"],
                "title": i["title"],
                "summary": i["summary"],
                "published": dt.datetime.fromisoformat(i["date_published"]),
            }
            for i in items
        ]
    return [
        {
            "id": e.id,
            "link": e.link,
            "title": e.title,
            "summary": shown(e.summary_detail),
            "published": dt.datetime.fromtimestamp(calendar.timegm(e.published_parsed), dt.UTC),
        }
        for e in parse_feed(path, text, base).entries
    ]


def shown(detail: Any) -> str:
    """The text a reader shows for a feedparser text construct: HTML (an RSS description) must hold no
    markup at all, only escaped text."""
    if detail.type == "text/plain":
        return str(detail.value)
    assert detail.type == "text/html" and "<" not in detail.value, detail.value
    return html.unescape(detail.value)


# Feeds.


def test_a_feed_of_each_format_for_each_scope_with_meetings(catalog: Catalog) -> None:
    expected = {f"feed/{scope}/{name}" for scope in expected_scopes() for name in FORMATS}
    assert set(feeds(catalog, None)) == expected
    assert set(feeds(catalog, SITE)) == expected
    assert "feed/18.72.05.1004/atom.xml" in expected and "feed/18.72.05/rss.xml" in expected


@pytest.mark.parametrize("site_url", [None, SITE], ids=["relative", "site-url"])
def test_every_feed_parses_with_its_items_newest_first(catalog: Catalog, site_url: str | None) -> None:
    scopes = expected_scopes()
    for path, text in feeds(catalog, site_url).items():
        scope = path.split("/")[1]
        found = entries(path, text, HOST)
        assert sorted(e["id"].rsplit(":", 1)[1] for e in found) == scopes[scope], path
        moments = [e["published"] for e in found]
        assert moments == sorted(moments, reverse=True), path


def test_titles(catalog: Catalog) -> None:
    out = feeds(catalog, None)
    for path in out:
        if path.endswith(".json"):
            title = json_feed(path, out[path])["title"]
        else:
            title = parse_feed(path, out[path], HOST).feed.title
        scope = path.split("/")[1]
        want = {
            "semua": "Berita Musrenbang",
            "18.72.05.1004": "Berita Musrenbang – Kelurahan Margodadi",
            "18.72.05": "Berita Musrenbang – Kecamatan Metro Selatan",
        }
        if scope in want:
            assert title == want[scope], path
    titles = {e["id"]: e["title"] for e in entries("feed/semua/atom.xml", out["feed/semua/atom.xml"], HOST)}
    assert titles[f"tag:musrenbang-terbuka,2020:rapat:{MARGODADI}"] == "Musrenbang Kelurahan Margodadi 2023"
    patihan = "tag:musrenbang-terbuka,2020:rapat:2020-rakor-musrenbangkel-patihan"
    assert titles[patihan] == "Rapat Koordinasi Musrenbangkel Kelurahan Patihan"


def test_summaries_say_what_when_where_and_mark_example_data(catalog: Catalog) -> None:
    out = feeds(catalog, None)
    found = {
        e["id"].rsplit(":", 1)[1]: e["summary"]
        for e in entries("feed/semua/rss.xml", out["feed/semua/rss.xml"], HOST)
    }
    assert found[MARGODADI] == (
        "Musrenbang Kelurahan Margodadi, Rabu, 01 Februari 2023, Jam belum tercatat, Aula Kelurahan Margodadi"
    )
    assert found[SUMBERSARI].endswith("Pukul 13.00 WIB s.d. selesai")
    assert found[MUSRENBANGCAM].endswith(" (data contoh)")
    assert not found[MARGODADI].endswith(" (data contoh)")


@pytest.mark.parametrize("name", list(FORMATS))
def test_relative_links_work_under_any_base(catalog: Catalog, name: str) -> None:
    out = feeds(catalog, None)
    for base in (HOST, "http://127.0.0.1:8000/"):
        for scope, ids in expected_scopes().items():
            path = f"feed/{scope}/{name}"
            links = {e["link"] for e in entries(path, out[path], base)}
            if name == "feed.json":  # a JSON reader resolves the item URL against the feed's own URL
                links = {_join(base + path, link) for link in links}
            assert links == {f"{base}berita/{i}/" for i in ids}, path
    assert "../../berita/" in out["feed/semua/rss.xml"]
    assert "https://" not in out["feed/semua/rss.xml"] + out["feed/semua/atom.xml"]


def _join(base: str, link: str) -> str:
    from urllib.parse import urljoin

    return urljoin(base, link)


@pytest.mark.parametrize("name", list(FORMATS))
def test_absolute_links_with_a_site_url(catalog: Catalog, name: str) -> None:
    out = feeds(catalog, SITE)
    for scope, ids in expected_scopes().items():
        path = f"feed/{scope}/{name}"
        assert {e["link"] for e in entries(path, out[path], HOST)} == {f"{SITE}berita/{i}/" for i in ids}
    parsed = parse_feed("feed/18.72.05.1004/atom.xml", out["feed/18.72.05.1004/atom.xml"], HOST)
    assert parsed.feed.link == f"{SITE}wilayah/18.72.05.1004/"
    data = json.loads(out["feed/semua/feed.json"])
    assert data["home_page_url"] == SITE and data["feed_url"] == f"{SITE}feed/semua/feed.json"
    assert f'href="{SITE}feed/semua/rss.xml" rel="self"' in out["feed/semua/rss.xml"]
    root = ET.fromstring(feeds(catalog, SITE)["feed/semua/atom.xml"])
    assert root.get("{http://www.w3.org/XML/1998/namespace}base") == f"{SITE}feed/semua/"
    assert feeds(catalog, SITE.rstrip("/")) == out


def test_stable_ids(catalog: Catalog) -> None:
    out = feeds(catalog, None)
    rss = parse_feed("feed/semua/rss.xml", out["feed/semua/rss.xml"], HOST)
    ids = sorted(r["id"] for r in yaml_records(CONTENT, "rapat"))
    assert sorted(e.id for e in rss.entries) == [f"musrenbang-terbuka:rapat:{i}" for i in ids]
    assert not any(e.guidislink for e in rss.entries)
    assert '<guid isPermaLink="false">musrenbang-terbuka:rapat:' in out["feed/semua/rss.xml"]
    for name in ("atom.xml", "feed.json"):
        found = sorted(e["id"] for e in entries(f"feed/semua/{name}", out[f"feed/semua/{name}"], HOST))
        assert found == [f"tag:musrenbang-terbuka,2020:rapat:{i}" for i in ids]
    assert feeds(catalog, SITE)["feed/semua/atom.xml"].count("<id>") == out["feed/semua/atom.xml"].count(
        "<id>"
    )


def test_dates_carry_the_meeting_zone(catalog: Catalog) -> None:
    out = feeds(catalog, None)
    path = "feed/18.72.05.1003"
    assert "<pubDate>Wed, 01 Feb 2023 13:00:00 +0700</pubDate>" in out[f"{path}/rss.xml"]
    assert "<published>2023-02-01T13:00:00+07:00</published>" in out[f"{path}/atom.xml"]
    assert json.loads(out[f"{path}/feed.json"])["items"][0]["date_published"] == "2023-02-01T13:00:00+07:00"
    for name in FORMATS:
        [item] = entries(f"{path}/{name}", out[f"{path}/{name}"], HOST)
        assert item["published"] == dt.datetime(2023, 2, 1, 6, 0, tzinfo=dt.UTC), name
    # The hour of Margodadi's meeting is unknown: midnight of its day, in its own zone.
    assert "<pubDate>Wed, 01 Feb 2023 00:00:00 +0700</pubDate>" in out["feed/18.72.05.1004/rss.xml"]
    assert "<updated>2023-02-01T00:00:00+07:00</updated>" in out["feed/18.72.05.1004/atom.xml"]


def add_meeting(content: Path, rapat_id: str, kode: str, names: list[str], **changes: object) -> None:
    """A copy of the Sumbersari Bantul meeting (13.00, "s.d. selesai") held in the kelurahan `kode`,
    with its region and parents (`names`, province first) recorded."""
    parts = kode.split(".")
    for depth, nama in enumerate(names, start=1):
        code = ".".join(parts[:depth])
        (content / "wilayah" / f"{code}.yaml").write_text(f'kode: "{code}"\nnama: {nama}\n', "utf-8")
    data = yaml.safe_load(next((content / "rapat").rglob(f"{SUMBERSARI}.yaml")).read_text("utf-8"))
    data.update(id=rapat_id, wilayah=kode, **changes)
    for key in ("seri", "peserta", "catatan_peserta"):
        data.pop(key, None)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    (content / "rapat" / "2023" / f"{rapat_id}.yaml").write_text(text, "utf-8")


PAPUA = ("91.71.01.1001", ["Papua", "Kota Jayapura", "Jayapura Utara", "Gurabesi"])  # WIT
BALI = ("51.71.01.1001", ["Bali", "Kota Denpasar", "Denpasar Selatan", "Serangan"])  # WITA


def test_meetings_in_other_zones(content: Path) -> None:
    add_meeting(content, "uji-gurabesi", *PAPUA)
    add_meeting(content, "uji-serangan", *BALI, selesai="15.30")
    catalog = catalog_of(content)
    out = feeds(catalog, None)
    assert set(out) == {f"feed/{scope}/{name}" for scope in expected_scopes(content) for name in FORMATS}
    assert "<pubDate>Wed, 01 Feb 2023 13:00:00 +0900</pubDate>" in out["feed/91.71.01.1001/rss.xml"]
    assert "<published>2023-02-01T13:00:00+09:00</published>" in out["feed/91.71.01/atom.xml"]
    assert "<pubDate>Wed, 01 Feb 2023 13:00:00 +0800</pubDate>" in out["feed/51.71.01.1001/rss.xml"]
    assert (
        json.loads(out["feed/51.71.01/feed.json"])["items"][0]["date_published"]
        == "2023-02-01T13:00:00+08:00"
    )
    wit = entries("feed/91.71.01.1001/rss.xml", out["feed/91.71.01.1001/rss.xml"], HOST)
    assert wit[0]["published"] == dt.datetime(2023, 2, 1, 4, 0, tzinfo=dt.UTC)
    assert wit[0]["summary"].endswith("Pukul 13.00 WIT s.d. selesai")
    cal = calendars(catalog, None, TODAY)
    assert set(cal) >= {"kalender/91.71.01.ics", "kalender/91.71.01.1001.ics", "kalender/51.71.01.ics"}
    event = events(cal["kalender/rapat/uji-gurabesi.ics"])["uji-gurabesi"]
    assert event.decoded("DTSTART") == dt.datetime(2023, 2, 1, 4, 0, tzinfo=dt.UTC)
    assert str(event["LOCATION"]) == "Kelurahan Gurabesi, Distrik Jayapura Utara, Kota Jayapura"
    event = events(cal["kalender/rapat/uji-serangan.ics"])["uji-serangan"]
    assert event.decoded("DTSTART") == dt.datetime(2023, 2, 1, 5, 0, tzinfo=dt.UTC)
    assert event.decoded("DTEND") == dt.datetime(2023, 2, 1, 7, 30, tzinfo=dt.UTC)


def test_at_most_fifty_items_newest_first(content: Path) -> None:
    source = next((content / "rapat").rglob(f"{MARGOREJO}.yaml"))
    base = yaml.safe_load(source.read_text("utf-8"))
    for n in range(60):
        data = {**base, "id": f"uji-{n:03d}", "tanggal": dt.date(2024, 1, 1) + dt.timedelta(days=n)}
        data.pop("seri", None)
        (content / "rapat" / "2023" / f"uji-{n:03d}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8"
        )
    catalog = catalog_of(content)
    out = feeds(catalog, None)
    for name in FORMATS:
        for scope in ("semua", "18.72.05.1002", "18.72.05"):
            path = f"feed/{scope}/{name}"
            found = [e["id"].rsplit(":", 1)[1] for e in entries(path, out[path], HOST)]
            assert found == [f"uji-{n:03d}" for n in range(59, 9, -1)], path
    assert (
        len(icalendar.Calendar.from_ical(calendars(catalog, None, TODAY)["kalender/semua.ics"]).events) == 69
    )


# Calendars.


def ics(text: str) -> icalendar.Calendar:
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "CRLF line ends only"
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line
    return icalendar.Calendar.from_ical(text)


def events(text: str) -> dict[str, Any]:
    """VEVENTs by meeting id, taken from the UID."""
    found = {}
    for event in ics(text).events:
        uid = str(event["UID"])
        assert uid.startswith("rapat-") and uid.endswith("@musrenbang-terbuka"), uid
        found[uid[len("rapat-") : -len("@musrenbang-terbuka")]] = event
    return found


def test_calendar_paths(catalog: Catalog) -> None:
    ids = [r["id"] for r in yaml_records(CONTENT, "rapat")]
    expected = {f"kalender/{s}.ics" for s in expected_scopes()} | {"kalender/mendatang.ics"}
    expected |= {f"kalender/rapat/{i}.ics" for i in ids}
    assert set(calendars(catalog, None, TODAY)) == expected


@pytest.mark.parametrize("site_url", [None, SITE], ids=["relative", "site-url"])
def test_every_calendar_parses_with_the_meetings_of_its_scope(catalog: Catalog, site_url: str | None) -> None:
    out = calendars(catalog, site_url, TODAY)
    for scope, ids in expected_scopes().items():
        assert sorted(events(out[f"kalender/{scope}.ics"])) == ids, scope
    for path, text in out.items():
        calendar = ics(text)
        assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]) == "-//Musrenbang Terbuka//ID"
        assert str(calendar["CALSCALE"]) == "GREGORIAN" and str(calendar["METHOD"]) == "PUBLISH"
        assert str(calendar["X-WR-CALNAME"]), path
        if path.startswith("kalender/rapat/"):
            [meeting] = events(text)
            assert path == f"kalender/rapat/{meeting}.ics"
            assert str(calendar["X-WR-CALNAME"]) == catalog.judul(catalog.rapat_by_id[meeting])
    assert str(ics(out["kalender/18.72.05.1004.ics"])["X-WR-CALNAME"]) == (
        "Jadwal Musrenbang – Kelurahan Margodadi"
    )


def test_uids_are_stable(catalog: Catalog) -> None:
    first = calendars(catalog, None, TODAY)
    second = calendars(catalog, SITE, dt.date(2030, 1, 1))
    for r in yaml_records(CONTENT, "rapat"):
        path = f"kalender/rapat/{r['id']}.ics"
        assert set(events(first[path])) == set(events(second[path])) == {r["id"]}
        assert f"UID:rapat-{r['id']}@musrenbang-terbuka\r\n" in first[path]
    assert "DTSTAMP:20230201T000000Z\r\n" in first[f"kalender/rapat/{SUMBERSARI}.ics"]


def test_a_known_hour_is_converted_to_utc(catalog: Catalog) -> None:
    out = calendars(catalog, None, TODAY)
    event = events(out[f"kalender/rapat/{SUMBERSARI}.ics"])[SUMBERSARI]
    assert event.decoded("DTSTART") == dt.datetime(2023, 2, 1, 6, 0, tzinfo=dt.UTC)
    assert "DTSTART:20230201T060000Z\r\n" in out[f"kalender/rapat/{SUMBERSARI}.ics"]
    assert event.decoded("DURATION") == dt.timedelta(hours=3) and "DTEND" not in event
    assert "s.d. selesai" in str(event["DESCRIPTION"])
    assert str(event["SUMMARY"]) == "Musrenbang Kelurahan Sumbersari Bantul 2023"
    assert str(event["LOCATION"]) == "Kelurahan Sumbersari Bantul, Kecamatan Metro Selatan, Kota Metro"


def test_an_unknown_hour_is_an_all_day_event(catalog: Catalog) -> None:
    out = calendars(catalog, None, TODAY)
    event = events(out[f"kalender/rapat/{MARGODADI}.ics"])[MARGODADI]
    assert event.decoded("DTSTART") == dt.date(2023, 2, 1)
    assert event.decoded("DTEND") == dt.date(2023, 2, 2)
    assert "DTSTART;VALUE=DATE:20230201\r\n" in out[f"kalender/rapat/{MARGODADI}.ics"]
    assert "belum tercatat" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == (
        "Aula Kelurahan Margodadi, Kelurahan Margodadi, Kecamatan Metro Selatan, Kota Metro"
    )
    rejomulyo = events(out["kalender/rapat/2023-musrenbangkel-rejomulyo.ics"])["2023-musrenbangkel-rejomulyo"]
    assert "siang hari" in str(rejomulyo["DESCRIPTION"]).lower()


def test_an_end_time_gives_dtend(catalog: Catalog, content: Path) -> None:
    event = events(calendars(catalog, None, TODAY)[f"kalender/rapat/{MUSRENBANGCAM}.ics"])[MUSRENBANGCAM]
    assert event.decoded("DTSTART") == dt.datetime(2023, 2, 14, 1, 30, tzinfo=dt.UTC)
    assert event.decoded("DTEND") == dt.datetime(2023, 2, 14, 5, 30, tzinfo=dt.UTC)
    assert "DURATION" not in event
    edit(content, SUMBERSARI, selesai="15.30")
    out = calendars(catalog_of(content), None, TODAY)
    event = events(out[f"kalender/rapat/{SUMBERSARI}.ics"])[SUMBERSARI]
    assert event.decoded("DTSTART") == dt.datetime(2023, 2, 1, 6, 0, tzinfo=dt.UTC)
    assert event.decoded("DTEND") == dt.datetime(2023, 2, 1, 8, 30, tzinfo=dt.UTC)
    assert "DTEND:20230201T083000Z\r\n" in out[f"kalender/rapat/{SUMBERSARI}.ics"]
    assert "DURATION" not in event and "s.d. selesai" not in str(event["DESCRIPTION"])


def test_upcoming_meetings_from_today(catalog: Catalog) -> None:
    rapat = yaml_records(CONTENT, "rapat")
    for today in (dt.date(2020, 1, 1), dt.date(2023, 2, 1), TODAY, dt.date(2023, 2, 3), dt.date(2099, 1, 1)):
        out = calendars(catalog, None, today)
        want = sorted(r["id"] for r in rapat if r["tanggal"] >= today)
        assert sorted(events(out["kalender/mendatang.ics"])) == want, today
        assert str(ics(out["kalender/mendatang.ics"])["X-WR-CALNAME"]) == "Jadwal Musrenbang Mendatang"
    assert MARGODADI not in events(calendars(catalog, None, TODAY)["kalender/mendatang.ics"])
    assert MARGOREJO in events(calendars(catalog, None, TODAY)["kalender/mendatang.ics"])


def test_urls_only_when_absolute(catalog: Catalog) -> None:
    for text in calendars(catalog, None, TODAY).values():
        for event in ics(text).events:
            assert "URL" not in event
            assert "berita/" not in str(event["DESCRIPTION"])
    for meeting, event in events(calendars(catalog, SITE, TODAY)["kalender/semua.ics"]).items():
        assert str(event["URL"]) == f"{SITE}berita/{meeting}/"
        assert str(event["DESCRIPTION"]).endswith(f"Berita lengkap: {SITE}berita/{meeting}/")


# Hostile text and the encoders.

PAYLOAD = "<script>alert(1)</script> ]]> &amp; & \"kutip\" 'x' ; koma, garis\\miring \\n <![CDATA[x]]>"


def hostile_values() -> Iterator[tuple[str, str, str]]:
    """(rapat id, judul, tempat): long values with multi-byte text so that folds fall mid-character."""
    for n, r in enumerate(yaml_records(CONTENT, "rapat")):
        judul = f"{PAYLOAD} Musyawarah Pembangunan Warga é 🇮🇩 {n} " + "ünïcödé 👩‍🌾 " * 4
        tempat = f"{PAYLOAD} Balai, Jl. Merdeka; No. 7 " + "Aula Serbaguna Kelurahan ẞ日本 " * 2
        yield r["id"], judul[:200].strip(), tempat[:200].strip()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, dict[str, tuple[str, str]]]:
    content = tmp_path_factory.mktemp("hostile-feeds") / "content"
    shutil.copytree(CONTENT, content)
    planted = {}
    for rapat_id, judul, tempat in hostile_values():
        edit(content, rapat_id, judul=judul, tempat=tempat, keterangan_waktu=PAYLOAD[:100])
        planted[rapat_id] = (judul, tempat)
    return catalog_of(content), planted


@pytest.mark.parametrize("site_url", [None, SITE], ids=["relative", "site-url"])
def test_hostile_text_comes_out_of_the_feeds_as_typed(
    hostile: tuple[Catalog, dict[str, tuple[str, str]]], site_url: str | None
) -> None:
    catalog, planted = hostile
    for path, text in feeds(catalog, site_url).items():
        if path.endswith(".json"):
            items = json_feed(path, text)["items"]
            for item in items:
                judul, tempat = planted[item["id"].rsplit(":", 1)[1]]
                assert item["title"] == judul and tempat in item["summary"], path
            continue
        assert "<script>" not in text and "]]>" not in text and "<![CDATA[" not in text, path
        for item in entries(path, text, HOST):  # as a feed reader shows them
            judul, tempat = planted[item["id"].rsplit(":", 1)[1]]
            assert item["title"] == judul and tempat in item["summary"], path
        root = ET.fromstring(text.encode("utf-8"))
        if path.endswith("rss.xml"):
            pairs = [
                (i.findtext("guid"), i.findtext("title"), i.findtext("description"))
                for i in root.iter("item")
            ]
        else:
            ns = "{http://www.w3.org/2005/Atom}"
            pairs = [
                (e.findtext(f"{ns}id"), e.findtext(f"{ns}title"), e.findtext(f"{ns}summary"))
                for e in root.iter(f"{ns}entry")
            ]
        assert pairs, path
        for guid, title, summary in pairs:
            assert guid is not None and summary is not None
            judul, tempat = planted[guid.rsplit(":", 1)[1]]
            assert title == judul, path
            assert tempat in (html.unescape(summary) if path.endswith("rss.xml") else summary), path


@pytest.mark.parametrize("site_url", [None, SITE], ids=["relative", "site-url"])
def test_hostile_text_comes_out_of_the_calendars_as_typed(
    hostile: tuple[Catalog, dict[str, tuple[str, str]]], site_url: str | None
) -> None:
    catalog, planted = hostile
    out = calendars(catalog, site_url, TODAY)
    for path, text in out.items():
        for meeting, event in events(text).items():  # also: every line ≤ 75 octets, CRLF only
            judul, tempat = planted[meeting]
            assert str(event["SUMMARY"]) == judul, path
            assert str(event["LOCATION"]).startswith(f"{tempat}, "), path
            assert tempat in str(event["DESCRIPTION"]), path
            names = [name for name, _ in event.property_items(recursive=False)]
            assert names[0] == "BEGIN" and names[-1] == "END", path
            assert names.count("SUMMARY") == names.count("LOCATION") == names.count("DESCRIPTION") == 1
    longest = max(len(line.encode("utf-8")) for text in out.values() for line in text.split("\r\n"))
    assert longest == 75
    unfolded = out["kalender/semua.ics"].replace("\r\n ", "")
    assert max(len(line.encode("utf-8")) for line in unfolded.split("\r\n")) > 200


def test_text_escaping() -> None:
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    assert escape_text("<script> & ]]>") == "<script> & ]]>"


@pytest.mark.parametrize(
    "line",
    [
        "DESCRIPTION:" + "x" * 200,
        "SUMMARY:" + "é" * 100,
        "LOCATION:" + "👩‍🌾🇮🇩" * 40,
        "SUMMARY:" + "a" * 62 + "日本語" * 30,
        "X:" + "y" * 73,
        "X:" + "y" * 74,
        "X:" + "y" * 147,  # two full lines: 75 octets, then a space and 74
        "X:" + "y" * 148,
    ],
)
def test_folding_keeps_lines_short_and_characters_whole(line: str) -> None:
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line
    assert len(parts[0].encode("utf-8")) >= 72  # full lines, not needlessly short
    assert (len(parts) == 1) == (len(line.encode("utf-8")) <= 75)


def test_same_input_same_bytes(catalog: Catalog) -> None:
    again = catalog_of(CONTENT)
    for site_url in (None, SITE):
        assert feeds(catalog, site_url) == feeds(again, site_url)
        assert calendars(catalog, site_url, TODAY) == calendars(again, site_url, TODAY)
        out = feeds(catalog, site_url)
        assert list(out) == sorted(out)
        cal = calendars(catalog, site_url, TODAY)
        assert list(cal) == sorted(cal)


def test_characters_xml_cannot_hold_are_refused_by_the_checks(content: Path) -> None:
    """U+FFFF (not allowed in XML 1.0), CR and C1 controls never reach a feed or calendar (a raw NEL
    is a line break to YAML and folds into a space before any check)."""
    from generator.build import check_records

    for tempat in ("Aula\uffffBalai", "Aula\rBalai", "Aula\x9bBalai"):
        edit(content, MARGODADI, tempat=tempat)
        _, problems = check_records(content)
        assert [p.path for p in problems if not p.warning] == ["tempat"], repr(tempat)
