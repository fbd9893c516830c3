"""The national inventory of regional land-cover bases (``domain/regional_bases.py``) as the dock
and ``ocsge:bases_regionales`` use it: which inventory is in use (the user's merged copy in the
profile, else the one shipped with the plugin), filters, availability per région, the régions
joined to the inventory as a GeoJSON file, and the export / import / merge run.

The shipped file (``resources/bases_ocs_regionales.csv``) is never written: an accepted import is
saved as the user's copy (``<QGIS profile>/ocsge/donnees/bases_ocs_regionales.csv``, see
``storage.keeping.data_dir``), which takes precedence while it exists."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.i18n import tr
from ..domain import regional_bases as rb
from ..domain.nomenclature import RESOURCES
from ..storage import files, keeping

__all__ = [
    "ACCEPT",
    "AVAILABILITY",
    "OUTLINES",
    "SHIPPED",
    "RegionalRun",
    "availability",
    "availability_labels",
    "filter_records",
    "in_progress",
    "inventory_path",
    "load_inventory",
    "map_file",
    "regions_geojson",
    "reset_user_inventory",
    "run_regional_bases",
    "save_user_inventory",
    "user_inventory",
]

SHIPPED = RESOURCES / "bases_ocs_regionales.csv"
OUTLINES = {
    "current": RESOURCES / "regions-avec-outre-mer.geojson",
    "old": RESOURCES / "regions-avant-redecoupage-2015.geojson",
}
#: What an import may change: nothing, the new records only, everything (ACCEPTER's order).
ACCEPT = ("none", "added", "all")
#: Availability of a région (the category of the map), in the order of the legend.
AVAILABILITY = ("regional", "in_progress", "ocsge")


def availability_labels() -> dict[str, str]:
    """Availability key → its label (translated), as the map's legend shows it."""
    return {
        "regional": tr("Regional base and OCS GE"),
        "in_progress": tr("Regional base in progress, OCS GE"),
        "ocsge": tr("OCS GE only"),
    }


# --- the inventory in use --------------------------------------------------------------------


def user_inventory() -> Path:
    """Where the user's merged copy of the inventory is kept (it may not exist)."""
    return keeping.data_dir() / SHIPPED.name


def inventory_path() -> Path:
    """The inventory in use: the user's copy when it exists, else the shipped one."""
    copy = user_inventory()
    return copy if copy.is_file() else SHIPPED


def load_inventory(path: str | Path | None = None) -> list[rb.Record]:
    """The records of ``path`` (default: :func:`inventory_path`), read and checked.

    Raises ``rb.InventoryError`` with every problem found."""
    return rb.import_inventory(path or inventory_path())


def save_user_inventory(records: Iterable[rb.Record]) -> Path:
    """Write ``records`` as the user's copy (written whole, then renamed). Returns its path."""
    target = user_inventory()
    with files.Transaction(target) as work:
        rb.write_inventory(records, work.path)
    return target


def reset_user_inventory() -> bool:
    """Remove the user's copy (the shipped inventory is used again). True when there was one."""
    copy = user_inventory()
    if not copy.is_file():
        return False
    copy.unlink()
    return True


# --- filters and availability ----------------------------------------------------------------


def _overlaps(record: rb.Record, first: int | None, last: int | None) -> bool:
    if first is None and last is None:
        return True
    low, high = first or rb.MIN_YEAR, last or rb.MAX_YEAR
    try:
        found = rb.millesimes(record["millesimes"])
    except ValueError:
        return False
    return any(start <= high and end >= low for start, end in found)


def _umc_at_most(record: rb.Record, max_umc: float | None) -> bool:
    if max_umc is None:
        return True
    areas = rb.umc_m2(record["umc"])
    return areas is not None and areas[1] <= max_umc


def filter_records(
    records: Iterable[rb.Record],
    region: str | None = None,
    first: int | None = None,
    last: int | None = None,
    dimension: str | None = None,
    max_umc: float | None = None,
) -> list[rb.Record]:
    """The records matching every filter given (None: no filter).

    ``region``: a current or pre-2016 région code; a base of a former région counts for the
    région that contains it and conversely. ``first``/``last``: a millésime of the base lies in
    these years (a record without millésime is left out). ``dimension``: « 1 » or « 2 ».
    ``max_umc``: the largest area the UMC cites is at most this many m² (without UMC: left out)."""
    return [
        record
        for record in records
        if (region is None or rb.covers(record["code_region"], region))
        and _overlaps(record, first, last)
        and (dimension is None or record["dimensions"] == dimension)
        and _umc_at_most(record, max_umc)
    ]


def in_progress(record: rb.Record) -> bool:
    """A base being made (its characteristics say « en cours »)."""
    return "en cours" in record["caracteristiques"].lower()


