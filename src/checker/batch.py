"""Check many files in worker processes that this process supervises.

Every file is checked in a worker process (forked, so it starts with the
rulebook already loaded), not in the process that writes the output — except
a lone small plain-text report (:func:`_lone_plain_text`), whose check is
Python code only and costs less than a fork: it is checked in this process
under the same memory limit and the same ``--timeout`` alarm.  The supervisor
hands each worker one file at a time and knows which file each is on, so that:

* a worker that dies (killed for memory, PDFium aborting) costs only its
  file, reported as ``处理时进程异常退出，可能是文件过大或损坏``; a new worker
  takes its place and every other file is still checked;
* ``--timeout`` holds for every format: a worker still busy
  :data:`GRACE` seconds after its file's time is up (stuck in native code
  that the in-process alarm cannot interrupt) is killed, its file reported as
  over time;
* each worker runs under an address-space limit (``--max-memory``, default
  :data:`DEFAULT_MAX_MEMORY`), writes no core dumps, ignores Ctrl-C (the
  supervisor handles it) and dies with the supervisor;
* when the run ends — normally, on an error, or on a signal — every worker is
  stopped (SIGTERM, so that it kills a LibreOffice it started; SIGKILL a
  second later if it is stuck) and reaped: none is left behind.

Results come back in input order, streaming: at most :data:`WINDOW_PER_JOB`
files per worker are handed out ahead of the next one to report.  With
``--debug`` (or where ``fork`` does not exist) the files are checked in this
process, one after another, so that an internal error shows its traceback.
"""

from __future__ import annotations

import os
import signal
import stat
import time
from collections import deque
from typing import Iterator, Optional

from .cache import save_tables
from .model import ReportResult

#: default address-space limit of one worker, bytes (``--max-memory``)
DEFAULT_MAX_MEMORY = 1024 * 1024 * 1024
#: seconds past ``--timeout`` before a busy worker is killed
GRACE = 1.0
#: files handed out ahead of the next result, per worker
WINDOW_PER_JOB = 4
#: seconds a worker has to stop on SIGTERM before it is killed
STOP_GRACE = 1.0

WORKER_DIED = "处理时进程异常退出，可能是文件过大或损坏"
_OUT_OF_MEMORY = "{path}: 文件过大，内存不足，无法检查（可用 --max-memory 调高上限）"


# Worker state: the rulebook is loaded once per process.
_WORKER: dict = {}


def _init_worker(rulebook_ref: Optional[str], options) -> None:
    from .profiles import select_rulebook

    _WORKER["rulebook"] = select_rulebook(rulebook_ref)  # None: each report's profile by its subject
    _WORKER["options"] = options


def _check_one(path: str) -> ReportResult:
    from .engine import check_file

    return check_file(path, _WORKER["rulebook"], _WORKER["options"])


def _error(path: str, message: str) -> ReportResult:
    """A file that could not be checked, reported like the engine reports one."""
    return ReportResult(path=str(path), error=message, profile=getattr(_WORKER.get("rulebook"), "id", None))


def timeout_message(path: str, seconds: float) -> str:
    return f"{path}: 处理超时（超过 {seconds:g} 秒），文件可能过大或结构异常"


def run_batch(paths: list[str], rulebook_ref: Optional[str], options, jobs: int, max_memory: Optional[int] = DEFAULT_MAX_MEMORY) -> Iterator[ReportResult]:
    """Yield one result per path, in input order."""
    _init_worker(rulebook_ref, options)
    if options.debug or not hasattr(os, "fork") or not paths:
        for path in paths:
            yield _check_one(path)
        return
    if _lone_plain_text(paths, options):
        yield _check_here(paths[0], max_memory)
        return
    yield from _Supervisor(paths, max(1, min(jobs, len(paths))), options.timeout, max_memory).results()


#: a lone plain-text report (.txt, .md, stdin) up to this size is checked in this process (see :func:`_lone_plain_text`)
IN_PROCESS_MAX_BYTES = 1024 * 1024


def _lone_plain_text(paths: list[str], options) -> bool:
    """Whether the run is one small plain-text file (and last year's report, if given, is one too).

    Such a file is read and checked by Python code only, which the in-process
    ``--timeout`` alarm interrupts, under the same memory limit a worker has
    (:func:`_check_here`); forking a worker for it would cost more than the
    check.  Every other file — .docx, .pdf, office formats and HTML (native
    libraries that may crash or ignore the alarm), anything large, and any
    batch — is checked in a supervised worker.
    """
    if len(paths) != 1:
        return False
    from .readers import reader_of

    limit = min(IN_PROCESS_MAX_BYTES, dict(options.read_limits).get("max_bytes", IN_PROCESS_MAX_BYTES))
    files = [paths[0], *(p for f, p in options.previous if f == str(paths[0]))]
    for path in files:
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            return False
        if reader_of(path) != "text" or not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return False
    return True


