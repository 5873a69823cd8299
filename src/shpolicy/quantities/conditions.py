"""Figures that are conditions of eligibility, not goals: they have no deadline.

"对年营业收入首次突破1亿元的企业，给予50万元奖励", "培育年营业收入超过10亿元的
企业50家", "enterprises with an annual revenue of over RMB 1 billion",
"if the investment exceeds RMB 100 million": the figure says which parties a
measure is about (a threshold), while the goal of the sentence is elsewhere.
A deadline in the sentence ("到2027年，培育…") dates the goal, never the
threshold, so a threshold keeps ``deadline_year=None``.

The rule, in both languages, is grammatical: a figure is a condition when it
stands inside a modifier that restricts the parties a measure is about, or in
a clause that states a condition.

* Chinese: the figure (or the list of figures it belongs to) is followed by
  的, and the 的-phrase is a condition: its clause opens with 对 / 凡 / 对于
  clause ("对年营业收入首次突破1亿元的企业"), it closes the clause
  ("…首次超过500万元的，给予"), or it restricts a party -- 企业, 项目, 单位 ... --
  by an amount that is not a count of that party ("年营业收入超过10亿元的企业",
  where "50家以上的企业" counts the enterprises themselves).  "本市建成区
  40%以上的面积达到…" is a goal: 40%以上 is the quantity of 面积 itself.
* English: the figure follows, in its clause, a relative word or "with" right
  after a plural noun ("enterprises with an annual revenue of over",
  "companies whose revenue exceeds"), or a clause opened by if / where / when.

Matching is on folded text in windows of bounded length.
"""

from __future__ import annotations

import re
from typing import Final

from ..normalize import Folded

__all__ = ["is_condition"]

_WINDOW: Final = 80
# Clause ends after folding (the Chinese comma is ",").
_CLAUSE_BREAK: Final = re.compile(r"[,;:。!?\n]|\.(?=\s)")
_MODIFIER_END: Final = re.compile(r"[ ]?的")
_CLAUSE_AFTER_MODIFIER: Final = re.compile(r"[ ]?的[ ]?(?:[,;:。!?]|\Z)")
# A clause opened by 对 / 凡 names the parties a measure is about ("对…的企业，给予").
_ZH_OPENER: Final = re.compile(r"[ ]*(?:对于|对|凡)")
# The parties a measure grants to or restricts (the head of "…的企业").
_ZH_PARTY: Final = re.compile(
    r"[ ]?的[ ]?(?:企业|公司|项目|单位|机构|主体|法人|个人|家庭|人员|人才|团队|商户|门店"
    r"|园区|平台|载体|场所|医院|学校)"
)
_EN_CONDITION: Final = re.compile(
    r"(?i:\b[a-z]+s\s+(?:with|whose|that|which)\b"
    r"|(?<![A-Za-z])(?:if|where|when|provided\s+that)\b)"
)


def is_condition(folded: Folded, start: int, end: int, *, counts: bool = False) -> bool:
    """Whether the figures written at ``folded[start:end]`` are a condition of eligibility.

    *counts* says the figures count things with a measure word ("50家"), which
    before "的企业" count the party itself rather than restrict it.
    """
    clause_start = _clause_start(folded, start)
    if _MODIFIER_END.match(folded, end):
        return (
            _CLAUSE_AFTER_MODIFIER.match(folded, end) is not None
            or _ZH_OPENER.match(folded, clause_start, start) is not None
            or (not counts and _ZH_PARTY.match(folded, end) is not None)
        )
    return _EN_CONDITION.search(folded, clause_start, start) is not None


def _clause_start(folded: Folded, pos: int) -> int:
    window_start = max(0, pos - _WINDOW)
    clause_start = window_start
    for brk in _CLAUSE_BREAK.finditer(folded, window_start, pos):
        clause_start = brk.end()
    return clause_start
