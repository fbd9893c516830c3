"""A regional base computed through a correspondence table (issue 28, point 4): hand layers in a
made-up two-level nomenclature, two millésimes, two territories; stocks and flows known by hand,
the code the table does not list reported with its surface and never counted as non-artificialised.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import write_layer
from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import QVariant
from support import report_of

X0, Y0 = 990000.0, 6720000.0  # Lambert-93


def rect(x0, y0, x1, y1):
    return (
        f"MULTIPOLYGON((({X0 + x0} {Y0 + y0},{X0 + x1} {Y0 + y0},{X0 + x1} "
        f"{Y0 + y1},{X0 + x0} {Y0 + y1},{X0 + x0} {Y0 + y0})))"
    )


def territories(path: Path, rows) -> Path:
    return write_layer(
        path, "territoires", ["code", "nom", "epci_code"], rows, geometry_name="geom"
    )


def rows_by_code(path) -> dict[str, dict]:
    layer = QgsVectorLayer(path, "out", "ogr")
    return {
        feature["code"]: {
            name: None if isinstance(v, QVariant) and v.isNull() else v
            for name, v in zip(layer.fields().names(), feature.attributes())
        }
        for feature in layer.getFeatures()
    }


# Made-up nomenclature: 1 built-up (1.1 housing: artificialised, imperméabilisation not stated;
# 1.2 roads: artificialised and impermeable), 2 farmland (2.1 crops: neither); 9.9 is not in the
# table.
TABLE = (
    "# nom: Base d'essai niveau 2\n"
    "# source: https://example.org/nomenclature-essai.pdf\n"
    "code;libelle;artificialise;impermeable\n"
    "1.1;Habitat;oui;indetermine\n"
    "1.2;Routes;oui;oui\n"
    "2.1;Cultures;non;non\n"
)
# Territories A = [0,100]², B = [100,200] × [0,100] (1 ha each).
DEBUT = [
    (rect(0, 0, 50, 100), ["P1", "2.1"]),  # A 5000 m²: crops
    (rect(50, 0, 150, 50), ["P2", "1.2"]),  # A 2500, B 2500: roads
    (rect(50, 50, 150, 100), ["P3", "1.1"]),  # A 2500, B 2500: housing
    (rect(150, 0, 200, 100), ["P4", "9.9"]),  # B 5000: unmapped
]
FIN = [
    (rect(0, 0, 50, 100), ["P1", "1.1"]),  # crops → housing: artificialised
    (rect(50, 0, 150, 50), ["P2", "2.1"]),  # roads → crops: désartificialisé, désimperméabilisé
    (rect(50, 50, 150, 100), ["P3", "1.1"]),
    (rect(150, 0, 200, 100), ["P4", "9.9"]),
]
# By hand (m²). Imperméabilisation: only the roads say yes; housing says nothing (indéterminé),
# so P1's change (crops → housing) is an artificialisation whose imperméabilisation flow cannot be
# told (flux_indetermine). Undetermined surface at fin: housing (imperméabilisation not stated)
# and the unmapped 9.9.
HAND = {
    "A": dict(
        surface_artif_debut=5000,
        surface_artif=7500,
        surface_imper_debut=2500,
        surface_imper=0,
        flux_artif=5000,
        flux_desartif=2500,
        flux_artif_net=2500,
        flux_imper=0,
        flux_desimper=2500,
        flux_imper_net=-2500,
        flux_indetermine=5000,
        surface_indeterminee=7500,  # P1 5000 + P3 2500 (housing)
    ),
    "B": dict(
        surface_artif_debut=5000,
        surface_artif=2500,
        surface_imper_debut=2500,
        surface_imper=0,
        flux_artif=0,
        flux_desartif=2500,
        flux_artif_net=-2500,
        flux_imper=0,
        flux_desimper=2500,
        flux_imper_net=-2500,
        flux_indetermine=0,
        surface_indeterminee=7500,  # P3 2500 (housing) + P4 5000 (unmapped)
    ),
}


@pytest.fixture
def regional(tmp_path):
    """The two millésimes (year in the file's name only), the table and the territories."""
    paths = []
    for year, rows in ((2015, DEBUT), (2021, FIN)):
        path = write_layer(
            tmp_path / "base" / f"ocsol_region_{year}.gpkg",
            f"ocsol_{year}",
            ["ident", "code_n2"],
            rows,
        )
        paths.append(str(path))
    table = tmp_path / "essai.csv"
    table.write_text(TABLE, encoding="utf-8")
    terr = territories(
        tmp_path / "territoires.gpkg",
        [
            (rect(0, 0, 100, 100), ["A", "Alpha", "E1"]),
            (rect(100, 0, 200, 100), ["B", "Beta", "E1"]),
        ],
    )
    return paths, table, terr


def test_aggregate_stocks_flows_and_unmapped_code(run, regional, tmp_path):
    paths, table, terr = regional
    results, feedback = run(
        "ocsge:aggregate",
        {
            "INPUT_LAYERS": paths,
            "TERRITORIES": str(terr),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "CORRESPONDANCE": str(table),
            "CORRESPONDANCE_FIELD": "CODE_N2",  # case ignored
            "UNIT": 1,  # m²
            "OUTPUT": str(tmp_path / "out.gpkg"),
        },
    )
    rows = rows_by_code(results["OUTPUT"])
    for code, expected in HAND.items():
        row = rows[code]
        assert (row["millesime_debut"], row["millesime_fin"]) == ("2015", "2021")
        for name, value in expected.items():
            assert row[name] == pytest.approx(value, abs=1e-6), (code, name)
        assert row["convention"] == "correspondance:Base d'essai niveau 2"
    report = report_of(results)
    table_report = report["correspondance"]
    assert table_report["nom"] == "Base d'essai niveau 2"
    assert table_report["source"] == "https://example.org/nomenclature-essai.pdf"
    assert table_report["champ"] == "CODE_N2"
    assert table_report["codes"] == {"artificialise": 2, "non_artificialise": 1, "indetermine": 0}
    absent = table_report["codes_absents"]
    assert len(absent) == 2  # each millésime's layer
    for codes in absent.values():
        assert codes == {"9.9": {"nombre": 1, "surface_ha": pytest.approx(0.5)}}
    assert any("9.9 (1 polygon(s), 0.5000 ha)" in w for w in feedback.warnings)
    # The table's name is in the GeoPackage's metadata, as a convention is.
    layer = QgsVectorLayer(results["OUTPUT"], "out", "ogr")
    assert layer.isValid()
    from osgeo import gdal

    info = gdal.OpenEx(str(Path(results["OUTPUT"]).parent / "out.gpkg"))
    assert info.GetLayer(0).GetMetadataItem("convention") == "correspondance:Base d'essai niveau 2"


def test_classify_through_the_table(run, regional, tmp_path):
    paths, table, _terr = regional
    results, feedback = run(
        "ocsge:classify",
        {
            "INPUT": paths[0],
            "CORRESPONDANCE": str(table),
            "CORRESPONDANCE_FIELD": "code_n2",
            "OUTPUT": str(tmp_path / "classe.gpkg"),
        },
    )
    assert results["METHOD_USED"] == "matrice"
    assert results["ARTIF_HA"] == pytest.approx(1.0)  # P2 0.5 + P3 0.5
    assert results["IMPER_HA"] == pytest.approx(0.5)  # P2
    assert results["INDETERMINE_HA"] == pytest.approx(0.5)  # P4, unmapped
    assert results["INDETERMINE_IMPER_HA"] == pytest.approx(1.0)  # P3 (not stated) + P4
    report = report_of(results)
    assert report["convention"] == "correspondance:Base d'essai niveau 2"
    assert report["correspondance"]["codes_absents"] == {
        "9.9": {"nombre": 1, "surface_ha": pytest.approx(0.5)}
    }
    assert any("9.9 (1 polygon(s), 0.5000 ha)" in w for w in feedback.warnings)
    from osgeo import gdal

    dataset = gdal.OpenEx(str(tmp_path / "classe.gpkg"))
    assert (
        dataset.GetLayer(0).GetMetadataItem("convention") == "correspondance:Base d'essai niveau 2"
    )
    del dataset


def test_table_without_field_or_with_thresholds_refused(run, regional, tmp_path):
    from qgis.core import QgsProcessingException

    paths, table, _terr = regional
    base = {"INPUT": paths[0], "OUTPUT": str(tmp_path / "c.gpkg"), "CORRESPONDANCE": str(table)}
    with pytest.raises(QgsProcessingException, match="CORRESPONDANCE_FIELD"):
        run("ocsge:classify", base)
    with pytest.raises(QgsProcessingException, match="correspondence table"):
        run("ocsge:classify", dict(base, CORRESPONDANCE_FIELD="code_n2", METHOD=3))


def test_flows_by_overlay_through_the_table(run, regional, tmp_path):
    paths, table, _terr = regional
    results, feedback = run(
        "ocsge:flows",
        {
            "OCCUPATION_DEBUT": paths[0],
            "OCCUPATION_FIN": paths[1],
            "MILLESIME_DEBUT": 2015,
            "MILLESIME_FIN": 2021,
            "CORRESPONDANCE": str(table),
            "CORRESPONDANCE_FIELD": "code_n2",
            "OUTPUT": str(tmp_path / "flux.gpkg"),
        },
    )
    report = report_of(results)
    assert report["method"] == "matrice"
    assert report["convention"] == "correspondance:Base d'essai niveau 2"
    flows = report["flows_ha"]
    # P1 crops → housing 0.5 ha; P2 roads → crops 0.5 ha (désartificialisé, désimperméabilisé)
    assert flows["flux_artif"] == pytest.approx(0.5)
    assert flows["flux_desartif"] == pytest.approx(0.5)
    assert flows["flux_imper"] == pytest.approx(0.0, abs=1e-9)
    assert flows["flux_desimper"] == pytest.approx(0.5)
    assert report["correspondance"]["codes_absents"] == {
        name: {"9.9": {"nombre": 1, "surface_ha": pytest.approx(0.5)}}
        for name in ("ocsol_region_2015", "ocsol_region_2021")
    }
    from osgeo import gdal

    dataset = gdal.OpenEx(str(tmp_path / "flux.gpkg"))
    layer = dataset.GetLayer(0)
    assert layer.GetMetadataItem("convention") == "correspondance:Base d'essai niveau 2"
    by_flux = {}
    for feature in layer:
        by_flux[feature.GetField("flux")] = feature.GetField("flux_imper")
    # P1's piece: artificialised, its imperméabilisation flow unknown (NULL), not « 0 »
    assert "artificialisation" in by_flux and by_flux["artificialisation"] is None
    del layer, dataset


@pytest.mark.parametrize("given", ["LAYERS", "INPUT"])
def test_diagnostic_on_the_regional_layers(run, regional, tmp_path, given):
    """The diagnostic on the regional layers (loaded layers, LAYERS, or their folder, INPUT):
    published tables per commune computed through the table, its name in the REPORT and the files'
    metadata."""
    paths, table, _terr = regional
    communes = write_layer(
        tmp_path / "communes.gpkg",
        "communes",
        ["code", "nom", "epci_code", "departement_code", "region_code"],
        [
            (rect(0, 0, 100, 100), ["90001", "Alpha", "200069052", "90", "27"]),
            (rect(100, 0, 200, 100), ["90002", "Beta", "200069052", "90", "27"]),
        ],
        geometry_name="geom",
    )
    results, feedback = run(
        "ocsge:diagnostic",
        {
            given: paths if given == "LAYERS" else str(Path(paths[0]).parent),
            "COMMUNES": str(communes),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "CORRESPONDANCE": str(table),
            "CORRESPONDANCE_FIELD": "code_n2",
            "UNIT": 1,
            "OUTPUT_FOLDER": str(tmp_path / "out"),
        },
    )
    report = report_of(results)
    assert report["convention"] == "correspondance:Base d'essai niveau 2"
    assert (
        report["correspondance"]["codes_absents"]
        == {
            title: {"9.9": {"nombre": 1, "surface_ha": pytest.approx(0.5)}}
            for title in report["correspondance"]["codes_absents"]
        }
        and len(report["correspondance"]["codes_absents"]) == 2
    )
    import csv

    def rows(level):
        with open(tmp_path / "out" / f"artif_{level}.csv", encoding="utf-8") as handle:
            return {row[f"{level}_code"]: row for row in csv.DictReader(handle)}

    communes = rows("commune")
    for code, hand in (("90001", HAND["A"]), ("90002", HAND["B"])):
        row = communes[code]
        assert (row["millesime_debut"], row["millesime_fin"]) == ("2015", "2021")
        for name in ("surface_artif", "flux_artif", "flux_desartif", "flux_artif_net"):
            assert float(row[name]) == pytest.approx(hand[name]), (code, name)
    (epci,) = rows("epci").values()  # the two communes summed
    assert float(epci["surface_artif"]) == pytest.approx(10000.0)
    assert float(epci["pourcent_artif"]) == pytest.approx(50.0)
    assert float(epci["flux_artif_net"]) == pytest.approx(0.0, abs=1e-6)
    from osgeo import gdal

    dataset = gdal.OpenEx(str(tmp_path / "out" / "artif_commune.gpkg"))
    assert (
        dataset.GetLayer(0).GetMetadataItem("convention") == "correspondance:Base d'essai niveau 2"
    )
    description = dataset.GetLayer(0).GetMetadataItem("DESCRIPTION")
    assert description.endswith(
        "read through the correspondence table Base d'essai niveau 2, not OCS GE."
    )
    del dataset


def test_unmapped_code_gives_no_flow(run, regional, tmp_path):
    """9.9 → housing is no artificialisation, roads → 9.9 no désartificialisation: the unmapped
    code is indéterminé at that date, both pieces are counted apart (1.5 ha)."""
    _paths, table, _terr = regional
    debut = write_layer(
        tmp_path / "autre_2015.gpkg",
        "autre_2015",
        ["ident", "code_n2"],
        [(rect(0, 0, 100, 100), ["Q1", "9.9"]), (rect(100, 0, 150, 100), ["Q2", "1.2"])],
    )
    fin = write_layer(
        tmp_path / "autre_2021.gpkg",
        "autre_2021",
        ["ident", "code_n2"],
        [(rect(0, 0, 100, 100), ["Q1", "1.1"]), (rect(100, 0, 150, 100), ["Q2", "9.9"])],
    )
    results, _feedback = run(
        "ocsge:flows",
        {
            "OCCUPATION_DEBUT": str(debut),
            "OCCUPATION_FIN": str(fin),
            "MILLESIME_DEBUT": 2015,
            "MILLESIME_FIN": 2021,
            "CORRESPONDANCE": str(table),
            "CORRESPONDANCE_FIELD": "code_n2",
            "OUTPUT": str(tmp_path / "flux2.gpkg"),
        },
    )
    report = report_of(results)
    for name in ("flux_artif", "flux_desartif", "flux_imper", "flux_desimper"):
        assert report["flows_ha"][name] == pytest.approx(0.0, abs=1e-9), name
    assert report["undetermined_ha"] == pytest.approx(1.5)
    assert report["undetermined_count"] == 2


def test_difference_layer_refused_with_a_table(run, regional, tmp_path):
    """IGN's difference layer carries OCS GE's codes: not read through a regional table."""
    from qgis.core import QgsProcessingException

    _paths, table, _terr = regional
    diff = write_layer(
        tmp_path / "DIFF_2018-2021.gpkg",
        "DIFFERENCE",
        ["cs_2018", "us_2018", "cs_2021", "us_2021"],
        [(rect(0, 0, 50, 100), ["CS2.2.1", "US1.1", "CS1.1.1.1", "US5"])],
    )
    with pytest.raises(QgsProcessingException, match="not a difference layer"):
        run(
            "ocsge:flows",
            {
                "DIFFERENCE": str(diff),
                "CORRESPONDANCE": str(table),
                "CORRESPONDANCE_FIELD": "code_n2",
                "OUTPUT": str(tmp_path / "f.gpkg"),
            },
        )


def test_portrait_of_a_regional_base_names_its_table(run, regional, tmp_path):
    """The portrait of a commune computed through the table: its cover and method note name the
    table, never « IGN, OCS GE » as the source; the commune's surface is the table's."""
    import subprocess

    paths, table, _terr = regional
    communes = write_layer(
        tmp_path / "communes.gpkg",
        "communes",
        ["code", "nom", "epci_code", "departement_code", "region_code"],
        [
            (rect(0, 0, 100, 100), ["90001", "Alpha", "200069052", "90", "27"]),
            (rect(100, 0, 200, 100), ["90002", "Beta", "200069052", "90", "27"]),
        ],
        geometry_name="geom",
    )
    output = tmp_path / "portrait" / "alpha.pdf"
    run(
        "ocsge:portrait",
        {
            "INPUT": str(Path(paths[0]).parent),  # the base's folder
            "COMMUNES": str(communes),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "CORRESPONDANCE": str(table),
            "CORRESPONDANCE_FIELD": "code_n2",
            "LEVEL": 0,
            "TERRITORIES": "90001",
            "OUTPUT": str(output),
        },
    )
    text = subprocess.run(
        ["pdftotext", str(output), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert "Base d'essai niveau 2" in flat
    assert "table de correspondance" in flat
    assert "IGN, OCS GE (occupation du sol à grande échelle)" not in flat
