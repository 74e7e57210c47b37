"""The quick preview patches the saved record's own page exactly as the full build then writes it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from generator import quick
from generator.build import build
from generator.load import Cache

USULAN = "usulan/2023/contoh-2024-margodadi-001.yaml"
RAPAT = "rapat/2023/2023-musrenbangkel-margodadi.yaml"


def _parts(page: Path) -> tuple[str, str, str]:
    """The title, the contents list and the article, whitespace folded."""
    doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")

    def fold(node: object) -> str:
        return re.sub(r"\s+", " ", str(node)).replace("> <", "><").strip()

    return fold(doc.title), fold(doc.find("nav", class_="md-nav--secondary")), fold(doc.find("article"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_quick_page_is_the_page_the_full_build_makes(content: Path, tmp_path: Path) -> None:
    site, work = tmp_path / "site", tmp_path / "work"
    cache: Cache = {}
    build(content, site, work, cache=cache)
    _edit(content / USULAN, "judul: Pembangunan drainase", "judul: Pembangunan saluran drainase")
    _edit(
        content / USULAN,
        "    rapat: 2023-musrenbangkel-margodadi\n",
        "    rapat: 2023-musrenbangkel-margodadi\n  - tahap: musrenbang-kecamatan\n"
        "    tanggal: 2023-02-20\n    keputusan: ditunda\n    alasan: Menunggu hasil survei lokasi\n",
    )
    _edit(content / RAPAT, "tempat: Aula Kelurahan Margodadi", "tempat: Balai Warga Margodadi")
    changed = [content / USULAN, content / RAPAT]
    done = quick.update(content, site, work, None, changed, cache)
    assert sorted(done) == ["berita/2023-musrenbangkel-margodadi/", "usulan/contoh-2024-margodadi-001/"]
    quick_pages = {url: _parts(site / url / "index.html") for url in done}
    assert "Balai Warga Margodadi" in quick_pages["berita/2023-musrenbangkel-margodadi/"][2]
    assert "Menunggu hasil survei lokasi" in quick_pages["usulan/contoh-2024-margodadi-001/"][2]

    full = tmp_path / "full"
    build(content, full, tmp_path / "work-full")
    for url, parts in quick_pages.items():
        assert parts == _parts(full / url / "index.html"), url


def test_a_broken_record_is_left_to_the_full_build(content: Path, tmp_path: Path) -> None:
    site, work = tmp_path / "site", tmp_path / "work"
    cache: Cache = {}
    build(content, site, work, cache=cache)
    before = (site / "usulan" / "contoh-2024-margodadi-001" / "index.html").read_bytes()
    _edit(content / USULAN, "tanggal: 2023-01-15", "tanggal: 2023-01-32")
    assert quick.update(content, site, work, None, [content / USULAN], cache) == []
    assert (site / "usulan" / "contoh-2024-margodadi-001" / "index.html").read_bytes() == before


def test_a_new_record_waits_for_the_full_build(content: Path, tmp_path: Path) -> None:
    site, work = tmp_path / "site", tmp_path / "work"
    cache: Cache = {}
    build(content, site, work, cache=cache)
    copy = content / "usulan" / "2023" / "contoh-2024-margodadi-099.yaml"
    shutil.copyfile(content / USULAN, copy)
    _edit(copy, "id: contoh-2024-margodadi-001", "id: contoh-2024-margodadi-099")
    assert quick.update(content, site, work, None, [copy], cache) == []
    assert not (site / "usulan" / "contoh-2024-margodadi-099").exists()


def test_a_page_the_preview_patched_is_made_again_when_its_edit_is_undone(
    content: Path, tmp_path: Path
) -> None:
    """The full build links unchanged framed pages from the last site; a page the preview patched in
    between is no longer the page that build wrote, and undoing the edit must bring the old one back."""
    site, work = tmp_path / "site", tmp_path / "work"
    cache: Cache = {}
    build(content, site, work, cache=cache)
    page = site / "usulan" / "contoh-2024-margodadi-001" / "index.html"
    original = page.read_bytes()
    text = (content / USULAN).read_text(encoding="utf-8")
    _edit(content / USULAN, "judul: Pembangunan drainase", "judul: Pembangunan saluran drainase")
    assert quick.update(content, site, work, None, [content / USULAN], cache) == [
        "usulan/contoh-2024-margodadi-001/"
    ]
    assert b"Pembangunan saluran drainase" in page.read_bytes()
    (content / USULAN).write_text(text, encoding="utf-8")
    result = build(content, site, work, cache=cache)
    assert page.read_bytes() == original
    assert result.reused > 0  # the other pages were linked, not made again
