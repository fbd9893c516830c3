"""ocsge:diagnostic through the real qgis_process, on the sample deliveries as IGN ships them
(.7z)."""

from __future__ import annotations

import csv
import json

import pytest
from support import DATA, qgis_process, qgis_process_json, report_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    import sample_generator

    out = tmp_path_factory.mktemp("sample90cli")
    manifest = sample_generator.generate("90", 1500, seed=2, out=out, archive=True, flavour="gpkg")
    assert list(out.glob("*.7z"))
    return out, manifest


def test_diagnostic_writes_the_published_files(archives, tmp_path):
    folder, manifest = archives
    out = tmp_path / "diagnostic"
    result = qgis_process_json(
        "run",
        "ocsge:diagnostic",
        "--",
        f"INPUT={folder}",
        f"COMMUNES={DATA / 'communes-90-territoire-de-belfort.geojson'}",
        "CODE_FIELD=code",
        "NAME_FIELD=nom",
        f"MEMBERSHIP={DATA / 'appartenance-communes-90.csv'}",
        "METHOD=2",
        "CSV_DIALECT=1",
        f"OUTPUT_FOLDER={out}",
    )
    files = json.loads(result["results"]["FILES"])
    for level in ("commune", "epci", "departement", "region"):
        for dataset in ("artif", "imper"):
            assert (out / f"{dataset}_{level}.gpkg").exists() and (
                out / f"{dataset}_{level}.csv"
            ).exists()
            assert str(out / f"{dataset}_{level}.csv") in files
    with (out / "imper_commune.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert len(rows) == 102
    truth = manifest["truth"]["communes"]
    y2 = str(manifest["millesimes"][1])
    for row in rows:  # hectares, decimal commas
        expected = truth[row["commune_code"]][y2]["imper_m2"] / 1e4
        assert float(row["surface_imper"].replace(",", ".")) == pytest.approx(
            expected, rel=1e-6, abs=1e-5
        )
    report = report_of(result["results"])
    assert report["communes"] == 102 and report["unit"] == "ha"
    # the REPORT: a file in the output folder, not one of the published FILES
    assert result["results"]["REPORT"] == str(out / "rapport_diagnostic.json")
    assert result["results"]["REPORT"] not in files


def test_bad_input_is_a_message_not_a_traceback(tmp_path):
    proc = qgis_process(
        "run",
        "ocsge:diagnostic",
        "--",
        f"INPUT={tmp_path / 'absent.7z'}",
        f"COMMUNES={DATA / 'communes-90-territoire-de-belfort.geojson'}",
        "CODE_FIELD=code",
        f"OUTPUT_FOLDER={tmp_path / 'out'}",
        check=False,
    )
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert "does not exist" in output
    assert "Traceback" not in output
