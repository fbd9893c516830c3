"""The Processing provider ``ocsge``: the list of algorithms lives here, in one place."""

from __future__ import annotations

import re

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..ocsge_plugin.core import compat, guide
from ..ocsge_plugin.domain.nomenclature import RESOURCES


def algorithm_classes() -> list[type]:
    """Every algorithm of the provider (imported here so that the plugin loads lazily)."""
    from .aggregate import AggregateAlgorithm
    from .classify import ClassifyAlgorithm
    from .compare_artif import CompareArtifAlgorithm
    from .consommation import ConsommationAlgorithm
    from .diagnostic import DiagnosticAlgorithm
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
        PortraitAlgorithm,
        ConsommationAlgorithm,
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


def example_models() -> list:
    """The example models shipped in resources/models (toolbox › OCS GE › Modèles), ready to run or
    to
    open in the modeler, named ``<file name>`` (``ocsge:diagnostic_ocsge_modele``); a file that does
    not
    load is skipped."""
    from qgis.core import QgsProcessingModelAlgorithm

    from .base import TAGS, guide_links, named_algorithms
    from .deliveries import CONSUMERS, use_deliveries_widget

    class ExampleModel(QgsProcessingModelAlgorithm):
        """A model read from its file, under a stable lower-case name (its title, ``displayName()``,
        stays
        the model's name)."""

        def __init__(self, path, name: str):
            super().__init__()
            self._path, self._name = path, name
            self.loaded = self.fromFile(str(path))
            self._name_algorithms()

        def _name_algorithms(self) -> None:
            """The algorithms the model's help names by id (ocsge:load), given as the toolbox names
            them,
            in its help content itself: QGIS 3.40's qgis_process reads that, not shortHelpString."""
            names = {
                f"ocsge:{alg.name()}": alg.displayName()
                for alg in (cls() for cls in algorithm_classes())
            }
            content = self.helpContent()
            for key, text in content.items():
                if isinstance(text, str):
                    content[key] = re.sub(
                        r"\bocsge:\w+",
                        lambda m: f"« {names[m.group(0)]} »" if m.group(0) in names else m.group(0),
                        text,
                    )
            self.setHelpContent(content)

        def name(self) -> str:
            return self._name

        def createInstance(self):  # noqa: N802
            return ExampleModel(self._path, self._name)

        def helpUrl(self) -> str:  # noqa: N802
            return guide.help_url(f"ocsge-{self._name}")

        def shortHelpString(self) -> str:  # noqa: N802
            """The model's help, the algorithms it names given as the toolbox shows them."""
            return named_algorithms(super().shortHelpString()) + guide_links(f"ocsge-{self._name}")

        def tags(self) -> list[str]:
            return list(TAGS) + ["modèle", "model", "diagnostic"]

        def initAlgorithm(self, config=None):  # noqa: N802
            """The parameters, with their help from the model's help (QGIS 3.22 keeps it only
            there)."""
            super().initAlgorithm(config)
            helps = self.helpContent()
            # an exception raised here, inside QGIS's call, would abort QGIS: the widget is a
            # comfort
            try:
                deliveries = self.deliveries_inputs()
            except Exception as error:  # noqa: BLE001
                QgsMessageLog.logMessage(
                    f"{self.name()}: {error!r}", "OCS GE", Qgis.MessageLevel.Warning
                )
                deliveries = set()
            for param in self.parameterDefinitions():
                if not param.help() and helps.get(param.name()):
                    param.setHelp(helps[param.name()])
                if param.name() in deliveries:
                    use_deliveries_widget(param)

        def deliveries_inputs(self) -> set[str]:
            """The model's inputs given to an ocsge:load or ocsge:diagnostic INPUT: they get the
            deliveries widget (a folder, files or both) in the model's dialog."""
            names = set()
            model_parameter = compat.model_parameter_source()
            for child in self.childAlgorithms().values():
                if child.algorithmId() in CONSUMERS:
                    for source in child.parameterSources().get("INPUT", []):
                        if source.source() == model_parameter:
                            names.add(source.parameterName())
            return names

    models = []
    for path in sorted((RESOURCES / "models").glob("*.model3")):
        model = ExampleModel(path, f"{path.stem}_modele")
        if model.loaded:
            models.append(model)
    return models
