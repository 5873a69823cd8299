"""The JSON Schemas shpolicy installs with itself (draft 2020-12).

* ``shpolicy.schema.json``: the JSON that :func:`shpolicy.to_json` writes,
  generated from the model (``python -m shpolicy.json_schema``);
* ``units.schema.json``: the bundled registry of Shanghai bodies
  (``shpolicy/units/registry.json``).

These package copies are the canonical ones; ``schemas/`` at the top of the
source tree holds the same files for readers of the repository, and a test
keeps the two identical.

    >>> from shpolicy import schemas
    >>> schemas.load("shpolicy.schema.json")["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any, Final

__all__ = ["NAMES", "load", "text"]

#: The schema files installed with the package.
NAMES: Final = ("shpolicy.schema.json", "units.schema.json")


def text(name: str) -> str:
    """The schema file *name* (one of :data:`NAMES`) as installed, as text."""
    if name not in NAMES:
        raise ValueError(f"no schema {name!r}; shpolicy ships {', '.join(NAMES)}")
    return files(__name__).joinpath(name).read_text("utf-8")


def load(name: str) -> dict[str, Any]:
    """The schema file *name* as a dict."""
    schema: dict[str, Any] = json.loads(text(name))
    return schema
