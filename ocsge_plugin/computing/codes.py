"""Statuses shared by the cores (classify, flows, territories): attribute values and the décret's
rules.

Statuses are ints: ``YES`` (1), ``NO`` (0), ``UNKNOWN`` (-1, indéterminé: null, unknown or
unreadable value). The rules themselves (imperméabilisation, the couverture × usage matrix) live
in ``rules.py``; the functions here only give their answer as a status.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pandas as pd
from qgis.PyQt.QtCore import QVariant

from ..domain.nomenclature import normalise_code
from ..domain.rules import DEFAULT_CONVENTION, resolve

__all__ = [
    "is_null",
    "plain_value",
    "parse_bool",
    "parse_ign_artif",
    "parse_ign_artif_or_bool",
    "pair_status",
    "factorize",
    "lookup_values",
    "lookup_imper",
    "lookup_artif",
    "lookup_statuses",
    "parse_sign",
    "flow_sign",
    "NO",
    "UNKNOWN",
    "YES",
]

YES, NO, UNKNOWN = 1, 0, -1

_TRUE = ("true", "t", "1", "oui", "o", "yes", "y", "vrai")
_FALSE = ("false", "f", "0", "non", "n", "no", "faux")


def is_null(value: Any) -> bool:
    """None or a NULL QVariant (QGIS's null attribute)."""
    return value is None or (isinstance(value, QVariant) and value.isNull())


def plain_value(value: Any) -> Any:
    """An attribute value as a hashable plain value: str / int / float / bool as they are, None for
    null, else its text (a QVariant's value, a QDate…)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, QVariant):
        return None if value.isNull() else str(value.value())
    if hasattr(value, "isNull") and value.isNull():
        return None
    return str(value)


def parse_bool(value: Any) -> int:
    """A boolean field value (bool, 1 / 0, 'true' / 'false', 'oui' / 'non') → 1 / 0 / -1 for null
    or other."""
    if is_null(value):
        return UNKNOWN
    if isinstance(value, (bool, np.bool_)):
        return YES if value else NO
    if isinstance(value, (int, float, np.integer, np.floating)):
        return YES if value == 1 else NO if value == 0 else UNKNOWN
    text = str(value).strip().lower()
    if text in _TRUE:
        return YES
    if text in _FALSE:
        return NO
    return UNKNOWN


def parse_ign_artif(value: Any) -> int:
    """IGN's ``artif`` value → 1 / 0 / -1: 'artif' / 'non artif' (any case, '_' or '-'),
    booleans, 1 / 0."""
    if is_null(value):
        return UNKNOWN
    if isinstance(value, (bool, np.bool_, int, float, np.integer, np.floating)):
        return parse_bool(value)
    text = str(value).strip().lower().replace("_", " ").replace("-", " ")
    if text in ("artif", "artificialise", "artificialisé", "true", "t", "oui", "1", "yes"):
        return YES
    if text in (
        "non artif",
        "nonartif",
        "non artificialise",
        "non artificialisé",
        "false",
        "f",
        "non",
        "0",
        "no",
    ):
        return NO
    return UNKNOWN


def parse_ign_artif_or_bool(value: Any) -> int:
    """:func:`parse_ign_artif`, then any spelling :func:`parse_bool` accepts ('vrai', 'o', 'n'…)."""
    status = parse_ign_artif(value)
    return status if status != UNKNOWN else parse_bool(value)


def _status(value: bool | None) -> int:
    return UNKNOWN if value is None else int(value)


def pair_status(
    code_cs: Any, code_us: Any, convention: str = DEFAULT_CONVENTION
) -> tuple[int, int]:
    """(imperméabilisé, artificialisé by the matrix) as 1 / 0 / -1, by ``rules.resolve``."""
    imper, artif = resolve(plain_value(code_cs), plain_value(code_us), convention)
    return _status(imper), _status(artif)


# ------------------------------------------------------------------- columns, by distinct value


def _text(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def factorize(values: Any) -> tuple[np.ndarray, list]:
    """Integer codes and the distinct values of a column (masked / None → its own value None)."""
    if np.ma.isMaskedArray(values):
        mask = np.ma.getmaskarray(values)
        data = np.asarray(values.data, dtype=object)
        data[mask] = None
        values = data
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    uniques = [_text(u) for u in uniques]
    if (codes < 0).any():
        codes = np.where(codes < 0, len(uniques), codes)
        uniques.append(None)
    return np.asarray(codes, dtype=np.int64), uniques


def lookup_values(values: Any, parse: Callable[[Any], int]) -> np.ndarray:
    """``parse`` (value → 1 / 0 / -1) applied once per distinct value of a column."""
    codes, uniques = factorize(values)
    table = np.array([parse(u) for u in uniques] or [UNKNOWN], dtype=np.int8)
    return table[codes]


def lookup_imper(cs: Any, convention: str = DEFAULT_CONVENTION) -> np.ndarray:
    """Imperméabilisé (1 / 0 / -1 indéterminé) of each couverture code, by ``rules.resolve``."""
    return lookup_values(cs, lambda code: pair_status(code, None, convention)[0])


def lookup_artif(cs: Any, us: Any, convention: str = DEFAULT_CONVENTION) -> np.ndarray:
    """Artificialisé by the matrix (1 / 0 / -1) of each (couverture, usage) pair, by
    ``rules.resolve``
    once per distinct pair of values."""
    return lookup_statuses(cs, us, convention)[1]


def lookup_statuses(
    cs: Any, us: Any, convention: str = DEFAULT_CONVENTION
) -> tuple[np.ndarray, np.ndarray]:
    """(``lookup_imper(cs)``, ``lookup_artif(cs, us)``) with each column factorised once."""
    c_codes, c_uniques = factorize(cs)
    u_codes, u_uniques = factorize(us)
    imper = np.array(
        [pair_status(code, None, convention)[0] for code in c_uniques] or [UNKNOWN], np.int8
    )
    cn = [normalise_code(u) for u in c_uniques]
    un = [normalise_code(u) for u in u_uniques]
    table = np.full((max(len(cn), 1), max(len(un), 1)), UNKNOWN, dtype=np.int8)
    for i, c in enumerate(cn):
        for j, u in enumerate(un):
            table[i, j] = pair_status(c, u, convention)[1]
    return imper[c_codes], table[c_codes, u_codes]


def parse_sign(value: Any) -> int:
    """IGN's ``artificialisation`` (1 became artificial, -1 desartificialised, 0 / null nothing)
    → 1 / -1 / 0."""
    if value is None:
        return 0
    try:
        number = float(str(value).strip())
    except ValueError:
        return 0
    return 1 if number > 0 else -1 if number < 0 else 0


def flow_sign(debut: np.ndarray, fin: np.ndarray) -> np.ndarray:
    """+1 when 0 → 1, -1 when 1 → 0, else 0 (indéterminé at either date gives no flow)."""
    out = np.zeros(debut.shape, dtype=np.int8)
    out[(debut == NO) & (fin == YES)] = 1
    out[(debut == YES) & (fin == NO)] = -1
    return out
