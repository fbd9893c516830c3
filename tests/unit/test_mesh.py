"""The thresholds' mesh (computing/mesh.py): sides sorted range by range give what one sort of
everything gives (the ranges made tiny here, so that there are many), also when different edges
have the same hash."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

try:  # the plugin as the package ``ocsge`` (tests/conftest.py)
    from ocsge.ocsge_plugin.computing import mesh
except ImportError:  # standalone: the checkout's root on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from ocsge_plugin.computing import mesh

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_thresholds import polygon_wkb, rect  # noqa: E402


class _Progress:
    def __init__(self) -> None:
        self.checks = 0

    def check(self) -> None:
        self.checks += 1

    def set(self, percent: float, trim: bool = True) -> None:
        self.check()


def _rings_mesh():
    """Six polygons in a 3 × 2 grid of 10 m cells (one with a hole, one MultiPolygon of two
    cells)."""
    wkb = [polygon_wkb(rect(x, y, x + 10, y + 10)) for y in (0, 10) for x in (0, 10, 20)]
    wkb[1] = polygon_wkb(rect(10, 0, 20, 10), [(12, 2), (12, 8), (18, 8), (18, 2), (12, 2)])
    return wkb


def _ring_sides(m):
    """Every non-degenerate side read from the rings directly: (start key, end key, polygon,
    sign, position of the start vertex)."""
    starts, ends, polys, signs, where = [], [], [], [], []
    for ring in range(m.ring_count.size):
        first, count = m.ring_start[ring], m.ring_count[ring]
        ids = m.keys[first : first + count]
        nxt = np.roll(ids, -1)
        keep = ids != nxt
        starts.append(ids[keep])
        ends.append(nxt[keep])
        polys.append(np.full(keep.sum(), m.ring_poly[ring]))
        signs.append(np.full(keep.sum(), m.ring_sign[ring]))
        where.append(first + np.flatnonzero(keep))
    return tuple(np.concatenate(column) for column in (starts, ends, polys, signs, where))


@pytest.mark.parametrize("range_size", [1, 2, 5, 1 << 19])
@pytest.mark.parametrize("collide", [False, True])
def test_sides_sorted_by_ranges_as_by_one_sort(monkeypatch, range_size, collide):
    """Sides sorted range by range: every side once, each range sorted, the two sides of an edge
    next to each other and no other edge between them, also when every edge has the same hash
    (``collide``: the exact sort of ``_exact``)."""
    monkeypatch.setattr(mesh, "_RANGE", range_size)
    exact = []
    if collide:
        monkeypatch.setattr(mesh, "edge_hash", lambda lo, hi: np.zeros_like(lo))
        monkeypatch.setattr(mesh, "_exact", lambda *a, _f=mesh._exact: exact.append(1) or _f(*a))
    wkb = _rings_mesh()
    cls = np.array([0, 1, 0, 2, 1, 0], dtype=np.int8)
    m = mesh.read_mesh(wkb, len(wkb), 0.001, _Progress())
    ka, kb, poly, sign, where = _ring_sides(m)
    assert ka.size == 4 * 6 + 4  # 24 cell sides and the hole's 4
    runs = list(mesh.sorted_sides(m, cls, _Progress()))
    assert range_size > 100 or len(runs) > 3
    assert not collide or exact  # the edges of a vertex collided, and were put apart
    assert [done for *_, done in runs] == sorted(done for *_, done in runs)
    assert runs[-1][3] == pytest.approx(1.0)
    got_pos = np.concatenate([pos for _, _, pos, _ in runs])
    got_poly = np.concatenate([p for _, p, _, _ in runs])
    assert sorted(got_pos.tolist()) == sorted(where.tolist())  # nothing lost, nothing twice
    by_pos = {w: i for i, w in enumerate(where.tolist())}
    index = np.array([by_pos[w] for w in got_pos.tolist()])
    assert np.array_equal(got_poly, poly[index])
    got_a, got_b = m.endpoints(got_pos)
    assert np.array_equal(got_a, ka[index]) and np.array_equal(got_b, kb[index])
    # within each range the keys are sorted and a key's flags are the side's
    for key, p, pos, _ in runs:
        assert (np.diff(key) >= 0).all()
        a, b = m.endpoints(pos)
        flags = (cls[p].astype(np.int64) << 2) | ((m.ring_sign[_rings_of(m, pos)] > 0) << 1)
        assert np.array_equal(key & 15, flags | (a > b))
    # the sides of an edge follow each other, in one range
    edge = [(min(a, b), max(a, b)) for a, b in zip(got_a.tolist(), got_b.tolist())]
    seen, previous = set(), None
    for e in edge:
        assert e == previous or e not in seen
        seen.add(e)
        previous = e
    assert len(seen) == 9 + 8 + 4  # horizontal and vertical cell edges, the hole's


def _rings_of(m, pos):
    return np.searchsorted(m.ring_start, pos, side="right") - 1


def test_ahead_gives_every_item_in_order_and_its_error_in_place():
    """``ahead`` makes the next item in a second thread: the same items in the same order, the next
    one made before the current one is used (one item ahead, not more), and an error of the making
    (a cancel) raised at its place, after the items made before it."""
    made: list[int] = []

    def items():
        for i in range(5):
            made.append(i)
            yield np.arange(i)
        raise RuntimeError("canceled at 5")

    seen = []
    with pytest.raises(RuntimeError, match="canceled at 5"):
        for item in mesh.ahead(items()):
            seen.append(item.size)
            assert len(made) <= item.size + 2  # at most the current item and the next one made
    assert seen == [0, 1, 2, 3, 4]
    assert list(mesh.ahead(iter([]))) == []
