"""Communes and their memberships as planners have them: the one place that recognises their
columns, reads a membership table and checks commune codes (docs/domain.md §4, docs/guide.md «
Vos données »).

Shapes recognised, upper or lower case:

- the plugin's own CSV: ``commune_code, nom, epci_code, epci_nom, departement_code, region_code``
  (``epci_nature``, ``scot_code``, ``scot_nom``, ``population`` optional);
- INSEE's *table d'appartenance géographique des communes*: ``CODGEO, LIBGEO, DEP, REG, EPCI,
  NATURE_EPCI…``, as XLSX as INSEE publishes it (title rows before the header; the EPCI names taken
  from its sheet of supra-communal zones, ``NIVGEO, CODGEO, LIBGEO``) or as CSV;
- an ADMIN EXPRESS ``COMMUNE`` layer (COG or not): ``INSEE_COM, NOM, SIREN_EPCI, INSEE_DEP,
  INSEE_REG`` (older editions ``NOM_COM``, ``CODE_EPCI``).

``read_membership(path) -> Membership`` (CSV, XLSX, ODS, or a ZIP holding one of them),
``Membership.from_table(df)``, ``commune_fields(names, code_field, name_field) -> CommuneFields`` (a
commune layer's fields), ``check_commune_codes(codes, field, membership)`` (the run stops on codes
that are not INSEE codes or do not meet the membership table's).
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from osgeo import gdal

from ..core.errors import TerritoryError
from ..core.i18n import plural, tr
from ..domain.nomenclature import departements

gdal.UseExceptions()

__all__ = [
    "CommuneFields",
    "MIN_INSEE_SHARE",
    "MIN_MATCHED_SHARE",
    "Membership",
    "SPELLINGS",
    "check_commune_codes",
    "commune_fields",
    "decode_text",
    "departement_of_commune",
    "is_insee_code",
    "read_membership",
    "recognise",
    "territory_choices",
    "MEMBERSHIP_KEYS",
    "EPT_CODES",
    "HEADER_ROWS",
]

# Canonical column → its spellings (lower case), most specific first.
SPELLINGS: dict[str, tuple[str, ...]] = {
    "commune_code": (
        "commune_code",
        "codgeo",
        "insee_com",
        "code_insee",
        "code_commune",
        "insee_commune",
    ),
    "nom": ("nom", "libgeo", "nom_com", "nom_commune", "libelle_commune"),
    "epci_code": ("epci_code", "siren_epci", "epci", "code_epci", "siren_epci_com"),
    "epci_nom": ("epci_nom", "libepci", "nom_epci", "lib_epci"),
    "epci_nature": ("epci_nature", "nature_epci"),
    "departement_code": ("departement_code", "insee_dep", "dep", "code_dep", "code_departement"),
    "region_code": ("region_code", "insee_reg", "reg", "code_reg", "code_region"),
    "scot_code": ("scot_code",),
    "scot_nom": ("scot_nom",),
}
MEMBERSHIP_KEYS = ("epci_code", "departement_code", "region_code", "scot_code")
# Which spelling of the commune code tells which shape (for the log).
_SHAPE_OF_CODE = {"commune_code": "plugin", "codgeo": "insee", "insee_com": "admin_express"}
# Values meaning "none": INSEE's ZZZZZZZZZ (commune in no EPCI), ADMIN EXPRESS's NC.
_NONE_VALUES = {"", "nan", "none", "null", "zzzzzzzzz", "zz", "nc"}
# Établissements publics territoriaux of the Métropole du Grand Paris (not EPCI à fiscalité propre):
# ADMIN EXPRESS gives both codes ("200054781/200057974"); the Métropole is kept.
EPT_CODES = frozenset(
    {
        "200057966",
        "200057974",
        "200057982",
        "200057990",
        "200057867",
        "200058097",
        "200057875",
        "200058790",
        "200057941",
        "200058006",
        "200058014",
    }
)
_INSEE = re.compile(r"^(?:\d{2}|2[AB])\d{3}$")  # 97x + 2 digits is 2 digits + 3 digits
MIN_INSEE_SHARE = (
    0.5  # under this share of INSEE-shaped codes, the code field is not a commune code
)
# under this share of codes found in the membership table (of the smaller side), they do not meet
MIN_MATCHED_SHARE = 0.5
HEADER_ROWS = 30  # rows searched for the header (INSEE's files have 4 or 5 title rows)


def is_insee_code(code: object) -> bool:
    """Whether ``code`` looks like an INSEE commune code: 5 characters, 2 digits (or 2A, 2B) then 3
    digits; the overseas 97x + 2 digits included."""
    return isinstance(code, str) and bool(_INSEE.match(code))


def departement_of_commune(code: str) -> str | None:
    """The département of an INSEE commune code ('90010' → '90', '97411' → '974', '2A004' →
    '2A'); None for what is not one."""
    code = (code or "").strip().upper()
    if not is_insee_code(code):
        return None
    return code[:3] if code.startswith("97") else code[:2]


def decode_text(data: bytes) -> str:
    """The text of a CSV file as spreadsheets and GIS tools write them in France: UTF-8 (with or
    without BOM), else Windows-1252, else Latin-1 (which reads any byte)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def recognise(
    columns: Iterable[object], wanted: Iterable[str] = tuple(SPELLINGS)
) -> dict[str, str]:
    """Canonical name → the column of ``columns`` that holds it (first spelling found, any case).

    Returns
    -------
    dict
        Only the canonical names found; a column is used once."""
    by_lower: dict[str, str] = {}
    for column in columns:
        if column is not None and str(column).strip():
            by_lower.setdefault(str(column).strip().lower(), str(column))
    found: dict[str, str] = {}
    for name in wanted:
        for spelling in SPELLINGS[name]:
            column = by_lower.get(spelling)
            if column is not None and column not in found.values():
                found[name] = column
                break
    return found


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]  # a number cell read as text
    return None if text.lower() in _NONE_VALUES else text


