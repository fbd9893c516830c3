"""Inventaire national des bases d'occupation du sol régionales (champs du groupe de travail OCS
du CNIG) : schéma, lecture, contrôle, écriture, fusion d'un inventaire importé et jointure aux
contours des régions. Les champs eux-mêmes (nom, libellé, description) : :mod:`.regional_fields`.

Bibliothèque standard et traduction du plugin (``core.i18n.tr``) seulement. Les messages ont
leur texte source en anglais et leur traduction française dans ``i18n/ocsge_plugin_fr.ts``.

Conventions du fichier (``resources/bases_ocs_regionales.csv``) :

- UTF-8 sans BOM, séparateur ``;``, guillemets seulement quand un champ en contient besoin
  (``csv.QUOTE_MINIMAL``), fin de ligne ``\\n`` ; l'en-tête est exactement :data:`FIELD_NAMES` ;
- une ligne par base, plusieurs lignes par région permises ; ``code_region`` est un code INSEE de
  région actuel (:data:`CURRENT_REGIONS`) ou d'avant la fusion de 2016 (:data:`OLD_REGIONS`) ;
- ``millesimes`` : des millésimes séparés par ``,`` ou ``;`` ; chacun est une année (1950–2100) ou,
  pour un millésime dont les prises de vues s'étalent sur plusieurs années, deux années jointes par
  ``/`` ou ``-`` distantes d'au plus :data:`MAX_CAMPAIGN_SPAN` ans (``2011/2012``, ``2015-2016``).
  Un écart plus grand (``2000-2015``) est refusé : il se lit comme une période entre deux
  millésimes, qu'on écrit ``2000, 2015`` ;
- ``nombre_postes``, ``nombre_niveaux`` : un nombre, « N à M » (5 à 6 niveaux selon les branches)
  ou « N + M » (postes de couverture + postes d'usage) ;
- ``umc`` : texte libre qui doit citer au moins une surface (m², m2, ha, km²), voir :func:`umc_m2` ;
- ``source_url``, ``lien_donnees``, ``lien_visualiseur`` : adresses http(s) ; ``source_url`` peut en
  donner plusieurs, séparées par des espaces ;
- dates au format ISO ``AAAA-MM-JJ``.
"""

from __future__ import annotations

import csv
import io
import re
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core.i18n import tr
from .regional_fields import FIELD_NAMES, SCHEMA, Field

__all__ = [
    "CURRENT_REGIONS",
    "FIELD_NAMES",
    "MAX_CAMPAIGN_SPAN",
    "OCS_GE",
    "OLD_REGIONS",
    "OLD_TO_CURRENT",
    "SCHEMA",
    "Change",
    "Field",
    "FieldChange",
    "InventoryError",
    "MergePreview",
    "Record",
    "apply",
    "covers",
    "import_inventory",
    "merge",
    "millesimes",
    "read_inventory",
    "regions_without_regional_base",
    "to_geojson",
    "umc_m2",
    "validate",
    "write_inventory",
]


_FIELDS = {f.name: f for f in SCHEMA}

OCS_GE = "OCS GE"
"""Valeur de ``caracteristiques`` des lignes de l'OCS GE nationale de l'IGN (une par région)."""

CURRENT_REGIONS: dict[str, str] = {
    "01": "Guadeloupe",
    "02": "Martinique",
    "03": "Guyane",
    "04": "La Réunion",
    "06": "Mayotte",
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur",
    "94": "Corse",
}
OLD_REGIONS: dict[str, str] = {
    "11": "Île-de-France",
    "21": "Champagne-Ardenne",
    "22": "Picardie",
    "23": "Haute-Normandie",
    "24": "Centre",
    "25": "Basse-Normandie",
    "26": "Bourgogne",
    "31": "Nord-Pas-de-Calais",
    "41": "Lorraine",
    "42": "Alsace",
    "43": "Franche-Comté",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "54": "Poitou-Charentes",
    "72": "Aquitaine",
    "73": "Midi-Pyrénées",
    "74": "Limousin",
    "82": "Rhône-Alpes",
    "83": "Auvergne",
    "91": "Languedoc-Roussillon",
    "93": "Provence-Alpes-Côte d'Azur",
    "94": "Corse",
}
OLD_TO_CURRENT: dict[str, str] = {
    "11": "11",
    "21": "44",
    "22": "32",
    "23": "28",
    "24": "24",
    "25": "28",
    "26": "27",
    "31": "32",
    "41": "44",
    "42": "44",
    "43": "27",
    "52": "52",
    "53": "53",
    "54": "75",
    "72": "75",
    "73": "76",
    "74": "75",
    "82": "84",
    "83": "84",
    "91": "76",
    "93": "93",
    "94": "94",
}
"""Région d'avant 2016 → région qui la contient depuis le 1er janvier 2016."""

MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_CAMPAIGN_SPAN = 3
_URL_FIELDS = ("lien_donnees", "lien_visualiseur", "source_url")
_DATE_FIELDS = ("date_mise_a_jour", "date_verification")
_REQUIRED = ("identifiant", "code_region", "region", "source_url", "date_verification")
_DIALECT = {"delimiter": ";", "quotechar": '"', "lineterminator": "\n"}


class InventoryError(ValueError):
    """Un inventaire refusé ; ``problems`` liste les messages (traduits), un par problème."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, eq=False)
class Record:
    """Une ligne de l'inventaire : ses valeurs par nom de champ, et la ligne du fichier d'où elle
    vient (0 si elle a été construite en mémoire)."""

    values: Mapping[str, str]
    line: int = 0

    def __getitem__(self, name: str) -> str:
        return self.values.get(name, "")

    @property
    def identifier(self) -> str:
        return self["identifiant"]

    def row(self) -> list[str]:
        """Les valeurs dans l'ordre de :data:`FIELD_NAMES` (champ absent → chaîne vide)."""
        return [self[name] for name in FIELD_NAMES]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self.row() == other.row()

    __hash__ = None  # type: ignore[assignment]


# --- lecture et écriture ---------------------------------------------------------------------


def read_inventory(path: str | Path) -> list[Record]:
    """Lit un inventaire CSV.

    Returns
    -------
    list[Record]
        Une fiche par ligne de données, avec son numéro de ligne dans le fichier.

    Raises
    ------
    InventoryError
        Si l'en-tête n'est pas exactement :data:`FIELD_NAMES`, ou si une ligne n'a pas le bon
        nombre de colonnes.
    """
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    return _parse(text)


def _parse(text: str) -> list[Record]:
    reader = csv.reader(io.StringIO(text), delimiter=";", quotechar='"')
    header = next(reader, None)
    problems = _header_problems(header or [])
    if problems:
        raise InventoryError(problems)
    records = []
    start = reader.line_num + 1
    for row in reader:
        if len(row) != len(FIELD_NAMES):
            problems.append(
                tr("Line {line}: {found} columns instead of {expected}.").format(
                    line=start, found=len(row), expected=len(FIELD_NAMES)
                )
            )
        else:
            records.append(Record(dict(zip(FIELD_NAMES, row, strict=True)), start))
        start = reader.line_num + 1
    if problems:
        raise InventoryError(problems)
    return records


def _header_problems(header: list[str]) -> list[str]:
    problems = []
    for position, expected in enumerate(FIELD_NAMES):
        found = header[position] if position < len(header) else None
        if found is None:
            message = tr("Line 1, field “{name}”: column missing from the header.")
            problems.append(message.format(name=expected))
        elif found != expected:
            message = tr("Line 1, column {n}: header “{found}” instead of “{name}”.")
            problems.append(message.format(n=position + 1, found=found, name=expected))
    for position in range(len(FIELD_NAMES), len(header)):
        message = tr("Line 1, column {n}: header “{found}” unknown to the schema.")
        problems.append(message.format(n=position + 1, found=header[position]))
    return problems


