"""JSON codec: lossless, deterministic round trips and errors that name the JSON path."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shpolicy.errors import SchemaError, ShpolicyError
from shpolicy.json_codec import from_json, structure, to_json, unstructure
from shpolicy.model import (
    Measure,
    Policy,
    ResponsibleUnit,
    Section,
    Span,
    Target,
    Task,
    ValidityPeriod,
)
from strategies import policies

Document = dict[str, Any]


def span(start: int, end: int) -> Span:
    return Span(start=start, end=end)


def measure(ordinal: int, start: int, **changes: Any) -> Measure:
    return Measure(
        label=f"{ordinal}.",
        ordinal=ordinal,
        title=f"措施{ordinal}",
        text=f"措施{ordinal}。",
        span=span(start, start + 5),
        **changes,
    )


def sample_policy() -> Policy:
    """A small Chinese policy with a chapter of three measures, a target and a validity clause."""
    cap = Target(
        text="200万元",
        value=Decimal("2000000"),
        unit="yuan",
        comparator="<=",
        deadline_year=2025,
        span=span(40, 46),
    )
    chapter = Section(
        num="一",
        label="一、",
        ordinal=1,
        heading="总体要求",
        measures=(
            measure(1, 10, responsible_units=(ResponsibleUnit(name="市商务委", role="lead"),)),
            measure(2, 20),
            measure(3, 30, targets=(cap,)),
        ),
        span=span(5, 50),
    )
    return Policy(
        title="关于促进在线新经济发展的若干措施",
        language="zh",
        doc_number="沪府办规〔2025〕5号",
        issued=dt.date(2025, 3, 1),
        validity=ValidityPeriod(start=dt.date(2025, 4, 1), end=dt.date(2027, 3, 31), text="有效期"),
        preamble="为贯彻落实……",
        sections=(chapter,),
        tasks=(
            Task(
                number="1",
                text="推进数据交易\n扩容",
                units=(ResponsibleUnit(name="市数据局", role="lead"),),
                deadline="2025年底前",
                deadline_year=2025,
                measure=chapter.measures[0].span,
                span=span(60, 80),
            ),
        ),
    )


def sample_document() -> Document:
    document: Document = json.loads(to_json(sample_policy()))
    return document


# -- round trip ----------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(policies())
def test_round_trip_is_lossless(policy: Policy) -> None:
    text = to_json(policy)
    assert from_json(text) == policy
    assert from_json(text.encode("utf-8")) == policy


@settings(max_examples=50, deadline=None)
@given(policies())
def test_output_is_deterministic_utf8_text(policy: Policy) -> None:
    text = to_json(policy)
    text.encode("utf-8")  # lone surrogates must have been escaped
    assert to_json(attrs.evolve(policy)) == text
    assert to_json(from_json(text)) == text
    assert text.endswith("}\n")


@settings(max_examples=30, deadline=None)
@given(policies())
def test_keys_follow_model_field_order_after_schema_version(policy: Policy) -> None:
    document = json.loads(to_json(policy))
    assert list(document) == ["schema_version", *(f.name for f in attrs.fields(Policy))]
    for path, value in _objects(document["sections"], "$.sections"):
        assert list(value) == [f.name for f in attrs.fields(Section)], path


@settings(max_examples=100, deadline=None)
@given(policies())
def test_layout_is_what_the_standard_library_writes(policy: Policy) -> None:
    # to_json has its own indenting writer (for speed); json.dumps is the reference.
    expected = json.dumps(unstructure(policy), ensure_ascii=False, indent=2) + "\n"
    expected = "".join(f"\\u{ord(ch):04x}" if "\ud800" <= ch <= "\udfff" else ch for ch in expected)
    assert to_json(policy) == expected


def _objects(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every object directly inside a list of sections (recursively through sub-sections)."""
    for index, item in enumerate(value):
        yield f"{path}[{index}]", item
        yield from _objects(item["sections"], f"{path}[{index}].sections")


