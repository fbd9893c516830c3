"""wkb.py and batches.py on hand geometry: areas, boxes and batches whose right answer is known
by hand.

The shapes (metres, Lambert-93 offsets kept small enough to be exact):
- a 10 × 20 rectangle: 200 m², box (0, 0, 10, 20);
- a 100 m square with a 10 m square hole: 10,000 - 100 = 9,900 m²;
- two squares of 10 m and 20 m in one MultiPolygon: 100 + 400 = 500 m²;
- a right triangle of legs 30 and 40: 600 m².
"""

from __future__ import annotations

import struct

import numpy as np
import pytest
from builders import square, write_layer
from osgeo import ogr
from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

from ocsge.ocsge_plugin.computing import batches, wkb
from ocsge.ocsge_plugin.core.errors import Canceled

X0, Y0 = 900000.0, 6700000.0


def _wkb(wkt: str) -> bytes:
    return bytes(ogr.CreateGeometryFromWkt(wkt).ExportToIsoWkb())


RECT = f"POLYGON(({X0} {Y0},{X0 + 10} {Y0},{X0 + 10} {Y0 + 20},{X0} {Y0 + 20},{X0} {Y0}))"
HOLED = (
    f"POLYGON(({X0} {Y0},{X0 + 100} {Y0},{X0 + 100} {Y0 + 100},{X0} {Y0 + 100},{X0} {Y0}),"
    f"({X0 + 10} {Y0 + 10},{X0 + 10} {Y0 + 20},{X0 + 20} {Y0 + 20},{X0 + 20} "
    f"{Y0 + 10},{X0 + 10} {Y0 + 10}))"
)
TWO = (
    f"MULTIPOLYGON((({X0} {Y0},{X0 + 10} {Y0},{X0 + 10} {Y0 + 10},{X0} {Y0 + 10},{X0} "
    f"{Y0})),(({X0 + 50} {Y0},{X0 + 70} {Y0},{X0 + 70} {Y0 + 20},{X0 + 50} "
    f"{Y0 + 20},{X0 + 50} {Y0})))"
)
TRIANGLE = f"MULTIPOLYGON((({X0} {Y0},{X0 + 30} {Y0},{X0} {Y0 + 40},{X0} {Y0})))"


def test_area_and_box_of_hand_shapes():
    area, box = wkb.wkb_area_bbox([_wkb(RECT), _wkb(HOLED), _wkb(TWO), _wkb(TRIANGLE), None, b""])
    assert area.tolist() == [200.0, 9900.0, 500.0, 600.0, 0.0, 0.0]
    assert box[0].tolist() == [X0, Y0, X0 + 10, Y0 + 20]
    assert box[2].tolist() == [X0, Y0, X0 + 70, Y0 + 20]
    assert box[3].tolist() == [X0, Y0, X0 + 30, Y0 + 40]
    assert np.isnan(box[4]).all() and np.isnan(box[5]).all()


def test_big_endian_and_clockwise_read_the_same():
    """Other byte orders go through OGR; a ring written clockwise has the same (positive) area."""
    big = ogr.CreateGeometryFromWkt(RECT).ExportToWkb(ogr.wkbXDR)
    clockwise = f"POLYGON(({X0} {Y0},{X0} {Y0 + 20},{X0 + 10} {Y0 + 20},{X0 + 10} {Y0},{X0} {Y0}))"
    area, box = wkb.wkb_area_bbox([bytes(big), _wkb(clockwise)])
    assert area.tolist() == [200.0, 200.0]
    assert box[0].tolist() == box[1].tolist() == [X0, Y0, X0 + 10, Y0 + 20]


def test_every_ring_parser_subtracts_holes_and_reads_any_byte_order():
    """The thresholds' parser: rings of every polygon, holes subtracted, big-endian and Z read."""
    big = bytes(ogr.CreateGeometryFromWkt(HOLED).ExportToWkb(ogr.wkbXDR))
    z = bytes(
        ogr.CreateGeometryFromWkt(
            f"POLYGON Z(({X0} {Y0} 5,{X0 + 10} {Y0} 5,{X0 + 10} {Y0 + 20} 5,{X0} {Y0} 5))"
        ).ExportToIsoWkb()
    )
    items = [_wkb(RECT), big, _wkb(TWO), z, b""]

    class Progress:
        def check(self):
            pass

    lengths = np.array([len(b) for b in items], dtype=np.int64)
    x, y, count, geom, exterior, origin = wkb.parse_rings(items, lengths, 0, None, Progress())
    assert origin == (X0, Y0)  # coordinates come back relative to the first vertex, floored
    assert count.tolist() == [5, 5, 5, 5, 5, 4]
    assert exterior.tolist() == [True, True, True, True, False, True]
    areas = wkb.polygon_areas_of_rings(wkb.ring_areas(x, y, count), geom, exterior, len(items))
    assert areas.tolist() == [200.0, 9900.0, 500.0, 100.0, 0.0]


