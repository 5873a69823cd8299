"""Linearity probe: hostile input shapes at 1x, 2x, 4x and 8x their size.

Each case builds a text from one repeated shape (a long line, many labels, runs
of brackets, colons, blanks, clause labels, dates ...) that once drove a
recogniser into quadratic time or regex backtracking, parses it at growing
sizes and prints the CPU time of each and the ratio of the largest to the
smallest.  Linear behaviour gives about 8x for 8x the input; a case above 16x
is flagged.  Run from the project root::

    python benchmarks/linearity.py            # every case, base size 40,000 characters
    python benchmarks/linearity.py 20000 colons notice_on   # chosen cases
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable

from shpolicy.errors import ShpolicyError
from shpolicy.parse import parse_text


def words(n: int) -> str:
    """About *n* characters of plain words without a full stop."""
    return ("word " * (n // 5 + 1))[:n]


CASES: dict[str, Callable[[int], str]] = {
    "long_line_no_stop": lambda n: "Title of Measures\n1. " + words(n),
    "numbered_lines": lambda n: "".join(f"{i % 999 + 1}. item text here\n" for i in range(n // 20)),
    "numbered_mixed": lambda n: "".join(
        f"{'一二三四五六七八九'[i % 9]}、x\n{(i % 9) + 2}. y\n" for i in range(n // 12)
    ),
    "open_parens": lambda n: "1. " + "(" * n,
    "open_parens_lines": lambda n: "(\n" * (n // 2),
    "fw_parens": lambda n: "1. " + "（" * n,
    "resp_20k": lambda n: (
        "1. Do it. (Responsible units: " + ", ".join(f"Bureau {i}" for i in range(n // 12)) + ")"
    ),
    "resp_zh": lambda n: (
        "1.加强统筹。（责任单位：" + "、".join(f"市第{i}局" for i in range(n // 7)) + "）"
    ),
    "resp_and": lambda n: (
        "1. Do it. (Responsible units: "
        + " and ".join(f"the Bureau {i}" for i in range(n // 18))
        + ")"
    ),
    "resp_label_repeat": lambda n: "1. Do it " + "(Responsible units: x " * (n // 22),
    "resp_label_closed": lambda n: "1. Do it " + "(Responsible units: x) y " * (n // 25),
    "resp_label_plain": lambda n: "1. Do it. " + "Lead unit: x. " * (n // 14),
    "colons": lambda n: "1. " + "a:" * (n // 2),
    "notice_header": lambda n: "Notice " * (n // 7) + "\n1. x",
    "notice_on": lambda n: "Notice on Issuing the " * (n // 22) + "\n1. x",
    "byline": lambda n: "a " * (n // 2) + "| 2024-01-01\n1. x",
    "docnum": lambda n: "A " * (n // 2) + "\n1. x",
    "implementing": lambda n: "implementing the " * (n // 17) + "\n1. x",
    "implementing_and": lambda n: "implementing the Plan " + "and the Plan " * (n // 13) + "\n1. x",
    "runon_first_items": lambda n: ". 1." * (n // 4) + "\n1. x",
    "quotes": lambda n: '"' * n + "\n1. x",
    "title_marks": lambda n: "《" * n + "\n1. x",
    "inline_labels": lambda n: "1. a" + ". (1) b" * (n // 7),
    "inline_seq": lambda n: (
        "1. a" + "".join(f". ({i}) b" for i in range(1, 1000)) * (n // 8000 + 1)
    ),
    "stops": lambda n: "1. " + "a. " * (n // 3),
    "abbrev": lambda n: "1. " + "No. " * (n // 4),
    "initials": lambda n: "1. " + "P. " * (n // 3),
    "digits": lambda n: "1. " + "1" * n,
    "digits_sp": lambda n: "1. " + "1 " * (n // 2),
    "numbers_commas": lambda n: "1. " + "1,000 " * (n // 6),
    "cn_numbers": lambda n: "1.到2025年" + "五万" * (n // 2),
    "percent": lambda n: "1. " + "50% " * (n // 4),
    "years": lambda n: "1. by 2025 " * (n // 11),
    "dates": lambda n: "1. " + "2024年1月1日 " * (n // 10),
    "validity": lambda n: "1. x\nThese Measures shall be effective as of " + "January " * (n // 8),
    "validity2": lambda n: "1. x\nThese Measures " + "valid for " * (n // 10),
    "self_zh": lambda n: "1. x\n本" + "措" * n,
    "validity_zh": lambda n: "1. x\n本措施自" + "2024年" * (n // 5),
    "dots_spaces": lambda n: "1. " + ". " * (n // 2),
    "spaces": lambda n: "1. a" + " " * n + "b",
    "cn_dun": lambda n: "一" * (n // 2) + "、\n1. x",
    "roman": lambda n: "I" * n + ".\n1. x",
    "brackets_mix": lambda n: "1. " + "([" * (n // 2),
    "close_parens": lambda n: "1. " + ")" * n,
    "more_than": lambda n: "1. " + "more than " * (n // 10),
    "hyphen_range": lambda n: "1. " + "1-" * (n // 2),
    "units_suffix": lambda n: "1. 5 " + "million " * (n // 8),
    "zh_no_punct": lambda n: "1." + "加强统筹" * (n // 4),
    "wrap_notice": lambda n: "关于印发《" * (n // 5) + "\n1. x",
    "many_lines_plain": lambda n: "x\n" * (n // 2),
    "nested_numbering": lambda n: "".join(
        f"{i % 999 + 1}. a\n({i % 999 + 1}) b\n" for i in range(n // 20)
    ),
    "chapters": lambda n: "".join(f"第{'一二三四五六七八九'[i % 9]}章 x\n" for i in range(n // 6)),
    "resp_lines": lambda n: "1. x\n" + "Responsible units: the Bureau\n" * (n // 31),
    "cooperating": lambda n: "1. x. 牵头单位：市委\n" + "配合单位：市局\n" * (n // 8),
}
CASES.update(
    {
        "page_controls": lambda n: "字号" + " " * n + "x\n1. x",
        "page_controls2": lambda n: "打印 " * (n // 3) + "x\n1. x",
        "part_words": lambda n: "1. " + "Part I " * (n // 7),
        "part_lines": lambda n: "".join(f"Part {i % 999 + 1}\n" for i in range(n // 9)),
        "fields": lambda n: (
            "".join("Date of issue: 2024-01-01 | Source: x\n" for i in range(n // 38)) + "1. x"
        ),
        "notice_bare": lambda n: "Notice on Issuing the Plan " * (n // 27) + "\n1. x",
        "zh_dates": lambda n: "1. x\n" + "二〇二四年十二月二十日" * (n // 11),
        "blank_tail": lambda n: "1. x\n本措施有效期" + " " * n + "x",
        "title_lines": lambda n: "".join("Several Measures on\n" for i in range(n // 20)) + "1. x",
        "org_lines": lambda n: "1. x\n" + "Shanghai Municipal Commission of Commerce\n" * (n // 42),
        # A flattened table or a page read line by line: equal lines, no stops
        # (the hard-wrap joiner once searched the growing joined line per line).
        "equal_lines_zh": lambda n: "数据表格第一列数值第二列数值第三列数值第四列\n" * (n // 23),
        "equal_lines_en": lambda n: "column one value column two value column three\n" * (n // 47),
        # Parallel headings of one length among long paragraphs: no page width.
        "parallel_headings": lambda n: (
            ("一、加强结构设计，做好项目储备\n" + "加强统筹协调，推进项目建设。" * 10 + "\n")
            * (n // 156)
        ),
        "notice_body": lambda n: (
            "关于印发《方案》的通知\n"
            + "现将方案印发给你们，请认真贯彻执行。\n" * (n // 20)
            + "1. x"
        ),
        # Annexes (the tasks stage): a run of column names (each once searched
        # the whole run for its header), a long task table, the header printed on
        # every line, clause lines, duty lines, and many tasks against many measures.
        "annex_column_names": lambda n: "一、x。\n附件\n" + "序号\n" * (n // 3),
        "annex_table": lambda n: (
            "一、x。\n附件\n序号\n任务\n牵头单位\n"
            + "".join(f"{i}\n推进第{i}项\n区财政局\n" for i in range(1, n // 16 + 1))
        ),
        "annex_header_repeat": lambda n: "一、x。\n附件\n" + "序号\n任务\n牵头单位\n" * (n // 12),
        "annex_clause_lines": lambda n: (
            "一、x。\n附件\n（一）推进。\n" + "配合单位：各区政府\n" * (n // 10)
        ),
        "annex_duty_lines": lambda n: (
            "一、x。\n附件\n职责清单\n" + "区财政局：负责经费。\n" * (n // 11)
        ),
        "annex_tasks_measures": lambda n: (
            "一、主要任务\n"
            + "".join(f"{i}.推进第{i}项工作。\n" for i in range(1, n // 24 + 1))
            + "附件\n序号\n任务\n牵头单位\n"
            + "".join(f"{i}\n推进第{i}项\n区财政局\n" for i in range(1, n // 24 + 1))
        ),
    }
)


def run(name: str, base: int, factors: tuple[int, ...] = (1, 2, 4, 8)) -> bool:
    """Time case *name* at each factor of *base*; False when it grows faster than linearly."""
    times: list[float] = []
    for factor in factors:
        text = CASES[name](base * factor)
        started = time.process_time()
        with contextlib.suppress(ShpolicyError):  # a blank case is a clear error, still timed
            parse_text(text)
        times.append(time.process_time() - started)
        if times[-1] > 20:  # far too slow already: no need to go on
            break
    ratio = times[-1] / max(times[0], 1e-6)
    linear = len(times) == len(factors) and ratio <= 2 * factors[-1] / factors[0]
    cells = " ".join(f"{t:7.3f}" for t in times)
    print(f"{name:22s} {cells}  x{ratio:6.1f}{'' if linear else '  <-- SUPERLINEAR'}", flush=True)
    return linear


def main(argv: list[str]) -> int:
    base = int(argv[0]) if argv else 40_000
    names = argv[1:] or list(CASES)
    parse_text("1. warm up")
    results = [run(name, base) for name in names]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
