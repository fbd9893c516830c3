"""The run of ``ocsge:classify`` and of ``ocsge:compare_artif`` without Processing: a layer of
polygons classified (matrice, seuils or IGN's answer) or IGN's answer checked against the
recomputation, what it noticed said in the log, the output's fields planned (input fields kept,
renamed when they clash), the summary rows and the REPORT."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..computing import classified
from ..computing import classify as core
from ..core.definitions import AUTO
from ..core.i18n import number, plural, tr
from ..domain.correspondence import Correspondence
from ..storage import reading
from .aggregate import unmapped_message
from .logs import log_undetermined, say, undetermined_entry
from .steps import steps

__all__ = [
    "ClassifyOptions",
    "classification_report",
    "classify",
    "compare",
]


@dataclass
class ClassifyOptions:
    """The method (``AUTO`` or one of ``definitions.METHODS``), the couverture and usage fields
    (None: found by name), the convention (None: the default)."""

    method: str = AUTO
    cs_field: str | None = None
    us_field: str | None = None
    convention: str | None = None


@dataclass
class ClassifyRun:
    """What :func:`classify` decided: the classification (its ``method`` the one used), the
    output's fields and the input fields renamed in it, the summary rows (``classified.summary``,
    the total last) and the feedback of the writing step (the second of two)."""

    result: classified.Classification
    fields: Any
    renamed: dict[str, str]
    rows: list
    steps: Any

    def indicators(self) -> dict:
        """The REPORT's ``indicators``: per row of the summary, its count and surface."""
        return {row.key: {"nombre": row.count, "surface_ha": row.area_ha} for row in self.rows}


@dataclass
class CompareRun:
    """What :func:`compare` found: the comparison (``cmp.calc`` the recomputation), the REPORT of
    the recomputation, the output's fields and renamed input fields, the writing step's feedback."""

    cmp: Any
    report: dict
    fields: Any
    renamed: dict[str, str]
    steps: Any

    def numbers(self) -> tuple[dict[str, int], dict[str, float], float]:
        """(count, hectares) per total of ``Comparison.totals`` and the agreement percentage."""
        totals = self.cmp.totals()
        count = {key: n for key, (n, _m2) in totals.items()}
        ha = {key: m2 / 1e4 for key, (_n, m2) in totals.items()}
        return count, ha, self.cmp.agreement_percent()

    def log_totals(self, feedback) -> None:
        """The compared, agreeing and disagreeing polygons and surfaces, in the log."""
        count, ha, percent = self.numbers()
        feedback.pushInfo(
            tr(
                "Compared: {n} polygons ({ha} ha). Agree: {na} polygons ({haa} "
                "ha, {pct} % of the compared "
                "surface). Disagree: {nd} polygons ({had} ha): {nm} from the matrix "
                "({ham} ha), {ns} from "
                "the thresholds ({has} ha). Not compared (indéterminé): {nn} "
                "polygons ({han} ha)."
            ).format(
                n=count["compared"],
                ha=number(ha["compared"], 4),
                na=count["agree"],
                haa=number(ha["agree"], 4),
                pct=number(percent, 2),
                nd=count["disagree"],
                had=number(ha["disagree"], 4),
                nm=count["matrice"],
                ham=number(ha["matrice"], 4),
                ns=count["seuil"],
                has=number(ha["seuil"], 4),
                nn=count["not_compared"],
                han=number(ha["not_compared"], 4),
            )
        )


def classify(source, layer, options: ClassifyOptions, feedback, name=None) -> ClassifyRun:
    """``source`` (a feature source; ``layer`` its whole ``QgsVectorLayer`` or None) classified,
    what the classification noticed logged, the output's fields planned; ``name`` names the layer
    in the warning about an empty one. The first of two steps of ``feedback``'s progress.

    Raises ``ClassifyError`` and ``Canceled``."""
    progress = steps(2, feedback)
    table = options.convention if isinstance(options.convention, Correspondence) else None
    result = core.classify_layer(
        source,
        options.method,
        table.field if table is not None else options.cs_field,
        options.us_field,
        progress,
        layer=layer,
        convention=options.convention,
    )
    log_classification(result, feedback)
    if source.featureCount() == 0:
        feedback.pushWarning(
            tr(
                "The layer {name} has no polygon: every surface below is 0. Check "
                "the layer (or its filter)."
            ).format(name=source.sourceName() or name)
        )
    fields, renamed = _output_fields(source, classified.classification_fields(), feedback)
    progress.setCurrentStep(1)
    return ClassifyRun(result, fields, renamed, classified.summary(result), progress)


def compare(source, layer, cs_field, us_field, feedback) -> CompareRun:
    """IGN's answer in ``source`` (``layer``: its layer, for its name and millésime) against the
    recomputation (matrice + seuils), logged, with the REPORT and the output's fields (the
    disagreements). The first of two steps of ``feedback``'s progress.

    Raises ``ClassifyError`` and ``Canceled``."""
    progress = steps(2, feedback)
    cmp = core.compare_with_ign(source, cs_field, us_field, progress)
    log_classification(cmp.calc, feedback)
    report = classification_report(cmp.calc, layer, source, feedback)
    fields, renamed = _output_fields(source, classified.comparison_fields(), feedback)
    progress.setCurrentStep(1)
    return CompareRun(cmp, report, fields, renamed, progress)


def _output_fields(source, added, feedback):
    """The output's fields: the input's, renamed when they clash with ``added`` (said in the
    log), then ``added``."""
    fields, renamed = classified.output_fields(source.fields(), added)
    for old, new in renamed.items():
        feedback.pushInfo(tr("The input field {old} is kept as {new}.").format(old=old, new=new))
    return fields, renamed


