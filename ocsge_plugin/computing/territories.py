"""Aggregation: OCS GE stocks and flows summed per territory, one streaming pass per source.

OCS GE polygon ∩ territory polygon, area summed per territory, in the data's projected CRS
(territories are reprojected to it; docs/domain.md §4). Percentages are over the full territory
area;
the share of the territory covered by OCS GE is reported beside them.

``aggregate(territories, sources, method='auto', coverage=True, feedback=None, overlay=None,
convention=…, thresholds=None) -> AggregateResult``: ``AggregateResult.table`` is a pandas DataFrame
(m²) with one row per territory and pair of millésimes (``table.TABLE_COLUMNS``), combined by index
across départements. The flows of two millésimes without flow layer (``overlay``) and the matrix +
thresholds (``thresholds``) come from the other cores, handed in by ``chain.run_aggregate``.

Where the rest lives: ``placement`` (territories, placing polygons in them), ``sources`` (what a
layer is), ``batches`` (reading), ``wkb`` (areas and boxes), ``codes`` (statuses by distinct value),
``table`` (the table's columns and units), ``classes`` (the per-class sums, made in the same pass:
``AggregateResult.classes``), ``rollup`` (higher levels).

Only the needed attributes are read; the couverture × usage matrix is a lookup per distinct pair of
codes; polygons that are neither artificialised nor impermeable only count for the coverage
(``coverage=False`` skips them). Memory is bounded by the number of territories, classes and
boundary polygons, not by the number of polygons.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd
from osgeo import gdal
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsRectangle

from ..core.errors import TerritoryError
from ..core.i18n import Note, plural, tr
from ..domain.rules import DEFAULT_CONVENTION
from .batches import (
    Needed,
    Step,
    forget_read_ahead,
    iter_batches,
    postgis_extents,
    postgis_readable,
    read_ahead,
)
from .classes import Collector
from .codes import (
    UNKNOWN,
    YES,
    flow_sign,
    lookup_artif,
    lookup_imper,
    lookup_statuses,
    lookup_values,
    parse_bool,
    parse_ign_artif_or_bool,
    parse_sign,
)
from .placement import Placement, Placements, TerritorySet, accumulate
from .sources import Source, resolve_stock_method
from .territory_table import FLOW_SUMS, build_table, millesime_pairs
from .wkb import wkb_area_bbox

__all__ = ["AggregateResult", "aggregate"]

gdal.UseExceptions()


# ------------------------------------------------------------------------------ aggregation

# Stock columns accumulated per (source, territory): covered, artif, imper, indéterminé.
_STOCK = ("couverte", "artif", "imper", "indeterminee")


@dataclass
class AggregateResult:
    """The aggregation's answer: ``table`` (m²), the territories and what was noticed."""

    table: pd.DataFrame
    territories: TerritorySet
    area: np.ndarray  # territory areas (m²), in the data's CRS
    geometries: list[QgsGeometry]  # territory geometries in ``crs``
    crs: QgsCoordinateReferenceSystem
    warnings: list[str] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    zero_coverage: list[str] = field(default_factory=list)
    convention: str = DEFAULT_CONVENTION
    outside_note: str | None = (
        None  # the warning (among ``warnings``) naming the territories outside the data
    )
    classes: dict[str, pd.DataFrame] = field(
        default_factory=dict
    )  # per-class long tables (m²), classes.Collector.tables


def _stock_weights(
    source: Source,
    batch: dict,
    method: str,
    classification=None,
    convention: str = DEFAULT_CONVENTION,
) -> np.ndarray:
    """Per polygon: (covered, artif, imper, indéterminé) as 0 / 1 weights; ``method`` as
    ``sources.resolve_stock_method`` says ('classified': the layer's own artif and imper fields)."""
    n = len(batch["wkb"])
    imper, artif = _statuses(source, batch, method, classification, convention)
    w = np.zeros((n, 4), dtype=np.float64)
    w[:, 0] = 1.0
    w[:, 1] = artif == YES
    w[:, 2] = imper == YES
    w[:, 3] = (artif == UNKNOWN) | (imper == UNKNOWN)
    return w


