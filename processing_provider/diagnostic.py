"""Algorithm ``ocsge:diagnostic`` — Diagnostic de l'artificialisation d'un territoire (livraisons →
tables
publiées et cartes)."""

from __future__ import annotations

import json

from qgis.core import (
    QgsProcessing,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputString,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMultipleLayers,
    QgsVectorLayer,
)

from ..ocsge_plugin.computing.chain import run_aggregate
from ..ocsge_plugin.computing.communes import check_commune_codes, commune_fields, read_membership
from ..ocsge_plugin.computing.placement import TerritorySet
from ..ocsge_plugin.computing.table import to_unit
from ..ocsge_plugin.core.errors import Canceled
from ..ocsge_plugin.core.i18n import plural
from ..ocsge_plugin.domain import nomenclature
from ..ocsge_plugin.publishing import export
from ..ocsge_plugin.storage import keeping, reading
from . import params
from .aggregate import undetermined
from .base import OcsgeAlgorithm, log_table, log_undetermined
from .deliveries import check_deliveries, deliveries_parameter, delivery_paths
from .export import exporting, run_export
from .params import METHODS
from .results import add_to_project

KINDS = ("occupation", "artif", "difference", "artif_diff")


class DiagnosticAlgorithm(OcsgeAlgorithm):
    INPUT = "INPUT"
    LAYERS = "LAYERS"
    COMMUNES = "COMMUNES"
    CODE_FIELD = "CODE_FIELD"
    NAME_FIELD = "NAME_FIELD"
    MEMBERSHIP = "MEMBERSHIP"
    METHOD = "METHOD"
    COVERAGE = "COVERAGE"
    COMMUNE_LAYER = "COMMUNE_LAYER"
    EPCI_LAYER = "EPCI_LAYER"

    GROUP = "territories"
    TAGS = ("diagnostic", "ZAN", "rapport", "report", "carte", "map", "PLU", "SCoT", "PLH")

    ID = "diagnostic"

    def initAlgorithm(self, config=None):  # noqa: N802
        param = deliveries_parameter(
            self.INPUT,
            self.tr("OCS GE deliveries (folder, .7z archives, .gpkg or .shp files)"),
            self.tr(
                "A folder holding the deliveries of one or more départements and "
                "millésimes, IGN archives (.7z) or .gpkg / .shp files; several paths "
                "separated by ';'. Optional when layers are given below."
            ),
        )
        param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagOptional)
        self.addParameter(param)
        self.add(
            QgsProcessingParameterMultipleLayers(
                self.LAYERS,
                self.tr("OCS GE layers (PostGIS tables, layers of the project)"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
            ),
            self.tr(
                "Layers already loaded, instead of or beside the deliveries: PostGIS "
                "tables (a WHERE millesime = … filter included), "
                "layers of ocsge:load or any OCS GE layer; told apart by their fields "
                "and contents, whatever their names."
            ),
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.COMMUNES, self.tr("Communes"), [QgsProcessing.SourceType.TypeVectorPolygon]
            ),
            self.tr(
                "Commune outlines (any CRS) with the INSEE code: ADMIN EXPRESS's COMMUNE "
                "layer (its SIREN_EPCI, INSEE_DEP, INSEE_REG fields give the "
                "membership) or any layer with the code, ideally with epci_code, "
                "departement_code, region_code, scot_code."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.CODE_FIELD, self.tr("Commune code field"), None, self.COMMUNES, optional=True
            ),
            self.tr(
                "The INSEE code of the commune (5 characters: 90010, 2A004, 97411). "
                "Empty: recognised (INSEE_COM of ADMIN EXPRESS, CODGEO, commune_code, "
                "code)."
            ),
        )
        self.add(
            QgsProcessingParameterField(
                self.NAME_FIELD, self.tr("Commune name field"), None, self.COMMUNES, optional=True
            ),
            self.tr("The commune's name. Empty: recognised (NOM of ADMIN EXPRESS, LIBGEO, nom)."),
        )
        self.add(params.membership(self.MEMBERSHIP))
        self.add(
            params.method(self.METHOD),
            self.tr(
                "How artificialisation is decided; imperméabilisation always comes from "
                "the couverture."
            ),
        )
        self.add_convention_parameter()
        self.add_published_parameters()
        self.add(
            params.coverage(self.COVERAGE),
            self.tr(
                "Unchecked, polygons neither artificialised nor impermeable are skipped "
                "(faster); the coverage table is then not written."
            ),
        )
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

    def _commune_fields(self, communes_source, code_field, name_field):
        """The commune layer's code, name and membership fields (the chosen ones, else
        recognised)."""
        names = communes_source.fields().names()
        fields = commune_fields(names, code_field, name_field)
        if not fields.code:
            raise self.fail(
                self.tr(
                    "The commune layer has no commune code field (fields: {fields}). "
                    "Expected INSEE_COM, CODGEO, commune_code or code, or choose the "
                    "field."
                ).format(fields=", ".join(names))
            )
        return fields

    def _load(self, paths, given, steps, feedback):
        """Step 1: every delivery read; its non-empty layers (a kept copy beside its archive read
        once),
        départements and layer kinds; then the layers ``given`` as they are (PostGIS tables…)."""
        layers, departements, kinds = [], set(), set()
        for index, path in enumerate(paths):
            if steps.isCanceled():
                raise Canceled()
            feedback.pushInfo(self.tr("Reading {path}").format(path=path))
            delivery = reading.open_delivery(
                path,
                KINDS,
                progress=lambda p, i=index: steps.setProgress((i + p / 100.0) * 100.0 / len(paths)),
                is_canceled=steps.isCanceled,
                check=False,
            )
            for note in delivery.warnings:
                feedback.pushWarning(note)
            departements.update(delivery.departements)
            kinds.update(found.kind for found in delivery.layers)
            for found in keeping.without_kept_copies(delivery):
                layer = QgsVectorLayer(found.uri, found.title, "ogr")
                if layer.isValid() and layer.featureCount() > 0:
                    layers.append(layer)
                elif layer.isValid():
                    feedback.pushWarning(
                        self.tr("{layer} ({path}) has no polygon: left out.").format(
                            layer=found.layer_name, path=found.path
                        )
                    )
        departements.update(d for d in (reading.layer_departement(layer) for layer in given) if d)
        kinds.update(reading.layer_kind(layer) for layer in given)
        return layers + list(given), departements, kinds

    def _covered(self, result, territories, keep, feedback):
        """The communes the data covers (the others are left out, counted), with the kept fields,
        and
        their outlines."""
        table = result.table
        covered = set(table.loc[table["millesime_fin"].notna(), "code"])
        left_out = len(territories) - len(covered)
        if left_out:
            feedback.pushInfo(
                plural(
                    left_out,
                    self.tr("{count} commune is outside the data and left out."),
                    self.tr("{count} communes are outside the data and left out."),
                ).format(count=left_out)
            )
        table = table[table["code"].isin(covered)].copy()
        for name in keep:
            by_code = dict(zip(territories.codes, territories.extras[name]))
            table[name] = [
                None if by_code.get(c) is None else str(by_code.get(c)) for c in table["code"]
            ]
        geometries = {c: g for c, g in zip(territories.codes, result.geometries) if c in covered}
        return table, geometries, covered, left_out

    def _log_totals(self, table, unit: str, feedback) -> None:
        """Totals per département and pair of millésimes as a table in the log (the files hold the
        rest)."""
        names = nomenclature.departements()
        t = to_unit(table[table["millesime_debut"].notna()], unit)
        if t.empty:
            return
        from_insee = t["code"].astype(str).map(lambda c: c[:3] if c.startswith("97") else c[:2])
        key = (
            t["departement_code"].fillna(from_insee)
            if "departement_code" in t.columns
            else from_insee
        )
        rows = []
        for (dep, debut, fin), group in t.groupby([key, "millesime_debut", "millesime_fin"]):
            area = group["surface"].sum()
            rows.append(
                [
                    names.get(dep, (dep, ""))[0],
                    f"{debut}-{fin}",
                    group["surface_artif"].sum(),
                    100.0 * group["surface_artif"].sum() / area if area else 0.0,
                    group["flux_artif_net"].sum(),
                    group["flux_imper_net"].sum(),
                ]
            )
        u = "ha" if unit == "ha" else "m²"
        headers = [
            self.tr("Département"),
            self.tr("Millésimes"),
            self.tr("Artificialised ({unit})").format(unit=u),
            self.tr("Share (%)"),
            self.tr("Net artificialisation ({unit})").format(unit=u),
            self.tr("Net imperméabilisation ({unit})").format(unit=u),
        ]
        log_table(feedback, self.tr("Totals of the communes:"), headers, rows)

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
        code_field = self.field_parameter(parameters, self.CODE_FIELD, context)
        name_field = self.field_parameter(parameters, self.NAME_FIELD, context)
        membership_path = self.parameterAsFile(parameters, self.MEMBERSHIP, context) or None
        method = METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        coverage = self.parameterAsBoolean(parameters, self.COVERAGE, context)
        convention = self.convention(parameters, context)
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        options = dict(
            levels=list(export.PUBLISHED_LEVELS),
            datasets=list(export.DATASETS),
            formats=["gpkg", "csv"],
            coverage=coverage,
            convention=convention,
            **self.published_options(parameters, context),
        )
        fields = self._commune_fields(communes_source, code_field, name_field)
        keep = list(fields.membership.values())
        options["code_field"] = fields.code
        steps = QgsProcessingMultiStepFeedback(4, feedback)

        def work():
            options["database"] = self.database(
                parameters, context
            )  # tried now, written at the end
            # 1. the communes and their membership read and checked first: a wrong code field stops
            # here
            territories = TerritorySet.from_layer(
                communes_source, options["code_field"], fields.name, keep
            )
            membership = read_membership(membership_path) if membership_path else None
            for note in [fields.description()] + ([membership.description()] if membership else []):
                feedback.pushInfo(note)
            check_commune_codes(
                territories.codes, options["code_field"], membership
            )  # its notes: at the roll-up
            layers, departements, kinds = self._load(paths, given, steps, feedback)
            # 2. classify + flows + aggregate (one streaming pass per layer)
            steps.setCurrentStep(1)
            result, notes = run_aggregate(
                territories, layers, method, coverage, True, steps, convention
            )
            for note in notes + [w for w in result.warnings if w != result.outside_note]:
                feedback.pushWarning(note)
            log_undetermined(feedback, undetermined(result))
            table, geometries, covered, left_out = self._covered(
                result, territories, keep, feedback
            )
            table = table.rename(
                columns={column: name for name, column in fields.membership.items()}
            )
            # 3. roll-up and 4. export
            steps.setCurrentStep(3)
            written, warnings = run_export(
                table,
                geometries,
                result.crs,
                membership,
                {},
                folder,
                options,
                steps,
                result.classes,
            )
            return (
                written,
                warnings,
                (table, layers, departements, kinds, covered, left_out, notes, result),
            )

        done = exporting(self, folder, feedback, work)
        if done is None:
            return {}
        (
            written,
            warnings,
            (table, layers, departements, kinds, covered, left_out, notes, result),
        ) = done
        self._log_totals(table, options["unit"], feedback)
        used = (
            method if method != "auto" else ("ign" if "artif" in kinds else "matrice_seuils")
        )  # as run_aggregate decides
        method_label = (
            self.parameterDefinition(self.METHOD).options()[METHODS.index(used)].split(" (")[0]
        )
        replace = self.parameterAsBoolean(parameters, self.REPLACE_GROUP, context)
        add_to_project(
            context, written, departements, table, options["unit"], method_label, replace
        )
        return {
            self.OUTPUT_FOLDER: folder,
            self.FILES: json.dumps(written.files, ensure_ascii=False),
            self.COMMUNE_LAYER: written.layers.get("artif_commune", ""),
            self.EPCI_LAYER: written.layers.get("artif_epci", ""),
            self.REPORT: json.dumps(
                {
                    "deliveries": paths + [layer.name() for layer in given],
                    "layers": [layer.name() for layer in layers],
                    "communes": len(covered),
                    "communes_left_out": left_out,
                    "files": written.files,
                    "tables": written.tables,
                    "warnings": notes + result.warnings + warnings,
                    "unit": options["unit"],
                    "convention": convention,
                    "indetermine": undetermined(result),
                    "quality": written.quality,
                },
                ensure_ascii=False,
            ),
        }
