"""Tell English from Chinese text."""

from __future__ import annotations

import re
from typing import Final

from .model import Language

__all__ = ["detect_language"]

# Han characters (U+3400-U+4DBF, U+4E00-U+9FFF) are counted on the UTF-8 bytes
# too, by their lead bytes, in C: a regex scan of the characters cost four times
# as much.  E4-E9 lead U+4000-U+9FFF, all Han but U+4DC0-U+4DFF (E4 B7, the Yijing
# hexagrams); E3 90-BF is U+3400-U+3FFF.
_HAN_LEADS: Final = bytes(range(0xE4, 0xEA))
_ALL_BUT_HAN_LEADS: Final = bytes(b for b in range(256) if b not in _HAN_LEADS)
_NOT_HAN: Final = b"\xe4\xb7"
_HAN_AFTER_E3: Final = re.compile(b"\xe3[\x90-\xbf]")
# Latin words are the runs of ASCII letters.  They are counted on the UTF-8
# bytes with every letter mapped to "a" and every other byte to a blank, so
# bytes.split() finds the runs in C (four times faster than a regex findall).
_LETTERS_AND_BLANKS = bytes(
    0x61 if 0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A else 0x20 for byte in range(256)
)
# The language shows in the first pages; reading more only costs time.
_SAMPLE = 100_000


def detect_language(text: str) -> Language:
    """``"zh"`` when Han characters outnumber Latin words, else ``"en"``.

    A Chinese character carries about as much as an English word, so Han
    characters are weighed against Latin *words* rather than letters.
    """
    sample = text[:_SAMPLE]
    utf8 = sample.encode("utf-8", "surrogatepass")  # ASCII stays one byte: runs are kept
    han = len(utf8.translate(None, _ALL_BUT_HAN_LEADS)) - utf8.count(_NOT_HAN)
    if b"\xe3" in utf8:
        han += len(_HAN_AFTER_E3.findall(utf8))
    words = len(utf8.translate(_LETTERS_AND_BLANKS).split())
    return "zh" if han > words else "en"
