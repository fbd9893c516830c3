"""Reading IGN's OCS GE deliveries: archives, folders, files → normalised layers.

IGN ships 7-Zip archives holding GeoPackage or Shapefile layers a few folders deep, with field names
that vary between products and years. This module finds every layer kind in what the user points at,
reads the département and millésime(s) from the names and fields, and normalises the field names
ONCE, by writing a small GDAL VRT beside the extracted data (no copy of the data). Every later stage
reads the normalised schema below and never the raw IGN spellings:

=================  ============================================================================
kind               normalised fields (original fields are kept after them)
=================  ============================================================================
occupation         code_cs, code_us
artif              code_cs, code_us, artif ('artif' / 'non artif'), crit_seuil
difference         cs_debut, us_debut, cs_fin, us_fin
artif_diff         cs_debut, us_debut, artif_debut, cs_fin, us_fin, artif_fin, artificialisation
zone_construite    (no code field)
=================  ============================================================================

For a layer already loaded in QGIS (a VRT of ``ocsge:load``, a file, a memory layer),
``layer_departement`` and ``layer_millesimes`` read its département and millésime(s) back from its
names or fields.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

from osgeo import gdal, ogr, osr

from ..core.definitions import LAYER_KINDS
from ..core.errors import Canceled, DeliveryError
from ..core.i18n import tr
from ..core.settings import cache_dir
from ..domain.nomenclature import is_known_code, normalise_code
from . import candidates, files
from .archives import archive_parts, cache_key, extract_archive, is_archive, is_first_part

gdal.UseExceptions()

# old name, until computing/sources.py and processing_provider/load.py say LAYER_KINDS
KINDS = LAYER_KINDS

# Archive / folder CRS tokens → EPSG code.
CRS_TOKENS = {
    "LAMB93": 2154,
    "RGAF09UTM20": 5490,
    "RGFG95UTM22": 2972,
    "RGR92UTM40S": 2975,
    "RGM04UTM38S": 4471,
}


@dataclass
class FoundLayer:
    """One layer of a delivery, with what was read from its names and fields."""

    kind: str
    path: str  # the data file (.gpkg / .shp)
    layer_name: str  # the layer inside it
    departement: str | None = None
    millesimes: tuple[int, ...] = ()
    epsg: int | None = None
    feature_count: int = 0
    field_map: dict[str, str] = field(default_factory=dict)  # normalised name → source name
    uri: str = ""  # the normalised layer (a VRT), set by normalise()
    unknown_codes: dict[str, int] = field(default_factory=dict)
    null_codes: int = 0
    notes: list[str] = field(default_factory=list)  # what the log and REPORT must say of this layer

    @property
    def millesime(self) -> int | None:
        return self.millesimes[-1] if self.millesimes else None

    @property
    def title(self) -> str:
        years = "-".join(str(y) for y in self.millesimes)
        parts = [LAYER_TITLES[self.kind], f"D{self.departement}" if self.departement else "", years]
        return " ".join(p for p in parts if p)

    @property
    def source_name(self) -> str:
        """The layer as the user finds it: its file and, inside, its layer
        (``OCCUPATION_SOL.gpkg/extrait``)."""
        name = Path(self.path).name
        return (
            name
            if Path(name).stem == self.layer_name and name.lower().endswith(".shp")
            else f"{name}/{self.layer_name}"
        )

    @property
    def ign_named(self) -> bool:
        """Whether the layer bears the name IGN gives this kind (OCCUPATION_SOL,
        artif_2021_032…)."""
        return candidates.is_ign_layer_name(self.kind, self.layer_name)


LAYER_TITLES = {
    "occupation": "Occupation du sol",
    "zone_construite": "Zone construite",
    "difference": "Différence",
    "artif": "Artificialisation",
    "artif_diff": "Évolution de l'artificialisation",
}


# --------------------------------------------------------------------------------------- names

_RE_DEP_TOKEN = re.compile(r"(?:^|[_\-/ ])D(0?\d[0-9AB]\d?)(?=[_\-/ .]|$)", re.IGNORECASE)
_RE_YEAR_PAIR = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_]((?:19|20)\d{2})(?!\d)")
_RE_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-\d{2}-\d{2}(?!\d)")
_RE_DEP_YEAR = re.compile(r"D(\d{2,3}[0-9AB]?)-((?:19|20)\d{2})(?!\d)", re.IGNORECASE)
# In a name of IGN's (OCS_GE_…, OCS-GE_…), a year standing alone between separators: not in a date,
# a
# pair, a CRS token nor a number (OCS GE 1.1: OCS_GE_1-1_2019_SHP_LAMB93_D032_2022-06-21).
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
    return _years_in_name(text, kind)[0]


def _years_in_name(text: str, kind: str) -> tuple[tuple[int, ...], str]:
    """(years, the part of ``text`` that gave them) by IGN's naming rules, the layer's own name
    first,
    then its file's, then its folders' (docs/domain.md §1):

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


