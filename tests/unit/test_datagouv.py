"""data.gouv.fr client and the network client under it, against a real HTTP server on 127.0.0.1
answering in the API's shape: pagination, empty result, 429 / 423 then success, 500, 404 with a
message, a response slower than the timeout, a truncated download, DNS failure, refused
connection."""

from __future__ import annotations

import json
import time

import pytest
from fakeservices import API, dataset, plugin_settings, resource, serve_datagouv
from werkzeug import Response

from ocsge.ocsge_plugin.core.errors import Canceled
from ocsge.ocsge_plugin.services import datagouv, network

# 45 datasets about artificialisation, 3 about something else: 45 = 20 + 20 + 5 by hand.
ARTIF = [dataset(f"a{i:02d}", f"Artificialisation commune {i:02d}", "Cerema") for i in range(45)]
OTHER = [dataset(f"b{i}", f"Réseau cyclable {i}", "Région") for i in range(3)]


@pytest.fixture
def api(httpserver_ipv4, qgis_app):
    with plugin_settings(
        datagouv_url=httpserver_ipv4.url_for(API), network__backoff=0.01, network__timeout=5
    ):
        yield httpserver_ipv4


def client(**kwargs) -> network.Client:
    kwargs.setdefault("retries", 2)
    kwargs.setdefault("backoff", 0.01)
    return network.Client(**kwargs)


def test_search_pages_through_the_results(api):
    calls = []
    serve_datagouv(api, ARTIF + OTHER, calls)
    service = datagouv.DataGouv()  # base URL from the plugin settings
    first = service.search("artificialisation", page=1, page_size=20)
    assert first.total == 45 and first.pages == 3 and len(first.datasets) == 20
    assert first.next_page and first.previous_page is None
    assert first.datasets[0].title == "Artificialisation commune 00"
    assert first.datasets[0].organization == "Cerema"
    assert first.datasets[0].updated == "2024-05-02"
    last = service.search("artificialisation", page=3, page_size=20)
    assert [d.id for d in last.datasets] == ["a40", "a41", "a42", "a43", "a44"]
    assert last.previous_page and last.next_page is None
    assert calls[0] == {"q": "artificialisation", "page": "1", "page_size": "20"}
    # page_size is capped at the API's 100
    service.search("artificialisation", page_size=500)
    assert calls[-1]["page_size"] == "100"


def test_empty_result(api):
    serve_datagouv(api, OTHER)
    page = datagouv.DataGouv().search("zzzz introuvable")
    assert page.total == 0 and page.datasets == () and page.pages == 1
    assert page.next_page is None and page.previous_page is None


def test_dataset_and_its_resources(api):
    url = "https://static.data.gouv.fr/resources/artif/20240502-080000/artif-commune.gpkg"
    raw = dataset(
        "67bddc715e3badfc49d5df9b",
        "Stock d'imperméabilisation par commune",
        "Cerema",
        [
            resource("r1", "Communes (GeoPackage)", "gpkg", url, filesize=2_500_000),
            resource("r2", "Shapefile", "zip", "https://x.test/a%20b/communes.zip"),
            resource("r3", "Table", "csv", "https://x.test/t.csv"),
            resource("r4", "Notice", "pdf", "https://x.test/notice.pdf"),
            resource(
                "r5", "Contours", "json", "https://x.test/contours", mime="application/geo+json"
            ),
            resource(
                "r6", "Livraison", "7z", "https://x.test/OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01.7z"
            ),
        ],
    )
    serve_datagouv(api, [raw])
    found = datagouv.DataGouv().dataset("67bddc715e3badfc49d5df9b")
    assert (
        found.title == "Stock d'imperméabilisation par commune" and found.organization == "Cerema"
    )
    assert found.page.endswith("/datasets/stock-d'imperméabilisation-par-commune/")
    kinds = [r.kind for r in found.resources]
    assert kinds == ["gpkg", "shp_zip", "csv", None, "geojson", "ocsge_7z"]
    first = found.resources[0]
    assert first.file_name == "artif-commune.gpkg" and first.filesize == 2_500_000
    assert datagouv.human_size(first.filesize) == "2.5 MB"
    assert found.resources[1].file_name == "communes.zip"
    assert found.resources[4].file_name == "contours.json"
    assert (
        "pdf" in found.resources[3].why_not_displayable()
        and found.resources[0].why_not_displayable() == ""
    )


def test_404_says_what_the_api_said_and_is_not_retried(api):
    api.expect_request(f"{API}/datasets/nope/").respond_with_json(
        {"message": "Dataset not found"}, status=404
    )
    with pytest.raises(network.NetworkError, match="Dataset not found") as caught:
        datagouv.DataGouv(client()).dataset("nope")
    assert caught.value.status == 404 and len(api.log) == 1


@pytest.mark.parametrize("status", [429, 423])
def test_slow_down_then_success(api, status):
    answers = iter(
        [
            Response(
                json.dumps({"message": "Too many requests"}),
                status=status,
                headers={"Retry-After": "0.3"},
            ),
            Response(
                json.dumps(
                    {
                        "data": [],
                        "page": 1,
                        "page_size": 20,
                        "total": 0,
                        "next_page": None,
                        "previous_page": None,
                    }
                )
            ),
        ]
    )
    api.expect_request(f"{API}/datasets/").respond_with_handler(lambda request: next(answers))
    said = []
    page = datagouv.DataGouv(client(log=said.append)).search("ocs ge")
    assert page.total == 0 and len(api.log) == 2
    assert len(said) == 1 and f"HTTP {status}" in said[0] and "0.3 s" in said[0], (
        said
    )  # the server's Retry-After


