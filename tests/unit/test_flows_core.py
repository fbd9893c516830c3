"""The flows core (ocsge_plugin/computing/flows.py) on hand-built millésimes whose flows are
known by hand.

The hand pair (100 m squares = 1 ha, Lambert-93 coordinates, D032, 2018 → 2021):

====  ================================  ================================  ========================
cell  début 2018                        fin 2021                          what changed (by hand)
====  ================================  ================================  ========================
1     grass, agriculture CS2.2.1 US1.1  built, housing CS1.1.1.1 US2      1 ha artif + imper
2     forest CS2.1.1.1 US1.2            grass, transition CS2.2.1 US6.1   1 ha artif (matrix), no
                                                                          imper
3     sealed road CS1.1.1.2 US4.1.1     grass, agriculture CS2.2.1 US1.1  1 ha desartif + desimper
      (same square, written from another vertex, clockwise: paired by the canonical key)
4     mineral, housing CS1.1.2.1 US2    sealed, housing CS1.1.1.2 US2     1 ha imper (artif both
                                                                          dates)
5     grass CS2.2.1 US1.1               identical                         nothing
6     grass CS2.2.1 US1.1 (one square)  lower half built CS1.1.1.1 US2,   0.5 ha artif + imper
                                        upper half unchanged
7     two forest halves                 one forest square                 nothing (geometry only)
8     grass 150 m | built 150 m         grass 100 m | built 200 m         0.5 ha strip artif + imper
9     grass, agriculture                grass, no usage CS2.2.1 US6.3     class only (1 ha, no
                                                                          flow)
10    —                                 built square                      only in fin: 1 ha
11    grass square                      —                                 only in début: 1 ha
====  ================================  ================================  ========================
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from builders import hand_delivery, write_layer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

from ocsge.ocsge_plugin.computing import pieces as change

X0, Y0 = 500000.0, 6280000.0


def rect(x0: float, y0: float, x1: float, y1: float) -> str:
    a, b, c, d = X0 + x0, Y0 + y0, X0 + x1, Y0 + y1
    return f"MULTIPOLYGON((({a} {b},{c} {b},{c} {d},{a} {d},{a} {b})))"


def rect_rotated_clockwise(x0: float, y0: float, x1: float, y1: float) -> str:
    """The same square as rect(), written from its top-left vertex, clockwise."""
    a, b, c, d = X0 + x0, Y0 + y0, X0 + x1, Y0 + y1
    return f"MULTIPOLYGON((({a} {d},{c} {d},{c} {b},{a} {b},{a} {d})))"


DEBUT = [  # (WKT, [ID, code_cs, code_us, millesime])
    (rect(0, 0, 100, 100), ["D1", "CS2.2.1", "US1.1", "2018"]),
    (rect(100, 0, 200, 100), ["D2", "CS2.1.1.1", "US1.2", "2018"]),
    (rect(0, 100, 100, 200), ["D3", "CS1.1.1.2", "US4.1.1", "2018"]),
    (rect(100, 100, 200, 200), ["D4", "CS1.1.2.1", "US2", "2018"]),
    (rect(200, 0, 300, 100), ["D5", "CS2.2.1", "US1.1", "2018"]),
    (rect(200, 100, 300, 200), ["D6", "CS2.2.1", "US1.1", "2018"]),
    (rect(300, 0, 350, 100), ["D7a", "CS2.1.1.1", "US1.2", "2018"]),
    (rect(350, 0, 400, 100), ["D7b", "CS2.1.1.1", "US1.2", "2018"]),
    (rect(0, 200, 150, 300), ["D8a", "CS2.2.1", "US1.1", "2018"]),
    (rect(150, 200, 300, 300), ["D8b", "CS1.1.1.1", "US2", "2018"]),
    (rect(300, 100, 400, 200), ["D9", "CS2.2.1", "US1.1", "2018"]),
    (rect(400, 100, 500, 200), ["D11", "CS2.2.1", "US1.1", "2018"]),
]
FIN = [
    (rect(0, 0, 100, 100), ["F1", "CS1.1.1.1", "US2", "2021"]),
    (rect(100, 0, 200, 100), ["F2", "CS2.2.1", "US6.1", "2021"]),
    (rect_rotated_clockwise(0, 100, 100, 200), ["F3", "CS2.2.1", "US1.1", "2021"]),
    (rect(100, 100, 200, 200), ["F4", "CS1.1.1.2", "US2", "2021"]),
    (rect(200, 0, 300, 100), ["F5", "CS2.2.1", "US1.1", "2021"]),
    (rect(200, 100, 300, 150), ["F6a", "CS1.1.1.1", "US2", "2021"]),
    (rect(200, 150, 300, 200), ["F6b", "CS2.2.1", "US1.1", "2021"]),
    (rect(300, 0, 400, 100), ["F7", "CS2.1.1.1", "US1.2", "2021"]),
    (rect(0, 200, 100, 300), ["F8a", "CS2.2.1", "US1.1", "2021"]),
    (rect(100, 200, 300, 300), ["F8b", "CS1.1.1.1", "US2", "2021"]),
    (rect(300, 100, 400, 200), ["F9", "CS2.2.1", "US6.3", "2021"]),
    (rect(400, 0, 500, 100), ["F10", "CS1.1.1.1", "US2", "2021"]),
]
# The flows by hand (hectares), matrix method.
HAND_FLOWS = {
    "flux_artif": 1 + 1 + 0.5 + 0.5,  # cells 1, 2, 6, 8
    "flux_desartif": 1.0,  # cell 3
    "flux_artif_net": 2.0,
    "flux_imper": 1 + 1 + 0.5 + 0.5,  # cells 1, 4, 6, 8
    "flux_desimper": 1.0,  # cell 3
    "flux_imper_net": 2.0,
}
HAND_TRANSITIONS_CS = {
    ("CS2.2.1", "CS1.1.1.1"): 2.0,  # cells 1, 6, 8
    ("CS2.1.1.1", "CS2.2.1"): 1.0,
    ("CS1.1.1.2", "CS2.2.1"): 1.0,
    ("CS1.1.2.1", "CS1.1.1.2"): 1.0,
    ("CS2.2.1", "CS2.2.1"): 1.0,  # cell 9: usage only
}
HAND_TRANSITIONS_US = {
    ("US1.1", "US2"): 2.0,
    ("US1.2", "US6.1"): 1.0,
    ("US4.1.1", "US1.1"): 1.0,
    ("US2", "US2"): 1.0,  # cell 4: couverture only
    ("US1.1", "US6.3"): 1.0,
}
# Origin of the 3 ha newly artificialised: 2 ha of grass / agriculture (cells 1, 6, 8), 1 ha of
# forest.
HAND_ORIGIN = {
    ("couverture", "CS2.2.1"): (2.0, 200 / 3),
    ("couverture", "CS2.1.1.1"): (1.0, 100 / 3),
    ("usage", "US1.1"): (2.0, 200 / 3),
    ("usage", "US1.2"): (1.0, 100 / 3),
}
HAND_PIECES = 7  # cells 1, 2, 3, 4, 6 (lower half), 8 (strip), 9
# The change expressed as IGN's difference layer: the same 7 pieces + one row with null codes (0.25
# ha).
DIFF_ROWS = [  # (WKT, [cs_debut, us_debut, cs_fin, us_fin])
    (rect(0, 0, 100, 100), ["CS2.2.1", "US1.1", "CS1.1.1.1", "US2"]),
    (rect(100, 0, 200, 100), ["CS2.1.1.1", "US1.2", "CS2.2.1", "US6.1"]),
    (rect(0, 100, 100, 200), ["CS1.1.1.2", "US4.1.1", "CS2.2.1", "US1.1"]),
    (rect(100, 100, 200, 200), ["CS1.1.2.1", "US2", "CS1.1.1.2", "US2"]),
    (rect(200, 100, 300, 150), ["CS2.2.1", "US1.1", "CS1.1.1.1", "US2"]),
    (rect(100, 200, 150, 300), ["CS2.2.1", "US1.1", "CS1.1.1.1", "US2"]),
    (rect(300, 100, 400, 200), ["CS2.2.1", "US1.1", "CS2.2.1", "US6.3"]),
    (rect(600, 0, 650, 50), [None, None, "CS1.1.1.1", "US2"]),
]
DIFF_NULL_HA = 0.25


def write_pair(
    folder: Path,
    dep: str = "D032",
    years=(2018, 2021),
    debut=None,
    fin=None,
    epsg_debut: int = 2154,
    epsg_fin: int = 2154,
):
    """The hand pair as two IGN-shaped deliveries (GPKG); returns the two OCCUPATION_SOL layers'
    URIs."""
    uris = []
    for year, rows, epsg in (
        (years[0], debut or DEBUT, epsg_debut),
        (years[1], fin or FIN, epsg_fin),
    ):
        name = f"OCS-GE_2-0__GPKG_LAMB93_{dep}_{year}-01-01"
        root = hand_delivery(folder, name=name, rows=rows, epsg=epsg)
        gpkg = next(root.rglob("OCCUPATION_SOL.gpkg"))
        uris.append(f"{gpkg}|layername=OCCUPATION_SOL")
    return uris


def write_difference(
    folder: Path,
    name: str = "OCS-GE_2-0_DIFF_SHP_LAMB93_D032_2018-2021",
    fields=("CS_2018", "US_2018", "CS_2021", "US_2021"),
    rows=None,
) -> str:
    """The hand change as IGN's DIFFERENCE layer (Shapefile, IGN's field spelling)."""
    path = write_layer(
        folder / name / "OCS-GE" / "1_DONNEES_LIVRAISON" / "DIFFERENCE.shp",
        "DIFFERENCE",
        list(fields),
        rows or DIFF_ROWS,
        driver="SHP",
    )
    return str(path)


def layer(uri: str) -> QgsVectorLayer:
    result = QgsVectorLayer(uri, Path(uri.split("|")[0]).stem, "ogr")
    assert result.isValid(), uri
    return result


@pytest.fixture
def flows(ocsge, qgis_app):
    import importlib

    return importlib.import_module("ocsge.ocsge_plugin.computing.flows")


def run_overlay(flows, debut, fin, method="matrice", **kwargs):
    report = change.FlowReport()
    acc = change.FlowAccumulator()
    pieces = list(flows.pieces_from_overlay(debut, fin, method, report, **kwargs))
    for piece in pieces:
        acc.add(piece)
    return pieces, acc, report


# ------------------------------------------------------------------------------------ the rule


@pytest.mark.parametrize(
    "statuses, expected",
    [
        ((0, 1, 0, 1), (1, 1)),  # grass → built
        ((0, 0, 0, 1), (1, 0)),  # forest → grass used for housing
        ((1, 0, 1, 0), (-1, -1)),  # road → meadow
        ((0, 1, 1, 1), (0, 1)),  # mineral → sealed
        ((True, True, False, False), (0, 0)),
        ((None, 1, 0, 1), (1, None)),  # unknown couverture at début: imper flow unknown
        ((0, 0, -1, 1), (None, 0)),
    ],
)
def test_flow_kind(flows, statuses, expected):
    assert change.flow_kind(*statuses) == expected


def test_flux_value_and_styles_cover_every_kind(flows, ocsge):
    assert change.flux_value(1, 1) == "artificialisation, impermeabilisation"
    assert change.flux_value(-1, 0) == "desartificialisation"
    assert change.flux_value(0, -1) == "desimpermeabilisation"
    assert change.flux_value(0, 0) is None
    assert len(change.flux_values()) == 8
    from ocsge.ocsge_plugin.publishing.styles import flows_renderer

    renderer = flows_renderer()
    values = {category.value() for category in renderer.categories()}
    assert set(change.flux_values()) | {None} == values
    # people read the flow kinds with their accents
    labels = {category.value(): category.label() for category in renderer.categories()}
    assert (
        labels["artificialisation, impermeabilisation"] == "Artificialisation, imperméabilisation"
    )
    assert (
        labels["desartificialisation, desimpermeabilisation"]
        == "Désartificialisation, désimperméabilisation"
    )
    assert all(
        "eabilisation" not in label.replace("éabilisation", "")
        for label in labels.values()
        if label
    )


# ------------------------------------------------------------------------------------ hand pair


def test_overlay_of_the_hand_pair(flows, tmp_path):
    debut, fin = (layer(uri) for uri in write_pair(tmp_path))
    pieces, acc, report = run_overlay(flows, debut, fin)
    assert acc.totals() == pytest.approx(HAND_FLOWS, abs=1e-9)
    assert len(pieces) == HAND_PIECES
    transitions = {
        (r.debut, r.fin): r.surface_ha for r in acc.transitions("couverture").itertuples()
    }
    assert transitions == pytest.approx(HAND_TRANSITIONS_CS)
    transitions = {(r.debut, r.fin): r.surface_ha for r in acc.transitions("usage").itertuples()}
    assert transitions == pytest.approx(HAND_TRANSITIONS_US)
    origin = {
        (r.nomenclature, r.code): (r.surface_ha, r.pourcent) for r in acc.origin().itertuples()
    }
    assert origin.keys() == HAND_ORIGIN.keys()
    for key, (surface, percent) in HAND_ORIGIN.items():
        assert origin[key] == pytest.approx((surface, percent))
    # Land in one millésime only: reported, with its codes, and kept out of the flows.
    assert report.only_debut_area == pytest.approx(10000.0)
    assert report.only_fin_area == pytest.approx(10000.0)
    parts = {(p.present, p.code_cs, p.artif): p.area for p in report.only_parts}
    assert parts == pytest.approx(
        {("debut", "CS2.2.1", 0): 10000.0, ("fin", "CS1.1.1.1", 1): 10000.0}
    )
    # Cells 1-5 and 9 are paired without intersection (cell 3 only after normalising its geometry).
    assert report.matched == 6 and report.matched_canonical == 1
    assert (report.overlaid_debut, report.overlaid_fin) == (6, 6)
    # Each piece: its geometry is where the hand table says; the class-only piece has no flow.
    by_cell = {
        round(p.geometry.centroid().asPoint().x() - X0, 3): p
        for p in pieces
        if p.geometry.area() == pytest.approx(10000.0)
    }
    assert by_cell[350.0].flux is None and by_cell[350.0].us_fin == "US6.3"
    strip = next(
        p
        for p in pieces
        if p.area == pytest.approx(5000.0)
        and p.cs_debut == "CS2.2.1"
        and p.geometry.boundingBox().xMinimum() == X0 + 100
    )
    assert strip.geometry.boundingBox().width() == pytest.approx(50.0)
    assert strip.flux == "artificialisation, impermeabilisation"
    # Stock difference = net flow + what appeared − what disappeared (only-fin cell 10 is built).
    stock = report.stock
    assert (stock["artif_fin"] - stock["artif_debut"]) / 1e4 == pytest.approx(
        HAND_FLOWS["flux_artif_net"] + 1.0
    )
    assert (stock["imper_fin"] - stock["imper_debut"]) / 1e4 == pytest.approx(
        HAND_FLOWS["flux_imper_net"] + 1.0
    )
    assert stock["artif_debut"] == pytest.approx(
        35000.0
    )  # cells 3, 4 and the 1.5 ha built half of 8
    assert report.undetermined_count == 0


def test_difference_layer_gives_the_same_flows_as_the_two_millesimes(flows, tmp_path):
    debut, fin = (layer(uri) for uri in write_pair(tmp_path))
    _, overlay, _ = run_overlay(flows, debut, fin)
    diff = layer(write_difference(tmp_path))
    report = change.FlowReport()
    acc = change.FlowAccumulator()
    for piece in flows.pieces_from_difference(diff, report):
        acc.add(piece)
    assert acc.totals() == pytest.approx(overlay.totals(), abs=1e-9)
    assert acc.totals() == pytest.approx(HAND_FLOWS, abs=1e-9)
    for nomenclature in ("couverture", "usage"):
        assert acc.transitions(nomenclature).to_dict("records") == overlay.transitions(
            nomenclature
        ).to_dict("records")
    assert acc.origin().to_dict("records") == overlay.origin().to_dict("records")
    assert report.undetermined_count == 1
    assert report.undetermined_area / 1e4 == pytest.approx(DIFF_NULL_HA)
    assert flows.layer_millesimes(diff, "difference") == (2018, 2021)
    assert flows.layer_departement(diff) == "32"


def test_flows_only_skips_class_changes_without_flow(flows, tmp_path):
    debut, fin = (layer(uri) for uri in write_pair(tmp_path))
    pieces, acc, _ = run_overlay(flows, debut, fin, flows_only=True)
    assert len(pieces) == HAND_PIECES - 1 and all(p.has_flow for p in pieces)
    assert acc.totals() == pytest.approx(HAND_FLOWS)
    diff = layer(write_difference(tmp_path))
    assert len(list(flows.pieces_from_difference(diff, flows_only=True))) == HAND_PIECES - 1


def test_thresholds_flip_a_polygon_whose_class_did_not_change(flows, tmp_path):
    """A 40 m × 40 m meadow (0.16 ha) in a 3 ha field: the field is built between the millésimes,
    so the meadow, unchanged, becomes an enclosed non-artificialised patch under 2,500 m²:
    artificialised by the seuils (rule 1), a flow without a class change. The matrix alone does
    not see it."""
    hole = (
        f"(({X0 + 130} {Y0 + 130},{X0 + 130} {Y0 + 170},{X0 + 170} {Y0 + 170},{X0 + 170} "
        f"{Y0 + 130},{X0 + 130} {Y0 + 130}))"
    )
    outer = f"({X0} {Y0},{X0 + 300} {Y0},{X0 + 300} {Y0 + 300},{X0} {Y0 + 300},{X0} {Y0})"
    field_wkt = f"MULTIPOLYGON(({outer},{hole[1:-1]}))"
    meadow = rect(130, 130, 170, 170)
    debut_rows = [
        (field_wkt, ["S", "CS2.2.1", "US1.1", "2018"]),
        (meadow, ["G", "CS2.2.1", "US1.1", "2018"]),
    ]
    fin_rows = [
        (field_wkt, ["S", "CS1.1.1.1", "US2", "2021"]),
        (meadow, ["G", "CS2.2.1", "US1.1", "2021"]),
    ]
    debut, fin = (layer(uri) for uri in write_pair(tmp_path, debut=debut_rows, fin=fin_rows))
    field_ha, meadow_ha = (90000 - 1600) / 1e4, 1600 / 1e4
    _, acc, report = run_overlay(flows, debut, fin, method="matrice_seuils")
    totals = acc.totals()
    assert totals["flux_artif"] == pytest.approx(field_ha + meadow_ha)
    assert totals["flux_imper"] == pytest.approx(field_ha)  # the meadow is not sealed
    assert report.matched == 2 and report.overlaid_debut == 0
    assert (report.stock["artif_fin"] - report.stock["artif_debut"]) / 1e4 == pytest.approx(
        totals["flux_artif_net"]
    )
    _, acc, _ = run_overlay(flows, debut, fin, method="matrice")
    assert acc.totals()["flux_artif"] == pytest.approx(field_ha)
    # without the stocks (the diagnostic measures them elsewhere): the same flows, no stock
    _, acc, report = run_overlay(flows, debut, fin, method="matrice_seuils", stocks=False)
    assert acc.totals()["flux_artif"] == pytest.approx(field_ha + meadow_ha)
    assert acc.totals()["flux_imper"] == pytest.approx(field_ha)
    assert report.stock == {}


def test_canonical_key_ignores_how_the_same_coordinates_are_written(flows):
    from ocsge.ocsge_plugin.computing import flows_overlay

    key = flows_overlay._canonical_key
    square = QgsGeometry.fromWkt("POLYGON((0 0,10 0,10 10,0 10,0 0))")
    assert key(square) == key(QgsGeometry.fromWkt("MULTIPOLYGON(((10 10,0 10,0 0,10 0,10 10)))"))
    assert key(square) == key(
        QgsGeometry.fromWkt("POLYGON((0 10,10 10,10 0,0 0,0 10))")
    )  # clockwise
    assert key(square) == key(QgsGeometry.fromWkt("POLYGON Z((0 0 5,10 0 5,10 10 5,0 10 5,0 0 5))"))
    assert key(square) != key(QgsGeometry.fromWkt("POLYGON((0 0,10 0,10 10.000001,0 10,0 0))"))
    holed = "POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,1 2,2 2,2 1,1 1),(5 5,5 6,6 6,6 5,5 5))"
    swapped = "POLYGON((0 0,10 0,10 10,0 10,0 0),(5 5,5 6,6 6,6 5,5 5),(1 1,2 1,2 2,1 2,1 1))"
    assert key(QgsGeometry.fromWkt(holed)) == key(QgsGeometry.fromWkt(swapped))
    assert key(QgsGeometry.fromWkt(holed)) != key(square)


# ------------------------------------------------------------------------------------ bad input


def test_different_departements_are_refused_naming_both(flows, tmp_path):
    debut = layer(write_pair(tmp_path / "a", dep="D032")[0])
    fin = layer(write_pair(tmp_path / "b", dep="D090")[1])
    with pytest.raises(flows.FlowError, match=r"32.*90"):
        flows.pieces_from_overlay(debut, fin, "matrice")


def test_years_are_resolved_or_asked_for(flows):
    assert flows.resolve_millesimes(2018, 2021) == (2018, 2021)
    assert flows.resolve_millesimes(None, None, 2016, 2019) == (2016, 2019)
    assert flows.resolve_millesimes(2018, None, None, 2022) == (2018, 2022)
    with pytest.raises(flows.FlowError, match="MILLESIME_DEBUT and MILLESIME_FIN"):
        flows.resolve_millesimes(None, 2021)
    with pytest.raises(flows.FlowError, match=r"\(2021\) is not before .*\(2018\)"):
        flows.resolve_millesimes(2021, 2018)
    with pytest.raises(flows.FlowError, match="not before"):
        flows.resolve_millesimes(2019, 2019)


def test_null_codes_of_an_overlay_are_kept_out_and_counted(flows, tmp_path):
    fin_rows = [
        (wkt, values if values[0] != "F2" else ["F2", None, "US6.1", "2021"]) for wkt, values in FIN
    ]
    debut, fin = (layer(uri) for uri in write_pair(tmp_path, fin=fin_rows))
    _, acc, report = run_overlay(flows, debut, fin)
    assert report.undetermined_count == 1 and report.undetermined_area == pytest.approx(10000.0)
    assert acc.totals()["flux_artif"] == pytest.approx(HAND_FLOWS["flux_artif"] - 1.0)


# ------------------------------------------------------------------------------------ stock
# identity

CODES = [
    ("CS2.2.1", "US1.1"),
    ("CS1.1.1.1", "US2"),
    ("CS1.1.1.2", "US4.1.1"),
    ("CS2.1.1.1", "US1.2"),
    ("CS1.1.2.1", "US1.3"),
    ("CS2.2.1", "US2"),
    ("CS1.2.2", "US6.3"),
]


def memory_mesh(
    name: str, xs: list[float], ys: list[float], codes: list[int], merge: set[int]
) -> QgsVectorLayer:
    """A partition of the rectangle [xs[0], xs[-1]] × [ys[0], ys[-1]] into grid cells (cell i
    merged with its right-hand neighbour when i is in ``merge``), with codes from CODES."""
    mesh = QgsVectorLayer(
        "MultiPolygon?crs=EPSG:2154&field=code_cs:string&field=code_us:string", name, "memory"
    )
    features = []
    k = 0
    for j in range(len(ys) - 1):
        i = 0
        while i < len(xs) - 1:
            right = i + 2 if (k in merge and i + 2 < len(xs)) else i + 1
            cs, us = CODES[codes[k % len(codes)]]
            feature = QgsFeature(mesh.fields())
            a, b, c, d = X0 + xs[i], Y0 + ys[j], X0 + xs[right], Y0 + ys[j + 1]
            feature.setGeometry(
                QgsGeometry.fromWkt(f"MULTIPOLYGON((({a} {b},{c} {b},{c} {d},{a} {d},{a} {b})))")
            )
            feature.setAttributes([cs, us])
            features.append(feature)
            k += 1
            i = right
    assert mesh.dataProvider().addFeatures(features)[0]
    return mesh


def stock(flows_module, mesh: QgsVectorLayer) -> tuple[float, float]:
    """Artif and imper stock of a mesh by the matrix, summed independently of the flows code."""
    from ocsge.ocsge_plugin.domain import rules

    artif = imper = 0.0
    for feature in mesh.getFeatures():
        area = feature.geometry().area()
        artif += area if rules.is_artif_matrix(feature["code_cs"], feature["code_us"]) else 0.0
        imper += area if rules.is_imper(feature["code_cs"]) else 0.0
    return artif, imper


cuts = st.lists(
    st.floats(min_value=1.0, max_value=499.0, allow_nan=False), min_size=1, max_size=4, unique=True
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    xs_debut=cuts,
    xs_fin=cuts,
    ys=cuts,
    ys_fin_extra=st.lists(st.floats(1.0, 499.0), max_size=2),
    codes_debut=st.lists(st.integers(0, len(CODES) - 1), min_size=1, max_size=12),
    codes_fin=st.lists(st.integers(0, len(CODES) - 1), min_size=1, max_size=12),
    merge=st.sets(st.integers(0, 20), max_size=5),
    shared=st.booleans(),
)
def test_stock_difference_equals_net_flow(
    flows, xs_debut, xs_fin, ys, ys_fin_extra, codes_debut, codes_fin, merge, shared
):
    """On the same footprint, stock(fin) − stock(début) = flux − flux_des, for artif and imper,
    within 1e-6 relative, whatever the two meshes (some polygons identical, the others cut
    differently)."""
    xs_d = sorted({0.0, 500.0, *xs_debut})
    xs_f = sorted({0.0, 500.0, *(xs_debut if shared else xs_fin)})
    ys_d = sorted({0.0, 300.0, *[y * 0.6 for y in ys]})
    ys_f = sorted(set(ys_d) | {y * 0.6 for y in ys_fin_extra})
    debut = memory_mesh("debut", xs_d, ys_d, codes_debut, merge)
    fin = memory_mesh("fin", xs_f, ys_f, codes_fin, set())
    _, acc, report = run_overlay(flows, debut, fin)
    totals = acc.totals()
    (artif_d, imper_d), (artif_f, imper_f) = stock(flows, debut), stock(flows, fin)
    for delta, net in (
        (artif_f - artif_d, totals["flux_artif_net"]),
        (imper_f - imper_d, totals["flux_imper_net"]),
    ):
        assert math.isclose(delta / 1e4, net, rel_tol=1e-6, abs_tol=1e-8), (delta / 1e4, net)
    assert report.only_debut_area == 0.0 and report.only_fin_area == 0.0


def test_overlay_interns_codes_by_combination_row_by_row_answer():
    """The overlay's codes of a batch are interned by distinct (couverture, usage) combination in
    numpy: each row keeps its own pair (a masked value, None and bytes as a row-by-row reading
    gives them), the same combination the same index."""
    import numpy as np

    from ocsge.ocsge_plugin.computing.flows_overlay import _Codes, _interned

    cs = np.ma.array(
        np.array(["CS1.1.1.1", b"CS2.2.1", "CS1.1.1.1", None, "CS1.1.1.1", "CS1.1.1.1"], object),
        mask=[0, 0, 0, 0, 1, 0],
    )
    us = np.array(["US5", "US1.1", "US2", "US1.1", "US5", "US5"], dtype=object)
    table = _Codes("matrice")
    got = _interned(table, {}, [cs, us])
    assert [table.pair[i] for i in got] == [
        ("CS1.1.1.1", "US5"),
        ("CS2.2.1", "US1.1"),
        ("CS1.1.1.1", "US2"),
        (None, "US1.1"),
        (None, "US5"),
        ("CS1.1.1.1", "US5"),
    ]
    assert got[0] == got[5] and len(set(got.tolist())) == 5
    # the same as the row-by-row path (a column not of text: an integer one)
    rows = _Codes("matrice")
    assert _interned(rows, {}, [np.array([7, 7, 8]), np.array([1, 1, 1])]).tolist() == [0, 0, 1]
    assert [table.artif[i] for i in got[:3]] == [1, 0, 1]
    # OGR's Arrow reading gives fixed-width bytes (masked): the same pairs
    fixed_cs = np.ma.array(cs.filled(b"").astype("S9"), mask=[0, 0, 0, 1, 1, 0])
    fixed = _interned(table, {}, [fixed_cs, us.astype("S5")])
    assert fixed.tolist()[:4] == got.tolist()[:4] and fixed[5] == got[5]


def test_overlay_interns_codes_as_real_deliveries_write_them():
    """Lower case, stray blanks, a parent code and an empty value, as some deliveries carry them:
    interned by combination, each row gets the pair and the status the nomenclature gives it
    (by hand: bâti + résidentiel artificialised; formations arborées (CS2.1.1, a parent code) +
    agriculture not; no couverture undetermined)."""
    import numpy as np

    from ocsge.ocsge_plugin.computing.flows_overlay import _Codes, _interned

    cs = np.array(["cs1.1.1.1", " CS1.1.1.1 ", b"CS2.1.1", "", b"cs2.1.1"], object)
    us = np.array(["us5", "US5", "US1.1", "US1.1", b" us1.1"], object)
    table = _Codes("matrice")
    got = _interned(table, {}, [cs, us])
    assert [table.pair[i] for i in got] == [
        ("CS1.1.1.1", "US5"),
        ("CS1.1.1.1", "US5"),
        ("CS2.1.1", "US1.1"),
        (None, "US1.1"),
        ("CS2.1.1", "US1.1"),
    ]
    assert [table.artif[i] for i in got] == [1, 1, 0, -1, 0]
    assert [table.pair_id[i] for i in got][:2] == [table.pair_id[got[0]]] * 2
