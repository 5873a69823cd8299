"""What a reader hands to the parser: the text of a document and the page's own fields."""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = ["Document", "FieldKind", "Format", "PageField"]

Format = Literal["text", "html", "docx", "pdf"]
FieldKind = Literal["index", "issuer", "number", "issued", "published"]


@attrs.frozen(kw_only=True, slots=True)
class PageField:
    """One labelled field of a web page's metadata table, outside the article.

    ``kind`` says which model field it can fill (``index`` fills none: the
    site's 索引号 is kept in the ``page-metadata`` diagnostic only).
    """

    kind: FieldKind
    label: str  # as printed: "发文字号", "Release date"
    value: str  # as printed, blanks squashed


@attrs.frozen(kw_only=True, slots=True)
class Document:
    """A file turned into the text that is parsed (spans index it), and its page fields."""

    text: str
    format: Format
    fields: tuple[PageField, ...] = ()