def test_rings_read_alone_or_beside_a_big_endian_one_give_the_same_coordinates_and_areas():
    """The same little-endian rings, alone or beside a big-endian one (read by another pass of the
    gather): same coordinates, same areas (hand values), bit for bit."""
    items = [_wkb(RECT), _wkb(HOLED), _wkb(TWO), _wkb(TRIANGLE), b""]
    big = bytes(ogr.CreateGeometryFromWkt(RECT).ExportToWkb(ogr.wkbXDR))

    class Progress:
        def check(self):
            pass

    def parsed(blobs):
        lengths = np.array([len(b) for b in blobs], dtype=np.int64)
        x, y, count, geom, exterior, _ = wkb.parse_rings(blobs, lengths, 0, None, Progress())
        return (
            x,
            y,
            count,
            wkb.polygon_areas_of_rings(wkb.ring_areas(x, y, count), geom, exterior, len(blobs)),
        )

    x, y, count, areas = parsed(items)
    gx, gy, gcount, gareas = parsed(items + [big])
    assert areas.tolist() == [200.0, 9900.0, 500.0, 600.0, 0.0]
    assert gareas.tolist() == [200.0, 9900.0, 500.0, 600.0, 0.0, 200.0]
    n = int(count.sum())
    assert (
        np.array_equal(x, gx[:n])
        and np.array_equal(y, gy[:n])
        and np.array_equal(count, gcount[: count.size])
    )
    assert (x[:5] + X0).tolist() == [
        X0,
        X0 + 10,
        X0 + 10,
        X0,
        X0,
    ]  # RECT, relative to the floored origin


def test_wkb_blobs_of_every_column_shape():
    """A batch's WKB column as bytes: plain, with nulls (masked) and as fixed-size records."""
    plain = np.array([b"ab", b"c"], dtype=object)
    assert batches.wkb_blobs(plain) == [b"ab", b"c"]
    masked = np.ma.masked_array(np.array([b"ab", None], dtype=object), mask=[False, True])
    assert batches.wkb_blobs(masked) == [b"ab", b""]
    records = np.frombuffer(b"abcd", dtype="V2")
    assert batches.wkb_blobs(records) == [b"ab", b"cd"]


def test_parse_rings_names_a_non_polygon():
    point = bytes(ogr.CreateGeometryFromWkt("POINT(1 2)").ExportToWkb(ogr.wkbXDR))

    class Progress:
        def check(self):
            pass

    with pytest.raises(ValueError, match="n° 7"):
        wkb.parse_rings([point], np.array([len(point)]), 7, None, Progress())


def test_ragged_arange_and_as_bytes():
    assert wkb.ragged_arange(np.array([5, 0, 10]), np.array([2, 0, 3])).tolist() == [
        5,
        6,
        10,
        11,
        12,
    ]
    assert (
        wkb.ragged_arange(np.array([], dtype=np.int64), np.array([], dtype=np.int64)).tolist() == []
    )
    assert wkb.as_bytes(None) == b"" and wkb.as_bytes(bytearray(b"ab")) == b"ab"
    assert struct.unpack("<d", wkb.as_bytes(memoryview(struct.pack("<d", 2.5))))[0] == 2.5


# ------------------------------------------------------------------------------------- batches


def _gpkg(tmp_path, rows):
    path = write_layer(tmp_path / "hand.gpkg", "occupation", ["code_cs", "code_us"], rows)
    layer = QgsVectorLayer(f"{path}|layername=occupation", "occupation", "ogr")
    assert layer.isValid()
    return layer


ROWS = [
    (square(X0, Y0, 100), ["CS1.1.1.1", "US2"]),
    (square(X0 + 100, Y0, 50), ["CS2.2.1", None]),
    (square(X0, Y0 + 100, 10), ["cs2.1.1.1", "US1.2"]),
]


