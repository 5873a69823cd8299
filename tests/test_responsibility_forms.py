"""Every form a responsibility is printed in (issue 14, part 5).

Each test states one rule of how Shanghai policies say who does what, on a
small document written for it: labelled clauses with any part (牵头, 配合,
参加, 支撑 …), lead and supporting bodies on their own lines, task tables
flattened to lines, division-of-labour lists in an annex, and 职责分工 lists
where each body heads its duties.
"""

from __future__ import annotations

import pytest

import shpolicy
from shpolicy import Policy


def _roles(policy: Policy, index: int = 0) -> list[tuple[str, str | None]]:
    measure = policy.all_measures()[index]
    return [(u.name, u.role) for u in measure.responsible_units]


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("参加单位", "cooperating"),
        ("支撑单位", "cooperating"),
        ("协同单位", "cooperating"),
        ("参与部门", "cooperating"),
        ("协助单位", "cooperating"),
        ("支持单位", "cooperating"),
        ("牵头部门", "lead"),
        ("主责单位", "lead"),
        ("责任部门", None),
        ("实施主体", None),
    ],
)
def test_a_label_is_a_part_and_a_noun(label: str, role: str | None) -> None:
    head = "上海市某区实施方案\n一、主要任务\n1.推进建设。"
    text = f"{head}（牵头单位：区发展改革委，{label}：区财政局）\n"
    if role is None:
        # an unmarked label keeps the role the text gives: none
        text = f"{head}（{label}：区财政局）\n"
    policy = shpolicy.parse_text(text)
    assert ("区财政局", role) in _roles(policy)
    assert all("：" not in u.name for u in policy.all_measures()[0].responsible_units)


def test_lead_and_supporting_bodies_on_their_own_lines() -> None:
    policy = shpolicy.parse_text(
        "上海市徐汇区人民政府办公室关于推进某项工作的实施方案\n"
        "一、主要任务\n"
        "1.加快建设。推进项目落地。\n"
        "牵头单位：区建设管理委、区发展改革委\n"
        "参加单位：区财政局、各街道镇\n"
        "2.强化保障。落实资金。\n"
        "责任部门：区财政局\n"
        "支撑单位：区审计局\n"
    )
    assert _roles(policy, 0) == [
        ("区建设管理委", "lead"),
        ("区发展改革委", "lead"),
        ("区财政局", "cooperating"),
        ("各街道镇", "cooperating"),
    ]
    assert _roles(policy, 1) == [("区财政局", None), ("区审计局", "cooperating")]
    first = policy.all_measures()[0]
    assert first.text == "加快建设。推进项目落地。"
    assert first.responsible_units[0].unit_id == "xuhui-construction-management-commission"


# ------------------------------------------------------------------ tasks of an annex

_BODY = (
    "上海市青浦区人民政府办公室关于加强某项管理的实施意见\n"
    "一、主要任务\n"
    "1.推动源头减量。从项目规划环节强化土方消纳平衡。\n"
    "2.提升消纳处置能力。制定全区出土项目一张图。\n"
    "3.建设建筑垃圾转运码头。开展码头规划、备案工作。\n"
    "二、保障措施\n"
    "（一）加强机制保障。建立健全工作推进机制。\n"
    "附件：任务分工表\n"
)


def _tasks(policy: Policy) -> list[tuple[str | None, str, list[tuple[str, str | None]]]]:
    return [(t.number, t.text, [(u.name, u.role) for u in t.units]) for t in policy.tasks]


def _restated(policy: Policy) -> list[str | None]:
    found = [policy.measure_of(t) for t in policy.tasks]
    return [None if m is None else m.label for m in found]


def test_division_of_labour_items_in_an_annex_are_tasks_linked_by_title() -> None:
    # The annex numbers the tasks its own way: its (一) restates the body's 2.
    policy = shpolicy.parse_text(
        _BODY + "附件\n某某实施意见市级部门分工方案\n一、主要任务\n"
        "（一）提升消纳处置能力。\n牵头单位：区绿化市容局\n参加单位：区建设管理委、各街镇\n"
        "（二）开展码头规划、备案工作。\n牵头单位：区建设管理委\n"
        "（三）完善统计制度。（牵头单位：区统计局；配合单位：区财政局）\n"
    )
    assert _tasks(policy) == [
        (
            "（一）",
            "提升消纳处置能力。",
            [("区绿化市容局", "lead"), ("区建设管理委", "cooperating"), ("各街镇", "cooperating")],
        ),
        ("（二）", "开展码头规划、备案工作。", [("区建设管理委", "lead")]),
        ("（三）", "完善统计制度。", [("区统计局", "lead"), ("区财政局", "cooperating")]),
    ]
    # by title; by a sentence of the measure's text; and no measure says the third
    assert _restated(policy) == ["2.", "3.", None]
    assert policy.tasks[0].units[0].unit_id == "qingpu-landscaping-city-appearance-bureau"
    assert "unknown-unit" not in {d.code for d in policy.diagnostics}


