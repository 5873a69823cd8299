"""Identifiers: the FRBR URIs of a policy, eIds of its parts, ids of TLC entries.

Everything here is a pure function of the policy, so the same policy always
gets the same URIs and ids (exports are deterministic).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from ..model import DISTRICTS, Policy
from ..normalize import fold
from .vocabulary import DOC_NAME, LANGUAGE_CODES, NOTICE_DOC_NAME, NULL_DATE

__all__ = [
    "FrbrUris",
    "IdAllocator",
    "frbr_place",
    "frbr_uris",
    "notice_uris",
    "short_hash",
    "sibling_components",
    "slug",
]

COUNTRY: Final = "cn"
LOCALITY: Final = "sh"

_NON_SLUG: Final = re.compile(r"[^a-z0-9]+")
_NON_ALNUM: Final = re.compile(r"[^0-9A-Za-z]+")
_NON_ASCII_WORD: Final = re.compile(r"[^\x00-\x7f]")


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits of *text*, other runs as one hyphen."""
    return _NON_SLUG.sub("-", fold(text).lower()).strip("-")


def short_hash(text: str, length: int = 8) -> str:
    """A short, stable hex digest of *text* (surrogates allowed)."""
    data = text.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:length]


_DISTRICT_CODES: Final = frozenset(DISTRICTS)


def frbr_place(jurisdiction: str | None) -> str:
    """The FRBR country component for a document of *jurisdiction*.

    ``"cn-sh"`` and ``"cn-sh-<district>"`` are kept as they are; anything
    else — another place's code, an unknown district, ``None`` for a document
    that is not Shanghai's or cannot be placed — is ``"cn"``: never a Shanghai
    URI for a document nobody has placed in Shanghai.
    """
    shanghai = f"{COUNTRY}-{LOCALITY}"
    if jurisdiction == shanghai:
        return shanghai
    if jurisdiction is not None and jurisdiction.startswith(shanghai + "-"):
        district = jurisdiction[len(shanghai) + 1 :]
        if district in _DISTRICT_CODES:
            return jurisdiction
    return COUNTRY


@attrs.frozen(kw_only=True, slots=True)
class FrbrUris:
    """The FRBR identification of one export."""

    place: str
    subtype: str
    work: str
    expression: str
    manifestation: str
    date: str
    number: str | None


def _number_component(policy: Policy) -> str | None:
    if policy.doc_number is None:
        return None
    component = slug(policy.doc_number)
    # Chinese numbers lose their issuer prefix (沪府办规) in an ASCII slug:
    # a digest of the full number keeps such URIs apart.
    if _NON_ASCII_WORD.search(policy.doc_number) or not component:
        component = "-".join(filter(None, (component, short_hash(policy.doc_number, 6))))
    return component


def frbr_uris(policy: Policy) -> FrbrUris:
    """Work, expression and manifestation URIs (``/akn/cn-sh[-district]/doc/policy/...``,
    ``/akn/cn/...`` for a document that is not Shanghai's)."""
    dated = policy.issued or policy.published
    # Akoma Ntoso numbers an unnumbered work "nn"; the digest keeps two
    # unnumbered, undated policies from sharing one URI.
    unnumbered = "nn-" + short_hash((policy.title or "") + "\n" + policy.preamble)
    return _uris(policy, DOC_NAME, dated, unnumbered)


def notice_uris(policy: Policy) -> FrbrUris:
    """The URIs of the notice that wraps *policy* (``/akn/cn-sh…/doc/notice/...``).

    The notice is a work of its own, dated by its signature; the policy it
    issues keeps the URIs of :func:`frbr_uris`.
    """
    notice = policy.notice
    title = notice.title if notice is not None else ""
    dated = (notice.date if notice is not None else None) or policy.issued or policy.published
    return _uris(policy, NOTICE_DOC_NAME, dated, "nn-" + short_hash(title))


def _uris(policy: Policy, subtype: str, dated: dt.date | None, unnumbered: str) -> FrbrUris:
    place = frbr_place(policy.jurisdiction)
    date = dated.isoformat() if dated is not None else NULL_DATE
    number = _number_component(policy)
    uri_number = number or unnumbered
    work = f"/akn/{place}/doc/{subtype}/{date}/{uri_number}"
    language = LANGUAGE_CODES[policy.language]
    expression = f"{work}/{language}@{date if dated is not None else ''}"
    return FrbrUris(
        place=place,
        subtype=subtype,
        work=work,
        expression=expression,
        manifestation=expression + ".xml",
        date=date,
        number=number,
    )


def sibling_components(labels: Sequence[str]) -> list[str]:
    """eId number components for siblings of one kind (``I``, ``II``, ``1``...).

    The printed number, stripped to ASCII letters and digits, when every
    sibling has a distinct non-empty one; otherwise the 1-based positions, so
    that eIds stay unique whatever the numbering looks like.
    """
    cleaned = [_NON_ALNUM.sub("", label) for label in labels]
    if all(cleaned) and len(set(cleaned)) == len(cleaned):
        return cleaned
    return [str(position) for position in range(1, len(labels) + 1)]


@attrs.define
class IdAllocator:
    """Hands out unique ids within one document (a writer's private state)."""

    used: set[str] = attrs.field(factory=set)
    # Last suffix tried per base, so that many names with one slug cost
    # linear, not quadratic, time.
    counters: dict[str, int] = attrs.field(factory=dict)

    def claim(self, base: str) -> str:
        """*base*, or *base* with the first free ``-2``, ``-3``... suffix."""
        candidate, counter = base, self.counters.get(base, 1)
        if counter > 1:
            candidate = f"{base}-{counter}"
        while candidate in self.used:
            counter += 1
            candidate = f"{base}-{counter}"
        self.counters[base] = counter
        self.used.add(candidate)
        return candidate

    def reserve(self, ids: Iterable[str]) -> None:
        """Mark fixed ids as taken."""
        self.used.update(ids)
