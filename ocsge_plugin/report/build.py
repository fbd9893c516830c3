"""Assemble a portrait: the atlas layer (one feature per territory, its texts and chart files as
fields), the map's layers, the layout from the template, the PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial
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

from ..core import compat
from ..core.errors import Canceled
from . import blocks, charts, class_charts, consumption_charts, content
from . import layout as layouts
from .consumption_content import Consumption, legal_frame, naf_figures, trajectory_rows
from .tables import LEVEL_LABELS, Tables

__all__ = [
    "NoTerritory",
    "Run",
    "atlas_layer",
    "choose",
    "ign_layers",
    "lines_layer",
    "make_layout",
    "map_crs",
    "map_layers",
]

SHARE_CLASSES = (
    (0, 5, "#fee5d9"),
    (5, 10, "#fcae91"),
    (10, 20, "#fb6a4a"),
    (20, 40, "#de2d26"),
    (40, 100.0001, "#a50f15"),
)
TEXT_FIELDS = (
    "code",
    "nom",
    "niveau",
    "titre",
    "millesimes",
    "pied",
    "source",
    "carte_titre",
    "note_chiffres",
    "communes_titre",
    "graph_stocks",
    "graph_flux",
    "graph_classement",
    "graph_couverture",
    "graph_usage",
    "graph_origine",
    "graph_transitions",
    "graph_conso",
    "graph_trajectoire",
    "note_conso",
    "note_trajectoire",
)
FRAME_SECTIONS = 4  # cadre_1 … cadre_4: the rapport triennal's legal frame (consumption_content)


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
    background: str = ""  # the name of the raster or WMS layer under the map, if any
    today: date = field(default_factory=date.today)


def map_crs(
    source_crs: QgsCoordinateReferenceSystem, departement: str | None
) -> QgsCoordinateReferenceSystem:
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


def _outlines(tables: Tables, chosen: list, crs) -> dict:
    """code → outline (in ``crs``) of the territories chosen, from the published layer of their
    level."""
    level = chosen[0].level
    outlines = QgsVectorLayer(
        f"{tables.folder / f'artif_{level}.gpkg'}|layername=artif_{level}", "outlines", "ogr"
    )
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
    return geometries


def atlas_layer(
    tables: Tables,
    chosen: list,
    run: Run,
    folder: Path,
    crs,
    progress,
    is_canceled,
    final: Path | None = None,
    consumption: Consumption | None = None,
) -> tuple[str, int]:
    """Write the charts and the atlas GeoPackage (territoires.gpkg: the layer ``territoires`` and
    the table ``lignes`` of the text tables) in ``folder``; returns (uri, pages of the commune
    table at most). ``consumption``: the NAF consumption tables of the territories (their pages
    and legal frame), or None.

    The chart fields name the charts in ``final``, the folder ``folder`` becomes at the end of
    the run (see :func:`_final`)."""
    charts_dir = folder / "graphiques"
    kept = partial(_final, (final or folder) / "graphiques")

    charts_dir.mkdir(parents=True, exist_ok=True)
    geometries = _outlines(tables, chosen, crs)
    methode = content.method_note(run.method, run.convention)
    fields = _atlas_fields(len(methode))
    path = folder / "territoires.gpkg"
    writer = _atlas_writer(path, fields, crs)
    lines: list[tuple[str, str, list]] = []  # (territory, block, rows)
    rankings: dict[str, charts.Ranking] = {}  # one figure per group of communes ranked
    for index, territory in enumerate(chosen):
        if is_canceled():
            raise Canceled()
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
        communes_titre, communes_rows = (
            content.communes_table(communes) if territory.level != "commune" else ("", [])
        )
        figures = content.key_figures(territory, parents, len(communes))
        values = {
            **_texts(territory, run, figures["note"], communes_titre, len(communes_rows), methode),
            "graph_stocks": kept(charts.stocks(territory, charts_dir / f"{stem}_stocks.svg")),
            "graph_flux": kept(charts.flows(territory, charts_dir / f"{stem}_flux.svg")),
            "graph_classement": kept(
                rankings[key].save(highlight, charts_dir / f"{stem}_classement.svg")
            ),
            **{
                name: kept(path)
                for name, path in class_charts_of(tables, territory, charts_dir / stem).items()
            },
        }
        lines += _lines_of(territory, run, figures, communes_rows)
        if consumption is not None and consumption.row(territory) is not None:
            more, rows = _consumption_of(territory, parents, consumption, charts_dir / stem, kept)
            values.update(more)
            lines += rows
        feature = QgsFeature(fields)
        for name, value in values.items():
            feature[name] = value
        if territory.code in geometries:
            feature.setGeometry(geometries[territory.code])
        if not writer.addFeature(feature):
            raise OSError(writer.errorMessage() or str(path))
        progress(index + 1, len(chosen))
    del writer
    _write_lines(path, lines, crs)
    return f"{path}|layername=territoires", _pages_needed(tables, chosen)


def _pages_needed(tables: Tables, chosen: list) -> int:
    """The pages of the commune table, and one more where a template's frame holds fewer rows (left
    out when empty): the most any territory chosen needs."""
    return max(
        (
            -(-len(tables.communes_of(t)) // layouts.ROWS_PER_PAGE) + 1
            for t in chosen
            if t.level != "commune"
        ),
        default=0,
    )


def _atlas_fields(sections: int) -> QgsFields:
    """The fields of the atlas layer: the texts, ``nb_communes`` (rows of the commune table, none
    for a commune) and one ``methode_<n>`` per section of the method note."""
    fields = QgsFields()
    for name in TEXT_FIELDS:
        fields.append(compat.field(name, QVariant.Type.String))
    fields.append(compat.field("nb_communes", QVariant.Type.Int))
    for index in range(1, sections + 1):
        fields.append(compat.field(f"methode_{index}", QVariant.Type.String))
    for index in range(1, FRAME_SECTIONS + 1):
        fields.append(compat.field(f"cadre_{index}", QVariant.Type.String))
    return fields


def _consumption_of(territory, parents: list, data: Consumption, stem: Path, kept) -> tuple:
    """The atlas fields (charts, notes, legal frame) and the text tables (``conso``,
    ``conso_comparaison``, ``trajectoire_chiffres``) of ``territory``'s NAF consumption."""
    row, series = data.row(territory), data.series(territory)
    naf = naf_figures(territory, parents, data)
    trajectory, note = trajectory_rows(territory, data)
    values = {
        "graph_conso": kept(consumption_charts.annual(series, Path(f"{stem}_conso.svg"))),
        "graph_trajectoire": kept(
            consumption_charts.trajectory(row, series, Path(f"{stem}_trajectoire.svg"))
        ),
        "note_conso": naf["note"],
        "note_trajectoire": note,
        **{
            f"cadre_{index}": text
            for index, (_heading, text) in enumerate(legal_frame(territory, data), start=1)
        },
    }
    lines = [
        (territory.code, "conso", naf["conso"]),
        (territory.code, "conso_comparaison", naf["conso_comparaison"]),
        (territory.code, "trajectoire_chiffres", trajectory),
    ]
    return values, lines


