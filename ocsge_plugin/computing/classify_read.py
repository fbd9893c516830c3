"""A layer to classify read once into numpy columns (``Columns``): ids, the statuses of the codes
(``rules.resolve`` once per distinct pair of raw codes), IGN's fields, areas and WKB; through OGR's
Arrow interface when the layer is a file or a PostGIS table whose fields read are text, else
through QGIS. Invalid geometries are repaired (``makeValid``) for the computation and noted."""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
from osgeo import ogr
from qgis.core import (
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingFeatureSource,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..domain.correspondence import Correspondence
from ..domain.nomenclature import is_known_code, normalise_code
from ..domain.rules import CODE_BATI, DEFAULT_CONVENTION
from . import thresholds
from .batches import BATCH, Step, WkbColumn, iter_batches, ogr_target, postgis_readable, wkb_blobs
from .codes import UNKNOWN, factorize, pair_status, parse_bool, parse_ign_artif, plain_value
from .gpkg import InvalidGeometries
from .progress import check_canceled

__all__ = [
    "EMPTY_WKB_SIZE",
    "Columns",
    "SeenGeometries",
    "fill_areas",
    "read_columns",
    "settle_validity",
]


def _parsed(cache: dict, raw: Any, parse: Callable[[Any], int]) -> int:
    """``parse(raw)``, computed once per distinct value (IGN layers repeat a handful of values)."""
    value = cache.get(raw)
    if value is None:
        value = cache[raw] = parse(raw)
    return value


def _measure(
    geometry: QgsGeometry, fid: int, area_l: list, wkb_l: list | None, repaired: list, empty: list
) -> None:
    """Area (and WKB for the thresholds) of one polygon, repaired when invalid; empty ones noted."""
    if geometry.isEmpty():  # null geometries are empty too
        empty.append(fid)
        area_l.append(0.0)
        if wkb_l is not None:
            wkb_l.append(b"")
        return
    if not geometry.isGeosValid():
        geometry = _repair(geometry)
        repaired.append(fid)
    area = geometry.area()
    area_l.append(
        area if area > 0.0 else 0.0
    )  # a null geometry (nothing left of a repair) gives -1
    if wkb_l is not None:
        wkb_l.append(bytes(geometry.asWkb()) if not geometry.isNull() else b"")


def _repair(geometry: QgsGeometry) -> QgsGeometry:
    """``makeValid``, keeping the polygonal parts only (a repaired polygon may shed lines or
    points)."""
    repaired = geometry.makeValid()
    if QgsWkbTypes.geometryType(repaired.wkbType()) != QgsWkbTypes.GeometryType.PolygonGeometry:
        if not repaired.convertGeometryCollectionToSubclass(
            QgsWkbTypes.GeometryType.PolygonGeometry
        ):
            return QgsGeometry()
    return repaired


@dataclass(frozen=True)
class _Codes:
    """What the codes say, polygon by polygon (statuses spread from the distinct pairs of raw
    codes)."""

    imper: np.ndarray
    matrix: np.ndarray
    bati: np.ndarray
    rows: np.ndarray  # per polygon, its distinct pair of raw codes
    unknown: dict  # code outside the nomenclature → polygons carrying it
    unknown_rows: dict  # code outside the nomenclature → the pairs carrying it
    nulls: int  # polygons with a null code

    def unknown_surface(self, area: np.ndarray | None) -> dict[str, float]:
        """Surface carrying each code outside the nomenclature (empty when areas are unknown)."""
        if not self.unknown_rows or area is None:
            return {}
        per_pair = np.bincount(
            self.rows, weights=np.nan_to_num(area), minlength=int(self.rows.max(initial=-1)) + 1
        )
        return {code: float(per_pair[rows].sum()) for code, rows in self.unknown_rows.items()}


@dataclass
class Columns:
    fid: np.ndarray
    area: np.ndarray
    ign_artif: np.ndarray | None
    ign_crit: np.ndarray | None
    wkb: Any  # list of WKB, or a WkbColumn (Arrow reading), or None
    repaired: list
    empty: list
    codes: _Codes
    validity: Any = None  # InvalidGeometries still to settle (Arrow reading), else None
    seen: Any = None  # the run's SeenGeometries to record this layer's verdicts in, else None
    identity: Any = None  # (hashes, checks) of the WKB, for ``seen``


def read_columns(
    source: Any,
    cs_name: str,
    us_name: str | None,
    artif_name: str | None,
    crit_name: str | None,
    want_geometry: bool,
    want_wkb: bool,
    feedback: Any,
    layer: Any = None,
    convention: str = DEFAULT_CONVENTION,
    seen: SeenGeometries | None = None,
) -> Columns:
    """One pass over the features: ids, codes → statuses (cached per distinct pair), areas, WKB.

    A layer in a file (or a renaming VRT of ``ocsge:load``) whose fields read are text is read
    through OGR's Arrow interface (``iter_batches``), its codes a column at a time. ``seen``: the
    verdicts of the layers already classified in the run (a GeoPackage's polygons identical to one
    of theirs are not checked again) and where this layer's are recorded."""
    if layer is not None:
        names = (cs_name, us_name, artif_name, crit_name)
        fast = _read_arrow(layer, names, want_geometry, feedback, seen)
        if fast is not None:
            *parts, validity, identity = fast
            columns = _finish(*parts, us_name, feedback, convention)
            columns.validity = validity
            if identity is not None:
                columns.seen, columns.identity = seen, identity
            return columns
    names = (cs_name, us_name, artif_name, crit_name)
    return _read_qgis(source, names, want_geometry, want_wkb, feedback, convention)


def _read_qgis(
    source: Any,
    names: tuple,
    want_geometry: bool,
    want_wkb: bool,
    feedback: Any,
    convention: str,
) -> Columns:
    """``read_columns``'s pass through QGIS, feature by feature (``names``: the couverture, usage,
    IGN artif and crit_seuil fields, None when not read)."""
    cs_name, us_name, artif_name, crit_name = names
    fields = source.fields()
    idx_cs, idx_us, idx_artif, idx_crit = (
        fields.lookupField(name) if name else -1
        for name in (cs_name, us_name, artif_name, crit_name)
    )
    features = _features(
        source, [i for i in (idx_cs, idx_us, idx_artif, idx_crit) if i >= 0], want_geometry
    )
    total = max(source.featureCount(), 1)

    fid_l = array("q")
    area_l = array("d")
    row_l = array("q")  # index of the feature's distinct (couverture, usage) pair
    ign_l = array("b")
    crit_l = array("b")
    wkb_l: list | None = [] if want_wkb else None
    repaired: list[int] = []
    empty: list[int] = []
    pairs: dict[tuple, int] = {}
    ign_cache: dict[Any, int] = {}
    crit_cache: dict[Any, int] = {}
    nan = float("nan")
    with_us, with_artif, with_crit = idx_us >= 0, idx_artif >= 0, idx_crit >= 0
    for n, feature in enumerate(features):
        if n % 5000 == 0:
            check_canceled(feedback)
            if feedback is not None:
                feedback.setProgress(100.0 * n / total)
        fid = feature.id()
        fid_l.append(fid)
        cs = feature.attribute(idx_cs)
        if type(cs) is not str:
            cs = plain_value(cs)
        us = feature.attribute(idx_us) if with_us else None
        if type(us) is not str:
            us = plain_value(us)
        key = (cs, us)
        row = pairs.get(key)
        if row is None:
            row = pairs[key] = len(pairs)
        row_l.append(row)
        if with_artif:
            ign_l.append(
                _parsed(ign_cache, plain_value(feature.attribute(idx_artif)), parse_ign_artif)
            )
        if with_crit:
            crit_l.append(_parsed(crit_cache, plain_value(feature.attribute(idx_crit)), parse_bool))
        if not want_geometry:
            area_l.append(nan)
            continue
        _measure(feature.geometry(), fid, area_l, wkb_l, repaired, empty)
    return _finish(
        pairs,
        row_l,
        fid_l,
        area_l,
        ign_l if with_artif else None,
        crit_l if with_crit else None,
        wkb_l,
        repaired,
        empty,
        us_name,
        feedback,
        convention,
    )


def _features(source: Any, attributes: list[int], want_geometry: bool) -> Iterable:
    """The features of ``source`` through QGIS, only the attributes asked for (geometries
    unchecked: invalid ones are repaired here)."""
    request = QgsFeatureRequest()
    request.setSubsetOfAttributes(attributes)
    if not want_geometry:
        request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    if isinstance(source, QgsProcessingFeatureSource):  # we repair invalid geometries ourselves
        return source.getFeatures(
            request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks
        )
    return source.getFeatures(request)


def _finish(
    pairs: dict,
    row_l: Any,
    fid_l: Any,
    area_l: Any,
    ign_l: Any,
    crit_l: Any,
    wkb_l: list | None,
    repaired: list,
    empty: list,
    us_name: str | None,
    feedback: Any,
    convention: str = DEFAULT_CONVENTION,
) -> Columns:
    """The columns read, with the statuses of their codes."""
    codes = _statuses(pairs, row_l, us_name, convention)
    if feedback is not None:
        feedback.setProgress(100.0)
    return Columns(
        fid=np.asarray(fid_l, dtype=np.int64),
        area=np.asarray(area_l, dtype=np.float64) if area_l is not None else None,
        ign_artif=np.asarray(ign_l, dtype=np.int8) if ign_l is not None else None,
        ign_crit=np.asarray(crit_l, dtype=np.int8) if crit_l is not None else None,
        wkb=wkb_l,
        repaired=repaired,
        empty=empty,
        codes=codes,
    )


def _statuses(pairs: dict, row_l: Any, us_name: str | None, convention: str) -> _Codes:
    """Statuses per distinct pair of raw codes (``pairs``: (couverture, usage) → row), spread to the
    polygons: ``rules.resolve`` once per pair, whatever the number of polygons."""
    unknown: dict[str, int] = {}
    unknown_rows: dict[str, list[int]] = {}
    table: list[tuple[int, int, int]] = []
    is_null: list[bool] = []
    mapped = convention.is_mapped if isinstance(convention, Correspondence) else None
    with_us = bool(us_name) and mapped is None  # a correspondence reads the code alone
    for key in pairs:  # dicts keep insertion order: position = row
        cs, us = normalise_code(key[0]), normalise_code(key[1])
        imper, matrix = pair_status(cs, us, convention)
        table.append((imper, matrix if us_name or mapped else UNKNOWN, int(cs == CODE_BATI)))
        is_null.append(cs is None or (with_us and us is None))
    rows = np.asarray(row_l, dtype=np.int64)
    per_key = np.bincount(rows, minlength=len(table))
    known = mapped or is_known_code
    for key, i in pairs.items():
        for code in (normalise_code(key[0]), normalise_code(key[1]) if with_us else None):
            if code is not None and not known(code):
                unknown[code] = unknown.get(code, 0) + int(per_key[i])
                unknown_rows.setdefault(code, []).append(i)
    nulls = int(per_key[np.asarray(is_null, dtype=bool)].sum()) if table else 0
    codes_table = np.asarray(table, dtype=np.int8).reshape(-1, 3)
    return _Codes(
        codes_table[rows, 0],
        codes_table[rows, 1],
        codes_table[rows, 2].astype(bool),
        rows,
        unknown,
        unknown_rows,
        nulls,
    )


def _read_arrow(
    layer: Any, asked: tuple, want_geometry: bool, feedback: Any, seen: SeenGeometries | None
) -> tuple | None:
    """``read_columns``'s pass through OGR's Arrow interface, or None when the layer is not a file
    OGR reads directly or a field read is not text (the caller then reads through QGIS).

    Geometries are kept as WKB, not measured: their validity is asked of SQLite in a thread (a
    GeoPackage) or checked by ``settle_validity``; areas come from the WKB (``thresholds``). With
    ``seen`` and a GeoPackage, each WKB's hash and check are kept (the last item returned, else
    None) and SQLite checks only the polygons ``seen`` has no verdict for."""
    if not isinstance(layer, QgsVectorLayer) or (
        ogr_target(layer) is None and not postgis_readable(layer)
    ):
        return None
    if not hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):
        return None
    text_names = _text_fields(layer.fields(), asked)
    if text_names is None:
        return None
    cs_name, us_name, artif_name, crit_name = text_names
    names = [name for name in (cs_name, us_name, artif_name, crit_name) if name]
    step = Step(feedback)
    pairs: dict[tuple, int] = {}
    fid_parts: list = []
    row_parts: list = []
    ign_parts: list = []
    crit_parts: list = []
    area_l = array("d")
    length_parts: list = []  # the WKB is not kept: re-read when needed (``WkbColumn``)
    track = seen is not None and want_geometry and InvalidGeometries.of_geopackage(layer)
    hash_parts: list = []
    crc_parts: list = []
    later = track and seen.count > 0  # started once the verdicts known are looked up
    validity = InvalidGeometries.start(layer) if want_geometry and not later else None
    nan = float("nan")
    for batch in iter_batches(layer, names, step):
        fid = np.array(
            batch["fid"], dtype=np.int64
        )  # a copy: a view would keep the whole batch (its WKB) alive
        n = fid.size
        fid_parts.append(fid)
        row_parts.append(_batch_rows(batch, cs_name, us_name, n, pairs))
        for name, parse, parts in (
            (artif_name, parse_ign_artif, ign_parts),
            (crit_name, parse_bool, crit_parts),
        ):
            if name:
                parts.append(_parsed_column(batch[name], parse, n))
        if not want_geometry:
            area_l.extend([nan] * n)
            continue
        blobs = wkb_blobs(batch["wkb"])
        length_parts.append(np.fromiter(map(len, blobs), dtype=np.int64, count=n))
        if track:
            hash_parts.append(np.fromiter(map(hash, blobs), dtype=np.int64, count=n))
            crc_parts.append(np.fromiter(map(zlib.crc32, blobs), dtype=np.int64, count=n))
    fid_a = np.concatenate(fid_parts) if fid_parts else np.zeros(0, np.int64)
    row_a = np.concatenate(row_parts) if row_parts else np.zeros(0, np.int64)
    ign_a = (
        (np.concatenate(ign_parts) if ign_parts else np.zeros(0, np.int8)) if artif_name else None
    )
    crit_a = (
        (np.concatenate(crit_parts) if crit_parts else np.zeros(0, np.int8)) if crit_name else None
    )
    area = None if want_geometry else area_l  # from the WKB, once their validity is settled
    wkb = (
        WkbColumn(
            layer, fid_a, np.concatenate(length_parts) if length_parts else np.zeros(0, np.int64)
        )
        if want_geometry
        else None
    )
    identity = _identity(hash_parts, crc_parts, wkb.lengths) if track else None
    if later:
        validity = seen.validity(layer, fid_a, *identity)
    return pairs, row_a, fid_a, area, ign_a, crit_a, wkb, [], [], validity, identity