# -------------------------------------------------------------------------------------- fields


def _lower_map(names: Iterable[str]) -> dict[str, str]:
    return {name.lower(): name for name in names}


def _field_years(names: Iterable[str]) -> list[int]:
    """The years of IGN's difference field names (``CS_2018``, ``cs_2021``…), sorted."""
    return sorted(
        {int(m.group(1)) for n in names if (m := re.fullmatch(r"cs_((?:19|20)\d{2})", n, re.I))}
    )


_REQUIRED = {  # the fields without which a layer of the kind cannot be read
    "occupation": ("code_cs", "code_us"),
    "artif": ("code_cs", "code_us", "artif"),
    "difference": ("cs_debut", "us_debut", "cs_fin", "us_fin"),
    "artif_diff": ("cs_debut", "cs_fin", "artificialisation"),
}


def field_map_for(
    kind: str, names: list[str], millesimes: tuple[int, ...], required: Iterable[str] | None = None
) -> tuple[dict[str, str], tuple[int, ...]]:
    """Normalised name → source field for a layer of ``kind`` (IGN's spellings or the normalised
    names
    themselves); also the years found in the fields.

    Raises DeliveryError naming the missing fields when the layer lacks its code fields
    (``required``:
    the fields to insist on instead of the kind's own, ``_REQUIRED``).
    """
    lower = _lower_map(names)
    mapping: dict[str, str] = {}

    def pick(target: str, *candidates: str) -> None:
        for candidate in candidates:
            if candidate.lower() in lower:
                mapping[target] = lower[candidate.lower()]
                return

    if kind in ("occupation", "artif"):
        pick("code_cs", "code_cs", "couverture", "cs")
        pick("code_us", "code_us", "usage", "us")
        if kind == "artif":
            pick("artif", "artif")
            pick("crit_seuil", "crit_seuil")
    elif kind in ("difference", "artif_diff"):
        years = _field_years(names)
        if len(years) == 2:
            millesimes = (years[0], years[1])
            for position, year in (("debut", years[0]), ("fin", years[1])):
                pick(f"cs_{position}", f"cs_{year}")
                pick(f"us_{position}", f"us_{year}")
                if kind == "artif_diff":
                    pick(f"artif_{position}", f"artif_{year}")
        else:
            for position, ign in (("debut", "avant"), ("fin", "apres")):
                for prefix in ("cs", "us") + (("artif",) if kind == "artif_diff" else ()):
                    pick(f"{prefix}_{position}", f"{prefix}_{position}", f"{prefix}_{ign}")
        if kind == "artif_diff":
            pick("artificialisation", "artificialisation")
    wanted = _REQUIRED.get(kind, ()) if required is None else required
    missing = [name for name in wanted if name not in mapping]
    if missing:
        raise DeliveryError(
            tr(
                "The layer has no {missing} field (found: {found}). Expected an OCS GE layer with "
                "couverture and usage codes (code_cs/code_us, CODE_CS/CODE_US or couverture/usage)."
            ).format(missing=", ".join(missing), found=", ".join(names) or "—")
        )
    return mapping, millesimes


