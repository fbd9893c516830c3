"""The plugin as QGIS loads it: lazy import, provider, menu entries, clean unload (twice)."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

from fakeiface import RecordingIface, set_provider_aside
from qgis.core import QgsApplication

ROOT = Path(__file__).resolve().parents[2]


def test_classfactory_imports_lazily():
    code = (
        "import sys, importlib; sys.path.insert(0, sys.argv[1]); importlib.import_module('ocsge');"
        "print(any(m.startswith(('ocsge.processing_provider', "
        "'ocsge.ocsge_plugin.storage.reading')) for m in sys.modules))"
    )
    from support import PLUGINPATH

    out = subprocess.run(
        [sys.executable, "-c", code, str(PLUGINPATH)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_extensions_menu_has_portrait_and_the_guide(
    qgis_processing, qgis_parent, ocsge, tmp_path, monkeypatch
):
    """Extensions › OCS GE: load, diagnostic and portrait named as in the toolbox, the data
    panel, and the user guide opening the HTML installed with the plugin."""
    import guide_html

    from ocsge.ocsge_plugin.core import guide

    monkeypatch.setattr(guide, "GUIDE_HTML", guide_html.write(tmp_path))
    opened = []
    monkeypatch.setattr(
        "ocsge.ocsge_plugin.plugin.QDesktopServices.openUrl",
        lambda url: opened.append(url.toString()),
    )
    set_provider_aside()
    iface = RecordingIface(qgis_parent)
    plugin = ocsge.classFactory(iface)
    plugin.initGui()
    try:
        registry = QgsApplication.processingRegistry()
        texts = [action.text() for action in iface.menu]
        names = [
            registry.algorithmById(f"ocsge:{name}").displayName() + "…"
            for name in ("load", "diagnostic", "portrait")
        ]
        assert texts[:3] == names
        help_action = iface.menu[-1]
        assert help_action.text() == plugin.tr("OCS GE user guide")
        help_action.trigger()
        assert opened == [(tmp_path / "guide.html").as_uri()]
    finally:
        plugin.unload()
    assert iface.menu == []


def test_load_and_unload_twice_leaves_nothing(qgis_processing, qgis_parent, ocsge):
    registry = QgsApplication.processingRegistry()
    set_provider_aside()
    before = [p.id() for p in registry.providers()]
    for _ in range(2):
        iface = RecordingIface(qgis_parent)
        plugin = ocsge.classFactory(iface)
        plugin.initProcessing()
        plugin.initGui()
        provider = registry.providerById("ocsge")
        assert provider is not None
        assert "ocsge:load" in [alg.id() for alg in provider.algorithms()]
        assert iface.menu, "a menu entry is added"
        diagnostic = registry.algorithmById("ocsge:diagnostic")
        assert diagnostic.displayName() + "…" in [action.text() for action in iface.menu], (
            "named in the menu as in the toolbox"
        )
        plugin.unload()
        assert registry.providerById("ocsge") is None
        assert iface.menu == [] and iface.toolbar == [] and iface.docks == []
        assert [p.id() for p in registry.providers()] == before


def test_provider_without_iface(provider):
    assert provider.id() == "ocsge"
    for alg in provider.algorithms():
        assert alg.name() == alg.name().lower() and " " not in alg.name()
        assert alg.shortHelpString().strip(), f"{alg.id()} has no help"
        for param in alg.parameterDefinitions():
            assert param.help().strip(), f"{alg.id()}:{param.name()} has no help"


def test_metadata():
    meta = configparser.ConfigParser(interpolation=None)
    meta.read(ROOT / "metadata.txt", encoding="utf-8")
    general = meta["general"]
    for key in (
        "name",
        "description",
        "about",
        "version",
        "author",
        "email",
        "tracker",
        "repository",
        "tags",
        "category",
        "icon",
        "changelog",
    ):
        assert general.get(key, "").strip(), key
    assert general["qgisMinimumVersion"] == "3.22"
    # ready for QGIS 4: the installer reads 3.99 when no maximum is given, which refuses QGIS 4
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["category"] == "Vector"
    assert general["experimental"] == "False", "listed by default in QGIS's plugin manager"
    # one language per key, French where QGIS reads it (its installer picks description[fr] in
    # French)
    for key in ("description", "about"):
        assert (
            general[f"{key}[fr]"].strip()
            and " / " not in general[key]
            and " / " not in general[f"{key}[fr]"]
        ), key
    assert general["hasProcessingProvider"] == "yes"
    assert (ROOT / general["icon"]).exists()
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{general['version']}]" in changelog, "metadata version follows CHANGELOG.md"
    from qgis.core import Qgis

    major, minor = (int(x) for x in general["qgisMinimumVersion"].split("."))
    assert Qgis.QGIS_VERSION_INT >= major * 10000 + minor * 100, (
        "the running QGIS satisfies the minimum"
    )
