"""Consommation d'espaces NAF per territory and the ZAN trajectory 2021–2030 (loi Climat et
résilience).

The rules, written once (cited in ``ocsge:consommation``'s help):

- **reference** = consumption during the calendar years 2011 to 2020 of Cerema's file (naf11art12 …
  naf20art21);
- **envelope 2021–2030** = reference × (1 − rate); rate 50 % (article 194, I, 1° of loi n° 2021-1104
  du 22 août 2021) unless a territorialisation table gives the territory's own (SRADDET, SCoT);
- **communal guarantee of 1 ha** (article 194, IV, 3° bis of the same loi, inserted by loi n°
  2023-630 du 20 juillet 2023): a commune covered by a PLU, a document en tenant lieu or a carte
  communale
  prescribed, arrêté or approved before 22 August 2026 cannot have an envelope under 1 ha for
  2021–2031. Applied to every commune, to none or to a listed set; never to groupings;
- **since 2021** = the years 2021 to the file's last year (at most 2030); **annual pace** = that
  total ÷ its number of years; **projection to the end of 2030** = since 2021 + pace × the years
  left.

Convention ``national`` reproduces the national « Trajectoires ZAN » table: every territory's
envelope (groupings included) is raised to 1 ha when under it and the projection is the pace × 9.

:func:`compute` returns, per level, the consumption table (per year and destination, period totals,
consumption per new inhabitant and household), the trajectory table (the national table's
columns, then the plugin's) and the yearly series; communes of the territories absent from the
file (and the reverse) are named, their territories marked partial. :func:`write_tables` writes
them (GeoPackage + CSV)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..core.definitions import CONSUMPTION_CONVENTIONS, LEVELS, Level
from ..core.errors import Canceled, TerritoryError
from ..core.i18n import Note, plural, tr
from ..domain.nomenclature import departements, regions
from .consumption_read import DESTINATIONS, ConsumptionFile
from .consumption_tables import ConsumptionResult, LevelTables, Options, write_tables
from .rollup import Membership, departement_of_commune

__all__ = [
    "CONSUMPTION_CONVENTIONS",
    "CONSUMPTION_LEVELS",
    "DEFAULT_LEVELS",
    "GUARANTEES",
    "HECTARE",
    "NATIONAL_COLUMNS",
    "ConsumptionResult",
    "LevelTables",
    "Options",
    "compute",
    "write_tables",
    "UNITS",
    "REFERENCE",
    "PLUGIN_COLUMNS",
]

#: The levels ocsge:consommation computes: the published ones, then ``zone`` (a set of communes of
#: the user's, zone_code).
CONSUMPTION_LEVELS = tuple(level.value for level in Level)
DEFAULT_LEVELS = LEVELS
GUARANTEES = ("toutes", "aucune", "liste")  # the 1 ha guarantee: every commune, none, a listed set
UNITS = ("ha", "m2")
HECTARE = 10_000.0  # m²
REFERENCE = tuple(range(2011, 2021))
SINCE, END = 2021, 2030
# The national « Trajectoires ZAN » table's columns after <level>_code, in its order.
NATIONAL_COLUMNS = [
    "conso_2011_2020",
    "conso_autorisee_augmentee_a_1ha_2021_2030",
    "conso_autorisee_2021_2030",
    "conso_depuis_2021",
    "conso_annuelle_depuis_2021",
    "conso_projetee_2030",
    "respecte_reglementation_actuellement",
    "pourcentage_utilisation_actuelle",
    "respectera_reglementation_en_2030",
    "pourcentage_utilisation_projetee_en_2030",
]
PLUGIN_COLUMNS = [
    "nom",
    "taux_reduction",
    "derniere_annee",
    "nb_annees_depuis_2021",
    "communes",
    "communes_manquantes",
    "codes_manquants",
    "part_surface_manquante",
    "valeurs_vides",
    "partiel",
    "unite",
    "convention",
]
_KEYS = {
    "commune": None,
    "epci": "epci_code",
    "scot": "scot_code",
    "departement": "departement_code",
    "region": "region_code",
    "zone": "zone_code",
}
_NAMES = {
    "epci": "epci_nom",
    "scot": "scot_nom",
    "departement": "departement_nom",
    "region": "region_nom",
    "zone": "zone_nom",
}


def _territories(
    cfile: ConsumptionFile, membership: Membership | None, zones: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Commune code → nom and the membership codes and names, from the membership table when
    given (the user's territories), else from the file's own columns; the user's zones
    (zone_code, zone_nom)."""
    columns = [
        "nom",
        "epci_code",
        "epci_nom",
        "scot_code",
        "scot_nom",
        "departement_code",
        "departement_nom",
        "region_code",
        "region_nom",
        "zone_code",
        "zone_nom",
    ]
    if membership is None:
        source = cfile.table
    else:
        source = membership.table.copy()
        if "departement_code" not in source.columns:
            source["departement_code"] = [departement_of_commune(c) for c in source.index]
        if "region_code" not in source.columns:
            source["region_code"] = source["departement_code"].map(
                lambda d: departements().get(d, (None, None))[1] if d else None
            )
    out = pd.DataFrame(index=source.index.astype(str))
    for column in columns:
        if column in source.columns:
            out[column] = source[column].to_numpy()
        else:  # what the membership table does not say (SCoT…), the file says for its communes
            out[column] = (
                out.index.map(cfile.table[column].to_dict())
                if column in cfile.table.columns
                else None
            )
    if "nom" in cfile.table.columns:
        out["nom"] = out["nom"].where(
            out["nom"].notna(), out.index.map(cfile.table["nom"].to_dict())
        )
    if zones is not None:
        out["zone_code"] = out.index.map(zones["zone_code"].to_dict())
        out["zone_nom"] = out.index.map(zones["zone_nom"].to_dict())
    deps, regs = departements(), regions()
    out["departement_nom"] = out["departement_nom"].where(
        out["departement_nom"].notna(),
        out["departement_code"].map(lambda d: deps.get(d, (None,))[0]),
    )
    out["region_nom"] = out["region_nom"].where(
        out["region_nom"].notna(), out["region_code"].map(regs)
    )
    return out


