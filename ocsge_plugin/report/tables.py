"""The portrait's numbers, read from the published tables ocsge:diagnostic writes (artif_<level>,
imper_<level>, qualite_<level> as CSV, and beside them the per-class tables couverture_, usage_,
transition_cs_ and origine_artif_<level>): nothing is computed again, figures are only picked and
put side by side (the stock at the first millésime is the published stock at the last one minus
the published net flow, and says so)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..core import definitions
from ..publishing import spreadsheet

__all__ = [
    "LEVEL_LABELS",
    "PARENTS",
    "PORTRAIT_LEVELS",
    "Tables",
    "Territory",
]

#: The levels a portrait is made for (every published level but the région), in order.
PORTRAIT_LEVELS = definitions.LEVELS[:4]
LEVEL_LABELS = {
    "commune": "Commune",
    "epci": "EPCI",
    "scot": "SCoT",
    "departement": "Département",
    "region": "Région",
}
# the territory a level is compared with (the first that exists for it)
PARENTS = {
    "commune": ("epci", "departement"),
    "epci": ("departement",),
    "scot": ("departement",),
    "departement": ("region",),
}
NUMBERS = (
    "pourcent_artif",
    "surface_artif",
    "flux_artif",
    "flux_desartif",
    "flux_artif_net",
    "pourcent_imper",
    "surface_imper",
    "flux_imper",
    "flux_desimper",
    "flux_imper_net",
    "surface",
    "surface_indeterminee",
    "pourcent_indetermine",
    "flux_indetermine",
    "commune_surface",
)


def _float(text):
    if text is None or str(text).strip() == "":
        return None
    return float(str(text).replace(",", "."))


@dataclass
class Territory:
    level: str
    code: str
    nom: str
    debut: int | None
    fin: int | None
    values: dict = field(default_factory=dict)
    members: dict = field(default_factory=dict)  # epci_code, departement_code, scot_code (communes)

    def get(self, name: str):
        return self.values.get(name)

    @property
    def years(self) -> int | None:
        return (
            self.fin - self.debut
            if self.debut is not None and self.fin is not None and self.fin > self.debut
            else None
        )

    @property
    def area(self):
        return self.values.get("surface") or self.values.get("commune_surface")

    def stock_debut(self, kind: str):
        """The stock at the first millésime: published stock at the last one minus the published
        net flow."""
        stock, net = self.get(f"surface_{kind}"), self.get(f"flux_{kind}_net")
        return None if stock is None or net is None else stock - net

    def share_debut(self, kind: str):
        stock = self.stock_debut(kind)
        return None if stock is None or not self.area else 100.0 * stock / self.area

    def per_year(self, kind: str = "artif"):
        net = self.get(f"flux_{kind}_net")
        return None if net is None or not self.years else net / self.years

    def label(self) -> str:
        return f"{LEVEL_LABELS[self.level]} {self.nom} ({self.code})"


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        return [
            {key: spreadsheet.as_written(value) for key, value in row.items()}
            for row in csv.DictReader(handle, delimiter=delimiter)
        ]


def read_level(folder: Path, level: str) -> dict[str, Territory]:
    """code → Territory for one level: the artif, imper and qualite rows of the widest pair of
    millésimes."""
    key = f"{level}_code"
    territories: dict[str, Territory] = {}
    for dataset in ("artif", "imper", "qualite"):
        for row in _read(Path(folder) / f"{dataset}_{level}.csv"):
            code = row.get(key) or ""
            debut, fin = _float(row.get("millesime_debut")), _float(row.get("millesime_fin"))
            debut, fin = (
                (int(debut) if debut is not None else None),
                (int(fin) if fin is not None else None),
            )
            current = territories.get(code)
            if current is None or (
                dataset == "artif"
                and (fin or 0, -(debut or 0)) > (current.fin or 0, -(current.debut or 0))
            ):
                if dataset != "artif" and current is None:
                    continue
                current = territories[code] = Territory(
                    level, code, row.get("nom") or code, debut, fin
                )
            elif (debut, fin) != (current.debut, current.fin):
                continue
            for name in NUMBERS:
                if name in row:
                    current.values[name] = _float(row[name])
            for name in ("epci_code", "departement_code", "scot_code", "region_code"):
                if row.get(name):
                    current.members[name] = row[name]
    for territory in territories.values():
        if (
            territory.area is None
            and territory.get("pourcent_artif")
            and territory.get("surface_artif") is not None
        ):
            territory.values["surface"] = (
                100.0 * territory.get("surface_artif") / territory.get("pourcent_artif")
            )
    return territories


@dataclass
class Classes:
    """A territory's per-class surfaces (ha), as the per-class tables give them; a code is None
    where the delivery has none (null). Empty when the tables are absent (a folder of an older
    run)."""

    couverture: dict[int, dict] = field(default_factory=dict)  # millésime → code_cs → ha
    usage: dict[int, dict] = field(default_factory=dict)  # millésime → code_us → ha
    transitions: dict[tuple, float] = field(default_factory=dict)  # (cs_debut, cs_fin) → ha
    origin: dict[tuple, float] = field(default_factory=dict)  # (cs_debut, us_debut) → ha


def _year(text):
    value = _float(text) if text and "," not in str(text) else None
    return int(value) if value is not None else None


@dataclass
class Tables:
    """Every level of one diagnostic folder, and who belongs to whom."""

    folder: Path
    levels: dict[str, dict[str, Territory]]
    _by_code: dict = field(default_factory=dict, repr=False)

    def _rows(self, name: str, level: str) -> dict[str, list[dict]]:
        """The rows of ``<name>_<level>.csv`` by territory code (read once)."""
        if (name, level) not in self._by_code:
            rows: dict[str, list[dict]] = {}
            for row in _read(self.folder / f"{name}_{level}.csv"):
                rows.setdefault(row.get(f"{level}_code") or "", []).append(row)
            self._by_code[(name, level)] = rows
        return self._by_code[(name, level)]

    def classes(self, territory: Territory) -> Classes:
        """The per-class surfaces of ``territory`` at its millésimes (its pair for the changes)."""
        out = Classes()
        for name, by_year, key in (
            ("couverture", out.couverture, "code_cs"),
            ("usage", out.usage, "code_us"),
        ):
            for row in self._rows(name, territory.level).get(territory.code, []):
                year = _year(row.get("millesime"))
                if year in (territory.debut, territory.fin):
                    by_year.setdefault(year, {})[row.get(key) or None] = (
                        _float(row.get("surface")) or 0.0
                    )
        for name, target, keys in (
            ("transition_cs", out.transitions, ("cs_debut", "cs_fin")),
            ("origine_artif", out.origin, ("cs_debut", "us_debut")),
        ):
            for row in self._rows(name, territory.level).get(territory.code, []):
                if (_year(row.get("millesime_debut")), _year(row.get("millesime_fin"))) == (
                    territory.debut,
                    territory.fin,
                ):
                    target[tuple(row.get(k) or None for k in keys)] = (
                        _float(row.get("surface")) or 0.0
                    )
        return out

    @classmethod
    def read(cls, folder) -> Tables:
        return cls(
            Path(folder),
            {level: read_level(Path(folder), level) for level in (*PORTRAIT_LEVELS, "region")},
        )

    def communes_of(self, territory: Territory) -> list[Territory]:
        """The communes of a territory (itself for a commune), from the commune table's
        membership codes."""
        if territory.level == "commune":
            return [territory]
        key = f"{territory.level}_code"
        return [c for c in self.levels["commune"].values() if c.members.get(key) == territory.code]

    def _code_of(self, territory: Territory, level: str) -> str | None:
        communes = self.communes_of(territory)
        codes = [c.members.get(f"{level}_code") for c in communes if c.members.get(f"{level}_code")]
        if level == "departement" and not codes and territory.level == "commune":
            codes = [territory.code[:3] if territory.code.startswith("97") else territory.code[:2]]
        return max(set(codes), key=codes.count) if codes else None

    def territories_of(self, communes: list[str], level: str) -> list[str]:
        """The codes of the territories of ``level`` that hold the communes ``communes`` (codes),
        in order, once each."""
        codes = []
        for code in communes:
            commune = self.levels["commune"].get(code)
            found = (
                code if level == "commune" else (self._code_of(commune, level) if commune else None)
            )
            if found and found not in codes:
                codes.append(found)
        return codes

    def parents(self, territory: Territory) -> list[Territory]:
        """The territories it is compared with (its EPCI and département for a commune…)."""
        found = []
        for level in PARENTS[territory.level]:
            code = self._code_of(territory, level)
            if code and code in self.levels.get(level, {}):
                found.append(self.levels[level][code])
        return found
