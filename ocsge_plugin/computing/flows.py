"""Flows between two millésimes: artificialisation and imperméabilisation gained and lost, piece
by piece, from one of three sources (docs/domain.md §3). This module is the entry of
``ocsge:flows`` and of territory aggregation; it reads the two difference layers itself and hands
the overlay to ``flows_overlay``.

* IGN's DIFFERENCE layer (normalised fields ``cs_debut, us_debut, cs_fin, us_fin``, or IGN's raw
  spellings ``CS_<y1>…`` / ``cs_avant…``): every row is a piece of land whose class changed;
  imperméabilisation from the couverture (``rules.is_imper``), artificialisation from the décret's
  matrix (``rules.is_artif_matrix``; the thresholds need the whole millésimes, which a difference
  layer does not hold).
* IGN's artificialisation difference layer (``zan_evol_<y1>_<y2>_<dep>``, normalised fields
  ``cs_debut, us_debut, artif_debut, cs_fin, us_fin, artif_fin, artificialisation``): its
  ``artificialisation`` field (+1 / -1) is the answer for artificialisation flows.
* Two occupation du sol (or IGN artificialisation) layers, début and fin: their overlay
  (``flows_overlay.pieces_from_overlay``, re-exported here).

A **piece** is yielded when its codes changed, or when its status changed without a class change
(the thresholds or IGN's layer can flip a polygon because a neighbour changed). Pieces that did
not change yield nothing. Pieces whose status is indéterminé at either date (the leaves under
their codes disagree) are kept out of the flows and counted in ``FlowReport.undetermined_count``
/ ``undetermined_area``.

The ``pieces_from_*`` functions check their input at once (FlowError) and return a generator of
``pieces.ChangePiece``: nothing is read before iterating; ``report`` (a ``pieces.FlowReport``) is
complete once the generator is exhausted. With ``flows_only=True`` pieces whose class changed
without any flow are skipped (enough for territory aggregation: intersect each ``piece.geometry``
with the territories, weight ``flux_artif`` / ``flux_imper`` by the intersected area).

Conventions: statuses are ints 1 (yes) / 0 (no) / -1 (indéterminé); flows are +1 / 0 / -1
(``flux_artif`` +1 = artificialisation, -1 = désartificialisation; likewise ``flux_imper``); areas
are planar, in the layer's projected CRS units² (m²). Errors meant for the user raise
:class:`FlowError` (message already translated); cancelation raises :class:`Canceled`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from qgis.core import QgsFeatureRequest, QgsVectorLayer

from ..core.errors import Canceled, FlowError
from ..core.i18n import tr
from ..domain.correspondence import Correspondence
from ..domain.nomenclature import normalise_code
from ..domain.rules import DEFAULT_CONVENTION
from . import classify
from .codes import pair_status
from .flow_layers import (
    any_undetermined,
    check_pair,
    checked_convention,
    code_fields,
    layer_departement,
    layer_millesimes,
    multi_polygon,
    resolve_millesimes,
)
from .flows_overlay import pieces_from_overlay, resolve_overlay_method
from .pieces import UNDETERMINED, ChangePiece, FlowReport
from .progress import ScaledFeedback, StepProgress
from .table import FLOW_COLUMNS

# The checks and the overlay are re-exported: ``ocsge:flows`` and ``chain`` use this module only.
__all__ = [
    "SUMMARY_FIELDS",
    "Canceled",
    "FlowError",
    "ScaledFeedback",
    "check_pair",
    "code_fields",
    "layer_departement",
    "layer_millesimes",
    "pieces_from_difference",
    "pieces_from_overlay",
    "resolve_millesimes",
    "resolve_overlay_method",
]

#: The six flow totals ``ocsge:flows`` reports (ha), in order: the territory table's flows.
SUMMARY_FIELDS = FLOW_COLUMNS


def _code(feature, name: str | None) -> str | None:
    if not name:
        return None
    value = feature[name]
    return (
        None
        if value is None or (hasattr(value, "isNull") and value.isNull())
        else normalise_code(value)
    )


def _parse_flux(value: Any) -> int | None:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    try:
        number = int(float(str(value).strip()))
    except ValueError:
        return None
    return number if number in (-1, 0, 1) else None


# ------------------------------------------------------------------------------------- difference
# layers


def _read_difference(
    layer: QgsVectorLayer,
    kind: str,
    fields: dict[str, str],
    report: FlowReport,
    feedback: Any,
    flows_only: bool,
) -> Iterator[ChangePiece]:
    wanted = list(fields.values())
    request = QgsFeatureRequest().setSubsetOfAttributes(wanted, layer.fields())
    total = layer.featureCount()
    progress = StepProgress(feedback, 0.0, 100.0, total)
    report.features_debut = report.features_fin = total
    report.crs = layer.crs().authid()
    for index, feature in enumerate(layer.getFeatures(request)):
        progress(index)
        cs_d, us_d = _code(feature, fields.get("cs_debut")), _code(feature, fields.get("us_debut"))
        cs_f, us_f = _code(feature, fields.get("cs_fin")), _code(feature, fields.get("us_fin"))
        imper_d, artif_d = pair_status(cs_d, us_d, report.convention)
        imper_f, artif_f = pair_status(cs_f, us_f, report.convention)
        if kind == "artif_diff":
            # IGN's answer: ``artificialisation`` is the flow; the statuses follow it when it is ±1.
            flux_artif = _parse_flux(feature[fields["artificialisation"]])
            artif_d = (
                classify.parse_ign_artif(feature[fields["artif_debut"]])
                if "artif_debut" in fields
                else UNDETERMINED
            )
            artif_f = (
                classify.parse_ign_artif(feature[fields["artif_fin"]])
                if "artif_fin" in fields
                else UNDETERMINED
            )
            if flux_artif in (1, -1):
                artif_d, artif_f = (0, 1) if flux_artif == 1 else (1, 0)
            elif flux_artif is None and not any_undetermined(artif_d, artif_f):
                flux_artif = artif_f - artif_d
            undetermined = flux_artif is None or any_undetermined(imper_d, imper_f)
        else:
            flux_artif = artif_f - artif_d
            undetermined = any_undetermined(imper_d, imper_f, artif_d, artif_f)
        if undetermined:
            report.add_undetermined(feature.geometry())
            continue
        flux_imper = imper_f - imper_d
        if not (flux_artif or flux_imper):
            if flows_only or ((cs_d, us_d) == (cs_f, us_f) and artif_d == artif_f):
                continue
        geometry = multi_polygon(feature.geometry())
        if geometry.isNull():
            continue
        report.pieces += 1
        yield ChangePiece.between(
            geometry,
            ((cs_d, us_d), (cs_f, us_f)),
            ((imper_d, artif_d), (imper_f, artif_f)),
            flux_artif,
            geometry.area(),
            (None, feature.id()),
        )
    progress.done()


def _check_projected(layer: QgsVectorLayer, report: FlowReport) -> None:
    """Refuse a layer in geographic coordinates (surfaces in degrees), as ``ocsge:classify``
    does."""
    try:
        note = classify.check_crs(layer.crs(), layer.extent())
    except classify.ClassifyError as error:
        raise FlowError(f"{layer.name()}: {error}") from None
    if note:
        report.messages.append(note)


# The method each kind of difference layer decides artificialisation by.
_DIFFERENCE_METHODS = {"difference": "matrice", "artif_diff": "ign"}


def pieces_from_difference(
    layer: QgsVectorLayer,
    report: FlowReport | None = None,
    feedback: Any = None,
    flows_only: bool = False,
    convention: str = DEFAULT_CONVENTION,
    kind: str = "difference",
) -> Iterator[ChangePiece]:
    """Change pieces of a difference layer of ``kind``:

    - "difference", IGN's DIFFERENCE layer (normalised or raw field names): imperméabilisation
      from the couverture, artificialisation from the décret's matrix, both by ``rules.resolve``
      under ``convention``; rows whose status is indéterminé at a date (the leaves under their
      codes disagree) are counted in ``report.undetermined_*`` and kept out;
    - "artif_diff", IGN's artificialisation difference layer (``zan_evol_…``): its
      ``artificialisation`` field (+1 / -1) is the artificialisation flow (statuses follow it;
      with 0, the ``artif_*`` fields are kept as given, -1 when absent); imperméabilisation from
      the couverture codes; rows whose flow cannot be told are counted in
      ``report.undetermined_*``.

    ``flows_only`` skips pieces whose class changed without any flow (faster for aggregation).
    Raises FlowError (missing fields) at once, before any piece."""
    report = _started(report, kind, _DIFFERENCE_METHODS[kind], convention)
    return _checked_pieces(layer, kind, report, feedback, flows_only)


def _started(report: FlowReport | None, source: str, method: str, convention: str) -> FlowReport:
    """``report`` (a new one when None) with its source, method and checked convention set."""
    if isinstance(convention, Correspondence):  # IGN's difference layers carry OCS GE's codes
        raise FlowError(
            tr(
                "A correspondence table reads a regional base's own layers: give its two "
                "millésimes (OCCUPATION_DEBUT and OCCUPATION_FIN), not a difference layer."
            )
        )
    report = report if report is not None else FlowReport()
    report.source, report.method = source, method
    report.convention = checked_convention(convention)
    return report


def _checked_pieces(
    layer: QgsVectorLayer, kind: str, report: FlowReport, feedback: Any, flows_only: bool
) -> Iterator[ChangePiece]:
    """The pieces of a difference layer of ``kind``, its code fields and CRS checked first."""
    fields, _ = code_fields(layer, kind)
    _check_projected(layer, report)
    return _read_difference(layer, kind, fields, report, feedback, flows_only)
