"""Ctrl-C as a request to stop between documents, never in the middle of a write.

The first SIGINT sets :attr:`Graceful.interrupted`; the loop that reads from the wrapped iterator
sees no more items, finishes what it holds, and the run ends with everything written so far
committed (every document is its own transaction), so a re-run resumes by the sha256 skip. A
second Ctrl-C raises ``KeyboardInterrupt`` at once.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from types import FrameType
from typing import Any, Generic, TypeVar

T = TypeVar("T")
EXIT_INTERRUPTED = 130


class Graceful(Generic[T]):
    def __init__(self, items: Iterable[T]) -> None:
        self._items = items
        self.interrupted = False
        self._previous: Any = None

    def _handler(self, signum: int, frame: FrameType | None) -> None:
        if self.interrupted:
            raise KeyboardInterrupt
        self.interrupted = True

    def __enter__(self) -> Graceful[T]:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None

    def __iter__(self) -> Iterator[T]:
        for item in self._items:
            if self.interrupted:
                return
            yield item


def graceful(items: Iterable[T]) -> Graceful[T]:
    """``with graceful(it) as g: for x in g: ...`` — stops taking items after a Ctrl-C."""
    return Graceful(items)
