"""The parameters several algorithms share, declared once: one factory each, one label and one
help each, one translation context (the core's, ``@default``). An algorithm gives its own help
only where the parameter does something else there (``OcsgeAlgorithm.add(param, help_text)``: the
method, which each algorithm applies to other data, and what the unit and the coverage change in
its outputs); the choices' keys (``METHODS``, ``UNITS``, ``DIALECTS``, ``CONVENTIONS``) are the
core's."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDatabaseSchema,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterProviderConnection,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QThread

from ..ocsge_plugin.computing.communes import CommuneFields, commune_fields
from ..ocsge_plugin.core.definitions import AUTO, CONVENTIONS, Level
from ..ocsge_plugin.core.definitions import METHODS as CORE_METHODS
from ..ocsge_plugin.core.i18n import tr
from ..ocsge_plugin.pipelines.diagnostic import DiagnosticOptions
from ..ocsge_plugin.storage import files
from .deliveries import deliveries_parameter

METHODS = (AUTO,) + CORE_METHODS  # the METHOD parameter's choices, in order
UNITS = ("ha", "m2")
DIALECTS = ("comma", "semicolon")
__all__ = [
    "DiagnosticInputs",
    "DIALECTS",
    "METHODS",
    "POLYGONS",
    "TABLES",
    "UNITS",
    "choice",
    "commune_layer",
    "commune_table",
    "convention",
    "correspondence",
    "couverture_field",
    "consumption_file",
    "coverage",
    "csv_file",
    "database",
    "diagnostic_inputs",
    "field",
    "file",
    "file_output",
    "flag",
    "folder",
    "layer",
    "layers",
    "levels",
    "membership",
    "method",
    "output_folder",
    "passage",
    "propose_beside_project",
    "proposed_folder",
    "published",
    "reduction_rate",
    "replace_group",
    "sink",
    "source",
    "text",
    "trajectory_convention",
    "unit",
    "usage_field",
    "year",
]


# The kinds of layers a source or a sink holds.
POLYGONS = QgsProcessing.SourceType.TypeVectorPolygon
TABLES = QgsProcessing.SourceType.TypeVector  # any vector layer, a table without geometry included


# One factory a kind of parameter, so that an algorithm declares a parameter in one line (as QGIS's
# own Python algorithms and QuickOSM do); its help comes with ``OcsgeAlgorithm.add``.
def source(
    name: str, label: str, kind=POLYGONS, optional: bool = False
) -> QgsProcessingParameterFeatureSource:
    """A layer the algorithm reads (polygons by default)."""
    return QgsProcessingParameterFeatureSource(name, label, [kind], optional=optional)


def sink(
    name: str, label: str, kind=POLYGONS, optional: bool = False, by_default: bool = True
) -> QgsProcessingParameterFeatureSink:
    """A layer the algorithm writes (polygons by default); an optional one is written unless
    the user unchecks it (``by_default``)."""
    return QgsProcessingParameterFeatureSink(
        name, label, kind, optional=optional, createByDefault=by_default
    )


def choice(
    name: str, label: str, options: list[str], default=0, multiple=False, optional=False
) -> QgsProcessingParameterEnum:
    """One of ``options`` (labels, translated), the first by default; several when
    ``multiple`` (``default``: a list of indexes)."""
    return QgsProcessingParameterEnum(name, label, options, multiple, default, optional)


def levels(name: str, label: str, keys, default=None, more: tuple[str, ...] = ()):
    """Levels of territories (``keys``: ``definitions.Level`` values, in the parameter's
    order; labels ``more`` after them): several, all but ``more`` by default; one when
    ``default`` is an index."""
    labels = {
        Level.COMMUNE: tr("Commune"),
        Level.EPCI: tr("EPCI"),
        Level.SCOT: tr("SCoT"),
        Level.DEPARTEMENT: tr("Département"),
        Level.REGION: tr("Région"),
    }
    options = [labels[key] for key in keys] + list(more)
    if default is not None:
        return choice(name, label, options, default)
    return choice(name, label, options, list(range(len(keys))), multiple=True)


def field(name: str, label: str, parent: str, default=None, optional=False, multiple=False):
    """A field of the layer parameter ``parent`` (several when ``multiple``)."""
    any_kind = QgsProcessingParameterField.DataType.Any
    return QgsProcessingParameterField(name, label, default, parent, any_kind, multiple, optional)


def layer(name: str, label: str, optional: bool = False) -> QgsProcessingParameterVectorLayer:
    """A polygon layer read as a whole (not a selection of its features)."""
    return QgsProcessingParameterVectorLayer(name, label, [POLYGONS], optional=optional)


def year(name: str, label: str) -> QgsProcessingParameterNumber:
    """A year (1950 to 2100), optional."""
    integer = QgsProcessingParameterNumber.Type.Integer
    return QgsProcessingParameterNumber(
        name, label, integer, optional=True, minValue=1950, maxValue=2100
    )


def layers(name: str, label: str, optional: bool = False) -> QgsProcessingParameterMultipleLayers:
    """Several polygon layers."""
    return QgsProcessingParameterMultipleLayers(name, label, POLYGONS, optional=optional)


def flag(name: str, label: str, default: bool, advanced: bool = False, optional: bool = False):
    """A check box, under Advanced parameters when ``advanced``."""
    param = QgsProcessingParameterBoolean(name, label, defaultValue=default, optional=optional)
    return _advanced(param, advanced)


def text(name: str, label: str, default=None, optional: bool = False):
    """A line of text."""
    return QgsProcessingParameterString(name, label, defaultValue=default, optional=optional)


def file(name: str, label: str, file_filter: str = "", optional: bool = True):
    """A file the algorithm reads (of ``file_filter``'s kinds), optional by default."""
    return QgsProcessingParameterFile(name, label, fileFilter=file_filter, optional=optional)


def folder(name: str, label: str, advanced: bool = False) -> QgsProcessingParameterFile:
    """An existing folder, optional (empty: the algorithm's own place)."""
    folder_kind = QgsProcessingParameterFile.Behavior.Folder
    param = QgsProcessingParameterFile(name, label, behavior=folder_kind, optional=True)
    return _advanced(param, advanced)


def file_output(name: str, label: str, file_filter: str) -> QgsProcessingParameterFileDestination:
    """A file the algorithm writes, optional and asked for by default."""
    return QgsProcessingParameterFileDestination(
        name, label, file_filter, optional=True, createByDefault=True
    )


def _advanced(param: QgsProcessingParameterDefinition, advanced: bool = True):
    """``param``, under Advanced parameters when ``advanced``."""
    if advanced:
        param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    return param


def _choice(
    name: str, label: str, keys: tuple[str, ...], labels: dict[str, str]
) -> QgsProcessingParameterEnum:
    """One of ``keys`` (the core's, in the order of the parameter's values), shown by its label;
    the first by default."""
    return QgsProcessingParameterEnum(
        name, label, options=[labels[key] for key in keys], defaultValue=0
    )


def method(name: str) -> QgsProcessingParameterEnum:
    """How artificialisation is decided (``METHODS``), automatic by default."""
    labels = {
        AUTO: tr("Automatic (IGN's artificialisation when present, else matrix + thresholds)"),
        "ign": tr("IGN (artificialisation layers)"),
        "matrice": tr("Matrice (couverture × usage only)"),
        "matrice_seuils": tr("Matrice + seuils (the décret's thresholds)"),
    }
    return _choice(name, tr("Artificialisation method"), METHODS, labels)


def convention(name: str) -> QgsProcessingParameterEnum:
    """How codes above the leaves, INDETERMINE usages, nulls and unknown codes are read
    (``CONVENTIONS``)."""
    labels = {
        "indetermine": tr(
            "Count apart what is undetermined (a parent code stands for the codes under it)"
        ),
        "national": tr(
            "As the national files (exact codes only, the rest neither artificialised "
            "nor impermeable)"
        ),
    }
    return _choice(name, tr("Imprecise codes (parents, INDETERMINE, empty)"), CONVENTIONS, labels)


def correspondence(table_name: str, field_name: str) -> list[QgsProcessingParameterDefinition]:
    """The correspondence table of a regional base (CSV, optional) and the layers' field holding
    its codes (text: the layers may be several, or deliveries)."""
    table = QgsProcessingParameterFile(
        table_name,
        tr("Correspondence table of a regional base (CSV)"),
        fileFilter=tr("CSV files (*.csv *.txt);;All files (*.*)"),
        optional=True,
    )
    table.setHelp(
        tr(
            "For a land-cover base other than OCS GE (a regional base, Corine Land Cover): a CSV "
            "file (';' or ',', UTF-8 or Latin-1) with the columns code, artificialise, "
            "impermeable (values oui, non, indetermine) and libelle (optional); lines "
            "'# nom: …' and '# source: …' before the header name the table and the document "
            "it follows. Each polygon's code is read through the table instead of the "
            "couverture × usage matrix (no thresholds): a code the table says indetermine, or "
            "does not list, is counted apart as indéterminé, never as non-artificialised, "
            "and the unlisted codes are reported with their surface. The table's name is "
            "written where the convention is (report, metadata, convention column). "
            "Shipped: resources/correspondances/clc_niveau1.csv (Corine Land Cover)."
        )
    )
    field = QgsProcessingParameterString(
        field_name, tr("Code field of the regional base"), optional=True
    )
    field.setHelp(
        tr(
            "The layers' field holding the codes the correspondence table lists (e.g. "
            "code_n2, CODE_18); required with the table, case ignored. A layer with this field "
            "is read as the base's layer of its millésime (a millesime field, or a year "
            "alone in its name: mos_2021); in the diagnostic, files and folders given as "
            "deliveries whose layers have it are read so."
        )
    )
    return [table, field]


def _helped(
    param: QgsProcessingParameterDefinition, help_text: str
) -> QgsProcessingParameterDefinition:
    """``param`` with its help, the same for every algorithm that adds it."""
    param.setHelp(help_text)
    return param


def couverture_field(name: str, parent: str) -> QgsProcessingParameterField:
    """The couverture code's field of the layer ``parent``: code_cs by default."""
    help_text = tr(
        "Field holding the couverture code (CS1.1.1.1 …). Default code_cs, as "
        "ocsge:load names it; when absent, couverture is tried."
    )
    return _helped(field(name, tr("Couverture field"), parent, "code_cs", True), help_text)


def usage_field(name: str, parent: str) -> QgsProcessingParameterField:
    """The usage code's field of the layer ``parent``: code_us by default."""
    help_text = tr(
        "Field holding the usage code (US1.1 …). Default code_us, as ocsge:load "
        "names it; when absent, usage is tried."
    )
    return _helped(field(name, tr("Usage field"), parent, "code_us", True), help_text)


def commune_table(name: str) -> QgsProcessingParameterFeatureSource:
    """The communes with their stocks and flows, as ocsge:aggregate (or ocsge:rollup) writes
    them."""
    return _helped(
        QgsProcessingParameterFeatureSource(
            name, tr("Commune table"), [QgsProcessing.SourceType.TypeVector]
        ),
        tr(
            "The communes with their stocks and flows (code = INSEE code): "
            "ocsge:aggregate on communes, or the commune output of ocsge:rollup."
        ),
    )


def membership(name: str) -> QgsProcessingParameterFile:
    """The commune → EPCI, SCoT, département, région table (CSV, XLSX, ODS), optional."""
    file_filter = tr("Membership tables (*.csv *.xlsx *.ods *.zip *.txt);;All files (*.*)")
    return _helped(
        QgsProcessingParameterFile(
            name, tr("Membership table (CSV or XLSX)"), fileFilter=file_filter, optional=True
        ),
        tr(
            "INSEE's table d'appartenance géographique des communes (XLSX as published, "
            "or CSV: CODGEO, DEP, REG, EPCI…), "
            "or the plugin's CSV (commune_code, epci_code, epci_nom, departement_code, "
            "region_code; scot_code, scot_nom optional). "
            "Without it, the commune layer's fields are used (ADMIN EXPRESS: SIREN_EPCI, "
            "INSEE_DEP, INSEE_REG; or epci_code…)."
        ),
    )


def unit(name: str) -> QgsProcessingParameterEnum:
    """The unit of surfaces and flows (``UNITS``), hectares by default."""
    return _helped(
        _choice(
            name,
            tr("Unit of surfaces"),
            UNITS,
            {"ha": tr("Hectares"), "m2": tr("Square metres (national files)")},
        ),
        tr("Hectares by default; m² as in the national files. Stated in the GeoPackage metadata."),
    )


def published(
    unit_name: str, dialect_name: str, simplify_name: str, wide_name: str
) -> list[QgsProcessingParameterDefinition]:
    """How the published files are written: the unit (``UNITS``), the CSV separators
    (``DIALECTS``), simplified outlines, the "by index" layout."""
    dialect = _choice(
        dialect_name,
        tr("CSV separators"),
        DIALECTS,
        {
            "comma": tr("Comma and decimal point (, .)"),
            "semicolon": tr("Semicolon and decimal comma (; ,)"),
        },
    )
    simplify = QgsProcessingParameterBoolean(
        simplify_name, tr("Simplify outlines (shared boundaries kept)"), defaultValue=True
    )
    wide = QgsProcessingParameterBoolean(
        wide_name,
        tr('Also one row per territory (columns by millésime, "by index")'),
        defaultValue=False,
    )
    return [
        unit(unit_name),
        _helped(
            dialect, tr("',' with '.' decimals, or ';' with ',' decimals for French spreadsheets.")
        ),
        _helped(
            simplify,
            tr(
                "50 m for communes, 250 m for EPCI and SCoT, 1,500 m for départements "
                "and régions; neighbours keep their shared boundary."
            ),
        ),
        _helped(
            wide,
            tr(
                "One row per territory: millesimes_1, pourcent_artif_1, surface_artif_1, "
                "…, flux_surface_1_2, flux_percent_1_2."
            ),
        ),
    ]


def consumption_file(name: str, optional: bool = False) -> QgsProcessingParameterFile:
    """Cerema's commune file of NAF consumption (CSV, GeoPackage or Shapefile); each algorithm
    gives its own help."""
    file_filter = "CSV, GeoPackage, Shapefile (*.csv *.gpkg *.shp)"
    return file(name, tr("Consumption file (Cerema)"), file_filter, optional)


def trajectory_convention(name: str) -> QgsProcessingParameterEnum:
    """How the ZAN trajectory is computed (``consumption.CONSUMPTION_CONVENTIONS``): the law's
    by default, or as the national table; each algorithm gives its own help."""
    conventions = [tr("The law (default)"), tr("As the national « Trajectoires ZAN » table")]
    return choice(name, tr("Convention of the trajectory"), conventions)


def passage(name: str) -> QgsProcessingParameterFile:
    """INSEE's table between two COG vintages (CSV), optional; each algorithm gives its own
    help."""
    return csv_file(name, tr("INSEE table de passage"))


def csv_file(name: str, label: str) -> QgsProcessingParameterFile:
    """A CSV file the algorithm reads, optional."""
    return QgsProcessingParameterFile(name, label, extension="csv", optional=True)


def reduction_rate(name: str) -> QgsProcessingParameterNumber:
    """The reduction of NAF consumption for 2021–2030 against 2011–2020, in %: 50 by default (the
    law's); each algorithm gives its own help."""
    return QgsProcessingParameterNumber(
        name,
        tr("Reduction rate (%)"),
        QgsProcessingParameterNumber.Type.Double,
        defaultValue=50.0,
        minValue=0.0,
        maxValue=100.0,
    )


def coverage(name: str) -> QgsProcessingParameterBoolean:
    """Whether every polygon is read for the share covered by OCS GE (an advanced parameter)."""
    return flag(name, tr("Compute the share covered by OCS GE"), True, advanced=True)


def output_folder(name: str) -> QgsProcessingParameterFolderDestination:
    """The folder the published files are written into."""
    return _helped(
        QgsProcessingParameterFolderDestination(name, tr("Output folder")),
        tr(
            "Where the files are written; files of the same names in it are replaced, "
            "nothing else is touched. When the project is saved, the dialog proposes a "
            "folder in ocsge beside it (a new one rather than a folder of yours)."
        ),
    )


def database(connection_name: str, schema_name: str) -> list[QgsProcessingParameterDefinition]:
    """The PostgreSQL connection (QGIS's saved connections) and the schema the published tables are
    also written into; both optional (files only by default)."""
    connection = QgsProcessingParameterProviderConnection(
        connection_name, tr("PostgreSQL database"), "postgres", optional=True
    )
    connection.setHelp(
        tr(
            "One of QGIS's saved PostgreSQL connections (or, from qgis_process, a "
            "connection string host=… dbname=… user=…): the "
            "published tables are also written into the schema below, all replaced in "
            "one transaction (an error leaves the previous tables)."
        )
    )
    schema = QgsProcessingParameterDatabaseSchema(
        schema_name, tr("Schema"), connection_name, defaultValue="public", optional=True
    )
    schema.setHelp(
        tr(
            "An existing schema of that database; tables of the same names that the "
            "plugin wrote are replaced, no other."
        )
    )
    return [connection, schema]


def replace_group(name: str) -> QgsProcessingParameterBoolean:
    """Whether this run's group of layers replaces the group of an earlier run of the same
    territory and millésimes (``groups.RunGroup``); unchecked by default: a new group per run."""
    return _helped(
        QgsProcessingParameterBoolean(
            name,
            tr("Replace the group of an earlier run (same territory and millésimes)"),
            defaultValue=False,
        ),
        tr(
            "Unchecked: each run adds its own group of layers to the project, named "
            "after the territory, the millésimes "
            "and the date and time of the run. Checked: the group an earlier run made "
            "for the same territory and "
            "millésimes is removed from the project, with its layers (not their files), "
            "and this run's group takes its place."
        ),
    )


def proposed_folder() -> Path | None:
    """The folder ocsge beside the saved project, where the dialogs propose outputs; None when the
    project is not saved."""
    project = QgsProject.instance()
    if not project.fileName() or not project.homePath():
        return None
    return Path(project.homePath()) / "ocsge"


def propose_beside_project(param: QgsProcessingParameterDefinition, name: str) -> None:
    """In the dialog, a folder, PDF or layer output ``param`` proposes a place in the folder ocsge
    beside the saved project (``<project>/ocsge/<name>``, ``<name>_2``… when taken: never a user's
    folder, ``files.default_output``; a layer: a GeoPackage named after its label in that folder,
    only when the output is made by default); nothing when no project is saved (QGIS's temporary
    output). Only the dialog's starting value: scripts, models and qgis_process are unchanged."""
    folder = proposed_folder() if _main_thread() else None
    if folder is None:
        return
    if param.type() == "folderDestination":
        path = files.default_output(folder, name)
    elif param.type() == "fileDestination" and "pdf" in param.fileFilter().lower():
        path = files.default_output(folder, name, ".pdf", beside="_donnees")
    elif param.type() == "sink" and param.createByDefault():  # not one the user must ask for
        path = files.default_output(folder, name) / f"{_slug(param.description())}.gpkg"
    else:
        return
    param.setGuiDefaultValueOverride(str(path))


def _main_thread() -> bool:
    """Whether this runs in QGIS's main thread (where a dialog builds its algorithm)."""
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


def _slug(text: str) -> str:
    """A file name from a label: « Surfaces par classe » → surfaces_par_classe."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "sortie"


# Fields of the plugin's own outputs (published tables, aggregations): such a layer is not the
# commune layer a planner means, even when it has a commune code.
_OUTPUT_FIELDS = ("pourcent_artif", "surface_artif", "flux_artif", "flux_artif_net_par_ha")


def commune_layer(project: QgsProject | None = None) -> str | None:
    """The id of the project's commune layer: the first polygon layer of the layers panel with an
    INSEE code field (``commune_fields``) and none of the plugin's output fields; None when none."""
    if project is None and not _main_thread():
        return None  # an instance made in a task (a child algorithm): no dialog, no project read
    project = project or QgsProject.instance()
    for node in project.layerTreeRoot().findLayers():
        layer = node.layer()
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            continue
        if layer.geometryType() != QgsWkbTypes.GeometryType.PolygonGeometry:
            continue
        names = layer.fields().names()
        if any(name.lower() in _OUTPUT_FIELDS for name in names):
            continue
        if commune_fields(names).code is not None:
            return layer.id()
    return None


class DiagnosticInputs:
    """The names of the parameters :func:`diagnostic_inputs` adds, for the algorithms that take
    them (diagnostic, national diagnostic, portrait): a mixin before ``OcsgeAlgorithm``; and what
    the diagnostic and the national diagnostic read of them alike (COVERAGE is theirs only)."""

    INPUT = "INPUT"
    LAYERS = "LAYERS"
    COMMUNES = "COMMUNES"
    CODE_FIELD = "CODE_FIELD"
    NAME_FIELD = "NAME_FIELD"
    MEMBERSHIP = "MEMBERSHIP"
    METHOD = "METHOD"
    COVERAGE = "COVERAGE"

    def diagnostic_options(self, parameters, context) -> DiagnosticOptions:
        """METHOD, COVERAGE, the convention and the published files' choices, as the diagnostic
        reads them (the database is tried later, by the run)."""
        return DiagnosticOptions(
            method=METHODS[self.parameterAsEnum(parameters, self.METHOD, context)],
            coverage=self.parameterAsBoolean(parameters, self.COVERAGE, context),
            convention=self.convention(parameters, context),
            **self.published_options(parameters, context),
        )

    def chosen_commune_fields(self, parameters, names: list[str], context) -> CommuneFields:
        """The commune layer's code, name and membership fields among ``names``: those chosen in
        CODE_FIELD and NAME_FIELD, else recognised; refused when there is no code field."""
        code = self.field_parameter(parameters, self.CODE_FIELD, context)
        name = self.field_parameter(parameters, self.NAME_FIELD, context)
        fields = commune_fields(names, code, name)
        if not fields.code:
            raise self.fail(
                tr(
                    "The commune layer has no commune code field (fields: {fields}). "
                    "Expected INSEE_COM, CODGEO, commune_code or code, or choose the "
                    "field."
                ).format(fields=", ".join(names))
            )
        return fields


def diagnostic_inputs(alg, with_layers: bool = True) -> None:
    """Add to ``alg`` (an ``OcsgeAlgorithm``) the inputs of ``ocsge:diagnostic`` that
    ``ocsge:portrait`` shares: INPUT (the deliveries), LAYERS (``with_layers``), COMMUNES,
    CODE_FIELD, NAME_FIELD, MEMBERSHIP, METHOD and CONVENTION, in this order."""
    param = deliveries_parameter(
        alg.INPUT,
        tr("OCS GE deliveries (folder, .7z archives, .gpkg or .shp files)"),
        tr(
            "A folder holding the deliveries of one or more départements and "
            "millésimes, IGN archives (.7z) or .gpkg / .shp files; several paths "
            "separated by ';'. Optional when layers are given below."
        ),
    )
    param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagOptional)
    alg.addParameter(param)
    if with_layers:
        alg.add(
            QgsProcessingParameterMultipleLayers(
                alg.LAYERS,
                tr("OCS GE layers (PostGIS tables, layers of the project)"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
            ),
            tr(
                "Layers already loaded, instead of or beside the deliveries: PostGIS "
                "tables (a WHERE millesime = … filter included), "
                "layers of ocsge:load or any OCS GE layer; told apart by their fields "
                "and contents, whatever their names."
            ),
        )
    communes = QgsProcessingParameterFeatureSource(
        alg.COMMUNES, tr("Communes"), [QgsProcessing.SourceType.TypeVectorPolygon]
    )
    found = commune_layer()  # else QGIS shows the first polygon layer, a diagnostic's output maybe
    if found:
        communes.setGuiDefaultValueOverride(found)
    alg.add(
        communes,
        tr(
            "Commune outlines (any CRS) with the INSEE code: ADMIN EXPRESS's COMMUNE "
            "layer (its SIREN_EPCI, INSEE_DEP, INSEE_REG fields give the "
            "membership) or any layer with the code, ideally with epci_code, "
            "departement_code, region_code, scot_code."
        ),
    )
    alg.add(
        QgsProcessingParameterField(
            alg.CODE_FIELD, tr("Commune code field"), None, alg.COMMUNES, optional=True
        ),
        tr(
            "The INSEE code of the commune (5 characters: 90010, 2A004, 97411). "
            "Empty: recognised (INSEE_COM of ADMIN EXPRESS, CODGEO, commune_code, "
            "code)."
        ),
    )
    alg.add(
        QgsProcessingParameterField(
            alg.NAME_FIELD, tr("Commune name field"), None, alg.COMMUNES, optional=True
        ),
        tr("The commune's name. Empty: recognised (NOM of ADMIN EXPRESS, LIBGEO, nom)."),
    )
    alg.add(membership(alg.MEMBERSHIP))
    alg.add(
        method(alg.METHOD),
        tr(
            "How artificialisation is decided; imperméabilisation always comes from the couverture."
        ),
    )
    alg.add_convention_parameter()
