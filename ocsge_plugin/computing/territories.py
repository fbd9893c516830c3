"""Territories: OCS GE stocks and flows summed per territory, and the roll-up to higher levels.

The only geometric step of the domain (domain.md §4): OCS GE polygon ∩ territory polygon, area summed
per territory, in the data's projected CRS (territories are reprojected to it). Percentages are over the
full territory area; the share of the territory covered by OCS GE is reported beside them.

Public API (stable)
-------------------
``TerritorySet.from_layer(layer, code_field, name_field, keep_fields=(), feedback=None)``
    territory polygons in any CRS; invalid geometries repaired, duplicate codes merged (both reported).
``describe_source(layer, method='auto') -> Source | None``
    what a layer is (by its fields): a stock layer (``occupation``: raw codes; ``artif``: IGN's
    artificialisation; ``classified``: ``ocsge:classify`` output with ``artif``/``imper``) or a flow layer
    (``difference``, ``artif_diff``, ``flows``: ``ocsge:flows`` output), with département and millésime(s).
``sources_from_layers(layers, method) -> (sources, notes)`` / ``select_sources(sources, method)``
    one stock layer per (département, millésime) and one flow source per pair (GeoPackage and Shapefile
    copies, IGN's layers versus the occupation du sol…); IGN's artificialisation difference gives the
    artificialisation flows and the difference layer the imperméabilisation flows when both are there.
``aggregate(territories, sources, method='auto', coverage=True, feedback=None, overlay=None) -> AggregateResult``
    one streaming pass per source; ``AggregateResult.table`` is a pandas DataFrame (m²) with one row
    per territory and pair of millésimes (``TABLE_COLUMNS``), combined by index across départements.
    ``overlay_flows(method)`` gives the ``overlay`` callable (flows of two millésimes by the flow core).
``Membership.from_csv(path)`` / ``Membership.from_table(df)`` and
``rollup(communes, membership=None, levels=…, feedback=None) -> RollupResult``
    commune rows → EPCI, SCoT, département, région (sums; percentages as Σ surface ÷ Σ commune area);
    ``commune_table(result)`` the communes with their membership codes, ``dissolve(members, geometries)``
    the outlines of a level.
``to_unit(df, unit)``: m² → 'ha' / 'm2' (surfaces and flows; percentages unchanged).
``wkb_area_bbox(blobs) -> (areas, boxes)``: planar areas and bounding boxes of WKB polygons (numpy).

Errors: ``TerritoryError`` (translated message for the user), ``Canceled``.

How it stays fast (issue 7): features are read in batches through OGR's Arrow interface when the layer
is a file (GeoPackage, Shapefile; for the renaming VRTs ``ocsge:load`` writes, their source file is read
directly: GDAL's generic VRT Arrow reader is 4–5× slower), else through the QGIS provider (also for
boolean fields: GDAL 3.6.2's ``GetArrowStreamAsNumPy`` decodes bit-packed booleans wrongly); only the
needed attributes are read; the couverture × usage matrix is a lookup per distinct pair of codes; the
WKB is parsed with numpy (areas by the shoelace formula, bounding boxes) and each polygon is placed by a
raster of the territories (cells that no territory boundary crosses belong wholly to one territory): a
polygon whose bounding box lies in such cells costs nothing more than its area. Only polygons near a
territory boundary go to GEOS (prepared containment test, then intersection), and their answer is kept
(by WKB hash) for the next millésime, where most polygons are identical. Polygons that are neither
artificialised nor impermeable only count for the coverage (``coverage=False`` skips them). Memory is
bounded by the number of territories, classes and boundary polygons, not by the number of polygons.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

import numpy as np
import pandas as pd
from osgeo import gdal, ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
    QgsSpatialIndex,
    QgsVectorLayer,
    QgsWkbTypes,
)

from qgis.PyQt.QtCore import QVariant

from .. import reading
from ..errors import Canceled, OcsgeError
from ..i18n import plural, tr
from ..nomenclature import departements, normalise_code, regions
from ..rules import DEFAULT_CONVENTION
from .codes import NO, UNKNOWN, YES, is_null, pair_status, parse_bool, parse_ign_artif_or_bool
from .progress import ScaledFeedback

gdal.UseExceptions()

LEVELS = ("commune", "epci", "scot", "departement", "region")

# The long table (m²): one row per territory and pair of millésimes.
TABLE_COLUMNS = [
    "code",
    "nom",
    "index_debut",
    "index_fin",
    "millesime_debut",
    "millesime_fin",
    "surface",  # territory area
    "surface_couverte",  # covered by OCS GE at millesime_fin
    "pourcent_couvert",
    "surface_artif",
    "pourcent_artif",
    "surface_imper",
    "pourcent_imper",
    "surface_artif_debut",
    "surface_imper_debut",
    "surface_couverte_debut",
    "flux_artif",
    "flux_desartif",
    "flux_artif_net",
    "flux_imper",
    "flux_desimper",
    "flux_imper_net",
    "surface_indeterminee",  # polygons of unknown status at millesime_fin (the leaves under their codes disagree)
    "flux_indetermine",  # change pieces whose flows cannot be told (kept out of the flows)
    "polygones_repares",  # invalid OCS GE polygons repaired for the intersection with the territory
    "inconnu",  # what is not known: 'stock' / 'flux' (a commune), '… partiel' (a level partly unknown)
]
TEXT_COLUMNS = ("code", "nom", "millesime_debut", "millesime_fin", "inconnu")
SURFACE_COLUMNS = [c for c in TABLE_COLUMNS if c.startswith(("surface", "flux_"))]  # m², converted by to_unit
NUMBER_COLUMNS = [c for c in TABLE_COLUMNS if c not in TEXT_COLUMNS and c not in ("index_debut", "index_fin")]
UNITS = {"ha": 1e-4, "m2": 1.0}

# Établissements publics territoriaux of the Métropole du Grand Paris: not EPCI à fiscalité propre.
# Their communes belong to the Métropole du Grand Paris (SIREN 200054781). Detected by a nature column
# ('EPT') when the membership table has one, else by this list of their SIREN codes.
MGP_CODE = "200054781"
EPT_CODES = frozenset(
    {
        "200057966", "200057974", "200057982", "200057990", "200057867", "200058097",
        "200057875", "200058790", "200057941", "200058006", "200058014",
    }
)

BATCH = 65536


class TerritoryError(OcsgeError):
    """Bad input, explained to the user (already translated)."""


def departement_of_commune(code: str) -> Optional[str]:
    """The département of an INSEE commune code ('90010' → '90', '97411' → '974', '2A004' → '2A')."""
    code = (code or "").strip().upper()
    if len(code) != 5:
        return None
    return code[:3] if code.startswith("97") else code[:2]


# ------------------------------------------------------------------------------- feedback


class _Step(ScaledFeedback):
    """Progress of a sub-step mapped into [start, end] of the parent's range (a feedback for another
    core's 0–100 % progress too); ``check`` raises Canceled."""

    def check(self) -> None:
        if self.isCanceled():
            raise Canceled()


# ------------------------------------------------------------------------------------ WKB


