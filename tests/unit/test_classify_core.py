"""The classification core (ocsge_plugin/computing/classify.py) without the toolbox: memory
layers, answers known by hand, the reading contract (ids, attributes requested, no geometry when
not needed)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant


@pytest.fixture(scope="module")
def core(ocsge):
    from ocsge.ocsge_plugin.computing import classify

    return classify


def square(x: float, y: float, size: float) -> str:
    return f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))"


def memory_layer(rows, fields=("code_cs", "code_us"), crs="EPSG:2154", extra=()) -> QgsVectorLayer:
    spec = "&".join(f"field={name}:string" for name in fields) + "".join(
        f"&field={name}:{kind}" for name, kind in extra
    )
    layer = QgsVectorLayer(f"MultiPolygon?crs={crs}&{spec}", "m", "memory")
    features = []
    for wkt, values in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(list(values))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


def by_fid(result, layer: QgsVectorLayer, key: str = "code_cs") -> dict:
    """The answers per feature, keyed by an attribute, through the fid alignment."""
    positions = result.index_of([f.id() for f in layer.getFeatures()])
    out = {}
    for feature, i in zip(layer.getFeatures(), positions):
        out[feature[key] if key else feature.id()] = (
            int(result.imper[i]),
            int(result.artif_matrice[i]),
            int(result.artif[i]),
            bool(result.crit_seuil[i]),
            result.source_name(i),
        )
    return out


# ----------------------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    "value, expected",
    [
        ("artif", 1),
        ("non artif", 0),
        ("Non Artif", 0),
        (" non_artif ", 0),
        ("ARTIF", 1),
        (True, 1),
        (False, 0),
        (1, 1),
        (0, 0),
        (None, -1),
        (QVariant(), -1),
        ("", -1),
        ("peut-être", -1),
        (2, -1),
    ],
)
def test_parse_ign_artif(core, value, expected):
    assert core.parse_ign_artif(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (True, 1),
        (False, 0),
        ("true", 1),
        ("F", 0),
        ("oui", 1),
        ("non", 0),
        (1, 1),
        (0, 0),
        (None, -1),
        (QVariant(), -1),
        ("?", -1),
    ],
)
def test_parse_bool(core, value, expected):
    assert core.parse_bool(value) == expected


@pytest.mark.parametrize(
    "lon, lat, epsg",
    [
        (-61.73, 15.99, 5490),
        (-61.07, 14.60, 5490),
        (-52.33, 4.93, 2972),
        (55.45, -20.88, 2975),
        (45.23, -12.78, 4471),
        (0.58, 43.65, 2154),
        (6.86, 47.64, 2154),
        (9.15, 42.15, 2154),
    ],
)
def test_projected_crs_suggested_by_place(core, lon, lat, epsg):
    # Basse-Terre, Fort-de-France, Cayenne, Saint-Denis, Mamoudzou, Auch, Belfort, Corse
    assert core.suggest_projected_crs(lon, lat)[0] == epsg


def test_check_crs(core):
    assert core.check_crs(QgsCoordinateReferenceSystem("EPSG:2154")) is None
    assert core.check_crs(QgsCoordinateReferenceSystem("EPSG:2975")) is None
    with pytest.raises(core.ClassifyError, match="EPSG:4471"):
        core.check_crs(
            QgsCoordinateReferenceSystem("EPSG:4326"), QgsRectangle(45.1, -12.9, 45.3, -12.7)
        )
    with pytest.raises(
        core.ClassifyError, match="EPSG:2154"
    ):  # a projected CRS in feet is no better
        core.check_crs(
            QgsCoordinateReferenceSystem("EPSG:2230"), QgsRectangle(6e6, 2e6, 6.1e6, 2.1e6)
        )
    assert "metres" in core.check_crs(
        QgsCoordinateReferenceSystem()
    )  # no CRS: a warning, not a refusal


def test_resolve_method(core):
    with_artif = memory_layer([], fields=("code_cs", "code_us", "ARTIF")).fields()
    without = memory_layer([]).fields()
    assert core.resolve_method(core.AUTO, with_artif) == "ign"  # field names: case ignored
    assert core.resolve_method(core.AUTO, without) == "matrice_seuils"
    assert core.resolve_method("matrice", with_artif) == "matrice"
    with pytest.raises(core.ClassifyError, match="Unknown method"):
        core.resolve_method("seuils", without)


def test_output_fields_keep_the_users_attributes(core):
    from ocsge.ocsge_plugin.computing import classified

    fields = QgsFields()
    for name in ("ID", "artif", "Crit_Seuil", "artif_orig"):
        fields.append(QgsField(name, QVariant.String))
    out, renamed = classified.output_fields(fields, classified.classification_fields())
    assert renamed == {"artif": "artif_orig2", "Crit_Seuil": "Crit_Seuil_orig"}
    assert out.names() == [
        "ID",
        "artif_orig2",
        "Crit_Seuil_orig",
        "artif_orig",
        "imper",
        "artif",
        "artif_matrice",
        "crit_seuil",
        "artif_source",
    ]


# ---------------------------------------------------------------------------------- classification


def test_matrice_per_polygon_with_messy_codes(core):
    # answers by the décret's table (domain.md §2), written out here
    rows = [
        (square(0, 0, 10), ["CS1.1.1.1", "US1.1"]),  # built, agriculture: imper, artif
        (
            square(20, 0, 10),
            [" cs1.1.2.1 ", "us1.3"],
        ),  # mineral extraction (messy case): not artif, not imper
        (square(40, 0, 10), ["CS1.1.2.1", "US1.1"]),  # mineral, agriculture: artif
        (square(60, 0, 10), ["CS2.2.1", "US6.3"]),  # grass, no use: not artif
        (square(80, 0, 10), ["CS2.2.2", "US6.1"]),  # grass, transition: artif
        (square(100, 0, 10), ["CS2.1.1.1", "US2"]),  # trees in town: not artif
        (
            square(120, 0, 10),
            ["CS1.1.1.2", None],
        ),  # null usage: every usage of CS1.1.1.2 is artificialised (issue 11)
        (square(140, 0, 10), [None, "US2"]),  # null couverture: both indéterminé
        (square(160, 0, 10), ["CS7", "US2"]),  # unknown couverture
        (square(180, 0, 10), ["CS2.2.1", "US9"]),  # unknown usage
        (square(200, 0, 10), ["CS7", "US2"]),
    ]
    layer = memory_layer(rows)
    result = core.classify_layer(layer, "matrice")
    expected_imper = [1, 0, 0, 0, 0, 0, 1, -1, -1, 0, -1]
    expected_artif = [1, 0, 1, 0, 1, 0, 1, -1, -1, -1, -1]
    order = result.index_of([f.id() for f in layer.getFeatures()])
    assert result.imper[order].tolist() == expected_imper
    assert result.artif[order].tolist() == expected_artif
    assert result.artif_matrice[order].tolist() == expected_artif
    assert not result.crit_seuil.any()
    assert [result.source_name(i) for i in order] == ["matrice"] * 7 + [None] * 4
    assert result.unknown_codes == {"CS7": 2, "US9": 1}
    assert result.unknown_surface == {"CS7": 200.0, "US9": 100.0}
    assert result.null_codes == 2
    assert result.area.tolist() == [100.0] * 11
    assert result.indetermine_total() == (4, 400.0)
    assert result.imper_total() == (2, 200.0) and result.artif_total() == (4, 400.0)


def test_ids_are_aligned_after_deletions(core):
    layer = memory_layer(
        [
            (square(10 * i, 0, 10 + i), [cs, "US2"])
            for i, cs in enumerate(["CS1.1.1.1", "CS2.1.2", "CS1.1.2.2", "CS1.2.2", "CS2.2.1"])
        ]
    )
    ids = [f.id() for f in layer.getFeatures()]
    assert layer.dataProvider().deleteFeatures([ids[1], ids[3]])
    result = core.classify_layer(layer, "matrice")
    assert sorted(result.fid.tolist()) == [ids[0], ids[2], ids[4]]
    answers = by_fid(result, layer)
    assert {cs: a[2] for cs, a in answers.items()} == {"CS1.1.1.1": 1, "CS1.1.2.2": 1, "CS2.2.1": 1}
    areas = dict(zip(result.fid.tolist(), result.area.tolist()))
    assert areas == {ids[0]: 100.0, ids[2]: 144.0, ids[4]: 196.0}  # sides 10, 12, 14 by hand
    assert result.index_of([ids[1], 12345]).tolist() == [-1, -1]


def test_thresholds_through_the_core(core):
    # a 30 × 30 meadow (900 m²) in the middle of a 90 × 90 block of 9 cells, the others built
    rows = []
    for i in range(3):
        for j in range(3):
            codes = ["CS2.2.1", "US1.1"] if (i, j) == (1, 1) else ["CS1.1.1.1", "US2"]
            rows.append((square(30 * i, 30 * j, 30), codes))
    layer = memory_layer(rows)
    result = core.classify_layer(layer, "matrice_seuils")
    assert result.artif_total() == (9, 8100.0)
    assert result.to_artif_total() == (1, 900.0) and result.to_non_artif_total() == (0, 0.0)
    meadow = result.index_of([list(layer.getFeatures())[4].id()])[0]
    assert (result.artif_matrice[meadow], result.artif[meadow], result.source_name(meadow)) == (
        0,
        1,
        "seuil",
    )
    assert result.thresholds is not None and result.thresholds.n_patches == 2


def test_ign_method(core):
    rows = [
        (square(0, 0, 10), ["CS1.1.1.1", "US2", "artif", False]),
        (
            square(10, 0, 10),
            ["CS2.2.1", "US1.1", "non artif", True],
        ),  # desartificialised by IGN's seuils
        (square(20, 0, 10), ["CS2.2.1", "US1.1", "artif", True]),  # artificialised by IGN's seuils
        (square(30, 0, 10), ["CS2.2.1", "US1.1", None, None]),
        (
            square(40, 0, 10),
            ["CS2.2.1", "US1.1", "non artif", None],
        ),  # null crit_seuil: not changed
    ]
    layer = memory_layer(
        rows, fields=("code_cs", "code_us", "artif"), extra=(("crit_seuil", "boolean"),)
    )
    result = core.classify_layer(layer, core.AUTO)
    assert result.method == "ign"
    order = result.index_of([f.id() for f in layer.getFeatures()])
    assert result.artif[order].tolist() == [1, 0, 1, -1, 0]
    assert result.artif_matrice[order].tolist() == [1, 1, 0, -1, 0]
    assert result.crit_seuil[order].tolist() == [False, True, True, False, False]
    assert [result.source_name(i) for i in order] == ["ign", "ign", "ign", None, "ign"]
    assert result.to_artif_total() == (1, 100.0) and result.to_non_artif_total() == (1, 100.0)
    assert any("null crit_seuil" in w for w in result.warnings)
    assert any("without a readable IGN artif" in w for w in result.warnings)


def test_refusals(core):
    layer = memory_layer([(square(0, 0, 10), ["CS1.1.1.1", "US2"])])
    with pytest.raises(core.ClassifyError, match="IGN method reads IGN's artif field"):
        core.classify_layer(layer, "ign")
    with pytest.raises(core.ClassifyError, match="usage field nope is missing"):
        core.classify_layer(layer, "matrice", us_field="nope")
    geographic = memory_layer(
        [("POLYGON((-52.3 4.9,-52.2 4.9,-52.2 5,-52.3 4.9))", ["CS1.1.1.1", "US2"])],
        crs="EPSG:4326",
    )
    with pytest.raises(core.ClassifyError, match="EPSG:2972"):  # Guyane
        core.classify_layer(geographic, "matrice")
    points = QgsVectorLayer(
        "Point?crs=EPSG:2154&field=code_cs:string&field=code_us:string", "p", "memory"
    )
    with pytest.raises(core.ClassifyError, match="does not hold polygons"):
        core.classify_layer(points, "matrice")


def test_invalid_geometry_repaired_and_counted(core):
    bowtie = "POLYGON((0 0,10 10,10 0,0 10,0 0))"  # two triangles of 25 m² once repaired
    flat = "POLYGON((40 0,50 0,60 0,40 0))"  # no area at all: a line once repaired
    layer = memory_layer(
        [
            (bowtie, ["CS1.1.1.1", "US2"]),
            (square(20, 0, 10), ["CS1.1.1.1", "US2"]),
            (flat, ["CS2.2.1", "US1.1"]),
        ]
    )
    result = core.classify_layer(layer, "matrice_seuils")
    assert result.n_repaired == 2
    assert result.repaired_total() == (2, pytest.approx(50.0))
    assert sorted(result.area.tolist()) == pytest.approx([0.0, 50.0, 100.0])
    assert result.artif_total() == (2, pytest.approx(150.0))


class RecordingSource:
    """A feature source recording what is asked of it."""

    def __init__(self, layer: QgsVectorLayer):
        self.layer = layer
        self.requests: list[QgsFeatureRequest] = []

    def __getattr__(self, name):
        return getattr(self.layer, name)

    def getFeatures(self, request=QgsFeatureRequest()):  # noqa: N802, B008 - QGIS's signature
        self.requests.append(QgsFeatureRequest(request))
        return self.layer.getFeatures(request)


def test_reading_asks_only_for_what_it_needs(core):
    fields = ("ID", "code_cs", "code_us", "millesime", "source", "artif")
    layer = memory_layer(
        [(square(0, 0, 10), ["a", "CS1.1.1.1", "US2", "2019", "x", "artif"])], fields=fields
    )
    source = RecordingSource(layer)
    result = core.classify_layer(source, "matrice", with_geometry=False)
    (request,) = source.requests
    assert request.flags() & QgsFeatureRequest.NoGeometry
    assert sorted(layer.fields().at(i).name() for i in request.subsetOfAttributes()) == [
        "code_cs",
        "code_us",
    ]
    assert math.isnan(result.area[0]) and result.artif[0] == 1
    source.requests.clear()
    core.classify_layer(source, "ign")
    assert sorted(layer.fields().at(i).name() for i in source.requests[0].subsetOfAttributes()) == [
        "artif",
        "code_cs",
        "code_us",
    ]
    assert not source.requests[0].flags() & QgsFeatureRequest.NoGeometry  # areas by default


def test_cancel(core):
    class Canceled:
        def setProgress(self, value):  # noqa: N802
            pass

        def isCanceled(self):  # noqa: N802
            return True

    layer = memory_layer([(square(0, 0, 10), ["CS1.1.1.1", "US2"])])
    with pytest.raises(core.Canceled):
        core.classify_layer(layer, "matrice_seuils", feedback=Canceled())


def test_compare_with_ign_reasons(core):
    # three isolated squares: thresholds cannot apply (data edge), so the recomputation is the
    # matrix
    rows = [
        (square(0, 0, 10), ["CS1.1.1.1", "US2", "artif", False]),  # agree
        (
            square(20, 0, 10),
            ["CS2.2.1", "US1.1", "artif", False],
        ),  # IGN's matrix says artif: 'matrice'
        (
            square(40, 0, 10),
            ["CS2.2.1", "US1.1", "artif", True],
        ),  # IGN's seuil made it artif: 'seuil'
        (square(60, 0, 10), ["CS9", "US1.1", "artif", False]),  # unknown code: not compared
    ]
    layer = memory_layer(
        rows, fields=("code_cs", "code_us", "artif"), extra=(("crit_seuil", "boolean"),)
    )
    cmp = core.compare_with_ign(layer)
    order = cmp.calc.index_of([f.id() for f in layer.getFeatures()])
    assert cmp.compared[order].tolist() == [True, True, True, False]
    assert cmp.agree[order].tolist() == [True, False, False, False]
    assert [core.RAISONS[r] for r in cmp.raison[order]] == ["", "matrice", "seuil", ""]
    assert cmp.agree_total() == (1, 100.0) and cmp.disagree_total() == (2, 200.0)
    assert cmp.not_compared_total() == (1, 100.0)
    assert cmp.agreement_percent() == pytest.approx(100 / 3)
    assert np.array_equal(cmp.disagree, cmp.compared & ~cmp.agree)


# ------------------------------------------- validity asked of SQLite (gpkg.InvalidGeometries)


def _gpkg_with_bowtie(tmp_path):
    from builders import write_layer

    rows = [
        ("MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)))", ["ok", "CS1.1.1.1", "US2"]),
        ("MULTIPOLYGON(((800 0,900 100,900 0,800 100,800 0)))", ["bowtie", "CS1.1.1.1", "US2"]),
        ("MULTIPOLYGON(((20 0,30 0,30 10,20 10,20 0)))", ["ok2", "CS2.2.1", "US1.1"]),
    ]
    return str(
        write_layer(tmp_path / "occ.gpkg", "OCCUPATION_SOL", ["ID", "code_cs", "code_us"], rows)
    )


class _Canceled:
    def isCanceled(self):  # noqa: N802
        return True

    def setProgress(self, value):  # noqa: N802
        pass


def test_sqlite_names_the_invalid_polygon_and_honours_cancel(core, tmp_path):
    from ocsge.ocsge_plugin.computing import gpkg

    layer = QgsVectorLayer(_gpkg_with_bowtie(tmp_path), "occ", "ogr")
    assert gpkg.InvalidGeometries.start(layer).result() == {
        2
    }  # the bow-tie's feature id, GEOS as QGIS says
    with pytest.raises(gpkg.Canceled):
        gpkg.InvalidGeometries.start(layer).result(_Canceled())
    from builders import write_layer

    rows = [
        (square(0, 0, 10), ["a", "CS1.1.1.1", "US2"]),
        ("POLYGON((800 0,900 100,900 0,800 100,800 0))", ["b", "CS1.1.1.1", "US2"]),
    ]
    shp = QgsVectorLayer(
        str(
            write_layer(
                tmp_path / "occ.shp", "occ", ["ID", "code_cs", "code_us"], rows, 2154, driver="SHP"
            )
        ),
        "s",
        "ogr",
    )
    assert gpkg.InvalidGeometries.start(shp).result() == {
        1
    }  # OGR's SQLite dialect: rowid is the shapefile's feature id
    memory = QgsVectorLayer("Polygon?crs=EPSG:2154", "m", "memory")
    assert (
        gpkg.InvalidGeometries.start(memory).result() is None
    )  # not a GeoPackage: the caller checks each


def test_cancel_while_validity_is_settled_is_a_cancel(core, tmp_path):
    from ocsge.ocsge_plugin.computing import classify_read

    layer = QgsVectorLayer(_gpkg_with_bowtie(tmp_path), "occ", "ogr")
    columns = classify_read.read_columns(
        layer, "code_cs", "code_us", None, None, True, True, None, layer
    )
    assert (
        columns.validity is not None and columns.area is None
    )  # read through Arrow, validity pending
    with pytest.raises(core.Canceled):
        classify_read.settle_validity(columns, _Canceled())
    columns = classify_read.read_columns(
        layer, "code_cs", "code_us", None, None, True, True, None, layer
    )
    assert classify_read.settle_validity(columns, None) is True and columns.repaired == [2]


# ------------------------------------------------------------------- thresholds with parent codes

# A 3 × 3 grid of 40 m squares: the centre (1,600 m² < 2,500) is an island enclosed by the ring of
# the eight others (12,800 m²). (ring codes, island codes, convention) → (island: matrix status,
# status after the thresholds, changed by them), worked out by hand from the leaves under the codes.
ISLANDS = [
    # CS2.1.1 (any tree) with US6 (any other use): not artificialised, enclosed by built land →
    # artificialised
    (("CS1.1.1.1", "US2"), ("CS2.1.1", "US6"), "indetermine", (0, 1, True)),
    # CS2.2 with US2: every leaf artificialised (herbaceous in residential use), enclosed by
    # woodland → not
    (("CS2.1.1", "US1.2"), (" cs2.2", "us2 "), "indetermine", (1, 0, True)),
    # mineral with an INDETERMINE usage: undetermined (US1.3 decides), never changed, nor enclosed
    (("CS1.1.1.1", "US2"), ("CS1.1.2.1", "INDETERMINE"), "indetermine", (-1, -1, False)),
    # built with an INDETERMINE usage: artificialised and built (> 50 m²): stays artificialised
    # inside CS2.1 / US1
    (("CS2.1", "US1"), ("CS1.1.1.1", "INDETERMINE"), "indetermine", (1, 1, False)),
    # the national files' rule: the mineral island is artificialised like its ring
    (("CS1.1.1.1", "US2"), ("CS1.1.2.1", "INDETERMINE"), "national", (1, 1, False)),
    # … and a parent woodland code is simply not artificialised: enclosed → artificialised
    (("CS1.1.1.1", "US2"), ("CS2.1.1", "US6"), "national", (0, 1, True)),
]


@pytest.mark.parametrize(("ring", "island", "convention", "expected"), ISLANDS)
def test_an_island_follows_the_resolved_answer(core, ring, island, convention, expected):
    rows = [
        (square(40 * i, 40 * j, 40), island if (i, j) == (1, 1) else ring)
        for i in range(3)
        for j in range(3)
    ]
    layer = memory_layer(rows)
    result = core.classify_layer(layer, "matrice_seuils", convention=convention)
    order = result.index_of([f.id() for f in layer.getFeatures()])
    centre = order[4]
    assert (
        int(result.artif_matrice[centre]),
        int(result.artif[centre]),
        bool(result.crit_seuil[centre]),
    ) == expected
    ring_positions = [order[k] for k in range(9) if k != 4]
    assert not result.crit_seuil[ring_positions].any()  # the ring (12,800 m²) never changes
