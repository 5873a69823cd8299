"""shpolicy.report: a static site whose links resolve, whose text is inert, whose bytes repeat."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Final
from urllib.parse import urldefrag

import attrs
import lxml.html
import pytest
from lxml.html import HtmlElement

import shpolicy
from constructed import district_policy, hostile_policy
from shpolicy import Policy, report, tables
from shpolicy.report import names
from shpolicy.report.markup import esc, highlight

ROOT: Final = Path(__file__).resolve().parent.parent
SAMPLES: Final = sorted((ROOT / "samples").glob("*.txt"))
PAGE_NAME: Final = re.compile(r"index\.html|documents/[a-z0-9._-]+\.html|bodies/[a-z0-9-]+\.html")


@pytest.fixture(scope="module")
def documents() -> list[tuple[str, Policy]]:
    pairs = [(p.name, shpolicy.parse_file(p)) for p in SAMPLES]
    return [*pairs, ("district.txt", district_policy()), ("hostile.txt", hostile_policy())]


@pytest.fixture(scope="module")
def site(documents: list[tuple[str, Policy]]) -> dict[str, str]:
    return report.build_site(documents)


def dom(text: str) -> HtmlElement:
    return lxml.html.document_fromstring(text.encode("utf-8"))


def resolve(page: str, href: str) -> tuple[str, str]:
    target, fragment = urldefrag(href)
    path = PurePosixPath(page).parent / target if target else PurePosixPath(page)
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            assert parts, f"{page}: {href} leaves the report"
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts), fragment


def test_a_page_per_document_and_per_body(
    site: dict[str, str], documents: list[tuple[str, Policy]]
) -> None:
    batch = report.collect(documents)
    assert len([p for p in site if p.startswith("documents/")]) == len(documents)
    assert len([p for p in site if p.startswith("bodies/")]) == len(batch.bodies)
    assert "index.html" in site
    for path in site:
        assert PAGE_NAME.fullmatch(path), path


def test_every_link_resolves_to_a_page_and_an_anchor(site: dict[str, str]) -> None:
    ids = {path: set(dom(text).xpath("//@id")) for path, text in site.items()}
    checked = 0
    for path, text in site.items():
        for href in dom(text).xpath("//a/@href"):
            assert "://" not in href
            assert not href.startswith(("//", "javascript:", "data:"))
            target, fragment = resolve(path, href)
            assert target in site, f"{path}: {href}"
            if fragment:
                assert fragment in ids[target], f"{path}: {href}"
            checked += 1
    assert checked > 1000


def test_pages_load_nothing_and_run_nothing(site: dict[str, str]) -> None:
    for path, text in site.items():
        tree = dom(text)
        assert not tree.xpath("//script|//link|//iframe|//img|//object|//embed"), path
        assert not tree.xpath("//@*[starts-with(name(), 'on')]"), path
        assert not tree.xpath("//@src"), path
        (csp,) = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert "default-src 'none'" in csp
        assert tree.xpath("//meta[@name='viewport']"), path
        text.encode("utf-8")  # writable: no lone surrogate left


def test_hostile_text_comes_out_as_text(
    site: dict[str, str], documents: list[tuple[str, Policy]]
) -> None:
    batch = report.collect(documents)
    (entry,) = [d for d in batch.documents if d.name == "hostile.txt"]
    tree = dom(site[entry.file])
    policy = hostile_policy()
    assert tree.xpath("string(//h1)") == policy.title
    assert tree.xpath("string(//title)") == policy.title
    assert "</title><script>alert(3)</script>" in tree.text_content()
    assert "\ufffd lone surrogate" in tree.text_content()
    assert '<img src=x onerror="alert(2)">' in [a.text_content() for a in tree.xpath("//a")]
    # The unit id "../../../etc/passwd" names no file: the body gets a slug.
    evil = [b for b in batch.bodies if b.unit_id == "../../../etc/passwd"]
    assert evil
    assert evil[0].file.startswith("bodies/unresolved-")
    (odd,) = [b for b in batch.bodies if b.unit_id == "UPPER CASE id"]
    assert odd.file.startswith("bodies/unresolved-")
    assert "<script>" not in site[entry.file].split("<body>", 1)[1]


def test_markup_escapes_and_marks() -> None:
    assert esc("<a href='x'>&\"</a>") == "&lt;a href=&#x27;x&#x27;&gt;&amp;&quot;&lt;/a&gt;"
    assert esc("a\x00b\ud800") == "a\ufffdb\ufffd"
    html, missing = highlight("到2025年达到500亿元，500亿元", ["500亿元", "500亿元", "9个"])
    assert html == (
        '到2025年达到<mark class="target">500亿元</mark>，<mark class="target">500亿元</mark>'
    )
    assert missing == ["9个"]
    html, _ = highlight("<b>5</b>", ["5"])
    assert html == '&lt;b&gt;<mark class="target">5</mark>&lt;/b&gt;'


def test_file_names_are_stable_and_safe() -> None:
    assert names.body_file("id:municipal-commerce-commission") == (
        "bodies/municipal-commerce-commission.html"
    )
    for key in ("id:../x", "id:Upper", "id:unresolved-x", "name:相关区政府", "name:../x"):
        file = names.body_file(key)
        assert re.fullmatch(r"bodies/unresolved-[a-z0-9-]+\.html", file), file
        assert names.body_file(key) == file
    assert names.body_file("name:相关区政府") != names.body_file("name:有关区政府")
    files = names.document_files(["a/x.txt", "b/x.txt", "中文.txt", "X.txt", "x.json"])
    assert files["a/x.txt"] == "documents/x.html"
    assert len(set(files.values())) == 5
    for file in files.values():
        assert re.fullmatch(r"documents/[a-z0-9._-]+\.html", file), file


def test_a_body_page_lists_every_measure_it_leads_or_supports(
    site: dict[str, str], documents: list[tuple[str, Policy]]
) -> None:
    batch = report.collect(documents)
    rows = tables.build("responsibilities", documents).rows
    per_body: dict[str, int] = {}
    for _, policy in documents:
        for place in tables.places(policy):
            for unit in place.element.responsible_units:
                per_body[tables.body_key(unit)] = per_body.get(tables.body_key(unit), 0) + 1
    assert sum(per_body.values()) == len(rows)
    for body in batch.bodies:
        tree = dom(site[body.file])
        items = tree.xpath("//li[@class='mention']")
        assert len(items) == per_body.get(body.key, 0), body.key
        for item in items:
            (href,) = item.xpath("a/@href")
            target, fragment = resolve(body.file, href)
            anchored = dom(site[target]).get_element_by_id(fragment)
            # The link shows the path down to the label, then the heading it leads to.
            path = item.xpath("string(a/span[@class='label'])")
            heading = anchored.xpath("string(.//h2|.//h3)")
            label = anchored.xpath("string((.//h2|.//h3)/span[@class='label'])")
            assert path.endswith(label)
            assert item.xpath("string(a)") == path + heading.removeprefix(label)


def test_the_district_body_page(site: dict[str, str], documents: list[tuple[str, Policy]]) -> None:
    batch = report.collect(documents)
    (body,) = [b for b in batch.bodies if b.unit_id == "jingan-development-reform-commission"]
    assert body.file == "bodies/jingan-development-reform-commission.html"
    tree = dom(site[body.file])
    (item,) = tree.xpath("//li[@class='mention']")
    assert item.xpath("string(.//span[@class='label'])") == "一、 / （一） / 1."
    assert "lead" in item.text_content()
    assert "deadline 2026" in item.text_content()
    assert "上海市静安区发展和改革委员会" in tree.text_content()  # the registry's name
    (office,) = [b for b in batch.bodies if b.label == "上海市静安区人民政府办公室"]
    assert [e.name for e in office.issued] == ["district.txt"]
    assert "Documents issued (1)" in site[office.file]
    (collective,) = [b for b in batch.bodies if b.label == "相关部门"]
    assert collective.drafted == ()
    assert "a collective" in site[collective.file]


def test_the_document_page_shows_the_notice_marks_and_diagnostics_in_place(
    site: dict[str, str], documents: list[tuple[str, Policy]]
) -> None:
    batch = report.collect(documents)
    (entry,) = [d for d in batch.documents if d.name == "district.txt"]
    tree = dom(site[entry.file])
    notice = tree.get_element_by_id("notice")
    assert "关于印发《静安区促进数字经济发展若干措施》的通知" in notice.text_content()
    assert "各街道办事处" in notice.text_content()
    assert notice.xpath(".//a[@class='body']")
    assert "Jing’an District" in tree.text_content()
    assert "2024-04-01 to 2026-12-31" in tree.text_content()

    def block_of(code: str) -> HtmlElement:
        (diagnostic,) = tree.xpath(f"//p[contains(@class, 'diag')][code='{code}']")
        (block,) = diagnostic.xpath("ancestor::*[contains(@class, 'block')][1]")
        assert "has-diagnostics" in block.get("class")
        return block

    assert "加强资金保障" in block_of("unknown-unit").xpath("string(.//h3)")
    assert block_of("preamble-note").get("id") == "preamble"
    assert block_of("closing-note").get("id") == "closing"
    assert block_of("no-published-date").get("id") == "about"
    marked = [m.text_content() for m in tree.xpath("//div[@class='content']//p//mark")]
    policy = district_policy()
    for target in tables.target_rows(policy):
        assert target.text in marked, target.text
    section = tree.xpath("//section[contains(@class, 'section')][.//h2[contains(., '保障措施')]]")
    assert "区政府办公室" in section[0].xpath("string(.//p[@class='clause'])")
    assert tree.xpath("//html/@lang") == ["en"]
    assert set(tree.xpath("//main/*[contains(@class, 'block')]/@lang")) == {"zh-Hans"}


def test_the_index_puts_chinese_and_english_side_by_side(
    site: dict[str, str], documents: list[tuple[str, Policy]]
) -> None:
    tree = dom(site["index.html"])
    zh, en = tree.xpath("//div[@class='langs']/section")
    assert (zh.get("lang"), en.get("lang")) == ("zh-Hans", "en")
    languages = [p.language for _, p in documents]
    assert len(zh.xpath(".//article")) == languages.count("zh")
    assert len(en.xpath(".//article")) == languages.count("en")
    card = zh.xpath(".//article[.//a[contains(., '静安区促进数字经济')]]")[0]
    facts = [li.text_content() for li in card.xpath(".//li")]
    assert facts[:3] == ["district.txt", "Jing’an District", "2024-03-01"]
    assert {"3 measures", "5 bodies", "4 targets"} <= set(facts)
    charts = tree.xpath("//svg")
    assert len(charts) == 2
    batch = report.collect(documents)
    named = [b for b in batch.bodies if b.mentions]
    assert len(charts[0].xpath(".//a")) == min(15, len(named))
    years = [t.deadline_year for _, p in documents for t in tables.target_rows(p)]
    labels = charts[1].xpath(".//text[@class='name']/text()")
    expected = sorted({str(y) for y in years if y is not None})
    assert labels == [*expected, "no year"]
    values = [int(v) for v in charts[1].xpath(".//text[@class='value']/text()")]
    assert sum(values) == len(years)
    assert len(tree.xpath("//table/tbody/tr")) == len(batch.bodies)


def test_the_same_documents_give_the_same_bytes(documents: list[tuple[str, Policy]]) -> None:
    assert report.build_site(documents) == report.build_site(documents)


def test_the_command_writes_the_same_site_whatever_the_hash_seed(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"site{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "shpolicy", "report", *map(str, SAMPLES), "-o", str(out)]
        subprocess.run(command, check=True, env=env, capture_output=True)
        outputs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*.html")})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 10


def test_an_empty_batch_is_an_index_saying_so() -> None:
    site = report.build_site([])
    assert list(site) == ["index.html"]
    assert "0 documents" in site["index.html"]
    assert "No responsibility clause" in site["index.html"]


def test_a_drafter_has_a_page_saying_what_it_drafted() -> None:
    drafter = shpolicy.ResponsibleUnit(name="区建设管理委", unit_id=None)
    policy = attrs.evolve(district_policy(), drafters=(drafter,))
    site = report.build_site([("district.txt", policy)])
    batch = report.collect([("district.txt", policy)])
    (body,) = [b for b in batch.bodies if b.label == "区建设管理委"]
    assert [e.name for e in body.drafted] == ["district.txt"]
    assert body.mentions == ()
    tree = dom(site[body.file])
    assert tree.xpath("string(//h2[@id='drafted'])") == "Documents drafted (1)"
    (href,) = tree.xpath("//h2[@id='drafted']/following-sibling::ul[1]//a/@href")
    assert resolve(body.file, href)[0] == "documents/district.html"


def test_a_report_on_the_real_texts_links_everything(shared_dir: Path) -> None:
    texts = sorted((shared_dir / "real").glob("*.txt"))
    if not texts:
        pytest.skip(f"no real texts in {shared_dir / 'real'}")
    documents = [(p.name, shpolicy.parse_file(p)) for p in texts]
    site = report.build_site(documents)
    assert len([p for p in site if p.startswith("documents/")]) == len(texts)
    test_every_link_resolves_to_a_page_and_an_anchor(site)
    test_pages_load_nothing_and_run_nothing(site)
    measures = sum(len(p.all_measures()) for _, p in documents)
    rendered = sum(
        len(dom(site[path]).xpath("//article[contains(@class, 'measure')]"))
        for path in site
        if path.startswith("documents/")
    )
    assert rendered == measures


@pytest.mark.parametrize("module", [tables, report, names], ids=lambda m: m.__name__)
def test_the_docstring_examples_run(module: ModuleType) -> None:
    results = doctest.testmod(module)
    assert results.attempted > 0
    assert results.failed == 0
