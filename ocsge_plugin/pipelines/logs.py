"""What the runs say in their log and their REPORT beside their outputs: the undetermined surfaces
(``indetermine``), small tables of totals."""

from __future__ import annotations

from ..core.i18n import Note, language, number, tr

__all__ = [
    "log_pairs",
    "log_table",
    "log_undetermined",
    "say",
    "undetermined_entry",
]


def say(feedback, notes) -> None:
    """Each of ``notes`` once in the log, in order: a ``Note`` (an ordinary decision) as
    information, any other message as a warning (something the user must act on)."""
    if feedback is None:
        return
    for note in dict.fromkeys(notes):
        (feedback.pushInfo if isinstance(note, Note) else feedback.pushWarning)(note)


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
    """The undetermined surface and count per layer and millésime, in the log, as information
    (counted apart: nothing for the user to do): one line per layer that has some (the REPORT's
    ``indetermine`` lists them all, 0 included)."""
    if feedback is None:
        return
    for entry in entries:
        if not entry["nombre"]:
            continue
        feedback.pushInfo(
            tr(
                "{layer} ({millesime}): {count} polygon(s) or piece(s), {area} ha of undetermined "
                "status (null or parent codes, usage indéterminé (INDETERMINE)…: the leaves under "
                "their codes disagree), counted apart, never as non-artificialised."
            ).format(
                layer=entry["couche"],
                millesime=entry["millesime"] or "?",
                count=entry["nombre"],
                area=number(entry["surface_ha"]),
            )
        )


def log_table(
    feedback, title: str, headers: list[str], rows: list[list], decimals: int = 2
) -> None:
    """A small table in the algorithm's log (aligned in QGIS's monospaced command style): text left,
    figures right and rounded."""
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


def log_pairs(feedback, title: str, pairs: list[tuple[str, str]]) -> None:
    """A short summary in the log: « label : value » lines, the labels aligned."""
    width = max(len(label) for label, _ in pairs)
    colon = " :" if language() == "fr" else ":"
    lines = [f"{label.ljust(width)}{colon} {value}" for label, value in pairs]
    feedback.pushInfo(title)
    feedback.pushCommandInfo("\n".join(lines))
