"""Check many files: in this process, or in a pool of worker processes (``--jobs``)."""

from __future__ import annotations

from typing import Iterator, Optional


# Worker state for process pools: the rulebook is loaded once per process.
_WORKER: dict = {}


def _init_worker(rulebook_ref: Optional[str], options) -> None:
    from .profiles import select_rulebook

    _WORKER["rulebook"] = select_rulebook(rulebook_ref)  # None: each report's profile by its subject
    _WORKER["options"] = options


def _check_one(path: str):
    from .engine import check_file

    return check_file(path, _WORKER["rulebook"], _WORKER["options"])


def _check_in_worker(path: str):
    """A result for the parent process: without the rulebook that judged it (the parent has
    that rulebook already; sending it with every result would cost more than the check)."""
    result = _check_one(path)
    result.rulebook = None
    return result


def run_batch(paths: list[str], rulebook_ref: str, options, jobs: int) -> Iterator:
    """Yield results in input order, streaming: no more than a few documents live at once."""
    if jobs <= 1 or len(paths) <= 1:
        _init_worker(rulebook_ref, options)
        for path in paths:
            yield _check_one(path)
        return
    from concurrent.futures import ProcessPoolExecutor

    from .profiles import named, select_rulebook

    choice = select_rulebook(rulebook_ref)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(rulebook_ref, options)) as pool:
        for result in pool.map(_check_in_worker, paths, chunksize=4):
            result.rulebook = named(choice, result.profile)
            yield result
