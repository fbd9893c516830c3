"""Les champs de l'inventaire des bases d'occupation du sol régionales (groupe de travail OCS du
CNIG), dans l'ordre de son fichier : nom, libellé et description de chacun, et ceux du second jeu
(échelles, AMO, contrôle, prix et durée). Lus et contrôlés par :mod:`.regional_bases`.

Les libellés et descriptions ont leur texte source en anglais, marqué pour pylupdate5 (contexte
``@default``) et traduit à la lecture (``i18n/ocsge_plugin_fr.ts``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.i18n import tr

__all__ = [
    "FIELD_NAMES",
    "SCHEMA",
    "Field",
]


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name pylupdate5 looks for
    """Marque ``text`` pour la traduction là où il est déclaré ; il est traduit là où il est lu."""
    return text


@dataclass(frozen=True)
class Field:
    """Une colonne de l'inventaire : nom, libellé et description (textes sources en anglais,
    traduits à la lecture de ``label`` et ``description``) ; ``second_set`` vaut vrai pour les
    champs du second jeu du CNIG (échelles, AMO, contrôle, prix et durée)."""

    name: str
    source_label: str
    source_description: str
    second_set: bool = False

    @property
    def label(self) -> str:
        return tr(self.source_label)

    @property
    def description(self) -> str:
        return tr(self.source_description)


# Une entrée par champ, dans l'ordre du fichier, toutes disposées de même (un argument par ligne :
# la table se lit en colonnes) : nom, libellé, description, True pour le second jeu.
SCHEMA: tuple[Field, ...] = (
    Field(
        "identifiant",
        QT_TR_NOOP("Identifier"),
        QT_TR_NOOP("Unique identifier of the base in the inventory."),
    ),
    Field(
        "code_region",
        QT_TR_NOOP("Région code"),
        QT_TR_NOOP("INSEE code of the région (current or before 2016)."),
    ),
    Field(
        "region",
        QT_TR_NOOP("Région"),
        QT_TR_NOOP("Name of the région, before or after the 2016 merger."),
    ),
    Field(
        "caracteristiques",
        QT_TR_NOOP("Land-cover characteristics"),
        QT_TR_NOOP(
            "Free text: “en cours d'élaboration”, “OCS GE”, “OCS GE améliorée”, "
            "“OCS dérivée de Corine Land Cover”…"
        ),
    ),
    Field(
        "millesimes",
        QT_TR_NOOP("Millésimes"),
        QT_TR_NOOP("Years of the millésimes, separated by commas."),
    ),
    Field(
        "dimensions",
        QT_TR_NOOP("Dimensions"),
        QT_TR_NOOP("1 (one nomenclature) or 2 (cover and use)."),
    ),
    Field(
        "nombre_postes",
        QT_TR_NOOP("Number of classes"),
        QT_TR_NOOP("Number of classes of the nomenclature."),
    ),
    Field(
        "detail_postes",
        QT_TR_NOOP("Classes in detail"),
        QT_TR_NOOP("The nomenclature's classes in detail."),
    ),
    Field(
        "nombre_niveaux",
        QT_TR_NOOP("Number of levels"),
        QT_TR_NOOP("Number of nested levels."),
    ),
    Field(
        "detail_niveaux",
        QT_TR_NOOP("Levels in detail"),
        QT_TR_NOOP("The nested levels in detail."),
    ),
    Field(
        "umc",
        QT_TR_NOOP("MMU"),
        QT_TR_NOOP("Minimum mapping unit, free text citing an area."),
    ),
    Field(
        "images",
        QT_TR_NOOP("Images used"),
        QT_TR_NOOP("Aerial photographs or satellite images used."),
    ),
    Field(
        "prestataires",
        QT_TR_NOOP("Contractor(s)"),
        QT_TR_NOOP("Contractor(s) of the production."),
    ),
    Field(
        "lien_donnees",
        QT_TR_NOOP("Link to the data"),
        QT_TR_NOOP("Download address of the data."),
    ),
    Field(
        "lien_visualiseur",
        QT_TR_NOOP("Link to the viewer"),
        QT_TR_NOOP("Address of a viewer."),
    ),
    Field(
        "date_mise_a_jour",
        QT_TR_NOOP("Update date"),
        QT_TR_NOOP("Date the information was updated (YYYY-MM-DD)."),
    ),
    Field(
        "echelle_interpretation",
        QT_TR_NOOP("Interpretation scale"),
        QT_TR_NOOP("Scale of photo-interpretation or capture."),
        True,
    ),
    Field(
        "echelle_restitution",
        QT_TR_NOOP("Output scale"),
        QT_TR_NOOP("Recommended scale of use."),
        True,
    ),
    Field(
        "amo_existe",
        QT_TR_NOOP("AMO"),
        QT_TR_NOOP("Assistance to the contracting authority (AMO): “oui” or “non”."),
        True,
    ),
    Field(
        "amo_contenu",
        QT_TR_NOOP("AMO content"),
        QT_TR_NOOP("What the AMO covered."),
        True,
    ),
    Field(
        "amo_prix",
        QT_TR_NOOP("AMO price"),
        QT_TR_NOOP("Price of the AMO."),
        True,
    ),
    Field(
        "amo_duree",
        QT_TR_NOOP("AMO duration"),
        QT_TR_NOOP("Duration of the AMO."),
        True,
    ),
    Field(
        "amo_prestataire",
        QT_TR_NOOP("AMO contractor"),
        QT_TR_NOOP("Contractor of the AMO."),
        True,
    ),
    Field(
        "controle_qualite",
        QT_TR_NOOP("Quality control"),
        QT_TR_NOOP("Quality control and who did it."),
        True,
    ),
    Field(
        "prix_production",
        QT_TR_NOOP("Production price"),
        QT_TR_NOOP("Cost of the production."),
        True,
    ),
    Field(
        "duree_production",
        QT_TR_NOOP("Production duration"),
        QT_TR_NOOP("Duration of the production."),
        True,
    ),
    Field(
        "source_url",
        QT_TR_NOOP("Source"),
        QT_TR_NOOP("Public page(s) the information comes from, separated by spaces."),
    ),
    Field(
        "date_verification",
        QT_TR_NOOP("Verification date"),
        QT_TR_NOOP("Date the source was read (YYYY-MM-DD)."),
    ),
)
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in SCHEMA)
