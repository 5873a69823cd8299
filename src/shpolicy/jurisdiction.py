"""Whose document is it: Shanghai's, one of its districts', or another place's.

:func:`place_document` reads what the header stage found — the issuers' names,
the notice's title, the document number, the policy's title — and, when
those say nothing, the text, and answers a :class:`Placement`:

* ``jurisdiction`` ``"cn-sh"`` for a municipal document, ``"cn-sh-<district>"``
  for a district's (huangpu, xuhui ... chongming), ``None`` otherwise — the
  value of ``Policy.jurisdiction``;
* ``context``, the jurisdiction to resolve the document's names in
  (:func:`shpolicy.units.lookup`): the same code for a Shanghai document,
  ``"cn"`` for another place's (so its 市委组织部 is not Shanghai's), ``None``
  when the document cannot be placed;
* ``status`` (``"shanghai"``, ``"elsewhere"``, ``"unplaced"``) and ``reason``,
  the evidence in words, for a ``not-shanghai`` warning.

The evidence is read in order of authority, and the first source that says
anything decides: the issuers (上海市黄浦区人民政府办公室 is Huangpu's,
广州市人民政府办公厅 is not Shanghai's), the document number's prefix (沪府办 is
the city's, 黄府办 / 沪奉府发 / 黄发改委 a district's, 穗府办 Guangzhou's), the
notice's title, the policy's title, then the text (its signature lines, then
how often it names Shanghai, a district or another place).  A municipal
issuer makes a document municipal even when it is about one district.

Everything here is a pure function of strings; the lists of districts and of
other places come from ``units/places.json`` (built from data/units/).
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from typing import Any, Final, Literal

import attrs

from .model import JURISDICTIONS, Jurisdiction
from .units import MUNICIPAL, lookup

__all__ = ["ELSEWHERE", "Placement", "place_document"]

ELSEWHERE: Final = "cn"
"""The lookup context of another place's document: China, not Shanghai."""

Status = Literal["shanghai", "elsewhere", "unplaced"]


@attrs.frozen(kw_only=True, slots=True)
class Placement:
    """Where a document belongs, and why (see the module docstring)."""

    jurisdiction: Jurisdiction | None
    context: str | None
    status: Status
    reason: str


@attrs.frozen(kw_only=True, slots=True)
class _Places:
    district_names: tuple[tuple[str, str], ...]  # (slug, 黄浦区)
    district_short: tuple[tuple[str, str], ...]  # (slug, 黄浦)
    district_english: tuple[tuple[str, str], ...]  # (slug, huangpu district)
    district_prefixes: tuple[tuple[str, str], ...]  # (prefix, slug), longest first
    district_prefixes_en: tuple[tuple[re.Pattern[str], str], ...]  # Huang Fu -> huangpu
    other_names: frozenset[str]
    other_short: tuple[str, ...]
    other_english: re.Pattern[str]  # Shenzhen, Guangzhou …, as whole words
    other_prefixes: tuple[str, ...]  # longest first
    national_prefixes: tuple[str, ...]


