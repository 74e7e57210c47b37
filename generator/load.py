"""Load: find every record file under the content folder and parse it into a frozen record.

Each kind has its folder (`wilayah/`, `peserta/`, `seri/`, `rapat/`, `usulan/`), with year sub-folders
where the kind has a year. Files that are not records are reported, never silently skipped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode

from . import schema
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
                parsed = _cached(path, file, name, content, cache)
                problems.extend(parsed.problems)
                unparsed.update(parsed.unparsed)
                if parsed.record is not None:
                    found[name].append(parsed.record)
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
    records = Records(
        **{kind: tuple(items) for kind, items in found.items()},  # type: ignore[arg-type]
        unparsed_ids=frozenset(unparsed),
    )
    return records, problems


def _cached(path: Path, file: str, kind: str, content: Path, cache: Cache | None) -> Parsed:
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    if cache is not None and path in cache and cache[path].stamp == stamp:
        return cache[path]
    problems: list[Problem] = []
    unparsed: set[str] = set()
    record = _parse(path, file, kind, content, problems, unparsed)
    parsed = Parsed(stamp, record, tuple(problems), frozenset(unparsed))
    if cache is not None:
        cache[path] = parsed
    return parsed


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
