"""What every algorithm of the provider shares: translation, instance creation, help, groups; the
styling of output layers when QGIS loads them."""

from __future__ import annotations

import os
from typing import Callable

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingParameterEnum,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..ocsge_plugin.i18n import tr
from ..ocsge_plugin.nomenclature import RESOURCES
from ..ocsge_plugin.rules import CONVENTIONS


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
        return (self.parameterAsFields(parameters, name, context) or [None])[0]

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

    CONVENTION = "CONVENTION"

    def add_convention_parameter(self) -> None:
        """The parameter CONVENTION: how codes above the leaves of the nomenclature (CS2.1.1, US6),
        INDETERMINE usages, nulls and unknown codes are read (``rules.CONVENTIONS``)."""
        param = QgsProcessingParameterEnum(
            self.CONVENTION,
            QCoreApplication.translate("OcsgeAlgorithm", "Codes above the leaves, INDETERMINE, nulls"),
            options=[
                QCoreApplication.translate("OcsgeAlgorithm", "Indéterminé reported apart (a code stands for its leaves)"),
                QCoreApplication.translate("OcsgeAlgorithm", "As the national files (exact codes only, anything else neither artificialised nor impermeable)"),
            ],
            defaultValue=0,
        )
        param.setHelp(
            QCoreApplication.translate("OcsgeAlgorithm",
                "Indéterminé reported apart (default): a parent code (CS2.1.1, US4.1) stands for the leaves under it, a "
                "null, empty, INDETERMINE or unknown value for every leaf; a polygon is artificialised (or impermeable) "
                "when every leaf combination says so, not when none does, indéterminé otherwise (counted apart, never "
                "as non-artificialised: CS1.1.2.1 with an unknown usage, as US1.3 decides). As the national files: the "
                "rule of the pipeline behind the tables published on data.gouv.fr, to reproduce them: exact codes only "
                "(CS1.1.1.1, CS1.1.1.2, CS1.1.2.2 artificialised; CS1.1.2.1 unless the usage is US1.3; CS2.2.1 / CS2.2.2 "
                "with the usages US2, US3, US5, US235, US4.x, US6.1, US6.2; impermeable CS1.1.1.1 and CS1.1.1.2); "
                "everything else, parents and unknown values included, neither. Codes are read after trimming spaces, "
                "case ignored. The convention is written in the report and the outputs' metadata.")
        )
        self.addParameter(param)

    def convention(self, parameters, context) -> str:
        """The convention chosen in CONVENTION (the default when the algorithm has no such parameter value)."""
        if self.CONVENTION not in parameters:
            return CONVENTIONS[0]
        return CONVENTIONS[self.parameterAsEnum(parameters, self.CONVENTION, context)]

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


def stamp_convention(dest_id, convention: str) -> bool:
    """Write the convention in the metadata of an output GeoPackage layer (``convention``; read by
    ``gdalinfo`` / ``ogrinfo`` and QGIS's layer properties); False when the output is not a GeoPackage
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
    return {"couche": layer, "millesime": None if millesime is None else str(millesime), "nombre": int(count), "surface_ha": area_m2 / 10000.0, **extra}


def log_undetermined(feedback, entries: list[dict]) -> None:
    """The undetermined surface and count per layer and millésime, in the log (always said, 0 included)."""
    if feedback is None:
        return
    for entry in entries:
        text = tr("Indéterminé, {layer} ({millesime}): {count} polygon(s) or piece(s), {area:.4f} ha.").format(
            layer=entry["couche"], millesime=entry["millesime"] or "?", count=entry["nombre"], area=entry["surface_ha"]
        )
        (feedback.pushWarning if entry["nombre"] else feedback.pushInfo)(text)


def _group_labels_for_translation() -> None:  # pragma: no cover - read by pylupdate5 only
    QCoreApplication.translate("OcsgeAlgorithm", "Data")
    QCoreApplication.translate("OcsgeAlgorithm", "Computation")
    QCoreApplication.translate("OcsgeAlgorithm", "Territories and export")
