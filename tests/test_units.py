"""The registry of Shanghai bodies: its data, name resolution and the cross-policy index."""

from __future__ import annotations

import doctest
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Final

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shpolicy import units
from shpolicy.errors import InvalidValueError
from shpolicy.model import Measure, Policy, ResponsibleUnit, Section, Span
from shpolicy.normalize import fold
from shpolicy.units.registry import load_registry, registry_from_json

REGISTRY_PATH: Final = Path(units.__file__).with_name("registry.json")
KEBAB: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _id(name: str) -> str | None:
    unit = units.lookup(name)
    return None if unit is None else unit.id


# ---------------------------------------------------------------- the data


def test_registry_validates_against_its_schema(project_root: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((project_root / "schemas" / "units.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    document = json.loads(REGISTRY_PATH.read_text("utf-8"))
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(document), key=lambda e: e.json_path
    )
    assert [f"{e.json_path}: {e.message}" for e in errors] == []


def test_schema_rejects_a_bad_entry(project_root: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((project_root / "schemas" / "units.schema.json").read_text("utf-8"))
    document = json.loads(REGISTRY_PATH.read_text("utf-8"))
    document["units"][0]["id"] = "Not Kebab"
    document["units"][1]["level"] = "ministry"
    assert len(list(jsonschema.Draft202012Validator(schema).iter_errors(document))) == 2


def test_ids_are_unique_kebab_case_and_sorted() -> None:
    ids = [unit.id for unit in units.all()]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))
    assert all(KEBAB.match(i) for i in ids), [i for i in ids if not KEBAB.match(i)]


def test_module_examples_hold() -> None:
    results = doctest.testmod(units)
    assert results.attempted >= 4
    assert results.failed == 0


def test_unit_rejects_an_unknown_level() -> None:
    with pytest.raises(InvalidValueError, match="level"):
        units.Unit(id="x", name_en="X", name_zh="某", level="ministry")


def test_all_is_loaded_once() -> None:
    assert units.all() is units.all()
    assert load_registry() is load_registry()


def test_no_name_is_shared_by_two_bodies_after_normalisation() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for unit in units.all():
        for name in unit.names():
            owners[units.name_key(name)].add(unit.id)
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


def test_every_registered_name_resolves_to_its_body() -> None:
    wrong = [
        (name, unit.id, _id(name))
        for unit in units.all()
        for name in unit.names()
        if _id(name) != unit.id
    ]
    assert wrong == []


def test_renamed_bodies_link_both_ways() -> None:
    for unit in units.all():
        if unit.successor is not None:
            successor = units.by_id(unit.successor)
            assert successor is not None
            assert successor.predecessor == unit.id
        if unit.predecessor is not None:
            predecessor = units.by_id(unit.predecessor)
            assert predecessor is not None
            assert predecessor.successor == unit.id
    assert _id("上海银保监局") == "cbirc-shanghai"
    cbirc = units.by_id("cbirc-shanghai")
    assert cbirc is not None
    assert cbirc.successor == "nfra-shanghai"


# Chinese names of the standard municipal bodies and national branches (abbreviated forms).
STANDARD_NAMES_ZH: Final = (
    "市发展改革委",
    "市发改委",
    "市经济信息化委",
    "市经信委",
    "市人力资源社会保障局",
    "市人社局",
    "市规划资源局",
    "市规资局",
    "市住房城乡建设管理委",
    "市住建委",
    "市卫生健康委",
    "市卫健委",
    "市民宗委",
    "市公安局",
    "市民政局",
    "市生态环境局",
    "市交通委",
    "市农业农村委",
    "市水务局",
    "市文化旅游局",
    "市退役军人局",
    "市应急局",
    "市审计局",
    "市国资委",
    "市市场监管局",
    "市体育局",
    "市统计局",
    "市医保局",
    "市绿化市容局",
    "市房屋管理局",
    "市机管局",
    "市民防办",
    "市政府外办",
    "市合作交流办",
    "市数据局",
    "市大数据中心",
    "市地方金融监管局",
    "市知识产权局",
    "市委网信办",
    "市委宣传部",
    "市重大办",
    "临港新片区管委会",
    "上海海关",
    "国家外汇管理局上海市分局",
    "中国人民银行上海总部",
    "上海证监局",
    "上海银保监局",
    "国家金融监督管理总局上海监管局",
    "市税务局",
    "市通信管理局",
    "上海海事局",
    "民航华东管理局",
)


def test_coverage_of_standard_bodies_and_districts() -> None:
    assert len([u for u in units.all() if u.id.endswith("-government") and u.district]) == 16
    for name in STANDARD_NAMES_ZH:
        assert units.is_known_name(name), name


def test_districts_have_their_usual_forms() -> None:
    forms = (
        "杨浦区",
        "杨浦区政府",
        "杨浦区人民政府",
        "上海市杨浦区人民政府",
        "Yangpu District",
        "Yangpu District People's Government",
        "Shanghai Yangpu District Government",
        "the Yangpu District Government",
    )
    assert {_id(form) for form in forms} == {"yangpu-government"}
    yangpu = units.by_id("yangpu-government")
    assert yangpu is not None
    assert (yangpu.level, yangpu.district) == ("district", "yangpu")


def test_gold_classes_resolve_to_one_id_each(shared_dir: Path) -> None:
    gold_path = shared_dir / "gold" / "units.json"
    if not gold_path.is_file():
        pytest.skip(f"{gold_path} is not present")
    classes: dict[str, list[str]] = json.loads(gold_path.read_text("utf-8"))["classes"]
    ids_of_class = {label: {_id(name) for name in names} for label, names in classes.items()}
    assert {label: ids for label, ids in ids_of_class.items() if len(ids) != 1 or None in ids} == {}
    single = [next(iter(ids)) for ids in ids_of_class.values()]
    assert len(single) == len(set(single))


# ---------------------------------------------------------------- normalisation

NORMALISED: Final = [
    ("the Municipal Commission of Commerce", "municipal-commerce-commission"),
    ("Shanghai Municipal Commission of Commerce", "municipal-commerce-commission"),
    ("Municipal Commerce Commission", "municipal-commerce-commission"),
    ("MUNICIPAL   commission of\tcommerce", "municipal-commerce-commission"),
    ("Ｍｕｎｉｃｉｐａｌ\u3000Ｃｏｍｍｅｒｃｅ Ｃｏｍｍｉｓｓｉｏｎ",
     "municipal-commerce-commission"),
    ("上海市商务委员会", "municipal-commerce-commission"),
    ("市商务委员会", "municipal-commerce-commission"),
    ("市 商务委", "municipal-commerce-commission"),
    ("Municipal Finance Bureau", "municipal-finance-bureau"),
    ("Municipal Bureau of Finance", "municipal-finance-bureau"),
    ("Municipal Administration for Market Regulation",
     "municipal-market-regulation-administration"),
    ("Municipal Market Regulation Administration", "municipal-market-regulation-administration"),
    ("Science and Technology Commission of Shanghai Municipality",
     "municipal-science-technology-commission"),
    ("Municipal Commission of Science and Technology", "municipal-science-technology-commission"),
    ("Cyberspace Affairs Office of the CPC Shanghai Municipal Committee",
     "party-cyberspace-affairs-office"),
    ("Municipal Party Committee Cyberspace Affairs Office", "party-cyberspace-affairs-office"),
    ("中共上海市委网络安全和信息化委员会办公室", "party-cyberspace-affairs-office"),
    ("Financial Office of the Municipal Party Committee", "party-financial-office"),
    ("Municipal Party Committee Financial Office", "party-financial-office"),
    ("General Office of the Shanghai Municipal People's Government", "municipal-general-office"),
    ("Shanghai Headquarters of the People’s Bank of China", "pboc-shanghai-head-office"),
    ("Lin-gang Special Area Administration", "lingang-special-area-administration"),
    ("Lingang Special Area Administration", "lingang-special-area-administration"),
    ("Jing’an District Commerce Commission", "jingan-commerce-commission"),
    ("Jing'an District Commerce Commission", "jingan-commerce-commission"),
    ("Jingan District Commerce Commission", "jingan-commerce-commission"),
    ("Jing’an District Commission of Commerce", "jingan-commerce-commission"),
    ("Jing’an District Bureau of Justice", "jingan-justice-bureau"),
    ("上海市静安区商务委员会", "jingan-commerce-commission"),
    ("“Shanghai Customs”", "customs-shanghai"),
    ("Shanghai Customs District, P.R. China", "customs-shanghai"),
    ("Municipal Commerce Commission, etc.", "municipal-commerce-commission"),
    ("市商务委等", "municipal-commerce-commission"),
    ("and the Municipal Data Bureau", "municipal-data-bureau"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "expected"), NORMALISED)
def test_normalisation_rules(name: str, expected: str) -> None:
    assert _id(name) == expected


def test_trailing_parenthesis_is_a_role_or_second_plate() -> None:
    assert _id("市商务委（牵头）") == "municipal-commerce-commission"
    assert _id("Municipal Commerce Commission (lead)") == "municipal-commerce-commission"
    assert (
        _id("Pudong New Area Government (Shanghai Pilot Free Trade Zone Management Committee)")
        == "pudong-government"
    )
    # Two different registered bodies: ambiguous, so unresolved.
    assert _id("市商务委（市经信委）") is None
    # An unknown body outside the parenthesis stays unknown.
    assert _id("Ministry of Magic (市商务委)") is None


def test_district_bodies_never_resolve_to_the_municipal_body() -> None:
    pairs = [
        ("Jing’an District Commerce Commission", "Municipal Commission of Commerce"),
        ("Jing’an District Data Bureau", "Municipal Data Bureau"),
        ("Jing’an District Justice Bureau", "Municipal Bureau of Justice"),
        ("Jing’an District Finance Bureau", "Municipal Bureau of Finance"),
        (
            "Jing’an District Market Regulation Bureau",
            "Municipal Administration for Market Regulation",
        ),
        ("静安区商务委", "市商务委"),
        ("静安区司法局", "市司法局"),
    ]
    for district_name, municipal_name in pairs:
        district_id, municipal_id = _id(district_name), _id(municipal_name)
        assert district_id is not None
        assert municipal_id is not None
        assert district_id != municipal_id
        district_unit = units.by_id(district_id)
        assert district_unit is not None
        assert (district_unit.level, district_unit.district) == ("district", "jingan")
    # A district body the registry does not list stays unknown; it is never the city's.
    # (The central districts have no transport commission of their own; 区X needs a context.)
    for name in (
        "Huangpu District Transport Commission",
        "Huangpu District Commission of Transport",
        "黄浦区交通委",
        "区商务委",
        "District Commerce Commission",
        "Commerce Commission",
    ):
        assert _id(name) is None, name


def test_shanghai_prefix_is_only_dropped_before_a_level_word() -> None:
    # The national regulator's office and the city's own bureau differ by "Municipal" only.
    assert _id("Shanghai Financial Regulatory Bureau") == "nfra-shanghai"
    assert _id("Shanghai Municipal Financial Regulatory Bureau") == (
        "municipal-local-financial-supervision-bureau"
    )
    assert _id("Municipal Financial Regulatory Bureau") == (
        "municipal-local-financial-supervision-bureau"
    )
    assert _id("Headquarters of the People's Bank of China") is None
    assert _id("Customs") is None


@pytest.mark.parametrize(
    "name",
    ["", "   ", "Ministry of Magic", "Shanghai", "Municipal", "市", "x" * 1000, "市商务委" * 100],
)
def test_unknown_names_resolve_to_none(name: str) -> None:
    assert units.lookup(name) is None
    assert not units.is_known_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "relevant district governments",
        "district governments",
        "all relevant departments and units",
        "People's governments of all districts",
        "the relevant departments",
        "相关区政府",
        "各区政府",
        "相关区",
        "各有关部门",
        "有关部门和单位",
    ],
)
def test_collectives_are_not_one_body(name: str) -> None:
    assert units.lookup(name) is None
    assert units.is_collective(name)


