"""Polygon WKB read with numpy: planar areas (shoelace formula) and bounding boxes, in bulk.

Shared by the aggregation (placing each polygon in a territory) and the thresholds (areas of every
polygon of a millésime). Single-ring 2D little-endian (Multi)Polygons, the vast majority in OCS GE,
never become Python objects; the others go through OGR.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from typing import Any

import numpy as np
from osgeo import ogr

__all__ = [
    "wkb_area_bbox",
    "as_bytes",
    "parse_rings",
    "polygon_areas_of_rings",
    "ring_areas",
    "ragged_arange",
    "canonical_key",
]


def _u32(u8: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Little-endian uint32 read at byte positions ``pos`` (no alignment needed)."""
    return (
        u8[pos].astype(np.uint32)
        | (u8[pos + 1].astype(np.uint32) << 8)
        | (u8[pos + 2].astype(np.uint32) << 16)
        | (u8[pos + 3].astype(np.uint32) << 24)
    )


def _joined(wkbs: Sequence[Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray, bytes]:
    """(u8 view, start offsets, lengths, the joined bytes) of a sequence of WKB blobs (None →
    empty)."""
    if isinstance(wkbs, np.ndarray) and wkbs.dtype.kind == "V" and not np.ma.isMaskedArray(wkbs):
        size = wkbs.dtype.itemsize
        joined = wkbs.tobytes()
        n = wkbs.shape[0]
        return (
            np.frombuffer(joined, np.uint8),
            np.arange(n, dtype=np.int64) * size,
            np.full(n, size, np.int64),
            joined,
        )
    if np.ma.isMaskedArray(wkbs):
        mask = np.ma.getmaskarray(wkbs)
        data = wkbs.data
        blobs = (
            data.tolist()
            if not mask.any()
            else [b"" if m else b for b, m in zip(data.tolist(), mask.tolist())]
        )
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

    Single-ring 2D little-endian (Multi)Polygons, the vast majority in OCS GE, are parsed with
    numpy (shoelace formula on coordinates taken relative to the ring's first vertex, for
    precision); the others (holes, several parts, Z/M, other byte order) go through OGR. Empty or
    null → area 0, NaN box."""
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
            good = (
                (parts == 1)
                & inner_little
                & (inner_type == 3)
                & (rings == 1)
                & (lengths[c] == 22 + 16 * npts)
            )
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
        blob = joined[starts[i] : starts[i] + lengths[i]]
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


def _gather_coords(
    joined: bytes, coord_start: np.ndarray, npts: np.ndarray, shift: int
) -> tuple[np.ndarray, np.ndarray]:
    """x, y of consecutive rings whose doubles start at byte ``coord_start`` (all ≡ ``shift`` mod
    8)."""
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


def _ring_area_bbox(
    x: np.ndarray, y: np.ndarray, npts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Signed shoelace area and bounding box of consecutive rings of ``npts`` vertices."""
    m = npts.size
    first = np.zeros(m, dtype=np.int64)
    if m > 1:
        np.cumsum(npts[:-1], out=first[1:])
    nonempty = npts > 0
    x0 = np.repeat(
        np.where(nonempty, x[np.minimum(first, max(x.size - 1, 0))] if x.size else 0.0, 0.0), npts
    )
    y0 = np.repeat(
        np.where(nonempty, y[np.minimum(first, max(y.size - 1, 0))] if y.size else 0.0, 0.0), npts
    )
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


# ------------------------------------------------------------------ every ring of any polygon WKB
# (the thresholds: areas with holes and the vertices of the mesh; any byte order, Z, M, EWKB SRID)


def as_bytes(geometry: Any) -> bytes:
    if geometry is None:
        return b""
    if isinstance(geometry, bytes):
        return geometry
    return bytes(geometry)  # QByteArray, bytearray, memoryview


def parse_rings(
    chunk: list,
    lengths: np.ndarray,
    first: int,
    origin: tuple[float, float] | None,
    progress: Any,
) -> tuple:
    """Rings of a chunk of WKB: (x, y relative to ``origin``, ring vertex counts, ring's geometry
    in the chunk, ring is exterior, origin — the first vertex seen, floored, when ``origin`` is
    None)."""
    joined = b"".join(chunk)
    ends = np.cumsum(lengths)
    offsets = ends - lengths
    u8 = np.frombuffer(joined, dtype=np.uint8)
    rings = _parse_vectorised(u8, offsets, ends)
    pending = np.flatnonzero((lengths > 0) & ~rings.pop("handled"))
    if pending.size:
        slow = _parse_slow(joined, offsets, ends, pending, first, progress)
        rings = {key: np.concatenate([rings[key], slow[key]]) for key in rings}
    x, y = _gather(joined, u8.size, rings)
    del joined, u8
    if x.size and origin is None:
        origin = (float(np.floor(x[0])), float(np.floor(y[0])))
    if x.size:
        x -= origin[0]
        y -= origin[1]
    return x, y, rings["count"], rings["geom"], rings["exterior"], origin


def polygon_areas_of_rings(
    ring_area: np.ndarray, geom: np.ndarray, exterior: np.ndarray, n: int
) -> np.ndarray:
    """Exterior rings minus holes, per geometry of a chunk."""
    return np.bincount(geom, weights=np.where(exterior, 1.0, -1.0) * np.abs(ring_area), minlength=n)


def ring_areas(x: np.ndarray, y: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Signed (shoelace) area of each ring, relative to its first vertex for precision.

    The pairs of consecutive vertices are read on shifted views (no gather). The pair that runs
    from a ring's last vertex to the next ring's first adds zero, as the closing pair (last →
    first) would: both have a vertex at the ring's own origin, so the sums are those of the
    ring's sides alone."""
    n_rings = count.size
    if not x.size:
        return np.zeros(n_rings)
    start = np.cumsum(count) - count
    nonempty = count > 0
    dx = x - np.repeat(x[start[nonempty]], count[nonempty])
    dy = y - np.repeat(y[start[nonempty]], count[nonempty])
    cross = dx[:-1] * dy[1:]
    cross -= dx[1:] * dy[:-1]
    del dx, dy
    ring_of_pt = np.repeat(np.arange(n_rings), count)[:-1]
    return np.bincount(ring_of_pt, weights=cross, minlength=n_rings) / 2.0


def _u32_clipped(u8: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Little-endian uint32 at byte positions (positions out of range give garbage, to be
    masked)."""
    if u8.size < 4:
        return np.zeros(pos.shape, dtype=np.int64)
    pos = np.clip(pos, 0, u8.size - 4)
    out = u8[pos].astype(np.int64)
    out |= u8[pos + 1].astype(np.int64) << 8
    out |= u8[pos + 2].astype(np.int64) << 16
    out |= u8[pos + 3].astype(np.int64) << 24
    return out


def _vec_polygons(u8: np.ndarray, cur: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, ...]:
    """Parse little-endian 2D WKB polygons starting at ``cur`` (bounded by ``end``), vectorised.

    Returns (ok, ring_pos, ring_count, ring_owner (index into cur), ring_exterior, position after).
    """
    ok = cur + 9 <= end
    if u8.size:
        ok &= (u8[np.clip(cur, 0, u8.size - 1)] == 1) & (_u32_clipped(u8, cur + 1) == 3)
    else:
        ok[:] = False
    n_rings = np.where(ok, _u32_clipped(u8, cur + 5), 0)
    pos = cur + 9
    parts: list[tuple[np.ndarray, ...]] = []
    k = 0
    idx = np.flatnonzero(ok & (n_rings > 0))
    while idx.size:
        p = pos[idx]
        count = _u32_clipped(u8, p)
        good = (p + 4 <= end[idx]) & (p + 4 + 16 * count <= end[idx])
        ok[idx[~good]] = False
        idx, p, count = idx[good], p[good], count[good]
        parts.append((p + 4, count, idx, np.full(idx.size, k == 0)))
        pos[idx] = p + 4 + 16 * count
        k += 1
        idx = idx[n_rings[idx] > k]
    if parts:
        rp, rc, ro, rx = (np.concatenate(col) for col in zip(*parts))
    else:
        rp = rc = ro = np.zeros(0, dtype=np.int64)
        rx = np.zeros(0, dtype=bool)
    return ok, rp, rc, ro, rx, pos


def _parse_vectorised(
    u8: np.ndarray, offsets: np.ndarray, ends: np.ndarray
) -> dict[str, np.ndarray]:
    """Rings of the little-endian 2D Polygon / MultiPolygon WKB, vectorised; ``handled`` marks
    them."""
    n = offsets.size
    handled = np.zeros(n, dtype=bool)
    cols: list[tuple[np.ndarray, ...]] = []
    if u8.size >= 9:
        first = u8[np.clip(offsets, 0, u8.size - 1)]
        typ = _u32_clipped(u8, offsets + 1)
        little = (ends - offsets >= 9) & (first == 1)

        sel = np.flatnonzero(little & (typ == 3))
        ok, rp, rc, ro, rx, pos = _vec_polygons(u8, offsets[sel], ends[sel])
        ok &= pos == ends[sel]
        handled[sel[ok]] = True
        cols.append((rp, rc, sel[ro], rx))

        sel = np.flatnonzero(little & (typ == 6))
        n_parts = _u32_clipped(u8, offsets[sel] + 5)
        cur = offsets[sel] + 9
        ok_m = np.ones(sel.size, dtype=bool)
        j = 0
        idx = np.flatnonzero(n_parts > 0)
        while idx.size:
            ok, rp, rc, ro, rx, pos = _vec_polygons(u8, cur[idx], ends[sel[idx]])
            ok_m[idx[~ok]] = False
            cols.append((rp, rc, sel[idx[ro]], rx))
            cur[idx[ok]] = pos[ok]
            j += 1
            idx = idx[ok]
            idx = idx[n_parts[idx] > j]
        ok_m &= cur == ends[sel]
        handled[sel[ok_m]] = True

    if cols:
        rp, rc, rg, rx = (np.concatenate(col) for col in zip(*cols))
        keep = handled[rg]
        rp, rc, rg, rx = rp[keep], rc[keep], rg[keep], rx[keep]
    else:
        rp = rc = rg = np.zeros(0, dtype=np.int64)
        rx = np.zeros(0, dtype=bool)
    return {
        "pos": rp.astype(np.int64),
        "count": rc.astype(np.int64),
        "dims": np.full(rp.size, 2, dtype=np.int64),
        "big": np.zeros(rp.size, dtype=bool),
        "geom": rg.astype(np.int64),
        "exterior": rx.astype(bool),
        "handled": handled,
    }


def _wkb_type(code: int) -> tuple[int, int, bool]:
    """(base type, coordinate dimensions, has SRID) of an ISO or EWKB type code."""
    flags_z, flags_m, flag_srid = code & 0x80000000, code & 0x40000000, code & 0x20000000
    code &= 0x0FFFFFFF
    base, family = code % 1000, code // 1000
    dims = {0: 2, 1: 3, 2: 3, 3: 4}.get(family)
    if dims is None:
        raise ValueError(f"type WKB inconnu : {code}")
    dims += bool(flags_z) + bool(flags_m)
    return base, dims, bool(flag_srid)


def _parse_slow(
    joined: bytes,
    offsets: np.ndarray,
    ends: np.ndarray,
    which: np.ndarray,
    first: int,
    progress: Any,
) -> dict:
    """Rings of any (multi)polygon WKB (big-endian, Z, M, EWKB SRID), one geometry at a time."""
    pos_l: list[int] = []
    count_l: list[int] = []
    dims_l: list[int] = []
    big_l: list[bool] = []
    geom_l: list[int] = []
    ext_l: list[bool] = []

    def header(pos: int, end: int) -> tuple[str, int, int, int]:
        if pos + 5 > end or joined[pos] not in (0, 1):
            raise ValueError("WKB invalide")
        fmt = "<" if joined[pos] == 1 else ">"
        (code,) = struct.unpack_from(fmt + "I", joined, pos + 1)
        base, dims, srid = _wkb_type(code)
        return fmt, base, dims, pos + 5 + (4 if srid else 0)

    def polygon(pos: int, end: int, fmt: str, dims: int, geom: int) -> int:
        (n_rings,) = struct.unpack_from(fmt + "I", joined, pos)
        pos += 4
        for k in range(n_rings):
            if pos + 4 > end:
                raise ValueError("WKB tronqué")
            (count,) = struct.unpack_from(fmt + "I", joined, pos)
            pos_l.append(pos + 4)
            count_l.append(count)
            dims_l.append(dims)
            big_l.append(fmt == ">")
            geom_l.append(geom)
            ext_l.append(k == 0)
            pos += 4 + 8 * dims * count
        if pos > end:
            raise ValueError("WKB tronqué")
        return pos

    for i, geom in enumerate(which.tolist()):
        if i % 10000 == 0:
            progress.check()
        start, end = int(offsets[geom]), int(ends[geom])
        try:
            fmt, base, dims, pos = header(start, end)
            if base == 3:
                polygon(pos, end, fmt, dims, geom)
            elif base == 6:
                (n_parts,) = struct.unpack_from(fmt + "I", joined, pos)
                pos += 4
                for _ in range(n_parts):
                    pfmt, pbase, pdims, pos = header(pos, end)
                    if pbase != 3:
                        raise ValueError(f"partie de type WKB {pbase} dans un MultiPolygon")
                    pos = polygon(pos, end, pfmt, pdims, geom)
            elif base == 7 and struct.unpack_from(fmt + "I", joined, pos)[0] == 0:
                pass  # empty GeometryCollection (QGIS's "empty geometry")
            else:
                raise ValueError(f"géométrie de type WKB {base} : polygones attendus")
        except (ValueError, struct.error) as error:
            raise ValueError(f"géométrie n° {first + geom} : {error}") from None
    return {
        "pos": np.array(pos_l, dtype=np.int64),
        "count": np.array(count_l, dtype=np.int64),
        "dims": np.array(dims_l, dtype=np.int64),
        "big": np.array(big_l, dtype=bool),
        "geom": np.array(geom_l, dtype=np.int64),
        "exterior": np.array(ext_l, dtype=bool),
    }


def ragged_arange(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(s, s + c)`` for each (s, c), vectorised."""
    keep = counts > 0
    starts, counts = starts[keep].astype(np.int64), counts[keep].astype(np.int64)
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    steps = np.ones(total, dtype=np.int64)
    steps[0] = starts[0]
    heads = np.cumsum(counts)[:-1]
    steps[heads] = starts[1:] - (starts[:-1] + counts[:-1] - 1)
    return np.cumsum(steps)


def _gather(
    joined: bytes, size: int, rings: dict[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """All ring vertices' x, y, ring after ring, read from the WKB buffer without copying it."""
    count, pos, dims, big = rings["count"], rings["pos"], rings["dims"], rings["big"]
    if size >= 8 and not big.any() and (dims == 2).all():
        return _gather_2d(joined, size, pos, count)
    total = int(count.sum())
    x = np.empty(total, dtype=np.float64)
    y = np.empty(total, dtype=np.float64)
    start = np.cumsum(count) - count
    residue = pos % 8
    for is_big in (False, True):
        for r in range(8):
            m = (big == is_big) & (residue == r) & (count > 0)
            if not m.any():
                continue
            view = np.frombuffer(
                joined, dtype=">f8" if is_big else "<f8", offset=r, count=(size - r) // 8
            )
            c = count[m]
            dest = ragged_arange(start[m], c)
            local = dest - np.repeat(start[m], c)
            src = np.repeat((pos[m] - r) // 8, c) + local * np.repeat(dims[m], c)
            x[dest] = view[src]
            y[dest] = view[src + 1]
    return x, y


def _gather_2d(
    joined: bytes, size: int, pos: np.ndarray, count: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``_gather`` for little-endian 2D rings (nearly all): one gather for x, one for y, through a
    view of the buffer whose n-th double starts at byte n (numpy reads it unaligned), the byte of
    every vertex made by one cumulative sum of the steps between them."""
    keep = count > 0
    starts, counts = pos[keep].astype(np.int64), count[keep].astype(np.int64)
    total = int(counts.sum())
    if not total:
        return np.zeros(0), np.zeros(0)
    steps = np.full(total, 16, dtype=np.int64)
    steps[0] = starts[0]
    heads = np.cumsum(counts)[:-1]
    steps[heads] = starts[1:] - (starts[:-1] + 16 * (counts[:-1] - 1))
    src = np.cumsum(steps)
    del steps
    view = np.ndarray(buffer=joined, dtype="<f8", shape=(size - 7,), strides=(1,))
    x = view[src]
    src += 8
    return x, view[src]


def canonical_key(wkb: bytes) -> bytes:
    """Hash of a 2D MultiPolygon WKB's canonical form: closing vertex and repeated vertices dropped,
    exterior rings counter-clockwise and holes clockwise, each ring started at its smallest vertex,
    holes and parts sorted. Equal for the same exact coordinates written differently."""
    order = "<" if wkb[0] == 1 else ">"
    (n_polys,) = struct.unpack_from(order + "I", wkb, 5)
    pos = 9
    parts = []
    for _ in range(n_polys):
        order = "<" if wkb[pos] == 1 else ">"
        (n_rings,) = struct.unpack_from(order + "I", wkb, pos + 5)
        pos += 9
        rings = []
        for ring_index in range(n_rings):
            (n_points,) = struct.unpack_from(order + "I", wkb, pos)
            pos += 4
            xy = np.frombuffer(
                wkb, dtype=np.dtype(order + "f8"), count=2 * n_points, offset=pos
            ).reshape(-1, 2)
            pos += 16 * n_points
            if len(xy) > 1 and (xy[0] == xy[-1]).all():
                xy = xy[:-1]
            if len(xy) > 1:
                keep = np.ones(len(xy), bool)
                keep[1:] = (np.diff(xy, axis=0) != 0).any(axis=1)
                xy = xy[keep]
            if len(xy) == 0:
                continue
            x, y = xy[:, 0], xy[:, 1]
            signed = float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))
            if (ring_index == 0) != (signed > 0):
                xy = xy[::-1]
            start = int(np.lexsort((xy[:, 1], xy[:, 0]))[0])
            rings.append(np.ascontiguousarray(np.roll(xy, -start, axis=0), dtype="<f8").tobytes())
        if rings:
            parts.append(rings[0] + b"|" + b"|".join(sorted(rings[1:])))
    return hashlib.blake2b(b"#".join(sorted(parts)), digest_size=16).digest()
