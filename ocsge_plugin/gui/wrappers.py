"""What the plugin's widgets of the algorithm dialog share: in the modeler, QGIS's own widget for
the parameter (model inputs, other algorithms' outputs)."""

from __future__ import annotations

from processing.gui.wrappers import WidgetWrapper
from qgis.gui import QgsGui, QgsMapLayerComboBox
from qgis.PyQt import sip
from qgis.PyQt.QtWidgets import QComboBox

__all__ = [
    "DialogWidgetWrapper",
    "no_first_layer",
]


class DialogWidgetWrapper(WidgetWrapper):
    """A widget wrapper of the algorithm dialog and the batch table; in the modeler, QGIS's own
    parameter widget instead."""

    def __new__(cls, param, dialog, row=0, col=0, **kwargs):
        if dialog.__class__.__name__ == "ModelerParametersDialog":
            return QgsGui.processingGuiRegistry().createModelerParameterWidget(
                dialog.model, dialog.childId, param, dialog.context
            )
        return super().__new__(cls)


def no_first_layer(wrapper) -> None:
    """« Communes » left empty when the plugin proposes no commune layer (none in the project looks
    like one, ``params.commune_layer``): QGIS's combo box of a required layer shows the project's
    first polygon layer, a diagnostic's output maybe, which the run would take for the communes.
    The planner picks the layer; the dialog refuses to run while it is empty."""
    definition = wrapper.parameterDefinition()
    if definition.guiDefaultValueOverride() or definition.defaultValue():
        return
    widget = wrapper.wrappedWidget() if hasattr(wrapper, "wrappedWidget") else None
    for box in widget.findChildren(QComboBox) if widget is not None else ():
        if box.metaObject().className() == "QgsMapLayerComboBox":  # QGIS's, seen as a QComboBox
            combo = sip.cast(box, QgsMapLayerComboBox)
            combo.setAllowEmptyLayer(True)
            combo.setLayer(None)
