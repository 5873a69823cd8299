"""Scale benchmark: a large generated corpus, one huge document, hostile inputs at full size.

Run from the project root (after ``pip install .`` or in the development venv)::

    python benchmarks/scale.py                       # 50 MB corpus, 20 MB document
    python benchmarks/scale.py --corpus-mb 5 --document-mb 2 --quick   # a smoke run

It reports, for a corpus of many documents (the samples perturbed and
recombined) and for a single document of about 20 MB:

* throughput (UTF-8 MB of input, 10**6 bytes, per second of CPU time) of
  ``parse_text`` alone and of ``parse_text`` + ``to_json`` + ``to_akn``;
* peak memory as a multiple of the input size, measured in a fresh child
  process (so one measurement never inherits another's high-water mark):
  the ``tracemalloc`` peak (Python objects) and the growth of the resident set
  (``ru_maxrss``, which also counts lxml's C allocations for the AKN export);
* linearity: the time for 1/10 of the input against the whole (ten times the
  input should take about ten times the time);
* the hostile inputs of issue 7 at full size (1 MB line without a stop,
  100,000 numbered lines, 100,000 open parentheses, a 20,000-name
  responsibility clause), each also at 1/10 of its size for the time ratio.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import shpolicy

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MB = 1_000_000
_DIGIT = re.compile(r"[0-9]")
_NUMBERED = re.compile(r"^\s*(?:[(（]?[0-9一二三四五六七八九十IVX]{1,4}[)）.、．])")


# -- input generation -------------------------------------------------------------
def load_samples() -> list[str]:
    """The decoded ``samples/*.txt``."""
    return [p.read_text(encoding="utf-8-sig") for p in sorted(SAMPLES.glob("*.txt"))]


def perturb(text: str, rng: random.Random) -> str:
    """Drop, repeat and re-digit a few lines: new values, gaps and repeats in the numbering."""
    lines: list[str] = []
    for line in text.split("\n"):
        roll = rng.random()
        if roll < 0.03:
            continue
        if roll < 0.15:
            line = _DIGIT.sub(lambda _: str(rng.randrange(10)), line)
        lines.append(line)
        if roll > 0.97:
            lines.append(line)
    return "\n".join(lines)


def _split_at_body(text: str) -> tuple[list[str], list[str]]:
    """(header lines, body lines): the body starts at the first numbered line."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _NUMBERED.match(line):
            return lines[:i], lines[i:]
    return lines, []


def recombine(samples: Sequence[str], rng: random.Random) -> str:
    """The header of one sample, the body of another, part of a third's body appended."""
    head, _ = _split_at_body(rng.choice(samples))
    _, body = _split_at_body(rng.choice(samples))
    _, extra = _split_at_body(rng.choice(samples))
    cut = rng.randrange(len(extra) + 1)
    return "\n".join([*head, *body, *extra[cut:]])


def make_corpus(samples: Sequence[str], megabytes: float, seed: int = 1) -> list[str]:
    """Documents adding up to at least *megabytes* of UTF-8 (half perturbed, half recombined)."""
    rng = random.Random(seed)
    corpus: list[str] = []
    total = 0
    while total < megabytes * MB:
        base = rng.choice(samples) if rng.random() < 0.5 else recombine(samples, rng)
        text = perturb(base, rng)
        corpus.append(text)
        total += len(text.encode("utf-8"))
    return corpus


def make_document(samples: Sequence[str], megabytes: float, seed: int = 2) -> str:
    """One document of at least *megabytes*: a header, then recombined bodies one after another."""
    rng = random.Random(seed)
    head, _ = _split_at_body(samples[0])
    parts = ["\n".join(head)]
    total = len(parts[0].encode("utf-8"))
    while total < megabytes * MB:
        _, body = _split_at_body(perturb(rng.choice(samples), rng))
        part = "\n".join(body)
        parts.append(part)
        total += len(part.encode("utf-8")) + 1
    return "\n".join(parts)


def _long_line(scale: float) -> str:
    words = "strengthen coordination and service "
    return "1. " + words * int(1_000_000 * scale / len(words))


def _numbered_lines(scale: float) -> str:
    return "".join(f"{i % 999 + 1}. Measure number {i}.\n" for i in range(int(100_000 * scale)))


def _open_parens(scale: float) -> str:
    return "1. Measure " + "(" * int(100_000 * scale) + " (Responsible units: the Bureau)"


def _big_clause(scale: float) -> str:
    names = ", ".join(f"District Bureau {i}" for i in range(int(20_000 * scale)))
    return "1. Strengthen coordination. (Responsible units: " + names + ")"


HOSTILE: dict[str, Callable[[float], str]] = {
    "1 MB line without a full stop": _long_line,
    "100,000 numbered lines": _numbered_lines,
    "100,000 open parentheses": _open_parens,
    "20,000-name responsibility clause": _big_clause,
}


# -- jobs and measurements -------------------------------------------------------
def parse_only(text: str) -> None:
    shpolicy.parse_text(text)


def parse_and_export(text: str) -> None:
    policy = shpolicy.parse_text(text)
    shpolicy.to_json(policy)
    shpolicy.to_akn(policy)


JOBS: dict[str, Callable[[str], None]] = {"parse": parse_only, "parse+json+akn": parse_and_export}


def size_mb(texts: Sequence[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / MB


# The 1/10 corpus or document is timed best of three (one pass of a second or
# two is at the mercy of the machine); the full input once.  The best time of the small input
# can only make the ratio larger, so the linearity check stays on the safe side.
_SMALL_ROUNDS = 3


def cpu_seconds(job: Callable[[str], None], texts: Sequence[str]) -> float:
    """CPU time of one pass (CPU, not wall: other processes on the machine do not count)."""
    started = time.process_time()
    for text in texts:
        job(text)
    return time.process_time() - started


def _inputs(kind: str, megabytes: float) -> list[str]:
    samples = load_samples()
    if kind == "corpus":
        return make_corpus(samples, megabytes)
    if kind == "document":
        return [make_document(samples, megabytes)]
    raise ValueError(kind)


def _status_kb(field: str) -> int | None:
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    found = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    return None if found is None else int(found.group(1))


def _reset_peak_rss() -> int:
    """Reset the resident-set high-water mark (Linux) and return the current RSS in bytes.

    Without the reset, generating the input would leave a high-water mark
    that parsing never exceeds, and the growth would read as zero.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return (_status_kb("VmRSS") or 0) * 1024


def _peak_rss() -> int:
    peak = _status_kb("VmHWM")
    if peak is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return peak * 1024


def memory_child(kind: str, megabytes: float, job_name: str) -> None:
    """In a fresh process: peak memory of *job_name* over the inputs, printed as JSON."""
    texts = _inputs(kind, megabytes)
    job = JOBS[job_name]
    job(load_samples()[0])  # warm up: lazy imports, the unit registry, the XSD-free writer
    # Two passes: tracemalloc's own bookkeeping would inflate the RSS figure.
    rss_before = _reset_peak_rss()
    for text in texts:
        job(text)
    rss_after = _peak_rss()
    tracemalloc.start()
    for text in texts:
        job(text)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "input_bytes": int(size_mb(texts) * MB),
                "largest_bytes": max(len(t.encode("utf-8")) for t in texts),
                "traced_peak": traced_peak,
                "rss_growth": max(0, rss_after - rss_before),
            }
        )
    )


def measure_memory(kind: str, megabytes: float, job_name: str) -> dict[str, int]:
    out = subprocess.run(
        [sys.executable, __file__, "--memory-child", kind, str(megabytes), job_name],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, int] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# -- reports ------------------------------------------------------------------------
def report_bulk(kind: str, megabytes: float, *, memory: bool) -> None:
    samples = load_samples()
    texts = _inputs(kind, megabytes)
    total = size_mb(texts)
    tenth = (
        make_corpus(samples, megabytes / 10)
        if kind == "corpus"
        else [make_document(samples, megabytes / 10)]
    )
    print(f"{kind}: {len(texts)} document(s), {total:.1f} MB", flush=True)
    for name, job in JOBS.items():
        seconds = cpu_seconds(job, texts)
        small = min(cpu_seconds(job, tenth) for _ in range(_SMALL_ROUNDS))
        growth = total / size_mb(tenth)
        print(
            f"  {name:<15} {total / seconds:6.2f} MB/s ({seconds:6.1f} s); "
            f"{size_mb(tenth):.1f} MB in {small:.1f} s: {growth:.1f}x the input "
            f"took {seconds / small:.1f}x the time",
            flush=True,
        )
        if memory:
            mem = measure_memory(kind, megabytes, name)
            print(
                f"  {'':<15} peak memory: traced {mem['traced_peak'] / MB:7.1f} MB "
                f"= {mem['traced_peak'] / mem['input_bytes']:.2f}x the input "
                f"({mem['traced_peak'] / mem['largest_bytes']:.1f}x the largest document); "
                f"RSS growth {mem['rss_growth'] / MB:.1f} MB "
                f"= {mem['rss_growth'] / mem['input_bytes']:.2f}x",
                flush=True,
            )


def report_hostile() -> None:
    print("hostile inputs (parse alone; full size vs 1/10):", flush=True)
    for name, make in HOSTILE.items():
        full, tenth = make(1.0), make(0.1)
        # Once each, the small one first: parsing it again would find its unit
        # names in the registry's lookup cache, which the full input (more
        # names than the cache holds) never does.
        tenth_s = cpu_seconds(parse_only, [tenth])
        full_s = cpu_seconds(parse_only, [full])
        print(
            f"  {name:<36} {size_mb([full]):5.2f} MB in {full_s:5.2f} s; "
            f"1/10 in {tenth_s:5.3f} s: ratio {full_s / max(tenth_s, 1e-9):.1f}",
            flush=True,
        )


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["--memory-child"]:
        _, kind, megabytes, job_name = args_list
        memory_child(kind, float(megabytes), job_name)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus-mb", type=float, default=50.0)
    parser.add_argument("--document-mb", type=float, default=20.0)
    parser.add_argument("--quick", action="store_true", help="skip memory and hostile inputs")
    args = parser.parse_args(args_list)
    print(f"shpolicy scale benchmark, Python {sys.version.split()[0]}", flush=True)
    started = time.monotonic()
    parse_only(load_samples()[0])  # warm up
    report_bulk("corpus", args.corpus_mb, memory=not args.quick)
    report_bulk("document", args.document_mb, memory=not args.quick)
    if not args.quick:
        report_hostile()
    print(f"total wall time {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
