"""A rebuild that reuses the previous build's pages gives the same bytes as a cold build, after each
kind of edit: a changed, added, deleted and renamed record, and a changed photo."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from generator.build import build
from tests.conftest import PUBLIC_URL

USULAN = "usulan/2023/contoh-2024-margodadi-001.yaml"
RAPAT = "rapat/2023/2023-musrenbangkel-margodadi.yaml"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _change(content: Path) -> None:
    _replace(content / USULAN, "judul: Pembangunan drainase", "judul: Pembangunan saluran drainase")
    _replace(content / RAPAT, "tempat: Aula Kelurahan Margodadi", "tempat: Balai Warga Margodadi")


def _add(content: Path) -> None:
    new = content / "usulan" / "2023" / "contoh-2024-margodadi-099.yaml"
    shutil.copyfile(content / USULAN, new)
    _replace(new, "id: contoh-2024-margodadi-001", "id: contoh-2024-margodadi-099")


def _delete(content: Path) -> None:
    record = content / "usulan" / "2023" / "contoh-2024-margodadi-002.yaml"
    assert "lanjutan_dari" not in record.read_text(encoding="utf-8")
    record.unlink()


def _rename(content: Path) -> None:
    old = content / "usulan" / "2023" / "contoh-2024-margodadi-002.yaml"
    _replace(old, "id: contoh-2024-margodadi-002", "id: contoh-2024-margodadi-102")
    old.rename(old.with_name("contoh-2024-margodadi-102.yaml"))


def _photo(content: Path, colour: tuple[int, int, int]) -> None:
    """A photo of the proposal's site, in the given colour."""
    out = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(out, format="JPEG", quality=90)
    (content / "foto").mkdir(exist_ok=True)
    (content / "foto" / "lokasi.jpg").write_bytes(out.getvalue())


def _with_photo(content: Path) -> None:
    _photo(content, (200, 30, 30))
    _replace(
        content / USULAN,
        "riwayat:",
        "foto:\n  - berkas: foto/lokasi.jpg\n    keterangan: Lokasi saluran\n"
        "    alt: Jalan tergenang\nriwayat:",
    )


def _change_photo(content: Path) -> None:
    _photo(content, (30, 30, 200))


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


EDITS = {"change": _change, "add": _add, "delete": _delete, "rename": _rename, "photo": _change_photo}


@pytest.mark.parametrize("edit", list(EDITS.values()), ids=list(EDITS))
def test_a_reusing_rebuild_equals_a_cold_build(
    content: Path, tmp_path: Path, edit: Callable[[Path], None]
) -> None:
    site, work = tmp_path / "site", tmp_path / "work"
    _with_photo(content)
    first = build(content, site, work, site_url=PUBLIC_URL)
    assert first.reused == 0
    edit(content)
    again = build(content, site, work, site_url=PUBLIC_URL)
    cold = tmp_path / "cold"
    build(content, cold, tmp_path / "work-cold", site_url=PUBLIC_URL)
    ours, theirs = _files(site), _files(cold)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    if edit is _change:
        assert again.reused > 0  # the untouched pages were copied, not made again


def test_a_page_patched_since_is_made_again(content: Path, tmp_path: Path) -> None:
    site, work = tmp_path / "site", tmp_path / "work"
    build(content, site, work)
    page = site / "usulan" / "contoh-2024-margodadi-003" / "index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"</article>", b"<p>ditambal</p></article>"))
    build(content, site, work)
    assert page.read_bytes() == original
