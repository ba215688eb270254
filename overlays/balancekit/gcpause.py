"""Pause Python's cyclic garbage collector while response bodies are decoded.

Decoding a page allocates tens of thousands of objects that all survive, and each
burst of allocations makes the collector rescan them. Reference counting still
frees memory while the collector is paused; it resumes when the last decode in
flight (any thread, any task) ends, and only if it was enabled to begin with.
Only CPU-bound decoding belongs inside a pause, never network I/O or sleeps. A
process forked during a pause gets its collector back in the child.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pause:
    """A process-wide count of decodes in flight; the collector runs again when it drops to zero."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._resume = False

    def enter(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._depth += 1

    def exit(self) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._resume:
                gc.enable()

    def after_fork_in_child(self) -> None:
        """The child has only the forking thread, whose pauses never end there: restore the collector."""
        self._lock = threading.Lock()
        if self._depth and self._resume:
            gc.enable()
        self._depth, self._resume = 0, False


_PAUSE = _Pause()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_PAUSE.after_fork_in_child)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Within this block (and any overlapping one) the cyclic collector does not run."""
    _PAUSE.enter()
    try:
        yield
    finally:
        _PAUSE.exit()
