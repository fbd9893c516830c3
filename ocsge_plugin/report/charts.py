"""The portrait's charts as SVG files, placed in the layout as picture items: vectors, crisp when
printed.

They are written directly as SVG (bars, axes, French numbers): a few milliseconds each, no
dependency, the same file for the same numbers — the atlas of a whole département draws hundreds
of them."""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

from . import chart_text
from .numbers import number

__all__ = [
    "AXIS",
    "GRID",
    "Ranking",
    "Svg",
    "flows",
    "nice_step",
    "stocks",
]

COLOURS = {
    "artif": "#c8102e",  # artificialisation
    "desartif": "#3a9d23",  # désartificialisation
    "imper": "#4d4d4d",  # imperméabilisation
    "desimper": "#7fb8d6",  # désimperméabilisation
    "debut": "#f2a7a0",
    "fin": "#c8102e",
    "highlight": "#c8102e",
    "other": "#a6a6a6",
}
FONT = "DejaVu Sans, Arial, sans-serif"
GRID, AXIS, TEXT = "#dddddd", "#333333", "#222222"


class Svg:
    """A drawing in millimetres (1 unit = 1 mm; the layout scales the picture to its frame)."""

    def __init__(self, width: float, height: float):
        self.width, self.height = width, height
        self.parts: list[str] = []
        self.runs: list[dict] = []  # the text, apart (see chart_text)

    def rect(self, x, y, w, h, colour) -> None:
        if w < 0:
            x, w = x + w, -w
        if h < 0:
            y, h = y + h, -h
        self.parts.append(
            f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" fill="{colour}"/>'
        )

    def line(self, x1, y1, x2, y2, colour=AXIS, width=0.25) -> None:
        self.parts.append(
            f'<line x1="{x1:.2f}" y1="{y1:.2f}" x2="{x2:.2f}" y2="{y2:.2f}" '
            f'stroke="{colour}" stroke-width="{width}"/>'
        )

    def text(
        self, x, y, value, size=3.0, anchor="start", bold=False, colour=TEXT, rotate: float = 0.0
    ) -> None:
        weight = ' font-weight="bold"' if bold else ""
        turn = f' transform="rotate({rotate:g} {x:.2f} {y:.2f})"' if rotate else ""
        self.runs.append(
            {
                "x": x,
                "y": y,
                "text": str(value),
                "size": size,
                "anchor": anchor,
                "bold": bold,
                "colour": colour,
                "rotate": rotate,
            }
        )
        self.parts.append(
            f'<text x="{x:.2f}" y="{y:.2f}" font-family="{FONT}" font-size="{size}" '
            f'text-anchor="{anchor}" '
            f'fill="{colour}"{weight}{turn}>{escape(str(value))}</text>'
        )

    def _document(self, parts: list[str]) -> str:
        body = "\n".join(parts)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}mm" '
            f'height="{self.height}mm" viewBox="0 0 {self.width} {self.height}">\n'
            f'<rect width="{self.width}" height="{self.height}" fill="#ffffff"/>\n{body}\n</svg>\n'
        )

    def save(self, path: Path) -> str:
        """The chart at ``path``, and beside it its shapes and text apart (``chart_text``)."""
        shapes = [part for part in self.parts if not part.startswith("<text")]
        return chart_text.save(path, self._document(self.parts), self._document(shapes), self.runs)


def nice_step(top: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5, 5 × 10^n) giving about ``ticks`` intervals up to ``top``."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _vertical_bars(
    title: str,
    groups: list[tuple[str, list[tuple[float | None, str]]]],
    legend: list[tuple[str, str]],
    path: Path,
) -> str:
    """Bars in groups (label, [(value, colour)…]), values labelled, a y axis in hectares."""
    svg = Svg(170, 85)
    left, right, top, bottom = 18.0, 166.0, 14.0, 72.0
    values = [v for _, bars in groups for v, _ in bars if v is not None]
    high = max(values + [0.0]) * 1.15 or 1.0
    low = min(values + [0.0]) * 1.15
    step = nice_step(high - low)
    high, low = math.ceil(high / step) * step, math.floor(low / step) * step
    scale = (bottom - top) / ((high - low) or 1.0)

    def y(value):
        return bottom - (value - low) * scale

    svg.text(0, 6, title, 4.0, bold=True)
    tick = low
    while tick <= high + step / 2:
        svg.line(left, y(tick), right, y(tick), GRID, 0.2)
        svg.text(left - 1.5, y(tick) + 1.0, number(tick, 0), 2.8, "end")
        tick += step
    svg.text(3, (top + bottom) / 2, "ha", 2.8, "middle")
    slot = (right - left) / len(groups)
    for index, (label, bars) in enumerate(groups):
        width = min(22.0, slot * 0.8 / len(bars))
        x0 = left + slot * index + (slot - width * len(bars)) / 2
        for rank, (value, colour) in enumerate(bars):
            x = x0 + rank * width
            if value is not None:
                svg.rect(x + 0.4, y(0), width - 0.8, y(value) - y(0), colour)
                svg.text(
                    x + width / 2,
                    (y(value) - 1.2) if value >= 0 else (y(value) + 3.5),
                    number(value, 1),
                    2.8,
                    "middle",
                )
        svg.text(left + slot * (index + 0.5), bottom + 5, label, 3.0, "middle")
    svg.line(left, y(0), right, y(0), AXIS, 0.3)
    x = right
    for label, colour in reversed(legend):
        x -= 7 + 2.2 * len(label)
        svg.rect(x, 3.2, 3, 3, colour)
        svg.text(x + 4, 5.9, label, 3.0)
    return svg.save(path)


