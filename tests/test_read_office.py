"""Word files and PDFs made by the tests, legacy and foreign formats, and hostile archives."""

from __future__ import annotations

import importlib.util
import io
import zipfile
import zlib
from pathlib import Path
from typing import Final

import pytest

import shpolicy
from shpolicy.errors import FormatError, MissingDependencyError
from shpolicy.read import read_document
from shpolicy.read.limits import MAX_DOCX_PARTS, MAX_PDF_PAGES

ROOT: Final = Path(__file__).resolve().parent.parent
ZH_SAMPLE: Final = ROOT / "samples" / "online-new-economy-measures.zh.txt"
needs_docx = pytest.mark.skipif(
    importlib.util.find_spec("docx") is None, reason="python-docx (shpolicy[docx]) not installed"
)
needs_pdf = pytest.mark.skipif(
    importlib.util.find_spec("pypdf") is None or importlib.util.find_spec("reportlab") is None,
    reason="pypdf (shpolicy[pdf]) or reportlab not installed",
)


def outline(policy: shpolicy.Policy) -> list[tuple[str, str, list[str]]]:
    return [
        (m.label, "".join(m.title.split()), [u.name for u in m.responsible_units])
        for m in policy.all_measures()
    ]


# -- Word ---------------------------------------------------------------------------
def make_docx(text: str, *, table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@needs_docx
@pytest.mark.parametrize("path", sorted((ROOT / "samples").glob("*.txt")), ids=lambda p: p.stem)
def test_a_word_file_parses_as_its_text(path: Path) -> None:
    text = path.read_text("utf-8-sig")
    data = make_docx(text)
    policy = shpolicy.parse_bytes(data, source="policy.docx")
    assert policy.text == read_document(data).text
    expected = shpolicy.parse_text(text)
    assert policy.title == expected.title
    assert outline(policy) == outline(expected)


@needs_docx
def test_a_word_table_is_read_row_by_row_one_cell_to_a_line(tmp_path: Path) -> None:
    data = make_docx(
        "任务分工表", table=[["序号", "任务", "牵头单位"], ["1", "加强统筹", "市发展改革委"]]
    )
    assert (
        read_document(data).text == "任务分工表\n序号\n任务\n牵头单位\n1\n加强统筹\n市发展改革委\n"
    )
    path = tmp_path / "renamed.doc"  # a .docx renamed: the content decides
    path.write_bytes(data)
    policy = shpolicy.parse_file(path)
    assert policy.title == "任务分工表"  # a kind of document (分工) on a line of its own
    assert policy.preamble.startswith("序号\n任务\n牵头单位")


def test_a_word_file_without_the_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "docx" else real(name)
    )
    with pytest.raises(MissingDependencyError) as caught:
        shpolicy.parse_bytes(docx_package(), source="p.docx")
    message = str(caught.value)
    assert message.startswith("p.docx: a Word (.docx) document")
    assert "pip install 'shpolicy[docx]'" in message


