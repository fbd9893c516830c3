"""PostGIS as a source: the sample deliveries of Territoire de Belfort loaded into the session's
private PostgreSQL (conftest's ``postgis``) the way a DBA does it (ogr2ogr: lower-case columns,
neutral table names, both millésimes in one table told apart by its ``millesime`` column) give,
through the fast reading path, the numbers the files give and the sample generator's own truth."""

from __future__ import annotations

import uuid
import weakref
from pathlib import Path

import numpy as np
import pytest
from builders import belfort_params, belfort_sample, read_csv
from qgis.core import NULL, QgsDataSourceUri, QgsGeometry, QgsVectorLayer
from support import report_of


@pytest.fixture(scope="module")
def belfort(tmp_path_factory, postgis):
    """(manifest, {name: file layer source}, {name: PostGIS layer}) of the D090 sample:
    OCCUPATION_SOL of both millésimes in ``<schema>.t1``, the DIFFERENCE in ``<schema>.t2``."""
    out = tmp_path_factory.mktemp("sample90src")
    manifest = belfort_sample(out)
    y1, y2 = manifest["millesimes"]
    files = {}
    for item in manifest["items"]:
        for f in item["files"]:
            if f["layer"] in ("OCCUPATION_SOL", "DIFFERENCE"):
                files[f"{f['layer']}_{'-'.join(map(str, item['millesimes']))}"] = str(
                    out / f["path"]
                )
    schema = "src_" + uuid.uuid4().hex[:6]
    postgis.psql(f"CREATE SCHEMA {schema}")
    postgis.load(files[f"OCCUPATION_SOL_{y1}"], f"{schema}.t1")
    postgis.load(files[f"OCCUPATION_SOL_{y2}"], f"{schema}.t1", accessMode="append")
    postgis.load(files[f"DIFFERENCE_{y1}-{y2}"], f"{schema}.t2")
    columns = postgis.psql(
        "SELECT string_agg(column_name, ',' ORDER BY column_name) FROM "
        f"information_schema.columns WHERE table_schema = '{schema}' AND table_name = "
        "'t2'"
    )
    assert f"cs_{y1}" in columns.split(",")  # lower-case, as ogr2ogr writes them

    def layer(table, sql=""):
        uri = QgsDataSourceUri(postgis.dsn())
        uri.setDataSource(schema, table, "geom", sql, "fid")
        result = QgsVectorLayer(uri.uri(False), table, "postgres")
        assert result.isValid(), table
        return result

    layers = {
        "t1_debut": layer("t1", f"millesime = '{y1}'"),
        "t1_fin": layer("t1", f"millesime = '{y2}'"),
        "t2": layer("t2"),
    }
    return manifest, files, layers


def by_commune(path) -> dict[str, dict]:
    layer = QgsVectorLayer(str(path), "out", "ogr")
    names = layer.fields().names()
    return {f["code"]: {n: f[n] for n in names} for f in layer.getFeatures() if f["millesime_fin"]}


NUMBERS = (
    "surface_artif",
    "surface_imper",
    "flux_artif",
    "flux_desartif",
    "flux_imper",
    "flux_desimper",
    "surface_indeterminee",
)


def aggregate(run, layers, out, **extra):
    params = {
        "INPUT_LAYERS": layers,
        "TERRITORIES": belfort_params("", "X", "")["COMMUNES"],
        "CODE_FIELD": "code",
        "NAME_FIELD": "nom",
        "METHOD": 2,
        "UNIT": 1,
        "OUTPUT": str(out),
    }
    params.update(extra)
    return run("ocsge:aggregate", params)


