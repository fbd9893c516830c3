"""Per-class surfaces per territory, summed while the aggregation places the polygons and pieces (no
second pass over the data; docs/domain.md §4):

* ``occupation``: the stock by (couverture, usage) at each millésime (its sums over usage and over
  couverture are the ``couverture_<level>`` and ``usage_<level>`` tables);
* ``transition_cs``: the changed land by (couverture début, couverture fin);
* ``origine_artif``: the newly artificialised land by (couverture, usage) at début.

Codes are normalised as the rules read them (``nomenclature.normalise_code``: blanks stripped, upper
case; empty or null → None) and otherwise kept as the delivery writes them: a parent code (CS2.1.1),
INDETERMINE, a code outside the nomenclature and null are classes of their own, never dropped.

``Collector`` holds the sums of one aggregation; ``Collector.hook(...)`` gives
``placement.accumulate``
the callable it calls with the placed pieces (polygon, territory, area); ``Collector.tables(codes,
names, index_of)`` the long tables (m²) of the territories, by index of millésime as the territory
table (``table.py``) combines départements. ``rollup_classes`` sums them to a higher level.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Callable

import numpy as np
import pandas as pd

from ..domain.nomenclature import normalise_code
from .codes import factorize
from .table import KEY_COLUMNS, years_text

__all__ = [
    "CLASS_COLUMNS",
    "PAIR_TABLES",
    "ClassSums",
    "Collector",
    "marginal",
    "rollup_classes",
    "LONG_COLUMNS",
    "to_long",
    "from_long",
    "OCCUPATION",
    "ORIGIN",
    "TRANSITION",
]

OCCUPATION, TRANSITION, ORIGIN = "occupation", "transition_cs", "origine_artif"
# the class columns of each table, and whether it is a stock (one millésime) or a change (two)
CLASS_COLUMNS = {
    OCCUPATION: ("code_cs", "code_us"),
    TRANSITION: ("cs_debut", "cs_fin"),
    ORIGIN: ("cs_debut", "us_debut"),
}
PAIR_TABLES = (TRANSITION, ORIGIN)
_SHIFT = 24  # class number bits in a (territory, class) key


def _columns(name: str) -> list[str]:
    """The long table's columns (m²): territory, millésime(s), classes, surface."""
    years = (
        ["index_debut", "index_fin", "millesime_debut", "millesime_fin"]
        if name in PAIR_TABLES
        else ["index", "millesime"]
    )
    return ["code", "nom", *years, *CLASS_COLUMNS[name], "surface"]


class ClassSums:
    """Surfaces (m²) per (territory, class) of one table and one (département, millésime(s)); a
    class is a tuple of codes. Only the cells that receive a surface are held (sparse)."""

    def __init__(self) -> None:
        self.index: dict[tuple, int] = {}
        self.keys: list[np.ndarray] = []
        self.areas: list[np.ndarray] = []
        self.pending = 0
        self.limit = 1 << 20

    def classes(self, columns: Sequence[Any]) -> np.ndarray:
        """The class number of each polygon of a batch, from its code columns (one lookup per
        distinct combination)."""
        combined = np.zeros(len(columns[0]), dtype=np.int64)
        uniques_all = []
        for column in columns:
            codes, uniques = factorize(column)
            combined = combined * (len(uniques) + 1) + codes
            uniques_all.append([normalise_code(u) for u in uniques])
        distinct, inverse = np.unique(combined, return_inverse=True)
        number = np.empty(len(distinct), dtype=np.int64)
        for k, value in enumerate(distinct.tolist()):
            parts = []
            for uniques in reversed(uniques_all):
                value, rest = divmod(value, len(uniques) + 1)
                parts.append(uniques[rest])
            number[k] = self.index.setdefault(tuple(reversed(parts)), len(self.index))
        return number[inverse.reshape(-1)]

    def add(self, classes: np.ndarray, territory: np.ndarray, area: np.ndarray) -> None:
        if len(classes) == 0:
            return
        self.keys.append((np.asarray(territory, dtype=np.int64) << _SHIFT) | classes)
        self.areas.append(np.asarray(area, dtype=np.float64))
        self.pending += len(classes)
        if self.pending > self.limit:
            self._compact()
            self.limit = max(self.limit, 2 * self.pending)

    def _compact(self) -> None:
        if len(self.keys) <= 1:
            return
        keys, inverse = np.unique(np.concatenate(self.keys), return_inverse=True)
        self.keys, self.areas = (
            [keys],
            [np.bincount(inverse.reshape(-1), weights=np.concatenate(self.areas))],
        )
        self.pending = len(keys)

    def cells(self) -> Iterable[tuple[int, tuple, float]]:
        """(territory, class, m²) of every cell that received a surface."""
        self._compact()
        if not self.keys:
            return []
        by_number = {number: key for key, number in self.index.items()}
        keys, areas = self.keys[0], self.areas[0]
        return (
            (int(k >> _SHIFT), by_number[int(k & ((1 << _SHIFT) - 1))], float(a))
            for k, a in zip(keys.tolist(), areas.tolist())
        )


