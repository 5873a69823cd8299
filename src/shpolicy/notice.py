"""The notice of issuance that wraps a policy: its title, addressees, body, signatories, date.

Most Shanghai policies are published inside a notice.  In Chinese the notice
is titled 关于印发《…》的通知 (or 转发, 发布, 颁布), often after its issuer
(上海市人民政府办公厅关于印发…), sometimes without 关于
(…办公室印发《…》的通知) or without the book-title marks
(关于印发本区…实施方案的通知); a notice of transmission names the body that
drafted the policy (关于转发区建设管理委制订的《…》的通知, or in its body:
区建设管理委拟定的《…》已经区政府同意，现转发给你们).  Then come the
addressees (各区人民政府，市政府各委、办、局：), a short body
(现将《…》印发给你们，请认真按照执行。特此通知。), the signatories on lines of
their own and the date; only then the policy, which may or may not repeat its
title.  English translations follow the same order: "Notice of the General
Office … on Issuing the …", "People's governments of all districts, …:",
"… is hereby issued to you. Please …", "General Office of …", the date.

Input: the header's lines and the kind the header stage gave each.  Output:
:class:`NoticeParts` — which lines are which part, where in the notice's title
the policy's own title and the issuer stand — or ``None`` when no notice wraps
the text (a notice that is itself the document, with its measures in its
body, wraps nothing).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Final

import attrs

from .dates import parse_date
from .lines import Line
from .normalize import Folded

__all__ = [
    "NoticeParts",
    "NoticeTitle",
    "drafter_in",
    "find_notice",
    "match_notice_title",
    "says_notice",
]

Range = tuple[int, int]

# 关于印发《…》的通知: an issuer may stand before 关于 (or, without 关于, before the
# verb), a drafting body between 转发 and the title; a second title may follow
# the first (《…》和《…》).  批转 is the government approving and passing on a
# department's document (上海市人民政府批转市发展改革委关于…意见的通知).  Folded
# text: 〔〕 are [], （） are ().
_VERB_ZH: Final = r"(?P<issuer>[^《》]{0,60}?)(?:关于)?(?P<verb>印发|转发|批转|发布|颁布|公布)"
_NOTICE_END_ZH: Final = r"的?通知(?:\s*\([^()]{0,40}\))?$"
_NOTICE_ZH: Final = re.compile(
    _VERB_ZH + r"(?P<drafter>[^《》]{0,40}?)"
    r"《(?P<quoted>[^《》]{2,300})》(?:[^《》]{1,6}《[^《》]{2,300}》)*" + _NOTICE_END_ZH
)
# Without the marks around the whole title, the title is the words up to 的通知; it
# may quote a regulation of its own (关于印发贯彻《上海市生活垃圾管理条例》实施方案的通知).
_NOTICE_ZH_BARE: Final = re.compile(
    _VERB_ZH + r"(?P<bare>(?:[^《》]|《[^《》]{1,100}》){4,300}?)" + _NOTICE_END_ZH
)
# A transmitted document named without marks after its drafter: 转发市商务委等五部门
# 关于…的若干意见 — the drafter runs to 关于, where the document's own title begins.
_DRAFTER_BEFORE_ABOUT: Final = re.compile(r"(?P<drafter>[^《》,;。]{2,40}?)(?=关于)")
# What follows a drafting body's name: 区建设管理委制订的《…》, 拟定的, 起草的 …; and
# a count of the bodies it led, who are not named (市商务委等五部门): the name is
# the first body's.
_DRAFTED: Final = re.compile(
    r"(?:等[一二三四五六七八九十两\d]{0,3}个?(?:部门|单位|委办局))?"
    r"(?:(?:制订|制定|拟定|拟订|起草|编制|草拟|修订|报送|提出)的?)?$"
)
_DRAFTER_IN_BODY: Final = re.compile(
    r"\s*(?P<drafter>[^《》,:;。\s]{2,40}?)(?:制订|制定|拟定|拟订|起草|编制|草拟|修订)的?《"
)
_NOTICE_EN_WORD: Final = re.compile(r"\bNotice\b", re.IGNORECASE)
_NOTICE_EN: Final = re.compile(
    r"\bNotice\s+(?:of\s+(?:the\s+)?(?P<issuer>.{4,200}?)\s+)?on\s+"
    r"(?P<verb>Issuing|Printing\s+and\s+Distributing|Promulgating|Forwarding|Publishing)"
    r"\s+(?:the\s+)?(?:[\"“](?P<quoted>[^\"”]{4,300})[\"”]|(?P<bare>[A-Z][^\"“”]{3,300}?))"
    r"[\s.]*$",
    re.IGNORECASE,
)
# Sentences of a notice's own body ("现将…印发给你们", "…is hereby issued to you").
_NOTICE_BODY: Final = re.compile(
    r"印发给你们|转发给你们|现予印发|予以印发|请认真|请遵照|遵照执行|贯彻执行|贯彻落实|按照执行|特此通知"
    r"|issued\s+to\s+you|distributed\s+to\s+you|forwarded\s+to\s+you|hereby\s+(?:issued|printed)"
    r"|please\s+(?:\w+\s+)?(?:implement|comply|carry|follow)",
    re.IGNORECASE,
)
# Kinds of header line a notice may open after (a website's furniture and fields).
_BEFORE_NOTICE: Final = frozenset({"banner", "fields", "byline", "date"})
_MAX_TITLE_LINES: Final = 3
# Lines a printed notice may carry above its title: the issuer's 文件 heading, its
# number, a secrecy or urgency marking.  Short, and no sentence.
_MAX_LINES_ABOVE: Final = 3
_MAX_LINE_ABOVE: Final = 40
_MAX_DATE_WIDTH: Final = 40  # a date broken over two lines, with the blanks between them


@attrs.frozen(kw_only=True, slots=True)
class NoticeTitle:
    """Where the parts of a notice's title stand, relative to the title's start."""

    opening: int  # where the notice's title begins ("Original Title: Notice of …": at Notice)
    title: Range  # the policy it issues: inside 《…》 or, without the marks, the words
    quoted: bool  # whether the title stood inside book-title marks or quotes
    issuer: Range | None  # the issuing body named before 关于 / the verb
    drafter: Range | None  # a body named between 转发 and the title (a transmission)
    transmits: bool  # 转发 / Forwarding: the notice passes on another body's document


def match_notice_title(text: str) -> NoticeTitle | None:
    """The parts of *text* when it is a notice's title (folded text), else ``None``."""
    if "通知" in text:
        stripped = text.strip()
        m = _NOTICE_ZH.match(stripped) or _NOTICE_ZH_BARE.match(stripped)
        if m is None:
            return None
        shift = len(text) - len(text.lstrip())
        return _shifted(_parts(m, transmits=m.group("verb") in ("转发", "批转")), shift)
    if _NOTICE_EN_WORD.search(text) is None:
        return None
    m = _NOTICE_EN.search(text)
    if m is None:
        return None
    return _parts(m, transmits=m.group("verb").lower() == "forwarding")


