"""How fast can a pure-Python parser of these texts be?  The stages, one by one.

Run from the project root::

    python benchmarks/floor.py            # the samples, best of 20 rounds

Each line times, over the five samples, a prefix of the work every parse does,
cumulatively: decoding the bytes, folding full-width forms, splitting into
lines, trying a numbering label at the start of each line, finding the
responsibility clause of each line, then the whole ``parse_text`` and
``parse_text`` + ``to_akn``.  The first lines are the floor any parser built
the way shpolicy is (in Python, line by line) stands on: if even they run
below a throughput target, no tuning of the later stages reaches it.
Throughput is UTF-8 MB (10^6 bytes) per second of CPU time, best of the rounds.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import shpolicy
from shpolicy.lines import split_lines
from shpolicy.normalize import fold
from shpolicy.numbering import match_label
from shpolicy.read import decode
from shpolicy.responsibility import find_clause

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MB = 1_000_000


def _decode(data: bytes) -> object:
    return decode(data)


def _fold(data: bytes) -> object:
    return fold(decode(data))


def _lines(data: bytes) -> object:
    return split_lines(fold(decode(data)))


def _labels(data: bytes) -> object:
    folded = fold(decode(data))
    return [match_label(folded, line.start, line.end) for line in split_lines(folded)]


def _clauses(data: bytes) -> object:
    folded = fold(decode(data))
    found: list[object] = []
    for line in split_lines(folded):
        found.append(match_label(folded, line.start, line.end))
        found.append(find_clause(folded, line.start, line.end))
    return found


def _parse(data: bytes) -> object:
    return shpolicy.parse_bytes(data)


def _parse_akn(data: bytes) -> object:
    return shpolicy.to_akn(shpolicy.parse_bytes(data))


STAGES: tuple[tuple[str, Callable[[bytes], object]], ...] = (
    ("decode", _decode),
    ("+ fold", _fold),
    ("+ split lines", _lines),
    ("+ one label match per line", _labels),
    ("+ clause search per line", _clauses),
    ("parse_bytes (everything)", _parse),
    ("parse_bytes + to_akn", _parse_akn),
)


def best_seconds(job: Callable[[bytes], object], documents: Sequence[bytes], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for data in documents:
            job(data)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    documents = [p.read_bytes() for p in sorted(SAMPLES.glob("*.txt"))]
    megabytes = sum(len(d) for d in documents) / MB
    for _, job in STAGES:  # warm up: registry, caches, lazy imports
        for data in documents:
            job(data)
    print(f"{len(documents)} samples, {megabytes:.3f} MB, best of {args.rounds} rounds (CPU time)")
    for name, job in STAGES:
        seconds = best_seconds(job, documents, args.rounds)
        print(f"  {name:32s} {megabytes / seconds:8.1f} MB/s  ({seconds * 1000:7.2f} ms)")


if __name__ == "__main__":
    main()
