"""What every algorithm says of itself in the toolbox and its help: title, one-line description,
what it does, its rules, an example; one ``Help`` per algorithm id, in the order of the provider.

Kept apart from the algorithms' code, in one table, as the user guide (docs/guide.md, made from them
by scripts/guide.py) reads them. The texts are marked with ``QT_TR_NOOP`` for pylupdate5 (in the
core's translation context, ``@default``) and translated when QGIS asks
(``OcsgeAlgorithm.displayName``…)."""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "HELP",
    "QT_TR_NOOP",
]


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name pylupdate5 looks for
    """Marks ``text`` for translation where it is declared; it is translated where it is shown."""
    return text


class Help(NamedTuple):
    title: str
    description: str
    what: str
    rules: str
    example: str


HELP = {
    "load": Help(
        QT_TR_NOOP("Load an OCS GE delivery"),
        QT_TR_NOOP(
            "Opens IGN's OCS GE deliveries as shipped (7z, GeoPackage, Shapefile), "
            "styled and grouped by millésime."
        ),
        QT_TR_NOOP(
            "Loads an OCS GE delivery exactly as IGN ships it: a .7z archive downloaded from IGN's "
            "service, a folder (an unpacked delivery, several levels deep, or several "
            "deliveries) or a "
            "single .gpkg / .shp file. Every layer kind found is loaded: occupation du sol, zone "
            "construite, différence, artificialisation and évolution de l'artificialisation. The "
            "département and millésime(s) are read from the archive, file, layer and "
            "field names. Field "
            "names are normalised once (code_cs / code_us; cs_debut, us_debut, cs_fin, us_fin for "
            "differences) so that every other algorithm reads one schema; the original "
            "attributes are "
            "kept. The coordinate system comes from the files, else from the archive "
            "name (LAMB93 → "
            "EPSG:2154, RGAF09UTM20 → EPSG:5490, RGFG95UTM22 → EPSG:2972, RGR92UTM40S → EPSG:2975, "
            "RGM04UTM38S → EPSG:4471). Archives are extracted once into a cache (keyed "
            "by path, size "
            "and date) with 7-Zip. Codes outside the OCS GE nomenclature are counted and reported. "
            "Surfaces in the report are planar areas in hectares, in the layer's projected CRS."
        ),
        QT_TR_NOOP(
            "Field names are normalised once (code_cs, code_us; cs_debut, us_debut, "
            "cs_fin, us_fin for differences); the département and millésime come from "
            "the names; the coordinate system from the files, else from the archive "
            "name. Nothing is computed but the optional surface per couverture (planar "
            "hectares)."
        ),
        QT_TR_NOOP(
            "Choose the folder where a département's archives were downloaded (Folder…), "
            "or drop the .7z files on the field: the occupation du sol of each millésime "
            "and the difference layer appear in the project, with the official palette."
        ),
    ),
    "classify": Help(
        QT_TR_NOOP("Artificialisation and imperméabilisation"),
        QT_TR_NOOP(
            "Marks every polygon imperméabilisé and artificialisé by the décret's rules "
            "(matrix, 2,500 m² thresholds) or by IGN's answer."
        ),
        QT_TR_NOOP(
            "Decides, for every polygon of an occupation du sol layer (as ocsge:load "
            "outputs it, or any polygon "
            "layer with couverture and usage fields), whether it is imperméabilisé and "
            "artificialisé, by the "
            "rules of the ZAN décret (n° 2022-763 revised by n° 2023-1096).\n"
            "Imperméabilisé: couverture CS1.1.1.1 (built) or CS1.1.1.2 (sealed); usage "
            "plays no part.\n"
            "Methods: 'IGN' reads IGN's own answer, the artif and crit_seuil fields of "
            "its artificialisation "
            "layer (refused when the layer has no artif field); 'matrice' applies the "
            "décret's couverture × "
            "usage matrix only; 'matrice + seuils' applies the matrix, then the décret's "
            "thresholds: a "
            "non-artificialised patch (connected polygons of the same status, sharing a "
            "boundary segment) of "
            "less than 2,500 m² entirely enclosed by artificialised land becomes "
            "artificialised; an "
            "artificialised patch of less than 2,500 m² entirely enclosed by "
            "non-artificialised land becomes "
            "non-artificialised, except its built polygons (CS1.1.1.1) of more than 50 "
            "m²; a patch touching the "
            "edge of the data or an indéterminé polygon is not enclosed; a patch in a "
            "hole of a larger polygon "
            "is enclosed by it. The thresholds are applied in one pass on the matrix "
            "result: a patch they "
            "change does not make its neighbours be re-evaluated. The default, "
            "'automatic', is 'IGN' when the "
            "layer has an artif field, else 'matrice + seuils'.\n"
            "Output: the input polygons with all their attributes, plus imper, artif, "
            "artif_matrice (before "
            "the thresholds; with 'IGN', IGN's status before its thresholds), crit_seuil "
            "(the thresholds "
            "changed this polygon) as booleans, and artif_source ('ign', 'matrice' or "
            "'seuil'); an input "
            "field of the same name is kept as <name>_orig. Codes of every level of the "
            "nomenclature are read "
            "(CS2.1.1, US4.1…, case and spaces ignored): a code stands for the leaves "
            "under it, a null or unknown "
            "value (INDETERMINE) for every leaf; a polygon whose leaves do not all give "
            "the same answer is "
            "indéterminé: its fields are NULL and it is counted apart (log, report: "
            "indetermine), never as "
            "non-artificialised; the convention 'as the national files' reads exact "
            "codes only instead. Invalid geometries are repaired (make valid) for the "
            "computation and "
            "counted in the log; the output keeps the original geometry.\n"
            "Summary table (and numeric outputs): surface imperméabilisée, "
            "artificialisée before and after "
            "the thresholds, surface switched each way by the thresholds, indéterminé, "
            "in hectares, with the "
            "number of polygons. Surfaces are planar areas in the layer's CRS, which "
            "must be projected in "
            "metres (EPSG:2154 Lambert-93 in métropole, 5490, 2972, 2975 or 4471 "
            "outre-mer): a layer in "
            "geographic coordinates is refused."
        ),
        QT_TR_NOOP(
            "Imperméabilisé: couverture CS1.1.1.1 or CS1.1.1.2. Artificialisé: "
            "couverture × usage matrix of décret n° 2023-1096, then the thresholds "
            "(patches under 2,500 m² enclosed by the other status change status; built "
            "polygons over 50 m² stay artificialised). Null or unknown codes are "
            "indéterminé and counted apart. Surfaces are planar, in hectares, in a "
            "projected CRS."
        ),
        QT_TR_NOOP(
            "Occupation du sol D32 2019 with the method « matrice + seuils »: the "
            "polygons styled artificialised / not artificialised, and the summary table "
            "with the hectares switched each way by the thresholds."
        ),
    ),
    "compare_artif": Help(
        QT_TR_NOOP("Check IGN's artificialisation layer"),
        QT_TR_NOOP(
            "Recomputes IGN's artificialisation layer with the matrix and thresholds and "
            "lists the polygons where they disagree."
        ),
        QT_TR_NOOP(
            "Recomputes the artificialisation of every polygon of IGN's "
            "artificialisation layer (artif_<year>_<dep>, "
            "as ocsge:load outputs it: code_cs, code_us, artif, crit_seuil) with the "
            "décret's couverture × usage "
            "matrix then its thresholds (2,500 m² patches enclosed by the opposite "
            "status, built polygons of more "
            "than 50 m² kept; one pass, as in ocsge:classify 'matrice + seuils'), and "
            "compares it with IGN's artif "
            "field.\n"
            "Reports, in the log and as numeric outputs, the number and surface "
            "(hectares, planar, in the layer's "
            "projected CRS) of the polygons where both agree and where they disagree, "
            "and the share of the "
            "compared surface that agrees. Polygons whose IGN value or codes are null or "
            "unknown are not compared "
            "and are counted apart.\n"
            "Output: the disagreeing polygons with their attributes, plus ign_artif, "
            "ign_crit_seuil, calc_artif, "
            "calc_artif_matrice, calc_crit_seuil (booleans) and raison: 'matrice' when "
            "the matrix alone already "
            "disagrees with IGN's status before its thresholds (artif XOR crit_seuil), "
            "'seuil' when the difference "
            "comes from the thresholds. Styled by raison; a list to send back to IGN in a review."
        ),
        QT_TR_NOOP(
            "Same rules as the classification with « matrice + seuils ». Reason « "
            "matrice » when the matrix alone disagrees with IGN before its thresholds, « "
            "seuil » otherwise. Surfaces in hectares."
        ),
        QT_TR_NOOP(
            "Artificialisation D32 2019: the share of the surface where both agree, and "
            "the disagreeing polygons, styled by reason, to send back to IGN."
        ),
    ),
    "download": Help(
        QT_TR_NOOP("Download an OCS GE delivery from IGN"),
        QT_TR_NOOP(
            "Downloads a département's OCS GE delivery from IGN (data.geopf.fr), then loads it."
        ),
        QT_TR_NOOP(
            "Downloads one OCS GE delivery of a département from IGN's download service "
            "(data.geopf.fr), "
            "the 7-Zip archive exactly as IGN ships it, then optionally loads it with « "
            "Load an OCS GE "
            "delivery » (ocsge:load). The deliveries offered are read from the service's "
            "Atom listing for "
            "the département (products OCSGE and OCSGE-ARTIFICIALISATION); the kind "
            "(occupation du sol, "
            "différence, artificialisation, artificialisation difference) and the "
            "millésime(s) are read "
            "from IGN's delivery names. Give one year for a state (2019) and, for a "
            "difference, its two "
            "years (2016-2019) or its final year; leave it empty for the most recent. "
            "Archives go to the "
            "chosen folder, else to the plugin's download cache, and an archive already "
            "downloaded (same "
            "edition) is reused. The network follows QGIS's proxy settings; busy or "
            "failing servers (HTTP "
            "429, 423, 5xx) are retried a few times with growing waits. Nothing is "
            "computed: no surface, "
            "no unit."
        ),
        QT_TR_NOOP(
            "The deliveries on offer are read from IGN's Atom listing: one year for a "
            "state, two years for a difference, empty for the latest. An archive already "
            "downloaded (same edition) is reused; QGIS's proxy settings are followed."
        ),
        QT_TR_NOOP(
            "Département 32, millésime 2019, product occupation du sol: the archive is "
            "downloaded into the cache and its layers are added to the project."
        ),
    ),
    "flows": Help(
        QT_TR_NOOP("Flows between millésimes"),
        QT_TR_NOOP(
            "Artificialisation, désartificialisation, imperméabilisation and "
            "désimperméabilisation between two millésimes, in hectares."
        ),
        QT_TR_NOOP(
            "Computes the land artificialised and desartificialised, sealed "
            "(imperméabilisé) and unsealed "
            "between two millésimes, piece by piece, from whichever data you have: IGN's "
            "difference layer "
            "(DIFF: imperméabilisation from the couverture, CS1.1.1.1 and CS1.1.1.2; "
            "artificialisation from "
            "the décret's couverture × usage matrix), IGN's artificialisation difference "
            "layer (zan_evol_…: "
            "its artificialisation field, +1 or -1, is the answer), or two occupation du "
            "sol layers, début "
            "and fin, overlaid (artificialisation at both dates by the method of "
            "ocsge:classify: IGN's artif "
            "field, the matrix, or the matrix and its 2,500 m² seuils). The log says "
            "which data was used. "
            "The overlay pairs identical polygons first and intersects only the rest; "
            "areas covered by one "
            "millésime only are reported (surface and a layer), not counted as flows. "
            "Codes of every level of "
            "the nomenclature are read (CS2.1.1, US4.1, INDETERMINE…): a piece whose "
            "status at a date cannot be "
            "told (the leaves under its codes disagree) is counted apart (log, report: "
            "indetermine) and kept "
            "out of the flows; the convention 'as the national files' reads exact codes "
            "only instead. Outputs: a layer of the changed "
            "pieces (codes, imper and artif at both dates, flux_artif and flux_imper = "
            "+1, 0 or -1, and flux, "
            "the flow kind in words: artificialisation, desartificialisation, impermeabilisation, "
            "desimpermeabilisation, comma-joined when two apply, empty when only the "
            "class changed); a "
            "summary with flux_artif, flux_desartif, flux_artif_net, flux_imper, flux_desimper and "
            "flux_imper_net (net = flux − flux_des); transition tables couverture début "
            "× fin and usage début "
            "× fin (changed land only); and the origin of newly artificialised land by "
            "couverture and usage "
            "at début (surface and % of the new artificialisation). The millésimes are "
            "read from the names "
            "and fields, or given as parameters. Surfaces are planar areas in the "
            "layers' projected CRS, in "
            "hectares."
        ),
        QT_TR_NOOP(
            "From IGN's difference layer (the matrix rule), IGN's artificialisation "
            "difference (its artificialisation field), or the overlay of two millésimes. "
            "Net flow = flow − reverse flow. Land covered by one millésime only and null "
            "or unknown codes are reported, not counted."
        ),
        QT_TR_NOOP(
            "Différence D32 2016-2019: the changed pieces styled by flow kind, the six "
            "flows in hectares, and the couverture transition table."
        ),
    ),
    "aggregate": Help(
        QT_TR_NOOP("Aggregate by territory"),
        QT_TR_NOOP(
            "Stocks and flows of artificialisation and imperméabilisation per territory "
            "(communes, EPCI, any zones)."
        ),
        QT_TR_NOOP(
            "Sums OCS GE stocks and flows per territory (communes, EPCI, SCoT, IRIS, a "
            "grid, business "
            "zones, a project perimeter…). Inputs: OCS GE layers as ocsge:load outputs "
            "them (occupation "
            "du sol, IGN's artificialisation layers, difference and artificialisation difference "
            "layers), layers from ocsge:classify or ocsge:flows, one or more millésimes "
            "and départements; "
            "and a territory polygon layer in any CRS, with its code and name fields. "
            "Raw occupation "
            "layers are classified on the fly by the chosen method (the décret's "
            "couverture × usage "
            "matrix, matrix + 2,500 m² thresholds, or IGN's artif field); flows come from the "
            "difference layers (matrix rule), IGN's artificialisation difference (its "
            "artificialisation "
            "field), an ocsge:flows layer, or else from the overlay of two millésimes. For every "
            "territory and pair of millésimes: surface_artif and pourcent_artif, surface_imper and "
            "pourcent_imper (stocks at millesime_fin), the territory area, the share "
            "covered by OCS GE, "
            "and the six flows (flux_artif, flux_desartif, flux_artif_net, flux_imper, "
            "flux_desimper, "
            "flux_imper_net). Percentages are over the full territory area. Areas are "
            "planar, computed "
            "exactly from polygon ∩ territory in the data's projected CRS, in hectares (or m²). "
            "Territories spanning several départements whose millésimes differ are "
            "combined by index "
            '(1st, 2nd… millésime of each département) and report the years, e.g. "2018, 2019". '
            "Duplicate territory codes are merged and reported, invalid territory "
            "geometries repaired "
            "and reported, territories outside the data reported with zero coverage. "
            "Codes of every level "
            "of the nomenclature are read (CS2.1.1, US4.1, INDETERMINE…): polygons whose "
            "status cannot be told "
            "are summed apart (surface_indeterminee; change pieces: flux_indetermine), "
            "and the log and the "
            "report (indetermine) give their count and surface per layer and millésime. "
            "A stock or a flow "
            "that no layer gives (only a difference layer, or no OCS GE over the "
            "territory) is left empty "
            "(NULL), never 0; the field inconnu says what is unknown. In the same pass, "
            "the optional output "
            "« surfaces by class » gives per territory the stock by couverture and usage "
            "code, the changed land by "
            "couverture at début and fin, and the newly artificialised land by what it "
            "was (for ocsge:export)."
        ),
        QT_TR_NOOP(
            "Exact areas of polygon ∩ territory in the data's projected CRS; percentages "
            "of the full territory area; stocks at the fin millésime; several "
            "départements combined by millésime index."
        ),
        QT_TR_NOOP(
            "The occupation du sol and difference layers of D90 with the communes of the "
            "Territoire de Belfort: one row per commune with surface_artif, "
            "pourcent_artif and the six flows, mapped by share artificialised."
        ),
    ),
    "rollup": Help(
        QT_TR_NOOP("Roll up communes to EPCI, SCoT, département, région"),
        QT_TR_NOOP("Rolls the commune rows up to EPCI, SCoT, département and région."),
        QT_TR_NOOP(
            "Sums the commune rows of ocsge:aggregate into EPCI, SCoT, département and "
            "région rows, by "
            "the membership codes of the commune layer (fields kept by ocsge:aggregate: "
            "SIREN_EPCI, "
            "INSEE_DEP, INSEE_REG of ADMIN EXPRESS, or epci_code, scot_code, departement_code, "
            "region_code) or by a membership table: INSEE's table d'appartenance géographique des "
            "communes (XLSX as INSEE publishes it, title rows included, or CSV: CODGEO, "
            "LIBGEO, DEP, REG, "
            "EPCI, NATURE_EPCI) or the plugin's CSV (appartenance-communes-90.csv: "
            "commune_code, nom, "
            "epci_code, epci_nom, departement_code, region_code, population; optional "
            "scot_code, scot_nom, "
            "epci_nature); the columns used are said in the log. The commune codes are "
            "checked first: "
            "when fewer than half of them are in the table, or fewer than half look like "
            "INSEE codes "
            "(5 characters: 90010, 2A004, 97411), the run stops with a message naming "
            "both fields and "
            "three examples, and writes nothing. Surfaces and flows "
            "are sums of the communes; percentages are Σ surface ÷ Σ commune area × 100 "
            "(domain rule "
            "§4), in the unit of the input (hectares or m²). Communes without membership "
            "are reported "
            "(their département is then read from the INSEE code; they count in no EPCI nor SCoT); "
            "communes listed in the table but absent from the layer are reported too. "
            "EPT codes of the "
            "Grand Paris (nature 'EPT' in an epci_nature column, else the list of the 11 EPT SIREN "
            "codes) are not EPCI: their communes count in the Métropole du Grand Paris "
            "(200054781). "
            "Without SCoT codes the SCoT level is skipped, with a message. Outlines are "
            "the union of "
            "the communes' outlines."
        ),
        QT_TR_NOOP(
            "Surfaces and flows are sums; percentages are Σ surface ÷ Σ commune area × "
            "100. The EPT of the Grand Paris count in the Métropole du Grand Paris. "
            "Communes without membership are reported."
        ),
        QT_TR_NOOP(
            "The commune table of the Territoire de Belfort with "
            "appartenance-communes-90.csv: one row per EPCI, one for the département and "
            "one for the région."
        ),
    ),
    "export": Help(
        QT_TR_NOOP("Export to the published schema (data.gouv.fr)"),
        QT_TR_NOOP(
            "Writes the artif_<level> and imper_<level> tables published on data.gouv.fr "
            "(GeoPackage and CSV)."
        ),
        QT_TR_NOOP(
            "Writes the tables published on data.gouv.fr for artificialisation and "
            "imperméabilisation: for "
            "each level (commune, EPCI, SCoT, département, région) artif_<level> and "
            "imper_<level>, as a "
            "GeoPackage (one layer of that name) and a CSV, with the published columns "
            "in their order: "
            "<level>_code, nom, pourcent_artif, surface_artif, flux_artif, "
            "flux_desartif, flux_artif_net, "
            "millesime_debut, millesime_fin (likewise _imper), and for communes departement_code, "
            "region_code, epci_code, scot_code, commune_surface. One row per territory and pair of "
            "millésimes; stocks at millesime_fin; percentages of the full territory "
            "area. Input: the "
            "commune table of ocsge:aggregate or ocsge:rollup; higher levels come from "
            "ocsge:rollup's "
            "outputs when given, else they are rolled up here from the communes' "
            "membership (commune "
            "fields or a membership CSV). Unit: hectares by default, or m² (the national "
            "files' unit); "
            "stated in the GeoPackage layer description and metadata (unite). Geometry "
            "in EPSG:4326, "
            "outlines simplified per level with shared boundaries kept together (50 m "
            "communes, 250 m "
            "EPCI and SCoT, 1,500 m départements and régions), as an option. CSV in "
            "UTF-8, with ',' and "
            "'.' or ';' and ',' (French spreadsheets), without geometry. Options: the "
            '"by index" layout '
            "(millesimes_1, pourcent_artif_1, surface_artif_1, …, flux_surface_1_2, "
            "flux_percent_1_2 = "
            "stock differences; flux_percent is that difference in % of the territory "
            "area) and the "
            'table "part du territoire couvert" (per département: code, name, surface_km2, '
            "percent_of_france of 641,184 km², has_ocsge). Files are written under temporary names "
            "and renamed at the end: on cancel or error nothing half-written is left; "
            "only the files "
            "of this export are replaced in the chosen folder. Beside the published "
            "tables, left exactly as the "
            "schema says, qualite_<level> (GeoPackage without geometry and CSV) tells "
            "for every row what they "
            "cannot: the undetermined surface (codes whose leaves disagree: null, "
            "unknown or parent codes) and "
            "its share of the territory, the undetermined change pieces, the polygons "
            "repaired, the surface "
            "outside the data, and inconnu ('stock', 'flux': not computable, left empty "
            "in the published "
            "tables, never 0; '… partiel': a level summing only its communes that know "
            "it). The convention of "
            "the codes (the aggregation's) is written in the GeoPackage metadata and the "
            "report. Given the surfaces by class "
            "that ocsge:aggregate wrote (its optional output), the per-class tables are "
            "written too, rolled up like the "
            "others: couverture_<level> and usage_<level> (<level>_code, nom, millesime, "
            "code_cs / code_us, surface: "
            "the stock by code, summing to the covered surface), transition_cs_<level> "
            "(millesime_debut, millesime_fin, "
            "cs_debut, cs_fin, surface: the changed land) and origine_artif_<level> "
            "(cs_debut, us_debut, surface: the "
            "newly artificialised land by what it was; its sum is flux_artif); codes as "
            "the delivery writes them, "
            "parent codes, INDETERMINE and null (empty) as classes of their own."
        ),
        QT_TR_NOOP(
            "The published columns in their order; hectares by default, or m²; "
            "GeoPackage in EPSG:4326 with outlines simplified per level; the files are "
            "written whole or not at all."
        ),
        QT_TR_NOOP(
            "The commune table and a folder: artif_commune.gpkg and .csv to "
            "imper_region.gpkg and .csv, ready to publish, and the maps in the project."
        ),
    ),
    "diagnostic": Help(
        QT_TR_NOOP("Artificialisation diagnostic of a territory"),
        QT_TR_NOOP("From IGN's deliveries to the published tables and the maps, in one step."),
        QT_TR_NOOP(
            "Runs the whole chain in one go, with one progress bar and cancel: load the OCS GE "
            "deliveries (ocsge:load: .7z archives, folders or files; several, separated by ';', "
            "several départements allowed), classify the polygons (the method chosen: IGN's "
            "artificialisation layers when present, else the décret's matrix + thresholds; or the "
            "matrix), take the flows from the difference layers or from the overlay of "
            "two millésimes, "
            "aggregate per commune (ocsge:aggregate: exact polygon ∩ commune areas in the data's "
            "projected CRS), roll up to EPCI, SCoT, département and région by the membership codes "
            "(ocsge:rollup) and write the published tables artif_<level> and imper_<level> as "
            "GeoPackage and CSV into one folder (ocsge:export). Communes the data does "
            "not touch are "
            "left out (counted in the log). Surfaces in hectares (or m²), percentages of the full "
            "territory area, stocks at millesime_fin. Codes of every level of the "
            "nomenclature are read "
            "(CS2.1.1, US4.1, INDETERMINE…): what cannot be told is never counted as "
            "non-artificialised but "
            "reported per layer and millésime (log, report: indetermine) and per "
            "territory in the quality "
            "tables qualite_<level> written beside the published ones (undetermined "
            "surface and share, "
            "polygons repaired, surface outside the data) and in the per-class tables, "
            "made in the same pass: "
            "couverture_<level> and usage_<level> (surface by code at each millésime), "
            "transition_cs_<level> (changed "
            "land, couverture at début × at fin) and origine_artif_<level> (newly "
            "artificialised land by couverture and "
            "usage at début; its sum is flux_artif), parent codes, INDETERMINE and null "
            "kept as classes; a stock or flow no layer gives (e.g. only a "
            "difference layer) is left empty, never 0. The convention 'as the national "
            "files' reproduces the "
            "published national numbers (exact codes only). In batch mode, one row per "
            "département with its "
            "own output folder. The example model 'Diagnostic OCS GE (modèle)' (group "
            "Modèles of this "
            "provider) chains the same algorithms, step by step, and opens in the "
            "graphical modeler."
        ),
        QT_TR_NOOP(
            "Automatic method: IGN's artificialisation layers when present, else the "
            "matrix and its thresholds; flows from the difference layers or the overlay "
            "of two millésimes; communes outside the data are left out; surfaces in "
            "hectares, percentages of the full territory area."
        ),
        QT_TR_NOOP(
            "The folder of the Territoire de Belfort's deliveries, its communes and the "
            "membership table: the group « Diagnostic OCS GE – Territoire de Belfort "
            "2018-2021 » with maps of the share artificialised and of the net "
            "artificialisation per hectare, and the published files in the output folder."
        ),
    ),
    "diagnostic_national": Help(
        QT_TR_NOOP("Artificialisation diagnostic of many départements (national)"),
        QT_TR_NOOP(
            "The diagnostic of many départements in one call, several at once, resumed where a "
            "stopped run left off, merged into one folder."
        ),
        QT_TR_NOOP(
            "Takes the deliveries of many départements (a folder holding IGN's archives or "
            "folders, or several paths separated by ';'), groups them by the département code "
            "of IGN's names (…_D032_…) and runs ocsge:diagnostic on each département in a "
            "process of its own, as many at once as WORKERS (default: the computer's cores). "
            "Each département is written whole into departements/<code>/ of the output folder "
            "(its own published tables), then marked finished (departements/<code>.done). A run "
            "canceled, stopped or killed is resumed by running it again with the same inputs: "
            "the départements marked finished are not done again, what an unfinished one had "
            "written is discarded; a département whose deliveries or options changed is done "
            "again. Once all are finished, their communes are merged and rolled up once: the "
            "output folder holds one table per level (artif_<level>, imper_<level>, qualite_"
            "<level> and the per-class tables, GeoPackage and CSV), with the columns of "
            "ocsge:diagnostic; an EPCI or a région spanning départements is summed whole. The "
            "tables are also written into a PostGIS schema when a connection is chosen. The "
            "commune layer is a file (each process opens it and keeps the communes of its "
            "département); the outlines are written in the CRS of the first département. No "
            "layer is added to the project."
        ),
        QT_TR_NOOP(
            "One process per département at a time, about 1 GB of memory each for 1,000,000 "
            "polygons per millésime; a département that fails does not stop the others, the "
            "run then ends with an error naming it and its log (departements/<code>.log)."
        ),
        QT_TR_NOOP(
            "A folder holding the deliveries of the Gers and of the Territoire de Belfort, "
            "the communes of both and their membership table, 2 workers: the two départements "
            "computed at once, then artif_commune, artif_epci, artif_departement and "
            "artif_region with the communes of both."
        ),
    ),
    "portrait": Help(
        QT_TR_NOOP("Portrait of a territory (PDF report)"),
        QT_TR_NOOP(
            "A printable report per territory, with key figures, a map and charts, from "
            "the same numbers as the published tables."
        ),
        QT_TR_NOOP(
            "Runs ocsge:diagnostic on the deliveries and the communes, then makes one "
            "PDF with one section per "
            "territory of the level chosen (an atlas): a cover (territory, code, level, "
            "millésimes, method, "
            "convention, deliveries read, date); the key figures (surface, "
            "artificialised and impermeable surface "
            "and share at each millésime, the four flows, net artificialisation per "
            "year, undetermined surface, "
            "comparison with the EPCI and the département or région); a map of the "
            "territory over the communes: IGN's "
            "artificialised surface at the last millésime and its flows "
            "(artificialisation in red, désartificialisation "
            "in green) when the deliveries hold IGN's artificialisation layers, else the "
            "communes' artificialised share; "
            "optionally over a raster or WMS layer of the project; scale bar, north "
            "arrow, legend and source; the charts (stocks at both "
            "millésimes, flows by type, surfaces by couverture and by usage at both "
            "millésimes in IGN's colours, what "
            "the newly artificialised land was before, the couverture transition matrix, "
            "communes ranked by net "
            "artificialisation) as vector drawings; for a "
            "territory above the commune, the table of its communes sorted by net "
            "artificialisation; a method note. "
            "Numbers are those of the published tables (artif_<level>, imper_<level>, "
            "qualite_<level>) and of "
            "the per-class tables beside them (couverture_, usage_, transition_cs_, "
            "origine_artif_<level>), written "
            "with the charts and the atlas layer in the folder <name of the PDF>_donnees "
            "beside the PDF; they are "
            "formatted the French way (1 234,5 ha). The print layout is added to the "
            "project (Layout manager), "
            "editable: its tables are attribute tables over the table lignes of the "
            "atlas GeoPackage, drawn by QGIS "
            "itself on every version. A restyled template (.qpt, same item ids) can be "
            "given back. The PDF is written under a "
            "temporary name and renamed at the end: on cancel nothing is left."
        ),
        QT_TR_NOOP(
            "The stock at the first millésime is the published stock at the last one "
            "minus the published net flow; shares are of the full territory area; a "
            "value no layer gives is printed « – », never 0."
        ),
        QT_TR_NOOP(
            "The Territoire de Belfort's deliveries, its communes and the membership "
            "table, level EPCI: portrait.pdf with the three EPCI, 9 pages each and 10 "
            "for CA Grand Belfort (its 52 communes on two pages)."
        ),
    ),
    "consommation": Help(
        QT_TR_NOOP("Consommation d'espaces NAF and ZAN trajectory"),
        QT_TR_NOOP(
            "Reads Cerema's consumption file and computes, per commune, EPCI, SCoT, "
            "département and région, the consumption 2011–2020, the envelope 2021–2030 "
            "and the share used."
        ),
        QT_TR_NOOP(
            "For the decade 2021–2031 the law measures the consumption of natural, "
            "agricultural and forest land (NAF) "
            "from the fichiers fonciers, published by Cerema per commune and per year "
            "since 2009; OCS GE "
            "artificialisation takes over after 2031. This algorithm reads Cerema's "
            "commune file as published "
            "(CSV in UTF-8 or Latin-1, numbers possibly as text, or GeoPackage / "
            "shapefile): the years and the last "
            "year come from the column names naf<AA>art<BB> (m² consumed during the year "
            "20AA) and art<AA>act<BB>, "
            "hab, mix, rou, fer, inc (by destination: activité, habitat, mixte, route, "
            "ferré, inconnu); a year "
            "column without any value is left out, said in the log. Communes are summed "
            "into EPCI, SCoT, "
            "département and région by the file's own columns (epciNN, scot, iddep, "
            "idreg) or by your membership "
            "table.\n"
            "Outputs, per level, in the output folder, as GeoPackage (a table without "
            "geometry) and CSV: "
            "consommation_<level> (per year and destination, totals 2011–2020, since "
            "2021 and over the whole file, "
            "population and households at both census years and the consumption in m² "
            "per new inhabitant and "
            "per new household) and trajectoires_<level> with exactly the columns of the "
            "national table « Trajectoires "
            "ZAN des communes de France »: <level>_code, conso_2011_2020, "
            "conso_autorisee_augmentee_a_1ha_2021_2030 "
            "(oui/non), conso_autorisee_2021_2030, conso_depuis_2021, "
            "conso_annuelle_depuis_2021, conso_projetee_2030, "
            "respecte_reglementation_actuellement, pourcentage_utilisation_actuelle, "
            "respectera_reglementation_en_2030, "
            "pourcentage_utilisation_projetee_en_2030; then the plugin's: nom, "
            "taux_reduction (%), derniere_annee, "
            "nb_annees_depuis_2021, communes, communes_manquantes, codes_manquants, "
            "part_surface_manquante (% of the "
            "territory's area), valeurs_vides (commune:year), partiel (oui when a "
            "commune is absent from the file or "
            "a value is empty: never a silent zero), unite, convention.\n"
            "Real files: communes of your territories absent from the file, and communes "
            "of the file in none of "
            "your territories, are named in the log and the report, with their share of "
            "the territory's area when "
            "areas are known; an INSEE table de passage converts the codes of communes "
            "merged (sums) or divided "
            "(shares of area) since the file's COG vintage."
        ),
        QT_TR_NOOP(
            "Reference: the calendar years 2011 to 2020 of the file (naf11art12 … "
            "naf20art21). Envelope 2021–2030 = "
            "reference × (1 − rate), rate 50 % (article 194, I, 1° of loi n° 2021-1104 "
            "du 22 août 2021, « Climat et "
            "résilience ») or the territory's own rate from the territorialisation table "
            "(SRADDET, SCoT). Communal "
            "guarantee: article 194, IV, 3° bis of the same loi, inserted by loi n° "
            "2023-630 du 20 juillet 2023 — a "
            "commune covered by a plan local d'urbanisme, a document en tenant lieu or a "
            "carte communale prescribed, "
            "arrêté or approved before 22 August 2026 cannot be given less than 1 ha for "
            "2021–2031; applied to every "
            "commune, to none or to the communes listed, never to a grouping. Since "
            "2021: the years 2021 to the last "
            "year of the file (2030 at most); annual pace = that total ÷ its number of "
            "years; projection to the end of "
            "2030 = since 2021 + annual pace × the years left. Share used = consumption "
            "÷ envelope × 100; « respecte » "
            "when it is at most the envelope. Convention « as the national table »: "
            "every territory's envelope is raised "
            "to 1 ha when under it and the projection is the annual pace × 9, as the "
            "national file computes them. "
            "Unit: hectares (or m²). Which measure for which decade: for 2021–2031 the "
            "law (loi n° 2021-1104 du 22 août "
            "2021, articles 191 and 194) measures the consumption of NAF land, from the "
            "fichiers fonciers, as here; from "
            "2031 it measures the artificialisation nette des sols (article L. 101-2-1 "
            "of the code de l'urbanisme), with "
            "OCS GE under the nomenclature of décret n° 2023-1096 du 27 novembre 2023 "
            "(the REPORT says so, key "
            "mesure_legale). Beside OCS GE (the diagnostic's tables given): per "
            "territory the latest pair of millésimes "
            "of artif_<level> whose years meet the file's; artif_nette_annuelle_ocsge = "
            "flux_artif_net ÷ (millésime fin − "
            "millésime début); conso_annuelle_periode_ocsge = the consumption of the "
            "calendar years millésime début to "
            "millésime fin − 1 ÷ their number. The two measure different things (land "
            "use in the cadastre against cover "
            "and use seen on aerial images): their gap is information, not an error."
        ),
        QT_TR_NOOP(
            "Cerema's commune file for France and appartenance-communes-90.csv: "
            "consommation_ and trajectoires_ for the Territoire de Belfort's 101 "
            "communes, 3 EPCI, the département and the région; a commune merged since "
            "the file's COG marks its EPCI partial until the INSEE table de passage is "
            "given."
        ),
    ),
    "bases_regionales": Help(
        QT_TR_NOOP("Regional land-cover bases: export and import"),
        QT_TR_NOOP(
            "Exports the inventory of regional land-cover bases (CSV, GeoJSON) and merges a "
            "CRIGE's file into it."
        ),
        QT_TR_NOOP(
            "The inventory lists, région by région, the land-cover bases besides IGN's OCS GE "
            "(MOS, OCS2D, OCSOL…), with the fields of the CNIG's land-cover working group: "
            "characteristics, millésimes, dimensions, classes, levels, minimum mapping unit, "
            "images, contractors, links to the data and to a viewer, dates, and the second set "
            "(scales, AMO, quality control, price and duration). The algorithm reads the "
            "inventory (by default the one the data panel uses: your merged copy when you "
            "imported one there, else the one shipped with the plugin) and writes it as CSV and "
            "as GeoJSON: the 18 current régions with the inventory's attributes and their "
            "availability (regional base and OCS GE, regional base in progress, OCS GE only).\n"
            "With a file to import (a CRIGE's inventory with the same columns), the file is "
            "checked first: millésimes are years (1950 to 2100; a campaign over up to 3 years "
            "as 2011/2012), the UMC cites an area (m², ha, km²), addresses are well-formed "
            "http(s), région codes are INSEE codes (current or before 2016), dates are "
            "YYYY-MM-DD, identifiers are unique. A refused file stops the run with one message "
            "per problem naming the line and the field, and nothing is written. The records are "
            "then compared by identifier: new records, changed records (field by field, before "
            "and after), unchanged ones, and records of the inventory missing from the file "
            "(always kept). Only what the choice accepts is taken; the rest is listed as refused "
            "with its reason."
        ),
        QT_TR_NOOP(
            "Nothing is overwritten unless accepted: « Nothing » writes the inventory unchanged "
            "and reports what the import would bring. The plugin's shipped file is never "
            "written; the data panel's « Import… » saves the merged copy in your QGIS profile."
        ),
        QT_TR_NOOP(
            "A CRIGE's file with one new base and one corrected UMC, « New records only »: the "
            "report lists the new base as added and the correction as refused."
        ),
    ),
}
