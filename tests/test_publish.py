"""The ready publishing workflows: valid YAML, records checked before anything is published, and the
same commands as the README."""

from __future__ import annotations

import os
import re
import subprocess

import yaml

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_form(command: str) -> str:
    """A workflow command as the README writes it: the public address as a placeholder."""
    return re.sub(r"SITE_URL=(\$\{\{[^}]*\}\}\S*|\S+)", "SITE_URL=<alamat publik>", command)


def _github() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))


def _gitlab() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))


def test_github_pages_checks_then_builds_then_deploys() -> None:
    workflow = _github()
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = build["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "the change dates need the whole history"
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
    runs = [s["run"] for s in steps if "run" in s]
    assert runs[0] == "make check", "records are checked before anything else"
    assert runs[1].startswith("make site SITE_URL=")
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build" and "pull_request" in deploy["if"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_gitlab_pages_checks_then_builds_into_public() -> None:
    pipeline = _gitlab()
    assert pipeline["image"] == "python:3.11"
    assert pipeline["variables"]["GIT_DEPTH"] == 0
    assert pipeline["periksa"]["script"] == ["make check"]
    pages = pipeline["pages"]
    assert pages["stage"] == "deploy" and pipeline["stages"] == ["test", "deploy"]
    assert pages["script"] == ["make site OUT=public SITE_URL=$CI_PAGES_URL/"]
    assert pages["artifacts"]["paths"] == ["public"]


def test_the_workflows_run_the_commands_the_readme_shows() -> None:
    github = [s["run"] for s in _github()["jobs"]["build"]["steps"] if "run" in s]
    gitlab = [line for job in ("periksa", "pages") for line in _gitlab()[job]["script"]]
    for command in github + gitlab:
        assert _readme_form(command) in README, f"{command!r} is not in README.md"


def test_make_site_passes_the_output_folder_and_the_public_address() -> None:
    def dry_run(*variables: str) -> str:
        done = subprocess.run(
            ["make", "--no-print-directory", "-n", "site", *variables],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={k: v for k, v in os.environ.items() if not k.startswith("MAKE")},  # also under `make test`
        )
        return next(line for line in done.stdout.splitlines() if "musrenbang build" in line)

    public = dry_run("OUT=public", "SITE_URL=https://kota.go.id/musrenbang/")
    assert public.endswith("musrenbang build --strict --out public --site-url https://kota.go.id/musrenbang/")
    assert dry_run().endswith("musrenbang build --strict --out site")


def test_the_workflow_files_are_plain_yaml_without_tabs() -> None:
    for path in (ROOT / ".github" / "workflows" / "pages.yml", ROOT / ".gitlab-ci.yml"):
        text = path.read_text(encoding="utf-8")
        assert "\t" not in text and text.endswith("\n")
        assert isinstance(yaml.safe_load(text), dict)
