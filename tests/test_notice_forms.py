"""The less common ways a notice of issuance and its policy are printed.

Each case is a language rule seen in published Shanghai texts, written here as a
small constructed document: the verb 批转, a title that quotes a regulation,
a notice with no body, dates with a circle for zero or broken over lines,
co-signatories, a transmitted policy's own signature, a signature of a
fire-rescue 支队, an issuer named only in the title.
"""

from __future__ import annotations

import datetime as dt

import pytest

import shpolicy
from shpolicy import Policy
from shpolicy.dates import parse_date
from shpolicy.normalize import fold
from shpolicy.notice import match_notice_title

BODY = """

一、主要任务

（一）加强组织领导。建立工作机制，统筹推进各项任务。（责任单位：区发展改革委、区财政局）

（二）强化资金保障。区财政局按规定安排资金。（责任单位：区财政局）
"""
ADDRESSEES = "区政府各委、办、局，各街道办事处："
ISSUED = "现将《黄浦区加快推进重点工作实施方案》印发给你们，请认真按照执行。"
OWN_TITLE = "黄浦区加快推进重点工作实施方案"


def _notice(title: str, signature: str, date: str, *, body: str = ISSUED) -> str:
    return f"{title}\n\n{ADDRESSEES}\n\n{body}\n\n{signature}\n\n{date}\n\n{OWN_TITLE}{BODY}"


def _names(units: tuple[shpolicy.ResponsibleUnit, ...]) -> list[str]:
    return [unit.name for unit in units]


def test_pizhuan_approves_and_passes_on_a_departments_document() -> None:
    # 批转: the government approves a department's document and passes it on.
    text = (
        "上海市人民政府批转市发展改革委关于加快推进重点工作若干意见的通知\n\n"
        "各区人民政府，市政府各委、办、局：\n\n"
        "市政府同意市发展改革委《关于加快推进重点工作的若干意见》，现转发给你们，请认真按照执行。\n\n"
        f"上海市人民政府\n\n2024年3月15日\n\n关于加快推进重点工作的若干意见{BODY}"
    )
    policy = shpolicy.parse_text(text)
    assert policy.notice is not None
    assert policy.title == "关于加快推进重点工作的若干意见"
    assert _names(policy.issuers) == ["上海市人民政府"]
    assert _names(policy.drafters) == ["市发展改革委"]
    assert policy.issued == dt.date(2024, 3, 15)


@pytest.mark.parametrize(
    ("title", "named", "drafter"),
    [
        # unmarked, after its drafter: the drafter runs to 关于
        (
            "上海市人民政府办公厅转发市商务委等五部门关于加快推进重点工作若干意见的通知",
            "关于加快推进重点工作若干意见",
            "市商务委",
        ),
        # marked, the count of co-drafters left out of the drafter's name
        (
            "上海市人民政府办公厅转发市商务委等五部门制订的《关于加快推进重点工作的若干意见》的通知",
            "关于加快推进重点工作的若干意见",
            "市商务委",
        ),
        # a bare title that quotes a regulation of its own
        (
            "上海市黄浦区人民政府关于印发贯彻《上海市生活垃圾管理条例》实施方案的通知",
            "贯彻《上海市生活垃圾管理条例》实施方案",
            None,
        ),
        # the whole title quoted: the quoted form is preferred to the bare one
        (
            "关于印发《黄浦区加快推进重点工作实施方案》的通知",
            "黄浦区加快推进重点工作实施方案",
            None,
        ),
    ],
)
def test_the_title_a_notice_names_and_its_drafter(
    title: str, named: str, drafter: str | None
) -> None:
    parts = match_notice_title(fold(title))
    assert parts is not None
    assert title[slice(*parts.title)] == named
    assert (None if parts.drafter is None else title[slice(*parts.drafter)]) == drafter


def test_a_notice_title_followed_at_once_by_the_policys_own_title() -> None:
    text = f"关于印发《{OWN_TITLE}》的通知\n\n{OWN_TITLE}{BODY}"
    policy = shpolicy.parse_text(text)
    assert policy.notice is not None
    assert policy.notice.title == f"关于印发《{OWN_TITLE}》的通知"
    assert policy.title == OWN_TITLE
    assert policy.preamble == ""


@pytest.mark.parametrize(
    "printed",
    ["二○二四年三月十五日", "二〇二四年三月十五日", "二O二四年三月十五日", "2024年3月\n15日"],
)
def test_the_notices_date_as_printed(printed: str) -> None:
    text = _notice(
        f"上海市黄浦区人民政府关于印发《{OWN_TITLE}》的通知", "上海市黄浦区人民政府", printed
    )
    policy = shpolicy.parse_text(text)
    assert policy.notice is not None
    assert policy.notice.date == dt.date(2024, 3, 15)
    assert policy.issued == dt.date(2024, 3, 15)
    # the date's lines are the notice's, not the policy's preamble
    assert "15日" not in policy.preamble


def test_a_circle_for_zero_is_a_zero_and_nothing_else_is() -> None:
    assert parse_date(fold("二○二五年十二月一日")) == dt.date(2025, 12, 1)
    assert parse_date(fold("二○二五年十三月一日")) is None


