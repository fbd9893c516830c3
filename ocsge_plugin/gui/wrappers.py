"""What the plugin's widgets of the algorithm dialog share: in the modeler, QGIS's own widget for
the parameter (model inputs, other algorithms' outputs)."""

from __future__ import annotations

from processing.gui.wrappers import WidgetWrapper
from qgis.gui import QgsGui

__all__ = [
    "DialogWidgetWrapper",
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
