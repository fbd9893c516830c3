"""The one place where the plugin meets QGIS APIs that differ between the versions it supports
(3.22 to 3.44). Algorithms and the panel call these helpers and never test QGIS's version: each one
asks QGIS whether the newer API is there, and uses it when it is (no deprecation warning on
3.44)."""

from __future__ import annotations

from qgis.core import QgsField, QgsFields, QgsRectangle
from qgis.PyQt.QtCore import QMetaType

__all__ = [
    "change_item_fonts",
    "field",
    "fields",
    "load_results",
    "model_parameter_source",
    "null_rectangle",
    "parameter_as_fields",
    "text_always_text",
]


def _field_takes_metatype() -> bool:
    try:
        QgsField("probe", QMetaType.Type(10))  # QMetaType::QString: QGIS >= 3.38
    except TypeError:  # QGIS < 3.38 knows only QVariant::Type
        return False
    return True


_METATYPE = _field_takes_metatype()


def field(name: str, kind, len: int = 0, prec: int = 0) -> QgsField:  # noqa: A002 - QgsField's own keyword names
    """``QgsField(name, kind, len=…, prec=…)`` with ``kind`` a ``QVariant`` type (String, Int,
    Double, Bool…). From QGIS 3.38 on, the QVariant constructor is deprecated and fields take the
    ``QMetaType`` of the same number; before, only QVariant's."""
    if _METATYPE:
        return QgsField(name, QMetaType.Type(int(kind)), len=len, prec=prec)
    return QgsField(name, kind, len=len, prec=prec)


def fields(*specs: tuple) -> QgsFields:
    """The ``QgsFields`` of ``specs``, each ``(name, kind)``, ``(name, kind, len)`` or ``(name,
    kind, len, prec)`` as ``field`` takes them, in order."""
    out = QgsFields()
    for spec in specs:
        out.append(field(*spec))
    return out


def null_rectangle() -> QgsRectangle:
    """An empty rectangle that any ``combineExtentWith`` replaces (``setNull`` since QGIS 3.34,
    ``setMinimal`` before, deprecated since)."""
    rectangle = QgsRectangle()
    if hasattr(rectangle, "setNull"):
        rectangle.setNull()
    else:
        rectangle.setMinimal()
    return rectangle


def parameter_as_fields(algorithm, parameters: dict, name: str, context) -> list[str]:
    """The field names chosen in a field parameter (``parameterAsStrings`` since QGIS 3.32,
    ``parameterAsFields`` before, deprecated since)."""
    read = getattr(algorithm, "parameterAsStrings", None) or algorithm.parameterAsFields
    return read(parameters, name, context)


def load_results(algorithm, context, feedback, parameters: dict) -> bool:
    """Add the layers an algorithm left in ``context`` to its project, as the toolbox does.

    ``processing.gui.Postprocessing.handleAlgorithmResults`` took ``showResults`` as its fourth
    parameter in QGIS 3.22 and ``parameters`` in 3.40: passed positionally, five arguments raise
    a TypeError on 3.40 (in a Qt slot: an error dialog in QGIS, an abort outside it). By keyword,
    the call means the same on every version."""
    from processing.gui.Postprocessing import handleAlgorithmResults

    return handleAlgorithmResults(algorithm, context, feedback=feedback, parameters=parameters)


def model_parameter_source():
    """The kind of a model child's parameter source that is one of the model's own inputs:
    ``Qgis.ProcessingModelChildParameterSource.ModelParameter`` (3.26 and later; the older
    spelling is gone from 3.40's bindings) or
    ``QgsProcessingModelChildParameterSource.Source.ModelParameter`` (3.22)."""
    from qgis.core import Qgis, QgsProcessingModelChildParameterSource

    moved = getattr(Qgis, "ProcessingModelChildParameterSource", None)
    if moved is not None:
        return moved.ModelParameter
    return QgsProcessingModelChildParameterSource.Source.ModelParameter


def text_always_text():
    """The render format that keeps text as text in exported PDFs (searchable, crisp):
    ``Qgis.TextRenderFormat.AlwaysText`` where QGIS has it (3.40 names the old one unscoped only),
    ``QgsRenderContext.TextFormatAlwaysText`` in 3.22."""
    from qgis.core import Qgis, QgsRenderContext

    moved = getattr(Qgis, "TextRenderFormat", None)
    if moved is not None and hasattr(moved, "AlwaysText"):
        return moved.AlwaysText
    return QgsRenderContext.TextFormatAlwaysText


def change_item_fonts(item, change) -> None:
    """``change`` (QFont → QFont) applied to the fonts of a layout label or legend: through their
    text formats where QGIS has them (labels from 3.24, legend styles from 3.30; their fonts are
    deprecated there), through their fonts in 3.22. Other items are left as they are."""
    from qgis.core import QgsLayoutItemLabel, QgsLayoutItemLegend, QgsLegendStyle

    if isinstance(item, QgsLayoutItemLabel):
        if hasattr(item, "textFormat"):
            text = item.textFormat()
            text.setFont(change(text.font()))
            item.setTextFormat(text)
        else:
            item.setFont(change(item.font()))
    elif isinstance(item, QgsLayoutItemLegend):
        for kind in (
            QgsLegendStyle.Style.Title,
            QgsLegendStyle.Style.Group,
            QgsLegendStyle.Style.Subgroup,
            QgsLegendStyle.Style.SymbolLabel,
        ):
            style = item.style(kind)
            if hasattr(style, "textFormat"):
                text = style.textFormat()
                text.setFont(change(text.font()))
                style.setTextFormat(text)
                item.setStyle(kind, style)
            else:
                item.setStyleFont(kind, change(item.styleFont(kind)))
