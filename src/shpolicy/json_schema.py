"""The JSON Schema (draft 2020-12) of shpolicy's JSON, generated from the model.

The schema is derived by introspecting the attrs classes of :mod:`shpolicy.model`
and their type hints, so it cannot drift from what :mod:`shpolicy.json_codec`
writes and reads.  ``python -m shpolicy.json_schema`` prints it; the installed copy is
``shpolicy/schemas/shpolicy.schema.json`` (:mod:`shpolicy.schemas`).
:func:`validate` checks a JSON document against the model and the schema.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import sys
import types
import typing
from decimal import Decimal
from typing import Any, Final

import attrs

from . import model
from .json_codec import DATE_PATTERN, DECIMAL_PATTERN, SCHEMA_VERSION

__all__ = ["CHECKER", "CHOICES", "MINIMUMS", "json_schema", "main", "schema_text", "validate"]

CHECKER: Final = "pip install 'shpolicy[validate]'"

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"


# Integer fields whose model validator rejects negative values.
MINIMUMS: Final[dict[tuple[str, str], int]] = {
    ("Span", "start"): 0,
    ("Span", "end"): 0,
}

_SCALARS: Final[dict[Any, dict[str, Any]]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    dt.date: {"type": "string", "format": "date", "pattern": DATE_PATTERN},
    Decimal: {"type": "string", "pattern": DECIMAL_PATTERN},
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a shpolicy JSON document, as a plain dict."""
    definitions: dict[str, dict[str, Any]] = {}
    root = _object_schema(model.Policy, definitions)
    root["properties"] = {
        "schema_version": {"const": SCHEMA_VERSION},
        **root["properties"],
    }
    root["required"] = ["schema_version", *root["required"]]
    return {
        "$schema": DRAFT,
        "title": f"shpolicy document, schema_version {SCHEMA_VERSION}",
        **root,
        "$defs": definitions,
    }


def schema_text() -> str:
    """The schema as deterministic JSON text (sorted keys, indent 2, trailing newline)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _object_schema(cl: type, definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    hints = typing.get_type_hints(cl)
    fields = attrs.fields(cl)
    properties = {
        field.name: _described(
            _field_schema(cl.__name__, field.name, hints[field.name], definitions),
            field.metadata.get("description"),
        )
        for field in fields
    }
    return {
        "description": _summary(cl),
        "type": "object",
        "properties": properties,
        # The JSON always writes every field, null included.
        "required": [field.name for field in fields],
        "additionalProperties": False,
    }


def _described(schema: dict[str, Any], description: object) -> dict[str, Any]:
    """*schema* with the field's own description (from its attrs metadata), if it has one."""
    if not isinstance(description, str):
        return schema
    return {"description": description, **schema}


def _field_schema(
    owner: str, name: str, hint: Any, definitions: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    choices = CHOICES.get((owner, name))
    minimum = MINIMUMS.get((owner, name))
    if _is_optional(hint):
        inner = _field_schema(owner, name, _without_none(hint), definitions)
        return {"anyOf": [inner, {"type": "null"}]}
    if choices is not None:
        return {"type": "string", "enum": list(choices)}
    if minimum is not None:
        return {"type": "integer", "minimum": minimum}
    return _type_schema(hint, definitions)


def _type_schema(hint: Any, definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if hint in _SCALARS:
        return dict(_SCALARS[hint])
    if typing.get_origin(hint) is tuple:
        item, _ellipsis = typing.get_args(hint)
        return {"type": "array", "items": _type_schema(item, definitions)}
    if attrs.has(hint):
        name = hint.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder: a class may contain itself (Section)
            definitions[name] = _object_schema(hint, definitions)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema mapping for model type {hint!r}")


def _is_optional(hint: Any) -> bool:
    origin = typing.get_origin(hint)
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(hint)


def _without_none(hint: Any) -> Any:
    (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    return inner


def _literal_fields() -> dict[tuple[str, str], tuple[str, ...]]:
    """``(class, field) -> values`` of every model field typed by a ``Literal`` (or ``None``)."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for _, cl in inspect.getmembers(model, attrs.has):
        for name, hint in typing.get_type_hints(cl).items():
            inner = _without_none(hint) if _is_optional(hint) else hint
            if typing.get_origin(inner) is typing.Literal:
                found[(cl.__name__, name)] = typing.get_args(inner)
    return found


# String fields typed by a Literal: the model validator accepts only those values.
CHOICES: Final[dict[tuple[str, str], tuple[str, ...]]] = _literal_fields()


def _summary(cl: type) -> str:
    """The first paragraph of a class docstring, on one line."""
    doc = inspect.cleandoc(cl.__doc__ or cl.__name__)
    return " ".join(doc.split("\n\n")[0].split())


def validate(document: str) -> list[str]:
    """Problems of a shpolicy JSON *document*: what :func:`~shpolicy.from_json` refuses, then
    what the JSON schema refuses (each as ``$.json.path: message``); empty when valid.

    Raises :class:`~shpolicy.errors.NotCheckedError` when jsonschema is not
    installed (``pip install 'shpolicy[validate]'``): an empty list always
    means the schema was applied.
    """
    from .errors import NotCheckedError, ShpolicyError
    from .json_codec import from_json

    try:
        from_json(document)
    except ShpolicyError as exc:
        return [" ".join(str(exc).split())]
    try:
        import jsonschema
    except ImportError:
        raise NotCheckedError(
            "jsonschema is not installed, so the document was not checked against the JSON "
            f"schema (it was read by from_json): {CHECKER}"
        ) from None
    validator = jsonschema.Draft202012Validator(json_schema())
    errors = sorted(validator.iter_errors(json.loads(document)), key=lambda e: list(e.path))
    return [f"{e.json_path}: {' '.join(e.message.split())}" for e in errors]


def main() -> None:
    """Print the schema (UTF-8) to standard output."""
    sys.stdout.buffer.write(schema_text().encode("utf-8"))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
