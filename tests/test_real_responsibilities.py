"""Every form of responsibility in the real texts of ../shared/real (issue 14, parts 5 and 6).

Counts were made by hand from the texts: the rows of each task table (one
per 序号, a sub-row of its own bodies counting once more), the items of the
division-of-labour annex, the bodies heading their duties.  Skipped when
../shared is absent.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

import pytest

import shpolicy
from shpolicy import Policy, ResponsibleUnit, units

REAL: Final = Path(__file__).resolve().parent.parent.parent / "shared" / "real"
TEXTS: Final = sorted(REAL.glob("*.txt")) if REAL.is_dir() else []
pytestmark = pytest.mark.skipif(not TEXTS, reason="../shared/real is absent")

# Tasks per text, counted by hand (see the module docstring).
TASKS: Final = {
    "municipal-wastewater-reuse.txt": 15,  # 市级部门分工方案: 15 items, 牵头 / 参加 lines
    "hongkou-waste-sorting-3yr-plan.txt": 21,  # 17 rows; the last row is 5 sub-rows
    "qingpu-construction-waste.txt": 41,  # 26 table (sub-)rows, 13 duty headings, 2 duty lines
    "jiading-sponge-city.txt": 12,  # 12 rows of 重点任务分解表
    "fengxian-rural-roads.txt": 25,  # 24 rows of 权力和责任清单, 1 duty line (路长办公室)
    "xuhui-breakfast-project.txt": 6,  # 6 rows of 一览表, the last cut off
}
# A marker followed by its list, up to the end of its clause.
_MARKER: Final = re.compile(
    r"(?:责任单位|责任部门|牵头单位|配合单位|参加单位|支撑单位)\s*[：:]([^）)\n]*)"
)
_SEPARATORS: Final = re.compile(r"[、，,；;]")


@pytest.fixture(scope="module")
def parsed() -> dict[str, Policy]:
    return {path.name: shpolicy.parse_file(path) for path in TEXTS}


def _clause_units(policy: Policy) -> list[ResponsibleUnit]:
    found: list[ResponsibleUnit] = []
    todo: list[object] = [policy]
    while todo:
        node = todo.pop()
        found.extend(getattr(node, "responsible_units", ()))
        todo.extend(getattr(node, "sections", ()))
        todo.extend(getattr(node, "measures", ()))
    return found


def _all_units(policy: Policy) -> list[ResponsibleUnit]:
    return [*_clause_units(policy), *(u for t in policy.tasks for u in t.units)]


def test_tasks_per_text(parsed: dict[str, Policy]) -> None:
    found = {name: len(p.tasks) for name, p in parsed.items() if p.tasks}
    assert found == TASKS


def test_every_name_after_a_marker_is_read(parsed: dict[str, Policy]) -> None:
    for path in TEXTS:
        names = {u.name for u in _all_units(parsed[path.name])}
        for clause in _MARKER.finditer(path.read_text("utf-8-sig")):
            for name in filter(None, (n.strip() for n in _SEPARATORS.split(clause.group(1)))):
                assert name.removesuffix("等") in names or any(n in name for n in names), (
                    path.name,
                    name,
                )


def test_the_division_of_labour_restates_the_measures(parsed: dict[str, Policy]) -> None:
    policy = parsed["municipal-wastewater-reuse.txt"]
    for task in policy.tasks:
        roles = {u.role for u in task.units}
        assert roles == {"lead", "cooperating"}, task.number
        assert all(u.unit_id is not None for u in task.units)
    restated = [policy.measure_of(t) for t in policy.tasks]
    # The annex's (一) is the body's (四): linked by title, not by number.
    first = restated[0]
    assert first is not None
    assert first.label == "（四）"
    assert sum(m is not None for m in restated) >= 14


def test_a_list_of_duties_in_the_body(parsed: dict[str, Policy]) -> None:
    policy = parsed["hongkou-waste-sorting-3yr-plan.txt"]
    holders = [m for m in policy.all_measures() if m.responsible_units]
    assert len(holders) == 13
    assert all(len(m.responsible_units) == 1 for m in holders)


def test_non_collective_mentions_resolve(parsed: dict[str, Policy]) -> None:
    resolved, unresolved = 0, []
    for policy in parsed.values():
        for unit in _all_units(policy):
            if units.is_collective(unit.name, jurisdiction=policy.jurisdiction):
                assert unit.unit_id is None
                continue
            if unit.unit_id is None:
                unresolved.append(unit.name)
            else:
                resolved += 1
    assert resolved > 900
    assert resolved / (resolved + len(unresolved)) >= 0.99, sorted(set(unresolved))


def test_unknown_units_are_names_of_bodies(parsed: dict[str, Policy]) -> None:
    reported = {
        d.message.split("'")[1]
        for p in parsed.values()
        for d in p.diagnostics
        if d.code == "unknown-unit"
    }
    # Each reads like a body's name the registry does not hold; no collective is reported.
    assert reported == {"上规公司", "区土方工作专班", "区级农村公路办公室"}
