<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../ocsge_plugin/styles.py" line="40" />
        <source>Unknown code</source>
        <translation>Code inconnu</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/styles.py" line="44" />
        <source>Undetermined</source>
        <translation>Indéterminé</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/styles.py" line="56" />
        <source>Artificialised</source>
        <translation>Artificialisé</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/styles.py" line="56" />
        <source>Not artificialised</source>
        <translation>Non artificialisé</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/reading.py" line="218" />
        <source>The layer has no {missing} field (found: {found}). Expected an OCS GE layer with couverture and usage codes (code_cs/code_us, CODE_CS/CODE_US or couverture/usage).</source>
        <translation>La couche n'a pas de champ {missing} (champs trouvés : {found}). Attendu : une couche OCS GE avec les codes de couverture et d'usage (code_cs/code_us, CODE_CS/CODE_US ou couverture/usage).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/reading.py" line="315" />
        <source>The archive {name} is corrupt or truncated (7-Zip: {detail}). Download it again from IGN.</source>
        <translation>L'archive {name} est corrompue ou tronquée (7-Zip : {detail}). Téléchargez-la de nouveau depuis l'IGN.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/reading.py" line="326" />
        <source>Cannot open {name}: no 7-Zip program was found. Install p7zip-full (apt install p7zip-full) or 7-Zip, or the Python package py7zr.</source>
        <translation>Impossible d'ouvrir {name} : aucun programme 7-Zip n'a été trouvé. Installez p7zip-full (apt install p7zip-full) ou 7-Zip, ou le paquet Python py7zr.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/reading.py" line="336" />
        <source>The archive {name} is corrupt or truncated ({detail}). Download it again from IGN.</source>
        <translation>L'archive {name} est corrompue ou tronquée ({detail}). Téléchargez-la de nouveau depuis l'IGN.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/reading.py" line="361" />
        <source>{name} cannot be read as a GeoPackage or Shapefile.</source>
        <translation>{name} ne peut pas être lu comme un GeoPackage ou un Shapefile.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/reading.py" line="382" />
        <source>{name}: not an OCS GE layer (no known layer name nor code fields); skipped.</source>
        <translation>{name} : pas une couche OCS GE (ni nom de couche connu, ni champs de codes) ; ignorée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/reading.py" line="581" />
        <source>{path} does not exist. Expected an OCS GE delivery: a .7z archive from IGN, a folder or a .gpkg/.shp file.</source>
        <translation>{path} n'existe pas. Attendu : une livraison OCS GE, c'est-à-dire une archive .7z de l'IGN, un dossier ou un fichier .gpkg/.shp.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/reading.py" line="591" />
        <source>{name} is not an OCS GE delivery. Expected a .7z archive from IGN, a folder or a .gpkg/.shp file.</source>
        <translation>{name} n'est pas une livraison OCS GE. Attendu : une archive .7z de l'IGN, un dossier ou un fichier .gpkg/.shp.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/reading.py" line="617" />
        <source>No OCS GE layer was found in {name}. Expected OCCUPATION_SOL, ZONE_CONSTRUITE, DIFF, artif_… or zan_evol_… layers.</source>
        <translation>Aucune couche OCS GE n'a été trouvée dans {name}. Attendu : des couches OCCUPATION_SOL, ZONE_CONSTRUITE, DIFF, artif_… ou zan_evol_….</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/reading.py" line="626" />
        <source>{title}: coordinate system unknown (no .prj and no CRS token in the name).</source>
        <translation>{title} : système de coordonnées inconnu (pas de .prj ni de SCR dans le nom).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/reading.py" line="634" />
        <source>Several départements were found ({deps}): all were loaded.</source>
        <translation>Plusieurs départements ont été trouvés ({deps}) : tous ont été chargés.</translation>
    </message>
