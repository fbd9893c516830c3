"""Floors: what GDAL itself takes for what a pipeline must at least do with OCS GE layers.

- ``arrow``: the floor of reading. GDAL's Arrow stream (``GetArrowStreamAsNumPy``, the reader of
  the plugin, batches of 65,536), geometry as WKB + the code fields + the feature id, every batch
  taken and nothing computed: no pipeline can read its input faster;
- ``copy``: the floor of a pipeline that writes a whole layer (``ocsge:classify``): GDAL's copy of
  the layer into a new GeoPackage (``gdal.VectorTranslate``, as ``ogr2ogr``) with the creation
  options of the plugin's output (``FID=fid``, ``GEOMETRY_NAME=geom``, ``SPATIAL_INDEX=YES``);
  ``copy-noindex``: the same with ``SPATIAL_INDEX=NO`` (what the index costs);
- ``ogr`` / ``qgis``: a Python loop over the features (OGR, or the QGIS provider) measuring each
  polygon's area: extra columns, not floors (the loop itself is most of their time).

Usage: read_floor.py arrow|ogr|qgis FILE[|layername=NAME] ...
       read_floor.py copy|copy-noindex OUT.gpkg FILE[|layername=NAME]"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def read_qgis(sources: list[str]) -> int:
    from qgis.core import QgsApplication, QgsFeatureRequest, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    count = 0
    for source in sources:
        layer = QgsVectorLayer(source, "l", "ogr")
        names = layer.fields().names()
        wanted = [
            n
            for n in names
            if n.lower() in ("code_cs", "code_us") or n.lower().startswith(("cs_", "us_"))
        ]
        request = QgsFeatureRequest().setSubsetOfAttributes(wanted, layer.fields())
        area = 0.0
        for feature in layer.getFeatures(request):
            geometry = feature.geometry()
            area += geometry.constGet().area() if not geometry.isNull() else 0.0
            feature.attributes()
            count += 1
    return count


def _open(source: str):
    from osgeo import ogr

    path, _, layer_name = source.partition("|layername=")
    ds = ogr.Open(path)
    layer = ds.GetLayerByName(layer_name) if layer_name else ds.GetLayer(0)
    defn = layer.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    wanted = [
        n
        for n in names
        if n.lower() in ("code_cs", "code_us") or n.lower().startswith(("cs_", "us_"))
    ]
    return ds, layer, names, wanted


def read_arrow(sources: list[str]) -> int:
    count = 0
    for source in sources:
        ds, layer, names, wanted = _open(source)
        layer.SetIgnoredFields([n for n in names if n not in wanted])
        stream = layer.GetArrowStreamAsNumPy(
            options=["MAX_FEATURES_IN_BATCH=65536", "USE_MASKED_ARRAYS=YES", "INCLUDE_FID=YES"]
        )
        for batch in stream:
            count += len(next(iter(batch.values())))
        del stream, layer, ds
    return count


def copy(out: str, source: str, index: bool) -> int:
    from osgeo import gdal

    gdal.UseExceptions()
    path, _, layer_name = source.partition("|layername=")
    options = ["FID=fid", "GEOMETRY_NAME=geom", f"SPATIAL_INDEX={'YES' if index else 'NO'}"]
    ds = gdal.VectorTranslate(
        out,
        path,
        format="GPKG",
        layers=[layer_name] if layer_name else None,
        layerCreationOptions=options,
    )
    count = ds.GetLayer(0).GetFeatureCount()
    del ds
    return count


def read_ogr(sources: list[str]) -> int:
    count = 0
    for source in sources:
        ds, layer, names, wanted = _open(source)  # ds kept: the layer lives while it does
        layer.SetIgnoredFields([n for n in names if n not in wanted])
        area = 0.0
        for feature in layer:
            geometry = feature.GetGeometryRef()
            area += geometry.GetArea() if geometry is not None else 0.0
            for name in wanted:
                feature.GetField(name)
            count += 1
    return count


if __name__ == "__main__":
    from osgeo import gdal

    mode, sources = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    if mode in ("copy", "copy-noindex"):
        out = Path(sources[0])
        out.unlink(missing_ok=True)
        n = copy(str(out), sources[1], mode == "copy")
    else:
        n = {"arrow": read_arrow, "qgis": read_qgis, "ogr": read_ogr}[mode](sources)
    print(f"{n} features, {mode}, in {time.perf_counter() - start:.2f} s (GDAL {gdal.__version__})")
