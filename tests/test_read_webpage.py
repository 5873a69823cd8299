"""Web pages: a saved policy page parses to the policy it shows, not the site around it."""

from __future__ import annotations

import datetime as dt
import email.policy
from email.message import EmailMessage
from pathlib import Path
from typing import Final

import pytest

import shpolicy
from pages import CHROME_WORDS, FIELDS_EN, FIELDS_ZH, saved_page
from shpolicy.errors import DecodeError, FormatError
from shpolicy.read import read_document, sniff
from shpolicy.read.limits import MAX_HTML_BYTES, MAX_HTML_DEPTH

ROOT: Final = Path(__file__).resolve().parent.parent
TEXTS: Final = sorted((ROOT / "samples").glob("*.txt")) + sorted(
    (ROOT / "tests" / "corpus" / "texts").glob("*.txt")
)


def squash(text: str | None) -> str:
    return "".join((text or "").split())


def outline(policy: shpolicy.Policy) -> list[tuple[str, str, list[str]]]:
    """What a page must share with its text: each measure's label, title and units."""
    return [
        (m.label, squash(m.title), [u.name for u in m.responsible_units])
        for m in policy.all_measures()
    ]


def assert_same_policy(text: str, page: bytes) -> None:
    from_text = shpolicy.parse_text(text)
    from_page = shpolicy.parse_bytes(page, source="policy.html")
    assert squash(from_page.title) == squash(from_text.title)
    assert outline(from_page) == outline(from_text)
    extracted = read_document(page, source="policy.html").text
    for word in CHROME_WORDS:
        assert word in text or word not in extracted, word


# -- the page parses as its text does ---------------------------------------------
@pytest.mark.parametrize("named", [True, False], ids=["named-furniture", "opaque-ids"])
@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_a_saved_page_parses_as_its_text(path: Path, named: bool) -> None:
    text = shpolicy.read.decode(path.read_bytes())
    # Chinese sites declare GB2312 and write GB18030; the English one UTF-8.
    page = saved_page(text, charset="gb2312", named=named, title_in_article=not named)
    assert_same_policy(text, page.encode("gb18030"))


def test_the_real_texts_as_pages(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "real").glob("*.txt")):
        text = path.read_text("utf-8-sig")
        for named in (True, False):
            assert_same_policy(text, saved_page(text, named=named).encode("utf-8"))


def test_spans_index_the_extracted_text(sample_paths: list[Path]) -> None:
    text = sample_paths[1].read_text("utf-8-sig")
    page = saved_page(text).encode("utf-8")
    extracted = read_document(page).text
    policy = shpolicy.parse_bytes(page)
    assert policy.text == extracted  # the model keeps the text its spans index
    assert policy.all_measures()
    for measure in policy.all_measures():
        assert extracted[measure.span.start : measure.span.end].startswith(measure.label)


def test_the_page_furniture_is_left_out() -> None:
    text = (
        "关于加强政府投资项目管理的实施意见\n一、总体要求\n1.加强统筹。（责任单位：市发展改革委）\n"
    )
    extracted = read_document(saved_page(text).encode("utf-8"), source="p.html").text
    assert extracted == text
    assert "1. 这不是措施" not in extracted  # the script's string


# -- the metadata table -----------------------------------------------------------
ZH_TEXT: Final = (
    "关于加强政府投资项目管理的实施意见\n一、总体要求\n1.加强统筹。（责任单位：市发展改革委）\n"
)


def test_page_fields_fill_what_the_text_lacks() -> None:
    policy = shpolicy.parse_bytes(saved_page(ZH_TEXT).encode("utf-8"), source="p.html")
    assert policy.doc_number == FIELDS_ZH["发文字号"]
    assert policy.issued == dt.date(2024, 5, 6)
    assert policy.published == dt.date(2024, 5, 8)
    assert [u.name for u in policy.issuers] == ["上海市人民政府办公厅"]
    assert policy.issuers[0].unit_id is not None
    (note,) = [d for d in policy.diagnostics if d.code == "page-metadata"]
    assert note.span is None
    assert "索引号: 0000000000/2024-00123 (not used)" in note.message
    assert "发文字号: 沪府办规〔2024〕5号 (used for doc_number)" in note.message
    # the exports keep what came from the page
    assert shpolicy.from_json(shpolicy.to_json(policy)) == policy
    assert shpolicy.from_akn(shpolicy.to_akn(policy)) == policy