def availability(records: Iterable[rb.Record], region: str) -> str:
    """What the inventory lists for ``region`` (a key of :data:`AVAILABILITY`): a regional base
    (made), only regional bases in progress, or only IGN's OCS GE."""
    regional = [
        r
        for r in records
        if rb.covers(r["code_region"], region) and r["caracteristiques"].strip() != rb.OCS_GE
    ]
    if any(not in_progress(r) for r in regional):
        return "regional"
    return "in_progress" if regional else "ocsge"


def regions_geojson(records: Iterable[rb.Record], old: bool = False) -> dict:
    """The current (or, with ``old``, pre-2016) régions joined to the inventory
    (``rb.to_geojson``), with ``disponibilite`` (the availability key) and ``categorie`` (its
    label, translated)."""
    records = list(records)
    outlines = json.loads(OUTLINES["old" if old else "current"].read_text(encoding="utf-8"))
    joined = rb.to_geojson(records, outlines)
    labels = availability_labels()
    for feature in joined["features"]:
        properties = feature["properties"]
        key = availability(records, properties["code"])
        properties["disponibilite"] = key
        properties["categorie"] = labels[key]
    return joined


def _write_geojson(collection: dict, path: Path) -> None:
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")


def map_file(records: Iterable[rb.Record], old: bool = False) -> Path:
    """The GeoJSON the dock puts on the map, written in the plugin's data folder (it outlives the
    cache, so a saved project opens again with it). Returns its path."""
    folder = keeping.data_dir() / "bases_regionales"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / ("regions_avant_2016.geojson" if old else "regions.geojson")
    with files.Transaction(target) as work:
        _write_geojson(regions_geojson(records, old), work.path)
    return target


# --- the run of ocsge:bases_regionales -------------------------------------------------------


@dataclass
class RegionalRun:
    """What :func:`run_regional_bases` decided: the inventory read, the import and its preview
    (None without import), the merged records, the identifiers taken and the ones refused with
    their reason, the files written."""

    inventory: str
    incoming: str | None
    accept: str
    records: list[rb.Record]
    preview: rb.MergePreview | None = None
    accepted: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)

    def report(self) -> dict:
        """The REPORT of ``ocsge:bases_regionales``."""
        preview = self.preview
        changes = {c.identifier: c for c in preview.changed} if preview else {}
        return {
            "inventory": self.inventory,
            "import": self.incoming,
            "accept": self.accept,
            "records": len(self.records),
            "added": [r.identifier for r in preview.added if r.identifier in self.accepted]
            if preview
            else [],
            "changed": [
                {
                    "identifiant": identifier,
                    "fields": [
                        {"name": f.name, "before": f.before, "after": f.after}
                        for f in changes[identifier].fields
                    ],
                }
                for identifier in self.accepted
                if identifier in changes
            ],
            "refused": [{"identifiant": i, "reason": why} for i, why in self.refused],
            "unchanged": len(preview.unchanged) if preview else 0,
            "absent": list(preview.absent) if preview else [],
            "summary": preview.summary() if preview else "",
            "outputs": self.written,
        }


def _decide(preview: rb.MergePreview, accept: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(identifiers taken, (identifier, reason) refused) for ``accept`` (a key of ACCEPT)."""
    taken, refused = [], []
    nothing = tr("nothing was to be accepted")
    for record in preview.added:
        if accept in ("added", "all"):
            taken.append(record.identifier)
        else:
            refused.append(
                (record.identifier, tr("new record, not taken: {why}").format(why=nothing))
            )
    only_new = tr("only new records were to be accepted")
    for change in preview.changed:
        if accept == "all":
            taken.append(change.identifier)
            continue
        reason = tr("changes {fields}, not taken: {why}").format(
            fields=", ".join(f.name for f in change.fields),
            why=nothing if accept == "none" else only_new,
        )
        refused.append((change.identifier, reason))
    return taken, refused


def run_regional_bases(
    inventory: str | Path | None = None,
    incoming: str | Path | None = None,
    accept: str = "none",
    output_csv: str | Path | None = None,
    output_geojson: str | Path | None = None,
) -> RegionalRun:
    """Read the inventory (default: the one in use), merge ``incoming`` (a CRIGE's file) by
    identifier taking what ``accept`` allows, write the result as CSV (the CNIG fields) and as
    GeoJSON (the current régions joined to it).

    Raises ``rb.InventoryError`` (nothing written) when either file is refused."""
    if accept not in ACCEPT:
        raise ValueError(accept)
    source = Path(inventory) if inventory else inventory_path()
    current = rb.import_inventory(source)
    run = RegionalRun(str(source), str(incoming) if incoming else None, accept, current)
    if incoming:
        run.preview = rb.merge(current, rb.import_inventory(incoming))
        run.accepted, run.refused = _decide(run.preview, accept)
        run.records = rb.apply(run.preview, accept=run.accepted)
    if output_csv:
        with files.replacing(output_csv) as work:
            rb.write_inventory(run.records, work)
        run.written["csv"] = str(output_csv)
    if output_geojson:
        with files.replacing(output_geojson) as work:
            _write_geojson(regions_geojson(run.records), Path(work))
        run.written["geojson"] = str(output_geojson)
    return run
