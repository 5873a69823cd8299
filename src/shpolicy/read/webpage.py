"""A web page saved from a government site, read as the policy it shows.

A policy page holds, besides the policy, the site's navigation, breadcrumbs
(首页 > 政务公开 > …), a metadata table (索引号, 发布机构, 发文字号 …), share
buttons (分享到), related links and a footer (版权所有, 沪ICP备…).  The reader:

1. decodes the page in the charset it declares (a byte-order mark, ``<meta
   charset>``, ``<meta http-equiv="Content-Type">`` or the XML declaration;
   GB2312 and GBK read as their superset GB18030), else as a text file is;
2. parses it with lxml.html and refuses a page nested deeper than
   :data:`~shpolicy.read.limits.MAX_HTML_DEPTH` (libxml2 would silently drop
   what lies deeper) or larger than :data:`~shpolicy.read.limits.MAX_HTML_BYTES`;
3. reads the page's metadata fields (:mod:`shpolicy.read.fields`);
4. drops what is never the article: scripts, styles, forms' controls,
   ``nav``/``aside``, a page-level ``header``/``footer``, hidden elements, the
   landmarks ARIA names (navigation, banner, contentinfo …), elements whose
   class or id says navigation, breadcrumbs, share bar, footer … (and not
   content), blocks that are mostly links, and the metadata table itself;
5. finds the article by text density: from ``<body>`` down, into the child
   that holds most of the remaining text (punctuation counting extra, link
   text not at all), until no child does;
6. writes the article's block elements and ``<br>`` as lines, table cells one
   to a line, with the page's title heading (``<h1>`` …, the one the
   ``<title>`` repeats) first when the article does not begin with it.

The result is the text a person would copy from the page; it is what is
parsed, so spans index it.  A page saved as one file (``.mhtml``, "Webpage,
single file") is unpacked to its HTML first.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from email.message import EmailMessage
from typing import Final

import attrs
from lxml import etree, html

from ..errors import FormatError
from .document import Document
from .fields import read_fields
from .limits import MAX_HTML_BYTES, MAX_HTML_DEPTH, mib
from .text import decode

__all__ = ["page_from_mhtml", "read_page"]

# -- charset ------------------------------------------------------------------
_META_CHARSET: Final = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*(?P<charset>[A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING: Final = re.compile(
    rb"""^\s*<\?xml[^>]+encoding\s*=\s*["'](?P<charset>[A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# Chinese sites declare GB2312 or GBK and use characters beyond them: GB18030
# holds both (and is what browsers decode them as).
_SUPERSETS: Final = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}
_CHARSET_WINDOW: Final = 4096


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset *data* declares in its first KiBs, if any."""
    head = data[:_CHARSET_WINDOW]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if m is None:
        return None
    name = m["charset"].decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, _SUPERSETS.get(codec, codec))


def decode_page(data: bytes, *, source: str | None, charset: str | None = None) -> str:
    """The page as text: a BOM first, then the declared charset, else UTF-8 or GB18030."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, source=source)
    declared = charset or declared_charset(data)
    if declared is not None and not declared.startswith(("utf-16", "utf-32")):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # a page that lies about its charset: read it as a text file is
    return decode(data, source=source)


