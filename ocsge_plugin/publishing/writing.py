"""Tables written as GeoPackage layers in the published types (EPSG:4326 MultiPolygon or no
geometry); GDAL's failures (a full disk) raised as OSError."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from osgeo import gdal, ogr, osr
from qgis.core import QgsGeometry

from ..core.i18n import tr
from .schema import INT_COLUMNS, STRING_COLUMNS

__all__ = [
    "fill_layer",
    "write_gpkg",
]

gdal.UseExceptions()


def _ogr_type(series: pd.Series, name: str) -> int:
    if (
        name.endswith("_code")
        or name in STRING_COLUMNS
        or name.startswith("millesimes_")
        or name in ("name",)
    ):
        return ogr.OFTString
    if name == "has_ocsge":
        return ogr.OFTInteger
    if name in INT_COLUMNS:
        return ogr.OFTInteger
    return ogr.OFTReal


def write_gpkg(
    path: Path,
    layer_name: str,
    table: pd.DataFrame,
    geometries: Sequence[QgsGeometry | None] | None,
    description: str,
    metadata: dict[str, str],
) -> None:
    """Write one table as a GeoPackage layer (EPSG:4326 MultiPolygon ``geom``, or no geometry)."""
    ds = _checked(
        ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    )  # None on a full disk (without GDAL's exceptions)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    options = [f"DESCRIPTION={description}", f"IDENTIFIER={layer_name}", "FID=fid"]
    if geometries is not None:
        layer = _checked(
            ds.CreateLayer(
                layer_name, srs, ogr.wkbMultiPolygon, options=options + ["GEOMETRY_NAME=geom"]
            )
        )
    else:
        layer = _checked(
            ds.CreateLayer(
                layer_name,
                None,
                ogr.wkbNone,
                options=options + ["ASPATIAL_VARIANT=GPKG_ATTRIBUTES"],
            )
        )
    for key, value in metadata.items():
        layer.SetMetadataItem(key, value)
    gdal.ErrorReset()
    layer.StartTransaction()
    fill_layer(
        layer, table, geometries
    )  # a row GDAL cannot write is its error, checked with the commit
    _checked(layer.CommitTransaction() == 0 and gdal.GetLastErrorType() < gdal.CE_Failure or None)
    ds.FlushCache()
    ds = None


def _checked(value: Any) -> Any:
    """``value``, or OSError (GDAL's last message) for None: GDAL's answer, without exceptions,
    to a full disk."""
    if value is None:
        raise OSError(gdal.GetLastErrorMsg() or tr("GDAL could not write the file"))
    return value


def fill_layer(
    layer: ogr.Layer, table: pd.DataFrame, geometries: Sequence[QgsGeometry | None] | None
) -> None:
    """The fields of ``table`` (published types) and its rows (with ``geometries`` when given)
    into a new OGR layer."""
    for name in table.columns:
        kind = _ogr_type(table[name], name)
        defn = ogr.FieldDefn(name, kind)
        if name == "has_ocsge":
            defn.SetSubType(ogr.OFSTBoolean)
        layer.CreateField(defn)
    defn = layer.GetLayerDefn()
    for i, row in enumerate(table.itertuples(index=False)):
        feature = ogr.Feature(defn)
        for j, value in enumerate(row):
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
                continue
            if isinstance(value, (bool, np.bool_)):
                feature.SetField(j, int(value))
            elif isinstance(value, (np.integer,)):
                feature.SetField(j, int(value))
            elif isinstance(value, (np.floating, float)):
                feature.SetField(j, float(value))
            else:
                feature.SetField(j, str(value))
        if geometries is not None:
            g = geometries[i]
            if g is not None and not g.isNull():
                feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(g.asWkb())))
        layer.CreateFeature(feature)
