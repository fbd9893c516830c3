"""ocsge:classify through processing.run on hand-built meshes whose surfaces are known by hand.

The mesh (metres, EPSG:2154), topologically clean like OCS GE (shared sides have the same vertices):

* block 1, x 0–200: a 40 × 50 m meadow M (CS2.2.1 / US1.1, 2,000 m²) enclosed by four artificialised
  polygons: L 80 × 200 built (CS1.1.1.1 / US2), R 80 × 200 sealed (``cs1.1.1.2`` / US4.1.1, lower
  case on purpose), B 40 × 75 lawn of a house (CS2.2.1 / US2), T 40 × 75 (CS1.1.2.2 / US3);
* block 2, x 300–500: a 40 × 25 m car park P (CS1.1.1.2 / US4.1.3, 1,000 m²) enclosed by farmland
  (CS2.2.1 / US1.1): L2, R2 80 × 200, B2 40 × 75, T2 40 × 100;
* N: 50 × 50 mineral surface (CS1.1.2.1) with a null usage (imper known: no; artif indéterminé, as
  the usage US1.3 would make it not artificialised and every other usage artificialised), 2,500 m²;
* U: 50 × 20 with an unknown couverture ``CS9.9`` (both indéterminé), 1,000 m²;
* W: a self-intersecting "bow-tie" built polygon over a 100 × 100 square: two triangles once
  repaired, 5,000 m² (GEOS gives 0 for the invalid ring).

By hand (m²): imperméabilisé L + R + P + W = 16,000 + 16,000 + 1,000 + 5,000 = 38,000;
artificialisé by the matrix L + R + B + T + P + W = 44,000; the thresholds turn M to
artificialisé (+2,000) and P to non artificialisé (−1,000): 45,000; indéterminé N + U = 3,500 (2
polygons), for imperméabilisation U 1,000.
"""

from __future__ import annotations

import pytest
from builders import square, write_layer
from osgeo import ogr, osr
from qgis.core import QgsProcessingException, QgsVectorLayer
from support import report_of

FIELDS = ["ID", "code_cs", "code_us"]


def frame(ox: float, y_lo: float, y_hi: float) -> dict[str, str]:
    """A 200 × 200 block at x = ox: an inner 40 m wide cell [ox+80, ox+120] × [y_lo, y_hi] and
    the four polygons around it, with the junction vertices on the shared sides."""
    a, b, c = ox + 80, ox + 120, ox + 200
    return {
        "L": f"POLYGON(({ox} 0,{a} 0,{a} {y_lo},{a} {y_hi},{a} 200,{ox} 200,{ox} 0))",
        "R": f"POLYGON(({b} 0,{c} 0,{c} 200,{b} 200,{b} {y_hi},{b} {y_lo},{b} 0))",
        "B": f"POLYGON(({a} 0,{b} 0,{b} {y_lo},{a} {y_lo},{a} 0))",
        "T": f"POLYGON(({a} {y_hi},{b} {y_hi},{b} 200,{a} 200,{a} {y_hi}))",
        "C": f"POLYGON(({a} {y_lo},{b} {y_lo},{b} {y_hi},{a} {y_hi},{a} {y_lo}))",
    }


BLOCK1, BLOCK2 = frame(0, 75, 125), frame(300, 75, 100)
BOWTIE = "POLYGON((800 0,900 100,900 0,800 100,800 0))"

# id → (wkt, code_cs, code_us)
MESH = {
    "L": (BLOCK1["L"], "CS1.1.1.1", "US2"),
    "R": (BLOCK1["R"], "cs1.1.1.2", "US4.1.1"),
    "B": (BLOCK1["B"], "CS2.2.1", "US2"),
    "T": (BLOCK1["T"], "CS1.1.2.2", "US3"),
    "M": (BLOCK1["C"], "CS2.2.1", "US1.1"),
    "L2": (BLOCK2["L"], "CS2.2.1", "US1.1"),
    "R2": (BLOCK2["R"], "CS2.2.1", "US1.1"),
    "B2": (BLOCK2["B"], "CS2.2.1", "US1.1"),
    "T2": (BLOCK2["T"], "CS2.2.1", "US1.1"),
    "P": (BLOCK2["C"], "CS1.1.1.2", "US4.1.3"),
    "N": (square(600, 0, 50), "CS1.1.2.1", None),
    "U": ("POLYGON((700 0,750 0,750 20,700 20,700 0))", "CS9.9", "US1.1"),
    "W": (BOWTIE, "CS1.1.1.1", "US2"),
}
HAND_AREA_M2 = {
    "L": 16000,
    "R": 16000,
    "B": 3000,
    "T": 3000,
    "M": 2000,
    "L2": 16000,
    "R2": 16000,
    "B2": 3000,
    "T2": 4000,
    "P": 1000,
    "N": 2500,
    "U": 1000,
    "W": 5000,
}

# Expected answers, in hectares, computed by hand (see the module docstring).
HAND_HA = {
    "IMPER_HA": 3.8,
    "ARTIF_MATRICE_HA": 4.4,
    "ARTIF_HA": 4.5,
    "SEUIL_TO_ARTIF_HA": 0.2,
    "SEUIL_TO_NON_ARTIF_HA": 0.1,
    "INDETERMINE_HA": 0.35,
    "INDETERMINE_IMPER_HA": 0.1,
    "TOTAL_HA": 8.85,
}


def multi(wkt: str) -> str:
    return ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkt(wkt)).ExportToWkt()


