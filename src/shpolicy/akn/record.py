"""The shpolicy record: every field of a policy's model inside ``<proprietary>``.

The Akoma Ntoso body holds the policy's text once, marked up; this record
holds the model, so that :func:`~shpolicy.akn.from_akn` returns exactly the
policy that was written.  It mirrors the model generically, one element per
object, so every field the model has is written and read without a rule of
its own:

* a scalar is an attribute named after the field (``ordinal="3"``,
  ``comparator="&gt;="``, ``deadline_year="2025"``, ``issued="2024-05-01"``);
  ``None`` leaves it out;
* a :class:`~shpolicy.model.Span` is ``"start-end"`` (``span="120-148"``);
* a string the text holds verbatim is a reference into it
  (``title-ref="120-148"``); one the text holds line by line, such as a
  measure's text without its responsibility clause, several ranges joined by
  newlines (``text-ref="130-180 181-260"``); any other string is written out,
  escaped by :func:`~shpolicy.akn.safetext.escape` (``message="…"``);
* an object is a child element named after its field
  (``<shp:validity …>``), a non-empty tuple an element named after its field
  holding one ``<shp:item>`` per member.

Reading walks the model's type hints the same way and hands the result to
:func:`shpolicy.json_codec.structure`, so an export is checked by the same
strict rules as a JSON document.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs
from lxml import etree

from ..errors import AknError, SchemaError
from ..json_codec import SCHEMA_VERSION, structure
from ..model import Policy, Span
from .markup import Element
from .safetext import escape, unescape
from .vocabulary import S

__all__ = ["Path", "decode", "encode"]

Path = tuple[str | int, ...]
"""Where an object sits in the policy: ``("sections", 0, "measures", 2)``."""

# Fields the record leaves to the Akoma Ntoso body.
_IN_BODY: Final = frozenset({("Policy", "text")})
_REF: Final = "-ref"
_ITEM: Final = "item"
# Attributes that are not fields of the model: the eId of an item's element,
# and on the record itself its version, whether the body was generated and
# where the text has characters XML cannot hold.
_LINKS: Final = frozenset({"for"})
_RECORD_ATTRIBUTES: Final = frozenset({"version", "generated", "chars"})
# Tuples of the model the record of an older schema cannot hold (an empty tuple
# writes no element, so the reader would take their absence for "empty").
_TUPLES_ADDED: Final = {"tasks": ("2.0", "2.1")}


def encode(
    policy: Policy, text: str, record: Element, links: Mapping[Path, str] | None = None
) -> None:
    """Write every field of *policy* into *record* (a ``<shp:policy>`` element).

    Strings are written as references into *text* where it holds them; *links*
    maps the path of a section or measure to the eId of its body element.
    """
    _Encoder(text, links or {}).fields(record, policy, (), (0, len(text)))


@attrs.frozen
class _Encoder:
    text: str
    links: Mapping[Path, str]
    # Where each string first occurs in the whole text (-1: nowhere).  Most strings a
    # window misses are not text at all (unit ids, diagnostic codes) and come back
    # for every measure: searching the whole text again for each cost more than the
    # rest of the record.
    anywhere: dict[str, int] = attrs.field(factory=dict)

    def fields(self, element: Element, obj: Any, path: Path, window: tuple[int, int]) -> None:
        span = getattr(obj, "span", None)
        if isinstance(span, Span) and span.end <= len(self.text):
            window = (span.start, span.end)
        link = self.links.get(path)
        if link is not None:
            element.set("for", "#" + link)
        # Dispatch on the exact type first: a record holds thousands of values,
        # most of them strings and tuples, and a chain of isinstance tests for each
        # cost a good share of the export.
        cls: type = type(obj)
        for name in _field_names(cls):
            value = getattr(obj, name)
            if value is None:
                continue
            kind = type(value)
            if kind is str:
                self.string(element, name, value, window)
            elif kind is tuple:
                if value:
                    group = Element("shp:" + name, None, element)
                    for index, item in enumerate(value):
                        child = Element("shp:" + _ITEM, None, group)
                        self.fields(child, item, (*path, name, index), window)
            elif kind is Span or not attrs.has(kind):
                element.set(name, _scalar(value))
            else:
                self.fields(Element("shp:" + name, None, element), value, (*path, name), window)

    def string(self, element: Element, name: str, value: str, window: tuple[int, int]) -> None:
        ranges = self.locate(value, window) if value else None
        if ranges is None:
            element.set(name, escape(value))
        elif len(ranges) == 1:
            (start, end) = ranges[0]
            element.set_number(name + _REF, f"{start}-{end}")  # (digits and a dash)
        else:
            element.set(name + _REF, " ".join(f"{start}-{end}" for start, end in ranges))

    def locate(self, value: str, window: tuple[int, int]) -> list[tuple[int, int]] | None:
        """Ranges of the text whose slices, joined by newlines, make *value*."""
        text = self.text
        low, high = window
        at = text.find(value, low, high)
        if at < 0 and window != (0, len(text)):
            # the policy's own title, say, outside a span
            at = self.anywhere.get(value, -2)
            if at == -2:
                at = self.anywhere[value] = text.find(value)
        if at >= 0:
            return [(at, at + len(value))]
        if "\n" not in value:
            return None
        ranges: list[tuple[int, int]] = []
        cursor = low
        for part in value.split("\n"):
            at = text.find(part, cursor, high)
            if at < 0:
                return None
            ranges.append((at, at + len(part)))
            cursor = at + len(part)
        return ranges


@functools.cache
def _field_names(cl: type) -> tuple[str, ...]:
    """The fields of *cl* the record holds, in the model's order."""
    return tuple(f.name for f in attrs.fields(cl) if (cl.__name__, f.name) not in _IN_BODY)