def _parts(m: re.Match[str], *, transmits: bool) -> NoticeTitle:
    group = "quoted" if "quoted" in m.re.groupindex and m.group("quoted") else "bare"
    issuer = m.span("issuer") if m.group("issuer") else None
    drafter: Range | None = None
    title = m.span(group)
    if "drafter" in m.re.groupindex and m.group("drafter"):
        drafter = _drafter_name(m.string, *m.span("drafter"))
    elif group == "bare" and transmits:
        before = _DRAFTER_BEFORE_ABOUT.match(m.string, *title)
        if before is not None:
            drafter, title = (
                _drafter_name(m.string, *before.span("drafter")),
                (before.end(), title[1]),
            )
    return NoticeTitle(
        opening=m.start(),
        title=title,
        quoted=group == "quoted",
        issuer=issuer,
        drafter=drafter,
        transmits=transmits,
    )


def _drafter_name(text: str, start: int, end: int) -> Range | None:
    """The drafting body's name in ``text[start:end]``, without 制订的 or 等五部门 after it."""
    cut = _DRAFTED.search(text, start, end)
    end = cut.start() if cut is not None else end
    return (start, end) if start < end else None


def _shifted(title: NoticeTitle, by: int) -> NoticeTitle:
    def move(span: Range | None) -> Range | None:
        return None if span is None else (span[0] + by, span[1] + by)

    title_span = move(title.title)
    assert title_span is not None
    return attrs.evolve(
        title,
        opening=title.opening + by,
        title=title_span,
        issuer=move(title.issuer),
        drafter=move(title.drafter),
    )


def says_notice(folded: Folded, start: int, end: int) -> bool:
    """Whether the line ``folded[start:end]`` is a sentence of a notice's own body."""
    return _NOTICE_BODY.search(folded, start, end) is not None


def drafter_in(folded: Folded, start: int, end: int) -> Range | None:
    """The body a notice's sentence names as the policy's drafter ("区建设管理委拟定的《…》")."""
    m = _DRAFTER_IN_BODY.match(folded, start, end)
    return None if m is None else m.span("drafter")


