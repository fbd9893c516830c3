"""One département of a national diagnostic, in a process of its own (``national.py`` starts it:
QGIS objects cannot cross into another process, so the worker opens its own QGIS and reads its
job from a JSON file).

The worker writes the département's diagnostic (the files of a single ``ocsge:diagnostic``) and
what the merge needs (``national.json``: the commune table, outlines as WKB, the CRS, the per-class
tables) into a :class:`files.Transaction` folder, puts it in place whole, then writes its
completion marker (``<code>.done``, renamed in place): a killed worker leaves no marker, and its
temporary folder is removed by the next run (``files.clean_leftovers``).

It speaks on its standard output, one message a line: ``P <percent>``, ``I <text>``,
``W <text>``, ``E <text>`` (newlines inside a text written as ``\\n``)."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

try:
    import resource  # not on Windows: no CPU time nor peak memory in the marker there
except ImportError:  # pragma: no cover
    resource = None

from qgis.core import QgsApplication, QgsProcessingFeedback, QgsVectorLayer

from ..computing.communes import commune_fields
from ..core.errors import Canceled, OcsgeError
from ..core.i18n import install_translator
from ..storage import files
from . import diagnostic

__all__ = [
    "DONE",
    "MERGE_INPUT",
    "frame_from_json",
    "frame_json",
    "main",
    "write_json",
]

DONE = ".done"  # the completion marker's suffix: <state>/<code>.done
MERGE_INPUT = "national.json"  # in a département's folder: what the merge reads (data, no code)


def say(kind: str, text: str) -> None:
    """One line of the protocol on the standard output."""
    sys.stdout.write(f"{kind} {str(text).replace(chr(10), chr(92) + 'n')}\n")
    sys.stdout.flush()


class LineFeedback(QgsProcessingFeedback):
    """The run's messages and progress as lines of the protocol."""

    def __init__(self):
        super().__init__()
        self.last = -1
        self.progressChanged.connect(self._progress)

    def _progress(self, value):
        if int(value) != self.last:
            self.last = int(value)
            say("P", f"{value:.1f}")

    def pushInfo(self, info):  # noqa: N802
        say("I", info)

    def pushWarning(self, warning):  # noqa: N802
        say("W", warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        say("E", error)

    def pushCommandInfo(self, info):  # noqa: N802
        pass

    def pushDebugInfo(self, info):  # noqa: N802
        pass


def write_json(path: Path, data: dict) -> None:
    """``data`` written at ``path`` whole or not at all (a temporary name, synced, renamed)."""
    with files.Transaction(path) as work:
        with open(work.path, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())


def communes_layer(job: dict) -> QgsVectorLayer:
    """The commune layer restricted to the job's département (its codes' prefix), so that the
    placement sees only its communes."""
    communes = job["communes"]
    layer = QgsVectorLayer(communes["source"], "communes", communes["provider"])
    if not layer.isValid():
        raise OcsgeError(f"cannot open the commune layer {communes['source']}")
    fields = commune_fields(layer.fields().names(), communes["code"], communes["name"])
    if fields.code:
        quoted = '"' + fields.code.replace('"', '""') + '"'
        layer.setSubsetString(f"{quoted} LIKE '{job['code']}%'")
    return layer, fields


def run(job: dict, feedback) -> dict:
    """The département's diagnostic into its folder (put in place whole), then its marker.
    Returns the marker's content."""
    started = time.time()
    layer, fields = communes_layer(job)
    options = diagnostic.DiagnosticOptions(**job["options"])
    target = Path(job["folder"])
    with files.Transaction(target, directory=True) as work:
        work.path.mkdir(parents=True)
        membership = job["communes"]["membership"]
        found = diagnostic.diagnose(
            job["paths"], [], layer, fields, membership, str(work.path), options, feedback
        )
        classes = found.result.classes or {}
        merged = {
            "table": frame_json(found.table),
            "geometries": {code: bytes(g.asWkb()).hex() for code, g in found.geometries.items()},
            "crs": found.result.crs.toWkt(),
            "classes": {n: frame_json(f) for n, f in classes.items() if f is not None},
            "code_field": fields.code,
        }
        (work.path / MERGE_INPUT).write_text(json.dumps(merged), encoding="utf-8")
    report = found.report(options.unit, options.convention)
    usage = resource.getrusage(resource.RUSAGE_SELF) if resource else None
    marker = {
        "code": job["code"],
        "key": job["key"],
        "seconds": round(time.time() - started, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2) if usage else None,
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1) if usage else None,
        "method": found.method,
        "communes": len(found.covered),
        "communes_left_out": found.left_out,
        "warnings": report["warnings"],
        "layers": report["layers"],
        "deliveries": job["paths"],
    }
    write_json(Path(job["marker"]), marker)
    return marker


def main(argv) -> int:
    """``argv``: the job's JSON file. Exit status 0 once the marker is written, 1 on a user
    error (said as ``E``), 2 on anything else (the traceback on the standard error)."""
    job = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    app = QgsApplication([], False)
    if job.get("prefix"):
        QgsApplication.setPrefixPath(job["prefix"], True)
    app.initQgis()
    install_translator(job.get("locale"))
    try:
        run(job, LineFeedback())
    except (OcsgeError, Canceled, OSError) as error:
        say("E", error)
        return 1
    return 0


def frame_json(frame) -> dict:
    """A table as JSON data (no code runs when it is read back: :func:`frame_from_json`): its
    rows and columns (numbers as Python writes them, exact), and each column's dtype."""
    return {
        "split": frame.to_dict(orient="split"),  # Python numbers: every digit kept
        "dtypes": {str(name): str(dtype) for name, dtype in frame.dtypes.items()},
    }


def frame_from_json(data: dict):
    """The table :func:`frame_json` wrote, with its dtypes."""
    import pandas as pd

    split = data["split"]
    frame = pd.DataFrame(split["data"], columns=split["columns"])
    return frame.astype({name: data["dtypes"][str(name)] for name in frame.columns})
