"""The ``french`` fixture for test modules that assert French messages (``from french import
french``): QGIS's locale set to French and the plugin's compiled French translation installed, as
in a French QGIS; both undone after the test. tests/unit/test_i18n.py has its own."""

from __future__ import annotations

import pytest


@pytest.fixture
def french(ocsge):
    from qgis.core import QgsSettings

    settings = QgsSettings()
    previous = settings.value("locale/userLocale", "")
    settings.setValue("locale/userLocale", "fr_FR")
    i18n = ocsge.ocsge_plugin.core.i18n
    assert i18n.install_translator(), (
        "the compiled French translation (.qm) is missing: run make transcompile"
    )
    yield
    i18n.remove_translator()
    settings.setValue("locale/userLocale", previous)
