"""Algorithm ``ocsge:classify`` — Artificialisation et imperméabilisation of every polygon."""

from __future__ import annotations

import json
import sqlite3

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..ocsge_plugin.computing import classified, gpkg
from ..ocsge_plugin.computing import classify as core
from ..ocsge_plugin.core import compat
from ..ocsge_plugin.core.i18n import plural, tr
from ..ocsge_plugin.pipelines.logs import log_table, log_undetermined, undetermined_entry
from ..ocsge_plugin.publishing import styles
from ..ocsge_plugin.storage import files, reading
from . import params
from .base import OcsgeAlgorithm
from .sinks import StylePostProcessor, stamp_convention


class ClassifyAlgorithm(OcsgeAlgorithm):
    INPUT = "INPUT"
    METHOD = "METHOD"
    CS_FIELD = "CS_FIELD"
    US_FIELD = "US_FIELD"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"
    # numeric outputs (hectares, counts)
    METHOD_USED = "METHOD_USED"
    IMPER_HA = "IMPER_HA"
    ARTIF_MATRICE_HA = "ARTIF_MATRICE_HA"
    ARTIF_HA = "ARTIF_HA"
    SEUIL_TO_ARTIF_HA = "SEUIL_TO_ARTIF_HA"
    SEUIL_TO_NON_ARTIF_HA = "SEUIL_TO_NON_ARTIF_HA"
    INDETERMINE_COUNT = "INDETERMINE_COUNT"
    INDETERMINE_HA = "INDETERMINE_HA"
    INDETERMINE_IMPER_COUNT = "INDETERMINE_IMPER_COUNT"
    INDETERMINE_IMPER_HA = "INDETERMINE_IMPER_HA"
    REPAIRED_COUNT = "REPAIRED_COUNT"
    TOTAL_HA = "TOTAL_HA"
    POLYGON_COUNT = "POLYGON_COUNT"

    METHOD_KEYS = (core.AUTO,) + core.METHODS  # enum index → core method

    GROUP = "compute"
    TAGS = ("classer", "classify", "matrice", "matrix", "seuils", "thresholds", "décret")

    ID = "classify"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(
                self.INPUT,
                self.tr("Occupation du sol layer"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
            ),
            self.tr(
                "Polygons with couverture and usage codes (OCCUPATION_SOL or IGN's "
                "artificialisation layer, as ocsge:load outputs them), in a projected "
                "CRS."
            ),
        )
        self.add(
            params.method(self.METHOD),
            self.tr(
                "0 automatic, 1 IGN, 2 matrice, 3 matrice + seuils. Automatic takes "
                "IGN's answer when the layer has an artif field, else computes matrice + "
                "seuils."
            ),
        )
        self.add(params.couverture_field(self.CS_FIELD, self.INPUT))
        self.add(
            params.usage_field(
                self.US_FIELD, self.INPUT
            ),  # the IGN method reads IGN's answer, not the usage
            self.tr(
                "Field holding the usage code (US1.1 …). Default code_us, as ocsge:load "
                "names it; when absent, usage is tried. Not needed by the IGN method."
            ),
        )
        self.add_convention_parameter()
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT,
                self.tr("Artificialisation et imperméabilisation"),
                QgsProcessing.SourceType.TypeVectorPolygon,
            ),
            self.tr(
                "The input polygons with imper, artif, artif_matrice, crit_seuil "
                "(booleans, NULL when indéterminé) and artif_source; styled "
                "artificialisé / non artificialisé."
            ),
        )
        self.add_table(
            self.SUMMARY,
            self.tr("Summary table"),
            self.tr(
                "A table without geometry, one row per indicator: indicateur, libelle, "
                "nombre (polygons), surface_ha, part_pct (% of the layer's surface)."
            ),
        )
        self.addOutput(QgsProcessingOutputString(self.METHOD_USED, self.tr("Method used")))
        areas, counts = self.numbers()
        for name, (_row, label) in (areas | counts).items():
            self.addOutput(QgsProcessingOutputNumber(name, label))
        self.add_report_output()

    def processAlgorithm(self, parameters, context: QgsProcessingContext, feedback):  # noqa: N802
        source = self.required_source(
            parameters,
            self.INPUT,
            context,
            self.tr("No input layer. Expected an occupation du sol polygon layer."),
        )
        method = self.METHOD_KEYS[self.parameterAsEnum(parameters, self.METHOD, context)]
        cs_field = self.field_parameter(parameters, self.CS_FIELD, context)
        us_field = self.field_parameter(parameters, self.US_FIELD, context)
        steps = QgsProcessingMultiStepFeedback(2, feedback)
        try:
            layer = self.whole_layer(parameters, context)
            result = core.classify_layer(
                source,
                method,
                cs_field,
                us_field,
                steps,
                layer=layer,
                convention=self.convention(parameters, context),
            )
        except core.ClassifyError as error:
            raise self.fail(str(error)) from None
        except core.Canceled:
            feedback.reportError(self.tr("Canceled."))
            return {}
        log_classification(result, feedback)
        if source.featureCount() == 0:
            feedback.pushWarning(
                self.tr(
                    "The layer {name} has no polygon: every surface below is 0. Check "
                    "the layer (or its filter)."
                ).format(name=source.sourceName() or parameters.get(self.INPUT))
            )

        fields, renamed = classified.output_fields(
            source.fields(), classified.classification_fields()
        )
        for old, new in renamed.items():
            feedback.pushInfo(
                self.tr("The input field {old} is kept as {new}.").format(old=old, new=new)
            )
        steps.setCurrentStep(1)
        try:
            dest_id = self.copy_with_sqlite(
                parameters, context, layer, source, renamed, result, steps
            )
        except gpkg.Canceled:
            feedback.reportError(self.tr("Canceled."))
            return {}
        if dest_id is None:
            dest_id = write_through_sink(
                self,
                parameters,
                context,
                source,
                fields,
                result.fid,
                classified.classification_rows(result),
                steps,
            )
            if dest_id is None:
                feedback.reportError(self.tr("Canceled."))
                return {}
            stamp_convention(dest_id, result.convention)  # the SQLite copy writes it itself
        StylePostProcessor.attach(context, dest_id, lambda: styles.artif_renderer("artif"))

        rows = classified.summary(result)
        outputs = {self.OUTPUT: dest_id, self.METHOD_USED: result.method}
        summary = self.output_sink(
            parameters,
            self.SUMMARY,
            context,
            self.summary_fields(),
            QgsWkbTypes.Type.NoGeometry,
            QgsCoordinateReferenceSystem(),
        )
        if summary.sink is not None:
            total = rows[-1].area_m2
            for row in rows:
                feature = QgsFeature()
                feature.setAttributes(
                    [
                        row.key,
                        row.label,
                        row.count,
                        row.area_ha,
                        100.0 * row.area_m2 / total if total > 0 else None,
                    ]
                )
                summary.sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            outputs[self.SUMMARY] = summary.commit(len(rows))
        by_key = {row.key: row for row in rows}
        areas, counts = self.numbers()
        outputs.update({name: by_key[row].area_ha for name, (row, _label) in areas.items()})
        outputs.update({name: by_key[row].count for name, (row, _label) in counts.items()})
        log_table(
            feedback,
            self.tr("Summary:"),
            [self.tr("Class"), self.tr("Polygons"), self.tr("Surface (ha)")],
            [[row.label, row.count, row.area_ha] for row in rows],
        )
        outputs[self.REPORT] = json.dumps(
            dict(
                classification_report(result, layer, source, feedback),
                indicators={
                    row.key: {"nombre": row.count, "surface_ha": row.area_ha} for row in rows
                },
            ),
            ensure_ascii=False,
        )
        given = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        years = (
            "-".join(map(str, reading.layer_millesimes(given, "occupation")))
            if given is not None
            else ""
        )
        self.name_outputs(
            context,
            [dest_id, outputs.get(self.SUMMARY)],
            ", ".join(
                p
                for p in (years, self.method_label(self.METHOD, self.METHOD_KEYS, result.method))
                if p
            ),
        )
        return outputs

    def copy_with_sqlite(
        self, parameters, context: QgsProcessingContext, layer, source, renamed, result, feedback
    ):
        """Write the output GeoPackage by copying the source's rows at the SQLite level (see
        ``gpkg``) when the source is a whole GeoPackage layer and the destination a new .gpkg
        file; the destination's id, or None when this does not apply or fails (the caller then
        writes
        through a QGIS sink). Raises gpkg.Canceled (nothing written)."""
        dest = self.file_destination(parameters, self.OUTPUT, context)
        if layer is None or not gpkg.is_plain_gpkg_destination(dest):
            return None
        stamp = {"convention": result.convention}
        try:
            added = [
                (gpkg.ogr_field(field), codes, labels)
                for field, (codes, labels) in zip(
                    classified.classification_fields(), classified.classification_codes(result)
                )
            ]
            try:
                plan = gpkg.plan_copy(layer, source.fields().names(), renamed)
            except gpkg.Unsupported:  # a shapefile: translated by GDAL, the answers added by SQLite
                gpkg.write_copy(
                    gpkg.plan_translate(layer, source.fields().names(), renamed),
                    dest,
                    added,
                    result.fid,
                    feedback,
                    stamp,
                )
                how = self.tr(
                    "{path}: the shapefile translated by GDAL, the answers added by SQLite."
                )
            else:
                gpkg.write_copy(plan, dest, added, result.fid, feedback, stamp)
                how = self.tr(
                    "{path}: the GeoPackage's rows copied by SQLite with the answers "
                    "added (its spatial index too)."
                )
        except gpkg.Unsupported:
            return None
        except (
            OSError,
            RuntimeError,
            sqlite3.Error,
        ) as error:  # GDAL's errors are RuntimeError; an SQLite without JSON…
            if (
                feedback.isCanceled()
            ):  # not a failure: nothing is written, the previous file is kept
                raise gpkg.Canceled() from None
            if files.is_write_failure(
                error
            ):  # a full disk, no right to write: an error, the previous file kept
                raise self.fail(files.write_error(dest, error)) from None
            feedback.pushWarning(
                self.tr(
                    "Writing the GeoPackage with GDAL and SQLite failed ({error}); the "
                    "output is written through QGIS instead."
                ).format(error=error)
            )
            return None
        self.register_written_layer(parameters, self.OUTPUT, context, dest)
        feedback.pushInfo(how.format(path=dest))
        return dest

    def whole_layer(self, parameters, context: QgsProcessingContext):
        """The input's ``QgsVectorLayer`` when the source gives all its features as they are (no
        selection, limit or invalid-geometry handling asked), else None: the core may then read it
        directly."""
        value = parameters.get(self.INPUT)
        if isinstance(value, QgsProcessingFeatureSourceDefinition):
            if value.selectedFeaturesOnly or value.featureLimit != -1 or int(value.flags) != 0:
                return None
        try:
            return self.parameterAsVectorLayer(parameters, self.INPUT, context)
        except Exception:  # noqa: BLE001 - a source only, read through QGIS
            return None

    def numbers(self) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
        """The numeric outputs, name → (row of the summary table, label): surfaces (hectares),
        polygon counts."""
        areas = {
            self.IMPER_HA: ("imper", self.tr("Surface imperméabilisée (ha)")),
            self.ARTIF_MATRICE_HA: (
                "artif_matrice",
                self.tr("Surface artificialisée by the matrix, before the seuils (ha)"),
            ),
            self.ARTIF_HA: ("artif", self.tr("Surface artificialisée after the seuils (ha)")),
            self.SEUIL_TO_ARTIF_HA: (
                "seuil_vers_artif",
                self.tr("Surface switched to artificialisé by the seuils (ha)"),
            ),
            self.SEUIL_TO_NON_ARTIF_HA: (
                "seuil_vers_non_artif",
                self.tr("Surface switched to non artificialisé by the seuils (ha)"),
            ),
            self.INDETERMINE_HA: (
                "indetermine",
                self.tr("Indéterminé surface (artificialisation, ha)"),
            ),
            self.INDETERMINE_IMPER_HA: (
                "indetermine_imper",
                self.tr("Indéterminé surface (imperméabilisation, ha)"),
            ),
            self.TOTAL_HA: ("total", self.tr("Surface of all polygons (ha)")),
        }
        counts = {
            self.INDETERMINE_COUNT: (
                "indetermine",
                self.tr("Indéterminé polygons (artificialisation)"),
            ),
            self.INDETERMINE_IMPER_COUNT: (
                "indetermine_imper",
                self.tr("Indéterminé polygons (imperméabilisation)"),
            ),
            self.REPAIRED_COUNT: ("geometries_reparees", self.tr("Invalid geometries repaired")),
            self.POLYGON_COUNT: ("total", self.tr("Number of polygons")),
        }
        return areas, counts

    def summary_fields(self) -> QgsFields:
        fields = QgsFields()
        fields.append(compat.field("indicateur", QVariant.Type.String, len=32))
        fields.append(compat.field("libelle", QVariant.Type.String, len=120))
        fields.append(compat.field("nombre", QVariant.Type.Int))
        fields.append(compat.field("surface_ha", QVariant.Type.Double, len=20, prec=6))
        fields.append(compat.field("part_pct", QVariant.Type.Double, len=10, prec=4))
        return fields


