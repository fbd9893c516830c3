"""Numbers the French way: « 1 234,5 ha », « 12,8 % » (non-breaking spaces, decimal comma)."""

from __future__ import annotations

import math

__all__ = [
    "hectares",
    "number",
    "percent",
    "signed_hectares",
]

NBSP = "\u00a0"
MISSING = "–"  # a value no layer gives: shown as a dash, never as 0


def number(value, decimals: int = 1) -> str:
    """``1234.5`` → ``1 234,5`` (thousands by a non-breaking space); None or NaN → « – »."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    text = f"{float(value):,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no « -0,0 »
    return text.replace(",", NBSP).replace(".", ",")


def hectares(value, decimals: int = 1) -> str:
    text = number(value, decimals)
    return text if text == MISSING else f"{text}{NBSP}ha"


def percent(value, decimals: int = 1) -> str:
    text = number(value, decimals)
    return text if text == MISSING else f"{text}{NBSP}%"


def signed_hectares(value, decimals: int = 1) -> str:
    """A flow with its sign: « +12,3 ha », « −4,0 ha » (typographic minus)."""
    text = hectares(value, decimals)
    if text == MISSING or text.startswith(f"0,{'0' * decimals}"):
        return text
    return text.replace("-", "\u2212") if text.startswith("-") else f"+{text}"
