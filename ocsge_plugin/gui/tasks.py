"""Background work for the panel: a QgsTask that runs a function and reports in the main thread."""

from __future__ import annotations

import traceback
from typing import Any, Callable

from qgis.core import Qgis, QgsMessageLog, QgsTask

from ..core.errors import Canceled
from ..core.i18n import tr
from ..services import catalogue, network
from ..storage import reading

__all__ = [
    "WorkTask",
]

# Errors whose message is already written for the user.
USER_ERRORS = (network.NetworkError, catalogue.CatalogueError, reading.DeliveryError)


class WorkTask(QgsTask):
    """Runs ``work(task)`` in a worker thread; then, in the main thread, ``on_done(result)``,
    ``on_error(message)`` or ``on_canceled()``. ``work`` reports with ``task.setProgress`` and
    stops when ``task.isCanceled()`` (pass it to network.Client)."""

    def __init__(
        self,
        description: str,
        work: Callable[[QgsTask], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_canceled: Callable[[], None] | None = None,
    ):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.work = work
        self.on_done, self.on_error, self.on_canceled = on_done, on_error, on_canceled
        self.result: Any = None
        self.error = ""
        self.outcome = ""  # done, error, canceled: set once finished (tests wait on it)

    def run(self) -> bool:  # worker thread
        try:
            self.result = self.work(self)
            return not self.isCanceled()
        except Canceled:
            return False
        except USER_ERRORS as error:
            self.error = str(error)
        except Exception as error:  # a bug: keep the traceback in the log, tell the user briefly
            QgsMessageLog.logMessage(traceback.format_exc(), "OCS GE", Qgis.MessageLevel.Critical)
            self.error = tr("Unexpected error: {error}").format(error=error)
        return False

    def finished(self, ok: bool) -> None:  # main thread
        try:
            if ok:
                self.outcome = "done"
                if self.on_done:
                    self.on_done(self.result)
            elif self.error:
                self.outcome = "error"
                if self.on_error:
                    self.on_error(self.error)
            else:
                self.outcome = "canceled"
                if self.on_canceled:
                    self.on_canceled()
        except Exception:  # noqa: BLE001 - QGIS would swallow it silently
            QgsMessageLog.logMessage(traceback.format_exc(), "OCS GE", Qgis.MessageLevel.Critical)
            raise
