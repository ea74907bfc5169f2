"""How an interrupted command ends. Once the command has answered Ctrl-C (its workers stopped, the
line saying what was kept printed), what remains is Python's own exit: its handlers join the
threads of the worker pool. A further Ctrl-C there would break into them with a traceback, and a
handler that waits on a pool whose worker was killed while sending a result may never return.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time

#: Seconds the exit may take before the process ends at once.
EXIT_GRACE_S = 10.0


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
