"""The décret's thresholds (step 2): hand-made meshes whose answer is known, and property tests.

Every scene is a few rectangles in metres, so areas are exact: a 40 × 50 m cell is 2,000 m².
"""

from __future__ import annotations

import struct
import sys
from collections import deque
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

try:  # the plugin as the package ``ocsge`` (tests/conftest.py)
    from ocsge.ocsge_plugin.computing import mesh, sides
    from ocsge.ocsge_plugin.computing import thresholds as th
    from ocsge.ocsge_plugin.domain import rules
except ImportError:  # standalone: the checkout's root on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from ocsge_plugin.computing import mesh, sides
    from ocsge_plugin.computing import thresholds as th
    from ocsge_plugin.domain import rules

apply_thresholds = th.apply_thresholds

BATI = ("CS1.1.1.1", "US5")  # built, artificialised
PARKING = ("CS1.1.1.2", "US4.1.1")  # sealed car park, artificialised
PRAIRIE = ("CS2.2.1", "US1.1")  # meadow / farmland, not artificialised
INCONNU = ("CS2.2.1", None)  # indéterminé


# --------------------------------------------------------------------------------------------------
# Building meshes
# --------------------------------------------------------------------------------------------------


def polygon_wkb(exterior, *holes, byte_order: str = "<", z: bool = False) -> bytes:
    """A WKB polygon from rings given without their closing vertex."""
    dims = 3 if z else 2
    out = struct.pack(
        byte_order + "BII", 1 if byte_order == "<" else 0, 1003 if z else 3, 1 + len(holes)
    )
    for ring in (exterior, *holes):
        closed = list(ring) + [ring[0]]
        out += struct.pack(byte_order + "I", len(closed))
        for x, y in closed:
            out += struct.pack(byte_order + "d" * dims, x, y, *([7.0] if z else []))
    return out


def multipolygon_wkb(*polygons: bytes) -> bytes:
    return struct.pack("<BII", 1, 6, len(polygons)) + b"".join(polygons)


