"""Behaviour of the parser on texts of the family that are not among the samples.

Each test states one general rule (numbering, clauses, header, validity) on a
small document written for it, so a rule tuned to one sample fails here.
"""

from __future__ import annotations

import datetime as dt

import pytest

import shpolicy
from shpolicy import Measure, Policy, Section

ZH_THREE_LEVELS = """\
上海市人民政府办公厅关于印发《上海市促进数据要素市场发展的若干措施》的通知
沪府办规〔2025〕5号
各区人民政府，市政府各委、办、局：
　　经市政府同意，现将《上海市促进数据要素市场发展的若干措施》印发给你们，请认真按照执行。
上海市人民政府办公厅
２０２５年１月２０日
上海市促进数据要素市场发展的若干措施
　　为贯彻落实《中共中央　国务院关于构建数据基础制度更好发挥数据要素作用的意见》，制定本措施。
一、总体要求
　　到2027年，数据产业规模达到5000亿元。
二、主要任务
（一）培育数据市场主体
１．支持数商发展。对符合条件的数商给予最高200万元奖励。
（牵头单位：市数据局；配合单位：市经济信息化委、市财政局、各区政府）
２．建设数据交易所。推动上海数据交易所扩容。（责任单位：市数据局、浦东新区政府）
（二）完善数据基础设施
３．建设算力设施。到2025年，新增智能算力。
责任单位：市经济信息化委、市通信管理局
三、保障措施
　　各区、各部门要加强组织领导。
　　本措施自2025年3月1日起施行，有效期至2029年12月31日。
"""


def _section(policy: Policy | Section, num: str) -> Section:
    return next(s for s in policy.sections if s.num == num)


@pytest.fixture(scope="module")
def zh() -> Policy:
    return shpolicy.parse_text(ZH_THREE_LEVELS)


def test_zh_header(zh: Policy) -> None:
    assert zh.language == "zh"
    assert zh.title == "上海市促进数据要素市场发展的若干措施"
    assert zh.doc_number == "沪府办规〔2025〕5号"
    assert zh.issued == dt.date(2025, 1, 20)
    assert [u.name for u in zh.issuers] == ["上海市人民政府办公厅"]
    assert [r.title for r in zh.implements] == [
        "中共中央　国务院关于构建数据基础制度更好发挥数据要素作用的意见"
    ]
    assert "notice-text" in {d.code for d in zh.diagnostics}


def test_zh_three_levels(zh: Policy) -> None:
    assert [s.label for s in zh.sections] == ["一、", "二、", "三、"]
    tasks = _section(zh, "二")
    assert [(g.label, g.heading) for g in tasks.sections] == [
        ("（一）", "培育数据市场主体"),
        ("（二）", "完善数据基础设施"),
    ]
    assert [m.label for m in zh.all_measures()] == ["１．", "２．", "３．"]
    assert [m.ordinal for m in zh.all_measures()] == [1, 2, 3]
    # an unnumbered paragraph under a heading is the section's own text
    assert _section(zh, "一").text == "到2027年，数据产业规模达到5000亿元。"
    assert _section(zh, "三").text == "各区、各部门要加强组织领导。"


def test_zh_lead_and_cooperating_units(zh: Policy) -> None:
    first = zh.all_measures()[0]
    assert first.title == "支持数商发展"
    assert first.responsible_label == "牵头单位"
    assert [(u.name, u.role) for u in first.responsible_units] == [
        ("市数据局", "lead"),
        ("市经济信息化委", "cooperating"),
        ("市财政局", "cooperating"),
        ("各区政府", "cooperating"),
    ]
    assert "牵头单位" not in first.text


def test_zh_clause_on_its_own_unbracketed_line(zh: Policy) -> None:
    third = zh.all_measures()[2]
    assert third.responsible_label == "责任单位"
    assert [u.name for u in third.responsible_units] == ["市经济信息化委", "市通信管理局"]
    assert "责任单位" not in third.text


def test_zh_validity_in_last_chapter(zh: Policy) -> None:
    assert zh.validity is not None
    assert zh.validity.start == dt.date(2025, 3, 1)
    assert zh.validity.end == dt.date(2029, 12, 31)
    assert zh.validity.text == "本措施自2025年3月1日起施行，有效期至2029年12月31日。"


EN_DISTRICT = """\
Several Measures of Minhang District on Supporting Digital Industries

MHDRC [2024] No. 7

(March 3, 2024)

To implement the "Action Plan of Shanghai Municipality on Digital Transformation", these Measures are formulated.

I. Key Tasks

1. Supporting Leading Enterprises
Enterprises settling in the district receive support. Minhang District Commerce Commission coordinates.

A second paragraph of the first measure.
(Lead unit: Minhang District Commerce Commission; cooperating units: Minhang District Science and Technology Commission and Minhang District Finance Bureau)

2. Encouraging innovation. Support is given to innovation. (Responsible department(s): Minhang District Science and Technology Commission) 3. Training talents. Talents are trained. (Responsible entity: Minhang District Human Resources and Social Security Bureau)

II. Safeguards

1. Strengthening organisation. Leadership is strengthened.

These Measures shall come into force on April 1, 2024 and shall be valid for 3 years.
Minhang District Development and Reform Commission
Minhang District Commerce Commission
"""


