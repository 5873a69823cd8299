"""Validity in the forms real texts use (issue 19), one test per form.

The rules (docs/validity.md): a clause counting from the issue (自印发之日起,
"from the date of issuance") starts on the date the document was issued, the
notice's when printed; one counting from the publication (自发布之日起) on the
date of publication; without that date the period ``starts_on_announcement``.
N years end the day before the same date N years on.
"""

from __future__ import annotations

import datetime as dt

import pytest

import shpolicy
from shpolicy.model import Policy
from shpolicy.validity import add_months


def _codes(policy: Policy) -> list[str]:
    return [d.code for d in policy.diagnostics if d.code.startswith("validity-")]


def test_pudong_measures_valid_three_years_from_their_printing() -> None:
    """A real Pudong text: "以上措施自印发之日起实施，有效期3年。" after the last measure."""
    text = (
        "上海市浦东新区人民政府办公室关于印发《浦东新区促进低空经济发展的若干措施》的通知\n"
        "浦府办规〔2025〕3号\n"
        "各委、办、局，各署，各直属企业，各镇政府、街道办事处：\n"
        "《浦东新区促进低空经济发展的若干措施》已经区政府同意，现印发给你们，请认真按照执行。\n"
        "上海市浦东新区人民政府办公室\n"
        "2025年6月14日\n"
        "浦东新区促进低空经济发展的若干措施\n"
        "一、支持企业落户。对新落户的企业，给予最高500万元奖励。（责任单位：区科经委）\n"
        "二、支持场景建设。到2027年，建成起降点100个以上。（责任单位：区建交委）\n"
        "以上措施自印发之日起实施，有效期3年。\n"
    )
    policy = shpolicy.parse_text(text)
    assert policy.validity is not None
    assert policy.validity.text == "以上措施自印发之日起实施，有效期3年。"
    assert (policy.validity.start, policy.validity.end) == (
        dt.date(2025, 6, 14),
        dt.date(2028, 6, 13),
    )
    assert not policy.validity.starts_on_announcement
    assert sorted(_codes(policy)) == ["validity-end-computed", "validity-start-computed"]
    assert [m.text for m in policy.all_measures()][
        -1
    ] == "支持场景建设。到2027年，建成起降点100个以上。"


@pytest.mark.parametrize(
    ("header", "start", "on_announcement"),
    [
        ("发布日期：2024-05-20\n", dt.date(2024, 5, 20), False),
        ("（2024年5月10日）\n", None, True),  # a date of issue is not the date of publication
        ("", None, True),
    ],
)
def test_from_publication(header: str, start: dt.date | None, on_announcement: bool) -> None:
    body = "一、做某事。\n二、做另一事。\n本意见自发布之日起施行，有效期2年。\n"
    text = f"关于某事的意见\n{header}{body}"
    validity = shpolicy.parse_text(text).validity
    assert validity is not None
    assert validity.start == start
    assert validity.starts_on_announcement is on_announcement
    assert validity.end == (None if start is None else dt.date(2026, 5, 19))


@pytest.mark.parametrize(
    ("header", "start", "codes"),
    [
        ("（2024年6月14日）\n", dt.date(2024, 7, 14), ["validity-start-computed"]),
        ("", None, ["validity-start-unknown"]),
    ],
)
def test_days_after_the_issue(header: str, start: dt.date | None, codes: list[str]) -> None:
    text = f"某某管理办法\n{header}第一条 目的。\n第二条 本办法自印发之日起30日后施行。\n"
    policy = shpolicy.parse_text(text)
    assert policy.validity is not None
    assert policy.validity.start == start
    assert not policy.validity.starts_on_announcement  # not on it: after it
    assert _codes(policy) == codes


def test_months_after_and_month_arithmetic() -> None:
    text = "某某管理办法\n（2024年1月31日）\n一、目的。\n本办法自公布之日起3个月后施行。\n"
    validity = shpolicy.parse_text(text).validity
    assert validity is not None
    assert validity.start is None  # 公布 is the publication, which the text does not date
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 11, 30), 3) == dt.date(2025, 2, 28)