def classification_report(result: classified.Classification, layer, source, feedback) -> dict:
    """The REPORT of a classification: method, convention, the
    undetermined
    polygons of the layer and millésime (``indetermine``, also in the log), the codes outside the
    nomenclature with their count and surface, nulls, repairs."""
    notes: list[str] = []  # the layer's millésime field against its name, when they disagree
    years = reading.layer_millesimes(layer, "occupation", notes) if layer is not None else ()
    for note in notes:
        feedback.pushWarning(note)
    name = layer.name() if layer is not None else source.sourceName()
    count, area = result.indetermine_total()
    imper_count, imper_area = result.indetermine_imper_total()
    undetermined = [
        undetermined_entry(
            name,
            years[0] if years else None,
            count,
            area,
            imper_nombre=imper_count,
            imper_surface_ha=imper_area / 10000.0,
        )
    ]
    log_undetermined(feedback, undetermined)
    return {
        "method": result.method,
        "convention": result.convention,
        "indetermine": undetermined,
        "codes_hors_nomenclature": {
            code: {"nombre": n, "surface_ha": result.unknown_surface.get(code, 0.0) / 10000.0}
            for code, n in sorted(result.unknown_codes.items())
        },
        "nulls": result.null_codes,
        "repaired": result.n_repaired,
        "warnings": notes,
        **_table_entry(result),
    }


def _table_entry(result: classified.Classification) -> dict:
    """``{"correspondance": …}`` when the codes were read through a correspondence table: the
    table and the codes it does not list (polygons, ha), else {}."""
    table = result.convention
    if not isinstance(table, Correspondence):
        return {}
    absent = {
        code: {"nombre": n, "surface_ha": result.unknown_surface.get(code, 0.0) / 10000.0}
        for code, n in sorted(result.unknown_codes.items())
    }
    return {"correspondance": dict(table.describe(), codes_absents=absent)}


def log_codes(result, feedback) -> None:
    """IGN's usage indéterminé (INDETERMINE) as information (read as any usage, by the
    convention), the codes outside the nomenclature as a warning."""
    unknown = dict(result.unknown_codes)
    if isinstance(result.convention, Correspondence):
        if unknown:
            found = {
                code: (n, result.unknown_surface.get(code, 0.0)) for code, n in unknown.items()
            }
            feedback.pushWarning(unmapped_message(result.convention, tr("The layer"), found))
        return
    undetermined = unknown.pop("INDETERMINE", 0)
    if undetermined:
        feedback.pushInfo(
            tr(
                "Usage indéterminé (INDETERMINE): {count} polygon(s), {area} ha, read as any "
                "usage (convention {convention})."
            ).format(
                count=undetermined,
                area=number(result.unknown_surface.get("INDETERMINE", 0.0) / 10000.0, 4),
                convention=result.convention,
            )
        )
    if unknown:
        feedback.pushWarning(
            tr(
                "Codes outside the OCS GE nomenclature, read as any code of their tree "
                "(convention {convention}): {codes}"
            ).format(
                convention=result.convention,
                codes=", ".join(
                    tr("{code} ({count} polygon(s), {area} ha)").format(
                        code=code,
                        count=n,
                        area=number(result.unknown_surface.get(code, 0.0) / 10000.0, 4),
                    )
                    for code, n in sorted(unknown.items())
                ),
            )
        )


def log_classification(result: classified.Classification, feedback) -> None:
    """What the classification noticed, in the algorithm's log (messages translated in the module
    context, as the core's)."""
    feedback.pushInfo(
        tr("Method: {method}; fields read: {fields}.").format(
            method=result.method,
            fields=", ".join(f"{role} = {name}" for role, name in result.fields_used.items()),
        )
    )
    say(feedback, result.warnings)
    if result.repaired_fids:  # repaired for the computation, the output untouched: information
        shown = ", ".join(str(fid) for fid in result.repaired_fids[:20])
        feedback.pushInfo(
            plural(
                len(result.repaired_fids),
                tr(
                    "{count} invalid geometry repaired (make valid) for the computation; "
                    "feature id: {ids}"
                ),
                tr(
                    "{count} invalid geometries repaired (make valid) for the "
                    "computation; feature ids: {ids}"
                ),
            ).format(
                count=len(result.repaired_fids),
                ids=shown + (" …" if len(result.repaired_fids) > 20 else ""),
            )
        )
    if result.empty_fids:
        feedback.pushInfo(
            plural(
                len(result.empty_fids),
                tr("{count} polygon without geometry, counted with a surface of 0."),
                tr("{count} polygons without geometry, counted with a surface of 0."),
            ).format(count=len(result.empty_fids))
        )
    log_codes(result, feedback)
    if result.null_codes:  # counted apart by the convention: information
        feedback.pushInfo(
            plural(
                result.null_codes,
                tr("{count} polygon with a null couverture or usage code."),
                tr("{count} polygons with a null couverture or usage code."),
            ).format(count=result.null_codes)
        )
    if result.thresholds is not None:
        t = result.thresholds
        feedback.pushInfo(
            tr(
                "Seuils: {patches} patches; {up} patch(es) switched to artificialisé "
                "({up_ha} ha), {down} to non "
                "artificialisé ({down_ha} ha); {unmatched} polygon side(s) without "
                "an exact twin, {fallback} of "
                "them found shared geometrically."
            ).format(
                patches=t.n_patches,
                up=t.n_patches_to_artif,
                up_ha=number(t.area_to_artif / 10000.0, 4),
                down=t.n_patches_to_non_artif,
                down_ha=number(t.area_to_non_artif / 10000.0, 4),
                unmatched=t.n_unmatched_edges,
                fallback=t.n_fallback_edges,
            )
        )
