"""computing/communes.py: the shapes of communes and memberships planners have (the plugin's CSV,
INSEE's table d'appartenance as XLSX or CSV, ADMIN EXPRESS fields) read into one table, and the
commune code check, on the real memberships of tests/data."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest
from planner_inputs import DATA, TITLE_ROWS, insee_xlsx, plugin_membership

from ocsge.ocsge_plugin.computing import communes
from ocsge.ocsge_plugin.core.errors import TerritoryError

COLUMNS = ["nom", "epci_code", "epci_nom", "departement_code", "region_code"]


def test_insee_codes_look_like_insee_codes():
    good = ["90010", "2A004", "2B033", "97411", "97611", "01001"]
    bad = ["Belfort", "BO", "9001", "900100", "2C004", "9A001", "", "#12", None, 90010]
    assert [communes.is_insee_code(c) for c in good] == [True] * len(good)
    assert [communes.is_insee_code(c) for c in bad] == [False] * len(bad)
    assert [
        communes.departement_of_commune(c) for c in ("97411", "2A004", "90010", "Botans", "Chaux")
    ] == ["974", "2A", "90", None, None]


def test_columns_are_recognised_in_every_edition_and_case():
    assert communes.recognise(
        ["ID", "NOM", "NOM_M", "INSEE_COM", "STATUT", "INSEE_DEP", "INSEE_REG", "SIREN_EPCI"]
    ) == {
        "commune_code": "INSEE_COM",
        "nom": "NOM",
        "epci_code": "SIREN_EPCI",
        "departement_code": "INSEE_DEP",
        "region_code": "INSEE_REG",
    }
    assert communes.recognise(
        ["id", "nom_com", "insee_com", "insee_dep", "insee_reg", "code_epci"]
    ) == {
        "commune_code": "insee_com",
        "nom": "nom_com",
        "epci_code": "code_epci",
        "departement_code": "insee_dep",
        "region_code": "insee_reg",
    }
    assert communes.recognise(
        ["CODGEO", "LIBGEO", "DEP", "REG", "EPCI", "NATURE_EPCI", "ARR", "CV"]
    ) == {
        "commune_code": "CODGEO",
        "nom": "LIBGEO",
        "epci_code": "EPCI",
        "epci_nature": "NATURE_EPCI",
        "departement_code": "DEP",
        "region_code": "REG",
    }
    fields = communes.commune_fields(
        ["ID", "NOM", "INSEE_COM", "INSEE_DEP", "INSEE_REG", "SIREN_EPCI"]
    )
    assert (fields.code, fields.name) == ("INSEE_COM", "NOM")
    assert fields.membership == {
        "epci_code": "SIREN_EPCI",
        "departement_code": "INSEE_DEP",
        "region_code": "INSEE_REG",
    }
    assert (
        "INSEE_COM → code" in fields.description()
        and "SIREN_EPCI → epci_code" in fields.description()
    )
    assert communes.commune_fields(["code", "nom", "epci_code"]).code == "code"
    assert (
        communes.commune_fields(["INSEE_COM", "NOM"], "ID").code == "ID"
    )  # chosen: the reader refuses it by its name
    assert communes.commune_fields(["ID", "NOM"]).code is None


def test_insee_xlsx_with_title_rows_reads_as_the_plugin_csv(tmp_path):
    plugin = communes.read_membership(DATA / "appartenance-communes-90.csv")
    insee = communes.read_membership(
        insee_xlsx(tmp_path / "table-appartenance-geo-communes-2024.xlsx")
    )
    assert (plugin.shape, insee.shape) == ("plugin", "insee")
    assert len(insee.table) == len(plugin.table) == 101
    pd.testing.assert_frame_equal(
        insee.table[COLUMNS].sort_index(), plugin.table[COLUMNS].sort_index()
    )
    assert insee.table.loc["90001", "epci_nature"] == "CA"
    said = insee.description()
    assert (
        "CODGEO → commune_code" in said
        and "EPCI → epci_code" in said
        and "Zones_supra_communales" in said
        and "101" in said
    )


def test_insee_csv_with_title_rows_semicolons_and_a_zip(tmp_path):
    rows = plugin_membership("974")
    lines = [";".join(r) for r in TITLE_ROWS] + ["CODGEO;LIBGEO;DEP;REG;EPCI;NATURE_EPCI"]
    lines += [
        ";".join(
            [
                r["commune_code"],
                r["nom"],
                r["departement_code"],
                r["region_code"],
                r["epci_code"],
                "CA",
            ]
        )
        for r in rows
    ]
    path = tmp_path / "appartenance.csv"
    path.write_bytes("\n".join(lines).encode("cp1252"))
    plugin = communes.read_membership(DATA / "appartenance-communes-974.csv")
    insee = communes.read_membership(path)
    columns = ["nom", "epci_code", "departement_code", "region_code"]
    pd.testing.assert_frame_equal(
        insee.table[columns].sort_index(), plugin.table[columns].sort_index()
    )
    archive = tmp_path / "table-appartenance-geo-communes-2024.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(insee_xlsx(tmp_path / "t.xlsx"), "table-appartenance-geo-communes-2024.xlsx")
    assert len(communes.read_membership(archive).table) == 101


def test_admin_express_values_and_spreadsheet_damage_are_read_right():
    df = pd.DataFrame(
        {
            "INSEE_COM": ["92012", "1001", "97411", "29155"],
            "SIREN_EPCI": ["200054781/200057974", "200069193", "249740119", "NC"],
            "INSEE_DEP": ["92", "1", "974", "29"],
            "INSEE_REG": ["11", "84", "4", "53"],
        }
    )
    membership = communes.Membership.from_table(df)
    table = membership.table
    assert membership.shape == "admin_express"
    assert (
        table.loc["92012", "epci_code"] == "200054781"
    )  # the Métropole du Grand Paris, not the EPT
    assert table.loc["01001", "departement_code"] == "01"  # a leading zero lost by a spreadsheet
    assert table.loc["97411", "region_code"] == "04"
    assert table.loc["29155", "epci_code"] is None  # Ouessant: no EPCI


def test_a_table_of_no_known_shape_is_refused_with_the_shapes_expected(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("insee;intercommunalite\n90001;200069052\n", encoding="utf-8")
    with pytest.raises(TerritoryError, match="CODGEO.*INSEE_COM"):
        communes.read_membership(path)
    with pytest.raises(TerritoryError, match="does not exist"):
        communes.read_membership(tmp_path / "absent.xlsx")


def test_names_as_codes_stop_with_both_fields_and_three_examples():
    membership = communes.read_membership(DATA / "appartenance-communes-90.csv")
    names = [row["nom"] for row in plugin_membership("90")]
    with pytest.raises(TerritoryError) as raised:
        communes.check_commune_codes(names, "nom", membership)
    message = str(raised.value)
    assert "« nom »" in message and "« commune_code »" in message and "0 of the 101" in message
    assert (
        "« Andelnans », « Angeot », « Anjoutey »" in message
        and "« 90001 », « 90002 », « 90003 »" in message
    )
    with pytest.raises(
        TerritoryError,
        match="101 of the 101 codes of the field « nom » are not INSEE commune codes",
    ):
        communes.check_commune_codes(names, "nom")


def test_the_thresholds():
    membership = communes.read_membership(DATA / "appartenance-communes-90.csv")
    codes = [row["commune_code"] for row in plugin_membership("90")]
    # half of the codes known is enough; fewer stops
    assert (
        communes.check_commune_codes(
            codes[:50] + [f"91{i:03d}" for i in range(50)], "code", membership
        )
        == []
    )
    with pytest.raises(TerritoryError):
        communes.check_commune_codes(
            codes[:49] + [f"91{i:03d}" for i in range(51)], "code", membership
        )
    # a layer of one commune against a national table: its one code is enough
    assert communes.check_commune_codes(["90001"], "code", membership) == []
    # a few codes that are not INSEE codes: said, not stopped
    (note,) = communes.check_commune_codes(codes + ["#12"], "code", membership)
    assert "#12" in note and "no département" in note


def test_rollup_reads_admin_express_fields_kept_by_aggregate():
    """ocsge:aggregate on an ADMIN EXPRESS layer with SIREN_EPCI, INSEE_DEP, INSEE_REG kept:
    ocsge:rollup finds its EPCI in them (no membership table)."""
    from ocsge.ocsge_plugin.computing import rollup
    from ocsge.ocsge_plugin.computing.table import TABLE_COLUMNS

    rows = []
    for code, epci, area in (
        ("90001", "200069052", 100.0),
        ("90002", "200069052", 50.0),
        ("90003", "200069060", 25.0),
    ):
        row = {name: None for name in TABLE_COLUMNS}
        row.update(
            code=code,
            nom=code,
            index_debut=1,
            index_fin=2,
            millesime_debut="2018",
            millesime_fin="2021",
            surface=area,
            surface_artif=area / 10,
            SIREN_EPCI=epci,
            INSEE_DEP="90",
            INSEE_REG="27",
        )
        rows.append(row)
    result = rollup.rollup(pd.DataFrame(rows), levels=("epci", "departement"))
    epci = result.levels["epci"].set_index("code")
    assert (
        epci.loc["200069052", "surface"] == 150.0 and epci.loc["200069060", "surface_artif"] == 2.5
    )
    assert (
        result.membership.shape == "fields"
        and "SIREN_EPCI → epci_code" in result.membership.description()
    )
    assert not any("No membership codes" in w for w in result.warnings)
