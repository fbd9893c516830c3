"""The widget of the « OCS GE deliveries » parameter in the Processing dialogs: a line with the
paths (separated by ';'), « Dossier… » and « Fichiers… » buttons, and files or folders dropped
from the file manager or QGIS's browser. In the modeler, QGIS's own widget (model inputs, other
algorithms' outputs or a typed value)."""

from __future__ import annotations

from pathlib import Path

from processing.gui.wrappers import DIALOG_STANDARD
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QToolButton, QWidget

from ..core.i18n import tr
from .wrappers import DialogWidgetWrapper, no_first_layer

__all__ = [
    "DeliveriesWidget",
    "DeliveriesWidgetWrapper",
]

_LAST_FOLDER = "ocsge/last_delivery_folder"


class DeliveriesWidget(QWidget):
    """A line of paths with « Dossier… » and « Fichiers… », accepting dropped files and folders."""

    changed = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.line = QLineEdit()
        self.line.setPlaceholderText(
            tr("A folder, .7z archives or .gpkg/.shp files (drop them here)")
        )
        self.line.setToolTip(
            tr("Several paths are separated by ';'. Drop files or folders here to add them.")
        )
        self.line.textChanged.connect(self.changed)
        self.folder_button = QToolButton()
        self.folder_button.setText(tr("Folder…"))
        self.folder_button.setToolTip(tr("Choose a folder holding OCS GE deliveries"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.files_button = QToolButton()
        self.files_button.setText(tr("Files…"))
        self.files_button.setToolTip(tr("Choose one or more .7z archives or .gpkg/.shp files"))
        self.files_button.clicked.connect(self.choose_files)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.folder_button)
        layout.addWidget(self.files_button)
        self.setAcceptDrops(True)
        self.line.setAcceptDrops(
            False
        )  # the whole widget takes the drop, not QLineEdit's text drop

    # ------------------------------------------------------------------ value
    def paths(self) -> list[str]:
        return [part.strip() for part in self.line.text().split(";") if part.strip()]

    def set_paths(self, paths: list[str]) -> None:
        self.line.setText(";".join(paths))

    def add_paths(self, paths: list[str]) -> None:
        """Add ``paths`` after the ones already there (each once)."""
        current = self.paths()
        self.set_paths(current + [p for p in paths if p not in current])

    # ---------------------------------------------------------------- choosing
    def _start_folder(self) -> str:
        paths = self.paths()
        if paths:
            last = Path(paths[-1])
            return str(last if last.is_dir() else last.parent)
        return QgsSettings().value(_LAST_FOLDER, "", type=str)

    def _remember(self, path: str) -> None:
        QgsSettings().setValue(
            _LAST_FOLDER, str(Path(path).parent if Path(path).is_file() else path)
        )

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, tr("Folder holding OCS GE deliveries"), self._start_folder()
        )
        if folder:
            self._remember(folder)
            self.add_paths([folder])

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            tr("OCS GE deliveries"),
            self._start_folder(),
            tr("OCS GE deliveries (*.7z *.7z.001 *.gpkg *.shp);;All files (*)"),
        )
        if files:
            self._remember(files[0])
            self.add_paths(files)

    # --------------------------------------------------------------- dropping
    @staticmethod
    def _local_paths(mime) -> list[str]:
        return (
            [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
            if mime.hasUrls()
            else []
        )

    def dragEnterEvent(self, event):  # noqa: N802
        if self._local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event):  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event):  # noqa: N802
        paths = self._local_paths(event.mimeData())
        if paths:
            self.add_paths(paths)
            event.acceptProposedAction()


class DeliveriesWidgetWrapper(DialogWidgetWrapper):
    """The deliveries widget in the algorithm dialog and the batch table; in the modeler, QGIS's
    own."""

    def createWidget(self):  # noqa: N802
        widget = DeliveriesWidget()
        widget.changed.connect(lambda: self.widgetValueHasChanged.emit(self))
        return widget

    def setValue(self, value):  # noqa: N802
        if not value:  # None, "", QGIS's NULL
            self.widget.set_paths([])
        elif isinstance(value, (list, tuple)):
            self.widget.set_paths([str(v) for v in value])
        else:
            self.widget.set_paths([part.strip() for part in str(value).split(";") if part.strip()])

    def value(self):
        return ";".join(self.widget.paths())

    def postInitialize(self, wrappers):  # noqa: N802
        """« Communes » of the same dialog left empty when no layer looks like the communes (as
        in the portrait: never QGIS's first polygon layer)."""
        if self.dialogType != DIALOG_STANDARD:
            return
        for wrapper in wrappers:
            if wrapper.parameterDefinition().name() == "COMMUNES":
                no_first_layer(wrapper)
