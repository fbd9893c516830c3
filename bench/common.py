"""What the benchmarks share (bench/run.py, bench/postgis.py, bench/consumption.py), so that none
imports another's script: the paths, the synthetic Gers (generated once, cached), the tolerance of
the comparisons, the timed runner (/usr/bin/time -v, rounds in turn) and the report's formats."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CACHE = BENCH / "cache"
DATA = BENCH / "data"
COMMUNES = DATA / "communes-32-gers.geojson"
MEMBERSHIP = DATA / "appartenance-communes-32.csv"
PYTHON = "/usr/bin/python3"
QGIS_PROCESS = str(ROOT / "scripts" / "qgis_process")
GENERATED = (
    ROOT / ".build" / "bench"
)  # generated deliveries (large: 1,000,000 polygons ≈ 750 MB per millésime)
VERTICES = 32  # mean vertices per polygon, as the Gers (issue 16)
REL_TOL = 1e-6
ABS_FLOOR_M2 = 1e-3  # values that are zero in one answer: 1 mm² of rounding is equality


def env() -> dict:
    e = dict(os.environ)
    e.setdefault("QT_QPA_PLATFORM", "offscreen")
    e["OCSGE_CACHE_DIR"] = str(CACHE / "ocsge-cache")
    return e


def timed(name: str, cmd: list[str], log_dir: Path) -> dict:
    """Run ``cmd`` under /usr/bin/time -v; wall seconds, peak RSS (MB), exit status, log paths."""
    log_dir.mkdir(parents=True, exist_ok=True)
    out, err = log_dir / f"{name}.out", log_dir / f"{name}.err"
    print(f"  {name}: {' '.join(cmd)[:160]} …", flush=True)
    with open(out, "w") as o, open(err, "w") as e:
        status = subprocess.run(
            ["/usr/bin/time", "-v", *cmd], stdout=o, stderr=e, env=env(), cwd=ROOT
        ).returncode
    text = err.read_text(errors="replace")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    seconds = None
    if wall:
        parts = [float(p) for p in wall.group(1).split(":")]
        seconds = sum(p * 60**i for i, p in enumerate(reversed(parts)))
    cpu = [float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text)]
    result = {
        "wall_s": seconds,
        "rss_mb": int(rss.group(1)) / 1024 if rss else None,
        "status": status,
        "cpu_s": round(sum(cpu), 2) if len(cpu) == 2 else None,  # user + system, children included
        "stdout": str(out.relative_to(ROOT)),
        "stderr": str(err.relative_to(ROOT)),
    }
    if status != 0:
        tail = [line for line in text.splitlines() if not line.startswith("\t")][-5:]
        result["error"] = " | ".join(tail)
    print(
        f"    → {seconds if seconds is None else round(seconds, 1)} s, "
        f"{result['rss_mb'] and round(result['rss_mb'])} MB, status {status}",
        flush=True,
    )
    return result


def generate(size: int) -> tuple[Path, dict, dict | None]:
    out = GENERATED / f"gers-{size}-v{VERTICES}"
    manifest = out / "manifest.json"
    gen = None
    cmd = [
        PYTHON,
        str(ROOT / "scripts" / "sample_generator.py"),
        "--dep",
        "32",
        "--polygons",
        str(size),
        "--seed",
        "1",
        "--vertices",
        str(VERTICES),
        "--out",
        str(out),
        "--no-archive",
        "--flavour",
        "gpkg",
        "--no-commune-truth",
        "--data-dir",
        str(DATA),
        "--reuse",
    ]
    if not manifest.exists():
        gen = timed("generate", cmd, CACHE / f"logs-{size}")
    else:  # --reuse checks the parameters and is quick
        subprocess.run(cmd, check=True, env=env(), stdout=subprocess.DEVNULL)
    return out, json.loads(manifest.read_text(encoding="utf-8")), gen


def inputs(folder: Path, manifest: dict) -> dict:
    years = sorted(manifest["millesimes"])[:2]
    found: dict = {"years": years}
    for item in manifest["items"]:
        if item["format"].lower() != "gpkg":
            continue
        if item["kind"] == "occupation" and item["millesimes"][0] in years:
            occ = next(f for f in item["files"] if f["layer"] == "OCCUPATION_SOL")
            key = "debut" if item["millesimes"][0] == years[0] else "fin"
            found[f"occ_{key}"] = str(folder / occ["path"])
            found[f"delivery_{key}"] = str(folder / item["path"])
            found[f"features_{key}"] = occ["features"]
        elif item["kind"] == "diff" and item["millesimes"] == years:
            layer = next(f for f in item["files"] if f["layer"].upper() == "DIFFERENCE")
            found["diff"] = str(folder / layer["path"])
            found["delivery_diff"] = str(folder / item["path"])
            found["features_diff"] = layer["features"]
    return found


def qgis_process(alg: str, params: list[str]) -> list[str]:
    return [QGIS_PROCESS, "run", alg, "--json", "--", *params]


def alternated(
    commands: dict, logs: Path, rounds: int, server_cpu: Callable[[], float] | None = None
) -> dict:
    """Every command ``rounds`` times in turn (A B C … A B C …: a drift of the machine falls on all
    alike). Per command: the round of median wall time, with the highest peak memory of all rounds,
    the median CPU (user + system) and every round's wall time (``rounds_wall_s``); with
    ``server_cpu`` (seconds of CPU of a server, read before and after each run), the median of what
    each run cost it (``server_cpu_s``). A failed round makes the command failed."""
    done: dict[str, list[dict]] = {name: [] for name in commands}
    for index in range(rounds):
        for name, command in commands.items():
            before = server_cpu() if server_cpu else 0.0
            result = timed(name if rounds == 1 else f"{name}-{index + 1}", command(), logs)
            if server_cpu:
                result["server_cpu_s"] = round(server_cpu() - before, 2)
            done[name].append(result)
    out = {}
    for name, results in done.items():
        failed = [r for r in results if r["status"] != 0 or r["wall_s"] is None]
        if failed:
            out[name] = failed[0]
            continue
        median = sorted(results, key=lambda r: r["wall_s"])[(len(results) - 1) // 2]
        out[name] = dict(
            median,
            rss_mb=max(r["rss_mb"] or 0 for r in results) or None,
            rounds_wall_s=[round(r["wall_s"], 2) for r in results],
        )
        for key in ("cpu_s", "server_cpu_s"):
            values = [r[key] for r in results if r.get(key) is not None]
            out[name][key] = statistics.median(values) if values else None
    return out


def round_ratios(a: dict | None, b: dict | None) -> list[float]:
    """``a`` ÷ ``b`` round by round (the rounds ran in turn), for the range beside the median's
    ratio."""
    if not a or not b or a.get("status") != 0 or b.get("status") != 0:
        return []
    return [x / y for x, y in zip(a.get("rounds_wall_s", []), b.get("rounds_wall_s", [])) if y]


def fmt_s(run: dict | None) -> str:
    if not run:
        return "–"
    if run.get("skipped"):
        p = run.get("projected_s")
        return f"skipped (≈{p / 60:.0f} min projected)" if p else "skipped"
    if run.get("status") != 0:
        return "FAILED"
    s = run["wall_s"]
    return f"{s:.1f} s" if s < 120 else f"{s:.0f} s ({s / 60:.1f} min)"


def fmt_mb(run: dict | None) -> str:
    if not run or run.get("skipped") or run.get("rss_mb") is None:
        return "–"
    return f"{run['rss_mb']:.0f} MB"


def ratio(a: dict | None, b: dict | None) -> float | None:
    if (
        not a
        or not b
        or a.get("status") != 0
        or b.get("status") != 0
        or not a.get("wall_s")
        or not b.get("wall_s")
    ):
        return None
    return a["wall_s"] / b["wall_s"]


def fr(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


# Sections of BENCHMARKS.md that a benchmark of its own writes (bench/consumption.py,
# bench/national.py): bench/run.py rewrites the file and keeps them.
OWN_SECTIONS = ("## ocsge:consommation at national size", "## National diagnostic")


def section_pattern(title: str) -> re.Pattern:
    """A section of BENCHMARKS.md from its title (the start of its "## " line) to the next one."""
    return re.compile(re.escape(title) + r".*?(?=\n## |\Z)", re.S)


def write_section(title: str, text: str) -> None:
    """Put ``text`` (a section starting with ``title``) into BENCHMARKS.md, in place of the
    section of that title, else at the end."""
    path = ROOT / "BENCHMARKS.md"
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = section_pattern(title)
    if pattern.search(current):
        current = pattern.sub(lambda _: text.rstrip("\n") + "\n", current)
    else:
        current = current.rstrip("\n") + "\n\n" + text
    path.write_text(current, encoding="utf-8")


def own_sections() -> str:
    """The sections of OWN_SECTIONS in today's BENCHMARKS.md, for bench/run.py to keep."""
    path = ROOT / "BENCHMARKS.md"
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = [
        m.group(0).rstrip("\n") for t in OWN_SECTIONS if (m := section_pattern(t).search(current))
    ]
    return "".join("\n" + section + "\n" for section in kept)
