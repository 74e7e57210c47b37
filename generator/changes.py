"""Change history: when each record file last changed in git, and where its history can be read.

A proposal or meeting page shows the date of the last commit that touched its record and, when the
repository's web address is configured (`extra.riwayat_url` in mkdocs.yml), links to the record's
history there, so a citizen can see that nobody quietly rewrote a decision. One `git log` call
covers every record. Without git, outside a repository, or in a shallow clone (where the dates
would be wrong), pages simply carry no change line.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .problems import relative


@dataclass(frozen=True)
class Change:
    """The last commit that touched one record file."""

    when: dt.datetime  # the commit date, in the committer's own offset
    commit: str  # abbreviated hash
    history_url: str | None  # the file's history on the repository's website


@dataclass(frozen=True)
class History:
    """Last changes by record file (as `Origin.file` names it), and why there may be none."""

    changes: Mapping[str, Change]
    note: str | None = None  # shown once by the CLI when dates are missing for a reason

    def of(self, file: str | None) -> Change | None:
        return self.changes.get(file) if file else None


NONE = History({})


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    except OSError:  # git is not installed
        return None
    return done.stdout if done.returncode == 0 else None


def history_link(template: str | None, path: str) -> str | None:
    """The history address of a file: `{path}` in the template is replaced by its path in the
    repository, e.g. https://github.com/kota/musrenbang/commits/main/{path}."""
    if not template or "{path}" not in template:
        return None
    return template.replace("{path}", quote(path, safe="/"))


def read(content: Path, history_url: str | None = None) -> History:
    """The last change of every record file under `content`, from the git history."""
    content = content.resolve()
    top = _git(content, "rev-parse", "--show-toplevel")
    if top is None:
        return NONE
    if (_git(content, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return History(
            {},
            "riwayat git tidak lengkap (shallow clone), tanggal perubahan tidak ditampilkan; "
            "ambil seluruh riwayat, misalnya `fetch-depth: 0` di GitHub Actions atau GIT_DEPTH: 0 di GitLab",
        )
    root = Path(top.strip())
    log = _git(root, "log", "--no-renames", "--format=%x00%h %cI", "--name-only", "--", str(content))
    if log is None:  # no commit yet
        return NONE
    found: dict[str, Change] = {}
    for entry in log.split("\x00")[1:]:
        header, _, names = entry.partition("\n")
        commit, _, when = header.partition(" ")
        stamp = dt.datetime.fromisoformat(when.strip())
        for name in names.splitlines():
            name = name.strip()
            if not name:
                continue
            file = relative(root / name, content)
            if file not in found:  # the log runs newest first
                found[file] = Change(stamp, commit, history_link(history_url, name))
    return History(found)
