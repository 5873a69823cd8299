"""Archival fidelity: the Akoma Ntoso body holds every character of the source once, in order.

Checked on the samples, the test corpus and the real published texts of
``../shared/real`` (skipped where that directory is absent): the text of the
export outside ``<meta>`` is the parsed text itself, so nothing is dropped and
nothing is added; the export is schema-valid and reads back to the same policy.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from lxml import etree

from shpolicy import Policy, from_akn, parse_file, to_akn
from shpolicy.akn import schema_path, validation_report
from shpolicy.akn.read import document_text
from shpolicy.model import Block, Span

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"
SOURCES = sorted(
    [
        *ROOT.joinpath("samples").glob("*.txt"),
        *ROOT.joinpath("tests", "corpus", "texts").glob("*.txt"),
    ]
)
REAL_TEXTS = sorted(REAL.glob("*.txt")) if REAL.is_dir() else []
_BLANKS = re.compile(r"\s+")


def _dropped_and_added(source: str, xml: bytes) -> tuple[int, int]:
    """Non-blank characters of *source* missing from the export outside <meta>, and extra ones.

    The same alignment as ../shared/tools/real_report.py, so the numbers agree.
    """
    root = etree.fromstring(xml)
    for meta in list(root.iter("{*}meta")):
        parent = meta.getparent()
        assert parent is not None
        parent.remove(meta)
    src = _BLANKS.sub("", source)
    out = _BLANKS.sub("", "".join(str(piece) for piece in root.itertext()))
    matcher = SequenceMatcher(None, src, out, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return len(src) - same, len(out) - same


def _check(path: Path) -> None:
    policy = parse_file(path)
    xml = to_akn(policy)
    root = etree.fromstring(xml)
    doc = root.find("{*}doc")
    assert doc is not None
    assert document_text(doc) == policy.text, "the body's text is not the parsed text"
    assert _dropped_and_added(policy.text, xml) == (0, 0)
    assert from_akn(xml) == policy
    if schema_path() is not None:
        assert validation_report(xml).problems == ()


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_sample_and_corpus_exports_keep_every_character(path: Path) -> None:
    _check(path)


@pytest.mark.skipif(not REAL_TEXTS, reason="../shared/real is absent")
@pytest.mark.parametrize("path", REAL_TEXTS, ids=lambda p: p.name)
def test_real_texts_keep_every_character(path: Path) -> None:
    _check(path)


def test_characters_xml_cannot_hold_come_back_from_the_record() -> None:
    text = "Title\x00\n\ud800 body \x0b\ufffe end\r\n"
    policy = Policy(
        title="Title",
        text=text,
        layout=(Block(kind="title", span=Span(start=0, end=6)),),
    )
    xml = to_akn(policy)
    assert b"chars=" in xml
    assert from_akn(xml) == policy


def test_text_no_block_covers_is_kept_as_unplaced() -> None:
    text = "Title\nstray words\n1. Do this.\n"
    title = Block(kind="title", span=Span(start=0, end=5))
    policy = Policy(title="Title", text=text, layout=(title,))
    xml = to_akn(policy)
    root = etree.fromstring(xml)
    unplaced = root.findall(".//{*}p[@class='unplaced']")
    texts = ["".join(str(t) for t in p.itertext()) for p in unplaced]
    assert texts == ["stray words", "1. Do this."]
    assert from_akn(xml) == policy
