"""The « OCS GE deliveries » parameter in QGIS's real dialogs: a folder, several files, or both,
through the plugin's widget (« Dossier… », « Fichiers… », drag-and-drop) in the algorithm dialog
and the batch table; QGIS's own widget in the modeler; and the algorithms' checkParameterValues."""

from __future__ import annotations

import inspect

import pytest
from builders import hand_delivery, pack_7z
from qgis.core import QgsApplication, QgsProcessingContext, QgsProject
from qgis.PyQt.QtCore import QMimeData, QPoint, Qt, QUrl
from qgis.PyQt.QtGui import QDropEvent
from support import DATA, report_of

ALGORITHMS = ("ocsge:load", "ocsge:diagnostic")


@pytest.fixture(autouse=True)
def _no_iface(monkeypatch):
    """The dialogs as QGIS builds them; pytest-qgis's interface lacks the browser model they ask
    for."""
    import processing.gui.BatchPanel
    import processing.gui.ParametersPanel
    import processing.modeler.ModelerParametersDialog

    for module in (
        processing.gui.ParametersPanel,
        processing.gui.BatchPanel,
        processing.modeler.ModelerParametersDialog,
    ):
        monkeypatch.setattr(module, "iface", None)


@pytest.fixture
def deliveries(tmp_path):
    folder = hand_delivery(tmp_path / "unpacked")
    archive = pack_7z(
        hand_delivery(tmp_path / "packed", name="OCS-GE_2-0__GPKG_LAMB93_D032_2016-01-01")
    )
    gpkg = next(folder.rglob("*.gpkg"))
    return folder, archive, gpkg


def _dialog(alg_id):
    from processing.gui.AlgorithmDialog import AlgorithmDialog

    alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
    return AlgorithmDialog(alg)


def _check(alg_id, value):
    alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    params = {
        "INPUT": value,
        "COMMUNES": str(DATA / "communes-90-territoire-de-belfort.geojson"),
        "CODE_FIELD": "code",
        "OUTPUT_FOLDER": "TEMPORARY_OUTPUT",
    }
    return alg.checkParameterValues(params, context)


@pytest.mark.parametrize("alg_id", ALGORITHMS)
def test_a_folder_and_files_are_accepted_by_the_dialog(provider, deliveries, alg_id):
    from ocsge.ocsge_plugin.gui.deliveries import DeliveriesWidget, DeliveriesWidgetWrapper

    folder, archive, gpkg = deliveries
    dialog = _dialog(alg_id)
    wrapper = dialog.mainWidget().wrappers["INPUT"]
    assert isinstance(wrapper, DeliveriesWidgetWrapper)
    widget = wrapper.widget
    assert isinstance(widget, DeliveriesWidget)
    assert [widget.folder_button.text(), widget.files_button.text()] == ["Folder…", "Files…"]
    if "COMMUNES" in dialog.mainWidget().wrappers:
        dialog.mainWidget().wrappers["COMMUNES"].setParameterValue(
            str(DATA / "communes-90-territoire-de-belfort.geojson"), QgsProcessingContext()
        )
    definition = dialog.algorithm().parameterDefinition("INPUT")
    for value in (str(folder), f"{archive};{gpkg}", f"{folder};{archive}"):
        widget.set_paths(value.split(";"))
        params = dialog.createProcessingParameters()  # raises on a value QGIS refuses
        assert params["INPUT"] == value
        assert definition.checkValueIsAcceptable(params["INPUT"])
    # a value set by QGIS (last run, batch row): a list or a text
    wrapper.setParameterValue([str(folder), str(archive)], QgsProcessingContext())
    assert wrapper.parameterValue() == f"{folder};{archive}"
    dialog.deleteLater()


