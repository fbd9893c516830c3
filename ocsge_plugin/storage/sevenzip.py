"""The one 7-Zip finder: which command packs and unpacks archives, for the plugin, its scripts
and its tests alike (pure Python, no QGIS: ``scripts/sample_generator.py`` imports it too).

7-Zip's command has three names, one per package: ``7z`` (Debian's ``p7zip-full`` up to Debian
12's first releases), ``7za`` (``p7zip``), ``7zz`` (Debian's ``7zip``, the only one Debian 12's
security archive, trixie and sid ship). Their command lines are the same for what the plugin asks
(``a``, ``l -slt -ba``, ``x``), so the first one found serves. ``OCSGE_7Z`` names one explicitly
(a command or a path), e.g. to test with ``7zz`` on a machine that also has ``7z``.
"""

from __future__ import annotations

import os
import shutil

__all__ = [
    "COMMANDS",
    "require_seven_zip",
    "seven_zip",
]

COMMANDS = ("7z", "7za", "7zz")


def seven_zip() -> str | None:
    """Path of the 7-Zip command to use (``OCSGE_7Z`` if set and found, else ``7z``, ``7za``,
    ``7zz``), None when there is none."""
    wanted = os.environ.get("OCSGE_7Z", "").strip()
    if wanted:
        return shutil.which(wanted)
    for name in COMMANDS:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_seven_zip() -> str:
    """:func:`seven_zip`, or ``FileNotFoundError`` saying in French and English what is missing (for
    scripts and tests, which have no translator)."""
    found = seven_zip()
    if found:
        return found
    wanted = os.environ.get("OCSGE_7Z", "").strip()
    if wanted:
        raise FileNotFoundError(f"OCSGE_7Z={wanted} : commande introuvable. / command not found.")
    raise FileNotFoundError(
        "7-Zip introuvable : aucune des commandes 7z, 7za, 7zz. Installez le paquet 7zip "
        "(ou p7zip-full) : "
        "make deps. / 7-Zip not found: none of the commands 7z, 7za, 7zz; install the "
        "7zip (or p7zip-full) package."
    )