def occupation_gpkg(path, mesh=MESH, epsg=2154):
    rows = [(multi(wkt), [key, cs, us]) for key, (wkt, cs, us) in mesh.items()]
    return str(write_layer(path, "OCCUPATION_SOL", FIELDS, rows, epsg))


def by_id(layer: QgsVectorLayer) -> dict:
    return {f["ID"]: f for f in layer.getFeatures()}


def null(value) -> bool:
    return value is None or (hasattr(value, "isNull") and value.isNull())


def test_matrice_seuils_surfaces_by_hand(run, tmp_path):
    path = occupation_gpkg(tmp_path / "occ.gpkg")
    results, feedback = run(
        "ocsge:classify",
        {"INPUT": path, "OUTPUT": "TEMPORARY_OUTPUT", "SUMMARY": "TEMPORARY_OUTPUT"},
    )
    assert results["METHOD_USED"] == "matrice_seuils"  # automatic: no artif field
    for key, hectares in HAND_HA.items():
        assert results[key] == pytest.approx(hectares, abs=1e-9), key
    assert results["INDETERMINE_COUNT"] == 2 and results["INDETERMINE_IMPER_COUNT"] == 1
    assert results["REPAIRED_COUNT"] == 1 and results["POLYGON_COUNT"] == 13
    # the repaired bow-tie is counted in the log
    # repaired for the computation (information); a code outside the nomenclature: a warning
    assert any("1 invalid" in w for w in feedback.infos)
    assert not any("1 invalid" in w for w in feedback.warnings)
    assert any("CS9.9 (1 polygon(s), 0.1000 ha)" in w for w in feedback.warnings)
    report = report_of(results)
    assert report["convention"] == "indetermine"
    assert report["codes_hors_nomenclature"] == {
        "CS9.9": {"nombre": 1, "surface_ha": pytest.approx(0.1)}
    }
    (entry,) = report["indetermine"]
    assert (
        entry["nombre"],
        entry["surface_ha"],
        entry["imper_nombre"],
        entry["imper_surface_ha"],
    ) == (2, pytest.approx(0.35), 1, pytest.approx(0.1))
    # counted apart, nothing to act on: information, not a warning
    assert any("undetermined status" in w and " 0.35 ha " in w for w in feedback.infos)
    assert not any("undetermined status" in w for w in feedback.warnings)

    # the summary table says the same, row by row
    table = {f["indicateur"]: f for f in results["SUMMARY"].getFeatures()}
    assert table["imper"]["surface_ha"] == pytest.approx(3.8)
    assert table["artif_matrice"]["surface_ha"] == pytest.approx(4.4)
    assert table["artif"]["surface_ha"] == pytest.approx(4.5)
    assert (table["seuil_vers_artif"]["nombre"], table["seuil_vers_artif"]["surface_ha"]) == (
        1,
        pytest.approx(0.2),
    )
    assert (
        table["seuil_vers_non_artif"]["nombre"],
        table["seuil_vers_non_artif"]["surface_ha"],
    ) == (1, pytest.approx(0.1))
    assert (table["indetermine"]["nombre"], table["indetermine"]["surface_ha"]) == (
        2,
        pytest.approx(0.35),
    )
    assert (table["geometries_reparees"]["nombre"], table["geometries_reparees"]["surface_ha"]) == (
        1,
        pytest.approx(0.5),
    )
    assert table["artif"]["part_pct"] == pytest.approx(100 * 45000 / 88500)

    # the output layer: the input polygons and attributes, plus the answers
    out = results["OUTPUT"]
    assert out.featureCount() == len(MESH)
    assert {
        "ID",
        "code_cs",
        "code_us",
        "imper",
        "artif",
        "artif_matrice",
        "crit_seuil",
        "artif_source",
    } <= set(out.fields().names())
    features = by_id(out)
    meadow, car_park = features["M"], features["P"]
    assert (
        meadow["artif"],
        meadow["artif_matrice"],
        meadow["crit_seuil"],
        meadow["artif_source"],
    ) == (True, False, True, "seuil")
    assert (
        car_park["artif"],
        car_park["artif_matrice"],
        car_park["crit_seuil"],
        car_park["imper"],
    ) == (False, True, True, True)
    assert (features["R"]["imper"], features["R"]["artif"], features["R"]["artif_source"]) == (
        True,
        True,
        "matrice",
    )
    assert features["B"]["imper"] is False and features["B"]["artif"] is True
    assert (
        features["N"]["imper"] is False
        and null(features["N"]["artif"])
        and null(features["N"]["artif_source"])
    )
    assert null(features["U"]["imper"]) and null(features["U"]["artif"])
    # geometries are the user's (the bow-tie is not rewritten), areas of the others as drawn
    assert features["W"].geometry().isGeosValid() is False
    for key, feature in features.items():
        if key != "W":
            assert feature.geometry().area() == pytest.approx(HAND_AREA_M2[key])


def test_matrice_only_and_written_to_gpkg(run, tmp_path):
    path = occupation_gpkg(tmp_path / "occ.gpkg")
    out = tmp_path / "classified.gpkg"
    results, _ = run(
        "ocsge:classify",
        {"INPUT": path, "METHOD": 2, "OUTPUT": str(out), "SUMMARY": str(tmp_path / "summary.csv")},
    )
    assert results["METHOD_USED"] == "matrice"
    assert results["ARTIF_HA"] == pytest.approx(4.4) and results[
        "ARTIF_MATRICE_HA"
    ] == pytest.approx(4.4)
    assert results["SEUIL_TO_ARTIF_HA"] == 0 and results["SEUIL_TO_NON_ARTIF_HA"] == 0
    layer = QgsVectorLayer(str(out), "c", "ogr")
    assert layer.isValid() and layer.featureCount() == len(MESH)
    assert sum(
        f.geometry().area() for f in layer.getFeatures() if f["artif"] is True and f["ID"] != "W"
    ) == pytest.approx(39000)
    summary = (tmp_path / "summary.csv").read_text(encoding="utf-8")
    assert summary.splitlines()[0] == "indicateur,libelle,nombre,surface_ha,part_pct"