def _u32(u8: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Little-endian uint32 read at byte positions ``pos`` (no alignment needed)."""
    return (
        u8[pos].astype(np.uint32)
        | (u8[pos + 1].astype(np.uint32) << 8)
        | (u8[pos + 2].astype(np.uint32) << 16)
        | (u8[pos + 3].astype(np.uint32) << 24)
    )


def _joined(wkbs: Sequence[Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray, bytes]:
    """(u8 view, start offsets, lengths, the joined bytes) of a sequence of WKB blobs (None → empty)."""
    if isinstance(wkbs, np.ndarray) and wkbs.dtype.kind == "V" and not np.ma.isMaskedArray(wkbs):
        size = wkbs.dtype.itemsize
        joined = wkbs.tobytes()
        n = wkbs.shape[0]
        return np.frombuffer(joined, np.uint8), np.arange(n, dtype=np.int64) * size, np.full(n, size, np.int64), joined
    if np.ma.isMaskedArray(wkbs):
        mask = np.ma.getmaskarray(wkbs)
        data = wkbs.data
        blobs = data.tolist() if not mask.any() else [b"" if m else b for b, m in zip(data.tolist(), mask.tolist())]
    else:
        blobs = wkbs.tolist() if isinstance(wkbs, np.ndarray) else list(wkbs)
    try:
        joined = b"".join(blobs)
    except TypeError:  # None, numpy voids…
        blobs = [b if isinstance(b, bytes) else (bytes(b) if b is not None else b"") for b in blobs]
        joined = b"".join(blobs)
    lengths = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
    starts = np.zeros(len(blobs), dtype=np.int64)
    if len(blobs) > 1:
        np.cumsum(lengths[:-1], out=starts[1:])
    return np.frombuffer(joined, np.uint8), starts, lengths, joined


def wkb_area_bbox(wkbs: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Planar area and bounding box (xmin, ymin, xmax, ymax) of each polygon WKB blob.

    Single-ring 2D little-endian (Multi)Polygons, the vast majority in OCS GE, are parsed with numpy
    (shoelace formula on coordinates taken relative to the ring's first vertex, for precision); the
    others (holes, several parts, Z/M, other byte order) go through OGR. Empty or null → area 0, NaN box.
    """
    n = len(wkbs)
    area = np.zeros(n, dtype=np.float64)
    bbox = np.full((n, 4), np.nan, dtype=np.float64)
    if n == 0:
        return area, bbox
    u8, starts, lengths, joined = _joined(wkbs)
    ok = lengths >= 13
    simple_poly = np.zeros(n, dtype=bool)
    simple_multi = np.zeros(n, dtype=bool)
    idx = np.nonzero(ok)[0]
    if idx.size:
        s = starts[idx]
        little = u8[s] == 1
        gtype = np.where(little, _u32(u8, s + 1), 0)
        # Polygon: 1 ring, length 13 + 16 n.
        cand = little & (gtype == 3)
        if cand.any():
            c = idx[cand]
            rings = _u32(u8, starts[c] + 5)
            npts = _u32(u8, starts[c] + 9).astype(np.int64)
            good = (rings == 1) & (lengths[c] == 13 + 16 * npts)
            simple_poly[c[good]] = True
        # MultiPolygon: 1 polygon of 1 ring, length 22 + 16 n.
        cand = little & (gtype == 6) & (lengths[idx] >= 22)
        if cand.any():
            c = idx[cand]
            parts = _u32(u8, starts[c] + 5)
            inner_little = u8[starts[c] + 9] == 1
            inner_type = _u32(u8, starts[c] + 10)
            rings = _u32(u8, starts[c] + 14)
            npts = _u32(u8, starts[c] + 18).astype(np.int64)
            good = (parts == 1) & inner_little & (inner_type == 3) & (rings == 1) & (lengths[c] == 22 + 16 * npts)
            simple_multi[c[good]] = True
    simple = simple_poly | simple_multi
    sidx = np.nonzero(simple)[0]
    if sidx.size:
        coord_start = np.where(simple_poly[sidx], starts[sidx] + 13, starts[sidx] + 22)
        npts = (lengths[sidx] - np.where(simple_poly[sidx], 13, 22)) // 16
        shift = coord_start % 8
        for k in np.unique(shift).tolist():
            mask = shift == k
            sel = slice(None) if mask.all() else np.nonzero(mask)[0]
            x, y = _gather_coords(joined, coord_start[sel], npts[sel], int(k))
            ring_area, boxes = _ring_area_bbox(x, y, npts[sel])
            area[sidx[sel]] = np.abs(ring_area)
            bbox[sidx[sel]] = boxes
    # Everything else through OGR.
    for i in np.nonzero(ok & ~simple)[0]:
        blob = joined[starts[i]: starts[i] + lengths[i]]
        try:
            geometry = ogr.CreateGeometryFromWkb(blob)
        except Exception:  # noqa: BLE001 - unreadable WKB: no area
            continue
        if geometry is None or geometry.IsEmpty():
            continue
        area[i] = geometry.GetArea()
        x0, x1, y0, y1 = geometry.GetEnvelope()
        bbox[i] = (x0, y0, x1, y1)
    return area, bbox


def _gather_coords(joined: bytes, coord_start: np.ndarray, npts: np.ndarray, shift: int) -> tuple[np.ndarray, np.ndarray]:
    """x, y of consecutive rings whose doubles start at byte ``coord_start`` (all ≡ ``shift`` mod 8)."""
    counts = npts * 2
    total = int(counts.sum())
    if total == 0:
        return np.empty(0), np.empty(0)
    view = np.frombuffer(joined, dtype="<f8", count=(len(joined) - shift) // 8, offset=shift)
    word0 = (coord_start - shift) // 8
    # index of every double: runs of consecutive words, built with one cumulative sum
    steps = np.ones(total, dtype=np.int64)
    ends = np.cumsum(counts)
    steps[0] = word0[0]
    if counts.size > 1:
        steps[ends[:-1]] = word0[1:] - (word0[:-1] + counts[:-1] - 1)
    values = view[np.cumsum(steps)]
    return values[0::2], values[1::2]


def _ring_area_bbox(x: np.ndarray, y: np.ndarray, npts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Signed shoelace area and bounding box of consecutive rings of ``npts`` vertices."""
    m = npts.size
    first = np.zeros(m, dtype=np.int64)
    if m > 1:
        np.cumsum(npts[:-1], out=first[1:])
    nonempty = npts > 0
    x0 = np.repeat(np.where(nonempty, x[np.minimum(first, max(x.size - 1, 0))] if x.size else 0.0, 0.0), npts)
    y0 = np.repeat(np.where(nonempty, y[np.minimum(first, max(y.size - 1, 0))] if y.size else 0.0, 0.0), npts)
    dx, dy = x - x0, y - y0
    cross = np.zeros(x.size, dtype=np.float64)
    if x.size > 1:
        cross[:-1] = dx[:-1] * dy[1:] - dx[1:] * dy[:-1]
    last = first + npts - 1
    cross[last[nonempty]] = 0.0  # the term joining a ring to the next one
    area = np.zeros(m, dtype=np.float64)
    boxes = np.full((m, 4), np.nan, dtype=np.float64)
    if nonempty.any():
        f = first[nonempty]
        area[nonempty] = 0.5 * np.add.reduceat(cross, f)
        boxes[nonempty, 0] = np.minimum.reduceat(x, f)
        boxes[nonempty, 1] = np.minimum.reduceat(y, f)
        boxes[nonempty, 2] = np.maximum.reduceat(x, f)
        boxes[nonempty, 3] = np.maximum.reduceat(y, f)
    # reduceat over an empty ring would read the next one: empty rings were excluded above
    return area, boxes


# ------------------------------------------------------------------------- classification

def _text(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _factorize(values: Any) -> tuple[np.ndarray, list]:
    """Integer codes and the distinct values of a column (masked / None → its own value None)."""
    if np.ma.isMaskedArray(values):
        mask = np.ma.getmaskarray(values)
        data = np.asarray(values.data, dtype=object)
        data[mask] = None
        values = data
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    uniques = [_text(u) for u in uniques]
    if (codes < 0).any():
        codes = np.where(codes < 0, len(uniques), codes)
        uniques.append(None)
    return np.asarray(codes, dtype=np.int64), uniques


def lookup_values(values: Any, parse: Callable[[Any], int]) -> np.ndarray:
    """``parse`` (value → 1 / 0 / -1) applied once per distinct value of a column."""
    codes, uniques = _factorize(values)
    table = np.array([parse(u) for u in uniques] or [UNKNOWN], dtype=np.int8)
    return table[codes]


def lookup_imper(cs: Any, convention: str = DEFAULT_CONVENTION) -> np.ndarray:
    """Imperméabilisé (1 / 0 / -1 indéterminé) of each couverture code, by ``rules.resolve``."""
    return lookup_values(cs, lambda code: pair_status(code, None, convention)[0])


def lookup_artif(cs: Any, us: Any, convention: str = DEFAULT_CONVENTION) -> np.ndarray:
    """Artificialisé by the matrix (1 / 0 / -1) of each (couverture, usage) pair, by ``rules.resolve``
    once per distinct pair of values."""
    c_codes, c_uniques = _factorize(cs)
    u_codes, u_uniques = _factorize(us)
    cn = [normalise_code(u) for u in c_uniques]
    un = [normalise_code(u) for u in u_uniques]
    table = np.full((max(len(cn), 1), max(len(un), 1)), UNKNOWN, dtype=np.int8)
    for i, c in enumerate(cn):
        for j, u in enumerate(un):
            table[i, j] = pair_status(c, u, convention)[1]
    return table[c_codes, u_codes]


def parse_sign(value: Any) -> int:
    """IGN's ``artificialisation`` (1 became artificial, -1 desartificialised, 0 / null nothing) → 1 / -1 / 0."""
    if value is None:
        return 0
    try:
        number = float(str(value).strip())
    except ValueError:
        return 0
    return 1 if number > 0 else -1 if number < 0 else 0


def flow_sign(debut: np.ndarray, fin: np.ndarray) -> np.ndarray:
    """+1 when 0 → 1, -1 when 1 → 0, else 0 (indéterminé at either date gives no flow)."""
    out = np.zeros(debut.shape, dtype=np.int8)
    out[(debut == NO) & (fin == YES)] = 1
    out[(debut == YES) & (fin == NO)] = -1
    return out


# ------------------------------------------------------------------------------ sources


@dataclass
class Source:
    """One input layer of the aggregation, as described from its fields and names."""

    layer: QgsVectorLayer
    role: str  # 'stock' or 'flow'
    kind: str  # stock: 'occupation' | 'artif' | 'classified'; flow: 'difference' | 'artif_diff' | 'flows'
    departement: Optional[str]
    millesimes: tuple[int, ...]
    fields: dict[str, str] = field(default_factory=dict)  # role → field name in the layer
    title: str = ""
    flows: tuple[str, ...] = ("artif", "imper")  # for flow layers: the flows taken from it

    @property
    def crs(self) -> QgsCoordinateReferenceSystem:
        return self.layer.crs()


def _find(names: Sequence[str], *candidates: str) -> Optional[str]:
    lower = {n.lower(): n for n in names}
    for c in candidates:
        if c.lower() in lower:
            return lower[c.lower()]
    return None


def describe_source(layer: QgsVectorLayer, method: str = "auto") -> Optional[Source]:
    """What ``layer`` brings to the aggregation, from its fields; None for a layer with nothing to give
    (zone construite). Raises TerritoryError when a stock or flow layer's millésime cannot be found."""
    names = layer.fields().names()
    f = lambda *c: _find(names, *c)  # noqa: E731
    fields: dict[str, str] = {}
    if f("present") and f("millesime"):  # ocsge:flows' areas covered by one millésime only
        return None
    if f("flux_artif") and f("flux_imper"):
        role, kind = "flow", "flows"
        fields = {"flux_artif": f("flux_artif"), "flux_imper": f("flux_imper")}
    elif f("artificialisation") and f("cs_debut") and f("cs_fin"):
        role, kind = "flow", "artif_diff"
        fields = {"artificialisation": f("artificialisation"), "cs_debut": f("cs_debut"), "cs_fin": f("cs_fin")}
    elif f("cs_debut") and f("us_debut") and f("cs_fin") and f("us_fin"):
        role, kind = "flow", "difference"
        fields = {k: f(k) for k in ("cs_debut", "us_debut", "cs_fin", "us_fin")}
    elif f("imper") and f("artif") and layer.fields().field(f("artif")).type() != QVariant.Type.String:  # IGN's is text
        role, kind = "stock", "classified"
        fields = {"artif": f("artif"), "imper": f("imper")}
        if f("code_cs", "couverture"):
            fields["code_cs"] = f("code_cs", "couverture")
    elif f("code_cs", "couverture") and (f("code_us", "usage") or f("artif")):
        role = "stock"
        kind = "artif" if f("artif") else "occupation"
        fields = {"code_cs": f("code_cs", "couverture")}
        if f("code_us", "usage"):
            fields["code_us"] = f("code_us", "usage")
        if f("artif"):
            fields["artif"] = f("artif")
    else:
        return None
    dep, years = reading.layer_departement(layer), reading.layer_millesimes(layer, kind)
    want = 2 if role == "flow" else 1
    if len(years) != want:
        raise TerritoryError(
            tr(
                "The millésime of layer {name} cannot be found (not in its name, its source nor a millesime "
                "field). Expected a layer as ocsge:load outputs it, a file name holding the département and "
                "year(s) (e.g. classified_D032-2019.gpkg, flux_D032_2016-2019.gpkg) or a millesime field."
            ).format(name=layer.name())
        )
    if years[0] > years[-1]:
        raise TerritoryError(tr("Layer {name}: début {a} is after fin {b}.").format(name=layer.name(), a=years[0], b=years[-1]))
    return Source(layer, role, kind, dep, years, fields, source_title(layer.name(), kind, dep, years))


_KIND_TITLES = {**reading.LAYER_TITLES, "classified": "Couche qualifiée", "flows": "Flux"}


def source_title(name: str, kind: str, dep: Optional[str], years: Sequence[int]) -> str:
    """How the log names an input layer: « Occupation du sol D90 2018 »; a name the user gave is kept
    in front (« Mon zonage (Occupation du sol D90 2018) »), the internal names of the normalised layers
    (« artif_artif_2018_090 », « difference_DIFFERENCE ») are not shown."""
    label = " ".join(p for p in (_KIND_TITLES.get(kind, kind), f"D{dep}" if dep else "", "-".join(map(str, years))) if p)
    internal = not name or name.startswith(tuple(f"{k}_" for k in reading.KINDS)) or name == label
    return label if internal else f"{name} ({label})"


# ---------------------------------------------------------------------------- batch reading


def _ogr_target(layer: QgsVectorLayer) -> Optional[tuple[str, Optional[str]]]:
    """(path, layer name) when OGR can read the layer's file directly, else None."""
    if layer.providerType() != "ogr" or layer.subsetString():
        return None
    parts = layer.source().split("|")
    path = parts[0]
    if not Path(path).is_file():
        return None
    name = None
    for part in parts[1:]:
        if part.startswith("layername="):
            name = part[len("layername="):]
        elif part.startswith("layerid="):
            name = name or part  # resolved below
    return path, name


def _open_ogr(path: str, name: Optional[str]):
    ds = ogr.Open(path)
    if ds is None:
        return None, None
    if name and name.startswith("layerid="):
        lyr = ds.GetLayerByIndex(int(name.split("=", 1)[1]))
    elif name:
        lyr = ds.GetLayerByName(name)
    else:
        lyr = ds.GetLayerByIndex(0)
    return ds, lyr


def _vrt_source(path: str) -> Optional[tuple[str, str, dict[str, str]]]:
    """(source file, source layer, normalised → source field) of a plain renaming VRT such as
    ``ocsge:load`` writes, else None: reading the source directly uses its fast Arrow reader."""
    vrt = reading.read_vrt(path)
    if vrt is None or not vrt.only_layer or not vrt.plain or not vrt.src_data_source or not vrt.src_layer:
        return None
    source = vrt.source_path(path)
    if not Path(source).is_file():
        return None
    return source, vrt.src_layer, vrt.fields


def iter_batches(layer: QgsVectorLayer, fields: Sequence[str], step: Optional[_Step] = None) -> Iterator[dict]:
    """Batches {'wkb': blobs, field: values…, 'fid': ids} of a polygon layer, only the fields asked for.

    Files are read through OGR's Arrow interface (GDAL ≥ 3.6; through the source of a renaming VRT),
    other providers through QGIS."""
    step = step or _Step(None)
    target = _ogr_target(layer)
    if target is not None and hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):
        rename = None
        if target[0].lower().endswith(".vrt"):
            resolved = _vrt_source(target[0])
            if resolved is not None and all(f in resolved[2] for f in fields):
                target = (resolved[0], resolved[1])
                rename = {resolved[2][f]: f for f in fields}
        ds, lyr = _open_ogr(*target)
        if lyr is not None and _has_boolean(lyr, list(rename) if rename else fields):
            lyr = None  # GDAL 3.6's GetArrowStreamAsNumPy mis-decodes bit-packed booleans: use QGIS
        if lyr is not None:
            if rename is None:
                yield from _ogr_batches(ds, lyr, fields, step)
            else:
                for batch in _ogr_batches(ds, lyr, list(rename), step):
                    yield {rename.get(k, k): v for k, v in batch.items()}
            return
    yield from _qgis_batches(layer, fields, step)


def _has_boolean(lyr, fields: Sequence[str]) -> bool:
    defn = lyr.GetLayerDefn()
    for name in fields:
        index = defn.GetFieldIndex(name)
        if index >= 0 and defn.GetFieldDefn(index).GetSubType() == ogr.OFSTBoolean:
            return True
    return False


def _ogr_batches(ds, lyr, fields: Sequence[str], step: _Step) -> Iterator[dict]:
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    lyr.SetIgnoredFields([n for n in names if n not in fields])
    total = max(lyr.GetFeatureCount(), 1)
    geom_name = lyr.GetGeometryColumn() or "wkb_geometry"
    fid_name = lyr.GetFIDColumn() or "OGC_FID"
    stream = lyr.GetArrowStreamAsNumPy(options=[f"MAX_FEATURES_IN_BATCH={BATCH}", "USE_MASKED_ARRAYS=YES", "INCLUDE_FID=YES"])
    done = 0
    for batch in stream:
        step.check()
        fid_key = fid_name if fid_name in batch else next((k for k in ("fid", "OGC_FID") if k in batch), None)
        geom_key = geom_name if geom_name in batch else next((k for k in batch if k not in fields and k != fid_key), None)
        n = len(batch[geom_key]) if geom_key else len(batch[fid_key])
        wkb = batch[geom_key] if geom_key else np.array([None] * n, dtype=object)
        fid = np.asarray(batch[fid_key]) if fid_key else np.arange(done, done + n, dtype=np.int64)
        out = {"wkb": wkb, "fid": fid}
        for name in fields:
            out[name] = batch[name]
        done += n
        yield out
        step.progress(done / total)
    del ds


def _qgis_batches(layer: QgsVectorLayer, fields: Sequence[str], step: _Step) -> Iterator[dict]:
    request = QgsFeatureRequest().setSubsetOfAttributes(list(fields), layer.fields())
    total = max(layer.featureCount(), 1)
    wkb: list = []
    fid: list = []
    columns: dict[str, list] = {name: [] for name in fields}
    done = 0
    indexes = {name: layer.fields().indexOf(name) for name in fields}

    def flush():
        out = {"wkb": np.array(wkb, dtype=object) if wkb else np.empty(0, dtype=object), "fid": np.array(fid, dtype=np.int64)}
        for name in fields:
            out[name] = np.array([None if is_null(v) else v for v in columns[name]], dtype=object)
        return out

    for feature in layer.getFeatures(request):
        geometry = feature.geometry()
        wkb.append(bytes(geometry.asWkb()) if not geometry.isNull() else None)
        fid.append(feature.id())
        attrs = feature.attributes()
        for name, index in indexes.items():
            columns[name].append(attrs[index])
        if len(fid) >= BATCH:
            done += len(fid)
            step.check()
            yield flush()
            step.progress(done / total)
            wkb, fid = [], []
            columns = {name: [] for name in fields}
    if fid:
        yield flush()
    step.progress(1.0)


# ---------------------------------------------------------------------------- territories


@dataclass
class TerritorySet:
    """Territory polygons (in their own CRS), with what was noticed while reading them."""

    codes: list[str]
    names: list[str]
    geometries: list[QgsGeometry]
    crs: QgsCoordinateReferenceSystem
    extras: dict[str, list] = field(default_factory=dict)  # kept fields, aligned on codes
    duplicates: dict[str, int] = field(default_factory=dict)  # code → number of features merged
    repaired: list[str] = field(default_factory=list)  # codes whose geometry was invalid
    empty: list[str] = field(default_factory=list)  # codes without geometry

    def __len__(self) -> int:
        return len(self.codes)

    @classmethod
    def from_layer(
        cls,
        layer: Any,
        code_field: str,
        name_field: Optional[str] = None,
        keep_fields: Sequence[str] = (),
        feedback: Any = None,
    ) -> "TerritorySet":
        """Read territories from a layer (or feature source); merge features sharing a code."""
        names = layer.fields().names()
        missing = [f for f in [code_field, name_field, *keep_fields] if f and f not in names]
        if missing:
            raise TerritoryError(
                tr("The territory layer has no field {missing} (fields: {fields}). Expected the territory code and name fields.").format(
                    missing=", ".join(missing), fields=", ".join(names)
                )
            )
        if QgsWkbTypes.geometryType(layer.wkbType()) != QgsWkbTypes.GeometryType.PolygonGeometry:
            raise TerritoryError(tr("The territory layer must hold polygons (communes, EPCI, zones…)."))
        order: list[str] = []
        by_code: dict[str, dict] = {}
        step = _Step(feedback)
        for index, feature in enumerate(layer.getFeatures()):
            if index % 200 == 0:
                step.check()  # (quick: no progress of its own, the callers' bar goes on)
            raw = feature[code_field]
            code = "" if is_null(raw) else str(raw).strip()
            if isinstance(raw, float) and raw.is_integer():
                code = str(int(raw))
            if not code:
                code = f"#{feature.id()}"
            geometry = QgsGeometry(feature.geometry())
            entry = by_code.get(code)
            if entry is None:
                entry = {
                    "nom": "" if not name_field or is_null(feature[name_field]) else str(feature[name_field]),
                    "parts": [],
                    "extras": {k: (None if is_null(feature[k]) else feature[k]) for k in keep_fields},
                    "count": 0,
                }
                by_code[code] = entry
                order.append(code)
            entry["count"] += 1
            if not geometry.isNull() and not geometry.isEmpty():
                entry["parts"].append(geometry)
        result = cls([], [], [], layer.sourceCrs() if hasattr(layer, "sourceCrs") else layer.crs())
        for key in keep_fields:
            result.extras[key] = []
        for code in order:
            entry = by_code[code]
            parts = entry["parts"]
            if entry["count"] > 1:
                result.duplicates[code] = entry["count"]
            geometry = QgsGeometry()
            repaired = False
            fixed = []
            for part in parts:
                if not part.isGeosValid():
                    part = _polygonal(part.makeValid())
                    repaired = True
                fixed.append(part)
            if len(fixed) == 1:
                geometry = fixed[0]
            elif fixed:
                geometry = QgsGeometry.unaryUnion(fixed)
            if repaired:
                result.repaired.append(code)
            if geometry.isNull() or geometry.isEmpty():
                result.empty.append(code)
            result.codes.append(code)
            result.names.append(entry["nom"])
            result.geometries.append(geometry)
            for key in keep_fields:
                result.extras[key].append(entry["extras"][key])
        return result

    def notes(self) -> list[str]:
        """Translated warnings about the territories."""
        out = []
        if self.duplicates:
            out.append(
                tr("Duplicate territory codes, their features merged into one territory: {codes}.").format(
                    codes=", ".join(f"{c} (×{n})" for c, n in sorted(self.duplicates.items()))
                )
            )
        if self.repaired:
            out.append(plural(len(self.repaired), tr("{count} invalid territory geometry was repaired: {codes}."), tr("{count} invalid territory geometries were repaired: {codes}.")).format(count=len(self.repaired), codes=", ".join(self.repaired[:20]) + ("…" if len(self.repaired) > 20 else "")))
        if self.empty:
            out.append(tr("Territories without geometry (counted as zero area): {codes}.").format(codes=", ".join(self.empty[:20])))
        return out


def _polygonal(geometry: QgsGeometry) -> QgsGeometry:
    if QgsWkbTypes.geometryType(geometry.wkbType()) != QgsWkbTypes.GeometryType.PolygonGeometry:
        if not geometry.convertGeometryCollectionToSubclass(QgsWkbTypes.GeometryType.PolygonGeometry):
            return QgsGeometry()
    return geometry


class _Placement:
    """Territories in one data CRS: a raster telling which cells lie wholly in one territory (or in
    none), and prepared geometries for the polygons that need an exact answer."""

    MAX_CELLS = 4_000_000

    def __init__(self, territories: TerritorySet, crs: QgsCoordinateReferenceSystem, extent: Optional[QgsRectangle]):
        self.crs = crs
        transform = QgsCoordinateTransform(territories.crs, crs, QgsProject.instance())
        self.geometries: list[QgsGeometry] = []
        for geometry in territories.geometries:
            g = QgsGeometry(geometry)
            if not g.isNull() and territories.crs != crs:
                g.transform(transform)
                if not g.isGeosValid():
                    g = _polygonal(g.makeValid())
            self.geometries.append(g)
        self.area = np.array([g.area() if not g.isNull() else 0.0 for g in self.geometries], dtype=np.float64)
        self.index = QgsSpatialIndex()
        full = QgsRectangle()
        full.setMinimal()
        for i, g in enumerate(self.geometries):
            if g.isNull() or g.isEmpty():
                continue
            box = g.boundingBox()
            self.index.addFeature(i, box)
            full.combineExtentWith(box)
        self._engines: dict[int, Any] = {}
        self._partition: Optional[bool] = None
        self._union_engine: Any = None
        # Polygons crossing a boundary, by their exact WKB: most are identical in every millésime
        # (IGN re-surveys change zones only), so the second millésime reuses the first one's pieces.
        self._cache: dict[bytes, tuple[list[tuple[int, float]], bool]] = {}
        self.grid_extent: Optional[QgsRectangle] = None
        self.grid = None
        self.disjoint = False  # no territory within the data's extent
        self.extent = full  # of the territories, in the data's CRS
        if full.isEmpty() or full.width() <= 0:
            self.disjoint = True
            return
        grid_extent = full
        if extent is not None and not extent.isEmpty():
            if not full.intersects(extent):
                self.disjoint = True
                return
            grid_extent = full.intersect(extent)
        if grid_extent.isEmpty() or grid_extent.width() <= 0 or grid_extent.height() <= 0:
            return
        self.grid_extent = grid_extent
        self._build_grid(grid_extent)

    def engine(self, i: int):
        engine = self._engines.get(i)
        if engine is None:
            engine = QgsGeometry.createGeometryEngine(self.geometries[i].constGet())
            engine.prepareGeometry()
            self._engines[i] = engine
        return engine

    def _build_grid(self, extent: QgsRectangle) -> None:
        cell = max(math.sqrt(extent.width() * extent.height() / self.MAX_CELLS), 1.0)
        margin = 2 * cell
        x0, y1 = extent.xMinimum() - margin, extent.yMaximum() + margin
        width = int(math.ceil((extent.width() + 2 * margin) / cell))
        height = int(math.ceil((extent.height() + 2 * margin) / cell))
        mem = ogr.GetDriverByName("Memory").CreateDataSource("territories")
        polys = mem.CreateLayer("polygons", None, ogr.wkbMultiPolygon)
        polys.CreateField(ogr.FieldDefn("tid", ogr.OFTInteger))
        lines = mem.CreateLayer("lines", None, ogr.wkbMultiLineString)
        for i, g in enumerate(self.geometries):
            if g.isNull() or g.isEmpty():
                continue
            ogr_geom = ogr.CreateGeometryFromWkb(bytes(g.asWkb()))
            feature = ogr.Feature(polys.GetLayerDefn())
            feature.SetField("tid", i)
            feature.SetGeometry(ogr_geom)
            polys.CreateFeature(feature)
            boundary = ogr_geom.GetBoundary()
            if boundary is not None:
                lf = ogr.Feature(lines.GetLayerDefn())
                lf.SetGeometry(boundary)
                lines.CreateFeature(lf)
        driver = gdal.GetDriverByName("MEM")
        transform = (x0, cell, 0.0, y1, 0.0, -cell)

        def raster(dtype, init):
            ds = driver.Create("", width, height, 1, dtype)
            ds.SetGeoTransform(transform)
            ds.GetRasterBand(1).Fill(init)
            return ds

        gdal.PushErrorHandler("CPLQuietErrorHandler")  # the in-memory layers have no CRS: that is intended
        try:
            owner_ds, count_ds, edge_ds = self._rasterize(raster, polys, lines)
        finally:
            gdal.PopErrorHandler()
        owner = owner_ds.GetRasterBand(1).ReadAsArray().astype(np.int32)
        count = count_ds.GetRasterBand(1).ReadAsArray()
        edge = edge_ds.GetRasterBand(1).ReadAsArray().astype(bool)
        owner_ds = count_ds = edge_ds = mem = None  # free the rasters and layers
        # A cell is decided when no territory boundary crosses it (dilated by one cell, for safety) and
        # its centre lies in at most one territory: it then lies wholly in that territory, or in none.
        bad = edge | (count > 1)
        dil = bad.copy()  # dilated by one cell in the 8 directions
        dil[1:, :] |= bad[:-1, :]
        dil[:-1, :] |= bad[1:, :]
        dil[:, 1:] |= bad[:, :-1]
        dil[:, :-1] |= bad[:, 1:]
        dil[1:, 1:] |= bad[:-1, :-1]
        dil[:-1, :-1] |= bad[1:, 1:]
        dil[1:, :-1] |= bad[:-1, 1:]
        dil[:-1, 1:] |= bad[1:, :-1]
        bad = dil
        del count, edge, dil
        sat = np.zeros((height + 1, width + 1), dtype=np.int32)  # ≤ MAX_CELLS: fits
        np.cumsum(bad, axis=0, dtype=np.int32, out=sat[1:, 1:])
        np.cumsum(sat[1:, 1:], axis=1, out=sat[1:, 1:])
        del bad
        self.grid = (x0, y1, cell, width, height, owner, sat)

    @staticmethod
    def _rasterize(raster, polys, lines):
        owner_ds = raster(gdal.GDT_Int32, -1)
        gdal.RasterizeLayer(owner_ds, [1], polys, options=["ATTRIBUTE=tid"])
        count_ds = raster(gdal.GDT_Int32, 0)
        gdal.RasterizeLayer(count_ds, [1], polys, burn_values=[1], options=["MERGE_ALG=ADD"])
        edge_ds = raster(gdal.GDT_Byte, 0)
        gdal.RasterizeLayer(edge_ds, [1], lines, burn_values=[1], options=["ALL_TOUCHED=TRUE"])
        return owner_ds, count_ds, edge_ds

    def place(self, bbox: np.ndarray) -> np.ndarray:
        """Territory index of each box wholly inside one territory, -2 wholly outside all, -1 undecided."""
        n = bbox.shape[0]
        out = np.full(n, -1, dtype=np.int64)
        if self.grid is None:
            if self.disjoint:
                out[:] = -2
            return out
        x0, y1, cell, width, height, owner, sat = self.grid
        valid = ~np.isnan(bbox).any(axis=1)
        with np.errstate(invalid="ignore"):
            c0 = np.floor((bbox[:, 0] - x0) / cell)
            c1 = np.floor((bbox[:, 2] - x0) / cell)
            r0 = np.floor((y1 - bbox[:, 3]) / cell)
            r1 = np.floor((y1 - bbox[:, 1]) / cell)
        # Wholly outside the grid (which covers every territory within the data's extent): no territory.
        outside = valid & ((c1 < 0) | (c0 >= width) | (r1 < 0) | (r0 >= height))
        inside = valid & (c0 >= 0) & (c1 < width) & (r0 >= 0) & (r1 < height)
        out[outside] = -2
        out[~valid] = -2
        idx = np.nonzero(inside)[0]
        if idx.size:
            a0, a1 = c0[idx].astype(np.int64), c1[idx].astype(np.int64) + 1
            b0, b1 = r0[idx].astype(np.int64), r1[idx].astype(np.int64) + 1
            bad = sat[b1, a1] - sat[b0, a1] - sat[b1, a0] + sat[b0, a0]
            decided = bad == 0
            who = owner[b0[decided], a0[decided]]
            out[idx[decided]] = np.where(who >= 0, who, -2)
        return out

    @property
    def partition(self) -> bool:
        """True when no two territories share any area (communes, a grid): a polygon inside one
        territory then needs no test against the others. Checked once, on bounding-box neighbours."""
        if self._partition is None:
            self._partition = True
            for i, g in enumerate(self.geometries):
                if g.isNull() or g.isEmpty():
                    continue
                engine = self.engine(i)
                for j in self.index.intersects(g.boundingBox()):
                    if j <= i:
                        continue
                    other = self.geometries[j].constGet()
                    if engine.overlaps(other) or engine.contains(other) or engine.within(other):
                        self._partition = False
                        return False
        return self._partition

    def hint(self, bbox: np.ndarray) -> np.ndarray:
        """The territory (or -1) under the centre of each box: the first one worth testing."""
        out = np.full(bbox.shape[0], -1, dtype=np.int64)
        if self.grid is None or bbox.shape[0] == 0:
            return out
        x0, y1, cell, width, height, owner, _ = self.grid
        with np.errstate(invalid="ignore"):
            c = np.floor(((bbox[:, 0] + bbox[:, 2]) / 2 - x0) / cell)
            r = np.floor((y1 - (bbox[:, 1] + bbox[:, 3]) / 2) / cell)
        ok = (c >= 0) & (c < width) & (r >= 0) & (r < height)
        out[ok] = owner[r[ok].astype(np.int64), c[ok].astype(np.int64)]
        return out

    CACHE_MAX = 1_000_000

    def exact(self, blob: bytes, area: float, hint: int = -1, cover_only: bool = False) -> tuple[list[tuple[int, float]], bool]:
        """Like :meth:`_exact`, reusing the answer for a polygon already met (same WKB: keyed by its
        hash and length, 64 + 32 bits; a collision between two polygons of a run is ~1e-9 likely)."""
        key = (hash(blob), len(blob), cover_only)
        found = self._cache.get(key)
        if found is not None:
            return found
        found = self._exact(blob, area, hint, cover_only)
        if len(self._cache) < self.CACHE_MAX:
            self._cache[key] = found
        return found

    def _union(self):
        """Prepared union of the territories of the grid when they form a partition, else None."""
        if self._union_engine is None:
            self._union_engine = False
            if self.partition:
                box = self.grid_extent
                members = [g for g in self.geometries if not g.isNull() and not g.isEmpty() and (box is None or g.boundingBox().intersects(box))]
                if members:
                    union = QgsGeometry.unaryUnion(members)
                    if not union.isNull():
                        engine = QgsGeometry.createGeometryEngine(union.constGet())
                        engine.prepareGeometry()
                        self._union_keep = union
                        self._union_engine = engine
        return self._union_engine or None

    def _exact(self, blob: bytes, area: float, hint: int = -1, cover_only: bool = False) -> tuple[list[tuple[int, float]], bool]:
        """(territory, area of polygon ∩ territory) pairs for one polygon; True when it was repaired.

        A polygon inside a territory costs one prepared containment test (the territory under its
        centre is tried first); one crossing territories pays an intersection per territory touched.
        (Deducing the last share by subtraction was tried: outlines that do not tile exactly — a
        vertex on one side of a shared boundary only — then leave cm² slivers in it.)"""
        geometry = QgsGeometry()
        geometry.fromWkb(blob)
        if geometry.isNull() or geometry.isEmpty():
            return [], False
        box = geometry.boundingBox()
        out = []
        repaired = False
        candidates = self.index.intersects(box)
        if hint >= 0 and hint in candidates:
            candidates.remove(hint)
            candidates.insert(0, hint)
        shape = geometry.constGet()
        crossing = []
        for i in candidates:
            engine = self.engine(i)
            if engine.contains(shape):
                out.append((i, area))
                if self.partition:  # no other territory holds any of it
                    return out, repaired
                continue
            if engine.intersects(shape):
                crossing.append(i)
        last = None
        if cover_only and len(crossing) == 2:
            # Coverage only (the polygon is neither artificialised nor impermeable): inside the union of
            # a partition, the second share is the polygon's area minus the first (one intersection
            # instead of two; outlines that do not tile exactly put their cm² slivers in it).
            union = self._union()
            if union is not None and union.contains(shape):
                last = crossing.pop()
        done = 0.0
        for i in crossing:
            engine = self.engine(i)
            # the territory's engine already holds it in GEOS: only the polygon is converted
            piece = engine.intersection(shape)
            if piece is None and not repaired:
                geometry = _polygonal(geometry.makeValid())
                repaired = True
                shape = geometry.constGet()
                piece = engine.intersection(shape) if not geometry.isNull() else None
            if piece is not None:
                value = QgsGeometry(piece).area()  # QgsAbstractGeometry.area() loses ~1e-3 m² at Lambert-93 coordinates
                if value > 0:
                    out.append((i, value))
                    done += value
        if last is not None:
            if repaired:  # the repaired area may differ from the one given: intersect after all
                piece = self.engine(last).intersection(shape)
                value = QgsGeometry(piece).area() if piece is not None else 0.0
            else:
                value = area - done
            if value > 0:
                out.append((last, value))
        return out, repaired


class _Placements:
    def __init__(self, territories: TerritorySet):
        self.territories = territories
        self.by_crs: dict[str, _Placement] = {}

    def get(self, crs: QgsCoordinateReferenceSystem, extent: Optional[QgsRectangle]) -> _Placement:
        key = crs.authid() or crs.toWkt()
        placement = self.by_crs.get(key)
        if placement is None:
            placement = _Placement(self.territories, crs, extent)
            self.by_crs[key] = placement
        return placement


def _accumulate(
    placement: _Placement,
    wkb: Any,
    weights: np.ndarray,
    sums: np.ndarray,
    stats: dict,
    want: Optional[np.ndarray] = None,
    step: Optional[_Step] = None,
) -> None:
    """Add each polygon's area × ``weights[:, k]`` to ``sums[territory, k]``.

    ``want`` (bool per polygon) limits the work to polygons that contribute (others skipped)."""
    n = len(wkb)
    if n == 0:
        return
    if want is not None:
        keep = np.nonzero(want)[0]
        if keep.size == 0:
            return
        if keep.size < n:
            wkb = wkb[keep]
            weights = weights[keep]
            n = keep.size
    area, bbox = wkb_area_bbox(wkb)
    where = placement.place(bbox)
    decided = where >= 0
    t = placement.geometries
    if decided.any():
        idx = where[decided]
        contrib = weights[decided] * area[decided, None]
        for k in range(weights.shape[1]):
            sums[:, k] += np.bincount(idx, weights=contrib[:, k], minlength=len(t))
    stats["polygons"] = stats.get("polygons", 0) + n
    stats["fast"] = stats.get("fast", 0) + int(decided.sum()) + int((where == -2).sum())
    undecided = np.nonzero(where == -1)[0]
    if undecided.size == 0:
        return
    stats["exact"] = stats.get("exact", 0) + int(undecided.size)
    blobs = wkb.data if np.ma.isMaskedArray(wkb) else wkb
    masked = np.ma.getmaskarray(wkb) if np.ma.isMaskedArray(wkb) else None
    hints = placement.hint(bbox[undecided]).tolist()
    # polygons weighing on the first column only (coverage): their split may be deduced (see exact)
    cover_only = ((weights[undecided, 1:] == 0).all(axis=1) if weights.shape[1] > 1 else np.ones(undecided.size, bool)).tolist()
    rows: list[int] = []
    where_t: list[int] = []
    values: list[float] = []
    exact = placement.exact
    repaired_count = 0
    for count, j in enumerate(undecided.tolist()):
        if step is not None and count % 2000 == 1999:
            step.check()
        if masked is not None and masked[j]:
            continue
        blob = blobs[j]
        if blob is None:
            continue
        pieces, repaired = exact(blob if isinstance(blob, bytes) else bytes(blob), area[j], hints[count], cover_only[count])
        repaired_count += repaired
        if repaired:
            by_territory = stats.setdefault("repaired_t", np.zeros(len(t)))
            for i, _ in pieces:
                by_territory[i] += 1
        for i, value in pieces:
            rows.append(j)
            where_t.append(i)
            values.append(value)
    if repaired_count:
        stats["repaired"] = stats.get("repaired", 0) + repaired_count
    if rows:
        contrib = weights[np.asarray(rows)] * np.asarray(values)[:, None]
        np.add.at(sums, np.asarray(where_t), contrib)


# ------------------------------------------------------------------------------ aggregation

# Stock columns accumulated per (source, territory): covered, artif, imper, indéterminé.
_STOCK = ("couverte", "artif", "imper", "indeterminee")
# Flow columns per (source, territory).
_FLOW = ("flux_artif", "flux_desartif", "flux_imper", "flux_desimper", "flux_indetermine")


@dataclass
class AggregateResult:
    """The aggregation's answer: ``table`` (m²), the territories and what was noticed."""

    table: pd.DataFrame
    territories: TerritorySet
    area: np.ndarray  # territory areas (m²), in the data's CRS
    geometries: list[QgsGeometry]  # territory geometries in ``crs``
    crs: QgsCoordinateReferenceSystem
    warnings: list[str] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    zero_coverage: list[str] = field(default_factory=list)
    convention: str = DEFAULT_CONVENTION


def _stock_weights(source: Source, batch: dict, method: str, classification=None, convention: str = DEFAULT_CONVENTION) -> np.ndarray:
    """Per polygon: (covered, artif, imper, indéterminé) as 0 / 1 weights."""
    n = len(batch["wkb"])
    f = source.fields
    imper = lookup_imper(batch[f["code_cs"]], convention) if "code_cs" in f else np.full(n, UNKNOWN, np.int8)
    if source.kind == "classified":
        artif = lookup_values(batch[f["artif"]], parse_bool)
        imper = lookup_values(batch[f["imper"]], parse_bool)
    elif classification is not None:
        pos = np.searchsorted(classification[0], batch["fid"])
        pos = np.clip(pos, 0, max(classification[0].size - 1, 0))
        found = classification[0][pos] == batch["fid"] if classification[0].size else np.zeros(n, bool)
        artif = np.where(found, classification[1][pos], UNKNOWN).astype(np.int8)
    elif method == "ign":
        artif = lookup_values(batch[f["artif"]], parse_ign_artif_or_bool)
    else:
        artif = lookup_artif(batch[f["code_cs"]], batch[f["code_us"]], convention)
    w = np.zeros((n, 4), dtype=np.float64)
    w[:, 0] = 1.0
    w[:, 1] = artif == YES
    w[:, 2] = imper == YES
    w[:, 3] = (artif == UNKNOWN) | (imper == UNKNOWN)
    return w


def _flow_weights(source: Source, batch: dict, convention: str = DEFAULT_CONVENTION) -> np.ndarray:
    """Per piece: (artificialisation, désartificialisation, imperméabilisation, désimperméabilisation,
    indéterminé) as 0 / 1 weights. A piece whose status is indéterminé at a date (for the flows taken
    from this layer) is kept out of the flows and weighs on the last column only (as
    ``flows.pieces_from_difference`` does)."""
    f = source.fields
    undetermined = None
    if source.kind == "flows":
        fa = lookup_values(batch[f["flux_artif"]], parse_sign)
        fi = lookup_values(batch[f["flux_imper"]], parse_sign)
    else:
        imper_d, imper_f = lookup_imper(batch[f["cs_debut"]], convention), lookup_imper(batch[f["cs_fin"]], convention)
        fi = flow_sign(imper_d, imper_f)
        undetermined = (imper_d == UNKNOWN) | (imper_f == UNKNOWN) if "imper" in source.flows else np.zeros(fi.shape, bool)
        if source.kind == "artif_diff":
            fa = lookup_values(batch[f["artificialisation"]], parse_sign)
        else:
            artif_d = lookup_artif(batch[f["cs_debut"]], batch[f["us_debut"]], convention)
            artif_f = lookup_artif(batch[f["cs_fin"]], batch[f["us_fin"]], convention)
            fa = flow_sign(artif_d, artif_f)
            if "artif" in source.flows:
                undetermined |= (artif_d == UNKNOWN) | (artif_f == UNKNOWN)
    w = np.zeros((len(fa), 5), dtype=np.float64)
    if "artif" in source.flows:
        w[:, 0] = fa > 0
        w[:, 1] = fa < 0
    if "imper" in source.flows:
        w[:, 2] = fi > 0
        w[:, 3] = fi < 0
    if undetermined is not None and undetermined.any():
        w[undetermined, :4] = 0.0
        w[undetermined, 4] = 1.0
    return w


class _Undetermined:
    """Count and surface (m²) of the undetermined polygons (or change pieces) of one layer and
    millésime(s), as an entry of ``stats['indetermine']``: (layer, millésime(s), count, m²)."""

    def __init__(self, stats: dict, layer: str, millesime: str):
        self.entry = [layer, millesime, 0, 0.0]
        stats.setdefault("indetermine", []).append(self.entry)

    def add(self, wkb: Any, mask: np.ndarray) -> None:
        if mask.any():
            area, _ = wkb_area_bbox(wkb[np.nonzero(mask)[0]])
            self.entry[2] += int(mask.sum())
            self.entry[3] += float(area.sum())


def resolve_stock_method(source: Source, method: str) -> str:
    """The classification method used for a stock layer ('classified' for already classified ones)."""
    if source.kind == "classified":
        return "classified"
    if method == "auto":
        return "ign" if "artif" in source.fields else "matrice_seuils"
    if method == "ign" and "artif" not in source.fields:
        raise TerritoryError(
            tr("The IGN method reads IGN's artif field, which layer {name} does not have. Expected IGN's artificialisation layer, or choose the method 'matrice'.").format(
                name=source.layer.name()
            )
        )
    if method in ("matrice", "matrice_seuils") and "code_us" not in source.fields:
        raise TerritoryError(tr("Layer {name} has no usage field (code_us). Expected couverture and usage codes for the matrix.").format(name=source.layer.name()))
    return method


def _check_projected(source: Source) -> None:
    crs = source.layer.crs()
    if crs.isValid() and crs.isGeographic():
        raise TerritoryError(
            tr("Layer {name} is in {crs}, in degrees: surfaces would be meaningless. Expected the département's projected CRS (EPSG:2154 Lambert-93 in métropole; 5490, 2972, 2975, 4471 outre-mer).").format(
                name=source.layer.name(), crs=crs.authid()
            )
        )


def _box(rectangle: QgsRectangle) -> str:
    if rectangle.isEmpty() and rectangle.width() <= 0:
        return tr("nothing")
    return f"x {rectangle.xMinimum():.0f} – {rectangle.xMaximum():.0f}, y {rectangle.yMinimum():.0f} – {rectangle.yMaximum():.0f}"


def _check_overlap(placements: Any, sources: Sequence[Source], extents: dict[str, QgsRectangle]) -> None:
    """TerritoryError when no territory lies within the extent of any OCS GE layer (the wrong
    département's communes, a layer in another CRS…), naming both extents."""
    seen = {}
    for source in sources:
        key = source.crs.authid() or source.crs.toWkt()
        if key not in seen:
            seen[key] = placements.get(source.crs, extents[key])
    if not all(placement.disjoint for placement in seen.values()):
        return
    key, placement = next(iter(seen.items()))
    raise TerritoryError(
        tr(
            "The territories and the OCS GE data do not overlap: the territories cover {territories} and the data "
            "{data} ({crs}). Expected territories of the département(s) of the deliveries."
        ).format(territories=_box(placement.extent), data=_box(extents[key]), crs=key)
    )


def aggregate(
    territories: TerritorySet,
    sources: Sequence[Source],
    method: str = "auto",
    coverage: bool = True,
    feedback: Any = None,
    overlay: Optional[Callable[..., Iterator[tuple[Any, np.ndarray]]]] = None,
    convention: str = DEFAULT_CONVENTION,
) -> AggregateResult:
    """Stocks and flows per territory from ``sources``, one streaming pass each.

    Args:
        territories: the territory polygons (any CRS).
        sources: stock layers (raw, IGN's artificialisation or classified) and flow layers
            (difference, artif_diff, ocsge:flows output), as :func:`describe_source` gives them.
        method: for raw stock layers: 'auto', 'ign', 'matrice' or 'matrice_seuils'.
        coverage: False skips polygons that are neither artificialised nor impermeable (faster; the
            covered share is then not computed).
        feedback: ``QgsProcessingFeedback``-like (setProgress, isCanceled, pushInfo).
        overlay: optional ``overlay(stock_debut, stock_fin, feedback) -> iterator of (wkb array,
            weights (n, 5))`` giving flows for a pair of millésimes without difference layer
            (:func:`overlay_flows`).
        convention: how codes above the leaves or outside the nomenclature are read (``rules.CONVENTIONS``).
    """
    if len(territories) == 0:
        raise TerritoryError(tr("The territory layer has no feature. Expected territory polygons."))
    if not sources:
        raise TerritoryError(tr("No OCS GE layer to aggregate. Expected occupation du sol, artificialisation, difference or flows layers."))
    for source in sources:
        _check_projected(source)
    step = _Step(feedback)
    placements = _Placements(territories)
    warnings = territories.notes()
    stats: dict = {}
    n_t = len(territories)
    stocks: dict[tuple[str, int], np.ndarray] = {}
    flows: dict[tuple[str, int, int], np.ndarray] = {}
    crs_of: dict[tuple, str] = {}
    placement_of: dict[str, _Placement] = {}
    # Overlays to come (pairs of stock layers without flow layer), for the progress bar's shares.
    overlay_pairs: list[tuple[str, Source, Source]] = []
    if overlay is not None:
        by_dep: dict[str, list[Source]] = {}
        for s in sources:
            if s.role == "stock":
                by_dep.setdefault(s.departement or "?", []).append(s)
        flow_keys = {(s.departement or "?", s.millesimes[0], s.millesimes[-1]) for s in sources if s.role == "flow"}
        for dep, group in by_dep.items():
            group.sort(key=lambda s: s.millesimes[-1])
            for a, b in zip(group, group[1:]):
                if (dep, a.millesimes[-1], b.millesimes[-1]) not in flow_keys:
                    overlay_pairs.append((dep, a, b))
    count = {id(s): max(s.layer.featureCount(), 1) for s in sources}
    overlay_work = {id(pair): 3 * (count[id(pair[1])] + count[id(pair[2])]) for pair in overlay_pairs}  # overlays weigh more
    weights_total = sum(count.values()) + sum(overlay_work.values())
    done = 0.0
    extents: dict[str, QgsRectangle] = {}  # the data's extent per CRS: the placement grid covers it
    for source in sources:
        key_crs = source.crs.authid() or source.crs.toWkt()
        box = QgsRectangle(source.layer.extent())
        if key_crs in extents:
            box.combineExtentWith(extents[key_crs])
        extents[key_crs] = box
    _check_overlap(placements, sources, extents)
    for source in sources:
        share = count[id(source)] / weights_total
        sub = step.sub(done, done + share * 0.98)
        done += share * 0.98
        placement = placements.get(source.crs, extents[source.crs.authid() or source.crs.toWkt()])
        key_crs = source.crs.authid() or source.crs.toWkt()
        placement_of[key_crs] = placement
        dep = source.departement or "?"
        if source.role == "stock":
            used = resolve_stock_method(source, method)
            key = (dep, source.millesimes[-1])
            if key in stocks:
                warnings.append(tr("Two stock layers for D{dep} {year}: both were added; check the inputs.").format(dep=dep, year=key[1]))
            sums = stocks.setdefault(key, np.zeros((n_t, 4)))
            crs_of[("s",) + key] = key_crs
            classification = None
            read_step = sub
            if used == "matrice_seuils":
                classification = _thresholds(source, sub.sub(0.0, 0.6), convention)
                read_step = sub.sub(0.6, 1.0)
            fields = [name for name in source.fields.values()]
            if used == "matrice_seuils":
                fields = [source.fields["code_cs"]]
            if feedback is not None:
                feedback.pushInfo(tr("{title}: stocks by method {method}").format(title=source.title, method=used))
            undetermined = _Undetermined(stats, source.title, str(source.millesimes[-1]))
            for batch in iter_batches(source.layer, fields, step=read_step):
                w = _stock_weights(source, batch, "matrice" if used == "classified" else used, classification, convention)
                want = None if coverage else (w[:, 1] + w[:, 2] + w[:, 3]) > 0
                undetermined.add(batch["wkb"], w[:, 3] > 0)
                _accumulate(placement, batch["wkb"], w, sums, stats, want, read_step)
        else:
            key = (dep, source.millesimes[0], source.millesimes[-1])
            sums = flows.setdefault(key, np.zeros((n_t, len(_FLOW))))
            crs_of[("f",) + key] = key_crs
            if feedback is not None:
                feedback.pushInfo(tr("{title}: flows").format(title=source.title))
            fields = list(source.fields.values())
            undetermined = _Undetermined(stats, source.title, "-".join(map(str, source.millesimes)))
            for batch in iter_batches(source.layer, fields, step=sub):
                w = _flow_weights(source, batch, convention)
                undetermined.add(batch["wkb"], w[:, 4] > 0)
                _accumulate(placement, batch["wkb"], w, sums, stats, w.sum(axis=1) > 0, sub)
    # Overlay for pairs of stock layers without a flow layer.
    for pair in overlay_pairs:
        dep, a, b = pair
        share = overlay_work[id(pair)] / weights_total
        sub = step.sub(done, done + share * 0.98)
        done += share * 0.98
        key = (dep, a.millesimes[-1], b.millesimes[-1])
        step.check()
        if feedback is not None:
            feedback.pushInfo(tr("D{dep} {a}-{b}: flows by overlay of the two millésimes").format(dep=dep, a=key[1], b=key[2]))
        placement = placements.get(b.crs, extents[b.crs.authid() or b.crs.toWkt()])
        sums = flows.setdefault(key, np.zeros((n_t, len(_FLOW))))
        crs_of[("f",) + key] = b.crs.authid()
        if placement.disjoint:  # no territory where the data is: nothing to overlay
            continue
        undetermined = _Undetermined(stats, tr("overlay of {a} and {b}").format(a=a.title, b=b.title), f"{key[1]}-{key[2]}")
        for wkb, w in overlay(a, b, sub):
            undetermined.add(wkb, np.asarray(w)[:, 4] > 0)
            _accumulate(placement, wkb, np.asarray(w, dtype=np.float64), sums, stats, np.asarray(w).sum(axis=1) > 0, sub)
    step.check()
    # Territory area in the CRS of the data covering it most.
    crs_keys = list(placement_of)
    area = placement_of[crs_keys[0]].area.copy()
    geometries = list(placement_of[crs_keys[0]].geometries)
    crs = placement_of[crs_keys[0]].crs
    if len(crs_keys) > 1:
        cover = {k: np.zeros(n_t) for k in crs_keys}
        for key, sums in stocks.items():
            cover[crs_of[("s",) + key]] += sums[:, 0]
        best = np.argmax(np.vstack([cover[k] for k in crs_keys]), axis=0)
        for j, k in enumerate(crs_keys):
            sel = best == j
            area[sel] = placement_of[k].area[sel]
    table, zero = _build_table(territories, area, stocks, flows, coverage, stats.get("repaired_t"))
    if zero:
        warnings.append(
            plural(
                len(zero),
                tr("{count} territory is outside the OCS GE data (zero coverage; its row has no values): {codes}."),
                tr("{count} territories are outside the OCS GE data (zero coverage; their rows have no values): {codes}."),
            ).format(
                count=len(zero), codes=", ".join(zero[:30]) + ("…" if len(zero) > 30 else "")
            )
        )
    if stats.get("repaired"):
        warnings.append(
            plural(
                stats["repaired"],
                tr("{count} invalid OCS GE polygon crossing a territory boundary was repaired for the intersection."),
                tr("{count} invalid OCS GE polygons crossing a territory boundary were repaired for the intersection."),
            ).format(count=stats["repaired"])
        )
    indet = sum(float(s[:, 3].sum()) for s in stocks.values())
    if indet > 0:
        warnings.append(tr("{area:.2f} ha of OCS GE polygons have an undetermined status (the leaves under their codes disagree: null, unknown or parent codes): counted apart (surface_indeterminee), never as non-artificialised.").format(area=indet / 1e4))
    indet_flows = sum(float(f[:, 4].sum()) for f in flows.values())
    if indet_flows > 0:
        warnings.append(tr("{area:.2f} ha of change pieces have flows that cannot be told (undetermined status at a date): kept out of the flows and counted apart (flux_indetermine).").format(area=indet_flows / 1e4))
    step.progress(1.0)
    return AggregateResult(table, territories, area, geometries, crs, warnings, stats, zero, convention)


def select_sources(sources: Sequence[Source], method: str = "auto") -> tuple[list[Source], list[str]]:
    """One stock layer per (département, millésime) and one flow layer per (département, pair).

    A delivery folder often holds the same millésime twice (GeoPackage and Shapefile) and both IGN's
    artificialisation layers and the occupation du sol: the preferred kind is kept (classified layers
    first; then IGN's layers for methods 'auto' / 'ign', the occupation du sol for the matrix), the
    others are left out with a note. For 'matrice_seuils', difference layers are left out when both
    millésimes are there: the thresholds need the whole millésimes, so flows come from their overlay."""
    ign_first = method in ("auto", "ign")
    stock_rank = {"classified": 0, "artif": 1 if ign_first else 2, "occupation": 2 if ign_first else 1}
    flow_rank = {"flows": 0, "artif_diff": 1 if ign_first else 2, "difference": 2 if ign_first else 1}
    chosen: dict[tuple, Source] = {}
    notes: list[str] = []
    for source in sources:
        dep = source.departement or "?"
        if source.role == "stock":
            key, rank = ("s", dep, source.millesimes[-1]), stock_rank[source.kind]
        else:
            key, rank = ("f", dep) + tuple(source.millesimes), flow_rank[source.kind]
        other = chosen.get(key)
        if other is None:
            chosen[key] = source
            continue
        other_rank = (stock_rank if source.role == "stock" else flow_rank)[other.kind]
        keep, drop = (source, other) if rank < other_rank else (other, source)
        chosen[key] = keep
        if keep.kind == "artif_diff" and drop.kind == "difference" and ("i",) + key[1:] not in chosen:
            # IGN's artificialisation difference holds only the polygons whose artificialisation
            # changed: imperméabilisation flows come from the difference layer.
            keep.flows, drop.flows = ("artif",), ("imper",)
            chosen[("i",) + key[1:]] = drop
            notes.append(tr("{keep}: artificialisation flows; {drop}: imperméabilisation flows.").format(keep=keep.title, drop=drop.title))
            continue
        notes.append(tr("{drop} left out: {keep} gives the same millésime(s).").format(drop=drop.title, keep=keep.title))
    for key, source in list(chosen.items()):
        if key[0] == "f" and source.kind == "artif_diff" and ("i",) + key[1:] not in chosen:
            notes.append(
                tr("{name}: IGN's artificialisation difference holds only the polygons whose artificialisation changed; "
                   "imperméabilisation flows are left empty without a difference layer.").format(name=source.title)
            )
            source.flows = ("artif",)
    if method == "matrice_seuils":
        stock_keys = {(k[1], k[2]) for k in chosen if k[0] == "s"}
        for key in [k for k in chosen if k[0] in "fi" and chosen[k].kind != "flows"]:
            if (key[1], key[2]) in stock_keys and (key[1], key[3]) in stock_keys:
                notes.append(
                    tr("{name} left out: with the thresholds, flows come from the overlay of the two millésimes.").format(name=chosen[key].title)
                )
                del chosen[key]
    ordered = sorted(chosen.values(), key=lambda s: (s.departement or "", s.role != "stock", s.millesimes))
    return ordered, notes


def sources_from_layers(layers: Sequence[QgsVectorLayer], method: str = "auto") -> tuple[list[Source], list[str]]:
    """Describe every layer and keep one per millésime / pair (:func:`select_sources`); with notes."""
    notes: list[str] = []
    sources = []
    for layer in layers:
        source = describe_source(layer, method)
        if source is None:
            notes.append(tr("{name}: no OCS GE codes nor flows, left out.").format(name=layer.name()))
            continue
        sources.append(source)
    known = {s.departement for s in sources if s.departement}
    if len(known) == 1:  # layers of one département, some without it in their names
        (dep,) = known
        for source in sources:
            if not source.departement:
                source.departement = dep
                notes.append(tr("{title}: département not in its name, taken as D{dep} like the other layers.").format(title=source.title, dep=dep))
    chosen, dropped = select_sources(sources, method)
    return chosen, notes + dropped


def overlay_flows(method: str, convention: str = DEFAULT_CONVENTION) -> Callable[..., Iterator[tuple[np.ndarray, np.ndarray]]]:
    """An ``overlay`` for :func:`aggregate`: flows of two stock layers from their overlay, by the flow
    core (``flows.pieces_from_overlay``, same classification as ``ocsge:classify``), in batches; the
    pieces whose flows cannot be told weigh on the last column (indéterminé)."""

    def run(debut: Source, fin: Source, feedback: Any) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        from . import flows

        used = resolve_stock_method(fin, method)
        used = "matrice" if used == "classified" else used
        try:
            report = flows.FlowReport(keep_undetermined=True)
            pieces = flows.pieces_from_overlay(debut.layer, fin.layer, used, report, feedback, flows_only=True, convention=convention)
            wkb: list = []
            weights: list = []

            def undetermined() -> None:
                for geometry in report.undetermined_parts:
                    wkb.append(bytes(geometry.asWkb()))
                    weights.append((0, 0, 0, 0, 1))
                report.undetermined_parts.clear()

            for piece in pieces:
                undetermined()
                if not piece.has_flow:
                    continue
                wkb.append(bytes(piece.geometry.asWkb()))
                weights.append((piece.flux_artif > 0, piece.flux_artif < 0, piece.flux_imper > 0, piece.flux_imper < 0, 0))
                if len(wkb) >= 4096:
                    yield np.array(wkb, dtype=object), np.array(weights, dtype=np.float64)
                    wkb, weights = [], []
            undetermined()
            if wkb:
                yield np.array(wkb, dtype=object), np.array(weights, dtype=np.float64)
        except flows.FlowError as error:
            raise TerritoryError(str(error)) from None

    return run


def _thresholds(source: Source, step: _Step, convention: str = DEFAULT_CONVENTION) -> tuple[np.ndarray, np.ndarray]:
    """(sorted fids, artif) by the matrix + thresholds, through the classification core."""
    from . import classify

    try:
        result = classify.classify_layer(
            source.layer, "matrice_seuils", source.fields.get("code_cs", "code_cs"), source.fields.get("code_us", "code_us"), step,
            convention=convention,
        )
    except classify.ClassifyError as error:
        raise TerritoryError(str(error)) from None
    order = np.argsort(result.fid, kind="stable")
    return result.fid[order], result.artif[order]


def _years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in sorted(set(years)))


def _build_table(
    territories: TerritorySet,
    area: np.ndarray,
    stocks: dict[tuple[str, int], np.ndarray],
    flows: dict[tuple[str, int, int], np.ndarray],
    coverage: bool,
    repaired: Optional[np.ndarray] = None,
) -> tuple[pd.DataFrame, list[str]]:
    """The long table. A stock no stock layer covers (only flow layers, or no OCS GE over the
    territory) is NULL, never 0; likewise flows no flow source covers (``inconnu`` says which)."""
    n_t = len(territories)
    deps = sorted({k[0] for k in stocks} | {k[0] for k in flows})
    years_of: dict[str, list[int]] = {}
    for dep in deps:
        years = {k[1] for k in stocks if k[0] == dep} | {y for k in flows if k[0] == dep for y in k[1:]}
        years_of[dep] = sorted(years)
    index_of = {dep: {y: i + 1 for i, y in enumerate(years)} for dep, years in years_of.items()}
    pairs: set[tuple[Optional[int], int]] = set()
    for dep, years in years_of.items():
        stock_years = sorted(k[1] for k in stocks if k[0] == dep)
        if len(stock_years) == 1 and not any(k[0] == dep for k in flows):
            pairs.add((None, index_of[dep][stock_years[0]]))
        for a, b in zip(stock_years, stock_years[1:]):
            pairs.add((index_of[dep][a], index_of[dep][b]))
        for k in flows:
            if k[0] == dep:
                pairs.add((index_of[dep][k[1]], index_of[dep][k[2]]))
    rows = []
    covered_any = np.zeros(n_t, dtype=bool)
    for s in stocks.values():
        covered_any |= s[:, 0] > 0
    for f in flows.values():
        covered_any |= f.sum(axis=1) > 0
    for i_debut, i_fin in sorted(pairs, key=lambda p: (p[1], p[0] or 0)):
        stock_fin = np.zeros((n_t, 4))
        stock_debut = np.zeros((n_t, 4))
        flow = np.zeros((n_t, len(_FLOW)))
        has_flow = np.zeros(n_t, dtype=bool)
        has_stock_fin = np.zeros(n_t, dtype=bool)
        has_stock_debut = np.zeros(n_t, dtype=bool)
        years_debut: list[set] = [set() for _ in range(n_t)]
        years_fin: list[set] = [set() for _ in range(n_t)]
        for dep in deps:
            years = years_of[dep]
            y_fin = years[i_fin - 1] if i_fin - 1 < len(years) else None
            y_debut = years[i_debut - 1] if i_debut is not None and i_debut - 1 < len(years) else None
            if y_fin is None:
                continue
            touched = np.zeros(n_t, dtype=bool)
            if (dep, y_fin) in stocks:
                s = stocks[(dep, y_fin)]
                stock_fin += s
                touched |= s.sum(axis=1) > 0
                has_stock_fin |= s.sum(axis=1) > 0
            if y_debut is not None and (dep, y_debut) in stocks:
                s = stocks[(dep, y_debut)]
                stock_debut += s
                touched |= s.sum(axis=1) > 0
                has_stock_debut |= s.sum(axis=1) > 0
            if y_debut is not None and (dep, y_debut, y_fin) in flows:
                f = flows[(dep, y_debut, y_fin)]
                flow += f
                touched |= f.sum(axis=1) > 0
                has_flow |= touched  # a territory of this département: its flows are known (maybe 0)
            for t in np.nonzero(touched)[0]:
                years_fin[t].add(y_fin)
                if y_debut is not None:
                    years_debut[t].add(y_debut)
        for t in range(n_t):
            a = area[t]
            present = bool(years_fin[t])
            row = {
                "code": territories.codes[t],
                "nom": territories.names[t],
                "index_debut": i_debut,
                "index_fin": i_fin,
                "millesime_debut": _years_text(years_debut[t]) if present and years_debut[t] else None,
                "millesime_fin": _years_text(years_fin[t]) if present else None,
                "surface": a,
            }
            if present:
                sf, sd, fl = stock_fin[t], stock_debut[t], flow[t]
                unknown = []
                if has_stock_fin[t]:
                    row.update(
                        surface_couverte=sf[0] if coverage else None,
                        pourcent_couvert=(100.0 * sf[0] / a if a > 0 else None) if coverage else None,
                        surface_artif=sf[1],
                        pourcent_artif=100.0 * sf[1] / a if a > 0 else None,
                        surface_imper=sf[2],
                        pourcent_imper=100.0 * sf[2] / a if a > 0 else None,
                        surface_indeterminee=sf[3],
                    )
                else:
                    unknown.append("stock")
                if i_debut is not None and has_stock_debut[t]:
                    row.update(
                        surface_artif_debut=sd[1],
                        surface_imper_debut=sd[2],
                        surface_couverte_debut=sd[0] if coverage else None,
                    )
                if i_debut is not None:
                    if has_flow[t]:
                        row.update(
                            flux_artif=fl[0], flux_desartif=fl[1], flux_artif_net=fl[0] - fl[1],
                            flux_imper=fl[2], flux_desimper=fl[3], flux_imper_net=fl[2] - fl[3],
                            flux_indetermine=fl[4],
                        )
                    else:
                        unknown.append("flux")
                row["inconnu"] = ", ".join(unknown) or None
                row["polygones_repares"] = float(repaired[t]) if repaired is not None else 0.0
            rows.append(row)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    for name in ("index_debut", "index_fin"):
        table[name] = table[name].astype("Int64")
    table[NUMBER_COLUMNS] = table[NUMBER_COLUMNS].astype(float)
    zero = [territories.codes[t] for t in range(n_t) if not covered_any[t]]
    return table, zero


def to_unit(table: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Surfaces and flows from m² to ``unit`` ('ha' or 'm2'); percentages are unchanged."""
    factor = UNITS[unit]
    out = table.copy()
    for name in SURFACE_COLUMNS + ["commune_surface"]:
        if name in out.columns:
            out[name] = out[name].astype(float) * factor
    return out


# -------------------------------------------------------------------------------- roll-up


def decode_text(data: bytes) -> str:
    """The text of a CSV file as spreadsheets and GIS tools write them in France: UTF-8 (with or
    without BOM), else Windows-1252, else Latin-1 (which reads any byte)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


@dataclass
class Membership:
    """Commune → EPCI, SCoT, département, région (a table of the appartenance-communes-*.csv shape)."""

    table: pd.DataFrame  # indexed by commune_code; columns epci_code, epci_nom, departement_code, region_code, scot_code, scot_nom
    source: str = ""
    warnings: list[str] = field(default_factory=list)  # what reading the table noticed (duplicate communes…)

    @classmethod
    def from_csv(cls, path: str | Path) -> "Membership":
        path = Path(path)
        if not path.is_file():
            raise TerritoryError(tr("The membership table {path} does not exist. Expected a CSV like appartenance-communes-90.csv.").format(path=path))
        try:
            text = decode_text(path.read_bytes())
        except OSError as error:
            raise TerritoryError(
                tr("The membership table {path} cannot be read: {error}.").format(path=path, error=error.strerror or error)
            ) from None
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = list(csv.DictReader(io.StringIO(text, newline=""), dialect=dialect))
        return cls.from_table(pd.DataFrame(rows, dtype=str), str(path))

    @classmethod
    def from_table(cls, df: pd.DataFrame, source: str = "") -> "Membership":
        lower = {c.lower().strip(): c for c in df.columns}
        missing = [c for c in ("commune_code",) if c not in lower]
        if missing or not any(c in lower for c in ("epci_code", "departement_code", "region_code", "scot_code")):
            raise TerritoryError(
                tr("The membership table has columns {found}. Expected commune_code and membership codes: epci_code, epci_nom, departement_code, region_code (scot_code, scot_nom optional).").format(
                    found=", ".join(map(str, df.columns))
                )
            )
        out = pd.DataFrame({"commune_code": df[lower["commune_code"]].astype(str).str.strip()})
        for name in ("nom", "epci_code", "epci_nom", "epci_nature", "nature_epci", "departement_code", "region_code", "scot_code", "scot_nom"):
            if name in lower:
                out[name] = df[lower[name]].where(df[lower[name]].notna(), None)
                out[name] = out[name].map(lambda v: None if v is None or str(v).strip() == "" else str(v).strip())
        warnings = []
        if "epci_code" in out.columns:
            pairs = out.dropna(subset=["epci_code"]).drop_duplicates(["commune_code", "epci_code"])
            twice = pairs[pairs.duplicated("commune_code", keep=False)]
            if len(twice):
                listed = [f"{code} ({', '.join(group['epci_code'])})" for code, group in twice.groupby("commune_code", sort=True)]
                warnings.append(
                    tr("{count} communes appear several times in the membership table with different EPCI; the first row is used: {communes}.").format(
                        count=len(listed), communes="; ".join(listed[:30]) + (" …" if len(listed) > 30 else "")
                    )
                )
        out = out.drop_duplicates("commune_code").set_index("commune_code")
        return cls(out, source, warnings)

    @classmethod
    def from_rows(cls, communes: pd.DataFrame) -> Optional["Membership"]:
        """Membership read from the commune rows' own columns (epci_code…), when present."""
        cols = [c for c in ("epci_code", "epci_nom", "departement_code", "region_code", "scot_code", "scot_nom", "epci_nature") if c in communes.columns]
        if not cols:
            return None
        df = communes[["code"] + cols].drop_duplicates("code").rename(columns={"code": "commune_code"})
        return cls.from_table(df.astype(object).where(df.notna(), None), tr("commune layer fields"))


@dataclass
class RollupResult:
    levels: dict[str, pd.DataFrame]  # level → table (same columns as the commune table, code/nom of that level)
    members: dict[str, dict[str, list[str]]]  # level → territory code → commune codes
    communes: pd.DataFrame  # commune rows with departement_code, region_code, epci_code, scot_code
    warnings: list[str] = field(default_factory=list)
    without_membership: list[str] = field(default_factory=list)
    missing_communes: list[str] = field(default_factory=list)


SUM_COLUMNS = [c for c in SURFACE_COLUMNS] + ["polygones_repares"]


def _unknown_part(members: pd.DataFrame, pair: bool) -> Optional[str]:
    """What a level's row does not know: 'stock' / 'flux' when no member knows it, 'stock partiel' /
    'flux partiel' when some members do not (the row sums the members that do)."""
    parts = []
    for name, column in (("stock", "surface_artif"), ("flux", "flux_artif")):
        if name == "flux" and not pair:
            continue
        known = members[column].notna()
        if len(members) and not known.all():
            parts.append(name if not known.any() else f"{name} partiel")
    return ", ".join(parts) or None


def _is_ept(code: Optional[str], nature: Optional[str]) -> bool:
    if nature:
        return str(nature).strip().upper() == "EPT"
    return code in EPT_CODES


def rollup(
    communes: pd.DataFrame,
    membership: Optional[Membership] = None,
    levels: Sequence[str] = ("epci", "scot", "departement", "region"),
    feedback: Any = None,
) -> RollupResult:
    """Sum commune rows (``TABLE_COLUMNS``, any unit) into higher levels by membership codes.

    ``membership`` defaults to the commune rows' own columns (epci_code, departement_code…). Communes
    without a membership row are reported; their département is then read from the INSEE code (and its
    région from the département), but they count in no EPCI or SCoT. EPT codes are replaced by the
    Métropole du Grand Paris, the EPCI à fiscalité propre of their communes (reported)."""
    warnings: list[str] = []
    communes = communes.copy()
    membership = membership or Membership.from_rows(communes)
    if membership is None:
        membership = Membership(pd.DataFrame(columns=["epci_code"]).rename_axis("commune_code"))
        warnings.append(tr("No membership codes (neither commune fields nor a membership table): only départements and régions, from the INSEE codes."))
    warnings.extend(membership.warnings)
    table = membership.table
    codes = communes["code"].astype(str)
    known = codes.isin(table.index)
    without = sorted(set(codes[~known]))
    commune_codes = set(codes)
    missing = sorted(c for c in table.index if c not in commune_codes)
    if without:
        warnings.append(
            plural(
                len(without),
                tr("{count} commune has no membership row (département read from the INSEE code, in no EPCI nor SCoT): {codes}."),
                tr("{count} communes have no membership row (département read from the INSEE code, in no EPCI nor SCoT): {codes}."),
            ).format(
                count=len(without), codes=", ".join(without[:30])
            )
        )
    if missing:
        warnings.append(
            plural(
                len(missing),
                tr("{count} commune of the membership table is not in the commune layer (left out): {codes}."),
                tr("{count} communes of the membership table are not in the commune layer (left out): {codes}."),
            ).format(count=len(missing), codes=", ".join(missing[:30]))
        )

    def col(name: str) -> pd.Series:
        if name in table.columns:
            return codes.map(table[name]).where(known, None)
        return pd.Series([None] * len(codes), index=communes.index, dtype=object)

    epci = col("epci_code")
    nature = col("epci_nature") if "epci_nature" in table.columns else col("nature_epci")
    ept_mask = pd.Series([_is_ept(c, n) for c, n in zip(epci, nature)], index=communes.index)
    if ept_mask.any():
        warnings.append(
            plural(
                int(ept_mask.sum()),
                tr("EPT codes are not EPCI: {count} commune of an établissement public territorial counted in the Métropole du Grand Paris ({mgp})."),
                tr("EPT codes are not EPCI: {count} communes of an établissement public territorial counted in the Métropole du Grand Paris ({mgp})."),
            ).format(
                count=int(ept_mask.sum()), mgp=MGP_CODE
            )
        )
        epci = epci.where(~ept_mask, MGP_CODE)
    dep = col("departement_code")
    dep = dep.where(dep.notna(), codes.map(departement_of_commune))
    dep = dep.map(lambda d: None if d is None else reading.normalise_departement(str(d)) if str(d).isdigit() or len(str(d)) <= 3 else str(d))
    reg = col("region_code")
    reg = reg.where(reg.notna(), dep.map(lambda d: departements().get(d, (None, None))[1] if d else None))
    reg = reg.map(lambda r: None if r is None else str(r).zfill(2))
    scot = col("scot_code")
    communes["epci_code"] = epci
    communes["departement_code"] = dep
    communes["region_code"] = reg
    communes["scot_code"] = scot
    names = {
        "epci": {c: n for c, n in zip(col("epci_code"), col("epci_nom")) if c} if "epci_nom" in table.columns else {},
        "scot": {c: n for c, n in zip(scot, col("scot_nom")) if c} if "scot_nom" in table.columns else {},
        "departement": {d: v[0] for d, v in departements().items()},
        "region": dict(regions()),
    }
    if ept_mask.any():
        names["epci"][MGP_CODE] = "Métropole du Grand Paris"
    out_levels: dict[str, pd.DataFrame] = {}
    members: dict[str, dict[str, list[str]]] = {}
    key_of = {"epci": "epci_code", "scot": "scot_code", "departement": "departement_code", "region": "region_code"}
    for level in levels:
        if feedback is not None and feedback.isCanceled():
            raise Canceled()
        key = key_of[level]
        if communes[key].isna().all():
            if level == "scot":
                warnings.append(tr("No SCoT codes (no scot_code field on the communes nor in the membership table): the SCoT level is skipped."))
            else:
                warnings.append(tr("No {level} codes: the level is skipped.").format(level=level))
            continue
        out_levels[level], members[level] = _sum_level(communes, key, names.get(level, {}))
        partial = sorted({str(c) for c, v in zip(out_levels[level]["code"], out_levels[level]["inconnu"]) if isinstance(v, str) and "partiel" in v})
        if partial:
            warnings.append(
                tr("{level}: {count} territories sum only the communes whose stocks or flows are known (field inconnu: '… partiel'): {codes}.").format(
                    level=level, count=len(partial), codes=", ".join(partial[:30])
                )
            )
    return RollupResult(out_levels, members, communes, warnings, without, missing)


def _merge_years(values: Iterable[Any]) -> Optional[str]:
    years: set[int] = set()
    for value in values:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        for part in str(value).split(","):
            part = part.strip()
            if part.isdigit():
                years.add(int(part))
    return _years_text(years) if years else None


def _sum_level(communes: pd.DataFrame, key: str, names: dict) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    data = communes[communes[key].notna()].copy()
    data["_debut"] = data["index_debut"].astype("Int64").fillna(0)
    rows = []
    members: dict[str, list[str]] = {}
    for (code, debut, fin), group in data.groupby([key, "_debut", "index_fin"], sort=True, dropna=False):
        members.setdefault(str(code), sorted(set(group["code"].astype(str))))
        present = group[group["millesime_fin"].notna()]
        row = {
            "code": str(code),
            "nom": names.get(code) or "",
            "index_debut": None if debut == 0 else int(debut),
            "index_fin": int(fin) if not pd.isna(fin) else None,
            "millesime_debut": _merge_years(present["millesime_debut"]),
            "millesime_fin": _merge_years(present["millesime_fin"]),
            "surface": float(group["surface"].sum()),
        }
        for name in SUM_COLUMNS:
            if name == "surface":
                continue
            values = present[name]
            row[name] = float(values.sum()) if values.notna().any() else None
        row["inconnu"] = _unknown_part(present, row["index_debut"] is not None)
        a = row["surface"]
        for pct, num in (("pourcent_couvert", "surface_couverte"), ("pourcent_artif", "surface_artif"), ("pourcent_imper", "surface_imper")):
            row[pct] = 100.0 * row[num] / a if row[num] is not None and a > 0 else None
        rows.append(row)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    for name in ("index_debut", "index_fin"):
        table[name] = table[name].astype("Int64")
    return table, members


def dissolve(members: dict[str, list[str]], geometries: dict[str, QgsGeometry], feedback: Any = None) -> dict[str, QgsGeometry]:
    """Outline of each higher-level territory: the union of its communes' outlines."""
    out: dict[str, QgsGeometry] = {}
    for index, (code, communes) in enumerate(members.items()):
        if feedback is not None and feedback.isCanceled():
            raise Canceled()
        parts = [geometries[c] for c in communes if c in geometries and not geometries[c].isNull()]
        if not parts:
            out[code] = QgsGeometry()
            continue
        union = QgsGeometry.unaryUnion(parts) if len(parts) > 1 else QgsGeometry(parts[0])
        if not union.isNull() and not union.isMultipart():
            union.convertToMultiType()
        out[code] = union
    return out


MEMBERSHIP_OUTPUT = ["epci_code", "departement_code", "region_code", "scot_code"]


def commune_table(result: RollupResult) -> pd.DataFrame:
    """Commune rows with their membership codes after code and nom (other kept columns follow)."""
    communes = result.communes
    extra = [c for c in communes.columns if c not in TABLE_COLUMNS and c not in MEMBERSHIP_OUTPUT]
    ordered = ["code", "nom"] + MEMBERSHIP_OUTPUT + extra + [c for c in TABLE_COLUMNS if c not in ("code", "nom")]
    return communes[ordered]