_TABLE = (
    "附件\n任务分工表\n序号\n工作任务\n主要工作内容\n牵头单位\n配合单位\n完成时限\n"
    "1\n推动源头减量\n增加工程土方消纳平衡内容。\n区建设管理委\n区规划资源局、区水务局、\n各街镇\n"
    "2025年底前\n"
    "2\n提升消纳处置能力\n梳理评估出土项目。\n区土方工作\n专班\n——\n长期\n"
    "开展消纳场所备案工作。\n区绿化市容局\n区规划资源局\n2025年6月\n"
    "序号\n工作任务\n主要工作内容\n牵头单位\n配合单位\n完成时限\n"
    "3\n建设建筑垃圾转运码头\n开展码头规划。\n区建设管理委\n——\n2024—2026年\n"
)


def test_a_task_table_flattened_one_cell_a_line() -> None:
    policy = shpolicy.parse_text(_BODY + _TABLE)
    assert _tasks(policy) == [
        (
            "1",
            "推动源头减量\n增加工程土方消纳平衡内容。",
            [
                ("区建设管理委", "lead"),
                ("区规划资源局", "cooperating"),
                ("区水务局", "cooperating"),
                ("各街镇", "cooperating"),
            ],
        ),
        # a name wrapped mid-word is read whole; —— is an empty cell
        ("2", "提升消纳处置能力\n梳理评估出土项目。", [("区土方工作专班", "lead")]),
        # a sub-row keeps the row's caption (a merged cell)
        (
            "2",
            "提升消纳处置能力\n开展消纳场所备案工作。",
            [("区绿化市容局", "lead"), ("区规划资源局", "cooperating")],
        ),
        # the header printed again on a new page is no row
        ("3", "建设建筑垃圾转运码头\n开展码头规划。", [("区建设管理委", "lead")]),
    ]
    assert [(t.deadline, t.deadline_year) for t in policy.tasks] == [
        ("2025年底前", 2025),
        ("长期", None),
        ("2025年6月", 2025),
        ("2024—2026年", 2026),
    ]
    assert _restated(policy) == ["1.", "2.", "2.", "3."]
    codes = [d.code for d in policy.diagnostics]
    assert codes.count("unknown-unit") == 1  # 区土方工作专班: a body not in the registry
    assert not any(c.startswith("task-") for c in codes)


def test_a_task_table_with_delimited_cells() -> None:
    policy = shpolicy.parse_text(
        _BODY + "附件\n序号\t任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t推动源头减量\t区建设管理委\t区水务局、区绿化市容局\t2025年底前\n"
        "2  提升消纳处置能力  区绿化市容局  ——  长期\n"
    )
    assert _tasks(policy) == [
        (
            "1",
            "推动源头减量",
            [
                ("区建设管理委", "lead"),
                ("区水务局", "cooperating"),
                ("区绿化市容局", "cooperating"),
            ],
        ),
        ("2", "提升消纳处置能力", [("区绿化市容局", "lead")]),
    ]
    assert [t.deadline for t in policy.tasks] == ["2025年底前", "长期"]


def test_more_cells_of_bodies_than_columns_keep_no_part() -> None:
    policy = shpolicy.parse_text(
        _BODY + "附件\n序号\n主要任务\n责任单位\n配合单位\n"
        "1\n推动源头减量\n区建设管理委\n区水务局\n区绿化市容局\n"
        "2\n提升消纳处置能力\n区绿化市容局\n各街镇\n"
        "3\n建设码头\n完成码头备案\n"
    )
    assert _tasks(policy) == [
        ("1", "推动源头减量", [("区建设管理委", None), ("区水务局", None), ("区绿化市容局", None)]),
        ("2", "提升消纳处置能力", [("区绿化市容局", None), ("各街镇", "cooperating")]),
        ("3", "建设码头\n完成码头备案", []),
    ]
    codes = [d.code for d in policy.diagnostics]
    assert codes.count("task-units-ambiguous") == 1
    assert codes.count("task-row-incomplete") == 1  # the table is cut off at row 3


