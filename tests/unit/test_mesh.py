"""The thresholds' mesh (computing/mesh.py): vertices numbered and sides sorted range by range give
what one sort of everything gives (the ranges made tiny here, so that there are many)."""

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


@pytest.mark.parametrize(
    "size, distinct, range_size",
    [(1000, 50, 7), (5000, 4000, 16), (1, 1, 3), (0, 1, 3), (3000, 900, 2)],
)
def test_vertices_numbered_by_ranges_as_by_one_sort(monkeypatch, size, distinct, range_size):
    monkeypatch.setattr(mesh, "_RANGE", range_size)
    rng = np.random.default_rng(size)
    values = rng.integers(0, distinct, size).astype(np.uint64) * np.uint64(
        2_654_435_761
    ) + np.uint64(2**40)
    expected_distinct, expected_number = np.unique(values, return_inverse=True)
    keys = values.copy()
    progress = _Progress()
    number, parts = mesh._number(keys, progress)
    assert number.dtype == np.int32
    assert np.array_equal(number, expected_number)
    assert np.array_equal(
        mesh.joined(parts) if parts else np.zeros(0, np.uint64), expected_distinct
    )
    assert size < 2 or progress.checks > 1  # the ranges were many, each one checked for cancel


def _rings_mesh():
    """Six polygons in a 3 × 2 grid of 10 m cells (one with a hole, one MultiPolygon of two
    cells)."""
    wkb = [polygon_wkb(rect(x, y, x + 10, y + 10)) for y in (0, 10) for x in (0, 10, 20)]
    wkb[1] = polygon_wkb(rect(10, 0, 20, 10), [(12, 2), (12, 8), (18, 8), (18, 2), (12, 2)])
    return wkb


@pytest.mark.parametrize("range_size", [1, 2, 5, 1 << 19])
def test_sides_sorted_by_ranges_as_by_one_sort(monkeypatch, range_size):
    monkeypatch.setattr(mesh, "_RANGE", range_size)
    wkb = _rings_mesh()
    cls = np.array([0, 1, 0, 2, 1, 0], dtype=np.int8)
    m = mesh.read_mesh(wkb, len(wkb), 0.001, _Progress())
    # the sides read from the rings directly, then sorted whole
    starts, ends, polys, signs = [], [], [], []
    for ring in range(m.ring_count.size):
        first, count = m.ring_start[ring], m.ring_count[ring]
        ids = m.pid[first : first + count]
        nxt = np.roll(ids, -1)
        keep = ids != nxt
        starts.append(ids[keep])
        ends.append(nxt[keep])
        polys.append(np.full(keep.sum(), m.ring_poly[ring]))
        signs.append(np.full(keep.sum(), m.ring_sign[ring]))
    pa, pb, poly, sign = (np.concatenate(column) for column in (starts, ends, polys, signs))
    key = mesh.side_keys(pa, pb, cls[poly], sign, m.n_points)
    order = np.lexsort((poly, key))
    runs = list(mesh.sorted_sides(m, cls, _Progress()))
    assert range_size > 100 or len(runs) > 3
    got_key = np.concatenate([k for k, _ in runs])
    got_poly = np.concatenate([p for _, p in runs])
    assert np.array_equal(got_key, key[order])  # sorted whole, nothing lost, nothing twice
    assert sorted(zip(got_key.tolist(), got_poly.tolist())) == sorted(
        zip(key.tolist(), poly.tolist())
    )
    assert pa.size == 4 * 6 + 4  # 24 cell sides and the hole's 4
    a, b = m.endpoints(got_key)
    assert {tuple(e) for e in zip(a.tolist(), b.tolist())} == set(zip(pa.tolist(), pb.tolist()))


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
