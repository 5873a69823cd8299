"""The catalogue of diagnostic codes: every code a stage reports, its severity and meaning.

Stages report by name (``NUMBERING_GAP.at(message, span)``), never by a code
written out, so a code cannot be misspelt, reported with another severity in
another place, or left out of the documentation: ``docs/diagnostics.md``
holds :func:`markdown_table` (a test keeps the two equal; run
``python -m shpolicy.diagnostics`` to print the table).

Codes are stable: a code is never renamed or reused with another meaning.
"""

from __future__ import annotations

import sys
from typing import Final, Literal, get_args

import attrs

from .model import Diagnostic, Severity, Span

__all__ = [
    "CATALOGUE",
    "EMPTY_RESPONSIBILITY_CLAUSE",
    "ITEMS_RUN_TOGETHER",
    "NOTICE_TEXT",
    "NOT_SHANGHAI",
    "NO_MEASURES",
    "NO_TITLE",
    "NUMBERING_CONTINUES",
    "NUMBERING_GAP",
    "NUMBERING_OUT_OF_ORDER",
    "NUMBERING_RESTART",
    "NUMBERING_STYLE_CHANGE",
    "PAGE_METADATA",
    "TABLE_OF_CONTENTS",
    "TASK_ROW_INCOMPLETE",
    "TASK_TABLE_UNREAD",
    "TASK_UNITS_AMBIGUOUS",
    "UNKNOWN_UNIT",
    "UNPLACED_TEXT",
    "VALIDITY_END_COMPUTED",
    "VALIDITY_END_UNKNOWN",
    "VALIDITY_START_COMPUTED",
    "VALIDITY_START_UNKNOWN",
    "Code",
    "DiagnosticKind",
    "markdown_table",
]

#: Every diagnostic code of the catalogue, kebab-case and stable.
Code = Literal[
    "no-title",
    "notice-text",
    "no-measures",
    "table-of-contents",
    "numbering-gap",
    "numbering-continues",
    "numbering-restart",
    "numbering-out-of-order",
    "numbering-style-change",
    "items-run-together",
    "unknown-unit",
    "empty-responsibility-clause",
    "task-row-incomplete",
    "task-units-ambiguous",
    "task-table-unread",
    "validity-start-computed",
    "validity-start-unknown",
    "validity-end-unknown",
    "validity-end-computed",
    "unplaced-text",
    "page-metadata",
    "not-shanghai",
]


@attrs.frozen(kw_only=True, slots=True)
class DiagnosticKind:
    """One entry of the catalogue: a code, the severity it is always reported with, its meaning."""

    #: The stable code (``"numbering-gap"``).
    code: Code
    #: The severity every diagnostic of this kind has.
    severity: Severity
    #: What the code means, in one line of Markdown, as docs/diagnostics.md shows it.
    meaning: str

    def at(self, message: str, span: Span | None) -> Diagnostic:
        """A diagnostic of this kind about ``span`` (``None``: the whole document)."""
        return Diagnostic(code=self.code, severity=self.severity, message=message, span=span)


