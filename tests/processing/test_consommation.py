"""ocsge:consommation in QGIS (processing.run) on the hand table of issue 26
(tests/consumption_hand.py):
the files written, their columns and values written out, both conventions, the table de passage, the
messages of a bad input and the files it leaves alone."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from consumption_hand import NATIONAL, PLUGIN, write_artif_tables, write_hand_file, write_membership
from osgeo import ogr
from qgis.core import QgsProcessingException
from support import report_of

# trajectoires_commune of the national convention, from the file's own communes (no membership
# table), m².
NATIONAL_TRAJECTOIRES_COMMUNE = [
    [
        "90001",
        14500.0,
        "oui",
        10000.0,
        1500.0,
        500.0,
        4500.0,
        "oui",
        15.0,
        "oui",
        45.0,
        "Andelnans",
        50.0,
        2023,
        3,
        1,
        0,
        None,
        None,
        None,
        "non",
        "m2",
        "national",
    ],
    [
        "90002",
        250000.0,
        "non",
        125000.0,
        60000.0,
        20000.0,
        180000.0,
        "oui",
        48.0,
        "non",
        144.0,
        "Angeot",
        50.0,
        2023,
        3,
        1,
        0,
        None,
        None,
        "90002:2016",
        "oui",
        "m2",
        "national",
    ],
    [
        "90003",
        50000.0,
        "non",
        25000.0,
        15000.0,
        5000.0,
        45000.0,
        "oui",
        60.0,
        "non",
        180.0,
        "Anjoutey",
        50.0,
        2023,
        3,
        1,
        0,
        None,
        None,
        None,
        "non",
        "m2",
        "national",
    ],
]
# trajectoires_commune and _epci of the law, the user's territories (membership: 90001, 90002,
# 90004), m².
LAW_TRAJECTOIRES_COMMUNE = [
    [
        "90001",
        14500.0,
        "oui",
        10000.0,
        1500.0,
        500.0,
        5000.0,
        "oui",
        15.0,
        "oui",
        50.0,
        "Andelnans",
        50.0,
        2023,
        3,
        1,
        0,
        None,
        None,
        None,
        "non",
        "m2",
        "loi",
    ],
    [
        "90002",
        250000.0,
        "non",
        125000.0,
        60000.0,
        20000.0,
        200000.0,
        "oui",
        48.0,
        "non",
        160.0,
        "Angeot",
        50.0,
        2023,
        3,
        1,
        0,
        None,
        None,
        "90002:2016",
        "oui",
        "m2",
        "loi",
    ],
    [
        "90004",
        None,
        "non",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        "Argiésans",
        50.0,
        2023,
        3,
        1,
        1,
        "90004",
        None,
        None,
        "oui",
        "m2",
        "loi",
    ],
]
LAW_TRAJECTOIRES_EPCI = [
    [
        "200069052",
        264500.0,
        "non",
        132250.0,
        61500.0,
        20500.0,
        205000.0,
        "oui",
        46.502835538752365,
        "non",
        155.00945179584122,
        "CA Grand Belfort",
        50.0,
        2023,
        3,
        3,
        1,
        "90004",
        None,
        "90002:2016",
        "oui",
        "m2",
        "loi",
    ],
]


def _read(path, level: str) -> list[list]:
    table = pd.read_csv(
        path,
        dtype={f"{level}_code": str, "codes_manquants": str, "valeurs_vides": str, "nom": str},
        encoding="utf-8",
    )
    return [
        [None if isinstance(v, float) and math.isnan(v) else v for v in row]
        for row in table.itertuples(index=False)
    ]


def _same(actual: list[list], expected: list[list]) -> None:
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected):
        assert len(got) == len(want)
        for index, (a, b) in enumerate(zip(got, want)):
            assert a == (pytest.approx(b, rel=1e-12) if isinstance(b, float) else b), (
                want[0],
                index,
                a,
                b,
            )


def _params(tmp_path, **extra):
    return {
        "CONSOMMATION": str(write_hand_file(tmp_path)),
        "UNIT": 1,
        "OUTPUT_FOLDER": str(tmp_path / "out"),
        **extra,
    }


def test_the_law_with_the_users_territories(run, tmp_path):
    results, feedback = run(
        "ocsge:consommation",
        _params(tmp_path, MEMBERSHIP=str(write_membership(tmp_path)), LEVELS=[0, 1, 3, 4]),
    )
    out = tmp_path / "out"
    header = pd.read_csv(out / "trajectoires_commune.csv", nrows=0).columns.tolist()
    assert header == ["commune_code", *NATIONAL, *PLUGIN]
    _same(_read(out / "trajectoires_commune.csv", "commune"), LAW_TRAJECTOIRES_COMMUNE)
    _same(_read(out / "trajectoires_epci.csv", "epci"), LAW_TRAJECTOIRES_EPCI)
    departement = _read(out / "trajectoires_departement.csv", "departement")
    assert departement[0][:2] == ["90", 264500.0] and departement[0][11] == "Territoire de Belfort"
    # the tables, and the REPORT in the output folder (not one of the FILES)
    assert results["REPORT"] == str(out / "rapport_consommation.json")
    names = sorted(p.name for p in out.iterdir() if p.name != "rapport_consommation.json")
    assert names == sorted(
        f"{k}_{lv}.{ext}"
        for k in ("consommation", "trajectoires")
        for lv in ("commune", "epci", "departement", "region")
        for ext in ("csv", "gpkg")
    )
    assert sorted(json.loads(results["FILES"])) == sorted(str(out / name) for name in names)
    report = report_of(results)
    assert report["communes_absentes_du_fichier"] == ["90004"] and report[
        "communes_hors_territoires"
    ] == ["90003"]
    assert report["territoires_partiels"]["epci"]["200069052"] == {
        "communes": ["90004"],
        "part_surface": None,
    }
    assert (
        report["derniere_annee"] == 2023
        and report["convention"] == "loi"
        and report["unite"] == "m2"
    )
    # the commune missing from the file: a warning (its territories partial); the one in no
    # territory given, left out, and the partial totals: information
    said = " ".join(feedback.warnings)
    assert "90004" in said and "90003" not in said and "partial" in said
    told = " ".join(feedback.infos)
    assert "90003" in told and "none of the territories" in told and "partial totals" in told
    assert any("ZAN trajectory per region" in info for info in feedback.infos)


def test_the_national_convention_equals_the_literal_table(run, tmp_path):
    run("ocsge:consommation", _params(tmp_path, CONVENTION=1, LEVELS=[0]))
    _same(
        _read(tmp_path / "out" / "trajectoires_commune.csv", "commune"),
        NATIONAL_TRAJECTOIRES_COMMUNE,
    )


def test_geopackage_is_a_table_with_types_and_metadata(run, tmp_path):
    run("ocsge:consommation", _params(tmp_path, LEVELS=[1], UNIT=0))
    ds = ogr.Open(str(tmp_path / "out" / "trajectoires_epci.gpkg"))
    layer = ds.GetLayerByName("trajectoires_epci")
    assert layer.GetGeomType() == ogr.wkbNone and layer.GetFeatureCount() == 1
    defn = layer.GetLayerDefn()
    types = {
        defn.GetFieldDefn(i).GetName(): defn.GetFieldDefn(i).GetTypeName()
        for i in range(defn.GetFieldCount())
    }
    assert (
        types["epci_code"] == "String"
        and types["conso_2011_2020"] == "Real"
        and types["derniere_annee"] == "Integer"
    )
    assert layer.GetMetadataItem("unite") == "ha" and layer.GetMetadataItem("convention") == "loi"
    feature = layer.GetNextFeature()
    # the three communes of the file: 14,500 + 250,000 + 50,000 m² = 31.45 ha; envelope 15.725 ha
    assert feature["conso_2011_2020"] == pytest.approx(31.45) and feature[
        "conso_autorisee_2021_2030"
    ] == pytest.approx(15.725)
    assert feature["codes_manquants"] is None and feature["valeurs_vides"] == "90002:2016"


def test_table_de_passage_and_listed_guarantee(run, tmp_path):
    passage = tmp_path / "passage.csv"
    passage.write_text("CODGEO_2023;CODGEO_2024\n90002;90001\n", encoding="latin-1")
    results, feedback = run(
        "ocsge:consommation",
        _params(
            tmp_path,
            PASSAGE=str(passage),
            LEVELS=[0],
            GUARANTEE=2,
            GUARANTEED_COMMUNES="90003; 90009",
        ),
    )
    rows = {row[0]: row for row in _read(tmp_path / "out" / "trajectoires_commune.csv", "commune")}
    assert sorted(rows) == ["90001", "90003"]
    assert rows["90001"][1:4] == [264500.0, "non", 132250.0]  # Andelnans + Angeot, merged
    assert rows["90003"][1:4] == [50000.0, "non", 25000.0]  # listed, but over 1 ha anyway
    assert any("90002" in w and "summed" in w for w in feedback.infos)
    assert any(
        "1 ha guarantee" in w and "90009" in w and "90003" not in w for w in feedback.warnings
    )


def test_a_bad_file_is_a_message_and_leaves_the_folder_alone(run, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mes_notes.csv").write_text("à garder\n", encoding="utf-8")
    (out / "trajectoires_commune.csv").write_text("précédent\n", encoding="utf-8")
    bad = tmp_path / "pas_cerema.csv"
    bad.write_text("code;valeur\n90001;3\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException) as error:
        run("ocsge:consommation", {"CONSOMMATION": str(bad), "OUTPUT_FOLDER": str(out)})
    assert "naf<AA>art<BB>" in str(error.value) and "Traceback" not in str(error.value)
    assert sorted(p.name for p in out.iterdir()) == ["mes_notes.csv", "trajectoires_commune.csv"]
    assert (out / "trajectoires_commune.csv").read_text(encoding="utf-8") == "précédent\n"
    run(
        "ocsge:consommation",
        {"CONSOMMATION": str(write_hand_file(tmp_path)), "OUTPUT_FOLDER": str(out), "LEVELS": [0]},
    )
    assert (out / "mes_notes.csv").read_text(encoding="utf-8") == "à garder\n"
    assert (
        (out / "trajectoires_commune.csv")
        .read_text(encoding="utf-8")
        .startswith("commune_code,conso_2011_2020,")
    )


def test_sample_file_is_deterministic_and_has_the_quirks(run, tmp_path):
    import subprocess
    import sys

    from support import ROOT

    for folder in ("a", "b"):
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "sample_consumption.py"),
                "--out",
                str(tmp_path / folder),
            ],
            check=True,
            capture_output=True,
        )
    name = "consommation-cerema-90-974.csv"
    data = (tmp_path / "a" / name).read_bytes()
    assert data == (tmp_path / "b" / name).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # Latin-1
    assert "Bourgogne-Franche-Comté".encode("latin-1") in data
    results, feedback = run(
        "ocsge:consommation",
        {
            "CONSOMMATION": str(tmp_path / "a" / name),
            "LEVELS": [0, 1],
            "MEMBERSHIP": str(ROOT / "tests" / "data" / "appartenance-communes-90.csv"),
            "OUTPUT_FOLDER": str(tmp_path / "out"),
        },
    )
    report = report_of(results)
    assert (
        "90073" in report["communes_hors_territoires"]
    )  # Moval, merged into Meroux-Moval (90068) in 2019
    epci = {row[0]: row for row in _read(tmp_path / "out" / "trajectoires_epci.csv", "epci")}
    assert (
        epci["249000241"][19] == "90033:2016" and epci["249000241"][20] == "oui"
    )  # Delle's empty 2016
    before = epci["200069052"][1]
    merged, _ = run(
        "ocsge:consommation",
        {
            "CONSOMMATION": str(tmp_path / "a" / name),
            "LEVELS": [1],
            "PASSAGE": str(tmp_path / "a" / "passage-cog-2018-2024.csv"),
            "MEMBERSHIP": str(ROOT / "tests" / "data" / "appartenance-communes-90.csv"),
            "OUTPUT_FOLDER": str(tmp_path / "out2"),
        },
    )
    after = {row[0]: row for row in _read(tmp_path / "out2" / "trajectoires_epci.csv", "epci")}[
        "200069052"
    ]
    moval = sum(float(v.replace(" ", "")) for v in _moval_reference(data))
    assert after[1] == pytest.approx(before + moval / 10000.0) and after[15] == 52
    assert "90073" not in report_of(merged)["communes_hors_territoires"]


def _moval_reference(data: bytes) -> list[str]:
    lines = data.decode("latin-1").splitlines()
    head = lines[0].split(";")
    row = next(line.split(";") for line in lines if line.startswith("90073;"))
    return [row[head.index(f"naf{y % 100:02d}art{(y + 1) % 100:02d}")] for y in range(2011, 2021)]


def test_cancel_writes_nothing_and_unknown_is_not_zero_in_the_log(run, tmp_path):
    from support import Recorder

    feedback = Recorder()
    feedback.cancel()
    with pytest.raises(QgsProcessingException, match="Cancel"):
        run("ocsge:consommation", _params(tmp_path), feedback)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    _, feedback = run(
        "ocsge:consommation",
        _params(tmp_path, MEMBERSHIP=str(write_membership(tmp_path)), LEVELS=[0]),
    )
    log = "\n".join(feedback.commands)
    line = next(row for row in log.splitlines() if row.startswith("90004"))
    assert "–" in line and "0,00" not in line and "0.00" not in line


def test_commune_outlines_give_the_share_of_area_missing(run, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    layer = QgsVectorLayer("Polygon?crs=EPSG:2154&field=insee_com:string", "communes", "memory")
    features = []
    for index, (code, side) in enumerate(
        (("90001", 1000.0), ("90002", 2000.0), ("90004", 3000.0))
    ):  # 1, 4, 9 km²
        feature = QgsFeature(layer.fields())
        x = 990000.0 + index * 5000.0
        feature.setGeometry(
            QgsGeometry.fromWkt(
                f"POLYGON(({x} 6730000, {x + side} 6730000, {x + side} {6730000 + side}, "
                f"{x} {6730000 + side}, {x} 6730000))"
            )
        )
        feature["insee_com"] = code
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    results, _ = run(
        "ocsge:consommation",
        _params(tmp_path, MEMBERSHIP=str(write_membership(tmp_path)), COMMUNES=layer, LEVELS=[1]),
    )
    share = report_of(results)["territoires_partiels"]["epci"]["200069052"]["part_surface"]
    assert share == pytest.approx(
        100.0 * 9 / 14, rel=1e-3
    )  # ellipsoidal areas, within 0.1 % of the planar 9/14
    epci = _read(tmp_path / "out" / "trajectoires_epci.csv", "epci")[0]
    assert epci[18] == pytest.approx(share)


def test_a_users_zone_is_a_set_of_communes(run, tmp_path):
    membership = tmp_path / "zones.csv"
    membership.write_text(
        "commune_code,nom,epci_code,epci_nom,departement_code,region_code,zone_code,zone_nom\n"
        "90001,Andelnans,200069052,CA Grand Belfort,90,27,Z1,Secteur nord\n"
        "90002,Angeot,200069052,CA Grand Belfort,90,27,Z1,Secteur nord\n"
        "90004,Argiésans,200069052,CA Grand Belfort,90,27,Z2,Secteur sud\n",
        encoding="utf-8",
    )
    results, _ = run(
        "ocsge:consommation", _params(tmp_path, MEMBERSHIP=str(membership), LEVELS=[5])
    )
    rows = {row[0]: row for row in _read(tmp_path / "out" / "trajectoires_zone.csv", "zone")}
    assert (
        rows["Z1"][1:4] == [264500.0, "non", 132250.0]
        and rows["Z1"][11] == "Secteur nord"
        and rows["Z1"][20] == "oui"
    )  # Angeot's 2016
    assert rows["Z2"][1] is None and rows["Z2"][16:18] == [1, "90004"] and rows["Z2"][20] == "oui"
    assert report_of(results)["niveaux"] == {"zone": 2}


OCSGE = [
    "periode_ocsge",
    "annees_conso_ocsge",
    "conso_annuelle_periode_ocsge",
    "artif_nette_annuelle_ocsge",
]
# Beside OCS GE (tests/consumption_hand.py's artif_commune.csv and artif_epci.csv, in ha; the run in
# m²): 90001 2021-2024: (500 + 700 + 300) / 3 consumed, 6,000 / 3 net; 90002 2022-2025, years
# 2022-2023 in the file: (10,000 + 30,000) / 2, 9,000 / 3; 90004 absent from the file: consumption
# unknown, 2,000 / 3 net.
BESIDE_COMMUNE = [
    ["90001", "2021-2024", "2021-2023", 500.0, 2000.0],
    ["90002", "2022-2025", "2022-2023", 20000.0, 3000.0],
    ["90004", "2018-2021", "2018-2020", None, 2000.0 / 3],
]
BESIDE_EPCI = [["200069052", "2018-2021", "2018-2020", 90400.0 / 3, 50000.0 / 3]]


def test_beside_ocsge_the_diagnostics_artificialisation_per_year(run, tmp_path):
    folder = write_artif_tables(tmp_path / "diagnostic")
    results, feedback = run(
        "ocsge:consommation",
        _params(
            tmp_path,
            MEMBERSHIP=str(write_membership(tmp_path)),
            LEVELS=[0, 1, 3],
            OCSGE=str(folder),
        ),
    )
    out = tmp_path / "out"
    header = pd.read_csv(out / "trajectoires_commune.csv", nrows=0).columns.tolist()
    assert header == ["commune_code", *NATIONAL, *PLUGIN, *OCSGE]
    commune = _read(out / "trajectoires_commune.csv", "commune")
    _same([[row[0], *row[-4:]] for row in commune], BESIDE_COMMUNE)
    _same(
        [row[:-4] for row in commune], LAW_TRAJECTOIRES_COMMUNE
    )  # the plugin's own columns unchanged
    epci = _read(out / "trajectoires_epci.csv", "epci")
    _same([[row[0], *row[-4:]] for row in epci], BESIDE_EPCI)
    departement = _read(out / "trajectoires_departement.csv", "departement")[0]
    assert departement[-4:] == [
        None,
        None,
        None,
        None,
    ]  # no artif_departement.csv: the columns, empty
    report = report_of(results)
    assert report["ocsge"]["periodes"] == {
        "commune": ["2018-2021", "2021-2024", "2022-2025"],
        "epci": ["2018-2021"],
    }
    assert report["ocsge"]["territoires_avec_periode"] == {"commune": 3, "epci": 1}
    assert report["ocsge"]["unite_des_tables_ocsge"] == {"commune": "ha", "epci": "ha"}
    assert report["mesure_legale"]["2021-2031"]["source"] == "fichiers fonciers (Cerema)"
    assert "décret n° 2023-1096" in report["mesure_legale"]["a_partir_de_2031"]["textes"]
    # the unit taken as hectares, the level without its table: decisions, said as information
    said = " ".join(feedback.infos)
    assert "artif_commune.csv" in said and "hectares" in said and "artif_departement.csv" in said
    assert not [w for w in feedback.warnings if "artif_" in w]
    log = "\n".join(feedback.commands + feedback.infos)
    assert (
        "Beside OCS GE per epci" in log and "Beside OCS GE per departement" not in log
    )  # the highest level with OCS GE periods
    line = next(
        row for row in "\n".join(feedback.commands).splitlines() if row.startswith("200069052")
    )
    assert "2018-2021" in line and "2018-2020" in line


def test_beside_ocsge_one_table_in_hectares_and_a_wrong_place(run, tmp_path):
    folder = write_artif_tables(tmp_path / "diagnostic")
    results, _ = run(
        "ocsge:consommation",
        _params(
            tmp_path,
            MEMBERSHIP=str(write_membership(tmp_path)),
            LEVELS=[0, 1],
            UNIT=0,
            OCSGE=str(folder / "artif_epci.csv"),
        ),
    )
    epci = _read(tmp_path / "out" / "trajectoires_epci.csv", "epci")[0]
    assert epci[-4:-2] == ["2018-2021", "2018-2020"] and epci[-2:] == [
        pytest.approx(9.04 / 3),
        pytest.approx(5.0 / 3),
    ]
    assert _read(tmp_path / "out" / "trajectoires_commune.csv", "commune")[0][-4:] == [
        None,
        None,
        None,
        None,
    ]  # the table given is the EPCI's
    without, _ = run(
        "ocsge:consommation", _params(tmp_path, LEVELS=[1], OUTPUT_FOLDER=str(tmp_path / "plain"))
    )
    assert report_of(without)["ocsge"] is None and "mesure_legale" in report_of(without)
    assert (
        pd.read_csv(tmp_path / "plain" / "trajectoires_epci.csv", nrows=0).columns.tolist()[-1]
        == "convention"
    )
    with pytest.raises(QgsProcessingException) as error:
        run(
            "ocsge:consommation",
            _params(
                tmp_path,
                LEVELS=[1],
                OCSGE=str(tmp_path / "nowhere"),
                OUTPUT_FOLDER=str(tmp_path / "x"),
            ),
        )
    assert "OCS GE tables not found" in str(error.value)
    with pytest.raises(
        QgsProcessingException
    ) as error:  # writing into the folder read: refused, nothing written
        run(
            "ocsge:consommation",
            _params(tmp_path, LEVELS=[1], OCSGE=str(folder), OUTPUT_FOLDER=str(folder)),
        )
    assert "Refused" in str(error.value) and sorted(p.name for p in folder.iterdir()) == [
        "artif_commune.csv",
        "artif_epci.csv",
    ]


def test_without_an_output_folder_a_temporary_one(run, tmp_path):
    """OUTPUT_FOLDER is optional (a model skips the step without asking for it): empty, a
    temporary folder."""
    from pathlib import Path

    results, _ = run(
        "ocsge:consommation", {"CONSOMMATION": str(write_hand_file(tmp_path)), "LEVELS": [0]}
    )
    folder = Path(results["OUTPUT_FOLDER"])
    assert (
        folder.is_dir() and folder != Path.cwd() and (folder / "trajectoires_commune.csv").is_file()
    )
