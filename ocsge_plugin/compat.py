"""The one place where the plugin meets QGIS APIs that differ between the versions it supports
(3.22 to 3.44). Algorithms and the panel call these helpers and never test QGIS's version."""

from __future__ import annotations


def load_results(algorithm, context, feedback, parameters: dict) -> bool:
    """Add the layers an algorithm left in ``context`` to its project, as the toolbox does.

    ``processing.gui.Postprocessing.handleAlgorithmResults`` took ``showResults`` as its fourth
    parameter in QGIS 3.22 and ``parameters`` in 3.40: passed positionally, five arguments raise
    a TypeError on 3.40 (in a Qt slot: an error dialog in QGIS, an abort outside it). By keyword,
    the call means the same on every version."""
    from processing.gui.Postprocessing import handleAlgorithmResults

    return handleAlgorithmResults(algorithm, context, feedback=feedback, parameters=parameters)
