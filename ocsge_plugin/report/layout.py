"""The portrait's print layout: an atlas over the territories, built from a template (.qpt) whose
items are found by their id, and written page by page to a PDF (progress per page, cancel,
nothing partial).

The default template (resources/portrait.qpt) is made by ``default_template.default_layout``; a
user's template restyled in the layout designer keeps the same item ids (``titre``, ``chiffres``,
``carte``…) and is used as is."""

from __future__ import annotations

import os
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsExpressionContextUtils,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItem,
    QgsLayoutItemGroup,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPathResolver,
    QgsPrintLayout,
    QgsReadWriteContext,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QMarginsF, QRectF, QSizeF, QUuid
from qgis.PyQt.QtGui import QPageSize, QPainter, QPdfWriter
from qgis.PyQt.QtXml import QDomDocument

from ..core import compat
from ..core.errors import Canceled
from ..core.i18n import tr
from ..domain.nomenclature import RESOURCES
from ..storage import files
from . import blocks, chart_item, chart_text, fonts, template_check

__all__ = [
    "ROWS_PER_PAGE",
    "TEMPLATE",
    "TEMPLATES",
    "bind",
    "load_template",
    "repeat_communes_page",
    "write_pdf",
]

TEMPLATE = RESOURCES / "portrait.qpt"
# the default template of each model (the page order of ``default_template.MODELS``)
TEMPLATES = {"portrait": TEMPLATE, "rapport_triennal": RESOURCES / "rapport-triennal.qpt"}
ROWS_PER_PAGE = 46  # rows of the commune table in one frame of the default template (measured)


def load_template(project, path) -> QgsPrintLayout:
    """A layout from a .qpt file (the user's or the default), checked first as data
    (:func:`template_check.check_template`): TemplateError naming the file and the refused
    element when it does not parse, is not a layout, or holds what reads files, the web or the
    environment."""
    text = template_check.check_template(path)
    chart_item.register()  # the default template's charts (a user's may hold them too)
    document = QDomDocument()
    parsed = document.setContent(text)
    if not (
        parsed[0] if isinstance(parsed, tuple) else parsed
    ):  # PyQt5: (ok, message, line, column)
        raise template_check.TemplateError(
            tr(
                "The template {path} cannot be read: it is not well-formed XML. Expected "
                "a .qpt file saved from the layout designer."
            ).format(path=path)
        )
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    context = QgsReadWriteContext()
    context.setPathResolver(
        QgsPathResolver(str(Path(path).resolve()))
    )  # a picture beside the template
    loaded = layout.loadFromTemplate(document, context)
    ok = loaded[1] if isinstance(loaded, tuple) else bool(loaded)
    if not ok or not layout.pageCollection().pageCount():
        raise template_check.TemplateError(
            tr(
                "The template {path} cannot be read: QGIS found no layout in it. "
                "Expected a .qpt file saved from the layout designer."
            ).format(path=path)
        )
    layout.setName("Portrait de territoire")
    return layout


def repeat_communes_page(layout, pages: int) -> None:
    """Give the commune table ``pages`` pages: the page holding the frame ``communes`` is copied
    after itself with a new frame of the same table, where the rows go on. The first page is left
    out of the PDF when the territory has no commune table (a commune), a copy when its frame has
    no row left (fewer communes)."""
    frame = layout.itemById("communes")
    if not isinstance(frame, QgsLayoutFrame) or frame.multiFrame() is None:
        return
    collection = layout.pageCollection()
    index = collection.pageNumberForPoint(frame.pos())
    source = collection.page(index)
    items = [
        i
        for i in layout.items()
        if isinstance(i, QgsLayoutItem) and not isinstance(i, _NOT_COPIED) and i.page() == index
    ]
    blocks.exclude_when(source, 'coalesce("nb_communes", 0) = 0')
    for part in range(2, pages + 1):
        at = index + part - 1
        blocks.add_page(layout, source.pageSize(), at)
        document = QDomDocument()
        root = document.createElement("items")
        for item in items:
            item.writeXml(root, document, QgsReadWriteContext())
        top = collection.page(at).pos().y()
        for original, element in zip(items, _children(root)):
            element.setAttribute("uuid", QUuid.createUuid().toString())  # a copy, not the original
            element.setAttribute("templateUuid", "")
            # the copy's place, written where the item reads it back (and keeps it on refresh)
            on_page = original.pagePositionWithUnits()
            element.setAttribute(
                "position",
                QgsLayoutPoint(on_page.x(), top + on_page.y(), on_page.units()).encodePoint(),
            )
        for item in layout.addItemsFromXml(root, document, QgsReadWriteContext()):
            if item.id():
                item.setId(f"{item.id()}_{part}")
        on_page = frame.pagePos()
        blocks.add_frame(
            layout,
            frame.multiFrame(),
            f"communes_{part}",
            (on_page.x(), top + on_page.y(), frame.rect().width(), frame.rect().height()),
        )


def _children(root):
    node = root.firstChildElement()
    while not node.isNull():
        yield node
        node = node.nextSiblingElement()


