"""What every algorithm of the provider shares: translation, instance creation, help, groups; the
styling of output layers when QGIS loads them."""

from __future__ import annotations

from typing import Callable

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..ocsge_plugin import compat
from ..ocsge_plugin.nomenclature import RESOURCES


class OcsgeAlgorithm(QgsProcessingAlgorithm):
    """Base class: ``tr()`` with the class name as context, groups, icon, error helper.

    Each algorithm writes its ``shortHelpString`` as ``self.tr("…")`` so that pylupdate5 finds it."""

    GROUP = "data"  # one of GROUPS
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
        return QIcon(str(RESOURCES / "icon.svg"))

    def field_parameter(self, parameters, name: str, context) -> str | None:
        """The field chosen in the single-field parameter ``name``, or None."""
        return (compat.parameter_as_fields(self, parameters, name, context) or [None])[0]

    def file_destination(self, parameters, name: str, context: QgsProcessingContext) -> str | None:
        """The file path chosen for the feature sink ``name`` when the algorithm writes the file itself
        (a plain path; None for a temporary or memory layer, a layer inside a database, a URI)."""
        value = parameters.get(name)
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = value.sink.staticValue()
        if not isinstance(value, str) or not value or value == "TEMPORARY_OUTPUT":
            return None
        return self.parameterAsOutputLayer(parameters, name, context) or None

    def register_written_layer(self, parameters, name: str, context: QgsProcessingContext, path: str) -> None:
        """What ``parameterAsSink`` does for a layer the algorithm wrote itself: load it on completion
        when the user asked for it (the output definition names a project)."""
        value = parameters.get(name)
        if not isinstance(value, QgsProcessingOutputLayerDefinition) or value.destinationProject is None:
            return
        definition = self.parameterDefinition(name)
        label = value.destinationName or (definition.description() if definition else name)
        details = QgsProcessingContext.LayerDetails(label, value.destinationProject, name, QgsProcessingUtils.LayerHint.Vector)
        context.addLayerToLoadOnCompletion(path, details)

    def fail(self, message: str) -> QgsProcessingException:
        """A user-facing error (already translated): no traceback in the log."""
        return QgsProcessingException(message)


# Keep post-processors alive until QGIS calls them (Python would otherwise collect them).
_POST_PROCESSORS: list = []


def keep_alive(post: QgsProcessingLayerPostProcessorInterface) -> QgsProcessingLayerPostProcessorInterface:
    """``post``, kept referenced until QGIS has called it."""
    _POST_PROCESSORS.append(post)
    return post


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Give an output layer its renderer when QGIS loads it (GUI only; qgis_process loads nothing)."""

    def __init__(self, renderer: Callable[[], object]):
        super().__init__()
        self.renderer = renderer

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if isinstance(layer, QgsVectorLayer) and layer.isSpatial():
            layer.setRenderer(self.renderer())
            layer.triggerRepaint()

    @classmethod
    def attach(cls, context: QgsProcessingContext, dest_id: str, renderer: Callable[[], object]) -> None:
        if dest_id and context.willLoadLayerOnCompletion(dest_id):
            context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(keep_alive(cls(renderer)))


def _group_labels_for_translation() -> None:  # pragma: no cover - read by pylupdate5 only
    QCoreApplication.translate("OcsgeAlgorithm", "Data")
    QCoreApplication.translate("OcsgeAlgorithm", "Computation")
    QCoreApplication.translate("OcsgeAlgorithm", "Territories and export")
