"""Which measure a task of an annex restates.

Part of the model stage (:mod:`shpolicy.assemble`).  An annex's division of
labour restates the policy's measures in its own numbering — the annex's
（一） may be the body's （四） — so a task is linked by what it says, never by
its number:

* its caption (the first cells of its row, joined: 菜市场 + "+早餐服务") or its
  first sentence is the measure's title, or holds it, or is held by it
  ("实施区域再生水循环利用工程" / "实施区域再生水循环利用");
* failing any such measure, its first caption reads nearly the same as a
  title (at least 80% alike: "实施污水收集及资源化利用设施建设工程" / "实施污水收集及
  污泥资源化利用设施建设"), or the first sentence of one of its first cells
  stands in the measure's text (a task that restates a measure's second
  sentence under another title);
* the best-matching measure wins; when two match equally, or the caption is
  shorter than four characters, there is no link.

Punctuation, quotes and blanks are ignored in every comparison.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import Final

from .model import Measure, Span

__all__ = ["MeasureIndex"]

# The answer of a search that found two measures equally good.
_TIED: Final = Measure(label="", ordinal=0, title="", text="", span=Span(start=0, end=0))

_NOT_WORD: Final = re.compile(r"[\W_]+")
_SENTENCE_END: Final = re.compile(r"[。;!?]")  # (in text as written: 。；！？ fold to ;!?)
_SHORTEST: Final = 4  # a caption shorter than this names no measure
_SENTENCE_SHORTEST: Final = 8
_ALIKE: Final = 0.8
_CAPTION_CELLS: Final = 3
# A comparison of a task with a measure costs little, but a hostile text may
# hold thousands of each: past this many pairs only the same title links.
_FUZZY_PAIRS: Final = 100_000
_STATED: Final = 0.8  # the score of a measure whose text states the task's sentence


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


def _held_score(caption: str, title: str) -> float:
    """How well *caption* names *title* word for word: the same, or one holding the other."""
    if len(title) < _SHORTEST:
        return 0.0
    if caption == title:
        return 1.0
    short, long = (caption, title) if len(caption) <= len(title) else (title, caption)
    return 0.8 + 0.15 * len(short) / len(long) if short in long else 0.0


def _alike_score(caption: str, title: str, matcher: SequenceMatcher[str]) -> float:
    """How alike *caption* and *title* read; *matcher* holds the title as its second sequence."""
    short, long = min(len(caption), len(title)), max(len(caption), len(title))
    if len(title) < _SHORTEST or short < 0.6 * long:
        return 0.0
    matcher.set_seq1(caption)
    # The cheap upper bound first: most pairs share too few characters.
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
        # Past a bound of task-measure pairs only the same title links a task.
        self.fuzzy = tasks * len(self.measures) <= _FUZZY_PAIRS
        self.by_title: dict[str, list[int]] = {}
        for index, title in enumerate(self.titles):
            self.by_title.setdefault(title, []).append(index)
        # (A matcher keeps what it learnt of its second sequence: one per title.)
        self.matchers = (
            [SequenceMatcher(None, "", t, autojunk=False) for t in self.titles]
            if self.fuzzy
            else []
        )

    def restated(self, text: str) -> Span | None:
        """The span of the one measure the task whose *text* (its cells, one a line) restates."""
        cells = [c.strip() for c in text.split("\n") if c.strip()]
        captions = _captions(cells)
        if not captions:
            return None
        if not self.fuzzy:
            return self._same_title(captions)
        found = self._best(lambda i: max(_held_score(c, self.titles[i]) for c in captions))
        if found is not None:
            return None if found is _TIED else found.span
        sentences = [_plain(_first_sentence(c)) for c in cells[:_CAPTION_CELLS]]
        sentences = [s for s in sentences if len(s) >= _SENTENCE_SHORTEST]
        found = self._best(lambda i: self._alike_or_stated(i, captions, sentences))
        return None if found is None or found is _TIED else found.span

    def _same_title(self, captions: list[str]) -> Span | None:
        """The one measure titled as a caption is (the comparison a very long text gets)."""
        for caption in captions:
            found = self.by_title.get(caption, ())
            if len(found) == 1:
                return self.measures[found[0]].span
        return None

    def _alike_or_stated(self, index: int, captions: list[str], sentences: list[str]) -> float:
        # (Likeness is measured for the first caption only: the one a title restates.)
        score = _alike_score(captions[0], self.titles[index], self.matchers[index])
        if score == 0.0 and any(s in self.texts[index] for s in sentences):
            return _STATED
        return score

    def _best(self, score_of: Callable[[int], float]) -> Measure | None:
        """The measure with the best score above 0, :data:`_TIED` when two share it, else None."""
        best: Measure | None = None
        best_score, tied = 0.0, False
        for index, measure in enumerate(self.measures):
            score = score_of(index)
            if score > best_score:
                best, best_score, tied = measure, score, False
            elif score == best_score and score > 0.0:
                tied = True
        return _TIED if tied else best
