"""The territory table: one row per territory and pair of millésimes, its columns and units.

``aggregate`` (territories.py) builds it in m², ``rollup`` (rollup.py) sums it to higher levels,
``export`` publishes it; all of them read its shape from here (docs/domain.md §4).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..core.definitions import LEVELS  # publishing/export.py imports it from here

__all__ = [
    "KEY_COLUMNS",
    "FLOW_COLUMNS",
    "TABLE_COLUMNS",
    "TEXT_COLUMNS",
    "SURFACE_COLUMNS",
    "NUMBER_COLUMNS",
    "UNITS",
    "years_text",
    "to_unit",
    "LEVELS",
]

#: Which territory and which pair of millésimes a row is about (the per-class tables too).
KEY_COLUMNS = ["code", "nom", "index_debut", "index_fin", "millesime_debut", "millesime_fin"]
#: The six flows between the millésimes, in order (``ocsge:flows`` reports their totals).
FLOW_COLUMNS = (
    "flux_artif",
    "flux_desartif",
    "flux_artif_net",
    "flux_imper",
    "flux_desimper",
    "flux_imper_net",
)

# The long table (m²): one row per territory and pair of millésimes.
TABLE_COLUMNS = [
    *KEY_COLUMNS,
    "surface",  # territory area
    "surface_couverte",  # covered by OCS GE at millesime_fin
    "pourcent_couvert",
    "surface_artif",
    "pourcent_artif",
    "surface_imper",
    "pourcent_imper",
    "surface_artif_debut",
    "surface_imper_debut",
    "surface_couverte_debut",
    *FLOW_COLUMNS,
    # polygons of unknown status at millesime_fin (the leaves under their codes disagree)
    "surface_indeterminee",
    "flux_indetermine",  # change pieces whose flows cannot be told (kept out of the flows)
    "polygones_repares",  # invalid OCS GE polygons repaired for the intersection with the territory
    # what is not known: 'stock' / 'flux' (a commune), '… partiel' (a level partly unknown)
    "inconnu",
]


TEXT_COLUMNS = ("code", "nom", "millesime_debut", "millesime_fin", "inconnu")


SURFACE_COLUMNS = [
    c for c in TABLE_COLUMNS if c.startswith(("surface", "flux_"))
]  # m², converted by to_unit


NUMBER_COLUMNS = [
    c for c in TABLE_COLUMNS if c not in TEXT_COLUMNS and c not in ("index_debut", "index_fin")
]


UNITS = {"ha": 1e-4, "m2": 1.0}


def years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in sorted(set(years)))


def to_unit(table: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Surfaces and flows from m² to ``unit`` ('ha' or 'm2'); percentages are unchanged."""
    factor = UNITS[unit]
    out = table.copy()
    for name in SURFACE_COLUMNS + ["commune_surface"]:
        if name in out.columns:
            out[name] = out[name].astype(float) * factor
    return out
