"""A bilingual registry of Shanghai government bodies, and name resolution against it.

    >>> from shpolicy import units
    >>> units.lookup("市经信委").id
    'municipal-economy-informatization-commission'
    >>> units.lookup("Shanghai Municipal Commission of Economic and Information Technology").id
    'municipal-economy-informatization-commission'
    >>> units.lookup("Jing’an District Commerce Commission").id
    'jingan-commerce-commission'
    >>> units.lookup("relevant district governments") is None
    True
    >>> units.lookup("区发展改革委", jurisdiction="cn-sh-qingpu").id
    'qingpu-development-reform-commission'
    >>> units.lookup("区发展改革委", jurisdiction="cn-sh") is None
    True
    >>> units.is_collective("区发展改革委", jurisdiction="cn-sh")
    True
    >>> [s.unit.id for s in units.segment("上海市发展和改革委员会上海市水务局")]
    ['municipal-development-reform-commission', 'municipal-water-authority']

The registry holds the municipal government and its bodies (with renamed
bodies linked to their successors), the municipal party organs, national
bodies' Shanghai branches, the sixteen district governments with their
departments, party organs, police, fire and tax offices, the subdistricts and
towns, people's organisations, the main state-owned groups and universities.
``python -m shpolicy.units.build`` generates it from ``data/units/``
(``docs/units.md``).

:func:`lookup` takes the document's jurisdiction: ``"cn-sh"``,
``"cn-sh-<district>"``, another place's code, or ``None`` (no context).
Collective entries ("relevant district governments", "相关区政府", 各街镇, and
区X in a municipal document) name several bodies and resolve to ``None``;
:func:`is_collective` tells them apart from unknown names.  :func:`segment`
splits names printed together, :func:`search` finds bodies from a partial
name, and :func:`build_index` answers "which measures does this body lead,
across these policies".
"""

from __future__ import annotations

from .index import IndexEntry, MeasureRef, build_index, index_to_json, index_to_text
from .keys import name_key
from .registry import DISTRICTS, LEVELS, Unit, load_registry
from .resolve import (
    MUNICIPAL,
    Segment,
    district_of_jurisdiction,
    is_collective,
    is_known_name,
    lookup,
    segment,
)
from .search import SearchHit, search

__all__ = [
    "DISTRICTS",
    "LEVELS",
    "MUNICIPAL",
    "IndexEntry",
    "MeasureRef",
    "SearchHit",
    "Segment",
    "Unit",
    "all",
    "build_index",
    "by_id",
    "district_of_jurisdiction",
    "in_jurisdiction",
    "index_to_json",
    "index_to_text",
    "is_collective",
    "is_known_name",
    "lookup",
    "name_key",
    "search",
    "segment",
]


def all() -> tuple[Unit, ...]:
    """Every registered body, sorted by id (the registry is read once, on first use)."""
    return load_registry().units


def by_id(unit_id: str) -> Unit | None:
    """The registered body with id *unit_id*, or ``None``."""
    return load_registry().by_id.get(unit_id)


def in_jurisdiction(jurisdiction: str) -> tuple[Unit, ...]:
    """The bodies of one jurisdiction, sorted by id: ``"cn-sh-<district>"`` gives that
    district's, ``"cn-sh"`` every body that belongs to no district."""
    district = district_of_jurisdiction(jurisdiction)
    if district is None and jurisdiction != MUNICIPAL:
        return ()
    return tuple(unit for unit in all() if unit.district == district)
