"""The logs of ocsge:load, ocsge:classify and ocsge:consommation as the diagnostic's (issue 27,
« warnings only for what the user must act on »): each decision said once, as information
(pipelines/logs.say, core.i18n.Note), a warning only for what the planner must do something
about. On the sample deliveries of Territoire de Belfort (GeoPackage and Shapefile, occupation du
sol and IGN's layers, null, parent and INDETERMINE codes) and the sample consumption file."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest
from builders import BELFORT_DATA


@pytest.fixture(scope="module")
def both_formats(tmp_path_factory):
    import sample_generator

    out = tmp_path_factory.mktemp("sample90logs") / "90"
    sample_generator.generate("90", 1200, seed=5, out=out, archive=False, flavour="both")
    return out


def once(lines: list[str]) -> list[str]:
    """The lines said more than once (Processing's « Results: » line left aside)."""
    return [line for line, n in Counter(lines).items() if n > 1 and not line.startswith("Results")]


def test_load_decides_without_warning(run, provider, both_formats):
    results, feedback = run("ocsge:load", {"INPUT": str(both_formats), "SUMMARY": True})
    assert feedback.warnings == []
    assert once(feedback.infos) == []
    left_out = [line for line in feedback.infos if "(Shapefile) left out" in line]
    assert len(left_out) == 5  # each millésime and layer delivered twice: the GeoPackage kept
    # null codes: counted apart by the runs' convention, said once per layer
    assert "Occupation du sol D90 2021: 13 polygons with a null code." in feedback.infos


def test_classify_decides_without_warning(run, provider, both_formats):
    loaded, _ = run("ocsge:load", {"INPUT": str(both_formats)})
    results, feedback = run(
        "ocsge:classify",
        {"INPUT": loaded["OCCUPATION"], "OUTPUT": "TEMPORARY_OUTPUT", "METHOD": 0},
    )
    assert feedback.warnings == []
    assert once(feedback.infos) == []
    assert "13 polygons with a null couverture or usage code." in feedback.infos


def test_consommation_decides_without_warning(run, provider, tmp_path):
    """The sample file covers Territoire de Belfort and La Réunion, the membership table the
    former: La Réunion's communes left out is a decision, as the partial totals of the
    territories whose file has empty values; none is a warning."""
    from support import ROOT

    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "sample_consumption.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    results, feedback = run(
        "ocsge:consommation",
        {
            "CONSOMMATION": str(tmp_path / "consommation-cerema-90-974.csv"),
            "MEMBERSHIP": str(BELFORT_DATA / "appartenance-communes-90.csv"),
            "OUTPUT_FOLDER": str(tmp_path / "out"),
        },
    )
    assert feedback.warnings == []
    assert once(feedback.infos) == []
    (left_out,) = [line for line in feedback.infos if "in none of the territories" in line]
    assert left_out.startswith("25 communes of the consumption file") and "97411" in left_out
    partial = [line for line in feedback.infos if "partial totals" in line]
    assert sorted(line.split(":")[0] for line in partial) == [
        "commune",
        "departement",
        "epci",
        "region",
        "scot",
    ]
