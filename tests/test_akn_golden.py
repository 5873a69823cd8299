"""Golden Akoma Ntoso exports of the sample documents.

``tests/golden/<stem>.xml`` holds the reviewed export of ``samples/<stem>.txt``.
Regenerate every file after an intended change with::

    SHPOLICY_REGEN_GOLDEN=1 pytest tests/test_akn_golden.py

and review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import pytest

from shpolicy.akn import from_akn, schema_path, to_akn, validation_report

PROJECT_ROOT: Final = Path(__file__).resolve().parent.parent
GOLDEN_DIR: Final = Path(__file__).resolve().parent / "golden"
SAMPLES: Final = sorted((PROJECT_ROOT / "samples").glob("*.txt"))
REGENERATE: Final = os.environ.get("SHPOLICY_REGEN_GOLDEN") == "1"


@pytest.mark.parametrize("sample", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_sample_export_matches_golden(sample: Path) -> None:
    from shpolicy import parse_bytes

    # The source is named relative to the project so the golden file does not
    # depend on where the clone lives.
    policy = parse_bytes(sample.read_bytes(), source=f"samples/{sample.name}")
    exported = to_akn(policy)
    golden = GOLDEN_DIR / f"{sample.stem}.xml"
    if REGENERATE:
        GOLDEN_DIR.mkdir(exist_ok=True)
        golden.write_bytes(exported)
    if not golden.is_file():
        pytest.fail(
            f"{golden} is missing: generate it with "
            "`SHPOLICY_REGEN_GOLDEN=1 pytest tests/test_akn_golden.py` and review it"
        )
    assert exported == golden.read_bytes(), (
        f"export of {sample.name} differs from {golden.name}; if intended, regenerate with "
        "SHPOLICY_REGEN_GOLDEN=1"
    )
    assert from_akn(exported) == policy
    if schema_path() is not None:
        assert validation_report(exported).problems == ()
