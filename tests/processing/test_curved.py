"""OCS GE layers of curved types (a GeoPackage declared MultiSurface, with CurvePolygon and
CompoundCurve arcs): their geometries are linearised when read, the log says so once, and every
surface is the linearised outline's (issue 24: a refusal, "WKB type 12: polygons expected",
before)."""

from __future__ import annotations

import pytest
from builders import CURVED_ROWS, curved_delivery, linear_area, square, write_layer
from osgeo import ogr

CURVED = CURVED_ROWS


def test_classify_a_curved_layer_measures_the_linearised_polygons(run, tmp_path):
    source = curved_delivery(tmp_path)
    results, feedback = run(
        "ocsge:classify", {"INPUT": str(source), "OUTPUT": str(tmp_path / "cls.gpkg")}
    )

    artificial = linear_area(CURVED[0][0]) + linear_area(
        CURVED[2][0]
    )  # CS1.1.1.1 and CS1.1.1.2: imperméabilisés
    total = artificial + linear_area(CURVED[1][0])
    assert linear_area(CURVED[2][0]) == pytest.approx(
        1961.94, abs=0.01
    )  # the disc's outline: not π × 25² (1963.50)
    assert results["POLYGON_COUNT"] == 3
    assert results["TOTAL_HA"] == pytest.approx(total / 10_000, rel=1e-9)
    assert results["IMPER_HA"] == pytest.approx(artificial / 10_000, rel=1e-9)
    assert results["ARTIF_HA"] == pytest.approx(artificial / 10_000, rel=1e-9)
    notes = [w for w in feedback.warnings if "curved type" in w]
    assert notes == [
        f"OCCUPATION_SOL ({source}): 3 geometries of a curved type (MultiSurface, "
        "CurvePolygon…) of 3 made into "
        "polygons, their arcs cut into segments of at most 4°: their surfaces are those "
        "of the linearised outlines."
    ]
    assert not feedback.errors


def test_aggregate_a_curved_layer_per_commune(run, tmp_path):
    """Two communes cutting the curved polygons (x < 150, x ≥ 150): each gets its share of the
    linearised surfaces, as OGR's intersection of the linearised outlines with the commune says."""
    source = curved_delivery(tmp_path)
    communes = write_layer(
        tmp_path / "communes.gpkg",
        "communes",
        ["code", "nom"],
        [
            (square(-100, -100, 250), ["32001", "Ouest"]),
            ("MULTIPOLYGON(((150 -100,450 -100,450 150,150 150,150 -100)))", ["32002", "Est"]),
        ],
    )
    results, feedback = run(
        "ocsge:aggregate",
        {
            "INPUT_LAYERS": [str(source)],
            "TERRITORIES": str(communes),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "METHOD": 2,
            "OUTPUT": str(tmp_path / "agg.gpkg"),
        },
    )
    out = ogr.Open(str(tmp_path / "agg.gpkg"))
    layer = out.GetLayer(0)
    got = {
        f.GetField("code"): (f.GetField("surface_artif"), f.GetField("surface_imper"))
        for f in layer
    }
    cut = {
        "32001": ogr.CreateGeometryFromWkt(
            "POLYGON((-100 -100,150 -100,150 150,-100 150,-100 -100))"
        ),
        "32002": ogr.CreateGeometryFromWkt("POLYGON((150 -100,450 -100,450 150,150 150,150 -100))"),
    }
    for code, commune in cut.items():
        expected = sum(
            ogr.CreateGeometryFromWkt(CURVED[i][0])
            .GetLinearGeometry()
            .Intersection(commune)
            .GetArea()
            for i in (0, 2)
        )
        assert got[code][0] == pytest.approx(expected / 10_000, rel=1e-6), code
        assert got[code][1] == pytest.approx(expected / 10_000, rel=1e-6), code
    assert got["32001"][0] == pytest.approx(linear_area(CURVED[0][0]) / 10_000, rel=1e-6)
    assert len([w for w in feedback.warnings if "curved type" in w]) == 1


def test_flows_between_two_curved_millesimes(run, tmp_path):
    """The disc (C3) is grassland in 2016, non bâti in 2019: artificialised over the period by its
    linearised area; each layer's linearisation said once, naming its file."""
    before = [CURVED[0], CURVED[1], (CURVED[2][0], ["C3", "CS2.2.1", "US1.1", "2016"])]
    debut = curved_delivery(tmp_path / "a", before, 2016)
    fin = curved_delivery(tmp_path / "b", CURVED, 2019)
    results, feedback = run(
        "ocsge:flows",
        {
            "OCCUPATION_DEBUT": str(debut),
            "OCCUPATION_FIN": str(fin),
            "METHOD": 3,
            "OUTPUT": str(tmp_path / "flows.gpkg"),
            "SUMMARY": str(tmp_path / "summary.gpkg"),
        },
    )
    ds = ogr.Open(str(tmp_path / "summary.gpkg"))
    summary = ds.GetLayer(0).GetNextFeature()
    disc = linear_area(CURVED[2][0]) / 10_000
    assert summary.GetField("flux_artif") == pytest.approx(disc, abs=1e-4)
    assert summary.GetField("flux_artif") != pytest.approx(
        3.14159265 * 25**2 / 10_000, abs=1e-5
    )  # not the true disc
    assert summary.GetField("flux_desartif") == 0
    notes = sorted(w for w in feedback.warnings if "curved type" in w)
    assert [n.split(": 3 geometries")[0] for n in notes] == [
        f"OCCUPATION_SOL ({debut})",
        f"OCCUPATION_SOL ({fin})",
    ]
