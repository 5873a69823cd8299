"""HTML built from strings, with every piece of text escaped on the way in.

The texts in a report come from strangers' documents, so nothing from a
policy reaches the page unescaped: :func:`esc` is applied to every text, and
attribute values that are not constants are escaped the same way.  Links
(``href``) are only ever built from slugs this package made
(:mod:`shpolicy.report.names`), never from document text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Final

__all__ = ["esc", "highlight", "page", "paragraphs"]

# A lone surrogate (only possible in a policy read from escaped JSON) has no
# UTF-8 form and would make the page unwritable; it is shown as U+FFFD.
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
# C0 controls other than tab and newline are not allowed in HTML text.
_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def esc(text: str) -> str:
    """*text* escaped for HTML text and attribute values (``& < > " '``)."""
    if not text.isascii():
        text = _SURROGATE.sub("\ufffd", text)
    text = _CONTROL.sub("\ufffd", text)
    return html.escape(text, quote=True)


def paragraphs(text: str, *, marks: Sequence[str] = (), css: str = "") -> str:
    """*text* as ``<p>`` elements, one per non-blank line, with *marks* highlighted."""
    out = []
    remaining = list(marks)
    cls = f' class="{css}"' if css else ""
    for line in text.splitlines():
        if not line.strip():
            continue
        marked, remaining = highlight(line.strip(), remaining)
        out.append(f"<p{cls}>{marked}</p>")
    return "".join(out)


def highlight(text: str, phrases: Iterable[str]) -> tuple[str, list[str]]:
    """*text* escaped, each of *phrases* found in it wrapped in ``<mark>``.

    Phrases are looked for in the order given, each after the previous one
    found (a target's phrase appears where it was stated, in printed order),
    without overlapping; returns the HTML and the phrases not found.
    """
    found: list[tuple[int, int]] = []
    missing: list[str] = []
    cursor = 0
    for phrase in phrases:
        start = text.find(phrase, cursor) if phrase else -1
        if start < 0:
            # Out of order (a title before its measure's text): look from the
            # beginning, but never across a mark already placed.
            start = _free_occurrence(text, phrase, found) if phrase else -1
        if start < 0:
            missing.append(phrase)
            continue
        found.append((start, start + len(phrase)))
        cursor = max(cursor, start + len(phrase))
    found.sort()
    out = []
    position = 0
    for start, end in found:
        out.append(esc(text[position:start]))
        out.append(f'<mark class="target">{esc(text[start:end])}</mark>')
        position = end
    out.append(esc(text[position:]))
    return "".join(out), missing


def _free_occurrence(text: str, phrase: str, taken: list[tuple[int, int]]) -> int:
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        if all(end <= a or start >= b for a, b in taken):
            return start
        start = text.find(phrase, start + 1)
    return -1


def page(*, title: str, body: str, css: str, lang: str = "en") -> str:
    """A complete HTML document: no script, no external resource, CSS inline.

    The Content-Security-Policy forbids every fetch (only inline styles and
    ``data:`` images are allowed), so even a report opened from an untrusted
    place cannot reach the network.
    """
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="generator" content="shpolicy">\n'
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