def test_every_co_signatory_signs_the_notice() -> None:
    signature = "上海市黄浦区人民政府办公室  上海市黄浦区发展和改革委员会  上海市黄浦区财政局"
    text = _notice(f"关于印发《{OWN_TITLE}》的通知", signature, "2024年3月15日")
    policy = shpolicy.parse_text(text)
    assert policy.notice is not None
    expected = ["上海市黄浦区人民政府办公室", "上海市黄浦区发展和改革委员会", "上海市黄浦区财政局"]
    assert _names(policy.notice.issuers) == expected
    assert _names(policy.issuers) == expected
    assert all(unit.unit_id is not None for unit in policy.notice.issuers)


def test_a_fire_rescue_detachment_signs() -> None:
    signature = "上海市黄浦区人民政府办公室\n上海市黄浦区消防救援支队"
    text = _notice(f"关于印发《{OWN_TITLE}》的通知", signature, "2024年3月15日")
    policy = shpolicy.parse_text(text)
    assert policy.notice is not None
    assert _names(policy.notice.issuers) == [
        "上海市黄浦区人民政府办公室",
        "上海市黄浦区消防救援支队",
    ]
    assert policy.notice.date == dt.date(2024, 3, 15)


def test_a_transmitted_policys_own_signature_is_its_drafters() -> None:
    title = f"上海市黄浦区人民政府办公室关于转发区建设管理委制订的《{OWN_TITLE}》的通知"
    body = f"区建设管理委制订的《{OWN_TITLE}》已经区政府同意，现转发给你们，请认真按照执行。"
    text = _notice(title, "上海市黄浦区人民政府办公室", "2024年3月15日", body=body)
    text += "\n黄浦区建设和管理委员会\n\n2024年2月1日\n"
    policy = shpolicy.parse_text(text)
    assert _names(policy.issuers) == ["上海市黄浦区人民政府办公室"]
    # the body is named once: 区建设管理委 in the title is 黄浦区建设和管理委员会 below
    assert _names(policy.drafters) == ["区建设管理委"]
    assert policy.drafters[0].unit_id is not None
    assert policy.issued == dt.date(2024, 3, 15)


def test_an_issued_policy_keeps_its_own_signatories_as_issuers() -> None:
    text = _notice(f"关于印发《{OWN_TITLE}》的通知", "上海市黄浦区人民政府办公室", "2024年3月15日")
    text += "\n上海市黄浦区发展和改革委员会\n\n2024年2月1日\n"
    policy = shpolicy.parse_text(text)
    assert "上海市黄浦区发展和改革委员会" in _names(policy.issuers)
    assert policy.drafters == ()


EN_BODY = """

I. Tasks

1. Strengthen leadership. Set up a working mechanism.

2. Secure funding. The finance bureau allocates funds.
"""


@pytest.mark.parametrize(
    ("title", "body", "date", "issuer"),
    [
        (
            "上海市黄浦区人民政府关于加快推进重点工作的实施意见",
            BODY,
            "2024年3月15日",
            "上海市黄浦区人民政府",
        ),
        (
            "Opinions of the Shanghai Municipal People's Government on Accelerating Key Work",
            EN_BODY,
            "15 March 2024",
            "Shanghai Municipal People's Government",
        ),
    ],
)
def test_an_unsigned_policy_is_issued_by_the_body_its_title_names(
    title: str, body: str, date: str, issuer: str
) -> None:
    # No signature: only a date under the text, which is the date of issue.
    policy = shpolicy.parse_text(f"{title}{body}\n{date}\n")
    assert _names(policy.issuers) == [issuer]
    assert policy.issued == dt.date(2024, 3, 15)


def test_a_title_that_names_no_body_names_no_issuer() -> None:
    policy: Policy = shpolicy.parse_text(f"{OWN_TITLE}{BODY}")
    assert policy.issuers == ()
    assert policy.issued is None


def test_a_policy_title_in_other_words_than_the_notices_broken_over_lines() -> None:
    # The notice says 本区; the policy's own title names the district, on two lines.
    text = (
        "关于印发本区加快推进重点工作实施方案的通知\n\n"
        f"{ADDRESSEES}\n\n{ISSUED}\n\n上海市黄浦区人民政府\n\n2024年3月15日\n\n"
        f"黄浦区加快推进\n\n重点工作实施方案{BODY}"
    )
    policy = shpolicy.parse_text(text)
    assert policy.title == OWN_TITLE
    assert policy.preamble == ""
    (title,) = [b for b in policy.layout if b.kind == "title"]
    assert text[title.span.start : title.span.end] == "黄浦区加快推进\n\n重点工作实施方案"


EN_PAGE = (
    "Shanghai Measures to Promote Headquarters Economy\n{fields}"
    "Original Title: Notice of the Shanghai Municipal People's Government on Issuing the "
    "Shanghai Measures to Promote Headquarters Economy\n"
    "The Measures are hereby issued to you. Please carefully implement them.\n"
    "Shanghai Municipal People's Government\nApril 28, 2024\n"
    "Shanghai Measures to Promote Headquarters Economy\n"
    "1. Encourage headquarters. (Responsible units: Municipal Commission of Commerce)\n"
    "2. Support functions. (Responsible units: Municipal Commission of Commerce)\n"
)


