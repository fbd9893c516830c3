"""The dock panel driven offscreen against fake data.gouv.fr / IGN services on 127.0.0.1: type a
query, wait for the results, select, add a GeoPackage to the project; cancel a download (no
partial file); IGN tab: list a département's deliveries, download and load one through
ocsge:load. Also the file → layer rules (CSV with coordinates or WKT, zipped shapefile, GeoJSON)
checked by hand geometry."""

from __future__ import annotations

import time
import zipfile

import pytest
import support
from builders import (
    HAND_ROWS,
    HAND_SURFACE_HA,
    hand_delivery,
    pack_7z,
    run_group,
    square,
    write_layer,
)
from fakeiface import RecordingIface, set_provider_aside
from fakeservices import API, IGN, dataset, plugin_settings, resource, serve_datagouv, serve_ign
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtTest import QTest
from werkzeug import Response

from ocsge.ocsge_plugin.gui import layers as file_layers
from ocsge.ocsge_plugin.gui.dock import OcsgeDock


def wait_for(condition, timeout: float = 20.0, what: str = "") -> None:
    """support.wait_for, a timeout message saying what the panel shows (its status line, busy or
    not) beside QGIS's tasks."""
    panel = DOCKS[-1] if DOCKS else None
    state = (
        (lambda: f"panel status {panel.status.text()!r}, busy {panel.busy}")
        if panel is not None
        else None
    )
    support.wait_for(condition, timeout, what, state)


DOCKS: list = []  # the test's panel, for the messages of wait_for


def surfaces_ha(layer: QgsVectorLayer, field: str = "code_cs") -> dict[str, float]:
    totals: dict[str, float] = {}
    for feature in layer.getFeatures():
        totals[feature[field]] = totals.get(feature[field], 0.0) + feature.geometry().area() / 10000
    return totals


@pytest.fixture
def services(httpserver_ipv4, tmp_path):
    with plugin_settings(
        datagouv_url=httpserver_ipv4.url_for(API),
        ign_url=httpserver_ipv4.url_for(IGN),
        cache_dir=str(tmp_path / "cache"),
        network__backoff=0.01,
        network__timeout=5,
    ):
        yield httpserver_ipv4


@pytest.fixture
def project():
    project = QgsProject.instance()
    project.clear()
    yield project
    project.clear()


@pytest.fixture
def dock(qgis_parent, project, provider):
    # Tasks an earlier test left (QGIS's task manager is the session's) would hold the threads the
    # panel's first search needs.
    wait_for(lambda: QgsApplication.taskManager().countActiveTasks() == 0, what="earlier tasks")
    panel = OcsgeDock(None, qgis_parent, project)
    DOCKS.append(panel)
    panel.opened = []
    panel.open_url = panel.opened.append
    panel.show()
    yield panel
    panel.cancel_all()
    wait_for(
        lambda: not panel.busy and QgsApplication.taskManager().countActiveTasks() == 0,
        what="tasks to end",
    )
    DOCKS.remove(panel)
    panel.deleteLater()


@pytest.fixture
def gpkg(tmp_path):
    return write_layer(
        tmp_path / "files" / "communes.gpkg",
        "occupation",
        ["ID", "code_cs", "code_us", "millesime"],
        HAND_ROWS,
    )


