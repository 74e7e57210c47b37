"""Problems found in the records, and the exceptions the pipeline raises.

A check never stops at the first problem: it appends to a list, and the pipeline stops once, before
anything is written, with every problem it found.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place of one record file."""

    file: str
    line: int
    path: str
    message: str
    hint: str = ""
    warning: bool = False

    def format(self) -> str:
        where = f"{self.file}:{self.line}:"
        key = f" {self.path}:" if self.path else ""
        kind = " peringatan:" if self.warning else ""
        text = f"{where}{kind}{key} {self.message}"
        if self.hint:
            text += f"\n    petunjuk: {self.hint}"
        return text


class MusrenbangError(Exception):
    """Base class of every error the generator raises on purpose."""


class RecordsInvalid(MusrenbangError):
    """The records have problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} masalah pada catatan")
        self.problems = problems


class EngineFailed(MusrenbangError):
    """MkDocs or Pagefind failed on the generated pages."""


# Most engine failures come from the generator, not from a record: say so to the clerk who sees them.
BUG = ". Ini galat pembangun situs, bukan kesalahan catatan: laporkan ke pengelola situs."


def shown(value: object, limit: int = 60) -> str:
    """A found value, quoted and shortened for a message."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text) if isinstance(value, str) else text


def relative(path: Path, root: Path) -> str:
    """The path as staff see it: relative to the folder above the content folder when possible."""
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.as_posix()
