"""Every document of the red-team corpus exports losslessly and validly.

The corpus (tests/corpus/texts) holds texts in shapes the samples do not:
this checks the exporters on them, independently of the gold annotations.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import shpolicy
from shpolicy.akn import schema_path, validation_report

TEXTS = sorted((Path(__file__).resolve().parent / "corpus" / "texts").glob("*.txt"))


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_corpus_document_round_trips_and_validates(path: Path) -> None:
    policy = shpolicy.parse_bytes(path.read_bytes(), source=path.name)
    assert shpolicy.from_json(shpolicy.to_json(policy)) == policy
    xml = shpolicy.to_akn(policy)
    assert shpolicy.from_akn(xml) == policy
    report = validation_report(xml)
    assert report.problems == ()
    assert report.xsd_applied is (schema_path() is not None)
