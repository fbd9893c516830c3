"""The portrait's chart item (report/chart_item.py) on a hand-made chart: its type number kept for
saved projects, its field saved and read back, its text as text in a PDF exported by QGIS."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsLayoutExporter,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

TITLE = "Communes classées par artificialisation nette"


@pytest.fixture
def chart_item(ocsge):
    from ocsge.ocsge_plugin.report import chart_item

    chart_item.register()
    return chart_item


def _chart(folder: Path, sidecar: bool = True) -> str:
    from ocsge.ocsge_plugin.report import charts

    svg = charts.Svg(100, 50)
    svg.rect(10, 10, 60, 30, "#c8102e")
    svg.text(2, 6, TITLE, 4.0, bold=True)
    svg.text(98, 45, "12,5 ha", 3.0, anchor="end")
    path = svg.save(folder / "chart.svg")
    if not sidecar:
        Path(f"{path}.json").unlink()
    return path


def _layout(chart_item, path: str):
    """A layout whose atlas has one feature naming ``path`` in its field ``graph``, and a chart item
    showing that field at (10, 10) mm, 100 × 50 mm."""
    project = QgsProject()
    layer = QgsVectorLayer("None?field=graph:string(254)", "atlas", "memory")
    feature = QgsFeature(layer.fields())
    feature["graph"] = path
    layer.dataProvider().addFeatures([feature])
    project.addMapLayer(layer)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    item = chart_item.ChartItem(layout)
    item.setId("graphique_x_texte")
    item.field = "graph"
    layout.addLayoutItem(item)
    item.attemptSetSceneRect(QRectF(10, 10, 100, 50))
    layout.atlas().setCoverageLayer(layer)
    layout.atlas().setEnabled(True)
    return project, layer, layout


def _export(layout, pdf: Path) -> str:
    layout.atlas().updateFeatures()
    settings = QgsLayoutExporter.PdfExportSettings()
    from ocsge.ocsge_plugin.core import compat

    settings.textRenderFormat = compat.text_always_text()
    result, error = QgsLayoutExporter.exportToPdf(layout.atlas(), str(pdf), settings)
    assert result == QgsLayoutExporter.ExportResult.Success, error
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def _red(layout, tmp_path: Path) -> int:
    """Red pixels of the first atlas page rendered at 25 dpi (the chart's bar)."""
    layout.atlas().updateFeatures()
    layout.atlas().seekTo(0)
    image = QgsLayoutExporter(layout).renderPageToImage(0, dpi=25)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if QColor(image.pixel(x, y)).red() > 150 and QColor(image.pixel(x, y)).green() < 80
    )


def test_the_type_number_is_the_one_saved_projects_hold(chart_item):
    """A saved project finds its charts by this number (QGIS's first plugin item type + 2724)."""
    assert chart_item.TYPE == 78374
    chart_item.register()  # twice: still one entry
    registry = QgsApplication.layoutItemRegistry()
    assert registry.itemMetadata(78374) is not None
    assert registry.itemTypes()[78374] == "OCS GE chart"


def test_the_chart_saved_in_a_template_draws_its_text_as_text(chart_item, tmp_path):
    path = _chart(tmp_path)
    project, layer, layout = _layout(chart_item, path)
    document = QDomDocument()
    element = layout.writeXml(document, QgsReadWriteContext())
    document.appendChild(element)
    again = QgsPrintLayout(project)
    again.readXml(element, document, QgsReadWriteContext())
    items = [i for i in again.items() if isinstance(i, chart_item.ChartItem)]
    assert [(i.id(), i.field) for i in items] == [("graphique_x_texte", "graph")]
    again.atlas().setCoverageLayer(layer)
    again.atlas().setEnabled(True)
    text = _export(again, tmp_path / "chart.pdf")
    assert TITLE in text and "12,5 ha" in text
    assert _red(again, tmp_path) > 50  # the bar drawn too


def test_an_svg_without_its_text_apart_is_still_drawn(chart_item, tmp_path):
    """A chart with no sidecar (an SVG of the user's): drawn as a picture would be, its text as
    outlines; a missing file draws nothing."""
    path = _chart(tmp_path, sidecar=False)
    _project, layer, layout = _layout(chart_item, path)
    text = _export(layout, tmp_path / "plain.pdf")
    assert TITLE not in text
    assert _red(layout, tmp_path) > 50
    layer.dataProvider().changeAttributeValues({1: {0: str(tmp_path / "missing.svg")}})
    assert _red(layout, tmp_path) == 0


@pytest.mark.parametrize("sidecar", ["{not json", '{"runs": []}', "[1, 2]"])
def test_a_damaged_sidecar_draws_the_svg_as_it_is(chart_item, tmp_path, sidecar):
    """A sidecar that is not the plugin's (cut short, edited by hand): no error in the designer,
    the chart drawn from its SVG (text as outlines), as one without a sidecar."""
    path = _chart(tmp_path)
    Path(f"{path}.json").write_text(sidecar, encoding="utf-8")
    _project, _layer, layout = _layout(chart_item, path)
    text = _export(layout, tmp_path / "damaged.pdf")
    assert TITLE not in text
    assert _red(layout, tmp_path) > 50


def test_a_chart_that_cannot_be_drawn_is_logged_not_fatal(chart_item, tmp_path):
    """Runs the plugin did not write (a coordinate as text): an exception in a layout item's draw
    would abort QGIS through PyQt; the item draws nothing and says why in the message log."""
    from qgis.core import QgsApplication

    path = _chart(tmp_path)
    Path(f"{path}.json").write_text(
        '{"shapes": "<svg xmlns=\\"http://www.w3.org/2000/svg\\"/>", "runs": [{"x": "a"}]}',
        encoding="utf-8",
    )
    logged = []
    log = QgsApplication.messageLog()
    log.messageReceived.connect(lambda message, tag, level: logged.append((tag, message)))
    _project, _layer, layout = _layout(chart_item, path)
    text = _export(layout, tmp_path / "broken.pdf")
    assert TITLE not in text
    assert _red(layout, tmp_path) == 0
    assert any(tag == "OCS GE" and path in message for tag, message in logged), logged


def test_during_a_run_the_chart_is_read_in_the_work_folder(chart_item, tmp_path):
    """``moved``: the field names the final folder, the chart is still in the work folder."""
    work = tmp_path / "travail"
    work.mkdir()
    path = _chart(work)
    final = tmp_path / "final"
    _project, _layer, layout = _layout(chart_item, str(final / "chart.svg"))
    item = next(i for i in layout.items() if isinstance(i, chart_item.ChartItem))
    assert _red(layout, tmp_path) == 0
    item.moved = (str(final), str(work))
    assert item.path() == path
    assert _red(layout, tmp_path) > 50
