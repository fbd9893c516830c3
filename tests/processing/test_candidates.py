"""A source holding several candidate layers of one kind and millésime (issue 24, point 4): a
GeoPackage with a user's extract saved before IGN's complete OCCUPATION_SOL. The complete one is
used by rule (IGN's name, else the largest), and the log names both layers distinctly."""

from __future__ import annotations

import pytest
from builders import HAND_SURFACE_HA, read_csv, square, two_candidates, write_layer
from support import report_of

from ocsge.ocsge_plugin.storage import reading


def test_load_uses_ign_s_layer_and_names_both(run, tmp_path):
    folder = two_candidates(tmp_path, "extrait_occupation", "OCCUPATION_SOL")
    assert [found.layer_name for found in reading.scan(folder)[0]] == [
        "OCCUPATION_SOL"
    ]  # the extract comes first in the file

    results, feedback = run(
        "ocsge:load", {"INPUT": str(folder), "SUMMARY": True, "CHECK_CODES": False}
    )
    assert len(results["LAYERS"]) == 1
    assert reading.read_vrt(results["OCCUPATION"]).src_layer == "OCCUPATION_SOL"
    # an ordinary decision, said as information (nothing for the planner to do)
    assert not [w for w in feedback.warnings if w.startswith("Several")]
    assert [w for w in feedback.infos if w.startswith("Several")] == [
        "Several Occupation du sol D32 2019 layers: OCCUPATION_SOL.gpkg/OCCUPATION_SOL "
        "(5 polygons) is used, named as IGN "
        "names it; OCCUPATION_SOL.gpkg/extrait_occupation (2 polygons) is left out."
    ]
    report = report_of(results)
    assert [(layer["layer"], layer["features"]) for layer in report["layers"]] == [
        ("OCCUPATION_SOL", 5)
    ]
    assert sum(report["layers"][0]["surface_ha_by_couverture"].values()) == pytest.approx(
        sum(HAND_SURFACE_HA.values())
    )


def test_diagnostic_counts_the_complete_layer(run, tmp_path):
    """The published artificialised surface is the complete layer's (2 ha by the matrix:
    CS1.1.1.1 and CS1.1.1.2), not the extract's (1 ha)."""
    folder = two_candidates(tmp_path, "extrait_occupation", "OCCUPATION_SOL")
    communes = write_layer(
        tmp_path / "communes.gpkg",
        "communes",
        ["code", "nom"],
        [(square(-50, -50, 400), ["32001", "Une"])],
    )
    results, feedback = run(
        "ocsge:diagnostic",
        {
            "INPUT": str(folder),
            "COMMUNES": str(communes),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "METHOD": 2,
            "OUTPUT_FOLDER": str(tmp_path / "out"),
        },
    )
    [row] = read_csv(tmp_path / "out" / "artif_commune.csv")
    assert float(row["surface_artif"]) == pytest.approx(
        HAND_SURFACE_HA["CS1.1.1.1"] + HAND_SURFACE_HA["CS1.1.1.2"]
    )
    assert not [line for line in feedback.warnings if "extrait_occupation" in line]
    layers = [line for line in feedback.infos if "extrait_occupation" in line]
    assert layers and "OCCUPATION_SOL.gpkg/OCCUPATION_SOL (5 polygons) is used" in layers[0]


def test_without_ign_s_name_the_largest_is_used(run, tmp_path):
    folder = two_candidates(tmp_path, "occupation_extrait", "occupation_complete")
    results, feedback = run("ocsge:load", {"INPUT": str(folder), "CHECK_CODES": False})
    assert reading.read_vrt(results["OCCUPATION"]).src_layer == "occupation_complete"
    # an ordinary decision, said as information (nothing for the planner to do)
    assert not [w for w in feedback.warnings if w.startswith("Several")]
    assert [w for w in feedback.infos if w.startswith("Several")] == [
        "Several Occupation du sol D32 2019 layers: "
        "OCCUPATION_SOL.gpkg/occupation_complete (5 polygons) is used, the largest; "
        "OCCUPATION_SOL.gpkg/occupation_extrait (2 polygons) is left out."
    ]
