"""Limits in compound units and the years of annual plans (issue 19, red team E1 and E2).

"确保PM2.5年均浓度控制在25微克/立方米以下" is a cap of 25 in 微克/立方米; "2024年新增…10个
以上。" is due in 2024; "全年新增森林面积5000亩" in a plan titled "…2024年工作要点" too.
docs/targets.md states the rules.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from shpolicy.targets import find_targets

# (phrase, value, unit, comparator) of each target found.
Limit = tuple[str, Decimal, str, str]


def limits(text: str) -> list[Limit]:
    return [(t.text, t.value, t.unit, t.comparator) for t in find_targets(text)]


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