def rect(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


class Scene:
    """Polygons with their (couverture, usage) codes; run() applies the matrix then the
    thresholds."""

    def __init__(self) -> None:
        self.wkb: list[bytes] = []
        self.codes: list[tuple] = []
        self.names: dict[str, int] = {}

    def add(self, name, codes, exterior, *holes) -> Scene:
        self.names[name] = len(self.wkb)
        self.wkb.append(polygon_wkb(exterior, *holes))
        self.codes.append(codes)
        return self

    def grid(self, xs, ys, codes, special=None, skip=()) -> Scene:
        """Cells [xs[i], xs[i+1]] × [ys[j], ys[j+1]] named "i,j"; ``special`` {(i, j): codes}."""
        special = special or {}
        for j in range(len(ys) - 1):
            for i in range(len(xs) - 1):
                if (i, j) not in skip:
                    self.add(
                        f"{i},{j}",
                        special.get((i, j), codes),
                        rect(xs[i], ys[j], xs[i + 1], ys[j + 1]),
                    )
        return self

    def run(self, **kwargs) -> Result:
        status = [rules.is_artif_matrix(cs, us) for cs, us in self.codes]
        result = apply_thresholds(self.wkb, status, [cs for cs, _ in self.codes], **kwargs)
        return Result(self, status, result)


class Result:
    def __init__(self, scene: Scene, status, result) -> None:
        self.scene, self.status, self.r = scene, status, result

    def artif(self, name: str) -> bool:
        return bool(self.r.artif[self.scene.names[name]])

    def changed(self, name: str) -> bool:
        return bool(self.r.changed[self.scene.names[name]])

    def changed_names(self) -> set[str]:
        return {name for name, i in self.scene.names.items() if self.r.changed[i]}


def surrounded(inner_w, inner_h, inner_codes, around_codes, **grid):
    """A 3 × 3 grid of 100 m cells whose centre cell "1,1" is inner_w × inner_h."""
    return Scene().grid(
        [0, 100, 100 + inner_w, 200 + inner_w],
        [0, 100, 100 + inner_h, 200 + inner_h],
        around_codes,
        special={(1, 1): inner_codes},
        **grid,
    )


# --------------------------------------------------------------------------------------------------
# Rule 1: small non-artificialised patch enclosed by artificialised land
# --------------------------------------------------------------------------------------------------


def test_enclosed_2000_m2_meadow_in_built_area_becomes_artificialised():
    res = surrounded(40, 50, PRAIRIE, BATI).run()
    assert res.r.area[res.scene.names["1,1"]] == pytest.approx(2000.0)
    assert res.artif("1,1") and res.changed("1,1")
    assert res.changed_names() == {"1,1"}
    assert res.r.n_patches == 2
    assert res.r.n_patches_to_artif == 1 and res.r.n_patches_to_non_artif == 0
    assert res.r.area_to_artif == pytest.approx(2000.0) and res.r.area_to_non_artif == 0.0


def test_enclosed_2600_m2_meadow_is_unchanged():
    res = surrounded(40, 65, PRAIRIE, BATI).run()
    assert res.r.area[res.scene.names["1,1"]] == pytest.approx(2600.0)
    assert not res.artif("1,1") and not res.r.changed.any()


def test_exactly_2500_m2_is_not_under_the_threshold():
    res = surrounded(50, 50, PRAIRIE, BATI).run()
    assert not res.r.changed.any()


def test_two_adjacent_small_meadows_count_as_one_3000_m2_patch():
    scene = Scene().grid(
        [0, 100, 130, 160, 260],
        [0, 100, 150, 250],
        BATI,
        special={(1, 1): PRAIRIE, (2, 1): PRAIRIE},
    )
    res = scene.run()
    assert res.r.area[scene.names["1,1"]] == pytest.approx(1500.0)
    assert res.r.patch_id[scene.names["1,1"]] == res.r.patch_id[scene.names["2,1"]]
    assert res.r.patch_area[res.r.patch_id[scene.names["1,1"]]] == pytest.approx(3000.0)
    assert not res.r.changed.any()
    # either one alone would flip
    alone = (
        Scene()
        .grid([0, 100, 130, 160, 260], [0, 100, 150, 250], BATI, special={(1, 1): PRAIRIE})
        .run()
    )
    assert alone.changed_names() == {"1,1"}


# --------------------------------------------------------------------------------------------------
# Rule 2: small artificialised patch enclosed by non-artificialised land, built > 50 m² excepted
# --------------------------------------------------------------------------------------------------


def test_enclosed_1000_m2_car_park_in_farmland_becomes_non_artificialised():
    res = surrounded(25, 40, PARKING, PRAIRIE).run()
    assert res.status[res.scene.names["1,1"]] is True
    assert not res.artif("1,1") and res.changed("1,1")
    assert res.r.n_patches_to_non_artif == 1 and res.r.area_to_non_artif == pytest.approx(1000.0)


def test_enclosed_120_m2_building_stays_artificialised():
    res = surrounded(12, 10, BATI, PRAIRIE).run()
    centre = res.scene.names["1,1"]
    assert res.r.patch_enclosed[res.r.patch_id[centre]]  # the rule applies to the patch…
    assert res.artif("1,1") and not res.r.changed.any()  # …but built > 50 m² stays
    assert res.r.n_patches_to_non_artif == 0


def test_enclosed_40_m2_building_becomes_non_artificialised():
    res = surrounded(8, 5, BATI, PRAIRIE).run()
    assert not res.artif("1,1") and res.changed_names() == {"1,1"}


def test_exactly_50_m2_building_is_not_more_than_50():
    res = surrounded(10, 5, BATI, PRAIRIE).run()
    assert res.changed_names() == {"1,1"}


def test_building_and_car_park_patch_building_stays_car_park_flips():
    scene = Scene().grid(
        [0, 100, 112, 132, 232],
        [0, 100, 110, 210],
        PRAIRIE,
        special={(1, 1): BATI, (2, 1): PARKING},
    )
    res = scene.run()
    assert (
        res.r.patch_id[scene.names["1,1"]] == res.r.patch_id[scene.names["2,1"]]
    )  # one 320 m² patch
    assert res.artif("1,1") and not res.changed("1,1")  # 120 m² building stays
    assert not res.artif("2,1") and res.changed("2,1")  # 200 m² car park flips
    assert res.r.area_to_non_artif == pytest.approx(200.0)


def test_lower_case_padded_building_code_is_recognised():
    scene = surrounded(12, 10, BATI, PRAIRIE)
    status = [rules.is_artif_matrix(cs, us) for cs, us in scene.codes]
    codes = [" cs1.1.1.1 " if cs == "CS1.1.1.1" else cs for cs, _ in scene.codes]
    assert not apply_thresholds(scene.wkb, status, codes).changed.any()


# --------------------------------------------------------------------------------------------------
# Rules 3 and 4: edge of the data, holes
# --------------------------------------------------------------------------------------------------


def test_small_patch_on_the_edge_of_the_data_is_unchanged():
    scene = Scene().grid([0, 100, 140, 240], [0, 40, 140], BATI, special={(1, 0): PRAIRIE})
    res = scene.run()
    assert res.r.area[scene.names["1,0"]] == pytest.approx(1600.0)
    assert not res.r.changed.any()


def test_small_patch_next_to_a_hole_in_the_data_is_unchanged():
    res = surrounded(40, 40, PRAIRIE, BATI, skip={(2, 1)}).run()  # its right neighbour is missing
    assert not res.r.changed.any()


def test_small_patch_inside_a_hole_of_one_larger_polygon_flips():
    inner = rect(80, 80, 120, 120)
    scene = (
        Scene().add("big", PARKING, rect(0, 0, 200, 200), inner[::-1]).add("island", PRAIRIE, inner)
    )
    res = scene.run()
    assert res.r.area[scene.names["big"]] == pytest.approx(40000 - 1600)
    assert res.changed_names() == {"island"} and res.artif("island")
    reverse = (
        Scene().add("big", PRAIRIE, rect(0, 0, 200, 200), inner).add("island", PARKING, inner).run()
    )
    assert reverse.changed_names() == {"island"} and not reverse.artif("island")


def test_small_polygon_with_a_hole_in_the_data_is_still_enclosed_by_its_outer_boundary():
    """An empty hole (no polygon inside) is not the edge of the data for the patch around it."""
    ring = Scene().grid([0, 100, 140, 240], [0, 100, 140, 240], BATI, skip={(1, 1)})
    ring.add("meadow", PRAIRIE, rect(100, 100, 140, 140), rect(110, 110, 120, 120)[::-1])
    res = ring.run()
    assert res.r.area[ring.names["meadow"]] == pytest.approx(1500.0)
    assert res.changed_names() == {"meadow"}


def test_indetermine_island_inside_a_multi_polygon_patch_does_not_stop_enclosure():
    """The hole's loop (made of two polygons' exterior sides) is recognised as a hole."""
    scene = Scene().grid([0, 100, 140, 240], [0, 100, 140, 240], PRAIRIE, skip={(1, 1)})
    # two U-shaped car parks around a 10 × 10 island of unknown usage
    scene.add(
        "south",
        PARKING,
        [
            (100, 100),
            (140, 100),
            (140, 120),
            (125, 120),
            (125, 115),
            (115, 115),
            (115, 120),
            (100, 120),
        ],
    )
    scene.add(
        "north",
        PARKING,
        [
            (100, 120),
            (115, 120),
            (115, 125),
            (125, 125),
            (125, 120),
            (140, 120),
            (140, 140),
            (100, 140),
        ],
    )
    scene.add("island", INCONNU, rect(115, 115, 125, 125))
    res = scene.run()
    assert res.r.patch_id[scene.names["south"]] == res.r.patch_id[scene.names["north"]]
    assert res.changed_names() == {"south", "north"}
    assert res.r.indetermine[scene.names["island"]] and res.r.patch_id[scene.names["island"]] == -1


# --------------------------------------------------------------------------------------------------
# Adjacency: a point is not a side; T-junctions and misalignments are
# --------------------------------------------------------------------------------------------------


def test_touching_at_a_single_point_is_not_adjacency():
    """Two 1,600 m² meadows meeting at a corner: two patches, each enclosed, both flip.

    Were the corner adjacency, they would be one 3,200 m² patch and stay.
    """
    scene = Scene().grid(
        [0, 100, 140, 180, 280],
        [0, 100, 140, 180, 280],
        BATI,
        special={(1, 1): PRAIRIE, (2, 2): PRAIRIE},
    )
    res = scene.run()
    assert res.r.patch_id[scene.names["1,1"]] != res.r.patch_id[scene.names["2,2"]]
    assert res.changed_names() == {"1,1", "2,2"}


def test_checkerboard_corner_does_not_join_patches():
    """2 × 2 checkerboard in the middle of farmland: the two car parks meet at one point only."""
    scene = Scene().grid(
        [0, 100, 130, 160, 260],
        [0, 100, 130, 160, 260],
        PRAIRIE,
        special={(1, 1): PARKING, (2, 2): PARKING},
    )
    res = scene.run()
    ids = res.r.patch_id
    assert ids[scene.names["1,1"]] != ids[scene.names["2,2"]]
    assert ids[scene.names["2,1"]] == ids[scene.names["0,0"]]  # meadows join around the corner
    assert res.changed_names() == {"1,1", "2,2"}


def test_t_junction_enclosing_ring_of_two_polygons():
    """The ring around the meadow is split at x = 120, the middle of the meadow's south and north
    sides: those sides have no exact twin and are matched by the geometric fallback."""
    scene = Scene()
    scene.add(
        "west",
        BATI,
        [(0, 0), (120, 0), (120, 100), (100, 100), (100, 140), (120, 140), (120, 240), (0, 240)],
    )
    scene.add(
        "east",
        BATI,
        [
            (120, 0),
            (240, 0),
            (240, 240),
            (120, 240),
            (120, 140),
            (140, 140),
            (140, 100),
            (120, 100),
        ],
    )
    scene.add("meadow", PRAIRIE, rect(100, 100, 140, 140))
    res = scene.run()
    assert res.changed_names() == {"meadow"}
    assert res.r.n_fallback_edges >= 2


def test_t_junction_extra_vertex_on_the_inner_side():
    scene = surrounded(40, 40, PRAIRIE, BATI)
    centre = scene.names["1,1"]
    scene.wkb[centre] = polygon_wkb(
        [(100, 100), (120, 100), (140, 100), (140, 123.4), (140, 140), (100, 140)]
    )
    res = scene.run()
    assert res.changed_names() == {"1,1"}


def test_t_junction_inside_a_patch_joins_it():
    """Two 600 m² meadows side by side, the east one with an extra vertex on the shared side: one
    1,200 m² patch, enclosed (the shared side is internal, not a boundary facing nothing)."""
    scene = Scene().grid([0, 100, 160, 260], [0, 100, 120, 220], BATI, skip={(1, 1)})
    scene.add("a", PRAIRIE, rect(100, 100, 130, 120))
    scene.add("b", PRAIRIE, [(130, 100), (160, 100), (160, 120), (130, 120), (130, 110)])
    res = scene.run()
    assert res.r.patch_id[scene.names["a"]] == res.r.patch_id[scene.names["b"]]
    assert res.r.patch_area[res.r.patch_id[scene.names["a"]]] == pytest.approx(1200.0)
    assert res.changed_names() == {"a", "b"}
    # the same with 2 × 1,350 m²: one 2,700 m² patch, which stays
    bigger = Scene().grid([0, 100, 160, 260], [0, 100, 145, 245], BATI, skip={(1, 1)})
    bigger.add("a", PRAIRIE, rect(100, 100, 130, 145))
    bigger.add("b", PRAIRIE, [(130, 100), (160, 100), (160, 145), (130, 145), (130, 120)])
    res = bigger.run()
    assert res.r.patch_area[res.r.patch_id[bigger.names["a"]]] == pytest.approx(2700.0)
    assert not res.r.changed.any()


def test_sub_millimetre_misalignment_is_still_a_shared_side():
    # the meadow's corners are 0.2 mm away from the neighbours', across a rounding boundary of the
    # grid
    scene = surrounded(40, 40, PRAIRIE, BATI)
    d = 0.0004
    scene.wkb[scene.names["1,1"]] = polygon_wkb(rect(100 + d, 100 + d, 140 + d, 140 + d))
    around = [i for name, i in scene.names.items() if name != "1,1"]
    for i in around:  # move every vertex of the neighbours by +0.6 mm instead
        ring = np.frombuffer(scene.wkb[i][13:], dtype="<f8").reshape(-1, 2)[:-1]
        scene.wkb[i] = polygon_wkb(
            [
                (x + 0.0006 if x in (100, 140) else x, y + 0.0006 if y in (100, 140) else y)
                for x, y in ring
            ]
        )
    res = scene.run()
    assert res.r.n_unmatched_edges > 12  # the exact matching failed around the meadow…
    assert res.changed_names() == {"1,1"}  # …the fallback did not


def test_millimetre_sliver_side_is_not_the_edge_of_the_data():
    """The meadow's south-west corner is cut by a 4 mm chamfer: its 6 mm side faces an 8 mm² gap."""
    scene = surrounded(40, 40, PRAIRIE, BATI)
    scene.wkb[scene.names["1,1"]] = polygon_wkb(
        [(100.004, 100), (140, 100), (140, 140), (100, 140), (100, 100.004)]
    )
    assert scene.run().changed_names() == {"1,1"}
    # a real gap is not a sliver
    scene.wkb[scene.names["1,1"]] = polygon_wkb(
        [(101, 100), (140, 100), (140, 140), (100, 140), (100, 101)]
    )
    assert not scene.run().r.changed.any()


# --------------------------------------------------------------------------------------------------
# Rule 5: one pass; indéterminé
# --------------------------------------------------------------------------------------------------


def test_one_pass_no_cascade():
    """Farmland ⊃ car-park ring (2,400 m²) ⊃ 100 m² meadow.

    One pass: the ring is enclosed by farmland → non-artificialised; the meadow is enclosed by the
    ring (artificialised in the matrix) → artificialised. Cascading would then see the meadow
    enclosed by non-artificialised land and flip it back.
    """
    scene = Scene()
    scene.add("farm", PRAIRIE, rect(0, 0, 300, 300), rect(120, 120, 170, 170)[::-1])
    scene.add("ring", PARKING, rect(120, 120, 170, 170), rect(140, 140, 150, 150)[::-1])
    scene.add("meadow", PRAIRIE, rect(140, 140, 150, 150))
    res = scene.run()
    assert res.r.area[scene.names["ring"]] == pytest.approx(2400.0)
    assert not res.artif("ring") and res.artif("meadow")
    assert res.changed_names() == {"ring", "meadow"}
    again = apply_thresholds(scene.wkb, res.r.artif, [cs for cs, _ in scene.codes])
    assert np.flatnonzero(again.changed).tolist() == [scene.names["meadow"]]  # a second pass would


def test_indetermine_neighbour_means_not_enclosed():
    res = surrounded(40, 40, PRAIRIE, BATI).run()
    assert res.changed_names() == {"1,1"}  # control
    scene = surrounded(40, 40, PRAIRIE, BATI)
    scene.codes[scene.names["2,1"]] = ("CS1.1.2.1", None)  # mineral, usage unknown: US1.3 decides
    res = scene.run()
    assert res.status[scene.names["2,1"]] is None
    assert not res.r.changed.any()
    assert res.r.indetermine[scene.names["2,1"]] and not res.r.artif[scene.names["2,1"]]
    assert res.r.patch_id[scene.names["2,1"]] == -1


def test_indetermine_polygons_never_change_and_are_no_patch():
    scene = surrounded(40, 40, INCONNU, BATI)
    res = scene.run()
    assert not res.r.changed.any() and res.r.n_patches == 1


# --------------------------------------------------------------------------------------------------
# Inputs: WKB flavours, statuses, areas, feedback
# --------------------------------------------------------------------------------------------------


def test_geometry_flavours_give_the_same_answer():
    from qgis.core import QgsGeometry

    scene = surrounded(40, 50, PRAIRIE, BATI)
    status = [rules.is_artif_matrix(cs, us) for cs, us in scene.codes]
    codes = [cs for cs, _ in scene.codes]
    expected = apply_thresholds(scene.wkb, status, codes)
    multi = [multipolygon_wkb(w) for w in scene.wkb]
    qbytes = []
    for w in scene.wkb:
        geometry = QgsGeometry()
        geometry.fromWkb(w)
        qbytes.append(geometry.asWkb())  # QByteArray
    rings = [np.frombuffer(w[13:], dtype="<f8").reshape(-1, 2)[:-1] for w in scene.wkb]
    big_endian = [polygon_wkb([tuple(p) for p in r], byte_order=">") for r in rings]
    with_z = [polygon_wkb([tuple(p) for p in r], z=True) for r in rings]
    mixed = [w if i % 2 else b for i, (w, b) in enumerate(zip(multi, big_endian))]
    for flavour in (multi, qbytes, big_endian, with_z, mixed):
        got = apply_thresholds(flavour, status, codes)
        assert np.array_equal(got.artif, expected.artif) and np.array_equal(
            got.changed, expected.changed
        )
        np.testing.assert_allclose(got.area, expected.area)


def test_multipolygon_parts_are_one_polygon():
    """A car park in two parts (two 500 m² squares side by side in one MultiPolygon) in farmland."""
    scene = Scene().grid(
        [0, 100, 125, 145, 245], [0, 100, 120, 220], PRAIRIE, skip={(1, 1), (2, 1)}
    )
    scene.names["parking"] = len(scene.wkb)
    scene.wkb.append(
        multipolygon_wkb(
            polygon_wkb(rect(100, 100, 125, 120)), polygon_wkb(rect(125, 100, 145, 120))
        )
    )
    scene.codes.append(PARKING)
    res = scene.run()
    assert res.r.area[scene.names["parking"]] == pytest.approx(900.0)
    assert res.changed_names() == {"parking"}


def test_status_encodings_and_given_areas():
    scene = surrounded(40, 50, PRAIRIE, BATI)
    scene.codes[scene.names["0,0"]] = INCONNU
    as_list = [rules.is_artif_matrix(cs, us) for cs, us in scene.codes]
    as_int = np.array([-1 if s is None else int(s) for s in as_list], dtype=np.int8)
    codes = [cs for cs, _ in scene.codes]
    a = apply_thresholds(scene.wkb, as_list, codes)
    b = apply_thresholds(scene.wkb, as_int, np.array([c == "CS1.1.1.1" for c in codes]))
    assert np.array_equal(a.artif, b.artif) and np.array_equal(a.indetermine, b.indetermine)
    from qgis.core import NULL

    for missing in (float("nan"), NULL):  # what pandas / QGIS hand over for a null status
        c = apply_thresholds(scene.wkb, [missing if s is None else s for s in as_list], codes)
        assert np.array_equal(c.indetermine, a.indetermine) and np.array_equal(c.artif, a.artif)
    # IGN's own areas win over the geometry's: 2,600 m² announced → unchanged
    areas = a.area.copy()
    areas[scene.names["1,1"]] = 2600.0
    assert not apply_thresholds(scene.wkb, as_list, codes, areas=areas).changed.any()


def test_empty_geometries_and_empty_input():
    empty = apply_thresholds([], [], [])
    assert empty.n_patches == 0 and empty.artif.size == 0
    res = apply_thresholds([None, b""], [True, False], ["CS1.1.1.1", "CS2.2.1"], areas=[10.0, 10.0])
    assert not res.changed.any() and res.n_patches == 2


def test_rejects_non_polygons():
    point = struct.pack("<BIdd", 1, 1, 0.0, 0.0)
    with pytest.raises(ValueError, match="géométrie n° 0"):
        apply_thresholds([point], [True], ["CS1.1.1.1"])
    with pytest.raises(ValueError):
        apply_thresholds([polygon_wkb(rect(0, 0, 1, 1))], [True, False], ["CS1.1.1.1"])


class FakeFeedback:
    def __init__(self, cancel_at: float | None = None) -> None:
        self.progress: list[float] = []
        self.cancel_at = cancel_at

    def setProgress(self, value: float) -> None:  # noqa: N802
        self.progress.append(value)

    def isCanceled(self) -> bool:  # noqa: N802
        return (
            self.cancel_at is not None
            and bool(self.progress)
            and self.progress[-1] >= self.cancel_at
        )


def test_feedback_progress_and_cancel():
    scene = surrounded(40, 50, PRAIRIE, BATI)
    status = [rules.is_artif_matrix(cs, us) for cs, us in scene.codes]
    codes = [cs for cs, _ in scene.codes]
    feedback = FakeFeedback()
    apply_thresholds(scene.wkb, status, codes, feedback=feedback)
    assert feedback.progress == sorted(feedback.progress) and feedback.progress[-1] == 100
    with pytest.raises(th.Canceled):
        apply_thresholds(scene.wkb, status, codes, feedback=FakeFeedback(cancel_at=40))


@pytest.mark.parametrize("size, distinct", [(0, 1), (1, 1), (2, 1), (1000, 30), (50_000, 9_000)])
def test_fewer_links_leaves_out_repeats_and_loses_no_link(size, distinct):
    """Links of a range (a pair of polygons shares many sides): most repeats left out without a
    sort, every distinct link still there, either way round."""
    rng = np.random.default_rng(size)
    pairs = rng.integers(0, 5_000, (distinct, 2)).astype(np.int32)
    pick = rng.integers(0, distinct, size)
    flip = rng.random(size) < 0.5
    a = np.where(flip, pairs[pick, 0], pairs[pick, 1])
    b = np.where(flip, pairs[pick, 1], pairs[pick, 0])
    fa, fb = th._fewer_links(5_000, a, b)
    assert {(min(x, y), max(x, y)) for x, y in zip(fa.tolist(), fb.tolist())} == {
        (min(x, y), max(x, y)) for x, y in zip(a.tolist(), b.tolist())
    }
    n_distinct = len({(min(x, y), max(x, y)) for x, y in zip(a.tolist(), b.tolist())})
    assert fa.size <= max(2, 1.2 * n_distinct)  # the repeats are gone, but for a few


def test_components_long_chain_and_star():
    n = 50_000
    rng = np.random.default_rng(1)
    perm = rng.permutation(n)
    roots = th._components(n, perm[:-1], perm[1:])
    assert (roots == 0).all()
    hub = np.full(n - 1, n - 1)
    assert (th._components(n, hub, np.arange(n - 1)) == 0).all()
    assert (th._components(4, np.array([0, 2]), np.array([1, 3])) == [0, 0, 2, 2]).all()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(0, 100),
            st.floats(0, 100),
            st.floats(-3, 2),
            st.floats(0, 1),
            st.floats(0, 1),
            st.booleans(),
        ),
        max_size=60,
    )
)
def test_candidate_pairs_are_the_intersecting_boxes(boxes):
    """The fallback's multi-level grid finds exactly the pairs of intersecting boxes (sizes 1
    mm–100 m)."""
    x0 = np.array([b[0] for b in boxes])
    y0 = np.array([b[1] for b in boxes])
    x1 = x0 + np.array([10 ** b[2] * b[3] for b in boxes])
    y1 = y0 + np.array([10 ** b[2] * b[4] for b in boxes])
    query = np.array([b[5] for b in boxes], dtype=bool)
    qi, cj = sides.candidate_pairs(x0, y0, x1, y1, query)
    n = len(boxes)
    expected = {
        (i, j)
        for i in range(n)
        for j in range(n)
        if i != j
        and query[i]
        and x0[i] <= x1[j]
        and x0[j] <= x1[i]
        and y0[i] <= y1[j]
        and y0[j] <= y1[i]
    }
    assert set(zip(qi.tolist(), cj.tolist())) == expected


