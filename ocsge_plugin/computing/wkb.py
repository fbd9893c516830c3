"""Polygon WKB read with numpy: planar areas (shoelace formula) and bounding boxes, in bulk.

Shared by the aggregation (placing each polygon in a territory) and the thresholds (areas of every
polygon of a millésime). Single-ring 2D little-endian (Multi)Polygons, the vast majority in OCS GE,
never become Python objects; the others go through OGR.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from osgeo import ogr


def _u32(u8: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Little-endian uint32 read at byte positions ``pos`` (no alignment needed)."""
    return (
        u8[pos].astype(np.uint32)
        | (u8[pos + 1].astype(np.uint32) << 8)
        | (u8[pos + 2].astype(np.uint32) << 16)
        | (u8[pos + 3].astype(np.uint32) << 24)
    )


def _joined(wkbs: Sequence[Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray, bytes]:
    """(u8 view, start offsets, lengths, the joined bytes) of a sequence of WKB blobs (None → empty)."""
    if isinstance(wkbs, np.ndarray) and wkbs.dtype.kind == "V" and not np.ma.isMaskedArray(wkbs):
        size = wkbs.dtype.itemsize
        joined = wkbs.tobytes()
        n = wkbs.shape[0]
        return np.frombuffer(joined, np.uint8), np.arange(n, dtype=np.int64) * size, np.full(n, size, np.int64), joined
    if np.ma.isMaskedArray(wkbs):
        mask = np.ma.getmaskarray(wkbs)
        data = wkbs.data
        blobs = data.tolist() if not mask.any() else [b"" if m else b for b, m in zip(data.tolist(), mask.tolist())]
    else:
        blobs = wkbs.tolist() if isinstance(wkbs, np.ndarray) else list(wkbs)
    try:
        joined = b"".join(blobs)
    except TypeError:  # None, numpy voids…
        blobs = [b if isinstance(b, bytes) else (bytes(b) if b is not None else b"") for b in blobs]
        joined = b"".join(blobs)
    lengths = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
    starts = np.zeros(len(blobs), dtype=np.int64)
    if len(blobs) > 1:
        np.cumsum(lengths[:-1], out=starts[1:])
    return np.frombuffer(joined, np.uint8), starts, lengths, joined


def wkb_area_bbox(wkbs: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Planar area and bounding box (xmin, ymin, xmax, ymax) of each polygon WKB blob.

    Single-ring 2D little-endian (Multi)Polygons, the vast majority in OCS GE, are parsed with numpy
    (shoelace formula on coordinates taken relative to the ring's first vertex, for precision); the
    others (holes, several parts, Z/M, other byte order) go through OGR. Empty or null → area 0, NaN box.
    """
    n = len(wkbs)
    area = np.zeros(n, dtype=np.float64)
    bbox = np.full((n, 4), np.nan, dtype=np.float64)
    if n == 0:
        return area, bbox
    u8, starts, lengths, joined = _joined(wkbs)
    ok = lengths >= 13
    simple_poly = np.zeros(n, dtype=bool)
    simple_multi = np.zeros(n, dtype=bool)
    idx = np.nonzero(ok)[0]
    if idx.size:
        s = starts[idx]
        little = u8[s] == 1
        gtype = np.where(little, _u32(u8, s + 1), 0)
        # Polygon: 1 ring, length 13 + 16 n.
        cand = little & (gtype == 3)
        if cand.any():
            c = idx[cand]
            rings = _u32(u8, starts[c] + 5)
            npts = _u32(u8, starts[c] + 9).astype(np.int64)
            good = (rings == 1) & (lengths[c] == 13 + 16 * npts)
            simple_poly[c[good]] = True
        # MultiPolygon: 1 polygon of 1 ring, length 22 + 16 n.
        cand = little & (gtype == 6) & (lengths[idx] >= 22)
        if cand.any():
            c = idx[cand]
            parts = _u32(u8, starts[c] + 5)
            inner_little = u8[starts[c] + 9] == 1
            inner_type = _u32(u8, starts[c] + 10)
            rings = _u32(u8, starts[c] + 14)
            npts = _u32(u8, starts[c] + 18).astype(np.int64)
            good = (parts == 1) & inner_little & (inner_type == 3) & (rings == 1) & (lengths[c] == 22 + 16 * npts)
            simple_multi[c[good]] = True
    simple = simple_poly | simple_multi
    sidx = np.nonzero(simple)[0]
    if sidx.size:
        coord_start = np.where(simple_poly[sidx], starts[sidx] + 13, starts[sidx] + 22)
        npts = (lengths[sidx] - np.where(simple_poly[sidx], 13, 22)) // 16
        shift = coord_start % 8
        for k in np.unique(shift).tolist():
            mask = shift == k
            sel = slice(None) if mask.all() else np.nonzero(mask)[0]
            x, y = _gather_coords(joined, coord_start[sel], npts[sel], int(k))
            ring_area, boxes = _ring_area_bbox(x, y, npts[sel])
            area[sidx[sel]] = np.abs(ring_area)
            bbox[sidx[sel]] = boxes
    # Everything else through OGR.
    for i in np.nonzero(ok & ~simple)[0]:
        blob = joined[starts[i]: starts[i] + lengths[i]]
        try:
            geometry = ogr.CreateGeometryFromWkb(blob)
        except Exception:  # noqa: BLE001 - unreadable WKB: no area
            continue
        if geometry is None or geometry.IsEmpty():
            continue
        area[i] = geometry.GetArea()
        x0, x1, y0, y1 = geometry.GetEnvelope()
        bbox[i] = (x0, y0, x1, y1)
    return area, bbox


def _gather_coords(joined: bytes, coord_start: np.ndarray, npts: np.ndarray, shift: int) -> tuple[np.ndarray, np.ndarray]:
    """x, y of consecutive rings whose doubles start at byte ``coord_start`` (all ≡ ``shift`` mod 8)."""
    counts = npts * 2
    total = int(counts.sum())
    if total == 0:
        return np.empty(0), np.empty(0)
    view = np.frombuffer(joined, dtype="<f8", count=(len(joined) - shift) // 8, offset=shift)
    word0 = (coord_start - shift) // 8
    # index of every double: runs of consecutive words, built with one cumulative sum
    steps = np.ones(total, dtype=np.int64)
    ends = np.cumsum(counts)
    steps[0] = word0[0]
    if counts.size > 1:
        steps[ends[:-1]] = word0[1:] - (word0[:-1] + counts[:-1] - 1)
    values = view[np.cumsum(steps)]
    return values[0::2], values[1::2]


def _ring_area_bbox(x: np.ndarray, y: np.ndarray, npts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Signed shoelace area and bounding box of consecutive rings of ``npts`` vertices."""
    m = npts.size
    first = np.zeros(m, dtype=np.int64)
    if m > 1:
        np.cumsum(npts[:-1], out=first[1:])
    nonempty = npts > 0
    x0 = np.repeat(np.where(nonempty, x[np.minimum(first, max(x.size - 1, 0))] if x.size else 0.0, 0.0), npts)
    y0 = np.repeat(np.where(nonempty, y[np.minimum(first, max(y.size - 1, 0))] if y.size else 0.0, 0.0), npts)
    dx, dy = x - x0, y - y0
    cross = np.zeros(x.size, dtype=np.float64)
    if x.size > 1:
        cross[:-1] = dx[:-1] * dy[1:] - dx[1:] * dy[:-1]
    last = first + npts - 1
    cross[last[nonempty]] = 0.0  # the term joining a ring to the next one
    area = np.zeros(m, dtype=np.float64)
    boxes = np.full((m, 4), np.nan, dtype=np.float64)
    if nonempty.any():
        f = first[nonempty]
        area[nonempty] = 0.5 * np.add.reduceat(cross, f)
        boxes[nonempty, 0] = np.minimum.reduceat(x, f)
        boxes[nonempty, 1] = np.minimum.reduceat(y, f)
        boxes[nonempty, 2] = np.maximum.reduceat(x, f)
        boxes[nonempty, 3] = np.maximum.reduceat(y, f)
    # reduceat over an empty ring would read the next one: empty rings were excluded above
    return area, boxes
