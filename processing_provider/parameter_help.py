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
    "load": {
        "KINDS": QT_TR_NOOP(
            "Restrict loading to some layer kinds; by default every kind found is loaded."
        ),
        "PALETTE": QT_TR_NOOP(
            "Palette of the loaded layers in the map: couverture or usage codes, official OCS "
            "GE colours."
        ),
        "CHECK_CODES": QT_TR_NOOP(
            "Reads every code once and reports null codes and codes outside the OCS GE "
            "nomenclature."
        ),
        "DATA_FOLDER": QT_TR_NOOP(
            "The loaded layers read files that stay, so that a saved project opens again after "
            "the cache is cleared: the data of an archive is kept in this folder, by default "
            "beside the archive in a folder named after it (in the plugin's data folder when "
            "that place is read-only); copied once, reused afterwards."
        ),
        "SUMMARY": QT_TR_NOOP(
            "Adds the surface of each couverture code (hectares) to the report; reads every "
            "geometry once."
        ),
    },
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
    "download": {
        "DEPARTEMENT": QT_TR_NOOP("INSEE code of the département: 32, 2A, 974…"),
        "MILLESIME": QT_TR_NOOP(
            "Survey year (2019), or the two years of a difference (2016-2019); empty for the "
            "most recent."
        ),
        "KIND": QT_TR_NOOP(
            "Occupation du sol (with zone construite), différence between two millésimes, or "
            "IGN's artificialisation state or difference."
        ),
        "FORMAT": QT_TR_NOOP("GeoPackage (GPKG) or Shapefile (SHP), as IGN offers them."),
        "FOLDER": QT_TR_NOOP(
            "Where the .7z archive is written; by default the plugin's download cache, where it "
            "is reused."
        ),
        "LOAD": QT_TR_NOOP(
            "Runs « Load an OCS GE delivery » on the archive: extracted once, normalised, "
            "styled and added to the project."
        ),
        "SERVICE_URL": QT_TR_NOOP(
            "Base address of IGN's download service (…/telechargement); change it only for a "
            "mirror."
        ),
    },
    "bases_regionales": {
        "INVENTAIRE": QT_TR_NOOP(
            "The inventory to start from; empty: the one the data panel uses (your merged copy "
            "when you imported one, else the inventory shipped with the plugin)."
        ),
        "IMPORT": QT_TR_NOOP(
            "A CRIGE's inventory with the same columns, merged by identifier; empty: the "
            "inventory is exported as it is."
        ),
        "ACCEPTER": QT_TR_NOOP(
            "What is not accepted is listed in the report as refused, with its reason."
        ),
        "OUTPUT_CSV": QT_TR_NOOP(
            "The merged inventory, the CNIG fields in the shipped file's layout."
        ),
        "OUTPUT_GEOJSON": QT_TR_NOOP(
            "The 18 current régions with the inventory's attributes and their availability."
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
