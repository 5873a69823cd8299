"""Reduce a body's name to the comparison key under which the registry files it.

Two names that differ only in ways that never change which body is meant get
the same key: case, spacing, full-width forms, curly quotes, apostrophes and
hyphens (``Jing’an`` / ``Jingan``, ``Lin-gang`` / ``Lingang``), a leading
"the", "People's Government" / "Government", a "Shanghai" or "上海市" prefix in
front of "Municipal" or a district name, and the word order of
"Municipal Commission of X" / "Municipal X Commission" and of
"X of the CPC Shanghai Municipal Committee" / "Municipal Party Committee X",
and the same two word orders for a district's bodies ("Organization Department
of the CPC Xuhui District Committee" / "Xuhui District Party Committee
Organization Department", 中共上海市徐汇区委组织部 / 徐汇区委组织部).

Every rewrite keeps the level words ("Municipal", "Jing'an District", "市",
"静安区"), so a district body never shares a key with the municipal body of
the same name, and a bare "Shanghai X" is *not* read as "Shanghai Municipal X"
("Shanghai Financial Regulatory Bureau" is the national regulator's office,
"Shanghai Municipal Financial Regulatory Bureau" the city's own bureau).
"""

from __future__ import annotations

import re
from typing import Final

from ..normalize import fold

__all__ = ["DISTRICT_NAMES_EN", "DISTRICT_NAMES_ZH", "has_cjk", "name_key"]

DISTRICT_NAMES_EN: Final = (
    "pudong new area",
    "huangpu district",
    "jingan district",
    "xuhui district",
    "changning district",
    "putuo district",
    "hongkou district",
    "yangpu district",
    "baoshan district",
    "minhang district",
    "jiading district",
    "jinshan district",
    "songjiang district",
    "qingpu district",
    "fengxian district",
    "chongming district",
)
DISTRICT_NAMES_ZH: Final = (
    "浦东新区",
    "黄浦区",
    "静安区",
    "徐汇区",
    "长宁区",
    "普陀区",
    "虹口区",
    "杨浦区",
    "宝山区",
    "闵行区",
    "嘉定区",
    "金山区",
    "松江区",
    "青浦区",
    "奉贤区",
    "崇明区",
)

# Characters dropped inside words: apostrophes (curly or straight), hyphens and
# dots, so "Jing’an" = "Jingan", "Lin-gang" = "Lingang", "P.R." = "PR".
_JOINERS: Final = dict.fromkeys(map(ord, "'’‘‛′`´-‐‑‒–—.·"), None)
# Any other punctuation separates words: the key is the runs of letters and
# digits ("_" and every other non-blank non-word character separate them),
# joined by single spaces.
_WORDS: Final = re.compile(r"[^\W_]+")
_CJK: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

_STANDING_COMMITTEE_OF: Final = "standing committee of "
_LEADING_FILLER: Final = re.compile(r"^(?:(?:the|and|as well as) )+")
_TRAILING_FILLER: Final = " etc"
_PEOPLES_GOVERNMENT: Final = re.compile(r"\bpeoples government\b")
_DISTRICT_ALTERNATION: Final = "|".join(DISTRICT_NAMES_EN)
_SHANGHAI_BEFORE_LEVEL: Final = re.compile(
    rf"^(?:cpc )?shanghai (?=municipal |{_DISTRICT_ALTERNATION})"
)
# "X of Shanghai Municipality" -> "municipal X"
_OF_MUNICIPALITY: Final = re.compile(r"^(?P<body>.+) of (?:the )?shanghai municipality$")
# "X of (the) (Shanghai) Municipal (People's) Government" -> "municipal government X"
_OF_MUNICIPAL_GOVERNMENT: Final = re.compile(
    r"^(?P<body>.+) of (?:the )?(?:shanghai )?municipal government$"
)
# "X of the CPC Shanghai Municipal (Party) Committee" -> "municipal party committee X"
_OF_PARTY_COMMITTEE: Final = re.compile(
    r"^(?P<body>.+) of (?:the )?(?:cpc )?(?:shanghai )?municipal (?:party )?committee"
    r"(?: of the (?:cpc|communist party of china))?$"
)
# "Municipal Committee X" / "Municipal Party Committee X" at the front.
_PARTY_COMMITTEE_PREFIX: Final = re.compile(r"^municipal (?:party )?committee (?!of )")
# "X of (the CPC) Xuhui District (Party) Committee|Government" -> "xuhui district ... X":
# district names put the body after the level, as the municipal rules do.
_OF_DISTRICT: Final = re.compile(
    rf"^(?P<body>.+) of (?:the )?(?P<cpc>cpc )?(?:shanghai )?(?P<district>{_DISTRICT_ALTERNATION})"
    r"(?P<rest> government| party committee| committee)?$"
)
# "<level> Commission of X" -> "<level> X commission"; a bare "District" or
# "New Area" is a level too (the local names of a district's own documents).
_TYPE_FIRST: Final = re.compile(
    rf"^(?P<level>municipal (?:party committee |government )?|(?:{_DISTRICT_ALTERNATION}"
    r"|district|new area) )?"
    r"(?P<kind>commission|bureau|administration|office|department|center|centre|authority)"
    r" (?:of|for|on) (?:the )?(?P<field>.+)$"
)

