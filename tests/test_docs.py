"""Docs that cannot drift: every field and every choice is in the staff guide, every command in the README."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator import model, vocab
from generator.build import check_records
from generator.cli import parser
from tests.conftest import ROOT, soup


def _section_fields(page, heading_id: str) -> set[str]:  # type: ignore[no-untyped-def]
    heading = page.find(id=heading_id)
    assert heading is not None, heading_id
    table = heading.find_next("table")
    return {tr.find("td").get_text(strip=True) for tr in table.find_all("tr")[1:]}


def _record_types() -> dict[str, type]:
    found = dict(model.KINDS)
    for kind, cls in model.KINDS.items():
        for f in dataclasses.fields(cls):
            nested = {
                "peserta": model.Kehadiran,
                "sumber": model.Sumber,
                "dokumen": model.Dokumen,
                "ringkasan_usulan": model.RingkasanUsulan,
                "riwayat": model.Riwayat,
            }.get(f.name)
            if nested and kind in ("rapat", "usulan"):
                found[f"{kind}.{f.name}"] = nested
    return found


def test_every_field_is_in_the_staff_guide(shipped_site: Path) -> None:
    page = soup(shipped_site / "panduan" / "index.html")
    types = _record_types()
    assert {
        "rapat.peserta",
        "rapat.sumber",
        "rapat.dokumen",
        "rapat.ringkasan_usulan",
        "usulan.riwayat",
    } <= set(types)
    for name, cls in types.items():
        documented = _section_fields(page, name.replace(".", ""))
        declared = {f.name for f in dataclasses.fields(cls) if "parser" in f.metadata}
        assert declared == documented, name


def test_every_stage_and_decision_is_in_the_staff_guide(shipped_site: Path) -> None:
    page = soup(shipped_site / "panduan" / "index.html")
    assert _section_fields(page, "tahap") == set(vocab.TAHAP)
    assert _section_fields(page, "keputusan") == set(vocab.KEPUTUSAN)


def test_every_command_and_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    usage = next(line for line in readme.splitlines() if "`musrenbang check |" in line)
    named = usage.split("`musrenbang ")[1].split("[")[0]
    for name, sub in commands.items():
        assert name in named, f"command {name} is not in README.md"
        parsers = [(name, sub)]
        for action in sub._actions:  # `baru rapat|usulan|wilayah`: each kind has its own options
            choices = getattr(action, "choices", None)
            for kind, nested in choices.items() if isinstance(choices, dict) else ():
                if isinstance(nested, type(sub)):
                    assert kind in named, f"{name} {kind} is not in README.md"
                    parsers.append((f"{name} {kind}", nested))
        for label, each in parsers:
            for action in each._actions:
                for option in action.option_strings:
                    if option.startswith("--") and option != "--help":
                        assert option in readme, f"{label} {option} is not in README.md"


def test_every_command_is_explained_in_the_staff_guide(shipped_site: Path) -> None:
    page = soup(shipped_site / "panduan" / "index.html")
    commands = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, sub in commands.items():
        heading = page.find(id=f"musrenbang-{name}")
        assert heading is not None, f"the staff guide has no section for `musrenbang {name}`"
        explanation = heading.find_next_sibling()
        assert explanation.name == "p" and len(explanation.get_text(strip=True)) >= 60, name
        section = []
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            section.append(sibling.get_text(" "))
        text = " ".join(section)
        parsers = [sub]
        for action in sub._actions:  # `baru rapat|usulan|wilayah`: each kind has its own options
            choices = getattr(action, "choices", None)
            for kind, nested in choices.items() if isinstance(choices, dict) else ():
                if isinstance(nested, type(sub)):
                    assert page.find(id=f"musrenbang-{name}-{kind}") is not None, f"{name} {kind}"
                    parsers.append(nested)
        for each in parsers:
            for action in each._actions:
                for option in action.option_strings:
                    if option.startswith("--") and option != "--help":
                        assert option in text, f"{name} {option} is not in the staff guide"


def test_the_guide_examples_are_records_that_pass_the_checks(content: Path, shipped_site: Path) -> None:
    examples = ROOT / "site_templates" / "pages" / "contoh"
    for name, target in (("rapat", "rapat/2024"), ("usulan", "usulan/2025")):
        text = (examples / f"{name}.yaml").read_text(encoding="utf-8")
        record_id = next(line.split(": ")[1] for line in text.splitlines() if line.startswith("id: "))
        (content / target).mkdir(parents=True, exist_ok=True)
        (content / target / f"{record_id}.yaml").write_text(text, encoding="utf-8")
    _, problems = check_records(content)
    assert [p.format() for p in problems] == []
    guide = soup(shipped_site / "panduan" / "index.html").get_text()
    assert "id: 2024-musrenbangkel-margodadi" in guide and "id: 2025-margodadi-001" in guide


def test_the_guide_explains_publishing(shipped_site: Path) -> None:
    page = soup(shipped_site / "panduan" / "index.html")
    for section in ("menerbitkan-situs", "github-pages", "gitlab-pages", "hosting-lain", "riwayat-perubahan"):
        assert page.find(id=section) is not None, section
    text = page.get_text()
    needed_words = (".github/workflows/pages.yml", ".gitlab-ci.yml", "SITE_URL", "riwayat_url")
    assert "/musrenbang/" in text
    for needed in needed_words:
        assert needed in text, needed


def test_the_readme_shows_a_real_problem_message(content: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n", 1)[1].split("```", 1)[0].strip()
    record = content / "rapat" / "2023" / "2023-musrenbangkel-rejomulyo.yaml"
    broken = record.read_text(encoding="utf-8").replace("tanggal: 2023-02-02", "tanggal: 2023-02-30")
    record.write_text(broken, encoding="utf-8")
    _, problems = check_records(content)
    assert shown in [p.format() for p in problems]
