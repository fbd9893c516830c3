"""ocsge:portrait with Cerema's consumption file (issue 26, point 5): the pages « Consommation
d'espaces NAF » and « Trajectoire ZAN 2021–2031 » print the figures ocsge:consommation writes,
and the model « rapport triennal » orders the pages as article R. 2231-1 of the CGCT lists the
indicators; an empty comment box under each chart in both models. The PDF read back with
pdftotext, page by page."""

from __future__ import annotations

import subprocess
import sys

import pytest
from builders import BELFORT_DATA, belfort_params, read_csv
from qgis.core import QgsProcessingException

GRAND_BELFORT = "200069052"  # CA Grand Belfort: the sample's largest EPCI


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    import sample_generator

    out = tmp_path_factory.mktemp("sample90c")
    sample_generator.generate("90", 1500, seed=11, out=out, archive=False, flavour="gpkg")
    return out


@pytest.fixture(scope="module")
def consumption(tmp_path_factory):
    """The sample consumption file (scripts/sample_consumption.py: Cerema's shape, years
    2009–2023)."""
    from support import ROOT

    out = tmp_path_factory.mktemp("conso")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "sample_consumption.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return out / "consommation-cerema-90-974.csv"


def pages(path) -> list[str]:
    """The text of each page of the PDF (pdftotext -layout, one call per page)."""
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    count = int(next(x.split()[-1] for x in info.stdout.splitlines() if x.startswith("Pages:")))
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.replace("\u00a0", " ")
        .replace("\u202f", " ")
        for n in range(1, count + 1)
    ]


def printed(text: str) -> str:
    return text.replace("\u00a0", " ")


def heading(page: str) -> str:
    """The page's title: its first line of text."""
    return next((x.strip() for x in page.splitlines() if x.strip()), "")


def value_on_line(page: str, label: str) -> str:
    """What the line of ``label`` says after it (the table's second column)."""
    line = next(x for x in page.splitlines() if label in x)
    return line.split(label, 1)[1].strip()


def test_the_trajectory_page_prints_trajectoires_epci(run, provider, sample, consumption, tmp_path):
    from ocsge.ocsge_plugin.report.numbers import hectares, percent

    output = tmp_path / "grand_belfort.pdf"
    results, _ = run(
        "ocsge:portrait",
        belfort_params(
            sample,
            "OUTPUT",
            output,
            LEVEL=1,
            TERRITORIES=GRAND_BELFORT,
            CONSOMMATION=str(consumption),
        ),
    )
    run(
        "ocsge:consommation",
        {
            "CONSOMMATION": str(consumption),
            "MEMBERSHIP": str(BELFORT_DATA / "appartenance-communes-90.csv"),
            "LEVELS": [1],
            "OUTPUT_FOLDER": str(tmp_path / "conso"),
        },
    )
    row = next(
        r
        for r in read_csv(tmp_path / "conso" / "trajectoires_epci.csv")
        if r["epci_code"] == GRAND_BELFORT
    )
    text = pages(output)
    assert len(text) == results["PAGES"]
    trajectory = next(p for p in text if "Trajectoire ZAN 2021–2031" in p)
    for label, expected in (
        (
            "Enveloppe 2021–2030 (consommation autorisée)",
            hectares(float(row["conso_autorisee_2021_2030"])),
        ),
        ("Consommation depuis 2021 (2021–2023)", hectares(float(row["conso_depuis_2021"]))),
        ("Part de l'enveloppe utilisée", percent(float(row["pourcentage_utilisation_actuelle"]))),
        ("Consommation de référence 2011–2020", hectares(float(row["conso_2011_2020"]))),
        ("Consommation projetée fin 2030", hectares(float(row["conso_projetee_2030"]))),
    ):
        assert value_on_line(trajectory, label) == printed(expected), label
    # the chart says the envelope too, as text
    envelope = printed(hectares(float(row["conso_autorisee_2021_2030"])))
    assert f"Enveloppe 2021–2030 : {envelope}" in trajectory
    # indicator 1°: hectares per year and destination, total 2011–2020, % of the area, per new
    # inhabitant, beside the département
    naf = next(p for p in text if "Consommation d'espaces NAF par an et par destination" in p)
    assert value_on_line(naf, "Consommation 2011–2020 (période de référence)") == printed(
        hectares(float(row["conso_2011_2020"]))
    )
    assert "en % de la surface du territoire" in naf and "Habitat" in naf
    assert "Consommation par nouvel habitant (2015–2021)" in naf
    assert "Département Territoire de Belfort" in naf and "EPCI CA Grand Belfort" in naf
    # the portrait's order: the consumption pages after the ranking, before the commune table
    titles = [p for p in text if "Classement des communes" in p or "Les communes" in p]
    assert text.index(naf) > text.index(titles[0]) and text.index(trajectory) < text.index(
        titles[-1]
    )
    # an empty comment box under each of the 9 charts, the consumption pages' included
    assert text[text.index(naf)].count("Commentaire :") == 1
    assert text[text.index(trajectory)].count("Commentaire :") == 1
    assert sum(page.count("Commentaire :") for page in text) == 9


