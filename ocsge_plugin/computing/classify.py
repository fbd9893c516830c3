"""Imperméabilisation and artificialisation of every polygon of a layer: the classification core.

Read once, polygon by polygon, then decide with the décret's rules (``rules.py``) and, for the
``matrice_seuils`` method, the thresholds engine (``thresholds.py``). Everything downstream (flows,
territories, exports) builds on this module; its public API is small and meant to stay stable:

Constants
    ``METHODS = ('ign', 'matrice', 'matrice_seuils')`` and ``AUTO = 'auto'``;
    ``SOURCES = ('', 'ign', 'matrice', 'seuil')``: names of the ``artif_source`` codes (0 =
    indéterminé);
    ``RAISONS = ('', 'matrice', 'seuil')``: names of the ``raison`` codes of a comparison;
    ``DETERMINED, NOT_DETERMINED``: the int8 codes are 1 (yes), 0 (no), -1 (indéterminé).

Functions
    ``classify_layer(source, method, cs_field='code_cs', us_field='code_us', feedback=None, *,
    artif_field='artif', crit_field='crit_seuil', with_geometry=True) -> Classification``
        ``source`` is a ``QgsVectorLayer`` or any ``QgsFeatureSource`` (a Processing source too);
        ``method`` one of ``METHODS`` or ``AUTO``.
    ``compare_with_ign(source, cs_field='code_cs', us_field='code_us', feedback=None, *,
    artif_field='artif', crit_field='crit_seuil') -> Comparison``: IGN's artificialisation layer
        against ``matrice_seuils`` recomputed on the same polygons.
    ``summary(classification) -> list[Indicator]``: the indicators of the summary table.
    ``resolve_method(method, fields) -> str``, ``check_crs(crs, extent=None)``,
    ``suggest_projected_crs(lon, lat) -> (epsg, name)``, ``find_field(fields, name,
    alternatives=())``,
    ``parse_ign_artif(value) -> int``, ``parse_bool(value) -> int``.
    ``output_fields(input_fields, added) -> (QgsFields, renamed)`` and ``write_features(...)``:
    write
    the input polygons with added attributes to a ``QgsFeatureSink`` (by batches; the added
    attributes
    of every polygon at once: ``classification_rows(c)``).

Errors
    ``ClassifyError`` (its message is translated and meant for the user: what is wrong, what is
    expected) and ``Canceled`` (``feedback.isCanceled()`` became true).

Arrays of a :class:`Classification` are aligned on the features as read (``fid[i]`` is feature
``i``'s id): ``area`` (m², planar, after repair), ``imper`` / ``artif_matrice`` / ``artif`` (int8:
1, 0,
-1 indéterminé), ``crit_seuil`` (bool: the thresholds changed this polygon), ``artif_source`` (int8
codes into ``SOURCES``), ``bati`` (couverture CS1.1.1.1).

The methods:

``ign``
    IGN's ``artif`` ('artif' / 'non artif'; booleans and 1/0 accepted) and ``crit_seuil`` fields are
    the
    answer. ``artif_matrice`` is then IGN's status *before* its thresholds: ``artif`` XOR
    ``crit_seuil``.
``matrice``
    The couverture × usage matrix only (``rules.resolve``): resolved once per distinct pair of raw
    codes.
``matrice_seuils``
    The matrix, then the thresholds (one pass, see ``thresholds.py``) on the repaired geometries.

Imperméabilisation always comes from the couverture. Codes of any level of the nomenclature are read
(``rules.resolve``, under the ``convention`` given): a polygon whose leaves do not all give the same
answer (a parent code such as CS2.2 with US6, a null or INDETERMINE usage on CS1.1.2.1…) is
*indéterminé* (-1): it is counted apart, never as non-artificialised. Invalid
geometries (``isGeosValid``) are repaired with ``makeValid`` for the computation (area, thresholds)
and counted; the output keeps the user's geometry.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFields,
    QgsGeometry,
    QgsProcessingFeatureSource,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core.definitions import AUTO, CONVENTIONS, METHODS
from ..core.errors import Canceled, ClassifyError
from ..core.i18n import plural, tr
from ..domain.nomenclature import is_known_code, normalise_code
from ..domain.rules import CODE_BATI, DEFAULT_CONVENTION
from . import thresholds
from .batches import BATCH, Step, WkbColumn, iter_batches, ogr_target, postgis_readable, wkb_blobs
from .classified import RAISONS, SOURCES, Classification, Comparison
from .codes import UNKNOWN, YES, factorize, pair_status, parse_bool, parse_ign_artif, plain_value
from .gpkg import InvalidGeometries
from .progress import ScaledFeedback, check_canceled

__all__ = [
    "AUTO",
    "METHODS",
    "Canceled",
    "ClassifyError",
    "check_crs",
    "classify_layer",
    "compare_with_ign",
    "find_field",
    "parse_bool",
    "parse_ign_artif",
    "resolve_method",
    "suggest_projected_crs",
]


# Field spellings tried when the default name is absent (case is ignored everywhere).
CS_ALTERNATIVES = ("code_cs", "couverture", "cs")
US_ALTERNATIVES = ("code_us", "usage", "us")

# Projected CRS of each OCS GE territory, with a box (lon_min, lat_min, lon_max, lat_max) to
# recognise it.
PROJECTED_CRS = (
    (5490, "RGAF09 / UTM 20N (Guadeloupe, Martinique)", (-63.5, 14.0, -60.5, 18.5)),
    (2972, "RGFG95 / UTM 22N (Guyane)", (-55.0, 1.5, -51.0, 6.5)),
    (2975, "RGR92 / UTM 40S (La Réunion)", (54.9, -21.6, 56.0, -20.6)),
    (4471, "RGM04 / UTM 38S (Mayotte)", (44.8, -13.2, 45.5, -12.4)),
)
LAMBERT_93 = (2154, "RGF93 / Lambert-93 (métropole)")


# ----------------------------------------------------------------------------- small helpers


def find_field(fields: QgsFields, name: str | None, alternatives: Iterable[str] = ()) -> str | None:
    """The field called ``name`` (case ignored), else the first of ``alternatives`` present, else
    None."""
    by_lower = {f.name().lower(): f.name() for f in fields}
    for candidate in ([name] if name else []) + list(alternatives):
        if candidate and candidate.lower() in by_lower:
            return by_lower[candidate.lower()]
    return None


def resolve_method(method: str, fields: QgsFields, artif_field: str = "artif") -> str:
    """``AUTO`` → 'ign' when the layer has IGN's artif field, else 'matrice_seuils'."""
    if method == AUTO:
        return "ign" if find_field(fields, artif_field) else "matrice_seuils"
    if method not in METHODS:
        raise ClassifyError(
            tr("Unknown method {method}. Expected one of: {methods}.").format(
                method=method, methods=", ".join((AUTO,) + METHODS)
            )
        )
    return method


