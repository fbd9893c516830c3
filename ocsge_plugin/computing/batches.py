"""Features of a polygon layer read in batches of numpy arrays: WKB, fids and only the fields
asked for.

Files are read through OGR's Arrow interface (GDAL ≥ 3.6), the renaming VRTs ``ocsge:load``
writes through their source file (GDAL's generic VRT Arrow reader is much slower, BENCHMARKS.md);
PostGIS layers through GDAL's PostgreSQL driver (the geometry as WKB made by the server, the
layer's ``WHERE`` subset applied there, key ranges read by two connections at once while the
caller works, the next layer's reading begun ahead by ``read_ahead``, the rows the caller says it
does not need left out by the server); other providers, and layers with boolean fields (GDAL
3.6.2's ``GetArrowStreamAsNumPy`` decodes bit-packed booleans wrongly), through the QGIS
provider. Every core that reads a whole layer goes through here.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
from osgeo import ogr
from qgis.core import QgsFeatureRequest, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

from ..storage import postgis, reading
from . import curves
from .codes import is_null
from .prefetch import Prefetched, prefetched
from .progress import Step

__all__ = [
    "BATCH",
    "ogr_target",
    "open_ogr",
    "vrt_source",
    "iter_batches",
    "postgis_readable",
    "Needed",
    "READERS",
    "CHUNK",
    "COMBINATIONS",
    "read_ahead",
    "forget_read_ahead",
    "postgis_extents",
    "WkbColumn",
    "wkb_blobs",
    "wkb_bytes",
    "Step",
]

BATCH = 65536


def ogr_target(layer: QgsVectorLayer) -> tuple[str, str | None] | None:
    """(path, layer name) when OGR can read the layer's file directly, else None."""
    if layer.providerType() != "ogr" or layer.subsetString():
        return None
    parts = layer.source().split("|")
    path = parts[0]
    if not Path(path).is_file():
        return None
    name = None
    for part in parts[1:]:
        if part.startswith("layername="):
            name = part[len("layername=") :]
        elif part.startswith("layerid="):
            name = name or part  # resolved below
    return path, name


def open_ogr(path: str, name: str | None):
    ds = ogr.Open(path)
    if ds is None:
        return None, None
    if name and name.startswith("layerid="):
        lyr = ds.GetLayerByIndex(int(name.split("=", 1)[1]))
    elif name:
        lyr = ds.GetLayerByName(name)
    else:
        lyr = ds.GetLayerByIndex(0)
    return ds, lyr


def vrt_source(path: str) -> tuple[str, str, dict[str, str]] | None:
    """(source file, source layer, normalised → source field) of a plain renaming VRT such as
    ``ocsge:load`` writes, else None: reading the source directly uses its fast Arrow reader."""
    vrt = reading.read_vrt(path)
    if (
        vrt is None
        or not vrt.only_layer
        or not vrt.plain
        or not vrt.src_data_source
        or not vrt.src_layer
    ):
        return None
    source = vrt.source_path(path)
    if not Path(source).is_file():
        return None
    return source, vrt.src_layer, vrt.fields


def iter_batches(
    layer: QgsVectorLayer,
    fields: Sequence[str],
    step: Step | None = None,
    needed: Needed | None = None,
) -> Iterator[dict]:
    """Batches {'wkb': blobs, field: values…, 'fid': ids} of a polygon layer, only the fields
    asked for.

    Files are read through OGR's Arrow interface (GDAL ≥ 3.6; through the source of a renaming VRT),
    other providers through QGIS. ``needed(batch) -> bool per row``, from the fields alone: the rows
    the caller uses at all; a PostGIS layer leaves the others out (the server does not send them).
    A layer of a curved type (MultiSurface…) gives its geometries linearised (``curves``)."""
    step = step or Step(None)
    if curves.is_curved(layer):
        yield from curves.linear_batches(_batches(layer, fields, step, needed), layer, step)
        return
    yield from _batches(layer, fields, step, needed)


