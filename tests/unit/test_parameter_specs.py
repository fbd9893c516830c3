"""Every algorithm's parameters and outputs, in English and in French, as a planner's dialog, script
or model sees them, compared with a snapshot (tests/data/parameter_specs.json): a change in how
parameters are declared (params.py's factories and tables) must leave them as they were.

The snapshot is written anew with ``OCSGE_WRITE_SPECS=1 .venv/bin/python -m pytest -q
tests/unit/test_parameter_specs.py`` after a change meant to alter a parameter (then read its
diff)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).resolve().parents[1] / "data" / "parameter_specs.json"

# What is read of a parameter besides its name, type, description, help, default and flags, when it
# has it (each exists in QGIS 3.22 and later, with the same meaning).
_GETTERS = (
    "options",
    "allowMultiple",
    "parentLayerParameterName",
    "dataType",
    "minimum",
    "maximum",
    "behavior",
    "extension",
    "fileFilter",
    "dataTypes",
    "layerType",
    "minimumNumberInputs",
    "createByDefault",
    "supportsNonFileBasedOutput",
    "parentConnectionParameterName",
    "providerId",
    "defaultFileExtension",
    "multiLine",
)


def _plain(value):
    """A JSON value: enumerations as numbers, lists and dicts walked, anything else as text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in sorted(value.items())}
    try:
        return int(value)  # a Qt or QGIS enumeration
    except (TypeError, ValueError):
        return str(value)


def _parameter(param) -> dict:
    spec = {
        "name": param.name(),
        "type": param.type(),
        "description": param.description(),
        "help": param.help(),
        "default": _plain(param.defaultValue()),
        "flags": int(param.flags()),
        "metadata": _plain(param.metadata()),
    }
    for getter in _GETTERS:
        method = getattr(param, getter, None)
        if callable(method):
            try:
                spec[getter] = _plain(method())
            except TypeError:  # an overload that takes arguments
                continue
    return spec


def _algorithm(alg) -> dict:
    return {
        "display_name": alg.displayName(),
        "group": alg.group(),
        "short_description": alg.shortDescription(),
        "tags": alg.tags(),
        "parameters": [_parameter(param) for param in alg.parameterDefinitions()],
        "outputs": [
            {"name": out.name(), "type": out.type(), "description": out.description()}
            for out in alg.outputDefinitions()
        ],
        "help_sections": alg.help_sections(),
    }


def _dump(provider) -> dict:
    # an instance is made afresh: its parameters are built, and translated, when it is created
    return {
        alg.name(): _algorithm(alg.create())
        for alg in sorted(provider.algorithms(), key=lambda a: a.name())
        if not alg.name().endswith("_modele")
    }


@pytest.fixture
def specs(provider, ocsge):
    from qgis.core import QgsSettings

    settings = QgsSettings()
    previous = settings.value("locale/userLocale", "")
    i18n = ocsge.ocsge_plugin.core.i18n
    settings.setValue("locale/userLocale", "en_GB")
    i18n.remove_translator()
    english = _dump(provider)
    settings.setValue("locale/userLocale", "fr_FR")
    assert i18n.install_translator(), (
        "the compiled French translation is missing: make transcompile"
    )
    try:
        french = _dump(provider)
    finally:
        i18n.remove_translator()
        settings.setValue("locale/userLocale", previous)
    return {"en": english, "fr": french}


def test_parameters_and_outputs_are_as_in_the_snapshot(specs):
    if os.environ.get("OCSGE_WRITE_SPECS") == "1":
        SNAPSHOT.write_text(json.dumps(specs, ensure_ascii=False, indent=1) + "\n", "utf-8")
    expected = json.loads(SNAPSHOT.read_text("utf-8"))
    assert sorted(specs["en"]) == sorted(expected["en"])
    for language in ("en", "fr"):
        for name, alg in expected[language].items():
            got = json.loads(json.dumps(specs[language][name]))  # tuples as lists
            for key in alg:
                assert got[key] == alg[key], (language, name, key)


def test_the_snapshot_holds_what_a_planner_sees():
    """The snapshot is not empty words: the French label of load's INPUT, the reduction rate's
    50 %, the share covered by OCS GE under Advanced parameters, aggregate's outputs."""
    expected = json.loads(SNAPSHOT.read_text("utf-8"))
    load = {p["name"]: p for p in expected["fr"]["load"]["parameters"]}
    assert load["INPUT"]["description"] == (
        "Livraisons OCS GE (dossier, archives .7z, fichiers .gpkg ou .shp)"
    )
    consommation = {p["name"]: p for p in expected["en"]["consommation"]["parameters"]}
    assert consommation["RATE"]["default"] == 50.0
    aggregate = {p["name"]: p for p in expected["en"]["aggregate"]["parameters"]}
    assert aggregate["COVERAGE"]["flags"] & 2  # QgsProcessingParameterDefinition.FlagAdvanced
    assert len(expected["en"]) == 13