def test_dropped_files_and_folders_are_added_once(provider, deliveries):
    folder, archive, gpkg = deliveries
    dialog = _dialog("ocsge:load")
    widget = dialog.mainWidget().wrappers["INPUT"].widget
    widget.set_paths([str(folder)])
    mime = QMimeData()
    mime.setUrls(
        [
            QUrl.fromLocalFile(str(archive)),
            QUrl.fromLocalFile(str(folder)),
            QUrl("https://example.org/x.7z"),
        ]
    )
    event = QDropEvent(QPoint(1, 1), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    widget.dropEvent(event)
    assert event.isAccepted()
    assert widget.paths() == [str(folder), str(archive)]
    dialog.deleteLater()


def test_the_batch_table_uses_the_widget(provider, deliveries):
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog

    from ocsge.ocsge_plugin.gui.deliveries import DeliveriesWidget

    folder, archive, _ = deliveries
    alg = QgsApplication.processingRegistry().createAlgorithmById("ocsge:load")
    dialog = BatchAlgorithmDialog(alg)
    panel = dialog.mainWidget()
    column = panel.parameter_to_column["INPUT"]
    panel.addRow()
    for row, value in enumerate((str(folder), f"{folder};{archive}")):
        wrapper = panel.wrappers[row][column]
        assert isinstance(wrapper.widget, DeliveriesWidget)
        wrapper.setParameterValue(value, QgsProcessingContext())
    # (parameters, ok): ok when QGIS accepts every value; QGIS 3.40 and later also ask for a context
    needs_context = "context" in inspect.signature(panel.parametersForRow).parameters
    rows = [
        panel.parametersForRow(row, QgsProcessingContext())
        if needs_context
        else panel.parametersForRow(row)
        for row in (0, 1)
    ]
    assert [(r["INPUT"], ok) for r, ok in rows] == [
        (str(folder), True),
        (f"{folder};{archive}", True),
    ]
    dialog.deleteLater()


def test_the_modeler_keeps_qgis_widget_and_the_model_input_gets_the_plugins(provider):
    from processing.modeler.ModelerParametersDialog import ModelerParametersDialog
    from qgis.gui import QgsProcessingModelerParameterWidget

    from ocsge.ocsge_plugin.gui.deliveries import DeliveriesWidgetWrapper

    model = QgsApplication.processingRegistry().createAlgorithmById("ocsge:diagnostic_ocsge_modele")
    assert (
        model.parameterDefinition("DELIVERY")
        .metadata()["widget_wrapper"]["class"]
        .endswith("DeliveriesWidgetWrapper")
    )
    alg = QgsApplication.processingRegistry().createAlgorithmById("ocsge:load")
    dialog = ModelerParametersDialog(alg, model)
    wrapper = dialog.widget.widget.wrappers["INPUT"]
    assert isinstance(wrapper, QgsProcessingModelerParameterWidget)
    dialog.deleteLater()
    run_dialog = _dialog("ocsge:diagnostic_ocsge_modele")
    assert isinstance(run_dialog.mainWidget().wrappers["DELIVERY"], DeliveriesWidgetWrapper)
    run_dialog.deleteLater()


@pytest.mark.parametrize("alg_id", ALGORITHMS)
def test_check_parameter_values(provider, deliveries, tmp_path, alg_id):
    folder, archive, gpkg = deliveries
    assert _check(alg_id, str(folder)) == (True, "")
    assert _check(alg_id, f"{archive};{gpkg}") == (True, "")
    assert _check(alg_id, [str(folder), str(archive)]) == (True, "")
    ok, message = _check(alg_id, f"{folder};{tmp_path / 'missing.7z'}")
    assert not ok and "missing.7z does not exist" in message and "Expected a folder" in message
    text = tmp_path / "notes.txt"
    text.write_text("x")
    ok, message = _check(alg_id, str(text))
    assert not ok and message.startswith("notes.txt is not an OCS GE delivery")
    assert _check(alg_id, "")[0] is False


def test_load_reads_a_folder_and_an_archive_given_together(run, deliveries):
    folder, archive, _ = deliveries
    results, feedback = run("ocsge:load", {"INPUT": f"{folder};{archive}"})

    titles = sorted(layer["title"] for layer in report_of(results)["layers"])
    assert titles == [
        "Occupation du sol D32 2016",
        "Occupation du sol D32 2019",
        "Zone construite D32 2016",
        "Zone construite D32 2019",
    ]
