"""Write: put the rendered docs tree on disk, inside its folder and never one file twice."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from .problems import MusrenbangError
from .render import Output


class UnsafePath(MusrenbangError):
    """A generated path would leave the docs folder or collide with another one."""


def safe_join(root: Path, relative: str) -> Path:
    """`root / relative`, refusing anything that resolves outside `root`."""
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise UnsafePath(f"jalur keluar dari folder keluaran: {relative!r}")
    return target


def write(output: Output, docs: Path, also: Iterable[str] = ()) -> None:
    """Write the docs tree. `also` names pages made elsewhere (frame.py) that must not collide either."""
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    seen: dict[str, str] = {}
    for relative in [*output.pages, *also, *output.files, *output.data, *output.images]:
        folded = relative.casefold()
        if folded in seen:
            raise UnsafePath(f"dua berkas keluaran bertabrakan: {seen[folded]!r} dan {relative!r}")
        seen[folded] = relative
    for relative, text in [*output.pages.items(), *output.data.items()]:
        target = safe_join(docs, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    for relative, image in output.images.items():
        target = safe_join(docs, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(image)
    for relative, source in output.files.items():
        target = safe_join(docs, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
