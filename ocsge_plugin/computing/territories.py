"""Territories: OCS GE stocks and flows summed per territory, and the roll-up to higher levels.

The only geometric step of the domain (domain.md §4): OCS GE polygon ∩ territory polygon, area summed
per territory, in the data's projected CRS (territories are reprojected to it). Percentages are over the
full territory area; the share of the territory covered by OCS GE is reported beside them.

Public API (stable)
-------------------
``TerritorySet.from_layer(layer, code_field, name_field, keep_fields=(), feedback=None)``
    territory polygons in any CRS; invalid geometries repaired, duplicate codes merged (both reported).
``describe_source(layer, method='auto') -> Source | None``
    what a layer is (by its fields): a stock layer (``occupation``: raw codes; ``artif``: IGN's
    artificialisation; ``classified``: ``ocsge:classify`` output with ``artif``/``imper``) or a flow layer
    (``difference``, ``artif_diff``, ``flows``: ``ocsge:flows`` output), with département and millésime(s).
``sources_from_layers(layers, method) -> (sources, notes)`` / ``select_sources(sources, method)``
    one stock layer per (département, millésime) and one flow source per pair (GeoPackage and Shapefile
    copies, IGN's layers versus the occupation du sol…); IGN's artificialisation difference gives the
    artificialisation flows and the difference layer the imperméabilisation flows when both are there.
``aggregate(territories, sources, method='auto', coverage=True, feedback=None, overlay=None) -> AggregateResult``
    one streaming pass per source; ``AggregateResult.table`` is a pandas DataFrame (m²) with one row
    per territory and pair of millésimes (``TABLE_COLUMNS``), combined by index across départements.
    ``overlay_flows(method)`` gives the ``overlay`` callable (flows of two millésimes by the flow core).
``Membership.from_csv(path)`` / ``Membership.from_table(df)`` and
``rollup(communes, membership=None, levels=…, feedback=None) -> RollupResult``
    commune rows → EPCI, SCoT, département, région (sums; percentages as Σ surface ÷ Σ commune area);
    ``commune_table(result)`` the communes with their membership codes, ``dissolve(members, geometries)``
    the outlines of a level.
``to_unit(df, unit)``: m² → 'ha' / 'm2' (surfaces and flows; percentages unchanged).
``wkb_area_bbox(blobs) -> (areas, boxes)``: planar areas and bounding boxes of WKB polygons (numpy).

Errors: ``TerritoryError`` (translated message for the user), ``Canceled``.

How it stays fast (issue 7): features are read in batches through OGR's Arrow interface when the layer
is a file (GeoPackage, Shapefile; for the renaming VRTs ``ocsge:load`` writes, their source file is read
directly: GDAL's generic VRT Arrow reader is 4–5× slower), else through the QGIS provider (also for
boolean fields: GDAL 3.6.2's ``GetArrowStreamAsNumPy`` decodes bit-packed booleans wrongly); only the
needed attributes are read; the couverture × usage matrix is a lookup per distinct pair of codes; the
WKB is parsed with numpy (areas by the shoelace formula, bounding boxes) and each polygon is placed by a
raster of the territories (cells that no territory boundary crosses belong wholly to one territory): a
polygon whose bounding box lies in such cells costs nothing more than its area. Only polygons near a
territory boundary go to GEOS (prepared containment test, then intersection), and their answer is kept
(by WKB hash) for the next millésime, where most polygons are identical. Polygons that are neither
artificialised nor impermeable only count for the coverage (``coverage=False`` skips them). Memory is
bounded by the number of territories, classes and boundary polygons, not by the number of polygons.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Optional, Sequence

import numpy as np
import pandas as pd
from osgeo import gdal, ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
    QgsSpatialIndex,
    QgsWkbTypes,
)

from ..errors import TerritoryError
from ..i18n import plural, tr
from ..rules import DEFAULT_CONVENTION
from .batches import Step, iter_batches
from .codes import UNKNOWN, YES, flow_sign, is_null, lookup_artif, lookup_imper, lookup_values, parse_bool, parse_ign_artif_or_bool, parse_sign
from .sources import Source, resolve_stock_method
from .table import NUMBER_COLUMNS, TABLE_COLUMNS, years_text
from .wkb import wkb_area_bbox

gdal.UseExceptions()


# ---------------------------------------------------------------------------- territories


@dataclass
class TerritorySet:
    """Territory polygons (in their own CRS), with what was noticed while reading them."""

    codes: list[str]
    names: list[str]
    geometries: list[QgsGeometry]
    crs: QgsCoordinateReferenceSystem
    extras: dict[str, list] = field(default_factory=dict)  # kept fields, aligned on codes
    duplicates: dict[str, int] = field(default_factory=dict)  # code → number of features merged
    repaired: list[str] = field(default_factory=list)  # codes whose geometry was invalid
    empty: list[str] = field(default_factory=list)  # codes without geometry

    def __len__(self) -> int:
        return len(self.codes)

    @classmethod
    def from_layer(
        cls,
        layer: Any,
        code_field: str,
        name_field: Optional[str] = None,
        keep_fields: Sequence[str] = (),
        feedback: Any = None,
    ) -> "TerritorySet":
        """Read territories from a layer (or feature source); merge features sharing a code."""
        names = layer.fields().names()
        missing = [f for f in [code_field, name_field, *keep_fields] if f and f not in names]
        if missing:
            raise TerritoryError(
                tr("The territory layer has no field {missing} (fields: {fields}). Expected the territory code and name fields.").format(
                    missing=", ".join(missing), fields=", ".join(names)
                )
            )
        if QgsWkbTypes.geometryType(layer.wkbType()) != QgsWkbTypes.GeometryType.PolygonGeometry:
            raise TerritoryError(tr("The territory layer must hold polygons (communes, EPCI, zones…)."))
        order: list[str] = []
        by_code: dict[str, dict] = {}
        step = Step(feedback)
        for index, feature in enumerate(layer.getFeatures()):
            if index % 200 == 0:
                step.check()  # (quick: no progress of its own, the callers' bar goes on)
            raw = feature[code_field]
            code = "" if is_null(raw) else str(raw).strip()
            if isinstance(raw, float) and raw.is_integer():
                code = str(int(raw))
            if not code:
                code = f"#{feature.id()}"
            geometry = QgsGeometry(feature.geometry())
            entry = by_code.get(code)
            if entry is None:
                entry = {
                    "nom": "" if not name_field or is_null(feature[name_field]) else str(feature[name_field]),
                    "parts": [],
                    "extras": {k: (None if is_null(feature[k]) else feature[k]) for k in keep_fields},
                    "count": 0,
                }
                by_code[code] = entry
                order.append(code)
            entry["count"] += 1
            if not geometry.isNull() and not geometry.isEmpty():
                entry["parts"].append(geometry)
        result = cls([], [], [], layer.sourceCrs() if hasattr(layer, "sourceCrs") else layer.crs())
        for key in keep_fields:
            result.extras[key] = []
        for code in order:
            entry = by_code[code]
            parts = entry["parts"]
            if entry["count"] > 1:
                result.duplicates[code] = entry["count"]
            geometry = QgsGeometry()
            repaired = False
            fixed = []
            for part in parts:
                if not part.isGeosValid():
                    part = _polygonal(part.makeValid())
                    repaired = True
                fixed.append(part)
            if len(fixed) == 1:
                geometry = fixed[0]
            elif fixed:
                geometry = QgsGeometry.unaryUnion(fixed)
            if repaired:
                result.repaired.append(code)
            if geometry.isNull() or geometry.isEmpty():
                result.empty.append(code)
            result.codes.append(code)
            result.names.append(entry["nom"])
            result.geometries.append(geometry)
            for key in keep_fields:
                result.extras[key].append(entry["extras"][key])
        return result

    def notes(self) -> list[str]:
        """Translated warnings about the territories."""
        out = []
        if self.duplicates:
            out.append(
                tr("Duplicate territory codes, their features merged into one territory: {codes}.").format(
                    codes=", ".join(f"{c} (×{n})" for c, n in sorted(self.duplicates.items()))
                )
            )
        if self.repaired:
            out.append(plural(len(self.repaired), tr("{count} invalid territory geometry was repaired: {codes}."), tr("{count} invalid territory geometries were repaired: {codes}.")).format(count=len(self.repaired), codes=", ".join(self.repaired[:20]) + ("…" if len(self.repaired) > 20 else "")))
        if self.empty:
            out.append(tr("Territories without geometry (counted as zero area): {codes}.").format(codes=", ".join(self.empty[:20])))
        return out


def _polygonal(geometry: QgsGeometry) -> QgsGeometry:
    if QgsWkbTypes.geometryType(geometry.wkbType()) != QgsWkbTypes.GeometryType.PolygonGeometry:
        if not geometry.convertGeometryCollectionToSubclass(QgsWkbTypes.GeometryType.PolygonGeometry):
            return QgsGeometry()
    return geometry


class _Placement:
    """Territories in one data CRS: a raster telling which cells lie wholly in one territory (or in
    none), and prepared geometries for the polygons that need an exact answer."""

    MAX_CELLS = 4_000_000

    def __init__(self, territories: TerritorySet, crs: QgsCoordinateReferenceSystem, extent: Optional[QgsRectangle]):
        self.crs = crs
        transform = QgsCoordinateTransform(territories.crs, crs, QgsProject.instance())
        self.geometries: list[QgsGeometry] = []
        for geometry in territories.geometries:
            g = QgsGeometry(geometry)
            if not g.isNull() and territories.crs != crs:
                g.transform(transform)
                if not g.isGeosValid():
                    g = _polygonal(g.makeValid())
            self.geometries.append(g)
        self.area = np.array([g.area() if not g.isNull() else 0.0 for g in self.geometries], dtype=np.float64)
        self.index = QgsSpatialIndex()
        full = QgsRectangle()
        full.setMinimal()
        for i, g in enumerate(self.geometries):
            if g.isNull() or g.isEmpty():
                continue
            box = g.boundingBox()
            self.index.addFeature(i, box)
            full.combineExtentWith(box)
        self._engines: dict[int, Any] = {}
        self._partition: Optional[bool] = None
        self._union_engine: Any = None
        # Polygons crossing a boundary, by their exact WKB: most are identical in every millésime
        # (IGN re-surveys change zones only), so the second millésime reuses the first one's pieces.
        self._cache: dict[bytes, tuple[list[tuple[int, float]], bool]] = {}
        self.grid_extent: Optional[QgsRectangle] = None
        self.grid = None
        self.disjoint = False  # no territory within the data's extent
        self.extent = full  # of the territories, in the data's CRS
        if full.isEmpty() or full.width() <= 0:
            self.disjoint = True
            return
        grid_extent = full
        if extent is not None and not extent.isEmpty():
            if not full.intersects(extent):
                self.disjoint = True
                return
            grid_extent = full.intersect(extent)
        if grid_extent.isEmpty() or grid_extent.width() <= 0 or grid_extent.height() <= 0:
            return
        self.grid_extent = grid_extent
        self._build_grid(grid_extent)

    def engine(self, i: int):
        engine = self._engines.get(i)
        if engine is None:
            engine = QgsGeometry.createGeometryEngine(self.geometries[i].constGet())
            engine.prepareGeometry()
            self._engines[i] = engine
        return engine

    def _build_grid(self, extent: QgsRectangle) -> None:
        cell = max(math.sqrt(extent.width() * extent.height() / self.MAX_CELLS), 1.0)
        margin = 2 * cell
        x0, y1 = extent.xMinimum() - margin, extent.yMaximum() + margin
        width = int(math.ceil((extent.width() + 2 * margin) / cell))
        height = int(math.ceil((extent.height() + 2 * margin) / cell))
        mem = ogr.GetDriverByName("Memory").CreateDataSource("territories")
        polys = mem.CreateLayer("polygons", None, ogr.wkbMultiPolygon)
        polys.CreateField(ogr.FieldDefn("tid", ogr.OFTInteger))
        lines = mem.CreateLayer("lines", None, ogr.wkbMultiLineString)
        for i, g in enumerate(self.geometries):
            if g.isNull() or g.isEmpty():
                continue
            ogr_geom = ogr.CreateGeometryFromWkb(bytes(g.asWkb()))
            feature = ogr.Feature(polys.GetLayerDefn())
            feature.SetField("tid", i)
            feature.SetGeometry(ogr_geom)
            polys.CreateFeature(feature)
            boundary = ogr_geom.GetBoundary()
            if boundary is not None:
                lf = ogr.Feature(lines.GetLayerDefn())
                lf.SetGeometry(boundary)
                lines.CreateFeature(lf)
        driver = gdal.GetDriverByName("MEM")
        transform = (x0, cell, 0.0, y1, 0.0, -cell)

        def raster(dtype, init):
            ds = driver.Create("", width, height, 1, dtype)
            ds.SetGeoTransform(transform)
            ds.GetRasterBand(1).Fill(init)
            return ds

        gdal.PushErrorHandler("CPLQuietErrorHandler")  # the in-memory layers have no CRS: that is intended
        try:
            owner_ds, count_ds, edge_ds = self._rasterize(raster, polys, lines)
        finally:
            gdal.PopErrorHandler()
        owner = owner_ds.GetRasterBand(1).ReadAsArray().astype(np.int32)
        count = count_ds.GetRasterBand(1).ReadAsArray()
        edge = edge_ds.GetRasterBand(1).ReadAsArray().astype(bool)
        owner_ds = count_ds = edge_ds = mem = None  # free the rasters and layers
        # A cell is decided when no territory boundary crosses it (dilated by one cell, for safety) and
        # its centre lies in at most one territory: it then lies wholly in that territory, or in none.
        bad = edge | (count > 1)
        dil = bad.copy()  # dilated by one cell in the 8 directions
        dil[1:, :] |= bad[:-1, :]
        dil[:-1, :] |= bad[1:, :]
        dil[:, 1:] |= bad[:, :-1]
        dil[:, :-1] |= bad[:, 1:]
        dil[1:, 1:] |= bad[:-1, :-1]
        dil[:-1, :-1] |= bad[1:, 1:]
        dil[1:, :-1] |= bad[:-1, 1:]
        dil[:-1, 1:] |= bad[1:, :-1]
        bad = dil
        del count, edge, dil
        sat = np.zeros((height + 1, width + 1), dtype=np.int32)  # ≤ MAX_CELLS: fits
        np.cumsum(bad, axis=0, dtype=np.int32, out=sat[1:, 1:])
        np.cumsum(sat[1:, 1:], axis=1, out=sat[1:, 1:])
        del bad
        self.grid = (x0, y1, cell, width, height, owner, sat)

    @staticmethod
    def _rasterize(raster, polys, lines):
        owner_ds = raster(gdal.GDT_Int32, -1)
        gdal.RasterizeLayer(owner_ds, [1], polys, options=["ATTRIBUTE=tid"])
        count_ds = raster(gdal.GDT_Int32, 0)
        gdal.RasterizeLayer(count_ds, [1], polys, burn_values=[1], options=["MERGE_ALG=ADD"])
        edge_ds = raster(gdal.GDT_Byte, 0)
        gdal.RasterizeLayer(edge_ds, [1], lines, burn_values=[1], options=["ALL_TOUCHED=TRUE"])
        return owner_ds, count_ds, edge_ds

    def place(self, bbox: np.ndarray) -> np.ndarray:
        """Territory index of each box wholly inside one territory, -2 wholly outside all, -1 undecided."""
        n = bbox.shape[0]
        out = np.full(n, -1, dtype=np.int64)
        if self.grid is None:
            if self.disjoint:
                out[:] = -2
            return out
        x0, y1, cell, width, height, owner, sat = self.grid
        valid = ~np.isnan(bbox).any(axis=1)
        with np.errstate(invalid="ignore"):
            c0 = np.floor((bbox[:, 0] - x0) / cell)
            c1 = np.floor((bbox[:, 2] - x0) / cell)
            r0 = np.floor((y1 - bbox[:, 3]) / cell)
            r1 = np.floor((y1 - bbox[:, 1]) / cell)
        # Wholly outside the grid (which covers every territory within the data's extent): no territory.
        outside = valid & ((c1 < 0) | (c0 >= width) | (r1 < 0) | (r0 >= height))
        inside = valid & (c0 >= 0) & (c1 < width) & (r0 >= 0) & (r1 < height)
        out[outside] = -2
        out[~valid] = -2
        idx = np.nonzero(inside)[0]
        if idx.size:
            a0, a1 = c0[idx].astype(np.int64), c1[idx].astype(np.int64) + 1
            b0, b1 = r0[idx].astype(np.int64), r1[idx].astype(np.int64) + 1
            bad = sat[b1, a1] - sat[b0, a1] - sat[b1, a0] + sat[b0, a0]
            decided = bad == 0
            who = owner[b0[decided], a0[decided]]
            out[idx[decided]] = np.where(who >= 0, who, -2)
        return out

    @property
    def partition(self) -> bool:
        """True when no two territories share any area (communes, a grid): a polygon inside one
        territory then needs no test against the others. Checked once, on bounding-box neighbours."""
        if self._partition is None:
            self._partition = True
            for i, g in enumerate(self.geometries):
                if g.isNull() or g.isEmpty():
                    continue
                engine = self.engine(i)
                for j in self.index.intersects(g.boundingBox()):
                    if j <= i:
                        continue
                    other = self.geometries[j].constGet()
                    if engine.overlaps(other) or engine.contains(other) or engine.within(other):
                        self._partition = False
                        return False
        return self._partition

    def hint(self, bbox: np.ndarray) -> np.ndarray:
        """The territory (or -1) under the centre of each box: the first one worth testing."""
        out = np.full(bbox.shape[0], -1, dtype=np.int64)
        if self.grid is None or bbox.shape[0] == 0:
            return out
        x0, y1, cell, width, height, owner, _ = self.grid
        with np.errstate(invalid="ignore"):
            c = np.floor(((bbox[:, 0] + bbox[:, 2]) / 2 - x0) / cell)
            r = np.floor((y1 - (bbox[:, 1] + bbox[:, 3]) / 2) / cell)
        ok = (c >= 0) & (c < width) & (r >= 0) & (r < height)
        out[ok] = owner[r[ok].astype(np.int64), c[ok].astype(np.int64)]
        return out

    CACHE_MAX = 1_000_000

    def exact(self, blob: bytes, area: float, hint: int = -1, cover_only: bool = False) -> tuple[list[tuple[int, float]], bool]:
        """Like :meth:`_exact`, reusing the answer for a polygon already met (same WKB: keyed by its
        hash and length, 64 + 32 bits; a collision between two polygons of a run is ~1e-9 likely)."""
        key = (hash(blob), len(blob), cover_only)
        found = self._cache.get(key)
        if found is not None:
            return found
        found = self._exact(blob, area, hint, cover_only)
        if len(self._cache) < self.CACHE_MAX:
            self._cache[key] = found
        return found

    def _union(self):
        """Prepared union of the territories of the grid when they form a partition, else None."""
        if self._union_engine is None:
            self._union_engine = False
            if self.partition:
                box = self.grid_extent
                members = [g for g in self.geometries if not g.isNull() and not g.isEmpty() and (box is None or g.boundingBox().intersects(box))]
                if members:
                    union = QgsGeometry.unaryUnion(members)
                    if not union.isNull():
                        engine = QgsGeometry.createGeometryEngine(union.constGet())
                        engine.prepareGeometry()
                        self._union_keep = union
                        self._union_engine = engine
        return self._union_engine or None

    def _exact(self, blob: bytes, area: float, hint: int = -1, cover_only: bool = False) -> tuple[list[tuple[int, float]], bool]:
        """(territory, area of polygon ∩ territory) pairs for one polygon; True when it was repaired.

        A polygon inside a territory costs one prepared containment test (the territory under its
        centre is tried first); one crossing territories pays an intersection per territory touched.
        (Deducing the last share by subtraction was tried: outlines that do not tile exactly — a
        vertex on one side of a shared boundary only — then leave cm² slivers in it.)"""
        geometry = QgsGeometry()
        geometry.fromWkb(blob)
        if geometry.isNull() or geometry.isEmpty():
            return [], False
        box = geometry.boundingBox()
        out = []
        repaired = False
        candidates = self.index.intersects(box)
        if hint >= 0 and hint in candidates:
            candidates.remove(hint)
            candidates.insert(0, hint)
        shape = geometry.constGet()
        crossing = []
        for i in candidates:
            engine = self.engine(i)
            if engine.contains(shape):
                out.append((i, area))
                if self.partition:  # no other territory holds any of it
                    return out, repaired
                continue
            if engine.intersects(shape):
                crossing.append(i)
        last = None
        if cover_only and len(crossing) == 2:
            # Coverage only (the polygon is neither artificialised nor impermeable): inside the union of
            # a partition, the second share is the polygon's area minus the first (one intersection
            # instead of two; outlines that do not tile exactly put their cm² slivers in it).
            union = self._union()
            if union is not None and union.contains(shape):
                last = crossing.pop()
        done = 0.0
        for i in crossing:
            engine = self.engine(i)
            # the territory's engine already holds it in GEOS: only the polygon is converted
            piece = engine.intersection(shape)
            if piece is None and not repaired:
                geometry = _polygonal(geometry.makeValid())
                repaired = True
                shape = geometry.constGet()
                piece = engine.intersection(shape) if not geometry.isNull() else None
            if piece is not None:
                value = QgsGeometry(piece).area()  # QgsAbstractGeometry.area() loses ~1e-3 m² at Lambert-93 coordinates
                if value > 0:
                    out.append((i, value))
                    done += value
        if last is not None:
            if repaired:  # the repaired area may differ from the one given: intersect after all
                piece = self.engine(last).intersection(shape)
                value = QgsGeometry(piece).area() if piece is not None else 0.0
            else:
                value = area - done
            if value > 0:
                out.append((last, value))
        return out, repaired


class _Placements:
    def __init__(self, territories: TerritorySet):
        self.territories = territories
        self.by_crs: dict[str, _Placement] = {}

    def get(self, crs: QgsCoordinateReferenceSystem, extent: Optional[QgsRectangle]) -> _Placement:
        key = crs.authid() or crs.toWkt()
        placement = self.by_crs.get(key)
        if placement is None:
            placement = _Placement(self.territories, crs, extent)
            self.by_crs[key] = placement
        return placement


def _accumulate(
    placement: _Placement,
    wkb: Any,
    weights: np.ndarray,
    sums: np.ndarray,
    stats: dict,
    want: Optional[np.ndarray] = None,
    step: Optional[Step] = None,
) -> None:
    """Add each polygon's area × ``weights[:, k]`` to ``sums[territory, k]``.

    ``want`` (bool per polygon) limits the work to polygons that contribute (others skipped)."""
    n = len(wkb)
    if n == 0:
        return
    if want is not None:
        keep = np.nonzero(want)[0]
        if keep.size == 0:
            return
        if keep.size < n:
            wkb = wkb[keep]
            weights = weights[keep]
            n = keep.size
    area, bbox = wkb_area_bbox(wkb)
    where = placement.place(bbox)
    decided = where >= 0
    t = placement.geometries
    if decided.any():
        idx = where[decided]
        contrib = weights[decided] * area[decided, None]
        for k in range(weights.shape[1]):
            sums[:, k] += np.bincount(idx, weights=contrib[:, k], minlength=len(t))
    stats["polygons"] = stats.get("polygons", 0) + n
    stats["fast"] = stats.get("fast", 0) + int(decided.sum()) + int((where == -2).sum())
    undecided = np.nonzero(where == -1)[0]
    if undecided.size == 0:
        return
    stats["exact"] = stats.get("exact", 0) + int(undecided.size)
    blobs = wkb.data if np.ma.isMaskedArray(wkb) else wkb
    masked = np.ma.getmaskarray(wkb) if np.ma.isMaskedArray(wkb) else None
    hints = placement.hint(bbox[undecided]).tolist()
    # polygons weighing on the first column only (coverage): their split may be deduced (see exact)
    cover_only = ((weights[undecided, 1:] == 0).all(axis=1) if weights.shape[1] > 1 else np.ones(undecided.size, bool)).tolist()
    rows: list[int] = []
    where_t: list[int] = []
    values: list[float] = []
    exact = placement.exact
    repaired_count = 0
    for count, j in enumerate(undecided.tolist()):
        if step is not None and count % 2000 == 1999:
            step.check()
        if masked is not None and masked[j]:
            continue
        blob = blobs[j]
        if blob is None:
            continue
        pieces, repaired = exact(blob if isinstance(blob, bytes) else bytes(blob), area[j], hints[count], cover_only[count])
        repaired_count += repaired
        if repaired:
            by_territory = stats.setdefault("repaired_t", np.zeros(len(t)))
            for i, _ in pieces:
                by_territory[i] += 1
        for i, value in pieces:
            rows.append(j)
            where_t.append(i)
            values.append(value)
    if repaired_count:
        stats["repaired"] = stats.get("repaired", 0) + repaired_count
    if rows:
        contrib = weights[np.asarray(rows)] * np.asarray(values)[:, None]
        np.add.at(sums, np.asarray(where_t), contrib)


# ------------------------------------------------------------------------------ aggregation

# Stock columns accumulated per (source, territory): covered, artif, imper, indéterminé.
_STOCK = ("couverte", "artif", "imper", "indeterminee")
# Flow columns per (source, territory).
_FLOW = ("flux_artif", "flux_desartif", "flux_imper", "flux_desimper", "flux_indetermine")


@dataclass
class AggregateResult:
    """The aggregation's answer: ``table`` (m²), the territories and what was noticed."""

    table: pd.DataFrame
    territories: TerritorySet
    area: np.ndarray  # territory areas (m²), in the data's CRS
    geometries: list[QgsGeometry]  # territory geometries in ``crs``
    crs: QgsCoordinateReferenceSystem
    warnings: list[str] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    zero_coverage: list[str] = field(default_factory=list)
    convention: str = DEFAULT_CONVENTION


