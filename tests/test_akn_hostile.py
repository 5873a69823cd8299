"""from_akn on hostile, malformed and foreign XML: always an AknError, never lxml's own."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shpolicy.akn import MAX_BYTES, MAX_DEPTH, from_akn, to_akn, validate
from shpolicy.errors import AknError, ShpolicyError
from shpolicy.model import Measure, Policy, Span

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def _export() -> bytes:
    measure = Measure(label="1.", ordinal=1, title="T", text="T.", span=Span(start=0, end=2))
    return to_akn(Policy(title="Title", preamble="P", measures=(measure,)))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&lol9;</akomaNtoso>
"""


def _xxe(url: str) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "{url}">]>\n'
        f'<akomaNtoso xmlns="{AKN}"><doc name="policy">&xxe;</doc></akomaNtoso>'
    ).encode()


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(AknError, match="DOCTYPE is not allowed") as caught:
        from_akn(BILLION_LAUGHS)
    assert caught.value.line == 2


def test_doctype_in_utf16_is_refused() -> None:
    with pytest.raises(AknError, match="DOCTYPE is not allowed"):
        from_akn(BILLION_LAUGHS.decode().replace('<?xml version="1.0"?>', "").encode("utf-16"))


def test_doctype_after_a_long_prolog_is_still_refused() -> None:
    padding = b"<!--" + b"x" * (70 * 1024) + b"-->\n"
    with pytest.raises(AknError, match=r"DOCTYPE|amplification"):
        from_akn(padding + BILLION_LAUGHS.split(b"\n", 1)[1])


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:1/evil.dtd"])
def test_external_entities_are_refused(url: str) -> None:
    with pytest.raises(AknError) as caught:
        from_akn(_xxe(url))
    assert "root:" not in str(caught.value)


def test_external_dtd_is_refused() -> None:
    data = _export().replace(
        b"<akomaNtoso", b'<!DOCTYPE akomaNtoso SYSTEM "http://127.0.0.1:1/a.dtd">\n<akomaNtoso', 1
    )
    with pytest.raises(AknError, match="DOCTYPE"):
        from_akn(data)


def test_oversized_input_is_refused_before_parsing() -> None:
    with pytest.raises(AknError, match="exceeds"):
        from_akn(b" " * (MAX_BYTES + 1))


def test_deep_nesting_is_refused() -> None:
    depth = MAX_DEPTH + 10
    data = (
        f'<akomaNtoso xmlns="{AKN}">'.encode() + b"<p>" * depth + b"</p>" * depth + b"</akomaNtoso>"
    )
    with pytest.raises(AknError, match=r"deeper|line"):
        from_akn(data)


def test_truncated_document_names_a_line() -> None:
    data = _export()
    with pytest.raises(AknError) as caught:
        from_akn(data[: len(data) // 2])
    assert caught.value.line is not None
    assert "not well-formed" in str(caught.value)


@pytest.mark.parametrize(
    ("data", "pattern"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<html><body/></html>", "not akomaNtoso"),
        (b'<akomaNtoso xmlns="http://example.com/fake"/>', "expected namespace"),
        (b"<akomaNtoso/>", "expected namespace"),
        (f'<akomaNtoso xmlns="{AKN}"/>'.encode(), "doc"),
        (f'<akomaNtoso xmlns="{AKN}"><doc name="policy"/></akomaNtoso>'.encode(), "meta"),
        (b"\xff\xfe\x00garbage", "line|XML"),
        (b"not xml at all", "line"),
    ],
)
def test_malformed_and_foreign_documents(data: bytes, pattern: str) -> None:
    with pytest.raises(AknError, match=pattern):
        from_akn(data)


def test_akn_from_elsewhere_without_shpolicy_block_is_explained() -> None:
    data = _export()
    start = data.index(b"<proprietary")
    end = data.index(b"</proprietary>") + len(b"</proprietary>")
    with pytest.raises(AknError, match="not an shpolicy export"):
        from_akn(data[:start] + data[end:])


@pytest.mark.parametrize(
    ("old", "new", "pattern"),
    [
        (b'ordinal="1"', b'ordinal="one"', "not an integer"),
        (b'language="en"', b'language="fr"', "language"),
        (b'span="0-2"', b'span="5-2"', "before its start"),
        (b'span="0-2"', b'span="0-"', "not an integer"),
        (b'version="4"', b'version="9"', "record version"),
        (b'title="T"', b'title-ref="0-99"', "outside the text"),
        (b'title="T"', b'heading="T"', "unknown attribute"),
        (b"<shp:measures>", b"<shp:extra/><shp:measures>", "unknown element"),
    ],
)
def test_tampered_values_are_reported_with_their_line(old: bytes, new: bytes, pattern: str) -> None:
    data = _export()
    assert old in data
    with pytest.raises(AknError, match=pattern) as caught:
        from_akn(data.replace(old, new, 1))
    assert caught.value.line is not None or "impossible" in str(caught.value)


def test_string_input_is_refused() -> None:
    with pytest.raises(AknError, match="bytes"):
        from_akn(_export().decode())  # type: ignore[arg-type]


def test_validate_reports_instead_of_raising() -> None:
    assert validate(BILLION_LAUGHS) == [
        "line 2: a DOCTYPE is not allowed (entities and DTDs are refused)"
    ]


@settings(max_examples=200)
@given(st.data())
def test_cut_and_mutated_exports_never_escape_as_other_errors(data: st.DataObject) -> None:
    export = _export()
    cut = data.draw(st.integers(0, len(export)))
    junk = data.draw(st.binary(max_size=20))
    mutated = export[:cut] + junk + export[cut + len(junk) :]
    with contextlib.suppress(ShpolicyError):
        from_akn(mutated)
