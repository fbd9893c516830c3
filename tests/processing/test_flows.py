"""ocsge:flows through processing.run (and once through qgis_process), on hand-built millésimes
whose flows are known by hand (see tests/unit/test_flows_core.py for the table of cells), and on
the sample generator's realistic deliveries."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from builders import pack_7z, write_layer
from qgis.core import QgsProcessingException, QgsVectorLayer
from support import report_of

_spec = importlib.util.spec_from_file_location(
    "flows_hand", Path(__file__).resolve().parents[1] / "unit" / "test_flows_core.py"
)
hand = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("flows_hand", hand)
_spec.loader.exec_module(hand)

SIX = (
    "flux_artif",
    "flux_desartif",
    "flux_artif_net",
    "flux_imper",
    "flux_desimper",
    "flux_imper_net",
)


def table(uri) -> list[dict]:
    layer = uri if isinstance(uri, QgsVectorLayer) else QgsVectorLayer(uri, "t", "ogr")
    assert layer.isValid(), uri
    names = layer.fields().names()
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


def outputs(tmp_path, name="out") -> dict:
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    return {
        "OUTPUT": str(folder / "flux.gpkg"),
        "ONLY_ONE": str(folder / "only.gpkg"),
        "SUMMARY": str(folder / "summary.csv"),
        "TRANSITIONS_CS": str(folder / "transitions_cs.csv"),
        "TRANSITIONS_US": str(folder / "transitions_us.csv"),
        "ORIGIN": str(folder / "origin.csv"),
    }


def number(value) -> float:
    return float(value) if value not in (None, "") else 0.0


def test_overlay_of_two_millesimes(run, tmp_path):
    debut, fin = hand.write_pair(tmp_path)
    params = {"OCCUPATION_DEBUT": debut, "OCCUPATION_FIN": fin, "METHOD": 2, **outputs(tmp_path)}
    results, feedback = run("ocsge:flows", params)
    assert {k: results[k] for k in SIX} == pytest.approx(hand.HAND_FLOWS)
    assert results["SOURCE"] == "overlay" and results["MILLESIMES"] == "2018-2021"
    assert any("overlay" in info for info in feedback.infos)  # says which data it used
    # The changes layer: one row per piece, codes, statuses and flows at both dates.
    rows = table(results["OUTPUT"])
    assert len(rows) == hand.HAND_PIECES
    assert sum(r["surface_ha"] for r in rows if r["flux_artif"] == 1) == pytest.approx(3.0)
    cell1 = next(
        r
        for r in rows
        if r["cs_debut"] == "CS2.2.1"
        and r["us_fin"] == "US2"
        and r["surface_ha"] == pytest.approx(1.0)
    )
    assert (cell1["imper_debut"], cell1["imper_fin"], cell1["artif_debut"], cell1["artif_fin"]) == (
        0,
        1,
        0,
        1,
    )
    assert cell1["flux"] == "artificialisation, impermeabilisation"
    assert (cell1["millesime_debut"], cell1["millesime_fin"]) == (2018, 2021)
    class_only = [r for r in rows if r["flux"] in (None, "")]
    assert (
        len(class_only) == 1
        and class_only[0]["us_fin"] == "US6.3"
        and class_only[0]["flux_artif"] == 0
    )
    layer = QgsVectorLayer(results["OUTPUT"], "f", "ogr")
    assert layer.crs().authid() == "EPSG:2154"
    assert sum(f.geometry().area() for f in layer.getFeatures()) / 1e4 == pytest.approx(
        1 + 1 + 1 + 1 + 0.5 + 0.5 + 1
    )
    # Summary table, transitions, origin.
    summary = table(results["SUMMARY"])
    assert len(summary) == 1
    assert {k: number(summary[0][k]) for k in SIX} == pytest.approx(hand.HAND_FLOWS)
    transitions = {
        (r["debut"], r["fin"]): number(r["surface_ha"]) for r in table(results["TRANSITIONS_CS"])
    }
    assert transitions == pytest.approx(hand.HAND_TRANSITIONS_CS)
    transitions = {
        (r["debut"], r["fin"]): number(r["surface_ha"]) for r in table(results["TRANSITIONS_US"])
    }
    assert transitions == pytest.approx(hand.HAND_TRANSITIONS_US)
    origin = {
        (r["nomenclature"], r["code"]): (number(r["surface_ha"]), number(r["pourcent"]))
        for r in table(results["ORIGIN"])
    }
    assert origin.keys() == hand.HAND_ORIGIN.keys()
    for key, expected in hand.HAND_ORIGIN.items():
        assert origin[key] == pytest.approx(expected)
    # Areas present in one millésime only: surface and layer.
    assert results["ONLY_DEBUT_SURFACE"] == pytest.approx(1.0) and results[
        "ONLY_FIN_SURFACE"
    ] == pytest.approx(1.0)
    only = table(results["ONLY_ONE"])
    assert sorted((r["present"], r["millesime"], r["code_cs"]) for r in only) == [
        ("debut", 2018, "CS2.2.1"),
        ("fin", 2021, "CS1.1.1.1"),
    ]
    assert [r["surface_ha"] for r in only] == pytest.approx([1.0, 1.0])
    assert any("one millésime only" in w for w in feedback.warnings)


def test_difference_layer_gives_the_same_flows_as_the_overlay(run, tmp_path):
    debut, fin = hand.write_pair(tmp_path)
    overlay, _ = run(
        "ocsge:flows",
        {"OCCUPATION_DEBUT": debut, "OCCUPATION_FIN": fin, "METHOD": 2, **outputs(tmp_path, "a")},
    )
    diff = hand.write_difference(
        tmp_path
    )  # IGN's raw SHP: CS_2018 … fields, years in the folder name
    results, feedback = run("ocsge:flows", {"DIFFERENCE": diff, **outputs(tmp_path, "b")})
    assert results["SOURCE"] == "difference" and results["MILLESIMES"] == "2018-2021"
    assert {k: results[k] for k in SIX} == pytest.approx({k: overlay[k] for k in SIX})
    for name in ("TRANSITIONS_CS", "TRANSITIONS_US", "ORIGIN"):
        assert sorted(map(str, table(results[name]))) == sorted(map(str, table(overlay[name])))
    # The row with null codes: counted, its area reported, kept out of the flows.
    assert results["UNDETERMINED_COUNT"] == 1
    assert results["UNDETERMINED_SURFACE"] == pytest.approx(hand.DIFF_NULL_HA)
    assert any("cannot be told" in w for w in feedback.infos)  # counted apart: no warning
    assert not any("cannot be told" in w for w in feedback.warnings)
    report = report_of(results)
    assert report["convention"] == "indetermine"
    (entry,) = report["indetermine"]
    assert (entry["millesime"], entry["nombre"], entry["surface_ha"]) == (
        "2018-2021",
        1,
        pytest.approx(hand.DIFF_NULL_HA),
    )
    assert len(table(results["OUTPUT"])) == hand.HAND_PIECES
    assert table(results["ONLY_ONE"]) == []


def test_loaded_layers_and_vrt_names(run, tmp_path):
    """The layers as ocsge:load outputs them (VRT): years and département read behind the VRT."""
    debut, fin = hand.write_pair(tmp_path)
    loaded = [
        run("ocsge:load", {"INPUT": str(Path(uri.split("|")[0]).parents[3])})[0]["OCCUPATION"]
        for uri in (debut, fin)
    ]
    assert all(uri.endswith(".vrt") for uri in loaded)
    results, _ = run(
        "ocsge:flows",
        {
            "OCCUPATION_DEBUT": loaded[0],
            "OCCUPATION_FIN": loaded[1],
            "METHOD": 2,
            **outputs(tmp_path),
        },
    )
    assert results["MILLESIMES"] == "2018-2021"
    assert {k: results[k] for k in SIX} == pytest.approx(hand.HAND_FLOWS)
    diff_folder = Path(hand.write_difference(tmp_path)).parents[2]
    loaded_diff = run("ocsge:load", {"INPUT": str(pack_7z(diff_folder))})[0]["DIFFERENCE"]
    results, _ = run("ocsge:flows", {"DIFFERENCE": loaded_diff, **outputs(tmp_path, "d")})
    assert results["MILLESIMES"] == "2018-2021"
    assert {k: results[k] for k in SIX} == pytest.approx(hand.HAND_FLOWS)


def test_artif_diff_layer_field_is_the_answer(run, tmp_path):
    """IGN's zan_evol layer: cell 2 (forest → grass in transition) is artificialised by the
    matrix, but IGN's layer says 0 (its seuils): not counted. The artificialisation field wins
    over the codes."""
    rows = []
    for wkt, (cs_d, us_d, cs_f, us_f) in hand.DIFF_ROWS[:-1]:
        flux = {("CS2.2.1", "CS1.1.1.1"): 1, ("CS1.1.1.2", "CS2.2.1"): -1}.get((cs_d, cs_f), 0)
        artif_d = "artif" if cs_d in ("CS1.1.1.2", "CS1.1.2.1") else "non artif"
        artif_f = "artif" if cs_f.startswith("CS1.1") else "non artif"
        rows.append((wkt, [cs_d, us_d, artif_d, cs_f, us_f, artif_f, str(flux)]))
    gpkg = (
        tmp_path
        / "OCS-GE-ARTIFICIALISATION_2-0_DIFF-2018-2021_GPKG_LAMB93_D032_2025-09-16"
        / "ARTIF_DIFF.gpkg"
    )
    fields = [
        "CS_2018",
        "US_2018",
        "ARTIF_2018",
        "CS_2021",
        "US_2021",
        "ARTIF_2021",
        "ARTIFICIALISATION",
    ]
    write_layer(gpkg, "zan_evol_2018_2021_032", fields, rows)
    results, feedback = run(
        "ocsge:flows",
        {"DIFFERENCE": f"{gpkg}|layername=zan_evol_2018_2021_032", **outputs(tmp_path)},
    )
    assert results["SOURCE"] == "artif_diff" and results["MILLESIMES"] == "2018-2021"
    assert results["flux_artif"] == pytest.approx(1 + 0.5 + 0.5)  # cells 1, 6, 8; not cell 2
    assert results["flux_desartif"] == pytest.approx(1.0)
    assert results["flux_imper"] == pytest.approx(
        hand.HAND_FLOWS["flux_imper"]
    )  # from the couverture
    assert any("artificialisation difference" in info for info in feedback.infos)
    # With the matrix chosen explicitly, the same layer's codes are used (cell 2 counts again).
    results, _ = run(
        "ocsge:flows",
        {
            "DIFFERENCE": f"{gpkg}|layername=zan_evol_2018_2021_032",
            "METHOD": 2,
            **outputs(tmp_path, "m"),
        },
    )
    assert results["flux_artif"] == pytest.approx(hand.HAND_FLOWS["flux_artif"])


def test_ign_method_on_two_artificialisation_layers(run, tmp_path):
    """Two IGN artificialisation layers: their artif field decides (cell 2's grass is 'non artif'
    for IGN, cell 9's grass without usage is 'artif' for IGN): the flows follow IGN, not the
    matrix."""
    from ocsge.ocsge_plugin.domain import rules

    def ign(rows, year, override):
        out = []
        for wkt, (ident, cs, us, _) in rows:
            artif = "artif" if rules.is_artif_matrix(cs, us) else "non artif"
            out.append((wkt, [ident, cs, us, override.get(ident, artif), "false", str(year)]))
        return out

    fields = ["id", "code_cs", "code_us", "artif", "crit_seuil", "millesime"]
    uris = []
    for year, rows, override in (
        (2018, hand.DEBUT, {}),
        (2021, hand.FIN, {"F2": "non artif", "F9": "artif"}),
    ):
        gpkg = (
            tmp_path / f"OCS-GE_2-0_ARTIFICIALISATION_GPKG_LAMB93_D032_{year}-01-01" / "ARTIF.gpkg"
        )
        write_layer(gpkg, f"artif_{year}_032", fields, ign(rows, year, override))
        uris.append(f"{gpkg}|layername=artif_{year}_032")
    results, feedback = run(
        "ocsge:flows", {"OCCUPATION_DEBUT": uris[0], "OCCUPATION_FIN": uris[1], **outputs(tmp_path)}
    )
    assert report_of(results)["method"] == "ign"  # automatic: both layers carry IGN's field
    assert results["flux_artif"] == pytest.approx(
        hand.HAND_FLOWS["flux_artif"] - 1.0 + 1.0
    )  # −cell 2, +cell 9
    assert results["flux_imper"] == pytest.approx(hand.HAND_FLOWS["flux_imper"])


def test_years_missing_are_asked_for(run, tmp_path):
    fields = ("cs_avant", "us_avant", "cs_apres", "us_apres")
    diff = hand.write_difference(tmp_path, name="changes", fields=fields)
    with pytest.raises(QgsProcessingException, match="MILLESIME_DEBUT and MILLESIME_FIN"):
        run("ocsge:flows", {"DIFFERENCE": diff, **outputs(tmp_path)})
    assert not Path(outputs(tmp_path)["OUTPUT"]).exists()  # no partial output
    results, _ = run(
        "ocsge:flows",
        {"DIFFERENCE": diff, "MILLESIME_DEBUT": 2017, "MILLESIME_FIN": 2020, **outputs(tmp_path)},
    )
    assert results["MILLESIMES"] == "2017-2020"
    assert {k: results[k] for k in SIX} == pytest.approx(hand.HAND_FLOWS)
    assert {r["millesime_fin"] for r in table(results["OUTPUT"])} == {2020}


def test_debut_not_before_fin_is_refused(run, tmp_path):
    debut, fin = hand.write_pair(tmp_path)
    with pytest.raises(
        QgsProcessingException,
        match=r"début millésime \(2021\) is not before the fin millésime \(2018\)",
    ):
        run("ocsge:flows", {"OCCUPATION_DEBUT": fin, "OCCUPATION_FIN": debut, **outputs(tmp_path)})
    assert not Path(outputs(tmp_path)["OUTPUT"]).exists()


def test_departements_differ_is_refused_naming_both(run, tmp_path):
    debut = hand.write_pair(tmp_path / "a", dep="D032")[0]
    fin = hand.write_pair(tmp_path / "b", dep="D090")[1]
    with pytest.raises(QgsProcessingException, match=r"départements: 32 \(début\) and 90 \(fin\)"):
        run("ocsge:flows", {"OCCUPATION_DEBUT": debut, "OCCUPATION_FIN": fin, **outputs(tmp_path)})


def test_crs_differ_the_smaller_is_reprojected(run, tmp_path):
    """The fin layer written in CC44 (EPSG:3944, the same squares reprojected by GDAL), with one
    feature fewer than début: the smaller layer (fin) is reprojected to début's CRS, and the log
    says so."""
    from osgeo import ogr, osr

    to_cc44 = osr.CoordinateTransformation(*(_srs(osr, epsg) for epsg in (2154, 3944)))
    fin_rows = []
    for wkt, values in hand.FIN[:-1]:  # one feature fewer: the fin layer is the smaller one
        geometry = ogr.CreateGeometryFromWkt(wkt)
        geometry.Transform(to_cc44)
        fin_rows.append((geometry.ExportToWkt(), values))
    debut, fin = hand.write_pair(tmp_path, fin=fin_rows, epsg_fin=3944)
    results, feedback = run(
        "ocsge:flows",
        {"OCCUPATION_DEBUT": debut, "OCCUPATION_FIN": fin, "METHOD": 2, **outputs(tmp_path)},
    )
    assert any("reprojected to EPSG:2154" in w for w in feedback.warnings)
    report = report_of(results)
    assert report["reprojected"] == "fin" and report["crs"] == "EPSG:2154"
    assert QgsVectorLayer(results["OUTPUT"], "f", "ogr").crs().authid() == "EPSG:2154"
    # Reprojection bends nothing measurable at this scale: the hand answer within 1e-4 ha.
    assert {k: results[k] for k in SIX} == pytest.approx(hand.HAND_FLOWS, abs=1e-4)


def _srs(osr, epsg):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def test_geographic_crs_is_refused(run, tmp_path):
    wkt = "MULTIPOLYGON(((0.1 43.6,0.2 43.6,0.2 43.7,0.1 43.6)))"
    debut, fin = hand.write_pair(
        tmp_path,
        debut=[(wkt, ["a", "CS2.2.1", "US1.1", "2018"])],
        fin=[(wkt, ["b", "CS1.1.1.1", "US2", "2021"])],
        epsg_debut=4326,
        epsg_fin=4326,
    )
    with pytest.raises(QgsProcessingException, match="geographic coordinates.*EPSG:2154"):
        run("ocsge:flows", {"OCCUPATION_DEBUT": debut, "OCCUPATION_FIN": fin, **outputs(tmp_path)})


def test_what_cannot_be_done_is_explained(run, tmp_path):
    diff = hand.write_difference(tmp_path)
    with pytest.raises(QgsProcessingException, match="seuils .* need the two whole millésimes"):
        run("ocsge:flows", {"DIFFERENCE": diff, "METHOD": 3, **outputs(tmp_path)})
    with pytest.raises(QgsProcessingException, match="No data to compare"):
        run("ocsge:flows", {**outputs(tmp_path)})
    debut, fin = hand.write_pair(tmp_path)
    with pytest.raises(QgsProcessingException, match="no début/fin code fields"):
        run("ocsge:flows", {"DIFFERENCE": debut, **outputs(tmp_path)})
    # With both millésimes as well, the seuils are honoured by overlaying them (and the log says
    # so).
    results, feedback = run(
        "ocsge:flows",
        {
            "DIFFERENCE": diff,
            "OCCUPATION_DEBUT": debut,
            "OCCUPATION_FIN": fin,
            "METHOD": 3,
            **outputs(tmp_path),
        },
    )
    assert results["SOURCE"] == "overlay" and any("overlaid" in w for w in feedback.warnings)


def test_every_parameter_has_help(provider):
    alg = provider.algorithm("flows").create()
    assert all(p.help() for p in alg.parameterDefinitions())
    assert "hectares" in alg.shortHelpString()


# ------------------------------------------------------------------------------------ sample data


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample generator's D090 deliveries (unpacked, to save time) and its manifest, whose truth
    is computed by the generator from its own geometry."""
    generator = pytest.importorskip("sample_generator")
    out = tmp_path_factory.mktemp("sample") / "90"
    manifest = generator.generate("90", 3000, seed=1, out=out, archive=False)
    return out, manifest


def _sample_layers(run, folder):
    report = report_of(run("ocsge:load", {"INPUT": str(folder)})[0])
    return report["layers"]


def test_sample_deliveries_flows_equal_the_stock_difference(run, sample, tmp_path):
    """Realistic mesh: the overlay of the two millésimes, every DIFF variant and the zan_evol
    layer give the generator's true flows, and on the overlay the net flows equal the stock
    difference (1e-6 rel.)."""
    folder, manifest = sample
    y1, y2 = manifest["millesimes"]
    truth = manifest["truth"]["flows"][f"{y1}-{y2}"]
    stocks = {year: manifest["truth"][str(year)] for year in (y1, y2)}
    layers = _sample_layers(run, folder)
    occupation = {
        item["millesimes"][0]: item["uri"]
        for item in layers
        if item["kind"] == "occupation" and item["source"].endswith(".gpkg")
    }
    overlay, _ = run(
        "ocsge:flows",
        {
            "OCCUPATION_DEBUT": occupation[y1],
            "OCCUPATION_FIN": occupation[y2],
            "METHOD": 2,
            **outputs(tmp_path, "o"),
        },
    )
    assert overlay["MILLESIMES"] == f"{y1}-{y2}"
    assert overlay["ONLY_DEBUT_SURFACE"] == pytest.approx(0.0, abs=1e-6)
    assert overlay["ONLY_FIN_SURFACE"] == pytest.approx(0.0, abs=1e-6)
    artif_delta = (stocks[y2]["artif_matrix_m2"] - stocks[y1]["artif_matrix_m2"]) / 1e4
    imper_delta = (stocks[y2]["imper_m2"] - stocks[y1]["imper_m2"]) / 1e4
    assert overlay["flux_artif_net"] == pytest.approx(artif_delta, rel=1e-6)
    assert overlay["flux_imper_net"] == pytest.approx(imper_delta, rel=1e-6)
    expected = {
        "flux_artif": truth["flux_artif_matrix_m2"] / 1e4,
        "flux_desartif": truth["flux_desartif_matrix_m2"] / 1e4,
        "flux_imper": truth["flux_imper_m2"] / 1e4,
        "flux_desimper": truth["flux_desimper_m2"] / 1e4,
    }
    assert {k: overlay[k] for k in expected} == pytest.approx(expected, rel=1e-6)
    report = report_of(overlay)
    # Every polygon the generator left untouched is paired by its geometry, without any
    # intersection.
    assert report["matched"] >= truth["unchanged_polygons"]
    assert report["overlaid_debut"] + report["matched"] == stocks[y1]["features"]
    # Every DIFF variant (GPKG, SHP CS_<year>, SHP cs_avant/cs_apres), each delivery loaded alone
    # (loaded together, the GeoPackage of the period is kept and its twins left out): the same
    # flows, null rows kept out.
    assert [item["kind"] for item in layers].count("difference") == 1
    diffs = [
        layer
        for item in manifest["items"]
        if item["kind"] in ("diff", "diff_avant_apres")
        for layer in _sample_layers(run, folder / item["path"])
        if layer["kind"] == "difference"
    ]
    assert len(diffs) == 3 and len({item["source"] for item in diffs}) == 3
    for index, layer in enumerate(diffs):
        diff, _ = run("ocsge:flows", {"DIFFERENCE": layer["uri"], **outputs(tmp_path, f"d{index}")})
        assert diff["MILLESIMES"] == f"{y1}-{y2}", layer["source"]
        assert {k: diff[k] for k in expected} == pytest.approx(expected, rel=1e-6), layer["source"]
        assert diff["UNDETERMINED_COUNT"] == truth["diff_null_rows"]
        assert diff["UNDETERMINED_SURFACE"] == pytest.approx(
            truth["diff_null_area_m2"] / 1e4, rel=1e-6
        )
    # IGN's artificialisation difference layer: its field is the answer.
    zan = next(item for item in layers if item["kind"] == "artif_diff")
    result, _ = run("ocsge:flows", {"DIFFERENCE": zan["uri"], **outputs(tmp_path, "z")})
    assert result["SOURCE"] == "artif_diff"
    assert result["flux_artif"] == pytest.approx(truth["flux_artif_m2"] / 1e4, rel=1e-6)
    assert result["flux_desartif"] == pytest.approx(truth["flux_desartif_m2"] / 1e4, rel=1e-6)
    # IGN's two artificialisation layers overlaid (method IGN, automatic): stock difference = net
    # flow.
    artif = {item["millesimes"][0]: item["uri"] for item in layers if item["kind"] == "artif"}
    result, _ = run(
        "ocsge:flows",
        {"OCCUPATION_DEBUT": artif[y1], "OCCUPATION_FIN": artif[y2], **outputs(tmp_path, "i")},
    )
    assert report_of(result)["method"] == "ign"
    assert result["flux_artif_net"] == pytest.approx(
        (stocks[y2]["artif_m2"] - stocks[y1]["artif_m2"]) / 1e4, rel=1e-6
    )


# ------------------------------------------------------------------------------------ qgis_process


@pytest.mark.slow
def test_qgis_process_run(tmp_path):
    from support import qgis_process_json

    debut, fin = hand.write_pair(tmp_path)
    out = outputs(tmp_path)
    args = [f"{key}={value}" for key, value in out.items()]
    result = qgis_process_json(
        "run",
        "ocsge:flows",
        "--",
        f"OCCUPATION_DEBUT={debut}",
        f"OCCUPATION_FIN={fin}",
        "METHOD=2",
        *args,
    )
    assert {k: result["results"][k] for k in SIX} == pytest.approx(hand.HAND_FLOWS)
    assert len(table(out["OUTPUT"])) == hand.HAND_PIECES


def test_outputs_open_styled_by_flow_kind(provider, tmp_path):
    """Loaded in a project (as the GUI does), the changes layer is styled by flow kind."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    debut, fin = hand.write_pair(tmp_path)
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    out = outputs(tmp_path)
    params = {"OCCUPATION_DEBUT": debut, "OCCUPATION_FIN": fin, "METHOD": 2, **out}
    results = processing.runAndLoadResults(
        "ocsge:flows", params, feedback=QgsProcessingFeedback(), context=context
    )
    try:
        layer = QgsProject.instance().mapLayer(results["OUTPUT"]) or next(
            item
            for item in QgsProject.instance().mapLayers().values()
            if item.source().startswith(out["OUTPUT"])
        )
        renderer = layer.renderer()
        assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "flux"
        values = {category.value() for category in renderer.categories()}
        assert {row["flux"] for row in table(out["OUTPUT"]) if row["flux"]} <= values
    finally:
        QgsProject.instance().removeAllMapLayers()


class _CancelAfter:
    """A feedback that cancels itself once progress passes ``percent``."""

    def __new__(cls, percent: float):
        from support import Recorder

        feedback = Recorder()
        feedback.progressChanged.connect(
            lambda value: feedback.cancel() if value > percent else None
        )
        return feedback


@pytest.mark.parametrize("percent", [1.0, 60.0])
def test_cancel_leaves_no_output(run, tmp_path, percent):
    debut, fin = hand.write_pair(tmp_path)
    out = outputs(tmp_path)
    with pytest.raises(QgsProcessingException, match="Canceled"):
        run(
            "ocsge:flows",
            {"OCCUPATION_DEBUT": debut, "OCCUPATION_FIN": fin, "METHOD": 2, **out},
            feedback=_CancelAfter(percent),
        )
    assert not any(Path(path).exists() for path in out.values())


def test_difference_layer_in_degrees_is_refused(run, tmp_path):
    rows = [
        (
            "MULTIPOLYGON(((0.1 43.6,0.2 43.6,0.2 43.7,0.1 43.6)))",
            ["CS2.2.1", "US1.1", "CS1.1.1.1", "US2"],
        )
    ]
    path = write_layer(
        tmp_path / "OCS-GE_2-0_DIFF_SHP_LAMB93_D032_2018-2021" / "DIFF.shp",
        "DIFF",
        ["CS_2018", "US_2018", "CS_2021", "US_2021"],
        rows,
        epsg=4326,
        driver="SHP",
    )
    with pytest.raises(QgsProcessingException, match="EPSG:2154"):
        run("ocsge:flows", {"DIFFERENCE": str(path), **outputs(tmp_path)})
