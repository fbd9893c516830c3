"""The dock's tab « Regional land-cover bases », offscreen: filters give the rows counted by hand in
resources/bases_ocs_regionales.csv, links go through the dock's guard (http/https only), « Show on
the map » adds the 18 régions (22 before 2016) in a group, categorized by availability checked by
hand for a few régions, export writes the CSV and GeoJSON, import checks, previews and takes only
what is checked into the user's copy, and « Back to the shipped inventory » removes that copy."""

from __future__ import annotations

import csv

import pytest
from french import french  # noqa: F401 - the fixture
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt
from support import ROOT

from ocsge.ocsge_plugin.gui.dock import OcsgeDock
from ocsge.ocsge_plugin.gui.regional_preview import PreviewDialog

SHIPPED = ROOT / "ocsge_plugin" / "resources" / "bases_ocs_regionales.csv"


@pytest.fixture
def project():
    project = QgsProject.instance()
    project.clear()
    yield project
    project.clear()


@pytest.fixture
def tab(qgis_parent, project, tmp_path, monkeypatch):
    monkeypatch.setenv("OCSGE_DATA_DIR", str(tmp_path / "data"))
    panel = OcsgeDock(None, qgis_parent, project)
    panel.opened = []
    panel.open_url = panel.opened.append
    panel.show()
    yield panel.regional_tab
    panel.cancel_all()
    panel.deleteLater()


def _filter(tab, region=None, first=None, last=None, dimension=None, umc=0):
    tab.region_combo.setCurrentIndex(tab.region_combo.findData(region))
    tab.first_spin.setValue(first or tab.first_spin.minimum())
    tab.last_spin.setValue(last or tab.last_spin.minimum())
    tab.dimension_combo.setCurrentIndex(tab.dimension_combo.findData(dimension))
    tab.umc_spin.setValue(umc)
    return tab.shown_identifiers()


def test_the_tab_is_in_the_dock_and_lists_the_40_bases(tab):
    dock = tab.dock
    assert dock.tabs.indexOf(tab) == 2 and dock.tabs.tabText(2) == "Regional land-cover bases"
    assert dock.tabs.tabText(3) == "Settings"
    assert len(_filter(tab)) == 40
    assert tab.count_label.text() == "40 of 40 bases listed"
    assert tab.source_label.text() == "Inventory: shipped with the plugin"
    assert not tab.reset_button.isEnabled()


def test_filters_by_region_millesimes_dimension_and_umc(tab):
    # Occitanie: 76-OCSGE, 91-OCSOL-SIGLR (2006), 76-OCSID (no millésime)
    assert _filter(tab, "76") == ["76-OCSGE", "91-OCSOL-SIGLR", "76-OCSID"]
    assert _filter(tab, "76", 2000, 2010) == ["91-OCSOL-SIGLR"]
    # Île-de-France 2010–2020: the MOS (…, 2012, 2017, …) and the MOS+ (2012, 2017, 2021)
    assert _filter(tab, "11", 2010, 2020) == ["11-MOS", "11-MOS-PLUS"]
    assert _filter(tab, "11", 1980, 1985) == ["11-MOS"]
    assert tab.count_label.text() == "1 of 40 bases listed"
    # Alsace (before 2016): its own base and Grand Est's; 2011 is in BdOCS's 2011/2012 campaign
    assert _filter(tab, "42") == ["44-OCSGE", "42-BDOCS-CIGAL-V2", "44-OCS-GRAND-EST"]
    assert _filter(tab, "42", 2011, 2011) == ["42-BDOCS-CIGAL-V2"]
    # two dimensions: the 18 OCS GE rows and 5 regional bases
    assert len(_filter(tab, dimension="2")) == 23
    # UMC at most 500 m²: the MOS (500 m²) and OCS2D (300 m²); not 31-OCS-CLC (500 to 2 500 m²)
    assert _filter(tab, umc=500) == ["11-MOS", "31-OCS2D"]
    assert _filter(tab, "24", 2000, 2020) == []
    assert tab.details.toPlainText() == "" and not tab.data_button.isEnabled()