def suggest_projected_crs(lon: float, lat: float) -> tuple[int, str]:
    """The OCS GE projected CRS for a place (longitude, latitude in degrees): outre-mer boxes, else
    Lambert-93."""
    for epsg, name, (x0, y0, x1, y1) in PROJECTED_CRS:
        if x0 <= lon <= x1 and y0 <= lat <= y1:
            return epsg, name
    return LAMBERT_93


def check_crs(crs: QgsCoordinateReferenceSystem, extent: QgsRectangle | None = None) -> str | None:
    """Refuse a geographic (or non-metric) CRS, naming the projected CRS to use; a warning (text) or
    None.

    ``extent`` is the layer's extent in ``crs``: it picks the suggestion (outre-mer or
    métropole)."""
    if not crs.isValid():
        return tr("The layer has no coordinate system: its coordinates are taken as metres.")
    if crs.isGeographic() or crs.mapUnits() != QgsUnitTypes.DistanceUnit.DistanceMeters:
        lon, lat = 2.5, 46.5
        if extent is not None and not extent.isEmpty():
            centre = extent.center()
            try:
                wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
                point = QgsCoordinateTransform(crs, wgs84, QgsProject.instance()).transform(centre)
                lon, lat = point.x(), point.y()
            except Exception:  # noqa: BLE001 - a suggestion only
                pass
        epsg, name = suggest_projected_crs(lon, lat)
        others = ", ".join(
            f"EPSG:{e} {n}"
            for e, n, _ in ((LAMBERT_93[0], LAMBERT_93[1], None),) + PROJECTED_CRS
            if e != epsg
        )
        raise ClassifyError(
            tr(
                "The layer is in {crs}, whose unit is not the metre: surfaces would be "
                "meaningless. "
                "Reproject it first (e.g. with 'Reproject layer') to the département's "
                "projected CRS: "
                "here EPSG:{epsg} {name}. Expected a projected CRS in metres (OCS GE "
                "uses {others})."
            ).format(crs=crs.authid() or crs.description(), epsg=epsg, name=name, others=others)
        )
    return None


