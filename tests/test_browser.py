"""Search in a real browser: Pagefind with Indonesian stemming, served over HTTP like a static host."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

SEARCH = """async (query) => {
    const pagefind = await import("../pagefind/umum/pagefind.js");
    const shards = await (await fetch("../pagefind/bagian.json")).json();
    for (const name of Object.keys(shards).filter((n) => n !== "umum")) {
        await pagefind.mergeIndex(new URL(`../pagefind/${name}/`, location.href).pathname);
    }
    const found = await pagefind.search(query);
    const data = await Promise.all(found.results.map((r) => r.data()));
    return data.map((d) => ({ url: d.url, title: d.meta.title, excerpt: d.excerpt }));
}"""


def _watched(browser):  # type: ignore[no-untyped-def]
    """A phone-sized page, with the errors its console shows and the search files it fetches."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    errors: list[str] = []
    fetched: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: fetched.append(r.url) if "/pagefind/" in r.url else None)
    return page, errors, fetched


def _bundles(fetched: list[str], served: str) -> set[str]:
    """The search bundles (folders of /pagefind/) whose files were fetched."""
    inside = [u.removeprefix(served + "pagefind/") for u in fetched]
    return {u.split("/")[0] for u in inside if "/" in u}


@pytest.mark.parametrize(
    "query, page_path, marked",
    [
        (
            "bangun",
            "berita/2023-musrenbangkel-margodadi",
            "pembangunan",
        ),  # stemmed: "bangun" finds "pembangunan"
        # A proposal is found on its own page; the tables of decisions that list it are not indexed.
        ("drainase", "usulan/contoh-2024-margodadi-001", "drainase"),
        ("koordinasi", "berita/2020-rakor-musrenbangkel-patihan", "koordinasi"),
    ],
)
def test_search_understands_indonesian(browser, served: str, query: str, page_path: str, marked: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 360, "height": 740})
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(served) else None)
    page.goto(f"{served}cari/?q={query}")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    results = page.evaluate(SEARCH, query)
    by_url = {r["url"]: r for r in results}
    url = f"/musrenbang/{page_path}/"
    assert url in by_url, [r["url"] for r in results]
    lists = ("/musrenbang/usulan/daftar/", "/musrenbang/berita/category/", "/musrenbang/berita/archive/")
    assert not [u for u in by_url if u.startswith(lists)]  # lists repeat the pages they list
    assert f"<mark>{marked}</mark>" in by_url[url]["excerpt"].lower()
    assert "¶" not in by_url[url]["title"]
    assert errors == []
    assert foreign == []
    page.close()


def test_search_covers_the_kab_kota_the_reader_chooses(browser, served: str) -> None:  # type: ignore[no-untyped-def]
    page, errors, fetched = _watched(browser)
    # Both kota by default (a small site): the Madiun meeting is found.
    page.goto(f"{served}cari/?q=patihan")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert page.locator("#mt-cari-wilayah").input_value() == ""
    madiun = served + "berita/2020-rakor-musrenbangkel-patihan/"
    # Results appear one by one as their fragments arrive: wait for this one (or time out).
    page.wait_for_function(
        "href => [...document.querySelectorAll('.pagefind-ui__result-link')].some(a => a.href === href)",
        arg=madiun,
        timeout=15000,
    )
    # Choosing Kota Metro keeps the query, searches only Metro's shards and the site-wide one.
    fetched.clear()
    with page.expect_navigation():
        page.select_option("#mt-cari-wilayah", "18.72")
    assert "wilayah=18.72" in page.url and "q=patihan" in page.url
    page.wait_for_selector(".pagefind-ui__message", timeout=15000)  # the count: the search is done
    links = page.locator(".pagefind-ui__result-link").evaluate_all("a => a.map(x => x.href)")
    assert not [link for link in links if "patihan" in link], links
    shards = _bundles(fetched, served)
    assert "umum" in shards and any(s.startswith("18.72") for s in shards), shards
    assert not [s for s in shards if s.startswith("35.77")], shards
    # The choice is remembered on the next visit.
    page.goto(f"{served}cari/?q=drainase")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert page.locator("#mt-cari-wilayah").input_value() == "18.72"
    assert errors == []
    page.close()


