"""The typed object model of a policy document.

Every class is a frozen, slotted, keyword-only attrs class with value equality.
Offsets in :class:`Span` index the text that was parsed.  Dates are
:class:`datetime.date`, amounts :class:`decimal.Decimal`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Final, Literal, get_args

import attrs

from .errors import InvalidValueError

__all__ = [
    "BLOCK_KINDS",
    "COMPARATORS",
    "DISTRICTS",
    "JURISDICTIONS",
    "LANGUAGES",
    "ROLES",
    "SEVERITIES",
    "Block",
    "BlockKind",
    "Comparator",
    "Diagnostic",
    "Jurisdiction",
    "Language",
    "Measure",
    "Notice",
    "Policy",
    "Reference",
    "ResponsibleUnit",
    "Role",
    "Section",
    "Severity",
    "Span",
    "Target",
    "Task",
    "ValidityPeriod",
]

# The closed sets of the model.  The Literal is the one place a set is written;
# the tuples (for validators, the JSON Schema and tests) are read from it.
Comparator = Literal["=", ">", ">=", "<", "<="]
Severity = Literal["info", "warning", "error"]
Role = Literal["lead", "cooperating"]
Language = Literal["en", "zh"]
# "cn-sh" for the municipality, "cn-sh-<district>" for each of its sixteen districts.
Jurisdiction = Literal[
    "cn-sh",
    "cn-sh-huangpu",
    "cn-sh-xuhui",
    "cn-sh-changning",
    "cn-sh-jingan",
    "cn-sh-putuo",
    "cn-sh-hongkou",
    "cn-sh-yangpu",
    "cn-sh-minhang",
    "cn-sh-baoshan",
    "cn-sh-jiading",
    "cn-sh-pudong",
    "cn-sh-jinshan",
    "cn-sh-songjiang",
    "cn-sh-qingpu",
    "cn-sh-fengxian",
    "cn-sh-chongming",
]
# What each part of the printed text is, in reading order (see Block).
BlockKind = Literal[
    "furniture",
    "masthead",
    "notice-title",
    "notice-number",
    "addressees",
    "notice-text",
    "notice-signature",
    "notice-date",
    "title",
    "subtitle",
    "doc-number",
    "issuer",
    "date",
    "field",
    "contents",
    "preamble",
    "body",
    "closing",
    "validity",
    "signature",
    "signature-date",
    "annex",
    "unplaced",
]

COMPARATORS: Final[tuple[Comparator, ...]] = get_args(Comparator)
SEVERITIES: Final[tuple[Severity, ...]] = get_args(Severity)
ROLES: Final[tuple[Role, ...]] = get_args(Role)
LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)
JURISDICTIONS: Final[tuple[Jurisdiction, ...]] = get_args(Jurisdiction)
BLOCK_KINDS: Final[tuple[BlockKind, ...]] = get_args(BlockKind)
# The sixteen districts of Shanghai, as they appear in jurisdiction codes.
DISTRICTS: Final = tuple(code.removeprefix("cn-sh-") for code in JURISDICTIONS[1:])


def _one_of(choices: tuple[str, ...]) -> Any:
    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value not in choices:
            raise InvalidValueError(
                f"{type(inst).__name__}.{attribute.name} must be one of {choices!r}, not {value!r}"
            )

    return check


def _optional_one_of(choices: tuple[str, ...]) -> Any:
    inner = _one_of(choices)

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(inst, attribute, value)

    return check


def _non_negative(inst: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if value < 0:
        raise InvalidValueError(f"{type(inst).__name__}.{attribute.name} must be >= 0, not {value}")


def _finite(inst: object, attribute: attrs.Attribute[Any], value: Decimal) -> None:
    if not value.is_finite():
        raise InvalidValueError(
            f"{type(inst).__name__}.{attribute.name} must be finite, not {value}"
        )


@attrs.frozen(kw_only=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into the parsed text."""

    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValueError(f"Span end {self.end} is before its start {self.start}")


@attrs.frozen(kw_only=True, slots=True)
class Diagnostic:
    """Something the parser noticed: a numbering gap, a missing title, an unknown unit..."""

    code: str
    severity: Severity = attrs.field(validator=_one_of(SEVERITIES))
    message: str
    span: Span | None = None


