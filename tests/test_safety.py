"""Trustworthy by construction: private data, paths, YAML limits, atomic builds and the audit.

Each test names the guard it proves; removing that guard makes the test fail.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.audit import AuditFailed, audit
from generator.build import check_records
from generator.catalog import build_catalog
from tests.conftest import build_site

MARGODADI = "rapat/2023/2023-musrenbangkel-margodadi.yaml"
USULAN = "usulan/2023/contoh-2024-margodadi-001.yaml"


def _append(content: Path, relative: str, text: str) -> None:
    path = content / relative
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(content: Path, relative: str, old: str, new: str) -> None:
    path = content / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(content: Path) -> list[str]:
    _, problems = check_records(content)
    return [p.format().splitlines()[0] for p in problems if not p.warning]


# Private data (guard: generator/privacy.py)


@pytest.mark.parametrize(
    "relative, old, new, expected",
    [
        (
            MARGODADI,
            "  tingkat kecamatan.",
            "  tingkat kecamatan. NIK ketua: 1872051234560001.",
            f"content/{MARGODADI}:24: isi: diharapkan teks tanpa nomor pribadi, "
            "ditemukan nomor 16 angka seperti NIK '1872051234560001'",
        ),
        (
            USULAN,
            "pengusul: Ketua RT 008 RW 002",
            "pengusul: Ketua RT 008 RW 002 (HP 0812-3456-7890)",
            f"content/{USULAN}:19: pengusul: diharapkan teks tanpa nomor pribadi, "
            "ditemukan nomor HP '0812-3456-7890'",
        ),
        (
            USULAN,
            "pengusul: Ketua RT 008 RW 002",
            "pengusul: Ketua RT 008 RW 002, +62 812 3456 7890",
            f"content/{USULAN}:19: pengusul: diharapkan teks tanpa nomor pribadi, "
            "ditemukan nomor HP '+62 812 3456 7890'",
        ),
        (
            "peserta/walikota-metro.yaml",
            "lembaga: Pemerintah Kota Metro",
            "lembaga: Pemerintah Kota Metro (budi.santoso@gmail.com)",
            "content/peserta/walikota-metro.yaml:5: lembaga: diharapkan teks tanpa alamat pribadi, "
            "ditemukan alamat e-mail 'budi.santoso@gmail.com'",
        ),
    ],
)
def test_private_data_is_refused(content: Path, relative: str, old: str, new: str, expected: str) -> None:
    _replace(content, relative, old, new)
    assert _errors(content) == [expected]


def test_declared_office_contacts_are_allowed(content: Path) -> None:
    text = "pengusul: Ketua RT 008 RW 002 (lewat DPUPR, 0812-7000-1234, dpupr@metrokota.go.id)"
    _replace(content, USULAN, "pengusul: Ketua RT 008 RW 002", text)
    assert len(_errors(content)) == 2
    _append(
        content,
        "opd/dpupr-metro.yaml",
        'telepon_kantor: "0812 7000 1234"\nemail_kantor: dpupr@metrokota.go.id\n',
    )
    assert _errors(content) == []


# Paths and files (guard: check._documents)


def _document(content: Path, berkas: str) -> None:
    _append(
        content,
        MARGODADI,
        f"dokumen:\n  - jenis: berita-acara\n    judul: Berita acara\n    berkas: {berkas}\n",
    )


def test_document_paths_cannot_leave_the_content_folder(content: Path, tmp_path: Path) -> None:
    (tmp_path / "rahasia.pdf").write_bytes(b"%PDF")
    (content / "dokumen").mkdir()
    os.symlink(tmp_path / "rahasia.pdf", content / "dokumen" / "tautan.pdf")
    _document(content, "dokumen/tautan.pdf")
    assert _errors(content) == [
        f"content/{MARGODADI}:31: dokumen[1].berkas: "
        "diharapkan jalur di dalam folder content, ditemukan 'dokumen/tautan.pdf'"
    ]


def test_absolute_document_path_is_refused(content: Path) -> None:
    _document(content, "/etc/passwd")
    assert _errors(content) == [
        f"content/{MARGODADI}:31: dokumen[1].berkas: "
        "diharapkan jalur berkas di dalam folder content, ditemukan '/etc/passwd'"
    ]


def test_wrong_letter_case_names_the_real_file(content: Path) -> None:
    (content / "dokumen").mkdir()
    (content / "dokumen" / "BA-Margodadi.pdf").write_bytes(b"%PDF")
    _document(content, "dokumen/ba-margodadi.pdf")
    _, problems = check_records(content)
    assert [p.hint for p in problems] == ["huruf besar-kecil berbeda: berkasnya bernama 'BA-Margodadi.pdf'"]


def test_document_size_limit(content: Path) -> None:
    (content / "dokumen").mkdir()
    with open(content / "dokumen" / "besar.pdf", "wb") as big:
        big.truncate(21 * 2**20)
    _document(content, "dokumen/besar.pdf")
    assert _errors(content) == [
        f"content/{MARGODADI}:31: dokumen[1].berkas: diharapkan berkas paling besar 20 MB, ditemukan 21.0 MB"
    ]


def test_documents_differing_only_in_case_collide(content: Path) -> None:
    (content / "dokumen").mkdir()
    (content / "dokumen" / "ba.pdf").write_bytes(b"%PDF")
    (content / "dokumen" / "BA.pdf").write_bytes(b"%PDF")
    _append(
        content,
        MARGODADI,
        "dokumen:\n"
        "  - jenis: berita-acara\n    judul: A\n    berkas: dokumen/ba.pdf\n"
        "  - jenis: daftar-hadir\n    judul: B\n    berkas: dokumen/BA.pdf\n",
    )
    assert _errors(content) == [
        f"content/{MARGODADI}:34: dokumen[2].berkas: "
        "berkas 'dokumen/BA.pdf' dan 'dokumen/ba.pdf' hanya berbeda huruf besar-kecil"
    ]


# YAML limits (guard: generator/yamlread.py)


def test_alias_bomb_is_refused_quickly(content: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    (content / "rapat" / "2023" / "bom.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    errors = _errors(content)
    assert time.monotonic() - started < 5
    assert errors == ["content/rapat/2023/bom.yaml:2: diharapkan nilai biasa, ditemukan alias YAML (*nama)"]


def test_oversized_file_is_refused(content: Path) -> None:
    (content / "rapat" / "2023" / "besar.yaml").write_text("isi: |\n" + "  x\n" * 400_000, encoding="utf-8")
    assert _errors(content) == [
        "content/rapat/2023/besar.yaml:1: berkas terlalu besar: "
        "diharapkan paling besar 1024 KB, ditemukan 1562 KB"
    ]


def test_byte_order_mark_is_accepted(content: Path) -> None:
    path = content / MARGODADI
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert _errors(content) == []


# Atomic builds (guard: place.swap, place.update and the fresh folder)


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_killed_build_leaves_the_previous_site(content: Path, tmp_path: Path) -> None:
    site = build_site(content, tmp_path)
    before = _tree(site)
    _replace(content, MARGODADI, "Aula Kelurahan Margodadi", "Balai Warga")
    command = [sys.executable, "-m", "generator.cli", "build", "--content", str(content)]
    command += ["--out", str(site), "--work", str(tmp_path / "work2")]
    process = subprocess.Popen(command, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".site-baru-*/*")):
        time.sleep(0.02)
    assert list(tmp_path.glob(".site-baru-*")), "the new site is built beside the old one"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert _tree(site) == before
    # The next build clears what the killed one left and replaces the site in one step.
    build_site(content, tmp_path)
    pipeline.settled()  # the replaced site is deleted after the swap, in a thread
    assert not list(tmp_path.glob(".site-*"))
    assert "Balai Warga" in (site / "berita" / "2023-musrenbangkel-margodadi" / "index.html").read_text()


# Nothing lost (guard: generator/audit.py)


def test_audit_names_the_record_that_did_not_arrive(content: Path, tmp_path: Path) -> None:
    site = build_site(content, tmp_path)
    records, _ = check_records(content)
    catalog = build_catalog(records)
    audit(catalog, site)  # the real build passes
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    shutil.rmtree(copy / "usulan" / "contoh-2024-margodadi-001")
    with pytest.raises(AuditFailed) as failed:
        audit(catalog, copy)
    assert [p.format().splitlines()[0] for p in failed.value.problems] == [
        f"content/{USULAN}:3: catatan ini tidak sampai ke situs: "
        "halaman usulan/contoh-2024-margodadi-001/ tidak ada"
    ]


# Output paths (guard: write.safe_join and the collision check)


def test_output_cannot_leave_its_folder_or_collide(tmp_path: Path) -> None:
    from generator.render import Output
    from generator.write import UnsafePath, write

    with pytest.raises(UnsafePath, match="keluar"):
        write(Output({"../luar.md": "x"}, {}), tmp_path / "docs")
    with pytest.raises(UnsafePath, match="bertabrakan"):
        write(Output({"usulan/a.md": "x", "usulan/A.md": "y"}, {}), tmp_path / "docs")
    assert not (tmp_path / "luar.md").exists()
