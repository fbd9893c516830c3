"""The décret's matrix and imperméabilisation, checked leaf by leaf against the table of
domain.md §2.

The expected table is written out here independently of ``rules`` (no reuse of its groups): one row
per couverture leaf, one column per usage leaf, ``A`` = artificialised, ``-`` = not.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

try:  # the plugin as the package ``ocsge`` (tests/conftest.py)
    from ocsge.ocsge_plugin.domain import nomenclature, rules
except ImportError:  # standalone: the checkout's root on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from ocsge_plugin.domain import nomenclature, rules

USAGES = (
    "US1.1",
    "US1.2",
    "US1.3",
    "US1.4",
    "US1.5",  # primary production
    "US2",
    "US3",
    "US5",
    "US235",  # secondary, tertiary, residential, mixed
    "US4.1.1",
    "US4.1.2",
    "US4.1.3",
    "US4.1.4",
    "US4.1.5",
    "US4.2",
    "US4.3",  # networks, logistics
    "US6.1",
    "US6.2",  # transition, abandoned
    "US6.3",
    "US6.6",  # no usage, unknown usage
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


@pytest.mark.parametrize(
    "value", [None, "", "   ", "NULL", "null", "None", "CS9.9", "CS1.1.1.1.1", "US1.1", 42]
)
def test_is_imper_null_or_unknown_is_none(value):
    assert rules.is_imper(value) is None


@pytest.mark.parametrize(
    ("couverture", "usage"),
    [
        (None, "US1.1"),
        (None, None),
        ("", "US5"),
        ("CS9.9", "US1.1"),
        ("NULL", "US2"),
        ("US1.1", "CS1.1.1.1"),
        ("CS1.1.2.1", None),
        ("CS2.2.1", "US7"),
        ("CS2.2.2", "INDETERMINE"),
    ],
)
def test_matrix_undetermined_when_the_leaves_disagree(couverture, usage):
    assert rules.is_artif_matrix(couverture, usage) is None


@pytest.mark.parametrize("usage", [None, "  ", "US7", "INDETERMINE", "NC", "US4.1", "us6"])
def test_anthropised_couverture_is_artificialised_whatever_the_usage(usage):
    assert rules.is_artif_matrix("CS1.1.1.1", usage) is True
    assert rules.resolve("CS1.1.1.1", usage) == (True, True)


# Every parent code of both trees, crossed with a leaf, a parent and a value outside the
# nomenclature of the other tree: (imperméabilisé, artificialisé), worked out by hand from the
# leaves under each code and the table above (T / F determined, ? indéterminé: the leaves disagree).
HIERARCHY = """
CS1       US2 ??  US1 ??  INDETERMINE ??
CS1.1     US2 ?T  US1 ??  INDETERMINE ??
CS1.1.1   US2 TT  US1 TT  INDETERMINE TT
CS1.1.2   US2 FT  US1 F?  INDETERMINE F?
CS1.2     US2 FF  US1 FF  INDETERMINE FF
CS2       US2 F?  US1 FF  INDETERMINE F?
CS2.1     US2 FF  US1 FF  INDETERMINE FF
CS2.1.1   US2 FF  US1 FF  INDETERMINE FF
CS2.2     US2 FT  US1 FF  INDETERMINE F?
CS2.2.1   US1 FF  US4 FT  US4.1 FT  US6 F?
CS1.1     US1 ??  US4 ?T  US4.1 ?T  US6 ?T
NC        US1 ??  US4 ??  US4.1 ??  US6 ??
"""
ANSWER = {"T": True, "F": False, "?": None}
HIERARCHY_CASES = []
for line in HIERARCHY.strip().splitlines():
    couverture, *cells = line.split()
    for usage, answer in zip(cells[::2], cells[1::2]):
        HIERARCHY_CASES.append((couverture, usage, ANSWER[answer[0]], ANSWER[answer[1]]))


def test_the_hierarchy_table_covers_every_parent_code():
    parents_cs = {
        code for code in nomenclature.couverture() if code not in nomenclature.couverture_leaves()
    }
    parents_us = {code for code in nomenclature.usage() if code not in nomenclature.usage_leaves()}
    assert parents_cs == {
        "CS1",
        "CS1.1",
        "CS1.1.1",
        "CS1.1.2",
        "CS1.2",
        "CS2",
        "CS2.1",
        "CS2.1.1",
        "CS2.2",
    }
    assert parents_us == {"US1", "US4", "US4.1", "US6"}
    assert parents_cs <= {cs for cs, *_ in HIERARCHY_CASES}
    assert parents_us <= {us for _, us, *_ in HIERARCHY_CASES}
    # each parent of one tree meets a leaf, a parent and an unknown value of the other
    for parent in parents_cs:
        usages = {us for cs, us, *_ in HIERARCHY_CASES if cs == parent}
        assert (
            usages & set(nomenclature.usage_leaves())
            and usages & parents_us
            and "INDETERMINE" in usages
        )
    for parent in parents_us:
        couvertures = {cs for cs, us, *_ in HIERARCHY_CASES if us == parent}
        assert (
            couvertures & set(nomenclature.couverture_leaves())
            and couvertures & parents_cs
            and "NC" in couvertures
        )


@pytest.mark.parametrize(("couverture", "usage", "imper", "artif"), HIERARCHY_CASES)
def test_parent_codes_resolve_by_their_leaves(couverture, usage, imper, artif):
    assert rules.resolve(couverture, usage) == (imper, artif)
    assert rules.resolve(f" {couverture.lower()} ", usage.lower()) == (imper, artif)  # spellings


def test_the_examples_of_the_issue():
    for usage in ("US1.1", "US2", "US6", None, "INDETERMINE"):
        assert rules.resolve("CS2.1.1", usage) == (False, False)
    assert rules.resolve("CS1.1.1.1", "INDETERMINE") == (True, True)
    assert rules.resolve("CS1.1.2.1", "INDETERMINE") == (False, None)
    assert rules.resolve("CS1.1.2.1", "US1.1") == (False, True)


# The national pipeline: exact leaf codes, everything else neither artificialised nor impermeable.
NATIONAL = [
    ("CS1.1.1.1", "INDETERMINE", True, True),
    ("CS1.1.1.2", None, True, True),
    (" cs1.1.1.2 ", "us2", True, True),
    ("CS1.1.2.2", "US1.3", False, True),
    ("CS1.1.2.1", None, False, True),
    ("CS1.1.2.1", "US1.3", False, False),
    ("CS1.1.2.1", "INDETERMINE", False, True),
    ("CS2.2.1", "US2", False, True),
    ("CS2.2.2", "US6.2", False, True),
    ("CS2.2.1", "US1.1", False, False),
    ("CS2.2.1", "US6.6", False, False),
    ("CS2.2.1", "US4", False, False),
    ("CS2.2.1", "INDETERMINE", False, False),
    ("CS2.2", "US2", False, False),
    ("CS1.1.1", "US2", False, False),
    ("CS2.1.1", "US2", False, False),
    ("CS1.2.2", "US4.1.4", False, False),
    (None, "US2", False, False),
    ("NC", None, False, False),
]


@pytest.mark.parametrize(("couverture", "usage", "imper", "artif"), NATIONAL)
def test_national_convention(couverture, usage, imper, artif):
    assert rules.resolve(couverture, usage, "national") == (imper, artif)


def test_national_convention_is_the_matrix_on_leaves():
    for (couverture, usage), artif in EXPECTED.items():
        assert rules.resolve(couverture, usage, "national") == (couverture in IMPER, artif)


def test_unknown_convention_is_refused():
    with pytest.raises(ValueError):
        rules.resolve("CS1.1.1.1", "US2", "autre")


@pytest.mark.parametrize(
    ("couverture", "usage", "expected"),
    [
        (" cs1.1.1.1 ", "us5", True),
        ("cs2.2.1", " US1.1\t", False),
        ("Cs2.2.1", "uS235", True),
        ("cs1.1.2.1", "us1.3 ", False),
        ("\tcs1.1.2.1", "us1.1", True),
    ],
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
