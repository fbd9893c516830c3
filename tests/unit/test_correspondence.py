"""Correspondence tables (ocsge_plugin/domain/correspondence.py): a regional base's codes →
artificialisé / imperméable, read as a CRIGE writes the file, and the classification through it
(hand squares in a made-up two-level nomenclature)."""

from __future__ import annotations

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

# A made-up two-level nomenclature: 1 built-up (1.1 housing, 1.2 roads), 2 farmland (2.1 crops),
# 3 quarries (3.1, which the table leaves undetermined); 9.9 is in no table.
TABLE = (
    "# nom: Base régionale d'essai\n"
    "# source: https://example.org/nomenclature.pdf\n"
    "code;libellé;Artificialisé;Imperméable\n"
    "1.1;Habitat;oui;indéterminé\n"
    "1.2;Routes;OUI;oui\n"
    "2.1;Cultures;non;non\n"
    "3.1;Carrières;indetermine;\n"
)


@pytest.fixture(scope="module")
def corr(ocsge):
    from ocsge.ocsge_plugin.domain import correspondence

    return correspondence


def write(tmp_path, text, name="table.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_read_names_codes_and_statuses(corr, tmp_path):
    table = corr.read_correspondence(write(tmp_path, TABLE))
    assert table == "correspondance:Base régionale d'essai"  # the text written as the convention
    assert table.name == "Base régionale d'essai"
    assert table.source == "https://example.org/nomenclature.pdf"
    # (imperméable, artificialisé); an empty cell is indéterminé
    assert table.statuses("1.1") == (None, True)
    assert table.statuses(" 1.2 ") == (True, True)
    assert table.statuses("2.1") == (False, False)
    assert table.statuses("3.1") == (None, None)
    assert table.statuses("9.9") == (None, None) and not table.is_mapped("9.9")
    assert table.label("1.2") == "Routes"
    assert table.describe()["codes"] == {
        "artificialise": 2,
        "non_artificialise": 1,
        "indetermine": 1,
    }


def test_copies_keep_the_table_and_field(corr, tmp_path):
    import copy
    import pickle

    table = corr.read_correspondence(write(tmp_path, TABLE)).for_field("code_n2")
    for again in (copy.deepcopy(table), pickle.loads(pickle.dumps(table))):
        assert again == table and isinstance(again, corr.Correspondence)
        assert again.field == "code_n2" and again.statuses("1.2") == (True, True)


def test_latin1_comma_no_name_numeric_codes(corr, tmp_path):
    text = "code,artificialise,impermeable\n112,oui,non\n211,non,non\n"
    table = corr.read_correspondence(write(tmp_path, text, "clc_essai.csv", "latin-1"))
    assert table.name == "clc_essai"  # the file's stem when no « # nom: » line
    assert table.statuses(112) == (False, True)  # an integer field
    assert table.statuses(211.0) == (False, False)  # a real field


def test_problems_named_by_line_and_column(corr, tmp_path):
    text = "code;artificialise;impermeable\n1.1;peut-être;non\n;oui;non\n2.1;non;non\n2.1;oui;non\n"
    with pytest.raises(corr.CorrespondenceError) as error:
        corr.read_correspondence(write(tmp_path, text))
    message = str(error.value)
    assert "3 problem" in message
    assert "line 2, column artificialise: “peut-être”" in message
    assert "line 3: no code" in message
    assert "line 5: code 2.1 already given line 4" in message
    with pytest.raises(corr.CorrespondenceError, match="no column impermeable"):
        corr.read_correspondence(write(tmp_path, "code;artificialise\n1;oui\n"))


def test_shipped_corine_land_cover(corr):
    from ocsge.ocsge_plugin.domain.nomenclature import RESOURCES

    table = corr.read_correspondence(RESOURCES / "correspondances" / "clc_niveau1.csv")
    assert table.source.startswith("https://www.statistiques.developpement-durable.gouv.fr/")
    assert len(table.entries) == 44  # the 44 postes of level 3
    assert table.statuses("111") == (None, True) and table.statuses("142") == (None, True)
    assert table.statuses("211") == (None, False) and table.statuses("523") == (None, False)


def test_rules_resolve_reads_the_code_through_the_table(corr, tmp_path):
    from ocsge.ocsge_plugin.domain.rules import resolve

    table = corr.read_correspondence(write(tmp_path, TABLE))
    assert resolve("1.2", "anything", table) == (True, True)
    assert resolve("9.9", None, table) == (None, None)  # unmapped: indéterminé, never « non »


def layer_of(rows):
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:2154&field=code_n2:string", "regional", "memory")
    features = []
    for wkt, code in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes([code])
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


def square(x, y, size):
    return f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))"


def test_classify_through_the_table_reports_unmapped_codes_with_surface(corr, tmp_path):
    from ocsge.ocsge_plugin.computing import classify

    table = corr.read_correspondence(write(tmp_path, TABLE))
    layer = layer_of(
        [
            (square(0, 0, 100), "1.1"),  # 1 ha artificialisé, imperméabilisation indéterminée
            (square(100, 0, 100), "1.2"),  # 1 ha artificialisé, imperméable
            (square(0, 100, 100), "2.1"),  # 1 ha neither
            (square(100, 100, 50), "3.1"),  # 0.25 ha indéterminé (the table says so)
            (square(200, 0, 20), "9.9"),  # 0.04 ha unmapped: indéterminé, reported
        ]
    )
    result = classify.classify_layer(layer, "auto", "code_n2", None, convention=table)
    assert result.method == "matrice" and result.convention == table
    totals = {
        key: (row.count, round(row.area_m2, 6))
        for key in ("artif", "imper", "indetermine", "indetermine_imper")
        for row in __import__(
            "ocsge.ocsge_plugin.computing.classified", fromlist=["summary"]
        ).summary(result)
        if row.key == key
    }
    assert totals["artif"] == (2, 20000.0)
    assert totals["imper"] == (1, 10000.0)
    assert totals["indetermine"] == (2, 2500.0 + 400.0)
    assert totals["indetermine_imper"] == (3, 10000.0 + 2500.0 + 400.0)
    assert result.unknown_codes == {"9.9": 1}
    assert result.unknown_surface == {"9.9": pytest.approx(400.0)}
    with pytest.raises(classify.ClassifyError, match="correspondence table"):
        classify.classify_layer(layer, "matrice_seuils", "code_n2", None, convention=table)


def test_portrait_texts_name_the_table(ocsge):
    """A portrait of tables computed through a table says so: cover and method note name it, never
    « IGN, OCS GE » nor the décret's matrix; OCS GE's portrait is unchanged."""
    from ocsge.ocsge_plugin.report import content

    regional = dict(content.method_note("matrice", "correspondance:MOS 2021 niveau 2"))
    assert "« MOS 2021 niveau 2 »" in regional["Données"]
    assert "table de correspondance « MOS 2021 niveau 2 »" in regional["Artificialisation"]
    assert "matrice couverture × usage" not in regional["Artificialisation"]
    assert "« MOS 2021 niveau 2 »" in regional["Imperméabilisation"]
    assert "jamais comme non artificialisé" in regional["Codes indéterminés"]
    ocsge_note = dict(content.method_note("matrice", "indetermine"))
    assert "matrice couverture × usage" in ocsge_note["Artificialisation"]
    assert list(regional) == list(ocsge_note)  # same headings (the layout's)
    assert content.convention_words("national").startswith("comme les fichiers nationaux")
