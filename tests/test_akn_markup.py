"""The writer's own serialiser (``shpolicy.akn.markup``) against lxml, byte for byte.

``to_akn`` once built its tree with lxml; it now writes the XML itself and
must produce exactly the bytes lxml produced.  These tests hold the escaping
and the layout to lxml's on hostile strings, and every export to a fixpoint
of an lxml parse and re-serialisation.
"""

from __future__ import annotations

import re
from typing import Final

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from shpolicy import Policy
from shpolicy.akn import to_akn
from shpolicy.akn.markup import Element, escape_attribute, escape_text, serialize
from shpolicy.akn.safetext import is_xml_safe
from strategies import policies

# Characters the escaping must get right, weighted in among arbitrary ones.
_TRICKY = "&<>\"'\r\n\t ]]>\x7f\x85\u2028\ufffd\U0001f600"
_XML_SAFE = st.text(
    alphabet=st.one_of(st.sampled_from(_TRICKY), st.characters(codec="utf-8")),
    max_size=40,
).filter(is_xml_safe)
_HOSTILE_EXAMPLES = ["", "]]>", "a&b<c>d", "\"'", "\r\n", "\t\r\n \r", "&amp;", "\U0001f600\r"]


def _lxml_bytes(text: str, attribute: str, tail: str) -> bytes:
    root = etree.Element("r")
    child = etree.SubElement(root, "c", a=attribute)
    child.text = text
    child.tail = tail
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _own_bytes(text: str, attribute: str, tail: str) -> bytes:
    root = Element("r")
    child = Element("c", {"a": attribute}, root)
    child.text = text
    child.tail = tail
    # "r" holds mixed content, so nothing is indented.
    return serialize(root, frozenset({"r"}))[:-1]


@settings(max_examples=200)
@given(_XML_SAFE, _XML_SAFE, _XML_SAFE)
def test_text_attributes_and_tails_escape_as_lxml_does(text: str, value: str, tail: str) -> None:
    assert _own_bytes(text, value, tail) == _lxml_bytes(text, value, tail)


def test_hostile_examples_escape_as_lxml_does() -> None:
    for text in _HOSTILE_EXAMPLES:
        assert _own_bytes(text, text, text) == _lxml_bytes(text, text, text)
    assert escape_text("]]>\r") == "]]&gt;&#13;"
    assert escape_attribute('"\t\n\r') == "&quot;&#9;&#10;&#13;"


def test_empty_text_and_no_text_differ_as_in_lxml() -> None:
    root = Element("r")
    Element("a", None, root)
    Element("b", None, root).text = ""
    theirs = etree.Element("r")
    etree.SubElement(theirs, "a")
    etree.SubElement(theirs, "b").text = ""
    expected = etree.tostring(theirs, xml_declaration=True, encoding="UTF-8") + b"\n"
    assert serialize(root, frozenset({"r"})) == expected
    assert expected.endswith(b"<r><a/><b></b></r>\n")


# An element whose text is the empty string: parsing keeps no text node for it.
_EMPTY_TEXT: Final = re.compile(rb"<([\w:]+)([^<>]*)></\1>")


def _reserialized(export: bytes) -> bytes:
    tree = etree.fromstring(export)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"


@settings(max_examples=60, deadline=None)
@given(policies())
def test_exports_are_a_fixpoint_of_lxml(policy: Policy) -> None:
    # lxml reads back every escape, indentation and namespace declaration and
    # writes it out again: any difference from its own conventions shows.  The
    # one thing parsing loses is an empty text (<p></p> comes back as <p/>).
    export = to_akn(policy)
    assert _reserialized(export) == _EMPTY_TEXT.sub(rb"<\1\2/>", export)


def test_namespace_declarations_sit_where_lxml_put_them() -> None:
    export = to_akn(Policy(title="T", preamble="p")).decode()
    assert re.findall(r"<[^>]*xmlns[^>]*>", export) == [
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">',
        '<shp:policy xmlns:shp="https://shpolicy.readthedocs.io/ns/akn/1.0" version="4"'
        ' generated="true" title="T" language="en" preamble="p"/>',
    ]