def _collect(layer, fields, step=None):
    out = {"wkb": [], "fid": []} | {name: [] for name in fields}
    for batch in batches.iter_batches(layer, fields, step):
        assert set(batch) == {"wkb", "fid", *fields}  # only the fields asked for
        out["wkb"].extend(batches_wkb(batch["wkb"]))
        out["fid"].extend(np.asarray(batch["fid"]).tolist())
        for name in fields:
            values = batch[name]
            if np.ma.isMaskedArray(values):
                values = [
                    None if m else v
                    for v, m in zip(values.data.tolist(), np.ma.getmaskarray(values).tolist())
                ]
            out[name].extend(v.decode() if isinstance(v, bytes) else v for v in list(values))
    return out


def batches_wkb(blobs):
    return [
        b""
        if b is None or b is np.ma.masked
        else (b.tobytes() if isinstance(b, np.void) else bytes(b))
        for b in blobs
    ]


def test_a_file_is_read_by_arrow_with_its_values_areas_and_fids(tmp_path):
    layer = _gpkg(tmp_path, ROWS)
    assert batches.ogr_target(layer) == (str(tmp_path / "hand.gpkg"), "occupation")
    got = _collect(layer, ["code_cs", "code_us"])
    assert got["fid"] == [1, 2, 3]
    assert got["code_cs"] == ["CS1.1.1.1", "CS2.2.1", "cs2.1.1.1"]
    assert got["code_us"] == ["US2", None, "US1.2"]
    assert wkb.wkb_area_bbox(got["wkb"])[0].tolist() == [10000.0, 2500.0, 100.0]


def test_a_memory_layer_is_read_through_qgis_the_same(tmp_path):
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:2154", "memory", "memory")
    layer.dataProvider().addAttributes(
        [QgsField("code_cs", QVariant.String), QgsField("code_us", QVariant.String)]
    )
    layer.updateFields()
    features = []
    for wkt, values in ROWS:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(values)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    assert batches.ogr_target(layer) is None
    got = _collect(layer, ["code_cs"])
    assert got["code_cs"] == ["CS1.1.1.1", "CS2.2.1", "cs2.1.1.1"]
    assert wkb.wkb_area_bbox(got["wkb"])[0].tolist() == [10000.0, 2500.0, 100.0]


def test_a_subset_layer_is_read_through_qgis_and_keeps_its_filter(tmp_path):
    layer = _gpkg(tmp_path, ROWS)
    layer.setSubsetString("code_us IS NOT NULL")
    assert batches.ogr_target(layer) is None
    got = _collect(layer, ["code_us"])
    assert got["code_us"] == ["US2", "US1.2"]


def test_a_canceled_step_stops_the_reading(tmp_path):
    layer = _gpkg(tmp_path, ROWS)

    class Feedback:
        def isCanceled(self):  # noqa: N802 - QgsFeedback's name
            return True

        def setProgress(self, value):  # noqa: N802 - QgsFeedback's name
            pass

    with pytest.raises(Canceled):
        list(batches.iter_batches(layer, ["code_cs"], batches.Step(Feedback())))


def test_batches_read_ahead_keep_their_ids_and_values(tmp_path, monkeypatch):
    """The next batch is read in a thread while this one is used; its numbers are copied as soon
    as read (a driver may fill the same buffers again), so every batch still holds its own ids,
    codes and areas once all are read, in order."""
    n = 5000

    def code(k):  # parent codes, lower case and nulls, as deliveries carry them
        return None if k % 7 == 0 else ("cs2.1.1" if k % 11 == 0 else f"CS2.1.{k % 3 + 1}")

    rows = [
        (square(X0 + 20 * (k % 100), Y0 + 20 * (k // 100), 1 + k % 17), [code(k), "US1.1"])
        for k in range(n)
    ]
    layer = _gpkg(tmp_path, rows)
    monkeypatch.setattr(batches, "BATCH", 512)
    kept = list(batches.iter_batches(layer, ["code_cs"]))
    assert [len(b["fid"]) for b in kept] == [512] * 9 + [392]
    ids = np.concatenate([np.asarray(b["fid"]) for b in kept]).tolist()
    assert ids == list(range(1, n + 1))
    codes = [
        None if c is np.ma.masked else (c.decode() if isinstance(c, bytes) else c)
        for b in kept
        for c in list(b["code_cs"])
    ]
    assert codes == [code(k) for k in range(n)]
    areas, _ = wkb.wkb_area_bbox([blob for b in kept for blob in batches.wkb_blobs(b["wkb"])])
    assert areas.tolist() == [float((1 + k % 17) ** 2) for k in range(n)]
