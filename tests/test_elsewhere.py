"""One call in another process (elsewhere.py): its value, its failure, its death, and stopping it."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from generator.elsewhere import Elsewhere
from generator.problems import EngineFailed


def test_the_value_comes_back() -> None:
    with Elsewhere(sorted, [3, 1, 2]) as other:
        assert other.result() == [1, 2, 3]
    assert not multiprocessing.active_children()


def test_its_failure_is_raised_here() -> None:
    with Elsewhere(int, "bukan angka") as other, pytest.raises(ValueError, match="bukan angka"):
        other.result()


def test_a_process_that_dies_ends_the_wait_instead_of_starting_again() -> None:
    with Elsewhere(os._exit, 3) as other, pytest.raises(EngineFailed, match="kode keluar 3"):
        other.result()


def test_leaving_early_stops_it() -> None:
    started = time.monotonic()
    with pytest.raises(KeyError), Elsewhere(time.sleep, 60):
        raise KeyError("build gagal")
    assert time.monotonic() - started < 30
    assert not multiprocessing.active_children()
