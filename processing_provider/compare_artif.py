"""Algorithm ``ocsge:compare_artif`` — check IGN's artificialisation layer against matrice + seuils."""

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

from ..ocsge_plugin import styles
from ..ocsge_plugin.computing import classify as core
from ..ocsge_plugin.computing import classified
from . import params
from .base import OcsgeAlgorithm, StylePostProcessor
from .classify import classification_report, log_classification, write_through_sink


class CompareArtifAlgorithm(OcsgeAlgorithm):
    INPUT = "INPUT"
    CS_FIELD = "CS_FIELD"
    US_FIELD = "US_FIELD"
    OUTPUT = "OUTPUT"
    COMPARED_COUNT = "COMPARED_COUNT"
    AGREE_COUNT = "AGREE_COUNT"
    DISAGREE_COUNT = "DISAGREE_COUNT"
    AGREE_HA = "AGREE_HA"
    DISAGREE_HA = "DISAGREE_HA"
    AGREEMENT_PCT = "AGREEMENT_PCT"
    MATRICE_COUNT = "MATRICE_COUNT"
    MATRICE_HA = "MATRICE_HA"
    SEUIL_COUNT = "SEUIL_COUNT"
    SEUIL_HA = "SEUIL_HA"
    NOT_COMPARED_COUNT = "NOT_COMPARED_COUNT"
    NOT_COMPARED_HA = "NOT_COMPARED_HA"

    GROUP = "compute"
    TAGS = ("contrôle", "check", "comparer", "compare", "qualité", "quality")

    ID = "compare_artif"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(self.INPUT, self.tr("IGN's artificialisation layer"), [QgsProcessing.SourceType.TypeVectorPolygon]),
            self.tr("IGN's artificialisation layer as ocsge:load outputs it (code_cs, code_us, artif 'artif' / 'non artif', crit_seuil), in its projected CRS."),
        )
        self.add(params.couverture_field(self.CS_FIELD, self.INPUT))
        self.add(params.usage_field(self.US_FIELD, self.INPUT))
        self.add(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Disagreements with IGN"), QgsProcessing.SourceType.TypeVectorPolygon),
            self.tr("The polygons where the recomputation and IGN disagree, with both answers and the reason (matrice or seuil)."),
        )
        for name, label in (
            (self.COMPARED_COUNT, self.tr("Polygons compared")),
            (self.AGREE_COUNT, self.tr("Polygons where IGN and the recomputation agree")),
            (self.DISAGREE_COUNT, self.tr("Polygons where they disagree")),
            (self.AGREE_HA, self.tr("Surface where they agree (ha)")),
            (self.DISAGREE_HA, self.tr("Surface where they disagree (ha)")),
            (self.AGREEMENT_PCT, self.tr("Agreement, % of the compared surface")),
            (self.MATRICE_COUNT, self.tr("Disagreements from the matrix (polygons)")),
            (self.MATRICE_HA, self.tr("Disagreements from the matrix (ha)")),
            (self.SEUIL_COUNT, self.tr("Disagreements from the thresholds (polygons)")),
            (self.SEUIL_HA, self.tr("Disagreements from the thresholds (ha)")),
            (self.NOT_COMPARED_COUNT, self.tr("Polygons not compared (indéterminé)")),
            (self.NOT_COMPARED_HA, self.tr("Surface not compared (indéterminé, ha)")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, label))
        self.add_report_output()

    def processAlgorithm(self, parameters, context: QgsProcessingContext, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise self.fail(self.tr("No input layer. Expected IGN's artificialisation layer."))
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
        layer = source if isinstance(source, QgsVectorLayer) else self.parameterAsVectorLayer(parameters, self.INPUT, context)
        report = classification_report(cmp.calc, layer, source, feedback)

        fields, renamed = classified.output_fields(source.fields(), classified.comparison_fields())
        for old, new in renamed.items():
            feedback.pushInfo(self.tr("The input field {old} is kept as {new}.").format(old=old, new=new))
        steps.setCurrentStep(1)
        values = lambda i: classified.comparison_values(cmp, i)  # noqa: E731
        dest_id = write_through_sink(self, parameters, context, source, fields, cmp.calc.fid, values, steps, only=cmp.disagree)
        if dest_id is None:
            feedback.reportError(self.tr("Canceled."))
            return {}
        StylePostProcessor.attach(context, dest_id, lambda: styles.disagreement_renderer("raison"))

        compared = cmp.calc._total(cmp.compared)
        agree, disagree = cmp.agree_total(), cmp.disagree_total()
        by_matrice, by_seuil = cmp.raison_total("matrice"), cmp.raison_total("seuil")
        not_compared = cmp.not_compared_total()
        percent = cmp.agreement_percent()
        feedback.pushInfo(
            self.tr(
                "Compared: {n} polygons ({ha:.4f} ha). Agree: {na} polygons ({haa:.4f} ha, {pct:.2f} % of the compared "
                "surface). Disagree: {nd} polygons ({had:.4f} ha): {nm} from the matrix ({ham:.4f} ha), {ns} from "
                "the thresholds ({has:.4f} ha). Not compared (indéterminé): {nn} polygons ({han:.4f} ha)."
            ).format(
                n=compared[0], ha=compared[1] / 1e4, na=agree[0], haa=agree[1] / 1e4, pct=percent,
                nd=disagree[0], had=disagree[1] / 1e4, nm=by_matrice[0], ham=by_matrice[1] / 1e4,
                ns=by_seuil[0], has=by_seuil[1] / 1e4, nn=not_compared[0], han=not_compared[1] / 1e4,
            )
        )
        return {
            self.OUTPUT: dest_id,
            self.COMPARED_COUNT: compared[0],
            self.AGREE_COUNT: agree[0],
            self.DISAGREE_COUNT: disagree[0],
            self.AGREE_HA: agree[1] / 1e4,
            self.DISAGREE_HA: disagree[1] / 1e4,
            self.AGREEMENT_PCT: percent,
            self.MATRICE_COUNT: by_matrice[0],
            self.MATRICE_HA: by_matrice[1] / 1e4,
            self.SEUIL_COUNT: by_seuil[0],
            self.SEUIL_HA: by_seuil[1] / 1e4,
            self.NOT_COMPARED_COUNT: not_compared[0],
            self.NOT_COMPARED_HA: not_compared[1] / 1e4,
            self.REPORT: json.dumps(report, ensure_ascii=False),
        }
