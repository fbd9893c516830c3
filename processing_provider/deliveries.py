"""The « OCS GE deliveries » parameter shared by ocsge:load and ocsge:diagnostic: a folder, one
or more files, or both, in one value (paths separated by ';'). It stays a plain file parameter,
so that qgis_process, batch runs and models pass a path as before; in the dialogs it gets the
plugin's widget (« Dossier… », « Fichiers… », drag-and-drop)."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingParameterFile

from ..ocsge_plugin.core.i18n import tr
from ..ocsge_plugin.storage import archives

__all__ = [
    "CONSUMERS",
    "check_deliveries",
    "deliveries_parameter",
    "delivery_paths",
    "use_deliveries_widget",
]

# Where the dialogs find the widget (the plugin's package name is its folder's name).
WIDGET_WRAPPER = f"{__name__.rsplit('.', 2)[0]}.ocsge_plugin.gui.deliveries.DeliveriesWidgetWrapper"
# Algorithms whose INPUT is this parameter: a model input feeding one of them gets the same widget.
CONSUMERS = ("ocsge:load", "ocsge:diagnostic")


def deliveries_parameter(name: str, description: str, help_text: str) -> QgsProcessingParameterFile:
    """A file parameter that accepts folders and several paths, shown with the deliveries widget."""
    # A filter without any extension: with none, QGIS's default (*.*) refuses a path without an
    # extension, a folder (« Valeur de paramètre erronée ou manquante »).
    param = QgsProcessingParameterFile(
        name,
        description,
        behavior=QgsProcessingParameterFile.Behavior.File,
        fileFilter=tr("All files (*)"),
    )
    use_deliveries_widget(param)
    param.setHelp(help_text)
    return param


def use_deliveries_widget(param) -> None:
    """Show ``param`` (a file parameter) with the deliveries widget in the dialogs."""
    metadata = param.metadata()
    metadata["widget_wrapper"] = {"class": WIDGET_WRAPPER}
    param.setMetadata(metadata)


def split_paths(value) -> list[str]:
    """The paths of a deliveries value: a text with paths separated by ';' (or new lines), or a
    list."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    return [
        part.strip().strip('"') for part in str(value).replace("\n", ";").split(";") if part.strip()
    ]


def paths_problem(paths: list[str]) -> str:
    """Why ``paths`` cannot be deliveries (a translated message naming the path), or '' when they
    can."""
    if not paths:
        return tr(
            "No delivery given. Expected a folder, .7z archives from IGN or .gpkg/.shp files."
        )
    for text in paths:
        path = Path(text)
        if not path.exists():
            return tr(
                "{path} does not exist. Expected a folder, a .7z archive from IGN or a "
                ".gpkg/.shp file."
            ).format(path=text)
        if (
            path.is_file()
            and not archives.is_archive(path)
            and path.suffix.lower() not in (".gpkg", ".shp")
        ):
            return tr(
                "{name} is not an OCS GE delivery. Expected a folder, a .7z archive from "
                "IGN or a .gpkg/.shp file."
            ).format(name=path.name)
    return ""


def delivery_paths(alg, parameters: dict, name: str, context) -> list[str]:
    """The paths given to the deliveries parameter ``name`` of ``alg`` (a text or, from Python, a
    list)."""
    value = parameters.get(name)
    return split_paths(
        value
        if isinstance(value, (list, tuple))
        else alg.parameterAsFile(parameters, name, context)
    )


def check_deliveries(alg, parameters: dict, name: str, context) -> tuple[str, dict]:
    """What is wrong with the deliveries parameter ``name`` ('' when nothing), and the parameters
    with its paths as one text, the form QGIS's own checks accept."""
    paths = delivery_paths(alg, parameters, name, context)
    return paths_problem(paths), {**parameters, name: ";".join(paths)}
