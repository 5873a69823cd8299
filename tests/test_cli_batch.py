"""``shpolicy table`` and ``report``: inputs, outputs, progress and errors as ``parse`` has."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Final

import pytest

import shpolicy
from constructed import district_policy
from shpolicy import cli, cli_batch, tables

ROOT: Final = Path(__file__).resolve().parent.parent
SAMPLES: Final = sorted((ROOT / "samples").glob("*.txt"))


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """The real entry point, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "shpolicy", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=300,
    )


def expected_csv(name: str, paths: list[Path]) -> list[dict[str, str]]:
    table = tables.build(name, [(p.name, shpolicy.parse_file(p)) for p in paths])
    text = tables.csv_bytes(table).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_help_lists_the_commands() -> None:
    out = run("--help").stdout.decode()
    assert "table" in out
    assert "report" in out
    table_help = run("table", "--help").stdout.decode()
    for word in ("--of", "responsibilities", "measures", "targets", "-o OUT", "--recursive"):
        assert word in table_help


@pytest.mark.parametrize("name", tables.TABLES)
def test_a_table_of_a_directory_to_stdout(name: str) -> None:
    result = run("table", str(ROOT / "samples"), "--of", name)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert not result.stdout.startswith(b"\xef\xbb\xbf")  # no BOM on a pipe
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"), newline="")))
    assert rows == expected_csv(name, SAMPLES)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_table_to_a_file_and_from_parse_output(suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"r{suffix}"
    result = run("table", *map(str, SAMPLES), "-o", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    parsed = tmp_path / "json"
    assert run("parse", *map(str, SAMPLES), "-o", str(parsed)).returncode == 0
    again = tmp_path / f"again{suffix}"
    result = run("table", *map(str, sorted(parsed.glob("*.json"))), "-o", str(again))
    assert result.returncode == 0, result.stderr
    # A table made from parse's JSON is the table made from the texts.
    assert again.read_bytes() == out.read_bytes()
    if suffix == ".csv":
        assert out.read_bytes().startswith(b"\xef\xbb\xbfdocument,")
    else:
        records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert len(records) == 427


def test_a_bad_input_is_one_line_and_the_rest_is_still_written(tmp_path: Path) -> None:
    out = tmp_path / "m.csv"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfd")
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    result = run(
        "table", str(SAMPLES[0]), str(bad), "missing.txt", str(empty_dir), "--of", "measures",
        "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 3, lines
    assert lines[0] == f"shpolicy: {empty_dir}: a directory with no *.txt in it (-r looks below)"
    assert lines[1].startswith(f"shpolicy: {bad}: ")
    assert lines[2] == "shpolicy: missing.txt: cannot read file: No such file or directory"
    assert "Traceback" not in result.stderr.decode()
    with out.open(encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.DictReader(f))) == len(shpolicy.parse_file(SAMPLES[0]).all_measures())


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["table", "x.txt", "-o", "x.xlsx"]) == 2
    assert "unknown table format" in capsys.readouterr().err
    assert cli.main(["table", "x.txt", "--of", "units"]) == 2
    assert cli.main(["report", "x.txt"]) == 2  # -o DIR is required
    assert cli.main(["table"]) == 2


def test_parquet_without_pyarrow_fails_before_reading(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    status = cli.main(["table", "missing.txt", "-o", str(tmp_path / "t.parquet")])
    err = capsys.readouterr().err
    assert status == 1
    assert err == (
        "shpolicy: writing Parquet needs pyarrow, which is not installed: "
        "pip install 'shpolicy[parquet]'\n"
    )


def test_an_unwritable_output_names_it(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("table", str(SAMPLES[0]), "-o", str(blocker / "t.csv"))
    assert result.returncode == 1
    assert result.stderr.decode().startswith(f"shpolicy: {blocker / 't.csv'}: ")
    result = run("report", str(SAMPLES[0]), "-o", str(blocker))
    assert result.returncode == 1
    assert result.stderr.decode().startswith(f"shpolicy: {blocker}: ")


def test_a_report_of_a_directory_tree(tmp_path: Path) -> None:
    tree = tmp_path / "in"
    (tree / "a").mkdir(parents=True)
    (tree / "b").mkdir()
    (tree / "a" / "x.txt").write_bytes(SAMPLES[0].read_bytes())
    (tree / "b" / "x.txt").write_bytes(SAMPLES[3].read_bytes())
    result = run("report", str(tree), "-o", str(tmp_path / "flat"))
    assert result.returncode == 1  # no text directly in it
    result = run("report", str(tree), "-r", "-o", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    pages = sorted(p.name for p in (tmp_path / "site" / "documents").iterdir())
    assert len(pages) == 2  # two files named x.txt: two pages, named by their paths
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert f"{tree}/a/x.txt" in index
    assert f"{tree}/b/x.txt" in index


def test_stdin_is_a_document_too() -> None:
    result = run("table", "-", "--of", "documents", stdin=SAMPLES[3].read_bytes())
    assert result.returncode == 0, result.stderr
    (row,) = csv.DictReader(io.StringIO(result.stdout.decode("utf-8"), newline=""))
    assert (row["document"], row["language"]) == ("<stdin>", "zh")


def test_document_names_are_file_names_unless_two_share_one() -> None:
    policy = district_policy()
    loaded = [
        cli_batch.Loaded(name="a/x.json", policy=policy),
        cli_batch.Loaded(name="b/y.txt", policy=shpolicy.parse_text("1. A.", source="b/y.txt")),
        cli_batch.Loaded(name="c/y.txt", policy=shpolicy.parse_text("1. B.", source="c/y.txt")),
        cli_batch.Loaded(name="broken.txt", problem="cannot read"),
    ]
    assert [name for name, _ in cli_batch.document_names(loaded)] == [
        "jingan-digital-economy-2024.txt",
        "b/y.txt",
        "c/y.txt",
    ]


def test_a_broken_json_or_xml_input_is_one_line(tmp_path: Path) -> None:
    broken_json = tmp_path / "b.json"
    broken_json.write_text('{"schema_version": "2.0", "title": 42}', "utf-8")
    broken_xml = tmp_path / "b.xml"
    broken_xml.write_text("<akomaNtoso>", "utf-8")
    result = run("table", str(broken_json), str(broken_xml), "-o", "-")
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert lines[0] == f"shpolicy: {broken_json}: $.title: expected a string, got number"
    assert lines[1].startswith(f"shpolicy: {broken_xml}: ")
    assert result.stdout.decode("utf-8").startswith("document,title,")


def test_a_bug_while_reading_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(item: cli.Input) -> shpolicy.Policy:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_batch, "_read", explode)
    loaded = cli_batch.load(cli.Input(name="a.txt"))
    assert loaded.problem == "internal error (RuntimeError: boom); please report it"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_batch_shows_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    loaded, status = cli_batch.gather(
        [str(ROOT / "samples"), "missing.txt"], recursive=False, jobs=1
    )
    assert status == 1
    assert len(loaded) == len(SAMPLES)
    shown = terminal.getvalue()
    assert f"[1/{len(SAMPLES) + 1}] {SAMPLES[0]}" in shown
    # The progress line is cleared before a problem is printed, and at the end.
    assert "\r\x1b[Kshpolicy: missing.txt: cannot read file" in shown
    assert shown.endswith("\r\x1b[K")
