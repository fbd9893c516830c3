"""IGN's Atom listing: parsing, paging, classifying deliveries by IGN's names, URLs (domain.md
§1)."""

from __future__ import annotations

import pytest
from fakeservices import IGN, plugin_settings, serve_ign

from ocsge.ocsge_plugin.services import catalogue, network

FEED = b"""<?xml version='1.0' encoding='UTF-8' standalone='yes'?>
<feed xmlns:georss="http://www.georss.org/georss" xmlns:gpf_dl="https://data.geopf.fr/annexes/ressources/xsd/gpf_dl.xsd"
      xmlns="http://www.w3.org/2005/Atom" xml:lang="fr" gpf_dl:page="2" gpf_dl:pagesize="2" gpf_dl:pagecount="3"
      gpf_dl:totalentries="5">
  <title>OCSGE</title>
  <entry>
    <title>OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01</title>
    <link href="https://data.geopf.fr/telechargement/resource/OCSGE/OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01"
          rel="alternate" type="application/atom+xml"/>
    <updated>2023-03-01T11:00:00+01:00</updated>
    <gpf_dl:zone term="D032" label="D032 Gers"/>
    <gpf_dl:format term="GPKG" label="GPKG (GeoPackage)"/>
    <gpf_dl:editionDate>2023-02-15</gpf_dl:editionDate>
  </entry>
  <entry>
    <title>OCS-GE_2-0__SHP_LAMB93_D032_DIFF_2016-2019</title>
    <link href="https://data.geopf.fr/telechargement/resource/OCSGE/OCS-GE_2-0__SHP_LAMB93_D032_DIFF_2016-2019"/>
    <updated>2022-06-01T00:00:00+02:00</updated>
    <gpf_dl:zone term="D032" label="D032 Gers"/>
    <gpf_dl:format term="SHP" label="SHP (Shapefile)"/>
  </entry>
</feed>"""  # noqa: E501 - IGN's Atom feed as served


def test_parse_feed_reads_entries_and_paging():
    feed = catalogue.parse_feed(FEED)
    assert (feed.page, feed.pagecount, feed.totalentries) == (2, 3, 5)
    first, second = feed.entries
    assert first.title == "OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01"
    assert first.link.endswith("/resource/OCSGE/OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01")
    assert (first.updated, first.zone, first.format, first.edition) == (
        "2023-03-01T11:00:00+01:00",
        "D032",
        "GPKG",
        "2023-02-15",
    )
    assert (second.format, second.edition) == ("SHP", "")


def test_unreadable_listing_is_a_message():
    with pytest.raises(catalogue.CatalogueError, match="unreadable"):
        catalogue.parse_feed(b"<html><body>maintenance")
    with pytest.raises(catalogue.CatalogueError, match="Atom"):
        catalogue.parse_feed(b"<html/>")


@pytest.mark.parametrize(
    "name, product, kind, departement, millesimes, fmt, epsg",
    [
        (
            "OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01",
            "OCSGE",
            "occupation",
            "32",
            (2019,),
            "GPKG",
            2154,
        ),
        (
            "OCS-GE_2-0__SHP_LAMB93_D032_2019-01-01",
            "OCSGE",
            "occupation",
            "32",
            (2019,),
            "SHP",
            2154,
        ),
        (
            "OCS-GE_2-0_DIFF_SHP_LAMB93_D001_2018-2021",
            "OCSGE",
            "difference",
            "01",
            (2018, 2021),
            "SHP",
            2154,
        ),
        (
            "OCS-GE_2-0__SHP_LAMB93_D032_DIFF_2016-2019",
            "OCSGE",
            "difference",
            "32",
            (2016, 2019),
            "SHP",
            2154,
        ),
        (
            "OCS-GE_2-0_DIFF-2019-2022_GPKG_LAMB93_D032_2026-02-26",
            "OCSGE",
            "difference",
            "32",
            (2019, 2022),
            "GPKG",
            2154,
        ),
        (
            "OCS-GE_2-0_ARTIFICIALISATION_GPKG_LAMB93_D001_2018-01-01",
            "OCSGE-ARTIFICIALISATION",
            "artif",
            "01",
            (2018,),
            "GPKG",
            2154,
        ),
        (
            "OCS-GE-ARTIFICIALISATION_2-0_DIFF-2018-2021_GPKG_LAMB93_D001_2025-09-16",
            "OCSGE-ARTIFICIALISATION",
            "artif_diff",
            "01",
            (2018, 2021),
            "GPKG",
            2154,
        ),
        (
            "OCS-GE_2-0__GPKG_LAMB93_D02A_2019-01-01",
            "OCSGE",
            "occupation",
            "2A",
            (2019,),
            "GPKG",
            2154,
        ),
        (
            "OCS-GE_2-0__GPKG_RGAF09UTM20_D971_2020-01-01",
            "OCSGE",
            "occupation",
            "971",
            (2020,),
            "GPKG",
            5490,
        ),
        (
            "OCS-GE_2-0__GPKG_RGR92UTM40S_D0974_2022-01-01",
            "OCSGE",
            "occupation",
            "974",
            (2022,),
            "GPKG",
            2975,
        ),
    ],
)
def test_deliveries_are_classified_from_ign_names(
    name, product, kind, departement, millesimes, fmt, epsg
):
    delivery = catalogue.classify(catalogue.Entry(title=name), product)
    assert (
        delivery.kind,
        delivery.departement,
        delivery.millesimes,
        delivery.format,
        delivery.epsg,
    ) == (kind, departement, millesimes, fmt, epsg)