def check_convention(convention: str) -> None:
    """Refuse a convention that is not one of ``rules.CONVENTIONS``."""
    if convention not in CONVENTIONS:
        raise ClassifyError(
            tr("Unknown convention {convention}. Expected one of: {conventions}.").format(
                convention=convention, conventions=", ".join(CONVENTIONS)
            )
        )


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


# ------------------------------------------------------------------------------------ reading


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
class _Columns:
    fid: np.ndarray
    area: np.ndarray
    ign_artif: np.ndarray | None
    ign_crit: np.ndarray | None
    wkb: Any  # list of WKB, or a WkbColumn (Arrow reading), or None
    repaired: list
    empty: list
    codes: _Codes
    validity: Any = None  # InvalidGeometries still to settle (Arrow reading), else None


def _read(
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
) -> _Columns:
    """One pass over the features: ids, codes → statuses (cached per distinct pair), areas, WKB.

    A layer in a file (or a renaming VRT of ``ocsge:load``) whose fields read are text is read
    through
    OGR's Arrow interface (``iter_batches``), its codes a column at a time."""
    if layer is not None:
        fast = _read_arrow(layer, cs_name, us_name, artif_name, crit_name, want_geometry, feedback)
        if fast is not None:
            *parts, validity = fast
            columns = _finish(*parts, us_name, feedback, convention)
            columns.validity = validity
            return columns
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
    """The features of ``source`` through QGIS, only the attributes asked for (geometries unchecked:
    invalid ones are repaired here)."""
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
) -> _Columns:
    """The columns read, with the statuses of their codes."""
    codes = _statuses(pairs, row_l, us_name, convention)
    if feedback is not None:
        feedback.setProgress(100.0)
    return _Columns(
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
    for key in pairs:  # dicts keep insertion order: position = row
        cs, us = normalise_code(key[0]), normalise_code(key[1])
        imper, matrix = pair_status(cs, us, convention)
        table.append((imper, matrix if us_name else UNKNOWN, int(cs == CODE_BATI)))
        is_null.append(cs is None or (bool(us_name) and us is None))
    rows = np.asarray(row_l, dtype=np.int64)
    per_key = np.bincount(rows, minlength=len(table))
    for key, i in pairs.items():
        for code in (normalise_code(key[0]), normalise_code(key[1]) if us_name else None):
            if code is not None and not is_known_code(code):
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
    layer: Any,
    cs_name: str,
    us_name: str | None,
    artif_name: str | None,
    crit_name: str | None,
    want_geometry: bool,
    feedback: Any,
) -> tuple | None:
    """``_read``'s pass through OGR's Arrow interface, or None when the layer is not a file OGR
    reads
    directly or a field read is not text (the caller then reads through QGIS).

    Geometries are kept as WKB, not measured: their validity is asked of SQLite in a thread (a
    GeoPackage) or checked by ``_settle``; areas come from the WKB (``thresholds``)."""
    if not isinstance(layer, QgsVectorLayer) or (
        ogr_target(layer) is None and not postgis_readable(layer)
    ):
        return None
    if not hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):
        return None
    layer_fields = layer.fields()
    for name in (cs_name, us_name, artif_name, crit_name):
        if name:
            index = layer_fields.lookupField(name)
            if index < 0 or layer_fields.at(index).type() != QVariant.Type.String:
                return None
    cs_name, us_name, artif_name, crit_name = (
        layer_fields.at(layer_fields.lookupField(name)).name() if name else None
        for name in (cs_name, us_name, artif_name, crit_name)
    )
    names = [name for name in (cs_name, us_name, artif_name, crit_name) if name]
    step = Step(feedback)
    pairs: dict[tuple, int] = {}
    fid_parts: list = []
    row_parts: list = []
    ign_parts: list = []
    crit_parts: list = []
    area_l = array("d")
    length_parts: list = []  # the WKB is not kept: re-read when needed (``WkbColumn``)
    validity = InvalidGeometries.start(layer) if want_geometry else None
    nan = float("nan")
    for batch in iter_batches(layer, names, step):
        fid = np.array(
            batch["fid"], dtype=np.int64
        )  # a copy: a view would keep the whole batch (its WKB) alive
        n = fid.size
        fid_parts.append(fid)
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
        row_parts.append(local[inverse.reshape(-1)])
        for name, parse, parts in (
            (artif_name, parse_ign_artif, ign_parts),
            (crit_name, parse_bool, crit_parts),
        ):
            if name:
                codes, uniques = factorize(batch[name])
                parts.append(
                    np.asarray([parse(u) for u in uniques], dtype=np.int8).reshape(-1)[codes]
                    if n
                    else np.zeros(0, np.int8)
                )
        if not want_geometry:
            area_l.extend([nan] * n)
            continue
        length_parts.append(np.fromiter(map(len, wkb_blobs(batch["wkb"])), dtype=np.int64, count=n))
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
    return pairs, row_a, fid_a, area, ign_a, crit_a, wkb, [], [], validity


