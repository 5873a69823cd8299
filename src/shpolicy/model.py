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

#: How a target's value compares: ``"="``, ``">"``, ``">="``, ``"<"``, ``"<="``. Chinese 以上 / 以下
#: / 以内 include the number (``">="`` / ``"<="``, PRC Civil Code art. 1259) where English "more
#: than" excludes it (``">"``).
Comparator = Literal["=", ">", ">=", "<", "<="]
#: How much a diagnostic matters: ``"info"`` (worth knowing), ``"warning"`` (the parser may have
#: misread the text), ``"error"``.
Severity = Literal["info", "warning", "error"]
#: A body's part in a responsibility clause: ``"lead"`` (牵头单位, "Lead unit") or ``"cooperating"``
#: (配合单位, "cooperating units").
Role = Literal["lead", "cooperating"]
#: The language of a document: ``"zh"`` for the Chinese original, ``"en"`` for an English
#: translation.
Language = Literal["en", "zh"]
#: Whose document it is: ``"cn-sh"`` for the municipality of Shanghai, ``"cn-sh-<district>"`` for
#: one of its sixteen districts (``"cn-sh-qingpu"``).
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
#: What a part of the printed text is, in reading order: see :class:`Block`.
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

#: The values of :data:`Comparator`, in order.
COMPARATORS: Final[tuple[Comparator, ...]] = get_args(Comparator)
#: The values of :data:`Severity`, from the least to the most serious.
SEVERITIES: Final[tuple[Severity, ...]] = get_args(Severity)
#: The values of :data:`Role`.
ROLES: Final[tuple[Role, ...]] = get_args(Role)
#: The values of :data:`Language`.
LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)
#: The values of :data:`Jurisdiction`: the municipality first, then the districts.
JURISDICTIONS: Final[tuple[Jurisdiction, ...]] = get_args(Jurisdiction)
#: The values of :data:`BlockKind`, in reading order.
BLOCK_KINDS: Final[tuple[BlockKind, ...]] = get_args(BlockKind)
#: The sixteen districts of Shanghai as jurisdiction codes and registry ids write them
#: (``"huangpu"`` … ``"chongming"``).
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

    #: Offset of the first character, counted in characters (not bytes) from the start of
    #: :attr:`Policy.text`.
    start: int = attrs.field(validator=_non_negative)
    #: Offset just past the last character: ``text[span.start:span.end]`` is the element's source.
    end: int = attrs.field(validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValueError(f"Span end {self.end} is before its start {self.start}")


@attrs.frozen(kw_only=True, slots=True)
class Diagnostic:
    """Something the parser noticed: a numbering gap, a missing title, an unknown unit..."""

    #: The stable kebab-case code of the catalogue (``"numbering-gap"``): see
    #: :mod:`shpolicy.diagnostics`.
    code: str
    #: ``"info"``, ``"warning"`` or ``"error"``; always the one the catalogue gives the code.
    severity: Severity = attrs.field(validator=_one_of(SEVERITIES))
    #: What was noticed, in English, naming what the text prints ("numbering jumps from 三 to 五").
    message: str
    #: The text the diagnostic is about; ``None`` when it concerns the whole document or text
    #: outside it (a web page's metadata table).
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

    #: What this part of the text is (:data:`BlockKind`).
    kind: BlockKind = attrs.field(validator=_one_of(BLOCK_KINDS))
    #: Where it is in :attr:`Policy.text`.
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class Reference:
    """An instrument the policy says it implements, by its quoted title."""

    #: The instrument's title as quoted, without its book-title marks: 《上海市优化营商环境条例》
    #: gives ``"上海市优化营商环境条例"``, "the *Opinions on …*" the English title.
    title: str
    #: Where the title is quoted.
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class ResponsibleUnit:
    """A body named in a responsibility clause, a header or a signature block.

    ``role`` is ``"lead"`` or ``"cooperating"`` where the clause distinguishes
    them (牵头单位 / 配合单位, "Lead unit" / "cooperating units"), else ``None``.
    """

    #: The body's name as written, minus a leading "the" (``"市商务委"``, ``"Municipal Commission of
    #: Commerce"``).
    name: str
    #: The body's id in the bundled registry (``"municipal-commerce-commission"``); ``None`` for an
    #: unknown name or a collective one ("relevant district governments", 各街镇). In a district's
    #: document 区X resolves to that district's body.
    unit_id: str | None = None
    #: ``"lead"`` or ``"cooperating"`` where the clause says which, else ``None``.
    role: Role | None = attrs.field(default=None, validator=_optional_one_of(ROLES))
    #: Where the name is written; ``None`` for a body that was not read from a span of the text.
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

    #: The phrase as written (``"5万家以上"``, ``"more than 50,000"``).
    text: str
    #: The number, normalised exactly: ``"50,000"``, ``"5万"`` → 50000; ``"200万元"`` → 2000000;
    #: ``"US$260 billion"`` → 260000000000; ``"50%"`` → 50.
    value: Decimal = attrs.field(validator=_finite)
    #: What is counted or measured: an ISO 4217 code for money (``"CNY"`` for 元, yuan, RMB;
    #: ``"USD"`` for US$), ``"percent"``, ``"percentage points"``, else the counted noun or measure
    #: word as written (``"家"``, ``"个"``, ``"enterprises"``); ``""`` when the text names none.
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
    #: Where the phrase is written.
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
    #: The validity clause as written (``"本办法自2024年1月1日起施行，有效期至2028年12月31日。"``,
    #: "These Measures shall be valid for five years.").
    text: str = ""
    #: Where the clause is written; ``None`` when the period was not read from the text.
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

    #: The number as printed, punctuation included: ``"1."``, ``"1．"``, ``"(13)"``, ``"（十三）"``,
    #: ``"(XIII)"``.
    label: str
    #: The number's value (``"(XIII)"`` → 13, ``"（十三）"`` → 13).
    ordinal: int
    #: The lead sentence up to its first full stop (。 or "."), without the stop: 加强统筹协调 in
    #: 1.加强统筹协调。…; "Strengthen coordination" in "1. Strengthen coordination. …".
    title: str
    #: The whole measure, title included, its responsibility clause excluded.
    text: str
    #: The label of its responsibility clause as printed: ``"责任单位"``, ``"牵头单位"``, ``"Units
    #: responsible for implementation"``; ``None`` without a clause.
    responsible_label: str | None = None
    #: The bodies its clause names, in printed order.
    responsible_units: tuple[ResponsibleUnit, ...] = ()
    #: The responsibility clause as printed, label and brackets included; ``None`` without one.
    responsible_span: Span | None = None
    #: The quantitative targets stated in the measure.
    targets: tuple[Target, ...] = ()
    #: The measure as printed, from its number to its last line.
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class Section:
    """A chapter, group or any deeper division holding measures or further sections."""

    #: The bare numeral as printed: ``"一"``, ``"I"``, ``"IV"``, ``"2"``.
    num: str
    #: The number as printed, punctuation included: ``"一、"``, ``"（一）"``, ``"I."``, ``"(I)"``,
    #: ``"第一章"``.
    label: str
    #: The numeral's value (``"四"`` → 4, ``"IV"`` → 4).
    ordinal: int
    #: The heading after the number (总体要求, "General Requirements"); ``""`` when only a number is
    #: printed.
    heading: str
    #: Unnumbered text directly under the heading (before, between or without numbered items);
    #: ``""`` when none.
    text: str = ""
    #: The divisions directly below this one.
    sections: tuple[Section, ...] = ()
    #: The measures directly below this section (not inside one of its divisions).
    measures: tuple[Measure, ...] = ()
    #: The label of a responsibility clause printed for the whole section, as on
    #: :attr:`Measure.responsible_label`.
    responsible_label: str | None = None
    #: The bodies that clause names, in printed order.
    responsible_units: tuple[ResponsibleUnit, ...] = ()
    #: That clause as printed; ``None`` without one.
    responsible_span: Span | None = None
    #: Quantitative targets in the section's own text (its heading or unnumbered text), not its
    #: measures'.
    targets: tuple[Target, ...] = ()
    #: The section as printed, from its number to the end of its last item.
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

    #: The row's or item's number as printed (``"1"``, ``"（一）"``), ``None`` when it has none.
    number: str | None = None
    #: The task's other cells as written, one per line.
    text: str
    #: The bodies it names, each with the role of its column or label (牵头 lead, 配合 cooperating).
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
    #: Where the task's row or item stands in :attr:`Policy.text`.
    span: Span


@attrs.frozen(kw_only=True, slots=True)
class Notice:
    """The notice of issuance or transmission that wraps a policy.

    Chinese: 关于印发《…》的通知 / 关于转发…的通知, its addressees
    (各区人民政府，市政府各委、办、局：), a short body (现将《…》印发给你们，请认真按照执行。),
    signatories and a date.  English: "Notice of the General Office … on Issuing the …",
    "To the people's governments of all districts …".
    """

    #: The notice's title as printed: ``"上海市人民政府办公厅关于印发《…》的通知"``, "Notice of the
    #: General Office of Shanghai Municipal People's Government on Issuing the …".
    title: str
    #: The line it is addressed to (各区人民政府，市政府各委、办、局：; "To the people's governments
    #: of all districts …"); ``None`` when none is printed.
    addressees: str | None = None
    #: The notice's body (现将《…》印发给你们，请认真按照执行。).
    text: str = ""
    #: Its signatories: the bodies that issue or transmit the policy.
    issuers: tuple[ResponsibleUnit, ...] = ()
    #: The date printed under its signatures.
    date: dt.date | None = None
    #: The notice as printed, title to date.
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

    #: The policy's own title as written; with a notice of issuance, the inner document's (taken
    #: from the notice's 《…》 when the policy does not repeat it); ``None`` when the text has no
    #: title (never a website banner).
    title: str | None = None
    #: The notice of issuance or transmission that wraps the policy, when there is one.
    notice: Notice | None = None
    #: ``"cn-sh"`` for a municipal document, ``"cn-sh-<district>"`` for a district's; ``None`` when
    #: the document is not Shanghai's or cannot be placed.
    jurisdiction: Jurisdiction | None = attrs.field(
        default=None, validator=_optional_one_of(JURISDICTIONS)
    )
    #: ``"zh"`` or ``"en"``.
    language: Language = attrs.field(default="en", validator=_one_of(LANGUAGES))
    #: The document number as printed: ``"沪府办规〔2025〕5号"``, ``"SMPG GO [2023] No. 12"``.
    doc_number: str | None = None
    #: The date of issue (成文日期): the date printed in the header or under the signatures.
    issued: dt.date | None = None
    #: The date of publication (发布日期), where the text or its web page gives one.
    published: dt.date | None = None
    #: The issuing bodies, each separately, from the header or the signatures; with a notice, its
    #: signatories.
    issuers: tuple[ResponsibleUnit, ...] = ()
    #: The bodies a notice of transmission names as the policy's drafters
    #: (转发区建设管理委制订的《…》), apart from its issuers.
    drafters: tuple[ResponsibleUnit, ...] = ()
    #: When the policy takes effect and expires, from its validity clause.
    validity: ValidityPeriod | None = None
    #: The instruments the preamble says the policy implements (为贯彻落实《…》).
    implements: tuple[Reference, ...] = ()
    #: The text between the title and the first numbered item.
    preamble: str = ""
    #: The top-level divisions (一、, 第一章, I.).
    sections: tuple[Section, ...] = ()
    #: The measures not inside any section; a document without chapters has all its measures here.
    measures: tuple[Measure, ...] = ()
    #: Quantitative targets stated in the preamble or the closing text (a section's or measure's own
    #: are on it).
    targets: tuple[Target, ...] = ()
    #: Text after the last measure that is neither the validity clause nor signatures; ``None`` when
    #: there is none.
    closing: str | None = None
    #: The tasks of its annexes (a 重点任务分工表, a division of labour, a list of duties),
    #: each linked to the measure it restates where one is found (:class:`Task`).
    tasks: tuple[Task, ...] = ()
    #: What the parser noticed, in document order: see :mod:`shpolicy.diagnostics`.
    diagnostics: tuple[Diagnostic, ...] = ()
    #: The name of the file or page it was parsed from, as given to the parser.
    source: str | None = None
    #: What each part of :attr:`text` is, in reading order (:class:`Block`); the blocks cover every
    #: character but the blanks between them.
    layout: tuple[Block, ...] = ()
    #: The whole text that was parsed: every :class:`Span` in the policy indexes it.
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
