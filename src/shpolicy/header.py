"""The header stage: the lines before the first numbered item.

Input: the folded text and the header's lines (:mod:`shpolicy.body` decides
where the body begins).  Output: a frozen :class:`Header`: each line with its
kind, the title's lines, the document number, the dates, the issuing bodies,
the preamble, and the text of a notice that wraps the policy.

Decisions owned here:

* **the kind of each line**, by its shape: labelled fields ("发布日期：…"), a
  website banner, a date, a byline ("Publisher | date"), a document number, a
  notice of issuance, an issuing body, an attachment line, a subtitle, a
  title, an addressee line, a bracketed note, or prose;
* **the title** — the last title-shaped line before the body (a notice that
  wraps a plan is followed by the plan's own title), or a longer variant of it
  elsewhere in the header (a short web title and the full formal one), with a
  part broken onto a neighbouring line; failing a title line, the 《…》 title a
  notice names;
* **the dates** — a labelled or bracketed date, or one under a signature or
  the number, is the date of issue; a date standing alone is the page's;
* **preamble or notice text** — prose before the title, or the notice's own
  sentences when the notice gives the only title, is the notice's.

:func:`is_org_line` and :func:`is_back_matter` also serve the tail stage.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Final, Literal

import attrs

from .dates import DATE_TEXT, parse_date
from .diagnostics import NO_TITLE, NOTICE_TEXT
from .lines import Line
from .model import BlockKind, Diagnostic, Span
from .normalize import Folded, folded_chars, trim
from .notice import NoticeParts, find_notice, match_notice_title, says_notice
from .references import DOC_TYPE_EN, DOC_TYPE_ZH
from .sentences import sentence_end

Range = tuple[int, int]

__all__ = [
    "Header",
    "HeaderLine",
    "LineKind",
    "is_back_matter",
    "is_org_line",
    "is_page_controls",
    "is_page_furniture",
    "read_header",
]

_BANNER_LABEL: Final = re.compile(
    r"^(?:source|original\s+title|publisher|issuing\s+(?:authority|agency)|index\s+no|release\s+date"
    r"|来源|原标题|发布机构|发文机关|发布日期|成文日期|索引号|主题分类|文号)\s*:",
    re.IGNORECASE,
)
_URL: Final = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$")
_BYLINE: Final = re.compile(r"^(?P<org>[^|]{2,200}?)\s*\|\s*(?P<date>[^|]{6,40})$")
_MAX_BYLINE: Final = 300
# A document number: "SMPG GO [2023] No. 12", "JDDRC D (2024) No.18", "沪府办规〔2025〕5号"
# (folded: 〔〕 read as []).  One pattern serves a number on its own line and
# one in brackets at the end of the title line.
_DOC_NUMBER_TEXT: Final = (
    r"(?:[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,6}\s*[\[(]\s*(?:19|20)\d{2}\s*[\])]\s*(?:No\.?\s*)?\d{1,5}"
    r"|[\u4e00-\u9fff]{1,12}\s*[\[(]\s*(?:19|20)\d{2}\s*[\])]\s*(?:第\s*)?\d{1,5}\s*号)"
)
_DOC_NUMBER: Final = re.compile(rf"^{_DOC_NUMBER_TEXT}$")
# The match starts at the first blank before the bracket: "(?<!\s)" keeps a
# search from retrying the blanks from every position inside a long run of them.
_TRAILING_NUMBER: Final = re.compile(rf"(?<!\s)\s*\((?P<number>{_DOC_NUMBER_TEXT})\)$")
_EN_ORG: Final = re.compile(
    r"(?:Government|Commission|Bureau|Office|Committee|Administration|Center|Centre|Department"
    r"|Council|Ministry|Agency|Authority|Court|Procuratorate|Federation|Association)$"
)
_ZH_ORG: Final = re.compile(
    r"(?:政府|办公厅|办公室|委员会|管委会|委|局|办|厅|中心|部|院|会|支队|总队|大队)$"
)
_SENTENCE_END: Final = (".", "。", ":", ";", "!", "?")
# Header fields such as "Date of issue: …", "文号：…", "Updated: …", several to a
# line separated by "|" or a wide gap; the label says what the value is.
_FIELD_SEPARATOR: Final = re.compile(r"\s*\|\s*|\s{2,}")
_FIELD: Final = re.compile(r"(?P<label>[A-Za-z][A-Za-z .]{0,30}?|[\u4e00-\u9fff]{2,6})\s*:\s*")
_FIELD_KINDS: Final[dict[str, FieldKind]] = {
    **dict.fromkeys(
        (
            "dateofissue",
            "issuedate",
            "issuedon",
            "dateissued",
            "dateofpromulgation",
            "成文日期",
            "印发日期",
            "发文日期",
            "签发日期",
        ),
        "issued",
    ),
    **dict.fromkeys(
        (
            "updated",
            "updatedate",
            "releasedate",
            "released",
            "published",
            "publicationdate",
            "publishdate",
            "publishingdate",
            "dateofrelease",
            "posted",
            "postdate",
            "dateofpublication",
            "date",
            "发布日期",
            "发布时间",
            "更新日期",
            "更新时间",
            "日期",
        ),
        "published",
    ),
    **dict.fromkeys(
        ("documentno", "docno", "documentnumber", "fileno", "文号", "发文字号", "文件编号"),
        "number",
    ),
    **dict.fromkeys(
        (
            "issuedby",
            "issuingauthority",
            "issuingagency",
            "issuingbody",
            "发文机关",
            "发布机构",
            "发布单位",
            "制发机关",
        ),
        "issuer",
    ),
}
# A notice's addressees ("各区人民政府，市政府各委、办、局：", "People's governments of all
# districts, …, and all relevant units:") name bodies; a preamble that ends in a
# colon ("…现提出如下意见：", "…the following measures are formulated:") is prose.
_ADDRESSEE_WORDS: Final = (
    *("政府", "委", "办", "局", "单位", "部门", "街道", "镇", "government", "department", "unit"),
    *("bureau", "office", "commission", "committee"),
)
_ADDRESSEE: Final = re.compile(rf"(?:{'|'.join(_ADDRESSEE_WORDS)})s?\s*:$", re.IGNORECASE)
# The longest word _ADDRESSEE ends with, and its plural "s": a match starts no
# further than this before the blanks and the colon that end the line.
_ADDRESSEE_WORD_MAX: Final = max(map(len, _ADDRESSEE_WORDS)) + len("s")
_LEAD_IN: Final = re.compile(
    r"如下|以下|下列|制定|提出|following|as\s+follows|hereby|formulated|put\s+forward|。|\.\s",
    re.IGNORECASE,
)
_MAX_FIELD_LABEL: Final = 20
_MAX_FIELD_LABEL_ZH: Final = 6
_ON_DATE: Final = re.compile(
    r"(?P<verb>issued|promulgated|adopted|signed|printed\s+and\s+distributed|published|released"
    r"|updated)\s+on\s+",
    re.IGNORECASE,
)
_EN_ORG_OF: Final = re.compile(
    r"\b(?:Commission|Bureau|Office|Committee|Administration|Department|Ministry|Center|Centre"
    r"|Council|Agency|Branch)\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*)*$"
)
_MAX_TITLE: Final = 300
_TITLE_OPENING: Final = re.compile(
    r"(?:Several|Notice|Circular|Opinions?|Measures|Plan|Implementation|Guidelines?|Guiding"
    r"|Rules|Provisions|Regulations?|Decision|Reply|Announcement|Interim|Action)\b"
)


LineKind = Literal[
    "fields",
    "banner",
    "date",
    "byline",
    "number",
    "notice",
    "org",
    "attachment",
    "subtitle",
    "title",
    "addressee",
    "note",
    "prose",
]
"""What a header line is (see the module docstring)."""

# What a labelled field holds; "ignore": a field of the page shpolicy does not read.
FieldKind = Literal["issued", "published", "number", "issuer", "date", "ignore"]


@attrs.frozen(kw_only=True, slots=True)
class HeaderLine:
    """One line of the header and its kind."""

    line: Line
    kind: LineKind


@attrs.frozen(kw_only=True, slots=True)
class Header:
    """What the header says, as offsets into the text."""

    lines: tuple[HeaderLine, ...]  # every line, classified
    title: tuple[tuple[int, int], ...]  # the title's lines (a long title may be broken)
    notice_title: tuple[int, int] | None  # the title a notice of issuance names ("《…》")
    notice: NoticeParts | None  # the notice that wraps the policy, when one does
    doc_number: tuple[int, int] | None
    issued: dt.date | None
    published: dt.date | None
    issuers: tuple[tuple[int, int], ...]
    title_issuer: Range | None  # the body a title names before 关于 / "… of X on …"
    promulgation: Range | None  # a government order's line (（…令第12号公布 自…起施行）)
    preamble: tuple[Line, ...]
    wrapper: tuple[Line, ...]  # text of a notice that wraps the plan, before its title
    blocks: tuple[tuple[BlockKind, Range], ...]  # what each line is in the layout, in order
    diagnostics: tuple[Diagnostic, ...]  # no title; the text of a notice


def _content(folded: Folded, line: Line) -> Folded:
    return Folded(folded[line.start : line.end])  # a line of folded text


def is_org_line(folded: Folded, line: Line) -> bool:
    """A line that is just the name of a body (an issuer or a signature)."""
    text = _content(folded, line)
    # A name holds no list punctuation: "，" "：" "；" are "," ":" ";" once folded,
    # and "上海市商务委员会；上海市财政局" names two bodies, not one.
    if len(text) > 120 or text.endswith(_SENTENCE_END) or "," in text or ":" in text or ";" in text:
        return False
    if DOC_TYPE_ZH.search(text) and not _ZH_ORG.search(text):
        return False
    if _EN_ORG.search(text) or _EN_ORG_OF.search(text):
        # "Notice of the General Office of ... Government" is a title, not a body.
        return text[:1].isupper() and _TITLE_OPENING.match(text) is None
    return bool(_ZH_ORG.search(text)) and len(text) <= 40 and "。" not in text


# Page furniture copied along with the text: "打印本页　关闭窗口", "[打印] [关闭]", "Print | Close".
# No two blank runs may meet without a word between them: "字号\s*:?\s*[大中小\s]*"
# inside "(\s*…\s*)+" let the engine try every split of a run of blanks
# (seconds for "字号" and 100 blanks).
_PAGE_CONTROL: Final = (
    r"(?:打印本页|关闭窗口|打印|关闭|返回顶部|分享到|收藏|\[[^\]]{1,6}\]|字号(?:\s*:)?(?:\s*[大中小])*"
    r"|print(?:\s+this\s+page)?|close(?:\s+window)?|share|back\s+to\s+top|font\s+size)"
)
_PAGE_CONTROLS: Final = re.compile(
    rf"\s*{_PAGE_CONTROL}(?:(?:\s*\|\s*|\s*){_PAGE_CONTROL})*\s*\|?", re.IGNORECASE
)


def is_page_controls(folded: Folded, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` is a web page's controls ("【打印】 【关闭】", "Print")."""
    return _PAGE_CONTROLS.fullmatch(folded, start, end) is not None


