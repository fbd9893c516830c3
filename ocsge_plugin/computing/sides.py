"""The thresholds' fallback for polygon sides without an exact twin (vertices that do not
coincide to the snapping grid, boundaries that coincide only to a tolerance): their neighbours
found geometrically among the other unmatched sides (docs/domain.md §2, "Thresholds")."""

from __future__ import annotations

from typing import Any

import numpy as np

from .wkb import ragged_arange

__all__ = ["IND", "side_neighbours", "candidate_pairs"]

IND = 2  # class index of indéterminé in the thresholds (0 non-artif, 1 artif, 2 indéterminé)
_PAIR_CHUNK = 1 << 19  # fallback: candidate pairs handled at a time (bounds the temporaries)


def side_neighbours(
    x0: np.ndarray,
    y0: np.ndarray,
    x1: np.ndarray,
    y1: np.ndarray,
    poly: np.ndarray,
    cls: np.ndarray,
    tol: float,
    progress: Any,
) -> tuple[np.ndarray, ...]:
    """Neighbours of unmatched segments among the other unmatched segments, geometrically.

    A candidate covers the part of a segment along which it runs within ``tol`` (overlap longer
    than ``tol``; a segment no longer than ``tol`` is covered by a candidate within ``tol`` of
    both its ends). Returns per segment: fully covered by neighbours (gaps ≤ tol), has a
    same-class / opposite-class / indéterminé neighbour, then the union pairs (polygon,
    same-class neighbour polygon).
    """
    m = x0.size
    bx0, by0 = np.minimum(x0, x1) - tol, np.minimum(y0, y1) - tol
    bx1, by1 = np.maximum(x0, x1) + tol, np.maximum(y0, y1) + tol
    qi, cj = candidate_pairs(
        bx0, by0, bx1, by1, cls != IND, progress
    )  # indéterminé: no answer needed
    parts = []
    for i in range(0, qi.size, _PAIR_CHUNK):  # bounded temporaries
        progress.check()
        parts.append(
            _overlaps(x0, y0, x1, y1, qi[i : i + _PAIR_CHUNK], cj[i : i + _PAIR_CHUNK], poly, tol)
        )
    if parts:
        qi, cj, lo, hi, length_q = (np.concatenate(column) for column in zip(*parts))
    else:
        qi = cj = np.zeros(0, dtype=np.int64)
        lo = hi = length_q = np.zeros(0)

    c_q, c_c = cls[qi], cls[cj]
    has_same = np.zeros(m, dtype=bool)
    has_opp = np.zeros(m, dtype=bool)
    has_ind = np.zeros(m, dtype=bool)
    has_same[qi[c_c == c_q]] = True
    has_opp[qi[(c_c != c_q) & (c_c != IND)]] = True
    has_ind[qi[c_c == IND]] = True
    same = (c_c == c_q) & (c_q != IND)
    pairs = (poly[qi[same]], poly[cj[same]])

    # coverage of each query segment by the union of its overlaps
    full = np.zeros(m, dtype=bool)
    if qi.size:
        order = np.lexsort((lo, qi))
        qi, lo, hi, length_q = qi[order], lo[order], hi[order], length_q[order]
        head = np.ones(qi.size, dtype=bool)
        head[1:] = qi[1:] != qi[:-1]
        rank = np.cumsum(head) - 1
        big = float(length_q.max()) + 1.0  # per-group offsets make one running max do all groups
        reach = np.maximum.accumulate(hi + rank * big) - rank * big
        before = np.zeros(qi.size)
        before[1:] = reach[:-1]
        before[head] = 0.0
        gap = lo > before + tol
        group_gap = np.bincount(rank, weights=gap, minlength=int(rank[-1]) + 1) > 0
        tail = np.flatnonzero(np.r_[head[1:], True])
        covered = ~group_gap & (reach[tail] >= length_q[tail] - tol)
        full[qi[tail]] = covered
    return (full, has_same, has_opp, has_ind) + pairs


def _overlaps(
    x0: np.ndarray,
    y0: np.ndarray,
    x1: np.ndarray,
    y1: np.ndarray,
    qi: np.ndarray,
    cj: np.ndarray,
    poly: np.ndarray,
    tol: float,
) -> tuple[np.ndarray, ...]:
    """The candidate pairs (qi, cj) that share a stretch of boundary, with that stretch as an
    interval [lo, hi] along segment qi (of length length_q): (qi, cj, lo, hi, length_q)."""
    keep = poly[qi] != poly[cj]
    qi, cj = qi[keep], cj[keep]

    # collinear within tol, overlapping over more than tol (projection on the query segment)
    dx, dy = x1[qi] - x0[qi], y1[qi] - y0[qi]
    length_q = np.hypot(dx, dy)
    ux, uy = dx / length_q, dy / length_q
    ax, ay = x0[cj] - x0[qi], y0[cj] - y0[qi]
    bx, by = x1[cj] - x0[qi], y1[cj] - y0[qi]
    a, b = ax * ux + ay * uy, bx * ux + by * uy
    ha, hb = ay * ux - ax * uy, by * ux - bx * uy
    lo = np.maximum(np.minimum(a, b), 0.0)
    hi = np.minimum(np.maximum(a, b), length_q)
    span = b - a
    ok = (hi - lo > tol) & (np.abs(span) > tol)
    safe = np.where(ok, span, 1.0)
    h_lo = ha + (lo - a) / safe * (hb - ha)
    h_hi = ha + (hi - a) / safe * (hb - ha)
    ok &= (np.abs(h_lo) <= tol) & (np.abs(h_hi) <= tol)
    # a side no longer than tol (a sliver of misaligned topology) is covered by a segment passing
    # within tol of both its ends
    short = length_q <= tol
    if short.any():
        near = _point_segment_distance(x0[qi], y0[qi], x0[cj], y0[cj], x1[cj], y1[cj]) <= tol
        near &= _point_segment_distance(x1[qi], y1[qi], x0[cj], y0[cj], x1[cj], y1[cj]) <= tol
        ok = np.where(short, near, ok)
        lo = np.where(short, 0.0, lo)
        hi = np.where(short, length_q, hi)
    return qi[ok], cj[ok], lo[ok], hi[ok], length_q[ok]


