"""ocsge:aggregate: stocks, coverage and flows per territory, against answers known independently
(hand geometry; QGIS's native intersection on the real communes of Territoire de Belfort; the
sample generator's own per-commune truth)."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import write_layer
from qgis.core import QgsProcessingException, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant
from support import DATA, report_of

X0, Y0 = 990000.0, 6720000.0  # Lambert-93, in Territoire de Belfort


def rect(x0, y0, x1, y1):
    return (
        f"MULTIPOLYGON((({X0 + x0} {Y0 + y0},{X0 + x1} {Y0 + y0},{X0 + x1} "
        f"{Y0 + y1},{X0 + x0} {Y0 + y1},{X0 + x0} {Y0 + y0})))"
    )


# Data footprint [0,250] × [0,100] m. Territories A = [0,100]², B = [100,200] × [0,100], C far away.
OCC_DEBUT = [
    (rect(0, 0, 50, 100), ["P1", "CS2.2.1", "US1.1"]),  # neither
    (rect(50, 0, 150, 50), ["P2", "CS1.1.1.1", "US5"]),  # artif + imper, across A|B
    (
        rect(50, 50, 150, 100),
        ["P3", "CS2.2.1", "US5"],
    ),  # artif (herbacé × habitat), not imper, across A|B
    (rect(150, 0, 250, 100), ["P4", "CS2.1.1.1", "US1.2"]),  # neither, half outside every territory
]
OCC_FIN = [
    (rect(0, 0, 50, 100), ["P1", "CS1.1.1.1", "US5"]),  # became artif + imper
    (rect(50, 0, 150, 50), ["P2", "CS2.2.1", "US1.1"]),  # desartif + desimper
    (rect(50, 50, 150, 100), ["P3", "CS1.1.1.2", "US5"]),  # became imper (already artif)
    (rect(150, 0, 250, 100), ["P4", "CS2.1.1.1", "US1.2"]),
]
DIFF = [  # IGN's difference layer: the three pieces that changed
    (rect(0, 0, 50, 100), ["CS2.2.1", "US1.1", "CS1.1.1.1", "US5"]),
    (rect(50, 0, 150, 50), ["CS1.1.1.1", "US5", "CS2.2.1", "US1.1"]),
    (rect(50, 50, 150, 100), ["CS2.2.1", "US5", "CS1.1.1.2", "US5"]),
]
# The answers, by hand (m²).
HAND = {
    "A": dict(
        surface=10000,
        surface_couverte=10000,
        surface_artif=7500,
        surface_imper=7500,
        surface_artif_debut=5000,
        surface_imper_debut=2500,
        flux_artif=5000,
        flux_desartif=2500,
        flux_artif_net=2500,
        flux_imper=7500,
        flux_desimper=2500,
        flux_imper_net=5000,
    ),
    "B": dict(
        surface=10000,
        surface_couverte=10000,
        surface_artif=2500,
        surface_imper=2500,
        surface_artif_debut=5000,
        surface_imper_debut=2500,
        flux_artif=0,
        flux_desartif=2500,
        flux_artif_net=-2500,
        flux_imper=2500,
        flux_desimper=2500,
        flux_imper_net=0,
    ),
}


def occupation(folder: Path, dep: str, year: int, rows, dx: float = 0.0) -> Path:
    name = f"OCS-GE_2-0__GPKG_LAMB93_D{dep}_{year}-01-01"
    path = (
        folder
        / name
        / "OCS-GE"
        / "1_DONNEES_LIVRAISON"
        / f"OCS-GE_2-0_GPKG_LAMB93_D{dep}-{year}"
        / "OCCUPATION_SOL.gpkg"
    )
    write_layer(
        path, "OCCUPATION_SOL", ["ID", "code_cs", "code_us"], [(shift(w, dx), v) for w, v in rows]
    )
    return path


def difference(folder: Path, dep: str, y1: int, y2: int, rows, dx: float = 0.0) -> Path:
    name = f"OCS-GE_2-0_DIFF_SHP_LAMB93_D{dep}_{y1}-{y2}"
    path = folder / name / "OCS-GE" / "1_DONNEES" / "DIFFERENCE.shp"
    write_layer(
        path,
        "DIFFERENCE",
        [f"CS_{y1}", f"US_{y1}", f"CS_{y2}", f"US_{y2}"],
        [(shift(w, dx), v) for w, v in rows],
        driver="SHP",
    )
    return path


def shift(wkt: str, dx: float) -> str:
    if not dx:
        return wkt
    from osgeo import ogr

    g = ogr.CreateGeometryFromWkt(wkt)
    for i in range(g.GetGeometryCount()):
        poly = g.GetGeometryRef(i)
        for j in range(poly.GetGeometryCount()):
            ring = poly.GetGeometryRef(j)
            for k in range(ring.GetPointCount()):
                x, y = ring.GetX(k), ring.GetY(k)
                ring.SetPoint_2D(k, x + dx, y)
    return g.ExportToWkt()


def territories(path: Path, rows, epsg: int = 2154) -> Path:
    return write_layer(
        path, "territoires", ["code", "nom", "epci_code"], rows, epsg=epsg, geometry_name="geom"
    )


@pytest.fixture
def hand(run, tmp_path):
    """Two millésimes and a difference layer of D090, loaded by ocsge:load; territories A, B, C."""
    data = tmp_path / "data"
    occupation(data, "090", 2018, OCC_DEBUT)
    occupation(data, "090", 2021, OCC_FIN)
    difference(data, "090", 2018, 2021, DIFF)
    results, _ = run("ocsge:load", {"INPUT": str(data), "CHECK_CODES": False})
    terr = territories(
        tmp_path / "territoires.gpkg",
        [
            (rect(0, 0, 100, 100), ["A", "Alpha", "E1"]),
            (rect(100, 0, 200, 100), ["B", "Beta", "E1"]),
            (rect(1000, 0, 1100, 100), ["C", "Gamma", "E2"]),
        ],
    )
    return results["LAYERS"], terr


def rows_by_code(path) -> dict[str, dict]:
    layer = QgsVectorLayer(path, "out", "ogr") if isinstance(path, str) else path
    out = {}
    for feature in layer.getFeatures():
        out[feature["code"]] = {name: plain(feature[name]) for name in layer.fields().names()}
    return out


def plain(value):
    """A field value with NULL as None."""
    return None if isinstance(value, QVariant) and value.isNull() else value


def aggregate(run, layers, terr, tmp_path, **extra):
    params = {
        "INPUT_LAYERS": layers,
        "TERRITORIES": str(terr),
        "CODE_FIELD": "code",
        "NAME_FIELD": "nom",
        "METHOD": 2,
        "OUTPUT": str(tmp_path / "out.gpkg"),
    }
    params.update(extra)
    results, feedback = run("ocsge:aggregate", params)
    return results, feedback, rows_by_code(results["OUTPUT"])


def test_hand_geometry_stocks_flows_coverage_in_m2(run, hand, tmp_path):
    layers, terr = hand
    results, feedback, rows = aggregate(run, layers, terr, tmp_path, UNIT=1)
    for code, expected in HAND.items():
        row = rows[code]
        assert row["unite"] == "m2"
        assert row["millesime_debut"] == "2018" and row["millesime_fin"] == "2021"
        assert row["index_debut"] == 1 and row["index_fin"] == 2
        for name, value in expected.items():
            assert row[name] == pytest.approx(value, abs=1e-6), (code, name)
        assert row["pourcent_artif"] == pytest.approx(
            100 * expected["surface_artif"] / expected["surface"]
        )
        assert row["pourcent_imper"] == pytest.approx(
            100 * expected["surface_imper"] / expected["surface"]
        )
        assert row["pourcent_couvert"] == pytest.approx(100.0)
    # C is outside the data: reported, no values.
    assert rows["C"]["surface_artif"] is None and rows["C"]["millesime_fin"] is None
    assert rows["C"]["surface"] == pytest.approx(10000)
    report = report_of(results)
    assert report["zero_coverage"] == ["C"]
    assert any("C" in w and "outside" in w for w in feedback.warnings)
    # The output is in the data's CRS, with the territory outlines.
    layer = QgsVectorLayer(results["OUTPUT"], "out", "ogr")
    assert layer.crs().authid() == "EPSG:2154"
    areas = {f["code"]: f.geometry().area() for f in layer.getFeatures()}
    assert areas["A"] == pytest.approx(10000)


def test_hectares_and_territories_in_another_crs(run, hand, tmp_path):
    layers, terr = hand
    # The same territories, stored in WGS84: reprojected to the data's CRS before intersecting.
    wgs = tmp_path / "territoires-4326.gpkg"
    results, _ = run(
        "native:reprojectlayer", {"INPUT": str(terr), "TARGET_CRS": "EPSG:4326", "OUTPUT": str(wgs)}
    )
    _, _, rows = aggregate(run, layers, wgs, tmp_path, UNIT=0)
    for code, expected in HAND.items():
        assert rows[code]["unite"] == "ha"
        for name, value in expected.items():
            assert rows[code][name] == pytest.approx(value / 10000, rel=1e-6, abs=1e-9), (
                code,
                name,
            )


def test_keep_fields_and_table_output(run, hand, tmp_path):
    layers, terr = hand
    results, _, rows = aggregate(
        run,
        layers,
        terr,
        tmp_path,
        KEEP_FIELDS=["epci_code"],
        OUTPUT_TABLE=str(tmp_path / "table.gpkg"),
    )
    assert rows["A"]["epci_code"] == "E1" and rows["C"]["epci_code"] == "E2"
    table = QgsVectorLayer(results["OUTPUT_TABLE"], "t", "ogr")
    assert not table.isSpatial() and table.featureCount() == 3
    names = table.fields().names()
    assert (
        names.index("code")
        < names.index("nom")
        < names.index("epci_code")
        < names.index("surface_artif")
    )


def test_flows_by_overlay_equal_the_difference_layer(run, hand, tmp_path):
    layers, terr = hand
    without_diff = [uri for uri in layers if "difference" not in uri]
    assert len(without_diff) < len(layers)
    _, feedback, rows = aggregate(run, without_diff, terr, tmp_path, UNIT=1)
    assert any("overlay" in info for info in feedback.infos)
    for code, expected in HAND.items():
        for name in (
            "flux_artif",
            "flux_desartif",
            "flux_imper",
            "flux_desimper",
            "flux_artif_net",
            "flux_imper_net",
        ):
            assert rows[code][name] == pytest.approx(expected[name], abs=1e-6), (code, name)


def test_without_coverage_same_stocks(run, hand, tmp_path):
    layers, terr = hand
    _, _, rows = aggregate(run, layers, terr, tmp_path, UNIT=1, COVERAGE=False)
    assert rows["A"]["surface_artif"] == pytest.approx(7500)
    assert rows["B"]["flux_desimper"] == pytest.approx(2500)
    assert rows["A"]["surface_couverte"] is None


def test_departements_with_different_millesimes_combine_by_index(run, tmp_path):
    data = tmp_path / "data"
    occupation(data, "001", 2018, OCC_DEBUT)
    occupation(data, "001", 2021, OCC_FIN)
    difference(data, "001", 2018, 2021, DIFF)
    occupation(data, "002", 2019, OCC_DEBUT, dx=1000)
    occupation(data, "002", 2022, OCC_FIN, dx=1000)
    difference(data, "002", 2019, 2022, DIFF, dx=1000)
    results, _ = run("ocsge:load", {"INPUT": str(data), "CHECK_CODES": False})
    terr = territories(
        tmp_path / "t.gpkg",
        [
            (rect(0, 0, 1200, 100), ["AB", "Both", "E"]),
            (rect(0, 0, 100, 100), ["A", "A only", "E"]),
        ],
    )
    _, _, rows = aggregate(run, results["LAYERS"], terr, tmp_path, UNIT=1)
    both = rows["AB"]
    assert both["millesime_debut"] == "2018, 2019" and both["millesime_fin"] == "2021, 2022"
    # A and B of each département: twice (A + B) of the hand answers.
    for name in (
        "surface_artif",
        "surface_imper",
        "flux_artif",
        "flux_desartif",
        "flux_imper",
        "flux_desimper",
    ):
        assert both[name] == pytest.approx(2 * (HAND["A"][name] + HAND["B"][name])), name
    assert both["surface"] == pytest.approx(120000)
    assert rows["A"]["millesime_fin"] == "2021"


def test_duplicates_invalid_and_missing_fields(run, hand, tmp_path):
    layers, terr = hand
    bowtie = (
        f"MULTIPOLYGON((({X0} {Y0},{X0 + 100} {Y0 + 100},{X0 + 100} {Y0},{X0} "
        f"{Y0 + 100},{X0} {Y0})))"
    )
    terr2 = territories(
        tmp_path / "t2.gpkg",
        [
            (rect(0, 0, 100, 100), ["A", "Alpha", "E1"]),
            (rect(100, 0, 200, 100), ["B", "Beta", "E1"]),
            (rect(100, 100, 200, 150), ["B", "Beta bis", "E1"]),
            (bowtie, ["X", "Noeud", "E1"]),
        ],
    )
    results, feedback, rows = aggregate(run, layers, terr2, tmp_path, UNIT=1)
    report = report_of(results)
    assert report["duplicates"] == {"B": 2}
    assert report["repaired_territories"] == ["X"]
    assert any("B (×2)" in w for w in feedback.warnings)
    assert any("repaired" in w and "X" in w for w in feedback.warnings)
    assert rows["B"]["surface"] == pytest.approx(15000)
    assert rows["B"]["surface_artif"] == pytest.approx(2500)
    # The bow-tie repaired into its two triangles (2 × 2,500 m²), both inside the data.
    assert rows["X"]["surface"] == pytest.approx(5000)
    assert rows["X"]["surface_couverte"] == pytest.approx(5000)
    with pytest.raises(QgsProcessingException, match="no field insee"):
        aggregate(run, layers, terr, tmp_path, CODE_FIELD="insee")


def test_geographic_data_is_refused(run, tmp_path):
    path = write_layer(
        tmp_path / "occupation_090_2018.gpkg",
        "occupation_090_2018",
        ["code_cs", "code_us", "millesime"],
        [("MULTIPOLYGON(((6.8 47.6,6.9 47.6,6.9 47.7,6.8 47.6)))", ["CS1.1.1.1", "US5", "2018"])],
        epsg=4326,
    )
    terr = territories(tmp_path / "t.gpkg", [(rect(0, 0, 100, 100), ["A", "Alpha", "E1"])])
    with pytest.raises(QgsProcessingException, match="EPSG:2154"):
        aggregate(run, [str(path)], terr, tmp_path)


# ------------------------------------------------------------ real communes, independent answers


@pytest.fixture(scope="module")
def belfort(tmp_path_factory):
    """The sample deliveries of D090 (GeoPackage only) and the generator's own per-commune truth."""
    import sample_generator

    out = tmp_path_factory.mktemp("sample90")
    manifest = sample_generator.generate("90", 3000, seed=3, out=out, archive=False, flavour="gpkg")
    return out, manifest


