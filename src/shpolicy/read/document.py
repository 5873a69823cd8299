"""What a reader hands to the parser: the text of a document and the page's own fields."""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = ["Document", "FieldKind", "Format", "PageField"]

#: What a file was read as: ``"text"``, ``"html"`` (a saved page, ``.mhtml`` included), ``"docx"``
#: or ``"pdf"``.
Format = Literal["text", "html", "docx", "pdf"]
#: Which field of a web page's metadata table: ``"index"`` (索引号), ``"issuer"`` (发布机构, "Issued
#: by"), ``"number"`` (发文字号), ``"issued"`` (成文日期) or ``"published"`` (发布日期, "Release
#: date").
FieldKind = Literal["index", "issuer", "number", "issued", "published"]


@attrs.frozen(kw_only=True, slots=True)
class PageField:
    """One labelled field of a web page's metadata table, outside the article.

    ``kind`` says which model field it can fill (``index`` fills none: the
    site's 索引号 is kept in the ``page-metadata`` diagnostic only).
    """

    #: Which field it is (:data:`FieldKind`).
    kind: FieldKind
    label: str  #: The label as printed: "发文字号", "Release date".
    value: str  #: The value as printed, runs of blanks squashed to one space.


@attrs.frozen(kw_only=True, slots=True)
class Document:
    """A file turned into the text that is parsed (spans index it), and its page fields."""

    #: The text to parse: a web page's article, a Word file's or a PDF's text.
    text: str
    #: What the file was read as (:data:`Format`).
    format: Format
    #: A web page's metadata fields, one of each kind, in the order of :data:`FieldKind`; empty
    #: for other formats.
    fields: tuple[PageField, ...] = ()
