"""What the dialogs show before the planner touches them: the commune layer (not a diagnostic's
output) in « Communes », and outputs proposed in a folder ocsge beside the saved project."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProject, QgsVectorLayer
from support import DATA


@pytest.fixture(autouse=True)
def _no_iface(monkeypatch):
    """pytest-qgis's interface lacks the browser model the dialog asks for."""
    import processing.gui.ParametersPanel

    monkeypatch.setattr(processing.gui.ParametersPanel, "iface", None)


@pytest.fixture
def project():
    project = QgsProject.instance()
    project.clear()
    yield project
    project.clear()


def _shown(alg_id: str) -> dict:
    """The values of the real algorithm dialog as it opens (the toolbox's way: a new instance)."""
    from processing.gui.AlgorithmDialog import AlgorithmDialog

    alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
    dialog = AlgorithmDialog(alg, False, None)
    try:
        wrappers = dialog.mainWidget().wrappers
        return {name: wrapper.parameterValue() for name, wrapper in wrappers.items()}
    finally:
        dialog.deleteLater()


def _layers(project):
    """A diagnostic's output (polygons with commune_code and pourcent_artif), named so that it
    sorts first, and ADMIN EXPRESS-like communes."""
    output = QgsVectorLayer(
        "Polygon?crs=EPSG:2154&field=commune_code:string&field=pourcent_artif:double",
        "Artificialisation nette 2018-2021 – communes",
        "memory",
    )
    communes = QgsVectorLayer(
        str(DATA / "communes-90-territoire-de-belfort.geojson"), "COMMUNE", "ogr"
    )
    assert output.isValid() and communes.isValid()
    project.addMapLayers([output, communes])
    return output, communes


@pytest.mark.parametrize("alg_id", ["ocsge:portrait", "ocsge:diagnostic"])
def test_communes_is_the_commune_layer_not_an_output(provider, project, alg_id):
    output, communes = _layers(project)
    assert _shown(alg_id)["COMMUNES"] == communes.id()


@pytest.mark.parametrize("alg_id", ["ocsge:portrait", "ocsge:diagnostic"])
def test_without_a_commune_layer_communes_is_empty(provider, project, alg_id):
    """No layer with an INSEE code: « Communes » stays empty (QGIS showed its first polygon layer,
    here a diagnostic's output, which the run would have read as the communes); the dialog then
    refuses to run until the planner picks one."""
    output, communes = _layers(project)
    project.removeMapLayer(communes.id())
    alg = provider.algorithm(alg_id.split(":")[1]).create()
    communes_param = alg.parameterDefinition("COMMUNES")
    assert communes_param.guiDefaultValueOverride() is None
    assert communes_param.defaultValue() is None
    assert _shown(alg_id)["COMMUNES"] is None
    # a commune layer added: it is proposed again
    again = QgsVectorLayer(
        str(DATA / "communes-90-territoire-de-belfort.geojson"), "COMMUNE", "ogr"
    )
    project.addMapLayer(again)
    assert _shown(alg_id)["COMMUNES"] == again.id()


def test_outputs_beside_the_saved_project(provider, project, tmp_path):
    home = tmp_path / "PLUi Belfort"
    home.mkdir()
    assert project.write(str(home / "plui.qgz"))
    assert _shown("ocsge:diagnostic")["OUTPUT_FOLDER"] == str(home / "ocsge" / "diagnostic")
    assert _shown("ocsge:export")["OUTPUT_FOLDER"] == str(home / "ocsge" / "export")
    assert _shown("ocsge:consommation")["OUTPUT_FOLDER"] == str(home / "ocsge" / "consommation")
    assert _shown("ocsge:portrait")["OUTPUT"] == str(home / "ocsge" / "portrait.pdf")
    # a folder of the user's is never proposed: the next free name
    (home / "ocsge" / "diagnostic").mkdir(parents=True)
    (home / "ocsge" / "diagnostic" / "notes.odt").write_text("mine", encoding="utf-8")
    assert _shown("ocsge:diagnostic")["OUTPUT_FOLDER"] == str(home / "ocsge" / "diagnostic_2")
    (home / "ocsge" / "portrait_donnees").mkdir()
    (home / "ocsge" / "portrait_donnees" / "carte.png").write_text("x", encoding="utf-8")
    assert _shown("ocsge:portrait")["OUTPUT"] == str(home / "ocsge" / "portrait_2.pdf")
    # layers: a GeoPackage named after the output in the algorithm's folder, only for outputs
    # made by default (the optional tables stay unticked)
    shown = _shown("ocsge:aggregate")
    assert shown["OUTPUT"].sink.staticValue() == str(
        home / "ocsge" / "aggregate" / "territories_with_stocks_and_flows.gpkg"
    )
    assert shown["OUTPUT_TABLE"] is None and shown["OUTPUT_CLASSES"] is None
    # scripts and qgis_process: no default, as before
    assert provider.algorithm("diagnostic").create().parameterDefinition(
        "OUTPUT_FOLDER"
    ).defaultValue() in (None, "")


