"""The examples in README.md and docs/ run, so the documentation cannot rot.

* ```` ```python ```` blocks of one document run in order in one namespace.
* ```` ```console ```` blocks: each ``$ command`` line runs in bash (``shpolicy``
  is this interpreter's ``python -m shpolicy``) and must exit 0; the lines
  after it, up to the next ``$``, are its expected output (stdout and stderr),
  compared like a doctest with ``...`` as a wildcard.
* Other blocks (``sh``, ``text``, ``json``) are shown, not run.

Every example runs in a scratch directory holding a copy of ``samples/``, so
relative paths in the docs work and nothing is written into the checkout.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Final

import attrs
import pytest

ROOT: Final = Path(__file__).resolve().parent.parent
DOCUMENTS: Final = (
    "README.md",
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md")),
)
FENCE: Final = "```"
LINK: Final = re.compile(r"\]\(([^()\s]+)\)")
IMAGE: Final = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


@attrs.frozen(kw_only=True, slots=True)
class Block:
    """A fenced code block: its language tag, first line number and text."""

    language: str
    line: int
    text: str


@attrs.frozen(kw_only=True, slots=True)
class Command:
    """One ``$ command`` of a console block and the output shown under it."""

    line: int
    command: str
    expected: str


def code_blocks(markdown: str) -> list[Block]:
    """Every fenced block of *markdown*, in order."""
    blocks: list[Block] = []
    language: str | None = None
    start = 0
    body: list[str] = []
    for number, line in enumerate(markdown.splitlines(), start=1):
        stripped = line.strip()
        if language is None and stripped.startswith(FENCE):
            language, start, body = stripped[len(FENCE) :].strip(), number + 1, []
        elif language is not None and stripped == FENCE:
            blocks.append(Block(language=language, line=start, text="\n".join(body) + "\n"))
            language = None
        elif language is not None:
            body.append(line)
    if language is not None:
        raise AssertionError(f"unclosed code block starting on line {start - 1}")
    return blocks


def console_commands(block: Block) -> list[Command]:
    """The ``$ command`` lines of a console block with the output lines under each."""
    commands: list[Command] = []
    for offset, line in enumerate(block.text.splitlines()):
        if line.startswith("$ "):
            commands.append(Command(line=block.line + offset, command=line[2:], expected=""))
        elif commands:
            last = commands[-1]
            commands[-1] = attrs.evolve(last, expected=last.expected + line + "\n")
        elif line.strip():
            raise AssertionError(f"line {block.line + offset}: output before any '$ ' command")
    return commands


def read_blocks(document: str, language: str) -> list[Block]:
    return [b for b in code_blocks((ROOT / document).read_text("utf-8")) if b.language == language]


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with ``samples/`` and a ``shpolicy`` command on PATH."""
    work = tmp_path / "work"
    shutil.copytree(ROOT / "samples", work / "samples")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "shpolicy"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m shpolicy "$@"\n', "utf-8")
    shim.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.chdir(work)
    return work


def test_code_blocks_are_found_with_their_line_numbers() -> None:
    markdown = "intro\n```python\nx = 1\n```\n\n```console\n$ echo hi\nhi\n```\n"
    assert code_blocks(markdown) == [
        Block(language="python", line=3, text="x = 1\n"),
        Block(language="console", line=7, text="$ echo hi\nhi\n"),
    ]
    assert console_commands(code_blocks(markdown)[1]) == [
        Command(line=7, command="echo hi", expected="hi\n")
    ]


def test_the_guide_and_readme_have_runnable_examples() -> None:
    for document in ("README.md", "docs/guide.md"):
        assert read_blocks(document, "python"), f"{document} has no python example"
        assert read_blocks(document, "console"), f"{document} has no console example"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_relative_links_point_to_files_that_exist(document: str) -> None:
    path = ROOT / document
    targets = [t.split("#", 1)[0] for t in LINK.findall(path.read_text("utf-8"))]
    local = [t for t in targets if t and "://" not in t]
    missing = [t for t in local if not (path.parent / t).exists()]
    assert not missing, f"{document} links to missing files: {missing}"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_python_examples_run(document: str, scratch: Path) -> None:
    namespace: dict[str, object] = {"__name__": f"docs_{Path(document).stem}"}
    for block in read_blocks(document, "python"):
        code = compile(block.text, f"{document}:{block.line}", "exec")
        try:
            exec(code, namespace)
        except Exception as exc:
            pytest.fail(f"{document}, python block at line {block.line}: {exc!r}")


@pytest.mark.parametrize("document", DOCUMENTS)
def test_console_examples_run_and_print_what_they_show(document: str, scratch: Path) -> None:
    checker = doctest.OutputChecker()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    for block in read_blocks(document, "console"):
        for command in console_commands(block):
            result = subprocess.run(
                ["bash", "-c", command.command],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,  # interleaved, as on a terminal
                text=True,
                check=False,
                timeout=300,
            )
            where = f"{document}:{command.line}: $ {command.command}"
            got = result.stdout
            assert result.returncode == 0, f"{where}\nexit {result.returncode}\n{got}"
            if command.expected.strip():
                assert checker.check_output(command.expected, got, flags), (
                    f"{where}\nexpected:\n{command.expected}\ngot:\n{got}"
                )


def test_the_readme_links_work_on_the_package_index() -> None:
    # PyPI shows README.md without the repository around it: a relative link
    # (docs/guide.md) would point at nothing there.  The report screenshots are
    # the exception the README says it makes: images, shown in the repository.
    text = (ROOT / "README.md").read_text("utf-8")
    links = LINK.findall(IMAGE.sub("", text))
    relative = [link for link in links if "://" not in link and not link.startswith("#")]
    assert relative == [], f"README.md has relative links: {relative}"
    images = IMAGE.findall(text)
    assert images == ["docs/report-index.png", "docs/report-document.png"]
    assert all((ROOT / image).is_file() for image in images)
