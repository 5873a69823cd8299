"""A PDF read with pypdf (the ``shpolicy[pdf]`` extra).

pypdf was chosen over pdfminer.six by measurement (benchmarks/pdf_extractors.py):
on Chinese PDFs typeset here from the samples and the real texts, both
recovered every character and every line, with an embedded TrueType subset as
with a non-embedded CID font; pypdf took 0.63 s for the 14 CID PDFs against
pdfminer's 2.44 s, and 2.19 s against 3.56 s for the TrueType ones.  It is
pure Python without further dependencies, and it caps what a stream may
decompress to (75 MB per stream) and the size of arrays and dictionaries, so
a hostile PDF ends in an error rather than in exhausted memory.

The text is pypdf's, page after page, with the lines that the page width cut
joined again (:func:`unwrap`).  A PDF beyond
:mod:`shpolicy.read.limits`, encrypted, or without a text layer (a scan) is
refused with a :class:`~shpolicy.errors.FormatError`.
"""

from __future__ import annotations

import importlib.util
import io
import logging
from typing import Final

from ..errors import FormatError, MissingDependencyError
from ..lines import is_page_number, join_hard_wrapped, split_lines
from ..normalize import fold
from .document import Document
from .limits import MAX_PDF_BYTES, MAX_PDF_PAGES, MAX_TEXT_CHARS, mib

__all__ = ["read_pdf"]

EXTRA: Final = "pip install 'shpolicy[pdf]'"

# pypdf reports a damaged file's oddities as log warnings; with no handler at
# all Python would print them on stderr, under the command line's one-line
# messages.  The application's own logging still receives them (records
# propagate past a NullHandler).
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def read_pdf(data: bytes, *, source: str | None) -> Document:
    """The text of a PDF."""
    if len(data) > MAX_PDF_BYTES:
        raise FormatError(
            f"a PDF of {mib(len(data))}, larger than the {mib(MAX_PDF_BYTES)} accepted; refused",
            source=source,
        )
    if importlib.util.find_spec("pypdf") is None:
        raise MissingDependencyError(
            f"a PDF document; reading it needs pypdf: {EXTRA}", extra="pdf", source=source
        )
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise FormatError("an encrypted PDF; decrypt it first", source=source)
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise FormatError(
                f"a PDF of {count} pages, more than the {MAX_PDF_PAGES} accepted; refused",
                source=source,
            )
        pages: list[str] = []
        total = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > MAX_TEXT_CHARS:
                raise FormatError(
                    f"a PDF of more than {MAX_TEXT_CHARS:,} characters of text; refused",
                    source=source,
                )
            pages.append(text)
    except FormatError:
        raise
    except Exception as exc:  # pypdf raises many kinds on a broken or hostile file
        message = " ".join(str(exc).split())[:200]
        raise FormatError(
            f"not a readable PDF ({type(exc).__name__}: {message})", source=source
        ) from None
    text = "\n".join(page.rstrip("\n") for page in pages)
    if not text.strip():
        raise FormatError(
            "a PDF without text (a scan?): shpolicy reads a PDF's text layer, not its images",
            source=source,
        )
    return Document(text=unwrap(text) + "\n", format="pdf")


def unwrap(text: str) -> str:
    """*text* with the page-width line breaks of a PDF taken out, and page numbers dropped.

    A PDF sets each line where the page ends it; a break in the middle of a
    word ("责任单\n位") is layout, not text.  Where the hard-wrap joiner of
    :mod:`shpolicy.lines` finds a page width (and only there), the lines it
    joins become one: Chinese closes up across the break, Latin text gets one
    space.  So the text that is parsed, and that spans index, has the
    paragraphs the document has.
    """
    folded = fold(text)
    physical = split_lines(folded)
    joined = join_hard_wrapped(folded, physical)
    if joined is physical:
        return text
    pieces: list[str] = []
    lines = iter(physical)
    for paragraph in joined:
        parts = []
        for line in lines:
            if line.start >= paragraph.start and not is_page_number(folded, line):
                if line.end > paragraph.end:
                    break
                parts.append(text[line.start : line.end])
                if line.end == paragraph.end:
                    break
        out = parts[0] if parts else text[paragraph.start : paragraph.end]
        for part in parts[1:]:
            out += " " + part if out[-1:].isascii() and part[:1].isascii() else part
        pieces.append(out)
    return "\n".join(pieces)
