"""The red-team corpus of unseen-style policies (tests/corpus), scored by the shared scorer.

The corpus was written and annotated by hand independently of the parser's
rules: texts in the family's shapes that none of the five samples has (three
levels, regulation-style articles, labelled header fields, unlabelled
clauses, back matter, GB18030 / UTF-16 / CRLF copies).  Skipped without
``../shared``, which holds the scorer.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
REQUIRED = {
    "metadata": 100.0,
    "validity": 100.0,
    "sections": 100.0,
    "measures": 100.0,
    "units": 100.0,
    "targets": 95.0,
}


def test_corpus_score(shared_dir: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "tools" / "score.py"),
            "-q",
            "--gold-dir",
            str(CORPUS / "gold"),
            "--text-dir",
            str(CORPUS / "texts"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    total = next(line for line in result.stdout.splitlines() if line.startswith("TOTAL"))
    scores = {field: float(value) for field, value in re.findall(r"(\w+)\s+([\d.]+)%", total)}
    assert set(scores) == set(REQUIRED), total
    failing = {f: s for f, s in scores.items() if s < REQUIRED[f]}
    assert not failing, result.stdout
