"""Golden exports of the sample documents, in JSON and in Akoma Ntoso.

``tests/golden/<stem>.json`` and ``tests/golden/<stem>.xml`` hold the reviewed
exports of ``samples/<stem>.txt``.  Regenerate them after an intended change
with::

    SHPOLICY_REGEN_GOLDEN=1 pytest tests/test_golden.py

and review the diff before committing it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Final

import pytest

import shpolicy
from shpolicy import Policy
from shpolicy.akn import schema_path, validation_report

PROJECT_ROOT: Final = Path(__file__).resolve().parent.parent
GOLDEN_DIR: Final = Path(__file__).resolve().parent / "golden"
SAMPLES: Final = sorted((PROJECT_ROOT / "samples").glob("*.txt"))
REGENERATE: Final = os.environ.get("SHPOLICY_REGEN_GOLDEN") == "1"


def _json(policy: Policy) -> bytes:
    return shpolicy.to_json(policy).encode("utf-8")


def _from_json(data: bytes) -> Policy:
    return shpolicy.from_json(data.decode("utf-8"))


FORMATS: Final[dict[str, tuple[Callable[[Policy], bytes], Callable[[bytes], Policy]]]] = {
    "json": (_json, _from_json),
    "xml": (shpolicy.to_akn, shpolicy.from_akn),
}


def _policy(sample: Path) -> Policy:
    # The source is named relative to the project so the golden files do not
    # depend on where the clone lives.
    return shpolicy.parse_bytes(sample.read_bytes(), source=f"samples/{sample.name}")


@pytest.mark.parametrize("suffix", sorted(FORMATS))
@pytest.mark.parametrize("sample", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_sample_export_matches_golden(sample: Path, suffix: str) -> None:
    export, read = FORMATS[suffix]
    policy = _policy(sample)
    exported = export(policy)
    golden = GOLDEN_DIR / f"{sample.stem}.{suffix}"
    if REGENERATE:
        GOLDEN_DIR.mkdir(exist_ok=True)
        golden.write_bytes(exported)
    if not golden.is_file():
        pytest.fail(f"{golden} is missing: generate it with SHPOLICY_REGEN_GOLDEN=1 and review it")
    assert exported == golden.read_bytes(), (
        f"{suffix} export of {sample.name} differs from {golden.name}; "
        "if intended, regenerate with SHPOLICY_REGEN_GOLDEN=1"
    )
    assert read(exported) == policy


@pytest.mark.parametrize("sample", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_sample_akn_is_valid(sample: Path) -> None:
    report = validation_report((GOLDEN_DIR / f"{sample.stem}.xml").read_bytes())
    assert report.problems == ()
    assert report.xsd_applied is (schema_path() is not None)


@pytest.mark.parametrize("sample", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_parsing_is_deterministic(sample: Path) -> None:
    assert _json(_policy(sample)) == _json(_policy(sample))