# ------------------------------------------------------------------------------------ scanning


def _data_files(folder: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.lower().endswith((".gpkg", ".shp")):
                files.append(Path(root) / name)
    return files


def _layer_names(path: Path) -> list[str]:
    try:
        ds = ogr.Open(str(path))
    except RuntimeError:
        ds = None
    if ds is None:
        raise DeliveryError(
            tr("{name} cannot be read as a GeoPackage or Shapefile.").format(name=path.name)
        )
    return [ds.GetLayerByIndex(i).GetName() for i in range(ds.GetLayerCount())]


def scan(path: Path, kinds: Iterable[str] | None = None) -> tuple[list[FoundLayer], list[str]]:
    """Every OCS GE layer in a file or folder (already extracted), but the rivals of a complete
    layer
    of the same kind and millésime (``candidates.choose_complete``: an extract saved beside IGN's
    layer). Returns (layers, warnings)."""
    wanted = set(kinds or LAYER_KINDS)
    files = [path] if path.is_file() else _data_files(path)
    found: list[FoundLayer] = []
    warnings: list[str] = []
    for data_file in files:
        for layer_name in _layer_names(data_file):
            if layer_name.startswith(("gpkg_", "rtree_", "layer_styles")):
                continue
            context = str(data_file.parent / data_file.name / layer_name)
            kind = kind_from_name(layer_name) or kind_from_name(data_file.name)
            if kind is None and "artificialisation" in context.lower():
                kind = "artif_diff" if "diff" in context.lower() else "artif"
            if kind is None:
                kind = _kind_from_fields(data_file, layer_name)
            if kind is None:
                warnings.append(
                    tr(
                        "{name}: not an OCS GE layer (no known layer name nor code "
                        "fields); skipped."
                    ).format(name=f"{data_file.name}/{layer_name}")
                )
                continue
            if kind not in wanted:
                continue
            found.append(_describe(data_file, layer_name, kind, context))
    found, notes = candidates.choose_complete(found)
    return found, warnings + notes


def kind_from_fields(names: Iterable[str], text_fields: Iterable[str] | None = None) -> str | None:
    """What a layer is, from its field names (any case, IGN's spellings and the normalised ones
    alike)
    and, when known, which of them are text: the one detector of layer kinds, for files, QGIS layers
    and database tables alike (the table's name is never needed).

    IGN's kinds: 'artif_diff', 'difference' (``CS_<year>``/``cs_avant``/``cs_debut`` pairs),
    'artif',
    'occupation'; the plugin's own outputs: 'flows' (``ocsge:flows``' pieces), 'presence' (its areas
    covered by one millésime only: nothing to aggregate), 'classified' (``ocsge:classify``: numeric
    ``artif`` and ``imper``; told only when ``text_fields`` is given, IGN's ``artif`` being text).
    None when the fields tell none of them (zone construite, a layer of something else)."""
    lower = {name.lower() for name in names}
    has_cs = bool(lower & {"code_cs", "couverture"})
    has_us = bool(lower & {"code_us", "usage"})
    if {"present", "millesime"} <= lower:
        return "presence"
    if {"flux_artif", "flux_imper"} <= lower:
        return "flows"
    if "artificialisation" in lower:
        return "artif_diff"
    if (
        {"cs_debut", "cs_fin"} <= lower
        or {"cs_avant", "cs_apres"} <= lower
        or len(_field_years(lower)) == 2
    ):
        return "difference"
    if (
        text_fields is not None
        and {"artif", "imper"} <= lower
        and "artif" not in {n.lower() for n in text_fields}
    ):
        return "classified"
    if "artif" in lower and has_cs:
        return "artif"
    if has_cs and has_us:
        return "occupation"
    return None


def layer_kind(layer) -> str | None:
    """:func:`kind_from_fields` of a QGIS vector layer (any provider: file, memory, PostgreSQL)."""
    from qgis.PyQt.QtCore import (
        QVariant,
    )  # like layer_millesimes: the module itself reads through OGR only

    fields = layer.fields()
    return kind_from_fields(
        fields.names(), [f.name() for f in fields if f.type() == QVariant.Type.String]
    )


def _kind_from_fields(data_file: Path, layer_name: str) -> str | None:
    ds = ogr.Open(str(data_file))
    defn = ds.GetLayerByName(layer_name).GetLayerDefn()
    fields = [defn.GetFieldDefn(i) for i in range(defn.GetFieldCount())]
    kind = kind_from_fields(
        [f.GetName() for f in fields], [f.GetName() for f in fields if f.GetType() == ogr.OFTString]
    )
    return kind if kind in LAYER_KINDS else None  # the plugin's own outputs are not IGN deliveries


def _describe(data_file: Path, layer_name: str, kind: str, context: str) -> FoundLayer:
    ds = ogr.Open(str(data_file))
    layer = ds.GetLayerByName(layer_name)
    defn = layer.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    try:
        field_map, in_fields = field_map_for(kind, names, ())
    except DeliveryError as error:  # which file, among all those of a folder
        raise DeliveryError(
            tr("{path} (layer {layer}, read as {kind}): {error}").format(
                path=data_file, layer=layer_name, kind=LAYER_TITLES[kind], error=error
            )
        ) from None
    in_data = in_fields or _millesimes_from_ogr_fields(
        layer, names, kind in ("difference", "artif_diff")
    )
    named, part = _years_in_name(context, kind)
    departement = departement_from_name(context)
    label = " ".join(
        t
        for t in (
            LAYER_TITLES[kind],
            f"D{departement}" if departement else "",
            f"({data_file.name})",
        )
        if t
    )
    millesimes, note = weigh_millesimes(in_data, named, part, label)
    srs = layer.GetSpatialRef()
    epsg = None
    if srs is not None:
        srs.AutoIdentifyEPSG()
        code = srs.GetAuthorityCode(None)
        epsg = int(code) if code and code.isdigit() else None
        if epsg is None:
            epsg = _identify_projected(srs)
    if epsg is None:
        epsg = epsg_from_name(context)
    return FoundLayer(
        kind=kind,
        path=str(data_file),
        layer_name=layer_name,
        departement=departement,
        millesimes=millesimes,
        epsg=epsg,
        feature_count=layer.GetFeatureCount(),
        field_map=field_map,
        notes=[note] if note else [],
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


def _identify_projected(srs: osr.SpatialReference) -> int | None:
    """EPSG of a .prj written without authority (ESRI style): compare with the known CRS."""
    for epsg in CRS_TOKENS.values():
        candidate = osr.SpatialReference()
        candidate.ImportFromEPSG(epsg)
        if srs.IsSame(
            candidate, ["IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT"]
        ):
            return epsg
    return None


def _millesimes_from_ogr_fields(layer: ogr.Layer, names: list[str], two: bool) -> tuple[int, ...]:
    """The year(s) the first feature's ``millesime`` (a state) or
    ``millesime_debut``/``millesime_fin``
    (a difference) field holds, () without them."""
    lower = _lower_map(names)
    wanted = ("millesime_debut", "millesime_fin") if two else ("millesime",)
    if not all(name in lower for name in wanted):
        return ()
    layer.ResetReading()
    feature = layer.GetNextFeature()
    layer.ResetReading()
    if feature is None:
        return ()
    return _years_of_values([feature.GetField(lower[name]) for name in wanted])


def _years_of_values(values: Iterable[object]) -> tuple[int, ...]:
    """The year of each value (``2019``, ``'2019'``, ``'2019-01-01'``), () if one has none."""
    years = []
    for value in values:
        match = re.search(r"(19|20)\d{2}", str(value if value is not None else ""))
        if match is None:
            return ()
        years.append(int(match.group(0)))
    return tuple(years)


# --------------------------------------------------------------------------------- validation


def check_codes(found: FoundLayer, is_canceled: Callable[[], bool] | None = None) -> None:
    """Count null and out-of-nomenclature codes (kept, counted as unknown later)."""
    code_fields = [
        found.field_map[k]
        for k in ("code_cs", "code_us", "cs_debut", "us_debut", "cs_fin", "us_fin")
        if k in found.field_map
    ]
    if not code_fields:
        return
    ds = ogr.Open(found.path)
    layer = ds.GetLayerByName(found.layer_name)
    layer.SetIgnoredFields(
        [n for n in _all_fields(layer) if n not in code_fields] + ["OGR_GEOMETRY"]
    )
    unknown: dict[str, int] = {}
    nulls = 0
    for index, feature in enumerate(layer):
        if is_canceled and index % 20000 == 0 and is_canceled():
            raise Canceled()
        row_null = False
        for name in code_fields:
            code = normalise_code(feature.GetField(name))
            if code is None:
                row_null = True
            elif not is_known_code(code):  # codes of every level of the nomenclature are valid
                unknown[code] = unknown.get(code, 0) + 1
        nulls += row_null
    found.unknown_codes = unknown
    found.null_codes = nulls


def _all_fields(layer: ogr.Layer) -> list[str]:
    defn = layer.GetLayerDefn()
    return [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]


# -------------------------------------------------------------------------------- normalising

_OGR_TYPES = {
    ogr.OFTInteger: "Integer",
    ogr.OFTInteger64: "Integer64",
    ogr.OFTReal: "Real",
    ogr.OFTString: "String",
    ogr.OFTDate: "Date",
    ogr.OFTDateTime: "DateTime",
}


def normalise(found: FoundLayer, folder: Path | None = None) -> str:
    """Write (once) a VRT that exposes the layer with the normalised field names, in ``folder`` (by
    default the cache); return its path."""
    source = Path(found.path)
    folder = Path(folder) if folder else cache_dir() / "normalised" / cache_key([source])
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_]+", "_", found.layer_name)
    vrt_path = folder / f"{found.kind}_{safe}.vrt"
    ds = ogr.Open(found.path)
    layer = ds.GetLayerByName(found.layer_name)
    defn = layer.GetLayerDefn()
    renamed = {src: dst for dst, src in found.field_map.items()}
    lines = []
    for dst in found.field_map:
        src = found.field_map[dst]
        field_defn = defn.GetFieldDefn(defn.GetFieldIndex(src))
        lines.append(_vrt_field(dst, src, field_defn))
    for i in range(defn.GetFieldCount()):
        field_defn = defn.GetFieldDefn(i)
        name = field_defn.GetName()
        if name in renamed or name.lower() in found.field_map:
            continue
        lines.append(_vrt_field(name, name, field_defn))
    srs = f"<LayerSRS>EPSG:{found.epsg}</LayerSRS>" if found.epsg else ""
    geom_type = ogr.GeometryTypeToName(layer.GetGeomType()).replace(" ", "")
    vrt_name = escape(
        f"{found.kind}_{found.departement or ''}_{'_'.join(map(str, found.millesimes))}".strip("_")
    )
    content = (
        "<OGRVRTDataSource>\n"
        f'  <OGRVRTLayer name="{vrt_name}">\n'
        f'    <SrcDataSource relativeToVRT="0">{escape(str(source.resolve()))}</SrcDataSource>\n'
        f"    <SrcLayer>{escape(found.layer_name)}</SrcLayer>\n"
        f"    {srs}\n"
        f"    <!-- source geometry type: {escape(geom_type)} -->\n"
        + "\n".join(lines)
        + "\n  </OGRVRTLayer>\n</OGRVRTDataSource>\n"
    )
    if not vrt_path.exists() or vrt_path.read_text(encoding="utf-8") != content:
        with files.replacing(vrt_path) as tmp:
            tmp.write_text(content, encoding="utf-8")
    found.uri = str(vrt_path)
    return found.uri


def _vrt_field(dst: str, src: str, field_defn: ogr.FieldDefn) -> str:
    kind = _OGR_TYPES.get(field_defn.GetType(), "String")
    subtype = ' subtype="Boolean"' if field_defn.GetSubType() == ogr.OFSTBoolean else ""
    return f'    <Field name="{escape(dst)}" src="{escape(src)}" type="{kind}"{subtype}/>'


# ------------------------------------------------------------------------------- loaded layers


@dataclass
class VrtLayer:
    """The first layer of a GDAL VRT file (``normalise`` writes one: a renaming of one source
    layer)."""

    name: str  # the VRT layer's name (ocsge:load: <kind>_<dep>_<years>)
    src_data_source: str  # as written
    src_layer: str
    relative: bool  # src_data_source is relative to the VRT file
    fields: dict[str, str]  # field → source field
    only_layer: bool  # the VRT has no other layer
    plain: bool  # nothing but SrcDataSource, SrcLayer, LayerSRS and Field: a plain renaming

    def source_path(self, vrt_path: str | Path) -> str:
        return (
            str(Path(vrt_path).parent / self.src_data_source)
            if self.relative
            else self.src_data_source
        )


def read_vrt(path: str | Path) -> VrtLayer | None:
    """The first layer of a VRT file, None when it cannot be read or has no layer."""
    try:
        root = ET.parse(str(path)).getroot()
    except (ET.ParseError, OSError):
        return None
    layers = root.findall("OGRVRTLayer")
    if root.tag != "OGRVRTDataSource" or not layers:
        return None
    node = layers[0]
    src = node.find("SrcDataSource")
    return VrtLayer(
        name=node.get("name") or "",
        src_data_source=(node.findtext("SrcDataSource") or "").strip(),
        src_layer=(node.findtext("SrcLayer") or "").strip(),
        relative=src is not None and src.get("relativeToVRT") == "1",
        fields={f.get("name"): f.get("src") or f.get("name") for f in node.findall("Field")},
        only_layer=len(layers) == 1,
        plain=all(
            child.tag in ("SrcDataSource", "SrcLayer", "LayerSRS", "Field") for child in node
        ),
    )


_RE_LOADED_NAME = re.compile(
    r"^(?:" + "|".join(sorted(LAYER_KINDS, key=len, reverse=True)) + r")_(?P<rest>.*)$"
)
_RE_YEAR_TOKEN = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d{2})(?![0-9])")
_RE_DEP_CODE = re.compile(r"\d[0-9AB]\d?", re.IGNORECASE)
_TWO_YEAR_KINDS = ("difference", "artif_diff", "flows")