@pytest.fixture
def belfort_layers(run, belfort):
    folder, manifest = belfort
    results, _ = run("ocsge:load", {"INPUT": str(folder), "CHECK_CODES": False, "KINDS": [0, 2]})
    return results, manifest


def _native_per_commune(run, layer_uri: str, communes: str, weight, tmp_path) -> dict[str, float]:
    """Σ area(polygon ∩ commune) × weight(polygon) per commune by QGIS's own native:intersection."""
    out = run(
        "native:intersection",
        {"INPUT": layer_uri, "OVERLAY": communes, "OVERLAY_FIELDS": ["code"], "OUTPUT": "memory:"},
    )[0]["OUTPUT"]
    layer = out if isinstance(out, QgsVectorLayer) else QgsVectorLayer(out, "i", "ogr")
    totals: dict[str, float] = {}
    for feature in layer.getFeatures():
        w = weight(feature)
        if w:
            totals[feature["code"]] = (
                totals.get(feature["code"], 0.0) + w * feature.geometry().area()
            )
    return totals


# Written out independently of the plugin's rules.py, from domain.md §2.
IMPER = {"CS1.1.1.1", "CS1.1.1.2"}
ANTHROPISE = {"CS1.1.1.1", "CS1.1.1.2", "CS1.1.2.2"}
HERBACE = {"CS2.2.1", "CS2.2.2"}
# The leaves, and the parents the sample generator writes (issue 11): a code stands for its leaves,
# a null or any other value (INDETERMINE) for every leaf.
CS_LEAVES = (
    "CS1.1.1.1",
    "CS1.1.1.2",
    "CS1.1.2.1",
    "CS1.1.2.2",
    "CS1.2.1",
    "CS1.2.2",
    "CS1.2.3",
    "CS2.1.1.1",
    "CS2.1.1.2",
    "CS2.1.1.3",
    "CS2.1.2",
    "CS2.1.3",
    "CS2.2.1",
    "CS2.2.2",
)
US_LEAVES = (
    "US1.1",
    "US1.2",
    "US1.3",
    "US1.4",
    "US1.5",
    "US2",
    "US3",
    "US5",
    "US235",
    "US4.1.1",
    "US4.1.2",
    "US4.1.3",
    "US4.1.4",
    "US4.1.5",
    "US4.2",
    "US4.3",
    "US6.1",
    "US6.2",
    "US6.3",
    "US6.6",
)
PARENTS = {
    "CS2.1.1": ("CS2.1.1.1", "CS2.1.1.2", "CS2.1.1.3"),
    "CS2.2": ("CS2.2.1", "CS2.2.2"),
    "US4.1": ("US4.1.1", "US4.1.2", "US4.1.3", "US4.1.4", "US4.1.5"),
    "US6": ("US6.1", "US6.2", "US6.3", "US6.6"),
}


