"""Shared fixtures: the plugin as the package ``ocsge`` (whatever the clone's folder is called),
its provider registered in QGIS, a private extraction cache, and helpers to run algorithms.

The helpers tests import are in support.py (``from support import …``), never here."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/: support, builders, fakes…
import support  # noqa: E402 - the session's folders and TMPDIR, before QGIS starts
from support import Recorder, import_plugin  # noqa: E402


def _private_qgis_settings() -> None:
    """The QGIS settings file of this session only, in its temporary folder.

    pytest-qgis >= 3 (QGIS >= 3.34) starts QGIS before conftest.py is read, its profile in
    ``<rootdir>/.qgis-settings``: in the checkout, so two suites of one checkout run at once (CI's
    QGIS 3.40 and 3.44 chroots) shared one QGIS3.ini, and a test read the other suite's
    ``ocsge/datagouv_url`` (its pytest-httpserver's port): "connection refused", the dock's first
    search timed out. Settings made from now on go to a copy of that file in the session's folder.
    (pytest-qgis 2 starts QGIS later, with a profile made by ``tempfile``: under TMPDIR already.)"""
    from qgis.PyQt.QtCore import QCoreApplication, QSettings

    if QCoreApplication.instance() is None:
        return
    from qgis.core import QgsSettings

    current = Path(QgsSettings().fileName())
    folder = support.SESSION_TMP / "qgis-settings"
    target = folder / current.parent.name / current.name  # <folder>/QGIS/QGIS3.ini
    target.parent.mkdir(parents=True, exist_ok=True)
    if current.is_file():
        shutil.copyfile(current, target)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    if Path(QgsSettings().fileName()) != target:
        raise RuntimeError(f"QGIS settings still in {QgsSettings().fileName()}, not {target}")


_private_qgis_settings()
support.note_early_qgis_temporaries()


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """pytest's own temporary folders (``tmp_path``) in the session's folder, not /tmp: those of
    passed tests are removed as they end (pytest.ini), the rest with the session's folder; when the
    run failed, they are kept in <build>/pytest-tmp (see pytest_unconfigure)."""
    if config.option.basetemp is None:
        config.option.basetemp = str(support.PYTEST_TMP)


@pytest.fixture(scope="session")
def ocsge():
    """The plugin package (``ocsge.ocsge_plugin`` is the domain core)."""
    return import_plugin()


@pytest.fixture(scope="session")
def _registered(qgis_processing, ocsge):
    """The plugin loaded as QGIS does under qgis_process (iface None), provider registered."""
    from qgis.core import QgsApplication

    plugin = ocsge.classFactory(None)
    plugin.initProcessing()
    yield
    registry = QgsApplication.processingRegistry()
    if registry.providerById("ocsge") is not None:
        registry.removeProvider(registry.providerById("ocsge"))


@pytest.fixture(scope="session", autouse=True)
def _iface_layer_tree_view(qgis_iface):
    """QGIS's own layer tree view for pytest-qgis's stand-in ``iface``, as the real one has.

    From QGIS 3.40 on, Processing places the layers it loads (processing.runAndLoadResults, the
    panel's loading) with ``iface.layerTreeView()``: pytest-qgis 2.1.0's iface has no such
    method, the later ones answer a MagicMock, which QGIS 3.44's C++ ``addResultLayers`` refuses
    (TypeError)."""
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    view = QgsLayerTreeView()
    view.setModel(QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), view))
    qgis_iface.layerTreeView = lambda: view
    yield view


@pytest.fixture(autouse=True)
def _widgets_deleted_after_each_test():
    """The widgets a test gave to ``deleteLater`` (dialogs, the dock) are deleted when it ends, not
    at some later event loop inside another test (as pytest-qt does): a dialog's layer boxes then
    never meet the next test's project."""
    yield
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


_KEEP_ALIVE: list = []  # QGIS's registry does not keep the Python object of a provider alive


@pytest.fixture
def provider(_registered):
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    if registry.providerById("ocsge") is None:  # a test set it aside
        from ocsge.processing_provider.provider import OcsgeProvider

        _KEEP_ALIVE.append(OcsgeProvider())
        registry.addProvider(_KEEP_ALIVE[-1])
    return registry.providerById("ocsge")


@pytest.fixture
def run(provider):
    """run(alg, params) → (results, feedback) through processing.run."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProject

    def _run(alg: str, params: dict, feedback=None):
        feedback = feedback or Recorder()
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        results = processing.run(alg, params, feedback=feedback, context=context)
        return results, feedback

    return _run


@pytest.fixture(scope="session")
def postgis():
    """A private PostgreSQL + PostGIS cluster (scripts/pg_cluster.py) for the whole session:
    started at its first use, stopped and removed at the end (failures and Ctrl+C included)."""
    import pg_cluster

    bindir = pg_cluster.find_bindir()
    if bindir is None:
        pytest.fail(
            "PostgreSQL + PostGIS manquent (/usr/lib/postgresql/*/bin) : `make deps` les installe."
        )
    cluster = pg_cluster.Cluster(bindir).start()
    try:
        yield cluster
    finally:
        cluster.stop()


# QGIS 3.22 can crash (SIGSEGV) while Python tears down Qt objects after exitQgis(), once the
# results are known and reported. End the process with pytest's own exit status instead.
_EXIT_STATUS = {"value": None}


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """Every test and fixture has ended: whatever is left in the session's temporary folder (but its
    own folders and this process's QGIS temporaries) was leaked by a test, a fixture or a process
    they started. The run fails and says what (the folder is removed all the same at exit)."""
    leaked = support.leftovers()
    if leaked:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        text = (
            f"Temporary files left by the run in {support.SESSION_TMP} (the run's TMPDIR, "
            f"{support.SYSTEM_TMP} without it): {', '.join(leaked)}"
        )
        if reporter is not None:
            reporter.ensure_newline()
            reporter.write_sep("=", "temporary files leaked", red=True)
            reporter.write_line(text)
        else:
            print(text, file=sys.stderr)
        if session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
    _EXIT_STATUS["value"] = int(session.exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    if _EXIT_STATUS["value"] not in (None, 0):
        kept = support.keep_failed_tmp()
        if kept:
            print(f"tmp_path of the failed tests: {kept}", file=sys.stderr)
    support.remove_session_folders()
    if _EXIT_STATUS["value"] is not None and not hasattr(config, "workerinput"):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS["value"])