@pytest.fixture(scope="module")
def en() -> Policy:
    return shpolicy.parse_text(EN_DISTRICT)


def test_en_header(en: Policy) -> None:
    assert en.language == "en"
    assert en.title == "Several Measures of Minhang District on Supporting Digital Industries"
    assert en.doc_number == "MHDRC [2024] No. 7"
    assert en.issued == dt.date(2024, 3, 3)
    assert [r.title for r in en.implements] == [
        "Action Plan of Shanghai Municipality on Digital Transformation"
    ]


def test_en_heading_on_its_own_line_is_one_measure(en: Policy) -> None:
    first = en.all_measures()[0]
    assert first.title == "Supporting Leading Enterprises"
    assert "A second paragraph of the first measure." in first.text
    assert [(u.name, u.role) for u in first.responsible_units] == [
        ("Minhang District Commerce Commission", "lead"),
        ("Minhang District Science and Technology Commission", "cooperating"),
        ("Minhang District Finance Bureau", "cooperating"),
    ]


def test_en_run_together_measures_are_split(en: Policy) -> None:
    key_tasks = _section(en, "I")
    assert [m.label for m in key_tasks.measures] == ["1.", "2.", "3."]
    second, third = key_tasks.measures[1], key_tasks.measures[2]
    assert second.responsible_label == "Responsible department(s)"
    assert third.responsible_label == "Responsible entity"
    assert third.title == "Training talents"
    assert "items-run-together" in {d.code for d in en.diagnostics}


def test_en_numbering_restarts_per_chapter(en: Policy) -> None:
    safeguards = _section(en, "II")
    assert [m.ordinal for m in safeguards.measures] == [1]


def test_en_validity_years_and_signatures(en: Policy) -> None:
    assert en.validity is not None
    assert en.validity.start == dt.date(2024, 4, 1)
    assert en.validity.end == dt.date(2027, 3, 31)
    assert [u.name for u in en.issuers] == [
        "Minhang District Development and Reform Commission",
        "Minhang District Commerce Commission",
    ]
    assert en.closing is None


def test_missing_heading_is_reported_and_measures_stay() -> None:
    text = "I. First\n(I) One. Text.\nII. Second\n(II) Two. Text.\nIV. Fourth\n(III) Three. Text.\n"
    policy = shpolicy.parse_text(text)
    assert [s.num for s in policy.sections] == ["I", "II", "IV"]
    gap = [d for d in policy.diagnostics if d.code == "numbering-gap"]
    assert len(gap) == 1
    assert gap[0].span is not None
    assert text[gap[0].span.start : gap[0].span.end] == "IV."


def test_style_change_mid_sequence_is_one_level() -> None:
    text = "I. Chapter\n(XI) Eleven. A.\n(XII) Twelve. B.\n(13) Thirteen. C.\n(14) Fourteen. D.\n"
    policy = shpolicy.parse_text(text)
    measures = policy.all_measures()
    assert [m.label for m in measures] == ["(XI)", "(XII)", "(13)", "(14)"]
    assert all(isinstance(m, Measure) for m in measures)
    assert "numbering-style-change" in {d.code for d in policy.diagnostics}


def test_names_with_and_and_parentheses_are_not_split() -> None:
    text = (
        "1. Doing things. Things are done. (Units responsible for implementation: the Municipal "
        "Commission of Housing and Urban-rural Development, Pudong New Area Government (Shanghai "
        "Pilot Free Trade Zone Management Committee), and all relevant departments and units)\n"
    )
    (measure,) = shpolicy.parse_text(text).measures
    assert [u.name for u in measure.responsible_units] == [
        "Municipal Commission of Housing and Urban-rural Development",
        "Pudong New Area Government (Shanghai Pilot Free Trade Zone Management Committee)",
        "all relevant departments and units",
    ]


def test_ordinary_sentence_with_implement_is_not_validity() -> None:
    text = "一、任务\n1.推进实施。加快实施18号线二期，自2025年起实施新政策。\n"
    assert shpolicy.parse_text(text).validity is None


def test_crlf_nbsp_and_fullwidth_recognised_text_kept() -> None:
    text = "Ｉ．\u00a0Chapter\r\n１．\u3000Title here. Body.\r\n"
    policy = shpolicy.parse_text(text)
    (section,) = policy.sections
    assert section.label == "Ｉ．"
    (measure,) = section.measures
    assert measure.label == "１．"
    assert measure.title == "Title here"
    assert text[measure.span.start : measure.span.end].startswith("１．")


def test_blank_text_is_a_parse_error() -> None:
    with pytest.raises(shpolicy.ParseError):
        shpolicy.parse_text(" \n\u3000\r\n")


def test_text_without_numbering_is_kept_as_preamble() -> None:
    policy = shpolicy.parse_text("Just one paragraph of prose.\nAnd another.")
    assert policy.preamble == "Just one paragraph of prose.\nAnd another."
    assert "no-measures" in {d.code for d in policy.diagnostics}