def write_inventory(records: Iterable[Record], path: str | Path) -> None:
    """Écrit l'inventaire dans le dialecte du fichier livré (relire puis réécrire un fichier écrit
    ainsi donne les mêmes octets). Écriture dans un fichier temporaire, puis renommage."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, **_DIALECT)
    writer.writerow(FIELD_NAMES)
    for record in records:
        writer.writerow(record.row())
    target = Path(path)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(buffer.getvalue().encode("utf-8"))
    temporary.replace(target)


def import_inventory(path: str | Path) -> list[Record]:
    """Lit puis contrôle un inventaire ; le refuse s'il a le moindre problème.

    Raises
    ------
    InventoryError
        Avec tous les problèmes de :func:`read_inventory` ou de :func:`validate`.
    """
    records = read_inventory(path)
    problems = validate(records)
    if problems:
        raise InventoryError(problems)
    return records


# --- contrôles -------------------------------------------------------------------------------

_YEAR = r"(\d{4})"
_MILLESIME = re.compile(rf"^{_YEAR}(?:\s*[/\-–]\s*{_YEAR})?$")
_COUNT = re.compile(r"^\d+(?:\s*(?:à|\+)\s*\d+)*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def millesimes(text: str) -> list[tuple[int, int]]:
    """Les millésimes d'un texte (voir la convention en tête du module).

    Returns
    -------
    list[tuple[int, int]]
        Pour chaque millésime, (première année, dernière année) ; les deux sont égales pour un
        millésime d'une seule année.

    Raises
    ------
    ValueError
        Avec un message (traduit) citant l'élément refusé.
    """
    found = []
    for item in filter(None, (part.strip() for part in re.split(r"[,;]", text))):
        match = _MILLESIME.match(item)
        if not match:
            raise ValueError(tr("“{item}” is not a year.").format(item=item))
        first = int(match.group(1))
        last = int(match.group(2) or first)
        for year in (first, last):
            if not MIN_YEAR <= year <= MAX_YEAR:
                message = tr("“{item}”: {year} is not a year between {low} and {high}.")
                raise ValueError(message.format(item=item, year=year, low=MIN_YEAR, high=MAX_YEAR))
        if not 0 <= last - first <= MAX_CAMPAIGN_SPAN:
            message = tr(
                "“{item}”: a millésime spans {span} years at most; two millésimes are "
                "written “{first}, {last}”."
            )
            raise ValueError(
                message.format(item=item, span=MAX_CAMPAIGN_SPAN, first=first, last=last)
            )
        found.append((first, last))
    return found


def _url_problem(value: str) -> str | None:
    for url in value.split():
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or "." not in parts.netloc:
            return tr("“{url}” is not a well-formed http(s) address.").format(url=url)
    return None


def _date_problem(value: str) -> str | None:
    try:
        if _ISO_DATE.match(value):
            date.fromisoformat(value)
            return None
    except ValueError:
        pass
    return tr("“{value}” is not a YYYY-MM-DD date.").format(value=value)


def _field_problem(name: str, value: str) -> str | None:
    """Le problème d'une valeur non vide, ou None."""
    if name == "code_region" and value not in CURRENT_REGIONS and value not in OLD_REGIONS:
        return tr("“{value}” is not an INSEE région code.").format(value=value)
    if name == "millesimes":
        try:
            millesimes(value)
        except ValueError as error:
            return str(error)
    if name == "dimensions" and value not in ("1", "2"):
        return tr("“{value}”: 1 or 2 expected.").format(value=value)
    if name in ("nombre_postes", "nombre_niveaux") and not _COUNT.match(value):
        return tr("“{value}”: a number (or “N à M”, “N + M”) expected.").format(value=value)
    if name == "umc" and umc_m2(value) is None:
        return tr("“{value}” cites no area (m², m2, ha, km²).").format(value=value)
    if name == "amo_existe" and value not in ("oui", "non"):
        return tr("“{value}”: “oui” or “non” expected.").format(value=value)
    if name in _URL_FIELDS:
        return _url_problem(value)
    if name in _DATE_FIELDS:
        return _date_problem(value)
    return None


def validate(records: Iterable[Record]) -> list[str]:
    """Contrôle des fiches contre le schéma.

    Returns
    -------
    list[str]
        Un message (traduit) par problème, nommant la ligne et le champ ; vide si tout va bien.
    """
    problems = []
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        line = record.line or index + 2
        for name in FIELD_NAMES:
            value = record[name]
            if not value:
                if name in _REQUIRED:
                    problems.append(_message(line, name, tr("required value missing.")))
                continue
            if value != value.strip():
                problems.append(
                    _message(line, name, tr("spaces at the start or end of the value."))
                )
            problem = _field_problem(name, value.strip())
            if problem:
                problems.append(_message(line, name, problem))
        identifier = record.identifier
        if identifier in seen:
            text = tr("“{id}” already used on line {other}.").format(
                id=identifier, other=seen[identifier]
            )
            problems.append(_message(line, "identifiant", text))
        elif identifier:
            seen[identifier] = line
    return problems


