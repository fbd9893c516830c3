"""Paths that come from outside and files the plugin writes: one place for each.

- :func:`safe_join` builds every path whose name comes from outside the plugin (an IGN listing's
  title, an archive entry, a data.gouv.fr resource id or URL segment) and refuses one that would
  land outside its folder (absolute, ``..``, a drive, a link leading out).
- :func:`replacing` writes every single output: under a temporary name beside it, renamed over the
  previous file only once complete; on any error, cancel or signal the temporary file is removed
  and the previous file is untouched.
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
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterator

from .i18n import tr
from .settings import cache_dir

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
            tr("Refused: the name “{name}” given by {what} is not a plain file name; nothing was written.").format(
                name=name, what=what or tr("the source")
            )
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
    """A temporary name beside ``target``, hidden, carrying this machine's and this process's ids (so
    that the next run knows when it is a dead run's leftover) and ``target``'s extension (GDAL
    picks drivers by it)."""
    token = f".ocsge-m{machine_id()}-{os.getpid()}-{uuid.uuid4().hex[:8]}.part"
    if directory:
        return target / f"{token}dir" if target.is_dir() else target.with_name(f".{target.name}{token}dir")
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
    return list(dict.fromkeys((where, name) for thread, where, name in _replaced[mark:] if thread == me))


def note_replaced(where: str, name: str) -> None:
    """An output put in place by other means than this module (a database's table)."""
    _replaced.append((threading.get_ident(), where, name))


def _note_in_place(target: Path) -> None:
    """``target`` put in place: an output, unless it is one of the plugin's own files (its cache)."""
    try:
        own = cache_dir().resolve() in target.resolve().parents
    except (OSError, RuntimeError):
        own = False
    if not own:
        note_replaced(str(target.parent), target.name)


def _note_set_in_place(staging: Path) -> None:
    """A set's temporary folder removed after its ``.ready`` list was written: the files that left it
    are in place."""
    try:
        names = json.loads((staging / READY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    moved = [name for name in names if (staging.parent / name).exists() and not (staging / name).exists()]
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
    """An error of the storage (full disk, I/O, no right to write) rather than of the method: trying
    another way to write cannot help."""
    if isinstance(error, OSError) and error.errno is not None:  # from the system itself
        return True
    text = str(error).lower()
    return any(word in text for word in _WRITE_FAILURES)


def write_error(path: str | Path, error: BaseException) -> str:
    """The message of a failed write: the path, the reason, and that the previous file is kept."""
    detail = getattr(error, "strerror", None) or str(error)
    return tr("Cannot write {path}: {detail}. Nothing was replaced: a previous file of that name is kept.").format(
        path=path, detail=detail
    )


def _refuse_folder(target: Path) -> None:
    if target.is_dir():
        raise IsADirectoryError(21, tr("{path} is a folder").format(path=target), str(target))


@contextmanager
def replacing(target: str | Path) -> Iterator[Path]:
    """``with replacing(path) as tmp:`` write ``tmp``; on a normal exit it replaces ``path`` (a
    previous file's SQLite companions removed), on any exception it is removed and ``path`` is kept."""
    target = Path(target)
    _refuse_folder(target)
    clean_leftovers(target.parent)
    tmp = temp_name(target)
    try:
        yield tmp
        os.replace(tmp, target)
        _note_in_place(target)
    except BaseException:
        remove(tmp)
        raise
    for suffix in _SQLITE_SIDECARS:
        try:
            Path(f"{target}{suffix}").unlink()
        except FileNotFoundError:
            pass


class OutputSet:
    """Several output files that replace their previous versions together (see the module's text).

    ``path(name)`` gives where to write ``name``; ``commit()`` puts every file written in the
    temporary folder in place (a shapefile's companions too); ``abort()`` removes them. Other files
    of the folder are never touched."""

    def __init__(self, folder: str | Path, create: bool = True):
        self.folder = Path(folder)
        if create:
            self.folder.mkdir(parents=True, exist_ok=True)
        clean_leftovers(self.folder)
        self.staging = temp_name(self.folder, directory=True)
        self.staging.mkdir()
        self.names: list[str] = []

    def path(self, name: str) -> Path:
        path = safe_file(self.staging, name, tr("the export"))
        _refuse_folder(self.folder / name)
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
    companions = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix") if ext.lower() == ".shp" else (ext,)
    for suffix in companions:
        candidate = stem + suffix
        if os.path.isfile(candidate):
            os.remove(candidate)
