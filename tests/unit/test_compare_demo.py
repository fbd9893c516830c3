"""make demo-compare: the comparison of the sample diagnostic's numbers between QGIS versions
fails on any gap above 1e-9 (relative; absolute below 1), on a missing row or column, on a
changed text, and on a missing run."""

from __future__ import annotations

import json

import compare_demo
import pytest

RUN = {
    "load/90": [
        {
            "title": "Occupation du sol 2021",
            "features": 1200,
            "surface_ha_by_couverture": {"CS1.1.1.1": 512.25},
        }
    ],
    "diagnostic/90/artif_commune.csv": [
        {"commune_code": "90001", "nom": "Andelnans", "surface_artif": "45.123456789012"}
    ],
}


def _copy():
    return json.loads(json.dumps(RUN))


def test_identical_runs_compare_every_number():
    found, compared, largest = compare_demo.differences(RUN, _copy())
    assert found == [] and compared == 4 and largest == 0.0


def test_gaps_above_1e_9_relative_are_differences():
    other = _copy()
    other["diagnostic/90/artif_commune.csv"][0]["surface_artif"] = (
        "45.123456889012"  # 1e-7 ha: 2.2e-9 relative
    )
    found, _, largest = compare_demo.differences(RUN, other)
    assert (
        len(found) == 1
        and "surface_artif" in found[0]
        and largest == pytest.approx(1e-7 / 45.123456889012)
    )
    other["diagnostic/90/artif_commune.csv"][0]["surface_artif"] = (
        "45.123456799012"  # 1e-8 ha: 2.2e-10 relative
    )
    assert compare_demo.differences(RUN, other)[0] == []
    assert compare_demo.differences({"x": 0.2}, {"x": 0.2 + 2e-9})[0] != []  # below 1: absolute
    assert compare_demo.differences({"x": 0.2}, {"x": 0.2 + 5e-10})[0] == []


def test_missing_rows_keys_and_changed_texts_are_differences():
    other = _copy()
    other["load/90"][0]["surface_ha_by_couverture"] = {}
    other["diagnostic/90/artif_commune.csv"][0]["nom"] = "Belfort"
    other["diagnostic/90/artif_commune.csv"].append({"commune_code": "90010"})
    found = compare_demo.differences(RUN, other)[0]
    assert len(found) == 3
    assert any("CS1.1.1.1: absent" in line for line in found) and any(
        "'Andelnans' / 'Belfort'" in line for line in found
    )
    assert any("1 éléments / 2" in line for line in found)


def test_main_fails_on_a_missing_run_or_a_difference_and_passes_on_the_same_numbers(
    tmp_path, capsys
):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps({"qgis": "3.22.16-Białowieża", "numbers": RUN}), encoding="utf-8")
    assert compare_demo.main([first, second]) == 1 and "b.json" in capsys.readouterr().out
    second.write_text(json.dumps({"qgis": "3.40.6-Bratislava", "numbers": RUN}), encoding="utf-8")
    assert compare_demo.main([first, second]) == 0
    assert "4 nombres identiques" in capsys.readouterr().out
    other = _copy()
    other["load/90"][0]["features"] = 1199
    second.write_text(json.dumps({"qgis": "3.40.6-Bratislava", "numbers": other}), encoding="utf-8")
    assert compare_demo.main([first, second]) == 1
    assert "features: 1200 / 1199" in capsys.readouterr().out


def test_a_difference_of_two_surfaces_is_compared_relative_to_the_larger():
    import compare_demo

    row = {"surface": "24000.0", "surface_hors_donnees": "0.5185123514"}
    ulps = dict(
        row, surface_hors_donnees="0.5185123527"
    )  # 1.3e-9 ha: PROJ's ulps on a 24,000 ha commune
    assert compare_demo.differences({"q.csv": [row]}, {"q.csv": [ulps]})[0] == []
    moved = dict(
        row, surface_hors_donnees="0.5186"
    )  # 1 m² more outside the data: a real difference
    assert len(compare_demo.differences({"q.csv": [row]}, {"q.csv": [moved]})[0]) == 1
