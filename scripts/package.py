"""Build the plugin zip that plugins.qgis.org accepts: one top-level folder, LICENSE, compiled
translations, no tests, scripts, caches or dotfiles."""

from __future__ import annotations

import argparse
import configparser
import os
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INCLUDE = ["metadata.txt", "__init__.py", "LICENSE", "README.md", "CHANGELOG.md", "ocsge_plugin", "processing_provider", "i18n"]
SKIP_SUFFIXES = (".pyc", ".pyo", ".ts", ".tmp")


def files() -> list[Path]:
    found = []
    for name in INCLUDE:
        path = ROOT / name
        if path.is_file():
            found.append(path)
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__pycache__")))
            for filename in sorted(filenames):
                if filename.startswith(".") or filename.endswith(SKIP_SUFFIXES):
                    continue
                found.append(Path(dirpath) / filename)
    return found


def build(name: str, out: Path) -> Path:
    meta = configparser.ConfigParser(interpolation=None)
    meta.read(ROOT / "metadata.txt", encoding="utf-8")
    version = meta["general"]["version"]
    if not list((ROOT / "i18n").glob("*.qm")):
        raise SystemExit("i18n/*.qm missing: run make transcompile first")
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{name}-{version}.zip"
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files():
            archive.write(path, f"{name}/{path.relative_to(ROOT).as_posix()}")
    os.replace(tmp, target)
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--name", default="ocsge")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    print(build(args.name, args.out))
