"""Change history: each proposal and meeting page says when its record last changed, from git."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import changes, direct, frame
from generator.build import build
from generator.catalog import build_catalog
from generator.load import load
from generator.render import render, site_config, usulan_path
from tests.conftest import CONTENT, soup

USULAN = "content/usulan/2023/contoh-2024-margodadi-001.yaml"
RAPAT = "content/rapat/2023/2023-musrenbangkel-margodadi.yaml"


def _git(repo: Path, *args: str, date: str = "2024-01-10T09:00:00+07:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Petugas",
        "GIT_AUTHOR_EMAIL": "petugas@contoh.go.id",
        "GIT_COMMITTER_NAME": "Petugas",
        "GIT_COMMITTER_EMAIL": "petugas@contoh.go.id",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding the shipped content, committed once, then one proposal edited."""
    root = tmp_path / "repo"
    shutil.copytree(CONTENT, root / "content")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "Catatan awal")
    record = root / USULAN
    record.write_text(record.read_text(encoding="utf-8") + "alamat: Jalan Mawar\n", encoding="utf-8")
    _git(root, "commit", "-q", "-am", "Alamat usulan", date="2024-03-05T16:30:00+07:00")
    return root


def test_the_last_commit_of_each_record_is_read(repo: Path) -> None:
    history = changes.read(repo / "content", "https://git.contoh.go.id/kota/musrenbang/commits/main/{path}")
    assert history.note is None
    edited, untouched = history.of(USULAN), history.of(RAPAT)
    assert edited is not None and untouched is not None
    assert edited.when.isoformat() == "2024-03-05T16:30:00+07:00"
    assert untouched.when.isoformat() == "2024-01-10T09:00:00+07:00"
    assert edited.commit != untouched.commit
    assert edited.history_url == f"https://git.contoh.go.id/kota/musrenbang/commits/main/{USULAN}"


def test_pages_show_the_change_and_link_to_the_history(repo: Path) -> None:
    records, _ = load(repo / "content")
    history = changes.read(repo / "content", "https://github.com/kota/musrenbang/commits/main/{path}")
    catalog = build_catalog(records)
    pages = render(catalog, repo / "content", records.data_date(), history=history).pages
    usulan = next(u for u in catalog.usulan if u.asal and u.asal.file == USULAN)
    text = pages[usulan_path(usulan)]
    assert "Catatan ini terakhir diubah pada Selasa, 05 Maret 2024 (perubahan <code>" in text
    assert f'<a href="https://github.com/kota/musrenbang/commits/main/{USULAN}">Riwayat perubahan</a>' in text
    # With its history, a proposal page is still headings and HTML blocks only: no Python-Markdown.
    assert direct.convert(frame.converter(site_config()), frame.front_matter(text)[1]) is not None


def test_a_built_site_shows_the_date_and_a_build_without_git_still_works(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(repo / "content", site, tmp_path / "work")
    line = soup(site / "usulan" / "contoh-2024-margodadi-001" / "index.html").find(
        string=lambda s: "terakhir diubah" in s
    )
    assert line is not None and "Selasa, 05 Maret 2024" in line
    post = soup(site / "berita" / "2023-musrenbangkel-margodadi" / "index.html")
    assert "Rabu, 10 Januari 2024" in post.get_text()

    shutil.rmtree(repo / ".git")
    plain = tmp_path / "plain"
    result = build(repo / "content", plain, tmp_path / "work2")
    assert result.notes == ()
    page = (plain / "usulan" / "contoh-2024-margodadi-001" / "index.html").read_text(encoding="utf-8")
    assert "terakhir diubah" not in page


def test_a_shallow_clone_shows_no_dates_and_says_why(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True
    )
    history = changes.read(clone / "content")
    assert history.changes == {}
    assert history.note is not None and "shallow clone" in history.note


def test_history_links_escape_the_path() -> None:
    assert changes.history_link("https://x.id/h/{path}", "content/usulan/a b#?.yaml") == (
        "https://x.id/h/content/usulan/a%20b%23%3F.yaml"
    )
    assert changes.history_link(None, "content/a.yaml") is None
    assert changes.history_link("https://x.id/tanpa-path", "content/a.yaml") is None
