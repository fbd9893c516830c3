"""The Processing provider ``ocsge``: the list of algorithms lives here, in one place."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..ocsge_plugin.domain.nomenclature import RESOURCES

__all__ = [
    "OcsgeProvider",
]


def algorithm_classes() -> list[type]:
    """Every algorithm of the provider (imported here so that the plugin loads lazily)."""
    from .aggregate import AggregateAlgorithm
    from .bases_regionales import RegionalBasesAlgorithm
    from .classify import ClassifyAlgorithm
    from .compare_artif import CompareArtifAlgorithm
    from .consommation import ConsommationAlgorithm
    from .diagnostic import DiagnosticAlgorithm
    from .diagnostic_national import NationalDiagnosticAlgorithm
    from .download import DownloadDeliveryAlgorithm
    from .export import ExportAlgorithm
    from .flows import FlowsAlgorithm
    from .load import LoadDeliveryAlgorithm
    from .portrait import PortraitAlgorithm
    from .rollup import RollupAlgorithm

    return [
        LoadDeliveryAlgorithm,
        ClassifyAlgorithm,
        CompareArtifAlgorithm,
        DownloadDeliveryAlgorithm,
        FlowsAlgorithm,
        AggregateAlgorithm,
        RollupAlgorithm,
        ExportAlgorithm,
        DiagnosticAlgorithm,
        NationalDiagnosticAlgorithm,
        PortraitAlgorithm,
        ConsommationAlgorithm,
        RegionalBasesAlgorithm,
    ]


class OcsgeProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "ocsge"

    def name(self) -> str:
        return QCoreApplication.translate("OcsgeProvider", "OCS GE (artificialisation)")

    def longName(self) -> str:  # noqa: N802
        return self.name()

    def icon(self) -> QIcon:
        return QIcon(str(RESOURCES / "icon.svg"))

    def loadAlgorithms(self) -> None:  # noqa: N802
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
        for model in example_models():
            self.addAlgorithm(model)


def algorithm_names() -> dict[str, str]:
    """``ocsge:<id>`` → the name the toolbox shows, for every algorithm."""
    return {
        f"ocsge:{alg.name()}": alg.displayName() for alg in (cls() for cls in algorithm_classes())
    }


def example_models() -> list:
    """The example models shipped in resources/models (toolbox › OCS GE › Modèles), ready to run
    or to open in the modeler, named ``<file name>`` (``ocsge:diagnostic_ocsge_modele``); a file
    that does not load is skipped."""
    from .models import ExampleModel, model_files

    names = algorithm_names()
    models = [ExampleModel(path, f"{path.stem}_modele", names) for path in model_files()]
    return [model for model in models if model.loaded]
