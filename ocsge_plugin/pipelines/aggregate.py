"""The run of ``ocsge:aggregate``, without Processing: OCS GE layers summed per territory
(:func:`aggregate`), and the aggregation composed with the other cores (:func:`run_aggregate`):
flows by overlay of two millésimes (the flow core) and the matrix + thresholds (the
classification core) are handed to ``territories.aggregate`` as callables, so that the
aggregation imports neither and they do not import it back."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd
from qgis.core import QgsVectorLayer

from ..computing import classify, flows, territories
from ..computing.batches import Step
from ..computing.classes import to_long
from ..computing.communes import commune_fields
from ..computing.correspondence_check import unmapped_codes
from ..computing.flows_overlay import Seuils, classified_seuils
from ..computing.pieces import FlowReport
from ..computing.placement import TerritorySet
from ..computing.sources import Source, resolve_stock_method, sources_from_layers
from ..core.definitions import AUTO, Method
from ..core.errors import TerritoryError
from ..core.i18n import number, tr
from ..domain.correspondence import Correspondence
from ..domain.rules import DEFAULT_CONVENTION
from ..publishing import export
from .logs import log_undetermined, say, undetermined_entry

__all__ = [
    "AggregateOptions",
    "aggregate",
    "check_layers",
    "log_totals",
    "method_used",
    "unmapped_message",
    "run_aggregate",
    "table_entry",
    "table_method",
    "undetermined",
]


@dataclass
class AggregateOptions:
    """The choices of an aggregation: the method (``METHODS`` or ``AUTO``), whether every polygon is
    read for the covered share, whether flows come from the overlay of two millésimes when no flow
    layer gives them, the classification's convention, the unit of the tables (``ha`` or ``m2``) and
    the territory fields copied to the output (none: a commune layer's membership fields)."""

    method: str = AUTO
    coverage: bool = True
    overlay: bool = True
    convention: str = DEFAULT_CONVENTION
    unit: str = "ha"
    keep: list[str] = field(default_factory=list)


@dataclass
class AggregateRun:
    """What :func:`aggregate` did: the core's result, the notes on the layers (left out, taken
    twice…), the method used (``AUTO`` resolved), the territory fields kept, the long table in the
    unit (with the kept fields and the convention), the per-class table (long), the REPORT."""

    result: territories.AggregateResult
    notes: list[str]
    method: str
    keep: list[str]
    table: pd.DataFrame
    classes: pd.DataFrame
    report: dict

    @property
    def warnings(self) -> list[str]:
        """Every note and warning of the run, in the order the log gives them."""
        return self.notes + self.result.warnings

    @property
    def period(self) -> str:
        """« 2018-2021 »: the first and last millésimes of the table (one alone without flows)."""
        years = sorted(
            {str(y) for y in self.table["millesime_debut"].dropna()}
            | {str(y) for y in self.table["millesime_fin"].dropna()}
        )
        return f"{years[0]}-{years[-1]}" if len(years) > 1 else "".join(years)


def method_used(method: str, kinds) -> str:
    """The method a run applies: ``method`` itself, or for ``AUTO`` IGN's when one of the layers
    (``kinds``: their ``LayerKind`` values) is IGN's artificialisation, else matrix + thresholds."""
    if method != AUTO:
        return method
    return Method.IGN.value if "artif" in kinds else Method.MATRICE_SEUILS.value


def kept_fields(names: Sequence[str], code_field: str, name_field, chosen, feedback) -> list[str]:
    """The territory fields to keep: the ``chosen`` ones; when none is chosen and the territories
    are communes (``code_field`` is their recognised commune code among the field ``names``),
    their membership fields (ADMIN EXPRESS's SIREN_EPCI, INSEE_DEP, INSEE_REG, or epci_code…),
    said in the log, for ocsge:rollup."""
    if chosen:
        return list(chosen)
    fields = commune_fields(list(names), None, name_field)
    if not code_field or fields.code != code_field or not fields.membership:
        return []
    feedback.pushInfo(fields.description())
    return list(fields.membership.values())


def aggregate(
    territory_source,
    code_field: str,
    name_field: str | None,
    layers: Sequence[QgsVectorLayer],
    options: AggregateOptions,
    feedback: Any,
) -> AggregateRun:
    """The stocks and flows of ``layers`` summed per territory of ``territory_source`` (a layer or
    feature source with ``code_field``), as ``ocsge:aggregate`` does; its notes and warnings and
    the undetermined surfaces are said in ``feedback``'s log.

    Returns
    -------
    AggregateRun
        The tables in ``options.unit``, the method used and the REPORT.

    Raises ``OcsgeError`` (a subclass: what is wrong with the inputs) and ``Canceled``."""
    keep = kept_fields(
        territory_source.fields().names(), code_field, name_field, options.keep, feedback
    )
    territory_set = TerritorySet.from_layer(
        territory_source, code_field, name_field, keep, feedback
    )
    method = table_method(options.method, options.convention)
    chosen, notes = sources_from_layers(layers, method, options.convention)
    result = _aggregate_sources(
        territory_set,
        chosen,
        method,
        options.coverage,
        options.overlay,
        feedback,
        options.convention,
    )
    say(feedback, notes + result.warnings)
    log_undetermined(feedback, undetermined(result))
    table = output_table(result, keep, options.unit)
    used = method_used(method, {source.kind for source in chosen})
    classes = export.with_unit(to_long(result.classes), options.unit)
    return AggregateRun(
        result, notes, used, keep, table, classes, report(result, notes, options.unit)
    )


def run_aggregate(
    territory_set: TerritorySet,
    layers: Sequence[QgsVectorLayer],
    method: str,
    coverage: bool,
    overlay: bool,
    feedback: Any,
    convention: str = DEFAULT_CONVENTION,
) -> tuple[territories.AggregateResult, list[str]]:
    """Describe and select the layers, then aggregate them (flows by overlay of two millésimes when
    ``overlay`` and no flow layer gives them). Returns (AggregateResult, notes)."""
    method = table_method(method, convention)
    chosen, notes = sources_from_layers(layers, method, convention)
    result = _aggregate_sources(
        territory_set, chosen, method, coverage, overlay, feedback, convention
    )
    return result, notes


def _aggregate_sources(
    territory_set: TerritorySet,
    chosen: Sequence[Source],
    method: str,
    coverage: bool,
    overlay: bool,
    feedback: Any,
    convention: str,
) -> territories.AggregateResult:
    """The chosen sources aggregated (each said in the log), with the flow and threshold cores."""
    if feedback is not None:
        for source in chosen:
            feedback.pushInfo(tr("Using {title}").format(title=source.title))
    seuils = shared_seuils(convention)  # each layer's thresholds once, for stocks and overlay
    result = territories.aggregate(
        territory_set,
        chosen,
        method,
        coverage,
        feedback,
        overlay=overlay_flows(method, convention, seuils) if overlay else None,
        thresholds=thresholds(convention, seuils),
        convention=convention,
    )
    result.convention = convention
    result.used = [source.layer.name() for source in chosen]
    if isinstance(convention, Correspondence):
        result.stats["correspondance"] = check_codes(chosen, convention, feedback)
    return result


def check_codes(chosen: Sequence[Source], table: Correspondence, feedback: Any) -> dict:
    """The REPORT's ``correspondance`` of the stock layers ``chosen`` (``check_layers``)."""
    return check_layers(
        [(source.title, source.layer) for source in chosen if source.role == "stock"],
        table,
        feedback,
    )


def check_layers(layers: Sequence[tuple], table: Correspondence, feedback: Any) -> dict:
    """The REPORT's ``correspondance``: the table (name, source, file, field, codes by answer) and
    per layer (``layers``: (title, layer)) the codes it does not list, with their polygons and
    surface (ha), also a warning in the log: the user maps them (they are counted as indéterminé
    meanwhile)."""
    absent = {}
    for title, layer in layers:
        found = unmapped_codes(layer, table)
        if not found:
            continue
        absent[title] = {
            code: {"nombre": count, "surface_ha": area / 10000.0}
            for code, (count, area) in found.items()
        }
        if feedback is not None:
            feedback.pushWarning(unmapped_message(table, title, found))
    return dict(table.describe(), codes_absents=absent)


def unmapped_message(table: Correspondence, layer: str, found: dict) -> str:
    """The warning naming the codes of ``layer`` that ``table`` does not list."""
    return tr(
        "{layer}: codes the correspondence table {table} does not list, counted as "
        "indéterminé (never as non-artificialised); add them to the table: {codes}"
    ).format(
        layer=layer,
        table=table.name,
        codes=", ".join(
            tr("{code} ({count} polygon(s), {area} ha)").format(
                code=code or tr("(empty)"), count=count, area=number(area / 10000.0, 4)
            )
            for code, (count, area) in found.items()
        ),
    )


def table_method(method: str, convention: str) -> str:
    """The method asked, or with a correspondence table its own ('matrice': the table's answer per
    code; ``classify.correspondence_method`` refuses IGN's layer and the thresholds)."""
    if isinstance(convention, Correspondence):
        try:
            return classify.correspondence_method(method)
        except classify.ClassifyError as error:
            raise TerritoryError(str(error)) from None
    return method


def undetermined(result: territories.AggregateResult) -> list[dict]:
    """The REPORT's ``indetermine`` entries of an aggregation: one per layer and millésime(s)."""
    return [
        undetermined_entry(layer, millesime, count, area)
        for layer, millesime, count, area in result.stats.get("indetermine", [])
    ]


def output_table(result: territories.AggregateResult, keep, unit: str) -> pd.DataFrame:
    """The aggregate's table in ``unit`` with the kept territory fields after code and nom, and
    the convention."""
    table = export.with_unit(result.table, unit)
    table["convention"] = str(result.convention)  # plain text (a correspondence table is a str)
    for offset, name in enumerate(keep):
        values = result.territories.extras.get(name, [])
        by_code = dict(zip(result.territories.codes, values))
        table.insert(2 + offset, name, [by_code.get(code) for code in table["code"]])
    return table


def report(result: territories.AggregateResult, notes: list[str], unit: str) -> dict:
    """The REPORT of ``ocsge:aggregate``."""
    return {
        "territories": len(result.territories),
        "rows": int(len(result.table)),
        "unit": unit,
        "convention": result.convention,
        "indetermine": undetermined(result),
        "crs": result.crs.authid(),
        "duplicates": result.territories.duplicates,
        "repaired_territories": result.territories.repaired,
        "zero_coverage": result.zero_coverage,
        "warnings": notes + result.warnings,
        "polygons": result.stats.get("polygons", 0),
        "polygons_exact": result.stats.get("exact", 0),
        **table_entry(result),
    }


def table_entry(result: territories.AggregateResult) -> dict:
    """``{"correspondance": …}`` of a REPORT when a correspondence table was used (``check_codes``),
    else {}."""
    found = result.stats.get("correspondance")
    return {"correspondance": found} if found is not None else {}


def shared_seuils(convention: str = DEFAULT_CONVENTION) -> Seuils:
    """A ``Seuils`` that classifies each layer (matrix + thresholds, ``classify.classify_layer``)
    once and hands the same answer to every later call: a run whose stocks and overlay both need
    the thresholds of a millésime computes them once (they are the longest part of the run)."""
    classified = classified_seuils(convention)
    done: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}

    def run(layer: QgsVectorLayer, cs_field: str, us_field: str, feedback: Any):
        key = (layer.id(), layer.source(), layer.subsetString(), cs_field, us_field)
        if key not in done:
            done[key] = classified(layer, cs_field, us_field, feedback)
        return done[key]

    return run


