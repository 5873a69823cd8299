"""The notice of issuance that wraps a policy, the policy's own title, issuers, drafters, layout."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import shpolicy
from shpolicy import Policy
from shpolicy.normalize import fold
from shpolicy.notice import match_notice_title

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"
CORPUS = Path(__file__).resolve().parent / "corpus" / "texts"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"

QINGPU = """上海市青浦区人民政府办公室关于印发《青浦区关于全面加强建筑垃圾管理的实施意见》的通知

各镇人民政府、街道办事处，区政府各委、办、局，各有关单位：

《青浦区关于全面加强建筑垃圾管理的实施意见》已经区政府同意，现印发给你们，请认真按照执行。

特此通知。

上海市青浦区人民政府办公室

2025年9月18日

青浦区关于全面加强建筑垃圾管理的实施意见

为加快构建建筑垃圾全链条管理体系，特出台本实施意见。

一、总体目标

1.加强源头管控。（责任单位：区建设管理委、区绿化市容局）

2.强化运输监管。（责任单位：公安青浦分局、区城管执法局）

本意见自2025年10月1日起施行，有效期5年。
"""


def _parse(text: str) -> Policy:
    return shpolicy.parse_text(text)


def test_a_notice_of_issuance_is_read_part_by_part() -> None:
    policy = _parse(QINGPU)
    notice = policy.notice
    assert notice is not None
    assert notice.title == QINGPU.splitlines()[0]
    assert notice.addressees == "各镇人民政府、街道办事处，区政府各委、办、局，各有关单位："
    assert notice.text.startswith("《青浦区关于全面加强建筑垃圾管理的实施意见》已经区政府同意")
    assert notice.text.endswith("特此通知。")
    assert [u.name for u in notice.issuers] == ["上海市青浦区人民政府办公室"]
    assert notice.date == dt.date(2025, 9, 18)
    assert QINGPU[notice.span.start : notice.span.end].endswith("2025年9月18日")
    # The policy is the inner document: its own title, the notice's signatories, its date.
    assert policy.title == "青浦区关于全面加强建筑垃圾管理的实施意见"
    assert policy.issuers == notice.issuers
    assert policy.issued == dt.date(2025, 9, 18)
    assert policy.preamble == "为加快构建建筑垃圾全链条管理体系，特出台本实施意见。"
    # A district document: its 区X names are the district's bodies.
    assert policy.jurisdiction == "cn-sh-qingpu"
    units = policy.all_measures()[0].responsible_units + policy.all_measures()[1].responsible_units
    assert all(u.unit_id is not None and u.unit_id.startswith("qingpu-") for u in units)
    # 有效期5年 from 2025-10-01.
    assert policy.validity is not None
    assert policy.validity.end == dt.date(2030, 9, 30)


def test_the_notice_names_the_title_when_the_policy_does_not_repeat_it() -> None:
    text = (
        "上海市长宁区人民政府办公室印发《关于进一步加强长宁区公共消防安全的工作意见》的通知\n"
        "各街道办事处、新泾镇政府，区政府各委、办、局：\n"
        "现将《关于进一步加强长宁区公共消防安全的工作意见》印发给你们，请认真按照执行。\n"
        "一、落实消防安全责任\n"
        "1.健全责任体系。（责任单位：区消防救援支队、区应急局）\n"
    )
    policy = _parse(text)
    assert policy.title == "关于进一步加强长宁区公共消防安全的工作意见"
    assert policy.notice is not None
    # Not signed on a line of its own: the issuer is the body the title names.
    assert [u.name for u in policy.issuers] == ["上海市长宁区人民政府办公室"]
    assert policy.issuers[0].unit_id is not None
    assert policy.jurisdiction == "cn-sh-changning"
    assert len(policy.all_measures()) == 1


def test_a_title_broken_over_lines_is_joined_as_the_notice_names_it() -> None:
    text = (
        "虹口区人民政府办公室关于印发虹口区生活垃圾全程分类体系建设三年行动计划（2018—2020年）的通知\n\n"
        "区政府有关部门、各街道办事处、有关单位：\n\n"
        "《虹口区生活垃圾全程分类体系建设三年行动计划（2018—2020年）》已经区政府同意，现印发给你们。\n\n"
        "虹口区人民政府办公室\n\n2018年6月24日\n\n"
        "虹口区生活垃圾全程分类体系建设\n\n三年行动计划（2018—2020年）\n\n"
        "为推进生活垃圾全程分类体系建设，特制定本行动计划。\n\n"
        "一、主要任务\n\n1.推进源头减量。（责任单位：区绿化市容局）\n"
    )
    policy = _parse(text)
    assert policy.title == "虹口区生活垃圾全程分类体系建设三年行动计划（2018—2020年）"
    assert policy.preamble == "为推进生活垃圾全程分类体系建设，特制定本行动计划。"
    title_blocks = [b for b in policy.layout if b.kind == "title"]
    assert len(title_blocks) == 1
    assert "三年行动计划" in text[title_blocks[0].span.start : title_blocks[0].span.end]


def test_a_title_with_its_years_on_the_next_line() -> None:
    text = (
        "关于印发《普陀区生活垃圾分类提质增效三年行动计划（2026—2028年）》的通知\n"
        "各相关单位：\n现将《普陀区生活垃圾分类提质增效三年行动计划（2026-2028年）》印发给你们。\n"
        "上海市普陀区绿化和市容管理局\n2026年9月4日\n"
        "普陀区生活垃圾分类提质增效三年行动计划\n（2026—2028年）\n"
        "为推动本区生活垃圾分类提质增效，特制定本行动计划。\n一、主要目标\n1.提升分类实效。\n"
    )
    policy = _parse(text)
    assert policy.title == "普陀区生活垃圾分类提质增效三年行动计划（2026—2028年）"
    assert [u.name for u in policy.issuers] == ["上海市普陀区绿化和市容管理局"]
    assert policy.jurisdiction == "cn-sh-putuo"


@pytest.mark.parametrize(
    ("title", "drafter"),
    [
        (
            "上海市静安区人民政府办公室关于转发区消防支队《静安区消防救援发展三年行动计划》的通知",
            "区消防支队",
        ),
        (
            "上海市松江区人民政府办公室关于转发区建设管理委制订的《松江区城市更新2025年度实施计划》的通知",
            "区建设管理委",
        ),
    ],
)
def test_a_notice_of_transmission_keeps_the_drafter_apart(title: str, drafter: str) -> None:
    inner = re.search("《(.*)》", title)
    assert inner is not None
    text = (
        f"{title}\n区政府各委、办、局，各街道办事处：\n"
        f"现将《{inner.group(1)}》转发给你们，请认真按照执行。\n2025年7月15日\n"
        f"{inner.group(1)}\n一、主要任务\n1.推进更新。（责任单位：区建设管理委）\n"
    )
    policy = _parse(text)
    assert policy.title == inner.group(1)
    assert [u.name for u in policy.drafters] == [drafter]
    assert policy.drafters[0].unit_id is not None
    assert policy.issuers[0].name.endswith("人民政府办公室")
    assert drafter not in [u.name for u in policy.issuers]


def test_the_drafter_named_in_the_notice_body() -> None:
    text = (
        "上海市嘉定区人民政府办公室关于转发《嘉定区系统化全域推进海绵城市建设的实施方案》的通知\n"
        "各镇人民政府，区政府相关委、办、局：\n"
        "区建设管理委拟定的《嘉定区系统化全域推进海绵城市建设的实施方案》已经区政府同意，现转发给你们。\n"
        "上海市嘉定区人民政府办公室\n2024年10月10日\n"
        "嘉定区系统化全域推进海绵城市建设的实施方案\n一、目标\n1.推进建设。\n"
    )
    policy = _parse(text)
    assert [u.name for u in policy.drafters] == ["区建设管理委"]
    assert policy.drafters[0].unit_id is not None
    assert policy.drafters[0].unit_id.startswith("jiading-")


def test_co_issuers_printed_on_one_line_are_told_apart() -> None:
    text = (
        "关于印发《黄浦区城市更新实施方案》的通知\n各有关单位：\n"
        "现将《黄浦区城市更新实施方案》印发给你们，请认真按照执行。\n"
        "黄浦区发展和改革委员会黄浦区建设和管理委员会\n2025年3月1日\n"
        "黄浦区城市更新实施方案\n一、任务\n1.推进更新。（责任单位：区发展改革委）\n"
    )
    policy = _parse(text)
    assert [u.name for u in policy.issuers] == ["黄浦区发展和改革委员会", "黄浦区建设和管理委员会"]
    assert all(u.unit_id is not None for u in policy.issuers)
    assert len({u.unit_id for u in policy.issuers}) == 2
    assert policy.jurisdiction == "cn-sh-huangpu"


def test_a_masthead_and_number_above_the_notice_title() -> None:
    text = (
        "上海市人民政府办公厅文件\n沪府办发〔2024〕3号\n"
        "上海市人民政府办公厅关于印发《上海市公园提质增效实施方案》的通知\n"
        "各区人民政府，市政府各委、办、局：\n"
        "《上海市公园提质增效实施方案》已经市政府同意，现印发给你们，请认真按照执行。\n"
        "上海市人民政府办公厅\n2024年8月3日\n"
        "上海市公园提质增效实施方案\n为深化公园城市建设，制定本实施方案。\n"
        "一、工作目标\n1.提升品质。（责任单位：市绿化市容局）\n"
    )
    policy = _parse(text)
    assert policy.notice is not None
    assert policy.title == "上海市公园提质增效实施方案"
    assert policy.doc_number == "沪府办发〔2024〕3号"
    kinds = [block.kind for block in policy.layout]
    assert kinds[:3] == ["masthead", "notice-number", "notice-title"]
    xml = shpolicy.to_akn(policy)
    assert b'<coverPage><p class="masthead">' in xml
    assert shpolicy.from_akn(xml) == policy


def test_an_english_notice() -> None:
    text = (CORPUS / "en01_notice_action_plan.txt").read_text("utf-8")
    policy = _parse(text)
    assert policy.notice is not None
    assert policy.notice.title.startswith("Notice of the General Office")
    assert policy.title is not None
    assert policy.title.startswith("Shanghai Action Plan for Promoting")
    assert policy.notice.addressees is not None
    assert policy.notice.addressees.startswith("People's governments of all districts")
    assert policy.notice.date == dt.date(2024, 3, 18)
    assert [u.name for u in policy.notice.issuers] == [
        "General Office of the Shanghai Municipal People's Government"
    ]


def test_a_notice_that_is_the_document_itself_wraps_nothing() -> None:
    text = (CORPUS / "r7_05_zh_notice_itself_attachment_list.txt").read_text("utf-8")
    policy = _parse(text)
    assert policy.notice is None
    assert policy.title == "上海市人民政府办公厅关于进一步优化支付服务提升入境消费便利性的通知"


@pytest.mark.parametrize(
    ("title", "named", "issuer"),
    [
        (
            "上海市人民政府办公厅关于印发《上海市公园提质增效实施方案》的通知",
            "上海市公园提质增效实施方案",
            "上海市人民政府办公厅",
        ),
        (
            "关于印发本区深化农村公路管理养护体制改革实施方案的通知",
            "本区深化农村公路管理养护体制改革实施方案",
            None,
        ),
        (
            "上海市商务委员会　上海市发展和改革委员会关于印发《首发经济实施方案》的通知",
            "首发经济实施方案",
            "上海市商务委员会　上海市发展和改革委员会",
        ),
        ("关于印发《A计划》和《B方案》的通知", "A计划", None),
        ("Notice on Issuing the “Several Measures”", "Several Measures", None),
    ],
)
def test_notice_titles(title: str, named: str, issuer: str | None) -> None:
    found = match_notice_title(fold(title))
    assert found is not None
    assert title[found.title[0] : found.title[1]] == named
    assert (None if found.issuer is None else title[found.issuer[0] : found.issuer[1]]) == issuer


@pytest.mark.parametrize(
    "line",
    [
        "关于进一步加强公共消防安全的工作意见",
        "上海市人民政府关于加快发展的通知",
        "Notice on Further Strengthening Fire Safety",
    ],
)
def test_other_titles_are_no_notice_of_issuance(line: str) -> None:
    assert match_notice_title(fold(line)) is None


# -- layout: the whole text, once, in order -------------------------------------------


def _sources() -> list[Path]:
    found = [*sorted(SAMPLES.glob("*.txt")), *sorted(CORPUS.glob("*.txt"))]
    if REAL.is_dir():
        found.extend(sorted(REAL.glob("*.txt")))
    return found


@pytest.mark.parametrize("path", _sources(), ids=lambda p: p.name)
def test_the_layout_covers_every_character_in_order(path: Path) -> None:
    policy = shpolicy.parse_file(path)
    cursor = 0
    for block in policy.layout:
        assert block.span.start >= cursor, block
        assert policy.text[cursor : block.span.start].strip() == "", (cursor, block)
        cursor = block.span.end
    assert policy.text[cursor:].strip() == ""
    body = [b for b in policy.layout if b.kind == "body"]
    if policy.all_measures():
        assert body, "the numbered items are the body"
        assert body[0].span.start <= policy.all_measures()[0].span.start


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is absent")
def test_real_notices_give_the_policy_its_own_title() -> None:
    for path in sorted(REAL.glob("*.txt")):
        policy = shpolicy.parse_file(path)
        assert policy.title is not None, path.name
        assert not policy.title.endswith("通知"), (path.name, policy.title)
        assert policy.issuers, path.name
        district = path.name.split("-")[0]
        expected = "cn-sh" if district == "municipal" else f"cn-sh-{district}"
        assert policy.jurisdiction == expected, path.name
        if policy.notice is not None:
            assert policy.title != policy.notice.title
            assert policy.notice.issuers or policy.issuers