def _identity_names(layer) -> tuple[list[str], list[str]]:
    """Where a loaded layer (``QgsVectorLayer``) says its département and years, in the order they
    are
    tried: (names as ``ocsge:load`` gives them, ``<kind>_<dep>_<years>``: the VRT layer and its
    source
    layer, the layer's name in the project; paths, each read from its last part: the data set behind
    the VRT and its layer, the layer's file and layer name, the layer's name in the project)."""
    path, _, options = layer.source().partition("|")
    match = re.search(r"layername=([^|]+)", options)
    sublayer = match.group(1) if match else ""
    paths = [f"{path}/{sublayer}" if sublayer else path, layer.name()]
    if layer.providerType() == "memory":  # its source is a definition (fields, uid={…}), not a name
        paths = [layer.name()]
    names = [layer.name()]
    vrt = read_vrt(path) if path.lower().endswith(".vrt") and Path(path).exists() else None
    if vrt is not None:
        paths.insert(
            0, f"{vrt.src_data_source}/{vrt.src_layer}" if vrt.src_layer else vrt.src_data_source
        )
        names[:0] = [vrt.name, vrt.src_layer]
    return [n for n in names if n], paths


def _loaded_name(name: str) -> tuple[str | None, tuple[int, ...]]:
    """(département, years) of a name as ``ocsge:load`` gives them: ``occupation_90_2018``,
    ``difference_32_2016_2019``."""
    match = _RE_LOADED_NAME.match(name)
    if not match:
        return None, ()
    rest = match.group("rest")
    dep = next(
        (normalise_departement(t) for t in rest.split("_") if _RE_DEP_CODE.fullmatch(t)), None
    )
    return dep, tuple(int(y) for y in _RE_YEAR_TOKEN.findall(rest))


