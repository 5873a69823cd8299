"""The parsing pipeline, wired: each stage decides, this module only hands results on.

    read (bytes to text)            shpolicy.read.decode
    fold (the recognition copy)     shpolicy.normalize.fold
    lines                           shpolicy.lines (split, undo hard wraps, join continued lines)
    header / body                   shpolicy.body.find_body (where the body begins)
    header                          shpolicy.header.read_header
    outline                         shpolicy.structure.read_outline (sections and measures)
    tail                            shpolicy.tail.read_tail (validity, closing, signatures)
    enrich and model                shpolicy.assemble.build_policy (units, targets, references,
                                    validity period) -> Policy

docs/pipeline.md describes every stage: its input, its output, the decisions it owns.
"""

from __future__ import annotations

import os
from pathlib import Path

from .assemble import build_policy
from .body import find_body, starts_item
from .errors import ParseError
from .header import read_header
from .lines import join_continued, join_hard_wrapped, split_lines
from .model import Policy
from .normalize import fold
from .read import decode
from .structure import read_outline
from .tail import TAIL_RULES, read_tail
from .validity import find_validity_in

__all__ = ["parse_bytes", "parse_file", "parse_text"]


def parse_file(path: str | os.PathLike[str]) -> Policy:
    """Read the file at *path* and parse it.

    The bytes may be UTF-8 (with or without BOM), UTF-16 with BOM or GB18030.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(
            f"cannot read file: {exc.strerror or exc}", source=os.fspath(path)
        ) from exc
    return parse_bytes(data, source=os.fspath(path))


def parse_bytes(data: bytes, *, source: str | None = None) -> Policy:
    """Decode *data* (see :func:`shpolicy.read.decode`) and parse it."""
    return parse_text(decode(data, source=source), source=source)


def parse_text(text: str, *, source: str | None = None) -> Policy:
    """Parse one policy document held in memory.

    Spans in the result index *text*.  Raises :class:`ParseError` only when
    the text holds nothing to parse (it is empty or blank); everything unusual
    in a non-empty text becomes a diagnostic instead.
    """
    folded = fold(text)
    lines = join_hard_wrapped(folded, split_lines(folded))
    if not lines:
        raise ParseError("the text is empty or blank", source=source)
    layout = find_body(folded, lines)
    header = read_header(folded, layout.header)
    body = join_continued(folded, list(layout.body), starts_item)
    outline = read_outline(folded, body, TAIL_RULES)
    tail = read_tail(folded, outline.tail)
    # A validity clause printed as the last numbered item ("第十条 本办法自…起施行").
    validity = tail.validity or find_validity_in(folded, outline.last_item_text)
    return build_policy(
        text,
        folded,
        source=source,
        header=header,
        outline=outline,
        tail=tail,
        validity=validity,
        noted=layout.diagnostics,
    )