# -- MHTML ----------------------------------------------------------------------
def page_from_mhtml(data: bytes, *, source: str | None) -> tuple[bytes, str | None]:
    """The HTML part of a page saved as one MIME file, and the charset its part header names."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset() if isinstance(part, EmailMessage) else None
                return payload, charset
    raise FormatError("a MIME (.mhtml) file without an HTML page in it", source=source)


# -- tree -----------------------------------------------------------------------
_XML_DECLARATION_TEXT: Final = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")


def _tree(text: str, source: str | None) -> html.HtmlElement:
    parser = html.HTMLParser(
        recover=True,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )
    # The charset is applied already; lxml refuses a str that still declares one.
    text = _XML_DECLARATION_TEXT.sub("", text, count=1)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise FormatError(f"not a readable web page ({exc})", source=source) from None
    if _depth_exceeded(root):
        raise FormatError(
            f"a web page nested more than {MAX_HTML_DEPTH} elements deep; refused", source=source
        )
    return root


def _depth_exceeded(root: etree._Element) -> bool:
    # libxml2 stops at depth 256 and reports it in the error log only; a tree
    # that reaches MAX_HTML_DEPTH is refused whichever way it was cut.
    stack: list[tuple[etree._Element, int]] = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_HTML_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in element)
    return False


# -- what is never the article --------------------------------------------------
_NEVER: Final = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "video",
        "audio",
        "map",
        "button",
        "select",
        "textarea",
        "input",
        "option",
        "head",
        "title",
        "link",
        "meta",
        "base",
        "nav",
        "aside",
        "menu",
    }
)
# Landmarks and class/id words that name page furniture, in the words site
# templates use.  A word of the first set anywhere in a class or id token
# ("main-nav", "share_bar") names furniture; one of the second only as the
# whole token (Bootstrap's "position-relative" is no breadcrumb).  A token
# naming content too (article, content, main, 正文 "zw" …) keeps the element.
_CHROME_ROLES: Final = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "toolbar"}
)
_CHROME_PARTS: Final = frozenset(
    {
        *("nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs"),
        *("share", "sharing", "social", "footer", "header", "sidebar", "toolbar", "copyright"),
        *("banner", "comment", "comments", "related", "recommend", "pagination", "pager"),
        *("popup", "modal", "login", "search", "skip", "qrcode", "fontsize"),
    }
)
_CHROME_TOKENS: Final = frozenset(
    {"position", "location", "top", "head", "foot", "side", "tools", "print", "font"}
)
_CONTENT_PARTS: Final = frozenset(
    {"article", "content", "main", "body", "text", "detail", "zw", "zoom", "正文"}
)
_TOKEN_PARTS: Final = re.compile(r"[-_]+|(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SMALL_FORM: Final = 200  # characters: a search box, a login, a font-size switch
_LINK_SHARE: Final = 0.6


def _names_chrome(names: str) -> bool:
    chrome = content = False
    for token in names.split():
        parts = {p.lower() for p in _TOKEN_PARTS.split(token) if p}
        content = content or bool(parts & _CONTENT_PARTS)
        chrome = chrome or bool(parts & _CHROME_PARTS) or token.lower() in _CHROME_TOKENS
    return chrome and not content


@attrs.frozen(kw_only=True, slots=True)
class _Size:
    """Non-blank characters of an element's text, of its link text, and its links."""

    chars: int
    linked: int
    links: int


def _sizes(root: etree._Element) -> dict[etree._Element, _Size]:
    """:class:`_Size` of every element, children before parents (one pass)."""
    sizes: dict[etree._Element, _Size] = {}
    for element in reversed(list(root.iter())):
        chars = _chars(element.text)
        linked = links = 0
        for child in element:
            size = sizes.get(child)
            if size is not None:
                chars += size.chars
                linked += size.linked
                links += size.links
            chars += _chars(child.tail)
        if element.tag == "a":
            linked, links = chars, links + 1
        sizes[element] = _Size(chars=chars, linked=linked, links=links)
    return sizes


def _chars(text: str | None) -> int:
    return len("".join(text.split())) if text else 0


def _is_chrome(element: html.HtmlElement, in_article: bool, size: _Size) -> bool:
    tag = element.tag
    if tag in _NEVER:
        return True
    if tag in ("header", "footer") and not in_article:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search(element.get("style") or ""):
        return True
    role = (element.get("role") or "").lower()
    if role in _CHROME_ROLES and not (in_article and role in ("banner", "contentinfo")):
        return True
    if _names_chrome(f"{element.get('class') or ''} {element.get('id') or ''}"):
        return True
    if tag == "form":
        return size.chars < _SMALL_FORM
    # A block that is mostly links: a related-documents list, a site map, a pager.
    return (
        tag in _LINK_BLOCKS
        and size.links >= 2
        and size.linked >= _LINK_SHARE * size.chars
        and size.chars - size.linked < _LINK_BLOCK_PROSE
    )


