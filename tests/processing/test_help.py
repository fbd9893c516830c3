"""Help for people: every algorithm has a Help button to its section of the user guide installed
with the plugin (HTML made from docs/guide.md), a one-line description, tags in French and
English (the toolbox search finds « ZAN »), help in sections without raw algorithm ids nor text
eaten as HTML, an icon per family."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from qgis.core import QgsApplication
from support import ROOT

GUIDE = ROOT / "docs" / "guide.md"


def _anchors() -> set[str]:
    return set(re.findall(r'<a id="([^"]+)"></a>', GUIDE.read_text(encoding="utf-8")))


def _algorithms(provider):
    return [alg.create() for alg in provider.algorithms()]


def test_every_help_url_opens_the_local_guide_at_its_anchor(provider, tmp_path, monkeypatch):
    """With the HTML guide installed (as the zip and make deploy do), each Help button opens it by a
    file:// address at an anchor of its own; the online copy only while the repository is real."""
    import guide_html

    from ocsge.ocsge_plugin.core import guide

    html_path = guide_html.write(tmp_path)
    monkeypatch.setattr(guide, "GUIDE_HTML", html_path)
    anchors, html_text = _anchors(), html_path.read_text(encoding="utf-8")
    algorithms = _algorithms(provider)
    assert len(algorithms) == 14  # 13 algorithms and the example model
    for alg in algorithms:
        url, _, anchor = alg.helpUrl().partition("#")
        assert url == html_path.as_uri(), alg.id()
        assert anchor in anchors and f'id="{anchor}"' in html_text, (
            f"{alg.id()}: #{anchor} is not in the guide"
        )
        assert alg.helpUrl() in alg.shortHelpString(), alg.id()
    # no online link while metadata.txt's repository is a placeholder (until the release): no page
    # that does not exist
    placeholder = any(
        p.startswith("metadata.txt : l'adresse « repository »")
        for p in guide.address_problems(guide.metadata())
    )
    assert (guide.online_url("x") == "") == placeholder
    real = {
        "repository": "https://git.example.fr/ocsge",
        "homepage": "https://ocsge.example.fr",
        "tracker": "https://git.example.fr/ocsge/issues",
    }
    assert (
        guide.online_url("ocsge-load", real)
        == "https://git.example.fr/ocsge/blob/main/docs/guide.md#ocsge-load"
    )


def test_guide_is_written_for_people():
    """The « Parcours type » comes first, each main step with its screenshot, no raw placeholder
    (artif_<level>) left in the text the reader sees."""
    import guide_html

    text = GUIDE.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings[0] == "Parcours type"
    steps = text.split("## Parcours type", 1)[1].split("\n## ", 1)[0]
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", steps)
    assert len(images) >= 4 and all(
        (GUIDE.parent / image).exists() for image in images
    )  # one per step
    page, _ = guide_html.render(text)
    visible = re.sub(r"<[^>]+>", "", page)
    assert not re.search(r"<\w+>|&lt;", visible), re.search(r".{40}(<\w+>|&lt;).{40}", visible)
    assert "<!-- Vos données" in text, "the hook where the « Vos données » section goes"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.titles, self._tag = [], [], None

    def handle_starttag(self, tag, attrs):
        self._tag = tag

    def handle_data(self, data):
        self.text.append(data)
        if self._tag == "h3":
            self.titles.append(data)


def test_help_is_structured_readable_and_tagged(provider):
    icons = {}
    for alg in _algorithms(provider):
        if alg.id().endswith("_modele"):
            continue
        assert alg.shortDescription().strip() and "\n" not in alg.shortDescription(), alg.id()
        assert {
            "ZAN",
            "artificialisation",
            "imperméabilisation",
            "OCS GE",
            "Climat et résilience",
            "land take",
        } <= set(alg.tags()), alg.id()
        help_html = alg.shortHelpString()
        parsed = _Text()
        parsed.feed(help_html)
        text = "".join(parsed.text)
        assert parsed.titles[:3] == ["What it does", "Inputs", "Outputs"], alg.id()
        assert parsed.titles[-2:] == ["Rules", "Example"], alg.id()
        assert "ocsge:" not in text, f"{alg.id()} quotes an algorithm id"
        assert alg.helpUrl() in help_html
        assert not alg.icon().isNull()
        icons.setdefault(alg.groupId(), set()).add(alg.name())
    # what QGIS shows keeps « artif_<level> » (it used to be eaten as an HTML tag)
    export = QgsApplication.processingRegistry().createAlgorithmById("ocsge:export")
    parsed = _Text()
    parsed.feed(export.shortHelpString())
    assert "artif_<level>" in "".join(parsed.text)
    # one icon per family, each a file of the plugin
    from ocsge.ocsge_plugin.domain.nomenclature import RESOURCES
    from ocsge.processing_provider.base import ICONS

    assert set(icons) == set(ICONS) and len(set(ICONS.values())) == 3
    assert all((RESOURCES / "icons" / name).exists() for name in ICONS.values())


def test_the_toolbox_search_finds_zan(provider):
    from qgis.gui import QgsProcessingToolboxProxyModel

    model = QgsProcessingToolboxProxyModel(None, QgsApplication.processingRegistry())
    model.setFilterString("ZAN")
    found = []

    def walk(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            alg = model.toolboxModel().algorithmForIndex(model.mapToSource(index))
            if alg is not None:
                found.append(alg.id())
            walk(index)

    walk(model.index(-1, -1))
    assert {"ocsge:load", "ocsge:diagnostic", "ocsge:flows"} <= set(found)


def test_plurals_follow_the_language(ocsge):
    from ocsge.ocsge_plugin.core import i18n

    one, many = "{count} commune", "{count} communes"
    assert [i18n.plural(n, one, many) for n in (0, 1, 2)] == [many, one, many]
    assert i18n.install_translator("fr")
    try:
        assert [i18n.plural(n, one, many) for n in (0, 1, 2)] == [one, one, many]
    finally:
        i18n.remove_translator()


def test_log_table_aligns_and_rounds(ocsge):
    from support import Recorder

    from ocsge.ocsge_plugin.pipelines.logs import log_table

    feedback = Recorder()
    log_table(
        feedback,
        "Surfaces",
        ["Code", "Surface (ha)"],
        [["CS1.1.1.1", 25.27621091882345], ["CS2.2.1", 1234.5]],
    )
    assert feedback.infos == ["Surfaces"]
    lines = feedback.commands[0].replace("\u00a0", " ").split("\n")
    assert lines == [
        "Code       Surface (ha)",
        "CS1.1.1.1         25.28",
        "CS2.2.1        1,234.50",
    ]
