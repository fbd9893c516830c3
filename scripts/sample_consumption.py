#!/usr/bin/python3
"""make sample: a Cerema-shaped consumption file (« Consommation d'espaces NAF », fichiers
fonciers) for the sample départements 90 and 974, with the quirks of real files, and the INSEE
table de passage that resolves its merger. Invented numbers (no real consumption), drawn from
CRC32 of the commune and the year: the same bytes on every Debian release, without numpy.

Quirks, as ocsge:consommation meets them in real work:
- the file's COG is 2018 (columns epci18, surfcom2018), the territories' 2024: Meroux (90068) and
  Moval (90073), merged in 2019 into Meroux-Moval (90068), are two rows; passage-cog-2018-2024.csv
  merges
  them;
- one empty year: Delle (90033) has no value for 2016 (empty, not 0);
- Latin-1, ';', numbers over 1,000 m² written as text with a space as thousands separator.

Usage: scripts/sample_consumption.py --data tests/data --out .build/sample
"""

from __future__ import annotations

import argparse
import csv
import json
import zlib
from pathlib import Path

YEARS = range(2009, 2024)
DESTINATIONS = ("act", "hab", "mix", "rou", "fer", "inc")
SHARES = (0.22, 0.58, 0.06, 0.09, 0.01)  # the rest is « inconnu »
REGIONS = {"27": "Bourgogne-Franche-Comté", "04": "La Réunion"}
DEPARTEMENTS = {"90": "Territoire de Belfort", "974": "La Réunion"}
MERGED = {
    "90073": ("Moval", "90068", "Meroux")
}  # old code → (old name, new code, old name of the new code)
EMPTY = ("90033", 2016)
NAME = "consommation-cerema-90-974.csv"
PASSAGE = "passage-cog-2018-2024.csv"


def uniform(*key: object) -> float:
    """A number in [0, 1) fixed by ``key``."""
    return zlib.crc32("/".join(map(str, key)).encode()) / 2**32


def areas(data: Path, dep: str) -> dict[str, float]:
    """Commune code → planar area (m², rounded) of the 2018 outlines, in the département's CRS."""
    from osgeo import ogr, osr

    target = osr.SpatialReference()
    target.ImportFromEPSG(2975 if dep == "974" else 2154)
    source = osr.SpatialReference()
    source.ImportFromEPSG(4326)
    source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(source, target)
    path = next(data.glob(f"communes-{dep}-*.geojson"))
    out = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        geometry = ogr.CreateGeometryFromJson(json.dumps(feature["geometry"]))
        geometry.Transform(transform)
        out[feature["properties"]["code"]] = float(round(geometry.GetArea()))
    return out


def communes(data: Path) -> list[dict]:
    """The communes of the file (COG 2018): the 2024 memberships, Meroux-Moval split back in two."""
    rows = []
    for dep in ("90", "974"):
        surface = areas(data, dep)
        with (data / f"appartenance-communes-{dep}.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                rows.append(dict(row, surface=surface.get(row["commune_code"], 0.0)))
    for old, (old_name, new, new_name) in MERGED.items():
        merged = next(r for r in rows if r["commune_code"] == new)
        population = int(merged["population"])
        area_old = areas(data, new[:2]).get(old, 0.0)
        merged.update(nom=new_name, population=str(population - population // 3))
        rows.append(
            dict(
                merged,
                commune_code=old,
                nom=old_name,
                population=str(population // 3),
                surface=area_old,
            )
        )
    return sorted(rows, key=lambda r: r["commune_code"])


def text(value: float) -> str:
    """A number as a French spreadsheet writes it (« 12 345 »)."""
    return f"{int(value):,}".replace(",", " ")


def yearly(code: str, population: int) -> dict[int, int]:
    """m² consumed during each year: proportional to the population, slowing down over time."""
    base = 12.0 * (200 + population) ** 0.85
    return {
        y: int(base * (1.25 - 0.035 * (y - 2009)) * (0.3 + 1.4 * uniform(code, y))) for y in YEARS
    }


def header() -> list[str]:
    head = [
        "idcom",
        "idcomtxt",
        "idreg",
        "idregtxt",
        "iddep",
        "iddeptxt",
        "epci18",
        "epci18txt",
        "scot",
    ]
    for y in YEARS:
        a, b = y % 100, (y + 1) % 100
        head += [f"naf{a:02d}art{b:02d}"] + [f"art{a:02d}{d}{b:02d}" for d in DESTINATIONS]
    return head + [
        "naf09art24",
        "artcom0924",
        "pop15",
        "pop21",
        "pop1521",
        "men15",
        "men21",
        "men1521",
        "surfcom2018",
    ]


def row(commune: dict) -> list[str]:
    code, population = commune["commune_code"], int(commune["population"])
    dep = commune["departement_code"]
    out = [
        code,
        commune["nom"],
        commune["region_code"],
        REGIONS.get(commune["region_code"], ""),
        dep,
        DEPARTEMENTS.get(dep, ""),
        commune["epci_code"],
        commune["epci_nom"],
        "SCoT du Territoire de Belfort" if dep == "90" else "",
    ]
    values = yearly(code, population)
    for y in YEARS:
        total = values[y]
        if (code, y) == EMPTY:
            out += [""] * 7
            continue
        parts = [int(total * share) for share in SHARES]
        out += [text(total)] + [text(p) for p in parts] + [text(total - sum(parts))]
    total = sum(v for (y, v) in values.items() if (code, y) != EMPTY)
    pop21 = population
    pop15 = int(population * (0.94 + 0.1 * uniform(code, "pop")))
    men21, men15 = int(pop21 / 2.2), int(pop15 / 2.25)
    return out + [
        text(total),
        text(total),
        str(pop15),
        str(pop21),
        str(pop21 - pop15),
        str(men15),
        str(men21),
        str(men21 - men15),
        text(commune["surface"]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parent.parent / "tests" / "data"
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    lines = [header()] + [row(c) for c in communes(args.data)]
    target = args.out / NAME
    tmp = target.with_name(f".{NAME}.tmp")
    tmp.write_bytes(("\r\n".join(";".join(line) for line in lines) + "\r\n").encode("latin-1"))
    tmp.replace(target)
    passage = "CODGEO_2018;CODGEO_2024\n" + "".join(
        f"{old};{new}\n{new};{new}\n" for old, (_, new, _) in MERGED.items()
    )
    (args.out / PASSAGE).write_text(passage, encoding="utf-8")
    print(
        f"{target} : {len(lines) - 1} communes, années {YEARS[0]}–{YEARS[-1]} (Latin-1) "
        f"; {args.out / PASSAGE}"
    )


if __name__ == "__main__":
    main()
