"""Algorithm ``ocsge:flows`` — Flux entre millésimes."""

from __future__ import annotations

from typing import Any, NamedTuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..ocsge_plugin.computing import flows, sources
from ..ocsge_plugin.computing.pieces import M2_PER_HA, UNDETERMINED, FlowAccumulator, FlowReport
from ..ocsge_plugin.core import compat
from ..ocsge_plugin.core.i18n import number, plural
from ..ocsge_plugin.domain.correspondence import Correspondence
from ..ocsge_plugin.pipelines.aggregate import check_layers
from ..ocsge_plugin.pipelines.logs import undetermined_entry
from ..ocsge_plugin.publishing.styles import flows_renderer, only_one_renderer
from . import params
from .base import OcsgeAlgorithm
from .sinks import StylePostProcessor, stamp_convention

__all__ = [
    "FlowsAlgorithm",
]


def _int_or_null(value: int):
    return None if value == UNDETERMINED else int(value)


class Computed(NamedTuple):
    """What a run computed, for its outputs: the data used (``sources.flow_source``), the flow
    report, the sums, the change pieces, the (début, fin) millésimes, the name of the layer
    read."""

    source: str
    report: Any
    accumulator: FlowAccumulator
    pieces: list
    millesimes: tuple
    layer_name: str