def test_without_the_file_no_consumption_page(run, provider, sample, tmp_path):
    output = tmp_path / "sans.pdf"
    run(
        "ocsge:portrait",
        belfort_params(sample, "OUTPUT", output, LEVEL=1, TERRITORIES=GRAND_BELFORT),
    )
    text = "".join(pages(output))
    assert "Trajectoire ZAN" not in text and "Consommation d'espaces NAF" not in text


def test_rapport_triennal_orders_the_pages_as_r_2231_1(
    run, provider, sample, consumption, tmp_path
):
    output = tmp_path / "rapport.pdf"
    run(
        "ocsge:portrait",
        belfort_params(
            sample,
            "OUTPUT",
            output,
            LEVEL=1,
            TERRITORIES=GRAND_BELFORT,
            CONSOMMATION=str(consumption),
            MODELE=1,
        ),
    )
    text = pages(output)
    order = [
        "PORTRAIT DE TERRITOIRE",
        "Cadre légal et périodes",
        "1° Consommation d'espaces NAF",
        "2° et 3° Artificialisation nette et imperméabilisation",
        "2° et 3° Stocks et flux (OCS GE)",
        "4° Trajectoire ZAN 2021–2031",
        "Carte",
        "Occupation du sol",
        "Changements d'occupation du sol",
        "Classement des communes",
        "Les communes",
    ]
    heads = [heading(p) for p in text]
    found = [next((i for i, h in enumerate(heads) if title in h), None) for title in order]
    assert found == sorted(found) and None not in found, found
    assert found[:6] == [0, 1, 2, 3, 4, 5]
    assert "Note de méthode" in text[-1]
    cover, frame = text[0], text[1]
    assert "Rapport relatif à l'artificialisation des sols (art. R. 2231-1 du CGCT)" in cover
    assert "1° La consommation des espaces naturels, agricoles et forestiers, exprimée" in frame
    assert "2021 à 2023" in frame and "2011 à 2020" in frame
    # an empty comment box under each chart: as many « Commentaire : » as charts on the page
    charts = {2: 1, 4: 2, 5: 1, found[7]: 2, found[8]: 2, found[9]: 1}
    for index, count in charts.items():
        assert text[index].count("Commentaire :") == count, (index, text[index][:200])
    assert sum(p.count("Commentaire :") for p in text) == sum(charts.values())


def test_rapport_triennal_needs_the_consumption_file(run, provider, sample, tmp_path):
    with pytest.raises(QgsProcessingException, match="consumption file|consommation"):
        run(
            "ocsge:portrait",
            belfort_params(sample, "OUTPUT", tmp_path / "x.pdf", LEVEL=1, MODELE=1),
        )
    assert list(tmp_path.iterdir()) == []