def test_valid_until_a_date() -> None:
    text = "关于某事的若干措施\n一、做某事。\n二、做另一事。\n本措施有效期至2027年12月31日。\n"
    validity = shpolicy.parse_text(text).validity
    assert validity is not None
    assert (validity.start, validity.end) == (None, dt.date(2027, 12, 31))
    assert not validity.starts_on_announcement


@pytest.mark.parametrize(
    ("title", "sentence", "provisional"),
    [
        ("某某管理办法（试行）", "本办法自2024年1月1日起施行，有效期2年。", True),
        ("某某管理暂行办法", "本办法自2024年1月1日起施行，有效期2年。", True),
        ("某某管理办法", "本办法自2024年1月1日起试行，有效期2年。", True),
        ("某某管理办法", "本办法自2024年1月1日起施行，试行期2年。", True),
        ("某某管理办法", "本办法自2024年1月1日起施行，有效期2年。", False),
        ("Interim Measures on Something", "These Measures shall be valid for 2 years.", True),
        # A repealed document's title is not this one's.
        (
            "某某管理办法",
            "本办法自2024年1月1日起施行，有效期2年，原《某某管理办法（试行）》同时废止。",
            False,
        ),
    ],
)
def test_trial_and_interim_are_kept(title: str, sentence: str, provisional: bool) -> None:
    policy = shpolicy.parse_text(f"{title}\n一、做某事。\n二、做另一事。\n{sentence}\n")
    assert policy.validity is not None
    assert policy.validity.provisional is provisional
    assert policy.validity.text == sentence
    if "2024" in sentence:
        assert policy.validity.end == dt.date(2025, 12, 31)


@pytest.mark.parametrize(
    "sentence",
    [
        "These Measures shall be valid for 3 years from the date of issuance.",
        "These Measures shall come into force as of the date of issuance and shall be valid "
        "for three years.",
        "The above measures shall be valid for three years from the date of issuance.",
    ],
)
def test_english_valid_for_years_from_issuance(sentence: str) -> None:
    text = f"Measures on Something\n(Issued on June 14, 2025)\n1. Do it.\n2. Do more.\n{sentence}\n"
    validity = shpolicy.parse_text(text).validity
    assert validity is not None
    assert (validity.start, validity.end) == (dt.date(2025, 6, 14), dt.date(2028, 6, 13))


def test_english_from_the_date_of_announcement_is_the_publication() -> None:
    text = (
        "Measures on Something\n(Issued on June 14, 2025)\n1. Do it.\n"
        "These Measures shall be effective as of the date of announcement and remain valid "
        "until December 31, 2027.\n"
    )
    validity = shpolicy.parse_text(text).validity
    assert validity is not None
    assert validity.starts_on_announcement
    assert (validity.start, validity.end) == (None, dt.date(2027, 12, 31))


@pytest.mark.parametrize(
    "body",
    [
        # after the last measure of the last chapter
        "一、总体要求\n（一）做某事。\n二、重点任务\n（二）做另一事。\n（三）再做一事。\n",
        # after measures with no heading at all
        "一、做某事。\n二、做另一事。\n",
        # under a heading of its own
        "一、总体要求\n（一）做某事。\n二、附则\n",
    ],
)
def test_a_clause_after_the_last_measure(body: str) -> None:
    text = f"关于某事的若干措施\n（2025年6月14日）\n{body}以上措施自印发之日起实施，有效期3年。\n"
    policy = shpolicy.parse_text(text)
    assert policy.validity is not None
    assert policy.validity.text == "以上措施自印发之日起实施，有效期3年。"
    assert policy.validity.end == dt.date(2028, 6, 13)
    assert all("有效期" not in m.text for m in policy.all_measures())
