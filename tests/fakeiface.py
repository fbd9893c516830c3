"""The parts of QgisInterface the plugin uses, recording what is added and removed (for unload
tests)."""

from __future__ import annotations


class RecordingIface:
    def __init__(self, main_window):
        self._main = main_window
        self.menu: list = []  # actions added to the plugin menu
        self.toolbar: list = []
        self.docks: list = []

    def mainWindow(self):  # noqa: N802
        return self._main

    def addPluginToMenu(self, name, action):  # noqa: N802
        self.menu.append(action)

    def removePluginMenu(self, name, action):  # noqa: N802
        self.menu.remove(action)

    def addToolBarIcon(self, action):  # noqa: N802
        self.toolbar.append(action)

    def removeToolBarIcon(self, action):  # noqa: N802
        self.toolbar.remove(action)

    def addDockWidget(self, area, dock):  # noqa: N802
        self.docks.append(dock)

    def removeDockWidget(self, dock):  # noqa: N802
        self.docks.remove(dock)

    def messageBar(self):  # noqa: N802
        from qgis.gui import QgsMessageBar

        return QgsMessageBar()


def set_provider_aside():
    """Remove the session's provider while a test loads the plugin itself (the `provider` fixture
    registers a new one when a later test asks for it)."""
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    if registry.providerById("ocsge") is not None:
        registry.removeProvider(registry.providerById("ocsge"))