def _area_of(
    territories: pd.DataFrame, cfile: ConsumptionFile, areas: dict[str, float] | None
) -> pd.Series:
    """Each commune's area in m²: the commune layer given, else the file's surfcom."""
    area = pd.Series(np.nan, index=territories.index, dtype=float)
    if "surface" in cfile.table.columns:
        area = territories.index.to_series().map(cfile.table["surface"]).astype(float)
    if areas:
        given = territories.index.to_series().map(areas).astype(float)
        area = given.where(given.notna(), area)
    return area


def _gaps(
    cfile: ConsumptionFile,
    territories: pd.DataFrame,
    membership: Membership | None,
    result: ConsumptionResult,
) -> None:
    """The communes of the territories absent from the file, and the reverse, said."""
    present = territories.index.isin(cfile.table.index)
    result.absent = sorted(territories.index[~present])
    if membership is not None:
        result.not_in_territories = sorted(set(cfile.table.index) - set(territories.index))
    if result.absent:
        result.warnings.append(
            plural(
                len(result.absent),
                tr(
                    "{count} commune of the territories is absent from the consumption "
                    "file (its territories are marked partial): {codes}."
                ),
                tr(
                    "{count} communes of the territories are absent from the consumption "
                    "file (their territories are marked partial): {codes}."
                ),
            ).format(
                count=len(result.absent),
                codes=", ".join(result.absent[:30]) + (" …" if len(result.absent) > 30 else ""),
            )
        )
    if result.not_in_territories:
        count = len(result.not_in_territories)
        result.warnings.append(
            Note(
                plural(
                    count,
                    tr(
                        "{count} commune of the consumption file is in none of the "
                        "territories given (left out): {codes}."
                    ),
                    tr(
                        "{count} communes of the consumption file are in none of the "
                        "territories given (left out): {codes}."
                    ),
                ).format(
                    count=count,
                    codes=", ".join(result.not_in_territories[:30]) + (" …" if count > 30 else ""),
                )
                + " "
                + tr(
                    "A commune merged or renamed since the file's COG ({cog}) is converted "
                    "by INSEE's table de passage (parameter PASSAGE)."
                ).format(cog=cfile.cog or "?")
            )
        )


