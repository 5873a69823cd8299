"""File names of the report's pages: stable, safe, unique within a report.

A body page is named from the body's registry id (``bodies/<id>.html``).  An
id is only used when it looks like one (``municipal-commerce-commission``):
a policy read from a stranger's JSON may carry ``../../x`` as a unit id, and
a file name must never leave the report's folder.  A body that is not in the
registry, and a document, get a slug: the ASCII letters and digits of the
name, then a short hash of the whole name, so that the same name always gets
the same file and two names never share one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Final

__all__ = ["body_file", "document_files", "slug"]

_ID: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_ID: Final = 100
_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")
_MAX_SLUG: Final = 48
#: Prefix of the slugs of bodies that have no registry id (no id starts with it).
UNRESOLVED_PREFIX: Final = "unresolved-"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def slug(text: str, *, hashed: bool = True) -> str:
    """Lower-case ASCII letters and digits of *text* joined by ``-``, then a hash of *text*.

    >>> slug("Jing'an District Commerce Commission")
    'jing-an-district-commerce-commission-742a0e6538'
    """
    words = _NOT_SLUG.sub("-", text.lower()).strip("-")[:_MAX_SLUG].strip("-")
    if not hashed:
        return words
    return f"{words}-{_digest(text)}" if words else _digest(text)


def body_file(key: str) -> str:
    """``bodies/<name>.html`` for a :func:`shpolicy.tables.body_key` (``id:…`` or ``name:…``)."""
    kind, _, value = key.partition(":")
    if (
        kind == "id"
        and len(value) <= _MAX_ID
        and _ID.fullmatch(value)
        and not value.startswith(UNRESOLVED_PREFIX)
    ):
        return f"bodies/{value}.html"
    return f"bodies/{UNRESOLVED_PREFIX}{slug(key)}.html"


def document_files(names: Iterable[str]) -> dict[str, str]:
    """``documents/<slug>.html`` for each document name, unique among *names*.

    The slug is the file name without its last suffix when that is already
    safe (``online-new-economy-measures.zh``), else its ASCII part and a hash.
    """
    files: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        if name in files:
            continue
        stem = PurePosixPath(name.replace("\\", "/")).stem or name
        candidate = stem.lower()
        if not re.fullmatch(r"[a-z0-9][a-z0-9._-]{0,80}", candidate) or candidate != stem:
            words = slug(stem, hashed=False)
            candidate = f"{words}-{_digest(name)}" if words else _digest(name)
        if candidate in taken:
            candidate = f"{candidate}-{_digest(name)}"
        taken.add(candidate)
        files[name] = f"documents/{candidate}.html"
    return files
