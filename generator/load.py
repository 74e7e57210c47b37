"""Load: find every record file under the content folder and parse it into a frozen record.

Each kind has its folder (`wilayah/`, `peserta/`, `seri/`, `rapat/`, `usulan/`), with year sub-folders
where the kind has a year. Files that are not records are reported, never silently skipped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode

from . import schema
from .elsewhere import Elsewhere
from .fields import INVALID, Context, Origin, record
from .model import KINDS, Opd, Peserta, Rapat, Seri, Usulan, Wilayah
from .problems import Problem, relative
from .yamlread import read_document

RECORD_SUFFIXES = (".yaml", ".yml")
# Folders that hold files records point at, not records: documents, photos, and the editors' schemas.
FILE_FOLDERS = ("dokumen", "foto", schema.FOLDER)
ROOT_FILES = ("README.md", "LISEZMOI.md", ".gitkeep")
PARSERS = {kind: record(cls) for kind, cls in KINDS.items()}  # built once, not once per file


@dataclass(frozen=True)
class Records:
    """Every record that parsed cleanly, in file order."""

    wilayah: tuple[Wilayah, ...] = ()
    opd: tuple[Opd, ...] = ()
    peserta: tuple[Peserta, ...] = ()
    seri: tuple[Seri, ...] = ()
    rapat: tuple[Rapat, ...] = ()
    usulan: tuple[Usulan, ...] = ()
    # Ids (or region codes) of files that had problems: references to them are not reported twice.
    unparsed_ids: frozenset[str] = frozenset()

    def data_date(self) -> dt.date | None:
        """The date of the data: the newest date any meeting or status change carries."""
        dates = [r.tanggal for r in self.rapat] + [s.tanggal for u in self.usulan for s in u.riwayat]
        return max(dates, default=None)


@dataclass(frozen=True)
class Parsed:
    """One file's result, kept by `musrenbang serve` between rebuilds: a file whose size and time
    are unchanged is not read again."""

    stamp: tuple[int, int]
    record: object | None
    problems: tuple[Problem, ...]
    unparsed: frozenset[str]


Cache = dict[Path, Parsed]


def load(content: Path, cache: Cache | None = None) -> tuple[Records, list[Problem]]:
    """Every record under `content`, and every problem found reading them. With a cache, only
    files changed since the last call are parsed."""
    problems: list[Problem] = []
    found: dict[str, list[object]] = {kind: [] for kind in KINDS}
    unparsed: set[str] = set()
    if not content.is_dir():
        problems.append(
            Problem(str(content), 1, "", "folder catatan tidak ditemukan", "periksa pilihan --content")
        )
        return Records(), problems
    files: list[tuple[Path, str, str]] = []  # path, name in messages, kind
    for entry in sorted(content.iterdir()):
        name = entry.name
        if entry.is_dir() and name in KINDS:
            for path in sorted(entry.rglob("*")):
                if path.is_dir():
                    continue
                file = relative(path, content)
                if path.suffix.lower() not in RECORD_SUFFIXES:
                    problems.append(
                        Problem(
                            file,
                            1,
                            "",
                            f"diharapkan berkas catatan .yaml, ditemukan {path.name!r}",
                            f"simpan berkas lain di content/dokumen/ atau content/foto/, bukan di {name}/",
                        )
                    )
                    continue
                files.append((path, file, name))
        elif entry.is_dir() and name in FILE_FOLDERS:
            continue
        elif name not in ROOT_FILES:
            problems.append(
                Problem(
                    relative(entry, content),
                    1,
                    "",
                    f"diharapkan salah satu folder {', '.join(KINDS)}, ditemukan {name!r}",
                    "pindahkan berkas ke folder sesuai jenis catatannya",
                )
            )
    for (_, _, kind), parsed in zip(files, _parse_all(files, content, cache), strict=True):
        problems.extend(parsed.problems)
        unparsed.update(parsed.unparsed)
        if parsed.record is not None:
            found[kind].append(parsed.record)
    records = Records(
        **{kind: tuple(items) for kind, items in found.items()},  # type: ignore[arg-type]
        unparsed_ids=frozenset(unparsed),
    )
    return records, problems


# From this many files to parse, a second process parses every other one (a province has 116,000:
# 109 s of YAML on one core). Below, starting it costs more than it saves.
PARALLEL_FROM = 2000


def _parse_all(files: list[tuple[Path, str, str]], content: Path, cache: Cache | None) -> list[Parsed]:
    """Each file's result, in order: from the cache when the file is unchanged, else parsed, on two
    cores when there are many. Either way the results are the same."""
    stamps = [_stamp(path) for path, _, _ in files]
    results: list[Parsed | None] = [
        cache[path] if cache is not None and path in cache and cache[path].stamp == stamp else None
        for (path, _, _), stamp in zip(files, stamps, strict=True)
    ]
    todo = [i for i, found in enumerate(results) if found is None]
    if len(todo) >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2:
        mine, theirs = todo[0::2], todo[1::2]
        with Elsewhere(_parse_some, [(*files[i], stamps[i]) for i in theirs], content) as other:
            done = dict(zip(mine, _parse_some([(*files[i], stamps[i]) for i in mine], content), strict=True))
            done.update(zip(theirs, other.result(), strict=True))
    else:
        done = dict(zip(todo, _parse_some([(*files[i], stamps[i]) for i in todo], content), strict=True))
    for i, parsed in done.items():
        results[i] = parsed
        if cache is not None:
            cache[files[i][0]] = parsed
    return [found for found in results if found is not None]


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


def _parse_some(files: list[tuple[Path, str, str, tuple[int, int]]], content: Path) -> list[Parsed]:
    out = []
    for path, file, kind, stamp in files:
        problems: list[Problem] = []
        unparsed: set[str] = set()
        record = _parse(path, file, kind, content, problems, unparsed)
        out.append(Parsed(stamp, record, tuple(problems), frozenset(unparsed)))
    return out


def _parse(
    path: Path, file: str, kind: str, content: Path, problems: list[Problem], unparsed: set[str]
) -> object | None:
    document, read_problems = read_document(path, file)
    problems.extend(read_problems)
    if document is None:
        unparsed.add(path.stem)
        return None
    problems.extend(schema.link_problems(document, kind, content))
    ctx = Context(file, problems)
    value = PARSERS[kind](document.root, "", ctx)
    if value is INVALID:
        if isinstance(document.root, MappingNode):
            for key, child in document.root.value:
                if key.value in ("id", "kode") and isinstance(child, ScalarNode):
                    unparsed.add(str(child.value).strip())
        return None
    ctx.lines[""] = document.root.start_mark.line + 1
    return dataclasses.replace(value, asal=Origin(file, dict(ctx.lines)))