def test_search_covers_one_kecamatan_and_what_is_about_its_kab_kota(browser, served: str) -> None:  # type: ignore[no-untyped-def]
    page, _, fetched = _watched(browser)
    page.goto(f"{served}cari/?q=drainase&wilayah=18.72.05")  # Kecamatan Metro Selatan
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert page.locator("#mt-cari-wilayah").input_value() == "18.72.05"
    chosen = page.locator("#mt-cari-wilayah option:checked")
    assert chosen.inner_text() == "Kecamatan Metro Selatan"
    assert chosen.evaluate("o => o.parentElement.label") == "Kota Metro"
    links = page.locator(".pagefind-ui__result-link").evaluate_all("a => a.map(x => x.href)")
    assert served + "usulan/contoh-2024-margodadi-001/" in links  # Margodadi is in Metro Selatan
    shards = _bundles(fetched, served)
    assert shards <= {"umum", "18.72.05", "18.72"} and "18.72.05" in shards, shards
    page.close()


def test_a_province_sized_search_asks_for_a_kab_kota_first(browser, served: str, shipped_site: Path) -> None:  # type: ignore[no-untyped-def]
    """Past 20,000 pages the reader picks a kab/kota before the search downloads its shards. The
    shipped site is small, so its shard list is served with the page counts of a province."""
    import json

    shards = json.loads((shipped_site / "pagefind" / "bagian.json").read_text(encoding="utf-8"))
    large = json.dumps({name: count * 1000 for name, count in shards.items()})
    page, _, fetched = _watched(browser)
    page.route(
        "**/pagefind/bagian.json", lambda route: route.fulfill(body=large, content_type="application/json")
    )
    page.goto(f"{served}cari/?q=patihan")
    page.wait_for_selector(".pagefind-ui__message", timeout=15000)
    assert page.locator("#mt-cari-wilayah").input_value() == "-"
    hint = "Pilih kabupaten/kota atau kecamatan agar berita dan usulan di sana ikut dicari."
    assert page.get_by_text(hint).is_visible()
    assert _bundles(fetched, served) == {"umum"}
    with page.expect_navigation():
        page.select_option("#mt-cari-wilayah", "35.77")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    links = page.locator(".pagefind-ui__result-link").evaluate_all("a => a.map(x => x.href)")
    assert any("patihan" in link for link in links), links
    page.close()


