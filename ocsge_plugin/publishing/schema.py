"""The published schema (data.gouv.fr exports, docs/domain.md §5): the tables as published, their
by-index layout, the coverage and quality tables, and what the published tables leave unsaid.

Tables handed in are the plugin's long tables in m²; each function converts to ``unit`` once.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..computing.table import LEVELS, to_unit
from ..core.i18n import tr
from ..domain import nomenclature

__all__ = [
    "DATASETS",
    "INT_COLUMNS",
    "PUBLISHED_LEVELS",
    "STRING_COLUMNS",
    "coverage_table",
    "published_table",
    "quality_summary",
    "quality_table",
    "quality_warnings",
    "table_convention",
    "unit_label",
    "wide_table",
]

DATASETS = ("artif", "imper")
PUBLISHED_LEVELS = LEVELS  # every level of the published schema, in order
FRANCE_KM2 = 641184.0

STRING_COLUMNS = {
    "code",
    "nom",
    "millesime_debut",
    "millesime_fin",
    "unite",
    "epci_code",
    "departement_code",
    "region_code",
    "scot_code",
    "inconnu",
    "convention",
    "code_cs",
    "code_us",
    "cs_debut",
    "cs_fin",
    "us_debut",
}
INT_COLUMNS = {"index_debut", "index_fin"}


def _columns(level: str, dataset: str) -> list[str]:
    d = dataset
    cols = [
        f"{level}_code",
        "nom",
        f"pourcent_{d}",
        f"surface_{d}",
        f"flux_{d}",
        f"flux_des{d}",
        f"flux_{d}_net",
        "millesime_debut",
        "millesime_fin",
    ]
    if level == "commune":
        cols += ["departement_code", "region_code", "epci_code", "scot_code", "commune_surface"]
    return cols


def published_table(
    table: pd.DataFrame, level: str, dataset: str, unit: str = "ha"
) -> pd.DataFrame:
    """``table`` (the plugin's long table, m²) in the published schema of ``<dataset>_<level>``.

    Rows without a pair of millésimes (a single millésime) keep empty flows."""
    t = to_unit(table, unit)
    out = pd.DataFrame(index=t.index)
    out[f"{level}_code"] = t["code"].astype(str)
    out["nom"] = t["nom"].fillna("").astype(str)
    for name in (
        f"pourcent_{dataset}",
        f"surface_{dataset}",
        f"flux_{dataset}",
        f"flux_des{dataset}",
        f"flux_{dataset}_net",
    ):
        out[name] = t[name].astype(float)
    out["millesime_debut"] = t["millesime_debut"]
    out["millesime_fin"] = t["millesime_fin"]
    if level == "commune":
        for name in ("departement_code", "region_code", "epci_code", "scot_code"):
            out[name] = t[name] if name in t.columns else None
        out["commune_surface"] = t["surface"].astype(float)
    out.attrs["codes"] = list(t["code"].astype(str))
    return out[_columns(level, dataset)].reset_index(drop=True)


def quality_table(table: pd.DataFrame, level: str, unit: str = "ha") -> pd.DataFrame:
    """``qualite_<level>``: per territory and pair of millésimes, the territory surface, the
    undetermined stock (surface and % of the territory), the undetermined change pieces (surface
    and % of the territory), the polygons repaired, the surface outside the data (territory −
    covered; empty when the coverage was not computed) and ``inconnu`` (what the published row
    cannot tell: 'stock', 'flux', '… partiel')."""
    t = to_unit(table, unit)
    out = pd.DataFrame(index=t.index)
    out[f"{level}_code"] = t["code"].astype(str)
    out["nom"] = t["nom"].fillna("").astype(str)
    out["millesime_debut"] = t["millesime_debut"]
    out["millesime_fin"] = t["millesime_fin"]
    out["surface"] = t["surface"].astype(float)
    indet = t["surface_indeterminee"].astype(float)
    out["surface_indeterminee"] = indet
    out["pourcent_indetermine"] = np.where(
        out["surface"] > 0, 100.0 * indet / out["surface"].where(out["surface"] > 0), np.nan
    )
    flux_indet = t["flux_indetermine"].astype(float)
    out["flux_indetermine"] = flux_indet
    out["pourcent_flux_indetermine"] = np.where(
        out["surface"] > 0, 100.0 * flux_indet / out["surface"].where(out["surface"] > 0), np.nan
    )
    out["polygones_repares"] = t["polygones_repares"].astype(float)
    out["surface_hors_donnees"] = (out["surface"] - t["surface_couverte"].astype(float)).clip(
        lower=0.0
    )
    out["inconnu"] = t["inconnu"] if "inconnu" in t.columns else None
    out.attrs["codes"] = list(t["code"].astype(str))
    return out.reset_index(drop=True)


def wide_table(table: pd.DataFrame, level: str, dataset: str, unit: str = "ha") -> pd.DataFrame:
    """The "by index" layout: one row per territory, the stock at each index of millésime and the
    stock difference between consecutive indexes (``flux_surface_i_j``; ``flux_percent_i_j`` is that
    difference as a percentage of the territory area, i.e. ``pourcent_j − pourcent_i``)."""
    t = to_unit(table, unit)
    d = dataset
    rows: dict[str, dict] = {}
    order: list[str] = []
    stocks: dict[str, dict[int, tuple]] = {}
    for _, r in t.iterrows():
        code = str(r["code"])
        if code not in rows:
            rows[code] = {f"{level}_code": code, "nom": r["nom"] or ""}
            order.append(code)
            stocks[code] = {}
        area = r["surface"]
        fin = r["index_fin"]
        if not pd.isna(fin) and r["millesime_fin"] is not None and not pd.isna(r[f"surface_{d}"]):
            stocks[code][int(fin)] = (r["millesime_fin"], r[f"surface_{d}"], area)
        debut = r["index_debut"]
        if (
            not pd.isna(debut)
            and r.get("millesime_debut") is not None
            and not pd.isna(r[f"surface_{d}_debut"])
        ):
            stocks[code].setdefault(
                int(debut), (r["millesime_debut"], r[f"surface_{d}_debut"], area)
            )
    indexes = sorted({i for s in stocks.values() for i in s})
    columns = [f"{level}_code", "nom"]
    for i in indexes:
        columns += [f"millesimes_{i}", f"pourcent_{d}_{i}", f"surface_{d}_{i}"]
    pairs = list(zip(indexes, indexes[1:]))
    for a, b in pairs:
        columns += [f"flux_surface_{a}_{b}", f"flux_percent_{a}_{b}"]
    out_rows = []
    for code in order:
        row = rows[code]
        for i in indexes:
            years, surface, area = stocks[code].get(i, (None, None, None))
            row[f"millesimes_{i}"] = years
            row[f"surface_{d}_{i}"] = surface
            row[f"pourcent_{d}_{i}"] = (
                100.0 * surface / area if surface is not None and area else None
            )
        for a, b in pairs:
            sa, sb = stocks[code].get(a), stocks[code].get(b)
            if sa and sb:
                row[f"flux_surface_{a}_{b}"] = sb[1] - sa[1]
                row[f"flux_percent_{a}_{b}"] = 100.0 * (sb[1] - sa[1]) / sb[2] if sb[2] else None
            else:
                row[f"flux_surface_{a}_{b}"] = None
                row[f"flux_percent_{a}_{b}"] = None
        out_rows.append(row)
    return pd.DataFrame(out_rows, columns=columns)


def coverage_table(departements: pd.DataFrame) -> pd.DataFrame:
    """Part du territoire couvert par l'OCS GE, per département: code, name, surface_km2,
    percent_of_france (of 641,184 km²), has_ocsge. ``departements`` is a département table (m²)."""
    rows = []
    seen = set()
    last = departements.sort_values("index_fin").groupby("code", sort=True).tail(1)
    for _, r in last.iterrows():
        code = str(r["code"])
        if code in seen:
            continue
        seen.add(code)
        km2 = float(r["surface"]) / 1e6
        covered = r.get("surface_couverte")
        has = bool(r["millesime_fin"]) and (covered is None or pd.isna(covered) or covered > 0)
        rows.append(
            {
                "code": code,
                "name": r["nom"] or nomenclature.departements().get(code, ("", ""))[0],
                "surface_km2": km2,
                "percent_of_france": 100.0 * km2 / FRANCE_KM2,
                "has_ocsge": has,
            }
        )
    return pd.DataFrame(
        rows, columns=["code", "name", "surface_km2", "percent_of_france", "has_ocsge"]
    )


def table_convention(table: pd.DataFrame) -> str | None:
    """The convention a plugin table was computed with (its ``convention`` field), or None."""
    if "convention" in table.columns and table["convention"].notna().any():
        return str(table["convention"].dropna().iloc[0])
    return None


def quality_summary(levels: dict[str, tuple[pd.DataFrame, Any, Any]]) -> dict[str, dict]:
    """Per level (m²): undetermined surface and pieces, polygons repaired, and the codes of the rows
    whose stock or flows are unknown, or partly unknown."""
    out = {}
    for level, (table, _, _) in levels.items():
        unknown = table["inconnu"] if "inconnu" in table.columns else pd.Series([], dtype=object)
        out[level] = {
            "surface_indeterminee_m2": float(table["surface_indeterminee"].sum(skipna=True)),
            "flux_indetermine_m2": float(table["flux_indetermine"].sum(skipna=True)),
            "polygones_repares": int(table["polygones_repares"].sum(skipna=True)),
            "inconnu": {
                str(code): str(value)
                for code, value in zip(table["code"], unknown)
                if isinstance(value, str) and value
            },
        }
    return out


def quality_warnings(quality: dict[str, dict]) -> list[str]:
    """What the published tables leave unsaid, for the log (translated)."""
    notes = []
    for level, summary in quality.items():
        if summary["inconnu"]:
            shown = ", ".join(
                f"{code} ({what})" for code, what in list(summary["inconnu"].items())[:20]
            )
            notes.append(
                tr(
                    "{level}: {count} row(s) with unknown stocks or flows, left empty "
                    "(never 0) in the published tables: {rows}."
                ).format(
                    level=level,
                    count=len(summary["inconnu"]),
                    rows=shown + (" …" if len(summary["inconnu"]) > 20 else ""),
                )
            )
    return notes


def unit_label(unit: str) -> str:
    """The unit as the user reads it (translated)."""
    return tr("hectares (ha)") if unit == "ha" else tr("square metres (m²)")
