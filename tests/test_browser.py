"""Search in a real browser: Pagefind with Indonesian stemming, served over HTTP like a static host."""

from __future__ import annotations

from pathlib import Path

import pytest

SEARCH = """async (query) => {
    const pagefind = await import("../pagefind/pagefind.js");
    const found = await pagefind.search(query);
    const data = await Promise.all(found.results.map((r) => r.data()));
    return data.map((d) => ({ url: d.url, title: d.meta.title, excerpt: d.excerpt }));
}"""


@pytest.mark.parametrize(
    "query, slug, marked",
    [
        ("bangun", "2023-musrenbangkel-margodadi", "pembangunan"),  # stemmed: "bangun" finds "pembangunan"
        ("drainase", "2023-musrenbangkel-margodadi", "drainase"),
        ("koordinasi", "2020-rakor-musrenbangkel-patihan", "koordinasi"),
    ],
)
def test_search_understands_indonesian(browser, served: str, query: str, slug: str, marked: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 360, "height": 740})
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(served) else None)
    page.goto(f"{served}cari/?q={query}")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    results = page.evaluate(SEARCH, query)
    by_url = {r["url"]: r for r in results}
    url = f"/musrenbang/berita/{slug}/"
    assert url in by_url, [r["url"] for r in results]
    lists = ("/musrenbang/usulan/daftar/", "/musrenbang/berita/category/", "/musrenbang/berita/archive/")
    assert not [u for u in by_url if u.startswith(lists)]  # lists repeat the pages they list
    assert f"<mark>{marked}</mark>" in by_url[url]["excerpt"].lower()
    assert "¶" not in by_url[url]["title"]
    assert errors == []
    assert foreign == []
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