# Prose outside the links of a link block: dates, separators.  A block with
# more (an article among a mega-menu's links) is never dropped as a link list.
_LINK_BLOCK_PROSE: Final = 200
_LINK_BLOCKS: Final = frozenset({"ul", "ol", "dl", "div", "table", "p", "section", "td", "tr"})


def _drop_chrome(root: html.HtmlElement) -> None:
    sizes = _sizes(root)
    empty = _Size(chars=0, linked=0, links=0)
    todo: list[tuple[html.HtmlElement, bool]] = [(root, False)]
    doomed: list[html.HtmlElement] = []
    while todo:
        element, in_article = todo.pop()
        for child in element:
            if not isinstance(child.tag, str):
                doomed.append(child)  # a comment or processing instruction left over
            elif _is_chrome(child, in_article, sizes.get(child, empty)):
                doomed.append(child)
            else:
                todo.append((child, in_article or child.tag in ("article", "main")))
    for element in doomed:
        _remove(element)


def _remove(element: etree._Element) -> None:
    """Remove *element* but keep its tail text (the text after it belongs to its parent)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


# -- the article ------------------------------------------------------------------
_PUNCTUATION: Final = frozenset("，。；：、！？,.;:!?")
_DOMINANT: Final = 0.7


def _scores(root: etree._Element, weightless: set[etree._Element]) -> dict[etree._Element, float]:
    """Text weight of every element's subtree: characters, punctuation twice over, links and
    the *weightless* elements nothing."""
    scores: dict[etree._Element, float] = {}
    order: list[etree._Element] = list(root.iter())
    for element in reversed(order):  # children before parents
        score = 0.0
        if element in weightless:
            scores[element] = 0.0
            continue
        if element.tag != "a":
            score += _weight(element.text)
            for child in element:
                score += scores.get(child, 0.0)
        for child in element:
            score += _weight(child.tail) if element.tag != "a" else 0.0
        scores[element] = score
    return scores


def _weight(text: str | None) -> float:
    if not text:
        return 0.0
    chars = len("".join(text.split()))
    return chars + 2 * sum(1 for c in text if c in _PUNCTUATION)


def _article(body: etree._Element, weightless: set[etree._Element]) -> etree._Element:
    """The element holding the article: from *body* down, into the child that holds most
    of the text, until no child does."""
    scores = _scores(body, weightless)
    node = body
    while True:
        children = [c for c in node if isinstance(c.tag, str)]
        if not children:
            return node
        best = max(children, key=lambda c: scores.get(c, 0.0))
        if scores.get(best, 0.0) < _DOMINANT * scores.get(node, 0.0):
            return node
        if not any(child.tag in _BLOCK for child in best):
            return node  # one paragraph (or a run of text) is not the article, however long
        node = best


# -- lines --------------------------------------------------------------------------
_BLOCK: Final = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_INLINE: Final = frozenset({"a", "span", "font", "b", "strong", "i", "em", "u", "sup", "sub"})
_HTML_BLANKS: Final = re.compile(r"[ \t\n\r\f]+")


class _Lines:
    """Collects text into lines: block boundaries and ``<br>`` end a line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._parts: list[str] = []

    def add(self, text: str | None, pre: bool) -> None:
        if not text:
            return
        if not pre:
            self._parts.append(_HTML_BLANKS.sub(" ", text))
            return
        first, *rest = text.split("\n")
        self._parts.append(first)
        for piece in rest:
            self.end()
            self._parts.append(piece)

    def end(self) -> None:
        line = "".join(self._parts).strip(" \t\n\r\f")
        self._parts = []
        if line.strip():
            self.lines.append(line)


