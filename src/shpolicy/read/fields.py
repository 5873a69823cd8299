"""A web page's metadata table (索引号, 发布机构, 发文字号, 成文日期, 发布日期).

Government sites print these fields (the English site: "Issued by", "Release
date" …) in a table or list above the article, outside the policy's own text.
:func:`read_fields` finds them among a page's lines; :func:`fill_from_page`
puts them into a parsed policy where its text lacks them — the text always
wins — and records every field of the page in a ``page-metadata``
diagnostic, so that nothing in the model comes from nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from ..dates import parse_date
from ..diagnostics import PAGE_METADATA
from ..model import Policy, ResponsibleUnit
from ..normalize import fold
from .document import FieldKind, PageField

__all__ = ["fill_from_page", "read_fields"]

# Labels as the municipal and district sites print them, folded and without
# blanks, lower case; each says which model field its value can fill.
_LABELS: Final[dict[str, FieldKind]] = {
    **dict.fromkeys(("索引号", "indexno.", "indexno", "indexnumber"), "index"),
    **dict.fromkeys(
        (
            "发布机构",
            "发文机关",
            "发文单位",
            "制发机关",
            "issuedby",
            "issuingauthority",
            "issuingagency",
            "issuingbody",
        ),
        "issuer",
    ),
    **dict.fromkeys(
        ("发文字号", "文号", "documentno.", "documentno", "documentnumber", "fileno."), "number"
    ),
    **dict.fromkeys(
        ("成文日期", "发文日期", "印发日期", "dateofissue", "issuedate", "dateofwriting"), "issued"
    ),
    **dict.fromkeys(
        (
            "发布日期",
            "发布时间",
            "公开日期",
            "releasedate",
            "dateofrelease",
            "publicationdate",
            "publishdate",
            "dateofpublication",
        ),
        "published",
    ),
}
_LABEL_TEXT: Final = "|".join(
    sorted(
        {
            "索引号",
            "发布机构",
            "发文机关",
            "发文单位",
            "制发机关",
            "发文字号",
            "文号",
            "成文日期",
            "发文日期",
            "印发日期",
            "发布日期",
            "发布时间",
            "公开日期",
            r"Index\s*No\.?",
            r"Index\s+number",
            r"Issued\s+by",
            r"Issuing\s+(?:authority|agency|body)",
            r"Document\s*No\.?",
            r"Document\s+number",
            r"File\s+No\.",
            r"Date\s+of\s+(?:issue|writing|release|publication)",
            r"Issue\s+date",
            r"Release\s+date",
            r"Publication\s+date",
            r"Publish\s+date",
        },
        key=len,
        reverse=True,
    )
)
# "索引号：XXX", several to a line ("发文字号：X    成文日期：Y"): a label, a colon,
# then the value up to the next label or the line's end.
_FIELD: Final = re.compile(
    rf"(?<![\w])(?P<label>{_LABEL_TEXT})\s*[:：]\s*(?P<value>.*?)\s*(?=(?:{_LABEL_TEXT})\s*[:：]|$)",
    re.IGNORECASE,
)
# A label alone in a table cell, its value in the next cell (the next line).
_LABEL_ONLY: Final = re.compile(rf"^\s*(?P<label>{_LABEL_TEXT})\s*[:：]?\s*$", re.IGNORECASE)
_MAX_VALUE: Final = 200
_ISSUER_SEPARATOR: Final = re.compile(r"\s*[、,，;；]\s*")


def _kind(label: str) -> FieldKind | None:
    return _LABELS.get("".join(fold(label).split()).lower())


def read_fields(lines: Sequence[str]) -> tuple[PageField, ...]:
    """The labelled fields among a page's *lines*, first occurrence of each kind."""
    found: dict[FieldKind, PageField] = {}
    for i, line in enumerate(lines):
        only = _LABEL_ONLY.match(line)
        if only is not None:
            value = lines[i + 1].strip() if i + 1 < len(lines) else ""
            pairs: Iterable[tuple[str, str]] = [(only["label"], value)]
        else:
            pairs = ((m["label"], m["value"]) for m in _FIELD.finditer(line))
        for label, value in pairs:
            kind = _kind(label)
            value = " ".join(value.split())
            if kind is None or not value or len(value) > _MAX_VALUE or _kind(value):
                continue
            found.setdefault(kind, PageField(kind=kind, label=" ".join(label.split()), value=value))
    return tuple(sorted(found.values(), key=lambda f: _ORDER.index(f.kind)))


_ORDER: Final[tuple[FieldKind, ...]] = ("index", "issuer", "number", "issued", "published")


def fill_from_page(policy: Policy, fields: Sequence[PageField]) -> Policy:
    """*policy* with what its text lacks taken from the page's *fields*.

    Rule: a field fills ``doc_number``, ``issued``, ``published`` or ``issuers``
    only where the text gave none; 索引号 fills nothing.  Every field of the
    page is listed in one ``page-metadata`` diagnostic (info), marked
    "used for X" or "not used", so the JSON and Akoma Ntoso keep it.
    """
    if not fields:
        return policy
    changes: dict[str, object] = {}
    notes: list[str] = []
    for field in fields:
        used = _fill(policy, field, changes)
        notes.append(f"{field.label}: {field.value} ({f'used for {used}' if used else 'not used'})")
    diagnostic = PAGE_METADATA.at(
        "the web page's metadata, outside the text: " + "; ".join(notes), None
    )
    # Diagnostics without a span come first, in code order (as the parser sorts them).
    diagnostics = sorted(
        (*policy.diagnostics, diagnostic),
        key=lambda d: (-1 if d.span is None else d.span.start, d.code),
    )
    return attrs.evolve(policy, diagnostics=tuple(diagnostics), **changes)  # type: ignore[arg-type]


def _fill(policy: Policy, field: PageField, changes: dict[str, object]) -> str | None:
    """Record in *changes* what *field* fills; return the model field's name, if any."""
    if field.kind == "number" and policy.doc_number is None:
        changes["doc_number"] = field.value
        return "doc_number"
    if field.kind in ("issued", "published") and getattr(policy, field.kind) is None:
        date = parse_date(fold(field.value))
        if date is None:
            return None
        changes[field.kind] = date
        return field.kind
    if field.kind == "issuer" and not policy.issuers:
        from ..units import lookup

        names = [n for n in _ISSUER_SEPARATOR.split(field.value) if n]
        if not re.search(r"[A-Za-z]", field.value):
            names = [part for n in names for part in n.split()]
        issuers = []
        for name in dict.fromkeys(names):
            unit = lookup(name)
            issuers.append(ResponsibleUnit(name=name, unit_id=None if unit is None else unit.id))
        changes["issuers"] = tuple(issuers)
        return "issuers"
    return None
