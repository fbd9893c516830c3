"""Cerema's consumption file (« fichiers fonciers », consommation d'espaces NAF) as published,
read once.

One row per commune (``idcom``), per year ``nafAAartBB`` (m² consumed during the year 20AA, BB =
AA + 1) and its destinations ``artAAactBB`` (activité), ``hab`` (habitat), ``mix`` (mixte),
``rou`` (route), ``fer`` (ferré), ``inc`` (inconnu); membership columns ``epciNN``/``epciNNtxt``,
``scot``, ``iddep``, ``idreg``; population ``popAA``, households ``menAA``; area ``surfcom20NN``.
The years, the last year and the COG vintage are read from the column names, never assumed. CSV
(``;`` or ``,``, UTF-8 or Latin-1, numbers possibly written as text with a decimal comma),
GeoPackage or shapefile (through GDAL, attributes only).

Also here: the INSEE « table de passage » between two COG vintages (:func:`read_passage`,
:func:`apply_passage`) and the territorialisation table (territory code → reduction rate,
:func:`read_rates`)."""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import TerritoryError
from ..core.i18n import Note, plural, tr
from .rollup import decode_text

__all__ = [
    "DESTINATIONS",
    "ConsumptionFile",
    "Passage",
    "apply_passage",
    "read_consumption",
    "read_passage",
    "read_rates",
    "read_zones",
    "to_number",
]

# The destinations of Cerema's file (column token → the plugin's column suffix), in the file's
# order.
DESTINATIONS = {
    "act": "activite",
    "hab": "habitat",
    "mix": "mixte",
    "rou": "route",
    "fer": "ferre",
    "inc": "inconnu",
}
_YEAR = re.compile(r"^naf(\d\d)art(\d\d)$")
_DEST = re.compile(r"^art(\d\d)(act|hab|mix|rou|fer|inc)(\d\d)$")
_EPCI = re.compile(r"^epci(\d\d)$")
_SURF = re.compile(r"^surfcom(\d{4})$")
_POP = re.compile(r"^(pop|men)(\d\d)$")
_TEXT = {"idcom", "idcomtxt", "idreg", "idregtxt", "iddep", "iddeptxt", "scot"}


@dataclass
class ConsumptionFile:
    """The commune rows of a consumption file, numbers as floats (NaN where the file is empty).

    ``table`` is indexed by commune code and has the columns ``conso_<year>``,
    ``conso_<year>_<destination>``, ``pop_<year>``, ``men_<year>``, ``surface`` (m²) and the
    membership codes ``nom``, ``epci_code``, ``epci_nom``, ``scot_code``, ``scot_nom``,
    ``departement_code``, ``departement_nom``, ``region_code``, ``region_nom`` when the file has
    them."""

    table: pd.DataFrame
    years: list[int]
    source: str = ""
    encoding: str = ""
    cog: int | None = None  # the COG vintage read from epciNN / surfcomNNNN
    warnings: list[str] = field(default_factory=list)
    empty_years: list[int] = field(
        default_factory=list
    )  # year columns without a single value (left out)

    @property
    def last_year(self) -> int:
        return max(self.years)


def to_number(values: pd.Series) -> pd.Series:
    """Numbers written as text the French way (« 1 234,5 », non-breaking spaces, empty cells) →
    float (NaN for an empty cell); numbers already numeric are kept."""
    if values.dtype.kind in "fiub":
        return values.astype(float)
    converted = pd.to_numeric(values, errors="coerce")
    text = values.astype(str).str.strip()
    filled = values.notna() & (text != "") & (text.str.lower() != "nan")
    if not (converted.isna() & filled).any():
        return converted.astype(float)
    cleaned = text.str.replace(r"[\s\u00a0\u202f']", "", regex=True).str.replace(
        ",", ".", regex=False
    )
    converted = pd.to_numeric(cleaned.where(filled), errors="coerce")
    bad = converted.isna() & filled
    if bad.any():
        sample = ", ".join(sorted(set(values[bad].astype(str)))[:5])
        raise TerritoryError(
            tr("The column {column} holds values that are not numbers: {values}.").format(
                column=values.name, values=sample
            )
        )
    return converted.astype(float)


