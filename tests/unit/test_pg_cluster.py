"""scripts/pg_cluster.py, the tests' private PostgreSQL: it answers on 127.0.0.1 with PostGIS, and a
cluster whose process dies without stopping it (SIGKILL) is stopped and removed by its watchdog."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from support import ROOT


def test_the_session_cluster_has_postgis_and_refuses_a_wrong_password(postgis):
    assert postgis.psql("SELECT PostGIS_Lib_Version() IS NOT NULL") == "t"
    proc = subprocess.run(
        [
            str(postgis.bindir / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(postgis.port),
            "-U",
            "ocsge_pw",
            "-d",
            "ocsge",
            "-w",
            "-c",
            "SELECT 1",
        ],
        capture_output=True,
        text=True,
        env={"PGPASSWORD": "faux"},
    )
    assert proc.returncode != 0 and "password" in proc.stderr


def test_a_cluster_whose_process_is_killed_is_stopped_and_removed():
    script = (
        "import sys, time; sys.path.insert(0, sys.argv[1]); import pg_cluster; "
        "c = pg_cluster.Cluster(pg_cluster.find_bindir()).start(); print(c.folder, "
        "c.port, flush=True); time.sleep(600)"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script, str(ROOT / "scripts")], stdout=subprocess.PIPE, text=True
    ) as proc:
        folder, port = proc.stdout.readline().split()
        assert Path(folder, "data", "postmaster.pid").exists()
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.time() + 30
    while Path(folder).exists() and time.time() < deadline:
        time.sleep(0.5)
    assert not Path(folder).exists()
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", int(port))) != 0  # nothing listens any more