def leaf_artif(cs, us) -> bool:
    if cs in ANTHROPISE:
        return True
    if cs == "CS1.1.2.1":
        return us != "US1.3"
    if cs in HERBACE:
        return us in {"US2", "US3", "US5", "US235", "US6.1", "US6.2"} or us.startswith("US4")
    return False


def _leaves(value, leaves):
    code = value.strip().upper() if isinstance(value, str) else None
    return (code,) if code in leaves else PARENTS.get(code, leaves)


def _agree(answers):
    answers = set(answers)
    return answers.pop() if len(answers) == 1 else None


def artif_by_hand(cs, us):
    """Artificialised (True / False), None when the leaves under the codes disagree."""
    return _agree(leaf_artif(c, u) for c in _leaves(cs, CS_LEAVES) for u in _leaves(us, US_LEAVES))


def imper_by_hand(cs):
    return _agree(c in IMPER for c in _leaves(cs, CS_LEAVES))


def test_belfort_communes_against_native_intersection_and_generator_truth(
    run, belfort_layers, tmp_path
):
    results, manifest = belfort_layers
    communes = str(DATA / "communes-90-territoire-de-belfort.geojson")
    communes_l93 = str(tmp_path / "communes-l93.gpkg")
    run(
        "native:reprojectlayer",
        {"INPUT": communes, "TARGET_CRS": "EPSG:2154", "OUTPUT": communes_l93},
    )
    out = aggregate(run, results["LAYERS"], communes, tmp_path, UNIT=1, KEEP_FIELDS=[])[2]
    assert len(out) == 102
    fin = results["OCCUPATION"]  # the newest millésime
    debut = results["OCCUPATION_PRECEDENT"]
    native_artif = _native_per_commune(
        run,
        fin,
        communes_l93,
        lambda f: artif_by_hand(f["code_cs"], f["code_us"]) is True,
        tmp_path,
    )
    native_imper = _native_per_commune(
        run, fin, communes_l93, lambda f: imper_by_hand(f["code_cs"]) is True, tmp_path
    )
    native_cover = _native_per_commune(run, debut, communes_l93, lambda f: 1, tmp_path)
    native_undetermined = _native_per_commune(
        run,
        fin,
        communes_l93,
        lambda f: artif_by_hand(f["code_cs"], f["code_us"]) is None,
        tmp_path,
    )

    def change(f, kind):
        a, b = artif_by_hand(f["cs_debut"], f["us_debut"]), artif_by_hand(f["cs_fin"], f["us_fin"])
        i, j = imper_by_hand(f["cs_debut"]), imper_by_hand(f["cs_fin"])
        if None in (a, b, i, j):  # undetermined at a date: kept out of the flows
            return 0
        if kind == "imper":
            a, b = i, j
        return (not a and b) - (a and not b)

    diff = results["DIFFERENCE"]
    native_flux = {
        "artif": _native_per_commune(
            run, diff, communes_l93, lambda f: change(f, "artif") == 1, tmp_path
        ),
        "desartif": _native_per_commune(
            run, diff, communes_l93, lambda f: change(f, "artif") == -1, tmp_path
        ),
        "imper": _native_per_commune(
            run, diff, communes_l93, lambda f: change(f, "imper") == 1, tmp_path
        ),
        "desimper": _native_per_commune(
            run, diff, communes_l93, lambda f: change(f, "imper") == -1, tmp_path
        ),
    }
    truth = manifest["truth"]["communes"]
    y1, y2 = (str(y) for y in manifest["millesimes"])
    for code, row in out.items():
        assert row["surface_artif"] == pytest.approx(
            native_artif.get(code, 0.0), rel=1e-6, abs=1e-3
        ), code
        assert row["surface_imper"] == pytest.approx(
            native_imper.get(code, 0.0), rel=1e-6, abs=1e-3
        ), code
        assert row["surface_couverte_debut"] == pytest.approx(
            native_cover.get(code, 0.0), rel=1e-6, abs=1e-3
        ), code
        t = truth[code]
        assert row["surface"] == pytest.approx(t["surface_m2"], rel=1e-9)
        assert row["surface_artif"] == pytest.approx(
            t[y2]["artif_matrix_m2"], rel=1e-6, abs=1e-3
        ), code
        assert row["surface_indeterminee"] == pytest.approx(
            native_undetermined.get(code, 0.0), rel=1e-6, abs=1e-3
        ), code
        assert row["surface_indeterminee"] == pytest.approx(
            t[y2]["indetermine_m2"], rel=1e-6, abs=1e-3
        ), code
        assert row["surface_imper_debut"] == pytest.approx(t[y1]["imper_m2"], rel=1e-6, abs=1e-3), (
            code
        )
        assert row["surface_couverte"] == pytest.approx(t[y2]["ocsge_m2"], rel=1e-6, abs=1e-3), code
        for name in ("artif", "desartif", "imper", "desimper"):
            assert row[f"flux_{name}"] == pytest.approx(
                native_flux[name].get(code, 0.0), rel=1e-6, abs=1e-3
            ), (code, name)
            # the generator sums its own pieces (not the written layer): agreement to a few cm²
            assert row[f"flux_{name}"] == pytest.approx(
                t["flux"][f"{name}_m2"], rel=1e-6, abs=0.05
            ), (code, name)
    # Conservation: the communes add up to their union (the département as the communes draw it).
    dep_layer = str(tmp_path / "departement.gpkg")
    run("native:dissolve", {"INPUT": communes, "OUTPUT": dep_layer})
    dep_rows = aggregate(
        run, results["LAYERS"], dep_layer, tmp_path, UNIT=1, OUTPUT=str(tmp_path / "dep.gpkg")
    )[2]
    (dep_row,) = dep_rows.values()
    for name in (
        "surface",
        "surface_couverte",
        "surface_artif",
        "surface_imper",
        "surface_artif_debut",
        "flux_artif",
        "flux_desartif",
        "flux_artif_net",
        "flux_imper",
        "flux_desimper",
        "flux_imper_net",
    ):
        assert sum(r[name] for r in out.values()) == pytest.approx(dep_row[name], rel=1e-9), name
    # … and within the département's totals of the generator (its outline overlaps the communes' a
    # little).
    dep = manifest["truth"]
    assert sum(r["surface_artif"] for r in out.values()) == pytest.approx(
        dep[y2]["artif_matrix_m2"], rel=1e-3
    )
    assert sum(r["surface_couverte"] for r in out.values()) <= dep[y2]["area_m2"]


