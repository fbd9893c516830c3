"""The run of ``ocsge:export`` without Processing: a commune table (``ocsge:aggregate`` /
``ocsge:rollup``) rolled up to the levels asked for and written as the published files
(data.gouv.fr's schema), with the quality tables and, when given, the per-class tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..computing.communes import read_membership
from ..publishing import export, export_classes

__all__ = [
    "ExportOptions",
    "export_table",
    "run_export",
]


@dataclass
class ExportOptions:
    """What is written: the levels (``export.PUBLISHED_LEVELS``), the datasets (``artif``,
    ``imper``), the formats (``gpkg``, ``csv``), the coverage table, the unit, the CSV dialect,
    simplified outlines, the "by index" layout, the convention (None: the table's), the commune code
    field, the database ((connection, schema) or None: files only)."""

    levels: list[str] = field(default_factory=lambda: list(export.PUBLISHED_LEVELS))
    datasets: list[str] = field(default_factory=lambda: list(export.DATASETS))
    formats: list[str] = field(default_factory=lambda: ["gpkg", "csv"])
    coverage: bool = True
    unit: str = "ha"
    dialect: str = "comma"
    simplify: bool = True
    wide: bool = False
    convention: str | None = None
    code_field: str = "code"
    database: Any = None


@dataclass
class ExportRun:
    """What :func:`export_table` did: the files and tables written (``export.ExportResult``), the
    warnings, the commune table read, the départements it names."""

    written: export.ExportResult
    warnings: list[str]
    table: pd.DataFrame

    @property
    def departements(self) -> set[str]:
        if "departement_code" not in self.table.columns:
            return set()
        return set(self.table["departement_code"].dropna().astype(str))

    def report(self, unit: str) -> dict:
        """The REPORT of ``ocsge:export``."""
        written = self.written
        return {
            "files": written.files,
            "layers": written.layers,
            "tables": written.tables,
            "warnings": self.warnings,
            "unit": unit,
            "convention": written.convention,
            "quality": written.quality,
        }


def export_table(
    source,
    given_sources: dict,
    membership_path: str | None,
    classes_source,
    folder: str,
    options: ExportOptions,
    feedback: Any,
) -> ExportRun:
    """The commune table ``source`` (a layer or feature source) published into ``folder``: the
    levels of ``given_sources`` (level → layer, as ``ocsge:rollup`` wrote them) taken as they are,
    the others rolled up from the communes (with the membership table at ``membership_path``), the
    per-class tables when ``classes_source`` is given.

    Returns
    -------
    ExportRun
        What was written and the warnings (not yet in the log).

    Raises ``OcsgeError`` (a subclass), ``Canceled`` and ``OSError``."""
    table, geometries, crs = export.read_table(source)
    given = {
        level: export.read_table(level_source)
        for level, level_source in given_sources.items()
        if level_source is not None and level in options.levels
    }
    membership = read_membership(membership_path) if membership_path else None
    if membership is not None:
        feedback.pushInfo(membership.description())
    classes = export_classes.read_classes(classes_source) if classes_source is not None else None
    result, warnings = run_export(
        table, geometries, crs, membership, given, folder, options, feedback, classes
    )
    return ExportRun(result, warnings, table)


def run_export(table, geometries, crs, membership, given, folder, options, feedback, classes=None):
    """Levels from the communes (or given), then the files, the quality tables and, when the
    aggregation's per-class tables are given (``AggregateResult.classes``), theirs at every level.
    ``options``: an ``ExportOptions`` (or a dict of its fields).

    Returns
    -------
    tuple
        (``export.ExportResult``, warnings)."""
    if isinstance(options, dict):
        options = ExportOptions(**options)
    convention = options.convention or export.table_convention(table)
    wanted = options.levels
    levels, warnings = export.levels_from_communes(
        table,
        geometries,
        crs,
        membership,
        ["commune", *wanted] if classes else wanted,
        given,
        feedback,
        options.code_field,
    )
    per_level = export_classes.by_level(classes, levels, levels["commune"][0]) if classes else None
    levels = {level: value for level, value in levels.items() if level in wanted}
    written = ("datasets", "formats", "unit", "dialect", "simplify", "wide", "coverage", "database")
    result = export.export_tables(
        levels,
        folder,
        feedback=feedback,
        convention=convention,
        classes=per_level,
        **{name: getattr(options, name) for name in written},
    )
    result.convention = convention
    result.quality = export.quality_summary(levels)
    warnings = warnings + export.quality_warnings(result.quality)
    return result, warnings
