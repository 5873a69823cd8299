"""Bytes to text: UTF-8 (with or without BOM), UTF-16 / UTF-32 with BOM, GB18030.

Offsets in the model index the decoded text (a BOM is not part of it).
"""

from __future__ import annotations

import codecs
from typing import Final

from ..errors import DecodeError

__all__ = ["decode"]

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, *, source: str | None = None, errors: str = "strict") -> str:
    """Decode a published text.

    A byte-order mark decides the encoding; without one, UTF-8 is tried, then
    GB18030 (the superset of GBK and GB2312 used by Chinese government sites).
    With ``errors="strict"`` (the default) undecodable bytes raise
    :class:`~shpolicy.errors.DecodeError` naming the first bad byte's offset; ``errors="replace"``
    substitutes U+FFFD instead.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, len(bom), encoding, source, errors)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            if errors == "replace":
                return data.decode("utf-8", errors="replace")
            raise DecodeError(
                f"neither UTF-8 nor GB18030 ({utf8_error.reason})",
                offset=utf8_error.start,
                source=source,
            ) from None


def _decode(data: bytes, skip: int, encoding: str, source: str | None, errors: str) -> str:
    try:
        return data[skip:].decode(encoding, errors=errors)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"invalid {encoding.upper()} ({exc.reason})", offset=skip + exc.start, source=source
        ) from None
    except LookupError as exc:  # an unknown errors= value
        raise DecodeError(str(exc), source=source) from None
