"""Where the user guide is: the HTML inside the installed plugin (``resources/help/guide.html``,
made from docs/guide.md by ``make package`` and ``make deploy``), an anchor per algorithm; the
online copy only as a second address, and only when metadata.txt names a real repository. Also
the check that metadata.txt's addresses are real and distinct, which ``make package`` runs. No
QGIS here."""

from __future__ import annotations

import configparser
import functools
import re
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "GUIDE_HTML",
    "address_problems",
    "help_url",
    "local_url",
    "metadata",
    "online_url",
]

PLUGIN_DIR = Path(__file__).resolve().parents[2]
GUIDE_HTML = Path(__file__).resolve().parents[1] / "resources" / "help" / "guide.html"
ADDRESS_KEYS = ("homepage", "tracker", "repository")
# what an address still to be filled looks like: a word, an example domain, a mark left for the
# release
_PLACEHOLDER = re.compile(
    r"a[-_ ]?renseigner|a[-_ "
    r"]?completer|todo|xxx|example\.(com|org)|\.invalid\b|placeholder|changeme|[<>{}]",
    re.IGNORECASE,
)


def metadata(path: Path | None = None) -> Mapping[str, str]:
    """The ``[general]`` section of metadata.txt (the plugin's own by default, read once)."""
    return _read_metadata(path or PLUGIN_DIR / "metadata.txt")


@functools.lru_cache(maxsize=4)
def _read_metadata(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    return dict(parser["general"]) if parser.has_section("general") else {}


def address_problems(general: Mapping[str, str]) -> list[str]:
    """What keeps metadata.txt's homepage, tracker and repository from being published, in French
    (the message ``make package`` prints); empty when each is an https address, none a
    placeholder, all three distinct.

    Returns
    -------
    list[str]
        One sentence per problem."""
    problems = []
    values = {key: (general.get(key) or "").strip() for key in ADDRESS_KEYS}
    for key, value in values.items():
        if not value:
            problems.append(f"metadata.txt : l'adresse « {key} » est vide.")
        elif _unfilled(value):
            problems.append(
                f"metadata.txt : l'adresse « {key} » ({value}) est à renseigner (une "
                "adresse https réelle)."
            )
    seen: dict[str, str] = {}
    for key, value in values.items():
        normal = value.rstrip("/").lower()
        if normal and normal in seen:
            problems.append(
                f"metadata.txt : « {key} » et « {seen[normal]} » ont la même adresse "
                f"({value}) : chacune doit être distincte."
            )
        seen.setdefault(normal, key)
    return problems


def _unfilled(value: str) -> bool:
    """True when ``value`` is not yet a real https address (a placeholder, another scheme)."""
    return bool(_PLACEHOLDER.search(value)) or not re.match(r"https://[^/\s]+\.[^/\s]+", value)


def local_url(anchor: str = "") -> str:
    """The file:// address of the guide inside the plugin, at ``anchor``."""
    return GUIDE_HTML.as_uri() + (f"#{anchor}" if anchor else "")


def online_url(anchor: str = "", general: Mapping[str, str] | None = None) -> str:
    """The guide on the project's pages, at ``anchor``; empty while the repository is a
    placeholder."""
    general = metadata() if general is None else general
    repository = (general.get("repository") or "").strip()
    if _unfilled(repository):
        return ""
    return repository.rstrip("/") + "/blob/main/docs/guide.md" + (f"#{anchor}" if anchor else "")


def help_url(anchor: str = "") -> str:
    """The guide the Help buttons open: the local HTML when the plugin has it (installed from its
    zip, or ``make deploy``), else the online copy (empty when there is none)."""
    return local_url(anchor) if GUIDE_HTML.exists() else online_url(anchor)
