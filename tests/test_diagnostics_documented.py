"""One catalogue of diagnostic codes (shpolicy.diagnostics): documented, used, and used by name."""

from __future__ import annotations

import ast
from pathlib import Path

import shpolicy
from pages import saved_page
from shpolicy.diagnostics import CATALOGUE, CODES, markdown_table

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "shpolicy"
TEXTS = [
    *sorted((ROOT / "samples").glob("*.txt")),
    *sorted((ROOT / "tests" / "corpus" / "texts").glob("*.txt")),
]
# Shapes the samples and the corpus do not hold, one per code they leave out.
CRAFTED = (
    # validity-end-computed: a period counted from the document's own date of issue
    "关于某事的实施办法\n（2024年3月1日）\n一、做某事。\n本办法自印发之日起施行，有效期2年。",
    # empty-responsibility-clause, validity-end-unknown
    "Measures on Something\n1. Do it. (Responsible unit: )\n"
    "These Measures shall be valid for five years.",
    # no-measures
    "关于某事的意见\n为做好某事，现提出意见。",
    # unplaced-text, numbering-out-of-order
    "关于某事的意见\n一、做某事。（责任单位：市商务委）\n这是一段话。\n三、做另一事。\n二、做第三件事。",
    # task-units-ambiguous (three cells of bodies, two columns), task-row-incomplete (none),
    # task-table-unread (a header and no row)
    "关于某事的实施方案\n一、做某事。（责任单位：市商务委）\n附件1\n任务分工表\n序号\n任务\n责任单位\n"
    "配合单位\n1\n推进建设\n市发展改革委\n市财政局\n市商务委\n2\n加强保障\n落实资金\n附件2\n序号\n任务\n"
    "牵头单位\n（表格略）",
)
# The modules allowed to build a Diagnostic themselves: the catalogue, and the
# Akoma Ntoso readers, which restore the diagnostics a document records.
BUILDERS = {
    PACKAGE / "diagnostics.py",
    PACKAGE / "akn" / "read.py",
    PACKAGE / "akn" / "read_v1.py",
}


def test_docs_hold_the_catalogue_table() -> None:
    docs = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert markdown_table() in docs, "run: python -m shpolicy.diagnostics (and paste the table)"


def test_one_entry_per_code() -> None:
    assert tuple(kind.code for kind in CATALOGUE) == CODES


def test_emitted_diagnostics_are_catalogue_entries_and_every_entry_is_emitted() -> None:
    by_code: dict[str, str] = {kind.code: kind.severity for kind in CATALOGUE}
    policies = [shpolicy.parse_bytes(p.read_bytes(), source=p.name) for p in TEXTS]
    policies.extend(shpolicy.parse_text(text) for text in CRAFTED)
    # page-metadata: a saved web page's metadata table
    page = saved_page("关于某事的实施意见\n一、总体要求\n1.加强统筹。（责任单位：市发展改革委）\n")
    policies.append(shpolicy.parse_bytes(page.encode("utf-8"), source="page.html"))
    seen = set()
    for policy in policies:
        for diagnostic in policy.diagnostics:
            assert by_code.get(diagnostic.code) == diagnostic.severity, diagnostic
            seen.add(diagnostic.code)
    assert seen == set(CODES), set(CODES) - seen


def _builds_diagnostics(path: Path) -> list[int]:
    """Lines where *path* calls ``Diagnostic(...)`` (by name or as an attribute)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name == "Diagnostic":
                lines.append(node.lineno)
    return lines


def test_stages_report_through_the_catalogue() -> None:
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if path not in BUILDERS and (lines := _builds_diagnostics(path))
    }
    assert offenders == {}
    # the check itself sees a call
    assert _builds_diagnostics(PACKAGE / "diagnostics.py")