def test_item_with_its_own_text_is_a_measure_even_where_the_style_is_a_group() -> None:
    text = (
        "一、总体要求\n（一）指导思想。坚持创新驱动。\n"
        "二、重点任务\n（一）提升能力\n１．支持研发。给予支持。（责任单位：市科委）\n"
    )
    policy = shpolicy.parse_text(text)
    first, second = policy.sections
    assert [m.title for m in first.measures] == ["指导思想"]
    assert first.sections == ()
    assert [g.heading for g in second.sections] == ["提升能力"]
    assert [m.title for m in second.sections[0].measures] == ["支持研发"]


def test_points_of_a_list_stay_in_their_measure() -> None:
    text = (
        "I. Support\n1. Supporting enterprises. Enterprises meeting these conditions:\n"
        "(1) registered in Shanghai;\n(2) in operation for two years.\n"
        "(Responsible units: Municipal Commission of Commerce)\n"
    )
    (section,) = shpolicy.parse_text(text).sections
    (measure,) = section.measures
    assert "(1) registered in Shanghai;" in measure.text
    assert [u.name for u in measure.responsible_units] == ["Municipal Commission of Commerce"]


def test_a_finished_item_is_continued_in_another_style() -> None:
    text = (
        "I. Chapter\n5. Five. Body. (Responsible units: Municipal Commission of Commerce)\n"
        "(VI) Six. Body. (Responsible units: Municipal Commission of Commerce)\n"
    )
    (section,) = shpolicy.parse_text(text).sections
    assert [(m.label, m.ordinal) for m in section.measures] == [("5.", 5), ("(VI)", 6)]


def test_labelled_header_fields() -> None:
    text = (
        "Several Measures of Xuhui District on Supporting Industry\n"
        "Issued by: Xuhui District People's Government    Date of issue: January 15, 2024\n"
        "(Hu Fu Gui [2022] No. 5)\n"
        "Source: Xuhui District | Updated: 2024-04-08\n"
        "These measures are formulated.\n"
        "1. Doing. Things.\n"
    )
    policy = shpolicy.parse_text(text)
    assert policy.issued == dt.date(2024, 1, 15)
    assert policy.published == dt.date(2024, 4, 8)
    assert policy.doc_number == "Hu Fu Gui [2022] No. 5"
    assert [u.name for u in policy.issuers] == ["Xuhui District People's Government"]
    assert policy.preamble == "These measures are formulated."


def test_unlabelled_clause_with_roles_and_back_matter() -> None:
    text = (
        "一、任务\n（一）加快电动化。全部使用新能源汽车。（市交通委牵头，各区政府配合）\n"
        "附件：1．重点项目清单\n　　　2．任务分解表\n"
    )
    policy = shpolicy.parse_text(text)
    (measure,) = policy.all_measures()
    assert measure.responsible_label is None
    assert [(u.name, u.role) for u in measure.responsible_units] == [
        ("市交通委", "lead"),
        ("各区政府", "cooperating"),
    ]
    assert policy.closing == "附件：1．重点项目清单\n2．任务分解表"


def test_validity_as_the_last_article_and_signature_after_it() -> None:
    text = (
        "第一条　为了规范管理，制定本办法。\n第二条　本办法自2023年9月1日起施行，有效期5年。\n"
        "上海市闵行区人民政府\n2023年8月15日\n"
    )
    policy = shpolicy.parse_text(text)
    assert policy.validity is not None
    assert (policy.validity.start, policy.validity.end) == (
        dt.date(2023, 9, 1),
        dt.date(2028, 8, 31),
    )
    assert policy.issued == dt.date(2023, 8, 15)
    assert [u.name for u in policy.issuers] == ["上海市闵行区人民政府"]
    assert "人民政府" not in policy.all_measures()[-1].text


def test_title_broken_over_two_lines_is_joined() -> None:
    text = "上海市关于进一步促进\n外资企业发展的若干措施\n（此件公开发布）\n为了促进外资，制定本措施。\n一、总则\n1.加强。内容。\n"
    policy = shpolicy.parse_text(text)
    assert policy.title == "上海市关于进一步促进外资企业发展的若干措施"
    assert policy.preamble == "为了促进外资，制定本措施。"


def test_notice_without_a_plan_title_line_keeps_its_text_out_of_the_preamble() -> None:
    text = (
        "上海市人民政府办公厅关于印发《上海市促进外资发展若干措施》的通知\n各区人民政府：\n"
        "现将《上海市促进外资发展若干措施》印发给你们，请认真按照执行。\n"
        "为了促进外资，制定本措施。\n一、总则\n1.加强。内容。\n"
    )
    policy = shpolicy.parse_text(text)
    assert policy.title == "上海市促进外资发展若干措施"
    assert policy.preamble == "为了促进外资，制定本措施。"
    assert "notice-text" in {d.code for d in policy.diagnostics}


