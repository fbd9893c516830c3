"""Imperméabilisation and artificialisation of every polygon of a layer: the classification core.

``classify_layer`` returns a ``classified.Classification``; ``compare_with_ign`` returns a
``classified.Comparison`` (IGN's artificialisation layer against ``matrice_seuils`` recomputed on
the same polygons). The layer is read once (``classify_read``) after its checks
(``classify_checks``, whose functions are re-exported here with ``codes.parse_ign_artif`` /
``parse_bool`` and ``core.definitions``' ``METHODS`` / ``AUTO``, for the Processing glue), then
decided with the décret's rules (``rules.py``) and, for ``matrice_seuils``, the thresholds engine
(``thresholds.py``). Errors: ``ClassifyError`` (translated, meant for the user: what is wrong,
what is expected) and ``Canceled``.

Arrays of a :class:`Classification` are aligned on the features as read (``fid[i]`` is feature
``i``'s id): ``area`` (m², planar, after repair), ``imper`` / ``artif_matrice`` / ``artif`` (int8:
1, 0, -1 indéterminé), ``crit_seuil`` (bool: the thresholds changed this polygon),
``artif_source`` (int8 codes into ``SOURCES``), ``bati`` (couverture CS1.1.1.1).

The methods:

``ign``
    IGN's ``artif`` ('artif' / 'non artif'; booleans and 1/0 accepted) and ``crit_seuil`` fields are
    the answer. ``artif_matrice`` is then IGN's status *before* its thresholds: ``artif`` XOR
    ``crit_seuil``.
``matrice``
    The couverture × usage matrix only (``rules.resolve``): resolved once per distinct pair of raw
    codes.
``matrice_seuils``
    The matrix, then the thresholds (one pass, see ``thresholds.py``) on the repaired geometries.

Imperméabilisation always comes from the couverture. Codes of any level of the nomenclature are read
(``rules.resolve``, under the ``convention`` given): a polygon whose leaves do not all give the same
answer (a parent code such as CS2.2 with US6, a null or INDETERMINE usage on CS1.1.2.1…) is
*indéterminé* (-1): it is counted apart, never as non-artificialised. Invalid geometries
(``isGeosValid``) are repaired with ``makeValid`` for the computation (area, thresholds) and
counted; the output keeps the user's geometry.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from qgis.core import QgsVectorLayer

from ..core.definitions import AUTO, METHODS
from ..core.errors import Canceled, ClassifyError
from ..core.i18n import Note, plural, tr
from ..domain.correspondence import Correspondence
from ..domain.rules import DEFAULT_CONVENTION
from . import thresholds
from .classified import RAISONS, SOURCES, Classification, Comparison
from .classify_checks import (
    CS_ALTERNATIVES,
    US_ALTERNATIVES,
    check_convention,
    check_crs,
    check_source,
    correspondence_method,
    find_field,
    require_field,
    resolve_method,
    suggest_projected_crs,
)
from .classify_read import Columns, SeenGeometries, fill_areas, read_columns, settle_validity
from .codes import UNKNOWN, YES, parse_bool, parse_ign_artif
from .progress import ScaledFeedback

# Re-exported for the Processing glue and flows: the checks, IGN's fields' parsers, the methods.
__all__ = [
    "AUTO",
    "METHODS",
    "Canceled",
    "ClassifyError",
    "SeenGeometries",
    "check_convention",
    "check_crs",
    "classify_layer",
    "compare_with_ign",
    "correspondence_method",
    "find_field",
    "parse_bool",
    "parse_ign_artif",
    "resolve_method",
    "suggest_projected_crs",
]


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
    seen: SeenGeometries | None = None,
) -> Classification:
    """Imperméabilisation and artificialisation of every polygon of ``source`` by ``method``.

    Args:
        source: a ``QgsVectorLayer`` or ``QgsFeatureSource`` of polygons in a projected CRS
        (metres). method: ``'ign'``, ``'matrice'``, ``'matrice_seuils'`` or ``AUTO``.
        cs_field, us_field: couverture and usage fields (case ignored; ``couverture`` / ``usage``
            are tried when the default name is absent). The usage is not needed by ``'ign'``.
        feedback: optional ``QgsProcessingFeedback``-like (``setProgress``, ``isCanceled``).
        artif_field, crit_field: IGN's fields, read by ``'ign'`` (``crit_field`` optional).
        with_geometry: False skips reading geometries (``area`` is NaN) for ``'ign'`` /
            ``'matrice'``; ``'matrice_seuils'`` always needs them.
        layer: the ``QgsVectorLayer`` whose features ``source`` gives, all of them (a Processing
            source without selection, limit or filter); when it is a file, it is read through OGR's
            Arrow
            interface. A ``QgsVectorLayer`` given as ``source`` is its own ``layer``.
        convention: how codes above the leaves or outside the nomenclature are read
            (``rules.CONVENTIONS``: 'indetermine', the default, or 'national').
        seen: the validity verdicts of the layers a run classified before (``SeenGeometries``):
            a polygon of a GeoPackage whose WKB one of them had is not checked again.

    Raises:
        ClassifyError: not polygons, geographic CRS, missing fields, IGN method without ``artif``.
        Canceled: the feedback was canceled.
    """
    warnings: list[str] = []
    check_convention(convention)
    note = check_source(source)
    if note:
        warnings.append(note)
    fields = source.fields()
    method = resolve_method(method, fields, artif_field, convention)
    if isinstance(convention, Correspondence):  # one code field, read through the table
        us_field = None
        method = "correspondance"
    *names, used = _fields_to_read(
        fields, method, (cs_field, us_field, artif_field, crit_field), warnings
    )
    method = "matrice" if method == "correspondance" else method

    seuils = method == "matrice_seuils"
    geometry = with_geometry or seuils
    read_end = 40.0 if seuils else 100.0
    if layer is None and isinstance(source, QgsVectorLayer):
        layer = source
    columns = read_columns(
        source,
        *names,
        geometry,
        seuils,
        ScaledFeedback(feedback, 0.0, read_end),
        layer,
        convention,
        seen,
    )
    result = _classify_settled(columns, method, warnings, used, feedback, read_end)
    result.convention = convention
    return result


def _fields_to_read(
    fields: Any, method: str, asked: tuple, warnings: list[str]
) -> tuple[str, str | None, str | None, str | None, dict[str, str]]:
    """The fields ``method`` reads, found among ``fields`` from the ones ``asked`` (couverture,
    usage, IGN's artif and crit_seuil): (cs, us, artif, crit, role → field used); ClassifyError
    when one it needs is missing, a warning when IGN's crit_seuil is."""
    cs_field, us_field, artif_field, crit_field = asked
    used: dict[str, str] = {}
    cs_name = require_field(
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
        crit_name = _crit_field(fields, crit_field, warnings)
        if crit_name is not None:
            used["crit_seuil"] = crit_name
        us_name = find_field(
            fields, us_field, US_ALTERNATIVES if us_field in (None, "code_us") else ()
        )
    elif method != "correspondance":  # a correspondence table reads the code alone
        us_name = require_field(
            fields, us_field, US_ALTERNATIVES if us_field in (None, "code_us") else (), tr("usage")
        )
        used["usage"] = us_name
    if us_name:
        used["usage"] = us_name
    return cs_name, us_name, artif_name, crit_name, used


def _classify_settled(
    columns: Columns, method: str, warnings: list[str], used: dict, feedback: Any, start: float
) -> Classification:
    """``_classify`` once the geometries' validity is settled. With the thresholds, they run
    while SQLite checks validity (most layers have no invalid polygon) and again if a polygon was
    repaired."""
    if method == "matrice_seuils" and columns.validity is not None:
        result = _classify(
            columns, method, warnings, used, feedback, start
        )  # adds no warning with seuils
        if not settle_validity(columns, feedback):
            columns.wkb = None
            return _with_geometry_notes(result, columns)
        columns.area = None  # the repaired polygons' areas and adjacency: again
        result = _classify(columns, method, warnings, used, feedback, start)
    else:
        settle_validity(columns, feedback)
        if columns.wkb is not None:
            fill_areas(columns)
        result = _classify(columns, method, warnings, used, feedback, start)
    columns.wkb = None
    return result


def _with_geometry_notes(result: Classification, columns: Columns) -> Classification:
    """A classification made before ``settle_validity`` noted the empty geometries (no repair
    happened)."""
    result.empty_fids = columns.empty
    result.repaired_fids = columns.repaired
    return result


def _classify(
    columns: Columns, method: str, warnings: list[str], used: dict, feedback: Any, start: float
) -> Classification:
    """The ``Classification`` of the columns read, by ``method`` (IGN's fields, the matrix, or the
    matrix then the thresholds, which run from ``start`` % of the progress)."""
    result_thresholds = None
    if method == "ign":
        artif, crit, artif_matrice, source = _ign_answer(columns, warnings)
    else:
        artif, crit, artif_matrice, source, result_thresholds = _matrix_answer(
            columns, method, feedback, start
        )
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


def _ign_answer(columns: Columns, warnings: list[str]) -> tuple:
    """IGN's answer, read from its fields: (artif, crit_seuil, the status before IGN's thresholds,
    artif_source codes); warnings for null crit_seuil and unreadable artif values."""
    n = columns.fid.size
    artif = columns.ign_artif.copy()
    ign_crit = columns.ign_crit if columns.ign_crit is not None else np.zeros(n, dtype=np.int8)
    if columns.ign_crit is not None:
        null_crit = int(np.count_nonzero((ign_crit == UNKNOWN) & (artif != UNKNOWN)))
        if null_crit:
            warnings.append(
                Note(
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
            )
    crit = (ign_crit == YES) & (artif != UNKNOWN)
    artif_matrice = np.where(artif == UNKNOWN, UNKNOWN, np.where(crit, 1 - artif, artif)).astype(
        np.int8
    )
    source = np.where(artif == UNKNOWN, 0, SOURCES.index("ign")).astype(np.int8)
    no_answer = int(np.count_nonzero(artif == UNKNOWN))
    if no_answer:
        warnings.append(
            Note(
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
        )
    return artif, crit, artif_matrice, source


def _matrix_answer(columns: Columns, method: str, feedback: Any, start: float) -> tuple:
    """The matrix's answer, then the thresholds' for ``matrice_seuils``: (artif, crit_seuil, the
    matrix's status, artif_source codes, the thresholds' result or None)."""
    n = columns.fid.size
    crit = np.zeros(n, dtype=bool)
    result_thresholds = None
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
    return artif, crit, artif_matrice, source, result_thresholds


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
    note = check_source(source)
    if note:
        warnings.append(note)
    *names, used = _fields_compared(
        source.fields(), (cs_field, us_field, artif_field, crit_field), warnings
    )
    layer = source if isinstance(source, QgsVectorLayer) else None
    columns = read_columns(source, *names, True, True, ScaledFeedback(feedback, 0.0, 40.0), layer)
    ign_artif = columns.ign_artif
    ign_crit_seuil = (
        columns.ign_crit
        if columns.ign_crit is not None
        else np.zeros(ign_artif.size, dtype=np.int8)
    )
    calc = _classify_settled(columns, "matrice_seuils", warnings, used, feedback, 40.0)
    compared = (ign_artif != UNKNOWN) & (calc.artif != UNKNOWN)
    agree = compared & (ign_artif == calc.artif)
    ign_before = np.where(ign_crit_seuil == YES, 1 - ign_artif, ign_artif)
    disagree = compared & ~agree
    raison = np.where(
        disagree,
        np.where(
            calc.artif_matrice != ign_before, RAISONS.index("matrice"), RAISONS.index("seuil")
        ),
        0,
    ).astype(np.int8)
    return Comparison(calc, ign_artif, ign_crit_seuil, compared, agree, raison)


def _fields_compared(
    fields: Any, asked: tuple, warnings: list[str]
) -> tuple[str, str, str, str | None, dict[str, str]]:
    """The fields a comparison with IGN reads, found from the ones ``asked`` (couverture, usage,
    artif, crit_seuil): (cs, us, artif, crit, role → field used); ClassifyError when one it needs
    is missing, a warning when crit_seuil is."""
    cs_field, us_field, artif_field, crit_field = asked
    used: dict[str, str] = {}
    cs_name = require_field(
        fields, cs_field, CS_ALTERNATIVES if cs_field in (None, "code_cs") else (), tr("couverture")
    )
    us_name = require_field(
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
    crit_name = _crit_field(fields, crit_field, warnings)
    used.update(couverture=cs_name, usage=us_name, artif=artif_name)
    if crit_name:
        used["crit_seuil"] = crit_name
    return cs_name, us_name, artif_name, crit_name, used


def _crit_field(fields, crit_field: str, warnings: list) -> str | None:
    """The name of IGN's crit_seuil field in ``fields``; None, said as a note in ``warnings``,
    when the layer has none (the thresholds are then taken as having changed nothing)."""
    crit_name = find_field(fields, crit_field)
    if crit_name is None:
        warnings.append(
            Note(
                tr(
                    "No {field} field: IGN's thresholds are taken as having changed nothing."
                ).format(field=crit_field)
            )
        )
    return crit_name