def test_500_is_retried_a_bounded_number_of_times(api):
    api.expect_request(f"{API}/datasets/").respond_with_json({"message": "boom"}, status=500)
    with pytest.raises(network.NetworkError, match="HTTP 500") as caught:
        datagouv.DataGouv(client(retries=2)).search("ocs ge")
    assert caught.value.kind == "http" and "3 attempts" in str(caught.value)
    assert len(api.log) == 3  # one try + two retries, then a message


def test_retry_delay_follows_the_server():
    now = 1_700_000_000.0
    assert network.retry_delay({"retry-after": "7"}, 0, 1.0, 60, now) == 7
    assert network.retry_delay(
        {"retry-after": "Tue, 14 Nov 2023 22:13:40 GMT"}, 0, 1.0, 60, now
    ) == pytest.approx(20)
    assert network.retry_delay(
        {"x-ratelimit-reset": str(now + 12)}, 0, 1.0, 60, now
    ) == pytest.approx(12)
    assert network.retry_delay({"x-ratelimit-reset": "5"}, 0, 1.0, 60, now) == 5
    assert [network.retry_delay({}, n, 1.5, 60, now) for n in range(3)] == [1.5, 3.0, 6.0]
    assert (
        network.retry_delay({"retry-after": "3600"}, 0, 1.0, 60, now) == 60
    )  # never longer than max_wait
    assert [s for s in (200, 404, 423, 429, 500, 501, 503) if network.should_retry(s)] == [
        423,
        429,
        500,
        503,
    ]


def test_slow_answer_times_out(api):
    def slow(request):
        time.sleep(1.5)
        return Response("{}")

    api.expect_request(f"{API}/datasets/").respond_with_handler(slow)
    with pytest.raises(network.NetworkError, match="No answer") as caught:
        datagouv.DataGouv(client(timeout=0.3)).search("ocs ge")
    assert caught.value.kind == "timeout" and "0.3 s" in str(caught.value)


def test_timeout_from_the_settings(api):
    def slow(request):
        time.sleep(1.2)
        return Response("{}")

    api.expect_request(f"{API}/datasets/").respond_with_handler(slow)
    with plugin_settings(network__timeout=0.25), pytest.raises(network.NetworkError) as caught:
        datagouv.DataGouv().search("ocs ge")
    assert caught.value.kind == "timeout" and "0.25 s" in str(caught.value)


def test_not_json_is_a_clear_message(api):
    api.expect_request(f"{API}/datasets/").respond_with_data(
        "<html>portail captif</html>", content_type="text/html"
    )
    with pytest.raises(network.NetworkError, match="did not answer in JSON"):
        datagouv.DataGouv(client()).search("ocs ge")


def test_dns_failure_and_refused_connection_fail_at_once(qgis_app):
    with pytest.raises(network.NetworkError, match="cannot be found") as caught:
        datagouv.DataGouv(client(), "http://ocsge-test.invalid/api/1").search("ocs ge")
    assert caught.value.kind == "dns"
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(network.NetworkError, match="refused") as caught:
        datagouv.DataGouv(client(), f"http://127.0.0.1:{port}/api/1").search("ocs ge")
    assert caught.value.kind == "refused"


def test_download_into_the_cache_is_reused_until_the_file_changes(api, tmp_path):
    body = bytes(range(256)) * 40
    api.expect_request("/files/communes.gpkg").respond_with_data(body)
    url = api.url_for("/files/communes.gpkg")
    service = datagouv.DataGouv(client())
    with plugin_settings(cache_dir=str(tmp_path / "cache")):
        path, reused = service.download(
            datagouv.Resource.from_api(resource("r1", "Communes", "gpkg", url))
        )
        assert not reused and path.read_bytes() == body
        assert path.parent == tmp_path / "cache" / "datagouv" / "r1"
        again = service.download(
            datagouv.Resource.from_api(resource("r1", "Communes", "gpkg", url))
        )
        assert again.reused and again.path == path and len(api.log) == 1
        newer = resource("r1", "Communes", "gpkg", url, last_modified="2025-01-01T00:00:00+00:00")
        _, reused = service.download(datagouv.Resource.from_api(newer))
        assert not reused and len(api.log) == 2


def test_truncated_download_leaves_no_file(api, tmp_path):
    def cut(request):  # announces 10 000 bytes, sends 4 000, closes
        return Response(
            iter([b"x" * 4000]), headers={"Content-Length": "10000"}, direct_passthrough=True
        )

    api.expect_request("/files/big.gpkg").respond_with_handler(cut)
    with pytest.raises(network.NetworkError, match="cut off") as caught:
        client().download(api.url_for("/files/big.gpkg"), tmp_path / "big.gpkg")
    assert caught.value.kind == "truncated" and "4000 of 10000" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_canceled_download_leaves_no_file(api, tmp_path):
    def trickle(request):
        def chunks():
            for _ in range(40):
                yield b"y" * 1000
                time.sleep(0.05)

        return Response(chunks(), headers={"Content-Length": "40000"}, direct_passthrough=True)

    api.expect_request("/files/slow.gpkg").respond_with_handler(trickle)
    seen = []
    with pytest.raises(Canceled):
        client(is_canceled=lambda: bool(seen)).download(
            api.url_for("/files/slow.gpkg"), tmp_path / "slow.gpkg", seen.append
        )
    assert seen and seen[0] < 100
    assert list(tmp_path.iterdir()) == []
