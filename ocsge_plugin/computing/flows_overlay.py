"""Flows between two millésimes from the overlay of two occupation du sol (or IGN
artificialisation) layers, début and fin (docs/domain.md §3).

The status of every polygon at each date follows the method of ``ocsge:classify``, with its code,
not a copy: ``matrice`` → ``rules.is_artif_matrix``; ``ign`` → IGN's ``artif`` field read by
``classify.parse_ign_artif``; ``matrice_seuils`` → ``classify.classify_layer`` on each whole
millésime (the thresholds need every neighbour). Both are computed once per distinct attribute
combination, while the overlay reads the features (one read per millésime for the first two).

Polygons whose geometry is identical at both dates (exact coordinates: the hash of their WKB, then
of a canonical form: multipolygon, rings rotated to their smallest vertex and oriented, holes and
parts sorted) are paired without any geometric operation; only the rest is intersected, through a
``QgsSpatialIndex``. Areas covered by one millésime only are measured and kept as parts
(``FlowReport.only_parts``), never dropped silently. Each millésime is assumed to be a partition of
its footprint (no overlapping polygons), as OCS GE is; then, on the same footprint,
``stock(fin) − stock(début) = Σ flux − Σ flux_des`` exactly (to rounding)."""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProject,
    QgsSpatialIndex,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.errors import FlowError
from ..core.i18n import tr
from ..domain.correspondence import Correspondence
from ..domain.nomenclature import normalise_code
from ..domain.rules import DEFAULT_CONVENTION
from . import classify
from .batches import Step, iter_batches, wkb_blobs
from .codes import factorize, pair_status, plain_value
from .flow_layers import (
    any_undetermined,
    check_pair,
    checked_convention,
    code_fields,
    multi_polygon,
)
from .pieces import UNDETERMINED, ChangePiece, FlowReport, OnlyPart
from .progress import ScaledFeedback, StepProgress
from .wkb import canonical_key, wkb_area_bbox

__all__ = [
    "SLIVER_M2",
    "Seuils",
    "classified_seuils",
    "pieces_from_overlay",
    "resolve_overlay_method",
]

SLIVER_M2 = (
    0.01  # parts present in one millésime only, smaller than this (rounding), are not reported
)


def _canonical_key(geometry: QgsGeometry) -> bytes | None:
    """Hash of a geometry's canonical form (``wkb.canonical_key`` of it as a 2D MultiPolygon)."""
    if geometry.isNull() or geometry.isEmpty():
        return None
    g = QgsGeometry(geometry)
    g.convertToMultiType()
    raw = g.constGet()
    if QgsWkbTypes.hasZ(raw.wkbType()) or QgsWkbTypes.hasM(raw.wkbType()):
        g = QgsGeometry(raw.clone())
        g.get().dropZValue()
        g.get().dropMValue()
    return canonical_key(bytes(g.asWkb()))


class _Codes:
    """Interned attribute combinations shared by both millésimes: raw (couverture, usage[, IGN
    artif]) values → one small int, with the normalised codes, imperméabilisation and
    artificialisation of the combination computed once (``rules.resolve``; for the method 'ign',
    IGN's field read by ``classify.parse_ign_artif``, the code ``ocsge:classify`` uses)."""

    def __init__(self, method: str, convention: str = DEFAULT_CONVENTION) -> None:
        self.method = method
        self.convention = convention
        self.by_raw: dict[tuple, int] = {}
        self.pair: list[tuple[str | None, str | None]] = []  # normalised (cs, us)
        self.pair_id: list[int] = []  # same normalised codes ⇔ same pair id
        self.imper: list[int] = []
        self.artif: list[int] = []
        self._pairs: dict[tuple, int] = {}

    def index(self, raw_cs: Any, raw_us: Any, raw_artif: Any = None) -> int:
        key = (plain_value(raw_cs), plain_value(raw_us), plain_value(raw_artif))
        found = self.by_raw.get(key)
        if found is None:
            found = self.by_raw[key] = len(self.pair)
            cs, us = normalise_code(key[0]), normalise_code(key[1])
            self.pair.append((cs, us))
            self.pair_id.append(self._pairs.setdefault((cs, us), len(self._pairs)))
            imper, artif = pair_status(cs, us, self.convention)
            self.imper.append(imper)
            self.artif.append(classify.parse_ign_artif(key[2]) if self.method == "ign" else artif)
        return found


