"""A correspondence table: the codes of a land-cover nomenclature other than OCS GE's (a regional
base, Corine Land Cover) → artificialisé / non artificialisé / indéterminé, and imperméable / non /
indéterminé. It lets a regional base give the same tables as OCS GE.

The file, as a CRIGE maintains it (CSV, ``;`` or ``,``, UTF-8 or Latin-1)::

    # nom: MOS 2021 niveau 2
    # source: https://… (the document that states the correspondence)
    code;libelle;artificialise;impermeable
    1.1;Habitat;oui;indetermine
    2.1;Terres arables;non;non

Columns ``code``, ``artificialise``, ``impermeable`` (any case, accents or not), ``libelle``
optional; values ``oui`` / ``non`` / ``indetermine`` (any case, accents or not; an empty cell is
``indetermine``). Lines starting with ``#`` before the header may give ``nom`` and ``source``;
without ``nom``, the file's name (stem) names the correspondence.

A :class:`Correspondence` is a text (``correspondance:<nom>``) that carries its table: it is given
where a *convention* is (``rules.resolve`` reads the code through it, ignoring the usage), so the
correspondence's name is written wherever a convention is (REPORT, the outputs' metadata, the
tables' ``convention`` column). A code the table does not map, like an ``indetermine`` one, is
indéterminé: counted apart, never as non artificialisé.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import OcsgeError
from ..core.i18n import tr

__all__ = [
    "PREFIX",
    "Correspondence",
    "CorrespondenceError",
    "Entry",
    "code_key",
    "read_correspondence",
]

#: The text of a correspondence starts with this (``correspondance:MOS 2021 niveau 2``).
PREFIX = "correspondance:"

_YES = ("oui", "o", "yes", "y", "true", "vrai", "1", "artificialise", "impermeable")
_NO = ("non", "n", "no", "false", "faux", "0", "non artificialise", "non impermeable")
_UNDETERMINED = ("indetermine", "inconnu", "?", "", "nc")
_COLUMNS = {"code": "code", "artificialise": "artif", "impermeable": "imper", "libelle": "libelle"}
_MAX_PROBLEMS = 10


class CorrespondenceError(OcsgeError):
    """A correspondence table that cannot be read (the message names the line and column)."""


@dataclass(frozen=True)
class Entry:
    """What the table says of one code: artificialisé and imperméable (True / False / None for
    indéterminé), its label, its line in the file."""

    artif: bool | None
    imper: bool | None
    libelle: str = ""
    line: int = 0


def _plain(text: str) -> str:
    """Lower case, no accents, no surrounding blanks: « Imperméable » → « impermeable »."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def code_key(value: object) -> str | None:
    """A code as the table and the layer are compared: text, blanks trimmed, upper case; a whole
    number written as a decimal (``112.0``, a numeric field) as the integer; None when empty."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().upper()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text or None


class Correspondence(str):
    """A correspondence table, its text ``correspondance:<name>`` (see the module's help)."""

    name: str
    source: str  # the document the file cites (its « # source: » line), or ""
    path: str
    entries: dict[str, Entry]
    field: str  # the layers' field holding the code ("" until ``for_field``)

    def __new__(
        cls, name: str, entries: dict[str, Entry], source: str = "", path: str = ""
    ) -> Correspondence:
        self = super().__new__(cls, PREFIX + name)
        self.name, self.source, self.path, self.entries = name, source, path, dict(entries)
        self.field = ""
        return self

    def __getnewargs__(self) -> tuple:  # copy, deepcopy and pickle make it again
        return (self.name, self.entries, self.source, self.path)

    def for_field(self, field: str) -> Correspondence:
        """The same table, reading the code in the layers' field ``field``."""
        copy = Correspondence(self.name, self.entries, self.source, self.path)
        copy.field = field
        return copy

    def code_fields(self, names: list[str]) -> dict[str, str] | None:
        """The layer's code field (``field``, any case) as both ``code_cs`` and ``code_us``, the
        names every reader of a stock layer asks for (the usage is not read through a table);
        None when the layer has no such field."""
        found = next((name for name in names if name.lower() == self.field.lower()), None)
        return {"code_cs": found, "code_us": found} if self.field and found else None

    def statuses(self, code: object) -> tuple[bool | None, bool | None]:
        """(imperméable, artificialisé) of a code of the layer; (None, None) when not mapped."""
        entry = self.entries.get(code_key(code) or "")
        return (entry.imper, entry.artif) if entry is not None else (None, None)

    def is_mapped(self, code: object) -> bool:
        """Whether the table lists ``code`` (whatever it says of it)."""
        return (code_key(code) or "") in self.entries

    def label(self, code: object) -> str:
        entry = self.entries.get(code_key(code) or "")
        return entry.libelle if entry is not None else ""

    def describe(self) -> dict:
        """What the REPORT says of the table: name, source, file, codes by answer."""
        counts = {"artificialise": 0, "non_artificialise": 0, "indetermine": 0}
        for entry in self.entries.values():
            key = {True: "artificialise", False: "non_artificialise"}.get(entry.artif)
            counts[key or "indetermine"] += 1
        return {
            "nom": self.name,
            "source": self.source,
            "fichier": self.path,
            "champ": self.field,
            "codes": counts,
        }


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _status(value: str) -> bool | None | str:
    """oui → True, non → False, indetermine (or empty) → None; else the text (an error)."""
    plain = _plain(value).replace("_", " ").replace("-", " ")
    if plain in _YES:
        return True
    if plain in _NO:
        return False
    if plain in _UNDETERMINED:
        return None
    return value


def _split_header(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """The ``# key: value`` lines before the table, and the table's lines."""
    meta: dict[str, str] = {}
    rest = list(lines)
    while rest and (rest[0].lstrip().startswith("#") or not rest[0].strip()):
        text = rest.pop(0).strip().lstrip("#").strip()
        key, sep, value = text.partition(":")
        if sep and _plain(key) in ("nom", "name", "source"):
            meta[{"name": "nom"}.get(_plain(key), _plain(key))] = value.strip()
    return meta, rest


def read_correspondence(path: str | Path) -> Correspondence:
    """The correspondence table of the CSV file ``path``. Raises CorrespondenceError naming the
    missing columns, or each wrong line (value, empty code, code listed twice), nothing guessed."""
    path = Path(path)
    try:
        text = _decode(path.read_bytes())
    except OSError as error:
        raise CorrespondenceError(
            tr("The correspondence table {path} cannot be read: {error}").format(
                path=path, error=error
            )
        ) from None
    meta, lines = _split_header(text.splitlines())
    if not lines:
        raise CorrespondenceError(
            tr("The correspondence table {path} is empty.").format(path=path.name)
        )
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    skipped = len(text.splitlines()) - len(lines)
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    columns = _columns(rows[0], path)
    entries: dict[str, Entry] = {}
    problems: list[str] = []
    for number, row in enumerate(rows[1:], start=skipped + 2):
        if not any(cell.strip() for cell in row):
            continue
        _add_row(row, columns, number, entries, problems)
    if problems:
        shown = problems[:_MAX_PROBLEMS] + (["…"] if len(problems) > _MAX_PROBLEMS else [])
        raise CorrespondenceError(
            tr("The correspondence table {path} has {count} problem(s):\n{problems}").format(
                path=path.name, count=len(problems), problems="\n".join(shown)
            )
        )
    if not entries:
        raise CorrespondenceError(
            tr("The correspondence table {path} maps no code.").format(path=path.name)
        )
    return Correspondence(meta.get("nom") or path.stem, entries, meta.get("source", ""), str(path))


def _columns(header: list[str], path: Path) -> dict[str, int]:
    """Our name (code, artif, imper, libelle) → position in the header; CorrespondenceError when a
    required one is missing."""
    found = {}
    for position, name in enumerate(header):
        ours = _COLUMNS.get(_plain(name))
        if ours and ours not in found:
            found[ours] = position
    missing = [name for name, ours in _COLUMNS.items() if ours not in found and ours != "libelle"]
    if missing:
        raise CorrespondenceError(
            tr(
                "The correspondence table {path} has no column {missing} (found: {found}). "
                "Expected the columns code, artificialise, impermeable (libelle optional)."
            ).format(path=path.name, missing=", ".join(missing), found=", ".join(header) or "—")
        )
    return found


def _add_row(
    row: list[str], columns: dict[str, int], number: int, entries: dict, problems: list
) -> None:
    """One line of the table into ``entries``, or its problems into ``problems``."""

    def cell(name: str) -> str:
        position = columns.get(name)
        return row[position].strip() if position is not None and position < len(row) else ""

    code = code_key(cell("code"))
    if code is None:
        problems.append(tr("line {line}: no code.").format(line=number))
        return
    answers = {}
    for name, column in (("artif", "artificialise"), ("imper", "impermeable")):
        answer = _status(cell(name))
        if isinstance(answer, str):
            problems.append(
                tr(
                    "line {line}, column {column}: “{value}” (code {code}); expected oui, non "
                    "or indetermine."
                ).format(line=number, column=column, value=answer, code=code)
            )
            return
        answers[name] = answer
    if code in entries:
        problems.append(
            tr("line {line}: code {code} already given line {first}.").format(
                line=number, code=code, first=entries[code].line
            )
        )
        return
    entries[code] = Entry(answers["artif"], answers["imper"], cell("libelle"), number)