def test_unquoted_english_notice_is_not_the_title() -> None:
    text = (
        "Notice of the General Office of the Shanghai Municipal People's Government on Printing "
        "and Distributing the Shanghai Action Plan for Robots (2024-2026)\n"
        "The Action Plan is hereby issued to you. Please implement it earnestly.\n"
        "Shanghai Action Plan for Robots (2024-2026)\nThis plan is formulated.\n1. Doing. Things.\n"
    )
    policy = shpolicy.parse_text(text)
    assert policy.title == "Shanghai Action Plan for Robots (2024-2026)"
    assert policy.preamble == "This plan is formulated."


def test_table_of_contents_is_set_aside() -> None:
    text = (
        "Shanghai Action Plan for Ports (2024-2027)\nContents\nI. General Requirements\n"
        "II. Key Tasks\nThis plan is formulated.\nI. General Requirements\n"
        "1. Doing. Things. (Responsible units: Municipal Commission of Commerce)\n"
        "II. Key Tasks\n2. Doing more. Things.\n"
    )
    policy = shpolicy.parse_text(text)
    assert [s.num for s in policy.sections] == ["I", "II"]
    assert policy.preamble == "This plan is formulated."
    assert "table-of-contents" in {d.code for d in policy.diagnostics}


def test_parts_are_top_level_headings() -> None:
    text = "第一部分　总体要求\n坚持创新。\n第二部分　主要任务\n一、强化创新\n（一）建设平台。支持企业。（实施主体：区科委）\n"
    policy = shpolicy.parse_text(text)
    assert [(s.label, s.heading) for s in policy.sections] == [
        ("第一部分", "总体要求"),
        ("第二部分", "主要任务"),
    ]
    (measure,) = policy.all_measures()
    assert measure.responsible_label == "实施主体"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Responsible Unit(s)", None),
        ("Units in charge", None),
        ("Lead department", "lead"),
        ("Supporting departments", "cooperating"),
        ("负责单位", None),
        ("主管部门", None),
    ],
)
def test_label_wordings(label: str, expected: str | None) -> None:
    text = f"1. Doing. Things.\n{label}: Municipal Commission of Commerce\n"
    (measure,) = shpolicy.parse_text(text).measures
    assert measure.responsible_label == label
    assert [(u.name, u.role) for u in measure.responsible_units] == [
        ("Municipal Commission of Commerce", expected)
    ]


def test_chinese_numeral_date_in_a_signature() -> None:
    text = "一、任务\n1.推进。内容。\n嘉定区人民政府办公室\n二〇二四年十二月二十日\n"
    policy = shpolicy.parse_text(text)
    assert policy.issued == dt.date(2024, 12, 20)
    assert [u.name for u in policy.issuers] == ["嘉定区人民政府办公室"]


def test_labelled_publication_date_wins_over_a_bare_date() -> None:
    text = "Measures on Ports\n2024-05-20\nPublish Date: 2024-05-28\nPrologue.\n1. Doing. Things.\n"
    policy = shpolicy.parse_text(text)
    assert (policy.issued, policy.published) == (dt.date(2024, 5, 20), dt.date(2024, 5, 28))
    assert policy.preamble == "Prologue."


@pytest.mark.parametrize(
    ("sentence", "start", "end", "on_announcement"),
    [
        ("本办法自印发之日起30日后施行。", None, None, False),
        (
            "本意见自2024年1月1日起施行，有效期两年。",
            dt.date(2024, 1, 1),
            dt.date(2025, 12, 31),
            False,
        ),
        (
            "本措施有效期自2024年4月1日至2026年12月31日。",
            dt.date(2024, 4, 1),
            dt.date(2026, 12, 31),
            False,
        ),
        (
            "These Measures are valid from May 1, 2024 to December 31, 2026.",
            dt.date(2024, 5, 1),
            dt.date(2026, 12, 31),
            False,
        ),
        (
            "本意见自2024年1月1日起实施。2019年印发的意见同时废止。",
            dt.date(2024, 1, 1),
            None,
            False,
        ),
    ],
)
def test_validity_wordings(
    sentence: str, start: dt.date | None, end: dt.date | None, on_announcement: bool
) -> None:
    policy = shpolicy.parse_text(f"1. Doing. Things.\n{sentence}\n")
    assert policy.validity is not None
    assert (policy.validity.start, policy.validity.end) == (start, end)
    assert policy.validity.starts_on_announcement is on_announcement


def test_a_stop_before_a_number_ends_the_title() -> None:
    (measure,) = shpolicy.parse_text("1. Developing parks. 2 to 3 parks will be built.\n").measures
    assert measure.title == "Developing parks"


def test_breadcrumb_is_a_banner() -> None:
    policy = shpolicy.parse_text(
        "首页 > 信息公开 > 政策文件\n为了发展，制定本措施。\n一、任务\n1.推进。内容。\n"
    )
    assert policy.preamble == "为了发展，制定本措施。"
    assert "notice-text" not in {d.code for d in policy.diagnostics}


def test_subtitle_and_trailing_number_are_not_the_title() -> None:
    text = (
        "Measures of Shanghai Municipality on Public Data (Hu Fu Ban Fa [2024] No. 12)\n"
        "—Implementing the National Strategy on Data Plans\nThese are formulated.\n"
        "1. Doing. Things.\n"
    )
    policy = shpolicy.parse_text(text)
    assert policy.title == "Measures of Shanghai Municipality on Public Data"
    assert policy.doc_number == "Hu Fu Ban Fa [2024] No. 12"
    assert policy.preamble == "These are formulated."


