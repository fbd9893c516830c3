"""The published tables written (GeoPackage, CSV, a PostgreSQL schema) and the plugin's own
territory tables.

Public API
----------
``export_tables(levels, folder, …) -> ExportResult``: writes GeoPackage and CSV files atomically
    (the schema: ``schema.py``; the outlines: ``simplification.py``; GeoPackage layers:
    ``writing.py``).
``table_fields / write_sink / read_table``: the plugin's own territory tables (``ocsge:aggregate``,
    ``ocsge:rollup``) to and from QGIS feature sinks and layers.
``levels_from_communes(...)``: the tables of every level to export, from the communes.

Units: the plugin's tables carry a ``unite`` column ('ha' or 'm2'); tables handed to the writers
here are in m² (``read_table`` converts) and are converted once, on writing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
)
from qgis.PyQt.QtCore import QVariant

from ..computing.rollup import commune_table, dissolve, rollup
from ..computing.table import NUMBER_COLUMNS, SURFACE_COLUMNS, TABLE_COLUMNS, UNITS, to_unit
from ..core import compat
from ..core.errors import Canceled, TerritoryError
from ..core.i18n import tr
from ..domain.correspondence import PREFIX
from ..storage import postgis
from ..storage.files import OutputSet
from . import export_classes, read_back
from .schema import (
    DATASETS,
    INT_COLUMNS,
    PUBLISHED_LEVELS,
    STRING_COLUMNS,
    coverage_table,
    published_table,
    quality_summary,
    quality_table,
    quality_warnings,
    table_convention,
    unit_label,
    wide_table,
)
from .simplification import TOLERANCES, prepare_geometries
from .spreadsheet import write_csv
from .writing import fill_layer, write_gpkg

__all__ = [
    "DATASETS",
    "PUBLISHED_LEVELS",
    "export_tables",
    "levels_from_communes",
    "quality_summary",
    "quality_warnings",
    "read_table",
    "table_convention",
    "table_fields",
    "with_unit",
    "write_csv",
    "write_sink",
]


@dataclass
class ExportResult:
    files: list[str] = field(default_factory=list)
    layers: dict[str, str] = field(
        default_factory=dict
    )  # '<dataset>_<level>' → gpkg path|layername=
    warnings: list[str] = field(default_factory=list)
    convention: str | None = None  # how parent / unknown codes were read
    quality: dict = field(default_factory=dict)  # per level: quality_summary
    tables: list[str] = field(
        default_factory=list
    )  # schema.table written into a PostgreSQL database


def export_tables(
    levels: dict[str, tuple[pd.DataFrame, dict[str, QgsGeometry], QgsCoordinateReferenceSystem]],
    folder: str | Path,
    datasets: Sequence[str] = DATASETS,
    formats: Sequence[str] = ("gpkg", "csv"),
    unit: str = "ha",
    dialect: str = "comma",
    simplify: bool = True,
    wide: bool = False,
    coverage: bool = True,
    feedback: Any = None,
    convention: str | None = None,
    quality: bool = True,
    classes: dict[str, dict[str, pd.DataFrame]] | None = None,
    database: tuple[postgis.Connection, str] | None = None,
) -> ExportResult:
    """Write ``<dataset>_<level>`` (GeoPackage layer of that name and CSV) for every level given,
    and beside them ``qualite_<level>`` (``quality_table``, without geometry) when ``quality``,
    and the per-class tables of ``classes`` (level → ``export_classes.by_level``'s tables; no
    geometry).

    ``levels`` maps a level to (its table in m², geometries by code, their CRS). ``convention``
    (how parent and unknown codes were read, ``rules.CONVENTIONS``) is written in the
    GeoPackages' metadata. Everything is written in a temporary folder inside ``folder`` and the
    files replace their previous versions together at the end (``files.OutputSet``): on error or
    cancel nothing is left half-written, and only the files of this export are replaced. With
    ``database`` (a PostgreSQL connection and a schema), the same tables also replace theirs in
    that schema, in one transaction committed just before the files."""
    if unit not in UNITS:
        raise TerritoryError(tr("Unknown unit {unit}. Expected ha or m2.").format(unit=unit))
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    atomic = OutputSet(folder)
    result = ExportResult()
    steps = max(len(levels) * len(datasets), 1)
    done = 0
    write = _Writer(atomic, formats, dialect, keep=bool(database))
    try:
        for level, (table, geometries, crs) in levels.items():
            outlines = None
            if "gpkg" in formats:
                tolerance = TOLERANCES.get(level, 0.0) if simplify else 0.0
                outlines = prepare_geometries(geometries, crs, tolerance, feedback)
            for dataset in datasets:
                if feedback is not None:
                    if feedback.isCanceled():
                        raise Canceled()
                    feedback.setProgress(100.0 * done / steps)
                done += 1
                _export_dataset(write, table, outlines, level, dataset, unit, wide, convention)
                if "gpkg" in formats:
                    name = f"{dataset}_{level}"
                    result.layers[name] = f"{folder / (name + '.gpkg')}|layername={name}"
            if quality:
                _export_quality(write, table, level, unit, convention)
            for name, ctable, description, metadata in export_classes.tables_of_level(
                (classes or {}).get(level, {}), level, unit, unit_label(unit), convention
            ):
                write(name, ctable, None, description, metadata)
        if coverage and "departement" in levels:
            _export_coverage(write, levels["departement"][0])
        if feedback is not None and feedback.isCanceled():
            raise Canceled()
        if database:
            result.tables = postgis.replace_tables(database, write.pending, fill_layer)
        result.files = atomic.commit()
    except RuntimeError as error:  # GDAL's (a full disk…)
        atomic.abort()
        raise OSError(str(error) or tr("GDAL could not write the file")) from None
    except BaseException:
        atomic.abort()
        raise
    if feedback is not None:
        feedback.setProgress(100.0)
    return result


class _Writer:
    """Writes a table as GeoPackage and / or CSV (``formats``) into the export's output set;
    keeps it (``pending``) for a database when ``keep``."""

    def __init__(
        self, atomic: OutputSet, formats: Sequence[str], dialect: str, keep: bool = False
    ) -> None:
        self.atomic, self.formats, self.dialect, self.keep = atomic, formats, dialect, keep
        self.pending: list[tuple] = []

    def __call__(
        self,
        name: str,
        table: pd.DataFrame,
        geometries: list | None,
        description: str,
        metadata: dict,
    ) -> None:
        if "gpkg" in self.formats:
            write_gpkg(
                self.atomic.path(f"{name}.gpkg"), name, table, geometries, description, metadata
            )
        if "csv" in self.formats:
            write_csv(self.atomic.path(f"{name}.csv"), table, self.dialect)
        if self.keep:
            self.pending.append((name, table, geometries, description))


def _export_dataset(
    write: _Writer,
    table: pd.DataFrame,
    outlines: dict | None,
    level: str,
    dataset: str,
    unit: str,
    wide: bool,
    convention: str | None,
) -> None:
    """``<dataset>_<level>`` in the published schema, and its by-index layout when ``wide``."""
    name = f"{dataset}_{level}"
    published = published_table(table, level, dataset, unit)
    codes = list(table["code"].astype(str))
    description = tr(
        "{dataset} per {level}, OCS GE (IGN), one row per territory and pair of millésimes. "
        "Surfaces and flows in {unit}; percentages of the full territory area."
    ).format(
        dataset="Artificialisation" if dataset == "artif" else "Imperméabilisation",
        level=level,
        unit=unit_label(unit),
    )
    if (convention or "").startswith(PREFIX):  # a regional base, not IGN's OCS GE
        description += " " + tr(
            "Land cover read through the correspondence table {name}, not OCS GE."
        ).format(name=convention[len(PREFIX) :])
    metadata = {
        "unite": unit,
        "unit": unit_label(unit),
        "schema": "data.gouv.fr " + name,
        "crs": "EPSG:4326",
    }
    if convention:
        metadata["convention"] = convention
    write(
        name,
        published,
        [outlines.get(c) for c in codes] if outlines is not None else None,
        description,
        metadata,
    )
    if wide:
        wtable = wide_table(table, level, dataset, unit)
        outlines_wide = (
            [outlines.get(c) for c in wtable[f"{level}_code"]] if outlines is not None else None
        )
        write(f"{name}_par_index", wtable, outlines_wide, description, metadata)


def _export_quality(
    write: _Writer, table: pd.DataFrame, level: str, unit: str, convention: str | None
) -> None:
    """``qualite_<level>``: the quality columns beside the published tables (no geometry)."""
    qtable = quality_table(table, level, unit)
    metadata = {"unite": unit, "unit": unit_label(unit), "convention": convention or ""}
    description = tr(
        "Quality of {level} rows beside the published tables: undetermined surface "
        "(codes whose leaves "
        "disagree) and share of the territory, undetermined change pieces, polygons "
        "repaired, surface "
        "outside the data, what is unknown. Surfaces in {unit}."
    ).format(level=level, unit=unit_label(unit))
    write(f"qualite_{level}", qtable, None, description, metadata)


def _export_coverage(write: _Writer, departements: pd.DataFrame) -> None:
    """``part_territoire_couvert``: the share of the territory OCS GE covers, per département."""
    write(
        "part_territoire_couvert",
        coverage_table(departements),
        None,
        tr("Part of the territory covered by OCS GE, per département (km², % of 641,184 km²)."),
        {"unite": "km2"},
    )


# ------------------------------------------------------------------------ the plugin's tables


def table_fields(table: pd.DataFrame, extra: QgsFields | None = None) -> QgsFields:
    """QgsFields for a plugin table (``TABLE_COLUMNS`` and extra columns)."""
    fields = QgsFields()
    extra_names = {f.name(): f for f in extra} if extra is not None else {}
    for name in table.columns:
        if name in extra_names and name not in TABLE_COLUMNS:
            fields.append(QgsField(extra_names[name]))
        elif name in INT_COLUMNS:
            fields.append(compat.field(name, QVariant.Type.Int))
        elif name in STRING_COLUMNS or name.endswith("_code") or name.endswith("_nom"):
            fields.append(compat.field(name, QVariant.Type.String))
        elif table[name].dtype.kind in "fiu" or name in TABLE_COLUMNS:
            fields.append(compat.field(name, QVariant.Type.Double))
        else:
            fields.append(compat.field(name, QVariant.Type.String))
    return fields


def _value(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if math.isnan(value) else float(value)
    return value


def write_sink(
    sink: QgsFeatureSink,
    table: pd.DataFrame,
    fields: QgsFields,
    geometries: dict[str, QgsGeometry] | None = None,
    feedback: Any = None,
) -> None:
    """Add the rows of ``table`` to ``sink`` (geometry from ``geometries`` by the row's code)."""
    columns = list(table.columns)
    for i, row in enumerate(table.itertuples(index=False)):
        if feedback is not None and i % 500 == 0 and feedback.isCanceled():
            raise Canceled()
        feature = QgsFeature(fields)
        feature.setAttributes([_value(v) for v in row])
        if geometries is not None:
            g = geometries.get(str(row[columns.index("code")]))
            if g is not None and not g.isNull():
                feature.setGeometry(g)
        sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)


