"""The French translation: complete, and used by the algorithms when QGIS runs in French."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_translation_is_complete():
    root = ET.parse(ROOT / "i18n" / "ocsge_plugin_fr.ts").getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 40
    unfinished = [
        m.find("source").text
        for m in messages
        if m.find("translation").get("type") == "unfinished"
        or not (m.find("translation").text or "").strip()
    ]
    assert unfinished == []


@pytest.fixture
def french(ocsge):
    from qgis.core import QgsSettings

    settings = QgsSettings()
    previous = settings.value("locale/userLocale", "")
    settings.setValue("locale/userLocale", "fr_FR")
    i18n = ocsge.ocsge_plugin.core.i18n
    assert i18n.current_locale() == "fr"
    assert i18n.install_translator(), (
        "the compiled French translation (.qm) is missing: run make transcompile"
    )
    yield
    i18n.remove_translator()
    settings.setValue("locale/userLocale", previous)


def test_algorithms_speak_french(provider, french):
    load = provider.algorithm("load").create()  # parameters are built when an instance is created
    assert load.displayName() == "Charger une livraison OCS GE"
    assert load.group() == "Données"
    assert (
        load.parameterDefinition("INPUT").description()
        == "Livraisons OCS GE (dossier, archives .7z, fichiers .gpkg ou .shp)"
    )
    assert load.what_it_does().startswith("Charge une livraison OCS GE telle que l'IGN la diffuse")
    assert load.shortHelpString().startswith(
        "<h3>Ce que fait l'algorithme</h3><p>Charge une livraison OCS GE"
    )
    assert [title for title, _ in load.help_sections()] == [
        "Ce que fait l'algorithme",
        "Entrées",
        "Sorties",
        "Règles",
        "Exemple",
    ]
    assert provider.name() == "OCS GE (artificialisation)"


def test_errors_speak_french(run, french, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="n'existe pas"):
        run("ocsge:load", {"INPUT": str(tmp_path / "absent.7z")})


def _sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (c.find("name").text, m.find("source").text)
        for c in root.iter("context")
        for m in c.iter("message")
    }


def test_translation_covers_every_string_of_the_sources(tmp_path):
    """Every tr() string of the code is in the .ts (run `make transup` and translate when this
    fails)."""
    import shutil
    import subprocess

    if shutil.which("pylupdate5") is None:
        pytest.skip("pylupdate5 (pyqt5-dev-tools) is not installed")
    sources = sorted(
        str(p) for d in ("ocsge_plugin", "processing_provider") for p in (ROOT / d).rglob("*.py")
    )
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        ["pylupdate5", "-noobsolete", *sources, "-ts", str(fresh)], check=True, capture_output=True
    )
    missing = _sources(fresh) - _sources(ROOT / "i18n" / "ocsge_plugin_fr.ts")
    assert missing == set()


def _marked_strings() -> set[str]:
    """Every literal the code marks for translation, read with ``ast``: ``tr("…")``,
    ``QT_TR_NOOP("…")``, ``translate("context", "…")`` (adjacent literals joined)."""
    import ast

    found = set()
    for package in ("ocsge_plugin", "processing_provider"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                index = {"tr": 0, "QT_TR_NOOP": 0, "translate": 1}.get(name)
                if index is None or len(node.args) <= index:
                    continue
                text = node.args[index]
                if isinstance(text, ast.Constant) and isinstance(text.value, str):
                    found.add(text.value)
    return found


def test_pylupdate_sees_every_marked_string():
    """pylupdate5 skips a call it cannot parse (a ``translate()`` whose last argument ends with a
    comma, as a formatter writes it): such a string would stay English in a French QGIS."""
    marked = _marked_strings()
    assert len(marked) > 800
    known = {source for _context, source in _sources(ROOT / "i18n" / "ocsge_plugin_fr.ts")}
    missing = sorted(marked - known)
    assert missing == []
