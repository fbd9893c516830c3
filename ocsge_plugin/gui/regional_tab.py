"""The dock's tab « Regional land-cover bases »: the national inventory (CNIG fields) filtered by
région, millésimes, dimensions and UMC; a record's details and its links (opened by the dock's
``open_web``: http and https only); the régions on the map styled by what is available; export
(CSV and GeoJSON) and import of a CRIGE's file (checked, previewed, only what is checked taken,
saved as the user's copy; « Back to the shipped inventory » removes that copy)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Callable

from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import OcsgeError
from ..core.i18n import plural, tr
from ..domain import regional_bases as rb
from ..pipelines import regional_bases as pipeline
from .regional_preview import PreviewDialog

__all__ = [
    "RegionalBasesTab",
]

_KEY = Qt.ItemDataRole.UserRole
_ANY_YEAR = rb.MIN_YEAR - 1  # the spin boxes' « any » value
COLOURS = {"regional": "#1a9850", "in_progress": "#fdae61", "ocsge": "#d9d9d9"}


def _year_spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(_ANY_YEAR, rb.MAX_YEAR)
    spin.setSpecialValueText(tr("any"))
    spin.setValue(_ANY_YEAR)
    return spin


class RegionalBasesTab(QWidget):
    """The tab; ``dock`` gives ``open_web``, ``message``, ``confirm`` and ``project``. The file
    dialogs and the preview window are attributes, replaced in tests."""

    def __init__(self, dock, parent=None):
        super().__init__(parent)
        self.dock = dock
        self.records: list[rb.Record] = []
        self.ask_import: Callable[[], str] = lambda: QFileDialog.getOpenFileName(
            self, tr("Import an inventory"), "", tr("CSV files (*.csv)")
        )[0]
        self.ask_export: Callable[[], str] = lambda: QFileDialog.getSaveFileName(
            self, tr("Export the inventory"), "bases_ocs_regionales.csv", tr("CSV files (*.csv)")
        )[0]
        self.ask_accept: Callable[[rb.MergePreview], list | None] = self._preview
        self.show_problems: Callable[[list[str]], None] = self._problems
        self._build()
        self.reload()

    # ------------------------------------------------------------------------------- widgets

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        self.count_label = QLabel()
        layout.addWidget(self.count_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [tr("Base"), tr("Région"), tr("Millésimes"), tr("Dimensions"), tr("MMU")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.tree.currentItemChanged.connect(lambda current, _p: self._show(current))
        splitter.addWidget(self.tree)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)  # links go through the dock's open_web (http, https)
        self.details.anchorClicked.connect(lambda url: self.dock.open_web(url.toString()))
        splitter.addWidget(self.details)
        layout.addWidget(splitter, 1)
        links = QHBoxLayout()
        self.data_button = QPushButton(tr("Open the &data"))
        self.data_button.clicked.connect(lambda: self.open_link("lien_donnees"))
        self.viewer_button = QPushButton(tr("Open the &viewer"))
        self.viewer_button.clicked.connect(lambda: self.open_link("lien_visualiseur"))
        self.map_button = QPushButton(tr("Show on the &map"))
        self.map_button.setToolTip(
            tr("Adds the régions, styled by what the inventory lists, with its attributes")
        )
        self.map_button.clicked.connect(lambda: self.show_on_map())
        self.old_regions = QCheckBox(tr("Régions before 2016"))
        for widget in (self.data_button, self.viewer_button, self.map_button, self.old_regions):
            links.addWidget(widget)
        layout.addLayout(links)
        layout.addLayout(self._build_files())

    def _build_filters(self) -> QGridLayout:
        grid = QGridLayout()
        self.region_combo = QComboBox()
        self.region_combo.addItem(tr("All régions"), None)
        for code, name in rb.CURRENT_REGIONS.items():
            self.region_combo.addItem(f"{code} — {name}", code)
        for code, name in rb.OLD_REGIONS.items():
            if code not in rb.CURRENT_REGIONS:
                label = tr("{code} — {name} (before 2016)").format(code=code, name=name)
                self.region_combo.addItem(label, code)
        self.first_spin, self.last_spin = _year_spin(), _year_spin()
        self.dimension_combo = QComboBox()
        for label, value in ((tr("any"), None), ("1", "1"), ("2", "2")):
            self.dimension_combo.addItem(label, value)
        self.umc_spin = QSpinBox()
        self.umc_spin.setRange(0, 10_000_000)
        self.umc_spin.setSingleStep(100)
        self.umc_spin.setSuffix(" m²")
        self.umc_spin.setSpecialValueText(tr("any"))
        self.umc_spin.setToolTip(tr("Bases whose minimum mapping unit is at most this area"))
        rows = (
            (tr("Région"), self.region_combo, None, None),
            (tr("Millésimes from"), self.first_spin, tr("to"), self.last_spin),
            (tr("Dimensions"), self.dimension_combo, tr("MMU at most"), self.umc_spin),
        )
        for row, (label, widget, label2, widget2) in enumerate(rows):
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(widget, row, 1, 1, 3 if widget2 is None else 1)
            if widget2 is not None:
                grid.addWidget(QLabel(label2), row, 2)
                grid.addWidget(widget2, row, 3)
        self.region_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.dimension_combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for spin in (self.first_spin, self.last_spin, self.umc_spin):
            spin.valueChanged.connect(lambda _v: self.apply_filters())
        return grid

    def _build_files(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.export_button = QPushButton(tr("&Export…"))
        self.export_button.setToolTip(
            tr("The inventory as CSV (CNIG fields) and GeoJSON (régions)")
        )
        self.export_button.clicked.connect(lambda: self.export())
        self.import_button = QPushButton(tr("&Import…"))
        self.import_button.setToolTip(
            tr("A CRIGE's inventory (CSV, CNIG fields): checked, previewed, merged by identifier")
        )
        self.import_button.clicked.connect(lambda: self.import_file())
        self.reset_button = QPushButton(tr("Back to the shipped inventory"))
        self.reset_button.clicked.connect(lambda: self.reset())
        row.addWidget(self.source_label, 1)
        for button in (self.export_button, self.import_button, self.reset_button):
            row.addWidget(button)
        return row

    # -------------------------------------------------------------------------------- list

    def reload(self) -> None:
        """Read the inventory in use (the user's copy, else the shipped one) and show it."""
        path = pipeline.inventory_path()
        try:
            self.records = pipeline.load_inventory(path)
        except rb.InventoryError as error:  # a user's copy spoiled by hand: the shipped one
            self.dock.message(str(error), Qgis.MessageLevel.Warning)
            path = pipeline.SHIPPED
            self.records = pipeline.load_inventory(path)
        own = path != pipeline.SHIPPED
        self.source_label.setText(
            tr("Inventory: your merged copy ({path})").format(path=path)
            if own
            else tr("Inventory: shipped with the plugin")
        )
        self.reset_button.setEnabled(own)
        self.apply_filters()

    def filters(self) -> dict:
        def year(spin: QSpinBox) -> int | None:
            return None if spin.value() == _ANY_YEAR else spin.value()

        return {
            "region": self.region_combo.currentData(),
            "first": year(self.first_spin),
            "last": year(self.last_spin),
            "dimension": self.dimension_combo.currentData(),
            "max_umc": self.umc_spin.value() or None,
        }

    def apply_filters(self) -> None:
        shown = pipeline.filter_records(self.records, **self.filters())
        self.tree.clear()
        for record in shown:
            areas = rb.umc_m2(record["umc"])
            umc = "" if areas is None else "–".join(dict.fromkeys(f"{a:n} m²" for a in areas))
            item = QTreeWidgetItem(
                [
                    record.identifier,
                    record["region"],
                    record["millesimes"],
                    record["dimensions"],
                    umc,
                ]
            )
            item.setToolTip(0, record["caracteristiques"])
            item.setToolTip(2, record["millesimes"])
            item.setData(0, _KEY, record.identifier)
            self.tree.addTopLevelItem(item)
        self.count_label.setText(
            plural(
                len(self.records),
                tr("{shown} of {total} base listed"),
                tr("{shown} of {total} bases listed"),
            ).format(shown=len(shown), total=len(self.records))
        )
        if shown:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        else:
            self._show(None)

    def shown_identifiers(self) -> list[str]:
        return [self.tree.topLevelItem(i).text(0) for i in range(self.tree.topLevelItemCount())]

    def current_record(self) -> rb.Record | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return next((r for r in self.records if r.identifier == item.data(0, _KEY)), None)

    def _show(self, item) -> None:
        record = self.current_record() if item is not None else None
        self.data_button.setEnabled(bool(record and record["lien_donnees"]))
        self.viewer_button.setEnabled(bool(record and record["lien_visualiseur"]))
        if record is None:
            self.details.clear()
            return
        rows = []
        for field in rb.SCHEMA:
            value = record[field.name]
            if not value:
                continue
            text = html.escape(value).replace("\n", "<br>")
            if field.name in ("lien_donnees", "lien_visualiseur", "source_url"):
                text = " ".join(
                    f'<a href="{html.escape(url)}">{html.escape(url)}</a>' for url in value.split()
                )
            rows.append(f"<tr><th align='left'>{html.escape(field.label)}</th><td>{text}</td></tr>")
        self.details.setHtml(f"<table cellspacing='4'>{''.join(rows)}</table>")

    def open_link(self, name: str) -> None:
        """The record's ``name`` address (its first) through the dock's open_web."""
        record = self.current_record()
        if record is not None and record[name]:
            self.dock.open_web(record[name].split()[0])

    # --------------------------------------------------------------------------------- map

    def show_on_map(self, old: bool | None = None) -> QgsVectorLayer | None:
        """The régions (or, with ``old``, the régions before 2016) joined to the inventory, in the
        project's group « Regional land-cover bases », styled by availability."""
        old = self.old_regions.isChecked() if old is None else old
        try:
            path = pipeline.map_file(self.records, old)
        except OSError as error:
            self.dock.message(str(error), Qgis.MessageLevel.Warning)
            return None
        project = self.dock.project
        for layer in list(project.mapLayers().values()):
            if Path(layer.source().split("|")[0]) == path:
                project.removeMapLayer(layer.id())
        name = (
            tr("Regional land-cover bases – régions before 2016")
            if old
            else tr("Regional land-cover bases – régions")
        )
        layer = QgsVectorLayer(str(path), name, "ogr")
        if not layer.isValid():
            self.dock.message(tr("{path} could not be read.").format(path=path))
            return None
        layer.setRenderer(_availability_renderer())
        project.addMapLayer(layer, False)
        group_name = tr("Regional land-cover bases")
        root = project.layerTreeRoot()
        group = root.findGroup(group_name) or root.insertGroup(0, group_name)
        group.insertLayer(0, layer)
        self.dock.message(
            tr("Added to the map: {name}.").format(name=name), Qgis.MessageLevel.Success
        )
        return layer

    # --------------------------------------------------------------------- export, import

    def export(self, target: str | None = None) -> list[str]:
        """The inventory in use as CSV at ``target`` (asked when None) and GeoJSON beside it."""
        target = target or self.ask_export()
        if not target:
            return []
        csv_path = Path(target).with_suffix(".csv")
        geojson = csv_path.with_suffix(".geojson")
        try:
            run = pipeline.run_regional_bases(
                pipeline.inventory_path(), output_csv=csv_path, output_geojson=geojson
            )
        except (OSError, OcsgeError, rb.InventoryError) as error:
            self.dock.message(str(error), Qgis.MessageLevel.Warning)
            return []
        written = list(run.written.values())
        self.dock.message(
            tr("Exported: {files}.").format(files=", ".join(written)), Qgis.MessageLevel.Success
        )
        return written

    def import_file(self, path: str | None = None) -> bool:
        """Check the file, show what it would change, take what the user checks, save the
        result as the user's copy. True when something was taken."""
        path = path or self.ask_import()
        if not path:
            return False
        try:
            incoming = rb.import_inventory(path)
        except rb.InventoryError as error:
            self.show_problems(error.problems)
            return False
        preview = rb.merge(self.records, incoming)
        if not preview.added and not preview.changed:
            self.dock.message(tr("Nothing new in {name}.").format(name=Path(path).name))
            return False
        accepted = self.ask_accept(preview)
        if not accepted:
            self.dock.message(tr("Import canceled: the inventory is unchanged."))
            return False
        try:
            saved = pipeline.save_user_inventory(rb.apply(preview, accept=accepted))
        except OSError as error:
            self.dock.message(str(error), Qgis.MessageLevel.Warning)
            return False
        self.reload()
        self.dock.message(
            tr("Inventory saved: {path}.").format(path=saved), Qgis.MessageLevel.Success
        )
        return True

    def _preview(self, preview: rb.MergePreview) -> list | None:
        dialog = PreviewDialog(preview, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.accepted_items()

    def _problems(self, problems: list[str]) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Import refused"))
        box.setText(
            plural(
                len(problems),
                tr("The file is refused ({count} problem); nothing was changed."),
                tr("The file is refused ({count} problems); nothing was changed."),
            ).format(count=len(problems))
        )
        box.setDetailedText("\n".join(problems))
        box.exec()

    def reset(self, confirmed: bool = False) -> None:
        """Remove the user's copy: the shipped inventory is used again."""
        if not confirmed and not self.dock.confirm(
            tr("Back to the shipped inventory"),
            tr("Remove your merged copy ({path})?").format(path=pipeline.user_inventory()),
        ):
            return
        if pipeline.reset_user_inventory():
            self.dock.message(tr("The inventory shipped with the plugin is used again."))
        self.reload()


def _availability_renderer() -> QgsCategorizedSymbolRenderer:
    """One colour per availability (``disponibilite``), labelled as the ``categorie`` field."""
    renderer = QgsCategorizedSymbolRenderer("disponibilite", [])
    labels = pipeline.availability_labels()
    for key in pipeline.AVAILABILITY:
        symbol = QgsFillSymbol.createSimple(
            {"color": COLOURS[key], "outline_color": "#4d4d4d", "outline_width": "0.2"}
        )
        renderer.addCategory(QgsRendererCategory(key, symbol, labels[key]))
    return renderer
