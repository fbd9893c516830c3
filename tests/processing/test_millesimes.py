"""A layer's millésime: its own fields first (``MILLESIME``, ``CS_<year>``), its delivery's name
as the fallback, read right in every form IGN has used; a disagreement between the two is never
silent.

The answers are known by hand: the five squares of ``builders.HAND_ROWS`` (two 1 ha squares
artificialised and impermeable by the matrix, 2.25 ha neither)."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import HAND_ROWS, pack_7z, square, write_layer
from qgis.core import QgsVectorLayer
from support import report_of

# The Gers 2019 delivery as IGN published it (OCS GE 1.1): the millésime after the version, the
# edition date at the end.
GERS_1_1 = "OCS_GE_1-1_2019_SHP_LAMB93_D032_2022-06-21"
HAND_ARTIF_M2 = 20000.0  # CS1.1.1.1 × US5 and CS1.1.1.2 × US4.1.1: 1 ha each
HAND_IMPER_M2 = 20000.0
TERRITORY_M2 = 400.0 * 400.0


def shp_delivery(folder: Path, name: str, millesime: str) -> Path:
    """An unpacked SHP delivery laid out as IGN's 1.1 ones (no year in the inner folders), its
    OCCUPATION_SOL's MILLESIME field holding ``millesime``."""
    inner = (
        folder / name / "OCS_GE" / "1_DONNEES_LIVRAISON_2022-06-00123" / "OCSGE_1-1_SHP_LAMB93_D32"
    )
    rows = [(wkt, values[:3] + [millesime]) for wkt, values in HAND_ROWS]
    write_layer(
        inner / "OCCUPATION_SOL.shp",
        "OCCUPATION_SOL",
        ["ID", "CODE_CS", "CODE_US", "MILLESIME"],
        rows,
        driver="SHP",
    )
    return folder / name


def territory(path: Path) -> Path:
    return write_layer(
        path,
        "territoires",
        ["code", "nom"],
        [(square(-50, -50, 400), ["32999", "Tout"])],
        geometry_name="geom",
    )


def aggregate(run, layers, tmp_path: Path):
    params = {
        "INPUT_LAYERS": layers,
        "TERRITORIES": str(territory(tmp_path / "territoires.gpkg")),
        "CODE_FIELD": "code",
        "NAME_FIELD": "nom",
        "METHOD": 2,
        "UNIT": 1,
        "OUTPUT": str(tmp_path / "artif.gpkg"),
    }
    results, feedback = run("ocsge:aggregate", params)
    (row,) = list(QgsVectorLayer(results["OUTPUT"], "out", "ogr").getFeatures())
    return row, report_of(results), feedback


def test_ocs_ge_1_1_delivery_is_its_millesime_not_its_edition_date(run, tmp_path):
    archive = pack_7z(shp_delivery(tmp_path / "in", GERS_1_1, "2019"))
    results, feedback = run("ocsge:load", {"INPUT": str(archive)})
    report = report_of(results)
    (entry,) = report["layers"]
    assert (entry["kind"], entry["departement"], entry["millesimes"]) == (
        "occupation",
        "32",
        [2019],
    )
    assert entry["title"] == "Occupation du sol D32 2019"
    assert entry["notes"] == [] and report["warnings"] == []  # name and field agree: nothing to say
    row, agg, _ = aggregate(run, [results["OCCUPATION"]], tmp_path)
    assert row["millesime_fin"] == "2019"
    assert row["surface_artif"] == pytest.approx(HAND_ARTIF_M2, abs=1e-6)
    assert row["surface_imper"] == pytest.approx(HAND_IMPER_M2, abs=1e-6)
    assert row["surface"] == pytest.approx(TERRITORY_M2)
    assert agg["warnings"] == [] or not any("2022" in w for w in agg["warnings"])


def test_name_and_millesime_field_disagree_the_field_wins_and_says_so(run, tmp_path):
    """The 1.1 name says 2016, the layer's MILLESIME says 2019: loaded and aggregated as 2019,
    both values in the REPORT."""
    folder = shp_delivery(tmp_path / "in", "OCS_GE_1-1_2016_SHP_LAMB93_D032_2022-06-21", "2019")
    results, feedback = run("ocsge:load", {"INPUT": str(pack_7z(folder))})
    report = report_of(results)
    (entry,) = report["layers"]
    assert entry["millesimes"] == [2019]
    (note,) = entry["notes"]
    assert (
        "2019" in note and "2016" in note and "OCS_GE_1-1_2016_SHP_LAMB93_D032_2022-06-21" in note
    )
    assert report["warnings"] == [note] and note in feedback.warnings
    row, _, _ = aggregate(run, [results["OCCUPATION"]], tmp_path)
    assert row["millesime_fin"] == "2019"
    assert row["surface_artif"] == pytest.approx(HAND_ARTIF_M2, abs=1e-6)


def test_a_layer_given_directly_is_its_field_year_not_its_delivery_name(run, tmp_path):
    """2018 data packed under a 2021 delivery name, given to ocsge:aggregate without ocsge:load."""
    folder = shp_delivery(tmp_path / "in", "OCS-GE_2-0__SHP_LAMB93_D032_2021-01-01", "2018")
    (shp,) = folder.rglob("OCCUPATION_SOL.shp")
    row, report, feedback = aggregate(run, [str(shp)], tmp_path)
    assert row["millesime_fin"] == "2018"
    assert row["surface_artif"] == pytest.approx(HAND_ARTIF_M2, abs=1e-6)
    notes = [w for w in report["warnings"] if "2018" in w and "2021" in w]
    assert len(notes) == 1 and notes[0] in feedback.warnings


def test_french_note_gives_both_values(run, tmp_path, ocsge):
    from ocsge.ocsge_plugin.core import i18n

    i18n.install_translator("fr")
    try:
        _, note = ocsge.ocsge_plugin.storage.reading.weigh_millesimes(
            (2019,), (2022,), "OCS_GE_1-1_X_2022", "Occupation du sol D32"
        )
    finally:
        i18n.install_translator("en")
    assert note.startswith(
        "Occupation du sol D32 : ses champs indiquent le millésime 2019, son nom « "
        "OCS_GE_1-1_X_2022 » indique 2022"
    )
    assert "2022" in note and "2019 est retenu" in note
