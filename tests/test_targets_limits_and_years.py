"""Limits in compound units and the years of annual plans (issue 19, red team E1 and E2).

"确保PM2.5年均浓度控制在25微克/立方米以下" is a cap of 25 in 微克/立方米; "2024年新增…10个
以上。" is due in 2024; "全年新增森林面积5000亩" in a plan titled "…2024年工作要点" too.
docs/targets.md states the rules.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import shpolicy
from shpolicy.quantities.deadlines import plan_year
from shpolicy.targets import find_targets

# (phrase, value, unit, comparator) of each target found.
Limit = tuple[str, Decimal, str, str]


def limits(text: str) -> list[Limit]:
    return [(t.text, t.value, t.unit, t.comparator) for t in find_targets(text)]


def years(text: str, plan: int | None = None) -> list[tuple[str, int | None]]:
    return [(t.text, t.deadline_year) for t in find_targets(text, plan_year=plan)]


# -- a unit per another unit is one unit ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "确保PM2.5年均浓度控制在25微克/立方米以下",
            [("25微克/立方米以下", Decimal(25), "微克/立方米", "<=")],
        ),
        (
            "细颗粒物(PM2.5)年均浓度降至30微克/立方米",
            [("30微克/立方米", Decimal(30), "微克/立方米", "=")],
        ),
        (
            "PM2.5年均浓度低于35微克/立方米",
            [("低于35微克/立方米", Decimal(35), "微克/立方米", "<")],
        ),
        (
            "出水化学需氧量不超过50毫克/升",
            [("不超过50毫克/升", Decimal(50), "毫克/升", "<=")],
        ),
        ("总磷浓度控制在0.3毫克/升以内", [("0.3毫克/升以内", Decimal("0.3"), "毫克/升", "<=")]),
        ("新增处理能力5万吨/年", [("5万吨/年", Decimal(50000), "吨/年", "=")]),
        ("湿垃圾处理能力达到1500吨/日以上", [("1500吨/日以上", Decimal(1500), "吨/日", ">=")]),
        ("再生水利用量30万立方米/日", [("30万立方米/日", Decimal(300000), "立方米/日", "=")]),
        ("限速降低到30公里/小时", [("30公里/小时", Decimal(30), "公里/小时", "=")]),
        ("人均公园绿地面积达到9平方米/人", [("9平方米/人", Decimal(9), "平方米/人", "=")]),
        (
            "单位GDP能耗降至0.3吨标准煤/万元",
            [("0.3吨标准煤/万元", Decimal("0.3"), "吨标准煤/万元", "=")],
        ),
        ("夜间噪声控制在55分贝以下", [("55分贝以下", Decimal(55), "分贝", "<=")]),
        ("出水总氮0.5mg/L以下", [("0.5mg/L以下", Decimal("0.5"), "mg/L", "<=")]),
        ("PM2.5浓度30μg/m³", [("30μg/m³", Decimal(30), "μg/m³", "=")]),
        ("PM2.5浓度30µg/m3以下", [("30µg/m3以下", Decimal(30), "µg/m3", "<=")]),
        (
            "keep the annual average PM2.5 concentration below 25 μg/m³",
            [("below 25 μg/m³", Decimal(25), "μg/m³", "<")],
        ),
        (
            "COD of the effluent shall not exceed 50 mg/L",
            [("not exceed 50 mg/L", Decimal(50), "mg/L", "<=")],
        ),
        ("a treatment capacity of 3,000 m³/d", [("3,000 m³/d", Decimal(3000), "m³/d", "=")]),
        ("lower the speed limit to 30 km/h", [("30 km/h", Decimal(30), "km/h", "=")]),
    ],
)
def test_a_unit_per_another_unit_is_read_whole(text: str, expected: list[Limit]) -> None:
    assert limits(text) == expected


@pytest.mark.parametrize(
    "text",
    ["PM2.5年均浓度", "PM10年均浓度持续下降", "PM2.5 concentration falls", "二氧化氮(NO2)达标"],
)
def test_a_name_holding_a_number_is_no_figure(text: str) -> None:
    assert find_targets(text) == ()


def test_a_classifier_takes_no_per_unit_and_a_litre_alone_is_no_unit() -> None:
    # "5个/年": 个 counts things, "/年" is not read into it; 升 after a number is "rise".
    assert limits("每年新增5个/年") == [("5个", Decimal(5), "个", "=")]
    assert find_targets("指数由95升至98") == ()


# -- a year opening a sentence is the year of its targets --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2024年新增“一件事”10个以上。",
        "2024年，新建改建口袋公园10个。",
        "推行免申即享。2024年，新建改建口袋公园10个。",
        "2024年度，新建改建口袋公园10个。",
        "3.2024年完成10个。",
        "(二)2024年完成10个。",
        "目标：2024年完成10个。",
        "In 2024, the district will add 10 new parks.",
        "The plan is ambitious. In 2024, add 10 new parks.",
        "During 2024, add 10 new parks.",
    ],
)
def test_a_year_opening_a_sentence_dates_its_targets(text: str) -> None:
    (target,) = find_targets(text)
    assert target.deadline_year == 2024


def test_a_year_opening_a_sentence_dates_each_of_its_parts() -> None:
    text = "2018年，一是完成新增居住区172个；二是新建67个服务点位。2019年，新增51个。"
    assert years(text) == [("172个", 2018), ("67个", 2018), ("51个", 2019)]


@pytest.mark.parametrize(
    "text",
    [
        "2024年9月，新建10个。",  # a date
        "2024年起，每年新建10个。",  # a start
        "2024年以来，新建10个。",
        "2024年是关键之年，新建10个。",  # a description
        "2024年的工作中，新建10个。",
        "2024年上半年，新建10个。",  # part of a year
        "2024年初，新建10个。",
        "坚持推进，2024年新建10个。",  # not the sentence's opening
        "自2024年新建10个。",
        "2024年\n新建10个。",  # a year closing its line (a table's heading)
        "in 2024, add 10 new parks.",  # not a sentence's capital
        "In 2024 the district will add 10 new parks.",  # no comma after the year
    ],
)
def test_a_year_that_is_no_sentence_opening_dates_nothing(text: str) -> None:
    (target,) = find_targets(text)
    assert target.deadline_year is None


def test_an_opening_year_does_not_reach_the_next_sentence() -> None:
    assert years("2024年，新建10个。完成评估20项。") == [("10个", 2024), ("20项", None)]


# -- 全年 names the year of an annual plan ---------------------------------------------------


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("崇明区推进世界级生态岛建设2024年工作要点", 2024),
        ("2026年上海量子城市空间智能建设工作要点", 2026),
        ("松江区城市更新2025年度实施计划", 2025),
        ("Key Work Points of Chongming District for 2024", 2024),
        ("崇明区工作要点", None),  # no year
        ("虹口区生活垃圾全程分类体系建设三年行动计划（2018—2020年）", None),  # a period
        ("上海市加快发展新能源汽车行动计划(2023-2025)", None),
        ("到2035年上海市绿化行动方案", None),  # a horizon
        ("Shanghai Action Plan to 2025", None),
        ("上海市2024年促进消费若干措施", None),  # not a plan
        ("上海市绿化管理实施方案（2024版）", None),  # an edition
        (None, None),
    ],
)
def test_the_year_of_an_annual_plan_is_the_one_its_title_names(
    title: str | None, year: int | None
) -> None:
    assert plan_year(title) == year


@pytest.mark.parametrize(
    "text",
    [
        "全年新增森林面积5000亩。",
        "今年新增森林面积5000亩。",
        "本年度新增森林面积5000亩。",
        "年内新增森林面积5000亩。",
        "Add 5,000 mu of forest throughout the year.",
        "Hold at least 5,000 events this year.",
    ],
)
def test_words_naming_the_plans_year_date_its_targets(text: str) -> None:
    (target,) = find_targets(text, plan_year=2024)
    assert target.deadline_year == 2024
    (undated,) = find_targets(text)  # not a plan of one year: no year to name
    assert undated.deadline_year is None


@pytest.mark.parametrize(
    "text",
    [
        "新增森林面积5000亩。",  # the plan's year is named by no word of the sentence
        "打造全年龄友好公园10个。",  # 全年龄: all ages
        "三年内完成10个。",
        "一个自然年内新增10个。",
    ],
)
def test_the_plans_year_needs_a_word_that_names_it(text: str) -> None:
    (target,) = find_targets(text, plan_year=2024)
    assert target.deadline_year is None


def test_a_written_deadline_wins_over_the_plans_year() -> None:
    text = "今年新增10个。到2025年，建成30个。全年完成20个，到2026年完成50个。"
    assert years(text, 2024) == [("10个", 2024), ("30个", 2025), ("20个", 2024), ("50个", 2026)]


_PLAN = """上海市崇明区人民政府办公室关于印发《崇明区生态岛建设2024年工作要点》的通知

各乡镇人民政府，区政府各委、办、局：

《崇明区生态岛建设2024年工作要点》已经区政府同意，现印发给你们，请认真贯彻落实。

上海市崇明区人民政府办公室

2024年2月26日

崇明区生态岛建设2024年工作要点

1.推进造林。全年新增森林面积5000亩。

2.改善环境。确保PM2.5年均浓度控制在25微克/立方米以下。
"""


def test_a_parsed_annual_plan_dates_its_whole_year_targets() -> None:
    policy = shpolicy.parse_text(_PLAN)
    found = [(t.text, t.deadline_year) for m in policy.all_measures() for t in m.targets]
    assert found == [("5000亩", 2024), ("25微克/立方米以下", None)]
    undated = shpolicy.parse_text(_PLAN.replace("2024年工作要点", "工作要点"))
    assert [t.deadline_year for m in undated.all_measures() for t in m.targets] == [None, None]
