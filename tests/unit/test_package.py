"""make package: a zip that plugins.qgis.org accepts."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_package_zip(tmp_path):
    out = subprocess.run(  # --draft: metadata.txt's addresses are filled in for the release
        [
            "/usr/bin/python3",
            str(ROOT / "scripts" / "package.py"),
            "--name",
            "ocsge",
            "--out",
            str(tmp_path),
            "--draft",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    zip_path = Path(out.stdout.strip())
    names = zipfile.ZipFile(zip_path).namelist()
    assert {name.split("/")[0] for name in names} == {"ocsge"}, "one top-level folder"
    for required in (
        "ocsge/metadata.txt",
        "ocsge/__init__.py",
        "ocsge/LICENSE",
        "ocsge/i18n/ocsge_plugin_fr.qm",
        "ocsge/processing_provider/provider.py",
        "ocsge/ocsge_plugin/resources/nomenclature-cs.csv",
        "ocsge/ocsge_plugin/resources/help/guide.html",
    ):
        assert required in names, required
    for name in names:
        parts = name.split("/")
        assert not any(part.startswith(".") for part in parts), name
        assert "tests" not in parts and "__pycache__" not in parts and "scripts" not in parts, name
        assert not name.endswith((".pyc", ".ts")), name
    # the unpacked plugin imports and registers its provider in a fresh interpreter
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(tmp_path / "plugins")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from qgis.core import QgsApplication; app = QgsApplication([], False); app.initQgis();"
        "import ocsge; p = ocsge.classFactory(None); p.initProcessing();"
        "algs = [a.create() for a in "
        "QgsApplication.processingRegistry().providerById('ocsge').algorithms()];"
        "print('\\n'.join(a.id() + ' ' + a.helpUrl() for a in algs)); print(len(algs))"
    )
    result = subprocess.run(
        ["/usr/bin/python3", "-c", code, str(tmp_path / "plugins")],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert int(lines[-1]) == len(lines) - 1 >= 11
    # every Help button opens the guide inside the installed plugin, at an anchor the page has
    guide = tmp_path / "plugins" / "ocsge" / "ocsge_plugin" / "resources" / "help" / "guide.html"
    page = guide.read_text(encoding="utf-8")
    for line in lines[:-1]:
        alg_id, url = line.split(" ", 1)
        address, _, anchor = url.partition("#")
        assert address == guide.as_uri() and anchor, (alg_id, url)
        assert f'<a id="{anchor}"></a>' in page, (alg_id, anchor)
    # its screenshots beside it, in French, without raw placeholders
    for image in re.findall(r'<img src="([^"]+)"', page):
        assert f"ocsge/ocsge_plugin/resources/help/{image}" in names, image
    assert (
        len(re.findall(r"<img ", page)) >= 4
        and '<html lang="fr">' in page
        and "Parcours type" in page
    )
    assert "&lt;level" not in page and "&lt;niveau" not in page


def test_package_refuses_placeholder_addresses(tmp_path):
    """make package stops, in French, while metadata.txt's homepage / tracker / repository are
    placeholders or one address; three real, distinct https addresses pass."""
    sys.path.insert(0, str(ROOT))
    from ocsge_plugin.core import guide

    out = subprocess.run(
        ["/usr/bin/python3", str(ROOT / "scripts" / "package.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    if guide.address_problems(guide.metadata()):  # until the release fills them in
        assert (
            out.returncode != 0 and "Paquet refusé" in out.stderr and "à renseigner" in out.stderr
        ), out.stderr
        assert not list(tmp_path.glob("*.zip"))
    real = {
        "homepage": "https://ocsge.example.fr",
        "tracker": "https://git.example.fr/ocsge/issues",
        "repository": "https://git.example.fr/ocsge",
    }
    assert guide.address_problems(real) == []
    assert any(
        "à renseigner" in p
        for p in guide.address_problems(
            {**real, "homepage": "https://a-renseigner.invalid/accueil"}
        )
    )
    assert any("à renseigner" in p for p in guide.address_problems({**real, "tracker": "TODO"}))
    assert any("vide" in p for p in guide.address_problems({**real, "tracker": ""}))
    same = guide.address_problems({**real, "homepage": "https://git.example.fr/ocsge/"})
    assert same == [
        "metadata.txt : « repository » et « homepage » ont la même adresse "
        "(https://git.example.fr/ocsge) : chacune doit être distincte."
    ]
