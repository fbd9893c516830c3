"""The national diagnostic (pipelines/national.py): two synthetic départements (Gers, Territoire de
Belfort) in worker processes give the numbers of two single diagnostics; 1 and 2 workers agree; a
run stopped after the first département resumes without doing it again."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from builders import read_csv
from qgis.core import QgsVectorLayer
from support import DATA, ROOT, Recorder, report_of

BENCH_DATA = ROOT / "bench" / "data"


@pytest.fixture(scope="module")
def national_inputs(tmp_path_factory):
    """Two départements' deliveries (each generator's folder, named without a code: its entries
    are the deliveries), one commune layer and one membership table for both."""
    import sample_generator

    base = tmp_path_factory.mktemp("national")
    sample_generator.generate(
        "32",
        3000,
        seed=3,
        out=base / "gers",
        archive=False,
        flavour="gpkg",
        data_dir=str(BENCH_DATA),
    )
    sample_generator.generate(
        "90", 3000, seed=11, out=base / "belfort", archive=False, flavour="gpkg"
    )
    features = json.loads((BENCH_DATA / "communes-32-gers.geojson").read_text(encoding="utf-8"))[
        "features"
    ]
    features += json.loads(
        (DATA / "communes-90-territoire-de-belfort.geojson").read_text(encoding="utf-8")
    )["features"]
    communes = base / "communes.geojson"
    communes.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    membership = base / "appartenance.csv"
    gers = (BENCH_DATA / "appartenance-communes-32.csv").read_text(encoding="utf-8")
    belfort = (DATA / "appartenance-communes-90.csv").read_text(encoding="utf-8")
    membership.write_text(gers.rstrip("\n") + "\n" + belfort.split("\n", 1)[1], encoding="utf-8")
    return base, communes, membership


def _communes(ocsge, communes, membership):
    national = ocsge.ocsge_plugin.pipelines.national
    return national.Communes(str(communes), "ogr", "code", "nom", str(membership))


def _rows(path: Path) -> dict[str, dict]:
    return {row["commune_code"]: row for row in read_csv(path)}


def _national(ocsge, inputs, out, workers, feedback=None):
    from ocsge.ocsge_plugin.pipelines import diagnostic, national

    base, communes, membership = inputs
    groups, unknown = national.group_deliveries([str(base / "gers"), str(base / "belfort")])
    assert sorted(groups) == ["32", "90"] and not unknown
    return national.run_national(
        groups,
        _communes(ocsge, communes, membership),
        str(out),
        diagnostic.DiagnosticOptions(unit="m2", simplify=False),
        workers,
        feedback or Recorder(),
    )


@pytest.fixture(scope="module")
def two_workers(ocsge, national_inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("national2")
    return _national(ocsge, national_inputs, out, 2), out


def test_grouping_by_departement_code(ocsge, national_inputs):
    from ocsge.ocsge_plugin.pipelines import national

    base = national_inputs[0]
    groups, unknown = national.group_deliveries([str(base / "gers"), str(base / "belfort")])
    assert {code: len(paths) for code, paths in groups.items()} == {"32": 6, "90": 6}
    assert all("_D032_" in Path(p).name for p in groups["32"])
    assert national.group_deliveries([str(base)])[1] == [str(base)]  # no delivery inside


def test_two_departements_give_the_numbers_of_two_single_runs(
    ocsge, national_inputs, two_workers, tmp_path
):
    from ocsge.ocsge_plugin.computing.communes import commune_fields
    from ocsge.ocsge_plugin.pipelines import diagnostic, national

    run, out = two_workers
    base, communes, membership = national_inputs
    assert run.ran == ["32", "90"] and run.skipped == [] and run.workers == 2
    merged = _rows(out / "artif_commune.csv")
    groups, _ = national.group_deliveries([str(base / "gers"), str(base / "belfort")])
    single: dict[str, dict] = {}
    for code, paths in groups.items():
        layer = QgsVectorLayer(str(communes), "communes", "ogr")
        fields = commune_fields(layer.fields().names(), "code", "nom")
        folder = tmp_path / code
        diagnostic.diagnose(
            paths,
            [],
            layer,
            fields,
            str(membership),
            str(folder),
            diagnostic.DiagnosticOptions(unit="m2", simplify=False),
            Recorder(),
        )
        rows = _rows(folder / "artif_commune.csv")
        assert rows and all(c.startswith(code) for c in rows)
        single.update(rows)
        header = list(read_csv(folder / "artif_commune.csv")[0])
        assert list(read_csv(out / "artif_commune.csv")[0]) == header  # the same columns
    assert len(merged) == len(single) > 100
    assert merged == single  # every value of every commune, as written
    departements = {row["departement_code"]: row for row in read_csv(out / "artif_departement.csv")}
    assert sorted(departements) == ["32", "90"]
    gers = [float(r["surface_artif"]) for c, r in merged.items() if c.startswith("32")]
    assert float(departements["32"]["surface_artif"]) == pytest.approx(sum(gers), rel=1e-9)
    assert (out / "artif_commune.gpkg").is_file() and (out / "artif_region.csv").is_file()


def test_one_worker_gives_the_numbers_of_two(ocsge, national_inputs, two_workers, tmp_path):
    run, out = two_workers
    alone = _national(ocsge, national_inputs, tmp_path / "one", 1)
    assert alone.workers == 1
    for level in ("commune", "epci", "departement", "region"):
        a = read_csv(tmp_path / "one" / f"artif_{level}.csv")
        b = read_csv(out / f"artif_{level}.csv")
        assert a == b, level


def test_a_stopped_run_resumes_without_redoing_a_finished_departement(
    ocsge, national_inputs, two_workers, tmp_path
):
    from ocsge.ocsge_plugin.core.errors import Canceled

    out = tmp_path / "resumed"
    state = out / "departements"
    feedback = Recorder()

    def stop_after_the_first(_value):
        if any(state.glob("*.done")):
            feedback.cancel()

    feedback.progressChanged.connect(stop_after_the_first)
    with pytest.raises(Canceled):
        _national(ocsge, national_inputs, out, 1, feedback)
    finished = sorted(path.stem for path in state.glob("*.done"))
    assert len(finished) == 1  # one worker: the second was stopped while it ran
    first, second = finished[0], ({"32", "90"} - set(finished)).pop()
    assert not (out / "artif_commune.csv").exists()  # nothing merged
    (state / second).mkdir(exist_ok=True)  # what a killed département left: discarded
    (state / second / "partial.gpkg").write_text("half")
    marker = (state / f"{first}.done").stat().st_mtime_ns
    table = (state / first / "national.json").stat().st_mtime_ns
    again = _national(ocsge, national_inputs, out, 1)
    assert again.skipped == [first] and again.ran == [second]
    assert (state / f"{first}.done").stat().st_mtime_ns == marker  # not done again
    assert (state / first / "national.json").stat().st_mtime_ns == table
    assert not (state / second / "partial.gpkg").exists()
    assert read_csv(out / "artif_commune.csv") == read_csv(two_workers[1] / "artif_commune.csv")


def test_changed_options_redo_a_finished_departement(ocsge, national_inputs, tmp_path):
    from ocsge.ocsge_plugin.pipelines import diagnostic, national

    base, communes, membership = national_inputs
    groups = {"90": national.group_deliveries([str(base / "belfort")])[0]["90"]}
    spec = _communes(ocsge, communes, membership)
    first = national.run_national(
        groups, spec, str(tmp_path), diagnostic.DiagnosticOptions(unit="m2"), 1, Recorder()
    )
    squares = read_csv(tmp_path / "artif_commune.csv")
    second = national.run_national(
        groups, spec, str(tmp_path), diagnostic.DiagnosticOptions(unit="ha"), 1, Recorder()
    )
    assert first.ran == ["90"] and second.ran == ["90"] and second.skipped == []
    hectares = read_csv(tmp_path / "artif_commune.csv")
    assert len(hectares) == len(squares) > 10
    for ha, m2 in zip(hectares, squares):
        assert float(ha["surface_artif"]) == pytest.approx(float(m2["surface_artif"]) / 1e4)


def _params(national_inputs, out: Path, **extra) -> dict:
    base, communes, membership = national_inputs
    return {
        "INPUT": f"{base / 'gers'};{base / 'belfort'}",
        "COMMUNES": str(communes),
        "CODE_FIELD": "code",
        "NAME_FIELD": "nom",
        "MEMBERSHIP": str(membership),
        "UNIT": 1,
        "SIMPLIFY": False,
        "WORKERS": 2,
        "OUTPUT_FOLDER": str(out),
        **extra,
    }


def test_the_algorithm_merges_two_departements(run, national_inputs, two_workers, tmp_path):
    params = _params(national_inputs, tmp_path / "out")
    results, feedback = run("ocsge:diagnostic_national", params)
    report = report_of(results)
    assert report["ran"] == ["32", "90"] and report["workers"] == 2
    assert report["communes"] == len(read_csv(two_workers[1] / "artif_commune.csv"))
    assert sorted(report["departements"]) == ["32", "90"]
    assert str(tmp_path / "out" / "artif_commune.csv") in json.loads(results["FILES"])
    merged = read_csv(tmp_path / "out" / "artif_commune.csv")
    assert merged == read_csv(two_workers[1] / "artif_commune.csv")
    assert any("D032" in info for info in feedback.infos)  # the workers' messages, named


@pytest.mark.parametrize("algorithm", ["ocsge:diagnostic", "ocsge:diagnostic_national"])
def test_a_commune_layer_without_a_code_is_refused(run, national_inputs, algorithm, tmp_path):
    """Both diagnostics refuse a commune layer with no INSEE code field, naming its fields, before
    anything is computed or written."""
    from qgis.core import QgsProcessingException

    features = json.loads((DATA / "communes-90-territoire-de-belfort.geojson").read_bytes())
    for feature in features["features"]:
        feature["properties"] = {"nom": feature["properties"]["nom"]}
    nameless = tmp_path / "communes-sans-code.geojson"
    nameless.write_text(json.dumps(features), encoding="utf-8")
    params = _params(national_inputs, tmp_path / "out", COMMUNES=str(nameless))
    del params["CODE_FIELD"]
    with pytest.raises(QgsProcessingException) as refused:
        run(algorithm, params)
    assert str(refused.value) == (
        "The commune layer has no commune code field (fields: nom). Expected INSEE_COM, CODGEO, "
        "commune_code or code, or choose the field."
    )
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_the_merged_tables_go_into_a_postgis_schema(
    run, national_inputs, two_workers, postgis, tmp_path
):
    schema = "national_" + uuid.uuid4().hex[:8]
    postgis.psql(f"CREATE SCHEMA {schema}")
    params = _params(national_inputs, tmp_path / "out", DATABASE=postgis.dsn(), SCHEMA=schema)
    results, _ = run("ocsge:diagnostic_national", params)
    assert f"{schema}.artif_commune" in report_of(results)["tables"]
    expected = {
        r["commune_code"]: float(r["surface_artif"])
        for r in read_csv(two_workers[1] / "artif_commune.csv")
    }
    found = {}
    for line in postgis.psql(
        f"SELECT commune_code, surface_artif FROM {schema}.artif_commune"
    ).splitlines():
        code, value = line.split("|")
        found[code] = float(value)
    assert found == pytest.approx(expected, rel=1e-12) and len(found) > 100
    departements = postgis.psql(
        f"SELECT departement_code FROM {schema}.artif_departement ORDER BY 1"
    )
    assert departements.split() == ["32", "90"]