@pytest.mark.parametrize("fields", ["", "Updated: 2024-05-10\n"])
def test_a_saved_english_page_web_title_fields_then_the_original_title(fields: str) -> None:
    policy = shpolicy.parse_text(EN_PAGE.format(fields=fields))
    assert policy.notice is not None
    assert policy.notice.title.startswith("Notice of the Shanghai Municipal People's Government")
    assert policy.notice.date == dt.date(2024, 4, 28)
    assert policy.title == "Shanghai Measures to Promote Headquarters Economy"


FENGXIAN = "上海市奉贤区人民政府办公室关于印发《奉贤区美丽健康产业若干政策》的通知"


@pytest.mark.parametrize("between", ["", "发布日期：2024-03-11\n"])
def test_a_web_title_then_the_documents_own_title(between: str) -> None:
    web_title = FENGXIAN.removeprefix("上海市")
    text = (
        f"{web_title}\n{between}{FENGXIAN}\n{ADDRESSEES}\n"
        "现将《奉贤区美丽健康产业若干政策》印发给你们，请认真按照执行。\n"
        "上海市奉贤区人民政府办公室\n2024年3月5日\n奉贤区美丽健康产业若干政策\n"
        "一、支持企业做大做强。（责任单位：区经委）\n二、支持品牌建设。（责任单位：区经委）\n"
    )
    policy = shpolicy.parse_text(text)
    assert policy.notice is not None
    assert policy.notice.title == FENGXIAN  # the document's own printing, once
    assert policy.notice.addressees == ADDRESSEES
    assert policy.notice.text == "现将《奉贤区美丽健康产业若干政策》印发给你们，请认真按照执行。"
    assert policy.title == "奉贤区美丽健康产业若干政策"


def test_bodies_printed_under_a_transmitted_policys_title_drafted_it() -> None:
    text = (
        "上海市人民政府办公厅转发市发展改革委等五部门关于做好菜篮子工程建设的若干意见的通知\n"
        "各区人民政府，市政府各委、办、局：\n"
        "市发展改革委等五部门《关于做好菜篮子工程建设的若干意见》已经市政府同意，现转发给你们，"
        "请认真按照执行。\n上海市人民政府办公厅\n2024年5月8日\n关于做好菜篮子工程建设的若干意见\n"
        "市发展改革委　市农业农村委　市商务委　市市场监管局　市财政局\n"
        "一、稳定蔬菜生产。（责任单位：市农业农村委）\n二、完善流通体系。（责任单位：市商务委）\n"
    )
    policy = shpolicy.parse_text(text)
    assert _names(policy.issuers) == ["上海市人民政府办公厅"]
    assert _names(policy.drafters) == [
        "市发展改革委",
        "市农业农村委",
        "市商务委",
        "市市场监管局",
        "市财政局",
    ]


def test_an_issuer_printed_above_the_notices_title_is_part_of_it() -> None:
    title = "关于转发区科委制订的《杨浦区创新创业载体行动方案》的通知"
    text = (
        f"上海市杨浦区人民政府办公室\n{title}\n各街道办事处，区政府各委、办、局：\n"
        "区科委制订的《杨浦区创新创业载体行动方案》已经区政府同意，现转发给你们，请认真按照执行。\n"
        "上海市杨浦区人民政府办公室\n2023年12月20日\n杨浦区创新创业载体行动方案\n"
        "一、提升载体水平。（责任单位：区科委）\n二、完善服务体系。（责任单位：区科委）\n"
    )
    policy = shpolicy.parse_text(text)
    assert policy.notice is not None
    assert policy.notice.title == f"上海市杨浦区人民政府办公室{title}"
    assert _names(policy.issuers) == ["上海市杨浦区人民政府办公室"]
    assert _names(policy.drafters) == ["区科委"]


def test_a_notices_list_of_annexes_with_quoted_words_is_not_a_title() -> None:
    text = (
        "上海市松江区人民政府办公室关于印发《松江区“一网通办”改革工作要点》的通知\n"
        "各街道办事处、镇人民政府，区政府各委、办、局：\n"
        "现将《松江区“一网通办”改革工作要点》印发给你们，请认真按照执行。\n"
        "附件：1.松江区“一网通办”改革工作要点\n2.松江区“一网通办”重点任务分工表\n"
        "上海市松江区人民政府办公室\n2024年3月20日\n松江区“一网通办”改革工作要点\n"
        "一、深化集成服务。（责任单位：区政务服务办）\n二、推进免申即享。（责任单位：区政务服务办）\n"
    )
    policy = shpolicy.parse_text(text)
    assert policy.title == "松江区“一网通办”改革工作要点"
    assert policy.notice is not None
    assert policy.notice.date == dt.date(2024, 3, 20)
    assert _names(policy.issuers) == ["上海市松江区人民政府办公室"]
    assert [m.label for m in policy.measures] == ["一、", "二、"]