def _statuses(
    source: Source, batch: dict, method: str, classification, convention: str
) -> tuple[np.ndarray, np.ndarray]:
    """(imper, artif) of each polygon of a stock batch, 1 / 0 / -1 (``_stock_weights``)."""
    f = source.fields
    n = len(batch["wkb"])
    if source.kind == "classified":
        return (
            lookup_values(batch[f["imper"]], parse_bool),
            lookup_values(batch[f["artif"]], parse_bool),
        )
    if classification is None and method != "ign":  # the matrix: each column factorised once
        return lookup_statuses(batch[f["code_cs"]], batch[f["code_us"]], convention)
    imper = (
        lookup_imper(batch[f["code_cs"]], convention)
        if "code_cs" in f
        else np.full(n, UNKNOWN, np.int8)
    )
    if classification is not None:
        pos = np.searchsorted(classification[0], batch["fid"])
        pos = np.clip(pos, 0, max(classification[0].size - 1, 0))
        found = (
            classification[0][pos] == batch["fid"] if classification[0].size else np.zeros(n, bool)
        )
        return imper, np.where(found, classification[1][pos], UNKNOWN).astype(np.int8)
    return imper, lookup_values(batch[f["artif"]], parse_ign_artif_or_bool)


def _counts(w: np.ndarray) -> np.ndarray:
    """Per polygon: whether it adds to a stock without the coverage (artificialised, impermeable or
    undetermined)."""
    return (w[:, 1] + w[:, 2] + w[:, 3]) > 0


def _rows_needed(source: Source, used: str, coverage: bool, convention: str) -> Needed | None:
    """The polygons of a stock layer ``add_stock`` uses at all, told from their codes alone
    (``batches.iter_batches`` leaves the others out of a PostGIS reading): without the coverage (nor
    the stock by class it would give), those that count (``_counts``: an undetermined one too,
    counted apart); None (all of them) with the coverage or the thresholds (which classify a polygon
    by its
    neighbours)."""
    if coverage or used == "matrice_seuils":
        return None
    return lambda batch: _counts(_stock_weights(source, batch, used, None, convention))


def _flow_weights(source: Source, batch: dict, convention: str = DEFAULT_CONVENTION) -> np.ndarray:
    """Per piece: (artificialisation, désartificialisation, imperméabilisation,
    désimperméabilisation,
    indéterminé) as 0 / 1 weights. A piece whose status is indéterminé at a date (for the flows
    taken from this layer) is kept out of the flows and weighs on the last column only (as
    ``flows.pieces_from_difference`` does)."""
    f = source.fields
    undetermined = None
    if source.kind == "flows":
        fa = lookup_values(batch[f["flux_artif"]], parse_sign)
        fi = lookup_values(batch[f["flux_imper"]], parse_sign)
    else:
        imper_d, imper_f = (
            lookup_imper(batch[f["cs_debut"]], convention),
            lookup_imper(batch[f["cs_fin"]], convention),
        )
        fi = flow_sign(imper_d, imper_f)
        undetermined = (
            (imper_d == UNKNOWN) | (imper_f == UNKNOWN)
            if "imper" in source.flows
            else np.zeros(fi.shape, bool)
        )
        if source.kind == "artif_diff":
            fa = lookup_values(batch[f["artificialisation"]], parse_sign)
        else:
            artif_d = lookup_artif(batch[f["cs_debut"]], batch[f["us_debut"]], convention)
            artif_f = lookup_artif(batch[f["cs_fin"]], batch[f["us_fin"]], convention)
            fa = flow_sign(artif_d, artif_f)
            if "artif" in source.flows:
                undetermined |= (artif_d == UNKNOWN) | (artif_f == UNKNOWN)
    w = np.zeros((len(fa), 5), dtype=np.float64)
    if "artif" in source.flows:
        w[:, 0] = fa > 0
        w[:, 1] = fa < 0
    if "imper" in source.flows:
        w[:, 2] = fi > 0
        w[:, 3] = fi < 0
    if undetermined is not None and undetermined.any():
        w[undetermined, :4] = 0.0
        w[undetermined, 4] = 1.0
    return w


