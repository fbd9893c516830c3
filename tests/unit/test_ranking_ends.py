"""The ranking of the communes (portrait): when they do not all fit, both ends are shown — the
largest artificialisation nette and the largest désartificialisation nette — with the territory
in its place."""

from __future__ import annotations

from types import SimpleNamespace

from ocsge.ocsge_plugin.report.charts import Ranking


def commune(code: str, net: float):
    return SimpleNamespace(
        code=code,
        nom=f"Commune {code}",
        get=lambda key, net=net: net if key == "flux_artif_net" else None,
    )


def test_both_ends_and_the_territory(tmp_path):
    communes = [commune(f"{i:05d}", 60.0 - i) for i in range(52)]  # 60 … 9 ha
    communes += [commune(f"9{i:04d}", -1.0 - i) for i in range(7)]
    ranking = Ranking(communes, limit=45)
    ranks = ranking.picked(None)
    assert len(ranks) == 44 and ranks[0] == 0 and ranks[-1] == len(communes) - 1
    assert [ranking.rows[i].get("flux_artif_net") for i in ranks[-7:]] == [
        -1.0 - i for i in range(7)
    ]  # every désartificialisation nette
    middle = 40  # a commune in the cut part: shown in its place
    ranks = ranking.picked(ranking.rows[middle].code)
    assert middle in ranks and ranks == sorted(ranks) and len(ranks) == 44
    text = (
        (tmp_path / "c.svg").read_text(encoding="utf-8")
        if ranking.save(ranking.rows[middle].code, tmp_path / "c.svg")
        else ""
    )
    assert (
        "autres communes" in text
        and "Commune 90006" in text
        and "Les deux extrémités du classement" in text
    )
    assert 'font-weight="bold"' in text  # the territory's name and value