def test_belfort_ign_layers(run, belfort, tmp_path):
    """IGN's artificialisation layers (method IGN) and its artificialisation difference
    (authoritative flows)."""
    folder, manifest = belfort
    results, _ = run("ocsge:load", {"INPUT": str(folder), "CHECK_CODES": False, "KINDS": [3, 4]})
    communes = str(DATA / "communes-90-territoire-de-belfort.geojson")
    _, feedback, out = aggregate(run, results["LAYERS"], communes, tmp_path, UNIT=1, METHOD=1)
    dep = manifest["truth"]
    y1, y2 = (str(y) for y in manifest["millesimes"])
    assert sum(r["surface_artif"] for r in out.values()) == pytest.approx(
        dep[y2]["artif_m2"], rel=1e-9
    )
    assert sum(r["surface_artif_debut"] for r in out.values()) == pytest.approx(
        dep[y1]["artif_m2"], rel=1e-9
    )
    flows = dep["flows"][f"{y1}-{y2}"]
    assert sum(r["flux_artif"] for r in out.values()) == pytest.approx(
        flows["flux_artif_m2"], rel=1e-9
    )
    assert sum(r["flux_desartif"] for r in out.values()) == pytest.approx(
        flows["flux_desartif_m2"], rel=1e-9
    )


