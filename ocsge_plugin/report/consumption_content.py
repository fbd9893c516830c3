"""The portrait's texts of NAF consumption and of the ZAN trajectory 2021–2031 (docs/domain.md
§8), in French, from the tables ``computing.consumption`` computes (nothing computed again here:
figures picked and formatted by ``numbers``), and the legal frame of the rapport relatif à
l'artificialisation des sols (article R. 2231-1 du code général des collectivités territoriales)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..computing.consumption import ConsumptionResult
from .numbers import hectares, number, percent
from .tables import LEVEL_LABELS, Territory

__all__ = ["Consumption", "legal_frame", "naf_figures", "trajectory_rows"]

# Article R. 2231-1 du CGCT, in the wording of décret n° 2023-1096 du 27 novembre 2023 (checked on
# lexbase.fr, « Art. R2231-1, Code général des collectivités territoriales », L4202MKT).
R2231_1 = (
    "« Le rapport relatif à l'artificialisation des sols prévu à l'article L. 2231-1 présente, "
    "pour les années civiles sur lesquelles il porte et au moins tous les trois ans, les "
    "indicateurs et données suivants :\n"
    "1° La consommation des espaces naturels, agricoles et forestiers, exprimée en nombre "
    "d'hectares, le cas échéant en la différenciant entre ces types d'espaces, et en pourcentage "
    "au regard de la superficie du territoire couvert. [...] ;\n"
    "2° Le solde entre les surfaces artificialisées et les surfaces désartificialisées, telles "
    "que définies dans la nomenclature annexée à l'article R. 101-1 du code de l'urbanisme ;\n"
    "3° Les surfaces dont les sols ont été rendus imperméables, au sens des 1° et 2° de la "
    "nomenclature annexée à l'article R. 101-1 du code de l'urbanisme ;\n"
    "4° L'évaluation du respect des objectifs de réduction de la consommation d'espaces "
    "naturels, agricoles et forestiers et de lutte contre l'artificialisation des sols fixés "
    "dans les documents de planification et d'urbanisme. [...] »"
)


def _known(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


@dataclass
class Consumption:
    """The consumption tables of a run (``computing.consumption.compute``, in hectares), read by
    level and territory code."""

    result: ConsumptionResult
    _rows: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for level, tables in self.result.levels.items():
            key = f"{level}_code"
            both = tables.trajectoires.merge(
                tables.consommation.drop(columns=["nom"], errors="ignore"),
                on=key,
                how="left",
                suffixes=("", "_conso"),
            )
            self._rows[level] = {str(r[key]): r for r in both.to_dict("records")}
            series: dict[str, list[dict]] = {}
            for row in tables.series().to_dict("records"):
                series.setdefault(str(row[key]), []).append(row)
            self._rows[f"{level}:series"] = series

    @property
    def last_year(self) -> int:
        return self.result.last_year

    def row(self, territory: Territory) -> dict | None:
        """The ``trajectoires`` and ``consommation`` columns of ``territory`` (None: not in the
        file's territories)."""
        return self._rows.get(territory.level, {}).get(territory.code)

    def series(self, territory: Territory) -> list[dict]:
        """The yearly rows (``annee``, ``conso``, ``conso_<destination>``) of ``territory``."""
        return self._rows.get(f"{territory.level}:series", {}).get(territory.code, [])


def _surface(row: dict, territory: Territory):
    """The territory's area in ha: the consumption file's communal areas, else the OCS GE one."""
    return row.get("surface") if _known(row.get("surface")) else territory.area


def _share(value, area):
    return 100.0 * value / area if _known(value) and _known(area) and area else None


def _per_inhabitant(row: dict) -> tuple[str, str]:
    """(period, m² per new inhabitant) of the consumption table, or ('', '–')."""
    for name, value in row.items():
        if name.startswith("conso_m2_par_nouvel_habitant_"):
            first, end = name.rsplit("_", 2)[-2:]
            return f"{first}–{end}", number(value, 0) if _known(value) else "–"
    return "", "–"


def naf_figures(territory: Territory, parents: list[Territory], data: Consumption) -> dict:
    """The blocks ``conso`` (indicator 1° of article R. 2231-1: hectares and share of the
    territory's area) and ``conso_comparaison`` (the territory beside its EPCI and département),
    and the note under them."""
    row = data.row(territory) or {}
    last = data.last_year
    area = _surface(row, territory)
    reference, since = row.get("conso_2011_2020"), row.get("conso_depuis_2021")
    whole = row.get(f"conso_2011_{last}")
    if not _known(whole) and _known(reference) and _known(since):
        whole = reference + since
    period, per_inhabitant = _per_inhabitant(row)
    block = [
        ["Consommation 2011–2020 (période de référence)", hectares(reference)],
        ["  en % de la surface du territoire", percent(_share(reference, area), 2)],
        [f"Consommation 2021–{last}", hectares(since)],
        ["  en % de la surface du territoire", percent(_share(since, area), 2)],
        [f"Consommation 2011–{last}", hectares(whole)],
        ["  en % de la surface du territoire", percent(_share(whole, area), 2)],
        [
            f"Consommation par nouvel habitant ({period or '–'})",
            f"{per_inhabitant}\u00a0m²" if per_inhabitant != "–" else "–",
        ],
        ["Surface du territoire", hectares(area)],
    ]
    compare = [["Territoire", "2011–2020", "Par an", "% de la surface", "m² / nouvel hab."]]
    for other in [territory, *parents]:
        found = data.row(other)
        if found is None:
            continue
        value = found.get("conso_2011_2020")
        compare.append(
            [
                f"{LEVEL_LABELS[other.level]} {other.nom}",
                hectares(value),
                hectares(value / 10.0 if _known(value) else None),
                percent(_share(value, _surface(found, other)), 2),
                _per_inhabitant(found)[1],
            ]
        )
    note = (
        "Source : Cerema, fichiers fonciers (consommation d'espaces naturels, agricoles et "
        f"forestiers par année civile, 2011 à {last}). Les fichiers fonciers ne distinguent pas "
        "les espaces naturels, agricoles et forestiers entre eux : la consommation est ventilée "
        "par destination."
    )
    if row.get("partiel") == "oui":
        note += (
            " Totaux partiels : communes absentes du fichier "
            f"({row.get('codes_manquants') or 'aucune'}) ou années vides "
            f"({row.get('valeurs_vides') or 'aucune'})."
        )
    return {"conso": block, "conso_comparaison": compare, "note": note}


def trajectory_rows(territory: Territory, data: Consumption) -> tuple[list[list[str]], str]:
    """The block ``trajectoire`` (the territory's row of ``trajectoires_<level>``, formatted) and
    its note."""
    row = data.row(territory) or {}
    last = data.last_year
    years = row.get("nb_annees_depuis_2021")
    rows = [
        ["Consommation de référence 2011–2020", hectares(row.get("conso_2011_2020"))],
        ["Taux de réduction", percent(row.get("taux_reduction"), 0)],
        [
            "Enveloppe 2021–2030 (consommation autorisée)",
            hectares(row.get("conso_autorisee_2021_2030")),
        ],
        [f"Consommation depuis 2021 (2021–{last})", hectares(row.get("conso_depuis_2021"))],
        ["Part de l'enveloppe utilisée", percent(row.get("pourcentage_utilisation_actuelle"))],
        [
            f"Rythme annuel depuis 2021 ({years or '–'} an{'s' if (years or 0) > 1 else ''})",
            hectares(row.get("conso_annuelle_depuis_2021")),
        ],
        ["Consommation projetée fin 2030", hectares(row.get("conso_projetee_2030"))],
        [
            "Part de l'enveloppe projetée fin 2030",
            percent(row.get("pourcentage_utilisation_projetee_en_2030")),
        ],
    ]
    convention = (
        "convention de la table nationale « Trajectoires ZAN » (toute enveloppe portée à 1 ha, "
        "projection = rythme annuel × 9)"
        if row.get("convention") == "national"
        else "loi (garantie communale de 1 ha pour les communes seules ; projection = "
        "consommation depuis 2021 + rythme annuel × années restantes)"
    )
    note = (
        "Enveloppe 2021–2030 = consommation 2011–2020 × (1 − taux de réduction) : 50 % "
        "(loi n° 2021-1104 du 22 août 2021, article 194, I, 1°) ou le taux fixé par le document "
        f"de planification. Convention : {convention}. Part utilisée = consommation depuis 2021 "
        "÷ enveloppe."
    )
    if row.get("conso_autorisee_augmentee_a_1ha_2021_2030") == "oui":
        note += " L'enveloppe est portée à 1 ha."
    return rows, note


def legal_frame(territory: Territory, data: Consumption) -> list[list[str]]:
    """The rapport triennal's frame: [heading, text] per section (legal basis, indicators,
    periods, where each indicator is in the report)."""
    last = data.last_year
    ocsge = (
        f"millésimes {territory.debut} et {territory.fin}"
        if territory.debut and territory.fin
        else f"millésime {territory.fin or '–'}"
    )
    return [
        [
            "Base légale",
            "Article L. 2231-1 du code général des collectivités territoriales : le maire ou le "
            "président de l'établissement public de coopération intercommunale doté d'un plan "
            "local d'urbanisme, d'un document en tenant lieu ou d'une carte communale présente au "
            "conseil, au moins une fois tous les trois ans, un rapport relatif à "
            "l'artificialisation des sols. Son contenu est fixé par l'article R. 2231-1 du même "
            "code (rédaction du décret n° 2023-1096 du 27 novembre 2023).",
        ],
        ["Article R. 2231-1", R2231_1],
        [
            "Périodes",
            "Consommation d'espaces NAF (fichiers fonciers, Cerema) : années civiles 2011 à 2020 "
            f"(période de référence) et 2021 à {last} (dernière année du fichier). "
            f"Artificialisation et imperméabilisation : OCS GE de l'IGN, {ocsge}.",
        ],
        [
            "Dans ce rapport",
            "1° : « Consommation d'espaces NAF » (hectares et part de la surface du territoire ; "
            "les fichiers fonciers ne distinguent pas les types d'espaces, la consommation est "
            "donnée par destination). 2° et 3° : « Chiffres clés » et « Stocks et flux » "
            "(OCS GE ; pour 2021–2031 la loi mesure la consommation d'espaces NAF, "
            "l'artificialisation nette à partir de 2031). 4° : « Trajectoire ZAN 2021–2031 », au "
            "regard de l'objectif de réduction de la loi ou du taux du document de planification. "
            "Sous chaque graphique, un cadre « Commentaire » reçoit les explications des "
            "évolutions observées que le rapport doit donner.",
        ],
    ]
