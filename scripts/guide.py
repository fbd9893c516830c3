#!/usr/bin/python3
"""Write docs/guide.md, the user guide the algorithms' Help buttons open, from the algorithms'
own help in French (the same text as the toolbox shows): one section per algorithm, with the
anchor its ``helpUrl()`` points at. The introduction is kept from the current file (everything
before the first algorithm section). Run it after changing a help text: /usr/bin/python3
scripts/guide.py"""

from __future__ import annotations

import importlib
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide.md"
MARK = "<!-- Sections below are written by scripts/guide.py from the algorithms' help. -->"
# The help's placeholders (artif_<level>) as a reader meets them in a guide: the word in italics.
WORDS = {
    "level": "niveau",
    "niveau": "niveau",
    "year": "année",
    "annee": "année",
    "y1": "année1",
    "y2": "année2",
    "dep": "département",
    "name": "nom",
    "nom": "nom",
    "territoire": "territoire",
    "millésimes": "millésimes",
}


def readable(text: str) -> str:
    """``text`` for the Markdown guide: ``<level>`` and the like as an italic word, any other
    ``<`` escaped (shown as it is)."""
    text = text.replace("<", "&lt;")
    return re.sub(
        r"&lt;(\w[\w ]{0,29})>", lambda m: f"<i>{WORDS.get(m.group(1), m.group(1))}</i>", text
    )


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    link = Path(tempfile.mkdtemp(prefix="ocsge-guide-"))
    (link / "ocsge").symlink_to(ROOT)
    sys.path.insert(0, str(link))
    ocsge = importlib.import_module("ocsge")
    plugin = ocsge.classFactory(None)
    plugin.initProcessing()
    importlib.import_module("ocsge.ocsge_plugin.core.i18n").install_translator(
        "fr"
    )  # after the plugin's own
    provider = QgsApplication.processingRegistry().providerById("ocsge")
    intro = (
        GUIDE.read_text(encoding="utf-8").split(MARK)[0].rstrip() if GUIDE.exists() else "# Guide"
    )
    lines = [intro, "", MARK, ""]
    for template in provider.algorithms():
        if not hasattr(
            template, "help_sections"
        ):  # the example model: its section is in the introduction
            continue
        alg = template.create()  # its parameters described in French
        lines += [
            f'<a id="{alg.guide_anchor()}"></a>',
            "",
            f"## {alg.displayName()}",
            "",
            f"*{readable(alg.shortDescription())}*",
            "",
        ]
        for index, (title, items) in enumerate(alg.help_sections()):
            lines += [f"### {title}", ""]
            items = [readable(item) for item in items]
            lines += [f"- {item}" if index in (1, 2) else f"{item}\n" for item in items]
            lines.append("")
        lines += [f"En ligne de commande : `scripts/qgis_process run {alg.id()} -- …`", ""]
    GUIDE.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    print(f"{GUIDE} : {len(provider.algorithms())} algorithmes")
    # the HTML the plugin opens, when the checkout is linked into a profile (make deploy)
    import guide_html

    print(guide_html.write())
    os._exit(0)  # QGIS 3.22 may crash while Python tears Qt down


if __name__ == "__main__":
    main()