EMPTY_WKB_SIZE = 9  # byte order, type, zero rings / parts: an empty (multi)polygon


def _settle(columns: _Columns, feedback: Any) -> bool:
    """Validity of the geometries read as WKB (Arrow): repair the invalid ones (``makeValid``) in
    ``columns.wkb``, note them and the empty ones; True when a geometry was repaired. The areas are
    computed afterwards from the WKB (by the thresholds, or ``_areas``)."""
    if columns.validity is None:
        return False
    suspects = columns.validity.result(feedback)
    columns.validity = None
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


def _areas(columns: _Columns) -> None:
    """``columns.area`` from the WKB when it is still to be computed (no thresholds to do it)."""
    if columns.area is None:
        columns.area = thresholds.polygon_areas(columns.wkb)


def _check_source(source: Any) -> str | None:
    """Refuse what cannot be classified; return a warning or None."""
    if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.GeometryType.PolygonGeometry:
        raise ClassifyError(
            tr(
                "The layer does not hold polygons. Expected an OCS GE polygon layer "
                "(occupation du sol or artificialisation)."
            )
        )
    extent = source.sourceExtent() if hasattr(source, "sourceExtent") else None
    return check_crs(source.sourceCrs(), extent)


def _require(fields: QgsFields, name: str | None, alternatives: Iterable[str], role: str) -> str:
    found = find_field(fields, name, alternatives)
    if found is None:
        raise ClassifyError(
            tr(
                "The {role} field {name} is missing from the layer (fields: {fields}). "
                "Expected a layer as ocsge:load outputs it, or choose the field."
            ).format(role=role, name=name or "?", fields=", ".join(fields.names()))
        )
    return found


