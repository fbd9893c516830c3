"""Curved geometries (circular arcs: CurvePolygon, MultiSurface, CompoundCurve…) turned into
polygons.

OCS GE layers are polygons, but a layer may come with curved types (a GeoPackage declared
MultiSurface, a PostGIS table of CurvePolygon): the cores read WKB polygons only. A curved geometry
is linearised once, when its batch is read (``batches.iter_batches``), by OGR's
``GetLinearGeometry`` (arcs cut into segments of at most 4°): every surface is then the linearised
outline's. The log says so once per layer and run (:func:`linear_batches`).
"""

from __future__ import annotations

import struct
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from osgeo import ogr
from qgis.core import QgsVectorLayer, QgsWkbTypes

from ..core.i18n import plural, tr
from .progress import ScaledFeedback

__all__ = ["CURVED_WKB", "is_curved", "wkb_type", "linear_wkb", "linear_batches"]

# ISO WKB types (without their Z / M thousands) of CircularString, CompoundCurve, CurvePolygon,
# MultiCurve, MultiSurface, Curve, Surface
CURVED_WKB = frozenset(range(8, 15))
_noted: weakref.WeakKeyDictionary[Any, set[str]] = (
    weakref.WeakKeyDictionary()
)  # run's feedback → layers told


def is_curved(layer: QgsVectorLayer) -> bool:
    """Whether the layer declares a curved geometry type (MultiSurface, CurvePolygon…)."""
    return QgsWkbTypes.isCurvedType(layer.wkbType())


def wkb_type(blob: bytes) -> int:
    """The geometry type of a WKB (ISO or PostGIS's EWKB), without Z / M: 3 polygon, 12
    multisurface…"""
    code = struct.unpack_from("<I" if blob[0] == 1 else ">I", blob, 1)[0]
    return (code & 0x0FFFFFFF) % 1000


def linear_wkb(blob: bytes) -> bytes:
    """The WKB of the linearised geometry (a polygon for a curve polygon, a multipolygon for a
    multisurface); ``blob`` itself when it has no curve."""
    if not blob or wkb_type(blob) not in CURVED_WKB:
        return blob
    return ogr.CreateGeometryFromWkb(bytes(blob)).GetLinearGeometry().ExportToIsoWkb()


def linear_batches(batches: Iterable[dict], layer: QgsVectorLayer, feedback: Any) -> Iterator[dict]:
    """``batches`` (``iter_batches``' dicts) with every curved WKB linearised; the count said
    once in ``feedback``'s log as a warning, at the end of the first full reading of the layer."""
    count = total = 0
    for batch in batches:
        column = batch["wkb"]
        mask = np.ma.getmaskarray(column)
        items = [
            None if masked or item is None else _bytes(item) for item, masked in zip(column, mask)
        ]
        curved = [i for i, blob in enumerate(items) if blob and wkb_type(blob) in CURVED_WKB]
        total += len(items)
        if curved:
            for i in curved:
                items[i] = linear_wkb(items[i])
            linear = np.empty(len(items), dtype=object)
            linear[:] = items
            batch = {**batch, "wkb": linear}
            count += len(curved)
        yield batch
    if count and feedback is not None and _first_time(feedback, layer.source()):
        feedback.pushWarning(
            plural(
                count,
                tr(
                    "{layer}: {count} geometry of a curved type (MultiSurface, "
                    "CurvePolygon…) of {total} made into a polygon, its arcs cut into "
                    "segments of at most 4°: its surface is that of the linearised "
                    "outline."
                ),
                tr(
                    "{layer}: {count} geometries of a curved type (MultiSurface, "
                    "CurvePolygon…) of {total} made into polygons, their arcs cut into "
                    "segments of at most 4°: their surfaces are those of the linearised "
                    "outlines."
                ),
            ).format(layer=_named(layer), count=count, total=total)
        )


def _first_time(feedback: Any, source: str) -> bool:
    """Whether the run of ``feedback`` (the algorithm's own, under its slices) has not been told
    about the layer ``source`` yet; from now on it has."""
    while isinstance(feedback, ScaledFeedback) and feedback.feedback is not None:
        feedback = feedback.feedback
    try:
        told = _noted.setdefault(feedback, set())
    except TypeError:  # not weakly referable: told every time
        return True
    if source in told:
        return False
    told.add(source)
    return True


def _named(layer: QgsVectorLayer) -> str:
    """The layer's name, with its file when the name alone may not tell it (``OCCUPATION_SOL``)."""
    path = layer.source().split("|")[0]
    if layer.providerType() != "ogr" or path.lower().endswith(".vrt") or not Path(path).is_file():
        return layer.name()
    return f"{layer.name()} ({path})"


def _bytes(item: Any) -> bytes:
    return item.tobytes() if isinstance(item, np.void) else bytes(item)
