"""IGN's 7-Zip archives: found (whole or split in volumes), checked, extracted once into the
extraction cache (keyed by every part's path, size and date) and evicted beyond the cache's size.

Extraction goes through the 7z command when there is one, else py7zr; an entry that would land
outside the extraction folder (absolute path, ``..``, a link) is refused, and a concurrent
extraction of the same archive waits for the first (a lock file). Before a byte is written, the
sizes the archive lists are summed and checked against a cap (``archive/max_gb``), a ratio to the
archive's own size (``archive/max_ratio``: a 7z bomb expands thousands of times) and the cache
disk's free space; while 7-Zip writes, an extraction growing past its listed size is stopped; a
full disk is said as such."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Callable

from ..core.errors import Canceled, DeliveryError
from ..core.i18n import tr
from ..core.settings import archive_max_bytes, archive_max_ratio, cache_dir, cache_max_bytes
from . import files
from .sevenzip import seven_zip

__all__ = [
    "archive_parts",
    "cache_key",
    "clear_cache",
    "extract_archive",
    "is_archive",
    "is_first_part",
    "seven_zip",
    "tree_size",
]


def cache_key(paths: list[Path]) -> str:
    """The extraction cache's key: every part's path, size and date."""
    raw = ";".join(
        f"{path.resolve()}|{path.stat().st_size}|{int(path.stat().st_mtime)}" for path in paths
    )
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


_VOLUME = re.compile(r"^(?P<base>.+\.7z)\.(?P<number>\d{3})$", re.IGNORECASE)


def is_archive(path: Path) -> bool:
    """A .7z archive, or a part of one split in volumes (NAME.7z.001, NAME.7z.002, …)."""
    return path.suffix.lower() == ".7z" or _VOLUME.match(path.name) is not None


def is_first_part(path: Path) -> bool:
    """A .7z archive, or the first part (.7z.001) of a split one: what to open."""
    match = _VOLUME.match(path.name)
    return path.suffix.lower() == ".7z" if match is None else match.group("number") == "001"


def archive_parts(path: Path) -> list[Path]:
    """Every part of the archive ``path`` belongs to, in order ([path] for a plain .7z). A split
    archive (7-Zip volumes, NAME.7z.001, .002, …) is named by any of its parts; a part missing
    before the last one found is refused naming it."""
    match = _VOLUME.match(path.name)
    if match is None:
        return [path]
    base = match.group("base").lower()
    numbered = {}
    for candidate in path.parent.iterdir():
        found = _VOLUME.match(candidate.name)
        if found and found.group("base").lower() == base and candidate.is_file():
            numbered[int(found.group("number"))] = candidate
    missing = [f"{number:03d}" for number in range(1, max(numbered) + 1) if number not in numbered]
    if missing:
        raise DeliveryError(
            tr(
                "The archive {name} is split in parts and part(s) {missing} are missing. "
                "Expected every part "
                "(.7z.001, .7z.002, …) in the same folder, as downloaded from IGN."
            ).format(name=match.group("base"), missing=", ".join(missing))
        )
    return [numbered[number] for number in sorted(numbered)]


def extract_archive(
    archive: Path,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> tuple[Path, bool]:
    """Extract a .7z (or a split one, named by its first part) into the cache, once per archive
    path, size and date (of every part). Returns (folder, reused).

    Runs extracting the same archive at once take turns (a lock): the first extracts, the others
    reuse its result. The extraction goes to a temporary folder renamed when complete; an entry
    whose name or link leads outside that folder refuses the whole archive. Beyond the cache's size
    cap, the least recently used extractions are removed."""
    parts = archive_parts(archive)
    archive = parts[0]
    stem = (
        archive.name[: -len(".7z.001")]
        if len(archive.name) > 7 and _VOLUME.match(archive.name)
        else archive.stem
    )
    root = cache_dir() / "extract"
    root.mkdir(parents=True, exist_ok=True)
    target = root / f"{stem}-{cache_key(parts)}"
    with _Locked(root / f".{target.name}.lock", is_canceled):
        if (target / ".complete").exists():
            os.utime(target / ".complete")  # used now: the last to be evicted
            return target, True
        files.clean_leftovers(root)
        try:
            with files.Transaction(target, directory=True) as extraction:
                work = extraction.path
                work.mkdir()
                _extract_into(work, archive, parts, root, progress, is_canceled)
                (work / ".complete").write_text(str(archive))
                if (target / ".complete").exists():  # another run was first (no lock): use its
                    extraction.abort()
                    return target, True
                # leaving the block commits (an unfinished extraction of an earlier version of the
                # plugin, without .complete, removed first)
        except OSError as error:  # the cache's disk, not the user's output folder
            if error.errno == errno.ENOSPC:
                raise _disk_full(archive.name, root, str(error)) from None
            raise DeliveryError(
                tr(
                    "Cannot extract {name} into the cache {folder}: {error}. Free some "
                    "space or empty the cache."
                ).format(name=archive.name, folder=root, error=error.strerror or error)
            ) from None
    evict_cache(keep=(target,))
    return target, False


def _extract_into(
    work: Path,
    archive: Path,
    parts: list[Path],
    root: Path,
    progress: Callable[[float], None] | None,
    is_canceled: Callable[[], bool] | None,
) -> None:
    """Every entry of ``archive`` into ``work``, its names and links checked first and after."""
    exe = seven_zip()
    if exe:
        entries = _list_7z(exe, archive)
        _check_entries(((name, link) for name, link, _size in entries), archive.name, work)
        listed = sum(size for _name, _link, size in entries)
        check_room(listed, parts, root)
        _extract_with_7z(
            exe, archive, work, progress, is_canceled, listed
        )  # 7-Zip reads the next parts itself
    else:
        _extract_with_py7zr(parts, work)
    _check_extracted(work, archive.name)


class _Locked:
    """An exclusive lock on ``path`` (``fcntl.flock``; a no-op where it does not exist), waited for
    while honouring cancel; ``wait=False``: ``acquired`` says whether it was free."""

    def __init__(
        self, path: Path, is_canceled: Callable[[], bool] | None = None, wait: bool = True
    ):
        self.path, self.is_canceled, self.wait = path, is_canceled, wait
        self.handle = None
        self.acquired = False

    def __enter__(self) -> _Locked:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: the atomic rename alone
            self.acquired = True
            return self
        self.handle = open(self.path, "a")
        while True:
            try:
                fcntl.flock(self.handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                self.acquired = True
                return self
            except BlockingIOError:
                if not self.wait:
                    return self
                if self.is_canceled and self.is_canceled():
                    self.handle.close()
                    raise Canceled() from None
                time.sleep(0.1)

    def __exit__(self, *exc) -> None:
        if self.handle is not None:
            self.handle.close()  # releases the lock


def _list_7z(exe: str, archive: Path) -> list[tuple[str, bool, int]]:
    """(name, is a link, size) of every entry of an archive, as 7-Zip lists them (``-slt``)."""
    proc = subprocess.run(
        [exe, "l", "-slt", "-ba", str(archive)], capture_output=True, stdin=subprocess.DEVNULL
    )
    entries: list[tuple[str, bool, int]] = []
    for line in proc.stdout.decode("utf-8", errors="replace").splitlines():
        if line.startswith("Path = "):
            entries.append((line[len("Path = ") :], False, 0))
        elif line.startswith("Attributes = ") and entries:
            mode = line[len("Attributes = ") :].split()
            entries[-1] = (
                entries[-1][0],
                any(m.startswith("l") and len(m) == 10 for m in mode),
                entries[-1][2],
            )
        elif line.startswith("Size = ") and entries and line[len("Size = ") :].strip().isdigit():
            entries[-1] = (entries[-1][0], entries[-1][1], int(line[len("Size = ") :]))
    return entries


RATIO_FLOOR = (
    10_000_000  # below this listed size, any ratio is harmless (a small GeoPackage compresses well)
)
RESERVE = 50_000_000  # left free on the cache's disk (at most 5 % of it)


def _size(size: float) -> str:
    return f"{size / 1e6:,.1f}".replace(",", " ")


def _disk_full(name: str, folder: Path, detail: str) -> DeliveryError:
    return DeliveryError(
        tr(
            "The disk of the cache {folder} is full while extracting {name} ({detail}): "
            "nothing was kept. Free some "
            "space, empty the cache (the panel's settings) or point OCSGE_CACHE_DIR at a "
            "larger disk."
        ).format(name=name, folder=folder, detail=detail)
    )


def check_room(listed: int, parts: list[Path], folder: Path) -> None:
    """Refuse, before a byte is written, an archive whose entries (``listed`` bytes, as it lists
    them) exceed the cap, expand more than the ratio, or do not fit in ``folder``'s free space (a
    reserve kept)."""
    name = parts[0].name
    packed = sum(part.stat().st_size for part in parts)
    cap, ratio = archive_max_bytes(), archive_max_ratio()
    if listed > cap:
        raise DeliveryError(
            tr(
                "The archive {name} lists {size} MB of files, more than the cap of {cap} "
                "MB: refused, nothing was extracted. An IGN delivery is smaller; the cap "
                "is QGIS's advanced setting ocsge/archive/max_gb."
            ).format(name=name, size=_size(listed), cap=_size(cap))
        )
    if listed > RATIO_FLOOR and listed > ratio * max(packed, 1):
        raise DeliveryError(
            tr(
                "The archive {name} ({packed} MB) lists {size} MB of files, {times:.0f} "
                "times its size (at most {ratio:g}): an archive made to fill the disk, "
                "refused, nothing was extracted. Get the delivery again from IGN."
            ).format(
                name=name,
                packed=_size(packed),
                size=_size(listed),
                times=listed / max(packed, 1),
                ratio=ratio,
            )
        )
    usage = shutil.disk_usage(folder)
    room = usage.free - min(RESERVE, usage.total // 20)
    if listed > room:
        raise DeliveryError(
            tr(
                "Not enough space in the cache {folder} to extract {name}: {size} MB "
                "needed, {free} MB free. Nothing was extracted: free some space, empty "
                "the cache (the panel's settings) or point OCSGE_CACHE_DIR at a larger "
                "disk."
            ).format(name=name, folder=folder, size=_size(listed), free=_size(max(room, 0)))
        )


def _refuse_entry(name: str, archive_name: str) -> DeliveryError:
    return DeliveryError(
        tr(
            "The archive {name} holds an entry “{entry}” that would be written outside "
            "its folder (an absolute "
            "path, “..” or a link): refused, nothing was extracted. IGN's archives hold "
            "none: get it again from IGN."
        ).format(name=archive_name, entry=name)
    )


def _check_entries(entries: Iterable[tuple[str, bool]], archive_name: str, work: Path) -> None:
    for name, link in entries:
        try:
            files.safe_join(work, name, archive_name)
        except files.UnsafePath:
            raise _refuse_entry(name, archive_name) from None
        if link:
            raise _refuse_entry(name, archive_name)


def _check_extracted(work: Path, archive_name: str) -> None:
    """After extraction: no link, nothing outside ``work`` (whatever the extractor did)."""
    for current, dirs, names in os.walk(work):
        for name in dirs + names:
            path = Path(current) / name
            if path.is_symlink():
                raise _refuse_entry(str(path.relative_to(work)), archive_name)


def tree_size(folder: Path) -> int:
    """Bytes of the files under ``folder`` (0 when absent)."""
    total = 0
    for current, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.lstat(os.path.join(current, name)).st_size
            except OSError:
                pass
    return total


def _cache_limit() -> int:
    try:
        return cache_max_bytes()
    except Exception:  # pragma: no cover - outside QGIS
        return 5 * 10**9


def evict_cache(limit: int | None = None, keep: Iterable[Path] = ()) -> list[Path]:
    """Remove the least recently used extractions (last use: the date of their ``.complete``) until
    the extraction cache holds at most ``limit`` bytes (default: the setting); ``keep`` and
    extractions another run holds are spared. Returns what was removed."""
    limit = _cache_limit() if limit is None else limit
    root = cache_dir() / "extract"
    if not root.is_dir():
        return []
    entries = [d for d in root.iterdir() if d.is_dir() and (d / ".complete").is_file()]
    sizes = {d: tree_size(d) for d in entries}
    total = sum(sizes.values())
    removed = []
    keep = {Path(k) for k in keep}
    for entry in sorted(entries, key=lambda d: (d / ".complete").stat().st_mtime):
        if total <= limit:
            break
        if entry in keep:
            continue
        with _Locked(root / f".{entry.name}.lock", wait=False) as lock:
            if not lock.acquired:
                continue
            files.remove(entry)
        total -= sizes[entry]
        removed.append(entry)
    return removed


def clear_cache() -> int:
    """Empty the extraction cache and the normalised layers (not what another run is extracting).
    Returns the bytes freed."""
    freed = 0
    for name in ("extract", "normalised"):
        root = cache_dir() / name
        if root.is_dir():
            freed += tree_size(root)
    evict_cache(limit=0)
    files.remove(cache_dir() / "normalised")
    for name in ("extract", "normalised"):
        root = cache_dir() / name
        if root.is_dir():
            freed -= tree_size(root)
    return freed


def _extract_with_7z(exe, archive, work, progress, is_canceled, listed: int | None = None) -> None:
    """7-Zip's extraction of ``archive`` into ``work``, stopped on cancel and when what it wrote
    grows past the ``listed`` size (+1 % and 1 MB: a header that lies); its error said, a full
    disk as such."""
    proc = subprocess.Popen(
        [exe, "x", "-y", "-bsp1", "-bso0", "-bse1", f"-o{work}", str(archive)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    output = bytearray()
    assert proc.stdout is not None
    os.set_blocking(proc.stdout.fileno(), True)
    limit = None if listed is None else listed + listed // 100 + 1_000_000
    measured = time.monotonic()
    while True:
        chunk = proc.stdout.read1(256) if hasattr(proc.stdout, "read1") else proc.stdout.read(256)
        if not chunk:
            break
        output.extend(chunk)
        if progress:
            percents = re.findall(rb"(\d{1,3})%", chunk)
            if percents:
                progress(float(percents[-1]))
        if is_canceled and is_canceled():
            _kill(proc)
            raise Canceled()
        if limit is not None and time.monotonic() - measured > 0.2:
            measured = time.monotonic()
            if tree_size(work) > limit:
                _kill(proc)
                raise _forged(archive.name, listed)
    code = proc.wait()
    proc.stdout.close()
    if code == 0 and limit is not None and tree_size(work) > limit:
        raise _forged(archive.name, listed)
    if code != 0:
        lines = [
            line.strip()
            for line in bytes(output)
            .decode(errors="replace")
            .replace("\b", "\n")
            .replace("\r", "\n")
            .splitlines()
            if line.strip()
        ]
        full = next((line for line in lines if "errno=28" in line or "No space left" in line), None)
        if full is not None:
            raise _disk_full(archive.name, Path(work).parent, full)
        detail = next(
            (
                line
                for line in reversed(lines)
                if "ERROR" in line.upper() and line.rstrip(":").upper() != "SYSTEM ERROR"
            ),
            lines[-1] if lines else "",
        )
        raise DeliveryError(
            tr(
                "The archive {name} is corrupt or truncated (7-Zip: {detail}). Download "
                "it again from IGN."
            ).format(name=archive.name, detail=detail.strip())
        )


def _forged(name: str, listed: int) -> DeliveryError:
    return DeliveryError(
        tr(
            "The archive {name} writes more than the {size} MB it lists: a forged "
            "archive, stopped and removed. Get the delivery again from IGN."
        ).format(name=name, size=_size(listed))
    )


def _kill(proc) -> None:
    proc.kill()
    proc.wait()
    proc.stdout.close()


def _extract_with_py7zr(parts, work) -> None:
    """py7zr, when no 7-Zip program is found; the parts of a split archive are its bytes in order,
    joined first into one file in the work folder."""
    archive = parts[0]
    if len(parts) > 1:
        joined = Path(work) / ".joined.7z"
        with open(joined, "wb") as out:
            for part in parts:
                with open(part, "rb") as handle:
                    shutil.copyfileobj(handle, out, 1 << 20)
        try:
            _extract_with_py7zr_one(joined, work, archive.name)
        finally:
            joined.unlink(missing_ok=True)
    else:
        _extract_with_py7zr_one(archive, work, archive.name)


def _extract_with_py7zr_one(archive, work, display_name) -> None:
    try:
        import py7zr  # type: ignore
    except ImportError:
        raise DeliveryError(
            tr(
                "Cannot open {name}: no 7-Zip program was found. Install p7zip-full "
                "(apt install p7zip-full) or 7-Zip, or the Python package py7zr."
            ).format(name=display_name)
        ) from None
    try:
        with py7zr.SevenZipFile(archive) as handle:
            infos = handle.list()
            _check_entries(
                ((info.filename, info.is_symlink) for info in infos), display_name, Path(work)
            )
            check_room(
                sum(info.uncompressed or 0 for info in infos), [Path(archive)], Path(work).parent
            )
            handle.extractall(work)
    except DeliveryError:
        raise
    except Exception as error:  # py7zr raises many kinds
        raise DeliveryError(
            tr(
                "The archive {name} is corrupt or truncated ({detail}). Download it again from IGN."
            ).format(name=display_name, detail=error)
        ) from None
