"""The record of outputs put in place (files.replaced_since), read by a canceled run to say what it
replaced (interrupt.watching): a set's files once moved in, a single file, never the plugin's cache,
and only the run's own thread's (the desktop runs several algorithms at once)."""

from __future__ import annotations

import threading

from ocsge.ocsge_plugin.core import settings
from ocsge.ocsge_plugin.storage import files, interrupt


def test_a_set_and_a_file_put_in_place_are_recorded_once_each(tmp_path):
    mark = files.replaced_count()
    (tmp_path / "a.csv").write_text("old")
    staged = files.OutputSet(tmp_path)
    staged.path("a.csv").write_text("new")
    staged.path("b.csv").write_text("new")
    staged.commit()
    with files.replacing(tmp_path / "c.gpkg") as tmp:
        tmp.write_bytes(b"c")
    aborted = files.OutputSet(tmp_path)
    aborted.path("d.csv").write_text("never")
    aborted.abort()
    with files.replacing(
        settings.cache_dir() / "own.vrt"
    ) as tmp:  # the plugin's cache: not an output
        tmp.write_text("x")
    folder = str(tmp_path)
    assert files.replaced_since(mark) == [(folder, "a.csv"), (folder, "b.csv"), (folder, "c.gpkg")]
    assert interrupt.canceled_after_replacing(files.replaced_since(mark)) == (
        "Canceled too late to keep the previous outputs: 3 outputs had already been "
        "replaced by this run's results "
        f"({folder}: a.csv, b.csv, c.gpkg). The outputs not listed were not written; "
        "their previous versions are kept."
    )


def test_another_thread_s_outputs_are_not_this_run_s(tmp_path):
    mark = files.replaced_count()

    def other_run():
        with files.replacing(tmp_path / "other.csv") as tmp:
            tmp.write_text("other")

    thread = threading.Thread(target=other_run)
    thread.start()
    thread.join()
    with files.replacing(tmp_path / "mine.csv") as tmp:
        tmp.write_text("mine")
    assert (tmp_path / "other.csv").exists()
    assert files.replaced_since(mark) == [(str(tmp_path), "mine.csv")]
