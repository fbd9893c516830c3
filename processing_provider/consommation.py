"""Algorithm ``ocsge:consommation`` — Consommation d'espaces NAF et trajectoire ZAN."""

from __future__ import annotations

import json
import re

from qgis.core import (
    QgsCoordinateTransformContext,
    QgsDistanceArea,
    QgsProcessingContext,
    QgsProcessingOutputString,
    QgsProcessingParameterDefinition,
    QgsProcessingUtils,
)

from ..ocsge_plugin.computing import consumption as core
from ..ocsge_plugin.computing import consumption_ocsge as beside_ocsge
from ..ocsge_plugin.computing import consumption_read as reading
from ..ocsge_plugin.computing.progress import ScaledFeedback
from ..ocsge_plugin.computing.rollup import Membership
from ..ocsge_plugin.core.errors import Canceled, OcsgeError
from ..ocsge_plugin.pipelines.logs import log_table, say
from . import params
from .base import OcsgeAlgorithm

__all__ = [
    "ConsommationAlgorithm",
]

CODE_FIELDS = (
    "code",
    "commune_code",
    "insee_com",
    "code_insee",
    "codgeo",
    "insee",
    "idcom",
    "inseecom",
)


class ConsommationAlgorithm(OcsgeAlgorithm):
    CONSOMMATION = "CONSOMMATION"
    LEVELS = "LEVELS"
    MEMBERSHIP = "MEMBERSHIP"
    COMMUNES = "COMMUNES"
    CONVENTION = "CONVENTION"
    GUARANTEE = "GUARANTEE"
    GUARANTEED = "GUARANTEED_COMMUNES"
    RATE = "RATE"
    TERRITORIALISATION = "TERRITORIALISATION"
    PASSAGE = "PASSAGE"
    OCSGE = "OCSGE"

    GROUP = "territories"
    TAGS = (
        "consommation", "consommation d'espaces", "NAF", "ENAF", "fichiers fonciers", "Cerema",
        "trajectoire", "trajectory", "land consumption", "garantie communale", "SRADDET", "SCoT",
        "PLU", "2021-2031",
    )  # fmt: skip

    ID = "consommation"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add(params.consumption_file(self.CONSOMMATION))
        zone = self.tr("Zone (zone_code of the membership table)")
        self.add(params.levels(self.LEVELS, self.tr("Levels"), core.DEFAULT_LEVELS, more=(zone,)))
        self.add(params.membership(self.MEMBERSHIP))
        self.add(params.source(self.COMMUNES, self.tr("Commune outlines"), optional=True))
        self.add(params.trajectory_convention(self.CONVENTION))
        guarantees = [
            self.tr("Every commune"),
            self.tr("No commune"),
            self.tr("The communes listed below"),
        ]
        self.add(params.choice(self.GUARANTEE, self.tr("Communal guarantee of 1 ha"), guarantees))
        guaranteed = self.tr("Communes with the guarantee (INSEE codes)")
        self.add(params.text(self.GUARANTEED, guaranteed, optional=True))
        self.add(params.reduction_rate(self.RATE))
        territorialisation = self.tr("Territorialisation table")
        self.add(params.csv_file(self.TERRITORIALISATION, territorialisation))
        self.add(params.passage(self.PASSAGE))
        self.add(params.folder(self.OCSGE, self.tr("OCS GE tables of the diagnostic")))
        self.add(params.unit(self.UNIT))
        output = params.output_folder(self.OUTPUT_FOLDER)
        # optional so that a model can leave it out when its consumption step is skipped; empty: a
        # temporary folder
        output.setFlags(output.flags() | QgsProcessingParameterDefinition.Flag.FlagOptional)
        self.addParameter(output)
        self.addOutput(QgsProcessingOutputString(self.FILES, self.tr("Files written (JSON list)")))
        self.add_report_output()

    def _areas(self, parameters, context, feedback) -> dict[str, float]:
        """Commune code → ellipsoidal area in m², from the optional outlines."""
        source = self.parameterAsSource(parameters, self.COMMUNES, context)
        if source is None:
            return {}
        names = {name.lower(): name for name in source.fields().names()}
        field = next((names[n] for n in CODE_FIELDS if n in names), None)
        if field is None:
            raise self.fail(
                self.tr(
                    "The commune outlines have no INSEE code field (expected one of {names})."
                ).format(names=", ".join(CODE_FIELDS))
            )
        measure = QgsDistanceArea()
        measure.setSourceCrs(
            source.sourceCrs(),
            context.transformContext() if context else QgsCoordinateTransformContext(),
        )
        measure.setEllipsoid(source.sourceCrs().ellipsoidAcronym() or "EPSG:7019")
        areas: dict[str, float] = {}
        for feature in source.getFeatures():
            if feedback.isCanceled():
                raise Canceled()
            code = str(feature[field] or "").strip()
            if code and feature.hasGeometry():
                areas[code] = areas.get(code, 0.0) + measure.measureArea(feature.geometry())
        return areas

    def _options(self, parameters, context) -> core.Options:
        rates_path = self.parameterAsFile(parameters, self.TERRITORIALISATION, context)
        listed = self.parameterAsString(parameters, self.GUARANTEED, context) or ""
        return core.Options(
            convention=core.CONSUMPTION_CONVENTIONS[
                self.parameterAsEnum(parameters, self.CONVENTION, context)
            ],
            rate=self.parameterAsDouble(parameters, self.RATE, context) / 100.0,
            rates=reading.read_rates(rates_path) if rates_path else {},
            unit=params.UNITS[self.parameterAsEnum(parameters, self.UNIT, context)],
            guarantee=core.GUARANTEES[self.parameterAsEnum(parameters, self.GUARANTEE, context)],
            guaranteed=frozenset(code for code in re.split(r"[\s,;]+", listed) if code),
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        path = self.parameterAsFile(parameters, self.CONSOMMATION, context)
        if not path:
            raise self.fail(
                self.tr(
                    "No consumption file. Expected Cerema's commune file (CSV, "
                    "GeoPackage or shapefile)."
                )
            )
        folder = (
            self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
            or self.parameterDefinition(self.OUTPUT_FOLDER).generateTemporaryDestination()
        )
        levels = [
            core.CONSUMPTION_LEVELS[i]
            for i in self.parameterAsEnums(parameters, self.LEVELS, context)
        ] or list(core.DEFAULT_LEVELS)
        membership_path = self.parameterAsFile(parameters, self.MEMBERSHIP, context)
        passage_path = self.parameterAsFile(parameters, self.PASSAGE, context)
        ocsge_path = self.parameterAsFile(parameters, self.OCSGE, context)
        try:
            options = self._options(parameters, context)
            feedback.pushInfo(self.tr("Reading {path}…").format(path=path))
            cfile = reading.read_consumption(path)
            feedback.setProgress(20.0)
            feedback.pushInfo(
                self.tr("{count} communes, years {first}–{last} ({encoding}).").format(
                    count=len(cfile.table),
                    first=min(cfile.years),
                    last=cfile.last_year,
                    encoding=cfile.encoding,
                )
            )
            areas = self._areas(parameters, context, feedback)
            if passage_path:
                cfile, _ = reading.apply_passage(cfile, reading.read_passage(passage_path), areas)
            membership = Membership.from_csv(membership_path) if membership_path else None
            zones = reading.read_zones(membership_path) if membership_path else None
            result = core.compute(
                cfile,
                levels,
                membership,
                areas,
                options,
                ScaledFeedback(feedback, 20.0, 40.0),
                zones,
            )
            beside = beside_ocsge.add_beside(result, ocsge_path) if ocsge_path else None
            written = core.write_tables(result, folder, ScaledFeedback(feedback, 40.0, 100.0))
        except OcsgeError as error:
            raise self.fail(str(error)) from None
        except Canceled:
            feedback.reportError(self.tr("Canceled: no file was written."))
            return {}
        except OSError as error:
            raise self.fail(
                self.tr("Cannot write to {folder}: {error}. Expected a writable folder.").format(
                    folder=folder, error=error
                )
            ) from None
        say(feedback, result.warnings)
        self._log(result, feedback)
        self._log_beside(result, feedback)
        self._load(context, written)
        feedback.setProgress(100.0)
        return {
            self.OUTPUT_FOLDER: folder,
            self.FILES: json.dumps(written, ensure_ascii=False),
            self.REPORT: self.write_report(
                parameters,
                context,
                {
                    **result.report(),
                    "mesure_legale": beside_ocsge.MEASURES,
                    "ocsge": beside.report() if beside else None,
                    "fichiers": written,
                },
            ),
        }

    def _log(self, result: core.ConsumptionResult, feedback) -> None:
        """The trajectory of the highest level with at most 30 territories, as a table in the
        log."""
        for level in ("zone", "region", "departement", "scot", "epci", "commune"):
            tables = result.levels.get(level)
            if tables is None or len(tables.trajectoires) > 30:
                continue
            table = tables.trajectoires
            figures = (
                "conso_2011_2020",
                "conso_autorisee_2021_2030",
                "conso_depuis_2021",
                "pourcentage_utilisation_actuelle",
                "conso_projetee_2030",
            )
            rows = [
                [str(r[f"{level}_code"]), str(r["nom"] or "")]
                + [r[c] if r[c] == r[c] else "–" for c in figures]
                + [str(r["partiel"])]  # unknown: « – », never 0
                for r in table.to_dict("records")
            ]
            headers = [
                self.tr("code"),
                self.tr("name"),
                "2011-2020",
                self.tr("envelope"),
                self.tr("since 2021"),
                "%",
                self.tr("projected 2030"),
                self.tr("partial"),
            ]
            log_table(
                feedback,
                self.tr("ZAN trajectory per {level} ({unit}, last year {year}):").format(
                    level=level, unit=result.options.unit, year=result.last_year
                ),
                headers,
                rows,
            )
            return

    def _log_beside(self, result: core.ConsumptionResult, feedback) -> None:
        """Beside OCS GE: the highest level with an OCS GE period and at most 30 territories."""
        for level in ("zone", "region", "departement", "scot", "epci", "commune"):
            tables = result.levels.get(level)
            table = tables.trajectoires if tables is not None else None
            if (
                table is None
                or len(table) > 30
                or "periode_ocsge" not in table.columns
                or not table["periode_ocsge"].notna().any()
            ):
                continue
            beside = [
                [
                    str(r[f"{level}_code"]),
                    str(r["nom"] or ""),
                    r["periode_ocsge"] or "–",
                    r["annees_conso_ocsge"] or "–",
                ]
                + [
                    r[c] if r[c] == r[c] else "–"
                    for c in ("conso_annuelle_periode_ocsge", "artif_nette_annuelle_ocsge")
                ]
                for r in table.to_dict("records")
            ]
            headers = [
                self.tr("code"),
                self.tr("name"),
                self.tr("OCS GE period"),
                self.tr("years"),
                self.tr("NAF consumption / year"),
                self.tr("net artificialisation / year"),
            ]
            title = self.tr(
                "Beside OCS GE per {level} ({unit} per year; 2021–2031: NAF consumption, "
                "from 2031: net artificialisation):"
            )
            log_table(
                feedback, title.format(level=level, unit=result.options.unit), headers, beside
            )
            return

    def _load(self, context, written: list[str]) -> None:
        """The GeoPackages open in the project when the algorithm ends (dialog, model)."""
        project = context.project() if context is not None else None
        if project is None:
            return
        for path in written:
            if path.endswith(".gpkg"):
                name = path.rsplit("/", 1)[-1][: -len(".gpkg")]
                details = QgsProcessingContext.LayerDetails(
                    name, project, name, QgsProcessingUtils.LayerHint.Vector
                )
                context.addLayerToLoadOnCompletion(path, details)