# "首页 > 信息公开 > 政策文件", "Home > Policies > ...": the site's breadcrumb trail.
_BREADCRUMB: Final = re.compile(r"[^>]{1,40}(?:>[^>]{1,80}){2,}")


def _is_banner(text: Folded) -> bool:
    if _PAGE_CONTROLS.fullmatch(text) or _BREADCRUMB.fullmatch(text):
        return True
    if _BANNER_LABEL.match(text) or _URL.match(text):
        return True
    # An all-capitals English line of a few words is a website section banner.
    # (The word count first: it rules out most lines without a look at each letter.)
    if len(text.split(maxsplit=6)) > 6:  # (7 parts: at least 7 words)
        return False
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isascii() and c.isupper() for c in letters)


def _is_title(text: Folded) -> bool:
    if not text or len(text) > _MAX_TITLE or text.endswith(_SENTENCE_END):
        return False
    if "。" in text or sentence_end(text, 0, len(text)) is not None:
        return False  # a title is not a sentence, nor the start of one
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
    # a bare date standing alone is taken for the web page's date unless a
    # labelled field ("Publish Date: …") says otherwise
    published_guess: dt.date | None = None
    issuers: list[tuple[int, int]] = attrs.Factory(list)
    title_cut: dict[int, int] = attrs.Factory(dict)  # title line start -> end of its title
    after_org: bool = False  # the previous line named a body (a signature)
    after_number: bool = False  # the previous line was the document number
    promulgation: Range | None = None  # a government order's promulgation line
    annex_next: int = 0  # the number the next entry of a notice's list of annexes would have


