"""prefetch.prefetched: the PostGIS reader's next batch fetched in a thread (order kept, errors
raised in the caller's thread, the thread stopped on cancel and when the caller stops)."""

from __future__ import annotations

import pytest


def _threads_alive() -> int:
    import threading

    return sum(1 for t in threading.enumerate() if t.name == "ocsge-postgis")


def test_prefetched_keeps_the_order_and_raises_the_producers_error(ocsge):
    from ocsge.ocsge_plugin.computing.prefetch import prefetched
    from ocsge.ocsge_plugin.computing.progress import Step

    assert list(prefetched(iter(range(50)), Step(None))) == list(range(50))

    def failing():
        yield 1
        raise ValueError("la base a coupé")

    with pytest.raises(ValueError, match="coupé"):
        list(prefetched(failing(), Step(None)))
    assert _threads_alive() == 0


def test_prefetched_stops_its_thread_on_cancel_and_when_the_caller_stops(ocsge):
    from qgis.core import QgsProcessingFeedback

    from ocsge.ocsge_plugin.computing.prefetch import prefetched
    from ocsge.ocsge_plugin.computing.progress import Step
    from ocsge.ocsge_plugin.core.errors import Canceled

    produced = []

    def endless():
        n = 0
        while True:
            produced.append(n)
            yield n
            n += 1

    feedback = QgsProcessingFeedback()
    with pytest.raises(Canceled):
        for item in prefetched(endless(), Step(feedback)):
            if item == 3:
                feedback.cancel()
    assert _threads_alive() == 0 and len(produced) <= 6  # one batch ahead, not the whole layer
    reader = prefetched(endless(), Step(None))
    assert next(reader) == 0
    reader.close()  # the caller stops (an error in its own work)
    assert _threads_alive() == 0
