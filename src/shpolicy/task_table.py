"""Task tables flattened to lines: rows of 序号 / 任务 / 牵头单位 / 配合单位 / 完成时限.

Private to the tasks stage (:mod:`shpolicy.tasks`).  A table copied out of a
Word or PDF annex reaches us one cell per line, or one row per line with its
cells separated by tabs or runs of spaces; its header may be printed again on
every page.  The rules, general to such tables:

* **header** — a run of short lines (or one delimited line) of column names
  holding 序号 and at least one column of bodies (…单位, …部门, …主体); a
  column's name gives its part: 牵头 / 主责 lead, 配合 / 协同 / 参与 / 参加 /
  支撑 / 协助 cooperating, any other (责任单位, 行使主体) none; 完成时限 /
  时间节点 / 节点 are deadlines;
* **rows** — a row begins at a number alone on its line that continues its
  numbering (1, 2 …; （一）, （二）…; a group's 二 after the rows' （五）), is
  not followed by another number (a count cell), and ends at the next; a row
  with no body and one caption, or a caption printed down a merged cell one
  character a line, is a group heading, no task;
* **cells** — each line is a number, an empty cell (——, /, 无), a deadline, a
  cell of bodies (every name in it is a body, and one at least is known or
  opens like one: 区…, 各…, 相关…) or text; a cell of bodies wrapped after
  its separator, or a name wrapped mid-word (区土方工作 / 专班), is read whole;
* **sub-rows** — cells of bodies printed after text that follows a row's
  bodies start another task of the same row, which keeps the row's leading
  captions (its merged cells);
* **columns of bodies** — the cells of bodies fill the table's columns of
  bodies in order; more cells than columns cannot be told apart (one cell a
  line): the first is the first column's, the others keep no part
  (``task-units-ambiguous``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Final, Literal

import attrs

from .diagnostics import TASK_ROW_INCOMPLETE, TASK_TABLE_UNREAD, TASK_UNITS_AMBIGUOUS
from .lines import Line
from .model import Diagnostic, Role, Span
from .normalize import Folded, trim
from .numerals import hanzi_value
from .responsibility import UnitMention, list_units, split_units

__all__ = [
    "FoundTask",
    "Header",
    "TableReader",
    "deadline_year",
    "find_header",
    "is_annex_start",
    "looks_like_body",
    "may_hold_header",
]

Range = tuple[int, int]
Kind = Literal["number", "units", "empty", "deadline", "text"]
ColumnKind = Literal["number", "units", "deadline", "text"]
IsBody = Callable[[str], bool]


@attrs.frozen(kw_only=True, slots=True)
class FoundTask:
    """A task, as offsets: its number, text cells, bodies and deadline cells."""

    number: Range | None
    text: tuple[Range, ...]
    units: tuple[UnitMention, ...]
    deadline: tuple[Range, ...]
    span: Range


@attrs.frozen(kw_only=True, slots=True)
class Column:
    """A column of a task table: what its cells hold, and the part of its bodies."""

    name: str
    kind: ColumnKind
    role: Role | None = None


@attrs.frozen(kw_only=True, slots=True)
class Header:
    """A task table's header: its columns, where it stands, and whether its rows are delimited."""

    columns: tuple[Column, ...]
    first: int  # index of its first line
    last: int  # index of its last line
    delimited: bool

    @property
    def unit_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.kind == "units")

    @property
    def text_first(self) -> bool:
        """Whether a text column stands between 序号 and the first column of bodies."""
        kinds = [c.kind for c in self.columns]
        first_units = kinds.index("units")
        return "text" in kinds[kinds.index("number") + 1 : first_units]

    @property
    def has_deadline(self) -> bool:
        return any(c.kind == "deadline" for c in self.columns)

    @property
    def after_units(self) -> int:
        """How many columns follow its last column of bodies (参考文件, 完成时限 …)."""
        last = max(i for i, c in enumerate(self.columns) if c.kind == "units")
        return len(self.columns) - last - 1


# -- the header -------------------------------------------------------------------

