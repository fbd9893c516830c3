"""ocsge:export: the published schema (domain.md §5, written out here), CRS, units, CSV dialects,
simplified outlines that keep their topology, atomic writing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant
from support import DATA, Recorder

MEMBERSHIP = DATA / "appartenance-communes-90.csv"

# The published columns, from domain.md §5.
EXPECTED = {
    ("artif", "commune"): [
        "commune_code",
        "nom",
        "pourcent_artif",
        "surface_artif",
        "flux_artif",
        "flux_desartif",
        "flux_artif_net",
        "millesime_debut",
        "millesime_fin",
        "departement_code",
        "region_code",
        "epci_code",
        "scot_code",
        "commune_surface",
    ],
    ("imper", "commune"): [
        "commune_code",
        "nom",
        "pourcent_imper",
        "surface_imper",
        "flux_imper",
        "flux_desimper",
        "flux_imper_net",
        "millesime_debut",
        "millesime_fin",
        "departement_code",
        "region_code",
        "epci_code",
        "scot_code",
        "commune_surface",
    ],
    ("artif", "epci"): [
        "epci_code",
        "nom",
        "pourcent_artif",
        "surface_artif",
        "flux_artif",
        "flux_desartif",
        "flux_artif_net",
        "millesime_debut",
        "millesime_fin",
    ],
    ("imper", "departement"): [
        "departement_code",
        "nom",
        "pourcent_imper",
        "surface_imper",
        "flux_imper",
        "flux_desimper",
        "flux_imper_net",
        "millesime_debut",
        "millesime_fin",
    ],
    ("artif", "region"): [
        "region_code",
        "nom",
        "pourcent_artif",
        "surface_artif",
        "flux_artif",
        "flux_desartif",
        "flux_artif_net",
        "millesime_debut",
        "millesime_fin",
    ],
}
TEXT = {
    "commune_code",
    "epci_code",
    "departement_code",
    "region_code",
    "scot_code",
    "nom",
    "millesime_debut",
    "millesime_fin",
}

_CACHE: dict = {}


@pytest.fixture
def communes(run, tmp_path_factory):
    """The commune table of ocsge:aggregate on the sample deliveries of D090 (built once)."""
    if "communes" not in _CACHE:
        import sample_generator

        folder = tmp_path_factory.mktemp("sample90e")
        sample_generator.generate("90", 3000, seed=7, out=folder, archive=False, flavour="gpkg")
        loaded, _ = run("ocsge:load", {"INPUT": str(folder), "CHECK_CODES": False, "KINDS": [0, 2]})
        out = tmp_path_factory.mktemp("aggregate") / "communes.gpkg"
        run(
            "ocsge:aggregate",
            {
                "INPUT_LAYERS": loaded["LAYERS"],
                "TERRITORIES": str(DATA / "communes-90-territoire-de-belfort.geojson"),
                "CODE_FIELD": "code",
                "NAME_FIELD": "nom",
                "METHOD": 2,
                "OUTPUT": str(out),
            },
        )
        _CACHE["communes"] = str(out)
    return _CACHE["communes"]


def export(run, communes, folder, feedback=None, **extra):
    params = {"COMMUNE": communes, "MEMBERSHIP": str(MEMBERSHIP), "OUTPUT_FOLDER": str(folder)}
    params.update(extra)
    return run("ocsge:export", params, feedback)


def csv_rows(path: Path, delimiter=",") -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter))
    return rows[0], rows[1:]


def plain(value):
    return None if isinstance(value, QVariant) and value.isNull() else value


def test_published_columns_order_types_crs_and_units(run, communes, tmp_path):
    results, _ = export(run, communes, tmp_path / "ha")
    files = json.loads(results["FILES"])
    for (dataset, level), columns in EXPECTED.items():
        name = f"{dataset}_{level}"
        layer = QgsVectorLayer(f"{tmp_path / 'ha' / name}.gpkg|layername={name}", name, "ogr")
        assert layer.isValid(), name
        fields = layer.fields()
        assert [f.name() for f in fields if f.name() != "fid"] == columns, name
        for f in fields:
            if f.name() == "fid":
                continue
            assert f.type() == (QVariant.String if f.name() in TEXT else QVariant.Double), (
                name,
                f.name(),
            )
        assert layer.crs().authid() == "EPSG:4326"
        assert layer.geometryType() == 2  # polygons
        header, _ = csv_rows(tmp_path / "ha" / f"{name}.csv")
        assert header == columns
        assert str(tmp_path / "ha" / f"{name}.gpkg") in files
    # The unit is stated in the GeoPackage (layer description and metadata).
    from osgeo import ogr

    ds = ogr.Open(str(tmp_path / "ha" / "artif_commune.gpkg"))
    lyr = ds.GetLayer(0)
    assert lyr.GetMetadataItem("unite") == "ha"
    assert "hectares" in lyr.GetMetadataItem("DESCRIPTION")
    ds = None
    # Values: the commune table in hectares, and ×10,000 in m².
    source = {f["code"]: f for f in QgsVectorLayer(communes, "c", "ogr").getFeatures()}
    out_ha = {
        f["commune_code"]: f
        for f in QgsVectorLayer(
            str(tmp_path / "ha" / "artif_commune.gpkg"), "a", "ogr"
        ).getFeatures()
    }
    export(run, communes, tmp_path / "m2", UNIT=1, FORMATS=[0])
    out_m2 = {
        f["commune_code"]: f
        for f in QgsVectorLayer(
            str(tmp_path / "m2" / "artif_commune.gpkg"), "a", "ogr"
        ).getFeatures()
    }
    assert len(out_ha) == len(source) == 102
    for code, feature in out_ha.items():
        assert feature["surface_artif"] == pytest.approx(source[code]["surface_artif"], rel=1e-12)
        assert feature["commune_surface"] == pytest.approx(source[code]["surface"], rel=1e-12)
        assert feature["flux_artif_net"] == pytest.approx(
            source[code]["flux_artif_net"], rel=1e-12, abs=1e-12
        )
        assert feature["pourcent_artif"] == pytest.approx(source[code]["pourcent_artif"], rel=1e-12)
        assert out_m2[code]["surface_artif"] == pytest.approx(
            1e4 * feature["surface_artif"], rel=1e-12
        )
        assert out_m2[code]["pourcent_artif"] == pytest.approx(feature["pourcent_artif"], rel=1e-12)
    assert (
        out_ha["90001"]["epci_code"] == "200069052" and out_ha["90001"]["departement_code"] == "90"
    )
    assert out_ha["90001"]["region_code"] == "27" and plain(out_ha["90001"]["scot_code"]) is None
    # No SCoT codes: no SCoT files.
    assert not (tmp_path / "ha" / "artif_scot.gpkg").exists()
    # The EPCI rows are sums of their communes (Σ surface ÷ Σ commune area for the percentage).
    epci = {
        f["epci_code"]: f
        for f in QgsVectorLayer(str(tmp_path / "ha" / "artif_epci.gpkg"), "e", "ogr").getFeatures()
    }
    members = [f for f in out_ha.values() if f["epci_code"] == "200069060"]
    total = sum(f["surface_artif"] for f in members)
    assert epci["200069060"]["surface_artif"] == pytest.approx(total, rel=1e-12)
    assert epci["200069060"]["pourcent_artif"] == pytest.approx(
        100 * total / sum(f["commune_surface"] for f in members), rel=1e-12
    )


def test_csv_dialects(run, communes, tmp_path):
    export(run, communes, tmp_path / "comma", FORMATS=[1])
    export(run, communes, tmp_path / "semicolon", FORMATS=[1], CSV_DIALECT=1)
    header_a, rows_a = csv_rows(tmp_path / "comma" / "imper_commune.csv", ",")
    header_b, rows_b = csv_rows(tmp_path / "semicolon" / "imper_commune.csv", ";")
    assert header_a == header_b == EXPECTED[("imper", "commune")]
    assert not list((tmp_path / "comma").glob("*.gpkg"))
    i = header_a.index("surface_imper")
    for a, b in zip(rows_a, rows_b):
        assert a[0] == b[0]
        assert "," not in b[i] or "." not in b[i]
        assert float(a[i]) == pytest.approx(float(b[i].replace(",", ".")), rel=1e-12)
    assert any("," in row[i] for row in rows_b)  # decimal commas
    text = (tmp_path / "semicolon" / "imper_commune.csv").read_bytes().decode("utf-8")
    assert "Étueffont" in text  # UTF-8, accents kept


def test_simplified_outlines_keep_their_topology(run, communes, tmp_path):
    export(run, communes, tmp_path / "out", DATASETS=[0], LEVELS=[0, 1], FORMATS=[0])
    original = {
        f["code"]: QgsGeometry(f.geometry())
        for f in QgsVectorLayer(
            str(DATA / "communes-90-territoire-de-belfort.geojson"), "c", "ogr"
        ).getFeatures()
    }
    simplified = {
        f["commune_code"]: QgsGeometry(f.geometry())
        for f in QgsVectorLayer(
            str(tmp_path / "out" / "artif_commune.gpkg"), "s", "ogr"
        ).getFeatures()
    }
    to_l93 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem("EPSG:2154"),
        QgsProject.instance(),
    )
    for g in list(original.values()) + list(simplified.values()):
        g.transform(to_l93)
    vertices = lambda gs: sum(len(list(g.vertices())) for g in gs)  # noqa: E731
    assert vertices(simplified.values()) < 0.8 * vertices(original.values())
    for code, g in simplified.items():
        assert g.isGeosValid(), code
        # within the tolerance (50 m) of the original outline
        assert original[code].buffer(50.5, 8).contains(g), code
    # neighbours neither overlap nor leave gaps: the union is as whole as the original's
    codes = sorted(simplified)
    for i, a in enumerate(codes):
        for b in codes[i + 1 :]:
            if simplified[a].boundingBox().intersects(simplified[b].boundingBox()):
                assert simplified[a].intersection(simplified[b]).area() < 1e-3, (a, b)
    union_s = QgsGeometry.unaryUnion(list(simplified.values()))
    union_o = QgsGeometry.unaryUnion(list(original.values()))

    def holes(g):
        return sum(len(p) - 1 for p in (g.asMultiPolygon() if g.isMultipart() else [g.asPolygon()]))

    assert holes(union_s) == holes(union_o)
    assert union_s.area() == pytest.approx(sum(g.area() for g in simplified.values()), rel=1e-9)
    # not simplified on request
    export(run, communes, tmp_path / "raw", DATASETS=[0], LEVELS=[0], FORMATS=[0], SIMPLIFY=False)
    raw = [
        f.geometry()
        for f in QgsVectorLayer(
            str(tmp_path / "raw" / "artif_commune.gpkg"), "r", "ogr"
        ).getFeatures()
    ]
    assert vertices(raw) == vertices(original.values())


def test_by_index_layout_and_coverage_table(run, communes, tmp_path):
    export(run, communes, tmp_path, WIDE=True, FORMATS=[1], LEVELS=[0, 3])
    header, rows = csv_rows(tmp_path / "artif_commune_par_index.csv")
    assert header == [
        "commune_code",
        "nom",
        "millesimes_1",
        "pourcent_artif_1",
        "surface_artif_1",
        "millesimes_2",
        "pourcent_artif_2",
        "surface_artif_2",
        "flux_surface_1_2",
        "flux_percent_1_2",
    ]
    long_header, long_rows = csv_rows(tmp_path / "artif_commune.csv")
    by_code = {row[0]: dict(zip(long_header, row)) for row in long_rows}
    for row in rows:
        r = dict(zip(header, row))
        assert (r["millesimes_1"], r["millesimes_2"]) == ("2018", "2021")
        assert float(r["surface_artif_2"]) == pytest.approx(
            float(by_code[r["commune_code"]]["surface_artif"])
        )
        assert float(r["flux_surface_1_2"]) == pytest.approx(
            float(r["surface_artif_2"]) - float(r["surface_artif_1"]), abs=1e-9
        )
        assert float(r["flux_percent_1_2"]) == pytest.approx(
            float(r["pourcent_artif_2"]) - float(r["pourcent_artif_1"]), abs=1e-9
        )
    header, rows = csv_rows(tmp_path / "part_territoire_couvert.csv")
    assert header == ["code", "name", "surface_km2", "percent_of_france", "has_ocsge"]
    (row,) = rows
    assert row[:2] == ["90", "Territoire de Belfort"]
    assert float(row[3]) == pytest.approx(100 * float(row[2]) / 641184)
    assert row[4] == "true"


class _CancelOnProgress:
    """A feedback canceling after ``after`` progress updates (the signal: QGIS sets progress from
    C++ too)."""

    def __new__(cls, after: int = 1):
        feedback = Recorder()
        calls = {"n": 0}

        def changed(_value):
            calls["n"] += 1
            if calls["n"] > after:
                feedback.cancel()

        feedback.progressChanged.connect(changed)
        return feedback


def test_cancel_and_errors_leave_nothing_half_written(run, communes, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    (folder / "artif_commune.csv").write_text("old")
    feedback = _CancelOnProgress(after=2)
    with pytest.raises(QgsProcessingException, match="Canceled"):
        export(run, communes, folder, feedback=feedback)
    assert any("Canceled" in error for error in feedback.errors)
    assert sorted(p.name for p in folder.iterdir()) == ["artif_commune.csv", "notes.txt"]
    assert (folder / "artif_commune.csv").read_text() == "old"
    # An error while committing (a folder where a file must go): nothing replaced, no temporary
    # left.
    (folder / "imper_region.gpkg").mkdir()
    with pytest.raises(QgsProcessingException, match="Cannot write"):
        export(run, communes, folder)
    assert sorted(p.name for p in folder.iterdir()) == [
        "artif_commune.csv",
        "imper_region.gpkg",
        "notes.txt",
    ]
    assert (folder / "artif_commune.csv").read_text() == "old"
    # A successful run replaces the export's own files, and only them.
    (folder / "imper_region.gpkg").rmdir()
    export(run, communes, folder)
    assert (folder / "notes.txt").read_text() == "mine"
    assert (folder / "artif_commune.csv").read_text().startswith("commune_code,")
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_bad_input(run, tmp_path):
    from builders import square, write_layer

    path = write_layer(tmp_path / "x.gpkg", "x", ["code", "nom"], [(square(0, 0, 10), ["1", "a"])])
    with pytest.raises(QgsProcessingException, match="Expected a table from ocsge:aggregate"):
        run("ocsge:export", {"COMMUNE": str(path), "OUTPUT_FOLDER": str(tmp_path / "o")})
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())


def test_csv_cells_read_as_formulas_are_neutralised_numbers_kept(run, communes, tmp_path):
    """Commune names beginning with =, +, -, @ reached the CSV as spreadsheet formulas: now
    behind an apostrophe, while the negative numbers of the numeric columns stay numbers."""
    import shutil

    from osgeo import ogr

    hostile = ['=HYPERLINK("http://x";"clic")', "+33 6 00", "-2+3", "@SUM(A1:A9)"]
    source = tmp_path / "communes.gpkg"
    shutil.copy(communes, source)
    ds = ogr.Open(str(source), 1)
    layer = ds.GetLayer(0)
    for feature, name in zip(layer, hostile):
        feature.SetField("nom", name)
        layer.SetFeature(feature)
    ds = None
    export(run, str(source), tmp_path / "out", FORMATS=[1])
    header, rows = csv_rows(tmp_path / "out" / "artif_commune.csv", ",")
    names = {row[0]: row[header.index("nom")] for row in rows}
    written = sorted(n for n in names.values() if n.startswith("'"))
    assert written == sorted("'" + name for name in hostile), written
    assert not any(n.startswith(("=", "+", "-", "@")) for n in names.values())
    net = [row[header.index("flux_artif_net")] for row in rows]
    assert any(value.startswith("-") for value in net)  # negative numbers untouched…
    assert all(float(value) == float(value) for value in net if value)  # …and still numbers
