"""The run of ``ocsge:portrait`` without Processing, once the published tables are written (by
``ocsge:diagnostic``, in hectares): the territories chosen, their charts and texts, the atlas layer,
the print layout and the PDF, all in a work folder that the caller puts in place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsVectorLayer

from ..core.definitions import AUTO, Method
from ..core.errors import Canceled, OcsgeError
from ..core.i18n import plural, tr
from ..report import build
from ..report import layout as layouts
from ..report.tables import Tables

__all__ = ["PDF", "PortraitError", "PortraitOptions", "PortraitRun", "choose", "portrait"]

PDF = "portrait.pdf"  # the PDF's name in the work folder, until it is put in place


class PortraitError(OcsgeError):
    """No territory to portray (a translated message saying what is expected)."""


@dataclass
class PortraitOptions:
    """The level of the territories (``report.tables.LEVELS``), the codes asked for, the codes of
    the communes selected on the map, the method and convention the tables were made with, the
    user's template (None: the default), the background layer (None: none), the commune layer."""

    level: str
    codes: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    method: str = AUTO
    convention: str = ""
    template: str | None = None
    raster: Any = None
    communes: QgsVectorLayer | None = None


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

    Raises PortraitError, ``template_check.TemplateError`` and ``layout.Canceled``."""
    steps.setCurrentStep(1)
    tables = Tables.read(work / "tables")
    chosen = choose(tables, options)
    fin, debut = chosen[0].fin, chosen[0].debut
    artif, flows = (
        build.ign_layers(diagnostic["deliveries"], fin, steps.isCanceled)
        if options.method in (AUTO, Method.IGN.value)
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
