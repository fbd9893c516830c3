"""The default template (resources/portrait.qpt), built in code: A4 portrait, one page per
section, every item named by its id (``titre``, ``chiffres``, ``carte``…) as a user's
template restyled in the layout designer keeps them."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsFillSymbol,
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
    QgsPrintLayout,
    QgsProperty,
    QgsReadWriteContext,
    QgsScaleBarSettings,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from . import blocks
from .content import COMMUNE_HEADINGS, method_note
from .layout import TEMPLATE

__all__ = [
    "default_layout",
    "write_default_template",
]

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
    _cover_page(layout, inner)
    _section_pages(layout, inner)
    _communes_page(layout, inner)
    # 9. method note
    _method_page(layout, _page_y(layout, PAGES.index("methode")), inner)
    return layout


def _cover_page(layout: QgsPrintLayout, inner: float) -> None:
    """Page 1, the cover: a red band with the title, the cover table and a footer."""
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


def _section_pages(layout: QgsPrintLayout, inner: float) -> None:
    """Pages 2 to 7: key figures, map, stocks and flows, land cover and use, changes and
    the ranking of the communes."""
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


def _communes_page(layout: QgsPrintLayout, inner: float) -> None:
    """Page 8: the table of the communes (repeated when long)."""
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


def write_default_template(path: Path = TEMPLATE) -> None:
    """Save the default layout as the shipped template (run when the layout code changes)."""
    from qgis.core import QgsProject

    project = QgsProject()
    layout = default_layout(project)
    layout.saveAsTemplate(str(path), QgsReadWriteContext())
