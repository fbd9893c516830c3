"""Territories and the placement of OCS GE polygons in them: the only geometric step of the
domain (docs/domain.md §4).

``TerritorySet.from_layer(layer, code_field, name_field, keep_fields=(), feedback=None)`` reads
territory polygons in any CRS (invalid geometries repaired, duplicate codes merged, both
reported). ``Placement`` places each polygon by a raster of the territories: cells that no
territory boundary crosses belong wholly to one territory, so a polygon whose bounding box lies
in such cells costs nothing more than its area; only polygons near a boundary go to GEOS
(prepared containment test, then intersection), and their answer is kept (by WKB hash) for the
next millésime, where most polygons are identical. ``accumulate`` adds each polygon's area ×
weights to the sums of its territories.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
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

from ..core import compat
from ..core.errors import TerritoryError
from ..core.i18n import plural, tr
from . import cells
from .batches import Step
from .codes import is_null
from .wkb import wkb_area_bbox

__all__ = ["TerritorySet", "polygonal", "Placement", "Placements", "accumulate"]

gdal.UseExceptions()


def _check_territory_layer(layer: Any, wanted: list[str | None]) -> None:
    """Refuse a territory layer without the fields ``wanted`` (None: not asked) or not of
    polygons."""
    names = layer.fields().names()
    missing = [f for f in wanted if f and f not in names]
    if missing:
        raise TerritoryError(
            tr(
                "The territory layer has no field {missing} (fields: {fields}). "
                "Expected the territory code and name fields."
            ).format(missing=", ".join(missing), fields=", ".join(names))
        )
    if QgsWkbTypes.geometryType(layer.wkbType()) != QgsWkbTypes.GeometryType.PolygonGeometry:
        raise TerritoryError(tr("The territory layer must hold polygons (communes, EPCI, zones…)."))


def _merged(parts: list[QgsGeometry]) -> tuple[QgsGeometry, bool]:
    """One territory's parts, the invalid ones repaired, as one geometry (empty when none), and
    whether one was repaired."""
    geometry = QgsGeometry()
    repaired = False
    fixed = []
    for part in parts:
        if not part.isGeosValid():
            part = polygonal(part.makeValid())
            repaired = True
        fixed.append(part)
    if len(fixed) == 1:
        geometry = fixed[0]
    elif fixed:
        geometry = QgsGeometry.unaryUnion(fixed)
    return geometry, repaired


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
        name_field: str | None = None,
        keep_fields: Sequence[str] = (),
        feedback: Any = None,
    ) -> TerritorySet:
        """Read territories from a layer (or feature source); merge features sharing a code."""
        _check_territory_layer(layer, [code_field, name_field, *keep_fields])
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
                    "nom": ""
                    if not name_field or is_null(feature[name_field])
                    else str(feature[name_field]),
                    "parts": [],
                    "extras": {
                        k: (None if is_null(feature[k]) else feature[k]) for k in keep_fields
                    },
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
            geometry, repaired = _merged(parts)
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
                tr(
                    "Duplicate territory codes, their features merged into one territory: {codes}."
                ).format(codes=", ".join(f"{c} (×{n})" for c, n in sorted(self.duplicates.items())))
            )
        if self.repaired:
            out.append(
                plural(
                    len(self.repaired),
                    tr("{count} invalid territory geometry was repaired: {codes}."),
                    tr("{count} invalid territory geometries were repaired: {codes}."),
                ).format(
                    count=len(self.repaired),
                    codes=", ".join(self.repaired[:20]) + ("…" if len(self.repaired) > 20 else ""),
                )
            )
        if self.empty:
            out.append(
                tr("Territories without geometry (counted as zero area): {codes}.").format(
                    codes=", ".join(self.empty[:20])
                )
            )
        return out


def polygonal(geometry: QgsGeometry) -> QgsGeometry:
    if QgsWkbTypes.geometryType(geometry.wkbType()) != QgsWkbTypes.GeometryType.PolygonGeometry:
        if not geometry.convertGeometryCollectionToSubclass(
            QgsWkbTypes.GeometryType.PolygonGeometry
        ):
            return QgsGeometry()
    return geometry


class Placement:
    """Territories in one data CRS: a raster telling which cells lie wholly in one territory (or in
    none), and prepared geometries for the polygons that need an exact answer."""

    MAX_CELLS = 4_000_000

    def __init__(
        self,
        territories: TerritorySet,
        crs: QgsCoordinateReferenceSystem,
        extent: QgsRectangle | None,
    ):
        self.crs = crs
        transform = QgsCoordinateTransform(territories.crs, crs, QgsProject.instance())
        self.geometries: list[QgsGeometry] = []
        for geometry in territories.geometries:
            g = QgsGeometry(geometry)
            if not g.isNull() and territories.crs != crs:
                g.transform(transform)
                if not g.isGeosValid():
                    g = polygonal(g.makeValid())
            self.geometries.append(g)
        self.area = np.array(
            [g.area() if not g.isNull() else 0.0 for g in self.geometries], dtype=np.float64
        )
        self.index = QgsSpatialIndex()
        full = compat.null_rectangle()
        for i, g in enumerate(self.geometries):
            if g.isNull() or g.isEmpty():
                continue
            box = g.boundingBox()
            self.index.addFeature(i, box)
            full.combineExtentWith(box)
        self._engines: dict[int, Any] = {}
        self._partition: bool | None = None
        self._union_engine: Any = None
        # Polygons crossing a boundary, by their exact WKB: most are identical in every millésime
        # (IGN re-surveys change zones only), so the second millésime reuses the first one's pieces.
        self._cache: dict[bytes, tuple[list[tuple[int, float]], bool]] = {}
        self.grid_extent: QgsRectangle | None = None
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

        gdal.PushErrorHandler(
            "CPLQuietErrorHandler"
        )  # the in-memory layers have no CRS: that is intended
        try:
            owner_ds, count_ds, edge_ds = self._rasterize(raster, polys, lines)
        finally:
            gdal.PopErrorHandler()
        owner = owner_ds.GetRasterBand(1).ReadAsArray().astype(np.int32)
        count = count_ds.GetRasterBand(1).ReadAsArray()
        edge = edge_ds.GetRasterBand(1).ReadAsArray().astype(bool)
        owner_ds = count_ds = edge_ds = mem = None  # free the rasters and layers
        # A cell is decided when no territory boundary crosses it (dilated by one cell, for safety)
        # and its centre lies in at most one territory: it then lies wholly in that territory, or in
        # none.
        bad = cells.dilate(edge | (count > 1))  # dilated by one cell in the 8 directions
        del count, edge
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
        """Territory index of each box wholly inside one territory, -2 wholly outside all, -1
        undecided."""
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
        # Wholly outside the grid (which covers every territory within the data's extent): no
        # territory.
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
        territory then needs no test against the others. Checked once, on bounding-box
        neighbours."""
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

    def exact(
        self, blob: bytes, area: float, hint: int = -1, cover_only: bool = False
    ) -> tuple[list[tuple[int, float]], bool]:
        """Like :meth:`_exact`, reusing the answer for a polygon already met (same WKB: keyed by
        its hash and length, 64 + 32 bits; a collision between two polygons of a run is ~1e-9
        likely)."""
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
                members = [
                    g
                    for g in self.geometries
                    if not g.isNull()
                    and not g.isEmpty()
                    and (box is None or g.boundingBox().intersects(box))
                ]
                if members:
                    union = QgsGeometry.unaryUnion(members)
                    if not union.isNull():
                        engine = QgsGeometry.createGeometryEngine(union.constGet())
                        engine.prepareGeometry()
                        self._union_keep = union
                        self._union_engine = engine
        return self._union_engine or None

    def _exact(
        self, blob: bytes, area: float, hint: int = -1, cover_only: bool = False
    ) -> tuple[list[tuple[int, float]], bool]:
        """(territory, area of polygon ∩ territory) pairs for one polygon; True when it was
        repaired.

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
            # Coverage only (the polygon is neither artificialised nor impermeable): inside the
            # union of a partition, the second share is the polygon's area minus the first (one
            # intersection instead of two; outlines that do not tile exactly put their cm² slivers
            # in it).
            union = self._union()
            if union is not None and union.contains(shape):
                last = crossing.pop()
        done = 0.0
        for i in crossing:
            engine = self.engine(i)
            # the territory's engine already holds it in GEOS: only the polygon is converted
            piece = engine.intersection(shape)
            if piece is None and not repaired:
                geometry = polygonal(geometry.makeValid())
                repaired = True
                shape = geometry.constGet()
                piece = engine.intersection(shape) if not geometry.isNull() else None
            if piece is not None:
                value = QgsGeometry(
                    piece
                ).area()  # QgsAbstractGeometry.area() loses ~1e-3 m² at Lambert-93 coordinates
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


class Placements:
    def __init__(self, territories: TerritorySet):
        self.territories = territories
        self.by_crs: dict[str, Placement] = {}

    def get(self, crs: QgsCoordinateReferenceSystem, extent: QgsRectangle | None) -> Placement:
        key = crs.authid() or crs.toWkt()
        placement = self.by_crs.get(key)
        if placement is None:
            placement = Placement(self.territories, crs, extent)
            self.by_crs[key] = placement
        return placement


def accumulate(
    placement: Placement,
    wkb: Any,
    weights: np.ndarray,
    sums: np.ndarray,
    stats: dict,
    want: np.ndarray | None = None,
    step: Step | None = None,
    on_pieces: Callable[[np.ndarray, np.ndarray, np.ndarray], Any] | None = None,
) -> None:
    """Add each polygon's area × ``weights[:, k]`` to ``sums[territory, k]``.

    ``want`` (bool per polygon) limits the work to polygons that contribute (others skipped).
    ``on_pieces(polygon positions in wkb, territories, areas)`` receives every piece summed (the
    per-class sums of ``classes.Collector`` are made in the same pass)."""
    n = len(wkb)
    if n == 0:
        return
    kept = None
    if want is not None:
        kept = np.nonzero(want)[0]
        if kept.size == 0:
            return
        if kept.size < n:
            wkb = wkb[kept]
            weights = weights[kept]
            n = kept.size
    area, bbox = wkb_area_bbox(wkb)
    where = placement.place(bbox)
    decided = where >= 0
    t = placement.geometries
    if decided.any():
        idx = where[decided]
        contrib = weights[decided] * area[decided, None]
        for k in range(weights.shape[1]):
            sums[:, k] += np.bincount(idx, weights=contrib[:, k], minlength=len(t))
        if on_pieces is not None:
            on_pieces(_positions(kept, np.nonzero(decided)[0]), idx, area[decided])
    stats["polygons"] = stats.get("polygons", 0) + n
    stats["fast"] = stats.get("fast", 0) + int(decided.sum()) + int((where == -2).sum())
    undecided = np.nonzero(where == -1)[0]
    if undecided.size == 0:
        return
    stats["exact"] = stats.get("exact", 0) + int(undecided.size)
    rows, where_t, values = _exact_pieces(
        placement, wkb, undecided, area, bbox, weights, stats, step
    )
    if rows:
        contrib = weights[np.asarray(rows)] * np.asarray(values)[:, None]
        np.add.at(sums, np.asarray(where_t), contrib)
        if on_pieces is not None:
            on_pieces(_positions(kept, np.asarray(rows)), np.asarray(where_t), np.asarray(values))


def _exact_pieces(
    placement: Placement,
    wkb: Any,
    undecided: np.ndarray,
    area: np.ndarray,
    bbox: np.ndarray,
    weights: np.ndarray,
    stats: dict,
    step: Step | None,
) -> tuple[list[int], list[int], list[float]]:
    """The polygons the boxes did not place, split exactly among the territories: (polygon
    position, territory, area) of every piece; repairs counted in ``stats``."""
    t = placement.geometries
    blobs = wkb.data if np.ma.isMaskedArray(wkb) else wkb
    masked = np.ma.getmaskarray(wkb) if np.ma.isMaskedArray(wkb) else None
    hints = placement.hint(bbox[undecided]).tolist()
    # polygons weighing on the first column only (coverage): their split may be deduced (see exact)
    cover_only = (
        (weights[undecided, 1:] == 0).all(axis=1)
        if weights.shape[1] > 1
        else np.ones(undecided.size, bool)
    ).tolist()
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
        pieces, repaired = exact(
            blob if isinstance(blob, bytes) else bytes(blob),
            area[j],
            hints[count],
            cover_only[count],
        )
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
    return rows, where_t, values


def _positions(kept: np.ndarray | None, rows: np.ndarray) -> np.ndarray:
    """Positions in the batch of ``rows`` of the polygons ``accumulate`` kept (all when ``kept``
    is None)."""
    return rows if kept is None else kept[rows]