def test_first_item_run_on_after_the_preamble() -> None:
    text = "为促进消费，制定本措施。1.支持首店。给予奖励。（责任单位：市商务委）2.支持夜间经济。内容。\n"
    policy = shpolicy.parse_text(text)
    assert policy.preamble == "为促进消费，制定本措施。"
    assert [m.title for m in policy.measures] == ["支持首店", "支持夜间经济"]


def test_validity_after_a_clause_on_the_same_line_and_inline_signature() -> None:
    text = (
        "1. Doing. Things. (Responsible units: Municipal Commission of Commerce) These Measures "
        "shall take effect on 1 January 2025. Shanghai Municipal Commission of Commerce, "
        "5 December 2024\n"
    )
    policy = shpolicy.parse_text(text)
    (measure,) = policy.measures
    assert [u.name for u in measure.responsible_units] == ["Municipal Commission of Commerce"]
    assert policy.validity is not None
    assert policy.validity.start == dt.date(2025, 1, 1)
    assert policy.issued == dt.date(2024, 12, 5)
    assert [u.name for u in policy.issuers] == ["Shanghai Municipal Commission of Commerce"]


def test_clause_wrapped_over_two_lines() -> None:
    text = (
        "1. Doing. Things. (Responsible units: Municipal Commission of Commerce, Municipal Science"
        " and Technology\n\tCommission, Municipal Finance Bureau)\n2. More. Things.\n"
    )
    first, _ = shpolicy.parse_text(text).measures
    assert [u.name for u in first.responsible_units] == [
        "Municipal Commission of Commerce",
        "Municipal Science and Technology Commission",
        "Municipal Finance Bureau",
    ]


def test_a_sentence_about_part_of_the_policy_is_not_its_validity() -> None:
    text = (
        "1. Doing. Things.\nThe reward policy under Measure 1 shall be valid until December 31, "
        "2025.\nThese Measures shall take effect on January 1, 2025 and remain valid until "
        "December 31, 2027.\n"
    )
    validity = shpolicy.parse_text(text).validity
    assert validity is not None
    assert (validity.start, validity.end) == (dt.date(2025, 1, 1), dt.date(2027, 12, 31))


def test_bracketed_heading_is_the_title_and_right_paren_numbering() -> None:
    text = "I. Chapter\n1) 【加强统筹】建立机制。内容。\n2) Expanding markets. Body.\n"
    (section,) = shpolicy.parse_text(text).sections
    assert [(m.label, m.title) for m in section.measures] == [
        ("1)", "加强统筹"),
        ("2)", "Expanding markets"),
    ]


def test_decimal_and_unicode_roman_numbering() -> None:
    text = (
        "Ⅰ. General\n1.1 Scope. These rules apply.\n1.2 Terms. Defined here.\n"
        "Ⅱ. Tasks\n2.1 Build. Things. (Responsible units: Municipal Commission of Commerce)\n"
        "3.2万亿元的目标。\n"
    )
    policy = shpolicy.parse_text(text)
    assert [(s.num, s.heading) for s in policy.sections] == [("Ⅰ", "General"), ("Ⅱ", "Tasks")]
    assert [(m.label, m.ordinal, m.title) for m in policy.all_measures()] == [
        ("1.1", 1, "Scope"),
        ("1.2", 2, "Terms"),
        ("2.1", 1, "Build"),
    ]
    assert policy.closing == "3.2万亿元的目标。"  # not a "3.2" heading


def test_fifth_round_clause_shapes() -> None:
    text = (
        "1. Trading. Body. (Lead: Municipal Commission of Commerce; Participating: Shanghai "
        "International Port (Group) Co., Ltd., Ruijin Hospital, the Municipal Civil Affairs "
        "Bureau/the Municipal Commission of Education and/or the Municipal Finance Bureau)\n"
        "2．构建服务圈\n责任单位：市民政局、市商务委等\n整合设施。推动布局。\n"
    )
    first, second = shpolicy.parse_text(text).measures
    assert [(u.name, u.role) for u in first.responsible_units] == [
        ("Municipal Commission of Commerce", "lead"),
        ("Shanghai International Port (Group) Co., Ltd.", "cooperating"),
        ("Ruijin Hospital", "cooperating"),
        ("Municipal Civil Affairs Bureau", "cooperating"),
        ("Municipal Commission of Education", "cooperating"),
        ("Municipal Finance Bureau", "cooperating"),
    ]
    # a clause between a bare heading and its text: the text still belongs to the measure
    assert [u.name for u in second.responsible_units] == ["市民政局", "市商务委"]
    assert second.text == "构建服务圈\n整合设施。推动布局。"


def test_a_stop_inside_a_closing_quote_ends_the_title() -> None:
    text = '1. Building the "care circle." Efforts.\n2. Serving the “Five Centers.” We will.\n'
    assert [m.title for m in shpolicy.parse_text(text).measures] == [
        'Building the "care circle"',
        "Serving the “Five Centers”",
    ]


