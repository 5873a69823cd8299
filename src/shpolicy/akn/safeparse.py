"""Parse untrusted XML bytes safely, answering every problem with :class:`AknError`.

The parser never expands entities, never loads a DTD and never touches the
network; a document with any DOCTYPE is refused outright (billion laughs,
XXE via ``file://`` or ``http://``).  Input is capped at :data:`MAX_BYTES`
and element nesting at :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

from lxml import etree

from ..errors import AknError
from .vocabulary import AKN_NS, A

__all__ = ["MAX_BYTES", "MAX_DEPTH", "parse_akn"]

MAX_BYTES: Final = 50 * 1024 * 1024
"""Largest document :func:`~shpolicy.akn.from_akn` reads (50 MiB); a larger one is refused."""

MAX_DEPTH: Final = 200
"""Deepest element nesting accepted; an export nests a few levels per section level."""


_PROLOG_WINDOW: Final = 64 * 1024
_DOCTYPE: Final = re.compile(r"<!DOCTYPE")
_START_TAG: Final = re.compile(r"<[A-Za-z_]")
_WIDE_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _refuse_doctype_in_prolog(raw: bytes) -> None:
    """Refuse a DOCTYPE before libxml2 reads its internal subset at all.

    Only the prolog's first 64 KiB are scanned; a DOCTYPE hidden further on is
    still refused after parsing (and entities are never expanded anyway).
    """
    head = raw[:_PROLOG_WINDOW]
    encoding = next((name for bom, name in _WIDE_BOMS if head.startswith(bom)), "latin-1")
    text = head.decode(encoding, errors="replace")
    doctype = _DOCTYPE.search(text)
    if doctype is None:
        return
    start_tag = _START_TAG.search(text)
    if start_tag is None or doctype.start() < start_tag.start():
        line = text.count("\n", 0, doctype.start()) + 1
        raise AknError("a DOCTYPE is not allowed (entities and DTDs are refused)", line=line)


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers keep state and are not thread-safe.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=True,
        remove_pis=True,
    )


def _check_depth(root: etree._Element) -> None:
    depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > MAX_DEPTH:
                raise AknError(
                    f"elements nest deeper than {MAX_DEPTH} levels", line=element.sourceline
                )
        else:
            depth -= 1


def parse_akn(data: bytes) -> etree._Element:
    """The root ``<akomaNtoso>`` element of *data*; :class:`AknError` for anything else."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise AknError(f"Akoma Ntoso input must be bytes, not {type(data).__name__}")
    raw = bytes(data)
    if len(raw) > MAX_BYTES:
        raise AknError(f"document of {len(raw)} bytes exceeds the {MAX_BYTES}-byte limit")
    if not raw.strip():
        raise AknError("document is empty")
    _refuse_doctype_in_prolog(raw)
    try:
        tree = etree.ElementTree(etree.fromstring(raw, _parser()))
    except etree.XMLSyntaxError as error:
        raise AknError(f"not well-formed XML: {error.msg}", line=error.lineno) from None
    except (etree.LxmlError, ValueError) as error:
        raise AknError(f"cannot parse XML: {error}") from None
    docinfo = tree.docinfo
    doctype: str = getattr(docinfo, "doctype", "")  # missing from lxml-stubs
    if doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise AknError("a DOCTYPE is not allowed (entities and DTDs are refused)", line=1)
    root = tree.getroot()
    _check_depth(root)
    if not isinstance(root.tag, str) or root.tag != A + "akomaNtoso":
        found = etree.QName(root).namespace if isinstance(root.tag, str) else None
        what = root.tag if isinstance(root.tag, str) else "a non-element"
        hint = "" if found == AKN_NS else f" (expected namespace {AKN_NS})"
        raise AknError(f"root element is {what}, not akomaNtoso{hint}", line=root.sourceline)
    return root
