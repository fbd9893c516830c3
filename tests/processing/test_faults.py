"""Hostile input, faults and interruptions (issue 12), in process: a hostile listing, archive or
redirect writes nothing outside its folder; a full disk (a real small tmpfs) keeps the previous
output and is an error; a slow drip and an oversized listing are cut; a careless membership CSV is
read; territories that miss the data are named with both extents; extractions started at the same
instant on a cold cache all succeed, once; the extraction cache is capped."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest
from builders import HAND_ROWS, hand_delivery, pack_7z, seven_zip, square, tmpfs, write_layer
from fakeservices import API, IGN, plugin_settings, resource, serve_ign
from qgis.core import QgsProcessingException
from support import DATA, PLUGINPATH
from werkzeug import Response

from ocsge.ocsge_plugin.computing import rollup
from ocsge.ocsge_plugin.core import settings
from ocsge.ocsge_plugin.services import datagouv, network
from ocsge.ocsge_plugin.storage import archives, files, reading

NAME = "OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01"
FIELDS = ["ID", "code_cs", "code_us", "millesime"]


def everything_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


@pytest.fixture
def server(httpserver_ipv4, tmp_path):
    with plugin_settings(
        ign_url=httpserver_ipv4.url_for(IGN),
        datagouv_url=httpserver_ipv4.url_for(API),
        network__backoff=0.01,
        network__timeout=5,
        cache_dir=str(tmp_path / "cache"),
    ):
        yield httpserver_ipv4


# ------------------------------------------------------------------------- paths from outside


@pytest.mark.parametrize(
    "name", ["../x", "a/../../x", "/etc/passwd", "C:\\Windows\\x", "..\\..\\x", "", "a\x00b"]
)
def test_safe_join_refuses_names_leading_out(tmp_path, name):
    with pytest.raises(files.UnsafePath, match="Refused"):
        files.safe_join(tmp_path, name, "a test")
    assert files.safe_join(tmp_path, "a/b.gpkg", "a test") == tmp_path / "a" / "b.gpkg"


def test_safe_join_follows_links(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "link").symlink_to(tmp_path)
    with pytest.raises(files.UnsafePath):
        files.safe_join(tmp_path / "in", "link/x", "a test")


def test_listing_title_leading_out_of_the_cache_writes_nothing(run, server, tmp_path):
    outside = tmp_path / "x"
    hostile = "../" * 12 + str(outside).lstrip("/") + "/" + NAME
    serve_ign(server, {"OCSGE": [hostile], "OCSGE-ARTIFICIALISATION": []}, zone="D032")
    with pytest.raises(QgsProcessingException, match="outside"):
        run("ocsge:download", {"DEPARTEMENT": "32", "MILLESIME": "2019"})
    assert not outside.exists()
    assert [p for p in everything_under(tmp_path / "cache") if not p.startswith(("ign",))] == []
    assert everything_under(tmp_path / "cache" / "ign") == []
    assert not [r for r, _ in server.log if "/download/" in r.path]  # not even asked for


def test_datagouv_file_url_is_never_read(server, tmp_path):
    hostile = datagouv.Resource.from_api(resource("r1", "passwd", "csv", "file:///etc/passwd"))
    with pytest.raises(network.NetworkError, match="not a web address") as error:
        datagouv.DataGouv(network.Client()).download(hostile)
    assert error.value.kind == "scheme"
    assert everything_under(tmp_path / "cache") == []
    evil_id = datagouv.Resource.from_api(
        dict(resource("../../x", "t", "csv", server.url_for("/f.csv")), id="../../x")
    )
    server.expect_request("/f.csv").respond_with_data("a,b\n1,2\n")
    path, _ = datagouv.DataGouv(network.Client()).download(evil_id)
    assert (tmp_path / "cache") in path.parents and path.read_text() == "a,b\n1,2\n"
    assert not (tmp_path / "x").exists()


def test_redirect_to_a_local_file_is_refused_by_name(server):
    server.expect_request("/listing").respond_with_response(
        Response(status=302, headers={"Location": "file:///etc/passwd"})
    )
    with pytest.raises(network.NetworkError, match="redirected to “file:///etc/passwd”") as error:
        network.Client(retries=0).get(server.url_for("/listing"))
    assert error.value.kind == "scheme"


def _linked_archive(tmp_path: Path, outside: Path) -> Path:
    """An archive whose entry ``link`` is a symbolic link leading out, then ``link/x`` written
    through it."""
    work = tmp_path / "build"
    work.mkdir()
    (work / "link").symlink_to(os.path.relpath(outside, work))
    archive = tmp_path / "OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01.7z"
    subprocess.run(
        [seven_zip(), "a", "-snl", "-bd", str(archive), "link"],
        cwd=work,
        check=True,
        capture_output=True,
    )
    (work / "link").unlink()
    (work / "link").mkdir()
    (work / "link" / "x").write_text("pwned")
    subprocess.run(
        [seven_zip(), "a", "-bd", str(archive), "link/x"], cwd=work, check=True, capture_output=True
    )
    return archive


def test_archive_entry_leading_out_is_refused(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv(settings.CACHE_ENV, str(cache))
    outside = tmp_path / "outside"
    outside.mkdir()
    archive = _linked_archive(tmp_path, outside)
    with pytest.raises(reading.DeliveryError, match="outside its folder") as error:
        reading.open_delivery(archive)
    assert "“link”" in str(error.value)
    assert list(outside.iterdir()) == []
    assert [p for p in everything_under(cache) if not p.endswith(".lock")] == ["extract"]


# ------------------------------------------------------------------------------ the network


def test_slow_drip_download_is_cut_and_nothing_kept(server, tmp_path):
    def drip(request):
        def chunks():
            for _ in range(400):
                yield b"z"
                time.sleep(0.02)

        return Response(chunks(), headers={"Content-Length": "400"}, direct_passthrough=True)

    server.expect_request("/slow.7z").respond_with_handler(drip)
    folder = tmp_path / "downloads"
    with plugin_settings(network__min_rate=1000):
        client = network.Client(timeout=0.5, retries=0)
        start = time.monotonic()
        with pytest.raises(network.NetworkError, match="too slowly") as error:
            client.download(server.url_for("/slow.7z"), folder / "slow.7z")
    assert error.value.kind == "slow" and time.monotonic() - start < 5
    assert everything_under(folder) == []


def test_oversized_listing_is_refused(server):
    server.expect_request("/big").respond_with_data(
        json.dumps({"data": ["x" * 1000] * 100}), content_type="application/json"
    )
    with plugin_settings(network__max_listing_mb=0.01):
        with pytest.raises(network.NetworkError, match="larger than 0.01 MB") as error:
            network.Client(retries=0).get_json(server.url_for("/big"))
    assert error.value.kind == "too_big"


def test_dead_download_leftover_is_removed_by_the_next(server, tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    leftover = folder / f".a.7z.ocsge-m{files.machine_id()}-{int(dead.stdout)}-0123abcd.part.7z"
    leftover.write_bytes(b"")
    mine = files.temp_name(folder / "b.7z")  # a live run's (this process): kept
    mine.write_bytes(b"")
    server.expect_request("/a.7z").respond_with_data(b"archive")
    network.Client(retries=0).download(server.url_for("/a.7z"), folder / "a.7z")
    assert sorted(p.name for p in folder.iterdir()) == sorted(["a.7z", mine.name])


def test_leftovers_of_earlier_versions_are_removed_once_a_day_old(tmp_path):
    names = [
        ".part-ab_c1234",
        ".artif_commune.k2j_x9a0.part.gpkg",
        ".imper_epci.0a1b2c3d.part.csv",
        ".x.7z.0a1b2c3d.part",
        ".cls.gpkg.4242.tmp.gpkg",
        ".cls.gpkg.4242.tmp.gpkg-journal",
        ".a.gpkg.ocsge-4242-0123abcd.part.gpkg",
        ".ocsge-4242-0123abcd.partdir",
    ]  # with a pid, no machine
    for name in names:
        (tmp_path / name).write_bytes(b"")
    (tmp_path / ".part-recent1").mkdir()
    (tmp_path / ".hidden-notes.txt").write_text("mine")
    day_ago = time.time() - 25 * 3600
    for name in names + [".hidden-notes.txt"]:
        os.utime(tmp_path / name, (day_ago, day_ago))
    files.clean_leftovers(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".hidden-notes.txt", ".part-recent1"]


def test_output_set_killed_while_renaming_is_finished_by_the_next_run(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    for name in ("a.csv", "b.csv"):
        (folder / name).write_text("old")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    staging = folder / f".ocsge-m{files.machine_id()}-{int(dead.stdout)}-0123abcd.partdir"
    staging.mkdir()
    (staging / "b.csv").write_text("new")  # a.csv was already moved in when the run died
    (folder / "a.csv").write_text("new")
    (staging / files.READY).write_text(json.dumps(["a.csv", "b.csv"]))
    unfinished = (
        folder / f".ocsge-m{files.machine_id()}-{int(dead.stdout)}-4567abcd.partdir"
    )  # died while writing: dropped
    unfinished.mkdir()
    (unfinished / "a.csv").write_text("half")
    files.clean_leftovers(folder)
    assert {p.name: p.read_text() for p in folder.iterdir()} == {"a.csv": "new", "b.csv": "new"}


# --------------------------------------------------------------------------------- full disk


@pytest.fixture
def small_disk(tmp_path):
    """A real 8 MB filesystem (tmpfs), unmounted after the test."""
    with tmpfs(tmp_path / "disk", "8m") as mount:
        yield mount


def fill(disk: Path, leave: int = 16 * 1024) -> None:
    """Fill ``disk`` but ``leave`` bytes."""
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    with open(disk / "filler", "wb") as handle:
        handle.write(b"\0" * max(free - leave, 0))


def _source(tmp_path: Path, kind: str) -> str:
    rows = [
        (square(100 * (i % 20), 100 * (i // 20), 100), [f"P{i}", code[1], code[2], "2019"])
        for i, code in enumerate([r[1] for r in HAND_ROWS] * 40)
    ]
    if kind == "gpkg":
        return str(write_layer(tmp_path / "src" / "occ.gpkg", "occ", FIELDS, rows))
    if kind == "shp":
        return str(write_layer(tmp_path / "src" / "occ.shp", "occ", FIELDS, rows, driver="SHP"))
    path = tmp_path / "src" / "occ.geojson"  # neither: written through a QGIS sink
    write_layer(tmp_path / "src" / "tmp.gpkg", "occ", FIELDS, rows)
    subprocess.run(
        ["ogr2ogr", "-f", "GeoJSON", str(path), str(tmp_path / "src" / "tmp.gpkg")], check=True
    )
    return str(path)


@pytest.mark.parametrize("kind", ["gpkg", "shp", "geojson"])
def test_classify_on_a_full_disk_keeps_the_previous_file(run, small_disk, tmp_path, kind):
    source = _source(tmp_path, kind)
    out = small_disk / "cls.gpkg"
    run("ocsge:classify", {"INPUT": source, "OUTPUT": str(out)})
    before = out.read_bytes()
    fill(small_disk)
    with pytest.raises(
        QgsProcessingException,
        match=re.compile(f"Cannot write {out}.*previous file of that name is kept", re.S),
    ):
        run("ocsge:classify", {"INPUT": source, "OUTPUT": str(out)})
    assert out.read_bytes() == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["cls.gpkg", "filler"]


def test_export_on_a_full_disk_keeps_the_previous_set(run, small_disk, tmp_path):
    """ocsge:export of a one-commune table (the hand delivery aggregated): a second export on a
    full disk is an error, and every file of the first is intact, no temporary folder left."""
    layer = next(hand_delivery(tmp_path / "d").rglob("OCCUPATION_SOL.gpkg"))
    communes = write_layer(
        tmp_path / "communes.gpkg",
        "communes",
        ["code", "nom"],
        [(square(-50, -50, 400), ["32001", "Une"])],
    )
    table = tmp_path / "table.gpkg"
    run(
        "ocsge:aggregate",
        {
            "INPUT_LAYERS": [f"{layer}|layername=OCCUPATION_SOL"],
            "TERRITORIES": str(communes),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "METHOD": 2,
            "OUTPUT": str(table),
        },
    )
    out = small_disk / "export"
    params = {"COMMUNE": str(table), "OUTPUT_FOLDER": str(out)}
    results, _ = run("ocsge:export", params)
    written = json.loads(results["FILES"])
    before = {name: (out / name).read_bytes() for name in os.listdir(out)}
    assert len(before) == len(written) + 1 >= 5  # the tables and rapport_export.json
    fill(small_disk)
    with pytest.raises(QgsProcessingException, match="Cannot write"):
        run("ocsge:export", params)
    assert {name: (out / name).read_bytes() for name in os.listdir(out)} == before


def test_flows_on_a_full_disk_keep_every_previous_output(run, small_disk, tmp_path):
    """ocsge:flows writes six outputs: on a full disk, an error and all six of the previous run
    intact."""
    layers = []
    for year, rows in (
        (2016, HAND_ROWS),
        (2019, [(wkt, [v[0], "CS1.1.1.1", "US6.1", "2019"]) for wkt, v in HAND_ROWS]),
    ):
        delivery = hand_delivery(
            tmp_path / str(year), f"OCS-GE_2-0__GPKG_LAMB93_D032_{year}-01-01", rows=rows
        )
        layers.append(str(next(delivery.rglob("OCCUPATION_SOL.gpkg"))))
    out = small_disk / "flows"
    out.mkdir()
    params = {
        "OCCUPATION_DEBUT": layers[0],
        "OCCUPATION_FIN": layers[1],
        "METHOD": 2,
        "OUTPUT": str(out / "flux.gpkg"),
        "ONLY_ONE": str(out / "only.gpkg"),
        "SUMMARY": str(out / "summary.csv"),
        "TRANSITIONS_CS": str(out / "cs.csv"),
        "TRANSITIONS_US": str(out / "us.csv"),
        "ORIGIN": str(out / "origin.csv"),
    }
    run("ocsge:flows", params)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(before) == 6
    fill(small_disk)
    with pytest.raises(QgsProcessingException, match="Cannot write|Could not"):
        run("ocsge:flows", params)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# ------------------------------------------------------------------------- careless inputs


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_membership_csv_in_every_usual_encoding(tmp_path, encoding):
    text = (
        "commune_code;epci_code;epci_nom;departement_code;region_code\n90001;200069052;CC "
        "des Vosges du Sud — Étueffont;90;27\n"
    )
    if encoding == "latin-1":
        text = text.replace("—", "-")
    path = tmp_path / "m.csv"
    path.write_bytes(text.encode(encoding))
    membership = rollup.Membership.from_csv(path)
    assert membership.table.loc["90001", "epci_nom"] == text.splitlines()[1].split(";")[2]
    assert membership.warnings == []


def test_membership_duplicates_with_different_epci_are_listed(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(
        "commune_code,epci_code,departement_code,region_code\n"
        "90001,200069052,90,27\n90001,249000241,90,27\n90002,200069052,90,27\n90002,200069052,90,27\n90003,249000241,90,27\n",
        encoding="utf-8",
    )
    membership = rollup.Membership.from_csv(path)
    assert len(membership.warnings) == 1
    assert (
        "1 communes" in membership.warnings[0]
        and "90001 (200069052, 249000241)" in membership.warnings[0]
    )
    assert "90002 (" not in membership.warnings[0]
    assert membership.table.loc["90001", "epci_code"] == "200069052"  # the first row, as said


def test_empty_layer_to_classify_is_named(run, tmp_path):
    path = write_layer(tmp_path / "occupation_vide.gpkg", "occupation_vide", FIELDS, [])
    results, feedback = run(
        "ocsge:classify", {"INPUT": str(path), "OUTPUT": str(tmp_path / "out.gpkg")}
    )
    assert results["TOTAL_HA"] == 0
    assert any("occupation_vide" in w and "no polygon" in w for w in feedback.warnings), (
        feedback.warnings
    )


@pytest.mark.parametrize("algorithm", ["aggregate", "diagnostic"])
def test_territories_outside_the_data_name_both_extents(run, tmp_path, algorithm):
    delivery = hand_delivery(tmp_path)  # squares near (0, 0) in Lambert 93
    layer = next(delivery.rglob("OCCUPATION_SOL.gpkg"))
    communes = str(DATA / "communes-90-territoire-de-belfort.geojson")
    if algorithm == "aggregate":
        params = {
            "INPUT_LAYERS": [f"{layer}|layername=OCCUPATION_SOL"],
            "TERRITORIES": communes,
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
    else:
        params = {
            "INPUT": str(delivery),
            "COMMUNES": communes,
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "OUTPUT_FOLDER": str(tmp_path / "out"),
        }
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        with pytest.raises(QgsProcessingException, match="do not overlap") as error:
            run(f"ocsge:{algorithm}", params)
    message = str(error.value)
    assert "the data x 0 – 250, y 0 – 200 (EPSG:2154)" in message
    assert "the territories cover x 9" in message  # Belfort, around x = 990,000 m in Lambert 93


def test_missing_communes_path_is_named(run, tmp_path):
    missing = tmp_path / "nowhere" / "communes.gpkg"
    with pytest.raises(QgsProcessingException, match=f"commune layer {missing} cannot be opened"):
        run(
            "ocsge:diagnostic",
            {
                "INPUT": str(tmp_path),
                "COMMUNES": str(missing),
                "CODE_FIELD": "code",
                "OUTPUT_FOLDER": str(tmp_path / "out"),
            },
        )
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------------ extraction cache


EXTRACT = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, sys.argv[1])
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    from ocsge.ocsge_plugin.storage import reading
    # all four start extracting at the same instant
    time.sleep(max(0.0, float(sys.argv[3]) - time.time()))
    delivery = reading.open_delivery(sys.argv[2])
    print(sorted(layer.kind for layer in delivery.layers), delivery.extracted[0][1])
    """
)


