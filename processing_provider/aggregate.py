"""Algorithm ``ocsge:aggregate`` — Agréger par territoire."""

from __future__ import annotations

from qgis.core import (
    QgsField,
    QgsFields,
    QgsVectorLayer,
)

from ..ocsge_plugin.core import compat
from ..ocsge_plugin.core.errors import Canceled, OcsgeError
from ..ocsge_plugin.pipelines import aggregate as pipeline
from . import params
from .base import OcsgeAlgorithm
from .params import METHODS, UNITS
from .sinks import style_territories, write_table

__all__ = [
    "AggregateAlgorithm",
]


class AggregateAlgorithm(OcsgeAlgorithm):
    INPUT_LAYERS = "INPUT_LAYERS"
    TERRITORIES = "TERRITORIES"
    CODE_FIELD = "CODE_FIELD"
    NAME_FIELD = "NAME_FIELD"
    KEEP_FIELDS = "KEEP_FIELDS"
    METHOD = "METHOD"
    OVERLAY = "OVERLAY"
    COVERAGE = "COVERAGE"
    OUTPUT = "OUTPUT"
    OUTPUT_TABLE = "OUTPUT_TABLE"
    OUTPUT_CLASSES = "OUTPUT_CLASSES"

    GROUP = "territories"
    TAGS = ("agréger", "aggregate", "territoire", "territory", "commune", "zonage", "PLU", "SCoT")

    ID = "aggregate"

    def initAlgorithm(self, config=None):  # noqa: N802
        self._add_inputs()
        self._add_outputs()

    def _add_inputs(self) -> None:
        self.add(params.layers(self.INPUT_LAYERS, self.tr("OCS GE layers")))
        self.add(params.source(self.TERRITORIES, self.tr("Territories")))
        self.add(
            params.field(self.CODE_FIELD, self.tr("Territory code field"), self.TERRITORIES, "code")
        )
        self.add(
            params.field(
                self.NAME_FIELD, self.tr("Territory name field"), self.TERRITORIES, "nom", True
            )
        )
        self.add(
            params.field(
                self.KEEP_FIELDS, self.tr("Fields to keep"), self.TERRITORIES, None, True, True
            )
        )
        self.add(params.method(self.METHOD))
        self.add_convention_parameter()

    def _add_outputs(self) -> None:
        self.add(
            params.flag(self.OVERLAY, self.tr("Flows by overlay when no difference layer"), True)
        )
        self.add(params.coverage(self.COVERAGE))
        self.add(params.unit(self.UNIT))  # a table, not a GeoPackage
        self.add(params.sink(self.OUTPUT, self.tr("Territories with stocks and flows")))
        self.add_table(self.OUTPUT_TABLE, self.tr("Table of stocks and flows"), by_default=False)
        self.add_table(
            self.OUTPUT_CLASSES, self.tr("Surfaces by class of the nomenclature"), by_default=False
        )
        self.add_report_output()

    def checkParameterValues(self, parameters, context):  # noqa: N802
        return True, ""  # checked in processAlgorithm, with messages saying what is expected

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        layers = [
            layer
            for layer in self.parameterAsLayerList(parameters, self.INPUT_LAYERS, context)
            if isinstance(layer, QgsVectorLayer)
        ]
        territories_source = self.required_source(parameters, self.TERRITORIES, context)
        code_field = self.field_parameter(parameters, self.CODE_FIELD, context)
        name_field = self.field_parameter(parameters, self.NAME_FIELD, context)
        options = pipeline.AggregateOptions(
            method=METHODS[self.parameterAsEnum(parameters, self.METHOD, context)],
            coverage=self.parameterAsBoolean(parameters, self.COVERAGE, context),
            overlay=self.parameterAsBoolean(parameters, self.OVERLAY, context),
            convention=self.convention(parameters, context),
            unit=UNITS[self.parameterAsEnum(parameters, self.UNIT, context)],
            keep=compat.parameter_as_fields(self, parameters, self.KEEP_FIELDS, context) or [],
        )
        if not code_field:
            raise self.fail(
                self.tr(
                    "No territory code field. Expected the field holding each territory's code."
                )
            )
        try:
            run = pipeline.aggregate(
                territories_source, code_field, name_field, layers, options, feedback
            )
            outputs = self._write(parameters, context, run, territories_source, feedback)
        except OcsgeError as error:
            raise self.fail(str(error)) from None
        except Canceled:
            feedback.reportError(self.tr("Canceled."))
            return {}
        outputs[self.REPORT] = self.write_report(parameters, context, run.report)
        pipeline.log_totals(run.table, options.unit, feedback)
        label = self.method_label(self.METHOD, METHODS, options.method)
        self.name_outputs(context, outputs.values(), ", ".join(p for p in (run.period, label) if p))
        return outputs

    def _write(self, parameters, context, run, territories_source, feedback) -> dict:
        """The three tables of ``run`` written to the sinks asked for; their ids by parameter."""
        extra = QgsFields()
        for name in run.keep:
            extra.append(QgsField(territories_source.fields().field(name)))
        result = run.result
        geometries = dict(zip(result.territories.codes, result.geometries))
        outputs = {}
        for name, table, fields, spatial in (
            (self.OUTPUT, run.table, extra, True),
            (self.OUTPUT_TABLE, run.table, extra, False),
            (self.OUTPUT_CLASSES, run.classes, None, False),
        ):
            dest = write_table(
                self,
                parameters,
                name,
                context,
                table,
                fields,
                geometries if spatial else None,
                result.crs,
                feedback,
                spatial=spatial,
            )
            if dest:
                outputs[name] = dest
                if name == self.OUTPUT:
                    style_territories(context, dest)
        return outputs
