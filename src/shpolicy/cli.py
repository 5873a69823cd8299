"""The ``shpolicy`` command line: parse, validate, check, look up units, tables and reports.

Exit status: 0 when everything went well, 1 when an input was invalid (or
``check`` found a diagnostic at ``--fail-on`` severity), 2 on a usage error,
3 when ``validate`` could not run a check (its checker is not installed).
Every problem is one line on stderr, ``shpolicy: FILE: message``, naming the
file or path it is about; the command never prints a traceback.  Outputs
are written atomically (:mod:`shpolicy.cli_files`).  The library modules
are imported inside the commands so that ``shpolicy --help`` stays fast.
"""

from __future__ import annotations

import argparse
import bisect
import functools
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

import attrs

from . import __version__, cli_files
from .batch import describe_error, map_in_order
from .cli_files import find_inputs, os_error_message, output_paths, read_file_list
from .cli_files import write_atomically as write_atomically
from .errors import NotCheckedError, ShpolicyError

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from .model import Diagnostic, Policy, Section, ValidityPeriod
    from .units import Unit

__all__ = ["main"]

PROG: Final = "shpolicy"
EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_USAGE: Final = 2
EXIT_NOT_CHECKED: Final = 3
STDIN_NAME: Final = "-"
#: How stdin is named in messages and in the parsed policy's ``source``.
STDIN_SOURCE: Final = "<stdin>"

#: Output format -> file suffix written under ``-o DIR``.
SUFFIXES: Final = {"json": ".json", "akn": ".xml", "summary": ".txt"}


class UsageError(Exception):
    """A command line that parses but makes no sense (exit status 2)."""


# --------------------------------------------------------------------------- inputs


@attrs.frozen(kw_only=True, slots=True)
class Input:
    """One input file by name; stdin is read up front into ``data`` and named ``<stdin>``."""

    name: str
    data: bytes | None = None
    output_stem: Path | None = None  # below -o DIR, without the suffix


def gather_inputs(args: argparse.Namespace, stdin: IO[bytes]) -> list[Input]:
    """The inputs of ``parse`` and ``check``: FILE and DIR arguments, then ``--files-from``."""
    names: list[str] = list(args.files)
    listed: str | None = args.files_from
    if listed is not None:
        if listed == STDIN_NAME:
            if STDIN_NAME in names:
                raise UsageError("'-' (stdin) can be given only once: as FILE or as --files-from")
            names.extend(read_file_list(io.TextIOWrapper(stdin, encoding="utf-8")))
        else:
            try:
                with open(listed, encoding="utf-8") as stream:
                    names.extend(read_file_list(stream))
            except OSError as exc:
                raise ListError(os_error_message(exc, listed)) from None
            except UnicodeDecodeError as exc:
                raise ListError(f"{listed}: not a UTF-8 list of files ({exc.reason})") from None
    if not names:
        raise UsageError("give a FILE, a DIR or --files-from LIST")
    if names.count(STDIN_NAME) > 1:
        raise UsageError("'-' (stdin) can be given only once")
    items: list[Input] = []
    for name in names:
        if name == STDIN_NAME:
            items.append(Input(name=STDIN_SOURCE, data=stdin.read(), output_stem=Path("stdin")))
            continue
        for found in find_inputs([name], recursive=args.recursive):
            items.append(Input(name=found.path, output_stem=found.output_stem))
    if not items:
        raise UsageError(f"no policy files in {', '.join(names)} (add -r to look in subfolders)")
    return items


class ListError(Exception):
    """A ``--files-from`` list that cannot be read (exit status 1)."""


def read_inputs(names: Sequence[str], stdin: IO[bytes]) -> list[Input]:
    """Turn FILE arguments into inputs, reading ``-`` from *stdin* once."""
    if names.count(STDIN_NAME) > 1:
        raise UsageError("'-' (stdin) can be given only once")
    return [
        Input(name=STDIN_SOURCE, data=stdin.read()) if name == STDIN_NAME else Input(name=name)
        for name in names
    ]


def parse_input(item: Input) -> Policy:
    """Parse a file, or the stdin bytes held by *item*."""
    from .parse import parse_bytes, parse_file

    if item.data is not None:
        return parse_bytes(item.data, source=item.name)
    return parse_file(item.name)


@attrs.frozen(kw_only=True, slots=True)
class Outcome:
    """What a worker produced for one input: output bytes and/or problem lines."""

    name: str
    output: bytes = b""
    problems: tuple[str, ...] = ()
    failed: bool = False
    not_checked: bool = False


