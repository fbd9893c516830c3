"""A private PostgreSQL + PostGIS cluster for the tests and the bench: initdb in a temporary folder,
the server on 127.0.0.1 and a free port (no Unix socket), trust authentication but for one role that
needs its password, ``CREATE EXTENSION postgis`` in a fresh database; stopped and removed by
:meth:`Cluster.stop`, and by a watchdog process when the process that started it dies without
stopping it (SIGKILL).

The server's programs are looked for under /usr/lib/postgresql/<version>/bin (Debian's layout: 15
on Debian 12, 17 on trixie, 18 on sid), the highest version whose share has PostGIS's extension.
As root, the server runs as the ``postgres`` user Debian's packages create (PostgreSQL refuses to
run as root). This module is no part of the plugin (the tests' conftest and bench/postgis.py use
it)."""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PASSWORD_ROLE = "ocsge_pw"
PASSWORD = "mot-de-passe"
DATABASE = "ocsge"


def find_bindir() -> Path | None:
    """The bin folder of the highest PostgreSQL that has PostGIS, else None."""
    found = []
    for pg_ctl in glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"):
        version = Path(pg_ctl).parent.parent.name
        if glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control") and re.fullmatch(
            r"\d+(\.\d+)?", version
        ):
            found.append((float(version), Path(pg_ctl).parent))
    return max(found)[1] if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A running private cluster; ``dsn`` / ``uri`` name its database as superuser ``postgres``."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="ocsge-pg-"))
        self.data = self.folder / "data"
        self.port = 0
        self.user = "postgres"
        self._watchdog: subprocess.Popen | None = None
        self._as_postgres = os.geteuid() == 0

    # --- running the server's programs
    # -------------------------------------------------------------
    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        who = dict(user=self.user, group=self.user) if self._as_postgres else {}
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=120, cwd=self.folder, **who
        )
        if check and proc.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args[:2])} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
            )
        return proc

    def start(self) -> Cluster:
        if self._as_postgres:
            owner = pwd.getpwnam(self.user)
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            self.user,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        (self.data / "pg_hba.conf").write_text(
            f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n"
            "host all all 127.0.0.1/32 trust\n"
        )
        options = (
            "-c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c "
            "synchronous_commit=off -c full_page_writes=off"
        )
        for attempt in range(5):
            self.port = free_port()
            proc = self._run(
                "pg_ctl",
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(self.data),
                "-l",
                str(self.folder / "server.log"),
                "-o",
                f"-p {self.port} {options}",
                check=False,
            )
            if proc.returncode == 0:
                break
            if attempt == 4:
                log = (
                    (self.folder / "server.log").read_text(errors="replace")
                    if (self.folder / "server.log").exists()
                    else ""
                )
                raise RuntimeError(f"pg_ctl start failed:\n{proc.stdout}\n{proc.stderr}\n{log}")
        self._start_watchdog()
        self.psql("CREATE DATABASE " + DATABASE, database="postgres")
        self.psql(
            f"CREATE EXTENSION postgis; CREATE ROLE {PASSWORD_ROLE} LOGIN SUPERUSER "
            f"PASSWORD '{PASSWORD}';"
        )
        return self

    def _start_watchdog(self) -> None:
        """A shell that stops the server and removes the folder once this process is gone."""
        pid_file = self.data / "postmaster.pid"  # SIGQUIT: PostgreSQL's immediate shutdown
        script = (
            f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; "
            f"kill -QUIT $(head -1 {pid_file}) 2>/dev/null; sleep 2; rm -rf {self.folder}"
        )
        self._watchdog = subprocess.Popen(
            ["/bin/sh", "-c", script],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self.data.exists():
            self._run("pg_ctl", "stop", "-m", "fast", "-w", "-D", str(self.data), check=False)
        if self._watchdog is not None:
            self._watchdog.kill()
            self._watchdog.wait()
            self._watchdog = None
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- talking to it
    # -----------------------------------------------------------------------------
    def dsn(
        self,
        database: str = DATABASE,
        user: str | None = None,
        password: str | None = None,
        port: int | None = None,
    ) -> str:
        """A libpq connection string (also QGIS's data source URI prefix)."""
        text = (
            f"dbname='{database}' host=127.0.0.1 port={port or self.port} "
            f"user='{user or self.user}' sslmode=disable"
        )
        return text + (f" password='{password}'" if password else "")

    def psql(self, sql: str, database: str = DATABASE) -> str:
        """Run ``sql`` (stopping at the first error); the unaligned, tuples-only output."""
        proc = subprocess.run(
            [
                str(self.bindir / "psql"),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                self.user,
                "-d",
                database,
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"psql: {proc.stderr.strip()}\n{sql[:500]}")
        return proc.stdout.strip()

    def load(self, source: str, table: str, **options) -> None:
        """Copy the layer ``source`` (a path; ``layers=[name]`` to choose) into ``table``
        (schema.name) with GDAL, as ogr2ogr would: lower-case columns, geometry column ``geom``,
        GiST index; more ``gdal.VectorTranslateOptions`` as keywords."""
        from osgeo import gdal

        layer_options = [
            "GEOMETRY_NAME=geom",
            "LAUNDER=YES",
            "SPATIAL_INDEX=GIST",
            *options.pop("layerCreationOptions", []),
        ]
        options.setdefault("accessMode", "overwrite")
        gdal.ErrorReset()
        gdal.SetConfigOption("PG_USE_COPY", "YES")
        out = gdal.VectorTranslate(
            f"PG:{self.dsn()}",
            source,
            format="PostgreSQL",
            layerName=table,
            geometryType="PROMOTE_TO_MULTI",
            layerCreationOptions=layer_options,
            **options,
        )
        if out is None:
            raise RuntimeError(f"{source} → {table}: {gdal.GetLastErrorMsg()}")
        out = None