def _commune_code(value: object) -> str | None:
    code = _text(value)
    if code is None:
        return None
    code = code.upper()
    return (
        code.zfill(5) if code.isdigit() and len(code) == 4 else code
    )  # a leading zero lost by a spreadsheet


def _epci_code(value: object) -> str | None:
    parts = [p for p in (_text(part) for part in str(value or "").split("/")) if p]
    kept = [p for p in parts if p not in EPT_CODES] or parts
    return kept[0] if kept else None


def _departement(value: object) -> str | None:
    code = _text(value)
    if code is None:
        return None
    code = code.upper()
    return code.zfill(2) if code.isdigit() and len(code) < 2 else code


def _region(value: object) -> str | None:
    code = _text(value)
    return None if code is None else code.zfill(2)


_NORMALISE = {"epci_code": _epci_code, "departement_code": _departement, "region_code": _region}


@dataclass
class Membership:
    """Commune → EPCI, SCoT, département, région.

    ``table`` is indexed by ``commune_code`` with the columns found among ``nom, epci_code,
    epci_nom, epci_nature, departement_code, region_code, scot_code, scot_nom`` (text or None);
    ``columns`` says which column of the source gave each (canonical → source column), ``shape``
    which shape it was read as (``plugin``, ``insee``, ``admin_express`` or ``fields``)."""

    table: pd.DataFrame
    source: str = ""
    warnings: list[str] = field(
        default_factory=list
    )  # what reading the table noticed (duplicate communes…)
    columns: dict[str, str] = field(default_factory=dict)
    shape: str = "plugin"

    @property
    def code_column(self) -> str:
        """The source's column of commune codes."""
        return self.columns.get("commune_code", "commune_code")

    def description(self) -> str:
        """One line for the log: the source, its shape, the columns used and the number of
        communes."""
        shapes = {
            "plugin": tr("the plugin's membership table"),
            "insee": tr("INSEE's table d'appartenance géographique des communes"),
            "admin_express": tr("ADMIN EXPRESS communes"),
            "fields": tr("membership fields of the commune layer"),
        }
        used = ", ".join(
            column if column == name else f"{column} → {name}"
            for name, column in self.columns.items()
        )
        return tr(
            "Membership: {source} read as {shape} ({count} communes); columns used: {columns}."
        ).format(
            source=self.source or "-",
            shape=shapes.get(self.shape, self.shape),
            count=len(self.table),
            columns=used,
        )

    @classmethod
    def from_csv(cls, path: str | Path) -> Membership:
        """The table in ``path`` (any shape, CSV or spreadsheet): ``read_membership``."""
        return read_membership(path)

    @classmethod
    def from_table(cls, df: pd.DataFrame, source: str = "", shape: str | None = None) -> Membership:
        """A membership table from a data frame of one of the recognised shapes."""
        columns = recognise(df.columns)
        if not _is_membership(columns):
            raise TerritoryError(
                tr(
                    "The membership table has columns {found}. Expected the plugin's "
                    "(commune_code, nom, epci_code, epci_nom, "
                    "departement_code, region_code), INSEE's table d'appartenance "
                    "(CODGEO, LIBGEO, DEP, REG, EPCI, NATURE_EPCI) "
                    "or ADMIN EXPRESS's (INSEE_COM, NOM, SIREN_EPCI, INSEE_DEP, INSEE_REG)."
                ).format(found=", ".join(map(str, df.columns)))
            )
        if shape is None:
            shape = _SHAPE_OF_CODE.get(columns["commune_code"].lower(), "plugin")
        out = pd.DataFrame(
            {"commune_code": [_commune_code(v) for v in df[columns["commune_code"]]]},
            index=df.index,
        )
        for name, column in columns.items():
            if name != "commune_code":
                out[name] = [_NORMALISE.get(name, _text)(v) for v in df[column]]
        out = out[out["commune_code"].notna()]
        warnings = _duplicates(out)
        out = out.drop_duplicates("commune_code").set_index("commune_code")
        return cls(out, source, warnings, columns, shape)

    @classmethod
    def from_rows(cls, communes: pd.DataFrame) -> Membership | None:
        """Membership read from the commune rows' own membership columns (``epci_code`` or
        ``SIREN_EPCI``, ``INSEE_DEP``…, as ocsge:aggregate keeps them), when present; ``code`` is
        the commune code."""
        wanted = [name for name in SPELLINGS if name not in ("commune_code", "nom")]
        columns = recognise([c for c in communes.columns if c not in ("code", "nom")], wanted)
        if not columns:
            return None
        df = communes[["code"] + list(columns.values())].drop_duplicates("code")
        df = df.rename(
            columns={"code": "commune_code", **{column: name for name, column in columns.items()}}
        )
        membership = cls.from_table(
            df.astype(object).where(df.notna(), None), tr("commune layer fields"), "fields"
        )
        membership.columns = {"commune_code": "code", **columns}
        return membership


