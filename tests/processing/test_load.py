"""ocsge:load through processing.run, on hand-built deliveries whose surfaces are known by hand."""

from __future__ import annotations

import os

import pytest
from builders import (
    HAND_ROWS,
    HAND_SURFACE_HA,
    hand_delivery,
    pack_7z,
    seven_zip,
    square,
    write_layer,
)
from qgis.core import QgsProcessingException, QgsVectorLayer
from support import report_of


def _report(results):
    return report_of(results)


def _surfaces(layer: QgsVectorLayer) -> dict[str, float]:
    totals: dict[str, float] = {}
    for feature in layer.getFeatures():
        totals[feature["code_cs"]] = (
            totals.get(feature["code_cs"], 0.0) + feature.geometry().area() / 10000
        )
    return totals


def test_archive_is_loaded_normalised_with_crs_and_millesime(run, tmp_path):
    archive = pack_7z(hand_delivery(tmp_path))
    results, feedback = run("ocsge:load", {"INPUT": str(archive), "SUMMARY": True})
    report = _report(results)
    kinds = sorted(layer["kind"] for layer in report["layers"])
    assert kinds == ["occupation", "zone_construite"]
    occupation = QgsVectorLayer(results["OCCUPATION"], "o", "ogr")
    assert occupation.isValid()
    assert occupation.crs().authid() == "EPSG:2154"
    assert occupation.featureCount() == 5
    assert {"code_cs", "code_us", "ID", "millesime"} <= set(occupation.fields().names())
    assert _surfaces(occupation) == pytest.approx(HAND_SURFACE_HA)
    entry = next(layer for layer in report["layers"] if layer["kind"] == "occupation")
    assert entry["departement"] == "32" and entry["millesimes"] == [2019]
    assert entry["surface_ha_by_couverture"] == pytest.approx(HAND_SURFACE_HA)
    # and in the log as a table people read: code, label, hectares and share, rounded
    table = feedback.commands[0].replace("\u00a0", " ").split("\n")
    assert table[0].split() == ["Code", "Label", "Surface", "(ha)", "Share", "(%)"]
    assert table[1].startswith("CS1.1.1.1  Zones bâties") and table[1].split()[-2:] == [
        "1.00",
        "23.53",
    ]  # 1 ha of 4.25
    assert table[-1].split() == ["Total", "4.25", "100.00"]
    # Loading the same archive twice does not extract twice.
    results2, feedback2 = run("ocsge:load", {"INPUT": str(archive)})
    assert any("cache" in info for info in feedback2.infos)
    assert results2["OCCUPATION"] == results["OCCUPATION"]


@pytest.mark.parametrize(
    "flavour, fields",
    [
        ("shp", ("CODE_CS", "CODE_US")),
        ("gpkg", ("couverture", "usage")),
        ("gpkg", ("CODE_CS", "CODE_US")),
    ],
)
def test_field_spellings_are_normalised(run, tmp_path, flavour, fields):
    folder = hand_delivery(tmp_path, flavour=flavour, fields=fields)
    results, _ = run("ocsge:load", {"INPUT": str(tmp_path)})
    layer = QgsVectorLayer(results["OCCUPATION"], "o", "ogr")
    assert "code_cs" in layer.fields().names() and "code_us" in layer.fields().names()
    assert _surfaces(layer) == pytest.approx(HAND_SURFACE_HA)
    assert folder.exists()


def test_crs_from_archive_token_when_no_prj(run, tmp_path):
    name = "OCS-GE_2-0__SHP_RGR92UTM40S_D974_2019-01-01"
    inner = (
        tmp_path / name / "OCS-GE" / "1_DONNEES_LIVRAISON" / "OCS-GE_2-0_SHP_RGR92UTM40S_D974-2019"
    )
    write_layer(
        inner / "OCCUPATION_SOL.shp",
        "OCCUPATION_SOL",
        ["ID", "CODE_CS", "CODE_US"],
        [(square(0, 0, 10), ["a", "CS2.2.1", "US1.1"])],
        epsg=None,
        driver="SHP",
    )
    assert not (inner / "OCCUPATION_SOL.prj").exists()
    results, _ = run("ocsge:load", {"INPUT": str(pack_7z(tmp_path / name))})
    layer = QgsVectorLayer(results["OCCUPATION"], "o", "ogr")
    assert layer.crs().authid() == "EPSG:2975"
    assert _report(results)["layers"][0]["departement"] == "974"


