"""Validity verdicts of one millésime reused for the next one's polygons whose WKB is the same byte
for byte (``classify_read.SeenGeometries``): a run classifying two GeoPackages gives the answers of
each classified alone; a changed polygon is still asked of SQLite; a layer with a filter, or a
verdict that cannot be told, falls back to checking every polygon."""

from __future__ import annotations

import numpy as np
import pytest
from qgis.core import QgsVectorLayer

BOWTIE_A = "MULTIPOLYGON(((800 0,900 100,900 0,800 100,800 0)))"  # invalid: crosses itself
BOWTIE_B = "MULTIPOLYGON(((1000 0,1100 100,1100 0,1000 100,1000 0)))"


def square(x: float, size: float) -> str:
    return f"MULTIPOLYGON((({x} 0,{x + size} 0,{x + size} {size},{x} {size},{x} 0)))"


@pytest.fixture(scope="module")
def core(ocsge):
    from ocsge.ocsge_plugin.computing import classify

    return classify


def _layer(path, rows) -> QgsVectorLayer:
    from builders import write_layer

    written = write_layer(path, "OCCUPATION_SOL", ["ID", "code_cs", "code_us"], rows)
    layer = QgsVectorLayer(str(written), path.stem, "ogr")
    assert layer.isValid()
    return layer


def _millesimes(tmp_path) -> tuple[QgsVectorLayer, QgsVectorLayer]:
    """Début: six squares and bow-tie A (fid 2). Fin: the same squares, bow-tie A with other codes
    (same WKB), square 3 grown, bow-tie B new (fid 8): ids 3 and 8 are the changed polygons."""
    squares = [(square(200.0 * k, 100.0), [f"s{k}", "CS1.1.1.1", "US2"]) for k in range(6)]
    debut = [squares[0], (BOWTIE_A, ["a", "CS1.1.1.1", "US2"]), *squares[1:]]
    fin = [
        squares[0],
        (BOWTIE_A, ["a", "CS2.2.1", "US1.1"]),  # codes changed only
        (square(200.0, 120.0), ["s1", "CS1.1.1.1", "US2"]),  # grown
        *squares[2:],
        (BOWTIE_B, ["b", "CS1.1.1.1", "US2"]),  # new
    ]
    return _layer(tmp_path / "debut.gpkg", debut), _layer(tmp_path / "fin.gpkg", fin)


def _asked(monkeypatch) -> list:
    """The ``only`` argument of every validity query started (None: the whole layer)."""
    from ocsge.ocsge_plugin.computing import gpkg

    asked, start = [], gpkg.InvalidGeometries.start.__func__

    def spy(cls, layer, only=None):
        asked.append(None if only is None else sorted(int(i) for i in only))
        return start(cls, layer, only)

    monkeypatch.setattr(gpkg.InvalidGeometries, "start", classmethod(spy))
    return asked


def test_second_millesime_asks_only_its_changed_polygons(core, tmp_path, monkeypatch):
    debut, fin = _millesimes(tmp_path)
    alone = core.classify_layer(fin, "matrice_seuils")
    asked = _asked(monkeypatch)
    seen = core.SeenGeometries()
    first = core.classify_layer(debut, "matrice_seuils", seen=seen)
    second = core.classify_layer(fin, "matrice_seuils", seen=seen)
    assert asked == [None, [3, 8]]  # début whole; fin: the grown square and the new bow-tie
    assert first.repaired_fids == [2]
    # bow-tie A by début's verdict, B by SQLite: both repaired as when fin is classified alone
    assert second.repaired_fids == alone.repaired_fids == [2, 8]
    assert np.array_equal(second.fid, alone.fid)
    assert np.array_equal(second.area, alone.area)  # the repaired bow-ties' areas: 2 × 5,000 m²
    assert second.area[second.fid == 2][0] == pytest.approx(5000.0)
    assert np.array_equal(second.artif, alone.artif)
    assert np.array_equal(second.crit_seuil, alone.crit_seuil)


