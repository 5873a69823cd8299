"""The tasks stage: what a policy's annexes assign to whom.

Input: the folded text, the lines after the last numbered item of the body
(closing text, signatures, back matter and annexes), and a test that says
whether a name is a body's — known to the registry or a collective, in the
document's jurisdiction (the model stage's).  Output: :class:`Tasks`, offsets
of each task's number, text, bodies and deadline, and what could not be read.

Decisions owned here:

* **task tables** — a header of column names holding 序号 and a column of
  bodies, flattened one cell per line or delimited (:mod:`shpolicy.task_table`
  reads the rows);
* **division-of-labour items** — an item (a numbered line and the lines
  under it, or an unnumbered line) followed by clause lines (牵头单位：… /
  参加单位：…) or ending with a clause is a task of the bodies the clause
  names, in their parts;
* **duty lists** — a line that opens with a body and a colon ("区司法局：一是
  负责…") is a task of that body; a body and a colon with nothing after it, or
  a line that is only a body's name — numbered ("一、区数据局"), or under a
  heading that speaks of duties — heads the lines under it, which are its
  task, up to the next such heading, the next item of the heading's level or
  another annex (a body's name alone elsewhere is a signature).  The body
  must be known or a collective — or, under a heading that speaks of duties
  (职责, 分工, 职能, 清单), merely read like a body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import attrs

from .header import is_page_controls
from .lines import Line
from .model import Diagnostic
from .normalize import Folded, trim
from .numbering import Label, match_label
from .responsibility import Clause, UnitMention, find_clause, list_units
from .task_table import (
    FoundTask,
    IsBody,
    TableReader,
    find_header,
    is_annex_start,
    looks_like_body,
    may_hold_header,
)

__all__ = ["FoundTask", "Tasks", "duty_holder", "read_tasks", "speaks_of_duties"]

Range = tuple[int, int]

# A heading that speaks of duties: the bodies it lists need only read like bodies.
_DUTIES: Final = re.compile(r"职责|分工|职能|清单")
_DUTY_HEADING_MAX: Final = 40
# "区司法局：一是负责…": a body, a colon and its duties; the name is short.
_DUTY_COLON: Final = re.compile(r"([^:;,。.、()]{2,24}(?:\([^()]{1,24}\))?)\s*:")
_HEADING_NOTE: Final = re.compile(r"\([^()]*\)$")


def speaks_of_duties(heading: str) -> bool:
    """Whether a heading speaks of duties (职责分工, 职能, 责任清单): the bodies listed under it
    need only read like bodies."""
    return _DUTIES.search(heading) is not None


def duty_holder(
    folded: Folded, start: int, end: int, is_body: IsBody, *, about_duties: bool
) -> tuple[tuple[UnitMention, ...], int] | None:
    """The body that ``folded[start:end]`` opens with before a colon ("区商务委：负责…"), and
    where its duties begin; under a heading on duties (*about_duties*) also a line that is
    only a body's name; ``None`` when it opens with no body."""
    m = _DUTY_COLON.match(folded, start, end)
    if m is not None and _names_body(folded, *m.span(1), is_body, about_duties=about_duties):
        return list_units(folded, *m.span(1)), m.end()
    # Under a heading on duties, a line that is only a body's name heads its duties.
    start, end = trim(folded, start, end)
    named = about_duties and end - start <= _DUTY_HEADING_MAX
    if named and _names_body(folded, start, end, is_body, about_duties=True):
        return list_units(folded, start, end), end
    return None


def _names_body(
    folded: Folded, start: int, end: int, is_body: IsBody, *, about_duties: bool
) -> bool:
    """Whether ``[start, end)`` is one body's name (a note in brackets after it allowed)."""
    name = folded[start:end].strip()
    bare = _HEADING_NOTE.sub("", name) or name
    if not bare or any(c in bare for c in ",;。、:"):
        return False
    if is_body(name) or is_body(bare):
        return True
    return about_duties and looks_like_body(bare)


@attrs.frozen(kw_only=True, slots=True)
class Tasks:
    """The tasks of the tail, in printed order, and what the stage reports."""

    tasks: tuple[FoundTask, ...]
    diagnostics: tuple[Diagnostic, ...]


