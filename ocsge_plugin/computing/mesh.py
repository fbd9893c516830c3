"""The thresholds' mesh: polygons' WKB → vertices snapped to a grid and numbered → every polygon
side, sorted by its edge one range of vertices at a time.

Memory is what this module is about (1,000,000 polygons of 32 vertices have 33 million vertices
and as many sides): no array over every side is ever made. The mesh keeps one vertex number per
vertex of the rings (``pid``, int32) and the rings' bounds; ``sorted_sides`` rebuilds the sides
from them, range of vertex numbers by range, each range sorted on its own (its sides form a run
of the whole sorted order, since the edge key's high part is its smaller vertex). The vertices
are numbered the same way, by ranges of their grid keys. The numbering and the sorted order are
those of one sort of everything.
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
    "side_keys",
    "ahead",
    "sorted_sides",
    "wkb_chunks",
]

FLAG_BITS = 4  # class (2 bits), ring orientation, direction under each side's edge key

_HALF = 2**31
_CHUNK = 25_000  # geometries parsed at a time (bounds the temporary memory)
_RANGE = 1 << 19  # vertices (or sides) sorted at a time, about
_SCAN = 1 << 22  # vertices scanned at a time (bounds the temporary memory)
_GROUP_BITS = 2  # 4 ranges found by one scan


class Mesh:
    """Snapped vertices, areas and rings of a polygon set.

    Vertices are snapped to ``grid`` and numbered 0 .. n_points-1 in the order of their keys;
    ``vkeys[i]`` packs vertex i's integer grid coordinates relative to ``origin`` (high 32 bits
    x, low 32 bits y, each + 2³¹), from which its (snapped) coordinates are recovered. ``pid`` is
    the vertex number of each vertex of the rings, ring after ring; ``ring_start`` /
    ``ring_count`` locate each ring in it, ``ring_poly`` is its polygon and ``ring_sign`` +1
    where it runs exterior counter-clockwise / interior clockwise.
    """

    def __init__(self) -> None:
        self.grid = 0.001
        self.origin = (0.0, 0.0)
        self.n_points = 0
        self.vkeys = np.zeros(0, dtype=np.uint64)
        self.poly_area = np.zeros(0)
        self.pid = np.zeros(0, dtype=np.int32)
        self.ring_start = self.ring_count = np.zeros(0, dtype=np.int64)
        self.ring_poly = np.zeros(0, dtype=np.int32)
        self.ring_sign = np.zeros(0, dtype=np.int8)

    def coordinates(self, vertices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Snapped coordinates of vertices, relative to ``origin``."""
        key = self.vkeys[vertices]
        x = ((key >> np.uint64(32)).astype(np.int64) - _HALF) * self.grid
        y = ((key & np.uint64(0xFFFFFFFF)).astype(np.int64) - _HALF) * self.grid
        return x, y

    def endpoints(self, composite: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Start and end vertex of sides from their sort key (``side_keys``)."""
        key = composite >> FLAG_BITS
        low, high = key // self.n_points, key % self.n_points
        reverse = (composite & 1).astype(bool)
        return np.where(reverse, high, low), np.where(reverse, low, high)

    def side_ends(self, chunk: slice) -> tuple[np.ndarray, np.ndarray]:
        """Each ring vertex of ``chunk`` and the one after it in its ring (the first after the
        last: rings are closed, even the unclosed ones)."""
        stop = min(chunk.stop, self.pid.size)
        start = self.pid[chunk.start : stop]
        end = np.empty_like(start)
        end[:-1] = self.pid[chunk.start + 1 : stop]
        if stop < self.pid.size:
            end[-1:] = self.pid[stop : stop + 1]
        last = self.ring_start + self.ring_count - 1
        inside = (self.ring_count > 0) & (last >= chunk.start) & (last < stop)
        end[last[inside] - chunk.start] = self.pid[self.ring_start[inside]]
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
    """Parse the WKB (by chunks of geometries), compute areas, snap and number vertices."""
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
    origin: tuple[float, float] | None = None
    for first, chunk, lengths in chunks:
        progress.set(1 + 24 * first / max(n, 1))
        x, y, count, geom, exterior, origin = parse_rings(chunk, lengths, first, origin, progress)
        area = ring_areas(x, y, count)
        mesh.poly_area[first : first + lengths.size] = polygon_areas_of_rings(
            area, geom, exterior, lengths.size
        )
        ring_counts.append(count)
        ring_geoms.append((geom + first).astype(np.int32))
        ring_signs.append(np.where(exterior == (area > 0), 1, -1).astype(np.int8))
        keys[n_pts : n_pts + x.size] = _grid_keys(x, y, grid)
        n_pts += x.size
        del x, y
    mesh.origin = origin or (0.0, 0.0)
    mesh.ring_count = np.concatenate(ring_counts) if ring_counts else np.zeros(0, dtype=np.int64)
    mesh.ring_start = np.cumsum(mesh.ring_count) - mesh.ring_count
    mesh.ring_poly = np.concatenate(ring_geoms) if ring_geoms else np.zeros(0, dtype=np.int32)
    mesh.ring_sign = np.concatenate(ring_signs) if ring_signs else np.zeros(0, dtype=np.int8)
    del ring_counts, ring_geoms, ring_signs
    progress.set(25)
    keys.resize(n_pts, refcheck=False)  # no view of it exists; its unused end was never touched
    mesh.pid, distinct = _number(keys, progress)
    del keys
    mesh.vkeys = joined(distinct) if distinct else np.zeros(0, dtype=np.uint64)
    mesh.n_points = int(mesh.vkeys.size)
    if mesh.n_points and mesh.n_points**2 << FLAG_BITS >= 2**63:
        raise ValueError("too many distinct vertices for 64-bit edge keys")
    progress.set(40)
    return mesh


def _number(keys: np.ndarray, progress: Any) -> tuple[np.ndarray, list[np.ndarray]]:
    """(number of each key, int32; the distinct keys sorted, by parts): range of key values by
    range, each sorted on its own, so that only one range's sort is held at a time. ``keys`` (an
    array that owns its memory, no view of it held) is spent: once a range's keys are read their
    places take their numbers, and the numbers are then narrowed to int32 in the same memory."""
    labels = _range_labels(keys, progress)
    distinct: list[np.ndarray] = []
    n_distinct = 0
    for where in _by_label(labels, progress):
        chunk = keys[where]
        order = np.argsort(chunk)
        chunk = chunk[order]
        new = np.ones(chunk.size, dtype=bool)
        np.not_equal(chunk[1:], chunk[:-1], out=new[1:])
        distinct.append(chunk[new])
        ids = np.cumsum(new, dtype=np.int64)
        ids += n_distinct - 1
        keys[where[order]] = ids
        n_distinct += distinct[-1].size
    del labels
    return _narrowed(keys), distinct


def _narrowed(values: np.ndarray) -> np.ndarray:
    """Integers below 2³¹ held as 64-bit, as int32 in the same memory (``values``, which owns its
    memory and has no view, is spent): copied forward slice by slice (a slice's target overlaps only
    values already copied, but for the first one, which numpy copies through a buffer), then the
    second half of the memory given back (``resize`` reallocates in place)."""
    n = values.size
    narrow = values.view(np.int32)
    for i in range(0, n, _SCAN):
        narrow[i : min(i + _SCAN, n)] = values[i : i + _SCAN]
    del narrow
    values.resize(-(-n // 2), refcheck=False)
    return values.view(np.int32)[:n]


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


def _range_labels(keys: np.ndarray, progress: Any) -> np.ndarray:
    """Each key's range (uint8): ranges of key values of about ``_RANGE`` keys each (bounds taken
    from a sample), the same key always in the same range."""
    n_ranges = min(max(-(-keys.size // _RANGE), 1), 255)
    sample = np.sort(keys[:: max(keys.size // (n_ranges * 64), 1)])
    bounds = sample[(np.arange(1, n_ranges) * sample.size) // n_ranges] if sample.size else sample
    labels = np.empty(keys.size, dtype=np.uint8)
    for i in range(0, keys.size, _SCAN):
        progress.check()
        labels[i : i + _SCAN] = np.searchsorted(bounds, keys[i : i + _SCAN], side="right")
    return labels


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


def side_keys(
    pa: np.ndarray, pb: np.ndarray, cls: np.ndarray, sign: np.ndarray, n_v: int
) -> np.ndarray:
    """Sort keys of sides (start and end vertex, class, ring orientation sign): the undirected edge
    key (smaller vertex × n_v + larger) << 4 | class << 2 | orientation << 1 | direction."""
    key = np.minimum(pa, pb).astype(np.int64)
    key *= n_v
    key += np.maximum(pa, pb)
    key <<= FLAG_BITS
    key += cls.astype(np.int64) << 2
    key += (sign > 0).astype(np.int64) << 1
    key += pa > pb
    return key


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


def sorted_sides(
    mesh: Mesh, cls: np.ndarray, progress: Any
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Every polygon side (without the degenerate ones: repeated vertices, ring closure) as (sort
    key, see ``side_keys``; polygon), sorted by key, by runs of the whole order: the sides whose
    smaller vertex is in one range of vertex numbers, range after range, each range sorted while
    the caller works on the previous one (``ahead``). ``mesh.pid`` is spent."""
    return ahead(_sorted_sides(mesh, cls, progress))


