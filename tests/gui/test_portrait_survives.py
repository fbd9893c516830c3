"""The project that keeps a portrait (its layout and the group « Portrait de territoire ») opens
again after the plugin's cache is emptied: IGN's « Flux » and « Surface artificialisée » layers
drawn on the map read the data kept beside the archives, not the extraction cache."""

from __future__ import annotations

import shutil
from pathlib import Path

from builders import belfort_params
from qgis.core import QgsProject


def test_a_saved_portrait_reopens_after_the_cache_is_emptied(provider, ocsge, tmp_path):
    import processing
    import sample_generator

    settings = ocsge.ocsge_plugin.core.settings
    sample = tmp_path / "livraisons"
    sample_generator.generate("90", 1500, seed=11, out=sample, archive=True, flavour="gpkg")
    assert list(sample.glob("*.7z"))  # IGN's archives, as downloaded
    project = QgsProject.instance()
    project.clear()
    results = processing.run(
        "ocsge:portrait",
        belfort_params(sample, "OUTPUT", tmp_path / "belfort.pdf", LEVEL=0, TERRITORIES="90010"),
        context=_context(project),
    )
    assert results["PAGES"] == 8
    layers = {layer.name(): layer for layer in project.mapLayers().values()}
    assert {"Flux 2018–2021", "Surface artificialisée 2021"} <= set(layers), sorted(layers)
    cache = settings.cache_dir().resolve()
    for layer in layers.values():
        assert cache not in Path(layer.source().split("|")[0]).resolve().parents, layer.source()
    counts = {name: layer.featureCount() for name, layer in layers.items()}
    path = tmp_path / "portrait.qgz"
    assert project.write(str(path))
    project.clear()
    shutil.rmtree(cache)  # « Vider le cache »
    assert project.read(str(path))
    again = {layer.name(): layer for layer in project.mapLayers().values()}
    assert sorted(again) == sorted(counts)
    for name, layer in again.items():
        assert layer.isValid(), layer.source()
        assert layer.featureCount() == counts[name], name
    assert project.layoutManager().layoutByName("Portrait de territoire – belfort") is not None
    project.clear()


def _context(project):
    from qgis.core import QgsProcessingContext

    context = QgsProcessingContext()
    context.setProject(project)
    return context
