"""Lossless JSON for :class:`~shpolicy.model.Policy`, through one cattrs converter.

The document is a JSON object whose first key is ``"schema_version"``, followed by
the policy's fields in model order (nested objects likewise).  Dates are ISO 8601
strings, decimals the exact string of the value (``"50000"``, ``"0.5"``, ``"1E+30"``)
— never a float — and every field is always written, ``null`` included.

Reading is strict: wrong types, missing or unknown fields, duplicate keys, an
unknown ``schema_version`` and values the model rejects all raise
:class:`~shpolicy.errors.SchemaError` whose ``path`` names the place, such as
``$.sections[0].measures[2].span.start``.

A ``str`` holding a high surrogate directly followed by a low surrogate reads
back as the single astral character those two code points encode: JSON cannot
tell them apart.  Lone surrogates are written as ``\\udXXX`` escapes and read back
as they were.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import typing
from decimal import Decimal
from json.encoder import encode_basestring as _json_string
from typing import Any, Final, NoReturn, TypeVar

import attrs
import cattrs

from .errors import InvalidValueError, SchemaError
from .model import Policy

__all__ = [
    "DATE_PATTERN",
    "DECIMAL_PATTERN",
    "SCHEMA_VERSION",
    "from_json",
    "structure",
    "to_json",
    "unstructure",
]

T = TypeVar("T")

SCHEMA_VERSION: Final = "2.2"

# Shared with json_schema so the published schema accepts exactly what is read.
# Both are linear-time: no quantified group contains another quantifier.
DATE_PATTERN: Final = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DECIMAL_PATTERN: Final = "^-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"

# Version 1.0 documents lack the notice, the jurisdiction and the parsed text;
# 2.0 documents lack whether a validity period is provisional (试行, 暂行);
# 2.1 documents lack the tasks of the annexes.
_READABLE_VERSIONS: Final = ("1.0", "2.0", "2.1", SCHEMA_VERSION)
_ADDED_IN_2: Final = {"notice": None, "jurisdiction": None, "text": ""}
_ADDED_TO_VALIDITY_IN_2_1: Final = {"provisional": False}
_ADDED_IN_2_2: Final[dict[str, list[object]]] = {"tasks": []}

_DATE_RE: Final = re.compile(DATE_PATTERN)
_DECIMAL_RE: Final = re.compile(DECIMAL_PATTERN)
_SURROGATE_RE: Final = re.compile("[\ud800-\udfff]")

PathPart = str | int


class _Problem(Exception):
    """Internal: what is wrong and where, relative to the value being structured."""

    def __init__(self, message: str, path: tuple[PathPart, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def under(self, part: PathPart) -> _Problem:
        return _Problem(self.message, (part, *self.path))


class _ObjectWithDuplicates(dict[str, Any]):
    """A decoded JSON object that repeated a key (JSON readers disagree on which wins)."""

    __slots__ = ("duplicate",)

    def __init__(self, pairs: list[tuple[str, Any]], duplicate: str) -> None:
        super().__init__(pairs)
        self.duplicate = duplicate


def _kind(value: object) -> str:
    """The JSON name of a decoded value's type, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__  # only reachable through structure() on non-JSON data