def _identity(hash_parts: list, crc_parts: list, lengths: np.ndarray) -> tuple:
    """(hashes, checks) of a layer's WKB: Python's hash, and length << 32 | CRC-32."""
    if not hash_parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(hash_parts), (lengths << 32) | np.concatenate(crc_parts)


def _text_fields(layer_fields: Any, asked: tuple) -> tuple | None:
    """The fields ``asked`` as the layer spells them (None for those not asked), or None when one
    is absent or not text (the Arrow pass reads text columns only)."""
    for name in asked:
        if name:
            index = layer_fields.lookupField(name)
            if index < 0 or layer_fields.at(index).type() != QVariant.Type.String:
                return None
    return tuple(
        layer_fields.at(layer_fields.lookupField(name)).name() if name else None for name in asked
    )


def _batch_rows(batch: dict, cs_name: str, us_name: str | None, n: int, pairs: dict) -> np.ndarray:
    """Per polygon of an Arrow batch, the row of its distinct (couverture, usage) pair in ``pairs``
    (new pairs added), the codes factorised a column at a time."""
    cs_codes, cs_uniques = factorize(batch[cs_name])
    if us_name:
        us_codes, us_uniques = factorize(batch[us_name])
    else:
        us_codes, us_uniques = np.zeros(n, dtype=np.int64), [None]
    combined = cs_codes * (len(us_uniques) + 1) + us_codes
    distinct, inverse = np.unique(combined, return_inverse=True)
    local = np.empty(distinct.size, dtype=np.int64)
    for k, value in enumerate(distinct.tolist()):
        key = (
            cs_uniques[value // (len(us_uniques) + 1)],
            us_uniques[value % (len(us_uniques) + 1)],
        )
        row = pairs.get(key)
        if row is None:
            row = pairs[key] = len(pairs)
        local[k] = row
    return local[inverse.reshape(-1)]


def _parsed_column(values: Any, parse: Callable[[Any], int], n: int) -> np.ndarray:
    """An IGN field of an Arrow batch parsed (``parse`` once per distinct value), as int8."""
    codes, uniques = factorize(values)
    return (
        np.asarray([parse(u) for u in uniques], dtype=np.int8).reshape(-1)[codes]
        if n
        else np.zeros(0, np.int8)
    )


class SeenGeometries:
    """The validity verdicts of the polygons of the GeoPackages already classified in a run (SQLite
    found the polygon invalid or could not check it: a suspect), by WKB: its hash, and its length
    and CRC-32 (the test the overlay pairs identical polygons by, ``flows_overlay``). A polygon of
    another millésime whose WKB is the same, byte for byte, gets the same verdict from the same
    query: SQLite checks only the others (at 1,000,000 polygons, 2.5 % of the second millésime).
    """

    def __init__(self) -> None:
        self.hashes = np.zeros(0, np.int64)  # sorted, one per distinct WKB
        self.checks = np.zeros(0, np.int64)
        self.suspect = np.zeros(0, bool)

    @property
    def count(self) -> int:
        return int(self.hashes.size)

    def add(self, hashes: np.ndarray, checks: np.ndarray, suspect: np.ndarray) -> None:
        """Record the verdicts of a layer's polygons (their WKB hashes and checks). A hash met
        with two checks or two verdicts (different WKB) is forgotten: its polygons are checked."""
        keep = hashes != 0  # no geometry
        hashes = np.concatenate([self.hashes, hashes[keep]])
        checks = np.concatenate([self.checks, checks[keep]])
        suspect = np.concatenate([self.suspect, suspect[keep]])
        order = np.lexsort((suspect, checks, hashes))
        hashes, checks, suspect = hashes[order], checks[order], suspect[order]
        same = hashes[1:] == hashes[:-1]
        clash = same & ((checks[1:] != checks[:-1]) | (suspect[1:] != suspect[:-1]))
        first = np.ones(hashes.size, bool)
        first[1:] = ~same
        keep = first & ~np.isin(hashes, hashes[1:][clash])
        self.hashes, self.checks, self.suspect = hashes[keep], checks[keep], suspect[keep]

    def verdicts(self, hashes: np.ndarray, checks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(known, suspect): per polygon, whether its WKB was seen, and if so its verdict."""
        if not self.count:
            return np.zeros(hashes.size, bool), np.zeros(hashes.size, bool)
        at = np.minimum(np.searchsorted(self.hashes, hashes), self.count - 1)
        known = (self.hashes[at] == hashes) & (self.checks[at] == checks) & (hashes != 0)
        return known, known & self.suspect[at]

    def validity(self, layer: Any, fid: np.ndarray, hashes: np.ndarray, checks: np.ndarray) -> Any:
        """The validity query of ``layer`` (a GeoPackage) on the polygons without a verdict, the
        suspects known added to its answer; on the whole layer when most are without one."""
        known, suspect = self.verdicts(hashes, checks)
        if 2 * np.count_nonzero(known) < fid.size:
            return InvalidGeometries.start(layer)
        return _Known(InvalidGeometries.start(layer, only=fid[~known]), fid[suspect].tolist())


class _Known:
    """An ``InvalidGeometries`` on some polygons, with the suspects known of the others."""

    def __init__(self, query: InvalidGeometries, suspects: list[int]) -> None:
        self.query, self.suspects = query, suspects

    def result(self, feedback: Any = None) -> set[int] | None:
        found = self.query.result(feedback)
        return None if found is None else found.union(self.suspects)


EMPTY_WKB_SIZE = 9  # byte order, type, zero rings / parts: an empty (multi)polygon


def settle_validity(columns: Columns, feedback: Any) -> bool:
    """Validity of the geometries read as WKB (Arrow): repair the invalid ones (``makeValid``) in
    ``columns.wkb``, note them and the empty ones; True when a geometry was repaired. The areas are
    computed afterwards from the WKB (by the thresholds, or ``fill_areas``)."""
    if columns.validity is None:
        return False
    suspects = columns.validity.result(feedback)
    columns.validity = None
    if columns.seen is not None and suspects is not None:
        columns.seen.add(*columns.identity, np.isin(columns.fid, list(suspects)))
    columns.seen = columns.identity = None
    wkb, fids = columns.wkb, columns.fid.tolist()
    lengths = (
        wkb.lengths
        if isinstance(wkb, WkbColumn)
        else np.fromiter(map(len, wkb), dtype=np.int64, count=len(wkb))
    )
    columns.empty = columns.fid[lengths <= EMPTY_WKB_SIZE].tolist()
    if suspects is None:  # SQLite could not tell: every geometry is checked here
        every = (
            (blob for chunk in wkb.chunks(BATCH) for blob in chunk)
            if isinstance(wkb, WkbColumn)
            else iter(wkb)
        )
        items: Iterable = enumerate(every)
    else:
        items = ((i, wkb[i]) for i in _positions(columns.fid, suspects))
    repaired = []
    for n, (i, blob) in enumerate(items):
        if n % 5000 == 0:
            check_canceled(feedback)
        if len(blob) <= EMPTY_WKB_SIZE:
            continue
        geometry = QgsGeometry()
        geometry.fromWkb(blob)
        if geometry.isEmpty() or geometry.isGeosValid():
            continue
        fixed = _repair(geometry)
        wkb[i] = bytes(fixed.asWkb()) if not fixed.isNull() and not fixed.isEmpty() else b""
        repaired.append(fids[i])
    columns.repaired = repaired  # in reading order
    return bool(repaired)


def _positions(fid: np.ndarray, wanted: Iterable[int]) -> list[int]:
    """Positions in ``fid`` of the ids ``wanted`` (ids absent are skipped), in reading order."""
    wanted_a = np.fromiter(wanted, dtype=np.int64)
    return np.flatnonzero(np.isin(fid, wanted_a)).tolist() if wanted_a.size else []


def fill_areas(columns: Columns) -> None:
    """``columns.area`` from the WKB when it is still to be computed (no thresholds to do it)."""
    if columns.area is None:
        columns.area = thresholds.polygon_areas(columns.wkb)
