"""The run of ``ocsge:diagnostic_national`` without Processing: many départements' deliveries, one
diagnostic per département in worker processes (``national_worker.py``, a Python with QGIS of its
own), then one merged diagnostic: one table per level in one folder (GeoPackage + CSV, the columns
of ``ocsge:diagnostic``) and, when asked, in a PostGIS schema.

Resumable: each département is written into ``<folder>/departements/<code>/`` whole, then marked
finished (``<code>.done``, with the key of its inputs and options); a run stopped or killed is
started again with the same inputs and skips the départements marked, and what an unfinished one
had written is discarded. A département whose inputs or options changed is done again.

Worker processes, not threads: the computation holds Python's lock most of the time; not
``multiprocessing``: inside QGIS desktop ``sys.executable`` is QGIS itself, and QGIS objects
cannot be pickled. The worker is the Python QGIS runs on (:func:`worker_python`), started on the
plugin's own package."""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
)

from ..computing.communes import read_membership
from ..core.errors import Canceled, OcsgeError
from ..core.i18n import Note, current_locale, plural, tr
from ..publishing import export
from ..storage import files
from ..storage.names import departement_from_name
from .diagnostic import DiagnosticOptions
from .export import run_export
from .logs import say
from .national_worker import DONE, MERGE_INPUT, frame_from_json, write_json
from .steps import steps as multi_step

__all__ = [
    "STATE",
    "Communes",
    "NationalRun",
    "default_workers",
    "group_deliveries",
    "run_national",
    "worker_python",
]

WORKER = ".ocsge_plugin.pipelines.national_worker"  # the worker's module, under the package
STATE = "departements"  # the subfolder of the output folder holding each département's run
DELIVERY_SUFFIXES = (".7z", ".zip")
WORKERS_SHARE = 90.0  # of the progress bar; the merge has the last tenth


@dataclass
class Communes:
    """The commune layer every worker opens (a file, or any URI of ``provider``), its code and
    name fields ("" to recognise them) and the membership table (a path or None)."""

    source: str
    provider: str = "ogr"
    code: str = ""
    name: str = ""
    membership: str | None = None


