"""ocsge:consommation through the real qgis_process (scripts/qgis_process): the hand table of
issue 26 end to end, and a bad input as a message."""

from __future__ import annotations

import pandas as pd
import pytest
from consumption_hand import write_hand_file, write_membership
from support import qgis_process, qgis_process_json, report_of

pytestmark = pytest.mark.slow


def test_hand_table_end_to_end(tmp_path):
    out = tmp_path / "sortie"
    result = qgis_process_json(
        "run",
        "ocsge:consommation",
        "--",
        f"CONSOMMATION={write_hand_file(tmp_path)}",
        f"MEMBERSHIP={write_membership(tmp_path)}",
        "LEVELS=0,1",
        "UNIT=1",
        f"OUTPUT_FOLDER={out}",
    )
    report = report_of(result["results"])
    assert report["communes_absentes_du_fichier"] == ["90004"] and report[
        "communes_hors_territoires"
    ] == ["90003"]
    assert result["results"]["REPORT"] == str(out / "rapport_consommation.json")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [
            f"{k}_{lv}.{e}"
            for k in ("consommation", "trajectoires")
            for lv in ("commune", "epci")
            for e in ("csv", "gpkg")
        ]
        + ["rapport_consommation.json"]
    )
    epci = pd.read_csv(out / "trajectoires_epci.csv", dtype=str).iloc[0].to_dict()
    assert {
        k: epci[k]
        for k in (
            "epci_code",
            "conso_2011_2020",
            "conso_autorisee_augmentee_a_1ha_2021_2030",
            "conso_autorisee_2021_2030",
            "conso_depuis_2021",
            "conso_annuelle_depuis_2021",
            "conso_projetee_2030",
            "respecte_reglementation_actuellement",
            "respectera_reglementation_en_2030",
            "codes_manquants",
            "valeurs_vides",
            "partiel",
        )
    } == {
        "epci_code": "200069052",
        "conso_2011_2020": "264500.0",
        "conso_autorisee_augmentee_a_1ha_2021_2030": "non",
        "conso_autorisee_2021_2030": "132250.0",
        "conso_depuis_2021": "61500.0",
        "conso_annuelle_depuis_2021": "20500.0",
        "conso_projetee_2030": "205000.0",
        "respecte_reglementation_actuellement": "oui",
        "respectera_reglementation_en_2030": "non",
        "codes_manquants": "90004",
        "valeurs_vides": "90002:2016",
        "partiel": "oui",
    }
    assert float(epci["pourcentage_utilisation_actuelle"]) == pytest.approx(
        46.502835538752365, rel=1e-12
    )


def test_bad_file_is_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "autre.csv"
    bad.write_text("x;y\n1;2\n", encoding="utf-8")
    proc = qgis_process(
        "run",
        "ocsge:consommation",
        "--",
        f"CONSOMMATION={bad}",
        f"OUTPUT_FOLDER={tmp_path / 'sortie'}",
        check=False,
    )
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert "naf<AA>art<BB>" in output and "Traceback" not in output
    assert not (tmp_path / "sortie").exists() or not any((tmp_path / "sortie").iterdir())