def _read_text_table(path: Path) -> tuple[pd.DataFrame, str]:
    """A CSV (any of ; , tab) as text columns, and the encoding it was read in."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        encoding = "latin-1"
    text = decode_text(data)
    head = text[: text.find("\n")] if "\n" in text else text
    sep = max((";", ",", "\t"), key=head.count)
    frame = pd.read_csv(
        io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""], quotechar='"'
    )
    return frame, encoding


def _wanted(name: str) -> bool:
    """A column the computation reads (the others — jobs, aires d'attraction, period totals — are
    skipped)."""
    name = name.strip().lower()
    return bool(
        name in _TEXT
        or _YEAR.match(name)
        or _DEST.match(name)
        or _EPCI.match(name)
        or name[:4] == "epci"
        and name.endswith("txt")
        or _SURF.match(name)
        or _POP.match(name)
    )


def _parse_consumption(data: bytes) -> tuple[pd.DataFrame, str]:
    """Cerema's CSV (bytes), only the columns the computation reads: text columns as text,
    numbers parsed by pandas' C parser (decimal comma with ';'); a column it cannot parse stays
    text for :func:`to_number`."""
    try:
        data.decode("utf-8")
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        encoding = "latin-1"
    first = (
        data[: data.find(b"\n")].decode(encoding, errors="replace")
        if b"\n" in data
        else data.decode(encoding, errors="replace")
    )
    sep = max((";", ",", "\t"), key=first.count)
    names = [n.strip().strip('"') for n in first.rstrip("\r").split(sep)]
    usecols = [n for n in names if _wanted(n)]
    text = {
        n: str
        for n in usecols
        if n.lower() in _TEXT or _EPCI.match(n.lower()) or n.lower().startswith("epci")
    }
    frame = pd.read_csv(
        io.BytesIO(data),
        sep=sep,
        encoding=encoding,
        usecols=usecols,
        dtype=text,
        keep_default_na=False,
        na_values=[""],
        decimal="," if sep == ";" else ".",
    )
    return frame, "latin-1" if encoding == "latin-1" else "utf-8"


def _ogr_csv(path: Path) -> bytes:
    """The attributes of a GeoPackage or shapefile's first layer as CSV bytes (GDAL, in memory,
    UTF-8)."""
    from osgeo import gdal

    gdal.UseExceptions()
    target = f"/vsimem/ocsge-conso-{uuid.uuid4().hex}.csv"
    try:
        gdal.VectorTranslate(
            target, str(path), format="CSV", layerCreationOptions=["STRING_QUOTING=IF_NEEDED"]
        )
        handle = gdal.VSIFOpenL(target, "rb")
        size = gdal.VSIStatL(target).size
        data = gdal.VSIFReadL(1, size, handle)
        gdal.VSIFCloseL(handle)
    except RuntimeError as error:
        raise TerritoryError(
            tr("{path} cannot be read by GDAL: {error}.").format(path=path, error=error)
        ) from None
    finally:
        gdal.Unlink(target)
    return bytes(data)


def _read_ogr_table(path: Path) -> pd.DataFrame:
    """The attributes of a GeoPackage or shapefile's first layer, as text."""
    return pd.read_csv(
        io.BytesIO(_ogr_csv(path)),
        sep=",",
        dtype=str,
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
    )


def _commune_codes(values: pd.Series) -> pd.Series:
    """INSEE codes as text of 5 characters ('1001' → '01001', '2A004' kept)."""
    codes = values.astype(str).str.strip().str.upper().str.replace(r"\.0$", "", regex=True)
    return codes.where(~codes.str.fullmatch(r"\d{4}"), codes.str.zfill(5))


def _membership(raw: pd.DataFrame, out: dict[str, pd.Series]) -> int | None:
    """The file's own membership columns (the latest epciNN) into ``out``; the COG vintage of
    epciNN."""
    cog = None
    pairs = {
        "nom": "idcomtxt",
        "departement_code": "iddep",
        "departement_nom": "iddeptxt",
        "region_code": "idreg",
        "region_nom": "idregtxt",
    }
    epcis = sorted(int(m.group(1)) for c in raw.columns if (m := _EPCI.match(c)))
    if epcis:
        cog = 2000 + epcis[-1]
        pairs.update({"epci_code": f"epci{epcis[-1]:02d}", "epci_nom": f"epci{epcis[-1]:02d}txt"})
    if "scot" in raw.columns:
        pairs.update({"scot_code": "scot", "scot_nom": "scot"})
    for name, column in pairs.items():
        if column in raw.columns:
            values = raw[column].astype(str).str.strip()
            values = (
                values.str.replace(r"\.0$", "", regex=True) if name.endswith("_code") else values
            )
            out[name] = values.where(raw[column].notna() & (values != ""), None)
    for name in ("departement_code", "region_code"):
        if name in out:
            single = out[name].str.fullmatch(r"\d").fillna(False).astype(bool)
            out[name] = out[name].where(~single, out[name].str.zfill(2))
    return cog


