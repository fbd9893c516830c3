"""The published schema (data.gouv.fr exports, docs/domain.md §5) and the plugin's territory tables.

Public API
----------
``published_table(table, level, dataset, unit) -> DataFrame``
    ``artif_<level>`` / ``imper_<level>`` columns, in the published order (commune rows with
    ``departement_code, region_code, epci_code, scot_code, commune_surface``).
``wide_table(table, level, dataset, unit) -> DataFrame``: the "by index" layout
    (``millesimes_1, pourcent_artif_1, surface_artif_1, …, flux_surface_1_2, flux_percent_1_2``).
``coverage_table(departements) -> DataFrame``: "part du territoire couvert par l'OCS GE".
``quality_table(table, level, unit) -> DataFrame``: what the published tables cannot say, per
territory
    and pair of millésimes (``qualite_<level>``): undetermined surface and share, undetermined
    flows,
    polygons repaired, surface outside the data, what is unknown.
``simplify_coverage(geometries, tolerance) -> dict``: outlines simplified with shared boundaries
    simplified once (topology kept between neighbours).
``export_tables(levels, folder, …) -> ExportResult``: writes GeoPackage and CSV files atomically.
``table_fields / write_sink / read_table``: the plugin's own territory tables (``ocsge:aggregate``,
    ``ocsge:rollup``) to and from QGIS feature sinks and layers.

Units: the plugin's tables carry a ``unite`` column ('ha' or 'm2'); tables handed to the writers
here
are in m² (``read_table`` converts) and are converted once, on writing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from osgeo import gdal, ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
)
from qgis.PyQt.QtCore import QVariant

from ..computing.classify import suggest_projected_crs
from ..computing.rollup import commune_table, dissolve, rollup
from ..computing.table import LEVELS, NUMBER_COLUMNS, SURFACE_COLUMNS, TABLE_COLUMNS, UNITS, to_unit
from ..core import compat
from ..core.errors import Canceled, TerritoryError
from ..core.i18n import tr
from ..domain import nomenclature
from ..storage import postgis
from ..storage.files import OutputSet
from . import export_classes
from .spreadsheet import write_csv

gdal.UseExceptions()

DATASETS = ("artif", "imper")
PUBLISHED_LEVELS = LEVELS  # every level of the published schema, in order
# Simplification tolerance per level, in metres (as the national pipeline does).
TOLERANCES = {
    "commune": 50.0,
    "epci": 250.0,
    "scot": 250.0,
    "departement": 1500.0,
    "region": 1500.0,
}
FRANCE_KM2 = 641184.0

_STRING_COLUMNS = {
    "code",
    "nom",
    "millesime_debut",
    "millesime_fin",
    "unite",
    "epci_code",
    "departement_code",
    "region_code",
    "scot_code",
    "inconnu",
    "convention",
    "code_cs",
    "code_us",
    "cs_debut",
    "cs_fin",
    "us_debut",
}
_INT_COLUMNS = {"index_debut", "index_fin"}


# ------------------------------------------------------------------------- published schema


def _columns(level: str, dataset: str) -> list[str]:
    d = dataset
    cols = [
        f"{level}_code",
        "nom",
        f"pourcent_{d}",
        f"surface_{d}",
        f"flux_{d}",
        f"flux_des{d}",
        f"flux_{d}_net",
        "millesime_debut",
        "millesime_fin",
    ]
    if level == "commune":
        cols += ["departement_code", "region_code", "epci_code", "scot_code", "commune_surface"]
    return cols


def published_table(
    table: pd.DataFrame, level: str, dataset: str, unit: str = "ha"
) -> pd.DataFrame:
    """``table`` (the plugin's long table, m²) in the published schema of ``<dataset>_<level>``.

    Rows without a pair of millésimes (a single millésime) keep empty flows."""
    t = to_unit(table, unit)
    out = pd.DataFrame(index=t.index)
    out[f"{level}_code"] = t["code"].astype(str)
    out["nom"] = t["nom"].fillna("").astype(str)
    for name in (
        f"pourcent_{dataset}",
        f"surface_{dataset}",
        f"flux_{dataset}",
        f"flux_des{dataset}",
        f"flux_{dataset}_net",
    ):
        out[name] = t[name].astype(float)
    out["millesime_debut"] = t["millesime_debut"]
    out["millesime_fin"] = t["millesime_fin"]
    if level == "commune":
        for name in ("departement_code", "region_code", "epci_code", "scot_code"):
            out[name] = t[name] if name in t.columns else None
        out["commune_surface"] = t["surface"].astype(float)
    out.attrs["codes"] = list(t["code"].astype(str))
    return out[_columns(level, dataset)].reset_index(drop=True)


def quality_table(table: pd.DataFrame, level: str, unit: str = "ha") -> pd.DataFrame:
    """``qualite_<level>``: per territory and pair of millésimes, the territory surface, the
    undetermined stock (surface and % of the territory), the undetermined change pieces (surface and
    %
    of the territory), the polygons repaired, the surface outside the data (territory − covered;
    empty when the coverage was not
    computed) and ``inconnu`` (what the published row cannot tell: 'stock', 'flux', '… partiel')."""
    t = to_unit(table, unit)
    out = pd.DataFrame(index=t.index)
    out[f"{level}_code"] = t["code"].astype(str)
    out["nom"] = t["nom"].fillna("").astype(str)
    out["millesime_debut"] = t["millesime_debut"]
    out["millesime_fin"] = t["millesime_fin"]
    out["surface"] = t["surface"].astype(float)
    indet = t["surface_indeterminee"].astype(float)
    out["surface_indeterminee"] = indet
    out["pourcent_indetermine"] = np.where(
        out["surface"] > 0, 100.0 * indet / out["surface"].where(out["surface"] > 0), np.nan
    )
    flux_indet = t["flux_indetermine"].astype(float)
    out["flux_indetermine"] = flux_indet
    out["pourcent_flux_indetermine"] = np.where(
        out["surface"] > 0, 100.0 * flux_indet / out["surface"].where(out["surface"] > 0), np.nan
    )
    out["polygones_repares"] = t["polygones_repares"].astype(float)
    out["surface_hors_donnees"] = (out["surface"] - t["surface_couverte"].astype(float)).clip(
        lower=0.0
    )
    out["inconnu"] = t["inconnu"] if "inconnu" in t.columns else None
    out.attrs["codes"] = list(t["code"].astype(str))
    return out.reset_index(drop=True)


def wide_table(table: pd.DataFrame, level: str, dataset: str, unit: str = "ha") -> pd.DataFrame:
    """The "by index" layout: one row per territory, the stock at each index of millésime and the
    stock difference between consecutive indexes (``flux_surface_i_j``; ``flux_percent_i_j`` is that
    difference as a percentage of the territory area, i.e. ``pourcent_j − pourcent_i``)."""
    t = to_unit(table, unit)
    d = dataset
    rows: dict[str, dict] = {}
    order: list[str] = []
    stocks: dict[str, dict[int, tuple]] = {}
    for _, r in t.iterrows():
        code = str(r["code"])
        if code not in rows:
            rows[code] = {f"{level}_code": code, "nom": r["nom"] or ""}
            order.append(code)
            stocks[code] = {}
        area = r["surface"]
        fin = r["index_fin"]
        if not pd.isna(fin) and r["millesime_fin"] is not None and not pd.isna(r[f"surface_{d}"]):
            stocks[code][int(fin)] = (r["millesime_fin"], r[f"surface_{d}"], area)
        debut = r["index_debut"]
        if (
            not pd.isna(debut)
            and r.get("millesime_debut") is not None
            and not pd.isna(r[f"surface_{d}_debut"])
        ):
            stocks[code].setdefault(
                int(debut), (r["millesime_debut"], r[f"surface_{d}_debut"], area)
            )
    indexes = sorted({i for s in stocks.values() for i in s})
    columns = [f"{level}_code", "nom"]
    for i in indexes:
        columns += [f"millesimes_{i}", f"pourcent_{d}_{i}", f"surface_{d}_{i}"]
    pairs = list(zip(indexes, indexes[1:]))
    for a, b in pairs:
        columns += [f"flux_surface_{a}_{b}", f"flux_percent_{a}_{b}"]
    out_rows = []
    for code in order:
        row = rows[code]
        for i in indexes:
            years, surface, area = stocks[code].get(i, (None, None, None))
            row[f"millesimes_{i}"] = years
            row[f"surface_{d}_{i}"] = surface
            row[f"pourcent_{d}_{i}"] = (
                100.0 * surface / area if surface is not None and area else None
            )
        for a, b in pairs:
            sa, sb = stocks[code].get(a), stocks[code].get(b)
            if sa and sb:
                row[f"flux_surface_{a}_{b}"] = sb[1] - sa[1]
                row[f"flux_percent_{a}_{b}"] = 100.0 * (sb[1] - sa[1]) / sb[2] if sb[2] else None
            else:
                row[f"flux_surface_{a}_{b}"] = None
                row[f"flux_percent_{a}_{b}"] = None
        out_rows.append(row)
    return pd.DataFrame(out_rows, columns=columns)


def coverage_table(departements: pd.DataFrame) -> pd.DataFrame:
    """Part du territoire couvert par l'OCS GE, per département: code, name, surface_km2,
    percent_of_france (of 641,184 km²), has_ocsge. ``departements`` is a département table (m²)."""
    rows = []
    seen = set()
    last = departements.sort_values("index_fin").groupby("code", sort=True).tail(1)
    for _, r in last.iterrows():
        code = str(r["code"])
        if code in seen:
            continue
        seen.add(code)
        km2 = float(r["surface"]) / 1e6
        covered = r.get("surface_couverte")
        has = bool(r["millesime_fin"]) and (covered is None or pd.isna(covered) or covered > 0)
        rows.append(
            {
                "code": code,
                "name": r["nom"] or nomenclature.departements().get(code, ("", ""))[0],
                "surface_km2": km2,
                "percent_of_france": 100.0 * km2 / FRANCE_KM2,
                "has_ocsge": has,
            }
        )
    return pd.DataFrame(
        rows, columns=["code", "name", "surface_km2", "percent_of_france", "has_ocsge"]
    )


# --------------------------------------------------------------------------- simplification


def _rings_of(geometry: QgsGeometry) -> list[list[np.ndarray]]:
    """Polygons as lists of rings (numpy (n, 2) arrays, closed)."""
    out = []
    if geometry is None or geometry.isNull():
        return out
    polygons = geometry.asMultiPolygon() if geometry.isMultipart() else [geometry.asPolygon()]
    for polygon in polygons:
        rings = [
            np.array([(p.x(), p.y()) for p in ring], dtype=np.float64)
            for ring in polygon
            if len(ring) >= 4
        ]
        if rings:
            out.append(rings)
    return out


def _douglas_peucker(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker on an open polyline, endpoints kept (iterative)."""
    n = len(points)
    if n <= 2 or tolerance <= 0:
        return points
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        p, q = points[a], points[b]
        seg = points[a + 1 : b]
        d = q - p
        length = math.hypot(d[0], d[1])
        if length == 0:
            dist = np.hypot(seg[:, 0] - p[0], seg[:, 1] - p[1])
        else:
            dist = np.abs(d[0] * (seg[:, 1] - p[1]) - d[1] * (seg[:, 0] - p[0])) / length
        k = int(np.argmax(dist))
        if dist[k] > tolerance:
            m = a + 1 + k
            keep[m] = True
            stack.append((a, m))
            stack.append((m, b))
    return points[keep]


def simplify_coverage(
    geometries: dict[str, QgsGeometry], tolerance: float, feedback: Any = None
) -> dict[str, QgsGeometry]:
    """Simplify polygons that share boundaries so that neighbours stay neighbours.

    Every ring is cut into arcs at its nodes (vertices where the set of polygons sharing the
    boundary
    changes); each distinct arc is simplified once (Douglas-Peucker, endpoints fixed) and the rings
    are rebuilt from the simplified arcs, so a shared boundary is simplified identically on both
    sides. A polygon that would become invalid or collapse keeps its original outline (shared arcs
    of its neighbours are then left as they were too)."""
    if tolerance <= 0 or not geometries:
        return dict(geometries)
    codes = list(geometries)
    polys = {code: _rings_of(geometries[code]) for code in codes}
    rings, edge_users = _edge_users(codes, polys)
    arcs: dict[tuple, np.ndarray] = {}

    def simplified_arc(points: list[tuple]) -> list[tuple]:
        forward = tuple(points)
        backward = tuple(reversed(points))
        canon = min(forward, backward)
        if canon not in arcs:
            arcs[canon] = _douglas_peucker(np.array(canon), tolerance)
        result = [tuple(p) for p in arcs[canon]]
        return result if canon == forward else list(reversed(result))

    out_rings: dict[tuple, np.ndarray] = {}
    for index, (code, pi, ri, ring) in enumerate(rings):
        if feedback is not None and index % 500 == 0 and feedback.isCanceled():
            raise Canceled()
        pts = [_point_key(p) for p in ring[:-1]]
        n = len(pts)
        if n < 3:
            out_rings[(code, pi, ri)] = ring
            continue
        users = []
        for i in range(n):
            a, b = pts[i], pts[(i + 1) % n]
            e = (a, b) if a <= b else (b, a)
            users.append(frozenset(edge_users.get(e, ())))
        nodes = [i for i in range(n) if users[i] != users[i - 1]]
        if not nodes:
            # the whole ring has the same neighbours: one closed arc, started at its smallest vertex
            start = min(range(n), key=lambda i: pts[i])
            seq = pts[start:] + pts[:start] + [pts[start]]
            # split in two halves so that both ends are fixed and the ring cannot collapse to a line
            half = max(len(seq) // 2, 1)
            first = simplified_arc(seq[: half + 1])
            second = simplified_arc(seq[half:])
            new = first[:-1] + second
        else:
            new = []
            for k, s in enumerate(nodes):
                e_ = nodes[(k + 1) % len(nodes)]
                seq = pts[s : e_ + 1] if e_ > s else pts[s:] + pts[: e_ + 1]
                part = simplified_arc(seq)
                new.extend(part[:-1])
            new.append(new[0])
        if len(new) < 4:
            new = [tuple(p) for p in ring]
        out_rings[(code, pi, ri)] = np.array(new)
    return _rebuilt(geometries, polys, out_rings)


def _point_key(p: Any) -> tuple[float, float]:
    return (float(p[0]), float(p[1]))


def _edge_users(
    codes: list[str], polys: dict[str, list]
) -> tuple[list[tuple[str, int, int, np.ndarray]], dict[tuple, set]]:
    """Every ring (code, polygon, ring, points) and, for every edge, the ids of the rings using
    it."""
    edge_users: dict[tuple, set] = {}
    rings: list[tuple[str, int, int, np.ndarray]] = []
    for code in codes:
        for pi, polygon in enumerate(polys[code]):
            for ri, ring in enumerate(polygon):
                rid = len(rings)
                rings.append((code, pi, ri, ring))
                pts = [_point_key(p) for p in ring]
                for a, b in zip(pts, pts[1:]):
                    e = (a, b) if a <= b else (b, a)
                    edge_users.setdefault(e, set()).add(rid)
    return rings, edge_users


def _rebuilt(
    geometries: dict[str, QgsGeometry], polys: dict[str, list], out_rings: dict[tuple, np.ndarray]
) -> dict[str, QgsGeometry]:
    """The polygons rebuilt from their simplified rings; one that became invalid or empty keeps its
    original outline."""
    result = {}
    for code in geometries:
        parts = []
        for pi, polygon in enumerate(polys[code]):
            parts.append(
                [
                    [QgsPointXY(x, y) for x, y in out_rings[(code, pi, ri)]]
                    for ri in range(len(polygon))
                ]
            )
        geometry = QgsGeometry.fromMultiPolygonXY(parts) if parts else QgsGeometry()
        if parts and (not geometry.isGeosValid() or geometry.area() <= 0):
            geometry = QgsGeometry(geometries[code])  # keep the original outline
        result[code] = geometry
    return result


def _metric_crs(
    crs: QgsCoordinateReferenceSystem, geometries: Iterable[QgsGeometry]
) -> QgsCoordinateReferenceSystem:
    """``crs`` when it is projected, else the OCS GE projected CRS of the place (Lambert-93 in
    métropole)."""
    if crs.isValid() and not crs.isGeographic():
        return crs
    box = compat.null_rectangle()
    for g in geometries:
        if g is not None and not g.isNull():
            box.combineExtentWith(g.boundingBox())
    lon, lat = 2.5, 46.5
    if not box.isEmpty():
        centre = box.center()
        lon, lat = centre.x(), centre.y()
        if crs.isValid() and crs.authid() != "EPSG:4326":
            try:
                p = QgsCoordinateTransform(
                    crs, QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
                ).transform(centre)
                lon, lat = p.x(), p.y()
            except Exception:  # noqa: BLE001 - a best guess only
                pass

    return QgsCoordinateReferenceSystem(f"EPSG:{suggest_projected_crs(lon, lat)[0]}")


def prepare_geometries(
    geometries: dict[str, QgsGeometry],
    crs: QgsCoordinateReferenceSystem,
    tolerance: float,
    feedback: Any = None,
) -> dict[str, QgsGeometry]:
    """Outlines for the export: simplified in metres (topology kept), then in EPSG:4326."""
    metric = _metric_crs(crs, geometries.values())
    to_metric = (
        QgsCoordinateTransform(crs, metric, QgsProject.instance()) if crs != metric else None
    )
    work = {}
    for code, g in geometries.items():
        g = QgsGeometry(g) if g is not None else QgsGeometry()
        if to_metric is not None and not g.isNull():
            g.transform(to_metric)
        work[code] = g
    if tolerance > 0:
        work = simplify_coverage(work, tolerance, feedback)
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    to_wgs = QgsCoordinateTransform(metric, wgs84, QgsProject.instance())
    out = {}
    for code, g in work.items():
        if not g.isNull():
            g = QgsGeometry(g)
            g.transform(to_wgs)
            if not g.isMultipart():
                g.convertToMultiType()
        out[code] = g
    return out


# ------------------------------------------------------------------------------- file writing


def _ogr_type(series: pd.Series, name: str) -> int:
    if (
        name.endswith("_code")
        or name in _STRING_COLUMNS
        or name.startswith("millesimes_")
        or name in ("name",)
    ):
        return ogr.OFTString
    if name == "has_ocsge":
        return ogr.OFTInteger
    if name in _INT_COLUMNS:
        return ogr.OFTInteger
    return ogr.OFTReal


def write_gpkg(
    path: Path,
    layer_name: str,
    table: pd.DataFrame,
    geometries: Sequence[QgsGeometry | None] | None,
    description: str,
    metadata: dict[str, str],
) -> None:
    """Write one table as a GeoPackage layer (EPSG:4326 MultiPolygon ``geom``, or no geometry)."""
    ds = _checked(
        ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    )  # None on a full disk (without GDAL's exceptions)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    options = [f"DESCRIPTION={description}", f"IDENTIFIER={layer_name}", "FID=fid"]
    if geometries is not None:
        layer = _checked(
            ds.CreateLayer(
                layer_name, srs, ogr.wkbMultiPolygon, options=options + ["GEOMETRY_NAME=geom"]
            )
        )
    else:
        layer = _checked(
            ds.CreateLayer(
                layer_name,
                None,
                ogr.wkbNone,
                options=options + ["ASPATIAL_VARIANT=GPKG_ATTRIBUTES"],
            )
        )
    for key, value in metadata.items():
        layer.SetMetadataItem(key, value)
    gdal.ErrorReset()
    layer.StartTransaction()
    fill_layer(
        layer, table, geometries
    )  # a row GDAL cannot write is its error, checked with the commit
    _checked(layer.CommitTransaction() == 0 and gdal.GetLastErrorType() < gdal.CE_Failure or None)
    ds.FlushCache()
    ds = None


def _checked(value: Any) -> Any:
    """``value``, or OSError (GDAL's last message) for None: GDAL's answer, without exceptions, to a
    full disk."""
    if value is None:
        raise OSError(gdal.GetLastErrorMsg() or tr("GDAL could not write the file"))
    return value


def fill_layer(
    layer: ogr.Layer, table: pd.DataFrame, geometries: Sequence[QgsGeometry | None] | None
) -> None:
    """The fields of ``table`` (published types) and its rows (with ``geometries`` when given) into
    a new OGR layer."""
    for name in table.columns:
        kind = _ogr_type(table[name], name)
        defn = ogr.FieldDefn(name, kind)
        if name == "has_ocsge":
            defn.SetSubType(ogr.OFSTBoolean)
        layer.CreateField(defn)
    defn = layer.GetLayerDefn()
    for i, row in enumerate(table.itertuples(index=False)):
        feature = ogr.Feature(defn)
        for j, value in enumerate(row):
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
                continue
            if isinstance(value, (bool, np.bool_)):
                feature.SetField(j, int(value))
            elif isinstance(value, (np.integer,)):
                feature.SetField(j, int(value))
            elif isinstance(value, (np.floating, float)):
                feature.SetField(j, float(value))
            else:
                feature.SetField(j, str(value))
        if geometries is not None:
            g = geometries[i]
            if g is not None and not g.isNull():
                feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(g.asWkb())))
        layer.CreateFeature(feature)


