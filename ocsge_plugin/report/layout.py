"""The portrait's print layout: an atlas over the territories, built from a template (.qpt) whose
items
are found by their id, and written page by page to a PDF (progress per page, cancel, nothing
partial).

The default template (resources/portrait.qpt) is made by :func:`default_layout`; a user's template
restyled
in the layout designer keeps the same item ids (``titre``, ``chiffres``, ``carte``…) and is used as
is."""

from __future__ import annotations

import os
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsExpressionContextUtils,
    QgsFillSymbol,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPathResolver,
    QgsPrintLayout,
    QgsProperty,
    QgsReadWriteContext,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUuid
from qgis.PyQt.QtGui import QColor, QFont, QPageSize, QPainter, QPdfWriter
from qgis.PyQt.QtXml import QDomDocument

from ..core import compat
from ..core.errors import Canceled
from ..core.i18n import tr
from ..domain.nomenclature import RESOURCES
from . import blocks, chart_text, template_check
from .content import COMMUNE_HEADINGS, method_note

TEMPLATE = RESOURCES / "portrait.qpt"
WIDTH, HEIGHT, MARGIN = 210.0, 297.0, 15.0
FONT = "DejaVu Sans"
RED = QColor("#c8102e")
# the pages of the default template, in order; « communes » is repeated as needed
PAGES = (
    "couverture",
    "chiffres",
    "carte",
    "graphiques",
    "occupation",
    "changements",
    "classement",
    "communes",
    "methode",
)
METHOD_HEIGHTS = (24, 62, 6, 18, 20, 20)  # mm for each section of the method note
ROWS_PER_PAGE = 46  # rows of the commune table in one frame of the default template (measured)


def _label(
    layout,
    item_id: str,
    text: str,
    rect,
    size: float = 10,
    bold: bool = False,
    colour: str = "#222222",
):
    label = QgsLayoutItemLabel(layout)
    label.setId(item_id)
    label.setText(text)
    font = QFont(FONT)
    font.setPointSizeF(size)
    font.setBold(bold)
    label.setFont(font)
    label.setFontColor(QColor(colour))
    label.setHAlign(
        Qt.AlignmentFlag.AlignLeft
    )  # not justified (QGIS's default): no stretched words
    layout.addLayoutItem(label)
    _place(label, rect)
    return label


def _place(item, rect) -> None:
    """Put ``item`` at (x, y, width, height) in millimetres, y counted from the top of the
    layout."""
    x, y, w, h = rect
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutUnit.LayoutMillimeters))


def _page_y(layout, index: int) -> float:
    return layout.pageCollection().page(index).pos().y()


def _header(layout, page: int, key: str, title: str) -> None:
    y = _page_y(layout, page)
    band = QgsLayoutItemShape(layout)
    band.setId(f"bandeau_{key}")
    band.setShapeType(QgsLayoutItemShape.Shape.Rectangle)
    band.setSymbol(QgsFillSymbol.createSimple({"color": RED.name(), "outline_style": "no"}))
    layout.addLayoutItem(band)
    _place(band, (0, y, WIDTH, 8))
    _label(
        layout,
        f"titre_{key}",
        title,
        (MARGIN, y + 14, WIDTH - 2 * MARGIN, 12),
        size=16,
        bold=True,
        colour=RED.name(),
    )
    _label(
        layout,
        f"territoire_{key}",
        '[% "titre" %]',
        (MARGIN, y + 25, WIDTH - 2 * MARGIN, 8),
        size=10,
        colour="#555555",
    )
    _label(
        layout,
        f"pied_{key}",
        '[% "pied" %]',
        (MARGIN, y + HEIGHT - 12, WIDTH - 2 * MARGIN, 6),
        size=7,
        colour="#777777",
    )