@attrs.frozen(kw_only=True, slots=True)
class NoticeParts:
    """Which header lines (indices) are which part of the notice, and what its title names."""

    title: tuple[int, ...]  # every line the title is printed on (a web page may print it twice)
    printed: tuple[int, ...]  # the lines of the document's own printing of it (the last)
    opening: int  # where that title begins in the text (after a website's label)
    number: int | None
    addressees: int | None
    body: tuple[int, ...]
    signature: tuple[int, ...]
    date_lines: tuple[int, ...]  # one line, or two where the date is broken (2024年3月 / 15日)
    date: dt.date | None
    end: int  # the index of the first line after the notice
    named: Range  # the policy's title inside the notice's title, as offsets into the text
    named_quoted: bool
    issuer: Range | None  # the body named before 关于 / the verb, offsets into the text
    drafter: Range | None  # the drafting body named in the title or the body
    transmits: bool  # 转发 / 批转: the policy is another body's, passed on


def _title_from(
    folded: Folded, lines: Sequence[Line], kinds: Sequence[str], first: int
) -> tuple[tuple[int, ...], NoticeTitle] | None:
    """A notice's title printed on the line *first*, or on it and up to two more (a long
    title broken over lines), with its parts."""
    for count in range(1, _MAX_TITLE_LINES + 1):
        at = range(first, first + count)
        if at.stop > len(lines):
            break
        # Lines of one title close up: the breaks between them are left out.
        joined = "".join(folded[lines[i].start : lines[i].end] for i in at)
        found = match_notice_title(joined)
        if found is not None:
            if found.opening >= lines[first].end - lines[first].start:
                return None  # it opens on a later line: the first is not part of it
            return tuple(at), found
        # An issuer printed on a line of its own above 关于印发… is part of the title.
        if kinds[at[-1]] not in ("prose", "title", "notice", "org"):
            break
    return None


def _title_at(
    folded: Folded, lines: Sequence[Line], kinds: Sequence[str]
) -> tuple[tuple[int, ...], NoticeTitle] | None:
    """The notice's title lines and parts: on the first line that is not furniture or
    a heading line printed above it (上海市人民政府办公厅文件, the document number), or in a
    website's "Original Title: Notice of … on Issuing …" field before it."""
    first = next((i for i, kind in enumerate(kinds) if kind not in _BEFORE_NOTICE), None)
    if first is None:
        return None
    for at in range(first, min(first + _MAX_LINES_ABOVE + 1, len(lines))):
        found = _title_from(folded, lines, kinds, at)
        if found is not None:
            return found
        if not _above_a_title(folded, lines[at], kinds[at]):
            break
    for i, kind in enumerate(kinds[:first]):
        text = folded[lines[i].start : lines[i].end]
        title = match_notice_title(text)
        if kind == "banner" and title is not None:
            return (i,), title
    return None


def _above_a_title(folded: Folded, line: Line, kind: str) -> bool:
    text = folded[line.start : line.end]
    short = len(text.strip()) <= _MAX_LINE_ABOVE
    # a web page's title and fields ("Updated: 2024-05-10"), the document number
    return kind in ("number", "title", *_BEFORE_NOTICE) or (
        short and not any(stop in text for stop in "。;:")
    )


def _offset(joined_at: int, title_lines: Sequence[Line]) -> int:
    """Where character *joined_at* of the title lines read as one stands in the text."""
    for line in title_lines:
        width = line.end - line.start
        if joined_at <= width:
            return line.start + joined_at
        joined_at -= width
    return title_lines[-1].end


def find_notice(folded: Folded, lines: Sequence[Line], kinds: Sequence[str]) -> NoticeParts | None:
    """The notice that wraps the policy among the header *lines* (of the given *kinds*).

    The notice runs from its title to its date (or its signatories) after its
    body; without either, to the last sentence of its own ("…印发给你们，请认真
    按照执行。"), or to the policy's own title.  A notice whose text runs on into
    the numbered items is the document itself and wraps nothing: ``None``.
    """
    found = _title_at(folded, lines, kinds)
    if found is None:
        return None
    title_at, parts = found
    title_lines = [lines[i] for i in title_at]
    named_text = folded[_offset(parts.title[0], title_lines) : _offset(parts.title[1], title_lines)]
    walk = _Walk(folded, lines, kinds, named="".join(named_text.split()))
    end = walk.run(title_at[-1] + 1)
    # The document number may stand above the notice's title ("沪府办发〔2024〕3号" first).
    if walk.number is None:
        walk.number = next((i for i in range(title_at[0]) if kinds[i] == "number"), None)
    # A page that prints the title twice (the web title, then the document's own,
    # broken over lines) has both as the notice's title; the document's own is read.
    printed, printed_parts = title_at, parts
    if walk.again is not None:
        printed, printed_parts = walk.again
    title_at = (*title_at, *printed) if walk.again is not None else title_at
    if end is None:
        return None

    def place(span: Range | None) -> Range | None:
        if span is None:
            return None
        return _offset(span[0], title_lines), _offset(span[1], title_lines)

    named = place(parts.title)
    assert named is not None
    return NoticeParts(
        title=title_at,
        printed=printed,
        opening=_offset(printed_parts.opening, [lines[i] for i in printed]),
        number=walk.number,
        addressees=walk.addressees,
        body=tuple(walk.body),
        signature=tuple(walk.signature),
        date_lines=walk.date_lines,
        date=walk.date(),
        end=end,
        named=named,
        named_quoted=parts.quoted,
        issuer=place(parts.issuer),
        drafter=place(parts.drafter) or walk.drafter_in_body(),
        transmits=parts.transmits,
    )