# ------------------------------------------------------------------------------ entry points


def classify_layer(
    source: Any,
    method: str = "matrice_seuils",
    cs_field: str | None = "code_cs",
    us_field: str | None = "code_us",
    feedback: Any = None,
    *,
    artif_field: str = "artif",
    crit_field: str = "crit_seuil",
    with_geometry: bool = True,
    layer: Any = None,
    convention: str = DEFAULT_CONVENTION,
) -> Classification:
    """Imperméabilisation and artificialisation of every polygon of ``source`` by ``method``.

    Args:
        source: a ``QgsVectorLayer`` or ``QgsFeatureSource`` of polygons in a projected CRS
        (metres).
        method: ``'ign'``, ``'matrice'``, ``'matrice_seuils'`` or ``AUTO``.
        cs_field, us_field: couverture and usage fields (case ignored; ``couverture`` / ``usage``
        are
            tried when the default name is absent). The usage is not needed by ``'ign'``.
        feedback: optional ``QgsProcessingFeedback``-like (``setProgress``, ``isCanceled``).
        artif_field, crit_field: IGN's fields, read by ``'ign'`` (``crit_field`` optional).
        with_geometry: False skips reading geometries (``area`` is NaN) for ``'ign'`` /
        ``'matrice'``;
            ``'matrice_seuils'`` always needs them.
        layer: the ``QgsVectorLayer`` whose features ``source`` gives, all of them (a Processing
        source
            without selection, limit or filter); when it is a file, it is read through OGR's Arrow
            interface. A ``QgsVectorLayer`` given as ``source`` is its own ``layer``.
        convention: how codes above the leaves or outside the nomenclature are read
            (``rules.CONVENTIONS``: 'indetermine', the default, or 'national').

    Raises:
        ClassifyError: not polygons, geographic CRS, missing fields, IGN method without ``artif``.
        Canceled: the feedback was canceled.
    """
    warnings: list[str] = []
    check_convention(convention)
    note = _check_source(source)
    if note:
        warnings.append(note)
    fields = source.fields()
    method = resolve_method(method, fields, artif_field)
    used: dict[str, str] = {}
    cs_name = _require(
        fields, cs_field, CS_ALTERNATIVES if cs_field in (None, "code_cs") else (), tr("couverture")
    )
    used["couverture"] = cs_name
    us_name = None
    artif_name = crit_name = None
    if method == "ign":
        artif_name = find_field(fields, artif_field)
        if artif_name is None:
            raise ClassifyError(
                tr(
                    "The IGN method reads IGN's {field} field, which this layer does not "
                    "have (fields: {fields}). "
                    "Expected IGN's artificialisation layer (artif_<year>_<dep>, as "
                    "ocsge:load outputs it); "
                    "for an occupation du sol layer choose the method 'matrice + seuils'."
                ).format(field=artif_field, fields=", ".join(fields.names()))
            )
        used["artif"] = artif_name
        crit_name = find_field(fields, crit_field)
        if crit_name is None:
            warnings.append(
                tr(
                    "No {field} field: IGN's thresholds are taken as having changed nothing."
                ).format(field=crit_field)
            )
        else:
            used["crit_seuil"] = crit_name
        us_name = find_field(
            fields, us_field, US_ALTERNATIVES if us_field in (None, "code_us") else ()
        )
    else:
        us_name = _require(
            fields, us_field, US_ALTERNATIVES if us_field in (None, "code_us") else (), tr("usage")
        )
        used["usage"] = us_name
    if us_name:
        used["usage"] = us_name

    seuils = method == "matrice_seuils"
    geometry = with_geometry or seuils
    read_end = 40.0 if seuils else 100.0
    if layer is None and isinstance(source, QgsVectorLayer):
        layer = source
    columns = _read(
        source,
        cs_name,
        us_name,
        artif_name,
        crit_name,
        geometry,
        seuils,
        ScaledFeedback(feedback, 0.0, read_end),
        layer,
        convention,
    )
    result = _classify_settled(columns, method, warnings, used, feedback, read_end)
    result.convention = convention
    return result


