"""memo.py: fingerprints that tell values apart, reads that are noted and answered again, and a build
that reuses pages only from a memo it can trust."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator import build as pipeline
from generator import memo
from generator import render as render_module
from generator.build import build, check_records
from generator.catalog import build_catalog
from generator.escape import Md
from generator.fields import Origin
from tests.conftest import CONTENT


def _records():  # type: ignore[no-untyped-def]
    records, problems = check_records(CONTENT)
    assert not [p for p in problems if not p.warning]
    return records


def test_fingerprints_tell_apart_what_prints_differently() -> None:
    prints = memo.Fingerprints()
    assert prints.of("a&b") != prints.of(Md("a&b"))  # escaped text and Markdown print differently
    assert prints.of(1) != prints.of("1") != prints.of(1.0)
    assert prints.of(("a,b",)) != prints.of(("a", "b"))
    assert prints.of({"a": 1}) != prints.of({"a": 2})
    assert prints.of(["x" * 50]) != prints.of(["x" * 51])  # long text is hashed, not cut
    with pytest.raises(memo.Opaque):
        prints.of(lambda: 1)  # what a closure reads is unknown
    with pytest.raises(memo.Opaque):
        prints.of(object())


def test_a_record_is_known_by_every_field_and_its_file() -> None:
    usulan = _records().usulan[0]
    same = dataclasses.replace(usulan)
    assert memo.Fingerprints().of(usulan) == memo.Fingerprints().of(same)  # in any build or process
    renamed = dataclasses.replace(usulan, judul=usulan.judul + " baru")
    assert memo.Fingerprints().of(renamed) != memo.Fingerprints().of(usulan)
    assert usulan.asal is not None
    moved = dataclasses.replace(usulan, asal=Origin("usulan/lain.yaml", usulan.asal.lines))
    assert memo.Fingerprints().of(moved) != memo.Fingerprints().of(usulan)  # pages show the file's history


def test_reads_are_noted_and_answered_again_by_another_catalog() -> None:
    records = _records()
    catalog = build_catalog(records)
    prints = memo.Fingerprints()
    trace = memo.Trace(prints)
    seen = memo.Traced(catalog, trace)
    trace.reads = {}
    rapat = catalog.rapat[0]
    kode = rapat.wilayah
    seen.judul(rapat)
    seen.usulan_in(kode)
    seen.regions[kode]
    assert kode in seen.regions
    for _ in seen.opd:
        pass
    usulan = catalog.usulan[0]
    seen.zona(rapat), seen.zona_wilayah(kode), seen.volumes(usulan), seen.dialihkan(usulan)
    assert set(trace.reads) == {  # the last four follow from their arguments: no reads of their own
        ("call", "judul", ("rapat", rapat.id)),
        ("call", "usulan_in", kode),
        ("item", "regions", kode),
        ("has", "regions", kode),
        ("all", "opd"),
    }
    # They do: a catalog of nothing but those records gives the same answers.
    bare = build_catalog(dataclasses.replace(records, rapat=(rapat,), usulan=(usulan,), seri=(), peserta=()))
    for name, argument in (
        ("zona", rapat),
        ("zona_wilayah", kode),
        ("volumes", usulan),
        ("dialihkan", usulan),
    ):
        assert name in catalog.ARGUMENTS_ONLY
        assert getattr(bare, name)(argument) == getattr(catalog, name)(argument)
    again = build_catalog(records)  # another build of the same records: the same answers
    for token, noted in trace.reads.items():
        assert memo.Fingerprints().of(memo.replay(again, {}, token)) == noted, token
    # Without the meeting, its title cannot be the same; with another title, neither.
    token = ("call", "judul", ("rapat", rapat.id))
    gone = build_catalog(
        dataclasses.replace(records, rapat=tuple(r for r in records.rapat if r is not rapat))
    )
    assert memo.Fingerprints().of(memo.replay(gone, {}, token)) != trace.reads[token]
    retitled = dataclasses.replace(rapat, judul="Judul lain")
    others = tuple(retitled if r is rapat else r for r in records.rapat)
    changed = build_catalog(dataclasses.replace(records, rapat=others))
    assert memo.Fingerprints().of(memo.replay(changed, {}, token)) != trace.reads[token]


def test_a_closure_in_a_query_makes_the_page_opaque() -> None:
    catalog = build_catalog(_records())
    trace = memo.Trace(memo.Fingerprints())
    trace.reads = {}
    memo.Traced(catalog, trace).children(1.5)  # type: ignore[arg-type]  # no record, no text: no token
    assert trace.opaque


def test_a_build_that_fails_leaves_no_memo_and_the_next_build_is_whole(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, work = tmp_path / "site", tmp_path / "work"
    first = build(content, site, work)
    pipeline.settled()  # the memo is written in a thread after the site is in place
    assert (work / "halaman.json").is_file() and first.remembered == 0

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("render rusak")

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "render", broken)
        with pytest.raises(RuntimeError):
            build(content, site, work)
    assert not (work / "halaman.json").exists()  # it pointed into the drafts file the failure replaced
    again = build(content, site, work)
    assert again.remembered == 0 and again.rendered == first.rendered
    third = build(content, site, work)
    # Nothing changed: every page is reused but the Data page, whose tables carry their row functions
    # (closures, which have no fingerprint).
    assert third.rendered == 1 and third.remembered == first.rendered - 1
    assert first.mkdocs and not third.mkdocs  # nor did anything MkDocs reads: its pages are copied


def test_a_title_edit_renders_the_pages_that_show_the_title_and_not_the_figures(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Statistics, region pages and the proposal index read counts and figures (Catalog.angka and
    others), not the proposals: a proposal's title is not in them, so they are reused."""
    site, work = tmp_path / "site", tmp_path / "work"
    build(content, site, work)
    rendered: list[str] = []
    real = render_module.Pages._render

    def noting(self: render_module.Pages, template: str, path: str, *args: object) -> str:
        rendered.append(path)
        return real(self, template, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(render_module.Pages, "_render", noting)
    catalog = build_catalog(check_records(content)[0])
    edited = catalog.usulan[-1]  # the oldest: not among the index's 20 newest
    showing = {  # the region pages whose table of the newest proposals shows it
        f"wilayah/{r.wilayah.kode}.md"
        for r in catalog.region_path(edited.wilayah)
        if edited in catalog.usulan_terbaru(10, r.wilayah.kode)
    }
    record = next((content / "usulan").rglob(f"{edited.id}.yaml"))
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\njudul: ", "\njudul: Diubah ", 1), encoding="utf-8")
    build(content, site, work)
    assert f"usulan/{record.stem}.md" in rendered
    assert any(path.startswith("usulan/daftar/") for path in rendered)
    figures = [p for p in rendered if p.startswith(("statistik/", "wilayah/")) or p == "usulan/index.md"]
    assert set(figures) == showing and len(catalog.region_path(edited.wilayah)) > len(showing)
    # The figures are the same as a cold build's (test_incremental compares whole sites).
    cold = tmp_path / "cold"
    build(content, cold, tmp_path / "work-cold")
    for page in ("statistik/index.html", "wilayah/index.html"):
        assert (site / page).read_bytes() == (cold / page).read_bytes()