@dataclass
class ExportResult:
    files: list[str] = field(default_factory=list)
    layers: dict[str, str] = field(
        default_factory=dict
    )  # '<dataset>_<level>' → gpkg path|layername=
    warnings: list[str] = field(default_factory=list)
    convention: str | None = None  # how parent / unknown codes were read
    quality: dict = field(default_factory=dict)  # per level: quality_summary
    tables: list[str] = field(
        default_factory=list
    )  # schema.table written into a PostgreSQL database


def table_convention(table: pd.DataFrame) -> str | None:
    """The convention a plugin table was computed with (its ``convention`` field), or None."""
    if "convention" in table.columns and table["convention"].notna().any():
        return str(table["convention"].dropna().iloc[0])
    return None


def quality_summary(levels: dict[str, tuple[pd.DataFrame, Any, Any]]) -> dict[str, dict]:
    """Per level (m²): undetermined surface and pieces, polygons repaired, and the codes of the rows
    whose stock or flows are unknown, or partly unknown."""
    out = {}
    for level, (table, _, _) in levels.items():
        unknown = table["inconnu"] if "inconnu" in table.columns else pd.Series([], dtype=object)
        out[level] = {
            "surface_indeterminee_m2": float(table["surface_indeterminee"].sum(skipna=True)),
            "flux_indetermine_m2": float(table["flux_indetermine"].sum(skipna=True)),
            "polygones_repares": int(table["polygones_repares"].sum(skipna=True)),
            "inconnu": {
                str(code): str(value)
                for code, value in zip(table["code"], unknown)
                if isinstance(value, str) and value
            },
        }
    return out


