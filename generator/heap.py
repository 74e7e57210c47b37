"""Heap: reading a file of many objects at once without the cyclic garbage collector.

Unpickling a city's kept records (kept.py) makes 400,000 objects, and the collector's passes over
them while they arrive took two thirds of the reading (0.3 s of 0.45 s); the memo's JSON, a third.
Nothing read that way is garbage yet; the collector runs as before once it is read.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def uncollected() -> Iterator[None]:
    """Hold the collector for the `with` block, and give it back as it was."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