class _Undetermined:
    """Count and surface (m²) of the undetermined polygons (or change pieces) of one layer and
    millésime(s), as an entry of ``stats['indetermine']``: (layer, millésime(s), count, m²)."""

    def __init__(self, stats: dict, layer: str, millesime: str):
        self.entry = [layer, millesime, 0, 0.0]
        stats.setdefault("indetermine", []).append(self.entry)

    def add(self, wkb: Any, mask: np.ndarray) -> None:
        if mask.any():
            area, _ = wkb_area_bbox(wkb[np.nonzero(mask)[0]])
            self.entry[2] += int(mask.sum())
            self.entry[3] += float(area.sum())


def _check_projected(source: Source) -> None:
    crs = source.layer.crs()
    if crs.isValid() and crs.isGeographic():
        raise TerritoryError(
            tr(
                "Layer {name} is in {crs}, in degrees: surfaces would be meaningless. "
                "Expected the département's projected CRS (EPSG:2154 Lambert-93 in "
                "métropole; 5490, 2972, 2975, 4471 outre-mer)."
            ).format(name=source.layer.name(), crs=crs.authid())
        )


def _box(rectangle: QgsRectangle) -> str:
    if rectangle.isEmpty() and rectangle.width() <= 0:
        return tr("nothing")
    return (
        f"x {rectangle.xMinimum():.0f} – {rectangle.xMaximum():.0f}, y "
        f"{rectangle.yMinimum():.0f} – {rectangle.yMaximum():.0f}"
    )


def _check_overlap(
    placements: Any, sources: Sequence[Source], extents: dict[str, QgsRectangle]
) -> None:
    """TerritoryError when no territory lies within the extent of any OCS GE layer (the wrong
    département's communes, a layer in another CRS…), naming both extents."""
    seen = {}
    for source in sources:
        key = source.crs.authid() or source.crs.toWkt()
        if key not in seen:
            seen[key] = placements.get(source.crs, extents[key])
    if not all(placement.disjoint for placement in seen.values()):
        return
    key, placement = next(iter(seen.items()))
    raise TerritoryError(
        tr(
            "The territories and the OCS GE data do not overlap: the territories cover "
            "{territories} and the data "
            "{data} ({crs}). Expected territories of the département(s) of the deliveries."
        ).format(territories=_box(placement.extent), data=_box(extents[key]), crs=key)
    )


def aggregate(
    territories: TerritorySet,
    sources: Sequence[Source],
    method: str = "auto",
    coverage: bool = True,
    feedback: Any = None,
    overlay: Callable[..., Iterator[tuple[Any, np.ndarray]]] | None = None,
    convention: str = DEFAULT_CONVENTION,
    thresholds: Callable[[Source, Step], tuple[np.ndarray, np.ndarray]] | None = None,
) -> AggregateResult:
    """Stocks and flows per territory from ``sources``, one streaming pass each.

    Args:
        territories: the territory polygons (any CRS).
        sources: stock layers (raw, IGN's artificialisation or classified) and flow layers
            (difference, artif_diff, ocsge:flows output), as :func:`describe_source` gives them.
        method: for raw stock layers: 'auto', 'ign', 'matrice' or 'matrice_seuils'.
        coverage: False skips polygons that are neither artificialised nor impermeable (faster; the
            covered share is then not computed).
        feedback: ``QgsProcessingFeedback``-like (setProgress, isCanceled, pushInfo).
        overlay: optional ``overlay(stock_debut, stock_fin, feedback) -> iterator of (wkb array,
            weights (n, 5), codes (n, 3): cs début, us début, cs fin)`` giving the change pieces
            of a pair of millésimes without difference layer (``chain.overlay_flows``).
        convention: how codes above the leaves or outside the nomenclature are read
            (``core.definitions.CONVENTIONS``).
        thresholds: ``thresholds(source, step) -> (sorted fids, artif)``, the matrix + thresholds
            of a stock layer (``chain.thresholds``); needed by method 'matrice_seuils'.
    """
    _check_inputs(territories, sources)
    step = Step(feedback)
    needed = {
        id(s): _rows_needed(s, resolve_stock_method(s, method), coverage, convention)
        for s in sources
        if s.role == "stock"
    }
    extents = _extents(sources, needed)
    with _read_ahead(
        sources, method, needed
    ) as in_turn:  # the first layer read while the territories are placed
        run = _Run(territories, extents, coverage, convention, feedback)
        _check_overlap(run.placements, sources, run.extents)
        # Overlays to come (stock pairs without flow layer), for the progress bar's shares.
        overlay_pairs = _overlay_pairs(sources) if overlay is not None else []
        count = {id(s): max(s.layer.featureCount(), 1) for s in sources}
        overlay_work = {
            id(pair): 3 * (count[id(pair[1])] + count[id(pair[2])]) for pair in overlay_pairs
        }  # overlays weigh more
        weights_total = sum(count.values()) + sum(overlay_work.values())
        shared = _shared_reads(overlay_pairs)
        done = _add_sources(
            run, in_turn, count, weights_total, method, thresholds, needed, step, shared
        )
    _add_overlays(run, overlay_pairs, overlay, [overlay_work, weights_total, done], step)
    step.check()
    area, geometries, crs = run.territory_area()
    table, zero = build_table(
        territories, area, run.stocks, run.flows, coverage, run.stats.get("repaired_t")
    )
    outside = _outside_note(zero)
    if outside:
        run.warnings.append(outside)
    run.warnings.extend(_closing_notes(run))
    step.progress(1.0)
    classes = _class_tables(run, territories)
    return AggregateResult(
        table,
        territories,
        area,
        geometries,
        crs,
        run.warnings,
        run.stats,
        zero,
        convention,
        outside,
        classes,
    )


