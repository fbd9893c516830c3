"""Downloaded files → map layers: GeoPackage, GeoJSON, zipped shapefile (/vsizip/), CSV with
coordinates or WKT (delimitedtext). OCS GE .7z deliveries go through ``ocsge:load`` instead."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from osgeo import ogr
from qgis.core import QgsLayerTreeGroup, QgsMapLayer, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QUrl, QUrlQuery

from ..core.i18n import tr
from ..publishing.styles import apply_style

__all__ = [
    "LoadError",
    "add_layers",
    "layer_specs",
    "sniff_csv",
]

X_NAMES = ("longitude", "lon", "lng", "long", "x", "coord_x", "coordonnee_x", "x_wgs84", "xcoord")
Y_NAMES = ("latitude", "lat", "y", "coord_y", "coordonnee_y", "y_wgs84", "ycoord")
_WKT = re.compile(
    r"^\s*(SRID=\d+;)?\s*(MULTI)?(POINT|LINESTRING|POLYGON|GEOMETRYCOLLECTION)\b", re.IGNORECASE
)
_NUMBER = re.compile(r"^\s*-?\d+([.,]\d+)?\s*$")
_INNER = (".shp", ".gpkg", ".geojson", ".json")


class LoadError(Exception):
    """The file cannot be shown as a layer; the message (translated) says why."""


@dataclass(frozen=True)
class LayerSpec:
    """A layer to add: QgsVectorLayer's arguments, in its order and with its default provider."""

    uri: str
    name: str
    provider: str = "ogr"


@dataclass(frozen=True)
class CsvLayout:
    delimiter: str
    encoding: str
    geometry: tuple[str, ...] = ()  # (x, y) coordinate columns, (wkt,) one WKT column, () none
    crs: str = ""
    decimal_comma: bool = False


def sniff_csv(path: Path) -> CsvLayout:
    """Delimiter, encoding and geometry columns of a CSV, from its first 64 kB."""
    raw = path.read_bytes()[:65536]
    try:
        text, encoding = raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        text, encoding = raw.decode("latin-1"), "ISO-8859-1"
    lines = text.splitlines()
    if len(raw) == 65536 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    sample = "\n".join(lines[:50])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = max(",;\t|", key=lambda d: lines[0].count(d) if lines else 0)
    rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))
    if not rows:
        raise LoadError(tr("{name} is empty.").format(name=path.name))
    header = [h.strip() for h in rows[0]]
    first = next((r for r in rows[1:] if any(c.strip() for c in r)), [])
    values = dict(zip(header, first))
    lower = {h.lower(): h for h in header}
    wkt = next((h for h in header if _WKT.match(values.get(h, ""))), "")
    x = next(
        (lower[n] for n in X_NAMES if n in lower and _NUMBER.match(values.get(lower[n], ""))), ""
    )
    y = next(
        (lower[n] for n in Y_NAMES if n in lower and _NUMBER.match(values.get(lower[n], ""))), ""
    )
    if wkt or not (x and y):
        x = y = ""  # a WKT column wins over coordinate columns
    decimal_comma = bool(x) and delimiter != "," and "," in values[x] + values[y]
    crs = ""
    if wkt or x:
        srid = re.match(r"\s*SRID=(\d+);", values[wkt]) if wkt else None
        crs = (
            f"EPSG:{srid.group(1)}"
            if srid
            else _guess_crs(
                rows[1:],
                header.index(wkt) if wkt else None,
                header.index(x) if x else None,
                header.index(y) if y else None,
            )
        )
    return CsvLayout(
        delimiter, encoding, (wkt,) if wkt else (x, y) if x else (), crs, decimal_comma
    )


def _guess_crs(rows: list[list[str]], wkt: int | None, x: int | None, y: int | None) -> str:
    """Longitudes / latitudes when every sampled coordinate fits, else Lambert-93 (the projected
    CRS French files use most)."""
    pairs: list[tuple[float, float]] = []
    for row in rows:
        try:
            if wkt is not None and wkt < len(row):
                numbers = [
                    float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", row[wkt].split(";")[-1])
                ]
                pairs += list(zip(numbers[0::2], numbers[1::2]))
            elif x is not None and y is not None and max(x, y) < len(row):
                pairs.append((float(row[x].replace(",", ".")), float(row[y].replace(",", "."))))
        except ValueError:
            continue
    if pairs and all(abs(a) <= 180 and abs(b) <= 90 for a, b in pairs):
        return "EPSG:4326"
    return "EPSG:2154"