def test_the_text_wins_over_the_page_fields() -> None:
    text = "关于加强政府投资项目管理的实施意见\n沪府办发〔2023〕9号\n一、总体要求\n1.加强统筹。\n"
    policy = shpolicy.parse_bytes(saved_page(text).encode("utf-8"))
    assert policy.doc_number == "沪府办发〔2023〕9号"
    (note,) = [d for d in policy.diagnostics if d.code == "page-metadata"]
    assert "发文字号: 沪府办规〔2024〕5号 (not used)" in note.message


def test_english_page_fields() -> None:
    text = (
        "Several Measures on Supporting the Online New Economy\n"
        "I. General Requirements\n1. Strengthen coordination. (Responsible units: "
        "Municipal Commission of Commerce)\n"
    )
    page = saved_page(text, fields=FIELDS_EN).encode("utf-8")
    policy = shpolicy.parse_bytes(page)
    assert policy.title == "Several Measures on Supporting the Online New Economy"
    assert policy.published == dt.date(2024, 5, 8)
    assert policy.doc_number == "SMPG GO [2024] No. 5"
    assert [u.name for u in policy.issuers] == [FIELDS_EN["Issued by"]]


def test_fields_in_a_list_several_to_a_line() -> None:
    page = (
        "<html><head><title>关于加强政府投资项目管理的实施意见</title></head><body>"
        "<ul><li>索引号：A-1</li><li><span>发文字号：</span>沪府办规〔2024〕5号"
        "&nbsp;&nbsp;&nbsp;成文日期：2024年5月6日</li></ul>"
        "<h1>关于加强政府投资项目管理的实施意见</h1><div><p>一、总体要求</p>"
        "<p>1.加强统筹，推进项目建设。（责任单位：市发展改革委）</p></div></body></html>"
    )
    document = read_document(page.encode("utf-8"))
    assert [(f.kind, f.value) for f in document.fields] == [
        ("index", "A-1"),
        ("number", "沪府办规〔2024〕5号"),
        ("issued", "2024年5月6日"),
    ]
    policy = shpolicy.parse_bytes(page.encode("utf-8"))
    assert policy.issued == dt.date(2024, 5, 6)
    assert policy.title == "关于加强政府投资项目管理的实施意见"


# -- charsets -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        ('<meta charset="GB2312">', "gb18030"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=gbk">', "gbk"),
        ("", "utf-8"),
        ("", "gb18030"),
        ('<meta charset="utf-8">', "utf-8-sig"),
        ('<?xml version="1.0" encoding="GB2312"?>', "gb18030"),
    ],
)
def test_the_page_is_read_in_its_charset(declaration: str, encoding: str) -> None:
    lines = ZH_TEXT.replace("\n", "<br>")
    page = f"{declaration}<html><head><title>t</title></head><body><p>{lines}</p></body></html>"
    if declaration.startswith("<?xml"):
        page = declaration + page[len(declaration) :].replace(
            "<html>", '<html xmlns="http://www.w3.org/1999/xhtml">'
        )
    policy = shpolicy.parse_bytes(page.encode(encoding), source="page.htm")
    assert [u.name for m in policy.all_measures() for u in m.responsible_units] == ["市发展改革委"]


def test_a_page_that_lies_about_its_charset_is_read_as_text_would_be() -> None:
    lines = ZH_TEXT.replace("\n", "<br>")
    page = f'<meta charset="utf-8"><body><p>{lines}</p></body>'.encode("gb18030")
    assert shpolicy.parse_bytes(page).all_measures()[0].responsible_units[0].name == "市发展改革委"


