"""Shared fixtures: the plugin as the package ``ocsge`` (whatever the clone's folder is called),
its provider registered in QGIS, a private extraction cache, and helpers to run algorithms."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
DATA = TESTS / "data"
SHARED = ROOT.parent / "shared"

# A private cache for extracted archives and normalised layers, set before the plugin is imported.
_CACHE = Path(tempfile.mkdtemp(prefix="ocsge-test-cache-"))
os.environ.setdefault("OCSGE_CACHE_DIR", str(_CACHE))
# The plugin's persistent data folder (layers put on the map read files that stay), private too.
if "OCSGE_DATA_DIR" not in os.environ:
    os.environ["OCSGE_DATA_DIR"] = tempfile.mkdtemp(prefix="ocsge-test-data-")
    _OWN_DATA_DIR = os.environ["OCSGE_DATA_DIR"]
else:
    _OWN_DATA_DIR = None

# The plugin package is always importable as ``ocsge``: a link to the checkout.
_PLUGINPATH = Path(tempfile.mkdtemp(prefix="ocsge-pluginpath-"))
(_PLUGINPATH / "ocsge").symlink_to(ROOT)
sys.path.insert(0, str(_PLUGINPATH))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(TESTS))


def import_plugin():
    return importlib.import_module("ocsge")


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
    panel's loading) with ``iface.layerTreeView()``: pytest-qgis 2.1.0's iface has no such method,
    the
    later ones answer a MagicMock, which QGIS 3.44's C++ ``addResultLayers`` refuses (TypeError)."""
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    view = QgsLayerTreeView()
    view.setModel(QgsLayerTreeModel(QgsProject.instance().layerTreeRoot(), view))
    qgis_iface.layerTreeView = lambda: view
    yield view


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


class Recorder:
    """A QgsProcessingFeedback that keeps what the algorithm said."""

    def __new__(cls):
        from qgis.core import QgsProcessingFeedback

        class _Feedback(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.infos, self.warnings, self.errors, self.commands = [], [], [], []

            def pushCommandInfo(self, info):  # noqa: N802
                self.commands.append(info)

            def pushInfo(self, info):  # noqa: N802
                self.infos.append(info)

            def pushWarning(self, warning):  # noqa: N802
                self.warnings.append(warning)

            def reportError(self, error, fatalError=False):  # noqa: N802, N803
                self.errors.append(error)

        return _Feedback()


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
    """A private PostgreSQL + PostGIS cluster (scripts/pg_cluster.py) for the whole session: started
    at
    its first use, stopped and removed at the end (failures and Ctrl+C included)."""
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


# qgis_process's profile and plugin link, one per checkout (clones tested at once do not share it).
QGIS_PROCESS_BUILD = str(
    _PLUGINPATH.parent / f"ocsge-qgis-process-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:8]}"
)
# made afresh for each session: a profile left by an earlier run (another QGIS, a plugin that failed
# to
# load) never decides whether the plugin is enabled
shutil.rmtree(QGIS_PROCESS_BUILD, ignore_errors=True)


def qgis_process(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run the project's scripts/qgis_process wrapper (real qgis_process.bin)."""
    env = dict(os.environ)
    env["OCSGE_BUILD_DIR"] = QGIS_PROCESS_BUILD
    proc = subprocess.run(
        [str(ROOT / "scripts" / "qgis_process"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"qgis_process failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        )
    return proc


def qgis_process_json(*args: str) -> dict:
    proc = qgis_process(*args, "--json")
    start = proc.stdout.find("{")
    return json.loads(proc.stdout[start:])


# QGIS 3.22 can crash (SIGSEGV) while Python tears down Qt objects after exitQgis(), once the
# results are known and reported. End the process with pytest's own exit status instead.
_EXIT_STATUS = {"value": None}


def pytest_sessionfinish(session, exitstatus):
    _EXIT_STATUS["value"] = int(exitstatus)


def _remove_session_folders() -> None:
    """The session's own temporary folders (cache, data, plugin link, qgis_process profile): the
    exit
    below skips atexit, and a run should leave nothing in /tmp."""
    for folder in (
        _CACHE,
        _OWN_DATA_DIR,
        _PLUGINPATH,
        QGIS_PROCESS_BUILD,
    ):  # _CACHE: unused if the cache was set outside
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    _remove_session_folders()
    if _EXIT_STATUS["value"] is not None and not hasattr(config, "workerinput"):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS["value"])
