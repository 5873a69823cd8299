"""The published JSON Schema: generated from the model, valid 2020-12, agreeing with the codec."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from jsonschema import Draft202012Validator

from shpolicy import model
from shpolicy.errors import InvalidValueError, SchemaError
from shpolicy.json_codec import from_json, to_json
from shpolicy.json_schema import CHOICES, MINIMUMS, json_schema, schema_text
from strategies import policies

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "src" / "shpolicy" / "schemas" / "shpolicy.schema.json"
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
REGENERATE = (
    "python -m shpolicy.json_schema > src/shpolicy/schemas/shpolicy.schema.json"
    " && cp src/shpolicy/schemas/*.json schemas/"
)

MODEL_CLASSES = [
    model.Span,
    model.Diagnostic,
    model.Reference,
    model.ResponsibleUnit,
    model.Target,
    model.ValidityPeriod,
    model.Measure,
    model.Section,
    model.Policy,
]


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_published_schema_matches_the_model() -> None:
    on_disk = SCHEMA_FILE.read_text(encoding="utf-8")
    assert on_disk == schema_text(), f"the shipped JSON schema is stale; run: {REGENERATE}"


@pytest.mark.parametrize("name", ["shpolicy.schema.json", "units.schema.json"])
def test_the_schemas_directory_holds_the_shipped_schemas(name: str) -> None:
    from shpolicy import schemas

    # The package copy is canonical; schemas/ is the same file for readers of the sources.
    assert schemas.NAMES == ("shpolicy.schema.json", "units.schema.json")
    top = (ROOT / "schemas" / name).read_text("utf-8")
    fix = f"cp src/shpolicy/schemas/{name} schemas/"
    assert top == schemas.text(name), f"schemas/{name} differs; run: {fix}"


def test_the_schemas_are_installed_with_the_package() -> None:
    from importlib.resources import files

    from shpolicy import schemas

    for name in schemas.NAMES:
        assert files("shpolicy").joinpath("schemas").joinpath(name).is_file()
        assert schemas.load(name)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    with pytest.raises(ValueError, match="no schema"):
        schemas.text("other.json")


def test_module_prints_the_schema() -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "shpolicy.json_schema"], capture_output=True, check=True
    ).stdout
    assert printed.decode("utf-8") == schema_text()


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(json_schema())


def test_every_model_class_and_field_is_described_both_ways() -> None:
    schema = json_schema()
    definitions = schema["$defs"]
    for cls in MODEL_CLASSES:
        described = schema if cls is model.Policy else definitions[cls.__name__]
        names = [field.name for field in attrs.fields(cls)]
        extra = ["schema_version"] if cls is model.Policy else []
        assert list(described["properties"]) == extra + names, cls.__name__
        assert described["required"] == extra + names, cls.__name__
        assert described["additionalProperties"] is False


@pytest.mark.parametrize(("where", "choices"), list(CHOICES.items()))
def test_enumerations_match_the_model_validators(
    where: tuple[str, str], choices: tuple[str, ...]
) -> None:
    owner, name = where
    cls = getattr(model, owner)
    validator_of = attrs.fields_dict(cls)[name].validator
    assert validator_of is not None
    probe: object = object.__new__(cls)
    attribute = attrs.fields_dict(cls)[name]
    for choice in choices:
        validator_of(probe, attribute, choice)
    with pytest.raises(InvalidValueError):
        validator_of(probe, attribute, "not-" + choices[0])


@pytest.mark.parametrize(("where", "minimum"), list(MINIMUMS.items()))
def test_minimums_match_the_model_validators(where: tuple[str, str], minimum: int) -> None:
    owner, name = where
    cls = getattr(model, owner)
    attribute = attrs.fields_dict(cls)[name]
    assert attribute.validator is not None
    probe: object = object.__new__(cls)
    attribute.validator(probe, attribute, minimum)
    with pytest.raises(InvalidValueError):
        attribute.validator(probe, attribute, minimum - 1)


@settings(max_examples=50, deadline=None)
@given(policies())
def test_json_of_any_policy_validates(
    validator: Draft202012Validator, policy: model.Policy
) -> None:
    validator.validate(json.loads(to_json(policy)))


@pytest.mark.skipif(not SAMPLES, reason="no samples/*.txt")
@pytest.mark.parametrize("sample", SAMPLES, ids=[path.name for path in SAMPLES])
def test_json_of_every_sample_validates(validator: Draft202012Validator, sample: Path) -> None:
    parse = pytest.importorskip("shpolicy.parse")
    policy = parse.parse_file(sample)
    validator.validate(json.loads(to_json(policy)))


def _target_document() -> dict[str, Any]:
    span = model.Span(start=0, end=4)
    cap = model.Target(text="5万", value=Decimal(50000), unit="yuan", comparator=">=", span=span)
    measure = model.Measure(label="1.", ordinal=1, title="t", text="t.", targets=(cap,), span=span)
    document: dict[str, Any] = json.loads(to_json(model.Policy(measures=(measure,))))
    return document


MUTATIONS: list[tuple[str, str, Any]] = [
    # (case, dotted path into the document, replacement); "<del>" deletes the key
    ("wrong type", "measures.0.ordinal", "1"),
    ("bool for int", "measures.0.ordinal", True),
    ("extra key", "measures.0.note", "x"),
    ("extra top-level key", "extra", None),
    ("missing key", "measures.0.title", "<del>"),
    ("missing schema_version", "schema_version", "<del>"),
    ("unknown schema_version", "schema_version", "3.0"),
    ("unknown comparator", "measures.0.targets.0.comparator", "=>"),
    ("decimal as number", "measures.0.targets.0.value", 50000),
    ("decimal with grouping", "measures.0.targets.0.value", "50,000"),
    ("non-ISO date", "issued", "2025/01/02"),
    ("negative offset", "measures.0.span.start", -1),
    ("unknown language", "language", "fr"),
    ("null for an array", "sections", None),
]


def _mutated(path: str, replacement: Any) -> dict[str, Any]:
    document = copy.deepcopy(_target_document())
    *parents, last = [int(step) if step.isdigit() else step for step in path.split(".")]
    node: Any = document
    for step in parents:
        node = node[step]
    if replacement == "<del>":
        del node[last]
    else:
        node[last] = replacement
    return document


def test_unmutated_document_is_valid(validator: Draft202012Validator) -> None:
    validator.validate(_target_document())


@pytest.mark.parametrize(
    ("path", "replacement"), [case[1:] for case in MUTATIONS], ids=[case[0] for case in MUTATIONS]
)
def test_mutated_document_fails_schema_and_codec(
    validator: Draft202012Validator, path: str, replacement: Any
) -> None:
    document = _mutated(path, replacement)
    assert not validator.is_valid(document)
    with pytest.raises(SchemaError):
        from_json(json.dumps(document))