def guarded(item: Input, work: Callable[[Input], Outcome]) -> Outcome:
    """Run *work*, turning any exception into a failed outcome (the CLI never shows a traceback)."""
    try:
        return work(item)
    except (ShpolicyError, OSError) as exc:
        return Outcome(name=item.name, problems=(describe_error(exc),), failed=True)
    except Exception as exc:  # a bug in shpolicy: still one line, but say so
        message = f"internal error ({type(exc).__name__}: {describe_error(exc)}); please report it"
        return Outcome(name=item.name, problems=(message,), failed=True)


# --------------------------------------------------------------------------- rendering


def render(item: Input, fmt: str) -> Outcome:
    """Parse *item* and render it as *fmt* (json, akn or summary)."""
    policy = parse_input(item)
    if fmt == "json":
        from .json_codec import to_json

        text = to_json(policy)
        return Outcome(name=item.name, output=text.encode("utf-8"))
    if fmt == "akn":
        from .akn import to_akn

        return Outcome(name=item.name, output=to_akn(policy))
    return Outcome(name=item.name, output=summarize(item.name, policy).encode("utf-8"))


def iter_sections(sections: Iterable[Section]) -> Iterator[Section]:
    """Every section and sub-section, depth first in document order."""
    for section in sections:
        yield section
        yield from iter_sections(section.sections)


def summarize(name: str, policy: Policy) -> str:
    """A short human-readable account of a parsed policy."""
    sections = list(iter_sections(policy.sections))
    measures = policy.all_measures()
    targets = (
        len(policy.targets)
        + sum(len(s.targets) for s in sections)
        + sum(len(m.targets) for m in measures)
    )
    units = {u.name for m in measures for u in m.responsible_units}
    units.update(u.name for s in sections for u in s.responsible_units)
    severities = [d.severity for d in policy.diagnostics]
    rows = [
        ("title", policy.title or "(none)"),
        ("language", policy.language),
        ("doc number", policy.doc_number or "(none)"),
        ("issued", policy.issued.isoformat() if policy.issued else "(unknown)"),
        ("published", policy.published.isoformat() if policy.published else "(unknown)"),
        ("validity", describe_validity(policy.validity)),
        ("sections", str(len(sections))),
        ("measures", str(len(measures))),
        ("units", f"{len(units)} distinct responsible units"),
        ("targets", str(targets)),
        ("tasks", f"{len(policy.tasks)} in the annexes"),
        (
            "diagnostics",
            f"{len(severities)} ({severities.count('error')} errors, "
            f"{severities.count('warning')} warnings, {severities.count('info')} info)",
        ),
    ]
    width = max(len(key) for key, _ in rows)
    lines = [f"{name}"] + [f"  {key + ':':<{width + 1}} {value}" for key, value in rows]
    return "\n".join(lines) + "\n"


def describe_validity(validity: ValidityPeriod | None) -> str:
    """``2024-01-01 to 2026-12-31``, with ``?`` for a bound the text does not state, and
    ``(provisional)`` for a policy on trial or interim (试行, 暂行)."""
    if validity is None:
        return "(not stated)"
    if validity.start is not None:
        start = validity.start.isoformat()
    else:
        start = "announcement" if validity.starts_on_announcement else "?"
    end = validity.end.isoformat() if validity.end is not None else "?"
    return f"{start} to {end}" + (" (provisional)" if validity.provisional else "")


# --------------------------------------------------------------------------- check


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of *text* starts (line 1 starts at 0)."""
    starts = [0]
    index = text.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def line_column(starts: Sequence[int], offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of *offset*, given :func:`line_starts`."""
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def format_diagnostic(name: str, diagnostic: Diagnostic, starts: Sequence[int]) -> str:
    """``file:line:col: severity code: message`` (``file: ...`` when it has no span)."""
    message = " ".join(diagnostic.message.split())
    where = name
    if diagnostic.span is not None:
        line, column = line_column(starts, diagnostic.span.start)
        where = f"{name}:{line}:{column}"
    return f"{where}: {diagnostic.severity} {diagnostic.code}: {message}"


SEVERITY_RANK: Final = {"info": 0, "warning": 1, "error": 2}


