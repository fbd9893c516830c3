"""A folder shared by two machines (a network share): a run of this machine never takes the
temporary files of a live run of the other for a dead run's leftovers (issue 24). The other machine
is a process in another PID namespace (``unshare -p``): its process ids mean nothing here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from builders import HAND_ROWS, square, write_layer
from support import PLUGINPATH

from ocsge.ocsge_plugin.storage import files

FIELDS = ["ID", "CODE_CS", "CODE_US", "MILLESIME"]

# The other machine's run: writes an output through the plugin's own writer (files.replacing), says
# where its temporary file is, waits for a line on stdin, then puts its output in place ("go") or
# dies at once as a machine that goes down ("die").
OTHER_RUN = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, {pluginpath!r})
    from pathlib import Path
    from ocsge.ocsge_plugin.storage import files
    with files.replacing(Path({target!r})) as tmp:
        tmp.write_text("the other machine's result")
        print(os.getpid(), tmp.name, flush=True)
        if sys.stdin.readline().strip() == "die":
            os.kill(os.getpid(), 9)
    print("done", flush=True)
    """
)


def other_machine(target: Path) -> subprocess.Popen:
    """A run in its own PID namespace, after 400 short processes there (its pid is then one no
    process of this machine has: a check by pid alone would call it dead). No --mount-proc:
    inside a chroot (the CI's) unshare cannot make its root private; the namespace's own pid is
    what counts."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("a PID namespace needs root and unshare")
    script = OTHER_RUN.format(pluginpath=str(PLUGINPATH), target=str(target))
    burn = "i=0; while [ $i -lt 400 ]; do /bin/true; i=$((i+1)); done; "
    return subprocess.Popen(
        [
            "unshare",
            "-p",
            "-f",
            "--kill-child",
            "sh",
            "-c",
            f'{burn}"$0" -c "$1"',
            sys.executable,
            script,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_live_run_of_another_machine_in_a_shared_folder_is_left_alone(run, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    other = other_machine(shared / "other.csv")
    pid, temporary = other.stdout.readline().split()
    assert not Path(
        f"/proc/{pid}"
    ).exists()  # its pid is nobody's here: the old check removed its file
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    mine_dead = (
        shared / f".ocsge-m{files.machine_id()}-{int(dead.stdout)}-0123abcd.partdir"
    )  # a dead run of this machine
    mine_dead.mkdir()
    rows = [
        (square(100 * i, 0, 100), [f"P{i}", code[1], code[2], "2019"])
        for i, code in enumerate(r[1] for r in HAND_ROWS)
    ]
    source = write_layer(tmp_path / "src" / "occ.gpkg", "occ", FIELDS, rows)

    results, _ = run(
        "ocsge:classify", {"INPUT": str(source), "OUTPUT": str(shared / "cls.gpkg")}
    )  # cleans the folder first

    assert results["OUTPUT"] == str(shared / "cls.gpkg")
    assert not mine_dead.exists()  # this machine's dead run: cleaned
    assert (
        shared / temporary
    ).read_text() == "the other machine's result"  # the other machine's live run: untouched
    out, err = other.communicate("go\n", timeout=60)
    assert other.returncode == 0 and out.strip() == "done", err
    assert (shared / "other.csv").read_text() == "the other machine's result"
    assert sorted(p.name for p in shared.iterdir()) == ["cls.gpkg", "other.csv"]


def test_leftover_of_another_machine_is_removed_once_a_day_old(tmp_path):
    """What another machine left: its process cannot be asked; nothing in it changed for a day →
    dead."""
    other = other_machine(tmp_path / "other.csv")
    _, temporary = other.stdout.readline().split()
    other.communicate("die\n", timeout=60)  # killed while writing, as a machine that goes down
    leftover = tmp_path / temporary
    assert leftover.exists()
    files.clean_leftovers(tmp_path)
    assert leftover.exists()  # recent: perhaps a live run
    day_ago = time.time() - 25 * 3600
    os.utime(leftover, (day_ago, day_ago))
    files.clean_leftovers(tmp_path)
    assert list(tmp_path.iterdir()) == []