def _add_overlays(run: _Run, pairs: list, overlay: Callable, shares: list, step: Step) -> None:
    """The pairs of stock layers without a flow layer overlaid in turn (``shares``: work per
    pair, total work, share done), then the stocks no overlay read (``_Run.read_pending``)."""
    work, total, done = shares
    for pair in pairs:
        share = work[id(pair)] / total
        sub = step.sub(done, done + share * 0.98)
        done += share * 0.98
        step.check()
        run.add_overlay(pair, overlay, sub)
    run.read_pending()


def _check_inputs(territories: TerritorySet, sources: Sequence[Source]) -> None:
    """Refuse no territory, no source, or a source in geographic coordinates."""
    if len(territories) == 0:
        raise TerritoryError(tr("The territory layer has no feature. Expected territory polygons."))
    if not sources:
        raise TerritoryError(
            tr(
                "No OCS GE layer to aggregate. Expected occupation du sol, "
                "artificialisation, difference or flows layers."
            )
        )
    for source in sources:
        _check_projected(source)


def _add_sources(
    run: _Run,
    in_turn: Iterator[Source],
    count: dict[int, int],
    weights_total: float,
    method: str,
    thresholds: Callable | None,
    needed: dict,
    step: Step,
    shared: set[int] = frozenset(),
) -> float:
    """Every source read in turn into ``run`` (stocks or flows), each its share of the progress;
    returns the share done. A stock source of ``shared`` (ids) is only prepared
    (``run.pending``): its overlay's reading sums its stocks."""
    done = 0.0
    for source in in_turn:
        share = count[id(source)] / weights_total
        sub = step.sub(done, done + share * 0.98)
        done += share * 0.98
        if id(source) in shared:
            used = resolve_stock_method(source, method)
            run.pending[id(source)] = run.stock_read(source, used, thresholds, sub)
        elif source.role == "stock":
            run.add_stock(
                source,
                resolve_stock_method(source, method),
                thresholds,
                sub,
                needed[id(source)],
            )
        else:
            run.add_flows(source, sub)
    return done


def _class_tables(run: _Run, territories: TerritorySet) -> dict[str, pd.DataFrame]:
    """The per-class tables of the run, millésimes numbered per département (1 = the first)."""
    years_of, _pairs = millesime_pairs(run.stocks, run.flows)
    index_of = {dep: {y: i + 1 for i, y in enumerate(years)} for dep, years in years_of.items()}
    return run.classes.tables(territories.codes, territories.names, index_of)