def compute(
    cfile: ConsumptionFile,
    levels: Sequence[str] = DEFAULT_LEVELS,
    membership: Membership | None = None,
    areas: dict[str, float] | None = None,
    options: Options | None = None,
    feedback: Any = None,
    zones: pd.DataFrame | None = None,
) -> ConsumptionResult:
    """The consumption and trajectory tables of every level asked.

    ``membership`` (the plugin's commune → EPCI / SCoT / département / région table) defines the
    territories; without it the file's own columns do. ``areas`` (commune code → m², from a
    commune layer) weigh the missing communes; the file's ``surfcom`` is used otherwise.
    ``zones`` (commune code → ``zone_code``, ``zone_nom``: ``consumption_read.read_zones``) make
    the level ``zone``.

    Returns
    -------
    ConsumptionResult"""
    options = options or Options()
    _check_options(options, levels)
    result = ConsumptionResult({}, list(cfile.years), options, list(cfile.warnings))
    if not any(y in cfile.years for y in REFERENCE):
        raise TerritoryError(
            tr(
                "The consumption file has no year of the reference period 2011–2020 "
                "(years found: {years})."
            ).format(years=_span(cfile.years))
        )
    lacking = [y for y in REFERENCE if y not in cfile.years]
    if lacking:
        result.warnings.append(
            tr(
                "The reference 2011–2020 lacks the years {years} in the file: every "
                "conso_2011_2020 is partial."
            ).format(years=", ".join(map(str, lacking)))
        )
    if cfile.last_year < SINCE:
        result.warnings.append(
            tr("The file ends in {year}: nothing is known since 2021.").format(year=cfile.last_year)
        )
    territories = _territories(cfile, membership, zones)
    unknown = (
        sorted(options.guaranteed - set(territories.index)) if options.guarantee == "liste" else []
    )
    if unknown:
        result.warnings.append(
            tr(
                "Communes listed for the 1 ha guarantee but in none of the territories: {codes}."
            ).format(codes=", ".join(unknown[:30]))
        )
    _gaps(cfile, territories, membership, result)
    area = _area_of(territories, cfile, areas)
    numeric = [c for c in cfile.table.columns if cfile.table[c].dtype.kind == "f"]
    same = territories.index.equals(cfile.table.index)
    numbers = cfile.table[numeric] if same else cfile.table[numeric].reindex(territories.index)
    # the communes last: their consumption table scales the numbers in place (memory at national
    # size)
    for index, level in enumerate(sorted(levels, key=lambda name: name == "commune")):
        if feedback is not None:
            if feedback.isCanceled():
                raise Canceled()
            feedback.setProgress(100.0 * index / max(len(levels), 1))
        tables = _level(level, territories, numbers, area, cfile, result)
        if tables is not None:
            result.levels[level] = tables
    result.levels = {level: result.levels[level] for level in levels if level in result.levels}
    return result


def _check_options(options: Options, levels: Sequence[str]) -> None:
    for value, allowed in (
        (options.convention, CONSUMPTION_CONVENTIONS),
        (options.guarantee, GUARANTEES),
        (options.unit, UNITS),
    ):
        if value not in allowed:
            raise TerritoryError(
                tr("Unknown choice {value}. Expected one of {allowed}.").format(
                    value=value, allowed=", ".join(allowed)
                )
            )
    unknown = [level for level in levels if level not in CONSUMPTION_LEVELS]
    if unknown:
        raise TerritoryError(
            tr("Unknown level {value}. Expected one of {allowed}.").format(
                value=", ".join(unknown), allowed=", ".join(CONSUMPTION_LEVELS)
            )
        )
    if not 0.0 <= options.rate <= 1.0:
        raise TerritoryError(tr("The reduction rate must be between 0 and 100 %."))


def _span(years: Sequence[int]) -> str:
    return f"{min(years)}–{max(years)}" if years else "—"


