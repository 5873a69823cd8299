"""The comparator of every word, as the law and the translations read it (issue 19).

Chinese 以上 / 以下 / 以内 / 及以上 / 届满 include the number (PRC Civil Code,
art. 1259); 超过 / 高于 / 多于 exclude it ("more than"), 不满 / 低于 / 少于 / 不足
too ("less than").  Each word is tried where it is written: before the figure
("超过30个") or after it and its unit ("30个以上").  docs/targets.md shows the
same table.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from shpolicy.quantities.vocabulary import (
    CHINESE_PREFIX_COMPARATORS,
    CHINESE_SUFFIX_COMPARATORS,
    ENGLISH_PREFIX_COMPARATORS,
)
from shpolicy.targets import find_targets

# (word, written before or after the figure, comparator): the table of issue 19, in its order.
CHINESE: list[tuple[str, str, str]] = [
    ("以上", "after", ">="),
    ("以下", "after", "<="),
    ("以内", "after", "<="),
    ("及以上", "after", ">="),
    ("届满", "after", ">="),
    ("超过", "before", ">"),
    ("高于", "before", ">"),
    ("多于", "before", ">"),
    ("不满", "before", "<"),
    ("低于", "before", "<"),
    ("少于", "before", "<"),
    ("不足", "before", "<"),
    ("不少于", "before", ">="),
    ("不低于", "before", ">="),
    ("至少", "before", ">="),
    ("不超过", "before", "<="),
    ("不高于", "before", "<="),
    ("最高", "before", "<="),
    ("最多", "before", "<="),
    ("上限", "before", "<="),
]

ENGLISH: list[tuple[str, str]] = [
    ("more than", ">"),
    ("over", ">"),
    ("exceeding", ">"),
    ("above", ">"),
    ("at least", ">="),
    ("no less than", ">="),
    ("not less than", ">="),
    ("a minimum of", ">="),
    ("up to", "<="),
    ("no more than", "<="),
    ("not exceeding", "<="),
    ("a maximum of", "<="),
    ("at most", "<="),
    ("less than", "<"),
    ("below", "<"),
    ("under", "<"),
]


@pytest.mark.parametrize(("word", "where", "comparator"), CHINESE)
@pytest.mark.parametrize("figure", ["30个", "500万元", "40%"])
def test_chinese_word(word: str, where: str, comparator: str, figure: str) -> None:
    phrase = f"{word}{figure}" if where == "before" else f"{figure}{word}"
    (target,) = find_targets(f"到2025年，{phrase}。")
    assert (target.text, target.comparator) == (phrase, comparator)
    table = CHINESE_PREFIX_COMPARATORS if where == "before" else CHINESE_SUFFIX_COMPARATORS
    assert table[word] == comparator


@pytest.mark.parametrize(("word", "comparator"), ENGLISH)
@pytest.mark.parametrize("figure", ["30 parks", "RMB 5 million", "40%"])
def test_english_word(word: str, comparator: str, figure: str) -> None:
    phrase = f"{word} {figure}"
    (target,) = find_targets(f"By 2025, {phrase} will be reached.")
    assert (target.text, target.comparator) == (phrase, comparator)
    assert ENGLISH_PREFIX_COMPARATORS[word] == comparator


@pytest.mark.parametrize("figure", ["30个", "500万元", "40%", "30 parks", "RMB 5 million"])
def test_a_bare_figure_is_equal(figure: str) -> None:
    (target,) = find_targets(f"build {figure}." if figure.isascii() else f"建设{figure}。")
    assert (target.text, target.comparator) == (figure, "=")


def test_above_and_not_lower_than_are_one_commitment() -> None:
    """The issue's case: "40%以上" and "不低于40%" are the same ">= 40"."""
    (above,) = find_targets("到2025年底，本市建成区40%以上的面积达到海绵城市建设目标要求")
    (floor,) = find_targets("到2025年底，本市建成区不低于40%的面积达到海绵城市建设目标要求")
    assert (above.value, above.comparator, above.deadline_year) == (Decimal(40), ">=", 2025)
    assert (floor.value, floor.comparator, floor.deadline_year) == (Decimal(40), ">=", 2025)


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("5公里以外", ">"),  # 以外 excludes the number
        ("100个及以下", "<="),
        ("RMB 5 million at most", "<="),
        ("30 parks or more", ">="),
    ],
)
def test_other_words(text: str, comparator: str) -> None:
    (target,) = find_targets(text)
    assert target.comparator == comparator
