"""Flat tables over many policies: who must deliver what, every target, every measure.

An analyst comparing policies across years and districts wants rows, not
trees.  :func:`build` flattens ``(document name, policy)`` pairs into one of
four tables, each a tuple of typed rows:

``responsibilities``
    one :class:`ResponsibilityRow` per (document, measure or section,
    responsible unit): a measure's responsibility clause gives one row per
    body it names; a clause printed once for a whole section gives rows for
    the section (``kind`` ``"section"``), not copies for each of its measures.
``measures``
    one :class:`MeasureRow` per measure.
``targets``
    one :class:`TargetRow` per target anywhere in the document: preamble,
    sections, measures, closing.
``tasks``
    one :class:`TaskRow` per (document, task of an annex, body it names): a
    task table's row or a division-of-labour item gives one row per body, a
    task naming none (a row cut off) one row without a body.
``documents``
    one :class:`DocumentRow` per document, with its counts, to join the
    others on ``document``.

    >>> from shpolicy import parse_text, tables
    >>> policy = parse_text("一、总体要求\\n1.加强统筹。（责任单位：市发展改革委、市商务委）")
    >>> table = tables.build("responsibilities", [("a.txt", policy)])
    >>> [(row.path, row.unit_name) for row in table.rows]
    [('一、 / 1.', '市发展改革委'), ('一、 / 1.', '市商务委')]

Rows are written as CSV (UTF-8 with a BOM, so that spreadsheet programs read
Chinese correctly), JSON Lines or Parquet (:func:`write`), or turned into a
pandas DataFrame (:func:`to_dataframe`).  Parquet needs ``shpolicy[parquet]``
(pyarrow) and DataFrames ``shpolicy[pandas]``.  Decimal values stay exact:
written as text (``"260000000000"``) in CSV, JSON Lines and Parquet, and held
as :class:`decimal.Decimal` objects in a DataFrame's ``object`` column.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path, PurePath
from types import ModuleType
from typing import IO, Any, Final, Generic, Literal, TypeAlias, TypeVar, overload

import attrs

from .errors import MissingDependencyError
from .model import Measure, Policy, ResponsibleUnit, Section, Target
from .normalize import squash_spaces

__all__ = [
    "FORMATS",
    "TABLES",
    "Column",
    "DocumentRow",
    "MeasureRow",
    "Place",
    "ResponsibilityRow",
    "Row",
    "Table",
    "TargetRow",
    "TaskRow",
    "body_key",
    "build",
    "csv_bytes",
    "deadline_years",
    "decimal_text",
    "document_name",
    "document_rows",
    "format_for",
    "measure_rows",
    "outside_targets",
    "places",
    "require_parquet",
    "responsibility_rows",
    "target_rows",
    "task_rows",
    "to_dataframe",
    "where_outside",
    "write",
    "write_csv",
    "write_jsonl",
    "write_parquet",
]

#: Separator of the labels in a ``path`` column.
PATH_SEPARATOR: Final = " / "
#: Separator of the years in a CSV ``deadline_years`` cell.
YEARS_SEPARATOR: Final = ";"

# --------------------------------------------------------------------------- rows


@attrs.frozen(kw_only=True, slots=True)
class ResponsibilityRow:
    """One body named in the responsibility clause of a measure or a section."""

    #: The document's name (:func:`document_name`).
    document: str
    #: The policy's title (:attr:`shpolicy.model.Policy.title`).
    title: str | None
    #: Its document number (沪府办规〔2025〕5号).
    doc_number: str | None
    #: Its jurisdiction (``"cn-sh"``, ``"cn-sh-qingpu"``) or ``None``.
    jurisdiction: str | None
    #: ``"zh"`` or ``"en"``.
    language: str
    #: Its date of issue.
    issued: dt.date | None
    #: ``"measure"`` or ``"section"``: where the clause stands.
    kind: str
    #: The labels from the top down to this measure or section, ``"二、 / （三） / 2."``.
    path: str
    #: The measure's or section's number as printed (``"2."``, ``"（三）"``).
    label: str
    #: The measure's title or the section's heading.
    heading: str
    #: The body as the clause names it.
    unit_name: str
    #: The body's registry id; ``None`` when unknown or collective.
    unit_id: str | None
    #: ``"lead"``, ``"cooperating"`` or ``None`` when the clause does not say.
    role: str | None
    #: The distinct deadline years of the targets of that measure or section, ascending.
    deadline_years: tuple[int, ...]


@attrs.frozen(kw_only=True, slots=True)
class MeasureRow:
    """One measure: where it is, what it is called, how many bodies and targets it has."""

    #: The document's name (:func:`document_name`).
    document: str
    #: The labels from the top down to the measure, ``"二、 / （三） / 2."``.
    path: str
    #: The measure's number as printed.
    label: str
    #: The measure's title (its lead sentence).
    title: str
    #: How many bodies its responsibility clause names.
    units: int
    #: How many targets it states.
    targets: int
    #: Where the measure starts in the parsed text (:attr:`shpolicy.model.Span.start`).
    span_start: int
    #: Where it ends (:attr:`shpolicy.model.Span.end`).
    span_end: int


@attrs.frozen(kw_only=True, slots=True)
class TargetRow:
    """One quantitative target, with the place it was stated."""

    #: The document's name (:func:`document_name`).
    document: str
    #: ``"preamble"``, ``"notice"``, ``"section"``, ``"measure"`` or ``"closing"``.
    where: str
    #: The path of the section or measure holding the target; ``""`` outside them.
    path: str
    #: The number of the measure or section holding the target; ``""`` outside them.
    label: str
    #: The target as written (``"5万家以上"``).
    text: str
    #: The normalised value, exact (:attr:`shpolicy.model.Target.value`).
    value: Decimal
    #: What is counted (:attr:`shpolicy.model.Target.unit`).
    unit: str
    #: ``"="``, ``">"``, ``">="``, ``"<"`` or ``"<="`` (以上 is ``">="``).
    comparator: str
    #: The deadline year of the target's clause, or ``None``.
    deadline_year: int | None
    #: Where the target starts in the parsed text.
    span_start: int
    #: Where it ends.
    span_end: int


@attrs.frozen(kw_only=True, slots=True)
class TaskRow:
    """One body named by a task of an annex (a task table's row, a division-of-labour item)."""

    #: The document's name (:func:`document_name`).
    document: str
    #: The document's jurisdiction (``cn-sh``, ``cn-sh-<district>``), ``None`` when not placed.
    jurisdiction: str | None
    #: The task's number as printed (``"1"``, ``"（一）"``), ``None`` when it has none.
    number: str | None
    #: The task's text as written.
    text: str
    #: The path of the measure the task restates, ``""`` when none.
    measure: str
    #: The deadline cells as written (完成时限), ``None`` without such a column.
    deadline: str | None
    #: The latest year the deadline names.
    deadline_year: int | None
    #: ``None`` in the one row of a task that names no body.
    unit_name: str | None
    #: The body's id in the registry, ``None`` when unresolved.
    unit_id: str | None
    #: The body's role: ``lead``, ``cooperating`` or ``None``.
    role: str | None
    #: Where the task starts in the policy's text.
    span_start: int
    #: Where the task ends in the policy's text.
    span_end: int


@attrs.frozen(kw_only=True, slots=True)
class DocumentRow:
    """One document with its header and its counts (the other tables join it on ``document``)."""

    #: The document's name (:func:`document_name`): the key the other tables join on.
    document: str
    #: The policy's title.
    title: str | None
    #: ``"zh"`` or ``"en"``.
    language: str
    #: Its jurisdiction, or ``None``.
    jurisdiction: str | None
    #: Its document number.
    doc_number: str | None
    #: Its date of issue.
    issued: dt.date | None
    #: Its date of publication.
    published: dt.date | None
    #: How many sections it has, at every level.
    sections: int
    #: How many measures it has.
    measures: int
    #: Rows of this document in the ``responsibilities`` table.
    responsibilities: int
    #: Distinct bodies named in its responsibility clauses (by registry id, else by name).
    bodies: int
    #: How many targets it states, anywhere.
    targets: int
    #: How many diagnostics the parser reported on it.
    diagnostics: int


#: Any row of the five tables.
Row: TypeAlias = ResponsibilityRow | MeasureRow | TargetRow | TaskRow | DocumentRow

# --------------------------------------------------------------------------- columns

ColumnKind: TypeAlias = Literal[
    "text", "optional-text", "integer", "optional-integer", "date", "decimal", "years"
]

# The Python type of a row field -> the kind of its column.  Derived from the
# row classes so that a new field cannot be forgotten by a writer.
_KIND_OF_TYPE: Final[tuple[tuple[object, ColumnKind], ...]] = (
    (str, "text"),
    (str | None, "optional-text"),
    (int, "integer"),
    (int | None, "optional-integer"),
    (dt.date | None, "date"),
    (Decimal, "decimal"),
    (tuple[int, ...], "years"),
)


@attrs.frozen(kw_only=True, slots=True)
class Column:
    """A column of a table: its name and kind (how each writer represents it)."""

    #: The column's name: the row field it holds.
    name: str
    #: How writers represent it: ``"text"``, ``"optional-text"``, ``"integer"``,
    #: ``"optional-integer"``, ``"date"``, ``"decimal"`` (exact, as digits) or ``"years"``.
    kind: ColumnKind


def _columns(row_type: type) -> tuple[Column, ...]:
    attrs.resolve_types(row_type)
    columns = []
    for field in attrs.fields(row_type):
        # Compared with ==: typing may hand back Optional[str] for "str | None".
        kind = next((k for t, k in _KIND_OF_TYPE if field.type == t), None)
        if kind is None:  # pragma: no cover - a programming error, caught at import
            raise TypeError(f"{row_type.__name__}.{field.name}: no column kind for {field.type}")
        columns.append(Column(name=field.name, kind=kind))
    return tuple(columns)


_R = TypeVar("_R", bound=Row, covariant=True)


@attrs.frozen(kw_only=True, slots=True)
class Table(Generic[_R]):
    """A named table: its columns and its rows, in document order, documents in input order.

    ``build("targets", …)`` gives a ``Table[TargetRow]``, so a type checker
    knows the fields of its rows.
    """

    #: Which table it is: one of :data:`TABLES`.
    name: str
    #: Its columns, in order: the fields of its row class.
    columns: tuple[Column, ...]
    #: Its rows: documents in input order, each document's rows in printed order.
    rows: tuple[_R, ...]


# --------------------------------------------------------------------------- places


@attrs.frozen(kw_only=True, slots=True)
class Place:
    """A section or measure with its position: the labels from the top and its printed order."""

    #: ``"section"`` or ``"measure"``.
    kind: Literal["section", "measure"]
    #: The labels from the top down to this one (``("二、", "（三）", "2.")``).
    labels: tuple[str, ...]
    #: The section or measure itself.
    element: Section | Measure
    #: Its index among all the places of the document, in printed order.
    index: int
    #: The index of the enclosing section's place; ``None`` at the top.
    parent: int | None = None

    @property
    def path(self) -> str:
        """The labels from the top joined by ``" / "``."""
        return PATH_SEPARATOR.join(self.labels)

    @property
    def heading(self) -> str:
        """The section's heading or the measure's title."""
        element = self.element
        return element.heading if isinstance(element, Section) else element.title


def places(policy: Policy) -> tuple[Place, ...]:
    """Every section and measure of *policy*, depth first in printed order."""
    found: list[Place] = []
    # An explicit stack instead of recursion: a policy read from JSON may nest
    # as deep as its author likes.
    stack: list[tuple[Section | Measure, tuple[str, ...], int | None]] = []
    stack.extend(reversed([(e, (), None) for e in _in_order(policy.sections, policy.measures)]))
    while stack:
        element, above, parent = stack.pop()
        labels = (*above, element.label)
        index = len(found)
        kind: Literal["section", "measure"] = (
            "section" if isinstance(element, Section) else "measure"
        )
        found.append(Place(kind=kind, labels=labels, element=element, index=index, parent=parent))
        if isinstance(element, Section):
            children = _in_order(element.sections, element.measures)
            stack.extend(reversed([(child, labels, index) for child in children]))
    return tuple(found)


def _in_order(
    sections: tuple[Section, ...], measures: tuple[Measure, ...]
) -> list[Section | Measure]:
    # Measures directly in a container and its sub-sections interleave in the
    # printed text; their spans give the printed order (a section first on a tie).
    items: list[Section | Measure] = [*sections, *measures]
    items.sort(key=lambda e: (e.span.start, isinstance(e, Measure)))
    return items


# --------------------------------------------------------------------------- helpers


def document_name(policy: Policy, default: str = "") -> str:
    """The file name of the policy's ``source`` (``samples/x.txt`` -> ``x.txt``), else *default*."""
    if policy.source:
        return PurePath(policy.source.replace("\\", "/")).name or policy.source
    return default


def deadline_years(targets: Iterable[Target]) -> tuple[int, ...]:
    """The distinct deadline years of *targets*, ascending."""
    return tuple(sorted({t.deadline_year for t in targets if t.deadline_year is not None}))


def body_key(unit: ResponsibleUnit) -> str:
    """What identifies a body across documents: its registry id, else its name as written.

    Unresolved names are compared with runs of spaces squashed, so that a
    line break inside a name does not make a second body.
    """
    if unit.unit_id is not None:
        return f"id:{unit.unit_id}"
    return f"name:{squash_spaces(unit.name)}"


# --------------------------------------------------------------------------- row builders


def responsibility_rows(
    policy: Policy, *, document: str | None = None
) -> tuple[ResponsibilityRow, ...]:
    """One row per body named in each responsibility clause of *policy*, in printed order."""
    name = document_name(policy) if document is None else document
    rows: list[ResponsibilityRow] = []
    for place in places(policy):
        element = place.element
        years = deadline_years(element.targets)
        for unit in element.responsible_units:
            rows.append(
                ResponsibilityRow(
                    document=name,
                    title=policy.title,
                    doc_number=policy.doc_number,
                    jurisdiction=policy.jurisdiction,
                    language=policy.language,
                    issued=policy.issued,
                    kind=place.kind,
                    path=place.path,
                    label=element.label,
                    heading=place.heading,
                    unit_name=unit.name,
                    unit_id=unit.unit_id,
                    role=unit.role,
                    deadline_years=years,
                )
            )
    return tuple(rows)


def measure_rows(policy: Policy, *, document: str | None = None) -> tuple[MeasureRow, ...]:
    """One row per measure of *policy*, in printed order."""
    name = document_name(policy) if document is None else document
    rows: list[MeasureRow] = []
    for place in places(policy):
        measure = place.element
        if not isinstance(measure, Measure):
            continue
        rows.append(
            MeasureRow(
                document=name,
                path=place.path,
                label=measure.label,
                title=measure.title,
                units=len(measure.responsible_units),
                targets=len(measure.targets),
                span_start=measure.span.start,
                span_end=measure.span.end,
            )
        )
    return tuple(rows)


def target_rows(policy: Policy, *, document: str | None = None) -> tuple[TargetRow, ...]:
    """One row per target of *policy*, wherever it is stated, in printed order."""
    name = document_name(policy) if document is None else document
    located: list[tuple[Target, str, Place | None]] = []
    all_places = places(policy)
    located.extend((target, where, None) for target, where in outside_targets(policy, all_places))
    for place in all_places:
        located.extend((t, place.kind, place) for t in place.element.targets)
    located.sort(key=lambda item: item[0].span.start)
    return tuple(
        TargetRow(
            document=name,
            where=where,
            path=place.path if place is not None else "",
            label=place.element.label if place is not None else "",
            text=target.text,
            value=target.value,
            unit=target.unit,
            comparator=target.comparator,
            deadline_year=target.deadline_year,
            span_start=target.span.start,
            span_end=target.span.end,
        )
        for target, where, place in located
    )


def outside_targets(
    policy: Policy, all_places: Sequence[Place] | None = None
) -> tuple[tuple[Target, str], ...]:
    """Each of ``policy.targets`` with where it was stated: notice, preamble or closing.

    *all_places* saves recomputing :func:`places` when the caller has them.
    """
    if all_places is None:
        all_places = places(policy)
    first = min((p.element.span.start for p in all_places), default=None)
    return tuple((t, where_outside(policy, t.span.start, first)) for t in policy.targets)


def where_outside(policy: Policy, offset: int, first_place: int | None) -> str:
    """``notice``, ``preamble`` or ``closing``: the part around the structure holding *offset*.

    *first_place* is the start of the first section or measure (``None`` when
    there is none: everything is preamble).
    """
    notice = policy.notice
    if notice is not None and notice.span.start <= offset < notice.span.end:
        return "notice"
    if first_place is None or offset < first_place:
        return "preamble"
    return "closing"


def task_rows(policy: Policy, *, document: str | None = None) -> tuple[TaskRow, ...]:
    """One row per body each task of *policy* names (one row for a task naming none)."""
    name = document_name(policy) if document is None else document
    paths = {p.element.span: p.path for p in places(policy) if p.kind == "measure"}
    rows: list[TaskRow] = []
    for task in policy.tasks:
        restated = "" if task.measure is None else paths.get(task.measure, "")
        bodies: tuple[ResponsibleUnit | None, ...] = task.units or (None,)
        for unit in bodies:
            rows.append(
                TaskRow(
                    document=name,
                    jurisdiction=policy.jurisdiction,
                    number=task.number,
                    text=task.text,
                    measure=restated,
                    deadline=task.deadline,
                    deadline_year=task.deadline_year,
                    unit_name=None if unit is None else unit.name,
                    unit_id=None if unit is None else unit.unit_id,
                    role=None if unit is None else unit.role,
                    span_start=task.span.start,
                    span_end=task.span.end,
                )
            )
    return tuple(rows)


def document_rows(policy: Policy, *, document: str | None = None) -> tuple[DocumentRow, ...]:
    """The one row of *policy* in the ``documents`` table."""
    name = document_name(policy) if document is None else document
    all_places = places(policy)
    units = [u for p in all_places for u in p.element.responsible_units]
    targets = len(policy.targets) + sum(len(p.element.targets) for p in all_places)
    return (
        DocumentRow(
            document=name,
            title=policy.title,
            language=policy.language,
            jurisdiction=policy.jurisdiction,
            doc_number=policy.doc_number,
            issued=policy.issued,
            published=policy.published,
            sections=sum(p.kind == "section" for p in all_places),
            measures=sum(p.kind == "measure" for p in all_places),
            responsibilities=len(units),
            bodies=len({body_key(u) for u in units}),
            targets=targets,
            diagnostics=len(policy.diagnostics),
        ),
    )


_Builder: TypeAlias = Callable[..., Sequence[Row]]

_TABLES: Final[dict[str, tuple[type, _Builder]]] = {
    "responsibilities": (ResponsibilityRow, responsibility_rows),
    "measures": (MeasureRow, measure_rows),
    "targets": (TargetRow, target_rows),
    "tasks": (TaskRow, task_rows),
    "documents": (DocumentRow, document_rows),
}
#: The names of the tables :func:`build` makes.
TABLES: Final = tuple(_TABLES)
_COLUMNS: Final = {name: _columns(row_type) for name, (row_type, _) in _TABLES.items()}


@overload
def build(
    name: Literal["responsibilities"], documents: Iterable[tuple[str, Policy]]
) -> Table[ResponsibilityRow]: ...
@overload
def build(
    name: Literal["measures"], documents: Iterable[tuple[str, Policy]]
) -> Table[MeasureRow]: ...
@overload
def build(
    name: Literal["targets"], documents: Iterable[tuple[str, Policy]]
) -> Table[TargetRow]: ...
@overload
def build(name: Literal["tasks"], documents: Iterable[tuple[str, Policy]]) -> Table[TaskRow]: ...
@overload
def build(
    name: Literal["documents"], documents: Iterable[tuple[str, Policy]]
) -> Table[DocumentRow]: ...
@overload
def build(name: str, documents: Iterable[tuple[str, Policy]]) -> Table[Row]: ...
def build(name: str, documents: Iterable[tuple[str, Policy]]) -> Table[Any]:
    """The table *name* (one of :data:`TABLES`) over ``(document name, policy)`` pairs."""
    if name not in _TABLES:
        raise ValueError(f"no table {name!r}; the tables are {', '.join(TABLES)}")
    builder = _TABLES[name][1]
    rows: list[Row] = []
    for document, policy in documents:
        rows.extend(builder(policy, document=document))
    return Table(name=name, columns=_COLUMNS[name], rows=tuple(rows))


# --------------------------------------------------------------------------- writers

#: Output file suffix -> format written by :func:`write`.
FORMATS: Final = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}

