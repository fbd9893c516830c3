"""The portrait's charts by class of the OCS GE nomenclature, drawn from the per-class tables
(couverture_, usage_, transition_cs_, origine_artif_<level>) as SVG: the stock by couverture and
by usage at both millésimes, the origin of the newly artificialised land, the couverture
transition matrix. IGN's colours (``nomenclature``), French labels and numbers; a code outside
the nomenclature (INDETERMINE, an unknown code) is drawn under its own name, a null as « Non
renseigné », never left out."""

from __future__ import annotations

import math
from pathlib import Path

from ..domain.nomenclature import couverture, usage
from .charts import AXIS, GRID, Svg
from .numbers import number, percent

__all__ = [
    "OTHER",
    "colour",
    "label",
    "ordered",
    "origin",
    "stock_by_class",
    "transition_matrix",
]

OTHER = "#b3b3b3"  # a code outside the nomenclature, or null
ROW = 5.4  # mm per class in the bar charts


def _entries(kind: str) -> dict:
    return couverture() if kind == "couverture" else usage()


def label(kind: str, code, width: int = 34) -> str:
    """« Zones bâties (CS1.1.1.1) », « Indéterminé (INDETERMINE) », « Non renseigné »."""
    if code is None:
        return "Non renseigné"
    entry = _entries(kind).get(code)
    if entry is None:
        return "Indéterminé (INDETERMINE)" if code == "INDETERMINE" else f"Code {code}"
    text = f"{entry.libelle_court} ({code})"
    return (
        text if len(text) <= width else f"{entry.libelle_court[: width - len(code) - 4]}… ({code})"
    )


def colour(kind: str, code) -> str:
    entry = _entries(kind).get(code) if code is not None else None
    return entry.couleur if entry is not None else OTHER


def ordered(kind: str, codes) -> list:
    """Codes in the nomenclature's order, then the others by name, null last."""
    order = {code: index for index, code in enumerate(_entries(kind))}
    return sorted(set(codes), key=lambda c: (c is None, c not in order, order.get(c, 0), c or ""))


NEUTRAL = "#5a5a5a"  # the legend's swatches of the charts by class (their bars: IGN's colours)


