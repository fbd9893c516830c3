"""Benchmark of the thresholds engine on a synthetic département-sized mesh (not a test).

A jittered grid of N × N quads (10 m cells, so 25 cells make the 2,500 m² threshold), every side
optionally split by K extra vertices shared by both neighbours (real OCS GE polygons have many
vertices), statuses from smoothed noise with salt-and-pepper patches, 0.5 % indéterminé, a third of
the artificialised cells built. Run with the QGIS python:

    /usr/bin/time -v .venv/bin/python bench/bench_thresholds.py --n 1000 --k 0
    /usr/bin/time -v .venv/bin/python bench/bench_thresholds.py --n 1000 --k 0 --generate-only
    .venv/bin/python bench/bench_thresholds.py --layer …/OCCUPATION_SOL.gpkg   # a delivery, e.g.
                                                       from # scripts/sample_generator.py

The script resets the process's peak RSS after generating the mesh (/proc/self/clear_refs) and
prints the engine's own peak on top of what the caller already holds; ``--generate-only`` with
/usr/bin/time gives the generation's peak for comparison.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ocsge_plugin.computing.thresholds import apply_thresholds  # noqa: E402


def mesh(n: int, k: int, seed: int = 0, t_junctions: bool = False) -> list[bytes]:
    """WKB polygons of a jittered n × n grid with k shared extra vertices per side.

    With ``t_junctions``, every cell also gets a vertex of its own in the middle of its bottom
    side, which its neighbour below does not have: no side there matches exactly (worst case for
    the fallback)."""
    rng = np.random.default_rng(seed)
    size = 10.0
    gx = np.arange(n + 1) * size
    cx = gx[:, None] + rng.uniform(-3, 3, (n + 1, n + 1)) + 700000.0
    cy = gx[None, :] + rng.uniform(-3, 3, (n + 1, n + 1)) + 6200000.0
    t = (np.arange(1, k + 1) / (k + 1))[None, None, :]
    # horizontal sides (i, j) → (i+1, j) and vertical sides (i, j) → (i, j+1), interior points,
    # jittered
    hx = cx[:-1, :, None] + (cx[1:, :, None] - cx[:-1, :, None]) * t
    hy = (
        cy[:-1, :, None]
        + (cy[1:, :, None] - cy[:-1, :, None]) * t
        + rng.uniform(-0.5, 0.5, (n, n + 1, k))
    )
    vx = (
        cx[:, :-1, None]
        + (cx[:, 1:, None] - cx[:, :-1, None]) * t
        + rng.uniform(-0.5, 0.5, (n + 1, n, k))
    )
    vy = cy[:, :-1, None] + (cy[:, 1:, None] - cy[:, :-1, None]) * t
    npts = 4 * (k + 1) + 1
    ring = np.empty((n, n, npts, 2))
    c = 0
    parts = [
        (cx[:-1, :-1], cy[:-1, :-1]),
        (hx[:, :-1], hy[:, :-1]),  # c00, bottom side
        (cx[1:, :-1], cy[1:, :-1]),
        (vx[1:, :], vy[1:, :]),  # c10, right side
        (cx[1:, 1:], cy[1:, 1:]),
        (hx[:, 1:, ::-1], hy[:, 1:, ::-1]),  # c11, top side reversed
        (cx[:-1, 1:], cy[:-1, 1:]),
        (vx[:-1, :, ::-1], vy[:-1, :, ::-1]),  # c01, left side reversed
    ]
    for px, py in parts:
        width = 1 if px.ndim == 2 else k
        if width:
            ring[:, :, c : c + width, 0] = px.reshape(n, n, width)
            ring[:, :, c : c + width, 1] = py.reshape(n, n, width)
        c += width
    ring[:, :, -1] = ring[:, :, 0]
    if t_junctions:  # insert the bottom side's midpoint after the first vertex (k = 0 only)
        assert k == 0, "t_junctions with k = 0 only"
        mid = (ring[:, :, 0] + ring[:, :, 1]) / 2
        ring = np.concatenate([ring[:, :, :1], mid[:, :, None], ring[:, :, 1:]], axis=2)
        npts += 1
    dtype = np.dtype(
        [
            ("bo", "u1"),
            ("type", "<u4"),
            ("nrings", "<u4"),
            ("npts", "<u4"),
            ("xy", "<f8", (npts, 2)),
        ]
    )
    rec = np.empty(n * n, dtype=dtype)
    rec["bo"], rec["type"], rec["nrings"], rec["npts"] = 1, 3, 1, npts
    rec["xy"] = ring.reshape(n * n, npts, 2)
    buf = rec.tobytes()
    item = dtype.itemsize
    return [buf[i * item : (i + 1) * item] for i in range(n * n)]


def read_layer(path: str) -> tuple[list[bytes], list, list]:
    """WKB, couverture and usage of every feature of an OCCUPATION_SOL layer (GPKG / SHP), with
    OGR."""
    from osgeo import ogr

    ogr.UseExceptions()
    source = ogr.Open(path)
    layer = source.GetLayer(0)
    names = [
        layer.GetLayerDefn().GetFieldDefn(i).GetName()
        for i in range(layer.GetLayerDefn().GetFieldCount())
    ]
    cs = next(n for n in names if n.lower() in ("code_cs", "couverture"))
    us = next(n for n in names if n.lower() in ("code_us", "usage"))
    wkb, codes_cs, codes_us = [], [], []
    for feature in layer:
        geometry = feature.GetGeometryRef()
        wkb.append(bytes(geometry.ExportToWkb(ogr.wkbNDR)) if geometry is not None else None)
        codes_cs.append(feature.GetField(cs))
        codes_us.append(feature.GetField(us))
    return wkb, codes_cs, codes_us


def statuses(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed + 1)
    coarse = rng.normal(size=(n // 20 + 2, n // 20 + 2))
    field = np.kron(coarse, np.ones((20, 20)))[:n, :n] + rng.normal(scale=0.6, size=(n, n))
    artif = (field > 0.8).ravel()
    flip = rng.random(n * n) < 0.03
    artif ^= flip
    status = artif.astype(np.int8)
    status[rng.random(n * n) < 0.005] = -1
    codes = np.where(artif, np.where(rng.random(n * n) < 0.33, "CS1.1.1.1", "CS1.1.1.2"), "CS2.2.1")
    return status, codes


def memory(field: str) -> int:
    """A /proc/self/status memory figure, in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def reset_peak() -> int:
    """Reset the process's peak RSS (Linux ≥ 4.0) and return the current RSS, in KiB."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        print("(cannot reset the peak RSS: the engine's peak includes the generation's)")
    return memory("VmRSS")


class Timer:
    """A feedback that records when each phase starts."""

    def __init__(self) -> None:
        self.t0 = time.perf_counter()
        self.marks: list[tuple[float, float]] = []

    def setProgress(self, p: float) -> None:  # noqa: N802
        self.marks.append((p, time.perf_counter() - self.t0))

    def isCanceled(self) -> bool:  # noqa: N802
        return False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000, help="grid side (n² polygons)")
    parser.add_argument("--k", type=int, default=0, help="extra vertices per side")
    parser.add_argument(
        "--t-junctions", action="store_true", help="no exact match on horizontal sides"
    )
    parser.add_argument(
        "--layer", help="an OCCUPATION_SOL file to read instead of the synthetic grid"
    )
    parser.add_argument("--generate-only", action="store_true")
    args = parser.parse_args()
    t = time.perf_counter()
    if args.layer:
        from ocsge_plugin.domain.rules import is_artif_matrix

        wkb, codes, codes_us = read_layer(args.layer)
        status = [is_artif_matrix(c, u) for c, u in zip(codes, codes_us)]
        del codes_us
        print(f"{len(wkb):,} polygons read in {time.perf_counter() - t:.1f} s")
    else:
        wkb = mesh(args.n, args.k, t_junctions=args.t_junctions)
        status, codes = statuses(args.n)
        print(
            f"{len(wkb):,} polygons, {4 * (args.k + 1)} vertices each, generated in "
            f"{time.perf_counter() - t:.1f} s"
        )
    if args.generate_only:
        return
    gc.collect()
    base = reset_peak()
    timer = Timer()
    t = time.perf_counter()
    result = apply_thresholds(wkb, status, codes, feedback=timer)
    wall = time.perf_counter() - t
    peak = memory("VmHWM")
    print(
        f"engine: {wall:.2f} s; memory before {base / 1024:.0f} MiB, engine peak "
        f"+{(peak - base) / 1024:.0f} MiB"
    )
    last = 0.0
    for p, s in timer.marks:
        if s - last > 0.05:
            print(f"  … {p:5.1f} % at {s:6.2f} s (+{s - last:.2f})")
        last = s
    print(
        f"patches {result.n_patches:,}; to artif {result.n_patches_to_artif:,} "
        f"({result.area_to_artif:,.0f} m²),"
        f" to non-artif {result.n_patches_to_non_artif:,} ({result.area_to_non_artif:,.0f} m²);"
        f" changed polygons {int(result.changed.sum()):,}; unmatched sides "
        f"{result.n_unmatched_edges:,}"
    )


if __name__ == "__main__":
    main()
