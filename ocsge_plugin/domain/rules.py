"""The décret's rules (n° 2022-763 revised by n° 2023-1096): imperméabilisation and the
couverture × usage matrix of artificialisation, plus the thresholds' constants.

The matrix is data: ``ARTIF_MATRIX`` maps a couverture group and a usage group to True
(artificialised) or False. ``ARTIF_EXCEPTIONS`` holds the one leaf-level exception of the décret
(mineral surfaces used for extraction). Changing the décret means editing these two tables.

Real deliveries carry codes at every level of the nomenclature (``CS2.1.1``, ``US4.1``, ``US6``),
usages ``INDETERMINE``, nulls. :func:`resolve` is the one place that turns a (couverture, usage)
pair into imperméabilisé / artificialisé, under one of two conventions (``CONVENTIONS``):

``indetermine`` (default)
    A code stands for the set of leaves under it; a value outside the nomenclature (null, empty,
    ``INDETERMINE``, ``NC``…) for every leaf. The answer is determined when every leaf combination
    gives the same one (``CS2.1.1`` with any usage: neither; ``CS1.1.1.1`` with usage
    ``INDETERMINE``:
    both), else it is None (indéterminé: ``CS1.1.2.1`` with an unknown usage, as US1.3 decides),
    reported
    apart.
``national``
    The national pipeline behind the published data.gouv.fr files: exact leaf codes only (after
    trimming and ignoring case). Artificialised: CS1.1.1.1, CS1.1.1.2, CS1.1.2.2; CS1.1.2.1 unless
    the usage
    is US1.3; CS2.2.1 / CS2.2.2 with the usages of the matrix's artificialised columns. Impermeable:
    CS1.1.1.1, CS1.1.1.2. Everything else, parents and unknown values included: neither. Never None.
"""

from __future__ import annotations

from functools import cache

from .correspondence import Correspondence
from .nomenclature import couverture_leaves, leaves_under, normalise_code, usage_leaves

__all__ = [
    "CODE_BATI",
    "CONVENTIONS",
    "COUVERTURE_GROUPS",
    "DEFAULT_CONVENTION",
    "IMPER_CODES",
    "SEUIL_BATI_M2",
    "SEUIL_SURFACE_M2",
    "USAGE_GROUPS",
    "artif_lookup",
    "is_artif_matrix",
    "is_imper",
    "resolve",
]

# The two ways of reading codes above the leaves or outside the nomenclature (see the module's
# help).
CONVENTIONS = ("indetermine", "national")
DEFAULT_CONVENTION = "indetermine"

# Seuils (step 2 of the décret), in m².
SEUIL_SURFACE_M2 = 2500.0
SEUIL_BATI_M2 = 50.0
CODE_BATI = "CS1.1.1.1"

# Imperméabilisé: couverture only.
IMPER_CODES = frozenset({"CS1.1.1.1", "CS1.1.1.2"})

# Couverture groups (rows of the décret's table).
COUVERTURE_GROUPS: dict[str, tuple[str, ...]] = {
    "anthropise": ("CS1.1.1.1", "CS1.1.1.2", "CS1.1.2.2"),
    "mineral": ("CS1.1.2.1",),
    "sans_vegetation_naturel": ("CS1.2.1", "CS1.2.2", "CS1.2.3"),
    "ligneux": ("CS2.1.1.1", "CS2.1.1.2", "CS2.1.1.3", "CS2.1.2", "CS2.1.3"),
    "herbace": ("CS2.2.1", "CS2.2.2"),
}

# Usage groups (columns of the décret's table).
USAGE_GROUPS: dict[str, tuple[str, ...]] = {
    "primaire": ("US1.1", "US1.2", "US1.3", "US1.4", "US1.5"),
    "habitat_activites": ("US2", "US3", "US5", "US235"),
    "reseaux": ("US4.1.1", "US4.1.2", "US4.1.3", "US4.1.4", "US4.1.5", "US4.2", "US4.3"),
    "transition_abandon": ("US6.1", "US6.2"),
    "sans_usage": ("US6.3", "US6.6"),
}

