"""Archival fidelity: the Akoma Ntoso body holds every character of the source once, in order.

Checked on the samples, the test corpus and the real published texts of
``../shared/real`` (skipped where that directory is absent): the text of the
export outside ``<meta>`` is the parsed text itself, so nothing is dropped and
nothing is added; the export is schema-valid and reads back to the same policy.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from lxml import etree

from shpolicy import Policy, from_akn, parse_file, to_akn
from shpolicy.akn import schema_path, validation_report
from shpolicy.akn.read import document_text
from shpolicy.model import Block, BlockKind, Span

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"
SOURCES = sorted(
    [
        *ROOT.joinpath("samples").glob("*.txt"),
        *ROOT.joinpath("tests", "corpus", "texts").glob("*.txt"),
    ]
)
REAL_TEXTS = sorted(REAL.glob("*.txt")) if REAL.is_dir() else []
_BLANKS = re.compile(r"\s+")


def _dropped_and_added(source: str, xml: bytes) -> tuple[int, int]:
    """Non-blank characters of *source* missing from the export outside <meta>, and extra ones.

    The same alignment as ../shared/tools/real_report.py, so the numbers agree.
    """
    root = etree.fromstring(xml)
    for meta in list(root.iter("{*}meta")):
        parent = meta.getparent()
        assert parent is not None
        parent.remove(meta)
    src = _BLANKS.sub("", source)
    out = _BLANKS.sub("", "".join(str(piece) for piece in root.itertext()))
    if src == out:  # (the alignment below is quadratic: only worth it for a report)
        return 0, 0
    matcher = SequenceMatcher(None, src, out, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return len(src) - same, len(out) - same


def _check(path: Path) -> None:
    policy = parse_file(path)
    xml = to_akn(policy)
    root = etree.fromstring(xml)
    doc = root.find("{*}doc")
    assert doc is not None
    assert document_text(doc) == policy.text, "the body's text is not the parsed text"
    assert _dropped_and_added(policy.text, xml) == (0, 0)
    assert from_akn(xml) == policy
    if schema_path() is not None:
        assert validation_report(xml).problems == ()


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_sample_and_corpus_exports_keep_every_character(path: Path) -> None:
    _check(path)


@pytest.mark.skipif(not REAL_TEXTS, reason="../shared/real is absent")
@pytest.mark.parametrize("path", REAL_TEXTS, ids=lambda p: p.name)
def test_real_texts_keep_every_character(path: Path) -> None:
    _check(path)


def test_characters_xml_cannot_hold_come_back_from_the_record() -> None:
    text = "Title\x00\n\ud800 body \x0b\ufffe end\r\n"
    policy = Policy(
        title="Title",
        text=text,
        layout=(Block(kind="title", span=Span(start=0, end=6)),),
    )
    xml = to_akn(policy)
    assert b"chars=" in xml
    assert from_akn(xml) == policy


def test_text_no_block_covers_is_kept_as_unplaced() -> None:
    text = "Title\nstray words\n1. Do this.\n"
    title = Block(kind="title", span=Span(start=0, end=5))
    policy = Policy(title="Title", text=text, layout=(title,))
    xml = to_akn(policy)
    root = etree.fromstring(xml)
    unplaced = root.findall(".//{*}p[@class='unplaced']")
    texts = ["".join(str(t) for t in p.itertext()) for p in unplaced]
    assert texts == ["stray words", "1. Do this."]
    assert from_akn(xml) == policy


NOTICE_TEXT = """上海市青浦区人民政府办公室关于印发《青浦区建筑垃圾管理实施意见》的通知

各镇人民政府、街道办事处，区政府各委、办、局：

《青浦区建筑垃圾管理实施意见》已经区政府同意，现印发给你们，请认真按照执行。

上海市青浦区人民政府办公室

2025年9月18日

青浦区建筑垃圾管理实施意见

为加强建筑垃圾管理，制定本意见。

一、总体目标