def test_a_verdict_known_is_not_asked_again(core, tmp_path):
    """The verdict recorded is the one used: told (wrongly, on purpose) that bow-tie A's WKB is
    valid, the run does not repair it in a GeoPackage, but does in a filtered layer (no reuse)."""
    from ocsge.ocsge_plugin.computing import classify_read

    debut, fin = _millesimes(tmp_path)
    columns = classify_read.read_columns(
        debut, "code_cs", "code_us", None, None, True, True, None, debut, seen=core.SeenGeometries()
    )
    hashes, checks = columns.identity
    columns.validity.result()
    seen = core.SeenGeometries()
    seen.add(hashes, checks, np.zeros(hashes.size, bool))  # every début polygon "valid"
    fooled = core.classify_layer(fin, "matrice_seuils", seen=seen)
    assert fooled.repaired_fids == [8]  # A's verdict taken from ``seen``, B's asked
    fin.setSubsetString('"ID" IS NOT NULL')  # a filter: every polygon checked
    filtered = core.classify_layer(fin, "matrice_seuils", seen=seen)
    assert sorted(filtered.repaired_fids) == [2, 8]


def test_the_first_millesime_is_checked_whole_and_recorded(core, tmp_path):
    from ocsge.ocsge_plugin.computing import classify_read

    debut, fin = _millesimes(tmp_path)
    seen = core.SeenGeometries()
    core.classify_layer(debut, "matrice_seuils", seen=seen)
    assert seen.count == 7  # seven distinct WKB
    assert int(seen.suspect.sum()) == 1  # bow-tie A
    columns = classify_read.read_columns(
        fin, "code_cs", "code_us", None, None, True, True, None, fin, seen=seen
    )
    known, suspect = seen.verdicts(*columns.identity)
    assert columns.fid[~known].tolist() == [3, 8]
    assert columns.fid[suspect].tolist() == [2]
    assert columns.validity.result() == {2, 8}


def test_seen_forgets_a_hash_with_two_blobs_or_two_verdicts(core):
    seen = core.SeenGeometries()
    hashes = np.array([5, 5, 7, 7, 9, 0], np.int64)
    checks = np.array([1, 2, 3, 3, 4, 0], np.int64)
    suspect = np.array([False, False, True, False, True, True])
    seen.add(hashes, checks, suspect)
    assert seen.count == 1  # 5: two checks, 7: two verdicts, 0: no geometry
    known, bad = seen.verdicts(np.array([5, 7, 9, 9, 0]), np.array([1, 3, 4, 5, 0]))
    assert known.tolist() == [False, False, True, False, False]
    assert bad.tolist() == [False, False, True, False, False]
    seen.add(np.array([9, 11]), np.array([4, 6]), np.array([True, False]))
    assert seen.count == 2 and seen.hashes.tolist() == [9, 11]


def test_geopackage_query_on_listed_ids_by_several_queries(core, tmp_path, monkeypatch):
    from ocsge.ocsge_plugin.computing import gpkg

    debut, fin = _millesimes(tmp_path)
    assert gpkg.InvalidGeometries.of_geopackage(fin)
    monkeypatch.setattr(gpkg, "IDS_PER_QUERY", 2)
    assert gpkg.InvalidGeometries.start(fin, only=[1, 3, 8]).result() == {8}
    assert gpkg.InvalidGeometries.start(fin, only=[1, 2, 3, 4, 5]).result() == {2}
    assert gpkg.InvalidGeometries.start(fin, only=[]).result() == set()
    fin.setSubsetString('"ID" IS NOT NULL')
    assert not gpkg.InvalidGeometries.of_geopackage(fin)
    memory = QgsVectorLayer("Polygon?crs=EPSG:2154", "m", "memory")
    assert not gpkg.InvalidGeometries.of_geopackage(memory)
