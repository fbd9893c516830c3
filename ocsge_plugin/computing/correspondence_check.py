"""A layer's codes checked against a correspondence table: every code the table does not list,
with its polygons and surface (m²), so that the user maps it (it is counted as indéterminé, never
as non artificialisé, meanwhile)."""

from __future__ import annotations

from typing import Any

import numpy as np
from qgis.core import QgsVectorLayer

from ..domain.correspondence import Correspondence, code_key
from .batches import Step, iter_batches
from .codes import factorize
from .wkb import wkb_area_bbox

__all__ = ["unmapped_codes"]


def unmapped_codes(
    layer: QgsVectorLayer, table: Correspondence, feedback: Any = None
) -> dict[str, tuple[int, float]]:
    """Code (as the table compares it; "" for an empty one) → (polygons, surface in m²) of the
    codes of ``layer``'s field ``table.field`` that ``table`` does not list, largest surface
    first; {} when every code is listed or the layer lacks the field."""
    fields = table.code_fields(layer.fields().names())
    if fields is None:
        return {}
    name = fields["code_cs"]
    found: dict[str, list] = {}
    for batch in iter_batches(layer, [name], Step(feedback)):
        codes, uniques = factorize(batch[name])
        missing = [i for i, value in enumerate(uniques) if not table.is_mapped(value)]
        if not missing:
            continue
        areas = np.nan_to_num(wkb_area_bbox(batch["wkb"])[0])
        for i in missing:
            rows = codes == i
            entry = found.setdefault(code_key(uniques[i]) or "", [0, 0.0])
            entry[0] += int(rows.sum())
            entry[1] += float(areas[rows].sum())
    ordered = sorted(found.items(), key=lambda item: (-item[1][1], item[0]))
    return {code: (count, area) for code, (count, area) in ordered}