def test_urls_follow_ign_patterns():
    base = "https://data.geopf.fr/telechargement"
    assert catalogue.listing_url(base, "OCSGE", "D032", "GPKG") == (
        "https://data.geopf.fr/telechargement/resource/OCSGE?zone=D032&format=GPKG&page=1&limit=50"
    )
    name = "OCS-GE-ARTIFICIALISATION_2-0_DIFF-2018-2021_GPKG_LAMB93_D001_2025-09-16"
    delivery = catalogue.classify(catalogue.Entry(title=name), "OCSGE-ARTIFICIALISATION")
    assert (
        delivery.download_url(base)
        == f"https://data.geopf.fr/telechargement/download/OCSGE-ARTIFICIALISATION/{name}/{name}.7z"
    )


def test_departement_codes():
    assert [catalogue.zone(c) for c in ("32", "032", "D032", "1", "2a", "974", "D0971")] == [
        "D032",
        "D032",
        "D032",
        "D001",
        "D02A",
        "D974",
        "D971",
    ]
    codes = [code for code, _ in catalogue.departements()]
    assert (
        len(codes) == 101
        and {"2A", "2B", "976"} <= set(codes)
        and "20" not in codes
        and "975" not in codes
    )
    for bad in ("99", "", "Gers"):
        with pytest.raises(catalogue.CatalogueError, match="not a département"):
            catalogue.zone(bad)


@pytest.fixture
def ign(httpserver_ipv4, qgis_app):
    with plugin_settings(ign_url=httpserver_ipv4.url_for(IGN), network__backoff=0.01):
        yield httpserver_ipv4


def test_listing_of_a_departement_reads_every_page(ign):
    calls = []
    serve_ign(
        ign, pagesize=2, calls=calls
    )  # 4 OCSGE entries → 2 pages; 2 artificialisation → 1 page
    deliveries = catalogue.Catalogue().deliveries("90")
    assert [(d.kind, d.years, d.format) for d in deliveries] == [
        ("occupation", "2018", "GPKG"),
        ("occupation", "2021", "GPKG"),
        ("occupation", "2021", "SHP"),
        ("difference", "2018-2021", "GPKG"),
        ("artif", "2021", "GPKG"),
        ("artif_diff", "2018-2021", "GPKG"),
    ]
    assert [(product, args["page"], args["zone"]) for product, args in calls] == [
        ("OCSGE", "1", "D090"),
        ("OCSGE", "2", "D090"),
        ("OCSGE-ARTIFICIALISATION", "1", "D090"),
    ]
    assert deliveries[0].date == "2025-09-16" and deliveries[0].link.endswith(
        "/OCS-GE_2-0__GPKG_LAMB93_D090_2018-01-01"
    )


def test_empty_listing(ign):
    serve_ign(ign)  # knows D090 only
    assert catalogue.Catalogue().deliveries("32") == []


def test_listing_failure_is_a_message(ign):
    ign.expect_request(f"{IGN}/resource/OCSGE").respond_with_data("Service Unavailable", status=503)
    with pytest.raises(network.NetworkError, match="HTTP 503"):
        catalogue.Catalogue(network.Client(retries=1, backoff=0.01)).deliveries("32")
    assert len(ign.log) == 2


def test_select_by_kind_millesime_and_format(ign):
    serve_ign(ign)
    deliveries = catalogue.Catalogue().deliveries("90")
    pick = catalogue.select
    assert (
        pick(deliveries, "occupation").name == "OCS-GE_2-0__GPKG_LAMB93_D090_2021-01-01"
    )  # most recent, GPKG first
    assert pick(deliveries, "occupation", (2018,)).name == "OCS-GE_2-0__GPKG_LAMB93_D090_2018-01-01"
    assert (
        pick(deliveries, "occupation", (2021,), "SHP").name
        == "OCS-GE_2-0__SHP_LAMB93_D090_2021-01-01"
    )
    assert pick(deliveries, "difference", (2021,)).millesimes == (
        2018,
        2021,
    )  # a difference by its final year
    assert pick(deliveries, "artif_diff", (2018, 2021)).product == "OCSGE-ARTIFICIALISATION"
    with pytest.raises(
        catalogue.CatalogueError, match=r"Available: 2018 \(GPKG\), 2021 \(GPKG\), 2021 \(SHP\)"
    ):
        pick(deliveries, "occupation", (2024,))
    with pytest.raises(
        catalogue.CatalogueError, match=r"for 2018-2021 SHP\. Available: 2018-2021 \(GPKG\)"
    ):
        pick(deliveries, "difference", (2018, 2021), "SHP")
    assert (
        catalogue.parse_millesimes(" 2016-2019 ") == (2016, 2019)
        and catalogue.parse_millesimes("") == ()
    )
    with pytest.raises(catalogue.CatalogueError, match="not a millésime"):
        catalogue.parse_millesimes("19")
