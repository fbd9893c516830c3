"""The portrait's two charts of NAF consumption (docs/domain.md §8), as SVG like the other charts
(``charts.Svg``: the text kept apart and drawn as text in the PDF): the consumption per year and
destination since 2011, and the ZAN trajectory 2021–2030 (consumption since 2021, cumulated, its
projection to the end of 2030 and the envelope)."""

from __future__ import annotations

import math
from pathlib import Path

from .charts import AXIS, GRID, Svg, nice_step
from .numbers import hectares, number

__all__ = ["DESTINATION_COLOURS", "annual", "trajectory"]

# the destinations of Cerema's file (consumption table's suffixes), their words and colours
DESTINATION_COLOURS = (
    ("habitat", "Habitat", "#e6550d"),
    ("activite", "Activité", "#6a51a3"),
    ("mixte", "Mixte", "#fd8d3c"),
    ("route", "Routes", "#636363"),
    ("ferre", "Voies ferrées", "#252525"),
    ("inconnu", "Inconnue", "#bdbdbd"),
)
FIRST_YEAR, SINCE, END = 2011, 2021, 2030
LEFT, RIGHT, TOP, BOTTOM = 18.0, 166.0, 18.0, 72.0


def _axis(svg: Svg, high: float) -> tuple[float, callable]:
    """The y axis in hectares from 0 to about ``high``; returns (top value, value → y)."""
    step = nice_step(high or 1.0)
    top = max(math.ceil((high or 1.0) / step) * step, step)
    scale = (BOTTOM - TOP) / top

    def y(value: float) -> float:
        return BOTTOM - value * scale

    tick = 0.0
    while tick <= top + step / 2:
        svg.line(LEFT, y(tick), RIGHT, y(tick), GRID, 0.2)
        svg.text(LEFT - 1.5, y(tick) + 1.0, number(tick, 0), 2.8, "end")
        tick += step
    svg.text(3, (TOP + BOTTOM) / 2, "ha", 2.8, "middle")
    return top, y


def annual(series: list[dict], path: Path) -> str:
    """Stacked bars of the consumption per calendar year (``annee``, ``conso`` and
    ``conso_<destination>`` in hectares, from ``LevelTables.series``) from 2011 to the last year;
    an empty year (no value) is left without a bar and said."""
    rows = [r for r in series if r["annee"] >= FIRST_YEAR]
    svg = Svg(170, 92)
    last = max((r["annee"] for r in rows), default=SINCE)
    svg.text(
        0, 6, f"Consommation d'espaces NAF par an et par destination, 2011–{last}", 4.0, bold=True
    )
    totals = [r["conso"] for r in rows if _known(r["conso"])]
    _top, y = _axis(svg, max(totals, default=0.0) * 1.12)
    slot = (RIGHT - LEFT) / max(len(rows), 1)
    for index, row in enumerate(rows):
        x = LEFT + slot * index
        if row["annee"] == SINCE:  # the reference period and the years since 2021 apart
            svg.line(x, TOP - 3, x, BOTTOM, "#c8102e", 0.3)
            svg.text(x + 1, TOP - 1, "depuis 2021", 2.6, colour="#c8102e")
        svg.text(x + slot / 2, BOTTOM + 4.5, str(row["annee"]), 2.6, "middle")
        if not _known(row["conso"]):
            svg.text(x + slot / 2, BOTTOM - 1.5, "–", 2.8, "middle")
            continue
        base = 0.0
        for key, _label, colour in DESTINATION_COLOURS:
            value = row.get(f"conso_{key}")
            if _known(value) and value > 0:
                svg.rect(x + slot * 0.12, y(base), slot * 0.76, y(base + value) - y(base), colour)
                base += value
        rest = row["conso"] - base  # a file without destinations: the total in grey
        if rest > 1e-9:
            svg.rect(x + slot * 0.12, y(base), slot * 0.76, y(base + rest) - y(base), "#bdbdbd")
        svg.text(x + slot / 2, y(row["conso"]) - 1.0, number(row["conso"], 1), 2.3, "middle")
    svg.line(LEFT, BOTTOM, RIGHT, BOTTOM, AXIS, 0.3)
    x = LEFT
    for _key, label, colour in DESTINATION_COLOURS:
        svg.rect(x, 83.5, 3, 3, colour)
        svg.text(x + 4, 86.2, label, 2.8)
        x += 8 + 1.9 * len(label)
    return svg.save(path)


def trajectory(row: dict, series: list[dict], path: Path) -> str:
    """The consumption since 2021 cumulated year by year (bars), its projection to the end of
    2030 (``conso_projetee_2030``, dashed) and the envelope 2021–2030 (a line), in hectares
    (``row``: the territory's ``trajectoires`` row)."""
    svg = Svg(170, 92)
    svg.text(
        0,
        6,
        "Trajectoire 2021–2030 : consommation cumulée depuis 2021 et enveloppe",
        4.0,
        bold=True,
    )
    envelope, projected = row.get("conso_autorisee_2021_2030"), row.get("conso_projetee_2030")
    cumulated, total = [], 0.0
    for item in sorted(series, key=lambda r: r["annee"]):
        if SINCE <= item["annee"] <= END:
            total += item["conso"] if _known(item["conso"]) else 0.0
            cumulated.append((item["annee"], total if _known(item["conso"]) else None))
    values = [v for v in (envelope, projected, *(c for _, c in cumulated)) if _known(v)]
    _top, y = _axis(svg, max(values, default=0.0) * 1.12)
    slot = (RIGHT - LEFT) / (END - SINCE + 1)

    def middle(year: int) -> float:
        return LEFT + slot * (year - SINCE + 0.5)

    for year in range(SINCE, END + 1):
        svg.text(middle(year), BOTTOM + 4.5, str(year), 2.6, "middle")
    for year, value in cumulated:
        if value is None:
            continue
        svg.rect(middle(year) - slot * 0.35, y(0), slot * 0.7, y(value) - y(0), "#c8102e")
        svg.text(middle(year), y(value) - 1.0, number(value, 1), 2.4, "middle")
    if cumulated and _known(projected) and cumulated[-1][1] is not None:
        year, value = cumulated[-1]
        svg.parts.append(
            f'<line x1="{middle(year):.2f}" y1="{y(value):.2f}" x2="{middle(END):.2f}" '
            f'y2="{y(projected):.2f}" stroke="#c8102e" stroke-width="0.5" '
            'stroke-dasharray="1.5,1"/>'
        )
        svg.text(middle(END), y(projected) - 1.5, number(projected, 1), 2.6, "middle")
    if _known(envelope):
        svg.line(LEFT, y(envelope), RIGHT, y(envelope), "#1f78b4", 0.6)
        svg.text(
            LEFT + 1,
            y(envelope) - 1.2,
            f"Enveloppe 2021–2030 : {hectares(envelope)}",
            2.8,
            colour="#1f78b4",
        )
    svg.line(LEFT, BOTTOM, RIGHT, BOTTOM, AXIS, 0.3)
    svg.rect(LEFT, 83.5, 3, 3, "#c8102e")
    svg.text(LEFT + 4, 86.2, "Consommation cumulée depuis 2021", 2.8)
    svg.line(LEFT + 62, 85, LEFT + 68, 85, "#c8102e", 0.5)
    svg.text(LEFT + 69, 86.2, "Projection fin 2030", 2.8)
    svg.line(LEFT + 100, 85, LEFT + 106, 85, "#1f78b4", 0.6)
    svg.text(LEFT + 107, 86.2, "Enveloppe", 2.8)
    return svg.save(path)


def _known(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))
