"""Real qgis_process runs interrupted by signals (issues 12 and 24): SIGINT and SIGTERM are
cancels (exit status not 0, previous outputs intact, nothing left behind) on QGIS 3.22 too, whose
own SIGINT watcher would ignore them; a cancel that comes while the outputs are being put in
place names what was replaced; SIGKILL leaves a dead run's temporary files, which the next run
removes. During a download, an extraction and an export. (The runs that are not interrupted are
made in this process, to spare qgis_process's start-up.)"""

from __future__ import annotations

import ctypes
import os
import re
import select
import signal
import struct
import subprocess
import time
from pathlib import Path

import pytest
from builders import hand_delivery, seven_zip
from fakeservices import IGN, serve_ign
from support import DATA, QGIS_PROCESS_BUILD, ROOT
from werkzeug import Response

pytestmark = pytest.mark.slow

NAME = "OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01"


def start(cache: Path, *args: str) -> subprocess.Popen:
    # A run killed by SIGKILL cannot remove QGIS's temporaries (qgis_process.bin-*, QGIS3-*,
    # QGIS3.*): its own TMPDIR beside the cache, in the test's tmp_path, removed with it.
    tmp = cache.parent / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        OCSGE_BUILD_DIR=QGIS_PROCESS_BUILD,
        OCSGE_CACHE_DIR=str(cache),
        TMPDIR=str(tmp),
        OCSGE_LANG="en",  # the messages matched are the English source ones
    )
    return subprocess.Popen(
        [str(ROOT / "scripts" / "qgis_process"), "run", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def when(proc: subprocess.Popen, condition, timeout: float = 90.0) -> None:
    """Wait until ``condition()`` holds while ``proc`` runs."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(
                f"qgis_process ended ({proc.returncode}) before the moment to interrupt "
                f"it:\n{out[-2000:]}\n{err[-2000:]}"
            )
        time.sleep(0.005)
    proc.kill()
    raise AssertionError("the moment to interrupt never came")


def interrupt(proc: subprocess.Popen, signum: int) -> tuple[int, str]:
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out + err


def hidden(folder: Path) -> list[str]:
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.name.startswith(".") and not p.name.endswith((".lock", ".stamp"))
    )


def wait_for_orphans(text: str, timeout: float = 30.0) -> None:
    """Wait until no process (7-Zip left by a killed run) has ``text`` on its command line."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        busy = False
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                busy = busy or text in Path(f"/proc/{pid}/cmdline").read_bytes().decode(
                    errors="replace"
                )
            except OSError:
                pass
        if not busy:
            return
        time.sleep(0.05)


# ----------------------------------------------------------------------------------- download


def test_download_interrupted_by_sigint_then_killed_then_complete(run, httpserver_ipv4, tmp_path):
    archive = (hand_delivery(tmp_path / "d", NAME).parent / "x").with_suffix(".7z")
    subprocess.run(
        [seven_zip(), "a", "-bd", str(archive), NAME],
        cwd=tmp_path / "d",
        check=True,
        capture_output=True,
    )
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
    httpserver_ipv4.expect_request(f"{IGN}/download/OCSGE/{NAME}/{NAME}.7z").respond_with_handler(
        answer
    )
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / f"{NAME}.7z").write_bytes(b"the previous archive")
    args = (
        "ocsge:download",
        "--",
        "DEPARTEMENT=32",
        "MILLESIME=2019",
        "LOAD=false",
        f"FOLDER={folder}",
        f"SERVICE_URL={httpserver_ipv4.url_for(IGN)}",
    )

    def downloading():
        return any(".part" in p.name for p in folder.iterdir())

    proc = start(tmp_path / "cache", *args)
    when(proc, downloading)
    code, output = interrupt(proc, signal.SIGINT)
    assert code != 0 and "Canceled" in output and "Traceback" not in output
    assert (
        os.listdir(folder) == [f"{NAME}.7z"]
        and (folder / f"{NAME}.7z").read_bytes() == b"the previous archive"
    )

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
    (delivery / "OCS-GE" / "ANNEXES.bin").write_bytes(
        os.urandom(60 * 10**6)
    )  # something to extract for a while
    archive = tmp_path / "d" / f"{NAME}.7z"
    subprocess.run(
        [seven_zip(), "a", "-mx0", "-bd", str(archive), NAME],
        cwd=tmp_path / "d",
        check=True,
        capture_output=True,
    )
    cache = tmp_path / "cache"
    extract = cache / "extract"

    def extracting():
        return extract.is_dir() and any(p.name.endswith(".partdir") for p in extract.iterdir())

    proc = start(cache, "ocsge:load", "--", f"INPUT={archive}")
    when(proc, extracting)
    code, output = interrupt(proc, signal.SIGTERM)
    assert code != 0 and "Cancel" in output and "Traceback" not in output
    assert hidden(extract) == []

    for entry in list(
        extract.iterdir()
    ):  # whether or not the first extraction had ended: a cold cache again
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
    args = (
        "ocsge:diagnostic",
        "--",
        f"INPUT={sample}",
        f"COMMUNES={DATA / 'communes-90-territoire-de-belfort.geojson'}",
        "CODE_FIELD=code",
        "NAME_FIELD=nom",
        f"MEMBERSHIP={DATA / 'appartenance-communes-90.csv'}",
        "METHOD=2",
        f"OUTPUT_FOLDER={out}",
    )
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
    assert {
        p.name: p.read_bytes() for p in out.iterdir()
    } == before  # nothing left, nothing replaced

    proc = start(cache, *args)
    when(proc, exporting)
    interrupt(proc, signal.SIGKILL)
    assert len(hidden(out)) == 1  # the dead run's temporary folder
    assert {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")} == before

    run("ocsge:diagnostic", dict(arg.split("=", 1) for arg in args[2:]))
    assert hidden(out) == [] and sorted(p.name for p in out.iterdir()) == sorted(before)


def test_export_interrupted_by_sigint_keeps_the_previous_set(run, sample, tmp_path):
    """Ctrl+C during the export: QGIS 3.22's qgis_process alone went on and replaced every file
    (exit 0)."""
    out = tmp_path / "diagnostic"
    args = diagnostic_args(sample, out)
    run("ocsge:diagnostic", dict(arg.split("=", 1) for arg in args[2:]))
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    proc = start(tmp_path / "cache", *args)
    when(proc, lambda: any(p.name.endswith(".partdir") and any(p.iterdir()) for p in out.iterdir()))
    code, output = interrupt(proc, signal.SIGINT)
    assert code != 0 and "Traceback" not in output
    assert "Canceled: what was being written is removed, previous outputs are kept." in output
    assert {
        p.name: p.read_bytes() for p in out.iterdir()
    } == before  # nothing left, nothing replaced


def test_sigint_while_the_outputs_are_put_in_place_names_every_file_replaced(run, sample, tmp_path):
    """Ctrl+C at the instant the export's files start replacing the previous ones (its list of files
    to move is written): too late to keep them; the error says so and names each file replaced."""
    out = tmp_path / "diagnostic"
    args = diagnostic_args(sample, out)
    run("ocsge:diagnostic", dict(arg.split("=", 1) for arg in args[2:]))
    before = {p.name: p.stat().st_ino for p in out.iterdir()}

    proc = start(tmp_path / "cache", *args)
    when(proc, lambda: any(p.name.endswith(".partdir") for p in out.iterdir()))
    staging = next(p for p in out.iterdir() if p.name.endswith(".partdir"))
    with Inotify(staging) as watch:
        assert watch.wait_for(".ready", proc), "the export never began to put its files in place"
        proc.send_signal(signal.SIGINT)
    out_text, err_text = proc.communicate(timeout=60)
    output = out_text + err_text
    assert proc.returncode != 0 and "Traceback" not in output
    replaced = sorted(name for name, inode in before.items() if (out / name).stat().st_ino != inode)
    # every file of the set (58 tables), never half old, half new, and the run's REPORT
    # (rapport_diagnostic.json, written once the set is in place: it describes the new tables)
    assert len(replaced) == len(before) == 59 and "rapport_diagnostic.json" in replaced
    message = re.search(
        r"Canceled too late to keep the previous outputs: (\d+) outputs had already been replaced "
        r"by this run's results \((.*?)\)\. The outputs not listed",
        output,
        re.S,
    )
    assert message, output[-3000:]
    assert int(message.group(1)) == 59
    folder, names = message.group(2).split(": ", 1)
    assert folder == str(out) and sorted(names.split(", ")) == replaced
    assert "previous outputs are kept" not in output and "no file was written" not in output
    assert sorted(p.name for p in out.iterdir()) == sorted(before)  # nothing left behind


def diagnostic_args(sample: Path, out: Path) -> tuple[str, ...]:
    return (
        "ocsge:diagnostic",
        "--",
        f"INPUT={sample}",
        f"COMMUNES={DATA / 'communes-90-territoire-de-belfort.geojson'}",
        "CODE_FIELD=code",
        "NAME_FIELD=nom",
        f"MEMBERSHIP={DATA / 'appartenance-communes-90.csv'}",
        "METHOD=2",
        f"OUTPUT_FOLDER={out}",
    )


class Inotify:
    """Linux's inotify on one folder (files created in it), through libc: the instant a file
    appears, not the next poll."""

    IN_CREATE = 0x100

    def __init__(self, folder: Path):
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_NONBLOCK)
        assert (
            self.fd >= 0
            and self.libc.inotify_add_watch(self.fd, str(folder).encode(), self.IN_CREATE) >= 0
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        os.close(self.fd)

    def wait_for(self, name: str, proc: subprocess.Popen, timeout: float = 90.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end and proc.poll() is None:
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if not ready:
                continue
            data = os.read(self.fd, 65536)
            offset = 0
            while offset < len(data):
                _wd, _mask, _cookie, length = struct.unpack_from("iIII", data, offset)
                created = data[offset + 16 : offset + 16 + length].rstrip(b"\0").decode()
                offset += 16 + length
                if created == name:
                    return True
        return False


def test_sigint_at_any_moment_of_a_run_is_never_ignored(sample, tmp_path):
    """Ctrl+C at moments spread over the algorithm's run (QGIS 3.22 ignored 33 of 60): each run ends
    with an exit status not 0, and what it says is what happened to the files — previous ones kept,
    or the files it names replaced; or, once the algorithm has returned (qgis_process printing its
    results), the process ends by the signal with the new set complete. The algorithm has begun when
    its deliveries' normalised layers appear in its (fresh) cache."""
    out = tmp_path / "diagnostic"
    args = diagnostic_args(sample, out)

    def begun(cache: Path):
        return lambda: (cache / "normalised").is_dir()

    first = start(tmp_path / "cache0", *args)
    when(first, begun(tmp_path / "cache0"))
    began = time.monotonic()
    first.communicate(timeout=300)
    assert first.returncode == 0
    duration = time.monotonic() - began
    outcomes = []
    for index, fraction in enumerate((0.2, 0.4, 0.6, 0.8, 0.9, 0.97), start=1):
        before = {p.name: p.stat().st_ino for p in out.iterdir()}
        cache = tmp_path / f"cache{index}"
        proc = start(cache, *args)
        when(proc, begun(cache))
        time.sleep(fraction * duration)
        if proc.poll() is not None:  # already over: nothing was interrupted
            proc.communicate()
            continue
        code, output = interrupt(proc, signal.SIGINT)
        replaced = sorted(
            name for name, inode in before.items() if (out / name).stat().st_ino != inode
        )
        assert "Traceback" not in output, (fraction, code, output[-2000:])
        if (
            code == 0
        ):  # QGIS 3.44's qgis_process takes a SIGINT that comes once the algorithm has returned
            assert len(replaced) == len(before) and "previous outputs are kept" not in output, (
                fraction,
                output[-2000:],
            )
            outcomes.append("ended")
            continue
        assert code != 0, (fraction, code, output[-2000:])
        assert sorted(p.name for p in out.iterdir()) == sorted(before)  # nothing left behind
        if "Canceled too late" in output:
            named = (
                re.search(r"results \((.*?)\)\. The outputs not listed", output, re.S)
                .group(1)
                .split(": ", 1)[1]
            )
            assert sorted(named.split(", ")) == replaced, fraction
            outcomes.append("named")
        elif "previous outputs are kept." in output:
            assert replaced == [], fraction
            outcomes.append("kept")
        else:
            assert code == -signal.SIGINT and len(replaced) == len(before), (
                fraction,
                code,
                output[-2000:],
            )
            outcomes.append("ended")
    assert outcomes.count("kept") >= 2, (
        outcomes
    )  # the moments are spread: most come during the computation
