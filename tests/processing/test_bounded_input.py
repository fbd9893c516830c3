"""Bounded outside input (issue 24, point 3), on real archives and a real small disk (tmpfs): a 7z bomb and
an archive larger than the free space are refused before a byte is written, a disk filled during extraction
is said full (not « corrupt »), an archive writing more than it lists is stopped."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from ocsge.ocsge_plugin import archives, settings
from ocsge.ocsge_plugin.errors import DeliveryError

NAME = "OCS-GE_2-0__GPKG_LAMB93_D032_2019-01-01"
MB = 1_000_000


def everything_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def files_under(folder: Path) -> list[str]:
    return [p for p in everything_under(folder) if (folder / p).is_file()]


def free_bytes(folder: Path) -> int:
    return shutil.disk_usage(folder).free


@pytest.fixture
def disk(tmp_path):
    """A real 20 MB filesystem (tmpfs), unmounted after the test."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mount)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def pack(tmp_path: Path, files: dict[str, bytes | int], name: str = NAME) -> Path:
    """A real .7z made by 7-Zip (the plugin's finder: 7z, 7za or 7zz) of ``files``: bytes, or a count of zeros."""
    exe = archives.seven_zip()
    assert exe, "a 7-Zip program is needed"
    work = tmp_path / "pack"
    work.mkdir(exist_ok=True)
    for entry, content in files.items():
        path = work / entry
        if isinstance(content, int):
            with path.open("wb") as handle:
                for _ in range(content // MB):
                    handle.write(b"\0" * MB)
        else:
            path.write_bytes(content)
    archive = tmp_path / f"{name}.7z"
    subprocess.run([exe, "a", "-bd", "-mx=1", str(archive), *files], cwd=work, check=True, capture_output=True)
    shutil.rmtree(work)
    return archive


# ------------------------------------------------------------------------------------------ archives


def test_7z_bomb_is_refused_before_extraction(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv(settings.CACHE_ENV, str(cache))
    bomb = pack(tmp_path, {"zeros.gpkg": 200 * MB})
    assert bomb.stat().st_size < MB  # a few hundred KB that list 200 MB
    start = time.monotonic()
    with pytest.raises(DeliveryError, match="times its size") as error:
        archives.extract_archive(bomb)
    assert "200.0 MB" in str(error.value) and time.monotonic() - start < 10
    assert [p for p in everything_under(cache) if not p.endswith(".lock")] == ["extract"]  # not a byte written


def test_7z_larger_than_the_cache_disk_is_refused_before_extraction(tmp_path, disk, monkeypatch):
    monkeypatch.setenv(settings.CACHE_ENV, str(disk / "cache"))
    archive = pack(tmp_path, {"occupation.gpkg": os.urandom(30 * MB)})  # incompressible: listed ≈ archive size
    before = free_bytes(disk)
    with pytest.raises(DeliveryError, match="Not enough space") as error:
        archives.extract_archive(archive)
    assert "30.0 MB needed" in str(error.value)
    assert [p for p in everything_under(disk / "cache") if not p.endswith(".lock")] == ["extract"]
    assert free_bytes(disk) >= before - 64 * 1024  # nothing written (a lock file at most)


def test_disk_filled_during_extraction_is_said_full_not_corrupt(tmp_path, disk, monkeypatch):
    """Another program fills the disk after the check (simulated: the check passes): 7-Zip's errno 28 line is
    the message, no longer « corrupt or truncated (7-Zip: System ERROR:) »."""
    monkeypatch.setenv(settings.CACHE_ENV, str(disk / "cache"))
    monkeypatch.setattr(archives, "check_room", lambda listed, parts, folder: None)
    archive = pack(tmp_path, {"occupation.gpkg": os.urandom(30 * MB)})
    with pytest.raises(DeliveryError) as error:
        archives.extract_archive(archive)
    message = str(error.value)
    assert "is full" in message and "errno=28" in message and "corrupt" not in message, message
    assert [p for p in everything_under(disk / "cache") if not p.endswith(".lock")] == ["extract"]  # the half extraction removed


def test_archive_writing_more_than_it_lists_is_stopped(tmp_path, monkeypatch):
    """A forged header (simulated: the listing says a hundredth of the real sizes) cannot write more."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(settings.CACHE_ENV, str(cache))
    real = archives._list_7z
    monkeypatch.setattr(archives, "_list_7z", lambda exe, path: [(n, link, size // 100) for n, link, size in real(exe, path)])
    archive = pack(tmp_path, {"occupation.gpkg": os.urandom(20 * MB)})
    with pytest.raises(DeliveryError, match="writes more than"):
        archives.extract_archive(archive)
    assert [p for p in everything_under(cache) if not p.endswith(".lock")] == ["extract"]
