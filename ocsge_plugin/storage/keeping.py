"""Loaded deliveries that outlive the cache: a project saved with OCS GE layers must open again
after the cache is cleared (by the user, by QGIS, or because it grew too big).

The extraction cache (``settings.cache_dir()``) is a work area: archives are extracted there once
and the computations read them there. A layer put on the map must point at files that stay, so
``keep(found, archives, folder)`` gives ``found`` a normalised layer (VRT) that reads:
- for data extracted from an archive, a copy of its files (the GeoPackage, or the shapefile's files)
  in ``folder``, by default beside the archive in a folder named after it (« OCS-GE_…_2019-01-01/ »,
  as unpacking by hand would, marked by MARKER), else — when that place is read-only or already
  holds a folder of that name the plugin did not make — in the plugin's data folder;
- for data that was not in an archive, the data where it is.
The VRT is written beside the copied data, or in the plugin's data folder for data the plugin
does not own. A copy is made once: an existing file of the same size is reused."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

from ..core import settings
from ..core.i18n import tr
from . import files, reading

__all__ = [
    "data_dir",
    "keep",
    "one_format_per_millesime",
    "without_kept_copies",
]

DATA_ENV = "OCSGE_DATA_DIR"
MARKER = ".ocsge-extrait"  # in a kept folder: the name of the delivery it was extracted from


def data_dir() -> Path:
    """The plugin's persistent data folder (env OCSGE_DATA_DIR overrides): <QGIS
    profile>/ocsge/donnees."""
    return settings.profile_folder(DATA_ENV, "ocsge", "donnees")


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".ocsge-write-test"
        probe.write_text("")
        probe.unlink()
        return True
    except OSError:
        return False


def _archive_of(path: Path, archives: list[Path]) -> tuple[str, Path | None, Path] | None:
    """(delivery name, its archive when known, path inside the extraction) when ``path`` lies in
    the extraction cache, else None."""
    extract = settings.cache_dir() / "extract"
    try:
        inner = path.resolve().relative_to(extract.resolve())
    except ValueError:
        return None
    top, rest = inner.parts[0], Path(*inner.parts[1:])
    for archive in archives:
        stem = archive.name.split(".7z")[0]
        if top.startswith(stem + "-"):
            return stem, archive, rest
    return top.rsplit("-", 1)[0], None, rest


def _copy_family(source: Path, target: Path) -> None:
    """Copy ``source`` (a .gpkg, or a .shp with its .dbf, .shx, .prj, .cpg…) to ``target``, each
    file once (same size and date: kept; a new edition of the archive is copied again), through a
    temporary name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    siblings = (
        [source]
        if source.suffix.lower() != ".shp"
        else sorted(p for p in source.parent.iterdir() if p.stem == source.stem and p.is_file())
    )
    for file in siblings:
        dest = target.with_name(target.stem + file.suffix) if file != source else target
        if dest.exists() and (dest.stat().st_size, int(dest.stat().st_mtime)) == (
            file.stat().st_size,
            int(file.stat().st_mtime),
        ):
            continue
        with files.Transaction(dest) as copy:
            shutil.copy2(file, copy.path)  # with its date, compared next time


def _in_cache(path: Path) -> bool:
    """An archive downloaded into the plugin's cache (the data panel's downloads): not a place to
    keep."""
    return settings.cache_dir().resolve() in path.resolve().parents


def kept_folder(name: str, archive: Path | None, folder: Path | None = None) -> Path:
    """Where the data of the delivery ``name`` extracted from ``archive`` is kept: in ``folder``
    when given, else beside the archive; in the plugin's data folder when that place is
    read-only, holds a folder of that name the plugin did not make (no MARKER: the user's,
    unpacked by hand), or the archive itself is in the cache."""
    base = (
        Path(folder)
        if folder
        else (archive.parent if archive is not None and not _in_cache(archive) else None)
    )
    beside = base / name if base is not None else None
    if beside is not None and beside.exists() and not (beside / MARKER).is_file():
        # a folder of that name the plugin did not make (unpacked by hand): never written into
        beside = None
    kept = beside if beside is not None and _writable(beside) else data_dir() / name
    kept.mkdir(parents=True, exist_ok=True)
    (kept / MARKER).write_text(name, encoding="utf-8")
    return kept


def copy_of(path: str | Path) -> str | None:
    """The delivery a kept folder holding ``path`` was extracted from, or None (not a kept copy): so
    that loading a folder with both the archive and its kept copy reads the delivery once."""
    for parent in Path(path).parents:
        marker = parent / MARKER
        if marker.is_file():
            return marker.read_text(encoding="utf-8").strip()
    return None


def keep(
    found: reading.FoundLayer, archives: list[Path], folder: Path | None = None
) -> reading.FoundLayer:
    """``found`` reading files that stay (see the module's text), normalised (its ``uri`` set)."""
    source = Path(found.path)
    origin = _archive_of(source, archives)
    if origin is None:
        kept = replace(found)
        vrt_folder = (
            data_dir() / "couches" / hashlib.sha1(str(source.resolve()).encode()).hexdigest()[:16]
        )
    else:
        name, archive, inner = origin
        target = kept_folder(name, archive, folder) / inner
        _copy_family(source, target)
        kept = replace(found, path=str(target))
        vrt_folder = target.parent
    reading.normalise(kept, vrt_folder)
    return kept


def without_kept_copies(delivery: reading.Delivery) -> list[reading.FoundLayer]:
    """The layers of ``delivery`` but the kept copies of the archives it extracted (a folder
    holding an archive and, beside it, the copy kept by an earlier load: the delivery once)."""
    names = {Path(archive).name.split(".7z")[0] for archive, _ in delivery.extracted}
    return [found for found in delivery.layers if copy_of(found.path) not in names]


FORMATS = {".gpkg": "GeoPackage", ".shp": "Shapefile"}  # in the order of preference


def one_format_per_millesime(
    layers: list[reading.FoundLayer],
) -> tuple[list[reading.FoundLayer], list[str]]:
    """The layers with one format per (kind, département, millésimes): IGN publishes each
    delivery as a GeoPackage and as Shapefiles, and a folder often holds both; the GeoPackage is
    kept, the other left out with a note (translated) naming both. Layers of one format are all
    kept (two editions).

    Returns
    -------
    tuple[list[FoundLayer], list[str]]
        The layers kept, in their order; one note per layer left out."""
    formats = list(FORMATS.values())

    def format_of(found: reading.FoundLayer) -> str:
        return FORMATS.get(Path(found.path).suffix.lower(), "")

    best: dict[tuple, str] = {}
    for found in layers:
        key, fmt = (found.kind, found.departement, found.millesimes), format_of(found)
        if fmt and (key not in best or formats.index(fmt) < formats.index(best[key])):
            best[key] = fmt
    kept, notes = [], []
    for found in layers:
        key, fmt = (found.kind, found.departement, found.millesimes), format_of(found)
        if fmt and best.get(key, fmt) != fmt:
            notes.append(
                tr(
                    "{title} ({format}) left out: the {kept} delivery of the same "
                    "millésime is loaded."
                ).format(title=found.title, format=fmt, kept=best[key])
            )
            continue
        kept.append(found)
    return kept, notes
