"""Images: the web versions of photos and the share cards, made in other processes while this one
renders the pages.

Rendering is one core's work, and so were the images that came before it: a city's cold build spent
4 s on photos and 4 s on 450 share cards before and inside rendering, a province's about 90 s on its
10,000 cards. A page needs only an image's address and size, both known without drawing it: a
photo's size is read from its header (`photos.plan`), a card's address from the hash of its texts
(`cards.cached_path`). So the pages render from those while a second core makes the files, and the
write stage, which copies them, waits for them first (`finish`). What the cache holds already is
copied here, without starting any process: a rebuild after an edit starts none, and neither does a
small site (`elsewhere=False`), whose images are fewer than the cost of starting one.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from types import TracebackType

from . import cards, photos
from .model import Foto
from .problems import BUG, EngineFailed


class Images:
    """Photos and cards to make; use as a context manager, and call `finish` before their files are
    read. Leaving the context early (a failed build) cancels what has not started."""

    def __init__(self, elsewhere: bool = True) -> None:
        self._elsewhere = elsewhere  # False: made here at once (a small site: no process to start)
        self._pool: ProcessPoolExecutor | None = None
        self._photos: list[tuple[Future[photos.Processed], photos.Processed]] = []
        self._cards: dict[Path, Future[None]] = {}

    def _submit(self, *call: object) -> Future:  # type: ignore[type-arg]
        if self._pool is None:
            workers = os.cpu_count() or 1  # the pages take one core, the images whatever is left
            context = multiprocessing.get_context("spawn")  # no fork: the preview server runs threads
            self._pool = ProcessPoolExecutor(workers, mp_context=context)
        return self._pool.submit(*call)  # type: ignore[arg-type]

    def photos(self, fotos: Iterable[Foto], content: Path, work: Path) -> dict[str, photos.Processed]:
        """The web versions of the given photos (see photos.process_all), by their path in the content
        folder: as they will be, while the ones the cache lacks are still being made."""
        if not self._elsewhere:
            return photos.process_all(fotos, content, work)
        found = {}
        for name in dict.fromkeys(foto.berkas for foto in fotos):
            source, out, cache = content / name, work / "foto", work / "foto-cache"
            planned, cached = photos.plan(source, cache)
            if cached:
                found[name] = photos.process(source, out, cache)  # copies only
            else:
                self._photos.append((self._submit(photos.process, source, out, cache), planned))
                found[name] = planned
        return found

    def card(self, title: str, details: Sequence[str], site_name: str, cache: Path) -> Path:
        """The cached file of a card (see cards.card_file), drawn elsewhere if it is not there yet."""
        if not self._elsewhere:
            return cards.card_file(title, details, site_name, cache)
        target = cards.cached_path(title, details, site_name, cache)
        if target not in self._cards and not target.is_file():
            self._cards[target] = self._submit(cards.draw_to, target, title, list(details), site_name)
        return target

    def finish(self) -> None:
        """Wait until every file is made; the first failure is raised here."""
        for future, planned in self._photos:
            made = future.result()
            if made != planned:
                raise EngineFailed(f"foto {planned.digest[:12]}: ukuran berbeda dari rencana{BUG}")
        for drawn in self._cards.values():
            drawn.result()
        self._close(cancel=False)

    def _close(self, cancel: bool) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)
            self._pool = None

    def __enter__(self) -> Images:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._close(cancel=True)
