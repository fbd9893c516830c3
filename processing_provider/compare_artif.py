"""Algorithm ``ocsge:compare_artif`` — check IGN's artificialisation layer against matrice +
seuils."""

from __future__ import annotations

import json

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsVectorLayer,
)

from ..ocsge_plugin.computing import classified
from ..ocsge_plugin.computing import classify as core
from ..ocsge_plugin.publishing import styles
from . import params
from .base import OcsgeAlgorithm
from .classify import classification_report, log_classification, write_through_sink
from .sinks import StylePostProcessor


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
        self.add(
            QgsProcessingParameterFeatureSource(
                self.INPUT,
                self.tr("IGN's artificialisation layer"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
            ),
            self.tr(
                "IGN's artificialisation layer as ocsge:load outputs it (code_cs, "
                "code_us, artif 'artif' / 'non artif', crit_seuil), in its projected CRS."
            ),
        )
        self.add(params.couverture_field(self.CS_FIELD, self.INPUT))
        self.add(params.usage_field(self.US_FIELD, self.INPUT))
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT,
                self.tr("Disagreements with IGN"),
                QgsProcessing.SourceType.TypeVectorPolygon,
            ),
            self.tr(
                "The polygons where the recomputation and IGN disagree, with both "
                "answers and the reason (matrice or seuil)."
            ),
        )
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
        """The numeric outputs, by pair: <KEY>_COUNT (polygons) and <KEY>_HA (hectares) of each of
        the
        core's totals (``Comparison.totals``), with their labels."""
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
        source = self.required_source(
            parameters,
            self.INPUT,
            context,
            self.tr("No input layer. Expected IGN's artificialisation layer."),
        )
        cs_field = self.field_parameter(parameters, self.CS_FIELD, context)
        us_field = self.field_parameter(parameters, self.US_FIELD, context)
        steps = QgsProcessingMultiStepFeedback(2, feedback)
        try:
            cmp = core.compare_with_ign(source, cs_field, us_field, steps)
        except core.ClassifyError as error:
            raise self.fail(str(error)) from None
        except core.Canceled:
            feedback.reportError(self.tr("Canceled."))
            return {}
        log_classification(cmp.calc, feedback)
        layer = (
            source
            if isinstance(source, QgsVectorLayer)
            else self.parameterAsVectorLayer(parameters, self.INPUT, context)
        )
        report = classification_report(cmp.calc, layer, source, feedback)

        fields, renamed = classified.output_fields(source.fields(), classified.comparison_fields())
        for old, new in renamed.items():
            feedback.pushInfo(
                self.tr("The input field {old} is kept as {new}.").format(old=old, new=new)
            )
        steps.setCurrentStep(1)
        values = lambda i: classified.comparison_values(cmp, i)  # noqa: E731
        dest_id = write_through_sink(
            self,
            parameters,
            context,
            source,
            fields,
            cmp.calc.fid,
            values,
            steps,
            only=cmp.disagree,
        )
        if dest_id is None:
            feedback.reportError(self.tr("Canceled."))
            return {}
        StylePostProcessor.attach(context, dest_id, lambda: styles.disagreement_renderer("raison"))

        totals = cmp.totals()
        count = {key: n for key, (n, _m2) in totals.items()}
        ha = {key: m2 / 1e4 for key, (_n, m2) in totals.items()}
        percent = cmp.agreement_percent()
        feedback.pushInfo(
            self.tr(
                "Compared: {n} polygons ({ha:.4f} ha). Agree: {na} polygons ({haa:.4f} "
                "ha, {pct:.2f} % of the compared "
                "surface). Disagree: {nd} polygons ({had:.4f} ha): {nm} from the matrix "
                "({ham:.4f} ha), {ns} from "
                "the thresholds ({has:.4f} ha). Not compared (indéterminé): {nn} "
                "polygons ({han:.4f} ha)."
            ).format(
                n=count["compared"],
                ha=ha["compared"],
                na=count["agree"],
                haa=ha["agree"],
                pct=percent,
                nd=count["disagree"],
                had=ha["disagree"],
                nm=count["matrice"],
                ham=ha["matrice"],
                ns=count["seuil"],
                has=ha["seuil"],
                nn=count["not_compared"],
                han=ha["not_compared"],
            )
        )
        numbers = {f"{key.upper()}_COUNT": count[key] for key in totals}
        numbers.update({f"{key.upper()}_HA": ha[key] for key in totals})
        return {
            self.OUTPUT: dest_id,
            **numbers,
            self.AGREEMENT_PCT: percent,
            self.REPORT: json.dumps(report, ensure_ascii=False),
        }
