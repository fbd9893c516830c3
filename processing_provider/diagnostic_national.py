"""Algorithm ``ocsge:diagnostic_national`` — the diagnostic of many départements at once, in
worker processes, resumable, merged into one folder (and a PostGIS schema)."""

from __future__ import annotations

import json

from qgis.core import QgsProcessingParameterNumber

from ..ocsge_plugin.core.errors import Canceled, OcsgeError
from ..ocsge_plugin.core.i18n import Note, tr
from ..ocsge_plugin.pipelines import diagnostic, national
from ..ocsge_plugin.pipelines.logs import say
from . import params
from .base import OcsgeAlgorithm
from .deliveries import delivery_paths
from .results import files_written

__all__ = [
    "NationalDiagnosticAlgorithm",
]


class NationalDiagnosticAlgorithm(params.DiagnosticInputs, OcsgeAlgorithm):
    WORKERS = "WORKERS"

    GROUP = "territories"
    TAGS = ("diagnostic", "ZAN", "national", "France", "départements", "batch", "lot")

    ID = "diagnostic_national"

    def initAlgorithm(self, config=None):  # noqa: N802
        params.diagnostic_inputs(self, with_layers=False)
        self.add_published_parameters()
        self.add(params.coverage(self.COVERAGE))
        workers = QgsProcessingParameterNumber(
            self.WORKERS,
            self.tr("Worker processes"),
            QgsProcessingParameterNumber.Type.Integer,
            national.default_workers(),
            minValue=1,
            maxValue=64,
        )
        self.add(workers)
        self.add_published_destination()
        self.add_report_output()

    def _communes(self, parameters, context) -> national.Communes:
        """The commune layer as the workers open it (its source), its fields checked here."""
        layer = self.parameterAsVectorLayer(parameters, self.COMMUNES, context)
        if layer is None or layer.providerType() not in ("ogr", "spatialite"):
            raise self.fail(
                self.tr(
                    "The commune layer must be a file: each département's process opens it "
                    "itself. Expected a GeoPackage, shapefile or GeoJSON of communes with their "
                    "INSEE code (export a database layer to a file first)."
                )
            )
        fields = self.chosen_commune_fields(parameters, layer.fields().names(), context)
        membership = self.parameterAsFile(parameters, self.MEMBERSHIP, context) or None
        return national.Communes(
            layer.source(), layer.providerType(), fields.code, fields.name or "", membership
        )

    def _groups(self, parameters, context, feedback) -> dict:
        paths = delivery_paths(self, parameters, self.INPUT, context)
        groups, unknown = national.group_deliveries(paths)
        if unknown:
            say(
                feedback,
                [
                    Note(
                        tr("No département code in the name of {paths}: left out.").format(
                            paths=", ".join(unknown)
                        )
                    )
                ],
            )
        if not groups:
            raise self.fail(
                self.tr(
                    "No delivery of a département given. Expected IGN's .7z archives or "
                    "folders (their names hold the département: …_D032_…), or a folder of them."
                )
            )
        feedback.pushInfo(
            tr("Départements: {codes}.").format(codes=", ".join(f"D{code}" for code in groups))
        )
        return groups

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        groups = self._groups(parameters, context, feedback)
        communes = self._communes(parameters, context)
        options = self.diagnostic_options(parameters, context)
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        workers = self.parameterAsInt(parameters, self.WORKERS, context)
        try:
            options.database = self.database(parameters, context)  # tried now, written at the end
            run = national.run_national(groups, communes, folder, options, workers, feedback)
        except Canceled:
            feedback.reportError(
                tr(
                    "Canceled: the départements finished are kept in {folder}; run again with "
                    "the same inputs to go on from there."
                ).format(folder=folder)
            )
            return {}
        except OcsgeError as error:
            raise self.fail(str(error)) from None
        except OSError as error:
            raise self.fail(
                tr("Cannot write to {folder}: {error}. Expected a writable folder.").format(
                    folder=folder, error=error
                )
            ) from None
        say(feedback, run.warnings)
        diagnostic.log_totals(run.table, options.unit, feedback)
        feedback.pushInfo(files_written(run.written, folder))
        return {
            self.OUTPUT_FOLDER: folder,
            self.FILES: json.dumps(run.written.files, ensure_ascii=False),
            self.REPORT: self.write_report(
                parameters, context, run.report(options.unit, options.convention)
            ),
        }