def _level(
    level: str,
    territories: pd.DataFrame,
    numbers: pd.DataFrame,
    area: pd.Series,
    cfile: ConsumptionFile,
    result: ConsumptionResult,
) -> LevelTables | None:
    """One level: the communes' numbers summed by territory, then its two tables."""
    key = _KEYS[level]
    codes = territories.index.to_series() if key is None else territories[key]
    if codes.isna().all():
        result.warnings.append(
            Note(
                tr(
                    "No {level} codes (neither in the file nor in the membership table): the "
                    "level is skipped."
                ).format(level=level)
            )
        )
        return None
    without = codes.index[codes.isna()]
    if len(without) and level != "scot":
        result.warnings.append(
            tr("{level}: {count} communes have no code and count in no territory: {codes}.").format(
                level=level, count=len(without), codes=", ".join(without[:30])
            )
        )
    codes = codes.dropna().astype(str)
    present = pd.Series(codes.index.isin(cfile.table.index), index=codes.index)
    members_numbers = numbers if len(codes) == len(numbers) else numbers.loc[codes.index]
    if level == "commune":  # one commune per territory: nothing to sum (codes are the index)
        summed = (
            members_numbers
            if members_numbers.index.is_monotonic_increasing
            else members_numbers.sort_index()
        )
    else:
        summed = members_numbers.groupby(codes.to_numpy(), sort=True).sum(min_count=1)
    if level == "commune":
        members = {code: [code] for code in codes.index}
    else:
        members = {
            str(code): sorted(index)
            for code, index in codes.groupby(codes.to_numpy(), sort=True).groups.items()
        }
    missing = {c: sorted(s.index) for c, s in present[~present].groupby(codes[~present].to_numpy())}
    share = _absent_share(missing, members, area)
    result.share_absent[level] = share
    empty_cells = _empty_cells(members_numbers, present, codes, cfile.years)
    names = _names(level, territories, codes)
    info = pd.DataFrame(index=summed.index)
    info["nom"] = info.index.map(names)
    info["communes"] = [len(members[c]) for c in info.index]
    info["communes_manquantes"] = [len(missing.get(c, [])) for c in info.index]
    info["codes_manquants"] = [", ".join(missing[c]) if c in missing else None for c in info.index]
    info["part_surface_manquante"] = pd.Series(
        [share.get(c) for c in info.index], index=info.index, dtype=float
    )
    info["valeurs_vides"] = [
        ", ".join(empty_cells[c]) if c in empty_cells else None for c in info.index
    ]
    info["surface"] = (
        area.groupby(codes).sum(min_count=1).reindex(info.index) if area.notna().any() else np.nan
    )
    trajectoires = _trajectoires(level, summed, info, territories, cfile, result)
    consommation = _consommation(
        level, summed, info, territories if level == "commune" else None, cfile, result
    )  # scales summed: last
    _note_partial(level, info, result)
    return LevelTables(level, consommation, trajectoires, members, missing)


def _absent_share(
    missing: dict[str, list[str]], members: dict[str, list[str]], area: pd.Series
) -> dict[str, float | None]:
    """Territory code → % of its area in communes absent from the file (None when an area is
    unknown)."""
    share = {}
    for code, absent in missing.items():
        member_area = area.loc[members[code]]
        share[code] = (
            None
            if member_area.isna().any() or member_area.sum() <= 0
            else 100.0 * float(member_area.loc[absent].sum() / member_area.sum())
        )
    return share


def _empty_cells(
    members_numbers: pd.DataFrame, present: pd.Series, codes: pd.Series, file_years: Sequence[int]
) -> dict[str, list[str]]:
    """Territory code → 'commune:year/year' of its communes in the file with empty yearly values."""
    year_columns = [f"conso_{y}" for y in file_years]
    empty = members_numbers[year_columns].isna() & present.to_numpy()[:, None]
    empty_cells: dict[str, list[str]] = {}
    for commune in empty.index[empty.any(axis=1)]:
        years = [c[6:] for c in year_columns if empty.at[commune, c]]
        empty_cells.setdefault(codes[commune], []).append(f"{commune}:{'/'.join(years)}")
    return empty_cells


def _names(level: str, territories: pd.DataFrame, codes: pd.Series) -> dict[str, str | None]:
    if level == "commune":
        return territories["nom"].to_dict()
    column = _NAMES[level]
    pairs = pd.DataFrame({"code": codes, "nom": territories.loc[codes.index, column]}).dropna()
    return pairs.drop_duplicates("code").set_index("code")["nom"].to_dict()


