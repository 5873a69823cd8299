"""Akoma Ntoso 3.0 export and import of shpolicy policies.

>>> from shpolicy import Policy
>>> from shpolicy.akn import from_akn, to_akn
>>> policy = Policy(title="Several Measures", preamble="In order to ...")
>>> from_akn(to_akn(policy)) == policy
True

See ``docs/akoma-ntoso.md`` for the element-by-element mapping.
"""

from __future__ import annotations

from .read import from_akn
from .safeparse import MAX_BYTES, MAX_DEPTH
from .vocabulary import AKN_NS, SHP_NS
from .write import to_akn
from .xsd import CHECKER, Validation, schema_path, validate, validation_report

__all__ = [
    "AKN_NS",
    "CHECKER",
    "MAX_BYTES",
    "MAX_DEPTH",
    "SHP_NS",
    "Validation",
    "from_akn",
    "schema_path",
    "to_akn",
    "validate",
    "validation_report",
]
