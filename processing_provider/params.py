"""The parameters several algorithms share, declared once: one factory each, one label each, one
translation context (the core's, ``@default``). An algorithm adds its own help (what the parameter means
for it) and its own flags; the choices' keys (``METHODS``, ``UNITS``, ``DIALECTS``, ``CONVENTIONS``)
are the core's."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDatabaseSchema,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterProviderConnection,
)

from ..ocsge_plugin.computing.classify import AUTO
from ..ocsge_plugin.computing.classify import METHODS as CORE_METHODS
from ..ocsge_plugin.i18n import tr
from ..ocsge_plugin.rules import CONVENTIONS

METHODS = (AUTO,) + CORE_METHODS  # the METHOD parameter's choices, in order
UNITS = ("ha", "m2")
DIALECTS = ("comma", "semicolon")
__all__ = ["CONVENTIONS", "DIALECTS", "METHODS", "UNITS"]


def method(name: str) -> QgsProcessingParameterEnum:
    """How artificialisation is decided (``METHODS``), automatic by default."""
    return QgsProcessingParameterEnum(
        name,
        tr("Artificialisation method"),
        options=[
            tr("Automatic (IGN's artificialisation when present, else matrix + thresholds)"),
            tr("IGN (artificialisation layers)"),
            tr("Matrice (couverture × usage only)"),
            tr("Matrice + seuils (the décret's thresholds)"),
        ],
        defaultValue=0,
    )


def convention(name: str) -> QgsProcessingParameterEnum:
    """How codes above the leaves, INDETERMINE usages, nulls and unknown codes are read (``CONVENTIONS``)."""
    return QgsProcessingParameterEnum(
        name,
        tr("Codes above the leaves, INDETERMINE, nulls"),
        options=[
            tr("Indéterminé reported apart (a code stands for its leaves)"),
            tr("As the national files (exact codes only, anything else neither artificialised nor impermeable)"),
        ],
        defaultValue=0,
    )


def couverture_field(name: str, parent: str) -> QgsProcessingParameterField:
    return QgsProcessingParameterField(name, tr("Couverture field"), "code_cs", parent, QgsProcessingParameterField.DataType.Any, optional=True)


def usage_field(name: str, parent: str) -> QgsProcessingParameterField:
    return QgsProcessingParameterField(name, tr("Usage field"), "code_us", parent, QgsProcessingParameterField.DataType.Any, optional=True)


def membership(name: str) -> QgsProcessingParameterFile:
    """The commune → EPCI, SCoT, département, région table (CSV), optional."""
    return QgsProcessingParameterFile(name, tr("Membership table (CSV)"), extension="csv", optional=True)


def unit(name: str) -> QgsProcessingParameterEnum:
    """The unit of surfaces and flows (``UNITS``), hectares by default."""
    return QgsProcessingParameterEnum(name, tr("Unit of surfaces"), options=[tr("Hectares"), tr("Square metres (national files)")], defaultValue=0)


def dialect(name: str) -> QgsProcessingParameterEnum:
    """The CSV separators (``DIALECTS``)."""
    return QgsProcessingParameterEnum(
        name, tr("CSV separators"), options=[tr("Comma and decimal point (, .)"), tr("Semicolon and decimal comma (; ,)")], defaultValue=0
    )


def simplify(name: str) -> QgsProcessingParameterBoolean:
    return QgsProcessingParameterBoolean(name, tr("Simplify outlines (topology kept)"), defaultValue=True)


def wide(name: str) -> QgsProcessingParameterBoolean:
    return QgsProcessingParameterBoolean(name, tr('Also the "by index" layout'), defaultValue=False)


def coverage(name: str) -> QgsProcessingParameterBoolean:
    return QgsProcessingParameterBoolean(name, tr("Compute the share covered by OCS GE"), defaultValue=True)


def database(connection_name: str, schema_name: str) -> list[QgsProcessingParameterDefinition]:
    """The PostgreSQL connection (QGIS's saved connections) and the schema the published tables are
    also written into; both optional (files only by default)."""
    connection = QgsProcessingParameterProviderConnection(connection_name, tr("PostgreSQL database (optional)"), "postgres", optional=True)
    connection.setHelp(
        tr("One of QGIS's saved PostgreSQL connections (or, from qgis_process, a connection string host=… dbname=… user=…): the "
           "published tables are also written into the schema below, all replaced in one transaction (an error leaves the previous tables).")
    )
    schema = QgsProcessingParameterDatabaseSchema(schema_name, tr("Schema"), connection_name, defaultValue="public", optional=True)
    schema.setHelp(tr("An existing schema of that database; tables of the same names that the plugin wrote are replaced, no other."))
    return [connection, schema]