# --------------------------------------------------------------------------------------------------
# Property tests on random meshes, against an independent brute-force reading of the rules
# --------------------------------------------------------------------------------------------------

SIDES = st.sampled_from([5, 10, 12.5, 20, 25, 30, 40, 50, 60])


@st.composite
def grid_meshes(draw, indetermine: bool = True):
    """Rectangular cells of random widths / heights, random status (1 / 0 / -1) and built flag."""
    widths = draw(st.lists(SIDES, min_size=1, max_size=7))
    heights = draw(st.lists(SIDES, min_size=1, max_size=7))
    statuses = st.sampled_from([1, 0, -1] if indetermine else [1, 0])
    status = np.array(
        draw(
            st.lists(
                statuses, min_size=len(widths) * len(heights), max_size=len(widths) * len(heights)
            )
        ),
        dtype=np.int8,
    )
    bati = np.array(draw(st.lists(st.booleans(), min_size=status.size, max_size=status.size)))
    return (
        widths,
        heights,
        status.reshape(len(heights), len(widths)),
        bati.reshape(len(heights), len(widths)),
    )


@st.composite
def ringed_grids(draw):
    """Concentric rings of cells (a status per ring, the two outer ones opposite, about a tenth
    of the cells random), small cells: small patches with holes — filled by the opposite status,
    by indéterminé, or by both — and pinches at corners are common."""
    n = draw(st.integers(3, 8))
    widths = draw(st.lists(st.sampled_from([5, 10, 12.5]), min_size=n, max_size=n))
    heights = draw(st.lists(st.sampled_from([5, 10, 12.5]), min_size=n, max_size=n))
    outer = draw(st.sampled_from([1, 0]))  # the two outer rings are of opposite statuses
    ring_status = [outer, 1 - outer] + draw(
        st.lists(st.sampled_from([1, 0, -1]), min_size=n, max_size=n)
    )
    status = np.empty((n, n), dtype=np.int8)
    for j, i in np.ndindex(n, n):
        noise = draw(st.sampled_from([None] * 27 + [1, 0, -1]))
        status[j, i] = ring_status[min(i, j, n - 1 - i, n - 1 - j)] if noise is None else noise
    bati = np.array(draw(st.lists(st.booleans(), min_size=n * n, max_size=n * n))).reshape(n, n)
    return widths, heights, status, bati


