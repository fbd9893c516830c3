"""Translation: English source strings, French translation loaded from ``i18n/``."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

__all__ = [
    "install_translator",
    "plural",
    "remove_translator",
    "tr",
]

I18N_DIR = Path(__file__).resolve().parents[2] / "i18n"
_installed: list[QTranslator] = []
_language = ["en"]  # the language of the translation in use


def current_locale() -> str:
    """The two-letter language QGIS runs in (its setting, else the system's)."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        value = settings.value("locale/userLocale", "", type=str)
    else:
        value = settings.value("locale/userLocale", "", type=str) or QLocale.system().name()
    return (value or "en")[:2]


def install_translator(locale: str | None = None) -> bool:
    """Install the plugin's translator for ``locale`` (default: QGIS's). True when one was
    loaded."""
    remove_translator()
    locale = (locale or current_locale())[:2]
    qm = I18N_DIR / f"ocsge_plugin_{locale}.qm"
    if not qm.exists():
        return False
    translator = QTranslator()
    if not translator.load(str(qm)):
        return False
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    _language[0] = locale
    return True


def remove_translator() -> None:
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())
    _language[0] = "en"


def plural(count: int, one: str, many: str) -> str:
    """``one`` or ``many`` (both already translated) for ``count`` things, by the rule of the
    language in use: French takes the singular for 0 and 1, English for 1 only."""
    return one if (abs(count) < 2 if _language[0] == "fr" else count == 1) else many


def tr(text: str) -> str:
    """Translate a message of the core (modules, not classes): pylupdate5 files it under
    @default."""
    return QCoreApplication.translate("@default", text)