@functools.cache
def _places() -> _Places:
    text = resources.files("shpolicy.units").joinpath("places.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    districts = document["districts"]
    prefixes = [(p, d["slug"]) for d in districts for p in d["doc_number_prefixes"]]
    names = frozenset(document["other_places"])
    return _Places(
        district_names=tuple((d["slug"], d["name_zh"]) for d in districts),
        district_short=tuple((d["slug"], d["short_zh"]) for d in districts),
        district_english=tuple(
            (d["slug"], d["name_en"].lower().replace("'", "").replace("\u2019", ""))
            for d in districts
        ),
        district_prefixes=tuple(sorted(prefixes, key=lambda p: -len(p[0]))),
        district_prefixes_en=tuple(
            (re.compile(rf"^\s*{re.escape(p)}\b", re.IGNORECASE), d["slug"])
            for d in districts
            for p in sorted(d["doc_number_prefixes_en"], key=len, reverse=True)
        ),
        other_names=frozenset(n for n in names if len(n) > 2 or n[-1] not in _SUFFIXES),
        other_short=tuple(n for n in names if n[-1] not in _SUFFIXES),
        other_english=re.compile(
            r"\b(?:" + "|".join(map(re.escape, document["other_places_en"])) + r")\b"
        ),
        other_prefixes=tuple(sorted(document["other_doc_number_prefixes"], key=len, reverse=True)),
        national_prefixes=tuple(document["national_doc_number_prefixes"]),
    )


# What a place's name ends in; a candidate is the 2-8 characters before one.
_SUFFIXES: Final = frozenset("省市县州盟旗")
# Where a full place name may end: one scan of the text finds them all, where a loop over its
# characters in Python cost a fifth of a Chinese document's parse.
_SUFFIX_AT: Final = re.compile("[" + "".join(sorted(_SUFFIXES)) + "]")
_PROVINCIAL: Final = re.compile(
    r"省委|省政府|省人民政府|自治区党委|自治区人民政府|县委|县政府|县人民政府"
)
_SHANGHAI_ZH: Final = "上海"
_SHANGHAI_EN: Final = re.compile(r"\bshanghai\b|\bsmpg\b", re.IGNORECASE)
# 崇明县 became 崇明区 in 2016; older documents still say 县.
_OLD_COUNTY: Final = ("崇明县", "chongming")
_NUMBER_PREFIX: Final = re.compile(r"^\s*([^\s〔［\[（(【0-9０-９]+)")
_ENGLISH_MUNICIPAL_NUMBER: Final = re.compile(r"^\s*(?:SMPG|SMG|Shanghai|Hu)\b", re.IGNORECASE)
# A signature line: short, at the head or the tail of the text.
_SIGNATURE_WINDOW: Final = 400
_SIGNATURE_LENGTH: Final = 40


@attrs.frozen(kw_only=True, slots=True)
class _Evidence:
    shanghai: str | None = None  # a jurisdiction code
    elsewhere: str | None = None  # the place named
    detail: str = ""


def place_document(
    *,
    issuers: Sequence[str] = (),
    notice_title: str | None = None,
    doc_number: str | None = None,
    title: str | None = None,
    text: str = "",
) -> Placement:
    """Where the document belongs (see the module docstring); never raises."""
    # Asked in turn, and no further than the first that answers: counting place names
    # over the whole text costs more than everything before it together.
    sources: list[tuple[str, Callable[[], _Evidence | None]]] = [
        ("issuer", lambda: _from_issuers(issuers)),
        ("document number", lambda: _from_number(doc_number)),
        ("notice title", lambda: _from_title(notice_title)),
        ("title", lambda: _from_title(title)),
        ("signature", lambda: _from_issuers(_signature_lines(text))),
        ("text", lambda: _from_text(text)),
    ]
    for source, ask in sources:
        evidence = ask()
        if evidence is None:
            continue
        code = _as_jurisdiction(evidence.shanghai)
        if code is not None:
            return Placement(
                jurisdiction=code,
                context=evidence.shanghai,
                status="shanghai",
                reason=f"{source} {evidence.detail}",
            )
        return Placement(
            jurisdiction=None,
            context=ELSEWHERE,
            status="elsewhere",
            reason=f"{source} {evidence.detail}: {evidence.elsewhere}, not Shanghai",
        )
    return Placement(
        jurisdiction=None,
        context=None,
        status="unplaced",
        reason="nothing in the header or the text places the document in Shanghai or elsewhere",
    )


def _as_jurisdiction(code: str | None) -> Jurisdiction | None:
    for known in JURISDICTIONS:
        if known == code:
            return known
    return None


# --------------------------------------------------------------------------- issuers


def _from_issuers(names: Iterable[str]) -> _Evidence | None:
    shanghai: list[tuple[str, str]] = []
    elsewhere: list[tuple[str, str]] = []
    for name in names:
        found = _issuer(name)
        if found is None:
            continue
        code, place = found
        if code is not None:
            shanghai.append((code, name))
        elif place is not None:
            elsewhere.append((place, name))
    if shanghai:
        # One municipal issuer makes the document municipal: a district is
        # then the subject (or a co-signer), not the owner.
        municipal = [name for code, name in shanghai if code == MUNICIPAL]
        if municipal:
            return _Evidence(shanghai=MUNICIPAL, detail=repr(municipal[0]))
        code, name = shanghai[0]
        return _Evidence(shanghai=code, detail=repr(name))
    if elsewhere:
        place, name = elsewhere[0]
        return _Evidence(elsewhere=place, detail=repr(name))
    return None


def _issuer(name: str) -> tuple[str | None, str | None] | None:
    """(jurisdiction, None) for a Shanghai issuer, (None, place) for another place's, else None."""
    name = name.strip()
    if not name:
        return None
    other = _other_place_at_start(name)
    if other is not None:
        return (None, other)
    unit = lookup(name)
    district = _district_named(name)
    if unit is not None and (unit.district is not None or _says_shanghai(name)):
        return (MUNICIPAL if unit.district is None else f"{MUNICIPAL}-{unit.district}", None)
    if district is not None:
        return (f"{MUNICIPAL}-{district}", None)
    if unit is not None and unit.level in ("national-branch", "enterprise", "institution"):
        # 上海海关, 同济大学: no 市 / 区 that another city could share.
        return (MUNICIPAL, None)
    if _says_shanghai(name):
        return (MUNICIPAL, None)
    provincial = _PROVINCIAL.search(name)
    if provincial is not None:
        return (None, provincial.group())
    return None


def _other_place_at_start(name: str) -> str | None:
    places = _places()
    if name.startswith(_SHANGHAI_ZH) or name.startswith(_OLD_COUNTY[0]):
        return None
    for end in range(2, min(len(name), 9) + 1):
        if name[end - 1] in _SUFFIXES and name[:end] in places.other_names:
            return name[:end]
    return None


def _says_shanghai(text: str) -> bool:
    return _SHANGHAI_ZH in text or _SHANGHAI_EN.search(text) is not None


def _district_named(text: str) -> str | None:
    """The one Shanghai district *text* names in full (黄浦区, Huangpu District), or None."""
    places = _places()
    found = {slug for slug, name in places.district_names if name in text}
    if not found:
        folded = text.lower().replace("'", "").replace("\u2019", "")
        found = {slug for slug, name in places.district_english if name in folded}
    if not found and _OLD_COUNTY[0] in text:
        found = {_OLD_COUNTY[1]}
    return next(iter(found)) if len(found) == 1 else None


# --------------------------------------------------------------------------- document number


def _from_number(number: str | None) -> _Evidence | None:
    if not number or not number.strip():
        return None
    detail = repr(number.strip())
    places = _places()
    # Translations spell the prefix in pinyin: Song Fu Fa [2024] No. 21, Hu Fu Ban Fa ...
    for pattern, district in places.district_prefixes_en:
        if pattern.match(number):
            return _Evidence(shanghai=f"{MUNICIPAL}-{district}", detail=detail)
    if _ENGLISH_MUNICIPAL_NUMBER.match(number):
        return _Evidence(shanghai=MUNICIPAL, detail=detail)
    match = _NUMBER_PREFIX.match(number)
    if match is None:
        return None
    prefix = match.group(1)
    if prefix.startswith(places.national_prefixes):
        return _Evidence(elsewhere="a national body", detail=detail)
    for start, district in places.district_prefixes:
        # 沪奉府发 / 沪松府规 (the 沪 forms) or 黄府办 / 黄发改委; but 金政发 is Jinhua's.
        if prefix.startswith(start) and not prefix.startswith(places.other_prefixes):
            return _Evidence(shanghai=f"{MUNICIPAL}-{district}", detail=detail)
    if prefix.startswith("沪"):
        return _Evidence(shanghai=MUNICIPAL, detail=detail)
    for other in places.other_prefixes:
        if prefix.startswith(other):
            return _Evidence(elsewhere=f"the place abbreviated {other}", detail=detail)
    return None


# --------------------------------------------------------------------------- titles and text


def _from_title(title: str | None) -> _Evidence | None:
    if not title or not title.strip():
        return None
    district = _district_named(title)
    if district is not None:
        return _Evidence(
            shanghai=f"{MUNICIPAL}-{district}", detail=f"names {_district_label(district)}"
        )
    if _says_shanghai(title):
        return _Evidence(shanghai=MUNICIPAL, detail="names Shanghai")
    other = _other_places_in(title)
    if other:
        return _Evidence(elsewhere=other.most_common(1)[0][0], detail="names")
    provincial = _PROVINCIAL.search(title)
    if provincial is not None:
        return _Evidence(elsewhere=provincial.group(), detail="names")
    return None


def _district_label(slug: str) -> str:
    return next(name for s, name in _places().district_names if s == slug)


def _signature_lines(text: str) -> list[str]:
    if not text:
        return []
    head, tail = text[:_SIGNATURE_WINDOW], text[-_SIGNATURE_WINDOW:]
    lines = [*tail.splitlines()[::-1], *head.splitlines()]
    return [line.strip() for line in lines if 0 < len(line.strip()) <= _SIGNATURE_LENGTH]


def _from_text(text: str) -> _Evidence | None:
    if not text:
        return None
    places = _places()
    shanghai = text.count(_SHANGHAI_ZH) + len(_SHANGHAI_EN.findall(text))
    districts = Counter(
        {slug: text.count(name) for slug, name in places.district_names if name in text}
    )
    folded = text.lower().replace("'", "").replace("\u2019", "")
    districts.update(
        {slug: folded.count(name) for slug, name in places.district_english if name in folded}
    )
    other = _other_places_in(text)
    provincial = len(_PROVINCIAL.findall(text))
    shanghai_total = shanghai + sum(districts.values())
    other_total = sum(other.values()) + provincial
    if other_total > shanghai_total:
        named = other.most_common(1)[0][0] if other else _PROVINCIAL.findall(text)[0]
        return _Evidence(
            elsewhere=named,
            detail=f"names other places {other_total} times and Shanghai {shanghai_total}",
        )
    if shanghai_total == 0:
        return None
    if districts:
        (top, count), *rest = [*districts.most_common(2), ("", 0)]
        runner_up = rest[0][1]
        # A district's document names its district again and again (本区 aside);
        # a municipal one names many districts, or Shanghai far more often.
        if count >= 2 and count > 2 * runner_up and count >= shanghai:
            return _Evidence(
                shanghai=f"{MUNICIPAL}-{top}",
                detail=f"names {_district_label(top)} {count} times",
            )
    return _Evidence(shanghai=MUNICIPAL, detail=f"names Shanghai {shanghai_total} times")


def _other_places_in(text: str) -> Counter[str]:
    """Other places' names in *text*: full names (广州市, 昆山市, 浙江省) and short ones (广州)."""
    places = _places()
    found: Counter[str] = Counter()
    other_names = places.other_names
    for match in _SUFFIX_AT.finditer(text):
        i = match.start()
        # The longest name ending here: 苏州市 rather than 州市.
        for start in range(max(0, i - 8), i - 1):
            candidate = text[start : i + 1]
            if candidate in other_names:
                found[candidate] += 1
                break
    for name in places.other_short:
        count = text.count(name)
        if count:
            # 广州市 is counted above; its 广州 is the same mention.
            already = sum(n for full, n in found.items() if full.startswith(name))
            if count > already:
                found[name] += count - already
    # English translations name other cities too ("Shenzhen Municipal People's Government").
    found.update(m.group() for m in places.other_english.finditer(text))
    return found
