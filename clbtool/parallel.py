"""Files read in parallel, each in a worker process, results in the order given; a file that
stops its process (a library that aborts on it) costs only itself."""

from __future__ import annotations

import os
from collections.abc import Callable

from clbtool.workbook.probe import die_with_parent


def run_all(
    worker: Callable,
    tasks: list[tuple],
    jobs: int | None,
    on_progress: Callable[[int, int], None] | None,
    died: Callable[[tuple, int | None], object],
) -> list:
    """``worker(task)`` for every task, ``jobs`` processes at a time (the CPUs by default;
    one process, no pool, for a few tasks); ``died(task, exit code)`` stands for the result
    of a task whose process ended without one."""
    jobs = jobs or os.cpu_count() or 1
    results: list = []
    if jobs <= 1 or len(tasks) < 8:
        for i, task in enumerate(tasks, start=1):
            results.append(worker(task))
            if on_progress:
                on_progress(i, len(tasks))
        return results
    from concurrent.futures import ProcessPoolExecutor  # 17 ms: only when files are many
    from concurrent.futures.process import BrokenProcessPool

    chunk = max(1, min(64, len(tasks) // (jobs * 8)))
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent) as pool:
            for i, result in enumerate(pool.map(worker, tasks, chunksize=chunk), start=1):
                results.append(result)
                if on_progress:
                    on_progress(i, len(tasks))
        return results
    except BrokenProcessPool:
        pass  # a worker died (the library aborted on a file, or it was killed)
    done = len(results)
    for i, result in enumerate(_isolated(worker, tasks[done:], jobs, died), start=done + 1):
        results.append(result)
        if on_progress:
            on_progress(i, len(tasks))
    return results


def _isolated(worker: Callable, tasks: list[tuple], jobs: int, died):
    """The tasks left after a worker died, each in a process of its own (``jobs`` at a
    time), in order: a file that stops its process again costs only itself, never the run."""
    import multiprocessing as mp
    from multiprocessing.connection import wait

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    results: list = [None] * len(tasks)
    running: dict = {}  # the child's pipe -> (index, process)
    given, ready = 0, 0
    while ready < len(tasks):
        while given < len(tasks) and len(running) < jobs:
            reader, writer = ctx.Pipe(duplex=False)
            child = ctx.Process(target=_run_into, args=(worker, tasks[given], writer), daemon=True)
            child.start()
            writer.close()
            running[reader] = (given, child)
            given += 1
        for reader in wait(list(running)):
            index, child = running.pop(reader)
            try:
                results[index] = reader.recv()
            except (EOFError, OSError):  # the process ended without a result
                results[index] = None
            child.join()
            if results[index] is None:
                results[index] = died(tasks[index], child.exitcode)
            reader.close()
        while ready < len(tasks) and results[ready] is not None:
            yield results[ready]
            ready += 1


def _run_into(worker: Callable, task: tuple, writer) -> None:
    """In a child process of :func:`_isolated`: run one task, send what it gives."""
    die_with_parent()
    writer.send(worker(task))
    writer.close()