def _stock_weights(source: Source, batch: dict, method: str, classification=None, convention: str = DEFAULT_CONVENTION) -> np.ndarray:
    """Per polygon: (covered, artif, imper, indéterminé) as 0 / 1 weights."""
    n = len(batch["wkb"])
    f = source.fields
    imper = lookup_imper(batch[f["code_cs"]], convention) if "code_cs" in f else np.full(n, UNKNOWN, np.int8)
    if source.kind == "classified":
        artif = lookup_values(batch[f["artif"]], parse_bool)
        imper = lookup_values(batch[f["imper"]], parse_bool)
    elif classification is not None:
        pos = np.searchsorted(classification[0], batch["fid"])
        pos = np.clip(pos, 0, max(classification[0].size - 1, 0))
        found = classification[0][pos] == batch["fid"] if classification[0].size else np.zeros(n, bool)
        artif = np.where(found, classification[1][pos], UNKNOWN).astype(np.int8)
    elif method == "ign":
        artif = lookup_values(batch[f["artif"]], parse_ign_artif_or_bool)
    else:
        artif = lookup_artif(batch[f["code_cs"]], batch[f["code_us"]], convention)
    w = np.zeros((n, 4), dtype=np.float64)
    w[:, 0] = 1.0
    w[:, 1] = artif == YES
    w[:, 2] = imper == YES
    w[:, 3] = (artif == UNKNOWN) | (imper == UNKNOWN)
    return w


