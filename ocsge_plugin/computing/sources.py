"""What a layer brings to the aggregation, told from its fields and names: a stock layer
(occupation du sol, IGN's artificialisation, an ``ocsge:classify`` output) or a flow layer (IGN's
difference, IGN's artificialisation difference, an ``ocsge:flows`` output), with its département
and millésime(s); and the choice of one layer per millésime and pair when a delivery holds
several."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from qgis.core import QgsCoordinateReferenceSystem, QgsVectorLayer

from ..core.errors import DeliveryError, FlowError, TerritoryError
from ..core.i18n import Note, tr
from ..domain.correspondence import Correspondence
from ..storage import reading

__all__ = [
    "Source",
    "describe_source",
    "source_title",
    "resolve_stock_method",
    "select_sources",
    "sources_from_layers",
    "FlowChoice",
    "flow_source",
]


@dataclass
class Source:
    """One input layer of the aggregation, as described from its fields and names."""

    layer: QgsVectorLayer
    role: str  # 'stock' or 'flow'
    # stock: 'occupation' | 'artif' | 'classified'; flow: 'difference' | 'artif_diff' | 'flows'
    kind: str
    departement: str | None
    millesimes: tuple[int, ...]
    fields: dict[str, str] = field(default_factory=dict)  # role → field name in the layer
    title: str = ""
    flows: tuple[str, ...] = ("artif", "imper")  # for flow layers: the flows taken from it

    @property
    def crs(self) -> QgsCoordinateReferenceSystem:
        return self.layer.crs()


# What a layer of each kind brings: the stock at its millésime, or the flows between two.
_ROLES = {
    **dict.fromkeys(("occupation", "artif", "classified"), "stock"),
    **dict.fromkeys(("difference", "artif_diff", "flows"), "flow"),
}
# The fields the aggregation reads, per kind (normalised names), when the layer has them.
_READ = {
    "occupation": ("code_cs", "code_us"),
    "artif": ("code_cs", "code_us", "artif"),
    "classified": ("artif", "imper", "code_cs", "code_us"),
    "difference": ("cs_debut", "us_debut", "cs_fin", "us_fin"),
    "artif_diff": ("artificialisation", "cs_debut", "cs_fin", "us_debut"),
    "flows": (
        "flux_artif",
        "flux_imper",
        "cs_debut",
        "us_debut",
        "cs_fin",
    ),  # the codes: for the per-class tables
}
_REQUIRED = {
    "artif": ("code_cs", "artif")
}  # IGN's method needs no usage; the other kinds: reading's own


def describe_source(
    layer: QgsVectorLayer,
    method: str = "auto",
    notes: list[str] | None = None,
    convention: str = "",
) -> Source | None:
    """What ``layer`` brings to the aggregation, told by ``reading.layer_kind`` (its fields,
    whatever its name or provider); None for a layer with nothing to give (zone construite,
    another layer). Raises TerritoryError when a stock or flow layer's millésime cannot be found.
    A millésime whose layer's fields and name disagree (the fields win) is told in ``notes``.
    With a correspondence table (``convention``), a layer with its code field is a stock layer
    whose code is read through the table (``Correspondence.code_fields``)."""
    names = layer.fields().names()
    table_fields = convention.code_fields(names) if isinstance(convention, Correspondence) else None
    if isinstance(convention, Correspondence) and not table_fields:
        return None  # OCS GE's layers are not read through a regional base's table
    kind = "occupation" if table_fields else reading.layer_kind(layer)
    role = _ROLES.get(kind)
    if role is None:
        return None
    if table_fields:
        mapping = table_fields
    elif kind in ("classified", "flows"):  # the plugin's own outputs: normalised names
        mapping = {name.lower(): name for name in names}
    else:
        try:
            mapping, _ = reading.field_map_for(kind, names, (), _REQUIRED.get(kind))
        except DeliveryError:
            return None
    fields = {key: mapping[key] for key in _READ[kind] if key in mapping}
    dep, years = reading.layer_departement(layer), reading.layer_millesimes(layer, kind, notes)
    if table_fields and not years:  # a regional base: a year alone in its name (mos_2021)
        years = reading.lone_year(layer.name())
    want = 2 if role == "flow" else 1
    if role == "stock" and len(years) > 1:  # e.g. a database table of both millésimes, no filter
        raise TerritoryError(
            tr(
                "Layer {name} holds several millésimes ({years}) in its millesime field. "
                "Expected one millésime per layer: "
                "filter it (e.g. millesime = '{year}' in the layer's filter, or a view) "
                "or give one layer per millésime."
            ).format(name=layer.name(), years=", ".join(map(str, years)), year=years[-1])
        )
    if len(years) != want:
        raise TerritoryError(
            tr(
                "The millésime of layer {name} cannot be found (not in its name, its "
                "source nor a millesime "
                "field). Expected a layer as ocsge:load outputs it, a file name holding "
                "the département and "
                "year(s) (e.g. classified_D032-2019.gpkg, flux_D032_2016-2019.gpkg) or a "
                "millesime field."
            ).format(name=layer.name())
        )
    if years[0] > years[-1]:
        raise TerritoryError(
            tr("Layer {name}: début {a} is after fin {b}.").format(
                name=layer.name(), a=years[0], b=years[-1]
            )
        )
    return Source(
        layer, role, kind, dep, years, fields, source_title(layer.name(), kind, dep, years)
    )


_KIND_TITLES = {**reading.LAYER_TITLES, "classified": "Couche qualifiée", "flows": "Flux"}


def source_title(name: str, kind: str, dep: str | None, years: Sequence[int]) -> str:
    """How the log names an input layer: « Occupation du sol D90 2018 »; a name the user gave is
    kept in front (« Mon zonage (Occupation du sol D90 2018) »), the internal names of the
    normalised layers (« artif_artif_2018_090 », « difference_DIFFERENCE ») are not shown."""
    label = " ".join(
        p
        for p in (_KIND_TITLES.get(kind, kind), f"D{dep}" if dep else "", "-".join(map(str, years)))
        if p
    )
    internal = not name or name.startswith(tuple(f"{k}_" for k in reading.KINDS)) or name == label
    return label if internal else f"{name} ({label})"


def resolve_stock_method(source: Source, method: str) -> str:
    """The classification method used for a stock layer ('classified' for already classified
    ones)."""
    if source.kind == "classified":
        return "classified"
    if method == "auto":
        return "ign" if "artif" in source.fields else "matrice_seuils"
    if method == "ign" and "artif" not in source.fields:
        raise TerritoryError(
            tr(
                "The IGN method reads IGN's artif field, which layer {name} does not "
                "have. Expected IGN's artificialisation layer, or choose the method "
                "'matrice'."
            ).format(name=source.layer.name())
        )
    if method in ("matrice", "matrice_seuils") and "code_us" not in source.fields:
        raise TerritoryError(
            tr(
                "Layer {name} has no usage field (code_us). Expected couverture and "
                "usage codes for the matrix."
            ).format(name=source.layer.name())
        )
    return method


def select_sources(
    sources: Sequence[Source], method: str = "auto"
) -> tuple[list[Source], list[str]]:
    """One stock layer per (département, millésime) and one flow layer per (département, pair).

    A delivery folder often holds the same millésime twice (GeoPackage and Shapefile) and both
    IGN's artificialisation layers and the occupation du sol: the preferred kind is kept
    (classified layers first; then IGN's layers for methods 'auto' / 'ign', the occupation du sol
    for the matrix), the others are left out with a note. For 'matrice_seuils', difference layers
    are left out when both millésimes are there: the thresholds need the whole millésimes, so
    flows come from their overlay."""
    ign_first = method in ("auto", "ign")
    stock_rank = {
        "classified": 0,
        "artif": 1 if ign_first else 2,
        "occupation": 2 if ign_first else 1,
    }
    flow_rank = {
        "flows": 0,
        "artif_diff": 1 if ign_first else 2,
        "difference": 2 if ign_first else 1,
    }
    chosen: dict[tuple, Source] = {}
    notes: list[str] = []
    for source in sources:
        dep = source.departement or "?"
        if source.role == "stock":
            key, rank = ("s", dep, source.millesimes[-1]), stock_rank[source.kind]
        else:
            key, rank = ("f", dep) + tuple(source.millesimes), flow_rank[source.kind]
        other = chosen.get(key)
        if other is None:
            chosen[key] = source
            continue
        other_rank = (stock_rank if source.role == "stock" else flow_rank)[other.kind]
        keep, drop = (source, other) if rank < other_rank else (other, source)
        chosen[key] = keep
        if (
            keep.kind == "artif_diff"
            and drop.kind == "difference"
            and ("i",) + key[1:] not in chosen
        ):
            # IGN's artificialisation difference holds only the polygons whose artificialisation
            # changed: imperméabilisation flows come from the difference layer.
            keep.flows, drop.flows = ("artif",), ("imper",)
            chosen[("i",) + key[1:]] = drop
            notes.append(
                Note(
                    tr("{keep}: artificialisation flows; {drop}: imperméabilisation flows.").format(
                        keep=keep.title, drop=drop.title
                    )
                )
            )
            continue
        notes.append(
            Note(
                tr("{drop} left out: {keep} gives the same millésime(s).").format(
                    drop=drop.title, keep=keep.title
                )
            )
        )
    for key, source in list(chosen.items()):
        if key[0] == "f" and source.kind == "artif_diff" and ("i",) + key[1:] not in chosen:
            notes.append(
                tr(
                    "{name}: IGN's artificialisation difference holds only the polygons "
                    "whose artificialisation changed; "
                    "imperméabilisation flows are left empty without a difference layer."
                ).format(name=source.title)
            )
            source.flows = ("artif",)
    if method == "matrice_seuils":
        _leave_out_flow_layers(chosen, notes)
    ordered = sorted(
        chosen.values(), key=lambda s: (s.departement or "", s.role != "stock", s.millesimes)
    )
    return ordered, notes


def _leave_out_flow_layers(chosen: dict[tuple, Source], notes: list[str]) -> None:
    """For the thresholds: the difference layers whose two millésimes are both there are left out
    of ``chosen`` (their flows come from the overlay), each with a note."""
    stock_keys = {(k[1], k[2]) for k in chosen if k[0] == "s"}
    for key in [k for k in chosen if k[0] in "fi" and chosen[k].kind != "flows"]:
        if (key[1], key[2]) in stock_keys and (key[1], key[3]) in stock_keys:
            notes.append(
                Note(
                    tr(
                        "{name} left out: with the thresholds, flows come from the "
                        "overlay of the two millésimes."
                    ).format(name=chosen[key].title)
                )
            )
            del chosen[key]


def sources_from_layers(
    layers: Sequence[QgsVectorLayer], method: str = "auto", convention: str = ""
) -> tuple[list[Source], list[str]]:
    """Describe every layer and keep one per millésime / pair (:func:`select_sources`); with
    notes. ``convention``: a correspondence table makes the layers with its code field stock
    layers."""
    notes: list[str] = []
    sources = []
    for layer in layers:
        source = describe_source(layer, method, notes, convention)
        if source is None:
            notes.append(
                Note(tr("{name}: no OCS GE codes nor flows, left out.").format(name=layer.name()))
            )
            continue
        sources.append(source)
    known = {s.departement for s in sources if s.departement}
    if len(known) == 1:  # layers of one département, some without it in their names
        (dep,) = known
        for source in sources:
            if not source.departement:
                source.departement = dep
                notes.append(
                    Note(
                        tr(
                            "{title}: département not in its name, taken as D{dep} like the "
                            "other layers."
                        ).format(title=source.title, dep=dep)
                    )
                )
    chosen, dropped = select_sources(sources, method)
    return chosen, notes + dropped


@dataclass
class FlowChoice:
    """Where ``ocsge:flows`` takes its flows from: 'difference', 'artif_diff' or 'overlay', the
    kind of the difference layer used (None for the overlay), the method applied, what to tell
    the user."""

    source: str
    kind: str | None
    method: str
    notes: list[str] = field(default_factory=list)
    warn: bool = False


def flow_source(
    difference: QgsVectorLayer | None, has_debut: bool, has_fin: bool, method: str
) -> FlowChoice:
    """The data the flows come from, given a difference layer (or None), which occupation layers
    were given and the method ('auto', 'ign', 'matrice', 'matrice_seuils'). The seuils need the
    whole millésimes (overlay); IGN's method reads IGN's artificialisation difference. Raises
    FlowError (translated) when nothing given can answer."""
    both = has_debut and has_fin
    if difference is None:
        if both:
            return FlowChoice("overlay", None, method)
        raise FlowError(
            tr(
                "No data to compare. Expected a difference layer (IGN DIFF or "
                "zan_evol_…), or two occupation du sol "
                "layers: OCCUPATION_DEBUT and OCCUPATION_FIN."
            )
        )
    kind = reading.layer_kind(difference)
    if kind not in ("difference", "artif_diff"):
        raise FlowError(
            tr(
                "The layer {name} given as difference layer has no début/fin code "
                "fields. Expected IGN's DIFF layer "
                "(CS_<year>, US_<year> or cs_avant, cs_apres fields) or a zan_evol_… layer."
            ).format(name=difference.name())
        )
    if method == "matrice_seuils" or (method == "ign" and kind == "difference"):
        if both:
            note = tr(
                "The method {method} needs the whole millésimes: the two occupation "
                "layers are overlaid and the "
                "difference layer is not used."
            ).format(method=method)
            return FlowChoice("overlay", None, method, [note], warn=True)
        if method == "ign":
            raise FlowError(
                tr(
                    "The IGN method needs IGN's artificialisation difference layer "
                    "(zan_evol_…) or IGN's two "
                    "artificialisation layers; the layer {name} is a plain DIFF layer. "
                    "Give one of those, or choose "
                    "the method 'Matrix'."
                ).format(name=difference.name())
            )
        raise FlowError(
            tr(
                "The seuils (2,500 m² thresholds) need the two whole millésimes, which a "
                "difference layer does not "
                "hold. Give OCCUPATION_DEBUT and OCCUPATION_FIN too, or choose the method 'Matrix'."
            )
        )
    notes = (
        [tr("A difference layer was given: the occupation layers are not used.")]
        if has_debut or has_fin
        else []
    )
    if kind == "artif_diff" and method in ("auto", "ign"):
        return FlowChoice("artif_diff", kind, "ign", notes)
    return FlowChoice("difference", kind, "matrice", notes)
