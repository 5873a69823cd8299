"""The guide's Python examples type-check under ``mypy --strict``, as users' code would.

All ``python`` blocks of docs/guide.md are joined into one module (they run
in one namespace, in order) and checked; the batch example in particular
must narrow ``result.policy`` with ``if result.ok:``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from test_docs import ROOT, read_blocks


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy not installed")
def test_the_guide_type_checks_under_mypy_strict(tmp_path: Path) -> None:
    blocks = read_blocks("docs/guide.md", "python")
    assert any("result.ok" in block.text for block in blocks)
    module = tmp_path / "guide_examples.py"
    module.write_text("\n".join(block.text for block in blocks), "utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            "--config-file",
            str(ROOT / "pyproject.toml"),
            str(module),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