def _message(line: int, name: str, text: str) -> str:
    return tr("Line {line}, field “{name}” ({label}): {text}").format(
        line=line, name=name, label=_FIELDS[name].label if name in _FIELDS else name, text=text
    )


# --- unité minimale de collecte --------------------------------------------------------------

_NUMBER = r"(?<![\d.,])(\d{1,3}(?:[  \u202f]\d{3})+|\d+)(?:[.,](\d+))?"
_UNIT = r"(km\s?²|km2|m\s?²|m2|mètres?\s+carrés?|hectares?|ha)(?![a-zà-ÿ0-9])"
_RANGE = re.compile(rf"{_NUMBER}\s*(?:à|a|et|-|–)\s*{_NUMBER}\s*{_UNIT}", re.IGNORECASE)
_SINGLE = re.compile(rf"{_NUMBER}\s*{_UNIT}", re.IGNORECASE)


def _number(whole: str, decimals: str | None) -> float:
    digits = re.sub(r"\D", "", whole)
    return float(f"{digits}.{decimals}" if decimals else digits)


def _factor(unit: str) -> int:
    unit = unit.lower()
    if unit.startswith("km"):
        return 1_000_000
    if unit.startswith(("ha", "he")):
        return 10_000
    return 1


def umc_m2(text: str) -> tuple[float, float] | None:
    """La plus petite et la plus grande surface citées par un texte d'UMC, en m².

    Lit « 500 m² », « 500 m2 », « 0,25 ha » (2 500 m²), « 2 500 m² » (espace des milliers),
    « de 500 à 2 500 m² » (l'unité vaut pour les deux nombres) ; « Entre 500 m² et 1000 m². Jusqu'à
    300 m² pour les espaces verts urbains » donne (300, 1000).

    Returns
    -------
    tuple[float, float] | None
        (minimum, maximum) en m² (entiers quand ils le sont), ou None si le texte ne cite aucune
        surface.
    """
    areas: list[float] = []
    taken: list[tuple[int, int]] = []
    for match in _RANGE.finditer(text):
        factor = _factor(match.group(5))
        areas.append(_number(match.group(1), match.group(2)) * factor)
        areas.append(_number(match.group(3), match.group(4)) * factor)
        taken.append(match.span())
    for match in _SINGLE.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        areas.append(_number(match.group(1), match.group(2)) * _factor(match.group(3)))
    if not areas:
        return None
    low, high = min(areas), max(areas)
    return (_tidy(low), _tidy(high))


def _tidy(value: float) -> float:
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


# --- fusion d'un inventaire importé ----------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """Un champ dont la valeur importée diffère de la valeur actuelle."""

    name: str
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    """Une fiche présente des deux côtés, avec ses champs modifiés."""

    identifier: str
    before: Record
    after: Record
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class MergePreview:
    """Ce qu'un inventaire importé apporterait, par identifiant, avant toute décision.

    ``added`` : fiches nouvelles ; ``changed`` : fiches modifiées, champ par champ ;
    ``unchanged`` : identifiants identiques des deux côtés ; ``absent`` : identifiants actuels que
    le fichier importé ne contient pas (ils sont toujours gardés).
    """

    current: tuple[Record, ...]
    added: tuple[Record, ...] = ()
    changed: tuple[Change, ...] = ()
    unchanged: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()

    def summary(self) -> str:
        """Une phrase (traduite) pour la fenêtre de confirmation."""
        return tr(
            "{added} new record(s), {changed} changed, {same} unchanged, {absent} missing "
            "from the imported file (kept)."
        ).format(
            added=len(self.added),
            changed=len(self.changed),
            same=len(self.unchanged),
            absent=len(self.absent),
        )


def merge(current: Iterable[Record], incoming: Iterable[Record]) -> MergePreview:
    """Compare un inventaire importé à l'inventaire actuel, sans rien modifier.

    Returns
    -------
    MergePreview
        Les fiches nouvelles, modifiées (avant/après par champ) et inchangées, par identifiant.
    """
    current = tuple(current)
    by_id = {record.identifier: record for record in current}
    added, changed, unchanged, seen = [], [], [], set()
    for record in incoming:
        identifier = record.identifier
        seen.add(identifier)
        before = by_id.get(identifier)
        if before is None:
            added.append(record)
            continue
        fields = tuple(
            FieldChange(name, before[name], record[name])
            for name in FIELD_NAMES
            if before[name] != record[name]
        )
        if fields:
            changed.append(Change(identifier, before, record, fields))
        else:
            unchanged.append(identifier)
    absent = tuple(r.identifier for r in current if r.identifier not in seen)
    return MergePreview(current, tuple(added), tuple(changed), tuple(unchanged), absent)


