"""The command line: build into a chosen folder, documents copied, and the live preview."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from generator.cli import main
from tests.conftest import soup

MARGODADI = "rapat/2023/2023-musrenbangkel-margodadi.yaml"


def test_build_with_content_and_out(content: Path, tmp_path: Path) -> None:
    (content / "dokumen" / "2023").mkdir(parents=True)
    (content / "dokumen" / "2023" / "berita-acara-margodadi.pdf").write_bytes(b"%PDF-1.4 contoh\n")
    record = content / MARGODADI
    record.write_text(
        record.read_text(encoding="utf-8")
        + "dokumen:\n"
        + "  - jenis: berita-acara\n"
        + "    judul: Berita acara (contoh)\n"
        + "    berkas: dokumen/2023/berita-acara-margodadi.pdf\n",
        encoding="utf-8",
    )
    out = tmp_path / "keluaran"
    code = main(
        ["build", "--content", str(content), "--out", str(out), "--work", str(tmp_path / "w"), "--strict"]
    )
    assert code == 0
    page = soup(out / "berita" / "2023-musrenbangkel-margodadi" / "index.html")
    link = page.find("a", string="Berita acara (contoh)")
    target = (out / "berita" / "2023-musrenbangkel-margodadi" / link["href"]).resolve()
    assert target.read_bytes() == b"%PDF-1.4 contoh\n"


def test_document_outside_content_is_refused(content: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    record = content / MARGODADI
    record.write_text(
        record.read_text(encoding="utf-8")
        + "dokumen:\n  - jenis: lainnya\n    judul: Rahasia\n    berkas: dokumen/../../rahasia.txt\n",
        encoding="utf-8",
    )
    (tmp_path / "rahasia.txt").write_text("rahasia")
    code = main(
        ["build", "--content", str(content), "--out", str(tmp_path / "o"), "--work", str(tmp_path / "w")]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "dokumen[1].berkas: diharapkan jalur di dalam folder content" in out
    assert not (tmp_path / "o").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_when_a_record_changes(content: Path, tmp_path: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "generator.cli", "serve", "--content", str(content)]
    command += ["--out", str(tmp_path / "site"), "--work", str(tmp_path / "w"), "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/berita/2023-musrenbangkel-margodadi/"
    try:
        deadline = time.monotonic() + 60
        page = ""
        while time.monotonic() < deadline:
            try:
                page = _get(url)
                break
            except OSError:
                time.sleep(0.5)
        assert "Aula Kelurahan Margodadi" in page
        record = content / MARGODADI
        record.write_text(
            record.read_text(encoding="utf-8").replace("Aula Kelurahan Margodadi", "Balai Warga Margodadi"),
            encoding="utf-8",
        )
        while time.monotonic() < deadline and "Balai Warga Margodadi" not in page:
            time.sleep(0.5)
            page = _get(url)
        assert "Balai Warga Margodadi" in page
    finally:
        process.terminate()
        process.wait(timeout=10)
