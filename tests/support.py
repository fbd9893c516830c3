"""What the tests share besides fixtures: the checkout's paths, the session's private folders, the
plugin importable as ``ocsge``, a recording feedback and the qgis_process wrapper.

Tests import it (``from support import DATA, Recorder``), never ``conftest``: pytest imports
conftest.py under its own name (``--import-mode=importlib``), so ``import conftest`` ran it a second
time, with its temporary folders. This module is imported once (conftest.py puts tests/ on
``sys.path`` and imports it first), whoever imports it next gets the same module.

The session's temporary files all go in one private folder under the build folder
(``SESSION_TMP``): ``TMPDIR`` points there before QGIS starts, so Python's ``tempfile``, Qt's
``QDir.tempPath()`` (QGIS's own temporaries: a project's archive folder, Processing's folder) and
every process a test starts (qgis_process, PostgreSQL, 7-Zip, python) write there, never in /tmp.
At the end of the run, what is left there is checked (:func:`leftovers`), then the folder is
removed."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
DATA = TESTS / "data"
SHARED = ROOT.parent / "shared"
# The Makefile's build folder (.build, or .build/qgis-<version> in a chroot).
BUILD = Path(os.environ.get("OCSGE_BUILD_DIR") or ROOT / ".build")

# --- the session's private temporary folder, set before QGIS (pytest-qgis) starts
(BUILD / "tmp").mkdir(parents=True, exist_ok=True)
SESSION_TMP = Path(tempfile.mkdtemp(prefix="session-", dir=BUILD / "tmp"))
# open like /tmp (sticky): the PostgreSQL server runs as ``postgres`` when the tests run as root
SESSION_TMP.chmod(0o1777)
SYSTEM_TMP = tempfile.gettempdir()  # what it was (reported by the leak check)
os.environ["TMPDIR"] = str(SESSION_TMP)
tempfile.tempdir = str(SESSION_TMP)

# pytest's basetemp (tmp_path, tmp_path_factory), unique to the session: runs at once never share it
PYTEST_TMP = SESSION_TMP / "pytest"

# A private cache for extracted archives and normalised layers, set before the plugin is imported.
CACHE = SESSION_TMP / "ocsge-test-cache"
CACHE.mkdir()
os.environ.setdefault("OCSGE_CACHE_DIR", str(CACHE))
# The plugin's persistent data folder (layers put on the map read files that stay), private too.
OWN_DATA_DIR = None
if "OCSGE_DATA_DIR" not in os.environ:
    OWN_DATA_DIR = SESSION_TMP / "ocsge-test-data"
    OWN_DATA_DIR.mkdir()
    os.environ["OCSGE_DATA_DIR"] = str(OWN_DATA_DIR)

# The plugin package is always importable as ``ocsge``: a link to the checkout.
PLUGINPATH = SESSION_TMP / "ocsge-pluginpath"
PLUGINPATH.mkdir()
(PLUGINPATH / "ocsge").symlink_to(ROOT)
sys.path.insert(0, str(PLUGINPATH))
sys.path.insert(0, str(ROOT / "scripts"))
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

# qgis_process's profile and plugin link: made afresh for each session (a profile left by an earlier
# run, another QGIS or a plugin that failed to load, never decides whether the plugin is enabled).
QGIS_PROCESS_BUILD = str(
    SESSION_TMP / f"ocsge-qgis-process-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:8]}"
)


def import_plugin():
    return importlib.import_module("ocsge")


def report_of(results: dict) -> dict:
    """The REPORT of an algorithm's results (``processing.run``'s, or ``qgis_process --json``'s
    ``results``): the JSON file it names."""
    return json.loads(Path(results["REPORT"]).read_text(encoding="utf-8"))


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


def qgis_process(
    *args: str, check: bool = True, lang: str = "en", env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run the project's scripts/qgis_process wrapper (real qgis_process.bin), in English by
    default (the wrapper speaks French unless OCSGE_LANG says otherwise: the tests match the
    English source messages), with ``env`` added to the environment."""
    env = {**os.environ, **(env or {})}
    env["OCSGE_BUILD_DIR"] = QGIS_PROCESS_BUILD
    env["OCSGE_LANG"] = lang
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


# --- the end of the session

# What the session removes itself at its end (the cache only when it is the one in use).
SESSION_FOLDERS = (
    CACHE,
    OWN_DATA_DIR,
    PLUGINPATH,
    Path(QGIS_PROCESS_BUILD),
    SESSION_TMP / "qgis-settings",  # conftest.py: the QGIS settings of pytest-qgis >= 3
    PYTEST_TMP,  # pytest's: what passed tests leave is removed with the session's folder
)


def _own_qgis_temporaries() -> set[str]:
    """The names QGIS and Qt of this very process keep in the temporary folder until it exits (they
    are not leaks of a test): a project's archive folder and file (``<application>-XXXXXX``,
    ``<application>.XXXXXX``, ``qt_temp`` when the application has no name), Processing's folder,
    the oauth2 cache and Qt's ``runtime-<user>`` (XDG_RUNTIME_DIR when unset)."""
    names = set()
    try:
        from qgis.core import QgsProcessingUtils
        from qgis.PyQt.QtCore import QCoreApplication

        app = QCoreApplication.applicationName() or "qt_temp"
        folder = Path(QgsProcessingUtils.tempFolder())
        if folder.parent == SESSION_TMP:
            names.add(folder.name)
    except Exception:  # noqa: BLE001 - QGIS gone: no exception for its folders
        return names
    pattern = re.compile(
        rf"^(qt_temp|{re.escape(app)})[-.][A-Za-z0-9]{{6}}$|^runtime-|^oauth2-cache$"
    )
    names.update(entry.name for entry in SESSION_TMP.iterdir() if pattern.match(entry.name))
    return names