_NUMBER_COLUMN: Final = re.compile(r"(?:序号|编号)")
_HEADER_WORD: Final = re.compile(
    r"序号|编号|类别|类型|任务|内容|事项|名称|项目|措施|目标|指标|数量|时限|时间|节点|进度|期限"
    r"|单位|部门|主体|依据|层级|文件|备注|说明|分工|职责|责任|举措|工作|领域|环节"
)
# A column of bodies: …单位, …部门, …主体, …处室, …机构 (责任单位, 牵头部门, 行使主体).
_UNIT_COLUMN: Final = re.compile(r"(?:单位|部门|主体|处室|机构)$")
_LEAD_COLUMN: Final = re.compile(r"^(?:牵头|主责)")
_COOP_COLUMN: Final = re.compile(r"^(?:配合|协同|参与|参加|支撑|支持|协助|协作|协办)")
_DEADLINE_COLUMN: Final = re.compile(r"时限|时间|节点|进度|期限")
_NOT_IN_HEADER: Final = re.compile(r"[\d.,;:!?、。()\[\]《》“”\"/]")
# The table's own title above its header (任务分工表, 任务清单) names no column.
_TABLE_TITLE: Final = re.compile(r"(?:表|清单|方案|一览)$")
_HEADER_CELL_MAX: Final = 10
_HEADER_MAX: Final = 16  # columns on either side of 序号
# Cells of a delimited line: a tab, or two or more blanks (a folded ideographic space is one).
_CELL_BREAK: Final = re.compile(r" +")
_CELL: Final = re.compile(r"[^ ]+")
# A new annex (附件2, 附表) ends a table.
_ANNEX: Final = re.compile(r"(?:附件|附表)\s*\d{0,2}\s*$")


def _squeezed(folded: Folded, start: int, end: int) -> str:
    return "".join(folded[start:end].split())


def column_of(name: str) -> Column | None:
    """The column a header cell names, or ``None`` when it is no column name."""
    if not name or len(name) > _HEADER_CELL_MAX or _NOT_IN_HEADER.search(name):
        return None
    if _HEADER_WORD.search(name) is None or _TABLE_TITLE.search(name):
        return None
    if _NUMBER_COLUMN.fullmatch(name):
        return Column(name=name, kind="number")
    if _UNIT_COLUMN.search(name):
        role: Role | None = None
        if _LEAD_COLUMN.match(name):
            role = "lead"
        elif _COOP_COLUMN.match(name):
            role = "cooperating"
        return Column(name=name, kind="units", role=role)
    if _DEADLINE_COLUMN.search(name):
        return Column(name=name, kind="deadline")
    return Column(name=name, kind="text")


def may_hold_header(folded: Folded, line: Line) -> bool:
    """Whether *line* may be a task table's header or its 序号 column: every header holds one."""
    return _NUMBER_COLUMN.search(folded, line.start, line.end) is not None


def is_annex_start(folded: Folded, line: Line) -> bool:
    """Whether *line* opens another annex (附件2, 附表) on its own."""
    return _ANNEX.match(_squeezed(folded, line.start, line.end)) is not None


def find_header(folded: Folded, lines: Sequence[Line], index: int) -> tuple[Header | None, int]:
    """The task table header that holds the line at *index* (its 序号), or ``None``; and the
    last line the search read (no header holds the lines from *index* to it but this one)."""
    line = lines[index]
    cells = [c for c in _CELL_BREAK.split(folded[line.start : line.end].strip()) if c]
    if len(cells) >= 3 and _NUMBER_COLUMN.fullmatch(cells[0]):
        columns = [column_of(c) for c in cells]
        if all(c is not None for c in columns):
            named = [c for c in columns if c is not None]
            return _header(named, index, index, delimited=True), index
        return None, index
    if column_of(_squeezed(folded, line.start, line.end)) is None:
        return None, index
    # A header has a few columns: a longer run of column names is no header to read whole.
    low, high = max(0, index - _HEADER_MAX), min(len(lines) - 1, index + _HEADER_MAX)
    first = index
    while first > low and column_of(_cell_name(folded, lines[first - 1])) is not None:
        first -= 1
    last = index
    while last < high and column_of(_cell_name(folded, lines[last + 1])) is not None:
        last += 1
    found = [column_of(_cell_name(folded, lines[i])) for i in range(first, last + 1)]
    return _header([c for c in found if c is not None], first, last, delimited=False), last


def _cell_name(folded: Folded, line: Line) -> str:
    return _squeezed(folded, line.start, line.end)


def _header(columns: list[Column], first: int, last: int, *, delimited: bool) -> Header | None:
    kinds = [c.kind for c in columns]
    if "units" not in kinds or "number" not in kinds or len(columns) < 3:
        return None
    return Header(columns=tuple(columns), first=first, last=last, delimited=delimited)


# -- cells --------------------------------------------------------------------------

