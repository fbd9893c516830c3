"""The real qgis_process (through scripts/qgis_process) sees the provider and runs ocsge:load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import HAND_SURFACE_HA, hand_delivery, pack_7z
from support import qgis_process, qgis_process_json, report_of

pytestmark = pytest.mark.slow


def test_provider_is_listed():
    out = qgis_process("list").stdout
    assert "ocsge:load" in out


def test_example_model_is_offered_in_french():
    out = qgis_process("help", "ocsge:diagnostic_ocsge_modele").stdout
    assert "Diagnostic OCS GE (modèle) (ocsge:diagnostic_ocsge_modele)" in out
    assert "DELIVERY: Dossier des livraisons OCS GE" in out
    # the algorithms it chains are named as the toolbox names them (in the language QGIS runs in),
    # not by id
    assert (
        "« Roll up communes to EPCI" in out or "« Consolider les communes" in out
    ) and "ocsge:rollup" not in out


def test_load_archive_json(tmp_path):
    archive = pack_7z(hand_delivery(tmp_path))
    result = qgis_process_json("run", "ocsge:load", "--", f"INPUT={archive}", "SUMMARY=true")
    report = report_of(result["results"])
    occupation = next(layer for layer in report["layers"] if layer["kind"] == "occupation")
    assert occupation["crs"] == "EPSG:2154" and occupation["features"] == 5
    assert occupation["surface_ha_by_couverture"] == pytest.approx(HAND_SURFACE_HA)
    assert result["results"]["OCCUPATION"].endswith(".vrt")


def test_the_report_is_a_path_in_the_results(tmp_path):
    """qgis_process's « Results » section names the REPORT file (one line), not its JSON; the file
    outlives the process (Processing's temporary folder does not): the plugin's data folder for
    a run without an output folder."""
    from ocsge.ocsge_plugin.storage import keeping

    archive = pack_7z(hand_delivery(tmp_path))
    proc = qgis_process("run", "ocsge:load", "--", f"INPUT={archive}", "SUMMARY=true")
    results = proc.stdout[proc.stdout.index("----------------\nResults") :]
    (line,) = [x for x in results.splitlines() if x.startswith("REPORT:")]
    path = Path(line.split(":", 1)[1].strip())
    assert path.parent == keeping.data_dir() / "rapports" and path.is_file()
    assert '"layers"' not in proc.stdout and '"surface_ha_by_couverture"' not in proc.stdout
    assert json.loads(path.read_text(encoding="utf-8"))["layers"]
    path.unlink()


def test_bad_input_is_a_message_not_a_traceback(tmp_path):
    proc = qgis_process("run", "ocsge:load", "--", f"INPUT={tmp_path / 'absent.7z'}", check=False)
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert "does not exist" in output
    assert "Traceback" not in output