def read_header(folded: Folded, lines: Sequence[Line]) -> Header:
    """Read the header *lines* (everything before the first numbered item)."""
    state = _Reading()
    kinds: list[LineKind] = []
    for line in lines:
        kinds.append(_classify(folded, line, state))
    notice = find_notice(folded, lines, kinds)
    if notice is not None:
        title_at = _policy_title_after(folded, lines, kinds, notice)
        title = _title_ranges(lines, title_at, state)
        if not title_at:  # the policy does not repeat its title: the notice names it
            title = (notice.named,)
        wrapper = [lines[i] for i in notice.body]
        own = range(notice.end, len(lines))
        preamble = [lines[i] for i in own if kinds[i] == "prose" and i not in title_at]
    else:
        title_at, title, preamble, wrapper = _without_notice(folded, lines, kinds, state)
    return Header(
        lines=tuple(
            [HeaderLine(line=line, kind=kind) for line, kind in zip(lines, kinds, strict=True)]
        ),
        title=title,
        notice_title=state.notices[-1] if state.notices else None,
        notice=notice,
        doc_number=state.doc_number,
        published=state.published or state.published_guess,
        # A bare date overruled by a labelled publication date is the date of issue.
        issued=state.issued or (state.published_guess if state.published else None),
        issuers=tuple(state.issuers),
        title_issuer=None if not title else title_issuer(folded, *title[0]),
        promulgation=state.promulgation,
        preamble=tuple(preamble),
        wrapper=tuple(wrapper),
        blocks=_blocks(lines, kinds, notice, title_at, preamble),
        diagnostics=_report(title, wrapper),
    )


