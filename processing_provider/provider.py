"""The Processing provider ``ocsge``: the list of algorithms lives here, in one place."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..ocsge_plugin.nomenclature import RESOURCES


def algorithm_classes() -> list[type]:
    """Every algorithm of the provider (imported here so that the plugin loads lazily)."""
    from .load import LoadDeliveryAlgorithm
    from .classify import ClassifyAlgorithm
    from .compare_artif import CompareArtifAlgorithm
    from .download import DownloadDeliveryAlgorithm
    from .flows import FlowsAlgorithm
    from .aggregate import AggregateAlgorithm
    from .rollup import RollupAlgorithm
    from .export import ExportAlgorithm
    from .diagnostic import DiagnosticAlgorithm

    return [LoadDeliveryAlgorithm, ClassifyAlgorithm, CompareArtifAlgorithm, DownloadDeliveryAlgorithm, FlowsAlgorithm, AggregateAlgorithm, RollupAlgorithm, ExportAlgorithm, DiagnosticAlgorithm]


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
