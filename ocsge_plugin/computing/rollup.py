"""Roll-up: commune rows summed into EPCI, SCoT, département and région by a membership table.

Percentages of a level are Σ surface ÷ Σ commune area; communes without a membership row count in
their département (from the INSEE code) only; the établissements publics territoriaux of the
Métropole du Grand Paris are not EPCI à fiscalité propre: their communes count in the Métropole
(docs/domain.md §4).

The membership table is read by ``communes.read_membership(path)`` (any shape planners have: the
plugin's CSV, INSEE's table d'appartenance, ADMIN EXPRESS fields) and the commune codes checked
by ``communes.check_commune_codes`` before anything is summed. ``rollup(communes,
membership=None, levels=…, feedback=None, code_field="code") -> RollupResult``;
``commune_table(result)`` the communes with their membership codes, ``dissolve(members,
geometries)`` the outlines of a level.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from qgis.core import QgsGeometry

from ..core.errors import Canceled
from ..core.i18n import plural, tr
from ..domain.nomenclature import departements, regions
from ..storage import reading
from .communes import (
    EPT_CODES,
    Membership,
    check_commune_codes,
    decode_text,
    departement_of_commune,
    read_membership,
)
from .table import SURFACE_COLUMNS, TABLE_COLUMNS, years_text

# Établissements publics territoriaux of the Métropole du Grand Paris: not EPCI à fiscalité propre.
# Their communes belong to the Métropole du Grand Paris (SIREN 200054781). Detected by a nature
# column ('EPT') when the membership table has one, else by their SIREN codes
# (``communes.EPT_CODES``).
MGP_CODE = "200054781"

__all__ = [
    "EPT_CODES",
    "MGP_CODE",
    "Membership",
    "RollupResult",
    "commune_table",
    "decode_text",
    "departement_of_commune",
    "dissolve",
    "read_membership",
    "rollup",
    "SUM_COLUMNS",
    "MEMBERSHIP_OUTPUT",
]


@dataclass
class RollupResult:
    levels: dict[
        str, pd.DataFrame
    ]  # level → table (same columns as the commune table, code/nom of that level)
    members: dict[str, dict[str, list[str]]]  # level → territory code → commune codes
    communes: pd.DataFrame  # commune rows with departement_code, region_code, epci_code, scot_code
    warnings: list[str] = field(default_factory=list)
    without_membership: list[str] = field(default_factory=list)
    missing_communes: list[str] = field(default_factory=list)
    membership: Membership | None = None  # the membership used (its description() for the log)


SUM_COLUMNS = [c for c in SURFACE_COLUMNS] + ["polygones_repares"]


def _unknown_part(members: pd.DataFrame, pair: bool) -> str | None:
    """What a level's row does not know: 'stock' / 'flux' when no member knows it, 'stock partiel' /
    'flux partiel' when some members do not (the row sums the members that do)."""
    parts = []
    for name, column in (("stock", "surface_artif"), ("flux", "flux_artif")):
        if name == "flux" and not pair:
            continue
        known = members[column].notna()
        if len(members) and not known.all():
            parts.append(name if not known.any() else f"{name} partiel")
    return ", ".join(parts) or None


def _is_ept(code: str | None, nature: str | None) -> bool:
    if nature:
        return str(nature).strip().upper() == "EPT"
    return code in EPT_CODES


def rollup(
    communes: pd.DataFrame,
    membership: Membership | None = None,
    levels: Sequence[str] = ("epci", "scot", "departement", "region"),
    feedback: Any = None,
    code_field: str = "code",
) -> RollupResult:
    """Sum commune rows (``TABLE_COLUMNS``, any unit) into higher levels by membership codes.

    ``membership`` defaults to the commune rows' own columns (epci_code, departement_code…).
    Communes without a membership row are reported; their département is then read from the INSEE
    code (and its région from the département), but they count in no EPCI or SCoT. EPT codes are
    replaced by the Métropole du Grand Paris, the EPCI à fiscalité propre of their communes
    (reported).

    The commune codes (named ``code_field`` in messages) are checked first: ``TerritoryError`` when
    they are no INSEE codes or do not meet the membership table's
    (``communes.check_commune_codes``)."""
    communes = communes.copy()
    warnings: list[str] = check_commune_codes(communes["code"], code_field, membership)
    membership = membership or Membership.from_rows(communes)
    if membership is None:
        membership = Membership(pd.DataFrame(columns=["epci_code"]).rename_axis("commune_code"))
        warnings.append(
            tr(
                "No membership codes (neither commune fields nor a membership table): "
                "only départements and régions, from the INSEE codes."
            )
        )
    warnings.extend(membership.warnings)
    table = membership.table
    codes = communes["code"].astype(str)
    known = codes.isin(table.index)
    without = sorted(set(codes[~known]))
    commune_codes = set(codes)
    missing = sorted(c for c in table.index if c not in commune_codes)
    warnings.extend(_membership_gaps(without, missing))
    names = _membership_codes(communes, table, codes, known, warnings)
    out_levels: dict[str, pd.DataFrame] = {}
    members: dict[str, dict[str, list[str]]] = {}
    key_of = {
        "epci": "epci_code",
        "scot": "scot_code",
        "departement": "departement_code",
        "region": "region_code",
    }
    for level in levels:
        if feedback is not None and feedback.isCanceled():
            raise Canceled()
        key = key_of[level]
        if communes[key].isna().all():
            if level == "scot":
                warnings.append(
                    tr(
                        "No SCoT codes (no scot_code field on the communes nor in the "
                        "membership table): the SCoT level is skipped."
                    )
                )
            else:
                warnings.append(tr("No {level} codes: the level is skipped.").format(level=level))
            continue
        out_levels[level], members[level] = _sum_level(communes, key, names.get(level, {}))
        warnings.extend(_partial_note(level, out_levels[level]))
    return RollupResult(
        out_levels,
        members,
        communes,
        warnings,
        without,
        missing,
        membership if len(membership.columns) else None,
    )


def _partial_note(level: str, summed: pd.DataFrame) -> list[str]:
    """The warning naming the territories of ``level`` that sum only some of their communes
    (field inconnu: '… partiel'), or none."""
    partial = sorted(
        {
            str(c)
            for c, v in zip(summed["code"], summed["inconnu"])
            if isinstance(v, str) and "partiel" in v
        }
    )
    if not partial:
        return []
    return [
        tr(
            "{level}: {count} territories sum only the communes whose stocks or "
            "flows are known (field inconnu: '… partiel'): {codes}."
        ).format(level=level, count=len(partial), codes=", ".join(partial[:30]))
    ]


def _membership_gaps(without: list[str], missing: list[str]) -> list[str]:
    """The notes on communes without membership row and membership rows without commune."""
    warnings: list[str] = []
    if without:
        warnings.append(
            plural(
                len(without),
                tr(
                    "{count} commune has no membership row (département read from the "
                    "INSEE code, in no EPCI nor SCoT): {codes}."
                ),
                tr(
                    "{count} communes have no membership row (département read from the "
                    "INSEE code, in no EPCI nor SCoT): {codes}."
                ),
            ).format(count=len(without), codes=", ".join(without[:30]))
        )
    if missing:
        warnings.append(
            plural(
                len(missing),
                tr(
                    "{count} commune of the membership table is not in the commune layer "
                    "(left out): {codes}."
                ),
                tr(
                    "{count} communes of the membership table are not in the commune "
                    "layer (left out): {codes}."
                ),
            ).format(count=len(missing), codes=", ".join(missing[:30]))
        )
    return warnings


def _membership_codes(
    communes: pd.DataFrame,
    table: pd.DataFrame,
    codes: pd.Series,
    known: pd.Series,
    warnings: list[str],
) -> dict[str, dict]:
    """Set the communes' epci, département, région and SCoT codes (EPT → Métropole du Grand
    Paris; département from the INSEE code, région from the département when the table has none);
    return each level's code → name."""

    def col(name: str) -> pd.Series:
        if name in table.columns:
            return codes.map(table[name]).where(known, None)
        return pd.Series([None] * len(codes), index=communes.index, dtype=object)

    epci = col("epci_code")
    nature = col("epci_nature") if "epci_nature" in table.columns else col("nature_epci")
    ept_mask = pd.Series([_is_ept(c, n) for c, n in zip(epci, nature)], index=communes.index)
    if ept_mask.any():
        warnings.append(
            plural(
                int(ept_mask.sum()),
                tr(
                    "EPT codes are not EPCI: {count} commune of an établissement public "
                    "territorial counted in the Métropole du Grand Paris ({mgp})."
                ),
                tr(
                    "EPT codes are not EPCI: {count} communes of an établissement public "
                    "territorial counted in the Métropole du Grand Paris ({mgp})."
                ),
            ).format(count=int(ept_mask.sum()), mgp=MGP_CODE)
        )
        epci = epci.where(~ept_mask, MGP_CODE)
    dep = col("departement_code")
    dep = dep.where(dep.notna(), codes.map(departement_of_commune))
    dep = dep.map(
        lambda d: (
            None
            if d is None
            else reading.normalise_departement(str(d))
            if str(d).isdigit() or len(str(d)) <= 3
            else str(d)
        )
    )
    reg = col("region_code")
    reg = reg.where(
        reg.notna(), dep.map(lambda d: departements().get(d, (None, None))[1] if d else None)
    )
    reg = reg.map(lambda r: None if r is None else str(r).zfill(2))
    scot = col("scot_code")
    communes["epci_code"] = epci
    communes["departement_code"] = dep
    communes["region_code"] = reg
    communes["scot_code"] = scot
    names = {
        "epci": {c: n for c, n in zip(col("epci_code"), col("epci_nom")) if c}
        if "epci_nom" in table.columns
        else {},
        "scot": {c: n for c, n in zip(scot, col("scot_nom")) if c}
        if "scot_nom" in table.columns
        else {},
        "departement": {d: v[0] for d, v in departements().items()},
        "region": dict(regions()),
    }
    if ept_mask.any():
        names["epci"][MGP_CODE] = "Métropole du Grand Paris"
    return names