def test_search_as_you_type_select_and_add_a_geopackage(dock, services, project, gpkg):
    gpkg_url = services.url_for("/files/communes.gpkg")
    services.expect_request("/files/communes.gpkg").respond_with_data(gpkg.read_bytes())
    items = [dataset(f"a{i:02d}", f"Artificialisation test {i:02d}", "Cerema") for i in range(45)]
    items[0]["resources"] = [
        resource("r-notice", "Notice", "pdf", services.url_for("/files/notice.pdf")),
        resource(
            "r-gpkg", "Occupation (GeoPackage)", "gpkg", gpkg_url, filesize=gpkg.stat().st_size
        ),
    ]
    calls = []
    serve_datagouv(services, items, calls)

    QTest.keyClicks(dock.search_edit, "artif")  # no Enter: the short delay starts the search
    wait_for(lambda: dock.results.topLevelItemCount() == 20, what="results")
    assert [c["q"] for c in calls] == ["artif"], (
        "one search for the whole word typed, not one per key"
    )
    assert dock.page_label.text() == "Page 1 of 3 — 45 datasets"
    first = dock.results.topLevelItem(0)
    assert [first.text(c) for c in range(4)] == [
        "Artificialisation test 00",
        "Cerema",
        "2024-05-02",
        "2",
    ]
    assert dock.next_button.isEnabled() and not dock.previous_button.isEnabled()

    dock.next_button.click()
    wait_for(lambda: dock.page is not None and dock.page.page == 2, what="page 2")
    assert dock.results.topLevelItem(0).text(0) == "Artificialisation test 20"
    dock.previous_button.click()
    wait_for(lambda: dock.page.page == 1, what="page 1")

    dock.results.setCurrentItem(dock.results.topLevelItem(0))
    assert "Description of" in dock.description.toPlainText()
    assert [dock.resources.topLevelItem(i).text(1) for i in range(2)] == ["PDF", "GPKG"]

    # A PDF cannot be shown: the panel says why and offers the download, adds nothing.
    dock.resources.setCurrentItem(dock.resources.topLevelItem(0))
    dock.add_to_map()
    assert "Download it instead" in dock.status.text() and not dock.busy and project.count() == 0

    dock.resources.setCurrentItem(dock.resources.topLevelItem(1))
    dock.add_to_map()
    assert dock.busy and dock.progress.isVisibleTo(dock) and dock.cancel_button.isVisibleTo(dock)
    wait_for(lambda: not dock.busy and project.count() == 1, what="the layer")
    layer = next(iter(project.mapLayers().values()))
    assert layer.name() == "Occupation (GeoPackage)" and layer.featureCount() == 5
    assert surfaces_ha(layer) == pytest.approx(HAND_SURFACE_HA)
    assert layer.renderer().type() == "categorizedSymbol"  # code_cs → the official palette

    dock.open_page()
    assert dock.opened[0].toString() == items[0]["page"]


def test_enter_searches_at_once_and_empty_result(dock, services):
    serve_datagouv(services, [dataset("x", "Réseau cyclable")])
    dock.search_edit.setText("introuvable")
    QTest.keyClick(dock.search_edit, Qt.Key_Return)
    wait_for(lambda: "No dataset" in dock.status.text(), what="the empty message")
    assert dock.results.topLevelItemCount() == 0 and dock.page.total == 0
    assert not dock.next_button.isEnabled()


def test_search_error_is_shown(dock, services):
    services.expect_request(f"{API}/datasets/").respond_with_json({"message": "boom"}, status=500)
    with plugin_settings(network__retries=0):
        dock.search_for("ocs ge")
        wait_for(lambda: "HTTP 500" in dock.status.text(), what="the error")
    assert "boom" in dock.status.text()


def start_slow_download(dock, services, tmp_path) -> tuple[list, object]:
    """A 100 kB file served in 100 chunks 50 ms apart, found, selected and being downloaded by the
    panel into a folder of its own: (chunks sent so far, the folder)."""
    started = []

    def trickle(request):
        def chunks():
            for _ in range(100):
                started.append(1)
                yield b"z" * 1000
                time.sleep(0.05)

        return Response(chunks(), headers={"Content-Length": "100000"}, direct_passthrough=True)

    services.expect_request("/files/big.gpkg").respond_with_handler(trickle)
    item = dataset(
        "big",
        "Big file",
        resources=[resource("r-big", "Big", "gpkg", services.url_for("/files/big.gpkg"), 100000)],
    )
    serve_datagouv(services, [item])
    dock.search_for("big")
    wait_for(lambda: dock.results.topLevelItemCount() == 1, what="results")
    dock.results.setCurrentItem(dock.results.topLevelItem(0))
    target = tmp_path / "chosen"
    target.mkdir()
    dock.download_resource(str(target))
    wait_for(lambda: len(started) > 3, what="the download to start")
    return started, target


