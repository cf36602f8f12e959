"""Validating archives of records: `cleaner validate` as a library.

    >>> import io
    >>> from cleaner.archive.report import TextReport
    >>> counts = validate_files(["out.jsonl"], Options(strict=True), TextReport(io.StringIO()))
    ... # doctest: +SKIP

`validate_files` checks files in order and hands every problem to a report as it is found.
With `workers` > 1 the files are checked on that many processes (one file per task) and the
report receives them in the same order, so the output is the same; within one file reading
is streamed either way. `max_errors` stops the run after that many problems.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Any

from cleaner.archive.check import Counts, FileProblem, Options, check_file
from cleaner.archive.ids import DuplicateIds, duplicate_problem

__all__ = ["Counts", "FileProblem", "Options", "validate_files"]


def validate_files(
    files: list[str],
    options: Options,
    report: Any,
    max_errors: int | None = None,
    workers: int = 1,
) -> Counts:
    """Check every file, report every problem (up to `max_errors`), return the totals."""
    total = Counts()
    ids = DuplicateIds()
    budget = max_errors
    results = _checked(files, options, ids, workers, max_errors)
    for path, problems, counts in results:
        for problem in problems if budget is None else islice(problems, budget):
            report.problem(problem)
            if budget is not None:
                budget -= 1
        report.file_done(path, counts)
        total.merge(counts)
        if budget == 0:
            break
    return total


def _checked(
    files: list[str], options: Options, ids: DuplicateIds, workers: int, max_errors: int | None
) -> Iterator[tuple[str, Iterator[FileProblem], Counts]]:
    """(path, its problems, its counts) per file in order; the problems may be lazy."""
    if workers <= 1 or len(files) <= 1:
        for path in files:
            counts = Counts()
            yield path, check_file(path, options, counts, ids), counts
        return
    workers = min(workers, len(files))
    # Files go out in batches: one file per task costs more than it saves when files are small.
    batch = max(1, min(64, len(files) // (4 * workers)))
    with ProcessPoolExecutor(workers) as pool:
        jobs = pool.map(
            _check_whole_file,
            files,
            [options] * len(files),
            [max_errors] * len(files),
            chunksize=batch,
        )
        for path, (problems, counts, valid_ids) in zip(files, jobs, strict=True):
            yield path, iter(_with_duplicates(path, problems, counts, valid_ids, ids)), counts


def _check_whole_file(
    path: str, options: Options, max_errors: int | None
) -> tuple[list[FileProblem], Counts, list[tuple[str, int]]]:
    """One file in a worker: its problems (at most `max_errors`), counts and valid records' ids.

    Duplicate ids are found by the caller, across all files, as a single process finds them.
    """
    counts = Counts()
    collector = _IdCollector()
    problems = list(islice(check_file(path, options, counts, collector), max_errors))
    return problems, counts, collector.found


class _IdCollector(DuplicateIds):
    """Remembers every id offered, as (id, line), and never reports a duplicate itself."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, int]] = []

    def seen(self, record_id: str, where: str) -> str | None:
        self.found.append((record_id, int(where.rsplit(":", 1)[1])))
        return None


def _with_duplicates(
    path: str,
    problems: list[FileProblem],
    counts: Counts,
    valid_ids: list[tuple[str, int]],
    ids: DuplicateIds,
) -> list[FileProblem]:
    """A worker's problems with the duplicate-id problems added in line order."""
    found = list(problems)
    for record_id, line in valid_ids:
        first = ids.seen(record_id, f"{path}:{line}")
        if first is not None:
            problem = duplicate_problem(record_id, first)
            found.append(FileProblem(path, line, problem.path, problem.message, problem.kind))
            counts.invalid += 1
            counts.kinds[problem.kind] += 1
    return sorted(found, key=lambda problem: problem.line)
