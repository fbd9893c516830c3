"""The portrait's texts per territory (cover, key figures, commune table, method note), in French, with
the numbers of the published tables formatted the French way. Each becomes a field of the atlas layer that
the template's labels show (``[% "chiffres" %]``…)."""

from __future__ import annotations

from datetime import date
from html import escape

from .numbers import hectares, number, percent, signed_hectares
from .tables import LEVEL_LABELS, Territory

ROWS_PER_PAGE = 38
METHODS = {
    "auto": "automatique (couches d'artificialisation de l'IGN si présentes, sinon matrice et seuils)",
    "ign": "couches d'artificialisation de l'IGN",
    "matrice": "matrice couverture × usage du décret",
    "matrice_seuils": "matrice couverture × usage du décret et seuils de 2 500 m²",
}
CONVENTIONS = {
    "indetermine": "indéterminé compté à part (un code parent vaut pour ses feuilles ; valeurs nulles, INDETERMINE ou inconnues jamais comptées comme non artificialisées)",
    "national": "comme les fichiers nationaux (codes exacts seulement ; tout autre code ni artificialisé ni imperméabilisé)",
}
STYLE = "font-family:'DejaVu Sans';color:#222222"
CELL = "padding:3px 6px;border-bottom:1px solid #dddddd"
DENSE = "padding:1px 4px;border-bottom:1px solid #dddddd"


def _table(headers: list[str], rows: list[list[str]], size: float = 9, first_width: str = "", cell: str = CELL, numbers: bool = True) -> str:
    def cells(values, tag):
        out = []
        for index, value in enumerate(values):
            align = "right" if index and numbers else "left"
            width = f";width:{first_width};white-space:nowrap" if index == 0 and first_width else ""
            out.append(f"<{tag} style='{cell};text-align:{align}{width}'>{value}</{tag}>")
        return "".join(out)

    head = f"<tr style='background:#f3d5d8'>{cells(headers, 'th')}</tr>" if headers else ""
    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in rows)
    return f"<table style='{STYLE};font-size:{size}pt;border-collapse:collapse;width:100%'>{head}{body}</table>"


def _h(text: str) -> str:
    return f"<p style=\"{STYLE};font-size:11pt;font-weight:bold;color:#c8102e;margin:14px 0 4px 0\">{text}</p>"


def _p(text: str, size: float = 9) -> str:
    return f"<p style=\"{STYLE};font-size:{size}pt;margin:4px 0\">{text}</p>"


def millesimes(t: Territory) -> str:
    return f"{t.debut}–{t.fin}" if t.debut and t.fin else str(t.fin or "")


def cover(t: Territory, method: str, convention: str, deliveries: list[str], layers: list[str], today: date | None = None) -> str:
    today = today or date.today()
    rows = [
        ["Territoire", escape(t.nom)],
        ["Code", escape(t.code)],
        ["Niveau", LEVEL_LABELS[t.level]],
        ["Millésimes", f"{t.debut or '–'} et {t.fin or '–'}"],
        ["Méthode d'artificialisation", escape(METHODS.get(method, method))],
        ["Codes indéterminés", escape(CONVENTIONS.get(convention, convention))],
        ["Source", "IGN, OCS GE (occupation du sol à grande échelle)"],
        ["Livraisons lues", "<br/>".join(escape(d) for d in deliveries) or "–"],
        ["Couches lues", "<br/>".join(escape(name) for name in layers) or "–"],
        ["Date de production", today.strftime("%d/%m/%Y")],
    ]
    return _table([], rows, 10, "30%", numbers=False)


def key_figures(t: Territory, parents: list[Territory], n_communes: int) -> str:
    debut, fin = t.debut or "début", t.fin or "fin"
    stocks = [
        ["Surface du territoire", hectares(t.area), hectares(t.area)],
        ["Surface artificialisée", hectares(t.stock_debut("artif")), hectares(t.get("surface_artif"))],
        ["Part artificialisée", percent(t.share_debut("artif")), percent(t.get("pourcent_artif"))],
        ["Surface imperméabilisée", hectares(t.stock_debut("imper")), hectares(t.get("surface_imper"))],
        ["Part imperméabilisée", percent(t.share_debut("imper")), percent(t.get("pourcent_imper"))],
        ["Surface indéterminée (comptée à part)", "", hectares(t.get("surface_indeterminee"))],
    ]
    years = t.years
    flows = [
        ["Artificialisation", hectares(t.get("flux_artif"))],
        ["Désartificialisation", hectares(t.get("flux_desartif"))],
        ["Artificialisation nette", signed_hectares(t.get("flux_artif_net"))],
        [f"Artificialisation nette par an ({years} ans)" if years else "Artificialisation nette par an", signed_hectares(t.per_year("artif"))],
        ["Imperméabilisation", hectares(t.get("flux_imper"))],
        ["Désimperméabilisation", hectares(t.get("flux_desimper"))],
        ["Imperméabilisation nette", signed_hectares(t.get("flux_imper_net"))],
        ["Flux indéterminés (comptés à part)", hectares(t.get("flux_indetermine"))],
    ]
    compare = []
    for territory in [t, *parents]:
        rate = territory.per_year("artif")
        relative = None if rate is None or not territory.area else 100.0 * rate / territory.area
        compare.append([escape(f"{LEVEL_LABELS[territory.level]} {territory.nom}"), percent(territory.get("pourcent_artif")), signed_hectares(rate), percent(relative, 2)])
    note = (
        f"Stocks au {fin} tels que publiés ; stocks au {debut} : stock {fin} moins le flux net publié. "
        "Parts en % de la surface totale du territoire. Une valeur qu'aucune couche ne donne est notée « – », jamais 0."
    )
    if t.level != "commune":
        note += f" {n_communes} commune{'s' if n_communes > 1 else ''} dans les données."
    return (
        _h("Stocks")
        + _table(["", str(debut), str(fin)], stocks, 9.5, "52%")
        + _h(f"Flux {millesimes(t)}")
        + _table(["", "Surface"], flows, 9.5, "52%")
        + _h("Comparaison")
        + _table(["Territoire", f"Part artificialisée {fin}", "Artificialisation nette par an", "Rythme annuel (% de la surface)"], compare, 9, "40%")
        + _p(note, 8)
    )


