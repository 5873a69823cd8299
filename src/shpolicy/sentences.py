"""Sentence ends in English and Chinese policy prose.

A measure's title is its lead sentence, a heading ends at its full stop, and a
validity clause is the sentence that says when the text takes effect; all of
them need to know where a sentence ends without being fooled by "P. R. China",
"No. 2", "e.g. x" or a stop inside brackets.
"""

from __future__ import annotations

import re
import string
from typing import Final

from .normalize import Folded, trim

__all__ = ["SENTENCE_BREAK", "sentence_end", "sentence_spans"]

# Where a new sentence (or a new item run on after one) may begin inside a
# line: after a stop or a closing bracket, and the blanks after it.
SENTENCE_BREAK: Final = re.compile(r"[.。!?;)\]]\s*")

_ABBREVIATIONS: Final = frozenset(
    {
        *("no", "nos", "art", "arts", "para", "paras", "mr", "mrs", "ms", "dr", "st", "co", "vs"),
        *("fig", "op", "p", "pp", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep"),
        *("sept", "oct", "nov", "dec"),
    }
)
_ASCII_LETTERS: Final = string.ascii_letters
_OPENERS: Final = "([“‘《"
_CLOSERS: Final = ")]”’》"
_QUOTE_CLOSERS: Final = ("”", "’", '"')
_STOPS: Final = ".。!?"
# The characters sentence_end looks at; a regex skips the text between them.
_MARKS: Final = re.compile(r"[(\[“‘《)\]”’》.。!?]")
# Looking back this far is enough to see the word before a stop.
_LOOKBACK: Final = 12


def _is_stop(folded: Folded, i: int, end: int) -> bool:
    ch = folded[i]
    if ch == "。":
        return True
    if ch in "!?":
        # 'the "Where Is the Money?" service', '"Who Pays?": clarifying': a question
        # quoted inside a sentence does not end it
        nxt = i + 1
        while nxt < end and folded[nxt] in '"”’':
            nxt += 1
        while nxt < end and folded[nxt] == " ":
            nxt += 1
        return nxt >= end or not (folded[nxt].islower() or folded[nxt] in ",:;)")
    if ch != ".":
        return False
    nxt = i + 1
    if nxt < end and folded[nxt] not in ' "”’':
        return False  # "1.5", "e.g.x", "www.gov.cn"
    while nxt < end and folded[nxt] in ' "”’':
        nxt += 1
    if nxt < end and folded[nxt].islower():
        return False  # "etc. and", "e.g. the"
    word = _word_before(folded, i)
    if not word:
        return True
    if len(word) == 1 and word.isupper():
        return False  # an initial: "P. R. China"
    return word.lower() not in _ABBREVIATIONS


def _word_before(folded: Folded, i: int) -> str:
    """The ASCII letters ending at *i*, or at a line break right before it, within the lookback.

    What ``([A-Za-z]+)$`` finds searching the lookback window ("$" also
    matches before a final line break), found by stripping instead of trying
    the pattern at each position of the window.
    """
    window = folded[max(0, i - _LOOKBACK) : i]
    if window.endswith("\n"):
        window = window[:-1]
    return window[len(window.rstrip(_ASCII_LETTERS)) :]


def sentence_end(folded: Folded, start: int, end: int) -> int | None:
    """Offset of the first full stop in ``folded[start:end]`` outside brackets, or ``None``."""
    depth = 0
    # One search per mark costs less than an iterator over them: most calls
    # stop at the first mark.
    mark = _MARKS.search(folded, start, end)
    while mark is not None:
        i = mark.start()
        ch = folded[i]
        # Stops are by far the commonest marks, so they are told apart first.
        if ch in _STOPS:
            if depth == 0:
                if ch == "。" or _is_stop(folded, i, end):
                    return i
            elif (
                depth == 1 and folded[i + 1 : i + 2] in _QUOTE_CLOSERS and _is_stop(folded, i, end)
            ):
                # 'the “Five Centers.” We …': the stop ends the quote and the sentence
                return i
        elif ch in _OPENERS:
            depth += 1
        else:
            depth = max(0, depth - 1)
        mark = _MARKS.search(folded, i + 1, end)
    return None


def sentence_spans(folded: Folded, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence in the range, stop included, blanks excluded."""
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        pos = trim(folded, pos, end, right=False)[0]
        if pos >= end:
            break
        stop = sentence_end(folded, pos, end)
        stop_end = end if stop is None else stop + 1
        # keep a closing quote that follows the stop with its sentence
        while stop_end < end and folded[stop_end] in '"”’':
            stop_end += 1
        spans.append(trim(folded, pos, stop_end, left=False))
        pos = stop_end
    return spans
