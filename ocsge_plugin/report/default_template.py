"""The default template (resources/portrait.qpt), built in code: A4 portrait, one page per
section, every item named by its id (``titre``, ``chiffres``, ``carte``…) as a user's
template restyled in the layout designer keeps them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsFillSymbol,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutMeasurement,
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

from . import blocks, chart_item
from .content import COMMUNE_HEADINGS, method_note
from .layout import TEMPLATES

__all__ = [
    "default_layout",
    "write_default_template",
]

WIDTH, HEIGHT, MARGIN = 210.0, 297.0, 15.0
FONT = "DejaVu Sans"
RED = QColor("#c8102e")
# the pages of the default template, in order; « communes » is repeated as needed; « consommation »
# and « trajectoire » are left out of the PDF when the run has no consumption file
PAGES = (
    "couverture",
    "chiffres",
    "carte",
    "graphiques",
    "occupation",
    "changements",
    "classement",
    "consommation",
    "trajectoire",
    "communes",
    "methode",
)
# the rapport relatif à l'artificialisation des sols (article R. 2231-1 du CGCT): cover, legal
# frame, indicator 1° (NAF consumption), 2° and 3° (OCS GE: net artificialisation, impermeable
# surfaces), 4° (the trajectory against the objective), then the rest of the portrait
TRIENNIAL_PAGES = (
    "couverture",
    "cadre",
    "consommation",
    "chiffres",
    "graphiques",
    "trajectoire",
    "carte",
    "occupation",
    "changements",
    "classement",
    "communes",
    "methode",
)
MODELS = {"portrait": PAGES, "rapport_triennal": TRIENNIAL_PAGES}
TITLES = {  # page → (title in the portrait, title in the rapport triennal)
    "chiffres": ("Chiffres clés", "2° et 3° Artificialisation nette et imperméabilisation"),
    "carte": ("Carte", "Carte"),
    "graphiques": ("Stocks et flux", "2° et 3° Stocks et flux (OCS GE)"),
    "occupation": ("Occupation du sol", "Occupation du sol"),
    "changements": ("Changements d'occupation du sol", "Changements d'occupation du sol"),
    "classement": ("Classement des communes", "Classement des communes"),
    "consommation": ("Consommation d'espaces NAF", "1° Consommation d'espaces NAF"),
    "trajectoire": ("Trajectoire ZAN 2021–2031", "4° Trajectoire ZAN 2021–2031"),
    "communes": ("Les communes", "Les communes"),
    "methode": ("Note de méthode", "Note de méthode"),
    "cadre": ("Cadre légal et périodes", "Cadre légal et périodes"),
}
METHOD_HEIGHTS = (24, 62, 6, 18, 20, 20)  # mm for each section of the method note
FRAME_HEIGHTS = (26, 70, 18, 44)  # mm for each section of the rapport triennal's legal frame
FRAME_SECTIONS = ("Base légale", "Article R. 2231-1", "Périodes", "Dans ce rapport")
COMMENT = 24.0  # mm: a comment box under a chart, its heading included
HEADING = 5.0  # mm: the heading « Commentaire : » above the box
BODY = 36.0  # mm: where a page's content starts, under its header
BOTTOM = HEIGHT - 15.0  # mm: where it ends, above the footer
NO_CONSUMPTION = "coalesce(\"graph_conso\", '') = ''"  # a run without a consumption file


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
    if hasattr(label, "setTextFormat"):  # QGIS 3.24+: the font and colour through the text format
        text_format = label.textFormat()
        text_format.setFont(font)
        text_format.setSize(size)
        text_format.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
        text_format.setColor(QColor(colour))
        label.setTextFormat(text_format)
    else:  # 3.22
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
    _footer(layout, f"pied_{key}", y)


def _footer(layout, item_id: str, y: float) -> None:
    """The atlas field ``pied`` in small grey at the bottom of the page whose top is ``y``."""
    rect = (MARGIN, y + HEIGHT - 12, WIDTH - 2 * MARGIN, 6)
    _label(layout, item_id, '[% "pied" %]', rect, size=7, colour="#777777")


def _map_page(page: Page) -> None:
    """The map, its north arrow, scale bar, legend and source line."""
    layout, y, inner = page.layout, page.y, page.inner
    page.header()
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


@dataclass
class Page:
    """A page of the layout being built: its name, index, top (mm), the width inside the margins
    and the model (its titles: the portrait's or the rapport triennal's)."""

    layout: QgsPrintLayout
    name: str
    index: int
    model: str

    @property
    def y(self) -> float:
        return _page_y(self.layout, self.index)

    @property
    def inner(self) -> float:
        return WIDTH - 2 * MARGIN

    def header(self) -> None:
        _header(self.layout, self.index, self.name, TITLES[self.name][self.model != "portrait"])

    def charts(self, charts: list[tuple[str, str, float]], top: float = BODY) -> float:
        """Chart pictures ``(item id, field, height in mm)`` one under the other from ``top``
        (mm from the page's top), each followed by a comment box (the charts shrunk to leave room
        for them above the footer); returns where the last one ends."""
        room = BOTTOM - top - (COMMENT + 3) * len(charts) - 2 * len(charts)
        scale = min(1.0, room / sum(h for _, _, h in charts))
        y = top
        for item_id, field, height in charts:
            _chart(self.layout, item_id, field, (MARGIN, self.y + y, self.inner, height * scale))
            y += height * scale + 2
            y = _comment_box(self.layout, item_id, self.y + y, self.inner) - self.y + 3
        return y


def _comment_box(layout: QgsPrintLayout, item_id: str, y: float, width: float) -> float:
    """Under the chart ``item_id``, at ``y`` (mm from the layout's top): the heading « Commentaire
    : » and an empty framed text box (``commentaire_<chart>``), a label the planner writes into
    in the layout designer (Item Properties, Main Properties); returns its bottom."""
    _label(
        layout,
        f"commentaire_titre_{item_id}",
        "Commentaire :",
        (MARGIN, y, 40, HEADING),
        size=8,
        bold=True,
        colour="#555555",
    )
    box = _label(
        layout,
        f"commentaire_{item_id}",
        "",
        (MARGIN, y + HEADING, width, COMMENT - HEADING),
        size=9,
    )
    box.setFrameEnabled(True)
    box.setFrameStrokeColor(QColor("#9e9e9e"))
    box.setFrameStrokeWidth(QgsLayoutMeasurement(0.3, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    box.setMarginX(2)
    box.setMarginY(1.5)
    box.setVAlign(Qt.AlignmentFlag.AlignTop)
    return y + COMMENT


def _key_figures(page: Page) -> None:
    """Stocks, flows and the comparison with the parents, each a table headed by the
    millésimes."""
    layout, y, inner = page.layout, page.y, page.inner
    page.header()
    first = inner * 0.52
    top = y + BODY
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
        _table(
            layout,
            key,
            title,
            columns,
            (MARGIN, top, inner, height),
            9.5 if key != "comparaison" else 9,
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


def _table(layout, key: str, title: str, columns: list, rect: tuple, size: float) -> None:
    """A title in red and, under it, the table of the block ``key`` (its first row tinted)."""
    x, y, width, height = rect
    _label(layout, f"titre_{key}", title, (x, y, width, 7), size=11, bold=True, colour=RED.name())
    blocks.make(layout, key, key, columns, (x, y + 8, width, height), size=size, first_row=True)


def _notes(page: Page, key: str, sections: list[tuple[str, float]]) -> None:
    """Text sections: a heading and the atlas field ``<key>_<n>`` each (``sections``: heading,
    height in mm)."""
    top = page.y + BODY
    for index, (heading, height) in enumerate(sections, start=1):
        _label(
            page.layout,
            f"{key}_titre_{index}",
            heading,
            (MARGIN, top, 42, 8),
            size=9.5,
            bold=True,
            colour=RED.name(),
        )
        _label(
            page.layout,
            f"{key}_{index}",
            f'[% "{key}_{index}" %]',
            (MARGIN + 44, top, page.inner - 44, height),
            size=9 if key == "methode" else 8.5,
        )
        top += height + 4


def _method_page(page: Page) -> None:
    """The method note, a heading and a text label per section (``methode_1``…: the text depends
    on the method and convention only; labels, drawn much faster than table cells of long text)."""
    page.header()
    headings = [heading for heading, _text in method_note("", "")]
    _notes(page, "methode", list(zip(headings, METHOD_HEIGHTS)))


def _frame_page(page: Page) -> None:
    """The rapport triennal's legal frame and periods (``cadre_1``…)."""
    page.header()
    _notes(page, "cadre", list(zip(FRAME_SECTIONS, FRAME_HEIGHTS)))
    _exclude_without_consumption(page)


def _chart(layout: QgsPrintLayout, item_id: str, field: str, rect: tuple) -> None:
    """The SVG chart whose path is the atlas feature's ``field``: a chart item ``{item_id}_texte``
    (its text as text in any PDF) over a picture item ``item_id`` left out of exports while the
    chart item is there (what a QGIS without the plugin shows and prints); both in a group
    ``{item_id}_groupe``."""
    picture = QgsLayoutItemPicture(layout)
    picture.setId(item_id)
    picture.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
    properties = picture.dataDefinedProperties()
    properties.setProperty(
        QgsLayoutObject.DataDefinedProperty.PictureSource, QgsProperty.fromField(field)
    )
    properties.setProperty(
        QgsLayoutObject.DataDefinedProperty.ExcludeFromExports,
        QgsProperty.fromExpression(chart_item.COVERED.format(id=f"{item_id}_texte")),
    )
    layout.addLayoutItem(picture)
    _place(picture, rect)
    chart = chart_item.ChartItem(layout)
    chart.setId(f"{item_id}_texte")
    chart.field = field
    layout.addLayoutItem(chart)
    _place(chart, rect)
    group = layout.groupItems([picture, chart])  # moved and resized together in the designer
    group.setId(f"{item_id}_groupe")


def _consumption_note(page: Page, key: str, rect: tuple) -> None:
    """The grey note of a consumption page (the atlas field ``key``); the page itself left out of
    the export for a territory without consumption figures."""
    _label(page.layout, key, f'[% "{key}" %]', rect, size=7.5, colour="#555555")
    _exclude_without_consumption(page)


def _exclude_without_consumption(page: Page) -> None:
    blocks.exclude_when(page.layout.pageCollection().page(page.index), NO_CONSUMPTION)


def _consumption_page(page: Page) -> None:
    """Indicator 1° of article R. 2231-1: NAF consumption per year and destination, in hectares
    and in % of the territory's area, beside the EPCI and the département."""
    chart = ("graphique_conso", "graph_conso")
    top = _chart_and_figures(page, chart, "conso", "Consommation d'espaces NAF", 50) + 62
    inner = page.inner
    columns = [("", inner * 0.36, False)] + [("", inner * 0.16, True)] * 4
    rect = (MARGIN, top, inner, 30)
    _table(page.layout, "conso_comparaison", "Comparaison (2011–2020)", columns, rect, 8.5)
    _consumption_note(page, "note_conso", (MARGIN, top + 40, inner, 16))


def _trajectory_page(page: Page) -> None:
    """Indicator 4°: consumption since 2021 and its projection against the envelope 2021–2030."""
    chart = ("graphique_trajectoire", "graph_trajectoire")
    top = _chart_and_figures(page, chart, "trajectoire_chiffres", "Trajectoire 2021–2030", 54)
    _consumption_note(page, "note_trajectoire", (MARGIN, top + 66, page.inner, 20))


def _chart_and_figures(
    page: Page, chart: tuple[str, str], key: str, title: str, height: float
) -> float:
    """The top of a consumption page: its header, the chart (item id, atlas field) 86 mm high and
    under it the table ``key`` (labels, then figures); returns the table's top (mm)."""
    page.header()
    bottom = page.charts([(*chart, 86)])
    inner, top = page.inner, page.y + bottom + 2
    columns = [("", inner * 0.7, False), ("", inner * 0.3, True)]
    _table(page.layout, key, title, columns, (MARGIN, top, inner, height), 9)
    return top


def _charts_page(page: Page) -> None:
    """Stocks and flows."""
    page.header()
    page.charts(
        [("graphique_stocks", "graph_stocks", 105), ("graphique_flux", "graph_flux", 105)], BODY + 2
    )


def _land_page(page: Page) -> None:
    """Land cover and use by class (the per-class tables)."""
    page.header()
    page.charts(
        [("graphique_couverture", "graph_couverture", 108), ("graphique_usage", "graph_usage", 136)]
    )


def _changes_page(page: Page) -> None:
    """What changed: the origin of the new artificialisation, the matrix of cover changes."""
    page.header()
    page.charts(
        [
            ("graphique_origine", "graph_origine", 100),
            ("graphique_transitions", "graph_transitions", 144),
        ]
    )


def _ranking_page(page: Page) -> None:
    """The ranking of the communes."""
    page.header()
    page.charts([("graphique_classement", "graph_classement", 240)])


def _communes_page(page: Page) -> None:
    """The table of the communes (repeated when long)."""
    layout, y, inner = page.layout, page.y, page.inner
    page.header()
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


def _cover_page(page: Page) -> None:
    """The cover: a red band with the title, the cover table and a footer."""
    layout, y, inner = page.layout, page.y, page.inner
    band = QgsLayoutItemShape(layout)
    band.setId("bandeau_couverture")
    band.setSymbol(QgsFillSymbol.createSimple({"color": RED.name(), "outline_style": "no"}))
    layout.addLayoutItem(band)
    _place(band, (0, y, WIDTH, 110))
    subtitle = (
        "Rapport relatif à l'artificialisation des sols (art. R. 2231-1 du CGCT)"
        if page.model == "rapport_triennal"
        else 'Artificialisation et imperméabilisation des sols — [% "millesimes" %]'
    )
    # white on the band: id, text, top and height (mm), font size, bold
    for item_id, text, top, height, size, bold in (
        ("surtitre", "PORTRAIT DE TERRITOIRE", 40, 10, 12, True),
        ("titre", '[% "nom" %]', 52, 30, 30, True),
        ("sous_titre", subtitle, 84, 10, 13, False),
    ):
        rect = (MARGIN, y + top, inner, height)
        _label(layout, item_id, text, rect, size=size, bold=bold, colour="#ffffff")
    blocks.make(
        layout,
        "couverture",
        "couverture",
        [("", 52, False), ("", inner - 52, False)],
        (MARGIN, y + 125, inner, 140),
        size=10,
        first_column=True,
    )
    _footer(layout, "pied_couverture", y)


BUILDERS = {
    "couverture": _cover_page,
    "cadre": _frame_page,
    "chiffres": _key_figures,
    "carte": _map_page,
    "graphiques": _charts_page,
    "occupation": _land_page,
    "changements": _changes_page,
    "classement": _ranking_page,
    "consommation": _consumption_page,
    "trajectoire": _trajectory_page,
    "communes": _communes_page,
    "methode": _method_page,
}


def default_layout(project, model: str = "portrait") -> QgsPrintLayout:
    """The default template of ``model`` (:data:`MODELS`), built in code: A4 portrait, one page per
    section, in the model's order, items named by id."""
    pages = MODELS[model]
    chart_item.register()
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("Portrait de territoire")
    size = QgsLayoutSize(WIDTH, HEIGHT, QgsUnitTypes.LayoutUnit.LayoutMillimeters)
    layout.pageCollection().page(0).setPageSize(size)
    for _ in pages[1:]:
        blocks.add_page(layout, size)
    layout.pageCollection().reflow()
    for index, name in enumerate(pages):
        BUILDERS[name](Page(layout, name, index, model))
    return layout


def write_default_template(path: Path | None = None, model: str = "portrait") -> None:
    """Save the default layout of ``model`` as its shipped template (``layout.TEMPLATES``; run
    when the layout code changes)."""
    from qgis.core import QgsProject

    project = QgsProject()
    layout = default_layout(project, model)
    layout.saveAsTemplate(str(path or TEMPLATES[model]), QgsReadWriteContext())
