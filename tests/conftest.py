"""Fixtures shared by the whole suite: where the samples and ``../shared`` are.

Hypothesis runs without its per-example deadline: the suite has no timed
tests, and a slow CI machine must not turn a correct property into a failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pytest
from hypothesis import settings

PROJECT_ROOT: Final = Path(__file__).resolve().parent.parent

settings.register_profile("shpolicy", deadline=None)
settings.load_profile("shpolicy")


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The directory holding pyproject.toml."""
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """``samples/``: the five policy texts shipped with the project."""
    return PROJECT_ROOT / "samples"


@pytest.fixture(scope="session")
def sample_paths(samples_dir: Path) -> list[Path]:
    """Every ``samples/*.txt``, sorted."""
    return sorted(samples_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the project (seeds, gold annotations); skips when absent."""
    shared = PROJECT_ROOT.parent / "shared"
    if not shared.is_dir():
        pytest.skip(f"{shared} is not present")
    return shared