# A title that names its issuer: 上海市黄浦区人民政府关于…的实施意见, "Opinions of the
# Shanghai Municipal People's Government on …".  The name must read as a body's.
_ISSUER_BEFORE_ABOUT: Final = re.compile(r"\s*(?P<issuer>[^《》,;:。\s]{4,60}?)关于")
_ISSUER_OF_EN: Final = re.compile(
    rf"\s*{_TITLE_OPENING.pattern}[\w\s]{{0,40}}?\s+of\s+(?:the\s+)?(?P<issuer>[A-Z][^,;:]{{4,160}}?)\s+on\s"
)


def title_issuer(folded: Folded, start: int, end: int) -> Range | None:
    """The body the title ``folded[start:end]`` names as its issuer, if it names one."""
    m = _ISSUER_BEFORE_ABOUT.match(folded, start, end) or _ISSUER_OF_EN.match(folded, start, end)
    if m is None:
        return None
    name = Line(start=m.start("issuer"), end=m.end("issuer"), number=0)
    return (name.start, name.end) if is_org_line(folded, name) else None


def _without_notice(
    folded: Folded, lines: Sequence[Line], kinds: list[LineKind], state: _Reading
) -> tuple[range, tuple[Range, ...], list[Line], list[Line]]:
    """Title lines, title, preamble and a notice's text where no notice wraps a policy."""
    title_line = _pick_title(folded, state.titles)
    title: tuple[Range, ...] = ()
    title_at: range = range(0)
    if title_line is not None:
        title_at = _title_lines(folded, lines, kinds, lines.index(title_line))
        title = _title_ranges(lines, title_at, state)
    elif state.notices:
        title = (state.notices[-1],)
    wrapper_end = _notice_end(folded, lines, kinds, state) if title_line is None else -1
    preamble: list[Line] = []
    wrapper: list[Line] = []
    after_title = title_line is None
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        if i in title_at:
            after_title = True
            continue
        if kind != "prose":
            continue
        in_wrapper = not after_title or i <= wrapper_end
        (wrapper if in_wrapper else preamble).append(line)
    if title_line is None and not preamble and not state.notices:
        preamble, wrapper = wrapper, []
    return title_at, title, preamble, wrapper


def _title_ranges(lines: Sequence[Line], title_at: range, state: _Reading) -> tuple[Range, ...]:
    return tuple(
        [(lines[i].start, state.title_cut.get(lines[i].start, lines[i].end)) for i in title_at]
    )


_MAX_TITLE_LINES: Final = 3

# A title's edition printed on a line of its own under it: "（2019—2021）", "（2026—2028年）".
_YEARS_LINE: Final = re.compile(
    r"\(\s*(?:19|20)\d{2}\s*(?:[-—–~至]\s*(?:19|20)?\d{2,4}\s*)?年?\s*\)"
)
_DASHES: Final = re.compile(r"[-—–―]+")


def _comparable(text: str) -> str:
    """*text* as titles are compared: no blanks, one kind of dash."""
    return _DASHES.sub("-", "".join(text.split()))


