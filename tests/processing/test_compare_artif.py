"""ocsge:compare_artif on a hand-built IGN artificialisation layer whose disagreements are known
by hand.

Mesh (metres, EPSG:2154, shared sides with the same vertices):

* block A, x 0–200: meadow M 40 × 50 = 2,000 m² (CS2.2.1 / US1.1) enclosed by artificialised land:
  L 80 × 200 built, R 80 × 200 sealed, B 40 × 50 sealed, T 40 × 100 mineral used for housing
  (CS1.1.2.1 / US2). The recomputation turns M artificialised by the thresholds;
* block B, x 300–500: car park P 40 × 30 = 1,200 m² (CS1.1.1.2 / US4.1.3) enclosed by farmland
  (L2, R2 80 × 200, B2 40 × 50, T2 40 × 120): the thresholds make it non artificialised;
* X: an isolated 60 × 60 woodland (3,600 m²), non artificialised whatever the thresholds;
* U: 20 × 20 with an unknown couverture; N: 10 × 10 with IGN's artif null.

IGN's answers (chosen): T 'non artif' (the matrix says artificialised: a *matrice* disagreement),
M 'non artif' without crit_seuil (IGN did not apply the threshold we apply: *seuil*), X 'artif'
with crit_seuil (IGN says its threshold made it artificialised, our recomputation does not:
*seuil*), P 'non artif' with crit_seuil (agrees), everything else as the matrix says.

By hand: compared 11 polygons (not U, N: 2 polygons, 500 m²); agree L, R, B, L2, R2, B2, T2, P = 8
polygons, 74,000 m²; disagree T, M, X = 3 polygons, 9,600 m² (matrice: T 4,000; seuil: M + X 5,600);
agreement 74,000 / 83,600 of the compared surface.
"""

from __future__ import annotations

import pytest
from osgeo import ogr, osr
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)
from support import report_of


def frame(ox: float, y_lo: float, y_hi: float) -> dict[str, str]:
    a, b, c = ox + 80, ox + 120, ox + 200
    return {
        "L": f"POLYGON(({ox} 0,{a} 0,{a} {y_lo},{a} {y_hi},{a} 200,{ox} 200,{ox} 0))",
        "R": f"POLYGON(({b} 0,{c} 0,{c} 200,{b} 200,{b} {y_hi},{b} {y_lo},{b} 0))",
        "B": f"POLYGON(({a} 0,{b} 0,{b} {y_lo},{a} {y_lo},{a} 0))",
        "T": f"POLYGON(({a} {y_hi},{b} {y_hi},{b} 200,{a} 200,{a} {y_hi}))",
        "C": f"POLYGON(({a} {y_lo},{b} {y_lo},{b} {y_hi},{a} {y_hi},{a} {y_lo}))",
    }


def sq(x: float, size: float) -> str:
    return f"POLYGON(({x} 0,{x + size} 0,{x + size} {size},{x} {size},{x} 0))"


A, B = frame(0, 50, 100), frame(300, 50, 80)
# id → (wkt, code_cs, code_us, IGN artif, IGN crit_seuil)
ROWS = {
    "L": (A["L"], "CS1.1.1.1", "US2", "artif", False),
    "R": (A["R"], "CS1.1.1.2", "US4.1.1", "artif", False),
    "B": (A["B"], "CS1.1.1.2", "US4.1.1", "artif", False),
    "T": (A["T"], "CS1.1.2.1", "US2", "non artif", False),
    "M": (A["C"], "CS2.2.1", "US1.1", "non artif", False),
    "L2": (B["L"], "CS2.2.1", "US1.1", "non artif", False),
    "R2": (B["R"], "CS2.2.1", "US1.1", "non artif", False),
    "B2": (B["B"], "CS2.2.1", "US1.1", "non artif", False),
    "T2": (B["T"], "CS2.2.1", "US1.1", "non artif", False),
    "P": (B["C"], "CS1.1.1.2", "US4.1.3", "non artif", True),
    "X": (sq(600, 60), "CS2.1.1.1", "US1.2", "artif", True),
    "U": (sq(800, 20), "CS9.9", "US1.1", "non artif", False),
    "N": (sq(900, 10), "CS2.2.1", "US1.1", None, None),
}