def test_a_preamble_ending_in_a_colon_is_kept() -> None:
    text = "Opinions on X\nThe industry matters, and these opinions are put forward:\n1. Doing. Things.\n"
    assert shpolicy.parse_text(text).preamble == (
        "The industry matters, and these opinions are put forward:"
    )


def test_a_quoted_question_does_not_end_the_title() -> None:
    text = (
        '1. Launching the "Where Is the Money?" financing service. Body.\n'
        '2. Answering "Who Pays?": clarifying costs. Body.\n'
        "3. Who certifies green power? Improving things. Body.\n"
    )
    assert [m.title for m in shpolicy.parse_text(text).measures] == [
        'Launching the "Where Is the Money?" financing service',
        'Answering "Who Pays?": clarifying costs',
        "Who certifies green power",
    ]


def test_group_with_only_paragraphs_among_groups_is_a_section() -> None:
    text = (
        "二、支持主体\n（一）引育企业\n5．支持龙头。内容。（责任单位：市经济信息化委）\n"
        "（二）营造生态\n推动开放合作。\n完善服务体系。（责任单位：市经济信息化委、市科委）\n"
        "（三）加强支撑\n6．引进人才。内容。（责任单位：市人才局）\n"
    )
    (chapter,) = shpolicy.parse_text(text).sections
    assert [g.heading for g in chapter.sections] == ["引育企业", "营造生态", "加强支撑"]
    ecology = chapter.sections[1]
    assert ecology.measures == ()
    assert ecology.text == "推动开放合作。\n完善服务体系。"
    assert [u.name for u in ecology.responsible_units] == ["市经济信息化委", "市科委"]


def test_an_attachment_line_in_a_notice_is_not_the_title() -> None:
    text = (
        "上海市人民政府办公厅关于印发《若干政策措施》的通知\n各区人民政府：\n现将《若干政策措施》印发给你们。\n"
        "附件：上海市促进低空经济发展若干政策措施\n上海市人民政府办公厅\n2024年12月30日\n"
        "上海市促进低空经济发展若干政策措施\n为了发展，制定本措施。\n1．支持研发。内容。\n"
    )
    assert shpolicy.parse_text(text).title == "上海市促进低空经济发展若干政策措施"


# -- a text that was never cut at a page width is left as printed ---------------
# Parallel headings of one length (15 characters) and co-issuer lines of about
# that length, in a text whose paragraphs run to 150 characters: once enough
# to take 15 as a page width and join every heading to the paragraph after it.
_PARA = (
    "为深入贯彻落实国家和本市关于扩大有效投资的决策部署，进一步发挥政府投资的引导带动作用，推动全区经济高质量发展。"
    * 3
)
_MEASURE = "加强项目谋划，围绕重点领域和薄弱环节，滚动储备一批打基础、利长远、补短板的重大项目，做深做实项目前期工作。"
_ISSUERS = "上海市黄浦区发展和改革委员会\n上海市黄浦区经济和信息化委员会\n上海市黄浦区住房保障和房屋管理局\n"
PARALLEL_HEADINGS = (
    f"{_ISSUERS}关于加强本区政府投资项目储备管理的实施意见\n{_PARA}\n"
    f"一、加强结构设计，做好项目储备\n{_PARA}\n1.{_MEASURE}（责任单位：区发展改革委）\n2.{_MEASURE}（责任单位：区财政局）\n"
    f"二、强化统筹协同，完善申报机制\n{_PARA}\n3.{_MEASURE}（责任单位：区发展改革委）\n4.{_MEASURE}（责任单位：区建设管理委）\n"
    f"三、鼓励新增投资，促进良性循环\n{_PARA}\n5.{_MEASURE}（责任单位：区规划资源局）\n6.{_MEASURE}（责任单位：区财政局）\n"
    f"四、加强组织领导，抓好工作落实\n{_PARA}\n7.{_MEASURE}（责任单位：区发展改革委）\n"
    f"{_ISSUERS}2024年5月6日\n"
)


def test_parallel_headings_of_one_length_are_not_a_page_width() -> None:
    policy = shpolicy.parse_text(PARALLEL_HEADINGS)
    assert policy.title == "关于加强本区政府投资项目储备管理的实施意见"
    assert [s.heading for s in policy.sections] == [
        "加强结构设计，做好项目储备",
        "强化统筹协同，完善申报机制",
        "鼓励新增投资，促进良性循环",
        "加强组织领导，抓好工作落实",
    ]
    assert [m.label for m in policy.all_measures()] == [f"{i}." for i in range(1, 8)]
    assert all(m.responsible_units for m in policy.all_measures())