def read_consumption(path: str | Path) -> ConsumptionFile:
    """Read Cerema's commune file (CSV, GeoPackage or shapefile) as published.

    Returns
    -------
    ConsumptionFile
        the communes with their yearly consumption in m² (NaN where a cell is empty), the years
        found in the column names (a year column without a single value is left out and said), the
        COG
        vintage."""
    path = Path(path)
    raw, encoding = _read_raw(path)
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    years = sorted(
        2000 + int(m.group(1))
        for c in raw.columns
        if (m := _YEAR.match(c)) and int(m.group(2)) == int(m.group(1)) + 1
    )
    if "idcom" not in raw.columns or not years:
        raise TerritoryError(
            tr(
                "{path} is not a consumption file: expected the columns idcom and "
                "naf<AA>art<BB> (one per year, e.g. naf11art12), found {found}."
            ).format(path=path.name, found=", ".join(list(raw.columns)[:12]))
        )
    codes = _commune_codes(raw["idcom"])
    out: dict[str, pd.Series] = {}
    cog = _membership(raw, out)
    warnings: list[str] = []
    numbers, empty = _yearly_numbers(raw, years)
    years = [y for y in years if y not in empty]
    if empty:
        warnings.append(
            Note(
                plural(
                    len(empty),
                    tr("The file has no value for the year {years}: left out."),
                    tr("The file has no value for the years {years}: left out."),
                ).format(years=", ".join(map(str, empty)))
            )
        )
    if not years:
        raise TerritoryError(
            tr("{path} has year columns but no value in any of them.").format(path=path.name)
        )
    for column in raw.columns:
        if m := _POP.match(column):
            numbers[f"{m.group(1)}_{2000 + int(m.group(2))}"] = to_number(raw[column])
    surfaces = sorted(int(m.group(1)) for c in raw.columns if (m := _SURF.match(c)))
    if surfaces:
        numbers["surface"] = to_number(raw[f"surfcom{surfaces[-1]}"])
        cog = cog or surfaces[-1]
    del raw
    table = pd.DataFrame({**out, **numbers})
    table.index = pd.Index(codes.to_numpy(), name="commune_code")
    twice = table.index[table.index.duplicated()].unique()
    if len(twice):
        warnings.append(
            Note(
                tr(
                    "{count} communes appear several times in the consumption file; their "
                    "rows are summed: {codes}."
                ).format(count=len(twice), codes=", ".join(twice[:30]))
            )
        )
        table = _sum_duplicates(table)
    return ConsumptionFile(table, years, str(path), encoding, cog, warnings, empty)


def _read_raw(path: Path) -> tuple[pd.DataFrame, str]:
    """The file's table as text, and its encoding; TerritoryError when absent or unreadable."""
    if not path.is_file():
        raise TerritoryError(
            tr(
                "The consumption file {path} does not exist. Expected Cerema's commune "
                "file (CSV, GeoPackage or shapefile)."
            ).format(path=path)
        )
    try:
        if path.suffix.lower() in (".csv", ".txt"):
            return _parse_consumption(path.read_bytes())
        return _parse_consumption(_ogr_csv(path))
    except (OSError, UnicodeError, pd.errors.ParserError) as error:
        raise TerritoryError(
            tr("The consumption file {path} cannot be read: {error}.").format(
                path=path, error=error
            )
        ) from None


def _yearly_numbers(raw: pd.DataFrame, years: list[int]) -> tuple[dict[str, pd.Series], list[int]]:
    """``conso_<year>`` and ``conso_<year>_<destination>`` in m² (NaN where a cell is empty), and
    the years without a single value (left out)."""
    empty: list[int] = []
    numbers: dict[str, pd.Series] = {}
    for year in years:
        values = to_number(raw[f"naf{year % 100:02d}art{(year + 1) % 100:02d}"])
        if values.isna().all():
            empty.append(year)
            continue
        numbers[f"conso_{year}"] = values
        for token, suffix in DESTINATIONS.items():
            column = f"art{year % 100:02d}{token}{(year + 1) % 100:02d}"
            if column in raw.columns:
                numbers[f"conso_{year}_{suffix}"] = to_number(raw[column])
    return numbers, empty


def _sum_duplicates(table: pd.DataFrame) -> pd.DataFrame:
    numeric = [c for c in table.columns if table[c].dtype.kind == "f"]
    text = [c for c in table.columns if c not in numeric]
    summed = table[numeric].groupby(level=0, sort=False).sum(min_count=1)
    first = table[text].groupby(level=0, sort=False).first()
    return pd.concat([first, summed], axis=1)[list(table.columns)]


# ------------------------------------------------------------------------- table de passage