def _classify_settled(
    columns: _Columns, method: str, warnings: list[str], used: dict, feedback: Any, start: float
) -> Classification:
    """``_classify`` once the geometries' validity is settled. With the thresholds, they run while
    SQLite checks validity (most layers have no invalid polygon) and again if a polygon was
    repaired."""
    if method == "matrice_seuils" and columns.validity is not None:
        result = _classify(
            columns, method, warnings, used, feedback, start
        )  # adds no warning with seuils
        if not _settle(columns, feedback):
            columns.wkb = None
            return _with_geometry_notes(result, columns)
        columns.area = None  # the repaired polygons' areas and adjacency: again
        result = _classify(columns, method, warnings, used, feedback, start)
    else:
        _settle(columns, feedback)
        if columns.wkb is not None:
            _areas(columns)
        result = _classify(columns, method, warnings, used, feedback, start)
    columns.wkb = None
    return result


def _with_geometry_notes(result: Classification, columns: _Columns) -> Classification:
    """A classification made before ``_settle`` noted the empty geometries (no repair happened)."""
    result.empty_fids = columns.empty
    result.repaired_fids = columns.repaired
    return result


def _classify(
    columns: _Columns, method: str, warnings: list[str], used: dict, feedback: Any, start: float
) -> Classification:
    n = columns.fid.size
    crit = np.zeros(n, dtype=bool)
    result_thresholds = None
    if method == "ign":
        artif = columns.ign_artif.copy()
        ign_crit = columns.ign_crit if columns.ign_crit is not None else np.zeros(n, dtype=np.int8)
        if columns.ign_crit is not None:
            null_crit = int(np.count_nonzero((ign_crit == UNKNOWN) & (artif != UNKNOWN)))
            if null_crit:
                warnings.append(
                    plural(
                        null_crit,
                        tr(
                            "{count} polygon with a null crit_seuil: taken as not "
                            "changed by IGN's thresholds."
                        ),
                        tr(
                            "{count} polygons with a null crit_seuil: taken as not "
                            "changed by IGN's thresholds."
                        ),
                    ).format(count=null_crit)
                )
        crit = (ign_crit == YES) & (artif != UNKNOWN)
        artif_matrice = np.where(
            artif == UNKNOWN, UNKNOWN, np.where(crit, 1 - artif, artif)
        ).astype(np.int8)
        source = np.where(artif == UNKNOWN, 0, SOURCES.index("ign")).astype(np.int8)
        no_answer = int(np.count_nonzero(artif == UNKNOWN))
        if no_answer:
            warnings.append(
                plural(
                    no_answer,
                    tr(
                        "{count} polygon without a readable IGN artif value, counted as "
                        "indéterminé."
                    ),
                    tr(
                        "{count} polygons without a readable IGN artif value, counted as "
                        "indéterminé."
                    ),
                ).format(count=no_answer)
            )
    else:
        artif_matrice = columns.codes.matrix
        if method == "matrice":
            artif = artif_matrice.copy()
        else:
            try:
                result_thresholds = thresholds.apply_thresholds(
                    columns.wkb,
                    artif_matrice,
                    columns.codes.bati,
                    areas=columns.area,
                    feedback=ScaledFeedback(feedback, start, 100.0),
                )
            except ValueError as error:
                raise ClassifyError(
                    tr("The thresholds could not be computed: {error}").format(error=error)
                ) from None
            if columns.area is None:
                columns.area = result_thresholds.area
            artif = np.where(
                artif_matrice == UNKNOWN, UNKNOWN, result_thresholds.artif.astype(np.int8)
            ).astype(np.int8)
            crit = result_thresholds.changed & (artif_matrice != UNKNOWN)
        source = np.where(
            artif == UNKNOWN, 0, np.where(crit, SOURCES.index("seuil"), SOURCES.index("matrice"))
        ).astype(np.int8)
    if feedback is not None:
        feedback.setProgress(100.0)
    return Classification(
        method=method,
        fid=columns.fid,
        area=columns.area,
        imper=columns.codes.imper,
        artif_matrice=artif_matrice.astype(np.int8),
        artif=artif.astype(np.int8),
        crit_seuil=crit,
        artif_source=source,
        bati=columns.codes.bati,
        repaired_fids=columns.repaired,
        empty_fids=columns.empty,
        unknown_codes=columns.codes.unknown,
        unknown_surface=columns.codes.unknown_surface(columns.area),
        null_codes=columns.codes.nulls,
        warnings=warnings,
        fields_used=used,
        thresholds=result_thresholds,
    )


