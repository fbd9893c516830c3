"""The widget of the portrait's « Territories » parameter in the algorithm dialog: the territories
of the level chosen, « name (code) » with a tick box each, listed from the commune layer and the
membership table chosen in the same dialog, a search line, and the codes ticked (or typed) in one
line. The parameter stays a text of codes separated by ',' for scripts, models and qgis_process; in
the batch table and the modeler, the line alone (or QGIS's own widget)."""

from __future__ import annotations

import os

import pandas as pd
from processing.gui.wrappers import DIALOG_STANDARD
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingUtils,
    QgsProject,
    QgsProperty,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..computing.communes import (
    Membership,
    commune_fields,
    read_membership,
    recognise,
    territory_choices,
)
from ..core.definitions import LEVELS
from ..core.errors import OcsgeError
from ..core.i18n import plural, tr
from .wrappers import DialogWidgetWrapper, no_first_layer

__all__ = [
    "TerritoriesWidget",
    "TerritoriesWidgetWrapper",
    "split_codes",
]

# The parameters of the same dialog the list is read from (ocsge:portrait's names).
SOURCES = ("COMMUNES", "CODE_FIELD", "NAME_FIELD", "MEMBERSHIP", "LEVEL")


def split_codes(text: str) -> list[str]:
    """The codes of a value: separated by ',' or ';', spaces trimmed, each once."""
    codes = []
    for part in str(text or "").replace(";", ",").split(","):
        if part.strip() and part.strip() not in codes:
            codes.append(part.strip())
    return codes


class TerritoriesWidget(QWidget):
    """A line of codes over a searchable list of territories with tick boxes; both agree."""

    changed = pyqtSignal()

    def __init__(self, with_list: bool = True, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit()
        self.line.setPlaceholderText(tr("Empty: every territory of the level"))
        self.line.setToolTip(tr("Codes separated by ','; tick the territories in the list below."))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search a territory (name or code)"))
        self.list = QListWidget()
        self.list.setMinimumHeight(120)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.line)
        for widget in (self.search, self.list, self.note):
            layout.addWidget(widget)
            widget.setVisible(with_list)
        self._syncing = False
        self.line.textChanged.connect(self._line_changed)
        self.list.itemChanged.connect(self._item_changed)
        self.search.textChanged.connect(self._filter)
        self.set_choices([])

    def codes(self) -> list[str]:
        return split_codes(self.line.text())

    def set_codes(self, codes: list[str]) -> None:
        self.line.setText(", ".join(codes))

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """List the territories (code, name), ticked when their code is in the line."""
        self._syncing = True
        self.list.clear()
        chosen = set(self.codes())
        for code, name in choices:
            item = QListWidgetItem(f"{name} ({code})" if name and name != code else code)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = code in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self._syncing = False
        self.note.setText(
            plural(
                len(choices),
                tr("{count} territory of this level; none ticked: all of them."),
                tr("{count} territories of this level; none ticked: all of them."),
            ).format(count=len(choices))
            if choices
            else tr("Choose the communes (and the membership table) above to list the territories.")
        )
        self._filter(self.search.text())

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def _filter(self, text: str) -> None:
        wanted = text.strip().lower()
        for item in self.items():
            item.setHidden(bool(wanted) and wanted not in item.text().lower())

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._syncing:
            return
        listed = [i.data(Qt.ItemDataRole.UserRole) for i in self.items()]
        ticked = [i.data(Qt.ItemDataRole.UserRole) for i in self.items() if _ticked(i)]
        typed = [code for code in self.codes() if code not in listed]  # codes of another level
        self._syncing = True
        self.set_codes(ticked + typed)
        self._syncing = False
        self.changed.emit()

    def _line_changed(self) -> None:
        if not self._syncing:
            chosen = set(self.codes())
            self._syncing = True
            for item in self.items():
                code = item.data(Qt.ItemDataRole.UserRole)
                item.setCheckState(
                    Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked
                )
            self._syncing = False
        self.changed.emit()


