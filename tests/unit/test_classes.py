"""Per-class surfaces per territory (computing/classes.py), made in the aggregation's own pass,
on hand geometry whose answer is worked out by hand, with the codes of real deliveries: a parent
code (CS2.1.1), INDETERMINE, null and lower case with blanks.

Two communes of 100 × 200 m (2 ha each), A (x 0–100) and B (x 100–200), Lambert-93 metres. Stock
2018:

* S1, A, x 0–100 y 0–100 (1 ha): CS1.1.1.1 / US5
* S2, across both, x 50–150 y 100–200 (0.5 ha in each): CS2.1.1 (a parent) / US1.1
* S3, B, x 100–200 y 0–100 (1 ha): INDETERMINE / null
* S4, A, x 0–50 y 100–200 (0.5 ha): null / US1.1
* S5, B, x 150–200 y 100–200 (0.5 ha): `` cs2.2.1 `` (lower case, blanks) / US1.2

2021: S1 unchanged; S2 → CS1.1.1.1 / US2 (artificialised: CS1.1.1.1 always is); S3 → CS2.2.1 /
US1.1 (status at début undetermined); S4 → CS1.1.1.2 / US4.1.1 (undetermined at début: null
couverture); S5 → CS2.1.1.1 / US1.2 (no flow). The DIFFERENCE layer holds the same changes, but
only the first quarter of S3 (x 100–150 y 0–50, 0.25 ha).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from builders import write_layer
from qgis.core import QgsVectorLayer

from ocsge.ocsge_plugin.computing import classes
from ocsge.ocsge_plugin.computing.placement import TerritorySet
from ocsge.ocsge_plugin.pipelines.aggregate import run_aggregate


def rect(x0, y0, x1, y1):
    return f"MULTIPOLYGON((({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0})))"


S = [
    rect(0, 0, 100, 100),
    rect(50, 100, 150, 200),
    rect(100, 0, 200, 100),
    rect(0, 100, 50, 200),
    rect(150, 100, 200, 200),
]
CODES_2018 = [
    ["CS1.1.1.1", "US5"],
    ["CS2.1.1", "US1.1"],
    ["INDETERMINE", None],
    [None, "US1.1"],
    [" cs2.2.1 ", "US1.2"],
]
CODES_2021 = [
    ["CS1.1.1.1", "US5"],
    ["CS1.1.1.1", "US2"],
    ["CS2.2.1", "US1.1"],
    ["CS1.1.1.2", "US4.1.1"],
    ["CS2.1.1.1", "US1.2"],
]
CHANGES = [  # the DIFFERENCE layer
    (S[1], ["CS2.1.1", "US1.1", "CS1.1.1.1", "US2"]),
    (rect(100, 0, 150, 50), ["INDETERMINE", None, "CS2.2.1", "US1.1"]),
    (S[3], [None, "US1.1", "CS1.1.1.2", "US4.1.1"]),
    (S[4], [" cs2.2.1 ", "US1.2", "CS2.1.1.1", "US1.2"]),
]

# by hand, m² (module docstring)
COUVERTURE_2018 = {
    "A": {"CS1.1.1.1": 10000, "CS2.1.1": 5000, None: 5000},
    "B": {"CS2.1.1": 5000, "INDETERMINE": 10000, "CS2.2.1": 5000},
}
USAGE_2018 = {"A": {"US5": 10000, "US1.1": 10000}, "B": {"US1.1": 5000, None: 10000, "US1.2": 5000}}
COUVERTURE_2021 = {
    "A": {"CS1.1.1.1": 15000, "CS1.1.1.2": 5000},
    "B": {"CS1.1.1.1": 5000, "CS2.2.1": 10000, "CS2.1.1.1": 5000},
}
ORIGINE = {"A": {("CS2.1.1", "US1.1"): 5000}, "B": {("CS2.1.1", "US1.1"): 5000}}


def transitions(indetermine_b: float) -> dict:
    return {
        "A": {("CS2.1.1", "CS1.1.1.1"): 5000, (None, "CS1.1.1.2"): 5000},
        "B": {
            ("CS2.1.1", "CS1.1.1.1"): 5000,
            ("INDETERMINE", "CS2.2.1"): indetermine_b,
            ("CS2.2.1", "CS2.1.1.1"): 5000,
        },
    }


@pytest.fixture
def layers(tmp_path):
    path = tmp_path / "ocsge.gpkg"
    write_layer(path, "occupation_D090_2018", ["code_cs", "code_us"], list(zip(S, CODES_2018)))
    write_layer(path, "occupation_D090_2021", ["code_cs", "code_us"], list(zip(S, CODES_2021)))
    write_layer(
        path, "difference_D090_2018_2021", ["cs_debut", "us_debut", "cs_fin", "us_fin"], CHANGES
    )
    write_layer(
        path,
        "communes",
        ["code", "nom"],
        [(rect(0, 0, 100, 200), ["A", "Commune A"]), (rect(100, 0, 200, 200), ["B", "Commune B"])],
    )

    def layer(name):
        found = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        assert found.isValid()
        return found

    return layer


def by_class(table, code, columns, **where):
    rows = table[table["code"] == code]
    for name, value in where.items():
        rows = rows[rows[name] == value]
    return {
        tuple(r[c] for c in columns) if len(columns) > 1 else r[columns[0]]: r["surface"]
        for _, r in rows.iterrows()
    }


def close(found: dict, expected: dict) -> bool:
    return found.keys() == expected.keys() and all(
        math.isclose(found[k], v, abs_tol=1e-6) for k, v in expected.items()
    )


def aggregate(layers, names):
    territories = TerritorySet.from_layer(layers("communes"), "code", "nom")
    result, _notes = run_aggregate(
        territories, [layers(n) for n in names], "matrice", True, True, None
    )
    return result


@pytest.mark.parametrize("flows", ["difference", "overlay"])
def test_per_class_surfaces_by_hand(layers, flows):
    names = ["occupation_D090_2018", "occupation_D090_2021"] + (
        ["difference_D090_2018_2021"] if flows == "difference" else []
    )
    result = aggregate(layers, names)
    occupation = result.classes[classes.OCCUPATION]
    couverture, usage = (
        classes.marginal(occupation, "code_cs"),
        classes.marginal(occupation, "code_us"),
    )
    for commune in ("A", "B"):
        assert close(
            by_class(couverture, commune, ["code_cs"], millesime="2018"), COUVERTURE_2018[commune]
        )
        assert close(by_class(usage, commune, ["code_us"], millesime="2018"), USAGE_2018[commune])
        assert close(
            by_class(couverture, commune, ["code_cs"], millesime="2021"), COUVERTURE_2021[commune]
        )
        assert close(
            by_class(result.classes[classes.ORIGIN], commune, ["cs_debut", "us_debut"]),
            ORIGINE[commune],
        )
        # the overlay sees the whole of S3 change, the difference layer only its quarter
        expected = transitions(10000 if flows == "overlay" else 2500)[commune]
        assert close(
            by_class(result.classes[classes.TRANSITION], commune, ["cs_debut", "cs_fin"]), expected
        )
    # the same numbers as the territory table: covered surface, new artificialisation
    table = result.table.set_index("code")
    for commune in ("A", "B"):
        assert math.isclose(
            couverture[(couverture["code"] == commune) & (couverture["millesime"] == "2021")][
                "surface"
            ].sum(),
            table.loc[commune, "surface_couverte"],
        )
        assert math.isclose(
            result.classes[classes.ORIGIN].query("code == @commune")["surface"].sum(),
            table.loc[commune, "flux_artif"],
        )
    assert set(occupation["index"]) == {1, 2}


def test_rolled_up_to_a_level(layers):
    result = aggregate(
        layers, ["occupation_D090_2018", "occupation_D090_2021", "difference_D090_2018_2021"]
    )
    level = classes.rollup_classes(
        result.classes[classes.TRANSITION], classes.TRANSITION, {"E1": ["A", "B"]}, {"E1": "EPCI 1"}
    )
    assert close(
        by_class(level, "E1", ["cs_debut", "cs_fin"]),
        {
            ("CS2.1.1", "CS1.1.1.1"): 10000,
            (None, "CS1.1.1.2"): 5000,
            ("INDETERMINE", "CS2.2.1"): 2500,
            ("CS2.2.1", "CS2.1.1.1"): 5000,
        },
    )
    assert (
        set(level["nom"]) == {"EPCI 1"}
        and set(level["millesime_debut"]) == {"2018"}
        and set(level["millesime_fin"]) == {"2021"}
    )


def test_class_sums_merge_several_departements():
    sums = classes.ClassSums()
    sums.limit = 2  # compacted on the way
    first = sums.classes([["CS1", None, "cs1"], ["US1", "US1", None]])
    sums.add(first, [0, 0, 1], [1.0, 2.0, 3.0])
    second = sums.classes([[None, "CS1"], ["US1", "US1"]])
    sums.add(second, [0, 0], [4.0, 5.0])
    cells = {(t, c): a for t, c, a in sums.cells()}
    assert cells == {(0, ("CS1", "US1")): 6.0, (0, (None, "US1")): 6.0, (1, ("CS1", None)): 3.0}


def test_chart_labels_colours_and_order_of_messy_codes(tmp_path):
    from ocsge.ocsge_plugin.report import class_charts

    assert class_charts.ordered(
        "couverture", [None, "INDETERMINE", "CS2.2.1", "CS1.1.1.1", "CS2.1.1", "XX"]
    ) == ["CS1.1.1.1", "CS2.1.1", "CS2.2.1", "INDETERMINE", "XX", None]
    assert class_charts.label("couverture", "CS1.1.1.1") == "Zones bâties (CS1.1.1.1)"
    assert (
        class_charts.label("usage", None) == "Non renseigné"
        and class_charts.label("usage", "INDETERMINE") == "Indéterminé (INDETERMINE)"
    )
    assert (
        class_charts.colour("couverture", "CS1.1.1.1") == "#ff377a"
        and class_charts.colour("couverture", None) == class_charts.OTHER
    )
    svg = Path(
        class_charts.transition_matrix(
            {("CS2.2.1", "CS1.1.1.1"): 1234.5, (None, "CS2.2.1"): 0.5},
            2018,
            2021,
            tmp_path / "m.svg",
        )
    ).read_text(encoding="utf-8")
    assert (
        ">1\u00a0234,5<" in svg and ">0,5<" in svg and "Non renseigné" in svg
    )  # French numbers, all to the tenth; null kept
    empty = Path(class_charts.origin({}, 0.0, 2018, 2021, tmp_path / "o.svg")).read_text(
        encoding="utf-8"
    )
    assert "Aucune surface artificialisée" in empty


def test_overlay_with_seuils_classifies_each_millesime_once(layers, monkeypatch):
    """Matrix + seuils by overlay: the stocks and the overlay need the thresholds of both
    millésimes; each is computed once (it was twice: the longest part of the run), same table."""
    from ocsge.ocsge_plugin.computing import classify
    from ocsge.ocsge_plugin.computing.flows_overlay import classified_seuils
    from ocsge.ocsge_plugin.pipelines import aggregate as pipeline

    calls = []
    classify_layer = classify.classify_layer

    def counted(layer, *args, **kwargs):
        calls.append(layer.name())
        return classify_layer(layer, *args, **kwargs)

    monkeypatch.setattr(classify, "classify_layer", counted)
    territories = TerritorySet.from_layer(layers("communes"), "code", "nom")
    names = ["occupation_D090_2018", "occupation_D090_2021"]

    def table():
        result, _notes = run_aggregate(
            territories, [layers(n) for n in names], "matrice_seuils", True, True, None
        )
        return result.table.sort_values(["code", "millesime_fin"]).reset_index(drop=True)

    shared = table()
    assert sorted(calls) == names
    calls.clear()
    monkeypatch.setattr(pipeline, "shared_seuils", classified_seuils)  # each caller its own
    apart = table()
    assert sorted(calls) == sorted(names * 2)
    assert shared.equals(apart)
    flows = shared.set_index("code")
    # by hand: the half of S2 in A; S4 (null couverture at début) is undetermined, not a flow
    assert flows.loc["A", "flux_artif"] == pytest.approx(5000)


def test_overlay_reads_each_millesime_once_for_stocks_and_flows(layers, monkeypatch):
    """Flows by overlay: the stocks of both millésimes are summed from the overlay's own reading of
    each layer (one reading per millésime, not two), with the numbers counted by hand."""
    from ocsge.ocsge_plugin.computing import flows_overlay, territories

    reads = []
    for module in (territories, flows_overlay):

        def counted(layer, *args, _read=module.iter_batches, **kwargs):
            reads.append(layer.name())
            return _read(layer, *args, **kwargs)

        monkeypatch.setattr(module, "iter_batches", counted)
    names = ["occupation_D090_2018", "occupation_D090_2021"]
    result, _notes = run_aggregate(
        TerritorySet.from_layer(layers("communes"), "code", "nom"),
        [layers(n) for n in names],
        "matrice",
        False,
        True,
        None,
    )
    assert sorted(reads) == names  # each layer read once (it was twice: stocks, then overlay)
    table = result.table.set_index("code")
    # by hand: 2018 artificialised and impermeable: S1 (bâti) in A; 2021: S1, S2 (half in A, half
    # in B), S4 (non bâti imperméable) in A; S3 and S4 at début are undetermined
    for column, expected in (
        ("surface_artif_debut", {"A": 10000, "B": 0}),
        ("surface_imper_debut", {"A": 10000, "B": 0}),
        ("surface_artif", {"A": 20000, "B": 5000}),
        ("surface_imper", {"A": 20000, "B": 5000}),
        ("flux_artif", {"A": 5000, "B": 5000}),
    ):
        for commune, value in expected.items():
            assert table.loc[commune, column] == pytest.approx(value), (column, commune)


def test_rolled_up_years_merged_where_communes_differ():
    """A level's row takes its communes' millésimes: one when they share it, all of them merged
    when they differ (two départements delivered in different years), surfaces summed."""
    import pandas as pd

    table = pd.DataFrame(
        {
            "code": ["A", "B", "C", "D"],
            "nom": ["a", "b", "c", "d"],
            "index_debut": [1, 1, 1, 1],
            "index_fin": [2, 2, 2, 2],
            "millesime_debut": [2016, 2016, 2016, 2018],
            "millesime_fin": [2019, 2019, 2019, 2021],
            "cs_debut": ["CS2.2.1", "CS2.2.1", None, None],
            "cs_fin": ["CS1.1.1.1", "CS1.1.1.1", "CS1.1.1.1", "CS1.1.1.1"],
            "surface": [1.0, 2.0, 4.0, 8.0],
        }
    )
    members = {"E1": ["A", "B"], "E2": ["C", "D"]}
    out = classes.rollup_classes(table, classes.TRANSITION, members, {"E1": "one", "E2": "two"})
    rows = {(r.code, r.cs_debut): r for r in out.itertuples()}
    assert set(rows) == {("E1", "CS2.2.1"), ("E2", None)}
    same, mixed = rows[("E1", "CS2.2.1")], rows[("E2", None)]
    assert (same.millesime_debut, same.millesime_fin, same.surface) == ("2016", "2019", 3.0)
    assert (mixed.millesime_debut, mixed.millesime_fin) == ("2016, 2018", "2019, 2021")
    assert mixed.surface == 12.0 and same.nom == "one"


def test_rolled_up_across_departements_of_other_millesimes():
    """A level over communes of two départements whose millésimes differ (the national merge):
    one row per class with both years, the surfaces summed; a level of one département keeps its
    year; a class only one département has keeps that one's year; ``None`` is a class."""
    occupation = pd.DataFrame(
        {
            "code": ["32001", "32001", "32002", "90001", "90001", "90002"],
            "nom": ["a", "a", "b", "c", "c", "d"],
            "index": [0, 0, 0, 0, 0, 0],
            "millesime": ["2019", "2019", "2019", "2018", "2018", "2018"],
            "code_cs": ["CS1.1", None, "CS1.1", "CS1.1", None, "CS2.2"],
            "code_us": ["US1", "US1", "US1", "US1", "US1", "US2"],
            "surface": [1.0, 2.0, 4.0, 8.0, 16.0, 32.0],
        }
    )
    rows = {}
    for code, members in {"R76": ["32001", "32002", "90001", "90002"], "D32": ["32002"]}.items():
        level = classes.rollup_classes(occupation, classes.OCCUPATION, {code: members}, {code: ""})
        rows.update(
            ((r.code, r.code_cs, r.code_us), (r.millesime, r.surface))
            for r in level.itertuples(index=False)
        )
    assert rows == {
        ("D32", "CS1.1", "US1"): ("2019", 4.0),
        ("R76", "CS1.1", "US1"): ("2018, 2019", 13.0),
        ("R76", None, "US1"): ("2018, 2019", 18.0),
        ("R76", "CS2.2", "US2"): ("2018", 32.0),
    }
