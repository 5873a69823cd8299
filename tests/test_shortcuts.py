"""Every hand-kept shortcut set agrees with the pattern it stands in for.

A shortcut ("only a match ending in d, r or a line break can be junk: test that
character before running the regex") silently skips what its set leaves out;
each test derives the set from the pattern's parse (tests/regex_chars.py) and
compares.  A word added to a pattern and not to its shortcut fails here.
"""

from __future__ import annotations

import re

from regex_chars import first_chars, last_chars, max_width
from shpolicy import body as body_stage
from shpolicy import header, item_tree, responsibility, sentences, targets
from shpolicy.quantities.vocabulary import ENGLISH_PREFIX_COMPARATORS
from shpolicy.sentences import SENTENCE_BREAK


def test_leading_junk_first_characters() -> None:
    assert set(responsibility._JUNK_FIRST) == first_chars(responsibility._LEADING_JUNK)


def test_trailing_junk_last_characters() -> None:
    assert set(responsibility._JUNK_LAST) == last_chars(responsibility._TRAILING_JUNK)


def test_role_mark_last_characters() -> None:
    assert set(responsibility._ROLE_MARK_LAST) == last_chars(responsibility._ROLE_MARK)


def test_zh_role_end_length_is_its_longest_match_and_a_line_break() -> None:
    assert max_width(responsibility._ZH_ROLE_END) + 1 == responsibility._ZH_ROLE_END_LENGTH


def test_clause_may_follow_what_ends_a_sentence() -> None:
    assert set(responsibility._SENTENCE_END) == first_chars(SENTENCE_BREAK)


def test_currency_last_characters() -> None:
    # the prefix may stand one blank before the number: _char_before looks past it
    assert last_chars(targets._PREFIX_CURRENCY) - {" "} == targets._CURRENCY_LAST_CHARS


def test_english_unit_openers() -> None:
    patterns = (
        targets._ENGLISH_CURRENCY,
        targets._UNIT_ABBREVIATION,
        targets._NOUN_WORD,
        targets._QUOTED_MODIFIER,
    )
    assert set().union(*map(first_chars, patterns)) == targets._ENGLISH_UNIT_OPENERS


def test_chinese_unit_openers() -> None:
    patterns = (
        targets._CHINESE_TIME,
        targets._CHINESE_MORE,
        targets._CHINESE_CURRENCY,
        targets._CHINESE_UNIT,
    )
    assert set().union(*map(first_chars, patterns)) == targets._CHINESE_UNIT_OPENERS


def test_english_comparator_last_words() -> None:
    last_words = {
        match.group().split()[-1]
        for phrase in (*ENGLISH_PREFIX_COMPARATORS, *targets._APPROXIMATELY)
        if (match := re.fullmatch(r"[a-z ]+", phrase))
    }
    assert last_words == targets._ENGLISH_COMPARATOR_LAST_WORDS


def test_sentence_marks_are_the_openers_closers_and_stops() -> None:
    marks = sentences._OPENERS + sentences._CLOSERS + sentences._STOPS
    assert first_chars(sentences._MARKS) == set(marks)


def test_trailing_document_number_ends_with_a_bracket() -> None:
    # _classify searches for it only on a line ending in ")" (or ")" and a line break)
    assert last_chars(header._TRAILING_NUMBER) == {")", "\n"}


def test_addressee_window_holds_the_longest_word() -> None:
    words = [w for w in header._ADDRESSEE_WORDS if re.fullmatch(header._ADDRESSEE, f"{w}s:")]
    assert words == list(header._ADDRESSEE_WORDS)
    assert max(len(f"{w}s") for w in words) == header._ADDRESSEE_WORD_MAX


def test_in_line_labels_follow_a_sentence_break() -> None:
    for pattern in (item_tree._INLINE, body_stage._FIRST_INLINE):
        assert first_chars(pattern) == first_chars(SENTENCE_BREAK)


def test_the_derivation_sees_case_and_line_ends() -> None:
    # the tool itself: case twins under IGNORECASE, "$" before a final line break
    assert first_chars(re.compile("s", re.IGNORECASE)) == {"s", "S", "\u017f"}
    assert last_chars(re.compile("ab$")) == {"b", "\n"}
    assert last_chars(re.compile(r"ab\Z")) == {"b"}
    assert first_chars(re.compile(r"(?:x)?(?=q)y|z")) == {"x", "y", "z"}