def quality_warnings(quality: dict[str, dict]) -> list[str]:
    """What the published tables leave unsaid, for the log (translated)."""
    notes = []
    for level, summary in quality.items():
        if summary["inconnu"]:
            shown = ", ".join(
                f"{code} ({what})" for code, what in list(summary["inconnu"].items())[:20]
            )
            notes.append(
                tr(
                    "{level}: {count} row(s) with unknown stocks or flows, left empty "
                    "(never 0) in the published tables: {rows}."
                ).format(
                    level=level,
                    count=len(summary["inconnu"]),
                    rows=shown + (" …" if len(summary["inconnu"]) > 20 else ""),
                )
            )
    return notes


def unit_label(unit: str) -> str:
    """The unit as the user reads it (translated)."""
    return tr("hectares (ha)") if unit == "ha" else tr("square metres (m²)")


def export_tables(
    levels: dict[str, tuple[pd.DataFrame, dict[str, QgsGeometry], QgsCoordinateReferenceSystem]],
    folder: str | Path,
    datasets: Sequence[str] = DATASETS,
    formats: Sequence[str] = ("gpkg", "csv"),
    unit: str = "ha",
    dialect: str = "comma",
    simplify: bool = True,
    wide: bool = False,
    coverage: bool = True,
    feedback: Any = None,
    convention: str | None = None,
    quality: bool = True,
    classes: dict[str, dict[str, pd.DataFrame]] | None = None,
    database: tuple[postgis.Connection, str] | None = None,
) -> ExportResult:
    """Write ``<dataset>_<level>`` (GeoPackage layer of that name and CSV) for every level given,
    and
    beside them ``qualite_<level>`` (``quality_table``, without geometry) when ``quality``, and the
    per-class tables of ``classes`` (level → ``export_classes.by_level``'s tables; no geometry).

    ``levels`` maps a level to (its table in m², geometries by code, their CRS). ``convention`` (how
    parent and unknown codes were read, ``rules.CONVENTIONS``) is written in the GeoPackages'
    metadata. Everything is written
    in a temporary folder inside ``folder`` and the files replace their previous versions together
    at
    the end (``files.OutputSet``): on error or cancel nothing is left half-written, and only the
    files
    of this export are replaced. With ``database`` (a PostgreSQL connection and a schema), the same
    tables also replace theirs in that schema, in one transaction committed just before the
    files."""
    if unit not in UNITS:
        raise TerritoryError(tr("Unknown unit {unit}. Expected ha or m2.").format(unit=unit))
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    atomic = OutputSet(folder)
    result = ExportResult()
    steps = max(len(levels) * len(datasets), 1)
    done = 0
    write = _Writer(atomic, formats, dialect, keep=bool(database))
    try:
        for level, (table, geometries, crs) in levels.items():
            outlines = None
            if "gpkg" in formats:
                tolerance = TOLERANCES.get(level, 0.0) if simplify else 0.0
                outlines = prepare_geometries(geometries, crs, tolerance, feedback)
            for dataset in datasets:
                if feedback is not None:
                    if feedback.isCanceled():
                        raise Canceled()
                    feedback.setProgress(100.0 * done / steps)
                done += 1
                _export_dataset(write, table, outlines, level, dataset, unit, wide, convention)
                if "gpkg" in formats:
                    name = f"{dataset}_{level}"
                    result.layers[name] = f"{folder / (name + '.gpkg')}|layername={name}"
            if quality:
                _export_quality(write, table, level, unit, convention)
            for name, ctable, description, metadata in export_classes.tables_of_level(
                (classes or {}).get(level, {}), level, unit, unit_label(unit), convention
            ):
                write(name, ctable, None, description, metadata)
        if coverage and "departement" in levels:
            ctable = coverage_table(levels["departement"][0])
            write(
                "part_territoire_couvert",
                ctable,
                None,
                tr(
                    "Part of the territory covered by OCS GE, per département (km², % of "
                    "641,184 km²)."
                ),
                {"unite": "km2"},
            )
        if feedback is not None and feedback.isCanceled():
            raise Canceled()
        if database:
            result.tables = postgis.replace_tables(database, write.pending, fill_layer)
        result.files = atomic.commit()
    except RuntimeError as error:  # GDAL's (a full disk…)
        atomic.abort()
        raise OSError(str(error) or tr("GDAL could not write the file")) from None
    except BaseException:
        atomic.abort()
        raise
    if feedback is not None:
        feedback.setProgress(100.0)
    return result