# A row's number alone on its line: 1, 1., （一）, 一, 一、.
_NUMBER: Final = re.compile(
    r"(?P<arabic>\d{1,4})(?P<dot>[.、]?)|\((?P<paren>[一二三四五六七八九十]{1,3})\)"
    r"|(?P<hanzi>[一二三四五六七八九十]{1,3})(?P<stop>、?)"
)
_EMPTY: Final = re.compile(r"[-—–/\\]+|无|暂无")
_YEAR: Final = (
    r"\d{4}(?:年度?)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:上半年|下半年|年底|年末|底|末|中|初)?"
)
_DEADLINE: Final = re.compile(
    rf"(?:(?:{_YEAR}(?:[-—–~至到]{_YEAR})?(?:前|以前|之前|内|起|开始|完成|全年|期间)*"
    r"|长期(?:坚持|推进|实施)?|持续(?:推进|开展|实施)?|常态化(?:推进|开展)?|每年|每季度|每月"
    r"|年内|逐年推进|按年度推进|分年度推进|已完成)[,、;及和]?)+"
)
_DEADLINE_YEAR: Final = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# Where a cell of bodies is wrapped: after a separator.
_OPEN_LIST: Final = ",、;"
# The end of a name no body's name has: a wrapped name's first line (区土方工作).
_WRAPPED_TAIL_MAX: Final = 4
# A body's name ends with one of these (委, 局, 办公室, 街道, 集团 …) ...
_BODY_END: Final = re.compile(
    r"(?:委员会|委|局|办公室|办|部|政府|府|中心|所|院|公司|集团|总公司|组|厅|处|站|队|分局"
    r"|团|社|室|部门|单位|街道|街镇|镇|乡|管委会|专班|[^\W\d]{2}区)(?:\([^()]*\))?$"
)
# ... and one that nothing else makes a body opens like one: 区…, 市…, 各…, 相关….
_BODY_START: Final = re.compile(r"(?:区|市|县|镇|各|相关|有关|属地|其他|其它|上海|中共|公安)")
_NAME_MAX: Final = 40
_NOT_WORD: Final = re.compile(r"[\W_]+")
# No list of names holds a full stop or a colon (a sentence of text does).
_NOT_IN_NAMES: Final = re.compile(r"[。:!?]")
_COUNT: Final = re.compile(r"\s*[\d一二三四五六七八九十两]+个")


def looks_like_body(name: str) -> bool:
    """Whether *name* (folded) reads like a body's: it opens like one (区…, 各…, 上海…) and
    ends like one (…局, …办公室, …专班)."""
    return _BODY_START.match(name) is not None and _BODY_END.search(name) is not None


def deadline_year(folded: Folded, ranges: Sequence[Range]) -> int | None:
    """The latest year the deadline cells name (``2018—2020年`` → 2020)."""
    years = [int(m.group()) for s, e in ranges for m in _DEADLINE_YEAR.finditer(folded, s, e)]
    return max(years) if years else None


@attrs.frozen(slots=True)
class _Cell:
    start: int
    end: int
    kind: Kind
    column: int | None = None  # the header column, where the row is delimited


def _number_value(m: re.Match[str]) -> tuple[str, int] | None:
    if m.group("arabic"):
        return ("arabic" + m.group("dot"), int(m.group("arabic")))
    numeral = m.group("paren") or m.group("hanzi")
    value = hanzi_value(numeral, strict=False)
    if not value:
        return None
    return ("paren" if m.group("paren") else "hanzi", value)