@pytest.mark.parametrize("how", ["button", "escape"])
def test_cancel_a_download_leaves_no_partial_file(dock, services, tmp_path, how):
    started, target = start_slow_download(dock, services, tmp_path)
    assert dock.busy
    if how == "button":
        QTest.keyClick(dock.cancel_button, Qt.Key_Space)  # the Cancel button
    else:  # Esc, wherever the focus is in the panel
        activate(dock)
        dock.results.setFocus()
        QTest.keyClick(dock.results, Qt.Key_Escape)
    wait_for(lambda: not dock.busy, what="the cancel")
    assert "Canceled" in dock.status.text()
    assert list(target.iterdir()) == []
    assert len(started) < 100


def test_ign_tab_lists_downloads_and_loads_a_delivery(dock, services, project, tmp_path):
    name = "OCS-GE_2-0__GPKG_LAMB93_D090_2021-01-01"
    archive = pack_7z(hand_delivery(tmp_path / "delivery", name))
    serve_ign(services, pagesize=2, archives={name: archive.read_bytes()})
    dock.tabs.setCurrentIndex(1)
    dock.departement_combo.setCurrentIndex(dock.departement_combo.findData("90"))
    dock.list_button.click()
    wait_for(lambda: dock.delivery_tree.topLevelItemCount() == 6, what="the deliveries")
    rows = [[dock.delivery_tree.topLevelItem(i).text(c) for c in range(3)] for i in range(6)]
    assert rows[:2] == [
        ["Occupation du sol", "2018", "GPKG"],
        ["Occupation du sol", "2021", "GPKG"],
    ]
    assert rows[5] == ["Artificialisation difference", "2018-2021", "GPKG"]
    dock.delivery_tree.setCurrentItem(dock.delivery_tree.topLevelItem(1))
    dock.load_button.click()
    wait_for(lambda: not dock.busy and project.count() >= 2, timeout=60, what="the loaded delivery")
    assert (tmp_path / "cache" / "ign" / f"{name}.7z").read_bytes() == archive.read_bytes()
    occupation = [layer for layer in project.mapLayers().values() if "Occupation" in layer.name()]
    assert len(occupation) == 1 and occupation[0].featureCount() == 5
    assert surfaces_ha(occupation[0]) == pytest.approx(HAND_SURFACE_HA)
    assert run_group(project, "OCS GE D90 2021") is not None  # ocsge:load's grouping by millésime
    assert "Loaded" in dock.status.text()


def activate(dock) -> None:
    """Make the panel's window the active one, as a click would (shortcuts only reach the active
    window)."""
    from qgis.PyQt.QtWidgets import QApplication

    window = dock.window()
    window.show()
    window.activateWindow()
    QApplication.setActiveWindow(window)
    wait_for(
        lambda: QApplication.activeWindow() is window,
        timeout=5,
        what="the panel's window to be active",
    )


def test_ctrl_f_comes_back_to_the_search_field(dock, services):
    activate(dock)
    dock.tabs.setCurrentIndex(1)  # the IGN tab
    dock.departement_combo.setFocus()
    QTest.keySequence(dock.departement_combo, QKeySequence.Find) if hasattr(
        QTest, "keySequence"
    ) else QTest.keyClick(dock.departement_combo, Qt.Key_F, Qt.ControlModifier)
    wait_for(lambda: dock.search_edit.hasFocus(), what="the search field to get the focus")
    assert dock.tabs.currentIndex() == 0


def test_keyboard_order_and_settings(dock, services):
    def next_tab_stop(widget):  # what Tab reaches: focusable by Tab, shown, enabled
        widget = widget.nextInFocusChain()
        while not (
            widget.focusPolicy() & Qt.TabFocus and widget.isVisibleTo(dock) and widget.isEnabled()
        ):
            widget = widget.nextInFocusChain()
        return widget

    chain = [
        dock.search_edit,
        dock.search_button,
        *dock.preset_buttons,
        *dock.known_buttons,
        dock.results,
        dock.description,
        dock.resources,
    ]
    for first, second in zip(chain, chain[1:]):
        assert next_tab_stop(first) is second
    assert dock.add_button.text().startswith("&") and dock.search_button.text() == "&Search"
    assert [b.text() for b in dock.preset_buttons] == [
        "OCS GE",
        "Artificialisation",
        "Imperméabilisation",
        "Consommation d'espaces",
    ]
    dock.timeout_spin.setValue(12)
    dock.save_settings()
    from ocsge.ocsge_plugin.core import settings

    assert settings.timeout() == 12
    dock.restore_settings()
    assert settings.timeout() == 30 and settings.datagouv_url() == "https://www.data.gouv.fr/api/1"


