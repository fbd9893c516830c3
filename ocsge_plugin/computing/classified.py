"""What a classification gives and how it is written.

``Classification`` (per-polygon answers aligned on fids, and what was noticed), ``Comparison``
(IGN's artificialisation against the recomputation), ``summary`` (the summary table's rows); the
attributes ``ocsge:classify`` and ``ocsge:compare_artif`` add (imper, artif, artif_matrice,
crit_seuil, artif_source; the comparison's), their values per polygon (NULL where indéterminé)
and the writing of the features to a sink, in batches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from qgis.core import (
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingFeatureSource,
)
from qgis.PyQt.QtCore import QVariant

from ..core import compat
from ..core.errors import ClassifyError
from ..core.i18n import tr
from ..domain.rules import DEFAULT_CONVENTION
from .codes import NO, UNKNOWN, YES
from .progress import check_canceled
from .thresholds import ThresholdResult

__all__ = [
    "WRITE_BATCH",
    "SOURCES",
    "RAISONS",
    "Classification",
    "Comparison",
    "Indicator",
    "summary",
    "classification_fields",
    "classification_values",
    "comparison_fields",
    "comparison_values",
    "output_fields",
    "classification_columns",
    "classification_codes",
    "classification_rows",
    "write_features",
]

WRITE_BATCH = 10000  # features handed to the sink at once
SOURCES = (
    "",
    "ign",
    "matrice",
    "seuil",
)  # artif_source codes: 0 indéterminé, 1 ign, 2 matrice, 3 seuil
RAISONS = ("", "matrice", "seuil")  # raison codes of a disagreement: 0 none, 1 matrice, 2 seuil


@dataclass
class Classification:
    """Per-polygon answers (numpy arrays aligned on ``fid``) and what was noticed on the way."""

    method: str
    fid: np.ndarray  # int64 feature ids, in reading order
    area: np.ndarray  # float64, m² (planar, layer CRS; NaN when geometry was not read)
    imper: np.ndarray  # int8 1 / 0 / -1
    artif_matrice: np.ndarray  # int8 1 / 0 / -1 (for 'ign': IGN's status before its thresholds)
    artif: np.ndarray  # int8 1 / 0 / -1, the final answer
    crit_seuil: np.ndarray  # bool, the thresholds changed this polygon
    artif_source: np.ndarray  # int8 codes into SOURCES
    bati: np.ndarray  # bool, couverture CS1.1.1.1
    repaired_fids: list[int] = field(default_factory=list)  # invalid geometries repaired
    empty_fids: list[int] = field(default_factory=list)  # null or empty geometries (area 0)
    unknown_codes: dict[str, int] = field(default_factory=dict)  # codes outside the nomenclature
    unknown_surface: dict[str, float] = field(default_factory=dict)  # … and their surface (m²)
    convention: str = DEFAULT_CONVENTION  # how parent / unknown codes are read (rules.CONVENTIONS)
    null_codes: int = 0  # polygons with a null couverture or usage (or IGN artif, for 'ign')
    warnings: list[str] = field(default_factory=list)  # translated notes for the log
    fields_used: dict[str, str] = field(default_factory=dict)  # role → field name read
    thresholds: ThresholdResult | None = None

    def __len__(self) -> int:
        return int(self.fid.size)

    def index_of(self, fids: Iterable[int]) -> np.ndarray:
        """Positions in the arrays of the given feature ids (-1 for an id not classified)."""
        wanted = np.asarray(list(fids), dtype=np.int64)
        if self.fid.size == 0:
            return np.full(wanted.size, -1, dtype=np.int64)
        order = np.argsort(self.fid, kind="stable")
        sorted_fid = self.fid[order]
        pos = np.clip(np.searchsorted(sorted_fid, wanted), 0, sorted_fid.size - 1)
        return np.where(sorted_fid[pos] == wanted, order[pos], -1)

    def source_name(self, i: int) -> str | None:
        return SOURCES[self.artif_source[i]] or None

    # --- totals (m² and counts) -------------------------------------------------------------
    def _total(self, mask: np.ndarray) -> tuple[int, float]:
        return int(np.count_nonzero(mask)), float(np.nansum(self.area[mask]))

    @property
    def n_repaired(self) -> int:
        return len(self.repaired_fids)

    def total(self) -> tuple[int, float]:
        return self._total(np.ones(self.fid.size, dtype=bool))

    def imper_total(self) -> tuple[int, float]:
        return self._total(self.imper == YES)

    def artif_matrice_total(self) -> tuple[int, float]:
        return self._total(self.artif_matrice == YES)

    def artif_total(self) -> tuple[int, float]:
        return self._total(self.artif == YES)

    def to_artif_total(self) -> tuple[int, float]:
        """Switched non artificialisé → artificialisé by the thresholds."""
        return self._total(self.crit_seuil & (self.artif == YES))

    def to_non_artif_total(self) -> tuple[int, float]:
        """Switched artificialisé → non artificialisé by the thresholds."""
        return self._total(self.crit_seuil & (self.artif == NO))

    def indetermine_total(self) -> tuple[int, float]:
        """Polygons whose artificialisation could not be decided (the leaves under its codes
        disagree)."""
        return self._total(self.artif == UNKNOWN)

    def indetermine_imper_total(self) -> tuple[int, float]:
        return self._total(self.imper == UNKNOWN)

    def repaired_total(self) -> tuple[int, float]:
        return self._total(np.isin(self.fid, np.asarray(self.repaired_fids, dtype=np.int64)))


@dataclass
class Comparison:
    """IGN's artificialisation against ``matrice_seuils`` recomputed on the same polygons."""

    calc: Classification  # the recomputation (method 'matrice_seuils')
    ign_artif: np.ndarray  # int8 1 / 0 / -1
    ign_crit_seuil: np.ndarray  # int8 1 / 0 / -1 (null)
    compared: np.ndarray  # bool: both answers are determined
    agree: np.ndarray  # bool: compared and equal
    raison: np.ndarray  # int8 codes into RAISONS (0 where not a disagreement)

    @property
    def disagree(self) -> np.ndarray:
        return self.compared & ~self.agree

    def _total(self, mask: np.ndarray) -> tuple[int, float]:
        return self.calc._total(mask)

    def agree_total(self) -> tuple[int, float]:
        return self._total(self.agree)

    def disagree_total(self) -> tuple[int, float]:
        return self._total(self.disagree)

    def raison_total(self, raison: str) -> tuple[int, float]:
        return self._total(self.raison == RAISONS.index(raison))

    def not_compared_total(self) -> tuple[int, float]:
        return self._total(~self.compared)

    def totals(self) -> dict[str, tuple[int, float]]:
        """(polygons, m²) compared, agreeing, disagreeing, disagreeing from the matrix, from the
        thresholds, and not compared (indéterminé on either side)."""
        return {
            "compared": self._total(self.compared),
            "agree": self.agree_total(),
            "disagree": self.disagree_total(),
            "matrice": self.raison_total("matrice"),
            "seuil": self.raison_total("seuil"),
            "not_compared": self.not_compared_total(),
        }

    def agreement_percent(self) -> float:
        """Share of the compared surface where both answers agree (%, NaN when nothing compared)."""
        compared = self._total(self.compared)[1]
        return 100.0 * self.agree_total()[1] / compared if compared > 0 else float("nan")


