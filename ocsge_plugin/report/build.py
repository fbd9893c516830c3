"""Assemble a portrait: the atlas layer (one feature per territory, its texts and chart files as fields),
the map's layers, the layout from the template, the PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFields,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsProject,
    QgsRendererRange,
    QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import compat
from . import charts, class_charts, content, layout as layouts
from .tables import LEVEL_LABELS, Tables

SHARE_CLASSES = ((0, 5, "#fee5d9"), (5, 10, "#fcae91"), (10, 20, "#fb6a4a"), (20, 40, "#de2d26"), (40, 100.0001, "#a50f15"))
TEXT_FIELDS = ("code", "nom", "niveau", "titre", "millesimes", "pied", "source", "carte_titre", "couverture", "chiffres",
               "methode", "graph_stocks", "graph_flux", "graph_classement", "graph_couverture", "graph_usage", "graph_origine", "graph_transitions")


class NoTerritory(ValueError):
    """None of the codes asked is in the tables (the message names them)."""


@dataclass
class Run:
    """What the portrait says about how its numbers were made."""

    method: str
    convention: str
    deliveries: list[str] = field(default_factory=list)
    layers: list[str] = field(default_factory=list)
    ign_map: bool = False  # the map shows IGN's artificialisation layers
    today: date = field(default_factory=date.today)


def map_crs(source_crs: QgsCoordinateReferenceSystem, departement: str | None) -> QgsCoordinateReferenceSystem:
    """The commune layer's CRS when projected, else the département's legal projection."""
    if source_crs.isValid() and not source_crs.isGeographic():
        return source_crs
    legal = {"971": 5490, "972": 5490, "973": 2972, "974": 2975, "976": 4471}
    return QgsCoordinateReferenceSystem(f"EPSG:{legal.get(departement or '', 2154)}")


def choose(tables: Tables, level: str, codes: list[str]) -> list:
    """The territories of ``level`` to portray (all when ``codes`` is empty), ordered by name."""
    found = tables.levels.get(level, {})
    if codes:
        missing = [c for c in codes if c not in found]
        chosen = [found[c] for c in codes if c in found]
        if not chosen:
            raise NoTerritory(", ".join(missing))
    else:
        chosen = list(found.values())
    return sorted(chosen, key=lambda t: (t.nom, t.code))


def atlas_layer(tables: Tables, chosen: list, run: Run, folder: Path, crs, progress, is_canceled) -> tuple[str, int]:
    """Write the charts and the atlas GeoPackage (territories.gpkg) in ``folder``; returns (uri, pages of
    the commune table at most)."""
    charts_dir = folder / "graphiques"
    charts_dir.mkdir(parents=True, exist_ok=True)
    level = chosen[0].level
    outlines = QgsVectorLayer(f"{tables.folder / f'artif_{level}.gpkg'}|layername=artif_{level}", "outlines", "ogr")
    key = f"{level}_code"
    geometries = {}
    if outlines.isValid():
        transform = QgsCoordinateTransform(outlines.crs(), crs, QgsCoordinateTransformContext())
        wanted = {t.code for t in chosen}
        for feature in outlines.getFeatures():
            code = str(feature[key])
            if code in wanted and code not in geometries:
                geometry = feature.geometry()
                geometry.transform(transform)
                geometries[code] = geometry
    pages_needed = max((-(-len(tables.communes_of(t)) // content.ROWS_PER_PAGE) for t in chosen if t.level != "commune"), default=0)
    fields = QgsFields()
    for name in TEXT_FIELDS:
        fields.append(compat.field(name, QVariant.Type.String))
    for part in range(1, pages_needed + 1):
        fields.append(compat.field(f"communes_{part}", QVariant.Type.String))
    fields.append(compat.field("pages_communes", QVariant.Type.Int))
    path = folder / "territoires.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "territoires"
    options.fileEncoding = "UTF-8"
    writer = QgsVectorFileWriter.create(str(path), fields, QgsWkbTypes.Type.MultiPolygon, crs, QgsCoordinateTransformContext(), options)
    methode = content.method_note(run.method, run.convention)
    rankings: dict[str, charts.Ranking] = {}  # one figure per group of communes ranked
    for index, territory in enumerate(chosen):
        if is_canceled():
            raise layouts.Canceled()
        communes = tables.communes_of(territory)
        parents = tables.parents(territory)
        if territory.level == "commune":
            group, highlight = (parents[0] if parents else territory), territory.code
        else:
            group, highlight = territory, None
        key = f"{group.level}_{group.code}"
        if key not in rankings:
            rankings[key] = charts.Ranking(tables.communes_of(group))
        stem = f"{territory.level}_{territory.code}"
        tables_pages = content.communes_pages(communes) if territory.level != "commune" else []
        values = {
            "code": territory.code,
            "nom": territory.nom,
            "niveau": LEVEL_LABELS[territory.level],
            "titre": f"{territory.label()} — OCS GE {content.millesimes(territory)}",
            "millesimes": content.millesimes(territory),
            "pied": f"Portrait de territoire — {territory.nom} — Source : IGN, OCS GE {content.millesimes(territory)} ; "
                    f"traitement extension QGIS OCS GE, {run.today.strftime('%d/%m/%Y')}",
            "source": f"Source : IGN, OCS GE {content.millesimes(territory)} ; limites communales : couche fournie. "
                      f"Traitement : extension QGIS OCS GE, {run.today.strftime('%d/%m/%Y')}.",
            "carte_titre": (f"Surface artificialisée en {territory.fin or ''} et flux {content.millesimes(territory)} (couches de l'IGN)" if run.ign_map
                            else f"Part artificialisée des communes en {territory.fin or ''}"),
            "couverture": content.cover(territory, run.method, run.convention, run.deliveries, run.layers, run.today),
            "chiffres": content.key_figures(territory, parents, len(communes)),
            "methode": methode,
            "graph_stocks": charts.stocks(territory, charts_dir / f"{stem}_stocks.svg"),
            "graph_flux": charts.flows(territory, charts_dir / f"{stem}_flux.svg"),
            "graph_classement": rankings[key].save(highlight, charts_dir / f"{stem}_classement.svg"),
            **class_charts_of(tables, territory, charts_dir / stem),
            "pages_communes": len(tables_pages),
        }
        for part, html in enumerate(tables_pages, start=1):
            values[f"communes_{part}"] = html
        feature = QgsFeature(fields)
        for name, value in values.items():
            feature[name] = value
        if territory.code in geometries:
            feature.setGeometry(geometries[territory.code])
        writer.addFeature(feature)
        progress(index + 1, len(chosen))
    del writer
    return f"{path}|layername=territoires", pages_needed


def class_charts_of(tables: Tables, territory, stem: Path) -> dict[str, str]:
    """The charts by class of the nomenclature (fields graph_couverture, graph_usage, graph_origine,
    graph_transitions), from the per-class tables of the territory."""
    found = tables.classes(territory)
    debut, fin = territory.debut, territory.fin
    return {
        "graph_couverture": class_charts.stock_by_class("couverture", found.couverture, debut, fin, Path(f"{stem}_couverture.svg")),
        "graph_usage": class_charts.stock_by_class("usage", found.usage, debut, fin, Path(f"{stem}_usage.svg")),
        "graph_origine": class_charts.origin(found.origin, territory.get("flux_artif"), debut, fin, Path(f"{stem}_origine.svg")),
        "graph_transitions": class_charts.transition_matrix(found.transitions, debut, fin, Path(f"{stem}_transitions.svg")),
    }


def ign_layers(paths: list[str], fin, is_canceled) -> tuple[str | None, str | None]:
    """The URIs of IGN's artificialisation layer at the millésime ``fin`` and of its artificialisation
    difference layer in the deliveries, when they hold them (else None): drawn on the map as IGN ships them."""
    from ..keeping import without_kept_copies
    from ..reading import open_delivery

    artif = flows = None
    for path in paths:
        delivery = open_delivery(path, ("artif", "artif_diff"), is_canceled=is_canceled, check=False)
        for found in without_kept_copies(delivery):
            if found.kind == "artif" and found.millesimes and found.millesimes[-1] == fin:
                artif = artif or found.uri
            elif found.kind == "artif_diff" and found.millesimes and found.millesimes[-1] == fin:
                flows = flows or found.uri
    return artif, flows


def _rules(layer: QgsVectorLayer, rules: list[tuple[str, str, str]]) -> None:
    """A rule-based renderer of (filter, fill colour, label), nothing drawn elsewhere."""
    root = QgsRuleBasedRenderer.Rule(None)
    for expression, colour, label in rules:
        symbol = QgsFillSymbol.createSimple({"color": colour, "outline_style": "no"})
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, filterExp=expression, label=label))
    layer.setRenderer(QgsRuleBasedRenderer(root))


def map_layers(tables: Tables, coverage: QgsVectorLayer, background: QgsVectorLayer | None, year, artif: str | None = None, flows: str | None = None, debut=None) -> tuple[list, list]:
    """The map's layers, top first, and those of the legend: the territory outline, IGN's flows and
    artificialised surface when the deliveries hold them (else the communes by artificialised share), the
    communes as a neutral background."""
    outline = QgsRuleBasedRenderer.Rule(None)
    current = QgsRuleBasedRenderer.Rule(QgsFillSymbol.createSimple({"style": "no", "outline_color": "#111111", "outline_width": "0.8"}),
                                        filterExp="@atlas_featureid = $id", label="Territoire du portrait")
    outline.appendChild(current)
    coverage.setRenderer(QgsRuleBasedRenderer(outline))
    coverage.setName("Territoire du portrait")
    if artif or flows:
        layers = [coverage]
        if flows:
            changes = QgsVectorLayer(flows, f"Flux {debut or ''}–{year or ''}", "ogr")
            changes.setSubsetString('"artificialisation" IN (1, -1)')  # read only what is drawn
            _rules(changes, [('"artificialisation" = 1', "#e31a1c", "Artificialisation"), ('"artificialisation" = -1', "#33a02c", "Désartificialisation")])
            layers.append(changes)
        if artif:
            state = QgsVectorLayer(artif, f"Surface artificialisée {year or ''}", "ogr")
            state.setSubsetString("lower(\"artif\") = 'artif'")
            _rules(state, [("lower(\"artif\") = 'artif'", "#8c8c8c", "Artificialisé (IGN)")])
            layers.append(state)
        legend = list(layers)
        if background is not None and background.isValid():
            background.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({"color": "#f4f4f2", "outline_color": "#9e9e9e", "outline_width": "0.2"})))
            background.setName("Communes")
            layers.append(background)
        return layers, legend
    shares = QgsVectorLayer(f"{tables.folder / 'artif_commune.gpkg'}|layername=artif_commune", f"Part artificialisée {year or ''} (%)", "ogr")
    ranges = []
    for low, high, colour in SHARE_CLASSES:
        label = f"moins de {low + 5:g} %" if low == 0 else (f"{low:g} % et plus" if high > 100 else f"{low:g} à {high:g} %")
        symbol = QgsFillSymbol.createSimple({"color": colour, "outline_color": "#ffffff", "outline_width": "0.15"})
        ranges.append(QgsRendererRange(low, high, symbol, label.replace(".", ",")))
    shares.setRenderer(QgsGraduatedSymbolRenderer("pourcent_artif", ranges))
    layers, legend = [coverage, shares], [coverage, shares]
    if background is not None and background.isValid():
        background.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({"color": "#f0f0f0", "outline_color": "#bdbdbd", "outline_width": "0.15"})))
        background.setName("Communes")
        layers.append(background)
    return layers, legend


def make_layout(project: QgsProject, template: str | None, coverage: QgsVectorLayer, layers, legend, crs, pages_communes: int):
    """The layout from ``template`` (the default one when None), bound to this run's atlas and map layers."""
    layout = layouts.load_template(project, template or layouts.TEMPLATE)
    layouts.repeat_communes_page(layout, pages_communes)
    layouts.bind(layout, coverage, layers, legend, crs)
    return layout
