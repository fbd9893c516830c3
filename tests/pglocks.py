"""A table kept locked by another PostgreSQL session, for the tests of a write that meets it."""

from __future__ import annotations

import subprocess
import time


def hold_lock(cluster, relation: str) -> subprocess.Popen:
    """Another session holding ``relation`` locked (ACCESS EXCLUSIVE: a DBA's long maintenance)."""
    proc = subprocess.Popen(
        [
            str(cluster.bindir / "psql"),
            "-X",
            "-q",
            "-h",
            "127.0.0.1",
            "-p",
            str(cluster.port),
            "-U",
            cluster.user,
            "-d",
            "ocsge",
            "-c",
            f"BEGIN; LOCK TABLE {relation} IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120);",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    end = time.monotonic() + 30
    while time.monotonic() < end:
        if (
            cluster.psql(
                f"SELECT count(*) FROM pg_locks WHERE relation = '{relation}'::regclass "
                "AND mode = 'AccessExclusiveLock' AND granted"
            )
            == "1"
        ):
            return proc
        time.sleep(0.1)
    raise AssertionError("the lock was never taken")


def release(cluster, proc: subprocess.Popen) -> None:
    proc.kill()
    proc.wait()
    cluster.psql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE "
        "'%pg_sleep(120)%' AND pid <> pg_backend_pid()"
    )
