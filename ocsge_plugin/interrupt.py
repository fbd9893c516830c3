"""Signals are cancels: SIGINT (Ctrl+C) and SIGTERM to ``qgis_process`` cancel the running algorithm.

``qgis_process`` (3.22) cancels the running algorithm's feedback on SIGINT itself, but SIGTERM (what
``kill``, ``timeout`` and job schedulers send) ends it at once, leaving its temporary files. Under
``qgis_process`` the plugin installs a handler for both (qgis_process's own SIGINT handler, installed
when an algorithm starts, takes precedence: same effect) that cancels the feedback of every
algorithm of the plugin that runs (``watching``): the algorithm then stops as on the Cancel button —
outputs written under temporary names are removed, previous outputs are kept — and ends with an
error (``OcsgeAlgorithm``), so the exit status is not 0. A second signal while the first is still
being handled, or a signal when no algorithm of the plugin runs, ends the process as it would have
without the plugin.

In the QGIS desktop application the handlers are left to QGIS.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from typing import Any, Iterator

SIGNALS = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s is not None)

_running: list[Any] = []  # feedbacks of the algorithms running now
_received: dict[int, int] = {}  # signal → how many times


def _handler(signum: int, frame: Any) -> None:
    _received[signum] = _received.get(signum, 0) + 1
    if _received[signum] > 1 or not _running:  # nothing to cancel, or asked twice: as without the plugin
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    for feedback in list(_running):
        feedback.cancel()


def install() -> bool:
    """Install the handlers under ``qgis_process`` (main thread only); True when installed."""
    try:
        from qgis.core import QgsApplication

        platform = QgsApplication.platform()
    except Exception:  # noqa: BLE001 - outside QGIS
        return False
    if platform != "qgis_process" or threading.current_thread() is not threading.main_thread():
        return False
    for signum in SIGNALS:
        signal.signal(signum, _handler)
    return True


@contextmanager
def watching(feedback: Any) -> Iterator[None]:
    """While the block runs, a signal cancels ``feedback``."""
    if feedback is None:
        yield
        return
    _running.append(feedback)
    try:
        yield
    finally:
        _running.remove(feedback)
        if not _running:
            _received.clear()
