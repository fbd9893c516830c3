"""Every form of delivery name IGN has used, read for its département, millésime(s), CRS and
kind: by ``reading`` (files and folders) and by ``catalogue`` (IGN's listing, the dock). The
expected values are written literally, as IGN's own pages give them."""

from __future__ import annotations

import pytest

from ocsge.ocsge_plugin.services import catalogue
from ocsge.ocsge_plugin.storage import reading

NAMES = [
    # name, kind read by, département, millésime(s), EPSG
    ("OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01", "occupation", "32", (2019,), 2154),
    ("OCS-GE_2-0__SHP_LAMB93_D032_2019-01-01", "occupation", "32", (2019,), 2154),
    ("OCS-GE_2-0__SHP_LAMB93_D032_2016-01-01", "occupation", "32", (2016,), 2154),
    ("OCS-GE_2-0_ARTIFICIALISATION_GPKG_LAMB93_D032_2019-01-01", "artif", "32", (2019,), 2154),
    ("OCS-GE_2-0_DIFF_SHP_LAMB93_D032_2016-2019", "difference", "32", (2016, 2019), 2154),
    (
        "OCS-GE_2-0_DIFF-2016-2019_GPKG_LAMB93_D032_2023-02-15",
        "difference",
        "32",
        (2016, 2019),
        2154,
    ),
    ("OCS-GE_2-0__SHP_LAMB93_D032_DIFF_2016-2019", "difference", "32", (2016, 2019), 2154),
    ("OCS-GE_2-0_DIFF_SHP_LAMB93_D032_2019_2022", "difference", "32", (2019, 2022), 2154),
    (
        "OCS-GE-ARTIFICIALISATION_2-0_DIFF-2016-2019_GPKG_LAMB93_D032_2025-09-16",
        "artif_diff",
        "32",
        (2016, 2019),
        2154,
    ),
    # OCS GE 1.1: the millésime after the version, the edition date at the end (Gers 2019).
    ("OCS_GE_1-1_2019_SHP_LAMB93_D032_2022-06-21", "occupation", "32", (2019,), 2154),
    ("OCS_GE_1-1_2016_SHP_LAMB93_D032_2021-03-04", "occupation", "32", (2016,), 2154),
    # Overseas: their CRS tokens, and D0971 as well as D971.
    ("OCS-GE_2-0__GPKG_RGAF09UTM20_D971_2020-01-01", "occupation", "971", (2020,), 5490),
    ("OCS-GE_2-0__GPKG_RGAF09UTM20_D0971_2020-01-01", "occupation", "971", (2020,), 5490),
    ("OCS-GE_2-0__SHP_RGAF09UTM20_D0972_2017-01-01", "occupation", "972", (2017,), 5490),
    ("OCS-GE_2-0__GPKG_RGFG95UTM22_D973_2019-01-01", "occupation", "973", (2019,), 2972),
    ("OCS-GE_2-0__GPKG_RGR92UTM40S_D974_2022-01-01", "occupation", "974", (2022,), 2975),
    ("OCS-GE_2-0__GPKG_RGR92UTM40S_D0974_2022-01-01", "occupation", "974", (2022,), 2975),
    ("OCS-GE_2-0_DIFF_SHP_RGR92UTM40S_D974_2019-2022", "difference", "974", (2019, 2022), 2975),
    ("OCS-GE_2-0__GPKG_RGM04UTM38S_D976_2020-01-01", "occupation", "976", (2020,), 4471),
    ("OCS_GE_1-1_2017_SHP_RGM04UTM38S_D976_2021-11-30", "occupation", "976", (2017,), 4471),
    # Corsica.
    ("OCS-GE_2-0__GPKG_LAMB93_D02A_2019-01-01", "occupation", "2A", (2019,), 2154),
    ("OCS-GE_2-0__GPKG_LAMB93_D2A_2019-01-01", "occupation", "2A", (2019,), 2154),
    ("OCS-GE_2-0_DIFF_SHP_LAMB93_D02B_2016-2019", "difference", "2B", (2016, 2019), 2154),
]


@pytest.mark.parametrize("name, kind, departement, millesimes, epsg", NAMES)
def test_delivery_names_are_read_right(name, kind, departement, millesimes, epsg):
    assert reading.departement_from_name(name) == departement
    assert reading.millesimes_from_name(name, kind) == millesimes
    assert reading.epsg_from_name(name) == epsg


@pytest.mark.parametrize("name, kind, departement, millesimes, epsg", NAMES)
def test_catalogue_reads_the_same(name, kind, departement, millesimes, epsg):
    product = "OCSGE-ARTIFICIALISATION" if "ARTIFICIALISATION" in name else "OCSGE"
    delivery = catalogue.classify(catalogue.Entry(title=name), product)
    assert (delivery.kind, delivery.departement, delivery.millesimes, delivery.epsg) == (
        kind,
        departement,
        millesimes,
        epsg,
    )


@pytest.mark.parametrize(
    "path, millesimes",
    [
        # IGN's whole layout: the inner folder (D032-2019) is read first, the livraison number is no
        # date.
        (
            "OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01/OCS-GE/1_DONNEES_LIVRAISON_2021-06-00123/"
            "OCS-GE_2-0_GPKG_LAMB93_D032-2019/OCCUPATION_SOL.gpkg/OCCUPATION_SOL",
            (2019,),
        ),
        # A 1.1 delivery has no year inside: its name gives the millésime, not its edition date.
        (
            "/home/urba/Projets 2024/OCS_GE_1-1_2019_SHP_LAMB93_D032_2022-06-21/OCS_GE/"
            "1_DONNEES_LIVRAISON_2022-06-00123/OCSGE_1-1_SHP_LAMB93_D32/OCCUPATION_SOL.shp/OCCUPATION_SOL",
            (2019,),
        ),
        # A year in a folder of the user's is nobody's millésime.
        ("/home/urba/Projets 2024/OCCUPATION_SOL.gpkg/OCCUPATION_SOL", ()),
    ],
)
def test_paths_read_from_the_layer_up(path, millesimes):
    assert reading.millesimes_from_name(path, "occupation") == millesimes
