"""Bounded outside input (issue 24, point 3), on real archives, a real small disk (tmpfs) and
real servers on 127.0.0.1: a 7z bomb and an archive larger than the free space are refused before
a byte is written, a disk filled during extraction is said full (not « corrupt »), an archive
writing more than it lists is stopped; a download never takes more than its declared size (+
margin) nor the disk, ends at a deadline proportional to its size, and an exception inside a Qt
slot comes back as the caller's error (it aborted qgis_process, rc 134)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from builders import tmpfs
from fakeservices import API, IGN, plugin_settings, resource, serve_ign
from support import qgis_process
from werkzeug import Response

from ocsge.ocsge_plugin.core import settings
from ocsge.ocsge_plugin.core.errors import DeliveryError
from ocsge.ocsge_plugin.services import datagouv, network
from ocsge.ocsge_plugin.storage import archives

NAME = "OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01"
MB = 1_000_000


def everything_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def files_under(folder: Path) -> list[str]:
    return [p for p in everything_under(folder) if (folder / p).is_file()]


def free_bytes(folder: Path) -> int:
    return shutil.disk_usage(folder).free


@pytest.fixture
def disk(tmp_path):
    """A real 20 MB filesystem (tmpfs), unmounted after the test."""
    with tmpfs(tmp_path / "disk", "20m") as mount:
        yield mount


@pytest.fixture
def server(httpserver_ipv4, tmp_path):
    with plugin_settings(
        ign_url=httpserver_ipv4.url_for(IGN),
        datagouv_url=httpserver_ipv4.url_for(API),
        network__backoff=0.01,
        network__timeout=5,
        network__retries=0,
        cache_dir=str(tmp_path / "cache"),
    ):
        yield httpserver_ipv4


def pack(tmp_path: Path, files: dict[str, bytes | int], name: str = NAME) -> Path:
    """A real .7z made by 7-Zip (the plugin's finder: 7z, 7za or 7zz) of ``files``: bytes, or a
    count of zeros."""
    exe = archives.seven_zip()
    assert exe, "a 7-Zip program is needed"
    work = tmp_path / "pack"
    work.mkdir(exist_ok=True)
    for entry, content in files.items():
        path = work / entry
        if isinstance(content, int):
            with path.open("wb") as handle:
                for _ in range(content // MB):
                    handle.write(b"\0" * MB)
        else:
            path.write_bytes(content)
    archive = tmp_path / f"{name}.7z"
    subprocess.run(
        [exe, "a", "-bd", "-mx=1", str(archive), *files], cwd=work, check=True, capture_output=True
    )
    shutil.rmtree(work)
    return archive


# ------------------------------------------------------------------------------------------
# archives


def test_7z_bomb_is_refused_before_extraction(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv(settings.CACHE_ENV, str(cache))
    bomb = pack(tmp_path, {"zeros.gpkg": 200 * MB})
    assert bomb.stat().st_size < MB  # a few hundred KB that list 200 MB
    start = time.monotonic()
    with pytest.raises(DeliveryError, match="times its size") as error:
        archives.extract_archive(bomb)
    assert "200.0 MB" in str(error.value) and time.monotonic() - start < 10
    assert [p for p in everything_under(cache) if not p.endswith(".lock")] == [
        "extract"
    ]  # not a byte written


def test_7z_larger_than_the_cache_disk_is_refused_before_extraction(tmp_path, disk, monkeypatch):
    monkeypatch.setenv(settings.CACHE_ENV, str(disk / "cache"))
    archive = pack(
        tmp_path, {"occupation.gpkg": os.urandom(30 * MB)}
    )  # incompressible: listed ≈ archive size
    before = free_bytes(disk)
    with pytest.raises(DeliveryError, match="Not enough space") as error:
        archives.extract_archive(archive)
    assert "30.0 MB needed" in str(error.value)
    assert [p for p in everything_under(disk / "cache") if not p.endswith(".lock")] == ["extract"]
    assert free_bytes(disk) >= before - 64 * 1024  # nothing written (a lock file at most)


def test_disk_filled_during_extraction_is_said_full_not_corrupt(tmp_path, disk, monkeypatch):
    """Another program fills the disk after the check (simulated: the check passes): 7-Zip's
    errno 28 line is the message, no longer « corrupt or truncated (7-Zip: System ERROR:) »."""
    monkeypatch.setenv(settings.CACHE_ENV, str(disk / "cache"))
    monkeypatch.setattr(archives, "check_room", lambda listed, parts, folder: None)
    archive = pack(tmp_path, {"occupation.gpkg": os.urandom(30 * MB)})
    with pytest.raises(DeliveryError) as error:
        archives.extract_archive(archive)
    message = str(error.value)
    assert "is full" in message and "errno=28" in message and "corrupt" not in message, message
    assert [p for p in everything_under(disk / "cache") if not p.endswith(".lock")] == [
        "extract"
    ]  # the half extraction removed


def test_archive_writing_more_than_it_lists_is_stopped(tmp_path, monkeypatch):
    """A forged header (simulated: the listing says a hundredth of the real sizes) cannot write
    more."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(settings.CACHE_ENV, str(cache))
    real = archives._list_7z
    monkeypatch.setattr(
        archives,
        "_list_7z",
        lambda exe, path: [(n, link, size // 100) for n, link, size in real(exe, path)],
    )
    archive = pack(tmp_path, {"occupation.gpkg": os.urandom(20 * MB)})
    with pytest.raises(DeliveryError, match="writes more than"):
        archives.extract_archive(archive)
    assert [p for p in everything_under(cache) if not p.endswith(".lock")] == ["extract"]


@pytest.mark.slow
def test_qgis_process_refuses_a_7z_bomb_with_one_message(tmp_path, monkeypatch):
    """ocsge:load on the bomb through qgis_process: rc 1, the ratio said, no traceback, nothing
    extracted."""
    bomb = pack(tmp_path, {"zeros.gpkg": 200 * MB})
    cache = tmp_path / "cache"
    monkeypatch.setenv(settings.CACHE_ENV, str(cache))
    proc = qgis_process("run", "ocsge:load", "--", f"INPUT={bomb}", check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert ("times its size" in output or "fois sa taille" in output) and "Traceback" not in output
    assert [p for p in everything_under(cache / "extract") if not p.endswith(".lock")] == []


# ------------------------------------------------------------------------------------------
# downloads


def _stream(total: int, chunk: int = 64 * 1024, length: bool = False, delay: float = 0.0):
    def handler(request):
        def chunks():
            sent = 0
            while sent < total:
                size = min(chunk, total - sent)
                yield b"x" * size
                sent += size
                if delay:
                    time.sleep(delay)

        headers = {"Content-Length": str(total)} if length else {}
        return Response(
            chunks(),
            headers=headers,
            direct_passthrough=True,
            content_type="application/octet-stream",
        )

    return handler


def test_resource_sending_more_than_declared_is_cut(server, tmp_path):
    server.expect_request("/big.csv").respond_with_handler(_stream(300 * MB))  # no length announced
    declared = datagouv.Resource.from_api(
        resource("r1", "petit", "csv", server.url_for("/big.csv"), filesize=1000)
    )
    start = time.monotonic()
    with pytest.raises(network.NetworkError, match="declared size") as error:
        datagouv.DataGouv(network.Client(retries=0)).download(declared)
    assert error.value.kind == "oversized" and time.monotonic() - start < 20
    assert files_under(tmp_path / "cache") == []


def test_announced_length_beyond_declared_size_is_refused_at_once(server, tmp_path):
    server.expect_request("/big.csv").respond_with_handler(_stream(300 * MB, length=True))
    declared = datagouv.Resource.from_api(
        resource("r1", "petit", "csv", server.url_for("/big.csv"), filesize=1000)
    )
    with pytest.raises(network.NetworkError, match="300000000") as error:
        datagouv.DataGouv(network.Client(retries=0)).download(declared)
    assert error.value.kind == "oversized"
    assert files_under(tmp_path / "cache") == []


def test_download_filling_the_disk_stops_with_room_left(server, disk):
    server.expect_request("/sans-taille.7z").respond_with_handler(
        _stream(60 * MB)
    )  # neither declared nor announced
    with pytest.raises(network.NetworkError, match="full") as error:
        network.Client(retries=0).download(
            server.url_for("/sans-taille.7z"), disk / "sans-taille.7z"
        )
    assert error.value.kind == "disk_full" and "Traceback" not in str(error.value)
    assert (
        everything_under(disk) == [] and free_bytes(disk) > 512 * 1024
    )  # stopped before the disk was full


def test_declared_size_beyond_free_space_is_refused_before_asking(server, disk):
    server.expect_request("/gros.7z").respond_with_data(b"never asked")
    declared = datagouv.Resource.from_api(
        resource("r2", "gros", "7z", server.url_for("/gros.7z"), filesize=40 * MB)
    )
    with pytest.raises(network.NetworkError, match="Not enough space") as error:
        datagouv.DataGouv(network.Client(retries=0)).download(declared, disk)
    assert error.value.kind == "disk_full" and "40.0 MB needed" in str(error.value)
    assert server.log == [] and everything_under(disk) == []


def test_steady_drip_above_the_minimum_rate_ends_at_the_deadline(server, tmp_path):
    """1.2 KB/s passes the minimum rate (1 KB/s over every timeout) and never ended; the deadline
    for 60 KB at 50 KB/s is 2 × timeout + 1.2 s = 5.2 s."""
    server.expect_request("/drip.7z").respond_with_handler(
        _stream(60_000, chunk=120, length=True, delay=0.1)
    )
    folder = tmp_path / "downloads"
    with plugin_settings(network__min_rate=1000, network__deadline_rate=50_000):
        start = time.monotonic()
        with pytest.raises(network.NetworkError, match="did not end within") as error:
            network.Client(timeout=2, retries=0).download(
                server.url_for("/drip.7z"), folder / "drip.7z"
            )
    elapsed = time.monotonic() - start
    assert error.value.kind == "deadline" and 3.0 < elapsed < 8, elapsed
    assert everything_under(folder) == []


def test_exception_in_a_progress_callback_is_the_callers_error(server, tmp_path):
    """Raised inside the reply's downloadProgress slot, it aborted the process (PyQt's qFatal)."""
    server.expect_request("/a.7z").respond_with_handler(_stream(2 * MB, length=True))

    def progress(percent):
        raise RuntimeError("progress callback failed")

    folder = tmp_path / "downloads"
    with pytest.raises(RuntimeError, match="progress callback failed"):
        network.Client(retries=0).download(server.url_for("/a.7z"), folder / "a.7z", progress)
    assert everything_under(folder) == []


@pytest.mark.slow
def test_qgis_process_download_on_a_full_disk_is_an_error_not_an_abort(httpserver_ipv4, disk):
    """ocsge:download into a 20 MB folder from a server sending 60 MB without a length: rc 1 and
    one French or English message (it was rc 134, an OSError escaping a Qt slot), no file."""
    listing = {"OCSGE": [NAME], "OCSGE-ARTIFICIALISATION": []}
    serve_ign(httpserver_ipv4, listing, zone="D032")
    httpserver_ipv4.expect_request(f"{IGN}/download/OCSGE/{NAME}/{NAME}.7z").respond_with_handler(
        _stream(60 * MB)
    )
    proc = qgis_process(
        "run",
        "ocsge:download",
        "--",
        "DEPARTEMENT=32",
        "MILLESIME=2019",
        f"FOLDER={disk}",
        "LOAD=false",
        f"SERVICE_URL={httpserver_ipv4.url_for(IGN)}",
        check=False,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert ("is full" in output or "est plein" in output) and "Traceback" not in output
    assert everything_under(disk) == []


def test_an_address_with_a_password_never_echoes_it(server):
    """A mirror behind a login (http://user:password@host/…): 404, a refused scheme and a
    redirect to a local file are said naming the host, never the password (``{host}`` was the
    whole netloc, user:password@ included)."""
    server.expect_request("/absent.7z").respond_with_data("no", status=404)
    server.expect_request("/ailleurs").respond_with_response(
        Response(status=302, headers={"Location": "file://moi:s3cret@h/etc/passwd"})
    )
    base = server.url_for("/").replace("http://", "http://moi:s3cret@").rstrip("/")
    messages = []
    for call in (
        lambda: network.Client(retries=0).get(base + "/absent.7z"),
        lambda: network.Client(retries=0).get(base + "/ailleurs"),
        lambda: network.check_url("ftp://moi:s3cret@h/x"),
    ):
        with pytest.raises(network.NetworkError) as error:
            call()
        messages.append(str(error.value))
    assert [m for m in messages if "s3cret" in m] == [], messages
    assert "127.0.0.1" in messages[0] and "HTTP 404" in messages[0] and "moi:***@" in messages[0]
