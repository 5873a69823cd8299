"""How much of a stranger's file the readers accept, and why each number.

Web pages, Word files and PDFs come from anywhere: a file beyond one of these
limits is refused with a :class:`~shpolicy.errors.FormatError` before (or
instead of) the work it would cost, so that reading takes bounded time and
memory.  Each limit is far above what a policy document needs.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "MAX_DOCX_BYTES",
    "MAX_DOCX_PARTS",
    "MAX_DOCX_RATIO",
    "MAX_DOCX_UNPACKED",
    "MAX_HTML_BYTES",
    "MAX_HTML_DEPTH",
    "MAX_PDF_BYTES",
    "MAX_PDF_PAGES",
    "MAX_TEXT_CHARS",
    "mib",
]

MAX_HTML_BYTES: Final = 32 * 1024 * 1024
"""A saved policy page is well under 1 MiB; one saved "complete" with inline
styles and scripts a few MiB.  libxml2 builds a tree of several times the input."""

MAX_HTML_DEPTH: Final = 200
"""Deepest element nesting accepted in a page (real pages nest 20–40 deep).
libxml2's HTML parser silently stops at 256, dropping what lies deeper."""

MAX_DOCX_BYTES: Final = 64 * 1024 * 1024
"""A Word file as stored (compressed)."""

MAX_DOCX_UNPACKED: Final = 128 * 1024 * 1024
"""All parts of a Word file unpacked: python-docx loads every part into memory."""

MAX_DOCX_PARTS: Final = 1000
"""Parts in a Word file's package (a policy document has a few dozen)."""

MAX_DOCX_RATIO: Final = 200
"""Largest unpacked-to-packed size of one part; XML packs at 5–20x, a zip bomb at 1000x."""

MAX_PDF_BYTES: Final = 64 * 1024 * 1024
"""A PDF as stored."""

MAX_PDF_PAGES: Final = 2000
"""Pages read from a PDF."""

MAX_TEXT_CHARS: Final = 50 * 1000 * 1000
"""Characters extracted from one Word file or PDF: the cap on what a compressed
content stream may expand to once it is text."""


def mib(size: int) -> str:
    """*size* bytes in MiB, for messages ("32 MiB", "40.5 MiB")."""
    value = size / (1024 * 1024)
    return f"{value:.0f} MiB" if value == int(value) else f"{value:.1f} MiB"
