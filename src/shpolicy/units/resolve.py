"""Resolve a body's name as written to its registry unit, conservatively.

Resolution is: the name's key (:func:`shpolicy.units.keys.name_key`) matched
exactly against the key of every registered name; failing that, two rules
that only ever remove text the body's identity does not depend on:

* a trailing parenthesis — a role marker ("市商务委（牵头）") or a second plate
  of the same office ("Pudong New Area Government (Shanghai Pilot Free Trade
  Zone Management Committee)") — is dropped, unless it names a *different*
  registered body, in which case the name is ambiguous and stays unresolved;
* nothing else: no fuzzy matching, no dropping of "Municipal" or of a
  district name.  A wrong id is worse than none.

Collective entries ("relevant district governments", "相关区政府", "all
relevant departments and units") name no single body and resolve to ``None``;
:func:`is_collective` recognises them so a caller can tell them from unknown
names (and need not report them as unknown units).
"""

from __future__ import annotations

import functools
import re
from typing import Final

from .keys import has_cjk, name_key
from .registry import Unit, load_registry

__all__ = ["MAX_NAME_LENGTH", "is_collective", "is_known_name", "lookup"]

# No body's name is longer; longer input is not a name and is not worth keying.
MAX_NAME_LENGTH: Final = 200

_OPENING_PARENS: Final = ("(", "（")
_CLOSING_PARENS: Final = (")", "）")

_COLLECTIVE_EN: Final = re.compile(
    r"^(?:(?:all|each|every|various|other|relevant|related|concerned|member|the|of|and) )*"
    r"(?:(?:district|municipal|local|government|administrative|peoples) )*"
    r"(?:governments|departments|units|bureaus|agencies|authorities|districts|institutions"
    r"|organizations|organisations|commissions|offices|enterprises|parties|bodies)"
    r"(?: (?:and|or) (?:(?:relevant|other|related) )?(?:units|departments|institutions|agencies"
    r"|bureaus|organizations|organisations|offices|enterprises|districts|governments))?"
    r"(?: (?:concerned|involved))?"
    r"(?: of (?:all |each |every |the )?(?:relevant )?(?:districts|departments))?$"
)
# "each district government": singular after each / every, still many bodies.
_COLLECTIVE_EACH: Final = re.compile(
    r"^(?:each|every) (?:(?:district|municipal|local|relevant|administrative) )*"
    r"(?:government|department|unit|bureau|agency|district|office|commission)$"
)
_COLLECTIVE_ZH: Final = re.compile(
    r"^(?:各|相关|有关|各相关|各有关|其他相关|其他有关|各级)"
    r"(?:区(?:政府)?|部门|单位|委办局|部门单位|部门和单位|区和部门|区部门|区政府和部门|机构|企业)$"
)


# The registry never changes while the process runs, so answers can be
# memoised: documents repeat the same few dozen names hundreds of times.
@functools.lru_cache(maxsize=4096)
def lookup(name: str) -> Unit | None:
    """The registered body *name* denotes, or ``None`` when unknown, ambiguous or collective."""
    if not name or len(name) > MAX_NAME_LENGTH:
        return None
    unit = _exact(name)
    if unit is not None:
        return unit
    return _without_parenthesis(name)


def is_known_name(name: str) -> bool:
    """True when *name* resolves to a registered body (cheap: one key and one dict lookup)."""
    return lookup(name) is not None


@functools.lru_cache(maxsize=1024)
def is_collective(name: str) -> bool:
    """True when *name* denotes several bodies ("relevant district governments", "相关区")."""
    if not name or len(name) > MAX_NAME_LENGTH:
        return False
    key = name_key(name)
    pattern = _COLLECTIVE_ZH if has_cjk(key) else _COLLECTIVE_EN
    return pattern.match(key) is not None or _COLLECTIVE_EACH.match(key) is not None


def _exact(name: str) -> Unit | None:
    key = name_key(name)
    return load_registry().by_key.get(key) if key else None


def _without_parenthesis(name: str) -> Unit | None:
    stripped = name.rstrip()
    if not stripped.endswith(_CLOSING_PARENS):
        return None
    opening = min(
        (i for i in (stripped.find(p) for p in _OPENING_PARENS) if i > 0),
        default=-1,
    )
    if opening < 0:
        return None
    outer = _exact(stripped[:opening])
    if outer is None:
        return None
    inner = _exact(stripped[opening + 1 : -1])
    return outer if inner is None or inner.id == outer.id else None
