"""ocsge:rollup: communes → EPCI, SCoT, département, région, checked against sums made here from the
membership table (csv module), on the real communes of Territoire de Belfort and on hand tables."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from osgeo import ogr, osr
from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import QVariant
from support import DATA, report_of

SUMS = [
    "surface",
    "surface_artif",
    "surface_imper",
    "surface_artif_debut",
    "surface_imper_debut",
    "surface_couverte",
    "flux_artif",
    "flux_desartif",
    "flux_artif_net",
    "flux_imper",
    "flux_desimper",
    "flux_imper_net",
]


def plain(value):
    return None if isinstance(value, QVariant) and value.isNull() else value


def rows_of(uri) -> list[dict]:
    layer = QgsVectorLayer(uri, "l", "ogr") if isinstance(uri, str) else uri
    return [{n: plain(f[n]) for n in layer.fields().names()} for f in layer.getFeatures()]


def read_membership(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as handle:
        return {row["commune_code"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def belfort(tmp_path_factory):
    import sample_generator

    out = tmp_path_factory.mktemp("sample90r")
    sample_generator.generate("90", 3000, seed=5, out=out, archive=False, flavour="gpkg")
    return out


@pytest.fixture
def communes_table(run, belfort, tmp_path):
    loaded, _ = run("ocsge:load", {"INPUT": str(belfort), "CHECK_CODES": False, "KINDS": [0, 2]})
    results, _ = run(
        "ocsge:aggregate",
        {
            "INPUT_LAYERS": loaded["LAYERS"],
            "TERRITORIES": str(DATA / "communes-90-territoire-de-belfort.geojson"),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "METHOD": 2,
            "OUTPUT": str(tmp_path / "communes.gpkg"),
        },
    )
    return results["OUTPUT"]


def test_belfort_epci_departement_region_are_sums_of_communes(run, communes_table, tmp_path):
    membership = DATA / "appartenance-communes-90.csv"
    results, feedback = run(
        "ocsge:rollup",
        {
            "INPUT": communes_table,
            "MEMBERSHIP": str(membership),
            "OUTPUT_COMMUNE": str(tmp_path / "c.gpkg"),
            "OUTPUT_EPCI": str(tmp_path / "epci.gpkg"),
            "OUTPUT_SCOT": str(tmp_path / "scot.gpkg"),
            "OUTPUT_DEPARTEMENT": str(tmp_path / "dep.gpkg"),
            "OUTPUT_REGION": str(tmp_path / "reg.gpkg"),
        },
    )
    communes = rows_of(communes_table)
    table = read_membership(membership)
    # The independent sums, by EPCI of the membership table.
    expected: dict[str, dict[str, float]] = {}
    for row in communes:
        member = table.get(row["code"])
        if member is None:
            continue
        acc = expected.setdefault(member["epci_code"], {name: 0.0 for name in SUMS})
        for name in SUMS:
            acc[name] += row[name]
    epci = {row["code"]: row for row in rows_of(results["OUTPUT_EPCI"])}
    assert set(epci) == set(expected) == {"200069052", "200069060", "249000241"}
    assert epci["200069052"]["nom"] == "CA Grand Belfort"
    for code, sums in expected.items():
        for name in SUMS:
            assert epci[code][name] == pytest.approx(sums[name], rel=1e-12), (code, name)
        assert epci[code]["pourcent_artif"] == pytest.approx(
            100 * sums["surface_artif"] / sums["surface"]
        )
        assert epci[code]["pourcent_imper"] == pytest.approx(
            100 * sums["surface_imper"] / sums["surface"]
        )
        assert epci[code]["millesime_debut"] == "2018" and epci[code]["millesime_fin"] == "2021"
        assert epci[code]["unite"] == "ha"
    # The commune without membership is reported, and still counts in its département (INSEE code).
    report = report_of(results)
    outlines = {row["code"] for row in communes}
    assert report["without_membership"] == sorted(outlines - set(table))
    assert len(report["without_membership"]) == 1
    assert any(report["without_membership"][0] in w for w in feedback.warnings)
    (dep,) = rows_of(results["OUTPUT_DEPARTEMENT"])
    (reg,) = rows_of(results["OUTPUT_REGION"])
    assert (dep["code"], dep["nom"]) == ("90", "Territoire de Belfort")
    assert (reg["code"], reg["nom"]) == ("27", "Bourgogne-Franche-Comté")
    for name in SUMS:  # conservation: Σ communes = département = région
        total = sum(row[name] for row in communes)
        assert dep[name] == pytest.approx(total, rel=1e-12), name
        assert reg[name] == pytest.approx(total, rel=1e-12), name
    # No SCoT codes: the level is skipped, with a message.
    assert "OUTPUT_SCOT" not in results
    assert any("SCoT" in w for w in feedback.warnings)
    # The EPCI outline is the union of its communes (areas in hectares here).
    layer = QgsVectorLayer(results["OUTPUT_EPCI"], "e", "ogr")
    areas = {f["code"]: f.geometry().area() for f in layer.getFeatures()}
    assert areas["200069060"] == pytest.approx(expected["200069060"]["surface"] * 1e4, rel=1e-6)
    # The communes carry their membership codes.
    commune_rows = {row["code"]: row for row in rows_of(results["OUTPUT_COMMUNE"])}
    assert (
        commune_rows["90001"]["epci_code"] == "200069052"
        and commune_rows["90001"]["region_code"] == "27"
    )


def test_membership_listing_absent_communes_is_reported(run, communes_table, tmp_path):
    with (DATA / "appartenance-communes-90.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows.append(dict(rows[0], commune_code="90999", nom="Nouvelle commune"))
    path = tmp_path / "membership.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    results, feedback = run(
        "ocsge:rollup",
        {
            "INPUT": communes_table,
            "MEMBERSHIP": str(path),
            "LEVELS": [0],
            "OUTPUT_COMMUNE": "memory:",
            "OUTPUT_EPCI": "memory:",
        },
    )
    report = report_of(results)
    assert report["missing_communes"] == ["90999"]
    assert any("90999" in w for w in feedback.warnings)


# --------------------------------------------------------------------------------- hand tables

COLUMNS = [
    "code",
    "nom",
    "epci_code",
    "departement_code",
    "region_code",
    "index_debut",
    "index_fin",
    "millesime_debut",
    "millesime_fin",
    "surface",
    "surface_couverte",
    "pourcent_couvert",
    "surface_artif",
    "pourcent_artif",
    "surface_imper",
    "pourcent_imper",
    "surface_artif_debut",
    "surface_imper_debut",
    "surface_couverte_debut",
    "flux_artif",
    "flux_desartif",
    "flux_artif_net",
    "flux_imper",
    "flux_desimper",
    "flux_imper_net",
    "surface_indeterminee",
    "unite",
]


def hand_table(path: Path, communes: list[tuple]) -> str:
    """A commune table as ocsge:aggregate writes it: (code, epci, dep, region, surface, artif,
    imper, years…)."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    layer = ds.CreateLayer("communes", srs, ogr.wkbMultiPolygon)
    for name in COLUMNS:
        kind = (
            ogr.OFTString
            if name
            in (
                "code",
                "nom",
                "epci_code",
                "departement_code",
                "region_code",
                "millesime_debut",
                "millesime_fin",
                "unite",
            )
            else (ogr.OFTInteger if name.startswith("index") else ogr.OFTReal)
        )
        layer.CreateField(ogr.FieldDefn(name, kind))
    for k, (code, epci, dep, reg, surface, artif, imper, debut, fin) in enumerate(communes):
        f = ogr.Feature(layer.GetLayerDefn())
        values = dict(
            code=code,
            nom=f"Commune {code}",
            epci_code=epci,
            departement_code=dep,
            region_code=reg,
            index_debut=1,
            index_fin=2,
            millesime_debut=debut,
            millesime_fin=fin,
            surface=surface,
            surface_couverte=surface,
            pourcent_couvert=100.0,
            surface_artif=artif,
            pourcent_artif=100 * artif / surface,
            surface_imper=imper,
            pourcent_imper=100 * imper / surface,
            surface_artif_debut=artif - 1,
            surface_imper_debut=imper - 1,
            surface_couverte_debut=surface,
            flux_artif=2.0,
            flux_desartif=1.0,
            flux_artif_net=1.0,
            flux_imper=1.5,
            flux_desimper=0.5,
            flux_imper_net=1.0,
            surface_indeterminee=0.0,
            unite="ha",
        )
        for name, value in values.items():
            if value is not None:
                f.SetField(name, value)
        x = 1000.0 * k
        f.SetGeometry(
            ogr.CreateGeometryFromWkt(
                f"MULTIPOLYGON((({x} 0,{x + 1000} 0,{x + 1000} 1000,{x} 1000,{x} 0)))"
            )
        )
        layer.CreateFeature(f)
    ds = None
    return str(path)