def _atlas_writer(path: Path, fields: QgsFields, crs) -> QgsVectorFileWriter:
    """A new GeoPackage at ``path`` with the layer ``territoires`` (MultiPolygon in ``crs``)."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "territoires"
    options.fileEncoding = "UTF-8"
    return _opened(
        QgsVectorFileWriter.create(
            str(path),
            fields,
            QgsWkbTypes.Type.MultiPolygon,
            crs,
            QgsCoordinateTransformContext(),
            options,
        ),
        path,
    )


def _texts(
    territory, run: Run, note: str, communes_titre: str, communes: int, methode: list
) -> dict:
    """The atlas feature's texts for ``territory``: name, titles, footers, source, map title, the
    key figures' note, the commune table's title and rows, the method note's sections."""
    years = content.millesimes(territory)
    today = run.today.strftime("%d/%m/%Y")
    return {
        "code": territory.code,
        "nom": territory.nom,
        "niveau": LEVEL_LABELS[territory.level],
        "titre": f"{territory.label()} — OCS GE {years}",
        "millesimes": years,
        "pied": f"Portrait de territoire — {territory.nom} — Source : IGN, OCS GE "
        f"{years} ; "
        f"traitement extension QGIS OCS GE, {today}",
        "source": f"Source : IGN, OCS GE {years} ; limites communales "
        ": couche fournie"
        f"{f' ; fond de carte : {run.background}' if run.background else ''}. "
        f"Traitement : extension QGIS OCS GE, {today}.",
        "carte_titre": (
            f"Surface artificialisée en {territory.fin or ''} et flux {years} (couches de l'IGN)"
            if run.ign_map
            else f"Part artificialisée des communes en {territory.fin or ''}"
        ),
        "note_chiffres": note,
        "communes_titre": communes_titre,
        "nb_communes": communes,
        **{f"methode_{index}": text for index, (_heading, text) in enumerate(methode, start=1)},
    }


