"""Resolve a body's name as written to its registry unit, in the document's jurisdiction.

Resolution is: the name's key (:func:`shpolicy.units.keys.name_key`) matched
exactly against the keys of the registered names; failing that, two rules
that only ever remove text the body's identity does not depend on:

* a trailing parenthesis — a role marker ("市商务委（牵头）") or a second plate
  of the same office ("Pudong New Area Government (Shanghai Pilot Free Trade
  Zone Management Committee)") — is dropped, unless it names a *different*
  registered body, in which case the name is ambiguous and stays unresolved;
* nothing else: no fuzzy matching, no dropping of "Municipal" or of a
  district name.  A wrong id is worse than none.

The jurisdiction (``"cn-sh"``, ``"cn-sh-<district>"``, any other code for a
document that is not Shanghai's, or ``None`` when unknown) decides what the
names that depend on context mean:

* in a district's document, 区发展改革委 / 区府办 / 九亭镇 / "District Commerce
  Commission" are that district's bodies (the registry's *local names*);
* in a municipal document the same 区X names every district's body at once —
  a collective (:func:`is_collective`), never one id; a subdistrict or town
  named without its district resolves when only one district has it;
* in another place's document (``"cn"``, ``"cn-gd-gz"`` ...) only a name that
  says Shanghai (上海 / 沪 / Shanghai) resolves: its 市委组织部 is its own city's;
* without a jurisdiction, names that need no context resolve (市经信委 is
  Shanghai's, as the registry has always answered), local names do not.

Collective entries ("relevant district governments", "相关区政府", 各街镇) name
no single body and resolve to ``None``; :func:`is_collective` recognises them
so a caller can tell them from unknown names (and need not report them as
unknown units).  :func:`segment` splits names printed without a separator
("上海市发展和改革委员会上海市水务局") into the registered names they consist of.
"""

from __future__ import annotations

import functools
import re
from typing import Final, Literal

import attrs

from ..errors import InvalidValueError
from .keys import has_cjk, name_key
from .registry import DISTRICTS, Registry, Unit, load_registry

__all__ = [
    "MAX_NAME_LENGTH",
    "MUNICIPAL",
    "Segment",
    "district_of_jurisdiction",
    "is_collective",
    "is_known_name",
    "lookup",
    "segment",
]

# No body's name is longer; longer input is not a name and is not worth keying.
MAX_NAME_LENGTH: Final = 200
#: The jurisdiction code of a municipal document: ``"cn-sh"``.
MUNICIPAL: Final = "cn-sh"
_DISTRICT_PREFIX: Final = MUNICIPAL + "-"

_OPENING_PARENS: Final = ("(", "（")
_CLOSING_PARENS: Final = (")", "）")

_COLLECTIVE_EN: Final = re.compile(
    r"^(?:(?:all|each|every|various|other|relevant|related|concerned|member|the|of|and) )*"
    r"(?:(?:district|municipal|local|government|administrative|peoples) )*"
    r"(?:governments|departments|units|bureaus|agencies|authorities|districts|institutions"
    r"|organizations|organisations|commissions|offices|enterprises|parties|bodies"
    r"|subdistricts|towns|townships)"
    r"(?: (?:and|or) (?:(?:relevant|other|related) )?(?:units|departments|institutions|agencies"
    r"|bureaus|organizations|organisations|offices|enterprises|districts|governments"
    r"|subdistricts|towns|townships))?"
    r"(?: (?:concerned|involved))?"
    r"(?: of (?:all |each |every |the )?(?:relevant )?(?:districts|departments))?$"
)
# "each district government": singular after each / every, still many bodies.
_COLLECTIVE_EACH: Final = re.compile(
    r"^(?:each|every) (?:(?:district|municipal|local|relevant|administrative) )*"
    r"(?:government|department|unit|bureau|agency|district|office|commission|subdistrict|town)$"
)