def overlay_flows(
    method: str, convention: str = DEFAULT_CONVENTION, seuils: Seuils | None = None
) -> Callable[..., Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]]:
    """An ``overlay`` for ``territories.aggregate``: the change pieces of two stock layers from
    their overlay, by the flow core (``flows.pieces_from_overlay``, same classification as
    ``ocsge:classify``), in batches of (WKB, flow weights, codes cs début, us début, cs fin); the
    pieces whose flows cannot be told weigh on the last column (indéterminé), the pieces whose
    class changed without a flow on none (they count in the transitions of the per-class tables)."""

    def run(
        debut: Source, fin: Source, feedback: Any, stock_reads: tuple = (None, None)
    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        used = resolve_stock_method(fin, method)
        used = "matrice" if used == "classified" else used
        report = FlowReport(keep_undetermined=True)
        pieces = flows.pieces_from_overlay(
            debut.layer,
            fin.layer,
            used,
            report,
            feedback,
            flows_only=False,
            convention=convention,
            seuils=seuils,
            stocks=False,  # the stocks come from territories.add_stock; report.stock is not read
            stock_reads=stock_reads,  # or from this reading of the layers (territories.StockRead)
        )
        wkb: list = []
        weights: list = []
        codes: list = []

        def undetermined() -> None:
            for geometry, (cs_d, us_d, cs_f, _us_f) in zip(
                report.undetermined_parts, report.undetermined_codes
            ):
                wkb.append(bytes(geometry.asWkb()))
                weights.append((0, 0, 0, 0, 1))
                codes.append((cs_d, us_d, cs_f))
            report.undetermined_parts.clear()
            report.undetermined_codes.clear()

        def batch() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            out = (
                np.array(wkb, dtype=object),
                np.array(weights, dtype=np.float64),
                np.array(codes, dtype=object).reshape(-1, 3),
            )
            wkb.clear(), weights.clear(), codes.clear()
            return out

        for piece in pieces:
            undetermined()
            wkb.append(bytes(piece.geometry.asWkb()))
            weights.append(
                (
                    piece.flux_artif > 0,
                    piece.flux_artif < 0,
                    (piece.flux_imper or 0) > 0,
                    (piece.flux_imper or 0) < 0,
                    piece.flux_imper is None,  # its imperméabilisation flow cannot be told
                )
            )
            codes.append((piece.cs_debut, piece.us_debut, piece.cs_fin))
            if len(wkb) >= 4096:
                yield batch()
        undetermined()
        if wkb:
            yield batch()

    return run


def thresholds(
    convention: str = DEFAULT_CONVENTION, seuils: Seuils | None = None
) -> Callable[[Source, Step], tuple[np.ndarray, np.ndarray]]:
    """A ``thresholds`` for ``territories.aggregate``: (sorted fids, artif) of a stock layer by the
    matrix + thresholds, through the classification core (the code of ``ocsge:classify``), or
    ``seuils`` when the run shares them."""
    seuils = seuils or classified_seuils(convention)

    def run(source: Source, step: Step) -> tuple[np.ndarray, np.ndarray]:
        return seuils(
            source.layer,
            source.fields.get("code_cs", "code_cs"),
            source.fields.get("code_us", "code_us"),
            step,
        )

    return run


def log_totals(table: pd.DataFrame, unit: str, feedback) -> None:
    """Totals over all territories, per pair of millésimes, in the log."""
    if feedback is None or table.empty:
        return
    for (debut, fin), group in table.groupby([table["index_debut"].fillna(0), "index_fin"]):
        feedback.pushInfo(
            tr(
                "Index {debut}→{fin}: surface_artif {artif}, surface_imper "
                "{imper}, flux_artif_net {fa}, flux_imper_net {fi} ({unit})"
            ).format(
                debut=int(debut) or "-",
                fin=int(fin),
                artif=number(group["surface_artif"].sum(), 2),
                imper=number(group["surface_imper"].sum(), 2),
                fa=number(group["flux_artif_net"].sum(), 2),
                fi=number(group["flux_imper_net"].sum(), 2),
                unit=unit,
            )
        )
