"""In the GUI, ocsge:load adds its layers to the project, styled and grouped by millésime."""

from __future__ import annotations

from builders import hand_delivery, pack_7z
from qgis.core import QgsCategorizedSymbolRenderer, QgsProject


def test_layers_are_added_styled_and_grouped(provider, tmp_path):
    import processing

    project = QgsProject.instance()
    project.clear()
    archive = pack_7z(hand_delivery(tmp_path))
    processing.runAndLoadResults("ocsge:load", {"INPUT": str(archive)})
    layers = list(project.mapLayers().values())
    assert sorted(layer.name() for layer in layers) == ["Occupation du sol D32 2019", "Zone construite D32 2019"]
    occupation = next(layer for layer in layers if layer.name().startswith("Occupation"))
    renderer = occupation.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() == "code_cs"
    built = next(c for c in renderer.categories() if c.value() == "CS1.1.1.1")
    assert built.symbol().color().name() == "#ff377a"  # official colour of CS1.1.1.1
    assert built.label() == "CS1.1.1.1 Zones bâties"
    assert len([c for c in renderer.categories() if c.value()]) == 14
    group = project.layerTreeRoot().findGroup("OCS GE D32 2019")
    assert group is not None
    assert sorted(node.layer().name() for node in group.findLayers()) == sorted(layer.name() for layer in layers)
    project.clear()
