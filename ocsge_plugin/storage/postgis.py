"""PostgreSQL / PostGIS, read and written through GDAL's PostgreSQL driver (no Python driver
needed):

- a connection: one of QGIS's saved PostgreSQL connections by name, a connection string
  (``host=… dbname=… user=…``, ``service=…``) or a URI (``postgresql://user:password@host:port/db``,
  parsed), turned into libpq's connection string with the authentication configuration expanded; the
  messages when it cannot be reached name the connection and never show a password
  (``masking.masked``);
- a PostGIS layer's read query (its integer key, the fields asked for, the geometry as WKB made by
  the server, under the layer's ``WHERE`` subset, the rows of some combinations of codes left out),
  the
  queries of its extent, key bounds and distinct codes and of its cut keys, and the query of its
  invalid geometries, for the fast reading path (``computing/batches.py``,
  ``computing/gpkg.InvalidGeometries``);
- :class:`Writer`: tables replaced in a schema in ONE transaction (PostgreSQL's DDL is
  transactional: each table is dropped and created again inside it, so an error or a cancel leaves
  every previous
  table as it was); the privileges granted on a replaced table are granted again on the new one. A
  table of the same name that the plugin did not write (its comment lacks the plugin's mark) is
  never replaced. The schema is named by GDAL's ``SCHEMA=`` option, quoted as an identifier (a
  schema
  ``a.b`` is one schema). A failure names the table being written when it happened, with
  PostgreSQL's own words (a lock waited for too long, a server stopped): GDAL's errors are read as
  GDAL emits them (:func:`_errors`), never from its "last error" afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable
from urllib.parse import parse_qsl, unquote, urlsplit

from osgeo import gdal, ogr, osr
from qgis.core import QgsDataSourceUri, QgsProviderConnectionException, QgsProviderRegistry
from qgis.PyQt.QtCore import QVariant

from ..core.errors import OcsgeError
from ..core.i18n import tr
from ..core.masking import masked
from . import files

__all__ = [
    "Connection",
    "DatabaseError",
    "Table",
    "connection",
    "cuts_sql",
    "integer_key",
    "layer_connection",
    "layer_table",
    "open_database",
    "parse_box",
    "query",
    "read_sql",
    "replace_tables",
    "rows_sql",
    "skip_sql",
    "summary_sql",
    "text_fields",
    "validity_sql",
]

CONNECT_TIMEOUT_S = 10
LOCK_TIMEOUT = "30s"  # a table another session keeps locked: fail, do not wait forever
_MARK = "[ocsge:{name}]"  # in the comment of every table the plugin writes


class DatabaseError(OcsgeError):
    """A PostgreSQL connection or write that failed (the message names the connection)."""


@dataclass
class Connection:
    """A PostgreSQL database: how the user named it (never with its password) and libpq's string."""

    name: str
    conninfo: str

    @property
    def ogr_name(self) -> str:
        return "PG:" + self.conninfo


def _conninfo(uri: QgsDataSourceUri) -> str:
    info = uri.connectionInfo(True)  # QGIS's authentication configuration expanded
    if "connect_timeout=" not in info:
        info += f" connect_timeout={CONNECT_TIMEOUT_S}"
    return info


def _shown(uri: QgsDataSourceUri) -> str:
    """A connection string as the user may see it: no password."""
    if uri.service():
        return f"service={uri.service()}"
    return " ".join(
        p
        for p in (
            f"host={uri.host()}" if uri.host() else "",
            f"port={uri.port()}" if uri.port() else "",
            f"dbname={uri.database()}",
            f"user={uri.username()}" if uri.username() else "",
        )
        if p
    )


_URI = re.compile(r"^\s*postgres(?:ql)?://", re.IGNORECASE)
_SSLMODES = {
    "disable": QgsDataSourceUri.SslMode.SslDisable,
    "allow": QgsDataSourceUri.SslMode.SslAllow,
    "prefer": QgsDataSourceUri.SslMode.SslPrefer,
    "require": QgsDataSourceUri.SslMode.SslRequire,
    # fmt: skip
    "verify-ca": QgsDataSourceUri.SslMode.SslVerifyCa,
    "verify-full": QgsDataSourceUri.SslMode.SslVerifyFull,
}


