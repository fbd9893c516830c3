"""Styles of the plugin's layers, built from the nomenclature (official colours, French labels)."""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from ..core import compat
from ..core.i18n import tr
from ..domain.nomenclature import couverture, couverture_leaves, usage, usage_leaves

__all__ = [
    "add_net_flow_per_ha",
    "apply_style",
    "artif_renderer",
    "disagreement_renderer",
    "flows_renderer",
    "legend_title",
    "net_flow_renderer",
    "only_one_renderer",
    "published_aliases",
    "share_renderer",
    "style_published_table",
    "territory_renderer",
    "usage_renderer",
]


def _fill(colour: str, outline: str = "#5a5a5a", width: float = 0.06) -> QgsFillSymbol:
    return QgsFillSymbol.createSimple(
        {
            "color": QColor(colour).name(),
            "outline_color": outline,
            "outline_width": str(width),
            "outline_width_unit": "MM",
        }
    )


def _categorized(
    field: str, categories: list[tuple[object, str, str]]
) -> QgsCategorizedSymbolRenderer:
    renderer = QgsCategorizedSymbolRenderer(field, [])
    for value, colour, label in categories:
        renderer.addCategory(QgsRendererCategory(value, _fill(colour), label))
    return renderer


def couverture_renderer(field: str = "code_cs") -> QgsCategorizedSymbolRenderer:
    """Official couverture palette, one class per leaf code, labelled ``CS1.1.1.1 Zones bâties``."""
    return _palette(field, couverture(), couverture_leaves())


def usage_renderer(field: str = "code_us") -> QgsCategorizedSymbolRenderer:
    """Official usage palette, one class per leaf code, labelled ``US1.1 Agriculture``."""
    return _palette(field, usage(), usage_leaves())


def _palette(field: str, entries: dict, leaves) -> QgsCategorizedSymbolRenderer:
    """One class per leaf code in IGN's colour, then a white class for unknown codes."""
    cats = [
        (code, entries[code].couleur, f"{code} {entries[code].libelle_court}") for code in leaves
    ]
    return _categorized(field, cats + [(None, "#ffffff", tr("Unknown code"))])


def boolean_renderer(
    field: str, true_label: str, false_label: str, true_colour: str, false_colour: str
):
    return _categorized(
        field,
        [
            (True, true_colour, true_label),
            (False, false_colour, false_label),
            (None, "#d9d9d9", tr("Undetermined")),
        ],
    )


def artif_renderer(field: str = "artif") -> QgsCategorizedSymbolRenderer:
    return boolean_renderer(
        field, tr("Artificialised"), tr("Not artificialised"), "#e31a1c", "#b2df8a"
    )


