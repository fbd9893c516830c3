"""Real qgis_process runs interrupted by signals (issue 12): SIGINT and SIGTERM are cancels (exit
status not 0, previous outputs intact, nothing left behind); SIGKILL leaves a dead run's temporary
files, which the next run removes. During a download, an extraction and an export. (The runs that
are not interrupted are made in this process, to spare qgis_process's start-up.)"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from builders import hand_delivery, seven_zip
from conftest import DATA, QGIS_PROCESS_BUILD, ROOT
from fakeservices import IGN, serve_ign
from werkzeug import Response

pytestmark = pytest.mark.slow

NAME = "OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01"


def start(cache: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, OCSGE_BUILD_DIR=QGIS_PROCESS_BUILD, OCSGE_CACHE_DIR=str(cache))
    return subprocess.Popen([str(ROOT / "scripts" / "qgis_process"), "run", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def when(proc: subprocess.Popen, condition, timeout: float = 90.0) -> None:
    """Wait until ``condition()`` holds while ``proc`` runs."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"qgis_process ended ({proc.returncode}) before the moment to interrupt it:\n{out[-2000:]}\n{err[-2000:]}")
        time.sleep(0.005)
    proc.kill()
    raise AssertionError("the moment to interrupt never came")


def interrupt(proc: subprocess.Popen, signum: int) -> tuple[int, str]:
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out + err


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and not p.name.endswith((".lock", ".stamp")))


def wait_for_orphans(text: str, timeout: float = 30.0) -> None:
    """Wait until no process (7-Zip left by a killed run) has ``text`` on its command line."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        busy = False
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                busy = busy or text in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
            except OSError:
                pass
        if not busy:
            return
        time.sleep(0.05)


# ----------------------------------------------------------------------------------- download


def test_download_interrupted_by_sigint_then_killed_then_complete(run, httpserver_ipv4, tmp_path):
    archive = (hand_delivery(tmp_path / "d", NAME).parent / "x").with_suffix(".7z")
    subprocess.run([seven_zip(), "a", "-bd", str(archive), NAME], cwd=tmp_path / "d", check=True, capture_output=True)
    content = archive.read_bytes()
    slow = [True]

    def answer(request):
        if slow[0]:  # a slow server: interrupted before the end
            def drip():
                for _ in range(200):
                    yield b"z" * 2000
                    time.sleep(0.05)

            return Response(drip(), headers={"Content-Length": str(10**7)}, direct_passthrough=True)
        return Response(content, content_type="application/x-7z-compressed")

    serve_ign(httpserver_ipv4, {"OCSGE": [NAME], "OCSGE-ARTIFICIALISATION": []}, zone="D032")
    httpserver_ipv4.expect_request(f"{IGN}/download/OCSGE/{NAME}/{NAME}.7z").respond_with_handler(answer)
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / f"{NAME}.7z").write_bytes(b"the previous archive")
    args = ("ocsge:download", "--", "DEPARTEMENT=32", "MILLESIME=2019", "LOAD=false", f"FOLDER={folder}",
            f"SERVICE_URL={httpserver_ipv4.url_for(IGN)}")

    def downloading():
        return any(".part" in p.name for p in folder.iterdir())

    proc = start(tmp_path / "cache", *args)
    when(proc, downloading)
    code, output = interrupt(proc, signal.SIGINT)
    assert code != 0 and "Canceled" in output and "Traceback" not in output
    assert os.listdir(folder) == [f"{NAME}.7z"] and (folder / f"{NAME}.7z").read_bytes() == b"the previous archive"

    proc = start(tmp_path / "cache", *args)
    when(proc, downloading)
    interrupt(proc, signal.SIGKILL)
    assert len(hidden(folder)) == 1  # the dead run's partial download

    slow[0] = False
    results, _ = run("ocsge:download", dict(arg.split("=", 1) for arg in args[2:]))
    assert results["ARCHIVE"] == str(folder / f"{NAME}.7z")
    assert hidden(folder) == [] and (folder / f"{NAME}.7z").read_bytes() == content


# --------------------------------------------------------------------------------- extraction


def test_extraction_interrupted_by_sigterm_then_killed_then_complete(run, tmp_path, monkeypatch):
    delivery = hand_delivery(tmp_path / "d", NAME)
    (delivery / "OCS-GE" / "ANNEXES.bin").write_bytes(os.urandom(60 * 10**6))  # something to extract for a while
    archive = tmp_path / "d" / f"{NAME}.7z"
    subprocess.run([seven_zip(), "a", "-mx0", "-bd", str(archive), NAME], cwd=tmp_path / "d", check=True, capture_output=True)
    cache = tmp_path / "cache"
    extract = cache / "extract"

    def extracting():
        return extract.is_dir() and any(p.name.endswith(".partdir") for p in extract.iterdir())

    proc = start(cache, "ocsge:load", "--", f"INPUT={archive}")
    when(proc, extracting)
    code, output = interrupt(proc, signal.SIGTERM)
    assert code != 0 and "Cancel" in output and "Traceback" not in output
    assert hidden(extract) == []

    for entry in list(extract.iterdir()):  # whether or not the first extraction had ended: a cold cache again
        if entry.is_dir():
            subprocess.run(["rm", "-rf", str(entry)], check=True)
    proc = start(cache, "ocsge:load", "--", f"INPUT={archive}")
    when(proc, extracting)
    interrupt(proc, signal.SIGKILL)
    left = hidden(extract)
    assert len(left) == 1  # the dead run's unfinished extraction
    wait_for_orphans(left[0])

    monkeypatch.setenv("OCSGE_CACHE_DIR", str(cache))
    results, _ = run("ocsge:load", {"INPUT": str(archive)})
    assert results["OCCUPATION"]
    assert hidden(extract) == []
    assert [p for p in extract.iterdir() if p.is_dir() and (p / ".complete").is_file()]


# ------------------------------------------------------------------------------------- export


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    import sample_generator

    out = tmp_path_factory.mktemp("sample90sig")
    sample_generator.generate("90", 1500, seed=5, out=out, archive=False, flavour="gpkg")
    return out


def test_export_interrupted_by_sigterm_then_killed_keeps_the_previous_set(run, sample, tmp_path):
    out = tmp_path / "diagnostic"
    args = ("ocsge:diagnostic", "--", f"INPUT={sample}", f"COMMUNES={DATA / 'communes-90-territoire-de-belfort.geojson'}",
            "CODE_FIELD=code", "NAME_FIELD=nom", f"MEMBERSHIP={DATA / 'appartenance-communes-90.csv'}", "METHOD=2",
            f"OUTPUT_FOLDER={out}")
    cache = tmp_path / "cache"
    run("ocsge:diagnostic", dict(arg.split("=", 1) for arg in args[2:]))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(before) >= 16

    def exporting():
        return any(p.name.endswith(".partdir") and any(p.iterdir()) for p in out.iterdir())

    proc = start(cache, *args)
    when(proc, exporting)
    code, output = interrupt(proc, signal.SIGTERM)
    assert code != 0 and "Cancel" in output and "Traceback" not in output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing left, nothing replaced

    proc = start(cache, *args)
    when(proc, exporting)
    interrupt(proc, signal.SIGKILL)
    assert len(hidden(out)) == 1  # the dead run's temporary folder
    assert {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")} == before

    run("ocsge:diagnostic", dict(arg.split("=", 1) for arg in args[2:]))
    assert hidden(out) == [] and sorted(p.name for p in out.iterdir()) == sorted(before)