def _flow_weights(source: Source, batch: dict, convention: str = DEFAULT_CONVENTION) -> np.ndarray:
    """Per piece: (artificialisation, désartificialisation, imperméabilisation, désimperméabilisation,
    indéterminé) as 0 / 1 weights. A piece whose status is indéterminé at a date (for the flows taken
    from this layer) is kept out of the flows and weighs on the last column only (as
    ``flows.pieces_from_difference`` does)."""
    f = source.fields
    undetermined = None
    if source.kind == "flows":
        fa = lookup_values(batch[f["flux_artif"]], parse_sign)
        fi = lookup_values(batch[f["flux_imper"]], parse_sign)
    else:
        imper_d, imper_f = lookup_imper(batch[f["cs_debut"]], convention), lookup_imper(batch[f["cs_fin"]], convention)
        fi = flow_sign(imper_d, imper_f)
        undetermined = (imper_d == UNKNOWN) | (imper_f == UNKNOWN) if "imper" in source.flows else np.zeros(fi.shape, bool)
        if source.kind == "artif_diff":
            fa = lookup_values(batch[f["artificialisation"]], parse_sign)
        else:
            artif_d = lookup_artif(batch[f["cs_debut"]], batch[f["us_debut"]], convention)
            artif_f = lookup_artif(batch[f["cs_fin"]], batch[f["us_fin"]], convention)
            fa = flow_sign(artif_d, artif_f)
            if "artif" in source.flows:
                undetermined |= (artif_d == UNKNOWN) | (artif_f == UNKNOWN)
    w = np.zeros((len(fa), 5), dtype=np.float64)
    if "artif" in source.flows:
        w[:, 0] = fa > 0
        w[:, 1] = fa < 0
    if "imper" in source.flows:
        w[:, 2] = fi > 0
        w[:, 3] = fi < 0
    if undetermined is not None and undetermined.any():
        w[undetermined, :4] = 0.0
        w[undetermined, 4] = 1.0
    return w


