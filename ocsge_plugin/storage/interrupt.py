"""Signals are cancels: SIGINT (Ctrl+C) and SIGTERM to ``qgis_process`` cancel the running
algorithm.

SIGTERM (what ``kill``, ``timeout`` and job schedulers send) would end ``qgis_process`` at once,
leaving its temporary files; QGIS 3.22's ``qgis_process`` puts its own SIGINT watcher in place
when an algorithm starts, which acts only from Qt's event loop — never reached while an algorithm
runs, so Ctrl+C was ignored and the run went on to replace its outputs. Under ``qgis_process``
the plugin therefore installs its handler for both signals when the plugin loads
(:func:`install`) and again when each of its algorithms starts (:func:`watching`), after QGIS's.
The handler cancels the feedback of every algorithm of the plugin that runs: the algorithm then
stops as on the Cancel button — outputs written under temporary names are removed, previous
outputs are kept — and ends with an error (``OcsgeAlgorithm``), so the exit status is not 0. A
second signal while the first is still being handled, or a signal when no algorithm of the plugin
runs (before the first, after the last: ``qgis_process`` printing its results), ends the process
at once, as it ends any program.

A cancel that comes once outputs have already been put in place (``files.replaced_since``: the
signal arrived while a set of files was being renamed, or between two outputs) cannot take them
back: the run then ends with an error that names every file replaced (:func:`watching`), never
with "previous outputs are kept".

In the QGIS desktop application the handlers are left to QGIS.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from qgis.core import QgsProcessingException

from ..core.i18n import plural, tr
from . import files

__all__ = [
    "canceled_after_replacing",
    "install",
    "watching",
]

SIGNALS = tuple(
    s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s is not None
)

_running: list[Any] = []  # feedbacks of the algorithms running now
_received: dict[int, int] = {}  # signal → how many times
_installed = [False]  # under qgis_process: the handlers are the plugin's


def _handler(signum: int, frame: Any) -> None:
    _received[signum] = _received.get(signum, 0) + 1
    if (
        _received[signum] > 1 or not _running
    ):  # nothing to cancel, or asked twice: as without the plugin
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
    _installed[0] = True
    _take_signals()
    return True


def _take_signals(handler: Any = _handler) -> None:
    """``handler`` for SIGINT and SIGTERM under qgis_process: the plugin's again (QGIS may have
    put its own in place since), or the system's default once no algorithm of the plugin runs (a
    signal arriving when no Python code runs any more would never be handled)."""
    if _installed[0] and threading.current_thread() is threading.main_thread():
        for signum in SIGNALS:
            signal.signal(signum, handler)


def canceled_after_replacing(replaced: list[tuple[str, str]]) -> str:
    """The message of a run canceled once the outputs ``replaced`` ((folder or database, name), as
    ``files.replaced_since``) had been put in place (translated)."""
    places: dict[str, list[str]] = {}
    for place, name in replaced:
        places.setdefault(place, []).append(name)
    where = "; ".join(f"{place}: {', '.join(names)}" for place, names in places.items())
    return plural(
        len(replaced),
        tr(
            "Canceled too late to keep the previous outputs: {count} output had already "
            "been replaced by this "
            "run's results ({outputs}). The outputs not listed were not written; their "
            "previous versions are kept."
        ),
        tr(
            "Canceled too late to keep the previous outputs: {count} outputs had already "
            "been replaced by this "
            "run's results ({outputs}). The outputs not listed were not written; their "
            "previous versions are kept."
        ),
    ).format(count=len(replaced), outputs=where)


@contextmanager
def watching(feedback: Any) -> Iterator[None]:
    """While the block runs, a signal cancels ``feedback``. A block canceled after outputs were
    put in place ends with a ``QgsProcessingException`` naming them (whatever the block raised or
    returned)."""
    if feedback is None:
        yield
        return
    _take_signals()
    _running.append(feedback)
    start = files.replaced_count()
    try:
        yield
    except QgsProcessingException:
        _check_replaced(feedback, start)
        raise
    finally:
        _running.remove(feedback)
        if not _running:
            _received.clear()
            _take_signals(signal.SIG_DFL)
    _check_replaced(feedback, start)


def _check_replaced(feedback: Any, start: int) -> None:
    replaced = files.replaced_since(start)
    if replaced and feedback.isCanceled():
        raise QgsProcessingException(canceled_after_replacing(replaced))