def _duplicates(out: pd.DataFrame) -> list[str]:
    """The note on communes listed twice with different EPCI (the first row is used)."""
    if "epci_code" not in out.columns:
        return []
    pairs = out.dropna(subset=["epci_code"]).drop_duplicates(["commune_code", "epci_code"])
    twice = pairs[pairs.duplicated("commune_code", keep=False)]
    if not len(twice):
        return []
    listed = [
        f"{code} ({', '.join(group['epci_code'])})"
        for code, group in twice.groupby("commune_code", sort=True)
    ]
    return [
        tr(
            "{count} communes appear several times in the membership table with "
            "different EPCI; the first row is used: {communes}."
        ).format(
            count=len(listed), communes="; ".join(listed[:30]) + (" …" if len(listed) > 30 else "")
        )
    ]


# ------------------------------------------------------------------------------------- reading


def read_membership(path: str | Path) -> Membership:
    """The membership table in ``path``: CSV (any usual encoding and separator), XLSX or ODS (the
    sheet of communes, title rows before the header skipped), or a ZIP holding one of them.

    Returns
    -------
    Membership
        Raises ``TerritoryError`` (translated) when the file is absent, unreadable or of no known
        shape."""
    path = Path(path)
    if not path.is_file():
        raise TerritoryError(
            tr(
                "The membership table {path} does not exist. Expected a CSV like "
                "appartenance-communes-90.csv or INSEE's table d'appartenance (XLSX)."
            ).format(path=path)
        )
    try:
        sheets = _sheets(path)
    except (OSError, RuntimeError, zipfile.BadZipFile, csv.Error) as error:
        raise TerritoryError(
            tr("The membership table {path} cannot be read: {error}.").format(
                path=path, error=getattr(error, "strerror", None) or error
            )
        ) from None
    tables = [(name, _from_rows(rows)) for name, rows in sheets]
    found = [
        (name, df)
        for name, df in tables
        if df is not None and _is_membership(recognise(df.columns))
    ]
    if not found:
        first = next((df for _, df in tables if df is not None), None)
        columns = (
            list(first.columns)
            if first is not None
            else (sheets[0][1][0] if sheets and sheets[0][1] else [])
        )
        return Membership.from_table(
            pd.DataFrame(columns=[str(c) for c in columns if c is not None]), str(path)
        )
    name, df = next(((n, d) for n, d in found if n.upper() == "COM"), found[0])
    membership = Membership.from_table(df, str(path) + (f" ({name})" if len(sheets) > 1 else ""))
    _add_epci_names(membership, tables)
    return membership


