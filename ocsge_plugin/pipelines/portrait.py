"""The run of ``ocsge:portrait`` without Processing, once the published tables are written (by
``ocsge:diagnostic``, in hectares): the territories chosen, their charts and texts, the atlas layer,
the print layout and the PDF, all in a work folder that the caller puts in place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsVectorLayer

from ..computing import consumption as consumption_core
from ..computing import consumption_read
from ..computing.rollup import Membership
from ..core.definitions import AUTO, Method
from ..core.errors import Canceled, OcsgeError
from ..core.i18n import plural, tr
from ..domain.correspondence import Correspondence
from ..report import build
from ..report import layout as layouts
from ..report.consumption_content import Consumption
from ..report.tables import PARENTS, Tables

__all__ = [
    "MODELS",
    "PDF",
    "ConsumptionInput",
    "PortraitError",
    "PortraitOptions",
    "PortraitRun",
    "choose",
    "consumption_of",
    "portrait",
]

MODELS = ("portrait", "rapport_triennal")  # the page orders (report.default_template.MODELS)

PDF = "portrait.pdf"  # the PDF's name in the work folder, until it is put in place


class PortraitError(OcsgeError):
    """No territory to portray (a translated message saying what is expected)."""


@dataclass
class ConsumptionInput:
    """Cerema's consumption file as ``ocsge:consommation`` reads it, the membership table of the
    territories, INSEE's table de passage, the convention (``computing.consumption.CONVENTIONS``)
    and the reduction rate (a fraction)."""

    path: str
    membership: str | None = None
    passage: str | None = None
    convention: str = "loi"
    rate: float = 0.5


@dataclass
class PortraitOptions:
    """The level of the territories (``report.tables.PORTRAIT_LEVELS``), the codes asked for, the
    codes of the communes selected on the map, the method and convention the tables were made
    with, the user's template (None: the default), the background layer (None: none), the commune
    layer, the consumption file (None: no consumption pages) and the model (:data:`MODELS`)."""

    level: str
    codes: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    method: str = AUTO
    convention: str = ""
    template: str | None = None
    raster: Any = None
    communes: QgsVectorLayer | None = None
    consumption: ConsumptionInput | None = None
    model: str = "portrait"


@dataclass
class PortraitRun:
    """What :func:`portrait` wrote: the number of pages, the territories portrayed, the map's CRS,
    the tables' pages, IGN's artificialisation and flow layers shown (None when not)."""

    pages: int
    chosen: list
    crs: QgsCoordinateReferenceSystem
    table_pages: Any
    artif: str | None
    flows: str | None


def choose(tables: Tables, options: PortraitOptions) -> list:
    """The territories of ``options.level`` to portray: those of the codes, and those holding a
    selected commune; every one of the level when none is asked. Raises PortraitError when none."""
    level, codes = options.level, list(options.codes)
    if options.selected:
        codes += tables.territories_of(options.selected, level) or [
            f"{level} ({', '.join(options.selected)})"
        ]  # named when none is found
    try:
        chosen = build.choose(tables, level, codes)
    except build.NoTerritory as missing:
        raise PortraitError(
            tr(
                "No territory of the level {level} has the code(s) {codes} in "
                "the data. Expected codes of the membership table or of the "
                "commune layer."
            ).format(level=level, codes=missing)
        ) from None
    if not chosen:
        raise PortraitError(
            tr(
                "No territory of the level {level} in the data (for EPCI and "
                "SCoT: no epci_code / scot_code in the membership table nor the "
                "commune layer)."
            ).format(level=level)
        )
    return chosen


def portrait(
    work: Path, folder: Path, diagnostic: dict, options: PortraitOptions, steps, feedback
) -> PortraitRun:
    """The portrait of the tables in ``work / "tables"`` (``diagnostic``: the REPORT of the run
    that wrote them) written into ``work`` (the PDF as :data:`PDF`), its files naming ``folder``
    where they go; ``steps``: a feedback of three steps, the first done.

    Returns
    -------
    PortraitRun

    Raises PortraitError, ``template_check.TemplateError`` and ``errors.Canceled``."""
    steps.setCurrentStep(1)
    tables = Tables.read(work / "tables")
    chosen = choose(tables, options)
    consumption = _consumption(options, chosen, feedback)
    fin, debut = chosen[0].fin, chosen[0].debut
    artif, flows = (
        build.ign_layers(diagnostic["deliveries"], fin, steps.isCanceled)
        if options.method in (AUTO, Method.IGN.value)
        and not isinstance(options.convention, Correspondence)  # a regional base: no IGN layer
        else (None, None)
    )
    raster = options.raster
    run = build.Run(
        options.method,
        options.convention,
        [Path(p).name for p in diagnostic["deliveries"]],
        diagnostic.get("layers", []),
        bool(artif or flows),
        raster.name() if raster else "",
    )
    communes = options.communes
    first = tables.communes_of(chosen[0])
    crs = build.map_crs(
        communes.crs() if communes is not None else QgsCoordinateReferenceSystem(),
        first[0].members.get("departement_code") if first else None,
    )
    feedback.pushInfo(
        plural(
            len(chosen),
            tr("{count} territory: charts and texts…"),
            tr("{count} territories: charts and texts…"),
        ).format(count=len(chosen))
    )
    uri, table_pages = build.atlas_layer(
        tables,
        chosen,
        run,
        work,
        crs,
        lambda done, total: steps.setProgress(100.0 * done / total),
        steps.isCanceled,
        final=folder,
        consumption=consumption,
    )
    steps.setCurrentStep(2)
    coverage = QgsVectorLayer(uri, "territoires", "ogr")
    lines = build.lines_layer(uri)
    background = communes.clone() if communes is not None else None
    layers, legend = build.map_layers(
        tables, coverage, background, fin, artif, flows, debut, raster
    )
    project = QgsProject()  # the layout's, kept until the PDF is written
    layout = build.make_layout(
        project, options.template, coverage, lines, layers, legend, crs, table_pages
    )
    pages = _write_pdf(layout, work, folder, chosen, steps, feedback)
    return PortraitRun(pages, chosen, crs, table_pages, artif, flows)


def _consumption(options: PortraitOptions, chosen, feedback) -> Consumption | None:
    """The consumption of the chosen territories (None without a consumption file); a warning names
    the territories the file has no commune of (their consumption pages are left out)."""
    if not options.consumption:
        return None
    consumption = consumption_of(options.consumption, options.level, feedback)
    absent = [t.nom for t in chosen if consumption.row(t) is None]
    if absent:
        feedback.pushWarning(
            tr(
                "No consumption figures for {names}: the consumption file has none of "
                "their communes (their consumption pages are left out)."
            ).format(names=", ".join(absent))
        )
    return consumption


def consumption_of(given: ConsumptionInput, level: str, feedback) -> Consumption:
    """The NAF consumption and trajectory of the territories of ``level`` and of those they are
    compared with, in hectares: the file read and computed as ``ocsge:consommation`` does (its
    warnings said). Raises PortraitError when the file or a table cannot be read."""
    try:
        cfile = consumption_read.read_consumption(given.path)
        if given.passage:
            cfile, _ = consumption_read.apply_passage(
                cfile, consumption_read.read_passage(given.passage), {}
            )
        membership = Membership.from_csv(given.membership) if given.membership else None
        levels = [
            lv for lv in consumption_core.CONSUMPTION_LEVELS if lv in (level, *PARENTS[level])
        ]
        result = consumption_core.compute(
            cfile,
            levels,
            membership,
            None,
            consumption_core.Options(convention=given.convention, rate=given.rate),
        )
    except OcsgeError as error:
        raise PortraitError(str(error)) from None
    for note in result.warnings:
        feedback.pushWarning(note)
    feedback.pushInfo(
        tr("Consumption file: years {first}–{last}.").format(
            first=min(result.years), last=result.last_year
        )
    )
    return Consumption(result)


def _write_pdf(layout, work: Path, folder: Path, chosen: list, steps, feedback) -> int:
    """The layout printed to ``work / PDF``, a section per territory said in the log; its pages."""

    def progress(feature, count, rank, pages):
        steps.setProgress(100.0 * (feature + (rank + 1) / pages) / count)
        if rank == 0:
            feedback.pushInfo(
                tr("Section {index}/{count}: {name}").format(
                    index=feature + 1, count=count, name=chosen[feature].nom
                )
            )

    pages = layouts.write_pdf(
        layout, str(work / PDF), progress, steps.isCanceled, moved=(str(folder), str(work))
    )
    if steps.isCanceled():
        raise Canceled()
    return pages
