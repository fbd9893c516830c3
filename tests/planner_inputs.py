"""Inputs as planners download them, built from the real files of tests/data: an XLSX written by
hand (it is zipped XML: shared strings, one sheet per table, title rows before the header as
INSEE publishes them), INSEE's table d'appartenance of Territoire de Belfort, ADMIN EXPRESS
COMMUNE layers."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from osgeo import ogr, osr

DATA = Path(__file__).resolve().parent / "data"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    """An XLSX workbook with one sheet per entry; cells are text (shared strings), numbers or
    None."""
    strings: dict[str, int] = {}
    sheet_xml = []
    for rows in sheets.values():
        lines = []
        for r, row in enumerate(rows, start=1):
            cells = []
            for c, value in enumerate(row):
                ref = f"{_column(c)}{r}"
                if value is None or value == "":
                    continue
                if isinstance(value, (int, float)):
                    cells.append(f'<c r="{ref}"><v>{value}</v></c>')
                else:
                    index = strings.setdefault(str(value), len(strings))
                    cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
            lines.append(f'<row r="{r}">{"".join(cells)}</row>')
        sheet_xml.append(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
            f'xmlns="{MAIN}"><sheetData>{"".join(lines)}</sheetData></worksheet>'
        )
    names = list(sheets)
    shared = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(len(names))
            )
            + '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            f'xmlns="{PACKAGE_RELS}">'
            f'<Relationship Id="rId1" Type="{RELS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook '
            f'xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>'
            + "".join(
                f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                for i, n in enumerate(names)
            )
            + "</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            f'xmlns="{PACKAGE_RELS}">'
            + "".join(
                f'<Relationship Id="rId{i + 1}" Type="{RELS}/worksheet" '
                f'Target="worksheets/sheet{i + 1}.xml"/>'
                for i in range(len(names))
            )
            + f'<Relationship Id="rId{len(names) + 1}" Type="{RELS}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>',
        )
        for i, xml in enumerate(sheet_xml):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", xml)
        z.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{MAIN}" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>',
        )
    return path


def plugin_membership(dep: str = "90") -> list[dict]:
    """The rows of tests/data/appartenance-communes-<dep>.csv (the plugin's own CSV)."""
    with (DATA / f"appartenance-communes-{dep}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


TITLE_ROWS = [
    ["Table d'appartenance géographique des communes au 1er janvier 2024"],
    ["Source : Insee, code officiel géographique (COG) au 1er janvier 2024"],
    [],
    [
        "Code géographique",
        "Libellé géographique",
        "Département",
        "Région",
        "EPCI",
        "Nature d'EPCI",
        "Arrondissement",
    ],
]


def insee_xlsx(path: Path, dep: str = "90") -> Path:
    """INSEE's table d'appartenance of the communes of ``dep`` as INSEE ships it: sheet COM
    (title rows, a row of labels, then CODGEO, LIBGEO, DEP, REG, EPCI, NATURE_EPCI, ARR) and the
    sheet of supra-communal zones whose EPCI rows name the EPCI."""
    rows = plugin_membership(dep)
    com = TITLE_ROWS + [["CODGEO", "LIBGEO", "DEP", "REG", "EPCI", "NATURE_EPCI", "ARR"]]
    for row in rows:
        nature = row["epci_nom"].split(" ")[0] if row["epci_code"] else "ZZ"
        com.append(
            [
                row["commune_code"],
                row["nom"],
                row["departement_code"],
                row["region_code"],
                row["epci_code"] or "ZZZZZZZZZ",
                nature,
                f"{dep}1",
            ]
        )
    epci = sorted({(row["epci_code"], row["epci_nom"]) for row in rows if row["epci_code"]})
    zones = [
        ["Zones supra-communales au 1er janvier 2024"],
        ["Source : Insee"],
        [],
        ["Niveau géographique", "Code géographique", "Libellé géographique", "Nombre de communes"],
        ["NIVGEO", "CODGEO", "LIBGEO", "NB_COM"],
    ]
    zones += [
        ["EPCI", code, name, sum(1 for r in rows if r["epci_code"] == code)] for code, name in epci
    ]
    zones += [["DEP", dep, "Territoire de Belfort", len(rows)]]
    return write_xlsx(
        path,
        {
            "COM": com,
            "ARM": TITLE_ROWS + [["CODGEO", "LIBGEO", "COM", "DEP", "REG", "EPCI"]],
            "Zones_supra_communales": zones,
        },
    )


ADMIN_EXPRESS = [
    "ID",
    "NOM",
    "NOM_M",
    "INSEE_COM",
    "STATUT",
    "POPULATION",
    "INSEE_CAN",
    "INSEE_ARR",
    "INSEE_DEP",
    "INSEE_REG",
    "SIREN_EPCI",
]


def admin_express_communes(
    path: Path, dep: str = "90", lower: bool = False, driver: str = "GPKG"
) -> Path:
    """An ADMIN EXPRESS COMMUNE layer of ``dep`` from the real outlines of tests/data (same
    geometries, EPSG:4326) and the memberships of appartenance-communes-<dep>.csv; a commune
    without membership row has no SIREN_EPCI, INSEE_DEP, INSEE_REG."""
    outlines = json.loads(next(DATA.glob(f"communes-{dep}-*.geojson")).read_text(encoding="utf-8"))
    members = {row["commune_code"]: row for row in plugin_membership(dep)}
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ds = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    options = [] if driver == "GPKG" else ["ENCODING=UTF-8"]  # a .cpg saying UTF-8, as IGN ships it
    layer = ds.CreateLayer(
        "COMMUNE" if driver == "GPKG" else path.stem, srs, ogr.wkbMultiPolygon, options
    )
    names = [n.lower() if lower else n for n in ADMIN_EXPRESS]
    for name in names:
        layer.CreateField(
            ogr.FieldDefn(name, ogr.OFTInteger if name.upper() == "POPULATION" else ogr.OFTString)
        )
    for index, feature in enumerate(outlines["features"]):
        code = feature["properties"]["code"]
        member = members.get(code, {})
        values = [
            f"COMMUNE_{index:016d}",
            feature["properties"]["nom"],
            feature["properties"]["nom"].upper(),
            code,
            "Commune simple",
            int(member.get("population") or 0),
            None,
            f"{dep}1",
            member.get("departement_code"),
            member.get("region_code"),
            member.get("epci_code"),
        ]
        out = ogr.Feature(layer.GetLayerDefn())
        for name, value in zip(names, values):
            if value is not None:
                out.SetField(name, value)
        geometry = ogr.CreateGeometryFromJson(json.dumps(feature["geometry"]))
        out.SetGeometry(ogr.ForceToMultiPolygon(geometry))
        layer.CreateFeature(out)
    ds = None
    return path
