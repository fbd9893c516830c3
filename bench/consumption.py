#!/usr/bin/python3
"""Benchmark of ocsge:consommation at national size (issue 26): a synthetic Cerema commune file of
35,000 communes × 135 columns (years 2009–2023 and their destinations, period totals, population,
households, jobs, area; 1,250 EPCI, 450 SCoT, 96 départements, 13 régions), to consommation_ and
trajectoires_ of every level through the real qgis_process. Bars: under 10 s and 500 MB.

Side by side, each under /usr/bin/time -v, rounds in turn (``common.alternated``):

- ``conso``: the whole algorithm (read, 5 levels, 10 files written);
- ``startup``: the same qgis_process call on a file of 3 communes (qgis_process's start-up, the
  plugin loaded, the provider's fixed costs): ``conso`` − ``startup`` is the work that grows with
  the file;
- ``read_floor``: pandas reading the same CSV, all columns as text, in a bare /usr/bin/python3.

    /usr/bin/python3 bench/consumption.py --rounds 3        # writes bench/cache/consumption.json
    and .md
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402  (timed, alternated: one runner for every benchmark)

ROOT = common.ROOT
CACHE = common.CACHE
DATA = ROOT / ".build" / "bench" / "consommation"
COMMUNES = 35_000
YEARS = range(2009, 2024)
DESTINATIONS = ("act", "hab", "mix", "rou", "fer", "inc")


def header() -> list[str]:
    head = [
        "idcom",
        "idcomtxt",
        "idreg",
        "idregtxt",
        "iddep",
        "iddeptxt",
        "epci23",
        "epci23txt",
        "scot",
        "aav2020",
        "aav2020txt",
        "libaav2020",
        "cateaav2020",
    ]
    for y in YEARS:
        a, b = y % 100, (y + 1) % 100
        head += [f"naf{a:02d}art{b:02d}"] + [f"art{a:02d}{d}{b:02d}" for d in DESTINATIONS]
    head += ["naf09art24"] + [f"art{d}0924" for d in DESTINATIONS]
    return head + [
        "pop15",
        "pop21",
        "pop1521",
        "men15",
        "men21",
        "men1521",
        "emp15",
        "emp21",
        "emp1521",
        "mepart1521",
        "menhab1521",
        "artpop1521",
        "surfcom2024",
    ]


def generate(path: Path, communes: int = COMMUNES, seed: int = 26) -> Path:
    """The synthetic national file (seeded; written once)."""
    if path.exists():
        return path
    rng = np.random.default_rng(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    deps = [f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B"]
    dep = np.array(deps)[np.arange(communes) * len(deps) // communes]
    index = np.arange(communes)
    codes = np.char.add(dep, np.char.zfill((index % 1000).astype(str), 3))
    population = rng.lognormal(6.5, 1.3, communes).astype(int) + 20
    yearly = (
        population[:, None] ** 0.85 * 12 * rng.uniform(0.2, 1.8, (communes, len(YEARS)))
    ).astype(int)
    shares = rng.dirichlet(np.ones(len(DESTINATIONS)), communes)
    columns = [
        codes,
        np.char.add("Commune ", codes),
        np.char.zfill((index * 13 // communes + 11).astype(str), 2),
        np.full(communes, "Région"),
        dep,
        np.char.add("Département ", dep),
        (200000000 + index // 28).astype(str),
        np.char.add("EPCI ", (index // 28).astype(str)),
        np.char.add("SCoT ", (index // 78).astype(str)),
        (index // 50).astype(str),
        np.full(communes, "Aire"),
        np.full(communes, "Aire"),
        np.full(communes, "20"),
    ]
    for j in range(len(YEARS)):
        parts = (yearly[:, j : j + 1] * shares).astype(int)
        parts[:, -1] = yearly[:, j] - parts[:, :-1].sum(axis=1)
        columns += [yearly[:, j].astype(str)] + [
            parts[:, k].astype(str) for k in range(len(DESTINATIONS))
        ]
    total = yearly.sum(axis=1)
    columns += [total.astype(str)] + [
        (total * shares[:, k]).astype(int).astype(str) for k in range(len(DESTINATIONS))
    ]
    pop15 = (population * rng.uniform(0.93, 1.05, communes)).astype(int)
    for values in (
        pop15,
        population,
        population - pop15,
        pop15 // 2,
        population // 2,
        population // 2 - pop15 // 2,
        pop15 // 3,
        population // 3,
        population // 3 - pop15 // 3,
        population // 7,
        population // 9,
        total // np.maximum(population - pop15, 1),
        (rng.uniform(2, 40, communes) * 1e6).astype(int),
    ):
        columns.append(np.asarray(values).astype(str))
    lines = [";".join(header())] + [";".join(row) for row in zip(*columns)]
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def small(path: Path) -> Path:
    """The same shape, 3 communes (qgis_process's start-up and fixed costs)."""
    lines = generate(path.with_name("national.csv")).read_text(encoding="utf-8").splitlines()[:4]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def consommation(source: Path, out: Path) -> list[str]:
    return [
        str(ROOT / "scripts" / "qgis_process"),
        "run",
        "ocsge:consommation",
        "--",
        f"CONSOMMATION={source}",
        f"OUTPUT_FOLDER={out}",
    ]


def render(results: dict, rows: int, columns: int) -> str:
    conso, startup, floor = results["conso"], results["startup"], results["read_floor"]
    net = (
        conso["wall_s"] - startup["wall_s"]
        if conso.get("wall_s") and startup.get("wall_s")
        else None
    )
    lines = [
        f"## ocsge:consommation at national size ({rows:,} communes × {columns} columns; "
        "bars < 10 s, < 500 MB)",
        "",
        "| run | wall (median) | rounds | CPU user + system | peak RSS | × read floor (wall) |",
        "|---|---|---|---|---|---|",
    ]
    for name, label in (
        ("conso", "ocsge:consommation, 5 levels, 10 files (qgis_process)"),
        ("startup", "same call on 3 communes (start-up)"),
        ("read_floor", "pandas read_csv of the file (python3)"),
    ):
        r = results[name]
        times = ", ".join(f"{t:.2f}" for t in r.get("rounds_wall_s", []))
        cpu = f"{r['cpu_s']:.2f} s" if r.get("cpu_s") is not None else "–"
        lines.append(
            f"| {label} | {r['wall_s']:.2f} s | {times} | {cpu} | {r['rss_mb']:.0f} MB | "
            f"{r['wall_s'] / floor['wall_s']:.2f} |"
        )
    if net is not None:
        lines.append(
            f"\nNet of start-up: {net:.2f} s ({net / floor['wall_s']:.2f} × the read floor)."
        )
    if conso.get("cpu_s") is not None:
        lines.append(
            f"CPU of the whole run: {conso['cpu_s']:.2f} s (a busy machine stretches the "
            "wall time, not the CPU time)."
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--communes", type=int, default=COMMUNES)
    args = parser.parse_args()
    national = generate(
        DATA / ("national.csv" if args.communes == COMMUNES else f"national-{args.communes}.csv"),
        args.communes,
    )
    tiny = small(DATA / "trois.csv")
    logs = CACHE / "logs-consommation"
    floor = f"import pandas as pd; pd.read_csv({str(national)!r}, sep=';', dtype=str)"
    results = common.alternated(
        {
            "conso": lambda: consommation(national, CACHE / "out-consommation"),
            "startup": lambda: consommation(tiny, CACHE / "out-consommation-3"),
            "read_floor": lambda: ["/usr/bin/python3", "-c", floor],
        },
        logs,
        args.rounds,
    )
    if any(r.get("status") != 0 for r in results.values()):
        sys.exit(json.dumps(results, indent=1))
    rows = sum(1 for _ in national.open(encoding="utf-8")) - 1
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    text = render(results, rows, len(header())) + (
        f"\nRun {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, {args.rounds} rounds in "
        f"turn; load average at the end (1, 5, 15 min): {load} (above 2, other work shared the "
        "2 cores).\n"
    )
    (CACHE / "consumption.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    (CACHE / "consumption.md").write_text(text, encoding="utf-8")
    common.write_section(common.OWN_SECTIONS[0], text)
    print(text)


if __name__ == "__main__":
    main()