def test_layout_is_indented_by_two_spaces() -> None:
    lines = to_json(sample_policy()).splitlines()
    assert lines[0] == "{"
    assert lines[1] == '  "schema_version": "2.2",'


def test_chinese_is_kept_as_written() -> None:
    text = to_json(sample_policy())
    assert '"doc_number": "沪府办规〔2025〕5号"' in text
    assert "\\u" not in text


@pytest.mark.parametrize("value", ["0.1", "1E+30", "50000", "-0.000", "1.50", "1E-9999", "0E+7"])
def test_decimals_are_exact_strings(value: str) -> None:
    cap = Target(text=value, value=Decimal(value), unit="yuan", span=span(0, 1))
    policy = Policy(targets=(cap,))
    text = to_json(policy)
    assert json.loads(text)["targets"][0]["value"] == value
    restored = from_json(text).targets[0].value
    assert str(restored) == value  # same digits and exponent, not just numerically equal
    assert restored == Decimal(value)


def test_dates_are_iso_8601() -> None:
    policy = Policy(issued=dt.date(2025, 3, 1), published=dt.date(1, 1, 9))
    document = json.loads(to_json(policy))
    assert (document["issued"], document["published"]) == ("2025-03-01", "0001-01-09")
    assert from_json(to_json(policy)) == policy


def test_lone_surrogate_is_escaped_and_restored() -> None:
    policy = Policy(title="a\ud800b\udfff", preamble="\x00\u2028")
    text = to_json(policy)
    assert '"title": "a\\ud800b\\udfff"' in text
    assert from_json(text.encode("utf-8")) == policy


def test_utf8_bom_is_accepted() -> None:
    policy = sample_policy()
    assert from_json(b"\xef\xbb\xbf" + to_json(policy).encode("utf-8")) == policy


def test_unstructure_and_structure_are_inverse() -> None:
    policy = sample_policy()
    data = unstructure(policy)
    assert data["schema_version"] == "2.2"
    assert structure(data) == policy


def test_a_version_1_document_reads_without_notice_jurisdiction_or_text() -> None:
    policy = attrs.evolve(sample_policy(), jurisdiction="cn-sh", text="whole text")
    data = unstructure(policy)
    added = ("notice", "jurisdiction", "text", "tasks")
    old = {key: value for key, value in data.items() if key not in added}
    old["schema_version"] = "1.0"
    old["validity"] = {k: v for k, v in old["validity"].items() if k != "provisional"}
    assert structure(old) == attrs.evolve(policy, jurisdiction=None, text="", tasks=())
    with pytest.raises(SchemaError, match="did not exist"):
        structure({**old, "text": "x"})


def test_a_version_2_0_document_reads_with_no_provisional_period() -> None:
    policy = sample_policy()
    assert policy.validity is not None
    data = unstructure(attrs.evolve(policy, validity=attrs.evolve(policy.validity)))
    validity = {k: v for k, v in data["validity"].items() if k != "provisional"}
    without_tasks = {k: v for k, v in data.items() if k != "tasks"}
    old = {**without_tasks, "schema_version": "2.0", "validity": validity}
    assert structure(old) == attrs.evolve(policy, tasks=())
    assert structure({**old, "validity": None}).validity is None
    with pytest.raises(SchemaError, match="did not exist") as caught:
        structure({**old, "validity": {**validity, "provisional": True}})
    assert caught.value.path == "$.validity.provisional"
    # A 2.1 document must hold the field.
    with pytest.raises(SchemaError, match="missing"):
        structure({**old, "schema_version": "2.1"})


def test_a_version_2_1_document_reads_with_no_tasks() -> None:
    policy = sample_policy()
    assert policy.tasks
    data = unstructure(policy)
    old = {k: v for k, v in data.items() if k != "tasks"}
    old["schema_version"] = "2.1"
    assert structure(old) == attrs.evolve(policy, tasks=())
    with pytest.raises(SchemaError, match="did not exist") as caught:
        structure({**old, "tasks": []})
    assert caught.value.path == "$.tasks"
    # A 2.2 document must hold the field.
    with pytest.raises(SchemaError, match="missing"):
        structure({**old, "schema_version": "2.2"})


