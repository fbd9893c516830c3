"""The plugin's tables read back from a layer (ocsge_plugin/publishing/read_back.py): the fields
missing named in the message, null values as None, the unit from the ``unite`` column."""

from __future__ import annotations

import pandas as pd
import pytest
from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

from ocsge.ocsge_plugin.core.errors import TerritoryError
from ocsge.ocsge_plugin.publishing import read_back


def test_the_missing_fields_are_named_in_the_message():
    layer = QgsVectorLayer("None?field=code:string&field=surface:double", "t", "memory")
    assert read_back.field_names(layer, ["code"], "no {missing}") == ["code", "surface"]
    with pytest.raises(TerritoryError, match="^no nom, surface_artif$"):
        read_back.field_names(layer, ["code", "nom", "surface", "surface_artif"], "no {missing}")


def test_a_null_value_is_none_and_others_are_plain():
    assert read_back.plain(QVariant()) is None
    assert read_back.plain(QVariant(2.5)) == 2.5
    assert read_back.plain("90010") == "90010"
    assert read_back.plain(None) is None


@pytest.mark.parametrize(
    ("unite", "unit"), [(None, "ha"), ([None, "m2"], "m2"), (["ha", "ha"], "ha")]
)
def test_the_unit_is_the_unite_column_else_hectares(unite, unit):
    table = pd.DataFrame({"surface": [1.0, 2.0]})
    if unite is not None:
        table["unite"] = unite
    assert read_back.unit_of(table) == unit


def test_an_unknown_unit_is_refused():
    with pytest.raises(TerritoryError, match="Unknown unit km2"):
        read_back.unit_of(pd.DataFrame({"unite": ["km2"]}))
