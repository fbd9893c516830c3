"""Change pieces: the flow rule, a piece of land whose class or status changed between two
millésimes, the report of a flow computation and the sums of pieces (docs/domain.md §3).

A flow is +1 when a status goes 0 → 1, -1 when it goes 1 → 0, 0 when unchanged, None when either
status is indéterminé (kept out of the flows and counted apart).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from qgis.core import QgsGeometry

from ..domain.nomenclature import couverture, usage
from ..domain.rules import DEFAULT_CONVENTION

__all__ = [
    "M2_PER_HA",
    "FLUX_ARTIF",
    "FLUX_DESARTIF",
    "FLUX_IMPER",
    "FLUX_DESIMPER",
    "FLUX_SEPARATOR",
    "UNDETERMINED",
    "flow_kind",
    "flux_value",
    "flux_values",
    "ChangePiece",
    "OnlyPart",
    "FlowReport",
    "FlowAccumulator",
]

M2_PER_HA = 10000.0


FLUX_ARTIF = "artificialisation"
FLUX_DESARTIF = "desartificialisation"
FLUX_IMPER = "impermeabilisation"
FLUX_DESIMPER = "desimpermeabilisation"
FLUX_SEPARATOR = ", "

UNDETERMINED = -1


def _status(value: Any) -> int:
    if value is None or value is UNDETERMINED:
        return UNDETERMINED
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    number = int(value)
    return number if number in (0, 1) else UNDETERMINED


def flow_kind(
    imper_debut: Any, imper_fin: Any, artif_debut: Any, artif_fin: Any
) -> tuple[int | None, int | None]:
    """(flux_artif, flux_imper) of a piece from its statuses at both dates.

    Statuses are True/False, 1/0, or None/-1 (indéterminé). Each flow is +1 (became
    artificialised / impermeable), -1 (desartificialised / unsealed), 0 (unchanged) or None when
    a status is indéterminé."""

    def one(before: Any, after: Any) -> int | None:
        a, b = _status(before), _status(after)
        if a == UNDETERMINED or b == UNDETERMINED:
            return None
        return b - a

    return one(artif_debut, artif_fin), one(imper_debut, imper_fin)


def flux_value(flux_artif: int | None, flux_imper: int | None) -> str | None:
    """The ``flux`` field's value of a piece: 'artificialisation', 'desimpermeabilisation', both
    comma-joined ('artificialisation, impermeabilisation'), or None when only the class changed."""
    words = []
    if flux_artif == 1:
        words.append(FLUX_ARTIF)
    elif flux_artif == -1:
        words.append(FLUX_DESARTIF)
    if flux_imper == 1:
        words.append(FLUX_IMPER)
    elif flux_imper == -1:
        words.append(FLUX_DESIMPER)
    return FLUX_SEPARATOR.join(words) or None


def flux_values() -> list[str]:
    """Every value ``flux_value`` can return (except None), artificialisation first."""
    labels = []
    for artif in (1, -1, 0):
        for imper in (1, -1, 0):
            label = flux_value(artif, imper)
            if label:
                labels.append(label)
    return labels


@dataclass
class ChangePiece:
    """A piece of land whose class or status changed between début and fin."""

    geometry: QgsGeometry
    cs_debut: str | None
    us_debut: str | None
    cs_fin: str | None
    us_fin: str | None
    imper_debut: int
    imper_fin: int
    artif_debut: int
    artif_fin: int
    flux_artif: int  # +1 / 0 / -1
    flux_imper: int | None  # None: indéterminé (a correspondence table that does not say it)
    area: float  # m² (CRS units²), planar
    fid_debut: int | None = (
        None  # source feature ids (overlay: both; difference layers: fid_fin only)
    )
    fid_fin: int | None = None

    @classmethod
    def between(
        cls,
        geometry: QgsGeometry,
        codes: tuple[tuple[str | None, str | None], tuple[str | None, str | None]],
        statuses: tuple[tuple[int, int], tuple[int, int]],
        flux_artif: int,
        area: float,
        fids: tuple[int | None, int | None],
    ) -> ChangePiece:
        """The piece from début's and fin's (cs, us) codes, (imper, artif) statuses and feature
        ids: the imperméabilisation flow follows the statuses (None when one is indéterminé: a
        correspondence table that does not say it), the artificialisation flow is given (IGN's
        ``zan_evol`` may say it where its statuses do not)."""
        ((cs_d, us_d), (cs_f, us_f)), ((imper_d, artif_d), (imper_f, artif_f)) = codes, statuses
        return cls(
            geometry,
            cs_d,
            us_d,
            cs_f,
            us_f,
            imper_d,
            imper_f,
            artif_d,
            artif_f,
            flux_artif,
            imper_f - imper_d if UNDETERMINED not in (imper_d, imper_f) else None,
            area,
            *fids,
        )

    @property
    def flux(self) -> str | None:
        return flux_value(self.flux_artif, self.flux_imper)

    @property
    def has_flow(self) -> bool:
        return bool(self.flux_artif or self.flux_imper)


@dataclass
class OnlyPart:
    """Land covered by one millésime only (overlay), with its codes and statuses in that
    millésime."""

    geometry: QgsGeometry
    present: str  # 'debut' or 'fin'
    code_cs: str | None
    code_us: str | None
    imper: int
    artif: int
    area: float


@dataclass
class FlowReport:
    """What a stream of pieces saw; filled while iterating (complete once the iterator is
    exhausted)."""

    source: str = ""  # 'difference', 'artif_diff' or 'overlay'
    method: str = (
        ""  # 'matrice' for difference layers, 'ign' for artif_diff, classify's method for overlays
    )
    convention: str = DEFAULT_CONVENTION  # how parent / unknown codes are read (rules.CONVENTIONS)
    features_debut: int = 0
    features_fin: int = 0
    pieces: int = 0  # pieces yielded
    undetermined_count: int = (
        0  # pieces kept out: status indéterminé at a date (the leaves under the codes disagree)
    )
    undetermined_area: float = 0.0
    matched: int = (
        0  # overlay: polygons identical at both dates, paired without geometry operations
    )
    matched_canonical: int = 0  # … of which paired only after normalising the geometry
    overlaid_debut: int = 0  # overlay: début / fin polygons that had to be intersected
    overlaid_fin: int = 0
    only_debut_area: float = 0.0
    only_fin_area: float = 0.0
    only_parts: list[OnlyPart] = field(default_factory=list)
    repaired: int = 0  # invalid geometries repaired (makeValid) for the intersections
    reprojected: str | None = None  # overlay: 'debut' or 'fin' when that layer was reprojected
    crs: str = ""  # CRS of the pieces (authid)
    stock: dict[str, float] = field(
        default_factory=dict
    )  # overlay: artif/imper stock at each date (m²)
    messages: list[str] = field(default_factory=list)  # warnings for the user (translated)
    keep_undetermined: bool = (
        False  # keep the undetermined pieces' geometries in ``undetermined_parts``
    )
    undetermined_parts: list[QgsGeometry] = field(default_factory=list)
    undetermined_codes: list[tuple] = field(
        default_factory=list
    )  # (cs, us début, cs, us fin) of each kept part, when known

    def add_undetermined(
        self,
        geometry: QgsGeometry,
        area: float | None = None,
        codes: tuple = (None, None, None, None),
    ) -> None:
        """Count a piece whose flows cannot be told (kept out of the flows)."""
        self.undetermined_count += 1
        self.undetermined_area += (
            (geometry.area() if not geometry.isNull() else 0.0) if area is None else area
        )
        if self.keep_undetermined and not geometry.isNull():
            self.undetermined_parts.append(QgsGeometry(geometry))
            self.undetermined_codes.append(codes)


class FlowAccumulator:
    """Sums of pieces: the six flows, transitions couverture × couverture and usage × usage, and the
    origin (couverture and usage at début) of the newly artificialised land. Internally m²."""

    def __init__(self) -> None:
        self.flux = {"artif": 0.0, "desartif": 0.0, "imper": 0.0, "desimper": 0.0}
        self.transitions_cs: dict[tuple, float] = defaultdict(float)
        self.transitions_us: dict[tuple, float] = defaultdict(float)
        self.origin_cs: dict[str | None, float] = defaultdict(float)
        self.origin_us: dict[str | None, float] = defaultdict(float)
        self.pieces = 0
        self.area = 0.0

    def add(self, piece: ChangePiece) -> None:
        area = piece.area
        self.pieces += 1
        self.area += area
        if piece.flux_artif == 1:
            self.flux["artif"] += area
            self.origin_cs[piece.cs_debut] += area
            self.origin_us[piece.us_debut] += area
        elif piece.flux_artif == -1:
            self.flux["desartif"] += area
        if piece.flux_imper == 1:
            self.flux["imper"] += area
        elif piece.flux_imper == -1:
            self.flux["desimper"] += area
        self.transitions_cs[(piece.cs_debut, piece.cs_fin)] += area
        self.transitions_us[(piece.us_debut, piece.us_fin)] += area

    def totals(self, unit: float = M2_PER_HA) -> dict[str, float]:
        """flux_artif, flux_desartif, flux_artif_net, flux_imper, flux_desimper, flux_imper_net
        (÷ unit: ha)."""
        f = {key: value / unit for key, value in self.flux.items()}
        return {
            "flux_artif": f["artif"],
            "flux_desartif": f["desartif"],
            "flux_artif_net": f["artif"] - f["desartif"],
            "flux_imper": f["imper"],
            "flux_desimper": f["desimper"],
            "flux_imper_net": f["imper"] - f["desimper"],
        }

    def transitions(self, nomenclature: str, unit: float = M2_PER_HA) -> pd.DataFrame:
        """Long table (debut, fin, libelle_debut, libelle_fin, surface_ha) of the changed land,
        largest first; ``nomenclature`` is 'couverture' or 'usage'. Unchanged land is not in it."""
        table = self.transitions_cs if nomenclature == "couverture" else self.transitions_us
        labels = _labels(nomenclature)
        rows = [
            (debut, fin, labels.get(debut, ""), labels.get(fin, ""), area / unit)
            for (debut, fin), area in table.items()
        ]
        frame = pd.DataFrame(
            rows, columns=["debut", "fin", "libelle_debut", "libelle_fin", "surface_ha"]
        )
        return frame.sort_values(
            ["surface_ha", "debut", "fin"], ascending=[False, True, True], ignore_index=True
        )

    def origin(self, unit: float = M2_PER_HA) -> pd.DataFrame:
        """Origin of the newly artificialised land: (nomenclature, code, libelle, surface_ha,
        pourcent) by couverture then usage at début; ``pourcent`` of the new artificialisation
        (flux_artif)."""
        total = self.flux["artif"]
        rows = []
        for nomenclature, table in (("couverture", self.origin_cs), ("usage", self.origin_us)):
            labels = _labels(nomenclature)
            part = sorted(table.items(), key=lambda item: (-item[1], item[0] or ""))
            for code, area in part:
                rows.append(
                    (
                        nomenclature,
                        code,
                        labels.get(code, ""),
                        area / unit,
                        100.0 * area / total if total else 0.0,
                    )
                )
        return pd.DataFrame(
            rows, columns=["nomenclature", "code", "libelle", "surface_ha", "pourcent"]
        )


def _labels(nomenclature: str) -> dict[str, str]:
    entries = couverture() if nomenclature == "couverture" else usage()
    return {code: entry.libelle for code, entry in entries.items()}
