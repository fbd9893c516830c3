"""Algorithm ``ocsge:portrait`` — Portrait de territoire: a printable report per territory (PDF
and print layout), from the published tables that ocsge:diagnostic writes."""

from __future__ import annotations

import os
from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsVectorLayer,
)

from ..ocsge_plugin.computing.communes import commune_fields
from ..ocsge_plugin.core import errors
from ..ocsge_plugin.core.definitions import CONSUMPTION_CONVENTIONS
from ..ocsge_plugin.pipelines import portrait as pipeline
from ..ocsge_plugin.report import build, template_check
from ..ocsge_plugin.report import layout as layouts
from ..ocsge_plugin.report.tables import PORTRAIT_LEVELS, Tables
from ..ocsge_plugin.storage import files
from . import params
from .base import OcsgeAlgorithm
from .deliveries import check_deliveries
from .groups import RunGroup
from .params import METHODS
from .results import ChildFeedback

__all__ = [
    "PortraitAlgorithm",
]

# Where the dialog finds the territories widget (the plugin's package name is its folder's name).
TERRITORIES_WIDGET = (
    f"{__name__.rsplit('.', 2)[0]}.ocsge_plugin.gui.territories.TerritoriesWidgetWrapper"
)
SHARED = (
    "INPUT",
    "COMMUNES",
    "CODE_FIELD",
    "NAME_FIELD",
    "MEMBERSHIP",
    "METHOD",
    "CONVENTION",
    "CORRESPONDANCE",
    "CORRESPONDANCE_FIELD",
)


