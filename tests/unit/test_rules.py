"""The décret's matrix and imperméabilisation, checked leaf by leaf against the table of domain.md §2.

The expected table is written out here independently of ``rules`` (no reuse of its groups): one row
per couverture leaf, one column per usage leaf, ``A`` = artificialised, ``-`` = not.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

try:  # the plugin as the package ``ocsge`` (tests/conftest.py)
    from ocsge.ocsge_plugin import nomenclature, rules
except ImportError:  # standalone: the checkout's root on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from ocsge_plugin import nomenclature, rules

USAGES = (
    "US1.1", "US1.2", "US1.3", "US1.4", "US1.5",  # primary production
    "US2", "US3", "US5", "US235",  # secondary, tertiary, residential, mixed
    "US4.1.1", "US4.1.2", "US4.1.3", "US4.1.4", "US4.1.5", "US4.2", "US4.3",  # networks, logistics
    "US6.1", "US6.2",  # transition, abandoned
    "US6.3", "US6.6",  # no usage, unknown usage
)

#            US1.1 … US1.5 | US2 US3 US5 US235 | US4.1.1 … US4.3 | US6.1 US6.2 | US6.3 US6.6
MATRIX = """
CS1.1.1.1    A A A A A       A A A A             A A A A A A A     A A           A A
CS1.1.1.2    A A A A A       A A A A             A A A A A A A     A A           A A
CS1.1.2.1    A A - A A       A A A A             A A A A A A A     A A           A A
CS1.1.2.2    A A A A A       A A A A             A A A A A A A     A A           A A
CS1.2.1      - - - - -       - - - -             - - - - - - -     - -           - -
CS1.2.2      - - - - -       - - - -             - - - - - - -     - -           - -
CS1.2.3      - - - - -       - - - -             - - - - - - -     - -           - -
CS2.1.1.1    - - - - -       - - - -             - - - - - - -     - -           - -
CS2.1.1.2    - - - - -       - - - -             - - - - - - -     - -           - -
CS2.1.1.3    - - - - -       - - - -             - - - - - - -     - -           - -
CS2.1.2      - - - - -       - - - -             - - - - - - -     - -           - -
CS2.1.3      - - - - -       - - - -             - - - - - - -     - -           - -
CS2.2.1      - - - - -       A A A A             A A A A A A A     A A           - -
CS2.2.2      - - - - -       A A A A             A A A A A A A     A A           - -
"""

EXPECTED = {}
for line in MATRIX.strip().splitlines():
    code, *cells = line.split()
    assert len(cells) == len(USAGES), code
    for usage, cell in zip(USAGES, cells):
        EXPECTED[(code, usage)] = {"A": True, "-": False}[cell]
COUVERTURES = tuple(dict.fromkeys(cs for cs, _ in EXPECTED))

IMPER = {"CS1.1.1.1", "CS1.1.1.2"}


def test_the_table_covers_every_leaf_of_the_nomenclature():
    assert len(COUVERTURES) == 14 and len(USAGES) == 20 and len(EXPECTED) == 280
    assert set(COUVERTURES) == set(nomenclature.couverture_leaves())
    assert set(USAGES) == set(nomenclature.usage_leaves())


@pytest.mark.parametrize("couverture", COUVERTURES)
@pytest.mark.parametrize("usage", USAGES)
def test_matrix_leaf_pair(couverture, usage):
    assert rules.is_artif_matrix(couverture, usage) is EXPECTED[(couverture, usage)]


def test_lookup_table_is_the_whole_matrix():
    assert rules.artif_lookup() == EXPECTED


@pytest.mark.parametrize("couverture", COUVERTURES)
def test_is_imper_every_couverture(couverture):
    assert rules.is_imper(couverture) is (couverture in IMPER)


@pytest.mark.parametrize("value", [None, "", "   ", "NULL", "null", "None", "CS9.9", "CS1.1.1.1.1", "US1.1", 42])
def test_is_imper_null_or_unknown_is_none(value):
    assert rules.is_imper(value) is None


@pytest.mark.parametrize(
    ("couverture", "usage"),
    [(None, "US1.1"), ("CS1.1.1.1", None), (None, None), ("", "US5"), ("CS1.1.1.1", "  "),
     ("CS9.9", "US1.1"), ("CS1.1.1.1", "US7"), ("NULL", "US2"), ("US1.1", "CS1.1.1.1")],
)
def test_matrix_null_or_unknown_is_none(couverture, usage):
    assert rules.is_artif_matrix(couverture, usage) is None


@pytest.mark.parametrize(
    ("couverture", "usage", "expected"),
    [(" cs1.1.1.1 ", "us5", True), ("cs2.2.1", " US1.1\t", False), ("Cs2.2.1", "uS235", True),
     ("cs1.1.2.1", "us1.3 ", False), ("\tcs1.1.2.1", "us1.1", True)],
)
def test_matrix_accepts_lower_case_and_padding(couverture, usage, expected):
    assert rules.is_artif_matrix(couverture, usage) is expected


def test_is_imper_accepts_lower_case_and_padding():
    assert rules.is_imper(" cs1.1.1.1 ") is True
    assert rules.is_imper("cs1.1.1.2\n") is True
    assert rules.is_imper(" cs2.2.1") is False


def test_threshold_constants():
    assert rules.SEUIL_SURFACE_M2 == 2500
    assert rules.SEUIL_BATI_M2 == 50
    assert rules.CODE_BATI == "CS1.1.1.1"