class _Writer:
    """Writes a table as GeoPackage and / or CSV (``formats``) into the export's output set; keeps
    it
    (``pending``) for a database when ``keep``."""

    def __init__(
        self, atomic: OutputSet, formats: Sequence[str], dialect: str, keep: bool = False
    ) -> None:
        self.atomic, self.formats, self.dialect, self.keep = atomic, formats, dialect, keep
        self.pending: list[tuple] = []

    def __call__(
        self,
        name: str,
        table: pd.DataFrame,
        geometries: list | None,
        description: str,
        metadata: dict,
    ) -> None:
        if "gpkg" in self.formats:
            write_gpkg(
                self.atomic.path(f"{name}.gpkg"), name, table, geometries, description, metadata
            )
        if "csv" in self.formats:
            write_csv(self.atomic.path(f"{name}.csv"), table, self.dialect)
        if self.keep:
            self.pending.append((name, table, geometries, description))


def _export_dataset(
    write: _Writer,
    table: pd.DataFrame,
    outlines: dict | None,
    level: str,
    dataset: str,
    unit: str,
    wide: bool,
    convention: str | None,
) -> None:
    """``<dataset>_<level>`` in the published schema, and its by-index layout when ``wide``."""
    name = f"{dataset}_{level}"
    published = published_table(table, level, dataset, unit)
    codes = list(table["code"].astype(str))
    description = tr(
        "{dataset} per {level}, OCS GE (IGN), one row per territory and pair of millésimes. "
        "Surfaces and flows in {unit}; percentages of the full territory area."
    ).format(
        dataset="Artificialisation" if dataset == "artif" else "Imperméabilisation",
        level=level,
        unit=unit_label(unit),
    )
    metadata = {
        "unite": unit,
        "unit": unit_label(unit),
        "schema": "data.gouv.fr " + name,
        "crs": "EPSG:4326",
    }
    if convention:
        metadata["convention"] = convention
    write(
        name,
        published,
        [outlines.get(c) for c in codes] if outlines is not None else None,
        description,
        metadata,
    )
    if wide:
        wtable = wide_table(table, level, dataset, unit)
        outlines_wide = (
            [outlines.get(c) for c in wtable[f"{level}_code"]] if outlines is not None else None
        )
        write(f"{name}_par_index", wtable, outlines_wide, description, metadata)