def _check_here(path: str, max_memory: Optional[int]) -> ReportResult:
    """One file checked in this process under a worker's limits (address space, no core dump), restored afterwards."""
    saved = _limit_resources(max_memory)
    try:
        return _check_one(path)
    except MemoryError:
        return _error(path, _OUT_OF_MEMORY.format(path=path))
    finally:
        _restore_resources(saved)


# ---------------------------------------------------------------- worker side


def _die_with_parent(parent: int) -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(0)


def _limit_resources(max_memory: Optional[int]) -> list:
    """No core dumps, and an address space of at most ``max_memory`` bytes; returns the limits replaced."""
    import resource

    saved = []
    for which, value in ((resource.RLIMIT_CORE, 0), (resource.RLIMIT_AS, max_memory)):
        if which == resource.RLIMIT_AS and not value:
            continue
        try:
            soft, hard = resource.getrlimit(which)
            resource.setrlimit(which, (value if hard == resource.RLIM_INFINITY else min(value, hard), hard))
            saved.append((which, (soft, hard)))
        except (ValueError, OSError):
            pass
    return saved


def _restore_resources(saved: list) -> None:
    import resource

    for which, limits in reversed(saved):
        try:
            resource.setrlimit(which, limits)
        except (ValueError, OSError):
            pass


def _stop(signum, frame):
    """SIGTERM in a worker: unwind (every ``finally`` runs: LibreOffice killed, temporary folders removed)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(1)


def _serve(conn, parent: int, max_memory: Optional[int]) -> None:
    """The worker's loop: (index, path) in, (index, ReportResult) out, until EOF or None."""
    _die_with_parent(parent)
    _limit_resources(max_memory)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        try:
            result = _check_one(path)
        except MemoryError:
            result = _error(path, _OUT_OF_MEMORY.format(path=path))
        save_tables()  # patterns and classes this check compiled first (a worker ends without exit handlers)
        result.rulebook = None  # the supervisor has it already: sending it would cost more than the check
        result.sketch = pack_sketches(result.sketch)
        try:
            conn.send((index, result))
        except (OSError, EOFError):
            return
        except Exception as exc:  # noqa: BLE001 - a result that cannot be sent back still gets reported
            conn.send((index, _error(path, f"{path}: 检查时发生内部错误（{type(exc).__name__}），可加 --debug 查看详情并报告")))


class _Packed:
    """A sketch whose tuples of integers travel (and wait in the supervisor) as bytes: 1 KB, not 10 KB per report."""

    __slots__ = ("kind", "fields")

    def __init__(self, kind, fields):
        self.kind, self.fields = kind, fields

    def unpack(self):
        from array import array

        return self.kind(**{name: None if raw is None else tuple(array("q", raw)) for name, raw in self.fields})


def pack_sketches(sketches):
    """A result's sketches (rule id -> a dataclass of tuples of integers) with each tuple packed (:class:`_Packed`)."""
    if not sketches:
        return sketches
    import dataclasses
    from array import array

    out = {}
    for rule, value in sketches.items():
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            try:
                fields = tuple((f.name, None if (v := getattr(value, f.name)) is None else array("q", v).tobytes()) for f in dataclasses.fields(value))
                value = _Packed(type(value), fields)
            except (TypeError, OverflowError):  # not integers that fit in 64 bits: sent as it is
                pass
        out[rule] = value
    return out


def unpack_sketches(results: list) -> None:
    """The sketches of results from workers as the copies rules read them (in place)."""
    for r in results:
        if r.sketch and any(isinstance(v, _Packed) for v in r.sketch.values()):
            r.sketch = {rule: v.unpack() if isinstance(v, _Packed) else v for rule, v in r.sketch.items()}


#: the fields of a Finding and a PartResult that the supervisor keeps one copy of (:meth:`_Supervisor._share`)
_SHARED_FINDING_FIELDS = ("rule", "severity", "part", "fix", "section", "message")
_SHARED_PART_FIELDS = ("id", "name", "status", "heading")


class _Worker:
    def __init__(self, pid: int, conn):
        self.pid, self.conn = pid, conn
        self.task: Optional[tuple[int, str]] = None
        self.started = 0.0


