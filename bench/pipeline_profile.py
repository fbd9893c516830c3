"""cProfile of a pipeline run in-process with the plugin's provider, as qgis_process runs it:
pipeline 1 (ocsge:diagnostic, matrix, flows from the difference layer, no coverage) or pipeline 3
(ocsge:classify, matrice + seuils).

Usage: /usr/bin/python3 bench/pipeline_profile.py OUT_FOLDER PROFILE.txt DELIVERY [DELIVERY ...]
       /usr/bin/python3 bench/pipeline_profile.py --classify OUT.gpkg PROFILE.txt
       OCCUPATION_SOL.gpkg
METHOD=3 in the environment: ocsge:diagnostic by matrice + seuils (with two deliveries and no
difference layer: the overlay with the thresholds of both millésimes, the full recompute).
Prints (and writes to PROFILE.txt) the functions by cumulative and by own time.
"""

from __future__ import annotations

import atexit
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"


def main(out_folder: str, profile_out: str, deliveries: list[str], classify: bool = False) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("OCSGE_CACHE_DIR", str(ROOT / "bench" / "cache" / "ocsge-cache"))
    pluginpath = Path(tempfile.mkdtemp(prefix="ocsge-bench-pluginpath-"))
    atexit.register(shutil.rmtree, pluginpath, True)  # the link's folder: nothing left in /tmp
    (pluginpath / "ocsge").symlink_to(ROOT)
    sys.path.insert(0, str(pluginpath))
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    import importlib

    plugin = importlib.import_module("ocsge").classFactory(None)
    plugin.initProcessing()
    import processing

    params = {
        "INPUT": ";".join(deliveries),
        "COMMUNES": str(DATA / "communes-32-gers.geojson"),
        "CODE_FIELD": "code",
        "NAME_FIELD": "nom",
        "MEMBERSHIP": str(DATA / "appartenance-communes-32.csv"),
        "METHOD": int(os.environ.get("METHOD", "2")),  # 3: matrice + seuils
        "UNIT": 1,
        "COVERAGE": False,
        "SIMPLIFY": False,
        "OUTPUT_FOLDER": out_folder,
    }
    alg = "ocsge:diagnostic"
    if classify:
        alg = "ocsge:classify"
        params = {"INPUT": deliveries[0], "METHOD": 3, "OUTPUT": out_folder}
        Path(out_folder).unlink(missing_ok=True)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    processing.run(alg, params)
    profiler.disable()
    wall = time.perf_counter() - started
    if os.environ.get("PROFILE_DUMP"):  # the raw statistics, for pstats' callers / callees
        profiler.dump_stats(os.environ["PROFILE_DUMP"])
    text = io.StringIO()
    text.write(f"{alg} in-process under cProfile: {wall:.1f} s\n\n== by cumulative time ==\n")
    stats = pstats.Stats(profiler, stream=text)
    stats.strip_dirs().sort_stats("cumulative").print_stats(35)
    text.write("\n== by own time ==\n")
    stats.sort_stats("tottime").print_stats(25)
    Path(profile_out).write_text(text.getvalue(), encoding="utf-8")
    print(text.getvalue())
    del app


if __name__ == "__main__":
    if sys.argv[1] == "--classify":
        main(sys.argv[2], sys.argv[3], sys.argv[4:], classify=True)
    else:
        main(sys.argv[1], sys.argv[2], sys.argv[3:])
