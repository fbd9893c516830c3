"""The regional OCS inventory (issue 28): the shipped file against its own schema, the CSV round
trip, the merge preview, the refusals, the UMC reader and the join to the région outlines.

Expected values are written out by hand from the CNIG field list and the cited pages, not derived
from the module's own constants. Messages are asserted in French (the ``french`` fixture installs
the plugin's translation, as a French QGIS does); one test checks the English source texts.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from french import french  # noqa: F401 - the fixture

from ocsge.ocsge_plugin.domain import regional_bases as rb

RESOURCES = Path(__file__).resolve().parents[2] / "ocsge_plugin" / "resources"
INVENTORY = RESOURCES / "bases_ocs_regionales.csv"
CURRENT = "11 24 27 28 32 44 52 53 75 76 84 93 94 01 02 03 04 06".split()
OLD = "21 22 23 25 26 31 41 42 43 54 72 73 74 82 83 91".split()
CNIG_FIELDS = (
    "identifiant code_region region caracteristiques millesimes dimensions nombre_postes "
    "detail_postes nombre_niveaux detail_niveaux umc images prestataires lien_donnees "
    "lien_visualiseur date_mise_a_jour echelle_interpretation echelle_restitution amo_existe "
    "amo_contenu amo_prix amo_duree amo_prestataire controle_qualite prix_production "
    "duree_production source_url date_verification"
).split()
SECOND_SET = (
    "echelle_interpretation echelle_restitution amo_existe amo_contenu amo_prix amo_duree "
    "amo_prestataire controle_qualite prix_production duree_production"
).split()


@pytest.fixture(scope="module")
def shipped():
    return rb.read_inventory(INVENTORY)


def _by_id(records):
    return {record.identifier: record for record in records}


# --- the schema and the shipped inventory ------------------------------------------------------


@pytest.mark.usefixtures("french")
def test_schema_is_the_cnig_field_list_with_french_labels():
    assert list(rb.FIELD_NAMES) == CNIG_FIELDS
    assert [f.name for f in rb.SCHEMA if f.second_set] == SECOND_SET
    for field in rb.SCHEMA:
        assert field.label and field.description, field.name
    labels = {f.name: f.label for f in rb.SCHEMA}
    assert labels["umc"] == "UMC"
    assert labels["echelle_interpretation"] == "Échelle d'interprétation"


def test_the_shipped_file_header_is_the_schema():
    with INVENTORY.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle, delimiter=";"))
    assert header == CNIG_FIELDS


def test_the_shipped_inventory_validates(shipped):
    assert len(shipped) == 40
    assert rb.validate(shipped) == []


def test_every_region_has_its_ocs_ge_row(shipped):
    ocs_ge = {r["code_region"] for r in shipped if r["caracteristiques"] == "OCS GE"}
    assert ocs_ge == set(CURRENT)
    assert len([r for r in shipped if r["caracteristiques"] == "OCS GE"]) == 18
    for record in shipped:
        if record["caracteristiques"] == "OCS GE":
            assert record["millesimes"] == ""  # left to be filled from IGN's catalogue
            assert record["lien_donnees"] == "https://geoservices.ign.fr/ocsge"
    assert {r["code_region"] for r in shipped} <= set(CURRENT) | set(OLD)


def test_every_row_names_its_source_and_verification_date(shipped):
    for record in shipped:
        assert record["source_url"].startswith(("https://", "http://")), record.identifier
        assert record["date_verification"] == "2026-12-07", record.identifier


def test_shipped_millesimes_parse_as_years(shipped):
    rows = _by_id(shipped)
    for record in shipped:
        for first, last in rb.millesimes(record["millesimes"]):
            assert 1950 <= first <= last <= 2100
    mos = rb.millesimes(rows["11-MOS"]["millesimes"])
    assert len(mos) == 11 and mos[0] == (1982, 1982) and mos[-1] == (2025, 2025)
    assert rb.millesimes(rows["42-BDOCS-CIGAL-V2"]["millesimes"]) == [
        (2000, 2000),
        (2008, 2008),
        (2011, 2012),
    ]
    assert rb.millesimes(rows["25-MOS-NORMANDIE"]["millesimes"]) == [(2015, 2016)]


def test_shipped_umc_read_as_stated_on_the_pages(shipped):
    rows = _by_id(shipped)
    assert rb.umc_m2(rows["11-MOS"]["umc"]) == (500, 500)
    assert rb.umc_m2(rows["31-OCS-CLC"]["umc"]) == (500, 2500)
    assert rb.umc_m2(rows["31-OCS2D"]["umc"]) == (300, 300)
    assert rb.umc_m2(rows["91-OCSOL-SIGLR"]["umc"]) == (250_000, 250_000)
    assert rb.umc_m2(rows["03-ONF-LITTORAL"]["umc"]) == (25_000, 50_000)
    assert rb.umc_m2(rows["04-MOS-REUNION"]["umc"]) == (200, 2500)


# --- CSV round trip --------------------------------------------------------------------------


def test_export_then_import_is_byte_identical(shipped, tmp_path):
    first = tmp_path / "export.csv"
    rb.write_inventory(shipped, first)
    assert first.read_bytes() == INVENTORY.read_bytes()
    second = tmp_path / "again.csv"
    rb.write_inventory(rb.read_inventory(first), second)
    assert second.read_bytes() == first.read_bytes()


def test_round_trip_keeps_separators_quotes_and_newlines(tmp_path):
    values = dict.fromkeys(CNIG_FIELDS, "")
    values.update(
        identifiant="X-1",
        code_region="76",
        region="Occitanie, Languedoc-Roussillon et Midi-Pyrénées",
        caracteristiques='OCS « améliorée » ; dite "OCSID"\nsur deux lignes',
        source_url="https://example.org/a",
        date_verification="2026-12-07",
    )
    path = tmp_path / "one.csv"
    rb.write_inventory([rb.Record(values)], path)
    back = rb.read_inventory(path)
    assert back == [rb.Record(values)]
    assert back[0]["caracteristiques"] == 'OCS « améliorée » ; dite "OCSID"\nsur deux lignes'
    copy = tmp_path / "copy.csv"
    rb.write_inventory(back, copy)
    assert copy.read_bytes() == path.read_bytes()


# --- merge preview and apply -----------------------------------------------------------------


def _imported(shipped, tmp_path):
    """The shipped inventory with one field of 11-MOS changed and one new base, via a file."""
    records = []
    for record in shipped:
        values = dict(record.values)
        if record.identifier == "11-MOS":
            values["umc"] = "Unité minimale de collecte de 625 m²"
        records.append(rb.Record(values))
    new = dict.fromkeys(CNIG_FIELDS, "")
    new.update(
        identifiant="24-TEST",
        code_region="24",
        region="Centre-Val de Loire",
        caracteristiques="en cours d'élaboration",
        source_url="https://example.org/centre",
        date_verification="2026-12-08",
    )
    records.append(rb.Record(new))
    path = tmp_path / "imported.csv"
    rb.write_inventory(records, path)
    return rb.import_inventory(path)


@pytest.mark.usefixtures("french")
def test_preview_shows_exactly_the_changed_and_the_new_record(shipped, tmp_path):
    preview = rb.merge(shipped, _imported(shipped, tmp_path))
    assert [r.identifier for r in preview.added] == ["24-TEST"]
    assert [c.identifier for c in preview.changed] == ["11-MOS"]
    assert preview.changed[0].fields == (
        rb.FieldChange(
            "umc", "Unité minimale de collecte de 500 m²", "Unité minimale de collecte de 625 m²"
        ),
    )
    assert len(preview.unchanged) == 39 and "11-MOS" not in preview.unchanged
    assert preview.absent == ()
    assert preview.summary().startswith("1 fiche(s) nouvelle(s), 1 modifiée(s), 39 inchangée(s)")


def test_apply_overwrites_nothing_that_is_not_accepted(shipped, tmp_path):
    preview = rb.merge(shipped, _imported(shipped, tmp_path))
    assert rb.apply(preview) == shipped
    only_new = rb.apply(preview, accept=["24-TEST"])
    assert len(only_new) == 41 and only_new[-1].identifier == "24-TEST"
    assert _by_id(only_new)["11-MOS"]["umc"] == "Unité minimale de collecte de 500 m²"
    only_change = rb.apply(preview, accept=[("11-MOS", "umc")])
    assert len(only_change) == 40
    assert _by_id(only_change)["11-MOS"]["umc"] == "Unité minimale de collecte de 625 m²"
    assert [r.identifier for r in only_change] == [r.identifier for r in shipped]


def test_records_missing_from_the_import_are_kept(shipped):
    preview = rb.merge(shipped, shipped[:5])
    assert len(preview.absent) == 35 and len(preview.unchanged) == 5
    assert rb.apply(preview, accept=[r.identifier for r in shipped]) == shipped


# --- refusals --------------------------------------------------------------------------------


def _write_with(shipped, tmp_path, identifier, **changes):
    records = []
    for record in shipped:
        values = dict(record.values)
        if record.identifier == identifier:
            values.update(changes)
        records.append(rb.Record(values))
    path = tmp_path / "bad.csv"
    rb.write_inventory(records, path)
    line = 2 + [r.identifier for r in shipped].index(identifier)
    return path, line


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("millesimes", "2008, 20O8", "n'est pas une année"),
        ("millesimes", "1949", "n'est pas une année entre 1950 et 2100"),
        ("millesimes", "2000-2015", "deux millésimes s'écrivent « 2000, 2015 »"),
        ("lien_donnees", "htp:/data.example", "n'est pas une adresse http(s) bien formée"),
        ("source_url", "https://ok.example.org pas-une-url", "« pas-une-url » n'est pas"),
        ("code_region", "99", "« 99 » n'est pas un code INSEE de région"),
        ("dimensions", "3", "1 ou 2 attendu"),
        ("umc", "quelques ares", "ne cite aucune surface"),
        ("date_mise_a_jour", "07/12/2026", "n'est pas une date AAAA-MM-JJ"),
        ("date_verification", "", "valeur obligatoire absente"),
    ],
)
@pytest.mark.usefixtures("french")
def test_a_bad_value_is_refused_naming_line_and_field(shipped, tmp_path, field, value, words):
    path, line = _write_with(shipped, tmp_path, "11-MOS", **{field: value})
    with pytest.raises(rb.InventoryError) as refused:
        rb.import_inventory(path)
    assert len(refused.value.problems) == 1
    message = refused.value.problems[0]
    assert message.startswith(f"Ligne {line}, champ « {field} » (")
    assert words in message


@pytest.mark.usefixtures("french")
def test_a_wrong_column_header_is_refused(tmp_path):
    text = INVENTORY.read_text(encoding="utf-8").replace(";umc;", ";UMC_m2;", 1)
    path = tmp_path / "header.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(rb.InventoryError) as refused:
        rb.import_inventory(path)
    assert refused.value.problems == [
        "Ligne 1, colonne 11 : en-tête « UMC_m2 » au lieu de « umc »."
    ]


@pytest.mark.usefixtures("french")
def test_a_missing_column_and_a_short_row_are_refused(tmp_path):
    lines = INVENTORY.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "short.csv"
    path.write_text(lines[0].replace(";date_verification", ""), encoding="utf-8")
    with pytest.raises(rb.InventoryError) as refused:
        rb.read_inventory(path)
    assert refused.value.problems == [
        "Ligne 1, champ « date_verification » : colonne absente de l'en-tête."
    ]
    path.write_text(lines[0] + "a;b;c\n", encoding="utf-8")
    with pytest.raises(rb.InventoryError) as refused:
        rb.read_inventory(path)
    assert refused.value.problems == ["Ligne 2 : 3 colonnes au lieu de 28."]


def test_messages_have_english_sources_without_the_translation(shipped):
    """Without a translator (an English QGIS) the labels and messages are the English sources."""
    labels = {f.name: f.label for f in rb.SCHEMA}
    assert labels["umc"] == "MMU" and labels["identifiant"] == "Identifier"
    twice = [*shipped, rb.Record(dict(shipped[0].values))]
    assert rb.validate(twice) == [
        "Line 42, field “identifiant” (Identifier): “11-OCSGE” already used on line 2."
    ]
    assert rb.merge(shipped, shipped).summary() == (
        "0 new record(s), 0 changed, 40 unchanged, 0 missing from the imported file (kept)."
    )


@pytest.mark.usefixtures("french")
def test_a_duplicate_identifier_is_refused(shipped):
    twice = [*shipped, rb.Record(dict(shipped[0].values))]
    assert rb.validate(twice) == [
        "Ligne 42, champ « identifiant » (Identifiant) : « 11-OCSGE » déjà utilisé ligne 2."
    ]


# --- UMC -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Entre 500 m² et 1000 m². Jusqu'à 300 m² pour les espaces verts urbains", (300, 1000)),
        ("Entre 500 m² et 1000 m²", (500, 1000)),
        ("Entre 500 et 1000 m2", (500, 1000)),
        ("0,25 ha", (2500, 2500)),
        ("2,5 ha", (25_000, 25_000)),
        ("de 500 à 2 500 m2", (500, 2500)),
        ("2 500 m²", (2500, 2500)),
        ("1 km²", (1_000_000, 1_000_000)),
        ("UMC 200 m² (bâti), 0,05 ha ailleurs", (200, 500)),
        ("millésime 2015 : 500 m²", (500, 500)),
        ("sans surface", None),
        ("habitat dense", None),
    ],
)
def test_umc_m2_on_hand_known_texts(text, expected):
    assert rb.umc_m2(text) == expected


# --- région outlines -------------------------------------------------------------------------


def _outlines(name):
    return json.loads((RESOURCES / name).read_text(encoding="utf-8"))


def test_region_codes_match_the_shipped_outlines_and_mapping():
    current = {
        f["properties"]["code"] for f in _outlines("regions-avec-outre-mer.geojson")["features"]
    }
    old = _outlines("regions-avant-redecoupage-2015.geojson")["features"]
    assert current == set(CURRENT) == set(rb.CURRENT_REGIONS)
    assert {f["properties"]["code"] for f in old} == set(OLD) | {"11", "24", "52", "53", "93", "94"}
    with (RESOURCES / "regions_avant_2016.csv").open(encoding="utf-8", newline="") as handle:
        mapping = {
            row["code_ancien"]: row["code_region"] for row in csv.DictReader(handle, delimiter=";")
        }
    assert mapping == rb.OLD_TO_CURRENT
    assert mapping["91"] == "76" and mapping["42"] == "44" and mapping["25"] == "28"


@pytest.mark.usefixtures("french")
def test_to_geojson_on_current_outlines(shipped):
    joined = rb.to_geojson(shipped, _outlines("regions-avec-outre-mer.geojson"))
    by_code = {f["properties"]["code"]: f["properties"] for f in joined["features"]}
    assert len(by_code) == 18
    centre = by_code["24"]
    assert centre["bases_regionales"] == 0
    assert centre["statut"] == "Aucune base régionale recensée"
    assert centre["identifiants"] == "24-OCSGE"
    occitanie = by_code["76"]
    assert occitanie["bases_regionales"] == 2
    assert occitanie["identifiants"] == "76-OCSGE | 91-OCSOL-SIGLR | 76-OCSID"
    assert by_code["32"]["identifiants"] == "32-OCSGE | 31-OCS-CLC | 31-OCS2D"
    assert by_code["28"]["bases_regionales"] == 3
    assert joined["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_to_geojson_on_pre_2016_outlines(shipped):
    joined = rb.to_geojson(shipped, _outlines("regions-avant-redecoupage-2015.geojson"))
    by_code = {f["properties"]["code"]: f["properties"] for f in joined["features"]}
    assert len(by_code) == 22
    assert by_code["91"]["identifiants"] == "76-OCSGE | 91-OCSOL-SIGLR | 76-OCSID"
    assert by_code["73"]["identifiants"] == "76-OCSGE | 76-OCSID"
    assert by_code["42"]["bases_regionales"] == 2  # BdOCS CIGAL v2 and OCS Grand Est
    assert by_code["41"]["bases_regionales"] == 1  # OCS Grand Est only


def test_regions_without_regional_base(shipped):
    assert rb.regions_without_regional_base(shipped) == ["01", "24", "27", "52"]