@dataclass
class Passage:
    """Old commune code → new commune code(s) between two COG vintages (INSEE's table de passage),
    with an optional weight per pair (a share or an area of the new commune)."""

    pairs: pd.DataFrame  # columns: old, new, weight (NaN when the table gives none)
    source: str = ""


def read_passage(path: str | Path) -> Passage:
    """INSEE's table de passage (CSV, any separator, UTF-8 or Latin-1): the old code is the
    column ``CODGEO_<older year>`` (or ``ancien``/``code_ancien``/``old``), the new one
    ``CODGEO_<newer year>`` (or ``nouveau``/``code_nouveau``/``new``); an optional ``part``,
    ``poids`` or ``surface`` column weighs a split.

    Returns
    -------
    Passage"""
    path = Path(path)
    if not path.is_file():
        raise TerritoryError(tr("The table de passage {path} does not exist.").format(path=path))
    if path.suffix.lower() in (".csv", ".txt"):
        raw, _ = _read_text_table(path)
    else:
        raw = _read_ogr_table(path)
    lower = {str(c).strip().lower(): c for c in raw.columns}
    dated = sorted(
        (int(m.group(1)), c) for k, c in lower.items() if (m := re.match(r"^codgeo_?(\d{4})$", k))
    )
    old = next(
        (lower[k] for k in ("ancien", "code_ancien", "old", "codgeo_ini") if k in lower),
        dated[0][1] if len(dated) >= 2 else None,
    )
    new = next(
        (lower[k] for k in ("nouveau", "code_nouveau", "new") if k in lower),
        dated[-1][1] if len(dated) >= 2 else None,
    )
    if old is None or new is None or old == new:
        raise TerritoryError(
            tr(
                "The table de passage has columns {found}. Expected two code columns "
                "CODGEO_<year> (or ancien and nouveau), optional part or surface."
            ).format(found=", ".join(map(str, raw.columns)))
        )
    weight = next((lower[k] for k in ("part", "poids", "surface", "weight") if k in lower), None)
    pairs = pd.DataFrame({"old": _commune_codes(raw[old]), "new": _commune_codes(raw[new])})
    pairs["weight"] = to_number(raw[weight]) if weight is not None else np.nan
    pairs = pairs[(pairs["old"] != "") & (pairs["new"] != "")].drop_duplicates(["old", "new"])
    return Passage(pairs.reset_index(drop=True), str(path))


def apply_passage(
    cfile: ConsumptionFile, passage: Passage, areas: dict[str, float] | None = None
) -> tuple[ConsumptionFile, list[str]]:
    """The file's communes converted to the new codes: rows of merged communes summed, a split
    commune's numbers shared among the new communes by area (the table's weight, else the areas
    given, else equal shares, said).

    Returns
    -------
    (ConsumptionFile, notes): the converted file and what the conversion did (merges, splits,
    weights)."""
    pairs = passage.pairs[
        passage.pairs["old"].isin(cfile.table.index)
        & (passage.pairs["old"] != passage.pairs["new"])
    ].copy()
    notes: list[str] = []
    if pairs.empty:
        return cfile, [tr("Table de passage: no commune of the file changed code.")]
    areas = areas or {}
    pairs["share"] = np.nan
    equal: list[str] = []
    for old, group in pairs.groupby("old", sort=True):
        if len(group) == 1:
            pairs.loc[group.index, "share"] = 1.0
            continue
        weights = group["weight"]
        if weights.isna().any():
            weights = group["new"].map(areas).astype(float)
        if weights.isna().any() or weights.sum() <= 0:
            weights = pd.Series(1.0, index=group.index)
            equal.append(old)
        pairs.loc[group.index, "share"] = weights / weights.sum()
    table = cfile.table
    numeric = [c for c in table.columns if table[c].dtype.kind == "f"]
    moved = table.loc[pairs["old"]]
    moved_numbers = moved[numeric].mul(pairs["share"].to_numpy(), axis=0)
    moved_numbers.index = pd.Index(pairs["new"].to_numpy(), name="commune_code")
    text = moved.drop(columns=numeric)
    text.index = moved_numbers.index
    if "nom" in text.columns:
        text["nom"] = None
    kept = table.drop(index=pairs["old"].unique())
    merged = pd.concat([kept, pd.concat([text, moved_numbers], axis=1)[list(table.columns)]])
    converted = _sum_duplicates(merged)
    notes += _passage_notes(pairs, kept, equal, Path(passage.source).name)
    result = ConsumptionFile(
        converted,
        cfile.years,
        cfile.source,
        cfile.encoding,
        cfile.cog,
        cfile.warnings + notes,
        cfile.empty_years,
    )
    return result, notes


