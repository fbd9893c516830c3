"""Algorithm ``ocsge:rollup`` — Agréger les communes aux niveaux supérieurs."""

from __future__ import annotations

import json

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
)

from ..ocsge_plugin.computing import rollup as core
from ..ocsge_plugin.core.errors import Canceled, OcsgeError
from ..ocsge_plugin.core.i18n import plural
from ..ocsge_plugin.publishing import export
from . import params
from .base import OcsgeAlgorithm
from .sinks import style_territories, write_table

LEVELS = export.PUBLISHED_LEVELS[1:]  # the levels above the commune


def rollup_tables(communes_source, membership_path, levels, feedback):
    """Read the commune table, roll it up; returns (RollupResult, unit, geometries, crs)."""
    table, geometries, crs = export.read_table(communes_source)
    unit = "ha"
    if "unite" in communes_source.fields().names():
        for feature in communes_source.getFeatures():
            if feature["unite"]:
                unit = str(feature["unite"])
                break
    membership = core.read_membership(membership_path) if membership_path else None
    result = core.rollup(table, membership, levels, feedback)
    if feedback is not None and result.membership is not None:
        feedback.pushInfo(result.membership.description())
    return result, unit, geometries, crs


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
        self.add(
            QgsProcessingParameterEnum(
                self.LEVELS,
                self.tr("Levels"),
                options=[
                    self.tr("EPCI"),
                    self.tr("SCoT"),
                    self.tr("Département"),
                    self.tr("Région"),
                ],
                allowMultiple=True,
                defaultValue=[0, 1, 2, 3],
            ),
            self.tr("The higher levels to compute."),
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_COMMUNE,
                self.tr("Communes with membership"),
                QgsProcessing.SourceType.TypeVectorPolygon,
            ),
            self.tr(
                "The commune rows with epci_code, departement_code, region_code and scot_code."
            ),
        )
        labels = {
            "epci": self.tr("EPCI"),
            "scot": self.tr("SCoT"),
            "departement": self.tr("Départements"),
            "region": self.tr("Régions"),
        }
        for level, output in self.OUTPUTS.items():
            self.add(
                QgsProcessingParameterFeatureSink(
                    output,
                    labels[level],
                    QgsProcessing.SourceType.TypeVectorPolygon,
                    optional=True,
                    createByDefault=True,
                ),
                self.tr(
                    "One row per territory of this level and pair of millésimes, outline "
                    "= union of its communes."
                ),
            )
        self.add_report_output()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.required_source(
            parameters,
            self.INPUT,
            context,
            self.tr("No commune table. Expected the output of ocsge:aggregate on communes."),
        )
        membership = self.parameterAsFile(parameters, self.MEMBERSHIP, context) or None
        levels = [
            LEVELS[i] for i in self.parameterAsEnums(parameters, self.LEVELS, context)
        ] or list(LEVELS)
        try:
            result, unit, geometries, crs = rollup_tables(source, membership, levels, feedback)
        except OcsgeError as error:
            raise self.fail(str(error)) from None
        except Canceled:
            feedback.reportError(self.tr("Canceled."))
            return {}
        for note in result.warnings:
            feedback.pushWarning(note)
        outputs = {}
        try:
            communes = export.with_unit(core.commune_table(result), unit)
            convention = export.table_convention(communes)
            dest = write_table(
                self,
                parameters,
                self.OUTPUT_COMMUNE,
                context,
                communes,
                source.fields(),
                geometries,
                crs,
                feedback,
            )
            if dest:
                outputs[self.OUTPUT_COMMUNE] = dest
                style_territories(context, dest)
            for level, table in result.levels.items():
                outlines = core.dissolve(result.members[level], geometries, feedback)
                table = export.with_unit(table, unit)
                if convention:
                    table["convention"] = convention
                dest = write_table(
                    self,
                    parameters,
                    self.OUTPUTS[level],
                    context,
                    table,
                    None,
                    outlines,
                    crs,
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
        except Canceled:
            feedback.reportError(self.tr("Canceled."))
            return {}
        outputs[self.REPORT] = json.dumps(
            {
                "levels": {
                    level: int(table["code"].nunique()) for level, table in result.levels.items()
                },
                "without_membership": result.without_membership,
                "missing_communes": result.missing_communes,
                "warnings": result.warnings,
                "unit": unit,
                "convention": convention,
                "inconnu": {
                    level: {
                        str(c): str(v)
                        for c, v in zip(table["code"], table["inconnu"])
                        if isinstance(v, str) and v
                    }
                    for level, table in result.levels.items()
                },
            },
            ensure_ascii=False,
        )
        return outputs