def check(item: Input, severity: str = "info", fail_on: str = "error") -> Outcome:
    """Parse *item* and list its diagnostics of *severity* or above; ``failed`` when one
    (shown or not) is at *fail_on* severity or above."""
    policy = parse_input(item)
    starts = line_starts(policy.text)  # the text the spans index (a page's extracted text)
    shown = [d for d in policy.diagnostics if SEVERITY_RANK[d.severity] >= SEVERITY_RANK[severity]]
    lines = [format_diagnostic(item.name, d, starts) for d in shown]
    output = "".join(line + "\n" for line in lines).encode("utf-8")
    failed = any(SEVERITY_RANK[d.severity] >= SEVERITY_RANK[fail_on] for d in policy.diagnostics)
    return Outcome(name=item.name, output=output, failed=failed)


# --------------------------------------------------------------------------- running many


def default_jobs() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def run_all(
    work: Callable[[Input], Outcome], items: Sequence[Input], jobs: int
) -> Iterator[Outcome]:
    """Run *work* over *items* in order, on a process pool when that can help."""
    task = functools.partial(guarded, work=work)
    workers = min(jobs, len(items))
    if workers <= 1:
        yield from map_in_order(task, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    executor: Executor
    with ProcessPoolExecutor(max_workers=workers) as executor:
        yield from map_in_order(task, items, executor, prefetch=2 * workers)


class Progress:
    """``[3/10] file`` on one self-overwriting stderr line, only when stderr is a terminal."""

    def __init__(self, stream: IO[str], total: int) -> None:
        self._stream = stream
        self._total = total
        self._shown = total > 1 and _isatty(stream)

    def step(self, done: int, name: str) -> None:
        if self._shown:
            self._stream.write(f"\r\x1b[K[{done}/{self._total}] {name}")
            self._stream.flush()

    def clear(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()


def _isatty(stream: IO[str] | IO[bytes]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def report(stderr: IO[str], name: str, message: str) -> None:
    """Print one problem as ``shpolicy: NAME: message`` (no doubled name)."""
    if message.startswith(f"{name}:"):
        stderr.write(f"{PROG}: {message}\n")
    else:
        stderr.write(f"{PROG}: {name}: {message}\n")


def write_stdout(data: bytes) -> None:
    """Write bytes to stdout, through its binary buffer when it has one; end with a newline."""
    if data and not data.endswith(b"\n"):
        data += b"\n"
    stdout = sys.stdout
    buffer = getattr(stdout, "buffer", None)
    if buffer is None:
        stdout.write(data.decode("utf-8"))
        return
    stdout.flush()
    buffer.write(data)
    buffer.flush()


@attrs.frozen(kw_only=True, slots=True)
class Tally:
    """How a run of many inputs went: its exit status, and how many inputs failed."""

    status: int
    done: int
    failed: int


def consume(
    outcomes: Iterable[Outcome],
    total: int,
    sink: Callable[[int, Outcome], str | None],
    *,
    sink_is_terminal: bool,
) -> Tally:
    """Hand every outcome to *sink* (with its position), report its problems, count.

    *sink* returns a problem line of its own (``PATH: reason``) when it could
    not take an outcome.  *sink_is_terminal* says that the sink writes to the
    terminal the progress line is on, which must then be cleared first.
    """
    status = EXIT_OK
    failed = done = 0
    progress = Progress(sys.stderr, total)
    try:
        for index, outcome in enumerate(outcomes):
            done += 1
            if outcome.problems or (outcome.output and sink_is_terminal):
                progress.clear()
            trouble = sink(index, outcome) if outcome.output else None
            for problem in outcome.problems:
                report(sys.stderr, outcome.name, problem)
            if trouble is not None:
                progress.clear()
                sys.stderr.write(f"{PROG}: {trouble}\n")
            if outcome.failed or trouble is not None:
                status = EXIT_INVALID
                failed += 1
            elif outcome.not_checked and status == EXIT_OK:
                status = EXIT_NOT_CHECKED
            progress.step(done, outcome.name)
    finally:
        progress.clear()
    return Tally(status=status, done=done, failed=failed)


# --------------------------------------------------------------------------- commands


def cmd_parse(args: argparse.Namespace) -> int:
    items = gather_inputs(args, sys.stdin.buffer)
    fmt: str = args.format
    out: str | None = args.output
    to_stdout = out is None or out == STDIN_NAME
    if to_stdout and len(items) > 1 and fmt != "summary":
        raise UsageError(f"several {fmt} documents need an output directory: add -o DIR")
    targets: dict[int, Path] = {}
    if not to_stdout:
        assert out is not None
        targets = prepare_output_directory(items, Path(out), SUFFIXES[fmt])

    def sink(index: int, outcome: Outcome) -> str | None:
        if to_stdout:
            write_stdout(outcome.output)
            return None
        target = targets[index]
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, outcome.output)
        except OSError as exc:
            return os_error_message(exc, str(target))
        return None

    started = time.monotonic()
    work = functools.partial(render, fmt=fmt)
    outcomes = run_all(work, items, args.jobs)
    terminal = to_stdout and _isatty(sys.stdout)
    tally = consume(outcomes, len(items), sink, sink_is_terminal=terminal)
    if not to_stdout:
        seconds = time.monotonic() - started
        sys.stderr.write(
            f"{PROG}: {out}: {tally.done - tally.failed} parsed, {tally.failed} failed "
            f"in {seconds:.2f} s\n"
        )
    return tally.status


def prepare_output_directory(
    items: Sequence[Input], directory: Path, suffix: str
) -> dict[int, Path]:
    """The output file of every input below *directory* (made); two inputs may not share one."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory}: not a directory (-o takes a directory; '-o -' is stdout)")
    found = [
        cli_files.Found(path=i.name, output_stem=i.output_stem or Path(Path(i.name).stem))
        for i in items
    ]
    targets, clashes = output_paths(found, directory, suffix)
    if clashes:
        first, second, path = clashes[0]
        raise UsageError(f"{first} and {second} would both be written to {path}")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(os_error_message(exc, str(directory))) from None
    return targets


class OutputError(Exception):
    """An output directory that cannot be made (exit status 1); the message names it."""


def cmd_check(args: argparse.Namespace) -> int:
    items = gather_inputs(args, sys.stdin.buffer)
    work = functools.partial(check, severity=args.severity, fail_on=args.fail_on)
    outcomes = run_all(work, items, args.jobs)
    tally = consume(outcomes, len(items), _sink_stdout, sink_is_terminal=_isatty(sys.stdout))
    return tally.status


def _sink_stdout(index: int, outcome: Outcome) -> None:
    write_stdout(outcome.output)


def cmd_validate(args: argparse.Namespace) -> int:
    items = read_inputs(args.files, sys.stdin.buffer)
    outcomes = (guarded(item, validate) for item in items)
    tally = consume(outcomes, len(items), _sink_stdout, sink_is_terminal=_isatty(sys.stdout))
    return tally.status


def validate(item: Input) -> Outcome:
    """Check that a JSON or Akoma Ntoso file is a readable shpolicy document.

    A check that cannot run (its checker is not installed) is never reported
    as passed: the outcome says "not checked", how to install the checker,
    and what was checked; the exit status is then 3.
    """
    data = item.data if item.data is not None else Path(item.name).read_bytes()
    kind = document_kind(item.name, data)
    try:
        problems = validate_json(data) if kind == "json" else validate_akn(data)
    except NotCheckedError as exc:
        return Outcome(name=item.name, problems=(f"not checked: {exc}",), not_checked=True)
    if problems:
        return Outcome(name=item.name, problems=tuple(problems), failed=True)
    return Outcome(name=item.name, output=f"{item.name}: ok ({kind})\n".encode())


def document_kind(name: str, data: bytes) -> str:
    """``json`` or ``akn``, from the file suffix, else from the first non-blank byte."""
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".xml", ".akn"):
        return "akn"
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "akn" if head == b"<" else "json"


def validate_json(data: bytes) -> list[str]:
    """Problems of a shpolicy JSON document (codec, then JSON schema).

    Raises :class:`NotCheckedError` when the schema check cannot run.
    """
    from . import json_schema

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [f"byte {exc.start}: not UTF-8 ({exc.reason})"]
    return json_schema.validate(text)


def validate_akn(data: bytes) -> list[str]:
    """Problems of an Akoma Ntoso document (XSD and naming rules, then reading back).

    Raises :class:`NotCheckedError` when the OASIS schema is not installed,
    after the checks that could run found nothing.
    """
    from . import akn

    report = akn.validation_report(data)
    problems = [" ".join(p.split()) for p in report.problems]
    if problems:
        return problems
    try:
        akn.from_akn(data)
    except ShpolicyError as exc:
        return [describe_error(exc)]
    if report.schema is None:
        raise NotCheckedError(
            "the OASIS Akoma Ntoso schema is not installed "
            f"({akn.CHECKER}); read back and naming rules ok"
        )
    return []


def cmd_units(args: argparse.Namespace) -> int:
    if args.index:
        return units_index(args)
    from . import units

    jurisdiction = args.jurisdiction
    if jurisdiction is not None:
        try:
            units.district_of_jurisdiction(jurisdiction)
        except ShpolicyError as exc:
            raise UsageError(str(exc)) from None
    if args.list:
        if args.terms:
            raise UsageError("--list takes no QUERY")
        return units_list(
            units.in_jurisdiction(jurisdiction) if jurisdiction else units.all(), args
        )
    if not args.terms:
        raise UsageError("give a unit name to look up, --list, or --index FILE...")
    query = " ".join(args.terms)
    unit = units.lookup(query, jurisdiction=jurisdiction)
    # A query in a district's context (区商务委) may only resolve there; without a
    # context, a name that resolves anywhere is that body.
    if unit is None and jurisdiction is None:
        unit = units.lookup(query)
    hits = () if unit is not None else units.search(query, jurisdiction=jurisdiction, limit=20)
    if args.json:
        document = {
            "query": query,
            "jurisdiction": jurisdiction,
            "unit": None if unit is None else unit_to_dict(unit),
            "candidates": [
                {**unit_to_dict(hit.unit), "matched": hit.name, "score": hit.score} for hit in hits
            ],
        }
        write_stdout((json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        return EXIT_OK if unit is not None or hits else EXIT_INVALID
    if unit is not None:
        write_stdout(describe_unit(unit).encode("utf-8"))
        return EXIT_OK
    if not hits:
        sys.stderr.write(f"{PROG}: no Shanghai body known as {query!r}\n")
        return EXIT_INVALID
    lines = [f"no body is called {query!r}; the closest:"]
    lines.extend(f"{hit.unit.id}\t{hit.unit.name_zh}\t{hit.unit.name_en}" for hit in hits)
    write_stdout(("\n".join(lines) + "\n").encode("utf-8"))
    return EXIT_OK


def units_list(listed: Sequence[Unit], args: argparse.Namespace) -> int:
    """``shpolicy units --list``: one line (id, Chinese name, English name) per body, or JSON."""
    if args.json:
        document = {"units": [unit_to_dict(unit) for unit in listed]}
        write_stdout((json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    else:
        text = "".join(f"{u.id}\t{u.name_zh}\t{u.name_en}\n" for u in listed)
        write_stdout(text.encode("utf-8"))
    return EXIT_OK


def unit_to_dict(unit: Unit) -> dict[str, object]:
    """A registry unit as a JSON object (the registry file's fields)."""
    return {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in attrs.asdict(unit, recurse=False).items()
    }


def describe_unit(unit: object) -> str:
    """Every filled-in field of a registry unit, one ``name: value`` line each."""
    cls = type(unit)
    if not attrs.has(cls):
        return f"{unit}\n"
    lines = []
    for field in attrs.fields(cls):
        value = getattr(unit, field.name)
        if isinstance(value, tuple | list):
            value = ", ".join(str(v) for v in value)
        if value not in (None, "", (), []):
            lines.append(f"{field.name}: {value}")
    return "\n".join(lines) + "\n"


def units_index(args: argparse.Namespace) -> int:
    from .units import build_index, index_to_json, index_to_text

    if not args.terms:
        raise UsageError("--index needs at least one FILE")
    items = read_inputs(args.terms, sys.stdin.buffer)
    parsed: list[tuple[str, Policy]] = []
    status = EXIT_OK
    for item in items:
        try:
            parsed.append((item.name, parse_input(item)))
        except (ShpolicyError, OSError) as exc:
            report(sys.stderr, item.name, describe_error(exc))
            status = EXIT_INVALID
    entries = build_index(parsed)
    text = index_to_json(entries) if args.json else index_to_text(entries)
    write_stdout(text.encode("utf-8"))
    return status


# --------------------------------------------------------------------------- argparse


def jobs_count(value: str) -> int:
    """argparse type of ``--jobs``: a positive integer."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {jobs}")
    return jobs


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``shpolicy`` command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Parse Shanghai government policy documents (English and Chinese) "
        "into JSON or Akoma Ntoso 3.0 XML.",
        epilog="Exit status: 0 ok, 1 invalid input or failing diagnostics, 2 usage error, "
        "3 not checked (validate without its checker).",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    jobs = argparse.ArgumentParser(add_help=False)
    jobs.add_argument(
        "-j",
        "--jobs",
        type=jobs_count,
        default=default_jobs(),
        metavar="N",
        help="parse up to N files at once (default: %(default)s, one per core)",
    )

    parse = commands.add_parser(
        "parse", parents=[jobs], help="parse policy texts to JSON, Akoma Ntoso or a summary"
    )
    add_input_options(parse)
    parse.add_argument(
        "-f",
        "--format",
        choices=tuple(SUFFIXES),
        default="json",
        help="output format (default: json)",
    )
    parse.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        help="write DIR/<name>.json|.xml|.txt per file ('-' or omitted: stdout)",
    )
    parse.set_defaults(run=cmd_parse)

    check_ = commands.add_parser(
        "check", parents=[jobs], help="print diagnostics as file:line:col: severity code: message"
    )
    add_input_options(check_)
    check_.add_argument(
        "--severity",
        choices=tuple(SEVERITY_RANK),
        default="info",
        help="show diagnostics of this severity or above (default: info, all of them)",
    )
    check_.add_argument(
        "--fail-on",
        choices=tuple(SEVERITY_RANK),
        default="error",
        help="exit with status 1 when a diagnostic has this severity or above (default: error)",
    )
    check_.set_defaults(run=cmd_check)

    validate_ = commands.add_parser(
        "validate", help="check a shpolicy JSON or Akoma Ntoso XML document"
    )
    validate_.add_argument("files", nargs="+", metavar="FILE", help="FILE.json or FILE.xml")
    validate_.set_defaults(run=cmd_validate)

    units = commands.add_parser(
        "units",
        help="look up or search a Shanghai body, list the registry, or index the units",
    )
    units.add_argument(
        "terms",
        nargs="*",
        metavar="QUERY|FILE",
        help="a body's name, whole or in part (商务委, Commerce, '徐汇 科委'); "
        "with --index, text files",
    )
    units.add_argument(
        "--index", action="store_true", help="list every responsible unit of the FILEs"
    )
    units.add_argument("--list", action="store_true", help="print the registry")
    units.add_argument(
        "--jurisdiction",
        metavar="CODE",
        help="cn-sh or cn-sh-<district>: read QUERY in that context, list or search its bodies",
    )
    units.add_argument("--json", action="store_true", help="print JSON")
    units.set_defaults(run=cmd_units)

    from .cli_batch import add_commands

    add_commands(commands, jobs)
    for command in commands.choices.values():  # usage errors show the command's own usage
        command.set_defaults(parser=command)
    return parser


def add_input_options(command: argparse.ArgumentParser) -> None:
    """FILE/DIR arguments, ``-r`` and ``--files-from`` (``parse`` and ``check``)."""
    command.add_argument(
        "files",
        nargs="*",
        metavar="FILE|DIR",
        help="a policy file (text, web page, .docx, PDF); '-' reads stdin; "
        "a directory gives the policy files in it",
    )
    command.add_argument(
        "-r",
        "--recursive",
        action="store_true",
        help="with a DIR: also the policy files in its subdirectories",
    )
    command.add_argument(
        "--files-from",
        metavar="LIST",
        help="also the files named in LIST, one a line ('-': read the list from stdin)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors end here
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except UsageError as exc:
        # As argparse reports its own usage errors: the command's usage, then
        # "shpolicy COMMAND: error: …".
        command: argparse.ArgumentParser = getattr(args, "parser", parser)
        command.print_usage(sys.stderr)
        sys.stderr.write(f"{command.prog}: error: {exc}\n")
        return EXIT_USAGE
    except (OutputError, ListError) as exc:
        sys.stderr.write(f"{PROG}: {exc}\n")
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``shpolicy parse ... | head``): stop quietly.
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:
        sys.stderr.write(f"{PROG}: {os_error_message(exc)}\n")
        return EXIT_INVALID
    except ShpolicyError as exc:
        sys.stderr.write(f"{PROG}: {describe_error(exc)}\n")
        return EXIT_INVALID
    except Exception as exc:  # e.g. a worker process killed by the OS
        sys.stderr.write(f"{PROG}: {type(exc).__name__}: {describe_error(exc)}\n")
        return EXIT_INVALID


def _silence_stdout() -> None:
    # Python flushes stdout at exit; on a closed pipe that would print an error.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
