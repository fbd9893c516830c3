"""The PostGIS part of `make bench` (issue 16), on the same synthetic Gers as bench/run.py:

    /usr/bin/python3 bench/postgis.py --sizes 20000 200000     (alone; `make bench` calls
    bench_size)

In a private cluster (scripts/pg_cluster.py: initdb in a temporary folder, 127.0.0.1, a free port):

- load: both OCCUPATION_SOL millésimes into ONE table ``public.t1`` (lower-case columns, its
  ``millesime`` column telling them apart), the DIFFERENCE into ``public.t2`` (``cs_2016``…), the
  communes into ``public.communes`` (Lambert 93), GiST indexes, ANALYZE (ogr2ogr's way, GDAL);
- anchor: the SQL the national pipeline runs, intersection areas grouped by commune
  (``ST_Area(ST_Intersection(o.geom, c.geom))`` over ``ST_Intersects`` with the GiST index), the
  matrix and imperméabilisation as SQL ``CASE`` (bench/native_chain.py's expressions), stocks of
  both
  millésimes and the four flows of the difference, in one psql run;
- plugin from GeoPackage and from PostGIS: ``ocsge:aggregate`` (matrix, no coverage) through
  qgis_process on the GeoPackage files, then on the PostGIS layers (``t1`` with ``millesime = '…'``
  subsets and ``t2``: what a user gives who keeps OCS GE in PostGIS), each timed in its own process,
  beside qgis_process's own start-up (``help``: QGIS and the plugin loaded, no work) for the ratio
  net of it.

Checks that the three agree per commune (relative 1e-6, 1 mm²) and keeps the figures in
bench/cache/postgis-<N>.json; :func:`render` gives the BENCHMARKS.md section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "scripts"))

import common  # noqa: E402 - what bench/run.py uses too (no import of run: no circle)
import native_chain  # noqa: E402
import pg_cluster  # noqa: E402

# the start-up, the plugin from GeoPackage and from PostGIS (without, then with the coverage), in
# turn, that many times
ROUNDS = 3
COLUMNS = (
    "artif_debut",
    "imper_debut",
    "artif_fin",
    "imper_fin",
    "flux_artif",
    "flux_desartif",
    "flux_imper",
    "flux_desimper",
)
# the plugin's commune table (ocsge:aggregate, one row per commune and pair) → the anchor's columns
PLUGIN = {
    "surface_artif": "artif_fin",
    "surface_imper": "imper_fin",
    "flux_artif": "flux_artif",
    "flux_desartif": "flux_desartif",
    "flux_imper": "flux_imper",
    "flux_desimper": "flux_desimper",
}


def load(cluster: pg_cluster.Cluster, found: dict) -> None:
    cluster.load(found["occ_debut"], "public.t1")
    cluster.load(found["occ_fin"], "public.t1", accessMode="append")
    cluster.load(found["diff"], "public.t2")
    cluster.load(str(common.COMMUNES), "public.communes", dstSRS="EPSG:2154")
    cluster.psql(
        "CREATE INDEX ON public.t1 (millesime); ANALYZE public.t1; ANALYZE public.t2; "
        "ANALYZE public.communes"
    )


def anchor_sql(years: list[int]) -> str:
    """Per commune: stocks of both millésimes (table t1) and the flows of the difference (t2),
    m²."""
    y1, y2 = years
    area = "ST_Area(ST_Intersection(o.geom, c.geom))"

    def per_commune(table: str, where: str, values: dict[str, str]) -> str:
        sums = ", ".join(f"sum(({expr}) * {area}) AS {name}" for name, expr in values.items())
        return (
            f"SELECT c.code, {sums} FROM {table} o JOIN public.communes c ON "
            "ST_Intersects(o.geom, c.geom)"
            f" WHERE {where} GROUP BY c.code"
        )

    parts = []
    for year, key in ((y1, "debut"), (y2, "fin")):
        values = {
            f"artif_{key}": native_chain.matrix_expression("code_cs", "code_us"),
            f"imper_{key}": native_chain.imper_expression("code_cs"),
        }
        parts.append(per_commune("public.t1", f"o.millesime = '{year}'", values))
    cs1, us1, cs2, us2 = f"cs_{y1}", f"us_{y1}", f"cs_{y2}", f"us_{y2}"
    ad, af = native_chain.matrix_expression(cs1, us1), native_chain.matrix_expression(cs2, us2)
    idd, idf = native_chain.imper_expression(cs1), native_chain.imper_expression(cs2)
    valid = (
        f'("{cs1}" IS NOT NULL AND "{us1}" IS NOT NULL AND "{cs2}" IS NOT NULL AND "{us2}" '
        "IS NOT NULL)"
    )
    flows = {
        "flux_artif": f"{valid} AND ({ad}) = 0 AND ({af}) = 1",
        "flux_desartif": f"{valid} AND ({ad}) = 1 AND ({af}) = 0",
        "flux_imper": f"{valid} AND ({idd}) = 0 AND ({idf}) = 1",
        "flux_desimper": f"{valid} AND ({idd}) = 1 AND ({idf}) = 0",
    }
    parts.append(
        per_commune(
            "public.t2", "true", {k: f"CASE WHEN {v} THEN 1 ELSE 0 END" for k, v in flows.items()}
        )
    )
    joined = " FULL JOIN ".join(
        f"({p}) p{i}" + (" USING (code)" if i else "") for i, p in enumerate(parts)
    )
    select = ", ".join(f"coalesce({c}, 0)" for c in COLUMNS)
    return f"COPY (SELECT code, {select} FROM {joined} ORDER BY code) TO STDOUT WITH (FORMAT csv)"


def read_anchor(path: Path) -> dict[str, dict[str, float]]:
    rows = {}
    for line in path.read_text().splitlines():
        code, *values = line.split(",")
        rows[code] = dict(zip(COLUMNS, map(float, values)))
    return rows


def read_plugin(path: Path) -> dict[str, dict[str, float]]:
    """The commune table ocsge:aggregate wrote (GeoPackage, m²), as the anchor's columns."""
    with sqlite3.connect(path) as db:
        table = db.execute("SELECT table_name FROM gpkg_contents LIMIT 1").fetchone()[0]
        names = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]
        rows = {}
        for values in db.execute(f'SELECT * FROM "{table}"'):
            row = dict(zip(names, values))
            if row.get("millesime_fin") in (None, ""):
                continue
            rows[str(row["code"])] = {PLUGIN[k]: float(row[k] or 0.0) for k in PLUGIN}
    return rows