def test_classified_and_flows_layers_as_inputs(run, hand, tmp_path):
    """Layers from ocsge:classify and ocsge:flows are used as they are (their artif / imper /
    flux fields)."""
    layers, terr = hand
    occ = sorted(uri for uri in layers if "occupation" in uri)
    diff = next(uri for uri in layers if "difference" in uri)
    classified = []
    for uri in occ:
        codes = {f["code_cs"] for f in QgsVectorLayer(uri, "o", "ogr").getFeatures()}
        year = 2021 if "CS1.1.1.2" in codes else 2018
        out = str(tmp_path / f"classified_D090-{year}.gpkg")
        run("ocsge:classify", {"INPUT": uri, "METHOD": 2, "OUTPUT": out})
        classified.append(out)
    flows_out = str(tmp_path / "flux.gpkg")
    run(
        "ocsge:flows",
        {
            "DIFFERENCE": diff,
            "OUTPUT": flows_out,
            "SUMMARY": "memory:",
            "TRANSITIONS_CS": "memory:",
            "TRANSITIONS_US": "memory:",
            "ORIGIN": "memory:",
        },
    )
    results, feedback, rows = aggregate(
        run, classified + [flows_out], terr, tmp_path, UNIT=1, OUTPUT=str(tmp_path / "o2.gpkg")
    )
    assert any("classified" in info for info in feedback.infos)
    for code, expected in HAND.items():
        for name, value in expected.items():
            assert rows[code][name] == pytest.approx(value, abs=1e-6), (code, name)


