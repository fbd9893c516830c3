"""A project saved with loaded deliveries opens again, every layer valid, after the plugin's
cache is cleared (by the user or QGIS): the layers read files that stay, not the cache."""

from __future__ import annotations

import shutil
from pathlib import Path

from builders import hand_delivery, pack_7z
from qgis.core import QgsProject


def test_saved_project_reopens_after_the_cache_is_cleared(provider, ocsge, tmp_path):
    import processing

    settings, keeping = ocsge.ocsge_plugin.core.settings, ocsge.ocsge_plugin.storage.keeping
    archive = pack_7z(hand_delivery(tmp_path / "downloads"))
    shutil.rmtree(
        archive.with_suffix("")
    )  # the archive alone, as downloaded (its source folder is the user's)
    unpacked = hand_delivery(tmp_path / "unpacked", name="OCS-GE_2-0__GPKG_LAMB93_D032_2016-01-01")
    project = QgsProject.instance()
    project.clear()
    processing.runAndLoadResults("ocsge:load", {"INPUT": f"{archive};{unpacked}"})
    counts = {layer.name(): layer.featureCount() for layer in project.mapLayers().values()}
    assert sorted(counts) == [
        "Occupation du sol D32 2016",
        "Occupation du sol D32 2019",
        "Zone construite D32 2016",
        "Zone construite D32 2019",
    ]
    cache = settings.cache_dir().resolve()
    for layer in project.mapLayers().values():
        assert cache not in Path(layer.source().split("|")[0]).resolve().parents, layer.source()
    # the archive's data is kept beside it, in a folder named after it
    kept = archive.parent / archive.name[: -len(".7z")]
    copy = next(kept.rglob("OCCUPATION_SOL.gpkg"))
    written = copy.stat().st_mtime_ns
    processing.run("ocsge:load", {"INPUT": str(archive)})
    assert copy.stat().st_mtime_ns == written  # copied once, reused afterwards
    path = tmp_path / "diagnostic.qgz"
    assert project.write(str(path))
    project.clear()
    shutil.rmtree(cache)  # « Vider le cache », or QGIS cleaning the profile
    assert project.read(str(path))
    layers = list(project.mapLayers().values())
    assert sorted(layer.name() for layer in layers) == sorted(counts)
    for layer in layers:
        assert layer.isValid(), layer.source()
        assert layer.featureCount() == counts[layer.name()]
        assert "code_cs" in layer.fields().names() or layer.name().startswith("Zone")
    # loading the folder again (archive and its kept copy side by side) reads the delivery once
    project.clear()
    results = processing.run("ocsge:load", {"INPUT": str(archive.parent)})
    assert len(results["LAYERS"]) == 2
    assert keeping.copy_of(next(kept.rglob("OCCUPATION_SOL.gpkg"))) == kept.name
    project.clear()


def test_an_archive_downloaded_into_the_cache_is_kept_in_the_data_folder(provider, ocsge, tmp_path):
    import processing

    settings, keeping = ocsge.ocsge_plugin.core.settings, ocsge.ocsge_plugin.storage.keeping
    downloads = settings.cache_dir() / "downloads-test"
    archive = pack_7z(hand_delivery(downloads / "x"))
    results = processing.run("ocsge:load", {"INPUT": str(archive)})
    source = Path(results["OCCUPATION"])
    vrt = source.read_text(encoding="utf-8")
    data = keeping.data_dir().resolve()
    assert data in source.resolve().parents and str(data) in vrt
    shutil.rmtree(downloads)