#: The fields a table of ocsge:aggregate or ocsge:rollup cannot be read back without.
_READ_BACK_COLUMNS = (
    "code",
    "nom",
    "index_fin",
    "millesime_fin",
    "surface",
    "surface_artif",
    "surface_imper",
)


def read_table(
    source: Any,
) -> tuple[pd.DataFrame, dict[str, QgsGeometry], QgsCoordinateReferenceSystem]:
    """A plugin table (``ocsge:aggregate`` / ``ocsge:rollup`` output) back as (DataFrame in m²,
    geometry by code, CRS). Raises TerritoryError when the layer is not such a table."""
    expected = tr(
        "The layer has no {missing} field. Expected a table from ocsge:aggregate "
        "or ocsge:rollup (fields code, nom, surface, surface_artif, …)."
    )
    names = read_back.field_names(source, _READ_BACK_COLUMNS, expected)
    rows = []
    geometries: dict[str, QgsGeometry] = {}
    for feature in source.getFeatures():
        values = {name: read_back.plain(feature[name]) for name in names}
        rows.append(values)
        code = str(values["code"])
        g = feature.geometry()
        if code not in geometries and g is not None and not g.isNull():
            geometries[code] = QgsGeometry(g)
    table = pd.DataFrame(rows, columns=names)
    for name in TABLE_COLUMNS:
        if name not in table.columns:
            table[name] = None
    for name in ("index_debut", "index_fin"):
        table[name] = pd.array([None if v is None else int(v) for v in table[name]], dtype="Int64")
    table["code"] = table["code"].astype(str)
    for name in ("millesime_debut", "millesime_fin"):
        table[name] = [None if v is None else str(v) for v in table[name]]
    for name in NUMBER_COLUMNS:
        table[name] = pd.to_numeric(table[name], errors="coerce").astype(float)
    factor = 1.0 / UNITS[read_back.unit_of(table)]
    for name in SURFACE_COLUMNS:
        table[name] = table[name] * factor
    table = table.drop(columns=["unite"], errors="ignore")
    crs = source.sourceCrs() if hasattr(source, "sourceCrs") else source.crs()
    return table, geometries, crs


