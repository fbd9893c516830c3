"""The run of ``ocsge:rollup`` without Processing: a commune table (``ocsge:aggregate``) rolled up
to the levels above the commune (EPCI, SCoT, département, région) with a membership table, each
territory's outline the union of its communes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..computing import rollup as core
from ..core.definitions import LEVELS
from ..publishing import export

__all__ = [
    "ROLLUP_LEVELS",
    "RollupOptions",
    "rollup_table",
]

#: The levels a commune table rolls up to: every published level above the commune.
ROLLUP_LEVELS = LEVELS[1:]


@dataclass
class RollupOptions:
    """The levels asked for (a subset of ``ROLLUP_LEVELS``) and the membership table's path (None:
    the membership the commune table carries, or none)."""

    levels: list[str] = field(default_factory=lambda: list(ROLLUP_LEVELS))
    membership_path: str | None = None


@dataclass
class RollupRun:
    """What :func:`rollup_table` decided: the roll-up (``core.RollupResult``: tables per level,
    members, communes without membership, warnings), the unit of the commune table (``ha`` unless
    its ``unite`` says otherwise), the communes' outlines and CRS, the commune table with
    membership and unit, its convention."""

    result: Any
    unit: str
    geometries: Any
    crs: Any
    communes: pd.DataFrame
    convention: str | None

    def level_table(self, level: str, feedback) -> tuple[pd.DataFrame, Any]:
        """The table of ``level`` in the unit, with the convention, and its territories'
        outlines (the union of their communes). Raises ``Canceled``."""
        outlines = core.dissolve(self.result.members[level], self.geometries, feedback)
        table = export.with_unit(self.result.levels[level], self.unit)
        if self.convention:
            table["convention"] = self.convention
        return table, outlines

    def report(self) -> dict:
        """The REPORT of ``ocsge:rollup``."""
        result = self.result
        return {
            "levels": {
                level: int(table["code"].nunique()) for level, table in result.levels.items()
            },
            "without_membership": result.without_membership,
            "missing_communes": result.missing_communes,
            "warnings": result.warnings,
            "unit": self.unit,
            "convention": self.convention,
            "inconnu": {
                level: {
                    str(c): str(v)
                    for c, v in zip(table["code"], table["inconnu"])
                    if isinstance(v, str) and v
                }
                for level, table in result.levels.items()
            },
        }


def rollup_table(communes_source, options: RollupOptions, feedback) -> RollupRun:
    """The commune table ``communes_source`` (a feature source) rolled up to ``options.levels``;
    the membership read and the warnings said in the log.

    Raises ``OcsgeError`` (a subclass) and ``Canceled``."""
    table, geometries, crs = export.read_table(communes_source)
    unit = "ha"
    if "unite" in communes_source.fields().names():
        for feature in communes_source.getFeatures():
            if feature["unite"]:
                unit = str(feature["unite"])
                break
    path = options.membership_path
    membership = core.read_membership(path) if path else None
    result = core.rollup(table, membership, options.levels, feedback)
    if feedback is not None and result.membership is not None:
        feedback.pushInfo(result.membership.description())
    for note in result.warnings:
        feedback.pushWarning(note)
    communes = export.with_unit(core.commune_table(result), unit)
    return RollupRun(result, unit, geometries, crs, communes, export.table_convention(communes))
