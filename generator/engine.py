"""Engine: run MkDocs (strict) on the generated docs tree, into a fresh folder."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
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


def menu_pages(work: Path, docs: Path, site: Path, site_url: str | None, epoch: int) -> bool:
    """MkDocs's part of the site (the menu pages, one shell per kind of data page, the theme's files)
    into `site`: built by `mkdocs build --strict` into `work/mkdocs-site`, or, when nothing MkDocs
    reads changed since it last built there, copied from there (copied, not linked: later stages
    rewrite these pages in place). Most edits change only data pages: this saves MkDocs's half
    second. Returns whether MkDocs ran."""
    made = work / "mkdocs-site"
    config = write_config(work, docs, made, site_url)
    stamp = work / "mkdocs.json"
    key = _inputs(config, docs, epoch)
    try:
        last = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        last = None
    ran = last != key or not made.is_dir()
    if ran:
        stamp.unlink(missing_ok=True)
        shutil.rmtree(made, ignore_errors=True)
        run_mkdocs(config, epoch)
        stamp.write_text(json.dumps(key), encoding="utf-8")
    shutil.copytree(made, site, dirs_exist_ok=True)
    return ran


def _inputs(config: Path, docs: Path, epoch: int) -> str:
    """Everything MkDocs reads: its configuration, the date, its and its extensions' versions, the
    theme overrides, the name of every docs file (links are checked against them) and the bytes of
    every file it builds or copies (not of the files it is told to leave alone, see DIRECT)."""
    digest = hashlib.sha256(config.read_bytes() + f"\0{epoch}\0".encode())
    for package in ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown"):
        digest.update(f"{package}={importlib.metadata.version(package)}\0".encode())
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    custom = (settings.get("theme") or {}).get("custom_dir")
    for root, kind in ((Path(custom), "theme"), (docs, "docs")) if custom else ((docs, "docs"),):
        for folder, folders, files in os.walk(root):
            folders.sort()
            relative = Path(folder).relative_to(root).as_posix()
            left = kind == "docs" and any(relative == d or relative.startswith(f"{d}/") for d in DIRECT)
            for name in sorted(files):
                path = os.path.join(folder, name)
                digest.update(f"{kind}\0{relative}/{name}\0".encode())
                if not left or name.endswith(".md"):
                    with open(path, "rb") as file:
                        digest.update(hashlib.sha256(file.read()).digest())
    return digest.hexdigest()


def link(source: str, target: str) -> None:
    """A hard link where the file system allows one (instant, no second copy on disk), else a copy.
    Safe because write.py replaces a changed docs file instead of rewriting it."""
    try:
        os.link(source, target)
    except FileExistsError:  # replaced, never written through: the old file may be another site's
        os.unlink(target)
        link(source, target)
    except OSError:
        shutil.copy2(source, target)


def copy_direct(docs: Path, site: Path) -> None:
    """Copy the files MkDocs was told to leave alone (see DIRECT) into the built site (a city's
    5,000: a plain walk, one link a file)."""
    for folder in DIRECT:
        source = os.fspath(docs / folder)
        target = os.fspath(site / folder)
        for root, _, names in os.walk(source):
            into = target + root[len(source) :]
            os.makedirs(into, exist_ok=True)
            for name in names:
                if not name.endswith(".md"):
                    link(f"{root}/{name}", f"{into}/{name}")
