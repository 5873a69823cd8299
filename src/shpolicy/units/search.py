"""Find registered bodies from a partial or approximate name: "商务委", "Commerce", "徐汇 科委".

:func:`search` is for people (the ``shpolicy units`` command), not for the
parser: it ranks candidates, where :func:`~shpolicy.units.lookup` answers one
body or none.  A query is split into terms at blanks (a Chinese query without
blanks is one term); every term must match one of a body's names, local names
included:

* exactly (the whole name, after :func:`~shpolicy.units.keys.name_key`),
* as a part of a name (商务委 in 上海市商务委员会, "commerce" in "Jing'an District
  Commerce Commission"), or
* approximately: an English word within a small edit distance of a word of
  the name ("Comerce"), a Chinese term sharing most of its character pairs
  with the name (徐汇科委 and 徐汇区科委).

Bodies are ranked by how well their best name matches (exact, then part,
then approximate), then municipal before district bodies, then by id.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from typing import Final

import attrs

from .keys import has_cjk, name_key
from .registry import Unit, load_registry
from .resolve import district_of_jurisdiction, lookup

__all__ = ["SearchHit", "search"]

# Words that say nothing about which body is meant: a query made of them
# only ("the municipal bureau") matches nothing rather than everything.
_STOP_WORDS: Final = frozenset(
    {"the", "of", "and", "for", "on", "shanghai", "municipal", "district", "new", "area", "s"}
)
_WORD: Final = re.compile(r"[a-z0-9]+")
# Scores: lower is better.
_EXACT: Final = 0.0
_PART: Final = 1.0
_APPROXIMATE: Final = 2.0
_LEVEL_ORDER: Final = {
    "municipal": 0,
    "party": 1,
    "national-branch": 2,
    "district": 3,
    "township": 4,
    "enterprise": 5,
    "institution": 6,
    "other": 7,
}


@attrs.frozen(kw_only=True, slots=True)
class SearchHit:
    """A body found by :func:`search`: the unit, the name that matched and how well (0 best)."""

    #: The body found.
    unit: Unit
    #: The name of the body that matched the query (any of its names).
    name: str
    #: How well it matched: 0 for the whole name, 1 for a part of it, 2 for an approximate match.
    score: float


@attrs.frozen(kw_only=True, slots=True)
class _Name:
    unit: Unit
    name: str
    key: str
    words: frozenset[str]


def search(
    query: str, *, jurisdiction: str | None = None, limit: int = 10
) -> tuple[SearchHit, ...]:
    """The bodies whose names best match *query*, best first, at most *limit*.

    With *jurisdiction* ``"cn-sh-<district>"`` only that district's bodies are
    candidates, and the query is read in its context first (区商务委 is its
    commerce commission); with ``"cn-sh"`` only bodies of no district.
    """
    district = district_of_jurisdiction(jurisdiction)
    terms = _terms(query)
    if not terms or limit <= 0:
        return ()
    best: dict[str, SearchHit] = {}
    exact = lookup(query, jurisdiction=jurisdiction) if district or jurisdiction else None
    if exact is None:
        exact = lookup(query)
    if exact is not None and _in_scope(exact, jurisdiction, district):
        best[exact.id] = SearchHit(unit=exact, name=query.strip(), score=_EXACT)
    for unit_names in _candidates(jurisdiction, district):
        hit = _match(unit_names, terms)
        if hit is not None and (hit.unit.id not in best or hit.score < best[hit.unit.id].score):
            best[hit.unit.id] = hit
    ranked = sorted(
        best.values(),
        key=lambda h: (h.score, _LEVEL_ORDER.get(h.unit.level, 9), h.unit.id),
    )
    return tuple(ranked[:limit])


def _terms(query: str) -> tuple[str, ...]:
    terms = []
    for raw in query.split():
        key = name_key(raw)
        if not key:
            continue
        if has_cjk(key):
            terms.append(key)
        else:
            terms.extend(w for w in key.split() if w not in _STOP_WORDS)
    return tuple(terms)


def _in_scope(unit: Unit, jurisdiction: str | None, district: str | None) -> bool:
    if district is not None:
        return unit.district == district
    if jurisdiction is not None:
        return unit.district is None
    return True


def _candidates(jurisdiction: str | None, district: str | None) -> Iterable[tuple[_Name, ...]]:
    for names in _all_names():
        if _in_scope(names[0].unit, jurisdiction, district):
            yield names


@functools.cache
def _all_names() -> tuple[tuple[_Name, ...], ...]:
    result = []
    for unit in load_registry().units:
        names = []
        for name in (*unit.names(), *unit.local_names):
            key = name_key(name)
            if key:
                words = frozenset(() if has_cjk(key) else _WORD.findall(key))
                names.append(_Name(unit=unit, name=name, key=key, words=words))
        result.append(tuple(names))
    return tuple(result)


@functools.cache
def _vocabulary() -> tuple[str, ...]:
    return tuple(sorted({w for names in _all_names() for n in names for w in n.words}))


@functools.lru_cache(maxsize=1024)
def _near_words(word: str) -> frozenset[str]:
    return frozenset(difflib.get_close_matches(word, _vocabulary(), n=5, cutoff=0.8))


def _match(names: tuple[_Name, ...], terms: tuple[str, ...]) -> SearchHit | None:
    """How *terms* match the best of one unit's *names*; ``None`` when some term matches none."""
    scored: list[tuple[float, _Name]] = []
    for term in terms:
        score, name = _term_score(names, term)
        if name is None:
            return None
        scored.append((score, name))
    shown = min(scored, key=lambda pair: pair[0])[1]
    total = sum(score for score, _ in scored) / len(scored)
    return SearchHit(unit=names[0].unit, name=shown.name, score=total)


def _term_score(names: tuple[_Name, ...], term: str) -> tuple[float, _Name | None]:
    best: tuple[float, _Name | None] = (9.0, None)
    chinese = has_cjk(term)
    for name in names:
        if has_cjk(name.key) != chinese:
            continue
        if name.key == term:
            return (_EXACT, name)
        if chinese:
            score = _chinese_score(term, name.key)
        elif term in name.words or any(w.startswith(term) for w in name.words if len(term) >= 3):
            # The fewer words the name has besides the term, the better.
            score = _PART + 0.5 * (1 - 1 / max(1, len(name.key.split())))
        elif name.words & _near_words(term):
            score = _APPROXIMATE
        else:
            continue
        if score < best[0]:
            best = (score, name)
    return best if best[1] is not None else (9.0, None)


def _chinese_score(term: str, key: str) -> float:
    if term in key:
        # Between _PART and _APPROXIMATE: the more of the name the term covers, the better.
        return _PART + 0.5 * (1 - min(1.0, len(term) / max(1, len(key))))
    # Character pairs the term shares with the name: 徐汇科委 and 徐汇区科委 share 徐汇, 科委.
    pairs = {term[i : i + 2] for i in range(len(term) - 1)}
    if not pairs:
        return 9.0
    shared = sum(1 for pair in pairs if pair in key)
    return _APPROXIMATE if shared / len(pairs) >= 0.6 else 9.0