@st.composite
def sprinkled_grids(draw):
    """A background of one status sprinkled with cells of the other (and a few indéterminé): the
    background patch is usually large, so small patches flip into it."""
    widths = draw(st.lists(SIDES, min_size=2, max_size=8))
    heights = draw(st.lists(SIDES, min_size=2, max_size=8))
    background = draw(st.sampled_from([1, 0]))
    cell = st.sampled_from([background] * 16 + [1 - background] * 3 + [-1])
    size = len(widths) * len(heights)
    status = np.array(draw(st.lists(cell, min_size=size, max_size=size)), dtype=np.int8)
    bati = np.array(draw(st.lists(st.booleans(), min_size=size, max_size=size)))
    return (
        widths,
        heights,
        status.reshape(len(heights), len(widths)),
        bati.reshape(len(heights), len(widths)),
    )


GRIDS = st.one_of(grid_meshes(), ringed_grids(), sprinkled_grids())


def grid_wkb(widths, heights):
    xs, ys = np.concatenate([[0], np.cumsum(widths)]), np.concatenate([[0], np.cumsum(heights)])
    return [
        polygon_wkb(rect(xs[i], ys[j], xs[i + 1], ys[j + 1]))
        for j in range(len(heights))
        for i in range(len(widths))
    ]


def grid_patches(status):
    """4-connected components of equal non-indéterminé status: {cell: patch}, [cells per patch]."""
    ny, nx = status.shape
    patch_of, patches = {}, []
    for start in np.ndindex(ny, nx):
        if start in patch_of or status[start] < 0:
            continue
        patch_of[start] = len(patches)
        cells, queue = [start], deque([start])
        while queue:
            j, i = queue.popleft()
            for nb in ((j + 1, i), (j - 1, i), (j, i + 1), (j, i - 1)):
                if (
                    0 <= nb[0] < ny
                    and 0 <= nb[1] < nx
                    and nb not in patch_of
                    and status[nb] == status[start]
                ):
                    patch_of[nb] = len(patches)
                    cells.append(nb)
                    queue.append(nb)
        patches.append(cells)
    return patch_of, patches


