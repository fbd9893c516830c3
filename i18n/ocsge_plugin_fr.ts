<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="69"/>
        <source>Unknown code</source>
        <translation>Code inconnu</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="75"/>
        <source>Undetermined</source>
        <translation>Indéterminé</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="93"/>
        <source>Artificialised</source>
        <translation>Artificialisé</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="93"/>
        <source>Not artificialised</source>
        <translation>Non artificialisé</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/reading.py" line="197"/>
        <source>The layer has no {missing} field (found: {found}). Expected an OCS GE layer with couverture and usage codes (code_cs/code_us, CODE_CS/CODE_US or couverture/usage).</source>
        <translation>La couche n'a pas de champ {missing} (champs trouvés : {found}). Attendu : une couche OCS GE avec les codes de couverture et d'usage (code_cs/code_us, CODE_CS/CODE_US ou couverture/usage).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/archives.py" line="434"/>
        <source>The archive {name} is corrupt or truncated (7-Zip: {detail}). Download it again from IGN.</source>
        <translation>L'archive {name} est corrompue ou tronquée (7-Zip : {detail}). Téléchargez-la de nouveau depuis l'IGN.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/archives.py" line="479"/>
        <source>Cannot open {name}: no 7-Zip program was found. Install p7zip-full (apt install p7zip-full) or 7-Zip, or the Python package py7zr.</source>
        <translation>Impossible d'ouvrir {name} : aucun programme 7-Zip n'a été trouvé. Installez p7zip-full (apt install p7zip-full) ou 7-Zip, ou le paquet Python py7zr.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/archives.py" line="498"/>
        <source>The archive {name} is corrupt or truncated ({detail}). Download it again from IGN.</source>
        <translation>L'archive {name} est corrompue ou tronquée ({detail}). Téléchargez-la de nouveau depuis l'IGN.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/reading.py" line="225"/>
        <source>{name} cannot be read as a GeoPackage or Shapefile.</source>
        <translation>{name} ne peut pas être lu comme un GeoPackage ou un Shapefile.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/reading.py" line="250"/>
        <source>{name}: not an OCS GE layer (no known layer name nor code fields); skipped.</source>
        <translation>{name} : pas une couche OCS GE (ni nom de couche connu, ni champs de codes) ; ignorée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/reading.py" line="556"/>
        <source>{path} does not exist. Expected an OCS GE delivery: a .7z archive from IGN, a folder or a .gpkg/.shp file.</source>
        <translation>{path} n'existe pas. Attendu : une livraison OCS GE, c'est-à-dire une archive .7z de l'IGN, un dossier ou un fichier .gpkg/.shp.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/reading.py" line="572"/>
        <source>{name} is not an OCS GE delivery. Expected a .7z archive from IGN, a folder or a .gpkg/.shp file.</source>
        <translation>{name} n'est pas une livraison OCS GE. Attendu : une archive .7z de l'IGN, un dossier ou un fichier .gpkg/.shp.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/reading.py" line="600"/>
        <source>No OCS GE layer was found in {name}. Expected OCCUPATION_SOL, ZONE_CONSTRUITE, DIFF, artif_… or zan_evol_… layers.</source>
        <translation>Aucune couche OCS GE n'a été trouvée dans {name}. Attendu : des couches OCCUPATION_SOL, ZONE_CONSTRUITE, DIFF, artif_… ou zan_evol_….</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/reading.py" line="610"/>
        <source>{title}: coordinate system unknown (no .prj and no CRS token in the name).</source>
        <translation>{title} : système de coordonnées inconnu (pas de .prj ni de SCR dans le nom).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/reading.py" line="621"/>
        <source>Several départements were found ({deps}): all were loaded.</source>
        <translation>Plusieurs départements ont été trouvés ({deps}) : tous ont été chargés.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/catalogue.py" line="74"/>
        <source>Occupation du sol</source>
        <translation>Occupation du sol</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/catalogue.py" line="75"/>
        <source>Différence</source>
        <translation>Différence</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="44"/>
        <source>Artificialisation</source>
        <translation>Artificialisation</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/catalogue.py" line="77"/>
        <source>Artificialisation difference</source>
        <translation>Évolution de l'artificialisation</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/catalogue.py" line="94"/>
        <source>“{code}” is not a département code. Expected a code such as 32, 2A or 974.</source>
        <translation>« {code} » n'est pas un code de département. Attendu : un code tel que 32, 2A ou 974.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/catalogue.py" line="158"/>
        <source>IGN&apos;s download service sent an unreadable listing ({detail}). Check its address in the plugin settings.</source>
        <translation>Le service de téléchargement de l'IGN a renvoyé une liste illisible ({detail}). Vérifiez son adresse dans les paramètres de l'extension.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/catalogue.py" line="165"/>
        <source>IGN&apos;s download service did not send an Atom listing. Check its address in the plugin settings.</source>
        <translation>Le service de téléchargement de l'IGN n'a pas renvoyé de liste Atom. Vérifiez son adresse dans les paramètres de l'extension.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/catalogue.py" line="293"/>
        <source>“{text}” is not a millésime. Expected a year (2019) or two years (2016-2019).</source>
        <translation>« {text} » n'est pas un millésime. Attendu : une année (2019) ou deux années (2016-2019).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/catalogue.py" line="316"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/catalogue.py" line="317"/>
        <source>IGN offers no {kind} delivery for {what}. Available: {available}.</source>
        <translation>L'IGN ne propose aucune livraison de type {kind} pour {what}. Disponibles : {available}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/catalogue.py" line="317"/>
        <source>this département</source>
        <translation>ce département</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classified.py" line="206"/>
        <source>Imperméabilisé (couverture CS1.1.1.1 or CS1.1.1.2)</source>
        <translation>Imperméabilisé (couverture CS1.1.1.1 ou CS1.1.1.2)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classified.py" line="207"/>
        <source>Artificialisé by the matrix, before the seuils</source>
        <translation>Artificialisé selon la matrice, avant les seuils</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classified.py" line="212"/>
        <source>Artificialisé, after the seuils</source>
        <translation>Artificialisé, après les seuils</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classified.py" line="213"/>
        <source>Switched to artificialisé by the seuils</source>
        <translation>Basculé en artificialisé par les seuils</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classified.py" line="214"/>
        <source>Switched to non artificialisé by the seuils</source>
        <translation>Basculé en non artificialisé par les seuils</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classified.py" line="232"/>
        <source>Invalid geometries repaired for the computation</source>
        <translation>Géométries invalides réparées pour le calcul</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classified.py" line="237"/>
        <source>All polygons</source>
        <translation>Tous les polygones</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify_checks.py" line="75"/>
        <source>Unknown method {method}. Expected one of: {methods}.</source>
        <translation>Méthode inconnue : {method}. Attendu : l'une des méthodes {methods}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify_checks.py" line="113"/>
        <source>The layer has no coordinate system: its coordinates are taken as metres.</source>
        <translation>La couche n'a pas de système de coordonnées : ses coordonnées sont considérées comme des mètres.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify_checks.py" line="130"/>
        <source>The layer is in {crs}, whose unit is not the metre: surfaces would be meaningless. Reproject it first (e.g. with 'Reproject layer') to the département's projected CRS: here EPSG:{epsg} {name}. Expected a projected CRS in metres (OCS GE uses {others}).</source>
        <translation>La couche est en {crs}, dont l'unité n'est pas le mètre : les surfaces n'auraient pas de sens. Reprojetez-la d'abord (par exemple avec « Reprojeter une couche ») dans le SCR projeté du département : ici EPSG:{epsg} {name}. Attendu : un SCR projeté en mètres (l'OCS GE utilise {others}).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify_checks.py" line="156"/>
        <source>The layer does not hold polygons. Expected an OCS GE polygon layer (occupation du sol or artificialisation).</source>
        <translation>La couche ne contient pas de polygones. Attendu : une couche de polygones OCS GE (occupation du sol ou artificialisation).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify_checks.py" line="171"/>
        <source>The {role} field {name} is missing from the layer (fields: {fields}). Expected a layer as ocsge:load outputs it, or choose the field.</source>
        <translation>Le champ {name} ({role}) est absent de la couche (champs : {fields}). Attendu : une couche telle que la produit ocsge:load ; sinon, choisissez le champ.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify.py" line="396"/>
        <source>couverture</source>
        <translation>couverture</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify.py" line="166"/>
        <source>The IGN method reads IGN&apos;s {field} field, which this layer does not have (fields: {fields}). Expected IGN&apos;s artificialisation layer (artif_&lt;year&gt;_&lt;dep&gt;, as ocsge:load outputs it); for an occupation du sol layer choose the method &apos;matrice + seuils&apos;.</source>
        <translation>La méthode IGN lit le champ {field} de l'IGN, que cette couche n'a pas (champs : {fields}). Attendu : la couche d'artificialisation de l'IGN (artif_&lt;year&gt;_&lt;dep&gt;, telle que la produit ocsge:load) ; pour une couche d'occupation du sol, choisissez la méthode « matrice + seuils ».</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify.py" line="424"/>
        <source>No {field} field: IGN&apos;s thresholds are taken as having changed nothing.</source>
        <translation>Pas de champ {field} : les seuils de l'IGN sont considérés comme n'ayant rien changé.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify.py" line="399"/>
        <source>usage</source>
        <translation>usage</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify.py" line="327"/>
        <source>The thresholds could not be computed: {error}</source>
        <translation>Les seuils n'ont pas pu être calculés : {error}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify.py" line="404"/>
        <source>The layer has no {field} field (fields: {fields}). Expected IGN&apos;s artificialisation layer (artif_&lt;year&gt;_&lt;dep&gt;, as ocsge:load outputs it: code_cs, code_us, artif, crit_seuil).</source>
        <translation>La couche n'a pas de champ {field} (champs : {fields}). Attendu : la couche d'artificialisation de l'IGN (artif_&lt;year&gt;_&lt;dep&gt;, telle que la produit ocsge:load : code_cs, code_us, artif, crit_seuil).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classified.py" line="401"/>
        <source>Could not write a feature to the output: {error}</source>
        <translation>Impossible d'écrire une entité dans la sortie : {error}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/flow_layers.py" line="66"/>
        <source>The millésimes (years) of the data cannot be read from the layer names nor fields. Fill the parameters MILLESIME_DEBUT and MILLESIME_FIN (e.g. 2018 and 2021).</source>
        <translation>Les millésimes (années) des données ne peuvent être lus ni dans les noms des couches ni dans leurs champs. Renseignez les paramètres MILLESIME_DEBUT et MILLESIME_FIN (par exemple 2018 et 2021).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/flow_layers.py" line="74"/>
        <source>The début millésime ({debut}) is not before the fin millésime ({fin}). Expected an earlier début: swap the two layers or the two years.</source>
        <translation>Le millésime de début ({debut}) n'est pas antérieur au millésime de fin ({fin}). Attendu : un début plus ancien ; inversez les deux couches ou les deux années.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/flow_layers.py" line="90"/>
        <source>The two millésimes come from different départements: {debut} (début) and {fin} (fin). Expected two millésimes of the same département.</source>
        <translation>Les deux millésimes proviennent de départements différents : {debut} (début) et {fin} (fin). Attendu : deux millésimes du même département.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/flow_layers.py" line="99"/>
        <source>The layer {name} has no coordinate system. Expected a projected CRS (e.g. EPSG:2154).</source>
        <translation>La couche {name} n'a pas de système de coordonnées. Attendu : un SCR projeté (par exemple EPSG:2154).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/flow_layers.py" line="115"/>
        <source>The two millésimes are in different CRS ({a} and {b}): {small} is reprojected to {crs}.</source>
        <translation>Les deux millésimes sont dans des SCR différents ({a} et {b}) : {small} est reprojeté en {crs}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/flow_layers.py" line="132"/>
        <source>The layer {name} is in geographic coordinates ({crs}): surfaces would be in degrees. Expected the département's projected CRS (EPSG:2154 in métropole, 5490, 2972, 2975 or 4471 outre-mer).</source>
        <translation>La couche {name} est en coordonnées géographiques ({crs}) : les surfaces seraient en degrés. Attendu : le SCR projeté du département (EPSG:2154 en métropole ; 5490, 2972, 2975 ou 4471 outre-mer).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/flows_overlay.py" line="292"/>
        <source>The IGN method reads IGN's artif field, which the layer {name} does not have. Expected IGN's artificialisation layers (artif_&lt;year&gt;_&lt;dep&gt;) for both millésimes, or choose the method 'Matrix + seuils'.</source>
        <translation>La méthode IGN lit le champ artif de l'IGN, que la couche {name} n'a pas. Attendu : les couches d'artificialisation de l'IGN (artif_&lt;year&gt;_&lt;dep&gt;) pour les deux millésimes ; sinon, choisissez la méthode « Matrice + seuils ».</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="119"/>
        <source>The millésime of layer {name} cannot be found (not in its name, its source nor a millesime field). Expected a layer as ocsge:load outputs it, a file name holding the département and year(s) (e.g. classified_D032-2019.gpkg, flux_D032_2016-2019.gpkg) or a millesime field.</source>
        <translation>Le millésime de la couche {name} est introuvable (ni dans son nom, ni dans sa source, ni dans un champ millesime). Attendu : une couche telle que la produit ocsge:load, un nom de fichier contenant le département et la ou les années (par exemple classified_D032-2019.gpkg, flux_D032_2016-2019.gpkg) ou un champ millesime.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="130"/>
        <source>Layer {name}: début {a} is after fin {b}.</source>
        <translation>Couche {name} : le début {a} est postérieur à la fin {b}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/placement.py" line="52"/>
        <source>The territory layer has no field {missing} (fields: {fields}). Expected the territory code and name fields.</source>
        <translation>La couche des territoires n'a pas de champ {missing} (champs : {fields}). Attendu : les champs du code et du nom des territoires.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/placement.py" line="59"/>
        <source>The territory layer must hold polygons (communes, EPCI, zones…).</source>
        <translation>La couche des territoires doit contenir des polygones (communes, EPCI, zones…).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/placement.py" line="161"/>
        <source>Duplicate territory codes, their features merged into one territory: {codes}.</source>
        <translation>Codes de territoire en double, leurs entités ont été fusionnées en un seul territoire : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/placement.py" line="167"/>
        <source>{count} invalid territory geometries were repaired: {codes}.</source>
        <translation>{count} géométries de territoire invalides ont été réparées : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/placement.py" line="178"/>
        <source>Territories without geometry (counted as zero area): {codes}.</source>
        <translation>Territoires sans géométrie (comptés avec une surface nulle) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="164"/>
        <source>The IGN method reads IGN&apos;s artif field, which layer {name} does not have. Expected IGN&apos;s artificialisation layer, or choose the method &apos;matrice&apos;.</source>
        <translation>La méthode IGN lit le champ artif de l'IGN, que la couche {name} n'a pas. Attendu : la couche d'artificialisation de l'IGN ; sinon, choisissez la méthode « matrice ».</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="172"/>
        <source>Layer {name} has no usage field (code_us). Expected couverture and usage codes for the matrix.</source>
        <translation>La couche {name} n'a pas de champ d'usage (code_us). Attendu : les codes de couverture et d'usage, pour la matrice.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="207"/>
        <source>Layer {name} is in {crs}, in degrees: surfaces would be meaningless. Expected the département's projected CRS (EPSG:2154 Lambert-93 in métropole; 5490, 2972, 2975, 4471 outre-mer).</source>
        <translation>La couche {name} est en {crs}, en degrés : les surfaces n'auraient pas de sens. Attendu : le SCR projeté du département (EPSG:2154 Lambert-93 en métropole ; 5490, 2972, 2975, 4471 outre-mer).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="331"/>
        <source>The territory layer has no feature. Expected territory polygons.</source>
        <translation>La couche des territoires n'a aucune entité. Attendu : des polygones de territoires.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="333"/>
        <source>No OCS GE layer to aggregate. Expected occupation du sol, artificialisation, difference or flows layers.</source>
        <translation>Aucune couche OCS GE à agréger. Attendu : des couches d'occupation du sol, d'artificialisation, de différence ou de flux.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="517"/>
        <source>Two stock layers for D{dep} {year}: both were added; check the inputs.</source>
        <translation>Deux couches de stock pour D{dep} {year} : les deux ont été additionnées ; vérifiez les entrées.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="536"/>
        <source>{title}: stocks by method {method}</source>
        <translation>{title} : stocks selon la méthode {method}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="552"/>
        <source>{title}: flows</source>
        <translation>{title} : flux</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="583"/>
        <source>D{dep} {a}-{b}: flows by overlay of the two millésimes</source>
        <translation>D{dep} {a}-{b} : flux par superposition des deux millésimes</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="384"/>
        <source>{count} territories are outside the OCS GE data (zero coverage; their rows have no values): {codes}.</source>
        <translation>{count} territoires sont hors des données OCS GE (part couverte nulle ; leurs lignes n'ont pas de valeurs) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="632"/>
        <source>{count} invalid OCS GE polygons crossing a territory boundary were repaired for the intersection.</source>
        <translation>{count} polygones OCS GE invalides traversant une limite de territoire ont été réparés pour l'intersection.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="227"/>
        <source>{keep}: artificialisation flows; {drop}: imperméabilisation flows.</source>
        <translation>{keep} : flux d'artificialisation ; {drop} : flux d'imperméabilisation.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="235"/>
        <source>{drop} left out: {keep} gives the same millésime(s).</source>
        <translation>Couche {drop} écartée : {keep} donne le ou les mêmes millésimes.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="244"/>
        <source>{name}: IGN's artificialisation difference holds only the polygons whose artificialisation changed; imperméabilisation flows are left empty without a difference layer.</source>
        <translation>{name} : l'évolution de l'artificialisation de l'IGN ne contient que les polygones dont l'artificialisation a changé ; sans couche de différence, les flux d'imperméabilisation restent vides.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="266"/>
        <source>{name} left out: with the thresholds, flows come from the overlay of the two millésimes.</source>
        <translation>Couche {name} écartée : avec les seuils, les flux proviennent de la superposition des deux millésimes.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="288"/>
        <source>{name}: no OCS GE codes nor flows, left out.</source>
        <translation>{name} : ni codes OCS GE ni flux, couche écartée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="299"/>
        <source>{title}: département not in its name, taken as D{dep} like the other layers.</source>
        <translation>{title} : département absent de son nom, considéré comme D{dep}, comme les autres couches.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="292"/>
        <source>commune layer fields</source>
        <translation>champs de la couche des communes</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/rollup.py" line="120"/>
        <source>No membership codes (neither commune fields nor a membership table): only départements and régions, from the INSEE codes.</source>
        <translation>Aucun code d'appartenance (ni champs des communes ni table d'appartenance) : seulement les départements et les régions, d'après les codes INSEE.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/rollup.py" line="197"/>
        <source>{count} communes have no membership row (département read from the INSEE code, in no EPCI nor SCoT): {codes}.</source>
        <translation>{count} communes n'ont pas de ligne d'appartenance (département lu dans le code INSEE, dans aucun EPCI ni SCoT) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/rollup.py" line="211"/>
        <source>{count} communes of the membership table are not in the commune layer (left out): {codes}.</source>
        <translation>{count} communes de la table d'appartenance ne sont pas dans la couche des communes (écartées) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/rollup.py" line="247"/>
        <source>EPT codes are not EPCI: {count} communes of an établissement public territorial counted in the Métropole du Grand Paris ({mgp}).</source>
        <translation>Les codes d'EPT ne sont pas des EPCI : {count} communes d'un établissement public territorial sont comptées dans la Métropole du Grand Paris ({mgp}).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/rollup.py" line="149"/>
        <source>No SCoT codes (no scot_code field on the communes nor in the membership table): the SCoT level is skipped.</source>
        <translation>Aucun code de SCoT (pas de champ scot_code sur les communes ni dans la table d'appartenance) : le niveau SCoT est ignoré.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/rollup.py" line="158"/>
        <source>No {level} codes: the level is skipped.</source>
        <translation>Aucun code pour le niveau {level} : ce niveau est ignoré.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="43"/>
        <source>OCS GE</source>
        <translation>OCS GE</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="45"/>
        <source>Imperméabilisation</source>
        <translation>Imperméabilisation</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="46"/>
        <source>Consommation d&apos;espaces</source>
        <translation>Consommation d'espaces</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="196"/>
        <source>This resource has no file to download.</source>
        <translation>Cette ressource n'a aucun fichier à télécharger.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="197"/>
        <source>The format “{format}” cannot be shown on the map by this panel (it loads GeoPackage, GeoJSON, zipped shapefiles, CSV with coordinates or WKT and OCS GE .7z deliveries). Download it instead.</source>
        <translation>Ce panneau ne peut pas afficher le format « {format} » sur la carte (il charge les GeoPackage, GeoJSON, shapefiles zippés, CSV avec coordonnées ou WKT et les livraisons OCS GE en .7z). Téléchargez plutôt le fichier.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="273"/>
        <source>{value} B</source>
        <translation>{value} o</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="274"/>
        <source>{value} kB</source>
        <translation>{value} ko</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="275"/>
        <source>{value} MB</source>
        <translation>{value} Mo</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="276"/>
        <source>{value} GB</source>
        <translation>{value} Go</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="277"/>
        <source>{value} TB</source>
        <translation>{value} To</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="301"/>
        <source>Unexpected answer from data.gouv.fr (no “data” list). Check the API address in the plugin settings.</source>
        <translation>Réponse inattendue de data.gouv.fr (pas de liste “data”). Vérifiez l'adresse de l'API dans les paramètres de l'extension.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="323"/>
        <source>Unexpected answer from data.gouv.fr for the dataset {ident}.</source>
        <translation>Réponse inattendue de data.gouv.fr pour le jeu de données {ident}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/files.py" line="326"/>
        <source>{path} is a folder</source>
        <translation>{path} est un dossier</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/export.py" line="123"/>
        <source>Unknown unit {unit}. Expected ha or m2.</source>
        <translation>Unité inconnue : {unit}. Attendu : ha ou m2.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/export.py" line="213"/>
        <source>{dataset} per {level}, OCS GE (IGN), one row per territory and pair of millésimes. Surfaces and flows in {unit}; percentages of the full territory area.</source>
        <translation>{dataset} par {level}, OCS GE (IGN), une ligne par territoire et par couple de millésimes. Surfaces et flux en {unit} ; pourcentages de la surface totale du territoire.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/export.py" line="266"/>
        <source>Part of the territory covered by OCS GE, per département (km², % of 641,184 km²).</source>
        <translation>Part du territoire couverte par l'OCS GE, par département (km², % de 641 184 km²).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/export.py" line="346"/>
        <source>The layer has no {missing} field. Expected a table from ocsge:aggregate or ocsge:rollup (fields code, nom, surface, surface_artif, …).</source>
        <translation>La couche n'a pas de champ {missing}. Attendu : une table issue de ocsge:aggregate ou de ocsge:rollup (champs code, nom, surface, surface_artif, …).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/read_back.py" line="43"/>
        <source>Unknown unit {unit} in the unite field. Expected ha or m2.</source>
        <translation>Unité inconnue {unit} dans le champ unite. Attendu : ha ou m2.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="63"/>
        <source>OCS GE — data</source>
        <translation>OCS GE — données</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="68"/>
        <source>Download to folder</source>
        <translation>Télécharger dans un dossier</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="48"/>
        <source>data.gouv.fr</source>
        <translation>data.gouv.fr</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="49"/>
        <source>OCS GE (IGN)</source>
        <translation>OCS GE (IGN)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="50"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="62"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="63"/>
        <source>Stop the running download or loading (Esc)</source>
        <translation>Arrêter le téléchargement ou le chargement en cours (Échap)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="85"/>
        <source>Search data.gouv.fr (Enter)…</source>
        <translation>Rechercher sur data.gouv.fr (Entrée)…</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="86"/>
        <source>Searches as you type, or at once with Enter (Ctrl+F to come back here)</source>
        <translation>Recherche pendant la saisie, ou immédiatement avec Entrée (Ctrl+F pour revenir ici)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="91"/>
        <source>&amp;Search</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="183"/>
        <source>Search “{query}”</source>
        <translation>Rechercher « {query} »</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="126"/>
        <source>Dataset</source>
        <translation>Jeu de données</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="126"/>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="126"/>
        <source>Updated</source>
        <translation>Mise à jour</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="328"/>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="133"/>
        <source>◀ &amp;Previous</source>
        <translation>◀ &amp;Précédent</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="137"/>
        <source>&amp;Next ▶</source>
        <translation>&amp;Suivant ▶</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="160"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="224"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="160"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="160"/>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="165"/>
        <source>&amp;Add to map</source>
        <translation>&amp;Ajouter à la carte</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="167"/>
        <source>&amp;Download…</source>
        <translation>&amp;Télécharger…</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="169"/>
        <source>Open the &amp;web page</source>
        <translation>Ouvrir la page &amp;web</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="215"/>
        <source>Type the code to jump to a département</source>
        <translation>Saisissez le code pour aller à un département</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="216"/>
        <source>Dé&amp;partement</source>
        <translation>Dé&amp;partement</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="218"/>
        <source>&amp;List deliveries</source>
        <translation>&amp;Lister les livraisons</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="224"/>
        <source>Delivery</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="326"/>
        <source>Millésimes</source>
        <translation>Millésimes</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="224"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="230"/>
        <source>Download and l&amp;oad</source>
        <translation>Télécharger et c&amp;harger</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="231"/>
        <source>Downloads the archive into the cache (reused next time), extracts it and loads it with ocsge:load</source>
        <translation>Télécharge l'archive dans le cache (réutilisée la fois suivante), l'extrait et la charge avec ocsge:load</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="253"/>
        <source>Download cache</source>
        <translation>Cache de téléchargement</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="255"/>
        <source>data.gouv.fr API</source>
        <translation>API data.gouv.fr</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="257"/>
        <source>IGN download service</source>
        <translation>Service de téléchargement de l'IGN</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="260"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="263"/>
        <source>Timeout without an answer</source>
        <translation>Délai d'attente sans réponse</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="287"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="289"/>
        <source>Restore defaults</source>
        <translation>Rétablir les valeurs par défaut</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="138"/>
        <source>Searching data.gouv.fr for “{query}”…</source>
        <translation>Recherche de « {query} » sur data.gouv.fr…</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="151"/>
        <source>Searching data.gouv.fr</source>
        <translation>Recherche sur data.gouv.fr</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="176"/>
        <source>No dataset matches “{query}”.</source>
        <translation>Aucun jeu de données ne correspond à « {query} ».</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="178"/>
        <source>Page {page} of {pages} — {total} datasets</source>
        <translation>Page {page} sur {pages} — {total} jeux de données</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="183"/>
        <source>{total} datasets for “{query}”.</source>
        <translation>{total} jeux de données pour « {query} ».</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="198"/>
        <source>Reading a data.gouv.fr dataset</source>
        <translation>Lecture d'un jeu de données data.gouv.fr</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="215"/>
        <source>updated {date}</source>
        <translation>mis à jour le {date}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="328"/>
        <source>{name}: reused from the cache.</source>
        <translation>{name} : repris du cache.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="355"/>
        <source>Downloading {title}</source>
        <translation>Téléchargement de {title}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="340"/>
        <source>Added to the map: {names}.</source>
        <translation>Ajout à la carte : {names}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="355"/>
        <source>Saved: {path}</source>
        <translation>Enregistré : {path}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="370"/>
        <source>Asking IGN which OCS GE deliveries exist for {dep}…</source>
        <translation>Interrogation de l'IGN sur les livraisons OCS GE existantes pour {dep}…</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="388"/>
        <source>{count} deliveries for département {dep}.</source>
        <translation>{count} livraisons pour le département {dep}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="396"/>
        <source>IGN's download service lists no OCS GE delivery for département {dep}.</source>
        <translation>Le service de téléchargement de l'IGN ne liste aucune livraison OCS GE pour le département {dep}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="403"/>
        <source>Listing IGN&apos;s OCS GE deliveries</source>
        <translation>Liste des livraisons OCS GE de l'IGN</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="418"/>
        <source>Downloading {name}</source>
        <translation>Téléchargement de {name}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="441"/>
        <source>Canceled: nothing was kept.</source>
        <translation>Annulé : rien n'a été conservé.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="452"/>
        <source>The OCS GE Processing provider is not loaded: enable the plugin again.</source>
        <translation>Le fournisseur de traitements OCS GE n'est pas chargé : réactivez l'extension.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="85"/>
        <source>Canceled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="483"/>
        <source>Loading {name} failed.</source>
        <translation>Le chargement de {name} a échoué.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="492"/>
        <source>Loading {name}</source>
        <translation>Chargement de {name}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="548"/>
        <source>Settings saved.</source>
        <translation>Paramètres enregistrés.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="607"/>
        <source>Default settings restored.</source>
        <translation>Paramètres par défaut rétablis.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/layers.py" line="75"/>
        <source>{name} is empty.</source>
        <translation>{name} est vide.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/layers.py" line="182"/>
        <source>{name} holds no vector layer.</source>
        <translation>{name} ne contient aucune couche vecteur.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/layers.py" line="193"/>
        <source>{name} is not a readable zip archive.</source>
        <translation>{name} n'est pas une archive zip lisible.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/layers.py" line="198"/>
        <source>{name} holds no shapefile, GeoPackage or GeoJSON: it cannot be shown on the map.</source>
        <translation>{name} ne contient ni shapefile, ni GeoPackage, ni GeoJSON : impossible de l'afficher sur la carte.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/layers.py" line="208"/>
        <source>{name}: this format cannot be shown on the map.</source>
        <translation>{name} : ce format ne peut pas être affiché sur la carte.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/layers.py" line="218"/>
        <source>{name} cannot be opened by QGIS ({provider}).</source>
        <translation>QGIS ne peut pas ouvrir {name} ({provider}).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/tasks.py" line="53"/>
        <source>Unexpected error: {error}</source>
        <translation>Erreur inattendue : {error}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="101"/>
        <source>{host} did not answer in JSON (HTTP {status}). Check the service address in the plugin settings.</source>
        <translation>{host} n'a pas répondu en JSON (HTTP {status}). Vérifiez l'adresse du service dans les paramètres de l'extension.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="273"/>
        <source>The server {host} cannot be found (DNS): check your Internet connection, the proxy in QGIS&apos;s options, or the address in the plugin settings.</source>
        <translation>Le serveur {host} est introuvable (DNS) : vérifiez votre connexion Internet, le proxy dans les options de QGIS ou l'adresse dans les paramètres de l'extension.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="288"/>
        <source>The server {host} refused or closed the connection ({detail}). It may be down: try again later.</source>
        <translation>Le serveur {host} a refusé ou fermé la connexion ({detail}). Il est peut-être en panne : réessayez plus tard.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="294"/>
        <source>The proxy refused the request to {host} ({detail}). Check the proxy in QGIS&apos;s options (Network).</source>
        <translation>Le proxy a refusé la requête vers {host} ({detail}). Vérifiez le proxy dans les options de QGIS (Réseau).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="300"/>
        <source>The secure connection to {host} failed ({detail}).</source>
        <translation>La connexion sécurisée à {host} a échoué ({detail}).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="304"/>
        <source>No network connection ({detail}). Check that this computer is online.</source>
        <translation>Aucune connexion réseau ({detail}). Vérifiez que cet ordinateur est connecté.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="310"/>
        <source>The request to {host} failed: {detail}. Check your Internet connection.</source>
        <translation>La requête vers {host} a échoué : {detail}. Vérifiez votre connexion Internet.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="322"/>
        <source>No answer from {host} for {seconds} s: the service is slow or unreachable. Try again later, or raise the timeout in the plugin settings.</source>
        <translation>Aucune réponse de {host} depuis {seconds} s : le service est lent ou injoignable. Réessayez plus tard ou augmentez le délai d'attente dans les paramètres de l'extension.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="354"/>
        <source>{host} still asks to slow down (HTTP {status}) after {attempts} attempts. Try again in a few minutes.</source>
        <translation>{host} demande toujours de ralentir (HTTP {status}) après {attempts} tentatives. Réessayez dans quelques minutes.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="359"/>
        <source>{host} is failing (HTTP {status}) after {attempts} attempts. Try again later.</source>
        <translation>{host} est en erreur (HTTP {status}) après {attempts} tentatives. Réessayez plus tard.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="361"/>
        <source>Not found on {host} (HTTP 404): {url}</source>
        <translation>Introuvable sur {host} (HTTP 404) : {url}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="363"/>
        <source>{host} refused the request (HTTP {status}): {url}</source>
        <translation>{host} a refusé la requête (HTTP {status}) : {url}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="439"/>
        <source>Cannot write {path}: {detail}</source>
        <translation>Impossible d'écrire {path} : {detail}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="484"/>
        <source>{host} answered HTTP {status}: new attempt in {seconds} s ({number}/{total}).</source>
        <translation>{host} a répondu HTTP {status} : nouvelle tentative dans {seconds} s ({number}/{total}).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="582"/>
        <source>The download from {host} was cut off ({received} of {expected} bytes). Nothing was kept: try again.</source>
        <translation>Le téléchargement depuis {host} a été interrompu ({received} octets sur {expected}). Rien n'a été conservé : réessayez.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="169"/>
        <source>Matrix disagrees with IGN</source>
        <translation>Matrice en désaccord avec l'IGN</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="170"/>
        <source>Thresholds (seuils) disagree with IGN</source>
        <translation>Seuils en désaccord avec l'IGN</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="207"/>
        <source>Change of class only (no flow)</source>
        <translation>Changement de classe seul (sans flux)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="215"/>
        <source>Only in the début millésime</source>
        <translation>Seulement dans le millésime de début</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="215"/>
        <source>Only in the fin millésime</source>
        <translation>Seulement dans le millésime de fin</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/aggregate.py" line="190"/>
        <source>Using {title}</source>
        <translation>Utilisation de {title}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="254"/>
        <source>Method: {method}; fields read: {fields}.</source>
        <translation>Méthode : {method} ; champs lus : {fields}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/schema.py" line="270"/>
        <source>hectares (ha)</source>
        <translation>hectares (ha)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/schema.py" line="270"/>
        <source>square metres (m²)</source>
        <translation>mètres carrés (m²)</translation>
    </message>
    <message>
        <location filename="../processing_provider/sinks.py" line="276"/>
        <source>The output layer could not be created.</source>
        <translation>La couche de sortie n'a pas pu être créée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/archives.py" line="80"/>
        <source>The archive {name} is split in parts and part(s) {missing} are missing. Expected every part (.7z.001, .7z.002, …) in the same folder, as downloaded from IGN.</source>
        <translation>L'archive {name} est découpée en parties et il manque la ou les parties {missing}. Attendu : toutes les parties (.7z.001, .7z.002, …) dans le même dossier, telles que téléchargées depuis l'IGN.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classified.py" line="219"/>
        <source>Indéterminé for artificialisation (the leaves under the codes disagree: null, unknown or parent code)</source>
        <translation>Indéterminé pour l'artificialisation (les feuilles sous les codes ne donnent pas la même réponse : code nul, inconnu ou parent)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classified.py" line="227"/>
        <source>Indéterminé for imperméabilisation (the leaves under the couverture disagree)</source>
        <translation>Indéterminé pour l'imperméabilisation (les feuilles sous la couverture ne donnent pas la même réponse)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify_checks.py" line="146"/>
        <source>Unknown convention {convention}. Expected one of: {conventions}.</source>
        <translation>Convention inconnue : {convention}. Attendu : l'une des conventions {conventions}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="593"/>
        <source>overlay of {a} and {b}</source>
        <translation>superposition de {a} et {b}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/schema.py" line="255"/>
        <source>{level}: {count} row(s) with unknown stocks or flows, left empty (never 0) in the published tables: {rows}.</source>
        <translation>{level} : {count} ligne(s) aux stocks ou flux inconnus, laissés vides (jamais 0) dans les tables publiées : {rows}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/export.py" line="254"/>
        <source>Quality of {level} rows beside the published tables: undetermined surface (codes whose leaves disagree) and share of the territory, undetermined change pieces, polygons repaired, surface outside the data, what is unknown. Surfaces in {unit}.</source>
        <translation>Qualité des lignes {level}, à côté des tables publiées : surface indéterminée (codes dont les feuilles ne donnent pas la même réponse) et part du territoire, fragments de changement indéterminés, polygones réparés, surface hors des données, ce qui est inconnu. Surfaces en {unit}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="233"/>
        <source>Codes outside the OCS GE nomenclature, read as any code of their tree (convention {convention}): {codes}</source>
        <translation>Codes hors de la nomenclature OCS GE, lus comme n'importe quel code de leur arbre (convention {convention}) : {codes}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/rollup.py" line="186"/>
        <source>{level}: {count} territories sum only the communes whose stocks or flows are known (field inconnu: '… partiel'): {codes}.</source>
        <translation>{level} : {count} territoire(s) n'additionnent que les communes dont les stocks ou les flux sont connus (champ inconnu : '… partiel') : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/catalogue.py" line="392"/>
        <source>IGN&apos;s listing</source>
        <translation>la liste de l'IGN</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="218"/>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="238"/>
        <source>The territories and the OCS GE data do not overlap: the territories cover {territories} and the data {data} ({crs}). Expected territories of the département(s) of the deliveries.</source>
        <translation>Les territoires et les données OCS GE ne se recouvrent pas : les territoires couvrent {territories} et les données {data} ({crs}). Attendu : des territoires du ou des départements des livraisons.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="344"/>
        <source>The membership table {path} cannot be read: {error}.</source>
        <translation>La table d'appartenance {path} ne peut pas être lue : {error}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="312"/>
        <source>{count} communes appear several times in the membership table with different EPCI; the first row is used: {communes}.</source>
        <translation>{count} communes figurent plusieurs fois dans la table d'appartenance avec des EPCI différents ; la première ligne est retenue : {communes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="369"/>
        <source>data.gouv.fr&apos;s resource</source>
        <translation>la ressource de data.gouv.fr</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/writing.py" line="89"/>
        <source>GDAL could not write the file</source>
        <translation>GDAL n'a pas pu écrire le fichier</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/files.py" line="122"/>
        <source>Refused: the name “{name}” given by {what} would put a file outside {folder}. The source may be misconfigured or hostile; nothing was written.</source>
        <translation>Refusé : le nom « {name} » donné par {what} placerait un fichier hors de {folder}. La source est peut-être mal configurée ou malveillante ; rien n'a été écrit.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/files.py" line="135"/>
        <source>the source</source>
        <translation>la source</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/files.py" line="135"/>
        <source>Refused: the name “{name}” given by {what} is not a plain file name; nothing was written.</source>
        <translation>Refusé : le nom « {name} » donné par {what} n'est pas un simple nom de fichier ; rien n'a été écrit.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/files.py" line="319"/>
        <source>Cannot write {path}: {detail}. Nothing was replaced: a previous file of that name is kept.</source>
        <translation>Impossible d'écrire {path} : {detail}. Rien n'a été remplacé : un fichier précédent de ce nom est conservé.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/files.py" line="705"/>
        <source>the export</source>
        <translation>l'export</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="267"/>
        <source> GB</source>
        <translation> Go</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="270"/>
        <source>Extracted archives beyond this size are removed, the least recently used first</source>
        <translation>Au-delà de cette taille, les archives extraites sont supprimées, les moins récemment utilisées d'abord</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="273"/>
        <source>Empty the cache</source>
        <translation>Vider le cache</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="274"/>
        <source>Removes the downloaded archives and their extractions (they are downloaded again when needed)</source>
        <translation>Supprime les archives téléchargées et leurs extractions (elles seront de nouveau téléchargées au besoin)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="285"/>
        <source>Extraction cache size</source>
        <translation>Taille du cache d'extraction</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="554"/>
        <source>A download is running: empty the cache once it is over.</source>
        <translation>Un téléchargement est en cours : videz le cache une fois qu'il est terminé.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="566"/>
        <source>Cache emptied: {size} freed.</source>
        <translation>Cache vidé : {size} libérés.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="171"/>
        <source>Refused: “{url}” is not a web address (http or https); the plugin reads no local file or other scheme from a service.</source>
        <translation>Refusé : « {url} » n'est pas une adresse web (http ou https) ; l'extension ne lit ni fichier local ni autre protocole sur la parole d'un service.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="326"/>
        <source>{host} sends too slowly (less than {rate} bytes/s over {seconds} s): stopped, nothing was kept. Try again later (the minimum rate is QGIS&apos;s advanced setting ocsge/network/min_rate).</source>
        <translation>{host} envoie trop lentement (moins de {rate} octets/s sur {seconds} s) : arrêté, rien n'a été conservé. Réessayez plus tard (le débit minimal est le paramètre avancé de QGIS ocsge/network/min_rate).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="331"/>
        <source>The answer of {host} is larger than {size} MB, more than a listing can be: refused. Check the service address in the plugin settings (the cap is QGIS&apos;s advanced setting ocsge/network/max_listing_mb).</source>
        <translation>La réponse de {host} dépasse {size} Mo, plus qu'une liste ne peut peser : refusée. Vérifiez l'adresse du service dans les paramètres de l'extension (la limite est le paramètre avancé de QGIS ocsge/network/max_listing_mb).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="336"/>
        <source>{host} redirected to “{target}”, a local file or another address that is not on the web: refused, nothing was read.</source>
        <translation>{host} a redirigé vers « {target} », un fichier local ou une autre adresse qui n'est pas sur le web : refusé, rien n'a été lu.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/archives.py" line="131"/>
        <source>Cannot extract {name} into the cache {folder}: {error}. Free some space or empty the cache.</source>
        <translation>Impossible d'extraire {name} dans le cache {folder} : {error}. Libérez de la place ou videz le cache.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/archives.py" line="285"/>
        <source>The archive {name} holds an entry “{entry}” that would be written outside its folder (an absolute path, “..” or a link): refused, nothing was extracted. IGN's archives hold none: get it again from IGN.</source>
        <translation>L'archive {name} contient une entrée « {entry} » qui serait écrite hors de son dossier (chemin absolu, « .. » ou lien) : refusée, rien n'a été extrait. Les archives de l'IGN n'en contiennent pas : téléchargez-la de nouveau depuis l'IGN.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify.py" line="268"/>
        <source>{count} polygon with a null crit_seuil: taken as not changed by IGN&apos;s thresholds.</source>
        <translation>{count} polygone avec un crit_seuil nul : considéré comme non modifié par les seuils de l'IGN.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify.py" line="268"/>
        <source>{count} polygons with a null crit_seuil: taken as not changed by IGN&apos;s thresholds.</source>
        <translation>{count} polygones avec un crit_seuil nul : considérés comme non modifiés par les seuils de l'IGN.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify.py" line="290"/>
        <source>{count} polygon without a readable IGN artif value, counted as indéterminé.</source>
        <translation>{count} polygone sans valeur artif IGN lisible, compté comme indéterminé.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify.py" line="290"/>
        <source>{count} polygons without a readable IGN artif value, counted as indéterminé.</source>
        <translation>{count} polygones sans valeur artif IGN lisible, comptés comme indéterminés.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/placement.py" line="167"/>
        <source>{count} invalid territory geometry was repaired: {codes}.</source>
        <translation>{count} géométrie de territoire invalide a été réparée : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="384"/>
        <source>{count} territory is outside the OCS GE data (zero coverage; its row has no values): {codes}.</source>
        <translation>{count} territoire est hors des données OCS GE (part couverte nulle ; sa ligne n'a pas de valeurs) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/territories.py" line="632"/>
        <source>{count} invalid OCS GE polygon crossing a territory boundary was repaired for the intersection.</source>
        <translation>{count} polygone OCS GE invalide traversant une limite de territoire a été réparé pour l'intersection.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/rollup.py" line="197"/>
        <source>{count} commune has no membership row (département read from the INSEE code, in no EPCI nor SCoT): {codes}.</source>
        <translation>{count} commune n'a pas de ligne d'appartenance (département lu dans le code INSEE, dans aucun EPCI ni SCoT) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/rollup.py" line="211"/>
        <source>{count} commune of the membership table is not in the commune layer (left out): {codes}.</source>
        <translation>{count} commune de la table d'appartenance n'est pas dans la couche des communes (écartée) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/rollup.py" line="247"/>
        <source>EPT codes are not EPCI: {count} commune of an établissement public territorial counted in the Métropole du Grand Paris ({mgp}).</source>
        <translation>Les codes d'EPT ne sont pas des EPCI : {count} commune d'un établissement public territorial est comptée dans la Métropole du Grand Paris ({mgp}).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/deliveries.py" line="37"/>
        <source>A folder, .7z archives or .gpkg/.shp files (drop them here)</source>
        <translation>Un dossier, des archives .7z ou des fichiers .gpkg/.shp (déposez-les ici)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/deliveries.py" line="40"/>
        <source>Several paths are separated by &apos;;&apos;. Drop files or folders here to add them.</source>
        <translation>Plusieurs chemins sont séparés par « ; ». Déposez ici des fichiers ou des dossiers pour les ajouter.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/deliveries.py" line="45"/>
        <source>Folder…</source>
        <translation>Dossier…</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/deliveries.py" line="46"/>
        <source>Choose a folder holding OCS GE deliveries</source>
        <translation>Choisir un dossier contenant des livraisons OCS GE</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/deliveries.py" line="49"/>
        <source>Files…</source>
        <translation>Fichiers…</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/deliveries.py" line="50"/>
        <source>Choose one or more .7z archives or .gpkg/.shp files</source>
        <translation>Choisir une ou plusieurs archives .7z ou fichiers .gpkg/.shp</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/deliveries.py" line="86"/>
        <source>Folder holding OCS GE deliveries</source>
        <translation>Dossier contenant des livraisons OCS GE</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/deliveries.py" line="94"/>
        <source>OCS GE deliveries</source>
        <translation>Livraisons OCS GE</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/deliveries.py" line="94"/>
        <source>OCS GE deliveries (*.7z *.7z.001 *.gpkg *.shp);;All files (*)</source>
        <translation>Livraisons OCS GE (*.7z *.7z.001 *.gpkg *.shp);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="388"/>
        <source>{count} delivery for département {dep}.</source>
        <translation>{count} livraison pour le département {dep}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="474"/>
        <source>Loaded {count} OCS GE layer from {name}.</source>
        <translation>{count} couche OCS GE chargée depuis {name}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="474"/>
        <source>Loaded {count} OCS GE layers from {name}.</source>
        <translation>{count} couches OCS GE chargées depuis {name}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="132"/>
        <source>colours: usage in {year}</source>
        <translation>couleurs : usage en {year}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="132"/>
        <source>colours: couverture in {year}</source>
        <translation>couleurs : couverture en {year}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="143"/>
        <source>Désartificialisation</source>
        <translation>Désartificialisation</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="246"/>
        <source>Share artificialised (%)</source>
        <translation>Part artificialisée (%)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="246"/>
        <source>Artificialised surface ({unit})</source>
        <translation>Surface artificialisée ({unit})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="246"/>
        <source>Artificialisation ({unit})</source>
        <translation>Artificialisation ({unit})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="246"/>
        <source>Désartificialisation ({unit})</source>
        <translation>Désartificialisation ({unit})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="246"/>
        <source>Net artificialisation ({unit})</source>
        <translation>Artificialisation nette ({unit})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="254"/>
        <source>Share impermeable (%)</source>
        <translation>Part imperméabilisée (%)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="254"/>
        <source>Impermeable surface ({unit})</source>
        <translation>Surface imperméabilisée ({unit})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="254"/>
        <source>Imperméabilisation ({unit})</source>
        <translation>Imperméabilisation ({unit})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="254"/>
        <source>Désimperméabilisation ({unit})</source>
        <translation>Désimperméabilisation ({unit})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="254"/>
        <source>Net imperméabilisation ({unit})</source>
        <translation>Imperméabilisation nette ({unit})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="265"/>
        <source>Code commune (INSEE)</source>
        <translation>Code commune (INSEE)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="266"/>
        <source>Code EPCI (SIREN)</source>
        <translation>Code EPCI (SIREN)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="267"/>
        <source>Code SCoT</source>
        <translation>Code SCoT</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="268"/>
        <source>Code département</source>
        <translation>Code département</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="269"/>
        <source>Code région</source>
        <translation>Code région</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="272"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="272"/>
        <source>Millésime (début)</source>
        <translation>Millésime de début</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="272"/>
        <source>Millésime (fin)</source>
        <translation>Millésime de fin</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="272"/>
        <source>Commune surface ({unit})</source>
        <translation>Surface de la commune ({unit})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="272"/>
        <source>Surface (km²)</source>
        <translation>Surface (km²)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="272"/>
        <source>Share of France (%)</source>
        <translation>Part de la France (%)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="272"/>
        <source>Covered by OCS GE</source>
        <translation>Couvert par l'OCS GE</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="291"/>
        <source>Net artificialisation (m² per ha of territory)</source>
        <translation>Artificialisation nette (m² par ha de territoire)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="291"/>
        <source>Net imperméabilisation (m² per ha of territory)</source>
        <translation>Imperméabilisation nette (m² par ha de territoire)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="388"/>
        <source>below {value:g} m²/ha</source>
        <translation>moins de {value:g} m²/ha</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/styles.py" line="390"/>
        <source>{value:g} m²/ha and more</source>
        <translation>{value:g} m²/ha et plus</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="263"/>
        <source>{count} invalid geometry repaired (make valid) for the computation; feature id: {ids}</source>
        <translation>{count} géométrie invalide réparée (make valid) pour le calcul ; identifiant de l'entité : {ids}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="263"/>
        <source>{count} invalid geometries repaired (make valid) for the computation; feature ids: {ids}</source>
        <translation>{count} géométries invalides réparées (make valid) pour le calcul ; identifiants des entités : {ids}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="280"/>
        <source>{count} polygon without geometry, counted with a surface of 0.</source>
        <translation>{count} polygone sans géométrie, compté avec une surface de 0.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="280"/>
        <source>{count} polygons without geometry, counted with a surface of 0.</source>
        <translation>{count} polygones sans géométrie, comptés avec une surface de 0.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="289"/>
        <source>{count} polygon with a null couverture or usage code.</source>
        <translation>{count} polygone avec un code de couverture ou d'usage nul.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="289"/>
        <source>{count} polygons with a null couverture or usage code.</source>
        <translation>{count} polygones avec un code de couverture ou d'usage nul.</translation>
    </message>
    <message>
        <location filename="../processing_provider/deliveries.py" line="33"/>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../processing_provider/deliveries.py" line="67"/>
        <source>No delivery given. Expected a folder, .7z archives from IGN or .gpkg/.shp files.</source>
        <translation>Aucune livraison indiquée. Attendu : un dossier, des archives .7z de l'IGN ou des fichiers .gpkg/.shp.</translation>
    </message>
    <message>
        <location filename="../processing_provider/deliveries.py" line="73"/>
        <source>{path} does not exist. Expected a folder, a .7z archive from IGN or a .gpkg/.shp file.</source>
        <translation>{path} n'existe pas. Attendu : un dossier, une archive .7z de l'IGN ou un fichier .gpkg/.shp.</translation>
    </message>
    <message>
        <location filename="../processing_provider/deliveries.py" line="82"/>
        <source>{name} is not an OCS GE delivery. Expected a folder, a .7z archive from IGN or a .gpkg/.shp file.</source>
        <translation>{name} n'est pas une livraison OCS GE. Attendu : un dossier, une archive .7z de l'IGN ou un fichier .gpkg/.shp.</translation>
    </message>
    <message>
        <location filename="../processing_provider/results.py" line="165"/>
        <source>Share of the territory covered by OCS GE</source>
        <translation>Part du territoire couvert par l'OCS GE</translation>
    </message>
    <message>
        <location filename="../processing_provider/results.py" line="167"/>
        <source>Artificialisation {years} – {level}</source>
        <translation>Artificialisation {years} – {level}</translation>
    </message>
    <message>
        <location filename="../processing_provider/results.py" line="167"/>
        <source>Imperméabilisation {years} – {level}</source>
        <translation>Imperméabilisation {years} – {level}</translation>
    </message>
    <message>
        <location filename="../processing_provider/results.py" line="173"/>
        <source>Share artificialised {year} (%) – {level}</source>
        <translation>Part artificialisée {year} (%) – {level}</translation>
    </message>
    <message>
        <location filename="../processing_provider/results.py" line="174"/>
        <source>Net artificialisation {years} (m² per ha) – {level}</source>
        <translation>Artificialisation nette {years} (m² par ha) – {level}</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="221"/>
        <source>Artificialisation method</source>
        <translation>Méthode d'artificialisation</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="216"/>
        <source>Automatic (IGN&apos;s artificialisation when present, else matrix + thresholds)</source>
        <translation>Automatique (l'artificialisation de l'IGN si présente, sinon matrice + seuils)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="217"/>
        <source>IGN (artificialisation layers)</source>
        <translation>IGN (couches d'artificialisation)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="218"/>
        <source>Matrice (couverture × usage only)</source>
        <translation>Matrice (couverture × usage seulement)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="219"/>
        <source>Matrice + seuils (the décret's thresholds)</source>
        <translation>Matrice + seuils (seuils du décret)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="291"/>
        <source>Couverture field</source>
        <translation>Champ de couverture</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="300"/>
        <source>Usage field</source>
        <translation>Champ d'usage</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="337"/>
        <source>Unit of surfaces</source>
        <translation>Unité des surfaces</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="337"/>
        <source>Hectares</source>
        <translation>Hectares</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="337"/>
        <source>Square metres (national files)</source>
        <translation>Mètres carrés (fichiers nationaux)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="353"/>
        <source>CSV separators</source>
        <translation>Séparateurs CSV</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="353"/>
        <source>Comma and decimal point (, .)</source>
        <translation>Virgule et point décimal (, .)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="353"/>
        <source>Semicolon and decimal comma (; ,)</source>
        <translation>Point-virgule et virgule décimale (; ,)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="432"/>
        <source>Compute the share covered by OCS GE</source>
        <translation>Calculer la part couverte par l'OCS GE</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="335"/>
        <source>No data to compare. Expected a difference layer (IGN DIFF or zan_evol_…), or two occupation du sol layers: OCCUPATION_DEBUT and OCCUPATION_FIN.</source>
        <translation>Aucune donnée à comparer. Attendu : une couche de différence (DIFF de l'IGN ou zan_evol_…), ou deux couches d'occupation du sol : OCCUPATION_DEBUT et OCCUPATION_FIN.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="344"/>
        <source>The layer {name} given as difference layer has no début/fin code fields. Expected IGN's DIFF layer (CS_&lt;year&gt;, US_&lt;year&gt; or cs_avant, cs_apres fields) or a zan_evol_… layer.</source>
        <translation>La couche {name} fournie comme couche de différence n'a pas de champs de codes de début et de fin. Attendu : la couche DIFF de l'IGN (champs CS_&lt;year&gt;, US_&lt;year&gt; ou cs_avant, cs_apres) ou une couche zan_evol_….</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="353"/>
        <source>The method {method} needs the whole millésimes: the two occupation layers are overlaid and the difference layer is not used.</source>
        <translation>La méthode {method} nécessite les millésimes complets : les deux couches d'occupation sont superposées et la couche de différence n'est pas utilisée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="360"/>
        <source>The IGN method needs IGN's artificialisation difference layer (zan_evol_…) or IGN's two artificialisation layers; the layer {name} is a plain DIFF layer. Give one of those, or choose the method 'Matrix'.</source>
        <translation>La méthode IGN nécessite la couche d'évolution de l'artificialisation de l'IGN (zan_evol_…) ou les deux couches d'artificialisation de l'IGN ; la couche {name} est une simple couche DIFF. Fournissez l'une de ces couches, ou choisissez la méthode « Matrice ».</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="369"/>
        <source>The seuils (2,500 m² thresholds) need the two whole millésimes, which a difference layer does not hold. Give OCCUPATION_DEBUT and OCCUPATION_FIN too, or choose the method 'Matrix'.</source>
        <translation>Les seuils (seuils de 2 500 m²) nécessitent les deux millésimes complets, qu'une couche de différence ne contient pas. Fournissez aussi OCCUPATION_DEBUT et OCCUPATION_FIN, ou choisissez la méthode « Matrice ».</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="376"/>
        <source>A difference layer was given: the occupation layers are not used.</source>
        <translation>Une couche de différence a été fournie : les couches d'occupation ne sont pas utilisées.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/export_classes.py" line="54"/>
        <source>Stock per {level} by couverture code (OCS GE, IGN) at each millésime; parent codes, INDETERMINE and null kept as classes. Surfaces in {unit}; their sum is the surface covered by OCS GE.</source>
        <translation>Stock par {level} selon le code de couverture (OCS GE, IGN) à chaque millésime ; codes parents, INDETERMINE et valeurs nulles gardés comme classes. Surfaces en {unit} ; leur somme est la surface couverte par l'OCS GE.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/export_classes.py" line="59"/>
        <source>Stock per {level} by usage code (OCS GE, IGN) at each millésime; parent codes, INDETERMINE and null kept as classes. Surfaces in {unit}; their sum is the surface covered by OCS GE.</source>
        <translation>Stock par {level} selon le code d'usage (OCS GE, IGN) à chaque millésime ; codes parents, INDETERMINE et valeurs nulles gardés comme classes. Surfaces en {unit} ; leur somme est la surface couverte par l'OCS GE.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/export_classes.py" line="64"/>
        <source>Changed land per {level} between two millésimes by couverture at début (cs_debut) and at fin (cs_fin). Surfaces in {unit}.</source>
        <translation>Surfaces changées par {level} entre deux millésimes, selon la couverture au début (cs_debut) et à la fin (cs_fin). Surfaces en {unit}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/export_classes.py" line="68"/>
        <source>Newly artificialised land per {level} by couverture (cs_debut) and usage (us_debut) at début. Surfaces in {unit}; their sum is flux_artif.</source>
        <translation>Surfaces nouvellement artificialisées par {level}, selon la couverture (cs_debut) et l'usage (us_debut) au début. Surfaces en {unit} ; leur somme est flux_artif.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/export_classes.py" line="158"/>
        <source>The layer has no {missing} field. Expected the surfaces by class of ocsge:aggregate (fields tableau, code, code_cs, cs_debut, surface…).</source>
        <translation>La couche n'a pas de champ {missing}. Attendu : les surfaces par classe de ocsge:aggregate (champs tableau, code, code_cs, cs_debut, surface…).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/sources.py" line="110"/>
        <source>Layer {name} holds several millésimes ({years}) in its millesime field. Expected one millésime per layer: filter it (e.g. millesime = '{year}' in the layer's filter, or a view) or give one layer per millésime.</source>
        <translation>La couche {name} contient plusieurs millésimes ({years}) dans son champ millesime. Attendu : un millésime par couche ; filtrez-la (par exemple millesime = '{year}' dans le filtre de la couche, ou une vue) ou donnez une couche par millésime.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/postgis.py" line="377"/>
        <source>no answer</source>
        <translation>pas de réponse</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/postgis.py" line="197"/>
        <source>Cannot connect to the PostgreSQL database « {name} »: {reason}. Expected a server that answers, and the right user and password (QGIS's Data Source Manager, PostgreSQL).</source>
        <translation>Impossible de se connecter à la base PostgreSQL « {name} » : {reason}. Attendu : un serveur qui répond, et le bon utilisateur et mot de passe (gestionnaire des sources de données de QGIS, PostgreSQL).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/postgis.py" line="377"/>
        <source>The PostgreSQL database « {name} » could not read the layer: {reason}.</source>
        <translation>La base PostgreSQL « {name} » n'a pas pu lire la couche : {reason}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/postgis.py" line="408"/>
        <source>The schema « {schema} » does not exist in the PostgreSQL database « {name} ». Expected an existing schema (the plugin does not create one).</source>
        <translation>Le schéma « {schema} » n'existe pas dans la base PostgreSQL « {name} ». Attendu : un schéma existant (l'extension n'en crée pas).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/postgis.py" line="417"/>
        <source>The PostgreSQL database « {name} » has no PostGIS extension. Expected CREATE EXTENSION postgis in it.</source>
        <translation>La base PostgreSQL « {name} » n'a pas l'extension PostGIS. Attendu : CREATE EXTENSION postgis dans cette base.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/postgis.py" line="432"/>
        <source>The table {table} could not be written into the PostgreSQL database « {name} »: {reason}. Nothing was changed in the database.</source>
        <translation>La table {table} n'a pas pu être écrite dans la base PostgreSQL « {name} » : {reason}. Rien n'a été modifié dans la base.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/postgis.py" line="453"/>
        <source>a table of that name exists that the plugin did not write; it is not replaced (rename or drop it, or choose another schema)</source>
        <translation>une table de ce nom existe, que l'extension n'a pas écrite ; elle n'est pas remplacée (renommez-la ou supprimez-la, ou choisissez un autre schéma)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/postgis.py" line="521"/>
        <source>The PostgreSQL database « {name} » refused the tables: {reason}. Nothing was changed in the database.</source>
        <translation>La base PostgreSQL « {name} » a refusé les tables : {reason}. Rien n'a été modifié dans la base.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="453"/>
        <source>One of QGIS's saved PostgreSQL connections (or, from qgis_process, a connection string host=… dbname=… user=…): the published tables are also written into the schema below, all replaced in one transaction (an error leaves the previous tables).</source>
        <translation>Une des connexions PostgreSQL enregistrées dans QGIS (ou, avec qgis_process, une chaîne de connexion host=… dbname=… user=…) : les tables publiées sont aussi écrites dans le schéma ci-dessous, toutes remplacées en une seule transaction (une erreur laisse les tables précédentes).</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="461"/>
        <source>Schema</source>
        <translation>Schéma</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="464"/>
        <source>An existing schema of that database; tables of the same names that the plugin wrote are replaced, no other.</source>
        <translation>Un schéma existant de cette base ; les tables de mêmes noms que l'extension a écrites sont remplacées, aucune autre.</translation>
    </message>
    <message>
        <location filename="../processing_provider/results.py" line="198"/>
        <source>Canceled: no file was written.</source>
        <translation>Annulé : aucun fichier n'a été écrit.</translation>
    </message>
    <message>
        <location filename="../processing_provider/results.py" line="201"/>
        <source>Cannot write to {folder}: {error}. Expected a writable folder.</source>
        <translation>Impossible d'écrire dans {folder} : {error}. Attendu : un dossier accessible en écriture.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="287"/>
        <source>Field holding the couverture code (CS1.1.1.1 …). Default code_cs, as ocsge:load names it; when absent, couverture is tried.</source>
        <translation>Champ contenant le code de couverture (CS1.1.1.1 …). Par défaut code_cs, nom donné par ocsge:load ; s'il est absent, couverture est essayé.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="296"/>
        <source>Field holding the usage code (US1.1 …). Default code_us, as ocsge:load names it; when absent, usage is tried.</source>
        <translation>Champ contenant le code d'usage (US1.1 …). Par défaut code_us, nom donné par ocsge:load ; s'il est absent, usage est essayé.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="337"/>
        <source>Hectares by default; m² as in the national files. Stated in the GeoPackage metadata.</source>
        <translation>Hectares par défaut ; m² comme dans les fichiers nationaux. Indiquée dans les métadonnées du GeoPackage.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="372"/>
        <source>&apos;,&apos; with &apos;.&apos; decimals, or &apos;;&apos; with &apos;,&apos; decimals for French spreadsheets.</source>
        <translation>',' avec '.' comme séparateur décimal, ou ';' avec ',' comme séparateur décimal pour les tableurs français.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="375"/>
        <source>50 m for communes, 250 m for EPCI and SCoT, 1,500 m for départements and régions; neighbours keep their shared boundary.</source>
        <translation>50 m pour les communes, 250 m pour les EPCI et SCoT, 1 500 m pour les départements et régions ; les voisins conservent leur limite commune.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="382"/>
        <source>One row per territory: millesimes_1, pourcent_artif_1, surface_artif_1, …, flux_surface_1_2, flux_percent_1_2.</source>
        <translation>Une ligne par territoire : millesimes_1, pourcent_artif_1, surface_artif_1, …, flux_surface_1_2, flux_percent_1_2.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="437"/>
        <source>Output folder</source>
        <translation>Dossier de sortie</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="33"/>
        <source>Load an OCS GE delivery</source>
        <translation>Charger une livraison OCS GE</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="33"/>
        <source>Opens IGN's OCS GE deliveries as shipped (7z, GeoPackage, Shapefile), styled and grouped by millésime.</source>
        <translation>Ouvre les livraisons OCS GE de l'IGN telles que diffusées (7z, GeoPackage, Shapefile), stylées et groupées par millésime.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="33"/>
        <source>Loads an OCS GE delivery exactly as IGN ships it: a .7z archive downloaded from IGN's service, a folder (an unpacked delivery, several levels deep, or several deliveries) or a single .gpkg / .shp file. Every layer kind found is loaded: occupation du sol, zone construite, différence, artificialisation and évolution de l'artificialisation. The département and millésime(s) are read from the archive, file, layer and field names. Field names are normalised once (code_cs / code_us; cs_debut, us_debut, cs_fin, us_fin for differences) so that every other algorithm reads one schema; the original attributes are kept. The coordinate system comes from the files, else from the archive name (LAMB93 → EPSG:2154, RGAF09UTM20 → EPSG:5490, RGFG95UTM22 → EPSG:2972, RGR92UTM40S → EPSG:2975, RGM04UTM38S → EPSG:4471). Archives are extracted once into a cache (keyed by path, size and date) with 7-Zip. Codes outside the OCS GE nomenclature are counted and reported. Surfaces in the report are planar areas in hectares, in the layer's projected CRS.</source>
        <translation>Charge une livraison OCS GE telle que l'IGN la diffuse : une archive .7z téléchargée depuis le service de l'IGN, un dossier (une livraison décompressée, sur plusieurs niveaux, ou plusieurs livraisons) ou un fichier .gpkg / .shp. Tous les types de couches trouvés sont chargés : occupation du sol, zone construite, différence, artificialisation et évolution de l'artificialisation. Le département et le ou les millésimes sont lus dans les noms de l'archive, des fichiers, des couches et des champs. Les noms de champs sont normalisés une seule fois (code_cs / code_us ; cs_debut, us_debut, cs_fin, us_fin pour les différences) afin que tous les autres algorithmes lisent un seul schéma ; les attributs d'origine sont conservés. Le système de coordonnées vient des fichiers, sinon du nom de l'archive (LAMB93 → EPSG:2154, RGAF09UTM20 → EPSG:5490, RGFG95UTM22 → EPSG:2972, RGR92UTM40S → EPSG:2975, RGM04UTM38S → EPSG:4471). Les archives sont extraites une seule fois dans un cache (selon leur chemin, leur taille et leur date) avec 7-Zip. Les codes hors de la nomenclature OCS GE sont comptés et signalés. Les surfaces du rapport sont des surfaces planes en hectares, dans le SCR projeté de la couche.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="33"/>
        <source>Field names are normalised once (code_cs, code_us; cs_debut, us_debut, cs_fin, us_fin for differences); the département and millésime come from the names; the coordinate system from the files, else from the archive name. Nothing is computed but the optional surface per couverture (planar hectares).</source>
        <translation>Les noms de champs sont normalisés une fois (code_cs, code_us ; cs_debut, us_debut, cs_fin, us_fin pour les différences) ; le département et le millésime viennent des noms ; le système de coordonnées des fichiers, sinon du nom de l'archive. Rien n'est calculé, sauf, en option, la surface par poste de couverture (hectares, surfaces planes).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="33"/>
        <source>Choose the folder where a département's archives were downloaded (Folder…), or drop the .7z files on the field: the occupation du sol of each millésime and the difference layer appear in the project, with the official palette.</source>
        <translation>Choisissez le dossier où les archives d'un département ont été téléchargées (Dossier…), ou déposez les fichiers .7z sur le champ : l'occupation du sol de chaque millésime et la couche des différences apparaissent dans le projet, avec la palette officielle.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="71"/>
        <source>Artificialisation and imperméabilisation</source>
        <translation>Artificialisation et imperméabilisation</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="71"/>
        <source>Marks every polygon imperméabilisé and artificialisé by the décret's rules (matrix, 2,500 m² thresholds) or by IGN's answer.</source>
        <translation>Qualifie chaque polygone d'imperméabilisé et d'artificialisé selon les règles du décret (matrice, seuils de 2 500 m²) ou selon la réponse de l'IGN.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="71"/>
        <source>Decides, for every polygon of an occupation du sol layer (as ocsge:load outputs it, or any polygon layer with couverture and usage fields), whether it is imperméabilisé and artificialisé, by the rules of the ZAN décret (n° 2022-763 revised by n° 2023-1096).
Imperméabilisé: couverture CS1.1.1.1 (built) or CS1.1.1.2 (sealed); usage plays no part.
Methods: 'IGN' reads IGN's own answer, the artif and crit_seuil fields of its artificialisation layer (refused when the layer has no artif field); 'matrice' applies the décret's couverture × usage matrix only; 'matrice + seuils' applies the matrix, then the décret's thresholds: a non-artificialised patch (connected polygons of the same status, sharing a boundary segment) of less than 2,500 m² entirely enclosed by artificialised land becomes artificialised; an artificialised patch of less than 2,500 m² entirely enclosed by non-artificialised land becomes non-artificialised, except its built polygons (CS1.1.1.1) of more than 50 m²; a patch touching the edge of the data or an indéterminé polygon is not enclosed; a patch in a hole of a larger polygon is enclosed by it. The thresholds are applied in one pass on the matrix result: a patch they change does not make its neighbours be re-evaluated. The default, 'automatic', is 'IGN' when the layer has an artif field, else 'matrice + seuils'.
Output: the input polygons with all their attributes, plus imper, artif, artif_matrice (before the thresholds; with 'IGN', IGN's status before its thresholds), crit_seuil (the thresholds changed this polygon) as booleans, and artif_source ('ign', 'matrice' or 'seuil'); an input field of the same name is kept as &lt;name&gt;_orig. Codes of every level of the nomenclature are read (CS2.1.1, US4.1…, case and spaces ignored): a code stands for the leaves under it, a null or unknown value (INDETERMINE) for every leaf; a polygon whose leaves do not all give the same answer is indéterminé: its fields are NULL and it is counted apart (log, report: indetermine), never as non-artificialised; the convention 'as the national files' reads exact codes only instead. Invalid geometries are repaired (make valid) for the computation and counted in the log; the output keeps the original geometry.
Summary table (and numeric outputs): surface imperméabilisée, artificialisée before and after the thresholds, surface switched each way by the thresholds, indéterminé, in hectares, with the number of polygons. Surfaces are planar areas in the layer's CRS, which must be projected in metres (EPSG:2154 Lambert-93 in métropole, 5490, 2972, 2975 or 4471 outre-mer): a layer in geographic coordinates is refused.</source>
        <translation>Détermine, pour chaque polygone d'une couche d'occupation du sol (telle que la produit ocsge:load, ou toute couche de polygones avec des champs de couverture et d'usage), s'il est imperméabilisé et s'il est artificialisé, selon les règles du décret ZAN (n° 2022-763 modifié par le n° 2023-1096).
Imperméabilisé : couverture CS1.1.1.1 (bâti) ou CS1.1.1.2 (revêtu) ; l'usage n'intervient pas.
Méthodes : « IGN » lit la réponse de l'IGN elle-même, les champs artif et crit_seuil de sa couche d'artificialisation (méthode refusée si la couche n'a pas de champ artif) ; « matrice » applique seulement la matrice couverture × usage du décret ; « matrice + seuils » applique la matrice, puis les seuils du décret : un îlot non artificialisé (polygones contigus de même statut, partageant un segment de limite) de moins de 2 500 m² entièrement enclavé dans des surfaces artificialisées devient artificialisé ; un îlot artificialisé de moins de 2 500 m² entièrement enclavé dans des surfaces non artificialisées devient non artificialisé, sauf ses polygones bâtis (CS1.1.1.1) de plus de 50 m² ; un îlot qui touche le bord des données ou un polygone indéterminé n'est pas enclavé ; un îlot situé dans un trou d'un polygone plus grand est enclavé par celui-ci. Les seuils sont appliqués en une seule passe sur le résultat de la matrice : un îlot qu'ils modifient n'entraîne pas la réévaluation de ses voisins. La méthode par défaut, « automatique », correspond à « IGN » si la couche a un champ artif, sinon à « matrice + seuils ».
Sortie : les polygones d'entrée avec tous leurs attributs, plus imper, artif, artif_matrice (avant les seuils ; avec « IGN », le statut de l'IGN avant ses seuils), crit_seuil (les seuils ont modifié ce polygone) sous forme de booléens, et artif_source ('ign', 'matrice' ou 'seuil') ; un champ d'entrée de même nom est conservé sous le nom &lt;name&gt;_orig. Les codes de tous les niveaux de la nomenclature sont lus (CS2.1.1, US4.1…, sans tenir compte de la casse ni des espaces) : un code vaut l'ensemble des feuilles sous lui, une valeur nulle ou inconnue (INDETERMINE) vaut toutes les feuilles ; un polygone dont les feuilles ne donnent pas toutes la même réponse est indéterminé : ses champs valent NULL et il est compté à part (journal, rapport : indetermine), jamais comme non artificialisé ; la convention « comme les fichiers nationaux » ne lit au contraire que les codes exacts. Les géométries invalides sont réparées (make valid) pour le calcul et comptées dans le journal ; la sortie conserve la géométrie d'origine.
Table de synthèse (et sorties numériques) : surface imperméabilisée, artificialisée avant et après les seuils, surface basculée dans chaque sens par les seuils, surface indéterminée, en hectares, avec le nombre de polygones. Les surfaces sont des surfaces planes dans le SCR de la couche, qui doit être projeté en mètres (EPSG:2154 Lambert-93 en métropole ; 5490, 2972, 2975 ou 4471 outre-mer) : une couche en coordonnées géographiques est refusée.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="71"/>
        <source>Imperméabilisé: couverture CS1.1.1.1 or CS1.1.1.2. Artificialisé: couverture × usage matrix of décret n° 2023-1096, then the thresholds (patches under 2,500 m² enclosed by the other status change status; built polygons over 50 m² stay artificialised). Null or unknown codes are indéterminé and counted apart. Surfaces are planar, in hectares, in a projected CRS.</source>
        <translation>Imperméabilisé : couverture CS1.1.1.1 ou CS1.1.1.2. Artificialisé : matrice couverture × usage du décret n° 2023-1096, puis les seuils (un îlot de moins de 2 500 m² entouré par l'autre statut change de statut ; les polygones bâtis de plus de 50 m² restent artificialisés). Les codes nuls ou inconnus sont indéterminés et comptés à part. Surfaces planes, en hectares, dans un SCR projeté.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="71"/>
        <source>Occupation du sol D32 2019 with the method « matrice + seuils »: the polygons styled artificialised / not artificialised, and the summary table with the hectares switched each way by the thresholds.</source>
        <translation>Occupation du sol D32 2019 avec la méthode « matrice + seuils » : les polygones stylés artificialisé / non artificialisé, et le tableau de synthèse avec les hectares basculés dans chaque sens par les seuils.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="148"/>
        <source>Check IGN&apos;s artificialisation layer</source>
        <translation>Vérifier la couche d'artificialisation de l'IGN</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="148"/>
        <source>Recomputes IGN&apos;s artificialisation layer with the matrix and thresholds and lists the polygons where they disagree.</source>
        <translation>Recalcule la couche d'artificialisation de l'IGN avec la matrice et les seuils, et liste les polygones où les deux diffèrent.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="148"/>
        <source>Recomputes the artificialisation of every polygon of IGN's artificialisation layer (artif_&lt;year&gt;_&lt;dep&gt;, as ocsge:load outputs it: code_cs, code_us, artif, crit_seuil) with the décret's couverture × usage matrix then its thresholds (2,500 m² patches enclosed by the opposite status, built polygons of more than 50 m² kept; one pass, as in ocsge:classify 'matrice + seuils'), and compares it with IGN's artif field.
Reports, in the log and as numeric outputs, the number and surface (hectares, planar, in the layer's projected CRS) of the polygons where both agree and where they disagree, and the share of the compared surface that agrees. Polygons whose IGN value or codes are null or unknown are not compared and are counted apart.
Output: the disagreeing polygons with their attributes, plus ign_artif, ign_crit_seuil, calc_artif, calc_artif_matrice, calc_crit_seuil (booleans) and raison: 'matrice' when the matrix alone already disagrees with IGN's status before its thresholds (artif XOR crit_seuil), 'seuil' when the difference comes from the thresholds. Styled by raison; a list to send back to IGN in a review.</source>
        <translation>Recalcule l'artificialisation de chaque polygone de la couche d'artificialisation de l'IGN (artif_&lt;year&gt;_&lt;dep&gt;, telle que la produit ocsge:load : code_cs, code_us, artif, crit_seuil) avec la matrice couverture × usage du décret puis ses seuils (îlots de moins de 2 500 m² enclavés dans le statut opposé, polygones bâtis de plus de 50 m² conservés ; une seule passe, comme dans ocsge:classify « matrice + seuils »), et le compare au champ artif de l'IGN.
Indique, dans le journal et sous forme de sorties numériques, le nombre et la surface (hectares, surface plane, dans le SCR projeté de la couche) des polygones pour lesquels les deux concordent et de ceux pour lesquels ils divergent, ainsi que la part de la surface comparée qui concorde. Les polygones dont la valeur IGN ou les codes sont nuls ou inconnus ne sont pas comparés et sont comptés à part.
Sortie : les polygones divergents avec leurs attributs, plus ign_artif, ign_crit_seuil, calc_artif, calc_artif_matrice, calc_crit_seuil (booléens) et raison : 'matrice' lorsque la matrice seule diverge déjà du statut de l'IGN avant ses seuils (artif XOR crit_seuil), 'seuil' lorsque la différence vient des seuils. Style selon raison ; une liste à renvoyer à l'IGN lors d'une revue.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="148"/>
        <source>Same rules as the classification with « matrice + seuils ». Reason « matrice » when the matrix alone disagrees with IGN before its thresholds, « seuil » otherwise. Surfaces in hectares.</source>
        <translation>Mêmes règles que la qualification avec « matrice + seuils ». Raison « matrice » quand la matrice seule diffère de l'IGN avant ses seuils, « seuil » sinon. Surfaces en hectares.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="148"/>
        <source>Artificialisation D32 2019: the share of the surface where both agree, and the disagreeing polygons, styled by reason, to send back to IGN.</source>
        <translation>Artificialisation D32 2019 : la part de la surface où les deux concordent, et les polygones en désaccord, stylés par raison, à renvoyer à l'IGN.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="189"/>
        <source>Download an OCS GE delivery from IGN</source>
        <translation>Télécharger une livraison OCS GE depuis l'IGN</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="189"/>
        <source>Downloads a département's OCS GE delivery from IGN (data.geopf.fr), then loads it.</source>
        <translation>Télécharge une livraison OCS GE d'un département depuis l'IGN (data.geopf.fr), puis la charge.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="189"/>
        <source>Downloads one OCS GE delivery of a département from IGN's download service (data.geopf.fr), the 7-Zip archive exactly as IGN ships it, then optionally loads it with « Load an OCS GE delivery » (ocsge:load). The deliveries offered are read from the service's Atom listing for the département (products OCSGE and OCSGE-ARTIFICIALISATION); the kind (occupation du sol, différence, artificialisation, artificialisation difference) and the millésime(s) are read from IGN's delivery names. Give one year for a state (2019) and, for a difference, its two years (2016-2019) or its final year; leave it empty for the most recent. Archives go to the chosen folder, else to the plugin's download cache, and an archive already downloaded (same edition) is reused. The network follows QGIS's proxy settings; busy or failing servers (HTTP 429, 423, 5xx) are retried a few times with growing waits. Nothing is computed: no surface, no unit.</source>
        <translation>Télécharge une livraison OCS GE d'un département depuis le service de téléchargement de l'IGN (data.geopf.fr), sous forme d'archive 7-Zip exactement telle que l'IGN la diffuse, puis la charge éventuellement avec « Charger une livraison OCS GE » (ocsge:load). Les livraisons proposées sont lues dans la liste Atom du service pour le département (produits OCSGE et OCSGE-ARTIFICIALISATION) ; le type (occupation du sol, différence, artificialisation, évolution de l'artificialisation) et le ou les millésimes sont lus dans les noms des livraisons de l'IGN. Indiquez une année pour un état (2019) et, pour une différence, ses deux années (2016-2019) ou son année finale ; laissez vide pour le plus récent. Les archives sont enregistrées dans le dossier choisi, sinon dans le cache de téléchargement de l'extension, et une archive déjà téléchargée (même édition) est réutilisée. Le réseau suit les paramètres de proxy de QGIS ; en cas de serveur occupé ou en erreur (HTTP 429, 423, 5xx), la requête est retentée quelques fois, avec des attentes croissantes. Rien n'est calculé : ni surface, ni unité.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="189"/>
        <source>The deliveries on offer are read from IGN&apos;s Atom listing: one year for a state, two years for a difference, empty for the latest. An archive already downloaded (same edition) is reused; QGIS&apos;s proxy settings are followed.</source>
        <translation>Les livraisons proposées sont lues dans la liste Atom de l'IGN : une année pour un état, deux années pour une différence, vide pour la plus récente. Une archive déjà téléchargée (même édition) est réutilisée ; les réglages de proxy de QGIS sont suivis.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="189"/>
        <source>Département 32, millésime 2019, product occupation du sol: the archive is downloaded into the cache and its layers are added to the project.</source>
        <translation>Département 32, millésime 2019, produit occupation du sol : l'archive est téléchargée dans le cache et ses couches sont ajoutées au projet.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="227"/>
        <source>Flows between millésimes</source>
        <translation>Flux entre millésimes</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="227"/>
        <source>Artificialisation, désartificialisation, imperméabilisation and désimperméabilisation between two millésimes, in hectares.</source>
        <translation>Artificialisation, désartificialisation, imperméabilisation et désimperméabilisation entre deux millésimes, en hectares.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="227"/>
        <source>Computes the land artificialised and desartificialised, sealed (imperméabilisé) and unsealed between two millésimes, piece by piece, from whichever data you have: IGN's difference layer (DIFF: imperméabilisation from the couverture, CS1.1.1.1 and CS1.1.1.2; artificialisation from the décret's couverture × usage matrix), IGN's artificialisation difference layer (zan_evol_…: its artificialisation field, +1 or -1, is the answer), or two occupation du sol layers, début and fin, overlaid (artificialisation at both dates by the method of ocsge:classify: IGN's artif field, the matrix, or the matrix and its 2,500 m² seuils). The log says which data was used. The overlay pairs identical polygons first and intersects only the rest; areas covered by one millésime only are reported (surface and a layer), not counted as flows. Codes of every level of the nomenclature are read (CS2.1.1, US4.1, INDETERMINE…): a piece whose status at a date cannot be told (the leaves under its codes disagree) is counted apart (log, report: indetermine) and kept out of the flows; the convention 'as the national files' reads exact codes only instead. Outputs: a layer of the changed pieces (codes, imper and artif at both dates, flux_artif and flux_imper = +1, 0 or -1, and flux, the flow kind in words: artificialisation, desartificialisation, impermeabilisation, desimpermeabilisation, comma-joined when two apply, empty when only the class changed); a summary with flux_artif, flux_desartif, flux_artif_net, flux_imper, flux_desimper and flux_imper_net (net = flux − flux_des); transition tables couverture début × fin and usage début × fin (changed land only); and the origin of newly artificialised land by couverture and usage at début (surface and % of the new artificialisation). The millésimes are read from the names and fields, or given as parameters. Surfaces are planar areas in the layers' projected CRS, in hectares.</source>
        <translation>Calcule les surfaces artificialisées et désartificialisées, imperméabilisées et désimperméabilisées entre deux millésimes, fragment par fragment, à partir des données dont vous disposez : la couche de différence de l'IGN (DIFF : imperméabilisation d'après la couverture, CS1.1.1.1 et CS1.1.1.2 ; artificialisation d'après la matrice couverture × usage du décret), la couche d'évolution de l'artificialisation de l'IGN (zan_evol_… : son champ artificialisation, +1 ou -1, donne la réponse), ou deux couches d'occupation du sol, de début et de fin, superposées (artificialisation aux deux dates selon la méthode de ocsge:classify : champ artif de l'IGN, matrice, ou matrice et ses seuils de 2 500 m²). Le journal indique quelles données ont été utilisées. La superposition apparie d'abord les polygones identiques et n'intersecte que les autres ; les zones couvertes par un seul millésime sont signalées (surface et couche), sans être comptées comme flux. Les codes de tous les niveaux de la nomenclature sont lus (CS2.1.1, US4.1, INDETERMINE…) : un fragment dont le statut à une date ne peut être établi (les feuilles sous ses codes ne donnent pas la même réponse) est compté à part (journal, rapport : indetermine) et écarté des flux ; la convention « comme les fichiers nationaux » ne lit au contraire que les codes exacts. Sorties : une couche des fragments modifiés (codes, imper et artif aux deux dates, flux_artif et flux_imper = +1, 0 ou -1, et flux, le type de flux en toutes lettres : artificialisation, desartificialisation, impermeabilisation, desimpermeabilisation, séparés par une virgule lorsque deux s'appliquent, vide lorsque seule la classe a changé) ; une synthèse avec flux_artif, flux_desartif, flux_artif_net, flux_imper, flux_desimper et flux_imper_net (net = flux − flux_des) ; des tables de transition couverture début × fin et usage début × fin (terrains modifiés seulement) ; et l'origine des terrains nouvellement artificialisés selon la couverture et l'usage au début (surface et % de la nouvelle artificialisation). Les millésimes sont lus dans les noms et les champs, ou fournis en paramètres. Les surfaces sont des surfaces planes dans le SCR projeté des couches, en hectares.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="227"/>
        <source>From IGN's difference layer (the matrix rule), IGN's artificialisation difference (its artificialisation field), or the overlay of two millésimes. Net flow = flow − reverse flow. Land covered by one millésime only and null or unknown codes are reported, not counted.</source>
        <translation>À partir de la couche de différence de l'IGN (règle de la matrice), de l'évolution de l'artificialisation de l'IGN (son champ artificialisation) ou de la superposition de deux millésimes. Flux net = flux − flux inverse. Les surfaces couvertes par un seul millésime et les codes nuls ou inconnus sont signalés, pas comptés.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="227"/>
        <source>Différence D32 2016-2019: the changed pieces styled by flow kind, the six flows in hectares, and the couverture transition table.</source>
        <translation>Différence D32 2016-2019 : les fragments qui ont changé, stylés par type de flux, les six flux en hectares et le tableau des transitions de couverture.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="285"/>
        <source>Aggregate by territory</source>
        <translation>Agréger par territoire</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="285"/>
        <source>Stocks and flows of artificialisation and imperméabilisation per territory (communes, EPCI, any zones).</source>
        <translation>Stocks et flux d'artificialisation et d'imperméabilisation par territoire (communes, EPCI, tout zonage).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="285"/>
        <source>Sums OCS GE stocks and flows per territory (communes, EPCI, SCoT, IRIS, a grid, business zones, a project perimeter…). Inputs: OCS GE layers as ocsge:load outputs them (occupation du sol, IGN's artificialisation layers, difference and artificialisation difference layers), layers from ocsge:classify or ocsge:flows, one or more millésimes and départements; and a territory polygon layer in any CRS, with its code and name fields. Raw occupation layers are classified on the fly by the chosen method (the décret's couverture × usage matrix, matrix + 2,500 m² thresholds, or IGN's artif field); flows come from the difference layers (matrix rule), IGN's artificialisation difference (its artificialisation field), an ocsge:flows layer, or else from the overlay of two millésimes. For every territory and pair of millésimes: surface_artif and pourcent_artif, surface_imper and pourcent_imper (stocks at millesime_fin), the territory area, the share covered by OCS GE, and the six flows (flux_artif, flux_desartif, flux_artif_net, flux_imper, flux_desimper, flux_imper_net). Percentages are over the full territory area. Areas are planar, computed exactly from polygon ∩ territory in the data's projected CRS, in hectares (or m²). Territories spanning several départements whose millésimes differ are combined by index (1st, 2nd… millésime of each département) and report the years, e.g. &quot;2018, 2019&quot;. Duplicate territory codes are merged and reported, invalid territory geometries repaired and reported, territories outside the data reported with zero coverage. Codes of every level of the nomenclature are read (CS2.1.1, US4.1, INDETERMINE…): polygons whose status cannot be told are summed apart (surface_indeterminee; change pieces: flux_indetermine), and the log and the report (indetermine) give their count and surface per layer and millésime. A stock or a flow that no layer gives (only a difference layer, or no OCS GE over the territory) is left empty (NULL), never 0; the field inconnu says what is unknown. In the same pass, the optional output « surfaces by class » gives per territory the stock by couverture and usage code, the changed land by couverture at début and fin, and the newly artificialised land by what it was (for ocsge:export).</source>
        <translation>Additionne les stocks et les flux OCS GE par territoire (communes, EPCI, SCoT, IRIS, une grille, des zones d'activités, un périmètre de projet…). Entrées : des couches OCS GE telles que les produit ocsge:load (occupation du sol, couches d'artificialisation de l'IGN, couches de différence et d'évolution de l'artificialisation), des couches issues de ocsge:classify ou de ocsge:flows, pour un ou plusieurs millésimes et départements ; et une couche de polygones des territoires dans n'importe quel SCR, avec ses champs de code et de nom. Les couches d'occupation brutes sont classées à la volée selon la méthode choisie (matrice couverture × usage du décret, matrice + seuils de 2 500 m², ou champ artif de l'IGN) ; les flux proviennent des couches de différence (règle de la matrice), de l'évolution de l'artificialisation de l'IGN (son champ artificialisation), d'une couche ocsge:flows ou, à défaut, de la superposition de deux millésimes. Pour chaque territoire et chaque couple de millésimes : surface_artif et pourcent_artif, surface_imper et pourcent_imper (stocks à millesime_fin), la surface du territoire, la part couverte par l'OCS GE et les six flux (flux_artif, flux_desartif, flux_artif_net, flux_imper, flux_desimper, flux_imper_net). Les pourcentages sont rapportés à la surface totale du territoire. Les surfaces sont planes, calculées exactement à partir de polygone ∩ territoire dans le SCR projeté des données, en hectares (ou m²). Les territoires à cheval sur plusieurs départements dont les millésimes diffèrent sont combinés par index (1er, 2e… millésime de chaque département) et indiquent les années, par exemple « 2018, 2019 ». Les codes de territoire en double sont fusionnés et signalés, les géométries de territoire invalides sont réparées et signalées, les territoires hors des données sont signalés avec une part couverte nulle. Les codes de tous les niveaux de la nomenclature sont lus (CS2.1.1, US4.1, INDETERMINE…) : les polygones dont le statut ne peut être établi sont additionnés à part (surface_indeterminee ; fragments de changement : flux_indetermine), et le journal et le rapport (indetermine) donnent leur nombre et leur surface par couche et par millésime. Un stock ou un flux qu'aucune couche ne fournit (seulement une couche de différence, ou pas d'OCS GE sur le territoire) est laissé vide (NULL), jamais 0 ; le champ inconnu dit ce qui est inconnu. Dans la même passe, la sortie facultative « surfaces par classe » donne par territoire le stock par code de couverture et d'usage, les surfaces changées selon la couverture au début et à la fin, et les surfaces nouvellement artificialisées selon ce qu'elles étaient (pour ocsge:export).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="285"/>
        <source>Exact areas of polygon ∩ territory in the data's projected CRS; percentages of the full territory area; stocks at the fin millésime; several départements combined by millésime index.</source>
        <translation>Surfaces exactes de l'intersection polygone ∩ territoire dans le SCR projeté des données ; pourcentages de la surface totale du territoire ; stocks au millésime de fin ; plusieurs départements combinés par rang de millésime.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="285"/>
        <source>The occupation du sol and difference layers of D90 with the communes of the Territoire de Belfort: one row per commune with surface_artif, pourcent_artif and the six flows, mapped by share artificialised.</source>
        <translation>Les couches d'occupation du sol et de différence du D90 avec les communes du Territoire de Belfort : une ligne par commune avec surface_artif, pourcent_artif et les six flux, cartographiée selon la part artificialisée.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="348"/>
        <source>Roll up communes to EPCI, SCoT, département, région</source>
        <translation>Consolider les communes par EPCI, SCoT, département, région</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="348"/>
        <source>Rolls the commune rows up to EPCI, SCoT, département and région.</source>
        <translation>Regroupe les lignes des communes en EPCI, SCoT, département et région.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="348"/>
        <source>Surfaces and flows are sums; percentages are Σ surface ÷ Σ commune area × 100. The EPT of the Grand Paris count in the Métropole du Grand Paris. Communes without membership are reported.</source>
        <translation>Surfaces et flux sont des sommes ; les pourcentages valent Σ surface ÷ Σ surface des communes × 100. Les EPT du Grand Paris comptent dans la Métropole du Grand Paris. Les communes sans appartenance sont signalées.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="348"/>
        <source>The commune table of the Territoire de Belfort with appartenance-communes-90.csv: one row per EPCI, one for the département and one for the région.</source>
        <translation>La table des communes du Territoire de Belfort avec appartenance-communes-90.csv : une ligne par EPCI, une pour le département et une pour la région.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="396"/>
        <source>Export to the published schema (data.gouv.fr)</source>
        <translation>Exporter au schéma publié (data.gouv.fr)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="396"/>
        <source>Writes the artif_&lt;level&gt; and imper_&lt;level&gt; tables published on data.gouv.fr (GeoPackage and CSV).</source>
        <translation>Écrit les tables artif_&lt;niveau&gt; et imper_&lt;niveau&gt; publiées sur data.gouv.fr (GeoPackage et CSV).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="396"/>
        <source>Writes the tables published on data.gouv.fr for artificialisation and imperméabilisation: for each level (commune, EPCI, SCoT, département, région) artif_&lt;level&gt; and imper_&lt;level&gt;, as a GeoPackage (one layer of that name) and a CSV, with the published columns in their order: &lt;level&gt;_code, nom, pourcent_artif, surface_artif, flux_artif, flux_desartif, flux_artif_net, millesime_debut, millesime_fin (likewise _imper), and for communes departement_code, region_code, epci_code, scot_code, commune_surface. One row per territory and pair of millésimes; stocks at millesime_fin; percentages of the full territory area. Input: the commune table of ocsge:aggregate or ocsge:rollup; higher levels come from ocsge:rollup's outputs when given, else they are rolled up here from the communes' membership (commune fields or a membership CSV). Unit: hectares by default, or m² (the national files' unit); stated in the GeoPackage layer description and metadata (unite). Geometry in EPSG:4326, outlines simplified per level with shared boundaries kept together (50 m communes, 250 m EPCI and SCoT, 1,500 m départements and régions), as an option. CSV in UTF-8, with ',' and '.' or ';' and ',' (French spreadsheets), without geometry. Options: the &quot;by index&quot; layout (millesimes_1, pourcent_artif_1, surface_artif_1, …, flux_surface_1_2, flux_percent_1_2 = stock differences; flux_percent is that difference in % of the territory area) and the table &quot;part du territoire couvert&quot; (per département: code, name, surface_km2, percent_of_france of 641,184 km², has_ocsge). Files are written under temporary names and renamed at the end: on cancel or error nothing half-written is left; only the files of this export are replaced in the chosen folder. Beside the published tables, left exactly as the schema says, qualite_&lt;level&gt; (GeoPackage without geometry and CSV) tells for every row what they cannot: the undetermined surface (codes whose leaves disagree: null, unknown or parent codes) and its share of the territory, the undetermined change pieces, the polygons repaired, the surface outside the data, and inconnu ('stock', 'flux': not computable, left empty in the published tables, never 0; '… partiel': a level summing only its communes that know it). The convention of the codes (the aggregation's) is written in the GeoPackage metadata and the report. Given the surfaces by class that ocsge:aggregate wrote (its optional output), the per-class tables are written too, rolled up like the others: couverture_&lt;level&gt; and usage_&lt;level&gt; (&lt;level&gt;_code, nom, millesime, code_cs / code_us, surface: the stock by code, summing to the covered surface), transition_cs_&lt;level&gt; (millesime_debut, millesime_fin, cs_debut, cs_fin, surface: the changed land) and origine_artif_&lt;level&gt; (cs_debut, us_debut, surface: the newly artificialised land by what it was; its sum is flux_artif); codes as the delivery writes them, parent codes, INDETERMINE and null (empty) as classes of their own.</source>
        <translation>Écrit les tables publiées sur data.gouv.fr pour l'artificialisation et l'imperméabilisation : pour chaque niveau (commune, EPCI, SCoT, département, région), artif_&lt;level&gt; et imper_&lt;level&gt;, sous forme d'un GeoPackage (une couche de ce nom) et d'un CSV, avec les colonnes publiées dans leur ordre : &lt;level&gt;_code, nom, pourcent_artif, surface_artif, flux_artif, flux_desartif, flux_artif_net, millesime_debut, millesime_fin (de même pour _imper), et, pour les communes, departement_code, region_code, epci_code, scot_code, commune_surface. Une ligne par territoire et par couple de millésimes ; stocks à millesime_fin ; pourcentages de la surface totale du territoire. Entrée : la table des communes de ocsge:aggregate ou de ocsge:rollup ; les niveaux supérieurs proviennent des sorties de ocsge:rollup si elles sont fournies, sinon ils sont consolidés ici à partir de l'appartenance des communes (champs des communes ou CSV d'appartenance). Unité : hectares par défaut, ou m² (l'unité des fichiers nationaux) ; indiquée dans la description et les métadonnées de la couche GeoPackage (unite). Géométrie en EPSG:4326, contours simplifiés par niveau en gardant les limites communes jointives (50 m pour les communes, 250 m pour les EPCI et SCoT, 1 500 m pour les départements et régions), en option. CSV en UTF-8, avec ',' et '.' ou ';' et ',' (tableurs français), sans géométrie. Options : la présentation « par index » (millesimes_1, pourcent_artif_1, surface_artif_1, …, flux_surface_1_2, flux_percent_1_2 = différences de stock ; flux_percent est cette différence en % de la surface du territoire) et la table « part du territoire couvert » (par département : code, name, surface_km2, percent_of_france sur 641 184 km², has_ocsge). Les fichiers sont écrits sous des noms temporaires puis renommés à la fin : en cas d'annulation ou d'erreur, aucun fichier à moitié écrit ne subsiste ; seuls les fichiers de cet export sont remplacés dans le dossier choisi. À côté des tables publiées, laissées exactement conformes au schéma, qualite_&lt;level&gt; (GeoPackage sans géométrie et CSV) dit pour chaque ligne ce qu'elles ne peuvent pas dire : la surface indéterminée (codes dont les feuilles ne donnent pas la même réponse : codes nuls, inconnus ou parents) et sa part du territoire, les fragments de changement indéterminés, les polygones réparés, la surface hors des données, et inconnu ('stock', 'flux' : non calculable, laissé vide dans les tables publiées, jamais 0 ; '… partiel' : un niveau qui n'additionne que ses communes qui le connaissent). La convention de lecture des codes (celle de l'agrégation) est écrite dans les métadonnées des GeoPackage et dans le rapport. Si l'on donne les surfaces par classe écrites par ocsge:aggregate (sa sortie facultative), les tables par classe sont écrites aussi, consolidées comme les autres : couverture_&lt;level&gt; et usage_&lt;level&gt; (&lt;level&gt;_code, nom, millesime, code_cs / code_us, surface : le stock par code, dont la somme est la surface couverte), transition_cs_&lt;level&gt; (millesime_debut, millesime_fin, cs_debut, cs_fin, surface : les surfaces changées) et origine_artif_&lt;level&gt; (cs_debut, us_debut, surface : les surfaces nouvellement artificialisées selon ce qu'elles étaient ; leur somme est flux_artif) ; codes tels que la livraison les écrit, codes parents, INDETERMINE et valeurs nulles (vides) comme classes à part entière.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="396"/>
        <source>The published columns in their order; hectares by default, or m²; GeoPackage in EPSG:4326 with outlines simplified per level; the files are written whole or not at all.</source>
        <translation>Les colonnes publiées, dans leur ordre ; hectares par défaut, ou m² ; GeoPackage en EPSG:4326 avec contours simplifiés selon le niveau ; les fichiers sont écrits en entier ou pas du tout.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="396"/>
        <source>The commune table and a folder: artif_commune.gpkg and .csv to imper_region.gpkg and .csv, ready to publish, and the maps in the project.</source>
        <translation>La table des communes et un dossier : de artif_commune.gpkg et .csv à imper_region.gpkg et .csv, prêts à publier, et les cartes dans le projet.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="473"/>
        <source>Artificialisation diagnostic of a territory</source>
        <translation>Diagnostic de l'artificialisation d'un territoire</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="473"/>
        <source>From IGN&apos;s deliveries to the published tables and the maps, in one step.</source>
        <translation>Des livraisons de l'IGN aux tables publiées et aux cartes, en une étape.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="473"/>
        <source>Runs the whole chain in one go, with one progress bar and cancel: load the OCS GE deliveries (ocsge:load: .7z archives, folders or files; several, separated by ';', several départements allowed), classify the polygons (the method chosen: IGN's artificialisation layers when present, else the décret's matrix + thresholds; or the matrix), take the flows from the difference layers or from the overlay of two millésimes, aggregate per commune (ocsge:aggregate: exact polygon ∩ commune areas in the data's projected CRS), roll up to EPCI, SCoT, département and région by the membership codes (ocsge:rollup) and write the published tables artif_&lt;level&gt; and imper_&lt;level&gt; as GeoPackage and CSV into one folder (ocsge:export). Communes the data does not touch are left out (counted in the log). Surfaces in hectares (or m²), percentages of the full territory area, stocks at millesime_fin. Codes of every level of the nomenclature are read (CS2.1.1, US4.1, INDETERMINE…): what cannot be told is never counted as non-artificialised but reported per layer and millésime (log, report: indetermine) and per territory in the quality tables qualite_&lt;level&gt; written beside the published ones (undetermined surface and share, polygons repaired, surface outside the data) and in the per-class tables, made in the same pass: couverture_&lt;level&gt; and usage_&lt;level&gt; (surface by code at each millésime), transition_cs_&lt;level&gt; (changed land, couverture at début × at fin) and origine_artif_&lt;level&gt; (newly artificialised land by couverture and usage at début; its sum is flux_artif), parent codes, INDETERMINE and null kept as classes; a stock or flow no layer gives (e.g. only a difference layer) is left empty, never 0. The convention 'as the national files' reproduces the published national numbers (exact codes only). In batch mode, one row per département with its own output folder. The example model 'Diagnostic OCS GE (modèle)' (group Modèles of this provider) chains the same algorithms, step by step, and opens in the graphical modeler.</source>
        <translation>Exécute toute la chaîne en une fois, avec une seule barre de progression et une seule annulation : charge les livraisons OCS GE (ocsge:load : archives .7z, dossiers ou fichiers ; plusieurs, séparés par ';', plusieurs départements admis), classe les polygones (selon la méthode choisie : couches d'artificialisation de l'IGN si présentes, sinon matrice + seuils du décret ; ou la matrice), prend les flux dans les couches de différence ou dans la superposition de deux millésimes, agrège par commune (ocsge:aggregate : surfaces exactes polygone ∩ commune dans le SCR projeté des données), consolide par EPCI, SCoT, département et région selon les codes d'appartenance (ocsge:rollup) et écrit les tables publiées artif_&lt;level&gt; et imper_&lt;level&gt; en GeoPackage et en CSV dans un même dossier (ocsge:export). Les communes que les données ne touchent pas sont écartées (comptées dans le journal). Surfaces en hectares (ou m²), pourcentages de la surface totale du territoire, stocks à millesime_fin. Les codes de tous les niveaux de la nomenclature sont lus (CS2.1.1, US4.1, INDETERMINE…) : ce qui ne peut être établi n'est jamais compté comme non artificialisé, mais signalé par couche et par millésime (journal, rapport : indetermine) et par territoire dans les tables de qualité qualite_&lt;level&gt; écrites à côté des tables publiées (surface indéterminée et sa part, polygones réparés, surface hors des données) et dans les tables par classe, calculées dans la même passe : couverture_&lt;level&gt; et usage_&lt;level&gt; (surface par code à chaque millésime), transition_cs_&lt;level&gt; (surfaces changées, couverture au début × à la fin) et origine_artif_&lt;level&gt; (surfaces nouvellement artificialisées selon la couverture et l'usage au début ; leur somme est flux_artif), codes parents, INDETERMINE et valeurs nulles gardés comme classes ; un stock ou un flux qu'aucune couche ne fournit (par exemple seulement une couche de différence) est laissé vide, jamais 0. La convention « comme les fichiers nationaux » reproduit les chiffres nationaux publiés (codes exacts seulement). En mode de traitement par lots, une ligne par département, avec son propre dossier de sortie. Le modèle d'exemple « Diagnostic OCS GE (modèle) » (groupe Modèles de ce fournisseur) enchaîne les mêmes algorithmes étape par étape et s'ouvre dans le modeleur graphique.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="473"/>
        <source>Automatic method: IGN's artificialisation layers when present, else the matrix and its thresholds; flows from the difference layers or the overlay of two millésimes; communes outside the data are left out; surfaces in hectares, percentages of the full territory area.</source>
        <translation>Méthode automatique : les couches d'artificialisation de l'IGN quand elles sont là, sinon la matrice et ses seuils ; flux issus des couches de différence ou de la superposition de deux millésimes ; les communes hors des données sont écartées ; surfaces en hectares, pourcentages de la surface totale du territoire.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="473"/>
        <source>The folder of the Territoire de Belfort's deliveries, its communes and the membership table: the group « Diagnostic OCS GE – Territoire de Belfort 2018-2021 » with maps of the share artificialised and of the net artificialisation per hectare, and the published files in the output folder.</source>
        <translation>Le dossier des livraisons du Territoire de Belfort, ses communes et la table d'appartenance : le groupe « Diagnostic OCS GE – Territoire de Belfort 2018-2021 » avec les cartes de la part artificialisée et de l'artificialisation nette par hectare, et les fichiers publiés dans le dossier de sortie.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="564"/>
        <source>Portrait of a territory (PDF report)</source>
        <translation>Portrait de territoire (rapport PDF)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="564"/>
        <source>A printable report per territory, with key figures, a map and charts, from the same numbers as the published tables.</source>
        <translation>Un rapport imprimable par territoire, avec chiffres clés, carte et graphiques, à partir des mêmes chiffres que les tables publiées.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="564"/>
        <source>Runs ocsge:diagnostic on the deliveries and the communes, then makes one PDF with one section per territory of the level chosen (an atlas): a cover (territory, code, level, millésimes, method, convention, deliveries read, date); the key figures (surface, artificialised and impermeable surface and share at each millésime, the four flows, net artificialisation per year, undetermined surface, comparison with the EPCI and the département or région); a map of the territory over the communes: IGN's artificialised surface at the last millésime and its flows (artificialisation in red, désartificialisation in green) when the deliveries hold IGN's artificialisation layers, else the communes' artificialised share; optionally over a raster or WMS layer of the project; scale bar, north arrow, legend and source; the charts (stocks at both millésimes, flows by type, surfaces by couverture and by usage at both millésimes in IGN's colours, what the newly artificialised land was before, the couverture transition matrix, communes ranked by net artificialisation) as vector drawings; for a territory above the commune, the table of its communes sorted by net artificialisation; a method note. Numbers are those of the published tables (artif_&lt;level&gt;, imper_&lt;level&gt;, qualite_&lt;level&gt;) and of the per-class tables beside them (couverture_, usage_, transition_cs_, origine_artif_&lt;level&gt;), written with the charts and the atlas layer in the folder &lt;name of the PDF&gt;_donnees beside the PDF; they are formatted the French way (1 234,5 ha). The print layout is added to the project (Layout manager), editable: its tables are attribute tables over the table lignes of the atlas GeoPackage, drawn by QGIS itself on every version. A restyled template (.qpt, same item ids) can be given back. The PDF is written under a temporary name and renamed at the end: on cancel nothing is left.</source>
        <translation>Lance ocsge:diagnostic sur les livraisons et les communes, puis compose un PDF avec une section par territoire du niveau choisi (un atlas) : une couverture (territoire, code, niveau, millésimes, méthode, convention, livraisons lues, date) ; les chiffres clés (surface, surface et part artificialisées et imperméabilisées à chaque millésime, les quatre flux, artificialisation nette par an, surface indéterminée, comparaison avec l'EPCI et le département ou la région) ; une carte du territoire sur le fond des communes : surface artificialisée au dernier millésime et flux (artificialisation en rouge, désartificialisation en vert) des couches d'artificialisation de l'IGN quand les livraisons les contiennent, sinon part artificialisée des communes ; en option sur une couche raster ou WMS du projet ; échelle, flèche du nord, légende et source ; les graphiques (stocks aux deux millésimes, flux par type, surfaces par couverture et par usage aux deux millésimes aux couleurs de l'IGN, ce qu'étaient les surfaces nouvellement artificialisées, matrice des changements de couverture, communes classées par artificialisation nette) en dessins vectoriels ; pour un territoire au-dessus de la commune, le tableau de ses communes classées par artificialisation nette ; une note de méthode. Les chiffres sont ceux des tables publiées (artif_&lt;niveau&gt;, imper_&lt;niveau&gt;, qualite_&lt;niveau&gt;) et des tables par classe à côté d'elles (couverture_, usage_, transition_cs_, origine_artif_&lt;niveau&gt;), écrites avec les graphiques et la couche de l'atlas dans le dossier &lt;nom du PDF&gt;_donnees à côté du PDF ; ils sont écrits à la française (1 234,5 ha). La mise en page est ajoutée au projet (gestionnaire de mises en page), modifiable : ses tableaux sont des tables attributaires sur la table lignes du GeoPackage de l'atlas, dessinées par QGIS lui-même sur toutes ses versions. Un modèle restylé (.qpt, mêmes identifiants d'objets) peut être redonné. Le PDF est écrit sous un nom provisoire puis renommé à la fin : une annulation ne laisse rien.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="564"/>
        <source>The stock at the first millésime is the published stock at the last one minus the published net flow; shares are of the full territory area; a value no layer gives is printed « – », never 0.</source>
        <translation>Le stock au premier millésime est le stock publié au dernier moins le flux net publié ; les parts sont rapportées à la surface totale du territoire ; une valeur qu'aucune couche ne donne est imprimée « – », jamais 0.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="564"/>
        <source>The Territoire de Belfort&apos;s deliveries, its communes and the membership table, level EPCI: portrait.pdf with the three EPCI, 9 pages each and 10 for CA Grand Belfort (its 52 communes on two pages).</source>
        <translation>Les livraisons du Territoire de Belfort, ses communes et la table d'appartenance, niveau EPCI : portrait.pdf avec les trois EPCI, 9 pages chacun et 10 pour la CA Grand Belfort (ses 52 communes sur deux pages).</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="306"/>
        <source>Commune table</source>
        <translation>Table des communes</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="306"/>
        <source>The communes with their stocks and flows (code = INSEE code): ocsge:aggregate on communes, or the commune output of ocsge:rollup.</source>
        <translation>Les communes avec leurs stocks et leurs flux (code = code INSEE) : ocsge:aggregate sur les communes, ou la sortie communale de ocsge:rollup.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/names.py" line="153"/>
        <source>{layer}: its fields say millésime {data}, its name “{name}” says {named}. The layer's own fields are the authority: {data} is used. Check that the delivery is the one you expect.</source>
        <translation>{layer} : ses champs indiquent le millésime {data}, son nom « {name} » indique {named}. Les champs de la couche font foi : {data} est retenu. Vérifiez que la livraison est bien celle attendue.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/archives.py" line="232"/>
        <source>The disk of the cache {folder} is full while extracting {name} ({detail}): nothing was kept. Free some space, empty the cache (the panel&apos;s settings) or point OCSGE_CACHE_DIR at a larger disk.</source>
        <translation>Le disque du cache {folder} est plein pendant l'extraction de {name} ({detail}) : rien n'a été gardé. Libérez de la place, videz le cache (paramètres du panneau) ou faites pointer OCSGE_CACHE_DIR vers un disque plus grand.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/archives.py" line="250"/>
        <source>The archive {name} lists {size} MB of files, more than the cap of {cap} MB: refused, nothing was extracted. An IGN delivery is smaller; the cap is QGIS&apos;s advanced setting ocsge/archive/max_gb.</source>
        <translation>L'archive {name} annonce {size} Mo de fichiers, plus que le plafond de {cap} Mo : refusée, rien n'a été extrait. Une livraison de l'IGN est plus petite ; le plafond est le paramètre avancé de QGIS ocsge/archive/max_gb.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/archives.py" line="258"/>
        <source>The archive {name} ({packed} MB) lists {size} MB of files, {times:.0f} times its size (at most {ratio:g}): an archive made to fill the disk, refused, nothing was extracted. Get the delivery again from IGN.</source>
        <translation>L'archive {name} ({packed} Mo) annonce {size} Mo de fichiers, {times:.0f} fois sa taille (au plus {ratio:g}) : une archive faite pour remplir le disque, refusée, rien n'a été extrait. Téléchargez de nouveau la livraison depuis l'IGN.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/archives.py" line="274"/>
        <source>Not enough space in the cache {folder} to extract {name}: {size} MB needed, {free} MB free. Nothing was extracted: free some space, empty the cache (the panel&apos;s settings) or point OCSGE_CACHE_DIR at a larger disk.</source>
        <translation>Pas assez de place dans le cache {folder} pour extraire {name} : {size} Mo nécessaires, {free} Mo libres. Rien n'a été extrait : libérez de la place, videz le cache (paramètres du panneau) ou faites pointer OCSGE_CACHE_DIR vers un disque plus grand.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/archives.py" line="443"/>
        <source>The archive {name} writes more than the {size} MB it lists: a forged archive, stopped and removed. Get the delivery again from IGN.</source>
        <translation>L'archive {name} écrit plus que les {size} Mo qu'elle annonce : une archive falsifiée, arrêtée et effacée. Téléchargez de nouveau la livraison depuis l'IGN.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="278"/>
        <source>Refused to open “{url}”: not a web address (http or https).</source>
        <translation>Ouverture de « {url} » refusée : ce n'est pas une adresse web (http ou https).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="222"/>
        <source>The disk of {folder} is full ({free} MB left free): the download from {host} was stopped and nothing was kept. Free some space or choose another folder.</source>
        <translation>Le disque de {folder} est plein ({free} Mo laissés libres) : le téléchargement depuis {host} a été arrêté et rien n'a été gardé. Libérez de la place ou choisissez un autre dossier.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="228"/>
        <source>Not enough space in {folder} for the download from {host}: {needed} MB needed, {free} MB free. Nothing was kept: free some space or choose another folder.</source>
        <translation>Pas assez de place dans {folder} pour le téléchargement depuis {host} : {needed} Mo nécessaires, {free} Mo libres. Rien n'a été gardé : libérez de la place ou choisissez un autre dossier.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="239"/>
        <source>{host} sends more than the file&apos;s declared size ({declared} bytes; {received} bytes at least): stopped, nothing was kept. The file does not match its description: report it to its publisher.</source>
        <translation>{host} envoie plus que la taille déclarée du fichier ({declared} octets ; au moins {received} octets) : arrêté, rien n'a été gardé. Le fichier ne correspond pas à sa description : signalez-le à son producteur.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/network.py" line="552"/>
        <source>The download from {host} did not end within {seconds} s (the deadline for {size} MB at {rate} bytes/s on average): stopped, nothing was kept. Try again later (the rate is QGIS&apos;s advanced setting ocsge/network/deadline_rate).</source>
        <translation>Le téléchargement depuis {host} ne s'est pas terminé en {seconds} s (le délai pour {size} Mo à {rate} octets/s en moyenne) : arrêté, rien n'a été gardé. Réessayez plus tard (le débit est le paramètre avancé de QGIS ocsge/network/deadline_rate).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/postgis.py" line="161"/>
        <source>No PostgreSQL connection named « {name} ». Expected one of QGIS's saved PostgreSQL connections (Data Source Manager), a connection string (host=… dbname=… user=…) or a URI (postgresql://user@host:port/dbname).</source>
        <translation>Aucune connexion PostgreSQL nommée « {name} ». Attendu : une des connexions PostgreSQL enregistrées dans QGIS (gestionnaire des sources de données), une chaîne de connexion (host=… dbname=… user=…) ou une URI (postgresql://utilisateur@hôte:port/base).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/layout.py" line="74"/>
        <source>The template {path} cannot be read: it is not well-formed XML. Expected a .qpt file saved from the layout designer.</source>
        <translation>Le modèle {path} ne peut être lu : ce n'est pas du XML bien formé. Attendu : un fichier .qpt enregistré depuis le concepteur de mise en page.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/layout.py" line="89"/>
        <source>The template {path} cannot be read: QGIS found no layout in it. Expected a .qpt file saved from the layout designer.</source>
        <translation>Le modèle {path} ne peut être lu : QGIS n'y trouve aucune mise en page. Attendu : un fichier .qpt enregistré depuis le concepteur de mise en page.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="70"/>
        <source>The template {path} was refused: {element}. A template is data only: no HTML frame or HTML label, no picture outside its folder or on the web, no expression reading the environment or files. Expected a .qpt saved from the layout designer, its pictures beside it.</source>
        <translation>Le modèle {path} est refusé : {element}. Un modèle ne contient que des données : ni cadre HTML ni étiquette HTML, aucune image hors de son dossier ou sur le web, aucune expression qui lit l'environnement ou des fichiers. Attendu : un .qpt enregistré depuis le concepteur de mise en page, ses images à côté de lui.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="84"/>
        <source>the layout</source>
        <translation>la mise en page</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="96"/>
        <source>The template {path} cannot be read ({reason}). Expected a .qpt file saved from the layout designer.</source>
        <translation>Le modèle {path} ne peut être lu ({reason}). Attendu : un fichier .qpt enregistré depuis le concepteur de mise en page.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="103"/>
        <source>a document type or entity declaration</source>
        <translation>une déclaration de type de document ou d'entité</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="108"/>
        <source>The template {path} cannot be read: it is not well-formed XML (line {line}, column {column}; truncated or edited?). Expected a .qpt file saved from the layout designer.</source>
        <translation>Le modèle {path} ne peut être lu : ce n'est pas du XML bien formé (ligne {line}, colonne {column} ; tronqué ou modifié ?). Attendu : un fichier .qpt enregistré depuis le concepteur de mise en page.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="116"/>
        <source>The template {path} cannot be read: its root element is &lt;{tag}&gt;, not &lt;Layout&gt;. Expected a .qpt file saved from the layout designer.</source>
        <translation>Le modèle {path} ne peut être lu : son élément racine est &lt;{tag}&gt;, pas &lt;Layout&gt;. Attendu : un fichier .qpt enregistré depuis le concepteur de mise en page.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="135"/>
        <source>the picture {item} is on the web ({file})</source>
        <translation>l'image {item} est sur le web ({file})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="148"/>
        <source>the picture {item} shows {file}, outside the template&apos;s folder</source>
        <translation>l'image {item} affiche {file}, hors du dossier du modèle</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="160"/>
        <source>the picture {item} takes its source from an expression (only a field of the atlas layer is allowed)</source>
        <translation>l'image {item} prend sa source d'une expression (seul un champ de la couche de l'atlas est admis)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="176"/>
        <source>the expression function {function}() in {item}</source>
        <translation>la fonction d'expression {function}() dans {item}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="179"/>
        <source>the variable {variable} in {item}</source>
        <translation>la variable {variable} dans {item}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="182"/>
        <source>the address {address} in {item}</source>
        <translation>l'adresse {address} dans {item}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="206"/>
        <source>an HTML frame (it would load “{source}”)</source>
        <translation>un cadre HTML (il chargerait « {source} »)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="206"/>
        <source>its HTML text</source>
        <translation>son texte HTML</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/template_check.py" line="213"/>
        <source>the label {item} in HTML mode</source>
        <translation>l'étiquette {item} en mode HTML</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/files.py" line="487"/>
        <source>Refused: the output layer {layer} would be written into {path}, which this run reads. Nothing was written. Expected another file for the output.</source>
        <translation>Refusé : la couche de sortie {layer} serait écrite dans {path}, que ce traitement lit. Rien n'a été écrit. Attendu : un autre fichier pour la sortie.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/files.py" line="494"/>
        <source>Refused: the output {output} is also an input of this run; writing it would replace the data being read. Nothing was written. Expected another name for the output.</source>
        <translation>Refusé : la sortie {output} est aussi une entrée de ce traitement ; l'écrire remplacerait les données lues. Rien n'a été écrit. Attendu : un autre nom pour la sortie.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/files.py" line="504"/>
        <source>Refused: the folder {output} holds an input of this run ({input}) and the run replaces its files. Nothing was written. Expected another place for the output.</source>
        <translation>Refusé : le dossier {output} contient une entrée de ce traitement ({input}) et le traitement en remplace les fichiers. Rien n'a été écrit. Attendu : un autre emplacement pour la sortie.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/files.py" line="515"/>
        <source>Refused: {output} is a GeoPackage holding other layers ({layers}); replacing the file would delete them. Nothing was written. Expected a new file name for the output.</source>
        <translation>Refusé : {output} est un GeoPackage qui contient d'autres couches ({layers}) ; remplacer le fichier les supprimerait. Rien n'a été écrit. Attendu : un nouveau nom de fichier pour la sortie.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/files.py" line="525"/>
        <source>Refused: the output {output} is, or lies inside, the folder {input} that this run reads: the next run would read the outputs as data. Nothing was written. Expected a place outside that folder.</source>
        <translation>Refusé : la sortie {output} est le dossier {input} que ce traitement lit, ou se trouve dedans : le traitement suivant lirait les résultats comme des données. Rien n'a été écrit. Attendu : un emplacement hors de ce dossier.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/files.py" line="537"/>
        <source>Refused: {folder} exists and was not made by this plugin (no {marker} in it): it is left untouched. Expected another output name, or an empty place.</source>
        <translation>Refusé : {folder} existe et n'a pas été créé par cette extension (il ne contient pas {marker}) : il est laissé intact. Attendu : un autre nom de sortie, ou un emplacement libre.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/files.py" line="607"/>
        <source>the plugin</source>
        <translation>l'extension</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/candidates.py" line="60"/>
        <source>named as IGN names it</source>
        <translation>nommée comme l'IGN la nomme</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/candidates.py" line="60"/>
        <source>the largest</source>
        <translation>la plus grande</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/candidates.py" line="63"/>
        <source>Several {title} layers: {kept} ({kept_count} polygons) is used, {reason}; {dropped} ({dropped_count} polygon) is left out.</source>
        <translation>Plusieurs couches {title} : {kept} ({kept_count} polygones) est utilisée, {reason} ; {dropped} ({dropped_count} polygone) est écartée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/candidates.py" line="63"/>
        <source>Several {title} layers: {kept} ({kept_count} polygons) is used, {reason}; {dropped} ({dropped_count} polygons) is left out.</source>
        <translation>Plusieurs couches {title} : {kept} ({kept_count} polygones) est utilisée, {reason} ; {dropped} ({dropped_count} polygones) est écartée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/curves.py" line="77"/>
        <source>{layer}: {count} geometry of a curved type (MultiSurface, CurvePolygon…) of {total} made into a polygon, its arcs cut into segments of at most 4°: its surface is that of the linearised outline.</source>
        <translation>{layer} : {count} géométrie de type courbe (MultiSurface, CurvePolygon…) sur {total} transformée en polygone, ses arcs découpés en segments d'au plus 4° : sa surface est celle du contour linéarisé.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/curves.py" line="77"/>
        <source>{layer}: {count} geometries of a curved type (MultiSurface, CurvePolygon…) of {total} made into polygons, their arcs cut into segments of at most 4°: their surfaces are those of the linearised outlines.</source>
        <translation>{layer} : {count} géométries de type courbe (MultiSurface, CurvePolygon…) sur {total} transformées en polygones, leurs arcs découpés en segments d'au plus 4° : leurs surfaces sont celles des contours linéarisés.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/interrupt.py" line="97"/>
        <source>Canceled too late to keep the previous outputs: {count} output had already been replaced by this run&apos;s results ({outputs}). The outputs not listed were not written; their previous versions are kept.</source>
        <translation>Annulé trop tard pour garder les sorties précédentes : {count} sortie avait déjà été remplacée par les résultats de ce traitement ({outputs}). Les sorties non citées n'ont pas été écrites ; leurs versions précédentes sont gardées.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/interrupt.py" line="97"/>
        <source>Canceled too late to keep the previous outputs: {count} outputs had already been replaced by this run&apos;s results ({outputs}). The outputs not listed were not written; their previous versions are kept.</source>
        <translation>Annulé trop tard pour garder les sorties précédentes : {count} sorties avaient déjà été remplacées par les résultats de ce traitement ({outputs}). Les sorties non citées n'ont pas été écrites ; leurs versions précédentes sont gardées.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/postgis.py" line="492"/>
        <source>GDAL could not create the table</source>
        <translation>GDAL n'a pas pu créer la table</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/postgis.py" line="516"/>
        <source>the transaction was not committed</source>
        <translation>la transaction n'a pas été validée</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/postgis.py" line="531"/>
        <source>PostgreSQL database « {name} »</source>
        <translation>base PostgreSQL « {name} »</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="196"/>
        <source>{count} commune of the territories is absent from the consumption file (its territories are marked partial): {codes}.</source>
        <translation>{count} commune des territoires est absente du fichier de consommation (ses territoires sont marqués partiels) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="196"/>
        <source>{count} communes of the territories are absent from the consumption file (their territories are marked partial): {codes}.</source>
        <translation>{count} communes des territoires sont absentes du fichier de consommation (leurs territoires sont marqués partiels) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="214"/>
        <source>{count} commune of the consumption file is in none of the territories given (left out): {codes}.</source>
        <translation>{count} commune du fichier de consommation n'est dans aucun des territoires donnés (écartée) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="214"/>
        <source>{count} communes of the consumption file are in none of the territories given (left out): {codes}.</source>
        <translation>{count} communes du fichier de consommation ne sont dans aucun des territoires donnés (écartées) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="214"/>
        <source>A commune merged or renamed since the file&apos;s COG ({cog}) is converted by INSEE&apos;s table de passage (parameter PASSAGE).</source>
        <translation>Une commune fusionnée ou renommée depuis le COG du fichier ({cog}) est convertie par la table de passage de l'INSEE (paramètre PASSAGE).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="263"/>
        <source>The consumption file has no year of the reference period 2011–2020 (years found: {years}).</source>
        <translation>Le fichier de consommation n'a aucune année de la période de référence 2011–2020 (années trouvées : {years}).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="271"/>
        <source>The reference 2011–2020 lacks the years {years} in the file: every conso_2011_2020 is partial.</source>
        <translation>Il manque à la référence 2011–2020 les années {years} dans le fichier : toutes les valeurs conso_2011_2020 sont partielles.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="278"/>
        <source>The file ends in {year}: nothing is known since 2021.</source>
        <translation>Le fichier s'arrête en {year} : rien n'est connu depuis 2021.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="286"/>
        <source>Communes listed for the 1 ha guarantee but in none of the territories: {codes}.</source>
        <translation>Communes listées pour la garantie de 1 ha mais dans aucun des territoires : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="317"/>
        <source>Unknown choice {value}. Expected one of {allowed}.</source>
        <translation>Choix inconnu {value}. Attendu : l'un de {allowed}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="324"/>
        <source>Unknown level {value}. Expected one of {allowed}.</source>
        <translation>Niveau inconnu {value}. Attendu : l'un de {allowed}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="330"/>
        <source>The reduction rate must be between 0 and 100 %.</source>
        <translation>Le taux de réduction doit être compris entre 0 et 100 %.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="349"/>
        <source>No {level} codes (neither in the file nor in the membership table): the level is skipped.</source>
        <translation>Pas de codes {level} (ni dans le fichier ni dans la table d'appartenance) : le niveau est ignoré.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="360"/>
        <source>{level}: {count} communes have no code and count in no territory: {codes}.</source>
        <translation>{level} : {count} communes n'ont pas de code et ne comptent dans aucun territoire : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="450"/>
        <source>{level}: {count} territories have partial totals (communes absent from the file or empty values; columns partiel, codes_manquants, valeurs_vides): {codes}.</source>
        <translation>{level} : {count} territoires ont des totaux partiels (communes absentes du fichier ou valeurs vides ; colonnes partiel, codes_manquants, valeurs_vides) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_tables.py" line="257"/>
        <source>Consommation d&apos;espaces NAF per {level} and year (Cerema, fichiers fonciers), by destination, in {unit}.</source>
        <translation>Consommation d'espaces NAF par {level} et par année (Cerema, fichiers fonciers), par destination, en {unit}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_tables.py" line="261"/>
        <source>ZAN trajectory 2021–2030 per {level}: the national table's columns then the plugin's, in {unit}.</source>
        <translation>Trajectoire ZAN 2021–2030 par {level} : les colonnes de la table nationale puis celles de l'extension, en {unit}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="103"/>
        <source>The column {column} holds values that are not numbers: {values}.</source>
        <translation>La colonne {column} contient des valeurs qui ne sont pas des nombres : {values}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="195"/>
        <source>{path} cannot be read by GDAL: {error}.</source>
        <translation>GDAL ne peut pas lire {path} : {error}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="324"/>
        <source>The consumption file {path} does not exist. Expected Cerema&apos;s commune file (CSV, GeoPackage or shapefile).</source>
        <translation>Le fichier de consommation {path} n'existe pas. Attendu : le fichier communal du Cerema (CSV, GeoPackage ou shapefile).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="335"/>
        <source>The consumption file {path} cannot be read: {error}.</source>
        <translation>Le fichier de consommation {path} ne peut pas être lu : {error}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="271"/>
        <source>{path} is not a consumption file: expected the columns idcom and naf&lt;AA&gt;art&lt;BB&gt; (one per year, e.g. naf11art12), found {found}.</source>
        <translation>{path} n'est pas un fichier de consommation : colonnes attendues idcom et naf&lt;AA&gt;art&lt;BB&gt; (une par année, par exemple naf11art12), trouvées {found}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="284"/>
        <source>The file has no value for the year {years}: left out.</source>
        <translation>Le fichier n'a aucune valeur pour l'année {years} : elle est écartée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="284"/>
        <source>The file has no value for the years {years}: left out.</source>
        <translation>Le fichier n'a aucune valeur pour les années {years} : elles sont écartées.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="294"/>
        <source>{path} has year columns but no value in any of them.</source>
        <translation>{path} a des colonnes d'années mais aucune valeur dans aucune d'elles.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="309"/>
        <source>{count} communes appear several times in the consumption file; their rows are summed: {codes}.</source>
        <translation>{count} communes figurent plusieurs fois dans le fichier de consommation ; leurs lignes sont additionnées : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="391"/>
        <source>The table de passage {path} does not exist.</source>
        <translation>La table de passage {path} n'existe pas.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="409"/>
        <source>The table de passage has columns {found}. Expected two code columns CODGEO_&lt;year&gt; (or ancien and nouveau), optional part or surface.</source>
        <translation>La table de passage a les colonnes {found}. Attendu : deux colonnes de codes CODGEO_&lt;année&gt; (ou ancien et nouveau), et facultativement part ou surface.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="439"/>
        <source>Table de passage: no commune of the file changed code.</source>
        <translation>Table de passage : aucune commune du fichier n'a changé de code.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="489"/>
        <source>Table de passage ({source}): {count} commune codes of the file converted.</source>
        <translation>Table de passage ({source}) : {count} codes de communes du fichier convertis.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="498"/>
        <source>Merged commune {new}: the rows of {olds} are summed.</source>
        <translation>Commune fusionnée {new} : les lignes de {olds} sont additionnées.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="506"/>
        <source>equal shares (no area known)</source>
        <translation>parts égales (aucune surface connue)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="506"/>
        <source>shares of area</source>
        <translation>parts de surface</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="507"/>
        <source>Split commune {old}: its numbers are shared among {news} by {how}.</source>
        <translation>Commune scindée {old} : ses valeurs sont réparties entre {news} par {how}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="526"/>
        <source>The territorialisation table {path} does not exist.</source>
        <translation>La table de territorialisation {path} n'existe pas.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="549"/>
        <source>The territorialisation table has columns {found}. Expected code and taux (reduction rate, e.g. 54 or 54 % or 0.54).</source>
        <translation>La table de territorialisation a les colonnes {found}. Attendu : code et taux (taux de réduction, par exemple 54, 54 % ou 0,54).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="561"/>
        <source>The territorialisation table has rates outside 0–100 %: {codes}.</source>
        <translation>La table de territorialisation a des taux hors de 0–100 % : {codes}.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="619"/>
        <source>Consommation d&apos;espaces NAF and ZAN trajectory</source>
        <translation>Consommation d'espaces NAF et trajectoire ZAN</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="619"/>
        <source>Reads Cerema's consumption file and computes, per commune, EPCI, SCoT, département and région, the consumption 2011–2020, the envelope 2021–2030 and the share used.</source>
        <translation>Lit le fichier de consommation du Cerema et calcule, par commune, EPCI, SCoT, département et région, la consommation 2011–2020, l'enveloppe 2021–2030 et la part utilisée.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="619"/>
        <source>For the decade 2021–2031 the law measures the consumption of natural, agricultural and forest land (NAF) from the fichiers fonciers, published by Cerema per commune and per year since 2009; OCS GE artificialisation takes over after 2031. This algorithm reads Cerema's commune file as published (CSV in UTF-8 or Latin-1, numbers possibly as text, or GeoPackage / shapefile): the years and the last year come from the column names naf&lt;AA&gt;art&lt;BB&gt; (m² consumed during the year 20AA) and art&lt;AA&gt;act&lt;BB&gt;, hab, mix, rou, fer, inc (by destination: activité, habitat, mixte, route, ferré, inconnu); a year column without any value is left out, said in the log. Communes are summed into EPCI, SCoT, département and région by the file's own columns (epciNN, scot, iddep, idreg) or by your membership table.
Outputs, per level, in the output folder, as GeoPackage (a table without geometry) and CSV: consommation_&lt;level&gt; (per year and destination, totals 2011–2020, since 2021 and over the whole file, population and households at both census years and the consumption in m² per new inhabitant and per new household) and trajectoires_&lt;level&gt; with exactly the columns of the national table « Trajectoires ZAN des communes de France »: &lt;level&gt;_code, conso_2011_2020, conso_autorisee_augmentee_a_1ha_2021_2030 (oui/non), conso_autorisee_2021_2030, conso_depuis_2021, conso_annuelle_depuis_2021, conso_projetee_2030, respecte_reglementation_actuellement, pourcentage_utilisation_actuelle, respectera_reglementation_en_2030, pourcentage_utilisation_projetee_en_2030; then the plugin's: nom, taux_reduction (%), derniere_annee, nb_annees_depuis_2021, communes, communes_manquantes, codes_manquants, part_surface_manquante (% of the territory's area), valeurs_vides (commune:year), partiel (oui when a commune is absent from the file or a value is empty: never a silent zero), unite, convention.
Real files: communes of your territories absent from the file, and communes of the file in none of your territories, are named in the log and the report, with their share of the territory's area when areas are known; an INSEE table de passage converts the codes of communes merged (sums) or divided (shares of area) since the file's COG vintage.</source>
        <translation>Pour la décennie 2021–2031, la loi mesure la consommation d'espaces naturels, agricoles et forestiers (NAF) à partir des fichiers fonciers, publiée par le Cerema par commune et par année depuis 2009 ; l'artificialisation mesurée par l'OCS GE prend le relais après 2031. Ce traitement lit le fichier communal du Cerema tel qu'il est publié (CSV en UTF-8 ou Latin-1, nombres éventuellement écrits comme du texte, ou GeoPackage / shapefile) : les années et la dernière année sont lues dans les noms de colonnes naf&lt;AA&gt;art&lt;BB&gt; (m² consommés pendant l'année 20AA) et art&lt;AA&gt;act&lt;BB&gt;, hab, mix, rou, fer, inc (par destination : activité, habitat, mixte, route, ferré, inconnu) ; une colonne d'année sans aucune valeur est écartée, et le journal le dit. Les communes sont additionnées en EPCI, SCoT, département et région selon les colonnes du fichier lui-même (epciNN, scot, iddep, idreg) ou selon votre table d'appartenance.
Sorties, par niveau, dans le dossier de sortie, en GeoPackage (une table sans géométrie) et en CSV : consommation_&lt;level&gt; (par année et par destination, totaux 2011–2020, depuis 2021 et sur tout le fichier, population et ménages aux deux recensements, et consommation en m² par nouvel habitant et par nouveau ménage) et trajectoires_&lt;level&gt; avec exactement les colonnes de la table nationale « Trajectoires ZAN des communes de France » : &lt;level&gt;_code, conso_2011_2020, conso_autorisee_augmentee_a_1ha_2021_2030 (oui/non), conso_autorisee_2021_2030, conso_depuis_2021, conso_annuelle_depuis_2021, conso_projetee_2030, respecte_reglementation_actuellement, pourcentage_utilisation_actuelle, respectera_reglementation_en_2030, pourcentage_utilisation_projetee_en_2030 ; puis celles de l'extension : nom, taux_reduction (%), derniere_annee, nb_annees_depuis_2021, communes, communes_manquantes, codes_manquants, part_surface_manquante (% de la surface du territoire), valeurs_vides (commune:année), partiel (oui quand une commune manque au fichier ou qu'une valeur est vide : jamais de zéro silencieux), unite, convention.
Fichiers réels : les communes de vos territoires absentes du fichier, et les communes du fichier hors de vos territoires, sont nommées dans le journal et le rapport, avec leur part de la surface du territoire quand les surfaces sont connues ; une table de passage de l'INSEE convertit les codes des communes fusionnées (sommes) ou scindées (parts de surface) depuis le millésime du COG du fichier.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="619"/>
        <source>Cerema's commune file for France and appartenance-communes-90.csv: consommation_ and trajectoires_ for the Territoire de Belfort's 101 communes, 3 EPCI, the département and the région; a commune merged since the file's COG marks its EPCI partial until the INSEE table de passage is given.</source>
        <translation>Le fichier communal du Cerema pour la France et appartenance-communes-90.csv : consommation_ et trajectoires_ pour les 101 communes du Territoire de Belfort, ses 3 EPCI, le département et la région ; une commune fusionnée depuis le COG du fichier rend son EPCI partiel tant que la table de passage de l'INSEE n'est pas donnée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/keeping.py" line="184"/>
        <source>{title} ({format}) left out: the {kept} delivery of the same millésime is loaded.</source>
        <translation>{title} ({format}) non chargée : la livraison {kept} du même millésime est chargée.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="476"/>
        <source>Replace the group of an earlier run (same territory and millésimes)</source>
        <translation>Remplacer le groupe d'un lancement précédent (même territoire et mêmes millésimes)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="476"/>
        <source>Unchecked: each run adds its own group of layers to the project, named after the territory, the millésimes and the date and time of the run. Checked: the group an earlier run made for the same territory and millésimes is removed from the project, with its layers (not their files), and this run's group takes its place.</source>
        <translation>Décoché : chaque lancement ajoute au projet son propre groupe de couches, nommé d'après le territoire, les millésimes, la date et l'heure du lancement. Coché : le groupe qu'un lancement précédent a créé pour le même territoire et les mêmes millésimes est retiré du projet, avec ses couches (pas leurs fichiers), et le groupe de ce lancement prend sa place.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_ocsge.py" line="133"/>
        <source>OCS GE tables not found: {path}. Expected the diagnostic&apos;s output folder or one of its artif_&lt;level&gt;.csv tables.</source>
        <translation>Tables OCS GE introuvables : {path}. Attendu : le dossier de sortie du diagnostic ou l'une de ses tables artif_&lt;niveau&gt;.csv.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_ocsge.py" line="147"/>
        <source>{level}: no artif_{level}.csv at {path}; the OCS GE columns are empty.</source>
        <translation>{level} : pas de artif_{level}.csv dans {path} ; les colonnes OCS GE sont vides.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_ocsge.py" line="213"/>
        <source>{path} is not an artificialisation table of the diagnostic (expected {key}, flux_artif_net, millesime_debut, millesime_fin).</source>
        <translation>{path} n'est pas une table d'artificialisation du diagnostic (attendu : {key}, flux_artif_net, millesime_debut, millesime_fin).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_ocsge.py" line="160"/>
        <source>{name}: no GeoPackage beside it says its unit; taken as hectares, the published tables&apos; documented unit.</source>
        <translation>{name} : aucun GeoPackage à côté n'en donne l'unité ; lue en hectares, l'unité documentée des tables publiées.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_ocsge.py" line="182"/>
        <source>{level}: {count} territories have no OCS GE period meeting the consumption file&apos;s years in {name} (OCS GE columns empty).</source>
        <translation>{level} : {count} territoires n'ont dans {name} aucune période OCS GE qui rencontre les années du fichier de consommation (colonnes OCS GE vides).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="92"/>
        <source>Consommation NAF (Cerema, communes)</source>
        <translation>Consommation NAF (Cerema, communes)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="339"/>
        <source>No dataset of {organization} titled “{title}” in data.gouv.fr's answer for “{query}”.</source>
        <translation>Aucun jeu de données de {organization} intitulé « {title} » dans la réponse de data.gouv.fr pour « {query} ».</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/services/datagouv.py" line="351"/>
        <source>The dataset “{title}” has no {kind} file named for “{name}”. Choose its file in the list.</source>
        <translation>Le jeu de données « {title} » n'a pas de fichier {kind} nommé « {name} ». Choisissez son fichier dans la liste.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock_widgets.py" line="191"/>
        <source>Finds {organization}'s dataset “{title}” on data.gouv.fr and adds its {kind} file ({name}) to the project in one click</source>
        <translation>Trouve le jeu de données de {organization} « {title} » sur data.gouv.fr et ajoute son fichier {kind} ({name}) au projet en un clic</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="331"/>
        <source>Finding and downloading {label}</source>
        <translation>Recherche et téléchargement : {label}</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="619"/>
        <source>Reference: the calendar years 2011 to 2020 of the file (naf11art12 … naf20art21). Envelope 2021–2030 = reference × (1 − rate), rate 50 % (article 194, I, 1° of loi n° 2021-1104 du 22 août 2021, « Climat et résilience ») or the territory's own rate from the territorialisation table (SRADDET, SCoT). Communal guarantee: article 194, IV, 3° bis of the same loi, inserted by loi n° 2023-630 du 20 juillet 2023 — a commune covered by a plan local d'urbanisme, a document en tenant lieu or a carte communale prescribed, arrêté or approved before 22 August 2026 cannot be given less than 1 ha for 2021–2031; applied to every commune, to none or to the communes listed, never to a grouping. Since 2021: the years 2021 to the last year of the file (2030 at most); annual pace = that total ÷ its number of years; projection to the end of 2030 = since 2021 + annual pace × the years left. Share used = consumption ÷ envelope × 100; « respecte » when it is at most the envelope. Convention « as the national table »: every territory's envelope is raised to 1 ha when under it and the projection is the annual pace × 9, as the national file computes them. Unit: hectares (or m²). Which measure for which decade: for 2021–2031 the law (loi n° 2021-1104 du 22 août 2021, articles 191 and 194) measures the consumption of NAF land, from the fichiers fonciers, as here; from 2031 it measures the artificialisation nette des sols (article L. 101-2-1 of the code de l'urbanisme), with OCS GE under the nomenclature of décret n° 2023-1096 du 27 novembre 2023 (the REPORT says so, key mesure_legale). Beside OCS GE (the diagnostic's tables given): per territory the latest pair of millésimes of artif_&lt;level&gt; whose years meet the file's; artif_nette_annuelle_ocsge = flux_artif_net ÷ (millésime fin − millésime début); conso_annuelle_periode_ocsge = the consumption of the calendar years millésime début to millésime fin − 1 ÷ their number. The two measure different things (land use in the cadastre against cover and use seen on aerial images): their gap is information, not an error.</source>
        <translation>Référence : les années civiles 2011 à 2020 du fichier (naf11art12 … naf20art21). Enveloppe 2021–2030 = référence × (1 − taux), taux de 50 % (article 194, I, 1° de la loi n° 2021-1104 du 22 août 2021, « Climat et résilience ») ou le taux propre du territoire donné par la table de territorialisation (SRADDET, SCoT). Garantie communale : article 194, IV, 3° bis de la même loi, inséré par la loi n° 2023-630 du 20 juillet 2023 — une commune couverte par un plan local d'urbanisme, un document en tenant lieu ou une carte communale prescrit, arrêté ou approuvé avant le 22 août 2026 ne peut recevoir moins de 1 ha pour 2021–2031 ; appliquée à toutes les communes, à aucune ou aux communes listées, jamais à un regroupement. Depuis 2021 : les années 2021 à la dernière année du fichier (2030 au plus) ; rythme annuel = ce total ÷ son nombre d'années ; projection à fin 2030 = depuis 2021 + rythme annuel × les années restantes. Part utilisée = consommation ÷ enveloppe × 100 ; « respecte » quand elle ne dépasse pas l'enveloppe. Convention « comme la table nationale » : l'enveloppe de chaque territoire est portée à 1 ha quand elle est en dessous et la projection vaut le rythme annuel × 9, comme le fichier national les calcule. Unité : hectares (ou m²). Quelle mesure pour quelle décennie : pour 2021–2031, la loi (loi n° 2021-1104 du 22 août 2021, articles 191 et 194) mesure la consommation d'espaces NAF, d'après les fichiers fonciers, comme ici ; à partir de 2031, elle mesure l'artificialisation nette des sols (article L. 101-2-1 du code de l'urbanisme), avec l'OCS GE selon la nomenclature du décret n° 2023-1096 du 27 novembre 2023 (le RAPPORT le dit, clé mesure_legale). À côté de l'OCS GE (tables du diagnostic données) : pour chaque territoire, la paire de millésimes la plus récente de artif_&lt;niveau&gt; dont les années rencontrent celles du fichier ; artif_nette_annuelle_ocsge = flux_artif_net ÷ (millésime de fin − millésime de début) ; conso_annuelle_periode_ocsge = la consommation des années civiles du millésime de début au millésime de fin − 1 ÷ leur nombre. Les deux ne mesurent pas la même chose (l'usage du sol au cadastre, la couverture et l'usage vus sur les images aériennes) : leur écart est une information, pas une erreur.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="228"/>
        <source>the plugin&apos;s membership table</source>
        <translation>la table d'appartenance de l'extension</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="229"/>
        <source>INSEE's table d'appartenance géographique des communes</source>
        <translation>la table d'appartenance géographique des communes de l'Insee</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="230"/>
        <source>ADMIN EXPRESS communes</source>
        <translation>les communes d'ADMIN EXPRESS</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="231"/>
        <source>membership fields of the commune layer</source>
        <translation>les champs d'appartenance de la couche des communes</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="237"/>
        <source>Membership: {source} read as {shape} ({count} communes); columns used: {columns}.</source>
        <translation>Appartenance : {source} lu comme {shape} ({count} communes) ; colonnes utilisées : {columns}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="256"/>
        <source>The membership table has columns {found}. Expected the plugin&apos;s (commune_code, nom, epci_code, epci_nom, departement_code, region_code), INSEE&apos;s table d&apos;appartenance (CODGEO, LIBGEO, DEP, REG, EPCI, NATURE_EPCI) or ADMIN EXPRESS&apos;s (INSEE_COM, NOM, SIREN_EPCI, INSEE_DEP, INSEE_REG).</source>
        <translation>La table d'appartenance a les colonnes {found}. Attendu : celles de l'extension (commune_code, nom, epci_code, epci_nom, departement_code, region_code), celles de la table d'appartenance de l'Insee (CODGEO, LIBGEO, DEP, REG, EPCI, NATURE_EPCI) ou celles d'ADMIN EXPRESS (INSEE_COM, NOM, SIREN_EPCI, INSEE_DEP, INSEE_REG).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="335"/>
        <source>The membership table {path} does not exist. Expected a CSV like appartenance-communes-90.csv or INSEE&apos;s table d&apos;appartenance (XLSX).</source>
        <translation>La table d'appartenance {path} n'existe pas. Attendu : un CSV comme appartenance-communes-90.csv ou la table d'appartenance de l'Insee (XLSX).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="388"/>
        <source>no .xlsx, .ods or .csv file inside</source>
        <translation>aucun fichier .xlsx, .ods ou .csv à l'intérieur</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="401"/>
        <source>the old Excel format .xls is not read; save it as .xlsx or .csv</source>
        <translation>l'ancien format Excel .xls n'est pas lu ; enregistrez-le en .xlsx ou en .csv</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="432"/>
        <source>not a spreadsheet GDAL can open</source>
        <translation>pas un classeur que GDAL sait ouvrir</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="513"/>
        <source>Commune layer: fields used {fields}.</source>
        <translation>Couche des communes : champs utilisés {fields}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="610"/>
        <source>The commune codes do not meet the membership table: {matched} of the {count} codes of the field « {field} » of the commune layer are in the column « {column} » of {source}. Examples from the layer: {layer_examples}; from the table: {table_examples}. Choose the field holding the INSEE code of the commune (5 characters: 90010, 2A004, 97411). Nothing was written.</source>
        <translation>Les codes de commune ne correspondent pas à la table d'appartenance : {matched} des {count} codes du champ « {field} » de la couche des communes figurent dans la colonne « {column} » de {source}. Exemples de la couche : {layer_examples} ; de la table : {table_examples}. Choisissez le champ qui contient le code INSEE de la commune (5 caractères : 90010, 2A004, 97411). Rien n'a été écrit.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="630"/>
        <source>{count} of the {total} codes of the field « {field} » are not INSEE commune codes, for example {examples}. Expected 5 characters: 2 digits (or 2A, 2B) then 3 digits, 97 and 3 digits overseas (90010, 2A004, 97411). Nothing was written.</source>
        <translation>{count} des {total} codes du champ « {field} » ne sont pas des codes INSEE de commune, par exemple {examples}. Attendu : 5 caractères, 2 chiffres (ou 2A, 2B) puis 3 chiffres, 97 et 3 chiffres outre-mer (90010, 2A004, 97411). Rien n'a été écrit.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="640"/>
        <source>{count} code of the field « {field} » is not an INSEE commune code (it counts in no département): {codes}.</source>
        <translation>{count} code du champ « {field} » n'est pas un code INSEE de commune (il ne compte dans aucun département) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/communes.py" line="640"/>
        <source>{count} codes of the field « {field} » are not INSEE commune codes (they count in no département): {codes}.</source>
        <translation>{count} codes du champ « {field} » ne sont pas des codes INSEE de commune (ils ne comptent dans aucun département) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/storage/reading.py" line="359"/>
        <source>{path} (layer {layer}, read as {kind}): {error}</source>
        <translation>{path} (couche {layer}, lue comme {kind}) : {error}</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="348"/>
        <source>Sums the commune rows of ocsge:aggregate into EPCI, SCoT, département and région rows, by the membership codes of the commune layer (fields kept by ocsge:aggregate: SIREN_EPCI, INSEE_DEP, INSEE_REG of ADMIN EXPRESS, or epci_code, scot_code, departement_code, region_code) or by a membership table: INSEE's table d'appartenance géographique des communes (XLSX as INSEE publishes it, title rows included, or CSV: CODGEO, LIBGEO, DEP, REG, EPCI, NATURE_EPCI) or the plugin's CSV (appartenance-communes-90.csv: commune_code, nom, epci_code, epci_nom, departement_code, region_code, population; optional scot_code, scot_nom, epci_nature); the columns used are said in the log. The commune codes are checked first: when fewer than half of them are in the table, or fewer than half look like INSEE codes (5 characters: 90010, 2A004, 97411), the run stops with a message naming both fields and three examples, and writes nothing. Surfaces and flows are sums of the communes; percentages are Σ surface ÷ Σ commune area × 100 (domain rule §4), in the unit of the input (hectares or m²). Communes without membership are reported (their département is then read from the INSEE code; they count in no EPCI nor SCoT); communes listed in the table but absent from the layer are reported too. EPT codes of the Grand Paris (nature 'EPT' in an epci_nature column, else the list of the 11 EPT SIREN codes) are not EPCI: their communes count in the Métropole du Grand Paris (200054781). Without SCoT codes the SCoT level is skipped, with a message. Outlines are the union of the communes' outlines.</source>
        <translation>Additionne les lignes communales de ocsge:aggregate en lignes d'EPCI, de SCoT, de département et de région, selon les codes d'appartenance de la couche des communes (champs conservés par ocsge:aggregate : SIREN_EPCI, INSEE_DEP, INSEE_REG d'ADMIN EXPRESS, ou epci_code, scot_code, departement_code, region_code) ou selon une table d'appartenance : la table d'appartenance géographique des communes de l'Insee (XLSX tel que l'Insee le publie, lignes de titre comprises, ou CSV : CODGEO, LIBGEO, DEP, REG, EPCI, NATURE_EPCI) ou le CSV de l'extension (appartenance-communes-90.csv : commune_code, nom, epci_code, epci_nom, departement_code, region_code, population ; facultatifs : scot_code, scot_nom, epci_nature) ; les colonnes utilisées sont indiquées dans le journal. Les codes de commune sont vérifiés d'abord : si moins de la moitié d'entre eux figurent dans la table, ou si moins de la moitié ressemblent à des codes INSEE (5 caractères : 90010, 2A004, 97411), le traitement s'arrête avec un message qui nomme les deux champs et donne trois exemples, et n'écrit rien. Les surfaces et les flux sont les sommes des communes ; les pourcentages valent Σ surface ÷ Σ surface des communes × 100 (règle métier §4), dans l'unité de l'entrée (hectares ou m²). Les communes sans appartenance sont signalées (leur département est alors lu dans le code INSEE ; elles ne comptent dans aucun EPCI ni SCoT) ; les communes présentes dans la table mais absentes de la couche sont également signalées. Les codes d'EPT du Grand Paris (nature 'EPT' dans une colonne epci_nature, sinon la liste des 11 codes SIREN des EPT) ne sont pas des EPCI : leurs communes comptent dans la Métropole du Grand Paris (200054781). Sans codes de SCoT, le niveau SCoT est ignoré, avec un message. Les contours sont l'union des contours des communes.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="319"/>
        <source>Membership tables (*.csv *.xlsx *.ods *.zip *.txt);;All files (*.*)</source>
        <translation>Tables d'appartenance (*.csv *.xlsx *.ods *.zip *.txt);;Tous les fichiers (*.*)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="320"/>
        <source>Membership table (CSV or XLSX)</source>
        <translation>Table d'appartenance (CSV ou XLSX)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="320"/>
        <source>INSEE's table d'appartenance géographique des communes (XLSX as published, or CSV: CODGEO, DEP, REG, EPCI…), or the plugin's CSV (commune_code, epci_code, epci_nom, departement_code, region_code; scot_code, scot_nom optional). Without it, the commune layer's fields are used (ADMIN EXPRESS: SIREN_EPCI, INSEE_DEP, INSEE_REG; or epci_code…).</source>
        <translation>La table d'appartenance géographique des communes de l'Insee (XLSX tel que publié, ou CSV : CODGEO, DEP, REG, EPCI…), ou le CSV de l'extension (commune_code, epci_code, epci_nom, departement_code, region_code ; scot_code, scot_nom facultatifs). Sans elle, les champs de la couche des communes sont utilisés (ADMIN EXPRESS : SIREN_EPCI, INSEE_DEP, INSEE_REG ; ou epci_code…).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/dock.py" line="576"/>
        <source>Remove:
- the extracted archives and normalised layers ({extracted}), in {work};
- the downloaded archives and files ({downloaded}), in {folder}.

Layers loaded with the plugin read copies kept beside the archives and stay valid; a delivery downloaded again is downloaded anew. Empty the cache?</source>
        <translation>Seront supprimés :
- les archives extraites et les couches normalisées ({extracted}), dans {work} ;
- les archives et fichiers téléchargés ({downloaded}), dans {folder}.

Les couches chargées par l'extension lisent les copies gardées à côté des archives et restent valides ; une livraison demandée de nouveau sera retéléchargée. Vider le cache ?</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="208"/>
        <source>Reading {path}</source>
        <translation>Lecture de {path}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="224"/>
        <source>{layer} ({path}) has no polygon: left out.</source>
        <translation>{layer} ({path}) ne contient aucun polygone : écartée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="251"/>
        <source>{count} commune is outside the data and left out.</source>
        <translation>{count} commune est hors des données et écartée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="251"/>
        <source>{count} communes are outside the data and left out.</source>
        <translation>{count} communes sont hors des données et écartées.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="133"/>
        <source>Département</source>
        <translation>Département</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="296"/>
        <source>Artificialised ({unit})</source>
        <translation>Artificialisé ({unit})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="297"/>
        <source>Share (%)</source>
        <translation>Part (%)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="301"/>
        <source>Totals of the communes:</source>
        <translation>Totaux des communes :</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/portrait.py" line="102"/>
        <source>No territory of the level {level} has the code(s) {codes} in the data. Expected codes of the membership table or of the commune layer.</source>
        <translation>Aucun territoire du niveau {level} n'a le ou les codes {codes} dans les données. Attendu : des codes de la table d'appartenance ou de la couche des communes.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/portrait.py" line="110"/>
        <source>No territory of the level {level} in the data (for EPCI and SCoT: no epci_code / scot_code in the membership table nor the commune layer).</source>
        <translation>Aucun territoire du niveau {level} dans les données (pour les EPCI et SCoT : pas de epci_code / scot_code dans la table d'appartenance ni dans la couche des communes).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/portrait.py" line="158"/>
        <source>{count} territory: charts and texts…</source>
        <translation>{count} territoire : graphiques et textes…</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/portrait.py" line="158"/>
        <source>{count} territories: charts and texts…</source>
        <translation>{count} territoires : graphiques et textes…</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/portrait.py" line="247"/>
        <source>Section {index}/{count}: {name}</source>
        <translation>Section {index}/{count} : {name}</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="604"/>
        <source>OCS GE deliveries (folder, .7z archives, .gpkg or .shp files)</source>
        <translation>Livraisons OCS GE (dossier, archives .7z, fichiers .gpkg ou .shp)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="604"/>
        <source>A folder holding the deliveries of one or more départements and millésimes, IGN archives (.7z) or .gpkg / .shp files; several paths separated by ';'. Optional when layers are given below.</source>
        <translation>Un dossier contenant les livraisons d'un ou plusieurs départements et millésimes, des archives de l'IGN (.7z) ou des fichiers .gpkg / .shp ; plusieurs chemins séparés par « ; ». Boutons « Dossier… » et « Fichiers… », ou glisser-déposer. Facultatif quand des couches sont données ci-dessous.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="616"/>
        <source>OCS GE layers (PostGIS tables, layers of the project)</source>
        <translation>Couches OCS GE (tables PostGIS, couches du projet)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="616"/>
        <source>Layers already loaded, instead of or beside the deliveries: PostGIS tables (a WHERE millesime = … filter included), layers of ocsge:load or any OCS GE layer; told apart by their fields and contents, whatever their names.</source>
        <translation>Couches déjà chargées, à la place des livraisons ou en plus : tables PostGIS (filtre WHERE millesime = … compris), couches d'ocsge:load ou toute couche OCS GE ; reconnues à leurs champs et à leur contenu, quels que soient leurs noms.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="630"/>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="636"/>
        <source>Commune outlines (any CRS) with the INSEE code: ADMIN EXPRESS&apos;s COMMUNE layer (its SIREN_EPCI, INSEE_DEP, INSEE_REG fields give the membership) or any layer with the code, ideally with epci_code, departement_code, region_code, scot_code.</source>
        <translation>Contours des communes (tout SCR) avec le code INSEE : la couche COMMUNE d'ADMIN EXPRESS (ses champs SIREN_EPCI, INSEE_DEP, INSEE_REG donnent l'appartenance) ou toute couche portant le code, idéalement avec epci_code, departement_code, region_code, scot_code.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="645"/>
        <source>Commune code field</source>
        <translation>Champ du code de commune</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="645"/>
        <source>The INSEE code of the commune (5 characters: 90010, 2A004, 97411). Empty: recognised (INSEE_COM of ADMIN EXPRESS, CODGEO, commune_code, code).</source>
        <translation>Le code INSEE de la commune (5 caractères : 90010, 2A004, 97411). Vide : reconnu (INSEE_COM d'ADMIN EXPRESS, CODGEO, commune_code, code).</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="655"/>
        <source>Commune name field</source>
        <translation>Champ du nom de commune</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="655"/>
        <source>The commune&apos;s name. Empty: recognised (NOM of ADMIN EXPRESS, LIBGEO, nom).</source>
        <translation>Le nom de la commune. Vide : reconnu (NOM d'ADMIN EXPRESS, LIBGEO, nom).</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="662"/>
        <source>How artificialisation is decided; imperméabilisation always comes from the couverture.</source>
        <translation>Manière de déterminer l'artificialisation ; l'imperméabilisation découle toujours de la couverture.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/portrait.py" line="199"/>
        <source>No consumption figures for {names}: the consumption file has none of their communes (their consumption pages are left out).</source>
        <translation>Aucun chiffre de consommation pour {names} : le fichier de consommation n'a aucune de leurs communes (leurs pages de consommation sont omises).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/portrait.py" line="233"/>
        <source>Consumption file: years {first}–{last}.</source>
        <translation>Fichier de consommation : années {first}–{last}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="123"/>
        <source>The layer {name} has no polygon: every surface below is 0. Check the layer (or its filter).</source>
        <translation>La couche {name} ne contient aucun polygone : toutes les surfaces ci-dessous valent 0. Vérifiez la couche (ou son filtre).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="154"/>
        <source>The input field {old} is kept as {new}.</source>
        <translation>Le champ d'entrée {old} est conservé sous le nom {new}.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="228"/>
        <source>Count apart what is undetermined (a parent code stands for the codes under it)</source>
        <translation>Compter à part ce qui est indéterminé (un code parent vaut les codes sous lui)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="231"/>
        <source>As the national files (exact codes only, the rest neither artificialised nor impermeable)</source>
        <translation>Comme les fichiers nationaux (codes exacts seulement, le reste ni artificialisé ni imperméabilisé)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="236"/>
        <source>Imprecise codes (parents, INDETERMINE, empty)</source>
        <translation>Codes imprécis (parents, INDETERMINE, vides)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="450"/>
        <source>PostgreSQL database</source>
        <translation>Base PostgreSQL</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="437"/>
        <source>Where the files are written; files of the same names in it are replaced, nothing else is touched. When the project is saved, the dialog proposes a folder in ocsge beside it (a new one rather than a folder of yours).</source>
        <translation>Où les fichiers sont écrits ; les fichiers de mêmes noms y sont remplacés, rien d'autre n'est touché. Quand le projet est enregistré, la boîte de dialogue propose un dossier dans ocsge à côté de lui (un nouveau plutôt qu'un dossier à vous).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/territories.py" line="73"/>
        <source>Empty: every territory of the level</source>
        <translation>Vide : tous les territoires du niveau</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/territories.py" line="74"/>
        <source>Codes separated by &apos;,&apos;; tick the territories in the list below.</source>
        <translation>Codes séparés par « , » ; cochez les territoires dans la liste ci-dessous.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/territories.py" line="76"/>
        <source>Search a territory (name or code)</source>
        <translation>Chercher un territoire (nom ou code)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/territories.py" line="110"/>
        <source>{count} territories of this level; none ticked: all of them.</source>
        <translation>{count} territoires de ce niveau ; aucun coché : tous.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/territories.py" line="110"/>
        <source>Choose the communes (and the membership table) above to list the territories.</source>
        <translation>Choisissez les communes (et la table d'appartenance) ci-dessus pour lister les territoires.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/territories.py" line="110"/>
        <source>{count} territory of this level; none ticked: all of them.</source>
        <translation>{count} territoire de ce niveau ; aucun coché : tous.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="362"/>
        <source>Simplify outlines (shared boundaries kept)</source>
        <translation>Simplifier les contours (limites partagées conservées)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="365"/>
        <source>Also one row per territory (columns by millésime, &quot;by index&quot;)</source>
        <translation>Aussi une ligne par territoire (colonnes par millésime, « par index »)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption.py" line="450"/>
        <source>{level}: {count} territory has partial totals (communes absent from the file or empty values; columns partiel, codes_manquants, valeurs_vides): {codes}.</source>
        <translation>{level} : {count} territoire a des totaux partiels (communes absentes du fichier ou valeurs vides ; colonnes partiel, codes_manquants, valeurs_vides) : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/consumption_read.py" line="489"/>
        <source>Table de passage ({source}): {count} commune code of the file converted.</source>
        <translation>Table de passage ({source}) : {count} code de commune du fichier converti.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/aggregate.py" line="422"/>
        <source>Index {debut}→{fin}: surface_artif {artif}, surface_imper {imper}, flux_artif_net {fa}, flux_imper_net {fi} ({unit})</source>
        <translation>Index {debut}→{fin} : surface_artif {artif}, surface_imper {imper}, flux_artif_net {fa}, flux_imper_net {fi} ({unit})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="78"/>
        <source>Compared: {n} polygons ({ha} ha). Agree: {na} polygons ({haa} ha, {pct} % of the compared surface). Disagree: {nd} polygons ({had} ha): {nm} from the matrix ({ham} ha), {ns} from the thresholds ({has} ha). Not compared (indéterminé): {nn} polygons ({han} ha).</source>
        <translation>Comparés : {n} polygones ({ha} ha). Concordants : {na} polygones ({haa} ha, {pct} % de la surface comparée). Divergents : {nd} polygones ({had} ha), dont {nm} dus à la matrice ({ham} ha) et {ns} dus aux seuils ({has} ha). Non comparés (indéterminés) : {nn} polygones ({han} ha).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="222"/>
        <source>Usage indéterminé (INDETERMINE): {count} polygon(s), {area} ha, read as any usage (convention {convention}).</source>
        <translation>Usage indéterminé (INDETERMINE) : {count} polygone(s), {area} ha, lu comme n'importe quel usage (convention {convention}).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="233"/>
        <source>{code} ({count} polygon(s), {area} ha)</source>
        <translation>{code} ({count} polygone(s), {area} ha)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="298"/>
        <source>Seuils: {patches} patches; {up} patch(es) switched to artificialisé ({up_ha} ha), {down} to non artificialisé ({down_ha} ha); {unmatched} polygon side(s) without an exact twin, {fallback} of them found shared geometrically.</source>
        <translation>Seuils : {patches} îlots ; {up} îlot(s) basculé(s) en artificialisé ({up_ha} ha), {down} en non artificialisé ({down_ha} ha) ; {unmatched} côté(s) de polygone sans jumeau exact, dont {fallback} reconnu(s) comme partagé(s) géométriquement.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="312"/>
        <source>{count} commune ({departements})</source>
        <translation>{count} commune ({departements})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="312"/>
        <source>{count} communes ({departements})</source>
        <translation>{count} communes ({departements})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="321"/>
        <source>, {count} outside the data</source>
        <translation>, {count} hors des données</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="325"/>
        <source>Territories</source>
        <translation>Territoires</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="327"/>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/diagnostic.py" line="330"/>
        <source>Summary:</source>
        <translation>Synthèse :</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/logs.py" line="47"/>
        <source>{layer} ({millesime}): {count} polygon(s) or piece(s), {area} ha of undetermined status (null or parent codes, usage indéterminé (INDETERMINE)…: the leaves under their codes disagree), counted apart, never as non-artificialised.</source>
        <translation>{layer} ({millesime}) : {count} polygone(s) ou fragment(s), {area} ha au statut indéterminé (codes nuls ou parents, usage indéterminé (INDETERMINE)… : les feuilles sous leurs codes ne donnent pas la même réponse), comptés à part, jamais comme non artificialisés.</translation>
    </message>
    <message>
        <location filename="../processing_provider/results.py" line="214"/>
        <source>{count} file written in {folder}</source>
        <translation>{count} fichier écrit dans {folder}</translation>
    </message>
    <message>
        <location filename="../processing_provider/results.py" line="214"/>
        <source>{count} files written in {folder}</source>
        <translation>{count} fichiers écrits dans {folder}</translation>
    </message>
    <message>
        <location filename="../processing_provider/results.py" line="220"/>
        <source>, {count} database table</source>
        <translation>, {count} table dans la base</translation>
    </message>
    <message>
        <location filename="../processing_provider/results.py" line="220"/>
        <source>, {count} database tables</source>
        <translation>, {count} tables dans la base</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Identifier</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Unique identifier of the base in the inventory.</source>
        <translation>Identifiant unique de la base dans l'inventaire.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Région code</source>
        <translation>Code région</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>INSEE code of the région (current or before 2016).</source>
        <translation>Code INSEE de la région (actuel ou d'avant 2016).</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="134"/>
        <source>Région</source>
        <translation>Région</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Name of the région, before or after the 2016 merger.</source>
        <translation>Nom de la région, avant ou après la fusion de 2016.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Land-cover characteristics</source>
        <translation>Caractéristiques de l'OCS</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Free text: “en cours d'élaboration”, “OCS GE”, “OCS GE améliorée”, “OCS dérivée de Corine Land Cover”…</source>
        <translation>Texte libre : « en cours d'élaboration », « OCS GE », « OCS GE améliorée », « OCS dérivée de Corine Land Cover »…</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Years of the millésimes, separated by commas.</source>
        <translation>Années des millésimes, séparées par des virgules.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="144"/>
        <source>Dimensions</source>
        <translation>Dimensions</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>1 (one nomenclature) or 2 (cover and use).</source>
        <translation>1 (une nomenclature) ou 2 (couverture et usage).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Number of classes</source>
        <translation>Nombre de postes</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Number of classes of the nomenclature.</source>
        <translation>Nombre de postes de la nomenclature.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Classes in detail</source>
        <translation>Détail des postes</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>The nomenclature&apos;s classes in detail.</source>
        <translation>Détail des postes de la nomenclature.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Number of levels</source>
        <translation>Nombre de niveaux</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Number of nested levels.</source>
        <translation>Nombre de niveaux emboîtés.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Levels in detail</source>
        <translation>Détail des niveaux</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>The nested levels in detail.</source>
        <translation>Détail des niveaux emboîtés.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="92"/>
        <source>MMU</source>
        <translation>UMC</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Minimum mapping unit, free text citing an area.</source>
        <translation>Unité minimale de collecte, texte libre citant une surface.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Images used</source>
        <translation>Images utilisées</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Aerial photographs or satellite images used.</source>
        <translation>Prises de vues ou images satellites utilisées.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Contractor(s)</source>
        <translation>Prestataire(s)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Contractor(s) of the production.</source>
        <translation>Prestataire(s) de la production.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Link to the data</source>
        <translation>Lien vers les données</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Download address of the data.</source>
        <translation>Adresse de téléchargement des données.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Link to the viewer</source>
        <translation>Lien vers le visualiseur</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Address of a viewer.</source>
        <translation>Adresse d'un visualiseur.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Update date</source>
        <translation>Date de mise à jour</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Date the information was updated (YYYY-MM-DD).</source>
        <translation>Date de mise à jour de l'information (AAAA-MM-JJ).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Interpretation scale</source>
        <translation>Échelle d'interprétation</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Scale of photo-interpretation or capture.</source>
        <translation>Échelle de photo-interprétation ou de saisie.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Output scale</source>
        <translation>Échelle de restitution</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Recommended scale of use.</source>
        <translation>Échelle d'exploitation recommandée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>AMO</source>
        <translation>AMO</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Assistance to the contracting authority (AMO): “oui” or “non”.</source>
        <translation>Assistance à maîtrise d'ouvrage : « oui » ou « non ».</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>AMO content</source>
        <translation>Contenu de l'AMO</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>What the AMO covered.</source>
        <translation>Ce que l'AMO a couvert.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>AMO price</source>
        <translation>Prix de l'AMO</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Price of the AMO.</source>
        <translation>Prix de l'AMO.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>AMO duration</source>
        <translation>Durée de l'AMO</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Duration of the AMO.</source>
        <translation>Durée de l'AMO.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>AMO contractor</source>
        <translation>Prestataire de l'AMO</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Contractor of the AMO.</source>
        <translation>Prestataire de l'AMO.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Quality control</source>
        <translation>Contrôle qualité</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Quality control and who did it.</source>
        <translation>Contrôle qualité et son auteur.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Production price</source>
        <translation>Prix de la production</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Cost of the production.</source>
        <translation>Coût de la production.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Production duration</source>
        <translation>Durée de la production</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Duration of the production.</source>
        <translation>Durée de la production.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Public page(s) the information comes from, separated by spaces.</source>
        <translation>Page(s) publique(s) d'où viennent les informations, séparées par des espaces.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Verification date</source>
        <translation>Date de vérification</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_fields.py" line="48"/>
        <source>Date the source was read (YYYY-MM-DD).</source>
        <translation>Date à laquelle la source a été lue (AAAA-MM-JJ).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="217"/>
        <source>Line {line}: {found} columns instead of {expected}.</source>
        <translation>Ligne {line} : {found} colonnes au lieu de {expected}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="235"/>
        <source>Line 1, field “{name}”: column missing from the header.</source>
        <translation>Ligne 1, champ « {name} » : colonne absente de l'en-tête.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="238"/>
        <source>Line 1, column {n}: header “{found}” instead of “{name}”.</source>
        <translation>Ligne 1, colonne {n} : en-tête « {found} » au lieu de « {name} ».</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="241"/>
        <source>Line 1, column {n}: header “{found}” unknown to the schema.</source>
        <translation>Ligne 1, colonne {n} : en-tête « {found} » inconnu du schéma.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="301"/>
        <source>“{item}” is not a year.</source>
        <translation>« {item} » n'est pas une année.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="306"/>
        <source>“{item}”: {year} is not a year between {low} and {high}.</source>
        <translation>« {item} » : {year} n'est pas une année entre {low} et {high}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="309"/>
        <source>“{item}”: a millésime spans {span} years at most; two millésimes are written “{first}, {last}”.</source>
        <translation>« {item} » : un millésime s'étale sur {span} ans au plus ; deux millésimes s'écrivent « {first}, {last} ».</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="324"/>
        <source>“{url}” is not a well-formed http(s) address.</source>
        <translation>« {url} » n'est pas une adresse http(s) bien formée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="335"/>
        <source>“{value}” is not a YYYY-MM-DD date.</source>
        <translation>« {value} » n'est pas une date AAAA-MM-JJ.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="341"/>
        <source>“{value}” is not an INSEE région code.</source>
        <translation>« {value} » n'est pas un code INSEE de région.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="348"/>
        <source>“{value}”: 1 or 2 expected.</source>
        <translation>« {value} » : 1 ou 2 attendu.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="350"/>
        <source>“{value}”: a number (or “N à M”, “N + M”) expected.</source>
        <translation>« {value} » : un nombre (ou « N à M », « N + M ») attendu.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="352"/>
        <source>“{value}” cites no area (m², m2, ha, km²).</source>
        <translation>« {value} » ne cite aucune surface (m², m2, ha, km²).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="354"/>
        <source>“{value}”: “oui” or “non” expected.</source>
        <translation>« {value} » : « oui » ou « non » attendu.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="378"/>
        <source>required value missing.</source>
        <translation>valeur obligatoire absente.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="381"/>
        <source>spaces at the start or end of the value.</source>
        <translation>espaces en début ou en fin de valeur.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="389"/>
        <source>“{id}” already used on line {other}.</source>
        <translation>« {id} » déjà utilisé ligne {other}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="399"/>
        <source>Line {line}, field “{name}” ({label}): {text}</source>
        <translation>Ligne {line}, champ « {name} » ({label}) : {text}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="500"/>
        <source>{added} new record(s), {changed} changed, {same} unchanged, {absent} missing from the imported file (kept).</source>
        <translation>{added} fiche(s) nouvelle(s), {changed} modifiée(s), {same} inchangée(s), {absent} absente(s) du fichier importé (gardées).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="622"/>
        <source>{n} regional base(s) listed</source>
        <translation>{n} base(s) régionale(s) recensée(s)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/regional_bases.py" line="622"/>
        <source>No regional base listed</source>
        <translation>Aucune base régionale recensée</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="306"/>
        <source>Regional land-cover bases</source>
        <translation>Bases OCS régionales</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_preview.py" line="34"/>
        <source>Import into the inventory</source>
        <translation>Importer dans l'inventaire</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_preview.py" line="41"/>
        <source>Record or field</source>
        <translation>Fiche ou champ</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_preview.py" line="41"/>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_preview.py" line="41"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_preview.py" line="54"/>
        <source>New: {id}</source>
        <translation>Nouvelle : {id}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_preview.py" line="68"/>
        <source>Apply what is checked</source>
        <translation>Appliquer ce qui est coché</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_preview.py" line="75"/>
        <source>Changed: {id}</source>
        <translation>Modifiée : {id}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="142"/>
        <source>any</source>
        <translation>indifférent</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="72"/>
        <source>Import an inventory</source>
        <translation>Importer un inventaire</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="75"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="75"/>
        <source>Export the inventory</source>
        <translation>Exporter l'inventaire</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="92"/>
        <source>Base</source>
        <translation>Base</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="109"/>
        <source>Open the &amp;data</source>
        <translation>Ouvrir les &amp;données</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="111"/>
        <source>Open the &amp;viewer</source>
        <translation>Ouvrir le &amp;visualiseur</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="113"/>
        <source>Show on the &amp;map</source>
        <translation>Afficher sur la &amp;carte</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="114"/>
        <source>Adds the régions, styled by what the inventory lists, with its attributes</source>
        <translation>Ajoute les régions, colorées selon ce que recense l'inventaire, avec ses attributs</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="118"/>
        <source>Régions before 2016</source>
        <translation>Régions d'avant 2016</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="127"/>
        <source>All régions</source>
        <translation>Toutes les régions</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="132"/>
        <source>{code} — {name} (before 2016)</source>
        <translation>{code} — {name} (avant 2016)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="143"/>
        <source>Bases whose minimum mapping unit is at most this area</source>
        <translation>Bases dont l'unité minimale de collecte est au plus cette surface</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="144"/>
        <source>Millésimes from</source>
        <translation>Millésimes de</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="144"/>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="144"/>
        <source>MMU at most</source>
        <translation>UMC au plus</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="165"/>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="166"/>
        <source>The inventory as CSV (CNIG fields) and GeoJSON (régions)</source>
        <translation>L'inventaire en CSV (champs du CNIG) et en GeoJSON (régions)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="170"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="171"/>
        <source>A CRIGE&apos;s inventory (CSV, CNIG fields): checked, previewed, merged by identifier</source>
        <translation>L'inventaire d'un CRIGE (CSV, champs du CNIG) : contrôlé, prévisualisé, fusionné par identifiant</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="389"/>
        <source>Back to the shipped inventory</source>
        <translation>Revenir à l'inventaire fourni</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="194"/>
        <source>Inventory: your merged copy ({path})</source>
        <translation>Inventaire : votre copie fusionnée ({path})</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="194"/>
        <source>Inventory: shipped with the plugin</source>
        <translation>Inventaire : celui fourni avec l'extension</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="233"/>
        <source>{shown} of {total} base listed</source>
        <translation>{shown} base sur {total} recensée</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="233"/>
        <source>{shown} of {total} bases listed</source>
        <translation>{shown} bases sur {total} recensées</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="295"/>
        <source>Regional land-cover bases – régions before 2016</source>
        <translation>Bases OCS régionales – régions d'avant 2016</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="295"/>
        <source>Regional land-cover bases – régions</source>
        <translation>Bases OCS régionales – régions</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="302"/>
        <source>{path} could not be read.</source>
        <translation>{path} n'a pas pu être lu.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="310"/>
        <source>Added to the map: {name}.</source>
        <translation>Ajouté à la carte : {name}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="332"/>
        <source>Exported: {files}.</source>
        <translation>Exporté : {files}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="350"/>
        <source>Nothing new in {name}.</source>
        <translation>Rien de nouveau dans {name}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="354"/>
        <source>Import canceled: the inventory is unchanged.</source>
        <translation>Import annulé : l'inventaire est inchangé.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="362"/>
        <source>Inventory saved: {path}.</source>
        <translation>Inventaire enregistré : {path}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="376"/>
        <source>Import refused</source>
        <translation>Import refusé</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="377"/>
        <source>The file is refused ({count} problem); nothing was changed.</source>
        <translation>Le fichier est refusé ({count} problème) ; rien n'a été modifié.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="377"/>
        <source>The file is refused ({count} problems); nothing was changed.</source>
        <translation>Le fichier est refusé ({count} problèmes) ; rien n'a été modifié.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="389"/>
        <source>Remove your merged copy ({path})?</source>
        <translation>Supprimer votre copie fusionnée ({path}) ?</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/gui/regional_tab.py" line="395"/>
        <source>The inventory shipped with the plugin is used again.</source>
        <translation>L'inventaire fourni avec l'extension est de nouveau utilisé.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/regional_bases.py" line="56"/>
        <source>Regional base and OCS GE</source>
        <translation>Base régionale et OCS GE</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/regional_bases.py" line="57"/>
        <source>Regional base in progress, OCS GE</source>
        <translation>Base régionale en cours, OCS GE</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/regional_bases.py" line="58"/>
        <source>OCS GE only</source>
        <translation>OCS GE seulement</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/regional_bases.py" line="246"/>
        <source>nothing was to be accepted</source>
        <translation>rien ne devait être accepté</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/regional_bases.py" line="251"/>
        <source>new record, not taken: {why}</source>
        <translation>fiche nouvelle, non prise : {why}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/regional_bases.py" line="254"/>
        <source>only new records were to be accepted</source>
        <translation>seules les fiches nouvelles devaient être acceptées</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/regional_bases.py" line="259"/>
        <source>changes {fields}, not taken: {why}</source>
        <translation>modifie {fields}, non prise : {why}</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="722"/>
        <source>Regional land-cover bases: export and import</source>
        <translation>Bases OCS régionales : exporter et importer</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="722"/>
        <source>Exports the inventory of regional land-cover bases (CSV, GeoJSON) and merges a CRIGE&apos;s file into it.</source>
        <translation>Exporte l'inventaire des bases d'occupation du sol régionales (CSV, GeoJSON) et y fusionne le fichier d'un CRIGE.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="722"/>
        <source>The inventory lists, région by région, the land-cover bases besides IGN's OCS GE (MOS, OCS2D, OCSOL…), with the fields of the CNIG's land-cover working group: characteristics, millésimes, dimensions, classes, levels, minimum mapping unit, images, contractors, links to the data and to a viewer, dates, and the second set (scales, AMO, quality control, price and duration). The algorithm reads the inventory (by default the one the data panel uses: your merged copy when you imported one there, else the one shipped with the plugin) and writes it as CSV and as GeoJSON: the 18 current régions with the inventory's attributes and their availability (regional base and OCS GE, regional base in progress, OCS GE only).
With a file to import (a CRIGE's inventory with the same columns), the file is checked first: millésimes are years (1950 to 2100; a campaign over up to 3 years as 2011/2012), the UMC cites an area (m², ha, km²), addresses are well-formed http(s), région codes are INSEE codes (current or before 2016), dates are YYYY-MM-DD, identifiers are unique. A refused file stops the run with one message per problem naming the line and the field, and nothing is written. The records are then compared by identifier: new records, changed records (field by field, before and after), unchanged ones, and records of the inventory missing from the file (always kept). Only what the choice accepts is taken; the rest is listed as refused with its reason.</source>
        <translation>L'inventaire recense, région par région, les bases d'occupation du sol existant à côté de l'OCS GE de l'IGN (MOS, OCS2D, OCSOL…), avec les champs du groupe de travail OCS du CNIG : caractéristiques, millésimes, dimensions, postes, niveaux, unité minimale de collecte, images, prestataires, liens vers les données et vers un visualiseur, dates, et le second jeu (échelles, AMO, contrôle qualité, prix et durée). L'algorithme lit l'inventaire (par défaut celui du panneau de données : votre copie fusionnée si vous y avez importé un fichier, sinon celui livré avec l'extension) et l'écrit en CSV et en GeoJSON : les 18 régions actuelles avec les attributs de l'inventaire et leur disponibilité (base régionale et OCS GE, base régionale en cours, OCS GE seulement).
Avec un fichier à importer (l'inventaire d'un CRIGE, mêmes colonnes), le fichier est d'abord contrôlé : les millésimes sont des années (1950 à 2100 ; une campagne sur 3 ans au plus s'écrit 2011/2012), l'UMC cite une surface (m², ha, km²), les adresses sont des http(s) bien formées, les codes de région sont des codes INSEE (actuels ou d'avant 2016), les dates sont au format AAAA-MM-JJ, les identifiants sont uniques. Un fichier refusé arrête le traitement avec un message par problème nommant la ligne et le champ, et rien n'est écrit. Les fiches sont ensuite comparées par identifiant : fiches nouvelles, fiches modifiées (champ par champ, avant et après), fiches inchangées, et fiches de l'inventaire absentes du fichier (toujours gardées). Seul ce que le choix accepte est pris ; le reste est listé comme refusé, avec sa raison.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="722"/>
        <source>Nothing is overwritten unless accepted: « Nothing » writes the inventory unchanged and reports what the import would bring. The plugin's shipped file is never written; the data panel's « Import… » saves the merged copy in your QGIS profile.</source>
        <translation>Rien n'est écrasé sans être accepté : « Rien » écrit l'inventaire inchangé et rapporte ce que l'import apporterait. Le fichier livré avec l'extension n'est jamais écrit ; « Importer… » du panneau de données enregistre la copie fusionnée dans votre profil QGIS.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="722"/>
        <source>A CRIGE's file with one new base and one corrected UMC, « New records only »: the report lists the new base as added and the correction as refused.</source>
        <translation>Le fichier d'un CRIGE avec une base nouvelle et une UMC corrigée, « Fiches nouvelles seulement » : le rapport liste la base nouvelle comme ajoutée et la correction comme refusée.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="420"/>
        <source>Reduction rate (%)</source>
        <translation>Taux de réduction (%)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/classify_checks.py" line="88"/>
        <source>With a correspondence table, a polygon's artificialisation is the table's answer for its code: choose the method Automatic or Matrice (IGN's artificialisation layer and the décret's thresholds belong to OCS GE).</source>
        <translation>Avec une table de correspondance, l'artificialisation d'un polygone est la réponse de la table pour son code : choisissez la méthode Automatique ou Matrice (la couche d'artificialisation de l'IGN et les seuils du décret sont propres à l'OCS GE).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/flows_overlay.py" line="280"/>
        <source>The layer {name} has no field {field} (fields: {fields}).</source>
        <translation>La couche {name} n'a pas de champ {field} (champs : {fields}).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/correspondence.py" line="190"/>
        <source>The correspondence table {path} cannot be read: {error}</source>
        <translation>La table de correspondance {path} ne peut pas être lue : {error}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/correspondence.py" line="197"/>
        <source>The correspondence table {path} is empty.</source>
        <translation>La table de correspondance {path} est vide.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/correspondence.py" line="212"/>
        <source>The correspondence table {path} has {count} problem(s):
{problems}</source>
        <translation>La table de correspondance {path} a {count} problème(s) :
{problems}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/correspondence.py" line="218"/>
        <source>The correspondence table {path} maps no code.</source>
        <translation>La table de correspondance {path} ne donne aucun code.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/correspondence.py" line="234"/>
        <source>The correspondence table {path} has no column {missing} (found: {found}). Expected the columns code, artificialise, impermeable (libelle optional).</source>
        <translation>La table de correspondance {path} n'a pas de colonne {missing} (colonnes trouvées : {found}). Attendu : les colonnes code, artificialise, impermeable (libelle facultative).</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/correspondence.py" line="254"/>
        <source>line {line}: no code.</source>
        <translation>ligne {line} : pas de code.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/correspondence.py" line="260"/>
        <source>line {line}, column {column}: “{value}” (code {code}); expected oui, non or indetermine.</source>
        <translation>ligne {line}, colonne {column} : « {value} » (code {code}) ; attendu : oui, non ou indetermine.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/domain/correspondence.py" line="269"/>
        <source>line {line}: code {code} already given line {first}.</source>
        <translation>ligne {line} : code {code} déjà donné ligne {first}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/aggregate.py" line="239"/>
        <source>{layer}: codes the correspondence table {table} does not list, counted as indéterminé (never as non-artificialised); add them to the table: {codes}</source>
        <translation>{layer} : codes absents de la table de correspondance {table}, comptés comme indéterminés (jamais comme non artificialisés) ; ajoutez-les à la table : {codes}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/aggregate.py" line="242"/>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/classify.py" line="218"/>
        <source>The layer</source>
        <translation>La couche</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="242"/>
        <source>Correspondence table of a regional base (CSV)</source>
        <translation>Table de correspondance d'une base régionale (CSV)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="242"/>
        <source>CSV files (*.csv *.txt);;All files (*.*)</source>
        <translation>Fichiers CSV (*.csv *.txt);;Tous les fichiers (*.*)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="248"/>
        <source>For a land-cover base other than OCS GE (a regional base, Corine Land Cover): a CSV file (';' or ',', UTF-8 or Latin-1) with the columns code, artificialise, impermeable (values oui, non, indetermine) and libelle (optional); lines '# nom: …' and '# source: …' before the header name the table and the document it follows. Each polygon's code is read through the table instead of the couverture × usage matrix (no thresholds): a code the table says indetermine, or does not list, is counted apart as indéterminé, never as non-artificialised, and the unlisted codes are reported with their surface. The table's name is written where the convention is (report, metadata, convention column). Shipped: resources/correspondances/clc_niveau1.csv (Corine Land Cover).</source>
        <translation>Pour une base d'occupation du sol autre que l'OCS GE (base régionale, Corine Land Cover) : un fichier CSV (« ; » ou « , », UTF-8 ou Latin-1) aux colonnes code, artificialise, impermeable (valeurs oui, non, indetermine) et libelle (facultative) ; des lignes « # nom: … » et « # source: … » avant l'en-tête nomment la table et le document qu'elle suit. Le code de chaque polygone est lu dans la table au lieu de la matrice couverture × usage (sans les seuils) : un code que la table dit indetermine, ou qu'elle ne liste pas, est compté à part comme indéterminé, jamais comme non artificialisé, et les codes absents de la table sont signalés avec leur surface. Le nom de la table est écrit là où l'est la convention (rapport, métadonnées, colonne convention). Fournie : resources/correspondances/clc_niveau1.csv (Corine Land Cover).</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="262"/>
        <source>Code field of the regional base</source>
        <translation>Champ du code de la base régionale</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="265"/>
        <source>The layers' field holding the codes the correspondence table lists (e.g. code_n2, CODE_18); required with the table, case ignored. A layer with this field is read as the base's layer of its millésime (a millesime field, or a year alone in its name: mos_2021); in the diagnostic, files and folders given as deliveries whose layers have it are read so.</source>
        <translation>Le champ des couches qui porte les codes que liste la table de correspondance (par exemple code_n2, CODE_18) ; obligatoire avec la table, sans tenir compte de la casse. Une couche qui a ce champ est lue comme la couche de la base pour son millésime (champ millesime, ou une année seule dans son nom : mos_2021) ; dans le diagnostic, les fichiers et dossiers donnés comme livraisons dont les couches ont ce champ sont lus ainsi.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/publishing/export.py" line="222"/>
        <source>Land cover read through the correspondence table {name}, not OCS GE.</source>
        <translation>Occupation du sol lue à travers la table de correspondance {name}, pas l'OCS GE.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/computing/flows.py" line="216"/>
        <source>A correspondence table reads a regional base's own layers: give its two millésimes (OCCUPATION_DEBUT and OCCUPATION_FIN), not a difference layer.</source>
        <translation>Une table de correspondance lit les couches propres d'une base régionale : donnez ses deux millésimes (OCCUPATION_DEBUT et OCCUPATION_FIN), pas une couche de différence.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="20"/>
        <source>Restrict loading to some layer kinds; by default every kind found is loaded.</source>
        <translation>Limite le chargement à certains types de couches ; par défaut, tous les types trouvés sont chargés.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="23"/>
        <source>Palette of the loaded layers in the map: couverture or usage codes, official OCS GE colours.</source>
        <translation>Palette des couches chargées sur la carte : codes de couverture ou d'usage, couleurs officielles de l'OCS GE.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="27"/>
        <source>Reads every code once and reports null codes and codes outside the OCS GE nomenclature.</source>
        <translation>Lit chaque code une fois et signale les codes nuls et les codes hors de la nomenclature OCS GE.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="31"/>
        <source>The loaded layers read files that stay, so that a saved project opens again after the cache is cleared: the data of an archive is kept in this folder, by default beside the archive in a folder named after it (in the plugin&apos;s data folder when that place is read-only); copied once, reused afterwards.</source>
        <translation>Les couches chargées lisent des fichiers qui restent, pour qu'un projet enregistré s'ouvre encore après qu'on a vidé le cache : les données d'une archive sont conservées dans ce dossier, par défaut à côté de l'archive dans un dossier qui porte son nom (dans le dossier de données de l'extension quand cet endroit est en lecture seule ou dans le cache) ; copiées une fois, réutilisées ensuite.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="37"/>
        <source>Adds the surface of each couverture code (hectares) to the report; reads every geometry once.</source>
        <translation>Ajoute au rapport la surface de chaque code de couverture (hectares) ; lit chaque géométrie une fois.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="43"/>
        <source>Polygons with couverture and usage codes (OCCUPATION_SOL or IGN&apos;s artificialisation layer, as ocsge:load outputs them), in a projected CRS.</source>
        <translation>Polygones avec des codes de couverture et d'usage (OCCUPATION_SOL ou couche d'artificialisation de l'IGN, telles que les produit ocsge:load), dans un SCR projeté.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="47"/>
        <source>0 automatic, 1 IGN, 2 matrice, 3 matrice + seuils. Automatic takes IGN&apos;s answer when the layer has an artif field, else computes matrice + seuils.</source>
        <translation>0 automatique, 1 IGN, 2 matrice, 3 matrice + seuils. Le mode automatique reprend la réponse de l'IGN si la couche a un champ artif, sinon il calcule matrice + seuils.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="51"/>
        <source>Field holding the usage code (US1.1 …). Default code_us, as ocsge:load names it; when absent, usage is tried. Not needed by the IGN method.</source>
        <translation>Champ contenant le code d'usage (US1.1 …). Par défaut code_us, nom donné par ocsge:load ; s'il est absent, usage est essayé. Inutile pour la méthode IGN.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="55"/>
        <source>The input polygons with imper, artif, artif_matrice, crit_seuil (booleans, NULL when indéterminé) and artif_source; styled artificialisé / non artificialisé.</source>
        <translation>Les polygones d'entrée avec imper, artif, artif_matrice, crit_seuil (booléens, NULL si indéterminé) et artif_source ; style artificialisé / non artificialisé.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="59"/>
        <source>A table without geometry, one row per indicator: indicateur, libelle, nombre (polygons), surface_ha, part_pct (% of the layer&apos;s surface).</source>
        <translation>Une table sans géométrie, une ligne par indicateur : indicateur, libelle, nombre (polygones), surface_ha, part_pct (% de la surface de la couche).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="65"/>
        <source>IGN&apos;s artificialisation layer as ocsge:load outputs it (code_cs, code_us, artif &apos;artif&apos; / &apos;non artif&apos;, crit_seuil), in its projected CRS.</source>
        <translation>Couche d'artificialisation de l'IGN telle que la produit ocsge:load (code_cs, code_us, artif 'artif' / 'non artif', crit_seuil), dans son SCR projeté.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="69"/>
        <source>The polygons where the recomputation and IGN disagree, with both answers and the reason (matrice or seuil).</source>
        <translation>Les polygones pour lesquels le recalcul et l'IGN divergent, avec les deux réponses et la raison (matrice ou seuil).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="75"/>
        <source>INSEE code of the département: 32, 2A, 974…</source>
        <translation>Code INSEE du département : 32, 2A, 974…</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="76"/>
        <source>Survey year (2019), or the two years of a difference (2016-2019); empty for the most recent.</source>
        <translation>Année du millésime (2019), ou les deux années d'une différence (2016-2019) ; vide pour le plus récent.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="80"/>
        <source>Occupation du sol (with zone construite), différence between two millésimes, or IGN's artificialisation state or difference.</source>
        <translation>Occupation du sol (avec zone construite), différence entre deux millésimes, ou état ou évolution de l'artificialisation de l'IGN.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="84"/>
        <source>GeoPackage (GPKG) or Shapefile (SHP), as IGN offers them.</source>
        <translation>GeoPackage (GPKG) ou Shapefile (SHP), tels que l'IGN les propose.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="85"/>
        <source>Where the .7z archive is written; by default the plugin&apos;s download cache, where it is reused.</source>
        <translation>Emplacement où l'archive .7z est écrite ; par défaut, le cache de téléchargement de l'extension, où elle est réutilisée.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="89"/>
        <source>Runs « Load an OCS GE delivery » on the archive: extracted once, normalised, styled and added to the project.</source>
        <translation>Exécute « Charger une livraison OCS GE » sur l'archive : extraite une seule fois, normalisée, stylée et ajoutée au projet.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="93"/>
        <source>Base address of IGN's download service (…/telechargement); change it only for a mirror.</source>
        <translation>Adresse de base du service de téléchargement de l'IGN (…/telechargement) ; ne la modifiez que pour un miroir.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="99"/>
        <source>IGN's DIFFERENCE layer (CS_&lt;year&gt;/US_&lt;year&gt; or cs_avant/cs_apres fields, or as ocsge:load outputs it) or IGN's artificialisation difference layer zan_evol_&lt;y1&gt;_&lt;y2&gt;_&lt;dep&gt;. Leave empty to overlay two millésimes.</source>
        <translation>Couche DIFFERENCE de l'IGN (champs CS_&lt;year&gt;/US_&lt;year&gt; ou cs_avant/cs_apres, ou telle que la produit ocsge:load) ou couche d'évolution de l'artificialisation de l'IGN zan_evol_&lt;y1&gt;_&lt;y2&gt;_&lt;dep&gt;. Laissez vide pour superposer deux millésimes.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="104"/>
        <source>The older occupation du sol (or IGN artificialisation) layer, overlaid with the fin layer when no difference layer is given.</source>
        <translation>La couche d'occupation du sol (ou d'artificialisation de l'IGN) la plus ancienne, superposée à la couche de fin si aucune couche de différence n'est fournie.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="108"/>
        <source>The newer occupation du sol (or IGN artificialisation) layer of the same area and département.</source>
        <translation>La couche d'occupation du sol (ou d'artificialisation de l'IGN) la plus récente, sur la même zone et le même département.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="112"/>
        <source>How a polygon is artificialisé at each date, as in ocsge:classify. The seuils need whole millésimes: with a difference layer, they need the two occupation layers too (which are then overlaid).</source>
        <translation>Manière de déterminer si un polygone est artificialisé à chaque date, comme dans ocsge:classify. Les seuils nécessitent des millésimes complets : avec une couche de différence, il faut aussi les deux couches d'occupation (qui sont alors superposées).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="117"/>
        <source>The pieces of land whose class or status changed, with their flows (styled by flow kind).</source>
        <translation>Les fragments de terrain dont la classe ou le statut a changé, avec leurs flux (style selon le type de flux).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="121"/>
        <source>Overlay only: land covered by the début or the fin layer but not both (empty for a difference layer).</source>
        <translation>Superposition seulement : terrain couvert par la couche de début ou par celle de fin, mais pas par les deux (vide pour une couche de différence).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="125"/>
        <source>One row: the six flows in hectares, the millésimes, the data used and what was kept out.</source>
        <translation>Une ligne : les six flux en hectares, les millésimes, les données utilisées et ce qui a été écarté.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="129"/>
        <source>Long table: couverture at début, couverture at fin, surface (ha) of the changed land.</source>
        <translation>Table longue : couverture au début, couverture à la fin, surface (ha) des terrains modifiés.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="132"/>
        <source>Long table: usage at début, usage at fin, surface (ha) of the changed land.</source>
        <translation>Table longue : usage au début, usage à la fin, surface (ha) des terrains modifiés.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="135"/>
        <source>Couverture and usage at début of the land artificialised over the period: surface (ha) and % of the new artificialisation.</source>
        <translation>Couverture et usage au début des terrains artificialisés au cours de la période : surface (ha) et % de la nouvelle artificialisation.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="139"/>
        <source>The year of the début survey; only needed when it cannot be read from the layer names or fields.</source>
        <translation>L'année du millésime de début ; nécessaire seulement si elle ne peut pas être lue dans les noms ou les champs des couches.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="143"/>
        <source>The year of the fin survey; only needed when it cannot be read from the layer names or fields.</source>
        <translation>L'année du millésime de fin ; nécessaire seulement si elle ne peut pas être lue dans les noms ou les champs des couches.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="149"/>
        <source>Occupation du sol, artificialisation, difference, artificialisation difference layers (as ocsge:load outputs them), or ocsge:classify / ocsge:flows outputs. Several millésimes and départements allowed; duplicates of a millésime (GeoPackage and Shapefile) are used once.</source>
        <translation>Couches d'occupation du sol, d'artificialisation, de différence et d'évolution de l'artificialisation (telles que les produit ocsge:load), ou sorties de ocsge:classify / ocsge:flows. Plusieurs millésimes et départements sont admis ; les doublons d'un millésime (GeoPackage et Shapefile) ne sont utilisés qu'une fois.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="155"/>
        <source>Territory polygons in any CRS: communes, EPCI, SCoT, IRIS, a grid, zones, a perimeter.</source>
        <translation>Polygones des territoires, dans n'importe quel SCR : communes, EPCI, SCoT, IRIS, une grille, des zones, un périmètre.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="158"/>
        <source>The field holding each territory&apos;s code (e.g. the INSEE code of communes).</source>
        <translation>Le champ contenant le code de chaque territoire (par exemple le code INSEE des communes).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="161"/>
        <source>The field holding each territory&apos;s name (optional).</source>
        <translation>Le champ contenant le nom de chaque territoire (facultatif).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="162"/>
        <source>Territory fields copied to the output, e.g. epci_code, departement_code, region_code, scot_code for the roll-up. None chosen, on communes (code field INSEE_COM, CODGEO, commune_code or code): their membership fields are kept (SIREN_EPCI, INSEE_DEP, INSEE_REG of ADMIN EXPRESS, or epci_code…).</source>
        <translation>Champs des territoires copiés dans la sortie, par exemple epci_code, departement_code, region_code, scot_code pour la consolidation. Si aucun n'est choisi, sur des communes (champ de code INSEE_COM, CODGEO, commune_code ou code) : leurs champs d'appartenance sont gardés (SIREN_EPCI, INSEE_DEP, INSEE_REG d'ADMIN EXPRESS, ou epci_code…).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="168"/>
        <source>How raw occupation du sol layers are classified; layers from ocsge:classify keep their own artif and imper fields.</source>
        <translation>Manière de classer les couches d'occupation du sol brutes ; les couches issues de ocsge:classify gardent leurs propres champs artif et imper.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="172"/>
        <source>For two millésimes of a département without a difference or flows layer, compute the flows from their overlay.</source>
        <translation>Pour deux millésimes d'un département sans couche de différence ni de flux, calcule les flux à partir de leur superposition.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="176"/>
        <source>Sums every polygon for the covered share; unchecked, polygons neither artificialised nor impermeable are skipped (faster), coverage is left empty and territories without any artificialised or impermeable land are reported as outside the data.</source>
        <translation>Additionne tous les polygones pour obtenir la part couverte ; si la case est décochée, les polygones ni artificialisés ni imperméabilisés sont ignorés (plus rapide), la part couverte reste vide et les territoires sans aucune surface artificialisée ou imperméabilisée sont signalés comme hors des données.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="182"/>
        <source>Hectares (default) or square metres; the unit is written in the unite field.</source>
        <translation>Hectares (par défaut) ou mètres carrés ; l'unité est inscrite dans le champ unite.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="185"/>
        <source>One row per territory and pair of millésimes, with the territory outline (in the data's CRS).</source>
        <translation>Une ligne par territoire et par couple de millésimes, avec le contour du territoire (dans le SCR des données).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="189"/>
        <source>The same rows without geometry (optional).</source>
        <translation>Les mêmes lignes sans géométrie (facultatif).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="190"/>
        <source>Optional table without geometry, made in the same pass: per territory, the stock by couverture and usage code at each millésime (tableau occupation), the changed land by couverture at début and fin (transition_cs) and the newly artificialised land by couverture and usage at début (origine_artif); give it to ocsge:export for the couverture_, usage_, transition_cs_ and origine_artif_&lt;level&gt; tables.</source>
        <translation>Table facultative sans géométrie, calculée dans la même passe : par territoire, le stock par code de couverture et d'usage à chaque millésime (tableau occupation), les surfaces changées selon la couverture au début et à la fin (transition_cs) et les surfaces nouvellement artificialisées selon la couverture et l'usage au début (origine_artif) ; à donner à ocsge:export pour les tables couverture_, usage_, transition_cs_ et origine_artif_&lt;level&gt;.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="199"/>
        <source>The higher levels to compute.</source>
        <translation>Les niveaux supérieurs à calculer.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="200"/>
        <source>The commune rows with epci_code, departement_code, region_code and scot_code.</source>
        <translation>Les lignes des communes avec epci_code, departement_code, region_code et scot_code.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="205"/>
        <source>Optional: the surfaces by class of the nomenclature that ocsge:aggregate wrote with the commune table; then couverture_, usage_, transition_cs_ and origine_artif_&lt;level&gt; are written too.</source>
        <translation>Facultatif : les surfaces par classe de la nomenclature qu'ocsge:aggregate a écrites avec la table des communes ; les tables couverture_, usage_, transition_cs_ et origine_artif_&lt;level&gt; sont alors écrites aussi.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="210"/>
        <source>The levels to export (SCoT only when SCoT codes exist).</source>
        <translation>Les niveaux à exporter (SCoT seulement si des codes de SCoT existent).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="211"/>
        <source>artif_&lt;level&gt; and / or imper_&lt;level&gt;.</source>
        <translation>artif_&lt;level&gt; et / ou imper_&lt;level&gt;.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="212"/>
        <source>GeoPackage (with outlines in EPSG:4326) and / or CSV (UTF-8, no geometry).</source>
        <translation>GeoPackage (avec les contours en EPSG:4326) et / ou CSV (UTF-8, sans géométrie).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="215"/>
        <source>Per département: code, name, surface_km2, percent_of_france, has_ocsge.</source>
        <translation>Par département : code, name, surface_km2, percent_of_france, has_ocsge.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="226"/>
        <source>Unchecked, polygons neither artificialised nor impermeable are skipped (faster); the coverage table is then not written.</source>
        <translation>Si la case est décochée, les polygones ni artificialisés ni imperméabilisés sont ignorés (plus rapide) ; la table de la part couverte n'est alors pas écrite.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="237"/>
        <source>A layer of the project drawn under the territory on the map page (orthophoto, Plan IGN, a WMS or WMTS layer, a GeoTIFF); the communes are then drawn as outlines only. Empty: no background, no network.</source>
        <translation>Une couche du projet dessinée sous le territoire sur la page de la carte (orthophotographie, Plan IGN, une couche WMS ou WMTS, un GeoTIFF) ; les communes ne sont alors dessinées que par leurs contours. Vide : pas de fond, aucun accès au réseau.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="242"/>
        <source>A template restyled in the layout designer (start from the layout this algorithm adds to the project, Save as Template); empty: the default template.</source>
        <translation>Un modèle restylé dans le concepteur de mise en page (partir de la mise en page que cet algorithme ajoute au projet, Enregistrer comme modèle) ; vide : le modèle par défaut.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="246"/>
        <source>The report; the tables, charts and atlas layer go to the folder &lt;name&gt;_donnees beside it.</source>
        <translation>Le rapport ; les tables, les graphiques et la couche de l'atlas vont dans le dossier &lt;nom&gt;_donnees à côté.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="250"/>
        <source>One section per territory of this level (EPCI and SCoT from the membership codes).</source>
        <translation>Une section par territoire de ce niveau (EPCI et SCoT d'après les codes d'appartenance).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="253"/>
        <source>Portray only the communes selected on the map in the commune layer (level Commune), or the territories that hold one of them (EPCI, SCoT, département); added to the codes above. The numbers are still computed on every commune (rankings and comparisons).</source>
        <translation>Ne faire le portrait que des communes sélectionnées sur la carte dans la couche des communes (niveau Commune), ou des territoires qui en contiennent une (EPCI, SCoT, département) ; s'ajoutent aux codes ci-dessus. Les chiffres restent calculés sur toutes les communes (classements et comparaisons).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="259"/>
        <source>Cerema's commune file « Consommation d'espaces naturels, agricoles et forestiers », read as ocsge:consommation reads it (with the membership table above). Given, the portrait adds the pages « Consommation d'espaces NAF » (per year and destination since 2011, in hectares and in % of the area, beside the EPCI and the département) and « Trajectoire ZAN 2021–2031 » (consumption since 2021, its projection and the envelope).</source>
        <translation>Le fichier communal du Cerema « Consommation d'espaces naturels, agricoles et forestiers », lu comme ocsge:consommation le lit (avec la table d'appartenance ci-dessus). Donné, le portrait ajoute les pages « Consommation d'espaces NAF » (par année et par destination depuis 2011, en hectares et en % de la surface, à côté de l'EPCI et du département) et « Trajectoire ZAN 2021–2031 » (consommation depuis 2021, sa projection et l'enveloppe).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="267"/>
        <source>As the parameter « Convention of the trajectory » of ocsge:consommation.</source>
        <translation>Comme le paramètre « Convention de la trajectoire » de ocsge:consommation.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="270"/>
        <source>The reduction of consumption for 2021–2030 against 2011–2020: 50 % by article 194, I, 1° of loi n° 2021-1104.</source>
        <translation>La réduction de la consommation de 2021–2030 par rapport à 2011–2020 : 50 % selon l'article 194, I, 1° de la loi n° 2021-1104.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="274"/>
        <source>INSEE&apos;s table between COG vintages, when the consumption file&apos;s communes are older than the territories&apos; (as in ocsge:consommation).</source>
        <translation>La table de l'INSEE entre millésimes du COG, quand les communes du fichier de consommation sont plus anciennes que celles des territoires (comme dans ocsge:consommation).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="288"/>
        <source>Cerema's commune file « Consommation d'espaces naturels, agricoles et forestiers » as published on data.gouv.fr: CSV (; or ,, UTF-8 or Latin-1, numbers possibly as text), or the GeoPackage / shapefile with outlines. The years are read from the naf&lt;AA&gt;art&lt;BB&gt; columns.</source>
        <translation>Le fichier communal du Cerema « Consommation d'espaces naturels, agricoles et forestiers » tel qu'il est publié sur data.gouv.fr : CSV (; ou ,, UTF-8 ou Latin-1, nombres éventuellement écrits comme du texte), ou le GeoPackage / shapefile avec les contours. Les années sont lues dans les colonnes naf&lt;AA&gt;art&lt;BB&gt;.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="294"/>
        <source>The levels to compute; SCoT only when the file or the membership table has SCoT codes; Zone when the membership table has a zone_code column (your own set of communes: a PLUi sector, a bassin de vie…).</source>
        <translation>Les niveaux à calculer ; le SCoT seulement quand le fichier ou la table d'appartenance a des codes de SCoT ; la zone quand la table d'appartenance a une colonne zone_code (votre propre ensemble de communes : un secteur de PLUi, un bassin de vie…).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="299"/>
        <source>Optional: your territories, as commune_code, epci_code, epci_nom, departement_code, region_code (scot_code, scot_nom optional). Then only these communes count, a commune of the table absent from the file marks its territories partial, and the communes of the file outside the table are listed. Without it, the file&apos;s own columns (epciNN, scot, iddep, idreg) make the levels.</source>
        <translation>Facultatif : vos territoires, en commune_code, epci_code, epci_nom, departement_code, region_code (scot_code, scot_nom facultatifs). Seules ces communes comptent alors, une commune de la table absente du fichier rend ses territoires partiels, et les communes du fichier hors de la table sont listées. Sans elle, les colonnes du fichier lui-même (epciNN, scot, iddep, idreg) font les niveaux.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="306"/>
        <source>Optional: commune polygons with their INSEE code (field code, commune_code, insee_com, codgeo…). Their areas (ellipsoidal) give the share of a territory's area that communes absent from the file represent, and weigh the split of a divided commune. Without it the file's surfcom is used, and a commune absent from the file is counted, not weighed.</source>
        <translation>Facultatif : les polygones des communes avec leur code INSEE (champ code, commune_code, insee_com, codgeo…). Leurs surfaces (ellipsoïdales) donnent la part de la surface d'un territoire que représentent les communes absentes du fichier, et pondèrent le partage d'une commune scindée. Sans eux, la colonne surfcom du fichier sert, et une commune absente du fichier est comptée, non pesée.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="313"/>
        <source>The law: the 1 ha guarantee raises the envelope of the communes chosen below only, never of groupings; the projection to the end of 2030 is the consumption since 2021 plus the annual pace for each year left. As the national table: every territory's envelope (EPCI, SCoT… included) is raised to 1 ha when under it, and the projection is the annual pace × 9, to reproduce the national file to the m².</source>
        <translation>La loi : la garantie de 1 ha relève l'enveloppe des seules communes choisies ci-dessous, jamais celle des regroupements ; la projection à fin 2030 est la consommation depuis 2021 plus le rythme annuel pour chaque année restante. Comme la table nationale : l'enveloppe de chaque territoire (EPCI, SCoT… compris) est portée à 1 ha quand elle est en dessous, et la projection vaut le rythme annuel × 9, pour reproduire le fichier national au m² près.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="320"/>
        <source>Article 194, IV, 3° bis of loi n° 2021-1104 du 22 août 2021 (inserted by loi n° 2023-630 du 20 juillet 2023): a commune covered by a PLU, a document en tenant lieu or a carte communale prescribed, arrêté or approved before 22 August 2026 cannot be given less than 1 ha of consumption for 2021–2031. Choose « the communes listed » to leave out the communes under the RNU without such a document.</source>
        <translation>Article 194, IV, 3° bis de la loi n° 2021-1104 du 22 août 2021 (inséré par la loi n° 2023-630 du 20 juillet 2023) : une commune couverte par un PLU, un document en tenant lieu ou une carte communale prescrit, arrêté ou approuvé avant le 22 août 2026 ne peut recevoir moins de 1 ha de consommation pour 2021–2031. Choisissez « les communes listées » pour écarter les communes au RNU sans un tel document.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="327"/>
        <source>With « the communes listed »: their INSEE codes separated by commas, semicolons or spaces.</source>
        <translation>Avec « les communes listées » : leurs codes INSEE séparés par des virgules, des points-virgules ou des espaces.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="331"/>
        <source>The reduction of consumption for 2021–2030 against 2011–2020: 50 % by article 194, I, 1° of loi n° 2021-1104, unless the territorialisation table gives a territory its own.</source>
        <translation>La réduction de la consommation 2021–2030 par rapport à 2011–2020 : 50 % selon l'article 194, I, 1° de la loi n° 2021-1104, sauf si la table de territorialisation donne à un territoire son propre taux.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="336"/>
        <source>CSV: code;taux — the reduction rate of a territory set by the SRADDET or the SCoT (54, 54 % or 0.54). A commune without its own rate takes its SCoT's, EPCI's, département's or région's, else the rate above.</source>
        <translation>CSV : code;taux — le taux de réduction d'un territoire fixé par le SRADDET ou le SCoT (54, 54 % ou 0,54). Une commune sans taux propre prend celui de son SCoT, de son EPCI, de son département ou de sa région, sinon le taux ci-dessus.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="341"/>
        <source>INSEE&apos;s table between COG vintages (CODGEO_&lt;year&gt; columns, or ancien;nouveau; optional part or surface): the file&apos;s communes merged since its COG are summed, a divided commune is split by area (the table&apos;s weight, else the outlines&apos; areas, else equal shares, said in the log).</source>
        <translation>La table de l'INSEE entre millésimes du COG (colonnes CODGEO_&lt;année&gt;, ou ancien;nouveau ; part ou surface facultative) : les communes du fichier fusionnées depuis son COG sont additionnées, une commune scindée est partagée par surface (le poids de la table, sinon la surface des contours, sinon à parts égales, dit dans le journal).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="347"/>
        <source>The output folder of ocsge:diagnostic or ocsge:export (or one of its artif_&lt;level&gt;.csv tables) for the same territories. The trajectory tables then show, after the plugin's columns, the OCS GE period (periode_ocsge), the consumption years inside it (annees_conso_ocsge), NAF consumption per year over those years (conso_annuelle_periode_ocsge) and OCS GE artificialisation nette per year (artif_nette_annuelle_ocsge = flux_artif_net ÷ years between millésimes), in the unit below.</source>
        <translation>Le dossier de sortie de ocsge:diagnostic ou de ocsge:export (ou l'une de ses tables artif_&lt;niveau&gt;.csv) pour les mêmes territoires. Les tables de trajectoire montrent alors, après les colonnes de l'extension, la période OCS GE (periode_ocsge), les années de consommation qu'elle contient (annees_conso_ocsge), la consommation NAF par an sur ces années (conso_annuelle_periode_ocsge) et l'artificialisation nette OCS GE par an (artif_nette_annuelle_ocsge = flux_artif_net ÷ années entre millésimes), dans l'unité ci-dessous.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="356"/>
        <source>Hectares by default; m² as in Cerema's and the national files. Consumption per new inhabitant and household is always in m².</source>
        <translation>Hectares par défaut ; m² comme dans les fichiers du Cerema et le fichier national. La consommation par nouvel habitant et par nouveau ménage est toujours en m².</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="362"/>
        <source>The inventory to start from; empty: the one the data panel uses (your merged copy when you imported one, else the inventory shipped with the plugin).</source>
        <translation>L'inventaire de départ ; vide : celui du panneau de données (votre copie fusionnée si vous avez importé un fichier, sinon l'inventaire livré avec l'extension).</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="366"/>
        <source>A CRIGE&apos;s inventory with the same columns, merged by identifier; empty: the inventory is exported as it is.</source>
        <translation>L'inventaire d'un CRIGE aux mêmes colonnes, fusionné par identifiant ; vide : l'inventaire est exporté tel quel.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="370"/>
        <source>What is not accepted is listed in the report as refused, with its reason.</source>
        <translation>Ce qui n'est pas accepté est listé dans le rapport comme refusé, avec sa raison.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="373"/>
        <source>The merged inventory, the CNIG fields in the shipped file&apos;s layout.</source>
        <translation>L'inventaire fusionné, les champs du CNIG dans la présentation du fichier livré.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="376"/>
        <source>The 18 current régions with the inventory's attributes and their availability.</source>
        <translation>Les 18 régions actuelles avec les attributs de l'inventaire et leur disponibilité.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="384"/>
        <source>No input layer. Expected an occupation du sol polygon layer.</source>
        <translation>Aucune couche en entrée. Attendu : une couche de polygones d'occupation du sol.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="387"/>
        <source>No input layer. Expected IGN&apos;s artificialisation layer.</source>
        <translation>Aucune couche en entrée. Attendu : la couche d'artificialisation de l'IGN.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="390"/>
        <source>No territory layer. Expected territory polygons with a code field.</source>
        <translation>Aucune couche de territoires. Attendu : des polygones de territoires avec un champ de code.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="395"/>
        <source>No commune table. Expected the output of ocsge:aggregate on communes.</source>
        <translation>Aucune table des communes. Attendu : la sortie de ocsge:aggregate sur les communes.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="400"/>
        <source>No commune table. Expected the output of ocsge:aggregate on communes or of ocsge:rollup.</source>
        <translation>Aucune table des communes. Attendu : la sortie de ocsge:aggregate sur les communes ou de ocsge:rollup.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="130"/>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="131"/>
        <source>EPCI</source>
        <translation>EPCI</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="132"/>
        <source>SCoT</source>
        <translation>SCoT</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="396"/>
        <source>Consumption file (Cerema)</source>
        <translation>Fichier de consommation (Cerema)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="402"/>
        <source>The law (default)</source>
        <translation>La loi (par défaut)</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="402"/>
        <source>As the national « Trajectoires ZAN » table</source>
        <translation>Comme la table nationale « Trajectoires ZAN »</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="403"/>
        <source>Convention of the trajectory</source>
        <translation>Convention de la trajectoire</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="409"/>
        <source>INSEE table de passage</source>
        <translation>Table de passage de l'INSEE</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="278"/>
        <source>Portrait: the pages in the portrait's order. Rapport triennal: the pages in the order of the rapport relatif à l'artificialisation des sols (article R. 2231-1 of the code général des collectivités territoriales): cover, legal frame and periods, 1° NAF consumption, 2° and 3° net artificialisation and impermeable surfaces (OCS GE), 4° the trajectory, then the rest; it needs the consumption file. In both, an empty comment box under each chart, to write in the layout designer.</source>
        <translation>Portrait : les pages dans l'ordre du portrait. Rapport triennal : les pages dans l'ordre du rapport relatif à l'artificialisation des sols (article R. 2231-1 du code général des collectivités territoriales) : couverture, cadre légal et périodes, 1° consommation d'espaces NAF, 2° et 3° artificialisation nette et surfaces imperméabilisées (OCS GE), 4° la trajectoire, puis le reste ; il demande le fichier de consommation. Dans les deux, un cadre de commentaire vide sous chaque graphique, à remplir dans le concepteur de mise en page.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/national.py" line="300"/>
        <source>D{code}: {text}</source>
        <translation>D{code} : {text}</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/national.py" line="403"/>
        <source>No delivery of a département given.</source>
        <translation>Aucune livraison d'un département n'est donnée.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/national.py" line="443"/>
        <source>{count} département already finished by an earlier run, not done again: {codes}.</source>
        <translation>{count} département déjà terminé par une exécution précédente, non refait : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/national.py" line="443"/>
        <source>{count} départements already finished by an earlier run, not done again: {codes}.</source>
        <translation>{count} départements déjà terminés par une exécution précédente, non refaits : {codes}.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/pipelines/national.py" line="452"/>
        <source>The diagnostic failed for {codes}; the départements finished are kept and the next run with the same inputs resumes there. Logs: {folder}.
{lines}</source>
        <translation>Le diagnostic a échoué pour {codes} ; les départements terminés sont conservés et la prochaine exécution avec les mêmes entrées reprend là. Journaux : {folder}.
{lines}</translation>
    </message>
    <message>
        <location filename="../processing_provider/diagnostic_national.py" line="69"/>
        <source>No département code in the name of {paths}: left out.</source>
        <translation>Aucun code de département dans le nom de {paths} : écarté.</translation>
    </message>
    <message>
        <location filename="../processing_provider/diagnostic_national.py" line="86"/>
        <source>Départements: {codes}.</source>
        <translation>Départements : {codes}.</translation>
    </message>
    <message>
        <location filename="../processing_provider/diagnostic_national.py" line="101"/>
        <source>Canceled: the départements finished are kept in {folder}; run again with the same inputs to go on from there.</source>
        <translation>Annulé : les départements terminés sont conservés dans {folder} ; relancez avec les mêmes entrées pour reprendre là.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="527"/>
        <source>Artificialisation diagnostic of many départements (national)</source>
        <translation>Diagnostic de l'artificialisation de plusieurs départements (national)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="527"/>
        <source>The diagnostic of many départements in one call, several at once, resumed where a stopped run left off, merged into one folder.</source>
        <translation>Le diagnostic de nombreux départements en un seul appel, plusieurs à la fois, repris là où une exécution interrompue s'est arrêtée, fusionné dans un seul dossier.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="527"/>
        <source>Takes the deliveries of many départements (a folder holding IGN's archives or folders, or several paths separated by ';'), groups them by the département code of IGN's names (…_D032_…) and runs ocsge:diagnostic on each département in a process of its own, as many at once as WORKERS (default: the computer's cores). Each département is written whole into departements/&lt;code&gt;/ of the output folder (its own published tables), then marked finished (departements/&lt;code&gt;.done). A run canceled, stopped or killed is resumed by running it again with the same inputs: the départements marked finished are not done again, what an unfinished one had written is discarded; a département whose deliveries or options changed is done again. Once all are finished, their communes are merged and rolled up once: the output folder holds one table per level (artif_&lt;level&gt;, imper_&lt;level&gt;, qualite_&lt;level&gt; and the per-class tables, GeoPackage and CSV), with the columns of ocsge:diagnostic; an EPCI or a région spanning départements is summed whole. The tables are also written into a PostGIS schema when a connection is chosen. The commune layer is a file (each process opens it and keeps the communes of its département); the outlines are written in the CRS of the first département. No layer is added to the project.</source>
        <translation>Prend les livraisons de nombreux départements (un dossier contenant les archives ou dossiers de l'IGN, ou plusieurs chemins séparés par « ; »), les regroupe par le code de département des noms de l'IGN (…_D032_…) et exécute ocsge:diagnostic sur chaque département dans un processus à part, autant à la fois que WORKERS (par défaut : les cœurs de l'ordinateur). Chaque département est écrit en entier dans departements/&lt;code&gt;/ du dossier de sortie (ses propres tables publiées), puis marqué terminé (departements/&lt;code&gt;.done). Une exécution annulée, arrêtée ou tuée reprend quand on la relance avec les mêmes entrées : les départements marqués terminés ne sont pas refaits, ce qu'un département inachevé avait écrit est écarté ; un département dont les livraisons ou les options ont changé est refait. Une fois tous terminés, leurs communes sont réunies et agrégées une seule fois : le dossier de sortie contient une table par niveau (artif_&lt;niveau&gt;, imper_&lt;niveau&gt;, qualite_&lt;niveau&gt; et les tables par classe, en GeoPackage et CSV), avec les colonnes d'ocsge:diagnostic ; un EPCI ou une région à cheval sur plusieurs départements est compté en entier. Les tables sont aussi écrites dans un schéma PostGIS quand une connexion est choisie. La couche des communes est un fichier (chaque processus l'ouvre et garde les communes de son département) ; les contours sont écrits dans le SCR du premier département. Aucune couche n'est ajoutée au projet.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="527"/>
        <source>One process per département at a time, about 1 GB of memory each for 1,000,000 polygons per millésime; a département that fails does not stop the others, the run then ends with an error naming it and its log (departements/&lt;code&gt;.log).</source>
        <translation>Un processus par département à la fois, environ 1 Go de mémoire chacun pour 1 000 000 de polygones par millésime ; un département en échec n'arrête pas les autres, l'exécution se termine alors par une erreur qui le nomme avec son journal (departements/&lt;code&gt;.log).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help_texts.py" line="527"/>
        <source>A folder holding the deliveries of the Gers and of the Territoire de Belfort, the communes of both and their membership table, 2 workers: the two départements computed at once, then artif_commune, artif_epci, artif_departement and artif_region with the communes of both.</source>
        <translation>Un dossier contenant les livraisons du Gers et du Territoire de Belfort, les communes des deux et leur table d'appartenance, 2 processus : les deux départements calculés en même temps, puis artif_commune, artif_epci, artif_departement et artif_region avec les communes des deux.</translation>
    </message>
    <message>
        <location filename="../processing_provider/parameter_help.py" line="230"/>
        <source>How many départements are computed at once, each in a process of its own (default: the computer's cores). Each one holds a département in memory: about 1 GB for 1,000,000 polygons per millésime.</source>
        <translation>Combien de départements sont calculés à la fois, chacun dans son propre processus (par défaut : les cœurs de l'ordinateur). Chacun garde un département en mémoire : environ 1 Go pour 1 000 000 de polygones par millésime.</translation>
    </message>
    <message>
        <location filename="../processing_provider/params.py" line="590"/>
        <source>The commune layer has no commune code field (fields: {fields}). Expected INSEE_COM, CODGEO, commune_code or code, or choose the field.</source>
        <translation>La couche des communes n'a pas de champ de code de commune (champs : {fields}). Attendu : INSEE_COM, CODGEO, commune_code ou code, ou choisissez le champ.</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/chart_item.py" line="146"/>
        <source>OCS GE chart</source>
        <translation>Graphique OCS GE</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/report/chart_item.py" line="96"/>
        <source>The chart {path} could not be drawn: {error}</source>
        <translation>Le graphique {path} n'a pas pu être dessiné : {error}</translation>
    </message>
</context>
<context>
    <name>AggregateAlgorithm</name>
    <message>
        <location filename="../processing_provider/aggregate.py" line="47"/>
        <source>OCS GE layers</source>
        <translation>Couches OCS GE</translation>
    </message>
    <message>
        <location filename="../processing_provider/aggregate.py" line="48"/>
        <source>Territories</source>
        <translation>Territoires</translation>
    </message>
    <message>
        <location filename="../processing_provider/aggregate.py" line="49"/>
        <source>Territory code field</source>
        <translation>Champ du code de territoire</translation>
    </message>
    <message>
        <location filename="../processing_provider/aggregate.py" line="52"/>
        <source>Territory name field</source>
        <translation>Champ du nom de territoire</translation>
    </message>
    <message>
        <location filename="../processing_provider/aggregate.py" line="57"/>
        <source>Fields to keep</source>
        <translation>Champs à conserver</translation>
    </message>
    <message>
        <location filename="../processing_provider/aggregate.py" line="66"/>
        <source>Flows by overlay when no difference layer</source>
        <translation>Flux par superposition en l'absence de couche de différence</translation>
    </message>
    <message>
        <location filename="../processing_provider/aggregate.py" line="71"/>
        <source>Territories with stocks and flows</source>
        <translation>Territoires avec stocks et flux</translation>
    </message>
    <message>
        <location filename="../processing_provider/aggregate.py" line="72"/>
        <source>Table of stocks and flows</source>
        <translation>Table des stocks et des flux</translation>
    </message>
    <message>
        <location filename="../processing_provider/aggregate.py" line="99"/>
        <source>No territory code field. Expected the field holding each territory&apos;s code.</source>
        <translation>Aucun champ de code de territoire. Attendu : le champ contenant le code de chaque territoire.</translation>
    </message>
    <message>
        <location filename="../processing_provider/aggregate.py" line="112"/>
        <source>Canceled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../processing_provider/aggregate.py" line="73"/>
        <source>Surfaces by class of the nomenclature</source>
        <translation>Surfaces par classe de la nomenclature</translation>
    </message>
</context>
<context>
    <name>ClassifyAlgorithm</name>
    <message>
        <location filename="../processing_provider/classify.py" line="66"/>
        <source>Occupation du sol layer</source>
        <translation>Couche d'occupation du sol</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="71"/>
        <source>Artificialisation et imperméabilisation</source>
        <translation>Artificialisation et imperméabilisation</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="72"/>
        <source>Summary table</source>
        <translation>Table de synthèse</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="73"/>
        <source>Method used</source>
        <translation>Méthode utilisée</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="258"/>
        <source>Surface imperméabilisée (ha)</source>
        <translation>Surface imperméabilisée (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="259"/>
        <source>Surface artificialisée by the matrix, before the seuils (ha)</source>
        <translation>Surface artificialisée selon la matrice, avant les seuils (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="263"/>
        <source>Surface artificialisée after the seuils (ha)</source>
        <translation>Surface artificialisée après les seuils (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="264"/>
        <source>Surface switched to artificialisé by the seuils (ha)</source>
        <translation>Surface basculée en artificialisé par les seuils (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="268"/>
        <source>Surface switched to non artificialisé by the seuils (ha)</source>
        <translation>Surface basculée en non artificialisé par les seuils (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="283"/>
        <source>Indéterminé polygons (artificialisation)</source>
        <translation>Polygones indéterminés (artificialisation)</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="272"/>
        <source>Indéterminé surface (artificialisation, ha)</source>
        <translation>Surface indéterminée (artificialisation, ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="287"/>
        <source>Indéterminé polygons (imperméabilisation)</source>
        <translation>Polygones indéterminés (imperméabilisation)</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="276"/>
        <source>Indéterminé surface (imperméabilisation, ha)</source>
        <translation>Surface indéterminée (imperméabilisation, ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="291"/>
        <source>Invalid geometries repaired</source>
        <translation>Géométries invalides réparées</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="280"/>
        <source>Surface of all polygons (ha)</source>
        <translation>Surface de tous les polygones (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="292"/>
        <source>Number of polygons</source>
        <translation>Nombre de polygones</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="211"/>
        <source>{path}: the GeoPackage&apos;s rows copied by SQLite with the answers added (its spatial index too).</source>
        <translation>{path} : lignes du GeoPackage copiées par SQLite, réponses ajoutées (index spatial compris).</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="206"/>
        <source>{path}: the shapefile translated by GDAL, the answers added by SQLite.</source>
        <translation>{path} : Shapefile converti par GDAL, réponses ajoutées par SQLite.</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="230"/>
        <source>Writing the GeoPackage with GDAL and SQLite failed ({error}); the output is written through QGIS instead.</source>
        <translation>L'écriture du GeoPackage par GDAL et SQLite a échoué ({error}) ; la couche de sortie est écrite par QGIS.</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="104"/>
        <source>Summary:</source>
        <translation>Synthèse :</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="104"/>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="104"/>
        <source>Polygons</source>
        <translation>Polygones</translation>
    </message>
    <message>
        <location filename="../processing_provider/classify.py" line="104"/>
        <source>Surface (ha)</source>
        <translation>Surface (ha)</translation>
    </message>
</context>
<context>
    <name>CompareArtifAlgorithm</name>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="38"/>
        <source>IGN&apos;s artificialisation layer</source>
        <translation>Couche d'artificialisation de l'IGN</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="41"/>
        <source>Disagreements with IGN</source>
        <translation>Désaccords avec l'IGN</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="56"/>
        <source>Polygons compared</source>
        <translation>Polygones comparés</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="57"/>
        <source>Polygons where IGN and the recomputation agree</source>
        <translation>Polygones où l'IGN et le recalcul concordent</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="61"/>
        <source>Polygons where they disagree</source>
        <translation>Polygones où ils divergent</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="57"/>
        <source>Surface where they agree (ha)</source>
        <translation>Surface où ils concordent (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="61"/>
        <source>Surface where they disagree (ha)</source>
        <translation>Surface où ils divergent (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="45"/>
        <source>Agreement, % of the compared surface</source>
        <translation>Concordance, % de la surface comparée</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="65"/>
        <source>Disagreements from the matrix (polygons)</source>
        <translation>Désaccords dus à la matrice (polygones)</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="65"/>
        <source>Disagreements from the matrix (ha)</source>
        <translation>Désaccords dus à la matrice (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="69"/>
        <source>Disagreements from the thresholds (polygons)</source>
        <translation>Désaccords dus aux seuils (polygones)</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="69"/>
        <source>Disagreements from the thresholds (ha)</source>
        <translation>Désaccords dus aux seuils (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="73"/>
        <source>Polygons not compared (indéterminé)</source>
        <translation>Polygones non comparés (indéterminés)</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="73"/>
        <source>Surface not compared (indéterminé, ha)</source>
        <translation>Surface non comparée (indéterminée, ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/compare_artif.py" line="56"/>
        <source>Surface compared (ha)</source>
        <translation>Surface comparée (ha)</translation>
    </message>
</context>
<context>
    <name>ConsommationAlgorithm</name>
    <message>
        <location filename="../processing_provider/consommation.py" line="67"/>
        <source>Zone (zone_code of the membership table)</source>
        <translation>Zone (zone_code de la table d'appartenance)</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="68"/>
        <source>Levels</source>
        <translation>Niveaux</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="77"/>
        <source>Communal guarantee of 1 ha</source>
        <translation>Garantie communale de 1 ha</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="73"/>
        <source>Every commune</source>
        <translation>Toutes les communes</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="74"/>
        <source>No commune</source>
        <translation>Aucune commune</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="75"/>
        <source>The communes listed below</source>
        <translation>Les communes listées ci-dessous</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="78"/>
        <source>Communes with the guarantee (INSEE codes)</source>
        <translation>Communes bénéficiant de la garantie (codes INSEE)</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="91"/>
        <source>Files written (JSON list)</source>
        <translation>Fichiers écrits (liste JSON)</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="102"/>
        <source>The commune outlines have no INSEE code field (expected one of {names}).</source>
        <translation>Les contours des communes n'ont pas de champ de code INSEE (attendu : l'un de {names}).</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="139"/>
        <source>No consumption file. Expected Cerema&apos;s commune file (CSV, GeoPackage or shapefile).</source>
        <translation>Pas de fichier de consommation. Attendu : le fichier communal du Cerema (CSV, GeoPackage ou shapefile).</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="158"/>
        <source>Reading {path}…</source>
        <translation>Lecture de {path}…</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="161"/>
        <source>{count} communes, years {first}–{last} ({encoding}).</source>
        <translation>{count} communes, années {first}–{last} ({encoding}).</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="188"/>
        <source>Canceled: no file was written.</source>
        <translation>Annulé : aucun fichier n'a été écrit.</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="191"/>
        <source>Cannot write to {folder}: {error}. Expected a writable folder.</source>
        <translation>Impossible d'écrire dans {folder} : {error}. Attendu : un dossier accessible en écriture.</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="283"/>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="284"/>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="241"/>
        <source>envelope</source>
        <translation>enveloppe</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="242"/>
        <source>since 2021</source>
        <translation>depuis 2021</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="244"/>
        <source>projected 2030</source>
        <translation>projection 2030</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="245"/>
        <source>partial</source>
        <translation>partiel</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="247"/>
        <source>ZAN trajectory per {level} ({unit}, last year {year}):</source>
        <translation>Trajectoire ZAN par {level} ({unit}, dernière année {year}) :</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="285"/>
        <source>OCS GE period</source>
        <translation>Période OCS GE</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="286"/>
        <source>years</source>
        <translation>années</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="287"/>
        <source>NAF consumption / year</source>
        <translation>Consommation NAF / an</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="288"/>
        <source>net artificialisation / year</source>
        <translation>Artificialisation nette / an</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="290"/>
        <source>Beside OCS GE per {level} ({unit} per year; 2021–2031: NAF consumption, from 2031: net artificialisation):</source>
        <translation>À côté de l'OCS GE par {level} ({unit} par an ; 2021–2031 : consommation NAF, à partir de 2031 : artificialisation nette) :</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="70"/>
        <source>Commune outlines</source>
        <translation>Contours des communes</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="81"/>
        <source>Territorialisation table</source>
        <translation>Table de territorialisation</translation>
    </message>
    <message>
        <location filename="../processing_provider/consommation.py" line="84"/>
        <source>OCS GE tables of the diagnostic</source>
        <translation>Tables OCS GE du diagnostic</translation>
    </message>
</context>
<context>
    <name>DiagnosticAlgorithm</name>
    <message>
        <location filename="../processing_provider/diagnostic.py" line="41"/>
        <source>Commune table (GeoPackage layer)</source>
        <translation>Table des communes (couche GeoPackage)</translation>
    </message>
    <message>
        <location filename="../processing_provider/diagnostic.py" line="46"/>
        <source>EPCI table (GeoPackage layer)</source>
        <translation>Table des EPCI (couche GeoPackage)</translation>
    </message>
    <message>
        <location filename="../processing_provider/diagnostic.py" line="84"/>
        <source>No delivery given. Expected .7z archives or folders from IGN, separated by &apos;;&apos;.</source>
        <translation>Aucune livraison indiquée. Attendu : des archives .7z ou des dossiers de l'IGN, séparés par ';'.</translation>
    </message>
    <message>
        <location filename="../processing_provider/diagnostic.py" line="73"/>
        <source>No commune layer. Expected commune polygons with their INSEE code.</source>
        <translation>Aucune couche des communes. Attendu : des polygones de communes avec leur code INSEE.</translation>
    </message>
    <message>
        <location filename="../processing_provider/diagnostic.py" line="69"/>
        <source>The commune layer {path} cannot be opened: it does not exist or is not a vector layer. Expected commune polygons with their INSEE code.</source>
        <translation>La couche des communes {path} ne peut pas être ouverte : elle n'existe pas ou n'est pas une couche vecteur. Attendu : des polygones de communes avec leur code INSEE.</translation>
    </message>
</context>
<context>
    <name>DownloadDeliveryAlgorithm</name>
    <message>
        <location filename="../processing_provider/download.py" line="45"/>
        <source>Département (code)</source>
        <translation>Département (code)</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="46"/>
        <source>Millésime (empty: the most recent)</source>
        <translation>Millésime (vide : le plus récent)</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="52"/>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="53"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="54"/>
        <source>Download folder (empty: the plugin&apos;s cache)</source>
        <translation>Dossier de téléchargement (vide : le cache de l'extension)</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="55"/>
        <source>Load the delivery once downloaded (ocsge:load)</source>
        <translation>Charger la livraison une fois téléchargée (ocsge:load)</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="58"/>
        <source>IGN download service address</source>
        <translation>Adresse du service de téléchargement de l'IGN</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="62"/>
        <source>Downloaded archive (.7z)</source>
        <translation>Archive téléchargée (.7z)</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="63"/>
        <source>Delivery name</source>
        <translation>Nom de la livraison</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="64"/>
        <source>Download address</source>
        <translation>Adresse de téléchargement</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="65"/>
        <source>Millésime(s)</source>
        <translation>Millésime(s)</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="66"/>
        <source>Reused from the cache</source>
        <translation>Repris du cache</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="70"/>
        <source>Load report (JSON)</source>
        <translation>Rapport de chargement (JSON)</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="90"/>
        <source>Listing IGN's deliveries for département {dep}…</source>
        <translation>Recherche des livraisons de l'IGN pour le département {dep}…</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="99"/>
        <source>Downloading {url}</source>
        <translation>Téléchargement de {url}</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="104"/>
        <source>Canceled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="108"/>
        <source>{name}: reused from the cache ({path})</source>
        <translation>{name} : repris du cache ({path})</translation>
    </message>
    <message>
        <location filename="../processing_provider/download.py" line="108"/>
        <source>{name}: downloaded to {path}</source>
        <translation>{name} : téléchargé dans {path}</translation>
    </message>
</context>
<context>
    <name>ExportAlgorithm</name>
    <message>
        <location filename="../processing_provider/export.py" line="45"/>
        <source>EPCI table (ocsge:rollup)</source>
        <translation>Table des EPCI (ocsge:rollup)</translation>
    </message>
    <message>
        <location filename="../processing_provider/export.py" line="46"/>
        <source>SCoT table (ocsge:rollup)</source>
        <translation>Table des SCoT (ocsge:rollup)</translation>
    </message>
    <message>
        <location filename="../processing_provider/export.py" line="47"/>
        <source>Département table (ocsge:rollup)</source>
        <translation>Table des départements (ocsge:rollup)</translation>
    </message>
    <message>
        <location filename="../processing_provider/export.py" line="48"/>
        <source>Région table (ocsge:rollup)</source>
        <translation>Table des régions (ocsge:rollup)</translation>
    </message>
    <message>
        <location filename="../processing_provider/export.py" line="50"/>
        <source>Optional: this level as ocsge:rollup computed it; when empty it is rolled up from the communes.</source>
        <translation>Facultatif : ce niveau tel que calculé par ocsge:rollup ; si vide, il est consolidé à partir des communes.</translation>
    </message>
    <message>
        <location filename="../processing_provider/export.py" line="56"/>
        <source>Levels</source>
        <translation>Niveaux</translation>
    </message>
    <message>
        <location filename="../processing_provider/export.py" line="58"/>
        <source>Datasets</source>
        <translation>Jeux de données</translation>
    </message>
    <message>
        <location filename="../processing_provider/export.py" line="57"/>
        <source>Artificialisation</source>
        <translation>Artificialisation</translation>
    </message>
    <message>
        <location filename="../processing_provider/export.py" line="57"/>
        <source>Imperméabilisation</source>
        <translation>Imperméabilisation</translation>
    </message>
    <message>
        <location filename="../processing_provider/export.py" line="59"/>
        <source>Formats</source>
        <translation>Formats</translation>
    </message>
    <message>
        <location filename="../processing_provider/export.py" line="63"/>
        <source>Also the &quot;part du territoire couvert&quot; table</source>
        <translation>Aussi la table « part du territoire couvert »</translation>
    </message>
    <message>
        <location filename="../processing_provider/export.py" line="41"/>
        <source>Surfaces by class (ocsge:aggregate)</source>
        <translation>Surfaces par classe (ocsge:aggregate)</translation>
    </message>
</context>
<context>
    <name>FlowsAlgorithm</name>
    <message>
        <location filename="../processing_provider/flows.py" line="81"/>
        <source>Difference layer (IGN DIFF or zan_evol), if you have one</source>
        <translation>Couche de différence (DIFF de l'IGN ou zan_evol), si vous en avez une</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="83"/>
        <source>Occupation du sol, début millésime</source>
        <translation>Occupation du sol, millésime de début</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="85"/>
        <source>Occupation du sol, fin millésime</source>
        <translation>Occupation du sol, millésime de fin</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="89"/>
        <source>Début millésime (year), when the data does not say</source>
        <translation>Millésime de début (année), si les données ne l'indiquent pas</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="91"/>
        <source>Fin millésime (year), when the data does not say</source>
        <translation>Millésime de fin (année), si les données ne l'indiquent pas</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="93"/>
        <source>Changes between millésimes</source>
        <translation>Changements entre millésimes</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="94"/>
        <source>Areas present in one millésime only</source>
        <translation>Zones présentes dans un seul millésime</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="96"/>
        <source>Summary of the flows</source>
        <translation>Synthèse des flux</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="97"/>
        <source>Transitions couverture début × fin</source>
        <translation>Transitions de couverture début × fin</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="98"/>
        <source>Transitions usage début × fin</source>
        <translation>Transitions d'usage début × fin</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="99"/>
        <source>Origin of newly artificialised land</source>
        <translation>Origine des terrains nouvellement artificialisés</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="102"/>
        <source>Data used (difference, artif_diff or overlay)</source>
        <translation>Données utilisées (difference, artif_diff ou overlay)</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="107"/>
        <source>Millésimes (début-fin)</source>
        <translation>Millésimes (début-fin)</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="309"/>
        <source>Surface kept out: null or unknown codes (ha)</source>
        <translation>Surface écartée : codes nuls ou inconnus (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="313"/>
        <source>Pieces kept out: null or unknown codes</source>
        <translation>Fragments écartés : codes nuls ou inconnus</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="317"/>
        <source>Surface in the début millésime only (ha)</source>
        <translation>Surface dans le seul millésime de début (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="321"/>
        <source>Surface in the fin millésime only (ha)</source>
        <translation>Surface dans le seul millésime de fin (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="149"/>
        <source>The {which} millésime given ({given}) differs from the data's ({found}): {given} is used.</source>
        <translation>Le millésime de {which} indiqué ({given}) diffère de celui des données ({found}) : {given} est utilisé.</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="165"/>
        <source>Flows from the overlay of {debut} and {fin} (artificialisation by the method {method}).</source>
        <translation>Flux issus de la superposition de {debut} et {fin} (artificialisation selon la méthode {method}).</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="173"/>
        <source>Flows from IGN&apos;s artificialisation difference layer {name} (its artificialisation field).</source>
        <translation>Flux issus de la couche d'évolution de l'artificialisation de l'IGN {name} (son champ artificialisation).</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="179"/>
        <source>Flows from the difference layer {name} (artificialisation by the matrix).</source>
        <translation>Flux issus de la couche de différence {name} (artificialisation selon la matrice).</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="261"/>
        <source>Canceled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="244"/>
        <source>The output {name} could not be created.</source>
        <translation>La sortie {name} n'a pas pu être créée.</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="462"/>
        <source>{matched} polygon(s) identical at both dates paired directly; {debut} début and {fin} fin polygon(s) overlaid.</source>
        <translation>{matched} polygone(s) identique(s) aux deux dates apparié(s) directement ; {debut} polygone(s) de début et {fin} de fin superposé(s).</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="471"/>
        <source>{count} invalid geometry repaired for the overlay.</source>
        <translation>{count} géométrie invalide réparée pour la superposition.</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="471"/>
        <source>{count} invalid geometries repaired for the overlay.</source>
        <translation>{count} géométries invalides réparées pour la superposition.</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="446"/>
        <source>{count} piece(s) whose status at a date cannot be told ({area} ha: the leaves under their codes disagree) were kept out of the flows.</source>
        <translation>{count} fragment(s) dont le statut à une date ne peut être établi ({area} ha : les feuilles sous leurs codes ne donnent pas la même réponse) écarté(s) des flux.</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="454"/>
        <source>Land covered by one millésime only, not counted in the flows: {debut} ha in the début millésime only, {fin} ha in the fin millésime only (layer ONLY_ONE).</source>
        <translation>Terrain couvert par un seul millésime, non compté dans les flux : {debut} ha dans le seul millésime de début, {fin} ha dans le seul millésime de fin (couche ONLY_ONE).</translation>
    </message>
    <message>
        <location filename="../processing_provider/flows.py" line="478"/>
        <source>{debut}-{fin}: artificialisation {artif} ha, désartificialisation {desartif} ha (net {net} ha); imperméabilisation {imper} ha, désimperméabilisation {desimper} ha (net {imper_net} ha).</source>
        <translation>{debut}-{fin} : artificialisation {artif} ha, désartificialisation {desartif} ha (solde {net} ha) ; imperméabilisation {imper} ha, désimperméabilisation {desimper} ha (solde {imper_net} ha).</translation>
    </message>
</context>
<context>
    <name>LoadDeliveryAlgorithm</name>
    <message>
        <location filename="../processing_provider/load.py" line="100"/>
        <source>Layer kinds to load (all when empty)</source>
        <translation>Types de couches à charger (toutes si vide)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="111"/>
        <source>Style</source>
        <translation>Style</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="110"/>
        <source>Couverture (official palette)</source>
        <translation>Couverture (palette officielle)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="110"/>
        <source>Usage (official palette)</source>
        <translation>Usage (palette officielle)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="113"/>
        <source>Check codes against the nomenclature</source>
        <translation>Vérifier les codes avec la nomenclature</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="130"/>
        <source>Report the surface per couverture class</source>
        <translation>Indiquer la surface par poste de couverture</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="142"/>
        <source>Occupation du sol, previous millésime</source>
        <translation>Occupation du sol, millésime précédent</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="154"/>
        <source>Occupation du sol</source>
        <translation>Occupation du sol</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="155"/>
        <source>Zone construite</source>
        <translation>Zone construite</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="156"/>
        <source>Différence between millésimes</source>
        <translation>Différence entre millésimes</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="157"/>
        <source>Artificialisation (IGN)</source>
        <translation>Artificialisation (IGN)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="158"/>
        <source>Artificialisation difference (IGN)</source>
        <translation>Évolution de l'artificialisation (IGN)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="178"/>
        <source>No delivery given. Expected a .7z archive, a folder or a .gpkg/.shp file.</source>
        <translation>Aucune livraison indiquée. Attendu : une archive .7z, un dossier ou un fichier .gpkg/.shp.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="273"/>
        <source>Reading {path}</source>
        <translation>Lecture de {path}</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="184"/>
        <source>Canceled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="224"/>
        <source>{name}: extraction reused from the cache</source>
        <translation>{name} : extraction reprise du cache</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="224"/>
        <source>{name}: extracted</source>
        <translation>{name} : extrait</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="236"/>
        <source>Empty layer(s): {names}. Expected OCS GE polygons.</source>
        <translation>Couche(s) vide(s) : {names}. Attendu : des polygones OCS GE.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="258"/>
        <source>{title}: {count} polygons, CRS {crs}</source>
        <translation>{title} : {count} polygones, SCR {crs}</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="87"/>
        <source>OCS GE deliveries (folder, .7z archives, .gpkg or .shp files)</source>
        <translation>Livraisons OCS GE (dossier, archives .7z, fichiers .gpkg ou .shp)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="87"/>
        <source>A folder holding deliveries (an unpacked delivery, several levels deep, or several deliveries), one or more .7z archives as downloaded from IGN (an archive split in parts: any part, .7z.001, .7z.002, …, the others beside it), or .gpkg / .shp files; several paths separated by ';'.</source>
        <translation>Un dossier contenant des livraisons (une livraison décompressée, sur plusieurs niveaux, ou plusieurs livraisons), une ou plusieurs archives .7z telles que téléchargées depuis l'IGN (archive découpée en parties : l'une quelconque, .7z.001, .7z.002, …, les autres à côté), ou des fichiers .gpkg / .shp ; plusieurs chemins séparés par « ; ». Boutons « Dossier… » et « Fichiers… », ou glisser-déposer.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="123"/>
        <source>Folder for the extracted data (empty: beside the archive)</source>
        <translation>Dossier des données extraites (vide : à côté de l'archive)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="189"/>
        <source>Cannot keep the extracted data: {error}. Expected a writable folder for the extracted data.</source>
        <translation>Impossible de conserver les données extraites : {error}. Attendu : un dossier accessible en écriture pour les données extraites.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="327"/>
        <source>{title}: {count} code outside the OCS GE nomenclature, counted as unknown: {codes}</source>
        <translation>{title} : {count} code hors de la nomenclature OCS GE, compté comme inconnu : {codes}</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="327"/>
        <source>{title}: {count} codes outside the OCS GE nomenclature, counted as unknown: {codes}</source>
        <translation>{title} : {count} codes hors de la nomenclature OCS GE, comptés comme inconnus : {codes}</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="345"/>
        <source>{title}: {count} polygon with a null code.</source>
        <translation>{title} : {count} polygone avec un code nul.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="345"/>
        <source>{title}: {count} polygons with a null code.</source>
        <translation>{title} : {count} polygones avec un code nul.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="258"/>
        <source>{title}: {count} polygon, CRS {crs}</source>
        <translation>{title} : {count} polygone, SCR {crs}</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="366"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="367"/>
        <source>{title}: surface per couverture class</source>
        <translation>{title} : surface par poste de couverture</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="367"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="367"/>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="367"/>
        <source>Surface (ha)</source>
        <translation>Surface (ha)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="367"/>
        <source>Share (%)</source>
        <translation>Part (%)</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="315"/>
        <source>{title}: {count} code INDETERMINE (usage indéterminé), counted apart.</source>
        <translation>{title} : {count} code INDETERMINE (usage indéterminé), compté à part.</translation>
    </message>
    <message>
        <location filename="../processing_provider/load.py" line="315"/>
        <source>{title}: {count} codes INDETERMINE (usage indéterminé), counted apart.</source>
        <translation>{title} : {count} codes INDETERMINE (usage indéterminé), comptés à part.</translation>
    </message>
</context>
<context>
    <name>NationalDiagnosticAlgorithm</name>
    <message>
        <location filename="../processing_provider/diagnostic_national.py" line="36"/>
        <source>Worker processes</source>
        <translation>Processus de calcul</translation>
    </message>
    <message>
        <location filename="../processing_provider/diagnostic_national.py" line="52"/>
        <source>The commune layer must be a file: each département's process opens it itself. Expected a GeoPackage, shapefile or GeoJSON of communes with their INSEE code (export a database layer to a file first).</source>
        <translation>La couche des communes doit être un fichier : le processus de chaque département l'ouvre lui-même. Attendu : un GeoPackage, un shapefile ou un GeoJSON des communes avec leur code INSEE (exportez d'abord une couche de base de données vers un fichier).</translation>
    </message>
    <message>
        <location filename="../processing_provider/diagnostic_national.py" line="80"/>
        <source>No delivery of a département given. Expected IGN's .7z archives or folders (their names hold the département: …_D032_…), or a folder of them.</source>
        <translation>Aucune livraison d'un département n'est donnée. Attendu : les archives .7z ou dossiers de l'IGN (leur nom porte le département : …_D032_…), ou un dossier qui les contient.</translation>
    </message>
</context>
<context>
    <name>OcsgeAlgorithm</name>
    <message>
        <location filename="../processing_provider/base.py" line="733"/>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="734"/>
        <source>Computation</source>
        <translation>Calculs</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="735"/>
        <source>Territories and export</source>
        <translation>Territoires et export</translation>
    </message>
    <message>
        <location filename="../processing_provider/sinks.py" line="79"/>
        <source>The output {path} could not be created.</source>
        <translation>La sortie {path} n'a pas pu être créée.</translation>
    </message>
    <message>
        <location filename="../processing_provider/sinks.py" line="107"/>
        <source>{written} of {expected} features written (is the disk full?)</source>
        <translation>{written} entités écrites sur {expected} (le disque est-il plein ?)</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="207"/>
        <source>What it does</source>
        <translation>Ce que fait l'algorithme</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="211"/>
        <source>Inputs</source>
        <translation>Entrées</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="212"/>
        <source>Outputs</source>
        <translation>Sorties</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="213"/>
        <source>Rules</source>
        <translation>Règles</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="214"/>
        <source>Example</source>
        <translation>Exemple</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="64"/>
        <source>User guide</source>
        <translation>Guide de l'utilisateur</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="395"/>
        <source>Files written (JSON list)</source>
        <translation>Fichiers écrits (liste JSON)</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="418"/>
        <source>Report (JSON)</source>
        <translation>Rapport (JSON)</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="406"/>
        <source>Loaded layers</source>
        <translation>Couches chargées</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="68"/>
        <source>User guide (online)</source>
        <translation>Guide de l'utilisateur (en ligne)</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="302"/>
        <source>Indéterminé reported apart (default): a parent code (CS2.1.1, US4.1) stands for the leaves under it, a null, empty, INDETERMINE or unknown value for every leaf; a polygon is artificialised (or impermeable) when every leaf combination says so, not when none does, indéterminé otherwise (counted apart, never as non-artificialised: CS1.1.2.1 with an unknown usage, as US1.3 decides). As the national files: the rule of the pipeline behind the tables published on data.gouv.fr, to reproduce them: exact codes only (CS1.1.1.1, CS1.1.1.2, CS1.1.2.2 artificialised; CS1.1.2.1 unless the usage is US1.3; CS2.2.1 / CS2.2.2 with the usages US2, US3, US5, US235, US4.x, US6.1, US6.2; impermeable CS1.1.1.1 and CS1.1.1.2); everything else, parents and unknown values included, neither. Codes are read after trimming spaces, case ignored. The convention is written in the report and the outputs' metadata.</source>
        <translation>Indéterminé à part (par défaut) : un code parent (CS2.1.1, US4.1) vaut l'ensemble des feuilles sous lui, une valeur nulle, vide, INDETERMINE ou inconnue vaut toutes les feuilles ; un polygone est artificialisé (ou imperméabilisé) quand toutes les combinaisons de feuilles le disent, ne l'est pas quand aucune ne le dit, et est indéterminé sinon (compté à part, jamais comme non artificialisé : CS1.1.2.1 avec un usage inconnu, puisque US1.3 en décide). Comme les fichiers nationaux : la règle de la chaîne qui produit les tables publiées sur data.gouv.fr, pour les retrouver : codes exacts seulement (CS1.1.1.1, CS1.1.1.2, CS1.1.2.2 artificialisés ; CS1.1.2.1 sauf si l'usage est US1.3 ; CS2.2.1 / CS2.2.2 avec les usages US2, US3, US5, US235, US4.x, US6.1, US6.2 ; imperméabilisés CS1.1.1.1 et CS1.1.1.2) ; tout le reste, codes parents et valeurs inconnues compris, ni l'un ni l'autre. Les codes sont lus sans les espaces autour et sans tenir compte de la casse. La convention est écrite dans le rapport et dans les métadonnées des sorties.</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="540"/>
        <source>Canceled: what was being written is removed, previous outputs are kept.</source>
        <translation>Annulé : ce qui était en cours d'écriture est supprimé, les sorties précédentes sont conservées.</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="345"/>
        <source>A correspondence table is given without the code field: name the layers&apos; field holding the codes it lists (CORRESPONDANCE_FIELD).</source>
        <translation>Une table de correspondance est donnée sans le champ du code : indiquez le champ des couches qui porte les codes qu'elle liste (CORRESPONDANCE_FIELD).</translation>
    </message>
    <message>
        <location filename="../processing_provider/base.py" line="498"/>
        <source>Canceled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
<context>
    <name>OcsgePlugin</name>
    <message>
        <location filename="../ocsge_plugin/plugin.py" line="65"/>
        <source>OCS GE and data.gouv.fr data panel</source>
        <translation>Panneau de données OCS GE et data.gouv.fr</translation>
    </message>
    <message>
        <location filename="../ocsge_plugin/plugin.py" line="82"/>
        <source>OCS GE user guide</source>
        <translation>Guide de l'extension OCS GE</translation>
    </message>
</context>
<context>
    <name>OcsgeProvider</name>
    <message>
        <location filename="../processing_provider/provider.py" line="54"/>
        <source>OCS GE (artificialisation)</source>
        <translation>OCS GE (artificialisation)</translation>
    </message>
</context>
<context>
    <name>PortraitAlgorithm</name>
    <message>
        <location filename="../processing_provider/portrait.py" line="105"/>
        <source>Level of the territories</source>
        <translation>Niveau des territoires</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="90"/>
        <source>Layout template (.qpt)</source>
        <translation>Modèle de mise en page (.qpt)</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="97"/>
        <source>Portrait (PDF)</source>
        <translation>Portrait (PDF)</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="96"/>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="98"/>
        <source>Number of pages</source>
        <translation>Nombre de pages</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="99"/>
        <source>Folder of the tables and charts</source>
        <translation>Dossier des tables et des graphiques</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="140"/>
        <source>No output file. Expected a .pdf path.</source>
        <translation>Aucun fichier de sortie. Attendu : un chemin .pdf.</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="242"/>
        <source>The template {path} does not exist. Expected a .qpt file saved from the layout designer.</source>
        <translation>Le modèle {path} n'existe pas. Attendu : un fichier .qpt enregistré depuis le concepteur de mise en page.</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="159"/>
        <source>Canceled: no file was written.</source>
        <translation>Annulé : aucun fichier n'a été écrit.</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="166"/>
        <source>Cannot write {path}: {error}. Expected a writable place.</source>
        <translation>Impossible d'écrire {path} : {error}. Attendu : un emplacement accessible en écriture.</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="185"/>
        <source>{pages} pages written to {path}</source>
        <translation>{pages} pages écrites dans {path}</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="121"/>
        <source>Only the territories of the selected communes</source>
        <translation>Seulement les territoires des communes sélectionnées</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="88"/>
        <source>Background of the map (raster or WMS layer)</source>
        <translation>Fond de carte (couche raster ou WMS)</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="288"/>
        <source>No commune is selected in the commune layer. Expected a selection on the map (or no tick on « Only the territories of the selected communes »).</source>
        <translation>Aucune commune n'est sélectionnée dans la couche des communes. Attendu : une sélection sur la carte (ou la case « Seulement les territoires des communes sélectionnées » décochée).</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="131"/>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="130"/>
        <source>Portrait</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="130"/>
        <source>Rapport triennal (art. R. 2231-1 CGCT)</source>
        <translation>Rapport triennal (art. R. 2231-1 CGCT)</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="202"/>
        <source>The rapport triennal needs the consumption file (indicator 1° of article R. 2231-1 of the CGCT). Expected Cerema's commune file in « Consumption file ».</source>
        <translation>Le rapport triennal demande le fichier de consommation (indicateur 1° de l'article R. 2231-1 du CGCT). Attendu : le fichier communal du Cerema dans « Fichier de consommation ».</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="107"/>
        <source>Territories</source>
        <translation>Territoires</translation>
    </message>
    <message>
        <location filename="../processing_provider/portrait.py" line="112"/>
        <source>The territories to portray, ticked in the list of the level chosen (name and code, from the communes and the membership table above) or typed as codes separated by ',' (INSEE code of a commune or a département, SIREN of an EPCI…); none: every territory of the level.</source>
        <translation>Les territoires à décrire, cochés dans la liste du niveau choisi (nom et code, d'après les communes et la table d'appartenance ci-dessus) ou saisis en codes séparés par « , » (code INSEE d'une commune ou d'un département, SIREN d'un EPCI…) ; aucun : tous les territoires du niveau.</translation>
    </message>
</context>
<context>
    <name>RegionalBasesAlgorithm</name>
    <message>
        <location filename="../processing_provider/bases_regionales.py" line="35"/>
        <source>Inventory (CSV)</source>
        <translation>Inventaire (CSV)</translation>
    </message>
    <message>
        <location filename="../processing_provider/bases_regionales.py" line="29"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../processing_provider/bases_regionales.py" line="31"/>
        <source>File to import (CSV, CNIG fields)</source>
        <translation>Fichier à importer (CSV, champs du CNIG)</translation>
    </message>
    <message>
        <location filename="../processing_provider/bases_regionales.py" line="32"/>
        <source>What the import may change</source>
        <translation>Ce que l'import peut modifier</translation>
    </message>
    <message>
        <location filename="../processing_provider/bases_regionales.py" line="45"/>
        <source>Nothing (preview in the report)</source>
        <translation>Rien (aperçu dans le rapport)</translation>
    </message>
    <message>
        <location filename="../processing_provider/bases_regionales.py" line="48"/>
        <source>New records only</source>
        <translation>Fiches nouvelles seulement</translation>
    </message>
    <message>
        <location filename="../processing_provider/bases_regionales.py" line="49"/>
        <source>Everything (new and changed records)</source>
        <translation>Tout (fiches nouvelles et modifiées)</translation>
    </message>
    <message>
        <location filename="../processing_provider/bases_regionales.py" line="36"/>
        <source>Régions with the inventory (GeoJSON)</source>
        <translation>Régions avec l'inventaire (GeoJSON)</translation>
    </message>
    <message>
        <location filename="../processing_provider/bases_regionales.py" line="29"/>
        <source>GeoJSON files (*.geojson)</source>
        <translation>Fichiers GeoJSON (*.geojson)</translation>
    </message>
</context>
<context>
    <name>RollupAlgorithm</name>
    <message>
        <location filename="../processing_provider/rollup.py" line="38"/>
        <source>Levels</source>
        <translation>Niveaux</translation>
    </message>
    <message>
        <location filename="../processing_provider/rollup.py" line="40"/>
        <source>EPCI</source>
        <translation>EPCI</translation>
    </message>
    <message>
        <location filename="../processing_provider/rollup.py" line="40"/>
        <source>SCoT</source>
        <translation>SCoT</translation>
    </message>
    <message>
        <location filename="../processing_provider/rollup.py" line="39"/>
        <source>Communes with membership</source>
        <translation>Communes avec appartenance</translation>
    </message>
    <message>
        <location filename="../processing_provider/rollup.py" line="40"/>
        <source>Départements</source>
        <translation>Départements</translation>
    </message>
    <message>
        <location filename="../processing_provider/rollup.py" line="40"/>
        <source>Régions</source>
        <translation>Régions</translation>
    </message>
    <message>
        <location filename="../processing_provider/rollup.py" line="41"/>
        <source>One row per territory of this level and pair of millésimes, outline = union of its communes.</source>
        <translation>Une ligne par territoire de ce niveau et par couple de millésimes ; contour = union de ses communes.</translation>
    </message>
    <message>
        <location filename="../processing_provider/rollup.py" line="68"/>
        <source>Canceled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../processing_provider/rollup.py" line="108"/>
        <source>{level}: {count} territories</source>
        <translation>{level} : {count} territoires</translation>
    </message>
    <message>
        <location filename="../processing_provider/rollup.py" line="108"/>
        <source>{level}: {count} territory</source>
        <translation>{level} : {count} territoire</translation>
    </message>
</context>
</TS>
