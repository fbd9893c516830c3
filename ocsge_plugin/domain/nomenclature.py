"""OCS GE nomenclature: codes, French labels, official colours; and the INSEE codes and names of
the départements and régions.

The single source of truth is the CSV files in ``resources/`` (the couverture and usage pair
copied from the CNIG / IGN nomenclature; ``departements.csv``, ``regions.csv``). Everything that
needs a code, a label or a colour reads it from here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "RESOURCES",
    "couverture",
    "couverture_leaves",
    "departements",
    "is_known_code",
    "leaves_under",
    "normalise_code",
    "regions",
    "usage",
    "usage_leaves",
]

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


@dataclass(frozen=True)
class NomenclatureEntry:
    code: str
    libelle: str
    libelle_court: str
    couleur: str
    parent: str | None


@cache
def _read(kind: str) -> dict[str, NomenclatureEntry]:
    rows = _rows(f"nomenclature-{kind}.csv")
    return {
        row["code"]: NomenclatureEntry(
            row["code"], row["libelle"], row["libelle_court"], row["couleur"], row["parent"] or None
        )
        for row in rows
    }


def couverture() -> dict[str, NomenclatureEntry]:
    """Every couverture (CS) code, parents included, in nomenclature order."""
    return _read("cs")


def usage() -> dict[str, NomenclatureEntry]:
    """Every usage (US) code, parents included, in nomenclature order."""
    return _read("us")


def _leaves(entries: dict[str, NomenclatureEntry]) -> tuple[str, ...]:
    parents = {entry.parent for entry in entries.values() if entry.parent}
    return tuple(code for code in entries if code not in parents)


@cache
def couverture_leaves() -> tuple[str, ...]:
    """The 14 leaf couverture codes, the ones polygons carry."""
    return _leaves(couverture())


@cache
def usage_leaves() -> tuple[str, ...]:
    """The 20 leaf usage codes, the ones polygons carry (US235 has no parent)."""
    return _leaves(usage())


@cache
def _leaves_by_code(kind: str) -> dict[str, frozenset[str]]:
    entries = couverture() if kind == "cs" else usage()
    children: dict[str, list[str]] = {}
    for entry in entries.values():
        if entry.parent:
            children.setdefault(entry.parent, []).append(entry.code)

    def leaves(code: str) -> frozenset[str]:
        below = children.get(code)
        return (
            frozenset({code})
            if not below
            else frozenset().union(*(leaves(child) for child in below))
        )

    return {code: leaves(code) for code in entries}


def leaves_under(kind: str, code: str | None) -> frozenset[str]:
    """The leaves a (normalised) code of ``kind`` ('cs' or 'us') stands for: itself for a leaf, the
    leaves under a parent, every leaf for None or a value outside the nomenclature
    (``INDETERMINE``…)."""
    by_code = _leaves_by_code(kind)
    found = by_code.get(code) if code is not None else None
    if found is None:
        return frozenset(couverture_leaves() if kind == "cs" else usage_leaves())
    return found


def is_known_code(code: str | None) -> bool:
    """A (normalised) code of the nomenclature, at any level (``CS2.1.1``, ``US4.1``, ``US235``)."""
    return code is not None and (code in couverture() or code in usage())


def normalise_code(value: object) -> str | None:
    """A code as polygons should carry it (``CS1.1.1.1``), or None for a null / empty value.

    Real deliveries sometimes carry lower case or stray blanks; nothing else is guessed.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text or text.upper() in {"NULL", "NONE"}:
        return None
    return text.upper()


def _rows(name: str) -> list[dict[str, str]]:
    with (RESOURCES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def departements() -> dict[str, tuple[str, str]]:
    """INSEE code → (name, région code) of the 101 départements, in order."""
    return {row["code"]: (row["nom"], row["region"]) for row in _rows("departements.csv")}


@cache
def regions() -> dict[str, str]:
    """INSEE code → name of the 18 régions, in order."""
    return {row["code"]: row["nom"] for row in _rows("regions.csv")}
