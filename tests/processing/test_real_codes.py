"""Real IGN deliveries as they are (issue 11): parent codes, INDETERMINE usages, nulls and lower
case, through ocsge:diagnostic on a DIFF-only delivery whose answer is worked out by hand.

The delivery: IGN's DIFFERENCE layer of D090 2018 → 2021 (Shapefile, IGN's field names), three
pieces in Lambert-93 metres, and two square communes of 100 × 200 m (2 ha each), A (x 0–100) and
B (x 100–200):

* P1, A, 100 × 100 = 1 ha: ``CS2.1.1`` (formations arborées, a parent) / US1.2 → CS1.1.1.1 / US2.
  CS2.1.1 is never artificialised nor impermeable whatever its leaf; CS1.1.1.1 always both: it
  counts in artificialisation and imperméabilisation (1 ha).
* P2, B, 50 × 50 = 0.25 ha: CS1.1.1.1 / ``INDETERMINE`` → ``cs2.1.1`` (lower case) / null: both at
  début whatever the usage, neither at fin: désartificialisation and désimperméabilisation (0.25
  ha).
* P3, A, 40 × 40 = 0.16 ha: CS1.1.2.1 / ``INDETERMINE`` → `` CS2.2.1 `` / US1.1. At début the
  mineral surface is artificialised under every usage but US1.3 (extraction): undetermined, kept out
  of the
  flows and reported (REPORT, log, quality table). Imperméabilisation: 0 → 0.

No stock layer: every stock is unknown, NULL in GeoPackage and empty in CSV, never 0.

The national files' rule on the same pieces (exact codes only; anything else neither): P1 and P2
as above (CS1.1.1.1 is listed whatever its usage; CS2.1.1 and the lower-case ``cs2.1.1`` read as
CS2.1.1 are not); P3: CS1.1.2.1 with a usage other than US1.3 is artificialised, CS2.2.1 / US1.1
is not: 0.16 ha
of désartificialisation in A, and nothing undetermined.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from builders import square, write_layer
from osgeo import ogr
from support import report_of

DIFF_FIELDS = ["CS_2018", "US_2018", "CS_2021", "US_2021"]
PIECES = [
    (square(0, 0, 100), ["CS2.1.1", "US1.2", "CS1.1.1.1", "US2"]),  # P1, commune A
    (square(100, 0, 50), ["CS1.1.1.1", "INDETERMINE", "cs2.1.1", None]),  # P2, commune B
    (square(0, 100, 40), ["CS1.1.2.1", "INDETERMINE", " CS2.2.1 ", "US1.1"]),  # P3, commune A
]
COMMUNES = [
    ("POLYGON((0 0,100 0,100 200,0 200,0 0))", "90001", "A"),
    ("POLYGON((100 0,200 0,200 200,100 200,100 0))", "90002", "B"),
]

# Hectares, by hand (module docstring).
BY_HAND = {
    "indetermine": {
        "90001": {
            "artif": 1.0,
            "desartif": 0.0,
            "imper": 1.0,
            "desimper": 0.0,
            "undetermined": 0.16,
        },
        "90002": {
            "artif": 0.0,
            "desartif": 0.25,
            "imper": 0.0,
            "desimper": 0.25,
            "undetermined": 0.0,
        },
    },
    "national": {
        "90001": {
            "artif": 1.0,
            "desartif": 0.16,
            "imper": 1.0,
            "desimper": 0.0,
            "undetermined": 0.0,
        },
        "90002": {
            "artif": 0.0,
            "desartif": 0.25,
            "imper": 0.0,
            "desimper": 0.25,
            "undetermined": 0.0,
        },
    },
}


@pytest.fixture
def delivery(tmp_path):
    folder = tmp_path / "OCS-GE_2-0_DIFF_SHP_LAMB93_D090_2018-2021"
    write_layer(
        folder / "OCS-GE" / "1_DONNEES_LIVRAISON" / "DIFFERENCE.shp",
        "DIFFERENCE",
        DIFF_FIELDS,
        PIECES,
        driver="SHP",
    )
    communes = tmp_path / "communes.gpkg"
    write_layer(
        communes, "communes", ["code", "nom"], [(wkt, [code, name]) for wkt, code, name in COMMUNES]
    )
    membership = tmp_path / "appartenance.csv"
    membership.write_text(
        "commune_code,epci_code,epci_nom,departement_code,region_code\n90001,200069052,CC "
        "test,90,27\n90002,200069052,CC test,90,27\n",
        encoding="utf-8",
    )
    return folder, communes, membership


def diagnostic(run, delivery, out, convention):
    folder, communes, membership = delivery
    return run(
        "ocsge:diagnostic",
        {
            "INPUT": str(folder),
            "COMMUNES": str(communes),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "MEMBERSHIP": str(membership),
            "CONVENTION": convention,
            "SIMPLIFY": False,
            "OUTPUT_FOLDER": str(out),
        },
    )


def rows(path: Path, key: str) -> dict[str, dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row[key]: row for row in csv.DictReader(handle)}


def gpkg_rows(path: Path, key: str) -> dict[str, dict]:
    ds = ogr.Open(str(path))
    layer = ds.GetLayer(0)
    out = {}
    for feature in layer:
        out[feature.GetField(key)] = {
            layer.GetLayerDefn().GetFieldDefn(i).GetName(): (
                feature.GetField(i) if feature.IsFieldSetAndNotNull(i) else None
            )
            for i in range(feature.GetFieldCount())
        }
    return out, layer.GetMetadata()


@pytest.mark.parametrize(("convention", "index"), [("indetermine", 0), ("national", 1)])
def test_diff_only_delivery_by_hand(run, delivery, tmp_path, convention, index):
    out = tmp_path / "out"
    results, feedback = diagnostic(run, delivery, out, index)
    expected = BY_HAND[convention]
    report = report_of(results)
    assert report["convention"] == convention
    artif = rows(out / "artif_commune.csv", "commune_code")
    imper = rows(out / "imper_commune.csv", "commune_code")
    assert set(artif) == set(expected)
    for code, hand in expected.items():
        a, i = artif[code], imper[code]
        assert float(a["flux_artif"]) == pytest.approx(hand["artif"], abs=1e-9), code
        assert float(a["flux_desartif"]) == pytest.approx(hand["desartif"], abs=1e-9), code
        assert float(a["flux_artif_net"]) == pytest.approx(
            hand["artif"] - hand["desartif"], abs=1e-9
        ), code
        assert float(i["flux_imper"]) == pytest.approx(hand["imper"], abs=1e-9), code
        assert float(i["flux_desimper"]) == pytest.approx(hand["desimper"], abs=1e-9), code
        # no stock layer: the stocks are unknown, written empty, never 0
        assert (
            a["surface_artif"],
            a["pourcent_artif"],
            i["surface_imper"],
            i["pourcent_imper"],
        ) == ("", "", "", "")
        assert (a["millesime_debut"], a["millesime_fin"]) == ("2018", "2021")
    for level, key in (("commune", "commune_code"), ("epci", "epci_code")):
        for dataset in ("artif", "imper"):
            table, metadata = gpkg_rows(out / f"{dataset}_{level}.gpkg", key)
            assert metadata["convention"] == convention
            for row in table.values():
                assert row[f"surface_{dataset}"] is None and row[f"pourcent_{dataset}"] is None
                assert row[f"flux_{dataset}"] is not None
    (epci,) = rows(out / "artif_epci.csv", "epci_code").values()
    assert float(epci["flux_artif_net"]) == pytest.approx(
        sum(h["artif"] - h["desartif"] for h in expected.values()), abs=1e-9
    )
    assert epci["surface_artif"] == ""
    # the published tables keep their schema exactly
    with (out / "artif_commune.csv").open(encoding="utf-8") as handle:
        assert handle.readline().strip().split(",") == [
            "commune_code",
            "nom",
            "pourcent_artif",
            "surface_artif",
            "flux_artif",
            "flux_desartif",
            "flux_artif_net",
            "millesime_debut",
            "millesime_fin",
            "departement_code",
            "region_code",
            "epci_code",
            "scot_code",
            "commune_surface",
        ]
    # the undetermined piece: in the REPORT, the log and the quality table
    undetermined = sum(h["undetermined"] for h in expected.values())
    (entry,) = report["indetermine"]
    assert (entry["millesime"], entry["nombre"], entry["surface_ha"]) == (
        "2018-2021",
        1 if undetermined else 0,
        pytest.approx(undetermined),
    )
    # said once as information when there is some (counted apart: nothing to act on)
    said = [
        line for line in feedback.infos if "undetermined status" in line and "2018-2021" in line
    ]
    assert len(said) == (1 if undetermined else 0)
    assert not any("undetermined status" in line for line in feedback.warnings)
    quality = rows(out / "qualite_commune.csv", "commune_code")
    for code, hand in expected.items():
        q = quality[code]
        assert float(q["flux_indetermine"]) == pytest.approx(hand["undetermined"], abs=1e-9), code
        assert float(q["pourcent_flux_indetermine"]) == pytest.approx(
            100 * hand["undetermined"] / 2.0, abs=1e-9
        ), code
        assert float(q["surface"]) == pytest.approx(2.0) and q["inconnu"] == "stock"
        assert (
            q["surface_indeterminee"] == "" and q["surface_hors_donnees"] == ""
        )  # no stock: not known
    (q_epci,) = rows(out / "qualite_epci.csv", "epci_code").values()
    assert (
        float(q_epci["flux_indetermine"]) == pytest.approx(undetermined, abs=1e-9)
        and q_epci["inconnu"] == "stock"
    )
    qtable, metadata = gpkg_rows(out / "qualite_commune.gpkg", "commune_code")
    assert metadata["convention"] == convention and qtable["90001"]["surface_indeterminee"] is None
    assert report["quality"]["commune"]["inconnu"] == {"90001": "stock", "90002": "stock"}


def test_rollup_sums_only_what_is_known_and_says_so(ocsge):
    """A level whose communes know their stock for some only: the sum of those, and 'stock
    partiel'."""
    import pandas as pd

    from ocsge.ocsge_plugin.computing import rollup, table

    rows = []
    for code, artif in (("90001", 1000.0), ("90002", None)):
        row = {name: None for name in table.TABLE_COLUMNS}
        row.update(
            code=code,
            nom=code,
            index_debut=1,
            index_fin=2,
            millesime_debut="2018",
            millesime_fin="2021",
            surface=20000.0,
            surface_artif=artif,
            flux_artif=500.0,
            flux_desartif=0.0,
            flux_artif_net=500.0,
            polygones_repares=1.0,
            epci_code="200069052",
            departement_code="90",
            region_code="27",
            inconnu=None if artif is not None else "stock",
        )
        rows.append(row)
    result = rollup.rollup(pd.DataFrame(rows), levels=("epci",))
    (epci,) = result.levels["epci"].to_dict("records")
    assert epci["surface_artif"] == 1000.0 and epci["pourcent_artif"] == 100.0 * 1000.0 / 40000.0
    assert epci["flux_artif"] == 1000.0 and epci["polygones_repares"] == 2.0
    assert epci["inconnu"] == "stock partiel"
    assert any("partiel" in w and "200069052" in w for w in result.warnings)


