"""The words of the dialogs: no « optional » the plugin adds itself to a label (QGIS appends its own
« [optionnel] » to an optional parameter), and the codes' convention said in a planner's words."""

from __future__ import annotations

import re

import pytest

OPTIONAL = re.compile(r"optional|facultati|optionnel", re.IGNORECASE)


@pytest.fixture
def french(ocsge):
    from qgis.core import QgsSettings

    settings = QgsSettings()
    previous = settings.value("locale/userLocale", "")
    settings.setValue("locale/userLocale", "fr_FR")
    i18n = ocsge.ocsge_plugin.core.i18n
    assert i18n.install_translator(), "the French .qm is missing: run make transcompile"
    yield
    i18n.remove_translator()
    settings.setValue("locale/userLocale", previous)


def labels(provider) -> dict[str, list[str]]:
    """Every algorithm's parameter labels and choices, as the dialog shows them."""
    found = {}
    for algorithm in provider.algorithms():
        alg = algorithm.create()
        texts = []
        for definition in alg.parameterDefinitions():
            texts.append(definition.description())
            if definition.type() == "enum":
                texts += definition.options()
        found[alg.id()] = texts
    return found


def _said_optional(provider) -> list[str]:
    return [
        f"{name}: {text}"
        for name, texts in labels(provider).items()
        for text in texts
        if OPTIONAL.search(text)
    ]


def test_no_label_says_optional_in_english(provider):
    found = labels(provider)
    assert len(found) >= 10 and sum(map(len, found.values())) > 100
    assert _said_optional(provider) == []


def test_no_label_says_optional_in_french(provider, french):
    diagnostic = provider.algorithm("diagnostic").create()
    assert diagnostic.parameterDefinition("COMMUNES").description() == "Communes"
    assert _said_optional(provider) == []


def test_the_convention_in_plain_french(provider, french):
    diagnostic = provider.algorithm("diagnostic").create()
    convention = diagnostic.parameterDefinition("CONVENTION")
    assert convention.description() == "Codes imprécis (parents, INDETERMINE, vides)"
    assert convention.options() == [
        "Compter à part ce qui est indéterminé (un code parent vaut les codes sous lui)",
        "Comme les fichiers nationaux (codes exacts seulement, le reste ni artificialisé "
        "ni imperméabilisé)",
    ]
    assert convention.defaultValue() == 0


def test_publishing_options_in_plain_french(provider, french):
    export = provider.algorithm("export").create()
    assert (
        export.parameterDefinition("SIMPLIFY").description()
        == "Simplifier les contours (limites partagées conservées)"
    )
    assert (
        export.parameterDefinition("WIDE").description()
        == "Aussi une ligne par territoire (colonnes par millésime, « par index »)"
    )
    consommation = provider.algorithm("consommation").create()
    assert consommation.parameterDefinition("CONVENTION").description() == (
        "Convention de la trajectoire"
    )