def _outside_note(zero: list[str]) -> str | None:
    """The warning naming the territories outside the OCS GE data, None when there is none."""
    if not zero:
        return None
    return plural(
        len(zero),
        tr(
            "{count} territory is outside the OCS GE data (zero coverage; its row "
            "has no values): {codes}."
        ),
        tr(
            "{count} territories are outside the OCS GE data (zero coverage; their "
            "rows have no values): {codes}."
        ),
    ).format(count=len(zero), codes=", ".join(zero[:30]) + ("…" if len(zero) > 30 else ""))


def _crs_key(crs: QgsCoordinateReferenceSystem) -> str:
    return crs.authid() or crs.toWkt()


def _extents(
    sources: Sequence[Source], needed: dict[int, Needed | None]
) -> dict[str, QgsRectangle]:
    """The data's extent per CRS: the placement grid of that CRS covers it. PostGIS layers: asked at
    once, with the combinations of codes of those read with a ``needed`` (by id of a stock
    source)."""
    extents: dict[str, QgsRectangle] = {}
    grouped = {
        i: list(s.fields.values()) for i, s in enumerate(sources) if needed.get(id(s)) is not None
    }
    asked = postgis_extents([source.layer for source in sources], grouped)
    for i, source in enumerate(sources):
        key_crs = _crs_key(source.crs)
        box = QgsRectangle(*asked[i]) if i in asked else QgsRectangle(source.layer.extent())
        if key_crs in extents:
            box.combineExtentWith(extents[key_crs])
        extents[key_crs] = box
    return extents


@contextmanager
def _read_ahead(
    sources: Sequence[Source], method: str, needed: dict[int, Needed | None]
) -> Iterator[Iterator[Source]]:
    """``sources`` in turn, the reading of the first one (a PostGIS layer's) begun at once, of the
    next one while this one is worked on (batches.read_ahead): the same fields and rows (``needed``,
    by
    id of a stock source) as add_stock / add_flows read; not for the thresholds, which read the
    layer otherwise first. What was begun and not read is stopped on leaving."""

    def begin(source: Source) -> None:
        if source.role != "stock" or resolve_stock_method(source, method) != "matrice_seuils":
            read_ahead(source.layer, list(source.fields.values()), needed.get(id(source)))

    def in_turn() -> Iterator[Source]:
        for following, source in zip([*sources[1:], None], sources):
            if following is not None:
                begin(following)
            yield source

    try:
        begin(sources[0])
        yield in_turn()
    finally:
        forget_read_ahead([source.layer for source in sources])


def _overlay_pairs(sources: Sequence[Source]) -> list[tuple[str, Source, Source]]:
    """(département, début, fin) of consecutive stock layers that no flow layer joins."""
    pairs: list[tuple[str, Source, Source]] = []
    by_dep: dict[str, list[Source]] = {}
    for s in sources:
        if s.role == "stock":
            by_dep.setdefault(s.departement or "?", []).append(s)
    flow_keys = {
        (s.departement or "?", s.millesimes[0], s.millesimes[-1])
        for s in sources
        if s.role == "flow"
    }
    for dep, group in by_dep.items():
        group.sort(key=lambda s: s.millesimes[-1])
        for a, b in zip(group, group[1:]):
            if (dep, a.millesimes[-1], b.millesimes[-1]) not in flow_keys:
                pairs.append((dep, a, b))
    return pairs


def _shared_reads(pairs: list[tuple[str, Source, Source]]) -> set[int]:
    """The stock sources (ids) whose stocks their overlay's reading sums (each millésime read
    once): every one of ``pairs``, but a PostGIS layer (its stock reading leaves rows out)."""
    return {
        id(source) for _, a, b in pairs for source in (a, b) if not postgis_readable(source.layer)
    }


