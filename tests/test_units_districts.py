"""The registry's district bodies, party organs, branches, towns and collectives, in context.

Every district times the common departments: the full name, the English
name and the 区X abbreviation in the district's context give one id, another
district's context another id, a municipal context a collective.  Also: the
committed registry is the build's output, renamed bodies, segmenting names
printed together, and the search behind ``shpolicy units``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Final

import pytest

from shpolicy import units
from shpolicy.errors import InvalidValueError
from shpolicy.units.build import build_places, build_registry

DATA_DIR_NAME: Final = Path("data") / "units"

DISTRICTS: Final = {
    "huangpu": ("黄浦区", "Huangpu District"),
    "xuhui": ("徐汇区", "Xuhui District"),
    "changning": ("长宁区", "Changning District"),
    "jingan": ("静安区", "Jing'an District"),
    "putuo": ("普陀区", "Putuo District"),
    "hongkou": ("虹口区", "Hongkou District"),
    "yangpu": ("杨浦区", "Yangpu District"),
    "minhang": ("闵行区", "Minhang District"),
    "baoshan": ("宝山区", "Baoshan District"),
    "jiading": ("嘉定区", "Jiading District"),
    "pudong": ("浦东新区", "Pudong New Area"),
    "jinshan": ("金山区", "Jinshan District"),
    "songjiang": ("松江区", "Songjiang District"),
    "qingpu": ("青浦区", "Qingpu District"),
    "fengxian": ("奉贤区", "Fengxian District"),
    "chongming": ("崇明区", "Chongming District"),
}

# Departments every district has: id slug, full Chinese name, the abbreviation
# its own documents use after 区, the English name the municipal site uses.
COMMON: Final = (
    ("development-reform-commission", "发展和改革委员会", "发展改革委",
     "Development and Reform Commission"),
    ("commerce-commission", "商务委员会", "商务委", "Commerce Commission"),
    ("education-bureau", "教育局", "教育局", "Education Bureau"),
    ("finance-bureau", "财政局", "财政局", "Finance Bureau"),
    ("human-resources-social-security-bureau", "人力资源和社会保障局", "人社局",
     "Human Resources and Social Security Bureau"),
    ("planning-natural-resources-bureau", "规划和自然资源局", "规划资源局",
     "Planning and Natural Resources Bureau"),
    ("ecology-environment-bureau", "生态环境局", "生态环境局", "Ecology and Environment Bureau"),
    ("housing-administration-bureau", "住房保障和房屋管理局", "房管局",
     "Housing Security and Administration Bureau"),
    ("health-commission", "卫生健康委员会", "卫健委", "Health Commission"),
    ("veterans-affairs-bureau", "退役军人事务局", "退役军人局", "Veterans Affairs Bureau"),
    ("emergency-management-bureau", "应急管理局", "应急局", "Emergency Management Bureau"),
    ("audit-bureau", "审计局", "审计局", "Audit Bureau"),
    ("sasac", "国有资产监督管理委员会", "国资委",
     "State-owned Assets Supervision and Administration Commission"),
    ("market-regulation-bureau", "市场监督管理局", "市场监管局", "Market Regulation Bureau"),
    ("statistics-bureau", "统计局", "统计局", "Statistics Bureau"),
    ("healthcare-security-bureau", "医疗保障局", "医保局", "Healthcare Security Bureau"),
    ("landscaping-city-appearance-bureau", "绿化和市容管理局", "绿化市容局",
     "Landscaping and City Appearance Administration Bureau"),
    ("urban-management-enforcement-bureau", "城市管理行政执法局", "城管执法局",
     "Urban Management and Law Enforcement Bureau"),
    ("civil-affairs-bureau", "民政局", "民政局", "Civil Affairs Bureau"),
    ("justice-bureau", "司法局", "司法局", "Justice Bureau"),
    ("data-bureau", "数据局", "数据局", "Data Bureau"),
    ("government-offices-administration", "机关事务管理局", "机管局",
     "Government Offices Administration"),
    ("investment-office", "投资促进办公室", "投促办", "Investment Promotion Office"),
    ("city-operations-center", "城市运行管理中心", "城运中心", "City Operation Management Center"),
    ("national-defense-mobilization-office", "国防动员办公室", "国动办",
     "National Defense Mobilization Office"),
)  # fmt: skip

CASES: Final = [(district, *department) for district in DISTRICTS for department in COMMON]


def _id(name: str, jurisdiction: str | None = None) -> str | None:
    unit = units.lookup(name, jurisdiction=jurisdiction)
    return None if unit is None else unit.id


# ---------------------------------------------------------------- the data


def test_committed_registry_is_the_build_output(project_root: Path) -> None:
    data = project_root / DATA_DIR_NAME
    if not data.is_dir():
        pytest.skip(f"{data} is not present")
    package = Path(units.__file__).parent
    assert build_registry(data) == (package / "registry.json").read_text("utf-8")
    assert build_places(data) == (package / "places.json").read_text("utf-8")


def test_existing_ids_are_kept() -> None:
    # Ids the golden files, the gold score and users' stored results rely on.
    for unit_id in (
        "jingan-commerce-commission",
        "jingan-development-reform-commission",
        "jingan-technology-economy-commission",
        "yangpu-government",
        "pudong-government",
        "municipal-economy-informatization-commission",
        "party-cyberspace-affairs-office",
        "lingang-special-area-administration",
        "cbirc-shanghai",
    ):
        assert units.by_id(unit_id) is not None, unit_id


def test_every_level_and_district_is_populated() -> None:
    levels = {unit.level for unit in units.all()}
    assert levels == set(units.LEVELS)
    for district in DISTRICTS:
        listed = units.in_jurisdiction(f"cn-sh-{district}")
        assert len([u for u in listed if u.level == "district"]) >= 40, district
        assert [u for u in listed if u.level == "township"], district
        assert all(u.district == district for u in listed)
    assert all(u.district is None for u in units.in_jurisdiction("cn-sh"))
    assert units.in_jurisdiction("cn") == ()


def test_every_local_name_resolves_in_its_district_only() -> None:
    wrong = []
    for unit in units.all():
        for name in unit.local_names:
            assert unit.district is not None
            if _id(name, f"cn-sh-{unit.district}") != unit.id:
                wrong.append((name, unit.id, _id(name, f"cn-sh-{unit.district}")))
            # Without a context a local name is no one body (九亭镇 neither).
            assert _id(name) is None, name
    assert wrong == []


# ---------------------------------------------------------------- district bodies


@pytest.mark.parametrize(("district", "slug", "full", "short", "english"), CASES)
def test_district_department_in_every_form(
    district: str, slug: str, full: str, short: str, english: str
) -> None:
    zh, en = DISTRICTS[district]
    expected = f"{district}-{slug}"
    assert _id(f"上海市{zh}{full}") == expected
    assert _id(f"{zh}{full}") == expected
    assert _id(f"{zh}{short}") == expected
    assert _id(f"{en} {english}") == expected
    assert _id(f"Shanghai {en} {english}") == expected
    # In the district's own documents: 区X.
    assert _id(f"区{short}", f"cn-sh-{district}") == expected
    assert _id(f"District {english}", f"cn-sh-{district}") == expected
    # In a municipal document 区X is every district's body: a collective.
    assert _id(f"区{short}", "cn-sh") is None
    assert units.is_collective(f"区{short}", jurisdiction="cn-sh")
    # Without a context it is no body, and not a collective either.
    assert _id(f"区{short}") is None
    assert not units.is_collective(f"区{short}")


@pytest.mark.parametrize(("slug", "full", "short", "english"), COMMON)
def test_each_district_has_its_own_body(slug: str, full: str, short: str, english: str) -> None:
    in_context = {_id(f"区{short}", f"cn-sh-{d}") for d in DISTRICTS}
    by_name = {_id(f"{zh}{full}") for zh, _ in DISTRICTS.values()}
    assert in_context == by_name
    assert len(in_context) == len(DISTRICTS)
    municipal = _id(f"市{short}") or _id(f"上海市{full}")
    assert municipal not in in_context


def test_government_and_general_office_of_every_district() -> None:
    for district, (zh, en) in DISTRICTS.items():
        government, office = f"{district}-government", f"{district}-general-office"
        assert _id(f"上海市{zh}人民政府") == government
        assert _id(f"{en} People's Government") == government
        assert _id("区政府", f"cn-sh-{district}") == government
        assert _id(f"上海市{zh}人民政府办公室") == office
        assert _id(f"General Office of {en} People's Government") == office
        for short in ("区府办", "区政府办公室", "区政府办"):
            assert _id(short, f"cn-sh-{district}") == office, short


def test_pudong_new_area_forms() -> None:
    assert _id("新区发改委", "cn-sh-pudong") == "pudong-development-reform-commission"
    assert _id("区发改委", "cn-sh-pudong") == "pudong-development-reform-commission"
    assert _id("New Area Development and Reform Commission", "cn-sh-pudong") == (
        "pudong-development-reform-commission"
    )
    assert _id("浦东新区科经委") == "pudong-technology-economy-commission"
    assert _id("区建交委", "cn-sh-pudong") == "pudong-construction-transport-commission"
    assert _id("公安浦东分局") == "pudong-public-security-branch"
    # Pudong's culture, sports and tourism are one bureau; it has no separate sports bureau.
    assert _id("区文体旅局", "cn-sh-pudong") == "pudong-culture-sports-tourism-bureau"
    assert _id("区体育局", "cn-sh-pudong") is None
    assert _id("临港新片区管委会", "cn-sh-pudong") == "lingang-special-area-administration"


def test_departments_only_some_districts_have() -> None:
    assert _id("区交通委", "cn-sh-jiading") == "jiading-transport-commission"
    assert _id("区经委", "cn-sh-songjiang") == "songjiang-economy-commission"
    assert (
        _id("区农业农村委", "cn-sh-chongming") == "chongming-agriculture-rural-affairs-commission"
    )
    # The central districts have none of these.
    assert _id("区交通委", "cn-sh-huangpu") is None
    assert _id("区农业农村委", "cn-sh-jingan") is None
    assert _id("黄浦区交通委") is None


@pytest.mark.parametrize("district", DISTRICTS)
@pytest.mark.parametrize(
    ("local", "slug"),
    [
        ("区城管局", "urban-management-enforcement-bureau"),
        ("区信息委", "informatization-commission"),
        ("区绿委办", "greening-committee-office"),
        ("区双拥办", "double-support-office"),
    ],
)
def test_aliases_real_district_texts_use(district: str, local: str, slug: str) -> None:
    unit = units.lookup(local, jurisdiction=f"cn-sh-{district}")
    assert unit is not None
    assert unit.id == f"{district}-{slug}"
    assert units.is_collective(local, jurisdiction="cn-sh")


@pytest.mark.parametrize(
    ("name", "jurisdiction", "expected"),
    [
        # development zones' committees, by their zone's name
        ("经开区", "cn-sh-songjiang", "songjiang-economic-development-zone"),
        ("松江经济技术开发区", None, "songjiang-economic-development-zone"),
        ("工业园区", "cn-sh-qingpu", "qingpu-industrial-park"),
        ("嘉定工业区", "cn-sh", "jiading-industrial-zone"),
        ("莘庄工业区管委会", None, "minhang-xinzhuang-industrial-zone"),
        # a district's own groups: a short name only in its district's documents
        ("西岸集团", None, "xuhui-west-bund-group"),
        ("城投公司", "cn-sh-putuo", "putuo-urban-construction-investment"),
        ("头桥集团", "cn-sh-fengxian", "fengxian-touqiao-group"),
        ("漕开发总公司", "cn-sh-xuhui", "caohejing-development-corporation"),
    ],
)
def test_zones_and_district_groups(name: str, jurisdiction: str | None, expected: str) -> None:
    unit = units.lookup(name, jurisdiction=jurisdiction)
    assert unit is not None
    assert unit.id == expected


def test_a_district_company_is_no_collective_elsewhere() -> None:
    # 城投公司 in a Xuhui document is not Putuo's, and in a municipal one it is no
    # body every district has (as 区发展改革委 would be): unknown, not collective.
    assert units.lookup("城投公司", jurisdiction="cn-sh-xuhui") is None
    assert units.lookup("城投公司", jurisdiction="cn-sh") is None
    assert not units.is_collective("城投公司", jurisdiction="cn-sh")
    assert units.lookup("工业园区", jurisdiction="cn-sh-jiading") is None


def test_district_party_organs() -> None:
    for district, (zh, en) in DISTRICTS.items():
        context = f"cn-sh-{district}"
        assert _id("区委", context) == f"{district}-party-committee"
        for short, slug in (
            ("区委办", "party-general-office"),
            ("区委组织部", "party-organization-department"),
            ("区委宣传部", "party-publicity-department"),
            ("区委统战部", "party-united-front-department"),
            ("区委政法委", "party-political-legal-commission"),
            ("区委社会工作部", "party-social-work-department"),
            ("区委编办", "party-establishment-office"),
            ("区委党校", "party-school"),
            ("区精神文明办", "party-spiritual-civilization-office"),
            ("区文明办", "party-spiritual-civilization-office"),
            ("区纪委监委", "party-discipline-inspection-commission"),
        ):
            assert _id(short, context) == f"{district}-{slug}", (district, short)
        organization = f"{district}-party-organization-department"
        assert _id(f"中共上海市{zh}委组织部") == organization
        assert _id(f"中共{zh}委组织部") == organization
        assert _id(f"Organization Department of the CPC {en} Committee") == organization
        assert _id(f"{en} Party Committee Organization Department") == organization
        # A district's organization department is never the city's.
        assert organization != _id("市委组织部")


def test_police_fire_and_tax_branches() -> None:
    for district, (zh, _) in DISTRICTS.items():
        context = f"cn-sh-{district}"
        short = zh.removesuffix("新区").removesuffix("区")
        police, fire, tax = (
            f"{district}-public-security-branch",
            f"{district}-fire-rescue-detachment",
            f"{district}-tax-bureau",
        )
        for name in (f"上海市公安局{short}分局", f"公安{short}分局", f"{short}公安分局"):
            assert _id(name) == police, name
        assert _id("区公安分局", context) == police
        assert _id(f"上海市{zh}消防救援支队") == fire
        assert _id(f"{zh}消防救援局") == fire
        for local in ("区消防救援支队", "区消防支队"):
            assert _id(local, context) == fire
        assert _id(f"国家税务总局上海市{zh}税务局") == tax
        assert _id("区税务局", context) == tax
        assert units.by_id(fire) is not None
        assert units.by_id(tax) is not None
        assert (units.by_id(fire).level, units.by_id(tax).level) == (  # type: ignore[union-attr]
            "national-branch",
            "national-branch",
        )
    assert _id("公安青浦区分局") == "qingpu-public-security-branch"


def test_peoples_organisations_of_a_district() -> None:
    context = "cn-sh-putuo"
    for short, slug in (
        ("区总工会", "trade-union"),
        ("团区委", "youth-league-committee"),
        ("区妇联", "womens-federation"),
        ("区科协", "science-technology-association"),
        ("区残联", "disabled-persons-federation"),
    ):
        unit = units.lookup(short, jurisdiction=context)
        assert unit is not None
        assert (unit.id, unit.level, unit.district) == (f"putuo-{slug}", "other", "putuo")


# ---------------------------------------------------------------- predecessors


def test_predecessors_link_to_successors() -> None:
    pairs = [
        ("市卫计委", "市卫健委"),
        ("市环保局", "市生态环境局"),
        ("市规土局", "市规划资源局"),
        ("市安监局", "市应急局"),
        ("市农委", "市农业农村委"),
        ("市民防办", "市国动办"),
        ("市经委", "市经济信息化委"),
        ("市民宗委", "市民族宗教局"),
    ]
    for old, new in pairs:
        predecessor, successor = units.lookup(old), units.lookup(new)
        assert predecessor is not None, old
        assert successor is not None, new
        assert predecessor.successor == successor.id
        assert successor.predecessor == predecessor.id
    # 市经信委 is the current commission's own abbreviation, not a predecessor.
    assert (
        _id("市经信委") == _id("市经济信息化委") == "municipal-economy-informatization-commission"
    )
    # Districts: the same renames, each within its district.
    for district in DISTRICTS:
        context = f"cn-sh-{district}"
        before = units.lookup("区卫计委", jurisdiction=context)
        after = units.lookup("区卫健委", jurisdiction=context)
        assert before is not None
        assert after is not None
        assert (before.successor, after.predecessor) == (after.id, before.id)
        assert before.district == after.district == district
        civil_defense = units.lookup("区民防办", jurisdiction=context)
        assert civil_defense is not None
        assert civil_defense.successor == f"{district}-national-defense-mobilization-office"


# ---------------------------------------------------------------- municipal additions


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("市委社会工作部", "party-social-work-department"),
        ("市精神文明办", "party-spiritual-civilization-office"),
        ("市委编办", "party-establishment-office"),
        ("自然资源部东海局", "mnr-east-china-sea-bureau"),
        ("交通运输部上海海事局", "maritime-safety-administration-shanghai"),
        ("上海市消防救援总队", "fire-rescue-shanghai"),
        ("市消防救援局", "fire-rescue-shanghai"),
        ("上海城投集团", "shanghai-chengtou-group"),
        ("申通地铁集团", "shanghai-shentong-metro-group"),
        ("仪电集团", "shanghai-inesa-group"),
        ("久事集团", "shanghai-jiushi-group"),
        ("同济大学", "tongji-university"),
        ("上海理工大学", "university-shanghai-science-technology"),
        ("市总工会", "shanghai-federation-trade-unions"),
        ("团市委", "shanghai-youth-league-committee"),
        ("市妇联", "shanghai-womens-federation"),
        ("市科协", "shanghai-association-science-technology"),
        ("市城运中心", "municipal-city-operations-center"),
        ("上海化工区", "chemical-industry-park-administration"),
    ],
)
def test_municipal_organs_branches_groups_and_universities(name: str, expected: str) -> None:
    assert _id(name) == expected
    assert _id(name, "cn-sh") == expected
    # A district document naming a municipal body still means the city's.
    assert _id(name, "cn-sh-xuhui") == expected


def test_levels_of_the_new_kinds() -> None:
    levels = {
        unit_id: unit.level
        for unit_id in ("shanghai-chengtou-group", "tongji-university", "songjiang-jiuting-town")
        if (unit := units.by_id(unit_id)) is not None
    }
    assert levels == {
        "shanghai-chengtou-group": "enterprise",
        "tongji-university": "institution",
        "songjiang-jiuting-town": "township",
    }


# ---------------------------------------------------------------- subdistricts and towns


def test_subdistricts_and_towns() -> None:
    assert _id("九亭镇", "cn-sh-songjiang") == "songjiang-jiuting-town"
    assert _id("中山街道", "cn-sh-songjiang") == "songjiang-zhongshan-subdistrict"
    assert _id("中山街道办事处", "cn-sh-songjiang") == "songjiang-zhongshan-subdistrict"
    assert _id("松江区九亭镇") == "songjiang-jiuting-town"
    assert _id("上海市松江区九亭镇人民政府") == "songjiang-jiuting-town"
    assert _id("上海市徐汇区人民政府天平路街道办事处") == "xuhui-tianping-road-subdistrict"
    assert _id("Jiuting Town", "cn-sh-songjiang") == "songjiang-jiuting-town"
    # 康健新村街道 is commonly written 康健街道.
    assert _id("康健街道", "cn-sh-xuhui") == "xuhui-kangjian-xincun-subdistrict"
    # Without a district: only in a Shanghai document, and only when one district has it.
    assert _id("九亭镇") is None
    assert _id("九亭镇", "cn-sh") == "songjiang-jiuting-town"
    assert _id("九亭镇", "cn") is None
    assert not units.is_collective("九亭镇", jurisdiction="cn-sh")
    # Every district has its subdistricts and towns: Huangpu ten subdistricts,
    # Chongming sixteen towns.
    huangpu = [u for u in units.in_jurisdiction("cn-sh-huangpu") if u.level == "township"]
    chongming = [u for u in units.in_jurisdiction("cn-sh-chongming") if u.id.endswith("-town")]
    assert (len(huangpu), len(chongming)) == (10, 16)


# ---------------------------------------------------------------- collectives


@pytest.mark.parametrize(
    "name",
    [
        "各街镇",
        "相关区政府",
        "各有关单位",
        "各区",
        "各区政府",
        "区有关部门",
        "区政府有关部门",
        "各委办局",
        "各相关委办局",
        "相关企事业科研单位",
        "各乡镇政府",
        "各街道镇",
        "有关街镇",
        "属地街镇",
        "其他各成员单位",
        "各街道办事处",
        "4个街道",
        "街镇",
        # a kind of area names the zones of that kind and their managers, not one body
        "开发区",
        "园区",
        # a district's enterprises, its groups, a department named by its field
        "区属国有企业",
        "区属企业",
        "各区属集团",
        "相关国资公司",
        "各街道管理办",
        "建设主管部门",
        "区规划资源部门",
        "属地街镇（镇人民政府、街道办事处）",
        "relevant district governments",
        "all subdistricts and towns",
    ],
)
@pytest.mark.parametrize("jurisdiction", [None, "cn-sh", "cn-sh-qingpu"])
def test_collectives_in_any_context(name: str, jurisdiction: str | None) -> None:
    assert units.is_collective(name, jurisdiction=jurisdiction)
    assert units.lookup(name, jurisdiction=jurisdiction) is None


@pytest.mark.parametrize("name", ["区发展改革委", "区建管委", "区房管局", "区府办", "区委组织部"])
def test_district_names_are_collective_in_a_municipal_document_only(name: str) -> None:
    assert units.is_collective(name, jurisdiction="cn-sh")
    assert not units.is_collective(name, jurisdiction="cn-sh-qingpu")
    assert units.lookup(name, jurisdiction="cn-sh-qingpu") is not None


@pytest.mark.parametrize(
    "name", ["区土方工作专班", "市商务委", "九亭镇", "Ministry of Magic", "各"]
)
def test_single_or_unknown_bodies_are_not_collective(name: str) -> None:
    assert not units.is_collective(name, jurisdiction="cn-sh")


# ---------------------------------------------------------------- another place's document


def test_nothing_resolves_to_shanghai_in_another_places_document() -> None:
    for name in (
        "市委组织部",
        "市人力资源和社会保障局",
        "市发改委",
        "区发展改革委",
        "市政府办公厅",
    ):
        assert units.lookup(name) is not None or name == "区发展改革委"
        assert units.lookup(name, jurisdiction="cn") is None, name
        assert units.lookup(name, jurisdiction="cn-gd-guangzhou") is None, name
    # A name that says Shanghai still means Shanghai's body.
    assert _id("上海市人民政府", "cn") == "municipal-government"


def test_an_unknown_district_code_is_an_error() -> None:
    with pytest.raises(InvalidValueError, match="no Shanghai district"):
        units.lookup("区发改委", jurisdiction="cn-sh-atlantis")
    assert units.district_of_jurisdiction("cn-sh-minhang") == "minhang"
    assert units.district_of_jurisdiction("cn-sh") is None
    assert units.district_of_jurisdiction("cn") is None


# ---------------------------------------------------------------- segmenting


@pytest.mark.parametrize(
    ("text", "jurisdiction", "expected"),
    [
        (
            "黄浦区发展和改革委员会黄浦区建设和管理委员会",
            None,
            ["huangpu-development-reform-commission", "huangpu-construction-management-commission"],
        ),
        (
            "上海市发展和改革委员会上海市水务局",
            None,
            ["municipal-development-reform-commission", "municipal-water-authority"],
        ),
        (
            "上海市发展和改革委员会 上海市水务局",
            None,
            ["municipal-development-reform-commission", "municipal-water-authority"],
        ),
        (
            "市住房城乡建设管理委市重大办",
            "cn-sh",
            [
                "municipal-housing-urban-rural-development-commission",
                "municipal-major-projects-office",
            ],
        ),
        (
            "区发展改革委区财政局区规划资源局",
            "cn-sh-jiading",
            [
                "jiading-development-reform-commission",
                "jiading-finance-bureau",
                "jiading-planning-natural-resources-bureau",
            ],
        ),
        ("市商务委", None, ["municipal-commerce-commission"]),
        (
            "Shanghai Municipal Commission of Commerce Shanghai Water Authority",
            None,
            ["municipal-commerce-commission", "municipal-water-authority"],
        ),
    ],
)
def test_segment_splits_names_printed_together(
    text: str, jurisdiction: str | None, expected: list[str]
) -> None:
    found = units.segment(text, jurisdiction=jurisdiction)
    assert [s.unit.id for s in found] == expected
    for piece in found:
        assert units.lookup(text[piece.start : piece.end], jurisdiction=jurisdiction) is piece.unit
    assert found[0].start == 0
    assert found[-1].end == len(text)


@pytest.mark.parametrize(
    ("text", "jurisdiction"),
    [
        ("市商务委某某局", None),  # not made entirely of names
        ("区发展改革委区财政局", None),  # local names need a district
        ("区发展改革委区财政局", "cn-sh"),  # collectives are no units
        ("市发改委市经信委", "cn"),  # another place's document
        ("", None),
        ("某某", None),
    ],
)
def test_segment_never_guesses(text: str, jurisdiction: str | None) -> None:
    assert units.segment(text, jurisdiction=jurisdiction) == ()


# ---------------------------------------------------------------- search


def test_search_lists_the_closest_bodies() -> None:
    commerce = units.search("商务委", limit=20)
    ids = [hit.unit.id for hit in commerce]
    assert ids[0] == "municipal-commerce-commission"
    assert {f"{d}-commerce-commission" for d in DISTRICTS} <= set(ids)
    assert units.search("徐汇 科委")[0].unit.id == "xuhui-science-technology-commission"
    assert units.search("Commerce")[0].unit.id == "municipal-commerce-commission"
    # Approximate: a misspelt English word, Chinese without the 区.
    assert "municipal-commerce-commission" in [h.unit.id for h in units.search("Comerce")]
    assert units.search("徐汇科委")[0].unit.id == "xuhui-science-technology-commission"
    assert units.search("Ministry of Silly Walks") == ()
    assert units.search("the municipal") == ()


def test_search_narrowed_to_a_jurisdiction() -> None:
    hits = units.search("商务委", jurisdiction="cn-sh-xuhui")
    assert [h.unit.id for h in hits] == ["xuhui-commerce-commission"]
    assert units.search("区商务委", jurisdiction="cn-sh-xuhui")[0].score == 0
    municipal = units.search("商务委", jurisdiction="cn-sh")
    assert municipal
    assert all(h.unit.district is None for h in municipal)
    scores = [h.score for h in units.search("Commerce", limit=30)]
    assert scores == sorted(scores)


def test_registry_json_lists_local_names_only_for_district_bodies() -> None:
    document = json.loads((Path(units.__file__).parent / "registry.json").read_text("utf-8"))
    assert document["version"] == 2
    for entry in document["units"]:
        if entry["local_names"]:
            assert entry["district"] is not None, entry["id"]


# ---------------------------------------------------------------- the real texts

_MARKER: Final = re.compile(
    r"(?:责任单位|牵头单位|配合单位|参加单位|支撑单位|责任部门)\s*[：:]([^）)\n]*)"
)
_SEPARATORS: Final = re.compile(r"[、，,；;]")


def test_real_clauses_resolve_in_their_jurisdiction(shared_dir: Path) -> None:
    """Names after 责任单位：… in the real texts, in their text's jurisdiction (a floor)."""
    real = shared_dir / "real"
    if not real.is_dir():
        pytest.skip(f"{real} is not present")
    resolved, unresolved = 0, []
    district_resolved = 0
    for path in sorted(real.glob("*.txt")):
        head = path.name.split("-", 1)[0]
        jurisdiction = "cn-sh" if head == "municipal" else f"cn-sh-{head}"
        for clause in _MARKER.finditer(path.read_text("utf-8-sig")):
            for name in filter(None, (p.strip() for p in _SEPARATORS.split(clause.group(1)))):
                if units.is_collective(name, jurisdiction=jurisdiction):
                    continue
                if units.lookup(name, jurisdiction=jurisdiction) or units.segment(
                    name, jurisdiction=jurisdiction
                ):
                    resolved += 1
                    district_resolved += name.startswith("区")
                else:
                    unresolved.append(name)
    assert resolved + len(unresolved) > 600
    assert resolved / (resolved + len(unresolved)) >= 0.9, sorted(set(unresolved))
    # Every 区X abbreviation of these texts is a registered district body.
    assert [n for n in unresolved if n.startswith("区")] == []
    assert district_resolved > 300
