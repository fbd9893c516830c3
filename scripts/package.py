"""Build the plugin zip that plugins.qgis.org accepts: one top-level folder, LICENSE, compiled
translations, the user guide as HTML (docs/guide.md rendered, with its screenshots, in
ocsge_plugin/resources/help/: the Help buttons open it offline), no tests, scripts, caches or
dotfiles. Refuses to build while metadata.txt's homepage, tracker and repository are placeholders or
the same address (--draft builds anyway, for a local install, and says so)."""

from __future__ import annotations

import argparse
import configparser
import os
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
import guide_html  # noqa: E402

from ocsge_plugin.core import guide  # noqa: E402  (no QGIS in it)

# written from docs/guide.md at each build, never taken from the checkout
HELP = "ocsge_plugin/resources/help"
INCLUDE = [
    "metadata.txt",
    "__init__.py",
    "LICENSE",
    "README.md",
    "CHANGELOG.md",
    "ocsge_plugin",
    "processing_provider",
    "i18n",
]
SKIP_SUFFIXES = (".pyc", ".pyo", ".ts", ".tmp")


def files() -> list[Path]:
    found = []
    for name in INCLUDE:
        path = ROOT / name
        if path.is_file():
            found.append(path)
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(
                d
                for d in dirnames
                if not d.startswith((".", "__pycache__"))
                and (Path(dirpath) / d).relative_to(ROOT).as_posix() != HELP
            )
            for filename in sorted(filenames):
                if filename.startswith(".") or filename.endswith(SKIP_SUFFIXES):
                    continue
                found.append(Path(dirpath) / filename)
    return found


def build(name: str, out: Path, draft: bool = False) -> Path:
    meta = configparser.ConfigParser(interpolation=None)
    meta.read(ROOT / "metadata.txt", encoding="utf-8")
    version = meta["general"]["version"]
    if not list((ROOT / "i18n").glob("*.qm")):
        raise SystemExit("i18n/*.qm missing: run make transcompile first")
    problems = guide.address_problems(meta["general"])
    if problems and not draft:
        raise SystemExit(
            "\n".join(
                [
                    "Paquet refusé : les adresses de metadata.txt ne sont pas prêtes "
                    "pour la publication.",
                    *problems,
                    "Renseignez homepage, tracker et repository (trois adresses https distinctes), "
                    "ou construisez un paquet d'essai : make package DRAFT=1 "
                    "(scripts/package.py --draft).",
                ]
            )
        )
    for problem in problems:
        print(f"Paquet d'essai, à ne pas publier : {problem}", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{name}-{version}.zip"
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files():
            archive.write(path, f"{name}/{path.relative_to(ROOT).as_posix()}")
        with tempfile.TemporaryDirectory(prefix="ocsge-help-") as help_dir:
            guide_html.write(Path(help_dir))
            for path in sorted(Path(help_dir).iterdir()):
                archive.write(path, f"{name}/{HELP}/{path.name}")
    os.replace(tmp, target)
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--name", default="ocsge")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument(
        "--draft",
        action="store_true",
        help="build even though metadata.txt's addresses are not ready (not for publication)",
    )
    args = parser.parse_args()
    print(build(args.name, args.out, args.draft))