def test_menu_and_toolbar_action_toggles_the_panel(qgis_parent, ocsge, qgis_processing):
    set_provider_aside()
    iface = RecordingIface(qgis_parent)
    plugin = ocsge.classFactory(iface)
    plugin.initGui()
    assert len(iface.toolbar) == 1 and iface.toolbar[0] in iface.menu
    assert iface.docks == [], "the panel is built only when first shown"
    iface.toolbar[0].trigger()
    assert (
        len(iface.docks) == 1
        and isinstance(iface.docks[0], OcsgeDock)
        and not iface.docks[0].isHidden()
    )
    iface.toolbar[0].trigger()
    assert iface.docks[0].isHidden() and not iface.toolbar[0].isChecked()
    plugin.unload()
    assert iface.docks == [] and iface.toolbar == [] and iface.menu == []


def test_unloading_the_plugin_during_a_download_stops_it(
    qgis_parent, ocsge, qgis_processing, services, project, tmp_path
):
    """QGIS closing or the plugin reloaded while the panel downloads: the download stops, nothing
    partial is left, nothing is reported to the deleted panel."""
    set_provider_aside()
    iface = RecordingIface(qgis_parent)
    plugin = ocsge.classFactory(iface)
    plugin.initGui()
    iface.toolbar[0].trigger()  # the panel
    dock = iface.docks[0]
    started, target = start_slow_download(dock, services, tmp_path)
    assert dock.busy
    plugin.unload()
    wait_for(
        lambda: QgsApplication.taskManager().countActiveTasks() == 0,
        timeout=10,
        what="the download task to end",
    )
    for _ in range(20):  # let the task's last signals arrive (they must reach nothing)
        QgsApplication.processEvents()
        time.sleep(0.01)
    assert iface.docks == [] and iface.toolbar == [] and iface.menu == []
    assert list(target.iterdir()) == []
    assert len(started) < 100


# --------------------------------------------------------------------------- files → layers


def test_csv_with_coordinates(tmp_path, project):
    path = tmp_path / "points.csv"
    path.write_text(
        "nom;latitude;longitude\nBelfort;47,6383;6,8628\nDelle;47,5083;6,9994\nGiromagny;47,7422;6,8278\n",
        "utf-8",
    )
    layout = file_layers.sniff_csv(path)
    assert (layout.delimiter, layout.geometry, layout.crs, layout.decimal_comma) == (
        ";",
        ("longitude", "latitude"),
        "EPSG:4326",
        True,
    )
    (layer,) = file_layers.add_layers(file_layers.layer_specs(path, "csv", "Points"), project)
    assert layer.isValid() and layer.featureCount() == 3 and layer.crs().authid() == "EPSG:4326"
    point = next(layer.getFeatures()).geometry().asPoint()
    assert (point.x(), point.y()) == pytest.approx((6.8628, 47.6383))


def test_csv_with_wkt_and_without_geometry(tmp_path, project):
    path = tmp_path / "zones.csv"
    rows = [
        f'"{square(0, 0, 100).replace("MULTIPOLYGON", "MULTIPOLYGON ")}",A',
        f'"{square(100, 0, 50)}",B',
    ]
    path.write_text("wkt,code\n" + "\n".join(rows) + "\n", "utf-8")
    (layer,) = file_layers.add_layers(file_layers.layer_specs(path, "csv", "Zones"), project)
    assert layer.crs().authid() == "EPSG:2154" and layer.featureCount() == 2
    assert sorted(f.geometry().area() for f in layer.getFeatures()) == pytest.approx(
        [2500.0, 10000.0]
    )
    table = tmp_path / "table.csv"
    table.write_text("code,surface\n75056,10540\n", "utf-8")
    (layer,) = file_layers.add_layers(file_layers.layer_specs(table, "csv", "Table"), project)
    assert not layer.isSpatial() and layer.featureCount() == 1


