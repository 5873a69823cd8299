"""Lines of a text, and the joiner that undoes a PDF copy's page-width line breaks."""

from __future__ import annotations

from shpolicy.lines import Line, join_hard_wrapped, split_lines
from shpolicy.normalize import fold


def joined(text: str) -> list[str]:
    folded = fold(text)
    return [text[line.start : line.end] for line in join_hard_wrapped(folded, split_lines(folded))]


# A page 20 characters wide, cut mid-sentence; paragraphs flush left.
WRAPPED = (
    "一、总体要求\n"
    "为推动本市数字经济高质量发展，加快建设具有全\n"
    "球影响力的国际数字之都，结合本市实际，制定本\n"
    "措施。\n"
    "二、主要任务\n"
    "（一）加快数字基础设施建设，推进千兆光网和五\n"
    "（二）这一行不是上一行的续行，尽管它与页宽等\n"
    "宽并且上一行在句子中间断开，它以编号开头。\n"
)


def test_lines_cut_at_the_page_width_are_joined() -> None:
    lines = joined(WRAPPED)
    assert lines[1] == (
        "为推动本市数字经济高质量发展，加快建设具有全\n"
        "球影响力的国际数字之都，结合本市实际，制定本\n"
        "措施。"
    )


def test_a_numbered_line_is_never_joined_to_the_line_before_it() -> None:
    lines = joined(WRAPPED)
    assert "（一）加快数字基础设施建设，推进千兆光网和五" in lines
    assert lines[-1].startswith("（二）这一行")
    assert lines[-1].endswith("它以编号开头。")


# Indented paragraphs ("　　第八条…"): a flush line continues the line above even
# when it happens to begin like a label ("第五条规定…" cut from "符合第五条规定…").
INDENTED = (
    "　　第七条（平台支持）对服务品牌首发的公共服务平台，按照平台\n"
    "服务企业数量给予支持，每个平台每年最高不超过五十万元人民币。\n"
    "　　第八条（叠加限制）同一项目已获得市级其他财政资金支持的，\n"
    "第五条规定条件的项目同时符合第六条规定的，按照就高原则给予\n"
    "支持，不重复支持。\n"
    "　　第九条（申报程序）申报单位应当按照年度申报指南，通过“一\n"
    "网通办”平台提交申报材料，经区商务主管部门初审后报市商务委。\n"
)


def test_with_indented_paragraphs_a_flush_line_is_a_continuation() -> None:
    lines = joined(INDENTED)
    assert len(lines) == 3
    assert lines[1].startswith("第八条")
    assert "第五条规定条件" in lines[1]
    assert lines[2].startswith("第九条")


def test_parallel_headings_and_co_issuers_are_not_a_page_width() -> None:
    paragraph = "为深入贯彻落实国家和本市关于扩大有效投资的决策部署，发挥政府投资的引导作用。" * 4
    text = (
        "上海市黄浦区发展和改革委员会\n上海市黄浦区经济和信息化委员会\n"
        f"一、加强结构设计，做好项目储备\n{paragraph}\n"
        f"二、强化统筹协同，完善申报机制\n{paragraph}\n"
        f"三、鼓励新增投资，促进良性循环\n{paragraph}\n"
    )
    folded = fold(text)
    lines = split_lines(folded)
    assert join_hard_wrapped(folded, lines) == lines


def test_equal_lines_without_stops_join_into_one() -> None:
    # A flattened table read line by line: every line at the width, none ending
    # a sentence.  (The joined line is tracked by its last physical line, so
    # this is linear: see benchmarks/linearity.py, equal_lines_*.)
    count = 2_000
    text = "\n".join("数据表格第一列数值第二列数值第三列数值第四列数值" for _ in range(count))
    folded = fold(text)
    (line,) = join_hard_wrapped(folded, split_lines(folded))
    assert line == Line(start=0, end=len(text), number=1)


def test_page_numbers_are_dropped_only_in_a_wrapped_text() -> None:
    assert "— 2 —" not in joined(WRAPPED.replace("措施。\n", "措施。\n— 2 —\n"))
    assert joined("第一行\n— 2 —\n第二行\n") == ["第一行", "— 2 —", "第二行"]
