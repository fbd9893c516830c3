"""Set-up checks what it uses, never a package's name: 7-Zip is any of its three commands, for
``make deps`` (scripts/deps) and for the plugin's one finder alike."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ocsge.ocsge_plugin.storage import sevenzip

ROOT = Path(__file__).resolve().parents[2]
# What scripts/deps runs by name besides 7-Zip (the rest it checks by absolute path or Python
# module).
COMMANDS = (
    "bash",
    "qgis",
    "xvfb-run",
    "pdftotext",
    "pdftoppm",
    "lrelease",
    "pylupdate5",
    "apt-cache",
    "env",
    "id",
    "awk",
    "printf",
)


def shim_path(folder: Path, *extra: str) -> str:
    """A PATH holding only links to the commands scripts/deps needs, plus ``extra`` (a 7-Zip command
    named as a package installs it, pointing at whichever 7-Zip this machine has)."""
    folder.mkdir()
    real = sevenzip.seven_zip()
    for name in COMMANDS:
        found = shutil.which(name)
        if found:
            (folder / name).symlink_to(found)
    for name in extra:
        (folder / name).symlink_to(real)
    return str(folder)


def check(path: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / "scripts" / "deps"), "--check"],
        capture_output=True,
        text=True,
        env={"PATH": path, "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"},
    )


@pytest.mark.parametrize("command", sevenzip.COMMANDS)
def test_deps_take_any_7zip_command(tmp_path, command):
    assert sevenzip.seven_zip(), "this machine has a 7-Zip (make deps installs one)"
    done = check(shim_path(tmp_path / "bin", command))
    assert "7-Zip" not in done.stdout, done.stdout


def test_deps_say_7zip_is_missing_by_its_commands(tmp_path):
    done = check(shim_path(tmp_path / "bin"))
    assert done.returncode == 1
    assert "7-Zip (7z, 7za ou 7zz)" in done.stdout


def test_finder_takes_7zz_alone_and_honours_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", shim_path(tmp_path / "bin", "7zz"))
    monkeypatch.delenv("OCSGE_7Z", raising=False)
    assert sevenzip.seven_zip() == str(tmp_path / "bin" / "7zz")
    monkeypatch.setenv("OCSGE_7Z", "7za")
    assert sevenzip.seven_zip() is None
    with pytest.raises(FileNotFoundError, match="OCSGE_7Z=7za"):
        sevenzip.require_seven_zip()
    monkeypatch.delenv("OCSGE_7Z")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(FileNotFoundError, match="7-Zip introuvable"):
        sevenzip.require_seven_zip()


def test_a_delivery_packed_and_read_through_7zz_alone(tmp_path, monkeypatch, run):
    """The plugin extracts with whichever 7-Zip is there: with 7zz only (Debian 12's 7zip
    package)."""
    from builders import HAND_SURFACE_HA, hand_delivery, pack_7z
    from qgis.core import QgsVectorLayer

    monkeypatch.setenv("PATH", shim_path(tmp_path / "bin", "7zz"))
    monkeypatch.setenv("OCSGE_7Z", "7zz")
    archive = pack_7z(hand_delivery(tmp_path / "d"))
    results, _ = run("ocsge:load", {"INPUT": str(archive)})
    layer = QgsVectorLayer(results["OCCUPATION"], "o", "ogr")
    areas: dict[str, float] = {}
    for feature in layer.getFeatures():
        areas[feature["code_cs"]] = (
            areas.get(feature["code_cs"], 0.0) + feature.geometry().area() / 10000.0
        )
    assert areas == pytest.approx(HAND_SURFACE_HA)