@pytest.mark.parametrize(
    "name", ["Municipal Commission of Commerce", "杨浦区", "Pudong New Area Government", "Ministry"]
)
def test_single_bodies_are_not_collective(name: str) -> None:
    assert not units.is_collective(name)


_NAMES: Final = [(name, unit.id) for unit in units.all() for name in unit.names()]


@given(
    st.sampled_from(_NAMES),
    st.lists(st.booleans(), min_size=1, max_size=200),
    st.sampled_from([" ", "  ", "\u3000", "\t"]),
)
def test_case_and_spacing_never_change_the_body(
    pair: tuple[str, str], upper: list[bool], space: str
) -> None:
    name, unit_id = pair
    varied = "".join(
        c.upper() if upper[i % len(upper)] else c.lower() for i, c in enumerate(name)
    ).replace(" ", space)
    assert _id(f" {varied} ") == unit_id


@given(st.text(max_size=300))
def test_lookup_never_raises_and_returns_a_registered_body(text: str) -> None:
    unit = units.lookup(text)
    assert unit is None or units.by_id(unit.id) is unit
    assert units.is_known_name(text) == (unit is not None)
    units.is_collective(text)


# ---------------------------------------------------------------- registry loading errors


def _entry(unit_id: str, **extra: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": unit_id,
        "level": "municipal",
        "name_en": f"Municipal {unit_id.title()} Bureau",
        "name_zh": f"市{unit_id}局",
        "abbreviations_zh": [],
        "aliases_en": [],
        "district": None,
        "predecessor": None,
        "successor": None,
    }
    entry.update(extra)
    return entry


