"""make demo: run the plugin through the real qgis_process on the bundled sample and show the result."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def qgis_process_json(*args: str) -> dict:
    proc = subprocess.run([str(ROOT / "scripts" / "qgis_process"), *args, "--json"], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"qgis_process a échoué :\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout[proc.stdout.find("{"):])


def labels() -> dict[str, str]:
    with (ROOT / "ocsge_plugin" / "resources" / "nomenclature-cs.csv").open(encoding="utf-8") as handle:
        return {row["code"]: row["libelle_court"] for row in csv.DictReader(handle)}


def show_load(sample: Path) -> None:
    names = labels()
    for dep_dir in sorted(p for p in sample.iterdir() if p.is_dir()):
        print(f"\n=== ocsge:load sur {dep_dir} ===")
        result = qgis_process_json("run", "ocsge:load", "--", f"INPUT={dep_dir}", "SUMMARY=true")
        report = json.loads(result["results"]["REPORT"])
        print(f"Départements : {', '.join(report['departements'])}")
        print(f"{'couche':46} {'polygones':>10}  {'millésimes':12} SCR")
        for layer in report["layers"]:
            years = "-".join(map(str, layer["millesimes"]))
            print(f"{layer['title'][:46]:46} {layer['features']:>10}  {years:12} {layer['crs']}")
        for layer in report["layers"]:
            surfaces = layer.get("surface_ha_by_couverture")
            if not surfaces or layer["kind"] != "occupation":
                continue
            print(f"\nSurface par couverture — {layer['title']} (ha)")
            for code, hectares in surfaces.items():
                print(f"  {code:10} {names.get(code, '?'):24} {hectares:12.2f}")
            print(f"  {'total':35} {sum(surfaces.values()):12.2f}")


if __name__ == "__main__":
    show_load(Path(sys.argv[1]))