def write_through_sink(
    alg, parameters, context, source, fields, fid, values, feedback, only=None
) -> str | None:
    """``classified.write_features`` into the algorithm's OUTPUT sink (shared with compare_artif):
    the
    destination's id, or None when canceled; a cancel or an error leaves no partial file and the
    previous file untouched (``OutputSink``)."""
    output = alg.output_sink(
        parameters, alg.OUTPUT, context, fields, source.wkbType(), source.sourceCrs()
    )
    if output.sink is None:
        raise alg.fail(tr("The output layer could not be created."))
    try:
        written = classified.write_features(
            source, output.sink, fields, fid, values, feedback, only=only
        )
    except core.Canceled:
        output.abort()
        return None
    except BaseException as error:  # a feature QGIS could not write (a full disk…)
        raise output.failed(
            alg.fail(str(error)) if isinstance(error, core.ClassifyError) else error
        ) from None
    return output.commit(written)


def classification_report(result: classified.Classification, layer, source, feedback) -> dict:
    """The REPORT of a classification (shared with compare_artif): method, convention, the
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
    }


def log_classification(result: classified.Classification, feedback) -> None:
    """What the classification noticed, in the algorithm's log (shared with compare_artif; messages
    translated in the module context, as the core's)."""
    feedback.pushInfo(
        tr("Method: {method}; fields read: {fields}.").format(
            method=result.method,
            fields=", ".join(f"{role} = {name}" for role, name in result.fields_used.items()),
        )
    )
    for note in result.warnings:
        feedback.pushWarning(note)
    if result.repaired_fids:
        shown = ", ".join(str(fid) for fid in result.repaired_fids[:20])
        feedback.pushWarning(
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
        feedback.pushWarning(
            plural(
                len(result.empty_fids),
                tr("{count} polygon without geometry, counted with a surface of 0."),
                tr("{count} polygons without geometry, counted with a surface of 0."),
            ).format(count=len(result.empty_fids))
        )
    if result.unknown_codes:
        feedback.pushWarning(
            tr(
                "Codes outside the OCS GE nomenclature, read as any code of their tree "
                "(convention {convention}): {codes}"
            ).format(
                convention=result.convention,
                codes=", ".join(
                    tr("{code} ({count} polygon(s), {area:.4f} ha)").format(
                        code=code, count=n, area=result.unknown_surface.get(code, 0.0) / 10000.0
                    )
                    for code, n in sorted(result.unknown_codes.items())
                ),
            )
        )
    if result.null_codes:
        feedback.pushWarning(
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
                "({up_ha:.4f} ha), {down} to non "
                "artificialisé ({down_ha:.4f} ha); {unmatched} polygon side(s) without "
                "an exact twin, {fallback} of "
                "them found shared geometrically."
            ).format(
                patches=t.n_patches,
                up=t.n_patches_to_artif,
                up_ha=t.area_to_artif / 10000.0,
                down=t.n_patches_to_non_artif,
                down_ha=t.area_to_non_artif / 10000.0,
                unmatched=t.n_unmatched_edges,
                fallback=t.n_fallback_edges,
            )
        )
