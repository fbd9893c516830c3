"""What every algorithm of the provider shares: translation, instance creation, help, groups; the
styling of output layers when QGIS loads them."""

from __future__ import annotations

import functools
import html
import json
import os
import re
import time
import uuid
from pathlib import Path
from typing import Callable

from qgis.core import (
    QgsMapLayer,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputFile,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingOutputString,
    QgsProcessingParameterDefinition,
    QgsProcessingUtils,
    QgsProperty,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..ocsge_plugin.core import compat, guide
from ..ocsge_plugin.core.definitions import CONVENTIONS
from ..ocsge_plugin.core.errors import Canceled
from ..ocsge_plugin.core.i18n import tr
from ..ocsge_plugin.domain.correspondence import (
    Correspondence,
    CorrespondenceError,
    read_correspondence,
)
from ..ocsge_plugin.domain.nomenclature import RESOURCES
from ..ocsge_plugin.storage import files, interrupt, keeping, postgis
from . import params, sinks
from .help_texts import HELP
from .parameter_help import MISSING, PARAMETER_HELP

__all__ = [
    "ICONS",
    "TAGS",
    "OcsgeAlgorithm",
    "guide_links",
    "named_algorithms",
    "place_in_group",
]


def guide_links(anchor: str) -> str:
    """The help's last paragraph: the guide installed with the plugin, then its online copy (when
    the project has a published address)."""
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
    error helper.

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

    def addParameter(self, param, createOutput=True):  # noqa: N802, N803
        """QGIS's, with a folder or file output proposed beside the saved project in the dialog
        (``params.propose_beside_project``)."""
        params.propose_beside_project(param, self.name())
        return super().addParameter(param, createOutput)

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
        names the toolbox shows; plain text (the HTML or Markdown is made from it)."""
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
        itself (a plain path; None for a temporary or memory layer, a layer inside a database, a
        URI)."""
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
        completion when the user asked for it (the output definition names a project)."""
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
        """Add ``param`` with its help (``help_text``, translated; empty: the algorithm's own
        help of that parameter in ``parameter_help.PARAMETER_HELP``, else the help ``params`` gave
        it), under Advanced parameters when ``advanced``."""
        own = PARAMETER_HELP.get(self.ID, {}).get(param.name())
        if help_text or own:
            param.setHelp(help_text or tr(own))
        if advanced:
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(param)
        return param

    def add_table(
        self, name: str, label: str, help_text: str = "", by_default: bool = True
    ) -> None:
        """An optional output table without geometry (``label``, ``help_text`` translated; empty:
        the algorithm's own help, as ``add``), written unless the user unchecks it (``by_default``:
        checked at first)."""
        self.add(params.sink(name, label, params.TABLES, True, by_default), help_text)

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
        for param in params.correspondence(self.CORRESPONDANCE, self.CORRESPONDANCE_FIELD):
            self.add(param, advanced=True)

    def convention(self, parameters, context) -> str:
        """The convention chosen in CONVENTION (the default when the algorithm has no such
        parameter value), or the correspondence table given in CORRESPONDANCE, reading the codes
        of the field CORRESPONDANCE_FIELD (``correspondence.read_correspondence``)."""
        path = self.parameterAsFile(parameters, self.CORRESPONDANCE, context)
        if path and self.parameterDefinition(self.CORRESPONDANCE) is not None:
            return self.correspondence(path, parameters, context)
        if self.CONVENTION not in parameters:
            return CONVENTIONS[0]
        return CONVENTIONS[self.parameterAsEnum(parameters, self.CONVENTION, context)]

    CORRESPONDANCE = "CORRESPONDANCE"
    CORRESPONDANCE_FIELD = "CORRESPONDANCE_FIELD"

    def correspondence(self, path: str, parameters, context) -> Correspondence:
        """The correspondence table at ``path`` for the field CORRESPONDANCE_FIELD; a
        QgsProcessingException naming what is wrong."""
        field = (
            self.parameterAsString(parameters, self.CORRESPONDANCE_FIELD, context) or ""
        ).strip()
        if not field:
            raise self.fail(
                self.tr(
                    "A correspondence table is given without the code field: name the layers' "
                    "field holding the codes it lists (CORRESPONDANCE_FIELD)."
                )
            )
        try:
            return read_correspondence(path).for_field(field)
        except CorrespondenceError as error:
            raise self.fail(str(error)) from None

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
        """The output REPORT: what the run did, a JSON file (``label``, translated; default «
        Report (JSON) »), written by :meth:`write_report`. A file, not a text: qgis_process and
        the results panel show its path, not its lines."""
        self.addOutput(
            QgsProcessingOutputFile(
                self.REPORT, label or QCoreApplication.translate("OcsgeAlgorithm", "Report (JSON)")
            )
        )

    def write_report(self, parameters, context, report: dict) -> str:
        """Write ``report`` as the REPORT file (:func:`report_path`: in the output folder, else
        :func:`kept_report`), put in place whole; returns its path, the value of the output
        REPORT."""
        path = report_path(self, parameters, context) or kept_report(self.name())
        path.parent.mkdir(parents=True, exist_ok=True)
        with files.replacing(path) as written:
            written.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        return str(path)

    def database(self, parameters, context) -> tuple | None:
        """(connection, schema) chosen in DATABASE / SCHEMA, None for files only; the connection
        is tried at once (postgis.DatabaseError naming it when it cannot be reached)."""
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
    ) -> sinks.OutputSink:
        """The feature sink ``name``, written so that the previous file survives any failure (see
        OutputSink)."""
        return sinks.OutputSink(self, parameters, name, context, fields, wkb_type, crs)

    def method_label(self, name: str, keys, key: str) -> str:
        """The short label (« Matrice + seuils ») of ``key`` in the method parameter ``name``
        whose options follow ``keys``."""
        options = self.parameterDefinition(name).options()
        return options[list(keys).index(key)].split(" (")[0] if key in keys else key

    def name_outputs(self, context: QgsProcessingContext, dest_ids, suffix: str) -> None:
        """Add « – suffix » (millésimes, method) to the names of the output layers QGIS loads at
        the end."""
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
        self, parameters, name: str, context: QgsProcessingContext, problem: str = ""
    ) -> QgsProcessingFeatureSource:
        """The features of parameter ``name``; the run fails with ``problem`` (translated; empty:
        what is missing, ``parameter_help.MISSING``) when there are none."""
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise self.fail(problem or tr(MISSING[self.ID][name]))
        return source

    def attempt(self, feedback, errors, call: Callable, *args):
        """``call(*args)``, the run's pipeline: one of its ``errors`` (a core's error class, or a
        tuple of them; a translated message) ends the run with that message, without traceback; a
        cancel says so in the log (``canceled``) and gives None."""
        try:
            return call(*args)
        except errors as error:
            raise self.fail(str(error)) from None
        except Canceled:
            self.canceled(feedback)
            return None

    def canceled(self, feedback) -> dict:
        """What a canceled run returns (no outputs), « Canceled. » said in the log."""
        feedback.reportError(QCoreApplication.translate("OcsgeAlgorithm", "Canceled."))
        return {}

    def fail(self, message: str) -> QgsProcessingException:
        """A user-facing error (already translated): no traceback in the log."""
        return QgsProcessingException(message)


def _make_parents(found: list[tuple]) -> None:
    """Make the missing folder of a file or layer output in the folder ocsge beside the saved
    project, where the dialog proposes them (QGIS would fail to create the file); elsewhere a
    missing folder stays the user's error (a typo is not made into folders)."""
    proposed = params.proposed_folder()
    if proposed is None:
        return
    for path, kind, _layer in found:
        if kind in (files.Kind.FILE, files.Kind.LAYER) and Path(path).is_relative_to(proposed):
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                pass  # QGIS says it cannot write there


