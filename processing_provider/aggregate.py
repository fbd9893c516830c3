"""Algorithm ``ocsge:aggregate`` — Agréger par territoire."""

from __future__ import annotations

import json

from qgis.core import (
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..ocsge_plugin.computing.chain import run_aggregate
from ..ocsge_plugin.computing.classes import to_long
from ..ocsge_plugin.computing.communes import commune_fields
from ..ocsge_plugin.computing.placement import TerritorySet
from ..ocsge_plugin.core import compat
from ..ocsge_plugin.core.errors import Canceled, OcsgeError
from ..ocsge_plugin.core.i18n import tr
from ..ocsge_plugin.publishing import export, styles
from . import params
from .base import (
    OcsgeAlgorithm,
    StylePostProcessor,
    log_undetermined,
    stamp_convention,
    undetermined_entry,
)
from .params import METHODS, UNITS


def style_territories(
    context: QgsProcessingContext, dest_id: str, field: str = "pourcent_artif"
) -> None:
    """Style a territory table when QGIS loads it (GUI only; qgis_process loads nothing)."""
    StylePostProcessor.attach(context, dest_id, lambda: styles.territory_renderer(field))


def write_table(
    alg: OcsgeAlgorithm,
    parameters,
    name: str,
    context,
    table,
    extra_fields,
    geometries,
    crs,
    feedback,
    spatial: bool = True,
):
    """Create the sink ``name`` and write ``table`` to it; returns its id (None when not
    requested)."""
    fields = export.table_fields(table, extra_fields)
    wkb = QgsWkbTypes.Type.MultiPolygon if spatial else QgsWkbTypes.Type.NoGeometry
    output = alg.output_sink(parameters, name, context, fields, wkb, crs)
    if output.sink is None:
        return None
    try:
        export.write_sink(output.sink, table, fields, geometries if spatial else None, feedback)
    except BaseException as error:
        raise output.failed(error) from None
    dest_id = output.commit(len(table))
    if "convention" in table.columns and table["convention"].notna().any():
        stamp_convention(dest_id, str(table["convention"].dropna().iloc[0]))
    return dest_id


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
        self.add(
            QgsProcessingParameterMultipleLayers(
                self.INPUT_LAYERS,
                self.tr("OCS GE layers"),
                QgsProcessing.SourceType.TypeVectorPolygon,
            ),
            self.tr(
                "Occupation du sol, artificialisation, difference, artificialisation "
                "difference layers (as ocsge:load "
                "outputs them), or ocsge:classify / ocsge:flows outputs. Several "
                "millésimes and départements allowed; "
                "duplicates of a millésime (GeoPackage and Shapefile) are used once."
            ),
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.TERRITORIES,
                self.tr("Territories"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
            ),
            self.tr(
                "Territory polygons in any CRS: communes, EPCI, SCoT, IRIS, a grid, "
                "zones, a perimeter."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.CODE_FIELD, self.tr("Territory code field"), "code", self.TERRITORIES
            ),
            self.tr("The field holding each territory's code (e.g. the INSEE code of communes)."),
        )
        self.add(
            QgsProcessingParameterField(
                self.NAME_FIELD,
                self.tr("Territory name field"),
                "nom",
                self.TERRITORIES,
                optional=True,
            ),
            self.tr("The field holding each territory's name (optional)."),
        )
        self.add(
            QgsProcessingParameterField(
                self.KEEP_FIELDS,
                self.tr("Fields to keep"),
                None,
                self.TERRITORIES,
                allowMultiple=True,
                optional=True,
            ),
            self.tr(
                "Territory fields copied to the output, e.g. epci_code, "
                "departement_code, region_code, scot_code for the roll-up. None chosen, "
                "on communes (code field INSEE_COM, CODGEO, commune_code or code): their "
                "membership fields are kept (SIREN_EPCI, INSEE_DEP, "
                "INSEE_REG of ADMIN EXPRESS, or epci_code…)."
            ),
        )
        self.add(
            params.method(self.METHOD),
            self.tr(
                "How raw occupation du sol layers are classified; layers from "
                "ocsge:classify keep their own artif and imper fields."
            ),
        )
        self.add_convention_parameter()
        self.add(
            QgsProcessingParameterBoolean(
                self.OVERLAY,
                self.tr("Flows by overlay when no difference layer"),
                defaultValue=True,
            ),
            self.tr(
                "For two millésimes of a département without a difference or flows "
                "layer, compute the flows from their overlay."
            ),
        )
        self.add(
            params.coverage(self.COVERAGE),
            self.tr(
                "Sums every polygon for the covered share; unchecked, polygons neither "
                "artificialised nor impermeable are "
                "skipped (faster), coverage is left empty and territories without any "
                "artificialised or impermeable land "
                "are reported as outside the data."
            ),
        )
        self.add(
            params.unit(self.UNIT),
            self.tr("Hectares (default) or square metres; the unit is written in the unite field."),
        )  # a table, not a GeoPackage
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT,
                self.tr("Territories with stocks and flows"),
                QgsProcessing.SourceType.TypeVectorPolygon,
            ),
            self.tr(
                "One row per territory and pair of millésimes, with the territory "
                "outline (in the data's CRS)."
            ),
        )
        self.add_table(
            self.OUTPUT_TABLE,
            self.tr("Table of stocks and flows"),
            self.tr("The same rows without geometry (optional)."),
            by_default=False,
        )
        self.add_table(
            self.OUTPUT_CLASSES,
            self.tr("Surfaces by class of the nomenclature"),
            self.tr(
                "Optional table without geometry, made in the same pass: per territory, "
                "the stock by couverture and usage code at each "
                "millésime (tableau occupation), the changed land by couverture at début "
                "and fin (transition_cs) and the newly "
                "artificialised land by couverture and usage at début (origine_artif); "
                "give it to ocsge:export for the "
                "couverture_, usage_, transition_cs_ and origine_artif_<level> tables."
            ),
            by_default=False,
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
        territories_source = self.required_source(
            parameters,
            self.TERRITORIES,
            context,
            self.tr("No territory layer. Expected territory polygons with a code field."),
        )
        code_field = self.field_parameter(parameters, self.CODE_FIELD, context)
        name_field = self.field_parameter(parameters, self.NAME_FIELD, context)
        keep = self._kept_fields(
            parameters, context, territories_source, code_field, name_field, feedback
        )
        method = METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        unit = UNITS[self.parameterAsEnum(parameters, self.UNIT, context)]
        coverage = self.parameterAsBoolean(parameters, self.COVERAGE, context)
        overlay = self.parameterAsBoolean(parameters, self.OVERLAY, context)
        if not code_field:
            raise self.fail(
                self.tr(
                    "No territory code field. Expected the field holding each territory's code."
                )
            )
        try:
            territories = TerritorySet.from_layer(
                territories_source, code_field, name_field, keep, feedback
            )
            result, notes = run_aggregate(
                territories,
                layers,
                method,
                coverage,
                overlay,
                feedback,
                self.convention(parameters, context),
            )
        except OcsgeError as error:
            raise self.fail(str(error)) from None
        except Canceled:
            feedback.reportError(self.tr("Canceled."))
            return {}
        for note in notes + result.warnings:
            feedback.pushWarning(note)
        log_undetermined(feedback, undetermined(result))
        table = output_table(result, keep, unit)
        extra = QgsFields()
        for name in keep:
            extra.append(QgsField(territories_source.fields().field(name)))
        geometries = dict(zip(result.territories.codes, result.geometries))
        outputs = {}
        try:
            dest = write_table(
                self,
                parameters,
                self.OUTPUT,
                context,
                table,
                extra,
                geometries,
                result.crs,
                feedback,
            )
            if dest:
                outputs[self.OUTPUT] = dest
                style_territories(context, dest)
            dest = write_table(
                self,
                parameters,
                self.OUTPUT_TABLE,
                context,
                table,
                extra,
                None,
                result.crs,
                feedback,
                spatial=False,
            )
            if dest:
                outputs[self.OUTPUT_TABLE] = dest
            dest = write_table(
                self,
                parameters,
                self.OUTPUT_CLASSES,
                context,
                export.with_unit(to_long(result.classes), unit),
                None,
                None,
                result.crs,
                feedback,
                spatial=False,
            )
            if dest:
                outputs[self.OUTPUT_CLASSES] = dest
        except Canceled:
            feedback.reportError(self.tr("Canceled."))
            return {}
        outputs[self.REPORT] = json.dumps(report(result, notes, unit), ensure_ascii=False)
        log_totals(self, table, unit, feedback)
        years = sorted(
            {str(y) for y in table["millesime_debut"].dropna()}
            | {str(y) for y in table["millesime_fin"].dropna()}
        )
        period = f"{years[0]}-{years[-1]}" if len(years) > 1 else "".join(years)
        self.name_outputs(
            context,
            outputs.values(),
            ", ".join(p for p in (period, self.method_label(self.METHOD, METHODS, method)) if p),
        )
        return outputs

    def _kept_fields(
        self, parameters, context, territories_source, code_field, name_field, feedback
    ) -> list[str]:
        """The fields to keep: the chosen ones; when none is chosen and the territories are communes
        (the
        code field is their recognised commune code), their membership fields (ADMIN EXPRESS's
        SIREN_EPCI, INSEE_DEP, INSEE_REG, or epci_code…), said in the log, for ocsge:rollup."""
        chosen = compat.parameter_as_fields(self, parameters, self.KEEP_FIELDS, context) or []
        if chosen:
            return chosen
        fields = commune_fields(territories_source.fields().names(), None, name_field)
        if not code_field or fields.code != code_field or not fields.membership:
            return []
        feedback.pushInfo(fields.description())
        return list(fields.membership.values())


def undetermined(result) -> list[dict]:
    """The REPORT's ``indetermine`` entries of an aggregation: one per layer and millésime(s)."""
    return [
        undetermined_entry(layer, millesime, count, area)
        for layer, millesime, count, area in result.stats.get("indetermine", [])
    ]


def output_table(result, keep, unit: str):
    """The aggregate's table in ``unit`` with the kept territory fields after code and nom, and the
    convention."""
    table = export.with_unit(result.table, unit)
    table["convention"] = result.convention
    for offset, name in enumerate(keep):
        values = result.territories.extras.get(name, [])
        by_code = dict(zip(result.territories.codes, values))
        table.insert(2 + offset, name, [by_code.get(code) for code in table["code"]])
    return table


def report(result, notes, unit) -> dict:
    return {
        "territories": len(result.territories),
        "rows": int(len(result.table)),
        "unit": unit,
        "convention": result.convention,
        "indetermine": undetermined(result),
        "crs": result.crs.authid(),
        "duplicates": result.territories.duplicates,
        "repaired_territories": result.territories.repaired,
        "zero_coverage": result.zero_coverage,
        "warnings": notes + result.warnings,
        "polygons": result.stats.get("polygons", 0),
        "polygons_exact": result.stats.get("exact", 0),
    }


def log_totals(alg: OcsgeAlgorithm, table, unit: str, feedback) -> None:
    """Totals over all territories, per pair of millésimes, in the log."""
    if feedback is None or table.empty:
        return
    for (debut, fin), group in table.groupby([table["index_debut"].fillna(0), "index_fin"]):
        feedback.pushInfo(
            tr(
                "Index {debut}→{fin}: surface_artif {artif:.2f}, surface_imper "
                "{imper:.2f}, flux_artif_net {fa:.2f}, flux_imper_net {fi:.2f} ({unit})"
            ).format(
                debut=int(debut) or "-",
                fin=int(fin),
                artif=group["surface_artif"].sum(),
                imper=group["surface_imper"].sum(),
                fa=group["flux_artif_net"].sum(),
                fi=group["flux_imper_net"].sum(),
                unit=unit,
            )
        )
