"""Run the shared gold scorer (``../shared/tools/score.py``) and read its TOTAL line.

The scorer always runs with ``--comparators``: a target's comparator is scored
with its value and deadline ("40%以上" is ">= 40", issue 19).
"""

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


def total_scores(shared_dir: Path, *args: str) -> tuple[dict[str, float], str]:
    """Per-field percentages of the scorer's TOTAL line, and its whole output."""
    result = subprocess.run(
        [sys.executable, str(shared_dir / "tools" / "score.py"), "-q", "--comparators", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    total = next(line for line in result.stdout.splitlines() if line.startswith("TOTAL"))
    scores = {field: float(value) for field, value in re.findall(r"(\w+)\s+([\d.]+)%", total)}
    assert set(scores) == set(REQUIRED), total
    return scores, result.stdout


def below_bar(scores: dict[str, float], required: dict[str, float] = REQUIRED) -> dict[str, float]:
    """The fields that score below what *required* (by default :data:`REQUIRED`) asks."""
    return {field: score for field, score in scores.items() if score < required[field]}
