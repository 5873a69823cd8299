"""The pages of a report: the index, one page per document, one page per body.

Every function returns a whole HTML document as a string.  Text from the
policies goes through :func:`~shpolicy.report.markup.esc` (directly or via
:func:`~shpolicy.report.markup.highlight`); links are built from the file
names in the :class:`~shpolicy.report.collect.Batch`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Final

from ..model import (
    Diagnostic,
    Language,
    Measure,
    Policy,
    ResponsibleUnit,
    Section,
    Target,
    ValidityPeriod,
)
from ..tables import decimal_text, outside_targets, target_rows
from .charts import Bar, Column, bar_chart, column_chart
from .collect import (
    CLOSING,
    DOCUMENT,
    NOTICE,
    PREAMBLE,
    Batch,
    Body,
    DocumentEntry,
    placed_diagnostics,
)
from .markup import esc, highlight, page, paragraphs
from .style import CSS

__all__ = ["body_page", "document_page", "index_page", "jurisdiction_label"]

#: How many bodies the responsibilities chart shows (all are listed in the table).
CHART_BODIES: Final = 15
#: How many deadline years the targets chart shows at most (the latest are dropped).
CHART_YEARS: Final = 40
_NO_YEAR: Final = "no year"
_LANGUAGES: Final[tuple[tuple[Language, str], ...]] = (("zh", "中文 · Chinese"), ("en", "English"))
_HTML_LANG: Final = {"zh": "zh-Hans", "en": "en"}
_DISTRICT_NAMES: Final = {"jingan": "Jing’an", "pudong": "Pudong New Area"}


def jurisdiction_label(code: str | None) -> str:
    """``cn-sh`` -> ``Shanghai (municipal)``, ``cn-sh-xuhui`` -> ``Xuhui District``."""
    if code is None:
        return "not placed"
    if code == "cn-sh":
        return "Shanghai (municipal)"
    district = code.removeprefix("cn-sh-")
    name = _DISTRICT_NAMES.get(district, district.capitalize())
    return name if district == "pudong" else f"{name} District"


def _title_of(entry: DocumentEntry) -> str:
    return entry.policy.title or entry.name


def _lang(policy: Policy) -> str:
    return _HTML_LANG.get(policy.language, "en")


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {plural or noun + 's'}"


# --------------------------------------------------------------------------- index


def index_page(batch: Batch) -> str:
    """``index.html``: totals, two charts, the documents by language and every body."""
    documents = batch.documents
    measures = sum(d.summary.measures for d in documents)
    targets = sum(d.summary.targets for d in documents)
    responsibilities = sum(d.summary.responsibilities for d in documents)
    by_language = Counter(d.policy.language for d in documents)
    languages = ", ".join(
        f"{by_language[code]} {'Chinese' if code == 'zh' else 'English'}"
        for code, _ in _LANGUAGES
        if by_language[code]
    )
    parts = [
        "<main>",
        "<h1>Policy report</h1>",
        f'<p class="summary">{_count(len(documents), "document")}'
        f"{f' ({languages})' if languages else ''} · {_count(measures, 'measure')} · "
        f"{_count(responsibilities, 'responsibility', 'responsibilities')} · "
        f"{_count(len(batch.bodies), 'body', 'bodies')} · {_count(targets, 'target')}</p>",
        '<div class="charts">',
        _responsibility_chart(batch),
        _deadline_chart(batch),
        "</div>",
        '<h2 id="documents">Documents</h2>',
        '<div class="langs">',
    ]
    for code, heading in _LANGUAGES:
        entries = [d for d in documents if d.policy.language == code]
        parts.append(f'<section class="lang" lang="{_HTML_LANG[code]}">')
        parts.append(f'<h3 lang="en">{esc(heading)} ({len(entries)})</h3>')
        if not entries:
            parts.append('<p class="muted" lang="en">None in this report.</p>')
        parts.extend(_document_card(entry) for entry in entries)
        parts.append("</section>")
    parts.append("</div>")
    parts.append(_bodies_table(batch))
    parts.append("</main>")
    return page(title="Policy report", body="\n".join(parts), css=CSS)


def _responsibility_chart(batch: Batch) -> str:
    shown = [b for b in batch.bodies if b.mentions][:CHART_BODIES]
    total = sum(1 for b in batch.bodies if b.mentions)
    bars = [Bar(label=b.label, href=b.file, parts=b.role_counts()) for b in shown]
    note = (
        f"The {len(shown)} bodies with the most responsibilities, of {total}."
        if total > len(shown)
        else f"All {_count(total, 'body', 'bodies')} named in a clause."
    )
    chart = (
        bar_chart(
            bars,
            title="Responsibilities per body",
            part_names=("lead", "cooperating", "role not stated"),
            part_classes=("lead", "coop", "other"),
        )
        if bars
        else '<p class="muted">No responsibility clause in these documents.</p>'
    )
    return (
        '<section class="panel" id="chart-bodies"><h2>Responsibilities per body</h2>'
        f'{chart}<p class="legend-line">{esc(note)}</p></section>'
    )


def _deadline_chart(batch: Batch) -> str:
    years: Counter[int] = Counter()
    undated = 0
    for entry in batch.documents:
        for row in target_rows(entry.policy, document=entry.name):
            if row.deadline_year is None:
                undated += 1
            else:
                years[row.deadline_year] += 1
    ordered = sorted(years)[:CHART_YEARS]
    columns = [Column(label=str(year), value=years[year]) for year in ordered]
    if undated:
        columns.append(Column(label=_NO_YEAR, value=undated))
    note = f"{_count(sum(years.values()), 'target')} with a deadline, {undated} without."
    if len(years) > len(ordered):
        note += f" The {len(ordered)} earliest years are shown."
    chart = (
        column_chart(columns, title="Targets by deadline year", css="years")
        if columns
        else '<p class="muted">No target in these documents.</p>'
    )
    return (
        '<section class="panel" id="chart-years"><h2>Targets by deadline year</h2>'
        f'{chart}<p class="legend-line">{esc(note)}</p></section>'
    )


def _document_card(entry: DocumentEntry) -> str:
    policy = entry.policy
    summary = entry.summary
    facts = [
        jurisdiction_label(policy.jurisdiction),
        policy.issued.isoformat() if policy.issued else "date unknown",
        _count(summary.measures, "measure"),
        _count(summary.bodies, "body", "bodies"),
        _count(summary.targets, "target"),
    ]
    if summary.diagnostics:
        facts.append(_count(summary.diagnostics, "diagnostic"))
    number = f'<p class="muted">{esc(policy.doc_number)}</p>' if policy.doc_number else ""
    untitled = "" if policy.title else ' <span class="muted" lang="en">(no title)</span>'
    return (
        f'<article class="card" lang="{_lang(policy)}">'
        f'<h3><a href="{esc(entry.file)}">{esc(_title_of(entry))}</a>{untitled}</h3>{number}'
        f'<ul class="facts" lang="en"><li>{esc(entry.name)}</li>'
        + "".join(f"<li>{esc(fact)}</li>" for fact in facts)
        + "</ul></article>"
    )


def _bodies_table(batch: Batch) -> str:
    rows = []
    for body in batch.bodies:
        lead, cooperating, _ = body.role_counts()
        documents = len(
            {id(m.document) for m in body.mentions} | {id(d) for d in (*body.issued, *body.drafted)}
        )
        registered = esc(body.unit_id) if body.unit_id else '<span class="muted">—</span>'
        rows.append(
            f'<tr><td><a href="{esc(body.file)}">{esc(body.label)}</a></td><td>{registered}</td>'
            f'<td class="n">{len(body.mentions)}</td><td class="n">{lead}</td>'
            f'<td class="n">{cooperating}</td><td class="n">{documents}</td></tr>'
        )
    if not rows:
        return '<h2 id="bodies">Bodies</h2><p class="muted">No body named.</p>'
    return (
        f'<h2 id="bodies">Bodies ({len(rows)})</h2><div class="scroll"><table>'
        '<thead><tr><th>Body</th><th>Registry id</th><th class="n">Responsibilities</th>'
        '<th class="n">Lead</th><th class="n">Cooperating</th><th class="n">Documents</th></tr>'
        "</thead><tbody>" + "".join(rows) + "</tbody></table></div>"
    )


# --------------------------------------------------------------------------- document


def document_page(batch: Batch, entry: DocumentEntry) -> str:
    """The policy as structured text, with clauses, bodies, targets and diagnostics marked."""
    policy = entry.policy
    diagnostics = placed_diagnostics(policy, entry.places)
    outside: dict[str, list[Target]] = {}
    for target, where in outside_targets(policy, entry.places):
        outside.setdefault(where, []).append(target)
    parts = [
        '<main><nav class="crumbs"><a href="../index.html">← All documents</a></nav>',
        f'<h1 lang="{_lang(policy)}">{esc(_title_of(entry))}</h1>',
        _header(batch, entry),
        '<p class="legend-line">Marked: <mark class="target">targets</mark>; '
        "bodies are links to their pages; diagnostics stand beside their place.</p>",
    ]
    if diagnostics.get(DOCUMENT):
        parts.append(
            '<section class="block has-diagnostics" id="about"><div class="content">'
            "<h2>About the whole document</h2></div>"
            + _diagnostics(diagnostics[DOCUMENT])
            + "</section>"
        )
    content_lang = _lang(policy)
    notice = policy.notice
    if notice is not None:
        body = [
            f'<h2 lang="en">Notice</h2><p><strong>{esc(notice.title)}</strong></p>',
            f"<p>{esc(notice.addressees)}</p>" if notice.addressees else "",
            _marked_text(notice.text, outside.get(NOTICE, ())),
            _units_line(batch, "Issued by", notice.issuers, policy.language),
            f'<p class="muted">{notice.date.isoformat()}</p>' if notice.date else "",
            _targets(outside.get(NOTICE, ())),
        ]
        parts.append(_block(NOTICE, "notice", "".join(body), diagnostics.get(NOTICE), content_lang))
    if policy.preamble.strip() or outside.get(PREAMBLE) or diagnostics.get(PREAMBLE):
        body = [
            '<h2 lang="en">Preamble</h2>',
            _marked_text(policy.preamble, outside.get(PREAMBLE, ())),
            _targets(outside.get(PREAMBLE, ())),
        ]
        parts.append(
            _block(PREAMBLE, "preamble", "".join(body), diagnostics.get(PREAMBLE), content_lang)
        )
    for place in entry.places:
        key = f"p{place.index}"
        depth = min(len(place.labels), 4)
        element = place.element
        if isinstance(element, Section):
            body_html = _section_body(batch, element, policy.language, depth)
            css = f"section depth-{depth}"
        else:
            body_html = _measure_body(batch, element, policy.language)
            css = f"measure depth-{depth}"
        parts.append(_block(key, css, body_html, diagnostics.get(key), content_lang))
    closing = policy.closing or ""
    if closing.strip() or outside.get(CLOSING) or diagnostics.get(CLOSING):
        body = [
            '<h2 lang="en">Closing</h2>',
            _marked_text(closing, outside.get(CLOSING, ())),
            _targets(outside.get(CLOSING, ())),
        ]
        parts.append(
            _block(CLOSING, "closing", "".join(body), diagnostics.get(CLOSING), content_lang)
        )
    parts.append("</main>")
    return page(title=_title_of(entry), body="\n".join(parts), css=CSS)


def _header(batch: Batch, entry: DocumentEntry) -> str:
    policy = entry.policy
    summary = entry.summary
    rows: list[tuple[str, str]] = [
        ("File", esc(entry.name)),
        ("Language", "Chinese" if policy.language == "zh" else "English"),
        ("Jurisdiction", esc(jurisdiction_label(policy.jurisdiction))),
    ]
    if policy.doc_number:
        rows.append(("Number", esc(policy.doc_number)))
    rows.append(("Issued", policy.issued.isoformat() if policy.issued else "unknown"))
    if policy.published:
        rows.append(("Published", policy.published.isoformat()))
    if policy.validity is not None:
        rows.append(("Validity", esc(_validity(policy.validity))))
    if policy.issuers:
        links = _unit_links(batch, policy.issuers, policy.language)
        rows.append(("Issuers", f'<span lang="{_lang(policy)}">{links}</span>'))
    if policy.implements:
        titles = "<br>".join(esc(r.title) for r in policy.implements)
        rows.append(("Implements", f'<span lang="{_lang(policy)}">{titles}</span>'))
    rows.append(
        (
            "Contents",
            f"{_count(summary.sections, 'section')}, {_count(summary.measures, 'measure')}, "
            f"{_count(summary.responsibilities, 'responsibility', 'responsibilities')}, "
            f"{_count(summary.targets, 'target')}, "
            f"{_count(summary.diagnostics, 'diagnostic')}",
        )
    )
    cells = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return f'<div class="panel"><dl class="header">{cells}</dl></div>'


def _validity(validity: ValidityPeriod) -> str:
    if validity.start is not None:
        start = validity.start.isoformat()
    elif validity.starts_on_announcement:
        start = "announcement"
    else:
        start = "?"
    end = validity.end.isoformat() if validity.end is not None else "?"
    return f"{start} to {end}" + (" (provisional)" if validity.provisional else "")


def _block(
    anchor: str, css: str, body: str, diagnostics: Sequence[Diagnostic] | None, lang: str
) -> str:
    tag = "article" if css.startswith("measure") else "section"
    if diagnostics:
        css += " has-diagnostics"
    aside = _diagnostics(diagnostics) if diagnostics else ""
    return (
        f'<{tag} class="block {css}" id="{esc(anchor)}" lang="{lang}">'
        f'<div class="content">{body}</div>{aside}</{tag}>'
    )


def _diagnostics(diagnostics: Sequence[Diagnostic]) -> str:
    items = "".join(
        f'<p class="diag {esc(d.severity)}"><strong>{esc(d.severity)}</strong> '
        f"<code>{esc(d.code)}</code> {esc(d.message)}</p>"
        for d in diagnostics
    )
    return f'<aside class="diagnostics" lang="en">{items}</aside>'


def _section_body(batch: Batch, section: Section, language: str, depth: int) -> str:
    level = 2 if depth == 1 else 3
    phrases = [t.text for t in sorted(section.targets, key=lambda t: t.span.start)]
    heading, remaining = highlight(section.heading, phrases)
    return (
        f'<h{level}><span class="label">{esc(section.label)}</span> {heading}</h{level}>'
        + paragraphs(section.text, marks=remaining)
        + _clause(batch, section.responsible_label, section.responsible_units, language)
        + _targets(section.targets)
    )


def _measure_body(batch: Batch, measure: Measure, language: str) -> str:
    phrases = [t.text for t in sorted(measure.targets, key=lambda t: t.span.start)]
    title, remaining = highlight(measure.title, phrases)
    text = measure.text
    if measure.title and text.startswith(measure.title):
        # The title is the lead sentence; the rest follows its full stop.
        text = text[len(measure.title) :].lstrip().removeprefix("。").removeprefix(".")
    return (
        f'<h3><span class="label">{esc(measure.label)}</span> {title}</h3>'
        + paragraphs(text, marks=remaining)
        + _clause(batch, measure.responsible_label, measure.responsible_units, language)
        + _targets(measure.targets)
    )


def _marked_text(text: str, targets: Iterable[Target]) -> str:
    phrases = [t.text for t in sorted(targets, key=lambda t: t.span.start)]
    return paragraphs(text, marks=phrases)


def _clause(
    batch: Batch, label: str | None, units: Sequence[ResponsibleUnit], language: str
) -> str:
    if not units:
        return ""
    name = esc(label) if label else "Responsible"
    colon = "：" if language == "zh" else ":"
    return (
        f'<p class="clause"><span class="who">{name}{colon}</span>'
        f"{_unit_links(batch, units, language)}</p>"
    )


def _units_line(batch: Batch, name: str, units: Sequence[ResponsibleUnit], language: str) -> str:
    if not units:
        return ""
    return (
        f'<p class="clause"><span class="who" lang="en">{esc(name)}:</span>'
        f"{_unit_links(batch, units, language)}</p>"
    )


def _unit_links(batch: Batch, units: Sequence[ResponsibleUnit], language: str) -> str:
    separator = "、" if language == "zh" else ", "
    links = []
    for unit in units:
        role = f'<span class="role" lang="en">({esc(unit.role)})</span>' if unit.role else ""
        href = "../" + batch.body_file_of(unit)
        links.append(f'<a class="body" href="{esc(href)}">{esc(unit.name)}</a>{role}')
    return separator.join(links)


def _targets(targets: Iterable[Target]) -> str:
    items = []
    for target in sorted(targets, key=lambda t: t.span.start):
        comparator = "" if target.comparator == "=" else f"{target.comparator} "
        year = f", by {target.deadline_year}" if target.deadline_year is not None else ""
        items.append(
            f'<li><mark class="target">{esc(target.text)}</mark> → '
            f'<span class="value">{esc(comparator)}{esc(decimal_text(target.value))}</span> '
            f"{esc(target.unit)}{year}</li>"
        )
    if not items:
        return ""
    return f'<ul class="targets" lang="en">{"".join(items)}</ul>'


# --------------------------------------------------------------------------- body


def body_page(batch: Batch, body: Body) -> str:
    """Every measure or section the body leads or supports, by document; what it issued, drafted."""
    from ..units import is_collective

    lead, cooperating, unstated = body.role_counts()
    parts = [
        '<main><nav class="crumbs"><a href="../index.html">← All documents</a> · '
        '<a href="../index.html#bodies">All bodies</a></nav>',
        f"<h1>{esc(body.label)}</h1>",
    ]
    facts = []
    if body.name_en or body.name_zh:
        official = " · ".join(
            f'<span lang="{lang}">{esc(name)}</span>'
            for name, lang in ((body.name_zh, "zh-Hans"), (body.name_en, "en"))
            if name
        )
        facts.append(("Official names", official))
    if body.unit_id is not None:
        facts.append(("Registry id", f"<code>{esc(body.unit_id)}</code>"))
    else:
        collective = any(is_collective(name) for name in body.written)
        what = (
            "names several bodies (a collective), so it has no registry id"
            if collective
            else "not in the registry: grouped by the name as written"
        )
        facts.append(("Registry id", f'<span class="muted">{what}</span>'))
    others = body.written[1:] if body.written and body.written[0] == body.label else body.written
    if others:
        facts.append(("Also written", "; ".join(esc(n) for n in others)))
    facts.append(
        (
            "Responsibilities",
            f"{len(body.mentions)} (lead {lead}, cooperating {cooperating}, "
            f"role not stated {unstated})",
        )
    )
    cells = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)
    parts.append(f'<div class="panel"><dl class="header">{cells}</dl></div>')
    parts.append(f'<h2 id="measures">Measures and sections ({len(body.mentions)})</h2>')
    if not body.mentions:
        parts.append('<p class="muted">Named in no responsibility clause of this report.</p>')
    by_document: dict[int, list[int]] = {}
    for index, mention in enumerate(body.mentions):
        by_document.setdefault(id(mention.document), []).append(index)
    for indexes in by_document.values():
        entry = body.mentions[indexes[0]].document
        policy = entry.policy
        parts.append(
            f'<section class="panel" lang="{_lang(policy)}"><h3>'
            f'<a href="../{esc(entry.file)}">{esc(_title_of(entry))}</a></h3>'
            f'<p class="muted" lang="en">{esc(entry.name)} · '
            f"{esc(jurisdiction_label(policy.jurisdiction))} · "
            f"{policy.issued.isoformat() if policy.issued else 'date unknown'}</p>"
            '<ol class="rows">'
        )
        for index in indexes:
            mention = body.mentions[index]
            place = mention.place
            href = f"../{entry.file}#p{place.index}"
            details: list[str] = [place.kind]
            if mention.unit.role:
                details.append(mention.unit.role)
            if mention.deadline_years:
                details.append("deadline " + ", ".join(str(y) for y in mention.deadline_years))
            parts.append(
                f'<li class="mention"><a href="{esc(href)}"><span class="label">'
                f"{esc(place.path)}</span> {esc(place.heading)}</a>"
                f'<div class="facts" lang="en">{esc(" · ".join(details))}</div></li>'
            )
        parts.append("</ol></section>")
    for anchor, heading, entries in (
        ("issued", "Documents issued", body.issued),
        ("drafted", "Documents drafted", body.drafted),
    ):
        if not entries:
            continue
        parts.append(f'<h2 id="{anchor}">{heading} ({len(entries)})</h2><ul>')
        parts.extend(
            f'<li lang="{_lang(e.policy)}"><a href="../{esc(e.file)}">{esc(_title_of(e))}</a></li>'
            for e in entries
        )
        parts.append("</ul>")
    parts.append("</main>")
    return page(title=body.label, body="\n".join(parts), css=CSS)