@attrs.define
class _Walk:
    """The walk over the lines after a notice's title (local to one call)."""

    folded: Folded
    lines: Sequence[Line]
    kinds: Sequence[str]
    named: str  # the policy's title as the notice names it, without blanks
    number: int | None = None
    addressees: int | None = None
    body: list[int] = attrs.Factory(list)
    signature: list[int] = attrs.Factory(list)
    date_lines: tuple[int, ...] = ()
    again: tuple[tuple[int, ...], NoticeTitle] | None = None  # the title printed again

    def addresses(self, i: int) -> bool:
        """Whether line *i* is the notice's addressees: a line of its own, ending in a colon,
        before the notice says anything ("…，嘉定工业区、菊园新区管委会：")."""
        line = self.lines[i]
        return self.kinds[i] == "addressee" or (
            self.kinds[i] == "prose" and self.folded[line.start : line.end].rstrip().endswith(":")
        )

    def repeats_title(self, i: int) -> bool:
        """Whether line *i* opens the title the notice names (the policy's own title)."""
        line = self.lines[i]
        text = "".join(self.folded[line.start : line.end].split())
        return len(text) >= 4 and self.named.startswith(text)

    def date(self) -> dt.date | None:
        """The notice's date, read from its date lines."""
        if not self.date_lines:
            return None
        start, end = self.lines[self.date_lines[0]].start, self.lines[self.date_lines[-1]].end
        return parse_date(self.folded, start, end)

    def drafter_in_body(self) -> Range | None:
        """The drafter the notice's body names (区建设管理委拟定的《…》), if any."""
        for i in self.body:
            drafter = drafter_in(self.folded, self.lines[i].start, self.lines[i].end)
            if drafter is not None:
                return drafter
        return None

    def date_at(self, i: int) -> tuple[int, ...]:
        """The lines of a date that starts on line *i*: one, or two where a page broke it
        ("2024年3月" / "15日"), else none."""
        if i >= len(self.lines):
            return ()
        if self.kinds[i] == "date":
            return (i,)
        if i + 1 < len(self.lines) and self.kinds[i] in ("prose", "number", "title"):
            start, end = self.lines[i].start, self.lines[i + 1].end
            if end - start <= _MAX_DATE_WIDTH and parse_date(self.folded, start, end):
                return (i, i + 1)
        return ()

    def says_notice(self, i: int) -> bool:
        line = self.lines[i]
        return says_notice(self.folded, line.start, line.end)

    def run(self, i: int) -> int | None:
        """The index after the notice's last line, or ``None`` when the notice never ends."""
        kinds, last_own = self.kinds, None
        while i < len(self.lines):
            kind = kinds[i]
            again = None if self.body else _title_from(self.folded, self.lines, kinds, i)
            if again is not None:
                self.again = again
                i = again[0][-1] + 1
                continue
            if kind in ("banner", "fields") and not self.body and self.addressees is None:
                i += 1  # a web page's fields between its title and the document's own
                continue
            if kind == "number" and self.number is None and not self.body:
                self.number = i
            elif self.addressees is None and not self.body and self.addresses(i):
                self.addressees = i
            elif kind == "org" and (self.body or self.addressees is not None):
                while i < len(self.lines) and kinds[i] == "org":
                    self.signature.append(i)
                    i += 1
                self.date_lines = self.date_at(i)
                return i + len(self.date_lines)
            elif (self.body or self.addressees is not None) and self.date_at(i):
                self.date_lines = self.date_at(i)
                return i + len(self.date_lines)
            elif kind in ("title", "subtitle") and (
                self.body or self.addressees is not None or self.repeats_title(i)
            ):
                return i  # the policy's own title (a bare notice's title may be followed by it)
            elif kind in ("prose", "attachment", "note", "notice", "banner", "fields"):
                self.body.append(i)
                if kind != "prose" or self.says_notice(i):
                    last_own = i
            else:
                self.body.append(i)
            i += 1
        if last_own is None:
            return None
        # No signature, no date, no title of its own: the notice ends with its
        # last sentence of its own; what follows is the policy's preamble.
        self.body = [i for i in self.body if i <= last_own]
        return last_own + 1
