"""A minimal element tree that serialises exactly as lxml does for the writer's documents.

Building the export with lxml cost more than everything else in
:func:`~shpolicy.akn.to_akn`: every element went through lxml's tag parsing,
namespace lookup and a second pass to indent it.  The writer needs far less:
elements with attributes, text and tails, serialised once, pretty-printed.
This module does that in plain Python and produces the bytes
``etree.tostring(root, xml_declaration=True, encoding="UTF-8")`` produced
after the old indentation pass (``tests/test_akn_markup.py`` holds the
escaping to lxml's on hostile strings).

Callers hand in only strings XML 1.0 can hold (the writer passes every
document string through :mod:`~shpolicy.akn.safetext` first); tag and
attribute names are written as given, prefix included (``shp:unit``), and
namespace declarations are ordinary attributes (``xmlns:shp``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from typing import Final

__all__ = ["Element", "escape_attribute", "escape_text", "serialize", "serialize_verbatim"]

_INDENT: Final = "  "
_DECLARATION: Final = "<?xml version='1.0' encoding='UTF-8'?>\n"
# A character escape_attribute changes: most values (ids, URIs, dates) hold none.
_ATTRIBUTE_SPECIAL: Final = re.compile('[&<>"\r\n\t]')


def escape_text(text: str) -> str:
    """*text* as libxml2 writes character data: ``& < >`` and carriage returns as references."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def escape_attribute(value: str) -> str:
    """*value* as libxml2 writes a double-quoted attribute value.

    Beyond the markup characters, tabs and line breaks become character
    references so that attribute-value normalisation cannot turn them into
    spaces when the document is read back.
    """
    if _ATTRIBUTE_SPECIAL.search(value) is None:
        return value
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#9;")
    )


class Element:
    """One element: its start tag (built as attributes are added), text, children, tail."""

    __slots__ = ("children", "head", "tag", "tail", "text")

    def __init__(
        self,
        tag: str,
        attributes: Mapping[str, str] | None = None,
        parent: Element | None = None,
    ) -> None:
        """A new element; the last child of *parent* if one is given."""
        self.tag = tag
        head = "<" + tag
        if attributes:
            for name, value in attributes.items():
                head += f' {name}="{escape_attribute(value)}"'
        # The start tag without its closing ">" or "/>", so attributes can be added later.
        self.head = head
        self.text: str | None = None
        self.tail: str | None = None
        self.children: list[Element] = []
        if parent is not None:
            parent.children.append(self)

    def set(self, name: str, value: str) -> None:
        """Add an attribute (the writer never sets one twice)."""
        self.head += f' {name}="{escape_attribute(value)}"'

    def set_number(self, name: str, value: int | str) -> None:
        """Add an integer attribute, or a string of digits and dashes (nothing to escape)."""
        self.head += f' {name}="{value}"'

    def append(self, child: Element) -> None:
        self.children.append(child)

    def extend(self, children: Iterable[Element]) -> None:
        self.children.extend(children)


def serialize(root: Element, text_elements: frozenset[str]) -> bytes:
    """UTF-8 XML with a declaration, indented two spaces per level; *root* is emptied.

    Elements named in *text_elements* hold mixed content and are written as
    they are; every other element with children gets each child on a line of
    its own (any text or tail around them is replaced by the indentation),
    which is what the writer's former lxml indentation pass did.  Each child
    is let go once written, so the tree and the XML are not held in full
    side by side.
    """
    sink = _Sink()
    sink.out.append(_DECLARATION)
    _write(root, 0, text_elements, sink)
    sink.out.append("\n")
    return sink.getvalue()


def serialize_verbatim(root: Element, indented: str, text_elements: frozenset[str]) -> bytes:
    """UTF-8 XML with a declaration that adds no character to the document's text.

    Every element is written as it is — its text and tails are the document's
    own, so the text of the XML is exactly what the caller put in — except
    the elements named *indented* (``meta``), whose contents are machine data
    and are pretty-printed as :func:`serialize` does.
    """
    sink = _Sink()
    sink.out.append(_DECLARATION)
    _write_verbatim(root, indented, text_elements, sink)
    sink.out.append("\n")
    return sink.getvalue()


def _write_verbatim(
    element: Element, indented: str, text_elements: frozenset[str], sink: _Sink
) -> None:
    out = sink.out
    if element.tag == indented:
        _write(element, 0, text_elements, sink)
        return
    if element.text is None and not element.children:
        out.append(element.head + "/>")
        return
    out.append(element.head + ">")
    if element.text:
        out.append(escape_text(element.text))
    children = element.children
    children.reverse()  # taken from the end, so each child is dropped as it is written
    while children:
        child = children.pop()
        _write_verbatim(child, indented, text_elements, sink)
        if child.tail:
            out.append(escape_text(child.tail))
        sink.flush_if_full()
    out.append("</" + element.tag + ">")


# Pieces held as strings before they are encoded into the buffer: a document
# is written in millions of small pieces, and a str object costs some fifty
# bytes beyond its characters, so holding them all until the end took over ten
# times the size of the input.
_BLOCK: Final = 4096


class _Sink:
    """Collects the output: small pieces, encoded block by block into one buffer."""

    __slots__ = ("buffer", "out")

    def __init__(self) -> None:
        self.out: list[str] = []
        self.buffer = io.BytesIO()

    def flush_if_full(self) -> None:
        if len(self.out) >= _BLOCK:
            self.flush()

    def flush(self) -> None:
        # UTF-8 encodes character by character: the blocks add up to the encoding of the whole.
        self.buffer.write("".join(self.out).encode("utf-8"))
        self.out.clear()

    def getvalue(self) -> bytes:
        self.flush()
        return self.buffer.getvalue()  # (BytesIO hands over its buffer without a copy)


def _write(element: Element, level: int, text_elements: frozenset[str], sink: _Sink) -> None:
    out = sink.out
    children = element.children
    if not children or element.tag in text_elements:
        _write_as_is(element, out)
        return
    inner = "\n" + _INDENT * (level + 1)
    out.append(element.head + ">")
    children.reverse()  # taken from the end, so each child is dropped as it is written
    while children:
        child = children.pop()
        out.append(inner)
        if child.children or child.text is not None:
            _write(child, level + 1, text_elements, sink)
        else:  # an empty element, the most common kind: spare the call
            out.append(child.head + "/>")
        sink.flush_if_full()
    out.append("\n" + _INDENT * level + "</" + element.tag + ">")


def _write_as_is(element: Element, out: list[str]) -> None:
    text = element.text
    if text is None and not element.children:
        out.append(element.head + "/>")
        return
    out.append(element.head + ">")
    if text:
        out.append(escape_text(text))
    for child in element.children:
        _write_as_is(child, out)
        if child.tail:
            out.append(escape_text(child.tail))
    out.append("</" + element.tag + ">")
