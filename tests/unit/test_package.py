"""make package: a zip that plugins.qgis.org accepts."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_package_zip(tmp_path):
    out = subprocess.run(
        ["/usr/bin/python3", str(ROOT / "scripts" / "package.py"), "--name", "ocsge", "--out", str(tmp_path)],
        capture_output=True, text=True, check=True,
    )
    zip_path = Path(out.stdout.strip())
    names = zipfile.ZipFile(zip_path).namelist()
    assert {name.split("/")[0] for name in names} == {"ocsge"}, "one top-level folder"
    for required in ("ocsge/metadata.txt", "ocsge/__init__.py", "ocsge/LICENSE", "ocsge/i18n/ocsge_plugin_fr.qm",
                     "ocsge/processing_provider/provider.py", "ocsge/ocsge_plugin/resources/nomenclature-cs.csv"):
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
        "print(len(QgsApplication.processingRegistry().providerById('ocsge').algorithms()))"
    )
    result = subprocess.run(["/usr/bin/python3", "-c", code, str(tmp_path / "plugins")], capture_output=True, text=True,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip().splitlines()[-1]) >= 1
