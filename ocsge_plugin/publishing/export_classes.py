"""The per-class tables written beside the published ones (docs/domain.md §5), from the sums the
aggregation made in its own pass (``computing/classes.py``), rolled up to every level as the
published tables are:

* ``couverture_<level>`` (``<level>_code, nom, millesime, code_cs, surface``): the stock by
couverture;
* ``usage_<level>`` (``… code_us, surface``): the stock by usage;
* ``transition_cs_<level>`` (``<level>_code, nom, millesime_debut, millesime_fin, cs_debut, cs_fin,
  surface``): the changed land by couverture at début and at fin;
* ``origine_artif_<level>`` (``… cs_debut, us_debut, surface``): the newly artificialised land by
  couverture and usage at début (its sum is ``flux_artif``).

Codes as the delivery writes them (upper case, blanks stripped): a parent code, INDETERMINE, an
unknown code or null (an empty CSV cell, NULL in the GeoPackage) is a class of its own. Surfaces
in the export's unit. ``by_level(classes, levels)`` the tables of every level, ``published(...)``
one in its written form."""

from __future__ import annotations

import pandas as pd

from ..computing.classes import (
    CLASS_COLUMNS,
    LONG_COLUMNS,
    OCCUPATION,
    ORIGIN,
    PAIR_TABLES,
    TRANSITION,
    from_long,
    marginal,
    rollup_classes,
)
from ..computing.table import UNITS
from ..core.i18n import tr
from . import read_back

__all__ = [
    "by_level",
    "read_classes",
    "tables_of_level",
]

# written table → (the aggregation's table it comes from, the class columns kept)
TABLES = {
    "couverture": (OCCUPATION, ("code_cs",)),
    "usage": (OCCUPATION, ("code_us",)),
    "transition_cs": (TRANSITION, CLASS_COLUMNS[TRANSITION]),
    "origine_artif": (ORIGIN, CLASS_COLUMNS[ORIGIN]),
}


def _description(name: str, level: str, unit: str) -> str:
    texts = {
        "couverture": tr(
            "Stock per {level} by couverture code (OCS GE, IGN) at each millésime; "
            "parent codes, INDETERMINE and null kept as classes. Surfaces in {unit}; "
            "their sum is the surface covered by OCS GE."
        ),
        "usage": tr(
            "Stock per {level} by usage code (OCS GE, IGN) at each millésime; parent "
            "codes, INDETERMINE and null kept as classes. Surfaces in {unit}; their sum "
            "is the surface covered by OCS GE."
        ),
        "transition_cs": tr(
            "Changed land per {level} between two millésimes by couverture at début "
            "(cs_debut) and at fin (cs_fin). Surfaces in {unit}."
        ),
        "origine_artif": tr(
            "Newly artificialised land per {level} by couverture (cs_debut) and usage "
            "(us_debut) at début. Surfaces in {unit}; their sum is flux_artif."
        ),
    }
    return texts[name].format(level=level, unit=unit)


def _members(communes: pd.DataFrame, level: str) -> dict[str, list[str]]:
    """Territory code → its commune codes, from the commune table's membership codes."""
    key = f"{level}_code"
    if key not in communes.columns:
        return {}
    members: dict[str, list[str]] = {}
    for commune, code in zip(communes["code"].astype(str), communes[key]):
        if code is not None and not pd.isna(code):
            members.setdefault(str(code), []).append(commune)
    return members


def by_level(
    classes: dict[str, pd.DataFrame], levels: dict[str, tuple], communes: pd.DataFrame
) -> dict[str, dict[str, pd.DataFrame]]:
    """level → aggregation table name → its long table (m²) for the territories of ``levels``
    (level → (table, …)), summed from the communes' (``classes``) by ``communes``' membership
    codes."""
    out: dict[str, dict[str, pd.DataFrame]] = {}
    for level, (table, *_rest) in levels.items():
        codes = set(table["code"].astype(str))
        names = {str(c): n for c, n in zip(table["code"], table["nom"])}
        members = (
            {c: [c] for c in codes}
            if level == "commune"
            else {c: m for c, m in _members(communes, level).items() if c in codes}
        )
        out[level] = {
            name: rollup_classes(frame, name, members, names)
            for name, frame in classes.items()
            if frame is not None
        }
    return out


def published(
    name: str, level_tables: dict[str, pd.DataFrame], level: str, unit: str = "ha"
) -> pd.DataFrame | None:
    """``<name>_<level>`` as written: ``<level>_code``, nom, millésime(s), class codes, surface
    (in ``unit``), largest first within a territory and millésime; None when the aggregation gave
    nothing."""
    source, kept = TABLES[name]
    frame = level_tables.get(source)
    if frame is None:
        return None
    if source == OCCUPATION:
        frame = marginal(frame, kept[0])
    years = ["millesime_debut", "millesime_fin"] if source in PAIR_TABLES else ["millesime"]
    out = pd.DataFrame(
        {f"{level}_code": frame["code"].astype(str), "nom": frame["nom"].fillna("").astype(str)}
    )
    for column in (*years, *kept):
        out[column] = frame[column].astype(object).where(frame[column].notna(), None)
    out["surface"] = frame["surface"].astype(float) * UNITS[unit]
    order = [f"{level}_code", *years]
    out = out.sort_values(
        [*order, "surface"], ascending=[True] * len(order) + [False], kind="stable"
    )
    return out.reset_index(drop=True)


def tables_of_level(
    level_tables: dict[str, pd.DataFrame],
    level: str,
    unit: str,
    unit_text: str,
    convention: str | None,
) -> list[tuple[str, pd.DataFrame, str, dict]]:
    """(file name, table, description, metadata) of every per-class table of ``level``
    (``unit_text``: the unit as the user reads it)."""
    out = []
    for name in TABLES:
        table = published(name, level_tables, level, unit)
        if table is not None:
            metadata = {"unite": unit, "unit": unit_text, "convention": convention or ""}
            out.append((f"{name}_{level}", table, _description(name, level, unit_text), metadata))
    return out


def read_classes(source) -> dict[str, pd.DataFrame]:
    """The per-class tables (m²) from a layer written by ocsge:aggregate (``OUTPUT_CLASSES``);
    raises TerritoryError when the layer is not such a table."""
    expected = tr(
        "The layer has no {missing} field. Expected the surfaces by class of "
        "ocsge:aggregate (fields tableau, code, code_cs, cs_debut, surface…)."
    )
    names = read_back.field_names(source, LONG_COLUMNS, expected)
    rows = [[read_back.plain(feature[name]) for name in names] for feature in source.getFeatures()]
    table = pd.DataFrame(rows, columns=names)
    unit = read_back.unit_of(table)
    table["surface"] = pd.to_numeric(table["surface"], errors="coerce").astype(float) / UNITS[unit]
    return from_long(table)