def _export_quality(
    write: _Writer, table: pd.DataFrame, level: str, unit: str, convention: str | None
) -> None:
    """``qualite_<level>``: the quality columns beside the published tables (no geometry)."""
    qtable = quality_table(table, level, unit)
    metadata = {"unite": unit, "unit": unit_label(unit), "convention": convention or ""}
    description = tr(
        "Quality of {level} rows beside the published tables: undetermined surface "
        "(codes whose leaves "
        "disagree) and share of the territory, undetermined change pieces, polygons "
        "repaired, surface "
        "outside the data, what is unknown. Surfaces in {unit}."
    ).format(level=level, unit=unit_label(unit))
    write(f"qualite_{level}", qtable, None, description, metadata)


# ------------------------------------------------------------------------ the plugin's tables


def table_fields(table: pd.DataFrame, extra: QgsFields | None = None) -> QgsFields:
    """QgsFields for a plugin table (``TABLE_COLUMNS`` and extra columns)."""
    fields = QgsFields()
    extra_names = {f.name(): f for f in extra} if extra is not None else {}
    for name in table.columns:
        if name in extra_names and name not in TABLE_COLUMNS:
            fields.append(QgsField(extra_names[name]))
        elif name in _INT_COLUMNS:
            fields.append(compat.field(name, QVariant.Type.Int))
        elif name in _STRING_COLUMNS or name.endswith("_code") or name.endswith("_nom"):
            fields.append(compat.field(name, QVariant.Type.String))
        elif table[name].dtype.kind in "fiu" or name in TABLE_COLUMNS:
            fields.append(compat.field(name, QVariant.Type.Double))
        else:
            fields.append(compat.field(name, QVariant.Type.String))
    return fields


