"""Counts that name the scope of a commitment, not a target.

"松江、青浦、嘉定、奉贤等4个新城建设用地面积50%以上…": the commitment is the
50%; "4个新城" says which towns it is about.  Likewise "全市16个区",
"the five new towns", "all 16 districts".  Such a count enumerates or names a
set the text already knows of, so it is not reported as a target.

The rule: a bare count (no comparator: "等10个以上城市" asks for at least ten,
so it stays a target) is a scope when what stands right before it makes it the
size of a known set:

* 等, closing an enumeration ("A、B、C等4个新城") -- the count sums up the
  items just listed;
* a determiner of the whole or of a set already named: 全市 / 全区 / 全县 /
  全镇 / 全省 / 全国 / 本市 / 本区 / 全部 / 所有 / 上述 / 这 / 该 / 此
  ("全市16个区", "上述3家企业");
* in English, a definite determiner: "all", "all of the", "each of the",
  "the", "these", "those" ("all 16 districts", "the 5 new towns").

Spelled-out small numbers without a comparator ("五个新城", "the five new
towns") are descriptions already (see :mod:`shpolicy.targets`).
"""

from __future__ import annotations

import re
from typing import Final

from ..normalize import Folded

__all__ = ["names_scope"]

_WINDOW: Final = 16
_SCOPE_BEFORE: Final = re.compile(
    r"(?:等|全市|全区|全县|全镇|全省|全国|本市|本区|全部|所有|上述|这|该|此)[ ]?\Z"
    r"|(?i:(?<![A-Za-z])(?:all(?:[ ]of[ ]the)?|each[ ]of[ ]the|the|these|those)[ ]{1,2}\Z)"
)


def names_scope(folded: Folded, lead: int) -> bool:
    """Whether the count written from *lead* on names the set a commitment is about."""
    return _SCOPE_BEFORE.search(folded, max(0, lead - _WINDOW), lead) is not None
