"""The parsing pipeline, wired: each stage decides, this module only hands results on.

    read (bytes to text)            shpolicy.read (text, web page, Word, PDF)
    fold (the recognition copy)     shpolicy.normalize.fold
    lines                           shpolicy.lines (split, undo hard wraps, join continued lines)
    header / body                   shpolicy.body.find_body (where the body begins)
    header                          shpolicy.header.read_header
    outline                         shpolicy.structure.read_outline (sections and measures)
    tail                            shpolicy.tail.read_tail (validity, closing, signatures)
    enrich and model                shpolicy.assemble.build_policy (units, targets, references,
                                    validity period) -> Policy

docs/pipeline.md describes every stage: its input, its output, the decisions it owns.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from .assemble import build_policy
from .body import find_body, starts_item
from .errors import ParseError
from .header import read_header
from .lines import join_continued, join_hard_wrapped, split_lines
from .model import Policy
from .normalize import fold
from .read import Document, PageField, read_document, read_path
from .read.fields import fill_from_page
from .structure import read_outline
from .tail import TAIL_RULES, read_tail
from .validity import find_commencement, find_validity_in

__all__ = ["parse_bytes", "parse_file", "parse_text"]


def parse_file(path: str | os.PathLike[str]) -> Policy:
    """Read the file at *path* and parse it.

    A text file (UTF-8 with or without BOM, UTF-16 or UTF-32 with BOM,
    GB18030), a saved web page, a Word ``.docx`` or a PDF: the content says
    which (see :func:`parse_bytes`).
    """
    document = read_path(path)
    return _parse_document(document, os.fspath(path))


def parse_bytes(data: bytes | bytearray | memoryview, *, source: str | None = None) -> Policy:
    """Parse a document held as bytes: text, a web page, a Word ``.docx`` or a PDF.

    The content says which (:func:`shpolicy.read.sniff`); *source*'s suffix
    only breaks ties.  A web page is parsed as the article it shows, and its
    metadata table fills what the text lacks (``shpolicy.read.fields``).
    Spans index the extracted text, which is :attr:`Policy.text <shpolicy.model.Policy.text>`.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        hint = " (a str is parsed with parse_text)" if isinstance(data, str) else ""
        raise TypeError(f"parse_bytes() takes bytes, not {type(data).__name__}{hint}")
    return _parse_document(read_document(bytes(data), source=source), source)


def _parse_document(document: Document, source: str | None) -> Policy:
    """Parse what a reader extracted; then let a web page's fields fill what the text lacks."""
    policy = _parse(document.text, source, page=document.fields)
    return fill_from_page(policy, document.fields) if document.fields else policy


def parse_text(text: str, *, source: str | None = None) -> Policy:
    """Parse one policy document held in memory, in Chinese or in English.

    Chinese originals and English translations are read as each is printed: a Chinese text
    numbers its sections 一、 and （一）, its measures 1. or 1．, and labels its responsibility
    clauses 责任单位：; an English translation numbers them I., (I) and 1., and labels them
    "Units responsible for implementation:".  ``Policy.language`` says which the text is.

    Spans in the result index *text*.  Raises :class:`~shpolicy.errors.ParseError` only when
    the text holds nothing to parse (it is empty or blank); everything unusual
    in a non-empty text becomes a diagnostic instead.
    """
    return _parse(text, source)


def _parse(text: str, source: str | None, *, page: Sequence[PageField] = ()) -> Policy:
    """Parse *text*; a web page's metadata *page* is evidence of whose document it is."""
    folded = fold(text)
    lines = join_hard_wrapped(folded, split_lines(folded))
    if not lines:
        raise ParseError("the text is empty or blank", source=source)
    layout = find_body(folded, lines)
    header = read_header(folded, layout.header)
    body = join_continued(folded, list(layout.body), starts_item)
    outline = read_outline(folded, body, TAIL_RULES)
    tail = read_tail(folded, outline.tail)
    validity = (
        tail.validity
        # A validity clause printed as the last numbered item ("第十条 本办法自…起施行").
        or find_validity_in(folded, outline.last_item_text)
        # "本方案自2022年2月1日起实施。" in the body of the notice that issues it.
        or find_validity_in(folded, [(line.start, line.end) for line in header.wrapper])
        # "现予发布，自2024年5月1日起施行" in a notice that issues it, the subject unsaid
        or next(
            (
                v
                for line in header.wrapper
                if (v := find_commencement(folded, line.start, line.end))
            ),
            None,
        )
        # "（…上海市人民政府令第12号公布　自2024年5月1日起施行）" under the title
        or (
            None if header.promulgation is None else find_commencement(folded, *header.promulgation)
        )
    )
    return build_policy(
        text,
        folded,
        source=source,
        header=header,
        outline=outline,
        tail=tail,
        validity=validity,
        contents=layout.contents or (),
        noted=layout.diagnostics,
        page_issuers=tuple(f.value for f in page if f.kind == "issuer"),
        page_number=next((f.value for f in page if f.kind == "number"), None),
    )
