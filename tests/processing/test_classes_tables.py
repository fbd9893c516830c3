"""The per-class tables ocsge:diagnostic writes beside the published ones (couverture_, usage_,
transition_cs_, origine_artif_<level>), on the sample deliveries of Territoire de Belfort,
checked against the published tables by identities that hold by construction of the land-cover
mesh: for every commune, Σ couverture = Σ usage = the surface covered by OCS GE (surface −
surface_hors_donnees of qualite_commune); Σ of the impermeable couvertures (CS1.1.1.1, CS1.1.1.2)
= surface_imper of imper_commune; Σ origine_artif = flux_artif of artif_commune; and, with the
décret's matrix, Σ of the artificialised (couverture, usage) pairs = surface_artif (the
aggregation's own table, by the rules' lookup). Every level sums its communes."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

import pytest
from builders import belfort_params, read_csv

LEVELS = ("commune", "epci", "departement", "region")
TABLES = ("couverture", "usage", "transition_cs", "origine_artif")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    import sample_generator

    out = tmp_path_factory.mktemp("sample90c")
    sample_generator.generate("90", 3000, seed=11, out=out, archive=False, flavour="gpkg")
    return out


@pytest.fixture(scope="module")
def written(_registered, sample, tmp_path_factory):
    import processing
    from qgis.core import QgsProcessingContext
    from support import Recorder

    out = tmp_path_factory.mktemp("diag_classes")
    params = belfort_params(sample, "OUTPUT_FOLDER", out, METHOD=2)  # the décret's matrix
    results = processing.run(
        "ocsge:diagnostic", params, context=QgsProcessingContext(), feedback=Recorder()
    )
    return out, results


def sums(rows, key: str, *where) -> dict:
    out = defaultdict(float)
    for row in rows:
        if all(cond(row) for cond in where):
            out[row[key]] += float(row["surface"])
    return out


def test_the_per_class_tables_are_written_beside_the_published_ones(written):
    folder, results = written
    for level in LEVELS:
        for name in TABLES:
            assert (folder / f"{name}_{level}.csv").is_file() and (
                folder / f"{name}_{level}.gpkg"
            ).is_file(), f"{name}_{level}"
            assert str(folder / f"{name}_{level}.csv") in json.loads(results["FILES"])
    head = read_csv(folder / "transition_cs_commune.csv")[0]
    assert list(head) == [
        "commune_code",
        "nom",
        "millesime_debut",
        "millesime_fin",
        "cs_debut",
        "cs_fin",
        "surface",
    ]
    assert list(read_csv(folder / "origine_artif_epci.csv")[0]) == [
        "epci_code",
        "nom",
        "millesime_debut",
        "millesime_fin",
        "cs_debut",
        "us_debut",
        "surface",
    ]
    assert list(read_csv(folder / "couverture_commune.csv")[0]) == [
        "commune_code",
        "nom",
        "millesime",
        "code_cs",
        "surface",
    ]
    # the published schema itself is unchanged
    assert list(read_csv(folder / "artif_commune.csv")[0]) == [
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


@pytest.mark.parametrize("level", LEVELS)
def test_per_class_sums_are_the_published_numbers(written, level):
    folder, _ = written
    key = f"{level}_code"
    artif = {r[key]: r for r in read_csv(folder / f"artif_{level}.csv")}
    imper = {r[key]: r for r in read_csv(folder / f"imper_{level}.csv")}
    quality = {r[key]: r for r in read_csv(folder / f"qualite_{level}.csv")}
    if level == "commune":
        assert len(artif) == 102
    fin = {r["millesime_fin"] for r in artif.values()}.pop()
    debut = {r["millesime_debut"] for r in artif.values()}.pop()
    at_fin = lambda r: r["millesime"] == fin  # noqa: E731
    couverture = sums(read_csv(folder / f"couverture_{level}.csv"), key, at_fin)
    usage = sums(read_csv(folder / f"usage_{level}.csv"), key, at_fin)
    impermeable = sums(
        read_csv(folder / f"couverture_{level}.csv"),
        key,
        at_fin,
        lambda r: r["code_cs"] in ("CS1.1.1.1", "CS1.1.1.2"),
    )
    origin = sums(
        read_csv(folder / f"origine_artif_{level}.csv"),
        key,
        lambda r: (r["millesime_debut"], r["millesime_fin"]) == (debut, fin),
    )
    couverture_debut = sums(
        read_csv(folder / f"couverture_{level}.csv"), key, lambda r: r["millesime"] == debut
    )
    for code, row in artif.items():
        covered = float(quality[code]["surface"]) - float(quality[code]["surface_hors_donnees"])
        assert math.isclose(couverture[code], covered, rel_tol=1e-9, abs_tol=1e-6), code
        assert math.isclose(usage[code], covered, rel_tol=1e-9, abs_tol=1e-6), code
        assert math.isclose(
            impermeable[code], float(imper[code]["surface_imper"]), rel_tol=1e-9, abs_tol=1e-6
        ), code
        assert math.isclose(
            origin.get(code, 0.0), float(row["flux_artif"]), rel_tol=1e-9, abs_tol=1e-6
        ), code
        assert couverture_debut[code] > 0
    assert sum(origin.values()) > 0  # the sample artificialises land


def test_changed_land_and_messy_codes_are_kept(written):
    """The sample's deliveries carry parent codes, INDETERMINE and nulls, as real ones: each is a
    class of its own (an empty cell for null), never dropped nor renamed."""
    folder, _ = written
    couverture = {r["code_cs"] for r in read_csv(folder / "couverture_departement.csv")}
    usage = {r["code_us"] for r in read_csv(folder / "usage_departement.csv")}
    transitions = read_csv(folder / "transition_cs_departement.csv")
    assert {"CS2.1.1", "CS2.2", ""} <= couverture and {"INDETERMINE", "US4.1", "US6", ""} <= usage
    assert any(r["cs_debut"] == "" for r in transitions) and any(
        r["cs_fin"] == "" for r in transitions
    )
    assert any(
        r["cs_debut"] == r["cs_fin"] for r in transitions
    )  # the usage changed, not the couverture


def test_the_matrix_pairs_sum_to_the_artificialised_stock(sample):
    """With the matrix, the (couverture, usage) stock summed over the pairs the rules call
    artificialised is the artificialised stock of every commune (the aggregation's own table)."""
    from qgis.core import QgsVectorLayer

    from ocsge.ocsge_plugin.computing import classes
    from ocsge.ocsge_plugin.computing.codes import YES, lookup_artif
    from ocsge.ocsge_plugin.computing.placement import TerritorySet
    from ocsge.ocsge_plugin.pipelines.aggregate import run_aggregate
    from ocsge.ocsge_plugin.storage import reading

    communes = QgsVectorLayer(belfort_params(sample, "X", "")["COMMUNES"], "communes", "ogr")
    layers = []
    for path in sorted(p for p in Path(sample).iterdir() if p.is_dir()):
        delivery = reading.open_delivery(
            str(path), ("occupation", "artif", "difference", "artif_diff"), check=False
        )
        layers += [
            QgsVectorLayer(found.uri, found.title, "ogr")
            for found in delivery.layers
            if found.kind in ("occupation", "difference")
        ]
    result, _ = run_aggregate(
        TerritorySet.from_layer(communes, "code", "nom"), layers, "matrice", True, True, None
    )
    occupation = result.classes[classes.OCCUPATION]
    occupation = occupation[occupation["index"] == occupation["index"].max()]
    artificial = occupation[
        lookup_artif(occupation["code_cs"].to_numpy(object), occupation["code_us"].to_numpy(object))
        == YES
    ]
    by_commune = artificial.groupby("code")["surface"].sum()
    table = result.table[result.table["index_debut"].notna()].set_index("code")
    checked = 0
    for code, row in table.iterrows():
        if not math.isnan(row["surface_artif"]):
            assert math.isclose(
                by_commune.get(code, 0.0), row["surface_artif"], rel_tol=1e-9, abs_tol=1e-6
            ), code
            checked += 1
    assert checked == 102


def test_aggregate_then_export_write_the_same_tables(run, written, sample, tmp_path):
    """ocsge:aggregate (its surfaces by class) then ocsge:export give the per-class tables of
    ocsge:diagnostic."""
    from ocsge.ocsge_plugin.storage import reading

    diagnostic_folder, _ = written
    uris = []
    for path in sorted(p for p in Path(sample).iterdir() if p.is_dir()):
        delivery = reading.open_delivery(
            str(path), ("occupation", "artif", "difference", "artif_diff"), check=False
        )
        uris += [found.uri for found in delivery.layers]
    params = belfort_params(sample, "OUTPUT", str(tmp_path / "communes.gpkg"))
    aggregated, _ = run(
        "ocsge:aggregate",
        {
            "INPUT_LAYERS": uris,
            "TERRITORIES": params["COMMUNES"],
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "METHOD": 2,
            "OUTPUT": str(tmp_path / "communes.gpkg"),
            "OUTPUT_CLASSES": str(tmp_path / "classes.gpkg"),
            "UNIT": 1,
        },
    )
    run(
        "ocsge:export",
        {
            "COMMUNE": aggregated["OUTPUT"],
            "CLASSES": aggregated["OUTPUT_CLASSES"],
            "MEMBERSHIP": params["MEMBERSHIP"],
            "OUTPUT_FOLDER": str(tmp_path / "export"),
        },
    )
    for name in (
        "couverture_commune",
        "usage_epci",
        "transition_cs_departement",
        "origine_artif_epci",
    ):
        mine, theirs = (
            read_csv(tmp_path / "export" / f"{name}.csv"),
            read_csv(diagnostic_folder / f"{name}.csv"),
        )
        key = lambda r: tuple(v for k, v in r.items() if k != "surface")  # noqa: E731
        assert sorted(map(key, mine)) == sorted(map(key, theirs)), name
        surfaces = {key(r): float(r["surface"]) for r in theirs}
        assert all(
            math.isclose(float(r["surface"]), surfaces[key(r)], rel_tol=1e-9, abs_tol=1e-9)
            for r in mine
        ), name