def compare_with_ign(
    source: Any,
    cs_field: str | None = "code_cs",
    us_field: str | None = "code_us",
    feedback: Any = None,
    *,
    artif_field: str = "artif",
    crit_field: str = "crit_seuil",
) -> Comparison:
    """Recompute ``matrice_seuils`` on IGN's artificialisation layer and compare, polygon by
    polygon.

    A polygon is compared when both answers are determined. A disagreement's ``raison`` is
    ``'matrice'`` when the matrix alone already disagrees with IGN's status before its thresholds
    (``artif`` XOR ``crit_seuil``), else ``'seuil'`` (the difference comes from the thresholds).
    """
    warnings: list[str] = []
    note = _check_source(source)
    if note:
        warnings.append(note)
    fields = source.fields()
    used: dict[str, str] = {}
    cs_name = _require(
        fields, cs_field, CS_ALTERNATIVES if cs_field in (None, "code_cs") else (), tr("couverture")
    )
    us_name = _require(
        fields, us_field, US_ALTERNATIVES if us_field in (None, "code_us") else (), tr("usage")
    )
    artif_name = find_field(fields, artif_field)
    if artif_name is None:
        raise ClassifyError(
            tr(
                "The layer has no {field} field (fields: {fields}). Expected IGN's "
                "artificialisation layer "
                "(artif_<year>_<dep>, as ocsge:load outputs it: code_cs, code_us, artif, "
                "crit_seuil)."
            ).format(field=artif_field, fields=", ".join(fields.names()))
        )
    crit_name = find_field(fields, crit_field)
    if crit_name is None:
        warnings.append(
            tr("No {field} field: IGN's thresholds are taken as having changed nothing.").format(
                field=crit_field
            )
        )
    used.update(couverture=cs_name, usage=us_name, artif=artif_name)
    if crit_name:
        used["crit_seuil"] = crit_name
    layer = source if isinstance(source, QgsVectorLayer) else None
    columns = _read(
        source,
        cs_name,
        us_name,
        artif_name,
        crit_name,
        True,
        True,
        ScaledFeedback(feedback, 0.0, 40.0),
        layer,
    )
    ign_artif = columns.ign_artif
    ign_crit = (
        columns.ign_crit
        if columns.ign_crit is not None
        else np.zeros(ign_artif.size, dtype=np.int8)
    )
    calc = _classify_settled(columns, "matrice_seuils", warnings, used, feedback, 40.0)
    compared = (ign_artif != UNKNOWN) & (calc.artif != UNKNOWN)
    agree = compared & (ign_artif == calc.artif)
    ign_before = np.where(ign_crit == YES, 1 - ign_artif, ign_artif)
    disagree = compared & ~agree
    raison = np.where(
        disagree,
        np.where(
            calc.artif_matrice != ign_before, RAISONS.index("matrice"), RAISONS.index("seuil")
        ),
        0,
    ).astype(np.int8)
    return Comparison(
        calc=calc,
        ign_artif=ign_artif,
        ign_crit_seuil=ign_crit,
        compared=compared,
        agree=agree,
        raison=raison,
    )