@dataclass(frozen=True)
class Indicator:
    """One row of the summary table."""

    key: str
    label: str
    count: int
    area_m2: float

    @property
    def area_ha(self) -> float:
        return self.area_m2 / 10000.0


def summary(c: Classification) -> list[Indicator]:
    """The summary table's rows: key, translated label, number of polygons, surface (m²)."""
    rows = [
        ("imper", tr("Imperméabilisé (couverture CS1.1.1.1 or CS1.1.1.2)"), c.imper_total()),
        (
            "artif_matrice",
            tr("Artificialisé by the matrix, before the seuils"),
            c.artif_matrice_total(),
        ),
        ("artif", tr("Artificialisé, after the seuils"), c.artif_total()),
        ("seuil_vers_artif", tr("Switched to artificialisé by the seuils"), c.to_artif_total()),
        (
            "seuil_vers_non_artif",
            tr("Switched to non artificialisé by the seuils"),
            c.to_non_artif_total(),
        ),
        (
            "indetermine",
            tr(
                "Indéterminé for artificialisation (the leaves under the codes disagree: "
                "null, unknown or parent code)"
            ),
            c.indetermine_total(),
        ),
        (
            "indetermine_imper",
            tr("Indéterminé for imperméabilisation (the leaves under the couverture disagree)"),
            c.indetermine_imper_total(),
        ),
        (
            "geometries_reparees",
            tr("Invalid geometries repaired for the computation"),
            c.repaired_total(),
        ),
        ("total", tr("All polygons"), c.total()),
    ]
    return [Indicator(key, label, count, area) for key, label, (count, area) in rows]