def test_ept_codes_are_not_epci_and_scot_from_the_table(run, tmp_path):
    table = hand_table(
        tmp_path / "communes.gpkg",
        [
            (
                "92012",
                None,
                None,
                None,
                100.0,
                40.0,
                30.0,
                "2018",
                "2021",
            ),  # Boulogne-Billancourt, EPT GPSO
            (
                "93066",
                None,
                None,
                None,
                200.0,
                50.0,
                20.0,
                "2018",
                "2021",
            ),  # Saint-Denis, EPT Plaine Commune
            ("77001", None, None, None, 300.0, 10.0, 5.0, "2017", "2020"),
        ],
    )
    membership = tmp_path / "appartenance.csv"
    membership.write_text(
        "commune_code;nom;epci_code;epci_nom;epci_nature;departement_code;region_code;scot_code;scot_nom\n"
        "92012;Boulogne-Billancourt;200057974;Grand Paris Seine Ouest;EPT;92;11;S1;SCoT "
        "métropolitain\n"
        "93066;Saint-Denis;200057867;Plaine Commune;EPT;93;11;S1;SCoT métropolitain\n"
        "77001;Achères-la-Forêt;200072130;CC du Pays de Fontainebleau;CC;77;11;S2;SCoT "
        "Fontainebleau\n",
        encoding="utf-8",
    )
    results, feedback = run(
        "ocsge:rollup",
        {
            "INPUT": table,
            "MEMBERSHIP": str(membership),
            "OUTPUT_COMMUNE": "memory:",
            "OUTPUT_EPCI": "memory:",
            "OUTPUT_SCOT": "memory:",
            "OUTPUT_DEPARTEMENT": "memory:",
            "OUTPUT_REGION": "memory:",
        },
    )
    epci = {row["code"]: row for row in rows_of(results["OUTPUT_EPCI"])}
    assert set(epci) == {
        "200054781",
        "200072130",
    }  # the EPT communes count in the Métropole du Grand Paris
    assert epci["200054781"]["surface_artif"] == pytest.approx(90.0)
    assert epci["200054781"]["pourcent_artif"] == pytest.approx(100 * 90 / 300)
    assert any("EPT" in w for w in feedback.warnings)
    scot = {row["code"]: row for row in rows_of(results["OUTPUT_SCOT"])}
    assert scot["S1"]["nom"] == "SCoT métropolitain" and scot["S1"]["surface"] == pytest.approx(
        300.0
    )
    region = rows_of(results["OUTPUT_REGION"])
    assert len(region) == 1 and region[0]["code"] == "11"
    assert (
        region[0]["millesime_debut"] == "2017, 2018" and region[0]["millesime_fin"] == "2020, 2021"
    )
    assert region[0]["flux_artif"] == pytest.approx(6.0)
    deps = {row["code"]: row["nom"] for row in rows_of(results["OUTPUT_DEPARTEMENT"])}
    assert deps == {"92": "Hauts-de-Seine", "93": "Seine-Saint-Denis", "77": "Seine-et-Marne"}


