"""The bodies a document names (issuers, drafters, responsible units), in its jurisdiction.

Part of the model stage (:mod:`shpolicy.assemble`).  Input: the text as
written, its folded copy, the document's :class:`~shpolicy.jurisdiction.Placement`
and the ranges that name bodies.  Output: :class:`~shpolicy.model.ResponsibleUnit`\\ s.

Decisions owned here:

* **resolution in context** — every name is looked up in the registry of
  Shanghai bodies in the document's jurisdiction: 区发展改革委 in a Huangpu
  document is Huangpu's commission, in a municipal one a collective; nothing in
  another place's document resolves to a Shanghai body;
* **what is reported** — an unknown name is reported (``unknown-unit``) unless
  it is a collective (各区政府, "relevant district governments") or the
  document is another place's (``not-shanghai`` says so once); a clause that
  names no body is reported;
* **issuers split by knowledge** — bodies printed on one line without a
  separator (黄浦区发展和改革委员会黄浦区建设和管理委员会) are told apart by the
  registry's names, and each issuer is named once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from .diagnostics import EMPTY_RESPONSIBILITY_CLAUSE, UNKNOWN_UNIT
from .jurisdiction import Placement
from .model import Diagnostic, ResponsibleUnit, Role, Span
from .normalize import Folded, trim
from .responsibility import Clause
from .units import is_collective, lookup, segment

__all__ = ["BodyNames", "unwrap", "written"]

Range = tuple[int, int]
_LINE_BREAK: Final = re.compile(r"\s*[\r\n]+\s*")
# At least two names' worth of Chinese, no blank: what may be names printed together.
_PRINTED_TOGETHER: Final = re.compile(r"[^\s]*[\u4e00-\u9fff][^\s]{3,}")


def written(text: str, folded: Folded, start: int, end: int) -> str:
    """``text[start:end]`` as written, without the blanks at its ends."""
    # (This runs for every name and range, most of them trimmed already: a
    # look at both ends spares the call.)
    if start < end and (folded[start] == " " or folded[end - 1] == " "):
        start, end = trim(folded, start, end)
    return text[start:end]


def unwrap(text: str) -> str:
    """A title or name that a line break cut, read as one line.

    Chinese closes up across the break; other text gets one space there.
    """
    if "\n" not in text and "\r" not in text:
        return text
    return _LINE_BREAK.sub(lambda m: _join_across(text, m), text)


def _join_across(text: str, m: re.Match[str]) -> str:
    before = text[m.start() - 1] if m.start() > 0 else ""
    after = text[m.end()] if m.end() < len(text) else ""
    return "" if not (before.isascii() and after.isascii()) else " "


class BodyNames:
    """Reads body names from one text; what it reports goes to *diagnostics*."""

    def __init__(
        self, text: str, folded: Folded, placement: Placement, diagnostics: list[Diagnostic]
    ) -> None:
        self.text = text
        self.folded = folded
        self.placement = placement
        self.diagnostics = diagnostics

    @property
    def context(self) -> str | None:
        """The jurisdiction names are looked up in (``"cn"``: another place's document)."""
        return self.placement.context

    def is_body(self, name: str) -> bool:
        """Whether *name* is a registered body or a collective, in the document's jurisdiction."""
        context = self.context
        return lookup(name, jurisdiction=context) is not None or is_collective(
            name, jurisdiction=context
        )

    def unit(self, start: int, end: int, role: Role | None) -> ResponsibleUnit:
        """The body named at ``[start, end)``, reported when unknown."""
        name = unwrap(written(self.text, self.folded, start, end))
        unit = lookup(name, jurisdiction=self.context)
        span = Span(start=start, end=end)  # frozen: the finding and the unit share it
        if (
            unit is None
            and self.placement.status != "elsewhere"
            and not is_collective(name, jurisdiction=self.context)
        ):
            self.diagnostics.append(
                UNKNOWN_UNIT.at(f"{name!r} is not in the registry of Shanghai bodies", span)
            )
        return ResponsibleUnit(
            name=name, unit_id=None if unit is None else unit.id, role=role, span=span
        )

    def units(self, start: int, end: int, role: Role | None) -> list[ResponsibleUnit]:
        """The bodies named at ``[start, end)``: one, or each of the registered names printed
        there without a separator (市住房城乡建设管理委市重大办), each in *role*."""
        name = written(self.text, self.folded, start, end)
        # Names printed without a separator are Chinese ones: others are not split.
        if _PRINTED_TOGETHER.fullmatch(name) and not self.is_body(name):
            pieces = segment(name, jurisdiction=self.context)
            if len(pieces) > 1:
                offset = start + self.text.find(name, start, end) - start
                return [self.unit(offset + p.start, offset + p.end, role) for p in pieces]
        return [self.unit(start, end, role)]

    def clause(self, clause: Clause | None) -> tuple[str | None, tuple[ResponsibleUnit, ...]]:
        """A responsibility clause's label and units."""
        if clause is None:
            return None, ()
        # An unlabelled clause ("（市交通委牵头，各区政府配合）") has an empty label.
        label = self.text[clause.label_start : clause.label_end] or None
        units = tuple([unit for u in clause.units for unit in self.units(u.start, u.end, u.role)])
        if not units:
            self.diagnostics.append(
                EMPTY_RESPONSIBILITY_CLAUSE.at(
                    f"the clause {label!r} names no unit", Span(start=clause.start, end=clause.end)
                )
            )
        return label, units

    def issuers(self, ranges: Sequence[Range]) -> tuple[ResponsibleUnit, ...]:
        """One unit per body the *ranges* name, each body once, in order."""
        seen: set[str] = set()
        issuers: list[ResponsibleUnit] = []
        for start, end in ranges:
            for s, e in self._bodies_in(start, end):
                name = written(self.text, self.folded, s, e)
                if name in seen:
                    continue
                seen.add(name)
                unit = lookup(name, jurisdiction=self.context)
                issuers.append(
                    ResponsibleUnit(
                        name=name,
                        unit_id=None if unit is None else unit.id,
                        span=Span(start=s, end=e),
                    )
                )
        return tuple(issuers)

    def _bodies_in(self, start: int, end: int) -> list[Range]:
        start, end = trim(self.folded, start, end)
        pieces = segment(self.text[start:end], jurisdiction=self.context)
        if len(pieces) < 2:
            return [(start, end)]
        return [(start + piece.start, start + piece.end) for piece in pieces]