def _sorted_sides(
    mesh: Mesh, cls: np.ndarray, progress: Any
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    n_v = max(mesh.n_points, 1)
    n_ranges = min(max(-(-mesh.pid.size // _RANGE), 1), 254)
    width = -(-n_v // n_ranges)
    labels = np.empty(mesh.pid.size, dtype=np.uint8)
    for i in range(0, mesh.pid.size, _SCAN):
        progress.check()
        start, end = mesh.side_ends(slice(i, i + _SCAN))
        label = np.minimum(start, end) // width
        label[start == end] = 255
        labels[i : i + _SCAN] = label
        del start, end, label
    for where in _by_label(labels, progress):
        ring = np.searchsorted(mesh.ring_start, where, side="right") - 1
        nxt = where + 1
        last = where == mesh.ring_start[ring] + mesh.ring_count[ring] - 1
        nxt[last] = mesh.ring_start[ring[last]]
        poly = mesh.ring_poly[ring]
        key = side_keys(mesh.pid[where], mesh.pid[nxt], cls[poly], mesh.ring_sign[ring], n_v)
        del where, nxt, last
        order = np.argsort(key)
        yield key[order], poly[order]
    del mesh.pid


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


def _grid_keys(x: np.ndarray, y: np.ndarray, grid: float) -> np.ndarray:
    """Vertices snapped to the grid, packed as uint64 (x in the high 32 bits, y in the low ones)."""
    xi = np.rint(x / grid)
    yi = np.rint(y / grid)
    if xi.size and max(np.abs(xi).max(), np.abs(yi).max()) >= _HALF:
        raise ValueError("data extent too large for the snapping grid (32-bit grid coordinates)")
    keys = (xi.astype(np.int64) + _HALF).astype(np.uint64) << np.uint64(32)
    keys |= (yi.astype(np.int64) + _HALF).astype(np.uint64)
    return keys