def ign_artif_renderer(field: str = "artif") -> QgsCategorizedSymbolRenderer:
    """IGN's artificialisation layer stores 'artif' / 'non artif' as text."""
    return _categorized(
        field,
        [
            ("artif", "#e31a1c", tr("Artificialised")),
            ("non artif", "#b2df8a", tr("Not artificialised")),
        ],
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
    elif kind == "artif_diff":
        field = next(
            (name for name in names if name.lower() == "artificialisation"), "artificialisation"
        )
        layer.setRenderer(artif_change_renderer(field))
    layer.triggerRepaint()


def legend_title(kind: str, palette: str, millesimes) -> str:
    """What the colours of a loaded layer show, when its name does not say it: a difference layer is
    coloured by its couverture (or usage) at the end millésime."""
    if kind != "difference":
        return ""
    fin = millesimes[-1] if millesimes else ""
    text = (
        tr("colours: usage in {year}")
        if palette == "usage"
        else tr("colours: couverture in {year}")
    )
    return text.format(year=fin).strip()


def artif_change_renderer(field: str = "artificialisation") -> QgsCategorizedSymbolRenderer:
    """IGN's artificialisation difference (zan_evol_…): +1 artificialisation, -1
    désartificialisation."""
    return _categorized(
        field,
        [
            (1, FLUX_COLOURS["artificialisation"], tr("Artificialisation")),
            (-1, FLUX_COLOURS["desartificialisation"], tr("Désartificialisation")),
        ],
    )


def _single(colour: str, outline: str, width: float):
    from qgis.core import QgsSingleSymbolRenderer

    symbol = QgsFillSymbol.createSimple(
        {
            "color": colour,
            "outline_color": outline,
            "outline_width": str(width),
            "outline_width_unit": "MM",
        }
    )
    return QgsSingleSymbolRenderer(symbol)


def disagreement_renderer(field: str = "raison") -> QgsCategorizedSymbolRenderer:
    """Polygons where IGN and the recomputation disagree, by reason: the matrix or the
    thresholds."""
    matrix = ("matrice", "#6a3d9a", tr("Matrix disagrees with IGN"))
    thresholds = ("seuil", "#ff7f00", tr("Thresholds (seuils) disagree with IGN"))
    return _categorized(field, [matrix, thresholds])


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


# The ``flux`` values are plain ASCII (a published column); people read them with their accents.
FLUX_WORDS = {
    "artificialisation": "artificialisation",
    "desartificialisation": "désartificialisation",
    "impermeabilisation": "imperméabilisation",
    "desimpermeabilisation": "désimperméabilisation",
}


def flux_label(value: str) -> str:
    """« Artificialisation, imperméabilisation » for the value ``artificialisation,
    impermeabilisation``."""
    text = ", ".join(FLUX_WORDS.get(word.strip(), word.strip()) for word in value.split(","))
    return text[:1].upper() + text[1:]


def flows_renderer(field: str = "flux") -> QgsCategorizedSymbolRenderer:
    """Pieces of land that changed between two millésimes, by flow kind (the ``flux`` text of
    ``computing.pieces.flux_label``); pieces whose class changed without any flow in light grey."""
    categories = [(value, colour, flux_label(value)) for value, colour in FLUX_COLOURS.items()]
    return _categorized(
        field, categories + [(None, "#d9d9d9", tr("Change of class only (no flow)"))]
    )


def only_one_renderer(field: str = "present") -> QgsCategorizedSymbolRenderer:
    """Areas covered by one millésime only (ocsge:flows overlay), coloured by the side they are
    on."""
    return _categorized(
        field,
        [
            ("debut", "#fdbf6f", tr("Only in the début millésime")),
            ("fin", "#cab2d6", tr("Only in the fin millésime")),
        ],
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


# ------------------------------------------------------------------ published tables in QGIS


def published_aliases(dataset: str, unit: str = "ha") -> dict[str, str]:
    """French aliases, with their unit, of the columns of the published tables
    ``<dataset>_<level>`` (and of the coverage table)."""
    u = "ha" if unit == "ha" else "m²"
    if dataset == "artif":
        words = (
            tr("Share artificialised (%)"),
            tr("Artificialised surface ({unit})"),
            tr("Artificialisation ({unit})"),
            tr("Désartificialisation ({unit})"),
            tr("Net artificialisation ({unit})"),
        )
    else:
        words = (
            tr("Share impermeable (%)"),
            tr("Impermeable surface ({unit})"),
            tr("Imperméabilisation ({unit})"),
            tr("Désimperméabilisation ({unit})"),
            tr("Net imperméabilisation ({unit})"),
        )
    d = dataset
    names = (f"pourcent_{d}", f"surface_{d}", f"flux_{d}", f"flux_des{d}", f"flux_{d}_net")
    aliases = {name: word.format(unit=u) for name, word in zip(names, words)}
    codes = {
        "commune_code": tr("Code commune (INSEE)"),
        "epci_code": tr("Code EPCI (SIREN)"),
        "scot_code": tr("Code SCoT"),
        "departement_code": tr("Code département"),
        "region_code": tr("Code région"),
    }
    aliases.update(codes)
    aliases.update(
        {
            "nom": tr("Name"),
            "millesime_debut": tr("Millésime (début)"),
            "millesime_fin": tr("Millésime (fin)"),
            "commune_surface": tr("Commune surface ({unit})").format(unit=u),
            f"flux_{d}_net_par_ha": net_flow_per_ha_title(dataset),
            # the coverage table
            "code": codes["departement_code"],
            "name": tr("Name"),
            "surface_km2": tr("Surface (km²)"),
            "percent_of_france": tr("Share of France (%)"),
            "has_ocsge": tr("Covered by OCS GE"),
        }
    )
    return aliases


def net_flow_per_ha_title(dataset: str) -> str:
    return (
        tr("Net artificialisation (m² per ha of territory)")
        if dataset == "artif"
        else tr("Net imperméabilisation (m² per ha of territory)")
    )


def net_flow_per_ha_expression(dataset: str, level: str) -> str:
    """The net flow per hectare of territory (m²/ha), from the published columns: the territory's
    area is ``commune_surface`` for communes, else ``surface ÷ pourcent`` (the share is of the
    full area)."""
    net, surface, share = f'"flux_{dataset}_net"', f'"surface_{dataset}"', f'"pourcent_{dataset}"'
    if level == "commune":
        return f'CASE WHEN "commune_surface" > 0 THEN 10000.0 * {net} / "commune_surface" END'
    return f"CASE WHEN {share} > 0 THEN 10000.0 * {net} * {share} / (100.0 * {surface}) END"


def style_published_table(
    layer: QgsVectorLayer, dataset: str, unit: str = "ha", decimals: int = 2
) -> None:
    """Aliases with units and a display of ``decimals`` decimals for every number (the file keeps
    its full precision: only what QGIS shows is rounded)."""
    from qgis.PyQt.QtCore import QVariant

    aliases = published_aliases(dataset, unit)
    for index, field in enumerate(layer.fields()):
        if field.name() in aliases:
            layer.setFieldAlias(index, aliases[field.name()])
        if field.type() == QVariant.Type.Double:
            show_decimals(layer, index, decimals)


def show_decimals(layer: QgsVectorLayer, index: int, decimals: int = 2) -> None:
    """Show the number field ``index`` with ``decimals`` decimals (attribute table, identify,
    forms)."""
    from qgis.core import QgsEditorWidgetSetup

    setup = {
        "Precision": decimals,
        "Min": -1e15,
        "Max": 1e15,
        "Step": 1.0,
        "Style": "SpinBox",
        "AllowNull": True,
    }
    layer.setEditorWidgetSetup(index, QgsEditorWidgetSetup("Range", setup))


def add_net_flow_per_ha(layer: QgsVectorLayer, dataset: str, level: str) -> str:
    """Add the net flow per hectare of territory as a virtual field (kept in the project); its
    name."""
    from qgis.PyQt.QtCore import QVariant

    name = f"flux_{dataset}_net_par_ha"
    if layer.fields().indexOf(name) < 0:
        layer.addExpressionField(
            net_flow_per_ha_expression(dataset, level), compat.field(name, QVariant.Type.Double)
        )
    index = layer.fields().indexOf(name)
    layer.setFieldAlias(index, net_flow_per_ha_title(dataset))
    show_decimals(layer, index)
    return name


def share_renderer(dataset: str):
    """Graduated share of the territory artificialised (reds) or impermeable (greys), fixed
    classes."""
    renderer = territory_renderer(f"pourcent_{dataset}")
    if dataset == "imper":
        greys = ["#f7f7f7", "#d9d9d9", "#bdbdbd", "#969696", "#636363", "#252525"]
        for index, _item in enumerate(renderer.ranges()):
            renderer.updateRangeSymbol(
                index, _fill(greys[min(index, len(greys) - 1)], "#636363", 0.2)
            )
    return renderer


# Net flow per hectare of territory (m²/ha over the period): a diverging ramp centred on 0, greens
# where land was given back (désartificialisation), reds where it was taken.
NET_FLOW_CLASSES = [
    (-1e12, -10.0, "#1a9641"),
    (-10.0, -1.0, "#a6d96a"),
    (-1.0, 1.0, "#f7f7f7"),
    (1.0, 10.0, "#fddbc7"),
    (10.0, 25.0, "#f4a582"),
    (25.0, 50.0, "#d6604d"),
    (50.0, 1e12, "#b2182b"),
]


def net_flow_renderer(field: str):
    """Graduated, diverging: net flow per hectare of territory (m²/ha), fixed classes around 0."""
    from qgis.core import QgsGraduatedSymbolRenderer, QgsRendererRange

    ranges = []
    for low, high, colour in NET_FLOW_CLASSES:
        if low < -1e11:
            label = tr("below {value:g} m²/ha").format(value=high)
        elif high > 1e11:
            label = tr("{value:g} m²/ha and more").format(value=low)
        else:
            label = f"{low:g} – {high:g} m²/ha"
        ranges.append(QgsRendererRange(low, high, _fill(colour, "#636363", 0.2), label))
    return QgsGraduatedSymbolRenderer(field, ranges)
