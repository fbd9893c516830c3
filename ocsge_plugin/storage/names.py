"""What IGN's names and a layer's values say: département, millésime(s), kind and CRS from a path
or layer name (docs/domain.md §1), years from field names and values, and which wins when a
layer's fields and its name disagree."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..core.i18n import tr

__all__ = [
    "CRS_TOKENS",
    "departement_from_name",
    "epsg_from_name",
    "field_years",
    "kind_from_name",
    "lone_year",
    "lower_map",
    "millesimes_from_name",
    "normalise_departement",
    "weigh_millesimes",
    "years_in_name",
    "years_of_values",
]

# Archive / folder CRS tokens → EPSG code.
CRS_TOKENS = {
    "LAMB93": 2154,
    "RGAF09UTM20": 5490,
    "RGFG95UTM22": 2972,
    "RGR92UTM40S": 2975,
    "RGM04UTM38S": 4471,
}


_RE_DEP_TOKEN = re.compile(r"(?:^|[_\-/ ])D(0?\d[0-9AB]\d?)(?=[_\-/ .]|$)", re.IGNORECASE)
_RE_YEAR_PAIR = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_]((?:19|20)\d{2})(?!\d)")
_RE_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-\d{2}-\d{2}(?!\d)")
_RE_DEP_YEAR = re.compile(r"D(\d{2,3}[0-9AB]?)-((?:19|20)\d{2})(?!\d)", re.IGNORECASE)
# In a name of IGN's (OCS_GE_…, OCS-GE_…), a year standing alone between separators: not in a date,
# a pair, a CRS token nor a number (OCS GE 1.1: OCS_GE_1-1_2019_SHP_LAMB93_D032_2022-06-21).
_RE_LONE_YEAR = re.compile(
    r"^OCS[_-]?GE.*?(?<![0-9A-Za-z-])((?:19|20)\d{2})(?![0-9A-Za-z-])", re.IGNORECASE
)
_RE_ARTIF_LAYER = re.compile(r"^artif_((?:19|20)\d{2})_(\w+)$", re.IGNORECASE)
_RE_EVOL_LAYER = re.compile(r"^zan_evol_((?:19|20)\d{2})_((?:19|20)\d{2})_(\w+)$", re.IGNORECASE)


def normalise_departement(code: str) -> str:
    """Département code as INSEE writes it: '001' → '01', '0971' → '971', '02A' → '2A'."""
    return code.upper().lstrip("0").rjust(2, "0")


def departement_from_name(text: str) -> str | None:
    """The département of a delivery from a path or layer name (``…_D032_…``,
    ``artif_2018_090``)."""
    for part in reversed(Path(text).parts):
        match = _RE_ARTIF_LAYER.match(part) or _RE_EVOL_LAYER.match(part)
        if match:
            return normalise_departement(match.groups()[-1])
        if match := _RE_DEP_TOKEN.search(part):
            return normalise_departement(match.group(1))
    return None


def millesimes_from_name(text: str, kind: str) -> tuple[int, ...]:
    """Survey year(s) from a path or layer name, newest information first (layer, file, folder)."""
    return years_in_name(text, kind)[0]


def years_in_name(text: str, kind: str) -> tuple[tuple[int, ...], str]:
    """(years, the part of ``text`` that gave them) by IGN's naming rules, the layer's own name
    first, then its file's, then its folders' (docs/domain.md §1):

    - ``artif_2019_032``, ``zan_evol_2016_2019_032`` (the artificialisation layers);
    - a difference: the first pair of years, ``…_2016-2019``, ``…_2019_2022``, ``DIFF-2016-2019_…``;
    - a state: ``…_D032-2019`` (IGN's inner folders), else a year standing alone (OCS GE 1.1:
      ``OCS_GE_1-1_2019_SHP_LAMB93_D032_2022-06-21``, the millésime after the version, the edition
      date at the end), else the date of an OCS GE 2.0 name (``…_D032_2019-01-01``)."""
    for part in reversed(Path(text).parts):
        if match := _RE_EVOL_LAYER.match(part):
            return (int(match.group(1)), int(match.group(2))), part
        if match := _RE_ARTIF_LAYER.match(part):
            return (int(match.group(1)),), part
        if kind in ("difference", "artif_diff"):
            if match := _RE_YEAR_PAIR.search(part.replace("DIFF-", "")):
                first, second = int(match.group(1)), int(match.group(2))
                if first < second:
                    return (first, second), part
        else:
            for pattern in (_RE_DEP_YEAR, _RE_LONE_YEAR):
                if match := pattern.search(part):
                    return (int(match.groups()[-1]),), part
            if match := _RE_DATE.search(part):
                return (int(match.group(1)),), part
    return (), ""


def epsg_from_name(text: str) -> int | None:
    upper = text.upper()
    for token, epsg in CRS_TOKENS.items():
        if token in upper:
            return epsg
    return None


def kind_from_name(text: str) -> str | None:
    """Layer kind from a layer or file name, by IGN's naming rules (docs/domain.md §1)."""
    name = text.lower()
    if name.startswith("zan_evol") or ("artif" in name and "diff" in name):
        return "artif_diff"
    if _RE_ARTIF_LAYER.match(text) or "artificialisation" in name:
        return "artif"
    if "diff" in name or "diif" in name:
        return "difference"
    if "construite" in name:
        return "zone_construite"
    if "occupation" in name:
        return "occupation"
    return None


def lone_year(text: str) -> tuple[int, ...]:
    """The one year standing alone in a name (``mos_2021``, ``OCSOL 2019 niveau 2``), as a
    regional base names its millésime; () when there is none or more than one."""
    years = set(re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text))
    return (int(years.pop()),) if len(years) == 1 else ()


def lower_map(names: Iterable[str]) -> dict[str, str]:
    """Lower-case name → name as written."""
    return {name.lower(): name for name in names}


def field_years(names: Iterable[str]) -> list[int]:
    """The years of IGN's difference field names (``CS_2018``, ``cs_2021``…), sorted."""
    return sorted(
        {int(m.group(1)) for n in names if (m := re.fullmatch(r"cs_((?:19|20)\d{2})", n, re.I))}
    )


def weigh_millesimes(
    in_data: tuple[int, ...], named: tuple[int, ...], name: str, layer: str
) -> tuple[tuple[int, ...], str | None]:
    """The millésime(s) of a layer: its own fields' (``MILLESIME``, ``millesime_debut``/``_fin``,
    ``CS_<year>``) are the authority, its name's the fallback. Returns (years, note): the note, when
    both are known and disagree, says so with both values (the fields win)."""
    if not in_data:
        return named, None
    if named and named != in_data:
        return in_data, tr(
            "{layer}: its fields say millésime {data}, its name “{name}” says {named}. "
            "The layer's own fields "
            "are the authority: {data} is used. Check that the delivery is the one you expect."
        ).format(
            layer=layer,
            data="-".join(map(str, in_data)),
            name=name,
            named="-".join(map(str, named)),
        )
    return in_data, None


def years_of_values(values: Iterable[object]) -> tuple[int, ...]:
    """The year of each value (``2019``, ``'2019'``, ``'2019-01-01'``), () if one has none."""
    years = []
    for value in values:
        match = re.search(r"(19|20)\d{2}", str(value if value is not None else ""))
        if match is None:
            return ()
        years.append(int(match.group(0)))
    return tuple(years)