def test_a_provisional_period_round_trips() -> None:
    policy = sample_policy()
    assert policy.validity is not None
    provisional = attrs.evolve(policy, validity=attrs.evolve(policy.validity, provisional=True))
    assert from_json(to_json(provisional)) == provisional


# -- errors: type and JSON path --------------------------------------------------


def _raises_at(text: str | bytes, path: str) -> SchemaError:
    with pytest.raises(SchemaError) as caught:
        from_json(text)
    error = caught.value
    assert isinstance(error, ShpolicyError)
    assert error.path == path
    assert str(error).startswith(f"{path}: ")
    return error


def test_syntax_error_names_line_and_column() -> None:
    text = '{\n  "schema_version": "2.0",\n  "title": oops\n}\n'
    error = _raises_at(text, "$")
    assert "line 3 column 12" in str(error)


@pytest.mark.parametrize("text", ["", "[", '{"a": 1', "{'a': 1}", '{"a": 1,}'])
def test_malformed_json_is_a_schema_error(text: str) -> None:
    assert "invalid JSON" in str(_raises_at(text, "$"))


@pytest.mark.parametrize("text", ['{"schema_version": NaN}', '{"x": Infinity}'])
def test_non_standard_number_constants_are_rejected(text: str) -> None:
    assert "not a JSON number" in str(_raises_at(text, "$"))


def test_deeply_nested_json_is_a_schema_error() -> None:
    assert "nested too deeply" in str(_raises_at("[" * 100_000, "$"))


def test_undecodable_bytes_name_the_offset() -> None:
    assert "offset 3" in str(_raises_at(b'{"a\xff": 1}', "$"))


def test_top_level_must_be_an_object() -> None:
    assert "got array" in str(_raises_at("[]", "$"))


def test_missing_schema_version() -> None:
    document = sample_document()
    del document["schema_version"]
    _raises_at(json.dumps(document), "$.schema_version")


@pytest.mark.parametrize("version", ["3.0", "1", 2.0, None])
def test_unknown_schema_version(version: object) -> None:
    document = sample_document()
    document["schema_version"] = version
    assert "unsupported schema_version" in str(_raises_at(json.dumps(document), "$.schema_version"))


Mutation = Callable[[Document], None]


def _set(*path_and_value: Any) -> Mutation:
    *path, key, value = path_and_value

    def mutate(document: Document) -> None:
        node: Any = document
        for step in path:
            node = node[step]
        node[key] = value

    return mutate


def _delete(*path_and_key: Any) -> Mutation:
    *path, key = path_and_key

    def mutate(document: Document) -> None:
        node: Any = document
        for step in path:
            node = node[step]
        del node[key]

    return mutate


M2 = ("sections", 0, "measures", 2)
AT_M2 = "$.sections[0].measures[2]"

