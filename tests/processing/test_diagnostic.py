"""ocsge:diagnostic and the example model on the sample deliveries of Territoire de Belfort,
checked against the sample generator's own per-commune truth (computed from its geometry, not by
the plugin)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from builders import belfort_params, read_csv
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingModelAlgorithm
from support import DATA, ROOT, Recorder, report_of

MODEL = ROOT / "ocsge_plugin" / "resources" / "models" / "diagnostic_ocsge.model3"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    import sample_generator

    out = tmp_path_factory.mktemp("sample90d")
    manifest = sample_generator.generate(
        "90", 3000, seed=11, out=out, archive=False, flavour="gpkg"
    )
    return out, manifest


def params(folder, out, **extra):
    return belfort_params(folder, "OUTPUT_FOLDER", out, **extra)


class _Progress:
    """A feedback recording the progress bar (its signal: QGIS sets it from C++) and canceling at
    a value."""

    def __new__(cls, cancel_at: float | None = None):
        feedback = Recorder()
        feedback.values = []

        def changed(value):
            feedback.values.append(value)
            if cancel_at is not None and value >= cancel_at:
                feedback.cancel()

        feedback.progressChanged.connect(changed)
        return feedback


def test_diagnostic_on_the_sample(run, sample, tmp_path):
    folder, manifest = sample
    feedback = _Progress()
    results, feedback = run("ocsge:diagnostic", params(folder, tmp_path / "out", UNIT=1), feedback)
    names = sorted(Path(p).name for p in json.loads(results["FILES"]))
    expected = sorted(
        f"{d}_{lvl}.{ext}"
        for d in ("artif", "imper")
        for lvl in ("commune", "epci", "departement", "region")
        for ext in ("gpkg", "csv")
    )
    quality = [
        f"qualite_{lvl}.{ext}"
        for lvl in ("commune", "epci", "departement", "region")
        for ext in ("gpkg", "csv")
    ]
    per_class = [
        f"{t}_{lvl}.{ext}"
        for t in ("couverture", "usage", "transition_cs", "origine_artif")
        for lvl in ("commune", "epci", "departement", "region")
        for ext in ("gpkg", "csv")
    ]
    assert names == sorted(
        expected
        + quality
        + per_class
        + ["part_territoire_couvert.csv", "part_territoire_couvert.gpkg"]
    )
    assert results["COMMUNE_LAYER"].endswith("artif_commune.gpkg|layername=artif_commune")
    # Method 'auto': IGN's artificialisation layers and artificialisation difference of the sample.
    report = report_of(results)
    assert any("left out" in w and "Occupation du sol" in w for w in report["warnings"])
    # the layers used, once each (the cover of the portrait lists them): IGN's two
    # artificialisation layers, its artificialisation difference (the artificialisation flows)
    # and the difference (the imperméabilisation flows); the occupation du sol read, left out
    used, (y1, y2) = report["layers"], manifest["millesimes"]
    assert sorted(used) == [
        f"Artificialisation D90 {y1}",
        f"Artificialisation D90 {y2}",
        f"Différence D90 {y1}-{y2}",
        f"Évolution de l'artificialisation D90 {y1}-{y2}",
    ]
    assert set(used) < set(report["layers_read"])
    # messages for people: layers named as in the project, never by their internal file names;
    # totals as a table
    said = "\n".join(feedback.infos + feedback.warnings)
    assert (
        "Occupation du sol D90" in said
        and "artif_artif_" not in said
        and "difference_DIFFERENCE" not in said
        and "occupation_OCCUPATION" not in said
    )
    (table,) = [c.replace("\u00a0", " ") for c in feedback.commands if "Département" in c]
    assert (
        "Territoire de Belfort" in table
        and f"{manifest['millesimes'][0]}-{manifest['millesimes'][1]}" in table
    )
    truth = manifest["truth"]["communes"]
    y1, y2 = (str(y) for y in manifest["millesimes"])
    artif = {row["commune_code"]: row for row in read_csv(tmp_path / "out" / "artif_commune.csv")}
    imper = {row["commune_code"]: row for row in read_csv(tmp_path / "out" / "imper_commune.csv")}
    assert set(artif) == set(truth)
    for code, t in truth.items():
        assert float(artif[code]["surface_artif"]) == pytest.approx(
            t[y2]["artif_m2"], rel=1e-6, abs=0.05
        ), code
        assert float(imper[code]["surface_imper"]) == pytest.approx(
            t[y2]["imper_m2"], rel=1e-6, abs=0.05
        ), code
        assert float(imper[code]["flux_imper_net"]) == pytest.approx(
            t["flux"]["imper_m2"] - t["flux"]["desimper_m2"], rel=1e-6, abs=0.05
        ), code
        assert float(artif[code]["commune_surface"]) == pytest.approx(t["surface_m2"], rel=1e-9)
        assert (artif[code]["millesime_debut"], artif[code]["millesime_fin"]) == (y1, y2)
    # Conservation across levels.
    (dep,) = read_csv(tmp_path / "out" / "artif_departement.csv")
    assert float(dep["surface_artif"]) == pytest.approx(
        sum(float(r["surface_artif"]) for r in artif.values()), rel=1e-12
    )
    epci = read_csv(tmp_path / "out" / "imper_epci.csv")
    assert sum(float(r["flux_imper"]) for r in epci) == pytest.approx(
        sum(float(r["flux_imper"]) for r in imper.values() if r["epci_code"]), rel=1e-12
    )
    # One progress bar: it never goes back and ends full.
    values = feedback.values
    assert values and max(values) <= 100.0 + 1e-9 and values[-1] >= 99.0
    assert all(b >= a - 1e-6 for a, b in zip(values, values[1:]))


def test_several_deliveries_separated_by_semicolons(run, sample, tmp_path):
    folder, manifest = sample
    parts = ";".join(
        str(p)
        for p in sorted(folder.iterdir())
        if p.is_dir() and "__GPKG" in p.name or "DIFF-" in p.name and "ARTIF" not in p.name
    )
    results, _ = run(
        "ocsge:diagnostic",
        params(parts, tmp_path / "out", METHOD=2, SIMPLIFY=False, WIDE=True, CSV_DIALECT=1),
    )
    report = report_of(results)
    assert len(report["deliveries"]) == 3
    rows = read_csv_semicolon(tmp_path / "out" / "artif_commune_par_index.csv")
    assert rows and "flux_surface_1_2" in rows[0]


def read_csv_semicolon(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_cancel_leaves_no_file(run, sample, tmp_path):
    folder, _ = sample
    out = tmp_path / "out"
    feedback = _Progress(cancel_at=40.0)
    with pytest.raises(QgsProcessingException, match="Canceled"):
        run("ocsge:diagnostic", params(folder, out), feedback)
    assert any("Canceled" in e for e in feedback.errors)
    assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize("case", ["missing", "code_field"])
def test_bad_input(run, sample, tmp_path, case):
    folder, _ = sample
    if case == "missing":
        p, expected = params(tmp_path / "absent.7z", tmp_path / "out"), "does not exist"
    else:
        p, expected = params(folder, tmp_path / "out", CODE_FIELD="insee"), "insee"
    with pytest.raises(QgsProcessingException, match=expected):
        run("ocsge:diagnostic", p)


def test_example_model_loads_and_runs(run, sample, tmp_path):
    import processing

    folder, manifest = sample
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL))
    assert {c.algorithmId() for c in model.childAlgorithms().values()} == {
        "ocsge:load",
        "ocsge:aggregate",
        "ocsge:rollup",
        "ocsge:export",
        "native:condition",
        "ocsge:consommation",
    }
    from qgis.core import QgsProcessingContext, QgsProject

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    out = tmp_path / "model"
    # the provider offers it in the toolbox (group Modèles), in French
    registered = QgsApplication.processingRegistry().algorithmById("ocsge:diagnostic_ocsge_modele")
    assert (
        registered is not None
        and registered.displayName() == "Diagnostic OCS GE (modèle)"
        and registered.group() == "Modèles"
    )
    diagnostic = QgsApplication.processingRegistry().algorithmById("ocsge:diagnostic").displayName()
    assert (
        f"« {diagnostic} »" in registered.shortHelpString()
        and "ocsge:" not in registered.shortHelpString()
    )  # named as in the toolbox
    assert "ZAN" in registered.tags()
    assert (
        registered.parameterDefinition("DELIVERY")
        .description()
        .startswith("Dossier des livraisons")
    )
    feedback = Recorder()
    results = processing.run(
        "ocsge:diagnostic_ocsge_modele",
        {
            "DELIVERY": str(folder),
            "COMMUNES": str(DATA / "communes-90-territoire-de-belfort.geojson"),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "MEMBERSHIP": str(DATA / "appartenance-communes-90.csv"),
            "METHOD": 0,
            "CONVENTION": 0,
            "export:OUTPUT_FOLDER": str(out),
        },
        context=context,
        feedback=feedback,
    )
    # without the consumption file, the consumption step is skipped: no child result, nothing
    # written
    assert (
        "consommation" not in results["CHILD_RESULTS"]
        and "consommation:OUTPUT_FOLDER" not in results
    )
    # the undetermined surface, per layer and millésime: in the log and the aggregation step's
    # report
    aggregate_report = report_of(results["CHILD_RESULTS"]["aggregate"])
    assert aggregate_report["convention"] == "indetermine" and aggregate_report["indetermine"]
    assert any("of undetermined status" in w for w in feedback.infos)
    export_report = report_of(results["CHILD_RESULTS"]["export"])
    assert export_report["convention"] == "indetermine" and (out / "qualite_commune.csv").exists()
    assert Path(results["export:OUTPUT_FOLDER"]) == out
    artif = {row["commune_code"]: row for row in read_csv(out / "artif_commune.csv")}
    truth = manifest["truth"]["communes"]
    y2 = str(manifest["millesimes"][1])
    assert len(artif) == 102
    for code, t in truth.items():
        assert float(artif[code]["surface_artif"]) * 1e4 == pytest.approx(
            t[y2]["artif_m2"], rel=1e-6, abs=0.05
        ), code
    assert (out / "imper_epci.gpkg").exists() and (out / "artif_region.csv").exists()


def test_example_model_with_the_consumption_file_puts_it_beside_ocsge(run, sample, tmp_path):
    """The model given Cerema's file (the sample's): ocsge:consommation runs after the export and
    reads its artif_<level> tables; the OCS GE columns of trajectoires_epci equal flux_artif_net
    ÷ years."""
    import subprocess
    import sys

    import processing
    from qgis.core import QgsProcessingContext, QgsProject

    folder, manifest = sample
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "sample_consumption.py"),
            "--out",
            str(tmp_path / "cerema"),
        ],
        check=True,
        capture_output=True,
    )
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    out, conso = tmp_path / "model", tmp_path / "conso"
    feedback = Recorder()
    results = processing.run(
        "ocsge:diagnostic_ocsge_modele",
        {
            "DELIVERY": str(folder),
            "COMMUNES": str(DATA / "communes-90-territoire-de-belfort.geojson"),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "MEMBERSHIP": str(DATA / "appartenance-communes-90.csv"),
            "METHOD": 0,
            "CONVENTION": 0,
            "CONSOMMATION": str(tmp_path / "cerema" / "consommation-cerema-90-974.csv"),
            "export:OUTPUT_FOLDER": str(out),
            "consommation:OUTPUT_FOLDER": str(conso),
        },
        context=context,
        feedback=feedback,
    )
    assert Path(results["consommation:OUTPUT_FOLDER"]) == conso
    assert not any("no GeoPackage beside" in w for w in feedback.warnings)
    report = report_of(results["CHILD_RESULTS"]["consommation"])
    assert (
        report["ocsge"]["source"] == str(out)
        and report["ocsge"]["unite_des_tables_ocsge"]["epci"] == "ha"
    )  # read from artif_epci.gpkg
    y1, y2 = (int(y) for y in manifest["millesimes"][:2])
    artif = {
        row["epci_code"]: row
        for row in read_csv(out / "artif_epci.csv")
        if row["millesime_fin"] == str(y2)
    }
    trajectoires = {row["epci_code"]: row for row in read_csv(conso / "trajectoires_epci.csv")}
    assert set(trajectoires) == set(artif) and len(artif) == 3
    for code, row in trajectoires.items():
        assert (
            row["periode_ocsge"] == f"{y1}-{y2}" and row["annees_conso_ocsge"] == f"{y1}-{y2 - 1}"
        )
        assert float(row["artif_nette_annuelle_ocsge"]) == pytest.approx(
            float(artif[code]["flux_artif_net"]) / (y2 - y1), rel=1e-9
        )
        assert float(row["conso_annuelle_periode_ocsge"]) > 0


@pytest.fixture(scope="module")
def dense_sample(tmp_path_factory):
    """The sample at 32 vertices per polygon (points on every shared side, as the benchmark's
    Gers)."""
    import sample_generator

    out = tmp_path_factory.mktemp("sample90v32")
    manifest = sample_generator.generate(
        "90", 3000, seed=5, out=out, archive=False, flavour="gpkg", vertices=32
    )
    return out, manifest


def test_overlay_and_difference_layer_give_the_same_flows_per_commune(run, dense_sample, tmp_path):
    """Flows by overlay of the two millésimes (no DIFFERENCE delivery: identical polygons paired
    by their WKB, the rest intersected) equal the flows read from IGN's DIFFERENCE layer, commune
    by commune, and the generator's own imperméabilisation flows (computed from its geometry)."""
    folder, manifest = dense_sample
    occupation = sorted(str(p) for p in folder.iterdir() if p.is_dir() and "__GPKG" in p.name)
    diff = [
        str(p)
        for p in folder.iterdir()
        if p.is_dir() and "_DIFF-" in p.name and "ARTIF" not in p.name
    ]
    assert len(occupation) == 2 and len(diff) == 1
    tables = {}
    for name, deliveries in (("overlay", occupation), ("difference", occupation + diff)):
        results, feedback = run(
            "ocsge:diagnostic",
            params(folder, tmp_path / name, INPUT=";".join(deliveries), METHOD=2, UNIT=1),
        )
        overlaid = any(
            row["couche"].startswith("overlay of") for row in report_of(results)["indetermine"]
        )
        assert overlaid == (name == "overlay")
        tables[name] = {
            row["commune_code"]: row for row in read_csv(tmp_path / name / "artif_commune.csv")
        }
        tables[name + "_imper"] = {
            row["commune_code"]: row for row in read_csv(tmp_path / name / "imper_commune.csv")
        }
    truth = manifest["truth"]["communes"]
    assert set(tables["overlay"]) == set(tables["difference"]) == set(truth)
    moved = 0.0
    for code in truth:
        for table, column in (
            ("", "flux_artif"),
            ("", "flux_desartif"),
            ("_imper", "flux_imper"),
            ("_imper", "flux_desimper"),
        ):
            by_overlay = float(tables["overlay" + table][code][column] or 0)
            by_diff = float(tables["difference" + table][code][column] or 0)
            assert by_overlay == pytest.approx(by_diff, rel=1e-9, abs=0.01), (code, column)
            moved += by_overlay
        t = truth[code]["flux"]
        assert float(tables["overlay_imper"][code]["flux_imper"]) == pytest.approx(
            t["imper_m2"], rel=1e-6, abs=0.05
        ), code
        assert float(tables["overlay_imper"][code]["flux_desimper"]) == pytest.approx(
            t["desimper_m2"], rel=1e-6, abs=0.05
        ), code
    assert moved > 10_000  # flows to compare, not zeros