def with_unit(table: pd.DataFrame, unit: str) -> pd.DataFrame:
    """``table`` (m²) converted to ``unit`` with the ``unite`` column the plugin's tables carry."""
    out = to_unit(table, unit)
    out["unite"] = unit
    return out


def levels_from_communes(
    communes: pd.DataFrame,
    geometries: dict[str, QgsGeometry],
    crs: QgsCoordinateReferenceSystem,
    membership: Any = None,
    levels: Sequence[str] = PUBLISHED_LEVELS,
    given: dict[str, tuple[pd.DataFrame, dict[str, QgsGeometry], QgsCoordinateReferenceSystem]]
    | None = None,
    feedback: Any = None,
    code_field: str = "code",
) -> tuple[
    dict[str, tuple[pd.DataFrame, dict[str, QgsGeometry], QgsCoordinateReferenceSystem]], list[str]
]:
    """The tables to export, per level: the communes with their membership codes, and every higher
    level either given (``ocsge:rollup`` outputs) or rolled up here from the communes (their codes
    checked first, ``code_field`` named in the messages: ``rollup.rollup``)."""

    given = dict(given or {})
    wanted = [level for level in levels if level != "commune" and level not in given]
    result = rollup(communes, membership, wanted, feedback, code_field=code_field)
    out: dict[str, tuple[pd.DataFrame, dict[str, QgsGeometry], QgsCoordinateReferenceSystem]] = {}
    if "commune" in levels:
        out["commune"] = (commune_table(result), geometries, crs)
    for level in levels:
        if level == "commune":
            continue
        if level in given:
            out[level] = given[level]
        elif level in result.levels:
            out[level] = (
                result.levels[level],
                dissolve(result.members[level], geometries, feedback),
                crs,
            )
    return out, result.warnings