_ZH_PARTY_COMMITTEE: Final = re.compile(
    r"^(?:中国共产党上海市委员会|中共上海市委员会|中共上海市委)"
)
_ZH_DISTRICT_ALTERNATION: Final = "|".join(DISTRICT_NAMES_ZH)
_ZH_SHANGHAI_BEFORE_DISTRICT: Final = re.compile(rf"^上海市?(?={_ZH_DISTRICT_ALTERNATION})")
_ZH_SHANGHAI_MUNICIPAL: Final = re.compile(r"^上海市(?=.)")
# 中共上海市徐汇区委组织部 / 中共徐汇区委组织部 -> 徐汇区委组织部
_ZH_DISTRICT_PARTY: Final = re.compile(
    rf"^(?:中国共产党|中共)(?:上海市)?(?={_ZH_DISTRICT_ALTERNATION})"
)
_ZH_TRAILING_FILLER: Final = "等"


def has_cjk(text: str) -> bool:
    """True when *text* holds a Chinese character (the name is Chinese)."""
    return _CJK.search(text) is not None


def name_key(name: str) -> str:
    """The key under which the registry files a body's name; ``""`` for no name.

    Names that differ only in ways that never change which body is meant share a key: case,
    spacing, full-width forms, quotes and hyphens, a leading "the", a 上海市 or "Shanghai"
    before a level word, and the word orders of one name ("Municipal Commission of Commerce"
    and "Shanghai Municipal Commerce Commission"; 中共上海市徐汇区委组织部 and
    徐汇区委组织部).  The level words stay, so 静安区商务委 and 市商务委, "Jing'an District
    Commerce Commission" and "Municipal Commission of Commerce", never share a key.
    """
    text = fold(name).casefold().translate(_JOINERS).replace("&", " and ")
    if text.replace(" ", "").isalnum():
        # The usual name, words and blanks only: str methods do the same faster.
        text = " ".join(text.split())
    else:
        text = " ".join(_WORDS.findall(text))
    if not text.isascii() and has_cjk(text):
        return _chinese_key(text.replace(" ", ""))
    return _english_key(text)


def _english_key(text: str) -> str:
    # Each rewrite is tried only when the words it needs are there: a str test
    # costs far less than a regex pass, and most names need few rewrites.
    if text.startswith(("the ", "and ", "as well as ")):
        text = _LEADING_FILLER.sub("", text)
    if text.startswith(_STANDING_COMMITTEE_OF):
        # "Standing Committee of the Xuhui District People's Congress"
        # -> "xuhui district peoples congress standing committee"
        text = text[len(_STANDING_COMMITTEE_OF) :].removeprefix("the ") + " standing committee"
    # str methods, not a "(?: etc)+$" search, which is quadratic on " etc etc ... x".
    end = len(text)
    while text.endswith(_TRAILING_FILLER, 0, end):
        end -= len(_TRAILING_FILLER)
    text = text[:end]
    if "peoples government" in text:
        text = _PEOPLES_GOVERNMENT.sub("government", text)
    if text.startswith(("shanghai ", "cpc shanghai ")):
        text = _SHANGHAI_BEFORE_LEVEL.sub("", text)
    if text.endswith("shanghai municipality"):
        text = _OF_MUNICIPALITY.sub(r"municipal \g<body>", text)
    if text.endswith("municipal government"):
        text = _OF_MUNICIPAL_GOVERNMENT.sub(r"municipal government \g<body>", text)
    if "municipal" in text and "committee" in text:
        text = _OF_PARTY_COMMITTEE.sub(r"municipal party committee \g<body>", text)
        text = _PARTY_COMMITTEE_PREFIX.sub("municipal party committee ", text)
    if " of " in text and ("district" in text or "new area" in text):
        text = _OF_DISTRICT.sub(_district_first, text)
    if " of " in text or " for " in text or " on " in text:
        text = _TYPE_FIRST.sub(r"\g<level>\g<field> \g<kind>", text)
    return text.strip()


def _district_first(match: re.Match[str]) -> str:
    rest = match.group("rest") or ""
    if match.group("cpc") or rest.endswith("committee"):
        rest = " party committee"
    return f"{match.group('district')}{rest} {match.group('body')}"


def _chinese_key(text: str) -> str:
    text = text.rstrip(_ZH_TRAILING_FILLER)
    if text.startswith("中"):
        text = _ZH_DISTRICT_PARTY.sub("", text)
    text = _ZH_PARTY_COMMITTEE.sub("市委", text)
    text = text.replace("人民政府", "政府")
    text = _ZH_SHANGHAI_BEFORE_DISTRICT.sub("", text)
    return _ZH_SHANGHAI_MUNICIPAL.sub("市", text)
