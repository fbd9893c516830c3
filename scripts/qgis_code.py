"""What the scripts QGIS runs with ``qgis --code`` (the screenshots, under Xvfb) share: the plugin
started in the real main window, the event loop turned for a while, and the end of QGIS with the
script's exit code (QGIS would otherwise keep running)."""

import os
import sys
import time
import traceback


def wait(app, seconds: float) -> None:
    """Let QGIS draw and answer for ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def start_plugin():
    """The plugin ``ocsge`` loaded and started; QGIS's application."""
    from qgis.core import QgsApplication
    from qgis.utils import loadPlugin, startPlugin

    if not (loadPlugin("ocsge") and startPlugin("ocsge")):
        raise RuntimeError("the plugin did not start")
    return QgsApplication.instance()


def finish(run) -> None:
    """Run ``run()`` (True when done), print any error, then end QGIS: exit 0 when done, 1
    otherwise."""
    try:
        ok = run()
    except Exception:  # noqa: BLE001 - reported, then the exit code says it
        traceback.print_exc()
        ok = False
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0 if ok else 1)
