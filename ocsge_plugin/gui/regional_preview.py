"""The window that shows what an imported inventory would change before anything is written: the
new records and the changed ones (field by field, before and after), each with a check box;
only what is checked is taken (``regional_bases.apply``)."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..core.i18n import tr
from ..domain import regional_bases as rb

__all__ = [
    "PreviewDialog",
]

_KEY = Qt.ItemDataRole.UserRole


class PreviewDialog(QDialog):
    """The preview of ``preview`` (a ``MergePreview``): new records checked, changed records
    unchecked (an existing value is replaced only when the user checks it)."""

    def __init__(self, preview: rb.MergePreview, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Import into the inventory"))
        self.preview = preview
        layout = QVBoxLayout(self)
        summary = QLabel(preview.summary())
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("Record or field"), tr("Before"), tr("After")])
        # a long value cut in its middle: its end, where a correction often is, stays seen
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 290)
        for column in (1, 2):  # before and after side by side, as wide as each other
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.added_items: list[QTreeWidgetItem] = []
        self.changed_items: list[QTreeWidgetItem] = []
        for record in preview.added:
            after = f"{record['region']} — {record['caracteristiques']}"
            item = QTreeWidgetItem([tr("New: {id}").format(id=record.identifier), "", after])
            item.setToolTip(2, after)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setData(0, _KEY, record.identifier)
            self.tree.addTopLevelItem(item)
            self.added_items.append(item)
        for change in preview.changed:
            self.tree.addTopLevelItem(self._changed_item(change))
        self.tree.expandAll()
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Apply what is checked"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 520)

    def _changed_item(self, change: rb.Change) -> QTreeWidgetItem:
        item = QTreeWidgetItem([tr("Changed: {id}").format(id=change.identifier)])
        item.setFlags(
            item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate
        )
        for field in change.fields:
            child = QTreeWidgetItem([field.name, field.before, field.after])
            child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            child.setCheckState(0, Qt.CheckState.Unchecked)
            child.setData(0, _KEY, (change.identifier, field.name))
            for column, text in ((1, field.before), (2, field.after)):
                child.setToolTip(column, text)
            item.addChild(child)
        item.setCheckState(0, Qt.CheckState.Unchecked)
        self.changed_items.append(item)
        return item

    def accepted_items(self) -> list:
        """What is checked: identifiers of new records, (identifier, field) of changed fields."""
        taken: list = [
            item.data(0, _KEY)
            for item in self.added_items
            if item.checkState(0) == Qt.CheckState.Checked
        ]
        for item in self.changed_items:
            for index in range(item.childCount()):
                child = item.child(index)
                if child.checkState(0) == Qt.CheckState.Checked:
                    taken.append(tuple(child.data(0, _KEY)))
        return taken
