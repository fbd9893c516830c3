"""What the runs say in their log and their REPORT beside their outputs: the undetermined
surfaces (``indetermine``), small tables of totals."""

from __future__ import annotations

from qgis.PyQt.QtCore import QLocale

from ..core.i18n import tr

__all__ = [
    "log_table",
    "log_undetermined",
    "undetermined_entry",
]


def undetermined_entry(layer: str, millesime, count: int, area_m2: float, **extra) -> dict:
    """One entry of the REPORT's ``indetermine`` list: a layer and millésime, its undetermined
    polygons (or change pieces) and their surface in hectares."""
    return {
        "couche": layer,
        "millesime": None if millesime is None else str(millesime),
        "nombre": int(count),
        "surface_ha": area_m2 / 10000.0,
        **extra,
    }


def log_undetermined(feedback, entries: list[dict]) -> None:
    """The undetermined surface and count per layer and millésime, in the log (always said, 0
    included)."""
    if feedback is None:
        return
    for entry in entries:
        text = tr(
            "Indéterminé, {layer} ({millesime}): {count} polygon(s) or piece(s), {area:.4f} ha."
        ).format(
            layer=entry["couche"],
            millesime=entry["millesime"] or "?",
            count=entry["nombre"],
            area=entry["surface_ha"],
        )
        (feedback.pushWarning if entry["nombre"] else feedback.pushInfo)(text)


def number(value, decimals: int = 2) -> str:
    """A figure as people read it in the language of QGIS: rounded, with its separators (« 1
    234,56 »)."""
    return QLocale().toString(float(value), "f", decimals)


def log_table(
    feedback, title: str, headers: list[str], rows: list[list], decimals: int = 2
) -> None:
    """A small table in the algorithm's log (aligned in QGIS's monospaced command style): text
    left, figures right and rounded."""
    cells = [[str(h) for h in headers]] + [
        [
            v if isinstance(v, str) else (str(v) if isinstance(v, int) else number(v, decimals))
            for v in row
        ]
        for row in rows
    ]
    numeric = [all(not isinstance(row[i], str) for row in rows) for i in range(len(headers))]
    widths = [max(len(line[i]) for line in cells) for i in range(len(headers))]
    lines = []
    for line in cells:
        padded = [
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(line, widths, numeric)
        ]
        lines.append(
            "  ".join(padded).rstrip().replace(" ", "\u00a0")
        )  # no-break spaces: HTML keeps them
    feedback.pushInfo(title)
    feedback.pushCommandInfo("\n".join(lines))
