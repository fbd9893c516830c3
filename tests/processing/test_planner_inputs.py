"""ocsge:diagnostic on communes and memberships as planners have them (an ADMIN EXPRESS COMMUNE
layer, INSEE's table d'appartenance as XLSX with its title rows), against the same run on the
plugin's own inputs (tests/data's outlines and appartenance-communes-90.csv): every published
CSV, number by number. A wrong code field stops the run before anything is written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from builders import belfort_params
from planner_inputs import admin_express_communes, insee_xlsx
from qgis.core import QgsProcessingException


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    import sample_generator

    out = tmp_path_factory.mktemp("sample90inputs")
    sample_generator.generate("90", 1500, seed=4, out=out, archive=False, flavour="gpkg")
    return out


def tables(folder: Path) -> dict[str, list[dict]]:
    """Every CSV the run wrote, as rows."""
    out = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            out[path.name] = list(csv.DictReader(handle))
    return out


def assert_same_tables(
    got: dict[str, list[dict]], expected: dict[str, list[dict]], skip: dict[str, set] | None = None
) -> int:
    """Same files, same columns, same rows in the same order, every value equal (numbers to
    1e-12); returns the number of values compared."""
    assert sorted(got) == sorted(expected)
    compared = 0
    for name, rows in expected.items():
        assert len(got[name]) == len(rows), name
        if rows:
            assert list(got[name][0]) == list(rows[0]), name
        for row, other in zip(rows, got[name]):
            for column, value in row.items():
                if column in (skip or {}).get(name, set()):
                    continue
                try:
                    number = float(value)
                except (TypeError, ValueError):
                    assert other[column] == value, (name, row.get(next(iter(row))), column)
                else:
                    assert float(other[column]) == pytest.approx(number, rel=1e-12, abs=1e-12), (
                        name,
                        row.get(next(iter(row))),
                        column,
                    )
                compared += 1
    return compared


@pytest.fixture(scope="module")
def today(sample, _registered, tmp_path_factory):
    """The tables of the plugin's own inputs (outlines with code/nom, the plugin's membership
    CSV)."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProject
    from support import Recorder

    out = tmp_path_factory.mktemp("today") / "out"
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    processing.run(
        "ocsge:diagnostic",
        belfort_params(sample, "OUTPUT_FOLDER", out),
        feedback=Recorder(),
        context=context,
    )
    return tables(out)


def test_admin_express_layer_and_insee_xlsx_give_todays_tables(
    run, provider, sample, today, tmp_path
):
    communes = admin_express_communes(tmp_path / "ADMIN-EXPRESS-COG_COMMUNE.gpkg")
    membership = insee_xlsx(tmp_path / "table-appartenance-geo-communes-2024.xlsx")
    params = belfort_params(
        sample,
        "OUTPUT_FOLDER",
        tmp_path / "out",
        COMMUNES=str(communes),
        CODE_FIELD="INSEE_COM",
        NAME_FIELD="NOM",
        MEMBERSHIP=str(membership),
    )
    _, feedback = run("ocsge:diagnostic", params)
    got = tables(tmp_path / "out")
    assert {
        "artif_commune.csv",
        "artif_epci.csv",
        "imper_epci.csv",
        "artif_departement.csv",
        "artif_region.csv",
    } <= set(got)
    assert len(today["artif_epci.csv"]) == 3 and today["artif_epci.csv"][0]["nom"]
    assert assert_same_tables(got, today) > 5000
    said = "\n".join(feedback.infos)
    assert (
        "CODGEO → commune_code" in said
        and "EPCI → epci_code" in said
        and "LIBGEO (Zones_supra_communales) → epci_nom" in said
    )
    assert "SIREN_EPCI → epci_code" in said


def test_admin_express_fields_alone_keep_the_epci_level(run, provider, sample, today, tmp_path):
    """Lower-case fields, Shapefile, no membership table, the code and name fields left at their
    defaults: the EPCI come from SIREN_EPCI (the merged commune, without membership row in the CSV,
    has no SIREN_EPCI here either), only the EPCI names are missing (ADMIN EXPRESS has none)."""
    communes = admin_express_communes(tmp_path / "commune.shp", lower=True, driver="ESRI Shapefile")
    params = belfort_params(sample, "OUTPUT_FOLDER", tmp_path / "out", COMMUNES=str(communes))
    for name in ("CODE_FIELD", "NAME_FIELD", "MEMBERSHIP"):
        params.pop(name)
    _, feedback = run("ocsge:diagnostic", params)
    got = tables(tmp_path / "out")
    assert [row["epci_code"] for row in got["artif_epci.csv"]] == [
        row["epci_code"] for row in today["artif_epci.csv"]
    ]
    assert {row["nom"] for row in got["artif_epci.csv"]} == {""}
    assert_same_tables(
        got,
        today,
        skip={
            f"{d}_epci.csv": {"nom"}
            for d in (
                "artif",
                "imper",
                "qualite",
                "couverture",
                "usage",
                "transition_cs",
                "origine_artif",
            )
        },
    )
    said = "\n".join(feedback.infos)
    assert "insee_com → code" in said and "siren_epci → epci_code" in said
    assert not any("No membership codes" in w for w in feedback.warnings)


