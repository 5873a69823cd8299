#!/usr/bin/env python3
"""How many names in the responsibility clauses of real texts the registry resolves.

Usage, from the project root with shpolicy importable::

    python benchmarks/units_coverage.py                 # every text in ../shared/real
    python benchmarks/units_coverage.py FILE...         # these texts
    python benchmarks/units_coverage.py -v              # list the unresolved names too

Independent of the parser: a name is the text after 责任单位 / 牵头单位 / 配合单位 /
参加单位 / 支撑单位 / 责任部门 and a colon, up to the bracket that closes the clause
or the line end, split on 、，,；;.  Each is looked up with the jurisdiction the
file name gives (``<district>-...`` for a district's text, ``municipal-...`` for
the city's), collectives are counted apart, and names the registry cannot
place alone are tried with :func:`shpolicy.units.segment`.  A measurement,
not a test: it has no pass mark.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from shpolicy import units

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
MARKER = re.compile(
    r"(?:责任单位|牵头单位|配合单位|参加单位|支撑单位|责任部门|协同单位|参与单位)\s*[：:]"
)
SEPARATORS = re.compile(r"[、，,；;]")
OPENING, CLOSING = "（(", "）)"


def clause_names(text: str) -> list[str]:
    names = []
    for match in MARKER.finditer(text):
        end = text.find("\n", match.end())
        end = len(text) if end < 0 else end
        depth, cut = 0, end
        for i in range(match.end(), end):
            if text[i] in OPENING:
                depth += 1
            elif text[i] in CLOSING:
                if depth == 0:
                    cut = i
                    break
                depth -= 1
        for part in SEPARATORS.split(text[match.end() : cut]):
            part = part.strip().rstrip("。.")
            # A second marker on the same line (牵头单位：A 配合单位：B) opens a new clause.
            part = MARKER.split(part)[0].strip()
            if part:
                names.append(part)
    return names


# A task table flattened to lines (hongkou's): a column header 责任单位 / 配合单位 on a
# line of its own, then cells one per line; a cell holding only body names is a
# list of names.  And 职责分工 headings: "1.区绿化市容局（区分减联办）：负责…".
TABLE_HEADER = re.compile(r"^(?:责任单位|牵头单位|配合单位|责任部门)$", re.M)
DUTY_HEADING = re.compile(
    r"^(?:\d+[.．、]|[（(][一二三四五六七八九十\d]+[）)])\s*"
    r"((?:区|市)[^：:，,。；\n]{1,30}?)(?:[（(][^）)]*[）)])?[：:]",
    re.M,
)
BODY_END = re.compile(r"(?:局|委|办|室|中心|政府|办事处|部|队|会|集团|公司|院|所|站|镇|街道|处)$")


def table_and_duty_names(text: str) -> list[str]:
    names = [m.group(1) for m in DUTY_HEADING.finditer(text)]
    if TABLE_HEADER.search(text):
        start = TABLE_HEADER.search(text)
        assert start is not None
        for line in text[start.start() :].splitlines():
            parts = [p.strip() for p in SEPARATORS.split(line.strip()) if p.strip()]
            if parts and all(len(p) <= 20 and BODY_END.search(p) for p in parts):
                names.extend(parts)
    return names


def jurisdiction_of(path: Path) -> str:
    head = path.name.split("-", 1)[0]
    return "cn-sh" if head == "municipal" else f"cn-sh-{head}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    files = args.files or sorted(REAL.glob("*.txt"))
    if not files:
        sys.stderr.write(f"no texts: {REAL} is absent\n")
        return 1
    totals: Counter[str] = Counter()
    for path in files:
        jurisdiction = jurisdiction_of(path)
        counts: Counter[str] = Counter()
        missing: Counter[str] = Counter()
        text = path.read_text("utf-8-sig")
        for name in clause_names(text) + table_and_duty_names(text):
            if units.is_collective(name, jurisdiction=jurisdiction):
                counts["collective"] += 1
            elif units.lookup(name, jurisdiction=jurisdiction) is not None:
                counts["resolved"] += 1
            elif units.segment(name, jurisdiction=jurisdiction):
                counts["resolved"] += 1
                counts["segmented"] += 1
            else:
                counts["unresolved"] += 1
                missing[name] += 1
        bodies = counts["resolved"] + counts["unresolved"]
        share = f"{100 * counts['resolved'] / bodies:5.1f}%" if bodies else "    -"
        print(
            f"{path.name:40} {jurisdiction:16} names {sum(counts.values()) - counts['segmented']:4}"
            f"  collective {counts['collective']:3}"
            f"  resolved {counts['resolved']:3}/{bodies:<3} {share}"
        )
        if args.verbose and missing:
            print("    unresolved: " + " | ".join(f"{n}×{k}" for n, k in missing.most_common()))
        totals.update(counts)
    bodies = totals["resolved"] + totals["unresolved"]
    if bodies:
        print(
            f"{'all':40} {'':16} names {sum(totals.values()) - totals['segmented']:4}"
            f"  collective {totals['collective']:3}  resolved {totals['resolved']:3}/{bodies:<3}"
            f" {100 * totals['resolved'] / bodies:5.1f}%"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