def layer_departement(layer) -> str | None:
    """The département of a loaded layer from its names (also behind an ``ocsge:load`` VRT), or
    None."""
    names, paths = _identity_names(layer)
    for name in names:
        if dep := _loaded_name(name)[0]:
            return dep
    for text in paths:
        if dep := departement_from_name(text):
            return dep
    return None


def layer_millesimes(layer, kind: str, notes: list[str] | None = None) -> tuple[int, ...]:
    """Years of a loaded layer: two for a flow kind (difference, artif_diff, flows: ``ocsge:flows``
    output), one otherwise, () when not found.

    A name as ``ocsge:load`` gives it (``occupation_32_2019``: the layer's fields already weighed)
    is
    taken as it is. Otherwise the layer's own fields are the authority (``millesime_debut`` /
    ``millesime_fin`` or ``CS_<year>`` for flows, ``millesime`` for stocks) and its names and paths
    the
    fallback; when both are known and disagree, the fields win and a note is added to ``notes``."""
    two = kind in _TWO_YEAR_KINDS
    wanted = 2 if two else 1
    names, paths = _identity_names(layer)
    for name in names:
        years = _loaded_name(name)[1]
        if len(years) == wanted:
            return years
    named, part = (), ""
    for text in paths:
        named, part = _years_in_name(text, "difference" if two else "occupation")
        if len(named) == wanted:
            break
        named, part = (), ""
    # Named: the first feature is enough to tell a disagreement; unnamed (a database table), every
    # value under the layer's filter, so that a table of two millésimes is told.
    in_data = _millesimes_from_fields(layer, two, every=not named)
    years, note = weigh_millesimes(in_data, named, part, layer.name())
    if note and notes is not None:
        notes.append(note)
    return years