def _ticked(item: QListWidgetItem) -> bool:
    return item.checkState() == Qt.CheckState.Checked


def commune_rows(layer: QgsVectorLayer, code_field=None, name_field=None) -> pd.DataFrame:
    """The commune layer's code, name and membership fields (no geometry read)."""
    names = layer.fields().names()
    fields = commune_fields(names, code_field or None, name_field or None)
    if fields.code is None or fields.code not in names:
        return pd.DataFrame({"code": [], "nom": []})
    wanted = [fields.code] + [f for f in (fields.name,) if f in names]
    wanted += [c for c in recognise(names).values() if c not in wanted]
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes(wanted, layer.fields())
    rows = [[_text(f[name]) for name in wanted] for f in layer.getFeatures(request)]
    frame = pd.DataFrame(rows, columns=wanted, dtype=object)
    frame = frame.rename(
        columns={fields.code: "code", **({fields.name: "nom"} if fields.name else {})}
    )
    if "nom" not in frame:
        frame["nom"] = None
    return frame


def _text(value) -> str | None:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    text = str(value).strip()
    return text or None


def _layer(value, context) -> QgsVectorLayer | None:
    """The layer of a COMMUNES value: a layer, its id, a path, a source definition."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    if isinstance(value, QgsVectorLayer):
        return value
    if not value or not isinstance(value, str):
        return None
    layer = QgsProcessingUtils.mapLayerFromString(value, context, True)
    return layer if isinstance(layer, QgsVectorLayer) and layer.isValid() else None


def choices_from(values: dict, context) -> list[tuple[str, str]]:
    """The territories (code, name) of the dialog's values (``SOURCES``), or none."""
    layer = _layer(values.get("COMMUNES"), context)
    level_index = values.get("LEVEL")
    if layer is None or not isinstance(level_index, int) or not 0 <= level_index < 4:
        return []
    communes = commune_rows(layer, values.get("CODE_FIELD"), values.get("NAME_FIELD"))
    membership = _membership(str(values["MEMBERSHIP"])) if values.get("MEMBERSHIP") else None
    return territory_choices(LEVELS[level_index], communes, membership)


_READ: dict[tuple[str, float], Membership | None] = {}  # the last table read, by path and date


def _membership(path: str) -> Membership | None:
    """The membership table at ``path`` (read once while unchanged: INSEE's XLSX takes seconds);
    None when it cannot be read (the run says what is wrong with it)."""
    try:
        key = (path, os.path.getmtime(path))
    except OSError:
        return None
    if key not in _READ:
        try:
            table = read_membership(path)
        except (OcsgeError, OSError, ValueError):
            table = None
        _READ.clear()
        _READ[key] = table
    return _READ[key]


class TerritoriesWidgetWrapper(DialogWidgetWrapper):
    """The territories widget in the algorithm dialog (the line alone in the batch table); in the
    modeler, QGIS's own."""

    def createWidget(self):  # noqa: N802
        widget = TerritoriesWidget(with_list=self.dialogType == DIALOG_STANDARD)
        widget.changed.connect(lambda: self.widgetValueHasChanged.emit(self))
        return widget

    def postInitialize(self, wrappers):  # noqa: N802
        self._sources = {
            w.parameterDefinition().name(): w
            for w in wrappers
            if w.parameterDefinition().name() in SOURCES
        }
        for wrapper in self._sources.values():
            wrapper.widgetValueHasChanged.connect(lambda _w: self.refresh())
        if "COMMUNES" in self._sources and self.dialogType == DIALOG_STANDARD:
            no_first_layer(self._sources["COMMUNES"])
        self.refresh()

    def refresh(self) -> None:
        """List the territories of the level, from the communes and membership of the dialog."""
        if self.dialogType != DIALOG_STANDARD:
            return
        values = {name: w.parameterValue() for name, w in getattr(self, "_sources", {}).items()}
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        self.widget.set_choices(choices_from(values, context))

    def setValue(self, value):  # noqa: N802
        self.widget.set_codes(split_codes(value) if value else [])

    def value(self):
        return ", ".join(self.widget.codes())