def apply(preview: MergePreview, accept: Iterable[str | tuple[str, str]] = ()) -> list[Record]:
    """L'inventaire fusionné, ne prenant de l'import que ce qui est accepté.

    ``accept`` contient des identifiants (la fiche nouvelle est ajoutée, ou tous les champs
    modifiés de la fiche sont pris) ou des paires (identifiant, champ) pour ne prendre qu'un
    champ. Rien d'autre n'est modifié ; les fiches nouvelles acceptées s'ajoutent à la fin, dans
    l'ordre du fichier importé.

    Returns
    -------
    list[Record]
        Les fiches actuelles (mises à jour pour ce qui est accepté) puis les fiches ajoutées.
    """
    whole, fields = set(), set()
    for item in accept:
        if isinstance(item, tuple):
            fields.add(item)
        else:
            whole.add(item)
    changes = {change.identifier: change for change in preview.changed}
    merged = []
    for record in preview.current:
        change = changes.get(record.identifier)
        if change is None:
            merged.append(record)
            continue
        values = dict(record.values)
        for item in change.fields:
            if change.identifier in whole or (change.identifier, item.name) in fields:
                values[item.name] = item.after
        merged.append(Record(values, record.line))
    merged.extend(r for r in preview.added if r.identifier in whole)
    return merged


# --- jointure aux contours des régions -------------------------------------------------------


def covers(record_code: str, outline_code: str) -> bool:
    """Vrai si la base d'une région couvre (tout ou partie de) la région du contour ; chaque code
    peut être actuel ou d'avant 2016."""
    if record_code == outline_code:
        return True
    if record_code not in CURRENT_REGIONS:  # une ancienne région dans un contour actuel
        return OLD_TO_CURRENT.get(record_code) == outline_code
    return OLD_TO_CURRENT.get(outline_code) == record_code  # une région actuelle, ancien contour


def _is_regional(record: Record) -> bool:
    return record["caracteristiques"].strip() != OCS_GE


def regions_without_regional_base(records: Iterable[Record]) -> list[str]:
    """Codes des régions actuelles pour lesquelles l'inventaire ne recense que l'OCS GE."""
    regional = [r["code_region"] for r in records if _is_regional(r)]
    return [code for code in CURRENT_REGIONS if not any(covers(other, code) for other in regional)]


def to_geojson(records: Iterable[Record], outlines: Mapping) -> dict:
    """Les contours de régions (un FeatureCollection aux propriétés ``code`` et ``nom``) avec les
    attributs de l'inventaire.

    Une base d'une ancienne région s'attache à la région actuelle qui la contient, et une base
    d'une région actuelle aux anciennes régions qu'elle contient.

    Returns
    -------
    dict
        Un FeatureCollection : géométrie d'origine ; propriétés ``code``, ``nom``,
        ``bases_regionales`` (nombre), ``statut`` (« Aucune base régionale recensée » s'il n'y en a
        pas), puis ``identifiants``, ``caracteristiques``, ``millesimes``, ``umc``,
        ``lien_donnees`` et ``source_url`` des bases, joints par « | ».
    """
    records = list(records)
    features = []
    for feature in outlines.get("features", []):
        properties = feature.get("properties") or {}
        code = str(properties.get("code", ""))
        found = [r for r in records if covers(r["code_region"], code)]
        regional = [r for r in found if _is_regional(r)]
        status = (
            tr("{n} regional base(s) listed").format(n=len(regional))
            if regional
            else tr("No regional base listed")
        )
        joined = {
            name: " | ".join(r[name] for r in found if r[name])
            for name in (
                "identifiant",
                "caracteristiques",
                "millesimes",
                "umc",
                "lien_donnees",
                "source_url",
            )
        }
        joined["identifiants"] = joined.pop("identifiant")
        features.append(
            {
                "type": "Feature",
                "geometry": feature.get("geometry"),
                "properties": {
                    "code": code,
                    "nom": properties.get("nom", ""),
                    "bases_regionales": len(regional),
                    "statut": status,
                    **joined,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