ERROR_CASES: list[tuple[str, Mutation, str, str]] = [
    # (case, mutation, expected path, expected message fragment)
    (
        "wrong type int",
        _set(*M2, "span", "start", "7"),
        f"{AT_M2}.span.start",
        "expected an integer, got string",
    ),
    ("bool is not int", _set(*M2, "ordinal", True), f"{AT_M2}.ordinal", "got boolean"),
    ("float is not int", _set(*M2, "ordinal", 3.0), f"{AT_M2}.ordinal", "got number"),
    ("wrong type str", _set("title", 5), "$.title", "expected a string"),
    (
        "wrong type bool",
        _set("validity", "starts_on_announcement", "no"),
        "$.validity.starts_on_announcement",
        "true or false",
    ),
    ("wrong type array", _set("sections", {}), "$.sections", "expected an array"),
    ("wrong type object", _set(*M2, "span", [1, 2]), f"{AT_M2}.span", "expected an object"),
    ("null for required", _set(*M2, "span", None), f"{AT_M2}.span", "got null"),
    (
        "decimal as number",
        _set(*M2, "targets", 0, "value", 2000000),
        f"{AT_M2}.targets[0].value",
        "decimal number",
    ),
    (
        "decimal garbage",
        _set(*M2, "targets", 0, "value", "2,000"),
        f"{AT_M2}.targets[0].value",
        "decimal number",
    ),
    (
        "decimal NaN",
        _set(*M2, "targets", 0, "value", "NaN"),
        f"{AT_M2}.targets[0].value",
        "decimal number",
    ),
    ("date format", _set("issued", "2025/03/01"), "$.issued", "YYYY-MM-DD"),
    ("date impossible", _set("issued", "2025-02-30"), "$.issued", "impossible date"),
    ("missing field", _delete(*M2, "title"), f"{AT_M2}.title", "missing"),
    ("missing defaulted field", _delete("sections", 0, "text"), "$.sections[0].text", "missing"),
    ("unknown field", _set(*M2, "note", "x"), f"{AT_M2}.note", "unknown field in Measure"),
    ("unknown odd field", _set("validity", "a b", 1), '$.validity["a b"]', "unknown field"),
    ("negative span", _set(*M2, "span", "start", -1), f"{AT_M2}.span.start", "must be >= 0"),
    ("span end before start", _set(*M2, "span", "end", 0), f"{AT_M2}.span", "before its start"),
    (
        "unknown comparator",
        _set(*M2, "targets", 0, "comparator", "≤"),
        f"{AT_M2}.targets[0].comparator",
        "must be one of",
    ),
    (
        "unknown role",
        _set("sections", 0, "measures", 0, "responsible_units", 0, "role", "boss"),
        "$.sections[0].measures[0].responsible_units[0].role",
        "must be one of",
    ),
    ("unknown language", _set("language", "fr"), "$.language", "must be one of"),
    ("validity order", _set("validity", "end", "2020-01-01"), "$.validity", "after it ends"),
]


@pytest.mark.parametrize(
    ("mutate", "path", "fragment"),
    [case[1:] for case in ERROR_CASES],
    ids=[case[0] for case in ERROR_CASES],
)
def test_invalid_document_names_the_path(mutate: Mutation, path: str, fragment: str) -> None:
    document = sample_document()
    mutate(document)
    error = _raises_at(json.dumps(document, ensure_ascii=False), path)
    assert fragment in str(error)


def test_duplicate_key_names_its_path() -> None:
    text = to_json(sample_policy()).replace(
        '"heading": "总体要求",', '"heading": "a", "heading": "b",'
    )
    _raises_at(text, "$.sections[0].heading")


def test_structure_rejects_non_object() -> None:
    with pytest.raises(SchemaError):
        structure([])


# -- property: any scalar replaced by a wrong-typed value is reported at its path --


def _leaves(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{path}[{index}]")
    else:
        yield path


def _replace(document: Any, path: str, value: object) -> None:
    steps = path[1:].replace("[", ".[").split(".")[1:]
    keys: list[Any] = [int(step[1:-1]) if step.startswith("[") else step for step in steps]
    node = document
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value


@settings(max_examples=50, deadline=None)
@given(policies(surrogates=False), st.data())
def test_any_wrong_typed_scalar_is_reported_at_its_path(
    policy: Policy, data: st.DataObject
) -> None:
    document = json.loads(to_json(policy))
    paths = [path for path in _leaves(document, "$") if path != "$.schema_version"]
    path = data.draw(st.sampled_from(paths))
    broken = copy.deepcopy(document)
    _replace(broken, path, [])  # no scalar field of the model accepts an array
    _raises_at(json.dumps(broken), path)


def test_sections_nested_beyond_recursion_limit_are_a_schema_error() -> None:
    leaf: Document = json.loads(to_json(sample_policy()))["sections"][0]
    node = leaf
    for _ in range(400):
        node = {**leaf, "sections": [node]}
    document = sample_document()
    document["sections"] = [node]
    assert "nested too deeply" in str(_raises_at(json.dumps(document), "$"))