def candidate_pairs(
    bx0: np.ndarray,
    by0: np.ndarray,
    bx1: np.ndarray,
    by1: np.ndarray,
    query: np.ndarray,
    progress: Any | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i, j), i a query box, j ≠ i another box intersecting it: a multi-level grid,
    vectorised.

    Every box goes to the level whose cells are at least as large as the box (so it covers at most
    2 × 2 cells there) and looks at the cells it covers on its own level and every coarser one: each
    intersecting pair is found from its smaller box (from both if of the same level), in the one
    cell holding the lower-left corner of the boxes' intersection, then made symmetric. Sorting the
    cell keys replaces a tree: no Python loop over boxes, whatever their number."""
    m = bx0.size
    dtype = np.int32 if m < 2**31 - 1 else np.int64
    if not m:
        return np.zeros(0, dtype=dtype), np.zeros(0, dtype=dtype)
    ox, oy = float(bx0.min()), float(by0.min())
    extent = np.maximum(bx1 - bx0, by1 - by0)
    span = max(float(bx1.max()) - ox, float(by1.max()) - oy, 1e-9)
    base = max(float(np.median(extent)), span / 2**26, 1e-9)  # cell indices stay below 2**27
    level = np.ceil(np.log2(np.maximum(extent / base, 1.0))).astype(np.int64)
    level += extent > base * np.exp2(level)  # rounding guard: extent ≤ cell size

    def cells(boxes: np.ndarray, size: float) -> tuple[np.ndarray, np.ndarray]:
        """(cell key, box) for the ≤ 2 × 2 cells each box covers."""
        cx0 = ((bx0[boxes] - ox) // size).astype(np.int64)
        cy0 = ((by0[boxes] - oy) // size).astype(np.int64)
        cx1 = ((bx1[boxes] - ox) // size).astype(np.int64)
        cy1 = ((by1[boxes] - oy) // size).astype(np.int64)
        keys, owners = [(cx0 << 28) | cy0], [boxes]
        for cx, cy, use in (
            (cx1, cy0, cx1 != cx0),
            (cx0, cy1, cy1 != cy0),
            (cx1, cy1, (cx1 != cx0) & (cy1 != cy0)),
        ):
            keys.append(((cx << 28) | cy)[use])
            owners.append(boxes[use])
        return np.concatenate(keys), np.concatenate(owners)

    found_i, found_j = [], []
    for lev in np.unique(level).tolist():
        size = base * 2.0**lev
        ins_key, ins_id = cells(np.flatnonzero(level == lev), size)
        order = np.argsort(ins_key)
        ins_key, ins_id = ins_key[order], ins_id[order]
        del order
        searching = np.flatnonzero(level <= lev)
        for start in range(
            0, searching.size, _PAIR_CHUNK
        ):  # bounded temporaries, whatever the density
            if progress is not None:
                progress.check()
            keys, ids = cells(searching[start : start + _PAIR_CHUNK], size)
            first = np.searchsorted(ins_key, keys, side="left")
            count = np.searchsorted(ins_key, keys, side="right") - first
            cell = np.repeat(keys, count)
            qi = np.repeat(ids, count)
            cj = ins_id[ragged_arange(first, count)]
            keep = (qi != cj) & (bx0[qi] <= bx1[cj]) & (bx0[cj] <= bx1[qi])
            keep &= (by0[qi] <= by1[cj]) & (by0[cj] <= by1[qi])
            cell, qi, cj = cell[keep], qi[keep], cj[keep]
            # report a pair once: in the cell holding the lower-left corner of the boxes'
            # intersection
            rx = ((np.maximum(bx0[qi], bx0[cj]) - ox) // size).astype(np.int64)
            ry = ((np.maximum(by0[qi], by0[cj]) - oy) // size).astype(np.int64)
            keep = cell == (rx << 28) | ry
            found_i.append(qi[keep].astype(dtype))
            found_j.append(cj[keep].astype(dtype))
    qi, cj = np.concatenate(found_i), np.concatenate(found_j)
    del found_i, found_j
    # found from the smaller box only (from both when of the same level): add the other direction
    back = level[qi] < level[cj]
    qi, cj = np.concatenate([qi, cj[back]]), np.concatenate([cj, qi[back]])
    keep = query[qi]
    return qi[keep], cj[keep]


def _point_segment_distance(
    px: np.ndarray, py: np.ndarray, ax: np.ndarray, ay: np.ndarray, bx: np.ndarray, by: np.ndarray
) -> np.ndarray:
    """Distance from points p to segments [a, b]."""
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = np.clip(((px - ax) * dx + (py - ay) * dy) / np.where(length2 > 0, length2, 1.0), 0.0, 1.0)
    return np.hypot(px - (ax + t * dx), py - (ay + t * dy))