class _Undetermined:
    """Count and surface (m²) of the undetermined polygons (or change pieces) of one layer and
    millésime(s), as an entry of ``stats['indetermine']``: (layer, millésime(s), count, m²)."""

    def __init__(self, stats: dict, layer: str, millesime: str):
        self.entry = [layer, millesime, 0, 0.0]
        stats.setdefault("indetermine", []).append(self.entry)

    def add(self, wkb: Any, mask: np.ndarray) -> None:
        if mask.any():
            area, _ = wkb_area_bbox(wkb[np.nonzero(mask)[0]])
            self.entry[2] += int(mask.sum())
            self.entry[3] += float(area.sum())


def _check_projected(source: Source) -> None:
    crs = source.layer.crs()
    if crs.isValid() and crs.isGeographic():
        raise TerritoryError(
            tr("Layer {name} is in {crs}, in degrees: surfaces would be meaningless. Expected the département's projected CRS (EPSG:2154 Lambert-93 in métropole; 5490, 2972, 2975, 4471 outre-mer).").format(
                name=source.layer.name(), crs=crs.authid()
            )
        )


def _box(rectangle: QgsRectangle) -> str:
    if rectangle.isEmpty() and rectangle.width() <= 0:
        return tr("nothing")
    return f"x {rectangle.xMinimum():.0f} – {rectangle.xMaximum():.0f}, y {rectangle.yMinimum():.0f} – {rectangle.yMaximum():.0f}"