def agreement(a: dict, b: dict) -> dict:
    """Values of ``a`` and ``b`` (per commune, per column) that differ by more than relative 1e-6
    and 1 mm²."""
    out = {"compared": 0, "mismatches": 0, "max_rel": 0.0, "examples": []}
    for code in sorted(set(a) | set(b)):
        for column in PLUGIN.values():
            x, y = (a.get(code) or {}).get(column, 0.0), (b.get(code) or {}).get(column, 0.0)
            diff, scale = abs(x - y), max(abs(x), abs(y))
            out["compared"] += 1
            if scale:
                out["max_rel"] = max(out["max_rel"], diff / scale)
            if diff > max(common.REL_TOL * scale, common.ABS_FLOOR_M2):
                out["mismatches"] += 1
                if len(out["examples"]) < 5:
                    out["examples"].append(f"{code} {column}: {x:.3f} vs {y:.3f}")
    out["ok"] = out["mismatches"] == 0
    return out


def aggregate(layers: list[str], out: Path, coverage: bool = False) -> list[str]:
    out.unlink(missing_ok=True)
    return common.qgis_process(
        "ocsge:aggregate",
        [
            *(f"INPUT_LAYERS={layer}" for layer in layers),
            f"TERRITORIES={common.COMMUNES}",
            "CODE_FIELD=code",
            "NAME_FIELD=nom",
            "METHOD=2",
            f"COVERAGE={str(coverage).lower()}",
            "UNIT=1",
            f"OUTPUT={out}",
        ],
    )


def postgis_layers(cluster: pg_cluster.Cluster, years: list[int]) -> list[str]:
    """The PostGIS layers as qgis_process takes them (provider://URI)."""
    base = cluster.dsn() + " key='fid' srid=2154 type=MultiPolygon"
    return [
        f'postgres://{base} table="public"."t1" (geom) sql=millesime = \'{year}\'' for year in years
    ] + [f'postgres://{base} table="public"."t2" (geom)']


def alternated(commands: dict, cluster: pg_cluster.Cluster, logs: Path, rounds: int) -> dict:
    """``common.alternated`` (rounds in turn, the median run, its client CPU) with the CPU of the
    PostgreSQL processes that served each run; ``net_rounds``: PostGIS ÷ GeoPackage net of the
    start-up, round by round."""
    out = common.alternated(commands, logs, rounds, server_cpu=lambda: _server_cpu(cluster))
    for suffix in ("", "_coverage"):
        gpkg, pg = f"plugin_gpkg{suffix}", f"plugin_postgis{suffix}"
        if all(out.get(k, {}).get("status") == 0 for k in ("qgis_start", gpkg, pg)):
            out[pg]["net_rounds"] = [
                round((p - s) / max(g - s, 1e-9), 3)
                for s, g, p in zip(*(out[k]["rounds_wall_s"] for k in ("qgis_start", gpkg, pg)))
            ]
    return out