@pytest.mark.parametrize("method", [2, 3], ids=["matrice", "matrice_seuils"])
def test_aggregate_from_postgis_gives_the_numbers_of_the_files(run, belfort, tmp_path, method):
    manifest, files, layers = belfort
    y1, y2 = manifest["millesimes"]
    aggregate(
        run,
        [files[f"OCCUPATION_SOL_{y1}"], files[f"OCCUPATION_SOL_{y2}"]],
        tmp_path / "files.gpkg",
        METHOD=method,
    )
    results, feedback = aggregate(
        run, [layers["t1_debut"], layers["t1_fin"]], tmp_path / "pg.gpkg", METHOD=method
    )
    from_files, from_pg = by_commune(tmp_path / "files.gpkg"), by_commune(tmp_path / "pg.gpkg")
    assert set(from_pg) == set(from_files) == set(manifest["truth"]["communes"])
    for code, row in from_pg.items():
        for name in NUMBERS:
            assert row[name] == pytest.approx(from_files[code][name], rel=1e-9, abs=1e-6), (
                code,
                name,
            )
        assert (row["millesime_debut"], row["millesime_fin"]) == (str(y1), str(y2))
        truth = manifest["truth"]["communes"][code]
        if (
            method == 3
        ):  # the thresholds (their geometry re-read from PostGIS): the files' numbers above
            continue
        assert row["surface_artif"] == pytest.approx(
            truth[str(y2)]["artif_matrix_m2"], rel=1e-6, abs=0.05
        ), code
        assert row["surface_imper"] == pytest.approx(
            truth[str(y2)]["imper_m2"], rel=1e-6, abs=0.05
        ), code
    said = "\n".join(feedback.infos + feedback.warnings)
    assert "left out" not in said


def test_without_the_coverage_postgis_gives_the_numbers_and_report_of_the_files_to_the_last_bit(
    run, belfort, tmp_path
):
    """COVERAGE false: the rows that add nothing (neither artificialised, impermeable nor
    undetermined) are left out on the server; every number, the undetermined counts and surfaces
    and the report are still those of the files, bit for bit (the same rows in each batch)."""
    manifest, files, layers = belfort
    y1, y2 = manifest["millesimes"]
    diff = files[f"DIFFERENCE_{y1}-{y2}"]
    done = {}
    for name, inputs in (
        ("files", [files[f"OCCUPATION_SOL_{y1}"], files[f"OCCUPATION_SOL_{y2}"], diff]),
        ("pg", [layers["t1_debut"], layers["t1_fin"], layers["t2"]]),
    ):
        results, feedback = aggregate(run, inputs, tmp_path / f"{name}.gpkg", COVERAGE=False)
        done[name] = (by_commune(tmp_path / f"{name}.gpkg"), report_of(results))
    (from_files, report_files), (from_pg, report_pg) = done["files"], done["pg"]
    assert set(from_pg) == set(from_files) == set(manifest["truth"]["communes"])
    for code, row in from_pg.items():
        assert row == from_files[code], code  # every column, to the last bit
        truth = manifest["truth"]["communes"][code]
        assert row["surface_artif"] == pytest.approx(
            truth[str(y2)]["artif_matrix_m2"], rel=1e-6, abs=0.05
        ), code
    stocks = [
        entry for entry in report_pg["indetermine"] if entry["millesime"] in (str(y1), str(y2))
    ]
    assert len(stocks) == 2 and all(
        entry["nombre"] > 0 and entry["surface_ha"] > 0 for entry in stocks
    )
    for report in (report_pg, report_files):  # the layers' names aside
        report["indetermine"] = [
            {k: v for k, v in entry.items() if k != "couche"} for entry in report["indetermine"]
        ]
    assert report_pg == report_files