def test_classify_says_its_convention(run, tmp_path):
    """Same polygons, two conventions: the national one reads exact codes only; the convention is
    in the REPORT and in the output GeoPackage's metadata."""
    rows = [
        (square(0, 0, 100), ["CS1.1.2.1", "INDETERMINE"]),
        (square(100, 0, 100), ["CS2.2", "US2"]),
        (square(200, 0, 100), ["cs1.1.1.1", None]),
    ]
    path = write_layer(tmp_path / "occ.gpkg", "OCCUPATION_SOL", ["code_cs", "code_us"], rows)
    expected = {
        "indetermine": (1, 1.0, 2.0),
        "national": (0, 0.0, 2.0),
    }  # (undetermined count, ha, artificialised ha)
    for index, convention in enumerate(("indetermine", "national")):
        out = tmp_path / f"classified_{convention}.gpkg"
        results, _ = run(
            "ocsge:classify",
            {"INPUT": str(path), "METHOD": 2, "CONVENTION": index, "OUTPUT": str(out)},
        )
        report = report_of(results)
        assert report["convention"] == convention
        (entry,) = report["indetermine"]
        assert (entry["nombre"], entry["surface_ha"], results["ARTIF_HA"]) == expected[convention]
        ds = ogr.Open(str(out))
        assert ds.GetLayer(0).GetMetadataItem("convention") == convention
