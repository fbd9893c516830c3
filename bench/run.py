"""`make bench` / `make bench-small`: the plugin's pipelines at département scale beside the read
floor and the chain of native QGIS algorithms, on the same synthetic Gers (issue 7).

    /usr/bin/python3 bench/run.py --sizes 20000 200000 1000000 [--profile 200000]

For every size: generate once (seeded, cached in .build/bench/gers-<N>-v32/), then time with
/usr/bin/time -v (wall clock, peak RSS), each in its own process, every run but the native chain
``--rounds`` times in turn (default 3; median wall time, highest peak memory):

- the floors (bench/read_floor.py, QGIS's own GDAL): read_arrow / read_arrow_two /
  read_arrow_one, GDAL's Arrow stream of the three inputs (two OCCUPATION_SOL + DIFFERENCE), of
  the two millésimes, of one (WKB + code fields, nothing computed: the floor of a pipeline that
  reads); copy_one, GDAL's copy of the fin millésime into a new GeoPackage with the plugin's
  creation options and spatial index (the floor of ocsge:classify, which writes the layer whole),
  copy_one_noindex the same without the index (what the index costs);
- extra columns, not floors: read_qgis / read_ogr(_two, _one), a Python loop over the features
  measuring each polygon's area, through the QGIS provider / OGR;
- p1: `ocsge:diagnostic` on the two occupation deliveries + the difference delivery, matrix, no
  coverage (stocks of both millésimes, flows from the difference layer, aggregation by commune,
  roll-up, export of the published tables in m²), one qgis_process invocation;
- p1_coverage: the same with the covered share computed;
- p2: the same without the difference delivery (flows by overlay of the two millésimes);
- p2_seuils: p2 with matrice + seuils (the full recompute: the thresholds of both millésimes);
- p3: `ocsge:classify` matrice + seuils on the fin millésime, written to a GeoPackage;
- native: bench/native_chain.py (native:intersection → fieldcalculator → statisticsbycategories),
  skipped when the power law fitted on the smaller sizes projects it over 10 minutes;
- PostGIS (bench/postgis.py): the same data loaded into a private PostgreSQL, the national
  pipeline's SQL (intersection areas grouped by commune) and ocsge:aggregate reading PostGIS vs
  GeoPackage.

Checks that the per-commune numbers of p1 and p2 equal the native chain's (relative 1e-6), keeps
every size's results in bench/cache/results-<N>.json and writes BENCHMARKS.md from all sizes
measured."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import sys
from pathlib import Path

# bench/postgis.py: the PostGIS anchor and the plugin reading PostGIS
import postgis as postgis_bench
from common import (  # noqa: E402 - what bench/postgis.py and bench/consumption.py use too
    ABS_FLOOR_M2,
    BENCH,
    CACHE,
    COMMUNES,
    MEMBERSHIP,
    PYTHON,
    REL_TOL,
    ROOT,
    VERTICES,
    alternated,
    fmt_mb,
    fmt_s,
    fr,
    generate,
    inputs,
    own_sections,
    qgis_process,
    ratio,
    round_ratios,
    timed,
)

NATIVE_LIMIT_S = 10 * 60
RUNS = (
    "read_arrow",
    "read_arrow_two",
    "read_arrow_one",
    "copy_one",
    "copy_one_noindex",
    "read_qgis",
    "read_ogr",
    "read_ogr_two",
    "read_qgis_one",
    "read_ogr_one",
    "p1",
    "p1_coverage",
    "p2",
    "p2_seuils",
    "p3",
    "native",
)
LABELS = {
    "read_arrow": "floor: Arrow read (3 layers)",
    "read_arrow_two": "floor: Arrow read (2 millésimes)",
    "read_arrow_one": "floor: Arrow read (1 millésime)",
    "copy_one": "floor: GDAL copy of 1 millésime, spatial index",
    "copy_one_noindex": "GDAL copy of 1 millésime, no spatial index",
    "read_qgis": "extra: QGIS provider loop + area (3 layers)",
    "read_ogr": "extra: OGR loop + GetArea (3 layers)",
    "read_ogr_two": "extra: OGR loop + GetArea (2 millésimes)",
    "read_qgis_one": "extra: QGIS provider loop + area (1 millésime)",
    "read_ogr_one": "extra: OGR loop + GetArea (1 millésime)",
    "p1": "pipeline 1: diagnostic, DIFF flows, no coverage",
    "p1_coverage": "pipeline 1 with coverage",
    "p2": "pipeline 2: diagnostic, flows by overlay",
    "p2_seuils": "pipeline 2 with matrice + seuils (full recompute)",
    "p3": "pipeline 3: classify matrice + seuils (1 millésime)",
    "native": "native QGIS chain",
}


def diagnostic(deliveries: list[str], out: Path, coverage: bool, method: int = 2) -> list[str]:
    shutil.rmtree(out, ignore_errors=True)
    return qgis_process(
        "ocsge:diagnostic",
        [
            "INPUT=" + ";".join(deliveries),
            f"COMMUNES={COMMUNES}",
            "CODE_FIELD=code",
            "NAME_FIELD=nom",
            f"MEMBERSHIP={MEMBERSHIP}",
            f"METHOD={method}",  # 2: matrice, 3: matrice + seuils
            "UNIT=1",
            f"COVERAGE={str(coverage).lower()}",
            "SIMPLIFY=false",
            f"OUTPUT_FOLDER={out}",
        ],
    )


def power_law(points: list[tuple[int, float]], size: int) -> float | None:
    """Time at ``size`` from t = a·n^b fitted on the two largest measured sizes."""
    points = sorted(p for p in points if p[1])
    if len(points) < 2:
        return None
    (n1, t1), (n2, t2) = points[-2:]
    b = math.log(t2 / t1) / math.log(n2 / n1)
    return t2 * (size / n2) ** b


def previous_native_times(size: int) -> list[tuple[int, float]]:
    points = []
    for path in CACHE.glob("results-*.json"):
        data = json.loads(path.read_text())
        run = data["runs"].get("native") or {}
        if data["size"] < size and run.get("wall_s") and run.get("status") == 0:
            points.append((data["size"], run["wall_s"]))
    return points


def read_csv(path: Path) -> dict[str, dict[str, float]]:
    import csv

    rows = {}
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row.get("commune_code")
            rows[code] = {
                k: (float(v) if v not in ("", None) else None)
                for k, v in row.items()
                if k != "commune_code" and _num(v)
            }
    return rows


def _num(v) -> bool:
    try:
        float(v)
        return True
    except (TypeError, ValueError):
        return v in ("", None)


def compare(native_csv: Path, folder: Path, years: list[int]) -> dict:
    """Plugin commune tables (m²) against the native chain's per-commune sums (m²)."""
    native = read_csv(native_csv)
    artif, imper = read_csv(folder / "artif_commune.csv"), read_csv(folder / "imper_commune.csv")
    y1, y2 = years
    pairs = [  # (plugin table, plugin column, native column)
        (artif, "surface_artif", f"artif_{y2}"),
        (imper, "surface_imper", f"imper_{y2}"),
        (artif, "flux_artif", "flux_artif"),
        (artif, "flux_desartif", "flux_desartif"),
        (imper, "flux_imper", "flux_imper"),
        (imper, "flux_desimper", "flux_desimper"),
    ]
    worst = {
        "compared": 0,
        "mismatches": 0,
        "strict_mismatches": 0,
        "max_rel": 0.0,
        "max_abs_m2": 0.0,
        "examples": [],
        "strict_examples": [],
    }
    for table, column, ncol in pairs:
        for code, nrow in native.items():
            expected = nrow.get(ncol) or 0.0
            got = (table.get(code) or {}).get(column)
            got = 0.0 if got is None else got
            diff = abs(got - expected)
            scale = max(abs(got), abs(expected))
            worst["compared"] += 1
            worst["max_abs_m2"] = max(worst["max_abs_m2"], diff)
            if scale > 0:
                worst["max_rel"] = max(worst["max_rel"], diff / scale)
            if diff > REL_TOL * scale:
                worst["strict_mismatches"] += 1
                if len(worst["strict_examples"]) < 3:
                    worst["strict_examples"].append(
                        f"{code} {column}: plugin {got!r}, native {expected!r}"
                    )
            if diff > max(REL_TOL * scale, ABS_FLOOR_M2):
                worst["mismatches"] += 1
                if len(worst["examples"]) < 5:
                    worst["examples"].append(
                        f"{code} {column}: plugin {got:.3f}, native {expected:.3f}"
                    )
    # the début stock is not in the published schema: stock at fin − net flow must equal it
    derived = 0
    for code, nrow in native.items():
        a = artif.get(code) or {}
        if a.get("surface_artif") is None:
            continue
        debut = a["surface_artif"] - (a.get("flux_artif_net") or 0.0)
        expected = nrow.get(f"artif_{y1}") or 0.0
        if abs(debut - expected) > max(REL_TOL * max(abs(debut), abs(expected)), ABS_FLOOR_M2):
            derived += 1
    worst["debut_stock_mismatches"] = derived
    worst["communes"] = len(native)
    worst["ok"] = worst["mismatches"] == 0
    return worst


