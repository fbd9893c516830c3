"""An iterator produced one item ahead in a thread (``prefetched``): the PostGIS reader's next
batch fetched while the caller works on this one."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator

from .progress import Step

__all__ = ["Prefetched", "prefetched"]


def prefetched(items: Iterator, step: Step) -> Prefetched:
    """``items`` produced one ahead in a thread started at once (GDAL lets go of Python's lock
    while it reads, so the reading of the next batch runs beside the caller's work on this one);
    its errors raised here; the thread stopped when the caller stops (``close``, cancel, error,
    the end) or ``step`` is canceled."""
    return Prefetched(items, step)


class Prefetched:
    """The iterator :func:`prefetched` returns (its thread started at once: several run
    together)."""

    _END = object()

    def __init__(self, items: Iterator, step: Step) -> None:
        self.items, self.step = items, step
        self.ahead: queue.Queue = queue.Queue(maxsize=1)
        self.stop = threading.Event()
        self.worker = threading.Thread(target=self._produce, name="ocsge-read", daemon=True)
        self.worker.start()

    def _offer(self, item) -> bool:
        while not self.stop.is_set():
            try:
                self.ahead.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def _produce(self) -> None:
        try:
            for item in self.items:
                if not self._offer(item):
                    return
            self._offer(self._END)
        except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
            self._offer(error)
        finally:
            close = getattr(self.items, "close", None)
            if close is not None:
                close()  # a generator's own clean-up (its connection), in this thread

    def __iter__(self) -> Prefetched:
        return self

    def __next__(self):
        try:
            while True:
                self.step.check()
                try:
                    item = self.ahead.get(timeout=0.2)
                except queue.Empty:
                    continue
                if item is self._END:
                    raise StopIteration
                if isinstance(item, BaseException):
                    raise item
                return item
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self.stop.set()
        self.worker.join()

    def __del__(self) -> None:
        self.stop.set()