def _from_uri(value: str) -> QgsDataSourceUri:
    """A ``postgresql://[user[:password]@][host][:port][/dbname][?param=value…]`` URI (libpq's
    form), parsed."""
    parts = urlsplit(value.strip())
    try:
        port = parts.port
    except ValueError:
        port = None
    options = dict(parse_qsl(parts.query))
    uri = QgsDataSourceUri()
    uri.setConnection(
        unquote(parts.hostname or options.get("host", "")),
        str(port or options.get("port", "")),
        unquote(parts.path.lstrip("/")) or options.get("dbname", ""),
        unquote(parts.username or options.get("user", "")),
        unquote(parts.password or options.get("password", "")),
        _SSLMODES.get(options.get("sslmode", "prefer"), QgsDataSourceUri.SslMode.SslPrefer),
    )
    return uri


def connection(value: str) -> Connection:
    """QGIS's saved PostgreSQL connection named ``value``, else ``value`` read as a URI or a
    connection string."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    saved = None
    if metadata is not None and value:
        try:
            saved = metadata.findConnection(value)
        except QgsProviderConnectionException:
            saved = None
    if saved is not None:
        return Connection(value, _conninfo(QgsDataSourceUri(saved.uri())))
    if value and _URI.match(value):
        uri = _from_uri(value)
        return Connection(_shown(uri), _conninfo(uri))
    if value and re.search(r"\b(dbname|service|host)\s*=", value):
        uri = QgsDataSourceUri(value)
        return Connection(_shown(uri), _conninfo(uri))
    raise DatabaseError(
        tr(
            "No PostgreSQL connection named « {name} ». Expected one of QGIS's saved "
            "PostgreSQL connections (Data Source Manager), a connection string (host=… "
            "dbname=… user=…) or a URI (postgresql://user@host:port/dbname)."
        ).format(name=masked(value))
    )


def layer_connection(layer) -> Connection:
    """The database of a PostGIS layer (``postgres`` provider), named by the layer and its
    connection (host, database, user: never the password)."""
    uri = QgsDataSourceUri(layer.source())
    return Connection(
        f"{layer.name()} — {_shown(uri)}" if layer.name() else _shown(uri), _conninfo(uri)
    )


def _reason(text: str) -> str:
    """libpq's / GDAL's message, one line, without GDAL's prefixes nor PostgreSQL's hint (it may
    advise DROP … CASCADE, which the plugin never does)."""
    text = re.sub(r"^PQconnectdb failed\.?\s*", "", masked((text or "").strip())).split("HINT:")[0]
    text = re.sub(r"\bERROR:\s*", "", text)
    return " ".join(text.split()).rstrip(".") or tr("no answer")


def open_database(conn: Connection, update: bool = False):
    """The OGR data source of ``conn``; DatabaseError naming the connection when it cannot be
    reached."""
    with _errors() as errors:
        try:
            ds = ogr.Open(conn.ogr_name, 1 if update else 0)
        except RuntimeError as error:  # with gdal.UseExceptions() set by another plugin
            ds = None
            errors.add(str(error))
    if ds is None:
        raise DatabaseError(
            tr(
                "Cannot connect to the PostgreSQL database « {name} »: {reason}. "
                "Expected a server that answers, and the right user and password (QGIS's "
                "Data Source Manager, PostgreSQL)."
            ).format(name=conn.name, reason=errors.reason or tr("no answer"))
        )
    return ds


@dataclass
class Table:
    """A PostGIS layer's table: ``relation`` as SQL (quoted, or a subquery), geometry column,
    filter."""

    relation: str
    geometry: str
    sql: str


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def layer_table(layer) -> Table:
    uri = QgsDataSourceUri(layer.source())
    table = uri.table()
    relation = (
        f"{table} AS q"
        if table.startswith("(")
        else (f"{quote(uri.schema())}." if uri.schema() else "") + quote(table)
    )
    return Table(relation, uri.geometryColumn(), uri.sql() or layer.subsetString())


def integer_key(layer) -> str | None:
    """The PostGIS layer's key column when it is one integer column (QGIS's feature ids are then its
    values, the same in every reading), else None."""
    key = QgsDataSourceUri(layer.source()).keyColumn().strip().strip('"')
    if not key or "," in key:
        return None
    index = layer.fields().lookupField(key)
    if index < 0 or layer.fields().at(index).type() not in (
        QVariant.Type.Int,
        QVariant.Type.LongLong,
    ):
        return None
    return layer.fields().at(index).name()


def read_sql(
    layer, fields: Sequence[str], keys: tuple[int | None, int | None] | None = None
) -> str | None:
    """The query reading a PostGIS layer's key (``ocsge_fid``), ``fields`` and geometry as WKB
    (``ocsge_wkb``, made by the server: GDAL need not decode it), under the layer's ``WHERE``
    subset, in key order; ``keys`` (first, end): only the keys from ``first`` (included) to ``end``
    (excluded), None for no bound; None without an integer key or a geometry column."""
    key, table = integer_key(layer), layer_table(layer)
    if key is None or not table.geometry:
        return None
    return rows_sql(key, table, fields, keys)


def rows_sql(
    key: str,
    table: Table,
    fields: Sequence[str],
    keys: tuple[int | None, int | None] | None = None,
    skip: str | None = None,
) -> str:
    """:func:`read_sql`'s query from the layer's integer key column and :class:`Table` (no QGIS
    object: made in a reading thread); ``skip``: the rows left out, a condition
    (:func:`skip_sql`; a row for which it is NULL is read)."""
    columns = ", ".join(
        [
            f"{quote(key)} AS ocsge_fid",
            *(quote(f) for f in fields),
            f"ST_AsBinary({quote(table.geometry)}) AS ocsge_wkb",
        ]
    )
    conditions = [f"({table.sql})"] if table.sql else []
    conditions += [f"({skip}) IS NOT TRUE"] if skip else []
    first, end = keys or (None, None)
    conditions += [f"{quote(key)} >= {int(first)}"] if first is not None else []
    conditions += [f"{quote(key)} < {int(end)}"] if end is not None else []
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    # ordered by the key: every reading of the layer in the same order (a re-read,
    # batches.WkbColumn,
    # checks it), whatever the server's synchronised scans of a big table do
    return f"SELECT {columns} FROM {table.relation}{where} ORDER BY {quote(key)}"


def summary_sql(layer, extent: bool = True, fields: Sequence[str] = ()) -> str:
    """The query of a PostGIS layer's extent (``extent``: PostGIS's ``BOX(…)`` text, QGIS's own
    query; NULL when not ``extent``) and smallest and largest key (``lo``, ``hi``) under its
    subset: one pass on the server. With ``fields`` (text columns, :func:`text_fields`): one row
    per distinct combination of their values (each compared byte for byte, as :func:`skip_sql`),
    the extent and keys of its rows beside it."""
    key, table = quote(integer_key(layer)), layer_table(layer)
    where = f" WHERE ({table.sql})" if table.sql else ""
    box = f"st_extent({quote(table.geometry)})::text" if extent else "NULL::text"
    groups = "".join(f", {_bytewise(f)} AS {quote(f)}" for f in fields)
    group_by = f" GROUP BY {', '.join(str(4 + i) for i in range(len(fields)))}" if fields else ""
    return (
        f"SELECT {box} AS extent, min({key}) AS lo, max({key}) AS hi{groups} FROM "
        f"{table.relation}{where}{group_by}"
    )


def cuts_sql(key: str, table: Table, every: int) -> str:
    """The query of the keys (``cut``) of a PostGIS layer's rows 1, 1 + ``every``, 1 + 2 ×
    ``every``… under its subset, in key order (key ranges of ``every`` rows each), from its
    integer key column and :class:`Table` (no QGIS object: made in a reading thread)."""
    key = quote(key)
    where = f" WHERE ({table.sql})" if table.sql else ""
    numbered = (
        f"SELECT {key} AS cut, row_number() OVER (ORDER BY {key}) AS n FROM {table.relation}{where}"
    )
    return f"SELECT cut FROM ({numbered}) AS numbered WHERE n % {int(every)} = 1 ORDER BY cut"


def _bytewise(field: str) -> str:
    """A text column as text under the C collation: equal only when byte for byte equal."""
    return f'{quote(field)}::text COLLATE "C"'


def text_fields(layer, fields: Sequence[str]) -> bool:
    """Whether every one of ``fields`` is a ``text`` or ``varchar`` column of the PostGIS layer: its
    values read as the server keeps them, compared byte for byte by :func:`skip_sql`."""
    found = layer.fields()
    return all(
        found.lookupField(f) >= 0
        and found.field(found.lookupField(f)).typeName().lower() in ("text", "varchar")
        for f in fields
    )


def skip_sql(fields: Sequence[str], combinations: Sequence[tuple[str | None, ...]]) -> str | None:
    """The condition true for a row whose text ``fields`` are, byte for byte, one of
    ``combinations``
    (one with a NULL, a backslash or a NUL never matches), None for none."""
    rows = [
        c for c in combinations if all(v is not None and "\\" not in v and "\0" not in v for v in c)
    ]
    if not rows or not fields:
        return None
    values = ", ".join("(" + ", ".join(f"'{_literal(v)}'" for v in row) + ")" for row in rows)
    return f"({', '.join(_bytewise(f) for f in fields)}) IN (VALUES {values})"


def parse_box(text: str | None) -> tuple[float, float, float, float] | None:
    """(xmin, ymin, xmax, ymax) of PostGIS's ``BOX(xmin ymin,xmax ymax)``, as QGIS reads it; None
    for none."""
    match = re.fullmatch(r"BOX\((\S+) (\S+),(\S+) (\S+)\)", (text or "").strip())
    return tuple(float(v) for v in match.groups()) if match else None


def validity_sql(layer) -> str:
    """The query of the keys (``ocsge_fid``) of a PostGIS layer's invalid geometries (GEOS's
    rules)."""
    key, table = integer_key(layer), layer_table(layer)
    geom = quote(table.geometry)
    where = f"({table.sql}) AND " if table.sql else ""
    return (
        f"SELECT {quote(key)} AS ocsge_fid FROM {table.relation} WHERE {where}{geom} IS NOT "
        f"NULL AND NOT ST_IsValid({geom})"
    )


def query(conn: Connection, sql: str, ds=None):
    """(data source, result layer) of ``sql`` (on ``ds``, else a new connection); DatabaseError
    naming the connection when it fails."""
    ds = ds or open_database(conn)
    with _errors() as errors:
        try:
            result = ds.ExecuteSQL(sql)
        except RuntimeError as error:
            result = None
            errors.add(str(error))
    if result is None:
        raise DatabaseError(
            tr("The PostgreSQL database « {name} » could not read the layer: {reason}.").format(
                name=conn.name, reason=errors.reason or tr("no answer")
            )
        )
    return ds, result


def _scalar(ds, sql: str):
    result = ds.ExecuteSQL(sql)
    if result is None:
        return None
    try:
        feature = result.GetNextFeature()
        return None if feature is None else feature.GetField(0)
    finally:
        ds.ReleaseResultSet(result)


class Writer:
    """Tables replaced in ``schema`` of ``conn``, all in one transaction: :meth:`drop` of all the
    tables, :meth:`layer` per table, then :meth:`commit` (or :meth:`rollback`, also on any
    error)."""

    def __init__(self, conn: Connection, schema: str):
        self.conn, self.schema = conn, schema
        self.ds = open_database(conn, update=True)
        if not _scalar(
            self.ds, f"SELECT count(*) FROM pg_namespace WHERE nspname = '{_literal(schema)}'"
        ):
            self.ds = None
            raise DatabaseError(
                tr(
                    "The schema « {schema} » does not exist in the PostgreSQL database « "
                    "{name} ». Expected an existing schema (the plugin does not create "
                    "one)."
                ).format(schema=schema, name=conn.name)
            )
        if _scalar(self.ds, "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'") == 0:
            self.ds = None
            raise DatabaseError(
                tr(
                    "The PostgreSQL database « {name} » has no PostGIS extension. "
                    "Expected CREATE EXTENSION postgis in it."
                ).format(name=conn.name)
            )
        self.ds.StartTransaction()
        _execute(self.ds, f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
        self.written: list[str] = []
        self.grants: list[
            tuple[str, str]
        ] = []  # (table, GRANT …): the replaced tables' privileges, given again

    def _fail(self, name: str, reason: str) -> DatabaseError:
        self.rollback()
        return DatabaseError(
            tr(
                "The table {table} could not be written into the PostgreSQL database « "
                "{name} »: {reason}. Nothing was changed in the database."
            ).format(table=f"{self.schema}.{name}", name=self.conn.name, reason=reason)
        )

    def drop(self, names: Sequence[str]) -> None:
        """Drop the tables ``names`` (all of them before any is created: GDAL's list of tables is
        read at the first creation), each only when the plugin wrote it; never with what depends
        on it (a view of the DBA's makes the write fail, nothing changed)."""
        for name in names:
            relation = quote(self.schema) + "." + quote(name)
            regclass = f"to_regclass('{_literal(relation)}')"
            if not _scalar(self.ds, f"SELECT {regclass} IS NOT NULL"):
                continue
            comment = (
                _scalar(self.ds, f"SELECT coalesce(obj_description({regclass}, 'pg_class'), '')")
                or ""
            )
            if _MARK.format(name=name) not in comment:
                raise self._fail(
                    name,
                    tr(
                        "a table of that name exists that the plugin did not write; it "
                        "is not replaced (rename or drop it, or choose another schema)"
                    ),
                )
            self.grants += [(name, grant) for grant in _grants(self.ds, self.schema, name)]
            problem = _execute(self.ds, f"DROP TABLE {relation}")
            if problem:
                raise self._fail(name, problem)

    def layer(self, name: str, geometry: bool, description: str):
        """A new, empty OGR layer ``schema.name`` (EPSG:4326 MultiPolygon ``geom`` when
        ``geometry``) inside the transaction, after :meth:`drop`."""
        srs = None
        if geometry:
            srs = osr.SpatialReference()
            srs.ImportFromEPSG(4326)
            srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        # the schema as its own option: GDAL quotes it (a layer name "a.b.t" would be table "b.t" of
        # schema "a")
        options = [
            "GEOMETRY_NAME=geom",
            "FID=fid",
            "PRECISION=NO",
            "LAUNDER=NO",
            f"SCHEMA={self.schema}",
            f"DESCRIPTION={description} {_MARK.format(name=name)}",
        ]
        with _errors() as errors:
            try:
                layer = self.ds.CreateLayer(
                    name, srs, ogr.wkbMultiPolygon if geometry else ogr.wkbNone, options=options
                )
            except RuntimeError as error:  # with gdal.UseExceptions() set by another plugin
                layer = None
                errors.add(str(error))
        if layer is None or errors.reason:
            raise self._fail(name, errors.reason or tr("GDAL could not create the table"))
        self.written.append(f"{self.schema}.{name}")
        return layer

    def fill(self, name: str, layer, write: Callable[[], None]) -> None:
        """``write()`` the rows of the table ``name`` into ``layer``, then have GDAL send them (its
        COPY ended): any failure is this table's, raised (and rolled back) naming it."""
        with _errors() as errors:
            try:
                write()
                layer.SyncToDisk()
            except RuntimeError as error:  # with gdal.UseExceptions(): a row GDAL could not write
                errors.add(str(error))
        if errors.reason:
            raise self._fail(name, errors.reason)

    def commit(self) -> list[str]:
        for name, grant in self.grants:
            problem = _execute(self.ds, grant)
            if problem:
                raise self._fail(name, problem)
        with _errors() as errors:
            try:
                if self.ds.CommitTransaction() != 0:
                    errors.add(tr("the transaction was not committed"))
            except RuntimeError as error:
                errors.add(str(error))
        if errors.reason:
            self.rollback()
            raise DatabaseError(
                tr(
                    "The PostgreSQL database « {name} » refused the tables: {reason}. "
                    "Nothing was changed in the database."
                ).format(name=self.conn.name, reason=errors.reason)
            )
        self.ds = None
        for (
            table
        ) in self.written:  # for a run canceled now: these are replaced (interrupt.watching)
            files.note_replaced(
                tr("PostgreSQL database « {name} »").format(name=self.conn.name), table
            )
        return self.written

    def rollback(self) -> None:
        """Roll back (nothing changed); quiet when the connection is already lost (the server
        stopped: PostgreSQL rolled back itself)."""
        if self.ds is not None:
            with _errors():
                try:
                    self.ds.RollbackTransaction()
                except RuntimeError:
                    pass
            self.ds = None


def replace_tables(
    database: tuple[Connection, str], tables: Sequence[tuple], fill: Callable
) -> list[str]:
    """``tables`` (name, table, geometries, description) replacing theirs in the schema, in one
    transaction; ``fill(layer, table, geometries)`` writes a table's fields and rows
    (export.fill_layer)."""
    writer = Writer(*database)
    try:
        writer.drop([name for name, *_ in tables])
        for name, table, geometries, description in tables:
            layer = writer.layer(name, geometries is not None, description)
            writer.fill(name, layer, lambda: fill(layer, table, geometries))  # noqa: B023 - called at once
        return writer.commit()
    except BaseException:
        writer.rollback()
        raise


def _grants(ds, schema: str, name: str) -> list[str]:
    """GRANT statements giving a table's privileges (but its owner's) again, to the table of that
    name."""
    result = ds.ExecuteSQL(
        "SELECT privilege_type, grantee FROM information_schema.role_table_grants "
        f"WHERE table_schema = '{_literal(schema)}' AND table_name = '{_literal(name)}' "
        "AND grantee <> current_user"
    )
    if result is None:
        return []
    try:
        return [
            f"GRANT {f.GetField(0)} ON {quote(schema)}.{quote(name)} TO "
            f"{quote(f.GetField(1)) if f.GetField(1) != 'PUBLIC' else 'PUBLIC'}"
            for f in result
        ]
    finally:
        ds.ReleaseResultSet(result)


def _execute(ds, sql: str) -> str:
    """Run a statement that returns no rows; GDAL's error ('' when none), whether GDAL raises or
    not."""
    with _errors() as errors:
        try:
            ds.ExecuteSQL(sql)
        except RuntimeError as error:
            errors.add(str(error))
    return errors.reason


class _Errors:
    """GDAL's failures while a block runs, kept as GDAL emits them (not printed)."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, kind: int, number: int, message: str) -> None:
        if kind >= gdal.CE_Failure:
            self.messages.append(message)

    def add(self, message: str) -> None:
        self.messages.append(message)

    @property
    def reason(self) -> str:
        """The first failure, as :func:`_reason` words it ('' when none): the cause, not what it
        made fail next (``current transaction is aborted``)."""
        return _reason(self.messages[0]) if self.messages else ""


@contextmanager
def _errors():
    """GDAL's failures while the block runs, read by a handler as GDAL emits them: GDAL 3.6's
    Python bindings (exceptions on) clear the "last error" when a handler is popped, so that it
    cannot be read after the block (the next statement's failure was then reported, against the
    next table)."""
    errors = _Errors()
    gdal.PushErrorHandler(errors)
    try:
        yield errors
    finally:
        gdal.PopErrorHandler()


def _literal(text: str) -> str:
    return text.replace("'", "''")