def grid_reference(widths, heights, status, bati):
    """The rules read literally on a grid: (final artif, changed) per cell.

    Outer boundary: the complement of the patch is flooded from outside the grid; cells reached are
    outside, the others fill holes of the patch and are ignored. Diagonal steps are allowed (a hole
    touching the outer boundary at a corner is chained with it, as the engine does).
    """
    ny, nx = status.shape
    area = np.outer(heights, widths)
    final = status == 1
    patch_of, patches = grid_patches(status)
    for cells in patches:
        s = status[cells[0]]
        if sum(area[c] for c in cells) >= rules.SEUIL_SURFACE_M2:
            continue
        inside = set(cells)
        outside = {(-1, -1)}
        queue = deque(outside)
        while queue:  # flood over the padded grid, cells not in the patch, 8-connected
            j, i = queue.popleft()
            for dj in (-1, 0, 1):
                for di in (-1, 0, 1):
                    nb = (j + dj, i + di)
                    if (
                        -1 <= nb[0] <= ny
                        and -1 <= nb[1] <= nx
                        and nb not in inside
                        and nb not in outside
                    ):
                        outside.add(nb)
                        queue.append(nb)
        enclosed = True
        for j, i in cells:
            for nb in ((j + 1, i), (j - 1, i), (j, i + 1), (j, i - 1)):
                if nb in inside or nb not in outside:
                    continue
                on_grid = 0 <= nb[0] < ny and 0 <= nb[1] < nx
                if not on_grid or status[nb] != 1 - s:
                    enclosed = False
        if enclosed:
            for c in cells:
                if s == 0:
                    final[c] = True
                elif not (bati[c] and area[c] > rules.SEUIL_BATI_M2):
                    final[c] = False
    return final.ravel(), (final != (status == 1)).ravel()


