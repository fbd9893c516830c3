"""Issue 24 through the real qgis_process: an output equal to its input is refused with the
plugin's message (exit status 1, no traceback, the file byte for byte as it was); a full disk
during a diagnostic or a portrait is the plugin's one message, never a Python traceback, and
every file of the previous run is kept (a real 8 MB tmpfs; GDAL without its Python exceptions, as
qgis_process runs it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from builders import hand_delivery, sha256_tree, square, tmpfs, user_folder, users_gpkg, write_layer
from support import qgis_process

pytestmark = pytest.mark.slow


def test_classify_into_its_input_is_refused_by_qgis_process(tmp_path):
    folder = user_folder(tmp_path)
    source = users_gpkg(folder / "ocsge.gpkg")
    before = sha256_tree(tmp_path)
    proc = qgis_process(
        "run",
        "ocsge:classify",
        "--",
        f"INPUT={source}|layername=OCCUPATION_SOL",
        f"OUTPUT={source}",
        check=False,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert (
        "Refus" in output and str(source) in output
    )  # « Refused: » / « Refusé : », in QGIS's language
    assert "Traceback" not in output
    assert sha256_tree(tmp_path) == before


@pytest.fixture
def small_disk(tmp_path):
    """A real 8 MB filesystem (tmpfs), unmounted after the test (as
    tests/processing/test_faults.py)."""
    with tmpfs(tmp_path / "disk", "8m") as mount:
        yield mount


def fill(disk: Path, leave: int) -> None:
    stat = os.statvfs(disk)
    with open(disk / "filler", "wb") as handle:
        handle.write(b"\0" * max(stat.f_bavail * stat.f_frsize - leave, 0))


@pytest.mark.parametrize("leave", [16 * 1024, 256 * 1024])
@pytest.mark.parametrize("algorithm", ["diagnostic", "portrait"])
def test_full_disk_is_one_message_and_keeps_the_previous_files(
    small_disk, tmp_path, algorithm, leave
):
    """The second run on a full disk (``leave`` bytes free: GDAL fails at its first page, or
    later): exit status 1, « Cannot write » / « Impossible d'écrire » and no traceback; every
    file of the first run as it was, nothing else left on the disk."""
    deliveries = tmp_path / "livraisons"
    hand_delivery(deliveries)
    communes = write_layer(
        tmp_path / "communes.gpkg",
        "communes",
        ["code", "nom"],
        [(square(-50, -50, 400), ["32001", "Une"])],
    )
    out = small_disk / "sortie"
    out.mkdir()
    args = [
        "run",
        f"ocsge:{algorithm}",
        "--",
        f"INPUT={deliveries}",
        f"COMMUNES={communes}",
        "CODE_FIELD=code",
        "NAME_FIELD=nom",
        "METHOD=2",
    ]
    args += (
        [f"OUTPUT_FOLDER={out}"]
        if algorithm == "diagnostic"
        else ["LEVEL=0", f"OUTPUT={out / 'rapport.pdf'}"]
    )
    qgis_process(*args)
    before = sha256_tree(small_disk)
    fill(small_disk, leave)
    proc = qgis_process(*args, check=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "Traceback" not in output and "NoneType" not in output, output
    assert "Cannot write" in output or "Impossible d'écrire" in output, output
    after = sha256_tree(small_disk)
    assert after.pop("filler")
    assert after == before
