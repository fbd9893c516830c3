"""The help of each algorithm's own parameters, shown in the dialog, the help and the user guide:
algorithm id → parameter name → text, marked with ``QT_TR_NOOP`` for pylupdate5 (the core's
translation context, ``@default``) and translated when the parameter is added
(``OcsgeAlgorithm.add``). Kept apart from the algorithms' code, as ``help_texts.HELP`` is: the
declarations stay one line a parameter. Parameters shared by several algorithms carry their help
from ``params``. ``MISSING``: what a run says when a required layer gives no features
(``OcsgeAlgorithm.required_source``)."""

from __future__ import annotations

from .help_texts import QT_TR_NOOP

__all__ = [
    "MISSING",
    "PARAMETER_HELP",
]

PARAMETER_HELP: dict[str, dict[str, str]] = {
    "classify": {
        "INPUT": QT_TR_NOOP(
            "Polygons with couverture and usage codes (OCCUPATION_SOL or IGN's "
            "artificialisation layer, as ocsge:load outputs them), in a projected CRS."
        ),
        "METHOD": QT_TR_NOOP(
            "0 automatic, 1 IGN, 2 matrice, 3 matrice + seuils. Automatic takes IGN's answer "
            "when the layer has an artif field, else computes matrice + seuils."
        ),
        "US_FIELD": QT_TR_NOOP(
            "Field holding the usage code (US1.1 …). Default code_us, as ocsge:load names it; "
            "when absent, usage is tried. Not needed by the IGN method."
        ),
        "OUTPUT": QT_TR_NOOP(
            "The input polygons with imper, artif, artif_matrice, crit_seuil (booleans, NULL "
            "when indéterminé) and artif_source; styled artificialisé / non artificialisé."
        ),
        "SUMMARY": QT_TR_NOOP(
            "A table without geometry, one row per indicator: indicateur, libelle, nombre "
            "(polygons), surface_ha, part_pct (% of the layer's surface)."
        ),
    },
    "compare_artif": {
        "INPUT": QT_TR_NOOP(
            "IGN's artificialisation layer as ocsge:load outputs it (code_cs, code_us, artif "
            "'artif' / 'non artif', crit_seuil), in its projected CRS."
        ),
        "OUTPUT": QT_TR_NOOP(
            "The polygons where the recomputation and IGN disagree, with both answers and the "
            "reason (matrice or seuil)."
        ),
    },
}

MISSING: dict[str, dict[str, str]] = {
    "classify": {
        "INPUT": QT_TR_NOOP("No input layer. Expected an occupation du sol polygon layer."),
    },
    "compare_artif": {
        "INPUT": QT_TR_NOOP("No input layer. Expected IGN's artificialisation layer."),
    },
}