def _shown(value: object) -> str:
    """A repr short enough for an error message, whatever the size of the value."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _wrong_type(expected: str, value: object) -> NoReturn:
    raise _Problem(f"expected {expected}, got {_kind(value)}")


# -- leaf hooks: strict, JSON types only (cattrs' defaults would coerce "5" to 5) --


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        _wrong_type("a string", value)
    return value


def _is_literal(cl: Any) -> bool:
    return typing.get_origin(cl) is typing.Literal


def _literal_hook(cl: Any) -> Any:
    # Read as a string; the model's validator then names the values it accepts
    # (cattrs' own Literal hook would raise an error without a path).
    return _structure_str


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        _wrong_type("an integer", value)
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        _wrong_type("true or false", value)
    return value


def _structure_date(value: object, _: type) -> dt.date:
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
        raise _Problem(f"expected an ISO 8601 date string YYYY-MM-DD, got {_shown(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise _Problem(f"impossible date {_shown(value)}: {exc}") from None


def _structure_decimal(value: object, _: type) -> Decimal:
    if not isinstance(value, str) or not _DECIMAL_RE.fullmatch(value):
        raise _Problem(f"expected a decimal number written as a string, got {_shown(value)}")
    return Decimal(value)


# -- container hooks: they add their own step to the path of a nested problem --


def _is_variadic_tuple(cl: Any) -> bool:
    args = typing.get_args(cl)
    return typing.get_origin(cl) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(cl: Any) -> Any:
    item_type = typing.get_args(cl)[0]

    def structure_tuple(value: object, _: type) -> tuple[Any, ...]:
        if not isinstance(value, list):
            _wrong_type("an array", value)
        items = []
        for index, item in enumerate(value):
            try:
                items.append(_CONVERTER.structure(item, item_type))
            except _Problem as problem:
                raise problem.under(index) from None
        return tuple(items)

    return structure_tuple


def _class_hook(cl: type[T]) -> Any:
    """Structure an attrs class: all fields required, no others, validator errors at their field."""
    fields = attrs.fields(cl)  # type: ignore[arg-type]
    hints = typing.get_type_hints(cl)
    names = frozenset(field.name for field in fields)

    def structure_class(value: object, _: type) -> T:
        if not isinstance(value, dict):
            _wrong_type(f"an object ({cl.__name__})", value)
        if isinstance(value, _ObjectWithDuplicates):
            raise _Problem("key appears more than once", (value.duplicate,))
        unknown = sorted(key for key in value if key not in names)
        if unknown:
            raise _Problem(f"unknown field in {cl.__name__}", (unknown[0],))
        arguments: dict[str, Any] = {}
        for field in fields:
            if field.name not in value:
                raise _Problem(f"required field of {cl.__name__} is missing", (field.name,))
            try:
                arguments[field.name] = _CONVERTER.structure(value[field.name], hints[field.name])
            except _Problem as problem:
                raise problem.under(field.name) from None
        try:
            return cl(**arguments)
        except InvalidValueError as exc:
            raise _Problem(str(exc), _failing_field(cl, fields, arguments)) from None

    return structure_class


def _failing_field(
    cl: type, fields: tuple[attrs.Attribute[Any], ...], arguments: dict[str, Any]
) -> tuple[PathPart, ...]:
    """The field whose own validator rejects its value, or ``()`` for a cross-field rule."""
    # attrs validators only need the instance for its type name, so a bare,
    # uninitialised instance is enough to ask each of them in turn.
    probe: object = object.__new__(cl)
    for field in fields:
        if field.validator is None:
            continue
        try:
            field.validator(probe, field, arguments[field.name])
        except InvalidValueError:
            return (field.name,)
    return ()


def _make_converter() -> cattrs.Converter:
    # Paths come from our own hooks, so cattrs need not collect exception groups.
    converter = cattrs.Converter(detailed_validation=False)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_structure_hook_factory(_is_literal, _literal_hook)
    converter.register_structure_hook_factory(_is_variadic_tuple, _tuple_hook)
    converter.register_structure_hook_factory(attrs.has, _class_hook)
    return converter


# The one converter every JSON conversion goes through; configured once, never mutated after.
_CONVERTER: Final = _make_converter()


def unstructure(policy: Policy) -> dict[str, Any]:
    """The JSON document of ``policy`` as plain Python data (``schema_version`` first)."""
    fields: dict[str, Any] = _CONVERTER.unstructure(policy)
    return {"schema_version": SCHEMA_VERSION, **fields}


def structure(data: object) -> Policy:
    """Build a Policy from decoded JSON data; raise :class:`SchemaError` naming the bad path."""
    if not isinstance(data, dict):
        raise SchemaError(f"expected a JSON object (a shpolicy document), got {_kind(data)}")
    if isinstance(data, _ObjectWithDuplicates):
        raise SchemaError("key appears more than once", path=_format_path((data.duplicate,)))
    if "schema_version" not in data:
        raise SchemaError("required field is missing", path="$.schema_version")
    version = data["schema_version"]
    if version not in _READABLE_VERSIONS:
        raise SchemaError(
            f"unsupported schema_version {_shown(version)} (this version of shpolicy reads "
            f"{' and '.join(map(repr, _READABLE_VERSIONS))})",
            path="$.schema_version",
        )
    fields = {key: value for key, value in data.items() if key != "schema_version"}
    if version == "1.0":
        fields = _from_version_1(fields)
    if version in ("1.0", "2.0"):
        fields = _from_version_2_0(fields, str(version))
    if version in ("1.0", "2.0", "2.1"):
        fields = _from_version_2_1(fields, str(version))
    try:
        return _CONVERTER.structure(fields, Policy)
    except _Problem as problem:
        raise SchemaError(problem.message, path=_format_path(problem.path)) from None
    except RecursionError:
        raise SchemaError("document is nested too deeply") from None


def _from_version_1(fields: dict[str, Any]) -> dict[str, Any]:
    """A 1.0 document's fields as 2.0 reads them: no notice, no jurisdiction, no text kept."""
    for name in _ADDED_IN_2:
        if name in fields:
            raise SchemaError(
                f"field {name!r} did not exist in schema_version '1.0'", path=f"$.{name}"
            )
    return {**fields, **_ADDED_IN_2}


