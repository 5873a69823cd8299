"""Which measure a task of an annex restates.

Part of the model stage (:mod:`shpolicy.assemble`).  An annex's division of
labour restates the policy's measures in its own numbering — the annex's
（一） may be the body's （四） — so a task is linked by what it says, never by
its number:

* its caption (the first cells of its row, joined: 菜市场 + "+早餐服务") or its
  first sentence is the measure's title, or holds it, or is held by it
  ("实施区域再生水循环利用工程" / "实施区域再生水循环利用"), or reads nearly
  the same (at least 80% alike: "实施污水收集及资源化利用设施建设工程" /
  "实施污水收集及污泥资源化利用设施建设");
* or the first sentence of one of its first cells stands in the measure's
  text (a task that restates a measure's second sentence under another title);
* the best-matching measure wins; when two match equally, or the caption is
  shorter than four characters, there is no link.

Punctuation, quotes and blanks are ignored in every comparison.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Final

from .model import Measure, Span

__all__ = ["MeasureIndex"]

_NOT_WORD: Final = re.compile(r"[\W_]+")
_SENTENCE_END: Final = re.compile(r"[。;!?]")  # (in text as written: 。；！？ fold to ;!?)
_SHORTEST: Final = 4  # a caption shorter than this names no measure
_SENTENCE_SHORTEST: Final = 8
_ALIKE: Final = 0.8
_CAPTION_CELLS: Final = 3
# A comparison of a task with a measure costs little, but a hostile text may
# hold thousands of each: past this many pairs only exact titles are compared.
_FUZZY_PAIRS: Final = 100_000


def _plain(text: str) -> str:
    return _NOT_WORD.sub("", text)


def _first_sentence(text: str) -> str:
    m = _SENTENCE_END.search(text)
    return text if m is None else text[: m.start()]


def _captions(cells: Sequence[str]) -> list[str]:
    """The first cells joined, one, two and three of them, and the first sentence."""
    found: list[str] = []
    joined = ""
    for cell in cells[:_CAPTION_CELLS]:
        joined += cell
        found.append(_plain(_first_sentence(joined)))
    return [c for c in dict.fromkeys(found) if len(c) >= _SHORTEST]


def _title_score(caption: str, title: str, matcher: SequenceMatcher[str] | None) -> float:
    """How well *caption* names *title*; *matcher* holds the title as its second sequence,
    or is ``None`` when likeness is not to be measured."""
    if len(title) < _SHORTEST:
        return 0.0
    if caption == title:
        return 1.0
    short, long = sorted((caption, title), key=len)
    if short in long:
        return 0.8 + 0.15 * len(short) / len(long)
    if matcher is None or len(short) < 0.6 * len(long):
        return 0.0
    matcher.set_seq1(caption)
    # The cheap upper bounds first: most pairs share too few characters.
    if matcher.quick_ratio() < _ALIKE:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= _ALIKE else 0.0


class MeasureIndex:
    """The measures of one policy, their titles and texts compared as plain words."""

    def __init__(self, measures: Sequence[Measure], *, tasks: int = 1) -> None:
        self.measures = tuple(measures)
        self.titles = [_plain(m.title) for m in self.measures]
        self.texts = [_plain(m.text) for m in self.measures]
        # Past a bound of task-measure pairs only titles are compared, and not for likeness.
        self.fuzzy = tasks * len(self.measures) <= _FUZZY_PAIRS
        self.matchers: list[SequenceMatcher[str] | None] = [None] * len(self.titles)
        if self.fuzzy:
            # (A matcher keeps what it learnt of its second sequence: one per title.)
            self.matchers = [SequenceMatcher(None, "", t, autojunk=False) for t in self.titles]

    def restated(self, text: str) -> Span | None:
        """The span of the one measure the task whose *text* (its cells, one a line) restates."""
        cells = [c.strip() for c in text.split("\n") if c.strip()]
        captions = _captions(cells)
        if not captions:
            return None
        sentences = [_plain(_first_sentence(c)) for c in cells[:_CAPTION_CELLS]]
        sentences = [s for s in sentences if len(s) >= _SENTENCE_SHORTEST]
        best, best_score, tied = None, 0.0, False
        for index, measure in enumerate(self.measures):
            title = self.titles[index]
            matcher = self.matchers[index]
            score = max(_title_score(c, title, matcher) for c in captions)
            if self.fuzzy and score == 0.0 and sentences:
                body = self.texts[index]
                score = 0.8 if any(s in body for s in sentences) else 0.0
            if score > best_score:
                best, best_score, tied = measure, score, False
            elif score == best_score and score > 0.0:
                tied = True
        return None if best is None or tied else best.span