def _lighter(hex_colour: str, share: float = 0.55) -> str:
    """``hex_colour`` mixed with white (``share`` of white): the bar of the first millésime."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(v + (255 - v) * share):02x}" for v in (r, g, b))


def _missing(title: str, why: str, path: Path) -> str:
    svg = Svg(170, 30)
    svg.text(0, 6, title, 4.0, bold=True)
    svg.text(0, 16, why, 3.2, colour="#555555")
    return svg.save(path)


def _bar(
    svg: Svg, x0: float, y: float, height: float, value: float, scale: float, fill: str, text: str
) -> None:
    width = max(value * scale, 0.0)
    svg.parts.append(
        f'<rect x="{x0:.2f}" y="{y:.2f}" width="{width:.2f}" height="{height:.2f}" '
        f'fill="{fill}" stroke="#8c8c8c" stroke-width="0.12"/>'
    )
    svg.text(x0 + width + 1.0, y + height - 0.35, text, 2.3)


def stock_by_class(kind: str, by_year: dict, debut, fin, path: Path) -> str:
    """The stock by couverture (``kind`` 'couverture') or by usage ('usage') at début and fin
    (ha): one row per code present at either millésime, the bar of début lighter than that of
    fin."""
    title = (
        f"Surfaces par {'couverture' if kind == 'couverture' else 'usage'} du sol en "
        f"{debut or '–'} et {fin or '–'}"
    )
    codes = ordered(kind, [c for year in by_year.values() for c, v in year.items() if v])
    if not codes:
        return _missing(
            title, "Tables par classe absentes : relancer ocsge:diagnostic pour les produire.", path
        )
    names, left, right, top = 62.0, 64.0, 150.0, 16.0
    svg = Svg(170, top + ROW * len(codes) + 12)
    high = max(v for year in by_year.values() for v in year.values()) or 1.0
    scale = (right - left) / high
    svg.text(0, 6, title, 4.0, bold=True)
    # the bars take IGN's colour of their class: the legend says light / full, in a neutral grey
    for x, (year, share, shade) in zip(
        (112.0, 138.0), ((debut, 0.55, "clair"), (fin, 0.0, "plein"))
    ):
        svg.rect(x, 9.2, 3, 3, _lighter(NEUTRAL, share))
        svg.text(x + 4, 11.9, f"{year or '–'} : {shade}", 3.0)
    for index, code in enumerate(codes):
        y = top + index * ROW
        svg.text(names, y + ROW / 2 + 1.0, label(kind, code), 2.7, "end")
        for rank, (year, share) in enumerate(((debut, 0.55), (fin, 0.0))):
            value = by_year.get(year, {}).get(code)
            if value is not None:
                _bar(
                    svg,
                    left,
                    y + 0.4 + rank * 2.3,
                    2.2,
                    value,
                    scale,
                    _lighter(colour(kind, code), share) if share else colour(kind, code),
                    number(value, 1 if value >= 1 else 2),
                )
    bottom = top + ROW * len(codes)
    svg.line(left, top - 1, left, bottom, AXIS, 0.3)
    svg.text(
        left,
        bottom + 5,
        "surfaces en hectares ; barre claire : premier millésime, barre pleine : dernier",
        2.6,
    )
    return svg.save(path)


def origin(origin_by_pair: dict, total, debut, fin, path: Path) -> str:
    """What the land artificialised between début and fin was at début: by couverture, then by
    usage (ha and share of the artificialisation)."""
    title = f"Origine des surfaces artificialisées entre {debut or '–'} et {fin or '–'}"
    if not origin_by_pair:
        why = (
            "Aucune surface artificialisée entre les deux millésimes."
            if total == 0
            else "Donnée non disponible (tables par classe absentes ou flux inconnus)."
        )
        return _missing(title, why, path)
    panels = []
    for kind, position in (("couverture", 0), ("usage", 1)):
        sums: dict = {}
        for pair, value in origin_by_pair.items():
            sums[pair[position]] = sums.get(pair[position], 0.0) + value
        panels.append((kind, sorted(sums.items(), key=lambda item: (-item[1], item[0] or ""))))
    whole = sum(origin_by_pair.values())
    height = 14 + sum(10 + ROW * len(rows) for _, rows in panels)
    svg = Svg(170, height)
    svg.text(0, 6, f"{title} ({number(whole, 1)} ha)", 4.0, bold=True)
    names, left, right = 62.0, 64.0, 140.0
    high = max(v for _, rows in panels for _, v in rows) or 1.0
    y = 14.0
    for kind, rows in panels:
        svg.text(
            0,
            y + 3,
            f"Selon {'la couverture' if kind == 'couverture' else 'l’usage'} du sol en "
            f"{debut or '–'}",
            3.2,
            bold=True,
        )
        y += 6
        for code, value in rows:
            svg.text(names, y + ROW / 2 + 1.0, label(kind, code), 2.7, "end")
            _bar(
                svg,
                left,
                y + 0.8,
                ROW - 1.6,
                value,
                (right - left) / high,
                colour(kind, code),
                f"{number(value, 1)} ha ({percent(100.0 * value / whole if whole else None, 0)})",
            )
            y += ROW
        svg.line(left, y - ROW * len(rows) - 0.5, left, y, AXIS, 0.3)
        y += 4
    return svg.save(path)


def transition_matrix(transitions: dict, debut, fin, path: Path) -> str:
    """Changed land by couverture at début (rows) and at fin (columns), in ha: a heatmap whose shade
    grows with the surface; the diagonal is land whose couverture stayed and whose usage changed."""
    title = f"Changements de couverture du sol entre {debut or '–'} et {fin or '–'}"
    if not transitions:
        return _missing(
            title,
            "Donnée non disponible (pas de couche de différence ni de superposition des "
            "deux millésimes).",
            path,
        )
    rows = ordered("couverture", [pair[0] for pair in transitions])
    columns = ordered("couverture", [pair[1] for pair in transitions])
    names, top = 62.0, 46.0  # room above for the columns' labels
    cell = min(12.0, (168.0 - names) / len(columns), 200.0 / len(rows))
    svg = Svg(170, top + cell * len(rows) + 16)
    svg.text(0, 6, title, 4.0, bold=True)
    svg.text(
        0,
        11,
        f"lignes : couverture en {debut or '–'} ; colonnes : couverture en {fin or '–'} "
        "; surfaces en hectares",
        2.8,
        colour="#555555",
    )
    high = max(transitions.values()) or 1.0
    for j, code in enumerate(columns):
        x = names + (j + 0.5) * cell + 1.0
        name = label("couverture", code) if code else "Non renseigné"
        svg.text(x, top - 1.5, name if len(name) <= 32 else name[:31] + "…", 2.4, rotate=-60)
    for i, row_code in enumerate(rows):
        y = top + i * cell
        svg.text(names - 2.0, y + cell / 2 + 0.9, label("couverture", row_code), 2.4, "end")
        svg.rect(names - 1.5, y + cell * 0.2, 1.0, cell * 0.6, colour("couverture", row_code))
        for j, col_code in enumerate(columns):
            x = names + j * cell
            value = transitions.get((row_code, col_code))
            same = row_code == col_code
            shade = _lighter("#c8102e", 1.0 - math.sqrt(value / high)) if value else "#ffffff"
            svg.parts.append(
                f'<rect x="{x:.2f}" y="{y:.2f}" width="{cell:.2f}" height="{cell:.2f}" '
                f'fill="{shade}" stroke="{AXIS if same else GRID}" '
                f'stroke-width="{0.3 if same else 0.15}"/>'
            )
            if value:  # one precision: a tenth of a hectare (below it, « < 0,1 »)
                dark = math.sqrt(value / high) > 0.55
                text = number(value, 1) if value >= 0.05 else "< " + number(0.1, 1)
                svg.text(
                    x + cell / 2,
                    y + cell / 2 + 0.8,
                    text,
                    min(2.4, cell / 3.4),
                    "middle",
                    colour="#ffffff" if dark else "#222222",
                )
    bottom = top + cell * len(rows)
    svg.text(
        0,
        bottom + 6,
        "Case encadrée : couverture inchangée, usage changé. Case vide : aucun "
        "changement. Hectares, au dixième.",
        2.6,
        colour="#555555",
    )
    return svg.save(path)
