"""The portrait's text tables (cover, key figures, communes, method note): attribute tables of
the layout over the table ``lignes`` of the atlas GeoPackage, each filtered on its block and on
the atlas feature.

QGIS draws them itself on every version (3.22 to 3.44; HTML labels need QtWebKit, which Debian's
QGIS 3.40 and 3.44 lack), their text stays text in the PDF, a long table flows from frame to
frame (the commune table over several pages), and each stays editable in the layout designer
(fonts, colours, column widths)."""

from __future__ import annotations

from qgis.core import (
    QgsFields,
    QgsLayoutFrame,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemPage,
    QgsLayoutMultiFrame,
    QgsLayoutObject,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLayoutTableStyle,
    QgsProperty,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF, Qt, QVariant
from qgis.PyQt.QtGui import QColor, QFont

from ..core import compat

__all__ = [
    "COLUMNS",
    "LAYER_NAME",
    "TABLE",
    "add_frame",
    "add_page",
    "bind",
    "exclude_when",
    "fields",
    "make",
    "narrow",
]

COLUMNS = 9  # c1 … c9: the widest block (the commune table)
TABLE = "lignes"  # the layer of the atlas GeoPackage holding every block's rows
LAYER_NAME = "Tableaux du portrait"
FONT = "DejaVu Sans"
HEAD, FIRST, GRID = "#f3d5d8", "#f7f7f7", "#dddddd"


def fields() -> QgsFields:
    """territoire (the atlas feature's code), bloc, rang, c1 … c9 (text as printed)."""
    result = QgsFields()
    result.append(compat.field("territoire", QVariant.Type.String))
    result.append(compat.field("bloc", QVariant.Type.String))
    result.append(compat.field("rang", QVariant.Type.Int))
    for index in range(1, COLUMNS + 1):
        result.append(compat.field(f"c{index}", QVariant.Type.String))
    return result


def feature_filter(block: str) -> str:
    """The rows of ``block`` for the current atlas feature."""
    return f"\"bloc\" = '{block}' AND \"territoire\" = attribute(@atlas_feature, 'code')"


def _text_format(size: float, bold: bool = False, colour: str = "#222222") -> QgsTextFormat:
    font = QFont(FONT)
    font.setBold(bold)
    text = QgsTextFormat()
    text.setFont(font)
    text.setSize(size)
    text.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    text.setColor(QColor(colour))
    return text


def _style(colour: str) -> QgsLayoutTableStyle:
    style = QgsLayoutTableStyle()
    style.enabled = True
    style.cellBackgroundColor = QColor(colour)
    return style


def make(
    layout,
    item_id: str,
    block: str,
    columns: list[tuple[str, float, bool]],
    rect,
    size: float = 9,
    headings: bool = False,
    first_row: bool = False,
    first_column: bool = False,
) -> QgsLayoutFrame:
    """An attribute table of ``block`` in a frame at ``rect`` (x, y, width, height in mm, from
    the top of the layout). ``columns``: (heading, width in mm or 0 for the rest, right-aligned)
    for c1, c2…; ``headings`` shows them (on every frame); ``first_row`` / ``first_column`` tint
    a row or column of headings written as data (the millésimes of the key figures)."""
    table = QgsLayoutItemAttributeTable.create(layout)
    table.setFilterFeatures(True)
    table.setFeatureFilter(feature_filter(block))
    table.setMaximumNumberOfFeatures(100000)
    table.setDisplayOnlyVisibleFeatures(False)
    table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.UseExistingFrames)
    table.setHeaderMode(
        QgsLayoutTable.HeaderMode.AllFrames if headings else QgsLayoutTable.HeaderMode.NoHeaders
    )
    table.setEmptyTableBehavior(QgsLayoutTable.EmptyTableMode.HideTable)
    table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
    table.setContentTextFormat(_text_format(size))
    table.setHeaderTextFormat(_text_format(size, bold=True))
    margin = 1.2 if size < 8 else 1.6
    table.setCellMargin(margin)
    table.setShowGrid(True)
    table.setVerticalGrid(False)
    table.setHorizontalGrid(True)
    table.setGridColor(QColor(GRID))
    table.setGridStrokeWidth(0.2)
    table.setBackgroundColor(QColor("#ffffff"))
    if headings:
        table.setCellStyle(QgsLayoutTable.CellStyleGroup.HeaderRow, _style(HEAD))
    if first_row:
        table.setCellStyle(QgsLayoutTable.CellStyleGroup.FirstRow, _style(HEAD))
    if first_column:
        table.setCellStyle(QgsLayoutTable.CellStyleGroup.FirstColumn, _style(FIRST))
    table.setColumns(_columns(columns, 2 * margin + 0.2))
    order = QgsLayoutTableColumn()
    order.setAttribute("rang")
    order.setSortOrder(Qt.SortOrder.AscendingOrder)
    table.setSortColumns([order])
    layout.addMultiFrame(table)
    return add_frame(layout, table, item_id, rect)