def _map_page(layout: QgsPrintLayout, y: float, inner: float) -> None:
    """Page 3: the map, its north arrow, scale bar, legend and source line."""
    _label(
        layout, "carte_titre", '[% "carte_titre" %]', (MARGIN, y + 34, inner, 8), size=10, bold=True
    )
    map_item = QgsLayoutItemMap(layout)
    map_item.setId("carte")
    map_item.setFrameEnabled(True)
    layout.addLayoutItem(map_item)
    _place(map_item, (MARGIN, y + 44, inner, 170))
    north = QgsLayoutItemPicture(layout)
    north.setId("nord")
    north.setPicturePath(
        str(Path(QgsApplication.pkgDataPath()) / "svg" / "arrows" / "NorthArrow_02.svg")
    )
    north.setLinkedMap(map_item)
    layout.addLayoutItem(north)
    _place(north, (WIDTH - MARGIN - 14, y + 47, 11, 11))
    scale = QgsLayoutItemScaleBar(layout)
    scale.setId("echelle")
    scale.setStyle("Single Box")
    scale.setLinkedMap(map_item)
    scale.setUnits(QgsUnitTypes.DistanceUnit.DistanceKilometers)
    scale.setUnitLabel("km")
    scale.setNumberOfSegmentsLeft(0)
    scale.setNumberOfSegments(2)
    scale.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFitWidth)
    scale.setMinimumBarWidth(30)
    scale.setMaximumBarWidth(60)
    scale.setHeight(2)
    layout.addLayoutItem(scale)
    _place(scale, (MARGIN, y + 218, 60, 10))
    legend = QgsLayoutItemLegend(layout)
    legend.setId("legende")
    legend.setTitle("Légende")
    legend.setLinkedMap(map_item)
    layout.addLayoutItem(legend)
    _place(legend, (WIDTH / 2, y + 218, inner / 2, 50))
    _label(
        layout,
        "source_carte",
        '[% "source" %]',
        (MARGIN, y + 262, inner / 2 - 5, 20),
        size=7,
        colour="#555555",
    )


def _key_figures(layout: QgsPrintLayout, y: float, inner: float) -> None:
    """Page 2: stocks, flows and the comparison with the parents, each a table headed by the
    millésimes."""
    _header(layout, 1, "chiffres", "Chiffres clés")
    first = inner * 0.52
    top = y + 36
    for key, title, height, columns in (
        (
            "stocks",
            "Stocks",
            52,
            [("", first, False), ("", (inner - first) / 2, True), ("", (inner - first) / 2, True)],
        ),
        ("flux", 'Flux [% "millesimes" %]', 66, [("", first, False), ("", inner - first, True)]),
        (
            "comparaison",
            "Comparaison",
            40,
            [("", inner * 0.4, False)] + [("", inner * 0.2, True)] * 3,
        ),
    ):
        _label(
            layout,
            f"titre_{key}",
            title,
            (MARGIN, top, inner, 7),
            size=11,
            bold=True,
            colour=RED.name(),
        )
        blocks.make(
            layout,
            key,
            key,
            columns,
            (MARGIN, top + 8, inner, height),
            size=9.5 if key != "comparaison" else 9,
            first_row=True,
        )
        top += height + 12
    _label(
        layout,
        "note_chiffres",
        '[% "note_chiffres" %]',
        (MARGIN, top, inner, 24),
        size=8,
        colour="#555555",
    )


def _method_page(layout: QgsPrintLayout, y: float, inner: float) -> None:
    """The last page: the method note, a heading and a text label per section (``methode_1``…: the
    text depends on the
    method and convention only; labels, drawn much faster than table cells of long text)."""
    _header(layout, PAGES.index("methode"), "methode", "Note de méthode")
    top = y + 36
    for index, ((heading, _text), height) in enumerate(
        zip(method_note("", ""), METHOD_HEIGHTS), start=1
    ):
        _label(
            layout,
            f"methode_titre_{index}",
            heading,
            (MARGIN, top, 42, 8),
            size=9.5,
            bold=True,
            colour=RED.name(),
        )
        _label(
            layout,
            f"methode_{index}",
            f'[% "methode_{index}" %]',
            (MARGIN + 44, top, inner - 44, height),
            size=9,
        )
        top += height + 4