@pytest.fixture(scope="session")
def summary_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped content built as if each kota were a large regency and the site a province's:
    every kab/kota gets a summary search bundle (index.SUMMARY_FROM pages or more; the demo kota
    have a few hundred) and the site the bundle `semua` (index.EVERYTHING_FROM)."""
    from generator import index
    from tests.conftest import CONTENT, build_site, serve

    tmp = tmp_path_factory.mktemp("ringkas")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "SUMMARY_FROM", 0)
        patch.setattr(index, "EVERYTHING_FROM", 0)
        site = build_site(CONTENT, tmp)
    server, url = serve(site)
    yield url
    server.shutdown()


def test_a_large_kab_kota_is_searched_in_its_summary(browser, summary_served: str) -> None:  # type: ignore[no-untyped-def]
    """A whole large kab/kota is one bundle, its proposals of a kelurahan and year one result each:
    the group links to the Usulan page's filter of them, each matching proposal to its page."""
    served = summary_served
    page, errors, fetched = _watched(browser)
    page.goto(f"{served}cari/?q=drainase&wilayah=18.72")
    group = page.get_by_role(
        "link", name="Usulan Kelurahan Margodadi, Kecamatan Metro Selatan: tahun rencana 2024"
    )
    group.wait_for(timeout=15000)
    assert group.get_attribute("href").endswith("/usulan/?wilayah=18.72.05.1004&tahun=2024")
    result = page.locator(".pagefind-ui__result", has=group)
    proposals = result.locator(".pagefind-ui__result-nested a").evaluate_all("a => a.map(x => x.href)")
    assert served + "usulan/contoh-2024-margodadi-001/" in proposals, proposals
    assert all(p.startswith(served + "usulan/contoh-2024-margodadi-") for p in proposals), proposals
    assert _bundles(fetched, served) == {"umum", "18.72-ringkas"}
    assert page.locator(".mt-cari-catatan").inner_text().startswith("Usulan ditampilkan per kelurahan/desa")
    # The group's link opens the Usulan page with its kelurahan and year chosen.
    with page.expect_navigation():
        group.click()
    page.wait_for_selector(".mt-saring__hasil tbody tr")
    assert page.locator("#mt-saring-wilayah").input_value() == "18.72.05.1004"
    assert page.locator("#mt-saring-tahun").input_value() == "2024"
    expected = _expected(lambda u: u["wilayah"] == "18.72.05.1004" and u["tahun_rencana"] == 2024)
    page.wait_for_function(
        "n => document.querySelector('.mt-saring__hasil [role=status]')"
        "?.textContent.startsWith(n + ' usulan')",
        arg=len(expected),
    )
    # A kecamatan is searched in its own shards, a proposal a result of its own.
    fetched.clear()
    page.goto(f"{served}cari/?q=drainase&wilayah=18.72.05")
    # Results appear one by one as their fragments arrive: wait for this one (or time out).
    page.wait_for_function(
        "href => [...document.querySelectorAll('.pagefind-ui__result-link')].some(a => a.href === href)",
        arg=served + "usulan/contoh-2024-margodadi-001/",
        timeout=15000,
    )
    assert "18.72.05" in _bundles(fetched, served) <= {"umum", "18.72.05", "18.72"}
    assert page.locator(".mt-cari-catatan").count() == 0  # each proposal a result of its own
    assert errors == []
    page.close()


def test_every_kab_kota_at_once_is_searched_in_semua(browser, summary_served: str) -> None:  # type: ignore[no-untyped-def]
    """Every kab/kota of a province at once is the bundle `semua`, searched without asking where
    first: a region a result, linked to its page, each matching news post or proposal a sub-result
    linked to its own page."""
    served = summary_served
    page, errors, fetched = _watched(browser)
    page.goto(f"{served}cari/?q=drainase")  # no choice made yet
    region = page.get_by_role("link", name="Kelurahan Margodadi, Kecamatan Metro Selatan, Kota Metro")
    region.wait_for(timeout=15000)
    assert page.locator("#mt-cari-wilayah").input_value() == ""  # Semua kabupaten/kota
    assert region.get_attribute("href") == "/" + served.split("/", 3)[3] + "wilayah/18.72.05.1004/"
    result = page.locator(".pagefind-ui__result", has=region)
    proposal = result.locator(".pagefind-ui__result-nested a", has_text="drainase lingkungan RT 008")
    assert proposal.get_attribute("href").endswith("/usulan/contoh-2024-margodadi-001/")
    assert _bundles(fetched, served) == {"umum", "semua"}
    note = page.locator(".mt-cari-catatan").inner_text()
    assert note.startswith("Di semua kabupaten/kota yang dicari hanya judul"), note
    with page.expect_navigation():
        proposal.click()
    assert page.locator("h1").inner_text().startswith("Pembangunan drainase lingkungan RT 008 RW 002")
    # A meeting is a sub-result too, found by its place.
    page.goto(f"{served}cari/?q=aula&wilayah=")
    meeting = page.locator(".pagefind-ui__result-nested a[href$='/berita/2023-musrenbangkel-margodadi/']")
    meeting.wait_for(timeout=15000)
    # A kab/kota is searched in full again: its summary, not `semua`.
    fetched.clear()
    page.goto(f"{served}cari/?q=menggenang&wilayah=18.72")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert _bundles(fetched, served) == {"umum", "18.72-ringkas"}
    assert errors == []
    page.close()