def test_zipped_shapefile_and_geojson(tmp_path, project):
    shp = write_layer(
        tmp_path / "shp" / "zones.shp",
        "zones",
        ["code_cs"],
        [(square(0, 0, 100), ["CS2.2.1"])],
        driver="SHP",
    )
    archive = tmp_path / "zones.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for part in shp.parent.iterdir():
            handle.write(part, f"dossier/{part.name}")
    specs = file_layers.layer_specs(archive, "shp_zip", "Zones")
    assert specs[0].uri == f"/vsizip/{archive}/dossier/zones.shp"
    assert (specs[0].name, specs[0].provider) == ("Zones", "ogr")  # QgsVectorLayer's order
    (layer,) = file_layers.add_layers(specs, project)
    assert layer.featureCount() == 1 and surfaces_ha(layer) == pytest.approx({"CS2.2.1": 1.0})
    empty = tmp_path / "docs.zip"
    with zipfile.ZipFile(empty, "w") as handle:
        handle.writestr("notice.pdf", b"%PDF")
    with pytest.raises(file_layers.LoadError, match="no shapefile"):
        file_layers.layer_specs(empty, "shp_zip", "Docs")
    geojson = tmp_path / "points.geojson"
    geojson.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1},'
        '"geometry":{"type":"Point","coordinates":[6.86,47.64]}}]}',
        "utf-8",
    )
    (layer,) = file_layers.add_layers(
        file_layers.layer_specs(geojson, "geojson", "Points"), project
    )
    assert layer.featureCount() == 1


def test_empty_the_cache_button_and_cache_size_setting(dock, services, tmp_path, monkeypatch):
    from ocsge.ocsge_plugin.core import settings
    from ocsge.ocsge_plugin.storage import archives

    monkeypatch.setenv(settings.CACHE_ENV, str(tmp_path / "ocsge-cache"))
    archive = pack_7z(hand_delivery(tmp_path / "d"))
    extracted, _ = archives.extract_archive(archive)
    downloaded = settings.cache_folder() / "ign" / archive.name
    downloaded.parent.mkdir(parents=True)
    downloaded.write_bytes(archive.read_bytes())
    mine = settings.cache_folder() / "notes.txt"  # the user's own file in a folder they chose: kept
    mine.write_text("mine")
    expected = archives.tree_size(extracted) + archive.stat().st_size
    asked = []
    monkeypatch.setattr(dock, "confirm", lambda title, text: asked.append(text) or False)
    dock.clear_cache_button.click()  # « No »: nothing removed
    assert extracted.exists() and downloaded.exists()
    assert (
        f"({file_layers_size(archives.tree_size(extracted))})" in asked[0]
        and f"({file_layers_size(archive.stat().st_size)})" in asked[0]
    )
    assert str(settings.cache_folder()) in asked[0]
    monkeypatch.setattr(dock, "confirm", lambda title, text: True)
    dock.clear_cache_button.click()
    assert not extracted.exists() and not downloaded.parent.exists() and mine.read_text() == "mine"
    assert dock.status.text() == f"Cache emptied: {file_layers_size(expected)} freed."
    dock.cache_size_spin.setValue(2.5)
    dock.save_settings()
    assert settings.cache_max_bytes() == 2.5e9
    dock.restore_settings()
    assert settings.cache_max_bytes() == 5e9 and dock.cache_size_spin.value() == 5.0


def file_layers_size(size: int) -> str:
    from ocsge.ocsge_plugin.services.datagouv import human_size

    return human_size(size)


@pytest.mark.parametrize(
    "page",
    [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "smb://serveur/partage",
        "/etc/passwd",
        "https:///etc/passwd",
    ],
)
def test_open_page_opens_web_addresses_only(dock, page):
    """« Open the web page » handed any scheme to the desktop (file:///etc/passwd opened a local
    file)."""
    from ocsge.ocsge_plugin.services.datagouv import Dataset

    dock.dataset = Dataset.from_api(dict(dataset("x", "Jeu piégé"), page=page))
    dock.open_page()
    assert dock.opened == [] and ("Refused" in dock.status.text() or "Refus" in dock.status.text())
    dock.dataset = Dataset.from_api(dataset("y", "Jeu sain"))
    dock.open_page()
    assert [url.toString() for url in dock.opened] == [
        "https://www.data.gouv.fr/fr/datasets/jeu-sain/"
    ]


