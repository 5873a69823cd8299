"""The ``table`` and ``report`` commands: read a whole batch, then write one output over it.

Both take FILE and DIR arguments.  A FILE is a policy text, or a document
that ``shpolicy parse`` wrote (``.json``, ``.xml``), read back without parsing
again; a DIR stands for the texts (``*.txt``) in it, and below it with
``--recursive``.  Inputs are read on up to ``--jobs`` cores, with the same
progress line and the same error handling as ``parse``: an input that cannot
be read is reported as ``shpolicy: FILE: message`` and left out, the others
are still written, and the exit status is 1.

The reading helpers here (:func:`expand`, :func:`load`) are the command
line's; the tables and the report themselves live in :mod:`shpolicy.tables`
and :mod:`shpolicy.report`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Final

import attrs

from .batch import describe_error, map_in_order
from .cli import (
    EXIT_INVALID,
    EXIT_OK,
    STDIN_NAME,
    Input,
    Progress,
    UsageError,
    parse_input,
    read_inputs,
    report,
    write_stdout,
)
from .errors import ShpolicyError

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from .model import Policy

__all__ = ["Loaded", "add_commands", "cmd_report", "cmd_table", "expand", "load"]

#: Suffixes of the texts a DIR argument stands for.
TEXT_SUFFIXES: Final = (".txt",)
#: Suffixes of documents ``shpolicy parse`` wrote, read back as they are.
DOCUMENT_SUFFIXES: Final = (".json", ".xml")


@attrs.frozen(kw_only=True, slots=True)
class Loaded:
    """An input read into a policy, or the one-line problem that stopped it."""

    name: str
    policy: Policy | None = None
    problem: str | None = None


# --------------------------------------------------------------------------- reading


def expand(names: Sequence[str], *, recursive: bool) -> tuple[list[str], list[Loaded]]:
    """FILE and DIR arguments as file names, in order; a DIR's texts sorted by path.

    Returns the names and, for a directory that cannot be listed or holds no
    text, a failed :class:`Loaded` to report.
    """
    found: list[str] = []
    problems: list[Loaded] = []
    for name in names:
        if name == STDIN_NAME or not os.path.isdir(name):
            found.append(name)
            continue
        try:
            pattern = "**/*" if recursive else "*"
            texts = sorted(
                str(path)
                for path in Path(name).glob(pattern)
                if path.suffix.lower() in TEXT_SUFFIXES and path.is_file()
            )
        except OSError as exc:
            problems.append(Loaded(name=name, problem=describe_error(exc)))
            continue
        if not texts:
            where = "in it or below" if recursive else "in it (-r looks below)"
            suffixes = ", ".join(f"*{s}" for s in TEXT_SUFFIXES)
            problems.append(Loaded(name=name, problem=f"a directory with no {suffixes} {where}"))
        found.extend(texts)
    return found, problems


def load(item: Input) -> Loaded:
    """Read one input: a ``.json`` or ``.xml`` document as written by ``parse``, else a text."""
    try:
        return Loaded(name=item.name, policy=_read(item))
    except (ShpolicyError, OSError) as exc:
        return Loaded(name=item.name, problem=describe_error(exc))
    except Exception as exc:  # a bug in shpolicy: still one line, but say so
        message = f"internal error ({type(exc).__name__}: {describe_error(exc)}); please report it"
        return Loaded(name=item.name, problem=message)


def _read(item: Input) -> Policy:
    suffix = PurePath(item.name).suffix.lower()
    if item.data is None and suffix == ".json":
        from .errors import DecodeError
        from .json_codec import from_json

        data = Path(item.name).read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DecodeError("not UTF-8 JSON", offset=exc.start) from None
        return from_json(text)
    if item.data is None and suffix == ".xml":
        from .akn import from_akn

        return from_akn(Path(item.name).read_bytes())
    return parse_input(item)


def load_all(items: Sequence[Input], jobs: int) -> Iterator[Loaded]:
    """:func:`load` every item in order, on a process pool when that can help."""
    workers = min(jobs, len(items))
    if workers <= 1:
        yield from map_in_order(load, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    executor: Executor
    with ProcessPoolExecutor(max_workers=workers) as executor:
        yield from map_in_order(load, items, executor, prefetch=2 * workers)


def gather(names: Sequence[str], *, recursive: bool, jobs: int) -> tuple[list[Loaded], int]:
    """Read every input with a progress line, reporting each problem; return the policies read."""
    paths, problems = expand(names, recursive=recursive)
    items = read_inputs(paths, sys.stdin.buffer)
    status = EXIT_OK
    for problem in problems:
        report(sys.stderr, problem.name, problem.problem or "")
        status = EXIT_INVALID
    loaded: list[Loaded] = []
    progress = Progress(sys.stderr, len(items))
    try:
        for done, result in enumerate(load_all(items, jobs), start=1):
            if result.problem is not None:
                progress.clear()
                report(sys.stderr, result.name, result.problem)
                status = EXIT_INVALID
            else:
                loaded.append(result)
            progress.step(done, result.name)
    finally:
        progress.clear()
    return loaded, status


def document_names(loaded: Sequence[Loaded]) -> list[tuple[str, Policy]]:
    """``(document name, policy)`` pairs: the file name of each policy's source.

    A document read from ``parse``'s JSON keeps the name of the text it was
    parsed from.  Where two inputs share a file name (``a/x.txt``, ``b/x.txt``)
    both are named by their whole path instead.
    """
    from .tables import document_name

    read = [(item.name, item.policy) for item in loaded if item.policy is not None]
    names = [document_name(policy, PurePath(name).name) for name, policy in read]
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return [
        (name if counts[name] == 1 else policy.source or given, policy)
        for name, (given, policy) in zip(names, read, strict=True)
    ]


# --------------------------------------------------------------------------- commands


def cmd_table(args: argparse.Namespace) -> int:
    """``shpolicy table``: one table over every input, as CSV, JSON Lines or Parquet."""
    from . import tables

    out: str = args.output
    fmt = "csv" if out == STDIN_NAME else tables.format_for(out)
    if fmt is None:
        suffixes = ", ".join(tables.FORMATS)
        raise UsageError(f"{out}: unknown table format; the suffix picks it: {suffixes} (or -)")
    if fmt == "parquet":
        # Before reading anything: a batch must not be parsed for nothing.
        tables.require_parquet()
    loaded, status = gather(args.files, recursive=args.recursive, jobs=args.jobs)
    table = tables.build(args.of, document_names(loaded))
    if out == STDIN_NAME:
        # No BOM on stdout: it goes to programs (sort, cut, a CSV reader), not to a spreadsheet.
        write_stdout(tables.csv_bytes(table))
        return status
    try:
        tables.write(table, out)
    except OSError as exc:
        report(sys.stderr, out, describe_error(exc))
        return EXIT_INVALID
    return status


def cmd_report(args: argparse.Namespace) -> int:
    """``shpolicy report``: a static HTML site over every input."""
    from . import report as site_report

    loaded, status = gather(args.files, recursive=args.recursive, jobs=args.jobs)
    site = site_report.build_site(document_names(loaded))
    try:
        site_report.write_site(site, args.output)
    except OSError as exc:
        report(sys.stderr, args.output, describe_error(exc))
        return EXIT_INVALID
    return status


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    jobs: argparse.ArgumentParser,
) -> None:
    """Register ``table`` and ``report`` on the ``shpolicy`` command's subparsers."""
    from .tables import TABLES

    inputs = argparse.ArgumentParser(add_help=False, parents=[jobs])
    inputs.add_argument(
        "files",
        nargs="+",
        metavar="FILE|DIR",
        help="a policy text, a .json or .xml written by parse, or a directory of texts; "
        "'-' reads stdin",
    )
    inputs.add_argument(
        "-r", "--recursive", action="store_true", help="look for texts below each DIR too"
    )

    table = commands.add_parser(
        "table",
        parents=[inputs],
        help="one table of responsibilities, measures, targets or documents over many policies",
    )
    table.add_argument(
        "--of",
        choices=TABLES,
        default="responsibilities",
        help="which table (default: %(default)s)",
    )
    table.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default=STDIN_NAME,
        help="OUT.csv (UTF-8 with BOM), OUT.jsonl or OUT.parquet; '-' (default): CSV on stdout",
    )
    table.set_defaults(run=cmd_table)

    report_ = commands.add_parser(
        "report",
        parents=[inputs],
        help="a static HTML report (index, a page per document and per body) over many policies",
    )
    report_.add_argument(
        "-o", "--output", metavar="DIR", required=True, help="write DIR/index.html and its pages"
    )
    report_.set_defaults(run=cmd_report)
