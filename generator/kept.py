"""Kept: the parsed record files, data files and CSV lines, from one `musrenbang build` to the next.

`musrenbang serve` keeps each file's parsed record in memory and parses again only the files whose
size or time changed (load.Cache), and keeps the data files it made with what they read (memo.py)
and each record's CSV lines (opendata.py). A `musrenbang build` run by hand is a new process: it
reads all three from `work/berkas.pickle`, which the last build wrote, so that after one edit it
parses one file instead of a city's 4,400 (a second of YAML) and makes the data files and CSV lines
of the records that changed, not 4,400 JSON files. The records are written after the build, with the
fingerprints the memo gave them, which the next build need not compute again; a data file is used
only when its inputs check out, as in serve. The file is the build's own, like the rest of `work/`:
it is trusted as such. It is used only when the generator's code and Python are the same, and only
up to a city's size (a province's builds are not edited interactively, and its cache would take
minutes and gigabytes). It keeps the official region list's answers too (regions.py), which would
take a third of a second to load, the news posts the audit found complete (audit.py) and the data
files put in `work/docs` (write.py), which it would read again.
"""

from __future__ import annotations

import atexit
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import audit, memo, opendata, regions
from .heap import uncollected
from .load import Cache
from .write import put_files, restore_put_files

FILE = "berkas.pickle"
VERSION = 5

# What a build keeps besides the parsed files, by name: how this process gives it, how the next takes
# it back, and what it must be.
ALSO: dict[str, tuple[Callable[[], object], Callable[[Any], None], type]] = {
    "data": (memo.data_files, memo.restore_data_files, dict),
    "lines": (opendata.kept_lines, opendata.restore_lines, dict),
    "official": (regions.answers, regions.restore_answers, dict),
    "passed": (audit.passed, audit.restore_passed, frozenset),
    "put": (put_files, restore_put_files, dict),
}


def _header(content: Path) -> tuple[object, ...]:
    return (VERSION, sys.version, memo.code_digest(), regions.list_version(), str(content.resolve()))


def read(work: Path, content: Path) -> Cache:
    """The parsed files the last build kept (empty when there are none, or not for this code); the
    rest of what it kept (`ALSO`) goes back to its modules."""
    settled()  # what an earlier build in this process left to write
    try:
        with open(work / FILE, "rb") as file, uncollected():
            header, cache, also = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return {}
    if (
        header != _header(content)
        or not isinstance(cache, dict)
        or not isinstance(also, dict)
        or also.keys() != ALSO.keys()
        or not all(isinstance(also[name], kind) for name, (_, _, kind) in ALSO.items())
    ):
        return {}
    for name, (_, restore, _) in ALSO.items():
        restore(also[name])
    return cache


# What `write` left to be written once the build is announced (see `settled`).
_PENDING: list[Callable[[], None]] = []


def write(work: Path, content: Path, cache: Cache) -> None:
    """Keep the parsed files and the rest of `ALSO` for the next build: written by `settled`, or as
    the process exits, so that the build is announced first (pickling a city's 35 MB holds the
    interpreter for a third of a second, a thread too); up to `memo.MEMO_UP_TO` record files, else
    delete what an earlier build kept."""
    path = work / FILE
    if len(cache) > memo.MEMO_UP_TO:
        path.unlink(missing_ok=True)
        return
    header = _header(content)
    also = {name: give() for name, (give, _, _) in ALSO.items()}

    def dump() -> None:
        current = {file: parsed for file, parsed in cache.items() if file.is_file()}  # not the deleted
        partial = path.with_name(f".{FILE}.part")
        with open(partial, "wb") as file:
            pickle.dump((header, current, also), file, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)

    _PENDING.append(dump)


@atexit.register
def settled() -> None:
    """Write what the builds left to keep, in their order."""
    while _PENDING:
        _PENDING.pop(0)()