def test_links_of_a_description_open_web_addresses_only(dock):
    """A dataset's description (markdown from data.gouv.fr) holds links; the browser opened them
    whatever their scheme (setOpenExternalLinks)."""
    from qgis.PyQt.QtCore import QUrl

    dock.description.setMarkdown(
        "[notice](https://www.data.gouv.fr/notice.pdf) et [mot de passe](file:///etc/passwd)"
    )
    assert not dock.description.openExternalLinks() and not dock.description.openLinks()
    dock.description.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert dock.opened == [] and ("Refused" in dock.status.text() or "Refus" in dock.status.text())
    dock.description.anchorClicked.emit(QUrl("https://www.data.gouv.fr/notice.pdf"))
    assert [url.toString() for url in dock.opened] == ["https://www.data.gouv.fr/notice.pdf"]


CEREMA_TITLE = (
    "Consommation d'espaces naturels, agricoles et forestiers du 1er janvier 2009 au 1er "
    "janvier 2024"
)


@pytest.mark.parametrize("listed", ["with resources", "without resources"])
def test_one_click_finds_cerema_consumption_and_loads_the_commune_file(
    dock, services, project, tmp_path, listed
):
    """« without resources »: the search answer lists the dataset bare, its files come from
    /datasets/<id>/."""
    from consumption_hand import write_hand_file

    data = write_hand_file(tmp_path).read_bytes()  # Cerema's shape: ';', Latin-1, numbers as text
    services.expect_request("/files/conso2009_2024_commune.csv").respond_with_data(data)
    items = [
        dataset(
            "decoy",
            "Consommation d'espaces naturels agricoles et forestiers : synthèse",
            "Un bureau d'études",
            [resource("r-decoy", "Communes", "csv", services.url_for("/files/decoy.csv"))],
        ),
        dataset(
            "cerema",
            CEREMA_TITLE,
            "Cerema",
            [
                resource("r-notice", "Notice", "pdf", services.url_for("/files/notice.pdf")),
                resource(
                    "r-epci",
                    "Consommation par EPCI",
                    "csv",
                    services.url_for("/files/conso2009_2024_epci.csv"),
                ),
                resource(
                    "r-commune",
                    "Consommation par commune",
                    "csv",
                    services.url_for("/files/conso2009_2024_commune.csv"),
                    filesize=len(data),
                ),
            ],
        ),
    ]
    calls = []
    if listed == "without resources":
        services.expect_request(f"{API}/datasets/cerema/").respond_with_json(
            items[1]
        )  # before the bare one: wins
        items = [items[0], {k: v for k, v in items[1].items() if k != "resources"}]
    serve_datagouv(services, items, calls)
    (button,) = dock.known_buttons
    assert button.text() == "Consommation NAF (Cerema, communes)" and "Cerema" in button.toolTip()
    button.click()
    wait_for(lambda: not dock.busy and project.count() == 1, what="the commune file")
    assert [c["q"] for c in calls] == ["consommation d'espaces naturels agricoles forestiers"]
    layer = next(iter(project.mapLayers().values()))
    assert (
        layer.name() == "Consommation par commune"
        and not layer.isSpatial()
        and layer.featureCount() == 3
    )
    assert "naf11art12" in layer.fields().names() and "naf23art24" in layer.fields().names()
    assert sorted(str(f["idcom"]) for f in layer.getFeatures()) == ["90001", "90002", "90003"]
    assert "Added to the map: Consommation par commune" in dock.status.text()


def test_one_click_says_when_cerema_is_not_found(dock, services, project):
    serve_datagouv(
        services,
        [
            dataset(
                "decoy",
                "Consommation d'espaces naturels agricoles : synthèse",
                "Un bureau d'études",
            )
        ],
    )
    dock.known_buttons[0].click()
    wait_for(
        lambda: not dock.busy and "No dataset of Cerema" in dock.status.text(), what="the message"
    )
    assert project.count() == 0
