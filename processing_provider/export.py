"""Algorithm ``ocsge:export`` — Exporter au schéma publié (data.gouv.fr)."""

from __future__ import annotations

import json

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
)

from ..ocsge_plugin.computing.communes import read_membership
from ..ocsge_plugin.core.errors import Canceled, OcsgeError
from ..ocsge_plugin.core.i18n import tr
from ..ocsge_plugin.publishing import export, export_classes
from . import params
from .base import OcsgeAlgorithm
from .results import add_to_project

LEVELS = export.PUBLISHED_LEVELS
DATASETS = export.DATASETS
FORMATS = ("gpkg", "csv")


class ExportAlgorithm(OcsgeAlgorithm):
    COMMUNE = "COMMUNE"
    CLASSES = "CLASSES"
    MEMBERSHIP = "MEMBERSHIP"
    GIVEN = {"epci": "EPCI", "scot": "SCOT", "departement": "DEPARTEMENT", "region": "REGION"}
    LEVELS = "LEVELS"
    DATASETS = "DATASETS"
    FORMATS = "FORMATS"
    COVERAGE_TABLE = "COVERAGE_TABLE"

    GROUP = "territories"
    TAGS = (
        "exporter",
        "export",
        "data.gouv.fr",
        "CSV",
        "GeoPackage",
        "open data",
        "données ouvertes",
    )

    ID = "export"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(params.commune_table(self.COMMUNE))
        self.add(
            QgsProcessingParameterFeatureSource(
                self.CLASSES,
                self.tr("Surfaces by class (ocsge:aggregate)"),
                [QgsProcessing.SourceType.TypeVector],
                optional=True,
            ),
            self.tr(
                "Optional: the surfaces by class of the nomenclature that "
                "ocsge:aggregate wrote with the commune table; then couverture_, usage_, "
                "transition_cs_ and origine_artif_<level> are written too."
            ),
        )
        self.add(params.membership(self.MEMBERSHIP))
        labels = {
            "epci": self.tr("EPCI table (ocsge:rollup)"),
            "scot": self.tr("SCoT table (ocsge:rollup)"),
            "departement": self.tr("Département table (ocsge:rollup)"),
            "region": self.tr("Région table (ocsge:rollup)"),
        }
        for level, name in self.GIVEN.items():
            self.add(
                QgsProcessingParameterFeatureSource(
                    name, labels[level], [QgsProcessing.SourceType.TypeVector], optional=True
                ),
                self.tr(
                    "Optional: this level as ocsge:rollup computed it; when empty it is "
                    "rolled up from the communes."
                ),
            )
        self.add(
            QgsProcessingParameterEnum(
                self.LEVELS,
                self.tr("Levels"),
                options=[
                    self.tr("Commune"),
                    self.tr("EPCI"),
                    self.tr("SCoT"),
                    self.tr("Département"),
                    self.tr("Région"),
                ],
                allowMultiple=True,
                defaultValue=[0, 1, 2, 3, 4],
            ),
            self.tr("The levels to export (SCoT only when SCoT codes exist)."),
        )
        self.add(
            QgsProcessingParameterEnum(
                self.DATASETS,
                self.tr("Datasets"),
                options=[self.tr("Artificialisation"), self.tr("Imperméabilisation")],
                allowMultiple=True,
                defaultValue=[0, 1],
            ),
            self.tr("artif_<level> and / or imper_<level>."),
        )
        self.add(
            QgsProcessingParameterEnum(
                self.FORMATS,
                self.tr("Formats"),
                options=["GeoPackage", "CSV"],
                allowMultiple=True,
                defaultValue=[0, 1],
            ),
            self.tr("GeoPackage (with outlines in EPSG:4326) and / or CSV (UTF-8, no geometry)."),
        )
        self.add_published_parameters()
        self.add(
            QgsProcessingParameterBoolean(
                self.COVERAGE_TABLE,
                self.tr('Also the "part du territoire couvert" table'),
                defaultValue=True,
            ),
            self.tr("Per département: code, name, surface_km2, percent_of_france, has_ocsge."),
        )
        self.add_published_destination()
        self.add(params.replace_group(self.REPLACE_GROUP))
        self.add_report_output()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.required_source(
            parameters,
            self.COMMUNE,
            context,
            self.tr(
                "No commune table. Expected the output of ocsge:aggregate on communes or "
                "of ocsge:rollup."
            ),
        )
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        options = dict(
            levels=[LEVELS[i] for i in self.parameterAsEnums(parameters, self.LEVELS, context)]
            or list(LEVELS),
            datasets=[
                DATASETS[i] for i in self.parameterAsEnums(parameters, self.DATASETS, context)
            ]
            or list(DATASETS),
            formats=[FORMATS[i] for i in self.parameterAsEnums(parameters, self.FORMATS, context)]
            or list(FORMATS),
            coverage=self.parameterAsBoolean(parameters, self.COVERAGE_TABLE, context),
            **self.published_options(parameters, context),
        )
        membership_path = self.parameterAsFile(parameters, self.MEMBERSHIP, context) or None

        def work():
            options["database"] = self.database(parameters, context)
            table, geometries, crs = export.read_table(source)
            given = {}
            for level, name in self.GIVEN.items():
                level_source = self.parameterAsSource(parameters, name, context)
                if level_source is not None and level in options["levels"]:
                    given[level] = export.read_table(level_source)
            membership = read_membership(membership_path) if membership_path else None
            if membership is not None:
                feedback.pushInfo(membership.description())
            classes_source = self.parameterAsSource(parameters, self.CLASSES, context)
            classes = (
                export_classes.read_classes(classes_source) if classes_source is not None else None
            )
            result, warnings = run_export(
                table, geometries, crs, membership, given, folder, options, feedback, classes
            )
            return result, warnings, table

        done = exporting(self, folder, feedback, work)
        if done is None:
            return {}
        result, warnings, table = done
        departements = (
            set(table["departement_code"].dropna().astype(str))
            if "departement_code" in table.columns
            else set()
        )
        add_to_project(
            context,
            result,
            departements,
            table,
            options["unit"],
            replace=self.parameterAsBoolean(parameters, self.REPLACE_GROUP, context),
        )
        return {
            self.OUTPUT_FOLDER: folder,
            self.FILES: json.dumps(result.files, ensure_ascii=False),
            self.REPORT: json.dumps(
                {
                    "files": result.files,
                    "layers": result.layers,
                    "tables": result.tables,
                    "warnings": warnings,
                    "unit": options["unit"],
                    "convention": result.convention,
                    "quality": result.quality,
                },
                ensure_ascii=False,
            ),
        }