def _policy_title_after(
    folded: Folded, lines: Sequence[Line], kinds: list[LineKind], notice: NoticeParts
) -> range:
    """The lines of the policy's own title after the notice that wraps it.

    The notice names the policy (《…》): the lines after the notice that read
    as that title are its title, however they are broken ("虹口区…体系建设" /
    "三年行动计划（2018—2020年）").  Otherwise the title-shaped line that comes
    first, with a part broken onto the next line or its years under it.
    """
    named = _comparable(folded[notice.named[0] : notice.named[1]])
    own = [i for i in range(notice.end, len(lines)) if kinds[i] not in ("banner", "fields")]
    read = ""
    for count, i in enumerate(own[:_MAX_TITLE_LINES], start=1):
        read += _comparable(_content(folded, lines[i]))
        if read == named:
            return range(own[0], own[count - 1] + 1)
        if not named.startswith(read):
            break
    # The notice may name it in other words (关于印发本区…实施方案的通知, then
    # 黄浦区… / …实施方案 broken over two lines): the first lines that read as one
    # title much like the named one.
    read = ""
    # (after 附件 on its own line, or a note: （此件公开发布）)
    printed = [i for i in own if kinds[i] not in ("attachment", "note")]
    for count, i in enumerate(printed[:_MAX_TITLE_LINES], start=1):
        read += _comparable(_content(folded, lines[i]))
        if _is_title(Folded(read)) and _similar(read, named):
            return range(printed[0], printed[count - 1] + 1)
    first = next((i for i in own if kinds[i] == "title"), None)
    if first is None or any(kinds[i] == "prose" for i in own if i < first):
        return range(0)  # the preamble has begun: the policy has no title of its own
    at = _title_lines(folded, lines, kinds, first)
    after = at.stop
    if after < len(lines) and _YEARS_LINE.fullmatch(_content(folded, lines[after])):
        return range(at.start, after + 1)
    return at


# What each kind of header line is in the document's layout.
_BLOCK_OF_KIND: Final[dict[LineKind, BlockKind]] = {
    "fields": "field",
    "banner": "furniture",
    "date": "date",
    "byline": "field",
    "number": "doc-number",
    "notice": "subtitle",
    "org": "issuer",
    "attachment": "field",
    "subtitle": "subtitle",
    "title": "subtitle",  # a title-shaped line that is not the title (a web title, say)
    "addressee": "addressees",
    "note": "subtitle",
    "prose": "notice-text",  # prose before the title, or of a notice (else: preamble)
}


def _blocks(
    lines: Sequence[Line],
    kinds: Sequence[LineKind],
    notice: NoticeParts | None,
    title_at: range,
    preamble: Sequence[Line],
) -> tuple[tuple[BlockKind, Range], ...]:
    """What each header line is in the document's layout."""
    in_preamble = {line.start for line in preamble}
    parts: dict[int, BlockKind] = {}
    if notice is not None:
        for i in notice.title:
            parts[i] = "notice-title"
        for i in notice.body:
            parts[i] = "notice-text"
        for i in notice.signature:
            parts[i] = "notice-signature"
        for at, kind in ((notice.number, "notice-number"), (notice.addressees, "addressees")):
            if at is not None:
                parts[at] = kind  # type: ignore[assignment]
        for i in notice.date_lines:
            parts[i] = "notice-date"
        for i in range(notice.title[0]):
            if kinds[i] == "prose":
                parts[i] = "masthead"  # 上海市人民政府办公厅文件 above the notice's title
    blocks: list[tuple[BlockKind, Range]] = []
    for i, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
        block = parts.get(i)
        if block is None:
            if i in title_at:
                block = "title"
            elif line.start in in_preamble:
                block = "preamble"
            else:
                block = _BLOCK_OF_KIND[kind]
        blocks.append((block, (line.start, line.end)))
    return tuple(blocks)


def _report(title: tuple[tuple[int, int], ...], wrapper: Sequence[Line]) -> tuple[Diagnostic, ...]:
    found: list[Diagnostic] = []
    if not title:
        found.append(NO_TITLE.at("the text has no title", None))
    if wrapper:
        found.append(
            NOTICE_TEXT.at(
                "text of a notice that wraps the policy; not part of its preamble",
                Span(start=wrapper[0].start, end=wrapper[-1].end),
            )
        )
    return tuple(found)


# A title broken over two lines: the first part ends without punctuation,
# often on a function word ("… on", "关于进一步促进").
_OPEN_ENDED: Final = re.compile(
    r"\b(?:on|for|of|the|and|to|in|about|concerning)$|(?:关于|促进|推进|加快|进一步|支持|推动|的)$"
)
_MAX_TITLE_PART: Final = 60
_NOT_IN_TITLE_PART: Final = folded_chars(",;。")


