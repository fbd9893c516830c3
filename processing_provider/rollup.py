"""Algorithm ``ocsge:rollup`` — Agréger les communes aux niveaux supérieurs."""

from __future__ import annotations

from ..ocsge_plugin.core.errors import Canceled, OcsgeError
from ..ocsge_plugin.core.i18n import plural
from ..ocsge_plugin.pipelines import rollup as pipeline
from ..ocsge_plugin.pipelines.rollup import ROLLUP_LEVELS
from . import params
from .base import OcsgeAlgorithm
from .sinks import style_territories, write_table

__all__ = [
    "RollupAlgorithm",
]


class RollupAlgorithm(OcsgeAlgorithm):
    INPUT = "INPUT"
    MEMBERSHIP = "MEMBERSHIP"
    LEVELS = "LEVELS"
    OUTPUT_COMMUNE = "OUTPUT_COMMUNE"
    OUTPUTS = {
        "epci": "OUTPUT_EPCI",
        "scot": "OUTPUT_SCOT",
        "departement": "OUTPUT_DEPARTEMENT",
        "region": "OUTPUT_REGION",
    }

    GROUP = "territories"
    TAGS = ("regrouper", "roll up", "EPCI", "SCoT", "département", "région", "intercommunalité")

    ID = "rollup"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(params.commune_table(self.INPUT))
        self.add(params.membership(self.MEMBERSHIP))
        self.add(params.levels(self.LEVELS, self.tr("Levels"), ROLLUP_LEVELS))
        self.add(params.sink(self.OUTPUT_COMMUNE, self.tr("Communes with membership")))
        labels = [self.tr("EPCI"), self.tr("SCoT"), self.tr("Départements"), self.tr("Régions")]
        level_help = self.tr(
            "One row per territory of this level and pair of millésimes, outline "
            "= union of its communes."
        )
        for output, label in zip(self.OUTPUTS.values(), labels):  # in the order of OUTPUTS
            self.add(params.sink(output, label, optional=True), level_help)
        self.add_report_output()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.required_source(parameters, self.INPUT, context)
        options = pipeline.RollupOptions(
            levels=[
                ROLLUP_LEVELS[i] for i in self.parameterAsEnums(parameters, self.LEVELS, context)
            ]
            or list(ROLLUP_LEVELS),
            membership_path=self.parameterAsFile(parameters, self.MEMBERSHIP, context) or None,
        )
        try:
            run = pipeline.rollup_table(source, options, feedback)
        except OcsgeError as error:
            raise self.fail(str(error)) from None
        except Canceled:
            feedback.reportError(self.tr("Canceled."))
            return {}
        try:
            outputs = self.write_tables(parameters, context, source, run, feedback)
        except Canceled:
            feedback.reportError(self.tr("Canceled."))
            return {}
        outputs[self.REPORT] = self.write_report(parameters, context, run.report())
        return outputs

    def write_tables(self, parameters, context, source, run, feedback) -> dict:
        """The commune table and each level's, styled: output name → destination.
        Raises ``Canceled``."""
        outputs = {}
        dest = write_table(
            self,
            parameters,
            self.OUTPUT_COMMUNE,
            context,
            run.communes,
            source.fields(),
            run.geometries,
            run.crs,
            feedback,
        )
        if dest:
            outputs[self.OUTPUT_COMMUNE] = dest
            style_territories(context, dest)
        for level in run.result.levels:
            table, outlines = run.level_table(level, feedback)
            dest = write_table(
                self,
                parameters,
                self.OUTPUTS[level],
                context,
                table,
                None,
                outlines,
                run.crs,
                feedback,
            )
            if dest:
                outputs[self.OUTPUTS[level]] = dest
                style_territories(context, dest)
            count = table["code"].nunique()
            feedback.pushInfo(
                plural(
                    count,
                    self.tr("{level}: {count} territory"),
                    self.tr("{level}: {count} territories"),
                ).format(level=level, count=count)
            )
        return outputs