class Collector:
    """The per-class sums of one aggregation: ``sums[table][(département, millésime(s))]``."""

    def __init__(self, stocks: bool = True) -> None:
        self.stocks = (
            stocks  # False when the coverage is not computed: the stocks would miss classes
        )
        self.sums: dict[str, dict[tuple, ClassSums]] = {name: {} for name in CLASS_COLUMNS}

    def _of(self, name: str, key: tuple) -> ClassSums:
        return self.sums[name].setdefault(key, ClassSums())

    def stock_hook(self, key: tuple, cs: Any, us: Any) -> Callable | None:
        """The hook adding the polygons of a stock batch (codes ``cs``, ``us``; None: no such
        field) to the stock of ``key`` = (département, millésime)."""
        if not self.stocks or cs is None:
            return None
        sums = self._of(OCCUPATION, key)
        n = len(cs)
        classes = sums.classes([cs, us if us is not None else np.full(n, None, dtype=object)])
        return lambda rows, territory, area: sums.add(classes[rows], territory, area)

    def change_hook(
        self, key: tuple, codes: dict[str, Any], transitions: bool, new_artif: np.ndarray | None
    ) -> Callable | None:
        """The hook adding the change pieces of a batch to the transitions (every piece, when
        ``transitions``) and to the origin of the new artificialisation (the pieces where
        ``new_artif``) of ``key`` = (département, début, fin). ``codes``: cs_debut, us_debut,
        cs_fin (None: absent)."""
        hooks = []
        if transitions and codes.get("cs_debut") is not None and codes.get("cs_fin") is not None:
            sums = self._of(TRANSITION, key)
            moved = sums.classes([codes["cs_debut"], codes["cs_fin"]])
            hooks.append(
                lambda rows, territory, area, s=sums, c=moved: s.add(c[rows], territory, area)
            )
        if new_artif is not None and codes.get("cs_debut") is not None:
            sums = self._of(ORIGIN, key)
            us = codes.get("us_debut")
            origin = sums.classes(
                [
                    codes["cs_debut"],
                    us if us is not None else np.full(len(codes["cs_debut"]), None, dtype=object),
                ]
            )
            new = np.asarray(new_artif, dtype=bool)

            def add_origin(rows, territory, area, s=sums, c=origin):
                keep = new[rows]
                s.add(c[rows[keep]], territory[keep], area[keep])

            hooks.append(add_origin)
        if not hooks:
            return None
        return lambda rows, territory, area: [hook(rows, territory, area) for hook in hooks]

    def tables(
        self, codes: Sequence[str], names: Sequence[str], index_of: dict[str, dict[int, int]]
    ) -> dict[str, pd.DataFrame]:
        """The long tables (m²) of the territories (``codes``, ``names``), by index of millésime
        (``index_of[département][year]``), départements combined as in the territory table."""
        out = {}
        for name, by_key in self.sums.items():
            if name == OCCUPATION and not self.stocks:
                continue
            rows = []
            for key, sums in by_key.items():
                dep, years = key[0], key[1:]
                indexes = [index_of.get(dep, {}).get(y) for y in years]
                for t, classes, area in sums.cells():
                    rows.append([codes[t], names[t], *indexes, *years, *classes, area])
            width = len(CLASS_COLUMNS[name])
            raw = pd.DataFrame(
                rows,
                columns=[
                    "code",
                    "nom",
                    *(["i0", "i1"] if name in PAIR_TABLES else ["i0"]),
                    *(["y0", "y1"] if name in PAIR_TABLES else ["y0"]),
                    *[f"c{k}" for k in range(width)],
                    "surface",
                ],
            )
            out[name] = _combined(raw, name)
        return out