def _passage_notes(pairs: pd.DataFrame, kept: pd.DataFrame, equal: list[str], source: str) -> list:
    """What the table de passage did (``pairs``: old, new), as information: the codes converted,
    the merged communes (rows summed, ``kept``: the rows not converted), the split ones (shared by
    area, or equally for those in ``equal``)."""
    merges = pairs.groupby("new")["old"].apply(list)
    merges = merges[merges.map(len) + merges.index.isin(kept.index).astype(int) > 1]
    splits = pairs.groupby("old")["new"].apply(list)
    splits = splits[splits.map(len) > 1]
    renamed = len(pairs) - sum(len(v) for v in splits)
    notes = [
        Note(
            plural(
                renamed + len(splits),
                tr("Table de passage ({source}): {count} commune code of the file converted."),
                tr("Table de passage ({source}): {count} commune codes of the file converted."),
            ).format(source=source, count=renamed + len(splits))
        )
    ]
    for new, olds in merges.items():
        notes.append(
            Note(
                tr("Merged commune {new}: the rows of {olds} are summed.").format(
                    new=new, olds=", ".join(sorted(olds) + ([new] if new in kept.index else []))
                )
            )
        )
    for old, news in splits.items():
        how = tr("equal shares (no area known)") if old in equal else tr("shares of area")
        notes.append(
            Note(
                tr("Split commune {old}: its numbers are shared among {news} by {how}.").format(
                    old=old, news=", ".join(news), how=how
                )
            )
        )
    return notes


# ------------------------------------------------------------------------- territorialisation


def read_rates(path: str | Path) -> dict[str, float]:
    """The territorialisation table: territory code → reduction rate, as a fraction (CSV with a
    code column and a rate column, ``taux``/``rate``/``reduction``; « 54 », « 54 % » and « 0,54 »
    all read as 54 %: a value above 1 or with « % » is a percentage)."""
    path = Path(path)
    if not path.is_file():
        raise TerritoryError(
            tr("The territorialisation table {path} does not exist.").format(path=path)
        )
    raw, _ = _read_text_table(path)
    lower = {str(c).strip().lower(): c for c in raw.columns}
    code = next(
        (
            lower[k]
            for k in lower
            if k in ("code", "territoire", "territoire_code", "code_territoire")
            or k.endswith("_code")
        ),
        None,
    )
    rate = next(
        (
            lower[k]
            for k in lower
            if k.startswith("taux") or k in ("rate", "reduction", "taux_reduction")
        ),
        None,
    )
    if code is None or rate is None:
        raise TerritoryError(
            tr(
                "The territorialisation table has columns {found}. Expected code and "
                "taux (reduction rate, e.g. 54 or 54 % or 0.54)."
            ).format(found=", ".join(map(str, raw.columns)))
        )
    text = raw[rate].astype(str)
    percent = text.str.contains("%")
    values = to_number(text.str.replace("%", "", regex=False).rename(rate))
    values = values.where(~(percent | (values > 1)), values / 100.0)
    bad = values.isna() | (values < 0) | (values > 1)
    if bad.any():
        raise TerritoryError(
            tr("The territorialisation table has rates outside 0–100 %: {codes}.").format(
                codes=", ".join(raw[code][bad].astype(str)[:10])
            )
        )
    return dict(zip(raw[code].astype(str).str.strip(), values.astype(float)))


def read_zones(path: str | Path) -> pd.DataFrame | None:
    """The user's zones (a zone = a set of communes) from a membership table's columns
    ``zone_code`` and ``zone_nom`` (optional), or None when it has no ``zone_code``.

    Returns
    -------
    DataFrame indexed by commune code, columns zone_code and zone_nom; a commune listed twice
    keeps its first zone."""
    raw, _ = _read_text_table(Path(path))
    lower = {str(c).strip().lower(): c for c in raw.columns}
    code = next(
        (lower[k] for k in ("commune_code", "idcom", "code_commune", "insee_com") if k in lower),
        None,
    )
    if "zone_code" not in lower or code is None:
        return None
    zones = pd.DataFrame({"zone_code": raw[lower["zone_code"]].astype(str).str.strip()})
    zones["zone_nom"] = (
        raw[lower["zone_nom"]].astype(str).str.strip() if "zone_nom" in lower else None
    )
    zones.index = pd.Index(_commune_codes(raw[code]).to_numpy(), name="commune_code")
    zones = zones[
        raw[lower["zone_code"]].notna().to_numpy() & (zones["zone_code"] != "").to_numpy()
    ]
    return zones[~zones.index.duplicated()]
