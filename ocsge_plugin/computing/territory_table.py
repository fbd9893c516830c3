"""The territory table made from the sums of an aggregation: one row per territory and pair of
millésimes (``table.TABLE_COLUMNS``, m²), the pairs taken from the millésimes met."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .placement import TerritorySet
from .table import NUMBER_COLUMNS, TABLE_COLUMNS, years_text

__all__ = ["FLOW_SUMS", "build_table", "millesime_pairs"]

# Flow columns summed per (source, territory).
FLOW_SUMS = ("flux_artif", "flux_desartif", "flux_imper", "flux_desimper", "flux_indetermine")


def build_table(
    territories: TerritorySet,
    area: np.ndarray,
    stocks: dict[tuple[str, int], np.ndarray],
    flows: dict[tuple[str, int, int], np.ndarray],
    coverage: bool,
    repaired: np.ndarray | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """The long table. A stock no stock layer covers (only flow layers, or no OCS GE over the
    territory) is NULL, never 0; likewise flows no flow source covers (``inconnu`` says which)."""
    n_t = len(territories)
    years_of, pairs = millesime_pairs(stocks, flows)
    rows = []
    covered_any = np.zeros(n_t, dtype=bool)
    for s in stocks.values():
        covered_any |= s[:, 0] > 0
    for f in flows.values():
        covered_any |= f.sum(axis=1) > 0
    for i_debut, i_fin in pairs:
        sums = _PairSums.of(i_debut, i_fin, years_of, stocks, flows, n_t)
        for t in range(n_t):
            present = bool(sums.years_fin[t])
            row = {
                "code": territories.codes[t],
                "nom": territories.names[t],
                "index_debut": i_debut,
                "index_fin": i_fin,
                "millesime_debut": years_text(sums.years_debut[t])
                if present and sums.years_debut[t]
                else None,
                "millesime_fin": years_text(sums.years_fin[t]) if present else None,
                "surface": area[t],
            }
            if present:
                row.update(sums.values(t, area[t], i_debut is not None, coverage))
                row["polygones_repares"] = float(repaired[t]) if repaired is not None else 0.0
            rows.append(row)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    for name in ("index_debut", "index_fin"):
        table[name] = table[name].astype("Int64")
    table[NUMBER_COLUMNS] = table[NUMBER_COLUMNS].astype(float)
    zero = [territories.codes[t] for t in range(n_t) if not covered_any[t]]
    return table, zero


def millesime_pairs(
    stocks: dict[tuple[str, int], np.ndarray], flows: dict[tuple[str, int, int], np.ndarray]
) -> tuple[dict[str, list[int]], list[tuple[int | None, int]]]:
    """Each département's millésimes, and the pairs of indexes (début, fin) the table has rows for
    (début None: a single millésime), in order: territories across départements combine by index."""
    deps = sorted({k[0] for k in stocks} | {k[0] for k in flows})
    years_of: dict[str, list[int]] = {}
    for dep in deps:
        years = {k[1] for k in stocks if k[0] == dep} | {
            y for k in flows if k[0] == dep for y in k[1:]
        }
        years_of[dep] = sorted(years)
    index_of = {dep: {y: i + 1 for i, y in enumerate(years)} for dep, years in years_of.items()}
    pairs: set[tuple[int | None, int]] = set()
    for dep in years_of:
        stock_years = sorted(k[1] for k in stocks if k[0] == dep)
        if len(stock_years) == 1 and not any(k[0] == dep for k in flows):
            pairs.add((None, index_of[dep][stock_years[0]]))
        for a, b in zip(stock_years, stock_years[1:]):
            pairs.add((index_of[dep][a], index_of[dep][b]))
        for k in flows:
            if k[0] == dep:
                pairs.add((index_of[dep][k[1]], index_of[dep][k[2]]))
    return years_of, sorted(pairs, key=lambda p: (p[1], p[0] or 0))


@dataclass
class _PairSums:
    """Stocks at début and fin and flows of one pair of indexes, summed over the départements, with
    which territories each is known for and the years that went into each territory's row."""

    stock_fin: np.ndarray
    stock_debut: np.ndarray
    flow: np.ndarray
    has_stock_fin: np.ndarray
    has_stock_debut: np.ndarray
    has_flow: np.ndarray
    years_debut: list[set]
    years_fin: list[set]

    @classmethod
    def of(
        cls,
        i_debut: int | None,
        i_fin: int,
        years_of: dict[str, list[int]],
        stocks: dict,
        flows: dict,
        n_t: int,
    ) -> _PairSums:
        out = cls(
            np.zeros((n_t, 4)),
            np.zeros((n_t, 4)),
            np.zeros((n_t, len(FLOW_SUMS))),
            np.zeros(n_t, dtype=bool),
            np.zeros(n_t, dtype=bool),
            np.zeros(n_t, dtype=bool),
            [set() for _ in range(n_t)],
            [set() for _ in range(n_t)],
        )
        for dep in sorted(years_of):
            years = years_of[dep]
            y_fin = years[i_fin - 1] if i_fin - 1 < len(years) else None
            y_debut = (
                years[i_debut - 1] if i_debut is not None and i_debut - 1 < len(years) else None
            )
            if y_fin is None:
                continue
            touched = np.zeros(n_t, dtype=bool)
            if (dep, y_fin) in stocks:
                s = stocks[(dep, y_fin)]
                out.stock_fin += s
                touched |= s.sum(axis=1) > 0
                out.has_stock_fin |= s.sum(axis=1) > 0
            if y_debut is not None and (dep, y_debut) in stocks:
                s = stocks[(dep, y_debut)]
                out.stock_debut += s
                touched |= s.sum(axis=1) > 0
                out.has_stock_debut |= s.sum(axis=1) > 0
            if y_debut is not None and (dep, y_debut, y_fin) in flows:
                f = flows[(dep, y_debut, y_fin)]
                out.flow += f
                touched |= f.sum(axis=1) > 0
                out.has_flow |= (
                    touched  # a territory of this département: its flows are known (maybe 0)
                )
            for t in np.nonzero(touched)[0]:
                out.years_fin[t].add(y_fin)
                if y_debut is not None:
                    out.years_debut[t].add(y_debut)
        return out

    def values(self, t: int, a: float, pair: bool, coverage: bool) -> dict[str, Any]:
        """The stock, flow and ``inconnu`` columns of territory ``t`` (area ``a``)."""
        sf, sd, fl = self.stock_fin[t], self.stock_debut[t], self.flow[t]
        row: dict[str, Any] = {}
        unknown = []
        if self.has_stock_fin[t]:
            row.update(
                surface_couverte=sf[0] if coverage else None,
                pourcent_couvert=(100.0 * sf[0] / a if a > 0 else None) if coverage else None,
                surface_artif=sf[1],
                pourcent_artif=100.0 * sf[1] / a if a > 0 else None,
                surface_imper=sf[2],
                pourcent_imper=100.0 * sf[2] / a if a > 0 else None,
                surface_indeterminee=sf[3],
            )
        else:
            unknown.append("stock")
        if pair and self.has_stock_debut[t]:
            row.update(
                surface_artif_debut=sd[1],
                surface_imper_debut=sd[2],
                surface_couverte_debut=sd[0] if coverage else None,
            )
        if pair:
            if self.has_flow[t]:
                row.update(
                    flux_artif=fl[0],
                    flux_desartif=fl[1],
                    flux_artif_net=fl[0] - fl[1],
                    flux_imper=fl[2],
                    flux_desimper=fl[3],
                    flux_imper_net=fl[2] - fl[3],
                    flux_indetermine=fl[4],
                )
            else:
                unknown.append("flux")
        row["inconnu"] = ", ".join(unknown) or None
        return row