def leftovers() -> list[str]:
    """What is left in the session's temporary folder once every test and fixture has ended, but
    the session's own folders and this process's QGIS temporaries: each one a leak."""
    if not SESSION_TMP.is_dir():
        return []
    kept = {Path(p).name for p in SESSION_FOLDERS if p} | _own_qgis_temporaries()
    profile = Path(os.environ.get("QGIS_CUSTOM_CONFIG_PATH", "/"))
    if profile.parent == SESSION_TMP:  # pytest-qgis 2's QGIS profile, removed when pytest ends
        kept.add(profile.name)
    return sorted(e.name for e in SESSION_TMP.iterdir() if e.name not in kept)


def keep_failed_tmp() -> Path | None:
    """After a failed run, pytest's folders (failed tests' tmp_path, fixtures' data) moved to
    <build>/pytest-tmp, replacing those of an earlier failed run; None when there is none."""
    if not PYTEST_TMP.is_dir() or not any(PYTEST_TMP.iterdir()):
        return None
    kept = BUILD / "pytest-tmp"
    shutil.rmtree(kept, ignore_errors=True)
    shutil.move(str(PYTEST_TMP), str(kept))
    return kept


EARLY_QGIS_TEMPORARIES: list[Path] = []


def note_early_qgis_temporaries() -> None:
    """pytest-qgis >= 3 starts QGIS before conftest.py is read, so before TMPDIR points to the
    session's folder: QGIS's first temporaries (its project's archive folder and file,
    ``QGIS3-XXXXXX``, ``QGIS3.XXXXXX``; Qt's ``runtime-<user>`` when XDG_RUNTIME_DIR is unset) are
    in the system's folder. Noted here (made by this process since it started, named as Qt names
    them) to be removed at the end (``runtime-<user>`` only when empty: it may serve others)."""
    from qgis.PyQt.QtCore import QCoreApplication

    if QCoreApplication.instance() is None:
        return
    app = re.escape(QCoreApplication.applicationName() or "qt_temp")
    pattern = re.compile(rf"^(qt_temp|{app})[-.][A-Za-z0-9]{{6}}$|^runtime-")
    started = os.stat(f"/proc/{os.getpid()}").st_ctime - 1  # Linux: the process's start
    for entry in Path(SYSTEM_TMP).iterdir():
        try:
            if pattern.match(entry.name) and entry.lstat().st_ctime >= started:
                EARLY_QGIS_TEMPORARIES.append(entry)
        except OSError:
            pass


def remove_session_folders() -> None:
    """The session's temporary folder and all it holds, and QGIS's early temporaries (the exit of
    conftest.py skips atexit and Qt's destructors, and a run leaves nothing behind)."""
    shutil.rmtree(SESSION_TMP, ignore_errors=True)
    for entry in EARLY_QGIS_TEMPORARIES:
        if entry.name.startswith("runtime-"):
            try:
                entry.rmdir()
            except OSError:
                pass
        elif entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    try:  # the build's tmp folder too, when no other session uses it
        (BUILD / "tmp").rmdir()
    except OSError:
        pass


# --- waiting for Qt in the tests (the panel's tasks)


def tasks_state() -> str:
    """QGIS's task manager as a sentence: every task it holds (description, status, progress) and,
    from QGIS 3.34 on, its thread pool's busy threads (a task waits for one)."""
    from qgis.core import QgsApplication, QgsTask

    manager = QgsApplication.taskManager()
    names = {
        getattr(QgsTask, n): n
        for n in ("Queued", "OnHold", "Running", "Complete", "Terminated")
        if hasattr(QgsTask, n)
    }
    tasks = [
        f"{t.description()!r} {names.get(t.status(), t.status())} {t.progress():.0f} %"
        for t in manager.tasks()
    ]
    text = f"{manager.countActiveTasks()} active task(s) [{'; '.join(tasks)}]"
    if hasattr(manager, "threadPool"):  # QGIS >= 3.34: its own pool, else Qt's global one
        pool = manager.threadPool()
        text += f", task threads busy {pool.activeThreadCount()}/{pool.maxThreadCount()}"
    return text


def wait_for(condition, timeout: float = 20.0, what: str = "", state=None) -> None:
    """Process Qt events until ``condition()`` holds (bounded: fails after ``timeout`` seconds, and
    says why: ``state()`` when given, then QGIS's tasks)."""
    import time

    from qgis.core import QgsApplication

    start = time.monotonic()
    while time.monotonic() - start < timeout:
        QgsApplication.processEvents()
        if condition():
            return
        time.sleep(0.01)
    seen = f"{state()}; " if state is not None else ""
    raise AssertionError(
        f"timed out after {timeout:g} s waiting for {what or condition}: {seen}{tasks_state()}"
    )