# A cell a spreadsheet program would run as a formula (=, +, -, @, or a tab or
# carriage return before one).  Texts come from strangers, so such a cell is
# written with a leading apostrophe, which spreadsheet programs show as text.
_FORMULA_START: Final = frozenset("=+-@\t\r")
_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
# Decimals are written without an exponent ("260000000000", not "2.6E+11")
# unless that would take more characters than any real amount has.
_MAX_PLAIN_EXPONENT: Final = 60


def format_for(path: str | os.PathLike[str]) -> str | None:
    """``csv``, ``jsonl`` or ``parquet`` from the suffix of *path*; ``None`` for another suffix."""
    return FORMATS.get(Path(path).suffix.lower())


def decimal_text(value: Decimal) -> str:
    """*value* exactly, in plain digits where reasonable (``2.6E+11`` -> ``260000000000``)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and abs(exponent) <= _MAX_PLAIN_EXPONENT:
        return format(value, "f")
    return str(value)


def _text(value: str) -> str:
    # A lone surrogate (possible only in a policy read from escaped JSON) has
    # no UTF-8 form; it is written as U+FFFD rather than failing the table.
    if value.isascii():
        return value
    return _SURROGATE.sub("\ufffd", value)


def _guarded(cell: str) -> str:
    if len(cell) > 1 and cell[0] in _FORMULA_START and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _csv_cell(value: object, kind: ColumnKind, guard: bool) -> str:
    if value is None:
        return ""
    if kind == "decimal":
        assert isinstance(value, Decimal)
        return decimal_text(value)
    if kind == "date":
        assert isinstance(value, dt.date)
        return value.isoformat()
    if kind == "years":
        assert isinstance(value, tuple)
        return YEARS_SEPARATOR.join(str(year) for year in value)
    if kind in ("text", "optional-text"):
        assert isinstance(value, str)
        # NUL has no place in CSV (Python 3.10's writer refuses it outright):
        # written as U+FFFD on every version, so the output does not depend on it.
        text = _text(value).replace("\x00", "\ufffd")
        return _guarded(text) if guard else text
    return str(value)


def write_csv(table: Table[Row], stream: IO[str], *, guard_formulas: bool = True) -> None:
    """Write *table* as CSV (a header, then one line per row, ``\\r\\n`` line ends) to *stream*.

    Open a file for it with ``encoding="utf-8-sig", newline=""`` so that it
    starts with the BOM spreadsheet programs need to read UTF-8.  An absent
    value is an empty cell; ``deadline_years`` is ``"2025;2027"``.  A text
    cell that a spreadsheet would run as a formula (``=HYPERLINK(...)``) is
    prefixed with ``'`` unless *guard_formulas* is false.  A NUL character or
    a lone surrogate, which CSV in UTF-8 cannot hold, is written as U+FFFD.
    """
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    for row in table.rows:
        writer.writerow(
            [
                _csv_cell(getattr(row, column.name), column.kind, guard_formulas)
                for column in table.columns
            ]
        )


def _json_value(value: object, kind: ColumnKind) -> object:
    if value is None:
        return None
    if kind == "decimal":
        assert isinstance(value, Decimal)
        return decimal_text(value)
    if kind == "date":
        assert isinstance(value, dt.date)
        return value.isoformat()
    if kind == "years":
        assert isinstance(value, tuple)
        return list(value)
    if isinstance(value, str):
        return _text(value)
    return value


def write_jsonl(table: Table[Row], stream: IO[str]) -> None:
    """Write *table* as JSON Lines: one object per row, keys in column order.

    Decimals are strings (exact), dates ISO 8601 strings, absent values ``null``.
    """
    for row in table.rows:
        record = {c.name: _json_value(getattr(row, c.name), c.kind) for c in table.columns}
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def _import_extra(module: str, *, what: str, package: str, extra: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        message = f"{what} needs {package}, which is not installed: pip install 'shpolicy[{extra}]'"
        raise MissingDependencyError(message, extra=extra) from None


def require_parquet() -> None:
    """Raise :class:`~shpolicy.errors.MissingDependencyError` unless pyarrow is installed."""
    _import_extra("pyarrow.parquet", what="writing Parquet", package="pyarrow", extra="parquet")


def write_parquet(table: Table[Row], destination: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write *table* as a Parquet file (needs ``shpolicy[parquet]``, i.e. pyarrow).

    Column types: text -> ``string``, counts and offsets -> ``int64``, years ->
    ``int64`` / ``list<int64>``, dates -> ``date32``, decimals -> ``string``
    (exact; every value may have its own scale, which no one Parquet decimal
    type holds).
    """
    pa = _import_extra("pyarrow", what="writing Parquet", package="pyarrow", extra="parquet")
    pq = _import_extra(
        "pyarrow.parquet", what="writing Parquet", package="pyarrow", extra="parquet"
    )
    arrow_types: dict[ColumnKind, Any] = {
        "text": pa.string(),
        "optional-text": pa.string(),
        "integer": pa.int64(),
        "optional-integer": pa.int64(),
        "date": pa.date32(),
        "decimal": pa.string(),
        "years": pa.list_(pa.int64()),
    }
    fields = []
    arrays = []
    for column in table.columns:
        values = [_arrow_value(getattr(row, column.name), column.kind) for row in table.rows]
        arrow_type = arrow_types[column.kind]
        nullable = column.kind in ("optional-text", "optional-integer", "date")
        fields.append(pa.field(column.name, arrow_type, nullable=nullable))
        arrays.append(pa.array(values, type=arrow_type))
    metadata = {b"shpolicy.table": table.name.encode("utf-8")}
    arrow_table = pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=metadata))
    pq.write_table(arrow_table, destination)


