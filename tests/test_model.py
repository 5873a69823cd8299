"""The model: validators, immutability, keyword-only construction, value equality, measure order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

import attrs
import pytest
from hypothesis import given, settings

from shpolicy.errors import InvalidValueError, ShpolicyError
from shpolicy.model import (
    Diagnostic,
    Language,
    Measure,
    Policy,
    ResponsibleUnit,
    Role,
    Section,
    Severity,
    Span,
    Target,
    ValidityPeriod,
)
from strategies import policies, sections


def span(start: int, end: int) -> Span:
    return Span(start=start, end=end)


def measure(label: str, start: int) -> Measure:
    return Measure(label=label, ordinal=1, title=label, text=label, span=span(start, start + 1))


def target(**changes: Any) -> Target:
    values: dict[str, Any] = {"text": "5万", "value": Decimal(50000), "unit": "yuan", **changes}
    return Target(**values, span=span(0, 2))


def test_invalid_value_error_is_a_shpolicy_error_and_a_value_error() -> None:
    assert issubclass(InvalidValueError, ShpolicyError)
    assert issubclass(InvalidValueError, ValueError)


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (0, -1), (-3, -1)])
def test_span_rejects_negative_offsets(start: int, end: int) -> None:
    with pytest.raises(InvalidValueError, match="must be >= 0"):
        Span(start=start, end=end)


def test_span_rejects_end_before_start() -> None:
    with pytest.raises(InvalidValueError, match="before its start"):
        Span(start=5, end=4)


def test_span_may_be_empty() -> None:
    assert Span(start=7, end=7).end == 7


def test_validity_rejects_start_after_end() -> None:
    with pytest.raises(InvalidValueError, match="2024-03-02 after it ends 2024-03-01"):
        ValidityPeriod(start=dt.date(2024, 3, 2), end=dt.date(2024, 3, 1))


def test_validity_accepts_one_day_period() -> None:
    day = dt.date(2024, 3, 1)
    assert ValidityPeriod(start=day, end=day).end == day


def test_validity_cannot_start_on_announcement_and_on_a_date() -> None:
    with pytest.raises(InvalidValueError, match="announcement"):
        ValidityPeriod(start=dt.date(2024, 1, 1), starts_on_announcement=True)


@pytest.mark.parametrize("comparator", ["", "==", "≥", "=>", "~", " ="])
def test_target_rejects_unknown_comparator(comparator: str) -> None:
    with pytest.raises(InvalidValueError, match="comparator"):
        target(comparator=comparator)


@pytest.mark.parametrize("comparator", ["=", ">", ">=", "<", "<="])
def test_target_accepts_every_known_comparator(comparator: str) -> None:
    assert target(comparator=comparator).comparator == comparator


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_target_rejects_non_finite_value(value: Decimal) -> None:
    with pytest.raises(InvalidValueError, match="finite"):
        target(value=value)


@pytest.mark.parametrize("severity", ["fatal", "Error", "", "warn"])
def test_diagnostic_rejects_unknown_severity(severity: str) -> None:
    with pytest.raises(InvalidValueError, match="severity"):
        Diagnostic(code="gap", severity=cast("Severity", severity), message="m")


@pytest.mark.parametrize("role", ["leader", "Lead", "", "responsible"])
def test_unit_rejects_unknown_role(role: str) -> None:
    with pytest.raises(InvalidValueError, match="role"):
        ResponsibleUnit(name="市商务委", role=cast("Role", role))


def test_unit_role_may_be_absent() -> None:
    assert ResponsibleUnit(name="市商务委").role is None


@pytest.mark.parametrize("language", ["fr", "EN", "zh-CN", ""])
def test_policy_rejects_unknown_language(language: str) -> None:
    with pytest.raises(InvalidValueError, match="language"):
        Policy(language=cast("Language", language))


def test_model_is_frozen() -> None:
    item = span(1, 2)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        item.start = 0  # type: ignore[misc]


def test_model_is_slotted() -> None:
    assert not hasattr(span(1, 2), "__dict__")


def test_model_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        Span(1, 2)  # type: ignore[call-arg]  # positional arguments are refused


def test_model_has_value_equality() -> None:
    first = Policy(title="t", measures=(measure("1.", 0),), issued=dt.date(2024, 1, 1))
    second = Policy(title="t", measures=(measure("1.", 0),), issued=dt.date(2024, 1, 1))
    assert first == second
    assert hash(first) == hash(second)
    assert first != attrs.evolve(second, title="u")


def test_all_measures_follow_document_order_across_nested_sections() -> None:
    # Printed order: m1 (before any section), s1 > m2, s1 > s1.1 > m3, s1 > m4, m5 (after).
    m1, m2, m3, m4, m5 = (measure(f"{n}.", n * 10) for n in range(1, 6))
    inner = Section(
        num="1", label="(1)", ordinal=1, heading="inner", measures=(m3,), span=span(25, 35)
    )
    outer = Section(
        num="I",
        label="I.",
        ordinal=1,
        heading="outer",
        sections=(inner,),
        measures=(m2, m4),
        span=span(15, 45),
    )
    policy = Policy(sections=(outer,), measures=(m1, m5))
    assert policy.all_measures() == (m1, m2, m3, m4, m5)
    assert outer.all_measures() == (m2, m3, m4)
    assert inner.all_measures() == (m3,)


def test_all_measures_of_an_empty_policy_is_empty() -> None:
    assert Policy().all_measures() == ()


def _count_measures(section: Section) -> int:
    return len(section.measures) + sum(_count_measures(child) for child in section.sections)


@settings(max_examples=50, deadline=None)
@given(sections(max_depth=2))
def test_section_all_measures_is_every_measure_sorted_by_start(section: Section) -> None:
    found = section.all_measures()
    assert len(found) == _count_measures(section)
    starts = [item.span.start for item in found]
    assert starts == sorted(starts)


@settings(max_examples=50, deadline=None)
@given(policies())
def test_policy_all_measures_includes_top_level_measures(policy: Policy) -> None:
    found = policy.all_measures()
    assert all(item in found for item in policy.measures)
    assert len(found) == len(policy.measures) + sum(_count_measures(s) for s in policy.sections)


def test_subpackages_are_reachable_as_attributes() -> None:
    import shpolicy

    unit = shpolicy.units.lookup("市商务委")
    assert unit is not None
    assert callable(shpolicy.akn.validate)
    assert callable(shpolicy.batch.parse_many)