class TableReader:
    """Reads the rows of one task table into tasks (state: the text, the body test, findings)."""

    def __init__(self, folded: Folded, is_body: IsBody, diagnostics: list[Diagnostic]) -> None:
        self.folded = folded
        self.is_body = is_body
        self.diagnostics = diagnostics

    def read(self, header: Header, lines: Sequence[Line]) -> list[FoundTask]:
        """The tasks of the table whose rows are *lines* (up to the table's end)."""
        cells = self._cells(header, lines)
        tasks: list[FoundTask] = []
        for row in _rows(self.folded, cells, header.text_first):
            tasks.extend(self._row(header, row))
        if not tasks and lines:
            span = Span(start=lines[0].start, end=lines[-1].end)
            self.diagnostics.append(
                TASK_TABLE_UNREAD.at(
                    "no row of the task table under its header could be read", span
                )
            )
        return tasks

    # -- lines to cells ---------------------------------------------------------
    def _cells(self, header: Header, lines: Sequence[Line]) -> list[_Cell]:
        names = [c.name for c in header.columns]
        cells: list[_Cell] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            repeat = self._repeated_header(lines, i, names, header.delimited)
            if repeat:
                i += repeat
                continue
            if header.delimited:
                cells.extend(self._delimited(header, line))
            else:
                cells.append(_Cell(line.start, line.end, self._kind(header, line.start, line.end)))
            i += 1
        return _joined(self.folded, cells, self._is_units)

    def _repeated_header(
        self, lines: Sequence[Line], i: int, names: list[str], delimited: bool
    ) -> int:
        """How many lines from *i* print the header again (a new page), else 0.

        One cell a line, any run of two or more column names holding 序号 is
        the header again, whole or in part.
        """
        if delimited:
            line = lines[i]
            cells = [c for c in _CELL_BREAK.split(self.folded[line.start : line.end].strip()) if c]
            return 1 if cells == names else 0
        run = 0
        numbered = False
        while i + run < len(lines) and run <= 2 * _HEADER_MAX:
            line = lines[i + run]
            column = column_of(_squeezed(self.folded, line.start, line.end))
            if column is None:
                break
            numbered = numbered or column.kind == "number"
            run += 1
        return run if run >= 2 and numbered else 0

    def _delimited(self, header: Header, line: Line) -> list[_Cell]:
        """A delimited line's cells, each in its column when the line has them all."""
        parts = [(m.start(), m.end()) for m in _CELL.finditer(self.folded, line.start, line.end)]
        exact = len(parts) == len(header.columns)
        cells: list[_Cell] = []
        for index, (s, e) in enumerate(parts):
            if exact:
                kind = _column_kind(self.folded, header.columns[index], s, e)
                cells.append(_Cell(s, e, kind, index))
            else:
                cells.append(_Cell(s, e, self._kind(header, s, e)))
        return cells

    def _kind(self, header: Header, start: int, end: int) -> Kind:
        text = _squeezed(self.folded, start, end)
        if header.has_deadline and _DEADLINE.fullmatch(text):
            return "deadline"  # (before numbers: a year alone, 2025, is a deadline)
        if _NUMBER.fullmatch(text):
            return "number"
        if _EMPTY.fullmatch(text):
            return "empty"
        return "units" if self._is_units(start, end) else "text"

    def _is_units(self, start: int, end: int) -> bool:
        """Whether the line names bodies only, one at least known or opening like a body.

        A count of bodies (4个街道) is an indicator's value: a column of bodies names them.
        """
        if _COUNT.match(self.folded, start, end) or _NOT_IN_NAMES.search(self.folded, start, end):
            return False
        pieces = split_units(self.folded, start, end)
        if not pieces or any(e - s > _NAME_MAX for s, e in pieces):
            return False
        sure = 0
        for s, e in pieces:
            name = self.folded[s:e].rstrip("等")
            if self.is_body(name):
                sure += 1
            elif _BODY_END.search(name) is None:
                return False
            elif _BODY_START.match(name):
                sure += 1
        return sure > 0

    # -- rows to tasks ------------------------------------------------------------
    def _row(self, header: Header, row: list[_Cell]) -> list[FoundTask]:
        number, cells = row[0], row[1:]
        groups = _sub_rows(cells, header.after_units)
        if not any(c.kind == "units" for c in cells):
            if _is_group_heading(self.folded, cells):
                return []
            span = Span(start=number.start, end=cells[-1].end if cells else number.end)
            self.diagnostics.append(
                TASK_ROW_INCOMPLETE.at(
                    "a row of the task table names no body in its columns of bodies", span
                )
            )
        shared = _shared_captions(groups)
        tasks = []
        for k, group in enumerate(groups):
            texts = [(c.start, c.end) for c in group if c.kind == "text"]
            if k > 0:
                texts = shared + texts
            tasks.append(
                FoundTask(
                    number=(number.start, number.end),
                    text=tuple(texts),
                    units=self._units(header, [c for c in group if c.kind in ("units", "empty")]),
                    deadline=tuple((c.start, c.end) for c in group if c.kind == "deadline"),
                    span=(number.start, group[-1].end if group else number.end),
                )
            )
        return tasks

    def _units(self, header: Header, cells: list[_Cell]) -> tuple[UnitMention, ...]:
        columns = header.unit_columns
        delimited = [header.columns[c.column] for c in cells if c.column is not None]
        ambiguous = not delimited and len(cells) > len(columns) > 1
        found: list[UnitMention] = []
        for index, cell in enumerate(cells):
            if cell.kind == "empty":
                continue
            if cell.column is not None:
                role = header.columns[cell.column].role
            elif ambiguous and index > 0:
                role = None
            else:
                role = columns[min(index, len(columns) - 1)].role
            found.extend(list_units(self.folded, cell.start, cell.end, role))
        if ambiguous:
            self.diagnostics.append(
                TASK_UNITS_AMBIGUOUS.at(
                    f"{len(cells)} cells of bodies for {len(columns)} columns, one cell a line: "
                    "the first is the first column's, the others keep no part",
                    Span(start=cells[0].start, end=cells[-1].end),
                )
            )
        return tuple(found)


