"""Algorithm ``ocsge:export`` — Exporter au schéma publié (data.gouv.fr)."""

from __future__ import annotations

import json

from ..ocsge_plugin.core import definitions
from ..ocsge_plugin.pipelines import export as pipeline
from ..ocsge_plugin.publishing import export
from . import params
from .base import OcsgeAlgorithm
from .results import add_to_project, exporting

__all__ = [
    "ExportAlgorithm",
]

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
        "exporter", "export", "data.gouv.fr", "CSV", "GeoPackage", "open data", "données ouvertes",
    )  # fmt: skip

    ID = "export"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(params.commune_table(self.COMMUNE))
        classes = self.tr("Surfaces by class (ocsge:aggregate)")
        self.add(params.source(self.CLASSES, classes, params.TABLES, optional=True))
        self.add(params.membership(self.MEMBERSHIP))
        labels = {
            "epci": self.tr("EPCI table (ocsge:rollup)"),
            "scot": self.tr("SCoT table (ocsge:rollup)"),
            "departement": self.tr("Département table (ocsge:rollup)"),
            "region": self.tr("Région table (ocsge:rollup)"),
        }
        given_help = self.tr(
            "Optional: this level as ocsge:rollup computed it; when empty it is "
            "rolled up from the communes."
        )
        for level, name in self.GIVEN.items():
            self.add(params.source(name, labels[level], params.TABLES, optional=True), given_help)
        self.add(params.levels(self.LEVELS, self.tr("Levels"), definitions.LEVELS))
        datasets = [self.tr("Artificialisation"), self.tr("Imperméabilisation")]
        self.add(params.choice(self.DATASETS, self.tr("Datasets"), datasets, [0, 1], True))
        self.add(
            params.choice(self.FORMATS, self.tr("Formats"), ["GeoPackage", "CSV"], [0, 1], True)
        )
        self.add_published_parameters()
        coverage_table = self.tr('Also the "part du territoire couvert" table')
        self.add(params.flag(self.COVERAGE_TABLE, coverage_table, True))
        self.add_published_destination()
        self.add(params.replace_group(self.REPLACE_GROUP))
        self.add_report_output()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.required_source(parameters, self.COMMUNE, context)
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        options = pipeline.ExportOptions(
            levels=[
                definitions.LEVELS[i]
                for i in self.parameterAsEnums(parameters, self.LEVELS, context)
            ]
            or list(definitions.LEVELS),
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
            options.database = self.database(parameters, context)
            run = pipeline.export_table(
                source,
                {
                    level: self.parameterAsSource(parameters, name, context)
                    for level, name in self.GIVEN.items()
                },
                membership_path,
                self.parameterAsSource(parameters, self.CLASSES, context),
                folder,
                options,
                feedback,
            )
            return run.written, run.warnings, run

        done = exporting(self, folder, feedback, work)
        if done is None:
            return {}
        run = done[2]
        add_to_project(
            context,
            run.written,
            run.departements,
            run.table,
            options.unit,
            replace=self.parameterAsBoolean(parameters, self.REPLACE_GROUP, context),
        )
        return {
            self.OUTPUT_FOLDER: folder,
            self.FILES: json.dumps(run.written.files, ensure_ascii=False),
            self.REPORT: self.write_report(parameters, context, run.report(options.unit)),
        }