def _text(value: Any) -> Any:
    """Arrow's strings come as UTF-8 bytes."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _box(geometry: QgsGeometry) -> tuple[float, float, float, float]:
    box = geometry.boundingBox()
    return box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()


def _from_wkb(blob: bytes) -> QgsGeometry:
    geometry = QgsGeometry()
    if blob:
        geometry.fromWkb(blob)
    return geometry


def _interned(table: _Codes, memo: dict, columns: list) -> np.ndarray:
    """Each row's attribute combination as its ``_Codes`` index: text columns (objects, or OGR's
    fixed-width bytes) by distinct combination (``codes.factorize``: one ``table.index`` per
    combination, no loop over the rows); others row by row (``memo``: raw values → index)."""
    if all(np.asarray(np.ma.getdata(column)).dtype.kind in "OSU" for column in columns):
        combined = np.zeros(len(columns[0]), np.int64)
        uniques = []
        for column in columns:
            codes, values = factorize(column)
            combined = combined * (len(values) + 1) + codes
            uniques.append(values)
        distinct, inverse = np.unique(combined, return_inverse=True)
        index = np.empty(distinct.size, np.int64)
        for at, value in enumerate(distinct.tolist()):
            key = []
            for values in reversed(uniques):
                value, k = divmod(value, len(values) + 1)
                key.append(values[k])
            index[at] = table.index(*reversed(key))
        return index[inverse.reshape(-1)]
    keys = zip(*(np.ma.asarray(column).tolist() for column in columns))
    return np.array(
        [memo[k] if k in memo else memo.setdefault(k, table.index(*map(_text, k))) for k in keys],
        np.int64,
    )


class _Side:
    """One millésime in the overlay: per polygon, in reading order, its feature id, interned
    attributes, a check of its WKB (length and CRC-32) and, when ``with_area``, its area (numpy
    arrays, filled by ``batches``); the statuses come from the interned attributes, or for
    ``matrice_seuils`` from ``classify.classify_layer`` (the whole mesh is needed): (sorted
    feature ids, artif)."""

    def __init__(
        self,
        layer: QgsVectorLayer,
        fields: dict[str, str],
        codes: _Codes,
        seuils: tuple[np.ndarray, np.ndarray] | None,
        with_area: bool,
    ):
        self.layer, self.codes_table, self.seuils, self.with_area = layer, codes, seuils, with_area
        self.names = [fields["code_cs"], fields["code_us"]] + (
            [fields["artif"]] if codes.method == "ign" else []
        )
        self.fid = self.code = self.check = np.zeros(0, np.int64)
        self.area = np.zeros(0)
        self.transform: QgsCoordinateTransform | None = None
        self.read: Callable[[dict], Any] | None = None  # a caller's work on each batch read

    def batches(self, step: Step) -> Iterator[tuple[int, list, np.ndarray]]:
        """Read every feature in batches (OGR's Arrow interface for files): records ids, interned
        attributes, WKB checks and areas; yields (first position, WKB blobs, WKB hashes, 0 for
        none)."""
        table, memo = self.codes_table, {}
        start = 0
        read = self.read
        names = self.names + [f for f in (read.fields if read else []) if f not in self.names]
        for batch in iter_batches(self.layer, names, step):
            if read is not None:
                read(batch)  # before anything here: the batch as read
            blobs = wkb_blobs(batch["wkb"])
            if self.transform is not None:
                blobs = [self._transformed(blob) for blob in blobs]
            code = _interned(table, memo, [batch[name] for name in self.names])
            n = len(blobs)
            check = np.fromiter(map(len, blobs), np.int64, n) << 32  # b"" → 0 (crc32(b"") == 0)
            check |= np.fromiter(map(zlib.crc32, blobs), np.int64, n)
            new = [
                np.asarray(batch["fid"], np.int64),
                code,
                check,
            ]
            new.append(wkb_area_bbox(blobs)[0] if self.with_area else np.zeros(0))
            self.fid, self.code, self.check, self.area = (
                np.concatenate([old, values])
                for old, values in zip((self.fid, self.code, self.check, self.area), new)
            )
            yield start, blobs, np.fromiter(map(hash, blobs), np.int64, n)  # hash(b"") == 0
            start += len(blobs)

    def _transformed(self, blob: bytes) -> bytes:
        geometry = _from_wkb(blob)
        if geometry.isNull():
            return b""
        geometry.transform(self.transform)
        return bytes(geometry.asWkb())

    def geometry(self, feature) -> QgsGeometry:
        geometry = feature.geometry()
        if self.transform is not None and not geometry.isNull():
            geometry = QgsGeometry(geometry)
            geometry.transform(self.transform)
        return geometry

    def statuses(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(imper, artif) arrays of the polygons at ``positions`` (an array or a slice)."""
        code = self.code[positions]
        table = self.codes_table
        imper = np.asarray(table.imper, np.int64)[code]
        if self.seuils is None:
            return imper, np.asarray(table.artif, np.int64)[code]
        fids, artif = self.seuils
        fid = self.fid[positions]
        at = np.searchsorted(fids, fid)
        return imper, np.where(fids[at] == fid, artif[at], UNDETERMINED)

    def status(self, position: int) -> tuple[int, int]:
        code = int(self.code[position])
        imper = self.codes_table.imper[code]
        if self.seuils is None:
            return imper, self.codes_table.artif[code]
        fids, artif = self.seuils
        at = int(np.searchsorted(fids, self.fid[position]))
        return imper, int(artif[at]) if fids[at] == self.fid[position] else UNDETERMINED

    def same_class(self, position: int, other: _Side, other_position: int) -> bool:
        table = self.codes_table
        return table.pair_id[self.code[position]] == table.pair_id[other.code[other_position]]

    def stock(self) -> tuple[float, float]:
        imper, artif = self.statuses(slice(None))
        return float(self.area[artif == 1].sum()), float(self.area[imper == 1].sum())


def resolve_overlay_method(
    method: str, layer_debut: QgsVectorLayer, layer_fin: QgsVectorLayer
) -> str:
    """``classify.AUTO`` → 'ign' when both millésimes carry IGN's ``artif`` field, else
    'matrice_seuils'."""
    if method != classify.AUTO:
        return classify.resolve_method(method, layer_debut.fields())
    both = all(classify.find_field(layer.fields(), "artif") for layer in (layer_debut, layer_fin))
    return "ign" if both else "matrice_seuils"


#: ``seuils(layer, cs_field, us_field, feedback) -> (sorted feature ids, artif)``: the matrix +
#: thresholds of a whole millésime, handed in by a run that also needs them for its stocks (computed
#: once per layer); :func:`classified_seuils` without one.
Seuils = Callable[[QgsVectorLayer, str, str, Any], tuple[np.ndarray, np.ndarray]]


def classified_seuils(convention: str = DEFAULT_CONVENTION) -> Seuils:
    """A ``Seuils`` that runs ``classify.classify_layer`` (the code of ``ocsge:classify``: matrix,
    then the thresholds over the whole millésime) on each call: (sorted feature ids, 1 / 0 / -1).
    A polygon identical to one of a layer classified before is not checked for validity again."""
    seen = classify.SeenGeometries()

    def run(layer, cs_field: str, us_field: str, feedback: Any):
        result = classify.classify_layer(
            layer,
            "matrice_seuils",
            cs_field=cs_field,
            us_field=us_field,
            feedback=feedback,
            convention=convention,
            seen=seen,
        )
        order = np.argsort(result.fid, kind="stable")
        return result.fid[order], result.artif[order]

    return run


def _seuils(
    layer: QgsVectorLayer, fields: dict[str, str], feedback: Any, seuils: Seuils
) -> tuple[np.ndarray, np.ndarray]:
    """Artificialisation after the seuils, (sorted feature ids, 1 / 0 / -1) + a sentinel (a search
    always lands on an element)."""
    try:
        fid, artif = seuils(layer, fields["code_cs"], fields["code_us"], feedback)
    except classify.ClassifyError as error:
        raise FlowError(f"{layer.name()}: {error}") from None
    fid, artif = np.asarray(fid, np.int64), np.asarray(artif, np.int64)
    return np.append(fid, np.iinfo(np.int64).max), np.append(artif, UNDETERMINED)


def _overlay_fields(layer: QgsVectorLayer, method: str, convention: str = "") -> dict[str, str]:
    if isinstance(convention, Correspondence):  # the code read through a correspondence table
        fields = convention.code_fields(layer.fields().names())
        if fields is None:
            raise FlowError(
                tr("The layer {name} has no field {field} (fields: {fields}).").format(
                    name=layer.name(),
                    field=convention.field,
                    fields=", ".join(layer.fields().names()),
                )
            )
        return fields
    fields, _ = code_fields(layer, "occupation")
    if method == "ign":
        artif = classify.find_field(layer.fields(), "artif")
        if artif is None:
            raise FlowError(
                tr(
                    "The IGN method reads IGN's artif field, which the layer {name} does "
                    "not have. Expected IGN's "
                    "artificialisation layers (artif_<year>_<dep>) for both millésimes, "
                    "or choose the method "
                    "'Matrix + seuils'."
                ).format(name=layer.name())
            )
        fields["artif"] = artif
    return fields


def pieces_from_overlay(
    layer_debut: QgsVectorLayer,
    layer_fin: QgsVectorLayer,
    method: str = "matrice",
    report: FlowReport | None = None,
    feedback: Any = None,
    flows_only: bool = False,
    convention: str = DEFAULT_CONVENTION,
    seuils: Seuils | None = None,
    stocks: bool | None = None,
    stock_reads: tuple = (None, None),
) -> Iterator[ChangePiece]:
    """Change pieces from the overlay of two millésimes (occupation du sol, or IGN
    artificialisation layers for ``method='ign'``). ``method`` as in ``ocsge:classify``: 'ign'
    (IGN's ``artif`` field), 'matrice', 'matrice_seuils' (``classify.classify_layer`` on each
    whole millésime) or ``classify.AUTO`` (IGN when both layers carry IGN's ``artif``, else
    'matrice_seuils').

    Identical geometries are paired first (exact coordinates), the rest is intersected with a
    spatial index. Areas covered by one millésime only go to ``report.only_parts`` /
    ``only_*_area``. When the CRS differ, the smaller layer (fewer features) is reprojected to
    the other's CRS. ``report.stock`` receives each date's artif / imper stock (m², same
    statuses, in the CRS of the pieces; not with ``flows_only``). Raises FlowError (départements,
    CRS, fields, method) at once, before any piece. ``seuils``: the matrix + thresholds of a
    layer (``Seuils``) when the caller shares them with its stocks, else computed here.
    ``stocks=False`` leaves out ``report.stock`` (the area of every polygon of both millésimes,
    measured while reading) for a caller that measures its stocks elsewhere; None: measured
    unless ``flows_only``. ``stock_reads``: per millésime, None or a callable given every batch
    of the layer as ``batches.iter_batches(layer, fields)`` reads it (its ``fields`` read too):
    a caller's stocks summed from the same reading (each layer read once)."""
    report = report if report is not None else FlowReport()
    try:
        method = (
            classify.correspondence_method(method)
            if isinstance(convention, Correspondence)
            else resolve_overlay_method(method, layer_debut, layer_fin)
        )
    except classify.ClassifyError as error:
        raise FlowError(str(error)) from None
    report.source, report.method, report.convention = (
        "overlay",
        method,
        checked_convention(convention),
    )
    report.messages.extend(check_pair(layer_debut, layer_fin))
    fields = [_overlay_fields(layer, method, convention) for layer in (layer_debut, layer_fin)]
    seuils = seuils or classified_seuils(report.convention)
    stocks = not flows_only if stocks is None else stocks
    return _overlay(
        (layer_debut, layer_fin),
        fields,
        method,
        report,
        feedback,
        seuils,
        (flows_only, stocks),
        stock_reads,
    )


def _overlay(
    layers, fields, method, report, feedback, seuils, wanted, stock_reads
) -> Iterator[ChangePiece]:
    """The overlay's pieces, pass after pass (the run, and its thresholds, made at the first
    piece asked for)."""
    run = _OverlayRun(*layers, fields, method, report, feedback, seuils, *wanted)
    run.debut.read, run.fin.read = stock_reads
    rest_fin = yield from run.identical()
    rest_debut = yield from run.canonical(rest_fin)
    yield from run.overlay(rest_debut, rest_fin)
    run.finish()


class _OverlayRun:
    """The overlay of two millésimes in three passes: identical geometries paired by their WKB hash,
    then by their canonical form, then the rest intersected (each pass yields its change pieces)."""

    def __init__(
        self,
        layer_debut,
        layer_fin,
        fields,
        method: str,
        report: FlowReport,
        feedback: Any,
        seuils_of: Seuils,
        flows_only: bool,
        stocks: bool,
    ) -> None:
        """``flows_only``: only the pieces whose status changes; ``stocks``: measure the area of
        every polygon of both millésimes while reading (``report.stock``)."""
        self.stocks = stocks
        self.report, self.feedback, self.flows_only = report, feedback, flows_only
        self.table = isinstance(report.convention, Correspondence)
        self.codes = codes = _Codes(method, report.convention)
        start = 0.0
        seuils: list[tuple[np.ndarray, np.ndarray] | None] = [None, None]
        if method == "matrice_seuils":
            for index, layer in enumerate((layer_debut, layer_fin)):
                sub = (
                    ScaledFeedback(feedback, 25.0 * index, 25.0 * (index + 1))
                    if feedback is not None
                    else None
                )
                seuils[index] = _seuils(layer, fields[index], sub, seuils_of)
            start = 50.0
        self.debut = debut = _Side(layer_debut, fields[0], codes, seuils[0], self.stocks)
        self.fin = fin = _Side(layer_fin, fields[1], codes, seuils[1], self.stocks)
        target = layer_fin.crs()
        if layer_debut.crs() != layer_fin.crs():
            small_is_debut = layer_debut.featureCount() < layer_fin.featureCount()
            if layer_debut.crs().isGeographic():
                small_is_debut = True
            elif layer_fin.crs().isGeographic():
                small_is_debut = False
            small, big = (debut, fin) if small_is_debut else (fin, debut)
            small.transform = QgsCoordinateTransform(
                small.layer.crs(), big.layer.crs(), QgsProject.instance()
            )
            target = big.layer.crs()
            report.reprojected = "debut" if small_is_debut else "fin"
        report.crs = target.authid()
        report.features_debut, report.features_fin = (
            layer_debut.featureCount(),
            layer_fin.featureCount(),
        )
        self.start, self.span = start, 100.0 - start

    def _progress(self, a: float, b: float, total: int) -> StepProgress:
        return StepProgress(
            self.feedback, self.start + self.span * a, self.start + self.span * b, total
        )

    def piece(
        self, geometry: QgsGeometry, pos_d: int, pos_f: int, area: float | None
    ) -> ChangePiece | None:
        debut, fin, report = self.debut, self.fin, self.report
        status_d, status_f = debut.status(pos_d), fin.status(pos_f)
        if status_d == status_f and debut.same_class(pos_d, fin, pos_f):
            return None
        (imper_d, artif_d), (imper_f, artif_f) = status_d, status_f
        imper_known = not any_undetermined(imper_d, imper_f)
        # a correspondence table often leaves the imperméabilisation undetermined: the piece
        # keeps its artificialisation flow, its imperméabilisation flow unknown (None)
        if any_undetermined(artif_d, artif_f) or not (imper_known or self.table):
            report.add_undetermined(
                geometry,
                area,
                self.codes.pair[debut.code[pos_d]] + self.codes.pair[fin.code[pos_f]],
            )
            return None
        flux_artif, flux_imper = artif_f - artif_d, imper_f - imper_d if imper_known else 0
        if self.flows_only and not (flux_artif or flux_imper):
            return None
        geometry = multi_polygon(geometry)
        if geometry.isNull():
            return None
        report.pieces += 1
        codes = (self.codes.pair[debut.code[pos_d]], self.codes.pair[fin.code[pos_f]])
        fids = (int(debut.fid[pos_d]), int(fin.fid[pos_f]))
        area = geometry.area() if area is None else area
        return ChangePiece.between(geometry, codes, (status_d, status_f), flux_artif, area, fids)

    def identical(self):
        """Passes 1 and 2: both millésimes read in batches (attributes, areas, boxes, WKB
        hashes); fin's polygons of identical WKB (same hash and area) paired at once with début's
        (a piece when codes or status changed). Returns the other fin polygons (position →
        geometry) and sets ``self.matched`` (début positions paired)."""
        debut, fin, report = self.debut, self.fin, self.report
        step = Step(self.feedback, self.start, self.start + self.span * 0.2)
        hashes = [h for _, _, h in debut.batches(step)]
        hashes_d = np.concatenate(hashes) if hashes else np.zeros(0, np.int64)
        order = np.argsort(hashes_d, kind="stable")
        keys, first = np.unique(
            hashes_d[order], return_index=True
        )  # first début position of each hash
        keys, where = keys[keys != 0], order[first][keys != 0]
        del hashes, hashes_d, order, first
        self.matched = matched = np.zeros(len(debut.fid), bool)
        rest_fin: dict[int, QgsGeometry] = {}  # fin position → geometry
        step = Step(self.feedback, self.start + self.span * 0.2, self.start + self.span * 0.45)
        for start, blobs, hashes in fin.batches(step):
            pos_f = np.arange(start, start + len(blobs))
            at = np.minimum(np.searchsorted(keys, hashes), max(len(keys) - 1, 0))
            pos_d = where[at] if len(keys) else np.zeros(len(blobs), np.int64)
            pair = (keys[at] == hashes) & (hashes != 0) if len(keys) else np.zeros(len(blobs), bool)
            pair &= ~matched[pos_d] & (debut.check[pos_d] == fin.check[pos_f])
            _, once = np.unique(
                np.where(pair, pos_d, -1), return_index=True
            )  # a début polygon paired once
            pair &= np.isin(np.arange(len(blobs)), once)
            matched[pos_d[pair]] = True
            report.matched += int(pair.sum())
            for index in np.flatnonzero(~pair & (hashes != 0)).tolist():
                rest_fin[start + index] = _from_wkb(blobs[index])
            for index in np.flatnonzero(pair & self._changed(pos_d, pos_f)).tolist():
                made = self.piece(_from_wkb(blobs[index]), int(pos_d[index]), start + index, None)
                if made is not None:
                    yield made
        return rest_fin

    def _changed(self, pos_d: np.ndarray, pos_f: np.ndarray) -> np.ndarray:
        """Pairs whose class (normalised codes) or status differ (``piece`` decides the rest)."""
        pair_id = np.asarray(self.codes.pair_id, np.int64)
        imper_d, artif_d = self.debut.statuses(pos_d)
        imper_f, artif_f = self.fin.statuses(pos_f)
        return (
            (pair_id[self.debut.code[pos_d]] != pair_id[self.fin.code[pos_f]])
            | (imper_d != imper_f)
            | (artif_d != artif_f)
        )

    def canonical(self, rest_fin: dict[int, QgsGeometry]):
        """Pass 3: the unmatched début polygons read, paired with fin's by canonical geometry
        (same polygon written from another vertex or the other way round). Returns the début
        polygons left."""
        debut, report = self.debut, self.report
        rest = np.flatnonzero(~self.matched & (debut.check != 0))
        position_of = dict(zip(debut.fid[rest].tolist(), rest.tolist()))
        rest_debut: dict[int, QgsGeometry] = {}  # début position → geometry
        if position_of:
            request = QgsFeatureRequest().setNoAttributes().setFilterFids(sorted(position_of))
            progress = self._progress(0.45, 0.5, len(position_of))
            for index, feature in enumerate(debut.layer.getFeatures(request)):
                progress(index)
                geometry = debut.geometry(feature)
                if not geometry.isNull() and geometry.area() > 0:
                    rest_debut[position_of[feature.id()]] = geometry
        del position_of
        # a canonical twin has exactly the same bounding box: only those are keyed
        boxes_d = {_box(geometry) for geometry in rest_debut.values()}
        boxes_f = {_box(geometry) for geometry in rest_fin.values()}
        canonical: dict[bytes, int] = {}
        for pos_d, geometry in rest_debut.items():
            key = _canonical_key(geometry) if _box(geometry) in boxes_f else None
            if key is not None:
                canonical.setdefault(key, pos_d)
        for pos_f in list(rest_fin):
            geometry = rest_fin[pos_f]
            key = _canonical_key(geometry) if _box(geometry) in boxes_d else None
            pos_d = canonical.pop(key, None) if key is not None else None
            if pos_d is None or pos_d not in rest_debut:
                continue
            del rest_debut[pos_d], rest_fin[pos_f]
            report.matched += 1
            report.matched_canonical += 1
            made = self.piece(geometry, pos_d, pos_f, None)
            if made is not None:
                yield made
        canonical.clear()
        report.overlaid_debut, report.overlaid_fin = len(rest_debut), len(rest_fin)
        return rest_debut

    def _valid(self, geometry: QgsGeometry) -> QgsGeometry:
        if geometry.isGeosValid():
            return geometry
        self.report.repaired += 1
        return multi_polygon(geometry.makeValid())

    def overlay(self, rest_debut: dict[int, QgsGeometry], rest_fin: dict[int, QgsGeometry]):
        """Every unmatched début polygon against the unmatched fin polygons it meets; what either
        millésime alone covers is reported (``_only``)."""
        debut, fin, report, codes = self.debut, self.fin, self.report, self.codes
        rest_debut = {pos: self._valid(geometry) for pos, geometry in rest_debut.items()}
        rest_fin = {pos: self._valid(geometry) for pos, geometry in rest_fin.items()}
        index_fin = QgsSpatialIndex()
        for pos_f, geometry in rest_fin.items():
            index_fin.addFeature(pos_f, geometry.boundingBox())
        covered_fin: dict[int, float] = defaultdict(float)
        progress = self._progress(0.5, 0.97, len(rest_debut))
        for index, (pos_d, geometry_d) in enumerate(rest_debut.items()):
            progress(index)
            covered = 0.0
            engine = QgsGeometry.createGeometryEngine(geometry_d.constGet())
            engine.prepareGeometry()
            met = []
            for pos_f in index_fin.intersects(geometry_d.boundingBox()):
                geometry_f = rest_fin[pos_f]
                if not engine.intersects(geometry_f.constGet()):
                    continue
                met.append(geometry_f)
                common = geometry_d.intersection(geometry_f)
                area = common.area() if not common.isNull() else 0.0
                if area <= 0.0:
                    continue
                covered += area
                covered_fin[pos_f] += area
                made = self.piece(common, pos_d, pos_f, area)
                if made is not None:
                    yield made
            if geometry_d.area() - covered > SLIVER_M2:
                alone = geometry_d.difference(QgsGeometry.unaryUnion(met)) if met else geometry_d
                _only(report, alone, "debut", codes.pair[debut.code[pos_d]], debut.status(pos_d))
        index_debut = None  # built for the first fin polygon début does not cover: often none
        for pos_f, geometry_f in rest_fin.items():
            if geometry_f.area() - covered_fin.get(pos_f, 0.0) <= SLIVER_M2:
                continue
            if index_debut is None:
                index_debut = QgsSpatialIndex()
                for pos_d, geometry in rest_debut.items():
                    index_debut.addFeature(pos_d, geometry.boundingBox())
            met = [rest_debut[pos] for pos in index_debut.intersects(geometry_f.boundingBox())]
            alone = geometry_f.difference(QgsGeometry.unaryUnion(met)) if met else geometry_f
            _only(report, alone, "fin", codes.pair[fin.code[pos_f]], fin.status(pos_f))

    def finish(self) -> None:
        if self.stocks:  # the areas were not measured otherwise
            artif_d, imper_d = self.debut.stock()
            artif_f, imper_f = self.fin.stock()
            self.report.stock = {
                "artif_debut": artif_d,
                "artif_fin": artif_f,
                "imper_debut": imper_d,
                "imper_fin": imper_f,
            }
        if self.feedback is not None:
            self.feedback.setProgress(100.0)


def _only(
    report: FlowReport, geometry: QgsGeometry, present: str, codes: tuple, status: tuple[int, int]
) -> None:
    geometry = multi_polygon(geometry)
    if geometry.isNull():
        return
    area = geometry.area()
    if area <= SLIVER_M2:
        return
    imper, artif = status
    report.only_parts.append(OnlyPart(geometry, present, codes[0], codes[1], imper, artif, area))
    if present == "debut":
        report.only_debut_area += area
    else:
        report.only_fin_area += area