# ------------------------------------------------------------------------------------ writing


def _bool_or_null(value: int) -> bool | None:
    return None if value == UNKNOWN else bool(value)


def classification_fields() -> QgsFields:
    """The attributes ocsge:classify adds: imper, artif, artif_matrice, crit_seuil (bool),
    artif_source (text)."""
    out = QgsFields()
    for name in ("imper", "artif", "artif_matrice", "crit_seuil"):
        out.append(compat.field(name, QVariant.Type.Bool))
    out.append(compat.field("artif_source", QVariant.Type.String, len=10))
    return out


def classification_values(c: Classification, i: int) -> list:
    """The added attributes of polygon ``i`` (NULL where indéterminé)."""
    artif = int(c.artif[i])
    return [
        _bool_or_null(int(c.imper[i])),
        _bool_or_null(artif),
        _bool_or_null(int(c.artif_matrice[i])),
        None if artif == UNKNOWN else bool(c.crit_seuil[i]),
        c.source_name(i),
    ]


def comparison_fields() -> QgsFields:
    """The attributes ocsge:compare_artif adds to each disagreeing polygon."""
    out = QgsFields()
    for name in (
        "ign_artif",
        "ign_crit_seuil",
        "calc_artif",
        "calc_artif_matrice",
        "calc_crit_seuil",
    ):
        out.append(compat.field(name, QVariant.Type.Bool))
    out.append(compat.field("raison", QVariant.Type.String, len=10))
    return out


def comparison_values(cmp: Comparison, i: int) -> list:
    calc = cmp.calc
    return [
        _bool_or_null(int(cmp.ign_artif[i])),
        _bool_or_null(int(cmp.ign_crit_seuil[i])),
        _bool_or_null(int(calc.artif[i])),
        _bool_or_null(int(calc.artif_matrice[i])),
        bool(calc.crit_seuil[i]),
        RAISONS[cmp.raison[i]] or None,
    ]


def output_fields(input_fields: QgsFields, added: QgsFields) -> tuple[QgsFields, dict[str, str]]:
    """The input's fields then ``added``; an input field whose name an added one takes is renamed
    ``<name>_orig`` (returned as {old: new}) so that no attribute of the user is lost."""
    taken = {f.name().lower() for f in added}
    names = {f.name().lower() for f in input_fields} | taken
    out = QgsFields()
    renamed: dict[str, str] = {}
    for f in input_fields:
        if f.name().lower() in taken:
            base = f"{f.name()}_orig"
            new, k = base, 1
            while new.lower() in names:
                k += 1
                new = f"{base}{k}"
            names.add(new.lower())
            renamed[f.name()] = new
            f = QgsField(f)
            f.setName(new)
        out.append(f)
    for f in added:
        out.append(f)
    return out, renamed


def _bool_column(values: np.ndarray, null: np.ndarray | None = None) -> list:
    """Python list of True / False / None (None where ``values`` is UNKNOWN, or where ``null``)."""
    out = np.where(np.asarray(values) != 0, True, False).astype(object)
    out[(np.asarray(values) == UNKNOWN) if null is None else null] = None
    return out.tolist()


