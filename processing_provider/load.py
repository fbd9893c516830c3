"""Algorithm ``ocsge:load`` — Charger une livraison OCS GE."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputVectorLayer,
    QgsProject,
    QgsVectorLayer,
)

from ..ocsge_plugin.core import definitions
from ..ocsge_plugin.core.i18n import plural
from ..ocsge_plugin.domain.nomenclature import couverture
from ..ocsge_plugin.pipelines.logs import log_table, say
from ..ocsge_plugin.publishing.styles import apply_style, legend_title
from ..ocsge_plugin.storage import keeping, reading
from . import params
from .base import OcsgeAlgorithm
from .deliveries import check_deliveries, deliveries_parameter, delivery_paths
from .groups import RunGroup
from .sinks import keep_alive

__all__ = [
    "LoadDeliveryAlgorithm",
]


class _StyleAndGroup(QgsProcessingLayerPostProcessorInterface):
    def __init__(self, kind: str, group: RunGroup, palette: str, title: str, legend: str = ""):
        super().__init__()
        self.kind, self.group, self.palette, self.title, self.legend = (
            kind,
            group,
            palette,
            title,
            legend,
        )

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if not isinstance(layer, QgsVectorLayer):
            return
        project = context.project() or QgsProject.instance()
        in_tree = project.layerTreeRoot().findLayer(layer.id()) is not None
        if in_tree:
            layer = self.group.own(
                layer, project
            )  # a rerun: this run's own layer, the earlier group left as it was
        apply_style(layer, self.kind, self.palette)
        # what the colours show, in the layers panel and in print layouts' legends
        layer.setName(f"{self.title} – {self.legend}" if self.legend else self.title)
        if in_tree:
            self.group.place(layer, project, definitions.LAYER_KINDS.index(self.kind))


class LoadDeliveryAlgorithm(OcsgeAlgorithm):
    INPUT = "INPUT"
    KINDS = "KINDS"
    PALETTE = "PALETTE"
    CHECK_CODES = "CHECK_CODES"
    SUMMARY = "SUMMARY"
    DATA_FOLDER = "DATA_FOLDER"
    OUTPUTS = {
        "occupation": "OCCUPATION",
        "zone_construite": "ZONE_CONSTRUITE",
        "difference": "DIFFERENCE",
        "artif": "ARTIF",
        "artif_diff": "ARTIF_DIFF",
    }
    OCCUPATION_PRECEDENT = "OCCUPATION_PRECEDENT"

    WRITES_INTO = ("DATA_FOLDER",)  # written into, not read: never compared as an input
    GROUP = "data"
    TAGS = ("charger", "load", "livraison", "delivery", "7z", "GeoPackage", "shapefile")

    ID = "load"

    def initAlgorithm(self, config=None):  # noqa: N802
        self._add_inputs()
        self._add_outputs()

    def _add_inputs(self) -> None:
        param = deliveries_parameter(
            self.INPUT,
            self.tr("OCS GE deliveries (folder, .7z archives, .gpkg or .shp files)"),
            self.tr(
                "A folder holding deliveries (an unpacked delivery, several levels deep, "
                "or several deliveries), "
                "one or more .7z archives as downloaded from IGN (an archive split in "
                "parts: any part, .7z.001, "
                ".7z.002, …, the others beside it), or .gpkg / .shp files; several paths "
                "separated by ';'."
            ),
        )
        self.addParameter(param)
        self.add(
            params.choice(
                self.KINDS,
                self.tr("Layer kinds to load (all when empty)"),
                self.kind_labels(),
                None,
                multiple=True,
                optional=True,
            )
        )
        palettes = [self.tr("Couverture (official palette)"), self.tr("Usage (official palette)")]
        self.add(params.choice(self.PALETTE, self.tr("Style"), palettes))
        self.add(params.replace_group(self.REPLACE_GROUP))
        self.add(
            params.flag(
                self.CHECK_CODES,
                self.tr("Check codes against the nomenclature"),
                True,
                advanced=True,
            )
        )

    def _add_outputs(self) -> None:
        self.add(
            params.folder(
                self.DATA_FOLDER,
                self.tr("Folder for the extracted data (empty: beside the archive)"),
                advanced=True,
            )
        )
        self.add(
            params.flag(self.SUMMARY, self.tr("Report the surface per couverture class"), False)
        )
        labels = self.kind_labels()
        for kind, output in self.OUTPUTS.items():
            self.addOutput(
                QgsProcessingOutputVectorLayer(
                    output,
                    labels[definitions.LAYER_KINDS.index(kind)],
                    QgsProcessing.SourceType.TypeVectorPolygon,
                )
            )
        self.addOutput(
            QgsProcessingOutputVectorLayer(
                self.OCCUPATION_PRECEDENT,
                self.tr("Occupation du sol, previous millésime"),
                QgsProcessing.SourceType.TypeVectorPolygon,
            )
        )
        self.add_layers_output()
        self.add_report_output()

    def kind_labels(self) -> list[str]:
        return [
            self.tr("Occupation du sol"),
            self.tr("Zone construite"),
            self.tr("Différence between millésimes"),
            self.tr("Artificialisation (IGN)"),
            self.tr("Artificialisation difference (IGN)"),
        ]

    def checkParameterValues(self, parameters, context):  # noqa: N802
        problem, parameters = check_deliveries(self, parameters, self.INPUT, context)
        return (False, problem) if problem else super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context: QgsProcessingContext, feedback):  # noqa: N802
        paths = delivery_paths(self, parameters, self.INPUT, context)
        chosen = parameters.get(self.KINDS)
        kinds = (
            [
                definitions.LAYER_KINDS[i]
                for i in self.parameterAsEnums(parameters, self.KINDS, context)
            ]
            if chosen not in (None, [], "")
            else None
        )
        palette = ["couverture", "usage"][self.parameterAsEnum(parameters, self.PALETTE, context)]
        if not paths:
            raise self.fail(
                self.tr("No delivery given. Expected a .7z archive, a folder or a .gpkg/.shp file.")
            )
        try:
            delivery, summaries, left_out = self._read(paths, kinds, parameters, context, feedback)
        except reading.Canceled:
            feedback.reportError(self.tr("Canceled."))
            return {}
        except reading.DeliveryError as error:
            raise self.fail(str(error)) from None
        except OSError as error:
            raise self.fail(
                self.tr(
                    "Cannot keep the extracted data: {error}. Expected a writable folder "
                    "for the extracted data."
                ).format(error=error)
            ) from None
        self._announce(delivery, left_out, feedback)
        layers = sorted(
            delivery.layers,
            key=lambda f: (
                f.departement or "",
                definitions.LAYER_KINDS.index(f.kind),
                f.millesimes,
            ),
        )
        results: dict = {self.LAYERS: []}
        report = {
            "departements": delivery.departements,
            "layers": [],
            "warnings": delivery.warnings,
            "left_out": left_out,
        }
        groups: dict[str, RunGroup] = {}  # this run's groups, one per département and millésime(s)
        replace = self.parameterAsBoolean(parameters, self.REPLACE_GROUP, context)
        for found in layers:
            self._warn_codes(found, feedback)
            self._register(found, context, palette, groups, replace)
            self._add_layer(found, results, report, summaries, feedback)
        results[self.REPORT] = self.write_report(parameters, context, report)
        return results

    def _announce(self, delivery, left_out, feedback) -> None:
        """The archives extracted (or reused), the delivery's warnings, the layers left out; an
        empty layer fails the run."""
        for archive, reused in delivery.extracted:
            feedback.pushInfo(
                (
                    self.tr("{name}: extraction reused from the cache")
                    if reused
                    else self.tr("{name}: extracted")
                ).format(name=archive)
            )
        say(feedback, delivery.warnings)
        for note in dict.fromkeys(left_out):  # each once (two archives may leave out the same)
            feedback.pushInfo(note)
        empty = [found.title for found in delivery.layers if found.feature_count == 0]
        if empty:
            raise self.fail(
                self.tr("Empty layer(s): {names}. Expected OCS GE polygons.").format(
                    names=", ".join(empty)
                )
            )

    def _add_layer(self, found, results, report, summaries, feedback) -> None:
        """One layer of the delivery in the outputs, the REPORT and the log."""
        results[self.LAYERS].append(found.uri)
        output = self.OUTPUTS[found.kind]
        if found.kind == "occupation" and output in results:
            results[self.OCCUPATION_PRECEDENT] = results[output]
        results[output] = found.uri
        entry = _entry(found)
        if found.uri in summaries:
            # hectares to the m² (the report is read by people too)
            entry["surface_ha_by_couverture"] = {
                code: round(area / 10000.0, 4)
                for code, area in sorted(summaries[found.uri].items())
            }
            self._log_summary(found.title, summaries[found.uri], feedback)
        report["layers"].append(entry)
        feedback.pushInfo(
            plural(
                found.feature_count,
                self.tr("{title}: {count} polygon, CRS {crs}"),
                self.tr("{title}: {count} polygons, CRS {crs}"),
            ).format(title=found.title, count=found.feature_count, crs=entry["crs"] or "?")
        )

    def _read(self, paths, kinds, parameters, context, feedback):
        """Every delivery read and merged (a layer found twice is read once, a millésime
        delivered as GeoPackage and Shapefile once: the notes of those left out), its layers kept
        where they stay; with the surface by couverture of the stock layers when SUMMARY. Raises
        Canceled."""
        delivery = reading.Delivery([], [], [])
        for index, path in enumerate(paths):
            feedback.pushInfo(self.tr("Reading {path}").format(path=path))
            part = reading.open_delivery(
                path,
                kinds,
                progress=lambda p, i=index: feedback.setProgress(
                    (i + p / 100.0) * 100.0 / len(paths)
                ),
                is_canceled=feedback.isCanceled,
                check=self.parameterAsBoolean(parameters, self.CHECK_CODES, context),
            )
            known = {(layer.path, layer.layer_name) for layer in delivery.layers}
            delivery.layers.extend(
                layer for layer in part.layers if (layer.path, layer.layer_name) not in known
            )
            delivery.warnings.extend(part.warnings)
            delivery.extracted.extend(part.extracted)
        # the layers read files that stay (the cache may be cleared), not the cache; a kept copy
        # found beside its archive is the same delivery: read once
        delivery.layers[:], left_out = keeping.one_format_per_millesime(
            keeping.without_kept_copies(delivery)
        )
        archives = [Path(archive) for archive, _ in delivery.extracted]
        folder = self.parameterAsFile(parameters, self.DATA_FOLDER, context) or None
        kept = []
        for found in delivery.layers:
            if feedback.isCanceled():
                raise reading.Canceled()
            kept.append(keeping.keep(found, archives, folder))
        delivery.layers[:] = kept
        summaries = {}
        if self.parameterAsBoolean(parameters, self.SUMMARY, context):
            for found in delivery.layers:
                if found.kind in ("occupation", "artif"):
                    summaries[found.uri] = reading.surface_by_couverture(found, feedback.isCanceled)
        return delivery, summaries, left_out

    def _warn_codes(self, found, feedback) -> None:
        """Codes outside the nomenclature (warned) and null codes of a layer, for the log; IGN's
        usage indéterminé (INDETERMINE) said as information: the runs count it apart."""
        unknown = dict(found.unknown_codes)
        undetermined = unknown.pop("INDETERMINE", 0)
        if undetermined:
            feedback.pushInfo(
                plural(
                    undetermined,
                    self.tr(
                        "{title}: {count} code INDETERMINE (usage indéterminé), counted apart."
                    ),
                    self.tr(
                        "{title}: {count} codes INDETERMINE (usage indéterminé), counted apart."
                    ),
                ).format(title=found.title, count=undetermined)
            )
        if unknown:
            feedback.pushWarning(
                plural(
                    sum(unknown.values()),
                    self.tr(
                        "{title}: {count} code outside the OCS GE nomenclature, counted "
                        "as unknown: {codes}"
                    ),
                    self.tr(
                        "{title}: {count} codes outside the OCS GE nomenclature, counted "
                        "as unknown: {codes}"
                    ),
                ).format(
                    title=found.title,
                    count=sum(unknown.values()),
                    codes=", ".join(f"{code} ({n})" for code, n in sorted(unknown.items())),
                )
            )
        if found.null_codes:  # read by the runs' convention (counted apart): information
            feedback.pushInfo(
                plural(
                    found.null_codes,
                    self.tr("{title}: {count} polygon with a null code."),
                    self.tr("{title}: {count} polygons with a null code."),
                ).format(title=found.title, count=found.null_codes)
            )

    def _log_summary(self, title: str, areas: dict[str, float], feedback) -> None:
        """The surface per couverture class as a table in the log: code, label, hectares, share."""
        entries = couverture()
        total = sum(areas.values()) or 1.0
        rows = [
            [
                code,
                entries[code].libelle_court if code in entries else "",
                area / 10000.0,
                100.0 * area / total,
            ]
            for code, area in sorted(areas.items())
        ]
        rows.append([self.tr("Total"), "", sum(areas.values()) / 10000.0, 100.0])
        log_table(
            feedback,
            self.tr("{title}: surface per couverture class").format(title=title),
            [self.tr("Code"), self.tr("Label"), self.tr("Surface (ha)"), self.tr("Share (%)")],
            rows,
        )

    def _register(
        self,
        found: reading.FoundLayer,
        context: QgsProcessingContext,
        palette: str,
        groups: dict,
        replace: bool,
    ) -> None:
        """In the GUI, add the layer to the project on completion, styled, in this run's group of
        its département and millésime(s) (``groups``: base name → RunGroup, shared by the run's
        layers)."""
        details = QgsProcessingContext.LayerDetails(found.title, context.project(), found.kind)
        base = "OCS GE " + " ".join(
            p
            for p in (
                f"D{found.departement}" if found.departement else "",
                "-".join(map(str, found.millesimes)),
            )
            if p
        )
        group = groups.setdefault(base, RunGroup(base, replace))
        post = _StyleAndGroup(
            found.kind,
            group,
            palette,
            found.title,
            legend_title(found.kind, palette, found.millesimes),
        )
        details.setPostProcessor(keep_alive(post))
        context.addLayerToLoadOnCompletion(found.uri, details)


def _entry(found) -> dict:
    """A layer's entry in the REPORT."""
    return {
        "kind": found.kind,
        "title": found.title,
        "departement": found.departement,
        "millesimes": list(found.millesimes),
        "crs": f"EPSG:{found.epsg}" if found.epsg else None,
        "features": found.feature_count,
        "source": found.path,
        "layer": found.layer_name,
        "uri": found.uri,
        "fields": found.field_map,
        "unknown_codes": found.unknown_codes,
        "null_codes": found.null_codes,
        "notes": found.notes,  # e.g. its millésime field against its name
    }
