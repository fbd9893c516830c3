"""Export outlines: simplified in metres with shared boundaries simplified once (neighbours stay
neighbours), then in EPSG:4326."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
)

from ..computing.classify import suggest_projected_crs
from ..core import compat
from ..core.errors import Canceled

__all__ = [
    "TOLERANCES",
    "prepare_geometries",
]

# Simplification tolerance per level, in metres (as the national pipeline does).
TOLERANCES = {
    "commune": 50.0,
    "epci": 250.0,
    "scot": 250.0,
    "departement": 1500.0,
    "region": 1500.0,
}


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
    boundary changes); each distinct arc is simplified once (Douglas-Peucker, endpoints fixed)
    and the rings are rebuilt from the simplified arcs, so a shared boundary is simplified
    identically on both sides. A polygon that would become invalid or collapse keeps its original
    outline (shared arcs of its neighbours are then left as they were too)."""
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
    """The polygons rebuilt from their simplified rings; one that became invalid or empty keeps
    its original outline."""
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
