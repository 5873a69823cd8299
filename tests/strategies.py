"""Hypothesis strategies that build arbitrary *valid* shpolicy model objects.

Import them from a test module as ``from strategies import policies`` (pytest puts
``tests/`` on ``sys.path``).  Sizes stay small (at most three items per tuple,
short strings) so property tests run fast; the variety comes from the text
alphabet and the extreme numbers, not from volume.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final, TypeVar

from hypothesis import strategies as st

from shpolicy.model import (
    COMPARATORS,
    JURISDICTIONS,
    LANGUAGES,
    ROLES,
    SEVERITIES,
    Diagnostic,
    Measure,
    Policy,
    Reference,
    ResponsibleUnit,
    Section,
    Span,
    Target,
    Task,
    ValidityPeriod,
)

__all__ = [
    "decimals",
    "diagnostics",
    "measures",
    "policies",
    "references",
    "sections",
    "spans",
    "targets",
    "texts",
    "units",
    "validity_periods",
]

T = TypeVar("T")

MAX_ITEMS: Final = 3
# Lists inside measures and sections stay shorter: a policy holds many of them.
MAX_INNER_ITEMS: Final = 2
MAX_TEXT: Final = 12

# Characters that exercise the exporters: CJK and full-width punctuation, right-to-left
# scripts and bidi controls, emoji (astral plane, ZWJ sequences), Unicode spaces,
# line/paragraph separators, C0/C1 controls, BOM and non-characters.
_SPECIAL_CHARS: Final = (
    "沪府办规〔〕，。、（）：；一二三四五六七八九十万元亿",
    "שלום مرحبا \u200f\u200e\u202e\u2066\u2069",
    "😀👨\u200d👩\u200d👧🇨🇳\U0001f9e7",
    "\u00a0\u3000\u2009\u202f\ufeff\u2028\u2029",
    "\x00\x01\x08\x0b\x0c\x1b\x1f\x7f\x85\x9f\t\n\r",
    "\ufffe\uffff\ufffd<>&\"'\\",
)
_SPECIAL_ALPHABET: Final = "".join(_SPECIAL_CHARS)
# Boundary surrogates and the two halves of an emoji, to appear often rather than by luck.
_SURROGATES: Final = "\ud800\udbff\udc00\udfff\ud83d\ude00"

# A high surrogate directly followed by a low one is not "lone": every JSON (and
# XML) reader pairs it into one astral character, so strings from this module
# never contain such a pair.  Breaking the pair with a space keeps both halves.
_SURROGATE_PAIR: Final = re.compile("([\ud800-\udbff])(?=[\udc00-\udfff])")


def _break_surrogate_pairs(text: str) -> str:
    return _SURROGATE_PAIR.sub("\\1 ", text)


def _tuples_of(
    elements: st.SearchStrategy[T], max_size: int = MAX_ITEMS
) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(elements, max_size=max_size).map(lambda items: tuple(items))


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def texts(*, surrogates: bool = True, max_size: int = MAX_TEXT) -> st.SearchStrategy[str]:
    """Arbitrary Unicode: CJK, RTL, emoji, NBSP, controls and (optionally) lone surrogates."""
    # Two branches only: every extra ``one_of`` branch costs a draw per character.
    special = _SPECIAL_ALPHABET + "ab .1" + (_SURROGATES if surrogates else "")
    anything = st.characters(exclude_categories=()) if surrogates else st.characters()
    alphabet = anything | st.sampled_from(special)
    return st.text(alphabet=alphabet, max_size=max_size).map(_break_surrogate_pairs)


def decimals() -> st.SearchStrategy[Decimal]:
    """Finite decimals, including signed zeros, long coefficients and huge/tiny exponents."""
    built = st.builds(
        lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=25),
        st.integers(-10_000, 10_000),
    )
    return st.decimals(allow_nan=False, allow_infinity=False) | built


def spans() -> st.SearchStrategy[Span]:
    """A valid half-open span (``0 <= start <= end``)."""
    return st.integers(min_value=0, max_value=10**7).flatmap(
        lambda start: st.builds(Span, start=st.just(start), end=st.integers(start, start + 10**4))
    )


def units(*, surrogates: bool = True) -> st.SearchStrategy[ResponsibleUnit]:
    """A responsible unit with any name, id, role (or none) and span (or none)."""
    return st.builds(
        ResponsibleUnit,
        name=texts(surrogates=surrogates),
        unit_id=_optional(texts(surrogates=surrogates)),
        role=_optional(st.sampled_from(ROLES)),
        span=_optional(spans()),
    )


def targets(*, surrogates: bool = True) -> st.SearchStrategy[Target]:
    """A quantitative target with an exact finite value."""
    return st.builds(
        Target,
        text=texts(surrogates=surrogates),
        value=decimals(),
        unit=texts(surrogates=surrogates),
        comparator=st.sampled_from(COMPARATORS),
        deadline_year=_optional(st.integers()),
        span=spans(),
    )


def references(*, surrogates: bool = True) -> st.SearchStrategy[Reference]:
    """A reference to an implemented instrument."""
    return st.builds(Reference, title=texts(surrogates=surrogates), span=spans())


def diagnostics(*, surrogates: bool = True) -> st.SearchStrategy[Diagnostic]:
    """A parser diagnostic of any severity, with or without a span."""
    return st.builds(
        Diagnostic,
        code=texts(surrogates=surrogates),
        severity=st.sampled_from(SEVERITIES),
        message=texts(surrogates=surrogates),
        span=_optional(spans()),
    )


@st.composite
def _validity_period(draw: st.DrawFn, surrogates: bool) -> ValidityPeriod:
    first = draw(_optional(st.dates()))
    second = draw(_optional(st.dates()))
    if first is not None and second is not None and second < first:
        first, second = second, first
    # A period that starts on announcement has no fixed start date.
    on_announcement = draw(st.booleans()) if first is None else False
    period = st.builds(
        ValidityPeriod,
        start=st.just(first),
        end=st.just(second),
        starts_on_announcement=st.just(on_announcement),
        text=texts(surrogates=surrogates),
        span=_optional(spans()),
        provisional=st.booleans(),
    )
    return draw(period)


def validity_periods(*, surrogates: bool = True) -> st.SearchStrategy[ValidityPeriod]:
    """A validity period with start <= end and no fixed start when it starts on announcement."""
    return _validity_period(surrogates)


def measures(*, surrogates: bool = True) -> st.SearchStrategy[Measure]:
    """A measure with up to three responsible units and targets."""
    optional_text = _optional(texts(surrogates=surrogates))
    return st.builds(
        Measure,
        label=texts(surrogates=surrogates),
        ordinal=st.integers(),
        title=texts(surrogates=surrogates),
        text=texts(surrogates=surrogates),
        responsible_label=optional_text,
        responsible_units=_tuples_of(units(surrogates=surrogates), MAX_INNER_ITEMS),
        targets=_tuples_of(targets(surrogates=surrogates), MAX_INNER_ITEMS),
        span=spans(),
    )


def tasks(*, surrogates: bool = True) -> st.SearchStrategy[Task]:
    """A task of an annex with up to three units, a deadline and a measure's span (or none)."""
    optional_text = _optional(texts(surrogates=surrogates))
    return st.builds(
        Task,
        number=optional_text,
        text=texts(surrogates=surrogates),
        units=_tuples_of(units(surrogates=surrogates), MAX_INNER_ITEMS),
        deadline=optional_text,
        deadline_year=_optional(st.integers()),
        measure=_optional(spans()),
        span=spans(),
    )


