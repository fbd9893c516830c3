"""Boolean grids of cells (numpy only): a mask grown by its neighbours. The raster pre-pass of
``placement`` uses it, and so does the sample generator (scripts/sample_generator.py)."""

from __future__ import annotations

import numpy as np

__all__ = ["dilate"]


def dilate(mask: np.ndarray, steps: int = 1) -> np.ndarray:
    """``mask`` (2-D, boolean) grown by one cell in the 8 directions, ``steps`` times; a new
    array."""
    out = mask
    for _ in range(steps):
        grown = out.copy()
        grown[1:, :] |= out[:-1, :]
        grown[:-1, :] |= out[1:, :]
        grown[:, 1:] |= out[:, :-1]
        grown[:, :-1] |= out[:, 1:]
        grown[1:, 1:] |= out[:-1, :-1]
        grown[:-1, :-1] |= out[1:, 1:]
        grown[1:, :-1] |= out[:-1, 1:]
        grown[:-1, 1:] |= out[1:, :-1]
        out = grown
    return out
