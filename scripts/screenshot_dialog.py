"""make screenshot: the dialog of « Diagnostic de l'artificialisation d'un territoire », filled
in for the D090 sample, in QGIS's real main window (French), run by ``qgis --code`` under Xvfb:
step 2 of the guide's « Parcours type ». Environment: OCSGE_ROOT, OCSGE_SCREENSHOT_SAMPLE (the
D090 sample folder), OCSGE_SCREENSHOT_OUT (the PNG to write), OCSGE_SCREENSHOT_WORK (a short
folder where the inputs are linked under plain names, as a planner's would be: livraisons,
communes.geojson, appartenance-communes.csv, resultats)."""

import os
import sys
from pathlib import Path

ROOT = Path(os.environ["OCSGE_ROOT"])
sys.path.insert(
    0, str(ROOT / "scripts")
)  # qgis --code runs this file without its folder on the path
from qgis_code import finish, start_plugin, wait  # noqa: E402


def run() -> bool:
    import processing

    app = start_plugin()
    data = ROOT / "tests" / "data"
    work = Path(os.environ["OCSGE_SCREENSHOT_WORK"])
    work.mkdir(parents=True, exist_ok=True)
    links = {
        "livraisons": Path(os.environ["OCSGE_SCREENSHOT_SAMPLE"]),
        "communes.geojson": data / "communes-90-territoire-de-belfort.geojson",
        "appartenance-communes.csv": data / "appartenance-communes-90.csv",
    }
    for name, target in links.items():
        if not (work / name).exists():
            (work / name).symlink_to(target.resolve())
    dialog = processing.createAlgorithmDialog(
        "ocsge:diagnostic",
        {
            "INPUT": str(work / "livraisons"),
            "COMMUNES": str(work / "communes.geojson"),
            "CODE_FIELD": "code",
            "NAME_FIELD": "nom",
            "MEMBERSHIP": str(work / "appartenance-communes.csv"),
            "OUTPUT_FOLDER": str(work / "resultats"),
        },
    )
    dialog.resize(1100, 820)
    dialog.show()
    wait(app, 3.0)
    out = Path(os.environ["OCSGE_SCREENSHOT_OUT"])
    out.parent.mkdir(parents=True, exist_ok=True)
    if not dialog.grab().save(str(out)):
        raise RuntimeError(f"cannot write {out}")
    print(f"{out}: {dialog.windowTitle()}")
    return True


finish(run)