def communes_pages(communes: list[Territory], rows_per_page: int = ROWS_PER_PAGE) -> list[str]:
    """The commune table, sorted by net artificialisation, cut into pages."""
    ordered = sorted(communes, key=lambda c: (c.get("flux_artif_net") is None, -(c.get("flux_artif_net") or 0), c.nom))
    if not ordered:
        return []
    first = ordered[0]
    headers = ["Commune", "Surface", f"Part artif. {first.debut or ''}", f"Part artif. {first.fin or ''}", "Artif.", "Désartif.", "Imper.", "Désimper.", "Artif. nette"]
    pages = []
    for start in range(0, len(ordered), rows_per_page):
        rows = [
            [escape(c.nom), number(c.area, 0), percent(c.share_debut("artif")), percent(c.get("pourcent_artif")), number(c.get("flux_artif")),
             number(c.get("flux_desartif")), number(c.get("flux_imper")), number(c.get("flux_desimper")), number(c.get("flux_artif_net"))]
            for c in ordered[start:start + rows_per_page]
        ]
        title = f"{len(ordered)} communes, classées par artificialisation nette (surfaces et flux en hectares)"
        if start:
            title += f" — suite ({start + 1} à {min(start + rows_per_page, len(ordered))})"
        pages.append(_p(title, 8) + _table(headers, rows, 7, "26%", DENSE))
    return pages


def method_note(method: str, convention: str) -> str:
    return "".join(
        [
            _h("Données"),
            _p("OCS GE (occupation du sol à grande échelle) de l'IGN, couverture et usage du sol, à deux millésimes. "
               "Les chiffres de ce portrait sont ceux des tables publiées artif_&lt;niveau&gt;, imper_&lt;niveau&gt; et "
               "qualite_&lt;niveau&gt; que l'extension écrit (algorithme ocsge:diagnostic, schéma de data.gouv.fr), "
               "jointes au dossier de ce rapport : aucun chiffre n'est recalculé pour la mise en page."),
            _h("Artificialisation"),
            _p(f"Méthode appliquée : {escape(METHODS.get(method, method))}."),
            _p("Décret n° 2023-1096 du 27 novembre 2023 (nomenclature de l'article R. 101-1 du code de l'urbanisme), "
               "étape 1, matrice couverture × usage : sont artificialisés CS1.1.1.1 (bâti), CS1.1.1.2 (zones "
               "imperméables) et CS1.1.2.2 quel que soit l'usage ; CS1.1.2.1 (matériaux minéraux) sauf usage US1.3 "
               "(extraction) ; CS2.2.1 et CS2.2.2 (formations herbacées) aux usages US2, US3, US5, US235, US4.1.1 à "
               "US4.1.5, US4.2, US4.3, US6.1 et US6.2. Sols nus, eaux et formations ligneuses ne le sont jamais."),
            _p("Étape 2, seuils de 2 500 m² sur les îlots contigus, en une seule passe : un îlot non artificialisé de "
               "moins de 2 500 m² enclavé dans l'artificialisé devient artificialisé ; un îlot artificialisé de moins "
               "de 2 500 m² enclavé dans le non-artificialisé devient non artificialisé, sauf le bâti (CS1.1.1.1) de "
               "plus de 50 m². La couche d'artificialisation de l'IGN applique déjà ces règles (sans les exemptions "
               "facultatives du décret : photovoltaïque au sol, parcs publics)."),
            _p("Imperméabilisation : couvertures CS1.1.1.1 et CS1.1.1.2."),
            _h("Codes indéterminés"),
            _p(f"Convention : {escape(CONVENTIONS.get(convention, convention))}. La surface dont le statut ne peut être "
               "établi est donnée à part dans les chiffres clés."),
            _h("Flux"),
            _p("Flux entre les deux millésimes : couches de différence de l'IGN, ou superposition des deux "
               "millésimes. Artificialisation nette = artificialisation − désartificialisation. Les stocks sont "
               "ceux du dernier millésime ; les parts sont rapportées à la surface totale du territoire."),
            _h("Sources"),
            _p("IGN, OCS GE : https://geoservices.ign.fr/ocsge<br/>"
               "Décret n° 2023-1096 : https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000048465959<br/>"
               "Données publiées : https://www.data.gouv.fr (artificialisation des sols, OCS GE)<br/>"
               "Mon Diagnostic Artificialisation : https://mondiagartif.beta.gouv.fr"),
        ]
    )
