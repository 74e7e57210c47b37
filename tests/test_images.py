"""Photos and share cards made in other processes while the pages render (images.py), and the
drafts file frame.py reads the pages' Markdown from (write.Drafts)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from PIL import Image

from generator import cards, photos
from generator.images import Images
from generator.model import Foto
from generator.write import Drafts, UnsafePath


def _photo(path: Path, size: tuple[int, int]) -> Foto:
    Image.new("RGB", size, (30, 120, 80)).save(path, format="JPEG")
    return Foto(berkas=path.name, keterangan="Foto uji", alt="Lapangan hijau")


def test_images_are_made_meanwhile_and_match_what_the_pages_were_given(tmp_path: Path) -> None:
    content, work = tmp_path / "content", tmp_path / "work"
    content.mkdir()
    fotos = [_photo(content / "a.jpg", (1200, 800)), _photo(content / "b.jpg", (500, 900))]
    with Images() as images:
        planned = images.photos(fotos, content, work)
        card = images.card("Musrenbang Kelurahan Uji", ["Rabu, 01 Februari 2023"], "Situs", work / "kartu")
        assert multiprocessing.active_children()  # made elsewhere, not yet here
        images.finish()
    assert card.is_file() and card == cards.cached_path(
        "Musrenbang Kelurahan Uji", ["Rabu, 01 Februari 2023"], "Situs", work / "kartu"
    )
    assert card.read_bytes() == cards.card("Musrenbang Kelurahan Uji", ["Rabu, 01 Februari 2023"], "Situs")
    made = photos.process_all(fotos, content, tmp_path / "again")
    assert planned == made
    for done in planned.values():
        for rendition in done.renditions:
            assert (work / "foto" / rendition.webp).is_file() and (work / "foto" / rendition.jpeg).is_file()

    # Everything is in the cache now: no process is started, the files are copied here.
    (work / "foto" / planned["a.jpg"].renditions[0].webp).unlink()
    with Images() as images:
        assert images.photos(fotos, content, work) == planned
        images.card("Musrenbang Kelurahan Uji", ["Rabu, 01 Februari 2023"], "Situs", work / "kartu")
        assert not multiprocessing.active_children()
        images.finish()
    assert (work / "foto" / planned["a.jpg"].renditions[0].webp).is_file()


def test_a_failure_elsewhere_surfaces_at_finish(tmp_path: Path) -> None:
    content, work = tmp_path / "content", tmp_path / "work"
    content.mkdir()
    work.mkdir()
    (work / "foto").write_text("bukan folder", encoding="utf-8")  # the renditions cannot be written
    with Images() as images:
        images.photos([_photo(content / "a.jpg", (800, 600))], content, work)
        with pytest.raises(OSError):
            images.finish()


def test_drafts_keep_every_page_in_one_file(tmp_path: Path) -> None:
    texts = {"usulan/a.md": "---\ntitle: A\n---\n\n# A\n", "usulan/b.md": "---\ntitle: B ✓\n---\n\n# B\n"}
    with Drafts(tmp_path / "bingkai.md") as drafts:
        for path, text in texts.items():
            drafts.put(path, text)
    data = (tmp_path / "bingkai.md").read_bytes()
    for path, text in texts.items():
        _, start, length = drafts.drafts[path]
        assert data[start : start + length].decode("utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["bingkai.md"]


@pytest.mark.parametrize("path", ["../luar.md", "/mutlak.md", "usulan/../../x.md", "usulan/a.html"])
def test_drafts_refuse_a_path_outside_the_docs(tmp_path: Path, path: str) -> None:
    with Drafts(tmp_path / "bingkai.md") as drafts, pytest.raises(UnsafePath):
        drafts.put(path, "---\ntitle: X\n---\n")


def test_a_small_site_makes_its_images_here(tmp_path: Path) -> None:
    content, work = tmp_path / "content", tmp_path / "work"
    content.mkdir()
    fotos = [_photo(content / "a.jpg", (1200, 800))]
    with Images(elsewhere=False) as images:
        found = images.photos(fotos, content, work)
        card = images.card("Rapat", ["Senin, 02 Januari 2023"], "Situs", work / "kartu")
        assert not multiprocessing.active_children()
        assert card.is_file()  # drawn already
        images.finish()
    assert found == photos.process_all(fotos, content, tmp_path / "again")