def _combined(raw: pd.DataFrame, name: str) -> pd.DataFrame:
    """Rows of the same territory, index(es) and class summed (several départements), years
    merged."""
    pair = name in PAIR_TABLES
    index_keys = ["i0", "i1"] if pair else ["i0"]
    class_keys = [c for c in raw.columns if c.startswith("c") and c[1:].isdigit()]
    columns = _columns(name)
    if raw.empty:
        return pd.DataFrame(columns=columns)
    filled = raw.copy()
    for c in class_keys:  # None is a class of its own: grouped under a stand-in, put back after
        filled[c] = filled[c].map(lambda v: "\0" if v is None else v)
    keys = ["code", *index_keys, *class_keys]
    years = {f"t{k}": _year_texts(filled[f"y{k}"]) for k in range(len(index_keys))}
    grouped = filled.assign(**years).groupby(keys, sort=True)
    table = grouped.agg(
        nom=("nom", "first"),
        surface=("surface", "sum"),
        **{f"m{k}": (f"t{k}", "first") for k in range(len(index_keys))},
        **{f"n{k}": (f"t{k}", "nunique") for k in range(len(index_keys))},
    ).reset_index()
    group_of = grouped.ngroup().fillna(-1).to_numpy(np.int64)  # -1: a key is null, left out
    for k in range(len(index_keys)):
        _merge_mixed_years(table, filled, group_of, keys, k)
    for c in class_keys:
        table[c] = table[c].map(lambda v: None if v == "\0" else v)
    rename = dict(zip(class_keys, CLASS_COLUMNS[name]))
    if pair:
        rename.update(i0="index_debut", i1="index_fin", m0="millesime_debut", m1="millesime_fin")
    else:
        rename.update(i0="index", m0="millesime")
    table = table.rename(columns=rename)[columns]
    for c in columns:
        if c.startswith("index"):
            table[c] = table[c].astype("Int64")
    return table.reset_index(drop=True)


def _years(values: Iterable[Any]) -> str:
    """Years (ints, or texts such as '2018, 2019') merged into one text."""
    years = set()
    for value in values:
        years.update(int(part) for part in str(value).split(",") if part.strip().isdigit())
    return years_text(years)


def _year_texts(values: pd.Series) -> np.ndarray:
    """Per row, the text :func:`_years` gives its value alone (computed once per distinct value:
    of a column of texts or of integers without null, told apart by ``pd.factorize``)."""
    if pd.api.types.infer_dtype(values, skipna=False) in ("string", "integer"):
        codes, distinct = pd.factorize(values)
        return np.array([_years([value]) for value in distinct] + [""], dtype=object)[codes]
    known: dict = {}
    out = np.empty(len(values), dtype=object)
    for row, value in enumerate(values.tolist()):
        key = (type(value), value)
        text = known.get(key)
        if text is None:
            text = known[key] = _years([value])
        out[row] = text
    return out


