"""Consommation d'espaces NAF beside OCS GE artificialisation nette, per territory and year.

The law measures two things, one per decade (loi n° 2021-1104 du 22 août 2021 « Climat et
résilience », articles 191 and 194): for 2021–2031 the consumption of natural, agricultural and
forest land (NAF), from the fichiers fonciers (Cerema); from 2031 the artificialisation nette des
sols (article L. 101-2-1 of the code de l'urbanisme), measured with OCS GE under the nomenclature
of décret n° 2023-1096 du 27 novembre 2023. ``MEASURES`` says so in every REPORT.

:func:`add_beside` reads the diagnostic's published tables (``artif_<level>.csv`` written by
``ocsge:diagnostic`` / ``ocsge:export``: ``<level>_code``, ``flux_artif_net``,
``millesime_debut``, ``millesime_fin``; docs/domain.md §5) and appends to each
``trajectoires_<level>``, after the plugin's columns, ``OCSGE_COLUMNS`` (empty for a level
without its table, said):

- ``periode_ocsge``: the pair of millésimes, « 2018-2021 » (per territory the latest pair whose
  years meet the consumption file's);
- ``annees_conso_ocsge``: the calendar years of the consumption file inside that period (millésime
  début to millésime fin − 1: the year 20AA of ``nafAAartBB`` runs from 1 January 20AA to 1 January
  20AA+1), « 2018-2020 »;
- ``conso_annuelle_periode_ocsge``: NAF consumption over those years ÷ their number;
- ``artif_nette_annuelle_ocsge``: ``flux_artif_net`` ÷ (millésime fin − millésime début).

Both per year and in the unit of the run. The published tables' unit is read from the GeoPackage
beside the CSV (layer metadata ``unite``), else taken as hectares (the documented unit), said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core.errors import TerritoryError
from ..core.i18n import Note, tr
from .consumption import HECTARE
from .consumption_tables import ConsumptionResult, LevelTables

__all__ = ["MEASURES", "OCSGE_COLUMNS", "Beside", "add_beside"]

OCSGE_COLUMNS = [
    "periode_ocsge",
    "annees_conso_ocsge",
    "conso_annuelle_periode_ocsge",
    "artif_nette_annuelle_ocsge",
]
# Which measure the law uses for which decade (the method note of every REPORT).
MEASURES = {
    "2021-2031": {
        "mesure": "consommation d'espaces naturels, agricoles et forestiers (NAF)",
        "source": "fichiers fonciers (Cerema)",
        "textes": "loi n° 2021-1104 du 22 août 2021, articles 191 et 194",
    },
    "a_partir_de_2031": {
        "mesure": "artificialisation nette des sols (article L. 101-2-1 du code de l'urbanisme)",
        "source": "OCS GE (IGN)",
        "textes": "loi n° 2021-1104 du 22 août 2021, articles 191 et 194 ; décret n° 2023-1096 du "
        "27 novembre 2023 (nomenclature)",
    },
}


@dataclass
class Beside:
    """What :func:`add_beside` found: per level the table read and the territories matched."""

    source: str
    tables: dict[str, str] = field(default_factory=dict)  # level → the artif_<level> file read
    matched: dict[str, int] = field(
        default_factory=dict
    )  # level → territories with an OCS GE period
    periods: dict[str, list[str]] = field(default_factory=dict)  # level → the periods used
    unit: dict[str, str] = field(default_factory=dict)  # level → the published table's unit
    warnings: list[str] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "tables": self.tables,
            "territoires_avec_periode": self.matched,
            "periodes": self.periods,
            "unite_des_tables_ocsge": self.unit,
            "colonnes": OCSGE_COLUMNS,
        }


def _table_of(place: Path, level: str) -> Path | None:
    """The diagnostic's ``artif_<level>.csv``: inside the folder, or the table given when its
    first column is ``<level>_code``."""
    if place.is_dir():
        path = place / f"artif_{level}.csv"
        return path if path.is_file() else None
    with open(place, encoding="utf-8-sig") as handle:
        first = handle.readline().strip().split(",")[0].strip('"')
    return place if first == f"{level}_code" else None


def _unit_of(path: Path) -> str | None:
    """The unit of a published table: the metadata ``unite`` of the GeoPackage written beside it."""
    gpkg = path.with_suffix(".gpkg")
    if not gpkg.is_file():
        return None
    from osgeo import ogr

    ds = ogr.Open(str(gpkg))
    layer = ds.GetLayerByName(path.stem) if ds is not None else None
    unit = layer.GetMetadataItem("unite") if layer is not None else None
    return unit if unit in ("ha", "m2") else None


def _year(value: Any) -> int | None:
    match = re.match(r"\s*(\d{4})", str(value)) if value is not None else None
    return int(match.group(1)) if match else None


def _span(years: list[int]) -> str:
    return f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])


def add_beside(result: ConsumptionResult, place: str | Path) -> Beside:
    """Append ``OCSGE_COLUMNS`` to every level's ``trajectoires`` whose ``artif_<level>.csv`` is
    found at ``place`` (the diagnostic's output folder, or one such table).

    Returns
    -------
    Beside: the tables read, the territories matched, the periods, what was noticed (also
    appended to ``result.warnings``)."""
    place = Path(place)
    if not place.exists():
        raise TerritoryError(
            tr(
                "OCS GE tables not found: {path}. Expected the diagnostic's output "
                "folder or one of its artif_<level>.csv tables."
            ).format(path=place)
        )
    beside = Beside(str(place))
    target = result.options.unit
    for level, tables in result.levels.items():
        path = _table_of(place, level)
        if (
            path is None
        ):  # the columns all the same, empty: every table of the run has the same shape
            _empty_columns(tables.trajectoires)
            beside.warnings.append(
                Note(
                    tr(
                        "{level}: no artif_{level}.csv at {path}; the OCS GE columns are empty."
                    ).format(level=level, path=place)
                )
            )
            continue
        key = f"{level}_code"
        artif = _read_artif(path, key)
        unit = _unit_of(path)
        if unit is None:
            unit = "ha"
            beside.warnings.append(
                Note(
                    tr(
                        "{name}: no GeoPackage beside it says its unit; taken as hectares, "
                        "the published tables' documented unit."
                    ).format(name=path.name)
                )
            )
        scale = 1.0 if unit == target else (HECTARE if unit == "ha" else 1.0 / HECTARE)
        beside.tables[level], beside.unit[level] = str(path), unit
        chosen = _choose(artif, key, set(result.years))
        rows, periods = _ocsge_rows(tables, key, chosen, scale)
        for column in OCSGE_COLUMNS:
            tables.trajectoires[column] = pd.Series(
                rows[column],
                index=tables.trajectoires.index,
                dtype=float if column in OCSGE_COLUMNS[2:] else object,
            )
        beside.matched[level] = sum(1 for v in rows["periode_ocsge"] if v is not None)
        beside.periods[level] = sorted(periods)
        unmatched = len(tables.trajectoires) - beside.matched[level]
        if unmatched:
            beside.warnings.append(
                Note(
                    tr(
                        "{level}: {count} territories have no OCS GE period meeting the "
                        "consumption file's years in {name} (OCS GE columns empty)."
                    ).format(level=level, count=unmatched, name=path.name)
                )
            )
    result.warnings.extend(beside.warnings)
    return beside


def _empty_columns(trajectoires: pd.DataFrame) -> None:
    """``OCSGE_COLUMNS`` appended to ``trajectoires``, empty."""
    for column in OCSGE_COLUMNS:
        trajectoires[column] = pd.Series(
            None if column in OCSGE_COLUMNS[:2] else np.nan,
            index=trajectoires.index,
            dtype=object if column in OCSGE_COLUMNS[:2] else float,
        )


def _read_artif(path: Path, key: str) -> pd.DataFrame:
    """The diagnostic's ``artif_<level>.csv``, codes and millésimes as text; TerritoryError when
    it lacks the columns needed."""
    artif = pd.read_csv(
        path,
        dtype={key: str, "millesime_debut": str, "millesime_fin": str},
        encoding="utf-8-sig",
    )
    if not {key, "flux_artif_net", "millesime_debut", "millesime_fin"} <= set(artif.columns):
        raise TerritoryError(
            tr(
                "{path} is not an artificialisation table of the diagnostic "
                "(expected {key}, flux_artif_net, millesime_debut, millesime_fin)."
            ).format(path=path, key=key)
        )
    return artif


def _ocsge_rows(
    tables: LevelTables, key: str, chosen: dict, scale: float
) -> tuple[dict[str, list], set[str]]:
    """The ``OCSGE_COLUMNS`` values of every territory of ``tables.trajectoires`` (empty when no
    period was chosen for it), and the periods used."""
    consumption = tables.consommation.set_index(key)
    rows: dict[str, list] = {c: [] for c in OCSGE_COLUMNS}
    periods: set[str] = set()
    for code in tables.trajectoires[key]:
        pick = chosen.get(code)
        if pick is None:
            for column in OCSGE_COLUMNS:
                rows[column].append(None if column in OCSGE_COLUMNS[:2] else np.nan)
            continue
        start, end, net, years = pick
        conso = (
            consumption.loc[code, [f"conso_{y}" for y in years]].astype(float)
            if code in consumption.index
            else pd.Series([np.nan])
        )
        periods.add(f"{start}-{end}")
        rows["periode_ocsge"].append(f"{start}-{end}")
        rows["annees_conso_ocsge"].append(_span(years))
        rows["conso_annuelle_periode_ocsge"].append(
            float(conso.sum(min_count=1)) / len(years) if conso.notna().any() else np.nan
        )
        rows["artif_nette_annuelle_ocsge"].append(
            net * scale / (end - start) if net == net else np.nan
        )
    return rows, periods


def _choose(
    artif: pd.DataFrame, key: str, years: set[int]
) -> dict[str, tuple[int, int, float, list[int]]]:
    """Per territory the latest pair of millésimes whose calendar years meet the consumption file's:
    (début, fin, flux_artif_net, the years of consumption inside)."""
    chosen: dict[str, tuple[int, int, float, list[int]]] = {}
    for code, start, end, net in zip(
        artif[key],
        artif["millesime_debut"],
        artif["millesime_fin"],
        pd.to_numeric(artif["flux_artif_net"], errors="coerce"),
    ):
        start, end = _year(start), _year(end)
        if start is None or end is None or end <= start:
            continue
        inside = [y for y in range(start, end) if y in years]
        if not inside:
            continue
        held = chosen.get(str(code))
        if held is None or (end, start) > (held[1], held[0]):
            chosen[str(code)] = (start, end, float(net), inside)
    return chosen
