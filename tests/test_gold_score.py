"""The shared gold annotations, scored by the shared scorer (skipped without ../shared)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

# The parser's own fields must be exact; targets have their own bar (issue 6).
REQUIRED = {
    "metadata": 100.0,
    "validity": 100.0,
    "sections": 100.0,
    "measures": 100.0,
    "units": 100.0,
    "targets": 95.0,
}


def test_gold_score(shared_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(shared_dir / "tools" / "score.py"), "-q"],
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
