"""Elsewhere: one function call in another process, for work that holds the interpreter lock.

`load.py` parses half the files and `parallel.py` renders three pages in five this way. The process
is spawned, not forked (the preview server runs threads), and sends back one result through a pipe.
Unlike a process pool, a process that dies (killed for memory, say) ends the wait with an error
instead of being started again, and a build that fails can stop it at once.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from types import TracebackType
from typing import Any, Generic, TypeVar

from .problems import BUG, EngineFailed

T = TypeVar("T")


def _call(arguments: Connection, results: Connection, function: Callable[..., Any]) -> None:
    try:
        outcome = (True, function(*arguments.recv()))
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the caller
        outcome = (False, error)
    results.send(outcome)
    results.close()


def _feed(send: Connection, payload: memoryview) -> None:
    """Send the pickled arguments (a province's records are a quarter of a gigabyte) from a thread, so
    that this process goes on while the other reads them."""
    try:
        send.send_bytes(payload)
    except OSError:
        pass  # the other process is gone: `result` says so
    finally:
        send.close()


class Elsewhere(Generic[T]):
    """`function(*args)` running in another process; use as a context manager (leaving it stops
    the process) and take the value with `result`."""

    def __init__(self, function: Callable[..., T], *args: Any):
        context = multiprocessing.get_context("spawn")
        arguments, send_arguments = context.Pipe(duplex=False)
        self._results, send_results = context.Pipe(duplex=False)
        self._process = context.Process(target=_call, args=(arguments, send_results, function), daemon=True)
        self._process.start()
        arguments.close()  # the other process's ends: when it is gone, its pipes break here
        send_results.close()
        # Pickled here, not in the thread: this thread may change the records meanwhile (the memo
        # notes a record's fingerprint in it), and pickling calls back into Python (fields.Origin).
        payload = ForkingPickler.dumps(args)  # a view of the pickle's buffer: not copied
        self._feeder = threading.Thread(target=_feed, args=(send_arguments, payload), daemon=True)
        self._feeder.start()

    def result(self) -> T:
        """Wait for the value; the other process's failure is raised here."""
        try:
            ok, value = self._results.recv()
        except EOFError:
            self._process.join()
            raise EngineFailed(
                f"proses pembantu berhenti tanpa hasil (kode keluar {self._process.exitcode}){BUG}"
            ) from None
        self._process.join()
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def __enter__(self) -> Elsewhere[T]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._process.is_alive():
            self._process.terminate()  # a failed build: no point finishing its other half
        self._process.join()
        self._feeder.join()
        self._results.close()