@attrs.frozen(kw_only=True, slots=True)
class Block:
    """One part of the printed document and what it is.

    A parsed policy's blocks follow each other in reading order and together
    cover every character of its text but blanks between them, so nothing is
    left out of the archive: ``"furniture"`` is website furniture kept as
    printed (navigation, share bar, footer); ``"masthead"`` the issuer's heading
    printed above a document (上海市人民政府办公厅文件); ``"notice-…"`` and
    ``"addressees"`` the notice of issuance; ``"title"`` … ``"contents"`` the
    policy's header; ``"body"`` its numbered sections and measures;
    ``"closing"`` … ``"signature-date"`` what follows them; ``"annex"`` an
    appended table or list; ``"unplaced"`` text the parser could not place
    (reported as ``unplaced-text``).
    """

    kind: BlockKind = attrs.field(validator=_one_of(BLOCK_KINDS))
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class Reference:
    """An instrument the policy says it implements, by its quoted title."""

    title: str
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class ResponsibleUnit:
    """A body named in a responsibility clause, a header or a signature block.

    ``role`` is ``"lead"`` or ``"cooperating"`` where the clause distinguishes
    them (牵头单位 / 配合单位, "Lead unit" / "cooperating units"), else ``None``.
    """

    name: str
    unit_id: str | None = None
    role: Role | None = attrs.field(default=None, validator=_optional_one_of(ROLES))
    span: Span | None = None


@attrs.frozen(kw_only=True, slots=True)
class Target:
    """A quantitative target, cap or amount, normalised exactly.

    ``comparator`` reads the words as the law does: Chinese 以上 / 以下 / 以内 /
    届满 include the number (">=" / "<=", PRC Civil Code art. 1259), 超过 / 不满 /
    以外 exclude it; a range ("20%—30%", "3至5个") is ">=" its lower end and "<="
    its upper end.  A count naming the scope of a commitment ("等4个新城", "all
    16 districts") is no target.  ``deadline_year`` is the deadline of the
    target's own clause or sentence; a threshold of eligibility ("enterprises
    with an annual revenue of over 1 billion yuan") has none.  docs/targets.md
    gives the whole table.
    """

    text: str
    value: Decimal = attrs.field(validator=_finite)
    unit: str
    comparator: Comparator = attrs.field(
        default="=",
        validator=_one_of(COMPARATORS),
        metadata={
            "description": "How the value compares, as the law reads the words: 以上, 以下, "
            "以内, 及以上, 届满 include the number ('>=', '<=', PRC Civil Code art. 1259); "
            "超过, 高于, 多于, 'more than', 'over', 'exceeding', 'above' are '>'; 不满, 低于, "
            "少于, 不足, 'less than', 'below', 'under' are '<'; 不少于, 不低于, 至少, 'at "
            "least', 'no less than', 'a minimum of' are '>='; 不超过, 不高于, 最高, 最多, 上限, "
            "'up to', 'no more than', 'not exceeding', 'a maximum of', 'at most' are '<='; a "
            "range is '>=' its lower end and '<=' its upper end; a bare figure is '='."
        },
    )
    deadline_year: int | None = attrs.field(
        default=None,
        metadata={
            "description": "The deadline year of the target's own clause or sentence "
            "('到2025年底，A；到2030年底，B'); null for a threshold of eligibility "
            "('enterprises with an annual revenue of over 1 billion yuan') and when none "
            "is written."
        },
    )
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class ValidityPeriod:
    """When the policy takes effect and expires; ``text`` is the clause as written.

    A clause that counts from the document's issue ("自印发之日起", "from the date
    of issuance") starts on the date of the notice that issues it, else on the
    document's date of issue; one that counts from its publication
    ("自发布之日起") on the date of publication; N days after it ("30日后施行")
    the day of the announcement is not counted (PRC Civil Code, art. 201).
    ``starts_on_announcement`` is true when that date is not in the text (and
    ``start`` is then ``None``).  A period of N years ("有效期3年") ends the day
    before the same date N years on (2025-06-14 to 2028-06-13).
    ``provisional`` says the clause or the title calls the policy 试行 (on trial)
    or 暂行 (interim).
    """

    start: dt.date | None = attrs.field(
        default=None,
        metadata={
            "description": "The first day of validity: the date the clause prints; for a "
            "clause counting from the issue ('自印发之日起', 'from the date of issuance') the "
            "date of the notice that issues the document, else its date of issue; from the "
            "publication ('自发布之日起') the date of publication; N days after it "
            "('30日后施行') that date plus N days. Null when the text does not date it."
        },
    )
    end: dt.date | None = attrs.field(
        default=None,
        metadata={
            "description": "The last day of validity: the date the clause prints, or for a "
            "period of N years ('有效期3年') the day before the same date N years after the "
            "start (2025-06-14 to 2028-06-13)."
        },
    )
    starts_on_announcement: bool = attrs.field(
        default=False,
        metadata={
            "description": "The clause counts from the document's issue or publication and "
            "the text does not print that date (start is then null)."
        },
    )
    text: str = ""
    span: Span | None = None
    provisional: bool = attrs.field(
        default=False,
        metadata={
            "description": "The clause or the title calls the policy 试行 (on trial) or 暂行 "
            "(interim)."
        },
    )

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InvalidValueError(
                f"ValidityPeriod starts {self.start.isoformat()} "
                f"after it ends {self.end.isoformat()}"
            )
        if self.starts_on_announcement and self.start is not None:
            raise InvalidValueError(
                "ValidityPeriod cannot both start on announcement and on a fixed date"
            )