class StockRead:
    """A stock layer's batches summed per territory (``__call__`` on each batch of
    ``iter_batches(layer, fields)``): its own reading (``_Run.add_stock``) or the overlay's reading
    of the same layer, the same batches (``aggregate``: each millésime read once)."""

    def __init__(
        self,
        run: _Run,
        source: Source,
        method: tuple[str, Any],
        placement: Placement,
        fields: list,
        step: Step,
    ) -> None:
        """``method``: (the method used, the thresholds' (sorted fids, artif) or None)."""
        self.run, self.source, self.placement = run, source, placement
        (self.used, self.classification), self.fields, self.step = method, fields, step
        self.key = (source.departement or "?", source.millesimes[-1])
        self.undetermined = _Undetermined(run.stats, source.title, str(source.millesimes[-1]))

    def __call__(self, batch: dict) -> None:
        run, source, key = self.run, self.source, self.key
        w = _stock_weights(source, batch, self.used, self.classification, run.convention)
        want = None if run.coverage else _counts(w)
        self.undetermined.add(batch["wkb"], w[:, 3] > 0)
        cs_field, us_field = source.fields.get("code_cs"), source.fields.get("code_us")
        hook = run.classes.stock_hook(
            key, batch[cs_field] if cs_field else None, batch[us_field] if us_field else None
        )
        sums = run.stocks[key]
        accumulate(self.placement, batch["wkb"], w, sums, run.stats, want, self.step, hook)