def _title_part(folded: Folded, line: Line) -> bool:
    text = _content(folded, line)
    return (
        len(text) <= _MAX_TITLE_PART
        and not text.endswith(_SENTENCE_END)
        and not any(ch in text for ch in _NOT_IN_TITLE_PART)
    )


def _title_lines(folded: Folded, lines: Sequence[Line], kinds: list[LineKind], at: int) -> range:
    """Indices of the lines of the title printed at *at*, with a part broken onto a neighbour."""
    first, last = at, at
    before = at - 1
    if before >= 0 and kinds[before] == "prose" and _title_part(folded, lines[before]):
        text = _content(folded, lines[before])
        if _OPEN_ENDED.search(text):
            first = before
    after = at + 1
    if (
        after < len(lines)
        and kinds[after] == "prose"
        and _title_part(folded, lines[after])
        and _OPEN_ENDED.search(_content(folded, lines[at]))
    ):
        last = after
    return range(first, last + 1)


def _notice_end(
    folded: Folded, lines: Sequence[Line], kinds: list[LineKind], state: _Reading
) -> int:
    """Index of the last line of a notice's own text, when the notice gives the only title.

    The notice runs to its signature (a body's name or a date after the notice
    line); without one, its own sentences ("现将…印发给你们") are told by their words.
    """
    if not state.notices:
        return -1
    notice_start = state.notices[-1][0]
    at = next((i for i, line in enumerate(lines) if line.start <= notice_start < line.end), -1)
    end = at
    for i in range(at + 1, len(lines)):
        if kinds[i] in ("org", "date"):
            end = i
        elif kinds[i] == "prose" and says_notice(folded, lines[i].start, lines[i].end):
            end = max(end, i)
    return end