def test_postgis_leaves_out_the_rows_nobody_needs_and_keeps_a_files_batches(
    belfort, ocsge, monkeypatch
):
    """iter_batches(needed=…) on PostGIS: the server sends only the rows ``needed`` keeps (nulls,
    parent codes, INDETERMINE and lower case among them, as ``needed`` reads them), each batch
    the rows of the file's batch at the same place, less those left out; read ahead alike."""
    from ocsge.ocsge_plugin.computing import batches, territories
    from ocsge.ocsge_plugin.computing.sources import describe_source

    manifest, files, layers = belfort
    y2 = manifest["millesimes"][1]
    layer, file_layer = (
        layers["t1_fin"],
        QgsVectorLayer(files[f"OCCUPATION_SOL_{y2}"], "file", "ogr"),
    )
    monkeypatch.setattr(batches, "CHUNK", 50)
    monkeypatch.setattr(batches, "BATCH", 100)
    monkeypatch.setattr(
        batches, "_SUMMARIES", weakref.WeakKeyDictionary()
    )  # none kept from another test's CHUNK
    source = describe_source(layer)
    fields = list(source.fields.values())
    needed = territories._rows_needed(source, "matrice", False, territories.DEFAULT_CONVENTION)
    whole = list(batches.iter_batches(layer, fields))
    assert len(whole) > 3 and batches.postgis.text_fields(layer, fields)
    keep = {int(f): bool(k) for b in whole for f, k in zip(b["fid"], needed(b))}
    assert 0 < sum(keep.values()) < len(keep) / 2  # most rows add nothing
    batches.read_ahead(layer, fields, needed)
    read = list(batches.iter_batches(layer, fields, needed=needed))
    assert [int(f) for b in read for f in b["fid"]] == [
        f for f, k in keep.items() if k
    ]  # those, in key order
    codes = {None if c is np.ma.masked else c.decode() for b in read for c in b[fields[0]]} | {
        None if c is np.ma.masked else c.decode() for b in read for c in b[fields[1]]
    }
    assert (
        None in codes
        and "INDETERMINE" in codes
        and any(c and c != c.upper() for c in codes)
        and "CS2.2" in codes
    )
    whole_wkb = {int(f): bytes(w) for b in whole for f, w in zip(b["fid"], b["wkb"])}
    assert all(bytes(w) == whole_wkb[int(f)] for b in read for f, w in zip(b["fid"], b["wkb"]))
    from_file = [
        b for b in (_kept(b, needed) for b in batches.iter_batches(file_layer, fields)) if len(b)
    ]
    assert [len(b) for b in from_file] == [
        len(b["fid"]) for b in read
    ]  # the same rows in each batch
    assert [w for b in from_file for w in b] == [bytes(w) for b in read for w in b["wkb"]]
    assert not batches._PREPARED


def _kept(batch: dict, needed) -> list[bytes]:
    return [bytes(w) for w, k in zip(batch["wkb"], needed(batch)) if k]


def test_the_fast_path_reads_postgis_through_gdal(belfort, ocsge):
    """Not QGIS's provider: GDAL's PostgreSQL driver with the subset applied by the server, fids
    the key."""
    from ocsge.ocsge_plugin.computing import batches

    manifest, files, layers = belfort
    layer = layers["t1_fin"]
    assert batches.postgis_readable(layer)
    read = list(batches.iter_batches(layer, ["code_cs"]))
    fids = sorted(int(f) for b in read for f in b["fid"])
    assert fids == sorted(f.id() for f in layer.getFeatures())  # the subset's rows only, by key
    wkb = {int(fid): bytes(blob) for b in read for fid, blob in zip(b["fid"], b["wkb"])}
    for feature in layer.getFeatures():
        geometry = QgsGeometry()
        geometry.fromWkb(wkb[feature.id()])
        assert geometry.asWkt(6) == feature.geometry().asWkt(6)


def test_diagnostic_from_postgis_layers_gives_the_numbers_of_the_deliveries(run, belfort, tmp_path):
    manifest, files, layers = belfort
    folder = str(Path(files["DIFFERENCE_" + "-".join(map(str, manifest["millesimes"]))]).parents[4])
    params = belfort_params(folder, "OUTPUT_FOLDER", tmp_path / "files", METHOD=2, UNIT=1)
    run("ocsge:diagnostic", params)
    params = belfort_params(
        "",
        "OUTPUT_FOLDER",
        tmp_path / "pg",
        METHOD=2,
        UNIT=1,
        LAYERS=[layers["t1_debut"], layers["t1_fin"], layers["t2"]],
    )
    results, feedback = run("ocsge:diagnostic", params)
    report = report_of(results)
    assert report["communes"] == len(manifest["truth"]["communes"])
    for name in ("artif_commune", "imper_commune", "artif_epci", "imper_departement"):
        from_files = read_csv(tmp_path / "files" / f"{name}.csv")
        from_pg = read_csv(tmp_path / "pg" / f"{name}.csv")
        assert len(from_pg) == len(from_files) > 0
        for a, b in zip(from_pg, from_files):
            for key, value in b.items():
                if key.startswith(("surface", "flux", "pourcent")) and value:
                    assert float(a[key]) == pytest.approx(float(value), rel=1e-9, abs=1e-6), (
                        name,
                        key,
                    )
                else:
                    assert a[key] == value, (name, key)