def _lines_of(territory, run: Run, figures: dict, communes_rows: list) -> list:
    """(territory, block, rows) of the text tables of ``territory``: cover, figures, communes."""
    return [
        (
            territory.code,
            "couverture",
            content.cover(
                territory, run.method, run.convention, run.deliveries, run.layers, run.today
            ),
        ),
        *((territory.code, block, figures[block]) for block in ("stocks", "flux", "comparaison")),
        (territory.code, "communes", communes_rows),
    ]


def _final(charts_dir: Path, path: str) -> str:
    """The chart ``path`` (written in the work folder) as it will be in ``charts_dir``: the
    layout kept in the project, edited and exported again from the designer, finds its charts
    there (``layout.write_pdf`` reads them in the work folder meanwhile)."""
    return str(charts_dir / Path(path).name) if path else path


def _write_lines(path: Path, lines: list, crs) -> None:
    """The table ``lignes`` of the GeoPackage: one row per cell row of each territory's blocks."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = blocks.TABLE
    options.fileEncoding = "UTF-8"
    options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
    fields = blocks.fields()
    writer = _opened(
        QgsVectorFileWriter.create(
            str(path),
            fields,
            QgsWkbTypes.Type.NoGeometry,
            crs,
            QgsCoordinateTransformContext(),
            options,
        ),
        path,
    )
    for code, block, rows in lines:
        for rank, row in enumerate(rows):
            feature = QgsFeature(fields)
            feature.setAttributes([code, block, rank, *row, *[None] * (blocks.COLUMNS - len(row))])
            if not writer.addFeature(feature):
                raise OSError(writer.errorMessage() or str(path))
    del writer


def _opened(writer: QgsVectorFileWriter, path: Path) -> QgsVectorFileWriter:
    """``writer``, or OSError with QGIS's message when the file could not be made (a full disk…)."""
    if writer is None or writer.hasError() != QgsVectorFileWriter.WriterError.NoError:
        raise OSError(writer.errorMessage() if writer is not None else str(path))
    return writer


def lines_layer(coverage_uri: str) -> QgsVectorLayer:
    """The table of the text tables beside the atlas layer ``coverage_uri`` (same GeoPackage)."""
    return QgsVectorLayer(
        coverage_uri.replace("layername=territoires", f"layername={blocks.TABLE}"),
        blocks.LAYER_NAME,
        "ogr",
    )


def class_charts_of(tables: Tables, territory, stem: Path) -> dict[str, str]:
    """The charts by class of the nomenclature (fields graph_couverture, graph_usage, graph_origine,
    graph_transitions), from the per-class tables of the territory."""
    found = tables.classes(territory)
    debut, fin = territory.debut, territory.fin
    return {
        "graph_couverture": class_charts.stock_by_class(
            "couverture", found.couverture, debut, fin, Path(f"{stem}_couverture.svg")
        ),
        "graph_usage": class_charts.stock_by_class(
            "usage", found.usage, debut, fin, Path(f"{stem}_usage.svg")
        ),
        "graph_origine": class_charts.origin(
            found.origin, territory.get("flux_artif"), debut, fin, Path(f"{stem}_origine.svg")
        ),
        "graph_transitions": class_charts.transition_matrix(
            found.transitions, debut, fin, Path(f"{stem}_transitions.svg")
        ),
    }


def ign_layers(paths: list[str], fin, is_canceled) -> tuple[str | None, str | None]:
    """The URIs of IGN's artificialisation layer at the millésime ``fin`` and of its
    artificialisation difference layer in the deliveries, when they hold them (else None): drawn
    on the map as IGN ships them. Layers extracted from an archive are read from their kept copy
    (``keeping.keep``, as ocsge:load does), not from the cache: the project that keeps the
    portrait opens again after the cache is emptied."""
    from ..storage.keeping import keep, without_kept_copies
    from ..storage.reading import open_delivery

    artif = flows = None
    for path in paths:
        delivery = open_delivery(
            path, ("artif", "artif_diff"), is_canceled=is_canceled, check=False
        )
        archives = [Path(archive) for archive, _reused in delivery.extracted]
        for found in without_kept_copies(delivery):
            if (
                not found.millesimes
                or found.millesimes[-1] != fin
                or found.kind not in ("artif", "artif_diff")
            ):
                continue
            if found.kind == "artif" and artif is None:
                artif = keep(found, archives).uri
            elif found.kind == "artif_diff" and flows is None:
                flows = keep(found, archives).uri
    return artif, flows