def test_territory_tables_are_styled_on_percentages():
    from ocsge.ocsge_plugin.publishing import styles

    renderer = styles.territory_renderer("pourcent_imper")
    assert renderer.classAttribute() == "pourcent_imper"
    bounds = [(r.lowerValue(), r.upperValue()) for r in renderer.ranges()]
    assert bounds[0][0] == 0 and bounds[-1][1] == 100
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))


def test_a_single_millesime_gives_stocks_without_flows(run, tmp_path):
    data = tmp_path / "data"
    occupation(data, "090", 2018, OCC_DEBUT)
    results, _ = run("ocsge:load", {"INPUT": str(data), "CHECK_CODES": False})
    terr = territories(tmp_path / "t.gpkg", [(rect(0, 0, 100, 100), ["A", "Alpha", "E1"])])
    _, _, rows = aggregate(run, results["LAYERS"], terr, tmp_path, UNIT=1)
    row = rows["A"]
    assert row["millesime_debut"] is None and row["millesime_fin"] == "2018"
    assert row["index_debut"] is None and row["index_fin"] == 1
    assert row["surface_artif"] == pytest.approx(HAND["A"]["surface_artif_debut"])
    assert row["flux_artif"] is None and row["flux_imper_net"] is None


def test_thresholds_method_and_one_progress_bar(run, hand, tmp_path):
    """matrice + seuils through the classification core (the hand case has no patch under 2,500
    m² enclosed: same answer as the matrix), flows then by overlay; the progress bar never goes
    back."""
    from support import Recorder

    layers, terr = hand
    feedback = Recorder()
    values = []
    feedback.progressChanged.connect(values.append)
    results, _ = run(
        "ocsge:aggregate",
        {
            "INPUT_LAYERS": layers,
            "TERRITORIES": str(terr),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "METHOD": 3,
            "UNIT": 1,
            "OUTPUT": str(tmp_path / "seuils.gpkg"),
        },
        feedback,
    )
    rows = rows_by_code(results["OUTPUT"])
    # an ordinary decision: said as information
    assert any("left out" in w and "overlay" in w for w in feedback.infos)
    assert not any("left out" in w for w in feedback.warnings)
    for code, expected in HAND.items():
        for name, value in expected.items():
            assert rows[code][name] == pytest.approx(value, abs=1e-6), (code, name)
    backwards = [(a, b) for a, b in zip(values, values[1:]) if b < a - 1e-9]
    assert values and not backwards and values[-1] >= 99.0, backwards


