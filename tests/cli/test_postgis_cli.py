"""PostGIS as a destination through the real qgis_process (issue 24): a table another session keeps
locked is named, with PostgreSQL's reason. (In qgis_process GDAL's last error is gone once its error
handler is popped: the plugin said "current transaction is aborted" against the first table.)"""

from __future__ import annotations

import os
import subprocess
import uuid

import pytest
from builders import belfort_params, belfort_sample
from pglocks import hold_lock, release
from support import QGIS_PROCESS_BUILD, ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample90pgcli")
    belfort_sample(out)
    return out


def diagnostic(sample, out, dsn: str, schema: str) -> subprocess.CompletedProcess:
    params = belfort_params(sample, "OUTPUT_FOLDER", out, DATABASE=dsn, SCHEMA=schema, METHOD="2")
    env = dict(os.environ, OCSGE_BUILD_DIR=QGIS_PROCESS_BUILD)
    return subprocess.run(
        [
            str(ROOT / "scripts" / "qgis_process"),
            "run",
            "ocsge:diagnostic",
            "--",
            *(f"{k}={v}" for k, v in params.items()),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_locked_table_is_named_with_postgresql_s_reason(run, sample, postgis, tmp_path):
    """imper_epci kept locked by another session (after artif_commune… in the order of writing):
    after the 30 s the plugin waits, the error names imper_epci and PostgreSQL's reason; nothing
    changed."""
    schema = "resultats_" + uuid.uuid4().hex[:8]
    postgis.psql(f"CREATE SCHEMA {schema}")
    run(
        "ocsge:diagnostic",
        belfort_params(
            sample,
            "OUTPUT_FOLDER",
            tmp_path / "first",
            DATABASE=postgis.dsn(),
            SCHEMA=schema,
            METHOD=2,
        ),
    )
    query = f"SELECT commune_code, surface_artif FROM {schema}.artif_commune ORDER BY 1"
    before = postgis.psql(query)
    locker = hold_lock(postgis, f"{schema}.imper_epci")
    try:
        done = diagnostic(sample, tmp_path / "second", postgis.dsn(), schema)
    finally:
        release(postgis, locker)
    output = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in output
    assert (
        f"The table {schema}.imper_epci could not be written into the PostgreSQL database" in output
    ), output[-3000:]
    assert "canceling statement due to lock timeout. Nothing was changed in the database." in output
    assert "transaction is aborted" not in output and "no COPY in progress" not in output
    assert postgis.psql(query) == before and len(before.splitlines()) > 50
    assert not (tmp_path / "second" / "artif_commune.csv").exists()