def _note_partial(level: str, info: pd.DataFrame, result: ConsumptionResult) -> None:
    partial = info.index[(info["communes_manquantes"] > 0) | info["valeurs_vides"].notna()]
    if len(partial):
        result.warnings.append(
            Note(
                plural(
                    len(partial),
                    tr(
                        "{level}: {count} territory has partial totals (communes absent from "
                        "the file or empty values; columns partiel, codes_manquants, "
                        "valeurs_vides): {codes}."
                    ),
                    tr(
                        "{level}: {count} territories have partial totals (communes absent from "
                        "the file or empty values; columns partiel, codes_manquants, "
                        "valeurs_vides): {codes}."
                    ),
                ).format(level=level, count=len(partial), codes=", ".join(partial[:30]))
            )
        )


def _sum_years(summed: pd.DataFrame, years: Sequence[int]) -> pd.Series:
    columns = [f"conso_{y}" for y in years if f"conso_{y}" in summed.columns]
    if not columns:
        return pd.Series(np.nan, index=summed.index)
    return summed[columns].sum(axis=1, min_count=1)


def _scale(values: pd.Series | float, unit: str):
    return values / HECTARE if unit == "ha" else values


def _consommation(
    level: str,
    summed: pd.DataFrame,
    info: pd.DataFrame,
    territories: pd.DataFrame | None,
    cfile: ConsumptionFile,
    result: ConsumptionResult,
) -> pd.DataFrame:
    """``consommation_<level>``: per year and destination, period totals, per new inhabitant and
    household."""
    unit = result.options.unit
    out: dict[str, Any] = {f"{level}_code": summed.index.to_numpy(), "nom": info["nom"].to_numpy()}
    if territories is not None:
        for column in ("epci_code", "scot_code", "departement_code", "region_code"):
            out[column] = territories[column].reindex(summed.index).to_numpy()
    out["surface"] = _scale(info["surface"], unit)
    front = pd.DataFrame(out, index=summed.index)
    yearly = [
        c
        for y in cfile.years
        for c in (f"conso_{y}", *(f"conso_{y}_{d}" for d in DESTINATIONS.values()))
        if c in summed.columns
    ]
    out = {}
    last = min(cfile.last_year, END)
    out["conso_2011_2020"] = _scale(_sum_years(summed, REFERENCE), unit)
    out["conso_depuis_2021"] = _scale(_sum_years(summed, range(SINCE, last + 1)), unit)
    out[f"conso_{min(cfile.years)}_{cfile.last_year}"] = _scale(
        _sum_years(summed, cfile.years), unit
    )
    for kind, label in (("pop", "nouvel_habitant"), ("men", "nouveau_menage")):
        years = sorted(int(c[4:]) for c in summed.columns if c.startswith(f"{kind}_"))
        if len(years) < 2:
            continue
        first, end = years[0], years[-1]
        out[f"{kind}_{first}"] = summed[f"{kind}_{first}"]
        out[f"{kind}_{end}"] = summed[f"{kind}_{end}"]
        growth = summed[f"{kind}_{end}"] - summed[f"{kind}_{first}"]
        conso = _sum_years(summed, range(first, end))
        out[f"conso_m2_par_{label}_{first}_{end}"] = (conso / growth).where(growth > 0)
    for column in ("communes", "communes_manquantes", "codes_manquants", "valeurs_vides"):
        out[column] = info[column]
    out["partiel"] = np.where(
        (info["communes_manquantes"] > 0) | info["valeurs_vides"].notna(), "oui", "non"
    )
    out["unite"] = unit
    # the yearly block, last: summed is not read after it, so it is scaled in place (a view when it
    # can)
    block = (
        summed.iloc[:, : len(yearly)].to_numpy()
        if list(summed.columns[: len(yearly)]) == yearly
        else summed[yearly].to_numpy()
    )
    if unit == "ha":
        block /= HECTARE
    rows = pd.RangeIndex(len(summed))
    parts = [
        front.set_axis(rows, axis=0, copy=False),
        pd.DataFrame(block, index=rows, columns=yearly, copy=False),
        pd.DataFrame(out, index=summed.index).set_axis(rows, axis=0, copy=False),
    ]
    return pd.concat(parts, axis=1, copy=False)