# Chinese collectives: a quantifier (各 / 相关 / 有关 / 属地 ...), possibly after
# a scope (区 / 市政府 ...), then generic nouns only (部门, 单位, 街镇, 委办局 ...):
# 各区政府, 区有关部门, 各相关委办局, 相关企事业科研单位, 其他各成员单位, 各街镇（园区）.
_ZH_SCOPE: Final = r"(?:区政府|市政府|区级|市级|区|市)"
# 4个街道 / 两个区: a count of bodies is many bodies.
_ZH_QUANTIFIER: Final = (
    r"(?:[0-9０-９一二三四五六七八九十两]+个|各有关|各相关|其他相关|其他有关|其它相关|其它有关|各个|各级|各类|相关|有关|其他|其它|其余"
    r"|属地|所在|涉及|全市|全区|本市|本区|各)"
)
_ZH_MODIFIER: Final = (
    r"(?:企事业|事业|科研|行业|职能|成员|条线|直属|国有|国资|区属|市属|重点|功能区|专业|社会|市场|金融"
    r"|管理|监管|执法|建设|主管)"
)
_ZH_NOUN: Final = (
    r"(?:区政府|区人民政府|街道办事处|乡镇人民政府|镇人民政府|乡镇政府|镇政府|乡镇|街道镇|街镇|街道"
    r"|委、办、局|委办局|部门和单位|部门单位|单位和部门|部门|单位|企业|机构|院所|主体|开发区|园区|管委会"
    r"|街道管理办|管理办|集团|公司|国企|社区|居委会|村委会|居村委|居村|高校|学校|医院|区|镇|乡|方面)"
)
_ZH_TERM: Final = rf"(?:{_ZH_QUANTIFIER})*(?:{_ZH_MODIFIER})*{_ZH_NOUN}"
_COLLECTIVE_ZH: Final = re.compile(
    rf"^{_ZH_SCOPE}?(?:{_ZH_QUANTIFIER})+(?:{_ZH_MODIFIER})*{_ZH_NOUN}"
    rf"(?:(?:和|及|与|、|/){_ZH_TERM})*(?:[（(]{_ZH_TERM}[）)])?$"
)
# Nouns that are plural by themselves: 街镇 is every subdistrict and town; a
# kind of area (开发区, 园区) is the zones of that kind and their managers; a
# district's or the city's own enterprises (区属国有企业, 区属集团) are many
# companies; and a department named by its field (建设主管部门, 区规划资源部门)
# is no body's name but whichever departments are in charge.
_COLLECTIVE_ZH_BARE: Final = re.compile(
    r"^(?:街镇|街道镇|乡镇|委办局|街道办事处|区政府各委办局|区政府各部门|开发区|园区|工业园区|功能区"
    r"|街道管理办|国企|国有企业|(?:区属|市属|区管|市管)(?:国有|国资)?(?:企业|集团|公司|国企|单位)"
    r"|[\u4e00-\u9fff]{0,10}部门)(?:[（(][^（）()]*[）)])?$"
)

# Levels of bodies whose local name names one body, not every district's.
_OWN_LEVELS: Final = ("township", "enterprise")

# What a name says about Shanghai, for a document of another place.
_SAYS_SHANGHAI: Final = re.compile(r"上海|沪|shanghai", re.IGNORECASE)


@attrs.frozen(kw_only=True, slots=True)
class Segment:
    """One registered name inside a longer text: ``text[start:end]`` names ``unit``."""

    #: Offset of the name's first character in the text.
    start: int
    #: Offset just past its last character.
    end: int
    #: The body the name denotes.
    unit: Unit


Context = tuple[Literal["none", "municipal", "district", "elsewhere"], str | None]


def district_of_jurisdiction(jurisdiction: str | None) -> str | None:
    """The district slug of ``"cn-sh-<district>"``; ``None`` for any other jurisdiction.

    Raises :class:`~shpolicy.errors.InvalidValueError` for a ``cn-sh-`` code
    that names no Shanghai district (a typo must not read as "elsewhere").
    """
    return _context(jurisdiction)[1]


