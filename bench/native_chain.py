"""The chain a QGIS user builds from native algorithms for the per-commune numbers:
native:intersection (OCS GE × communes) → native:fieldcalculator (flag × area($geometry), planar) →
qgis:statisticsbycategories (sum per commune). Writes a CSV per commune (m²).

Usage: native_chain.py COMMUNES OCC_DEBUT OCC_FIN DIFF YEAR_DEBUT YEAR_FIN OUT.csv
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, "/usr/share/qgis/python/plugins")


def start_qgis():
    from qgis.analysis import QgsNativeAlgorithms
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    if registry.providerById("native") is None:  # Processing.initialize() registers it on 3.22;
        registry.addProvider(QgsNativeAlgorithms())  # adding it twice makes its algorithms vanish
    return app


def _written_codes() -> tuple[list[str], list[str]]:
    """Every code of both trees (parents included), and '' (null) and INDETERMINE: what
    deliveries carry."""
    from ocsge_plugin.domain.nomenclature import couverture, usage

    return list(couverture()) + ["", "INDETERMINE"], list(usage()) + ["", "INDETERMINE"]


def _code(field: str) -> str:
    """A code field as the plugin reads it: trimmed, upper case, '' for null."""
    return f"upper(trim(coalesce(\"{field}\", '')))"


def matrix_expression(cs: str, us: str) -> str:
    """The décret's matrix as a QGIS expression (what a user would type in the field calculator):
    the (couverture, usage) pairs of any level that are artificialised whatever their leaves
    (issue
    11)."""
    from ocsge_plugin.domain.rules import resolve

    codes_cs, codes_us = _written_codes()
    pairs = ",".join(
        f"'{c}|{u}'" for c in codes_cs for u in codes_us if resolve(c or None, u or None)[1] is True
    )
    return f"CASE WHEN concat({_code(cs)}, '|', {_code(us)}) IN ({pairs}) THEN 1 ELSE 0 END"


def imper_expression(cs: str) -> str:
    from ocsge_plugin.domain.rules import resolve

    codes = ",".join(f"'{c}'" for c in _written_codes()[0] if resolve(c or None, None)[0] is True)
    return f"CASE WHEN {_code(cs)} IN ({codes}) THEN 1 ELSE 0 END"


def field_names(source: str) -> list[str]:
    from qgis.core import QgsVectorLayer

    return QgsVectorLayer(source, "l", "ogr").fields().names()


def pick(names: list[str], *candidates: str) -> str:
    lower = {n.lower(): n for n in names}
    for candidate in candidates:
        if candidate.lower() in lower:
            return lower[candidate.lower()]
    raise SystemExit(f"none of {candidates} in {names}")


def sums_by_commune(
    layer_source: str, communes: str, values: dict[str, str]
) -> dict[str, dict[str, float]]:
    import processing

    inter = processing.run(
        "native:intersection",
        {
            "INPUT": layer_source,
            "OVERLAY": communes,
            "INPUT_FIELDS": [],
            "OVERLAY_FIELDS": ["code"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    current = inter
    for name, expression in values.items():
        current = processing.run(
            "native:fieldcalculator",
            {
                "INPUT": current,
                "FIELD_NAME": name,
                "FIELD_TYPE": 0,
                "FIELD_LENGTH": 20,
                "FIELD_PRECISION": 6,
                "FORMULA": f"({expression}) * area($geometry)",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )["OUTPUT"]
    result: dict[str, dict[str, float]] = {}
    for name in values:
        stats = processing.run(
            "qgis:statisticsbycategories",
            {
                "INPUT": current,
                "VALUES_FIELD_NAME": name,
                "CATEGORIES_FIELD_NAME": ["code"],
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )["OUTPUT"]
        from qgis.core import QgsVectorLayer

        table = stats if not isinstance(stats, str) else QgsVectorLayer(stats, "s", "ogr")
        for feature in table.getFeatures():
            result.setdefault(str(feature["code"]), {})[name] = float(feature["sum"] or 0.0)
    return result


def main(communes, occ_debut, occ_fin, diff, year_debut, year_fin, out):
    app = start_qgis()  # keep a reference: a collected QgsApplication takes the registry with it
    started = time.perf_counter()
    rows: dict[str, dict[str, float]] = {}
    for source, year in ((occ_debut, year_debut), (occ_fin, year_fin)):
        names = field_names(source)
        cs, us = pick(names, "code_cs", "couverture"), pick(names, "code_us", "usage")
        part = sums_by_commune(
            source,
            communes,
            {f"artif_{year}": matrix_expression(cs, us), f"imper_{year}": imper_expression(cs)},
        )
        for code, values in part.items():
            rows.setdefault(code, {}).update(values)
    names = field_names(diff)
    csd, usd = (
        pick(names, f"cs_{year_debut}", "cs_avant"),
        pick(names, f"us_{year_debut}", "us_avant"),
    )
    csf, usf = pick(names, f"cs_{year_fin}", "cs_apres"), pick(names, f"us_{year_fin}", "us_apres")
    ad, af = matrix_expression(csd, usd), matrix_expression(csf, usf)
    idd, idf = imper_expression(csd), imper_expression(csf)
    valid = (
        f'("{csd}" IS NOT NULL AND "{usd}" IS NOT NULL AND "{csf}" IS NOT NULL AND "{usf}" '
        "IS NOT NULL)"
    )
    flows = {
        "flux_artif": f"{valid} AND ({ad}) = 0 AND ({af}) = 1",
        "flux_desartif": f"{valid} AND ({ad}) = 1 AND ({af}) = 0",
        "flux_imper": f"{valid} AND ({idd}) = 0 AND ({idf}) = 1",
        "flux_desimper": f"{valid} AND ({idd}) = 1 AND ({idf}) = 0",
    }
    flows = {name: f"CASE WHEN {expr} THEN 1 ELSE 0 END" for name, expr in flows.items()}
    for code, values in sums_by_commune(diff, communes, flows).items():
        rows.setdefault(code, {}).update(values)
    columns = [
        f"artif_{year_debut}",
        f"imper_{year_debut}",
        f"artif_{year_fin}",
        f"imper_{year_fin}",
        *flows,
    ]
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["commune_code", *columns])
        for code in sorted(rows):
            writer.writerow([code, *(rows[code].get(c, 0.0) for c in columns)])
    print(f"native chain: {len(rows)} communes in {time.perf_counter() - started:.1f} s")
    del app


if __name__ == "__main__":
    main(*sys.argv[1:8])
