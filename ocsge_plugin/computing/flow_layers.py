"""The two millésimes of a flow computation checked before any piece is read (code fields, years,
département, CRS), and the small rules the difference and overlay readers share."""

from __future__ import annotations

from qgis.core import QgsGeometry, QgsVectorLayer, QgsWkbTypes

from ..core.errors import FlowError
from ..core.i18n import tr
from ..storage import reading
from . import classify
from .pieces import UNDETERMINED

__all__ = [
    "any_undetermined",
    "check_pair",
    "checked_convention",
    "code_fields",
    "layer_departement",
    "layer_millesimes",
    "multi_polygon",
    "resolve_millesimes",
]


def _names(layer: QgsVectorLayer) -> list[str]:
    return list(layer.fields().names())


def code_fields(layer: QgsVectorLayer, kind: str) -> tuple[dict[str, str], tuple[int, ...]]:
    """Normalised name → field of ``layer`` (``reading.field_map_for``: normalised names or IGN's
    spellings), and the years the field names carry (``CS_2018`` …)."""
    try:
        return reading.field_map_for(kind, _names(layer), ())
    except reading.DeliveryError as error:
        raise FlowError(str(error)) from None


def layer_millesimes(
    layer: QgsVectorLayer, kind: str, notes: list[str] | None = None
) -> tuple[int, ...]:
    """Years of a layer by ``reading.layer_millesimes`` (names, also behind a VRT of
    ``ocsge:load``, else fields): two for difference kinds, one otherwise, () when not found. A
    difference layer whose years are not found and which lacks its code fields raises FlowError
    (naming them). Fields and name that disagree: the fields win, told in ``notes``."""
    years = reading.layer_millesimes(layer, kind, notes)
    if len(years) != 2 and kind in ("difference", "artif_diff"):
        code_fields(layer, kind)
    return years


layer_departement = reading.layer_departement


def resolve_millesimes(
    found_debut: int | None,
    found_fin: int | None,
    debut: int | None = None,
    fin: int | None = None,
) -> tuple[int, int]:
    """The period's years: the ones given (parameters) win over the ones found in the data;
    FlowError when one is missing (asking for the parameters) or when début is not before fin."""
    debut = debut or found_debut
    fin = fin or found_fin
    if not debut or not fin:
        raise FlowError(
            tr(
                "The millésimes (years) of the data cannot be read from the layer names "
                "nor fields. "
                "Fill the parameters MILLESIME_DEBUT and MILLESIME_FIN (e.g. 2018 and 2021)."
            )
        )
    if int(debut) >= int(fin):
        raise FlowError(
            tr(
                "The début millésime ({debut}) is not before the fin millésime ({fin}). "
                "Expected an earlier "
                "début: swap the two layers or the two years."
            ).format(debut=debut, fin=fin)
        )
    return int(debut), int(fin)


def check_pair(layer_debut: QgsVectorLayer, layer_fin: QgsVectorLayer) -> list[str]:
    """Refuse two millésimes of different départements (naming both) or in geographic coordinates.
    Returns informative messages (e.g. the CRS differ: the smaller layer will be reprojected)."""
    notes: list[str] = []
    dep_debut, dep_fin = layer_departement(layer_debut), layer_departement(layer_fin)
    if dep_debut and dep_fin and dep_debut != dep_fin:
        raise FlowError(
            tr(
                "The two millésimes come from different départements: {debut} (début) "
                "and {fin} (fin). "
                "Expected two millésimes of the same département."
            ).format(debut=dep_debut, fin=dep_fin)
        )
    for layer in (layer_debut, layer_fin):
        if not layer.crs().isValid():
            raise FlowError(
                tr(
                    "The layer {name} has no coordinate system. Expected a projected CRS "
                    "(e.g. EPSG:2154)."
                ).format(name=layer.name())
            )
    if layer_debut.crs() != layer_fin.crs():
        big, small = (
            (layer_debut, layer_fin)
            if layer_debut.featureCount() >= layer_fin.featureCount()
            else (layer_fin, layer_debut)
        )
        if big.crs().isGeographic():
            big, small = small, big
        if big.crs().isGeographic():
            raise FlowError(_geographic_message(big))
        notes.append(
            tr(
                "The two millésimes are in different CRS ({a} and {b}): {small} is "
                "reprojected to {crs}."
            ).format(
                a=layer_debut.crs().authid(),
                b=layer_fin.crs().authid(),
                small=small.name(),
                crs=big.crs().authid(),
            )
        )
    elif layer_debut.crs().isGeographic():
        raise FlowError(_geographic_message(layer_debut))
    return notes


def _geographic_message(layer: QgsVectorLayer) -> str:
    return tr(
        "The layer {name} is in geographic coordinates ({crs}): surfaces would be in "
        "degrees. Expected the "
        "département's projected CRS (EPSG:2154 in métropole, 5490, 2972, 2975 or 4471 outre-mer)."
    ).format(name=layer.name(), crs=layer.crs().authid())


def multi_polygon(geometry: QgsGeometry) -> QgsGeometry:
    """The polygonal part of a geometry, as a MultiPolygon."""
    if geometry.isNull() or geometry.isEmpty():
        return QgsGeometry()
    if QgsWkbTypes.geometryType(geometry.wkbType()) != QgsWkbTypes.GeometryType.PolygonGeometry:
        parts = [
            part
            for part in geometry.asGeometryCollection()
            if part.type() == QgsWkbTypes.GeometryType.PolygonGeometry
        ]
        if not parts:
            return QgsGeometry()
        geometry = QgsGeometry.collectGeometry(parts)
    geometry = QgsGeometry(geometry)
    geometry.convertToMultiType()
    return geometry


def checked_convention(convention: str) -> str:
    """``convention`` when it is one of the classification's, else FlowError."""
    try:
        classify.check_convention(convention)
    except classify.ClassifyError as error:
        raise FlowError(str(error)) from None
    return convention


def any_undetermined(*statuses: int) -> bool:
    """Whether any of the statuses is indéterminé."""
    return any(status == UNDETERMINED for status in statuses)
