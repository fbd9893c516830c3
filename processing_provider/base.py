"""What every algorithm of the provider shares: translation, instance creation, help, groups; the
styling of output layers when QGIS loads them."""

from __future__ import annotations

import functools
import html
import os
import re
from pathlib import Path
from typing import Callable

from qgis.core import (
    QgsMapLayer,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingOutputString,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingUtils,
    QgsProperty,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..ocsge_plugin.core import compat, guide
from ..ocsge_plugin.core.i18n import tr
from ..ocsge_plugin.domain.nomenclature import RESOURCES
from ..ocsge_plugin.domain.rules import CONVENTIONS
from ..ocsge_plugin.storage import files, interrupt, postgis
from . import params
from .help_texts import HELP


def guide_links(anchor: str) -> str:
    """The help's last paragraph: the guide installed with the plugin, then its online copy (when
    the
    project has a published address)."""
    links = []
    if guide.GUIDE_HTML.exists():
        links.append(
            (guide.local_url(anchor), QCoreApplication.translate("OcsgeAlgorithm", "User guide"))
        )
    if guide.online_url(anchor):
        links.append(
            (
                guide.online_url(anchor),
                QCoreApplication.translate("OcsgeAlgorithm", "User guide (online)"),
            )
        )
    return (
        "<p>"
        + " · ".join(
            f'<a href="{html.escape(url)}">{html.escape(text, quote=False)}</a>'
            for url, text in links
        )
        + "</p>"
        if links
        else ""
    )


# Every algorithm is found in the toolbox by these words, in French and English.
TAGS = (
    "OCS GE",
    "ocsge",
    "IGN",
    "ZAN",
    "zéro artificialisation nette",
    "zero net land take",
    "artificialisation",
    "artificialization",
    "land take",
    "imperméabilisation",
    "soil sealing",
    "Climat et résilience",
    "loi Climat et résilience",
    "occupation du sol",
    "land cover",
    "land use",
    "urbanisme",
    "planning",
)
ICONS = {"data": "data.svg", "compute": "compute.svg", "territories": "territories.svg"}
_ALGORITHM_ID = re.compile(r"\bocsge:(\w+)")


class OcsgeAlgorithm(QgsProcessingAlgorithm):
    """Base class: ``tr()`` with the class name as context, groups, icon per group, tags, help,
    error
    helper.

    Each algorithm's title and help (``what_it_does``, ``rules``, ``example``, ``shortDescription``)
    are its entry ``help_texts.HELP[ID]``; the base class translates them, arranges them in sections
    with the inputs and outputs, and links the matching section of the user guide (docs/guide.md).

    Every ``processAlgorithm`` runs under ``interrupt.watching`` (SIGINT and SIGTERM to qgis_process
    cancel it) and a canceled run ends with an error (exit status not 0 under qgis_process), whether
    the cancel came from the button, a signal or a parent algorithm."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "processAlgorithm" in cls.__dict__:
            cls.processAlgorithm = _cancel_is_an_error(cls.__dict__["processAlgorithm"])

    GROUP = "data"  # one of GROUPS (and of ICONS)
    TAGS: tuple[str, ...] = ()  # the algorithm's own search words, French and English
    GROUPS = {
        "data": "Data",
        "compute": "Computation",
        "territories": "Territories and export",
    }

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(type(self).__name__, text)

    def createInstance(self):  # noqa: N802
        return type(self)()

    def groupId(self) -> str:  # noqa: N802
        return self.GROUP

    def group(self) -> str:
        return QCoreApplication.translate("OcsgeAlgorithm", self.GROUPS[self.GROUP])

    def icon(self) -> QIcon:
        return QIcon(str(RESOURCES / "icons" / ICONS[self.GROUP]))

    def tags(self) -> list[str]:
        return list(TAGS) + list(self.TAGS)

    def helpUrl(self) -> str:  # noqa: N802
        """The guide inside the installed plugin (file://), at this algorithm's section."""
        return guide.help_url(self.guide_anchor())

    def guide_anchor(self) -> str:
        """The anchor of this algorithm's section in docs/guide.md."""
        return f"ocsge-{self.name()}"

    ID = ""  # the algorithm's id (ocsge:ID), the key of its texts in ``help_texts.HELP``

    def name(self) -> str:
        return self.ID

    def displayName(self) -> str:  # noqa: N802
        return tr(HELP[self.ID].title)

    def shortDescription(self) -> str:  # noqa: N802
        return tr(HELP[self.ID].description)

    # Structured help: what it does, inputs and outputs (from the parameters), rules, example.
    def what_it_does(self) -> str:
        return tr(HELP[self.ID].what)

    def rules(self) -> str:
        return tr(HELP[self.ID].rules)

    def example(self) -> str:
        return tr(HELP[self.ID].example)

    def help_sections(self) -> list[tuple[str, list[str]]]:
        """(title, paragraphs or list items) of the help, translated, algorithm ids given as the
        names
        the toolbox shows; plain text (the HTML or Markdown is made from it)."""
        inputs = [
            f"{p.description()} — {p.help()}" if p.help() else p.description()
            for p in self.parameterDefinitions()
            if not p.isDestination()
        ]
        outputs = [
            p.description() + (f" — {p.help()}" if p.help() else "")
            for p in self.destinationParameterDefinitions()
        ]
        outputs += [
            o.description()
            for o in self.outputDefinitions()
            if self.parameterDefinition(o.name()) is None
        ]
        sections = [
            (
                QCoreApplication.translate("OcsgeAlgorithm", "What it does"),
                self.what_it_does().split("\n"),
            ),
            (QCoreApplication.translate("OcsgeAlgorithm", "Inputs"), inputs),
            (QCoreApplication.translate("OcsgeAlgorithm", "Outputs"), outputs),
            (QCoreApplication.translate("OcsgeAlgorithm", "Rules"), self.rules().split("\n")),
            (QCoreApplication.translate("OcsgeAlgorithm", "Example"), self.example().split("\n")),
        ]
        return [
            (title, [named_algorithms(line) for line in lines if line.strip()])
            for title, lines in sections
            if any(line.strip() for line in lines)
        ]

    def shortHelpString(self) -> str:  # noqa: N802
        parts = []
        for index, (title, lines) in enumerate(self.help_sections()):
            parts.append(f"<h3>{html.escape(title, quote=False)}</h3>")
            if index in (1, 2):  # inputs, outputs
                parts.append(
                    "<ul>"
                    + "".join(f"<li>{html.escape(line, quote=False)}</li>" for line in lines)
                    + "</ul>"
                )
            else:
                parts.extend(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)
        parts.append(guide_links(self.guide_anchor()))
        return "".join(parts)

    def field_parameter(self, parameters, name: str, context) -> str | None:
        """The field chosen in the single-field parameter ``name``, or None."""
        return (compat.parameter_as_fields(self, parameters, name, context) or [None])[0]

    def file_destination(self, parameters, name: str, context: QgsProcessingContext) -> str | None:
        """The file path chosen for the feature sink ``name`` when the algorithm writes the file
        itself
        (a plain path; None for a temporary or memory layer, a layer inside a database, a URI)."""
        value = parameters.get(name)
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = value.sink.staticValue()
        if not isinstance(value, str) or not value or value == "TEMPORARY_OUTPUT":
            return None
        return self.parameterAsOutputLayer(parameters, name, context) or None

    def register_written_layer(
        self, parameters, name: str, context: QgsProcessingContext, path: str
    ) -> None:
        """What ``parameterAsSink`` does for a layer the algorithm wrote itself: load it on
        completion
        when the user asked for it (the output definition names a project)."""
        value = parameters.get(name)
        if (
            not isinstance(value, QgsProcessingOutputLayerDefinition)
            or value.destinationProject is None
        ):
            return
        definition = self.parameterDefinition(name)
        label = value.destinationName or (definition.description() if definition else name)
        details = QgsProcessingContext.LayerDetails(
            label, value.destinationProject, name, QgsProcessingUtils.LayerHint.Vector
        )
        context.addLayerToLoadOnCompletion(path, details)

    def add(
        self, param: QgsProcessingParameterDefinition, help_text: str = "", advanced: bool = False
    ) -> QgsProcessingParameterDefinition:
        """Add ``param`` with its help (``help_text``, translated; empty: the help ``params`` gave
        it), under
        Advanced parameters when ``advanced``."""
        if help_text:
            param.setHelp(help_text)
        if advanced:
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(param)
        return param

    def add_table(self, name: str, label: str, help_text: str, by_default: bool = True) -> None:
        """An optional output table without geometry (``label``, ``help_text`` translated), written
        unless
        the user unchecks it (``by_default``: checked at first)."""
        self.add(
            QgsProcessingParameterFeatureSink(
                name,
                label,
                QgsProcessing.SourceType.TypeVector,
                optional=True,
                createByDefault=by_default,
            ),
            help_text,
        )

    CONVENTION = "CONVENTION"
    REPLACE_GROUP = (
        "REPLACE_GROUP"  # params.replace_group: the run's layers in place of an earlier run's group
    )

    def add_convention_parameter(self) -> None:
        """The parameter CONVENTION: how codes above the leaves of the nomenclature (CS2.1.1, US6),
        INDETERMINE usages, nulls and unknown codes are read (``rules.CONVENTIONS``)."""
        # pylupdate5 misses a translate() call whose last argument ends with a comma
        # fmt: off
        self.add(
            params.convention(self.CONVENTION),
            QCoreApplication.translate(
                "OcsgeAlgorithm",
                "Indéterminé reported apart (default): a parent code (CS2.1.1, US4.1) stands for "
                "the leaves under it, a null, empty, INDETERMINE or unknown value for every leaf;"
                " a polygon is artificialised (or impermeable) when every leaf combination says "
                "so, not when none does, indéterminé otherwise (counted apart, never as "
                "non-artificialised: CS1.1.2.1 with an unknown usage, as US1.3 decides). As the "
                "national files: the rule of the pipeline behind the tables published on "
                "data.gouv.fr, to reproduce them: exact codes only (CS1.1.1.1, CS1.1.1.2, "
                "CS1.1.2.2 artificialised; CS1.1.2.1 unless the usage is US1.3; CS2.2.1 / CS2.2.2"
                " with the usages US2, US3, US5, US235, US4.x, US6.1, US6.2; impermeable "
                "CS1.1.1.1 and CS1.1.1.2); everything else, parents and unknown values included, "
                "neither. Codes are read after trimming spaces, case ignored. The convention is "
                "written in the report and the outputs' metadata."
            )
        )
        # fmt: on

    def convention(self, parameters, context) -> str:
        """The convention chosen in CONVENTION (the default when the algorithm has no such parameter
        value)."""
        if self.CONVENTION not in parameters:
            return CONVENTIONS[0]
        return CONVENTIONS[self.parameterAsEnum(parameters, self.CONVENTION, context)]

    DATABASE = "DATABASE"
    SCHEMA = "SCHEMA"

    def add_database_parameters(self) -> None:
        """The optional PostgreSQL connection and schema the published tables are also written
        into."""
        for param in params.database(self.DATABASE, self.SCHEMA):
            self.add(param, advanced=True)

    UNIT = "UNIT"
    CSV_DIALECT = "CSV_DIALECT"
    SIMPLIFY = "SIMPLIFY"
    WIDE = "WIDE"

    def add_published_parameters(self) -> None:
        """How the published files are written: UNIT, CSV_DIALECT, SIMPLIFY, WIDE
        (``params.published``)."""
        for param in params.published(self.UNIT, self.CSV_DIALECT, self.SIMPLIFY, self.WIDE):
            self.addParameter(param)

    def published_options(self, parameters, context) -> dict:
        """The choices of ``add_published_parameters``: unit, dialect, simplify, wide
        (``export.run_export``'s options)."""
        return dict(
            unit=params.UNITS[self.parameterAsEnum(parameters, self.UNIT, context)],
            dialect=params.DIALECTS[self.parameterAsEnum(parameters, self.CSV_DIALECT, context)],
            simplify=self.parameterAsBoolean(parameters, self.SIMPLIFY, context),
            wide=self.parameterAsBoolean(parameters, self.WIDE, context),
        )

    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    FILES = "FILES"

    def add_published_destination(self) -> None:
        """Where the published files go: OUTPUT_FOLDER and the optional database
        (``add_database_parameters``);
        the output FILES lists what was written."""
        self.addParameter(params.output_folder(self.OUTPUT_FOLDER))
        self.add_database_parameters()
        self.addOutput(
            QgsProcessingOutputString(
                self.FILES,
                QCoreApplication.translate("OcsgeAlgorithm", "Files written (JSON list)"),
            )
        )

    LAYERS = "LAYERS"

    def add_layers_output(self) -> None:
        """The output LAYERS: the layers loaded into the project (their sources)."""
        self.addOutput(
            QgsProcessingOutputMultipleLayers(
                self.LAYERS, QCoreApplication.translate("OcsgeAlgorithm", "Loaded layers")
            )
        )

    REPORT = "REPORT"

    def add_report_output(self, label: str = "") -> None:
        """The output REPORT: what the run did, as JSON (``label``, translated; default « Report
        (JSON) »)."""
        self.addOutput(
            QgsProcessingOutputString(
                self.REPORT, label or QCoreApplication.translate("OcsgeAlgorithm", "Report (JSON)")
            )
        )

    def database(self, parameters, context) -> tuple | None:
        """(connection, schema) chosen in DATABASE / SCHEMA, None for files only; the connection is
        tried
        at once (postgis.DatabaseError naming it when it cannot be reached)."""
        name = (
            self.parameterAsConnectionName(parameters, self.DATABASE, context)
            if parameters.get(self.DATABASE)
            else ""
        )
        if not name:
            return None
        conn = postgis.connection(name)
        postgis.open_database(conn)
        return conn, self.parameterAsSchema(parameters, self.SCHEMA, context) or "public"

    def output_sink(
        self, parameters, name: str, context: QgsProcessingContext, fields, wkb_type, crs
    ) -> OutputSink:
        """The feature sink ``name``, written so that the previous file survives any failure (see
        OutputSink)."""
        return OutputSink(self, parameters, name, context, fields, wkb_type, crs)

    def method_label(self, name: str, keys, key: str) -> str:
        """The short label (« Matrice + seuils ») of ``key`` in the method parameter ``name`` whose
        options follow ``keys``."""
        options = self.parameterDefinition(name).options()
        return options[list(keys).index(key)].split(" (")[0] if key in keys else key

    def name_outputs(self, context: QgsProcessingContext, dest_ids, suffix: str) -> None:
        """Add « – suffix » (millésimes, method) to the names of the output layers QGIS loads at the
        end."""
        for dest in dest_ids:
            if (
                suffix
                and isinstance(dest, str)
                and dest
                and context.willLoadLayerOnCompletion(dest)
            ):
                details = context.layerToLoadOnCompletionDetails(dest)
                details.name = f"{details.name} – {suffix}"

    def required_source(
        self, parameters, name: str, context: QgsProcessingContext, problem: str
    ) -> QgsProcessingFeatureSource:
        """The features of parameter ``name``; the run fails with ``problem`` (translated) when
        there are none."""
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise self.fail(problem)
        return source

    def fail(self, message: str) -> QgsProcessingException:
        """A user-facing error (already translated): no traceback in the log."""
        return QgsProcessingException(message)


def _cancel_is_an_error(process: Callable) -> Callable:
    @functools.wraps(process)
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        inputs = input_places(self, parameters, context)
        try:
            for path, kind, layer in destinations(self, parameters, context):
                files.check_destination(path, kind, layer, inputs)
        except files.OutputClash as error:
            raise self.fail(str(error)) from None
        with interrupt.watching(feedback), files.guarding(inputs):
            try:
                results = process(self, parameters, context, feedback)
            except files.OutputClash as error:  # a file named while writing (ocsge:export's tables)
                raise self.fail(str(error)) from None
        if feedback is not None and feedback.isCanceled():
            # pylupdate5 misses a translate() call whose last argument ends with a comma
            # fmt: off
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "OcsgeAlgorithm",
                    "Canceled: what was being written is removed, previous outputs are kept."
                )
            )
            # fmt: on
        return results

    return processAlgorithm