NO_TITLE: Final = DiagnosticKind(
    code="no-title",
    severity="info",
    meaning="The text has no title of its own (it opens with its date and number, or only a "
    "website banner precedes the preamble). `Policy.title` is `None`.",
)
NOTICE_TEXT: Final = DiagnosticKind(
    code="notice-text",
    severity="info",
    meaning='A notice wraps the policy ("Notice of the General Office … on Issuing the …", '
    '"关于印发《…》的通知"); its body text is not the policy\'s preamble. The span covers it.',
)
NO_MEASURES: Final = DiagnosticKind(
    code="no-measures",
    severity="warning",
    meaning="No numbered item was found; the whole body is kept as the preamble.",
)
TABLE_OF_CONTENTS: Final = DiagnosticKind(
    code="table-of-contents",
    severity="info",
    meaning="A table of contents (a 目录 / Contents line, or a run of bare headings printed "
    "again below) stands before the body; its headings are set aside, not read as structure.",
)
NUMBERING_GAP: Final = DiagnosticKind(
    code="numbering-gap",
    severity="warning",
    meaning="A number is skipped at some level (chapter III is followed by V: a missing "
    "heading). The items stay under the last printed heading.",
)
NUMBERING_CONTINUES: Final = DiagnosticKind(
    code="numbering-continues",
    severity="info",
    meaning="A group's first item continues the numbering of the previous group (chapter II "
    "starts at 6 after chapter I ended at 5) instead of restarting at 1.",
)
NUMBERING_RESTART: Final = DiagnosticKind(
    code="numbering-restart",
    severity="info",
    meaning="The numbering of a level starts again at 1: among siblings, or under a new group "
    "after running past 1 under an earlier one.",
)
NUMBERING_OUT_OF_ORDER: Final = DiagnosticKind(
    code="numbering-out-of-order",
    severity="warning",
    meaning="An item's number is lower than its predecessor's (and not 1).",
)
NUMBERING_STYLE_CHANGE: Final = DiagnosticKind(
    code="numbering-style-change",
    severity="info",
    meaning="One level changes numeral system mid-sequence (`(XII)` then `(13)`); it is read "
    "as the same level because the sequence continues.",
)
ITEMS_RUN_TOGETHER: Final = DiagnosticKind(
    code="items-run-together",
    severity="info",
    meaning="A numbered item starts inside the line of the previous one (measures printed on "
    "one line); the line is split there.",
)
UNKNOWN_UNIT: Final = DiagnosticKind(
    code="unknown-unit",
    severity="info",
    meaning="A responsible unit or issuer is not in the bundled registry of Shanghai bodies; "
    'its `unit_id` is `None`. Collective entries ("relevant district governments", '
    '"相关区政府") are not reported.',
)
EMPTY_RESPONSIBILITY_CLAUSE: Final = DiagnosticKind(
    code="empty-responsibility-clause",
    severity="warning",
    meaning='A responsibility label ("责任单位：") is followed by no unit.',
)
TASK_ROW_INCOMPLETE: Final = DiagnosticKind(
    code="task-row-incomplete",
    severity="warning",
    meaning="A row of a task table (序号 / 任务 / 牵头单位 / 配合单位 …) names no body in its "
    "columns of bodies: the table is cut off there, or its cells could not be told apart. "
    "The row is kept as a task without units; the span covers it.",
)
TASK_UNITS_AMBIGUOUS: Final = DiagnosticKind(
    code="task-units-ambiguous",
    severity="info",
    meaning="A task table flattened one cell per line prints more cells of bodies in a row "
    "than it has columns of bodies (责任单位, 配合单位), so which column each belongs to is "
    "not printed: the first is the first column's, the others keep no role.",
)
TASK_TABLE_UNREAD: Final = DiagnosticKind(
    code="task-table-unread",
    severity="warning",
    meaning="A task table's header (序号 and a column of bodies) is followed by no row that "
    "could be read; its lines stay in the annex, and no task is made of them.",
)
VALIDITY_START_COMPUTED: Final = DiagnosticKind(
    code="validity-start-computed",
    severity="info",
    meaning='The validity clause counts from the document\'s issue ("自印发之日起", "from the '
    'date of issuance") or publication ("自发布之日起"); the start is that date as the text '
    "prints it (the notice's date, else the date of issue; the date of publication), or N days "
    'or months after it ("自印发之日起30日后施行"). See [Validity](validity.md).',
)
VALIDITY_START_UNKNOWN: Final = DiagnosticKind(
    code="validity-start-unknown",
    severity="info",
    meaning='The policy takes effect some time after its issue or publication ("自发布之日起30日后'
    '施行"), which the text does not date, so the start is unknown.',
)
VALIDITY_END_UNKNOWN: Final = DiagnosticKind(
    code="validity-end-unknown",
    severity="info",
    meaning='The validity clause gives a period ("有效期5年") but no start date to count '
    "from, so the end date is unknown.",
)
VALIDITY_END_COMPUTED: Final = DiagnosticKind(
    code="validity-end-computed",
    severity="info",
    meaning="The validity clause gives a period counted from the document's issue or "
    'publication ("自印发之日起施行，有效期3年"); the end is the day before the same date N '
    "years after that start (2025-06-14 to 2028-06-13).",
)
UNPLACED_TEXT: Final = DiagnosticKind(
    code="unplaced-text",
    severity="warning",
    meaning="Text the parser could not place: unnumbered text between top-level items that "
    "belongs to no section (kept in `Policy.closing`), or a stretch no part of the layout "
    "covers (an `unplaced` block of `Policy.layout`). Nothing is dropped; the span covers it.",
)

PAGE_METADATA: Final = DiagnosticKind(
    code="page-metadata",
    severity="info",
    meaning="A web page's metadata table (索引号, 发布机构, 发文字号, 成文日期, 发布日期; "
    '"Issued by", "Release date") stands outside the policy\'s text. Each field is listed with '
    "the model field it filled (`doc_number`, `issuers`, `issued`, `published`: only where the "
    'text gave none) or "not used". No span: the table is not part of the parsed text.',
)

NOT_SHANGHAI: Final = DiagnosticKind(
    code="not-shanghai",
    severity="warning",
    meaning="The document is another place's (广州市人民政府办公厅, 穗府办, a county-level city, "
    "a provincial party committee …) or nothing places it in Shanghai: `Policy.jurisdiction` is "
    "`None`, no name is resolved to a Shanghai body, and its Akoma Ntoso URIs say `cn`, not "
    "`cn-sh`. The message gives the evidence.",
)

CATALOGUE: Final[tuple[DiagnosticKind, ...]] = (
    NO_TITLE,
    NOTICE_TEXT,
    NO_MEASURES,
    TABLE_OF_CONTENTS,
    NUMBERING_GAP,
    NUMBERING_CONTINUES,
    NUMBERING_RESTART,
    NUMBERING_OUT_OF_ORDER,
    NUMBERING_STYLE_CHANGE,
    ITEMS_RUN_TOGETHER,
    UNKNOWN_UNIT,
    EMPTY_RESPONSIBILITY_CLAUSE,
    TASK_ROW_INCOMPLETE,
    TASK_UNITS_AMBIGUOUS,
    TASK_TABLE_UNREAD,
    VALIDITY_START_COMPUTED,
    VALIDITY_START_UNKNOWN,
    VALIDITY_END_UNKNOWN,
    VALIDITY_END_COMPUTED,
    UNPLACED_TEXT,
    PAGE_METADATA,
    NOT_SHANGHAI,
)
"""Every kind, in the order docs/diagnostics.md lists them; one entry per :data:`Code`."""

CODES: Final[tuple[Code, ...]] = get_args(Code)


def markdown_table() -> str:
    """The catalogue as the Markdown table of docs/diagnostics.md."""
    rows = ["| code | severity | meaning |", "| --- | --- | --- |"]
    rows.extend(f"| `{k.code}` | {k.severity} | {k.meaning} |" for k in CATALOGUE)
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown_table())
