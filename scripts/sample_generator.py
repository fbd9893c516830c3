#!/usr/bin/python3
"""Seeded, deterministic generator of synthetic OCS GE deliveries for one département.

Writes, for two millésimes, what IGN's download service delivers (7-Zip archives named and laid
out like IGN's, or the unpacked folders): OCCUPATION_SOL + ZONE_CONSTRUITE (GPKG and/or SHP), the
DIFFERENCE layer, the ARTIFICIALISATION state layers and the artificialisation difference layer,
plus ``manifest.json`` with the true totals computed from the generator's own geometry.

Codes are written as real deliveries carry them (issue 11): in a share of polygons
(``MESSY_RATE``) a parent code (CS2.1.1, CS2.2, US4.1, US6), a usage ``INDETERMINE``, a null code
or a code in lower case instead of the leaf. The truth follows the rule of the nomenclature as a
hierarchy, resolved here by the generator itself (``resolved_imper`` / ``resolved_artif``, from
the décret's leaf table): a code stands for its leaves, a null or INDETERMINE for every leaf, and
a status is determined when every leaf combination agrees; undetermined land is counted apart
(``*_indetermine_*``). Codes that leave a status undetermined are only written on polygons no
change touches (present, identical, in both millésimes), so that on the determined land the net
flows still equal the stock difference. IGN's ``artif`` field (the ARTIFICIALISATION layers,
zan_evol) is IGN's own answer, from the leaves.

The mesh is a lattice of jittered nodes ("fine cells", ``K`` × ``K`` per block) clipped to the
département outline. Every polygon is a rectangle of fine cells walked along all the lattice
nodes of its outline, so neighbouring polygons share exact vertices (OCS GE's topology) and a
change zone can be re-cut in the second millésime without leaving gaps. Small islands (isolated
buildings, car parks, enclosed gardens) are holes of their host polygon. The mesh ignores commune
boundaries. ``--vertices N`` inserts points on every lattice edge (offset across it by an amount
that depends only on the edge), so that polygons have about N vertices, as IGN's do, with the
same shared topology.

``manifest.json``: the generation parameters, ``conventions``, ``departement_area_m2``, ``mesh``
(block size, islands, change events), ``items`` (one per delivery: name, path of the .7z or
folder, kind occupation / diff / diff_avant_apres / artif / artif_diff, format, département,
millésimes, crs_token, epsg, has_prj, sha256, files[path inside, layer, features, fields,
sha256]) and ``truth``: per millésime (features, area_m2, couverture_m2, usage_m2, *_count,
imper_m2, artif_m2, artif_matrix_m2, crit_seuil_count), ``flows["y1-y2"]`` (diff_area_m2,
flux_imper/desimper/artif/ desartif and net, unchanged_polygons, ...) and optionally ``communes``
(per commune code: stocks per millésime and flows, from polygon ∩ commune outline).

Run with the system Python (GDAL's bindings)::

    /usr/bin/python3 scripts/sample_generator.py --dep 90 --polygons 3000 --seed 1 --out DIR

or import it: ``sys.path.insert(0, "<repo>/scripts"); import sample_generator;
sample_generator.generate("90", 3000, seed=1, out=DIR)``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import math
import os
import shutil
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Callable

import numpy as np
from osgeo import gdal, ogr, osr

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from ocsge_plugin.computing.cells import dilate  # noqa: E402  (numpy only)
from ocsge_plugin.domain import rules  # noqa: E402  (the décret's leaf table: data, not the resolver)
from ocsge_plugin.domain.nomenclature import couverture_leaves, usage_leaves  # noqa: E402
from ocsge_plugin.storage.sevenzip import require_seven_zip  # noqa: E402  (the plugin's 7-Zip finder)

# --------------------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------------------

MANIFEST_VERSION = (
    3  # 2: codes as real deliveries write them (issue 11); 3: one OCS GE 1.1-named delivery
)
CONVENTIONS = {
    "areas": "planar m² in the département's projected CRS (epsg)",
    "artif": "IGN's artif field: décret matrix on the leaf codes (rules.artif_lookup); crit_seuil "
    "always false",
    "codes": "a share of polygons carries a parent code (CS2.1.1, CS2.2, US4.1, US6), a usage "
    "INDETERMINE, a null "
    "code or lower case; stocks and matrix flows follow the hierarchy (a code = its leaves, null / "
    "INDETERMINE = every leaf, determined when all leaf combinations agree), "
    "undetermined counted apart",
    "difference": "pieces whose codes changed; 2 rows carry null codes (one before, one after), "
    "chosen where neither imperméabilisation nor artificialisation changes",
    "zan_evol": "only pieces whose artif status changed: artificialisation 1 or -1, never 0",
    "ids": "unchanged polygons keep ID and geometry; changed ones get new IDs",
    "millesime_field": "string 'YYYY'",
}
K = 4  # fine cells per block side
JITTER = 0.22  # node jitter, as a fraction of the fine cell (< 0.25 keeps every cell simple)
WIGGLE = 0.2  # offset of the points inserted on a lattice edge (``vertices``), fraction of a step
ISLAND_MAX_SIDE = 0.65  # island side, as a fraction of the fine cell (fits around a node)
ROAD_SPACING_M = 4000.0
ROAD_SEGMENT_RATE = 0.65  # share of road segments (one spacing long) that exist
CHANGE_RATE = 0.04  # share of the first millésime's polygons touched by a change
ISLAND_RATE = 0.01  # islands per polygon
MERGE_RATE = 0.35  # share of eligible block pairs merged into one polygon
FIXED_TIMESTAMP = 1655251200  # 2022-06-15T00:00:00Z, for files and archive entries
FIXED_DATE = "2022-06-15"
EDITION_1_1 = (
    "2022-06-21"  # the edition date of the OCS GE 1.1-named delivery (after its millésime)
)
LIVRAISON = {
    "occupation": "2022-06-00123",
    "diff": "2023-02-00047",
    "artif": "2025-09-00210",
    "artif_diff": "2025-09-00211",
}

CS_CODES: tuple[str, ...] = couverture_leaves()
US_CODES: tuple[str, ...] = usage_leaves()
CS_INDEX = {code: i for i, code in enumerate(CS_CODES)}
US_INDEX = {code: i for i, code in enumerate(US_CODES)}

# Codes as written (issue 11): the leaves first (same indices), then what real deliveries also
# carry.
INDETERMINE = "INDETERMINE"
PARENT_LEAVES: dict[str, tuple[str, ...]] = {
    "CS2.1.1": ("CS2.1.1.1", "CS2.1.1.2", "CS2.1.1.3"),
    "CS2.2": ("CS2.2.1", "CS2.2.2"),
    "US4.1": ("US4.1.1", "US4.1.2", "US4.1.3", "US4.1.4", "US4.1.5"),
    "US6": ("US6.1", "US6.2", "US6.3", "US6.6"),
}
WRITTEN_CS: tuple[str | None, ...] = CS_CODES + ("CS2.1.1", "CS2.2", None)
WRITTEN_US: tuple[str | None, ...] = US_CODES + ("US4.1", "US6", INDETERMINE, None)
WCS = {code: i for i, code in enumerate(WRITTEN_CS)}
WUS = {code: i for i, code in enumerate(WRITTEN_US)}
MESSY_RATE = 0.08  # share of polygons whose codes are written otherwise than as leaves

# Block classes.
OUT, FARM, FOREST, CORE, SUBURB, WATER, QUARRY, ROCK, AIRFIELD = range(9)
# Block status.
OUTSIDE, INSIDE, BOUNDARY = 0, 1, 2
# Rectangle roles inside a block template.
ROLE_MAIN, ROLE_SUB, ROLE_ROAD_H, ROLE_ROAD_V = range(4)
# Horizontal linear features.
NO_ROAD, ROAD, RAIL, RUNWAY = range(4)
# Row kinds.
KIND_RECT, KIND_CLIPPED, KIND_HOST, KIND_ISLAND = range(4)

Pair = tuple[str, str]
Distribution = Sequence[tuple[str, str, float]]

FARM_MAIN: Distribution = (
    ("CS2.2.1", "US1.1", 82),
    ("CS2.1.3", "US1.1", 3),
    ("CS2.1.1.1", "US1.1", 3),
    ("CS2.1.2", "US1.1", 2),
    ("CS2.2.1", "US6.3", 2),
    ("CS1.2.1", "US1.1", 1),
    ("CS2.2.2", "US1.1", 0.5),
    ("CS2.2.1", "US1.5", 0.5),
    ("CS2.2.1", "US6.6", 0.3),
    ("CS1.1.1.1", "US1.1", 0.3),
    ("CS1.1.2.1", "US1.1", 0.5),
    ("CS2.2.1", "US4.3", 0.3),
)
FOREST_MAIN: Distribution = (
    ("CS2.1.1.1", "US1.2", 50),
    ("CS2.1.1.2", "US1.2", 18),
    ("CS2.1.1.3", "US1.2", 18),
    ("CS2.1.2", "US1.2", 5),
    ("CS2.1.2", "US6.3", 4),
    ("CS2.2.1", "US1.2", 3),
    ("CS2.1.1.1", "US6.3", 2),
)
CORE_SUB: Distribution = (
    ("CS1.1.1.1", "US5", 34),
    ("CS1.1.1.1", "US235", 8),
    ("CS1.1.1.1", "US3", 8),
    ("CS1.1.1.1", "US2", 4),
    ("CS1.1.1.1", "US4.2", 1.5),
    ("CS1.1.1.2", "US4.1.1", 14),
    ("CS1.1.1.2", "US5", 5),
    ("CS1.1.1.2", "US3", 3),
    ("CS1.1.2.2", "US3", 1.5),
    ("CS1.1.2.1", "US5", 1),
    ("CS2.2.1", "US5", 10),
    ("CS2.2.1", "US3", 2),
    ("CS2.1.1.1", "US5", 3),
    ("CS2.1.1.1", "US3", 1),
    ("CS2.2.2", "US5", 0.5),
    ("CS1.1.1.2", "US4.3", 0.7),
    ("CS1.1.1.1", "US6.2", 0.8),
    ("CS1.1.2.2", "US6.1", 0.8),
    ("CS1.2.2", "US6.3", 0.3),
)
SUBURB_SUB: Distribution = (
    ("CS1.1.1.1", "US5", 30),
    ("CS2.2.1", "US5", 30),
    ("CS1.1.1.2", "US5", 8),
    ("CS2.1.1.1", "US5", 6),
    ("CS1.1.1.1", "US2", 4),
    ("CS1.1.1.2", "US2", 3),
    ("CS1.1.1.1", "US3", 3),
    ("CS2.2.1", "US1.1", 12),
    ("CS2.2.1", "US6.1", 2),
    ("CS2.2.1", "US2", 1),
    ("CS1.1.2.2", "US2", 1),
)
WATER_MAIN: Distribution = (
    ("CS1.2.2", "US6.3", 50),
    ("CS1.2.2", "US1.4", 35),
    ("CS1.2.2", "US4.1.4", 10),
    ("CS2.2.1", "US6.3", 5),
)
QUARRY_MAIN: Distribution = (
    ("CS1.1.2.1", "US1.3", 75),
    ("CS1.2.2", "US1.3", 15),
    ("CS1.2.1", "US1.3", 10),
)
ROCK_MAIN: Distribution = (
    ("CS1.2.1", "US6.3", 70),
    ("CS2.1.2", "US6.3", 25),
    ("CS2.2.2", "US6.3", 5),
)
AIRFIELD_MAIN: Distribution = (("CS2.2.1", "US4.1.3", 100),)
MAIN_BY_CLASS: dict[int, Distribution] = {
    FARM: FARM_MAIN,
    FOREST: FOREST_MAIN,
    CORE: CORE_SUB,
    SUBURB: SUBURB_SUB,
    WATER: WATER_MAIN,
    QUARRY: QUARRY_MAIN,
    ROCK: ROCK_MAIN,
    AIRFIELD: AIRFIELD_MAIN,
}
SUB_BY_CLASS: dict[int, Distribution] = {CORE: CORE_SUB, SUBURB: SUBURB_SUB}
LINEAR_CODES: dict[int, Pair] = {
    ROAD: ("CS1.1.1.2", "US4.1.1"),
    RAIL: ("CS1.1.2.1", "US4.1.2"),
    RUNWAY: ("CS1.1.1.2", "US4.1.3"),
}
FARMLAND: Pair = ("CS2.2.1", "US1.1")

# One polygon of each of these in every millésime: every cell of the décret's matrix (couverture
# group × usage group, with the extraction exception) and every leaf code.
FORCED_PAIRS: tuple[Pair, ...] = (
    ("CS1.1.1.1", "US1.1"),
    ("CS1.1.1.1", "US5"),
    ("CS1.1.1.2", "US4.1.1"),
    ("CS1.1.2.2", "US6.1"),
    ("CS1.1.2.2", "US6.6"),
    ("CS1.1.2.1", "US1.1"),
    ("CS1.1.2.1", "US1.3"),
    ("CS1.1.2.1", "US3"),
    ("CS1.1.2.1", "US4.1.2"),
    ("CS1.1.2.1", "US6.1"),
    ("CS1.1.2.1", "US6.3"),
    ("CS1.2.2", "US1.4"),
    ("CS1.2.2", "US5"),
    ("CS1.2.2", "US4.1.4"),
    ("CS1.2.1", "US6.1"),
    ("CS1.2.3", "US6.3"),
    ("CS2.1.1.1", "US1.2"),
    ("CS2.1.1.1", "US5"),
    ("CS2.1.2", "US4.1.1"),
    ("CS2.1.2", "US6.2"),
    ("CS2.1.2", "US6.3"),
    ("CS2.1.3", "US6.6"),
    ("CS2.2.1", "US1.1"),
    ("CS2.2.1", "US5"),
    ("CS2.2.1", "US4.3"),
    ("CS2.2.1", "US6.1"),
    ("CS2.2.2", "US6.3"),
    ("CS2.1.1.2", "US1.2"),
    ("CS2.1.1.3", "US1.2"),
    ("CS2.2.1", "US1.5"),
    ("CS1.1.1.1", "US2"),
    ("CS1.1.1.1", "US235"),
    ("CS1.1.1.2", "US4.1.3"),
    ("CS1.1.1.2", "US4.1.5"),
    ("CS1.1.1.1", "US4.2"),
    ("CS1.1.1.1", "US3"),
    ("CS1.1.1.1", "US6.2"),
    ("CS2.1.3", "US1.1"),
    ("CS2.2.2", "US1.1"),
    ("CS2.2.1", "US6.6"),
    ("CS2.2.1", "US6.2"),
)

# Block templates: rectangles (li, lj, w, h, role) tiling a K × K block.
M, S, RH, RV = ROLE_MAIN, ROLE_SUB, ROLE_ROAD_H, ROLE_ROAD_V
TEMPLATES: dict[str, tuple[tuple[int, int, int, int, int], ...]] = {
    "NONE": (),
    "WHOLE": ((0, 0, 4, 4, M),),
    "MERGED": ((0, 0, 8, 4, M),),
    "ROAD_H": ((0, 0, 4, 1, RH), (0, 1, 4, 3, M)),
    "ROAD_V": ((0, 0, 1, 4, RV), (1, 0, 3, 4, M)),
    "ROAD_X": ((0, 0, 4, 1, RH), (0, 1, 1, 3, RV), (1, 1, 3, 3, M)),
    "URB_Q": ((0, 0, 2, 2, S), (2, 0, 2, 2, S), (0, 2, 2, 2, S), (2, 2, 2, 2, S)),
    "URB_QF": (
        (0, 0, 2, 2, S),
        (2, 0, 2, 2, S),
        (0, 2, 2, 2, S),
        (2, 2, 1, 1, S),
        (3, 2, 1, 1, S),
        (2, 3, 1, 1, S),
        (3, 3, 1, 1, S),
    ),
    "URB_MIX": ((0, 0, 4, 2, S), (0, 2, 1, 2, S), (1, 2, 1, 2, S), (2, 2, 2, 2, S)),
    "URB_H": ((0, 0, 4, 1, RH), (0, 1, 2, 3, S), (2, 1, 2, 3, S)),
    "URB_V": ((0, 0, 1, 4, RV), (1, 0, 3, 2, S), (1, 2, 3, 2, S)),
    "URB_X": ((0, 0, 4, 1, RH), (0, 1, 1, 3, RV), (1, 1, 3, 1, S), (1, 2, 3, 2, S)),
    "SUB_A": ((0, 0, 4, 2, S), (0, 2, 2, 2, S), (2, 2, 2, 2, S)),
    "SUB_B": ((0, 0, 2, 4, S), (2, 0, 2, 4, S)),
}
del M, S, RH, RV
TEMPLATE_IDS = {name: i for i, name in enumerate(TEMPLATES)}


@dataclass(frozen=True)
class IslandKind:
    """A small patch enclosed in a host polygon: one part, or two side by side (shared edge)."""

    name: str
    host_class: int
    area_m2: float
    parts: tuple[tuple[Pair, float], ...]  # (codes, share of the island)
    weight: float
    host_cs: tuple[str, ...] = ()  # host couverture must be one of these (empty: any)


ISLAND_KINDS: tuple[IslandKind, ...] = (
    IslandKind("batiment_isole", FARM, 120, ((("CS1.1.1.1", "US1.1"), 1.0),), 3),
    IslandKind("petit_bati", FARM, 40, ((("CS1.1.1.1", "US5"), 1.0),), 1),
    IslandKind("parking_isole", FARM, 900, ((("CS1.1.1.2", "US4.1.1"), 1.0),), 2),
    IslandKind(
        "ilot_double", FARM, 1800, ((("CS1.1.1.1", "US1.1"), 0.6), (("CS1.1.1.2", "US1.1"), 0.4)), 2
    ),
    IslandKind("jardin_arbore", CORE, 600, ((("CS2.1.1.1", "US5"), 1.0),), 3, ("CS1.1.1.1",)),
    IslandKind("mare", CORE, 300, ((("CS1.2.2", "US6.3"), 1.0),), 1, ("CS1.1.1.1", "CS1.1.1.2")),
    IslandKind("maison_forestiere", FOREST, 150, ((("CS1.1.1.1", "US5"), 1.0),), 1),
)
MIN_ISLANDS_PER_KIND = 3


@dataclass(frozen=True)
class DepartementSpec:
    code: str
    slug: str
    epsg: int
    crs_token: str
    millesimes: tuple[int, int]
    forest_share: float
    rock_share: float
    data_dir: str  # relative to the repository

    @property
    def dep3(self) -> str:
        return self.code.zfill(3)


DEPARTEMENTS: dict[str, DepartementSpec] = {
    "90": DepartementSpec(
        "90", "territoire-de-belfort", 2154, "LAMB93", (2018, 2021), 0.40, 0.0, "tests/data"
    ),
    "974": DepartementSpec(
        "974", "la-reunion", 2975, "RGR92UTM40S", (2019, 2022), 0.35, 0.10, "tests/data"
    ),
    "32": DepartementSpec("32", "gers", 2154, "LAMB93", (2016, 2019), 0.13, 0.0, "bench/data"),
}

# --------------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------------


def stage_rng(seed: int, stage: str) -> np.random.Generator:
    """An independent, reproducible random stream per stage of the generation."""
    return np.random.default_rng([seed, zlib.crc32(stage.encode("utf-8"))])


def code_pair_index(pairs: Sequence[Pair]) -> tuple[np.ndarray, np.ndarray]:
    cs = np.array([CS_INDEX[c] for c, _ in pairs], dtype=np.int16)
    us = np.array([US_INDEX[u] for _, u in pairs], dtype=np.int16)
    return cs, us


def draw_codes(
    rng: np.random.Generator, dist: Distribution, size: int
) -> tuple[np.ndarray, np.ndarray]:
    weights = np.array([w for _, _, w in dist], dtype=float)
    choice = rng.choice(len(dist), size=size, p=weights / weights.sum())
    cs, us = code_pair_index([(c, u) for c, u, _ in dist])
    return cs[choice], us[choice]


@cache
def artif_table() -> np.ndarray:
    """Matrix status of the leaves as a (couverture, usage) lookup table of booleans (the
    décret's table)."""
    leaf = rules.artif_lookup()
    table = np.zeros((len(CS_CODES), len(US_CODES)), dtype=bool)
    for i, cs in enumerate(CS_CODES):
        for j, us in enumerate(US_CODES):
            table[i, j] = leaf[(cs, us)]
    return table


@cache
def imper_table() -> np.ndarray:
    return np.array([cs in rules.IMPER_CODES for cs in CS_CODES], dtype=bool)


def _leaf_indices(code: str | None, leaves: tuple[str, ...]) -> list[int]:
    """The leaves a written code stands for: itself, its children (``PARENT_LEAVES``), or every
    leaf (null, INDETERMINE)."""
    if code in leaves:
        return [leaves.index(code)]
    if code in PARENT_LEAVES:
        return [leaves.index(c) for c in PARENT_LEAVES[code]]
    return list(range(len(leaves)))


def _agree(values: np.ndarray) -> int:
    """1 / 0 when every leaf combination agrees, -1 (undetermined) otherwise."""
    return int(values[0]) if (values == values[0]).all() else -1


@cache
def resolved_imper() -> np.ndarray:
    """Imperméabilisé (1 / 0 / -1) of every written couverture (``WRITTEN_CS``)."""
    return np.array(
        [_agree(imper_table()[_leaf_indices(cs, CS_CODES)]) for cs in WRITTEN_CS], dtype=np.int8
    )


@cache
def resolved_artif() -> np.ndarray:
    """Artificialisé by the matrix (1 / 0 / -1) of every written (couverture, usage)."""
    table = np.zeros((len(WRITTEN_CS), len(WRITTEN_US)), dtype=np.int8)
    for i, cs in enumerate(WRITTEN_CS):
        for j, us in enumerate(WRITTEN_US):
            table[i, j] = _agree(
                artif_table()[
                    np.ix_(_leaf_indices(cs, CS_CODES), _leaf_indices(us, US_CODES))
                ].ravel()
            )
    return table


@contextlib.contextmanager
def gdal_session() -> Iterator[None]:
    """GDAL exceptions on and fixed file dates, restoring the caller's settings afterwards."""
    previous = (gdal.GetUseExceptions(), ogr.GetUseExceptions(), osr.GetUseExceptions())
    previous_date = gdal.GetConfigOption("OGR_CURRENT_DATE")
    gdal.UseExceptions()
    ogr.UseExceptions()
    osr.UseExceptions()
    gdal.SetConfigOption("OGR_CURRENT_DATE", f"{FIXED_DATE}T00:00:00Z")
    try:
        yield
    finally:
        gdal.SetConfigOption("OGR_CURRENT_DATE", previous_date)
        for module, was_on in reversed(list(zip((gdal, ogr, osr), previous))):
            if not was_on:  # error handlers are a stack: pop in reverse order
                module.DontUseExceptions()


def projected_srs(epsg: int) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def wgs84_to(epsg: int) -> osr.CoordinateTransformation:
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(wgs84, projected_srs(epsg))


def polygonal_part(geom: ogr.Geometry | None) -> ogr.Geometry | None:
    """The polygons of a GEOS result as one MultiPolygon, None when nothing polygonal is left."""
    if geom is None or geom.IsEmpty():
        return None
    flat = ogr.GT_Flatten(geom.GetGeometryType())
    if flat == ogr.wkbPolygon:
        return ogr.ForceToMultiPolygon(geom)
    if flat == ogr.wkbMultiPolygon:
        return geom
    multi = ogr.Geometry(ogr.wkbMultiPolygon)
    if flat == ogr.wkbGeometryCollection:
        for i in range(geom.GetGeometryCount()):
            part = polygonal_part(geom.GetGeometryRef(i))
            if part is not None:
                for j in range(part.GetGeometryCount()):
                    multi.AddGeometry(part.GetGeometryRef(j))
    return multi if multi.GetGeometryCount() else None


def multipolygon_wkb(polygons: Sequence[Sequence[np.ndarray]]) -> bytes:
    """Little-endian WKB MultiPolygon from closed rings given as (n, 2) float arrays."""
    out = [struct.pack("<BII", 1, 6, len(polygons))]
    for rings in polygons:
        out.append(struct.pack("<BII", 1, 3, len(rings)))
        for ring in rings:
            out.append(struct.pack("<I", len(ring)))
            out.append(np.ascontiguousarray(ring, dtype="<f8").tobytes())
    return b"".join(out)


def ring_area(ring: np.ndarray) -> float:
    """Signed shoelace area of a closed ring (positive counter-clockwise)."""
    x = ring[:, 0] - ring[0, 0]
    y = ring[:, 1] - ring[0, 1]
    return 0.5 * float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --------------------------------------------------------------------------------------------------
# Territory
# --------------------------------------------------------------------------------------------------


@dataclass
class Commune:
    code: str
    nom: str
    x: float
    y: float
    population: int
    geometry: ogr.Geometry = field(repr=False)


@dataclass
class Territory:
    spec: DepartementSpec
    outline: ogr.Geometry
    communes: list[Commune]

    @property
    def area(self) -> float:
        return self.outline.GetArea()


def find_data_dir(spec: DepartementSpec, data_dir: Path | None) -> Path:
    candidates = (
        [data_dir]
        if data_dir
        else [REPO_ROOT / spec.data_dir, REPO_ROOT / "tests/data", REPO_ROOT / "bench/data"]
    )
    for candidate in candidates:
        if candidate and (candidate / f"departement-{spec.code}-{spec.slug}.geojson").exists():
            return candidate
    raise FileNotFoundError(f"no outline for département {spec.code} in {candidates}")


def read_geojson(
    path: Path, transform: osr.CoordinateTransformation
) -> list[tuple[dict, ogr.Geometry]]:
    ds = ogr.Open(str(path))
    layer = ds.GetLayer(0)
    out = []
    for feature in layer:
        geom = feature.GetGeometryRef().Clone()
        geom.Transform(transform)
        if not geom.IsValid():
            geom = geom.MakeValid()
        out.append((feature.items(), geom))
    return out


def read_population(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["commune_code"]: int(row["population"] or 0) for row in csv.DictReader(handle)}


def load_territory(spec: DepartementSpec, data_dir: Path | None = None) -> Territory:
    """The département outline and its communes, reprojected to the département's CRS."""
    folder = find_data_dir(spec, data_dir)
    transform = wgs84_to(spec.epsg)
    parts = read_geojson(folder / f"departement-{spec.code}-{spec.slug}.geojson", transform)
    outline = parts[0][1]
    for _, geom in parts[1:]:
        outline = outline.Union(geom)
    population = read_population(folder / f"appartenance-communes-{spec.code}.csv")
    communes = []
    commune_file = folder / f"communes-{spec.code}-{spec.slug}.geojson"
    for props, geom in read_geojson(commune_file, transform):
        point = geom.PointOnSurface()
        code = str(props["code"])
        communes.append(
            Commune(
                code, str(props["nom"]), point.GetX(), point.GetY(), population.get(code, 500), geom
            )
        )
    communes.sort(key=lambda c: c.code)
    return Territory(spec, outline, communes)


# --------------------------------------------------------------------------------------------------
# Block layout (classes, templates, codes): pure numpy, no geometry yet
# --------------------------------------------------------------------------------------------------


@dataclass
class Grid:
    x0: float
    y0: float
    block: float
    nbx: int
    nby: int

    @property
    def fine(self) -> float:
        return self.block / K


def make_grid(outline: ogr.Geometry, block: float) -> Grid:
    minx, maxx, miny, maxy = outline.GetEnvelope()
    x0 = math.floor(minx / block) * block - block
    y0 = math.floor(miny / block) * block - block
    nbx = int(math.ceil((maxx - x0) / block)) + 1
    nby = int(math.ceil((maxy - y0) / block)) + 1
    return Grid(x0, y0, block, nbx, nby)


def rasterize(geom: ogr.Geometry, grid: Grid, all_touched: bool) -> np.ndarray:
    """Cells of the block grid covered by ``geom`` (rows bottom-up)."""
    srs = osr.SpatialReference()
    srs.SetLocalCS("grid")
    raster = gdal.GetDriverByName("MEM").Create("", grid.nbx, grid.nby, 1, gdal.GDT_Byte)
    top = grid.y0 + grid.nby * grid.block
    raster.SetGeoTransform((grid.x0, grid.block, 0, top, 0, -grid.block))
    raster.SetSpatialRef(srs)
    source = ogr.GetDriverByName("Memory").CreateDataSource("")
    layer = source.CreateLayer("g", srs=srs, geom_type=ogr.wkbUnknown)
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetGeometry(geom)
    layer.CreateFeature(feature)
    options = ["ALL_TOUCHED=TRUE"] if all_touched else []
    gdal.RasterizeLayer(raster, [1], layer, burn_values=[1], options=options)
    return raster.ReadAsArray()[::-1].astype(bool)


def block_status(outline: ogr.Geometry, grid: Grid) -> np.ndarray:
    """OUTSIDE / INSIDE / BOUNDARY per block. A block away from the outline's boundary by one block
    cannot be crossed by it, whatever the jitter, so only BOUNDARY blocks need clipping; blocks
    farther from the outline than the jitter reach are OUTSIDE."""
    boundary = dilate(rasterize(outline.GetBoundary(), grid, all_touched=True))
    reach = outline.Buffer(1.5 * JITTER * grid.fine, 2)
    boundary &= rasterize(reach, grid, all_touched=True)
    inside = rasterize(outline, grid, all_touched=False)
    status = np.full((grid.nby, grid.nbx), OUTSIDE, dtype=np.uint8)
    status[inside] = INSIDE
    status[boundary] = BOUNDARY
    return status


def value_noise(
    rng: np.random.Generator, grid: Grid, scale_m: float, octaves: int = 2
) -> np.ndarray:
    """Smooth noise in [0, 1] over the block grid (bilinear value noise, a few octaves)."""
    total = np.zeros((grid.nby, grid.nbx))
    amplitude, norm = 1.0, 0.0
    for _ in range(octaves):
        cx = int(grid.nbx * grid.block / scale_m) + 3
        cy = int(grid.nby * grid.block / scale_m) + 3
        lattice = rng.random((cy, cx))
        u = (np.arange(grid.nbx) + 0.5) * grid.block / scale_m
        v = (np.arange(grid.nby) + 0.5) * grid.block / scale_m
        iu, iv = u.astype(int), v.astype(int)
        tu, tv = u - iu, v - iv
        tu, tv = tu * tu * (3 - 2 * tu), tv * tv * (3 - 2 * tv)
        a = lattice[iv][:, iu]
        b = lattice[iv][:, iu + 1]
        c = lattice[iv + 1][:, iu]
        d = lattice[iv + 1][:, iu + 1]
        top = a * (1 - tu) + b * tu
        bottom = c * (1 - tu) + d * tu
        total += amplitude * (top * (1 - tv[:, None]) + bottom * tv[:, None])
        norm += amplitude
        amplitude *= 0.5
        scale_m /= 2.0
    return total / norm


def quantile_mask(values: np.ndarray, among: np.ndarray, share: float) -> np.ndarray:
    if share <= 0 or not among.any():
        return np.zeros_like(among)
    threshold = np.quantile(values[among], 1.0 - share)
    return among & (values >= threshold)


def urban_masks(
    territory: Territory, grid: Grid, noise: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Built cores and their periurban ring around each commune's centre, sized by population."""
    core = np.zeros((grid.nby, grid.nbx), dtype=bool)
    suburb = np.zeros_like(core)
    for commune in territory.communes:
        radius = min(max(7.0 * math.sqrt(max(commune.population, 50)), 150.0), 3500.0)
        reach = 1.8 * radius * 1.3
        i_lo = max(int((commune.x - reach - grid.x0) / grid.block), 0)
        i_hi = min(int((commune.x + reach - grid.x0) / grid.block) + 1, grid.nbx)
        j_lo = max(int((commune.y - reach - grid.y0) / grid.block), 0)
        j_hi = min(int((commune.y + reach - grid.y0) / grid.block) + 1, grid.nby)
        if i_lo >= i_hi or j_lo >= j_hi:
            continue
        bx = grid.x0 + (np.arange(i_lo, i_hi) + 0.5) * grid.block
        by = grid.y0 + (np.arange(j_lo, j_hi) + 0.5) * grid.block
        dist = np.hypot(bx[None, :] - commune.x, by[:, None] - commune.y) / radius
        dist = dist * (0.8 + 0.4 * noise[j_lo:j_hi, i_lo:i_hi])
        core[j_lo:j_hi, i_lo:i_hi] |= dist < 1.0
        suburb[j_lo:j_hi, i_lo:i_hi] |= dist < 1.8
        ci = int((commune.x - grid.x0) / grid.block)
        cj = int((commune.y - grid.y0) / grid.block)
        if 0 <= ci < grid.nbx and 0 <= cj < grid.nby:  # every commune has a centre
            (core if radius >= 0.5 * grid.block else suburb)[cj, ci] = True
    return core, suburb & ~core


def place_cluster(
    rng: np.random.Generator,
    cls: np.ndarray,
    status: np.ndarray,
    allowed: set[int],
    width: int,
    height: int,
    value: int,
) -> tuple[int, int] | None:
    """Paint a width × height cluster of blocks with ``value`` where all blocks are inside and of an
    allowed class; returns its lower-left block or None."""
    ok = (status == INSIDE) & np.isin(cls, list(allowed))
    nby, nbx = ok.shape
    if nby < height or nbx < width:
        return None
    window = np.ones((nby - height + 1, nbx - width + 1), dtype=bool)
    for dj in range(height):
        for di in range(width):
            window &= ok[dj : nby - height + 1 + dj, di : nbx - width + 1 + di]
    candidates = np.argwhere(window)
    if len(candidates) == 0:
        return None
    j, i = candidates[rng.integers(len(candidates))]
    cls[j : j + height, i : i + width] = value
    return int(i), int(j)


@dataclass
class Layout:
    """Every rectangle of fine cells of the first millésime, with its codes, before any geometry."""

    grid: Grid
    status: np.ndarray
    cls: np.ndarray
    i0: np.ndarray
    j0: np.ndarray
    w: np.ndarray
    h: np.ndarray
    cs: np.ndarray
    us: np.ndarray
    rcls: np.ndarray  # class of the rectangle's block
    tmpl: np.ndarray
    role: np.ndarray
    boundary: np.ndarray
    forced: np.ndarray
    islands: list[tuple[int, IslandKind]]  # (host rectangle, kind)

    @property
    def polygon_count(self) -> int:
        return len(self.i0) + sum(len(kind.parts) for _, kind in self.islands)


def block_classes(territory: Territory, grid: Grid, status: np.ndarray, seed: int) -> np.ndarray:
    spec = territory.spec
    rng = stage_rng(seed, "classes")
    land = status != OUTSIDE
    forest_noise = value_noise(rng, grid, 4000.0, octaves=3)
    water_noise = value_noise(rng, grid, 1500.0)
    rock_noise = value_noise(rng, grid, 6000.0)
    urban_noise = value_noise(rng, grid, 800.0)
    cls = np.full(status.shape, FARM, dtype=np.uint8)
    cls[quantile_mask(forest_noise, land, spec.forest_share)] = FOREST
    cls[quantile_mask(rock_noise, land & (cls == FARM), spec.rock_share)] = ROCK
    cls[quantile_mask(water_noise, land, 0.012)] = WATER
    core, suburb = urban_masks(territory, grid, urban_noise)
    cls[suburb] = SUBURB
    cls[core] = CORE
    place_cluster(rng, cls, status, {FARM, FOREST}, 3, 3, QUARRY)
    place_cluster(rng, cls, status, {FARM}, 4, 2, AIRFIELD)
    cls[~land] = OUT
    return cls


def linear_features(
    grid: Grid, status: np.ndarray, cls: np.ndarray, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal feature per block (road, rail, runway) and vertical roads, on a loose network."""
    rng = stage_rng(seed, "roads")
    spacing = max(5, int(round(ROAD_SPACING_M / grid.block)))
    jj, ii = np.indices(status.shape)
    h_segments = rng.random((grid.nby, grid.nbx // spacing + 1)) < ROAD_SEGMENT_RATE
    v_segments = rng.random((grid.nby // spacing + 1, grid.nbx)) < ROAD_SEGMENT_RATE
    on_h = ((jj % spacing) == rng.integers(spacing)) & h_segments[jj, ii // spacing]
    hroad = np.where(on_h, ROAD, NO_ROAD).astype(np.uint8)
    vroad = ((ii % spacing) == rng.integers(spacing)) & v_segments[jj // spacing, ii]
    inside_rows = np.flatnonzero((status == INSIDE).any(axis=1))
    if len(inside_rows):
        rail_row = int(inside_rows[len(inside_rows) // 2]) + 1
        rail_row = min(rail_row, grid.nby - 1)
        cols = np.flatnonzero(status[rail_row] == INSIDE)
        if len(cols) > 2:
            lo, hi = int(cols[len(cols) // 5]), int(cols[(4 * len(cols)) // 5])
            hroad[rail_row, lo : hi + 1] = RAIL
    airfield = cls == AIRFIELD
    rows = np.flatnonzero(airfield.any(axis=1))
    if len(rows):
        hroad[airfield] = NO_ROAD
        vroad[airfield] = False
        bottom = rows[0]
        hroad[bottom, airfield[bottom]] = RUNWAY
    hroad[status != INSIDE] = NO_ROAD
    vroad &= status == INSIDE
    hroad[(cls == QUARRY) & (hroad == ROAD)] = NO_ROAD
    vroad &= cls != QUARRY
    return hroad, vroad


def block_templates(
    status: np.ndarray, cls: np.ndarray, hroad: np.ndarray, vroad: np.ndarray, seed: int
) -> np.ndarray:
    rng = stage_rng(seed, "templates")
    t = TEMPLATE_IDS
    tmpl = np.full(status.shape, t["NONE"], dtype=np.uint8)
    inside = status == INSIDE
    has_h, has_v = hroad != NO_ROAD, vroad
    tmpl[status == BOUNDARY] = t["WHOLE"]
    tmpl[inside] = t["WHOLE"]
    tmpl[inside & has_h & ~has_v] = t["ROAD_H"]
    tmpl[inside & ~has_h & has_v] = t["ROAD_V"]
    tmpl[inside & has_h & has_v] = t["ROAD_X"]
    pick = rng.random(status.shape)
    core = inside & (cls == CORE)
    plain_core = core & ~has_h & ~has_v
    tmpl[plain_core] = np.where(
        pick[plain_core] < 0.35,
        t["URB_Q"],
        np.where(pick[plain_core] < 0.6, t["URB_QF"], t["URB_MIX"]),
    )
    tmpl[core & has_h & ~has_v] = t["URB_H"]
    tmpl[core & ~has_h & has_v] = t["URB_V"]
    tmpl[core & has_h & has_v] = t["URB_X"]
    plain_suburb = inside & (cls == SUBURB) & ~has_h & ~has_v
    tmpl[plain_suburb] = np.where(
        pick[plain_suburb] < 0.4,
        t["SUB_A"],
        np.where(pick[plain_suburb] < 0.7, t["SUB_B"], t["WHOLE"]),
    )
    # Merge pairs of whole farm or forest blocks (left block even) into one polygon.
    whole = (tmpl == t["WHOLE"]) & inside & np.isin(cls, [FARM, FOREST])
    left = whole[:, 0:-1:2] & whole[:, 1::2] & (cls[:, 0:-1:2] == cls[:, 1::2])
    left &= rng.random(left.shape) < MERGE_RATE
    view_left = tmpl[:, 0:-1:2]
    view_right = tmpl[:, 1::2]
    view_left[left] = t["MERGED"]
    view_right[left] = t["NONE"]
    return tmpl


def expand_templates(tmpl: np.ndarray) -> dict[str, np.ndarray]:
    """Every rectangle of every block, in block order (row-major, then template order)."""
    parts: list[dict[str, np.ndarray]] = []
    for name, rects in TEMPLATES.items():
        if not rects:
            continue
        bj, bi = np.nonzero(tmpl == TEMPLATE_IDS[name])
        for order, (li, lj, w, h, role) in enumerate(rects):
            n = len(bi)
            parts.append(
                dict(
                    key=(bj.astype(np.int64) * tmpl.shape[1] + bi) * 16 + order,
                    bi=bi,
                    bj=bj,
                    i0=bi * K + li,
                    j0=bj * K + lj,
                    w=np.full(n, w),
                    h=np.full(n, h),
                    role=np.full(n, role),
                    tmpl=np.full(n, TEMPLATE_IDS[name]),
                )
            )
    merged = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    order = np.argsort(merged["key"], kind="stable")
    return {key: value[order] for key, value in merged.items()}


def assign_codes(
    rects: dict[str, np.ndarray], cls: np.ndarray, hroad: np.ndarray, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    rng = stage_rng(seed, "codes")
    n = len(rects["i0"])
    cs = np.zeros(n, dtype=np.int16)
    us = np.zeros(n, dtype=np.int16)
    rcls = cls[rects["bj"], rects["bi"]]
    role = rects["role"]
    for klass in sorted(MAIN_BY_CLASS):
        for wanted, table in ((ROLE_MAIN, MAIN_BY_CLASS), (ROLE_SUB, SUB_BY_CLASS)):
            sel = np.flatnonzero((rcls == klass) & (role == wanted))
            if len(sel):
                cs[sel], us[sel] = draw_codes(rng, table.get(klass, MAIN_BY_CLASS[klass]), len(sel))
    feature = hroad[rects["bj"], rects["bi"]]
    for kind, (c, u) in LINEAR_CODES.items():
        sel = (role == ROLE_ROAD_H) & (feature == kind)
        cs[sel], us[sel] = CS_INDEX[c], US_INDEX[u]
    sel = (role == ROLE_ROAD_H) & (feature == NO_ROAD)  # street of an urban template
    cs[sel], us[sel] = CS_INDEX["CS1.1.1.2"], US_INDEX["US4.1.1"]
    sel = role == ROLE_ROAD_V
    cs[sel], us[sel] = CS_INDEX["CS1.1.1.2"], US_INDEX["US4.1.1"]
    return cs, us


def pick(rng: np.random.Generator, candidates: np.ndarray, count: int) -> np.ndarray:
    if count <= 0 or len(candidates) == 0:
        return np.zeros(0, dtype=np.int64)
    return rng.permutation(candidates)[:count]


def plan_layout(territory: Territory, block: float, seed: int) -> Layout:
    grid = make_grid(territory.outline, block)
    status = block_status(territory.outline, grid)
    cls = block_classes(territory, grid, status, seed)
    hroad, vroad = linear_features(grid, status, cls, seed)
    tmpl = block_templates(status, cls, hroad, vroad, seed)
    rects = expand_templates(tmpl)
    cs, us = assign_codes(rects, cls, hroad, seed)
    rcls = cls[rects["bj"], rects["bi"]]
    boundary = status[rects["bj"], rects["bi"]] == BOUNDARY
    rng = stage_rng(seed, "forced")
    whole = rects["tmpl"] == TEMPLATE_IDS["WHOLE"]
    whole_farm = np.flatnonzero(whole & (rcls == FARM) & ~boundary)
    if len(whole_farm) < len(FORCED_PAIRS):
        whole_farm = np.flatnonzero((rects["role"] == ROLE_MAIN) & ~boundary)
    forced = np.zeros(len(cs), dtype=bool)
    chosen = pick(rng, whole_farm, len(FORCED_PAIRS))
    forced_cs, forced_us = code_pair_index(FORCED_PAIRS[: len(chosen)])
    cs[chosen], us[chosen], forced[chosen] = forced_cs, forced_us, True
    layout = Layout(
        grid,
        status,
        cls,
        rects["i0"],
        rects["j0"],
        rects["w"],
        rects["h"],
        cs,
        us,
        rcls,
        rects["tmpl"],
        rects["role"],
        boundary,
        forced,
        [],
    )
    layout.islands = plan_islands(layout, seed)
    return layout


def plan_islands(layout: Layout, seed: int) -> list[tuple[int, IslandKind]]:
    rng = stage_rng(seed, "islands")
    total = max(MIN_ISLANDS_PER_KIND * len(ISLAND_KINDS), int(round(ISLAND_RATE * len(layout.i0))))
    weights = np.array([kind.weight for kind in ISLAND_KINDS])
    counts = np.maximum(MIN_ISLANDS_PER_KIND, np.round(total * weights / weights.sum())).astype(int)
    taken = layout.forced.copy()
    eligible = (layout.w >= 2) & (layout.h >= 2) & ~layout.boundary
    out: list[tuple[int, IslandKind]] = []
    for kind, count in zip(ISLAND_KINDS, counts):
        ok = eligible & ~taken & (layout.rcls == kind.host_class)
        if kind.host_cs:
            ok &= np.isin(layout.cs, [CS_INDEX[c] for c in kind.host_cs])
        if kind.host_class in (FARM, FOREST):
            ok &= layout.role == ROLE_MAIN
        hosts = pick(rng, np.flatnonzero(ok), int(count))
        taken[hosts] = True
        out.extend((int(h), kind) for h in hosts)
    out.sort(key=lambda item: item[0])
    return out


def calibrate_layout(territory: Territory, polygons: int, seed: int) -> Layout:
    """The layout whose polygon count is closest to the target, found by rescaling the blocks."""
    block = math.sqrt(territory.area / max(polygons, 10))
    best: Layout | None = None
    for _ in range(5):
        layout = plan_layout(territory, block, seed)
        error = abs(layout.polygon_count - polygons)
        if best is None or error < abs(best.polygon_count - polygons):
            best = layout
        ratio = layout.polygon_count / polygons
        if abs(ratio - 1.0) < 0.02:
            break
        block *= math.sqrt(ratio)
    assert best is not None
    return best


# --------------------------------------------------------------------------------------------------
# Lattice: jittered nodes, shared by all polygons
# --------------------------------------------------------------------------------------------------


@dataclass
class Lattice:
    grid: Grid
    xs: np.ndarray  # (nfy + 1, nfx + 1)
    ys: np.ndarray
    steps: int = 1  # segments per lattice edge (``densify``): more vertices, same topology

    @property
    def fine(self) -> float:
        return self.grid.fine

    def node(self, i: int, j: int) -> tuple[float, float]:
        return float(self.xs[j, i]), float(self.ys[j, i])

    def rings(self, i0: np.ndarray, j0: np.ndarray, w: int, h: int) -> np.ndarray:
        """Closed counter-clockwise rings (n, 2(w+h)+1, 2) of same-shaped rectangles."""
        di, dj = ring_offsets(w, h)
        ii = i0[:, None] + di[None, :]
        jj = j0[:, None] + dj[None, :]
        nodes = np.stack([self.xs[jj, ii], self.ys[jj, ii]], axis=-1)
        return nodes if self.steps == 1 else self.densify(nodes, ii, jj)

    def densify(self, nodes: np.ndarray, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        """``steps - 1`` points inserted on every lattice edge of the rings, each pushed off the
        edge by a small offset that depends only on the edge and the point's place on it: the two
        polygons sharing an edge walk the same points (in opposite orders)."""
        steps = self.steps
        n, m, _ = nodes.shape
        a, b = nodes[:, :-1], nodes[:, 1:]
        # canonical edge: from its lower node; t measured from there
        forward = (ii[:, 1:] + jj[:, 1:]) > (ii[:, :-1] + jj[:, :-1])
        ci = np.minimum(ii[:, 1:], ii[:, :-1]).astype(np.uint64)
        cj = np.minimum(jj[:, 1:], jj[:, :-1]).astype(np.uint64)
        horizontal = (jj[:, 1:] == jj[:, :-1]).astype(np.uint64)
        k = np.arange(1, steps, dtype=np.uint64)
        kc = np.where(forward[..., None], k, np.uint64(steps) - k)  # index from the canonical start
        key = (
            (ci * np.uint64(73856093))
            ^ (cj * np.uint64(19349663))
            ^ (horizontal * np.uint64(83492791))
        )
        key = (key[..., None] ^ (kc * np.uint64(2654435761))) * np.uint64(0x9E3779B97F4A7C15)
        wiggle = ((key >> np.uint64(11)).astype(np.float64) / float(1 << 53) - 0.5) * (
            WIGGLE * self.fine / steps
        )
        t = (k.astype(np.float64) / steps)[None, None, :, None]
        points = a[:, :, None, :] + (b - a)[:, :, None, :] * t
        # pushed across the edge: in y on horizontal edges, in x on vertical ones
        points[..., 1] += np.where(horizontal[..., None] == 1, wiggle, 0.0)
        points[..., 0] += np.where(horizontal[..., None] == 1, 0.0, wiggle)
        out = np.empty((n, (m - 1) * steps + 1, 2))
        out[:, :-1].reshape(n, m - 1, steps, 2)[:, :, 0] = a
        out[:, :-1].reshape(n, m - 1, steps, 2)[:, :, 1:] = points
        out[:, -1] = nodes[:, -1]
        return out

    def ring(self, i0: int, j0: int, w: int, h: int) -> np.ndarray:
        return self.rings(np.array([i0]), np.array([j0]), w, h)[0]


@cache
def ring_offsets(w: int, h: int) -> tuple[np.ndarray, np.ndarray]:
    di = np.concatenate([np.arange(w), np.full(h, w), np.arange(w, 0, -1), np.zeros(h, int), [0]])
    dj = np.concatenate([np.zeros(w, int), np.arange(h), np.full(w, h), np.arange(h, 0, -1), [0]])
    return di.astype(np.int64), dj.astype(np.int64)


def build_lattice(grid: Grid, seed: int) -> Lattice:
    rng = stage_rng(seed, "lattice")
    nfx, nfy = grid.nbx * K, grid.nby * K
    fine = grid.fine
    xs = grid.x0 + np.arange(nfx + 1, dtype=np.float64)[None, :] * fine
    ys = grid.y0 + np.arange(nfy + 1, dtype=np.float64)[:, None] * fine
    xs = np.broadcast_to(xs, (nfy + 1, nfx + 1)).copy()
    ys = np.broadcast_to(ys, (nfy + 1, nfx + 1)).copy()
    jitter = rng.uniform(-JITTER * fine, JITTER * fine, size=(2, nfy - 1, nfx - 1))
    xs[1:-1, 1:-1] += jitter[0]
    ys[1:-1, 1:-1] += jitter[1]
    return Lattice(grid, xs, ys)


# --------------------------------------------------------------------------------------------------
# Mesh: the rows of both millésimes, with their geometry
# --------------------------------------------------------------------------------------------------


@dataclass
class Mesh:
    """All polygons of both millésimes. A row present in both (``in1`` and ``in2``) is unchanged:
    same geometry, codes and ID. Rows are rectangles of the lattice, clipped rectangles, hosts (a
    rectangle with island holes) or islands."""

    lattice: Lattice
    i0: np.ndarray
    j0: np.ndarray
    w: np.ndarray
    h: np.ndarray
    cs: np.ndarray
    us: np.ndarray
    rcls: np.ndarray
    tmpl: np.ndarray
    role: np.ndarray
    kind: np.ndarray
    in1: np.ndarray
    in2: np.ndarray
    locked: np.ndarray  # boundary, forced, island or host rows: never changed
    pid: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    area: np.ndarray = field(default_factory=lambda: np.zeros(0))
    bbox: np.ndarray = field(default_factory=lambda: np.zeros((0, 4)))
    holes: dict[int, list[np.ndarray]] = field(default_factory=dict)
    special_wkb: dict[int, bytes] = field(default_factory=dict)
    groups: list[np.ndarray] = field(default_factory=list)
    group_of: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    pending: list[dict] = field(default_factory=list)
    # codes as written (indices into WRITTEN_CS / WRITTEN_US; lower case), set by ``messy_codes``
    wcs: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int16))
    wus: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int16))
    lower: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    COLUMNS = (
        "i0",
        "j0",
        "w",
        "h",
        "cs",
        "us",
        "rcls",
        "tmpl",
        "role",
        "kind",
        "in1",
        "in2",
        "locked",
    )

    def __len__(self) -> int:
        """Committed rows (call ``flush`` after ``append``)."""
        return len(self.i0)

    def row_like(
        self, like: int, rect: tuple, codes: tuple[int, int], kind: int, present: tuple[bool, bool]
    ) -> dict:
        """A new locked row for ``append``: its rectangle (i0, j0, w, h), codes (cs, us), kind and
        presence in each millésime (in1, in2); its class, template and role those of ``like``."""
        like_values = (self.rcls[like], self.tmpl[like], self.role[like])
        return dict(zip(self.COLUMNS, (*rect, *codes, *like_values, kind, *present, True)))

    def append(self, rows: list[dict]) -> np.ndarray:
        """Queue rows (dicts of column values); returns their future indices. Columns are only
        extended by ``flush``, so many appends cost one concatenation."""
        start = len(self.i0) + len(self.pending)
        self.pending.extend(rows)
        return np.arange(start, start + len(rows))

    def flush(self) -> None:
        if not self.pending:
            return
        for name in self.COLUMNS:
            column = getattr(self, name)
            values = np.array([row[name] for row in self.pending], dtype=column.dtype)
            setattr(self, name, np.concatenate([column, values]))
        self.pending = []

    def ring(self, row: int) -> np.ndarray:
        """Outer ring of a rectangle row, on the lattice."""
        return self.lattice.ring(
            int(self.i0[row]), int(self.j0[row]), int(self.w[row]), int(self.h[row])
        )

    def rect(self, row: int) -> tuple[int, int, int, int]:
        return int(self.i0[row]), int(self.j0[row]), int(self.w[row]), int(self.h[row])

    def written(self, row: int) -> tuple[str | None, str | None]:
        """The (couverture, usage) written for a row, as a delivery carries it."""
        cs, us = WRITTEN_CS[self.wcs[row]], WRITTEN_US[self.wus[row]]
        if self.lower[row]:
            cs, us = (None if cs is None else cs.lower()), (None if us is None else us.lower())
        return cs, us

    def wkb(self, row: int) -> bytes:
        special = self.special_wkb.get(row)
        if special is not None:
            return special
        key = int(self.group_of[row])
        return self.groups[key >> 32][key & 0xFFFFFFFF].tobytes()


def mesh_from_layout(layout: Layout, lattice: Lattice) -> Mesh:
    n = len(layout.i0)
    locked = layout.boundary | layout.forced
    return Mesh(
        lattice=lattice,
        i0=layout.i0.astype(np.int32),
        j0=layout.j0.astype(np.int32),
        w=layout.w.astype(np.int32),
        h=layout.h.astype(np.int32),
        cs=layout.cs.copy(),
        us=layout.us.copy(),
        rcls=layout.rcls.astype(np.uint8),
        tmpl=layout.tmpl.astype(np.uint8),
        role=layout.role.astype(np.uint8),
        kind=np.where(layout.boundary, KIND_CLIPPED, KIND_RECT).astype(np.uint8),
        in1=np.ones(n, dtype=bool),
        in2=np.ones(n, dtype=bool),
        locked=locked.copy(),
    )


def clip_boundary(mesh: Mesh, outline: ogr.Geometry, tile_blocks: int = 16) -> None:
    """Clip the rectangles of boundary blocks to the outline (against a local piece of it)."""
    lattice = mesh.lattice
    grid = lattice.grid
    pieces: dict[tuple[int, int], ogr.Geometry | None] = {}
    for row in np.flatnonzero(mesh.kind == KIND_CLIPPED):
        bi, bj = int(mesh.i0[row]) // K, int(mesh.j0[row]) // K
        tile = (bi // tile_blocks, bj // tile_blocks)
        if tile not in pieces:
            x_lo = grid.x0 + (tile[0] * tile_blocks - 1) * grid.block
            y_lo = grid.y0 + (tile[1] * tile_blocks - 1) * grid.block
            size = (tile_blocks + 2) * grid.block
            box = ogr.CreateGeometryFromWkt(
                f"POLYGON(({x_lo} {y_lo},{x_lo + size} {y_lo},{x_lo + size} {y_lo + size},"
                f"{x_lo} {y_lo + size},{x_lo} {y_lo}))"
            )
            pieces[tile] = polygonal_part(outline.Intersection(box))
        local = pieces[tile]
        ring = mesh.ring(int(row))
        clipped = None
        if local is not None:
            cell = ogr.CreateGeometryFromWkb(multipolygon_wkb([[ring]]))
            clipped = polygonal_part(cell.Intersection(local))
        if clipped is None or clipped.GetArea() < 1e-6:
            mesh.in1[row] = mesh.in2[row] = False
            continue
        mesh.special_wkb[row] = bytes(clipped.ExportToIsoWkb())


def island_rings(
    centre: tuple[float, float], side: float, angle: float, shares: Sequence[float]
) -> tuple[list[np.ndarray], np.ndarray]:
    """Rings of the island parts (counter-clockwise) and the hole ring (clockwise) for the host.
    Parts are slices of a rotated square along its local x axis, sharing their cut vertices."""
    ux = np.array([math.cos(angle), math.sin(angle)])
    uy = np.array([-math.sin(angle), math.cos(angle)])
    c = np.asarray(centre)

    def point(a: float, b: float) -> np.ndarray:
        return c + (a - 0.5) * side * ux + (b - 0.5) * side * uy

    cuts = np.concatenate([[0.0], np.cumsum(shares)])
    cuts[-1] = 1.0
    parts = []
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        corners = [point(lo, 0), point(hi, 0), point(hi, 1), point(lo, 1), point(lo, 0)]
        parts.append(np.array(corners))
    # Outline of the whole square, with the cut vertices, then reversed to clockwise.
    bottom = [point(a, 0) for a in cuts]
    top = [point(a, 1) for a in cuts[::-1]]
    outline = np.array(bottom + top + [bottom[0]])
    return parts, outline[::-1].copy()


def add_islands(
    mesh: Mesh,
    islands: list[tuple[int, IslandKind]],
    rng: np.random.Generator,
    present: tuple[bool, bool] = (True, True),
) -> list[int]:
    """Carve islands into their (committed) hosts: each host becomes a HOST row with holes; island
    parts are queued as ISLAND rows (call ``mesh.flush()`` after). Returns the island rows."""
    lattice = mesh.lattice
    max_side = ISLAND_MAX_SIDE * lattice.fine
    rows = []
    for host, kind in islands:
        centre = lattice.node(int(mesh.i0[host]) + 1, int(mesh.j0[host]) + 1)
        side = min(math.sqrt(kind.area_m2), max_side)
        angle = float(rng.uniform(0, math.pi / 2))
        parts, hole = island_rings(centre, side, angle, [share for _, share in kind.parts])
        mesh.kind[host] = KIND_HOST
        mesh.locked[host] = True
        mesh.holes.setdefault(int(host), []).append(hole)
        for ring, ((c, u), _) in zip(parts, kind.parts):
            rect, codes = (mesh.i0[host], mesh.j0[host], 0, 0), (CS_INDEX[c], US_INDEX[u])
            row = int(mesh.append([mesh.row_like(host, rect, codes, KIND_ISLAND, present)])[0])
            mesh.special_wkb[row] = multipolygon_wkb([[ring]])
            rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------------
# Second millésime: change events
# --------------------------------------------------------------------------------------------------


@dataclass
class Piece:
    """A piece of the overlay of the two millésimes inside a change zone: its geometry is that of
    ``geom_row``; ``row1`` / ``row2`` are the polygons of each millésime it belongs to."""

    row1: int
    row2: int
    geom_row: int
    event: str
    null_codes: str = ""  # "avant" or "apres": the DIFFERENCE row carries null codes there

    def codes(self, mesh: Mesh) -> tuple[int, int, int, int]:
        return (
            int(mesh.cs[self.row1]),
            int(mesh.us[self.row1]),
            int(mesh.cs[self.row2]),
            int(mesh.us[self.row2]),
        )

    def changed(self, mesh: Mesh) -> bool:
        c1, u1, c2, u2 = self.codes(mesh)
        return (c1, u1) != (c2, u2)


EVENT_WEIGHTS: dict[str, float] = {
    "artif_batiment": 0.25,
    "artif_route": 0.10,
    "zone_activite": 0.07,
    "regroupement": 0.04,
    "desartif": 0.10,
    "couverture": 0.20,
    "usage": 0.06,
    "nouvel_ilot": 0.05,
    "recoupe": 0.08,
    "couverture_foret": 0.05,
}
MIN_EVENTS = 2
ARTIF_NEW: Distribution = (
    ("CS1.1.1.1", "US5", 50),
    ("CS1.1.1.2", "US4.1.1", 20),
    ("CS1.1.2.2", "US6.1", 15),
    ("CS1.1.1.1", "US2", 10),
    ("CS1.1.1.1", "US3", 5),
)
DESARTIF_NEW: Distribution = (
    ("CS2.2.1", "US6.1", 50),
    ("CS2.2.1", "US6.3", 25),
    ("CS2.1.1.1", "US6.3", 25),
)
NEW_BUILDING = IslandKind("nouveau_batiment", FARM, 150, ((("CS1.1.1.1", "US1.1"), 1.0),), 0)


class ChangeBuilder:
    """Applies change events to the mesh: old rows leave the second millésime, new rows (new IDs)
    enter it, and the overlay pieces of each change zone are recorded."""

    def __init__(self, mesh: Mesh, status: np.ndarray, cls: np.ndarray, seed: int) -> None:
        self.mesh = mesh
        self.rng = stage_rng(seed, "changes")
        self.pieces: list[Piece] = []
        self.used = mesh.locked.copy() | ~mesh.in1 | (mesh.kind != KIND_RECT)
        urban = np.isin(cls, [CORE, SUBURB])
        self.near_urban = dilate(urban, 2) & (status == INSIDE)
        self.nbx = cls.shape[1]

    # -- selection helpers --
    def sync(self) -> None:
        """Commit queued rows; new rows are never picked again."""
        self.mesh.flush()
        missing = len(self.mesh) - len(self.used)
        if missing > 0:
            self.used = np.concatenate([self.used, np.ones(missing, dtype=bool)])

    def free(self) -> np.ndarray:
        self.sync()
        return ~self.used

    def has_codes(self, pairs: Sequence[Pair]) -> np.ndarray:
        mesh = self.mesh
        ok = np.zeros(len(mesh), dtype=bool)
        for c, u in pairs:
            ok |= (mesh.cs == CS_INDEX[c]) & (mesh.us == US_INDEX[u])
        return ok

    def whole(self) -> np.ndarray:
        return self.mesh.tmpl == TEMPLATE_IDS["WHOLE"]

    def rows_by_block(self, ok: np.ndarray) -> dict[tuple[int, int], int]:
        """Selected rows keyed by their block (bi, bj), for whole-block rectangles."""
        mesh = self.mesh
        return {(int(mesh.i0[r]) // K, int(mesh.j0[r]) // K): int(r) for r in np.flatnonzero(ok)}

    def mark(self, rows: Iterable[int]) -> None:
        for row in rows:
            self.used[row] = True

    def new_row(self, like: int, i0: int, j0: int, w: int, h: int, codes: tuple[int, int]) -> int:
        """Queue a second-millésime rectangle (``like`` gives its class, template and role)."""
        mesh = self.mesh
        row = mesh.append([mesh.row_like(like, (i0, j0, w, h), codes, KIND_RECT, (False, True))])
        return int(row[0])

    def retire(self, row: int) -> None:
        self.mesh.in2[row] = False
        self.used[row] = True

    def draw(self, dist: Distribution) -> tuple[int, int]:
        cs, us = draw_codes(self.rng, dist, 1)
        return int(cs[0]), int(us[0])

    # -- events --
    def recode(
        self, rows: np.ndarray, new_codes: Callable[[int], tuple[int, int]], event: str
    ) -> int:
        mesh = self.mesh
        for row in rows:
            row = int(row)
            new = self.new_row(
                row, mesh.i0[row], mesh.j0[row], mesh.w[row], mesh.h[row], new_codes(row)
            )
            self.retire(row)
            self.pieces.append(Piece(row, new, row, event))
        return len(rows)

    def split(
        self, row: int, halves: Sequence[tuple[int, int, int, int, tuple[int, int]]], event: str
    ) -> None:
        for i0, j0, w, h, codes in halves:
            new = self.new_row(row, i0, j0, w, h, codes)
            self.pieces.append(Piece(row, new, new, event))
        self.retire(row)

    def merge(
        self,
        rows: Sequence[int],
        rect: tuple[int, int, int, int],
        codes: tuple[int, int],
        event: str,
    ) -> None:
        new = self.new_row(rows[0], *rect, codes)
        for row in rows:
            self.retire(row)
            self.pieces.append(Piece(row, new, row, event))

    def artif_batiment(self, count: int) -> int:
        ok = self.free() & self.has_codes([FARMLAND]) & (self.mesh.role == ROLE_MAIN)
        bi, bj = self.mesh.i0 // K, self.mesh.j0 // K
        ok &= self.near_urban[bj, bi]
        rows = pick(self.rng, np.flatnonzero(ok), count)
        self.mark(rows)
        return self.recode(rows, lambda _: self.draw(ARTIF_NEW), "artif_batiment")

    def artif_route(self, count: int) -> int:
        """New roads across farmland: chains of whole farm blocks, each split into a road strip
        and the rest of the field."""
        mesh = self.mesh
        ok = self.free() & self.whole() & self.has_codes([FARMLAND])
        by_block = self.rows_by_block(ok)
        done = 0
        road = (CS_INDEX["CS1.1.1.2"], US_INDEX["US4.1.1"])
        farm = (CS_INDEX[FARMLAND[0]], US_INDEX[FARMLAND[1]])
        for start in pick(self.rng, np.array(sorted(by_block.values())), len(by_block)):
            if done >= count:
                break
            bi, bj = int(mesh.i0[start]) // K, int(mesh.j0[start]) // K
            chain = []
            while (bi, bj) in by_block and not self.used[by_block[(bi, bj)]] and len(chain) < 6:
                chain.append(by_block[(bi, bj)])
                bi += 1
            if len(chain) < 2:
                continue
            for row in chain[: count - done]:
                i0, j0 = int(mesh.i0[row]), int(mesh.j0[row])
                self.split(row, [(i0, j0, K, 1, road), (i0, j0 + 1, K, K - 1, farm)], "artif_route")
                done += 1
        return done

    def zone_activite(self, count: int) -> int:
        mesh = self.mesh
        ok = self.free() & (mesh.tmpl == TEMPLATE_IDS["MERGED"]) & self.has_codes([FARMLAND])
        rows = pick(self.rng, np.flatnonzero(ok), count)
        self.mark(rows)
        farm = (CS_INDEX[FARMLAND[0]], US_INDEX[FARMLAND[1]])
        for row in rows:
            i0, j0 = int(mesh.i0[row]), int(mesh.j0[row])
            built = self.draw((("CS1.1.1.1", "US2", 60), ("CS1.1.1.1", "US3", 40)))
            self.split(int(row), [(i0, j0, K, K, built), (i0 + K, j0, K, K, farm)], "zone_activite")
        return len(rows)

    def regroupement(self, count: int) -> int:
        """Two neighbouring whole blocks become one polygon (clearing and land consolidation, or
        a retail park)."""
        mesh = self.mesh
        ok = self.free() & self.whole() & np.isin(mesh.rcls, [FARM, FOREST])
        by_block = self.rows_by_block(ok)
        done = 0
        for left in pick(self.rng, np.array(sorted(by_block.values())), len(by_block)):
            if done >= count:
                break
            bi, bj = int(mesh.i0[left]) // K, int(mesh.j0[left]) // K
            right = by_block.get((bi + 1, bj))
            if right is None or self.used[left] or self.used[right]:
                continue
            self.mark([left, right])
            codes = self.draw((("CS2.2.1", "US1.1", 70), ("CS1.1.1.1", "US3", 30)))
            self.merge([int(left), right], (bi * K, bj * K, 2 * K, K), codes, "regroupement")
            done += 1
        return done

    def desartif(self, count: int) -> int:
        mesh = self.mesh
        built = np.isin(mesh.cs, [CS_INDEX[c] for c in ("CS1.1.1.1", "CS1.1.1.2", "CS1.1.2.2")])
        ok = self.free() & built & np.isin(mesh.rcls, [CORE, SUBURB]) & (mesh.role == ROLE_SUB)
        rows = pick(self.rng, np.flatnonzero(ok), count)
        self.mark(rows)
        return self.recode(rows, lambda _: self.draw(DESARTIF_NEW), "desartif")

    def couverture(self, count: int) -> int:
        """Couverture-only changes: sealed yard built over, new orchard on farmland."""
        recoded = {
            ("CS1.1.1.2", "US5"): ("CS1.1.1.1", "US5"),
            FARMLAND: ("CS2.1.3", "US1.1"),
            ("CS2.2.1", "US5"): ("CS2.1.1.1", "US5"),
        }
        return self._recode_pairs(count, recoded, "couverture")

    def _recode_pairs(self, count: int, recoded: dict, event: str) -> int:
        """``count`` free polygons carrying one of the (couverture, usage) pairs of ``recoded``
        get its new pair."""
        ok = self.free() & self.has_codes(list(recoded))
        rows = pick(self.rng, np.flatnonzero(ok), count)
        self.mark(rows)
        mesh = self.mesh

        def new_codes(row: int) -> tuple[int, int]:
            c, u = recoded[(CS_CODES[mesh.cs[row]], US_CODES[mesh.us[row]])]
            return CS_INDEX[c], US_INDEX[u]

        return self.recode(rows, new_codes, event)

    def couverture_foret(self, count: int) -> int:
        """Clear-cut forest: couverture changes, usage stays sylviculture."""
        ok = self.free() & self.has_codes(
            [(c, "US1.2") for c in ("CS2.1.1.1", "CS2.1.1.2", "CS2.1.1.3")]
        )
        rows = pick(self.rng, np.flatnonzero(ok), count)
        self.mark(rows)
        return self.recode(
            rows, lambda _: (CS_INDEX["CS2.2.1"], US_INDEX["US1.2"]), "couverture_foret"
        )

    def usage(self, count: int) -> int:
        recoded = {("CS1.1.1.1", "US2"): ("CS1.1.1.1", "US3"), FARMLAND: ("CS2.2.1", "US6.1")}
        return self._recode_pairs(count, recoded, "usage")

    def recoupe(self, count: int) -> int:
        """A zone re-cut into two polygons with codes different from the old one."""
        mesh = self.mesh
        ok = self.free() & (mesh.rcls == CORE) & (mesh.w * mesh.h >= 2)
        ok &= ~self.has_codes([("CS1.1.1.1", "US5"), ("CS1.1.1.2", "US4.1.1")])
        rows = pick(self.rng, np.flatnonzero(ok), count)
        self.mark(rows)
        house = (CS_INDEX["CS1.1.1.1"], US_INDEX["US5"])
        street = (CS_INDEX["CS1.1.1.2"], US_INDEX["US4.1.1"])
        for row in rows:
            i0, j0, w, h = mesh.rect(int(row))
            if w >= 2:
                halves = [(i0, j0, w // 2, h, house), (i0 + w // 2, j0, w - w // 2, h, street)]
            else:
                halves = [(i0, j0, w, h // 2, street), (i0, j0 + h // 2, w, h - h // 2, house)]
            self.split(int(row), halves, "recoupe")
        return len(rows)

    def nouvel_ilot(self, count: int) -> int:
        """A new small building in a field: the field keeps its codes but gets a hole."""
        mesh = self.mesh
        ok = (
            self.free()
            & self.has_codes([FARMLAND])
            & (mesh.role == ROLE_MAIN)
            & (mesh.w >= 2)
            & (mesh.h >= 2)
        )
        rows = pick(self.rng, np.flatnonzero(ok), count)
        self.mark(rows)
        hosts = []
        for row in rows:
            row = int(row)
            hosts.append(
                self.new_row(
                    row,
                    mesh.i0[row],
                    mesh.j0[row],
                    mesh.w[row],
                    mesh.h[row],
                    (int(mesh.cs[row]), int(mesh.us[row])),
                )
            )
            self.retire(row)
        self.sync()
        islands = add_islands(
            mesh, [(host, NEW_BUILDING) for host in hosts], self.rng, present=(False, True)
        )
        self.sync()
        for row, host, island in zip(rows, hosts, islands):
            self.pieces.append(Piece(int(row), host, host, "nouvel_ilot"))
            self.pieces.append(Piece(int(row), island, island, "nouvel_ilot"))
        return len(rows)

    def run(self, n1: int) -> dict[str, int]:
        total = CHANGE_RATE * n1
        counts = {}
        for event, weight in EVENT_WEIGHTS.items():
            self.sync()
            counts[event] = getattr(self, event)(max(MIN_EVENTS, int(round(total * weight))))
        self.sync()
        self.mark_null_codes()
        return counts

    def mark_null_codes(self) -> None:
        """Two DIFFERENCE rows carry null codes, as in real deliveries: chosen among pieces whose
        imperméabilisation and matrix status do not change, so flows are the same either way."""
        mesh = self.mesh
        candidates = []
        for piece in self.pieces:
            if not piece.changed(mesh):
                continue
            c1, u1, c2, u2 = piece.codes(mesh)
            if not (
                imper_table()[c1]
                or imper_table()[c2]
                or artif_table()[c1, u1]
                or artif_table()[c2, u2]
            ):
                candidates.append(piece)
        for piece, side in zip(candidates[:2], ("avant", "apres")):
            piece.null_codes = side


# --------------------------------------------------------------------------------------------------
# Geometry of every row: WKB and areas
# --------------------------------------------------------------------------------------------------


WKB_HEADER_SIZE = 22


def group_wkb(coords: np.ndarray) -> np.ndarray:
    """WKB MultiPolygons (one polygon, one ring) of same-sized rings, as an (n, size) byte array."""
    n, m, _ = coords.shape
    header = struct.pack("<BIIBIII", 1, 6, 1, 1, 3, 1, m)
    dtype = np.dtype([("h", "u1", (WKB_HEADER_SIZE,)), ("c", "<f8", (m, 2))])
    records = np.empty(n, dtype=dtype)
    records["h"] = np.frombuffer(header, dtype=np.uint8)
    records["c"] = coords
    return records.view(np.uint8).reshape(n, dtype.itemsize)


def shoelace(coords: np.ndarray) -> np.ndarray:
    x = coords[..., 0] - coords[:, :1, 0]
    y = coords[..., 1] - coords[:, :1, 1]
    forward = np.einsum("ij,ij->i", x[:, :-1], y[:, 1:])
    backward = np.einsum("ij,ij->i", x[:, 1:], y[:, :-1])
    return 0.5 * (forward - backward)


def build_geometry(mesh: Mesh) -> None:
    """WKB, area and bounding box of every row."""
    n = len(mesh)
    mesh.area = np.zeros(n)
    mesh.bbox = np.zeros((n, 4))
    mesh.group_of = np.full(n, -1, dtype=np.int64)
    mesh.groups = []
    lattice = mesh.lattice
    plain = mesh.kind == KIND_RECT
    shapes = np.unique(np.stack([mesh.w[plain], mesh.h[plain]], axis=1), axis=0)
    for w, h in shapes:
        rows = np.flatnonzero(plain & (mesh.w == w) & (mesh.h == h))
        coords = lattice.rings(
            mesh.i0[rows].astype(np.int64), mesh.j0[rows].astype(np.int64), int(w), int(h)
        )
        mesh.area[rows] = shoelace(coords)
        mesh.bbox[rows] = np.stack(
            [
                coords[..., 0].min(1),
                coords[..., 1].min(1),
                coords[..., 0].max(1),
                coords[..., 1].max(1),
            ],
            axis=1,
        )
        index = len(mesh.groups)
        mesh.groups.append(group_wkb(coords))
        mesh.group_of[rows] = (index << 32) + np.arange(len(rows))
    for row in np.flatnonzero(mesh.kind == KIND_HOST):
        ring = mesh.ring(int(row))
        holes = mesh.holes[int(row)]
        mesh.special_wkb[int(row)] = multipolygon_wkb([[ring, *holes]])
        mesh.area[row] = ring_area(ring) + sum(ring_area(hole) for hole in holes)
        mesh.bbox[row] = (ring[:, 0].min(), ring[:, 1].min(), ring[:, 0].max(), ring[:, 1].max())
    for row in np.flatnonzero((mesh.kind == KIND_CLIPPED) | (mesh.kind == KIND_ISLAND)):
        wkb = mesh.special_wkb.get(int(row))
        if wkb is None:
            continue
        geom = ogr.CreateGeometryFromWkb(wkb)
        mesh.area[row] = geom.GetArea()
        minx, maxx, miny, maxy = geom.GetEnvelope()
        mesh.bbox[row] = (minx, miny, maxx, maxy)


def assign_ids(mesh: Mesh) -> None:
    """IDs: first-millésime polygons numbered in row order, then the second millésime's new ones."""
    mesh.pid = np.zeros(len(mesh), dtype=np.int64)
    first = np.flatnonzero(mesh.in1)
    mesh.pid[first] = np.arange(1, len(first) + 1)
    new = np.flatnonzero(mesh.in2 & ~mesh.in1)
    mesh.pid[new] = np.arange(len(first) + 1, len(first) + 1 + len(new))


def ocsge_id(pid: int) -> str:
    return f"OCSGE{pid:013d}"


# --------------------------------------------------------------------------------------------------
# Artificialisation status
# --------------------------------------------------------------------------------------------------


@dataclass
class MillesimePolygons:
    """The polygons of one millésime: rows of the mesh (their geometry, areas and codes)."""

    mesh: Mesh
    year: int
    rows: np.ndarray

    @property
    def cs(self) -> np.ndarray:
        return self.mesh.cs[self.rows]

    @property
    def us(self) -> np.ndarray:
        return self.mesh.us[self.rows]

    @property
    def area(self) -> np.ndarray:
        return self.mesh.area[self.rows]

    @property
    def imper(self) -> np.ndarray:
        """Imperméabilisé (1 / 0 / -1) of the codes as written."""
        return resolved_imper()[self.mesh.wcs[self.rows]]

    @property
    def matrix(self) -> np.ndarray:
        """Artificialisé by the matrix (1 / 0 / -1) of the codes as written."""
        return resolved_artif()[self.mesh.wcs[self.rows], self.mesh.wus[self.rows]]


def millesime_polygons(mesh: Mesh, year: int, which: int) -> MillesimePolygons:
    present = mesh.in1 if which == 1 else mesh.in2
    return MillesimePolygons(mesh, year, np.flatnonzero(present))


def artif_status(polygons: MillesimePolygons) -> tuple[np.ndarray, np.ndarray]:
    """Artificialisation status of each polygon by the décret's couverture × usage matrix alone
    (``rules.is_artif_matrix``), and ``crit_seuil`` (all False: no threshold is applied).

    Returns two boolean arrays aligned with ``polygons.rows``: artificialised, and whether a
    threshold changed the status. This is the single place deciding the status written to the
    ARTIFICIALISATION layers, the artificialisation difference layer and the manifest's stocks and
    flows; a thresholds version would replace it (it has the mesh, hence geometry, at hand).
    """
    artif = artif_table()[polygons.cs, polygons.us]
    return artif, np.zeros(len(polygons.rows), dtype=bool)


# --------------------------------------------------------------------------------------------------
# Writing layers
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: int  # ogr.OFTString, ...
    width: int = 0
    boolean: bool = False


def occupation_fields(style: str) -> list[FieldSpec]:
    """OCCUPATION_SOL fields: 'gpkg' (code_cs), 'shp' (CODE_CS, upper case), 'couverture'."""
    names = {
        "gpkg": [
            "ID",
            "code_cs",
            "code_us",
            "millesime",
            "source",
            "ossature",
            "id_origine",
            "code_or",
        ],
        "shp": [
            "ID",
            "CODE_CS",
            "CODE_US",
            "MILLESIME",
            "SOURCE",
            "OSSATURE",
            "ID_ORIGINE",
            "CODE_OR",
        ],
        "couverture": [
            "ID",
            "couverture",
            "usage",
            "millesime",
            "source",
            "ossature",
            "id_origine",
            "code_or",
        ],
    }[style]
    kinds = [
        (ogr.OFTString, 24),
        (ogr.OFTString, 12),
        (ogr.OFTString, 12),
        (ogr.OFTString, 4),
        (ogr.OFTString, 40),
        (ogr.OFTInteger, 0),
        (ogr.OFTString, 30),
        (ogr.OFTString, 30),
    ]
    return [FieldSpec(name, kind, width) for name, (kind, width) in zip(names, kinds)]


ARTIF_FIELDS = [
    FieldSpec("id", ogr.OFTString, 24),
    FieldSpec("code_cs", ogr.OFTString, 12),
    FieldSpec("code_us", ogr.OFTString, 12),
    FieldSpec("millesime", ogr.OFTString, 4),
    FieldSpec("source", ogr.OFTString, 40),
    FieldSpec("ossature", ogr.OFTInteger),
    FieldSpec("id_origine", ogr.OFTString, 30),
    FieldSpec("code_or", ogr.OFTString, 30),
    FieldSpec("aire", ogr.OFTReal),
    FieldSpec("artif", ogr.OFTString, 9),
    FieldSpec("crit_seuil", ogr.OFTInteger, boolean=True),
]


def source_table() -> list[list[tuple[str, int, str | None]]]:
    """(source, ossature, code_or) per (couverture, usage), as IGN's sources would give them."""
    table = []
    for cs in CS_CODES:
        row = []
        for us in US_CODES:
            if cs == "CS1.1.1.1":
                value = ("BD TOPO", 1, "BATIMENT")
            elif cs == "CS1.1.1.2" and us == "US4.1.1":
                value = ("BD TOPO", 1, "TRONCON_DE_ROUTE")
            elif us == "US4.1.2":
                value = ("BD TOPO", 1, "TRONCON_DE_VOIE_FERREE")
            elif cs == "CS1.2.2":
                value = ("BD TOPO", 1, "SURFACE_HYDROGRAPHIQUE")
            elif cs.startswith("CS2.1.1"):
                value = ("BD FORET", 0, "FORET")
            elif us == "US1.1" and cs.startswith("CS2.2"):
                value = ("RPG", 0, "PARCELLE_AGRICOLE")
            else:
                value = ("PHOTO-INTERPRETATION", 0, None)
            row.append(value)
        table.append(row)
    return table


def occupation_records(mesh: Mesh, polygons: MillesimePolygons) -> Iterator[tuple[list, bytes]]:
    sources = source_table()
    year = str(polygons.year)
    rows = polygons.rows
    for row, cs, us, pid in zip(
        rows.tolist(), mesh.cs[rows].tolist(), mesh.us[rows].tolist(), mesh.pid[rows].tolist()
    ):
        source, ossature, code_or = sources[cs][us]
        origin = f"{code_or[:3]}{pid:010d}" if code_or else None
        yield (
            [ocsge_id(pid), *mesh.written(row), year, source, ossature, origin, code_or],
            mesh.wkb(row),
        )


def artif_records(mesh: Mesh, polygons: MillesimePolygons) -> Iterator[tuple[list, bytes]]:
    artif, seuil = artif_status(polygons)
    records = occupation_records(mesh, polygons)
    for (values, wkb), row, a, s in zip(records, polygons.rows, artif, seuil):
        yield values + [float(mesh.area[row]), "artif" if a else "non artif", int(s)], wkb


def write_layer(
    path: Path,
    layer_name: str,
    srs: osr.SpatialReference,
    fields: Sequence[FieldSpec],
    records: Iterable[tuple[list, bytes]],
    fmt: str,
) -> int:
    """Write one layer (GPKG in one transaction, or SHP); returns the feature count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "GPKG":
        driver = ogr.GetDriverByName("GPKG")
        options = ["GEOMETRY_NAME=the_geom", "FID=fid", "SPATIAL_INDEX=YES"]
    else:
        driver = ogr.GetDriverByName("ESRI Shapefile")
        options = ["ENCODING=UTF-8", f"DBF_DATE_LAST_UPDATE={FIXED_DATE}"]
    ds = driver.CreateDataSource(str(path))
    layer = ds.CreateLayer(layer_name, srs, ogr.wkbMultiPolygon, options=options)
    for spec in fields:
        definition = ogr.FieldDefn(spec.name, spec.kind)
        if spec.width:
            definition.SetWidth(spec.width)
        if spec.boolean:
            definition.SetSubType(ogr.OFSTBoolean)
        layer.CreateField(definition)
    feature = ogr.Feature(layer.GetLayerDefn())
    count = 0
    if fmt == "GPKG":
        ds.StartTransaction()
    for values, wkb in records:
        feature.SetFID(ogr.NullFID)
        for index, value in enumerate(values):
            if value is None:
                feature.SetFieldNull(index)
            else:
                feature.SetField(index, value)
        feature.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
        layer.CreateFeature(feature)
        count += 1
    if fmt == "GPKG":
        ds.CommitTransaction()
    ds = None
    return count


def layer_path(folder: Path, stem: str, fmt: str) -> Path:
    return folder / f"{stem}.{'gpkg' if fmt == 'GPKG' else 'shp'}"


def shp_companions(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.glob(path.stem + ".*"))


# --------------------------------------------------------------------------------------------------
# Deliveries: names, folders, archives
# --------------------------------------------------------------------------------------------------


@dataclass
class Delivery:
    """One IGN delivery: an archive (or its unpacked folder) holding layers."""

    name: str
    kind: str  # occupation, diff, artif, artif_diff
    fmt: str  # GPKG or SHP
    millesimes: tuple[int, ...]
    data_folder: str
    livraison: str
    files: list[dict] = field(default_factory=list)
    has_prj: bool | None = None

    def root(self, staging: Path) -> Path:
        return staging / self.name

    def data_dir(self, staging: Path) -> Path:
        return (
            self.root(staging)
            / "OCS-GE"
            / f"1_DONNEES_LIVRAISON_{self.livraison}"
            / self.data_folder
        )


def deliveries_for(spec: DepartementSpec, flavour: str) -> list[Delivery]:
    tok, dep = spec.crs_token, f"D{spec.dep3}"
    y1, y2 = spec.millesimes
    out: list[Delivery] = []
    formats = {"gpkg": ["GPKG"], "shp": ["SHP"], "both": ["GPKG", "SHP"]}[flavour]
    for fmt in formats:
        for year in (y1, y2):
            if fmt == "SHP" and year == y1 and flavour == "both":
                # Named as OCS GE 1.1 deliveries are (Gers 2019:
                # OCS_GE_1-1_2019_SHP_LAMB93_D032_2022-06-21): the millésime after the version, the
                # edition date (later) at the end, no year inside.
                out.append(
                    Delivery(
                        f"OCS_GE_1-1_{year}_{fmt}_{tok}_{dep}_{EDITION_1_1}",
                        "occupation",
                        fmt,
                        (year,),
                        f"OCS_GE_1-1_{fmt}_{tok}_{dep}",
                        LIVRAISON["occupation"],
                    )
                )
                continue
            out.append(
                Delivery(
                    f"OCS-GE_2-0__{fmt}_{tok}_{dep}_{year}-01-01",
                    "occupation",
                    fmt,
                    (year,),
                    f"OCS-GE_2-0_{fmt}_{tok}_{dep}-{year}",
                    LIVRAISON["occupation"],
                )
            )
    if "SHP" in formats:
        out.append(
            Delivery(
                f"OCS-GE_2-0_DIFF_SHP_{tok}_{dep}_{y1}-{y2}",
                "diff",
                "SHP",
                (y1, y2),
                f"OCS-GE_2-0_DIFF_SHP_{tok}_{dep}-{y1}-{y2}",
                LIVRAISON["diff"],
            )
        )
    if "GPKG" in formats:
        out.append(
            Delivery(
                f"OCS-GE_2-0_DIFF-{y1}-{y2}_GPKG_{tok}_{dep}_2026-02-26",
                "diff",
                "GPKG",
                (y1, y2),
                f"OCS-GE_2-0_DIFF_GPKG_{tok}_{dep}-{y1}-{y2}",
                LIVRAISON["diff"],
            )
        )
    if flavour == "both":
        out.append(
            Delivery(
                f"OCS-GE_2-0__SHP_{tok}_{dep}_DIFF_{y1}-{y2}",
                "diff_avant_apres",
                "SHP",
                (y1, y2),
                f"OCS-GE_2-0_SHP_{tok}_{dep}_DIFF-{y1}-{y2}",
                LIVRAISON["diff"],
            )
        )
    for year in (y1, y2):
        out.append(
            Delivery(
                f"OCS-GE_2-0_ARTIFICIALISATION_GPKG_{tok}_{dep}_{year}-01-01",
                "artif",
                "GPKG",
                (year,),
                f"OCS-GE_2-0_ARTIFICIALISATION_GPKG_{tok}_{dep}-{year}",
                LIVRAISON["artif"],
            )
        )
    out.append(
        Delivery(
            f"OCS-GE-ARTIFICIALISATION_2-0_DIFF-{y1}-{y2}_GPKG_{tok}_{dep}_2025-09-16",
            "artif_diff",
            "GPKG",
            (y1, y2),
            f"OCS-GE-ARTIFICIALISATION_2-0_DIFF_GPKG_{tok}_{dep}-{y1}-{y2}",
            LIVRAISON["artif_diff"],
        )
    )
    return out


def write_metadata(delivery: Delivery, staging: Path, spec: DepartementSpec) -> None:
    """IGN ships a metadata folder, a read-me and checksums beside the data."""
    root = delivery.root(staging) / "OCS-GE"
    meta = root / f"2_METADONNEES_LIVRAISON_{delivery.livraison}" / delivery.data_folder
    meta.mkdir(parents=True, exist_ok=True)
    years = "-".join(str(y) for y in delivery.millesimes)
    (meta / f"{delivery.data_folder}.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" '
        'xmlns:gco="http://www.isotc211.org/2005/gco">\n'
        f"  <gmd:fileIdentifier><gco:CharacterString>{delivery.name}</gco:CharacterString>"
        "</gmd:fileIdentifier>\n"
        f"  <gmd:title><gco:CharacterString>OCS GE (données de test synthétiques) D{spec.dep3} "
        f"{years}</gco:CharacterString></gmd:title>\n"
        f"  <gmd:referenceSystemIdentifier><gco:CharacterString>EPSG:{spec.epsg}"
        "</gco:CharacterString></gmd:referenceSystemIdentifier>\n"
        "</gmd:MD_Metadata>\n",
        encoding="utf-8",
    )
    (root / "LISEZ-MOI.txt").write_text(
        f"OCS GE 2.0 - {delivery.kind} - département {spec.code} - {years}\n\n"
        "Données SYNTHÉTIQUES produites par scripts/sample_generator.py pour les tests du plugin.\n"
        "Elles imitent la structure des livraisons de l'IGN ; les valeurs ne décrivent pas le "
        "territoire réel.\n",
        encoding="utf-8",
    )
    data = delivery.data_dir(staging)
    md5_path = data.parent / f"{delivery.data_folder}.md5"
    lines = [
        f"{hashlib.md5(p.read_bytes()).hexdigest()}  {p.name}"
        for p in sorted(data.iterdir())
        if p.is_file()
    ]
    md5_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def set_fixed_times(root: Path) -> None:
    for dirpath, _dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames:
            os.utime(Path(dirpath) / name, (FIXED_TIMESTAMP, FIXED_TIMESTAMP))
        os.utime(dirpath, (FIXED_TIMESTAMP, FIXED_TIMESTAMP))


def pack(staging: Path, delivery: Delivery, out: Path) -> Path:
    """7-Zip the delivery folder (entries start with the delivery name, like IGN's)."""
    archive = out / f"{delivery.name}.7z"
    if archive.exists():
        archive.unlink()
    set_fixed_times(delivery.root(staging))
    command = [
        require_seven_zip(),
        "a",
        "-t7z",
        "-mx=1",
        "-mmt=2",
        "-mtc=off",
        "-mta=off",
        "-bd",
        "-y",
        str(archive),
        delivery.name,
    ]
    subprocess.run(
        command, cwd=staging, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    return archive


# --------------------------------------------------------------------------------------------------
# Zone construite
# --------------------------------------------------------------------------------------------------


def zone_construite(
    territory: Territory, grid: Grid, cls: np.ndarray, growth: float
) -> list[ogr.Geometry]:
    """A few built-up envelopes: a disc around each commune centre that has a built core."""
    out = []
    for commune in territory.communes:
        ci = int((commune.x - grid.x0) / grid.block)
        cj = int((commune.y - grid.y0) / grid.block)
        if not (0 <= ci < grid.nbx and 0 <= cj < grid.nby) or cls[cj, ci] not in (CORE, SUBURB):
            continue
        radius = min(max(7.0 * math.sqrt(max(commune.population, 50)), 150.0), 3500.0) * growth
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(commune.x, commune.y)
        disc = polygonal_part(point.Buffer(radius, 8).Intersection(territory.outline))
        if disc is not None:
            out.append(disc)
    return out


# --------------------------------------------------------------------------------------------------
# Truth (manifest)
# --------------------------------------------------------------------------------------------------


def stock_truth(polygons: MillesimePolygons) -> dict:
    """Stocks of a millésime; codes as written (``NULL`` for a null code, upper case),
    imperméabilisation and the matrix by the hierarchy (undetermined apart), IGN's ``artif`` from
    the leaves."""
    area = polygons.area
    artif, seuil = artif_status(polygons)
    imper, matrix = polygons.imper, polygons.matrix
    wcs, wus = polygons.mesh.wcs[polygons.rows], polygons.mesh.wus[polygons.rows]
    cs_area = np.bincount(wcs, weights=area, minlength=len(WRITTEN_CS))
    us_area = np.bincount(wus, weights=area, minlength=len(WRITTEN_US))
    cs_count = np.bincount(wcs, minlength=len(WRITTEN_CS))
    us_count = np.bincount(wus, minlength=len(WRITTEN_US))
    name = lambda code: code or "NULL"  # noqa: E731
    return {
        "features": int(len(polygons.rows)),
        "area_m2": float(area.sum()),
        "couverture_m2": {name(c): float(a) for c, a in zip(WRITTEN_CS, cs_area) if a > 0},
        "usage_m2": {name(u): float(a) for u, a in zip(WRITTEN_US, us_area) if a > 0},
        "couverture_count": {name(c): int(n) for c, n in zip(WRITTEN_CS, cs_count) if n},
        "usage_count": {name(u): int(n) for u, n in zip(WRITTEN_US, us_count) if n},
        "lower_case_count": int(polygons.mesh.lower[polygons.rows].sum()),
        "imper_m2": float(area[imper == 1].sum()),
        "imper_indetermine_m2": float(area[imper == -1].sum()),
        "imper_indetermine_count": int((imper == -1).sum()),
        "artif_matrix_m2": float(area[matrix == 1].sum()),
        "artif_matrix_indetermine_m2": float(area[matrix == -1].sum()),
        "artif_matrix_indetermine_count": int((matrix == -1).sum()),
        "artif_m2": float(area[artif].sum()),
        "crit_seuil_count": int(seuil.sum()),
    }


@dataclass
class ZanPiece:
    row1: int
    row2: int
    geom_row: int
    direction: int  # 1 became artificial, -1 desartificialised


def status_by_row(polygons: MillesimePolygons) -> np.ndarray:
    """``artif_status`` spread over every row of the mesh (False where the row is absent)."""
    status = np.zeros(len(polygons.mesh), dtype=bool)
    status[polygons.rows] = artif_status(polygons)[0]
    return status


def zan_pieces(
    mesh: Mesh, pieces: list[Piece], status1: np.ndarray, status2: np.ndarray
) -> list[ZanPiece]:
    """Pieces whose artificialisation status differs between the millésimes: overlay pieces of the
    change zones, plus unchanged polygons whose status moved (none with the matrix alone)."""
    out = []
    for piece in pieces:
        a1, a2 = bool(status1[piece.row1]), bool(status2[piece.row2])
        if a1 != a2:
            out.append(ZanPiece(piece.row1, piece.row2, piece.geom_row, 1 if a2 else -1))
    for row in np.flatnonzero(mesh.in1 & mesh.in2 & (status1 != status2)):
        out.append(ZanPiece(int(row), int(row), int(row), 1 if status2[row] else -1))
    return out


def flow_truth(mesh: Mesh, pieces: list[Piece], zan: list[ZanPiece]) -> dict:
    imper, desimper, artif_m, desartif_m, changed_area, null_area = 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
    changed = 0
    for piece in pieces:
        if not piece.changed(mesh):
            continue
        changed += 1
        area = float(mesh.area[piece.geom_row])
        changed_area += area
        if piece.null_codes:
            null_area += area
        i1, i2 = resolved_imper()[mesh.wcs[piece.row1]], resolved_imper()[mesh.wcs[piece.row2]]
        a1 = resolved_artif()[mesh.wcs[piece.row1], mesh.wus[piece.row1]]
        a2 = resolved_artif()[mesh.wcs[piece.row2], mesh.wus[piece.row2]]
        if piece.null_codes or -1 in (i1, i2, a1, a2):  # kept out of the flows
            continue
        imper += area * (not i1 and i2)
        desimper += area * (i1 and not i2)
        artif_m += area * (not a1 and a2)
        desartif_m += area * (a1 and not a2)
    artif = sum(float(mesh.area[z.geom_row]) for z in zan if z.direction == 1)
    desartif = sum(float(mesh.area[z.geom_row]) for z in zan if z.direction == -1)
    return {
        "diff_features": changed,
        "diff_area_m2": changed_area,
        "diff_null_rows": sum(1 for p in pieces if p.null_codes),
        "diff_null_area_m2": null_area,
        "flux_imper_m2": imper,
        "flux_desimper_m2": desimper,
        "flux_imper_net_m2": imper - desimper,
        "flux_artif_matrix_m2": artif_m,
        "flux_desartif_matrix_m2": desartif_m,
        "flux_artif_m2": artif,
        "flux_desartif_m2": desartif,
        "flux_artif_net_m2": artif - desartif,
        "zan_evol_features": len(zan),
        "unchanged_polygons": int((mesh.in1 & mesh.in2).sum()),
        "overlay_pieces": len(pieces),
    }


def commune_truth(
    territory: Territory,
    mesh: Mesh,
    pieces: list[Piece],
    zan: list[ZanPiece],
    status: tuple[np.ndarray, np.ndarray],
    years: tuple[int, int],
) -> dict:
    """Per commune (its 2018 outline, projected): OCS GE area, imper and artif stocks per
    millésime and the flows, from polygon ∩ commune areas."""
    communes = territory.communes
    env = np.array([c.geometry.GetEnvelope() for c in communes])  # minx, maxx, miny, maxy
    prepared = {}

    def shares(row: int) -> list[tuple[int, float]]:
        minx, miny, maxx, maxy = mesh.bbox[row]
        hits = np.flatnonzero(
            (env[:, 0] <= maxx) & (env[:, 1] >= minx) & (env[:, 2] <= maxy) & (env[:, 3] >= miny)
        )
        if not len(hits):
            return []
        geom = prepared.get(row)
        if geom is None:
            geom = prepared[row] = ogr.CreateGeometryFromWkb(mesh.wkb(row))
        out = []
        for k in hits:
            part = geom.Intersection(communes[k].geometry)
            if part is not None and not part.IsEmpty():
                area = part.GetArea()
                if area > 0:
                    out.append((int(k), area))
        return out

    def empty() -> dict:
        return {
            "ocsge_m2": 0.0,
            "imper_m2": 0.0,
            "artif_m2": 0.0,
            "artif_matrix_m2": 0.0,
            "indetermine_m2": 0.0,
        }

    result = {
        c.code: {
            "nom": c.nom,
            "surface_m2": c.geometry.GetArea(),
            str(years[0]): empty(),
            str(years[1]): empty(),
            "flux": {"imper_m2": 0.0, "desimper_m2": 0.0, "artif_m2": 0.0, "desartif_m2": 0.0},
        }
        for c in communes
    }
    for which, year in ((1, years[0]), (2, years[1])):
        present = mesh.in1 if which == 1 else mesh.in2
        for row in np.flatnonzero(present):
            imper = resolved_imper()[mesh.wcs[row]] == 1
            matrix = resolved_artif()[mesh.wcs[row], mesh.wus[row]]
            artif = bool(status[which - 1][row])
            for k, area in shares(int(row)):
                entry = result[communes[k].code][str(year)]
                entry["ocsge_m2"] += area
                entry["imper_m2"] += area * imper
                entry["artif_m2"] += area * artif
                entry["artif_matrix_m2"] += area * (matrix == 1)
                entry["indetermine_m2"] += area * (matrix == -1)
    for piece in pieces:
        if not piece.changed(mesh) or piece.null_codes:
            continue
        i1, i2 = resolved_imper()[mesh.wcs[piece.row1]], resolved_imper()[mesh.wcs[piece.row2]]
        if i1 == i2 or -1 in (i1, i2):
            continue
        for k, area in shares(piece.geom_row):
            result[communes[k].code]["flux"]["imper_m2" if i2 else "desimper_m2"] += area
    for z in zan:
        for k, area in shares(z.geom_row):
            key = "artif_m2" if z.direction == 1 else "desartif_m2"
            result[communes[k].code]["flux"][key] += area
    return result


# --------------------------------------------------------------------------------------------------
# Orchestration
# --------------------------------------------------------------------------------------------------


@dataclass
class Generated:
    """Everything computed in memory before writing."""

    territory: Territory
    layout: Layout
    mesh: Mesh
    pieces: list[Piece]
    events: dict[str, int]
    seed: int

    @property
    def years(self) -> tuple[int, int]:
        return self.territory.spec.millesimes


def build(
    dep: str, polygons: int, seed: int, data_dir: Path | None = None, vertices: int | None = None
) -> Generated:
    """The mesh of both millésimes, in memory (no file written). ``vertices``: mean vertex count per
    rectangle wanted (points inserted on every lattice edge); None keeps the lattice nodes only."""
    spec = DEPARTEMENTS[dep]
    territory = load_territory(spec, data_dir)
    layout = calibrate_layout(territory, polygons, seed)
    lattice = build_lattice(layout.grid, seed)
    mesh = mesh_from_layout(layout, lattice)
    if vertices:
        edges = float(np.mean(2 * (mesh.w + mesh.h)))
        lattice.steps = max(1, round(vertices / edges))
    clip_boundary(mesh, territory.outline)
    add_islands(mesh, layout.islands, stage_rng(seed, "island-shapes"))
    mesh.flush()
    changes = ChangeBuilder(mesh, layout.status, layout.cls, seed)
    events = changes.run(int(mesh.in1.sum()))
    build_geometry(mesh)
    assign_ids(mesh)
    messy_codes(mesh, changes.pieces, seed, layout.forced)
    return Generated(territory, layout, mesh, changes.pieces, events, seed)


ANTHROPISE_OR_NATURAL = frozenset(
    {
        "CS1.1.1.1",
        "CS1.1.1.2",
        "CS1.1.2.2",
        "CS1.2.1",
        "CS1.2.2",
        "CS1.2.3",
        "CS2.1.1.1",
        "CS2.1.1.2",
        "CS2.1.1.3",
        "CS2.1.2",
        "CS2.1.3",
    }
)


def _variants(
    cs: str, us: str, stable: bool, null_cs: bool
) -> list[tuple[str | None, str | None, bool]]:
    """The ways a delivery may write a leaf pair: (couverture, usage, lower case). A status they
    leave undetermined is only offered on a ``stable`` polygon (no change touches it); a null
    couverture only when ``null_cs``."""
    out = [(cs, us, True)]  # lower case
    if cs in PARENT_LEAVES["CS2.1.1"]:
        out.append(("CS2.1.1", us, False))  # formations arborées, species not told
    if cs in PARENT_LEAVES["CS2.2"]:
        out.append(("CS2.2", us, False))  # both herbaceous leaves have the same row of the matrix
    if us in PARENT_LEAVES["US4.1"]:
        out.append((cs, "US4.1", False))
    if us in PARENT_LEAVES["US6"] and cs not in PARENT_LEAVES["CS2.2"]:
        out.append((cs, "US6", False))
    if cs in ANTHROPISE_OR_NATURAL:
        out.append((cs, INDETERMINE, False))  # the couverture decides whatever the usage
    if stable:
        if cs in PARENT_LEAVES["CS2.2"] or cs == "CS1.1.2.1":
            out.append((cs, INDETERMINE, False))  # undetermined: the usage decides
            out.append((cs, None, False))
        if null_cs:
            out.append((None, us, False))  # a null couverture: undetermined
    return out


def _touched_variant(cs: str, us: str) -> tuple[str | None, str | None, bool]:
    """How a polygon that a change touches is written: a function of its leaf pair, one-to-one,
    so that two polygons are written alike exactly when their leaves are alike (a change stays a
    change), and every status stays determined (the flows are known)."""
    lower = (cs, us) == ("CS1.1.1.1", "US5")
    if cs in (
        "CS2.1.1.1",
        "CS2.2.2",
    ):  # the other leaves under CS2.1.1 / CS2.2 stay written as leaves
        cs = "CS2.1.1" if cs == "CS2.1.1.1" else "CS2.2"
    natural = cs.startswith(("CS1.2", "CS2.1"))  # never artificialised: any usage
    if (us == "US6.1" and cs.startswith("CS1.1")) or (
        us == "US6.3" and natural
    ):  # one US6 leaf per couverture
        us = "US6"
    elif us == "US4.1.1" and cs == "CS1.1.1.2":
        us = "US4.1"
    elif (cs, us) == ("CS1.1.1.1", "US3"):
        us = INDETERMINE
    return cs, us, lower


def messy_codes(mesh: Mesh, pieces: list[Piece], seed: int, forced: np.ndarray) -> None:
    """Choose the codes as written (``mesh.wcs``, ``mesh.wus``, ``mesh.lower``): on polygons a
    change touches, ``_touched_variant``; elsewhere the leaf, except for ``MESSY_RATE`` of the
    polygons (a variant of ``_variants``, drawn at random); the ``forced`` polygons of the layout
    (every cell of the matrix, every leaf) keep their leaves."""
    rng = stage_rng(seed, "messy-codes")
    n = len(mesh)
    mesh.wcs = mesh.cs.astype(np.int16).copy()
    mesh.wus = mesh.us.astype(np.int16).copy()
    mesh.lower = np.zeros(n, dtype=bool)
    touched = np.zeros(n, dtype=bool)
    for piece in pieces:
        touched[piece.row1] = touched[piece.row2] = True
    stable = mesh.in1 & mesh.in2 & ~touched
    for row in np.flatnonzero(touched).tolist():
        cs, us, lower = _touched_variant(CS_CODES[mesh.cs[row]], US_CODES[mesh.us[row]])
        mesh.wcs[row], mesh.wus[row], mesh.lower[row] = WCS[cs], WUS[us], lower
    draws = rng.random(n)
    picks = rng.random(n)
    keep = touched.copy()
    keep[: len(forced)] |= forced
    for row in np.flatnonzero((draws < MESSY_RATE) & ~keep).tolist():
        variants = _variants(
            CS_CODES[mesh.cs[row]],
            US_CODES[mesh.us[row]],
            bool(stable[row]),
            draws[row] < MESSY_RATE / 4,
        )
        cs, us, lower = variants[int(picks[row] * len(variants))]
        mesh.wcs[row], mesh.wus[row], mesh.lower[row] = WCS[cs], WUS[us], lower


def diff_records(generated: Generated) -> Iterator[tuple[list, bytes]]:
    mesh = generated.mesh
    for piece in generated.pieces:
        if not piece.changed(mesh):
            continue
        values: list = [*mesh.written(piece.row1), *mesh.written(piece.row2)]
        if piece.null_codes == "avant":
            values[0] = values[1] = None
        elif piece.null_codes == "apres":
            values[2] = None
        yield values, mesh.wkb(piece.geom_row)


def diff_fields(years: tuple[int, int], naming: str) -> list[FieldSpec]:
    y1, y2 = years
    names = (
        [f"CS_{y1}", f"US_{y1}", f"CS_{y2}", f"US_{y2}"]
        if naming == "years"
        else ["cs_avant", "us_avant", "cs_apres", "us_apres"]
    )
    return [FieldSpec(name, ogr.OFTString, 12) for name in names]


def zan_records(generated: Generated, zan: list[ZanPiece]) -> Iterator[tuple[list, bytes]]:
    mesh = generated.mesh
    for z in zan:
        before = "artif" if z.direction == -1 else "non artif"
        after = "artif" if z.direction == 1 else "non artif"
        yield (
            [*mesh.written(z.row1), before, *mesh.written(z.row2), after, z.direction],
            mesh.wkb(z.geom_row),
        )


def zan_fields(years: tuple[int, int]) -> list[FieldSpec]:
    y1, y2 = years
    return [
        FieldSpec(f"cs_{y1}", ogr.OFTString, 12),
        FieldSpec(f"us_{y1}", ogr.OFTString, 12),
        FieldSpec(f"artif_{y1}", ogr.OFTString, 9),
        FieldSpec(f"cs_{y2}", ogr.OFTString, 12),
        FieldSpec(f"us_{y2}", ogr.OFTString, 12),
        FieldSpec(f"artif_{y2}", ogr.OFTString, 9),
        FieldSpec("artificialisation", ogr.OFTInteger),
    ]


def write_delivery(
    generated: Generated,
    delivery: Delivery,
    staging: Path,
    zan: list[ZanPiece],
    code_fields: str,
    no_prj_for: str | None,
) -> None:
    spec = generated.territory.spec
    srs = projected_srs(spec.epsg)
    mesh = generated.mesh
    folder = delivery.data_dir(staging)
    fmt = delivery.fmt
    written: list[tuple[Path, str, int, list[FieldSpec]]] = []

    def emit(stem: str, layer: str, fields: list[FieldSpec], records: Iterable) -> None:
        path = layer_path(folder, stem, fmt)
        count = write_layer(path, layer, srs, fields, records, fmt)
        written.append((path, layer, count, fields))

    if delivery.kind == "occupation":
        year = delivery.millesimes[0]
        which = 1 if year == generated.years[0] else 2
        polygons = millesime_polygons(mesh, year, which)
        style = "shp" if fmt == "SHP" else ("couverture" if code_fields == "couverture" else "gpkg")
        emit(
            "OCCUPATION_SOL",
            "OCCUPATION_SOL",
            occupation_fields(style),
            occupation_records(mesh, polygons),
        )
        zones = zone_construite(
            generated.territory,
            generated.layout.grid,
            generated.layout.cls,
            1.0 if which == 1 else 1.05,
        )
        zc_fields = [FieldSpec("ID", ogr.OFTString, 24)]
        emit(
            "ZONE_CONSTRUITE",
            "ZONE_CONSTRUITE",
            zc_fields,
            (
                [[f"ZONCONST{year}{n:08d}"], bytes(g.ExportToIsoWkb())]
                for n, g in enumerate(zones, 1)
            ),
        )
    elif delivery.kind in ("diff", "diff_avant_apres"):
        naming = "years" if delivery.kind == "diff" else "avant_apres"
        emit(
            "DIFFERENCE",
            "DIFFERENCE",
            diff_fields(generated.years, naming),
            diff_records(generated),
        )
    elif delivery.kind == "artif":
        year = delivery.millesimes[0]
        which = 1 if year == generated.years[0] else 2
        name = f"artif_{year}_{spec.dep3}"
        emit(name, name, ARTIF_FIELDS, artif_records(mesh, millesime_polygons(mesh, year, which)))
    elif delivery.kind == "artif_diff":
        y1, y2 = generated.years
        name = f"zan_evol_{y1}_{y2}_{spec.dep3}"
        emit(name, name, zan_fields(generated.years), zan_records(generated, zan))
    if fmt == "SHP":
        delivery.has_prj = delivery.name != no_prj_for
        if not delivery.has_prj:
            for path, *_ in written:
                path.with_suffix(".prj").unlink(missing_ok=True)
    root = delivery.root(staging)
    for path, layer, count, fields in written:
        delivery.files.append(
            {
                "path": str(path.relative_to(root.parent)),
                "layer": layer,
                "features": count,
                "fields": [f.name for f in fields],
                "geometry_column": "the_geom" if fmt == "GPKG" else None,
                "companions": ([p.suffix for p in shp_companions(path)] if fmt == "SHP" else None),
                "sha256": {
                    p.name: sha256_file(p)
                    for p in (shp_companions(path) if fmt == "SHP" else [path])
                },
            }
        )
    write_metadata(delivery, staging, spec)


def remove_previous(out: Path, spec: DepartementSpec) -> None:
    """Delete this département's deliveries (archives or folders) left by an earlier run."""
    token = f"_D{spec.dep3}_"
    for path in sorted(out.glob("OCS-GE*")):
        if token not in path.name:
            continue
        if path.is_dir():
            shutil.rmtree(path)
        elif path.suffix == ".7z":
            path.unlink()
    shutil.rmtree(out / ".staging", ignore_errors=True)


def no_prj_delivery(spec: DepartementSpec, deliveries: list[Delivery]) -> str | None:
    """La Réunion: the first millésime's SHP occupation comes without its .prj (CRS from the
    RGR92UTM40S token of the archive name)."""
    if spec.code != "974":
        return None
    for delivery in deliveries:
        if delivery.kind == "occupation" and delivery.fmt == "SHP":
            return delivery.name
    return None


def reusable_manifest(out: Path, parameters: dict) -> dict | None:
    """The manifest already in ``out`` when it was generated with the same parameters (and this
    manifest version) and every delivery it lists is still there; None otherwise."""
    path = out / "manifest.json"
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("manifest_version") != MANIFEST_VERSION:
        return None
    if any(manifest.get(key) != value for key, value in parameters.items()):
        return None
    if not all((out / item["path"]).exists() for item in manifest.get("items", [])):
        return None
    return manifest


def generate(
    dep: str = "90",
    polygons: int = 3000,
    seed: int = 1,
    out: str | Path = "sample",
    archive: bool = True,
    flavour: str = "both",
    code_fields: str = "code_cs",
    with_commune_truth: bool | None = None,
    data_dir: str | Path | None = None,
    timings: dict[str, float] | None = None,
    reuse: bool = False,
    vertices: int | None = None,
) -> dict:
    """Generate one département's deliveries into ``out`` and return the manifest (also written
    to ``out/manifest.json``).

    ``archive=False`` leaves the unpacked delivery folders instead of 7z archives. ``flavour`` is
    'gpkg', 'shp' or 'both'. ``code_fields='couverture'`` spells the GPKG code columns
    ``couverture`` / ``usage``. Per-commune truth is computed by default when polygons <= 20,000.
    ``reuse=True`` returns the manifest already in ``out`` when it matches these parameters.
    ``vertices``: mean vertex count per polygon wanted (IGN's deliveries: a few dozen; the benchmark
    uses 32); None: the lattice nodes only (about 10).
    """
    if dep not in DEPARTEMENTS:
        raise ValueError(f"unknown département {dep!r}; known: {sorted(DEPARTEMENTS)}")
    if flavour not in ("gpkg", "shp", "both"):
        raise ValueError(f"unknown flavour {flavour!r}")
    timings = {} if timings is None else timings
    out = Path(out).resolve()  # absolute: 7-Zip runs in the staging folder
    if with_commune_truth is None:
        with_commune_truth = polygons <= 20000
    if reuse:
        parameters = {
            "departement": dep,
            "polygons_target": polygons,
            "seed": seed,
            "flavour": flavour,
            "archived": archive,
            "code_fields": code_fields,
            "commune_truth": with_commune_truth,
            "vertices": vertices,
        }
        existing = reusable_manifest(out, parameters)
        if existing is not None:
            timings["reused"] = 1.0
            return existing
    out.mkdir(parents=True, exist_ok=True)
    spec = DEPARTEMENTS[dep]
    with gdal_session():
        started = time.perf_counter()
        generated = build(dep, polygons, seed, Path(data_dir) if data_dir else None, vertices)
        timings["build_s"] = time.perf_counter() - started
        mesh = generated.mesh
        years = generated.years
        poly1 = millesime_polygons(mesh, years[0], 1)
        poly2 = millesime_polygons(mesh, years[1], 2)
        status1, status2 = status_by_row(poly1), status_by_row(poly2)
        zan = zan_pieces(mesh, generated.pieces, status1, status2)

        started = time.perf_counter()
        deliveries = deliveries_for(spec, flavour)
        no_prj = no_prj_delivery(spec, deliveries)
        remove_previous(out, spec)
        staging = out / ".staging" if archive else out
        staging.mkdir(parents=True, exist_ok=True)
        items = []
        for delivery in deliveries:
            if delivery.root(staging).exists():
                shutil.rmtree(delivery.root(staging))
            write_delivery(generated, delivery, staging, zan, code_fields, no_prj)
            item = manifest_item(delivery, spec)
            if archive:
                path = pack(staging, delivery, out)
                item["path"] = path.name
                item["sha256"] = sha256_file(path)
                shutil.rmtree(delivery.root(staging))
            else:
                set_fixed_times(delivery.root(staging))
                item["path"] = delivery.name
            items.append(item)
        if archive:
            shutil.rmtree(staging, ignore_errors=True)
        timings["write_s"] = time.perf_counter() - started

        started = time.perf_counter()
        truth = {
            str(years[0]): stock_truth(poly1),
            str(years[1]): stock_truth(poly2),
            "flows": {f"{years[0]}-{years[1]}": flow_truth(mesh, generated.pieces, zan)},
        }
        if with_commune_truth:
            truth["communes"] = commune_truth(
                generated.territory, mesh, generated.pieces, zan, (status1, status2), years
            )
        timings["truth_s"] = time.perf_counter() - started
    manifest = {
        "manifest_version": MANIFEST_VERSION,
        "generator": "scripts/sample_generator.py",
        "seed": seed,
        "departement": spec.code,
        "dep3": spec.dep3,
        "crs_token": spec.crs_token,
        "epsg": spec.epsg,
        "millesimes": list(years),
        "polygons_target": polygons,
        "flavour": flavour,
        "archived": archive,
        "code_fields": code_fields,
        "commune_truth": with_commune_truth,
        "vertices": vertices,
        "conventions": CONVENTIONS,
        "departement_area_m2": generated.territory.area,
        "mesh": {
            "block_m": generated.layout.grid.block,
            "fine_cell_m": generated.layout.grid.fine,
            "fine_cells_per_block": K,
            "steps_per_edge": generated.mesh.lattice.steps,
            "islands": len(generated.layout.islands),
            "events": generated.events,
        },
        "items": items,
        "truth": truth,
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


def manifest_item(delivery: Delivery, spec: DepartementSpec) -> dict:
    return {
        "name": delivery.name,
        "kind": delivery.kind,
        "format": delivery.fmt,
        "departement": spec.code,
        "millesimes": list(delivery.millesimes),
        "crs_token": spec.crs_token,
        "epsg": spec.epsg,
        "has_prj": delivery.has_prj,
        "files": delivery.files,
    }


# --------------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dep", default="90", choices=sorted(DEPARTEMENTS))
    parser.add_argument(
        "--polygons",
        type=int,
        default=3000,
        help="target polygon count per millésime (default 3000)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument(
        "--no-archive",
        action="store_true",
        help="leave the unpacked delivery folders instead of 7z archives",
    )
    parser.add_argument("--flavour", choices=("gpkg", "shp", "both"), default="both")
    parser.add_argument(
        "--code-fields",
        choices=("code_cs", "couverture"),
        default="code_cs",
        help="spelling of the GPKG OCCUPATION_SOL code columns",
    )
    truth = parser.add_mutually_exclusive_group()
    truth.add_argument("--commune-truth", dest="commune_truth", action="store_true", default=None)
    truth.add_argument("--no-commune-truth", dest="commune_truth", action="store_false")
    parser.add_argument(
        "--data-dir", help="folder with the outlines (default: tests/data, then bench/data)"
    )
    parser.add_argument(
        "--vertices",
        type=int,
        help="mean vertex count per polygon (points inserted on the lattice edges; "
        "default: the lattice nodes only)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="do nothing when OUT already holds a generation with these parameters",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    manifest = generate(
        args.dep,
        args.polygons,
        args.seed,
        args.out,
        archive=not args.no_archive,
        flavour=args.flavour,
        code_fields=args.code_fields,
        with_commune_truth=args.commune_truth,
        data_dir=args.data_dir,
        timings=timings,
        reuse=args.reuse,
        vertices=args.vertices,
    )
    total = time.perf_counter() - started
    if timings.get("reused"):
        print(f"{args.out}: already generated with these parameters, reused")
        return 0
    years = manifest["millesimes"]
    counts = [manifest["truth"][str(y)]["features"] for y in years]
    print(
        f"D{manifest['dep3']} {years[0]}/{years[1]}: {counts[0]} / {counts[1]} polygons, "
        f"{len(manifest['items'])} deliveries in {args.out}"
    )
    print(
        "timings: "
        + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items())
        + f", total {total:.1f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