def sections(max_depth: int = 2, *, surrogates: bool = True) -> st.SearchStrategy[Section]:
    """A section nesting further sections down to ``max_depth`` levels below it."""
    children: st.SearchStrategy[tuple[Section, ...]] = (
        _tuples_of(sections(max_depth - 1, surrogates=surrogates), MAX_INNER_ITEMS)
        if max_depth > 0
        else st.just(())
    )
    return st.builds(
        Section,
        num=texts(surrogates=surrogates),
        label=texts(surrogates=surrogates),
        ordinal=st.integers(),
        heading=texts(surrogates=surrogates),
        text=texts(surrogates=surrogates),
        sections=children,
        measures=_tuples_of(measures(surrogates=surrogates)),
        responsible_label=_optional(texts(surrogates=surrogates)),
        responsible_units=_tuples_of(units(surrogates=surrogates), MAX_INNER_ITEMS),
        targets=_tuples_of(targets(surrogates=surrogates), MAX_INNER_ITEMS),
        span=spans(),
    )


def policies(*, surrogates: bool = True, max_depth: int = 1) -> st.SearchStrategy[Policy]:
    """A whole policy; sections nest ``max_depth`` levels below the top ones."""
    optional_text = _optional(texts(surrogates=surrogates))
    return st.builds(
        Policy,
        title=optional_text,
        jurisdiction=_optional(st.sampled_from(JURISDICTIONS)),
        language=st.sampled_from(LANGUAGES),
        doc_number=optional_text,
        issued=_optional(st.dates()),
        published=_optional(st.dates()),
        issuers=_tuples_of(units(surrogates=surrogates)),
        validity=_optional(validity_periods(surrogates=surrogates)),
        implements=_tuples_of(references(surrogates=surrogates)),
        preamble=texts(surrogates=surrogates),
        sections=_tuples_of(sections(max_depth, surrogates=surrogates)),
        measures=_tuples_of(measures(surrogates=surrogates)),
        targets=_tuples_of(targets(surrogates=surrogates)),
        closing=optional_text,
        tasks=_tuples_of(tasks(surrogates=surrogates)),
        diagnostics=_tuples_of(diagnostics(surrogates=surrogates)),
        source=optional_text,
        text=texts(surrogates=surrogates, max_size=4 * MAX_TEXT),
    )
