"""A tidy project: each run of ocsge:load gets its own dated group, or takes the place of the
group an earlier run made for the same département and millésime when asked (REPLACE_GROUP); a
millésime delivered both as GeoPackage and as Shapefile in one folder is loaded once."""

from __future__ import annotations

import re

from builders import hand_delivery
from qgis.core import QgsLayerTree, QgsProject
from qgis.PyQt.QtCore import QCoreApplication
from support import DATA, Recorder, report_of

STAMP = r"\d\d/\d\d/\d{4} \d\d:\d\d"


def _groups(project) -> list[str]:
    return [
        child.name() for child in project.layerTreeRoot().children() if QgsLayerTree.isGroup(child)
    ]


def _layers_in(project, name: str) -> list[str]:
    group = project.layerTreeRoot().findGroup(name)
    return sorted(node.layer().name() for node in group.findLayers())


def test_gpkg_and_shp_of_one_millesime_load_once(provider, tmp_path):
    import processing

    folder = tmp_path / "livraisons"
    hand_delivery(folder, "OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01", flavour="gpkg")
    hand_delivery(folder, "OCS-GE_2-0__SHP_LAMB93_D032_2019-01-01", flavour="shp")
    project = QgsProject.instance()
    project.clear()
    feedback = Recorder()
    results = processing.runAndLoadResults("ocsge:load", {"INPUT": str(folder)}, feedback=feedback)
    names = sorted(layer.name() for layer in project.mapLayers().values())
    assert names == ["Occupation du sol D32 2019", "Zone construite D32 2019"]  # not twice
    report = report_of(results)
    sources = [entry["source"] for entry in report["layers"] if entry["kind"] == "occupation"]
    assert len(sources) == 1 and sources[0].endswith(".gpkg"), "the GeoPackage is the one kept"
    note = (
        "Occupation du sol D32 2019 (Shapefile) left out: the GeoPackage delivery of the "
        "same millésime is loaded."
    )
    assert note in feedback.infos and not any("Shapefile" in w for w in feedback.warnings)
    assert report["left_out"] == [note]
    project.clear()


def test_a_rerun_of_load_makes_a_new_dated_group_or_replaces_the_previous_one(provider, tmp_path):
    import processing

    project = QgsProject.instance()
    project.clear()
    delivery = hand_delivery(tmp_path)
    processing.runAndLoadResults("ocsge:load", {"INPUT": str(delivery)})
    first = _groups(project)
    assert len(first) == 1 and re.fullmatch(rf"OCS GE D32 2019 – {STAMP}", first[0]), first
    assert _layers_in(project, first[0]) == [
        "Occupation du sol D32 2019",
        "Zone construite D32 2019",
    ]
    # a second run: its own group on top, the first one left as it was
    processing.runAndLoadResults("ocsge:load", {"INPUT": str(delivery)})
    second = _groups(project)
    assert len(second) == 2 and second[1] == first[0], second
    assert re.fullmatch(rf"OCS GE D32 2019 – {STAMP}( \(2\))?", second[0]) and second[0] != first[0]
    assert _layers_in(project, second[0]) == _layers_in(project, first[0])
    assert len(project.mapLayers()) == 4
    # asked to replace: both earlier groups of D32 2019 and their layers go, one group remains
    processing.runAndLoadResults("ocsge:load", {"INPUT": str(delivery), "REPLACE_GROUP": True})
    for _ in range(
        3
    ):  # the next turns of the event loop: the replaced group goes, then QGIS removes its layers
        QCoreApplication.processEvents()
    third = _groups(project)
    assert len(third) == 1 and re.fullmatch(rf"OCS GE D32 2019 – {STAMP}", third[0]), third
    assert _layers_in(project, third[0]) == [
        "Occupation du sol D32 2019",
        "Zone construite D32 2019",
    ]
    assert sorted(layer.name() for layer in project.mapLayers().values()) == [
        "Occupation du sol D32 2019",
        "Zone construite D32 2019",
    ]
    project.clear()


def test_a_rerun_of_the_diagnostic_into_the_same_folder_keeps_each_group_whole(provider, tmp_path):
    """The second run writes the same files: Processing hands back the first run's layers, the first
    group keeps them and the second gets its own; asked to replace, one group is left."""
    import processing
    import sample_generator

    manifest = sample_generator.generate(
        "90",
        600,
        seed=5,
        out=tmp_path / "s",
        archive=False,
        flavour="gpkg",
        with_commune_truth=False,
    )
    y1, y2 = manifest["millesimes"]
    params = {
        "INPUT": str(tmp_path / "s"),
        "COMMUNES": str(DATA / "communes-90-territoire-de-belfort.geojson"),
        "CODE_FIELD": "code",
        "NAME_FIELD": "nom",
        "MEMBERSHIP": str(DATA / "appartenance-communes-90.csv"),
        "OUTPUT_FOLDER": str(tmp_path / "out"),
    }
    base = f"Diagnostic OCS GE – Territoire de Belfort {y1}-{y2}"
    project = QgsProject.instance()
    project.clear()
    processing.runAndLoadResults("ocsge:diagnostic", params)
    first = _groups(project)
    assert len(first) == 1 and re.fullmatch(rf"{base} – {STAMP}", first[0]), first
    count = len(project.layerTreeRoot().findGroup(first[0]).findLayers())
    processing.runAndLoadResults("ocsge:diagnostic", params)
    second = _groups(project)
    assert len(second) == 2 and second[1] == first[0]
    assert [len(project.layerTreeRoot().findGroup(name).findLayers()) for name in second] == [
        count,
        count,
    ]
    assert len(project.mapLayers()) == 2 * count
    processing.runAndLoadResults("ocsge:diagnostic", {**params, "REPLACE_GROUP": True})
    for _ in range(3):
        QCoreApplication.processEvents()
    third = _groups(project)
    assert len(third) == 1 and re.fullmatch(rf"{base} – {STAMP}", third[0]), third
    assert (
        len(project.layerTreeRoot().findGroup(third[0]).findLayers())
        == count
        == len(project.mapLayers())
    )
    project.clear()