def _arrow_value(value: object, kind: ColumnKind) -> object:
    if value is None:
        return None
    if kind == "decimal":
        assert isinstance(value, Decimal)
        return decimal_text(value)
    if kind == "years":
        assert isinstance(value, tuple)
        return list(value)
    if isinstance(value, str):
        return _text(value)
    return value


def to_dataframe(table: Table[Row]) -> Any:
    """*table* as a pandas DataFrame (needs ``shpolicy[pandas]``).

    dtypes: text -> ``string`` (``pd.NA`` when absent); counts, offsets ->
    ``int64``; ``deadline_year`` -> ``Int64`` (nullable); dates ->
    ``datetime64`` (``NaT`` when absent); ``value`` -> ``object`` holding
    :class:`decimal.Decimal` (exact: a float column would round
    ``0.1`` and amounts beyond 2**53); ``deadline_years`` -> ``object``
    holding tuples of ``int``.
    """
    pd = _import_extra("pandas", what="to_dataframe", package="pandas", extra="pandas")
    data: dict[str, Any] = {}
    for column in table.columns:
        values = [getattr(row, column.name) for row in table.rows]
        kind = column.kind
        if kind in ("text", "optional-text"):
            data[column.name] = pd.Series(values, dtype="string")
        elif kind == "integer":
            data[column.name] = pd.Series(values, dtype="int64")
        elif kind == "optional-integer":
            data[column.name] = pd.Series(values, dtype="Int64")
        elif kind == "date":
            data[column.name] = pd.Series(pd.to_datetime(pd.Series(values, dtype="object")))
        else:  # decimal, years: kept as Python objects, exactly
            data[column.name] = pd.Series(values, dtype="object")
    return pd.DataFrame(data, columns=[c.name for c in table.columns])


def write(table: Table[Row], destination: str | os.PathLike[str]) -> None:
    """Write *table* to a file in the format its suffix names (:data:`FORMATS`).

    CSV is UTF-8 with a BOM; JSON Lines UTF-8 without one.
    """
    fmt = format_for(destination)
    if fmt is None:
        suffixes = ", ".join(FORMATS)
        raise ValueError(f"{os.fspath(destination)}: unknown table format; use one of {suffixes}")
    if fmt == "parquet":
        write_parquet(table, destination)
        return
    with open(destination, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as f:
        if fmt == "csv":
            write_csv(table, f)
        else:
            write_jsonl(table, f)


def csv_bytes(table: Table[Row], *, bom: bool = False) -> bytes:
    """*table* as CSV bytes in UTF-8 (with a BOM when *bom*), e.g. for stdout."""
    buffer = io.StringIO(newline="")
    write_csv(table, buffer)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")
