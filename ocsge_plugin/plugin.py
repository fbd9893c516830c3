"""The QGIS plugin: registers the Processing provider and adds its menu entries. Nothing else."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QIcon
from qgis.PyQt.QtWidgets import QAction

from .core import guide, i18n
from .domain.nomenclature import RESOURCES
from .report import chart_item

__all__ = [
    "OcsgePlugin",
]

MENU = "&OCS GE"


class OcsgePlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.actions: list[QAction] = []
        self.dock = None  # the data panel, created the first time it is shown
        self.dock_action: QAction | None = None
        i18n.install_translator()

    def initProcessing(self) -> None:  # noqa: N802
        """Register the provider; works without a GUI (qgis_process, iface None)."""
        if self.provider is not None:
            return
        chart_item.register()  # the portrait's charts, in layouts built or read from now on
        from ..processing_provider.provider import OcsgeProvider

        self.provider = OcsgeProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)
        from .storage import interrupt

        interrupt.install()  # qgis_process only: SIGINT / SIGTERM cancel the running algorithm

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()
        if self.iface is None:
            return
        registry = QgsApplication.processingRegistry()
        for algorithm_id in (
            "ocsge:load",
            "ocsge:diagnostic",
            "ocsge:portrait",
        ):  # named in the menu as in the toolbox
            alg = registry.algorithmById(algorithm_id)
            action = QAction(alg.icon(), alg.displayName() + "…", self.iface.mainWindow())
            action.triggered.connect(
                lambda _checked=False, alg=algorithm_id: self._open_algorithm(alg)
            )
            self.iface.addPluginToMenu(self.tr(MENU), action)
            self.actions.append(action)
        self._init_dock_action()
        self._init_help_action()

    def _init_dock_action(self) -> None:
        """Menu + toolbar action showing / hiding the data panel (gui/dock.py)."""
        action = QAction(
            QIcon(str(RESOURCES / "icon.svg")),
            self.tr("OCS GE and data.gouv.fr data panel"),
            self.iface.mainWindow(),
        )
        action.setCheckable(True)
        action.toggled.connect(self._toggle_dock)
        self.iface.addPluginToMenu(self.tr(MENU), action)
        self.iface.addToolBarIcon(action)
        self.actions.append(action)
        self.dock_action = action

    def _init_help_action(self) -> None:
        """Menu action opening the user guide installed with the plugin (its online copy
        otherwise)."""
        if not guide.help_url():
            return  # a checkout without the HTML (make deploy writes it) and no published address
        action = QAction(
            QIcon(str(RESOURCES / "icon.svg")),
            self.tr("OCS GE user guide"),
            self.iface.mainWindow(),
        )
        action.triggered.connect(
            lambda _checked=False: QDesktopServices.openUrl(QUrl(guide.help_url()))
        )
        self.iface.addPluginToMenu(self.tr(MENU), action)
        self.actions.append(action)

    def _toggle_dock(self, visible: bool) -> None:
        if self.dock is None:
            if not visible:
                return
            from .gui.dock import OcsgeDock

            self.dock = OcsgeDock(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self.dock.visibilityChanged.connect(self.dock_action.setChecked)
        self.dock.setVisible(visible)

    def _open_algorithm(self, algorithm_id: str) -> None:
        import processing

        processing.execAlgorithmDialog(algorithm_id, {})

    def unload(self) -> None:
        if self.iface is not None:
            if self.dock is not None:
                self.dock.cancel_all()
                self.iface.removeDockWidget(self.dock)
                self.dock.deleteLater()
            if self.dock_action is not None:
                self.iface.removeToolBarIcon(self.dock_action)
            for action in self.actions:
                self.iface.removePluginMenu(self.tr(MENU), action)
                action.deleteLater()
        self.actions = []
        self.dock = self.dock_action = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        i18n.remove_translator()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("OcsgePlugin", text)
