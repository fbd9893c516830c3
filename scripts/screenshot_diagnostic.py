"""make screenshot: the map of a finished diagnostic in QGIS's real main window (French), run by
``qgis --code`` under Xvfb.

QGIS starts with a private profile (French locale) and this plugin on its plugin path; this
script runs « Diagnostic de l'artificialisation d'un territoire » on the D090 sample of make
sample as the dialog does (processing.runAndLoadResults), then grabs the window with the group of
results on the map. Environment: OCSGE_ROOT, OCSGE_SCREENSHOT_SAMPLE (the D090 sample folder),
OCSGE_SCREENSHOT_OUT (the PNG to write), OCSGE_SCREENSHOT_WORK (a folder for the diagnostic's
files)."""

import os
import sys
from pathlib import Path

ROOT = Path(os.environ["OCSGE_ROOT"])
sys.path.insert(
    0, str(ROOT / "scripts")
)  # qgis --code runs this file without its folder on the path
from qgis_code import finish, start_plugin, wait  # noqa: E402


def run() -> bool:
    import processing
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtWidgets import QDockWidget
    from qgis.utils import iface

    app = start_plugin()
    project = QgsProject.instance()
    data = ROOT / "tests" / "data"
    processing.runAndLoadResults(
        "ocsge:diagnostic",
        {
            "INPUT": os.environ["OCSGE_SCREENSHOT_SAMPLE"],
            "COMMUNES": str(data / "communes-90-territoire-de-belfort.geojson"),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "MEMBERSHIP": str(data / "appartenance-communes-90.csv"),
            "OUTPUT_FOLDER": os.environ["OCSGE_SCREENSHOT_WORK"],
        },
    )
    group = next(
        node
        for node in project.layerTreeRoot().children()
        if node.name().startswith("Diagnostic OCS GE")
    )
    group.setExpanded(True)
    for node in group.findLayers()[1:]:
        node.setExpanded(False)
    share = group.findLayers()[0].layer()
    project.setCrs(
        QgsCoordinateReferenceSystem("EPSG:2154")
    )  # QGIS took the first layer's (EPSG:4326)
    window = iface.mainWindow()
    window.resize(1600, 960)
    window.showMaximized()
    docks = {dock.objectName(): dock for dock in window.findChildren(QDockWidget)}
    for name, dock in docks.items():
        if name != "Layers":
            dock.hide()  # the layers panel alone, tall enough for the group
    window.resizeDocks([docks["Layers"]], [460], Qt.Horizontal)
    canvas = iface.mapCanvas()
    extent = QgsCoordinateTransform(share.crs(), project.crs(), project).transformBoundingBox(
        share.extent()
    )
    extent.scale(1.05)
    canvas.setExtent(extent)
    canvas.refresh()
    wait(app, 3.0)
    while canvas.isDrawing():
        wait(app, 0.2)
    wait(app, 1.0)
    out = Path(os.environ["OCSGE_SCREENSHOT_OUT"])
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise RuntimeError(f"cannot write {out}")
    print(f"{out}: {group.name()}, {len(group.findLayers())} couches")
    return True


finish(run)