def test_unknown_is_null_never_zero(run, hand, tmp_path):
    """Only the two millésimes, no overlay: the flows are unknown (NULL, inconnu 'flux'); only
    the difference layer: the stocks are unknown (NULL, inconnu 'stock'); the rest is computed as
    usual."""
    layers, terr = hand
    occupations = [uri for uri in layers if "occupation" in uri]
    difference = [uri for uri in layers if "difference" in uri]
    assert len(occupations) == 2 and len(difference) == 1
    _, _, rows = aggregate(
        run,
        occupations,
        terr,
        tmp_path,
        UNIT=1,
        OVERLAY=False,
        OUTPUT=str(tmp_path / "stocks.gpkg"),
    )
    for code in ("A", "B"):
        row = rows[code]
        assert (
            row["surface_artif"] == pytest.approx(HAND[code]["surface_artif"])
            and row["inconnu"] == "flux"
        )
        assert all(
            row[name] is None
            for name in (
                "flux_artif",
                "flux_desartif",
                "flux_artif_net",
                "flux_imper",
                "flux_desimper",
                "flux_imper_net",
            )
        )
    _, _, rows = aggregate(
        run, difference, terr, tmp_path, UNIT=1, OUTPUT=str(tmp_path / "flows.gpkg")
    )
    for code in ("A", "B"):
        row = rows[code]
        assert (
            row["flux_artif"] == pytest.approx(HAND[code]["flux_artif"])
            and row["inconnu"] == "stock"
        )
        assert all(
            row[name] is None
            for name in (
                "surface_artif",
                "pourcent_artif",
                "surface_imper",
                "pourcent_imper",
                "surface_couverte",
            )
        )
