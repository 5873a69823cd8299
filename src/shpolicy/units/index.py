"""Which measures each body is responsible for, across several policies.

:func:`build_index` groups every measure under each body named in its
responsibility clause: by registry id when the body is known (so "市经信委" and
"Municipal Commission of Economy and Informatization" fall together, under the
unit's official English name), else by the name as written.  A measure
without a clause of its own falls under the clause of the nearest enclosing
section that has one (a clause printed once for a whole group of measures).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import attrs

from ..model import Measure, Policy, ResponsibleUnit, Section
from ..normalize import squash_spaces
from .registry import load_registry
from .resolve import lookup

__all__ = ["IndexEntry", "MeasureRef", "build_index", "index_to_json", "index_to_text"]


@attrs.frozen(kw_only=True, slots=True)
class MeasureRef:
    """One measure of one policy: where it is (``source``) and how it is numbered and titled."""

    #: The document the measure is in, as given to :func:`build_index`.
    source: str
    #: The measure's number as printed (``"1."``, ``"(XIII)"``).
    label: str
    #: The number's value.
    ordinal: int
    #: The measure's title (its lead sentence).
    title: str


@attrs.frozen(kw_only=True, slots=True)
class IndexEntry:
    """A body and the measures it is responsible for; ``unit_id`` ``None`` for an unknown body."""

    #: The body's registry id; ``None`` for a name not in the registry.
    unit_id: str | None
    #: The registry's English name of the body; for a name not in the registry, as written.
    name: str
    #: The measures whose responsibility clause names the body, in input and document order.
    measures: tuple[MeasureRef, ...]


def build_index(policies: Iterable[tuple[str, Policy]]) -> tuple[IndexEntry, ...]:
    """Index ``(source, policy)`` pairs by responsible body.

    Entries of known bodies come first, each group sorted by name; measures
    keep the order of the input and, within a policy, document order.
    """
    grouped: dict[tuple[str, str], list[MeasureRef]] = {}
    names: dict[tuple[str, str], str] = {}
    for source, policy in policies:
        for measure, units in _measures_with_units(policy):
            ref = MeasureRef(
                source=source, label=measure.label, ordinal=measure.ordinal, title=measure.title
            )
            for unit in units:
                group, name = _group_of(unit)
                refs = grouped.setdefault(group, [])
                names.setdefault(group, name)
                # The same body named twice in one clause is one responsibility.
                if ref not in refs:
                    refs.append(ref)
    entries = (
        IndexEntry(
            unit_id=group[1] if group[0] == "id" else None,
            name=names[group],
            measures=tuple(refs),
        )
        for group, refs in grouped.items()
    )
    return tuple(sorted(entries, key=_entry_order))


def index_to_text(entries: Iterable[IndexEntry]) -> str:
    """The index as text: a line per body, then an indented line per measure; ``""`` when empty."""
    lines: list[str] = []
    for entry in entries:
        count = len(entry.measures)
        noun = "measure" if count == 1 else "measures"
        lines.append(f"{entry.name} [{entry.unit_id or 'unknown'}]: {count} {noun}")
        lines.extend(f"  {ref.source} {ref.label} {ref.title}" for ref in entry.measures)
    return "\n".join(lines) + "\n" if lines else ""


def index_to_json(entries: Iterable[IndexEntry]) -> str:
    """The index as a JSON document ``{"units": [{"unit_id", "name", "measures": [...]}]}``."""
    document = {
        "units": [
            {
                "unit_id": entry.unit_id,
                "name": entry.name,
                "measures": [attrs.asdict(ref) for ref in entry.measures],
            }
            for entry in entries
        ]
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _measures_with_units(
    policy: Policy,
) -> Iterable[tuple[Measure, tuple[ResponsibleUnit, ...]]]:
    # Walk the tree rather than Policy.all_measures() so each measure knows
    # the clause of its enclosing sections; then restore document order.
    found: list[tuple[Measure, tuple[ResponsibleUnit, ...]]] = [
        (measure, measure.responsible_units) for measure in policy.measures
    ]
    for section in policy.sections:
        found.extend(_section_measures(section, ()))
    found.sort(key=lambda item: item[0].span.start)
    return found


def _section_measures(
    section: Section, inherited: tuple[ResponsibleUnit, ...]
) -> list[tuple[Measure, tuple[ResponsibleUnit, ...]]]:
    fallback = section.responsible_units or inherited
    found = [(m, m.responsible_units or fallback) for m in section.measures]
    for child in section.sections:
        found.extend(_section_measures(child, fallback))
    return found


def _group_of(unit: ResponsibleUnit) -> tuple[tuple[str, str], str]:
    if unit.unit_id is not None:
        registered = load_registry().by_id.get(unit.unit_id)
        # An id the registry does not hold (a newer registry's) still groups.
        return ("id", unit.unit_id), unit.unit_id if registered is None else registered.name_en
    found = lookup(unit.name)
    if found is not None:
        return ("id", found.id), found.name_en
    written = squash_spaces(unit.name)
    return ("name", written), written


def _entry_order(entry: IndexEntry) -> tuple[bool, str, str, str]:
    return (entry.unit_id is None, entry.name.casefold(), entry.name, entry.unit_id or "")