def run_grid(widths, heights, status, bati):
    codes = np.where(bati.ravel(), "CS1.1.1.1", "CS1.1.1.2").tolist()
    return apply_thresholds(grid_wkb(widths, heights), status.ravel(), codes)


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(GRIDS)
def test_random_grids_match_the_rules_read_literally(mesh):
    widths, heights, status, bati = mesh
    result = run_grid(*mesh)
    final, changed = grid_reference(*mesh)
    assert np.array_equal(result.artif, final)
    assert np.array_equal(result.changed, changed)


@PROPERTY
@given(GRIDS)
def test_random_grids_by_many_ranges_match_the_rules_read_literally(grid):
    """Sides matched by ranges of two (the real ones hold half a million): the same answers, edges
    never split between two ranges."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mesh, "_RANGE", 2)
        result = run_grid(*grid)
    final, changed = grid_reference(*grid)
    assert np.array_equal(result.artif, final)
    assert np.array_equal(result.changed, changed)


@PROPERTY
@given(GRIDS)
def test_random_grids_with_every_edge_hash_equal_match_the_rules_read_literally(grid):
    """Every edge given the same hash (sides then told apart by their grid keys alone, the sort of
    ``mesh._exact``): the same answers."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mesh, "edge_hash", lambda lo, hi: np.zeros_like(lo))
        patch.setattr(mesh, "_RANGE", 3)
        result = run_grid(*grid)
    final, changed = grid_reference(*grid)
    assert np.array_equal(result.artif, final)
    assert np.array_equal(result.changed, changed)


