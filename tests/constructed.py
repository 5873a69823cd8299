"""Policies built by hand with the fields today's parser leaves empty.

The parser does not yet fill ``Policy.notice`` and ``Policy.jurisdiction``;
the tables and the report are built on the model as the contract defines it,
so their tests also use policies that have them.  Every span indexes the
policy's ``text``, as in a parsed policy.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from shpolicy import (
    Diagnostic,
    Measure,
    Notice,
    Policy,
    ResponsibleUnit,
    Section,
    Span,
    Target,
    Task,
    ValidityPeriod,
)

DISTRICT_TEXT: Final = (
    "上海市静安区人民政府办公室关于印发《静安区促进数字经济发展若干措施》的通知\n"
    "各街道办事处、彭浦镇政府，区政府各委、办、局：\n"
    "现将《静安区促进数字经济发展若干措施》印发给你们，请认真按照执行。\n"
    "上海市静安区人民政府办公室\n"
    "2024年3月1日\n"
    "静安区促进数字经济发展若干措施\n"
    "为加快数字经济发展，到2025年，全区数字经济核心产业增加值达到500亿元。\n"
    "一、总体要求\n"
    "（一）强化统筹\n"
    "1.建立工作机制。到2026年培育10家以上龙头企业。"
    "（牵头单位：区发展改革委；配合单位：区商务委、相关部门）\n"
    "2.加强资金保障。每年安排不超过2000万元。（责任单位：区财政局）\n"
    "二、保障措施\n"
    "3.完善考核评价。\n"
    "（责任单位：区政府办公室）\n"
    "本措施自2024年4月1日起施行，有效期至2026年12月31日。累计支持不少于100个项目。\n"
    "附件\n序号\n任务\n牵头单位\n配合单位\n完成时限\n"
    "1\n建立工作机制\n区发展改革委\n区商务委\n2024年底前\n"
    "2\n完善考核评价\n"
)


def _span(text: str, part: str, start: int = 0) -> Span:
    found = text.index(part, start)
    return Span(start=found, end=found + len(part))


def district_policy() -> Policy:
    """A Jing'an district policy wrapped in a notice: nested sections, roles, a section clause."""
    text = DISTRICT_TEXT
    office = ResponsibleUnit(name="上海市静安区人民政府办公室", unit_id=None)
    notice_end = text.index("静安区促进数字经济发展若干措施\n为")
    measure1 = Measure(
        label="1.",
        ordinal=1,
        title="建立工作机制",
        text="建立工作机制。到2026年培育10家以上龙头企业。",
        responsible_label="牵头单位",
        responsible_units=(
            ResponsibleUnit(
                name="区发展改革委",
                unit_id="jingan-development-reform-commission",
                role="lead",
                span=_span(text, "区发展改革委"),
            ),
            ResponsibleUnit(
                name="区商务委",
                unit_id="jingan-commerce-commission",
                role="cooperating",
                span=_span(text, "区商务委"),
            ),
            ResponsibleUnit(name="相关部门", unit_id=None, role="cooperating"),
        ),
        targets=(
            Target(
                text="10家以上",
                value=Decimal(10),
                unit="家",
                comparator=">=",
                deadline_year=2026,
                span=_span(text, "10家以上"),
            ),
        ),
        span=Span(start=text.index("1.建立"), end=text.index("2.加强")),
    )
    measure2 = Measure(
        label="2.",
        ordinal=2,
        title="加强资金保障",
        text="加强资金保障。每年安排不超过2000万元。",
        responsible_label="责任单位",
        responsible_units=(ResponsibleUnit(name="区财政局", unit_id="jingan-finance-bureau"),),
        targets=(
            Target(
                text="不超过2000万元",
                value=Decimal(20000000),
                unit="CNY",
                comparator="<=",
                span=_span(text, "不超过2000万元"),
            ),
        ),
        span=Span(start=text.index("2.加强"), end=text.index("二、保障")),
    )
    measure3 = Measure(
        label="3.",
        ordinal=3,
        title="完善考核评价",
        text="完善考核评价。",
        span=Span(start=text.index("3.完善"), end=text.index("（责任单位：区政府办公室）")),
    )
    inner = Section(
        num="一",
        label="（一）",
        ordinal=1,
        heading="强化统筹",
        measures=(measure1, measure2),
        span=Span(start=text.index("（一）强化"), end=text.index("二、保障")),
    )
    first = Section(
        num="一",
        label="一、",
        ordinal=1,
        heading="总体要求",
        sections=(inner,),
        span=Span(start=text.index("一、总体"), end=text.index("二、保障")),
    )
    second = Section(
        num="二",
        label="二、",
        ordinal=2,
        heading="保障措施",
        measures=(measure3,),
        responsible_label="责任单位",
        responsible_units=(ResponsibleUnit(name="区政府办公室", unit_id=None),),
        span=Span(start=text.index("二、保障"), end=text.index("本措施")),
    )
    return Policy(
        title="静安区促进数字经济发展若干措施",
        notice=Notice(
            title="上海市静安区人民政府办公室关于印发《静安区促进数字经济发展若干措施》的通知",
            addressees="各街道办事处、彭浦镇政府，区政府各委、办、局：",
            text="现将《静安区促进数字经济发展若干措施》印发给你们，请认真按照执行。",
            issuers=(office,),
            date=dt.date(2024, 3, 1),
            span=Span(start=0, end=notice_end),
        ),
        jurisdiction="cn-sh-jingan",
        language="zh",
        doc_number="静府办规〔2024〕1号",
        issued=dt.date(2024, 3, 1),
        issuers=(office,),
        validity=ValidityPeriod(
            start=dt.date(2024, 4, 1),
            end=dt.date(2026, 12, 31),
            text="本措施自2024年4月1日起施行，有效期至2026年12月31日。",
        ),
        preamble="为加快数字经济发展，到2025年，全区数字经济核心产业增加值达到500亿元。",
        sections=(first, second),
        targets=(
            Target(
                text="500亿元",
                value=Decimal(50000000000),
                unit="CNY",
                deadline_year=2025,
                span=_span(text, "500亿元"),
            ),
            Target(
                text="不少于100个",
                value=Decimal(100),
                unit="个",
                comparator=">=",
                span=_span(text, "不少于100个"),
            ),
        ),
        closing="累计支持不少于100个项目。",
        tasks=(
            Task(
                number="1",
                text="建立工作机制",
                units=(
                    ResponsibleUnit(
                        name="区发展改革委",
                        unit_id="jingan-development-reform-commission",
                        role="lead",
                        span=_span(text, "区发展改革委", text.index("附件")),
                    ),
                    ResponsibleUnit(
                        name="区商务委",
                        unit_id="jingan-commerce-commission",
                        role="cooperating",
                        span=_span(text, "区商务委", text.index("附件")),
                    ),
                ),
                deadline="2024年底前",
                deadline_year=2024,
                measure=measure1.span,
                span=Span(start=text.index("1\n建立"), end=text.index("\n2\n完善")),
            ),
            # a row cut off: no body
            Task(
                number="2",
                text="完善考核评价",
                span=Span(start=text.index("2\n完善"), end=len(text) - 1),
            ),
        ),
        diagnostics=(
            Diagnostic(code="no-published-date", severity="info", message="no publication date"),
            Diagnostic(
                code="unknown-unit",
                severity="warning",
                message="区财政局 is resolved only in the district's context",
                span=_span(text, "区财政局"),
            ),
            Diagnostic(
                code="preamble-note",
                severity="info",
                message="a figure in the preamble",
                span=_span(text, "500亿元"),
            ),
            Diagnostic(
                code="closing-note",
                severity="warning",
                message="a figure in the closing",
                span=_span(text, "不少于100个"),
            ),
        ),
        source="policies/jingan-digital-economy-2024.txt",
        text=text,
    )