def stocks(territory, path: Path) -> str:
    """Artificialised and impermeable surface at each millésime (ha), bars side by side."""
    groups = []
    for kind, label in (("artif", "Surface artificialisée"), ("imper", "Surface imperméabilisée")):
        groups.append(
            (
                label,
                [
                    (territory.stock_debut(kind), COLOURS["debut"]),
                    (territory.get(f"surface_{kind}"), COLOURS["fin"]),
                ],
            )
        )
    legend = [
        (str(territory.debut or "début"), COLOURS["debut"]),
        (str(territory.fin or "fin"), COLOURS["fin"]),
    ]
    return _vertical_bars("Stocks aux deux millésimes", groups, legend, path)


def flows(territory, path: Path) -> str:
    """The four flows between the millésimes (ha)."""
    kinds = [
        ("artif", "Artificialisation"),
        ("desartif", "Désartificialisation"),
        ("imper", "Imperméabilisation"),
        ("desimper", "Désimperméabilisation"),
    ]
    groups = [(label, [(territory.get(f"flux_{kind}"), COLOURS[kind])]) for kind, label in kinds]
    return _vertical_bars(
        f"Flux {territory.debut or ''}–{territory.fin or ''} par type", groups, [], path
    )


class Ranking:
    """Communes ranked by net artificialisation (ha), the highest first, one commune highlighted
    or none."""

    def __init__(self, communes, limit: int = 45):
        self.rows = sorted(
            (c for c in communes if c.get("flux_artif_net") is not None),
            key=lambda c: (-c.get("flux_artif_net"), c.nom),
        )
        self.limit = limit

    def picked(self, highlight: str | None) -> list[int]:
        """The ranks shown: all when they fit, else both ends — the largest artificialisation
        nette and the largest désartificialisation nette (a third of the places) — and the
        ``highlight`` in its place."""
        count = len(self.rows)
        if count <= self.limit:
            return list(range(count))
        tail = self.limit // 3
        head = self.limit - tail - 1  # one line for the gap
        ranks = [*range(head), *range(count - tail, count)]
        mine = next((i for i, c in enumerate(self.rows) if c.code == highlight), None)
        if mine is not None and mine not in ranks:
            ranks = sorted([*ranks[: head - 1], *ranks[head:], mine])
        return ranks

    def save(self, highlight: str | None, path: Path) -> str:
        ranks = self.picked(highlight)
        shown = [self.rows[i] for i in ranks]
        gaps = {index for index in range(1, len(ranks)) if ranks[index] != ranks[index - 1] + 1}
        row = 4.6
        names = 44.0
        svg = Svg(170, 16 + row * max(len(shown) + len(gaps), 1) + 10)
        left, right, top = names + 2, 156.0, 14.0
        values = [c.get("flux_artif_net") for c in shown]
        high, low = max(values + [0.0]), min(values + [0.0])
        step = nice_step(high - low)
        high, low = (math.ceil(high / step) * step) or step, math.floor(low / step) * step
        if min(values + [0.0]) < 0:
            # room for the value written left of the longest negative bar, clear of the names
            low -= step
        scale = (right - left) / ((high - low) or 1.0)

        def x(value):
            return left + (value - low) * scale

        more = f" ({len(shown)} sur {len(self.rows)})" if len(self.rows) > len(shown) else ""
        svg.text(0, 6, f"Communes classées par artificialisation nette{more}", 4.0, bold=True)
        if more:
            svg.text(
                0,
                10.5,
                "Les deux extrémités du classement : plus fortes artificialisations et "
                "désartificialisations nettes.",
                2.8,
                colour="#555555",
            )
        bottom = top + row * (len(shown) + len(gaps))

        def line(index):  # the rows' places, a line left for each gap
            return index + sum(1 for gap in gaps if gap <= index)

        for index in gaps:  # the communes left out between two shown: said on the line between them
            svg.text(
                names,
                top + (line(index) - 1) * row + row - 1.3,
                f"… {ranks[index] - ranks[index - 1] - 1} autres communes …",
                2.6,
                "end",
                colour="#777777",
            )
        tick = low
        while tick <= high + step / 2:
            svg.line(x(tick), top - 1, x(tick), bottom, GRID, 0.2)
            svg.text(x(tick), bottom + 4, number(tick, 0), 2.8, "middle")
            tick += step
        svg.text((left + right) / 2, bottom + 8.5, "artificialisation nette (ha)", 3.0, "middle")
        for index, commune in enumerate(shown):
            value = commune.get("flux_artif_net")
            mine = highlight is not None and commune.code == highlight
            colour = (
                (COLOURS["artif"] if value >= 0 else COLOURS["desartif"])
                if highlight is None or mine
                else COLOURS["other"]
            )
            yy = top + line(index) * row
            svg.rect(x(0), yy + 0.6, x(value) - x(0), row - 1.2, colour)
            name = commune.nom if len(commune.nom) <= 28 else commune.nom[:27] + "…"
            svg.text(names, yy + row - 1.3, name, 2.9, "end", bold=mine)
            svg.text(
                x(value) + (1.2 if value >= 0 else -1.2),
                yy + row - 1.3,
                number(value, 1),
                2.6,
                "start" if value >= 0 else "end",
                bold=mine,
            )
        svg.line(x(0), top - 1, x(0), bottom, AXIS, 0.3)
        return svg.save(path)
