"""The real qgis_process (through scripts/qgis_process) sees the provider and runs ocsge:load."""

from __future__ import annotations

import json

import pytest
from builders import HAND_SURFACE_HA, hand_delivery, pack_7z
from support import qgis_process, qgis_process_json

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
    report = json.loads(result["results"]["REPORT"])
    occupation = next(layer for layer in report["layers"] if layer["kind"] == "occupation")
    assert occupation["crs"] == "EPSG:2154" and occupation["features"] == 5
    assert occupation["surface_ha_by_couverture"] == pytest.approx(HAND_SURFACE_HA)
    assert result["results"]["OCCUPATION"].endswith(".vrt")


def test_bad_input_is_a_message_not_a_traceback(tmp_path):
    proc = qgis_process("run", "ocsge:load", "--", f"INPUT={tmp_path / 'absent.7z'}", check=False)
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert "does not exist" in output
    assert "Traceback" not in output
