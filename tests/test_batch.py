"""shpolicy.batch: many files, in input order, on any executor."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shpolicy
from shpolicy.batch import Failed, map_in_order, parse_many

R = TypeVar("R")


class RecordingExecutor(Executor):
    """Runs each task at once on submit and remembers how many were submitted."""

    def __init__(self) -> None:
        self.submitted = 0
        self.futures: list[Future[Any]] = []

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        self.submitted += 1
        future: Future[R] = Future()
        future.set_result(fn(*args, **kwargs))
        self.futures.append(future)
        return future


class FirstFailsExecutor(Executor):
    """Runs nothing: the first future fails at once, the others stay pending."""

    def __init__(self) -> None:
        self.futures: list[Future[Any]] = []

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        future: Future[R] = Future()
        if not self.futures:
            future.set_exception(RuntimeError("task failed"))
        self.futures.append(future)
        return future


def square(n: int) -> int:
    return n * n


@given(items=st.lists(st.integers()), prefetch=st.integers(min_value=1, max_value=5))
def test_map_in_order_keeps_input_order_on_a_thread_pool(items: list[int], prefetch: int) -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        assert list(map_in_order(square, items, pool, prefetch=prefetch)) == [n * n for n in items]


def test_map_in_order_without_executor_is_plain_map() -> None:
    assert list(map_in_order(square, range(5))) == [0, 1, 4, 9, 16]


def test_map_in_order_submits_at_most_prefetch_ahead() -> None:
    executor = RecordingExecutor()
    results = map_in_order(square, iter(range(100)), executor, prefetch=4)
    assert next(results) == 0
    assert executor.submitted == 4
    assert next(results) == 1
    assert executor.submitted == 5


def test_map_in_order_cancels_queued_work_when_a_task_fails() -> None:
    executor = FirstFailsExecutor()
    with pytest.raises(RuntimeError, match="task failed"):
        list(map_in_order(square, range(10), executor, prefetch=3))
    assert len(executor.futures) == 3
    assert all(f.cancelled() for f in executor.futures[1:])


def test_map_in_order_rejects_an_empty_window() -> None:
    with pytest.raises(ValueError, match="prefetch"):
        map_in_order(square, [1], RecordingExecutor(), prefetch=0)


def test_parse_many_matches_parse_file_in_order(sample_paths: list[Path]) -> None:
    results = list(parse_many(sample_paths))
    assert [r.source for r in results] == [str(p) for p in sample_paths]
    assert all(r.ok for r in results)
    assert [r.policy for r in results] == [shpolicy.parse_file(p) for p in sample_paths]


def test_parse_many_reports_a_bad_file_and_continues(
    sample_paths: list[Path], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    results = list(parse_many([sample_paths[0], missing, sample_paths[1]]))
    assert [r.ok for r in results] == [True, False, True]
    bad = results[1]
    assert isinstance(bad, Failed)
    assert bad.source == str(missing)
    assert bad.policy is None
    assert "No such file" in bad.error
    if bad.ok:  # the type checker knows this branch cannot be taken
        pytest.fail("a failed result is not ok")


def test_parse_many_on_a_process_pool_equals_sequential(sample_paths: list[Path]) -> None:
    with ProcessPoolExecutor(max_workers=2) as pool:
        parallel = list(parse_many(sample_paths, executor=pool, prefetch=2))
    assert parallel == list(parse_many(sample_paths))


def test_parse_many_on_a_dask_cluster(sample_paths: list[Path]) -> None:
    # In a child process: distributed leaves threads running after the cluster
    # closes, and a later fork (the process pools of other tests) from a
    # multi-threaded process may deadlock.
    pytest.importorskip("distributed")
    script = (
        "import sys, distributed\n"
        "from shpolicy.batch import parse_many\n"
        "paths = sys.argv[1:]\n"
        "if __name__ == '__main__':\n"
        "    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None)"
        " as cluster, distributed.Client(cluster) as client:\n"
        "        results = list(parse_many(paths, executor=client.get_executor()))\n"
        "    assert results == list(parse_many(paths)), 'differs'\n"
        "    assert all(r.ok for r in results)\n"
        "    print(len(results), 'parsed on dask')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *map(str, sample_paths)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{len(sample_paths)} parsed on dask"
