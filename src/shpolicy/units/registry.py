"""The bundled registry of Shanghai bodies (``registry.json``), loaded once.

The file lists one entry per body: a stable kebab-case id, the official
English and Chinese names, Chinese abbreviations and variants, English aliases
and translation variants, the *local names* that denote the body only inside
its own district's documents (区发展改革委, 九亭镇), the level, the district of
a district body and the predecessor / successor of a renamed one.
``schemas/units.schema.json`` describes it and ``python -m shpolicy.units.build``
generates it from ``data/units/``; :func:`load_registry` checks the invariants
lookups rely on (unique ids, known levels, links to existing ids, no name filed
under two ids, no local name filed under two bodies of one district).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any, Final

import attrs

from .. import model
from ..errors import InvalidValueError
from .keys import name_key

__all__ = ["DISTRICTS", "LEVELS", "REGISTRY_FILE", "Registry", "Unit", "load_registry"]

#: The levels of government a registered body belongs to: ``"national-branch"`` (a national body's
#: Shanghai branch, 国家税务总局上海市税务局), ``"municipal"``, ``"district"``, ``"township"`` (a
#: subdistrict or town, 街道 / 镇), ``"party"``, ``"enterprise"``, ``"institution"`` and
#: ``"other"``.
LEVELS: Final = (
    "national-branch",
    "municipal",
    "district",
    "township",
    "party",
    "enterprise",
    "institution",
    "other",
)
#: The sixteen districts, as in ids (jingan-commerce-commission) and jurisdiction codes.
DISTRICTS: Final = model.DISTRICTS
# Levels whose bodies always belong to one district.
_DISTRICT_LEVELS: Final = ("district", "township")
REGISTRY_FILE: Final = "registry.json"


def _level(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in LEVELS:
        raise InvalidValueError(f"Unit.{attribute.name} must be one of {LEVELS!r}, not {value!r}")


@attrs.frozen(kw_only=True, slots=True)
class Unit:
    """One Shanghai body: its canonical id and every name it is known under.

    ``local_names`` are the forms that name the body only in a document of its
    own district (区发展改革委, 区府办, 九亭镇, "District Commerce Commission");
    :meth:`names` leaves them out.  ``district`` is the district's slug for a
    district or township body, and for any other body that belongs to one
    district (its party committee's departments, its police and tax offices).
    ``note`` records what the registry is unsure of (an unverified Chinese
    name, a succession left unlinked), or ``None``.
    """

    #: The canonical id, stable across releases: ``"municipal-commerce-commission"``,
    #: ``"jingan-commerce-commission"``.
    id: str
    #: The official English name ("Shanghai Municipal Commission of Commerce").
    name_en: str
    #: The official Chinese name (上海市商务委员会).
    name_zh: str
    #: Chinese abbreviations that name it anywhere (市商务委).
    abbreviations_zh: tuple[str, ...] = ()
    #: Other English names it is printed under ("Municipal Commission of Commerce").
    aliases_en: tuple[str, ...] = ()
    #: Names that denote it only in a document of its own district (区商务委, "District Commerce
    #: Commission").
    local_names: tuple[str, ...] = ()
    #: One of :data:`LEVELS`.
    level: str = attrs.field(validator=_level)
    #: The district's slug (``"jingan"``) for a body that belongs to one district, else ``None``.
    district: str | None = None
    #: The id of the body this one was renamed from, if registered.
    predecessor: str | None = None
    #: The id of the body this one was renamed to, if registered.
    successor: str | None = None
    #: What the registry is unsure of, or ``None``.
    note: str | None = None

    def names(self) -> tuple[str, ...]:
        """Every name that needs no context: official English, official Chinese, the variants."""
        return (self.name_en, self.name_zh, *self.abbreviations_zh, *self.aliases_en)


@attrs.frozen(kw_only=True, slots=True)
class Registry:
    """The loaded registry: units sorted by id, and the name keys that lead to them.

    ``by_key`` maps the key of every name that needs no context; ``local``
    maps each district's slug to the keys of its bodies' local names;
    ``local_districts`` maps a local name's key to the districts that use it.
    """

    units: tuple[Unit, ...]
    by_id: Mapping[str, Unit]
    by_key: Mapping[str, Unit]
    local: Mapping[str, Mapping[str, Unit]]
    local_districts: Mapping[str, frozenset[str]]


@functools.cache
def load_registry() -> Registry:
    """The bundled registry, read and checked on first use."""
    text = resources.files("shpolicy.units").joinpath(REGISTRY_FILE).read_text(encoding="utf-8")
    return registry_from_json(text)


def registry_from_json(text: str, *, source: str = REGISTRY_FILE) -> Registry:
    """Build a :class:`Registry` from the JSON text of a registry file; check its invariants."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidValueError(f"{source}: not JSON: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get("units"), list):
        raise InvalidValueError(f"{source}: expected an object with a 'units' list")
    units = tuple(
        sorted(
            (
                _unit_from_json(entry, f"{source}: units[{i}]")
                for i, entry in enumerate(document["units"])
            ),
            key=lambda unit: unit.id,
        )
    )
    by_id = _index_ids(units, source)
    _check_links(units, by_id, source)
    by_key = _index_keys(units, source)
    local = _index_local_keys(units, by_key, source)
    local_districts: dict[str, set[str]] = {}
    for district, keys in local.items():
        for key in keys:
            local_districts.setdefault(key, set()).add(district)
    return Registry(
        units=units,
        by_id=by_id,
        by_key=by_key,
        local=local,
        local_districts={key: frozenset(found) for key, found in local_districts.items()},
    )