def test_four_extractions_at_the_same_instant_on_a_cold_cache(tmp_path):
    """Four processes open the same archive at once: one extracts, three wait and reuse it (before,
    one or two of four failed, a finished extraction removed under another's feet)."""
    archive = pack_7z(hand_delivery(tmp_path / "d"))
    env = dict(os.environ, OCSGE_CACHE_DIR=str(tmp_path / "cache"), QT_QPA_PLATFORM="offscreen")
    at = str(time.time() + 4.0)
    procs = [
        subprocess.Popen(
            ["/usr/bin/python3", "-c", EXTRACT, str(PLUGINPATH), str(archive), at],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 4, [err[-500:] for _, err in outputs]
    lines = sorted(out.strip().splitlines()[-1] for out, _ in outputs)
    assert (
        lines
        == ["['occupation', 'zone_construite'] False"]
        + ["['occupation', 'zone_construite'] True"] * 3
    )
    extract = tmp_path / "cache" / "extract"
    assert (
        len([p for p in extract.iterdir() if p.is_dir()]) == 1
    )  # one extraction, no temporary left


def test_extraction_cache_is_capped_least_recently_used_first(tmp_path, monkeypatch):
    monkeypatch.setenv(settings.CACHE_ENV, str(tmp_path / "cache"))
    packed = []
    for year in (2016, 2019, 2022):
        packed.append(
            pack_7z(
                hand_delivery(tmp_path / str(year), f"OCS-GE_2-0__GPKG_LAMB93_D032_{year}-01-01")
            )
        )
    first, _ = archives.extract_archive(packed[0])
    one = archives.tree_size(first)
    with plugin_settings(cache__max_gb=2.5 * one / 1e9):  # room for two
        second, _ = archives.extract_archive(packed[1])
        time.sleep(0.01)
        archives.extract_archive(packed[0])  # used again: now the most recent
        third, _ = archives.extract_archive(packed[2])
    assert first.is_dir() and third.is_dir() and not second.exists()
    assert archives.clear_cache() >= 2 * one
    assert [p for p in (tmp_path / "cache" / "extract").iterdir() if p.is_dir()] == []
