"""The dock panel's widgets: its four tabs (data.gouv.fr, OCS GE from IGN, regional land-cover
bases — regional_tab.py —, settings), the status
line, the progress bar and the Cancel button, built and laid out here; their signals go to the
slots :class:`dock.OcsgeDock` defines (search, add_to_map, download_and_load, save_settings…)."""

from __future__ import annotations

from qgis.gui import QgsDockWidget, QgsDoubleSpinBox, QgsFileWidget, QgsFilterLineEdit
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QShortcut,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import settings
from ..core.i18n import tr
from ..services import catalogue, datagouv
from .regional_tab import RegionalBasesTab

__all__ = [
    "DockWidgets",
]


class DockWidgets(QgsDockWidget):
    """The panel's widgets (``_build``); the subclass holds the state and the slots."""

    def _build(self) -> None:
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_datagouv(), tr("data.gouv.fr"))
        self.tabs.addTab(self._build_ign(), tr("OCS GE (IGN)"))
        self.tabs.addTab(self._build_settings(), tr("Settings"))
        outer.addWidget(self.tabs)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.status)
        self.regional_tab = RegionalBasesTab(self)  # after the status line, which it writes to
        self.tabs.insertTab(2, self.regional_tab, tr("Regional land-cover bases"))
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setToolTip(tr("Stop the running download or loading (Esc)"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        outer.addLayout(row)
        self.setWidget(body)
        self._show_page(None)
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self._focus_search),
            (QKeySequence(Qt.Key.Key_Escape), self.cancel),
        ):
            shortcut = QShortcut(QKeySequence(keys), body)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _build_datagouv(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.search_edit = QgsFilterLineEdit()
        self.search_edit.setShowSearchIcon(True)
        self.search_edit.setPlaceholderText(tr("Search data.gouv.fr (Enter)…"))
        self.search_edit.setToolTip(
            tr("Searches as you type, or at once with Enter (Ctrl+F to come back here)")
        )
        self.search_edit.textEdited.connect(lambda _text: self._timer.start())
        self.search_edit.returnPressed.connect(self.search)
        self.search_button = QPushButton(tr("&Search"))
        self.search_button.clicked.connect(lambda: self.search())
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.search_button)
        layout.addLayout(row)
        layout.addLayout(self._build_presets())

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_results_pane())
        splitter.addWidget(self._build_resources_pane())
        layout.addWidget(splitter, 1)

        chain = [
            self.search_edit,
            self.search_button,
            *self.preset_buttons,
            *self.known_buttons,
            self.results,
            self.previous_button,
            self.next_button,
            self.description,
            self.resources,
            self.add_button,
            self.download_button,
            self.page_button,
        ]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        return page

    def _build_results_pane(self) -> QWidget:
        """The datasets found, a page at a time (previous, next)."""
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.results = self._tree([tr("Dataset"), tr("Organisation"), tr("Updated"), tr("Files")])
        self.results.currentItemChanged.connect(
            lambda current, _previous: self._dataset_selected(current)
        )
        self.results.itemActivated.connect(lambda _item, _col: self.resources.setFocus())
        top_layout.addWidget(self.results)
        pager = QHBoxLayout()
        self.previous_button = QPushButton(tr("◀ &Previous"))
        self.previous_button.clicked.connect(
            lambda: self.search(self.page.page - 1 if self.page else 1)
        )
        self.next_button = QPushButton(tr("&Next ▶"))
        self.next_button.clicked.connect(
            lambda: self.search(self.page.page + 1 if self.page else 1)
        )
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pager.addWidget(self.previous_button)
        pager.addWidget(self.page_label, 1)
        pager.addWidget(self.next_button)
        top_layout.addLayout(pager)
        return top

    def _build_resources_pane(self) -> QWidget:
        """The dataset's description, its files and what to do with one."""
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        self.description = QTextBrowser()
        self.description.setOpenLinks(
            False
        )  # a link of a description: opened by open_web (http, https only)
        self.description.anchorClicked.connect(lambda url: self.open_web(url.toString()))
        bottom_layout.addWidget(self.description, 1)
        self.resources = self._tree([tr("File"), tr("Format"), tr("Size"), tr("Modified")])
        self.resources.itemActivated.connect(lambda _item, _col: self.add_to_map())
        self.resources.currentItemChanged.connect(lambda _c, _p: self._update_buttons())
        bottom_layout.addWidget(self.resources, 1)
        actions = QHBoxLayout()
        self.add_button = QPushButton(tr("&Add to map"))
        self.add_button.clicked.connect(self.add_to_map)
        self.download_button = QPushButton(tr("&Download…"))
        self.download_button.clicked.connect(lambda: self.download_resource())
        self.page_button = QPushButton(tr("Open the &web page"))
        self.page_button.clicked.connect(self.open_page)
        for button in (self.add_button, self.download_button, self.page_button):
            actions.addWidget(button)
        bottom_layout.addLayout(actions)
        return bottom

    def _build_presets(self) -> QHBoxLayout:
        """The preset searches, then the datasets found and loaded in one click."""
        presets = QHBoxLayout()
        self.preset_buttons = []
        for label, query in datagouv.presets():
            button = QPushButton(label)
            button.setFlat(True)
            button.setToolTip(tr("Search “{query}”").format(query=query))
            button.clicked.connect(lambda _checked=False, q=query: self.search_for(q))
            presets.addWidget(button)
            self.preset_buttons.append(button)
        self.known_buttons = []
        for wanted in datagouv.known():
            button = QPushButton(wanted.label)
            button.setFlat(True)
            button.setToolTip(
                tr(
                    "Finds {organization}'s dataset “{title}” on data.gouv.fr and adds "
                    "its {kind} file ({name}) to the project in one click"
                ).format(
                    organization=wanted.organization,
                    title=wanted.title,
                    kind=wanted.kind.upper(),
                    name=wanted.resource,
                )
            )
            button.clicked.connect(lambda _checked=False, w=wanted: self.load_known(w))
            presets.addWidget(button)
            self.known_buttons.append(button)
        presets.addStretch(1)
        return presets

    def _build_ign(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.departement_combo = QComboBox()
        for code, name in catalogue.departements():
            self.departement_combo.addItem(f"{code} — {name}", code)
        self.departement_combo.setToolTip(tr("Type the code to jump to a département"))
        label = QLabel(tr("Dé&partement"))
        label.setBuddy(self.departement_combo)
        self.list_button = QPushButton(tr("&List deliveries"))
        self.list_button.clicked.connect(self.list_deliveries)
        row.addWidget(label)
        row.addWidget(self.departement_combo, 1)
        row.addWidget(self.list_button)
        layout.addLayout(row)
        self.delivery_tree = self._tree(
            [tr("Delivery"), tr("Millésimes"), tr("Format"), tr("Date")]
        )
        self.delivery_tree.itemActivated.connect(lambda _item, _col: self.download_and_load())
        self.delivery_tree.currentItemChanged.connect(lambda _c, _p: self._update_buttons())
        layout.addWidget(self.delivery_tree, 1)
        self.load_button = QPushButton(tr("Download and l&oad"))
        self.load_button.setToolTip(
            tr(
                "Downloads the archive into the cache (reused next time), extracts it "
                "and loads it with ocsge:load"
            )
        )
        self.load_button.clicked.connect(self.download_and_load)
        layout.addWidget(self.load_button)
        for first, second in (
            (self.departement_combo, self.list_button),
            (self.list_button, self.delivery_tree),
            (self.delivery_tree, self.load_button),
        ):
            QWidget.setTabOrder(first, second)
        return page

    def _build_settings(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.cache_widget = QgsFileWidget()
        self.cache_widget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.cache_widget.setFilePath(str(settings.cache_folder()))
        form.addRow(tr("Download cache"), self.cache_widget)
        self.datagouv_edit = QLineEdit(settings.datagouv_url())
        form.addRow(tr("data.gouv.fr API"), self.datagouv_edit)
        self.ign_edit = QLineEdit(settings.ign_url())
        form.addRow(tr("IGN download service"), self.ign_edit)
        self.timeout_spin = QgsDoubleSpinBox()
        self.timeout_spin.setRange(1, 600)
        self.timeout_spin.setSuffix(tr(" s"))
        self.timeout_spin.setValue(settings.timeout())
        self.timeout_spin.setClearValue(settings.DEFAULTS["network/timeout"][0])
        form.addRow(tr("Timeout without an answer"), self.timeout_spin)
        self.cache_size_spin = QgsDoubleSpinBox()
        self.cache_size_spin.setRange(0.1, 1000)
        self.cache_size_spin.setDecimals(1)
        self.cache_size_spin.setSuffix(tr(" GB"))
        self.cache_size_spin.setValue(settings.cache_max_bytes() / 1e9)
        self.cache_size_spin.setClearValue(settings.DEFAULTS["cache/max_gb"][0])
        self.cache_size_spin.setToolTip(
            tr("Extracted archives beyond this size are removed, the least recently used first")
        )
        clear = QPushButton(tr("Empty the cache"))
        clear.setToolTip(
            tr(
                "Removes the downloaded archives and their extractions (they are "
                "downloaded again when needed)"
            )
        )
        clear.clicked.connect(self.clear_cache)
        self.clear_cache_button = clear
        row = QHBoxLayout()
        row.addWidget(self.cache_size_spin, 1)
        row.addWidget(clear)
        form.addRow(tr("Extraction cache size"), row)
        buttons = QHBoxLayout()
        save = QPushButton(tr("Save"))
        save.clicked.connect(self.save_settings)
        defaults = QPushButton(tr("Restore defaults"))
        defaults.clicked.connect(self.restore_settings)
        buttons.addWidget(save)
        buttons.addWidget(defaults)
        form.addRow(buttons)
        return page

    def _tree(self, headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.header().setStretchLastSection(False)
        for column in range(1, len(headers)):
            tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return tree
