"""ocsge:bases_regionales through Processing: the export is the shipped inventory byte for byte,
importing it back changes nothing, a file with one corrected and one new record reports exactly
those (what the choice refuses, with its reason), a malformed file is refused with the message
naming its line and field and nothing is written. Expected values come from the shipped CSV read
with the csv module and from the 40 rows written out in tests/unit/test_regional_bases.py."""

from __future__ import annotations

import csv
import json

import pytest
from french import french  # noqa: F401 - the fixture
from qgis.core import QgsProcessingException
from support import ROOT, report_of

SHIPPED = ROOT / "ocsge_plugin" / "resources" / "bases_ocs_regionales.csv"


def _rows():
    with SHIPPED.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def _records(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\n").writerows(rows)
    return path


def crige_file(tmp_path):
    """The shipped rows with 11-MOS's UMC corrected and a new base for Centre-Val de Loire."""
    rows = _rows()
    header = rows[0]
    mos = next(row for row in rows if row[0] == "11-MOS")
    mos[header.index("umc")] = "Unité minimale de collecte de 625 m²"
    new = [""] * len(header)
    for name, value in {
        "identifiant": "24-OCS-CENTRE",
        "code_region": "24",
        "region": "Centre-Val de Loire",
        "caracteristiques": "en cours d'élaboration",
        "millesimes": "2021",
        "source_url": "https://example.org/centre",
        "date_verification": "2026-12-08",
    }.items():
        new[header.index(name)] = value
    return _write(tmp_path / "crige.csv", [*rows, new])


def test_export_then_import_round_trip_is_identical(run, tmp_path):
    exported = tmp_path / "export.csv"
    results, _ = run(
        "ocsge:bases_regionales",
        {
            "INVENTAIRE": str(SHIPPED),
            "OUTPUT_CSV": str(exported),
            "OUTPUT_GEOJSON": str(tmp_path / "regions.geojson"),
        },
    )
    assert exported.read_bytes() == SHIPPED.read_bytes()
    report = report_of(results)
    assert report["records"] == 40 and report["added"] == [] and report["import"] is None
    regions = json.loads((tmp_path / "regions.geojson").read_text(encoding="utf-8"))
    by_code = {f["properties"]["code"]: f["properties"] for f in regions["features"]}
    assert len(by_code) == 18
    assert by_code["24"]["disponibilite"] == "ocsge"  # 24-OCSGE only
    assert by_code["94"]["disponibilite"] == "in_progress"  # 94-MOS-CORSE « en cours »
    assert by_code["76"]["disponibilite"] == "regional"  # 91-OCSOL-SIGLR (2006)

    again = tmp_path / "again.csv"
    results, _ = run(
        "ocsge:bases_regionales",
        {
            "INVENTAIRE": str(SHIPPED),
            "IMPORT": str(exported),
            "ACCEPTER": 2,
            "OUTPUT_CSV": str(again),
        },
    )
    report = report_of(results)
    assert (report["added"], report["changed"], report["refused"]) == ([], [], [])
    assert report["unchanged"] == 40
    assert again.read_bytes() == SHIPPED.read_bytes()


def test_one_changed_one_new_record_everything_accepted(run, tmp_path):
    out = tmp_path / "merged.csv"
    results, _ = run(
        "ocsge:bases_regionales",
        {
            "INVENTAIRE": str(SHIPPED),
            "IMPORT": str(crige_file(tmp_path)),
            "ACCEPTER": 2,
            "OUTPUT_CSV": str(out),
        },
    )
    report = report_of(results)
    assert report["added"] == ["24-OCS-CENTRE"]
    assert report["changed"] == [
        {
            "identifiant": "11-MOS",
            "fields": [
                {
                    "name": "umc",
                    "before": "Unité minimale de collecte de 500 m²",
                    "after": "Unité minimale de collecte de 625 m²",
                }
            ],
        }
    ]
    assert report["refused"] == [] and report["unchanged"] == 39 and report["records"] == 41
    merged = _records(out)
    assert len(merged) == 41 and merged[-1]["identifiant"] == "24-OCS-CENTRE"
    assert next(r for r in merged if r["identifiant"] == "11-MOS")["umc"].endswith("625 m²")


@pytest.mark.usefixtures("french")
def test_new_records_only_refuses_the_change_with_its_reason(run, tmp_path):
    out = tmp_path / "merged.csv"
    results, _ = run(
        "ocsge:bases_regionales",
        {
            "INVENTAIRE": str(SHIPPED),
            "IMPORT": str(crige_file(tmp_path)),
            "ACCEPTER": 1,
            "OUTPUT_CSV": str(out),
        },
    )
    report = report_of(results)
    assert report["added"] == ["24-OCS-CENTRE"] and report["changed"] == []
    assert report["refused"] == [
        {
            "identifiant": "11-MOS",
            "reason": "modifie umc, non prise : seules les fiches nouvelles devaient être "
            "acceptées",
        }
    ]
    assert report["summary"].startswith("1 fiche(s) nouvelle(s), 1 modifiée(s), 39 inchangée(s)")
    merged = _records(out)
    assert next(r for r in merged if r["identifiant"] == "11-MOS")["umc"].endswith("500 m²")
    # « Nothing »: the inventory as it was, both refused
    results, _ = run(
        "ocsge:bases_regionales",
        {"INVENTAIRE": str(SHIPPED), "IMPORT": str(crige_file(tmp_path)), "OUTPUT_CSV": str(out)},
    )
    assert report_of(results)["refused"] == [
        {
            "identifiant": "24-OCS-CENTRE",
            "reason": "fiche nouvelle, non prise : rien ne devait être accepté",
        },
        {"identifiant": "11-MOS", "reason": "modifie umc, non prise : rien ne devait être accepté"},
    ]
    assert out.read_bytes() == SHIPPED.read_bytes()


@pytest.mark.usefixtures("french")
def test_a_malformed_file_is_refused_and_nothing_is_written(run, tmp_path):
    rows = _rows()
    header = rows[0]
    ocs2d = next(row for row in rows if row[0] == "31-OCS2D")  # the 12th record: line 13
    ocs2d[header.index("millesimes")] = "2005, 20015"
    bad = _write(tmp_path / "bad.csv", rows)
    out, geojson = tmp_path / "merged.csv", tmp_path / "regions.geojson"
    with pytest.raises(QgsProcessingException) as refused:
        run(
            "ocsge:bases_regionales",
            {
                "INVENTAIRE": str(SHIPPED),
                "IMPORT": str(bad),
                "ACCEPTER": 2,
                "OUTPUT_CSV": str(out),
                "OUTPUT_GEOJSON": str(geojson),
            },
        )
    assert str(refused.value) == (
        "Ligne 13, champ « millesimes » (Millésimes) : « 20015 » n'est pas une année."
    )
    assert not out.exists() and not geojson.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_without_inventory_the_users_copy_is_read(run, tmp_path, monkeypatch):
    """INVENTAIRE empty: the inventory the dock uses, the user's merged copy when it exists."""
    monkeypatch.setenv("OCSGE_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "out.csv"
    results, _ = run("ocsge:bases_regionales", {"OUTPUT_CSV": str(out)})
    assert report_of(results)["inventory"] == str(SHIPPED)
    assert out.read_bytes() == SHIPPED.read_bytes()
    (tmp_path / "data").mkdir(exist_ok=True)
    copy = tmp_path / "data" / "bases_ocs_regionales.csv"
    copy.write_bytes(crige_file(tmp_path).read_bytes())
    results, _ = run("ocsge:bases_regionales", {"OUTPUT_CSV": str(out)})
    report = report_of(results)
    assert report["inventory"] == str(copy) and report["records"] == 41
    assert out.read_bytes() == copy.read_bytes()
