"""The statuses of a stock batch by distinct code (``codes.lookup_statuses``): imperméabilisation by
couverture, artificialisation by the décret's matrix, each column factorised once, as the two
lookups give them one by one."""

from __future__ import annotations

import numpy as np

from ocsge.ocsge_plugin.computing.codes import lookup_artif, lookup_imper, lookup_statuses


def test_statuses_of_a_batch_by_hand():
    cs = np.ma.array(
        np.array([b"CS1.1.1.1", b"CS2.2.1", b"CS2.2.1", b"CS1.1.1.2", b"CS1.1.1.1"], "S9"),
        mask=[0, 0, 1, 0, 0],
    )
    us = np.array([b"US5", b"US1.1", b"US1.1", b"US4.1.1", b"US1.1"], "S7")
    imper, artif = lookup_statuses(cs, us)
    # bâti (US5 résidentiel), herbacée agricole, no couverture, non bâti imperméable (route),
    # bâti agricole (artificialised whatever its usage)
    assert imper.tolist() == [1, 0, -1, 1, 1]
    assert artif.tolist() == [1, 0, -1, 1, 1]
    assert imper.tolist() == lookup_imper(cs).tolist()
    assert artif.tolist() == lookup_artif(cs, us).tolist()


def test_statuses_of_an_empty_batch():
    imper, artif = lookup_statuses(np.array([], object), np.array([], object))
    assert imper.size == 0 and artif.size == 0
