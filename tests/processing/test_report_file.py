"""The REPORT of every algorithm is a file, not a text (issue 27, point 7: « the REPORT kept as
an output, not printed »): ``rapport_<algorithm>.json`` in the run's output folder, else a dated
file in the plugin's data folder (it outlives qgis_process, whose temporary folder goes with it,
and adds nothing beside a user's layer); the Processing log and qgis_process show its path."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

from builders import hand_delivery
from qgis.core import QgsProcessingOutputFile
from support import report_of


def test_every_report_is_a_file_output(provider):
    with_report = [
        alg.id() for alg in provider.algorithms() if alg.outputDefinition("REPORT") is not None
    ]
    assert len(with_report) == 12, with_report
    for alg in provider.algorithms():
        output = alg.outputDefinition("REPORT")
        assert output is None or isinstance(output, QgsProcessingOutputFile), alg.id()


def test_a_run_without_an_output_folder_keeps_its_report(run, provider, tmp_path):
    from ocsge.ocsge_plugin.storage import keeping

    folder = keeping.data_dir() / "rapports"
    folder.mkdir(parents=True, exist_ok=True)
    old, recent = folder / "rapport_load_20200101_000000_1abc.json", folder / "rapport_x.json"
    for path, days in ((old, 31), (recent, 29)):
        path.write_text("{}", encoding="utf-8")
        when = time.time() - days * 86400
        os.utime(path, (when, when))
    hand_delivery(tmp_path / "livraison")
    results, feedback = run("ocsge:load", {"INPUT": str(tmp_path / "livraison")})
    path = Path(results["REPORT"])
    assert path.parent == folder and re.fullmatch(r"rapport_load_\d{8}_\d{6}_\w+\.json", path.name)
    report = json.loads(path.read_text(encoding="utf-8"))
    assert "occupation" in [layer["kind"] for layer in report["layers"]]
    assert report == report_of(results)
    # older than 30 days: removed; a recent one kept; nothing written beside the delivery
    assert not old.exists() and recent.exists()
    assert not list((tmp_path / "livraison").rglob("rapport*"))
    # the log's « Results » line names the file, the report's lines are not in it
    assert not any('"layers"' in line for line in feedback.infos)
    recent.unlink()
    path.unlink()


def test_a_run_with_an_output_folder_writes_it_there(run, provider, tmp_path):
    from consumption_hand import write_hand_file

    out = tmp_path / "out"
    results, _ = run(
        "ocsge:consommation",
        {"CONSOMMATION": str(write_hand_file(tmp_path)), "OUTPUT_FOLDER": str(out)},
    )
    assert results["REPORT"] == str(out / "rapport_consommation.json")
    report = report_of(results)
    assert report["fichiers"] == json.loads(results["FILES"])  # the tables, not the report
    assert str(out / "rapport_consommation.json") not in json.loads(results["FILES"])
