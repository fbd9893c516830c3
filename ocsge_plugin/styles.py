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


def disagreement_renderer(field: str = "raison") -> QgsCategorizedSymbolRenderer:
    """Polygons where IGN and the recomputation disagree, by reason: the matrix or the thresholds."""
    return _categorized(
        field,
        [
            ("matrice", "#6a3d9a", tr("Matrix disagrees with IGN")),
            ("seuil", "#ff7f00", tr("Thresholds (seuils) disagree with IGN")),
        ],
    )


# Flows between millésimes (ocsge:flows): one colour per flow kind, combinations darker.
FLUX_COLOURS = {
    "artificialisation, impermeabilisation": "#a50f15",
    "artificialisation, desimpermeabilisation": "#fd8d3c",
    "artificialisation": "#fb6a4a",
    "desartificialisation, impermeabilisation": "#807dba",
    "desartificialisation, desimpermeabilisation": "#006d2c",
    "desartificialisation": "#41ab5d",
    "impermeabilisation": "#525252",
    "desimpermeabilisation": "#6baed6",
}


def flows_renderer(field: str = "flux") -> QgsCategorizedSymbolRenderer:
    """Pieces of land that changed between two millésimes, by flow kind (the ``flux`` text of
    ``computing.flows.flux_label``); pieces whose class changed without any flow in light grey."""
    categories = [(value, colour, value.capitalize()) for value, colour in FLUX_COLOURS.items()]
    return _categorized(field, categories + [(None, "#d9d9d9", tr("Change of class only (no flow)"))])


def only_one_renderer(field: str = "present") -> QgsCategorizedSymbolRenderer:
    """Areas covered by one millésime only (ocsge:flows overlay), coloured by the side they are on."""
    return _categorized(
        field,
        [("debut", "#fdbf6f", tr("Only in the début millésime")), ("fin", "#cab2d6", tr("Only in the fin millésime"))],
    )


def territory_renderer(field: str = "pourcent_artif", classes: int = 5):
    """Territory tables (ocsge:aggregate, ocsge:rollup): graduated reds on a percentage (0–100 %),
    fixed class bounds so that maps of different territories compare."""
    from qgis.core import QgsGraduatedSymbolRenderer, QgsRendererRange

    bounds = [0.0, 2.0, 5.0, 10.0, 20.0, 40.0, 100.0][: classes + 2]
    colours = ["#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15"]
    ranges = []
    for index, (low, high) in enumerate(zip(bounds, bounds[1:])):
        symbol = _fill(colours[min(index, len(colours) - 1)], "#636363", 0.2)
        ranges.append(QgsRendererRange(low, high, symbol, f"{low:g} – {high:g} %"))
    return QgsGraduatedSymbolRenderer(field, ranges)
