"""ocsge:portrait on the sample deliveries of Territoire de Belfort: the PDF read back with
poppler-utils (pdftotext, pdfinfo, pdffonts) against the tables ocsge:diagnostic writes and the
membership table."""

from __future__ import annotations

import json
import math
import re
import subprocess
from pathlib import Path

import pytest
from builders import belfort_params, read_csv, run_group
from qgis.core import QgsProcessingException, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtGui import QColor, QImage
from support import DATA, Recorder

# net artificialisation < 0 and a surface above 1 000 ha in the sample: sign and thousands shown
BELFORT = "90010"
ROWS_PER_PAGE = 46  # rows of the commune table on a page of the default template


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    import sample_generator

    out = tmp_path_factory.mktemp("sample90p")
    sample_generator.generate("90", 3000, seed=11, out=out, archive=False, flavour="gpkg")
    return out


def params(folder, output, **extra):
    return belfort_params(folder, "OUTPUT", output, **extra)


def pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    for ligature, letters in (
        ("\ufb03", "ffi"),
        ("\ufb04", "ffl"),
        ("\ufb00", "ff"),
        ("\ufb01", "fi"),
        ("\ufb02", "fl"),
    ):  # ligatures of the font
        text = text.replace(ligature, letters)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_fonts(path: Path) -> str:
    return subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout


def french(value: float, decimals: int = 1, sign: bool = False) -> str:
    """The printed form, written independently of the plugin: 1199.25 → « 1 199,3 », -4.6 → «
    −4,6 »."""
    text = f"{abs(value):,.{decimals}f}".replace(",", " ").replace(".", ",")
    if value < 0 and float(text.replace(" ", "").replace(",", ".")) != 0:
        return "\u2212" + text
    return ("+" + text) if sign and value > 0 else text


@pytest.fixture(scope="module")
def diagnostic(sample, tmp_path_factory):
    """The published commune table written by ocsge:diagnostic itself (hectares)."""
    import processing
    from qgis.core import QgsProcessingContext

    out = tmp_path_factory.mktemp("diag")
    context = QgsProcessingContext()
    base = params(sample, "unused")
    del base["OUTPUT"]
    return out, processing.run(
        "ocsge:diagnostic", dict(base, OUTPUT_FOLDER=str(out)), context=context, feedback=Recorder()
    )


