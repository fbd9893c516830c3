"""Read floor: time to read every feature (geometry + the two code fields) of OCS GE layers,
through the QGIS provider or through OGR directly. Usage: read_floor.py qgis|ogr FILE[|layer] ..."""

from __future__ import annotations

import sys
import time


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


def read_ogr(sources: list[str]) -> int:
    from osgeo import ogr

    count = 0
    for source in sources:
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
    mode, sources = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    n = read_qgis(sources) if mode == "qgis" else read_ogr(sources)
    print(f"{n} features read in {time.perf_counter() - start:.2f} s")
