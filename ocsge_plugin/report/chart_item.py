"""The portrait's charts as a layout item of their own, whose text stays text whoever exports it.

A picture item showing an SVG is drawn by Qt's SVG renderer, which turns every ``<text>`` into
glyph outlines: a PDF exported from the layout designer had charts with no text a reader can
search or copy. :class:`ChartItem` draws the chart the atlas feature's field names (``charts.Svg``
saved it with its sidecar, ``chart_text``): the shapes with QSvgRenderer, the text with QPainter,
which every PDF export (the run's, the designer's, ``QgsLayoutExporter``) keeps as text.

Its type is registered in QGIS's layout item registry by :func:`register` (at the plugin's load,
and before a portrait's layout is built or read). A project saved with it and opened in a QGIS
without the plugin loses the item (QGIS drops unknown item types): the default template keeps a
picture of the same chart underneath, left out of exports while the chart item is there
(:data:`COVERED`), so that QGIS still shows and prints the chart (text as outlines). Reading a
layout that holds chart items also sets its fonts without ligatures again (``fonts``)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsLayoutItem,
    QgsLayoutItemAbstractMetadata,
    QgsLayoutItemRegistry,
    QgsMessageLog,
    QgsProperty,
)
from qgis.PyQt.QtCore import QRectF
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtSvg import QSvgRenderer

from ..core.i18n import tr
from ..domain.nomenclature import RESOURCES
from . import chart_text, fonts

__all__ = [
    "COVERED",
    "TYPE",
    "ChartItem",
    "register",
]

# the item type written in projects and templates (``type="…"``): never change it, a saved
# project's charts are found by it
_PLUGIN = QgsLayoutItemRegistry.ItemType.PluginItem
TYPE = int(getattr(_PLUGIN, "value", _PLUGIN)) + 2724
# the « exclude from exports » expression of the picture under a chart item ``{id}``: true while
# the chart item is in the layout (the plugin present), false in a QGIS without it
COVERED = "item_variables('{id}') IS NOT NULL"


class ChartItem(QgsLayoutItem):
    """A chart of the portrait: the one whose path is in the atlas feature's ``field``."""

    def __init__(self, layout):
        super().__init__(layout)
        self.field = ""
        # (final folder, work folder) while a run writes its PDF: the charts are read in the work
        # folder while the field names the final one (``layout.write_pdf``); not saved
        self.moved: tuple[str, str] | None = None

    def type(self) -> int:
        return TYPE

    def icon(self) -> QIcon:
        return QIcon(str(RESOURCES / "icon.svg"))

    def displayName(self) -> str:  # noqa: N802 (QGIS API name)
        return self.id() or _title()

    def path(self, context=None) -> str:
        """The chart's file: the atlas feature's ``field`` (in the work folder during a run)."""
        if not self.field:
            return ""
        if context is None:
            context = self.createExpressionContext()
        path, _ok = QgsProperty.fromField(self.field).valueAsString(context, "")
        if self.moved and path.startswith(self.moved[0] + os.sep):
            path = self.moved[1] + path[len(self.moved[0]) :]
        return path or ""

    def draw(self, context) -> None:
        """The chart fitted in the item (proportions kept, top left), in the painter's dots."""
        render = context.renderContext()
        painter = render.painter()
        scale = render.scaleFactor()  # dots per millimetre: the painter is in dots here
        rect = QRectF(0, 0, self.rect().width() * scale, self.rect().height() * scale)
        path = self.path(render.expressionContext())
        painter.save()
        try:
            _draw(painter, rect, path)
        except Exception as error:  # noqa: BLE001 - raised here, PyQt would abort QGIS: logged
            QgsMessageLog.logMessage(
                tr("The chart {path} could not be drawn: {error}").format(path=path, error=error),
                "OCS GE",
                Qgis.MessageLevel.Warning,
            )
        finally:
            painter.restore()

    def refresh(self) -> None:
        """The atlas moved to another feature: its chart drawn again in the designer's views (an
        export draws every page anew: nothing to do there)."""
        super().refresh()
        scene = self.scene()
        if scene is not None and scene.views():
            self.invalidateCache()
            self.update()

    def finalizeRestoreFromXml(self) -> None:  # noqa: N802 (QGIS API name)
        """The layout read back (a project, a template): its text without ligatures again, as
        the run made it (a font's « no shaping » is not saved; the first chart item does it)."""
        super().finalizeRestoreFromXml()
        layout = self.layout()
        first = next((i for i in layout.items() if isinstance(i, ChartItem)), None)
        if first is self:
            fonts.without_ligatures(layout)

    def writePropertiesToElement(self, element, document, context) -> bool:  # noqa: N802
        element.setAttribute("field", self.field)
        return True

    def readPropertiesFromElement(self, element, document, context) -> bool:  # noqa: N802
        self.field = element.attribute("field", "")
        return True


def _draw(painter, rect: QRectF, path: str) -> None:
    """The chart at ``path`` fitted in ``rect``: shapes and text apart, else the SVG as it is."""
    chart = _chart(path, *_stamp(path))
    if chart is not None:
        chart_text.draw(painter, chart, rect)
    elif path.lower().endswith(".svg") and Path(path).is_file():
        # an SVG without the plugin's sidecar: shown as QGIS's picture would
        renderer = QSvgRenderer(path)
        size = renderer.defaultSize()
        if size.width() > 0 and size.height() > 0:
            fit = min(rect.width() / size.width(), rect.height() / size.height())
            renderer.render(painter, QRectF(0, 0, size.width() * fit, size.height() * fit))


def _title() -> str:
    return tr("OCS GE chart")


def _stamp(path: str) -> tuple[int, int]:
    """The sidecar's modification time and size: a chart written anew is read anew."""
    try:
        found = os.stat(f"{path}{chart_text.SIDECAR}")
    except (OSError, ValueError):
        return (0, 0)
    return (found.st_mtime_ns, found.st_size)


@lru_cache(maxsize=32)
def _chart(path: str, mtime: int, size: int) -> dict | None:
    """The chart at ``path`` split in shapes and text (``chart_text.split``), read once per
    version of the file; None when it has no sidecar."""
    if not size:
        return None
    try:
        chart = chart_text.split(path)
    except (OSError, ValueError):  # a sidecar unreadable or not JSON: the SVG drawn as it is
        return None
    return chart if isinstance(chart, dict) and {"shapes", "runs"} <= chart.keys() else None


class _Metadata(QgsLayoutItemAbstractMetadata):
    def __init__(self):
        super().__init__(TYPE, _title())

    def createItem(self, layout):  # noqa: N802 (QGIS API name)
        return ChartItem(layout)


def register() -> None:
    """Make the chart item known to QGIS (once): layouts holding it can be built, saved and read
    back. QGIS owns the metadata once added (and keeps it until it exits)."""
    registry = QgsApplication.layoutItemRegistry()
    if registry.itemMetadata(TYPE) is None:
        registry.addLayoutItemType(_Metadata())
