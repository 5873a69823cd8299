"""Every diagnostic code the library can emit is documented in docs/diagnostics.md."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _documented() -> set[str]:
    table = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z-]+)` \|", table, flags=re.MULTILINE))


def _emitted() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "src" / "shpolicy").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        codes.update(re.findall(r'code="([a-z-]+)"', source))
        codes.update(re.findall(r'self\._diag\(\s*"([a-z-]+)"', source))
        codes.update(re.findall(r'_diag\(\s*\n\s*"([a-z-]+)"', source))
    return codes


def test_every_emitted_code_is_documented() -> None:
    emitted = _emitted()
    assert "numbering-gap" in emitted  # the scan itself works
    assert emitted <= _documented(), emitted - _documented()


def test_every_documented_code_is_emitted() -> None:
    assert _documented() <= _emitted(), _documented() - _emitted()
