"""cells.dilate on small grids drawn by hand: a cell grows into the 3 × 3 block around it,
clipped at the edges of the grid, twice into 5 × 5; the mask given is left as it was."""

from __future__ import annotations

import numpy as np

from ocsge.ocsge_plugin.computing import cells


def _grid(rows: list[str]) -> np.ndarray:
    return np.array([[c == "#" for c in row] for row in rows], dtype=bool)


def test_one_cell_grows_in_the_eight_directions():
    mask = _grid([".......", ".......", "...#...", ".......", "......."])
    assert (
        cells.dilate(mask) == _grid([".......", "..###..", "..###..", "..###..", "......."])
    ).all()
    assert (
        cells.dilate(mask, 2) == _grid([".#####.", ".#####.", ".#####.", ".#####.", ".#####."])
    ).all()
    assert mask.sum() == 1  # untouched


def test_growth_stops_at_the_edges_and_joins_neighbours():
    mask = _grid(["#.....", "......", ".....#"])
    assert (cells.dilate(mask) == _grid(["##....", "##..##", "....##"])).all()
