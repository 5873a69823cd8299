"""The ``shpolicy`` command line, through ``python -m shpolicy`` and ``cli.main``."""

from __future__ import annotations

import errno
import io
import json
import os
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

SUMMARY: Final = re.compile(r"shpolicy: .+: \d+ parsed, \d+ failed in \d+\.\d\d s\n")
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
    # No progress (stderr is not a terminal): the one-line summary only.
    assert SUMMARY.fullmatch(result.stderr.decode()), result.stderr
    assert result.stderr.decode().startswith(
        f"shpolicy: {out}: {len(sample_paths)} parsed, 0 failed"
    )
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
        assert SUMMARY.fullmatch(capsys.readouterr().err)
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
    problem, summary = capsys.readouterr().err.splitlines()
    one_problem_line(problem, missing)
    assert summary.startswith(f"shpolicy: {out}: 2 parsed, 1 failed in ")
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


def test_validate_without_its_checkers_says_not_checked_and_exits_3(
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
    files = [str(tmp_path / f"{stem}.json"), str(tmp_path / f"{stem}.xml")]
    assert cli.main(["validate", *files]) == cli.EXIT_NOT_CHECKED == 3
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing is reported ok
    json_line, akn_line = captured.err.splitlines()
    assert json_line.startswith(f"shpolicy: {files[0]}: not checked: jsonschema is not installed")
    assert akn_line.startswith(f"shpolicy: {files[1]}: not checked: the OASIS Akoma Ntoso schema")
    assert all("pip install 'shpolicy[validate]'" in line for line in (json_line, akn_line))


def test_an_invalid_file_wins_over_a_check_not_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import shpolicy.akn.xsd

    monkeypatch.setattr(shpolicy.akn.xsd, "schema_path", lambda: None)
    good = tmp_path / "good.xml"
    good.write_bytes(shpolicy.to_akn(shpolicy.parse_text("1. Measure.")))
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<html/>")
    assert cli.main(["validate", str(good), str(bad)]) == 1


def test_the_python_checks_raise_instead_of_passing_what_they_did_not_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shpolicy.akn.xsd
    from shpolicy import json_schema

    xml = shpolicy.to_akn(shpolicy.parse_text("1. Measure."))
    monkeypatch.setattr(shpolicy.akn.xsd, "schema_path", lambda: None)
    with pytest.raises(shpolicy.errors.NotCheckedError, match=r"shpolicy\[validate\]"):
        shpolicy.akn.validate(xml)
    # what the naming rules and XML reader find is still found
    assert shpolicy.akn.validate(b"<akomaNtoso") != []
    monkeypatch.setitem(sys.modules, "jsonschema", None)
    with pytest.raises(shpolicy.errors.NotCheckedError, match="jsonschema is not installed"):
        json_schema.validate(shpolicy.to_json(shpolicy.parse_text("1. Measure.")))
    assert json_schema.validate('{"title": 1}') != []


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


# --------------------------------------------------------------------------- paths and outputs


def test_o_onto_a_file_names_the_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "taken.json"
    target.write_text("{}", "utf-8")
    sample = str(Path(__file__).parent.parent / "samples" / "jingan-industry-measures-2024.en.txt")
    assert cli.main(["parse", sample, "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"shpolicy parse: error: {target}: not a directory" in err
    assert err.startswith("usage: shpolicy parse")
    assert target.read_text("utf-8") == "{}"


def test_an_output_directory_that_cannot_be_made_names_it(
    sample_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["parse", str(sample_paths[0]), "-o", "/proc/shpolicy/out"]) == 1
    line = capsys.readouterr().err.strip()
    assert line.startswith("shpolicy: /proc/shpolicy"), line
    assert line.endswith("No such file or directory")


def test_a_write_that_fails_leaves_no_partial_file(
    sample_paths: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:

    out = tmp_path / "out"
    out.mkdir()
    (out / f"{sample_paths[1].stem}.json").write_text("old", "utf-8")
    real_replace = os.replace
    calls = []

    def failing_replace(src: str, dst: str) -> None:
        # The second output fails after its bytes were written, as on a full
        # disk or a killed process: the rename never happens.
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", dst)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    files = [str(p) for p in sample_paths[:3]]
    assert cli.main(["parse", *files, "-o", str(out), "-j", "1"]) == 1
    err = capsys.readouterr().err.splitlines()
    second = out / f"{sample_paths[1].stem}.json"
    assert err[0] == f"shpolicy: {second}: No space left on device"
    assert err[1].startswith(f"shpolicy: {out}: 2 parsed, 1 failed in ")
    assert second.read_text("utf-8") == "old"  # the old file, whole
    for sample in (sample_paths[0], sample_paths[2]):
        text = (out / f"{sample.stem}.json").read_text("utf-8")
        assert shpolicy.from_json(text) == shpolicy.parse_file(sample)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{p.stem}.json" for p in sample_paths[:3]
    )  # no temporary file left behind


def test_write_atomically_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shpolicy import cli_files

    target = tmp_path / "a.json"
    target.write_bytes(b"old")

    class Boom(Exception):
        pass

    def broken_fdopen(fd: int, mode: str) -> object:
        os.close(fd)
        raise Boom

    monkeypatch.setattr(os, "fdopen", broken_fdopen)
    with pytest.raises(Boom):
        cli_files.write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
    monkeypatch.undo()
    cli_files.write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o666 & ~current_umask()


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def make_tree(root: Path, samples: list[Path]) -> None:
    (root / "district" / "more").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_bytes(samples[0].read_bytes())
    (root / "notes.md").write_text("not a policy", "utf-8")
    (root / "district" / "a.txt").write_bytes(samples[1].read_bytes())
    (root / "district" / "more" / "b.html").write_text(
        f"<html><body><pre>{samples[2].read_text('utf-8-sig')}</pre></body></html>", "utf-8"
    )
    (root / ".hidden" / "c.txt").write_bytes(samples[3].read_bytes())


def test_parse_a_directory_and_its_subdirectories(
    sample_paths: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = tmp_path / "policies"
    make_tree(tree, sample_paths)
    out = tmp_path / "flat"
    assert cli.main(["parse", str(tree), "-o", str(out), "-j", "1"]) == 0
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.json")) == ["a.json"]
    out = tmp_path / "deep"
    assert cli.main(["parse", str(tree), "-r", "-o", str(out), "-j", "1"]) == 0
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.json"))
    assert written == ["a.json", "district/a.json", "district/more/b.json"]
    summary = capsys.readouterr().err.splitlines()[-1]
    assert summary.startswith(f"shpolicy: {out}: 3 parsed, 0 failed in ")
    page = shpolicy.from_json((out / "district" / "more" / "b.json").read_text("utf-8"))
    assert page.title == shpolicy.parse_file(sample_paths[2]).title


def test_parse_files_from_a_list_and_from_stdin(sample_paths: list[Path], tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(f"{sample_paths[0]}\n\n{sample_paths[1]}\n", "utf-8")
    out = tmp_path / "out"
    result = run("parse", "--files-from", str(listing), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{p.stem}.json" for p in sample_paths[:2]
    )
    out2 = tmp_path / "out2"
    result = run(
        "parse",
        str(sample_paths[2]),
        "--files-from",
        "-",
        "-o",
        str(out2),
        stdin=f"{sample_paths[3]}\n".encode(),
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out2.iterdir()) == sorted(
        f"{p.stem}.json" for p in (sample_paths[2], sample_paths[3])
    )


def test_a_missing_list_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nolist.txt"
    assert cli.main(["parse", "--files-from", str(missing), "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"shpolicy: {missing}: No such file or directory\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["parse"], "give a FILE, a DIR or --files-from LIST"),
        (["parse", "-", "--files-from", "-"], "'-' (stdin) can be given only once"),
        (["check"], "give a FILE, a DIR or --files-from LIST"),
        (["parse", "a.txt", "b.txt"], "several json documents need an output directory"),
    ],
)
def test_usage_errors_show_the_commands_usage(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    command = argv[0]
    assert err.startswith(f"usage: shpolicy {command} ")
    assert f"shpolicy {command}: error: {message}" in err


def test_an_empty_directory_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["parse", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    assert f"no policy files in {tmp_path}" in capsys.readouterr().err


def test_a_legacy_word_file_is_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "policy.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert cli.main(["parse", str(path)]) == 1
    line = one_problem_line(capsys.readouterr().err, str(path))
    assert "a Word 97–2003 document (.doc)" in line


# --------------------------------------------------------------------------- check severity

GAPPY: Final = "Measures on Testing\n\nI. General\n1. First measure.\n3. Third measure.\n"


def test_check_severity_filters_and_fail_on_gates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gap.txt"
    path.write_text(GAPPY, "utf-8")
    policy = shpolicy.parse_file(path)
    severities = {d.severity for d in policy.diagnostics}
    assert "warning" in severities
    assert "error" not in severities
    assert cli.main(["check", str(path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(policy.diagnostics)
    assert cli.main(["check", str(path), "--severity", "warning"]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert shown
    assert len(shown) == sum(d.severity != "info" for d in policy.diagnostics)
    assert all(": warning " in line for line in shown)
    assert cli.main(["check", str(path), "--fail-on", "warning"]) == 1
    capsys.readouterr()
    assert cli.main(["check", str(path), "--severity", "error", "--fail-on", "warning"]) == 1
    assert capsys.readouterr().out == ""


def test_check_locates_diagnostics_in_the_text_of_a_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gap.html"
    path.write_text("<html><body><p>" + GAPPY.replace("\n", "<br>") + "</p></body></html>", "utf-8")
    assert cli.main(["check", str(path), "--severity", "warning"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # (The snippet names no place: it is also reported as not placed in Shanghai.)
    assert [line for line in lines if "numbering-gap" in line] == [
        next(line for line in lines if line.startswith(f"{path}:4:1: warning numbering-gap:"))
    ]
    assert any("not-shanghai" in line for line in lines)
