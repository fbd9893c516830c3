"""The log of ``scripts/qgis_process`` as a planner reads it (issue 27, « a calm log »): French
whatever the system's locale (LANG=C) unless OCSGE_LANG=en, each decision said once, warnings only
for what the user must act on, French figures, a short summary at the end and no REPORT in the
log."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from builders import belfort_params
from support import DATA, QGIS_PROCESS_BUILD, qgis_process

pytestmark = pytest.mark.slow

C_LOCALE = {"LANG": "C", "LC_ALL": "C", "LANGUAGE": ""}
# The one warning of the diagnostic on the Belfort sample: something the user must act on (their
# membership table lacks a commune). Layers left out, flows split, the SCoT level skipped, the
# undetermined surfaces counted apart: ordinary decisions, said as information.
FRENCH_WARNINGS = [
    "1 commune n'a pas de ligne d'appartenance (département lu dans le code INSEE, dans aucun "
    "EPCI ni SCoT) : 90073."
]
ENGLISH_WARNINGS = [
    "1 commune has no membership row (département read from the INSEE code, in no EPCI nor "
    "SCoT): 90073."
]


@pytest.fixture(scope="module")
def both_formats(tmp_path_factory):
    """D090 delivered as GeoPackage and Shapefile, occupation du sol and IGN's artificialisation
    layers: the case where the same layer is left out twice (one per delivery)."""
    import sample_generator

    out = tmp_path_factory.mktemp("sample90logcli") / "90"  # as make sample lays it out
    sample_generator.generate("90", 1200, seed=5, out=out, archive=False, flavour="both")
    return out


def log_of(proc) -> list[str]:
    """The lines between qgis_process's « Inputs » and « Results » sections, the progress
    (« 0...10...20.. ») taken off."""
    text = proc.stdout
    start = text.index("----------------\nInputs")
    end = text.index("----------------\nResults")
    body = text[start:end].split("\n\n", 2)[-1]  # past the input parameters
    lines = [re.sub(r"^[\d.]+(?=[^\d.]|$)", "", line) for line in body.splitlines()]
    return [line for line in lines if line.strip() and not line.startswith("100 - ")]


def diagnostic(sample, out, lang: str, env=None):
    params = belfort_params(sample, "OUTPUT_FOLDER", out)
    return qgis_process(
        "run",
        "ocsge:diagnostic",
        "--",
        *(f"{k}={v}" for k, v in params.items()),
        lang=lang,
        env=env,
    )


def test_the_diagnostic_log_is_french_and_calm_under_a_c_locale(both_formats, tmp_path):
    proc = diagnostic(both_formats, tmp_path / "out", "fr", C_LOCALE)
    lines = log_of(proc)
    said_twice = [line for line, n in Counter(lines).items() if n > 1]
    assert said_twice == []
    assert [line.split("\t", 1)[1] for line in lines if line.startswith("WARNING:")] == (
        FRENCH_WARNINGS
    )
    text = "\n".join(lines)
    # decisions as information, in French
    assert re.search(r"^Couche Occupation du sol D90 \d{4} écartée", text, re.M)
    assert "Aucun code de SCoT" in text and "WARNING:\tAucun" not in text
    assert "au statut indéterminé" in text and "hors de la nomenclature" not in text
    # French figures: « 1 234,56 » (no-break space, decimal comma), never « 1,234.56 »
    (totals,) = [line for line in lines if line.startswith("Territoire\u00a0de\u00a0Belfort")]
    figures = totals.split("\u00a0\u00a0")  # the table's cells: no-break spaces (HTML keeps them)
    assert any(re.fullmatch(r"\d{1,3}(\u00a0\d{3})+,\d{2}", f.strip("\u00a0")) for f in figures)
    # (paths left out: a checkout or build folder may be named « qgis-3.22 »)
    assert not re.search(r"\d\.\d{2}\b", re.sub(r"\S*/\S*", "", text))
    assert re.search(r"\d,\d{2} ha", text)
    # the summary at the end; the files counted, not listed; the REPORT not in the log
    summary = text[text.index("Synthèse :") :]
    for label in ("Territoires", "Millésimes", "Méthode", "Fichiers"):
        assert re.search(rf"^{label} +: ", summary, re.M), summary
    assert "102 communes (Territoire de Belfort)" in summary
    assert re.search(r"58 fichiers écrits dans .*out$", summary, re.M)
    assert not any(line.endswith((".gpkg", ".csv")) for line in lines)
    assert '"indetermine"' not in text and '"warnings"' not in text


def test_the_log_speaks_english_when_told(both_formats, tmp_path):
    """OCSGE_LANG=en: English messages and English figures (« 1,234.56 »)."""
    lines = log_of(diagnostic(both_formats, tmp_path / "out", "en", C_LOCALE))
    assert [line.split("\t", 1)[1] for line in lines if line.startswith("WARNING:")] == (
        ENGLISH_WARNINGS
    )
    (totals,) = [line for line in lines if line.startswith("Territoire\u00a0de\u00a0Belfort")]
    assert re.search(r"\b\d{1,3}(,\d{3})+\.\d{2}\b", totals), totals
    assert "Summary:" in lines


def test_a_bad_input_is_told_in_french_under_a_c_locale(tmp_path):
    proc = qgis_process(
        "run",
        "ocsge:diagnostic",
        "--",
        f"INPUT={tmp_path / 'absent.7z'}",
        f"COMMUNES={DATA / 'communes-90-territoire-de-belfort.geojson'}",
        "CODE_FIELD=code",
        f"OUTPUT_FOLDER={tmp_path / 'out'}",
        check=False,
        lang="fr",
        env=C_LOCALE,
    )
    assert proc.returncode != 0
    assert f"{tmp_path / 'absent.7z'} n'existe pas. Attendu : un dossier" in proc.stdout + (
        proc.stderr
    )


def test_make_demo_speaks_french_under_a_c_locale(both_formats, tmp_path, monkeypatch, capsys):
    """The diagnostic part of make demo (scripts/demo.py, through scripts/qgis_process) under
    LANG=C, OCSGE_LANG=en even: its notes are the plugin's French messages, its figures French."""
    import demo

    monkeypatch.setenv("OCSGE_BUILD_DIR", QGIS_PROCESS_BUILD)
    monkeypatch.setenv("OCSGE_LANG", "en")
    for name, value in C_LOCALE.items():
        monkeypatch.setenv(name, value)
    demo.show_diagnostic(both_formats.parent, {}, tmp_path / "demo")
    shown = capsys.readouterr().out
    notes = [line for line in shown.splitlines() if line.startswith("  note")]
    assert notes and all(line.startswith("  note : ") for line in notes)
    english = re.compile(r"\b(left out|has no|gives the same|flows|the level is skipped)\b")
    assert [line for line in notes if english.search(line)] == []
    assert any("écartée" in line for line in notes)
    assert len(notes) == len(set(notes))
    (total,) = [line for line in shown.splitlines() if line.strip().startswith("total")][:1]
    assert re.search(r"\d,\d{2}\b", total) and not re.search(r"\d\.\d{2}\b", total), total


def test_the_portrait_log_names_the_folders_that_remain(both_formats, tmp_path):
    """ocsge:portrait runs the diagnostic into a hidden work folder renamed at the end: its log
    names the final folder, never the work one, and has no « Results: {…} » line (the child's
    REPORT)."""
    pdf = tmp_path / "portrait.pdf"
    params = belfort_params(both_formats, "OUTPUT", pdf, LEVEL="1", TERRITORIES="200069052")
    proc = qgis_process(
        "run", "ocsge:portrait", "--", *(f"{k}={v}" for k, v in params.items()), lang="fr"
    )
    text = "\n".join(log_of(proc))
    assert ".part" not in text and "Results: {" not in text and '"indetermine"' not in text
    (said,) = re.findall(r"^Fichiers +: 58 fichiers écrits dans (.+)$", text, re.M)
    assert said == str(tmp_path / "portrait_donnees" / "tables")
    assert (tmp_path / "portrait_donnees" / "tables" / "artif_commune.csv").exists()
