"""The consumption core on the hand table of issue 26 (tests/consumption_hand.py): every column
of the trajectory tables, both conventions, written out; the reading of Cerema's quirks; the
table de passage."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from consumption_hand import NATIONAL, PLUGIN, write_hand_file, write_membership

NAN = float("nan")


@pytest.fixture
def core(ocsge):
    from ocsge.ocsge_plugin.computing import consumption, consumption_read

    return consumption, consumption_read


def _rows(table: pd.DataFrame) -> list[dict]:
    return [
        {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
        for row in table.to_dict("records")
    ]


def _same(actual: list[dict], expected: list[dict]) -> None:
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected):
        assert list(got) == list(want)
        for key, value in want.items():
            if isinstance(value, float):
                assert got[key] == pytest.approx(value, rel=1e-12), key
            else:
                assert got[key] == value, key


def _row(level, code, values, plugin):
    return dict(zip([f"{level}_code", *NATIONAL, *PLUGIN], [code, *values, *plugin]))


# The law, m², the user's territories (membership: 90001, 90002, 90004); 90004 has an area of
# 4,000,000 m².
LAW_COMMUNES = [
    _row(
        "commune",
        "90001",
        [14500.0, "oui", 10000.0, 1500.0, 500.0, 5000.0, "oui", 15.0, "oui", 50.0],
        ["Andelnans", 50.0, 2023, 3, 1, 0, None, None, None, "non", "m2", "loi"],
    ),
    _row(
        "commune",
        "90002",
        [250000.0, "non", 125000.0, 60000.0, 20000.0, 200000.0, "oui", 48.0, "non", 160.0],
        ["Angeot", 50.0, 2023, 3, 1, 0, None, None, "90002:2016", "oui", "m2", "loi"],
    ),
    _row(
        "commune",
        "90004",
        [None, "non", None, None, None, None, None, None, None, None],
        ["Argiésans", 50.0, 2023, 3, 1, 1, "90004", 100.0, None, "oui", "m2", "loi"],
    ),
]
# The EPCI: 264,500 m² over 2011–2020 (14,500 + 250,000, 90004 unknown), envelope 132,250 (no
# guarantee for a grouping), 61,500 since 2021 = 20,500 a year, 205,000 projected; 90004 is 4/9 of
# its area.
LAW_EPCI = [
    _row(
        "epci",
        "200069052",
        [
            264500.0,
            "non",
            132250.0,
            61500.0,
            20500.0,
            205000.0,
            "oui",
            46.502835538752365,
            "non",
            155.00945179584122,
        ],
        [
            "CA Grand Belfort",
            50.0,
            2023,
            3,
            3,
            1,
            "90004",
            44.44444444444444,
            "90002:2016",
            "oui",
            "m2",
            "loi",
        ],
    ),
]
NATIONAL_COMMUNES = [
    _row(
        "commune",
        "90001",
        [14500.0, "oui", 10000.0, 1500.0, 500.0, 4500.0, "oui", 15.0, "oui", 45.0],
        ["Andelnans", 50.0, 2023, 3, 1, 0, None, None, None, "non", "m2", "national"],
    ),
    _row(
        "commune",
        "90002",
        [250000.0, "non", 125000.0, 60000.0, 20000.0, 180000.0, "oui", 48.0, "non", 144.0],
        ["Angeot", 50.0, 2023, 3, 1, 0, None, None, "90002:2016", "oui", "m2", "national"],
    ),
    _row(
        "commune",
        "90004",
        [None, "non", None, None, None, None, None, None, None, None],
        ["Argiésans", 50.0, 2023, 3, 1, 1, "90004", 100.0, None, "oui", "m2", "national"],
    ),
]
NATIONAL_EPCI = [
    _row(
        "epci",
        "200069052",
        [
            264500.0,
            "non",
            132250.0,
            61500.0,
            20500.0,
            184500.0,
            "oui",
            46.502835538752365,
            "non",
            139.50850661625708,
        ],
        [
            "CA Grand Belfort",
            50.0,
            2023,
            3,
            3,
            1,
            "90004",
            44.44444444444444,
            "90002:2016",
            "oui",
            "m2",
            "national",
        ],
    ),
]
AREAS = {"90001": 2_000_000.0, "90002": 3_000_000.0, "90004": 4_000_000.0}


def _compute(core, tmp_path, **options):
    consumption, reading = core
    from ocsge.ocsge_plugin.computing.rollup import Membership

    cfile = reading.read_consumption(write_hand_file(tmp_path))
    membership = Membership.from_csv(write_membership(tmp_path))
    return consumption.compute(
        cfile,
        ("commune", "epci"),
        membership,
        AREAS,
        consumption.Options(**{"unit": "m2", **options}),
    )


def test_hand_table_the_law(core, tmp_path):
    result = _compute(core, tmp_path)
    _same(_rows(result.levels["commune"].trajectoires), LAW_COMMUNES)
    _same(_rows(result.levels["epci"].trajectoires), LAW_EPCI)
    assert result.absent == ["90004"] and result.not_in_territories == ["90003"]
    assert any("90003" in w and "none of the territories" in w for w in result.warnings)
    report = result.report()
    assert report["territoires_partiels"]["epci"]["200069052"] == {
        "communes": ["90004"],
        "part_surface": pytest.approx(44.44444444444444),
    }
    assert report["derniere_annee"] == 2023


def test_hand_table_the_national_convention(core, tmp_path):
    result = _compute(core, tmp_path, convention="national")
    _same(_rows(result.levels["commune"].trajectoires), NATIONAL_COMMUNES)
    _same(_rows(result.levels["epci"].trajectoires), NATIONAL_EPCI)


def test_guarantee_none_and_listed_and_hectares(core, tmp_path):
    consumption, _ = core
    none = (
        _compute(core, tmp_path, guarantee="aucune")
        .levels["commune"]
        .trajectoires.set_index("commune_code")
    )
    assert (
        none.at["90001", "conso_autorisee_2021_2030"] == 7250.0
        and none.at["90001", "conso_autorisee_augmentee_a_1ha_2021_2030"] == "non"
    )
    assert none.at["90001", "pourcentage_utilisation_projetee_en_2030"] == pytest.approx(
        5000.0 / 7250.0 * 100
    )
    listed = (
        _compute(core, tmp_path, guarantee="liste", guaranteed=frozenset({"90002"}))
        .levels["commune"]
        .trajectoires.set_index("commune_code")
    )
    assert listed.at["90001", "conso_autorisee_2021_2030"] == 7250.0  # not listed
    hectares = (
        _compute(core, tmp_path, unit="ha").levels["commune"].trajectoires.set_index("commune_code")
    )
    assert (
        hectares.at["90001", "conso_autorisee_2021_2030"] == 1.0
        and hectares.at["90002", "conso_2011_2020"] == 25.0
    )
    assert (
        hectares.at["90002", "pourcentage_utilisation_actuelle"] == 48.0
        and hectares.at["90002", "unite"] == "ha"
    )


def test_territorialisation_rates_are_inherited(core, tmp_path):
    rates = {"200069052": 0.6, "90002": 0.3}
    table = (
        _compute(core, tmp_path, rates=rates)
        .levels["commune"]
        .trajectoires.set_index("commune_code")
    )
    assert table.at["90002", "taux_reduction"] == pytest.approx(30.0) and table.at[
        "90002", "conso_autorisee_2021_2030"
    ] == pytest.approx(175000.0)
    assert table.at["90001", "taux_reduction"] == pytest.approx(60.0)  # its EPCI's
    assert table.at["90001", "conso_autorisee_2021_2030"] == 10000.0  # 5,800 raised to 1 ha


def test_consumption_table_of_the_epci(core, tmp_path):
    result = _compute(core, tmp_path)
    table = result.levels["epci"].consommation
    row = _rows(table)[0]
    years = {y: row[f"conso_{y}"] for y in range(2009, 2024)}
    assert years == {
        2009: 20900.0,
        2010: 25800.0,
        2011: 31000.0,
        2012: 41100.0,
        2013: 36200.0,
        2014: 26300.0,
        2015: 21400.0,
        2016: 1500.0,
        2017: 16600.0,
        2018: 11700.0,
        2019: 31800.0,
        2020: 46900.0,
        2021: 20500.0,
        2022: 10700.0,
        2023: 30300.0,
    }
    destinations = ("activite", "habitat", "mixte", "route", "ferre", "inconnu")
    assert list(table.columns) == (
        ["epci_code", "nom", "surface"]
        + [
            c
            for y in range(2009, 2024)
            for c in (f"conso_{y}", *(f"conso_{y}_{d}" for d in destinations))
        ]
        + [
            "conso_2011_2020",
            "conso_depuis_2021",
            "conso_2009_2023",
            "pop_2015",
            "pop_2021",
            "conso_m2_par_nouvel_habitant_2015_2021",
            "men_2015",
            "men_2021",
            "conso_m2_par_nouveau_menage_2015_2021",
            "communes",
            "communes_manquantes",
            "codes_manquants",
            "valeurs_vides",
            "partiel",
            "unite",
        ]
    )
    # every destination of every year: habitat is the year but 2021 (300 habitat + 200 route for
    # Andelnans)
    habitat = {**years, 2021: 20300.0}
    for year in range(2009, 2024):
        expected = {
            "activite": 0.0,
            "habitat": habitat[year],
            "mixte": 0.0,
            "route": 200.0 if year == 2021 else 0.0,
            "ferre": 0.0,
            "inconnu": 0.0,
        }
        assert {d: row[f"conso_{year}_{d}"] for d in destinations} == expected, year
    assert row["unite"] == "m2" and row["nom"] == "CA Grand Belfort"
    assert (row["conso_2011_2020"], row["conso_depuis_2021"], row["conso_2009_2023"]) == (
        264500.0,
        61500.0,
        372700.0,
    )
    assert (row["pop_2015"], row["pop_2021"], row["men_2015"], row["men_2021"]) == (
        1350.0,
        1440.0,
        550.0,
        605.0,
    )
    # 2015–2020: Andelnans 9,900 + Angeot 120,000 (2016 empty) = 129,900 m² for 90 new inhabitants,
    # 55 new households
    assert row["conso_m2_par_nouvel_habitant_2015_2021"] == pytest.approx(129900.0 / 90)
    assert row["conso_m2_par_nouveau_menage_2015_2021"] == pytest.approx(129900.0 / 55)
    assert (
        row["communes"],
        row["communes_manquantes"],
        row["codes_manquants"],
        row["valeurs_vides"],
        row["partiel"],
    ) == (3, 1, "90004", "90002:2016", "oui")
    assert row["surface"] == 9_000_000.0
    series = result.levels["epci"].series()
    assert list(series.columns) == [
        "epci_code",
        "annee",
        "conso",
        "conso_activite",
        "conso_habitat",
        "conso_mixte",
        "conso_route",
        "conso_ferre",
        "conso_inconnu",
    ]
    assert (
        list(series["annee"]) == list(range(2009, 2024)) and series["conso"].tolist()[-1] == 30300.0
    )


def test_reading_latin1_text_numbers_and_years(core, tmp_path):
    _, reading = core
    cfile = reading.read_consumption(write_hand_file(tmp_path))
    assert (
        cfile.encoding == "latin-1"
        and cfile.years == list(range(2009, 2024))
        and cfile.last_year == 2023
        and cfile.cog == 2023
    )
    assert (
        cfile.table.at["90002", "conso_2012"] == 40000.0
        and cfile.table.at["90002", "conso_2020"] == 45000.0
    )  # « 45 000,0 »
    assert math.isnan(cfile.table.at["90002", "conso_2016"])  # empty, not 0
    assert cfile.table.at["90001", "region_nom"] == "Bourgogne-Franche-Comté"
    utf8 = reading.read_consumption(write_hand_file(tmp_path, "utf8.csv", encoding="utf-8"))
    assert (
        utf8.encoding == "utf-8"
        and utf8.table.at["90001", "region_nom"] == "Bourgogne-Franche-Comté"
    )


def test_an_empty_year_column_is_left_out_and_the_last_year_read_from_names(core, tmp_path):
    _, reading = core
    path = write_hand_file(tmp_path)
    text = path.read_bytes().decode("latin-1").splitlines()
    head = text[0].split(";")
    column = head.index("naf23art24")
    lines = [text[0]] + [
        ";".join(v if i != column else "" for i, v in enumerate(line.split(";")))
        for line in text[1:]
    ]
    path.write_bytes("\n".join(lines).encode("latin-1"))
    cfile = reading.read_consumption(path)
    assert cfile.last_year == 2022 and cfile.empty_years == [2023]
    assert any("2023" in w for w in cfile.warnings)


def test_table_de_passage_merge_and_split(core, tmp_path):
    consumption, reading = core
    cfile = reading.read_consumption(write_hand_file(tmp_path))
    passage = tmp_path / "passage.csv"
    passage.write_text(
        "CODGEO_2023;CODGEO_2024\n90001;90001\n90002;90001\n90003;90010\n90003;90011\n",
        encoding="utf-8",
    )
    converted, notes = reading.apply_passage(
        cfile, reading.read_passage(passage), {"90010": 1_000_000.0, "90011": 3_000_000.0}
    )
    table = converted.table
    assert sorted(table.index) == ["90001", "90010", "90011"]
    assert table.at["90001", "conso_2012"] == 41100.0  # 1,100 + 40,000: merged, summed
    assert table.at["90001", "conso_2016"] == 1500.0  # Angeot's empty 2016 adds nothing
    assert (table.at["90010", "conso_2012"], table.at["90011", "conso_2012"]) == (
        1250.0,
        3750.0,
    )  # 5,000 split 1:3 by area
    assert any("90002" in n and "summed" in n for n in notes) and any(
        "90003" in n and "area" in n for n in notes
    )
    equal, notes = reading.apply_passage(cfile, reading.read_passage(passage), {})
    assert equal.table.at["90010", "conso_2012"] == 2500.0 and any(
        "equal shares" in n for n in notes
    )


def test_not_a_consumption_file_is_a_message(core, tmp_path):
    _, reading = core
    from ocsge.ocsge_plugin.core.errors import TerritoryError

    bad = tmp_path / "bad.csv"
    bad.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(TerritoryError, match="naf<AA>art<BB>"):
        reading.read_consumption(bad)
    words = tmp_path / "words.csv"
    words.write_text("idcom;naf11art12\n90001;beaucoup\n", encoding="utf-8")
    with pytest.raises(TerritoryError, match="beaucoup"):
        reading.read_consumption(words)


def test_reading_a_geopackage_gives_the_same_table(core, tmp_path):
    _, reading = core
    from osgeo import gdal

    csv_path = write_hand_file(tmp_path, "hand.csv", encoding="utf-8")
    gpkg = tmp_path / "conso.gpkg"
    gdal.VectorTranslate(
        str(gpkg), str(csv_path), format="GPKG"
    )  # every column as text, as some exports do
    from_csv = reading.read_consumption(csv_path).table
    from_gpkg = reading.read_consumption(gpkg).table
    assert list(from_gpkg.index) == ["90001", "90002", "90003"]
    pd.testing.assert_frame_equal(from_gpkg[from_csv.columns], from_csv, check_dtype=False)


def test_an_empty_year_since_2021_is_not_counted_in_the_pace(core, tmp_path):
    consumption, reading = core
    path = write_hand_file(tmp_path)
    lines = path.read_bytes().decode("latin-1").splitlines()
    column = lines[0].split(";").index("naf22art23")
    path.write_bytes(
        "\n".join(
            [lines[0]]
            + [
                ";".join("" if i == column else v for i, v in enumerate(line.split(";")))
                for line in lines[1:]
            ]
        ).encode("latin-1")
    )
    cfile = reading.read_consumption(path)
    assert cfile.empty_years == [2022] and cfile.last_year == 2023
    table = (
        consumption.compute(cfile, ("commune",), options=consumption.Options(unit="m2"))
        .levels["commune"]
        .trajectoires.set_index("commune_code")
    )
    # Andelnans: 500 (2021) + 300 (2023) over 2 years = 400 a year; 800 + 400 × 7 = 3,600 at the end
    # of 2030
    row = table.loc["90001"]
    assert (
        row["conso_depuis_2021"],
        row["nb_annees_depuis_2021"],
        row["conso_annuelle_depuis_2021"],
        row["conso_projetee_2030"],
    ) == (800.0, 2, 400.0, 3600.0)
    assert set(table["partiel"]) == {"oui"}  # a year of the period has no value at all


def test_beside_ocsge_reads_the_unit_of_the_geopackage_beside(core, tmp_path):
    """artif_epci.csv in m² (its GeoPackage says unite=m2), the run in hectares: 50,000 m² over
    2018-2021 is 5 ha ÷ 3 per year; the EPCI's consumption 2018-2020 is 90,400 m² = 9.04 ha ÷ 3.
    A second pair without any year in the file (2024-2026) is not chosen, though later."""
    from osgeo import gdal, ogr

    from ocsge.ocsge_plugin.computing import consumption_ocsge

    consumption, reading = core
    gdal.UseExceptions()
    (tmp_path / "artif_epci.csv").write_text(
        "epci_code,nom,flux_artif_net,millesime_debut,millesime_fin\n200069052,CA Grand "
        "Belfort,50000,2018,2021\n"
        "200069052,CA Grand Belfort,99999,2024,2026\n",
        encoding="utf-8",
    )
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(tmp_path / "artif_epci.gpkg"))
    layer = ds.CreateLayer("artif_epci", None, ogr.wkbNone)
    layer.SetMetadataItem("unite", "m2")
    ds = layer = None
    result = consumption.compute(
        reading.read_consumption(write_hand_file(tmp_path)),
        ["epci"],
        options=consumption.Options(unit="ha"),
    )
    beside = consumption_ocsge.add_beside(result, tmp_path)
    row = _rows(result.levels["epci"].trajectoires)[0]
    # the file's own communes (no membership): 90001, 90002 and 90003 (5,000 m² a year) → 105,400 m²
    assert [row[c] for c in consumption_ocsge.OCSGE_COLUMNS] == [
        "2018-2021",
        "2018-2020",
        pytest.approx(10.54 / 3),
        pytest.approx(5.0 / 3),
    ]
    assert beside.unit["epci"] == "m2" and not any("hectares" in w for w in beside.warnings)