</context>
<context>
    <name>LoadDeliveryAlgorithm</name>
    <message>
        <location filename="../processing_provider/load.py" line="88" />
        <source>Load an OCS GE delivery</source>
        <translation>Charger une livraison OCS GE</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="91" />
        <source>OCS GE delivery (.7z archive, folder, .gpkg or .shp)</source>
        <translation>Livraison OCS GE (archive .7z, dossier, .gpkg ou .shp)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="96" />
        <source>A .7z archive as downloaded from IGN, a folder holding deliveries (type its path), or a single .gpkg / .shp file.</source>
        <translation>Une archive .7z telle que téléchargée depuis l'IGN, un dossier contenant des livraisons (saisissez son chemin) ou un fichier .gpkg / .shp.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="98" />
        <source>Layer kinds to load (all when empty)</source>
        <translation>Types de couches à charger (toutes si vide)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="105" />
        <source>Restrict loading to some layer kinds; by default every kind found is loaded.</source>
        <translation>Limite le chargement à certains types de couches ; par défaut, tous les types trouvés sont chargés.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="107" />
        <source>Style</source>
        <translation>Style</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="107" />
        <source>Couverture (official palette)</source>
        <translation>Couverture (palette officielle)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="107" />
        <source>Usage (official palette)</source>
        <translation>Usage (palette officielle)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="113" />
        <source>Palette of the loaded layers in the map: couverture or usage codes, official OCS GE colours.</source>
        <translation>Palette des couches chargées sur la carte : codes de couverture ou d'usage, couleurs officielles de l'OCS GE.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="115" />
        <source>Check codes against the nomenclature</source>
        <translation>Vérifier les codes avec la nomenclature</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="117" />
        <source>Reads every code once and reports null codes and codes outside the OCS GE nomenclature.</source>
        <translation>Lit chaque code une fois et signale les codes nuls et les codes hors de la nomenclature OCS GE.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="119" />
        <source>Report the surface per couverture class</source>
        <translation>Indiquer la surface par poste de couverture</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="120" />
        <source>Adds the surface of each couverture code (hectares) to the report; reads every geometry once.</source>
        <translation>Ajoute au rapport la surface de chaque code de couverture (hectares) ; lit chaque géométrie une fois.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="125" />
        <source>Occupation du sol, previous millésime</source>
        <translation>Occupation du sol, millésime précédent</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="128" />
        <source>All loaded layers</source>
        <translation>Toutes les couches chargées</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="129" />
        <source>Report (JSON)</source>
        <translation>Rapport (JSON)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="133" />
        <source>Occupation du sol</source>
        <translation>Occupation du sol</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="134" />
        <source>Zone construite</source>
        <translation>Zone construite</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="135" />
        <source>Différence between millésimes</source>
        <translation>Différence entre millésimes</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="136" />
        <source>Artificialisation (IGN)</source>
        <translation>Artificialisation (IGN)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="137" />
        <source>Artificialisation difference (IGN)</source>
        <translation>Évolution de l'artificialisation (IGN)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="149" />
        <source>No delivery given. Expected a .7z archive, a folder or a .gpkg/.shp file.</source>
        <translation>Aucune livraison indiquée. Attendu : une archive .7z, un dossier ou un fichier .gpkg/.shp.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="151" />
        <source>Reading {path}</source>
        <translation>Lecture de {path}</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="165" />
        <source>Canceled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="170" />
        <source>{name}: extraction reused from the cache</source>
        <translation>{name} : extraction reprise du cache</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="170" />
        <source>{name}: extracted</source>
        <translation>{name} : extrait</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="177" />
        <source>Empty layer(s): {names}. Expected OCS GE polygons.</source>
        <translation>Couche(s) vide(s) : {names}. Attendu : des polygones OCS GE.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="183" />
        <source>{title}: {count} code(s) outside the OCS GE nomenclature, counted as unknown: {codes}</source>
        <translation>{title} : {count} code(s) hors de la nomenclature OCS GE, comptés comme inconnus : {codes}</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="191" />
        <source>{title}: {count} polygon(s) with a null code.</source>
        <translation>{title} : {count} polygone(s) avec un code nul.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="215" />
        <source>{title}: {count} polygons, CRS {crs}</source>
        <translation>{title} : {count} polygones, SCR {crs}</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="69" />
        <source>Loads an OCS GE delivery exactly as IGN ships it: a .7z archive downloaded from IGN's service, a folder (an unpacked delivery, several levels deep, or several deliveries) or a single .gpkg / .shp file. Every layer kind found is loaded: occupation du sol, zone construite, différence, artificialisation and évolution de l'artificialisation. The département and millésime(s) are read from the archive, file, layer and field names. Field names are normalised once (code_cs / code_us; cs_debut, us_debut, cs_fin, us_fin for differences) so that every other algorithm reads one schema; the original attributes are kept. The coordinate system comes from the files, else from the archive name (LAMB93 → EPSG:2154, RGAF09UTM20 → EPSG:5490, RGFG95UTM22 → EPSG:2972, RGR92UTM40S → EPSG:2975, RGM04UTM38S → EPSG:4471). Archives are extracted once into a cache (keyed by path, size and date) with 7-Zip. Codes outside the OCS GE nomenclature are counted and reported. Surfaces in the report are planar areas in hectares, in the layer's projected CRS.</source>
        <translation>Charge une livraison OCS GE telle que l'IGN la diffuse : une archive .7z téléchargée depuis le service de l'IGN, un dossier (une livraison décompressée, sur plusieurs niveaux, ou plusieurs livraisons) ou un fichier .gpkg / .shp. Tous les types de couches trouvés sont chargés : occupation du sol, zone construite, différence, artificialisation et évolution de l'artificialisation. Le département et le ou les millésimes sont lus dans les noms de l'archive, des fichiers, des couches et des champs. Les noms de champs sont normalisés une seule fois (code_cs / code_us ; cs_debut, us_debut, cs_fin, us_fin pour les différences) afin que tous les autres algorithmes lisent un seul schéma ; les attributs d'origine sont conservés. Le système de coordonnées vient des fichiers, sinon du nom de l'archive (LAMB93 → EPSG:2154, RGAF09UTM20 → EPSG:5490, RGFG95UTM22 → EPSG:2972, RGR92UTM40S → EPSG:2975, RGM04UTM38S → EPSG:4471). Les archives sont extraites une seule fois dans un cache (selon leur chemin, leur taille et leur date) avec 7-Zip. Les codes hors de la nomenclature OCS GE sont comptés et signalés. Les surfaces du rapport sont des surfaces planes en hectares, dans le SCR projeté de la couche.</translation>
    </message>
</context>
<context>
    <name>OcsgeAlgorithm</name>
    <message>
        <location filename="../processing_provider/base.py" line="45" />
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="46" />
        <source>Computation</source>
        <translation>Calculs</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="47" />
        <source>Territories and export</source>
        <translation>Territoires et export</translation>
    </message>
</context>
<context>
    <name>OcsgePlugin</name>
    <message>
        <location filename="../ocsge_plugin/plugin.py" line="36" />
        <source>Load an OCS GE delivery…</source>
        <translation>Charger une livraison OCS GE…</translation>
    </message>
</context>
<context>
    <name>OcsgeProvider</name>
    <message>
        <location filename="../processing_provider/provider.py" line="24" />
        <source>OCS GE (artificialisation)</source>
        <translation>OCS GE (artificialisation)</translation>
    </message>
</context>
</TS>