def test_counts_and_group_captions_in_a_task_table() -> None:
    # A count cell (4, 3) opens no row unless it continues the numbering and a
    # caption follows; a group heading (二 …) and a caption printed one character
    # a line are no tasks; a count of bodies (4个街道) is a value, not bodies.
    policy = shpolicy.parse_text(
        _BODY + "附件\n序号\n项目名称\n布点数量\n指标\n责任部门\n"
        "一\n源头\n1\n菜市场早餐门店\n4\n4个街道\n区商务委、各街道镇\n"
        "2\n便利店\n2\n罗森\n3\n3\n老字号\n3\n区商务委\n"
        "二\n分\n类\n4\n流动餐车\n5\n区商务委\n"
    )
    assert [(t.number, t.text) for t in policy.tasks] == [
        ("1", "菜市场早餐门店\n4\n4个街道"),
        ("2", "便利店\n2\n罗森\n3"),
        ("3", "老字号\n3"),
        ("4", "流动餐车\n5"),
    ]
    assert [len(t.units) for t in policy.tasks] == [2, 0, 1, 1]


def test_a_duty_list_each_body_heading_its_duties() -> None:
    policy = shpolicy.parse_text(
        _BODY + "附件2\n土方管理平台职责清单\n一、区数据局\n做好平台的技术支撑。\n"
        "二、区城运中心\n1、线索处置\n做好平台的运维。\n2、数据整合\n统筹各部门数据资源。\n"
        "三、区土方工作专班\n统筹调度消纳场所。\n"
        "附件3\n实施细则\n（一）法治保障\n区司法局：负责指导行政执法单位运用两法平台。\n"
        "总路长：为全区农村公路的总负责人。\n"
    )
    assert _tasks(policy) == [
        ("一、", "做好平台的技术支撑。", [("区数据局", None)]),
        (
            "二、",
            "1、线索处置\n做好平台的运维。\n2、数据整合\n统筹各部门数据资源。",
            [("区城运中心", None)],
        ),
        ("三、", "统筹调度消纳场所。", [("区土方工作专班", None)]),
        (None, "负责指导行政执法单位运用两法平台。", [("区司法局", None)]),
    ]
    assert policy.tasks[1].units[0].unit_id == "qingpu-city-operations-center"


def test_a_signature_is_no_duty_list() -> None:
    policy = shpolicy.parse_text(
        _BODY.replace("附件：任务分工表\n", "上海市青浦区人民政府办公室\n2025年9月18日\n")
    )
    assert policy.tasks == ()


def test_tasks_round_trip_and_keep_the_text_whole() -> None:
    from shpolicy.akn import from_akn, to_akn

    policy = shpolicy.parse_text(_BODY + _TABLE)
    assert shpolicy.from_json(shpolicy.to_json(policy)) == policy
    assert from_akn(to_akn(policy)) == policy
    for task in policy.tasks:
        assert policy.text[task.span.start : task.span.end].startswith(task.number or "")


# ------------------------------------------------------------------ 职责分工 in the body


def test_each_body_heading_its_duties_is_responsible_for_them() -> None:
    policy = shpolicy.parse_text(
        "上海市虹口区人民政府办公室关于印发某项工作方案的通知\n"
        "一、主要任务\n"
        "1.推进分类。落实分类投放。\n"
        "二、职责分工\n"
        "1.区绿化市容局（区分减联办）：负责总体牵头协调推进全区工作。\n"
        "2.区商务委：负责推进菜场湿垃圾分拣。\n"
        "3.区分类办公室：负责日常协调。\n"
        "4.各街道办事处：负责属地推进。\n"
        "三、保障措施\n"
        "1.强化考核。区财政局：负责经费保障的说法不在句首。\n"
    )
    found = [(m.label, [u.name for u in m.responsible_units]) for m in policy.all_measures()]
    assert found == [
        ("1.", []),
        ("1.", ["区绿化市容局（区分减联办）"]),
        ("2.", ["区商务委"]),
        # under a heading on duties a name that reads like a body is one (and unknown)
        ("3.", ["区分类办公室"]),
        ("4.", ["各街道办事处"]),
        ("1.", []),
    ]
    duties = policy.all_measures()[1]
    assert duties.responsible_units[0].unit_id == "hongkou-landscaping-city-appearance-bureau"
    # the name stays in the measure's text: it is the subject of its duties
    assert duties.text.startswith("区绿化市容局（区分减联办）：负责")
    unknown = [d.message for d in policy.diagnostics if d.code == "unknown-unit"]
    assert unknown == ["'区分类办公室' is not in the registry of Shanghai bodies"]