def _is_membership(columns: dict[str, str]) -> bool:
    """Whether recognised ``columns`` make a membership table: commune codes and a membership
    code."""
    return "commune_code" in columns and any(key in columns for key in MEMBERSHIP_KEYS)


def _sheets(path: Path) -> list[tuple[str, list[list[str | None]]]]:
    """The sheets of a spreadsheet (or the one table of a CSV) as rows of text cells."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            inner = [
                n
                for n in archive.namelist()
                if n.lower().endswith((".xlsx", ".ods", ".csv", ".txt"))
            ]
            if not inner:
                raise RuntimeError(tr("no .xlsx, .ods or .csv file inside"))
            member = inner[0]
            if member.lower().endswith((".csv", ".txt")):
                return [(member, _csv_rows(decode_text(archive.read(member))))]
            with tempfile.TemporaryDirectory(
                prefix="ocsge-appartenance-"
            ) as folder:  # GDAL's XLSX driver opens no zip in a zip
                inside = Path(folder) / f"table{Path(member).suffix.lower()}"
                inside.write_bytes(archive.read(member))
                return _spreadsheet(str(inside), inside.suffix)
    if suffix in (".xlsx", ".xlsm", ".ods"):
        return _spreadsheet(str(path), suffix)
    if suffix == ".xls":
        raise RuntimeError(tr("the old Excel format .xls is not read; save it as .xlsx or .csv"))
    return [(path.name, _csv_rows(decode_text(path.read_bytes())))]


def _csv_rows(text: str) -> list[list[str | None]]:
    """The rows of a CSV text, split by the separator that makes a header of commune codes appear
    (title rows above it would fool a sniffer), else by the sniffed one."""
    head = text.splitlines()[:HEADER_ROWS]
    for delimiter in (";", ",", "\t"):
        if (
            _header_index(list(csv.reader(head, delimiter=delimiter)), ("commune_code",))
            is not None
        ):
            return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    try:
        dialect = csv.Sniffer().sniff("\n".join(head)[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text, newline=""), dialect=dialect))


def _spreadsheet(name: str, suffix: str) -> list[tuple[str, list[list[str | None]]]]:
    """Every sheet through GDAL's XLSX / ODS driver, headers not guessed, every cell as text."""
    driver = "ODS" if suffix == ".ods" else "XLSX"
    dataset = gdal.OpenEx(
        name,
        gdal.OF_VECTOR,
        allowed_drivers=[driver],
        open_options=["HEADERS=DISABLE", "FIELD_TYPES=STRING"],
    )
    if dataset is None:
        raise RuntimeError(tr("not a spreadsheet GDAL can open"))
    sheets = []
    for index in range(dataset.GetLayerCount()):
        layer = dataset.GetLayer(index)
        count = layer.GetLayerDefn().GetFieldCount()
        sheets.append(
            (layer.GetName(), [[feature.GetField(i) for i in range(count)] for feature in layer])
        )
    return sheets


def _header_index(rows: Sequence[Sequence[str | None]], keys: Sequence[str]) -> int | None:
    """The first row (of the first ``HEADER_ROWS``) whose cells name all of ``keys``."""
    for index, row in enumerate(rows[:HEADER_ROWS]):
        found = recognise(row)
        if all(key in found for key in keys):
            return index
    return None