def test_registry_from_json_builds_sorted_units() -> None:
    registry = registry_from_json(json.dumps({"version": 1, "units": [_entry("b"), _entry("a")]}))
    assert [u.id for u in registry.units] == ["a", "b"]
    assert registry.by_key[units.name_key("Municipal Bureau of A")].id == "a"


@pytest.mark.parametrize(
    ("units_json", "message"),
    [
        ([_entry("a"), _entry("a")], "listed twice"),
        ([_entry("a"), _entry("b", aliases_en=["Municipal Bureau of A"])], "already a name of 'a'"),
        ([_entry("a", successor="zzz")], "unknown id 'zzz'"),
        ([_entry("a", level="ministry")], "level"),
        ([_entry("a", name_zh="")], "name_zh"),
        ([_entry("a", level="district")], "has no district"),
    ],
)
def test_registry_from_json_refuses_inconsistent_data(
    units_json: list[dict[str, Any]], message: str
) -> None:
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        registry_from_json(json.dumps({"version": 1, "units": units_json}), source="test.json")


def test_registry_from_json_refuses_non_json() -> None:
    with pytest.raises(InvalidValueError, match=r"^test\.json: not JSON"):
        registry_from_json("{", source="test.json")


# ---------------------------------------------------------------- the index


def _measure(ordinal: int, title: str, *names: str, start: int = 0) -> Measure:
    return Measure(
        label=f"{ordinal}.",
        ordinal=ordinal,
        title=title,
        text=title,
        responsible_units=tuple(ResponsibleUnit(name=n) for n in names),
        span=Span(start=start, end=start + 10),
    )