class _Run:
    """One aggregation's sums: stocks per (département, millésime), flows per (département, début,
    fin), each an array (territories × columns), and what was noticed on the way."""

    def __init__(
        self,
        territories: TerritorySet,
        extents: dict[str, QgsRectangle],
        coverage: bool,
        convention: str,
        feedback: Any,
    ) -> None:
        self.territories, self.extents, self.coverage, self.convention, self.feedback = (
            territories,
            extents,
            coverage,
            convention,
            feedback,
        )
        self.placements = Placements(territories)
        self.warnings = territories.notes()
        self.stats: dict = {}
        self.n_t = len(territories)
        self.stocks: dict[tuple[str, int], np.ndarray] = {}
        self.flows: dict[tuple[str, int, int], np.ndarray] = {}
        self.crs_of: dict[tuple, str] = {}
        self.placement_of: dict[str, Placement] = {}
        self.classes = Collector(stocks=coverage)
        self.pending: dict[int, StockRead] = {}  # stocks summed by their overlay's reading

    def _placement(self, source: Source) -> Placement:
        placement = self.placements.get(source.crs, self.extents[_crs_key(source.crs)])
        self.placement_of[_crs_key(source.crs)] = placement
        return placement

    def _info(self, text: str) -> None:
        if self.feedback is not None:
            self.feedback.pushInfo(text)

    def add_stock(
        self,
        source: Source,
        used: str,
        thresholds: Callable | None,
        sub: Step,
        needed: Needed | None = None,
    ) -> None:
        read = self.stock_read(source, used, thresholds, sub)
        for batch in iter_batches(source.layer, read.fields, step=read.step, needed=needed):
            read(batch)

    def stock_read(
        self, source: Source, used: str, thresholds: Callable | None, sub: Step
    ) -> StockRead:
        """What a stock layer's reading does with each of its batches (``StockRead``), the
        thresholds computed first (``thresholds``, method 'matrice_seuils')."""
        placement = self._placement(source)
        key = (source.departement or "?", source.millesimes[-1])
        if key in self.stocks:
            self.warnings.append(
                tr("Two stock layers for D{dep} {year}: both were added; check the inputs.").format(
                    dep=key[0], year=key[1]
                )
            )
        self.stocks.setdefault(key, np.zeros((self.n_t, 4)))
        self.crs_of[("s",) + key] = _crs_key(source.crs)
        classification = None
        read_step = sub
        fields = [name for name in source.fields.values()]
        if used == "matrice_seuils":
            if thresholds is None:
                raise ValueError(
                    "aggregate: method matrice_seuils needs the thresholds (chain.thresholds)"
                )
            classification = thresholds(source, sub.sub(0.0, 0.6))
            read_step = sub.sub(0.6, 1.0)
            fields = [f for f in (source.fields.get("code_cs"), source.fields.get("code_us")) if f]
        self._info(tr("{title}: stocks by method {method}").format(title=source.title, method=used))
        return StockRead(self, source, (used, classification), placement, fields, read_step)

    def add_flows(self, source: Source, sub: Step) -> None:
        placement = self._placement(source)
        key = (source.departement or "?", source.millesimes[0], source.millesimes[-1])
        sums = self.flows.setdefault(key, np.zeros((self.n_t, len(FLOW_SUMS))))
        self.crs_of[("f",) + key] = _crs_key(source.crs)
        self._info(tr("{title}: flows").format(title=source.title))
        undetermined = _Undetermined(
            self.stats, source.title, "-".join(map(str, source.millesimes))
        )
        for batch in iter_batches(source.layer, list(source.fields.values()), step=sub):
            w = _flow_weights(source, batch, self.convention)
            undetermined.add(batch["wkb"], w[:, 4] > 0)
            codes = {
                name: batch[source.fields[name]] if name in source.fields else None
                for name in ("cs_debut", "us_debut", "cs_fin")
            }
            # every piece of a layer of all changed land makes the transitions; its flows the origin
            # of the new artificialisation
            transitions = source.kind != "artif_diff"
            hook = self.classes.change_hook(
                key, codes, transitions, w[:, 0] > 0 if "artif" in source.flows else None
            )
            accumulate(
                placement,
                batch["wkb"],
                w,
                sums,
                self.stats,
                None if hook and transitions else w.sum(axis=1) > 0,
                sub,
                hook,
            )

    def add_overlay(self, pair: tuple[str, Source, Source], overlay: Callable, sub: Step) -> None:
        dep, a, b = pair
        key = (dep, a.millesimes[-1], b.millesimes[-1])
        self._info(
            tr("D{dep} {a}-{b}: flows by overlay of the two millésimes").format(
                dep=dep, a=key[1], b=key[2]
            )
        )
        placement = self.placements.get(b.crs, self.extents[_crs_key(b.crs)])
        sums = self.flows.setdefault(key, np.zeros((self.n_t, len(FLOW_SUMS))))
        self.crs_of[("f",) + key] = b.crs.authid()
        if placement.disjoint:  # no territory where the data is: nothing to overlay
            return
        undetermined = _Undetermined(
            self.stats,
            tr("overlay of {a} and {b}").format(a=a.title, b=b.title),
            f"{key[1]}-{key[2]}",
        )
        reads = (self.pending.pop(id(a), None), self.pending.pop(id(b), None))
        more = {"stock_reads": reads} if any(reads) else {}
        for wkb, w, codes in overlay(a, b, sub, **more):
            w = np.asarray(w, dtype=np.float64)
            undetermined.add(wkb, w[:, 4] > 0)
            hook = self.classes.change_hook(
                key,
                {name: codes[:, k] for k, name in enumerate(("cs_debut", "us_debut", "cs_fin"))},
                True,
                w[:, 0] > 0,
            )
            accumulate(
                placement, wkb, w, sums, self.stats, None if hook else w.sum(axis=1) > 0, sub, hook
            )

    def read_pending(self) -> None:
        """The stocks no overlay summed (none met the territories): each layer read for them."""
        for read in self.pending.values():
            for batch in iter_batches(read.source.layer, read.fields, step=read.step):
                read(batch)
        self.pending.clear()

    def territory_area(self) -> tuple[np.ndarray, list[QgsGeometry], QgsCoordinateReferenceSystem]:
        """Territory areas and outlines in the CRS of the data covering each territory most."""
        crs_keys = list(self.placement_of)
        first = self.placement_of[crs_keys[0]]
        area = first.area.copy()
        if len(crs_keys) > 1:
            cover = {k: np.zeros(self.n_t) for k in crs_keys}
            for key, sums in self.stocks.items():
                cover[self.crs_of[("s",) + key]] += sums[:, 0]
            best = np.argmax(np.vstack([cover[k] for k in crs_keys]), axis=0)
            for j, k in enumerate(crs_keys):
                sel = best == j
                area[sel] = self.placement_of[k].area[sel]
        return area, list(first.geometries), first.crs


def _closing_notes(run: _Run) -> list[str]:
    """Repaired polygons, for the log (the undetermined stocks and flows are said per layer by the
    pipelines, from ``stats["indetermine"]``)."""
    notes = []
    if run.stats.get("repaired"):
        notes.append(
            Note(
                plural(
                    run.stats["repaired"],
                    tr(
                        "{count} invalid OCS GE polygon crossing a territory boundary was "
                        "repaired for the intersection."
                    ),
                    tr(
                        "{count} invalid OCS GE polygons crossing a territory boundary were "
                        "repaired for the intersection."
                    ),
                ).format(count=run.stats["repaired"])
            )
        )
    return notes