@functools.lru_cache(maxsize=64)
def _context(jurisdiction: str | None) -> Context:
    if jurisdiction is None:
        return ("none", None)
    if jurisdiction == MUNICIPAL:
        return ("municipal", None)
    if jurisdiction.startswith(_DISTRICT_PREFIX):
        district = jurisdiction[len(_DISTRICT_PREFIX) :]
        if district not in DISTRICTS:
            raise InvalidValueError(
                f"jurisdiction {jurisdiction!r}: no Shanghai district is called {district!r}"
            )
        return ("district", district)
    return ("elsewhere", None)


# The registry never changes while the process runs, so answers can be
# memoised: documents repeat the same few dozen names hundreds of times.
@functools.lru_cache(maxsize=8192)
def lookup(name: str, *, jurisdiction: str | None = None) -> Unit | None:
    """The registered body *name* denotes in *jurisdiction*; ``None`` when unknown, ambiguous
    or collective.

    Any form of a name finds its body: 市商务委, 上海市商务委员会 and "Shanghai Municipal
    Commission of Commerce" give the same one.  Names that depend on context follow
    *jurisdiction*: 区发展改革委 or "District Development and Reform Commission" is that
    district's body in ``"cn-sh-<district>"``, a collective (``None``) in ``"cn-sh"``; in
    another place's document only a name that says Shanghai (上海, 沪, "Shanghai") resolves;
    with ``None`` only the names that need no context do.
    """
    context = _context(jurisdiction)
    if not name or len(name) > MAX_NAME_LENGTH:
        return None
    if context[0] == "elsewhere" and _SAYS_SHANGHAI.search(name) is None:
        return None
    registry = load_registry()
    unit = _exact(registry, name_key(name), context)
    if unit is not None:
        return unit
    return _without_parenthesis(registry, name, context)


def is_known_name(name: str, *, jurisdiction: str | None = None) -> bool:
    """True when *name* resolves to a registered body in *jurisdiction*."""
    return lookup(name, jurisdiction=jurisdiction) is not None


@functools.lru_cache(maxsize=4096)
def is_collective(name: str, *, jurisdiction: str | None = None) -> bool:
    """True when *name* denotes several bodies ("relevant district governments", 各街镇, and
    in a municipal document any 区X name such as 区发展改革委)."""
    context = _context(jurisdiction)
    if not name or len(name) > MAX_NAME_LENGTH:
        return False
    outer = _before_note(name)
    if outer is not None:
        # "属地街镇（镇人民政府、街道办事处）": a note on what the collective holds.
        return is_collective(outer, jurisdiction=jurisdiction)
    key = name_key(name)
    if has_cjk(key):
        if _COLLECTIVE_ZH.match(key) or _COLLECTIVE_ZH_BARE.match(key):
            return True
    elif _COLLECTIVE_EN.match(key) or _COLLECTIVE_EACH.match(key):
        return True
    return context[0] == "municipal" and _is_district_generic(load_registry(), key)


