"""The territories a planner picks from in the portrait's dialog: « name (code) » of the level
chosen, from the membership table or the commune layer's own fields."""

from __future__ import annotations

import pandas as pd
from support import DATA

from ocsge.ocsge_plugin.computing import communes as communes_mod


def test_choices_of_every_level_from_the_membership_table():
    membership = communes_mod.read_membership(DATA / "appartenance-communes-90.csv")
    communes = pd.DataFrame(
        {"code": ["90010", "90001", "90002"], "nom": ["Belfort", "Andelnans", "Angeot"]}
    )
    choices = communes_mod.territory_choices
    assert choices("commune", communes, membership) == [
        ("90001", "Andelnans"),
        ("90002", "Angeot"),
        ("90010", "Belfort"),
    ]
    assert choices("epci", communes, membership) == [("200069052", "CA Grand Belfort")]
    assert choices("departement", communes, membership) == [("90", "Territoire de Belfort")]
    assert choices("scot", communes, membership) == []  # the table has no scot_code


def test_choices_from_the_commune_fields_of_admin_express():
    """ADMIN EXPRESS has SIREN_EPCI but no EPCI name: the code stands for the name."""
    choices = communes_mod.territory_choices
    communes = pd.DataFrame(
        {
            "code": ["2A004", "2B033", "90010"],
            "nom": ["Ajaccio", "Bastia", "Belfort"],
            "SIREN_EPCI": ["200066793", "242000354", "200069052"],
            "INSEE_DEP": ["2A", "2B", "90"],
        }
    )
    assert choices("epci", communes) == [
        ("200066793", "200066793"),
        ("200069052", "200069052"),
        ("242000354", "242000354"),
    ]
    assert choices("departement", communes) == [
        ("2A", "Corse-du-Sud"),
        ("2B", "Haute-Corse"),
        ("90", "Territoire de Belfort"),
    ]