def bench_size(size: int, profile: bool, skip_native: bool, rounds: int = 1) -> dict:
    print(f"== {size:,} polygons per millésime", flush=True)
    folder, manifest, gen = generate(size)
    found = inputs(folder, manifest)
    logs = CACHE / f"logs-{size}"
    outs = CACHE / f"out-{size}"
    outs.mkdir(parents=True, exist_ok=True)
    three = [found["occ_debut"], found["occ_fin"], found["diff"]]
    p1_deliveries = [found["delivery_debut"], found["delivery_fin"], found["delivery_diff"]]
    p3_out = outs / "p3.gpkg"

    def p3() -> list[str]:
        p3_out.unlink(missing_ok=True)
        return qgis_process(
            "ocsge:classify", [f"INPUT={found['occ_fin']}", "METHOD=3", f"OUTPUT={p3_out}"]
        )

    floor = [PYTHON, str(BENCH / "read_floor.py")]
    copied = outs / "copy.gpkg"
    runs: dict = alternated(
        {
            "read_arrow": lambda: [*floor, "arrow", *three],
            "read_arrow_two": lambda: [*floor, "arrow", *three[:2]],
            "read_arrow_one": lambda: [*floor, "arrow", found["occ_fin"]],
            "copy_one": lambda: [*floor, "copy", str(copied), found["occ_fin"]],
            "copy_one_noindex": lambda: [*floor, "copy-noindex", str(copied), found["occ_fin"]],
            "read_qgis": lambda: [*floor, "qgis", *three],
            "read_ogr": lambda: [*floor, "ogr", *three],
            "read_ogr_two": lambda: [*floor, "ogr", *three[:2]],
            "read_qgis_one": lambda: [*floor, "qgis", found["occ_fin"]],
            "read_ogr_one": lambda: [*floor, "ogr", found["occ_fin"]],
            "p1": lambda: diagnostic(p1_deliveries, outs / "p1", False),
            "p1_coverage": lambda: diagnostic(p1_deliveries, outs / "p1_coverage", True),
            "p2": lambda: diagnostic(p1_deliveries[:2], outs / "p2", False),
            "p2_seuils": lambda: diagnostic(p1_deliveries[:2], outs / "p2_seuils", False, 3),
            "p3": p3,
        },
        logs,
        rounds,
    )
    projected = power_law(previous_native_times(size), size)
    native_csv = outs / "native.csv"
    if skip_native or (projected is not None and projected > NATIVE_LIMIT_S):
        runs["native"] = {
            "skipped": True,
            "projected_s": projected,
            "reason": "--skip-native"
            if skip_native
            else f"projected {projected / 60:.0f} min > {NATIVE_LIMIT_S // 60} min",
        }
        print(f"  native: skipped ({runs['native']['reason']})", flush=True)
    else:
        native_csv.unlink(missing_ok=True)
        runs["native"] = timed(
            "native",
            [
                PYTHON,
                str(BENCH / "native_chain.py"),
                str(COMMUNES),
                found["occ_debut"],
                found["occ_fin"],
                found["diff"],
                *map(str, found["years"]),
                str(native_csv),
            ],
            logs,
        )
        runs["native"]["projected_s"] = projected
    agreement = {}
    if runs["native"].get("status") == 0:
        for name in ("p1", "p1_coverage", "p2"):
            if runs[name].get("status") == 0:
                agreement[name] = compare(native_csv, outs / name, found["years"])
                a = agreement[name]
                print(
                    f"  {name} vs native: {a['mismatches']} of {a['compared']} values "
                    "differ by more than 1e-6 and 1 mm², "
                    f"{a['strict_mismatches']} by more than relative 1e-6 "
                    f"(max rel {a['max_rel']:.2e}, max abs {a['max_abs_m2']:.2e} m²)",
                    flush=True,
                )
    result = {
        "size": size,
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "features": {k: found.get(f"features_{k}") for k in ("debut", "fin", "diff")},
        "years": found["years"],
        "generate": gen,
        "runs": runs,
        "agreement": agreement,
        "rounds": rounds,
        "gpkg_mb": round(os.path.getsize(found["occ_fin"]) / 2**20, 1),
        "machine": f"{platform.node()} · {os.cpu_count()} cores · {platform.platform()}",
    }
    if profile:
        prof = CACHE / f"profile-p1-{size}.txt"
        result["profile"] = timed(
            "profile_p1",
            [
                PYTHON,
                str(BENCH / "pipeline_profile.py"),
                str(outs / "profile"),
                str(prof),
                *p1_deliveries,
            ],
            logs,
        )
        result["profile"]["file"] = str(prof.relative_to(ROOT))
        prof3 = CACHE / f"profile-p3-{size}.txt"
        result["profile_p3"] = timed(
            "profile_p3",
            [
                PYTHON,
                str(BENCH / "pipeline_profile.py"),
                "--classify",
                str(outs / "profile-p3.gpkg"),
                str(prof3),
                found["occ_fin"],
            ],
            logs,
        )
        result["profile_p3"]["file"] = str(prof3.relative_to(ROOT))
        prof2 = CACHE / f"profile-p2-{size}.txt"
        result["profile_p2"] = timed(
            "profile_p2",
            [
                PYTHON,
                str(BENCH / "pipeline_profile.py"),
                str(outs / "profile-p2"),
                str(prof2),
                *p1_deliveries[:2],
            ],
            logs,
        )
        result["profile_p2"]["file"] = str(prof2.relative_to(ROOT))
    (CACHE / f"results-{size}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    postgis_bench.bench_size(size)  # its own results: postgis-<size>.json
    return result


# -- report
# -----------------------------------------------------------------------------------------


def fr_rounds(a: dict | None, b: dict | None) -> str:
    """The ratio of the medians, with the range of the round-by-round ratios when there were
    rounds."""
    each = round_ratios(a, b)
    text = fr(ratio(a, b))
    return f"{text} ({min(each):.2f}–{max(each):.2f})" if len(each) > 1 else text


def short(name: str) -> str:
    """A run's label before its colon (« pipeline 2 »), a floor's whole label."""
    label = LABELS[name]
    return label if label.startswith(("floor", "extra")) else label.split(":")[0]


def rounds_text(results: list[dict]) -> str:
    counts = sorted({r.get("rounds", 1) for r in results})
    return " or ".join(map(str, counts)) if counts else "1"


def render(results: list[dict]) -> str:
    results = sorted(results, key=lambda r: r["size"])
    by_size = {r["size"]: r for r in results}
    lines = [
        "# Benchmarks (issues 7 and 16)",
        "",
        "Generated by `make bench` / `make bench-small` (`bench/run.py`); do not edit by "
        "hand, the analysis",
        "below the tables is kept in `bench/README.md`. Synthetic Gers (462 real commune "
        "outlines), seeded",
        f"generator at {VERTICES} vertices per polygon on average (`--vertices`), two "
        "millésimes (2016, 2019) + the",
        "DIFFERENCE layer, GeoPackage. Every run is its own",
        "process under `/usr/bin/time -v` (wall clock, peak RSS); plugin runs go through "
        "`scripts/qgis_process`",
        "(≈1 s of qgis_process start-up included). Pipeline 1 is ONE invocation of "
        "`ocsge:diagnostic`",
        "(matrix, stocks of both millésimes, flows from the DIFFERENCE layer, "
        "aggregation by commune, roll-up",
        "to EPCI / département / région, export of artif_* and imper_* GeoPackage + CSV, "
        "m²), timed WITHOUT",
        "coverage (`COVERAGE=false`); the run with coverage is the next column. Every "
        "run but the native chain",
        f"runs {rounds_text(results)} times in turn (all the runs of a size, then "
        "again): a time is the median round, a peak",
        "memory the highest of the rounds, a ratio the ratio of the medians with the "
        "range of the round-by-round",
        "ratios in brackets; each ratio's floor ran in the same rounds as its pipeline.",
        "A ratio's floor is the floor of its kind (`bench/read_floor.py`, QGIS's own GDAL): a "
        "pipeline that reads",
        "is divided by GDAL's Arrow read of the same layers (WKB + code fields, nothing "
        "computed, the reader the plugin",
        "uses); `ocsge:classify`, which writes the whole layer, by GDAL's copy of that layer "
        "with the same creation",
        "options (spatial index included). The Python loops over the features (OGR, QGIS "
        "provider) measure each",
        "polygon's area: they are extra columns, not floors (the loop is most of their time).",
        "",
    ]
    machine = results[0].get("machine", "") if results else ""
    lines += [f"Machine: {machine}.", ""]
    lines += [
        "## Wall time and peak memory",
        "",
        "| run | " + " | ".join(f"{r['size']:,} polygons" for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    for name in RUNS:
        cells = [f"{fmt_s(r['runs'].get(name))} · {fmt_mb(r['runs'].get(name))}" for r in results]
        lines.append(f"| {LABELS[name]} | " + " | ".join(cells) + " |")
    feats = [
        f"{r['features']['debut']:,} + {r['features']['fin']:,} + "
        f"{r['features']['diff']:,} (DIFF); {r['gpkg_mb']} MB per millésime"
        for r in results
    ]
    lines.append("| features read (début + fin + DIFF) | " + " | ".join(feats) + " |")
    lines += [
        "",
        "## Ratios and bars",
        "",
        "| ratio | bar | " + " | ".join(f"{r['size']:,}" for r in results) + " |",
        "|---|---|" + "---|" * len(results),
    ]

    def row(label, bar, values):
        lines.append(f"| {label} | {bar} | " + " | ".join(values) + " |")

    def ratios(label, bar, run, floor):
        row(label, bar, [fr_rounds(r["runs"].get(run), r["runs"].get(floor)) for r in results])

    ratios("pipeline 1 ÷ Arrow floor (3 layers)", "–", "p1", "read_arrow")
    ratios("pipeline 1 with coverage ÷ Arrow floor (3 layers)", "–", "p1_coverage", "read_arrow")
    ratios(
        "pipeline 2 (overlay, matrice) ÷ Arrow floor (2 millésimes)", "≤ 6", "p2", "read_arrow_two"
    )
    ratios(
        "pipeline 2 with matrice + seuils ÷ Arrow floor (2 millésimes)",
        "≤ 20",
        "p2_seuils",
        "read_arrow_two",
    )
    ratios("pipeline 3 (classify, seuils) ÷ copy floor (1 millésime)", "≤ 1.3", "p3", "copy_one")
    ratios("pipeline 3 ÷ Arrow floor (1 millésime)", "–", "p3", "read_arrow_one")
    ratios("copy floor ÷ its copy without spatial index", "–", "copy_one", "copy_one_noindex")
    ratios("extra: pipeline 1 ÷ QGIS provider loop (3 layers)", "–", "p1", "read_qgis")
    ratios("extra: pipeline 2 ÷ OGR loop (2 millésimes)", "–", "p2", "read_ogr_two")
    ratios("extra: pipeline 3 ÷ OGR loop (1 millésime)", "–", "p3", "read_ogr_one")
    ratios("extra: OGR loop ÷ Arrow floor (2 millésimes)", "–", "read_ogr_two", "read_arrow_two")
    row(
        "native chain ÷ pipeline 1",
        "–",
        [fr(ratio(r["runs"].get("native"), r["runs"].get("p1")), 1) for r in results],
    )
    row("pipeline 1 peak memory", "< 1 GB", [fmt_mb(r["runs"].get("p1")) for r in results])
    row("pipeline 2 peak memory", "–", [fmt_mb(r["runs"].get("p2")) for r in results])
    row(
        "pipeline 2 with seuils peak memory",
        "≤ 1 GB",
        [fmt_mb(r["runs"].get("p2_seuils")) for r in results],
    )
    row("pipeline 3 peak memory", "≤ 1 GB", [fmt_mb(r["runs"].get("p3")) for r in results])
    if 200000 in by_size and 1000000 in by_size:
        big, mid = by_size[1000000]["runs"], by_size[200000]["runs"]
        lines += [
            "",
            "Growth, time at 1,000,000 ÷ time at 200,000 (bar for pipeline 1: ≤ 6; 5 is linear):",
            "",
        ]
        lines += ["| run | 1M ÷ 200k |", "|---|---|"]
        for name in RUNS:
            lines.append(f"| {LABELS[name]} | {fr(ratio(big.get(name), mid.get(name)))} |")
    elif len(results) >= 2:
        a, b = results[-2], results[-1]
        lines += [
            "",
            f"1,000,000 not measured yet. Growth {b['size']:,} ÷ {a['size']:,} "
            f"(×{b['size'] / a['size']:.0f} polygons): "
            + ", ".join(
                f"{short(n)} ×{fr(ratio(b['runs'].get(n), a['runs'].get(n)), 1)}"
                for n in ("read_arrow", "p1", "p2", "p2_seuils", "p3", "native")
            )
            + ".",
        ]
    for r in results:
        nat = r["runs"].get("native") or {}
        if nat.get("projected_s") and not nat.get("skipped"):
            lines += [
                "",
                f"Native chain at {r['size']:,}: projected {nat['projected_s'] / 60:.1f} "
                "min by the power law on the smaller sizes "
                f"(limit {NATIVE_LIMIT_S // 60} min), so it ran: {fmt_s(nat)}.",
            ]
    lines += [
        "",
        "## Same numbers as the native chain",
        "",
        "Per commune, m²: surface_artif and surface_imper at millésime fin, flux_artif, "
        "flux_desartif, flux_imper,",
        "flux_desimper, plugin vs native chain. Strictly equal when |a − b| ≤ "
        f"{REL_TOL:g} × max(|a|, |b|); equal to the mm² when",
        f"|a − b| ≤ max({REL_TOL:g} × max(|a|, |b|), {ABS_FLOOR_M2:g} m²). The début "
        "stock (not in the published schema) is checked as",
        "surface_artif − flux_artif_net. The native chain's areas are `area($geometry)` "
        "(planar, as the plugin;",
        "`$area` (ellipsoid setting of the context) differed from the planar area by up "
        "to 1.2e-6 relative on small pieces).",
        "",
    ]
    any_check = False
    for r in results:
        for name, a in r.get("agreement", {}).items():
            any_check = True
            verdict = (
                "equal to the mm²"
                if a["ok"]
                else f"**{a['mismatches']} differ by more than 1 mm² and 1e-6** "
                f"({'; '.join(a['examples'])})"
            )
            strict = a.get("strict_mismatches")
            if strict:
                verdict += (
                    f"; {strict} beyond the strict relative 1e-6 (e.g. "
                    f"{'; '.join(a['strict_examples'][:2])})"
                )
            elif strict == 0:
                verdict += ", all within relative 1e-6"
            lines.append(
                f"- {r['size']:,}, {short(name)}: {a['compared']} values "
                f"over {a['communes']} communes, {verdict}; "
                f"max relative difference {a['max_rel']:.1e}, max absolute "
                f"{a['max_abs_m2']:.1e} m²; début stock mismatches: "
                f"{a['debut_stock_mismatches']}."
            )
        if not r.get("agreement"):
            lines.append(f"- {r['size']:,}: native chain not run, no comparison.")
    if not any_check:
        lines.append("- no comparison made")
    lines += [
        "",
        "Dates of the measurements: "
        + ", ".join(f"{r['size']:,} on {r['date']}" for r in results)
        + ".",
    ]
    readme = BENCH / "README.md"
    analysis = ""
    if readme.exists():
        text = readme.read_text(encoding="utf-8")
        marker = "<!-- analysis -->"
        if marker in text:
            analysis = text.split(marker, 1)[1].strip()
    if analysis:
        lines += ["", analysis]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20000, 200000, 1000000])
    parser.add_argument(
        "--profile",
        type=int,
        nargs="*",
        default=[],
        help="sizes at which to profile pipelines 1 and 3",
    )
    parser.add_argument(
        "--skip-native",
        type=int,
        nargs="*",
        default=[],
        help="sizes at which not to run the native chain",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="every run but the native chain this many times in turn (median)",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="rewrite BENCHMARKS.md from bench/cache/results-*.json",
    )
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    if not args.report_only:
        for size in sorted(args.sizes):
            bench_size(size, size in args.profile, size in args.skip_native, args.rounds)
    results = [json.loads(p.read_text()) for p in CACHE.glob("results-*.json")]
    if args.report_only:  # re-check the agreement from the outputs kept in the cache
        for r in results:
            outs = CACHE / f"out-{r['size']}"
            if (outs / "native.csv").exists() and r["runs"].get("native", {}).get("status") == 0:
                r["agreement"] = {
                    name: compare(outs / "native.csv", outs / name, r["years"])
                    for name in ("p1", "p1_coverage", "p2")
                    if r["runs"].get(name, {}).get("status") == 0
                    and (outs / name / "artif_commune.csv").exists()
                }
                (CACHE / f"results-{r['size']}.json").write_text(
                    json.dumps(r, indent=1), encoding="utf-8"
                )
    text = render(results) + postgis_bench.render() + own_sections()
    tmp = ROOT / "BENCHMARKS.md.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, ROOT / "BENCHMARKS.md")
    print(text)
    failed = [
        f"{r['size']} {n}"
        for r in results
        if r["size"] in args.sizes
        for n, run in r["runs"].items()
        if run.get("status") not in (0, None)
    ]
    disagree = [
        f"{r['size']} {n}"
        for r in results
        if r["size"] in args.sizes
        for n, a in r.get("agreement", {}).items()
        if not a["ok"]
    ]
    if failed or disagree:
        print(
            "FAILED runs: "
            + ", ".join(failed)
            + ("; numbers differ: " + ", ".join(disagree) if disagree else ""),
            file=sys.stderr,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