# The types of the parameters that read data; a file parameter an algorithm writes into is named in
# its WRITES_INTO (a download folder), and never compared as an input.
_READ = ("source", "vector", "raster", "layer", "multilayer", "file", "mesh", "pointcloud")


def input_places(
    alg: QgsProcessingAlgorithm, parameters, context: QgsProcessingContext
) -> list[files.Place]:
    """Every file and folder the run reads, from its parameters: layers (of the project or by path,
    a VRT followed to its files), files, folders and the deliveries' paths; what is not on disk
    (databases, memory layers, web services) is left out."""
    places: list[files.Place] = []
    for definition in alg.parameterDefinitions():
        name = definition.name()
        if (
            definition.isDestination()
            or definition.type() not in _READ
            or name in getattr(alg, "WRITES_INTO", ())
        ):
            continue
        for uri in _uris(parameters.get(name), context):
            places += [place for place in files.source_places(uri) if place not in places]
    return places


def _uris(value, context: QgsProcessingContext) -> list[str]:
    """The addresses of a parameter's value: a layer, a layer id, a path, several paths (';'), a
    list."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    if isinstance(value, (list, tuple)):
        return [uri for item in value for uri in _uris(item, context)]
    if isinstance(value, QgsMapLayer):
        return [value.source()]
    if not isinstance(value, str) or not value.strip():
        return []
    layer = QgsProcessingUtils.mapLayerFromString(value, context, False)
    if layer is not None:
        return [layer.source()]
    return [value] + (
        [part.strip().strip('"') for part in value.split(";") if part.strip()]
        if ";" in value
        else []
    )


def destinations(
    alg: QgsProcessingAlgorithm, parameters, context: QgsProcessingContext
) -> list[tuple]:
    """(path, files.Kind, layer) of every file and folder the run will write, from its destination
    parameters and the algorithm's ``extra_destinations``; temporary and database outputs left
    out."""
    found = []
    for definition in alg.destinationParameterDefinitions():
        name, kind = definition.name(), definition.type()
        value = parameters.get(name)
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = value.sink.staticValue()
        if (
            not isinstance(value, str)
            or not value
            or value == "TEMPORARY_OUTPUT"
            or value.startswith(("memory:", "postgres:", "postgis:"))
        ):
            continue
        if kind == "folderDestination":
            found.append(
                (alg.parameterAsString(parameters, name, context), files.Kind.FOLDER, None)
            )
        elif kind == "fileDestination":
            found.append(
                (alg.parameterAsFileOutput(parameters, name, context), files.Kind.FILE, None)
            )
        else:
            path, layer = files.split_uri(
                alg.parameterAsOutputLayer(parameters, name, context) or value
            )
            if path and layer:
                found.append((path, files.Kind.LAYER, layer))
            elif path and Path(path).suffix:
                found.append((path, files.Kind.FILE, None))
    extra = getattr(alg, "extra_destinations", None)
    return found + (extra(parameters, context) if extra is not None else [])


class OutputSink:
    """A feature sink whose file takes its place only when complete.

    For a file destination (a path; not a temporary, memory or database layer) QGIS writes into a
    temporary folder beside it, under the destination's own name (so a GeoPackage layer is named as
    the file); ``commit(expected)`` closes it, checks that the file holds the ``expected`` features
    (a full disk makes QGIS drop features without raising) and moves it, with a shapefile's
    companions, over the previous file (``files.OutputSet``). ``abort()``, or an error, removes it:
    the previous file is untouched. ``sink`` is None when the output was not asked for."""

    def __init__(
        self,
        alg: OcsgeAlgorithm,
        parameters,
        name: str,
        context: QgsProcessingContext,
        fields,
        wkb_type,
        crs,
    ):
        self.alg = alg
        self.dest = _plain_file(alg.file_destination(parameters, name, context))
        self.staged: files.OutputSet | None = None
        values = parameters
        if self.dest:
            try:
                self.staged = files.OutputSet(Path(self.dest).parent, create=False)
                values = dict(parameters)
                values[name] = str(self.staged.path(Path(self.dest).name))
            except OSError as error:
                raise alg.fail(files.write_error(self.dest, error)) from None
        try:
            self.sink, self.dest_id = alg.parameterAsSink(
                values, name, context, fields, wkb_type, crs
            )
        except QgsProcessingException as error:
            if self.staged is None:
                raise
            self.staged.abort()
            raise alg.fail(files.write_error(self.dest, error)) from None
        if self.staged is not None and self.sink is None:
            self.staged.abort()
            raise alg.fail(
                QCoreApplication.translate(
                    "OcsgeAlgorithm", "The output {path} could not be created."
                ).format(path=self.dest)
            )
        self.asked = self.sink is not None
        self.committed = False
        self.final_id = (
            self.dest if self.staged is not None else self.dest_id
        )  # what the results name
        if (
            self.staged is not None
        ):  # loaded on completion only: a failed or canceled run loads nothing
            alg.register_written_layer(parameters, name, context, self.dest)

    def verify(self, expected: int | None = None) -> None:
        """Close the sink and check its file: no feature refused by QGIS, ``expected`` features
        (when
        given). On a problem the file is removed and the error raised (a previous file is kept)."""
        if self.sink is None:
            return
        problem = (
            self.sink.lastError() if hasattr(self.sink, "lastError") else ""
        )  # a feature QGIS could not write
        self.sink = None  # closes the file
        if not problem and expected is not None and self.staged is not None:
            written = _feature_count(self.staged.staging / Path(self.dest).name)
            if written != expected:
                problem = QCoreApplication.translate(
                    "OcsgeAlgorithm", "{written} of {expected} features written (is the disk full?)"
                ).format(written=written, expected=expected)
        if problem:
            self.abort()
            raise self.alg.fail(
                files.write_error(self.dest, OSError(problem))
                if self.staged is not None
                else problem
            )

    def commit(self, expected: int | None = None) -> str | None:
        """``verify``, then put the file in place; its id for the results (None when not asked)."""
        if not self.asked:
            return None
        self.verify(expected)
        if self.staged is not None:
            try:
                self.staged.commit()
            except OSError as error:
                self.staged.abort()
                raise self.alg.fail(files.write_error(self.dest, error)) from None
        self.committed = True
        return self.final_id

    def failed(self, error: BaseException) -> BaseException:
        """After an error while writing: nothing kept; the error to raise (naming the file)."""
        self.abort()
        if self.staged is None or not isinstance(error, QgsProcessingException):
            return error
        return self.alg.fail(files.write_error(self.dest, error))

    def abort(self) -> None:
        """Remove what was written (nothing once committed)."""
        self.sink = None
        if self.committed:
            return
        if self.staged is not None:
            self.staged.abort()
        else:
            if isinstance(self.dest_id, str):
                files.remove_partial_file(self.dest_id)


def _plain_file(dest: str | None) -> str | None:
    """``dest`` when it is a file path (not ``memory:``, ``ogr:…``, ``postgres:…``, a layer in a
    file)."""
    if not dest or "|" in dest or not Path(dest).suffix:
        return None
    scheme = dest.split(":", 1)[0] if ":" in dest else ""
    return dest if len(scheme) <= 1 else None  # a Windows drive letter is not a provider


def _feature_count(path: Path) -> int:
    from osgeo import ogr

    try:
        ds = ogr.Open(str(path))
    except RuntimeError:
        ds = None
    if ds is None or ds.GetLayerCount() == 0:
        return -1
    return ds.GetLayer(0).GetFeatureCount()


# Keep post-processors alive until QGIS calls them (Python would otherwise collect them).
_POST_PROCESSORS: list = []


def keep_alive(
    post: QgsProcessingLayerPostProcessorInterface,
) -> QgsProcessingLayerPostProcessorInterface:
    """``post``, kept referenced until QGIS has called it."""
    _POST_PROCESSORS.append(post)
    return post


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Give an output layer its renderer when QGIS loads it (GUI only; qgis_process loads
    nothing)."""

    def __init__(self, renderer: Callable[[], object]):
        super().__init__()
        self.renderer = renderer

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if isinstance(layer, QgsVectorLayer) and layer.isSpatial():
            layer.setRenderer(self.renderer())
            layer.triggerRepaint()

    @classmethod
    def attach(
        cls, context: QgsProcessingContext, dest_id: str, renderer: Callable[[], object]
    ) -> None:
        if dest_id and context.willLoadLayerOnCompletion(dest_id):
            context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(
                keep_alive(cls(renderer))
            )