def _merge_years(values: Iterable[Any]) -> str | None:
    years: set[int] = set()
    for value in values:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        for part in str(value).split(","):
            part = part.strip()
            if part.isdigit():
                years.add(int(part))
    return years_text(years) if years else None


def _sum_level(
    communes: pd.DataFrame, key: str, names: dict
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    data = communes[communes[key].notna()].copy()
    data["_debut"] = data["index_debut"].astype("Int64").fillna(0)
    rows = []
    members: dict[str, list[str]] = {}
    for (code, debut, fin), group in data.groupby(
        [key, "_debut", "index_fin"], sort=True, dropna=False
    ):
        members.setdefault(str(code), sorted(set(group["code"].astype(str))))
        present = group[group["millesime_fin"].notna()]
        row = {
            "code": str(code),
            "nom": names.get(code) or "",
            "index_debut": None if debut == 0 else int(debut),
            "index_fin": int(fin) if not pd.isna(fin) else None,
            "millesime_debut": _merge_years(present["millesime_debut"]),
            "millesime_fin": _merge_years(present["millesime_fin"]),
            "surface": float(group["surface"].sum()),
        }
        for name in SUM_COLUMNS:
            if name == "surface":
                continue
            values = present[name]
            row[name] = float(values.sum()) if values.notna().any() else None
        row["inconnu"] = _unknown_part(present, row["index_debut"] is not None)
        a = row["surface"]
        for pct, num in (
            ("pourcent_couvert", "surface_couverte"),
            ("pourcent_artif", "surface_artif"),
            ("pourcent_imper", "surface_imper"),
        ):
            row[pct] = 100.0 * row[num] / a if row[num] is not None and a > 0 else None
        rows.append(row)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    for name in ("index_debut", "index_fin"):
        table[name] = table[name].astype("Int64")
    return table, members


def dissolve(
    members: dict[str, list[str]], geometries: dict[str, QgsGeometry], feedback: Any = None
) -> dict[str, QgsGeometry]:
    """Outline of each higher-level territory: the union of its communes' outlines."""
    out: dict[str, QgsGeometry] = {}
    for _index, (code, communes) in enumerate(members.items()):
        if feedback is not None and feedback.isCanceled():
            raise Canceled()
        parts = [geometries[c] for c in communes if c in geometries and not geometries[c].isNull()]
        if not parts:
            out[code] = QgsGeometry()
            continue
        union = QgsGeometry.unaryUnion(parts) if len(parts) > 1 else QgsGeometry(parts[0])
        if not union.isNull() and not union.isMultipart():
            union.convertToMultiType()
        out[code] = union
    return out


MEMBERSHIP_OUTPUT = ["epci_code", "departement_code", "region_code", "scot_code"]


def commune_table(result: RollupResult) -> pd.DataFrame:
    """Commune rows with their membership codes after code and nom (other kept columns follow)."""
    communes = result.communes
    extra = [c for c in communes.columns if c not in TABLE_COLUMNS and c not in MEMBERSHIP_OUTPUT]
    ordered = (
        ["code", "nom"]
        + MEMBERSHIP_OUTPUT
        + extra
        + [c for c in TABLE_COLUMNS if c not in ("code", "nom")]
    )
    return communes[ordered]
