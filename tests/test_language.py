"""Language detection: Han characters weighed against Latin words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shpolicy.language import detect_language

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def _by_regex(text: str) -> str:
    """The rule written plainly: the library counts words on bytes, for speed."""
    return "zh" if len(_HAN.findall(text)) > len(_LATIN_WORD.findall(text)) else "en"


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from("abcXYZ 一二中文\u4dc0\u3400\u9fff\u00e9ſK\n.,-"),
            st.characters(exclude_categories=()),  # surrogates too
        )
    )
)
def test_counts_agree_with_the_plain_rule(text: str) -> None:
    assert detect_language(text) == _by_regex(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("上海市人民政府关于印发若干措施的通知", "zh"),
        ("Several Measures of Shanghai Municipality", "en"),
        ("Shanghai 上海 measures", "en"),  # two words against two characters: not more Han
        ("", "en"),
    ],
)
def test_examples(text: str, language: str) -> None:
    assert detect_language(text) == language