1.加强源头管控。（责任单位：区建设管理委）
"""


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start=start, end=start + len(part))


def _notice_policy() -> Policy:
    from shpolicy.model import Measure, Notice, ResponsibleUnit, Section

    text = NOTICE_TEXT
    office = ResponsibleUnit(
        name="上海市青浦区人民政府办公室",
        unit_id="qingpu-government-office",
        span=_span(text, "上海市青浦区人民政府办公室", 60),
    )
    notice_title = text.splitlines()[0]
    unit = ResponsibleUnit(name="区建设管理委", span=_span(text, "区建设管理委"))
    measure = Measure(
        label="1.",
        ordinal=1,
        title="加强源头管控",
        text="加强源头管控。",
        responsible_label="责任单位",
        responsible_units=(unit,),
        responsible_span=_span(text, "（责任单位：区建设管理委）"),
        span=_span(text, "1.加强源头管控。（责任单位：区建设管理委）"),
    )
    section = Section(
        num="一",
        label="一、",
        ordinal=1,
        heading="总体目标",
        measures=(measure,),
        span=_span(text, "一、总体目标"),
    )
    kinds: list[tuple[BlockKind, str]] = [
        ("notice-title", notice_title),
        ("addressees", "各镇人民政府、街道办事处，区政府各委、办、局："),
        (
            "notice-text",
            "《青浦区建筑垃圾管理实施意见》已经区政府同意，现印发给你们，请认真按照执行。",
        ),
        ("notice-signature", "上海市青浦区人民政府办公室\n"),
        ("notice-date", "2025年9月18日"),
        ("title", "青浦区建筑垃圾管理实施意见\n\n为"),
        ("preamble", "为加强建筑垃圾管理，制定本意见。"),
        ("body", "一、总体目标\n\n1.加强源头管控。（责任单位：区建设管理委）"),
    ]
    layout = []
    cursor = 0
    for kind, part in kinds:
        span = _span(text, part.rstrip("\n为"), cursor)
        layout.append(Block(kind=kind, span=span))
        cursor = span.end
    import datetime as dt

    return Policy(
        title="青浦区建筑垃圾管理实施意见",
        notice=Notice(
            title=notice_title,
            addressees="各镇人民政府、街道办事处，区政府各委、办、局：",
            text="《青浦区建筑垃圾管理实施意见》已经区政府同意，现印发给你们，请认真按照执行。",
            issuers=(office,),
            date=dt.date(2025, 9, 18),
            span=Span(start=0, end=layout[4].span.end),
        ),
        jurisdiction="cn-sh-qingpu",
        language="zh",
        issuers=(office,),
        preamble="为加强建筑垃圾管理，制定本意见。",
        sections=(section,),
        layout=tuple(layout),
        text=text,
    )


def test_a_notice_is_the_main_document_and_the_policy_its_attachment() -> None:
    policy = _notice_policy()
    xml = to_akn(policy)
    root = etree.fromstring(xml)
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    doc = root.find("a:doc", ns)
    assert doc is not None
    assert doc.get("name") == "notice"
    assert doc.findtext("a:preface/a:p/a:docTitle", namespaces=ns) == policy.notice.title  # type: ignore[union-attr]
    assert doc.findtext("a:mainBody/a:p[@class='addressees']", namespaces=ns) == (
        policy.notice.addressees  # type: ignore[union-attr]
    )
    signature = doc.find("a:conclusions/a:p/a:signature/a:organization", ns)
    assert signature is not None
    assert signature.get("refersTo") == "#qingpu-government-office"
    assert doc.xpath("string(a:conclusions/a:p/a:docDate/@date)", namespaces=ns) == "2025-09-18"
    inner = doc.find("a:attachments/a:attachment[@eId='att_1']/a:doc", ns)
    assert inner is not None
    assert inner.get("name") == "policy"
    assert inner.findtext("a:preface/a:p/a:docTitle", namespaces=ns) == policy.title
    paragraph = inner.find(".//a:chapter/a:paragraph", ns)
    assert paragraph is not None
    assert paragraph.get("eId") == "att_1__chp_1__para_1"
    clause = paragraph.find("a:content/a:p/a:inline[@name='responsibility']", ns)
    assert clause is not None
    works = [str(e.get("value")) for e in root.iterfind(".//a:FRBRWork/a:FRBRuri", ns)]
    assert [w.split("/")[2:4] for w in works] == [["cn-sh-qingpu", "doc"]] * 2
    assert [w.split("/")[4] for w in works] == ["notice", "policy"]
    assert document_text(doc) == policy.text
    assert _dropped_and_added(policy.text, xml) == (0, 0)
    assert from_akn(xml) == policy
    if schema_path() is not None:
        assert validation_report(xml).problems == ()