def _cancel_is_an_error(process: Callable) -> Callable:
    @functools.wraps(process)
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        inputs = input_places(self, parameters, context)
        try:
            found = destinations(self, parameters, context)
            for path, kind, layer in found:
                files.check_destination(path, kind, layer, inputs)
        except files.OutputClash as error:
            raise self.fail(str(error)) from None
        _make_parents(found)
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
    """(path, files.Kind, layer) of every file and folder the run will write, from its
    destination parameters, its REPORT file (:func:`report_path`) and the algorithm's
    ``extra_destinations``; temporary and database outputs left out."""
    found = _parameter_destinations(alg, parameters, context)
    report = report_path(alg, parameters, context)
    if report is not None:
        found.append((str(report), files.Kind.FILE, None))
    extra = getattr(alg, "extra_destinations", None)
    return found + (extra(parameters, context) if extra is not None else [])


REPORT_FILE = "rapport_{algorithm}.json"  # in an output folder
REPORTS = "rapports"  # the reports of runs without an output folder, in the plugin's data folder
REPORT_DAYS = 30  # how long they are kept there


def kept_report(algorithm: str) -> Path:
    """A new file ``rapport_<algorithm>_<date>_<time>_<n>.json`` in the folder ``rapports`` of the
    plugin's data folder (``keeping.data_dir``), for a run without an output folder: it outlives
    qgis_process, whose temporary folder goes with it, and adds nothing to a user's folder. The
    reports there older than :data:`REPORT_DAYS` days are removed."""
    folder = keeping.data_dir() / REPORTS
    limit = time.time() - REPORT_DAYS * 86400
    for old in folder.glob("rapport_*.json") if folder.is_dir() else ():
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            pass  # another run's, or gone already
    stamp = time.strftime("%Y%m%d_%H%M%S")
    return folder / f"rapport_{algorithm}_{stamp}_{os.getpid()}{uuid.uuid4().hex[:6]}.json"


def report_path(
    alg: QgsProcessingAlgorithm, parameters, context: QgsProcessingContext
) -> Path | None:
    """Where the REPORT file of ``alg`` goes: ``rapport_<algorithm>.json`` in the run's output
    folder (the folder is the run's); None when the algorithm has no REPORT or no output folder
    (:func:`kept_report` then: never a file added beside a user's layer). Folder parameters only:
    asking a layer output's path again (``parameterAsOutputLayer``) would register it anew for
    loading, its style post-processor lost."""
    if alg.outputDefinition(OcsgeAlgorithm.REPORT) is None:
        return None
    for definition in alg.destinationParameterDefinitions():
        value = parameters.get(definition.name())
        if (
            definition.type() == "folderDestination"
            and isinstance(value, str)
            and value
            and value != "TEMPORARY_OUTPUT"
        ):
            folder = alg.parameterAsString(parameters, definition.name(), context)
            return Path(folder) / REPORT_FILE.format(algorithm=alg.name())
    return None


def _parameter_destinations(
    alg: QgsProcessingAlgorithm, parameters, context: QgsProcessingContext
) -> list[tuple]:
    """(path, files.Kind, layer) of the files and folders named by the destination parameters."""
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
    return found


def place_in_group(layer, project, group, rank: float = 0.0, visible: bool = True) -> None:
    """Put ``layer`` (in the project's layer tree or not yet) into ``group``: a layer tree group,
    or the name of one (made on top of the tree when missing), after the layers of lower
    ``rank``, checked or not."""
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
