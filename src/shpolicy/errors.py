"""Exceptions raised by shpolicy.

Every failure on bad input is a :class:`ShpolicyError` subclass whose message
says what went wrong and where (byte offset, line and column, JSON path or XML
line), so callers can catch one base class and still show a useful message.
"""

from __future__ import annotations

__all__ = [
    "AknError",
    "DecodeError",
    "FormatError",
    "InvalidValueError",
    "MissingDependencyError",
    "NotCheckedError",
    "ParseError",
    "SchemaError",
    "ShpolicyError",
]


class ShpolicyError(Exception):
    """Base class of every error shpolicy raises on bad input."""


class InvalidValueError(ShpolicyError, ValueError):
    """A model value is impossible (negative span, start after end, unknown comparator...)."""


class DecodeError(ShpolicyError):
    """Bytes could not be decoded to text; ``offset`` is the first bad byte."""

    def __init__(self, message: str, *, offset: int | None = None, source: str | None = None):
        where = ""
        if source is not None:
            where += f"{source}: "
        if offset is not None:
            where += f"byte {offset}: "
        super().__init__(where + message)
        self.offset = offset
        self.source = source


class ParseError(ShpolicyError):
    """A text cannot be parsed at all (for example: it is empty)."""

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        source: str | None = None,
    ):
        where = ""
        if source is not None:
            where += f"{source}:"
        if line is not None:
            where += f"{line}:{column or 1}:"
        super().__init__(f"{where} {message}".strip())
        self.line = line
        self.column = column
        self.source = source


class SchemaError(ShpolicyError):
    """A JSON document does not match the shpolicy schema.

    ``path`` is a JSON path such as ``$.measures[3].label``.
    """

    def __init__(self, message: str, *, path: str = "$"):
        super().__init__(f"{path}: {message}")
        self.path = path


class AknError(ShpolicyError):
    """An XML document is not shpolicy-readable Akoma Ntoso; ``line`` is its XML line when known."""

    def __init__(self, message: str, *, line: int | None = None):
        super().__init__(f"line {line}: {message}" if line is not None else message)
        self.line = line


class FormatError(ShpolicyError):
    """A file shpolicy does not read, or refuses to: a legacy Word or WPS file, an archive
    that is no Word document, a web page, Word file or PDF beyond the reader's limits."""

    def __init__(self, message: str, *, source: str | None = None):
        super().__init__(f"{source}: {message}" if source is not None else message)
        self.source = source


class MissingDependencyError(ShpolicyError):
    """What was asked needs an optional extra that is not installed.

    Reading a Word file or a PDF (``shpolicy[docx]``, ``shpolicy[pdf]``),
    writing Parquet (``shpolicy[parquet]``), a pandas DataFrame
    (``shpolicy[pandas]``).  The message names what needs it and the command
    that installs it; ``extra`` is the extra's name, ``source`` the file when
    one was being read.
    """

    def __init__(self, message: str, *, extra: str, source: str | None = None):
        super().__init__(f"{source}: {message}" if source is not None else message)
        self.extra = extra
        self.source = source


class NotCheckedError(ShpolicyError):
    """A check that cannot run because its checker is not installed.

    Raised instead of reporting "no problems" for what was not checked; the
    message says how to install the checker (``pip install 'shpolicy[validate]'``).
    """