def _value(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if math.isnan(value) else float(value)
    return value


def write_sink(
    sink: QgsFeatureSink,
    table: pd.DataFrame,
    fields: QgsFields,
    geometries: dict[str, QgsGeometry] | None = None,
    feedback: Any = None,
) -> None:
    """Add the rows of ``table`` to ``sink`` (geometry from ``geometries`` by the row's code)."""
    columns = list(table.columns)
    for i, row in enumerate(table.itertuples(index=False)):
        if feedback is not None and i % 500 == 0 and feedback.isCanceled():
            raise Canceled()
        feature = QgsFeature(fields)
        feature.setAttributes([_value(v) for v in row])
        if geometries is not None:
            g = geometries.get(str(row[columns.index("code")]))
            if g is not None and not g.isNull():
                feature.setGeometry(g)
        sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)


def read_table(
    source: Any,
) -> tuple[pd.DataFrame, dict[str, QgsGeometry], QgsCoordinateReferenceSystem]:
    """A plugin table (``ocsge:aggregate`` / ``ocsge:rollup`` output) back as (DataFrame in m²,
    geometry by code, CRS). Raises TerritoryError when the layer is not such a table."""
    names = source.fields().names()
    missing = [
        c
        for c in (
            "code",
            "nom",
            "index_fin",
            "millesime_fin",
            "surface",
            "surface_artif",
            "surface_imper",
        )
        if c not in names
    ]
    if missing:
        raise TerritoryError(
            tr(
                "The layer has no {missing} field. Expected a table from ocsge:aggregate "
                "or ocsge:rollup (fields code, nom, surface, surface_artif, …)."
            ).format(missing=", ".join(missing))
        )
    rows = []
    geometries: dict[str, QgsGeometry] = {}
    for feature in source.getFeatures():
        values = {name: _qvalue(feature[name]) for name in names}
        rows.append(values)
        code = str(values["code"])
        g = feature.geometry()
        if code not in geometries and g is not None and not g.isNull():
            geometries[code] = QgsGeometry(g)
    table = pd.DataFrame(rows, columns=names)
    for name in TABLE_COLUMNS:
        if name not in table.columns:
            table[name] = None
    for name in ("index_debut", "index_fin"):
        table[name] = pd.array([None if v is None else int(v) for v in table[name]], dtype="Int64")
    table["code"] = table["code"].astype(str)
    for name in ("millesime_debut", "millesime_fin"):
        table[name] = [None if v is None else str(v) for v in table[name]]
    for name in NUMBER_COLUMNS:
        table[name] = pd.to_numeric(table[name], errors="coerce").astype(float)
    unit = "ha"
    if "unite" in table.columns and table["unite"].notna().any():
        unit = str(table["unite"].dropna().iloc[0])
    if unit not in UNITS:
        raise TerritoryError(
            tr("Unknown unit {unit} in the unite field. Expected ha or m2.").format(unit=unit)
        )
    factor = 1.0 / UNITS[unit]
    for name in SURFACE_COLUMNS:
        table[name] = table[name] * factor
    table = table.drop(columns=["unite"], errors="ignore")
    crs = source.sourceCrs() if hasattr(source, "sourceCrs") else source.crs()
    return table, geometries, crs


