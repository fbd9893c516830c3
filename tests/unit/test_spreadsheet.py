"""CSV text cells as spreadsheets expect them (issue 24): a cell beginning like a formula is
written behind an apostrophe, and the plugin reads its own CSV back to the original text (the
portrait prints « =Nom », not « '=Nom »)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from ocsge.ocsge_plugin.publishing import export, spreadsheet
from ocsge.ocsge_plugin.report import tables


@pytest.mark.parametrize(
    "text", ["=1+1", "+33", "-x", "@SUM(A1)", "\tTab", "'=déjà", "Belfort", "", "'", "2A004"]
)
def test_written_then_read_back_is_the_same_text(tmp_path, text):
    path = tmp_path / "artif_commune.csv"
    export.write_csv(
        path, pd.DataFrame({"commune_code": ["90010"], "nom": [text], "flux_artif_net": [-4.6]})
    )
    with path.open(encoding="utf-8", newline="") as handle:
        written = next(csv.DictReader(handle))
    assert written["flux_artif_net"] == "-4.6"  # a number stays a number
    assert not written["nom"].startswith(spreadsheet.FORMULA_STARTS)  # never read as a formula
    assert tables._read(path)[0]["nom"] == text