# what the commune page's copies do not take from it: the pages themselves, the table's frame (the
# rows go on in a new frame) and the groups (their items are copied one by one)
_NOT_COPIED = (QgsLayoutItemPage, QgsLayoutFrame, QgsLayoutItemGroup)


def _number_pages(layout) -> None:
    """Every footer (the labels ``pied…``) ends with the page's number: its rank among the pages
    the territory prints (``@ocsge_page``, set by ``write_pdf``; in the designer, the layout's
    page less the pages before it that the atlas feature leaves out, by their own « exclude from
    exports » expression)."""
    collection = layout.pageCollection()
    skipped = []
    for index in range(collection.pageCount()):
        rule = (
            collection.page(index)
            .dataDefinedProperties()
            .property(QgsLayoutObject.DataDefinedProperty.ExcludeFromExports)
        )
        if rule.isActive() and rule.asExpression():
            skipped.append(f"if(@layout_page > {index + 1} and ({rule.asExpression()}), 1, 0)")
    number = f"coalesce(@ocsge_page, @layout_page - ({' + '.join(skipped) or '0'}))"
    for item in layout.items():
        if (
            isinstance(item, QgsLayoutItemLabel)
            and item.id().startswith("pied")
            and "@ocsge_page" not in item.text()
        ):
            item.setText(f"{item.text()} — page [% {number} %]")


def bind(
    layout,
    coverage,
    lines,
    map_layers,
    legend_layers,
    crs: QgsCoordinateReferenceSystem,
    clipped=(),
) -> None:
    """Point the template at this run's data: atlas over ``coverage``, its tables over ``lines``,
    the map's layers and CRS, the legend; its text without ligatures, its footers numbered; the
    ``clipped`` layers (IGN's flows) drawn inside the atlas territory only."""
    fonts.without_ligatures(layout)
    layout.setCustomProperty(
        "pdfTextFormat", int(compat.text_always_text())
    )  # the designer's PDF export: text as text
    _number_pages(layout)
    atlas = layout.atlas()
    atlas.setCoverageLayer(coverage)
    atlas.setEnabled(True)
    atlas.setPageNameExpression('"nom"')
    atlas.setFilenameExpression("'portrait_' || \"code\"")
    blocks.bind(layout, lines)
    map_item = layout.itemById("carte")
    if isinstance(map_item, QgsLayoutItemMap):
        map_item.setCrs(crs)
        map_item.setLayers(map_layers)
        map_item.setKeepLayerSet(True)
        map_item.setAtlasDriven(True)
        map_item.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Auto)
        map_item.setAtlasMargin(0.08)
        clipping = map_item.atlasClippingSettings()
        clipping.setEnabled(bool(clipped))
        clipping.setRestrictToLayers(True)
        clipping.setLayersToClip(list(clipped))
        # the atlas (auto scale) keeps the ratio of the map's current extent and fits the frame to
        # it: the template's is empty (no ratio), so the designer's atlas reshaped the frame, over
        # the scale bar and legend. An extent (the territories') fitted to the frame keeps the frame
        # as drawn.
        size = map_item.rect()
        if map_item.extent().isEmpty():
            map_item.setExtent(
                QgsRectangle(0, 0, size.width(), size.height())
            )  # the frame's ratio (zoomToExtent needs one)
        if coverage is not None and coverage.isValid() and not coverage.extent().isEmpty():
            map_item.zoomToExtent(coverage.extent())
    legend = layout.itemById("legende")
    if isinstance(legend, QgsLayoutItemLegend):
        legend.setAutoUpdateModel(False)
        root = legend.model().rootGroup()
        root.removeAllChildren()
        for layer in legend_layers:
            node = root.addLayer(layer)
            if layer is legend_layers[0]:  # the outline: its rule says it
                QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Style.Hidden)
        legend.adjustBoxSize()
        legend.refresh()


def pages_to_print(layout) -> list[int]:
    """The pages the current atlas feature prints (« exclude from exports » evaluated for it: QGIS
    3.22's page collection does not re-evaluate it per feature)."""
    collection = layout.pageCollection()
    pages = []
    for index in range(collection.pageCount()):
        page = collection.page(index)
        excluded, _ok = page.dataDefinedProperties().valueAsBool(
            QgsLayoutObject.DataDefinedProperty.ExcludeFromExports,
            page.createExpressionContext(),
            False,
        )
        if collection.shouldExportPage(index) and not excluded:
            pages.append(index)
    return pages


def _render_page(
    exporter, painter, index: int, pictures, moved: tuple[str, str] | None = None
) -> None:
    """Page ``index`` of the layout on ``painter``. The chart items (``chart_item``) draw their
    text as text themselves; a user's template (MODELE) may show charts in plain picture items
    instead: those on the page (pictures saved by ``charts.Svg``, not left out of exports) are
    hidden and drawn by ``chart_text``, their text as text in the PDF, not glyph outlines.
    ``moved`` (final folder, work folder): the charts are read in the work folder while their
    fields name the final one."""
    charts = []
    for item in pictures:
        path = item.evaluatedPath()
        if moved and path.startswith(moved[0] + os.sep):
            path = moved[1] + path[len(moved[0]) :]
        shown = item.page() == index and item.isVisible() and not _covered(item)
        chart = chart_text.split(path) if shown else None
        if chart is not None:
            charts.append((item, chart))
            item.setVisibility(False)
    try:
        exporter.renderPage(painter, index)
    finally:
        for item, _chart in charts:
            item.setVisibility(True)
    for item, chart in charts:
        per_mm = (
            painter.device().width() / item.layout().pageCollection().page(index).rect().width()
        )  # renderPage fits the page to the device
        place, size = item.pagePos(), item.rect()
        chart_text.draw(
            painter,
            chart,
            QRectF(
                place.x() * per_mm,
                place.y() * per_mm,
                size.width() * per_mm,
                size.height() * per_mm,
            ),
        )