def _server_cpu(cluster: pg_cluster.Cluster) -> float:
    """CPU seconds of the cluster's finished server processes (the postmaster's reaped children)."""
    pid = int((cluster.data / "postmaster.pid").read_text().split()[0])
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def bench_size(size: int, rounds: int = ROUNDS) -> dict:
    """Load, anchor and the plugin from GeoPackage and from PostGIS at ``size``; kept in
    postgis-<N>.json."""
    print(f"== PostGIS, {size:,} polygons per millésime", flush=True)
    folder, manifest, _ = common.generate(size)
    found = common.inputs(folder, manifest)
    logs, outs = common.CACHE / f"logs-{size}", common.CACHE / f"out-{size}"
    outs.mkdir(parents=True, exist_ok=True)
    bindir = pg_cluster.find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL + PostGIS manquent : make deps")
    cluster = pg_cluster.Cluster(bindir).start()
    try:
        started = time.perf_counter()
        load(cluster, found)
        runs = {"pg_load": {"wall_s": round(time.perf_counter() - started, 2), "status": 0}}
        print(f"  pg_load: {runs['pg_load']['wall_s']} s", flush=True)
        anchor_csv = outs / "postgis_anchor.csv"
        sql = anchor_sql(found["years"])
        (logs / "postgis_anchor.sql").parent.mkdir(parents=True, exist_ok=True)
        (logs / "postgis_anchor.sql").write_text(sql, encoding="utf-8")
        runs["pg_anchor"] = common.timed(
            "pg_anchor",
            [
                "/bin/sh",
                "-c",
                f'"{bindir / "psql"}" -X -q -h 127.0.0.1 -p {cluster.port} -U postgres '
                f"-d {pg_cluster.DATABASE} "
                f'-f "{logs / "postgis_anchor.sql"}" > "{anchor_csv}"',
            ],
            logs,
        )
        commands = {
            "qgis_start": lambda: [
                common.QGIS_PROCESS,
                "help",
                "ocsge:aggregate",
            ],  # start-up, no work
            "plugin_gpkg": lambda: aggregate(
                [found["occ_debut"], found["occ_fin"], found["diff"]], outs / "plugin_gpkg.gpkg"
            ),
            "plugin_postgis": lambda: aggregate(
                postgis_layers(cluster, found["years"]), outs / "plugin_postgis.gpkg"
            ),
            # the same with the coverage (the parameter's default): every polygon is read
            "plugin_gpkg_coverage": lambda: aggregate(
                [found["occ_debut"], found["occ_fin"], found["diff"]],
                outs / "plugin_gpkg_coverage.gpkg",
                True,
            ),
            "plugin_postgis_coverage": lambda: aggregate(
                postgis_layers(cluster, found["years"]), outs / "plugin_postgis_coverage.gpkg", True
            ),
        }
        runs.update(alternated(commands, cluster, logs, rounds))
    finally:
        cluster.stop()
    result = {
        "size": size,
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "runs": runs,
        "agreement": {},
    }
    if all(runs[k].get("status") == 0 for k in ("pg_anchor", "plugin_gpkg", "plugin_postgis")):
        anchor, gpkg, pg = (
            read_anchor(anchor_csv),
            read_plugin(outs / "plugin_gpkg.gpkg"),
            read_plugin(outs / "plugin_postgis.gpkg"),
        )
        result["agreement"] = {
            "plugin_gpkg vs anchor": agreement(gpkg, anchor),
            "plugin_postgis vs anchor": agreement(pg, anchor),
            "plugin_postgis vs plugin_gpkg": agreement(pg, gpkg),
        }
        if all(
            runs.get(k, {}).get("status") == 0
            for k in ("plugin_gpkg_coverage", "plugin_postgis_coverage")
        ):
            result["agreement"]["with the coverage: plugin_postgis vs plugin_gpkg"] = agreement(
                read_plugin(outs / "plugin_postgis_coverage.gpkg"),
                read_plugin(outs / "plugin_gpkg_coverage.gpkg"),
            )
        result["communes"] = len(anchor)
        for name, a in result["agreement"].items():
            print(
                f"  {name}: {a['mismatches']} of {a['compared']} values differ (max rel "
                f"{a['max_rel']:.1e})",
                flush=True,
            )
    (common.CACHE / f"postgis-{size}.json").write_text(
        json.dumps(result, indent=1), encoding="utf-8"
    )
    return result