def _field_spans(text: Folded) -> list[tuple[int, int]]:
    """``[start, end)`` of each field of a header line, brackets around it removed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for sep in [*_FIELD_SEPARATOR.finditer(text), None]:
        end = len(text) if sep is None else sep.start()
        start = pos
        while start < end and text[start] in "([" and text[end - 1] in ")]":
            start, end = start + 1, end - 1
        if start < end:
            spans.append((start, end))
        if sep is not None:
            pos = sep.end()
    return spans


def _read_fields(folded: Folded, line: Line, state: _Reading, after_org: bool) -> bool:
    """Read a line of labelled fields ("Date of issue: …", "文号：…"), if it is one.

    A line counts only when every one of its fields is a field (a short label
    and its value, a bracketed number or date) and one of them says something
    shpolicy reads; fields it does not read ("字号：", "Views: 1,027") are page
    furniture.  Prose with a colon in it is left alone.
    """
    text = _content(folded, line)
    if len(text) > _MAX_BYLINE or (":" not in text and " on " not in text and "(" not in text):
        return False
    readings: list[tuple[FieldKind, int, int]] = []
    spans = _field_spans(text)
    for start, end in spans:
        reading = _read_field(text, start, end)
        if reading is None and len(spans) > 1 and parse_date(text, start, end) is not None:
            reading = ("date", start, end)  # "2024-06-28    Source: …": the page's date
        if reading is None:
            return False
        readings.append(reading)
    if not readings or all(kind == "ignore" for kind, _, _ in readings):
        return False
    for kind, start, end in readings:
        if kind == "issuer":
            state.issuers.append((line.start + start, line.start + end))
        elif kind == "number":
            state.doc_number = state.doc_number or (line.start + start, line.start + end)
        elif kind in ("issued", "published"):
            date = parse_date(text, start, end)
            if kind == "issued" or after_org:
                state.issued = state.issued or date
            else:
                state.published = state.published or date
        elif kind == "date":
            state.published_guess = state.published_guess or parse_date(text, start, end)
    return True


def _read_field(text: Folded, start: int, end: int) -> tuple[FieldKind, int, int] | None:
    """What one field holds: ``(kind, value start, value end)``, or None when not a field."""
    m = _FIELD.match(text, start, end)
    if m is not None:
        label = m.group("label")
        kind = _FIELD_KINDS.get(re.sub(r"[\s.]", "", label).lower())
        if kind is None:
            # any other short label is a field of the page, read or not
            short = len(label) <= (_MAX_FIELD_LABEL_ZH if not label.isascii() else _MAX_FIELD_LABEL)
            return ("ignore", m.end(), end) if short else None
        value_ok = (
            parse_date(text, m.end(), end) is not None
            if kind in ("issued", "published")
            else bool(text[m.end() : end].strip())
        )
        return (kind, m.end(), end) if value_ok else None
    on = _ON_DATE.match(text, start, end)
    if on is not None and parse_date(text, on.end(), end) is not None:
        verb = on.group("verb").lower()
        kind = "published" if verb in ("published", "released", "updated") else "issued"
        return kind, on.end(), end
    if text[start - 1 : start] == "(" and _DOC_NUMBER.match(text[start:end]):
        return "number", start, end
    if text[start - 1 : start] == "(" and parse_date(text, start, end) is not None:
        return "issued", start, end
    return None


def _classify(folded: Folded, line: Line, state: _Reading) -> LineKind:
    text = _content(folded, line)
    if _annex_entry(text, state):
        return "attachment"
    was_after_org, state.after_org = state.after_org, False
    was_after_number, state.after_number = state.after_number, False
    notice = match_notice_title(text)
    if notice is not None:
        state.notices.append((line.start + notice.title[0], line.start + notice.title[1]))
    if _read_fields(folded, line, state, was_after_org):
        return "fields"
    if _is_banner(text):
        return "banner"
    if _read_promulgation(folded, line, state):
        return "date"
    date = parse_date(text)
    if date is not None:
        # A bracketed date, or one under a signature or the document number,
        # is the date of issue; a date standing alone is the web page's date.
        bracketed = text.startswith("(")
        if bracketed or was_after_org or was_after_number:
            state.issued = state.issued or date
        else:
            state.published_guess = state.published_guess or date
        return "date"
    # A byline is short; on a long line the lazy org part would retry the
    # blanks before "|" from up to 200 starting lengths.
    byline = _BYLINE.match(text) if len(text) <= _MAX_BYLINE else None
    byline_date = None if byline is None else parse_date(text, *byline.span("date"))
    if byline is not None and byline_date is not None:
        state.published = state.published or byline_date
        state.issuers.append((line.start + byline.start("org"), line.start + byline.end("org")))
        return "byline"
    if state.doc_number is None and _DOC_NUMBER.match(text):
        state.doc_number = (line.start, line.end)
        state.after_number = True
        return "number"
    if notice is not None:
        return "notice"
    if is_org_line(folded, line):
        state.issuers.append((line.start, line.end))
        state.after_org = True
        return "org"
    return _title_or_prose(folded, line, text, state)


# A government order's line under its title: "（2024年3月5日上海市人民政府令第12号公布
# 自2024年5月1日起施行）", "(Promulgated by Decree No. 12 of the Shanghai Municipal
# People's Government on March 5, 2024)": the date of issue, the order's number, its issuer.
_PROMULGATED: Final = re.compile(
    rf"\(\s*(?P<date>{DATE_TEXT})\s*(?P<number>(?P<issuer>[^()\s,;:]{{2,40}}?)令"
    r"\s*第\s*[\d〇零一二三四五六七八九十百]{1,6}\s*号)\s*(?:公布|发布)"
    rf"|\(\s*(?:promulgated|issued)\s+by\s+(?P<en_number>(?:decree|order)\s+no\.\s*\d{{1,4}})"
    rf"\s+of\s+(?:the\s+)?(?P<en_issuer>[A-Z][^()]{{4,120}}?)\s+on\s+(?P<en_date>{DATE_TEXT})",
    re.IGNORECASE,
)


def _read_promulgation(folded: Folded, line: Line, state: _Reading) -> bool:
    """Read a government order's promulgation line into *state*; whether it is one."""
    if not folded.startswith("(", line.start, line.end):
        return False
    m = _PROMULGATED.match(folded, line.start, line.end)
    if m is None:
        return False
    en = m.group("en_date") is not None
    date = parse_date(folded, *m.span("en_date" if en else "date"))
    state.issued = state.issued or date
    if state.doc_number is None:
        state.doc_number = m.span("en_number" if en else "number")
    state.issuers.append(m.span("en_issuer" if en else "issuer"))
    state.promulgation = state.promulgation or (line.start, line.end)
    return True


# A notice's list of its annexes: "附件：1.松江区“一网通办”改革工作要点", then
# "2.…重点任务分工表" on the next line — entries, not titles.
_ANNEX_LIST: Final = re.compile(
    r"\s*(?:附件|附表|attachments?|annex(?:es)?)\s*:\s*1\s*[.、]", re.IGNORECASE
)
_ANNEX_ENTRY: Final = re.compile(r"\s*(?P<n>\d{1,2})\s*[.、]")


