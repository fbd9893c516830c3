"""What ``consumption.compute`` returns (``ConsumptionResult``: per level, ``LevelTables``), the
choices of a run (``Options``), and the tables written (``write_tables``: GeoPackage + CSV)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..core.errors import Canceled
from ..core.i18n import tr
from ..storage import files
from .consumption_read import DESTINATIONS

__all__ = ["ROWS_AT_ONCE", "ConsumptionResult", "LevelTables", "Options", "write_tables"]

ROWS_AT_ONCE = 1000  # rows converted to Python values at a time when writing (memory)


@dataclass
class Options:
    """The choices of a run (``CONSUMPTION_CONVENTIONS``, ``GUARANTEES``, ``UNITS``); ``rate``
    and ``rates`` are fractions (0.5 = 50 %)."""

    convention: str = "loi"
    rate: float = 0.5
    rates: dict[str, float] = field(default_factory=dict)
    unit: str = "ha"
    guarantee: str = "toutes"
    guaranteed: frozenset[str] = frozenset()


@dataclass
class LevelTables:
    """One level's tables: ``consommation`` and ``trajectoires`` (first column ``<level>_code``),
    ``members`` (territory code → its commune codes) and ``missing`` (territory code → communes
    of the territory absent from the file)."""

    level: str
    consommation: pd.DataFrame
    trajectoires: pd.DataFrame
    members: dict[str, list[str]]
    missing: dict[str, list[str]]

    def series(self) -> pd.DataFrame:
        """The yearly series, one row per territory and year: ``<level>_code``, ``annee``,
        ``conso`` and ``conso_<destination>`` (the unit of the tables)."""
        key = f"{self.level}_code"
        years = sorted(
            int(c.split("_")[1])
            for c in self.consommation.columns
            if c.startswith("conso_") and c[6:].isdigit()
        )
        parts = []
        for year in years:
            part = pd.DataFrame(
                {
                    key: self.consommation[key],
                    "annee": year,
                    "conso": self.consommation[f"conso_{year}"],
                }
            )
            for suffix in DESTINATIONS.values():
                column = f"conso_{year}_{suffix}"
                part[f"conso_{suffix}"] = (
                    self.consommation[column] if column in self.consommation.columns else np.nan
                )
            parts.append(part)
        return (
            pd.concat(parts, ignore_index=True)
            .sort_values([key, "annee"], kind="stable")
            .reset_index(drop=True)
        )


@dataclass
class ConsumptionResult:
    """What :func:`compute` returns: the tables of every level, the years, what was noticed."""

    levels: dict[str, LevelTables]
    years: list[int]
    options: Options
    warnings: list[str] = field(default_factory=list)
    absent: list[str] = field(
        default_factory=list
    )  # communes of the territories absent from the file
    not_in_territories: list[str] = field(
        default_factory=list
    )  # communes of the file in no territory given
    share_absent: dict[str, dict[str, float | None]] = field(
        default_factory=dict
    )  # level → code → % of area

    @property
    def last_year(self) -> int:
        return max(self.years)

    def report(self) -> dict[str, Any]:
        """The REPORT: years, convention, unit, rows per level, the communes missing and their
        share of area."""
        return {
            "annees": [min(self.years), self.last_year],
            "derniere_annee": self.last_year,
            "convention": self.options.convention,
            "unite": self.options.unit,
            "taux_reduction": 100.0 * self.options.rate,
            "garantie_1ha": self.options.guarantee,
            "niveaux": {level: int(len(t.trajectoires)) for level, t in self.levels.items()},
            "communes_absentes_du_fichier": self.absent,
            "communes_hors_territoires": self.not_in_territories,
            "territoires_partiels": {
                level: {
                    code: {
                        "communes": communes,
                        "part_surface": self.share_absent.get(level, {}).get(code),
                    }
                    for code, communes in t.missing.items()
                }
                for level, t in self.levels.items()
                if t.missing
            },
            "warnings": self.warnings,
        }


def _text_cell(value: Any) -> str:
    """A text value as a CSV cell: quoted when it holds a comma, a quote or a line break; empty
    for None."""
    if value is None:
        return ""
    text = str(value)
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _prepared(table: pd.DataFrame) -> list[tuple[str, Any]]:
    """Each column once, for ``_columns``: numbers as their numpy array (sliced without pandas),
    texts already as the two lists ``_columns`` returns (None where missing; CSV cells)."""
    prepared: list[tuple[str, Any]] = []
    for name in table.columns:
        series = table[name]
        kind = series.dtype.kind
        if kind in "iubf":
            prepared.append((kind, series.to_numpy()))
        else:
            column = series.astype(object).where(series.notna(), None).tolist()
            prepared.append(("text", (column, [_text_cell(v) for v in column])))
    return prepared


def _columns(prepared: list[tuple[str, Any]], start: int, stop: int) -> tuple[list, list]:
    """Rows ``start:stop`` of each prepared column, as Python lists: the values for SQLite
    (numbers as they are, NaN stored as NULL; None for a missing text) and the CSV cells (numbers
    as Python writes them, 14500.0; empty where missing)."""
    values, cells = [], []
    for kind, data in prepared:
        if kind == "text":
            column, text = data[0][start:stop], data[1][start:stop]
        else:
            part = data[start:stop]
            column = part.tolist()
            text = list(map(str, column))
            if kind == "f":
                for index in np.flatnonzero(np.isnan(part)):
                    text[index] = ""
        values.append(column)
        cells.append(text)
    return values, cells


def _ogr_type(series: pd.Series) -> int:
    from osgeo import ogr

    kind = series.dtype.kind
    return ogr.OFTInteger if kind in "iu" else ogr.OFTReal if kind == "f" else ogr.OFTString


def _write_one(
    atomic: files.OutputSet,
    name: str,
    table: pd.DataFrame,
    description: str,
    metadata: dict[str, str],
) -> None:
    """``name``.gpkg (a table without geometry: GDAL makes the layer, SQLite inserts the rows in one
    transaction) and ``name``.csv (UTF-8, ',' and '.', empty where a value is missing)."""
    from osgeo import gdal, ogr

    gdal.UseExceptions()
    gpkg_path = atomic.path(f"{name}.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg_path))
    layer = ds.CreateLayer(
        name,
        None,
        ogr.wkbNone,
        options=[
            "ASPATIAL_VARIANT=GPKG_ATTRIBUTES",
            f"DESCRIPTION={description}",
            f"IDENTIFIER={name}",
            "FID=fid",
        ],
    )
    for column in table.columns:
        layer.CreateField(ogr.FieldDefn(str(column), _ogr_type(table[column])))
    for key, value in metadata.items():
        layer.SetMetadataItem(key, value)
    ds = layer = None
    insert = (
        f'INSERT INTO "{name}" ({", ".join(chr(34) + c + chr(34) for c in table.columns)}) '
        f"VALUES ({', '.join('?' * len(table.columns))})"
    )
    with (
        closing(sqlite3.connect(str(gpkg_path))) as con,
        open(atomic.path(f"{name}.csv"), "w", encoding="utf-8", newline="") as handle,
    ):
        con.execute(
            "PRAGMA synchronous = OFF"
        )  # a staged file: renamed into place only once complete
        handle.write(",".join(_text_cell(c) for c in table.columns) + "\n")
        prepared = _prepared(table)
        for start in range(0, len(table), ROWS_AT_ONCE):  # a slice at a time: memory stays flat
            values, cells = _columns(prepared, start, start + ROWS_AT_ONCE)
            con.executemany(insert, zip(*values))
            handle.writelines(",".join(row) + "\n" for row in zip(*cells))
        con.commit()


def write_tables(result: ConsumptionResult, folder: str | Path, feedback: Any = None) -> list[str]:
    """Write ``consommation_<level>`` and ``trajectoires_<level>`` (CSV + GeoPackage) of every
    level into ``folder``, together (``files.OutputSet``: nothing is replaced on an error or a
    cancel; no other file of the folder is touched).

    Returns
    -------
    list[str]: the paths written."""
    unit = result.options.unit
    metadata = {
        "unite": unit,
        "convention": result.options.convention,
        "derniere_annee": str(result.last_year),
        "source": "Cerema, fichiers fonciers",
    }
    atomic = files.OutputSet(folder)
    try:
        for index, (level, tables) in enumerate(result.levels.items()):
            if feedback is not None:
                if feedback.isCanceled():
                    raise Canceled()
                feedback.setProgress(100.0 * index / max(len(result.levels), 1))
            described = {
                "consommation": tr(
                    "Consommation d'espaces NAF per {level} and year (Cerema, fichiers "
                    "fonciers), by destination, in {unit}."
                ).format(level=level, unit=unit),
                "trajectoires": tr(
                    "ZAN trajectory 2021–2030 per {level}: the national table's columns "
                    "then the plugin's, in {unit}."
                ).format(level=level, unit=unit),
            }
            for kind, table in (
                ("consommation", tables.consommation),
                ("trajectoires", tables.trajectoires),
            ):
                _write_one(atomic, f"{kind}_{level}", table, described[kind], metadata)
        if feedback is not None and feedback.isCanceled():
            raise Canceled()
        return atomic.commit()
    except RuntimeError as error:  # GDAL's
        atomic.abort()
        raise OSError(str(error) or tr("GDAL could not write the file")) from None
    except BaseException:
        atomic.abort()
        raise