def _policies() -> list[tuple[str, Policy]]:
    english = Policy(
        measures=(
            _measure(1, "Open telecoms", "Municipal Commission of Commerce", "Ministry of Magic"),
            _measure(2, "Grow trade", "Municipal Commerce Commission",
                     "relevant district governments", start=20),
        ),
    )  # fmt: skip
    chinese = Policy(
        language="zh",
        sections=(
            Section(
                num="一",
                label="一、",
                ordinal=1,
                heading="总体要求",
                responsible_units=(ResponsibleUnit(name="市经信委"),),
                measures=(
                    _measure(1, "加强统筹", "市商务委", "上海市商务委员会", start=5),
                    _measure(2, "加快发展", start=30),
                ),
                span=Span(start=0, end=60),
            ),
        ),
        measures=(
            Measure(
                label="3.",
                ordinal=3,
                title="登记",
                text="登记",
                responsible_units=(
                    ResponsibleUnit(name="某某办", unit_id="municipal-data-bureau"),
                ),
                span=Span(start=70, end=80),
            ),
        ),
    )
    return [("en.txt", english), ("zh.txt", chinese)]


def test_build_index_groups_by_body_across_languages() -> None:
    entries = units.build_index(_policies())
    by_name = {entry.name: entry for entry in entries}
    commerce = by_name["Shanghai Municipal Commission of Commerce"]
    assert commerce.unit_id == "municipal-commerce-commission"
    assert [(m.source, m.label, m.title) for m in commerce.measures] == [
        ("en.txt", "1.", "Open telecoms"),
        ("en.txt", "2.", "Grow trade"),
        ("zh.txt", "1.", "加强统筹"),  # named twice in one clause, listed once
    ]
    # A measure without its own clause falls under its section's clause.
    econ = by_name["Shanghai Municipal Commission of Economy and Informatization"]
    assert [(m.source, m.ordinal) for m in econ.measures] == [("zh.txt", 2)]
    # ResponsibleUnit.unit_id wins over the name as written.
    data = by_name["Shanghai Municipal Data Bureau"]
    assert [(m.source, m.ordinal) for m in data.measures] == [("zh.txt", 3)]
    # Unknown and collective names are grouped as written, after the known bodies.
    assert [(e.unit_id, e.name) for e in entries if e.unit_id is None] == [
        (None, "Ministry of Magic"),
        (None, "relevant district governments"),
    ]
    assert entries[-1].unit_id is None
    assert entries[0].unit_id is not None