class _Supervisor:
    def __init__(self, paths: list[str], jobs: int, timeout: Optional[float], max_memory: Optional[int]):
        self.paths, self.jobs, self.timeout, self.max_memory = paths, jobs, timeout, max_memory
        self.workers: list[_Worker] = []
        self.shared: dict = {}

    # -- processes

    def _spawn(self) -> _Worker:
        from multiprocessing import Pipe

        mine, theirs = Pipe()
        parent = os.getpid()
        signals = {signal.SIGINT, signal.SIGTERM}
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, signals)  # no handler of ours may run in the child
        try:
            pid = os.fork()
            if pid == 0:  # the worker
                code = 0
                try:
                    import gc

                    gc.freeze()  # what it inherits is never collected here: no collection walks (and copies) those pages
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    signal.signal(signal.SIGTERM, _stop)
                    signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
                    mine.close()
                    for other in self.workers:  # keep no other worker's pipe open: each sees EOF when we die
                        other.conn.close()
                    _serve(theirs, parent, self.max_memory)
                except BaseException:  # noqa: BLE001 - a worker never prints a traceback
                    code = 1
                finally:
                    os._exit(code)
            theirs.close()
            worker = _Worker(pid, mine)
            self.workers.append(worker)  # known before a signal can arrive: it will be killed
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        return worker

    def _end(self, *workers: _Worker, grace: float = STOP_GRACE) -> None:
        """Stop and reap workers: SIGTERM first (a worker in Python code cleans up — a LibreOffice it
        started, its temporary folder), SIGKILL for any still there after ``grace`` seconds."""
        for worker in workers:
            self.workers.remove(worker)
            worker.conn.close()
            try:
                os.kill(worker.pid, signal.SIGTERM if grace else signal.SIGKILL)
            except ProcessLookupError:
                pass
        left = {w.pid for w in workers}
        deadline = time.monotonic() + grace
        while left:
            for pid in list(left):
                try:
                    if os.waitpid(pid, os.WNOHANG)[0]:
                        left.discard(pid)
                except ChildProcessError:
                    left.discard(pid)
            if not left:
                break
            if time.monotonic() >= deadline:
                for pid in left:
                    try:
                        os.kill(pid, signal.SIGKILL)
                        os.waitpid(pid, 0)
                    except (ProcessLookupError, ChildProcessError):
                        pass
                break
            time.sleep(0.01)

    def _died(self, worker: _Worker) -> ReportResult:
        try:  # it has closed its pipe: reap it (it may still be exiting)
            pid, status = os.waitpid(worker.pid, 0)
        except ChildProcessError:
            status = None
        self.workers.remove(worker)
        worker.conn.close()
        index, path = worker.task
        how = ""
        if status is not None and os.WIFSIGNALED(status):
            try:
                how = f"（进程被信号 {signal.Signals(os.WTERMSIG(status)).name} 终止）"
            except ValueError:
                how = f"（进程被信号 {os.WTERMSIG(status)} 终止）"
        elif status is not None and os.WIFEXITED(status):
            how = f"（退出码 {os.WEXITSTATUS(status)}）"
        return _error(path, f"{path}: {WORKER_DIED}{how}")

    def _share(self, result: ReportResult) -> None:
        """One copy, in this process, of what many reports' results hold alike (what was not judged, the topics
        counted, the rule ids, fixes and messages of their findings, the names of their parts): a result just
        unpickled is seen by no one else, so its frozen values may take the copy already held."""
        shared = self.shared
        share = shared.setdefault
        setattr_ = object.__setattr__
        result.skipped = share(result.skipped, result.skipped)
        for f in result.findings:
            for name in _SHARED_FINDING_FIELDS:
                value = getattr(f, name)
                if value is not None:
                    setattr_(f, name, share(value, value))
        for p in result.parts:
            for name in _SHARED_PART_FIELDS:
                value = getattr(p, name)
                if value is not None:
                    setattr_(p, name, share(value, value))
        coverage = result.coverage
        if coverage is not None:
            names = shared.setdefault(coverage.names, coverage.names)
            if names is not coverage.names:
                setattr_(coverage, "names", names)

    # -- the loop

    def results(self) -> Iterator[ReportResult]:
        from multiprocessing.connection import wait

        from .profiles import named

        pending = deque(enumerate(self.paths))
        done: dict[int, ReportResult] = {}
        next_out = 0
        window = WINDOW_PER_JOB * self.jobs
        limit = self.timeout + GRACE if self.timeout else None
        try:
            while next_out < len(self.paths):
                while pending and pending[0][0] < next_out + window:
                    idle = next((w for w in self.workers if w.task is None), None)
                    if idle is None:
                        if len(self.workers) >= self.jobs:
                            break
                        idle = self._spawn()
                    idle.task = pending.popleft()
                    idle.started = time.monotonic()
                    try:
                        idle.conn.send(idle.task)
                    except OSError:
                        done[idle.task[0]] = self._died(idle)
                busy = [w for w in self.workers if w.task is not None]
                if busy:
                    wait_for = None
                    if limit is not None:
                        wait_for = max(0.0, min(w.started + limit for w in busy) - time.monotonic())
                    ready = wait([w.conn for w in busy], wait_for)
                    for w in busy:
                        if w.conn in ready:
                            try:
                                index, result = w.conn.recv()
                            except (EOFError, OSError):
                                index = w.task[0]
                                result = self._died(w)
                            else:
                                w.task = None
                                if result.error is None:  # the rulebook that judged it, as in this process
                                    result.rulebook = named(_WORKER["rulebook"], result.profile)
                                    self._share(result)
                            done[index] = result
                        elif limit is not None and time.monotonic() - w.started >= limit:
                            index, path = w.task
                            self._end(w, grace=0)  # stuck where its own alarm could not reach: no use asking
                            done[index] = _error(path, timeout_message(path, self.timeout))
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
        finally:
            self._end(*self.workers)
