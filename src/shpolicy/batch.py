"""Parse many files, on one core or on any :class:`concurrent.futures.Executor`.

    >>> from concurrent.futures import ProcessPoolExecutor
    >>> from shpolicy.batch import parse_many
    >>> with ProcessPoolExecutor() as pool:                      # doctest: +SKIP
    ...     for result in parse_many(paths, executor=pool):
    ...         if result.ok:  # narrows: result.policy is a Policy here
    ...             print(result.source, result.policy.title)
    ...         else:
    ...             print(result.source, "failed:", result.error)

Results come back in the order of the input, one per path, as soon as that
path and every path before it is done, so a caller can stream them.  A file
that cannot be read or parsed yields a result carrying the error message
instead of stopping the batch.  The work function is a plain module-level
function of picklable arguments, so any executor that pickles its tasks — a
process pool, or a Dask ``Client.get_executor()`` / Ray executor — runs it
unchanged.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Literal, TypeAlias, TypeVar

import attrs

from .errors import ShpolicyError
from .model import Policy

if TYPE_CHECKING:
    # Only for annotations: concurrent.futures costs import time the CLI's
    # one-file path never needs.
    from concurrent.futures import Executor, Future

__all__ = [
    "DEFAULT_PREFETCH",
    "BatchResult",
    "Failed",
    "Parsed",
    "map_in_order",
    "parse_many",
    "parse_one",
]

T = TypeVar("T")
R = TypeVar("R")

#: How many tasks may be submitted ahead of the one being waited for.  Bounded
#: so that a huge batch neither floods the executor nor piles results up in
#: memory when the consumer is slower than the workers.
DEFAULT_PREFETCH = 64


@attrs.frozen(kw_only=True, slots=True)
class Parsed:
    """A file that was parsed: its policy."""

    #: The path as given, as a string.
    source: str
    #: The parsed policy.
    policy: Policy
    #: Always ``None``.
    error: None = None

    @property
    def ok(self) -> Literal[True]:
        """Always true: ``if result.ok:`` tells a type checker that ``result.policy`` is set."""
        return True


@attrs.frozen(kw_only=True, slots=True)
class Failed:
    """A file that could not be read or parsed: the one-line message of the error."""

    #: The path as given, as a string.
    source: str
    #: Why it failed, in one line (``"x.txt: byte 4: neither UTF-8 nor GB18030 (invalid start
    #: byte)"``).
    error: str
    #: Always ``None``.
    policy: None = None

    @property
    def ok(self) -> Literal[False]:
        """Always false: in ``else`` of ``if result.ok:``, ``result.error`` is a ``str``."""
        return False


BatchResult: TypeAlias = Parsed | Failed
"""The outcome for one input path.  Both kinds have ``source``, ``ok``, ``policy`` and
``error``; ``if result.ok:`` narrows to :class:`Parsed` (``policy`` is a
:class:`~shpolicy.model.Policy`), its ``else`` to :class:`Failed` (``error`` is a ``str``)."""


def parse_one(path: str | os.PathLike[str]) -> BatchResult:
    """Parse one file into a :class:`Parsed`, or a :class:`Failed` when it cannot be read or parsed.

    The errors caught are :class:`~shpolicy.errors.ShpolicyError` and :class:`OSError`.
    """
    from .parse import parse_file

    source = os.fspath(path)
    try:
        return Parsed(source=source, policy=parse_file(path))
    except (ShpolicyError, OSError) as exc:
        return Failed(source=source, error=describe_error(exc))


def describe_error(exc: BaseException) -> str:
    """One-line message for a read or parse failure (``PATH: reason`` for OS errors)."""
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename is not None else exc.strerror
    return " ".join(str(exc).split()) or type(exc).__name__


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    executor: Executor | None = None,
    *,
    prefetch: int = DEFAULT_PREFETCH,
) -> Iterator[BatchResult]:
    """Parse every path, yielding one :class:`BatchResult` per path in input order.

    Without an *executor* the files are parsed one after another in this
    process.  With one, up to *prefetch* files are in flight at a time.
    """
    return map_in_order(parse_one, paths, executor, prefetch=prefetch)


def map_in_order(
    task: Callable[[T], R],
    items: Iterable[T],
    executor: Executor | None = None,
    *,
    prefetch: int = DEFAULT_PREFETCH,
) -> Iterator[R]:
    """Apply *task* to every item, on *executor* when given, yielding results in input order."""
    if prefetch < 1:
        raise ValueError(f"prefetch must be at least 1, not {prefetch}")
    if executor is None:
        return map(task, items)
    return _map_on(executor, task, items, prefetch)


def _map_on(
    executor: Executor, task: Callable[[T], R], items: Iterable[T], prefetch: int
) -> Iterator[R]:
    # Executor.map would submit the whole iterable at once; a bounded window
    # keeps memory flat and lets results stream while later files still run.
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            pending.append(executor.submit(task, item))
            if len(pending) >= prefetch:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # The consumer stopped early (or a task raised): do not leave work queued.
        for future in pending:
            future.cancel()