def test_a_difference_table_with_lower_case_columns_and_a_neutral_name_is_recognised(
    run, belfort, tmp_path
):
    manifest, _, layers = belfort
    results, feedback = aggregate(
        run,
        [layers["t1_debut"], layers["t1_fin"], layers["t2"]],
        tmp_path / "pg.gpkg",
        OVERLAY=False,
    )
    said = "\n".join(feedback.infos + feedback.warnings)
    assert "left out" not in said
    # no flows by overlay (the messages, not a path that may hold the word)
    assert "flows by overlay" not in said and "overlay of " not in said
    assert "t2 (Différence" in said or "t2 (Difference" in said  # its flows are read from it
    rows = by_commune(tmp_path / "pg.gpkg")
    for code, truth in manifest["truth"]["communes"].items():
        flux = truth["flux"]
        assert rows[code]["flux_imper"] == pytest.approx(flux["imper_m2"], rel=1e-6, abs=0.05), code
        assert rows[code]["flux_desimper"] == pytest.approx(
            flux["desimper_m2"], rel=1e-6, abs=0.05
        ), code
        assert rows[code]["flux_artif"] == pytest.approx(flux["artif_m2"], rel=1e-6, abs=0.05), code


def test_a_table_of_both_millesimes_without_a_filter_is_refused_with_a_message(
    run, belfort, tmp_path
):
    from qgis.core import QgsProcessingException

    manifest, _, layers = belfort
    y1, y2 = manifest["millesimes"]
    whole = QgsVectorLayer(layers["t1_fin"].source().split(" sql=")[0], "t1", "postgres")
    assert whole.isValid() and whole.featureCount() > layers["t1_fin"].featureCount()
    with pytest.raises(QgsProcessingException) as error:
        aggregate(run, [whole], tmp_path / "out.gpkg")
    message = str(error.value)
    assert (
        "t1" in message
        and f"{y1}, {y2}" in message
        and "millesime" in message
        and "Traceback" not in message
    )
    assert not (tmp_path / "out.gpkg").exists()


