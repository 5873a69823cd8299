"""The header (before the first numbered item) and the signature block after the last.

Each header line is classified by its shape: a website banner, a date, a
byline ("Publisher | date"), a document number, an issuing body, an
addressee line, a title, or prose.  The title is the last title-shaped line
before the body (a notice that wraps a plan is followed by the plan's own
title); where the header also holds a longer variant of that title (a short
web title and the full formal one), the full one is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Final

import attrs

from .dates import parse_date
from .lines import Line
from .references import DOC_TYPE_EN, DOC_TYPE_ZH

__all__ = ["Header", "is_org_line", "read_header", "signature_block"]

_BANNER_LABEL: Final = re.compile(
    r"^(?:source|original\s+title|publisher|issuing\s+(?:authority|agency)|index\s+no|release\s+date"
    r"|来源|原标题|发布机构|发文机关|发布日期|成文日期|索引号|主题分类|文号)\s*:",
    re.IGNORECASE,
)
_URL: Final = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$")
_BYLINE: Final = re.compile(r"^(?P<org>[^|]{2,200}?)\s*\|\s*(?P<date>[^|]{6,40})$")
_DOC_NUMBER: Final = re.compile(
    r"^(?:[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,6}\s*[\[(]\s*(?:19|20)\d{2}\s*[\])]\s*(?:No\.?\s*)?\d{1,5}"
    r"|[\u4e00-\u9fff]{1,12}\s*[\[(]\s*(?:19|20)\d{2}\s*[\])]\s*第?\s*\d{1,5}\s*号)$"
)
_EN_ORG: Final = re.compile(
    r"(?:Government|Commission|Bureau|Office|Committee|Administration|Center|Centre|Department"
    r"|Council|Ministry|Agency|Authority|Court|Procuratorate|Federation|Association)$"
)
_ZH_ORG: Final = re.compile(r"(?:政府|办公厅|办公室|委员会|管委会|委|局|办|厅|中心|部|院|会)$")
_SENTENCE_END: Final = (".", "。", ":", ";", "!", "?")
_NOTICE_EN: Final = re.compile(
    r"\bNotice\b.*?\bon\s+(?:Issuing|Printing\s+and\s+Distributing|Promulgating|Forwarding|Publishing)"
    r"\s+(?:the\s+)?[\"“](?P<title>[^\"”]{4,300})[\"”]",
    re.IGNORECASE,
)
_NOTICE_ZH: Final = re.compile(r"关于(?:印发|转发|发布|颁布)《(?P<title>[^《》]{2,300})》的通知")
_MAX_TITLE: Final = 300
_TITLE_OPENING: Final = re.compile(
    r"(?:Several|Notice|Circular|Opinions?|Measures|Plan|Implementation|Guidelines?|Guiding"
    r"|Rules|Provisions|Regulations?|Decision|Reply|Announcement|Interim|Action)\b"
)


@attrs.frozen(kw_only=True, slots=True)
class Header:
    """What the header says, as offsets into the text."""

    title: tuple[int, int] | None
    doc_number: tuple[int, int] | None
    issued: dt.date | None
    published: dt.date | None
    issuers: tuple[tuple[int, int], ...]
    preamble: tuple[Line, ...]
    wrapper: tuple[Line, ...]  # text of a notice that wraps the plan, before its title


def _content(folded: str, line: Line) -> str:
    return folded[line.start : line.end]


def is_org_line(folded: str, line: Line) -> bool:
    """A line that is just the name of a body (an issuer or a signature)."""
    text = _content(folded, line)
    if len(text) > 120 or text.endswith(_SENTENCE_END) or "," in text:
        return False
    if DOC_TYPE_ZH.search(text) and not _ZH_ORG.search(text):
        return False
    if _EN_ORG.search(text):
        # "Notice of the General Office of ... Government" is a title, not a body.
        return text[:1].isupper() and _TITLE_OPENING.match(text) is None
    return bool(_ZH_ORG.search(text)) and len(text) <= 40 and not re.search(r"[,，。；]", text)


def _is_banner(text: str) -> bool:
    if _BANNER_LABEL.match(text) or _URL.match(text):
        return True
    letters = [c for c in text if c.isalpha()]
    # An all-capitals English line of a few words is a website section banner.
    return (
        bool(letters)
        and all(c.isascii() and c.isupper() for c in letters)
        and len(text.split()) <= 6
    )


def _is_title(text: str) -> bool:
    if not text or len(text) > _MAX_TITLE or text.endswith(_SENTENCE_END):
        return False
    return bool(DOC_TYPE_EN.search(text) or DOC_TYPE_ZH.search(text))


def _words(text: str) -> set[str]:
    if text.isascii():
        return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return set(text)


def _similar(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    small = min(len(wa), len(wb)) or 1
    return len(wa & wb) / small >= 0.6


@attrs.define
class _Reading:
    """Mutable state of the header walk (local to one call)."""

    titles: list[Line] = attrs.Factory(list)
    notices: list[tuple[int, int]] = attrs.Factory(list)
    doc_number: tuple[int, int] | None = None
    issued: dt.date | None = None
    published: dt.date | None = None
    issuers: list[tuple[int, int]] = attrs.Factory(list)
    after_org: bool = False


def read_header(folded: str, lines: Sequence[Line]) -> Header:
    """Read the header *lines* (everything before the first numbered item)."""
    state = _Reading()
    kinds: list[str] = []
    for line in lines:
        kinds.append(_classify(folded, line, state))
    title_line = _pick_title(folded, state.titles)
    title: tuple[int, int] | None = None
    if title_line is not None:
        title = (title_line.start, title_line.end)
    elif state.notices:
        title = state.notices[-1]
    preamble: list[Line] = []
    wrapper: list[Line] = []
    after_title = title_line is None
    for line, kind in zip(lines, kinds, strict=True):
        if line is title_line:
            after_title = True
            continue
        if kind != "prose":
            continue
        (preamble if after_title else wrapper).append(line)
    if title_line is None and not preamble:
        preamble, wrapper = wrapper, []
    return Header(
        title=title,
        doc_number=state.doc_number,
        issued=state.issued,
        published=state.published,
        issuers=tuple(state.issuers),
        preamble=tuple(preamble),
        wrapper=tuple(wrapper),
    )


def _classify(folded: str, line: Line, state: _Reading) -> str:
    text = _content(folded, line)
    was_after_org, state.after_org = state.after_org, False
    notice = _NOTICE_EN.search(text) or _NOTICE_ZH.search(text)
    if notice is not None:
        state.notices.append((line.start + notice.start("title"), line.start + notice.end("title")))
    if _is_banner(text):
        return "banner"
    date = parse_date(text)
    if date is not None:
        bracketed = text.startswith("(")
        if bracketed or was_after_org:
            state.issued = state.issued or date
        else:
            state.published = state.published or date
        return "date"
    byline = _BYLINE.match(text)
    if byline is not None and parse_date(byline.group("date")) is not None:
        state.published = state.published or parse_date(byline.group("date"))
        state.issuers.append((line.start + byline.start("org"), line.start + byline.end("org")))
        return "byline"
    if state.doc_number is None and _DOC_NUMBER.match(text):
        state.doc_number = (line.start, line.end)
        return "number"
    if notice is not None:
        return "notice"
    if is_org_line(folded, line):
        state.issuers.append((line.start, line.end))
        state.after_org = True
        return "org"
    if _is_title(text):
        state.titles.append(line)
        return "title"
    if text.endswith((":", "：")) and len(text) < 400:
        return "addressee"
    return "prose"


def _pick_title(folded: str, titles: list[Line]) -> Line | None:
    if not titles:
        return None
    chosen = titles[-1]
    text = _content(folded, chosen)
    for other in titles[:-1]:
        other_text = _content(folded, other)
        if len(other_text) > len(text) and _similar(other_text, text):
            chosen, text = other, other_text
    return chosen


def signature_block(folded: str, lines: Sequence[Line]) -> tuple[int, dt.date | None]:
    """Where the trailing signature block of *lines* starts, and its date.

    The block is a run of body names at the end, optionally followed by one
    date line.  Returns ``(len(lines), None)`` when there is none.
    """
    index = len(lines)
    date: dt.date | None = None
    if index and parse_date(_content(folded, lines[index - 1])) is not None:
        date = parse_date(_content(folded, lines[index - 1]))
        index -= 1
    first = index
    while first > 0 and is_org_line(folded, lines[first - 1]):
        first -= 1
    if first == index:
        return len(lines), None
    return first, date