def _columns(columns, padding: float) -> list:
    """The table's columns; ``padding``: what QGIS adds to a column's width (cell margins, grid
    line)."""
    result = []
    for index, (heading, width, right) in enumerate(columns, start=1):
        column = QgsLayoutTableColumn(heading)
        column.setAttribute(f"c{index}")
        column.setWidth(max(width - padding, 1))
        column.setHAlignment(Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
        column.setVAlignment(Qt.AlignmentFlag.AlignTop)
        result.append(column)
    return result


def add_frame(layout, table, item_id: str, rect) -> QgsLayoutFrame:
    """A frame of ``table`` at ``rect``; its page is left out of the PDF when the frame has
    nothing to show."""
    frame = QgsLayoutFrame(layout, table)
    frame.setId(item_id)
    frame.setHidePageIfEmpty(True)
    frame.setHideBackgroundIfEmpty(True)
    frame.attemptSetSceneRect(QRectF(*rect))
    table.addFrame(frame)
    return frame


def portrait_tables(layout) -> list[QgsLayoutItemAttributeTable]:
    """The layout's attribute tables over the portrait's rows (their filter names a block)."""
    return [
        m
        for m in layout.multiFrames()
        if isinstance(m, QgsLayoutItemAttributeTable) and '"bloc"' in m.featureFilter()
    ]


def narrow(layout, code) -> None:
    """Let the tables read only the rows of the territory ``code`` (None: all rows again), by a
    subset of their layer that the provider runs in SQL. A table evaluates its filter on every
    row it reads: over the whole table, an atlas of n territories would read n × n territories'
    rows."""
    tables = portrait_tables(layout)
    subset = "" if code is None else "\"territoire\" = '{}'".format(str(code).replace("'", "''"))
    for layer in {
        id(t.vectorLayer()): t.vectorLayer() for t in tables if t.vectorLayer() is not None
    }.values():
        layer.setSubsetString(subset)
    for table in tables:
        table.refreshAttributes()


def bind(layout, lines: QgsVectorLayer) -> None:
    """Point the template's tables at this run's rows (their columns and styles kept as the
    template has them)."""
    for table in portrait_tables(layout):
        columns, order = table.columns(), table.sortColumns()
        table.setVectorLayer(lines)  # resets the columns to the layer's fields
        table.setColumns(columns)
        table.setSortColumns(order)
        table.refreshAttributes()


def add_page(layout, size, at: int | None = None) -> QgsLayoutItemPage:
    """A new page of ``size`` (a ``QgsLayoutSize``) in ``layout``: inserted at index ``at``, else
    added at the end."""
    page = QgsLayoutItemPage(layout)
    page.setPageSize(size)
    if at is None:
        layout.pageCollection().addPage(page)
    else:
        layout.pageCollection().insertPage(page, at)
    return page


def exclude_when(item, expression: str) -> None:
    """Leave ``item`` (a page or an item) out of the export for the atlas features where
    ``expression`` is true."""
    item.dataDefinedProperties().setProperty(
        QgsLayoutObject.DataDefinedProperty.ExcludeFromExports,
        QgsProperty.fromExpression(expression),
    )