def ign_layer(path, rows=ROWS) -> str:
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    layer = ds.CreateLayer(
        "artif_2021_090", srs, ogr.wkbMultiPolygon, options=["GEOMETRY_NAME=geom"]
    )
    for name in ("id", "code_cs", "code_us", "artif"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    crit = ogr.FieldDefn("crit_seuil", ogr.OFTInteger)
    crit.SetSubType(ogr.OFSTBoolean)
    layer.CreateField(crit)
    layer.CreateField(ogr.FieldDefn("aire", ogr.OFTReal))
    for key, (wkt, cs, us, artif, seuil) in rows.items():
        feature = ogr.Feature(layer.GetLayerDefn())
        geometry = ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkt(wkt))
        for name, value in (
            ("id", key),
            ("code_cs", cs),
            ("code_us", us),
            ("artif", artif),
            ("aire", geometry.GetArea()),
        ):
            if value is not None:
                feature.SetField(name, value)
        if seuil is not None:
            feature.SetField("crit_seuil", int(seuil))
        feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
    ds = None
    return str(path)


@pytest.fixture
def loaded(run, tmp_path):
    gpkg = ign_layer(tmp_path / "OCS-GE_2-0_ARTIFICIALISATION_GPKG_LAMB93_D090_2021-01-01.gpkg")
    results, _ = run("ocsge:load", {"INPUT": gpkg})
    return results["ARTIF"]


def test_agreement_numbers_by_hand(run, loaded):
    results, feedback = run("ocsge:compare_artif", {"INPUT": loaded, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert (results["COMPARED_COUNT"], results["AGREE_COUNT"], results["DISAGREE_COUNT"]) == (
        11,
        8,
        3,
    )
    assert results["AGREE_HA"] == pytest.approx(7.4)
    assert results["DISAGREE_HA"] == pytest.approx(0.96)
    assert results["COMPARED_HA"] == pytest.approx(8.36)  # the 11 compared polygons: 7.4 + 0.96 ha
    assert (results["MATRICE_COUNT"], results["MATRICE_HA"]) == (1, pytest.approx(0.4))
    assert (results["SEUIL_COUNT"], results["SEUIL_HA"]) == (2, pytest.approx(0.56))
    assert (results["NOT_COMPARED_COUNT"], results["NOT_COMPARED_HA"]) == (2, pytest.approx(0.05))
    assert results["AGREEMENT_PCT"] == pytest.approx(100 * 74000 / 83600)
    assert any("Agree: 8 polygons" in info for info in feedback.infos)
    # the recomputation's undetermined polygons (U, 400 m²: couverture CS9.9 stands for every leaf)
    (entry,) = report_of(results)["indetermine"]
    assert (entry["nombre"], entry["surface_ha"]) == (1, pytest.approx(0.04))


def test_disagreeing_polygons_with_both_answers_and_reason(run, loaded):
    results, _ = run("ocsge:compare_artif", {"INPUT": loaded, "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = results["OUTPUT"]
    rows = {f["id"]: f for f in layer.getFeatures()}
    assert sorted(rows) == ["M", "T", "X"]
    columns = (
        "ign_artif",
        "ign_crit_seuil",
        "calc_artif",
        "calc_artif_matrice",
        "calc_crit_seuil",
        "raison",
    )
    assert tuple(rows["T"][c] for c in columns) == (False, False, True, True, False, "matrice")
    assert tuple(rows["M"][c] for c in columns) == (False, False, True, False, True, "seuil")
    assert tuple(rows["X"][c] for c in columns) == (True, True, False, False, False, "seuil")
    # the user's attributes and geometries come along
    assert rows["T"]["code_cs"] == "CS1.1.2.1" and rows["T"]["artif"] == "non artif"
    assert rows["M"].geometry().area() == pytest.approx(2000)


def test_output_is_styled_by_reason(provider, loaded):
    import processing

    project = QgsProject.instance()
    project.clear()
    processing.runAndLoadResults(
        "ocsge:compare_artif", {"INPUT": loaded, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    (layer,) = [lyr for lyr in project.mapLayers().values() if isinstance(lyr, QgsVectorLayer)]
    renderer = layer.renderer()
    assert (
        isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() == "raison"
    )
    assert {c.value() for c in renderer.categories()} == {"matrice", "seuil"}
    project.clear()


def test_occupation_layer_without_artif_is_refused(run, tmp_path):
    from builders import square, write_layer

    path = str(
        write_layer(
            tmp_path / "occ.gpkg",
            "occ",
            ["ID", "code_cs", "code_us"],
            [(square(0, 0, 10), ["a", "CS1.1.1.1", "US2"])],
        )
    )
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match="no artif field") as error:
        run("ocsge:compare_artif", {"INPUT": path, "OUTPUT": str(out)})
    assert "artif_<year>_<dep>" in str(error.value)
    assert not out.exists()