@attrs.frozen(kw_only=True, slots=True)
class Measure:
    """One numbered measure (a policy's operative unit)."""

    label: str
    ordinal: int
    title: str
    text: str
    responsible_label: str | None = None
    responsible_units: tuple[ResponsibleUnit, ...] = ()
    responsible_span: Span | None = None
    targets: tuple[Target, ...] = ()
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class Section:
    """A chapter, group or any deeper division holding measures or further sections."""

    num: str
    label: str
    ordinal: int
    heading: str
    text: str = ""
    sections: tuple[Section, ...] = ()
    measures: tuple[Measure, ...] = ()
    responsible_label: str | None = None
    responsible_units: tuple[ResponsibleUnit, ...] = ()
    responsible_span: Span | None = None
    targets: tuple[Target, ...] = ()
    span: Span

    def all_measures(self) -> tuple[Measure, ...]:
        """Every measure in this section and below, in document order."""
        return _measures_in_order(self.measures, self.sections)


@attrs.frozen(kw_only=True, slots=True)
class Task:
    """One task of a division-of-labour table or list, with the bodies that carry it out.

    Annexes restate a policy's measures as tasks: a table flattened to lines
    (序号 / 任务 / 牵头单位 / 配合单位 / 完成时限, one cell per line or separated by
    tabs or spaces), numbered items each followed by 牵头单位：… / 参加单位：…
    lines, or a list of bodies each heading its duties (职责清单).  ``number`` is
    the row's or item's number as printed; ``text`` its other cells as written,
    one per line; ``units`` its bodies with the role of their column or label.
    """

    number: str | None = None
    text: str
    units: tuple[ResponsibleUnit, ...] = ()
    deadline: str | None = attrs.field(
        default=None,
        metadata={
            "description": "The task's deadline cells as written (完成时限, 时间节点: "
            "'2025年底前', '长期'), one per line; null when the table has no such column."
        },
    )
    deadline_year: int | None = attrs.field(
        default=None,
        metadata={"description": "The latest year the deadline names ('2018—2020年' → 2020)."},
    )
    measure: Span | None = attrs.field(
        default=None,
        metadata={
            "description": "The span of the measure this task restates (Policy.all_measures() "
            "holds it), matched by its title or lead sentence; null when none or several match."
        },
    )
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class Notice:
    """The notice of issuance or transmission that wraps a policy.

    Chinese: 关于印发《…》的通知 / 关于转发…的通知, its addressees
    (各区人民政府，市政府各委、办、局：), a short body (现将《…》印发给你们，请认真按照执行。),
    signatories and a date.  English: "Notice of the General Office … on Issuing the …",
    "To the people's governments of all districts …".
    """

    title: str
    addressees: str | None = None
    text: str = ""
    issuers: tuple[ResponsibleUnit, ...] = ()
    date: dt.date | None = None
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class Policy:
    """A parsed policy document.

    ``text`` is the whole text that was parsed: every :class:`Span` in the
    policy indexes it, and ``layout`` says what each part of it is.
    ``drafters`` are the bodies a notice of transmission names as the
    policy's drafters (转发区建设管理委制订的《…》), apart from its issuers.
    ``tasks`` are what its annexes assign to bodies (:class:`Task`).
    """

    title: str | None = None
    notice: Notice | None = None
    jurisdiction: Jurisdiction | None = attrs.field(
        default=None, validator=_optional_one_of(JURISDICTIONS)
    )
    language: Language = attrs.field(default="en", validator=_one_of(LANGUAGES))
    doc_number: str | None = None
    issued: dt.date | None = None
    published: dt.date | None = None
    issuers: tuple[ResponsibleUnit, ...] = ()
    drafters: tuple[ResponsibleUnit, ...] = ()
    validity: ValidityPeriod | None = None
    implements: tuple[Reference, ...] = ()
    preamble: str = ""
    sections: tuple[Section, ...] = ()
    measures: tuple[Measure, ...] = ()
    targets: tuple[Target, ...] = ()
    closing: str | None = None
    tasks: tuple[Task, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    source: str | None = None
    layout: tuple[Block, ...] = ()
    text: str = ""

    def all_measures(self) -> tuple[Measure, ...]:
        """Every measure of the document in document order."""
        return _measures_in_order(self.measures, self.sections)

    def measure_of(self, task: Task) -> Measure | None:
        """The measure *task* restates (the one at ``task.measure``), or ``None``."""
        if task.measure is None:
            return None
        return next((m for m in self.all_measures() if m.span == task.measure), None)


def _measures_in_order(
    measures: tuple[Measure, ...], sections: tuple[Section, ...]
) -> tuple[Measure, ...]:
    # Measures directly in a container and those of its sections interleave in
    # the printed text; their spans give the printed order.
    found: list[Measure] = list(measures)
    for section in sections:
        found.extend(section.all_measures())
    found.sort(key=lambda m: m.span.start)
    return tuple(found)
