"""Reading IGN's OCS GE deliveries: archives, folders, files → normalised layers.

IGN ships 7-Zip archives holding GeoPackage or Shapefile layers a few folders deep, with field names
that vary between products and years. This module finds every layer kind in what the user points at,
reads the département and millésime(s) from the names and fields, and normalises the field names
ONCE, by writing a small GDAL VRT beside the extracted data (no copy of the data). Every later stage
reads the normalised schema below and never the raw IGN spellings:

=================  ============================================================================
kind               normalised fields (original fields are kept after them)
=================  ============================================================================
occupation         code_cs, code_us artif              code_cs, code_us, artif ('artif' / 'non
artif'), crit_seuil difference         cs_debut, us_debut, cs_fin, us_fin artif_diff
cs_debut, us_debut, artif_debut, cs_fin, us_fin, artif_fin, artificialisation zone_construite
(no code field)
=================  ============================================================================

For a layer already loaded in QGIS (a VRT of ``ocsge:load``, a file, a memory layer),
``layer_departement`` and ``layer_millesimes`` read its département and millésime(s) back from
its names or fields."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

from osgeo import gdal, ogr, osr

from ..core.definitions import LAYER_KINDS
from ..core.errors import Canceled, DeliveryError
from ..core.i18n import Note, tr
from ..core.settings import cache_dir
from ..domain.nomenclature import is_known_code, normalise_code
from . import candidates, files
from .archives import archive_parts, cache_key, extract_archive, is_archive, is_first_part
from .loaded import layer_departement, layer_millesimes, read_vrt
from .names import (
    CRS_TOKENS,
    departement_from_name,
    epsg_from_name,
    field_years,
    kind_from_name,
    lone_year,
    lower_map,
    millesimes_from_name,
    normalise_departement,
    weigh_millesimes,
    years_in_name,
    years_of_values,
)

__all__ = [
    "KINDS",
    "LAYER_TITLES",
    "Canceled",
    "Delivery",
    "DeliveryError",
    "FoundLayer",
    "departement_from_name",
    "epsg_from_name",
    "field_map_for",
    "kind_from_fields",
    "kind_from_name",
    "layer_departement",
    "layer_kind",
    "layer_millesimes",
    "layers_with_field",
    "lone_year",
    "millesimes_from_name",
    "normalise",
    "normalise_departement",
    "open_delivery",
    "read_vrt",
    "scan",
    "surface_by_couverture",
    "weigh_millesimes",
]

gdal.UseExceptions()

# old name, until computing/sources.py says LAYER_KINDS
KINDS = LAYER_KINDS


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


# -------------------------------------------------------------------------------------- fields


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
    names themselves); also the years found in the fields.

    Raises DeliveryError naming the missing fields when the layer lacks its code fields
    (``required``: the fields to insist on instead of the kind's own, ``_REQUIRED``).
    """
    lower = lower_map(names)
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
        years = field_years(names)
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
    layer of the same kind and millésime (``candidates.choose_complete``: an extract saved beside
    IGN's layer). Returns (layers, warnings)."""
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
                    Note(
                        tr(
                            "{name}: not an OCS GE layer (no known layer name nor code "
                            "fields); skipped."
                        ).format(name=f"{data_file.name}/{layer_name}")
                    )
                )
                continue
            if kind not in wanted:
                continue
            found.append(_describe(data_file, layer_name, kind, context))
    found, notes = candidates.choose_complete(found)
    return found, warnings + notes


def layers_with_field(path: Path, field_name: str) -> list[tuple[str, str]]:
    """(OGR source, layer name) of every layer of the .gpkg / .shp files at ``path`` (a file or
    a folder, walked) that has the field ``field_name`` (case ignored): a regional base's layers,
    read through a correspondence table."""
    path = Path(path)
    if path.is_dir():
        found_files = _data_files(path)
    elif path.suffix.lower() in (".gpkg", ".shp"):
        found_files = [path]
    else:
        return []
    found = []
    wanted = field_name.lower()
    for data_file in found_files:
        ds = ogr.Open(str(data_file))
        for index in range(ds.GetLayerCount() if ds is not None else 0):
            layer = ds.GetLayerByIndex(index)
            defn = layer.GetLayerDefn()
            names = {defn.GetFieldDefn(i).GetName().lower() for i in range(defn.GetFieldCount())}
            if wanted in names:
                found.append((f"{data_file}|layername={layer.GetName()}", layer.GetName()))
    return found


def kind_from_fields(names: Iterable[str], text_fields: Iterable[str] | None = None) -> str | None:
    """What a layer is, from its field names (any case, IGN's spellings and the normalised ones
    alike) and, when known, which of them are text: the one detector of layer kinds, for files,
    QGIS layers and database tables alike (the table's name is never needed).

    IGN's kinds: 'artif_diff', 'difference' (``CS_<year>``/``cs_avant``/``cs_debut`` pairs),
    'artif', 'occupation'; the plugin's own outputs: 'flows' (``ocsge:flows``' pieces),
    'presence' (its areas covered by one millésime only: nothing to aggregate), 'classified'
    (``ocsge:classify``: numeric ``artif`` and ``imper``; told only when ``text_fields`` is
    given, IGN's ``artif`` being text). None when the fields tell none of them (zone construite,
    a layer of something else)."""
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
        or len(field_years(lower)) == 2
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
    named, part = years_in_name(context, kind)
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
    lower = lower_map(names)
    wanted = ("millesime_debut", "millesime_fin") if two else ("millesime",)
    if not all(name in lower for name in wanted):
        return ()
    layer.ResetReading()
    feature = layer.GetNextFeature()
    layer.ResetReading()
    if feature is None:
        return ()
    return years_of_values([feature.GetField(lower[name]) for name in wanted])


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
    """Write (once) a VRT that exposes the layer with the normalised field names, in ``folder``
    (by default the cache); return its path."""
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
    departements = sorted({layer.departement for layer in layers if layer.departement})
    if len(departements) > 1:
        said = tr("Several départements were found ({deps}): all were loaded.")
        warnings.append(Note(said.format(deps=", ".join(departements))))
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
