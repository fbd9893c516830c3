"""The portrait's charts as SVG files (matplotlib, which QGIS ships on Debian and OSGeo4W), placed in the
layout as picture items: vectors, crisp when printed. Figures only, with French labels and numbers."""

from __future__ import annotations

from pathlib import Path

from .numbers import number

COLOURS = {
    "artif": "#c8102e",  # artificialisation
    "desartif": "#3a9d23",  # désartificialisation
    "imper": "#4d4d4d",  # imperméabilisation
    "desimper": "#7fb8d6",  # désimperméabilisation
    "debut": "#f2a7a0",
    "fin": "#c8102e",
    "highlight": "#c8102e",
    "other": "#9e9e9e",
}
FONT = {"family": "DejaVu Sans", "size": 9}


def _figure(width_mm: float, height_mm: float):
    from matplotlib import rcParams
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    rcParams["svg.hashsalt"] = "ocsge"  # the same figure gives the same file
    rcParams["font.family"] = FONT["family"]
    rcParams["font.size"] = FONT["size"]
    figure = Figure(figsize=(width_mm / 25.4, height_mm / 25.4))
    FigureCanvasSVG(figure)
    return figure


def _frame(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(length=0)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)


def _save(figure, path: Path) -> str:
    figure.tight_layout()
    figure.savefig(str(path), format="svg", metadata={"Date": None})
    return str(path)


def _label_bars(axes, bars, values, decimals: int = 1, horizontal: bool = False) -> None:
    for bar, value in zip(bars, values):
        if value is None:
            continue
        if horizontal:
            axes.annotate(number(value, decimals), (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(3 if value >= 0 else -3, 0),
                          textcoords="offset points", ha="left" if value >= 0 else "right", va="center", fontsize=7)
        else:
            axes.annotate(number(value, decimals), (bar.get_x() + bar.get_width() / 2, bar.get_height()), xytext=(0, 2),
                          textcoords="offset points", ha="center", va="bottom", fontsize=8)


def stocks(territory, path: Path) -> str:
    """Artificialised and impermeable surface at each millésime (ha), bars side by side."""
    figure = _figure(170, 85)
    axes = figure.add_subplot(1, 1, 1)
    _frame(axes)
    kinds = [("artif", "Surface artificialisée"), ("imper", "Surface imperméabilisée")]
    width = 0.36
    for offset, (moment, year) in enumerate((("debut", territory.debut), ("fin", territory.fin))):
        values = [territory.stock_debut(k) if moment == "debut" else territory.get(f"surface_{k}") for k, _ in kinds]
        xs = [i + (offset - 0.5) * width for i in range(len(kinds))]
        bars = axes.bar(xs, [v or 0 for v in values], width, label=str(year or ""), color=COLOURS[moment])
        _label_bars(axes, bars, values, 1)
    axes.set_xticks(range(len(kinds)))
    axes.set_xticklabels([label for _, label in kinds])
    axes.set_ylabel("hectares")
    axes.yaxis.set_major_formatter(_formatter())
    top = max([territory.get(f"surface_{k}") or 0 for k, _ in kinds] + [1])
    axes.set_ylim(0, top * 1.25)
    axes.legend(frameon=False, loc="upper center", ncol=2)
    axes.set_title("Stocks aux deux millésimes", loc="left", fontsize=10, fontweight="bold")
    return _save(figure, path)


def flows(territory, path: Path) -> str:
    """The four flows between the millésimes (ha)."""
    figure = _figure(170, 85)
    axes = figure.add_subplot(1, 1, 1)
    _frame(axes)
    kinds = [("artif", "Artificialisation"), ("desartif", "Désartificialisation"), ("imper", "Imperméabilisation"), ("desimper", "Désimperméabilisation")]
    values = [territory.get(f"flux_{k}") for k, _ in kinds]
    bars = axes.bar(range(len(kinds)), [v or 0 for v in values], 0.6, color=[COLOURS[k] for k, _ in kinds])
    _label_bars(axes, bars, values, 1)
    axes.set_xticks(range(len(kinds)))
    axes.set_xticklabels([label for _, label in kinds])
    axes.set_ylabel("hectares")
    axes.yaxis.set_major_formatter(_formatter())
    axes.set_title(f"Flux {territory.debut or ''}–{territory.fin or ''} par type", loc="left", fontsize=10, fontweight="bold")
    return _save(figure, path)


def ranking(communes, highlight: str | None, path: Path, limit: int = 40) -> str:
    """Communes ranked by net artificialisation (ha), the highest first; the portrait's commune highlighted."""
    rows = sorted((c for c in communes if c.get("flux_artif_net") is not None), key=lambda c: c.get("flux_artif_net"), reverse=True)
    shown = rows[:limit]
    if highlight and highlight not in {c.code for c in shown}:
        shown = shown[: limit - 1] + [c for c in rows if c.code == highlight]
    height = max(60, 12 + 4.2 * len(shown))
    figure = _figure(170, min(height, 230))
    axes = figure.add_subplot(1, 1, 1)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(length=0)
    values = [c.get("flux_artif_net") for c in shown]
    colours = [COLOURS["highlight"] if (highlight is None or c.code == highlight) else COLOURS["other"] for c in shown]
    bars = axes.barh(range(len(shown)), values, 0.7, color=colours)
    _label_bars(axes, bars, values, 1, horizontal=True)
    axes.set_yticks(range(len(shown)))
    axes.set_yticklabels([c.nom for c in shown], fontsize=7 if len(shown) > 20 else 8)
    axes.invert_yaxis()
    axes.axvline(0, color="#333333", linewidth=0.6)
    axes.set_xlabel("artificialisation nette (ha)")
    axes.xaxis.set_major_formatter(_formatter())
    axes.margins(x=0.12)
    more = f" ({len(shown)} premières sur {len(rows)})" if len(rows) > len(shown) else ""
    axes.set_title(f"Communes classées par artificialisation nette{more}", loc="left", fontsize=10, fontweight="bold")
    return _save(figure, path)


def _formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _: number(value, 0))
