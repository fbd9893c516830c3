"""A layer already loaded in QGIS (a VRT of ``ocsge:load``, a file, a memory layer, a database
table): its VRT read back, its département and millésime(s) read from its names or fields."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..core.definitions import LAYER_KINDS
from .names import (
    departement_from_name,
    field_years,
    lower_map,
    normalise_departement,
    weigh_millesimes,
    years_in_name,
    years_of_values,
)

__all__ = [
    "VrtLayer",
    "layer_departement",
    "layer_millesimes",
    "read_vrt",
]


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
    """Where a loaded layer (``QgsVectorLayer``) says its département and years, in the order
    they are tried: (names as ``ocsge:load`` gives them, ``<kind>_<dep>_<years>``: the VRT layer
    and its source layer, the layer's name in the project; paths, each read from its last part:
    the data set behind the VRT and its layer, the layer's file and layer name, the layer's name
    in the project)."""
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
    """Years of a loaded layer: two for a flow kind (difference, artif_diff, flows:
    ``ocsge:flows`` output), one otherwise, () when not found.

    A name as ``ocsge:load`` gives it (``occupation_32_2019``: the layer's fields already
    weighed) is taken as it is. Otherwise the layer's own fields are the authority
    (``millesime_debut`` / ``millesime_fin`` or ``CS_<year>`` for flows, ``millesime`` for
    stocks) and its names and paths the fallback; when both are known and disagree, the fields
    win and a note is added to ``notes``."""
    two = kind in _TWO_YEAR_KINDS
    wanted = 2 if two else 1
    names, paths = _identity_names(layer)
    for name in names:
        years = _loaded_name(name)[1]
        if len(years) == wanted:
            return years
    named, part = (), ""
    for text in paths:
        named, part = years_in_name(text, "difference" if two else "occupation")
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
    lower = lower_map(names)
    wanted = ("millesime_debut", "millesime_fin") if two else ("millesime",)
    if two or not every:
        if all(name in lower for name in wanted):
            request = QgsFeatureRequest().setLimit(1).setFlags(QgsFeatureRequest.Flag.NoGeometry)
            request.setSubsetOfAttributes([lower[name] for name in wanted], layer.fields())
            feature = next(layer.getFeatures(request), None)
            if feature is not None and (
                years := years_of_values([feature[lower[name]] for name in wanted])
            ):
                return years
        years = field_years(names) if two else []
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
