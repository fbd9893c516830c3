"""The portrait's texts per territory (cover, key figures, commune table, method note), in
French, with the numbers of the published tables formatted the French way: rows of plain text
cells, written to the atlas GeoPackage (table ``lignes``) that the template's attribute tables
show, drawn by QGIS itself on every version (no HTML, no QtWebKit)."""

from __future__ import annotations

from datetime import date

from ..domain.correspondence import PREFIX
from .numbers import hectares, number, percent, signed_hectares
from .tables import LEVEL_LABELS, Territory

__all__ = [
    "COMMUNE_HEADINGS",
    "communes_table",
    "convention_words",
    "cover",
    "key_figures",
    "method_note",
    "millesimes",
]

METHOD_LABELS = {  # a METHOD parameter's value → its words in the method note
    "auto": "automatique (couches d'artificialisation de l'IGN si présentes, sinon matrice et "
    "seuils)",
    "ign": "couches d'artificialisation de l'IGN",
    "matrice": "matrice couverture × usage du décret",
    "matrice_seuils": "matrice couverture × usage du décret et seuils de 2 500 m²",
}
CONVENTION_LABELS = {  # a classification convention → its words
    "indetermine": "indéterminé compté à part (un code parent vaut pour ses feuilles ; "
    "valeurs nulles, INDETERMINE ou inconnues jamais comptées comme non artificialisées)",
    "national": "comme les fichiers nationaux (codes exacts seulement ; tout autre code ni "
    "artificialisé ni imperméabilisé)",
}


def table_name(convention: str) -> str | None:
    """The name of the correspondence table a regional base was read through (the tables'
    convention ``correspondance:<nom>``), else None."""
    return convention[len(PREFIX) :] if (convention or "").startswith(PREFIX) else None


def convention_words(convention: str) -> str:
    """A convention in words: the classification's, or the correspondence table's."""
    name = table_name(convention)
    if name is not None:
        return (
            f"table de correspondance « {name} » (code absent de la table ou dit indéterminé : "
            "compté à part, jamais comme non artificialisé)"
        )
    return CONVENTION_LABELS.get(convention, convention)


def _regional_note(name: str) -> dict[str, str]:
    """The method note's sections that differ for a base read through a correspondence table."""
    return {
        "Données": "Base d'occupation du sol lue à travers la table de correspondance "
        f"« {name} », à deux millésimes. Les chiffres de ce portrait sont ceux des tables "
        "artif_<niveau>, imper_<niveau> et qualite_<niveau> que l'extension écrit (algorithme "
        "ocsge:diagnostic, schéma de data.gouv.fr), jointes au dossier de ce rapport : aucun "
        "chiffre n'est recalculé pour la mise en page.",
        "Artificialisation": f"Réponse de la table de correspondance « {name} » pour le code de "
        "chaque polygone (artificialisé, non artificialisé ou indéterminé), sans les seuils de "
        "2 500 m² du décret, définis sur l'OCS GE. Ces chiffres ne sont pas ceux de l'OCS GE.",
        "Imperméabilisation": f"Réponse de la table de correspondance « {name} » ; là où elle ne "
        "la dit pas, l'imperméabilisation est indéterminée.",
    }


def millesimes(t: Territory) -> str:
    return f"{t.debut}–{t.fin}" if t.debut and t.fin else str(t.fin or "")


def cover(
    t: Territory,
    method: str,
    convention: str,
    deliveries: list[str],
    layers: list[str],
    today: date | None = None,
) -> str:
    today = today or date.today()
    rows = [
        ["Territoire", t.nom],
        ["Code", t.code],
        ["Niveau", LEVEL_LABELS[t.level]],
        ["Millésimes", f"{t.debut or '–'} et {t.fin or '–'}"],
        [
            "Méthode d'artificialisation",
            METHOD_LABELS.get(method, method)
            if table_name(convention) is None
            else f"table de correspondance « {table_name(convention)} »",
        ],
        ["Codes indéterminés", convention_words(convention)],
        [
            "Source",
            "IGN, OCS GE (occupation du sol à grande échelle)"
            if table_name(convention) is None
            else f"base d'occupation du sol, table de correspondance « {table_name(convention)} »",
        ],
        ["Livraisons lues", "\n".join(deliveries) or "–"],
        ["Couches utilisées", "\n".join(layers) or "–"],
        ["Date de production", today.strftime("%d/%m/%Y")],
    ]
    return rows