def _from_rows(rows: list[list[str | None]]) -> pd.DataFrame | None:
    """The table under the header row (title rows above it skipped, empty rows dropped), or None
    when no row names a commune code."""
    at = _header_index(rows, ("commune_code",))
    if at is None:
        return None
    header = [
        str(c).strip() if c is not None and str(c).strip() else f"_{i}"
        for i, c in enumerate(rows[at])
    ]
    body = [
        list(row[: len(header)]) + [None] * (len(header) - len(row))
        for row in rows[at + 1 :]
        if any(_text(c) for c in row)
    ]
    return pd.DataFrame(body, columns=header, dtype=object)


def _add_epci_names(membership: Membership, tables: list[tuple[str, pd.DataFrame | None]]) -> None:
    """EPCI names from INSEE's sheet of supra-communal zones (NIVGEO = EPCI, CODGEO, LIBGEO) when
    the table of communes has codes but no names."""
    table = membership.table
    if "epci_code" not in table.columns or "epci_nom" in table.columns:
        return
    for name, df in tables:
        if df is None:
            continue
        lower = {str(c).strip().lower(): c for c in df.columns}
        if not {"nivgeo", "codgeo", "libgeo"} <= set(lower):
            continue
        epci = df[df[lower["nivgeo"]].map(lambda v: (_text(v) or "").upper() == "EPCI")]
        names = {
            _text(c): _text(n)
            for c, n in zip(epci[lower["codgeo"]], epci[lower["libgeo"]])
            if _text(c)
        }
        if names:
            table["epci_nom"] = table["epci_code"].map(
                lambda c, names=names: names.get(c) if c else None
            )
            membership.columns["epci_nom"] = f"{lower['libgeo']} ({name})"
            return


# ------------------------------------------------------------------------------ commune layers


@dataclass
class CommuneFields:
    """The fields of a commune layer: the code, the name and the membership fields found.

    ``membership`` maps canonical names (``epci_code``…) to the layer's fields."""

    code: str | None
    name: str | None
    membership: dict[str, str] = field(default_factory=dict)

    def description(self) -> str:
        """One line for the log: the fields used."""
        used = [f"{self.code} → code"] + ([f"{self.name} → nom"] if self.name else [])
        used += [f"{column} → {name}" for name, column in self.membership.items()]
        return tr("Commune layer: fields used {fields}.").format(fields=", ".join(used))


def commune_fields(
    names: Sequence[str], code_field: str | None = None, name_field: str | None = None
) -> CommuneFields:
    """The fields of a commune layer with the field names ``names``: ``code_field`` and
    ``name_field`` when given (a field the layer lacks is left to the reader to refuse, by its
    name), else the recognised ones (``INSEE_COM``, ``CODGEO``, ``commune_code``, then ``code``;
    ``NOM``, ``LIBGEO``, ``nom``…; None when none is found); the membership fields
    (``SIREN_EPCI``, ``INSEE_DEP``, ``INSEE_REG``, ``epci_code``…) other than those two.

    Returns
    -------
    CommuneFields"""
    found = recognise(names)
    code = (
        code_field
        or found.get("commune_code")
        or next((n for n in names if n.lower() == "code"), None)
    )
    name = name_field or found.get("nom")
    used = {code, name}
    membership = {
        key: column
        for key, column in found.items()
        if key not in ("commune_code", "nom") and column not in used
    }
    return CommuneFields(code, name, membership)


