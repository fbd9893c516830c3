"""ocsge:download against a fake IGN download service on 127.0.0.1 serving a hand-built delivery:
the archive arrives byte for byte, ocsge:load finds the surfaces known by hand, the cache is
reused, and failures (truncated, missing millésime, bad code, server down, cancel) are messages
without files."""

from __future__ import annotations

import hashlib
import json
import time

import pytest
from builders import HAND_SURFACE_HA, hand_delivery, pack_7z
from fakeservices import IGN, plugin_settings, serve_ign
from qgis.core import QgsProcessingException, QgsVectorLayer
from support import qgis_process, report_of
from werkzeug import Response

NAME = "OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01"
LISTING = {
    "OCSGE": [
        NAME,
        "OCS-GE_2-0__GPKG_LAMB93_D032_2016-01-01",
        "OCS-GE_2-0__SHP_LAMB93_D032_DIFF_2016-2019",
    ],
    "OCSGE-ARTIFICIALISATION": [],
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return pack_7z(hand_delivery(tmp_path_factory.mktemp("delivery"), NAME)).read_bytes()


@pytest.fixture
def ign(httpserver_ipv4, tmp_path):
    with plugin_settings(
        ign_url=httpserver_ipv4.url_for(IGN),
        network__backoff=0.01,
        network__timeout=5,
        cache_dir=str(tmp_path / "cache"),
    ):
        yield httpserver_ipv4


def _surfaces(layer: QgsVectorLayer) -> dict[str, float]:
    totals: dict[str, float] = {}
    for feature in layer.getFeatures():
        totals[feature["code_cs"]] = (
            totals.get(feature["code_cs"], 0.0) + feature.geometry().area() / 10000
        )
    return totals


def _downloads(server) -> int:
    return sum(1 for request, _ in server.log if "/download/" in request.path)


def test_download_and_load(run, ign, archive, tmp_path):
    serve_ign(ign, LISTING, zone="D032", archives={NAME: archive})
    results, feedback = run("ocsge:download", {"DEPARTEMENT": "32", "MILLESIME": "2019"})
    path = tmp_path / "cache" / "ign" / f"{NAME}.7z"
    assert (
        results["ARCHIVE"] == str(path)
        and results["NAME"] == NAME
        and results["MILLESIMES"] == "2019"
    )
    assert hashlib.sha1(path.read_bytes()).hexdigest() == hashlib.sha1(archive).hexdigest()
    assert results["URL"] == ign.url_for(f"{IGN}/download/OCSGE/{NAME}/{NAME}.7z")
    assert results["FROM_CACHE"] is False
    report = report_of(results)
    occupation = next(layer for layer in report["layers"] if layer["kind"] == "occupation")
    assert occupation["departement"] == "32" and occupation["millesimes"] == [2019]
    layer = QgsVectorLayer(occupation["uri"], "o", "ogr")
    assert _surfaces(layer) == pytest.approx(
        HAND_SURFACE_HA
    )  # four 1 ha squares and a 0.25 ha one, by hand
    # again: the same edition is reused, not downloaded twice
    again, feedback = run(
        "ocsge:download", {"DEPARTEMENT": "D032", "MILLESIME": "2019", "LOAD": False}
    )
    assert again["FROM_CACHE"] is True and again["ARCHIVE"] == str(path) and again["LAYERS"] == []
    assert _downloads(ign) == 1
    assert any("cache" in info for info in feedback.infos)


def test_download_to_a_folder_without_loading(run, ign, archive, tmp_path):
    serve_ign(ign, LISTING, zone="D032", archives={NAME: archive})
    folder = tmp_path / "mine"
    folder.mkdir()
    results, _ = run(
        "ocsge:download", {"DEPARTEMENT": "32", "FOLDER": str(folder), "LOAD": False}
    )  # most recent
    assert (
        results["ARCHIVE"] == str(folder / f"{NAME}.7z")
        and (folder / f"{NAME}.7z").read_bytes() == archive
    )
    assert results["REPORT"] == ""


def test_missing_millesime_lists_what_exists(run, ign):
    serve_ign(ign, LISTING, zone="D032")
    with pytest.raises(QgsProcessingException, match=r"Available: 2016 \(GPKG\), 2019 \(GPKG\)"):
        run("ocsge:download", {"DEPARTEMENT": "32", "MILLESIME": "2022"})
    with pytest.raises(QgsProcessingException, match=r"différence.*Available: 2016-2019 \(SHP\)"):
        run(
            "ocsge:download", {"DEPARTEMENT": "32", "KIND": 1, "MILLESIME": "2019"}
        )  # GPKG asked, SHP offered


def test_bad_departement_and_millesime(run, ign):
    with pytest.raises(QgsProcessingException, match="not a département"):
        run("ocsge:download", {"DEPARTEMENT": "99"})
    with pytest.raises(QgsProcessingException, match="not a millésime"):
        run("ocsge:download", {"DEPARTEMENT": "32", "MILLESIME": "deux mille"})
    assert ign.log == []


def test_server_failure_is_a_message(run, ign):
    ign.expect_request(f"{IGN}/resource/OCSGE").respond_with_json(
        {"message": "maintenance"}, status=502
    )
    with (
        plugin_settings(network__retries=1),
        pytest.raises(QgsProcessingException, match="HTTP 502.*maintenance"),
    ):
        run("ocsge:download", {"DEPARTEMENT": "32"})
    assert len(ign.log) == 2


def test_truncated_download_leaves_no_file(run, ign, archive, tmp_path):
    serve_ign(ign, LISTING, zone="D032")
    url = f"{IGN}/download/OCSGE/{NAME}/{NAME}.7z"
    ign.expect_request(url).respond_with_handler(
        lambda request: Response(
            iter([archive[:1000]]),
            headers={"Content-Length": str(len(archive))},
            direct_passthrough=True,
        )
    )
    with pytest.raises(QgsProcessingException, match="cut off"):
        run("ocsge:download", {"DEPARTEMENT": "32", "MILLESIME": "2019", "FOLDER": str(tmp_path)})
    assert list(tmp_path.iterdir()) == []  # nothing in the target folder


def test_cancel_leaves_no_file(run, ign, tmp_path):
    from support import Recorder

    serve_ign(ign, LISTING, zone="D032")

    def trickle(request):
        def chunks():
            for _ in range(50):
                yield b"z" * 2000
                time.sleep(0.05)

        return Response(chunks(), headers={"Content-Length": "100000"}, direct_passthrough=True)

    ign.expect_request(f"{IGN}/download/OCSGE/{NAME}/{NAME}.7z").respond_with_handler(trickle)
    feedback = Recorder()
    feedback.progressChanged.connect(lambda value: value > 0 and feedback.cancel())
    with pytest.raises(QgsProcessingException, match="Canceled"):
        run(
            "ocsge:download",
            {"DEPARTEMENT": "32", "MILLESIME": "2019", "FOLDER": str(tmp_path / "out")},
            feedback,
        )
    assert feedback.errors == ["Canceled."]
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.slow
def test_qgis_process_downloads(ign, archive, tmp_path):
    serve_ign(ign, LISTING, zone="D032", archives={NAME: archive})
    proc = qgis_process(
        "run",
        "ocsge:download",
        "--json",
        "--",
        "DEPARTEMENT=32",
        "MILLESIME=2019",
        f"FOLDER={tmp_path}",
        "LOAD=true",
        f"SERVICE_URL={ign.url_for(IGN)}",
    )
    result = json.loads(proc.stdout[proc.stdout.find("{") :])["results"]
    assert result["ARCHIVE"] == str(tmp_path / f"{NAME}.7z")
    assert (tmp_path / f"{NAME}.7z").read_bytes() == archive
    report = report_of(result)
    occupation = next(layer for layer in report["layers"] if layer["kind"] == "occupation")
    assert occupation["features"] == 5 and occupation["millesimes"] == [2019]