def classification_columns(c: Classification) -> list[list]:
    """The added attributes as columns (lists aligned on ``c.fid``, in
    ``classification_fields()``'s order; None where NULL)."""
    source = np.asarray(SOURCES, dtype=object)[c.artif_source.astype(np.int64)]
    source[source == ""] = None
    artif_unknown = c.artif == UNKNOWN
    return [
        _bool_column(c.imper),
        _bool_column(c.artif),
        _bool_column(c.artif_matrice),
        _bool_column(np.asarray(c.crit_seuil, dtype=np.int8), artif_unknown),
        source.tolist(),
    ]


def classification_codes(c: Classification) -> list[tuple[np.ndarray, tuple]]:
    """The added attributes as (codes, labels) per column, ``labels[codes[i]]`` being
    ``classification_columns(c)[k][i]``: no Python object per polygon."""
    flags = (None, False, True)
    crit = np.where(c.artif == UNKNOWN, 0, np.asarray(c.crit_seuil, dtype=np.int8) + 1)
    return [
        (c.imper.astype(np.int8) + 1, flags),
        (c.artif.astype(np.int8) + 1, flags),
        (c.artif_matrice.astype(np.int8) + 1, flags),
        (crit.astype(np.int8), flags),
        (c.artif_source.astype(np.int8), tuple(name or None for name in SOURCES)),
    ]


def classification_rows(c: Classification) -> list:
    """``classification_values(c, i)`` for every ``i`` at once (a list of lists, built with
    numpy)."""
    return [list(row) for row in zip(*classification_columns(c))]


def write_features(
    source: Any,
    sink: QgsFeatureSink,
    fields: QgsFields,
    fid: np.ndarray,
    values: Any,
    feedback: Any = None,
    only: np.ndarray | None = None,
) -> int:
    """Copy the features of ``source`` (original geometry and attributes) into ``sink``, each
    followed by ``values(i)`` (or ``values[i]`` when ``values`` is a list of lists), ``i`` its
    position in ``fid``. ``only``: a bool mask over ``fid`` of the features to write (all when
    None). Features are written by batches of ``WRITE_BATCH``. Returns the number written; raises
    ``Canceled``, ``ClassifyError``."""
    request = QgsFeatureRequest()
    if only is not None:
        request.setFilterFids([int(f) for f in fid[only]])
    expected = int(np.count_nonzero(only)) if only is not None else int(fid.size)
    if isinstance(source, QgsProcessingFeatureSource):
        features = source.getFeatures(
            request, QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks
        )
    else:
        features = source.getFeatures(request)
    rows = values if isinstance(values, list) else None
    order = np.argsort(fid, kind="stable")
    sorted_fid = fid[order]
    fid_list = fid.tolist() if only is None else None
    n_fid = len(fid_list) if fid_list is not None else 0
    written = 0
    batch: list = []
    base = source.fields().count()  # the added values follow the source's attributes
    n_added = fields.count() - base

    def flush() -> None:
        if batch and not sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert):
            error = sink.lastError() if hasattr(sink, "lastError") else ""
            raise ClassifyError(
                tr("Could not write a feature to the output: {error}").format(error=error)
            )
        batch.clear()

    for n, feature in enumerate(features):
        if n % 5000 == 0:
            check_canceled(feedback)
            if feedback is not None:
                feedback.setProgress(100.0 * n / max(expected, 1))
        feature_id = feature.id()
        if n < n_fid and fid_list[n] == feature_id:
            i = n
        else:
            pos = int(np.searchsorted(sorted_fid, feature_id))
            if pos >= sorted_fid.size or sorted_fid[pos] != feature_id:
                continue  # a feature added since the classification
            i = int(order[pos])
        feature.padAttributes(n_added)  # NULL, then the added values that are not
        for k, value in enumerate(rows[i] if rows is not None else values(i), base):
            if value is not None:
                feature.setAttribute(k, value)
        batch.append(feature)
        written += 1
        if len(batch) >= WRITE_BATCH:
            flush()
    flush()
    if feedback is not None:
        feedback.setProgress(100.0)
    return written
