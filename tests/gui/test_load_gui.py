"""In the GUI, ocsge:load adds its layers to the project, styled and grouped by millésime."""

from __future__ import annotations

from builders import hand_delivery, pack_7z, run_group
from qgis.core import QgsCategorizedSymbolRenderer, QgsProject


def test_layers_are_added_styled_and_grouped(provider, tmp_path):
    import processing

    project = QgsProject.instance()
    project.clear()
    archive = pack_7z(hand_delivery(tmp_path))
    processing.runAndLoadResults("ocsge:load", {"INPUT": str(archive)})
    layers = list(project.mapLayers().values())
    assert sorted(layer.name() for layer in layers) == [
        "Occupation du sol D32 2019",
        "Zone construite D32 2019",
    ]
    occupation = next(layer for layer in layers if layer.name().startswith("Occupation"))
    renderer = occupation.renderer()
    assert (
        isinstance(renderer, QgsCategorizedSymbolRenderer)
        and renderer.classAttribute() == "code_cs"
    )
    built = next(c for c in renderer.categories() if c.value() == "CS1.1.1.1")
    assert built.symbol().color().name() == "#ff377a"  # official colour of CS1.1.1.1
    assert built.label() == "CS1.1.1.1 Zones bâties"
    assert len([c for c in renderer.categories() if c.value()]) == 14
    group = run_group(project, "OCS GE D32 2019")
    assert group is not None
    assert sorted(node.layer().name() for node in group.findLayers()) == sorted(
        layer.name() for layer in layers
    )
    project.clear()


def test_every_kind_of_a_delivery_is_styled_and_says_what_it_shows(provider, tmp_path):
    """IGN's artificialisation difference (zan_evol) styled artificialisation /
    désartificialisation; a DIFF layer's name says it is coloured by the end couverture; US2 and
    US235 in distinct colours."""
    import processing
    import sample_generator

    from ocsge.ocsge_plugin.publishing.styles import usage_renderer

    manifest = sample_generator.generate(
        "90",
        600,
        seed=3,
        out=tmp_path / "s",
        archive=False,
        flavour="gpkg",
        with_commune_truth=False,
    )
    y1, y2 = manifest["millesimes"]
    project = QgsProject.instance()
    project.clear()
    processing.runAndLoadResults("ocsge:load", {"INPUT": str(tmp_path / "s")})
    by_name = {layer.name(): layer for layer in project.mapLayers().values()}
    evolution = by_name[f"Évolution de l'artificialisation D90 {y1}-{y2}"]
    renderer = evolution.renderer()
    assert (
        isinstance(renderer, QgsCategorizedSymbolRenderer)
        and renderer.classAttribute() == "artificialisation"
    )
    assert {str(c.value()): c.label() for c in renderer.categories()} == {
        "1": "Artificialisation",
        "-1": "Désartificialisation",
    }
    values = {str(f["artificialisation"]) for f in evolution.getFeatures()}
    assert values == {"1", "-1"}  # every piece falls in a class
    assert f"Différence D90 {y1}-{y2} – colours: couverture in {y2}" in by_name
    colours = {c.value(): c.symbol().color().name() for c in usage_renderer().categories()}
    assert colours["US2"] != colours["US235"]
    project.clear()


def test_output_names_carry_the_millesime_and_the_method(provider, tmp_path):
    import processing

    project = QgsProject.instance()
    project.clear()
    loaded = processing.run("ocsge:load", {"INPUT": str(hand_delivery(tmp_path))})
    processing.runAndLoadResults(
        "ocsge:classify",
        {
            "INPUT": loaded["OCCUPATION"],
            "METHOD": 3,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    names = sorted(layer.name() for layer in project.mapLayers().values())
    assert len(names) == 2 and all(name.endswith(" – 2019, Matrice + seuils") for name in names), (
        names
    )
    project.clear()
