"""Algorithm ``ocsge:compare_artif`` — check IGN's artificialisation layer against matrice +
seuils."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingOutputNumber,
    QgsVectorLayer,
)

from ..ocsge_plugin.computing import classified
from ..ocsge_plugin.computing import classify as core
from ..ocsge_plugin.pipelines import classify as pipeline
from ..ocsge_plugin.publishing import styles
from . import params
from .base import OcsgeAlgorithm
from .sinks import StylePostProcessor, write_through_sink

__all__ = [
    "CompareArtifAlgorithm",
]


class CompareArtifAlgorithm(OcsgeAlgorithm):
    INPUT = "INPUT"
    CS_FIELD = "CS_FIELD"
    US_FIELD = "US_FIELD"
    OUTPUT = "OUTPUT"
    AGREEMENT_PCT = "AGREEMENT_PCT"

    GROUP = "compute"
    TAGS = ("contrôle", "check", "comparer", "compare", "qualité", "quality")

    ID = "compare_artif"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(params.source(self.INPUT, self.tr("IGN's artificialisation layer")))
        self.add(params.couverture_field(self.CS_FIELD, self.INPUT))
        self.add(params.usage_field(self.US_FIELD, self.INPUT))
        self.add(params.sink(self.OUTPUT, self.tr("Disagreements with IGN")))
        for key, (count_label, area_label) in self.totals().items():
            self.addOutput(QgsProcessingOutputNumber(f"{key.upper()}_COUNT", count_label))
            self.addOutput(QgsProcessingOutputNumber(f"{key.upper()}_HA", area_label))
        self.addOutput(
            QgsProcessingOutputNumber(
                self.AGREEMENT_PCT, self.tr("Agreement, % of the compared surface")
            )
        )
        self.add_report_output()

    def totals(self) -> dict[str, tuple[str, str]]:
        """The numeric outputs, by pair: <KEY>_COUNT (polygons) and <KEY>_HA (hectares) of each
        of the core's totals (``Comparison.totals``), with their labels."""
        return {
            "compared": (self.tr("Polygons compared"), self.tr("Surface compared (ha)")),
            "agree": (
                self.tr("Polygons where IGN and the recomputation agree"),
                self.tr("Surface where they agree (ha)"),
            ),
            "disagree": (
                self.tr("Polygons where they disagree"),
                self.tr("Surface where they disagree (ha)"),
            ),
            "matrice": (
                self.tr("Disagreements from the matrix (polygons)"),
                self.tr("Disagreements from the matrix (ha)"),
            ),
            "seuil": (
                self.tr("Disagreements from the thresholds (polygons)"),
                self.tr("Disagreements from the thresholds (ha)"),
            ),
            "not_compared": (
                self.tr("Polygons not compared (indéterminé)"),
                self.tr("Surface not compared (indéterminé, ha)"),
            ),
        }

    def processAlgorithm(self, parameters, context: QgsProcessingContext, feedback):  # noqa: N802
        source = self.required_source(parameters, self.INPUT, context)
        cs_field = self.field_parameter(parameters, self.CS_FIELD, context)
        us_field = self.field_parameter(parameters, self.US_FIELD, context)
        layer = (
            source
            if isinstance(source, QgsVectorLayer)
            else self.parameterAsVectorLayer(parameters, self.INPUT, context)
        )
        run = self.attempt(
            feedback,
            core.ClassifyError,
            pipeline.compare,
            source,
            layer,
            cs_field,
            us_field,
            feedback,
        )
        if run is None:
            return {}
        cmp = run.cmp
        values = lambda i: classified.comparison_values(cmp, i)  # noqa: E731
        dest_id = write_through_sink(
            self, parameters, context, source, run, cmp.calc.fid, values, only=cmp.disagree
        )
        if dest_id is None:
            return self.canceled(feedback)
        StylePostProcessor.attach(context, dest_id, lambda: styles.disagreement_renderer("raison"))
        run.log_totals(feedback)
        count, ha, percent = run.numbers()
        numbers = {f"{key.upper()}_COUNT": count[key] for key in count}
        numbers.update({f"{key.upper()}_HA": ha[key] for key in ha})
        return {
            self.OUTPUT: dest_id,
            **numbers,
            self.AGREEMENT_PCT: percent,
            self.REPORT: self.write_report(parameters, context, run.report),
        }
