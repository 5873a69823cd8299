"""Numbering labels: the one-pattern pre-check agrees with trying every shape in turn."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from shpolicy import numbering
from shpolicy.normalize import Folded, fold
from shpolicy.numbering import Label, match_label

# Characters labels are made of, and what may follow them.
_LABELISH = st.lists(
    st.sampled_from(
        [
            *"()（）[].、．:： \n0123456789IVXLCMⅠⅡⅫ①⑳一二十百第章条节部分AaBz年万%",
            *("Part ", "Chapter ", "Article ", "部分"),
        ]
    ),
    max_size=12,
).map("".join)


def _every_shape(folded: Folded, pos: int) -> Label | None:
    """``match_label`` with a pre-check that sends every position to the first shape."""
    saved = numbering._ANY_SHAPE
    numbering._ANY_SHAPE = re.compile("()")  # type: ignore[misc]
    try:
        return match_label(folded, pos)
    finally:
        numbering._ANY_SHAPE = saved  # type: ignore[misc]


@settings(max_examples=2000, deadline=None)
@given(_LABELISH, st.integers(min_value=0, max_value=3))
@example("(XII) Item", 0)
@example("1.2 Heading", 0)
@example(". x", 0)
@example("3 年", 0)
@example("第十二章 总则", 0)
def test_pre_check_never_changes_the_label(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    folded = fold(text)
    assert match_label(folded, pos) == _every_shape(folded, pos)


def test_every_shape_has_one_group_in_the_pre_check() -> None:
    # A capturing group inside a shape would shift the group that names it.
    assert numbering._ANY_SHAPE.groups == len(numbering._PATTERNS)


@pytest.mark.parametrize(
    ("text", "shape", "value"),
    [
        ("(XII) Item", "paren", 12),
        ("(13) Item", "paren", 13),
        ("一、总体要求", "cn-dun", 1),
        ("1.2 Heading", "decimal-2", 2),
        ("第三章 保障", "cn-chapter", 3),
        ("Article 4 Scope", "en-article", 4),
        ("⑤ 项目", "circled", 5),
    ],
)
def test_label_shapes(text: str, shape: str, value: int) -> None:
    label = match_label(fold(text), 0)
    assert label is not None
    assert (label.shape, label.value) == (shape, value)


@pytest.mark.parametrize("text", ["2024.12 report", "1.5 million", "3 年", "I.e. this", "plain"])
def test_not_labels(text: str) -> None:
    assert match_label(fold(text), 0) is None