def test_other_field_names_chosen_as_parameters(run, tmp_path):
    rows = [(multi(wkt), [key, cs, us]) for key, (wkt, cs, us) in MESH.items()]
    path = str(write_layer(tmp_path / "other.gpkg", "occ", ["ID", "cs_2019", "us_2019"], rows))
    results, _ = run(
        "ocsge:classify",
        {
            "INPUT": path,
            "CS_FIELD": "cs_2019",
            "US_FIELD": "us_2019",
            "METHOD": 3,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert results["ARTIF_HA"] == pytest.approx(4.5) and results["IMPER_HA"] == pytest.approx(3.8)


# ------------------------------------------------------------------------------------ IGN's layer


def artif_gpkg(path, ign: dict[str, tuple]) -> str:
    """IGN's artificialisation layer: layer artif_2019_032, artif text, crit_seuil boolean."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    layer = ds.CreateLayer(
        "artif_2019_032", srs, ogr.wkbMultiPolygon, options=["GEOMETRY_NAME=geom"]
    )
    for name in ("id", "code_cs", "code_us", "artif"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    crit = ogr.FieldDefn("crit_seuil", ogr.OFTInteger)
    crit.SetSubType(ogr.OFSTBoolean)
    layer.CreateField(crit)
    for key, (wkt, cs, us) in MESH.items():
        artif, seuil = ign[key]
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in (("id", key), ("code_cs", cs), ("code_us", us), ("artif", artif)):
            if value is not None:
                feature.SetField(name, value)
        if seuil is not None:
            feature.SetField("crit_seuil", int(seuil))
        feature.SetGeometry(ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkt(wkt)))
        layer.CreateFeature(feature)
    ds = None
    return str(path)


# IGN's answers on MESH, chosen to differ from the recomputation on T (matrix) and M (thresholds);
# IGN applied its threshold on the car park P; U has an unknown code but an IGN answer; N has none.
IGN = {
    "L": ("artif", False),
    "R": ("artif", False),
    "B": ("artif", False),
    "T": ("non artif", False),
    "M": ("non artif", False),
    "L2": ("non artif", False),
    "R2": ("non artif", False),
    "B2": ("non artif", False),
    "T2": ("non artif", False),
    "P": ("non artif", True),
    "N": (None, None),
    "U": ("non artif", False),
    "W": ("artif", False),
}


def test_ign_method_reads_ign_fields_as_loaded(run, tmp_path):
    gpkg = artif_gpkg(
        tmp_path / "OCS-GE_2-0_ARTIFICIALISATION_GPKG_LAMB93_D032_2019-01-01.gpkg", IGN
    )
    loaded, _ = run("ocsge:load", {"INPUT": gpkg})
    results, _ = run("ocsge:classify", {"INPUT": loaded["ARTIF"], "OUTPUT": "TEMPORARY_OUTPUT"})
    assert results["METHOD_USED"] == "ign"  # automatic: the layer has IGN's artif field
    # By hand from IGN's fields: artif L + R + B + W = 40,000 m²; before IGN's thresholds, P too
    # (crit_seuil); imperméabilisation from the couverture as always.
    assert results["ARTIF_HA"] == pytest.approx(4.0)
    assert results["ARTIF_MATRICE_HA"] == pytest.approx(4.1)
    assert (
        results["SEUIL_TO_NON_ARTIF_HA"] == pytest.approx(0.1) and results["SEUIL_TO_ARTIF_HA"] == 0
    )
    assert results["IMPER_HA"] == pytest.approx(3.8)
    assert (results["INDETERMINE_COUNT"], results["INDETERMINE_HA"]) == (1, pytest.approx(0.25))
    features = by_id(results["OUTPUT"])
    assert {f["artif_source"] for k, f in features.items() if k != "N"} == {"ign"}
    # IGN's text artif field is kept beside the boolean answer
    assert features["T"]["artif"] is False and features["T"]["artif_orig"] == "non artif"
    assert features["P"]["crit_seuil"] is True and features["P"]["artif_matrice"] is True

    # the same layer recomputed: the matrix and thresholds, not IGN's fields
    again, _ = run(
        "ocsge:classify", {"INPUT": loaded["ARTIF"], "METHOD": 3, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert again["METHOD_USED"] == "matrice_seuils" and again["ARTIF_HA"] == pytest.approx(4.5)


# ------------------------------------------------------------------------------------ bad input


def test_geographic_crs_is_refused_naming_the_projected_crs(run, tmp_path):
    # a small square near Saint-Denis (La Réunion), in longitude / latitude
    wkt = "MULTIPOLYGON(((55.45 -20.88,55.46 -20.88,55.46 -20.87,55.45 -20.87,55.45 -20.88)))"
    path = str(
        write_layer(
            tmp_path / "geo.gpkg", "occ", FIELDS, [(wkt, ["a", "CS1.1.1.1", "US2"])], epsg=4326
        )
    )
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match="EPSG:2975") as error:
        run("ocsge:classify", {"INPUT": path, "OUTPUT": str(out)})
    assert "EPSG:4326" in str(error.value) and "Traceback" not in str(error.value)
    assert not out.exists(), "no output file on refusal"
    wkt = "MULTIPOLYGON(((0.58 43.64,0.59 43.64,0.59 43.65,0.58 43.65,0.58 43.64)))"  # Auch (Gers)
    path = str(
        write_layer(
            tmp_path / "geo32.gpkg", "occ", FIELDS, [(wkt, ["a", "CS1.1.1.1", "US2"])], epsg=4326
        )
    )
    with pytest.raises(QgsProcessingException, match="EPSG:2154"):
        run("ocsge:classify", {"INPUT": path, "OUTPUT": "TEMPORARY_OUTPUT"})


def test_ign_method_without_artif_field_is_refused(run, tmp_path):
    path = occupation_gpkg(tmp_path / "occ.gpkg")
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match="IGN method reads IGN's artif field") as error:
        run("ocsge:classify", {"INPUT": path, "METHOD": 1, "OUTPUT": str(out)})
    assert "matrice + seuils" in str(error.value)
    assert not out.exists()


def test_missing_code_fields_are_refused(run, tmp_path):
    rows = [(square(0, 0, 10), ["a", "CS1.1.1.1", "US2"])]
    path = str(write_layer(tmp_path / "nocodes.gpkg", "occ", ["ID", "foo", "bar"], rows))
    with pytest.raises(QgsProcessingException, match="couverture field code_cs is missing"):
        run("ocsge:classify", {"INPUT": path, "OUTPUT": "TEMPORARY_OUTPUT"})
    path = str(write_layer(tmp_path / "nous.gpkg", "occ", ["ID", "code_cs", "bar"], rows))
    with pytest.raises(QgsProcessingException, match="usage field code_us is missing"):
        run("ocsge:classify", {"INPUT": path, "OUTPUT": "TEMPORARY_OUTPUT"})
    # …but the IGN method needs no usage, and the couverture alone gives imperméabilisation
    path = str(
        write_layer(
            tmp_path / "ign_nous.gpkg",
            "occ",
            ["ID", "code_cs", "artif"],
            [(square(0, 0, 10), ["a", "CS1.1.1.1", "artif"])],
        )
    )
    results, _ = run("ocsge:classify", {"INPUT": path, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert results["ARTIF_HA"] == pytest.approx(0.01) and results["IMPER_HA"] == pytest.approx(0.01)


def test_couverture_usage_spelling_found_without_parameters(run, tmp_path):
    rows = [(multi(wkt), [key, cs, us]) for key, (wkt, cs, us) in MESH.items()]
    path = str(write_layer(tmp_path / "cu.gpkg", "occ", ["ID", "COUVERTURE", "USAGE"], rows))
    results, feedback = run("ocsge:classify", {"INPUT": path, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert results["ARTIF_HA"] == pytest.approx(4.5)
    assert any("COUVERTURE" in info for info in feedback.infos)


# ------------------------------------------------------------------------------ the command line


@pytest.mark.slow
def test_qgis_process_json(tmp_path):
    from support import qgis_process_json

    path = occupation_gpkg(tmp_path / "occ.gpkg")
    result = qgis_process_json(
        "run",
        "ocsge:classify",
        "--",
        f"INPUT={path}",
        "METHOD=3",
        f"OUTPUT={tmp_path / 'out.gpkg'}",
        f"SUMMARY={tmp_path / 's.csv'}",
    )
    outputs = result["results"]
    for key, hectares in HAND_HA.items():
        assert outputs[key] == pytest.approx(hectares), key
    assert outputs["REPAIRED_COUNT"] == 1 and outputs["INDETERMINE_COUNT"] == 2
    assert QgsVectorLayer(outputs["OUTPUT"], "o", "ogr").featureCount() == len(MESH)


# ------------------------------------------------------------------- against the sample generator


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Territoire de Belfort, ~1,500 polygons, unpacked GPKG deliveries + manifest.json (its
    truth is computed by the generator from its own geometry and code tables, independently of
    the plugin)."""
    sample_generator = pytest.importorskip("sample_generator")
    out = tmp_path_factory.mktemp("generated90")
    manifest = sample_generator.generate(
        "90", 1500, seed=11, out=out, archive=False, flavour="gpkg", with_commune_truth=False
    )
    return manifest, out


def _delivery(out, manifest, kind_token: str, year: int):
    (name,) = [
        i["path"]
        for i in manifest["items"]
        if kind_token in i["name"] and i["name"].endswith(f"{year}-01-01")
    ]
    return str(out / name)


def test_matrice_on_generated_occupation_matches_manifest(run, generated):
    manifest, out = generated
    year = manifest["millesimes"][0]
    truth = manifest["truth"][str(year)]
    loaded, _ = run("ocsge:load", {"INPUT": _delivery(out, manifest, "OCS-GE_2-0__GPKG", year)})
    results, _ = run(
        "ocsge:classify", {"INPUT": loaded["OCCUPATION"], "METHOD": 2, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert results["POLYGON_COUNT"] == truth["features"]
    assert results["TOTAL_HA"] * 1e4 == pytest.approx(truth["area_m2"], rel=1e-9)
    assert results["IMPER_HA"] * 1e4 == pytest.approx(truth["imper_m2"], rel=1e-9)
    assert results["ARTIF_HA"] * 1e4 == pytest.approx(truth["artif_matrix_m2"], rel=1e-9)
    # parent codes, INDETERMINE and nulls as real deliveries carry them: undetermined land apart
    assert (
        results["INDETERMINE_COUNT"] == truth["artif_matrix_indetermine_count"] > 0
        and results["REPAIRED_COUNT"] == 0
    )
    assert results["INDETERMINE_HA"] * 1e4 == pytest.approx(
        truth["artif_matrix_indetermine_m2"], rel=1e-9
    )
    assert results["INDETERMINE_IMPER_HA"] * 1e4 == pytest.approx(
        truth["imper_indetermine_m2"], rel=1e-9
    )

    # IGN-shaped artificialisation layer of the same millésime, read with the IGN method
    loaded, _ = run(
        "ocsge:load", {"INPUT": _delivery(out, manifest, "ARTIFICIALISATION_GPKG", year)}
    )
    ign, _ = run("ocsge:classify", {"INPUT": loaded["ARTIF"], "OUTPUT": "TEMPORARY_OUTPUT"})
    assert ign["METHOD_USED"] == "ign"
    assert ign["ARTIF_HA"] * 1e4 == pytest.approx(truth["artif_m2"], rel=1e-9)
    assert ign["IMPER_HA"] * 1e4 == pytest.approx(truth["imper_m2"], rel=1e-9)

    # the generator applies no threshold (crit_seuil all false): recomputing them only differs by
    # seuils, never by the matrix, and whatever they flip balances the surfaces
    compared, _ = run(
        "ocsge:compare_artif", {"INPUT": loaded["ARTIF"], "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert compared["MATRICE_COUNT"] == 0
    seuils, _ = run(
        "ocsge:classify", {"INPUT": loaded["ARTIF"], "METHOD": 3, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert compared["SEUIL_COUNT"] == compared["DISAGREE_COUNT"]
    assert seuils["ARTIF_MATRICE_HA"] * 1e4 == pytest.approx(truth["artif_matrix_m2"], rel=1e-9)
    assert compared["DISAGREE_HA"] == pytest.approx(
        seuils["SEUIL_TO_ARTIF_HA"] + seuils["SEUIL_TO_NON_ARTIF_HA"]
    )
    assert (
        compared["DISAGREE_COUNT"] > 0
    )  # the generator's islands give the thresholds work (17 at seed 11)


def test_invalid_geometry_repaired_even_when_processing_would_abort(provider, tmp_path):
    """QGIS's default setting stops an algorithm on an invalid geometry; classify repairs it
    instead."""
    import processing
    from qgis.core import QgsFeatureRequest, QgsProcessingContext, QgsProject
    from support import Recorder

    path = occupation_gpkg(tmp_path / "occ.gpkg", {"W": MESH["W"], "L": MESH["L"]})
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryAbortOnInvalid)
    results = processing.run(
        "ocsge:classify",
        {"INPUT": path, "OUTPUT": "TEMPORARY_OUTPUT"},
        feedback=Recorder(),
        context=context,
    )
    assert results["REPAIRED_COUNT"] == 1
    assert results["IMPER_HA"] == pytest.approx(2.1)  # bow-tie 5,000 m² + L 16,000 m²
    assert results["OUTPUT"].featureCount() == 2


def test_output_opens_styled_artificialise(provider, tmp_path):
    import processing
    from qgis.core import QgsCategorizedSymbolRenderer, QgsProject

    project = QgsProject.instance()
    project.clear()
    path = occupation_gpkg(tmp_path / "occ.gpkg")
    processing.runAndLoadResults(
        "ocsge:classify",
        {"INPUT": path, "OUTPUT": "TEMPORARY_OUTPUT", "SUMMARY": "TEMPORARY_OUTPUT"},
    )
    layers = {layer.name(): layer for layer in project.mapLayers().values()}
    classified = next(layer for layer in layers.values() if layer.geometryType() == 2)
    renderer = classified.renderer()
    assert (
        isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() == "artif"
    )
    assert {c.value() for c in renderer.categories()} >= {True, False}
    assert len(layers) == 2  # and the summary table
    project.clear()


@pytest.mark.parametrize(
    "cancel_at", [10.0, 50.0]
)  # during the computation; once the output is created (50 %: writing starts)
def test_cancel_leaves_no_partial_output(provider, tmp_path, cancel_at):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    path = occupation_gpkg(tmp_path / "occ.gpkg")
    out = tmp_path / "classified.gpkg"
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(
        lambda progress: feedback.cancel() if progress >= cancel_at else None
    )
    with pytest.raises(
        QgsProcessingException, match="Canceled"
    ):  # a cancel is an error: rc != 0 under qgis_process
        processing.run(
            "ocsge:classify",
            {"INPUT": path, "OUTPUT": str(out), "SUMMARY": str(tmp_path / "s.csv")},
            feedback=feedback,
            context=context,
        )
    assert feedback.isCanceled()
    assert not out.exists() and not (tmp_path / "s.csv").exists()


# ------------------------------------------- a GeoPackage written by SQLite (gpkg.write_copy)


def snapshot(layer) -> dict:
    """ID → (attributes by name, fid aside; geometry as WKB) of every feature."""
    names = [n for n in layer.fields().names() if n != "fid"]
    return {
        f["ID"] if "ID" in names else f["id"]: (
            {n: (None if null(f[n]) else f[n]) for n in names},
            bytes(f.geometry().asWkb()),
        )
        for f in layer.getFeatures()
    }


def gdal_layer(path, name):
    """An empty GeoPackage layer as this machine's GDAL writes it (its R-tree triggers: 6 in GDAL
    3.6 and 3.10, 7 in 3.13)."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    ds.CreateLayer(name, srs, ogr.wkbMultiPolygon)
    ds = None
    return path


def sqlite_rows(path, sql):
    import sqlite3

    with sqlite3.connect(str(path)) as con:
        return con.execute(sql).fetchall()


@pytest.mark.parametrize("method", [2, 3])
def test_gpkg_written_by_sqlite_equals_the_qgis_sink(run, tmp_path, method):
    """The same polygons, attributes, geometries and answers as through a QGIS sink (a memory
    layer); the feature ids of the source kept; a working R-tree (checked by SQLite, then by a
    spatial filter); the GeoPackage's feature count, extent and triggers in place."""
    path = occupation_gpkg(tmp_path / "occ.gpkg")
    out = tmp_path / "classified.gpkg"
    via_sink, sink_feedback = run(
        "ocsge:classify", {"INPUT": path, "METHOD": method, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    written, feedback = run("ocsge:classify", {"INPUT": path, "METHOD": method, "OUTPUT": str(out)})
    assert any("copied by SQLite" in info for info in feedback.infos)
    assert not any("copied by SQLite" in info for info in sink_feedback.infos)
    layer = QgsVectorLayer(str(out), "c", "ogr")
    assert layer.isValid()
    assert snapshot(layer) == snapshot(via_sink["OUTPUT"])
    assert written["ARTIF_HA"] == pytest.approx(4.5 if method == 3 else 4.4)
    assert layer.fields().names() == [
        "fid",
        "ID",
        "code_cs",
        "code_us",
        "imper",
        "artif",
        "artif_matrice",
        "crit_seuil",
        "artif_source",
    ]
    assert [layer.fields().field(n).type() for n in ("imper", "artif_source")] == [
        1,
        10,
    ]  # QVariant.Bool, QVariant.String
    source = QgsVectorLayer(path, "s", "ogr")
    assert {f.id(): f["ID"] for f in layer.getFeatures()} == {
        f.id(): f["ID"] for f in source.getFeatures()
    }
    assert sqlite_rows(out, "SELECT rtreecheck('rtree_classified_geom')") == [("ok",)]
    # rewritten with 64 KiB pages before the rows: a sound file, GDAL's metadata item kept
    assert sqlite_rows(out, "PRAGMA page_size") == [(65536,)]
    assert sqlite_rows(out, "PRAGMA integrity_check") == [("ok",)]
    assert ogr.Open(str(out)).GetLayer(0).GetMetadataItem("convention") == "indetermine"
    assert sqlite_rows(out, "SELECT feature_count FROM gpkg_ogr_contents") == [(len(MESH),)]
    assert sqlite_rows(out, "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents")[
        0
    ] == pytest.approx((0, 0, 900, 200))
    from qgis.core import QgsFeatureRequest, QgsRectangle

    # block 2 only: its five polygons through the spatial index
    inside = {
        f["ID"]
        for f in layer.getFeatures(
            QgsFeatureRequest().setFilterRect(QgsRectangle(310, 10, 490, 190))
        )
    }
    assert inside == {"L2", "R2", "B2", "T2", "P"}
    # the triggers are back: a polygon added afterwards is indexed and counted
    ds = ogr.Open(str(out), 1)
    lyr = ds.GetLayer(0)
    feature = ogr.Feature(lyr.GetLayerDefn())
    feature.SetField("ID", "new")
    feature.SetGeometry(ogr.CreateGeometryFromWkt(multi(square(2000, 2000, 10))))
    lyr.CreateFeature(feature)
    ds = None
    assert sqlite_rows(out, "SELECT count(*) FROM rtree_classified_geom WHERE minx >= 1999") == [
        (1,)
    ]
    assert sqlite_rows(out, "SELECT rtreecheck('rtree_classified_geom')") == [("ok",)]
    assert [
        p.name for p in tmp_path.iterdir() if p.name.startswith(".")
    ] == []  # no temporary file left


def test_gpkg_source_without_spatial_index_and_existing_output_replaced(run, tmp_path):
    path = occupation_gpkg(tmp_path / "occ.gpkg")
    ds = ogr.Open(path, 1)
    ds.ExecuteSQL("SELECT DisableSpatialIndex('OCCUPATION_SOL', 'the_geom')")
    ds = None
    assert sqlite_rows(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'rtree%'") == [
        (0,)
    ]
    out = tmp_path / "classified.gpkg"
    out.write_bytes(b"an older file")
    _, feedback = run("ocsge:classify", {"INPUT": path, "METHOD": 3, "OUTPUT": str(out)})
    assert any("copied by SQLite" in info for info in feedback.infos)
    layer = QgsVectorLayer(str(out), "c", "ogr")
    assert layer.featureCount() == len(MESH) and by_id(layer)["M"]["artif"] is True
    assert sqlite_rows(out, "SELECT rtreecheck('rtree_classified_geom')") == [("ok",)]
    assert sqlite_rows(out, "SELECT count(*) FROM rtree_classified_geom") == [(len(MESH),)]
    assert sqlite_rows(out, "SELECT min_x, max_x FROM gpkg_contents")[0] == pytest.approx(
        (0, 900), abs=1e-3
    )
    # the R-tree GDAL fills in the file rewritten with 64 KiB pages: block 2 found through it
    assert sqlite_rows(out, "PRAGMA page_size") == [(65536,)]
    assert sqlite_rows(out, "PRAGMA integrity_check") == [("ok",)]
    from qgis.core import QgsFeatureRequest, QgsRectangle

    request = QgsFeatureRequest().setFilterRect(QgsRectangle(310, 10, 490, 190))
    assert {f["ID"] for f in layer.getFeatures(request)} == {"L2", "R2", "B2", "T2", "P"}


def test_gpkg_written_by_sqlite_from_a_loaded_ign_layer_keeps_ign_fields_renamed(run, tmp_path):
    """Behind ocsge:load's renaming VRT: IGN's artif and crit_seuil are kept as artif_orig and
    crit_seuil_orig, beside the answers; the same as through a QGIS sink."""
    gpkg = artif_gpkg(
        tmp_path / "OCS-GE_2-0_ARTIFICIALISATION_GPKG_LAMB93_D032_2019-01-01.gpkg", IGN
    )
    loaded, _ = run("ocsge:load", {"INPUT": gpkg})
    out = tmp_path / "ign.gpkg"
    via_sink, _ = run("ocsge:classify", {"INPUT": loaded["ARTIF"], "OUTPUT": "TEMPORARY_OUTPUT"})
    results, feedback = run("ocsge:classify", {"INPUT": loaded["ARTIF"], "OUTPUT": str(out)})
    assert results["OUTPUT"] == str(out) and any(
        "copied by SQLite" in info for info in feedback.infos
    )
    layer = QgsVectorLayer(str(out), "c", "ogr")
    assert snapshot(layer) == snapshot(via_sink["OUTPUT"])
    features = by_id_lower(layer)
    assert features["T"]["artif"] is False and features["T"]["artif_orig"] == "non artif"
    assert features["P"]["crit_seuil"] is True and features["P"]["crit_seuil_orig"] is True


def by_id_lower(layer) -> dict:
    return {f["id"]: f for f in layer.getFeatures()}


def test_shapefile_source_checked_by_the_sqlite_dialect(run, tmp_path):
    """A shapefile is read through OGR's Arrow interface too, its geometries checked by SpatiaLite
    through OGR's SQLite dialect (the bow-tie repaired, 5,000 m²), with the same answers; the output
    GeoPackage translated by GDAL, the answers added by SQLite: the same as through a QGIS sink."""
    rows = [(multi(wkt), [key, cs, us]) for key, (wkt, cs, us) in MESH.items()]
    shp = write_layer(tmp_path / "occ.shp", "occ", FIELDS, rows, 2154, driver="SHP")
    results, feedback = run(
        "ocsge:classify", {"INPUT": str(shp), "OUTPUT": str(tmp_path / "out.gpkg")}
    )
    for key, hectares in HAND_HA.items():
        assert results[key] == pytest.approx(hectares, abs=1e-9), key
    assert results["REPAIRED_COUNT"] == 1
    assert any("shapefile translated by GDAL" in info for info in feedback.infos)
    via_sink, _ = run("ocsge:classify", {"INPUT": str(shp), "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = QgsVectorLayer(str(tmp_path / "out.gpkg"), "o", "ogr")
    assert snapshot(layer) == snapshot(via_sink["OUTPUT"])  # same features, answers and geometries
    assert sorted(f.id() for f in layer.getFeatures()) == list(range(1, len(MESH) + 1))
    assert sqlite_rows(tmp_path / "out.gpkg", "SELECT rtreecheck('rtree_out_geom')") == [("ok",)]
    assert (
        ogr.Open(str(tmp_path / "out.gpkg")).GetLayer(0).GetMetadataItem("convention")
        == "indetermine"
    )  # written with the layer
    triggers = (
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
        "'rtree_out_geom_%' ORDER BY name"
    )
    assert sqlite_rows(tmp_path / "out.gpkg", triggers) == sqlite_rows(
        gdal_layer(tmp_path / "gdal.gpkg", "out"), triggers
    )


def test_shapefile_delivery_loaded_then_classified_to_gpkg(run, tmp_path):
    """IGN's shapefile delivery (CODE_CS / CODE_US) through ocsge:load's renaming VRT: translated by
    GDAL with the normalised field names, the same as through a QGIS sink."""
    from builders import hand_delivery

    folder = hand_delivery(
        tmp_path / "dl",
        "OCS-GE_2-0__SHP_LAMB93_D032_2019-01-01",
        flavour="shp",
        fields=("CODE_CS", "CODE_US"),
    )
    loaded, _ = run("ocsge:load", {"INPUT": str(folder)})
    out = tmp_path / "classified.gpkg"
    results, feedback = run(
        "ocsge:classify", {"INPUT": loaded["OCCUPATION"], "METHOD": 2, "OUTPUT": str(out)}
    )
    assert any("shapefile translated by GDAL" in info for info in feedback.infos)
    assert results["IMPER_HA"] == pytest.approx(2.0) and results["ARTIF_HA"] == pytest.approx(
        2.0
    )  # A1 + A2, by hand
    via_sink, _ = run(
        "ocsge:classify", {"INPUT": loaded["OCCUPATION"], "METHOD": 2, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    layer = QgsVectorLayer(str(out), "c", "ogr")
    assert snapshot(layer) == snapshot(via_sink["OUTPUT"])
    assert {"code_cs", "code_us", "artif"} <= set(layer.fields().names())


def test_gpkg_written_by_sqlite_loads_styled(provider, tmp_path):
    import processing
    from qgis.core import QgsCategorizedSymbolRenderer, QgsProject

    project = QgsProject.instance()
    project.clear()
    path = occupation_gpkg(tmp_path / "occ.gpkg")
    out = tmp_path / "classified.gpkg"
    processing.runAndLoadResults("ocsge:classify", {"INPUT": path, "OUTPUT": str(out)})
    (layer,) = [
        layer for layer in project.mapLayers().values() if layer.source().startswith(str(out))
    ]
    assert layer.featureCount() == len(MESH)
    assert (
        isinstance(layer.renderer(), QgsCategorizedSymbolRenderer)
        and layer.renderer().classAttribute() == "artif"
    )
    project.clear()


@pytest.mark.parametrize("source", ["gpkg", "shp"])
def test_cancel_while_sqlite_writes_keeps_the_previous_file(provider, tmp_path, source):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    if source == "gpkg":
        path = occupation_gpkg(tmp_path / "occ.gpkg")
    else:
        rows = [(multi(wkt), [key, cs, us]) for key, (wkt, cs, us) in MESH.items()]
        path = str(write_layer(tmp_path / "occ.shp", "occ", FIELDS, rows, 2154, driver="SHP"))
    out = tmp_path / "classified.gpkg"
    out.write_bytes(b"the user's previous result")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(lambda progress: feedback.cancel() if progress >= 60 else None)
    with pytest.raises(QgsProcessingException, match="Canceled"):
        processing.run(
            "ocsge:classify",
            {"INPUT": path, "OUTPUT": str(out)},
            feedback=feedback,
            context=context,
        )
    assert feedback.isCanceled()
    assert out.read_bytes() == b"the user's previous result"
    assert not [
        p.name for p in tmp_path.iterdir() if p.name.startswith(".")
    ]  # no temporary file left
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".gpkg") == [
        "classified.gpkg"
    ] + (["occ.gpkg"] if source == "gpkg" else [])


def test_output_folder_missing_gives_a_message_and_no_file(run, tmp_path):
    """SQLite cannot create the file: QGIS is tried, and its failure is the user's message."""
    path = occupation_gpkg(tmp_path / "occ.gpkg")
    out = tmp_path / "no" / "such" / "folder" / "classified.gpkg"
    with pytest.raises(QgsProcessingException, match=f"Cannot write {out}: No such file"):
        run("ocsge:classify", {"INPUT": path, "OUTPUT": str(out)})
    assert not (tmp_path / "no").exists()


def test_gpkg_null_and_empty_geometries_counted_and_copied(run, tmp_path):
    """A null and an empty geometry among the mesh, with feature ids far apart: counted with 0 m²
    and named in the log; copied as they are, under their ids (the other answers and surfaces
    unchanged); not in the spatial index."""
    path = occupation_gpkg(tmp_path / "occ.gpkg")
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayer(0)
    for key, wkt, fid in (
        ("NULLGEOM", None, 1000),
        ("EMPTYGEOM", "MULTIPOLYGON EMPTY", 5000),
    ):  # ids with gaps
        feature = ogr.Feature(lyr.GetLayerDefn())
        feature.SetFID(fid)
        feature.SetField("ID", key)
        feature.SetField("code_cs", "CS2.2.1")
        feature.SetField("code_us", "US1.1")
        if wkt:
            feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(feature)
    ds = None
    out = tmp_path / "classified.gpkg"
    results, feedback = run("ocsge:classify", {"INPUT": path, "METHOD": 3, "OUTPUT": str(out)})
    assert any("copied by SQLite" in info for info in feedback.infos)
    assert any("2 polygons without geometry" in w for w in feedback.infos)
    for key, hectares in HAND_HA.items():
        assert results[key] == pytest.approx(hectares, abs=1e-9), key
    assert results["POLYGON_COUNT"] == len(MESH) + 2
    features = by_id(QgsVectorLayer(str(out), "c", "ogr"))
    assert len(features) == len(MESH) + 2
    assert features["NULLGEOM"].geometry().isNull() and features["NULLGEOM"]["artif"] is False
    assert features["EMPTYGEOM"].geometry().isEmpty()
    assert (features["NULLGEOM"].id(), features["EMPTYGEOM"].id()) == (1000, 5000)
    assert (
        features["M"]["artif"] is True and features["P"]["artif"] is False
    )  # the thresholds, unchanged
    assert sqlite_rows(out, "SELECT count(*) FROM rtree_classified_geom") == [(len(MESH),)]


def test_an_output_in_a_folder_not_made_yet(run, tmp_path):
    """The dialog proposes <project>/ocsge/classify/….gpkg: the run makes the missing folders (QGIS
    alone fails: « Creation of data source failed »)."""
    from qgis.core import QgsProject

    path = occupation_gpkg(tmp_path / "occ.gpkg")
    project = QgsProject.instance()
    project.clear()
    (tmp_path / "projet").mkdir()
    assert project.write(str(tmp_path / "projet" / "plui.qgz"))
    try:
        out = tmp_path / "projet" / "ocsge" / "classify" / "artificialisation.gpkg"
        results, _ = run("ocsge:classify", {"INPUT": path, "OUTPUT": str(out)})
        assert out.is_file()
        assert QgsVectorLayer(results["OUTPUT"]).featureCount() == 13
        # elsewhere a missing folder stays an error (test_output_folder_missing_…)
        elsewhere = tmp_path / "projet" / "sorties" / "classified.gpkg"
        with pytest.raises(QgsProcessingException, match="No such file"):
            run("ocsge:classify", {"INPUT": path, "OUTPUT": str(elsewhere)})
        assert not (tmp_path / "projet" / "sorties").exists()
    finally:
        project.clear()
