"""Quantitative targets (issue 6): phrase shapes, exact values, comparators, deadlines, traps."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shpolicy.errors import InvalidValueError
from shpolicy.model import COMPARATORS, Target
from shpolicy.normalize import fold
from shpolicy.numerals import english_word_value, hanzi_value, scaled
from shpolicy.quantities.deadlines import find_deadlines
from shpolicy.targets import find_targets

# (phrase, value, unit, comparator, deadline year) of each target found.
Row = tuple[str, Decimal, str, str, int | None]


def rows(text: str) -> list[Row]:
    return [(t.text, t.value, t.unit, t.comparator, t.deadline_year) for t in find_targets(text)]


def D(value: str) -> Decimal:
    return Decimal(value)


# -- English phrase shapes ------------------------------------------------------

ENGLISH_SHAPES: list[tuple[str, list[Row]]] = [
    (
        "an additional 50,000 government-subsidized rental housing units will be built by 2025.",
        [
            (
                "50,000 government-subsidized rental housing units",
                D("50000"),
                "government-subsidized rental housing units",
                "=",
                2025,
            )
        ],
    ),
    (
        "By the year of 2025, more than 30 pilot demonstration projects will be launched.",
        [
            (
                "more than 30 pilot demonstration projects",
                D("30"),
                "pilot demonstration projects",
                ">",
                2025,
            )
        ],
    ),
    (
        "the support may reach as high as 50% of the investment, "
        "and the maximum support amount may be 50 million yuan.",
        [
            ("as high as 50%", D("50"), "percent", "<=", None),
            ("50 million yuan", D("50000000"), "CNY", "<=", None),
        ],
    ),
    (
        "a scale of US$260 billion and a trade scale of US$130 billion by 2029, "
        "accounting for about 50% of the service trade",
        [
            ("US$260 billion", D("260000000000"), "USD", "=", 2029),
            ("US$130 billion", D("130000000000"), "USD", "=", 2029),
            ("50%", D("50"), "percent", "=", 2029),
        ],
    ),
    ("a grant of RMB 2 million", [("RMB 2 million", D("2000000"), "CNY", "=", None)]),
    ("1 billion yuan", [("1 billion yuan", D("1000000000"), "CNY", "=", None)]),
    ("3.5 billion US dollars", [("3.5 billion US dollars", D("3500000000"), "USD", "=", None)]),
    ("up to RMB 5 million", [("up to RMB 5 million", D("5000000"), "CNY", "<=", None)]),
    ("no fewer than 20 events", [("no fewer than 20 events", D("20"), "events", ">=", None)]),
    (
        "at least 100 enterprises",
        [("at least 100 enterprises", D("100"), "enterprises", ">=", None)],
    ),
    ("less than 5% of the total", [("less than 5%", D("5"), "percent", "<", None)]),
    ("below 10 percent", [("below 10 percent", D("10"), "percent", "<", None)]),
    ("a maximum of 300 seats", [("a maximum of 300 seats", D("300"), "seats", "<=", None)]),
    ("200 stations or more", [("200 stations or more", D("200"), "stations", ">=", None)]),
    ("no fewer than three events", [("no fewer than three events", D("3"), "events", ">=", None)]),
    ("five million people", [("five million people", D("5000000"), "people", "=", None)]),
    ("2.5 km of new track", [("2.5 km", D("2.5"), "km", "=", None)]),
    (
        "0.5 percentage points",
        [("0.5 percentage points", D("0.5"), "percentage points", "=", None)],
    ),
    ("25 to 30 km", [("25", D("25"), "km", ">=", None), ("30 km", D("30"), "km", "<=", None)]),
    ("30 projects underway", [("30 projects", D("30"), "projects", "=", None)]),
    ("Over 30 parks will open.", [("Over 30 parks", D("30"), "parks", ">", None)]),
    ("Some 30 parks will open.", [("30 parks", D("30"), "parks", "=", None)]),
]

# -- Chinese phrase shapes ------------------------------------------------------

CHINESE_SHAPES: list[tuple[str, list[Row]]] = [
    ("给予200万元一次性奖励。", [("200万元", D("2000000"), "CNY", "=", None)]),
    ("到2025年,三个生态园共计新增保障性租赁住房5万套。", [("5万套", D("50000"), "套", "=", 2025)]),
    (
        "支持比例最高可达到核定项目总投资的50%,支持金额最高5000万元。",
        [
            ("50%", D("50"), "percent", "<=", None),
            ("最高5000万元", D("50000000"), "CNY", "<=", None),
        ],
    ),
    ("到2025年在医疗等领域建设100个公共数据集。", [("100个", D("100"), "个", "=", 2025)]),
    ("1.5亿元", [("1.5亿元", D("150000000"), "CNY", "=", None)]),
    ("五万套", [("五万套", D("50000"), "套", "=", None)]),
    ("一百个", [("一百个", D("100"), "个", "=", None)]),
    ("三千家企业", [("三千家", D("3000"), "家", "=", None)]),
    ("１００个", [("１００个", D("100"), "个", "=", None)]),
    ("５万套", [("５万套", D("50000"), "套", "=", None)]),
    (
        "25—30公里",
        [("25", D("25"), "公里", ">=", None), ("30公里", D("30"), "公里", "<=", None)],
    ),
    (
        "5-10万元",
        [("5", D("50000"), "CNY", ">=", None), ("10万元", D("100000"), "CNY", "<=", None)],
    ),
    ("超过5万人次", [("超过5万人次", D("50000"), "人次", ">", None)]),
    ("营业收入超百亿元", [("超百亿元", D("10000000000"), "CNY", ">", None)]),
    ("突破1万亿元", [("突破1万亿元", D("1000000000000"), "CNY", ">", None)]),
    ("不少于10家", [("不少于10家", D("10"), "家", ">=", None)]),
    ("不低于30%", [("不低于30%", D("30"), "percent", ">=", None)]),
    ("不超过500万元", [("不超过500万元", D("5000000"), "CNY", "<=", None)]),
    ("不足3%", [("不足3%", D("3"), "percent", "<", None)]),
    ("新增就业岗位1万个以上", [("1万个以上", D("10000"), "个", ">=", None)]),
    ("5公里以内", [("5公里以内", D("5"), "公里", "<=", None)]),
    ("100多家企业", [("100多家", D("100"), "家", ">", None)]),
    ("不少于三个", [("不少于三个", D("3"), "个", ">=", None)]),
    ("增长10%", [("10%", D("10"), "percent", "=", None)]),
    ("百分之三十", [("百分之三十", D("30"), "percent", "=", None)]),
    ("提高两个百分点", [("两个百分点", D("2"), "percentage points", "=", None)]),
    ("1000亿美元", [("1000亿美元", D("100000000000"), "USD", "=", None)]),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH_SHAPES + CHINESE_SHAPES)
def test_phrase_shapes(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_values_are_plain_integers_when_whole() -> None:
    (target,) = find_targets("1.5亿元")
    assert str(target.value) == "150000000"
    (target,) = find_targets("0.50%")
    assert str(target.value) == "0.5"


# -- traps: numbers that are not quantities --------------------------------------

TRAPS = [
    "December 31, 2028",
    "These Policy Measures shall be effective as of January 1, 2024.",
    "2025年12月31日",
    "(2020—2022年)",
    "SMPG GO [2023] No. 12",
    "JDDRC D (2024) No.18",
    "沪府办规〔2025〕5号",
    "the second-phase construction of Shanghai Metro Line 18, and the construction of Line 21",
    "promote the planning and research of Metro Lines 24, 26 and 27. Efforts",
    "加快实施18号线二期、21号线,推进24、26、27号线规划研究",
    "(13) Build a service trade system",
    "1. Strengthening the support",
    "15.支持设立在线新经济产业基金",
    "titles such as China Internet Top 100",
    "selected as the top 100 fast-growing enterprises",
    "首次获得中国互联网百强等称号",
    "入选“上海软件和信息技术服务业百强”“高成长百家”的企业",
    "cultivate top ten cultural trade brands",
    "innovative business modes, such as 5G+, digital human",
    "represented by 5G networks",
    "鼓励5G+、无接触配送",
    "a norm-guided Web 3.0 ecosystem and Web 3.0-oriented technologies",
    "拓展数字人民币与web3.0融合应用",
    "the modern industrial system of “(2+2)+(3+6)+(4+5)”",
    "“2+2” refers to the integration",
    "the spirit of the 20th National Congress",
    "党的二十大精神",
    "“十四五”规划",
    "the Southeast Asia-Japan No. 2 submarine optical cable",
    "三个生态园",
    "the three ecological parks",
    "the Five Centers and six key industries",
    "“One Festival, Six Seasons” and “55 Shopping Festival.”",
    "within 3 working days",
    "5 years",
    "3年内完成",
    "不少于10个工作日",
    "60岁以上老年人",
    "第1批",
    "上海市第十五届人大",
    "前10名",
    "COVID-19 pandemic",
    "24-hour service",
    "the 12345 hotline",
    "ISO 27001 certification",
    "Article 5 of the Measures",
    "members of the Fortune Global 500 companies",
    "held in Hall 8 venues",
    "in 2025 enterprises will",
    "二〇二五年",
    "一网通办、一站式、一批",
    "5A级景区",
    "within 2025",
    "up to 2025",
    "021-12345678",
    "5 000 units",
]


@pytest.mark.parametrize("text", TRAPS)
def test_traps_give_no_target(text: str) -> None:
    assert find_targets(text) == ()


def test_trap_beside_a_target_keeps_only_the_target() -> None:
    text = "三个生态园共计新增保障性租赁住房5万套"
    assert [t.text for t in find_targets(text)] == ["5万套"]
    text = "建成500个5G基站"
    assert [t.text for t in find_targets(text)] == ["500个"]


# -- comparators ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("over 30 parks", ">"),
        ("more than 30 parks", ">"),
        ("no fewer than 30 parks", ">="),
        ("at least 30 parks", ">="),
        ("up to 30 parks", "<="),
        ("maximum 30 parks", "<="),
        ("as high as 30%", "<="),
        ("less than 30 parks", "<"),
        ("below 30%", "<"),
        ("30 parks", "="),
        ("30个以上", ">="),
        ("超过30个", ">"),
        ("不少于30个", ">="),
        ("不低于30%", ">="),
        ("最高30万元", "<="),
        ("不超过30个", "<="),
        ("30公里以内", "<="),
        ("不足30个", "<"),
        ("30个", "="),
    ],
)
def test_comparators(text: str, comparator: str) -> None:
    (target,) = find_targets(text)
    assert target.comparator == comparator


def test_a_word_belongs_to_one_target_only() -> None:
    found = find_targets("200 stations or more than 30 parks")
    assert [(t.text, t.comparator) for t in found] == [
        ("200 stations or more", ">="),
        ("30 parks", "="),
    ]


def test_clause_cap_does_not_cross_a_clause() -> None:
    text = "最高奖励标准另定,新增100个"
    (target,) = find_targets(text)
    assert target.comparator == "="


# -- deadlines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "By 2025, 30 parks will open.",
        "30 parks will open by 2025.",
        "By the end of 2025, 30 parks will open.",
        "By the year of 2025, 30 parks will open.",
        "到2025年,建成30个。",
        "2025年前建成30个。",
        "2025年底前建成30个。",
        "建成30个,到2025年底全部投用。",
    ],
)
def test_deadline_in_the_same_sentence(text: str) -> None:
    (target,) = find_targets(text)
    assert target.deadline_year == 2025


def test_deadline_does_not_cross_sentences() -> None:
    text = "By 2025, the plan ends. 30 parks will open."
    (target,) = find_targets(text)
    assert target.deadline_year is None
    (target,) = find_targets("到2025年完成评估。建成30个。")
    assert target.deadline_year is None


def test_nearest_deadline_wins() -> None:
    found = find_targets("到2025年建成30个,到2030年建成50个")
    assert [t.deadline_year for t in found] == [2025, 2030]


def test_year_ranges_and_dates_are_not_deadlines() -> None:
    assert [d.year for d in find_deadlines(fold("(2020至2022年)"))] == []
    assert [d.year for d in find_deadlines(fold("至2022年"))] == [2022]
    assert [d.year for d in find_deadlines(fold("effective until December 31, 2028"))] == []


# -- spans and slices -------------------------------------------------------------------


def test_spans_are_absolute_offsets_into_the_whole_text() -> None:
    text = "Preamble 999 words. (3) More than 30 pilot projects by 2025. Trailer 5%."
    start = text.index("(3)")
    end = text.index(" Trailer")
    (target,) = find_targets(text, start, end)
    assert text[target.span.start : target.span.end] == target.text
    assert target.text == "More than 30 pilot projects"
    assert start <= target.span.start < target.span.end <= end


def test_slice_context_outside_the_range_is_ignored() -> None:
    text = "No. 5 parks"
    # Read alone, "5 parks" counts parks; "No." lies outside the slice.
    assert [t.text for t in find_targets(text, 4)] == ["5 parks"]
    assert find_targets(text) == ()


@pytest.mark.parametrize(("start", "end"), [(-1, None), (0, 99), (5, 2)])
def test_bad_range_raises_a_shpolicy_error(start: int, end: int | None) -> None:
    with pytest.raises(InvalidValueError, match="outside the text"):
        find_targets("some text", start, end)


def test_full_width_text_keeps_its_original_characters() -> None:
    text = "新增就业岗位１万个以上，增长１０％"
    found = find_targets(text)
    assert [t.text for t in found] == ["１万个以上", "１０％"]
    assert [t.value for t in found] == [Decimal(10000), Decimal(10)]


# -- numerals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("五万", 50000),
        ("一百", 100),
        ("三千", 3000),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("一百二十", 120),
        ("一百零五", 105),
        ("五万三千", 53000),
        ("一亿五千万", 150000000),
        ("两万", 20000),
        ("十四五", None),
        ("二〇二五", None),
        ("万", None),
        ("零", None),
    ],
)
def test_hanzi_value(numeral: str, value: int | None) -> None:
    assert hanzi_value(numeral) == value


def test_english_word_value() -> None:
    assert english_word_value("three") == 3
    assert english_word_value("Twenty-five") == 25
    assert english_word_value("hundred") is None


def test_scaled_is_exact() -> None:
    assert scaled(Decimal("123456789012345678901234"), 12) == Decimal(
        "123456789012345678901234000000000000"
    )
    assert str(scaled(Decimal("1.25"), 1)) == "12.5"


# -- hostile input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1" * 20_000,
        "," * 20_000,
        "1," * 10_000,
        "1" + ",000" * 5_000 + " units",
        "一" * 5_000,
        "亿" * 5_000,
        "一亿" * 5_000,
        "5" + " " * 5_000 + "units",
        "1-" * 5_000,
        "maximum " * 2_000,
        "by " * 5_000 + "2025",
    ],
)
def test_long_runs_are_read_without_error(text: str) -> None:
    # None of these is a quantity: too many digits, a numeral too long to be
    # one, a noun too far away, a range without a unit, no number at all.
    assert find_targets(text) == ()


ALPHABET = st.sampled_from(
    [
        *"0123456789０５,.%-—~ +()（）[]〔〕第前号年月个套家元万亿千百十一二三五两",
        *("US$", "RMB", " million", " billion", " yuan", " units", " by 2025", "到2025年"),
        *("以上", "more than ", "最高", "No. ", "Line ", "top ", " the ", "。", ". ", "\n"),
        *("\u00a0", "G"),
    ]
)


@given(
    st.lists(ALPHABET, max_size=40).map("".join),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=60),
)
def test_arbitrary_text_never_raises_and_spans_stay_inside(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    found = find_targets(text, start, end)
    previous_end = start
    for target in found:
        assert isinstance(target, Target)
        assert previous_end <= target.span.start < target.span.end <= end
        assert text[target.span.start : target.span.end] == target.text
        assert target.value.is_finite()
        assert target.comparator in COMPARATORS
        previous_end = target.span.end


@given(st.text(max_size=60))
def test_any_unicode_text_never_raises(text: str) -> None:
    for target in find_targets(text):
        assert text[target.span.start : target.span.end] == target.text


# -- the gold annotations ------------------------------------------------------------------------


def test_seeds_give_exactly_the_gold_targets(shared_dir: Path) -> None:
    gold_files = sorted((shared_dir / "gold").glob("0*.json"))
    if not gold_files:
        pytest.skip("no gold annotations")
    for gold_path in gold_files:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (shared_dir / "seeds" / gold["file"]).read_text(encoding="utf-8")
        annotated = [t for m in gold["measures"] for t in m["targets"]]
        annotated += gold.get("preamble_targets", [])
        expected = Counter((Decimal(str(t["value"])), t["deadline_year"]) for t in annotated)
        # Measures and paragraphs are one line each in the seeds: scan line by line
        # as the parser scans a measure, with absolute offsets.
        got: Counter[tuple[Decimal, int | None]] = Counter()
        offset = 0
        for line in text.split("\n"):
            for target in find_targets(text, offset, offset + len(line)):
                got[(target.value, target.deadline_year)] += 1
            offset += len(line) + 1
        assert got == expected, gold["file"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Case-insensitive matching also matches ſ, K (Kelvin) and the dotted
        # and dotless i; the words must still be read, not crash a lookup.
        ("at leaſt 5 parks", [("at leaſt 5 parks", D("5"), "parks", ">=", None)]),
        ("5 thouſand people", [("5 thouſand people", D("5000"), "people", "=", None)]),
        ("5 yuan or leſs", [("5 yuan or leſs", D("5"), "CNY", "<=", None)]),
    ],
)
def test_unicode_case_folding_of_keywords(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_exceed_is_a_comparator_even_without_a_counted_noun() -> None:
    assert rows("tax refund stores will exceed 2,000.") == [
        ("exceed 2,000", D("2000"), "", ">", None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the number of tax refund stores will exceed 2,000.",
            [("exceed 2,000", D("2000"), "tax refund stores", ">", None)],
        ),
        (
            "the number of international all-cargo routes will be increased to 30.",
            [("30", D("30"), "international all-cargo routes", "=", None)],
        ),
        (
            "the total number of core patents will reach 500 by 2026.",
            [("500", D("500"), "core patents", "=", 2026)],
        ),
    ],
)
def test_the_number_of_names_what_a_later_figure_counts(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize("text", ["按照1:1比例配套", "on a 1:1 basis", "配套比例1∶3", "1类创新药"])
def test_ratios_and_classes_are_no_targets(text: str) -> None:
    assert rows(text) == []


def test_noun_phrases_with_coordination_and_quoted_names() -> None:
    assert rows("build 100 take-off and landing points by 2026") == [
        ("100 take-off and landing points", D("100"), "take-off and landing points", "=", 2026)
    ]
    assert rows('cultivate 100 "Pudong Made" overseas brands') == [
        ('100 "Pudong Made" overseas brands', D("100"), '"Pudong Made" overseas brands', "=", None)
    ]


def test_not_exceed_is_a_cap() -> None:
    assert rows("the guarantee fee shall not exceed 1%.") == [
        ("not exceed 1%", D("1"), "percent", "<=", None)
    ]


# -- issue 19: scope counts, lists, ranges, conditions, deadlines per clause part ---------------


@pytest.mark.parametrize(
    "text",
    [
        "松江、青浦、嘉定、奉贤等4个新城建设用地面积50%以上达到要求",
        "全市16个区均建立工作机制",
        "覆盖本市16个区",
        "上述3家企业",
        "按要求将现有80辆车更换",
        "漕开发总公司、仪电集团等2个大型园区国企",
        "研发“悟空”“指数”“创域”3个垂类模型",
        "五个新城",
        "the five new towns will each build a park",
        "all 16 districts will set up a working mechanism",
        "each of the 16 districts",
        "the 5 new towns",
    ],
)
def test_a_count_naming_the_scope_of_a_commitment_is_no_target(text: str) -> None:
    assert [t.text for t in find_targets(text) if t.unit != "percent"] == []


def test_the_commitment_beside_a_scope_count_is_kept() -> None:
    text = "到2025年底，松江、青浦、嘉定、奉贤等4个新城建设用地面积50%以上达到海绵城市建设目标要求"
    assert rows(text) == [("50%以上", D("50"), "percent", ">=", 2025)]


@pytest.mark.parametrize(
    "text",
    ["与北京、深圳等10个以上城市开展合作", "all of at least 16 districts", "全市新增100个"],
)
def test_a_count_with_a_comparator_or_not_next_to_a_determiner_stays_a_target(text: str) -> None:
    assert len(find_targets(text)) == 1


def test_a_comparator_before_a_list_governs_each_figure() -> None:
    assert [
        (t.text, t.comparator) for t in find_targets("分别给予最高300万元、500万元、1000万元支持")
    ] == [
        ("最高300万元", "<="),
        ("500万元", "<="),
        ("1000万元", "<="),
    ]
    text = "support of up to RMB 3 million, RMB 5 million and RMB 10 million respectively"
    assert [t.comparator for t in find_targets(text)] == ["<=", "<=", "<="]
    # A figure with its own comparator, or of another unit, keeps its own.
    assert [t.comparator for t in find_targets("最高300万元、不低于20%")] == ["<=", ">="]
    assert [t.comparator for t in find_targets("最高300万元，500万元用于配套")] == ["<=", "="]


@pytest.mark.parametrize(
    "text", ["按照合同金额的20%—30%给予补贴", "with 20%-30% of the investment", "3%~5%"]
)
def test_a_range_with_the_unit_on_both_ends(text: str) -> None:
    assert [t.comparator for t in find_targets(text)] == [">=", "<="]


@pytest.mark.parametrize("text", ["从20%提高到30%", "由20%至30%", "from 20% to 30%"])
def test_a_change_from_one_figure_to_another_is_no_range(text: str) -> None:
    assert [t.comparator for t in find_targets(text)] == ["=", "="]


def test_a_comparator_verb_governs_the_head_of_its_object() -> None:
    assert rows("累计补贴不超过车辆购置价格的30%。") == [("30%", D("30"), "percent", "<=", None)]
    assert rows("奖励金额低于项目投资的10%") == [("10%", D("10"), "percent", "<", None)]


def test_a_line_break_does_not_part_a_chinese_comparator_from_its_figure() -> None:
    assert [t.comparator for t in find_targets("最高不超过\n1.5亿元")] == ["<="]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "到2027年，培育年营业收入超过10亿元的企业50家。",
            [(D("1000000000"), ">", None), (D("50"), "=", 2027)],
        ),
        (
            "到2027年，对年营业收入首次突破1亿元、5亿元的企业，给予奖励。",
            [(D("100000000"), ">", None), (D("500000000"), ">", None)],
        ),
        (
            "到2027年，年营业收入首次超过500万元的，给予奖励。",
            [(D("5000000"), ">", None)],
        ),
        (
            "By 2027, cultivate 50 enterprises with an annual revenue of over 1 billion yuan.",
            [(D("50"), "=", 2027), (D("1000000000"), ">", None)],
        ),
        (
            "By 2027, if the investment exceeds RMB 100 million, a reward of RMB 1 million.",
            [(D("100000000"), ">", None), (D("1000000"), "=", 2027)],
        ),
        # Goals, not conditions: the figure is the quantity of its noun.
        ("到2025年底，本市建成区40%以上的面积达到目标要求。", [(D("40"), ">=", 2025)]),
        ("到2025年底，本市建成区不低于40%的面积达到目标要求。", [(D("40"), ">=", 2025)]),
        ("到2027年，培育50家以上的企业。", [(D("50"), ">=", 2027)]),
    ],
)
def test_a_threshold_of_eligibility_has_no_deadline(
    text: str, expected: list[tuple[Decimal, str, int | None]]
) -> None:
    assert [(t.value, t.comparator, t.deadline_year) for t in find_targets(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "到2025年底，建成10个示范区；到2030年底，建成20个示范区。",
        "到2025年底，建成10个示范区，到2030年底，建成20个示范区。",
        "By the end of 2025, 10 zones will be built; by the end of 2030, 20 zones.",
        "10 zones will be built by 2025 and 20 zones by 2030.",
    ],
)
def test_a_deadline_governs_the_targets_of_its_own_clause(text: str) -> None:
    assert [t.deadline_year for t in find_targets(text)] == [2025, 2030]


def test_a_count_before_the_figure_of_its_clause_is_its_scope() -> None:
    text = "增建6个街镇（石门二路街道、江宁路街道）天然水源消防取水设施24处。"
    assert [t.text for t in find_targets(text)] == ["24处"]
    # Not when the figure modifies the counted noun, or breaks the count down,
    # or the count is one of a unit of measure.
    assert [t.text for t in find_targets("培育5家营收超百亿元的企业")] == ["5家", "超百亿元"]
    text = "公园建设项目共计9个（嘉定新城5个、其他区域4个）"
    assert [t.text for t in find_targets(text)] == ["9个", "5个", "4个"]
    text = "完成3万平方米节能率不低于15%的既有公共建筑节能改造"
    assert [t.text for t in find_targets(text)] == ["3万平方米", "不低于15%"]


def test_etc_after_fewer_items_than_counted_is_and_others() -> None:
    """等 sums up a list of as many items as it counts; after fewer it means "and others"."""
    assert [t.value for t in find_targets("计划新增西门文化公园等9座城市公园")] == [D("9")]
    assert find_targets("松江、青浦、嘉定、奉贤等4个新城") == ()


def test_a_comparator_after_a_list_governs_each_bare_figure() -> None:
    assert [t.comparator for t in find_targets("应用比例分别达到80%、50%以上")] == [">=", ">="]
    # 多 belongs to its own figure.
    assert [t.comparator for t in find_targets("培育80家、100多家企业")] == ["=", ">"]


def test_a_deadline_opening_a_sentence_dates_each_of_its_parts() -> None:
    text = "到2028年底，新增公园300座以上；绿道总长度达到2400公里以上；形成50个案例。建成10个。"
    assert [t.deadline_year for t in find_targets(text)] == [2028, 2028, 2028, None]
    # A deadline written after a target reaches back over its own part only.
    text = "建成10个示范区；到2030年底建成20个示范区。"
    assert [t.deadline_year for t in find_targets(text)] == [None, 2030]


@pytest.mark.parametrize(
    "text",
    ["2020年12月31日前完成52个网点建设", "2025年6月底前建成52个网点", "by June 30, 2020, 52 sites"],
)
def test_a_dated_deadline_gives_its_year(text: str) -> None:
    (target,) = find_targets(text)
    assert (target.value, target.deadline_year) == (D("52"), 2020 if "2020" in text else 2025)
