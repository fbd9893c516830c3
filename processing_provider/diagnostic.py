"""Algorithm ``ocsge:diagnostic`` — Diagnostic de l'artificialisation d'un territoire (livraisons
→ tables publiées et cartes)."""

from __future__ import annotations

import json

from qgis.core import (
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputString,
    QgsVectorLayer,
)

from ..ocsge_plugin.pipelines import diagnostic as pipeline
from . import params
from .base import OcsgeAlgorithm
from .deliveries import check_deliveries, delivery_paths
from .params import METHODS
from .results import add_to_project, exporting, files_written

__all__ = [
    "DiagnosticAlgorithm",
]


class DiagnosticAlgorithm(params.DiagnosticInputs, OcsgeAlgorithm):
    COMMUNE_LAYER = "COMMUNE_LAYER"
    EPCI_LAYER = "EPCI_LAYER"

    GROUP = "territories"
    TAGS = ("diagnostic", "ZAN", "rapport", "report", "carte", "map", "PLU", "SCoT", "PLH")

    ID = "diagnostic"

    def initAlgorithm(self, config=None):  # noqa: N802
        params.diagnostic_inputs(self)
        self.add_published_parameters()
        self.add(params.coverage(self.COVERAGE))
        self.add_published_destination()
        self.add(params.replace_group(self.REPLACE_GROUP))
        self.addOutput(
            QgsProcessingOutputString(
                self.COMMUNE_LAYER, self.tr("Commune table (GeoPackage layer)")
            )
        )
        self.addOutput(
            QgsProcessingOutputString(self.EPCI_LAYER, self.tr("EPCI table (GeoPackage layer)"))
        )
        self.add_report_output()

    def checkParameterValues(self, parameters, context):  # noqa: N802
        problem, parameters = check_deliveries(self, parameters, self.INPUT, context)
        if (
            problem
            and parameters.get(self.LAYERS)
            and not delivery_paths(self, parameters, self.INPUT, context)
        ):
            problem = ""  # layers only
        if not problem and self.parameterAsSource(parameters, self.COMMUNES, context) is None:
            problem = self._communes_problem(parameters)
        return (False, problem) if problem else super().checkParameterValues(parameters, context)

    def _communes_problem(self, parameters) -> str:
        """Why the commune layer cannot be used, naming the path given (translated)."""
        given = parameters.get(self.COMMUNES)
        if isinstance(given, QgsProcessingFeatureSourceDefinition):
            given = given.source.staticValue()
        if given:
            return self.tr(
                "The commune layer {path} cannot be opened: it does not exist or is not "
                "a vector layer. Expected commune polygons with their INSEE code."
            ).format(path=given.source() if isinstance(given, QgsVectorLayer) else given)
        return self.tr("No commune layer. Expected commune polygons with their INSEE code.")

    def _inputs(self, parameters, context):
        """The delivery paths and the layers given; at least one of them."""
        paths = delivery_paths(self, parameters, self.INPUT, context)
        given = (
            self.parameterAsLayerList(parameters, self.LAYERS, context)
            if parameters.get(self.LAYERS)
            else []
        )
        if not paths and not given:
            raise self.fail(
                self.tr(
                    "No delivery given. Expected .7z archives or folders from IGN, "
                    "separated by ';'."
                )
            )
        return paths, given

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        paths, given = self._inputs(parameters, context)
        communes_source = self.required_source(
            parameters, self.COMMUNES, context, self._communes_problem(parameters)
        )
        membership_path = self.parameterAsFile(parameters, self.MEMBERSHIP, context) or None
        options = self.diagnostic_options(parameters, context)
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        fields = self.chosen_commune_fields(parameters, communes_source.fields().names(), context)

        def work():
            options.database = self.database(parameters, context)  # tried now, written at the end
            run = pipeline.diagnose(
                paths, given, communes_source, fields, membership_path, folder, options, feedback
            )
            return run.written, run.warnings, run

        done = exporting(self, folder, feedback, work, summary=True)
        if done is None:
            return {}
        run = done[2]
        pipeline.log_totals(run.table, options.unit, feedback)
        method_label = self.method_label(self.METHOD, METHODS, run.method)
        pipeline.log_summary(run, method_label, files_written(run.written, folder), feedback)
        replace = self.parameterAsBoolean(parameters, self.REPLACE_GROUP, context)
        add_to_project(
            context, run.written, run.departements, run.table, options.unit, method_label, replace
        )
        return {
            self.OUTPUT_FOLDER: folder,
            self.FILES: json.dumps(run.written.files, ensure_ascii=False),
            self.COMMUNE_LAYER: run.written.layers.get("artif_commune", ""),
            self.EPCI_LAYER: run.written.layers.get("artif_epci", ""),
            self.REPORT: self.write_report(
                parameters, context, run.report(options.unit, options.convention)
            ),
        }