PLAN_HEAD = "黄浦区加快推进重点工作实施方案\n\n一、主要任务\n\n"


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # another field of the clause after a full stop
        (
            "（责任单位：区发展改革委、区财政局。时间节点：2025年底前）",
            ["区发展改革委", "区财政局"],
        ),
        # after a semicolon, with lead and supporting bodies before it
        (
            "（牵头单位：区发展改革委；配合单位：区财政局、区商务委；完成时限：2025年底前）",
            ["区发展改革委", "区财政局", "区商务委"],
        ),
        # 支撑单位 names bodies: its list is not another field
        ("（牵头单位：区绿化市容局，支撑单位：区规划资源局）", ["区绿化市容局", "区规划资源局"]),
    ],
)
def test_a_clauses_list_of_bodies_ends_where_another_field_begins(
    clause: str, expected: list[str]
) -> None:
    text = f"{PLAN_HEAD}（一）加强组织领导。建立工作机制。{clause}\n\n（二）强化资金保障。（责任单位：区财政局）\n"
    policy = shpolicy.parse_text(text)
    units = policy.all_measures()[0].responsible_units
    assert [u.name for u in units] == expected
    assert all(u.unit_id is not None for u in units)
    assert not [d for d in policy.diagnostics if d.code == "unknown-unit"]


def test_supporting_bodies_keep_their_role() -> None:
    text = f"{PLAN_HEAD}（一）建设口袋公园。（牵头单位：区绿化市容局，支撑单位：区规划资源局）\n"
    units = shpolicy.parse_text(text).all_measures()[0].responsible_units
    assert [(u.name, u.role) for u in units] == [
        ("区绿化市容局", "lead"),
        ("区规划资源局", "cooperating"),
    ]


def test_a_list_numbered_inside_an_items_text_stays_in_it() -> None:
    # (1) (2) after a colon enumerate inside item (一); (2) is not a sibling of (一).
    item = "（一）加强组织领导。主要包括：（1）建立联席会议制度；（2）完善考核机制。（责任单位：区发展改革委）"
    text = f"{PLAN_HEAD}{item}\n\n（二）强化资金保障。（责任单位：区财政局）\n"
    policy = shpolicy.parse_text(text)
    measures = policy.all_measures()
    assert [m.label for m in measures] == ["（一）", "（二）"]
    assert "（2）完善考核机制" in measures[0].text
    assert [u.name for u in measures[0].responsible_units] == ["区发展改革委"]
    assert not [d for d in policy.diagnostics if d.code == "items-run-together"]


def test_a_date_under_the_last_item_is_not_an_item() -> None:
    text = (
        "Measures on Key Work\n\n1. Strengthen leadership.\n\n2. Secure funding.\n\n15 March 2024\n"
    )
    policy = shpolicy.parse_text(text)
    assert [m.label for m in policy.all_measures()] == ["1.", "2."]
    assert policy.issued == dt.date(2024, 3, 15)


def test_an_item_may_open_with_a_year() -> None:
    # "1.2024年…" is item 1 about 2024, not the decimal 1.2024
    text = "崇明区2024年工作要点\n一、改善生态环境\n1.2024年新增森林面积5000亩。（责任单位：区绿化市容局）\n2.推进湿地建设。（责任单位：区水务局）\n"
    policy = shpolicy.parse_text(text)
    assert policy.title == "崇明区2024年工作要点"
    assert [s.label for s in policy.sections] == ["一、"]
    assert [m.label for m in policy.sections[0].measures] == ["1.", "2."]


def test_a_notices_numbered_list_of_annexes_is_not_the_body() -> None:
    text = (
        "上海市闵行区人民政府办公室关于印发《闵行区数字化转型实施方案》的通知\n"
        "各镇人民政府、街道办事处，区政府各委、办、局：\n"
        "经区政府同意，现将《闵行区数字化转型实施方案》印发给你们，请认真按照执行。\n"
        "附件：1.闵行区数字化转型实施方案\n　　　2.闵行区数字化转型重点任务分工表\n"
        "上海市闵行区人民政府办公室\n2024年3月1日\n闵行区数字化转型实施方案\n"
        "一、推进经济数字化。（责任单位：区经委）\n二、推进治理数字化。（责任单位：区城运中心）\n"
    )
    policy = shpolicy.parse_text(text)
    assert policy.issued == dt.date(2024, 3, 1)
    assert policy.title == "闵行区数字化转型实施方案"
    assert [m.label for m in policy.measures] == ["一、", "二、"]
    assert not [d for d in policy.diagnostics if d.code == "numbering-gap"]


def test_a_heading_that_names_who_carries_it_out_is_a_measure() -> None:
    # （一） is a section (items below); （二）, its line a heading and a clause, is a measure.
    text = (
        "黄浦区若干措施\n一、支持研发\n（一）支持新药研发。\n1.对完成临床试验的，给予支持。\n"
        "2.对取得注册证书的，给予支持。\n（二）支持CDMO发展。（责任单位：区商务委）\n"
    )
    policy = shpolicy.parse_text(text)
    section = policy.sections[0]
    assert [s.label for s in section.sections] == ["（一）"]
    assert [m.label for m in section.measures] == ["（二）"]
    assert [u.name for u in section.measures[0].responsible_units] == ["区商务委"]