def stamp_convention(dest_id, convention: str) -> bool:
    """Write the convention in the metadata of an output GeoPackage layer (``convention``; read by
    ``gdalinfo`` / ``ogrinfo`` and QGIS's layer properties); False when the output is not a
    GeoPackage
    file (memory layer, shapefile…). Call once the sink is closed."""
    if not isinstance(dest_id, str) or not dest_id:
        return False
    path, _, rest = dest_id.partition("|")
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path):
        return False
    from osgeo import ogr

    name = rest.split("layername=", 1)[1].split("|")[0] if "layername=" in rest else None
    ds = ogr.Open(path, 1)
    if ds is None:
        return False
    layer = ds.GetLayerByName(name) if name else ds.GetLayer(0)
    if layer is None:
        return False
    layer.SetMetadataItem("convention", convention)
    ds = None
    return True


def undetermined_entry(layer: str, millesime, count: int, area_m2: float, **extra) -> dict:
    """One entry of the REPORT's ``indetermine`` list: a layer and millésime, its undetermined
    polygons (or change pieces) and their surface in hectares."""
    return {
        "couche": layer,
        "millesime": None if millesime is None else str(millesime),
        "nombre": int(count),
        "surface_ha": area_m2 / 10000.0,
        **extra,
    }


def log_undetermined(feedback, entries: list[dict]) -> None:
    """The undetermined surface and count per layer and millésime, in the log (always said, 0
    included)."""
    if feedback is None:
        return
    for entry in entries:
        text = tr(
            "Indéterminé, {layer} ({millesime}): {count} polygon(s) or piece(s), {area:.4f} ha."
        ).format(
            layer=entry["couche"],
            millesime=entry["millesime"] or "?",
            count=entry["nombre"],
            area=entry["surface_ha"],
        )
        (feedback.pushWarning if entry["nombre"] else feedback.pushInfo)(text)