def _annex_entry(text: Folded, state: _Reading) -> bool:
    """Whether *text* is a notice's list of annexes or its next entry (noted in *state*)."""
    if _ANNEX_LIST.match(text):
        state.annex_next = 2
        return True
    entry = _ANNEX_ENTRY.match(text) if state.annex_next else None
    if entry is not None and int(entry.group("n")) == state.annex_next:
        state.annex_next += 1
        return True
    state.annex_next = 0
    return False


def _title_or_prose(folded: Folded, line: Line, text: Folded, state: _Reading) -> LineKind:
    """The kind of a header line that holds no date, number, notice or body's name."""
    if is_back_matter(folded, line.start, line.end):
        return "attachment"  # "附件：《…》" in a notice: names the plan, is not its title
    if text.startswith(("—", "--", "–")):
        return "subtitle"  # "——关于…的实施方案" under the title: never the title itself
    # (The pattern ends in ")$": a line ending otherwise spares the search.)
    number = _TRAILING_NUMBER.search(text) if text.endswith((")", ")\n")) else None
    if (
        number is not None
        and state.doc_number is None
        and _is_title(Folded(text[: number.start()]))
    ):
        # "Measures of … (Hu Fu Ban Fa [2024] No. 12)": the title carries its number.
        state.doc_number = (line.start + number.start("number"), line.start + number.end("number"))
        state.title_cut[line.start] = line.start + number.start()
        state.titles.append(line)
        return "title"
    if _is_title(text):
        state.titles.append(line)
        return "title"
    if text.endswith(":") and _is_addressee(text) and not _LEAD_IN.search(text):
        return "addressee"
    if text.startswith("(") and text.endswith(")") and len(text) <= _MAX_TITLE_PART:
        return "note"  # "（此件公开发布）", "(For Trial Implementation)": a marking, not prose
    return "prose"


def _is_addressee(text: Folded) -> bool:
    """Whether *text*, which ends with a colon, ends with a body's name before it.

    Only the end of the line is searched: a long line is not tried at each of
    its positions.
    """
    name_end = len(text[:-1].rstrip())
    return _ADDRESSEE.search(text, max(0, name_end - _ADDRESSEE_WORD_MAX)) is not None


def _pick_title(folded: Folded, titles: list[Line]) -> Line | None:
    if not titles:
        return None
    chosen = titles[-1]
    text = _content(folded, chosen)
    for other in titles[:-1]:
        other_text = _content(folded, other)
        if len(other_text) > len(text) and _similar(other_text, text):
            chosen, text = other, other_text
    return chosen


# Back matter of a published document: attachments, the copy-to line, the
# printing colophon ("…办公厅  2024年5月22日印发").
_BACK_MATTER: Final = re.compile(
    r"(?:附件|附表|抄送|抄报|Attachments?|Annex(?:es)?|Appendix|Appendices|CC|Copied\s+to)\s*(?:\d+\s*)?(?::|$)"
    r"|.{0,60}\d\s*日\s*印发$",
    re.IGNORECASE,
)


# A web page's footer copied along with the text opens its back matter too: its
# controls (【打印本页】【关闭窗口】, "Print | Close") and the site's colophon
# (主办：…办公室　承办：…大数据中心, 版权所有, 沪ICP备…).
_PAGE_FOOTER: Final = re.compile(
    r"\s*(?:主办(?:单位)?\s*:|承办(?:单位)?\s*:|版权所有|copyright\b|沪ICP备|网站标识码)",
    re.IGNORECASE,
)
_MAX_FURNITURE_LINE: Final = 120


def is_page_furniture(folded: Folded, start: int, end: int) -> bool:
    """Whether the line ``folded[start:end]`` is a web page's controls or footer."""
    if end - start > _MAX_FURNITURE_LINE:
        return False
    if _PAGE_FOOTER.match(folded, start, end) is not None:
        return True
    start, end = trim(folded, start, end)
    return start < end and is_page_controls(folded, start, end)


def is_back_matter(folded: Folded, start: int, end: int) -> bool:
    """Whether the line ``folded[start:end]`` opens the back matter after the body."""
    return _BACK_MATTER.match(folded, start, end) is not None or is_page_furniture(
        folded, start, end
    )
