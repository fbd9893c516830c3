"""Paths that come from outside and files the plugin writes: one place for each.

- :func:`safe_join` builds every path whose name comes from outside the plugin (an IGN listing's
  title, an archive entry, a data.gouv.fr resource id or URL segment) and refuses one that would
  land outside its folder (absolute, ``..``, a drive, a link leading out).
- :class:`Transaction` is the one write-then-rename: a file or folder written under a temporary
  name beside it, renamed over the previous one only once complete; on any error, cancel or signal
  the temporary one is removed and the previous one is untouched. :func:`replacing` is a
  transaction for every single output, its destination checked first.
- :class:`OutputSet` writes a result made of several files (an export): every file goes to a
  temporary folder beside them, and they replace the previous ones together once all are written.
  A run killed while renaming leaves a folder marked complete: the next run finishes it, so a set
  is never left half old, half new.
- :func:`clean_leftovers` removes what a dead run left (its temporary files and folders, named with
  its machine and process id; those of earlier versions once a day old): every writer calls it on
  the folder it writes to. A folder may be shared by several machines (a network share): a
  temporary name carries its machine (host name, boot id and PID namespace, :func:`machine_id`), and
  one of another machine, whose process cannot be asked, is left alone until a day old.
- :func:`replaced_since` lists the outputs this process has put in place (``replacing``, an
  ``OutputSet``'s files once moved in): what a canceled run must say it replaced.
- :func:`check_destination` is the one rule for outputs: a destination is compared with every input
  of the run (:func:`guarding` holds them while it runs) and refused when it is one of them (same
  path
  or same file), lies inside a folder the run reads, holds an input, or is a GeoPackage holding
  other
  layers that replacing the file would delete. :func:`commit_owned` fills a folder the plugin made
  (marked by :data:`OWNED`) without touching the files a user put there.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import sqlite3
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath

from ..core.errors import OcsgeError
from ..core.i18n import tr
from ..core.settings import cache_dir

__all__ = [
    "OWNED",
    "READY",
    "Kind",
    "OutputClash",
    "OutputSet",
    "Place",
    "Transaction",
    "UnsafePath",
    "check_destination",
    "check_owned",
    "clean_leftovers",
    "commit_owned",
    "default_output",
    "gpkg_layers",
    "guarding",
    "is_write_failure",
    "machine_id",
    "note_replaced",
    "remove",
    "remove_partial_file",
    "replaced_count",
    "replaced_since",
    "replacing",
    "safe_file",
    "safe_join",
    "source_places",
    "split_uri",
    "temp_name",
    "write_error",
]

_TOKEN = re.compile(r"\.ocsge-m(?P<machine>[0-9a-f]{8})-(?P<pid>\d+)-[0-9a-f]{8}\.part")
# Temporary names of earlier versions (without a process id, or with a process id but no machine):
# removed once a day old.
_LEGACY = re.compile(
    r"^\.(?:part-[A-Za-z0-9_]{8}|.+\.[A-Za-z0-9_]{8}\.part\.(?:gpkg|csv)|.+\.[0-9a-f]{8}\.part|.+\.\d+\.tmp\.gpkg"
    r"|(?:.+\.)?ocsge-\d+-[0-9a-f]{8}\.part.*)"
    r"(?:-journal|-wal|-shm)?$"
)
LEGACY_AGE = 24 * 3600
_SQLITE_SIDECARS = ("-journal", "-wal", "-shm")
READY = ".ready"  # in an OutputSet's folder: every file is written, the renaming has begun


class UnsafePath(ValueError):
    """A name from outside that would put a file outside its folder; ``str()`` is translated."""


def safe_join(folder: str | Path, name: str, what: str = "") -> Path:
    """``folder / name`` for a ``name`` that comes from outside (``what`` says where from, for the
    message). Refused: an empty name, an absolute path, a drive, ``..``, a NUL, or anything that
    resolves (links followed) outside ``folder``."""
    text = str(name or "")
    posix = text.replace("\\", "/")
    pure = PurePosixPath(posix)
    bad = (
        not text.strip()
        or "\x00" in text
        or pure.is_absolute()
        or re.match(r"^[A-Za-z]:", posix) is not None
        or ".." in pure.parts
    )
    base = Path(folder)
    if not bad:
        root = base.resolve()
        target = (root / pure).resolve()
        bad = target != root and root not in target.parents
    if bad:
        raise UnsafePath(
            tr(
                "Refused: the name “{name}” given by {what} would put a file outside {folder}. "
                "The source may be misconfigured or hostile; nothing was written."
            ).format(name=text, what=what or tr("the source"), folder=base)
        )
    return base / pure


def safe_file(folder: str | Path, name: str, what: str = "") -> Path:
    """:func:`safe_join` for a plain file name: no folder in it either."""
    path = safe_join(folder, name, what)
    if len(PurePosixPath(str(name).replace("\\", "/")).parts) != 1:
        raise UnsafePath(
            tr(
                "Refused: the name “{name}” given by {what} is not a plain file name; "
                "nothing was written."
            ).format(name=name, what=what or tr("the source"))
        )
    return path


# ---------------------------------------------------------------------------------- leftovers


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    except OSError:
        return ""


def machine_id() -> str:
    """Eight hex digits naming where this process's id means something: the host name, the boot (a
    pid is reused after a reboot) and the PID namespace (a container sees other pids)."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = ""
    seed = "\0".join((socket.gethostname(), _read("/proc/sys/kernel/random/boot_id"), namespace))
    return hashlib.sha1(seed.encode("utf-8")).hexdigest()[:8]