def _batches(
    layer: QgsVectorLayer, fields: Sequence[str], step: Step, needed: Needed | None
) -> Iterator[dict]:
    if postgis_readable(layer):
        yield from _postgis_batches(layer, fields, step, needed)
        return
    target = ogr_target(layer)
    if target is not None and hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):
        rename = None
        if target[0].lower().endswith(".vrt"):
            resolved = vrt_source(target[0])
            if resolved is not None and all(f in resolved[2] for f in fields):
                target = (resolved[0], resolved[1])
                rename = {resolved[2][f]: f for f in fields}
        ds, lyr = open_ogr(*target)
        if lyr is not None and _has_boolean(lyr, list(rename) if rename else fields):
            lyr = None  # GDAL 3.6's GetArrowStreamAsNumPy mis-decodes bit-packed booleans: use QGIS
        if lyr is not None:
            if rename is None:
                yield from _ogr_batches(ds, lyr, fields, step)
            else:
                for batch in _ogr_batches(ds, lyr, list(rename), step):
                    yield {rename.get(k, k): v for k, v in batch.items()}
            return
    yield from _qgis_batches(layer, fields, step)


def postgis_readable(layer: QgsVectorLayer) -> bool:
    """A PostGIS layer read by the fast path: an integer key and a geometry column (else through
    QGIS)."""
    return (
        layer.providerType() == "postgres"
        and hasattr(ogr.Layer, "GetArrowStreamAsNumPy")
        and not any(
            layer.fields().field(i).type() == QVariant.Type.Bool
            for i in range(layer.fields().count())
        )
        and postgis.read_sql(layer, []) is not None
    )


# the rows a caller uses at all (a bool per row), from a batch's fields alone (its 'wkb' all None)
Needed = Callable[[dict], np.ndarray]
# connections reading a PostGIS layer at once (the server and GDAL's client work on both cores)
READERS = 2
CHUNK = BATCH // 2  # rows per key range read by one query
# at most so many distinct combinations of the fields for the rows not needed to be left out
COMBINATIONS = 1000
_SUMMARIES: weakref.WeakKeyDictionary = (
    weakref.WeakKeyDictionary()
)  # PostGIS layer → its _Summary, postgis_extents
_PREPARED: weakref.WeakKeyDictionary = (
    weakref.WeakKeyDictionary()
)  # PostGIS layer → its reading begun, read_ahead


@dataclass
class _Summary:
    """A PostGIS layer's lowest and highest key under its subset (None: no row) and, when asked, the
    distinct combinations of its text ``fields`` (a batch of their values, as GDAL reads them)."""

    lo: int | None
    hi: int | None
    fields: tuple = ()
    combinations: dict = field(default_factory=dict)


def _postgis_batches(
    layer: QgsVectorLayer, fields: Sequence[str], step: Step, needed: Needed | None
) -> Iterator[dict]:
    """A PostGIS layer's rows through GDAL's PostgreSQL driver (:class:`_PostgisRead`), its reading
    begun by :func:`read_ahead` when that asked for the same fields and ``needed``."""
    read = _PREPARED.pop(layer, None)
    if read is not None and (read.fields != tuple(fields) or read.needed is not needed):
        read.close()
        read = None
    yield from (read or _PostgisRead(layer, fields, needed)).batches(step)


def read_ahead(layer: QgsVectorLayer, fields: Sequence[str], needed: Needed | None = None) -> None:
    """Begin reading a PostGIS layer (its first key ranges, on their connections) for the next
    ``iter_batches(layer, fields, needed=needed)``, while the caller still works on another layer;
    nothing for another layer. :func:`forget_read_ahead` stops what was not used."""
    if layer in _PREPARED or not postgis_readable(layer):
        return
    try:
        _PREPARED[layer] = _PostgisRead(layer, fields, needed)
    except postgis.DatabaseError:
        pass  # said again, with its message, when the layer is read


