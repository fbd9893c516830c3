"""The aggregation composed with the other cores: flows by overlay of two millésimes (the flow core)
and the matrix + thresholds (the classification core) are handed to ``territories.aggregate`` as
callables, so that the aggregation imports neither and they do not import it back."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Callable

import numpy as np
from qgis.core import QgsVectorLayer

from ..core.i18n import tr
from ..domain.rules import DEFAULT_CONVENTION
from . import classify, flows, territories
from .batches import Step
from .pieces import FlowReport
from .placement import TerritorySet
from .sources import Source, resolve_stock_method, sources_from_layers


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
    chosen, notes = sources_from_layers(layers, method)
    if feedback is not None:
        for source in chosen:
            feedback.pushInfo(tr("Using {title}").format(title=source.title))
    result = territories.aggregate(
        territory_set,
        chosen,
        method,
        coverage,
        feedback,
        overlay=overlay_flows(method, convention) if overlay else None,
        thresholds=thresholds(convention),
        convention=convention,
    )
    result.convention = convention
    return result, notes


def overlay_flows(
    method: str, convention: str = DEFAULT_CONVENTION
) -> Callable[..., Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]]:
    """An ``overlay`` for ``territories.aggregate``: the change pieces of two stock layers from
    their
    overlay, by the flow core (``flows.pieces_from_overlay``, same classification as
    ``ocsge:classify``),
    in batches of (WKB, flow weights, codes cs début, us début, cs fin); the pieces whose flows
    cannot be
    told weigh on the last column (indéterminé), the pieces whose class changed without a flow on
    none
    (they count in the transitions of the per-class tables)."""

    def run(
        debut: Source, fin: Source, feedback: Any
    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        used = resolve_stock_method(fin, method)
        used = "matrice" if used == "classified" else used
        report = FlowReport(keep_undetermined=True)
        pieces = flows.pieces_from_overlay(
            debut.layer, fin.layer, used, report, feedback, flows_only=False, convention=convention
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
                    piece.flux_imper > 0,
                    piece.flux_imper < 0,
                    0,
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
    convention: str = DEFAULT_CONVENTION,
) -> Callable[[Source, Step], tuple[np.ndarray, np.ndarray]]:
    """A ``thresholds`` for ``territories.aggregate``: (sorted fids, artif) of a stock layer by the
    matrix + thresholds, through the classification core (the code of ``ocsge:classify``)."""

    def run(source: Source, step: Step) -> tuple[np.ndarray, np.ndarray]:
        result = classify.classify_layer(
            source.layer,
            "matrice_seuils",
            source.fields.get("code_cs", "code_cs"),
            source.fields.get("code_us", "code_us"),
            step,
            convention=convention,
        )
        order = np.argsort(result.fid, kind="stable")
        return result.fid[order], result.artif[order]

    return run