def segment(text: str, *, jurisdiction: str | None = None) -> tuple[Segment, ...]:
    """The registered names *text* consists of, printed one after another.

    ``"黄浦区发展和改革委员会黄浦区建设和管理委员会"`` gives two segments.  Blanks
    between names are allowed and belong to no segment.  The answer is ``()``
    when the text is not made entirely of names resolvable in *jurisdiction*,
    or when it splits into names in more than one way: a split is never
    guessed.  A text that is one name gives one segment.
    """
    context = _context(jurisdiction)
    if not text or len(text) > 4 * MAX_NAME_LENGTH:
        return ()
    registry = load_registry()
    n = len(text)
    # ways[i]: how many ways text[i:] splits (capped at 2: "more than one");
    # choice[i]: the end of the first name of the split, when there is one way.
    ways = [0] * (n + 1)
    choice: list[tuple[int, Unit] | None] = [None] * (n + 1)
    ways[n] = 1
    for start in range(n - 1, -1, -1):
        if text[start].isspace():
            ways[start], choice[start] = ways[start + 1], None
            continue
        if start > 0 and not text[start - 1].isspace() and _inside_word(text, start):
            continue
        for end in range(start + 1, min(n, start + _longest_name()) + 1):
            # A piece ending in a blank keys like the one without it: one split, not two.
            if ways[end] == 0 or text[end - 1].isspace() or (end < n and _inside_word(text, end)):
                continue
            unit = _segment_unit(registry, text[start:end], context)
            if unit is None:
                continue
            ways[start] = min(2, ways[start] + ways[end])
            choice[start] = (end, unit)
    if ways[0] != 1:
        return ()
    found: list[Segment] = []
    position = 0
    while position < n:
        step = choice[position]
        if step is None:
            position += 1
            continue
        end, unit = step
        found.append(Segment(start=position, end=end, unit=unit))
        position = end
    return tuple(found)


# --------------------------------------------------------------------------- internals


def _exact(registry: Registry, key: str, context: Context) -> Unit | None:
    if not key:
        return None
    kind, district = context
    if kind == "district":
        assert district is not None
        unit = registry.local[district].get(key)
        if unit is not None:
            return unit
    unit = registry.by_key.get(key)
    if unit is not None or kind not in ("district", "municipal"):
        return unit
    return _unique_township(registry, key)


def _unique_township(registry: Registry, key: str) -> Unit | None:
    # 九亭镇 without its district, in a Shanghai document: the one town of
    # that name, when only one district has it.
    districts = registry.local_districts.get(key)
    if districts is None or len(districts) != 1:
        return None
    unit = registry.local[next(iter(districts))][key]
    return unit if unit.level == "township" else None


def _is_district_generic(registry: Registry, key: str) -> bool:
    # A local name of a district body (not of a town or a district's company):
    # 区发展改革委 is, in a municipal document, every district's development and
    # reform commission.
    districts = registry.local_districts.get(key)
    if districts is None:
        return False
    # (A district's own company, 城投公司, is no body every district has.)
    return any(registry.local[d][key].level not in _OWN_LEVELS for d in districts)


def _before_note(name: str) -> str | None:
    """The name before a bracketed note ending it ("各街镇（园区）" → "各街镇"), else ``None``."""
    stripped = name.rstrip()
    if not stripped.endswith(_CLOSING_PARENS):
        return None
    opening = min((i for i in (stripped.find(p) for p in _OPENING_PARENS) if i > 0), default=-1)
    return stripped[:opening] if opening > 0 else None


def _without_parenthesis(registry: Registry, name: str, context: Context) -> Unit | None:
    stripped = name.rstrip()
    if not stripped.endswith(_CLOSING_PARENS):
        return None
    opening = min(
        (i for i in (stripped.find(p) for p in _OPENING_PARENS) if i > 0),
        default=-1,
    )
    if opening < 0:
        return None
    outer = _exact(registry, name_key(stripped[:opening]), context)
    if outer is None:
        return None
    inner = _exact(registry, name_key(stripped[opening + 1 : -1]), context)
    return outer if inner is None or inner.id == outer.id else None


def _segment_unit(registry: Registry, piece: str, context: Context) -> Unit | None:
    if context[0] == "elsewhere" and _SAYS_SHANGHAI.search(piece) is None:
        return None
    # No parenthesis rule here: a segment is a name as registered.
    return _exact(registry, name_key(piece), context)


def _inside_word(text: str, position: int) -> bool:
    """True when *position* falls between two letters of one Latin word (no cut there)."""
    before, after = text[position - 1], text[position]
    return before.isascii() and after.isascii() and before.isalnum() and after.isalnum()


@functools.cache
def _longest_name() -> int:
    registry = load_registry()
    return max(len(name) for unit in registry.units for name in (*unit.names(), *unit.local_names))