def _chart(layout: QgsPrintLayout, item_id: str, field: str, rect: tuple) -> None:
    """A picture item showing the SVG chart whose path is the atlas feature's ``field``."""
    picture = QgsLayoutItemPicture(layout)
    picture.setId(item_id)
    picture.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
    picture.dataDefinedProperties().setProperty(
        QgsLayoutObject.DataDefinedProperty.PictureSource, QgsProperty.fromField(field)
    )
    layout.addLayoutItem(picture)
    _place(picture, rect)


def default_layout(project) -> QgsPrintLayout:
    """The default template, built in code: A4 portrait, one page per section, items named by id."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("Portrait de territoire")
    collection = layout.pageCollection()
    collection.page(0).setPageSize(
        QgsLayoutSize(WIDTH, HEIGHT, QgsUnitTypes.LayoutUnit.LayoutMillimeters)
    )
    for _ in PAGES[1:]:
        page = QgsLayoutItemPage(layout)
        page.setPageSize(QgsLayoutSize(WIDTH, HEIGHT, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        collection.addPage(page)
    collection.reflow()
    inner = WIDTH - 2 * MARGIN
    # 1. cover
    y = _page_y(layout, 0)
    band = QgsLayoutItemShape(layout)
    band.setId("bandeau_couverture")
    band.setSymbol(QgsFillSymbol.createSimple({"color": RED.name(), "outline_style": "no"}))
    layout.addLayoutItem(band)
    _place(band, (0, y, WIDTH, 110))
    _label(
        layout,
        "surtitre",
        "PORTRAIT DE TERRITOIRE",
        (MARGIN, y + 40, inner, 10),
        size=12,
        bold=True,
        colour="#ffffff",
    )
    _label(
        layout,
        "titre",
        '[% "nom" %]',
        (MARGIN, y + 52, inner, 30),
        size=30,
        bold=True,
        colour="#ffffff",
    )
    _label(
        layout,
        "sous_titre",
        'Artificialisation et imperméabilisation des sols — [% "millesimes" %]',
        (MARGIN, y + 84, inner, 10),
        size=13,
        colour="#ffffff",
    )
    blocks.make(
        layout,
        "couverture",
        "couverture",
        [("", 52, False), ("", inner - 52, False)],
        (MARGIN, y + 125, inner, 140),
        size=10,
        first_column=True,
    )
    _label(
        layout,
        "pied_couverture",
        '[% "pied" %]',
        (MARGIN, y + HEIGHT - 12, inner, 6),
        size=7,
        colour="#777777",
    )
    # 2. key figures
    _key_figures(layout, _page_y(layout, 1), inner)
    # 3. map
    _header(layout, 2, "carte", "Carte")
    _map_page(layout, _page_y(layout, 2), inner)
    # 4. charts
    _header(layout, 3, "graphiques", "Stocks et flux")
    y = _page_y(layout, 3)
    for index, (item_id, field) in enumerate(
        (("graphique_stocks", "graph_stocks"), ("graphique_flux", "graph_flux"))
    ):
        _chart(layout, item_id, field, (MARGIN, y + 38 + index * 115, inner, 105))
    # 5. and 6. land cover and use by class, and what changed (the per-class tables)
    _header(layout, 4, "occupation", "Occupation du sol")
    _chart(
        layout,
        "graphique_couverture",
        "graph_couverture",
        (MARGIN, _page_y(layout, 4) + 36, inner, 108),
    )
    _chart(layout, "graphique_usage", "graph_usage", (MARGIN, _page_y(layout, 4) + 146, inner, 136))
    _header(layout, 5, "changements", "Changements d'occupation du sol")
    _chart(
        layout, "graphique_origine", "graph_origine", (MARGIN, _page_y(layout, 5) + 36, inner, 100)
    )
    _chart(
        layout,
        "graphique_transitions",
        "graph_transitions",
        (MARGIN, _page_y(layout, 5) + 138, inner, 144),
    )
    # 7. ranking of the communes
    _header(layout, 6, "classement", "Classement des communes")
    _chart(
        layout,
        "graphique_classement",
        "graph_classement",
        (MARGIN, _page_y(layout, 6) + 36, inner, 240),
    )
    # 8. table of the communes (repeated when long)
    _header(layout, 7, "communes", "Les communes")
    y = _page_y(layout, 7)
    _label(
        layout,
        "communes_titre",
        '[% "communes_titre" %]',
        (MARGIN, y + 35, inner, 8),
        size=8,
        colour="#555555",
    )
    rest = (inner - 46) / 8
    columns = [
        (heading, 46 if index == 0 else rest, index > 0)
        for index, heading in enumerate(COMMUNE_HEADINGS)
    ]
    blocks.make(
        layout, "communes", "communes", columns, (MARGIN, y + 44, inner, 238), size=7, headings=True
    )
    # 9. method note
    _method_page(layout, _page_y(layout, PAGES.index("methode")), inner)
    return layout


def write_default_template(path: Path = TEMPLATE) -> None:
    """Save the default layout as the shipped template (run when the layout code changes)."""
    from qgis.core import QgsProject

    project = QgsProject()
    layout = default_layout(project)
    layout.saveAsTemplate(str(path), QgsReadWriteContext())


def load_template(project, path) -> QgsPrintLayout:
    """A layout from a .qpt file (the user's or the default), checked first as data
    (:func:`template_check.check_template`): TemplateError naming the file and the refused element
    when it
    does not parse, is not a layout, or holds what reads files, the web or the environment."""
    text = template_check.check_template(path)
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
    after itself
    with a new frame of the same table, where the rows go on. The first page is left out of the PDF
    when the
    territory has no commune table (a commune), a copy when its frame has no row left (fewer
    communes)."""
    frame = layout.itemById("communes")
    if not isinstance(frame, QgsLayoutFrame) or frame.multiFrame() is None:
        return
    collection = layout.pageCollection()
    index = collection.pageNumberForPoint(frame.pos())
    source = collection.page(index)
    items = [i for i in layout.items() if isinstance(i, _ITEM_TYPES) and i.page() == index]
    exclude = QgsProperty.fromExpression('coalesce("nb_communes", 0) = 0')
    source.dataDefinedProperties().setProperty(
        QgsLayoutObject.DataDefinedProperty.ExcludeFromExports, exclude
    )
    for part in range(2, pages + 1):
        page = QgsLayoutItemPage(layout)
        page.setPageSize(source.pageSize())
        at = index + part - 1
        collection.insertPage(page, at)
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


_ITEM_TYPES = (
    QgsLayoutItemLabel,
    QgsLayoutItemPicture,
    QgsLayoutItemShape,
    QgsLayoutItemMap,
    QgsLayoutItemLegend,
    QgsLayoutItemScaleBar,
)


def unligated(font: QFont) -> QFont:
    """``font`` drawn letter by letter: no « ﬁ » ligature, so that « artificialisation » is found in
    the PDF
    (QFont.PreferNoShaping on Qt 5.15; letter spacing does not stop ligatures there)."""
    font.setStyleStrategy(
        QFont.StyleStrategy(font.styleStrategy() | QFont.StyleStrategy.PreferNoShaping)
    )
    return font


def _without_ligatures(layout) -> None:
    """Every label, table, legend and scale bar of ``layout`` in fonts without ligatures (a
    template's XML
    does not keep a font's style strategy: set after loading it)."""
    for item in layout.items():
        if isinstance(item, QgsLayoutItemScaleBar):
            text = item.textFormat()
            text.setFont(unligated(text.font()))
            item.setTextFormat(text)
        else:
            compat.change_item_fonts(item, unligated)  # labels and legends
    for frame in layout.multiFrames():
        if isinstance(frame, QgsLayoutItemAttributeTable):
            for read, write in (
                (frame.contentTextFormat, frame.setContentTextFormat),
                (frame.headerTextFormat, frame.setHeaderTextFormat),
            ):
                text = read()
                text.setFont(unligated(text.font()))
                write(text)


def _number_pages(layout) -> None:
    """Every footer (the labels ``pied…``) ends with the page's number: its rank among the pages the
    territory prints (``@ocsge_page``, set by ``write_pdf``; in the designer, the layout's page less
    the
    pages before it that the atlas feature leaves out, by their own « exclude from exports »
    expression)."""
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
    the map's
    layers and CRS, the legend; its text without ligatures, its footers numbered; the ``clipped``
    layers
    (IGN's flows) drawn inside the atlas territory only."""
    _without_ligatures(layout)
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
        # it: the
        # template's is empty (no ratio), so the designer's atlas reshaped the frame, over the scale
        # bar and
        # legend. An extent (the territories') fitted to the frame keeps the frame as drawn.
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
    3.22's
    page collection does not re-evaluate it per feature)."""
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
    """Page ``index`` of the layout on ``painter``; the charts on it (pictures saved by
    ``charts.Svg``) drawn
    by ``chart_text``: their text stays text in the PDF, not glyph outlines. ``moved`` (final
    folder, work
    folder): the charts are read in the work folder while their fields name the final one."""
    charts = []
    for item in pictures:
        path = item.evaluatedPath()
        if moved and path.startswith(moved[0] + os.sep):
            path = moved[1] + path[len(moved[0]) :]
        chart = chart_text.split(path) if item.page() == index and item.isVisible() else None
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


def write_pdf(
    layout, path: str, progress, is_canceled, moved: tuple[str, str] | None = None
) -> int:
    """Every atlas feature, every page it exports, into one PDF at ``path`` (written under a
    temporary
    name and renamed at the end: on cancel or error no file is left). Returns the number of pages.
    ``moved``: (final folder, work folder) of the charts, as ``_render_page`` reads them."""
    atlas = layout.atlas()
    count = atlas.count() if atlas.updateFeatures() else 0
    context = layout.renderContext()
    context.setDpi(300)
    context.setTextRenderFormat(compat.text_always_text())
    context.setFlag(context.FlagForceVectorOutput, True)
    context.setFlag(context.FlagAntialiasing, True)
    exporter = QgsLayoutExporter(layout)
    partial = f"{path}.partiel"
    maps = [
        (item, item.sizeWithUnits())
        for item in layout.items()
        if isinstance(item, QgsLayoutItemMap)
    ]
    pictures = [item for item in layout.items() if isinstance(item, QgsLayoutItemPicture)]
    writer = painter = None
    printed = 0
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
            for (
                item,
                size,
            ) in (
                maps
            ):  # the atlas may stretch a map to its feature's shape: the frame keeps its size
                if item.sizeWithUnits() != size:
                    extent = item.extent()
                    item.attemptResize(size)
                    item.zoomToExtent(extent)
            pages = pages_to_print(layout)
            for rank, index in enumerate(pages):
                if is_canceled():
                    raise Canceled()
                size = layout.pageCollection().page(index).pageSize()
                page_size = QPageSize(
                    QSizeF(size.width(), size.height()), QPageSize.Unit.Millimeter
                )
                if writer is None:
                    writer = QPdfWriter(partial)
                    writer.setResolution(300)
                    writer.setCreator("QGIS — extension OCS GE")
                    writer.setTitle("Portrait de territoire")
                    writer.setPageSize(page_size)
                    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
                    painter = QPainter(writer)
                else:
                    writer.setPageSize(page_size)
                    writer.newPage()
                QgsExpressionContextUtils.setLayoutVariable(layout, "ocsge_page", rank + 1)
                _render_page(exporter, painter, index, pictures, moved)
                printed += 1
                progress(feature, count, rank, len(pages))
        if painter is not None:
            painter.end()
            painter = None
        writer = None
        if printed:
            os.replace(partial, path)
        return printed
    finally:
        QgsExpressionContextUtils.setLayoutVariables(
            layout, variables
        )  # no page number left for the designer
        blocks.narrow(layout, None)
        undo.blockCommands(blocked)
        if painter is not None:
            painter.end()
        if os.path.exists(partial):
            os.remove(partial)