def test_difference_fields_and_years(run, tmp_path):
    name = "OCS-GE_2-0_DIFF_SHP_LAMB93_D001_2018-2021"
    inner = tmp_path / name / "OCS-GE" / "1_DONNEES" / "DIFF"
    rows = [
        (square(0, 0, 100), ["CS2.2.1", "US1.1", "CS1.1.1.1", "US5"]),
        (square(100, 0, 100), [None, None, "CS1.1.1.2", "US4.1.1"]),
    ]
    write_layer(
        inner / "DIFFERENCE.shp",
        "DIFFERENCE",
        ["CS_2018", "US_2018", "CS_2021", "US_2021"],
        rows,
        driver="SHP",
    )
    results, feedback = run("ocsge:load", {"INPUT": str(tmp_path / name)})
    entry = _report(results)["layers"][0]
    assert (
        entry["kind"] == "difference"
        and entry["millesimes"] == [2018, 2021]
        and entry["departement"] == "01"
    )
    layer = QgsVectorLayer(results["DIFFERENCE"], "d", "ogr")
    assert {"cs_debut", "us_debut", "cs_fin", "us_fin"} <= set(layer.fields().names())
    assert entry["null_codes"] == 1
    # counted apart by the runs' convention: information, not a warning
    assert any("null" in w for w in feedback.infos) and not any(
        "null" in w for w in feedback.warnings
    )


def test_old_difference_spelling(run, tmp_path):
    name = "OCS-GE_2-0__SHP_LAMB93_D032_DIFF_2016-2019"
    inner = tmp_path / name / "OCS-GE" / "1_DONNEES"
    write_layer(
        inner / "DIFF_OCS.shp",
        "DIFF_OCS",
        ["cs_avant", "us_avant", "cs_apres", "us_apres"],
        [(square(0, 0, 100), ["CS2.2.1", "US1.1", "CS1.1.1.1", "US5"])],
        driver="SHP",
    )
    results, _ = run("ocsge:load", {"INPUT": str(tmp_path)})
    entry = _report(results)["layers"][0]
    assert entry["millesimes"] == [2016, 2019] and entry["fields"]["cs_debut"] == "cs_avant"


def test_artificialisation_layers(run, tmp_path):
    name = "OCS-GE_2-0_ARTIFICIALISATION_GPKG_LAMB93_D001_2018-01-01"
    path = tmp_path / name / "OCS-GE" / "1_DONNEES" / "ARTIF.gpkg"
    write_layer(
        path,
        "artif_2018_001",
        ["id", "code_cs", "code_us", "artif", "crit_seuil"],
        [(square(0, 0, 100), ["1", "CS1.1.1.1", "US5", "artif", "0"])],
    )
    name2 = "OCS-GE-ARTIFICIALISATION_2-0_DIFF-2018-2021_GPKG_LAMB93_D001_2025-09-16"
    path2 = tmp_path / name2 / "OCS-GE" / "1_DONNEES" / "EVOL.gpkg"
    write_layer(
        path2,
        "ZAN_EVOL_2018_2021_001",
        [
            "CS_2018",
            "US_2018",
            "ARTIF_2018",
            "CS_2021",
            "US_2021",
            "ARTIF_2021",
            "ARTIFICIALISATION",
        ],
        [(square(0, 0, 100), ["CS2.2.1", "US1.1", "non artif", "CS1.1.1.1", "US5", "artif", "1"])],
    )
    results, _ = run("ocsge:load", {"INPUT": str(tmp_path)})
    by_kind = {layer["kind"]: layer for layer in _report(results)["layers"]}
    assert by_kind["artif"]["millesimes"] == [2018] and by_kind["artif"]["departement"] == "01"
    assert by_kind["artif_diff"]["millesimes"] == [2018, 2021]
    layer = QgsVectorLayer(results["ARTIF_DIFF"], "e", "ogr")
    assert {"cs_debut", "artif_debut", "cs_fin", "artif_fin", "artificialisation"} <= set(
        layer.fields().names()
    )


def test_two_millesimes_and_two_departements(run, tmp_path):
    hand_delivery(tmp_path / "a", name="OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01")
    hand_delivery(tmp_path / "b", name="OCS-GE_2-0__GPKG_LAMB93_D032_2016-01-01")
    hand_delivery(tmp_path / "c", name="OCS-GE_2-0__GPKG_LAMB93_D065_2019-01-01")
    results, feedback = run("ocsge:load", {"INPUT": str(tmp_path), "KINDS": [0]})
    report = _report(results)
    assert report["departements"] == ["32", "65"]
    assert len(results["LAYERS"]) == 3
    assert any("32, 65" in info for info in feedback.infos)  # both loaded: information
    assert not any("32, 65" in warning for warning in feedback.warnings)


def test_unknown_codes_are_reported_and_loading_goes_on(run, tmp_path):
    rows = HAND_ROWS + [
        (square(500, 0, 10), ["X", "CS9.9", "US1.1", "2019"]),
        (square(600, 0, 10), ["Y", "CS9.9", "US77", "2019"]),
    ]
    hand_delivery(tmp_path, rows=rows)
    results, feedback = run("ocsge:load", {"INPUT": str(tmp_path)})
    entry = next(layer for layer in _report(results)["layers"] if layer["kind"] == "occupation")
    assert entry["unknown_codes"] == {"CS9.9": 2, "US77": 1}
    assert any("CS9.9 (2)" in warning for warning in feedback.warnings)