def test_membership_from_the_commune_fields(run, tmp_path):
    table = hand_table(
        tmp_path / "communes.gpkg",
        [
            ("32001", "E1", "32", "76", 100.0, 10.0, 5.0, "2016", "2019"),
            ("32002", "E1", "32", "76", 50.0, 20.0, 10.0, "2016", "2019"),
            ("32003", "E2", "32", "76", 25.0, 5.0, 1.0, "2016", "2019"),
        ],
    )
    results, _ = run(
        "ocsge:rollup",
        {
            "INPUT": table,
            "OUTPUT_COMMUNE": "memory:",
            "OUTPUT_EPCI": "memory:",
            "OUTPUT_DEPARTEMENT": "memory:",
            "OUTPUT_REGION": "memory:",
        },
    )
    epci = {row["code"]: row for row in rows_of(results["OUTPUT_EPCI"])}
    assert epci["E1"]["surface_artif"] == pytest.approx(30.0) and epci["E1"][
        "pourcent_artif"
    ] == pytest.approx(20.0)
    assert epci["E2"]["surface"] == pytest.approx(25.0)
    (dep,) = rows_of(results["OUTPUT_DEPARTEMENT"])
    assert dep["nom"] == "Gers" and dep["surface_imper"] == pytest.approx(16.0)


def test_not_a_commune_table(run, tmp_path):
    from builders import square, write_layer
    from qgis.core import QgsProcessingException

    path = write_layer(tmp_path / "x.gpkg", "x", ["code"], [(square(0, 0, 10), ["1"])])
    with pytest.raises(QgsProcessingException, match="Expected a table from ocsge:aggregate"):
        run("ocsge:rollup", {"INPUT": str(path), "OUTPUT_COMMUNE": "memory:"})


def test_names_as_codes_stop_the_rollup_before_any_output(run, tmp_path):
    """A commune table whose codes are names (the wrong code field chosen in ocsge:aggregate): no
    "départements" BO, CH…, the run stops naming both fields, no output file."""
    from qgis.core import QgsProcessingException

    table = hand_table(
        tmp_path / "communes.gpkg",
        [
            (name, None, None, None, 100.0, 10.0, 5.0, "2018", "2021")
            for name in ("Botans", "Chaux", "Cravanche")
        ],
    )
    outputs = {
        name: str(tmp_path / f"{name}.gpkg")
        for name in ("OUTPUT_COMMUNE", "OUTPUT_EPCI", "OUTPUT_DEPARTEMENT", "OUTPUT_REGION")
    }
    with pytest.raises(QgsProcessingException) as raised:
        run(
            "ocsge:rollup",
            {"INPUT": table, "MEMBERSHIP": str(DATA / "appartenance-communes-90.csv"), **outputs},
        )
    message = str(raised.value)
    assert (
        "« code »" in message
        and "« commune_code »" in message
        and "« Botans », « Chaux », « Cravanche »" in message
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["communes.gpkg"]
    with pytest.raises(
        QgsProcessingException,
        match="3 of the 3 codes of the field « code » are not INSEE commune codes",
    ):
        run("ocsge:rollup", {"INPUT": table, **outputs})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["communes.gpkg"]
