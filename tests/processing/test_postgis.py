"""PostGIS as a destination (ocsge:diagnostic / ocsge:export write the published tables into a
schema, replaced in one transaction) on the session's private PostgreSQL cluster (conftest's
``postgis``)."""

from __future__ import annotations

import json
import threading
import time
import uuid

import pytest
from builders import belfort_params, belfort_sample, read_csv
from pg_cluster import PASSWORD_ROLE, free_port
from pglocks import hold_lock
from qgis.core import QgsProcessingException, QgsProviderRegistry
from support import report_of


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample90pg")
    return out, belfort_sample(out)


@pytest.fixture
def connections(postgis):
    """QGIS saved connections to the cluster: a good one, one with a wrong password, one on a
    closed port."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    names = {
        "good": "base ocsge de test",
        "password": "base ocsge (mauvais mot de passe)",
        "closed": "base ocsge (serveur arrêté)",
    }
    uris = {
        "good": postgis.dsn(),
        "password": postgis.dsn(user=PASSWORD_ROLE, password="pas-le-bon"),
        "closed": postgis.dsn(port=free_port()),
    }
    for key, name in names.items():
        metadata.saveConnection(
            metadata.createConnection(uris[key], {"saveUsername": True, "savePassword": True}), name
        )
    yield names
    for name in names.values():
        metadata.deleteConnection(name)


@pytest.fixture
def schema(postgis):
    name = "resultats_" + uuid.uuid4().hex[:8]
    postgis.psql(f"CREATE SCHEMA {name}")
    return name


def tables(postgis, schema) -> list[str]:
    return postgis.psql(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = "
        f"'{schema}' ORDER BY 1"
    ).split()


def rows(postgis, sql: str) -> dict[str, float]:
    out = {}
    for line in postgis.psql(sql).splitlines():
        code, value = line.split("|")
        out[code] = float(value) if value else None
    return out


def diagnostic(run, sample, out, connection, schema, **extra):
    params = belfort_params(
        sample[0], "OUTPUT_FOLDER", out, DATABASE=connection, SCHEMA=schema, **extra
    )
    return run("ocsge:diagnostic", params)


def test_diagnostic_writes_the_published_tables_twice(
    run, sample, postgis, connections, schema, tmp_path
):
    results, feedback = diagnostic(
        run, sample, tmp_path / "m2", connections["good"], schema, UNIT=1
    )
    files = sorted(
        p.rsplit("/", 1)[1].rsplit(".", 1)[0]
        for p in json.loads(results["FILES"])
        if p.endswith(".gpkg")
    )
    assert (
        tables(postgis, schema) == files
    )  # every published (and quality) table, by its published name
    assert sorted(report_of(results)["tables"]) == [f"{schema}.{name}" for name in files]
    truth = sample[1]["truth"]["communes"]
    y2 = str(sample[1]["millesimes"][1])
    artif = rows(postgis, f"SELECT commune_code, surface_artif FROM {schema}.artif_commune")
    assert set(artif) == set(truth)
    for code, t in truth.items():
        assert artif[code] == pytest.approx(t[y2]["artif_m2"], rel=1e-6, abs=0.05), code
    csv_rows = {
        r["epci_code"]: float(r["flux_imper_net"])
        for r in read_csv(tmp_path / "m2" / "imper_epci.csv")
    }
    assert rows(
        postgis, f"SELECT epci_code, flux_imper_net FROM {schema}.imper_epci"
    ) == pytest.approx(csv_rows, rel=1e-12)
    assert (
        postgis.psql(
            f"SELECT ST_SRID(geom), GeometryType(geom) FROM {schema}.artif_commune LIMIT 1"
        )
        == "4326|MULTIPOLYGON"
    )
    assert "[ocsge:artif_commune]" in postgis.psql(
        f"SELECT obj_description('{schema}.artif_commune'::regclass, 'pg_class')"
    )
    # A second run (in hectares) replaces every table: same rows, values / 10,000, no table left
    # over; what the DBA granted on a table (a read-only role for a web map) is granted again.
    postgis.psql(
        f"DROP ROLE IF EXISTS lecteur_{schema}; CREATE ROLE lecteur_{schema}; GRANT "
        f"SELECT ON {schema}.artif_commune TO lecteur_{schema}"
    )
    diagnostic(run, sample, tmp_path / "ha", connections["good"], schema, UNIT=0)
    assert (
        postgis.psql(
            f"SELECT has_table_privilege('lecteur_{schema}', '{schema}.artif_commune', 'SELECT')"
        )
        == "t"
    )
    assert (
        postgis.psql(
            f"SELECT has_table_privilege('lecteur_{schema}', '{schema}.imper_commune', 'SELECT')"
        )
        == "f"
    )
    assert tables(postgis, schema) == files
    again = rows(postgis, f"SELECT commune_code, surface_artif FROM {schema}.artif_commune")
    assert again == pytest.approx({code: value / 10_000 for code, value in artif.items()}, rel=1e-9)
    assert postgis.psql(f"SELECT count(*) FROM {schema}.artif_commune") == str(len(truth))


def test_export_into_a_schema(run, sample, postgis, connections, schema, tmp_path):
    loaded, _ = run("ocsge:load", {"INPUT": str(sample[0]), "CHECK_CODES": False, "KINDS": [0, 2]})
    communes = tmp_path / "communes.gpkg"
    run(
        "ocsge:aggregate",
        {
            "INPUT_LAYERS": loaded["LAYERS"],
            "TERRITORIES": belfort_params(sample[0], "X", "")["COMMUNES"],
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "METHOD": 2,
            "OUTPUT": str(communes),
        },
    )
    results, _ = run(
        "ocsge:export",
        {
            "COMMUNE": str(communes),
            "LEVELS": [0, 3],
            "DATASETS": [0],
            "FORMATS": [1],
            "UNIT": 1,
            "OUTPUT_FOLDER": str(tmp_path / "e"),
            "DATABASE": postgis.dsn(),
            "SCHEMA": schema,
        },
    )  # a connection string
    assert tables(postgis, schema) == [
        "artif_commune",
        "artif_departement",
        "part_territoire_couvert",
        "qualite_commune",
        "qualite_departement",
    ]
    assert sorted(report_of(results)["tables"]) == [
        f"{schema}.{t}" for t in tables(postgis, schema)
    ]
    csv_rows = {
        r["commune_code"]: float(r["surface_artif"])
        for r in read_csv(tmp_path / "e" / "artif_commune.csv")
    }
    assert rows(
        postgis, f"SELECT commune_code, surface_artif FROM {schema}.artif_commune"
    ) == pytest.approx(csv_rows, rel=1e-12)
    # without a connection: files only, nothing more in the database
    run(
        "ocsge:export",
        {
            "COMMUNE": str(communes),
            "LEVELS": [0],
            "DATASETS": [1],
            "FORMATS": [1],
            "OUTPUT_FOLDER": str(tmp_path / "f"),
        },
    )
    assert (
        "imper_commune" not in tables(postgis, schema)
        and (tmp_path / "f" / "imper_commune.csv").exists()
    )


@pytest.mark.parametrize("obstacle", ["foreign_table", "dependent_view"])
def test_a_write_failing_midway_leaves_the_previous_tables(
    run, sample, postgis, connections, schema, tmp_path, obstacle
):
    diagnostic(run, sample, tmp_path / "first", connections["good"], schema, UNIT=1)
    before = rows(postgis, f"SELECT commune_code, surface_artif FROM {schema}.artif_commune")
    names = tables(postgis, schema)
    if (
        obstacle == "foreign_table"
    ):  # a table of a published name made by hand, with a clashing column type
        postgis.psql(
            f"DROP TABLE {schema}.imper_epci; CREATE TABLE {schema}.imper_epci "
            "(epci_code integer, surface_imper text)"
        )
    else:  # a DBA's view on a published table: it cannot be dropped, the transaction fails there
        postgis.psql(
            f"CREATE VIEW {schema}.vue_imper AS SELECT commune_code, surface_imper FROM "
            f"{schema}.imper_commune"
        )
    with pytest.raises(QgsProcessingException) as error:
        diagnostic(run, sample, tmp_path / "second", connections["good"], schema, UNIT=0)
    message = str(error.value)
    assert "Traceback" not in message and "base ocsge de test" in message
    assert ("imper_epci" if obstacle == "foreign_table" else "imper_commune") in message
    # artif_commune was replaced before the failure, in the same transaction: it is back as it was.
    assert (
        rows(postgis, f"SELECT commune_code, surface_artif FROM {schema}.artif_commune") == before
    )
    assert set(tables(postgis, schema)) == set(names) | (
        {"vue_imper"} if obstacle == "dependent_view" else set()
    )
    assert not (tmp_path / "second" / "artif_commune.csv").exists()  # no file either


@pytest.mark.parametrize("which", ["password", "closed"])
def test_a_database_that_cannot_be_reached(
    run, sample, postgis, connections, schema, tmp_path, which
):
    with pytest.raises(QgsProcessingException) as error:
        diagnostic(run, sample, tmp_path / "out", connections[which], schema)
    message = str(error.value)
    assert (
        connections[which] in message and "Traceback" not in message and "pas-le-bon" not in message
    )
    reason = message.split("»", 1)[1].lower()  # libpq's own words, after the connection's name
    assert (
        ("password" in reason or "mot de passe" in reason)
        if which == "password"
        else ("refused" in reason or "refusée" in reason)
    )
    assert tables(postgis, schema) == [] and not (tmp_path / "out" / "artif_commune.csv").exists()


def test_messages_are_translated(postgis, connections):
    from ocsge.ocsge_plugin.core import i18n
    from ocsge.ocsge_plugin.storage import postgis as pg

    i18n.install_translator("fr")
    try:
        with pytest.raises(pg.DatabaseError) as error:
            pg.open_database(pg.connection(connections["closed"]))
        assert "Impossible de se connecter" in str(error.value) and connections["closed"] in str(
            error.value
        )
        with pytest.raises(pg.DatabaseError) as error:
            pg.connection("pas une connexion")
        assert "Aucune connexion PostgreSQL" in str(error.value)
    finally:
        i18n.remove_translator()


def test_a_uri_with_a_wrong_password_never_echoes_it(postgis):
    """postgresql://user:password@… was refused as an unknown connection name, the password in
    the message."""
    from ocsge.ocsge_plugin.storage import postgis as pg

    uri = f"postgresql://{PASSWORD_ROLE}:pas-le-bon-secret@127.0.0.1:{postgis.port}/ocsge?sslmode=disable"
    with pytest.raises(pg.DatabaseError) as error:
        pg.open_database(pg.connection(uri))
    message = str(error.value)
    assert (
        "pas-le-bon-secret" not in message
        and f"user={PASSWORD_ROLE}" in message
        and "host=127.0.0.1" in message
    )
    assert (
        "password" in message.split("»", 1)[1].lower()
        or "mot de passe" in message.split("»", 1)[1].lower()
    )


def test_a_uri_with_the_right_password_connects(postgis):
    from pg_cluster import PASSWORD

    from ocsge.ocsge_plugin.storage import postgis as pg

    conn = pg.connection(
        f"postgresql://{PASSWORD_ROLE}:{PASSWORD}@127.0.0.1:{postgis.port}/ocsge?sslmode=disable"
    )
    assert pg.open_database(conn) is not None and PASSWORD not in conn.name


@pytest.mark.parametrize(
    "value",
    ["postgres://moi:s3cret@@nulle-part", "hote=x password=s3cret", "service password='s3cret'"],
)
def test_a_string_that_is_not_a_connection_is_named_without_its_password(value):
    from ocsge.ocsge_plugin.storage import postgis as pg

    with pytest.raises(pg.DatabaseError) as error:
        pg.open_database(pg.connection(value))
    assert "s3cret" not in str(error.value) and "Traceback" not in str(error.value)


# ------------------------------------------------------------------- issue 24: schema names, faults


def test_a_schema_name_with_a_dot_is_one_schema(run, sample, postgis, connections, tmp_path):
    """SCHEMA=x.b: the tables go into the schema "x.b" (GDAL's SCHEMA= option, quoted), never
    into a schema "x" as "b.artif_commune"."""
    base = "res_" + uuid.uuid4().hex[:6]
    dotted = f"{base}.b"
    postgis.psql(f'CREATE SCHEMA {base}; CREATE SCHEMA "{dotted}"')
    results, _ = diagnostic(run, sample, tmp_path / "out", connections["good"], dotted, UNIT=1)
    written = sorted(
        p.rsplit("/", 1)[1].rsplit(".", 1)[0]
        for p in json.loads(results["FILES"])
        if p.endswith(".gpkg")
    )
    assert tables(postgis, dotted) == written and "artif_commune" in written
    assert tables(postgis, base) == []
    assert sorted(report_of(results)["tables"]) == [f"{dotted}.{name}" for name in written]
    csv_rows = {
        r["commune_code"]: float(r["surface_artif"])
        for r in read_csv(tmp_path / "out" / "artif_commune.csv")
    }
    assert rows(
        postgis, f'SELECT commune_code, surface_artif FROM "{dotted}".artif_commune'
    ) == pytest.approx(csv_rows, rel=1e-12)


def test_a_server_stopped_while_writing_is_named_with_the_table(run, sample, tmp_path):
    """The server stops (fast shutdown) while the export waits for imper_commune: the error names
    that table and the lost connection; once the server is back, the previous tables are intact."""
    import pg_cluster

    cluster = pg_cluster.Cluster(pg_cluster.find_bindir()).start()
    try:
        cluster.psql("CREATE SCHEMA resultats")
        diagnostic(run, sample, tmp_path / "first", cluster.dsn(), "resultats", UNIT=1)
        before = rows(cluster, "SELECT commune_code, surface_artif FROM resultats.artif_commune")
        locker = hold_lock(cluster, "resultats.imper_commune")

        def stop_when_waiting():
            end = time.monotonic() + 60
            while time.monotonic() < end:  # the export's DROP TABLE waits for the lock
                if (
                    cluster.psql(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = "
                        "'Lock' AND query LIKE 'DROP TABLE%'"
                    )
                    == "1"
                ):
                    break
                time.sleep(0.05)
            cluster._run("pg_ctl", "stop", "-m", "fast", "-w", "-D", str(cluster.data), check=False)

        stopper = threading.Thread(target=stop_when_waiting)
        stopper.start()
        try:
            with pytest.raises(QgsProcessingException) as error:
                diagnostic(run, sample, tmp_path / "second", cluster.dsn(), "resultats", UNIT=0)
        finally:
            stopper.join()
            locker.kill()
            locker.wait()
        message = str(error.value)
        assert (
            "The table resultats.imper_commune could not be written into the PostgreSQL database"
            in message
        ), message
        assert (
            "terminating connection due to administrator command" in message
            or "server closed the connection" in message
        ), message
        assert "transaction is aborted" not in message and "Traceback" not in message
        cluster._run(
            "pg_ctl",
            "start",
            "-w",
            "-D",
            str(cluster.data),
            "-l",
            str(cluster.folder / "server.log"),
            "-o",
            f"-p {cluster.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''",
        )
        assert (
            rows(cluster, "SELECT commune_code, surface_artif FROM resultats.artif_commune")
            == before
        )
    finally:
        cluster.stop()