class PortraitAlgorithm(params.DiagnosticInputs, OcsgeAlgorithm):
    LEVEL = "LEVEL"
    TERRITORIES = "TERRITORIES"
    SELECTED = "SELECTED"
    BACKGROUND = "BACKGROUND"
    TEMPLATE = "TEMPLATE"
    OUTPUT = "OUTPUT"
    PAGES = "PAGES"
    FOLDER = "FOLDER"
    CONSOMMATION = "CONSOMMATION"
    CONSO_CONVENTION = "CONSO_CONVENTION"
    CONSO_RATE = "CONSO_RATE"
    PASSAGE = "PASSAGE"
    MODELE = "MODELE"

    GROUP = "territories"
    TAGS = (
        "portrait", "portrait de territoire", "rapport", "report", "PDF", "atlas", "mise en page",
        "layout", "PLU", "PLUi", "SCoT", "rapport de présentation",
    )  # fmt: skip

    ID = "portrait"

    def flags(self):
        # the layout (maps, tables) is drawn in the main thread
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def initAlgorithm(self, config=None):  # noqa: N802
        params.diagnostic_inputs(self, with_layers=False)  # SHARED, as ocsge:diagnostic has them
        self._add_territories()
        background = self.tr("Background of the map (raster or WMS layer)")
        self.add(QgsProcessingParameterRasterLayer(self.BACKGROUND, background, optional=True))
        template = self.tr("Layout template (.qpt)")
        self.add(
            QgsProcessingParameterFile(self.TEMPLATE, template, extension="qpt", optional=True)
        )
        self._add_consumption()
        self.add(params.replace_group(self.REPLACE_GROUP))
        pdf = self.tr("PDF files (*.pdf)")
        self.add(QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("Portrait (PDF)"), pdf))
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, self.tr("Number of pages")))
        self.addOutput(
            QgsProcessingOutputString(self.FOLDER, self.tr("Folder of the tables and charts"))
        )

    def _add_territories(self) -> None:
        """The level, the territories (a list to tick in the dialog) and the selection's."""
        level = self.tr("Level of the territories")
        self.add(params.levels(self.LEVEL, level, PORTRAIT_LEVELS, default=1))
        territories = QgsProcessingParameterString(
            self.TERRITORIES, self.tr("Territories"), optional=True
        )
        # the dialog lists « name (code) » of the level from the communes and membership above
        territories.setMetadata({"widget_wrapper": {"class": TERRITORIES_WIDGET}})
        self.add(
            territories,
            self.tr(
                "The territories to portray, ticked in the list of the level chosen (name and "
                "code, from the communes and the membership table above) or typed as codes "
                "separated by ',' (INSEE code of a commune or a département, SIREN of an "
                "EPCI…); none: every territory of the level."
            ),
        )
        selected = self.tr("Only the territories of the selected communes")
        self.add(params.flag(self.SELECTED, selected, False, optional=True))

    def _add_consumption(self) -> None:
        """The consumption file and what its trajectory needs, and the model (page order)."""
        self.add(params.consumption_file(self.CONSOMMATION, optional=True))
        self.add(params.trajectory_convention(self.CONSO_CONVENTION), advanced=True)
        self.add(params.reduction_rate(self.CONSO_RATE), advanced=True)
        self.add(params.passage(self.PASSAGE), advanced=True)
        models = [self.tr("Portrait"), self.tr("Rapport triennal (art. R. 2231-1 CGCT)")]
        self.add(params.choice(self.MODELE, self.tr("Model"), models))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        problem, parameters = check_deliveries(self, parameters, self.INPUT, context)
        return (False, problem) if problem else super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not output:
            raise self.fail(self.tr("No output file. Expected a .pdf path."))
        if not output.lower().endswith(".pdf"):
            output += ".pdf"
        template = self._template(parameters, context)
        folder = self._own_folder(output)
        options = self._options(parameters, context, template, self._selected(parameters, context))
        # beside it, hidden, removed by the next run if this one dies
        work = files.temp_name(folder)
        steps = QgsProcessingMultiStepFeedback(3, feedback)
        try:
            work.mkdir(parents=True)
            child = ChildFeedback(steps, work, folder)  # the paths said as they will be
            result = self._diagnostic(parameters, context, child, work / "tables")
            if steps.isCanceled():
                raise errors.Canceled()
            run = pipeline.portrait(work, folder, result, options, steps, feedback)
            files.commit_owned(work, folder, leave=[pipeline.PDF])
            os.replace(work / pipeline.PDF, output)
        except errors.Canceled:
            feedback.reportError(self.tr("Canceled: no file was written."))
            return {}
        except (files.OutputClash, pipeline.PortraitError, template_check.TemplateError) as error:
            raise self.fail(str(error)) from None
        except (OSError, RuntimeError) as error:  # a full disk (GDAL's errors are RuntimeError)
            if not isinstance(error, OSError) and not files.is_write_failure(error):
                raise
            raise self.fail(
                self.tr("Cannot write {path}: {error}. Expected a writable place.").format(
                    path=output, error=error
                )
            ) from None
        finally:
            files.remove(work)
        self._kept = dict(
            folder=folder,
            template=options.template,
            crs=run.crs,
            pages=run.table_pages,
            communes=parameters.get(self.COMMUNES),
            name=Path(output).stem,
            artif=run.artif,
            flows=run.flows,
            raster=options.raster,
            replace=self.parameterAsBoolean(parameters, self.REPLACE_GROUP, context),
        )
        feedback.pushInfo(
            self.tr("{pages} pages written to {path}").format(pages=run.pages, path=output)
        )
        return {self.OUTPUT: output, self.PAGES: run.pages, self.FOLDER: str(folder)}

    def _options(self, parameters, context, template, selected) -> pipeline.PortraitOptions:
        """The portrait's choices, with the ``template`` checked and the communes ``selected``."""
        codes = [
            c.strip()
            for c in self.parameterAsString(parameters, self.TERRITORIES, context)
            .replace(";", ",")
            .split(",")
            if c.strip()
        ]
        model = pipeline.MODELS[self.parameterAsEnum(parameters, self.MODELE, context)]
        consumption = self._consumption(parameters, context)
        if model == "rapport_triennal" and consumption is None:
            raise self.fail(
                self.tr(
                    "The rapport triennal needs the consumption file (indicator 1° of article "
                    "R. 2231-1 of the CGCT). Expected Cerema's commune file in « Consumption "
                    "file »."
                )
            )
        return pipeline.PortraitOptions(
            level=PORTRAIT_LEVELS[self.parameterAsEnum(parameters, self.LEVEL, context)],
            codes=codes,
            template=template or (layouts.TEMPLATES[model] if model != "portrait" else None),
            selected=selected,
            method=METHODS[self.parameterAsEnum(parameters, self.METHOD, context)],
            convention=self.convention(parameters, context),
            raster=self.parameterAsRasterLayer(parameters, self.BACKGROUND, context),
            communes=self.parameterAsVectorLayer(parameters, self.COMMUNES, context),
            consumption=consumption,
            model=model,
        )

    def _consumption(self, parameters, context) -> pipeline.ConsumptionInput | None:
        """The consumption file and its options (None when no file is given)."""
        path = self.parameterAsFile(parameters, self.CONSOMMATION, context)
        if not path:
            return None
        return pipeline.ConsumptionInput(
            path=path,
            membership=self.parameterAsFile(parameters, "MEMBERSHIP", context) or None,
            passage=self.parameterAsFile(parameters, self.PASSAGE, context) or None,
            convention=CONSUMPTION_CONVENTIONS[
                self.parameterAsEnum(parameters, self.CONSO_CONVENTION, context)
            ],
            rate=self.parameterAsDouble(parameters, self.CONSO_RATE, context) / 100.0,
        )

    def _template(self, parameters, context) -> str | None:
        """The user's template, checked as data before anything is computed or written; None: the
        default."""
        template = self.parameterAsFile(parameters, self.TEMPLATE, context) or None
        if template and not Path(template).is_file():
            raise self.fail(
                self.tr(
                    "The template {path} does not exist. Expected a .qpt file saved from "
                    "the layout designer."
                ).format(path=template)
            )
        if template:
            try:
                template_check.check_template(template)
            except template_check.TemplateError as error:
                raise self.fail(str(error)) from None
        return template

    def _own_folder(self, output: str) -> Path:
        """The folder of the tables and charts beside ``output``, refused when it exists and the
        plugin did not make it (files.check_owned); a dead run's work folder beside it is removed
        first."""
        folder = data_folder(output)
        files.clean_leftovers(folder.parent)
        try:
            files.check_owned(folder)
        except files.OutputClash as error:
            raise self.fail(str(error)) from None
        return folder

    def extra_destinations(self, parameters, context) -> list[tuple]:
        """The folder of the tables and charts beside the PDF: compared with the inputs before
        the run."""
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        return [(data_folder(output), files.Kind.OWNED, None)] if output else []

    def _selected(self, parameters, context) -> list[str]:
        """The codes of the communes selected in the commune layer, when asked (else none)."""
        if not self.parameterAsBool(parameters, self.SELECTED, context):
            return []
        layer = self.parameterAsVectorLayer(parameters, self.COMMUNES, context)
        chosen = self.field_parameter(parameters, self.CODE_FIELD, context)
        field = (
            commune_fields(layer.fields().names(), chosen).code if layer is not None else None
        )  # empty: recognised, as the diagnostic does
        selected = (
            [str(f[field]) for f in layer.getSelectedFeatures()]
            if layer is not None and field
            else []
        )
        if not selected:
            raise self.fail(
                self.tr(
                    "No commune is selected in the commune layer. Expected a selection "
                    "on the map (or no tick on « Only the territories of the selected "
                    "communes »)."
                )
            )
        return selected

    def _diagnostic(self, parameters, context, feedback, folder: Path) -> dict:
        """ocsge:diagnostic as a child algorithm into ``folder``: the published tables in
        hectares."""
        import json

        import processing

        child = QgsProcessingContext()
        child.setProject(context.project())
        child.setTransformContext(context.transformContext())
        params = {name: parameters[name] for name in SHARED if name in parameters}
        params.update(
            {"UNIT": 0, "CSV_DIALECT": 0, "SIMPLIFY": False, "OUTPUT_FOLDER": str(folder)}
        )
        results = processing.run(
            "ocsge:diagnostic", params, context=child, feedback=feedback, is_child_algorithm=True
        )
        if not results or not results.get("REPORT"):
            raise errors.Canceled()
        return json.loads(Path(results["REPORT"]).read_text(encoding="utf-8"))

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        """Keep the layout in the project (Layout manager), over the files kept beside the PDF."""
        kept = getattr(self, "_kept", None)
        project = context.project()
        if not kept or project is None:
            return {}
        keep_layout(project, kept)
        return {}


