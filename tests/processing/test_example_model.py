"""The bundled example model is valid in the modeler: QgsProcessingModelAlgorithm.validate()
finds no error (the modeler draws a child red for each one), on the file as shipped and as the
provider lists it."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsProcessingModelAlgorithm
from support import ROOT

MODEL = ROOT / "ocsge_plugin" / "resources" / "models" / "diagnostic_ocsge.model3"


def _errors(model: QgsProcessingModelAlgorithm) -> list[str]:
    """validate()'s errors, whatever the binding returns: (ok, errors) on QGIS 3.22 to 3.44."""
    result = model.validate()
    ok, errors = result if isinstance(result, tuple) else (not result, list(result))
    assert ok == (not errors)
    return list(errors)


def test_example_model_validates(provider):
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL))
    assert _errors(model) == []
    for child_id in model.childAlgorithms():
        ok, errors = model.validateChildAlgorithm(child_id)
        assert ok and not errors, (child_id, errors)
    # the toolbox's copy, as a run or « Edit model » gets it (an instance made once the provider is
    # loaded)
    listed = QgsApplication.processingRegistry().algorithmById("ocsge:diagnostic_ocsge_modele")
    assert listed is not None and _errors(listed.create()) == []