def render() -> str:
    """The BENCHMARKS.md section of every size measured (bench/cache/postgis-*.json)."""
    results = sorted(
        (json.loads(p.read_text()) for p in common.CACHE.glob("postgis-*.json")),
        key=lambda r: r["size"],
    )
    if not results:
        return ""
    lines = [
        "",
        "## PostGIS: the national pipeline's SQL, and the plugin reading PostGIS",
        "",
        "Both millésimes in one table (`public.t1`, a `millesime` column), the "
        "difference in `public.t2` "
        "(`cs_2016`…), lower-case columns, GiST indexes (bench/postgis.py). Anchor: "
        "intersection areas grouped by "
        "commune in SQL (matrix as `CASE`). Plugin: `ocsge:aggregate` (matrix; without "
        "the coverage, then with it, the default) through qgis_process, on the "
        "GeoPackage files and on the PostGIS layers (`millesime = '…'` subsets); "
        "qgis_process's start-up, the plugin "
        "from GeoPackage and from PostGIS run in turn (A B C A B C …), the run of median "
        "wall time shown (peak memory: the highest round in runs from 2026-12-04 on, the "
        "median run's before), the ratio net "
        "of the start-up the median of the rounds' ratios; CPU: user + system of the "
        "process, and of the PostgreSQL "
        "server processes that served it.",
        "",
        "| polygons / millésime | load into PostGIS | anchor SQL | plugin from "
        "GeoPackage | plugin from PostGIS | PostGIS ÷ GeoPackage (net of qgis_process's "
        "start-up) | anchor ÷ plugin from PostGIS | agreement per commune |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        runs = r["runs"]
        agreements = r.get("agreement", {})
        for suffix, label in (("", ""), ("_coverage", " with the coverage (the default)")):
            gpkg, pg = runs.get(f"plugin_gpkg{suffix}"), runs.get(f"plugin_postgis{suffix}")
            if gpkg is None:
                continue
            ratio, rounds = common.ratio(pg, gpkg), (pg or {}).get("net_rounds")
            net = statistics.median(rounds) if rounds else _net_ratio(runs) if not suffix else None
            anchor_ratio = common.ratio(runs.get("pg_anchor"), pg)
            shown = {
                name: a
                for name, a in agreements.items()
                if name.startswith("with the coverage") == bool(suffix)
            }
            agree = (
                "; ".join(
                    f"{name}: {a['mismatches']}/{a['compared']} differ (max rel {a['max_rel']:.0e})"
                    for name, a in shown.items()
                )
                or "–"
            )
            lines.append(
                f"| {r['size']:,}{label} | {runs['pg_load']['wall_s']:.1f} s | "
                f"{common.fmt_s(runs.get('pg_anchor'))} | {common.fmt_s(gpkg)} "
                f"({common.fmt_mb(gpkg)}{_cpu_text(gpkg)}) | {common.fmt_s(pg)} "
                f"({common.fmt_mb(pg)}{_cpu_text(pg)}) | "
                f"{common.fr(ratio)}× ({common.fr(net)}×) | {common.fr(anchor_ratio)}× | {agree} |"
            )
    return "\n".join(lines) + "\n"


def _cpu_text(result: dict | None) -> str:
    """``; CPU x s`` (the process) ``+ y s server`` (PostgreSQL), when measured."""
    if not result or result.get("cpu_s") is None:
        return ""
    server = (
        f" + {result['server_cpu_s']:.1f} s server"
        if (result.get("server_cpu_s") or 0) >= 0.05
        else ""
    )
    return f"; CPU {result['cpu_s']:.1f} s{server}"


def _net_ratio(runs: dict) -> float | None:
    """PostGIS ÷ GeoPackage once qgis_process's own start-up (QGIS, the plugin: ``qgis_start``)
    is taken off both."""
    start = (runs.get("qgis_start") or {}).get("wall_s")
    if not start or common.ratio(runs.get("plugin_postgis"), runs.get("plugin_gpkg")) is None:
        return None
    if (
        min(runs["plugin_postgis"]["wall_s"], runs["plugin_gpkg"]["wall_s"]) <= start
    ):  # a start-up slower than the work: noise
        return None
    return (runs["plugin_postgis"]["wall_s"] - start) / max(
        runs["plugin_gpkg"]["wall_s"] - start, 1e-9
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20000, 200000])
    parser.add_argument(
        "--rounds", type=int, default=ROUNDS, help="runs of each of the five commands, in turn"
    )
    args = parser.parse_args()
    common.CACHE.mkdir(parents=True, exist_ok=True)
    failed = []
    for size in sorted(args.sizes):
        result = bench_size(size, args.rounds)
        failed += [f"{size} {n}" for n, r in result["runs"].items() if r.get("status") != 0]
        failed += [f"{size} {n}" for n, a in result["agreement"].items() if not a["ok"]]
    print(render())
    if failed:
        print("FAILED: " + ", ".join(failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