def data_folder(output: str) -> Path:
    """The folder of the tables, charts and atlas layer of the portrait ``output`` (.pdf added
    when missing)."""
    if not output.lower().endswith(".pdf"):
        output += ".pdf"
    return Path(output).with_name(Path(output).stem + "_donnees")


def keep_layout(project, kept: dict):
    """Add the portrait's layout and its layers (a group « Portrait de territoire ») to
    ``project``."""
    folder = kept["folder"]
    tables = Tables.read(folder / "tables")
    uri = f"{folder / 'territoires.gpkg'}|layername=territoires"
    coverage = QgsVectorLayer(uri, "Territoire du portrait", "ogr")
    lines = build.lines_layer(uri)
    given = kept.get("communes")
    background = None  # a copy: the user's own layer keeps its style and name
    if isinstance(given, QgsVectorLayer):
        background = given.clone()
    elif isinstance(given, str) and project.mapLayer(given) is not None:
        background = project.mapLayer(given).clone()
    elif isinstance(given, str):
        background = QgsVectorLayer(given, "Communes", "ogr")
    first = next(iter(tables.levels["commune"].values()), None)
    fin, debut = (first.fin, first.debut) if first else (None, None)
    layers, legend = build.map_layers(
        tables,
        coverage,
        background,
        fin,
        kept.get("artif"),
        kept.get("flows"),
        debut,
        kept.get("raster"),
    )
    years = "-".join(str(y) for y in (debut, fin) if y)
    group = RunGroup(
        f"Portrait de territoire – {kept['name']} {years}".strip(), kept.get("replace", False)
    ).node(project)
    for layer in [*layers, lines]:
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    layout = build.make_layout(
        project, kept["template"], coverage, lines, layers, legend, kept["crs"], kept["pages"]
    )
    layout.setName(f"Portrait de territoire – {kept['name']}")
    manager = project.layoutManager()
    old = manager.layoutByName(layout.name())
    if old is not None:
        manager.removeLayout(old)
    manager.addLayout(layout)
    return layout