def _rules(layer: QgsVectorLayer, rules: list[tuple[str, str, str]]) -> None:
    """A rule-based renderer of (filter, fill colour, label), nothing drawn elsewhere."""
    root = QgsRuleBasedRenderer.Rule(None)
    for expression, colour, label in rules:
        symbol = QgsFillSymbol.createSimple({"color": colour, "outline_style": "no"})
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, filterExp=expression, label=label))
    layer.setRenderer(QgsRuleBasedRenderer(root))


def map_layers(
    tables: Tables,
    coverage: QgsVectorLayer,
    background: QgsVectorLayer | None,
    year,
    artif: str | None = None,
    flows: str | None = None,
    debut=None,
    raster=None,
) -> tuple[list, list]:
    """The map's layers, top first, and those of the legend: the territory outline, IGN's flows
    and artificialised surface when the deliveries hold them (else the communes by artificialised
    share), the communes as a neutral background, the user's ``raster`` (or WMS) layer under
    everything (then the communes are outlines only, the shares translucent)."""
    outline = QgsRuleBasedRenderer.Rule(None)
    current = QgsRuleBasedRenderer.Rule(
        QgsFillSymbol.createSimple(
            {"style": "no", "outline_color": "#111111", "outline_width": "0.8"}
        ),
        filterExp="@atlas_featureid = $id",
        label="Territoire du portrait",
    )
    outline.appendChild(current)
    coverage.setRenderer(QgsRuleBasedRenderer(outline))
    coverage.setName("Territoire du portrait")
    if artif or flows:
        layers = [coverage]
        if flows:
            changes = QgsVectorLayer(flows, f"Flux {debut or ''}–{year or ''}", "ogr")
            changes.setSubsetString('"artificialisation" IN (1, -1)')  # read only what is drawn
            _rules(
                changes,
                [
                    ('"artificialisation" = 1', "#e31a1c", "Artificialisation"),
                    ('"artificialisation" = -1', "#33a02c", "Désartificialisation"),
                ],
            )
            layers.append(changes)
        if artif:
            state = QgsVectorLayer(artif, f"Surface artificialisée {year or ''}", "ogr")
            state.setSubsetString("lower(\"artif\") = 'artif'")
            _rules(state, [("lower(\"artif\") = 'artif'", "#8c8c8c", "Artificialisé (IGN)")])
            layers.append(state)
        legend = list(layers)
        _background(layers, background, "#f4f4f2", "#9e9e9e", "0.2", raster)
        return layers, legend
    shares = QgsVectorLayer(
        f"{tables.folder / 'artif_commune.gpkg'}|layername=artif_commune",
        f"Part artificialisée {year or ''} (%)",
        "ogr",
    )
    ranges = []
    for low, high, colour in SHARE_CLASSES:
        label = (
            f"moins de {low + 5:g} %"
            if low == 0
            else (f"{low:g} % et plus" if high > 100 else f"{low:g} à {high:g} %")
        )
        symbol = QgsFillSymbol.createSimple(
            {"color": colour, "outline_color": "#ffffff", "outline_width": "0.15"}
        )
        ranges.append(QgsRendererRange(low, high, symbol, label.replace(".", ",")))
    shares.setRenderer(QgsGraduatedSymbolRenderer("pourcent_artif", ranges))
    if raster is not None:
        shares.setOpacity(0.7)
    layers, legend = [coverage, shares], [coverage, shares]
    _background(layers, background, "#f0f0f0", "#bdbdbd", "0.15", raster)
    return layers, legend


def _background(
    layers: list, communes: QgsVectorLayer | None, fill: str, outline: str, width: str, raster
) -> None:
    """Append the communes (a neutral fill, or outlines only over a raster) and the raster to
    ``layers``."""
    if communes is not None and communes.isValid():
        style = {"color": fill, "outline_color": outline, "outline_width": width}
        if raster is not None:
            style.update({"style": "no", "outline_color": "#555555"})
        communes.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(style)))
        communes.setName("Communes")
        layers.append(communes)
    if raster is not None:
        layers.append(raster)


def make_layout(
    project: QgsProject,
    template: str | None,
    coverage: QgsVectorLayer,
    lines: QgsVectorLayer,
    layers,
    legend,
    crs,
    pages_communes: int,
):
    """The layout from ``template`` (the default one when None), bound to this run's atlas, text
    tables and map layers."""
    layout = layouts.load_template(project, template or layouts.TEMPLATE)
    layouts.repeat_communes_page(layout, pages_communes)
    layouts.bind(
        layout,
        coverage,
        lines,
        layers,
        legend,
        crs,
        clipped=[layer for layer in layers if layer.name().startswith("Flux ")],
    )
    return layout
