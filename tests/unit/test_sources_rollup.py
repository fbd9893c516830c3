"""sources.py (what a layer is, which to keep) and rollup.py (communes summed into higher levels) on
small hand tables whose answers are known by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from qgis.core import QgsVectorLayer

from ocsge.ocsge_plugin.computing import rollup, sources
from ocsge.ocsge_plugin.computing.table import TABLE_COLUMNS
from ocsge.ocsge_plugin.core.errors import TerritoryError
from ocsge.ocsge_plugin.storage import reading


def _layer(name: str, fields: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"MultiPolygon?crs=EPSG:2154&field={fields}", name, "memory")
    assert layer.isValid()
    return layer


@pytest.mark.parametrize(
    "name, fields, role, kind, dep, years",
    [
        (
            "occupation_D090_2018",
            "code_cs:string&field=code_us:string",
            "stock",
            "occupation",
            "90",
            (2018,),
        ),
        (
            "artif_D090_2021",
            "CODE_CS:string&field=CODE_US:string&field=ARTIF:string",
            "stock",
            "artif",
            "90",
            (2021,),
        ),
        (
            "classified_D032-2019",
            "artif:integer&field=imper:integer&field=code_cs:string",
            "stock",
            "classified",
            "32",
            (2019,),
        ),
        (
            "difference_D090_2018_2021",
            "cs_debut:string&field=us_debut:string&field=cs_fin:string&field=us_fin:string",
            "flow",
            "difference",
            "90",
            (2018, 2021),
        ),
        (
            "zan_evol_D090_2018_2021",
            "artificialisation:integer&field=cs_debut:string&field=cs_fin:string",
            "flow",
            "artif_diff",
            "90",
            (2018, 2021),
        ),
        (
            "flux_D032_2016-2019",
            "flux_artif:integer&field=flux_imper:integer",
            "flow",
            "flows",
            "32",
            (2016, 2019),
        ),
        # IGN's own spellings under a neutral name (a database table): the years come from the
        # fields.
        (
            "t1",
            "cs_2016:string&field=us_2016:string&field=cs_2019:string&field=us_2019:string",
            "flow",
            "difference",
            None,
            (2016, 2019),
        ),
        (
            "DIFF",
            "CS_2018:string&field=US_2018:string&field=CS_2021:string&field=US_2021:string",
            "flow",
            "difference",
            None,
            (2018, 2021),
        ),
        (
            "ocsge_d090_diff_2018_2021",
            "cs_avant:string&field=us_avant:string&field=cs_apres:string&field=us_apres:string",
            "flow",
            "difference",
            "90",
            (2018, 2021),
        ),
        (
            "t2",
            "cs_2018:string&field=cs_2021:string&field=artif_2018:string&field=artif_2021:string&field=artificialisation:integer",
            "flow",
            "artif_diff",
            None,
            (2018, 2021),
        ),
    ],
)
def test_a_layer_is_told_by_its_fields_and_names(name, fields, role, kind, dep, years):
    source = sources.describe_source(_layer(name, fields))
    assert (source.role, source.kind, source.departement, source.millesimes) == (
        role,
        kind,
        dep,
        years,
    )
    assert all(
        field in source.layer.fields().names() for field in source.fields.values()
    )  # the layer's own spelling


def test_a_layer_with_nothing_to_give_and_one_without_millesime():
    assert sources.describe_source(_layer("zone construite", "code_cs:string")) is None
    assert (
        sources.describe_source(
            _layer("flux_D032_2016-2019", "present:integer&field=millesime:integer")
        )
        is None
    )
    with pytest.raises(TerritoryError, match="Mon zonage"):
        sources.describe_source(_layer("Mon zonage", "couverture:string&field=usage:string"))


@pytest.mark.parametrize(
    "names, text, kind",
    [
        (["CODE_CS", "CODE_US"], None, "occupation"),
        (["couverture", "usage"], None, "occupation"),
        (["code_cs", "usage"], None, "occupation"),
        (["CODE_CS", "CODE_US", "ARTIF", "CRIT_SEUIL"], ["CODE_CS", "CODE_US", "ARTIF"], "artif"),
        (
            ["code_cs", "code_us", "artif", "imper"],
            ["code_cs", "code_us"],
            "classified",
        ),  # numeric artif: ours
        (
            ["code_cs", "code_us", "artif", "imper"],
            ["code_cs", "code_us", "artif"],
            "artif",
        ),  # IGN's text artif
        (["code_cs", "code_us", "artif", "imper"], None, "artif"),  # types unknown: IGN's reading
        (["cs_2016", "us_2016", "cs_2019", "us_2019"], None, "difference"),
        (["CS_AVANT", "US_AVANT", "CS_APRES", "US_APRES"], None, "difference"),
        (["cs_debut", "cs_fin"], None, "difference"),
        (["cs_2016"], None, None),  # one year is not a difference
        (["ARTIFICIALISATION", "CS_2018", "CS_2021"], None, "artif_diff"),
        (["flux_artif", "flux_imper", "cs_debut", "cs_fin"], None, "flows"),
        (["present", "millesime", "code_cs", "code_us"], None, "presence"),
        (["code_cs"], None, None),
        (["nom", "insee_com"], None, None),
    ],
)
def test_one_detector_tells_every_kind_from_the_fields(names, text, kind):
    assert reading.kind_from_fields(names, text) == kind


def test_a_difference_table_without_usage_is_left_out():
    assert sources.describe_source(_layer("t1", "cs_2016:string&field=cs_2019:string")) is None


def test_titles_keep_a_name_the_user_gave():
    assert (
        sources.source_title("occupation_D090_2018", "occupation", "90", (2018,))
        == "Occupation du sol D90 2018"
    )
    assert (
        sources.source_title("Mon zonage", "flows", "32", (2016, 2019))
        == "Mon zonage (Flux D32 2016-2019)"
    )


def _source(kind: str, role: str, years: tuple[int, ...], title: str) -> sources.Source:
    return sources.Source(None, role, kind, "90", years, {}, title)


def test_select_one_layer_per_millesime_by_the_method():
    both = [
        _source("occupation", "stock", (2021,), "occ"),
        _source("artif", "stock", (2021,), "ign"),
    ]
    kept, notes = sources.select_sources(both, "auto")
    assert [s.title for s in kept] == ["ign"] and notes == [
        "occ left out: ign gives the same millésime(s)."
    ]
    kept, _ = sources.select_sources(both, "matrice")
    assert [s.title for s in kept] == ["occ"]


def test_ign_artificialisation_difference_and_difference_share_the_flows():
    pair = [
        _source("artif_diff", "flow", (2018, 2021), "zan"),
        _source("difference", "flow", (2018, 2021), "diff"),
    ]
    kept, _ = sources.select_sources(pair, "auto")
    assert {s.title: s.flows for s in kept} == {"zan": ("artif",), "diff": ("imper",)}


def test_with_the_thresholds_flows_come_from_the_overlay_of_two_millesimes():
    layers = [
        _source("occupation", "stock", (2018,), "a"),
        _source("occupation", "stock", (2021,), "b"),
        _source("difference", "flow", (2018, 2021), "diff"),
    ]
    kept, notes = sources.select_sources(layers, "matrice_seuils")
    assert [s.title for s in kept] == ["a", "b"]
    assert "diff left out" in notes[0]
    assert (
        sources.resolve_stock_method(_source("classified", "stock", (2021,), "c"), "matrice_seuils")
        == "classified"
    )


# --------------------------------------------------------------------------------------- roll-up


def _communes(*rows):
    out = []
    for code, area, artif, flux in rows:
        row = {name: None for name in TABLE_COLUMNS}
        row.update(
            code=code,
            nom=f"C{code}",
            index_debut=1,
            index_fin=2,
            millesime_debut="2018",
            millesime_fin="2021",
            surface=area,
            surface_couverte=area,
            surface_artif=artif,
            flux_artif=flux,
            flux_desartif=0.0,
            flux_artif_net=flux,
            polygones_repares=0.0,
        )
        out.append(row)
    return pd.DataFrame(out)


MEMBERSHIP = """commune_code;epci_code;epci_nom;departement_code;region_code
90001;200069052;Grand Belfort;90;27
90002;200069052;Grand Belfort;90;27
93001;200057867;Est Ensemble;93;11
"""


def test_rollup_sums_communes_and_reads_percentages_over_the_summed_area(tmp_path):
    path = tmp_path / "appartenance.csv"
    path.write_bytes(MEMBERSHIP.encode("cp1252"))
    membership = rollup.Membership.from_csv(path)
    communes = _communes(
        ("90001", 10000.0, 1000.0, 100.0),
        ("90002", 30000.0, 2000.0, 50.0),
        ("93001", 5000.0, 4000.0, 0.0),
        ("2A004", 7000.0, 700.0, 7.0),
    )
    result = rollup.rollup(communes, membership, ("epci", "departement", "region"))
    epci = result.levels["epci"].set_index("code")
    assert epci.loc["200069052", "surface"] == 40000.0
    assert epci.loc["200069052", "surface_artif"] == 3000.0
    assert epci.loc["200069052", "pourcent_artif"] == 100.0 * 3000.0 / 40000.0
    assert epci.loc["200069052", "flux_artif"] == 150.0
    # An EPT is no EPCI: its commune counts in the Métropole du Grand Paris.
    assert (
        epci.loc[rollup.MGP_CODE, "nom"] == "Métropole du Grand Paris"
        and epci.loc[rollup.MGP_CODE, "surface_artif"] == 4000.0
    )
    assert any("EPT" in note for note in result.warnings)
    # A commune without membership row: its département from the INSEE code, in no EPCI.
    assert result.without_membership == ["2A004"]
    deps = result.levels["departement"].set_index("code")
    assert deps.loc["2A", "surface"] == 7000.0 and deps.loc["90", "surface"] == 40000.0
    assert result.members["epci"]["200069052"] == ["90001", "90002"]
    assert list(rollup.commune_table(result).columns[:6]) == [
        "code",
        "nom",
        "epci_code",
        "departement_code",
        "region_code",
        "scot_code",
    ]


def test_departement_of_commune_and_decoding():
    assert [rollup.departement_of_commune(c) for c in ("90010", "97411", "2A004", "123")] == [
        "90",
        "974",
        "2A",
        None,
    ]
    assert rollup.decode_text("é;è".encode("cp1252")) == "é;è"
    assert rollup.decode_text(b"\xef\xbb\xbfcode") == "code"


def test_a_membership_table_without_codes_is_refused():
    with pytest.raises(TerritoryError, match="commune_code"):
        rollup.Membership.from_table(pd.DataFrame({"insee": ["90001"]}))