def test_details_and_links_go_through_the_guard(tab):
    _filter(tab, "11")
    tab.tree.setCurrentItem(tab.tree.topLevelItem(1))  # 11-MOS
    assert tab.current_record().identifier == "11-MOS"
    assert "Unité minimale de collecte de 500 m²" in tab.details.toPlainText()
    assert "MMU" in tab.details.toPlainText()
    assert tab.data_button.isEnabled() and not tab.viewer_button.isEnabled()
    tab.data_button.click()
    assert [url.toString() for url in tab.dock.opened] == [
        "https://data.iledefrance.fr/explore/dataset/mos-occupation-du-sol-2025-and-2021-en-79-"
        "postes-de-la-region-ile-de-france/"
    ]
    from qgis.PyQt.QtCore import QUrl

    tab.details.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert len(tab.dock.opened) == 1 and "Refused" in tab.dock.status.text()


def _categories(layer):
    return {f["code"]: f["categorie"] for f in layer.getFeatures()}


def test_show_on_map_current_and_old_regions(tab, project):
    layer = tab.show_on_map(old=False)
    assert layer.featureCount() == 18
    group = project.layerTreeRoot().findGroup("Regional land-cover bases")
    assert [node.layer().id() for node in group.findLayers()] == [layer.id()]
    found = _categories(layer)
    assert found["24"] == "OCS GE only"  # 24-OCSGE only
    assert found["94"] == "Regional base in progress, OCS GE"  # 94-MOS-CORSE « en cours »
    assert found["76"] == "Regional base and OCS GE"  # 91-OCSOL-SIGLR made, 76-OCSID in progress
    assert sum(v == "OCS GE only" for v in found.values()) == 4  # 01, 24, 27, 52
    legend = [(c.value(), c.label()) for c in layer.renderer().categories()]
    assert legend == [
        ("regional", "Regional base and OCS GE"),
        ("in_progress", "Regional base in progress, OCS GE"),
        ("ocsge", "OCS GE only"),
    ]
    names = layer.fields().names()
    assert {"code", "nom", "bases_regionales", "identifiants", "millesimes", "umc"} <= set(names)
    old = tab.show_on_map(old=True)
    assert old.featureCount() == 22
    found = _categories(old)
    assert found["73"] == "Regional base in progress, OCS GE"  # 76-OCSID only
    assert found["91"] == "Regional base and OCS GE"  # OcSol de SIG-LR
    assert found["26"] == "OCS GE only"  # Bourgogne: 27-OCSGE
    assert len(group.findLayers()) == 2
    tab.show_on_map(old=True)  # again: replaces, does not pile up
    assert len(group.findLayers()) == 2


@pytest.mark.usefixtures("french")
def test_the_map_speaks_french(tab):
    layer = tab.show_on_map(old=False)
    assert _categories(layer)["24"] == "OCS GE seulement"
    assert layer.name() == "Bases OCS régionales – régions"


def test_export_writes_csv_and_geojson(tab, tmp_path):
    written = tab.export(str(tmp_path / "inventaire.csv"))
    assert written == [str(tmp_path / "inventaire.csv"), str(tmp_path / "inventaire.geojson")]
    assert (tmp_path / "inventaire.csv").read_bytes() == SHIPPED.read_bytes()


def _crige(tmp_path, umc="Unité minimale de collecte de 625 m²", millesimes="2021"):
    with SHIPPED.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header = rows[0]
    next(r for r in rows if r[0] == "11-MOS")[header.index("umc")] = umc
    new = [""] * len(header)
    for name, value in {
        "identifiant": "27-OCS-BFC",
        "code_region": "27",
        "region": "Bourgogne-Franche-Comté",
        "caracteristiques": "en cours d'élaboration",
        "millesimes": millesimes,
        "source_url": "https://example.org/bfc",
        "date_verification": "2026-12-08",
    }.items():
        new[header.index(name)] = value
    path = tmp_path / "crige.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\n").writerows([*rows, new])
    return path


