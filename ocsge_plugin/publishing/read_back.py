"""The plugin's tables read back from a layer (``ocsge:export`` reads what ``ocsge:aggregate`` and
``ocsge:rollup`` wrote): their fields checked, their values as Python values, their unit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from qgis.PyQt.QtCore import QVariant

from ..computing.table import UNITS
from ..core.errors import TerritoryError
from ..core.i18n import tr

__all__ = ["field_names", "plain", "unit_of"]


def field_names(source: Any, wanted: Sequence[str], expected: str) -> list[str]:
    """The field names of ``source``. Raises TerritoryError when one of ``wanted`` is missing,
    with ``expected`` (translated; ``{missing}``: the fields missing) saying what was expected."""
    names = source.fields().names()
    missing = [name for name in wanted if name not in names]
    if missing:
        raise TerritoryError(expected.format(missing=", ".join(missing)))
    return names


def plain(value: Any) -> Any:
    """A field's value as a Python value (a null QVariant as None)."""
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    return value


def unit_of(table: pd.DataFrame) -> str:
    """The unit a table read back is in: its ``unite`` column, ha when it has none. Raises
    TerritoryError on another unit than ha and m2."""
    unit = "ha"
    if "unite" in table.columns and table["unite"].notna().any():
        unit = str(table["unite"].dropna().iloc[0])
    if unit not in UNITS:
        raise TerritoryError(
            tr("Unknown unit {unit} in the unite field. Expected ha or m2.").format(unit=unit)
        )
    return unit
