"""ocsge_plugin/core/compat.py: the same fields, rectangles and parameters on every QGIS version,
with no deprecation warning from the plugin's code (pytest.ini turns one into an error)."""

from __future__ import annotations

import warnings

import pytest
from qgis.core import QgsRectangle
from qgis.PyQt.QtCore import QVariant


@pytest.fixture
def compat(ocsge):
    from ocsge.ocsge_plugin.core import compat

    return compat


@pytest.mark.parametrize(
    "kind", [QVariant.String, QVariant.Int, QVariant.Double, QVariant.Bool, QVariant.LongLong]
)
def test_field_has_the_type_length_and_precision_asked(compat, kind):
    field = compat.field("surface_ha", kind, len=20, prec=6)
    assert (field.name(), field.type(), field.length(), field.precision()) == (
        "surface_ha",
        kind,
        20,
        6,
    )


def test_null_rectangle_takes_the_first_extent_combined(compat):
    box = compat.null_rectangle()
    assert box.isEmpty()
    box.combineExtentWith(QgsRectangle(10, 20, 30, 40))
    box.combineExtentWith(QgsRectangle(5, 25, 12, 50))
    assert (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()) == (5, 20, 30, 50)


def test_a_deprecation_warning_from_the_plugins_code_is_an_error():
    with pytest.raises(DeprecationWarning):
        warnings.warn_explicit(
            "QgsField constructor is deprecated",
            DeprecationWarning,
            "flows.py",
            1,
            module="ocsge.processing_provider.flows",
        )
    warnings.warn_explicit(
        "codecs.open() is deprecated",
        DeprecationWarning,
        "help.py",
        1,
        module="processing.algs.help",
    )  # QGIS's own: ignored