def _from_version_2_0(fields: dict[str, Any], version: str) -> dict[str, Any]:
    """A 2.0 (or 1.0) document's fields as 2.1 reads them: no period is provisional."""
    validity = fields.get("validity")
    if not isinstance(validity, dict):
        return fields  # null, or a wrong type the converter reports
    for name in _ADDED_TO_VALIDITY_IN_2_1:
        if name in validity:
            raise SchemaError(
                f"field {name!r} did not exist in schema_version {version!r}",
                path=f"$.validity.{name}",
            )
    return {**fields, "validity": {**validity, **_ADDED_TO_VALIDITY_IN_2_1}}


def _from_version_2_1(fields: dict[str, Any], version: str) -> dict[str, Any]:
    """An older document's fields as 2.2 reads them: no tasks."""
    for name in _ADDED_IN_2_2:
        if name in fields:
            raise SchemaError(
                f"field {name!r} did not exist in schema_version {version!r}", path=f"$.{name}"
            )
    return {**fields, **_ADDED_IN_2_2}


def to_json(policy: Policy) -> str:
    """Serialise ``policy`` to deterministic, indented JSON text ending in a newline."""
    sink = _Sink()
    _write_object(policy, "\n", sink, ('"schema_version": ' + _json_string(SCHEMA_VERSION),))
    sink.out.append("\n")
    return sink.getvalue()


