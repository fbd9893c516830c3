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
    "flows": {
        "DIFFERENCE": QT_TR_NOOP(
            "IGN's DIFFERENCE layer (CS_<year>/US_<year> or cs_avant/cs_apres fields, or as "
            "ocsge:load outputs it) or IGN's artificialisation difference layer "
            "zan_evol_<y1>_<y2>_<dep>. Leave empty to overlay two millésimes."
        ),
        "OCCUPATION_DEBUT": QT_TR_NOOP(
            "The older occupation du sol (or IGN artificialisation) layer, overlaid with the "
            "fin layer when no difference layer is given."
        ),
        "OCCUPATION_FIN": QT_TR_NOOP(
            "The newer occupation du sol (or IGN artificialisation) layer of the same area and "
            "département."
        ),
        "METHOD": QT_TR_NOOP(
            "How a polygon is artificialisé at each date, as in ocsge:classify. The seuils need "
            "whole millésimes: with a difference layer, they need the two occupation layers too "
            "(which are then overlaid)."
        ),
        "OUTPUT": QT_TR_NOOP(
            "The pieces of land whose class or status changed, with their flows (styled by flow "
            "kind)."
        ),
        "ONLY_ONE": QT_TR_NOOP(
            "Overlay only: land covered by the début or the fin layer but not both (empty for a "
            "difference layer)."
        ),
        "SUMMARY": QT_TR_NOOP(
            "One row: the six flows in hectares, the millésimes, the data used and what was "
            "kept out."
        ),
        "TRANSITIONS_CS": QT_TR_NOOP(
            "Long table: couverture at début, couverture at fin, surface (ha) of the changed land."
        ),
        "TRANSITIONS_US": QT_TR_NOOP(
            "Long table: usage at début, usage at fin, surface (ha) of the changed land."
        ),
        "ORIGIN": QT_TR_NOOP(
            "Couverture and usage at début of the land artificialised over the period: surface "
            "(ha) and % of the new artificialisation."
        ),
        "MILLESIME_DEBUT": QT_TR_NOOP(
            "The year of the début survey; only needed when it cannot be read from the layer "
            "names or fields."
        ),
        "MILLESIME_FIN": QT_TR_NOOP(
            "The year of the fin survey; only needed when it cannot be read from the layer "
            "names or fields."
        ),
    },
    "aggregate": {
        "INPUT_LAYERS": QT_TR_NOOP(
            "Occupation du sol, artificialisation, difference, artificialisation difference "
            "layers (as ocsge:load outputs them), or ocsge:classify / ocsge:flows outputs. "
            "Several millésimes and départements allowed; duplicates of a millésime (GeoPackage "
            "and Shapefile) are used once."
        ),
        "TERRITORIES": QT_TR_NOOP(
            "Territory polygons in any CRS: communes, EPCI, SCoT, IRIS, a grid, zones, a perimeter."
        ),
        "CODE_FIELD": QT_TR_NOOP(
            "The field holding each territory's code (e.g. the INSEE code of communes)."
        ),
        "NAME_FIELD": QT_TR_NOOP("The field holding each territory's name (optional)."),
        "KEEP_FIELDS": QT_TR_NOOP(
            "Territory fields copied to the output, e.g. epci_code, departement_code, "
            "region_code, scot_code for the roll-up. None chosen, on communes (code field "
            "INSEE_COM, CODGEO, commune_code or code): their membership fields are kept "
            "(SIREN_EPCI, INSEE_DEP, INSEE_REG of ADMIN EXPRESS, or epci_code…)."
        ),
        "METHOD": QT_TR_NOOP(
            "How raw occupation du sol layers are classified; layers from ocsge:classify keep "
            "their own artif and imper fields."
        ),
        "OVERLAY": QT_TR_NOOP(
            "For two millésimes of a département without a difference or flows layer, compute "
            "the flows from their overlay."
        ),
        "COVERAGE": QT_TR_NOOP(
            "Sums every polygon for the covered share; unchecked, polygons neither "
            "artificialised nor impermeable are skipped (faster), coverage is left empty and "
            "territories without any artificialised or impermeable land are reported as outside "
            "the data."
        ),
        "UNIT": QT_TR_NOOP(
            "Hectares (default) or square metres; the unit is written in the unite field."
        ),
        "OUTPUT": QT_TR_NOOP(
            "One row per territory and pair of millésimes, with the territory outline (in the "
            "data's CRS)."
        ),
        "OUTPUT_TABLE": QT_TR_NOOP("The same rows without geometry (optional)."),
        "OUTPUT_CLASSES": QT_TR_NOOP(
            "Optional table without geometry, made in the same pass: per territory, the stock "
            "by couverture and usage code at each millésime (tableau occupation), the changed "
            "land by couverture at début and fin (transition_cs) and the newly artificialised "
            "land by couverture and usage at début (origine_artif); give it to ocsge:export for "
            "the couverture_, usage_, transition_cs_ and origine_artif_<level> tables."
        ),
    },
    "rollup": {
        "LEVELS": QT_TR_NOOP("The higher levels to compute."),
        "OUTPUT_COMMUNE": QT_TR_NOOP(
            "The commune rows with epci_code, departement_code, region_code and scot_code."
        ),
    },
    "export": {
        "CLASSES": QT_TR_NOOP(
            "Optional: the surfaces by class of the nomenclature that ocsge:aggregate wrote "
            "with the commune table; then couverture_, usage_, transition_cs_ and "
            "origine_artif_<level> are written too."
        ),
        "LEVELS": QT_TR_NOOP("The levels to export (SCoT only when SCoT codes exist)."),
        "DATASETS": QT_TR_NOOP("artif_<level> and / or imper_<level>."),
        "FORMATS": QT_TR_NOOP(
            "GeoPackage (with outlines in EPSG:4326) and / or CSV (UTF-8, no geometry)."
        ),
        "COVERAGE_TABLE": QT_TR_NOOP(
            "Per département: code, name, surface_km2, percent_of_france, has_ocsge."
        ),
    },
    "diagnostic": {
        "COVERAGE": QT_TR_NOOP(
            "Unchecked, polygons neither artificialised nor impermeable are skipped (faster); "
            "the coverage table is then not written."
        ),
    },
    "diagnostic_national": {
        "COVERAGE": QT_TR_NOOP(
            "Unchecked, polygons neither artificialised nor impermeable are skipped (faster); "
            "the coverage table is then not written."
        ),
        "WORKERS": QT_TR_NOOP(
            "How many départements are computed at once, each in a process of its own "
            "(default: the computer's cores). Each one holds a département in memory: about "
            "1 GB for 1,000,000 polygons per millésime."
        ),
    },
    "portrait": {
        "BACKGROUND": QT_TR_NOOP(
            "A layer of the project drawn under the territory on the map page (orthophoto, Plan "
            "IGN, a WMS or WMTS layer, a GeoTIFF); the communes are then drawn as outlines "
            "only. Empty: no background, no network."
        ),
        "TEMPLATE": QT_TR_NOOP(
            "A template restyled in the layout designer (start from the layout this algorithm "
            "adds to the project, Save as Template); empty: the default template."
        ),
        "OUTPUT": QT_TR_NOOP(
            "The report; the tables, charts and atlas layer go to the folder <name>_donnees "
            "beside it."
        ),
        "LEVEL": QT_TR_NOOP(
            "One section per territory of this level (EPCI and SCoT from the membership codes)."
        ),
        "SELECTED": QT_TR_NOOP(
            "Portray only the communes selected on the map in the commune layer (level "
            "Commune), or the territories that hold one of them (EPCI, SCoT, département); "
            "added to the codes above. The numbers are still computed on every commune "
            "(rankings and comparisons)."
        ),
        "CONSOMMATION": QT_TR_NOOP(
            "Cerema's commune file « Consommation d'espaces naturels, agricoles et forestiers "
            "», read as ocsge:consommation reads it (with the membership table above). Given, "
            "the portrait adds the pages « Consommation d'espaces NAF » (per year and "
            "destination since 2011, in hectares and in % of the area, beside the EPCI and the "
            "département) and « Trajectoire ZAN 2021–2031 » (consumption since 2021, its "
            "projection and the envelope)."
        ),
        "CONSO_CONVENTION": QT_TR_NOOP(
            "As the parameter « Convention of the trajectory » of ocsge:consommation."
        ),
        "CONSO_RATE": QT_TR_NOOP(
            "The reduction of consumption for 2021–2030 against 2011–2020: 50 % by article 194, "
            "I, 1° of loi n° 2021-1104."
        ),
        "PASSAGE": QT_TR_NOOP(
            "INSEE's table between COG vintages, when the consumption file's communes are older "
            "than the territories' (as in ocsge:consommation)."
        ),
        "MODELE": QT_TR_NOOP(
            "Portrait: the pages in the portrait's order. Rapport triennal: the pages in the "
            "order of the rapport relatif à l'artificialisation des sols (article R. 2231-1 of "
            "the code général des collectivités territoriales): cover, legal frame and periods, "
            "1° NAF consumption, 2° and 3° net artificialisation and impermeable surfaces (OCS "
            "GE), 4° the trajectory, then the rest; it needs the consumption file. In both, an "
            "empty comment box under each chart, to write in the layout designer."
        ),
    },
    "consommation": {
        "CONSOMMATION": QT_TR_NOOP(
            "Cerema's commune file « Consommation d'espaces naturels, agricoles et forestiers » "
            "as published on data.gouv.fr: CSV (; or ,, UTF-8 or Latin-1, numbers possibly as "
            "text), or the GeoPackage / shapefile with outlines. The years are read from the "
            "naf<AA>art<BB> columns."
        ),
        "LEVELS": QT_TR_NOOP(
            "The levels to compute; SCoT only when the file or the membership table has SCoT "
            "codes; Zone when the membership table has a zone_code column (your own set of "
            "communes: a PLUi sector, a bassin de vie…)."
        ),
        "MEMBERSHIP": QT_TR_NOOP(
            "Optional: your territories, as commune_code, epci_code, epci_nom, "
            "departement_code, region_code (scot_code, scot_nom optional). Then only these "
            "communes count, a commune of the table absent from the file marks its territories "
            "partial, and the communes of the file outside the table are listed. Without it, "
            "the file's own columns (epciNN, scot, iddep, idreg) make the levels."
        ),
        "COMMUNES": QT_TR_NOOP(
            "Optional: commune polygons with their INSEE code (field code, commune_code, "
            "insee_com, codgeo…). Their areas (ellipsoidal) give the share of a territory's "
            "area that communes absent from the file represent, and weigh the split of a "
            "divided commune. Without it the file's surfcom is used, and a commune absent from "
            "the file is counted, not weighed."
        ),
        "CONVENTION": QT_TR_NOOP(
            "The law: the 1 ha guarantee raises the envelope of the communes chosen below only, "
            "never of groupings; the projection to the end of 2030 is the consumption since "
            "2021 plus the annual pace for each year left. As the national table: every "
            "territory's envelope (EPCI, SCoT… included) is raised to 1 ha when under it, and "
            "the projection is the annual pace × 9, to reproduce the national file to the m²."
        ),
        "GUARANTEE": QT_TR_NOOP(
            "Article 194, IV, 3° bis of loi n° 2021-1104 du 22 août 2021 (inserted by loi n° "
            "2023-630 du 20 juillet 2023): a commune covered by a PLU, a document en tenant "
            "lieu or a carte communale prescribed, arrêté or approved before 22 August 2026 "
            "cannot be given less than 1 ha of consumption for 2021–2031. Choose « the communes "
            "listed » to leave out the communes under the RNU without such a document."
        ),
        "GUARANTEED_COMMUNES": QT_TR_NOOP(
            "With « the communes listed »: their INSEE codes separated by commas, semicolons or "
            "spaces."
        ),
        "RATE": QT_TR_NOOP(
            "The reduction of consumption for 2021–2030 against 2011–2020: 50 % by article 194, "
            "I, 1° of loi n° 2021-1104, unless the territorialisation table gives a territory "
            "its own."
        ),
        "TERRITORIALISATION": QT_TR_NOOP(
            "CSV: code;taux — the reduction rate of a territory set by the SRADDET or the SCoT "
            "(54, 54 % or 0.54). A commune without its own rate takes its SCoT's, EPCI's, "
            "département's or région's, else the rate above."
        ),
        "PASSAGE": QT_TR_NOOP(
            "INSEE's table between COG vintages (CODGEO_<year> columns, or ancien;nouveau; "
            "optional part or surface): the file's communes merged since its COG are summed, a "
            "divided commune is split by area (the table's weight, else the outlines' areas, "
            "else equal shares, said in the log)."
        ),
        "OCSGE": QT_TR_NOOP(
            "The output folder of ocsge:diagnostic or ocsge:export (or one of its "
            "artif_<level>.csv tables) for the same territories. The trajectory tables then "
            "show, after the plugin's columns, the OCS GE period (periode_ocsge), the "
            "consumption years inside it (annees_conso_ocsge), NAF consumption per year over "
            "those years (conso_annuelle_periode_ocsge) and OCS GE artificialisation nette per "
            "year (artif_nette_annuelle_ocsge = flux_artif_net ÷ years between millésimes), in "
            "the unit below."
        ),
        "UNIT": QT_TR_NOOP(
            "Hectares by default; m² as in Cerema's and the national files. Consumption per new "
            "inhabitant and household is always in m²."
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
    "aggregate": {
        "TERRITORIES": QT_TR_NOOP(
            "No territory layer. Expected territory polygons with a code field."
        ),
    },
    "rollup": {
        "INPUT": QT_TR_NOOP(
            "No commune table. Expected the output of ocsge:aggregate on communes."
        ),
    },
    "export": {
        "COMMUNE": QT_TR_NOOP(
            "No commune table. Expected the output of ocsge:aggregate on communes or of "
            "ocsge:rollup."
        ),
    },
}
