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
