"""The red-team corpus of unseen-style policies (tests/corpus), scored by the shared scorer.

The corpus was written and annotated by hand independently of the parser's
rules: texts in the family's shapes that none of the five samples has (three
levels, regulation-style articles, labelled header fields, unlabelled
clauses, back matter, GB18030 / UTF-16 / CRLF copies).  Skipped without
``../shared``, which holds the scorer.
"""

from __future__ import annotations

from pathlib import Path

from gold_scorer import below_bar, total_scores

CORPUS = Path(__file__).resolve().parent / "corpus"


def test_corpus_score(shared_dir: Path) -> None:
    scores, output = total_scores(
        shared_dir, "--gold-dir", str(CORPUS / "gold"), "--text-dir", str(CORPUS / "texts")
    )
    assert not below_bar(scores), output
