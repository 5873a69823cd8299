"""Counts that name the scope of a commitment, not a target.

"松江、青浦、嘉定、奉贤等4个新城建设用地面积50%以上…": the commitment is the
50%; "4个新城" says which towns it is about.  Likewise "全市16个区",
"the five new towns", "all 16 districts".  Such a count enumerates or names a
set the text already knows of, so it is not reported as a target.

The rule: a bare count (no comparator: "等10个以上城市" asks for at least ten,
so it stays a target) is a scope when what stands right before it makes it the
size of a known set:

* 等 closing an enumeration of as many items as it counts ("松江、青浦、嘉定、
  奉贤等4个新城"), or a run of quoted names ("“悟空”“指数”…“创域”6个垂类模型")
  -- the count sums up the items just listed.  Where it counts more than are
  listed, 等 means "and others" and the count is the commitment: "新增西门文化
  公园等9座城市公园";
* a determiner of the whole or of a set already named: 全市 / 全区 / 全县 /
  全镇 / 全省 / 全国 / 本市 / 本区 / 全部 / 所有 / 上述 / 现有 / 这 / 该 / 此
  ("全市16个区", "上述3家企业", "现有80辆");
* in English, a definite determiner: "all", "all of the", "each of the",
  "the", "these", "those" ("all 16 districts", "the 5 new towns").

And a bare Chinese count of things (a classifier such as 个, 家, 座 -- not a
unit of measure such as 平方米 or 公里) names a scope when, in its own clause,
another figure follows the noun it counts: "4个新城建设用地面积50%以上达到要求",
"增建6个街镇（石门二路街道、…）天然水源消防取水设施24处" commit to the 50% and the
24, about the towns and the streets (:func:`counts_scope_of`).  When that other
figure modifies the counted noun ("5家营收超百亿元的企业", the 的 says so) or
breaks it down in brackets ("共计9个（嘉定新城5个、其他区域4个）"), the count is
the target.

Spelled-out small numbers without a comparator ("五个新城", "the five new
towns") are descriptions already (see :mod:`shpolicy.targets`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from ..normalize import Folded

__all__ = ["counts_scope_of", "names_scope"]

_WINDOW: Final = 16
_QUOTED_WINDOW: Final = 80
_SCOPE_BEFORE: Final = re.compile(
    r"(?:全市|全区|全县|全镇|全省|全国|本市|本区|全部|所有|上述|现有|这|该|此)[ ]?\Z"
    r"|(?i:(?<![A-Za-z])(?:all(?:[ ]of[ ]the)?|each[ ]of[ ]the|the|these|those)[ ]{1,2}\Z)"
)
# An enumeration closed by 等 right before the count: its items, separated by 、.
_ENUMERATION_WINDOW: Final = 120
_ETC: Final = re.compile(r"等[ ]?\Z")
_CLAUSE_START: Final = re.compile(r".*[,;:。!?\n(]", re.DOTALL)
# Two or more quoted names in a row, right before the count.
_QUOTED_NAMES: Final = re.compile(r"(?:[“\"][^“”\"]{1,16}[”\"][、]?){2,}[ ]?\Z")
# What ends a clause between two figures (brackets removed first), after folding.
_CLAUSE_BREAK: Final = re.compile(r"[,;:。!?、\n]")
_BRACKETED: Final = re.compile(r"\([^()]*\)")
_MODIFIES_NOUN: Final = re.compile(r"[ ]?的")
_MAX_NOUN: Final = 24


def names_scope(folded: Folded, lead: int, value: Decimal) -> bool:
    """Whether the count *value* written from *lead* on names the set a commitment is about."""
    if _SCOPE_BEFORE.search(folded, max(0, lead - _WINDOW), lead) is not None:
        return True
    etc = _ETC.search(folded, max(0, lead - _WINDOW), lead)
    if etc is not None:
        return _enumerated(folded, etc.start()) == value
    return _QUOTED_NAMES.search(folded, max(0, lead - _QUOTED_WINDOW), lead) is not None


def _enumerated(folded: Folded, end: int) -> int:
    """How many items the enumeration ending at *end* lists ("松江、青浦、嘉定、奉贤" is 4)."""
    start = max(0, end - _ENUMERATION_WINDOW)
    clause = _CLAUSE_START.match(folded, start, end)
    items = folded[clause.end() if clause else start : end]
    return items.count("、") + 1


def counts_scope_of(folded: Folded, end: int, next_start: int, next_end: int) -> bool:
    """Whether a Chinese count ending at *end* names the scope of the figure at
    ``[next_start, next_end)``: nothing but its noun (and brackets) between them in
    one clause, and the figure does not modify that noun."""
    between = _BRACKETED.sub("", folded[end:next_start])
    if len(between) > _MAX_NOUN or _CLAUSE_BREAK.search(between) or "(" in between:
        return False
    return _MODIFIES_NOUN.match(folded, next_end) is None
