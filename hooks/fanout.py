"""Independent jobs shared with forked helper processes, results in job order.

A monorepo's packages are judged one by one, and most of the time goes into
walking each package's folder. With more than one CPU, ``fan_out`` forks
helpers that take jobs from the same queue as this process, so the packages
of babel (152 of them, 27,000 files) are judged on two cores at once.

Why not ``concurrent.futures.ProcessPoolExecutor``: on this 2-core machine its
import costs 13 ms and a pool of two for 152 trivial jobs another 55 ms
(start, feeder thread, one pickled call per job, shutdown), a quarter of the
time babel's whole check takes. Here the queue is a pipe holding every job
number before the fork (each read takes one 4-byte record whole), a helper
sends its results once, pickled, when the queue is empty, and ends with
``os._exit`` (no exit handlers, no flush of this process's buffers).

Whatever goes wrong in a helper (an exception, a signal, a kill) costs only
time: each job no helper answered is done here afterwards, so an error shows
as it would without helpers.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar

    _J = TypeVar('_J')
    _R = TypeVar('_R')

# the environment variable that sets the number of processes (1: no helpers)
JOBS_ENV = 'PACKGUARD_JOBS'
MAX_PROCESSES = 4
MIN_JOBS = 8          # fewer jobs than this are not worth a fork
_RECORD = 4           # bytes per queued job number
_MAX_RECORDS = 1024   # 4 KiB: fits any pipe's buffer before anybody reads it


def processes() -> int:
    """How many processes share the jobs: ``PACKGUARD_JOBS`` when it is a number,
    else the CPUs this process may run on (at most MAX_PROCESSES); 1 where the
    platform cannot fork."""
    if not hasattr(os, 'fork'):  # pragma: no cover (Windows)
        return 1
    wanted = os.environ.get(JOBS_ENV, '').strip()
    if wanted.isdigit():
        return max(1, min(int(wanted), MAX_PROCESSES))
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover (macOS has no affinity)
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_PROCESSES))


def fan_out(jobs: Sequence[_J], work: Callable[[_J], _R]) -> list[_R]:
    """``[work(job) for job in jobs]``, shared with forked helpers when it pays."""
    count = processes()
    if count < 2 or len(jobs) < MIN_JOBS:
        return [work(job) for job in jobs]
    import pickle

    # the first job is done before the fork: what it reads, compiles and imports
    # once for every job (a project's workspace list, its ignore rules, the lazily
    # loaded judges) is then the helpers' too
    results: dict[int, _R] = {0: work(jobs[0])}
    # a record names a batch of consecutive jobs (one job each below 1,024)
    batch = -(-(len(jobs) - 1) // _MAX_RECORDS)
    batches = -(-(len(jobs) - 1) // batch)
    try:
        queue_r, queue_w = os.pipe()
    except OSError:   # no descriptor left: this process does the rest
        return [results[0], *(work(job) for job in jobs[1:])]
    try:
        os.write(queue_w, b''.join(i.to_bytes(_RECORD, 'big') for i in range(batches)))
    finally:
        os.close(queue_w)
    helpers: list[tuple[int, int]] = []   # (pid, read end of its results)
    import gc

    gc.freeze()   # no collection in a helper touches (so copies) what the fork shares
    try:
        for _ in range(count - 1):
            try:
                result_r, result_w = os.pipe()
            except OSError:
                break
            try:
                pid = os.fork()
            except OSError:   # no process left (a container's limit): fewer helpers
                os.close(result_r)
                os.close(result_w)
                break
            if pid == 0:   # a helper: it never returns from here
                for _, theirs in helpers:
                    os.close(theirs)
                os.close(result_r)
                _helper(queue_r, result_w, jobs, work, batch, pickle.dumps)
            os.close(result_w)
            helpers.append((pid, result_r))
        for i in _jobs(queue_r, batch, len(jobs)):
            results[i] = work(jobs[i])
    except BaseException:
        import signal

        for pid, result_r in helpers:   # an error (or ^C) here ends the helpers too
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(result_r)
        raise
    finally:
        os.close(queue_r)
        gc.unfreeze()
    for pid, result_r in helpers:
        data = _read_all(result_r)
        os.waitpid(pid, 0)
        try:
            answered = pickle.loads(data) if data else {}
        except Exception:  # noqa: BLE001 (a helper killed mid-write: its jobs are redone)
            answered = {}
        if isinstance(answered, dict):
            results.update(answered)
    # a job no helper answered (it failed there, or the helper died) is done here
    return [results[i] if i in results else work(jobs[i]) for i in range(len(jobs))]


def _jobs(queue_r: int, batch: int, total: int) -> Iterator[int]:
    """Job numbers off the queue, one batch at a time, until it is empty (the next
    batch is taken only when the caller asks for it)."""
    while True:
        record = os.read(queue_r, _RECORD)
        if len(record) < _RECORD:
            return
        first = 1 + int.from_bytes(record, 'big') * batch   # (job 0 is done first)
        yield from range(first, min(first + batch, total))


def _helper(queue_r: int, result_w: int, jobs: Sequence[_J], work: Callable[[_J], _R],
            batch: int, dumps: Callable[[object], bytes]) -> None:  # pragma: no cover (a fork)
    code = 0
    try:
        answered: dict[int, _R] = {}
        for i in _jobs(queue_r, batch, len(jobs)):
            try:
                answered[i] = work(jobs[i])
            except Exception:  # noqa: BLE001, S112 (redone by the parent, which shows it)
                continue
        data = dumps(answered)
        view = memoryview(data)
        while view:
            view = view[os.write(result_w, view):]
    except BaseException:  # noqa: BLE001 (whatever it was, the parent redoes the jobs)
        code = 1
    finally:
        os._exit(code)


def _read_all(fd: int) -> bytes:
    chunks = []
    try:
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b''.join(chunks)