@pytest.mark.parametrize(
    "case", ["missing", "not_ocsge", "corrupt", "no_fields", "empty", "bad_extension"]
)
def test_bad_input_gets_a_clear_message(run, tmp_path, case):
    if case == "missing":
        path = tmp_path / "nothing.7z"
        expected = "does not exist"
    elif case == "not_ocsge":
        path = write_layer(
            tmp_path / "roads.gpkg", "troncons", ["nom"], [(square(0, 0, 1), ["rue"])]
        )
        expected = "No OCS GE layer"
    elif case == "corrupt":
        archive = pack_7z(hand_delivery(tmp_path / "src"))
        data = archive.read_bytes()
        path = tmp_path / archive.name
        path.write_bytes(data[: len(data) // 2])
        expected = "corrupt or truncated"
    elif case == "no_fields":
        path = write_layer(
            tmp_path / "OCCUPATION_SOL.gpkg",
            "OCCUPATION_SOL",
            ["ID", "nature"],
            [(square(0, 0, 1), ["a", "b"])],
        )
        expected = "code_cs"
    elif case == "empty":
        path = write_layer(
            tmp_path / "OCCUPATION_SOL.gpkg", "OCCUPATION_SOL", ["ID", "code_cs", "code_us"], []
        )
        expected = "Empty layer"
    else:
        path = tmp_path / "notes.txt"
        path.write_text("hello")
        expected = "not an OCS GE delivery"
    before = set(os.listdir(tmp_path))
    with pytest.raises(QgsProcessingException) as error:
        run("ocsge:load", {"INPUT": str(path)})
    assert expected in str(error.value)
    assert "Traceback" not in str(error.value)
    assert set(os.listdir(tmp_path)) == before  # no output file left beside the input


def split_7z(folder, volume: str = "2k") -> list:
    """Pack a delivery as a 7-Zip archive split in volumes (NAME.7z.001, .002, …), as IGN ships
    the largest ones."""
    import subprocess

    out = folder.parent.parent / "downloads"  # the parts alone in a folder, as downloaded
    out.mkdir()
    subprocess.run(
        [seven_zip(), "a", "-bd", "-y", f"-v{volume}", str(out / f"{folder.name}.7z"), folder.name],
        cwd=folder.parent,
        check=True,
        capture_output=True,
    )
    return sorted(out.glob(f"{folder.name}.7z.*"))


def test_archive_split_in_parts_is_loaded_from_any_part_or_its_folder(run, tmp_path):
    parts = split_7z(hand_delivery(tmp_path / "dl"))
    assert len(parts) >= 3 and parts[0].name.endswith(".7z.001")
    for given in (parts[0], parts[1], parts[0].parent):
        results, feedback = run("ocsge:load", {"INPUT": str(given), "SUMMARY": True})
        occupation = QgsVectorLayer(results["OCCUPATION"], "o", "ogr")
        assert occupation.featureCount() == 5 and _surfaces(occupation) == pytest.approx(
            HAND_SURFACE_HA
        )
        kinds = sorted(layer["kind"] for layer in _report(results)["layers"])
        assert kinds == [
            "occupation",
            "zone_construite",
        ]  # the folder: one archive, not one per part
    assert any("cache" in info for info in feedback.infos)  # extracted once


def test_archive_split_with_a_missing_part_names_it(run, tmp_path):
    parts = split_7z(hand_delivery(tmp_path / "dl"))
    parts[1].unlink()
    before = set(os.listdir(parts[0].parent))
    with pytest.raises(QgsProcessingException) as error:
        run("ocsge:load", {"INPUT": str(parts[0])})
    assert "002" in str(error.value) and "missing" in str(error.value)
    assert set(os.listdir(parts[0].parent)) == before


def test_a_broken_layer_among_a_folders_files_is_named_by_its_file(run, tmp_path):
    """A folder of deliveries also holding a table named like IGN's difference layer but without
    its code fields (an earlier export, a hand-made extract): the refusal names that file and
    layer."""
    hand_delivery(tmp_path / "livraisons")
    stray = write_layer(
        tmp_path / "livraisons" / "mes_exports" / "DIFFERENCE_2016_2019.gpkg",
        "difference_communes",
        ["commune_code", "flux_artif"],
        [(square(0, 0, 1), ["32013", "12.5"])],
    )
    with pytest.raises(QgsProcessingException) as error:
        run("ocsge:load", {"INPUT": str(tmp_path / "livraisons")})
    message = str(error.value)
    assert str(stray) in message and "difference_communes" in message and "cs_debut" in message
    assert "Traceback" not in message
