"""The report in a real browser: headless Chromium renders it, and what it shows is checked.

The test skips, saying so, where no Chromium is installed (``.ci/run``
installs Debian's ``chromium`` and ``fonts-noto-cjk`` when it can).  Where
one is, it checks the DOM the browser built (every link resolves, a body
page lists its measures, nothing is wider than a phone), that Chinese is drawn
with real glyphs rather than empty boxes, and that screenshots are not blank.

``SHPOLICY_SCREENSHOTS=docs pytest tests/test_report_browser.py`` also saves
the two screenshots the README shows.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Final
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

import shpolicy
from browser import Chromium, find_chromium, png_pixels
from constructed import district_policy
from shpolicy import report

ROOT: Final = Path(__file__).resolve().parent.parent
SAMPLES: Final = sorted((ROOT / "samples").glob("*.txt"))
CHINESE_SAMPLE: Final = "online-new-economy-measures.zh.txt"
DESKTOP: Final = (1200, 900)
PHONE: Final = (390, 844)

# Two different characters drawn in the same font: with a CJK font they
# differ; without one both are the same empty box.
CJK_GLYPHS_DIFFER: Final = """(() => {
  const canvas = document.createElement("canvas");
  canvas.width = 48; canvas.height = 48;
  const pen = canvas.getContext("2d");
  pen.font = "40px " + getComputedStyle(document.body).fontFamily;
  const draw = (ch) => { pen.clearRect(0, 0, 48, 48); pen.fillText(ch, 2, 42);
                         return pen.getImageData(0, 0, 48, 48).data.join(); };
  return draw("中") !== draw("国");
})()"""
# Every link, the charts' SVG links included (whose .href is not a string).
LINKS: Final = (
    "Array.from(document.querySelectorAll('a'))"
    ".map(a => new URL(a.getAttribute('href'), document.baseURI).href)"
)
OVERFLOW: Final = "[document.documentElement.scrollWidth, window.innerWidth]"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    executable = find_chromium()
    if executable is None:
        pytest.skip(
            "no Chromium on PATH, so the report cannot be rendered here "
            "(apt-get install chromium fonts-noto-cjk; .ci/run does so when it can)"
        )
    with Chromium(executable) as browser:
        yield browser


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    documents = [(p.name, shpolicy.parse_file(p)) for p in SAMPLES]
    documents.append(("jingan-digital-economy-2024.txt", district_policy()))
    report.write_site(report.build_site(documents), out)
    return out


def url(path: Path) -> str:
    return path.resolve().as_uri()


def desktop(chromium: Chromium, page: Path) -> str:
    """Open *page* in a desktop-sized viewport; return its session."""
    return chromium.open(url(page), width=DESKTOP[0], height=DESKTOP[1])


def ids_in(path: Path) -> set[str]:
    tree = lxml.html.document_fromstring(path.read_bytes())
    found = tree.xpath("//@id")
    assert isinstance(found, list)
    return {str(value) for value in found}


def assert_links_resolve(browser: Chromium, session: str, site: Path) -> int:
    hrefs = browser.evaluate(session, LINKS)
    assert hrefs, "no link on the page"
    for href in hrefs:
        parts = urlsplit(href)
        assert parts.scheme == "file", href  # nothing leaves the report
        target = Path(unquote(parts.path))
        assert target.is_file(), href
        assert site.resolve() in target.resolve().parents, href
        if parts.fragment:
            assert unquote(parts.fragment) in ids_in(target), href
    return len(hrefs)


def assert_not_blank(png: bytes) -> None:
    width, height, rows = png_pixels(png)
    assert (width, height) == DESKTOP
    pixels: Counter[bytes] = Counter()
    total = 0
    luminance_sum = luminance_squares = 0
    for row in rows[::3]:
        for x in range(0, len(row), 3 * 3):
            pixel = row[x : x + 3]
            pixels[pixel] += 1
            luminance = (299 * pixel[0] + 587 * pixel[1] + 114 * pixel[2]) // 1000
            luminance_sum += luminance
            luminance_squares += luminance * luminance
            total += 1
    mean = luminance_sum / total
    variance = luminance_squares / total - mean * mean
    background = pixels.most_common(1)[0][1] / total
    assert variance > 50, f"a blank screenshot: luminance variance {variance:.1f}"
    assert background < 0.97, f"{background:.1%} of the screenshot is one colour"
    assert len(pixels) > 20, "hardly any colours: nothing was drawn"


def keep(chromium: Chromium, page: str, name: str, tmp_path: Path) -> None:
    """Save a tall screenshot of *page* in a report on the samples alone, when asked to.

    The documentation shows what ``shpolicy report samples`` makes, so the
    hand-built district policy of the other tests is left out.
    """
    folder = os.environ.get("SHPOLICY_SCREENSHOTS")
    if not folder:
        return
    documents = [(p.name, shpolicy.parse_file(p)) for p in SAMPLES]
    report.write_site(report.build_site(documents), tmp_path)
    session = chromium.open(url(tmp_path / page), width=DESKTOP[0], height=1500)
    (Path(folder) / name).write_bytes(chromium.screenshot(session))


def test_the_index_renders_and_its_links_resolve(
    chromium: Chromium, site_dir: Path, tmp_path: Path
) -> None:
    session = desktop(chromium, site_dir / "index.html")
    assert assert_links_resolve(chromium, session, site_dir) > 50
    charts = chromium.evaluate(
        session,
        "Array.from(document.querySelectorAll('svg.chart'))"
        ".map(s => [s.getBoundingClientRect().width, s.getBoundingClientRect().height])",
    )
    assert len(charts) == 2
    for width, height in charts:
        assert width > 200, charts
        assert height > 100, charts
    languages = chromium.evaluate(
        session,
        "Array.from(document.querySelectorAll('.langs > section'))"
        ".map(s => [s.lang, s.getBoundingClientRect().left, s.querySelectorAll('article').length])",
    )
    (zh, zh_left, zh_cards), (en, en_left, en_cards) = languages
    assert (zh, en) == ("zh-Hans", "en")
    assert zh_left < en_left  # side by side on a wide screen
    assert (zh_cards, en_cards) == (2, 4)
    assert_not_blank(chromium.screenshot(session))
    keep(chromium, "index.html", "report-index.png", tmp_path)


def test_a_document_page_draws_chinese_and_puts_diagnostics_beside(
    chromium: Chromium, site_dir: Path, tmp_path: Path
) -> None:
    page = site_dir / "documents" / "online-new-economy-measures.zh.html"
    session = desktop(chromium, page)
    assert chromium.evaluate(session, CJK_GLYPHS_DIFFER), (
        "Chinese is drawn as empty boxes: install a CJK font (Debian: fonts-noto-cjk)"
    )
    assert assert_links_resolve(chromium, session, site_dir) > 60
    beside = chromium.evaluate(
        session,
        "Array.from(document.querySelectorAll('.has-diagnostics')).map(b => "
        "[b.querySelector('.content').getBoundingClientRect().right,"
        " b.querySelector('aside').getBoundingClientRect().left])",
    )
    assert beside, "no diagnostic shown"
    for content_right, aside_left in beside:
        assert aside_left >= content_right
    marks = chromium.evaluate(session, "document.querySelectorAll('mark.target').length")
    assert marks >= 5
    assert_not_blank(chromium.screenshot(session))
    keep(chromium, f"documents/{page.name}", "report-document.png", tmp_path)


def test_a_body_page_lists_its_measures(chromium: Chromium, site_dir: Path) -> None:
    page = site_dir / "bodies" / "municipal-economy-informatization-commission.html"
    session = desktop(chromium, page)
    shown = chromium.evaluate(
        session,
        "Array.from(document.querySelectorAll('li.mention')).filter(li => li.offsetHeight > 0)"
        ".map(li => li.querySelector('a').href)",
    )
    documents = [(p.name, shpolicy.parse_file(p)) for p in SAMPLES]
    batch = report.collect(documents)
    (body,) = [
        b for b in batch.bodies if b.unit_id == "municipal-economy-informatization-commission"
    ]
    assert len(shown) == len(body.mentions) == 50
    assert all("#p" in href for href in shown)
    assert_links_resolve(chromium, session, site_dir)


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "documents/online-new-economy-measures.zh.html",
        "documents/jingan-digital-economy-2024.html",
        "bodies/municipal-economy-informatization-commission.html",
    ],
)
def test_pages_fit_a_phone(chromium: Chromium, site_dir: Path, page: str) -> None:
    session = chromium.open(url(site_dir / page), width=PHONE[0], height=PHONE[1], mobile=True)
    content_width, viewport = chromium.evaluate(session, OVERFLOW)
    assert viewport == PHONE[0]
    assert content_width <= viewport, f"{page} is {content_width}px wide on a {viewport}px phone"