def _millesimes_from_fields(layer, two: bool, every: bool = True) -> tuple[int, ...]:
    from qgis.core import QgsFeatureRequest

    names = layer.fields().names()
    lower = _lower_map(names)
    wanted = ("millesime_debut", "millesime_fin") if two else ("millesime",)
    if two or not every:
        if all(name in lower for name in wanted):
            request = QgsFeatureRequest().setLimit(1).setFlags(QgsFeatureRequest.Flag.NoGeometry)
            request.setSubsetOfAttributes([lower[name] for name in wanted], layer.fields())
            feature = next(layer.getFeatures(request), None)
            if feature is not None and (
                years := _years_of_values([feature[lower[name]] for name in wanted])
            ):
                return years
        years = _field_years(names) if two else []
        return tuple(years) if len(years) == 2 else ()
    if (
        "millesime" in lower
    ):  # every year it holds (under the layer's filter): one table may hold several
        values = layer.uniqueValues(layer.fields().lookupField(lower["millesime"]), 20)
        years = {
            int(found.group(0))
            for value in values
            if (found := re.search(r"(19|20)\d{2}", str(value)))
        }
        return tuple(sorted(years))
    return ()


# ---------------------------------------------------------------------------------- top level


@dataclass
class Delivery:
    layers: list[FoundLayer]
    warnings: list[str]
    extracted: list[tuple[str, bool]]  # (archive, reused from cache)

    @property
    def departements(self) -> list[str]:
        return sorted({layer.departement for layer in self.layers if layer.departement})