def _qvalue(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    return value


def with_unit(table: pd.DataFrame, unit: str) -> pd.DataFrame:
    """``table`` (m²) converted to ``unit`` with the ``unite`` column the plugin's tables carry."""
    out = to_unit(table, unit)
    out["unite"] = unit
    return out


def levels_from_communes(
    communes: pd.DataFrame,
    geometries: dict[str, QgsGeometry],
    crs: QgsCoordinateReferenceSystem,
    membership: Any = None,
    levels: Sequence[str] = PUBLISHED_LEVELS,
    given: dict[str, tuple[pd.DataFrame, dict[str, QgsGeometry], QgsCoordinateReferenceSystem]]
    | None = None,
    feedback: Any = None,
    code_field: str = "code",
) -> tuple[
    dict[str, tuple[pd.DataFrame, dict[str, QgsGeometry], QgsCoordinateReferenceSystem]], list[str]
]:
    """The tables to export, per level: the communes with their membership codes, and every higher
    level either given (``ocsge:rollup`` outputs) or rolled up here from the communes (their codes
    checked first, ``code_field`` named in the messages: ``rollup.rollup``)."""

    given = dict(given or {})
    wanted = [level for level in levels if level != "commune" and level not in given]
    result = rollup(communes, membership, wanted, feedback, code_field=code_field)
    out: dict[str, tuple[pd.DataFrame, dict[str, QgsGeometry], QgsCoordinateReferenceSystem]] = {}
    if "commune" in levels:
        out["commune"] = (commune_table(result), geometries, crs)
    for level in levels:
        if level == "commune":
            continue
        if level in given:
            out[level] = given[level]
        elif level in result.levels:
            out[level] = (
                result.levels[level],
                dissolve(result.members[level], geometries, feedback),
                crs,
            )
    return out, result.warnings
