"""Read bytes: tell what a file is, and turn it into the text that is parsed.

    >>> from shpolicy.read import read_document
    >>> read_document("一、总则\\n".encode("gb18030")).text
    '一、总则\\n'

:func:`sniff` tells a file's kind by its content (the name only breaks ties);
:func:`read_document` reads text files (:func:`decode`), web pages
(``shpolicy.read.webpage``), Word files (``shpolicy.read.word``, the
``docx`` extra) and PDFs (``shpolicy.read.pdf``, the ``pdf`` extra), and
refuses with a :class:`~shpolicy.errors.FormatError` what it cannot read:
legacy Word and WPS files, RTF, other archives, XML, and anything beyond the
limits of ``shpolicy.read.limits``.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import FormatError, ParseError
from .document import Document, FieldKind, Format, PageField
from .limits import MAX_DOCX_BYTES, MAX_HTML_BYTES, MAX_PDF_BYTES, mib
from .sniff import HEAD_BYTES, Kind, sniff
from .text import decode

__all__ = [
    "Document",
    "FieldKind",
    "Format",
    "Kind",
    "PageField",
    "decode",
    "read_document",
    "read_path",
    "sniff",
]

# The most bytes each kind may have; a file beyond it is refused unread.
_CAPS: dict[Kind, int] = {
    "html": MAX_HTML_BYTES,
    "mhtml": MAX_HTML_BYTES,
    "zip": MAX_DOCX_BYTES,
    "pdf": MAX_PDF_BYTES,
}
_LEGACY: dict[str, str] = {
    ".wps": "a WPS Office document (.wps)",
    ".et": "a WPS spreadsheet (.et)",
    ".doc": "a Word 97–2003 document (.doc)",
    ".xls": "an Excel 97–2003 workbook (.xls)",
    ".ppt": "a PowerPoint 97–2003 presentation (.ppt)",
}


def read_document(data: bytes, *, source: str | None = None, suffix: str = "") -> Document:
    """Turn *data* into the :class:`Document` to parse.

    *suffix* (``".html"``; by default the suffix of *source*) breaks ties
    only: the content says what a file is.
    """
    if not suffix and source is not None:
        suffix = Path(source).suffix
    kind = sniff(data[:HEAD_BYTES], suffix)
    if kind == "text":
        return Document(text=decode(data, source=source), format="text")
    if kind in ("html", "mhtml"):
        from .webpage import page_from_mhtml, read_page

        if kind == "mhtml":
            page, charset = page_from_mhtml(data, source=source)
            return read_page(page, source=source, charset=charset)
        return read_page(data, source=source)
    if kind == "zip":
        from .word import read_word

        return read_word(data, source=source)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, source=source)
    raise FormatError(_unreadable(kind, suffix), source=source)


def _unreadable(kind: Kind, suffix: str) -> str:
    save_as = "save it as .docx, PDF or text and parse that"
    if kind == "ole":
        what = _LEGACY.get(suffix.lower(), "a legacy Office document (.doc, .wps …)")
        return f"{what}, an OLE compound file shpolicy cannot read; {save_as}"
    if kind == "rtf":
        return f"an RTF document, which shpolicy cannot read; {save_as}"
    return (
        "XML, not a policy text (to check an Akoma Ntoso or JSON export, use `shpolicy validate`)"
    )


def read_path(path: str | os.PathLike[str]) -> Document:
    """Read the file at *path*; a web page, Word file or PDF beyond its limit is refused unread."""
    source = os.fspath(path)
    try:
        with open(path, "rb") as stream:
            head = stream.read(HEAD_BYTES)
            kind = sniff(head, Path(source).suffix)
            cap = _CAPS.get(kind)
            size = os.fstat(stream.fileno()).st_size
            if cap is not None and size > cap:
                raise FormatError(
                    f"{_KIND_NAMES[kind]} of {mib(size)}, larger than the {mib(cap)} accepted; "
                    "refused",
                    source=source,
                )
            data = head + stream.read()
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}", source=source) from exc
    return read_document(data, source=source)


_KIND_NAMES: dict[Kind, str] = {
    "html": "a web page",
    "mhtml": "a web page",
    "zip": "a Word file",
    "pdf": "a PDF",
}