def test_build_index_is_deterministic_and_empty_for_no_policies() -> None:
    assert units.build_index(_policies()) == units.build_index(_policies())
    assert units.build_index([]) == ()
    assert units.index_to_text(()) == ""
    assert json.loads(units.index_to_json(())) == {"units": []}


def test_index_to_text() -> None:
    text = units.index_to_text(units.build_index(_policies()))
    lines = text.splitlines()
    header = "Shanghai Municipal Commission of Commerce [municipal-commerce-commission]: 3 measures"
    at = lines.index(header)
    assert lines[at + 1 : at + 4] == [
        "  en.txt 1. Open telecoms",
        "  en.txt 2. Grow trade",
        "  zh.txt 1. 加强统筹",
    ]
    assert "Ministry of Magic [unknown]: 1 measure" in lines
    assert text.endswith("\n")


def test_index_to_json() -> None:
    entries = units.build_index(_policies())
    document = json.loads(units.index_to_json(entries))
    assert [e["unit_id"] for e in document["units"]] == [e.unit_id for e in entries]
    commerce = next(e for e in document["units"] if e["unit_id"] == "municipal-commerce-commission")
    assert commerce["measures"][2] == {
        "source": "zh.txt",
        "label": "1.",
        "ordinal": 1,
        "title": "加强统筹",
    }
    assert "加强统筹" in units.index_to_json(entries)  # not \\u-escaped


# ---------------------------------------------------------------- the samples

_CLAUSE: Final = re.compile(
    r"\((?:Responsible [A-Za-z ]+|Units responsible for implementation|责任单位|牵头单位|配合单位)"
    r"\s*:\s*((?:[^()]|\([^()]*\))*)\)"
)
_LIST_SEPARATOR: Final = re.compile(r"\s*[,、;]\s*")
_LEADING: Final = re.compile(r"^(?:(?:and|the) )+")


def _split_on_and(part: str) -> list[str]:
    # The way the clause splitter can use the registry: cut "A and B" only
    # where both sides are names of bodies.
    if units.is_known_name(part) or " and " not in part:
        return [part]
    pieces = part.split(" and ")
    for cut in range(1, len(pieces)):
        left = " and ".join(pieces[:cut])
        right = _LEADING.sub("", " and ".join(pieces[cut:]))
        if units.is_known_name(left) and (units.is_known_name(right) or units.is_collective(right)):
            return [left, right]
    return [part]


def _sample_mentions(paths: list[Path]) -> list[tuple[str, str]]:
    mentions = []
    for path in paths:
        text = fold(path.read_text("utf-8-sig"))
        for clause in _CLAUSE.finditer(text):
            for part in _LIST_SEPARATOR.split(clause.group(1)):
                for name in _split_on_and(_LEADING.sub("", part.strip())):
                    mentions.append((path.name, name))
    return mentions


def test_every_unit_named_in_the_samples_resolves(sample_paths: list[Path]) -> None:
    mentions = _sample_mentions(sample_paths)
    assert len(mentions) > 300
    unresolved = [
        (source, name)
        for source, name in mentions
        if units.lookup(name) is None and not units.is_collective(name)
    ]
    assert unresolved == []