def test_a_known_body_and_a_colon_open_duties_under_any_heading() -> None:
    policy = shpolicy.parse_text(
        "上海市某区实施方案\n一、保障措施\n1.区财政局：负责落实经费。\n2.工作要求：各单位要落实。\n"
    )
    assert [[u.name for u in m.responsible_units] for m in policy.all_measures()] == [
        ["区财政局"],
        [],
    ]


# ------------------------------------------------------------------ what is reported


def test_unknown_unit_only_for_names_that_read_like_bodies() -> None:
    policy = shpolicy.parse_text(
        "上海市青浦区人民政府办公室关于某事的实施意见\n一、主要任务\n"
        "1.推进建设。（责任单位：区土方工作专班、属地街镇（镇人民政府、街道办事处）、"
        "区属国有企业、各区属集团、开发区、建设主管部门、各街道管理办、区城管局）\n"
    )
    units = policy.all_measures()[0].responsible_units
    assert [u.unit_id for u in units] == [
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        "qingpu-urban-management-enforcement-bureau",
    ]
    unknown = [d.message for d in policy.diagnostics if d.code == "unknown-unit"]
    assert unknown == ["'区土方工作专班' is not in the registry of Shanghai bodies"]


def test_names_printed_together_are_split_by_the_registry() -> None:
    policy = shpolicy.parse_text(
        "关于印发《2026年上海某项工作要点》的通知\n上海市规划和自然资源局\n一、主要任务\n"
        "1.推进建设。（责任部门：市住房城乡建设管理委市重大办、市交通委）\n"
    )
    units = policy.all_measures()[0].responsible_units
    assert [(u.name, u.unit_id) for u in units] == [
        ("市住房城乡建设管理委", "municipal-housing-urban-rural-development-commission"),
        ("市重大办", "municipal-major-projects-office"),
        ("市交通委", "municipal-transport-commission"),
    ]
    for unit in units:
        assert unit.span is not None
        assert policy.text[unit.span.start : unit.span.end] == unit.name


def test_a_web_pages_controls_after_the_table_are_no_cell() -> None:
    policy = shpolicy.parse_text(
        _BODY + "附件\n序号\n任务\n牵头部门\n配合部门\n1\n推动源头减量\n区建设管理委\n区水务局\n"
        "\n【打印】　【关闭】\n"
    )
    assert _tasks(policy) == [
        ("1", "推动源头减量", [("区建设管理委", "lead"), ("区水务局", "cooperating")])
    ]


def test_unnumbered_items_and_duties_after_a_colon() -> None:
    policy = shpolicy.parse_text(
        _BODY + "附件\n部门分工\n加快建设转运码头。\n牵头单位：区建设管理委\n配合单位：区水务局\n"
        "区绿化市容局：\n负责消纳场所备案。\n负责运输许可。\n"
    )
    assert _tasks(policy) == [
        (None, "加快建设转运码头。", [("区建设管理委", "lead"), ("区水务局", "cooperating")]),
        (None, "负责消纳场所备案。\n负责运输许可。", [("区绿化市容局", None)]),
    ]


def test_a_body_heading_its_duties_on_the_lines_below() -> None:
    policy = shpolicy.parse_text(
        "上海市徐汇区某项工作方案\n一、职责分工\n1.区商务委\n负责牵头推进早餐工程。\n"
        "2.各街道镇\n负责属地推进。\n二、保障措施\n1.区财政局\n落实经费。\n"
    )
    found = [[u.name for u in m.responsible_units] for m in policy.all_measures()]
    # outside a heading on duties a name alone is a measure's title, not its holder
    assert found == [["区商务委"], ["各街道镇"], []]