def forget_read_ahead(layers: Sequence[QgsVectorLayer]) -> None:
    """Stop the readings :func:`read_ahead` began for ``layers`` and nobody read (an error, a
    cancel)."""
    for layer in layers:
        read = _PREPARED.pop(layer, None)
        if read is not None:
            read.close()


class _PostgisRead:
    """A PostGIS layer's rows, the geometry as WKB made by the server and the ``WHERE`` subset
    applied there (postgis.read_sql), in key order and in batches of BATCH rows as from a file
    (the same sums to the last bit). The key range is cut into ranges of about CHUNK rows read by
    READERS connections at once, each in its own thread (GDAL lets go of Python's lock while it
    waits for the server or decodes its answer), from the moment this is made, a range or two
    ahead of the caller. With ``needed`` and text fields, the server does not send the rows whose
    combination of values ``needed`` says nobody uses (:func:`_skip_sql`: most of an occupation
    layer's polygons when only the artificialised, impermeable and undetermined ones count); the
    ranges then hold CHUNK rows of the layer each (:class:`_Aligned`), BATCH // CHUNK of them one
    batch: the rows of each batch those of a file's, less the ones left out (the same sums to the
    last bit still); the progress told by key."""

    def __init__(
        self, layer: QgsVectorLayer, fields: Sequence[str], needed: Needed | None = None
    ) -> None:
        self.fields, self.needed = tuple(fields), needed
        self.total = max(layer.featureCount(), 1)
        grouped = (
            self.fields
            if needed is not None and fields and postgis.text_fields(layer, fields)
            else ()
        )
        parts = -(-self.total // CHUNK)
        summary = _summary(layer, grouped) if parts > 1 or grouped else None
        skip = _skip_sql(summary, needed) if grouped else None
        self.keys = (
            (summary.lo, summary.hi)
            if skip and summary.lo is not None and BATCH % CHUNK == 0
            else None
        )
        if self.keys:
            plan, workers = (
                _Aligned(
                    postgis.integer_key(layer), postgis.layer_table(layer), self.fields, skip
                ).queries,
                READERS,
            )
        else:
            queries = [
                postgis.read_sql(layer, fields, keys) for keys in _key_ranges(summary, parts)
            ]
            plan, workers = (lambda conn, ds: queries), min(READERS, len(queries))
        conn = postgis.layer_connection(layer)
        self.readers = [
            prefetched(_reader(conn, plan, w, workers, self.fields), Step(None))
            for w in range(workers)
        ]

    def batches(self, step: Step) -> Iterator[dict]:
        for each in self.readers:
            each.step = step  # canceled from now on by the caller's feedback
        done = 0
        try:
            ranges = _in_turn(self.readers)
            for out in (
                _paired(ranges)
                if self.keys
                else _rebatched((batch for part in ranges for batch in part), BATCH)
            ):
                done += len(out["fid"])
                yield out
                step.progress(min(self._share(done, out["fid"]), 1.0))
        finally:
            self.close()

    def _share(self, done: int, fid: np.ndarray) -> float:
        """The share of the layer read: by rows, or by key when some rows are left out."""
        if self.keys is None or not fid.size:
            return done / self.total
        lo, hi = self.keys
        return (int(fid[-1]) - lo + 1) / max(hi - lo + 1, 1)

    def close(self) -> None:
        for each in self.readers:
            each.close()


def _in_turn(readers: Sequence[Prefetched]) -> Iterator[list]:
    """The ranges' lists of batches in key order: each reader's next in turn (the ranges dealt
    out so), until one has none left."""
    index = 0
    while True:
        try:
            yield next(readers[index % len(readers)])
        except StopIteration:
            return
        index += 1


def _reader(
    conn: postgis.Connection, plan: Callable, worker: int, workers: int, fields: Sequence[str]
) -> Iterator[list]:
    """The batches of the range queries ``worker``, ``worker + workers``… of ``plan(conn, ds)``
    in turn, one list per query, on one connection (in a thread of its own: no QGIS object here)."""
    ds = postgis.open_database(conn)
    for sql in plan(conn, ds)[worker::workers]:
        ds, result = postgis.query(conn, sql, ds)
        yield _arrow(ds, result, lambda batch: _owned(batch, fields))


class _Aligned:
    """The range queries of a reading that leaves rows out (``skip``): ranges of CHUNK rows of
    the layer each, cut at keys asked of the server once (``postgis.cuts_sql``) by the first
    reader to need them, so that each batch holds the rows a file's batch holds there."""

    def __init__(self, key: str, table: postgis.Table, fields: tuple, skip: str) -> None:
        self.key, self.table, self.fields, self.skip = key, table, fields, skip
        self.lock = threading.Lock()
        self.found: list[str] | None = None

    def queries(self, conn: postgis.Connection, ds) -> list[str]:
        with self.lock:
            if self.found is None:
                found = _arrow(
                    *postgis.query(conn, postgis.cuts_sql(self.key, self.table, CHUNK), ds),
                    lambda batch: {"cut": _own(batch["cut"])},
                )
                cuts = [int(cut) for batch in found for cut in batch["cut"]][1:]
                self.found = [
                    postgis.rows_sql(self.key, self.table, self.fields, keys, self.skip)
                    for keys in zip([None, *cuts], [*cuts, None])
                ]
            return self.found


def _arrow(ds, result, own: Callable[[dict], dict]) -> list:
    """The batches of a query's ``result`` (on ``ds``, released after), each made its own by
    ``own``."""
    try:
        return [
            own(batch)
            for batch in result.GetArrowStreamAsNumPy(
                options=[f"MAX_FEATURES_IN_BATCH={BATCH}", "USE_MASKED_ARRAYS=YES"]
            )
        ]
    finally:
        ds.ReleaseResultSet(result)


def _skip_sql(summary: _Summary, needed: Needed) -> str | None:
    """The condition of the rows nobody uses: the layer's distinct combinations of values for
    which ``needed`` (the very function, on the values as GDAL reads them) says no; None (every
    row read) past COMBINATIONS of them."""
    combinations = summary.combinations
    n = len(combinations[summary.fields[0]])
    if n == 0 or n > COMBINATIONS:
        return None
    useless = ~np.asarray(
        needed(
            {
                **combinations,
                "wkb": np.full(n, None, dtype=object),
                "fid": np.zeros(n, dtype=np.int64),
            }
        ),
        dtype=bool,
    )
    return postgis.skip_sql(
        summary.fields,
        [tuple(_text(combinations[f][i]) for f in summary.fields) for i in np.nonzero(useless)[0]],
    )


def _text(value: Any) -> str | None:
    """A text value of a batch (bytes, from GDAL's Arrow reading) as str; None when null or not
    UTF-8."""
    if value is None or value is np.ma.masked:
        return None
    try:
        return value.decode("utf-8") if isinstance(value, bytes) else str(value)
    except UnicodeDecodeError:
        return None


def postgis_extents(
    layers: Sequence[QgsVectorLayer], grouped: dict[int, Sequence[str]] | None = None
) -> dict[int, tuple[float, float, float, float]]:
    """{position: (xmin, ymin, xmax, ymax)} of the PostGIS layers read by the fast path, each
    asked of the server on its own connection at once (QGIS's ``st_extent``, one pass per layer
    on the server); the layer's lowest and highest key come in the same pass, and the distinct
    combinations of its text fields ``grouped[position]`` (those to be read with a ``needed``),
    kept for its reading."""
    found: dict[int, tuple] = {}
    wanted = []
    for i, layer in enumerate(layers):
        if postgis_readable(layer):
            fields = tuple((grouped or {}).get(i, ()))
            fields = fields if fields and postgis.text_fields(layer, fields) else ()
            wanted.append(
                (
                    i,
                    layer,
                    postgis.layer_connection(layer),
                    postgis.summary_sql(layer, fields=fields),
                    fields,
                )
            )

    def ask(i: int, conn: postgis.Connection, sql: str, fields: tuple) -> None:
        try:
            found[i] = _summaries(conn, sql, fields)
        except postgis.DatabaseError:
            pass  # the caller asks QGIS (its message, if the database is gone)

    threads = [
        threading.Thread(target=ask, args=(i, conn, sql, fields), name="ocsge-read", daemon=True)
        for i, _layer, conn, sql, fields in wanted
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    extents = {}
    for i, layer, *_ in wanted:
        if i in found:
            box, _SUMMARIES[layer] = found[i]
            if box is not None:
                extents[i] = box
    return extents


def _summaries(conn: postgis.Connection, sql: str, fields: tuple) -> tuple[tuple | None, _Summary]:
    """The extent and :class:`_Summary` of a layer from the rows of its ``postgis.summary_sql``:
    one per combination of ``fields`` (their boxes and keys combined), or one."""
    rows = _arrow(*postgis.query(conn, sql), lambda batch: {k: _own(v) for k, v in batch.items()})
    rows = (
        _joined(rows)
        if rows
        else {name: np.empty(0, dtype=object) for name in ("extent", "lo", "hi", *fields)}
    )
    boxes = [
        box
        for box in (postgis.parse_box(_text(text)) for text in rows["extent"])
        if box is not None
    ]
    box = (
        (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        if boxes
        else None
    )
    lo, hi = (np.ma.compressed(np.ma.asarray(rows[k])) for k in ("lo", "hi"))
    return box, _Summary(
        int(lo.min()) if lo.size else None,
        int(hi.max()) if hi.size else None,
        fields,
        {f: rows[f] for f in fields},
    )


def _summary(layer: QgsVectorLayer, fields: tuple) -> _Summary:
    """The layer's :class:`_Summary` from :func:`postgis_extents` when it has the combinations of
    ``fields`` (or none are asked), else asked of the server now."""
    known = _SUMMARIES.get(layer)
    if known is not None and (not fields or known.fields == fields):
        return known
    return _summaries(
        postgis.layer_connection(layer),
        postgis.summary_sql(layer, extent=False, fields=fields),
        fields,
    )[1]


def _key_ranges(summary: _Summary | None, parts: int) -> list[tuple]:
    """(first, end) key ranges, ``parts`` of them at most (one without ``summary``), together
    every key (None: unbounded, so that rows added since the bounds were asked are read too)."""
    if (
        summary is None
        or parts < 2
        or summary.lo is None
        or summary.hi is None
        or summary.hi <= summary.lo
    ):
        return [(None, None)]
    lo, hi = summary.lo, summary.hi
    parts = min(parts, hi - lo + 1)
    cuts = [lo + (hi + 1 - lo) * i // parts for i in range(1, parts)]
    return list(zip([None, *cuts], [*cuts, None]))


def _owned(batch: dict, fields: Sequence[str]) -> dict:
    """A batch that keeps its values once GDAL reads the next one (its numbers are views of
    GDAL's buffers)."""
    out = {"wkb": batch["ocsge_wkb"], "fid": np.array(batch["ocsge_fid"], dtype=np.int64)}
    for name in fields:
        out[name] = _own(batch[name])
    return out


def _own(values: np.ndarray) -> np.ndarray:
    """An array of numbers copied out of GDAL's buffers (filled again with the next batch);
    strings and WKB are Python objects of their own."""
    return values if values.dtype.kind == "O" else values.copy()


def _paired(ranges: Iterator[list]) -> Iterator[dict]:
    """The batches of every BATCH // CHUNK ranges (of CHUNK rows of the layer each: BATCH rows)
    joined, when any row is left."""
    pending: list[dict] = []
    per = BATCH // CHUNK
    for index, part in enumerate(ranges):
        pending += [batch for batch in part if len(batch["fid"])]
        if index % per == per - 1 and pending:
            yield _joined(pending)
            pending = []
    if pending:
        yield _joined(pending)


def _rebatched(batches: Iterator[dict], size: int) -> Iterator[dict]:
    """The rows of ``batches`` again, in batches of ``size`` rows (the last one shorter)."""
    pending: list[dict] = []
    count = 0
    for batch in batches:
        pending.append(batch)
        count += len(batch["fid"])
        while count >= size:
            joined = _joined(pending)
            yield {k: v[:size] for k, v in joined.items()}
            rest = {k: v[size:] for k, v in joined.items()}
            count -= size
            pending = [rest] if count else []
    if count:
        yield _joined(pending)


def _joined(batches: list[dict]) -> dict:
    if len(batches) == 1:
        return batches[0]
    return {
        k: (
            np.ma.concatenate if any(np.ma.isMaskedArray(b[k]) for b in batches) else np.concatenate
        )([b[k] for b in batches])
        for k in batches[0]
    }


def _has_boolean(lyr, fields: Sequence[str]) -> bool:
    defn = lyr.GetLayerDefn()
    for name in fields:
        index = defn.GetFieldIndex(name)
        if index >= 0 and defn.GetFieldDefn(index).GetSubType() == ogr.OFSTBoolean:
            return True
    return False


def _ogr_batches(ds, lyr, fields: Sequence[str], step: Step) -> Iterator[dict]:
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    lyr.SetIgnoredFields([n for n in names if n not in fields])
    total = max(lyr.GetFeatureCount(), 1)
    geom_name = lyr.GetGeometryColumn() or "wkb_geometry"
    fid_name = lyr.GetFIDColumn() or "OGC_FID"
    stream = lyr.GetArrowStreamAsNumPy(
        options=[f"MAX_FEATURES_IN_BATCH={BATCH}", "USE_MASKED_ARRAYS=YES", "INCLUDE_FID=YES"]
    )
    reader = prefetched(
        _owned_arrays(stream), step
    )  # the next batch read while this one is worked on
    try:
        yield from _ogr_outputs(reader, fields, (fid_name, geom_name), total, step)
    finally:
        reader.close()
    del ds


def _owned_arrays(stream: Iterable[dict]) -> Iterator[dict]:
    """The batches of an OGR Arrow stream, their arrays of numbers copied as soon as read, in the
    reading thread (``_own``): a driver may fill GDAL's buffers again while this batch is in use."""
    for batch in stream:
        yield {key: _own(values) for key, values in batch.items()}


def _ogr_outputs(
    reader: Iterable[dict], fields: Sequence[str], names: tuple[str, str], total: int, step: Step
) -> Iterator[dict]:
    fid_name, geom_name = names
    done = 0
    for batch in reader:
        fid_key = (
            fid_name
            if fid_name in batch
            else next((k for k in ("fid", "OGC_FID") if k in batch), None)
        )
        geom_key = (
            geom_name
            if geom_name in batch
            else next((k for k in batch if k not in fields and k != fid_key), None)
        )
        n = len(batch[geom_key]) if geom_key else len(batch[fid_key])
        wkb = batch[geom_key] if geom_key else np.array([None] * n, dtype=object)
        fid = np.asarray(batch[fid_key]) if fid_key else np.arange(done, done + n, dtype=np.int64)
        out = {"wkb": wkb, "fid": fid}
        for name in fields:
            out[name] = batch[name]
        done += n
        yield out
        step.progress(done / total)


def _qgis_batches(layer: QgsVectorLayer, fields: Sequence[str], step: Step) -> Iterator[dict]:
    request = QgsFeatureRequest().setSubsetOfAttributes(list(fields), layer.fields())
    total = max(layer.featureCount(), 1)
    wkb: list = []
    fid: list = []
    columns: dict[str, list] = {name: [] for name in fields}
    done = 0
    indexes = {name: layer.fields().indexOf(name) for name in fields}

    def flush():
        out = {
            "wkb": np.array(wkb, dtype=object) if wkb else np.empty(0, dtype=object),
            "fid": np.array(fid, dtype=np.int64),
        }
        for name in fields:
            out[name] = np.array([None if is_null(v) else v for v in columns[name]], dtype=object)
        return out

    for feature in layer.getFeatures(request):
        geometry = feature.geometry()
        wkb.append(bytes(geometry.asWkb()) if not geometry.isNull() else None)
        fid.append(feature.id())
        attrs = feature.attributes()
        for name, index in indexes.items():
            columns[name].append(attrs[index])
        if len(fid) >= BATCH:
            done += len(fid)
            step.check()
            yield flush()
            step.progress(done / total)
            wkb, fid = [], []
            columns = {name: [] for name in fields}
    if fid:
        yield flush()
    step.progress(1.0)


class WkbColumn:
    """The WKB of a layer's polygons without holding them: their lengths are kept from a first read
    (``iter_batches``), the blobs re-read in batches when a core needs them all (``chunks``: the
    thresholds, about 500 MB less at 1,000,000 polygons of 32 vertices); a few blobs are read or
    replaced one by one (``__getitem__`` / ``__setitem__``: the repaired geometries)."""

    def __init__(self, layer: QgsVectorLayer, fid: np.ndarray, lengths: np.ndarray) -> None:
        self.layer, self.fid, self.lengths = layer, fid, lengths
        self.replaced: dict[int, bytes] = {}

    def __len__(self) -> int:
        return int(self.fid.size)

    @property
    def nbytes(self) -> int:
        return int(self.lengths.sum()) + sum(len(blob) for blob in self.replaced.values())

    def __getitem__(self, position: int) -> bytes:
        if position in self.replaced:
            return self.replaced[position]
        feature = next(
            self.layer.getFeatures(QgsFeatureRequest(int(self.fid[position])).setNoAttributes()),
            None,
        )
        geometry = feature.geometry() if feature is not None else None
        return (
            curves.linear_wkb(bytes(geometry.asWkb()))
            if geometry is not None and not geometry.isNull()
            else b""
        )

    def __setitem__(self, position: int, blob: bytes) -> None:
        self.replaced[position] = blob

    def chunks(self, size: int) -> Iterator[list]:
        """Every blob again, in reading order, by lists of ``size``."""
        pending: list = []
        done = 0
        for batch in iter_batches(self.layer, []):
            fid = np.asarray(batch["fid"], dtype=np.int64)
            if not np.array_equal(fid, self.fid[done : done + fid.size]):
                raise ValueError("the layer changed while it was read (feature ids differ)")
            blobs = wkb_blobs(batch["wkb"])
            for position in (p for p in self.replaced if done <= p < done + fid.size):
                blobs[position - done] = self.replaced[position]
            done += fid.size
            pending.extend(blobs)
            while len(pending) >= size:
                yield pending[:size]
                del pending[:size]
        if pending:
            yield pending


def wkb_blobs(column: Any) -> list:
    """A batch's WKB column as a list of bytes (b"" for none): the column itself when it already is
    one of bytes without a masked value (OGR's Arrow reading of a GeoPackage), else blob by blob."""
    if isinstance(column, np.ndarray) and not np.ma.getmaskarray(column).any():
        items = np.ma.getdata(column).tolist()
        if set(map(type, items)) <= {bytes}:  # the common case, checked at C speed
            return items
    return [wkb_bytes(blob) for blob in column]


def wkb_bytes(blob: Any) -> bytes:
    """A WKB of a batch as bytes (b"" for none)."""
    if blob is None or blob is np.ma.masked:
        return b""
    return (
        blob.tobytes() if isinstance(blob, np.void) else bytes(blob)
    )  # (a small batch: fixed-size records)
