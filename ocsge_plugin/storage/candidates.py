"""Several candidate layers of one kind and millésime in one source: which one is the complete one.

A GeoPackage may hold, beside IGN's OCCUPATION_SOL, an extract a user saved in it (a commune, a
test); a folder may hold the same delivery twice (GeoPackage and Shapefile). The layers found in one
source (``reading.scan``: ``FoundLayer``s) are grouped by kind, département and millésime(s); in
each group the rule keeps the layers named as IGN names them, and of these the largest; the others
are left out with a warning that names each layer by its file and layer name.
"""

from __future__ import annotations

import re

from ..core.i18n import Note, plural, tr

__all__ = [
    "choose_complete",
    "is_ign_layer_name",
]

_ARTIF_LAYER = re.compile(r"^artif_((?:19|20)\d{2})_(\w+)$", re.IGNORECASE)
_EVOL_LAYER = re.compile(r"^zan_evol_((?:19|20)\d{2})_((?:19|20)\d{2})_(\w+)$", re.IGNORECASE)


# IGN's layer names, by kind (docs/domain.md §1): a layer named otherwise is a user's extract or
# copy.
_IGN_NAMES = {
    "occupation": ("OCCUPATION_SOL",),
    "zone_construite": ("ZONE_CONSTRUITE",),
    "difference": ("DIFFERENCE", "DIFF"),
}


def is_ign_layer_name(kind: str, layer_name: str) -> bool:
    """Whether ``layer_name`` is the name IGN gives a layer of ``kind``."""
    if kind == "artif":
        return _ARTIF_LAYER.match(layer_name) is not None
    if kind == "artif_diff":
        return _EVOL_LAYER.match(layer_name) is not None
    upper = layer_name.upper()
    return upper in _IGN_NAMES.get(kind, ()) or (kind == "difference" and upper.startswith("DIFF"))


def choose_complete(found: list) -> tuple[list, list[str]]:
    """Among layers of one kind, département and millésime(s) found in one source, the complete
    one: the layers IGN's way named (an extract saved beside it is named otherwise), of these the
    largest (most polygons); layers as large as it are kept too (the same delivery as GeoPackage
    and Shapefile). Returns (the layers kept, in their order; a warning per layer left out,
    naming both)."""
    groups: dict[tuple, list] = {}
    for layer in found:
        if layer.millesimes:  # a layer without a known millésime is nobody's rival
            groups.setdefault((layer.kind, layer.departement, layer.millesimes), []).append(layer)
    left_out: dict[int, str] = {}
    for rivals in groups.values():
        named = [layer for layer in rivals if layer.ign_named]
        pool = named or rivals
        most = max(layer.feature_count for layer in pool)
        kept = [layer for layer in pool if layer.feature_count == most]
        reason = tr("named as IGN names it") if named else tr("the largest")
        for layer in rivals:
            if layer not in kept:
                left_out[id(layer)] = Note(
                    plural(
                        layer.feature_count,
                        tr(
                            "Several {title} layers: {kept} ({kept_count} polygons) is used, "
                            "{reason}; {dropped} ({dropped_count} polygon) is left out."
                        ),
                        tr(
                            "Several {title} layers: {kept} ({kept_count} polygons) is used, "
                            "{reason}; {dropped} ({dropped_count} polygons) is left out."
                        ),
                    ).format(
                        title=layer.title,
                        kept=_distinct(kept[0], rivals),
                        kept_count=kept[0].feature_count,
                        reason=reason,
                        dropped=_distinct(layer, rivals),
                        dropped_count=layer.feature_count,
                    )
                )
    return [layer for layer in found if id(layer) not in left_out], list(left_out.values())


def _distinct(layer, rivals: list) -> str:
    """``layer.source_name``, or its full path when a rival has the same (another folder)."""
    same = [other for other in rivals if other.source_name == layer.source_name]
    return layer.source_name if len(same) == 1 else f"{layer.path}/{layer.layer_name}"
