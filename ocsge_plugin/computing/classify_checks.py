"""What a classification needs of its input, checked before anything is read: polygons, a
projected CRS (and the one to suggest), the fields of the codes, the method and the convention."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFields,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
    QgsWkbTypes,
)

from ..core.definitions import AUTO, CONVENTIONS, METHODS
from ..core.errors import ClassifyError
from ..core.i18n import tr
from ..domain.correspondence import Correspondence

__all__ = [
    "CS_ALTERNATIVES",
    "LAMBERT_93",
    "PROJECTED_CRS",
    "US_ALTERNATIVES",
    "check_convention",
    "correspondence_method",
    "check_crs",
    "check_source",
    "find_field",
    "require_field",
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


def find_field(fields: QgsFields, name: str | None, alternatives: Iterable[str] = ()) -> str | None:
    """The field called ``name`` (case ignored), else the first of ``alternatives`` present, else
    None."""
    by_lower = {f.name().lower(): f.name() for f in fields}
    for candidate in ([name] if name else []) + list(alternatives):
        if candidate and candidate.lower() in by_lower:
            return by_lower[candidate.lower()]
    return None


def resolve_method(
    method: str, fields: QgsFields, artif_field: str = "artif", convention: str = ""
) -> str:
    """``AUTO`` → 'ign' when the layer has IGN's artif field, else 'matrice_seuils'; with a
    correspondence table (``convention``), 'matrice' (``correspondence_method``)."""
    if isinstance(convention, Correspondence):
        return correspondence_method(method)
    if method == AUTO:
        return "ign" if find_field(fields, artif_field) else "matrice_seuils"
    if method not in METHODS:
        raise ClassifyError(
            tr("Unknown method {method}. Expected one of: {methods}.").format(
                method=method, methods=", ".join((AUTO,) + METHODS)
            )
        )
    return method


def correspondence_method(method: str) -> str:
    """The method with a correspondence table: its answer per code ('matrice', from ``AUTO`` too);
    ClassifyError for IGN's layer or the décret's thresholds, which are OCS GE's."""
    if method in (AUTO, "matrice"):
        return "matrice"
    raise ClassifyError(
        tr(
            "With a correspondence table, a polygon's artificialisation is the table's answer for "
            "its code: choose the method Automatic or Matrice (IGN's artificialisation layer and "
            "the décret's thresholds belong to OCS GE)."
        )
    )


def suggest_projected_crs(lon: float, lat: float) -> tuple[int, str]:
    """The OCS GE projected CRS for a place (longitude, latitude in degrees): outre-mer boxes,
    else Lambert-93."""
    for epsg, name, (x0, y0, x1, y1) in PROJECTED_CRS:
        if x0 <= lon <= x1 and y0 <= lat <= y1:
            return epsg, name
    return LAMBERT_93


def check_crs(crs: QgsCoordinateReferenceSystem, extent: QgsRectangle | None = None) -> str | None:
    """Refuse a geographic (or non-metric) CRS, naming the projected CRS to use; a warning (text)
    or None.

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
    """Refuse a convention that is not one of ``rules.CONVENTIONS`` nor a correspondence table."""
    if convention not in CONVENTIONS and not isinstance(convention, Correspondence):
        raise ClassifyError(
            tr("Unknown convention {convention}. Expected one of: {conventions}.").format(
                convention=convention, conventions=", ".join(CONVENTIONS)
            )
        )


def check_source(source: Any) -> str | None:
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


def require_field(
    fields: QgsFields, name: str | None, alternatives: Iterable[str], role: str
) -> str:
    found = find_field(fields, name, alternatives)
    if found is None:
        raise ClassifyError(
            tr(
                "The {role} field {name} is missing from the layer (fields: {fields}). "
                "Expected a layer as ocsge:load outputs it, or choose the field."
            ).format(role=role, name=name or "?", fields=", ".join(fields.names()))
        )
    return found