def test_names_as_codes_stop_the_diagnostic_and_nothing_is_written(run, provider, sample, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(QgsProcessingException) as raised:
        run("ocsge:diagnostic", belfort_params(sample, "OUTPUT_FOLDER", out, CODE_FIELD="nom"))
    message = str(raised.value)
    assert "« nom »" in message and "« commune_code »" in message and "0 of the 102" in message
    assert (
        "« Andelnans », « Angeot », « Boron »" in message
        and "« 90001 », « 90002 », « 90003 »" in message
    )  # the layer's order
    assert not out.exists() or not any(out.iterdir())


def test_aggregate_then_rollup_on_admin_express_keep_the_epci_level(
    run, provider, sample, tmp_path
):
    """The model's path (ocsge:aggregate, then ocsge:rollup without membership table) on an ADMIN
    EXPRESS layer, no field to keep chosen: its SIREN_EPCI, INSEE_DEP, INSEE_REG are kept and the
    EPCI rows are those of the plugin's inputs (outlines + appartenance-communes-90.csv), number
    by number."""
    from qgis.core import QgsVectorLayer
    from support import DATA

    loaded, _ = run("ocsge:load", {"INPUT": str(sample), "CHECK_CODES": False, "KINDS": [0, 2]})
    common = {"INPUT_LAYERS": loaded["LAYERS"], "METHOD": 2}
    communes = admin_express_communes(tmp_path / "COMMUNE.gpkg")
    mine, feedback = run(
        "ocsge:aggregate",
        {
            **common,
            "TERRITORIES": str(communes),
            "CODE_FIELD": "INSEE_COM",
            "NAME_FIELD": "NOM",
            "OUTPUT": str(tmp_path / "a.gpkg"),
        },
    )
    assert "SIREN_EPCI → epci_code" in "\n".join(feedback.infos)
    today, _ = run(
        "ocsge:aggregate",
        {
            **common,
            "TERRITORIES": str(DATA / "communes-90-territoire-de-belfort.geojson"),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "OUTPUT": str(tmp_path / "b.gpkg"),
        },
    )
    rolled = {}
    for name, table, membership in (
        ("mine", mine["OUTPUT"], None),
        ("today", today["OUTPUT"], str(DATA / "appartenance-communes-90.csv")),
    ):
        params = {
            "INPUT": table,
            "LEVELS": [0, 2],
            "OUTPUT_COMMUNE": "memory:",
            "OUTPUT_EPCI": str(tmp_path / f"epci_{name}.gpkg"),
            "OUTPUT_DEPARTEMENT": str(tmp_path / f"dep_{name}.gpkg"),
        }
        if membership:
            params["MEMBERSHIP"] = membership
        results, fb = run("ocsge:rollup", params)
        assert not any("No membership codes" in w for w in fb.warnings)
        rolled[name] = {
            level: sorted(
                (
                    {
                        n: f[n]
                        for n in QgsVectorLayer(results[key], "t", "ogr").fields().names()
                        if n not in ("fid", "nom")
                    }
                    for f in QgsVectorLayer(results[key], "t", "ogr").getFeatures()
                ),
                key=lambda row: (row["code"], str(row["millesime_debut"])),
            )
            for level, key in (("epci", "OUTPUT_EPCI"), ("departement", "OUTPUT_DEPARTEMENT"))
        }
    assert [row["code"] for row in rolled["mine"]["epci"]] == [
        "200069052",
        "200069060",
        "249000241",
    ]
    for level in ("epci", "departement"):
        assert len(rolled["mine"][level]) == len(rolled["today"][level])
        for got, expected in zip(rolled["mine"][level], rolled["today"][level]):
            for column, value in expected.items():
                if isinstance(value, float):
                    assert got[column] == pytest.approx(value, rel=1e-12, abs=1e-12), (
                        level,
                        expected["code"],
                        column,
                    )
                else:
                    assert got[column] == value, (level, expected["code"], column)