def _write(element: etree._Element, out: _Lines, pre: bool = False) -> None:
    # Depth is capped (MAX_HTML_DEPTH), so recursion is bounded.
    tag = element.tag
    if not isinstance(tag, str):
        out.add(element.tail, pre)
        return
    if tag == "br":
        out.end()
        out.add(element.tail, pre)
        return
    block = tag in _BLOCK
    inner_pre = pre or tag in ("pre", "textarea", "listing", "plaintext")
    if block:
        out.end()
    out.add(element.text, inner_pre)
    for child in element:
        _write(child, out, inner_pre)
    if block:
        out.end()
    out.add(element.tail, pre)


def _lines(element: etree._Element) -> list[str]:
    out = _Lines()
    tail = element.tail
    element.tail = None  # the article's tail is not the article
    try:
        _write(element, out)
    finally:
        element.tail = tail
    out.end()
    return out.lines


# -- the title ------------------------------------------------------------------------
_TITLE_WORD: Final = re.compile(r"title|biaoti|bt", re.IGNORECASE)
_MAX_TITLE: Final = 300


def _squash(text: str) -> str:
    return "".join(text.split())


def _title_heading(root: etree._Element, page_title: str) -> etree._Element | None:
    """The page's title heading: the heading that ``<title>`` repeats, else the first ``<h1>``."""
    candidates: list[tuple[etree._Element, str]] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        named = _TITLE_WORD.search(f"{element.get('class') or ''} {element.get('id') or ''}")
        if element.tag in ("h1", "h2", "h3") or (named and element.tag not in ("a", "head")):
            if any(a.tag in ("a", "nav", "title", "head") for a in element.iterancestors()):
                continue
            text = _heading_text(element)
            if 4 <= len(text) <= _MAX_TITLE:
                candidates.append((element, text))
    wanted = _squash(page_title)
    repeated = [c for c in candidates if wanted and _squash(c[1]) in wanted]
    if repeated:
        return max(repeated, key=lambda c: len(c[1]))[0]
    h1 = root.find(".//h1")
    if h1 is not None and 4 <= len(_heading_text(h1)) <= _MAX_TITLE:
        return h1
    return None


def _heading_text(element: etree._Element) -> str:
    return " ".join(" ".join(map(str, element.itertext())).split())


# -- the whole page -------------------------------------------------------------------
def read_page(data: bytes, *, source: str | None, charset: str | None = None) -> Document:
    """The article of a web page as text, and the page's metadata fields."""
    if len(data) > MAX_HTML_BYTES:
        raise FormatError(
            f"a web page of {mib(len(data))}, larger than the {mib(MAX_HTML_BYTES)} accepted; "
            "refused",
            source=source,
        )
    text = decode_page(data, source=source, charset=charset)
    root = _tree(text, source)
    page_title_element = root.find(".//title")
    page_title = "" if page_title_element is None else page_title_element.text_content()
    for element in list(root.iter("script", "style", "noscript", "template")):
        _remove(element)
    fields = read_fields(_lines(root))
    heading = _title_heading(root, page_title)
    title = None if heading is None else _heading_text(heading)
    _drop_chrome(root)
    body = root.find("body")
    # The fields and the title heading weigh nothing: they are read on their own.
    weightless = _field_elements(root)
    if heading is not None:
        weightless.add(heading)
    article = _article(body if body is not None else root, weightless)
    lines = _lines(article)
    if title is not None and not any(_squash(title) in _squash(line) for line in lines[:3]):
        lines.insert(0, title)
    return Document(text="\n".join(lines) + "\n" if lines else "", format="html", fields=fields)


def _field_elements(root: etree._Element) -> set[etree._Element]:
    """Elements of the page's metadata table: each field's label and, in a table, its value cell.

    They weigh nothing when the article is looked for, so that a table of
    fields beside a short article does not draw the search away from it.
    """
    found: set[etree._Element] = set()
    for element in root.iter():
        if not isinstance(element.tag, str) or not element.text or element.tag == "body":
            continue
        own = element.text.strip()
        if own and read_fields([own]):
            found.add(element)  # "发文字号：沪府办规〔2024〕5号"
        elif own and read_fields([own.rstrip(":：") + "：x"]):
            found.add(element)  # "发文字号：" alone: the value follows
            value = element.getnext()
            if value is not None:
                found.add(value)
    return found