def test_undecodable_page_names_the_byte() -> None:
    with pytest.raises(DecodeError, match=r"^p\.html: byte \d+"):
        shpolicy.parse_bytes(b"<html><body>\xff\xfe\xfd\xff</body></html>", source="p.html")


# -- telling a page by its content ----------------------------------------------------
@pytest.mark.parametrize(
    ("head", "suffix", "kind"),
    [
        (b"<!DOCTYPE html><html>", "", "html"),
        (b"\xef\xbb\xbf  <!-- saved --> <html lang=zh>", ".txt", "html"),
        ("<html>".encode("utf-16"), "", "html"),
        (b"<div><p>x</p></div>", ".htm", "html"),
        (b"<div><p>x</p></div>", ".txt", "xml"),
        (b'<?xml version="1.0"?><akomaNtoso/>', ".xml", "xml"),
        ("《上海市若干措施》\n1. x".encode(), ".html", "text"),
        ("<上海市若干措施>".encode(), "", "text"),
        (
            b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;",
            "",
            "mhtml",
        ),
    ],
)
def test_sniff(head: bytes, suffix: str, kind: str) -> None:
    assert sniff(head, suffix) == kind


def test_a_page_named_txt_is_read_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_bytes(saved_page(ZH_TEXT).encode("utf-8"))
    policy = shpolicy.parse_file(path)
    assert policy.title == "关于加强政府投资项目管理的实施意见"
    assert policy.source == str(path)


def test_xml_is_refused_with_a_pointer_to_validate() -> None:
    xml = shpolicy.to_akn(shpolicy.parse_text(ZH_TEXT))
    with pytest.raises(FormatError, match=r"^out\.xml: XML, not a policy text .*validate"):
        shpolicy.parse_bytes(xml, source="out.xml")


def test_a_page_saved_as_one_file() -> None:
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "<Saved by Blink>"
    message["Subject"] = "policy"
    message.set_content("<html><body>x</body></html>", subtype="html")
    message.replace_header("Content-Type", 'multipart/related; boundary="b"')
    html_part = EmailMessage()
    page = saved_page(ZH_TEXT, charset="gb2312")
    html_part.set_content(
        page.encode("gb18030"), maintype="text", subtype="html", cte="quoted-printable"
    )
    html_part.replace_header("Content-Type", 'text/html; charset="gb2312"')
    message.set_payload([html_part])
    data = message.as_bytes()
    assert sniff(data[:8192]) == "mhtml"
    policy = shpolicy.parse_bytes(data, source="policy.mhtml")
    assert policy.title == "关于加强政府投资项目管理的实施意见"
    assert policy.doc_number == FIELDS_ZH["发文字号"]


# -- hostile pages ----------------------------------------------------------------------
def test_a_page_nested_a_million_deep_is_refused() -> None:
    depth = 1_000_000
    page = b"<html><body>" + b"<div>" * depth + b"x" + b"</div>" * depth + b"</body></html>"
    with pytest.raises(FormatError, match=f"nested more than {MAX_HTML_DEPTH}"):
        shpolicy.parse_bytes(page, source="deep.html")


def test_a_page_nested_just_within_the_limit_is_read() -> None:
    depth = MAX_HTML_DEPTH - 3
    lines = ZH_TEXT.replace("\n", "<br>")
    page = "<html><body>" + "<div>" * depth + lines + "</div>" * depth + "</body></html>"
    assert shpolicy.parse_bytes(page.encode()).all_measures()


def test_a_huge_page_in_memory_is_refused() -> None:
    page = b"<html><body><p>" + b"x" * MAX_HTML_BYTES + b"</p></body></html>"
    with pytest.raises(FormatError, match=r"^big\.html: a web page of 32\.0 MiB, larger than"):
        shpolicy.parse_bytes(page, source="big.html")


def test_a_huge_page_on_disk_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    with path.open("wb") as stream:
        stream.write(b"<!DOCTYPE html><html><body>")
        stream.truncate(300 * 1024 * 1024)  # sparse: nothing is written, or read
    with pytest.raises(FormatError, match=r"a web page of 300 MiB, larger than the 32 MiB"):
        shpolicy.parse_file(path)