def exporting(alg, folder, feedback, work):
    """``work()`` → (written, warnings, rest): the export of ``ocsge:export`` and
    ``ocsge:diagnostic``, its
    user errors as messages, a cancel as None (said in the log), then its warnings and files in the
    log."""
    try:
        written, warnings, rest = work()
    except OcsgeError as error:
        raise alg.fail(str(error)) from None
    except Canceled:
        feedback.reportError(tr("Canceled: no file was written."))
        return None
    except OSError as error:
        raise alg.fail(
            tr("Cannot write to {folder}: {error}. Expected a writable folder.").format(
                folder=folder, error=error
            )
        ) from None
    for note in warnings:
        feedback.pushWarning(note)
    for path in written.files + written.tables:
        feedback.pushInfo(path)
    return written, warnings, rest


def run_export(table, geometries, crs, membership, given, folder, options, feedback, classes=None):
    """Levels from the communes (or given), then the files, the quality tables and, when the
    aggregation's
    per-class tables are given (``AggregateResult.classes``), theirs at every level. Returns
    (ExportResult, warnings)."""
    convention = options.get("convention") or export.table_convention(table)
    wanted = options["levels"]
    levels, warnings = export.levels_from_communes(
        table,
        geometries,
        crs,
        membership,
        ["commune", *wanted] if classes else wanted,
        given,
        feedback,
        options.get("code_field", "code"),
    )
    per_level = export_classes.by_level(classes, levels, levels["commune"][0]) if classes else None
    levels = {level: value for level, value in levels.items() if level in wanted}
    result = export.export_tables(
        levels,
        folder,
        datasets=options["datasets"],
        formats=options["formats"],
        unit=options["unit"],
        dialect=options["dialect"],
        simplify=options["simplify"],
        wide=options["wide"],
        coverage=options["coverage"],
        feedback=feedback,
        convention=convention,
        classes=per_level,
        database=options.get("database"),
    )
    result.convention = convention
    result.quality = export.quality_summary(levels)
    warnings = warnings + export.quality_warnings(result.quality)
    return result, warnings