@PROPERTY
@given(GRIDS)
def test_random_grids_invariants(mesh):
    widths, heights, status, bati = mesh
    r = run_grid(*mesh)
    flat = status.ravel()
    area = np.outer(heights, widths).ravel()
    np.testing.assert_allclose(r.area, area)
    # patches: indéterminé polygons are in none; patch areas are sums of their polygons
    assert ((r.patch_id == -1) == (flat == -1)).all() and (r.indetermine == (flat == -1)).all()
    valid = flat >= 0
    np.testing.assert_allclose(
        np.bincount(r.patch_id[valid], area[valid], minlength=r.n_patches), r.patch_area
    )
    # thresholds never change a patch of 2,500 m² or more, nor an indéterminé polygon
    assert (r.patch_area[r.patch_id[r.changed]] < rules.SEUIL_SURFACE_M2).all()
    assert not (r.changed & r.indetermine).any() and not (r.artif & r.indetermine).any()
    # changes go one way per patch, and never turn a built polygon > 50 m² non-artificialised
    assert (r.changed == (r.artif != (flat == 1))).all()
    assert not (r.changed & ~r.artif & bati.ravel() & (area > rules.SEUIL_BATI_M2)).any()
    for p in np.unique(r.patch_id[r.changed]):
        assert r.patch_enclosed[p]
        assert len(set(r.artif[r.patch_id == p][r.changed[r.patch_id == p]])) == 1
    # area bookkeeping: the total is conserved and moves as reported
    assert r.area_to_artif == pytest.approx(area[r.changed & r.artif].sum())
    assert r.area_to_non_artif == pytest.approx(area[r.changed & ~r.artif].sum())
    before, after = area[flat == 1].sum(), area[r.artif].sum()
    assert after == pytest.approx(before + r.area_to_artif - r.area_to_non_artif)
    assert area[r.artif].sum() + area[~r.artif & valid].sum() == pytest.approx(area[valid].sum())