def csv_uri(path: Path) -> tuple[str, CsvLayout]:
    """The delimitedtext URI of a CSV: points from x/y columns, any geometry from a WKT column,
    else a table without geometry."""
    layout = sniff_csv(path)
    delimiter = (
        "\\t" if layout.delimiter == "\t" else layout.delimiter
    )  # the provider's own escape for tab
    items = [
        ("type", "csv"),
        ("delimiter", delimiter),
        ("encoding", layout.encoding),
        ("detectTypes", "yes"),
        ("trimFields", "yes"),
    ]
    if layout.geometry:
        names = ("wktField",) if len(layout.geometry) == 1 else ("xField", "yField")
        items += [*zip(names, layout.geometry), ("crs", layout.crs)]
    else:
        items += [("geomType", "none")]
    if layout.decimal_comma:
        items.append(("decimalPoint", ","))
    url = QUrl.fromLocalFile(str(path))
    query = QUrlQuery()
    for key, value in items:
        query.addQueryItem(key, value)
    url.setQuery(query)
    return url.toString(QUrl.ComponentFormattingOption.FullyEncoded), layout


def _ogr_layers(path: str) -> list[str]:
    try:
        ds = ogr.Open(path)
    except RuntimeError:
        ds = None
    if ds is None:
        return []
    return [ds.GetLayerByIndex(i).GetName() for i in range(ds.GetLayerCount())]


def layer_specs(path: Path, kind: str, title: str) -> list[LayerSpec]:
    """The layers to add for a downloaded file of ``kind`` (datagouv.Resource.kind)."""
    path = Path(path)
    if kind == "csv":
        uri, _ = csv_uri(path)
        return [LayerSpec(uri, title, "delimitedtext")]
    if kind == "geojson":
        return [LayerSpec(str(path), title)]
    if kind == "gpkg":
        names = [
            n
            for n in _ogr_layers(str(path))
            if not n.startswith(("gpkg_", "rtree_", "layer_styles"))
        ]
        if not names:
            raise LoadError(tr("{name} holds no vector layer.").format(name=path.name))
        return [LayerSpec(f"{path}|layername={n}", n if len(names) > 1 else title) for n in names]
    if kind == "shp_zip":
        try:
            with zipfile.ZipFile(path) as archive:
                inner = [
                    n
                    for n in archive.namelist()
                    if n.lower().endswith(_INNER) and not n.startswith("__MACOSX")
                ]
        except zipfile.BadZipFile:
            raise LoadError(
                tr("{name} is not a readable zip archive.").format(name=path.name)
            ) from None
        shapefiles = [n for n in inner if n.lower().endswith(".shp")] or inner
        if not shapefiles:
            raise LoadError(
                tr(
                    "{name} holds no shapefile, GeoPackage or GeoJSON: it cannot be "
                    "shown on the map."
                ).format(name=path.name)
            )
        return [
            LayerSpec(f"/vsizip/{path}/{n}", Path(n).stem if len(shapefiles) > 1 else title)
            for n in shapefiles
        ]
    raise LoadError(tr("{name}: this format cannot be shown on the map.").format(name=path.name))


def add_layers(specs: list[LayerSpec], project: QgsProject, group: str = "") -> list[QgsMapLayer]:
    """Open and add the layers (in a group when several); OCS GE code fields get the official
    palette."""
    layers = []
    for spec in specs:
        layer = QgsVectorLayer(spec.uri, spec.name, spec.provider)
        if not layer.isValid():
            raise LoadError(
                tr("{name} cannot be opened by QGIS ({provider}).").format(
                    name=spec.name, provider=spec.provider
                )
            )
        if "code_cs" in layer.fields().names() and layer.isSpatial():
            apply_style(layer, "occupation")
        layers.append(layer)
    if len(layers) > 1 and group:
        node: QgsLayerTreeGroup = project.layerTreeRoot().insertGroup(0, group)
        for layer in layers:
            project.addMapLayer(layer, False)
            node.addLayer(layer)
    else:
        for layer in layers:
            project.addMapLayer(layer)
    return layers
