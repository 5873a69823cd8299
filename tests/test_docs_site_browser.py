"""The built documentation site in a real browser: its navigation links work and search finds.

It checks a site ``tox -e docs`` has built into docs/_build/html, and skips, saying so, where
there is none (plain ``tox`` runs the test environments before ``docs``) or no Chromium is
installed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final
from urllib.parse import quote, unquote, urlsplit

import pytest

from browser import Chromium, find_chromium

ROOT: Final = Path(__file__).resolve().parent.parent
SITE: Final = ROOT / "docs" / "_build" / "html"
NAVIGATION: Final = (
    "Array.from(document.querySelectorAll('.sidebar-tree a.reference'))"
    ".map(a => [a.textContent.trim(), a.href])"
)
RESULTS: Final = "Array.from(document.querySelectorAll('#search-results li a')).map(a => a.href)"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    if not (SITE / "index.html").is_file():
        pytest.skip("no built documentation site: run tox -e docs first")
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium on PATH (apt-get install chromium fonts-noto-cjk)")
    with Chromium(executable) as browser:
        yield browser


def local_file(href: str) -> Path:
    parts = urlsplit(href)
    assert parts.scheme == "file", href
    return Path(unquote(parts.path))


def test_the_navigation_reaches_every_page_and_the_api_reference(chromium: Chromium) -> None:
    session = chromium.open((SITE / "index.html").as_uri(), width=1200, height=900)
    links = chromium.evaluate(session, NAVIGATION)
    titles = [title for title, _ in links]
    assert "shpolicy user guide" in titles
    assert "API reference" in titles
    assert "shpolicy.model" in titles
    for _, href in links:
        assert local_file(href).is_file(), href
        assert SITE.resolve() in local_file(href).resolve().parents, href


def test_search_finds_a_function_of_the_api_reference(chromium: Chromium) -> None:
    url = (SITE / "search.html").as_uri() + "?q=" + quote("is_collective")
    session = chromium.open(url, width=1200, height=900)
    deadline = time.monotonic() + 30
    results: list[str] = []
    while not results and time.monotonic() < deadline:
        time.sleep(0.2)  # the search runs in the page's script after it has loaded
        results = chromium.evaluate(session, RESULTS)
    assert any(local_file(href).name == "units.html" for href in results), results
