"""The layout's text without ligatures: « artificialisation » found as typed in every PDF.

Qt shapes text with HarfBuzz, which joins « fi » into one glyph (« ﬁ », U+FB01): a reader
searching the PDF for « artificialisation » does not find it. Two settings stop it:
``QFont.PreferNoShaping`` (Qt 5.15; not kept in a project or template, set again when a layout
is built or read, :func:`without_ligatures`) and a letter spacing other than zero (Qt leaves
ligatures out then). The spacing, :data:`SPACING` (1/32 pt: invisible, the smallest step Qt keeps
above zero at 300 dpi), is written in a text format's ``fontLetterSpacing``, so it stays in a saved
project: tables and scale bars on every QGIS, labels from 3.24, legends from 3.30, even opened
without the plugin."""

from __future__ import annotations

from qgis.core import QgsLayoutItemAttributeTable, QgsLayoutItemScaleBar
from qgis.PyQt.QtGui import QFont

from ..core import compat

__all__ = [
    "SPACING",
    "unligated",
    "without_ligatures",
]

SPACING = 1 / 32  # points (a text format's unit); a power of two: exact in Qt's fixed point


def unligated(font: QFont) -> QFont:
    """``font`` drawn letter by letter: no shaping, and a letter spacing above zero."""
    font.setStyleStrategy(
        QFont.StyleStrategy(font.styleStrategy() | QFont.StyleStrategy.PreferNoShaping)
    )
    if font.letterSpacing() == 0:
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, SPACING)
    return font


def without_ligatures(layout) -> None:
    """Every label, table, legend and scale bar of ``layout`` in fonts without ligatures."""
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