def docx_package(extra: dict[str, bytes] | None = None, document: bytes | None = None) -> bytes:
    """A minimal Word package, with *extra* members and *document* as word/document.xml."""
    body = document or (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>1. x</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", body)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


@needs_docx
def test_a_minimal_word_package_is_read() -> None:
    assert read_document(docx_package()).text == "1. x\n"


def test_a_zip_bomb_is_refused() -> None:
    data = docx_package({"word/media/bomb.xml": b" " * (64 * 1024 * 1024)})
    assert len(data) < 1024 * 1024
    with pytest.raises(FormatError, match=r"bomb\.xml' unpacks \d+ times its packed size"):
        shpolicy.parse_bytes(data, source="bomb.docx")


def test_a_thousand_part_word_file_is_refused() -> None:
    parts = {f"word/media/part{i}.xml": b"<x/>" for i in range(MAX_DOCX_PARTS + 500)}
    with pytest.raises(FormatError, match=r"^many\.docx: a ZIP archive of 1503 parts, more than"):
        shpolicy.parse_bytes(docx_package(parts), source="many.docx")


def test_a_word_file_nested_too_deep_is_refused() -> None:
    depth = 2_000  # libxml2 refuses more than 256 levels
    deep = (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body>"
        + b"<w:tbl><w:tr><w:tc>" * depth
        + b"</w:tc></w:tr></w:tbl>" * depth
        + b"</w:body></w:document>"
    )
    pytest.importorskip("docx")
    with pytest.raises(FormatError, match=r"^deep\.docx: not a readable Word document"):
        shpolicy.parse_bytes(docx_package(document=deep), source="deep.docx")


@pytest.mark.parametrize(
    ("member", "kind"),
    [
        ("xl/workbook.xml", "an Excel workbook"),
        ("content.xml", "an OpenDocument file"),
        ("notes.txt", "a ZIP archive"),
    ],
)
def test_other_archives_say_what_they_are(member: str, kind: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "x")
    with pytest.raises(FormatError, match=f"^a.zip: {kind}.*, not a Word"):
        shpolicy.parse_bytes(buffer.getvalue(), source="a.zip")


def test_a_damaged_zip_is_refused() -> None:
    with pytest.raises(FormatError, match="damaged ZIP archive"):
        shpolicy.parse_bytes(b"PK\x03\x04" + b"\x00" * 100, source="broken.docx")


# -- legacy and foreign formats ---------------------------------------------------------
OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("policy.doc", "a Word 97–2003 document (.doc)"),
        ("policy.wps", "a WPS Office document (.wps)"),
        ("upload", "a legacy Office document (.doc, .wps …)"),
        ("policy.txt", "a legacy Office document (.doc, .wps …)"),
    ],
)
def test_legacy_word_and_wps_files_say_what_they_are(source: str, said: str) -> None:
    with pytest.raises(FormatError) as caught:
        shpolicy.parse_bytes(OLE, source=source)
    assert str(caught.value).startswith(f"{source}: {said}, an OLE compound file")
    assert "save it as .docx, PDF or text" in str(caught.value)


def test_rtf_says_what_it_is() -> None:
    with pytest.raises(FormatError, match=r"^p\.rtf: an RTF document"):
        shpolicy.parse_bytes(b"{\\rtf1\\ansi hello}", source="p.rtf")


# -- PDF --------------------------------------------------------------------------------
WIDTH: Final = 30


def wrapped(text: str) -> list[str]:
    """The text cut at WIDTH characters, each paragraph's first line indented, as printed."""
    out: list[str] = []
    for paragraph in text.splitlines():
        rest = "\u3000\u3000" + paragraph.strip() if paragraph.strip() else ""
        while rest:
            out.append(rest[:WIDTH])
            rest = rest[WIDTH:]
    return out


