"""make demo: run the plugin through the real qgis_process on the bundled sample and show the
result, in French whatever the system's locale (scripts/qgis_process speaks French unless OCSGE_LANG
says otherwise; the figures the French way)."""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def french() -> dict:
    """The environment of qgis_process: the plugin's messages in French, as the demo's own lines,
    whatever OCSGE_LANG or the system's locale say."""
    return {**os.environ, "OCSGE_LANG": "fr"}


def fr(value, width: int = 0, decimals: int = 2) -> str:
    """A figure the French way, right-aligned in ``width``: « 10 746,45 » (no-break space, decimal
    comma)."""
    text = f"{float(value):,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    return text.rjust(width)


def qgis_process_json(*args: str) -> dict:
    proc = subprocess.run(
        [str(ROOT / "scripts" / "qgis_process"), *args, "--json"],
        capture_output=True,
        text=True,
        env=french(),
    )
    if proc.returncode != 0:
        sys.exit(f"qgis_process a échoué :\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout[proc.stdout.find("{") :])


def report_of(result: dict) -> dict:
    """The REPORT of a run (``qgis_process --json``): the JSON file its output names."""
    return json.loads(Path(result["results"]["REPORT"]).read_text(encoding="utf-8"))


def labels() -> dict[str, str]:
    with (ROOT / "ocsge_plugin" / "resources" / "nomenclature-cs.csv").open(
        encoding="utf-8"
    ) as handle:
        return {row["code"]: row["libelle_court"] for row in csv.DictReader(handle)}


def show_load(sample: Path, numbers: dict) -> None:
    names = labels()
    for dep_dir in sorted(p for p in sample.iterdir() if p.is_dir()):
        print(f"\n=== ocsge:load sur {dep_dir} ===")
        result = qgis_process_json("run", "ocsge:load", "--", f"INPUT={dep_dir}", "SUMMARY=true")
        report = report_of(result)
        numbers[f"load/{dep_dir.name}"] = [
            {
                key: layer.get(key)
                for key in ("title", "kind", "features", "millesimes", "surface_ha_by_couverture")
            }
            for layer in report["layers"]
        ]
        print(f"Départements : {', '.join(report['departements'])}")
        print(f"{'couche':46} {'polygones':>10}  {'millésimes':12} SCR")
        for layer in report["layers"]:
            years = "-".join(map(str, layer["millesimes"]))
            print(f"{layer['title'][:46]:46} {layer['features']:>10}  {years:12} {layer['crs']}")
        for note in dict.fromkeys(
            report.get("left_out", []) + report.get("warnings", [])
        ):  # each note once
            print(f"  note : {note}")
        for archive in sorted(
            dep_dir.glob("OCS_GE_1-1_*.7z")
        ):  # its millésime is not its edition date
            alone = report_of(qgis_process_json("run", "ocsge:load", "--", f"INPUT={archive}"))
            for layer in alone["layers"]:
                print(
                    f"Livraison nommée comme l'OCS GE 1.1 : {archive.stem} → {layer['title']} "
                    f"(millésime {'-'.join(map(str, layer['millesimes']))} ; la date de "
                    "la fin du nom est celle de l'édition)"
                )
        for layer in report["layers"]:
            surfaces = layer.get("surface_ha_by_couverture")
            if not surfaces or layer["kind"] != "occupation":
                continue
            print(f"\nSurface par couverture — {layer['title']} (ha)")
            for code, hectares in surfaces.items():
                print(f"  {code:10} {names.get(code, '?'):24} {fr(hectares, 12)}")
            print(f"  {'total':35} {fr(sum(surfaces.values()), 12)}")


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _table(title: str, rows: list[dict], code: str, first: int = 5) -> None:
    """The first rows and the totals of a published table (artif_<level> joined with
    imper_<level>)."""
    print(f"\n{title} — {len(rows)} lignes (surfaces en ha)")
    print(
        f"{'code':>10} {'nom':28} {'artif':>10} {'% artif':>8} {'flux net':>9} "
        f"{'imper':>10} {'% imper':>8} {'flux net':>9}  période"
    )

    def number(value: str, width: int) -> str:  # an empty cell is unknown, never 0
        return fr(value, width) if value else f"{'—':>{width}}"

    for row in rows[:first]:
        print(
            f"{row[code]:>10} {row['nom'][:28]:28} {number(row['surface_artif'], 10)} "
            f"{number(row['pourcent_artif'], 8)} "
            f"{number(row['flux_artif_net'], 9)} {number(row['surface_imper'], 10)} "
            f"{number(row['pourcent_imper'], 8)} "
            f"{number(row['flux_imper_net'], 9)}  {row['millesime_debut']}-{row['millesime_fin']}"
        )
    if len(rows) > first:
        print(f"{'…':>10}")
    total = lambda name: sum(float(r[name] or 0) for r in rows)  # noqa: E731
    print(
        f"{'total':>10} {'':28} {fr(total('surface_artif'), 10)} {'':8} "
        f"{fr(total('flux_artif_net'), 9)} "
        f"{fr(total('surface_imper'), 10)} {'':8} {fr(total('flux_imper_net'), 9)}"
    )


def show_diagnostic(sample: Path, numbers: dict, out_root: Path) -> None:
    """ocsge:diagnostic on each sample département through qgis_process; commune and EPCI tables."""
    data = ROOT / "tests" / "data"
    for dep_dir in sorted(p for p in sample.iterdir() if p.is_dir()):
        dep = dep_dir.name
        communes = sorted(data.glob(f"communes-{dep}-*.geojson"))
        membership = data / f"appartenance-communes-{dep}.csv"
        if not communes:
            continue
        out = out_root / dep
        print(f"\n=== ocsge:diagnostic sur {dep_dir} → {out} ===")
        args = [
            "run",
            "ocsge:diagnostic",
            "--",
            f"INPUT={dep_dir}",
            f"COMMUNES={communes[0]}",
            "CODE_FIELD=code",
            "NAME_FIELD=nom",
            f"OUTPUT_FOLDER={out}",
        ]
        if membership.exists():
            args.append(f"MEMBERSHIP={membership}")
        result = qgis_process_json(*args)
        report = report_of(result)
        for note in report.get("warnings", []):
            print(f"  note : {note}")
        print(
            "\nIndéterminé (codes dont les feuilles ne tranchent pas ; convention « "
            f"{report['convention']} »), compté à part :"
        )
        for entry in report["indetermine"]:
            print(
                f"  {entry['couche'][:60]:60} {entry['millesime']:>9} : "
                f"{entry['nombre']:>6} polygone(s) ou fragment(s), "
                f"{fr(entry['surface_ha'], 10)} ha"
            )
        for level, code in (("commune", "commune_code"), ("epci", "epci_code")):
            artif = _read_csv(out / f"artif_{level}.csv")
            imper = {r[code]: r for r in _read_csv(out / f"imper_{level}.csv")}
            rows = [
                dict(r, **{k: v for k, v in imper[r[code]].items() if k not in r})
                for r in artif
                if r[code] in imper
            ]
            _table(f"{level.upper()} — D{dep}", rows, code)
        print(
            "\nFichiers : "
            f"{', '.join(Path(p).name for p in json.loads(result['results']['FILES']))}"
        )
        for table in sorted(out.glob("*.csv")):
            numbers[f"diagnostic/{dep}/{table.name}"] = _read_csv(table)


def write_numbers(numbers: dict, path: Path) -> None:
    """The numbers shown (and every published table), for make demo-compare across QGIS versions."""
    from qgis.core import Qgis

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"qgis": Qgis.QGIS_VERSION, "numbers": numbers}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    print(f"\nNombres de la démonstration (QGIS {Qgis.QGIS_VERSION}) : {path}")


def show_portrait(sample: Path, out_root: Path, epci: str = "200069052") -> None:
    """ocsge:portrait of one EPCI of the Territoire de Belfort sample (CA Grand Belfort) through
    qgis_process."""
    data = ROOT / "tests" / "data"
    out = out_root / f"portrait-{epci}.pdf"
    print(f"\n=== ocsge:portrait de l'EPCI {epci} → {out} ===")
    proc = subprocess.run(
        [
            str(ROOT / "scripts" / "qgis_process"),
            "run",
            "ocsge:portrait",
            "--json",
            "--",
            f"INPUT={sample / '90'}",
            f"COMMUNES={data / 'communes-90-territoire-de-belfort.geojson'}",
            "CODE_FIELD=code",
            "NAME_FIELD=nom",
            f"MEMBERSHIP={data / 'appartenance-communes-90.csv'}",
            "LEVEL=1",
            f"TERRITORIES={epci}",
            f"OUTPUT={out}",
        ],
        capture_output=True,
        text=True,
        env=french(),
    )
    if proc.returncode != 0:
        sys.exit(f"qgis_process a échoué :\n{proc.stdout}\n{proc.stderr}")
    result = json.loads(proc.stdout[proc.stdout.find("{") :])
    print(
        f"{int(result['results']['PAGES'])} pages : {result['results']['OUTPUT']} "
        f"(tables et graphiques : {result['results']['FOLDER']})"
    )


def show_consumption(sample: Path, out_root: Path) -> None:
    """ocsge:consommation on the sample Cerema file (make sample) with the Territoire de Belfort's
    membership and the INSEE table de passage; the ZAN trajectory of its EPCI."""
    conso = sample / "consommation-cerema-90-974.csv"
    if not conso.exists():
        print(f"\n(pas de fichier de consommation d'exemple : {conso} ; make sample le fait)")
        return
    out = out_root / "consommation"
    print(f"\n=== ocsge:consommation sur {conso.name} → {out} ===")
    result = qgis_process_json(
        "run",
        "ocsge:consommation",
        "--",
        f"CONSOMMATION={conso}",
        f"MEMBERSHIP={ROOT / 'tests' / 'data' / 'appartenance-communes-90.csv'}",
        f"PASSAGE={sample / 'passage-cog-2018-2024.csv'}",
        "LEVELS=1",
        f"OUTPUT_FOLDER={out}",
    )
    report = report_of(result)
    for note in report["warnings"]:
        print(f"  note : {note}")
    print(
        "\nTrajectoire ZAN 2021–2030 des EPCI (ha ; données jusqu'à "
        f"{report['derniere_annee']}, convention « {report['convention']} »)"
    )
    print(
        f"{'code':>10} {'nom':26} {'2011-2020':>10} {'enveloppe':>10} "
        f"{'depuis 2021':>12} {'utilisé':>8} {'projeté 2030':>13} {'en 2030':>8}  partiel"
    )
    for row in _read_csv(out / "trajectoires_epci.csv"):
        print(
            f"{row['epci_code']:>10} {row['nom'][:26]:26} "
            f"{fr(row['conso_2011_2020'], 10)} "
            f"{fr(row['conso_autorisee_2021_2030'], 10)} "
            f"{fr(row['conso_depuis_2021'], 12)} "
            f"{fr(row['pourcentage_utilisation_actuelle'], 7, 1)} % "
            f"{fr(row['conso_projetee_2030'], 13)} "
            f"{fr(row['pourcentage_utilisation_projetee_en_2030'], 7, 1)} %  {row['partiel']}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "sample", type=Path, help="folder of the sample deliveries (one folder per département)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="where the diagnostic writes (default: demo/ beside the sample folder)",
    )
    parser.add_argument(
        "--numbers", type=Path, help="also write the numbers to this JSON file (make demo-compare)"
    )
    args = parser.parse_args()
    sample = args.sample.resolve()
    shown: dict = {}
    show_load(sample, shown)
    out = (args.out or sample.parent / "demo").resolve()
    show_diagnostic(sample, shown, out)
    show_portrait(sample, out)
    show_consumption(sample, out)
    if args.numbers:
        write_numbers(shown, args.numbers)
