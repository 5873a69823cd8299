"""Carry any Python string through XML 1.0, which forbids some characters.

XML 1.0 cannot hold NUL and most other C0 controls, U+FFFE / U+FFFF or lone
surrogates.  shpolicy keeps every string exactly, so it writes two forms:

* :func:`visible` -- the text readers see in the Akoma Ntoso body, with each
  forbidden character replaced by U+FFFD (the replacement character);
* :func:`escape` / :func:`unescape` -- an exact, XML-safe form for the
  ``shpolicy`` proprietary block: a backslash becomes ``\\\\`` and a forbidden
  character ``\\uXXXX`` (all of them lie in the Basic Multilingual Plane).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["escape", "is_xml_safe", "unescape", "visible"]

# Everything outside the XML 1.0 ``Char`` production.
_FORBIDDEN: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# One escape token; the empty alternative catches a stray backslash.
_TOKEN: Final = re.compile(r"\\(\\|u[0-9A-Fa-f]{4}|)")
_REPLACEMENT: Final = "\ufffd"


# The same characters in UTF-8 (surrogates passed through): a C0 control is its
# own byte; a surrogate is ED A0-BF ..; U+FFFE and U+FFFF are EF BF BE / BF.
_C0_BYTES: Final = bytes(b for b in range(0x20) if b not in b"\t\n\r")
_ALL_BUT_C0: Final = bytes(b for b in range(0x100) if b not in _C0_BYTES)
_FORBIDDEN_UTF8: Final = re.compile(b"\xed[\xa0-\xbf]|\xef\xbf[\xbe\xbf]")


def is_xml_safe(text: str) -> bool:
    """True when every character of *text* may appear in an XML 1.0 document."""
    # Printable text holds no control, surrogate or noncharacter, so it is safe;
    # the C-level test spares most strings the much slower regex scan.  Line
    # breaks and ideographic spaces are not printable: such text is tested on
    # its bytes, also in C (a third of the time of the scan of the characters).
    if text.isprintable():
        return True
    data = text.encode("utf-8", "surrogatepass")
    if data.translate(None, _ALL_BUT_C0):
        return False
    # ED also leads Hangul (U+D000-U+D7FF): the pattern only where it occurs.
    if b"\xed" in data or b"\xef\xbf" in data:
        return _FORBIDDEN_UTF8.search(data) is None
    return True


def visible(text: str) -> str:
    """*text* with each character XML 1.0 forbids replaced by U+FFFD."""
    if text.isprintable():
        return text
    return _FORBIDDEN.sub(_REPLACEMENT, text)


def escape(text: str) -> str:
    """An XML-safe form of *text* that :func:`unescape` turns back into *text*."""
    escaped = text.replace("\\", "\\\\")
    if escaped.isprintable():
        return escaped
    return _FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped)


def unescape(text: str) -> str:
    """Invert :func:`escape`; raise ``ValueError`` on a malformed escape."""

    def token(match: re.Match[str]) -> str:
        body = match.group(1)
        if body == "\\":
            return "\\"
        if not body:
            raise ValueError(f"stray backslash at character {match.start()} of an escaped string")
        return chr(int(body[1:], 16))

    return _TOKEN.sub(token, text)
