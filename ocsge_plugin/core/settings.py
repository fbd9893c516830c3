"""The plugin's own settings, in QGIS's settings under ``ocsge/…``.

Base URLs of data.gouv.fr's API and IGN's download service (users behind a mirror, and the tests,
point them elsewhere), the download cache folder and the network's patience. Every reader goes
through the functions below, so a value set in the dock, in QGIS's advanced settings editor or by
a test is seen everywhere at once.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from qgis.core import QgsApplication, QgsSettings

__all__ = [
    "CACHE_ENV",
    "DEFAULTS",
    "PREFIX",
    "archive_max_bytes",
    "archive_max_ratio",
    "authcfg",
    "backoff",
    "cache_dir",
    "cache_folder",
    "cache_max_bytes",
    "datagouv_url",
    "deadline_rate",
    "ign_url",
    "max_listing_bytes",
    "max_wait",
    "min_rate",
    "profile_folder",
    "reset",
    "retries",
    "set_value",
    "timeout",
]

PREFIX = "ocsge/"
CACHE_ENV = "OCSGE_CACHE_DIR"  # the extraction cache's folder, when set

# name → (default, type)
DEFAULTS: dict[str, tuple[Any, type]] = {
    "datagouv_url": ("https://www.data.gouv.fr/api/1", str),
    "ign_url": ("https://data.geopf.fr/telechargement", str),
    "cache_dir": ("", str),  # empty: <OCS GE cache>/downloads
    "network/timeout": (30.0, float),  # seconds without a byte before giving up
    "network/retries": (3, int),  # further attempts after a 429, 423 or 5xx
    "network/backoff": (
        2.0,
        float,
    ),  # first wait (seconds) when the server gives none; doubles each time
    "network/max_wait": (60.0, float),  # longest single wait, whatever the server asks
    "network/authcfg": (
        "",
        str,
    ),  # QGIS authentication configuration id, for mirrors behind a login
    "network/min_rate": (
        1000.0,
        float,
    ),  # bytes/s a transfer must average over every `timeout` seconds
    "network/max_listing_mb": (20.0, float),  # largest listing or API answer read into memory
    "cache/max_gb": (
        5.0,
        float,
    ),  # extraction cache size; the least recently used are evicted beyond
    "network/deadline_rate": (
        50000.0,
        float,
    ),  # bytes/s a whole download must average (its deadline)
    "archive/max_gb": (50.0, float),  # largest extraction of one archive, by its listed sizes
    "archive/max_ratio": (
        200.0,
        float,
    ),  # largest listed size over the archive's size (a 7z bomb: thousands)
}


def value(name: str) -> Any:
    """The setting ``name`` (a key of DEFAULTS), typed, its default when unset or unreadable."""
    default, kind = DEFAULTS[name]
    raw = QgsSettings().value(PREFIX + name, default)
    if raw in (None, ""):
        return default
    try:
        return kind(raw)
    except (TypeError, ValueError):
        return default


def set_value(name: str, new: Any) -> None:
    if name not in DEFAULTS:
        raise KeyError(name)
    QgsSettings().setValue(PREFIX + name, new)


def reset(name: str) -> None:
    QgsSettings().remove(PREFIX + name)


def datagouv_url() -> str:
    """Base of data.gouv.fr's API v1, without a trailing slash."""
    return str(value("datagouv_url")).rstrip("/")


def ign_url() -> str:
    """Base of IGN's download service (``…/telechargement``), without a trailing slash."""
    return str(value("ign_url")).rstrip("/")


def profile_folder(env: str, *parts: str) -> Path:
    """A folder of the plugin in the QGIS profile (``parts`` below it), or where the environment
    variable ``env`` says; created when missing."""
    configured = os.environ.get(env)
    base = (
        Path(configured)
        if configured
        else Path(QgsApplication.qgisSettingsDirPath()).joinpath(*parts)
    )
    base.mkdir(parents=True, exist_ok=True)
    return base


def cache_dir() -> Path:
    """Where archives are extracted and normalised layers written (env OCSGE_CACHE_DIR
    overrides)."""
    return profile_folder(CACHE_ENV, "cache", "ocsge")


def cache_folder() -> Path:
    """Where downloads are kept and reused (created when missing)."""
    configured = str(value("cache_dir")).strip()
    if configured:
        folder = Path(configured).expanduser()
    else:
        folder = cache_dir() / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def timeout() -> float:
    return max(0.1, float(value("network/timeout")))


def retries() -> int:
    return max(0, int(value("network/retries")))


def backoff() -> float:
    return max(0.0, float(value("network/backoff")))


def max_wait() -> float:
    return max(0.0, float(value("network/max_wait")))


def authcfg() -> str:
    return str(value("network/authcfg"))


def min_rate() -> float:
    return max(0.0, float(value("network/min_rate")))


def max_listing_bytes() -> int:
    return int(max(0.01, float(value("network/max_listing_mb"))) * 1e6)


def cache_max_bytes() -> int:
    return int(max(0.0, float(value("cache/max_gb"))) * 1e9)


def deadline_rate() -> float:
    """Bytes per second a whole download must average: its deadline is timeout + size / this
    rate."""
    return max(1.0, float(value("network/deadline_rate")))


def archive_max_bytes() -> int:
    return int(max(0.0, float(value("archive/max_gb"))) * 1e9)


def archive_max_ratio() -> float:
    return max(1.0, float(value("archive/max_ratio")))
