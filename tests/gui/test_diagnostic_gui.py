"""In QGIS (processing.runAndLoadResults, as the dialog does), ocsge:diagnostic puts its results
on the map: one group named after the territory and the millésimes, choropleths of the communes
and EPCI, French aliases with units, two decimals shown while the files keep every decimal."""

from __future__ import annotations

import csv

import pytest
from builders import run_group
from qgis.core import QgsGraduatedSymbolRenderer, QgsProject
from support import DATA


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    import sample_generator

    out = tmp_path_factory.mktemp("sample90g")
    manifest = sample_generator.generate(
        "90", 3000, seed=11, out=out, archive=False, flavour="gpkg"
    )
    return out, manifest


def test_run_and_load_results_adds_the_styled_group(provider, sample, tmp_path):
    import processing

    folder, manifest = sample
    project = QgsProject.instance()
    project.clear()
    params = {
        "INPUT": str(folder),
        "COMMUNES": str(DATA / "communes-90-territoire-de-belfort.geojson"),
        "CODE_FIELD": "code",
        "NAME_FIELD": "nom",
        "MEMBERSHIP": str(DATA / "appartenance-communes-90.csv"),
        "OUTPUT_FOLDER": str(tmp_path / "out"),
    }
    processing.runAndLoadResults("ocsge:diagnostic", params)
    y1, y2 = manifest["millesimes"]
    group = run_group(project, f"Diagnostic OCS GE – Territoire de Belfort {y1}-{y2}")
    assert group is not None, [g.name() for g in project.layerTreeRoot().children()]
    nodes = group.findLayers()
    names = [node.layer().name() for node in nodes]
    print(names)
    share = nodes[0].layer()
    assert names[:4] == [
        f"Share artificialised {y2} (%) – communes, IGN",
        f"Net artificialisation {y1}-{y2} (m² per ha) – communes, IGN",
        f"Share artificialised {y2} (%) – EPCI, IGN",
        f"Net artificialisation {y1}-{y2} (m² per ha) – EPCI, IGN",
    ]
    assert [node.itemVisibilityChecked() for node in nodes[:4]] == [True, False, False, False]
    assert (
        len(nodes) == 4 + 2 * 2 + 2 + 1
    )  # imper communes/EPCI, artif+imper départements/régions, coverage
    renderer = share.renderer()
    assert (
        isinstance(renderer, QgsGraduatedSymbolRenderer)
        and renderer.classAttribute() == "pourcent_artif"
    )
    fields = share.fields()
    assert fields.field("surface_artif").alias() == "Artificialised surface (ha)"
    assert share.editorWidgetSetup(fields.indexOf("surface_artif")).config()["Precision"] == 2
    flows = nodes[1].layer()
    renderer = flows.renderer()
    assert (
        isinstance(renderer, QgsGraduatedSymbolRenderer)
        and renderer.classAttribute() == "flux_artif_net_par_ha"
    )
    assert (
        renderer.ranges()[0].upperValue() < 0 < renderer.ranges()[-1].lowerValue()
    )  # diverging around 0
    # the net flow per hectare, from the file's own columns, for every commune
    with (tmp_path / "out" / "artif_commune.csv").open(encoding="utf-8") as handle:
        published = {row["commune_code"]: row for row in csv.DictReader(handle)}
    assert flows.featureCount() == len(published)
    for feature in flows.getFeatures():
        row = published[feature["commune_code"]]
        assert feature["flux_artif_net_par_ha"] == pytest.approx(
            1e4 * float(row["flux_artif_net"]) / float(row["commune_surface"])
        )
    # the files keep their full precision; QGIS shows two decimals
    value = next(
        float(row["surface_artif"])
        for row in published.values()
        if float(row["surface_artif"]) * 100 % 1 > 0.01
    )
    feature = next(f for f in share.getFeatures() if abs(f["surface_artif"] - value) < 1e-9)
    index = fields.indexOf("surface_artif")
    from qgis.core import QgsApplication

    formatter = QgsApplication.fieldFormatterRegistry().fieldFormatter("Range")
    shown = formatter.representValue(
        share, index, share.editorWidgetSetup(index).config(), None, feature["surface_artif"]
    )
    assert shown == f"{value:.2f}"
    tables = [node.layer() for node in nodes[4:]]
    imper = next(layer for layer in tables if layer.fields().indexOf("surface_imper") >= 0)
    assert imper.fields().field("surface_imper").alias() == "Impermeable surface (ha)"
    assert (
        imper.renderer().classAttribute() == "pourcent_imper"
    )  # the other levels are choropleths too
    project.clear()


def test_the_example_model_adds_the_group_too(provider, sample, tmp_path):
    import processing

    folder, manifest = sample
    project = QgsProject.instance()
    project.clear()
    processing.runAndLoadResults(
        "ocsge:diagnostic_ocsge_modele",
        {
            "DELIVERY": str(folder),
            "COMMUNES": str(DATA / "communes-90-territoire-de-belfort.geojson"),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "MEMBERSHIP": str(DATA / "appartenance-communes-90.csv"),
            "METHOD": 0,
            "export:OUTPUT_FOLDER": str(tmp_path / "model"),
        },
    )
    print(
        [(n.name(), [c.name() for c in n.children()]) for n in project.layerTreeRoot().children()]
    )
    y1, y2 = manifest["millesimes"]
    group = run_group(project, f"Diagnostic OCS GE – Territoire de Belfort {y1}-{y2}")
    assert group is not None
    share = group.findLayers()[0].layer()
    assert share.name() == f"Share artificialised {y2} (%) – communes"
    assert isinstance(share.renderer(), QgsGraduatedSymbolRenderer)
    project.clear()


def test_aliases_in_french(ocsge):
    from ocsge.ocsge_plugin.core import i18n
    from ocsge.ocsge_plugin.publishing import styles

    assert i18n.install_translator("fr")
    try:
        aliases = styles.published_aliases("artif", "ha")
        assert aliases["surface_artif"] == "Surface artificialisée (ha)"
        assert aliases["flux_artif_net"] == "Artificialisation nette (ha)"
        assert (
            styles.published_aliases("imper", "m2")["surface_imper"]
            == "Surface imperméabilisée (m²)"
        )
    finally:
        i18n.remove_translator()


def test_several_pairs_of_millesimes_show_the_last_one(ocsge, tmp_path):
    """Three millésimes give two rows per territory: the map shows each territory's last pair."""
    from builders import square, write_layer
    from qgis.core import QgsVectorLayer

    from ocsge.processing_provider.results import _PublishedLayer

    path = write_layer(
        tmp_path / "artif_commune.gpkg",
        "artif_commune",
        ["commune_code", "millesime_debut", "millesime_fin"],
        [
            (square(0, 0, 10), ["A", "2015", "2018"]),
            (square(0, 0, 10), ["A", "2018", "2021"]),
            (square(20, 0, 10), ["B", "2016", "2019"]),
        ],
    )
    layer = QgsVectorLayer(f"{path}|layername=artif_commune", "t", "ogr")
    _PublishedLayer("g", 0, "artif", "commune", "ha", "t", None)._prepare(
        layer, "Part artificialisée"
    )
    assert layer.isValid() and layer.name() == "Part artificialisée"
    assert sorted((f["commune_code"], f["millesime_fin"]) for f in layer.getFeatures()) == [
        ("A", "2021"),
        ("B", "2019"),
    ]
