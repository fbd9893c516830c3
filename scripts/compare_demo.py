"""make demo-compare: the sample diagnostic gives the same numbers on every QGIS version tested.

Usage: compare_demo.py NUMBERS.json NUMBERS.json …  (written by ``scripts/demo.py --numbers``,
one per QGIS). Every value of the first file is compared with the others: numbers (also those
written as text in the published CSV tables) to 1e-9 relative (1e-9 absolute below 1; a
difference of two surfaces, ``DIFFERENCE_OF``, relative to the larger), everything else exactly.
Exit 1 on a file missing or on any difference, each one named.

Why relative: a commune of 24,000 ha reprojected by another PROJ release moves by a few ulps of
its coordinates (1e-9 m), its surface by a few 1e-9 ha (3e-13 relative); the plugin's own numbers
do not depend on the QGIS version at all.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TOLERANCE = 1e-9
# Columns that are a difference of two surfaces (territory surface − surface covered by the data):
# their
# error is that of the larger surface, so their gap is taken relative to it (a 24,000 ha commune's
# 0.5 ha outside the data moves by 1e-9 ha with PROJ's ulps: 1e-9 relative to 0.5 ha, 5e-14 to the
# commune).
DIFFERENCE_OF = {"surface_hors_donnees": "surface"}


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def differences(
    expected, actual, where: str = "", tolerance: float = TOLERANCE, scale: float = 1.0
) -> tuple[list[str], int, float]:
    """(differences found, count of numbers compared, largest relative gap) between two JSON
    values."""
    found: list[str] = []
    compared, largest = 0, 0.0
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            if key not in actual or key not in expected:
                found.append(f"{where}/{key}: {'absent' if key not in actual else 'en trop'}")
                continue
            whole = _number(expected.get(DIFFERENCE_OF.get(key, ""))) or 1.0
            sub, count, gap = differences(
                expected[key], actual[key], f"{where}/{key}", tolerance, abs(whole)
            )
            found += sub
            compared, largest = compared + count, max(largest, gap)
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            found.append(f"{where}: {len(expected)} éléments / {len(actual)}")
        for index, (left, right) in enumerate(zip(expected, actual)):
            sub, count, gap = differences(left, right, f"{where}[{index}]", tolerance)
            found += sub
            compared, largest = compared + count, max(largest, gap)
    elif _number(expected) is not None and _number(actual) is not None:
        left, right = _number(expected), _number(actual)
        gap = abs(left - right) / max(1.0, scale, abs(left), abs(right))
        compared, largest = 1, gap
        if not gap <= tolerance:  # NaN included
            found.append(f"{where}: {expected!r} / {actual!r} (écart relatif {gap:.3g})")
    elif expected != actual:
        found.append(f"{where}: {expected!r} / {actual!r}")
    return found, compared, largest


def main(paths: list[Path]) -> int:
    missing = [path for path in paths if not path.is_file()]
    if missing:
        for path in missing:
            print(
                f"Nombres absents : {path} (make demo, ou make demo-qgis QGIS=… pour cette version)"
            )
        return 1
    runs = [json.loads(path.read_text(encoding="utf-8")) for path in paths]
    reference, failed = runs[0], False
    for path, run in zip(paths[1:], runs[1:]):
        found, compared, largest = differences(reference["numbers"], run["numbers"])
        if compared == 0:
            found.append("aucun nombre à comparer")
        label = f"QGIS {reference['qgis']} / QGIS {run['qgis']}"
        if found:
            failed = True
            print(f"{label} : {len(found)} différence(s) ({path})")
            for line in found[:40]:
                print(f"  {line}")
        else:
            print(
                f"{label} : {compared} nombres identiques à {TOLERANCE:g} près (plus "
                f"grand écart relatif {largest:.3g})."
            )
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main([Path(arg) for arg in sys.argv[1:]]))
