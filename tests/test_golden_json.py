"""Golden JSON exports of the sample documents.

``tests/golden/<stem>.json`` holds the reviewed JSON of ``samples/<stem>.txt``.
Regenerate every file after an intended change with::

    SHPOLICY_REGEN_GOLDEN=1 pytest tests/test_golden_json.py

and review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import pytest

import shpolicy

PROJECT_ROOT: Final = Path(__file__).resolve().parent.parent
GOLDEN_DIR: Final = Path(__file__).resolve().parent / "golden"
SAMPLES: Final = sorted((PROJECT_ROOT / "samples").glob("*.txt"))
REGENERATE: Final = os.environ.get("SHPOLICY_REGEN_GOLDEN") == "1"


@pytest.mark.parametrize("sample", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_sample_json_matches_golden(sample: Path) -> None:
    # The source is named relative to the project so the golden file does not
    # depend on where the clone lives.
    policy = shpolicy.parse_bytes(sample.read_bytes(), source=f"samples/{sample.name}")
    exported = shpolicy.to_json(policy)
    golden = GOLDEN_DIR / f"{sample.stem}.json"
    if REGENERATE:
        GOLDEN_DIR.mkdir(exist_ok=True)
        golden.write_text(exported, encoding="utf-8", newline="\n")
    if not golden.is_file():
        pytest.fail(f"{golden} is missing: generate it with SHPOLICY_REGEN_GOLDEN=1 and review it")
    assert exported == golden.read_text(encoding="utf-8"), (
        f"JSON of {sample.name} differs from {golden.name}; if intended, regenerate with "
        "SHPOLICY_REGEN_GOLDEN=1"
    )
    assert shpolicy.from_json(exported) == policy


@pytest.mark.parametrize("sample", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_parsing_is_deterministic(sample: Path) -> None:
    first = shpolicy.to_json(shpolicy.parse_file(sample))
    second = shpolicy.to_json(shpolicy.parse_file(sample))
    assert first == second
