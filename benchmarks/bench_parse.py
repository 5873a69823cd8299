"""Throughput, memory and import-time benchmark of shpolicy.

Run from the project root (after ``pip install .``)::

    python benchmarks/bench_parse.py                  # the samples, 20 rounds
    python benchmarks/bench_parse.py --corpus-mb 50   # + a generated 50 MB corpus
    python benchmarks/bench_parse.py --document-mb 20 # + one 20 MB document
    python benchmarks/bench_parse.py --scaling-mb 20  # time of 2 MB vs 20 MB

Throughput is UTF-8 megabytes of input (10**6 bytes) per second of wall time,
best of the rounds.  Peak memory is measured by tracemalloc in a separate pass
(tracing slows Python down, so it never overlaps a timed pass).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import shpolicy

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MB = 1_000_000


def load_samples(directory: Path) -> list[tuple[str, str]]:
    """(file name, decoded text) of every ``*.txt`` in *directory*."""
    return [(p.name, p.read_text(encoding="utf-8-sig")) for p in sorted(directory.glob("*.txt"))]


def size_mb(texts: Iterable[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / MB


def parse_only(text: str) -> object:
    return shpolicy.parse_text(text)


def parse_to_json(text: str) -> object:
    return shpolicy.to_json(shpolicy.parse_text(text))


def parse_to_akn(text: str) -> object:
    return shpolicy.to_akn(shpolicy.parse_text(text))


JOBS: dict[str, Callable[[str], object]] = {
    "parse": parse_only,
    "parse + to_json": parse_to_json,
    "parse + to_akn": parse_to_akn,
}


def best_seconds(job: Callable[[str], object], texts: Sequence[str], rounds: int) -> float:
    """Fastest of *rounds* passes of *job* over all *texts*."""
    times: list[float] = []
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            job(text)
        times.append(time.perf_counter() - start)
    return min(times)


def peak_bytes(job: Callable[[str], object], texts: Sequence[str]) -> int:
    """Peak traced allocation while *job* runs over *texts* one after another."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        for text in texts:
            job(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def import_seconds(tries: int = 5) -> float:
    """Best wall time of ``import shpolicy`` in a fresh interpreter (startup excluded)."""
    code = "import time; t = time.perf_counter(); import shpolicy; print(time.perf_counter() - t)"
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(tries)
    ]
    return min(runs)


def perturb(text: str, rng: random.Random) -> str:
    """A variant of *text*: its lines in the same order, some digits changed.

    Digits move dates, amounts and numbering a little, so the parser meets
    new values (and the odd numbering gap) instead of the same document again.
    """
    lines = text.split("\n")
    for index in rng.sample(range(len(lines)), k=max(1, len(lines) // 10)):
        lines[index] = "".join(
            str(rng.randrange(10)) if ch.isdigit() and rng.random() < 0.3 else ch
            for ch in lines[index]
        )
    return "\n".join(lines)


def make_corpus(samples: Sequence[str], megabytes: float, seed: int = 0) -> list[str]:
    """Perturbed copies of the samples adding up to about *megabytes* of UTF-8."""
    rng = random.Random(seed)
    corpus: list[str] = []
    total = 0
    while total < megabytes * MB:
        text = perturb(rng.choice(samples), rng)
        corpus.append(text)
        total += len(text.encode("utf-8"))
    return corpus


def make_document(samples: Sequence[str], megabytes: float) -> str:
    """One document of about *megabytes*: the first sample's text followed by repeats of it."""
    text = samples[0]
    copies = max(1, round(megabytes * MB / len(text.encode("utf-8"))))
    return "\n".join([text] * copies)


def report_samples(samples: list[tuple[str, str]], rounds: int) -> None:
    texts = [text for _, text in samples]
    total = size_mb(texts)
    print(f"samples: {len(texts)} files, {total:.3f} MB, best of {rounds} rounds")
    for job in JOBS.values():  # warm up: lazy imports, the unit registry, caches
        job(texts[0])
    for name, job in JOBS.items():
        seconds = best_seconds(job, texts, rounds)
        print(f"  {name:<16} {total / seconds:8.2f} MB/s")
    print("  per file, parse alone:")
    for name, text in samples:
        seconds = best_seconds(parse_only, [text], rounds)
        print(f"    {name:<48} {size_mb([text]) / seconds:8.2f} MB/s")


def report_bulk(label: str, texts: list[str]) -> None:
    total = size_mb(texts)
    largest = max(len(t.encode("utf-8")) for t in texts) / MB
    print(f"{label}: {len(texts)} documents, {total:.1f} MB (largest {largest:.3f} MB)")
    seconds = best_seconds(parse_only, texts, 1)
    print(f"  parse            {total / seconds:8.2f} MB/s ({seconds:.1f} s)")
    peak = peak_bytes(parse_only, texts) / MB
    print(
        f"  peak memory      {peak:8.1f} MB traced = {peak / total:.2f}x the input, "
        f"{peak / largest:.1f}x the largest document"
    )


def report_scaling(samples: Sequence[str], megabytes: float) -> None:
    small = make_document(samples, megabytes / 10)
    large = make_document(samples, megabytes)
    small_s = best_seconds(parse_only, [small], 3)
    large_s = best_seconds(parse_only, [large], 1)
    ratio = size_mb([large]) / size_mb([small])
    print(f"scaling: {size_mb([small]):.1f} MB in {small_s:.2f} s, ", end="")
    print(f"{size_mb([large]):.1f} MB in {large_s:.2f} s")
    print(f"  {ratio:.1f}x the input took {large_s / small_s:.1f}x the time")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="passes over the samples")
    parser.add_argument("--corpus-mb", type=float, help="also parse a generated corpus of N MB")
    parser.add_argument("--document-mb", type=float, help="also parse one document of N MB")
    parser.add_argument("--scaling-mb", type=float, help="compare N/10 MB with N MB")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="directory of *.txt")
    args = parser.parse_args(argv)

    samples = load_samples(args.samples)
    if not samples:
        parser.error(f"no *.txt in {args.samples}")
    print(f"shpolicy {shpolicy.__version__}, Python {sys.version.split()[0]}")
    print(f"import shpolicy: {import_seconds() * 1000:.1f} ms (best of 5)")
    report_samples(samples, args.rounds)
    texts = [text for _, text in samples]
    if args.corpus_mb:
        report_bulk("corpus", make_corpus(texts, args.corpus_mb))
    if args.document_mb:
        report_bulk("document", [make_document(texts, args.document_mb)])
    if args.scaling_mb:
        report_scaling(texts, args.scaling_mb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
