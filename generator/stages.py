"""Wall time and peak memory of each pipeline stage, for the benchmark (`make bench`)."""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Stage:
    name: str
    seconds: float
    peak_mib: float  # the generator's own peak resident memory so far
    child_peak_mib: float  # the largest peak of a helper process so far (MkDocs, Pagefind)


def _mib(usage: resource.struct_rusage) -> float:
    return usage.ru_maxrss / 1024  # Linux reports KiB


@dataclass
class Stopwatch:
    stages: list[Stage] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        began = time.perf_counter()
        yield
        self.stages.append(
            Stage(
                name,
                time.perf_counter() - began,
                _mib(resource.getrusage(resource.RUSAGE_SELF)),
                _mib(resource.getrusage(resource.RUSAGE_CHILDREN)),
            )
        )