def make_pdf(lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    y = A4[1] - 60
    pdf.setFont("STSong-Light", 14)
    for line in lines:
        if y < 60:
            pdf.showPage()
            pdf.setFont("STSong-Light", 14)
            y = A4[1] - 60
        pdf.drawString(60, y, line)
        y -= 22
    pdf.save()
    return buffer.getvalue()


@needs_pdf
def test_a_pdf_parses_as_its_text() -> None:
    # Cut at the page width as printed: the hard-wrap joiner undoes the cuts.
    text = ZH_SAMPLE.read_text("utf-8-sig")
    lines = wrapped(text)
    lines.insert(len(lines) // 2, "— 2 —")  # a page number between two halves of a line
    data = make_pdf(lines)
    policy = shpolicy.parse_bytes(data, source="policy.pdf")
    assert policy.text == read_document(data).text
    expected = shpolicy.parse_text(text)
    assert policy.title == expected.title
    assert outline(policy) == outline(expected)


@needs_pdf
def test_a_pdf_without_text_is_refused() -> None:
    with pytest.raises(FormatError, match=r"^scan\.pdf: a PDF without text \(a scan\?\)"):
        shpolicy.parse_bytes(make_pdf([]), source="scan.pdf")


def test_a_pdf_without_the_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "pypdf" else real(name)
    )
    with pytest.raises(MissingDependencyError, match=r"^p\.pdf: a PDF document; .*shpolicy\[pdf\]"):
        shpolicy.parse_bytes(pdf_file([b"BT ET"]), source="p.pdf")


def pdf_file(
    contents: list[bytes], *, kids: bytes | None = None, extra: tuple[bytes, ...] = ()
) -> bytes:
    """A PDF written by hand: one page per content stream, or a page tree of its own."""
    objects: list[bytes] = []
    pages = [f"{4 + 2 * i} 0 R".encode() for i in range(len(contents))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(
        b"<< /Type /Pages /Kids [" + (kids or b" ".join(pages)) + b"] /Count %d >>" % len(contents)
    )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(content)
    objects.extend(extra)
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(data: bytes, *, flate: bool = False) -> bytes:
    head = b"<< /Length %d%s >>" % (len(data), b" /Filter /FlateDecode" if flate else b"")
    return head + b"\nstream\n" + data + b"\nendstream"


@needs_pdf
def test_a_hand_made_pdf_is_read() -> None:
    data = pdf_file([stream(b"BT /F1 12 Tf 72 700 Td (1. Strengthen coordination.) Tj ET")])
    assert read_document(data).text == "1. Strengthen coordination.\n"


@needs_pdf
def test_a_pdf_stream_that_inflates_to_gigabytes_is_refused() -> None:
    # 256 MiB of blanks pack into about 256 KiB; pypdf stops inflating at 75 MB.
    packer = zlib.compressobj(9)
    block = b" " * (1024 * 1024)
    bomb = b"".join(packer.compress(block) for _ in range(256)) + packer.flush()
    data = pdf_file([stream(bomb, flate=True)])
    with pytest.raises(FormatError, match=r"^bomb\.pdf: not a readable PDF \(LimitReachedError"):
        shpolicy.parse_bytes(data, source="bomb.pdf")


@needs_pdf
def test_a_page_tree_that_loops_is_refused() -> None:
    # The page tree's only kid is a Pages node whose kid is the tree again.
    data = pdf_file(
        [], kids=b"4 0 R", extra=(b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>",)
    )
    with pytest.raises(FormatError, match=r"^loop\.pdf: "):
        shpolicy.parse_bytes(data, source="loop.pdf")


@needs_pdf
def test_an_object_stream_that_extends_itself_is_refused() -> None:
    # An object stream whose /Extends is itself, holding the page's content.
    objects = b"5 0 "
    inner = objects + b"(1. x) Tj"
    looping = (
        b"<< /Type /ObjStm /N 1 /First %d /Extends 6 0 R /Length %d >>\nstream\n"
        % (len(objects), len(inner))
        + inner
        + b"\nendstream"
    )
    data = pdf_file([b"6 0 R"], extra=(looping,))
    with pytest.raises(FormatError, match=r"^objstm\.pdf: "):
        shpolicy.parse_bytes(data, source="objstm.pdf")


@needs_pdf
def test_a_pdf_of_too_many_pages_is_refused() -> None:
    content = stream(b"BT /F1 12 Tf 72 700 Td (x) Tj ET")
    data = pdf_file([content] * (MAX_PDF_PAGES + 1))
    with pytest.raises(FormatError, match=f"a PDF of {MAX_PDF_PAGES + 1} pages, more than"):
        shpolicy.parse_bytes(data, source="long.pdf")


def test_unwrap_closes_up_chinese_and_spaces_latin() -> None:
    from shpolicy.read.pdf import unwrap

    zh = "加强统筹协调，完善工作机制，推动各项措施落地见效，" * 3 + "（责任单位：市发展改革委）"
    cut = [zh[i : i + 20] for i in range(0, len(zh), 20)]
    text = "1." + "\n".join(cut[:2]) + "\n— 2 —\n" + "\n".join(cut[2:]) + "\n2.短句。\n"
    assert unwrap(text) == f"1.{zh}\n2.短句。"
    en = "The Municipal Commission shall strengthen the coordination of all districts " * 3
    lines = [en[i : i + 40] for i in range(0, len(en), 40)]
    assert unwrap("\n".join(lines) + "\nEnd.") == " ".join(x.strip() for x in lines) + "\nEnd."
    assert unwrap("one line\nanother\n") == "one line\nanother\n"