def _merge_mixed_years(
    table: pd.DataFrame, filled: pd.DataFrame, group_of: np.ndarray, keys: list, k: int
) -> None:
    """``m<k>`` of ``table`` (one row per group of ``filled`` by ``keys``, sorted), holding the
    text of each group's first row, made the years of all its rows where they differ (rows of
    several départements): :func:`_years` of theirs; equal texts are equal sets of years."""
    mixed = (table.pop(f"n{k}") > 1).to_numpy()
    if not mixed.any():
        return
    rows = mixed[group_of[group_of >= 0]]
    kept = filled[group_of >= 0][rows]
    merged = kept.groupby(keys, sort=True)[f"y{k}"].agg(_years)
    table.loc[mixed, f"m{k}"] = merged.to_numpy()


def marginal(occupation: pd.DataFrame, by: str) -> pd.DataFrame:
    """The stock by couverture (``by`` = 'code_cs') or by usage ('code_us') from the (couverture,
    usage) stock: the other code summed out (null kept as a class)."""
    keys = ["code", "index", by]
    filled = occupation.assign(
        **{by: occupation[by].map(lambda v: "\0" if v is None or v is pd.NA else v)}
    )
    out = (
        filled.groupby(keys, sort=True)
        .agg(nom=("nom", "first"), millesime=("millesime", "first"), surface=("surface", "sum"))
        .reset_index()
    )
    out[by] = out[by].map(lambda v: None if v == "\0" else v)
    return out[["code", "nom", "index", "millesime", by, "surface"]]


def rollup_classes(
    table: pd.DataFrame, name: str, members: dict[str, list[str]], names: dict[str, str]
) -> pd.DataFrame:
    """The commune long table ``name`` (``Collector.tables``) summed to a level whose territories
    are ``members`` (territory code → commune codes), named by ``names``."""
    level_of = {commune: code for code, communes in members.items() for commune in communes}
    part = table[table["code"].isin(level_of)]
    codes = part["code"].map(level_of)
    raw = pd.DataFrame(
        {
            "code": codes.values,
            "nom": codes.map({c: names.get(c) or "" for c in pd.unique(codes)}).values,
        }
    )
    years = (
        (("index_debut", "millesime_debut"), ("index_fin", "millesime_fin"))
        if name in PAIR_TABLES
        else (("index", "millesime"),)
    )
    for k, (index, millesime) in enumerate(years):
        raw[f"i{k}"] = part[index].values
        raw[f"y{k}"] = part[millesime].values
    for k, column in enumerate(CLASS_COLUMNS[name]):
        raw[f"c{k}"] = part[column].values
    raw["surface"] = part["surface"].values
    return _combined(raw, name)


# one table of the three, for a layer (ocsge:aggregate's OUTPUT_CLASSES, read back by ocsge:export)
LONG_COLUMNS = [
    "tableau",
    *KEY_COLUMNS,
    "code_cs",
    "code_us",
    "cs_debut",
    "cs_fin",
    "us_debut",
    "surface",
]


def to_long(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The per-class tables in one (``tableau`` names each; a stock's millésime is its fin)."""
    parts = []
    for name, frame in tables.items():
        part = frame.rename(columns={"index": "index_fin", "millesime": "millesime_fin"}).copy()
        part.insert(0, "tableau", name)
        parts.append(part.reindex(columns=LONG_COLUMNS))
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=LONG_COLUMNS)
    return out.astype(object).where(out.notna(), None)


def from_long(long: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The per-class tables from ``to_long``'s form (codes and millésimes as text, null kept)."""
    out = {}
    for name in CLASS_COLUMNS:
        part = long[long["tableau"] == name]
        if part.empty:
            continue
        if name not in PAIR_TABLES:
            part = part.rename(columns={"index_fin": "index", "millesime_fin": "millesime"})
        frame = part.reindex(columns=_columns(name)).reset_index(drop=True)
        for column in frame.columns:
            if column.startswith("index"):
                frame[column] = pd.array(
                    [None if v is None or pd.isna(v) else int(v) for v in frame[column]],
                    dtype="Int64",
                )
            elif column == "surface":
                frame[column] = frame[column].astype(float)
            else:
                frame[column] = [
                    None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)
                    for v in frame[column]
                ]
        out[name] = frame
    return out
