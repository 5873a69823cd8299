"""What kind of file a byte string is: told by its content, the file name only breaking ties.

A policy reaches users as a text file, a page saved from the government website
(``.html``, or one ``.mhtml`` file), a Word file or a PDF — and the name does not
always say which: a page saved without a suffix, a ``.txt`` that is really
HTML, a Word file renamed ``.doc``.  The first bytes do:

* ``%PDF-`` (within the first KiB, where PDF readers look for it): a PDF;
* ``PK\\x03\\x04``: a ZIP archive (a ``.docx`` is one; which one is decided by
  its members);
* ``D0 CF 11 E0 A1 B1 1A E1``: an OLE compound file — a legacy Word ``.doc``,
  a WPS ``.wps`` or an Excel ``.xls``;
* ``{\\rtf``: an RTF document;
* a MIME header announcing ``multipart/related``: a page saved as one file;
* markup opening with ``<!DOCTYPE html``, ``<html``, ``<head``, ``<body``,
  ``<meta`` or ``<title`` (after a BOM, blanks and comments), or any tag in a
  file named ``.html``/``.htm``: a web page;
* other markup (``<?xml``, ``<akomaNtoso``): XML, which is not a policy text;
* anything else: text.
"""

from __future__ import annotations

import codecs
import re
from typing import Final, Literal

__all__ = ["HEAD_BYTES", "Kind", "sniff"]

#: What a file is, from its content: ``"text"``, ``"html"``, ``"mhtml"``, ``"pdf"``, ``"zip"`` (a
#: Word ``.docx``, or another archive), ``"ole"`` (a legacy ``.doc``, ``.xls`` or ``.wps``),
#: ``"rtf"`` or ``"xml"``.
Kind = Literal["text", "html", "mhtml", "pdf", "zip", "ole", "rtf", "xml"]

HEAD_BYTES: Final = 8192
"""How many leading bytes :func:`sniff` reads."""

_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP: Final = (b"PK\x03\x04", b"PK\x05\x06")
_HTML_SUFFIXES: Final = frozenset({".html", ".htm", ".shtml", ".xhtml"})
_WIDE_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# What may precede the first tag: blanks, comments, a doctype-less XML declaration.
_PROLOG: Final = re.compile(r"(?:\s+|<!--.*?-->)*", re.DOTALL)
_HTML_OPENING: Final = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|script|style)[\s>/]", re.IGNORECASE
)
_XML_DECLARATION: Final = re.compile(r"<\?xml[^>]*\?>", re.IGNORECASE)
_TAG: Final = re.compile(r"<[A-Za-z!?/]")
_XHTML: Final = re.compile(r"<html[\s>]|http://www\.w3\.org/1999/xhtml", re.IGNORECASE)
_MIME: Final = re.compile(
    r"^(?:[\w-]+:[^\n]*\n)*?content-type:\s*multipart/related", re.IGNORECASE | re.MULTILINE
)


def sniff(head: bytes, suffix: str = "") -> Kind:
    """A file's kind from its first 8 KiB (``HEAD_BYTES``) and the suffix of its name."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    text = _head_text(head)
    if _MIME.match(text.replace("\r\n", "\n")):
        return "mhtml"
    start = _PROLOG.match(text)
    rest = text[start.end() if start else 0 :]
    declaration = _XML_DECLARATION.match(rest)
    if declaration is not None:
        after = rest[declaration.end() :]
        return "html" if _XHTML.search(after[:2048]) else "xml"
    if _HTML_OPENING.match(rest):
        return "html"
    if _TAG.match(rest):
        return "html" if suffix.lower() in _HTML_SUFFIXES else "xml"
    return "text"


def _head_text(head: bytes) -> str:
    """The head as text, well enough to read ASCII markup in any of the usual encodings."""
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            # A cut in the middle of a code unit is no error here.
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1")
