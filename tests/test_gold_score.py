"""The shared gold annotations, scored by the shared scorer (skipped without ../shared)."""

from __future__ import annotations

from pathlib import Path

from gold_scorer import below_bar, total_scores


def test_gold_score(shared_dir: Path) -> None:
    """The five samples score 100% on every field, comparators included."""
    scores, output = total_scores(shared_dir)
    assert not below_bar(scores, dict.fromkeys(scores, 100.0)), output