def _scalar(value: object) -> str:
    """A scalar field's attribute value (``str`` apart, which may be a reference)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Span):
        return f"{value.start}-{value.end}"
    if isinstance(value, str):  # a str subclass
        return escape(value)
    raise TypeError(f"the shpolicy record cannot hold a {type(value).__name__}")


def decode(
    record: etree._Element, text: str, *, text_kept: bool, schema_version: str = SCHEMA_VERSION
) -> Policy:
    """The policy written into *record*; references are read from *text*.

    ``text_kept`` is false when the body's text was generated from a policy
    that had none: the policy's ``text`` is then empty.  *schema_version* is
    the JSON schema the record's fields follow (an older record lacks newer
    fields).
    """
    decoder = _Decoder(text)
    data = decoder.fields(record, Policy, "$", _RECORD_ATTRIBUTES)
    data["text"] = text if text_kept else ""
    for name, older in _TUPLES_ADDED.items():
        if schema_version in older and data.get(name) == []:
            del data[name]
    try:
        return structure({"schema_version": schema_version, **data})
    except SchemaError as error:
        # Name the XML element of the deepest object on the JSON path.
        path = error.path
        while path not in decoder.elements and len(path) > 1:
            path = path[: max(path.rfind("."), path.rfind("["))]
        raise _fail(f"shpolicy record: {error}", decoder.elements.get(path, record)) from None


def _fail(message: str, element: etree._Element) -> AknError:
    line = element.sourceline
    return AknError(message, line=line if isinstance(line, int) else None)


@functools.cache
def _hints(cl: type) -> dict[str, Any]:
    return typing.get_type_hints(cl)


def _optional(hint: Any) -> tuple[bool, Any]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(args) == 1:
            return True, args[0]
    return False, hint


@attrs.define
class _Decoder:
    text: str
    # JSON path of each object read -> its element, to name lines in errors.
    elements: dict[str, etree._Element] = attrs.field(factory=dict)

    def fields(
        self, element: etree._Element, cl: type, path: str, extra: frozenset[str] = _LINKS
    ) -> dict[str, Any]:
        self.elements[path] = element
        known = {field.name for field in attrs.fields(cl)}
        for name in element.attrib:
            bare = str(name).removesuffix(_REF)
            if bare not in known and str(name) not in extra:
                raise _fail(f"unknown attribute {name!r} in the shpolicy record", element)
        children = {etree.QName(child).localname: child for child in _elements(element)}
        for name in children:
            if name not in known:
                raise _fail(f"unknown element <shp:{name}> in the shpolicy record", element)
        data: dict[str, Any] = {}
        for field in attrs.fields(cl):
            if (cl.__name__, field.name) in _IN_BODY:
                continue
            optional, hint = _optional(_hints(cl)[field.name])
            value = self.value(
                element, field.name, hint, children.get(field.name), f"{path}.{field.name}"
            )
            if value is not None or optional:
                data[field.name] = value
        return data

    def value(
        self,
        element: etree._Element,
        name: str,
        hint: Any,
        child: etree._Element | None,
        path: str,
    ) -> Any:
        if typing.get_origin(hint) is tuple:
            (item_type, _) = typing.get_args(hint)
            if child is None:
                return []
            return [
                self.fields(item, item_type, f"{path}[{index}]")
                for index, item in enumerate(_elements(child))
            ]
        if attrs.has(hint) and hint is not Span:
            return None if child is None else self.fields(child, hint, path)
        if hint is str or typing.get_origin(hint) is typing.Literal:  # (a closed set of strings)
            return self.string(element, name)
        raw = element.get(name)
        if raw is None:
            return None
        if hint is Span:
            start, _, end = raw.partition("-")
            return {
                "start": self.integer(element, name, start),
                "end": self.integer(element, name, end),
            }
        if hint is int:
            return self.integer(element, name, raw)
        if hint is bool:
            if raw not in ("true", "false"):
                raise _fail(f"@{name}={raw[:40]!r} is not true or false", element)
            return raw == "true"
        return raw  # dates and decimals: the JSON reader checks their form

    def string(self, element: etree._Element, name: str) -> str | None:
        refs = element.get(name + _REF)
        if refs is not None:
            parts = []
            for token in refs.split():
                start, _, end = token.partition("-")
                low = self.integer(element, name + _REF, start)
                high = self.integer(element, name + _REF, end)
                if not 0 <= low <= high <= len(self.text):
                    raise _fail(f"@{name}{_REF}: {token!r} lies outside the text", element)
                parts.append(self.text[low:high])
            return "\n".join(parts)
        raw = element.get(name)
        if raw is None:
            return None
        try:
            return unescape(raw)
        except ValueError as error:
            raise _fail(f"@{name}: {error}", element) from None

    @staticmethod
    def integer(element: etree._Element, name: str, raw: str) -> int:
        try:
            return int(raw)
        except ValueError:
            raise _fail(f"@{name}={raw[:40]!r} is not an integer", element) from None


def _elements(parent: etree._Element) -> Iterator[etree._Element]:
    for child in parent:
        if isinstance(child.tag, str) and child.tag.startswith(S):
            yield child