def _unit_from_json(entry: object, where: str) -> Unit:
    if not isinstance(entry, dict):
        raise InvalidValueError(f"{where}: expected an object")
    try:
        return Unit(
            id=_text(entry, "id", where),
            name_en=_text(entry, "name_en", where),
            name_zh=_text(entry, "name_zh", where),
            abbreviations_zh=_texts(entry, "abbreviations_zh", where),
            aliases_en=_texts(entry, "aliases_en", where),
            local_names=_texts(entry, "local_names", where),
            level=_text(entry, "level", where),
            district=_optional_text(entry, "district", where),
            predecessor=_optional_text(entry, "predecessor", where),
            successor=_optional_text(entry, "successor", where),
            note=_optional_text(entry, "note", where),
        )
    except InvalidValueError as exc:
        raise InvalidValueError(f"{where}: {exc}") from None


def _text(entry: Mapping[str, object], field: str, where: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(f"{where}.{field}: expected a non-empty string, not {value!r}")
    return value


def _optional_text(entry: Mapping[str, object], field: str, where: str) -> str | None:
    return None if entry.get(field) is None else _text(entry, field, where)


def _texts(entry: Mapping[str, object], field: str, where: str) -> tuple[str, ...]:
    values = entry.get(field, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise InvalidValueError(f"{where}.{field}: expected a list of non-empty strings")
    return tuple(values)


def _index_ids(units: tuple[Unit, ...], source: str) -> dict[str, Unit]:
    by_id: dict[str, Unit] = {}
    for unit in units:
        if unit.id in by_id:
            raise InvalidValueError(f"{source}: id {unit.id!r} is listed twice")
        by_id[unit.id] = unit
    return by_id


def _check_links(units: tuple[Unit, ...], by_id: Mapping[str, Unit], source: str) -> None:
    for unit in units:
        for field, target in (("predecessor", unit.predecessor), ("successor", unit.successor)):
            if target is not None and target not in by_id:
                raise InvalidValueError(f"{source}: {unit.id}.{field} names unknown id {target!r}")
        if unit.level in _DISTRICT_LEVELS and unit.district is None:
            raise InvalidValueError(f"{source}: {unit.level} body {unit.id!r} has no district")
        if unit.district is not None and unit.district not in DISTRICTS:
            raise InvalidValueError(f"{source}: {unit.id}: unknown district {unit.district!r}")
        if unit.local_names and unit.district is None:
            raise InvalidValueError(f"{source}: {unit.id} has local names but no district")


def _index_keys(units: tuple[Unit, ...], source: str) -> dict[str, Unit]:
    # A name that reduces to the same key for two bodies would make lookups
    # depend on file order; refuse the registry instead.
    by_key: dict[str, Unit] = {}
    for unit in units:
        for name in unit.names():
            key = name_key(name)
            if not key:
                raise InvalidValueError(f"{source}: {unit.id}: name {name!r} normalises to nothing")
            holder = by_key.setdefault(key, unit)
            if holder.id != unit.id:
                raise InvalidValueError(
                    f"{source}: name {name!r} of {unit.id!r} normalises to {key!r}, "
                    f"already a name of {holder.id!r}"
                )
    return by_key


def _index_local_keys(
    units: tuple[Unit, ...], by_key: Mapping[str, Unit], source: str
) -> dict[str, dict[str, Unit]]:
    # Within one district a local name means one body; and it never means
    # another body than the one its key already names without context, so
    # a context can only add answers, never change one.
    local: dict[str, dict[str, Unit]] = {}
    for unit in units:
        if unit.district is None:
            continue
        keys = local.setdefault(unit.district, {})
        for name in unit.local_names:
            key = name_key(name)
            if not key:
                raise InvalidValueError(f"{source}: {unit.id}: name {name!r} normalises to nothing")
            holder = keys.setdefault(key, unit)
            if holder.id != unit.id:
                raise InvalidValueError(
                    f"{source}: local name {name!r} of {unit.id!r} normalises to {key!r}, "
                    f"already a local name of {holder.id!r}"
                )
            known = by_key.get(key)
            if known is not None and known.id != unit.id:
                raise InvalidValueError(
                    f"{source}: local name {name!r} of {unit.id!r} normalises to {key!r}, "
                    f"a name of {known.id!r}"
                )
    return local
