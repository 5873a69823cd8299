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

Collective entries ("relevant district governments", "相关区政府") name several
bodies and resolve to ``None``; :func:`is_collective` tells them apart from
unknown names.  :func:`build_index` answers "which measures does this body
lead, across these policies".
"""

from __future__ import annotations

from .index import IndexEntry, MeasureRef, build_index, index_to_json, index_to_text
from .keys import name_key
from .registry import LEVELS, Unit, load_registry
from .resolve import is_collective, is_known_name, lookup

__all__ = [
    "LEVELS",
    "IndexEntry",
    "MeasureRef",
    "Unit",
    "all",
    "build_index",
    "by_id",
    "index_to_json",
    "index_to_text",
    "is_collective",
    "is_known_name",
    "lookup",
    "name_key",
]


def all() -> tuple[Unit, ...]:
    """Every registered body, sorted by id (the registry is read once, on first use)."""
    return load_registry().units


def by_id(unit_id: str) -> Unit | None:
    """The registered body with id *unit_id*, or ``None``."""
    return load_registry().by_id.get(unit_id)