def _escape_surrogates(text: str) -> str:
    """*text* with each lone surrogate written as a ``\\uXXXX`` escape."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates can only sit inside JSON strings; escaping them keeps the
        # text encodable as UTF-8 while a JSON reader restores them.  (Checked by
        # encoding first: a regex scan of non-ASCII text costs ten times more.)
        return _SURROGATE_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return text


# Pieces held before they are joined into a block: a document is written in
# hundreds of thousands of small strings, each costing some fifty bytes beyond
# its characters; held to the end, they took several times the input's size.
_BLOCK: Final = 4096
# Blocks are added to the text once they reach this fraction of it: joining all
# of them at the end held the blocks and the text side by side, twice the JSON
# (eight times the input) at the peak; added geometrically, each character is
# copied a bounded number of times (time stays linear) and at most an eighth of
# the text waits beside it.
_ABSORB_FRACTION: Final = 8
# A string this long (the policy's text) is added to the text on its own: joined
# into a block, it would be held twice more.
_LARGE: Final = 1 << 16


class _Sink:
    """Collects the JSON text: small pieces, joined (and surrogates escaped) block by block."""

    __slots__ = ("blocks", "out", "pending", "text")

    def __init__(self) -> None:
        self.out: list[str] = []
        self.blocks: list[str] = []
        self.pending = 0  # characters in blocks
        self.text = ""

    def flush_if_full(self) -> None:
        if len(self.out) >= _BLOCK:
            self.flush()

    def flush(self) -> None:
        # A surrogate is one character: escaping block by block is escaping the whole.
        self.blocks.append(_escape_surrogates("".join(self.out)))
        self.out.clear()
        self.pending += len(self.blocks[-1])
        if self.pending * _ABSORB_FRACTION >= len(self.text):
            self.absorb()

    def add_large(self, piece: str) -> None:
        """Add a long piece (a document's whole text) without joining it into a block."""
        self.flush()
        self.absorb()
        self.blocks.append(_escape_surrogates(piece))
        self.absorb()

    def absorb(self) -> None:
        text, self.text = self.text, ""
        joined = "".join(self.blocks)  # (one block is not copied)
        self.blocks.clear()
        self.pending = 0
        # With the only reference to *text* in a local, CPython extends it in place.
        text += joined
        del joined
        self.text = text

    def getvalue(self) -> str:
        self.flush()
        self.absorb()
        text, self.text = self.text, ""
        return text


# What ``json.dumps(value, ensure_ascii=False, indent=2)`` writes, byte for byte,
# for the unstructured model (dicts, lists, str, int, bool, None).  The standard
# library's indenting encoder is pure Python built from nested generators; this
# writer appends to one list and is more than twice as fast.  The unstructured
# data is private to to_json: lists are emptied as they are written, so the
# data and the text are not held in full side by side.
_LITERALS: Final[dict[object, str]] = {None: "null", True: "true", False: "false"}


def _write_indented(value: object, newline: str, sink: _Sink) -> None:
    """Append the indented JSON of a dict or list; ``newline`` holds its own indentation."""
    out = sink.out
    inner = newline + "  "
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        separator = "{" + inner
        for key, item in value.items():
            out.append(f"{separator}{_json_string(key)}: ")
            _write_value(item, inner, sink)
            separator = "," + inner
        out.append(newline + "}")
    else:
        assert isinstance(value, list | tuple)
        if not value:
            out.append("[]")
            return
        items = value if isinstance(value, list) else list(value)
        items.reverse()  # taken from the end, so each item is dropped once written
        separator = "[" + inner
        while items:
            out.append(separator)
            _write_value(items.pop(), inner, sink)
            separator = "," + inner
            sink.flush_if_full()
        out.append(newline + "]")


def _write_value(value: object, newline: str, sink: _Sink) -> None:
    # Exact type tests: cheaper than isinstance, and bool must not pass as int.
    out = sink.out
    if type(value) is str:
        out.append(_json_string(value))
    elif type(value) is dict or type(value) is list or type(value) is tuple:
        _write_indented(value, newline, sink)
    elif type(value) is int:
        out.append(int.__repr__(value))
    elif value is None or type(value) is bool:
        out.append(_LITERALS[value])
    else:  # anything else exactly as the standard library writes it
        out.append(json.dumps(value))


# The model written straight from its objects, as ``unstructure`` then
# ``_write_indented`` would write it: the unstructured copy of a policy (a dict
# per object, a list per tuple) took four times the input's size beside the
# policy and the text, and building it a third of to_json's time.
@functools.cache
def _json_keys(cl: type) -> tuple[tuple[str, str], ...]:
    """Each field of the attrs class *cl*: its name and its JSON key, quoted."""
    return tuple((f.name, _json_string(f.name) + ": ") for f in attrs.fields(cl))


def _write_object(obj: object, newline: str, sink: _Sink, lead: tuple[str, ...] = ()) -> None:
    """Append an attrs object as a JSON object; *lead* holds members written first."""
    out = sink.out
    inner = newline + "  "
    separator = "{" + inner
    for member in lead:
        out.append(separator + member)
        separator = "," + inner
    cls: type = type(obj)
    for name, key in _json_keys(cls):
        out.append(separator + key)
        _write_model_value(getattr(obj, name), inner, sink)
        separator = "," + inner
    out.append("{}" if separator[0] == "{" else newline + "}")


def _write_model_value(value: object, newline: str, sink: _Sink) -> None:
    # Exact type tests, as in _write_value; what is neither a JSON scalar, a
    # tuple nor an attrs object goes through the converter, as unstructure does.
    kind = type(value)
    if isinstance(value, str) and kind is str:
        if len(value) < _LARGE:
            sink.out.append(_json_string(value))
        else:
            sink.add_large(_json_string(value))
    elif isinstance(value, tuple) and kind is tuple:
        if not value:
            sink.out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            sink.out.append(separator)
            _write_model_value(item, inner, sink)
            separator = "," + inner
            sink.flush_if_full()
        sink.out.append(newline + "]")
    elif value is None or kind is bool or kind is int:
        _write_value(value, newline, sink)
    elif attrs.has(kind):
        _write_object(value, newline, sink)
    else:  # dates and decimals: strings, through the converter's hooks
        _write_value(_CONVERTER.unstructure(value), newline, sink)


def from_json(text: str | bytes) -> Policy:
    """Read a shpolicy JSON document (str or UTF-8 bytes).

    Raises :class:`~shpolicy.errors.SchemaError`, naming the path of the bad value, if invalid.
    """
    return structure(_decode(text))


def _decode(text: str | bytes) -> object:
    if isinstance(text, bytes | bytearray):
        text = _utf8(bytes(text))
    text = text.removeprefix("\ufeff")
    try:
        return json.loads(
            text, object_pairs_hook=_object_from_pairs, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        raise SchemaError(
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise SchemaError("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # NaN/Infinity, or an integer too long to convert
        raise SchemaError(f"invalid JSON: {exc}") from None


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SchemaError(
            f"JSON is not valid UTF-8: undecodable byte at offset {exc.start}"
        ) from None


def _object_from_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return _ObjectWithDuplicates(pairs, key)
        seen.add(key)
    return dict(pairs)


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON number")


def _format_path(parts: tuple[PathPart, ...]) -> str:
    return "$" + "".join(_path_step(part) for part in parts)


def _path_step(part: PathPart) -> str:
    if isinstance(part, int):
        return f"[{part}]"
    if part.isidentifier() and part.isascii():
        return f".{part}"
    # An unknown key can be any string: quote it so the path stays unambiguous.
    return f"[{json.dumps(part)}]"