def _column_kind(folded: Folded, column: Column, start: int, end: int) -> Kind:
    text = _squeezed(folded, start, end)
    if _EMPTY.fullmatch(text):
        return "empty"
    if column.kind == "units":
        return "units"
    if column.kind == "number":
        return "number" if _NUMBER.fullmatch(text) else "text"
    return column.kind


def _joined(
    folded: Folded, cells: list[_Cell], is_units: Callable[[int, int], bool]
) -> list[_Cell]:
    """Cells with a list of bodies wrapped after its separator, or a name wrapped mid-word,
    read whole."""
    out: list[_Cell] = []
    for cell in cells:
        if out and cell.column is None and out[-1].column is None:
            last = out[-1]
            ends_open = folded[trim(folded, last.start, last.end)[1] - 1] in _OPEN_LIST
            if last.kind == "units" and cell.kind == "units" and ends_open:
                out[-1] = _Cell(last.start, cell.end, "units")
                continue
            if (
                last.kind == "text"
                and cell.kind in ("text", "units")
                and cell.end - cell.start <= _WRAPPED_TAIL_MAX
                and "\n" not in folded[last.start : last.end]
                and not is_units(cell.start, cell.end)
                and is_units(last.start, cell.end)
            ):
                out[-1] = _Cell(last.start, cell.end, "units")
                continue
        out.append(cell)
    return out


def _rows(folded: Folded, cells: list[_Cell], text_first: bool) -> list[list[_Cell]]:
    """The cells cut into rows, each opened by its number cell; cells before the first are
    no row (a caption, a group heading without a number).

    A number followed by another number, or by bodies where the header has
    text columns before its columns of bodies (*text_first*), is a count.
    """
    rows: list[list[_Cell]] = []
    last: dict[str, int] = {}
    previous_style: str | None = None
    for index, cell in enumerate(cells):
        opens = False
        if cell.kind == "number":
            m = _NUMBER.fullmatch(_squeezed(folded, cell.start, cell.end))
            value = None if m is None else _number_value(m)
            following = cells[index + 1] if index + 1 < len(cells) else None
            counted = following is not None and (
                following.kind == "number" or (text_first and following.kind == "units")
            )
            if value is not None and not counted:
                style, number = value
                opens = _continues(last.get(style), number, previous_style not in (None, style))
                if opens:
                    last[style] = number
                    previous_style = style
        if opens:
            rows.append([cell])
        elif rows:
            rows[-1].append(cell if cell.kind != "number" else attrs.evolve(cell, kind="text"))
    return rows


def _continues(last: int | None, value: int, after_other_level: bool) -> bool:
    """Whether a row numbered *value* follows one numbered *last* in the same style."""
    if last is not None and value == last + 1:
        return True
    if value == 1:
        return last is None or after_other_level
    return last is None and after_other_level


def _sub_rows(cells: list[_Cell], after_units: int) -> list[list[_Cell]]:
    """A row's cells cut where cells after its bodies are followed by bodies of their own.

    The first *after_units* cells after a run of bodies fill the columns that
    follow the columns of bodies (参考文件, 完成时限); the next sub-row starts
    after them.  Cells after the last bodies belong to the last sub-row.
    """
    runs: list[tuple[int, int]] = []
    for index, cell in enumerate(cells):
        if cell.kind not in ("units", "empty"):
            continue
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    bounds = [0]
    for (_, previous_end), (start, _) in pairwise(runs):
        bounds.append(min(previous_end + after_units, start))
    bounds.append(len(cells))
    return [cells[a:b] for a, b in pairwise(bounds)]


def _shared_captions(groups: list[list[_Cell]]) -> list[Range]:
    """The first sub-row's leading captions that later sub-rows share (merged cells)."""
    if len(groups) < 2:
        return []
    first = [c for c in groups[0] if c.kind == "text"]
    own = min(sum(c.kind == "text" for c in g) for g in groups[1:])
    return [(c.start, c.end) for c in first[: max(0, len(first) - own)]]


def _is_group_heading(folded: Folded, cells: list[_Cell]) -> bool:
    """A caption without bodies: one cell, or one printed down a merged cell a character a line."""
    if any(c.kind == "deadline" for c in cells):
        return False
    # (A number that opens no row, printed again on a new page, is no caption.)
    texts = [_squeezed(folded, c.start, c.end) for c in cells]
    texts = [t for t in texts if not _NUMBER.fullmatch(t)]
    return len(texts) <= 1 or all(len(_NOT_WORD.sub("", t)) <= 1 for t in texts)
