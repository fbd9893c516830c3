"""The charts' text written as text in the PDF.

Qt's SVG renderer draws an SVG's ``<text>`` as glyph outlines (its text layout carries a
text-outline format): the PDF gets hundreds of kilobytes of curves per chart page, which cost
most of the atlas' time to write, and no text a reader can search or copy. So every chart is
saved twice beside each other: ``x.svg`` (whole, what a picture item shows) and ``x.svg.json``
(its shapes without text, and the text runs). :func:`draw` draws the shapes with QSvgRenderer and
the text with QPainter, which the PDF keeps as text (DejaVu Sans embedded): the default
template's chart items (``chart_item``) in any export, and ``write_pdf`` for the picture items
of a user's template.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from qgis.PyQt.QtCore import QByteArray, QPointF, QRectF
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF
from qgis.PyQt.QtSvg import QSvgRenderer

__all__ = [
    "draw",
    "save",
    "split",
]

SIDECAR = ".json"
FAMILY = "DejaVu Sans"
_BASE = 100  # the font's pixel size; each run is scaled from it (a font's pixel size is an integer)
_VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')


def save(path: Path, svg: str, shapes: str, runs: list[dict]) -> str:
    """Write the chart ``svg`` at ``path`` and, beside it, its ``shapes`` (the same SVG without
    text) and its text ``runs`` ({x, y, text, size, anchor, bold, colour, rotate}); returns
    ``path``."""
    Path(path).write_text(svg, encoding="utf-8")
    Path(f"{path}{SIDECAR}").write_text(
        json.dumps({"shapes": shapes, "runs": runs}, ensure_ascii=False), encoding="utf-8"
    )
    return str(path)


def split(path: str) -> dict | None:
    """The shapes and text runs saved beside the chart ``path``, None for another picture."""
    if not path or not path.lower().endswith(".svg"):
        return None
    sidecar = Path(f"{path}{SIDECAR}")
    if not sidecar.is_file():
        return None
    return json.loads(sidecar.read_text(encoding="utf-8"))


def draw(painter, chart: dict, rect: QRectF) -> None:
    """Draw ``chart`` (from :func:`split`) into ``rect`` (device units) as a picture item in zoom
    mode anchored top left would: the drawing scaled to fit, its proportions kept."""
    found = _VIEWBOX.search(chart["shapes"])
    width, height = (
        (float(found.group(1)), float(found.group(2))) if found else (rect.width(), rect.height())
    )
    scale = min(rect.width() / width, rect.height() / height)
    painter.save()
    painter.translate(rect.topLeft())
    painter.scale(scale, scale)
    QSvgRenderer(QByteArray(chart["shapes"].encode("utf-8"))).render(
        painter, QRectF(0, 0, width, height)
    )
    for run in chart["runs"]:
        _text(painter, run)
    painter.restore()


def _text(painter, run: dict) -> None:
    font = QFont(FAMILY)
    font.setStyleStrategy(
        QFont.StyleStrategy.PreferNoShaping
    )  # no « ﬁ » ligature: the text is searchable
    font.setPixelSize(_BASE)
    font.setBold(bool(run.get("bold")))
    advance = QFontMetricsF(font).horizontalAdvance(run["text"])
    shift = {"middle": -advance / 2, "end": -advance}.get(run.get("anchor"), 0.0)
    painter.save()
    painter.translate(QPointF(run["x"], run["y"]))
    if run.get("rotate"):
        painter.rotate(run["rotate"])
    size = run["size"] / _BASE
    painter.scale(size, size)
    painter.setFont(font)
    painter.setPen(QColor(run.get("colour") or "#222222"))
    painter.drawText(QPointF(shift, 0.0), run["text"])
    painter.restore()
