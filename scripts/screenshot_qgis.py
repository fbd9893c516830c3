"""make screenshot, in the real QGIS main window: run by ``qgis --code`` under Xvfb.

QGIS starts with a private profile (French locale) and this plugin on its plugin path; this
script starts the plugin, opens its data panel, points both services at a local fake server
(tests/fakeservices.py) and lets scripts/screenshot.py's capture() drive the panel and grab the
main window. Environment: OCSGE_SCREENSHOT_SAMPLE (the D090 sample of make sample) and
OCSGE_SCREENSHOT_OUT (the PNG to write)."""

import os
import sys
from pathlib import Path

ROOT = Path(os.environ["OCSGE_ROOT"])
sys.path.insert(
    0, str(ROOT / "scripts")
)  # qgis --code runs this file without its folder on the path
from qgis_code import finish, start_plugin  # noqa: E402

sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]


def run() -> bool:
    from fakeservices import API, IGN, serve_datagouv, serve_ign
    from pytest_httpserver import HTTPServer
    from qgis.core import QgsProject
    from qgis.utils import iface, plugins
    from screenshot import capture, datasets

    app = start_plugin()
    from ocsge.ocsge_plugin.core import settings

    archives = {
        p.stem: p.read_bytes()
        for p in sorted(Path(os.environ["OCSGE_SCREENSHOT_SAMPLE"]).glob("*.7z"))
    }
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        serve_ign(
            server,
            {
                "OCSGE": [n for n in archives if "ARTIFICIALISATION" not in n],
                "OCSGE-ARTIFICIALISATION": [n for n in archives if "ARTIFICIALISATION" in n],
            },
            archives=archives,
        )
        serve_datagouv(server, datasets(server, archives))
        settings.set_value("datagouv_url", server.url_for(API))
        settings.set_value("ign_url", server.url_for(IGN))
        window = iface.mainWindow()
        window.resize(1600, 960)
        plugin = plugins["ocsge"]
        plugin.dock_action.setChecked(True)
        capture(
            app,
            plugin.dock,
            QgsProject.instance(),
            iface.mapCanvas(),
            window,
            Path(os.environ["OCSGE_SCREENSHOT_OUT"]),
            ign=False,
        )
        return True
    finally:
        server.stop()


finish(run)
