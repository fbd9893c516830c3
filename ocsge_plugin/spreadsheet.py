"""Text cells of the CSV files the plugin writes, as spreadsheets expect them: a cell that begins like a
formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return; OWASP's « CSV injection ») is written behind an
apostrophe, which a spreadsheet shows as text; the plugin strips it again when it reads its own CSV back."""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "as_text", "as_written"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: str) -> str:
    """``value`` as a spreadsheet shows it as text: « '=HYPERLINK(…) » for a cell beginning like a formula.

    Returns
    -------
    str
        ``value``, behind an apostrophe when it begins with one of FORMULA_STARTS (after any apostrophes)."""
    return "'" + value if value.lstrip("'").startswith(FORMULA_STARTS) else value  # « '=x » too: read back exactly


def as_written(value):
    """A cell read back from a CSV written with :func:`as_text`: the apostrophe before a formula start removed.

    Returns
    -------
    the value as the table held it (anything that is not such a string unchanged)."""
    if isinstance(value, str) and value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value