def _covered(picture) -> bool:
    """Whether ``picture`` is left out of exports (the default template's picture under a chart
    item, ``chart_item.COVERED``; or the user's choice): ``_render_page`` does not draw it."""
    excluded, _ok = picture.dataDefinedProperties().valueAsBool(
        QgsLayoutObject.DataDefinedProperty.ExcludeFromExports,
        picture.createExpressionContext(),
        picture.excludeFromExports(),
    )
    return excluded


def write_pdf(
    layout, path: str, progress, is_canceled, moved: tuple[str, str] | None = None
) -> int:
    """Every atlas feature, every page it exports, into one PDF at ``path`` (written under a
    temporary name and renamed at the end, ``files.Transaction``: on cancel or error no file is
    left). Returns the number of pages. ``moved``: (final folder, work folder) of the charts, as
    ``_render_page`` reads them."""
    atlas = layout.atlas()
    count = atlas.count() if atlas.updateFeatures() else 0
    context = layout.renderContext()
    context.setDpi(300)
    context.setTextRenderFormat(compat.text_always_text())
    context.setFlag(context.FlagForceVectorOutput, True)
    context.setFlag(context.FlagAntialiasing, True)
    exporter = QgsLayoutExporter(layout)
    pdf = files.Transaction(path)
    maps = [
        (item, item.sizeWithUnits())
        for item in layout.items()
        if isinstance(item, QgsLayoutItemMap)
    ]
    pictures = [item for item in layout.items() if isinstance(item, QgsLayoutItemPicture)]
    charts = [item for item in layout.items() if isinstance(item, chart_item.ChartItem)]
    for item in charts:
        item.moved = moved
    document = _PdfPages(str(pdf.path))
    undo = layout.undoStack()
    blocked = undo.isBlocked()
    undo.blockCommands(
        True
    )  # the charts hidden and shown again on every page are not edits to undo (nor memory kept)
    variables = dict(
        zip(
            layout.customProperty("variableNames") or [],
            layout.customProperty("variableValues") or [],
        )
    )
    try:
        for feature in range(count):
            if is_canceled():
                raise Canceled()
            atlas.seekTo(feature)
            blocks.narrow(layout, layout.reportContext().feature()["code"])
            _keep_map_sizes(maps)
            pages = pages_to_print(layout)
            for rank, index in enumerate(pages):
                if is_canceled():
                    raise Canceled()
                painter = document.next_page(layout.pageCollection().page(index).pageSize())
                QgsExpressionContextUtils.setLayoutVariable(layout, "ocsge_page", rank + 1)
                _render_page(exporter, painter, index, pictures, moved)
                document.printed += 1
                progress(feature, count, rank, len(pages))
        document.end()
        if document.printed:
            pdf.commit()
        return document.printed
    finally:
        QgsExpressionContextUtils.setLayoutVariables(
            layout, variables
        )  # no page number left for the designer
        blocks.narrow(layout, None)
        for item in charts:
            item.moved = None
        undo.blockCommands(blocked)
        document.end()
        if not pdf.done:
            pdf.abort()


def _keep_map_sizes(maps: list) -> None:
    """Each map frame back to its size, its extent kept (the atlas may stretch a map to its
    feature's shape)."""
    for item, size in maps:
        if item.sizeWithUnits() != size:
            extent = item.extent()
            item.attemptResize(size)
            item.zoomToExtent(extent)


class _PdfPages:
    """The PDF being written at ``path``: ``next_page(size)`` opens a page of that size (mm) and
    returns its painter; ``end()`` finishes the file; ``printed`` counts the pages drawn."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.writer = self.painter = None
        self.printed = 0

    def next_page(self, size) -> QPainter:
        page_size = QPageSize(QSizeF(size.width(), size.height()), QPageSize.Unit.Millimeter)
        if self.writer is None:
            self.writer = QPdfWriter(self.path)
            self.writer.setResolution(300)
            self.writer.setCreator("QGIS — extension OCS GE")
            self.writer.setTitle("Portrait de territoire")
            self.writer.setPageSize(page_size)
            self.writer.setPageMargins(QMarginsF(0, 0, 0, 0))
            self.painter = QPainter(self.writer)
        else:
            self.writer.setPageSize(page_size)
            self.writer.newPage()
        return self.painter

    def end(self) -> None:
        """Finish the file (nothing when no page was opened, or already finished)."""
        if self.painter is not None:
            self.painter.end()
            self.painter = None
        self.writer = None
