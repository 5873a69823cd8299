"""Folded text: checks on it look only for characters it can hold."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator, Mapping

import pytest

import shpolicy
from shpolicy.header import is_org_line
from shpolicy.lines import Line
from shpolicy.normalize import fold, folded_chars

# Constants that hold foldable characters on purpose, and why.
NOT_CHECKS_ON_FOLDED_TEXT = {
    # the fold table itself
    ("shpolicy.normalize", "_TABLE"),
    ("shpolicy.normalize", "_FOLDABLE"),
    # prose of the diagnostics catalogue, quoting texts as written
    ("shpolicy.diagnostics", "*"),
    # join_hard_wrapped's blanks and sentence ends: a dead tab and "；：！？）" left
    # to the rewrite of that function on another branch (they can never match,
    # so they change nothing)
    ("shpolicy.lines", "_SENTENCE_ENDS"),
    ("shpolicy.lines", "_SENTENCE_END_SET"),
    ("shpolicy.lines", "_BLANK"),
    ("shpolicy.lines", "_BLANK_OR_BREAK"),
    # the check that folding keeps an ASCII text's skeleton feeds it every ASCII character
    ("shpolicy.targets", "_ALL_ASCII"),
    # Read as written, never folded: Akoma Ntoso XML, registry names, a web
    # page or office file before its text is extracted, a model's strings
    ("shpolicy.akn", "*"),
    ("shpolicy.units", "*"),
    ("shpolicy.read", "*"),
    ("shpolicy.jurisdiction", "*"),
    # tables and reports write the model's strings as they are (a tab opens a
    # spreadsheet formula)
    ("shpolicy.tables", "*"),
    ("shpolicy.report", "*"),
}


@pytest.mark.parametrize(
    "name",
    [
        "上海市商务委员会；上海市财政局",
        "上海市商务委员会;上海市财政局",
        "Shanghai Municipal Commission of Commerce; Shanghai Municipal Finance Bureau",
        "上海市商务委员会，上海市财政局",
    ],
)
def test_a_line_naming_two_bodies_is_not_the_name_of_a_body(name: str) -> None:
    assert not is_org_line(fold(name), Line(start=0, end=len(name), number=1))


@pytest.mark.parametrize(
    "name",
    ["上海市商务委员会", "Shanghai Municipal Commission of Commerce", "上海市人民政府办公厅"],
)
def test_the_name_of_a_body_is_one(name: str) -> None:
    assert is_org_line(fold(name), Line(start=0, end=len(name), number=1))


def test_a_semicolon_in_a_signature_line_makes_it_no_signature() -> None:
    text = (
        "关于某事的通知\n一、做某事。\n二、做另一事。\n上海市商务委员会；上海市财政局\n2024年5月1日"
    )
    policy = shpolicy.parse_text(text)
    assert policy.issuers == ()
    alone = shpolicy.parse_text(text.replace("；上海市财政局", ""))
    assert [u.name for u in alone.issuers] == ["上海市商务委员会"]


def test_folded_chars_refuses_what_folding_removes() -> None:
    assert folded_chars("。.;") == "。.;"
    with pytest.raises(ValueError, match="；"):
        folded_chars("。；")
    with pytest.raises(ValueError, match="（"):
        folded_chars("（")


def _exempt(module: str, name: str) -> bool:
    """Whether the constant, or its module or package, is listed above."""
    if (module, name) in NOT_CHECKS_ON_FOLDED_TEXT:
        return True
    parts = module.split(".")
    packages = {(".".join(parts[:n]), "*") for n in range(1, len(parts) + 1)}
    return bool(packages & NOT_CHECKS_ON_FOLDED_TEXT)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, re.Pattern):
        yield str(value.pattern)
    elif isinstance(value, tuple | frozenset | set | list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, Mapping):
        for key in value:
            yield from _strings(key)


def _module_constants() -> Iterator[tuple[str, str, str]]:
    for info in pkgutil.walk_packages(shpolicy.__path__, "shpolicy."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.startswith("__") or isinstance(value, type) or callable(value):
                continue
            for text in _strings(value):
                yield info.name, name, text


def test_no_constant_looks_for_a_character_folding_removes() -> None:
    dead = set()
    for module, name, text in _module_constants():
        if _exempt(module, name):
            continue
        if fold(text) != text:
            dead.add((module, name, "".join(sorted({c for c in text if fold(c) != c}))))
    assert dead == set()


def test_the_constant_scan_sees_the_exempted_sets() -> None:
    seen = {(module, name) for module, name, _ in _module_constants()}
    assert ("shpolicy.lines", "_SENTENCE_ENDS") in seen
    assert ("shpolicy.item_tree", "_FULL_STOPS") in seen