def patch_neighbours(status, patch_id):
    """Pairs of different patches sharing a side, on the grid."""
    ids = patch_id.reshape(status.shape)
    pairs = set()
    for a, b in ((ids[:, :-1], ids[:, 1:]), (ids[:-1, :], ids[1:, :])):
        for p, q in zip(a.ravel(), b.ravel()):
            if p >= 0 and q >= 0 and p != q:
                pairs.add((p, q))
                pairs.add((q, p))
    return pairs


@PROPERTY
@given(st.one_of(sprinkled_grids(), GRIDS))
def test_second_pass_changes_nothing_when_no_flip_touches_a_small_patch(mesh):
    """Idempotence, where it holds.

    Let F be the patches the first pass changed. If (a) every polygon of a patch of F changed (no
    built > 50 m² exception kept), and (b) every patch sharing a side with a patch of F has 2,500 m²
    or more, then a second pass changes nothing: each patch of F merges with an enclosing
    neighbour, which is large, so the merged patch is large; every other small patch keeps its
    polygons, its neighbours and their statuses, hence the first pass's verdict — unchanged.
    (Without (a) or (b), cascades are possible, see test_one_pass_no_cascade.)
    """
    widths, heights, status, bati = mesh
    first = run_grid(*mesh)
    flipped = set(np.unique(first.patch_id[first.changed]).tolist())
    partial = any((~first.changed[first.patch_id == p]).any() for p in flipped)
    neighbours_small = any(
        first.patch_area[q] < rules.SEUIL_SURFACE_M2
        for p, q in patch_neighbours(status, first.patch_id)
        if p in flipped
    )
    if partial or neighbours_small:
        return
    new_status = np.where(status.ravel() < 0, -1, first.artif.astype(np.int8)).astype(np.int8)
    second = run_grid(widths, heights, new_status.reshape(status.shape), bati)
    assert not second.changed.any()


@st.composite
def brick_meshes(draw):
    """Rows of rectangles whose splits differ from row to row: T-junctions everywhere, corners
    meeting at single points, no indéterminé (so a patch is enclosed iff it does not touch the
    data's edge)."""
    width = draw(st.integers(20, 90))
    rows = []
    y = 0
    for _ in range(draw(st.integers(1, 5))):
        h = draw(st.integers(5, 40))
        cuts = sorted(set(draw(st.lists(st.integers(1, width - 1), max_size=4))))
        xs = [0, *cuts, width]
        rows.append(
            [
                (xs[k], y, xs[k + 1], y + h, draw(st.sampled_from([0, 1])), draw(st.booleans()))
                for k in range(len(xs) - 1)
            ]
        )
        y += h
    return rows


def brick_reference(rows):
    cells = [c for row in rows for c in row]
    row_of = [r for r, row in enumerate(rows) for _ in row]
    n = len(cells)
    top = len(rows) - 1
    width = rows[0][-1][2]

    def adjacent(a, b):
        (ax0, _, ax1, _, *_), (bx0, _, bx1, _, *_) = cells[a], cells[b]
        if row_of[a] == row_of[b]:
            return ax1 == bx0 or bx1 == ax0
        if abs(row_of[a] - row_of[b]) == 1:
            return min(ax1, bx1) - max(ax0, bx0) > 0
        return False

    patch = [-1] * n
    final, changed = [c[4] == 1 for c in cells], [False] * n
    for s in range(n):
        if patch[s] >= 0:
            continue
        patch[s] = s
        members, queue = [s], deque([s])
        while queue:
            a = queue.popleft()
            for b in range(n):
                if patch[b] < 0 and cells[b][4] == cells[s][4] and adjacent(a, b):
                    patch[b] = s
                    members.append(b)
                    queue.append(b)
        area = sum((cells[m][2] - cells[m][0]) * (cells[m][3] - cells[m][1]) for m in members)
        edge = any(
            row_of[m] in (0, top) or cells[m][0] == 0 or cells[m][2] == width for m in members
        )
        if area < rules.SEUIL_SURFACE_M2 and not edge:
            for m in members:
                x0, y0, x1, y1, status, built = cells[m]
                if status == 0:
                    final[m] = True
                elif not (built and (x1 - x0) * (y1 - y0) > rules.SEUIL_BATI_M2):
                    final[m] = False
                changed[m] = final[m] != (status == 1)
    return np.array(final), np.array(changed)


@PROPERTY
@given(brick_meshes())
def test_random_brick_layouts_with_t_junctions(rows):
    cells = [c for row in rows for c in row]
    wkb = [polygon_wkb(rect(x0, y0, x1, y1)) for x0, y0, x1, y1, _, _ in cells]
    status = np.array([c[4] for c in cells], dtype=np.int8)
    codes = ["CS1.1.1.1" if c[5] else "CS2.2.1" for c in cells]
    result = apply_thresholds(wkb, status, codes)
    final, changed = brick_reference(rows)
    assert np.array_equal(result.artif, final)
    assert np.array_equal(result.changed, changed)