A, N = True, False
#                         primaire habitat_activites reseaux transition_abandon sans_usage
ARTIF_MATRIX: dict[str, dict[str, bool]] = {
    "anthropise": dict(
        primaire=A, habitat_activites=A, reseaux=A, transition_abandon=A, sans_usage=A
    ),  # noqa: E501
    "mineral": dict(primaire=A, habitat_activites=A, reseaux=A, transition_abandon=A, sans_usage=A),  # noqa: E501
    "sans_vegetation_naturel": dict(
        primaire=N, habitat_activites=N, reseaux=N, transition_abandon=N, sans_usage=N
    ),  # noqa: E501
    "ligneux": dict(primaire=N, habitat_activites=N, reseaux=N, transition_abandon=N, sans_usage=N),  # noqa: E501
    "herbace": dict(primaire=N, habitat_activites=A, reseaux=A, transition_abandon=A, sans_usage=N),  # noqa: E501
}
# Leaf-level exceptions to the group table: mineral surfaces of extraction are not artificialised.
ARTIF_EXCEPTIONS: dict[tuple[str, str], bool] = {("CS1.1.2.1", "US1.3"): N}
del A, N


def _group_of(groups: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {code: name for name, codes in groups.items() for code in codes}


@cache
def artif_lookup() -> dict[tuple[str, str], bool]:
    """Every (couverture, usage) leaf pair → artificialised, from the matrix and its exceptions."""
    cs_group, us_group = _group_of(COUVERTURE_GROUPS), _group_of(USAGE_GROUPS)
    missing = (set(couverture_leaves()) - set(cs_group)) | (set(usage_leaves()) - set(us_group))
    if missing:  # the nomenclature and the matrix must describe the same codes
        raise ValueError(f"codes absent from the matrix: {sorted(missing)}")
    table = {
        (cs, us): ARTIF_MATRIX[cs_group[cs]][us_group[us]]
        for cs in couverture_leaves()
        for us in usage_leaves()
    }
    table.update(ARTIF_EXCEPTIONS)
    return table


def _same(answers: set) -> bool | None:
    """The common answer of every leaf combination, None when they differ."""
    return answers.pop() if len(answers) == 1 else None


@cache
def _resolved(
    code_cs: str | None, code_us: str | None, convention: str
) -> tuple[bool | None, bool | None]:
    """:func:`resolve` on normalised codes (cached: callers pass each distinct pair once)."""
    if convention == "national":
        leaf_pair = (code_cs, code_us) in artif_lookup()
        if code_cs in ("CS1.1.1.1", "CS1.1.1.2", "CS1.1.2.2"):
            artif = True
        elif code_cs == "CS1.1.2.1":
            artif = code_us != "US1.3"
        else:
            artif = (
                leaf_pair
                and code_cs in ("CS2.2.1", "CS2.2.2")
                and artif_lookup()[(code_cs, code_us)]
            )
        return code_cs in IMPER_CODES, artif
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r}; expected one of {CONVENTIONS}")
    cs_leaves = leaves_under("cs", code_cs)
    us_leaves = leaves_under("us", code_us)
    table = artif_lookup()
    imper = _same({cs in IMPER_CODES for cs in cs_leaves})
    artif = _same({table[(cs, us)] for cs in cs_leaves for us in us_leaves})
    return imper, artif


def resolve(
    code_cs: object, code_us: object, convention: str = DEFAULT_CONVENTION
) -> tuple[bool | None, bool | None]:
    """(imperméabilisé, artificialisé by the matrix) of a (couverture, usage) pair of any level
    of the nomenclature, any case or padding; None where indéterminé (``convention``
    'indetermine' only). A ``Correspondence`` given as the convention reads ``code_cs`` as a code
    of its own nomenclature (the usage is not read): None where it says indéterminé or does not
    map the code."""
    if isinstance(convention, Correspondence):
        return convention.statuses(code_cs)
    return _resolved(normalise_code(code_cs), normalise_code(code_us), convention)


def is_imper(code_cs: object, convention: str = DEFAULT_CONVENTION) -> bool | None:
    """Imperméabilisé (True / False) from the couverture, None when its leaves disagree (see
    :func:`resolve`)."""
    return resolve(code_cs, None, convention)[0]


def is_artif_matrix(
    code_cs: object, code_us: object, convention: str = DEFAULT_CONVENTION
) -> bool | None:
    """Artificialisé by the décret's matrix, None (indéterminé) when the leaves under the codes
    disagree."""
    return resolve(code_cs, code_us, convention)[1]
