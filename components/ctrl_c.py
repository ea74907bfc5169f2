"""Ctrl-C in a command: who sees it, and how the command ends after it.

A terminal sends Ctrl-C to every process of the command: the command itself, its worker processes
(:mod:`components.nlp.workers`) and its local Dask cluster's. Only the command answers it (it stops
its workers and says what was kept): the worker processes start within :func:`held_back`, so they
never see it, and the cluster's ignore it (:func:`components.cluster.worker.dask_setup`). Once the
command has answered, what remains is Python's own exit,
whose handlers join the threads of a worker pool: :func:`end_quietly` keeps a further Ctrl-C from
breaking into them with a traceback, and bounds a handler that waits on a pool whose worker was
killed while sending a result (it may never return). And a press Python itself drops (its
KeyboardInterrupt raised where an exception is only printed as "ignored") is raised again:
:func:`lost_presses_raised_again`.
"""
from __future__ import annotations

import _thread
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

#: Seconds the exit may take before the process ends at once.
EXIT_GRACE_S = 10.0
#: Seconds after Python dropped a Ctrl-C before it is raised again (:func:`lost_presses_raised_again`).
RAISED_AGAIN_AFTER_S = 0.1


@contextmanager
def held_back() -> Iterator[None]:
    """Within the block, hold Ctrl-C back in this thread: blocked, not lost (it arrives as the
    block ends). Processes and threads started within inherit the block, so they never see it,
    not even in their first seconds (a worker importing spaCy would print a traceback)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def end_quietly(code: int, grace: float = EXIT_GRACE_S) -> None:
    """From now on ignore Ctrl-C, and end the process with ``code`` in ``grace`` seconds unless
    Python has ended it first. Only for the command's own process (it changes the process's Ctrl-C
    and may end it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_after, args=(grace, code), name="dateline-exit", daemon=True).start()


def _end_after(seconds: float, code: int) -> None:
    time.sleep(seconds)
    sys.stderr.flush()
    os._exit(code)


def lost_presses_raised_again() -> None:
    """From now on, a Ctrl-C whose KeyboardInterrupt Python drops is raised again in the main
    thread, where the command answers it. Python drops an exception raised where it can only be
    printed as "Exception ignored in: …" (``sys.unraisablehook``): a press that lands in a garbage
    collector's callback (Dask's clients and schedulers keep one) was lost, and the command went on
    (seen once in ~30 presses on a Dask ingest under load). What such a press left half done then
    fails in turn (Dask's callback, cut off, asserts on its next run): once a press was dropped, the
    command is ending and such errors are not printed either. Only for the command's own process (it
    changes the process's hook)."""
    previous = sys.unraisablehook
    dropped = False

    def hook(unraisable) -> None:
        nonlocal dropped
        if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
            dropped = True
            # as if pressed again, once the main thread is out of where it was dropped (raised now,
            # it would be dropped in this hook in turn)
            threading.Timer(RAISED_AGAIN_AFTER_S, _thread.interrupt_main).start()
        elif not dropped:
            previous(unraisable)

    sys.unraisablehook = hook