def territory_choices(
    level: str, communes: pd.DataFrame, membership: Membership | None = None
) -> list[tuple[str, str]]:
    """(code, name) of the territories of ``level`` (commune, epci, scot, departement) that hold
    the ``communes`` (columns ``code``, ``nom`` and maybe membership columns, as
    ``Membership.from_rows`` reads them), by ``membership`` when given, else by the communes' own
    fields; sorted by name. A name not known is the code itself; none when the level is not
    known (SCoT without scot_code)."""
    codes = [str(c) for c in communes["code"] if c is not None and str(c).strip()]
    if level == "commune":
        names = communes.drop_duplicates("code").set_index("code").get("nom")
        found = {c: (names.get(c) if names is not None else None) or c for c in codes}
        return sorted(found.items(), key=lambda item: (str(item[1]).lower(), item[0]))
    table = membership.table if membership is not None else None
    if table is None:
        own = Membership.from_rows(communes)
        table = own.table if own is not None else pd.DataFrame(index=pd.Index(codes))
    rows = table[table.index.isin(codes)] if table.index.isin(codes).any() else table
    if level == "departement":
        found = {}
        for code in rows.index:
            dep = rows.at[code, "departement_code"] if "departement_code" in rows else None
            dep = dep or departement_of_commune(str(code))
            if dep:
                found[dep] = departements().get(dep, (dep, None))[0]
        return sorted(found.items(), key=lambda item: item[0])
    column, name_column = f"{level}_code", f"{level}_nom"
    if column not in rows:
        return []
    names = rows[name_column] if name_column in rows else [None] * len(rows)
    found = {}
    for code, name in zip(rows[column], names):
        if code:
            found[str(code)] = found.get(str(code)) or name or str(code)
    return sorted(found.items(), key=lambda item: (str(item[1]).lower(), item[0]))


# -------------------------------------------------------------------------------- the code check


def _examples(values: Iterable[str], count: int = 3) -> str:
    return ", ".join(f"« {v} »" for v in list(values)[:count]) or "-"


def check_commune_codes(
    codes: Iterable[object], code_field: str, membership: Membership | None = None
) -> list[str]:
    """Stop when the commune codes of the field ``code_field`` cannot be INSEE codes: fewer than
    ``MIN_MATCHED_SHARE`` of them (or of the table's, whichever are fewer) in ``membership``, or
    fewer than ``MIN_INSEE_SHARE`` shaped as INSEE codes.

    Returns
    -------
    list of str
        The warnings on a few codes that are not INSEE codes (they count in no département); raises
        ``TerritoryError`` (translated, naming the fields and three examples) when the run must
        stop."""
    layer = list(dict.fromkeys(str(c) for c in codes if c is not None))
    if not layer:
        return []
    if membership is not None and len(membership.table):
        table = [str(c) for c in membership.table.index]
        known = set(table)
        matched = sum(1 for c in layer if c in known)
        if matched < MIN_MATCHED_SHARE * min(len(layer), len(table)):
            inside = set(layer)
            raise TerritoryError(
                tr(
                    "The commune codes do not meet the membership table: {matched} of "
                    "the {count} codes of the field « {field} » of the "
                    "commune layer are in the column « {column} » of {source}. Examples "
                    "from the layer: {layer_examples}; from the table: "
                    "{table_examples}. Choose the field holding the INSEE code of the "
                    "commune (5 characters: 90010, 2A004, 97411). Nothing was written."
                ).format(
                    matched=matched,
                    count=len(layer),
                    field=code_field,
                    column=membership.code_column,
                    source=membership.source or "-",
                    layer_examples=_examples(c for c in layer if c not in known),
                    table_examples=_examples(c for c in table if c not in inside),
                )
            )
    odd = [c for c in layer if not is_insee_code(c)]
    if odd and len(odd) > (1 - MIN_INSEE_SHARE) * len(layer):
        raise TerritoryError(
            tr(
                "{count} of the {total} codes of the field « {field} » are not INSEE "
                "commune codes, for example {examples}. Expected 5 "
                "characters: 2 digits (or 2A, 2B) then 3 digits, 97 and 3 digits "
                "overseas (90010, 2A004, 97411). Nothing was written."
            ).format(count=len(odd), total=len(layer), field=code_field, examples=_examples(odd))
        )
    if odd:
        return [
            plural(
                len(odd),
                tr(
                    "{count} code of the field « {field} » is not an INSEE commune code "
                    "(it counts in no département): {codes}."
                ),
                tr(
                    "{count} codes of the field « {field} » are not INSEE commune codes "
                    "(they count in no département): {codes}."
                ),
            ).format(count=len(odd), field=code_field, codes=", ".join(odd[:30]))
        ]
    return []