class FlowsAlgorithm(OcsgeAlgorithm):
    DIFFERENCE = "DIFFERENCE"
    OCCUPATION_DEBUT = "OCCUPATION_DEBUT"
    OCCUPATION_FIN = "OCCUPATION_FIN"
    METHOD = "METHOD"
    MILLESIME_DEBUT = "MILLESIME_DEBUT"
    MILLESIME_FIN = "MILLESIME_FIN"
    OUTPUT = "OUTPUT"
    ONLY_ONE = "ONLY_ONE"
    SUMMARY = "SUMMARY"
    TRANSITIONS_CS = "TRANSITIONS_CS"
    TRANSITIONS_US = "TRANSITIONS_US"
    ORIGIN = "ORIGIN"
    SOURCE = "SOURCE"
    MILLESIMES = "MILLESIMES"
    UNDETERMINED_SURFACE = "UNDETERMINED_SURFACE"
    UNDETERMINED_COUNT = "UNDETERMINED_COUNT"
    ONLY_DEBUT_SURFACE = "ONLY_DEBUT_SURFACE"
    ONLY_FIN_SURFACE = "ONLY_FIN_SURFACE"

    GROUP = "compute"
    TAGS = (
        "flux", "flows", "évolution", "change", "consommation d'espaces", "désartificialisation",
        "renaturation",
    )  # fmt: skip

    ID = "flows"

    def initAlgorithm(self, config=None):  # noqa: N802
        difference = self.tr("Difference layer (IGN DIFF or zan_evol), if you have one")
        self.add(params.layer(self.DIFFERENCE, difference, optional=True))
        debut = self.tr("Occupation du sol, début millésime")
        self.add(params.layer(self.OCCUPATION_DEBUT, debut, optional=True))
        fin = self.tr("Occupation du sol, fin millésime")
        self.add(params.layer(self.OCCUPATION_FIN, fin, optional=True))
        self.add(params.method(self.METHOD))
        self.add_convention_parameter()
        debut = self.tr("Début millésime (year), when the data does not say")
        self.add(params.year(self.MILLESIME_DEBUT, debut))
        fin = self.tr("Fin millésime (year), when the data does not say")
        self.add(params.year(self.MILLESIME_FIN, fin))
        self.add(params.sink(self.OUTPUT, self.tr("Changes between millésimes")))
        only_one = self.tr("Areas present in one millésime only")
        self.add(params.sink(self.ONLY_ONE, only_one, optional=True))
        self.add_table(self.SUMMARY, self.tr("Summary of the flows"))
        self.add_table(self.TRANSITIONS_CS, self.tr("Transitions couverture début × fin"))
        self.add_table(self.TRANSITIONS_US, self.tr("Transitions usage début × fin"))
        self.add_table(self.ORIGIN, self.tr("Origin of newly artificialised land"))
        for name in flows.SUMMARY_FIELDS:
            self.addOutput(QgsProcessingOutputNumber(name, name + " (ha)"))
        self.addOutput(
            QgsProcessingOutputString(
                self.SOURCE, self.tr("Data used (difference, artif_diff or overlay)")
            )
        )
        self.addOutput(
            QgsProcessingOutputString(self.MILLESIMES, self.tr("Millésimes (début-fin)"))
        )
        for name, (_key, label) in self.numbers().items():
            self.addOutput(QgsProcessingOutputNumber(name, label))
        self.add_report_output()

    # ---------------------------------------------------------------------------------- run

    def _year(self, parameters, name, context):
        value = parameters.get(name)
        if value in (None, "", 0):
            return None
        return self.parameterAsInt(parameters, name, context) or None

    def _choose(self, difference, debut, fin, method: str, feedback):
        """Which data to use: (source, kind of the difference layer or None, method); the rule is
        ``sources.flow_source``."""
        try:
            choice = sources.flow_source(difference, debut is not None, fin is not None, method)
        except flows.FlowError as error:
            raise self.fail(str(error)) from None
        for note in choice.notes:
            (feedback.pushWarning if choice.warn else feedback.pushInfo)(note)
        return choice.source, choice.kind, choice.method

    def _millesimes(self, source, kind, layers, given, report, feedback):
        """The (début, fin) millésimes: the ones given, else the data's; a given one that differs
        from the data's is said in the log."""
        difference, debut, fin = layers
        if source == "overlay":
            found = [
                flows.layer_millesimes(layer, "occupation", report.messages)
                for layer in (debut, fin)
            ]
            found = tuple(years[-1] if years else None for years in found)
        else:
            years = flows.layer_millesimes(difference, kind, report.messages)
            found = years if len(years) == 2 else (None, None)
        millesimes = flows.resolve_millesimes(found[0], found[1], *given)
        for label, year_found, year_given in zip(("début", "fin"), found, given):
            if year_found and year_given and year_found != year_given:
                feedback.pushWarning(
                    self.tr(
                        "The {which} millésime given ({given}) differs from the "
                        "data's ({found}): {given} is used."
                    ).format(which=label, given=year_given, found=year_found)
                )
        return millesimes

    def _stream(self, source, layers, method, report, work, convention):
        """The change pieces of ``source`` (overlay, artif_diff or difference) and the sentence
        saying where they come from."""
        difference, debut, fin = layers
        if source == "overlay":
            stream = flows.pieces_from_overlay(
                debut, fin, method, report, work, convention=convention
            )
            used = self.tr(
                "Flows from the overlay of {debut} and {fin} (artificialisation by "
                "the method {method})."
            ).format(debut=debut.name(), fin=fin.name(), method=report.method)
        elif source == "artif_diff":
            stream = flows.pieces_from_difference(
                difference, report, work, False, convention, source
            )
            used = self.tr(
                "Flows from IGN's artificialisation difference layer {name} (its "
                "artificialisation field)."
            ).format(name=difference.name())
        else:
            stream = flows.pieces_from_difference(difference, report, work, convention=convention)
            used = self.tr(
                "Flows from the difference layer {name} (artificialisation by the matrix)."
            ).format(name=difference.name())
        return stream, used

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        difference = self.parameterAsVectorLayer(parameters, self.DIFFERENCE, context)
        debut = self.parameterAsVectorLayer(parameters, self.OCCUPATION_DEBUT, context)
        fin = self.parameterAsVectorLayer(parameters, self.OCCUPATION_FIN, context)
        method = params.METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        source, kind, method = self._choose(difference, debut, fin, method, feedback)
        given = (
            self._year(parameters, self.MILLESIME_DEBUT, context),
            self._year(parameters, self.MILLESIME_FIN, context),
        )
        report = FlowReport()
        convention = self.convention(parameters, context)
        work = flows.ScaledFeedback(feedback, 0.0, 90.0)
        try:
            millesimes = self._millesimes(
                source, kind, (difference, debut, fin), given, report, feedback
            )
            stream, used = self._stream(
                source, (difference, debut, fin), method, report, work, convention
            )
            feedback.pushInfo(used)
            self._overlaid = [debut, fin] if source == "overlay" else []
            for note in report.messages:
                feedback.pushWarning(note)
            accumulator = FlowAccumulator()
            pieces = []
            for piece in stream:
                accumulator.add(piece)
                pieces.append(piece)
        except flows.Canceled:
            feedback.reportError(self.tr("Canceled."))
            return {}
        except flows.FlowError as error:
            raise self.fail(str(error)) from None
        self._outputs = []
        try:
            layer = difference if source != "overlay" else fin
            computed = Computed(source, report, accumulator, pieces, millesimes, layer.name())
            results = self._write(parameters, context, feedback, computed)
            if results:  # not canceled; every file checked before any replaces its previous one
                for output in self._outputs:
                    output.verify()
                for output in self._outputs:
                    output.commit()
                stamp_convention(results.get(self.OUTPUT), report.convention)  # once in place
                self.name_outputs(
                    context, results.values(), "-".join(str(y) for y in millesimes if y)
                )
        finally:
            for output in self._outputs:
                output.abort()  # removes nothing once committed
        return results

    # ---------------------------------------------------------------------------------- outputs

    def _sink(self, parameters, name, context, fields, geometry_type, crs):
        """The sink ``name`` and the id the results give it; written beside its file and put in
        place when every output is complete (``OutputSink``)."""
        output = self.output_sink(parameters, name, context, fields, geometry_type, crs)
        if output.sink is None and parameters.get(name) is not None:
            raise self.fail(self.tr("The output {name} could not be created.").format(name=name))
        self._outputs.append(output)
        return output.sink, output.final_id

    def _write(self, parameters, context, feedback, computed: Computed):
        source, report, accumulator, pieces, millesimes, layer_name = computed
        debut_year, fin_year = millesimes
        crs = (
            QgsCoordinateReferenceSystem(report.crs)
            if report.crs
            else QgsCoordinateReferenceSystem()
        )
        totals = accumulator.totals()
        results: dict = dict(totals)

        dest = self._write_pieces(parameters, context, feedback, pieces, crs, millesimes)
        if dest is None:
            feedback.reportError(self.tr("Canceled."))
            return {}
        results[self.OUTPUT] = dest
        self._write_only_one(parameters, context, report, crs, millesimes, results)

        only_debut, only_fin = report.only_debut_area / M2_PER_HA, report.only_fin_area / M2_PER_HA
        undetermined = report.undetermined_area / M2_PER_HA
        summary = {
            "source": source,
            "methode": report.method,
            "millesime_debut": debut_year,
            "millesime_fin": fin_year,
            **totals,
            "surface_debut_seule": only_debut,
            "surface_fin_seule": only_fin,
            "indetermine_surface": undetermined,
            "indetermine_nombre": report.undetermined_count,
            "unite": "ha",
            "convention": str(report.convention),  # plain text (a correspondence table is a str)
        }
        self._write_tables(parameters, context, summary, accumulator, millesimes, results)
        indetermine = [
            undetermined_entry(
                layer_name,
                f"{debut_year}-{fin_year}",
                report.undetermined_count,
                report.undetermined_area,
            )
        ]
        self._log(feedback, source, report, totals, millesimes)
        results.update(
            {
                self.SOURCE: source,
                self.MILLESIMES: f"{debut_year}-{fin_year}",
                **{name: summary[key] for name, (key, _label) in self.numbers().items()},
            }
        )
        published = _report(source, report, totals, indetermine, millesimes)
        if isinstance(report.convention, Correspondence):  # the codes the table does not list
            layers = [(layer.name(), layer) for layer in self._overlaid]
            published["correspondance"] = check_layers(layers, report.convention, feedback)
        results[self.REPORT] = self.write_report(parameters, context, published)
        feedback.setProgress(100.0)
        return results

    def numbers(self) -> dict[str, tuple[str, str]]:
        """The numeric outputs besides the flows: name → (key of the summary table, label)."""
        return {
            self.UNDETERMINED_SURFACE: (
                "indetermine_surface",
                self.tr("Surface kept out: null or unknown codes (ha)"),
            ),
            self.UNDETERMINED_COUNT: (
                "indetermine_nombre",
                self.tr("Pieces kept out: null or unknown codes"),
            ),
            self.ONLY_DEBUT_SURFACE: (
                "surface_debut_seule",
                self.tr("Surface in the début millésime only (ha)"),
            ),
            self.ONLY_FIN_SURFACE: (
                "surface_fin_seule",
                self.tr("Surface in the fin millésime only (ha)"),
            ),
        }

    def _write_pieces(self, parameters, context, feedback, pieces, crs, millesimes):
        """The change pieces (layer OUTPUT); None when canceled."""
        debut_year, fin_year = millesimes
        text, integer, real = QVariant.Type.String, QVariant.Type.Int, QVariant.Type.Double
        codes = [(name, text, 12) for name in ("cs_debut", "us_debut", "cs_fin", "us_fin")]
        flags = ("imper_debut", "imper_fin", "artif_debut", "artif_fin", "flux_artif", "flux_imper")
        fields = compat.fields(
            *codes,
            *[(name, integer) for name in flags],
            ("flux", text, 50),
            ("surface_ha", real),
            ("millesime_debut", integer),
            ("millesime_fin", integer),
        )
        sink, dest = self._sink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        feature = QgsFeature(fields)
        step = max(len(pieces) // 100, 1)
        for index, piece in enumerate(pieces):
            if index % step == 0:
                if feedback.isCanceled():
                    return None
                feedback.setProgress(90.0 + 9.0 * index / max(len(pieces), 1))
            feature.setGeometry(piece.geometry)
            feature.setAttributes(
                [
                    piece.cs_debut,
                    piece.us_debut,
                    piece.cs_fin,
                    piece.us_fin,
                    _int_or_null(piece.imper_debut),
                    _int_or_null(piece.imper_fin),
                    _int_or_null(piece.artif_debut),
                    _int_or_null(piece.artif_fin),
                    piece.flux_artif,
                    piece.flux_imper,
                    piece.flux,
                    piece.area / M2_PER_HA,
                    debut_year,
                    fin_year,
                ]
            )
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        del sink
        StylePostProcessor.attach(context, dest, flows_renderer)
        return dest

    def _write_only_one(self, parameters, context, report, crs, millesimes, results):
        """The land one millésime alone covers (layer ONLY_ONE, optional)."""
        debut_year, fin_year = millesimes
        text, integer = QVariant.Type.String, QVariant.Type.Int
        fields = compat.fields(
            ("present", text, 5),
            ("millesime", integer),
            ("code_cs", text, 12),
            ("code_us", text, 12),
            ("imper", integer),
            ("artif", integer),
            ("surface_ha", QVariant.Type.Double),
        )
        sink, dest = self._sink(
            parameters, self.ONLY_ONE, context, fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        if sink is not None:
            feature = QgsFeature(fields)
            for part in report.only_parts:
                feature.setGeometry(part.geometry)
                feature.setAttributes(
                    [
                        part.present,
                        debut_year if part.present == "debut" else fin_year,
                        part.code_cs,
                        part.code_us,
                        _int_or_null(part.imper),
                        _int_or_null(part.artif),
                        part.area / M2_PER_HA,
                    ]
                )
                sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            results[self.ONLY_ONE] = dest
            StylePostProcessor.attach(context, dest, only_one_renderer)

    def _write_tables(self, parameters, context, summary, accumulator, millesimes, results):
        """The summary, the transitions (couverture, usage) and the origin of the newly
        artificialised land."""
        debut_year, fin_year = millesimes
        types = {str: QVariant.Type.String, int: QVariant.Type.Int, float: QVariant.Type.Double}
        self._table(
            parameters,
            context,
            self.SUMMARY,
            [summary],
            {k: types[type(v)] for k, v in summary.items()},
            results,
        )
        common = {"millesime_debut": debut_year, "millesime_fin": fin_year}
        text, real = QVariant.Type.String, QVariant.Type.Double
        years = dict.fromkeys(common, QVariant.Type.Int)  # the columns of ``common``, last
        transitions = dict.fromkeys(("debut", "fin", "libelle_debut", "libelle_fin"), text)
        for name, nomenclature in (
            (self.TRANSITIONS_CS, "couverture"),
            (self.TRANSITIONS_US, "usage"),
        ):
            frame = accumulator.transitions(nomenclature)
            rows = [dict(row, **common) for row in frame.to_dict("records")]
            columns = {**transitions, "surface_ha": real, **years}
            self._table(parameters, context, name, rows, columns, results)
        frame = accumulator.origin()
        rows = [dict(row, **common) for row in frame.to_dict("records")]
        origin = dict.fromkeys(("nomenclature", "code", "libelle"), text)
        columns = {**origin, "surface_ha": real, "pourcent": real, **years}
        self._table(parameters, context, self.ORIGIN, rows, columns, results)

    def _log(self, feedback, source, report, totals, millesimes):
        debut_year, fin_year = millesimes
        undetermined = report.undetermined_area / M2_PER_HA
        only_debut, only_fin = report.only_debut_area / M2_PER_HA, report.only_fin_area / M2_PER_HA
        if report.undetermined_count:  # counted apart (the REPORT's indetermine): information
            feedback.pushInfo(
                self.tr(
                    "{count} piece(s) whose status at a date cannot be told ({area} "
                    "ha: the leaves under their codes disagree) were kept out of the "
                    "flows."
                ).format(count=report.undetermined_count, area=number(undetermined, 4))
            )
        if report.only_parts:
            feedback.pushWarning(
                self.tr(
                    "Land covered by one millésime only, not counted in the flows: "
                    "{debut} ha in the début millésime only, "
                    "{fin} ha in the fin millésime only (layer ONLY_ONE)."
                ).format(debut=number(only_debut, 4), fin=number(only_fin, 4))
            )
        if source == "overlay":
            feedback.pushInfo(
                self.tr(
                    "{matched} polygon(s) identical at both dates paired directly; "
                    "{debut} début and {fin} fin polygon(s) overlaid."
                ).format(
                    matched=report.matched, debut=report.overlaid_debut, fin=report.overlaid_fin
                )
            )
        if report.repaired:
            feedback.pushInfo(
                plural(
                    report.repaired,
                    self.tr("{count} invalid geometry repaired for the overlay."),
                    self.tr("{count} invalid geometries repaired for the overlay."),
                ).format(count=report.repaired)
            )
        feedback.pushInfo(
            self.tr(
                "{debut}-{fin}: artificialisation {artif} ha, désartificialisation "
                "{desartif} ha (net {net} ha); "
                "imperméabilisation {imper} ha, désimperméabilisation {desimper} "
                "ha (net {imper_net} ha)."
            ).format(
                debut=debut_year,
                fin=fin_year,
                artif=number(totals["flux_artif"], 4),
                desartif=number(totals["flux_desartif"], 4),
                net=number(totals["flux_artif_net"], 4),
                imper=number(totals["flux_imper"], 4),
                desimper=number(totals["flux_desimper"], 4),
                imper_net=number(totals["flux_imper_net"], 4),
            )
        )

    def _table(self, parameters, context, name, rows, columns, results):
        fields = QgsFields()
        for column, kind in columns.items():
            fields.append(compat.field(column, kind))
        sink, dest = self._sink(
            parameters,
            name,
            context,
            fields,
            QgsWkbTypes.Type.NoGeometry,
            QgsCoordinateReferenceSystem(),
        )
        if sink is None:
            return
        feature = QgsFeature(fields)
        for row in rows:
            feature.setAttributes([row.get(column) for column in columns])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        results[name] = dest


def _report(source, report, totals, indetermine, millesimes) -> dict:
    """The REPORT output: what the run did."""
    debut_year, fin_year = millesimes
    undetermined = report.undetermined_area / M2_PER_HA
    only_debut, only_fin = report.only_debut_area / M2_PER_HA, report.only_fin_area / M2_PER_HA
    return {
        "source": source,
        "method": report.method,
        "convention": report.convention,
        "indetermine": indetermine,
        "millesimes": [debut_year, fin_year],
        "crs": report.crs,
        "reprojected": report.reprojected,
        "pieces": report.pieces,
        "features_debut": report.features_debut,
        "features_fin": report.features_fin,
        "matched": report.matched,
        "matched_canonical": report.matched_canonical,
        "overlaid_debut": report.overlaid_debut,
        "overlaid_fin": report.overlaid_fin,
        "repaired": report.repaired,
        "undetermined_count": report.undetermined_count,
        "undetermined_ha": undetermined,
        "only_debut_ha": only_debut,
        "only_fin_ha": only_fin,
        "stock_ha": {key: value / M2_PER_HA for key, value in report.stock.items()},
        "flows_ha": totals,
        "messages": report.messages,
    }