@pytest.mark.parametrize(
    "title",
    [
        "崇明区2024年工作要点",
        "徐汇区2024年重点任务清单",
        "上海市促进消费二十条",
        "静安区街区设计导则",
    ],
)
def test_the_kinds_of_document_a_title_may_name(title: str) -> None:
    policy = shpolicy.parse_text(
        f"{title}\n一、加强领导。（责任单位：区发展改革委）\n二、强化保障。\n"
    )
    assert policy.title == title


@pytest.mark.parametrize(
    "footer",
    [
        "【打印本页】【关闭窗口】",
        "打印本页　　关闭窗口",
        "主办：上海市奉贤区人民政府办公室　承办：上海市奉贤区大数据中心",
    ],
)
def test_a_web_pages_footer_is_furniture_not_text(footer: str) -> None:
    text = f"奉贤区若干政策\n一、支持企业做大做强。（责任单位：区经委）\n二、支持品牌建设。\n{footer}\n"
    policy = shpolicy.parse_text(text)
    assert policy.all_measures()[-1].text == "支持品牌建设。"
    assert policy.closing is None
    assert policy.layout[-1].kind == "furniture"


@pytest.mark.parametrize(
    ("line", "number", "issuer", "start"),
    [
        (
            "（2024年3月5日上海市人民政府令第12号公布　自2024年5月1日起施行）",
            "上海市人民政府令第12号",
            "上海市人民政府",
            dt.date(2024, 5, 1),
        ),
        (
            "(Promulgated by Decree No. 12 of the Shanghai Municipal People's Government on "
            "March 5, 2024, effective as of May 1, 2024)",
            "Decree No. 12",
            "Shanghai Municipal People's Government",
            dt.date(2024, 5, 1),
        ),
        (
            "（2024年3月5日上海市人民政府令第12号公布）",
            "上海市人民政府令第12号",
            "上海市人民政府",
            None,
        ),
    ],
)
def test_a_government_orders_promulgation_line(
    line: str, number: str, issuer: str, start: dt.date | None
) -> None:
    articles = (
        "第一条　为了促进公共数据开放，制定本办法。\n第二条　本办法适用于本市行政区域。\n"
        if "令" in line
        else "Article 1 These Measures are formulated.\nArticle 2 They apply in this Municipality.\n"
    )
    policy = shpolicy.parse_text(f"上海市公共数据开放管理办法\n{line}\n{articles}")
    assert policy.issued == dt.date(2024, 3, 5)
    assert policy.doc_number == number
    assert [u.name for u in policy.issuers] == [issuer]
    assert policy.issuers[0].unit_id == "municipal-government"
    assert (None if policy.validity is None else policy.validity.start) == start
    assert shpolicy.from_akn(shpolicy.to_akn(policy)) == policy


def test_english_articles_with_a_bracketed_heading() -> None:
    text = (
        "Measures of Shanghai Municipality on Public Data\nChapter I General Provisions\n"
        "Article 1 (Purpose)\nIn order to promote opening, these Measures are formulated.\n"
        "Article 2 (Scope)\nThese Measures apply to this Municipality.\n"
    )
    policy = shpolicy.parse_text(text)
    assert [s.heading for s in policy.sections] == ["General Provisions"]
    measures = policy.all_measures()
    assert [(m.label, m.title) for m in measures] == [
        ("Article 1", "Purpose"),
        ("Article 2", "Scope"),
    ]
    assert "these Measures are formulated" in measures[0].text


def test_decimal_numbering_starts_again_under_each_parent_without_a_diagnostic() -> None:
    text = "静安区街区设计导则\n1 总则\n1.1 适用范围。\n1.2 设计原则。\n2 设计要求\n2.1 街道界面。\n2.2 街道设施。\n"
    policy = shpolicy.parse_text(text)
    assert not [d for d in policy.diagnostics if d.code == "numbering-restart"]


def test_a_notice_that_says_when_the_policy_takes_effect() -> None:
    text = (
        "上海市人民政府关于发布《上海市公共数据开放管理办法》的通知\n各区人民政府，市政府各委、办、局：\n"
        "现将《上海市公共数据开放管理办法》予以发布，自2024年5月1日起施行。\n"
        "上海市人民政府\n2024年3月5日\n上海市公共数据开放管理办法\n"
        "第一条　为了促进公共数据开放，制定本办法。\n第二条　本办法适用于本市行政区域。\n"
    )
    policy = shpolicy.parse_text(text)
    assert policy.validity is not None
    assert policy.validity.start == dt.date(2024, 5, 1)


def test_an_english_text_of_another_city_resolves_no_shanghai_body() -> None:
    text = (
        "Several Measures of Shenzhen Municipality on Promoting Low-altitude Economy\n"
        "1. Build take-off sites. (Responsible units: Municipal Development and Reform Commission)\n"
        "2. Open routes. (Responsible units: Municipal Transport Bureau)\n"
    )
    policy = shpolicy.parse_text(text)
    assert policy.jurisdiction is None
    assert all(u.unit_id is None for m in policy.all_measures() for u in m.responsible_units)
    (warning,) = [d for d in policy.diagnostics if d.code == "not-shanghai"]
    assert "Shenzhen" in warning.message
    assert not [d for d in policy.diagnostics if d.code == "unknown-unit"]