def read_tasks(folded: Folded, lines: Sequence[Line], is_body: IsBody) -> Tasks:
    """The tasks the tail *lines* assign: task tables, division-of-labour items, duty lists."""
    diagnostics: list[Diagnostic] = []
    reader = _Reader(folded, is_body, TableReader(folded, is_body, diagnostics))
    # A web page's controls copied after the annex ("【打印】 【关闭】") are no cell of it.
    reader.read([line for line in lines if not is_page_controls(folded, line.start, line.end)])
    reader.close_duty()
    reader.close_clauses()
    return Tasks(tasks=tuple(reader.tasks), diagnostics=tuple(diagnostics))


@attrs.define
class _Duty:
    """A task while its lines are read: a body heading its duties, or an item whose bodies
    clause lines give."""

    number: Range | None
    label: Label | None
    units: list[UnitMention]
    text: list[Range]
    start: int


class _Reader:
    """One pass over the tail's lines (state: the item being read, the duty list, findings)."""

    def __init__(self, folded: Folded, is_body: IsBody, tables: TableReader) -> None:
        self.folded = folded
        self.is_body = is_body
        self.tables = tables
        self.tasks: list[FoundTask] = []
        self.item: list[Range] = []  # the lines of the item being read
        self.item_number: Range | None = None
        # The task clause lines are adding bodies to (牵头单位：… / 参加单位：…).
        self.pending: _Duty | None = None
        self.duty: _Duty | None = None
        self.about_duties = False  # under a heading that speaks of duties

    def read(self, lines: Sequence[Line]) -> None:
        i = 0
        searched = -1  # the last line a search for a header read without finding one
        while i < len(lines):
            header = None
            if i > searched and may_hold_header(self.folded, lines[i]):
                header, searched = find_header(self.folded, lines, i)
            if header is not None:
                self._reset()
                end = _table_end(self.folded, lines, header.last + 1)
                self.tasks.extend(self.tables.read(header, lines[header.last + 1 : end]))
                i = end
                continue
            self._line(lines[i])
            i += 1

    def _reset(self) -> None:
        self.close_duty()
        self.close_clauses()
        self.item, self.item_number = [], None

    def close_clauses(self) -> None:
        """End the task whose bodies clause lines were adding."""
        pending = self.pending
        if pending is not None:
            self.pending = None
            end = pending.text[-1][1] if pending.text else pending.start
            self._add(pending.number, pending.text[:-1], pending.units, (pending.start, end))

    # -- one line -----------------------------------------------------------------
    def _line(self, line: Line) -> None:
        folded = self.folded
        if is_annex_start(folded, line):
            self._reset()
            self.about_duties = False
            return
        clause = find_clause(folded, line.start, line.end)
        if clause is not None and self._clause(line, clause):
            return
        self.close_clauses()
        label = match_label(folded, line.start, line.end)
        if self.duty is not None and self._ends_duty(line, label):
            self.close_duty()
        content = line.start if label is None else label.end
        if self._duty_heading(line, label, content):
            return
        if line.end - line.start <= _DUTY_HEADING_MAX and speaks_of_duties(
            folded[content : line.end]
        ):
            self.about_duties = True
        if self._duty_line(line, content):
            return
        if self.duty is not None:
            self.duty.text.append((line.start, line.end))
            return
        if label is not None:
            self.item, self.item_number = [(content, line.end)], (label.start, label.text_end)
        elif self.item_number is not None:
            self.item.append((line.start, line.end))  # the numbered item goes on
        else:
            # An unnumbered line is the item a clause line below it would assign.
            self.item = [(line.start, line.end)]

    def _clause(self, line: Line, clause: Clause) -> bool:
        """A clause line joins the task its predecessor made, or makes the item a task."""
        start = trim(self.folded, line.start, line.end)[0]
        if clause.start > start:  # "（一）… 。（牵头单位：…）": the line ends the item
            self.close_duty()
            self.close_clauses()
            label = match_label(self.folded, line.start, line.end)
            if label is not None or not self.item:
                text_start = line.start if label is None else label.end
                self.item = [(text_start, clause.start)]
                self.item_number = None if label is None else (label.start, label.text_end)
            else:
                self.item.append((line.start, clause.start))
            self._open_clauses(clause, line)
            return True
        if self.pending is not None:
            # (Units gathered in a list and the end kept as the last "text" range:
            # a long run of clause lines costs linear time.)
            self.pending.units.extend(clause.units)
            self.pending.text[-1] = (line.end, line.end)
            return True
        if not self.item:
            return False
        self.close_duty()
        self._open_clauses(clause, line)
        return True

    def _open_clauses(self, clause: Clause, line: Line) -> None:
        """The item is a task of the clause's bodies; clause lines below may add to them."""
        first = self.item[0][0] if self.item_number is None else self.item_number[0]
        self.pending = _Duty(
            number=self.item_number,
            label=None,
            units=list(clause.units),
            text=[*self.item, (line.end, line.end)],
            start=first,
        )
        self.item, self.item_number = [], None

    # -- duty lists ---------------------------------------------------------------
    def _duty_heading(self, line: Line, label: Label | None, content: int) -> bool:
        """A line that is only a body's name ("一、区数据局") heads the lines under it.

        Unnumbered, only under a heading that speaks of duties: elsewhere a
        body's name alone on its line is a signature.
        """
        if label is None and not self.about_duties:
            return False
        start, end = trim(self.folded, content, line.end)
        if end - start > _DUTY_HEADING_MAX or not self._names_body(start, end):
            return False
        self.close_duty()
        self.item = []
        number = None if label is None else (label.start, label.text_end)
        self.duty = _Duty(
            number=number,
            label=label,
            units=list(list_units(self.folded, start, end)),
            text=[],
            start=line.start,
        )
        return True

    def _duty_line(self, line: Line, content: int) -> bool:
        """ "区司法局：一是负责…": a body, a colon, and its duties (or, with nothing after the
        colon, the heading of the lines under it)."""
        found = duty_holder(
            self.folded, content, line.end, self.is_body, about_duties=self.about_duties
        )
        if found is None or (found[1] == line.end and not self._has_colon(content, line.end)):
            return False
        units, duties = found
        self.close_duty()
        label = match_label(self.folded, line.start, line.end)
        number = None if label is None else (label.start, label.text_end)
        text = trim(self.folded, duties, line.end)
        if text[0] < text[1]:
            self._add(number, [text], units, (line.start, line.end))
        else:
            self.item = []
            self.duty = _Duty(
                number=number, label=label, units=list(units), text=[], start=line.start
            )
        return True

    def _has_colon(self, start: int, end: int) -> bool:
        return _DUTY_COLON.match(self.folded, start, end) is not None

    def _names_body(self, start: int, end: int) -> bool:
        return _names_body(self.folded, start, end, self.is_body, about_duties=self.about_duties)

    def _ends_duty(self, line: Line, label: Label | None) -> bool:
        duty = self.duty
        assert duty is not None
        return (
            label is not None and duty.label is not None and label.style == duty.label.style
        ) or is_annex_start(self.folded, line)

    def close_duty(self) -> None:
        """End the duty list's current task."""
        duty = self.duty
        if duty is None:
            return
        self.duty = None
        if duty.text:  # a heading with nothing under it assigns nothing
            self._add(duty.number, duty.text, duty.units, (duty.start, duty.text[-1][1]))

    def _add(
        self,
        number: Range | None,
        text: Sequence[Range],
        units: Sequence[UnitMention],
        span: Range,
    ) -> None:
        kept = [r for r in (trim(self.folded, s, e) for s, e in text) if r[0] < r[1]]
        self.tasks.append(
            FoundTask(number=number, text=tuple(kept), units=tuple(units), deadline=(), span=span)
        )


def _table_end(folded: Folded, lines: Sequence[Line], start: int) -> int:
    """Where a task table's rows end: at another annex, or with the lines."""
    for i in range(start, len(lines)):
        if is_annex_start(folded, lines[i]):
            return i
    return len(lines)
