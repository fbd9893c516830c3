"""The dock panel: search data.gouv.fr, list IGN's OCS GE deliveries, download and load.

Every network call and extraction runs in a QgsTask (WorkTask, or QgsProcessingAlgRunnerTask for
``ocsge:load``): the interface never waits, a progress bar and a Cancel button (Esc) follow the
long work. Keyboard: Ctrl+F goes to the search box, Enter searches at once (typing searches after
a short pause), Enter on a dataset goes to its resources, Enter on a resource or a delivery adds
it to the map."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
)
from qgis.PyQt.QtCore import Qt, QTimer, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QPalette
from qgis.PyQt.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QTreeWidgetItem,
)

from ..core import compat, settings
from ..core.i18n import plural, tr
from ..core.masking import masked
from ..services import catalogue, datagouv, network
from ..services.datagouv import Dataset, Resource, SearchPage
from ..storage import archives, files
from .dock_widgets import DockWidgets
from .layers import LoadError, add_layers, layer_specs
from .tasks import WorkTask

__all__ = [
    "OcsgeDock",
]

PAGE_SIZE = 20
SEARCH_DELAY_MS = 400
MIN_QUERY = 2  # characters before searching as you type


class _Feedback(QgsProcessingFeedback):
    """Keeps the errors ocsge:load reports, to show them."""

    def __init__(self):
        super().__init__()
        self.errors: list[str] = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.errors.append(error)
        super().reportError(error, fatalError)


class OcsgeDock(DockWidgets):
    def __init__(self, iface=None, parent=None, project: QgsProject | None = None):
        super().__init__(tr("OCS GE — data"), parent)
        self.setObjectName("OcsgeDataDock")
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl  # replaced in tests
        self.ask_folder: Callable[[], str] = lambda: QFileDialog.getExistingDirectory(
            self, tr("Download to folder"), str(settings.cache_folder())
        )
        self.page: SearchPage | None = None
        self.dataset: Dataset | None = None
        self.deliveries: list[catalogue.Delivery] = []
        self._search_serial = 0
        self._search_task: WorkTask | None = None
        self._job = None  # the running download / load (one at a time)
        self._keep: list = []  # Python references QGIS's task manager does not hold
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_as_typed)
        self._build()

    # ----------------------------------------------------------------------------- messages

    def message(self, text: str, level=Qgis.MessageLevel.Info) -> None:
        self.status.setText(text)
        if self.iface is not None and level in (
            Qgis.MessageLevel.Warning,
            Qgis.MessageLevel.Critical,
            Qgis.MessageLevel.Success,
        ):
            self.iface.messageBar().pushMessage(tr("OCS GE"), text, level, 8)

    def _client(self, task) -> network.Client:
        return network.Client(is_canceled=task.isCanceled)

    def _start(self, task) -> None:
        if isinstance(task, WorkTask):  # after cancel_all (plugin unloaded), results go nowhere
            for name in ("on_done", "on_error", "on_canceled"):
                callback = getattr(task, name)
                if callback is not None:
                    setattr(
                        task, name, lambda *args, f=callback: None if self._closed else f(*args)
                    )
        self._keep.append(task)
        QgsApplication.taskManager().addTask(task)

    def _forget(self, task) -> None:
        if task in self._keep:
            self._keep.remove(task)

    # ------------------------------------------------------------------------------- search

    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _search_as_typed(self) -> None:
        if len(self.search_edit.text().strip()) >= MIN_QUERY:
            self.search()

    def search_for(self, query: str) -> None:
        self.search_edit.setText(query)
        self.search()

    def search(self, page: int = 1) -> None:
        """Search data.gouv.fr for the box's text (page ``page``) in the background."""
        self._timer.stop()
        query = self.search_edit.text().strip()
        if not query:
            return
        self._cancel(self._search_task)
        self._search_serial += 1
        serial = self._search_serial
        self.message(tr("Searching data.gouv.fr for “{query}”…").format(query=query))

        def work(task):
            return datagouv.DataGouv(self._client(task)).search(query, max(1, page), PAGE_SIZE)

        def done(result: SearchPage) -> None:
            if serial == self._search_serial:
                self._show_page(result)

        def failed(text: str) -> None:
            if serial == self._search_serial:
                self.message(text, Qgis.MessageLevel.Warning)

        task = WorkTask(tr("Searching data.gouv.fr"), work, done, failed)
        task.taskCompleted.connect(lambda: self._forget(task))
        task.taskTerminated.connect(lambda: self._forget(task))
        self._search_task = task
        self._start(task)

    def _show_page(self, page: SearchPage | None) -> None:
        self.page = page
        self.results.clear()
        self._show_dataset(None)
        datasets = page.datasets if page else ()
        for dataset in datasets:
            count = len(dataset.resources) if dataset.resources is not None else ""
            item = QTreeWidgetItem(
                [dataset.title, dataset.organization, dataset.updated, str(count)]
            )
            item.setToolTip(0, dataset.title)
            item.setData(0, Qt.ItemDataRole.UserRole, dataset)
            self.results.addTopLevelItem(item)
        self.previous_button.setEnabled(bool(page and page.previous_page))
        self.next_button.setEnabled(bool(page and page.next_page))
        if page is None:
            self.page_label.setText("")
        elif not page.total:
            self.page_label.setText("")
            self.message(tr("No dataset matches “{query}”.").format(query=page.query))
        else:
            self.page_label.setText(
                tr("Page {page} of {pages} — {total} datasets").format(
                    page=page.page, pages=page.pages, total=page.total
                )
            )
            self.message(
                tr("{total} datasets for “{query}”.").format(total=page.total, query=page.query)
            )

    def _dataset_selected(self, item: QTreeWidgetItem | None) -> None:
        dataset = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        self._show_dataset(dataset)
        if dataset is not None and dataset.resources is None:
            self._fetch_dataset(dataset)

    def _fetch_dataset(self, dataset: Dataset) -> None:
        def done(full: Dataset) -> None:
            if self.dataset is not None and self.dataset.id == full.id:
                self._show_dataset(full)

        task = WorkTask(
            tr("Reading a data.gouv.fr dataset"),
            lambda t: datagouv.DataGouv(self._client(t)).dataset(dataset.id or dataset.slug),
            done,
            lambda text: self.message(text, Qgis.MessageLevel.Warning),
        )
        task.taskCompleted.connect(lambda: self._forget(task))
        task.taskTerminated.connect(lambda: self._forget(task))
        self._start(task)

    def _show_dataset(self, dataset: Dataset | None) -> None:
        self.dataset = dataset
        self.resources.clear()
        if dataset is None:
            self.description.clear()
            self._update_buttons()
            return
        facts = " · ".join(
            p
            for p in (
                dataset.organization,
                tr("updated {date}").format(date=dataset.updated) if dataset.updated else "",
                dataset.license,
            )
            if p
        )
        self.description.setMarkdown(f"### {dataset.title}\n\n*{facts}*\n\n{dataset.description}")
        for resource in dataset.resources or ():
            item = QTreeWidgetItem(
                [
                    resource.title,
                    resource.format.upper(),
                    datagouv.human_size(resource.filesize),
                    datagouv.short_date(resource.last_modified),
                ]
            )
            reason = resource.why_not_displayable()
            item.setToolTip(0, reason or resource.download_url)
            if reason:
                item.setForeground(
                    0, self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
                )
            item.setData(0, Qt.ItemDataRole.UserRole, resource)
            self.resources.addTopLevelItem(item)
        if self.resources.topLevelItemCount():
            self.resources.setCurrentItem(self.resources.topLevelItem(0))
        self._update_buttons()

    def current_resource(self) -> Resource | None:
        item = self.resources.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def current_delivery(self) -> catalogue.Delivery | None:
        item = self.delivery_tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        resource = self.current_resource()
        busy = self._job is not None
        self.add_button.setEnabled(resource is not None and not busy)
        self.download_button.setEnabled(
            resource is not None and bool(resource.download_url) and not busy
        )
        self.page_button.setEnabled(bool(self.dataset and self.dataset.page))
        self.load_button.setEnabled(self.current_delivery() is not None and not busy)
        self.list_button.setEnabled(not busy)

    # ------------------------------------------------------------------------------ actions

    def open_page(self) -> None:
        """The dataset's page in the browser."""
        if self.dataset and self.dataset.page:
            self.open_web(self.dataset.page)

    def open_web(self, address: str) -> None:
        """``address`` in the browser when it is an http or https address with a host; refused
        with a message otherwise (the desktop would open any scheme, a local file included, with
        whatever program it chooses)."""
        url = QUrl(address)
        if not url.isValid() or url.scheme().lower() not in network.WEB_SCHEMES or not url.host():
            self.message(
                tr("Refused to open “{url}”: not a web address (http or https).").format(
                    url=masked(address)[:200]
                ),
                Qgis.MessageLevel.Warning,
            )
            return
        self.open_url(url)

    def add_to_map(self) -> None:
        """Download the selected resource (into the cache, reused) and add it to the map."""
        resource, dataset = self.current_resource(), self.dataset
        if resource is None or self._job is not None:
            return
        reason = resource.why_not_displayable()
        if reason:
            self.message(reason, Qgis.MessageLevel.Warning)
            self.download_button.setFocus()
            return

        def then(result) -> None:
            path, reused = result
            if reused:
                self.message(tr("{name}: reused from the cache.").format(name=path.name))
            if resource.kind == "ocsge_7z":
                self.run_load(path)
            else:
                self._add_file(path, resource, dataset)

        self._run_job(
            tr("Downloading {title}").format(title=resource.title),
            lambda t: datagouv.DataGouv(self._client(t)).download(resource, progress=t.setProgress),
            then,
        )

    def load_known(self, wanted: datagouv.Known) -> None:
        """Find a known dataset (``datagouv.known()``), download its file (the cache reused) and
        add it to the project, in one background job."""
        if self._job is not None:
            return
        found: dict[str, Any] = {}

        def work(task):
            api = datagouv.DataGouv(self._client(task))
            found["dataset"], found["resource"] = api.find(wanted)
            return api.download(found["resource"], progress=task.setProgress)

        def then(result) -> None:
            path, reused = result
            if reused:
                self.message(tr("{name}: reused from the cache.").format(name=path.name))
            self._add_file(path, found["resource"], found["dataset"])

        self._run_job(tr("Finding and downloading {label}").format(label=wanted.label), work, then)

    def _add_file(self, path: Path, resource: Resource, dataset: Dataset | None) -> None:
        try:
            specs = layer_specs(path, resource.kind or "", resource.title)
            layers = add_layers(specs, self.project, dataset.title if dataset else resource.title)
        except LoadError as error:
            self.message(str(error), Qgis.MessageLevel.Warning)
            return
        self.message(
            tr("Added to the map: {names}.").format(
                names=", ".join(layer.name() for layer in layers)
            ),
            Qgis.MessageLevel.Success,
        )

    def download_resource(self, folder: str | None = None) -> None:
        """Download the selected resource to a folder the user chooses."""
        resource = self.current_resource()
        if resource is None or self._job is not None:
            return
        folder = folder or self.ask_folder()
        if not folder:
            return
        self._run_job(
            tr("Downloading {title}").format(title=resource.title),
            lambda t: datagouv.DataGouv(self._client(t)).download(
                resource, folder, progress=t.setProgress
            ),
            lambda result: self.message(
                tr("Saved: {path}").format(path=result.path), Qgis.MessageLevel.Success
            ),
        )

    def list_deliveries(self) -> None:
        code = self.departement_combo.currentData()
        self.delivery_tree.clear()
        self.deliveries = []
        self._update_buttons()
        self.message(tr("Asking IGN which OCS GE deliveries exist for {dep}…").format(dep=code))

        def done(deliveries: list[catalogue.Delivery]) -> None:
            self.deliveries = deliveries
            for delivery in deliveries:
                item = QTreeWidgetItem(
                    [
                        catalogue.kind_label(delivery.kind),
                        delivery.years,
                        delivery.format,
                        delivery.date,
                    ]
                )
                item.setToolTip(0, delivery.name)
                item.setData(0, Qt.ItemDataRole.UserRole, delivery)
                self.delivery_tree.addTopLevelItem(item)
            if deliveries:
                self.delivery_tree.setCurrentItem(self.delivery_tree.topLevelItem(0))
                self.message(
                    plural(
                        len(deliveries),
                        tr("{count} delivery for département {dep}."),
                        tr("{count} deliveries for département {dep}."),
                    ).format(count=len(deliveries), dep=code)
                )
            else:
                self.message(
                    tr(
                        "IGN's download service lists no OCS GE delivery for département {dep}."
                    ).format(dep=code)
                )
            self._update_buttons()

        task = WorkTask(
            tr("Listing IGN's OCS GE deliveries"),
            lambda t: catalogue.Catalogue(self._client(t)).deliveries(code, progress=t.setProgress),
            done,
            lambda text: self.message(text, Qgis.MessageLevel.Warning),
        )
        task.taskCompleted.connect(lambda: self._forget(task))
        task.taskTerminated.connect(lambda: self._forget(task))
        self._start(task)

    def download_and_load(self) -> None:
        """Download the selected IGN delivery (cache, reused) and load it with ocsge:load."""
        delivery = self.current_delivery()
        if delivery is None or self._job is not None:
            return
        self._run_job(
            tr("Downloading {name}").format(name=delivery.name),
            lambda t: catalogue.Catalogue(self._client(t)).download(
                delivery, progress=t.setProgress
            ),
            lambda result: self.run_load(result.path),
        )

    # --------------------------------------------------------------------------- long jobs

    def _run_job(self, description: str, work, then: Callable[[Any], None]) -> None:
        """One download at a time, with the progress bar and the Cancel button."""

        def done(result) -> None:
            self._end_job()
            then(result)

        def failed(text: str) -> None:
            self._end_job()
            self.message(text, Qgis.MessageLevel.Warning)

        def canceled() -> None:
            self._end_job()
            self.message(tr("Canceled: nothing was kept."))

        task = WorkTask(description, work, done, failed, canceled)
        task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self._begin_job(task, description)
        self._start(task)

    def run_load(self, archive: Path) -> None:
        """Extract and load an OCS GE archive with ocsge:load, in the background."""
        algorithm = QgsApplication.processingRegistry().createAlgorithmById("ocsge:load")
        if algorithm is None:
            self.message(
                tr("The OCS GE Processing provider is not loaded: enable the plugin again."),
                Qgis.MessageLevel.Critical,
            )
            return
        parameters = {"INPUT": str(archive)}
        context = QgsProcessingContext()
        context.setProject(self.project)
        feedback = _Feedback()
        task = QgsProcessingAlgRunnerTask(algorithm, parameters, context, feedback)
        feedback.progressChanged.connect(lambda value: self.progress.setValue(int(value)))

        def executed(ok: bool, results: dict) -> None:
            if self._closed:
                return
            self._end_job()
            self._forget((algorithm, context, feedback))
            if feedback.isCanceled():
                self.message(tr("Canceled."))
            elif ok and results:
                compat.load_results(algorithm, context, feedback, parameters)
                count = len(results.get("LAYERS") or [])
                self.message(
                    plural(
                        count,
                        tr("Loaded {count} OCS GE layer from {name}."),
                        tr("Loaded {count} OCS GE layers from {name}."),
                    ).format(count=count, name=archive.name),
                    Qgis.MessageLevel.Success,
                )
            else:
                self.message(
                    feedback.errors[-1]
                    if feedback.errors
                    else tr("Loading {name} failed.").format(name=archive.name),
                    Qgis.MessageLevel.Warning,
                )

        task.executed.connect(executed)
        self._keep.append((algorithm, context, feedback))
        self._begin_job(task, tr("Loading {name}").format(name=archive.name))
        self._start(task)

    def _begin_job(self, task, description: str) -> None:
        self._job = task
        self.progress.setValue(0)
        self.progress.setFormat(f"{description} — %p%")
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.message(description + "…")
        self._update_buttons()

    def _end_job(self) -> None:
        if self._job is not None:
            self._forget(self._job)
        self._job = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_buttons()

    def cancel(self) -> None:
        """Stop the running download or loading (what was partly downloaded is removed)."""
        self._cancel(self._job)

    def cancel_all(self) -> None:
        """Stop everything and report nothing more (the plugin is being unloaded)."""
        self._closed = True
        self._timer.stop()
        for task in [self._search_task, self._job, *self._keep]:
            self._cancel(task)

    @staticmethod
    def _cancel(task) -> None:
        if hasattr(task, "cancel"):
            try:
                task.cancel()
            except RuntimeError:  # finished: already deleted by the task manager
                pass

    @property
    def busy(self) -> bool:
        return self._job is not None

    # ----------------------------------------------------------------------------- settings

    def save_settings(self) -> None:
        settings.set_value("cache_dir", self.cache_widget.filePath().strip())
        settings.set_value(
            "datagouv_url",
            self.datagouv_edit.text().strip() or settings.DEFAULTS["datagouv_url"][0],
        )
        settings.set_value(
            "ign_url", self.ign_edit.text().strip() or settings.DEFAULTS["ign_url"][0]
        )
        settings.set_value("network/timeout", float(self.timeout_spin.value()))
        settings.set_value("cache/max_gb", float(self.cache_size_spin.value()))
        self.message(tr("Settings saved."))

    def clear_cache(self) -> None:
        """Empty the plugin's caches: downloads (the ign and datagouv folders it made) and
        extractions."""
        if self.busy:
            self.message(
                tr("A download is running: empty the cache once it is over."),
                Qgis.MessageLevel.Warning,
            )
            return
        if not self.confirm(tr("Empty the cache"), self.cache_contents()):
            return
        freed = archives.clear_cache()
        for name in ("ign", "datagouv"):
            folder = settings.cache_folder() / name
            freed += archives.tree_size(folder)
            files.remove(folder)
        self.message(tr("Cache emptied: {size} freed.").format(size=datagouv.human_size(freed)))

    def cache_contents(self) -> str:
        """What « Empty the cache » removes, with the sizes, as the question asked before doing
        it."""
        cache = settings.cache_folder()
        extracted = sum(
            archives.tree_size(settings.cache_dir() / name) for name in ("extract", "normalised")
        )
        downloaded = sum(archives.tree_size(cache / name) for name in ("ign", "datagouv"))
        return tr(
            "Remove:\n- the extracted archives and normalised layers ({extracted}), in {work};\n"
            "- the downloaded archives and files ({downloaded}), in {folder}.\n\n"
            "Layers loaded with the plugin read copies kept beside the archives and stay valid; "
            "a delivery downloaded again is downloaded anew. Empty the cache?"
        ).format(
            work=settings.cache_dir(),
            folder=cache,
            extracted=datagouv.human_size(extracted),
            downloaded=datagouv.human_size(downloaded),
        )

    def confirm(self, title: str, text: str) -> bool:
        """The user's yes to ``text`` (No is the default answer)."""
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_settings(self) -> None:
        for name in ("cache_dir", "datagouv_url", "ign_url", "network/timeout", "cache/max_gb"):
            settings.reset(name)
        self.cache_size_spin.setValue(settings.cache_max_bytes() / 1e9)
        self.cache_widget.setFilePath(str(settings.cache_folder()))
        self.datagouv_edit.setText(settings.datagouv_url())
        self.ign_edit.setText(settings.ign_url())
        self.timeout_spin.setValue(settings.timeout())
        self.message(tr("Default settings restored."))
