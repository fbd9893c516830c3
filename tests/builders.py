"""Hand-built OCS GE deliveries whose answers are known by hand (squares of known size)."""

from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

from osgeo import ogr, osr

from ocsge.ocsge_plugin.storage.sevenzip import require_seven_zip as seven_zip

ogr.UseExceptions()


def square(x: float, y: float, size: float) -> str:
    return f"MULTIPOLYGON((({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y})))"


def write_layer(
    path: Path,
    layer_name: str,
    fields: list[str],
    rows: list[tuple[str, list]],
    epsg: int | None = 2154,
    driver: str = "GPKG",
    geometry_name: str = "the_geom",
) -> Path:
    """Write polygons (WKT, attribute values) with text fields to a GPKG or SHP."""
    path.parent.mkdir(parents=True, exist_ok=True)
    drv = ogr.GetDriverByName("GPKG" if driver == "GPKG" else "ESRI Shapefile")
    ds = (
        drv.Open(str(path), 1)
        if path.exists() and driver == "GPKG"
        else drv.CreateDataSource(str(path))
    )
    srs = None
    if epsg:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
    options = [f"GEOMETRY_NAME={geometry_name}"] if driver == "GPKG" else []
    layer = ds.CreateLayer(layer_name, srs, ogr.wkbMultiPolygon, options=options)
    for name in fields:
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for wkt, values in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in zip(fields, values):
            if value is not None:
                feature.SetField(name, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    ds = None
    if driver != "GPKG" and epsg is None:
        prj = path.with_suffix(".prj")
        if prj.exists():
            prj.unlink()
    return path


# Four 100 m squares (1 ha each) and one 50 m square (0.25 ha): the answer is known by hand.
HAND_ROWS = [
    (square(0, 0, 100), ["A1", "CS1.1.1.1", "US5", "2019"]),
    (square(100, 0, 100), ["A2", "CS1.1.1.2", "US4.1.1", "2019"]),
    (square(0, 100, 100), ["A3", "CS2.2.1", "US1.1", "2019"]),
    (square(100, 100, 100), ["A4", "CS2.2.1", "US1.1", "2019"]),
    (square(200, 0, 50), ["A5", "CS2.1.1.1", "US1.2", "2019"]),
]
HAND_SURFACE_HA = {"CS1.1.1.1": 1.0, "CS1.1.1.2": 1.0, "CS2.2.1": 2.0, "CS2.1.1.1": 0.25}


def hand_delivery(
    folder: Path,
    name: str = "OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01",
    flavour: str = "gpkg",
    fields: tuple[str, str] = ("code_cs", "code_us"),
    epsg: int | None = 2154,
    rows=None,
) -> Path:
    """An unpacked delivery, IGN's folder depth, one OCCUPATION_SOL layer."""
    dep, year = re.search(r"_(D\w+?)_((?:19|20)\d\d)-", name).groups()
    inner = (
        folder
        / name
        / "OCS-GE"
        / "1_DONNEES_LIVRAISON_2021-06-00123"
        / f"OCS-GE_2-0_{flavour.upper()}_LAMB93_{dep}-{year}"
    )
    names = ["ID", fields[0], fields[1], "millesime"]
    # Its millesime field says the year its name says, as in IGN's deliveries (the field is the
    # authority).
    rows = [(wkt, list(values[:3]) + [year]) for wkt, values in (rows or HAND_ROWS)]
    if flavour == "gpkg":
        write_layer(inner / "OCCUPATION_SOL.gpkg", "OCCUPATION_SOL", names, rows, epsg)
        write_layer(
            inner / "ZONE_CONSTRUITE.gpkg",
            "ZONE_CONSTRUITE",
            ["ID"],
            [(square(0, 0, 200), ["Z1"])],
            epsg,
        )
    else:
        write_layer(inner / "OCCUPATION_SOL.shp", "OCCUPATION_SOL", names, rows, epsg, driver="SHP")
    return folder / name


def pack_7z(folder: Path) -> Path:
    """Pack a delivery folder as IGN does: NAME.7z holding NAME/…"""
    archive = folder.parent / f"{folder.name}.7z"
    if archive.exists():
        archive.unlink()
    subprocess.run(
        [seven_zip(), "a", "-bd", "-y", str(archive), folder.name],
        cwd=folder.parent,
        check=True,
        capture_output=True,
    )
    return archive


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


BELFORT_DATA = Path(__file__).resolve().parent / "data"


def belfort_params(folder, output_name: str, output, **extra) -> dict:
    """Parameters of ocsge:diagnostic / ocsge:portrait on deliveries in ``folder`` with the real
    Territoire de Belfort communes and membership table; ``output_name`` (OUTPUT_FOLDER, OUTPUT)
    set to ``output``; ``extra`` added or replacing."""
    return {
        "INPUT": str(folder),
        "COMMUNES": str(BELFORT_DATA / "communes-90-territoire-de-belfort.geojson"),
        "CODE_FIELD": "code",
        "NAME_FIELD": "nom",
        "MEMBERSHIP": str(BELFORT_DATA / "appartenance-communes-90.csv"),
        output_name: str(output),
        **extra,
    }


def belfort_sample(folder: Path, seed: int = 11) -> dict:
    """The sample deliveries of D090 (GeoPackage, 3,000 polygons, not archived) generated into
    ``folder``; the generator's manifest (per-commune truth included)."""
    import sample_generator

    return sample_generator.generate(
        "90", 3000, seed=seed, out=folder, archive=False, flavour="gpkg"
    )


def read_csv(path: Path) -> list[dict]:
    """The rows of a comma-separated UTF-8 file, as dicts."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# ------------------------------------------------------------------- the user's files (issue 24)

FIELDS = ["ID", "code_cs", "code_us", "millesime"]


def sha256_tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too): relative path → sha256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def users_gpkg(path: Path, first: str = "OCCUPATION_SOL", rows=None, fields=None) -> Path:
    """A user's GeoPackage: ``first`` (OCS GE polygons), ZONE_CONSTRUITE and the user's own
    layer."""
    write_layer(path, first, fields or FIELDS, rows or HAND_ROWS)
    write_layer(path, "ZONE_CONSTRUITE", ["ID"], [(square(0, 0, 200), ["Z1"])])
    write_layer(path, "mes_notes", ["note"], [(square(10, 10, 5), ["à garder"])])
    return path


def user_folder(tmp_path: Path) -> Path:
    """The user's folder: their data and a few files of their own beside it."""
    folder = tmp_path / "donnees"
    folder.mkdir()
    (folder / "notes.txt").write_text("mes notes\n", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(os.urandom(2048))
    return folder


# Curved geometries (issue 24): a square with an arc below it (bâti), a plain square in a
# multisurface (herbacé), a disc (non bâti), in a GeoPackage layer declared MultiSurface.
CURVED_ROWS = [
    (
        "MULTISURFACE(CURVEPOLYGON(COMPOUNDCURVE(CIRCULARSTRING(0 0,50 -20,100 0),(100 "
        "0,100 100,0 100,0 0))))",
        ["C1", "CS1.1.1.1", "US5", "2019"],
    ),
    ("MULTISURFACE(((100 0,200 0,200 100,100 100,100 0)))", ["C2", "CS2.2.1", "US1.1", "2019"]),
    ("CURVEPOLYGON(CIRCULARSTRING(300 50,350 50,300 50))", ["C3", "CS1.1.1.2", "US4.1.1", "2019"]),
]


def curved_delivery(folder: Path, rows=None, year: int = 2019) -> Path:
    """OCCUPATION_SOL.gpkg of ``rows`` (default CURVED_ROWS; MultiSurface) in a delivery folder
    of D032 ``year``; its path."""
    path = folder / f"OCS-GE_2-0__GPKG_LAMB93_D032_{year}-01-01" / "OCCUPATION_SOL.gpkg"
    path.parent.mkdir(parents=True)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("OCCUPATION_SOL", srs, ogr.wkbMultiSurface)
    names = ["ID", "code_cs", "code_us", "millesime"]
    for name in names:
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for wkt, values in rows or CURVED_ROWS:
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in zip(
            names, list(values[:3]) + [str(year)]
        ):  # the millesime field says its name's year
            feature.SetField(name, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    ds = None
    return path


def linear_area(wkt: str) -> float:
    """The area of a geometry once linearised, by OGR alone (arcs cut at 4°, as the plugin does)."""
    return ogr.CreateGeometryFromWkt(wkt).GetLinearGeometry().GetArea()


def two_candidates(folder: Path, extract_name: str, complete_name: str, extract=None) -> Path:
    """A D032 2019 delivery whose one GeoPackage holds an extract (default: HAND_ROWS 1 and 3, 2 ha,
    1 ha artificialised) written first, then the complete layer (HAND_ROWS: 4.25 ha, 2 ha)."""
    path = folder / "OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01" / "OCCUPATION_SOL.gpkg"
    names = ["ID", "code_cs", "code_us", "millesime"]
    write_layer(path, extract_name, names, extract or [HAND_ROWS[0], HAND_ROWS[2]])
    write_layer(path, complete_name, names, HAND_ROWS)
    return path.parent


def run_group(project, base: str):
    """The newest group a run made for ``base`` (« OCS GE D32 2019 », « Diagnostic OCS GE – … »):
    the top-level group named « <base>… – dd/mm/yyyy hh:mm », or None."""
    from qgis.core import QgsLayerTree

    pattern = re.compile(rf"{re.escape(base)}.* – \d\d/\d\d/\d{{4}} \d\d:\d\d( \(\d+\))?")
    return next(
        (
            c
            for c in project.layerTreeRoot().children()
            if QgsLayerTree.isGroup(c) and pattern.fullmatch(c.name())
        ),
        None,
    )


@contextmanager
def tmpfs(folder: Path, size: str):
    """A real filesystem of ``size`` (tmpfs, e.g. "8m") mounted at ``folder`` for a full-disk
    test and unmounted after it; skipped where mounting is not allowed (not root)."""
    import pytest

    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
