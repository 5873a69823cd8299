"""Values of numbers as policy texts write them: Chinese numerals, English number words.

One reader of Chinese numerals serves labels (``十二、``), dates (``二〇二四年十二月``),
validity periods (``有效期五年``) and quantities (``五万套``).

All arithmetic is done on :class:`~decimal.Decimal` with a context wide enough
that nothing is ever rounded: the callers bound the length of what they pass.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from types import MappingProxyType
from typing import Final

__all__ = [
    "CHINESE_DIGITS",
    "CHINESE_NUMERAL_CHARS",
    "CHINESE_SMALL_UNITS",
    "ENGLISH_NUMBER_WORDS",
    "english_word_value",
    "exact",
    "hanzi_value",
    "scaled",
]

# Wide enough for the longest number the scanner accepts times the largest
# scale it accepts (24 digits x 10**36); no operation here ever rounds.
_EXACT: Final = decimal.Context(prec=120, Emax=10_000, Emin=-10_000)

# Values of the Chinese digits, of the units below 万, and of 万 and 亿.
CHINESE_DIGITS: Final = MappingProxyType(
    {
        "〇": 0,
        "零": 0,
        "一": 1,
        "二": 2,
        "两": 2,
        "三": 3,
        "四": 4,
        "五": 5,
        "六": 6,
        "七": 7,
        "八": 8,
        "九": 9,
    }
)
CHINESE_SMALL_UNITS: Final = MappingProxyType({"十": 10, "百": 100, "千": 1000})
_HANZI_BIG_UNITS: Final = MappingProxyType({"万": 10**4, "亿": 10**8})

CHINESE_NUMERAL_CHARS: Final = "".join(CHINESE_DIGITS) + "".join(CHINESE_SMALL_UNITS) + "万亿"

_ENGLISH_UNITS: Final = MappingProxyType(
    {
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
    }
)
_ENGLISH_TEENS: Final = MappingProxyType(
    {
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
    }
)
_ENGLISH_TENS: Final = MappingProxyType(
    {
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
    }
)
# Longest first so that a regex alternation never stops at a prefix ("six" in "sixty").
ENGLISH_NUMBER_WORDS: Final = tuple(
    sorted({*_ENGLISH_UNITS, *_ENGLISH_TEENS, *_ENGLISH_TENS}, key=lambda w: (-len(w), w))
)


def exact(value: Decimal) -> Decimal:
    """*value* without a meaningless exponent: ``1.5E+8`` -> ``150000000``, ``0.50`` -> ``0.5``."""
    if value == value.to_integral_value(context=_EXACT):
        return value.quantize(Decimal(1), context=_EXACT)
    return value.normalize(context=_EXACT)


def scaled(value: Decimal, power_of_ten: int) -> Decimal:
    """``value * 10**power_of_ten`` without rounding."""
    return exact(value.scaleb(power_of_ten, context=_EXACT))


def hanzi_value(numeral: str, *, strict: bool = True) -> int | None:
    """Value of a Chinese numeral (``五万`` 50000, ``一百二十`` 120, ``一亿五千万``), or ``None``.

    Strict (what a quantity needs): ``None`` for strings that are not one
    well-formed numeral: two digits in a row (``十四五``, the 14th Five-Year
    Plan), a leading 万/亿, or a numeral made only of 零.

    Lenient (``strict=False``, for labels, dates and validity periods, whose
    patterns admit only digits and 十百千): a digit written after another
    replaces it, ``零`` before a unit reads as one of it (``零十`` 10), and 0 is
    a value; ``None`` only for a character that is no numeral.
    """
    if len(numeral) == 1:  # (一、 二、 十: most labels, and many counts)
        single = CHINESE_DIGITS.get(numeral, CHINESE_SMALL_UNITS.get(numeral))
        if single is None:
            return None  # 万 or 亿 alone, or no numeral
        return (single or None) if strict else single
    total = 0  # completed 亿 groups
    section = 0  # the part below the last 亿 (may include a completed 万 group)
    digit: int | None = None  # a digit waiting for its unit
    for char in numeral:
        if char in CHINESE_DIGITS:
            if strict and digit:
                return None
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_SMALL_UNITS:
            times = (1 if digit is None else digit) if strict else (digit or 1)
            section += times * CHINESE_SMALL_UNITS[char]
            digit = None
        elif char in _HANZI_BIG_UNITS:
            below = section + (digit or 0)
            if below == 0:
                return None
            if char == "亿":
                total = (total + below) * _HANZI_BIG_UNITS[char]
                section = 0
            else:
                section = below * _HANZI_BIG_UNITS[char]
            digit = None
        else:
            return None
    value = total + section + (digit or 0)
    return (value or None) if strict else value


def english_word_value(word: str) -> int | None:
    """Value of ``"three"``, ``"twenty-five"``...; ``None`` for anything else."""
    word = word.lower()
    for table in (_ENGLISH_UNITS, _ENGLISH_TEENS, _ENGLISH_TENS):
        if word in table:
            return table[word]
    tens, sep, unit = word.partition("-")
    if sep and tens in _ENGLISH_TENS and unit in _ENGLISH_UNITS:
        return _ENGLISH_TENS[tens] + _ENGLISH_UNITS[unit]
    return None
