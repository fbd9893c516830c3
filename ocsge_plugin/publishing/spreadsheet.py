"""Text cells of the CSV files the plugin writes, as spreadsheets expect them: a cell that begins
like a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return; OWASP's « CSV injection
») is written behind an apostrophe, which a spreadsheet shows as text; the plugin strips it again
when it reads its own CSV back. The CSV tables themselves are written here too
(:func:`write_csv`: UTF-8, two dialects)."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "FORMULA_STARTS",
    "as_written",
    "write_csv",
]

CSV_DIALECTS = {"comma": (",", "."), "semicolon": (";", ",")}

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: str) -> str:
    """``value`` as a spreadsheet shows it as text: « '=HYPERLINK(…) » for a cell beginning like
    a formula.

    Returns
    -------
    str
        ``value``, behind an apostrophe when it begins with one of FORMULA_STARTS (after any
        apostrophes)."""
    return (
        "'" + value if value.lstrip("'").startswith(FORMULA_STARTS) else value
    )  # « '=x » too: read back exactly


def as_written(value):
    """A cell read back from a CSV written with :func:`as_text`: the apostrophe before a formula
    start removed.

    Returns
    -------
    the value as the table held it (anything that is not such a string unchanged)."""
    if (
        isinstance(value, str)
        and value.startswith("'")
        and value.lstrip("'").startswith(FORMULA_STARTS)
    ):
        return value[1:]
    return value


def _format_number(value: Any, decimal: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        text = repr(float(value))
        if "e" in text or "E" in text:
            text = f"{float(value):.10f}".rstrip("0").rstrip(".")
        return text.replace(".", decimal) if decimal != "." else text
    return str(value)


def write_csv(path: Path, table: pd.DataFrame, dialect: str = "comma") -> None:
    """UTF-8 CSV: ``comma`` (',' separator, '.' decimal) or ``semicolon`` (';' and ',' for French
    spreadsheets). Text cells beginning like a formula are written behind an apostrophe
    (:func:`as_text`); numbers as they are."""
    sep, decimal = CSV_DIALECTS[dialect]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=sep, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow([as_text(str(name)) for name in table.columns])
        for row in table.itertuples(index=False):
            writer.writerow(
                [as_text(v) if isinstance(v, str) else _format_number(v, decimal) for v in row]
            )