def test_import_previews_and_takes_only_what_is_checked(tab, tmp_path):
    seen = {}

    def accept_the_new_one(preview):
        dialog = PreviewDialog(preview, tab)
        seen["top"] = [
            dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())
        ]
        seen["new"] = dialog.added_items[0].text(2)
        field = dialog.changed_items[0].child(0)
        seen["field"] = [field.text(0), field.text(1), field.text(2)]
        seen["default"] = dialog.accepted_items()
        return dialog.accepted_items()

    tab.ask_accept = accept_the_new_one
    assert tab.import_file(str(_crige(tmp_path)))
    assert seen["top"] == ["New: 27-OCS-BFC", "Changed: 11-MOS"]
    assert seen["new"] == "Bourgogne-Franche-Comté — en cours d'élaboration"
    assert seen["field"] == [
        "umc",
        "Unité minimale de collecte de 500 m²",
        "Unité minimale de collecte de 625 m²",
    ]
    assert seen["default"] == ["27-OCS-BFC"]  # a change is taken only when checked
    copy = tmp_path / "data" / "bases_ocs_regionales.csv"
    with copy.open(encoding="utf-8", newline="") as handle:
        rows = {r["identifiant"]: r for r in csv.DictReader(handle, delimiter=";")}
    assert len(rows) == 41 and rows["11-MOS"]["umc"].endswith("500 m²")
    assert len(_filter(tab)) == 41 and _filter(tab, "27") == ["27-OCSGE", "27-OCS-BFC"]
    assert tab.source_label.text().startswith("Inventory: your merged copy")
    assert SHIPPED.read_bytes() != copy.read_bytes()  # the shipped file is untouched
    # the change checked this time: taken
    tab.ask_accept = lambda preview: [("11-MOS", "umc")]
    assert tab.import_file(str(_crige(tmp_path)))
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    with copy.open(encoding="utf-8", newline="") as handle:
        rows = {r["identifiant"]: r for r in csv.DictReader(handle, delimiter=";")}
    assert rows["11-MOS"]["umc"].endswith("625 m²") and len(rows) == 41
    # cancel: nothing changes
    before = copy.read_bytes()
    tab.ask_accept = lambda preview: None
    assert not tab.import_file(str(_crige(tmp_path, umc="UMC de 1 ha")))
    assert copy.read_bytes() == before
    # back to the shipped inventory
    tab.reset(confirmed=True)
    assert not copy.exists() and len(_filter(tab)) == 40
    assert not tab.reset_button.isEnabled()


@pytest.mark.usefixtures("french")
def test_a_malformed_file_shows_its_problems_and_changes_nothing(tab, tmp_path):
    problems = []
    tab.show_problems = problems.extend
    tab.ask_accept = lambda preview: pytest.fail("no preview for a refused file")
    assert not tab.import_file(str(_crige(tmp_path, millesimes="vers 2020")))
    assert problems == [
        "Ligne 42, champ « millesimes » (Millésimes) : « vers 2020 » n'est pas une année."
    ]
    assert not (tmp_path / "data" / "bases_ocs_regionales.csv").exists()


def test_preview_dialog_field_boxes(qgis_parent):
    from ocsge.ocsge_plugin.domain import regional_bases as rb

    records = rb.read_inventory(SHIPPED)
    changed = []
    for record in records:
        values = dict(record.values)
        if record.identifier == "53-OCS56":
            values.update(millesimes="2013, 2020", dimensions="1")
        changed.append(rb.Record(values))
    dialog = PreviewDialog(rb.merge(records, changed), qgis_parent)
    item = dialog.changed_items[0]
    assert [item.child(i).text(0) for i in range(item.childCount())] == [
        "millesimes",
        "dimensions",
    ]
    assert dialog.accepted_items() == []
    item.child(0).setCheckState(0, Qt.CheckState.Checked)
    assert dialog.accepted_items() == [("53-OCS56", "millesimes")]
    item.setCheckState(0, Qt.CheckState.Checked)  # the record's box checks every field
    assert dialog.accepted_items() == [("53-OCS56", "millesimes"), ("53-OCS56", "dimensions")]
