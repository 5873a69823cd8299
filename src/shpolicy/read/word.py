"""A Word file (``.docx``) read with python-docx (the ``shpolicy[docx]`` extra).

A ``.docx`` is a ZIP archive of XML parts.  Before python-docx (which loads
every part into memory) sees it, the archive is checked against the limits in
:mod:`shpolicy.read.limits`: its size, the number of parts (a thousand-part
package), the unpacked size of all parts and each part's packing ratio (a zip
bomb).  Reading a member never yields more than its declared size (zipfile
stops there and checks the CRC), so the declared sizes bound the memory.
python-docx's XML parser resolves no entities and refuses nesting deeper than
libxml2's default limit.

Paragraphs and tables are read in document order: a paragraph is a line (a
line break inside it, ``<w:br/>``, starts another), a table cell's paragraphs
are lines of their own, row by row, as in a text copy of the table.  Numbers
that Word draws itself (automatic list numbering) are not in the text and
are not read.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from collections.abc import Iterator
from typing import Any, Final

from ..errors import FormatError, MissingDependencyError
from .document import Document
from .limits import (
    MAX_DOCX_BYTES,
    MAX_DOCX_PARTS,
    MAX_DOCX_RATIO,
    MAX_DOCX_UNPACKED,
    MAX_TEXT_CHARS,
    mib,
)

__all__ = ["check_package", "read_word"]

EXTRA: Final = "pip install 'shpolicy[docx]'"
_RATIO_FLOOR: Final = 1024 * 1024  # parts smaller than this unpacked may pack at any ratio

# Members that say what else a ZIP archive is.
_OTHER_PACKAGES: Final = (
    ("xl/workbook.xml", "an Excel workbook (.xlsx)"),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)"),
    ("content.xml", "an OpenDocument file (.odt, .ods …)"),
)


def check_package(data: bytes, *, source: str | None) -> None:
    """Refuse an archive that is no Word document or that is beyond the limits."""
    if len(data) > MAX_DOCX_BYTES:
        raise FormatError(
            f"a Word file of {mib(len(data))}, larger than the {mib(MAX_DOCX_BYTES)} accepted; "
            "refused",
            source=source,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise FormatError(f"a damaged ZIP archive ({exc})", source=source) from None
    if len(members) > MAX_DOCX_PARTS:
        raise FormatError(
            f"a ZIP archive of {len(members)} parts, more than the {MAX_DOCX_PARTS} accepted; "
            "refused",
            source=source,
        )
    names = {member.filename for member in members}
    if "word/document.xml" not in names:
        kind = next((what for name, what in _OTHER_PACKAGES if name in names), "a ZIP archive")
        raise FormatError(f"{kind}, not a Word (.docx) document or a policy text", source=source)
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_DOCX_UNPACKED:
        raise FormatError(
            f"a Word file that unpacks to {mib(unpacked)}, more than the "
            f"{mib(MAX_DOCX_UNPACKED)} accepted; refused",
            source=source,
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR and ratio > MAX_DOCX_RATIO:
            raise FormatError(
                f"part {member.filename!r} unpacks {ratio:.0f} times its packed size "
                f"(a zip bomb?); refused",
                source=source,
            )


def read_word(data: bytes, *, source: str | None) -> Document:
    """The text of a ``.docx`` file."""
    check_package(data, source=source)
    if importlib.util.find_spec("docx") is None:
        raise MissingDependencyError(
            f"a Word (.docx) document; reading it needs python-docx: {EXTRA}",
            extra="docx",
            source=source,
        )
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_capped(_lines(document), source))
    except FormatError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on a broken file
        message = " ".join(str(exc).split())[:200]
        raise FormatError(
            f"not a readable Word document ({type(exc).__name__}: {message})", source=source
        ) from None
    return Document(text="".join(line + "\n" for line in lines), format="docx")


def _capped(lines: Iterator[str], source: str | None) -> Iterator[str]:
    total = 0
    for line in lines:
        total += len(line) + 1
        if total > MAX_TEXT_CHARS:
            raise FormatError(
                f"a Word document of more than {MAX_TEXT_CHARS:,} characters; refused",
                source=source,
            )
        yield line


def _lines(container: Any) -> Iterator[str]:
    """Lines of a document's or a table cell's paragraphs and tables, in document order."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:  # a merged cell repeats along its row: read it once
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from _lines(cell)
        else:
            yield from (line for line in block.text.splitlines() if line.strip())