def key_figures(t: Territory, parents: list[Territory], n_communes: int) -> str:
    debut, fin = t.debut or "début", t.fin or "fin"
    stocks = [
        ["Surface du territoire", hectares(t.area), hectares(t.area)],
        [
            "Surface artificialisée",
            hectares(t.stock_debut("artif")),
            hectares(t.get("surface_artif")),
        ],
        ["Part artificialisée", percent(t.share_debut("artif")), percent(t.get("pourcent_artif"))],
        [
            "Surface imperméabilisée",
            hectares(t.stock_debut("imper")),
            hectares(t.get("surface_imper")),
        ],
        ["Part imperméabilisée", percent(t.share_debut("imper")), percent(t.get("pourcent_imper"))],
        ["Surface indéterminée (comptée à part)", "", hectares(t.get("surface_indeterminee"))],
    ]
    years = t.years
    flows = [
        ["Artificialisation", hectares(t.get("flux_artif"))],
        ["Désartificialisation", hectares(t.get("flux_desartif"))],
        ["Artificialisation nette", signed_hectares(t.get("flux_artif_net"))],
        [
            f"Artificialisation nette par an ({years} ans)"
            if years
            else "Artificialisation nette par an",
            signed_hectares(t.per_year("artif")),
        ],
        ["Imperméabilisation", hectares(t.get("flux_imper"))],
        ["Désimperméabilisation", hectares(t.get("flux_desimper"))],
        ["Imperméabilisation nette", signed_hectares(t.get("flux_imper_net"))],
        ["Flux indéterminés (comptés à part)", hectares(t.get("flux_indetermine"))],
    ]
    compare = []
    for territory in [t, *parents]:
        rate = territory.per_year("artif")
        relative = None if rate is None or not territory.area else 100.0 * rate / territory.area
        compare.append(
            [
                f"{LEVEL_LABELS[territory.level]} {territory.nom}",
                percent(territory.get("pourcent_artif")),
                signed_hectares(rate),
                percent(relative, 2),
            ]
        )
    note = (
        f"Stocks au {fin} tels que publiés ; stocks au {debut} : stock {fin} moins le "
        "flux net publié. "
        "Parts en % de la surface totale du territoire. Une valeur qu'aucune couche ne "
        "donne est notée « – », jamais 0."
    )
    if t.level != "commune":
        note += f" {n_communes} commune{'s' if n_communes > 1 else ''} dans les données."
    return {
        "stocks": [["", str(debut), str(fin)], *stocks],
        "flux": [["", "Surface"], *flows],
        "comparaison": [
            [
                "Territoire",
                f"Part artificialisée {fin}",
                "Artificialisation nette par an",
                "Rythme annuel (% de la surface)",
            ],
            *compare,
        ],
        "note": note,
    }


COMMUNE_HEADINGS = (
    "Commune",
    "Surface",
    "Part artif. début",
    "Part artif. fin",
    "Artif.",
    "Désartif.",
    "Imper.",
    "Désimper.",
    "Artif. nette",
)


def communes_table(communes: list[Territory]) -> tuple[str, list[list[str]]]:
    """The commune table (its title and rows, headed by :data:`COMMUNE_HEADINGS`), sorted by net
    artificialisation."""
    ordered = sorted(
        communes,
        key=lambda c: (c.get("flux_artif_net") is None, -(c.get("flux_artif_net") or 0), c.nom),
    )
    if not ordered:
        return "", []
    first = ordered[0]
    rows = [
        [
            c.nom,
            number(c.area, 0),
            percent(c.share_debut("artif")),
            percent(c.get("pourcent_artif")),
            number(c.get("flux_artif")),
            number(c.get("flux_desartif")),
            number(c.get("flux_imper")),
            number(c.get("flux_desimper")),
            number(c.get("flux_artif_net")),
        ]
        for c in ordered
    ]
    title = (
        f"{len(ordered)} communes, classées par artificialisation nette ; surfaces et "
        "flux en hectares, parts "
        f"artificialisées au début ({first.debut or '–'}) et à la fin "
        f"({first.fin or '–'}) de la période."
    )
    return title, rows