def open_delivery(
    path: str | Path,
    kinds: Iterable[str] | None = None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
    check: bool = True,
) -> Delivery:
    """Find, describe and normalise every OCS GE layer under ``path`` (archive, folder or file)."""
    path = Path(path)
    if not path.exists():
        raise DeliveryError(
            tr(
                "{path} does not exist. Expected an OCS GE delivery: a .7z archive from "
                "IGN, a folder or a .gpkg/.shp file."
            ).format(path=path)
        )
    step = progress or (lambda value: None)
    if path.is_file() and is_archive(path):
        archives = archive_parts(path)[:1]
    elif path.is_dir():
        archives = sorted(
            p for p in path.rglob("*.7z*") if p.is_file() and is_archive(p) and is_first_part(p)
        )
    else:
        archives = []
    if path.is_file() and not is_archive(path) and path.suffix.lower() not in (".gpkg", ".shp"):
        raise DeliveryError(
            tr(
                "{name} is not an OCS GE delivery. Expected a .7z archive from IGN, a "
                "folder or a .gpkg/.shp file."
            ).format(name=path.name)
        )
    roots: list[Path] = []
    extracted: list[tuple[str, bool]] = []
    for index, archive in enumerate(archives):
        share = 50.0 / len(archives)
        folder, reused = extract_archive(
            archive, lambda p, i=index, s=share: step(i * s + p * s / 100.0), is_canceled
        )
        roots.append(folder)
        extracted.append((str(archive), reused))
    if path.is_dir():
        roots.append(path)
    elif not is_archive(path):
        roots.append(path)
    layers: list[FoundLayer] = []
    warnings: list[str] = []
    for root in roots:
        found, notes = scan(root, kinds)
        layers.extend(found)
        warnings.extend(notes)
        warnings.extend(note for layer in found for note in layer.notes)
    step(60.0)
    if not layers:
        raise DeliveryError(
            tr(
                "No OCS GE layer was found in {name}. Expected OCCUPATION_SOL, "
                "ZONE_CONSTRUITE, DIFF, artif_… or zan_evol_… layers."
            ).format(name=path.name)
        )
    for index, found in enumerate(layers):
        if is_canceled and is_canceled():
            raise Canceled()
        if found.epsg is None:
            warnings.append(
                tr(
                    "{title}: coordinate system unknown (no .prj and no CRS token in the name)."
                ).format(title=found.title)
            )
        if check:
            check_codes(found, is_canceled)
        normalise(found)
        step(60.0 + 40.0 * (index + 1) / len(layers))
    if len({layer.departement for layer in layers if layer.departement}) > 1:
        warnings.append(
            tr("Several départements were found ({deps}): all were loaded.").format(
                deps=", ".join(sorted({layer.departement for layer in layers if layer.departement}))
            )
        )
    return Delivery(layers, warnings, extracted)


def surface_by_couverture(
    found: FoundLayer, is_canceled: Callable[[], bool] | None = None
) -> dict[str, float]:
    """Planar area (m²) per couverture code of an occupation / artificialisation layer."""
    name = found.field_map.get("code_cs") or found.field_map.get("cs_fin")
    if not name:
        return {}
    ds = ogr.Open(found.path)
    layer = ds.GetLayerByName(found.layer_name)
    layer.SetIgnoredFields([n for n in _all_fields(layer) if n != name])
    totals: dict[str, float] = {}
    for index, feature in enumerate(layer):
        if is_canceled and index % 20000 == 0 and is_canceled():
            raise Canceled()
        geometry = feature.GetGeometryRef()
        code = normalise_code(feature.GetField(name)) or "NULL"
        totals[code] = totals.get(code, 0.0) + (geometry.GetArea() if geometry is not None else 0.0)
    return totals
