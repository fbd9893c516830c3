"""ocsge:bases_regionales under the real qgis_process, as a script runs it: export then import gives
the same file, one corrected and one new record are reported as exactly those, a malformed file is
refused with the message naming its line and field (no traceback) and nothing is written."""

from __future__ import annotations

import csv

import pytest
from support import ROOT, qgis_process, qgis_process_json, report_of

pytestmark = pytest.mark.slow

SHIPPED = ROOT / "ocsge_plugin" / "resources" / "bases_ocs_regionales.csv"


def _edited(tmp_path, name, **changes):
    """The shipped rows with ``changes`` ({identifier: {field: value}}); a new record for
    the identifier ``NEW``."""
    with SHIPPED.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header = rows[0]
    for row in rows[1:]:
        for field, value in changes.get(row[0], {}).items():
            row[header.index(field)] = value
    if "NEW" in changes:
        new = [""] * len(header)
        for field, value in changes["NEW"].items():
            new[header.index(field)] = value
        rows.append(new)
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\n").writerows(rows)
    return path


def test_export_import_round_trip_and_report(tmp_path):
    exported = tmp_path / "export.csv"
    qgis_process_json(
        "run", "ocsge:bases_regionales", "--", f"OUTPUT_CSV={exported}", f"INVENTAIRE={SHIPPED}"
    )
    assert exported.read_bytes() == SHIPPED.read_bytes()
    again = tmp_path / "again.csv"
    result = qgis_process_json(
        "run",
        "ocsge:bases_regionales",
        "--",
        f"INVENTAIRE={SHIPPED}",
        f"IMPORT={exported}",
        "ACCEPTER=2",
        f"OUTPUT_CSV={again}",
    )
    report = report_of(result["results"])
    assert (report["added"], report["changed"], report["refused"]) == ([], [], [])
    assert again.read_bytes() == SHIPPED.read_bytes()

    crige = _edited(
        tmp_path,
        "crige.csv",
        **{
            "53-OCS56": {"millesimes": "2013, 2020"},
            "NEW": {
                "identifiant": "52-OCS-PDL",
                "code_region": "52",
                "region": "Pays de la Loire",
                "caracteristiques": "en cours d'élaboration",
                "source_url": "https://example.org/pdl",
                "date_verification": "2026-12-08",
            },
        },
    )
    merged = tmp_path / "merged.csv"
    result = qgis_process_json(
        "run",
        "ocsge:bases_regionales",
        "--",
        f"INVENTAIRE={SHIPPED}",
        f"IMPORT={crige}",
        "ACCEPTER=2",
        f"OUTPUT_CSV={merged}",
    )
    report = report_of(result["results"])
    assert report["added"] == ["52-OCS-PDL"]
    assert report["changed"] == [
        {
            "identifiant": "53-OCS56",
            "fields": [{"name": "millesimes", "before": "2013", "after": "2013, 2020"}],
        }
    ]
    assert report["refused"] == [] and report["records"] == 41


def test_a_malformed_file_is_refused_naming_line_and_field(tmp_path):
    bad = _edited(tmp_path, "bad.csv", **{"11-MOS": {"lien_donnees": "htp:/data.example"}})
    out = tmp_path / "out.csv"
    proc = qgis_process(
        "run",
        "ocsge:bases_regionales",
        "--",
        f"INVENTAIRE={SHIPPED}",
        f"IMPORT={bad}",
        "ACCEPTER=2",
        f"OUTPUT_CSV={out}",
        f"OUTPUT_GEOJSON={tmp_path / 'regions.geojson'}",
        check=False,
    )
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert (
        "Line 3, field “lien_donnees” (Link to the data): “htp:/data.example” is not a "
        "well-formed http(s) address." in output
    )
    assert "Traceback" not in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]