def method_note(method: str, convention: str) -> list[list[str]]:
    """The method note: [heading, text] per section, paragraphs separated by a line break (the
    headings do not depend on the method nor the convention; a base read through a correspondence
    table has its own data, artificialisation and imperméabilisation sections)."""
    name = table_name(convention)
    regional = _regional_note(name) if name is not None else {}
    return [
        [heading, regional.get(heading, text)] for heading, text in _ocsge_note(method, convention)
    ]


def _ocsge_note(method: str, convention: str) -> list[list[str]]:
    """The method note of OCS GE."""
    return [
        [
            "Données",
            "OCS GE (occupation du sol à grande échelle) de l'IGN, couverture et usage "
            "du sol, à deux millésimes. "
            "Les chiffres de ce portrait sont ceux des tables publiées artif_<niveau>, "
            "imper_<niveau> et "
            "qualite_<niveau> que l'extension écrit (algorithme ocsge:diagnostic, schéma "
            "de data.gouv.fr), "
            "jointes au dossier de ce rapport : aucun chiffre n'est recalculé pour la "
            "mise en page.",
        ],
        [
            "Artificialisation",
            f"Méthode appliquée : {METHOD_LABELS.get(method, method)}.\n"
            "Décret n° 2023-1096 du 27 novembre 2023 (nomenclature de l'article R. 101-1 "
            "du code de l'urbanisme), "
            "étape 1, matrice couverture × usage : sont artificialisés CS1.1.1.1 (bâti), "
            "CS1.1.1.2 (zones "
            "imperméables) et CS1.1.2.2 quel que soit l'usage ; CS1.1.2.1 (matériaux "
            "minéraux) sauf usage US1.3 "
            "(extraction) ; CS2.2.1 et CS2.2.2 (formations herbacées) aux usages US2, "
            "US3, US5, US235, US4.1.1 à "
            "US4.1.5, US4.2, US4.3, US6.1 et US6.2. Sols nus, eaux et formations "
            "ligneuses ne le sont jamais.\n"
            "Étape 2, seuils de 2 500 m² sur les îlots contigus, en une seule passe : un "
            "îlot non artificialisé de "
            "moins de 2 500 m² enclavé dans l'artificialisé devient artificialisé ; un "
            "îlot artificialisé de moins "
            "de 2 500 m² enclavé dans le non-artificialisé devient non artificialisé, "
            "sauf le bâti (CS1.1.1.1) de "
            "plus de 50 m². La couche d'artificialisation de l'IGN applique déjà ces "
            "règles (sans les exemptions "
            "facultatives du décret : photovoltaïque au sol, parcs publics).",
        ],
        ["Imperméabilisation", "Couvertures CS1.1.1.1 et CS1.1.1.2."],
        [
            "Codes indéterminés",
            f"Convention : {convention_words(convention)}. La surface dont le "
            "statut ne peut être "
            "établi est donnée à part dans les chiffres clés.",
        ],
        [
            "Flux",
            "Flux entre les deux millésimes : couches de différence de l'IGN, ou "
            "superposition des deux "
            "millésimes. Artificialisation nette = artificialisation − "
            "désartificialisation. Les stocks sont "
            "ceux du dernier millésime ; les parts sont rapportées à la surface totale "
            "du territoire.",
        ],
        [
            "Sources",
            "IGN, OCS GE : https://geoservices.ign.fr/ocsge\n"
            "Décret n° 2023-1096 : https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000048465959\n"
            "Données publiées : https://www.data.gouv.fr (artificialisation des sols, OCS GE)\n"
            "Mon Diagnostic Artificialisation : https://mondiagartif.beta.gouv.fr",
        ],
    ]