def _check_overlap(placements: Any, sources: Sequence[Source], extents: dict[str, QgsRectangle]) -> None:
    """TerritoryError when no territory lies within the extent of any OCS GE layer (the wrong
    département's communes, a layer in another CRS…), naming both extents."""
    seen = {}
    for source in sources:
        key = source.crs.authid() or source.crs.toWkt()
        if key not in seen:
            seen[key] = placements.get(source.crs, extents[key])
    if not all(placement.disjoint for placement in seen.values()):
        return
    key, placement = next(iter(seen.items()))
    raise TerritoryError(
        tr(
            "The territories and the OCS GE data do not overlap: the territories cover {territories} and the data "
            "{data} ({crs}). Expected territories of the département(s) of the deliveries."
        ).format(territories=_box(placement.extent), data=_box(extents[key]), crs=key)
    )


def aggregate(
    territories: TerritorySet,
    sources: Sequence[Source],
    method: str = "auto",
    coverage: bool = True,
    feedback: Any = None,
    overlay: Optional[Callable[..., Iterator[tuple[Any, np.ndarray]]]] = None,
    convention: str = DEFAULT_CONVENTION,
    thresholds: Optional[Callable[[Source, Step], tuple[np.ndarray, np.ndarray]]] = None,
) -> AggregateResult:
    """Stocks and flows per territory from ``sources``, one streaming pass each.

    Args:
        territories: the territory polygons (any CRS).
        sources: stock layers (raw, IGN's artificialisation or classified) and flow layers
            (difference, artif_diff, ocsge:flows output), as :func:`describe_source` gives them.
        method: for raw stock layers: 'auto', 'ign', 'matrice' or 'matrice_seuils'.
        coverage: False skips polygons that are neither artificialised nor impermeable (faster; the
            covered share is then not computed).
        feedback: ``QgsProcessingFeedback``-like (setProgress, isCanceled, pushInfo).
        overlay: optional ``overlay(stock_debut, stock_fin, feedback) -> iterator of (wkb array,
            weights (n, 5))`` giving flows for a pair of millésimes without difference layer
            (``chain.overlay_flows``).
        convention: how codes above the leaves or outside the nomenclature are read (``rules.CONVENTIONS``).
        thresholds: ``thresholds(source, step) -> (sorted fids, artif)``, the matrix + thresholds of a
            stock layer (``chain.thresholds``); needed by method 'matrice_seuils'.
    """
    if len(territories) == 0:
        raise TerritoryError(tr("The territory layer has no feature. Expected territory polygons."))
    if not sources:
        raise TerritoryError(tr("No OCS GE layer to aggregate. Expected occupation du sol, artificialisation, difference or flows layers."))
    for source in sources:
        _check_projected(source)
    step = Step(feedback)
    placements = _Placements(territories)
    warnings = territories.notes()
    stats: dict = {}
    n_t = len(territories)
    stocks: dict[tuple[str, int], np.ndarray] = {}
    flows: dict[tuple[str, int, int], np.ndarray] = {}
    crs_of: dict[tuple, str] = {}
    placement_of: dict[str, _Placement] = {}
    # Overlays to come (pairs of stock layers without flow layer), for the progress bar's shares.
    overlay_pairs: list[tuple[str, Source, Source]] = []
    if overlay is not None:
        by_dep: dict[str, list[Source]] = {}
        for s in sources:
            if s.role == "stock":
                by_dep.setdefault(s.departement or "?", []).append(s)
        flow_keys = {(s.departement or "?", s.millesimes[0], s.millesimes[-1]) for s in sources if s.role == "flow"}
        for dep, group in by_dep.items():
            group.sort(key=lambda s: s.millesimes[-1])
            for a, b in zip(group, group[1:]):
                if (dep, a.millesimes[-1], b.millesimes[-1]) not in flow_keys:
                    overlay_pairs.append((dep, a, b))
    count = {id(s): max(s.layer.featureCount(), 1) for s in sources}
    overlay_work = {id(pair): 3 * (count[id(pair[1])] + count[id(pair[2])]) for pair in overlay_pairs}  # overlays weigh more
    weights_total = sum(count.values()) + sum(overlay_work.values())
    done = 0.0
    extents: dict[str, QgsRectangle] = {}  # the data's extent per CRS: the placement grid covers it
    for source in sources:
        key_crs = source.crs.authid() or source.crs.toWkt()
        box = QgsRectangle(source.layer.extent())
        if key_crs in extents:
            box.combineExtentWith(extents[key_crs])
        extents[key_crs] = box
    _check_overlap(placements, sources, extents)
    for source in sources:
        share = count[id(source)] / weights_total
        sub = step.sub(done, done + share * 0.98)
        done += share * 0.98
        placement = placements.get(source.crs, extents[source.crs.authid() or source.crs.toWkt()])
        key_crs = source.crs.authid() or source.crs.toWkt()
        placement_of[key_crs] = placement
        dep = source.departement or "?"
        if source.role == "stock":
            used = resolve_stock_method(source, method)
            key = (dep, source.millesimes[-1])
            if key in stocks:
                warnings.append(tr("Two stock layers for D{dep} {year}: both were added; check the inputs.").format(dep=dep, year=key[1]))
            sums = stocks.setdefault(key, np.zeros((n_t, 4)))
            crs_of[("s",) + key] = key_crs
            classification = None
            read_step = sub
            if used == "matrice_seuils":
                if thresholds is None:
                    raise ValueError("aggregate: method matrice_seuils needs the thresholds (chain.thresholds)")
                classification = thresholds(source, sub.sub(0.0, 0.6))
                read_step = sub.sub(0.6, 1.0)
            fields = [name for name in source.fields.values()]
            if used == "matrice_seuils":
                fields = [source.fields["code_cs"]]
            if feedback is not None:
                feedback.pushInfo(tr("{title}: stocks by method {method}").format(title=source.title, method=used))
            undetermined = _Undetermined(stats, source.title, str(source.millesimes[-1]))
            for batch in iter_batches(source.layer, fields, step=read_step):
                w = _stock_weights(source, batch, "matrice" if used == "classified" else used, classification, convention)
                want = None if coverage else (w[:, 1] + w[:, 2] + w[:, 3]) > 0
                undetermined.add(batch["wkb"], w[:, 3] > 0)
                _accumulate(placement, batch["wkb"], w, sums, stats, want, read_step)
        else:
            key = (dep, source.millesimes[0], source.millesimes[-1])
            sums = flows.setdefault(key, np.zeros((n_t, len(_FLOW))))
            crs_of[("f",) + key] = key_crs
            if feedback is not None:
                feedback.pushInfo(tr("{title}: flows").format(title=source.title))
            fields = list(source.fields.values())
            undetermined = _Undetermined(stats, source.title, "-".join(map(str, source.millesimes)))
            for batch in iter_batches(source.layer, fields, step=sub):
                w = _flow_weights(source, batch, convention)
                undetermined.add(batch["wkb"], w[:, 4] > 0)
                _accumulate(placement, batch["wkb"], w, sums, stats, w.sum(axis=1) > 0, sub)
    # Overlay for pairs of stock layers without a flow layer.
    for pair in overlay_pairs:
        dep, a, b = pair
        share = overlay_work[id(pair)] / weights_total
        sub = step.sub(done, done + share * 0.98)
        done += share * 0.98
        key = (dep, a.millesimes[-1], b.millesimes[-1])
        step.check()
        if feedback is not None:
            feedback.pushInfo(tr("D{dep} {a}-{b}: flows by overlay of the two millésimes").format(dep=dep, a=key[1], b=key[2]))
        placement = placements.get(b.crs, extents[b.crs.authid() or b.crs.toWkt()])
        sums = flows.setdefault(key, np.zeros((n_t, len(_FLOW))))
        crs_of[("f",) + key] = b.crs.authid()
        if placement.disjoint:  # no territory where the data is: nothing to overlay
            continue
        undetermined = _Undetermined(stats, tr("overlay of {a} and {b}").format(a=a.title, b=b.title), f"{key[1]}-{key[2]}")
        for wkb, w in overlay(a, b, sub):
            undetermined.add(wkb, np.asarray(w)[:, 4] > 0)
            _accumulate(placement, wkb, np.asarray(w, dtype=np.float64), sums, stats, np.asarray(w).sum(axis=1) > 0, sub)
    step.check()
    # Territory area in the CRS of the data covering it most.
    crs_keys = list(placement_of)
    area = placement_of[crs_keys[0]].area.copy()
    geometries = list(placement_of[crs_keys[0]].geometries)
    crs = placement_of[crs_keys[0]].crs
    if len(crs_keys) > 1:
        cover = {k: np.zeros(n_t) for k in crs_keys}
        for key, sums in stocks.items():
            cover[crs_of[("s",) + key]] += sums[:, 0]
        best = np.argmax(np.vstack([cover[k] for k in crs_keys]), axis=0)
        for j, k in enumerate(crs_keys):
            sel = best == j
            area[sel] = placement_of[k].area[sel]
    table, zero = _build_table(territories, area, stocks, flows, coverage, stats.get("repaired_t"))
    if zero:
        warnings.append(
            plural(
                len(zero),
                tr("{count} territory is outside the OCS GE data (zero coverage; its row has no values): {codes}."),
                tr("{count} territories are outside the OCS GE data (zero coverage; their rows have no values): {codes}."),
            ).format(
                count=len(zero), codes=", ".join(zero[:30]) + ("…" if len(zero) > 30 else "")
            )
        )
    if stats.get("repaired"):
        warnings.append(
            plural(
                stats["repaired"],
                tr("{count} invalid OCS GE polygon crossing a territory boundary was repaired for the intersection."),
                tr("{count} invalid OCS GE polygons crossing a territory boundary were repaired for the intersection."),
            ).format(count=stats["repaired"])
        )
    indet = sum(float(s[:, 3].sum()) for s in stocks.values())
    if indet > 0:
        warnings.append(tr("{area:.2f} ha of OCS GE polygons have an undetermined status (the leaves under their codes disagree: null, unknown or parent codes): counted apart (surface_indeterminee), never as non-artificialised.").format(area=indet / 1e4))
    indet_flows = sum(float(f[:, 4].sum()) for f in flows.values())
    if indet_flows > 0:
        warnings.append(tr("{area:.2f} ha of change pieces have flows that cannot be told (undetermined status at a date): kept out of the flows and counted apart (flux_indetermine).").format(area=indet_flows / 1e4))
    step.progress(1.0)
    return AggregateResult(table, territories, area, geometries, crs, warnings, stats, zero, convention)


