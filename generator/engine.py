"""Engine: run MkDocs (strict) on the generated docs tree, into a fresh folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .problems import EngineFailed

ROOT = Path(__file__).resolve().parent.parent
BASE_CONFIG = ROOT / "mkdocs.yml"
# Generated files that MkDocs must know (pages link to them, and strict link checks need the
# targets) but need not copy: thousands of JSON, calendar, feed and image files would cost it more
# time than all the pages. MkDocs excludes them (`exclude_docs`); `copy_direct` copies them.
DIRECT = ("data", "kalender", "kartu", "foto", "feed", "skema", "unduhan", "usulan/data")


def write_config(
    work: Path, docs: Path, site: Path, site_url: str | None = None, base: Path = BASE_CONFIG
) -> Path:
    """The base mkdocs.yml with absolute paths to the generated docs, the output and the theme
    overrides, so MkDocs can run from any folder."""
    config = yaml.safe_load(base.read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(site)
    if site_url:
        config["site_url"] = site_url
    skipped = [f"/{folder}/*" for folder in DIRECT] + ["!/*/index.md"]  # the pages stay MkDocs's
    config["exclude_docs"] = "\n".join([config.get("exclude_docs") or "", *skipped]).strip()
    theme = config.setdefault("theme", {})
    if "custom_dir" in theme:
        theme["custom_dir"] = str((base.parent / theme["custom_dir"]).resolve())
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_mkdocs(config: Path, build_date_epoch: int) -> None:
    """`mkdocs build --strict`. SOURCE_DATE_EPOCH pins the dates MkDocs would take from the clock
    (sitemap, archive), so the same records give the same files."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(build_date_epoch)}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
    )
    if result.returncode != 0:
        raise EngineFailed("MkDocs gagal membangun situs:\n" + (result.stderr or result.stdout).strip())


def _link(source: str, target: str) -> None:
    """A hard link where the file system allows one (instant, no second copy on disk), else a copy.
    Safe because write.py replaces a changed docs file instead of rewriting it."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def copy_direct(docs: Path, site: Path) -> None:
    """Copy the files MkDocs was told to leave alone (see DIRECT) into the built site."""
    for folder in DIRECT:
        source = docs / folder
        if source.is_dir():
            shutil.copytree(
                source,
                site / folder,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("*.md"),
                copy_function=_link,
            )
