"""The thresholds' mesh: polygons' WKB → vertices snapped to a grid → every polygon side, sorted
by a key of its edge (grid cell of its smaller vertex, hash of the edge), one strip of cells at a
time.

Memory and time are what this module is about (1,000,000 polygons of 32 vertices have 33 million
vertices and as many sides): no array over every side is ever made, and the vertices are never
numbered (numbering them meant sorting them all). The mesh keeps the snapped grid key of every
vertex of the rings (``keys``, uint64) and the rings' bounds; ``sorted_sides`` rebuilds the sides
from them, strip of cell columns by strip, each strip sorted on its own (its sides form a run of
the whole sorted order, since the sort key's high part is the cell column of the edge's smaller
vertex, the same for both sides of an edge). Two different edges of the same key are found and
put apart exactly.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import numpy as np

from .wkb import as_bytes, parse_rings, polygon_areas_of_rings, ring_areas

__all__ = [
    "FLAG_BITS",
    "Mesh",
    "take",
    "read_mesh",
    "joined",
    "edge_hash",
    "side_keys",
    "ahead",
    "sorted_sides",
    "wkb_chunks",
]

FLAG_BITS = 4  # class (2 bits), ring orientation, direction under each side's edge key

_HALF = 2**31
_CHUNK = 25_000  # geometries parsed at a time (bounds the temporary memory)
_RANGE = 1 << 19  # sides sorted at a time, about
_SCAN = 1 << 22  # vertices scanned at a time (bounds the temporary memory)
_GROUP_BITS = 2  # 4 ranges found by one scan


class Mesh:
    """Snapped vertices, areas and rings of a polygon set.

    ``keys`` holds the grid key of each vertex of the rings, ring after ring: its integer grid
    coordinates relative to ``origin`` packed (high 32 bits x, low 32 bits y, each + 2³¹), from
    which its (snapped) coordinates are recovered; the same point has the same key wherever it is.
    ``ring_start`` / ``ring_count`` locate each ring in it, ``ring_poly`` is its polygon and
    ``ring_sign`` +1 where it runs exterior counter-clockwise / interior clockwise.
    """

    def __init__(self) -> None:
        self.grid = 0.001
        self.origin = (0.0, 0.0)
        self.keys = np.zeros(0, dtype=np.uint64)
        self.layout = (0, 0, 0, 0, 1)  # cells of the side keys, see ``_layout``
        self.poly_area = np.zeros(0)
        self.ring_start = self.ring_count = np.zeros(0, dtype=np.int64)
        self.ring_poly = np.zeros(0, dtype=np.int32)
        self.ring_sign = np.zeros(0, dtype=np.int8)

    def coordinates(self, key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Snapped coordinates of vertices given by their grid keys, relative to ``origin``."""
        x = ((key >> np.uint64(32)).astype(np.int64) - _HALF) * self.grid
        y = ((key & np.uint64(0xFFFFFFFF)).astype(np.int64) - _HALF) * self.grid
        return x, y

    def next_vertex(self, where: np.ndarray) -> np.ndarray:
        """Position of the vertex after each ring vertex at ``where`` (the ring's first after its
        last: rings are closed, even the unclosed ones)."""
        ring = np.searchsorted(self.ring_start, where, side="right") - 1
        nxt = where + 1
        last = where == self.ring_start[ring] + self.ring_count[ring] - 1
        nxt[last] = self.ring_start[ring[last]]
        return nxt

    def endpoints(self, where: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Grid keys of the start and end vertex of the sides starting at positions ``where``."""
        return take(self.keys, where), take(self.keys, self.next_vertex(where))

    def side_ends(self, chunk: slice) -> tuple[np.ndarray, np.ndarray]:
        """The grid key of each ring vertex of ``chunk`` and of the one after it in its ring."""
        stop = min(chunk.stop, self.keys.size)
        start = self.keys[chunk.start : stop]
        end = np.empty_like(start)
        end[:-1] = self.keys[chunk.start + 1 : stop]
        if stop < self.keys.size:
            end[-1:] = self.keys[stop : stop + 1]
        last = self.ring_start + self.ring_count - 1
        inside = (self.ring_count > 0) & (last >= chunk.start) & (last < stop)
        end[last[inside] - chunk.start] = self.keys[self.ring_start[inside]]
        return start, end


def take(table: np.ndarray, index: np.ndarray, chunk: int = 1 << 22) -> np.ndarray:
    """``table[index]`` by chunks: numpy turns a 32-bit index into a 64-bit copy, this bounds it."""
    if index.size <= chunk:
        return table[index]
    out = np.empty(index.shape, dtype=table.dtype)
    for i in range(0, index.size, chunk):
        out[i : i + chunk] = table[index[i : i + chunk]]
    return out


def read_mesh(geometries: Sequence[Any], n: int, grid: float, progress: Any) -> Mesh:
    """Parse the WKB (by chunks of geometries), compute areas, snap the vertices to the grid."""
    mesh = Mesh()
    mesh.grid = grid
    mesh.poly_area = np.zeros(n)
    nbytes, chunks = wkb_chunks(geometries, n)
    capacity = nbytes // 16 + 1  # a 2D vertex takes 16 bytes of WKB: an upper bound
    if capacity >= 2**31 - 1:
        raise ValueError("too many vertices for 32-bit indices")
    keys = np.empty(capacity, dtype=np.uint64)
    ring_counts: list[np.ndarray] = []
    ring_geoms: list[np.ndarray] = []
    ring_signs: list[np.ndarray] = []
    n_pts = 0
    bounds = [2 * _HALF, 2 * _HALF, 0, 0]
    origin: tuple[float, float] | None = None
    for first, chunk, lengths in chunks:
        progress.set(1 + 39 * first / max(n, 1))
        x, y, count, geom, exterior, origin = parse_rings(chunk, lengths, first, origin, progress)
        area = ring_areas(x, y, count)
        mesh.poly_area[first : first + lengths.size] = polygon_areas_of_rings(
            area, geom, exterior, lengths.size
        )
        ring_counts.append(count)
        ring_geoms.append((geom + first).astype(np.int32))
        ring_signs.append(np.where(exterior == (area > 0), 1, -1).astype(np.int8))
        keys[n_pts : n_pts + x.size], chunk_bounds = _grid_keys(x, y, grid)
        bounds = [f(a, b) for f, a, b in zip((min, min, max, max), bounds, chunk_bounds)]
        n_pts += x.size
        del x, y
    mesh.origin = origin or (0.0, 0.0)
    mesh.ring_count = np.concatenate(ring_counts) if ring_counts else np.zeros(0, dtype=np.int64)
    mesh.ring_start = np.cumsum(mesh.ring_count) - mesh.ring_count
    mesh.ring_poly = np.concatenate(ring_geoms) if ring_geoms else np.zeros(0, dtype=np.int32)
    mesh.ring_sign = np.concatenate(ring_signs) if ring_signs else np.zeros(0, dtype=np.int8)
    del ring_counts, ring_geoms, ring_signs
    keys.resize(n_pts, refcheck=False)  # no view of it exists; its unused end was never touched
    mesh.keys = keys
    mesh.layout = _layout(*bounds) if n_pts else (0, 0, 0, 0, 1)
    progress.set(40)
    return mesh


def joined(parts: list[np.ndarray]) -> np.ndarray:
    """The parts of an array joined, each part freed once copied (the caller keeps no other
    reference to them): never twice the whole in memory."""
    out = np.empty(sum(part.size for part in parts), dtype=parts[0].dtype)
    done = 0
    while parts:
        part = parts.pop(0)
        out[done : done + part.size] = part
        done += part.size
    return out


def _by_label(labels: np.ndarray, progress: Any) -> Iterator[np.ndarray]:
    """The positions of each label, label after label (ascending); 255 is no label. One scan of
    every label (by slices: bounded temporaries) finds the positions of ``2 ** _GROUP_BITS``
    labels, which are then split among them: a few scans in all, not one a label."""
    top = min(int(labels.max()) + 1 if labels.size else 0, 255)
    for group_id in range(-(-top >> _GROUP_BITS)):
        progress.check()
        group = np.concatenate(
            [
                np.flatnonzero(labels[i : i + _SCAN] >> _GROUP_BITS == group_id) + i
                for i in range(0, labels.size, _SCAN)
            ]
        )
        group_labels = labels[group]
        for label in range(group_id << _GROUP_BITS, min((group_id + 1) << _GROUP_BITS, top)):
            where = group[group_labels == label]
            if where.size:
                yield where


_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)


def edge_hash(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A 64-bit hash of the edge between grid keys ``lo`` < ``hi`` (uint64): splitmix64's
    finaliser on their mix."""
    h = lo * _M1
    h ^= hi
    h ^= h >> np.uint64(30)
    h *= _M2
    h ^= h >> np.uint64(27)
    h *= _M3
    h ^= h >> np.uint64(31)
    return h


_CELL_BITS = 18  # bits of each grid coordinate of an edge's smaller vertex in its sort key
_HASH_BITS = 63 - 2 * _CELL_BITS - FLAG_BITS  # bits of the edge's hash below them (23)


def _layout(x0: int, y0: int, x1: int, y1: int) -> tuple[int, int, int, int, int]:
    """(x0, y0, x shift, y shift, number of cell columns) of grid keys whose packed coordinates
    span x0..x1, y0..y1: a key's coordinates minus (x0, y0), shifted right, fit in
    ``_CELL_BITS`` bits each (cells of about 0.6 m over a département of 150 km)."""
    x_shift = max((x1 - x0).bit_length() - _CELL_BITS, 0)
    y_shift = max((y1 - y0).bit_length() - _CELL_BITS, 0)
    return x0, y0, x_shift, y_shift, ((x1 - x0) >> x_shift) + 1


def _cell_x(lo: np.ndarray, layout: tuple[int, ...]) -> np.ndarray:
    """The cell column of grid keys (uint64)."""
    cx = lo >> np.uint64(32)
    cx -= np.uint64(layout[0])
    cx >>= np.uint64(layout[2])
    return cx


def side_keys(
    ka: np.ndarray,
    kb: np.ndarray,
    cls: np.ndarray,
    sign: np.ndarray,
    layout: tuple[int, ...],
) -> tuple[np.ndarray, ...]:
    """Sort keys of sides from their start and end grid keys, class and ring orientation sign,
    as int64: the grid cell of the edge's smaller vertex (column, row; ``layout``, see
    ``_layout``) << 27 | the edge's hash (``_HASH_BITS`` bits) << 4 | class << 2 | orientation << 1
    | direction (``ka > kb``); the flags alone (the low 4 bits, uint8); the smaller and larger
    grid keys. Both sides of an edge differ only in their flags; the cells keep the order close to
    the rings' (a fast sort)."""
    flags = cls.astype(np.uint8) << np.uint8(2)
    flags |= (sign > 0).astype(np.uint8) << np.uint8(1)
    flags |= ka > kb
    lo, hi = np.minimum(ka, kb), np.maximum(ka, kb)
    key = edge_hash(lo, hi)
    key >>= np.uint64(64 - _HASH_BITS)
    key <<= np.uint64(FLAG_BITS)
    key |= flags
    cell = _cell_x(lo, layout)
    cell <<= np.uint64(_CELL_BITS)
    row = lo & np.uint64(0xFFFFFFFF)
    row -= np.uint64(layout[1])
    row >>= np.uint64(layout[3])
    cell |= row
    del row
    cell <<= np.uint64(_HASH_BITS + FLAG_BITS)
    key |= cell
    return key.view(np.int64), flags, lo, hi


_T = TypeVar("_T")
_END = object()


def ahead(items: Iterator[_T]) -> Iterator[_T]:
    """The items of ``items``, the next one made in a second thread while the caller works on the
    current one: numpy lets go of the GIL in its sorts, searches and arithmetic, so on two cores
    the two overlap. One item more is held at a time; an error (a cancel included) of the making
    is raised here, in order."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ocsge-mesh") as pool:
        pending = pool.submit(next, items, _END)
        while True:
            item = pending.result()
            if item is _END:
                return
            pending = pool.submit(next, items, _END)
            yield item


def sorted_sides(mesh: Mesh, cls: np.ndarray, progress: Any) -> Iterator[tuple[np.ndarray, ...]]:
    """Every polygon side (without the degenerate ones: repeated vertices, ring closure) as (sort
    key, see ``side_keys``; polygon; position of its start vertex in ``mesh.keys``; share of the
    ranges done), sorted by key, by runs of the whole order: the sides of one range (a strip of
    cell columns), range after range, each range sorted while the caller works on the previous one
    (``ahead``). Both sides of an edge have the same key but for its flags, so they are in the same
    range and next to each other; where two different edges have the same key (rare), the range is
    sorted by the edges themselves and its keys renumbered (``_exact``)."""
    return ahead(_sorted_sides(mesh, cls, progress))


def _sorted_sides(mesh: Mesh, cls: np.ndarray, progress: Any) -> Iterator[tuple[np.ndarray, ...]]:
    n_ranges = min(max(-(-mesh.keys.size // _RANGE), 1), 254)
    layout = mesh.layout
    # range = cell column × n_ranges // columns, as a multiplication and a shift
    factor = np.uint64((n_ranges << 32) // layout[4])
    labels = np.empty(mesh.keys.size, dtype=np.uint8)
    for i in range(0, mesh.keys.size, _SCAN):
        progress.check()
        start, end = mesh.side_ends(slice(i, i + _SCAN))
        label = _cell_x(np.minimum(start, end), layout)  # ranges: strips of cell columns
        label *= factor
        label >>= np.uint64(32)
        label[start == end] = 255
        labels[i : i + _SCAN] = label
        del start, end, label
    for where in _by_label(labels, progress):
        ring = np.searchsorted(mesh.ring_start, where, side="right") - 1
        nxt = where + 1
        last = where == mesh.ring_start[ring] + mesh.ring_count[ring] - 1
        nxt[last] = mesh.ring_start[ring[last]]
        poly = mesh.ring_poly[ring]
        ka, kb = mesh.keys[where], mesh.keys[nxt]
        del nxt, last
        key, flags, lo, hi = side_keys(ka, kb, cls[poly], mesh.ring_sign[ring], layout)
        del ring, ka, kb
        order = np.argsort(key, kind="stable")  # faster here than the quicksort
        key = key[order]
        lo, hi = lo[order], hi[order]
        same = (key[1:] >> FLAG_BITS) == (key[:-1] >> FLAG_BITS)
        if ((lo[1:] != lo[:-1]) & same).any() or ((hi[1:] != hi[:-1]) & same).any():
            key, order = _exact(lo, hi, flags[order], order)
        del lo, hi, same, flags
        done = (int(labels[where[0]]) + 1) / n_ranges
        yield key, poly[order], where[order].astype(np.int32), done


def _exact(
    lo: np.ndarray, hi: np.ndarray, flags: np.ndarray, order: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Sort keys for a range where different edges share a hash: (sides sorted by smaller grid
    key, larger grid key, flags; each edge numbered in that order) << 4 | flags, and the order
    of the range's sides that sorts them (``lo``, ``hi``, ``flags`` and ``order`` are in the
    hash order)."""
    again = np.lexsort((flags, hi, lo))
    lo, hi, flags = lo[again], hi[again], flags[again]
    new = np.ones(lo.size, dtype=bool)
    new[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    key = np.cumsum(new, dtype=np.int64) << FLAG_BITS
    key |= flags
    return key, order[again]


def wkb_chunks(geometries: Any, n: int) -> tuple[int, Iterator[tuple[int, list, np.ndarray]]]:
    """(total WKB bytes, chunks (first index, blobs, their lengths)) of a sequence of WKB, or of a
    column that re-reads them (``chunks(size)`` and ``nbytes``, e.g. ``batches.WkbColumn``)."""
    if hasattr(geometries, "chunks"):
        blocks = geometries.chunks(_CHUNK)
        nbytes = geometries.nbytes
    else:
        items = [g if type(g) is bytes else as_bytes(g) for g in geometries]  # noqa: E721 (fast path)
        blocks = (items[first : first + _CHUNK] for first in range(0, n, _CHUNK))
        nbytes = sum(map(len, items))

    def chunks() -> Iterator[tuple[int, list, np.ndarray]]:
        first = 0
        for block in blocks:
            yield first, block, np.fromiter(map(len, block), dtype=np.int64, count=len(block))
            first += len(block)

    return nbytes, chunks()


def _grid_keys(
    x: np.ndarray, y: np.ndarray, grid: float
) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """Vertices snapped to the grid, packed as uint64 (x in the high 32 bits, y in the low ones),
    and the bounds of the packed coordinates (x min, y min, x max, y max)."""
    xi = np.rint(x / grid)
    yi = np.rint(y / grid)
    if not xi.size:
        return np.zeros(0, dtype=np.uint64), (_HALF, _HALF, _HALF, _HALF)
    bounds = (int(xi.min()), int(yi.min()), int(xi.max()), int(yi.max()))
    if min(bounds) <= -_HALF or max(bounds) >= _HALF:
        raise ValueError("data extent too large for the snapping grid (32-bit grid coordinates)")
    keys = (xi.astype(np.int64) + _HALF).astype(np.uint64) << np.uint64(32)
    keys |= (yi.astype(np.int64) + _HALF).astype(np.uint64)
    return keys, tuple(b + _HALF for b in bounds)
