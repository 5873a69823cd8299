"""Files for the command line: inputs from directories and lists, outputs written atomically.

Every command that reads many files and writes one output per file uses these:

* :func:`find_inputs` turns FILE arguments — files, directories (their policy
  files; every level below with ``recursive``), and the lines of a
  ``--files-from`` list — into :class:`Found` inputs, each with the path its
  output takes under ``-o DIR`` (a file found in a directory keeps its place
  below that directory, so two ``a.txt`` in different folders do not collide);
* :func:`write_atomically` writes an output to a temporary file beside it and
  renames it into place, so a killed batch leaves complete files or none;
* :func:`os_error_message` says which path an :class:`OSError` is about.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Final

import attrs

__all__ = [
    "POLICY_SUFFIXES",
    "Found",
    "find_inputs",
    "os_error_message",
    "read_file_list",
    "write_atomically",
]

POLICY_SUFFIXES: Final = frozenset(
    {".txt", ".html", ".htm", ".shtml", ".xhtml", ".mhtml", ".mht", ".docx", ".pdf", ".doc", ".wps"}
)
"""What a directory walk picks up: texts, saved pages, Word files and PDFs (and legacy
Word/WPS files, so that each is reported rather than silently skipped)."""


@attrs.frozen(kw_only=True, slots=True)
class Found:
    """An input path and where its output goes below ``-o DIR`` (without the suffix)."""

    path: str
    output_stem: Path


def find_inputs(names: Iterable[str], *, recursive: bool) -> Iterator[Found]:
    """Every input that *names* give, in order; a directory gives its policy files, sorted.

    A name that is neither a directory nor an existing file is passed on as
    it is: reading it reports the problem with its name.
    """
    for name in names:
        if os.path.isdir(name):
            yield from _walk(Path(name), recursive=recursive)
        else:
            yield Found(path=name, output_stem=Path(Path(name).stem))


def _walk(top: Path, *, recursive: bool) -> Iterator[Found]:
    for directory, subdirectories, filenames in os.walk(top):
        # Hidden folders (.git, .venv) are not policy folders; sorted for a stable order.
        subdirectories[:] = (
            sorted(d for d in subdirectories if not d.startswith(".")) if recursive else []
        )
        for filename in sorted(filenames):
            path = Path(directory) / filename
            if filename.startswith(".") or path.suffix.lower() not in POLICY_SUFFIXES:
                continue
            relative = path.relative_to(top)
            yield Found(path=str(path), output_stem=relative.with_suffix(""))


def read_file_list(stream: IO[str]) -> list[str]:
    """The paths listed in *stream*, one a line (blank lines skipped, ends of lines kept)."""
    return [line.rstrip("\r\n") for line in stream if line.strip()]


def write_atomically(path: Path, data: bytes) -> None:
    """Write *data* to *path* through a temporary file in the same directory and a rename.

    A reader never sees a half-written *path*: it is either the old file (or
    absent) or the complete new one.  The temporary file (``.NAME.XXXX.tmp``)
    is removed when writing fails; only a process killed between the write
    and the rename leaves one behind.  Files are created with the mode the
    umask gives a new file, like ``open(path, "wb")``.
    """
    import tempfile  # here: `shpolicy --help` need not load it

    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _new_file_mode())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _new_file_mode() -> int:
    # mkstemp creates 0600; a plain open() would give 0666 less the umask,
    # which can only be read by setting it (and setting it back at once).
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def os_error_message(exc: OSError, fallback: str | None = None) -> str:
    """``PATH: reason`` for an OS error (the path it names, else *fallback*)."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    where = exc.filename if exc.filename is not None else fallback
    return f"{os.fsdecode(where)}: {reason}" if where is not None else reason


def output_paths(
    found: Sequence[Found], directory: Path, suffix: str
) -> tuple[dict[int, Path], list[tuple[str, str, Path]]]:
    """``DIR/<output stem><suffix>`` per input (by position), and the pairs that would collide."""
    paths: dict[int, Path] = {}
    seen: dict[Path, str] = {}
    clashes: list[tuple[str, str, Path]] = []
    for index, item in enumerate(found):
        path = directory / item.output_stem.with_name(item.output_stem.name + suffix)
        if path in seen:
            clashes.append((seen[path], item.path, path))
        seen.setdefault(path, item.path)
        paths[index] = path
    return paths, clashes