def _expected(predicate) -> list[str]:  # type: ignore[no-untyped-def]
    import yaml

    from tests.conftest import CONTENT

    records = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (CONTENT / "usulan").rglob("*.yaml")]
    return sorted(r["id"] for r in records if predicate(r))


@pytest.mark.parametrize(
    "choices, predicate",
    [
        ({"wilayah": "18.72.05.1002"}, lambda u: u["wilayah"] == "18.72.05.1002"),
        (
            {"wilayah": "18.72.05.1002", "status": "ditolak"},
            lambda u: u["wilayah"] == "18.72.05.1002" and u["riwayat"][-1]["keputusan"] == "ditolak",
        ),
        ({"jenis": "barang"}, lambda u: u["jenis"] == "barang"),
        ({"tahun": "2025"}, lambda u: u["tahun_rencana"] == 2025),
        (
            {"kecamatan": "18.72.05", "bidang": "ekonomi", "status": "diakomodir"},
            lambda u: u["bidang"] == "ekonomi" and u["riwayat"][-1]["keputusan"] == "diakomodir",
        ),
    ],
)
def test_proposal_filter_in_the_browser(browser, served: str, choices: dict[str, str], predicate) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 360, "height": 740})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{served}usulan/")
    page.wait_for_selector("#mt-saring-wilayah")
    for name, value in choices.items():
        page.select_option(f"#mt-saring-{name}", value)
    expected = _expected(predicate)
    page.wait_for_function(
        "n => document.querySelector('.mt-saring__hasil [role=status]')"
        "?.textContent.startsWith(n + ' usulan')",
        arg=len(expected),
    )
    hrefs = page.locator(".mt-saring__hasil tbody a").evaluate_all("links => links.map(a => a.href)")
    shown = sorted(h.rstrip("/").split("/")[-1] for h in hrefs)
    assert shown == expected
    assert all(h.startswith(served + "usulan/") for h in hrefs)
    assert errors == []
    page.close()


def test_proposal_filter_sorts_by_cost(browser, served: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(f"{served}usulan/")
    page.wait_for_selector("#mt-saring-urut")
    page.select_option("#mt-saring-urut", "biaya")
    page.wait_for_selector(".mt-saring__hasil tbody tr")
    cells = page.locator(".mt-saring__hasil tbody tr td:nth-child(3)").all_inner_texts()
    amounts = [int(c.removeprefix("Rp").replace(".", "")) for c in cells]
    assert amounts == sorted(amounts, reverse=True) and len(amounts) > 1
    page.close()


WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def test_content_security_policy_holds_on_every_page_type(browser, served: str, shipped_site: Path) -> None:  # type: ignore[no-untyped-def]
    assert "Content-Security-Policy" in (shipped_site / "_headers").read_text()
    page = browser.new_page()
    page.add_init_script(WATCH_CSP)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for url, ready in [
        ("", ".mt-jadwal"),
        ("berita/2023-musrenbangkel-margodadi/", "article"),
        ("usulan/", ".mt-saring__hasil tbody tr"),
        ("usulan/contoh-2024-margorejo-005/", ".mt-status"),
        ("statistik/", "figure.mt-chart svg"),
        ("cari/?q=bangun", ".pagefind-ui__result-link"),
    ]:
        page.goto(served + url)
        page.wait_for_selector(ready, timeout=15000)
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, url
        assert page.evaluate("window.__csp") == [], url
    assert errors == []
    # The policy is enforced: an inline script that the theme did not write does not run.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.head.appendChild(s); }"
    )
    assert page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
    page.close()
