"""Algorithm ``ocsge:classify`` — Artificialisation et imperméabilisation of every polygon."""

from __future__ import annotations

import sqlite3

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..ocsge_plugin.computing import classified, gpkg
from ..ocsge_plugin.computing import classify as core
from ..ocsge_plugin.core import compat
from ..ocsge_plugin.pipelines import classify as pipeline
from ..ocsge_plugin.pipelines.logs import log_table
from ..ocsge_plugin.publishing import styles
from ..ocsge_plugin.storage import files, reading
from . import params
from .base import OcsgeAlgorithm
from .sinks import StylePostProcessor, stamp_convention, write_through_sink

__all__ = [
    "ClassifyAlgorithm",
]


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
        self.add(params.source(self.INPUT, self.tr("Occupation du sol layer")))
        self.add(params.method(self.METHOD))
        self.add(params.couverture_field(self.CS_FIELD, self.INPUT))
        self.add(params.usage_field(self.US_FIELD, self.INPUT))  # IGN's method reads no usage
        self.add_convention_parameter()
        self.add(params.sink(self.OUTPUT, self.tr("Artificialisation et imperméabilisation")))
        self.add_table(self.SUMMARY, self.tr("Summary table"))
        self.addOutput(QgsProcessingOutputString(self.METHOD_USED, self.tr("Method used")))
        areas, counts = self.numbers()
        for name, (_row, label) in (areas | counts).items():
            self.addOutput(QgsProcessingOutputNumber(name, label))
        self.add_report_output()

    def processAlgorithm(self, parameters, context: QgsProcessingContext, feedback):  # noqa: N802
        source = self.required_source(parameters, self.INPUT, context)
        options = pipeline.ClassifyOptions(
            method=self.METHOD_KEYS[self.parameterAsEnum(parameters, self.METHOD, context)],
            cs_field=self.field_parameter(parameters, self.CS_FIELD, context),
            us_field=self.field_parameter(parameters, self.US_FIELD, context),
            convention=self.convention(parameters, context),
        )
        layer = self.whole_layer(parameters, context)
        given = parameters.get(self.INPUT)
        run = self.attempt(
            feedback, core.ClassifyError, pipeline.classify, source, layer, options, feedback, given
        )
        dest_id = (
            None if run is None else self.write_output(parameters, context, layer, source, run)
        )
        if dest_id is None:
            return {} if run is None else self.canceled(feedback)
        StylePostProcessor.attach(context, dest_id, lambda: styles.artif_renderer("artif"))
        outputs = {self.OUTPUT: dest_id, self.METHOD_USED: run.result.method}
        outputs.update(self.write_summary(parameters, context, run.rows))
        by_key = {row.key: row for row in run.rows}
        areas, counts = self.numbers()
        outputs.update({name: by_key[row].area_ha for name, (row, _label) in areas.items()})
        outputs.update({name: by_key[row].count for name, (row, _label) in counts.items()})
        log_table(
            feedback,
            self.tr("Summary:"),
            [self.tr("Class"), self.tr("Polygons"), self.tr("Surface (ha)")],
            [[row.label, row.count, row.area_ha] for row in run.rows],
        )
        report = pipeline.classification_report(run.result, layer, source, feedback)
        outputs[self.REPORT] = self.write_report(
            parameters, context, dict(report, indicators=run.indicators())
        )
        self.name_outputs(
            context,
            [dest_id, outputs.get(self.SUMMARY)],
            self.run_name(parameters, context, run.result.method),
        )
        return outputs

    def write_output(self, parameters, context, layer, source, run) -> str | None:
        """The classified layer written (SQLite copy when it applies, else through a QGIS sink):
        the destination's id, or None when canceled."""
        result = run.result
        try:
            dest_id = self.copy_with_sqlite(
                parameters, context, layer, source, run.renamed, result, run.steps
            )
        except gpkg.Canceled:
            return None
        if dest_id is None:
            rows = classified.classification_rows(result)
            dest_id = write_through_sink(self, parameters, context, source, run, result.fid, rows)
            if dest_id is not None:  # the SQLite copy writes it itself
                stamp_convention(dest_id, result.convention)
        return dest_id

    def write_summary(self, parameters, context, rows) -> dict:
        """The summary table (one row per indicator), when asked for: {SUMMARY: its id}."""
        summary = self.output_sink(
            parameters,
            self.SUMMARY,
            context,
            self.summary_fields(),
            QgsWkbTypes.Type.NoGeometry,
            QgsCoordinateReferenceSystem(),
        )
        if summary.sink is None:
            return {}
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
        return {self.SUMMARY: summary.commit(len(rows))}

    def run_name(self, parameters, context, method: str) -> str:
        """The run's name in the layers panel: the input's millésimes and the method used."""
        given = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        years = (
            "-".join(map(str, reading.layer_millesimes(given, "occupation")))
            if given is not None
            else ""
        )
        return ", ".join(
            p for p in (years, self.method_label(self.METHOD, self.METHOD_KEYS, method)) if p
        )

    def copy_with_sqlite(
        self, parameters, context: QgsProcessingContext, layer, source, renamed, result, feedback
    ):
        """Write the output GeoPackage by copying the source's rows at the SQLite level (see
        ``gpkg``) when the source is a whole GeoPackage layer and the destination a new .gpkg
        file; the destination's id, or None when this does not apply or fails (the caller then
        writes through a QGIS sink). Raises gpkg.Canceled (nothing written)."""
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
        selection, limit or invalid-geometry handling asked), else None: the core may then read
        it directly."""
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
        text, real = QVariant.Type.String, QVariant.Type.Double
        return compat.fields(
            ("indicateur", text, 32),
            ("libelle", text, 120),
            ("nombre", QVariant.Type.Int),
            ("surface_ha", real, 20, 6),
            ("part_pct", real, 10, 4),
        )