def temp_name(target: Path, directory: bool = False) -> Path:
    """A temporary name beside ``target``, hidden, carrying this machine's and this process's ids
    (so that the next run knows when it is a dead run's leftover) and ``target``'s extension
    (GDAL picks drivers by it)."""
    token = f".ocsge-m{machine_id()}-{os.getpid()}-{uuid.uuid4().hex[:8]}.part"
    if directory:
        return (
            target / f"{token}dir"
            if target.is_dir()
            else target.with_name(f".{target.name}{token}dir")
        )
    return target.with_name(f".{target.name}{token}{target.suffix}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # pragma: no cover - no cheap check: keep it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def _age(path: Path) -> float:
    """Seconds since ``path`` (or, for a folder, anything directly in it) last changed."""
    try:
        newest = path.lstat().st_mtime
        if path.is_dir() and not path.is_symlink():
            for entry in path.iterdir():
                newest = max(newest, entry.lstat().st_mtime)
    except OSError:
        return 0.0
    return time.time() - newest


def _dead(match: re.Match, entry: Path) -> bool:
    """Whether the run that named ``entry`` has ended: asked of the system on this machine; on
    another (a shared folder), not knowable: ended once nothing in it changed for a day."""
    if match.group("machine") != machine_id():
        return _age(entry) > LEGACY_AGE
    return not _alive(int(match.group("pid")))


_replaced: list[tuple[int, str, str]] = []  # (thread, where, name) of the outputs put in place


def replaced_count() -> int:
    """How many outputs this process has put in place so far (a mark for :func:`replaced_since`)."""
    return len(_replaced)


def replaced_since(mark: int) -> list[tuple[str, str]]:
    """The outputs this thread (an algorithm's run: the desktop runs several at once) put in place
    since ``mark`` (:func:`replaced_count`), each once: (where, name), where is a folder (name: a
    file of it) or a database (name: schema.table)."""
    me = threading.get_ident()
    return list(
        dict.fromkeys((where, name) for thread, where, name in _replaced[mark:] if thread == me)
    )


def note_replaced(where: str, name: str) -> None:
    """An output put in place by other means than this module (a database's table)."""
    _replaced.append((threading.get_ident(), where, name))


def _note_in_place(target: Path) -> None:
    """``target`` put in place: an output, unless it is one of the plugin's own files (its
    cache)."""
    try:
        own = cache_dir().resolve() in target.resolve().parents
    except (OSError, RuntimeError):
        own = False
    if not own:
        note_replaced(str(target.parent), target.name)


def _note_set_in_place(staging: Path) -> None:
    """A set's temporary folder removed after its ``.ready`` list was written: the files that
    left it are in place."""
    try:
        names = json.loads((staging / READY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    moved = [
        name for name in names if (staging.parent / name).exists() and not (staging / name).exists()
    ]
    for name in moved:
        note_replaced(str(staging.parent), name)


def remove(path: Path) -> None:
    """Remove a file (with SQLite's companions) or a folder; nothing when absent."""
    if path.is_dir() and not path.is_symlink():
        if (path / READY).is_file():
            _note_set_in_place(path)
        shutil.rmtree(path, ignore_errors=True)
        return
    for candidate in (path, *(Path(f"{path}{s}") for s in _SQLITE_SIDECARS)):
        try:
            candidate.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass


def clean_leftovers(folder: str | Path) -> list[Path]:
    """Remove the temporary files and folders a dead run left in ``folder``; an output set whose
    files were all written is finished first. Returns what was cleaned."""
    folder = Path(folder)
    cleaned: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return cleaned
    for entry in entries:
        match = _TOKEN.search(entry.name)
        if match is None and _LEGACY.match(entry.name) and _age(entry) > LEGACY_AGE:
            remove(entry)
            cleaned.append(entry)
            continue
        if not entry.name.startswith(".") or match is None or not _dead(match, entry):
            continue
        if entry.is_dir() and (entry / READY).is_file():
            OutputSet.finish(entry, folder)
        remove(entry)
        cleaned.append(entry)
    return cleaned


# ------------------------------------------------------------------------------------ writing

_WRITE_FAILURES = ("disk", "space", "full", "i/o", "read-only", "readonly", "permission", "quota")


def is_write_failure(error: BaseException) -> bool:
    """An error of the storage (full disk, I/O, no right to write) rather than of the method:
    trying another way to write cannot help."""
    if isinstance(error, OSError) and error.errno is not None:  # from the system itself
        return True
    text = str(error).lower()
    return any(word in text for word in _WRITE_FAILURES)


def write_error(path: str | Path, error: BaseException) -> str:
    """The message of a failed write: the path, the reason, and that the previous file is kept."""
    detail = getattr(error, "strerror", None) or str(error)
    return tr(
        "Cannot write {path}: {detail}. Nothing was replaced: a previous file of that name is kept."
    ).format(path=path, detail=detail)


def _refuse_folder(target: Path) -> None:
    if target.is_dir():
        raise IsADirectoryError(21, tr("{path} is a folder").format(path=target), str(target))


# ------------------------------------------------------------------ inputs and destinations

OWNED = (
    ".ocsge-dossier.json"  # in a folder the plugin made: the files it wrote there (relative paths)
)


class OutputClash(OcsgeError):
    """A destination that would replace, hold or lie inside an input of the run, or delete the
    user's layers or files; ``str()`` is translated and names both paths."""


class Kind(Enum):
    """What a run does to a destination."""

    FILE = "file"  # replaces the whole file (a GeoPackage with one layer named as the file)
    LAYER = "layer"  # writes one layer into a GeoPackage, other layers kept
    FOLDER = "folder"  # writes files it names into the folder; nothing else there is touched
    OWNED = "owned"  # a folder the run made (OWNED inside): it prunes its own files there


@dataclass(frozen=True)
class Place:
    """An input of a run: a file or folder (``path`` resolved), or one ``layer`` of a file."""

    path: Path
    layer: str | None = None


_guard = threading.local()


def _resolved(path: str | Path) -> Path:
    return Path(os.path.abspath(os.path.expanduser(str(path)))).resolve()


def split_uri(uri: str) -> tuple[str, str | None]:
    """(file path, layer or None) of a layer's address: a path, ``path|layername=…``, or an OGR
    connection (``ogr:dbname='…' table="…"``)."""
    text, layer = str(uri or "").strip(), None
    if text.lower().startswith("ogr:"):
        text = text[4:]
    match = re.match(r"^\s*dbname='(?P<db>(?:[^']|\\')*)'.*?\btable=\"?(?P<table>[^\" ]+)", text)
    if match:
        return match.group("db").replace("\\'", "'"), match.group("table")
    path, _, rest = text.partition("|")
    found = re.search(r"(?:^|\|)layername=([^|]+)", rest)
    return path, (found.group(1) if found else layer)


def source_places(uri: str, layer: str | None = None) -> list[Place]:
    """The files an input reads (:func:`split_uri`); a VRT is followed to the files it reads.
    Nothing for what is not on disk (a database, a memory layer, a web service)."""
    path, named = split_uri(uri)
    layer = named or layer
    if not path or "\x00" in path:
        return []
    try:
        place = Place(_resolved(path), layer)
        if not place.path.exists():
            return []
    except (OSError, ValueError, RuntimeError):
        return []
    places = [place]
    if place.path.suffix.lower() == ".vrt" and place.path.is_file():
        places += _vrt_sources(place.path)
    return places


def _vrt_sources(vrt: Path) -> list[Place]:
    try:
        root = ET.parse(vrt).getroot()
    except (ET.ParseError, OSError):
        return []
    places: list[Place] = []
    for layer in root.iter("OGRVRTLayer"):
        source = layer.find("SrcDataSource")
        if source is None or not (source.text or "").strip():
            continue
        text = source.text.strip()
        if source.get("relativeToVRT", "0") == "1":
            text = str(vrt.parent / text)
        name = layer.find("SrcLayer")
        for place in source_places(
            text, name.text.strip() if name is not None and name.text else None
        ):
            if place not in places:
                places.append(place)
    return places


@contextmanager
def guarding(inputs: Iterable[Place]) -> Iterator[None]:
    """While a run lasts, every writer of this module compares its destination with ``inputs``
    (:func:`check_destination`); nested runs (a child algorithm) add theirs."""
    stack = getattr(_guard, "stack", None)
    if stack is None:
        stack = _guard.stack = []
    stack.append(list(inputs))
    try:
        yield
    finally:
        stack.pop()


def guarded() -> list[Place]:
    """The inputs of the runs under way in this thread."""
    return [place for inputs in getattr(_guard, "stack", []) for place in inputs]


def _same(a: Path, b: Path) -> bool:
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _inside(child: Path, parent: Path) -> bool:
    return parent in child.parents


def gpkg_layers(path: str | Path) -> list[str]:
    """The layers (features and attribute tables) of a GeoPackage; none for another file."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return []
        with sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True) as con:
            return [
                row[0]
                for row in con.execute("SELECT table_name FROM gpkg_contents ORDER BY table_name")
            ]
    except (OSError, sqlite3.Error):
        return []


def check_destination(
    path: str | Path,
    kind: Kind = Kind.FILE,
    layer: str | None = None,
    inputs: Iterable[Place] | None = None,
    scanned: bool = True,
) -> None:
    """Refuse (:class:`OutputClash`) a destination that would touch what was not handed over as
    an output: one of ``inputs`` (default: those of the runs under way), the same file or layer
    (a layer written into a file the run reads as well); a folder holding an input that the run
    would prune (``Kind.OWNED``); a place inside a folder the run reads (``scanned``: the next
    run would read it as data); for ``Kind.FILE``, an existing GeoPackage holding layers other
    than ``layer`` (default: the file's name), which replacing the file would delete."""
    dest = _resolved(path)
    for put in guarded() if inputs is None else inputs:
        if _same(dest, put.path):
            if put.path.is_dir() and kind in (Kind.FOLDER, Kind.OWNED):
                raise OutputClash(_inside_message(dest, put.path))
            if kind is Kind.LAYER:
                raise OutputClash(
                    tr(
                        "Refused: the output layer {layer} would be written into {path}, "
                        "which this run reads. Nothing was written. Expected another "
                        "file for the output."
                    ).format(layer=layer or "?", path=put.path)
                )
            raise OutputClash(
                tr(
                    "Refused: the output {output} is also an input of this run; writing "
                    "it would replace the data being read. Nothing was written. Expected "
                    "another name for the output."
                ).format(output=dest)
            )
        if scanned and put.path.is_dir() and _inside(dest, put.path):
            raise OutputClash(_inside_message(dest, put.path))
        if kind is Kind.OWNED and _inside(put.path, dest):
            raise OutputClash(
                tr(
                    "Refused: the folder {output} holds an input of this run ({input}) "
                    "and the run replaces its files. Nothing was written. Expected "
                    "another place for the output."
                ).format(output=dest, input=put.path)
            )
    if kind is Kind.FILE and dest.suffix.lower() == ".gpkg":
        mine = (layer or dest.stem).lower()
        others = [name for name in gpkg_layers(dest) if name.lower() != mine]
        if others:
            raise OutputClash(
                tr(
                    "Refused: {output} is a GeoPackage holding other layers ({layers}); "
                    "replacing the file would delete them. Nothing was written. Expected "
                    "a new file name for the output."
                ).format(output=dest, layers=", ".join(others))
            )


def _inside_message(dest: Path, folder: Path) -> str:
    return tr(
        "Refused: the output {output} is, or lies inside, the folder {input} that this "
        "run reads: the next run would read the outputs as data. Nothing was written. "
        "Expected a place outside that folder."
    ).format(output=dest, input=folder)


def check_owned(folder: str | Path) -> None:
    """Refuse a folder that exists and was not made by the plugin (no :data:`OWNED` in it): it is
    the user's, and nothing in it is replaced."""
    folder = Path(folder)
    if folder.exists() and not (folder.is_dir() and (folder / OWNED).is_file()):
        raise OutputClash(
            tr(
                "Refused: {folder} exists and was not made by this plugin (no {marker} "
                "in it): it is left untouched. Expected another output name, or an empty "
                "place."
            ).format(folder=folder, marker=OWNED)
        )


def default_output(folder: str | Path, name: str, suffix: str = "", beside: str = "") -> Path:
    """The output a dialog proposes in ``folder`` (beside the project): ``name`` + ``suffix``, else
    ``name``_2, _3…, the first that touches nothing of the user's: absent, or an empty folder, or a
    folder the plugin made (:data:`OWNED`); with ``beside``, the folder ``<stem><beside>`` next to
    a file output must be free the same way."""
    folder = Path(folder)

    def free(path: Path) -> bool:
        if not path.exists():
            return True
        return path.is_dir() and (not any(path.iterdir()) or (path / OWNED).is_file())

    for number in range(1, 1000):
        stem = name if number == 1 else f"{name}_{number}"
        path = folder / (stem + suffix)
        if free(path) and (not beside or free(folder / (stem + beside))):
            return path
    return folder / f"{name}_{os.getpid()}{suffix}"


def _listed(folder: Path) -> list[str]:
    try:
        names = json.loads((folder / OWNED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(name) for name in names if isinstance(name, str)] if isinstance(names, list) else []


def _write_marker(folder: Path, names: list[str]) -> None:
    tmp = temp_name(folder / OWNED)
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(sorted(set(names)), handle, ensure_ascii=False, indent=0)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, folder / OWNED)


def commit_owned(work: Path, folder: Path, leave: Iterable[str] = ()) -> list[str]:
    """Move every file of ``work`` (but those named in ``leave``) into ``folder``, subfolders
    kept, each replacing only the file of its name; the files the previous run listed in
    :data:`OWNED` that this one does not write are removed (with the folders they leave empty);
    any other file of ``folder`` — the user's — is left as it is. Returns the paths written."""
    check_owned(folder)
    leave = set(leave)
    written = sorted(
        str(p.relative_to(work).as_posix())
        for p in work.rglob("*")
        if p.is_file() and p.name not in leave
    )
    old = [name for name in _listed(folder) if name not in written]
    folder.mkdir(parents=True, exist_ok=True)
    _write_marker(
        folder, old + written
    )  # a run stopped while moving leaves every file it owns listed
    for name in written:
        target = safe_join(folder, name, tr("the plugin"))
        _refuse_folder(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(work / name, target)
    for name in old:
        try:
            target = safe_join(folder, name, tr("the plugin"))
        except UnsafePath:
            continue
        if target.is_file() or target.is_symlink():
            remove(target)
        parent = target.parent
        while parent != folder and _inside(parent, folder):
            try:
                parent.rmdir()  # only when empty
            except OSError:
                break
            parent = parent.parent
    _write_marker(folder, written)
    return [str(folder / name) for name in written]


class Transaction:
    """The one write-then-rename of the plugin: ``target`` (a file, or a folder with ``directory``)
    is written at ``path``, a temporary name beside it (:func:`temp_name`, so a dead run's is
    cleaned by :func:`clean_leftovers`), and put in place by ``commit()`` (one rename; a previous
    folder of that name removed first) or removed by ``abort()``. ``with Transaction(t) as work:``
    commits on a normal exit (unless ``abort()`` or ``commit()`` was called inside) and aborts on
    any exception, the previous ``target`` untouched."""

    def __init__(self, target: str | Path, directory: bool = False):
        self.target = Path(target)
        self.directory = directory
        path = temp_name(self.target, directory=directory)
        if path.parent != self.target.parent:  # beside an existing folder, never inside it
            path = self.target.with_name(f".{self.target.name}{path.name}")
        self.path = path
        self.done = False

    def commit(self) -> Path:
        """Put ``path`` in place as ``target`` (``path`` removed on failure). Returns ``target``."""
        self.done = True
        try:
            if self.directory:
                remove(self.target)
            os.replace(self.path, self.target)
        except BaseException:
            remove(self.path)
            raise
        return self.target

    def abort(self) -> None:
        """Remove what was written at ``path`` (nothing when absent); ``target`` is untouched."""
        self.done = True
        remove(self.path)

    def __enter__(self) -> Transaction:
        return self

    def __exit__(self, kind, error, trace) -> bool:
        if kind is not None:
            self.abort()
        elif not self.done:
            self.commit()
        return False


@contextmanager
def replacing(target: str | Path) -> Iterator[Path]:
    """``with replacing(path) as tmp:`` write ``tmp``; on a normal exit it replaces ``path`` (a
    previous file's SQLite companions removed), on any exception it is removed and ``path`` is
    kept (a checked :class:`Transaction`)."""
    target = Path(target)
    _refuse_folder(target)
    check_destination(target, scanned=False)
    clean_leftovers(target.parent)
    with Transaction(target) as transaction:
        yield transaction.path
    _note_in_place(target)
    for suffix in _SQLITE_SIDECARS:
        try:
            Path(f"{target}{suffix}").unlink()
        except FileNotFoundError:
            pass


class OutputSet:
    """Several output files that replace their previous versions together (see the module's text).

    ``path(name)`` gives where to write ``name``; ``commit()`` puts every file written in the
    temporary folder in place (a shapefile's companions too); ``abort()`` removes them. Other
    files of the folder are never touched."""

    def __init__(self, folder: str | Path, create: bool = True):
        self.folder = Path(folder)
        check_destination(self.folder, Kind.FOLDER, scanned=False)
        if create:
            self.folder.mkdir(parents=True, exist_ok=True)
        clean_leftovers(self.folder)
        self.staging = temp_name(self.folder, directory=True)
        self.staging.mkdir()
        self.names: list[str] = []

    def path(self, name: str) -> Path:
        path = safe_file(self.staging, name, tr("the export"))
        _refuse_folder(self.folder / name)
        check_destination(self.folder / name, scanned=False)
        self.names.append(name)
        return path

    def commit(self) -> list[str]:
        written = sorted(p.name for p in self.staging.iterdir() if p.name != READY)
        for name in written:  # refuse before replacing anything
            _refuse_folder(self.folder / name)
        ready = self.staging / READY
        with open(ready, "w", encoding="utf-8") as handle:
            json.dump(written, handle)
            handle.flush()
            os.fsync(handle.fileno())
        done = self.finish(self.staging, self.folder)
        remove(self.staging)
        return [str(self.folder / name) for name in self.names if str(self.folder / name) in done]

    def abort(self) -> None:
        remove(self.staging)

    @staticmethod
    def finish(staging: Path, folder: Path) -> list[str]:
        """Move the files of a complete set (its ``.ready`` list) into ``folder``."""
        names = json.loads((staging / READY).read_text(encoding="utf-8"))
        done = []
        for name in names:
            source = staging / name
            if source.exists():
                os.replace(source, folder / name)
            if (folder / name).exists():
                done.append(str(folder / name))
        return done


def remove_partial_file(path: str) -> None:
    """Remove an output file (and a shapefile's companions) left incomplete by a cancel."""
    if not path or "|" in path or not os.path.isfile(path):
        return
    stem, ext = os.path.splitext(path)
    companions = (
        (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix") if ext.lower() == ".shp" else (ext,)
    )
    for suffix in companions:
        candidate = stem + suffix
        if os.path.isfile(candidate):
            os.remove(candidate)