def test_postgis_is_read_by_key_ranges_on_two_connections_in_key_order(belfort, ocsge, monkeypatch):
    """The key range cut into ranges read at once by two connections, handed back in key order in
    batches of BATCH rows (as from a file), every row once with its codes and geometry; the
    extent and the key bounds asked of the server in one pass, the extent QGIS's own."""
    from ocsge.ocsge_plugin.computing import batches

    manifest, files, layers = belfort
    layer = layers["t1_fin"]
    extents = batches.postgis_extents(
        [QgsVectorLayer("Polygon", "mem", "memory"), layer, layers["t2"]]
    )
    assert set(extents) == {1, 2}  # the memory layer is no PostGIS layer
    expected = layer.extent()
    assert extents[1] == (
        expected.xMinimum(),
        expected.yMinimum(),
        expected.xMaximum(),
        expected.yMaximum(),
    )
    features = {
        f.id(): (None if f["code_cs"] in (None, NULL) else f["code_cs"], f.geometry().asWkt(6))
        for f in layer.getFeatures()
    }
    assert None in {code for code, _ in features.values()}  # a null code read as such
    summary = batches._SUMMARIES[layer]
    assert (summary.lo, summary.hi, summary.fields) == (min(features), max(features), ())
    monkeypatch.setattr(batches, "CHUNK", 37)
    monkeypatch.setattr(batches, "BATCH", 100)
    ranges = batches._key_ranges(summary, -(-len(features) // 37))
    assert len(ranges) == -(-len(features) // 37) and ranges[0][0] is None and ranges[-1][1] is None
    read = list(batches.iter_batches(layer, ["code_cs"]))
    assert [len(b["fid"]) for b in read[:-1]] == [100] * (len(read) - 1) and 0 < len(
        read[-1]["fid"]
    ) <= 100
    fids = [int(f) for b in read for f in b["fid"]]
    assert fids == sorted(features)  # every row once, in key order
    for b in read:
        for fid, code, blob in zip(b["fid"], b["code_cs"], b["wkb"]):
            geometry = QgsGeometry()
            geometry.fromWkb(bytes(blob))
            code = None if code is None or code is np.ma.masked else code.decode()
            assert (code, geometry.asWkt(6)) == features[int(fid)]


def test_the_next_postgis_layer_is_read_ahead_and_forgotten_when_unused(belfort, ocsge):
    """read_ahead begins a layer's reading (its threads) for the next iter_batches with the same
    fields, which gives the same rows; other fields read afresh; forget_read_ahead stops what
    nobody read."""
    import threading

    from ocsge.ocsge_plugin.computing import batches

    def readers() -> int:
        return sum(1 for t in threading.enumerate() if t.name == "ocsge-read")

    manifest, files, layers = belfort
    layer = layers["t1_debut"]
    expected = [int(f) for b in batches.iter_batches(layer, ["code_cs"]) for f in b["fid"]]
    assert readers() == 0
    batches.read_ahead(layer, ["code_cs"])
    assert layer in batches._PREPARED and readers() >= 1
    assert [int(f) for b in batches.iter_batches(layer, ["code_cs"]) for f in b["fid"]] == expected
    assert layer not in batches._PREPARED and readers() == 0
    batches.read_ahead(layer, ["code_cs"])
    read = list(batches.iter_batches(layer, ["code_us"]))  # not the fields read ahead
    assert "code_us" in read[0] and "code_cs" not in read[0] and readers() == 0
    batches.read_ahead(layer, ["code_cs"])
    batches.read_ahead(
        QgsVectorLayer(files[f"OCCUPATION_SOL_{manifest['millesimes'][0]}"], "file", "ogr"),
        ["code_cs"],
    )  # no PostGIS: nothing
    assert len(batches._PREPARED) == 1
    batches.forget_read_ahead([layer])
    assert not batches._PREPARED and readers() == 0


def test_the_rows_left_out_are_those_of_the_codes_byte_for_byte_never_a_null(postgis, ocsge):
    """skip_sql on the server: upper case only matches upper case, a quote is quoted, a NULL code
    is never left out (``IS NOT TRUE``), a value it cannot write safely (a backslash) is never
    matched."""
    from ocsge.ocsge_plugin.storage import postgis as pg

    skip = pg.skip_sql(
        ["code_cs", "code_us"],
        [("CS2.2.1", "US1.1"), ("CS1'2", "US5"), (None, "US1.1"), ("CS\\1", "US1.1")],
    )
    assert "CS\\1" not in skip and "NULL" not in skip.upper()
    rows = (
        "('CS2.2.1', 'US1.1'), ('cs2.2.1', 'us1.1'), ('CS2.2.1 ', 'US1.1'), ('CS1''2', "
        "'US5'), (NULL, 'US1.1'), ('CS\\1', 'US1.1')"
    )
    kept = postgis.psql(
        f"SELECT coalesce(code_cs, '<null>') FROM (VALUES {rows}) AS t(code_cs, code_us) "
        f"WHERE ({skip}) IS NOT TRUE ORDER BY 1"
    )
    assert kept.splitlines() == sorted(["cs2.2.1", "CS2.2.1 ", "<null>", "CS\\1"])
    assert pg.skip_sql(["code_cs"], [(None,)]) is None
