"""A static, self-contained HTML report over many policies.

    >>> from shpolicy import parse_text, report
    >>> policy = parse_text("一、总体要求\\n1.加强统筹。（责任单位：市发展改革委）", source="a.txt")
    >>> site = report.build_site([("a.txt", policy)])
    >>> sorted(site)
    ['bodies/municipal-development-reform-commission.html', 'documents/a.html', 'index.html']

:func:`build_site` returns every page as text, keyed by its path in the
report; :func:`write_site` writes them under a folder.  The pages are:

* ``index.html`` — every document (title, jurisdiction, date, numbers of
  measures, bodies and targets), Chinese and English side by side; every
  body; a chart of responsibilities per body and one of targets by deadline
  year (inline SVG);
* ``documents/<name>.html`` — the policy as structured text (notice,
  preamble, sections, measures, closing) with its responsibility clauses,
  bodies (linked to their pages) and targets marked, and each diagnostic
  beside the place it concerns;
* ``bodies/<id>.html`` — every measure or section across the batch that the
  body leads or supports, with document, path and deadline years, and the
  documents it issued.  A body not in the registry gets
  ``bodies/unresolved-<slug>.html``.

The pages need nothing but a browser: CSS is inline, the charts are SVG, there
is no script, and a Content-Security-Policy forbids every fetch.  The output
is deterministic: the same documents in the same order give the same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..model import Policy
from .collect import Batch, collect
from .pages import body_page, document_page, index_page

__all__ = ["Batch", "build_site", "collect", "write_site"]


def build_site(documents: Iterable[tuple[str, Policy]]) -> dict[str, str]:
    """Every page of the report on ``(document name, policy)`` pairs, by relative path."""
    batch = collect(documents)
    site = {"index.html": index_page(batch)}
    for entry in batch.documents:
        site[entry.file] = document_page(batch, entry)
    for body in batch.bodies:
        site[body.file] = body_page(batch, body)
    return dict(sorted(site.items()))


def write_site(site: dict[str, str], directory: str | os.PathLike[str]) -> list[Path]:
    """Write the pages of *site* under *directory* (created if needed); return their paths."""
    root = Path(directory)
    written = []
    for relative, text in site.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
