"""Step 2 of the décret: the thresholds (seuils), as a fast, pure engine.

The décret applies its thresholds to the result of the couverture × usage matrix (step 1), over
*patches*: connected groups of polygons of the same status. Two polygons are adjacent when they
share a boundary **segment** (touching at a single point is not adjacency).

1. A non-artificialised patch of less than ``SEUIL_SURFACE_M2`` (2,500 m²) whose whole outer
   boundary touches artificialised polygons becomes artificialised.
2. An artificialised patch of less than 2,500 m² whose whole outer boundary touches
non-artificialised
   polygons becomes non-artificialised, except its built polygons (``CODE_BATI``) of more than
   ``SEUIL_BATI_M2`` (50 m², strictly), which stay artificialised.
3. A patch touching the edge of the data (no neighbour on part of its outer boundary: département
   border, hole in the data) is not enclosed and does not change.
4. Holes count: a patch inside a hole of a larger polygon is enclosed by that polygon.
5. One pass on the matrix result: a patch changed by the thresholds does not make its neighbours be
   re-evaluated (no cascade). Applying the engine twice can therefore differ from applying it once.

Choices made here, where the décret says nothing:

* **Indéterminé** polygons (matrix status None: the leaves under their codes disagree, see
  ``rules.resolve``) are a class of their own. They
  belong to no patch (``patch_id`` -1), never change, and a patch whose outer boundary touches one
  on any part is *not* enclosed: an unknown neighbour is treated like the edge of the data.
* **Outer boundary.** Only the patch's *outer* boundary decides enclosure. The boundary edges of a
  patch (edges of its polygons not shared with another polygon of the patch) are chained into loops
  through their shared vertices; with exterior rings oriented counter-clockwise and interior rings
  clockwise, a closed loop of negative signed area is a hole of the patch and is ignored, whatever
  fills it
  (another patch, an indéterminé polygon, or nothing: a hole in the data). Everything else is outer
  boundary.
  A hole loop that touches the outer loop at a vertex is chained with it and therefore counted as
  outer boundary (conservative: it must then face the opposite status too); a loop that does not
  close
  (messy topology) is likewise counted as outer.
* **Sizes** are the patch's polygon areas summed (holes excluded), planar, in the layer's CRS unit
  squared (m² for OCS GE's projected CRSs); ``areas`` may pass IGN's own ``aire`` instead.
* A patch with no boundary edge at all (an isolated polygon with no neighbour, an empty geometry) is
  not enclosed.

How it is computed (the common case fully vectorised with numpy; no all-pairs test anywhere):

* WKB is parsed with numpy (little-endian 2D Polygon / MultiPolygon vectorised; other byte orders
  and Z / M variants through a small Python loop).
* Vertices are snapped to a ``grid`` (1 mm) as integer keys; every ring side gets a sort key made
  of the grid cell of its smaller vertex and a hash of its edge (both grid keys), the same for the
  sides of one edge: sorting the keys groups each edge with the polygon(s) on its other side (two
  edges of one key are told apart by their grid keys). OCS GE is a topologically clean mesh, so
  nearly every shared side matches exactly. The sides are sorted and matched one strip of cells at
  a time (``mesh.sorted_sides``): no array over every side is held (memory), and the vertices are
  never numbered (a sort of them all).
* Edges left unmatched (T-junctions, sub-grid misalignments, the data's edge) go through a fallback
  (``sides.side_neighbours``): a grid index of the unmatched segments finds the collinear ones
  (within ``tolerance``) that overlap along more than ``tolerance``; an edge is matched when their
  union
  covers it. A neighbour across a T-junction always has unmatched sides of its own, so only
  unmatched
  segments need indexing. Data whose polygons overlap (invalid mesh) is not repaired.
* Only the sides that are not internal to a patch are kept once matched (the enclosure reads them).
* Patches are connected components of same-status polygons, by a vectorised union-find (hooking of
  roots to their smallest neighbour root, then pointer jumping).

Its cost is measured by bench/bench_thresholds.py (figures in BENCHMARKS.md). The CRS must be
projected (the grid and tolerance are in its units).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from ..core.errors import Canceled
from ..domain.nomenclature import normalise_code
from ..domain.rules import CODE_BATI, SEUIL_BATI_M2, SEUIL_SURFACE_M2
from .mesh import FLAG_BITS, Mesh, joined, read_mesh, sorted_sides, take, wkb_chunks
from .sides import IND, side_neighbours
from .wkb import parse_rings, polygon_areas_of_rings, ring_areas

__all__ = [
    "ARTIF",
    "INDETERMINE",
    "NON_ARTIF",
    "ThresholdResult",
    "Canceled",
    "apply_thresholds",
    "DEFAULT_GRID",
    "DEFAULT_TOLERANCE",
    "polygon_areas",
]

# Status codes accepted in an integer ``artif_matrix`` array.
NON_ARTIF, ARTIF, INDETERMINE = 0, 1, -1

DEFAULT_GRID = 0.001  # snapping grid of vertex keys, CRS units (1 mm)
FLAG_MASK = (1 << FLAG_BITS) - 1  # the flags of a side's sort key (``mesh.side_keys``)
DEFAULT_TOLERANCE = 0.01  # fallback: max distance between sides deemed shared, CRS units (1 cm)


@dataclass
class ThresholdResult:
    """What the thresholds did, polygon by polygon (arrays in input order) and patch by patch.

    Polygon arrays (length = number of geometries):
        artif: final status after the thresholds (False for indéterminé polygons, see
        ``indetermine``). changed: the thresholds changed this polygon's status (IGN's
        ``crit_seuil``).
        indetermine: the matrix status was None (the leaves under its codes disagree); such polygons
        never change. patch_id: the polygon's patch (0 .. n_patches-1), -1 for indéterminé polygons.
        area: the polygon areas used (given, or computed from the geometry), CRS units².
    Patch arrays (length = n_patches):
        patch_area: summed polygon areas.
        patch_artif: the patch's status from the matrix.
        patch_enclosed: the patch is under the threshold and enclosed by the opposite status (so the
            thresholds apply to it); always False for patches of ``SEUIL_SURFACE_M2`` or more.
    Totals (computed from the arrays):
        n_patches: number of patches.
        n_patches_to_artif / n_patches_to_non_artif: patches with at least one polygon changed, each
        way. area_to_artif / area_to_non_artif: area of the changed polygons, each way.
        n_unmatched_edges: polygon sides without an exact twin (data edge, T-junctions,
        misalignments). n_fallback_edges: of those, sides found fully shared by the geometric
        fallback.
    """

    artif: np.ndarray
    changed: np.ndarray
    indetermine: np.ndarray
    patch_id: np.ndarray
    patch_area: np.ndarray
    patch_artif: np.ndarray
    patch_enclosed: np.ndarray
    area: np.ndarray
    n_unmatched_edges: int = 0
    n_fallback_edges: int = 0

    @property
    def n_patches(self) -> int:
        return int(self.patch_area.size)

    @property
    def n_patches_to_artif(self) -> int:
        return int(np.unique(self.patch_id[self.changed & self.artif]).size)

    @property
    def n_patches_to_non_artif(self) -> int:
        return int(np.unique(self.patch_id[self.changed & ~self.artif]).size)

    @property
    def area_to_artif(self) -> float:
        return float(self.area[self.changed & self.artif].sum())

    @property
    def area_to_non_artif(self) -> float:
        return float(self.area[self.changed & ~self.artif].sum())


# --------------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------------


def apply_thresholds(
    geometries_wkb: Sequence[Any],
    artif_matrix: Sequence[bool | None] | np.ndarray,
    code_cs: Sequence[str | None] | np.ndarray,
    areas: Sequence[float] | np.ndarray | None = None,
    feedback: Any = None,
    *,
    grid: float = DEFAULT_GRID,
    tolerance: float = DEFAULT_TOLERANCE,
) -> ThresholdResult:
    """Apply the décret's thresholds (step 2) to the matrix result (step 1) of a polygon mesh.

    Args:
        geometries_wkb: one WKB per polygon (``bytes``, or ``QByteArray`` from
        ``QgsGeometry.asWkb()``;
            None or empty for no geometry): Polygon or MultiPolygon, any byte order; Z / M ignored.
        artif_matrix: the matrix status per polygon: True / False / None (indéterminé), or an
            integer numpy array with 1 / 0 / -1, or a numpy bool array.
        code_cs: the couverture code per polygon (any case / padding, see ``normalise_code``), used
            only to recognise built polygons (``CODE_BATI``); a numpy bool array "is built" is
            accepted
            too.
        areas: polygon areas in CRS units² (e.g. IGN's ``aire``); computed from the geometry
            (planar, holes excluded) when None.
        feedback: optional ``QgsProcessingFeedback``-like object: ``setProgress(0..100)`` is called
            across the phases and ``isCanceled()`` is checked regularly.
        grid: snapping grid of vertices for exact matching of shared sides (CRS units; 1 mm).
        tolerance: distance under which sides are deemed shared by the fallback (CRS units; 1 cm).

    Returns:
        A :class:`ThresholdResult`.

    Raises:
        Canceled: ``feedback.isCanceled()`` became true.
        ValueError: inconsistent lengths, or a geometry that is not a (multi)polygon WKB.
    """
    progress = _Progress(feedback)
    n = len(geometries_wkb)
    status = _status_array(artif_matrix, n)
    bati = _bati_array(code_cs, n)
    cls = np.where(status < 0, IND, status).astype(np.int8)  # 0 non-artif, 1 artif, 2 indéterminé
    progress.set(1)

    mesh = read_mesh(geometries_wkb, n, grid, progress)  # → 40 %
    if areas is None:
        area = mesh.poly_area
    else:
        area = np.asarray(areas, dtype=np.float64)
        if area.shape != (n,):
            raise ValueError(
                f"areas: {area.shape[0] if area.ndim else 0} values for {n} geometries"
            )

    sides, pairs = _Sides.matched(mesh, cls, progress)  # → 60 %
    n_unmatched, n_fallback = _match_by_fallback(sides, mesh, pairs, tolerance, progress)
    sides.keep_boundary()
    progress.set(70)
    patch_id, n_patches, patch_area, patch_artif, valid = _patches(n, cls, area, pairs, progress)
    small = patch_area < SEUIL_SURFACE_M2
    progress.set(80)
    enclosed = _enclosure(sides, mesh, patch_id, n_patches, small, progress)
    progress.set(95)

    result = _one_pass(
        cls,
        bati,
        area,
        valid,
        (patch_id, n_patches, patch_area, patch_artif),
        enclosed,
        (n_unmatched, n_fallback),
    )
    progress.set(100)
    return result


# --------------------------------------------------------------------------------------------------
# The steps of apply_thresholds
# --------------------------------------------------------------------------------------------------


class _Sides:
    """The polygon sides that may bound a patch: every side but those whose twin is of the same
    class, in the order of their sort key (``mesh.side_keys``: edge hash, class, ring
    orientation, direction), as the position of their start vertex in ``mesh.keys`` (``pos``)
    and the key's flags (``flags``: class, orientation, direction), with their polygon
    (``spoly``), whether the other side is of the other class, not indéterminé (``enclosing``),
    and whether they have no exact twin (``unmatched``: the fallback's). Attributes are deleted as
    soon as a step no longer needs them (memory)."""

    pos: np.ndarray
    flags: np.ndarray
    spoly: np.ndarray
    enclosing: np.ndarray
    unmatched: np.ndarray
    internal: np.ndarray  # the fallback found the other side of the same class

    @classmethod
    def matched(
        cls_,  # noqa: N804 - ``cls`` names the polygons' classes here
        mesh: Mesh,
        cls: np.ndarray,
        progress: _Progress,
    ) -> tuple[_Sides, list[list[np.ndarray]]]:
        """The sides matched with their twins, run of the sorted order by run
        (``mesh.sorted_sides``);
        returns them and the pairs of same-status polygons sharing a side (each pair once a run)."""
        parts = []
        pairs: list[list[np.ndarray]] = [[np.zeros(0, np.int32)], [np.zeros(0, np.int32)]]
        for composite, spoly, pos, done in sorted_sides(mesh, cls, progress):
            progress.set(40 + 20 * done, trim=False)
            internal, enclosing, matched, (a, b) = _match(composite, spoly)
            keep = ~internal
            flags = (composite[keep] & FLAG_MASK).astype(np.uint8)
            parts.append((pos[keep], flags, spoly[keep], enclosing[keep], ~matched[keep]))
            del composite, spoly, pos, internal, enclosing, matched, keep, flags
            a, b = _fewer_links(cls.size, a, b)  # a pair of polygons shares many sides
            pairs[0].append(a)
            pairs[1].append(b)
        if not parts:  # no side at all
            empty = np.zeros(0, np.int32)
            parts.append(
                (empty, np.zeros(0, np.uint8), empty, np.zeros(0, bool), np.zeros(0, bool))
            )
        columns = [list(column) for column in zip(*parts)]
        del parts
        sides = cls_()
        sides.pos, sides.flags, sides.spoly, sides.enclosing, sides.unmatched = (
            joined(column) for column in columns
        )
        sides.internal = np.zeros(sides.pos.size, dtype=bool)
        progress.set(60)
        return sides, pairs

    def keep_boundary(self) -> None:
        """Leave out the unmatched sides the fallback found internal (the enclosure reads the
        others)."""
        keep = ~self.internal
        del self.internal, self.unmatched
        self.pos = self.pos[keep]
        self.flags = self.flags[keep]
        self.spoly = self.spoly[keep]
        self.enclosing = self.enclosing[keep]


def _match(
    composite: np.ndarray, spoly: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """(internal, enclosing, matched, pairs of same-status polygons sharing a side) of sorted
    sides (a run of whole edges).

    Nearly every edge has one or two sides: compare with the neighbour in the sorted order.
    internal: the other side is of the same class; enclosing: it is of the other class (not
    indéterminé); unmatched: the side is alone (→ fallback)."""
    n_edges = composite.size
    scls = ((composite >> 2) & 3).astype(np.int8)
    # runs of equal keys are the sides of one edge (sorted by class inside a run)
    skey = composite >> FLAG_BITS
    same_key = skey[1:] == skey[:-1]  # side i and side i + 1 are the same edge
    del skey
    twin = same_key & (scls[1:] == scls[:-1])
    twin &= scls[1:] != IND
    twin &= spoly[1:] != spoly[:-1]
    pairs = (spoly[:-1][twin], spoly[1:][twin])  # same-status polygons sharing a side
    del twin
    eq_prev = np.zeros(n_edges, dtype=bool)
    eq_prev[1:] = same_key
    eq_next = np.zeros(n_edges, dtype=bool)
    eq_next[:-1] = same_key
    del same_key
    matched = eq_prev | eq_next
    other = np.empty(n_edges, dtype=np.int8)
    other[:-1] = scls[1:]
    other[-1:] = IND
    prev_cls = np.empty(n_edges, dtype=np.int8)
    prev_cls[1:] = scls[:-1]
    prev_cls[:1] = IND
    np.copyto(other, prev_cls, where=~eq_next)
    del prev_cls
    internal = matched & (other == scls)
    enclosing = matched & (other != scls) & (other != IND)
    del other
    # edges of three sides or more (overlapping data): count the classes of each such edge
    middle = eq_prev & eq_next
    del eq_prev, eq_next
    crowded = middle.copy()
    crowded[:-1] |= middle[1:]
    crowded[1:] |= middle[:-1]
    crowded = np.flatnonzero(crowded)
    del middle
    if crowded.size:
        internal[crowded], enclosing[crowded] = _crowded_edges(
            composite[crowded] >> FLAG_BITS, scls[crowded]
        )
    return internal, enclosing, matched, pairs


def _match_by_fallback(
    sides: _Sides, mesh: Mesh, pairs: list[list[np.ndarray]], tolerance: float, progress: _Progress
) -> tuple[int, int]:
    """The sides without an exact twin, matched geometrically (``sides.side_neighbours``):
    ``internal``, ``enclosing`` and ``pairs`` completed in place. Returns (unmatched sides, of
    them matched)."""
    unmatched = np.flatnonzero(sides.unmatched)
    if not unmatched.size:
        return 0, 0
    ua, ub = mesh.endpoints(sides.pos[unmatched])
    order = _edge_order(ua, ub, sides.flags[unmatched])
    unmatched, ua, ub = unmatched[order], ua[order], ub[order]
    (x0, y0), (x1, y1) = mesh.coordinates(ua), mesh.coordinates(ub)
    ucls = ((sides.flags[unmatched] >> 2) & 3).astype(np.int8)
    full, has_same, has_opp, has_ind, fa, fb = side_neighbours(
        x0, y0, x1, y1, sides.spoly[unmatched], ucls, tolerance, progress
    )
    sides.internal[unmatched] = full & has_same & ~has_opp & ~has_ind
    sides.enclosing[unmatched] = full & has_opp & ~has_ind
    not_ind = ucls != IND
    pairs[0].append(fa)
    pairs[1].append(fb)
    return int(np.count_nonzero(not_ind)), int(np.count_nonzero(full & not_ind))


def _patches(
    n: int, cls: np.ndarray, area: np.ndarray, pairs: list[list[np.ndarray]], progress: _Progress
) -> tuple[np.ndarray, int, np.ndarray, np.ndarray, np.ndarray]:
    """Connected components of same-status polygons: (patch id per polygon, -1 for indéterminé;
    number of patches; patch area; patch is artificialised; polygon is not indéterminé)."""
    link_a, link_b = np.concatenate(pairs[0]), np.concatenate(pairs[1])
    pairs.clear()
    link_a, link_b = _unique_links(n, link_a, link_b)  # a pair of polygons shares many sides
    roots = _components(n, link_a, link_b, progress)
    del link_a, link_b
    valid = cls != IND
    patch_id = np.full(n, -1, dtype=np.int64)
    _, patch_id[valid] = np.unique(roots[valid], return_inverse=True)
    n_patches = int(patch_id.max()) + 1 if valid.any() else 0
    del roots
    patch_area = np.bincount(patch_id[valid], weights=area[valid], minlength=n_patches)
    patch_artif = np.zeros(n_patches, dtype=bool)
    patch_artif[patch_id[valid]] = cls[valid] == ARTIF
    return patch_id, n_patches, patch_area, patch_artif, valid


def _enclosure(
    sides: _Sides,
    mesh: Mesh,
    patch_id: np.ndarray,
    n_patches: int,
    small: np.ndarray,
    progress: _Progress,
) -> np.ndarray:
    """Which small patches are enclosed, read on their outer boundary (``sides`` keeps only the
    sides that are not internal; they are spent)."""
    epatch = take(patch_id.astype(np.int32), sides.spoly)  # -1 for indéterminé
    del sides.spoly
    small_side = take(np.append(small, False), epatch)  # index -1 → False
    boundary = np.flatnonzero(small_side)
    del small_side
    bpatch = epatch[boundary]
    del epatch
    ba, bb = mesh.endpoints(sides.pos[boundary])
    bflags = sides.flags[boundary]
    order = _edge_order(ba, bb, bflags)
    ba, bb, bflags, bpatch = ba[order], bb[order], bflags[order], bpatch[order]
    bsign = np.where((bflags >> 1) & 1, 1, -1).astype(np.int8)
    benclosing = sides.enclosing[boundary[order]]
    del sides.pos, sides.flags, sides.enclosing, boundary, bflags, order
    return _enclosed(n_patches, small, bpatch, ba, bb, bsign, benclosing, mesh, progress)


def _edge_order(ka: np.ndarray, kb: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """The order of sides (start and end grid keys, flags) by smaller grid key, larger one, then
    flags: the order of the vertices' coordinates, the same whatever the order of the sides (the
    fallback and the loops' areas read the sides in it, so their sums are made in one order)."""
    return np.lexsort((flags, np.maximum(ka, kb), np.minimum(ka, kb)))


def _one_pass(
    cls: np.ndarray,
    bati: np.ndarray,
    area: np.ndarray,
    valid: np.ndarray,
    patches: tuple,
    enclosed: np.ndarray,
    edges: tuple[int, int],
) -> ThresholdResult:
    """The thresholds, one pass: enclosed small patches switch (rule 1, rule 2 and its
    exception). ``patches``: (patch id per polygon, number, area, is artificialised); ``edges``:
    (unmatched, of them matched by the fallback)."""
    patch_id, n_patches, patch_area, patch_artif = patches
    initial = cls == ARTIF
    final = initial.copy()
    hit = (
        valid & enclosed[np.where(valid, patch_id, 0)]
        if n_patches
        else np.zeros(cls.size, dtype=bool)
    )
    final[hit & ~initial] = True  # rule 1
    final[hit & initial & ~(bati & (area > SEUIL_BATI_M2))] = False  # rule 2 and its exception
    return ThresholdResult(
        artif=final,
        changed=final != initial,
        indetermine=~valid,
        patch_id=patch_id,
        patch_area=patch_area,
        patch_artif=patch_artif,
        patch_enclosed=enclosed,
        area=area,
        n_unmatched_edges=edges[0],
        n_fallback_edges=edges[1],
    )


# --------------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------------


class _Progress:
    """Progress and cancelation through an optional QgsProcessingFeedback-like object."""

    def __init__(self, feedback: Any) -> None:
        self.feedback = feedback

    def check(self) -> None:
        if self.feedback is not None and self.feedback.isCanceled():
            raise Canceled("calcul des seuils annulé")

    def set(self, percent: float, trim: bool = True) -> None:
        """Report ``percent``; between phases (``trim``) hand the freed heap back first."""
        self.check()
        if trim:
            _give_back()
        if self.feedback is not None:
            self.feedback.setProgress(percent)


def _libc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


_TRIM = _libc_trim()


def _give_back() -> None:
    """Hand the freed heap back to the system between phases (glibc's ``malloc_trim``): reading
    and parsing by chunks leave a heap of freed small arrays that the next phases, whose arrays
    are larger than malloc's mmap threshold, never reuse (300 MB of peak memory at 1,000,000
    polygons)."""
    if _TRIM is not None:
        _TRIM(0)


def _status_array(artif_matrix: Any, n: int) -> np.ndarray:
    """Matrix status as int8: 1 artificialised, 0 not, -1 indéterminé."""
    if isinstance(artif_matrix, np.ndarray) and artif_matrix.dtype.kind in "biu":
        status = artif_matrix.astype(np.int8)
        if status.shape != (n,):
            raise ValueError(f"artif_matrix: shape {status.shape} for {n} geometries")
        if artif_matrix.dtype.kind != "b" and not np.isin(status, (-1, 0, 1)).all():
            raise ValueError("artif_matrix: integer statuses must be 1, 0 or -1")
        return status

    def code(value: Any) -> int:
        if value is None or (hasattr(value, "isNull") and value.isNull()):  # None, QGIS's NULL
            return INDETERMINE
        try:
            if value != value:  # NaN
                return INDETERMINE
            return ARTIF if value else NON_ARTIF
        except TypeError:  # pandas.NA
            return INDETERMINE

    values = list(artif_matrix)
    if len(values) != n:
        raise ValueError(f"artif_matrix: {len(values)} values for {n} geometries")
    return np.fromiter(map(code, values), dtype=np.int8, count=n)


def _bati_array(code_cs: Any, n: int) -> np.ndarray:
    """True where the couverture is the built one (CODE_BATI)."""
    if isinstance(code_cs, np.ndarray) and code_cs.dtype == bool:
        if code_cs.shape != (n,):
            raise ValueError(f"code_cs: shape {code_cs.shape} for {n} geometries")
        return code_cs
    values = list(code_cs)
    if len(values) != n:
        raise ValueError(f"code_cs: {len(values)} values for {n} geometries")
    memo: dict[Any, bool] = {}

    def is_bati(value: Any) -> bool:
        try:
            return memo[value]
        except KeyError:
            memo[value] = result = normalise_code(value) == CODE_BATI
            return result
        except TypeError:  # unhashable
            return normalise_code(value) == CODE_BATI

    return np.fromiter(map(is_bati, values), dtype=bool, count=n)


# --------------------------------------------------------------------------------------------------
# Areas alone
# --------------------------------------------------------------------------------------------------


def polygon_areas(geometries_wkb: Sequence[Any], feedback: Any = None) -> np.ndarray:
    """Planar area of each (multi)polygon WKB (holes excluded; 0 for None or empty), as the
    thresholds compute it: the shoelace formula on coordinates relative to each ring's first
    vertex."""
    progress = _Progress(feedback)
    n = len(geometries_wkb)
    out = np.zeros(n)
    origin: tuple[float, float] | None = None
    for first, chunk, lengths in wkb_chunks(geometries_wkb, n)[1]:
        progress.set(100 * first / max(n, 1))
        x, y, count, geom, exterior, origin = parse_rings(chunk, lengths, first, origin, progress)
        out[first : first + len(chunk)] = polygon_areas_of_rings(
            ring_areas(x, y, count), geom, exterior, len(chunk)
        )
    progress.set(100)
    return out


# --------------------------------------------------------------------------------------------------
# Graph helpers
# --------------------------------------------------------------------------------------------------


def _crowded_edges(keys: np.ndarray, cls: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(internal, enclosing) for sides of edges with more than two sides (sorted ``keys``)."""
    new = np.ones(keys.size, dtype=bool)
    new[1:] = keys[1:] != keys[:-1]
    run = np.cumsum(new) - 1
    n_runs = int(run[-1]) + 1
    counts = np.bincount(run * 3 + cls, minlength=n_runs * 3).reshape(n_runs, 3)
    main = np.minimum(cls, 1)
    same_other = counts[run, main] - 1
    opposite = counts[run, 1 - main]
    indet = counts[run, IND]
    return (same_other > 0) & (opposite == 0) & (indet == 0), (opposite > 0) & (indet == 0)


def _pair_key(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Unordered pairs of nodes (< n) as one int64 each: larger × n + smaller."""
    key = np.maximum(a, b).astype(np.int64)
    key *= n
    key += np.minimum(a, b)
    return key


_SPREAD = np.uint64(0x9E3779B97F4A7C15)


def _fewer_links(n: int, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Most repeated links a–b (nodes < n) left out, none lost, without a sort: each link's
    pair goes to a slot of a table twice as large as the links (a multiplicative hash), one link
    of each slot is written there, and a link is kept when it is that one or its pair is not that
    one's (another pair took the slot). ``_unique_links`` makes the rest distinct."""
    if a.size < 2:
        return a, b
    key = _pair_key(a, b, n)
    bits = (2 * key.size).bit_length()
    slot = key.view(np.uint64) * _SPREAD
    slot >>= np.uint64(64 - bits)
    slot = slot.view(np.int64)
    writer = np.empty(1 << bits, dtype=np.int64)
    writer[slot] = np.arange(key.size)  # some link of the slot (numpy: the last one)
    written = writer[slot]
    del writer
    keep = written == np.arange(key.size)
    keep |= key[written] != key
    return a[keep], b[keep]


def _unique_links(n: int, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct links (larger node, smaller node) of the links a–b, self-links dropped."""
    distinct = a != b
    a, b = a[distinct], b[distinct]
    del distinct
    key = _pair_key(a, b, n)
    del a, b
    key.sort()
    if key.size:
        keep = np.ones(key.size, dtype=bool)
        np.not_equal(key[1:], key[:-1], out=keep[1:])
        key = key[keep]
    dtype = np.int32 if n < 2**31 - 1 else np.int64
    larger = (key // n).astype(dtype)
    key %= n  # in place: one temporary less
    return larger, key.astype(dtype)


def _components(
    n: int, a: np.ndarray, b: np.ndarray, progress: _Progress | None = None
) -> np.ndarray:
    """Connected components of the graph (nodes range(n), links a–b): each node's root (smallest
    index).

    Vectorised union-find: every root that is the larger end of a link between two components is
    hooked to the smallest root it is linked to, then pointers are jumped until every node points
    at its root. Roots only ever point to smaller indices, so no cycle can form; links inside one
    component are dropped as soon as they are, so each round works on fewer links (a handful of
    rounds on real meshes)."""
    dtype = np.int32 if n < 2**31 - 1 else np.int64
    parent = np.arange(n, dtype=dtype)
    a = np.asarray(a).astype(dtype, copy=False)
    b = np.asarray(b).astype(dtype, copy=False)
    while a.size:
        if progress is not None:
            progress.check()
        ra, rb = parent[a], parent[b]
        live = ra != rb
        a, b = a[live], b[live]
        if not a.size:
            break
        ra, rb = ra[live], rb[live]
        del live
        key = _pair_key(ra, rb, n)
        del ra, rb
        key = np.unique(key)  # sorted by larger root then smaller: the first is the smallest
        hi, lo = key // n, key % n
        del key
        first = np.ones(hi.size, dtype=bool)
        first[1:] = hi[1:] != hi[:-1]
        parent[hi[first]] = lo[first]
        del hi, lo, first
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
    return parent


def _enclosed(
    n_patches: int,
    small: np.ndarray,
    bpatch: np.ndarray,
    ka: np.ndarray,
    kb: np.ndarray,
    bsign: np.ndarray,
    benclosing: np.ndarray,
    mesh: Mesh,
    progress: _Progress,
) -> np.ndarray:
    """Small patches whose outer boundary faces the opposite status everywhere.

    ``bpatch``, ``ka``, ``kb``, ``b*`` describe the boundary edges of the small patches (edges
    not shared inside the patch): patch, grid keys of the start and end vertex (ring direction),
    orientation sign of their ring, and whether the other side is entirely of the opposite
    status. Edges are chained into loops through shared
    vertices (per patch); closed loops of negative oriented area are holes and are left out.
    """
    enclosed = np.zeros(n_patches, dtype=bool)
    if not bpatch.size:
        return enclosed
    m = bpatch.size
    vertex_key, vertex = np.unique(np.concatenate([ka, kb]), return_inverse=True)
    ba, bb = vertex[:m], vertex[m:]  # the boundary's vertices numbered in the order of their keys
    del vertex
    np_ = max(vertex_key.size, 1)
    if n_patches * np_ >= 2**63:
        raise ValueError("too many patches × vertices for 64-bit keys")
    bpatch = bpatch.astype(np.int64)  # int32 × int: numpy keeps int32, and it would wrap
    keys = np.concatenate([bpatch * np_ + ba, bpatch * np_ + bb])
    _, node = np.unique(keys, return_inverse=True)
    del keys
    n_nodes = int(node.max()) + 1
    na, nb = node[:m], node[m:]
    root = _components(n_nodes, na, nb, progress)
    group = root[na]

    # oriented (doubled) area of each loop, coordinates relative to a vertex of the patch
    _, first = np.unique(bpatch, return_index=True)
    ref_of = np.zeros(n_patches, dtype=np.int64)
    ref_of[bpatch[first]] = ba[first]
    rx, ry = mesh.coordinates(vertex_key[ref_of[bpatch]])
    xa, ya = mesh.coordinates(ka)
    xb, yb = mesh.coordinates(kb)
    xa -= rx
    ya -= ry
    xb -= rx
    yb -= ry
    area2 = bsign * (xa * yb - xb * ya)
    loop_area = np.bincount(group, weights=area2, minlength=n_nodes)
    degree = np.bincount(node, minlength=n_nodes)
    open_loop = np.zeros(n_nodes, dtype=bool)
    open_loop[root[degree % 2 == 1]] = True
    hole = ~open_loop & (loop_area < 0)
    outer = ~hole[group]

    n_outer = np.bincount(bpatch[outer], minlength=n_patches)
    n_bad = np.bincount(bpatch[outer & ~benclosing], minlength=n_patches)
    return small & (n_outer > 0) & (n_bad == 0)
