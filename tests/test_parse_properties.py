"""Properties of the parser on arbitrary input: it never crashes, and spans point into the text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shpolicy
from shpolicy import Policy, Section, Span

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))
SAMPLE_LINES = [line for p in SAMPLES for line in p.read_text(encoding="utf-8").splitlines()]


def _spans(policy: Policy) -> Iterator[tuple[str, Span]]:
    for d in policy.diagnostics:
        if d.span is not None:
            yield d.code, d.span
    for r in policy.implements:
        yield "reference", r.span
    for u in policy.issuers:
        if u.span is not None:
            yield "issuer", u.span
    for t in policy.targets:
        yield "target", t.span
    if policy.validity is not None and policy.validity.span is not None:
        yield "validity", policy.validity.span
    todo: list[Policy | Section] = [policy]
    while todo:
        container = todo.pop()
        for section in container.sections:
            yield "section", section.span
            todo.append(section)
        for measure in container.measures:
            yield "measure", measure.span
            for u in measure.responsible_units:
                if u.span is not None:
                    yield "unit", u.span
            for t in measure.targets:
                yield "target", t.span


def _check(text: str) -> None:
    try:
        policy = shpolicy.parse_text(text)
    except shpolicy.ShpolicyError:
        return
    for what, span in _spans(policy):
        assert 0 <= span.start <= span.end <= len(text), (what, span)
    for measure in policy.all_measures():
        assert text[measure.span.start : measure.span.end].startswith(measure.label)
        for unit in measure.responsible_units:
            assert unit.span is not None
            # a name wrapped over lines is read as one line
            assert "".join(text[unit.span.start : unit.span.end].split()) == "".join(
                unit.name.split()
            )
    for reference in policy.implements:
        assert text[reference.span.start : reference.span.end] == reference.title


@settings(max_examples=300)
@given(st.text())
def test_arbitrary_text_never_crashes(text: str) -> None:
    _check(text)


label_parts = st.sampled_from(
    [
        "I. ",
        "(II) ",
        "一、",
        "（三）",
        "1.",
        "２．",
        "(13) ",
        "(Responsible units: ",
        "责任单位：",
        "）",
        ")",
        "。",
        ". ",
        "\n",
        "\r\n",
        "\u3000",
        "and ",
        "、",
        "，",
        "effective as of ",
        "December 31, 2028",
        "2025年3月1日",
        "有效期5年",
        "These Measures shall be ",
        "本措施自",
    ]
)


@settings(max_examples=300)
@given(st.lists(st.one_of(label_parts, st.text(max_size=8)), max_size=40).map("".join))
def test_label_soup_never_crashes(text: str) -> None:
    _check(text)


@pytest.mark.skipif(not SAMPLE_LINES, reason="no samples")
@settings(max_examples=100)
@given(st.lists(st.sampled_from(SAMPLE_LINES or [""]), max_size=30), st.data())
def test_shuffled_and_cut_sample_fragments(lines: list[str], data: st.DataObject) -> None:
    cut = [line[: data.draw(st.integers(0, len(line)))] for line in lines]
    _check("\n".join(cut))
