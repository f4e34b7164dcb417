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


def run_batch(paths: list[str], rulebook_ref: str, options, jobs: int) -> Iterator:
    """Yield results in input order, streaming: no more than a few documents live at once."""
    if jobs <= 1 or len(paths) <= 1:
        _init_worker(rulebook_ref, options)
        for path in paths:
            yield _check_one(path)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(rulebook_ref, options)) as pool:
        yield from pool.map(_check_one, paths, chunksize=4)
