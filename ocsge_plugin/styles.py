"""Styles of the plugin's layers, built from the nomenclature (official colours, French labels)."""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from .i18n import tr
from .nomenclature import couverture, couverture_leaves, usage, usage_leaves


def _fill(colour: str, outline: str = "#5a5a5a", width: float = 0.06) -> QgsFillSymbol:
    return QgsFillSymbol.createSimple(
        {"color": QColor(colour).name(), "outline_color": outline, "outline_width": str(width), "outline_width_unit": "MM"}
    )


def _categorized(field: str, categories: list[tuple[object, str, str]]) -> QgsCategorizedSymbolRenderer:
    renderer = QgsCategorizedSymbolRenderer(field, [])
    for value, colour, label in categories:
        renderer.addCategory(QgsRendererCategory(value, _fill(colour), label))
    return renderer


def couverture_renderer(field: str = "code_cs") -> QgsCategorizedSymbolRenderer:
    """Official couverture palette, one class per leaf code, labelled ``CS1.1.1.1 Zones bâties``."""
    entries = couverture()
    cats = [(code, entries[code].couleur, f"{code} {entries[code].libelle_court}") for code in couverture_leaves()]
    return _categorized(field, cats + [(None, "#ffffff", tr("Unknown code"))])


def usage_renderer(field: str = "code_us") -> QgsCategorizedSymbolRenderer:
    entries = usage()
    cats = [(code, entries[code].couleur, f"{code} {entries[code].libelle_court}") for code in usage_leaves()]
    return _categorized(field, cats + [(None, "#ffffff", tr("Unknown code"))])


def boolean_renderer(field: str, true_label: str, false_label: str, true_colour: str, false_colour: str):
    return _categorized(
        field,
        [(True, true_colour, true_label), (False, false_colour, false_label), (None, "#d9d9d9", tr("Undetermined"))],
    )


def artif_renderer(field: str = "artif") -> QgsCategorizedSymbolRenderer:
    return boolean_renderer(field, tr("Artificialised"), tr("Not artificialised"), "#e31a1c", "#b2df8a")


def ign_artif_renderer(field: str = "artif") -> QgsCategorizedSymbolRenderer:
    """IGN's artificialisation layer stores 'artif' / 'non artif' as text."""
    return _categorized(
        field, [("artif", "#e31a1c", tr("Artificialised")), ("non artif", "#b2df8a", tr("Not artificialised"))]
    )


def apply_style(layer: QgsVectorLayer, kind: str, palette: str = "couverture") -> None:
    """Style a layer the plugin produced or loaded, by its kind."""
    names = layer.fields().names()
    if kind in ("occupation", "difference") or (kind == "artif" and palette != "artif"):
        if palette == "usage":
            field = "code_us" if "code_us" in names else "us_fin"
            layer.setRenderer(usage_renderer(field))
        else:
            field = "code_cs" if "code_cs" in names else "cs_fin"
            layer.setRenderer(couverture_renderer(field))
    elif kind == "artif" and "artif" in names:
        layer.setRenderer(ign_artif_renderer())
    elif kind == "classified":
        layer.setRenderer(artif_renderer("artif"))
    elif kind == "zone_construite":
        layer.setRenderer(_single("#00000000", "#be0961", 0.4))
    layer.triggerRepaint()


def _single(colour: str, outline: str, width: float):
    from qgis.core import QgsSingleSymbolRenderer

    symbol = QgsFillSymbol.createSimple(
        {"color": colour, "outline_color": outline, "outline_width": str(width), "outline_width_unit": "MM"}
    )
    return QgsSingleSymbolRenderer(symbol)