HOSTILE_TEXT: Final = "<script>alert(1)</script> & \"quotes\" 'apostrophes'\n1. =HYPERLINK()\n"


def hostile_policy() -> Policy:
    """A policy whose every text is markup, a formula or a path: it must come out inert."""
    text = HOSTILE_TEXT
    evil = '<img src=x onerror="alert(2)">'
    return Policy(
        title="<script>alert(1)</script> & \"quotes\" 'apostrophes'",
        language="en",
        doc_number="</title><script>alert(3)</script>",
        issuers=(ResponsibleUnit(name=evil, unit_id="../../../etc/passwd"),),
        preamble="<b>bold?</b> \ud800 lone surrogate",
        measures=(
            Measure(
                label="1.",
                ordinal=1,
                title='=HYPERLINK("http://example.invalid")',
                text='=HYPERLINK("http://example.invalid") <a href="javascript:x">x</a>',
                responsible_label="<u>Units</u>",
                responsible_units=(
                    ResponsibleUnit(name=evil, unit_id="../../../etc/passwd"),
                    ResponsibleUnit(name="@SUM(A1:A9)", unit_id=None),
                    ResponsibleUnit(name="Evil\u2028Name\x00", unit_id="UPPER CASE id"),
                ),
                targets=(
                    Target(
                        text="<i>5</i>",
                        value=Decimal("-5"),
                        unit="<u>",
                        span=Span(start=0, end=1),
                    ),
                ),
                span=Span(start=text.index("1."), end=len(text)),
            ),
        ),
        diagnostics=(
            Diagnostic(
                code="x<y",
                severity="error",
                message="<script>alert(4)</script>",
                span=Span(start=text.index("1."), end=text.index("1.") + 2),
            ),
        ),
        source="../../evil/<name>.txt",
        text=text,
    )
