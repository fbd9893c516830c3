"""The published tables on the map when an algorithm ends in QGIS (its dialog, a model,
``processing.runAndLoadResults``; ``qgis_process`` and ``processing.run`` load nothing): one
group per diagnostic named after the territory and the millésimes, choropleths of the communes
and EPCI, French aliases with units, numbers shown with two decimals while the files keep every
decimal."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingLayerPostProcessorInterface,
    QgsProject,
    QgsVectorLayer,
)

from ..ocsge_plugin.core.errors import Canceled, OcsgeError
from ..ocsge_plugin.core.i18n import tr
from ..ocsge_plugin.domain import nomenclature
from ..ocsge_plugin.publishing import export, styles
from .groups import RunGroup
from .sinks import keep_alive

__all__ = [
    "add_to_project",
    "exporting",
]

LEVEL_NAMES = {
    "commune": "communes",
    "epci": "EPCI",
    "scot": "SCoT",
    "departement": "départements",
    "region": "régions",
}
# The maps shown when the diagnostic ends: (dataset, level) → shown checked.
MAPS = {("artif", "commune"): True, ("artif", "epci"): False}
COVERAGE_TABLE = "part_territoire_couvert"


def millesimes_label(table) -> str:
    """« 2018-2021 » (the earliest début to the latest fin of the table), or « 2021 » without
    flows."""
    fins = sorted(str(v) for v in table["millesime_fin"].dropna().unique())
    debuts = sorted(str(v) for v in table["millesime_debut"].dropna().unique())
    if not fins:
        return ""
    return f"{debuts[0]}-{fins[-1]}" if debuts and debuts[0] < fins[-1] else fins[-1]


def group_name(departements, table) -> str:
    """« Diagnostic OCS GE – Territoire de Belfort 2018-2021 »: the départements' names (codes
    beyond three) and the millésimes."""
    names = nomenclature.departements()
    codes = sorted(departements)
    territory = (
        ", ".join(names.get(code, (f"D{code}", ""))[0] for code in codes)
        if len(codes) <= 3
        else ", ".join(f"D{c}" for c in codes)
    )
    return " ".join(
        p for p in (f"Diagnostic OCS GE – {territory}".rstrip(" –"), millesimes_label(table)) if p
    )


class _PublishedLayer(QgsProcessingLayerPostProcessorInterface):
    """A published table once QGIS has loaded it: aliases with units, numbers shown with 2
    decimals, the last pair of millésimes of each territory, a choropleth for the maps, placed in
    the diagnostic's group. A map of the share artificialised also gets its twin: the net flow
    per hectare."""

    def __init__(
        self,
        group: RunGroup,
        rank: int,
        dataset: str,
        level: str,
        unit: str,
        title: str,
        shown: bool | None,
        flow_title: str = "",
    ):
        super().__init__()
        self.group, self.rank, self.dataset, self.level, self.unit = (
            group,
            rank,
            dataset,
            level,
            unit,
        )
        self.title, self.shown, self.flow_title = title, shown, flow_title

    def _prepare(self, layer, title: str) -> None:
        layer.setName(title)
        styles.style_published_table(layer, self.dataset, self.unit)
        key = layer.fields().indexOf(f"{self.level}_code")
        if (
            key >= 0 and len(layer.uniqueValues(key)) < layer.featureCount()
        ):  # several pairs of millésimes
            name, code = f'"{self.dataset}_{self.level}"', f'"{self.level}_code"'
            layer.setSubsetString(
                f"fid IN (SELECT a.fid FROM {name} a WHERE a.millesime_fin = "
                f"(SELECT MAX(b.millesime_fin) FROM {name} b WHERE b.{code} = a.{code}))"
            )

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if not isinstance(layer, QgsVectorLayer):
            return
        project = context.project() or QgsProject.instance()
        layer = self.group.own(layer, project)  # a rerun into the same folder: this run's own layer
        self._prepare(layer, self.title)
        if (
            layer.isSpatial() and layer.fields().indexOf(f"pourcent_{self.dataset}") >= 0
        ):  # every level, as a choropleth
            layer.setRenderer(styles.share_renderer(self.dataset))
        self.group.place(layer, project, self.rank, bool(self.shown))
        if self.flow_title:
            flows = QgsVectorLayer(layer.source(), self.flow_title, "ogr")
            self._prepare(flows, self.flow_title)
            flows.setRenderer(
                styles.net_flow_renderer(
                    styles.add_net_flow_per_ha(flows, self.dataset, self.level)
                )
            )
            project.addMapLayer(flows, False)
            self.group.place(flows, project, self.rank + 0.5, False)


def add_to_project(
    context, written, departements, table, unit: str, method: str = "", replace: bool = False
) -> None:
    """Load the published tables ``written`` (an ``export.ExportResult``) into the project when
    the algorithm ends: in the group named after ``departements`` and the millésimes of
    ``table``, the maps first (share artificialised and net flow per hectare, communes and EPCI),
    then the other tables, unchecked. ``method``, the artificialisation method used, goes into
    the maps' names. The group is this run's, dated (``groups.RunGroup``), or in place of an
    earlier run's when ``replace``."""
    if context.project() is None:
        return
    layers = dict(written.layers)
    for path in written.files:
        if Path(path).name == f"{COVERAGE_TABLE}.gpkg":
            layers[COVERAGE_TABLE] = f"{path}|layername={COVERAGE_TABLE}"
    group = RunGroup(group_name(departements, table), replace)
    years = millesimes_label(table)
    last = years.split("-")[-1]
    order = [(d, level) for level in export.PUBLISHED_LEVELS for d in export.DATASETS]

    def place(name: str) -> tuple:
        key = tuple(name.split("_", 1))
        return key not in MAPS, order.index(key) if key in order else len(order)

    for rank, name in enumerate(sorted(layers, key=place)):
        dataset, level = name.split("_", 1)
        words = LEVEL_NAMES.get(level, level)
        shown = MAPS.get((dataset, level))
        flow_title = ""
        if name == COVERAGE_TABLE:
            title = tr("Share of the territory covered by OCS GE")
        elif shown is None:
            title = (
                tr("Artificialisation {years} – {level}")
                if dataset == "artif"
                else tr("Imperméabilisation {years} – {level}")
            ).format(years=years, level=words)
        else:
            title = tr("Share artificialised {year} (%) – {level}").format(year=last, level=words)
            flow_title = tr("Net artificialisation {years} (m² per ha) – {level}").format(
                years=years, level=words
            )
            if method:
                title, flow_title = f"{title}, {method}", f"{flow_title}, {method}"
        details = QgsProcessingContext.LayerDetails(title, context.project(), name)
        details.setPostProcessor(
            keep_alive(
                _PublishedLayer(group, rank * 2, dataset, level, unit, title, shown, flow_title)
            )
        )
        context.addLayerToLoadOnCompletion(layers[name], details)


def exporting(alg, folder, feedback, work):
    """``work()`` → (written, warnings, rest): the export of ``ocsge:export`` and
    ``ocsge:diagnostic``, its user errors as messages, a cancel as None (said in the log), then
    its warnings and files in the log."""
    try:
        written, warnings, rest = work()
    except OcsgeError as error:
        raise alg.fail(str(error)) from None
    except Canceled:
        feedback.reportError(tr("Canceled: no file was written."))
        return None
    except OSError as error:
        raise alg.fail(
            tr("Cannot write to {folder}: {error}. Expected a writable folder.").format(
                folder=folder, error=error
            )
        ) from None
    for note in warnings:
        feedback.pushWarning(note)
    for path in written.files + written.tables:
        feedback.pushInfo(path)
    return written, warnings, rest
