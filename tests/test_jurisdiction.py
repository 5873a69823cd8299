"""Placing a document: Shanghai's, a district's, or another place's; and the FRBR place it gets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Final

import pytest

import shpolicy
from shpolicy import units
from shpolicy.akn.naming import frbr_place, frbr_uris
from shpolicy.jurisdiction import ELSEWHERE, place_document
from shpolicy.model import Policy

# A Guangzhou-style notice (written for this test): its bodies share their
# abbreviations with Shanghai's, and none of them is Shanghai's.
GUANGZHOU: Final = """广州市人民政府办公厅关于印发广州市促进高质量充分就业若干措施的通知
穗府办〔2024〕12号
各区人民政府，市政府各部门、各直属机构：
《广州市促进高质量充分就业若干措施》已经市人民政府同意，现印发给你们，请认真组织实施。
广州市人民政府办公厅
2024年5月20日

广州市促进高质量充分就业若干措施
一、稳定就业岗位
（一）支持企业吸纳就业。对吸纳重点群体就业的企业给予补贴。（责任单位：市人力资源和社会保障局、市财政局）
（二）加强人才引进。完善人才服务体系。（责任单位：市委组织部、市人力资源和社会保障局）
二、强化就业服务
（三）推进数字化就业服务。（责任单位：市政务服务和数据管理局、市发展改革委、各区政府）
"""


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ({"issuers": ["上海市人民政府办公厅"]}, "cn-sh"),
        ({"issuers": ["上海市青浦区人民政府办公室"]}, "cn-sh-qingpu"),
        ({"issuers": ["General Office of Huangpu District People's Government"]}, "cn-sh-huangpu"),
        ({"issuers": ["Shanghai Municipal People's Government"]}, "cn-sh"),
        # A municipal issuer keeps a document about a district municipal.
        ({"issuers": ["上海市人民政府", "上海市杨浦区人民政府"]}, "cn-sh"),
        ({"doc_number": "沪府办规〔2025〕5号"}, "cn-sh"),
        ({"doc_number": "沪经信规〔2024〕3号"}, "cn-sh"),
        ({"doc_number": "黄府办〔2024〕3号"}, "cn-sh-huangpu"),
        ({"doc_number": "徐府办发〔2020〕24号"}, "cn-sh-xuhui"),
        ({"doc_number": "静府规〔2024〕1号"}, "cn-sh-jingan"),
        ({"doc_number": "闵府发〔2024〕7号"}, "cn-sh-minhang"),
        ({"doc_number": "浦府〔2025〕32号"}, "cn-sh-pudong"),
        ({"doc_number": "青府办发〔2024〕9号"}, "cn-sh-qingpu"),
        ({"doc_number": "沪奉府发〔2026〕11号"}, "cn-sh-fengxian"),
        ({"doc_number": "沪松府规〔2026〕1号"}, "cn-sh-songjiang"),
        ({"doc_number": "沪崇府办发〔2025〕26号"}, "cn-sh-chongming"),
        ({"doc_number": "黄发改委〔2024〕18号"}, "cn-sh-huangpu"),
        ({"doc_number": "青建管〔2024〕5号"}, "cn-sh-qingpu"),
        ({"doc_number": "SMPG GO [2023] No. 12"}, "cn-sh"),
        ({"doc_number": "Song Fu Fa [2024] No. 21"}, "cn-sh-songjiang"),
        ({"title": "关于推进嘉定区城市更新工作的实施意见"}, "cn-sh-jiading"),
        ({"title": "上海市促进人工智能产业发展的若干措施"}, "cn-sh"),
        ({"title": "Several Measures of Xuhui District on Supporting Start-ups"}, "cn-sh-xuhui"),
        (
            {"notice_title": "上海市崇明区人民政府关于印发…的通知", "title": "本区…实施方案"},
            "cn-sh-chongming",
        ),
        (
            {
                "text": "各镇人民政府，区政府各委办局：\n……\n"
                "上海市青浦区人民政府办公室\n2024年3月1日"
            },
            "cn-sh-qingpu",
        ),
    ],
)
def test_shanghai_documents(header: dict[str, object], expected: str) -> None:
    placement = place_document(**header)  # type: ignore[arg-type]
    assert placement.jurisdiction == expected, placement.reason
    assert placement.context == expected
    assert placement.status == "shanghai"


@pytest.mark.parametrize(
    "header",
    [
        {"issuers": ["广州市人民政府办公厅"]},
        {"issuers": ["昆山市人民政府"]},  # a county-level city
        {"issuers": ["中共浙江省委办公厅"]},
        {"doc_number": "穗府办〔2024〕12号"},
        {"doc_number": "京政发〔2024〕3号"},
        {"doc_number": "国办发〔2024〕3号"},  # a national document is not Shanghai's either
        {"doc_number": "金政发〔2024〕18号"},  # Jinhua's 金, not Jinshan's
        {"title": "杭州市数字经济促进条例实施办法"},
        {"title": "省委 省政府关于加快建设制造强省的意见"},
        {"text": "深圳市人民政府关于…\n深圳市各区要…深圳市发展改革委…"},
    ],
)
def test_other_places_documents(header: dict[str, object]) -> None:
    placement = place_document(**header)  # type: ignore[arg-type]
    assert placement.jurisdiction is None
    assert placement.context == ELSEWHERE
    assert placement.status == "elsewhere"
    assert "not Shanghai" in placement.reason


def test_a_document_nothing_places_is_unplaced() -> None:
    placement = place_document(
        title="关于推进消费的若干措施", text="（责任单位：市商务委、市经信委）"
    )
    assert (placement.jurisdiction, placement.context, placement.status) == (
        None,
        None,
        "unplaced",
    )
    assert placement.reason


def test_issuers_outrank_the_title_and_the_title_outranks_the_text() -> None:
    placement = place_document(
        issuers=["上海市人民政府"], title="关于支持杨浦区建设创新示范区的意见"
    )
    assert placement.jurisdiction == "cn-sh"
    placement = place_document(title="徐汇区早餐工程实施方案", text="上海 上海 上海 上海")
    assert placement.jurisdiction == "cn-sh-xuhui"


def test_a_guangzhou_notice_is_not_shanghai_and_names_no_shanghai_body() -> None:
    policy = shpolicy.parse_text(GUANGZHOU)
    placement = place_document(
        issuers=[u.name for u in policy.issuers],
        doc_number=policy.doc_number,
        title=policy.title,
        text=GUANGZHOU,
    )
    assert placement.jurisdiction is None
    assert placement.status == "elsewhere"
    # Its responsibility clauses name 市委组织部, 市人力资源和社会保障局 ...: in its own
    # context none of them is a Shanghai body, though each is one without context.
    names = [u.name for m in policy.all_measures() for u in m.responsible_units]
    assert "市委组织部" in names
    assert any(units.lookup(name) is not None for name in names)
    assert [n for n in names if units.lookup(n, jurisdiction=placement.context) is not None] == []
    # Nor does its Akoma Ntoso name claim Shanghai.
    assert frbr_place(placement.jurisdiction) == "cn"
    # The parser itself says so: no jurisdiction, a warning, no Shanghai id, a cn URI.
    assert policy.jurisdiction is None
    assert [d.code for d in policy.diagnostics if d.code == "not-shanghai"] == ["not-shanghai"]
    ids = [u.unit_id for m in policy.all_measures() for u in m.responsible_units]
    assert ids
    assert all(unit_id is None for unit_id in ids)
    assert all(u.unit_id is None for u in policy.issuers)
    assert not any(d.code == "unknown-unit" for d in policy.diagnostics)
    assert b'<FRBRcountry value="cn"/>' in shpolicy.to_akn(policy)


def test_frbr_place_follows_the_jurisdiction() -> None:
    assert frbr_place("cn-sh") == "cn-sh"
    assert frbr_place("cn-sh-huangpu") == "cn-sh-huangpu"
    assert frbr_place("cn-sh-pudong") == "cn-sh-pudong"
    for other in (None, "cn", "cn-gd-guangzhou", "cn-sh-atlantis", "", "cn-shanghai"):
        assert frbr_place(other) == "cn", other
    # A policy's own jurisdiction names its URIs.
    assert frbr_uris(Policy(title="t", jurisdiction="cn-sh-xuhui")).place == "cn-sh-xuhui"
    # Without one the document is nobody's Shanghai document: its URIs say cn.
    assert frbr_uris(Policy(title="t")).place == "cn"
    assert frbr_uris(Policy(title="静安区促进产业发展的若干措施")).place == "cn"


# ---------------------------------------------------------------- the real texts


def _real_texts(shared_dir: Path) -> list[Path]:
    real = shared_dir / "real"
    if not real.is_dir():
        pytest.skip(f"{real} is not present")
    return sorted(real.glob("*.txt"))


def test_real_texts_are_placed_in_their_jurisdiction(shared_dir: Path) -> None:
    sources = json.loads((shared_dir / "real" / "SOURCES.json").read_text("utf-8"))
    levels = {entry["file"]: entry["level"] for entry in sources}
    found = {}
    for path in _real_texts(shared_dir):
        text = path.read_text("utf-8-sig")
        policy = shpolicy.parse_text(text)
        placement = place_document(
            issuers=[u.name for u in policy.issuers],
            doc_number=policy.doc_number,
            title=policy.title,
            text=text,
        )
        head = path.name.split("-", 1)[0]
        expected = "cn-sh" if levels.get(path.name) == "municipal" else f"cn-sh-{head}"
        found[path.name] = (placement.jurisdiction, expected)
    assert {name: got for name, (got, want) in found.items() if got != want} == {}
