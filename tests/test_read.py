"""Bytes to text: encodings, byte-order marks and undecodable input."""

from __future__ import annotations

import codecs

import pytest

import shpolicy
from shpolicy.read import decode

TEXT = "一、总体要求\r\n1.加强统筹。（责任单位：市发展改革委）\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("gb18030"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "gb18030"],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode(data) == TEXT
    policy = shpolicy.parse_bytes(data)
    (measure,) = policy.all_measures()
    assert [u.name for u in measure.responsible_units] == ["市发展改革委"]
    # spans index the decoded text, without the byte-order mark
    assert TEXT[measure.span.start : measure.span.end].startswith("1.")


def test_undecodable_bytes_name_the_offset() -> None:
    data = b"valid start " + bytes([0x81, 0x20, 0xFF, 0xFF])
    with pytest.raises(shpolicy.DecodeError) as info:
        decode(data, source="x.txt")
    assert info.value.offset == 12
    assert "x.txt: byte 12" in str(info.value)


def test_replace_is_an_explicit_choice() -> None:
    assert "\ufffd" in decode(b"ok " + bytes([0x81, 0x20, 0xFF]), errors="replace")


def test_truncated_utf16_names_the_offset() -> None:
    with pytest.raises(shpolicy.DecodeError) as info:
        decode(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8")
    assert info.value.offset is not None


def test_missing_file_is_a_shpolicy_error() -> None:
    with pytest.raises(shpolicy.ShpolicyError, match="cannot read"):
        shpolicy.parse_file("/nonexistent/policy.txt")


@pytest.mark.parametrize("data", ["一、总体要求", 42, None])
def test_parse_bytes_rejects_what_is_not_bytes_with_a_clear_type_error(data: object) -> None:
    with pytest.raises(TypeError, match=r"^parse_bytes\(\) takes bytes, not ") as caught:
        shpolicy.parse_bytes(data)  # type: ignore[arg-type]
    if isinstance(data, str):
        assert "parse_text" in str(caught.value)


def test_parse_bytes_takes_bytearray_and_memoryview() -> None:
    data = TEXT.encode("utf-8")
    assert shpolicy.parse_bytes(bytearray(data)) == shpolicy.parse_bytes(data)
    assert shpolicy.parse_bytes(memoryview(data)) == shpolicy.parse_bytes(data)
