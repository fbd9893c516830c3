"""make screenshot: the data panel in a QGIS-like main window, with results from a local server.

QGIS's own main window (QgisApp) cannot be built from Python, so this script assembles what a
user sees: a main window with the layer tree on the left, the map canvas, the plugin's toolbar
button and the dock on the right. Both services are faked on 127.0.0.1 (tests/fakeservices.py):
IGN's listing offers the sample deliveries of `make sample` (Territoire de Belfort, synthetic
land cover), the panel downloads and loads the 2021 occupation du sol through ocsge:load, then
searches data.gouv.fr. Run under Xvfb by `make screenshot`; writes docs/screenshot-dock.png
(data.gouv.fr tab) and docs/screenshot-dock-ign.png (OCS GE tab).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TMP = Path(tempfile.mkdtemp(prefix="ocsge-screenshot-"))
os.environ.setdefault("QGIS_CUSTOM_CONFIG_PATH", str(_TMP / "profile"))  # never the user's profile
os.environ.setdefault("OCSGE_CACHE_DIR", str(_TMP / "cache"))
(_TMP / "pluginpath").mkdir()
(_TMP / "pluginpath" / "ocsge").symlink_to(ROOT)  # the plugin is always the package "ocsge"
sys.path[:0] = [str(_TMP / "pluginpath"), str(ROOT / "tests")]

from fakeservices import API, IGN, dataset, resource, serve_datagouv, serve_ign  # noqa: E402
from pytest_httpserver import HTTPServer  # noqa: E402
from qgis.core import QgsApplication, QgsLayerTreeModel, QgsProject  # noqa: E402
from qgis.gui import QgsLayerTreeMapCanvasBridge, QgsLayerTreeView, QgsMapCanvas  # noqa: E402
from qgis.PyQt.QtCore import QSize, Qt  # noqa: E402
from qgis.PyQt.QtGui import QIcon  # noqa: E402
from qgis.PyQt.QtWidgets import QDockWidget, QMainWindow, QToolBar  # noqa: E402


def wait_for(app, condition, timeout: float = 120.0, what: str = "") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return
        time.sleep(0.02)
    raise SystemExit(f"screenshot: timed out waiting for {what}")


def datasets(server, archives: dict[str, bytes]) -> list[dict]:
    url = server.url_for
    name = "OCS-GE_2-0__GPKG_LAMB93_D090_2021-01-01"
    return [
        dataset(
            "ocsge-90",
            "OCS GE — Occupation du sol à grande échelle, Territoire de Belfort (exemple)",
            "IGN",
            [
                resource(
                    "r-7z",
                    f"{name}.7z",
                    "7z",
                    url(f"/files/{name}.7z"),
                    len(archives.get(name, b"")),
                ),
                resource(
                    "r-csv",
                    "Surfaces par commune et par couverture",
                    "csv",
                    url("/files/surfaces.csv"),
                    48_200,
                ),
                resource(
                    "r-pdf",
                    "Descriptif de contenu OCS GE",
                    "pdf",
                    url("/files/dc-ocsge.pdf"),
                    2_310_000,
                ),
            ],
            description=(
                "L'**OCS GE** décrit la couverture et l'usage du sol de tout le "
                "territoire, par millésime. "
                "Données **synthétiques** servies par un serveur local pour cette capture."
            ),
            last_update="2025-09-16T10:00:00+00:00",
        ),
        dataset(
            "artif",
            "Artificialisation des collectivites de France (OCS GE)",
            "Mon Diagnostic Artificialisation",
            [
                resource(f"a{i}", f"artif_{lvl}", "gpkg", url(f"/files/artif_{lvl}.gpkg"))
                for i, lvl in enumerate(("commune", "epci", "scot", "departement", "region"))
            ],
            last_update="2025-06-30T08:00:00+00:00",
        ),
        dataset(
            "imper",
            "Impermeabilisation des collectivites de France (OCS GE)",
            "Mon Diagnostic Artificialisation",
            [
                resource(f"i{i}", f"imper_{lvl}", "gpkg", url(f"/files/imper_{lvl}.gpkg"))
                for i, lvl in enumerate(("commune", "epci", "departement"))
            ],
            last_update="2025-06-30T08:00:00+00:00",
        ),
        dataset(
            "couv",
            "Part du territoire couvert par l'OCS GE",
            "Mon Diagnostic Artificialisation",
            [resource("c1", "couverture", "csv", url("/files/couverture.csv"))],
            last_update="2025-03-12T08:00:00+00:00",
        ),
        dataset(
            "ocsge-32",
            "OCS GE — Gers, millésimes 2016, 2019 et 2022",
            "IGN",
            [
                resource(f"g{i}", n, "7z", url(f"/files/{n}.7z"))
                for i, n in enumerate(("D032_2016", "D032_2019", "D032_2022"))
            ],
            last_update="2026-02-26T08:00:00+00:00",
        ),
        dataset(
            "ocsge-974",
            "OCS GE — La Réunion",
            "IGN",
            [resource("re1", "D974_2022", "7z", url("/files/D974_2022.7z"))],
            last_update="2024-11-05T08:00:00+00:00",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sample",
        type=Path,
        default=ROOT / ".build" / "sample" / "90",
        help="output of make sample (D090)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot-dock.png")
    parser.add_argument("--locale", default="fr")
    parser.add_argument("--size", default="1600x960")
    args = parser.parse_args()
    archives = {p.stem: p.read_bytes() for p in sorted(args.sample.glob("*.7z"))}
    if not archives:
        raise SystemExit(f"screenshot: no sample delivery in {args.sample}: run make sample")

    app = QgsApplication([], True)
    app.initQgis()
    sys.path.append(
        os.path.join(app.pkgDataPath(), "python", "plugins")
    )  # QGIS's Processing plugin
    from processing.core.Processing import Processing

    Processing.initialize()
    import ocsge
    from ocsge.ocsge_plugin.core import i18n, settings
    from ocsge.ocsge_plugin.domain.nomenclature import RESOURCES
    from ocsge.ocsge_plugin.gui.dock import OcsgeDock

    plugin = ocsge.classFactory(None)  # installs the translator of QGIS's locale…
    i18n.install_translator(args.locale)  # …replaced by the one asked for
    plugin.initProcessing()

    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    ok = False
    try:
        listing = {
            "OCSGE": [n for n in archives if "ARTIFICIALISATION" not in n],
            "OCSGE-ARTIFICIALISATION": [n for n in archives if "ARTIFICIALISATION" in n],
        }
        serve_ign(server, listing, archives=archives)
        serve_datagouv(server, datasets(server, archives))
        settings.set_value("datagouv_url", server.url_for(API))
        settings.set_value("ign_url", server.url_for(IGN))

        width, height = (int(v) for v in args.size.split("x"))
        window = QMainWindow()
        window.setWindowTitle("QGIS — OCS GE")
        window.resize(QSize(width, height))
        project = QgsProject.instance()
        canvas = QgsMapCanvas()
        canvas.setCanvasColor(Qt.white)
        window.setCentralWidget(canvas)
        bridge = QgsLayerTreeMapCanvasBridge(project.layerTreeRoot(), canvas)  # noqa: F841 - keeps the canvas in sync
        tree = QgsLayerTreeView()
        model = QgsLayerTreeModel(project.layerTreeRoot())
        tree.setModel(model)
        layers_dock = QDockWidget("Couches" if args.locale == "fr" else "Layers")
        layers_dock.setWidget(tree)
        window.addDockWidget(Qt.LeftDockWidgetArea, layers_dock)
        toolbar = QToolBar("OCS GE")
        toolbar.setIconSize(QSize(24, 24))
        action = toolbar.addAction(QIcon(str(RESOURCES / "icon.svg")), "OCS GE")
        action.setCheckable(True)
        action.setChecked(True)
        window.addToolBar(toolbar)
        dock = OcsgeDock(None, window, project)
        window.addDockWidget(Qt.RightDockWidgetArea, dock)
        window.resizeDocks([layers_dock, dock], [310, 600], Qt.Horizontal)
        window.show()

        capture(app, dock, project, canvas, window, args.out, tree.expandAll)
        ok = True
    except SystemExit as error:
        print(error, file=sys.stderr)
    except Exception:  # noqa: BLE001 - reported, then the exit code says it
        traceback.print_exc()
    finally:
        server.stop()
        sys.stdout.flush()
        # Leave without the interpreter's teardown: destroying QGIS objects from Python here can
        # crash after the work is done (the PNGs are written).
        sys.stderr.flush()
        os._exit(0 if ok else 1)


def capture(
    app, dock, project, canvas, window, out: Path, expand=lambda: None, ign: bool = True
) -> None:
    """Drive the panel as a user would and grab ``window`` twice (OCS GE tab, data.gouv.fr tab);
    with ``ign`` False, only the data.gouv.fr tab."""
    if ign:
        capture_ign(app, dock, project, canvas, window, out, expand)
    capture_datagouv(app, dock, window, out)


def capture_ign(app, dock, project, canvas, window, out: Path, expand=lambda: None) -> None:
    # OCS GE (IGN) tab: list the département, download and load the 2021 occupation du sol.
    dock.tabs.setCurrentIndex(1)
    dock.departement_combo.setCurrentIndex(dock.departement_combo.findData("90"))
    dock.list_deliveries()
    wait_for(app, lambda: dock.delivery_tree.topLevelItemCount() > 0, what="the IGN listing")
    for index in range(dock.delivery_tree.topLevelItemCount()):
        delivery = dock.delivery_tree.topLevelItem(index).data(0, Qt.UserRole)
        if delivery.kind == "occupation" and delivery.years == "2021" and delivery.format == "GPKG":
            dock.delivery_tree.setCurrentItem(dock.delivery_tree.topLevelItem(index))
    dock.download_and_load()

    def occupation_layer():
        return next(
            (
                layer
                for layer in project.mapLayers().values()
                if layer.name().startswith("Occupation")
            ),
            None,
        )

    wait_for(
        app, lambda: not dock.busy and occupation_layer() is not None, what="the delivery to load"
    )
    occupation = occupation_layer()
    canvas.setExtent(occupation.extent())
    canvas.refresh()
    expand()
    wait_for(app, lambda: not canvas.isDrawing(), 30, "the map")
    canvas.waitWhileRendering()
    out.parent.mkdir(parents=True, exist_ok=True)
    ign_png = out.with_name(out.stem + "-ign" + out.suffix)
    settle(app)
    window.grab().save(str(ign_png))
    print(ign_png)


def capture_datagouv(app, dock, window, out: Path) -> None:
    # data.gouv.fr tab: a search, a dataset and its resources.
    dock.tabs.setCurrentIndex(0)
    dock.search_edit.setText("OCS GE")
    dock.search()
    wait_for(app, lambda: dock.results.topLevelItemCount() > 0, what="the search results")
    dock.results.setCurrentItem(dock.results.topLevelItem(0))
    dock.resources.setCurrentItem(dock.resources.topLevelItem(0))
    settle(app)
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print(out)


def settle(app, seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


if __name__ == "__main__":
    main()
