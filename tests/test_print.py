"""Notice-board prints: headless Chromium prints pages to A4 PDF; the PDF's text and pages are read."""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from pypdf import PdfReader

from tests.conftest import CONTENT, PUBLIC_URL


def _pdf(browser, url: str) -> PdfReader:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    raw = page.pdf(format="A4", print_background=False)
    page.close()
    return PdfReader(io.BytesIO(raw))


def _text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def test_a_news_post_prints_cleanly(browser, served: str) -> None:  # type: ignore[no-untyped-def]
    reader = _pdf(browser, served + "berita/2023-musrenbangkel-margodadi/")
    text = _text(reader)
    assert 1 <= len(reader.pages) <= 4
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4 in points
    assert "Musrenbang Kelurahan Margodadi 2023" in text
    assert "Aula Kelurahan Margodadi" in text
    assert f"{PUBLIC_URL}berita/2023-musrenbangkel-margodadi/" in text  # beside the QR code
    assert "Dicetak dari data per" in text
    # No navigation: the skip link, the menu tabs and the back-to-top button are not printed.
    assert "Lewati ke isi" not in text and "Kembali ke atas" not in text and "Panduan Petugas" not in text


def test_a_kelurahan_proposal_list_prints_with_status_as_text(browser, served: str) -> None:  # type: ignore[no-untyped-def]
    reader = _pdf(browser, served + "usulan/daftar/wilayah-18.72.05.1002/")
    text = _text(reader)
    records = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (CONTENT / "usulan").rglob("*.yaml")]
    mine = [r for r in records if r["wilayah"] == "18.72.05.1002"]
    labels = {"ditolak": "Ditolak", "diakomodir": "Diakomodir", "ditunda": "Ditunda", "diterima": "Diterima",
              "tidak-diakomodir": "Tidak Diakomodir", "diverifikasi": "Diverifikasi"}  # fmt: skip
    for record in mine:
        assert " ".join(record["judul"].split())[:40] in text
        assert labels[record["riwayat"][-1]["keputusan"]] in text
    assert "Dicetak dari data per" in text
    assert "Saring usulan" not in text


def test_the_qr_code_shows_only_in_print(browser, served: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(served + "usulan/contoh-2024-margodadi-001/")
    qr = page.locator(".mt-cetak svg.mt-qr")
    assert qr.count() == 1 and not qr.is_visible()
    page.emulate_media(media="print")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box and box["width"] > 50 and abs(box["width"] - box["height"]) < 1
    page.close()


def test_the_qr_code_encodes_the_page_address(subpath_site: Path) -> None:
    import segno

    html = (subpath_site / "usulan" / "contoh-2024-margodadi-001" / "index.html").read_text(encoding="utf-8")
    expected = segno.make(f"{PUBLIC_URL}usulan/contoh-2024-margodadi-001/", error="m")
    drawn = html.split('class="qrline"')[1].split('d="')[1].split('"')[0]
    out = io.BytesIO()
    expected.save(out, kind="svg", border=4, omitsize=True)
    assert drawn in out.getvalue().decode("ascii")


def test_the_printed_qr_code_decodes_to_the_page_address(browser, served: str) -> None:  # type: ignore[no-untyped-def]
    """Decode the QR code as a phone would: a picture of the printed page read by zxing-cpp."""
    import zxingcpp
    from PIL import Image

    page = browser.new_page(device_scale_factor=2)
    page.goto(served + "usulan/daftar/wilayah-18.72.05.1002/")
    page.emulate_media(media="print")
    picture = Image.open(io.BytesIO(page.locator(".mt-cetak svg.mt-qr").screenshot()))
    page.close()
    found = [result.text for result in zxingcpp.read_barcodes(picture)]
    assert found == [f"{PUBLIC_URL}usulan/daftar/wilayah-18.72.05.1002/"]
