"""Instruments a preamble says the policy implements.

Titles are quoted (“…”, "…") or in title marks (《…》); in English they may also
stand unquoted after "implementing the ...".  A quoted phrase counts only when
it names an instrument (it has a word such as Opinions, Plan, Measures, 意见,
方案), so "secondary and tertiary industries" in quotes is not a reference.
"""

from __future__ import annotations

import re
from typing import Final

from .normalize import Folded, folded_chars, trim

__all__ = ["DOC_TYPE_EN", "DOC_TYPE_ZH", "find_references"]

DOC_TYPE_EN: Final = re.compile(
    r"\b(?:Opinions?|Guidelines?|Guidance|Plans?|Measures|Notice|Circular|Decisions?|Regulations?"
    r"|Rules|Provisions|Law|Programmes?|Programs?|Schemes?|Outline|Methods|Policy|Policies"
    r"|Strategy|Action\s+Plan|Implementation\s+Rules|Interim\s+Measures)\b"
)
# The kinds of instrument a Chinese title names, also the plans of a year's work
# (工作要点, 任务清单, 工作安排, 任务分工, 分解表), reports (关于…执行情况的报告) and
# numbered packages of measures (上海市促进消费二十条).
DOC_TYPE_ZH: Final = re.compile(
    r"(?:意见|方案|措施|办法|规定|通知|决定|条例|规划|纲要|计划|细则|指引|指南|政策|法"
    r"|要点|清单|安排|分工|导则|分解表|报告|公告|通告|章程|守则"
    r"|[一二三四五六七八九十]+条(?![例件款]))"
)
_STOPS_IN_QUOTE: Final = folded_chars(",.;:")
_TITLE_MARKS: Final = re.compile(r"《([^《》\n]{1,300})》")
# 「…」 and 『…』 are quotes of any kind; they mark a title when it names an instrument.
_CORNER_QUOTED: Final = re.compile(r"「([^「」\n]{2,300})」|『([^『』\n]{2,300})』")
_QUOTED: Final = re.compile(r"“([^“”\n]{2,300})”|\"([^\"\n]{2,300})\"")
_IMPLEMENTING: Final = re.compile(
    r"\b(?:implement(?:ing|s)?|carry(?:ing)?\s+out|in\s+accordance\s+with|pursuant\s+to"
    r"|in\s+line\s+with|in\s+the\s+spirit\s+of)\s+(?:the\s+)?",
    re.IGNORECASE,
)
# Unquoted titles run to the next comma or sentence end; "and the" + a title
# word starts the next one ("(?<!\s)": a match starts at the first blank of a
# run, never again from each blank inside it).
_UNQUOTED_END: Final = re.compile(r"[,;:。,;]|\.(?:\s|$)")
_NEXT_TITLE: Final = re.compile(
    r"(?<!\s)\s+and\s+(?:the\s+)?(?=(?:Guidelines?|Opinions?|Plans?|Measures|Notice|Decisions?"
    r"|Regulations?|Rules|Provisions|Programmes?|Programs?|Outline|Action\s+Plan|Circular)\b)"
)
# The longest run of unquoted titles read after "implementing the" (several
# titles joined by "and the" fit; a longer run without a comma is prose).
_MAX_STRETCH: Final = 1000
_TITLE_START: Final = re.compile(
    r"(?:Several\s+|Guiding\s+|Implementing\s+|Interim\s+|Action\s+)?"
    r"(?:Guidelines?|Opinions?|Plans?|Measures|Notice|Decisions?|Regulations?|Rules|Provisions"
    r"|Programmes?|Programs?|Outline|Circular|Implementation\s+Plan)\b"
)


def find_references(folded: Folded, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the instrument titles named in ``folded[start:end]`` (quotes excluded)."""
    found: list[tuple[int, int]] = []
    for m in _TITLE_MARKS.finditer(folded, start, end):
        found.append((m.start(1), m.end(1)))
    for m in _CORNER_QUOTED.finditer(folded, start, end):
        group = 1 if m.group(1) is not None else 2
        if DOC_TYPE_ZH.search(m.group(group)) or DOC_TYPE_EN.search(m.group(group)):
            found.append(_without_trailing_stop(folded, m.start(group), m.end(group)))
    for m in _QUOTED.finditer(folded, start, end):
        group = 1 if m.group(1) is not None else 2
        if DOC_TYPE_EN.search(m.group(group)) or DOC_TYPE_ZH.search(m.group(group)):
            found.append(_without_trailing_stop(folded, m.start(group), m.end(group)))
    if not found:
        found.extend(_unquoted(folded, start, end))
    found.sort()
    return found


def _without_trailing_stop(folded: Folded, start: int, end: int) -> tuple[int, int]:
    """A quoted title without the comma or stop set inside its closing quote ("…Industry,")."""
    return trim(folded, start, end, _STOPS_IN_QUOTE, left=False)


def _unquoted(folded: Folded, start: int, end: int) -> list[tuple[int, int]]:
    titles: list[tuple[int, int]] = []
    stop: re.Match[str] | None = None
    searched = False
    for m in _IMPLEMENTING.finditer(folded, start, end):
        # The next stop is looked for again only once a verb lies past it, so
        # a line full of "implementing" is scanned once, not once per verb.
        if not searched or (stop is not None and stop.start() < m.end()):
            stop = _UNQUOTED_END.search(folded, m.end(), end)
            searched = True
        stretch_end = end if stop is None else stop.start()
        if stretch_end - m.end() > _MAX_STRETCH:
            continue  # no end in sight: prose, not a list of titles
        pos = m.end()
        for nxt in _NEXT_TITLE.finditer(folded, pos, stretch_end):
            _keep_title(folded, pos, nxt.start(), titles)
            pos = nxt.end()
        _keep_title(folded, pos, stretch_end, titles)
    return titles


def _keep_title(folded: Folded, start: int, end: int, titles: list[tuple[int, int]]) -> None:
    end = trim(folded, start, end, left=False)[1]
    if end - start >= 8 and _TITLE_START.match(folded, start, end):
        titles.append((start, end))