def _build_table(
    territories: TerritorySet,
    area: np.ndarray,
    stocks: dict[tuple[str, int], np.ndarray],
    flows: dict[tuple[str, int, int], np.ndarray],
    coverage: bool,
    repaired: Optional[np.ndarray] = None,
) -> tuple[pd.DataFrame, list[str]]:
    """The long table. A stock no stock layer covers (only flow layers, or no OCS GE over the
    territory) is NULL, never 0; likewise flows no flow source covers (``inconnu`` says which)."""
    n_t = len(territories)
    deps = sorted({k[0] for k in stocks} | {k[0] for k in flows})
    years_of: dict[str, list[int]] = {}
    for dep in deps:
        years = {k[1] for k in stocks if k[0] == dep} | {y for k in flows if k[0] == dep for y in k[1:]}
        years_of[dep] = sorted(years)
    index_of = {dep: {y: i + 1 for i, y in enumerate(years)} for dep, years in years_of.items()}
    pairs: set[tuple[Optional[int], int]] = set()
    for dep, years in years_of.items():
        stock_years = sorted(k[1] for k in stocks if k[0] == dep)
        if len(stock_years) == 1 and not any(k[0] == dep for k in flows):
            pairs.add((None, index_of[dep][stock_years[0]]))
        for a, b in zip(stock_years, stock_years[1:]):
            pairs.add((index_of[dep][a], index_of[dep][b]))
        for k in flows:
            if k[0] == dep:
                pairs.add((index_of[dep][k[1]], index_of[dep][k[2]]))
    rows = []
    covered_any = np.zeros(n_t, dtype=bool)
    for s in stocks.values():
        covered_any |= s[:, 0] > 0
    for f in flows.values():
        covered_any |= f.sum(axis=1) > 0
    for i_debut, i_fin in sorted(pairs, key=lambda p: (p[1], p[0] or 0)):
        stock_fin = np.zeros((n_t, 4))
        stock_debut = np.zeros((n_t, 4))
        flow = np.zeros((n_t, len(_FLOW)))
        has_flow = np.zeros(n_t, dtype=bool)
        has_stock_fin = np.zeros(n_t, dtype=bool)
        has_stock_debut = np.zeros(n_t, dtype=bool)
        years_debut: list[set] = [set() for _ in range(n_t)]
        years_fin: list[set] = [set() for _ in range(n_t)]
        for dep in deps:
            years = years_of[dep]
            y_fin = years[i_fin - 1] if i_fin - 1 < len(years) else None
            y_debut = years[i_debut - 1] if i_debut is not None and i_debut - 1 < len(years) else None
            if y_fin is None:
                continue
            touched = np.zeros(n_t, dtype=bool)
            if (dep, y_fin) in stocks:
                s = stocks[(dep, y_fin)]
                stock_fin += s
                touched |= s.sum(axis=1) > 0
                has_stock_fin |= s.sum(axis=1) > 0
            if y_debut is not None and (dep, y_debut) in stocks:
                s = stocks[(dep, y_debut)]
                stock_debut += s
                touched |= s.sum(axis=1) > 0
                has_stock_debut |= s.sum(axis=1) > 0
            if y_debut is not None and (dep, y_debut, y_fin) in flows:
                f = flows[(dep, y_debut, y_fin)]
                flow += f
                touched |= f.sum(axis=1) > 0
                has_flow |= touched  # a territory of this département: its flows are known (maybe 0)
            for t in np.nonzero(touched)[0]:
                years_fin[t].add(y_fin)
                if y_debut is not None:
                    years_debut[t].add(y_debut)
        for t in range(n_t):
            a = area[t]
            present = bool(years_fin[t])
            row = {
                "code": territories.codes[t],
                "nom": territories.names[t],
                "index_debut": i_debut,
                "index_fin": i_fin,
                "millesime_debut": years_text(years_debut[t]) if present and years_debut[t] else None,
                "millesime_fin": years_text(years_fin[t]) if present else None,
                "surface": a,
            }
            if present:
                sf, sd, fl = stock_fin[t], stock_debut[t], flow[t]
                unknown = []
                if has_stock_fin[t]:
                    row.update(
                        surface_couverte=sf[0] if coverage else None,
                        pourcent_couvert=(100.0 * sf[0] / a if a > 0 else None) if coverage else None,
                        surface_artif=sf[1],
                        pourcent_artif=100.0 * sf[1] / a if a > 0 else None,
                        surface_imper=sf[2],
                        pourcent_imper=100.0 * sf[2] / a if a > 0 else None,
                        surface_indeterminee=sf[3],
                    )
                else:
                    unknown.append("stock")
                if i_debut is not None and has_stock_debut[t]:
                    row.update(
                        surface_artif_debut=sd[1],
                        surface_imper_debut=sd[2],
                        surface_couverte_debut=sd[0] if coverage else None,
                    )
                if i_debut is not None:
                    if has_flow[t]:
                        row.update(
                            flux_artif=fl[0], flux_desartif=fl[1], flux_artif_net=fl[0] - fl[1],
                            flux_imper=fl[2], flux_desimper=fl[3], flux_imper_net=fl[2] - fl[3],
                            flux_indetermine=fl[4],
                        )
                    else:
                        unknown.append("flux")
                row["inconnu"] = ", ".join(unknown) or None
                row["polygones_repares"] = float(repaired[t]) if repaired is not None else 0.0
            rows.append(row)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    for name in ("index_debut", "index_fin"):
        table[name] = table[name].astype("Int64")
    table[NUMBER_COLUMNS] = table[NUMBER_COLUMNS].astype(float)
    zero = [territories.codes[t] for t in range(n_t) if not covered_any[t]]
    return table, zero