def _rates(level: str, codes: pd.Index, territories: pd.DataFrame, options: Options) -> pd.Series:
    """Each territory's reduction rate: its own in the territorialisation table, for a commune
    else its SCoT's, EPCI's, département's or région's, else the general rate."""
    rates = pd.Series([options.rates.get(c) for c in codes], index=codes, dtype=float)
    if level == "commune" and options.rates:
        for column in ("scot_code", "epci_code", "departement_code", "region_code"):
            inherited = territories[column].reindex(codes).map(options.rates).astype(float)
            rates = rates.where(rates.notna(), inherited)
    return rates.fillna(options.rate)


def _trajectoires(
    level: str,
    summed: pd.DataFrame,
    info: pd.DataFrame,
    territories: pd.DataFrame,
    cfile: ConsumptionFile,
    result: ConsumptionResult,
) -> pd.DataFrame:
    """``trajectoires_<level>``: the national table's columns (``NATIONAL_COLUMNS``), then the
    plugin's."""
    options = result.options
    national = options.convention == "national"
    last = min(cfile.last_year, END)
    since_years = [
        y for y in range(SINCE, last + 1) if y in cfile.years
    ]  # a year without any value is not counted
    count = len(since_years)
    reference = _sum_years(summed, REFERENCE)
    rate = _rates(level, summed.index, territories, options)
    envelope = reference * (1.0 - rate)
    if national:
        eligible = pd.Series(True, index=summed.index)
    elif level == "commune" and options.guarantee != "aucune":
        eligible = pd.Series(
            options.guarantee == "toutes" or np.isin(summed.index, list(options.guaranteed)),
            index=summed.index,
        )
    else:
        eligible = pd.Series(False, index=summed.index)
    raised = eligible & envelope.notna() & (envelope < HECTARE)
    envelope = envelope.where(~raised, HECTARE)
    since = _sum_years(summed, since_years) if count else pd.Series(np.nan, index=summed.index)
    pace = since / count if count else since
    projected = pace * 9 if national else since + pace * (END - last)
    out = pd.DataFrame({f"{level}_code": summed.index}, index=summed.index)
    out["conso_2011_2020"] = _scale(reference, options.unit)
    out["conso_autorisee_augmentee_a_1ha_2021_2030"] = np.where(raised, "oui", "non")
    out["conso_autorisee_2021_2030"] = _scale(envelope, options.unit)
    out["conso_depuis_2021"] = _scale(since, options.unit)
    out["conso_annuelle_depuis_2021"] = _scale(pace, options.unit)
    out["conso_projetee_2030"] = _scale(projected, options.unit)
    out["respecte_reglementation_actuellement"] = _yes_no(
        since <= envelope, since.notna() & envelope.notna()
    )
    out["pourcentage_utilisation_actuelle"] = (100.0 * since / envelope).where(envelope > 0)
    out["respectera_reglementation_en_2030"] = _yes_no(
        projected <= envelope, projected.notna() & envelope.notna()
    )
    out["pourcentage_utilisation_projetee_en_2030"] = (100.0 * projected / envelope).where(
        envelope > 0
    )
    out["nom"] = info["nom"]
    out["taux_reduction"] = 100.0 * rate
    out["derniere_annee"] = cfile.last_year
    out["nb_annees_depuis_2021"] = count
    for column in (
        "communes",
        "communes_manquantes",
        "codes_manquants",
        "part_surface_manquante",
        "valeurs_vides",
    ):
        out[column] = info[column]
    lacking = any(
        y not in cfile.years for y in (*REFERENCE, *range(SINCE, last + 1))
    )  # a year of the periods without any value
    out["partiel"] = np.where(
        (info["communes_manquantes"] > 0)
        | info["valeurs_vides"].notna()
        | reference.isna()
        | lacking,
        "oui",
        "non",
    )
    out["unite"] = options.unit
    out["convention"] = options.convention
    return out.reset_index(drop=True)


def _yes_no(condition: pd.Series, known: pd.Series) -> pd.Series:
    return pd.Series(np.where(condition, "oui", "non"), index=condition.index).where(known, None)