def place_in_group(layer, project, group, rank: float = 0.0, visible: bool = True) -> None:
    """Put ``layer`` (in the project's layer tree or not yet) into ``group``: a layer tree group, or
    the
    name of one (made on top of the tree when missing), after the layers of lower ``rank``, checked
    or not."""
    root = project.layerTreeRoot()
    if isinstance(group, str):
        group = root.findGroup(group) or root.insertGroup(0, group)
    index = len(
        [
            child
            for child in group.children()
            if float(child.customProperty("ocsge/rank", 0.0)) <= rank
        ]
    )
    node = root.findLayer(layer.id())
    if node is None:
        placed = group.insertLayer(index, layer)
    else:
        placed = node.clone()
        group.insertChildNode(index, placed)
        node.parent().removeChildNode(node)
    placed.setCustomProperty("ocsge/rank", rank)
    placed.setItemVisibilityChecked(visible)


def number(value, decimals: int = 2) -> str:
    """A figure as people read it in the language of QGIS: rounded, with its separators (« 1 234,56
    »)."""
    from qgis.PyQt.QtCore import QLocale

    return QLocale().toString(float(value), "f", decimals)


def log_table(
    feedback, title: str, headers: list[str], rows: list[list], decimals: int = 2
) -> None:
    """A small table in the algorithm's log (aligned in QGIS's monospaced command style): text left,
    figures right and rounded."""
    cells = [[str(h) for h in headers]] + [
        [
            v if isinstance(v, str) else (str(v) if isinstance(v, int) else number(v, decimals))
            for v in row
        ]
        for row in rows
    ]
    numeric = [all(not isinstance(row[i], str) for row in rows) for i in range(len(headers))]
    widths = [max(len(line[i]) for line in cells) for i in range(len(headers))]
    lines = []
    for line in cells:
        padded = [
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(line, widths, numeric)
        ]
        lines.append(
            "  ".join(padded).rstrip().replace(" ", "\u00a0")
        )  # no-break spaces: HTML keeps them
    feedback.pushInfo(title)
    feedback.pushCommandInfo("\n".join(lines))


def named_algorithms(text: str) -> str:
    """``text`` with every algorithm id (ocsge:load) given as the toolbox names it (« Charger …
    »)."""
    from qgis.core import QgsApplication

    def name(match: re.Match) -> str:
        alg = QgsApplication.processingRegistry().algorithmById(match.group(0))
        return f"« {alg.displayName()} »" if alg is not None else match.group(0)

    return _ALGORITHM_ID.sub(name, text)


def _group_labels_for_translation() -> None:  # pragma: no cover - read by pylupdate5 only
    QCoreApplication.translate("OcsgeAlgorithm", "Data")
    QCoreApplication.translate("OcsgeAlgorithm", "Computation")
    QCoreApplication.translate("OcsgeAlgorithm", "Territories and export")