@dataclass
class NationalRun:
    """What :func:`run_national` did."""

    written: export.ExportResult  # the merged files and database tables
    warnings: list[str]
    table: pd.DataFrame  # every covered commune
    markers: dict[str, dict]  # département → its completion marker (time, peak memory, method…)
    ran: list[str]  # the départements computed by this run
    skipped: list[str]  # those already finished by an earlier run
    workers: int
    seconds: float  # the whole run
    seconds_merge: float = 0.0  # of which the merge and its export

    def report(self, unit: str, convention: str) -> dict:
        """The REPORT of ``ocsge:diagnostic_national``."""
        return {
            "departements": {code: self.markers[code] for code in sorted(self.markers)},
            "ran": self.ran,
            "skipped": self.skipped,
            "workers": self.workers,
            "seconds": round(self.seconds, 1),
            "seconds_merge": round(self.seconds_merge, 1),
            "communes": int(self.table["code"].nunique()),
            "files": self.written.files,
            "tables": self.written.tables,
            "warnings": list(dict.fromkeys(self.warnings)),
            "unit": unit,
            "convention": convention,
        }


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def group_deliveries(paths: Iterable[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Département code → its deliveries, from IGN's names (``…_D032_…``). A path whose name has
    no code is a folder of deliveries: its entries (folders, .7z and .zip archives) are taken; a
    folder beside its own archive (``X`` and ``X.7z``) is left out, the archive kept.

    Returns
    -------
    tuple
        (groups sorted by code, the paths that are no delivery of a département)."""
    groups: dict[str, list[str]] = {}
    unknown: list[str] = []
    for path in paths:
        place = Path(path)
        code = departement_from_name(place.name)
        if code:
            groups.setdefault(code, []).append(str(place))
            continue
        entries = sorted(place.iterdir()) if place.is_dir() else []
        names = {entry.name for entry in entries}
        found = False
        for entry in entries:
            if entry.name.startswith(".") or entry.name + ".7z" in names:
                continue
            code = departement_from_name(entry.name)
            if code and (entry.is_dir() or entry.suffix.lower() in DELIVERY_SUFFIXES):
                groups.setdefault(code, []).append(str(entry))
                found = True
        if not found:
            unknown.append(str(path))
    return dict(sorted(groups.items())), unknown


def worker_python() -> str:
    """The Python QGIS runs on: ``sys.executable`` under Python, else (QGIS desktop, where it is
    QGIS itself) the interpreter of ``sys.exec_prefix`` (OSGeo4W, the macOS bundle, /usr), else
    ``python3`` on the PATH. ``OCSGE_PYTHON`` overrides it."""
    if os.environ.get("OCSGE_PYTHON"):
        return os.environ["OCSGE_PYTHON"]
    if Path(sys.executable).name.lower().startswith("python"):
        return sys.executable
    prefix = Path(sys.exec_prefix)
    for candidate in ("python.exe", "python3.exe", "bin/python3", "bin/python"):
        if (prefix / candidate).is_file():
            return str(prefix / candidate)
    return shutil.which("python3") or shutil.which("python") or sys.executable


def _command(job_path: Path) -> list[str]:
    """The worker's command line: this plugin's package imported from where it was."""
    package = __name__.split(".ocsge_plugin.")[0]
    base = Path(
        sys.modules[package].__file__
    ).parent  # not resolved: a link's name is the package's
    for _ in package.split("."):
        base = base.parent
    code = (
        f"WORKER = '{WORKER}'; "
        "import importlib, sys; sys.path.insert(0, sys.argv[1]); "
        "worker = importlib.import_module(sys.argv[2] + WORKER); "
        "sys.exit(worker.main(sys.argv[3:]))"
    )
    return [worker_python(), "-c", code, str(base), package, str(job_path)]


def _size(paths: Sequence[str]) -> int:
    """The bytes of a département's deliveries (files, and the files under folders)."""
    total = 0
    for path in paths:
        place = Path(path)
        found = [place] if place.is_file() else [p for p in place.rglob("*") if p.is_file()]
        for item in found:
            try:
                total += item.stat().st_size
            except OSError:
                pass
    return total


def _key(paths: Sequence[str], communes: Communes, options: dict) -> str:
    """What a finished département was computed from: its marker is kept only when it matches."""
    data = {"paths": sorted(paths), "communes": asdict(communes), "options": options}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:20]


def _job(code: str, paths, communes: Communes, options: DiagnosticOptions, state: Path) -> dict:
    given = {name: value for name, value in asdict(options).items() if name != "database"}
    return {
        "code": code,
        "paths": list(paths),
        "communes": asdict(communes),
        "options": given,
        "key": _key(paths, communes, given),
        "folder": str(state / code),
        "marker": str(state / f"{code}{DONE}"),
        "prefix": QgsApplication.prefixPath(),
        "locale": current_locale(),
    }


def _finished(job: dict) -> dict | None:
    """The marker of a département finished with these inputs and options, else None."""
    try:
        marker = json.loads(Path(job["marker"]).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if marker.get("key") != job["key"] or not (Path(job["folder"]) / MERGE_INPUT).is_file():
        return None
    return marker


class _Worker:
    """One département's process, its output read line by line in a thread (kept whole in
    ``<code>.log`` beside its folder)."""

    def __init__(self, job: dict, state: Path):
        self.code, self.progress = job["code"], 0.0
        job_path = state / f"{self.code}.job.json"
        write_json(job_path, job)
        self.log = open(state / f"{self.code}.log", "w", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            _command(job_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            errors="replace",
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        self.lines: queue.Queue = queue.Queue()
        self.tail: deque = deque(maxlen=12)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.log.write(line)
            self.lines.put(line.rstrip("\n"))

    def messages(self) -> list[tuple[str, str]]:
        """The worker's messages since the last call, (kind, text); its progress updated."""
        out = []
        while True:
            try:
                line = self.lines.get_nowait()
            except queue.Empty:
                return out
            kind, _, text = line.partition(" ")
            text = text.replace("\\n", "\n")
            if kind == "P":
                try:
                    self.progress = float(text)
                except ValueError:
                    pass
            elif kind in ("I", "W", "E"):
                out.append((kind, text))
                if kind == "E":
                    self.tail.append(text)
            elif line.strip():
                self.tail.append(line)

    def close(self, stop: bool = False) -> None:
        """Wait for the process (stopped first with ``stop``), then for its last lines."""
        if stop and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process.wait()
        self.reader.join(10)
        self.process.stdout.close()
        self.log.close()


def _relay(worker: _Worker, feedback) -> None:
    """The worker's messages in the log, each named with its département (« D032 : … »)."""
    for kind, text in worker.messages():
        line = tr("D{code}: {text}").format(code=worker.code, text=text)
        if kind == "I":
            feedback.pushInfo(line)
        elif kind == "W":
            feedback.pushWarning(line)
        else:
            feedback.reportError(line)


def _run_jobs(jobs: list[dict], workers: int, state: Path, feedback) -> list[tuple[str, str]]:
    """Every job in at most ``workers`` processes at once. A département that fails does not stop
    the others. Returns the failures (code, last lines). Raises ``Canceled`` (the processes
    stopped, the départements finished kept)."""
    pending, running, failed, done = list(jobs), [], [], 0
    try:
        while pending or running:
            if feedback.isCanceled():
                raise Canceled()
            while pending and len(running) < workers:
                running.append(_Worker(pending.pop(0), state))
            for worker in list(running):
                _relay(worker, feedback)
                if worker.process.poll() is not None:
                    worker.close()
                    _relay(worker, feedback)
                    running.remove(worker)
                    done += 1
                    if worker.process.returncode != 0:
                        failed.append((worker.code, "\n".join(worker.tail)))
            share = (done + sum(w.progress / 100.0 for w in running)) / max(len(jobs), 1)
            feedback.setProgress(WORKERS_SHARE * share)
            time.sleep(0.2)
    finally:
        for worker in running:
            worker.close(stop=True)
    return failed


def _merged_inputs(folders: list[Path]):
    """The départements' commune tables, outlines (in the first one's CRS) and per-class tables,
    put together."""
    tables, geometries, classes, target, code_field = [], {}, {}, None, ""
    for folder in folders:
        data = json.loads((folder / MERGE_INPUT).read_text(encoding="utf-8"))  # data only
        crs = QgsCoordinateReferenceSystem.fromWkt(data["crs"])
        target = target or crs
        move = None if crs == target else QgsCoordinateTransform(crs, target, QgsProject.instance())
        for code, wkb in data["geometries"].items():
            geometry = QgsGeometry()
            geometry.fromWkb(bytes.fromhex(wkb))
            if move is not None:
                geometry.transform(move)
            geometries[code] = geometry
        tables.append(frame_from_json(data["table"]))
        for name, frame in data["classes"].items():
            classes.setdefault(name, []).append(frame_from_json(frame))
        code_field = code_field or data["code_field"]
    table = pd.concat(tables, ignore_index=True)
    classes = {name: pd.concat(frames, ignore_index=True) for name, frames in classes.items()}
    return table, geometries, target, classes, code_field


def merge(folders: list[Path], communes: Communes, folder: str, options, feedback):
    """One diagnostic of every département finished: the levels rolled up from all their
    communes (an EPCI or a région across départements summed whole), written into ``folder``
    (and the database of ``options``).

    Returns
    -------
    tuple
        (``export.ExportResult``, warnings, the commune table)."""
    table, geometries, crs, classes, code_field = _merged_inputs(folders)
    membership = read_membership(communes.membership) if communes.membership else None
    written, warnings = run_export(
        table,
        geometries,
        crs,
        membership,
        {},
        folder,
        options.export_options(code_field),
        feedback,
        classes or None,
    )
    return written, warnings, table


def run_national(
    groups: dict[str, list[str]],
    communes: Communes,
    folder: str,
    options: DiagnosticOptions,
    workers: int,
    feedback: Any,
) -> NationalRun:
    """The diagnostic of every département of ``groups`` (code → deliveries) in ``workers``
    processes, resumed where an earlier run with the same inputs stopped, then merged into
    ``folder``.

    Raises ``OcsgeError`` (a département failed: the others are kept for the next run),
    ``Canceled`` and ``OSError``."""
    started = time.time()
    if not groups:
        raise OcsgeError(tr("No delivery of a département given."))
    state = Path(folder) / STATE
    state.mkdir(parents=True, exist_ok=True)
    files.clean_leftovers(state)
    jobs = {code: _job(code, paths, communes, options, state) for code, paths in groups.items()}
    markers = {code: m for code, m in ((c, _finished(j)) for c, j in jobs.items()) if m}
    todo = sorted(
        (job for code, job in jobs.items() if code not in markers),
        key=lambda job: -_size(job["paths"]),
    )  # the largest first: the last ones to finish are the small ones
    workers = max(1, min(workers or default_workers(), len(todo) or 1))
    if markers:
        say(feedback, [Note(_skipped_text(sorted(markers)))])
    failed = _run_jobs(todo, workers, state, feedback)
    if failed:
        raise OcsgeError(_failed_text(failed, state))
    for job in todo:
        markers[job["code"]] = _finished(job) or {}
    merging = time.time()
    tail = multi_step(10, feedback)
    tail.setCurrentStep(9)  # the last tenth of the bar
    written, warnings, table = merge(
        [state / code for code in groups], communes, folder, options, tail
    )
    for marker in markers.values():
        warnings = warnings + list(marker.get("warnings", []))
    return NationalRun(
        written,
        warnings,
        table,
        markers,
        sorted(job["code"] for job in todo),
        sorted(set(groups) - {job["code"] for job in todo}),
        workers,
        time.time() - started,
        time.time() - merging,
    )


def _skipped_text(codes: list[str]) -> str:
    return plural(
        len(codes),
        tr("{count} département already finished by an earlier run, not done again: {codes}."),
        tr("{count} départements already finished by an earlier run, not done again: {codes}."),
    ).format(count=len(codes), codes=", ".join(codes))


def _failed_text(failed: list[tuple[str, str]], state: Path) -> str:
    lines = [f"D{code}: {text.strip() or '?'}" for code, text in failed]
    return tr(
        "The diagnostic failed for {codes}; the départements finished are kept and the next "
        "run with the same inputs resumes there. Logs: {folder}.\n{lines}"
    ).format(codes=", ".join(code for code, _ in failed), folder=state, lines="\n".join(lines))