def test_a_commune_shows_the_published_numbers(run, provider, sample, diagnostic, tmp_path):
    folder, _ = diagnostic
    row = next(r for r in read_csv(folder / "artif_commune.csv") if r["commune_code"] == BELFORT)
    output = tmp_path / "belfort.pdf"
    results, _ = run("ocsge:portrait", params(sample, output, LEVEL=0, TERRITORIES=BELFORT))
    text = pdf_text(output)
    surface, net = float(row["surface_artif"]), float(row["flux_artif_net"])
    assert net < 0 and surface > 1000  # the case chosen shows the sign and the thousands
    assert f"{french(surface)} ha" in text
    assert f"{french(net)} ha" in text  # « −4,6 ha »
    assert f"{french(float(row['pourcent_artif']))} %" in text
    assert "Belfort" in text and BELFORT in text and "2018" in text and "2021" in text
    # cover, key figures, map, charts (three pages), ranking, method note: no commune table for a
    # commune
    assert pdf_pages(output) == results["PAGES"] == 8
    assert "Les communes" not in text and "Note de méthode" in text
    assert (
        "Surface artificialisée en 2021 et flux 2018–2021 (couches de l'IGN)" in text
    )  # the sample has IGN's layers
    # the charts by class (read in the SVG kept beside the PDF, and in the PDF itself, where their
    # text is text), from the per-class tables: the origin of the new artificialisation sums to the
    # published flux_artif
    drawn = {
        name: (Path(results["FOLDER"]) / "graphiques" / f"commune_{BELFORT}_{name}.svg")
        .read_text(encoding="utf-8")
        .replace("\u00a0", " ")
        for name in ("couverture", "usage", "origine", "transitions")
    }
    if float(row["flux_artif"]) > 0:
        assert (
            "Origine des surfaces artificialisées entre 2018 et 2021 "
            f"({french(float(row['flux_artif']))} ha)" in drawn["origine"]
        )
    else:  # (the sample drawn by another numpy, in the chroots of other QGIS versions)
        assert "Aucune surface artificialisée entre les deux millésimes." in drawn["origine"]
    built = next(
        r
        for r in read_csv(folder / "couverture_commune.csv")
        if r["commune_code"] == BELFORT and r["millesime"] == "2021" and r["code_cs"] == "CS1.1.1.1"
    )
    assert (
        "Zones bâties (CS1.1.1.1)" in drawn["couverture"]
        and f">{french(float(built['surface']))}<" in drawn["couverture"]
    )
    assert 'fill="#ff377a"' in drawn["couverture"]  # IGN's colour of CS1.1.1.1
    assert (
        "2018 : clair" in drawn["couverture"] and "2021 : plein" in drawn["usage"]
    )  # the legend says light / full…
    assert 'fill="#c8102e"' not in drawn["couverture"]  # …in grey, not the red no bar has
    assert (
        "Indéterminé (INDETERMINE)" in drawn["usage"] and "Non renseigné" in drawn["usage"]
    )  # the sample's messy codes
    moved = max(
        (r for r in read_csv(folder / "transition_cs_commune.csv") if r["commune_code"] == BELFORT),
        key=lambda r: float(r["surface"]),
    )
    assert f">{french(float(moved['surface']))}<" in drawn["transitions"]
    cells = re.findall(r">([0-9 ,<\u2212-]+)</text>", drawn["transitions"].replace("&lt;", "<"))
    assert cells and all(re.fullmatch(r"(< )?[0-9 ]+,[0-9]", c) for c in cells), (
        cells
    )  # one precision: the tenth
    columns = re.findall(r"rotate\(-60[^>]*>([^<]+)<", drawn["transitions"])
    assert columns and all("(" in c or c == "Non renseigné" for c in columns), (
        columns
    )  # labelled, not bare codes
    # the charts' text is text in the PDF (Qt's SVG renderer would leave glyph outlines): titles,
    # labels, values
    assert (
        "Surfaces par couverture du sol en 2018 et 2021" in text
        and "Zones bâties (CS1.1.1.1)" in text
    )
    assert french(float(built["surface"])) in text and french(float(moved["surface"])) in text
    assert not output.with_name("belfort.pdf.partiel").exists()
    # no ligature in labels, tables and charts: the words are found as typed (pdf_text above undoes
    # them)
    raw = subprocess.run(
        ["pdftotext", str(output), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert not set(raw) & {"\ufb00", "\ufb01", "\ufb02", "\ufb03", "\ufb04"}
    assert (
        "Artificialisation nette" in raw
        and "Surfaces par couverture du sol" in raw
        and "Surface artificialisée" in raw
    )
    # an empty comment box under each chart, on every chart page: stocks and flows, land cover
    # and use, origin and transitions, ranking (the portrait's model)
    by_page = pdf_text(output).split("\f")
    assert [page.count("Commentaire :") for page in by_page[:8]] == [0, 0, 0, 2, 2, 2, 1, 0]
    # every page numbered in its footer, in print order (the excluded commune-table page not
    # counted)
    assert [
        line.rsplit("— page ", 1)[1].strip() for line in raw.splitlines() if "— page " in line
    ] == [str(n) for n in range(1, 9)]


def test_every_epci_with_its_communes(run, provider, sample, tmp_path):
    layer = json.loads(
        (DATA / "communes-90-territoire-de-belfort.geojson").read_text(encoding="utf-8")
    )
    names = {
        f["properties"]["code"]: f["properties"]["nom"] for f in layer["features"]
    }  # as the commune layer names them
    epcis: dict[str, list[str]] = {}
    for row in read_csv(DATA / "appartenance-communes-90.csv"):
        if row["epci_code"]:
            epcis.setdefault(row["epci_nom"], []).append(names[row["commune_code"]])
    output = tmp_path / "epci.pdf"
    feedback = Recorder()
    feedback.values = []
    feedback.progressChanged.connect(feedback.values.append)
    mine = QgsVectorLayer(
        str(DATA / "communes-90-territoire-de-belfort.geojson"), "Mes communes", "ogr"
    )
    QgsProject.instance().addMapLayer(mine)
    style = mine.renderer().dump()
    results, feedback = run("ocsge:portrait", params(sample, output, COMMUNES=mine.id()), feedback)
    expected = sum(8 + math.ceil(len(names) / ROWS_PER_PAGE) for names in epcis.values())
    assert pdf_pages(output) == results["PAGES"] == expected
    text = pdf_text(output)
    for name, communes in epcis.items():
        assert "Les communes" in text and name in text
        assert [c for c in communes if c not in text] == [], name
    assert sum("Section" in info for info in feedback.infos) == len(
        epcis
    )  # progress told per territory
    assert feedback.values == sorted(feedback.values) and feedback.values[-1] >= 99
    # the kept files beside the PDF: the published tables, the charts, the atlas layer
    kept = Path(results["FOLDER"])
    assert (kept / "tables" / "artif_epci.csv").exists() and (kept / "territoires.gpkg").exists()
    assert len(list((kept / "graphiques").glob("*.svg"))) == 7 * len(epcis)
    # the layout stays in the project, an atlas over the territories
    layout = QgsProject.instance().layoutManager().layoutByName("Portrait de territoire – epci")
    assert (
        layout is not None
        and layout.atlas().enabled()
        and layout.atlas().coverageLayer().featureCount() == len(epcis)
    )
    group = run_group(QgsProject.instance(), "Portrait de territoire – epci")
    # the sample holds IGN's artificialisation layers: the map shows them, as IGN ships them
    assert [layer.name() for layer in group.findLayers()] == [
        "Territoire du portrait",
        "Flux 2018–2021",
        "Surface artificialisée 2021",
        "Communes",
        "Tableaux du portrait",
    ]
    assert (
        mine.name() == "Mes communes" and mine.renderer().dump() == style
    )  # the user's layer untouched (a copy is the background)


def where(item):
    """An item's place in the layout (mm), its frame's stroke left out."""
    from qgis.PyQt.QtCore import QRectF

    return QRectF(item.pos().x(), item.pos().y(), item.rect().width(), item.rect().height())


@pytest.mark.parametrize("model", ["portrait", "rapport_triennal"])
def test_a_comment_box_under_every_chart(model):
    """Every chart of every model (its shipped template, and the layout the code builds) has under
    it, on its page, the heading « Commentaire : » and an empty framed text box the planner
    writes into in the layout designer; both inside the page, above the footer, over no other
    item."""
    from qgis.core import QgsLayoutItemLabel, QgsLayoutItemPage, QgsLayoutItemPicture

    from ocsge.ocsge_plugin.report import layout as layouts
    from ocsge.ocsge_plugin.report.default_template import default_layout

    project = QgsProject()
    for layout in (
        layouts.load_template(project, layouts.TEMPLATES[model]),
        default_layout(project, model),
    ):
        charts = [
            item
            for item in layout.items()
            if isinstance(item, QgsLayoutItemPicture) and item.id().startswith("graphique")
        ]
        assert len(charts) == 9  # stocks, flows, cover, use, origin, transitions, ranking, 1°, 4°
        for chart in charts:
            heading = layout.itemById(f"commentaire_titre_{chart.id()}")
            box = layout.itemById(f"commentaire_{chart.id()}")
            assert isinstance(box, QgsLayoutItemLabel) and isinstance(heading, QgsLayoutItemLabel)
            assert heading.text() == "Commentaire :"
            assert box.text() == "" and box.frameEnabled(), chart.id()
            assert heading.page() == box.page() == chart.page()
            page = layout.pageCollection().page(chart.page()).sceneBoundingRect()
            rects = [where(item) for item in (chart, heading, box)]
            assert rects[0].bottom() <= rects[1].top() and rects[1].bottom() <= rects[2].top()
            assert rects[2].bottom() <= page.bottom() - 12, chart.id()  # above the footer
            assert page.left() + 15 <= rects[2].left() and rects[2].right() <= page.right() - 15
            others = [
                item
                for item in layout.items()
                if hasattr(item, "page")
                and item not in (box, heading)
                and not isinstance(item, QgsLayoutItemPage)
                and item.page() == box.page()
                and where(item).intersected(rects[2]).height() > 0.1
                and where(item).intersected(rects[2]).width() > 0.1
            ]
            assert others == [], (chart.id(), [item.id() for item in others])


def test_a_user_template_changes_the_title_font(run, provider, sample, tmp_path):
    from qgis.core import QgsProject, QgsReadWriteContext
    from qgis.PyQt.QtGui import QFont

    from ocsge.ocsge_plugin.report import layout as layouts

    project = QgsProject()
    template = layouts.load_template(project, layouts.TEMPLATE)
    title = template.itemById("titre")
    font = QFont("DejaVu Serif")
    font.setPointSizeF(28)
    title.setFont(font)
    path = tmp_path / "mon_modele.qpt"
    assert template.saveAsTemplate(str(path), QgsReadWriteContext())
    default, custom = tmp_path / "defaut.pdf", tmp_path / "modele.pdf"
    run("ocsge:portrait", params(sample, default, LEVEL=0, TERRITORIES=BELFORT, METHOD=3))
    run("ocsge:portrait", params(sample, custom, LEVEL=0, TERRITORIES=BELFORT, TEMPLATE=str(path)))
    # the matrix + thresholds: IGN's layers are not this method's, the map shows the communes' share
    assert "Part artificialisée des communes en 2021" in pdf_text(default)
    assert "Serif" not in pdf_fonts(default)
    assert "DejaVuSerif" in pdf_fonts(custom)
    assert pdf_pages(custom) == pdf_pages(default) == 8


def test_a_template_that_is_not_one(run, provider, sample, tmp_path):
    bad = tmp_path / "pas_un_modele.qpt"
    bad.write_text("pas du XML", encoding="utf-8")
    output = tmp_path / "x.pdf"
    with pytest.raises(QgsProcessingException, match="cannot be read|ne peut être lu"):
        run(
            "ocsge:portrait",
            params(sample, output, LEVEL=0, TERRITORIES=BELFORT, TEMPLATE=str(bad)),
        )
    assert list(tmp_path.iterdir()) == [bad]


def test_unknown_codes_are_named(run, provider, sample, tmp_path):
    with pytest.raises(QgsProcessingException, match="99999"):
        run("ocsge:portrait", params(sample, tmp_path / "x.pdf", LEVEL=0, TERRITORIES="99999"))
    assert list(tmp_path.iterdir()) == []


def test_cancel_midway_leaves_no_file(run, provider, sample, tmp_path):
    output = tmp_path / "annule.pdf"
    feedback = Recorder()

    def changed(value):
        if value >= 80:  # while the pages are written
            feedback.cancel()

    feedback.progressChanged.connect(changed)
    with pytest.raises(QgsProcessingException):
        run("ocsge:portrait", params(sample, output, LEVEL=0), feedback)
    assert feedback.isCanceled()
    assert list(tmp_path.iterdir()) == []  # no PDF, no partial file, no folder of tables


def test_french_numbers():
    from ocsge.ocsge_plugin.report.numbers import hectares, number, percent, signed_hectares

    assert hectares(1234.5) == "1\u00a0234,5\u00a0ha"
    assert number(1234567.891, 2) == "1\u00a0234\u00a0567,89"
    assert percent(12.345) == "12,3\u00a0%"
    assert signed_hectares(4.6) == "+4,6\u00a0ha" and signed_hectares(-4.6) == "\u22124,6\u00a0ha"
    assert number(-0.04) == "0,0" and signed_hectares(0.0) == "0,0\u00a0ha"
    assert number(None) == number(float("nan")) == "–"  # unknown, never 0


def test_only_the_territories_of_the_selected_communes(run, provider, sample, tmp_path):
    mine = QgsVectorLayer(
        str(DATA / "communes-90-territoire-de-belfort.geojson"), "Ma sélection", "ogr"
    )
    QgsProject.instance().addMapLayer(mine)
    members = {row["commune_code"]: row for row in read_csv(DATA / "appartenance-communes-90.csv")}
    picked = (
        "90010",
        "90001",
        "90033",
    )  # Belfort and Andelnans (CA Grand Belfort), Delle (CC du Sud Territoire)
    mine.selectByExpression(f'"code" IN ({", ".join(repr(c) for c in picked)})')
    assert mine.selectedFeatureCount() == 3
    output = tmp_path / "selection.pdf"
    results, feedback = run(
        "ocsge:portrait", params(sample, output, COMMUNES=mine.id(), LEVEL=0, SELECTED=True)
    )
    assert pdf_pages(output) == results["PAGES"] == 3 * 8  # three communes, eight pages each
    assert sorted(info.split(": ", 1)[1] for info in feedback.infos if "Section" in info) == [
        "Andelnans",
        "Belfort",
        "Delle",
    ]
    # the level EPCI: the two EPCI holding them, each with all its communes
    output = tmp_path / "selection_epci.pdf"
    results, feedback = run(
        "ocsge:portrait", params(sample, output, COMMUNES=mine.id(), LEVEL=1, SELECTED=True)
    )
    epcis = {members[c]["epci_nom"] for c in picked}
    sizes = {name: sum(1 for row in members.values() if row["epci_nom"] == name) for name in epcis}
    assert sorted(info.split(": ", 1)[1] for info in feedback.infos if "Section" in info) == sorted(
        epcis
    )
    assert (
        pdf_pages(output)
        == results["PAGES"]
        == sum(8 + math.ceil(n / ROWS_PER_PAGE) for n in sizes.values())
    )
    # nothing selected: said before any work, no file
    mine.removeSelection()
    with pytest.raises(QgsProcessingException, match="selected|sélectionn"):
        run(
            "ocsge:portrait",
            params(sample, tmp_path / "rien.pdf", COMMUNES=mine.id(), LEVEL=0, SELECTED=True),
        )
    assert not (tmp_path / "rien.pdf").exists() and not (tmp_path / "rien_donnees").exists()
    QgsProject.instance().removeMapLayer(mine.id())


def _background_raster(path: Path, communes: QgsVectorLayer, colour: QColor) -> QgsRasterLayer:
    """A plain GeoTIFF of ``colour`` over the communes' extent (Lambert-93), written by GDAL
    through QGIS."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsRasterFileWriter,
        QgsRasterPipe,
    )

    crs = QgsCoordinateReferenceSystem("EPSG:2154")
    extent = QgsCoordinateTransform(
        communes.crs(), crs, QgsProject.instance()
    ).transformBoundingBox(communes.extent())
    image = QImage(200, 200, QImage.Format.Format_RGB32)
    image.fill(colour)
    png = path.with_suffix(".png")
    assert image.save(str(png))
    width, height = extent.width() / 200, extent.height() / 200
    png.with_suffix(".pgw").write_text(
        f"{width}\n0\n0\n{-height}\n"
        f"{extent.xMinimum() + width / 2}\n{extent.yMaximum() - height / 2}\n"
    )
    source = QgsRasterLayer(str(png), "png", "gdal")
    source.setCrs(crs)
    pipe = QgsRasterPipe()
    assert pipe.set(source.dataProvider().clone())
    writer = QgsRasterFileWriter(str(path))
    writer.setOutputFormat("GTiff")
    assert writer.writeRaster(pipe, 200, 200, source.extent(), crs) == 0
    layer = QgsRasterLayer(str(path), "Orthophoto de test", "gdal")
    assert layer.isValid() and layer.crs().authid() == "EPSG:2154"
    return layer


def _pixels_like(pdf: Path, page: int, colour: QColor) -> int:
    """How many pixels of ``page`` (rendered by pdftoppm at 40 dpi) have about ``colour``."""
    stem = pdf.with_name(f"{pdf.stem}-page")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    image = QImage(str(stem) + ".png")
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red())
                + abs(pixel.green() - colour.green())
                + abs(pixel.blue() - colour.blue())
                < 30
            ):
                count += 1
    return count


def test_a_raster_background_under_the_map(run, provider, sample, tmp_path):
    communes = QgsVectorLayer(
        str(DATA / "communes-90-territoire-de-belfort.geojson"), "Communes", "ogr"
    )
    blue = QColor(20, 90, 230)  # a colour no layer of the map uses
    raster = _background_raster(tmp_path / "fond.tif", communes, blue)
    QgsProject.instance().addMapLayer(raster)
    plain, over = tmp_path / "sans_fond.pdf", tmp_path / "avec_fond.pdf"
    run("ocsge:portrait", params(sample, plain, LEVEL=0, TERRITORIES=BELFORT))
    run(
        "ocsge:portrait", params(sample, over, LEVEL=0, TERRITORIES=BELFORT, BACKGROUND=raster.id())
    )
    map_page = 3
    assert _pixels_like(plain, map_page, blue) == 0  # no background asked: none drawn
    # the map frame is 180 × 170 mm, about 280 × 270 pixels at 40 dpi: the raster shows around and
    # between the territory's artificialised patches (drawn over it), and only on the map page
    assert _pixels_like(over, map_page, blue) > 20000
    assert _pixels_like(over, 1, blue) == 0
    assert "fond de carte : Orthophoto de test" in pdf_text(
        over
    ) and "fond de carte" not in pdf_text(plain)
    assert pdf_pages(over) == pdf_pages(plain) == 8
    QgsProject.instance().removeMapLayer(raster.id())


def ink(path: Path, tmp_path: Path) -> list[int]:
    """Non-white pixels of each page of the PDF ``path``, rendered at 20 dpi."""
    stem = tmp_path / f"ink_{path.stem}"
    subprocess.run(["pdftoppm", "-png", "-r", "20", str(path), str(stem)], check=True)
    counts = []
    for page in sorted(tmp_path.glob(f"{stem.name}-*.png")):
        image = QImage(str(page))
        counts.append(
            sum(
                1
                for y in range(image.height())
                for x in range(image.width())
                if QColor(image.pixel(x, y)).lightness() < 240
            )
        )
    return counts


def test_the_saved_layout_exports_the_same_portrait(run, provider, sample, tmp_path):
    """The layout kept in the project, saved, reopened and exported from the designer
    (QgsLayoutExporter): its chart pictures point at the folder beside the PDF, not at the run's
    work folder (gone)."""
    from qgis.core import QgsLayoutExporter

    output = tmp_path / "belfort.pdf"
    results, _ = run("ocsge:portrait", params(sample, output, LEVEL=0, TERRITORIES=BELFORT))
    saved = tmp_path / "projet.qgz"
    assert QgsProject.instance().write(str(saved))
    project = QgsProject()
    assert project.read(str(saved))
    layout = project.layoutManager().layoutByName("Portrait de territoire – belfort")
    assert layout is not None
    layout.atlas().updateFeatures()
    charts = [
        item
        for item in layout.items()
        if item.__class__.__name__ == "QgsLayoutItemPicture"
        and item.id().startswith("graphique")
        and item.id() not in ("graphique_conso", "graphique_trajectoire")  # no consumption file
    ]
    layout.atlas().seekTo(0)
    paths = [item.evaluatedPath() for item in charts]
    # over each picture its chart item (the chart's text as text), grouped with it: moved together
    from ocsge.ocsge_plugin.report.chart_item import ChartItem

    for picture in charts:
        chart = layout.itemById(f"{picture.id()}_texte")
        assert isinstance(chart, ChartItem) and chart.path() == picture.evaluatedPath()
        assert where(chart) == where(picture) and chart.zValue() > picture.zValue()
        assert chart.parentGroup().id() == picture.parentGroup().id() == f"{picture.id()}_groupe"
    # the map keeps its frame on the atlas feature (the template's empty extent let it be reshaped):
    # above the scale bar and the legend
    carte, echelle, legende = (layout.itemById(name) for name in ("carte", "echelle", "legende"))
    assert (carte.rect().width(), carte.rect().height()) == (180.0, 170.0)
    assert carte.pos().y() + carte.rect().height() <= min(echelle.pos().y(), legende.pos().y())
    # IGN's flows drawn inside the territory only (atlas clipping, kept in the project)
    clipping = carte.atlasClippingSettings()
    assert (
        clipping.enabled()
        and clipping.restrictToLayers()
        and [layer.name() for layer in clipping.layersToClip()] == ["Flux 2018–2021"]
    )
    assert len(paths) == 7 and all(
        Path(p).is_file() and Path(p).parent == Path(results["FOLDER"]) / "graphiques"
        for p in paths
    ), paths
    again = tmp_path / "depuis_le_concepteur.pdf"
    from ocsge.ocsge_plugin.core import compat

    settings = (
        QgsLayoutExporter.PdfExportSettings()
    )  # as the designer's dialog fills them from the layout's setting
    assert layout.customProperty("pdfTextFormat") == int(compat.text_always_text())
    settings.textRenderFormat = compat.text_always_text()
    result, error = QgsLayoutExporter.exportToPdf(layout.atlas(), str(again), settings)
    assert result == QgsLayoutExporter.ExportResult.Success, error
    assert pdf_pages(again) == pdf_pages(output) == 8
    # the charts drawn on the same pages: each page carries about the ink of the run's (blank
    # charts: a fraction)
    ours, theirs = ink(output, tmp_path), ink(again, tmp_path)
    assert len(ours) == len(theirs) == 8
    assert all(abs(a - b) <= 0.25 * max(a, b) for a, b in zip(ours, theirs)), (ours, theirs)
    # the same words in both: labels, tables and the charts' text (chart items draw it as text
    # whoever exports them; a picture's SVG text would be glyph outlines in the designer's PDF)
    words = set(pdf_text(output).split())
    assert set(pdf_text(again).split()) == words
    runs = [
        run["text"].replace("\u00a0", " ").replace("\u202f", " ")
        for path in paths
        for run in json.loads(Path(f"{path}.json").read_text(encoding="utf-8"))["runs"]
    ]  # every text of the 7 charts, as charts.Svg wrote it
    assert len(runs) > 200 and "Communes classées par artificialisation nette (44 sur 52)" in runs
    in_designer = " ".join(pdf_text(again).split())
    assert [run for run in runs if " ".join(run.split()) not in in_designer] == []
    designer = subprocess.run(
        ["pdftotext", str(again), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert [
        line.rsplit("— page ", 1)[1].strip() for line in designer.splitlines() if "— page " in line
    ] == [str(n) for n in range(1, 9)]
    # no ligature in the designer's PDF either (the fonts' « no shaping » set again when the
    # layout is read, a letter spacing kept in the text formats): found as typed
    assert "artificialisation" in designer and "\ufb01" not in designer
    assert designer.count("artificialisation") >= 5, designer.count("artificialisation")


def test_the_saved_layout_without_the_plugin_still_prints_the_charts(
    run, provider, sample, tmp_path
):
    """Opened in a QGIS without the plugin, the saved project loses the chart items (QGIS drops an
    item type it does not know): the pictures under them, left out of exports only while a chart
    item is there, show and print the charts (their text as outlines then)."""
    import zipfile

    from qgis.core import QgsApplication, QgsLayoutExporter, QgsLayoutItemPicture

    from ocsge.ocsge_plugin.core import compat
    from ocsge.ocsge_plugin.report import chart_item

    output = tmp_path / "belfort.pdf"
    run("ocsge:portrait", params(sample, output, LEVEL=0, TERRITORIES=BELFORT))
    saved, elsewhere = tmp_path / "projet.qgz", tmp_path / "sans_extension.qgz"
    assert QgsProject.instance().write(str(saved))
    unknown = chart_item.TYPE + 5000  # a type no one registered: as QGIS without the plugin sees it
    assert QgsApplication.layoutItemRegistry().itemMetadata(unknown) is None
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(elsewhere, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name.endswith(".qgs"):
                text = data.decode("utf-8")
                assert f'type="{chart_item.TYPE}"' in text  # the charts
                data = text.replace(f'type="{chart_item.TYPE}"', f'type="{unknown}"').encode()
            target.writestr(name, data)
    project = QgsProject()
    assert project.read(str(elsewhere))
    layout = project.layoutManager().layoutByName("Portrait de territoire – belfort")
    before = QgsProject.instance().layoutManager().layoutByName(layout.name())
    assert len([i for i in before.items() if isinstance(i, chart_item.ChartItem)]) == 9
    assert not [item for item in layout.items() if isinstance(item, chart_item.ChartItem)]
    pictures = [
        item
        for item in layout.items()
        if isinstance(item, QgsLayoutItemPicture) and item.id().startswith("graphique")
    ]
    assert len(pictures) == 9
    again = tmp_path / "sans_extension.pdf"
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.textRenderFormat = compat.text_always_text()
    result, error = QgsLayoutExporter.exportToPdf(layout.atlas(), str(again), settings)
    assert result == QgsLayoutExporter.ExportResult.Success, error
    assert pdf_pages(again) == 8
    # the charts printed by their pictures: each page about the ink of the run's (pictures left
    # out: the chart pages a fraction of it)
    ours, theirs = ink(output, tmp_path), ink(again, tmp_path)
    assert all(abs(a - b) <= 0.25 * max(a, b) for a, b in zip(ours, theirs)), (ours, theirs)
    # drawn by Qt's SVG renderer: the charts' text is outlines, not text
    assert "Communes classées par artificialisation nette" not in pdf_text(again)
    assert "Communes classées par artificialisation nette" in pdf_text(output)