def test_outputs_temporary_without_a_saved_project(provider, project):
    assert _shown("ocsge:diagnostic")["OUTPUT_FOLDER"] == "TEMPORARY_OUTPUT"
    assert _shown("ocsge:portrait")["OUTPUT"] == "TEMPORARY_OUTPUT"


def _dialog(alg_id: str):
    from processing.gui.AlgorithmDialog import AlgorithmDialog

    return AlgorithmDialog(QgsApplication.processingRegistry().createAlgorithmById(alg_id))


def test_the_portrait_lists_the_territories_to_tick(provider, project):
    """« name (code) » of the level chosen, from the communes and the membership table of the same
    dialog; ticking one writes its code, as scripts give it."""
    from qgis.PyQt.QtCore import Qt

    output, communes = _layers(project)
    dialog = _dialog("ocsge:portrait")
    try:
        wrappers = dialog.mainWidget().wrappers
        territories = wrappers["TERRITORIES"]
        widget = territories.widget
        assert wrappers["LEVEL"].parameterValue() == 1  # EPCI
        assert wrappers["COMMUNES"].parameterValue() == communes.id()
        wrappers["MEMBERSHIP"].setParameterValue(
            str(DATA / "appartenance-communes-90.csv"), QgsProcessingContext()
        )
        texts = [item.text() for item in widget.items()]
        assert "CA Grand Belfort (200069052)" in texts
        assert len(texts) == 3, texts  # the EPCI of the Territoire de Belfort
        belfort = next(i for i in widget.items() if i.text() == "CA Grand Belfort (200069052)")
        belfort.setCheckState(Qt.CheckState.Checked)
        assert territories.parameterValue() == "200069052"
        # the communes when the level changes: the 102 of the layer, by name
        wrappers["LEVEL"].setParameterValue(0, QgsProcessingContext())
        texts = [item.text() for item in widget.items()]
        assert len(texts) == 102 and "Belfort (90010)" in texts
        widget.search.setText("belf")
        shown = [i.text() for i in widget.items() if not i.isHidden()]
        assert "Belfort (90010)" in shown and len(shown) < 5
        # typed codes tick the list, and stay (the EPCI code kept beside)
        widget.line.setText("90010; 90001")
        assert [i.text() for i in widget.items() if i.checkState() == Qt.CheckState.Checked] == [
            "Andelnans (90001)",
            "Belfort (90010)",
        ]
        assert territories.parameterValue() == "90010, 90001"
    finally:
        dialog.deleteLater()


def test_territories_stay_codes_for_scripts(provider):
    alg = provider.algorithm("portrait").create()
    definition = alg.parameterDefinition("TERRITORIES")
    assert definition.type() == "string"
    assert definition.metadata()["widget_wrapper"]["class"].endswith(
        "ocsge_plugin.gui.territories.TerritoriesWidgetWrapper"
    )


def test_the_batch_table_has_the_codes_line(provider, monkeypatch):
    """In the batch table: the line of codes alone (no list per row); codes as scripts give them."""
    import processing.gui.BatchPanel
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog

    from ocsge.ocsge_plugin.gui.territories import TerritoriesWidget

    monkeypatch.setattr(processing.gui.BatchPanel, "iface", None)
    dialog = BatchAlgorithmDialog(
        QgsApplication.processingRegistry().createAlgorithmById("ocsge:portrait")
    )
    try:
        panel = dialog.mainWidget()
        wrapper = panel.wrappers[0][panel.parameter_to_column["TERRITORIES"]]
        assert isinstance(wrapper.widget, TerritoriesWidget)
        assert wrapper.widget.list.isHidden()
        wrapper.setParameterValue("200069052;90010", QgsProcessingContext())
        assert wrapper.parameterValue() == "200069052, 90010"
    finally:
        dialog.deleteLater()


def test_qgis_says_optional_once(provider):
    """QGIS appends « [optional] » (« [optionnel] » in French) to an optional parameter's label:
    the plugin's labels do not say it again."""
    from qgis.PyQt.QtWidgets import QLabel

    dialog = _dialog("ocsge:portrait")
    try:
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        assert "Membership table (CSV or XLSX) [optional]" in labels
        assert "Consumption file (Cerema) [optional]" in labels
        assert not [text for text in labels if "(optional" in text.lower()]
    finally:
        dialog.deleteLater()
