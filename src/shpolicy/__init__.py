"""shpolicy: Shanghai government policy documents as a typed model, JSON and Akoma Ntoso 3.0.

    >>> import shpolicy
    >>> policy = shpolicy.parse_text("一、总体要求\\n1.加强统筹。（责任单位：市发展改革委）")
    >>> [u.name for u in policy.all_measures()[0].responsible_units]
    ['市发展改革委']

The exporters and the unit registry are imported lazily, so ``import shpolicy``
stays cheap for callers that only parse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    AknError,
    DecodeError,
    FormatError,
    InvalidValueError,
    MissingDependencyError,
    NotCheckedError,
    ParseError,
    SchemaError,
    ShpolicyError,
)
from .model import (
    Diagnostic,
    Measure,
    Notice,
    Policy,
    Reference,
    ResponsibleUnit,
    Section,
    Span,
    Target,
    Task,
    ValidityPeriod,
)

if TYPE_CHECKING:
    from . import akn, batch, read, report, schemas, tables, units
    from .akn import from_akn, to_akn
    from .json_codec import from_json, to_json
    from .parse import parse_bytes, parse_file, parse_text

#: The version of shpolicy (PEP 440).
__version__ = "0.1.0"

__all__ = [
    "AknError",
    "DecodeError",
    "Diagnostic",
    "FormatError",
    "InvalidValueError",
    "Measure",
    "MissingDependencyError",
    "NotCheckedError",
    "Notice",
    "ParseError",
    "Policy",
    "Reference",
    "ResponsibleUnit",
    "SchemaError",
    "Section",
    "ShpolicyError",
    "Span",
    "Target",
    "Task",
    "ValidityPeriod",
    "__version__",
    "akn",
    "batch",
    "from_akn",
    "from_json",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "read",
    "report",
    "schemas",
    "tables",
    "to_akn",
    "to_json",
    "units",
]

# name -> module that defines it; loaded on first access (PEP 562).
_LAZY = {
    "parse_text": "parse",
    "parse_file": "parse",
    "parse_bytes": "parse",
    "to_json": "json_codec",
    "from_json": "json_codec",
    "to_akn": "akn",
    "from_akn": "akn",
}


# Subpackages reachable as attributes (``shpolicy.units.lookup``) without an import.
_SUBMODULES = frozenset({"akn", "batch", "read", "report", "schemas", "tables", "units"})


def __getattr__(name: str) -> Any:
    from importlib import import_module

    if name in _SUBMODULES:
        return import_module(f".{name}", __name__)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'shpolicy' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
