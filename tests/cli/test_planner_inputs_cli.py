"""Communes and memberships as planners have them, through the real qgis_process run in French (as a
French QGIS): INSEE's XLSX accepted by the file parameter and read; a wrong code field is a French
message with rc != 0, no traceback and nothing written."""

from __future__ import annotations

import os
import subprocess

import pytest
from planner_inputs import admin_express_communes, insee_xlsx
from support import DATA, QGIS_PROCESS_BUILD, ROOT

pytestmark = pytest.mark.slow


def qgis_process_fr(*args: str) -> subprocess.CompletedProcess:
    """scripts/qgis_process with a French system locale (QGIS then speaks French, the plugin
    too)."""
    env = dict(
        os.environ,
        OCSGE_BUILD_DIR=QGIS_PROCESS_BUILD,
        LANG="fr_FR.UTF-8",
        LC_ALL="fr_FR.UTF-8",
        LANGUAGE="fr",
    )
    return subprocess.run(
        [str(ROOT / "scripts" / "qgis_process"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    import sample_generator

    out = tmp_path_factory.mktemp("sample90inputscli")
    sample_generator.generate("90", 600, seed=6, out=out, archive=False, flavour="gpkg")
    return out


def test_names_as_codes_fail_in_french_and_nothing_is_written(sample, tmp_path):
    out = tmp_path / "out"
    proc = qgis_process_fr(
        "run",
        "ocsge:diagnostic",
        "--",
        f"INPUT={sample}",
        f"COMMUNES={DATA / 'communes-90-territoire-de-belfort.geojson'}",
        "CODE_FIELD=nom",
        f"MEMBERSHIP={DATA / 'appartenance-communes-90.csv'}",
        f"OUTPUT_FOLDER={out}",
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert (
        "Les codes de commune ne correspondent pas à la table d'appartenance : 0 des 102 "
        "codes du champ « nom »" in output
    ), output
    assert "de la couche des communes figurent dans la colonne « commune_code »" in output
    assert "Exemples de la couche : « Andelnans », « Angeot », « Boron »" in output
    assert (
        "de la table : « 90001 », « 90002 », « 90003 »" in output
        and "Rien n'a été écrit." in output
    )
    assert "Traceback" not in output
    assert not out.exists() or not any(out.iterdir())


def test_admin_express_and_insee_xlsx_through_qgis_process(sample, tmp_path):
    communes = admin_express_communes(tmp_path / "COMMUNE.gpkg")
    membership = insee_xlsx(tmp_path / "table-appartenance-geo-communes-2024.xlsx")
    out = tmp_path / "out"
    proc = qgis_process_fr(
        "run",
        "ocsge:diagnostic",
        "--",
        f"INPUT={sample}",
        f"COMMUNES={communes}",
        f"MEMBERSHIP={membership}",
        f"OUTPUT_FOLDER={out}",
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Couche des communes : champs utilisés INSEE_COM → code, NOM → nom" in output
    assert (
        "lu comme la table d'appartenance géographique des communes de l'Insee (101 communes)"
        in output
    )
    assert "CODGEO → commune_code" in output
    epci = (out / "artif_epci.csv").read_text(encoding="utf-8")
    assert "200069052" in epci and "CA Grand Belfort" in epci
