"""The example models shipped in resources/models (toolbox › OCS GE › Modèles): each read from its
file under a stable lower-case name, its help naming the algorithms as the toolbox shows them, its
deliveries inputs given the deliveries widget. Loaded by ``provider.example_models``."""

from __future__ import annotations

import re
from pathlib import Path

from qgis.core import Qgis, QgsMessageLog, QgsProcessingModelAlgorithm

from ..ocsge_plugin.core import compat, guide
from ..ocsge_plugin.domain.nomenclature import RESOURCES
from .base import TAGS, guide_links, named_algorithms
from .deliveries import CONSUMERS, use_deliveries_widget

__all__ = [
    "ExampleModel",
    "model_files",
]


def model_files() -> list[Path]:
    """The model files shipped with the plugin, in name order."""
    return sorted((RESOURCES / "models").glob("*.model3"))


class ExampleModel(QgsProcessingModelAlgorithm):
    """A model read from its file, under a stable lower-case name (its title, ``displayName()``,
    stays the model's name)."""

    def __init__(self, path, name: str, names: dict[str, str]):
        super().__init__()
        self._path, self._name, self._names = path, name, names
        self.loaded = self.fromFile(str(path))
        self._name_algorithms()

    def _name_algorithms(self) -> None:
        """The algorithms the model's help names by id (ocsge:load), given as the toolbox names
        them, in its help content itself: QGIS 3.40's qgis_process reads that, not
        shortHelpString."""
        names = self._names
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
        return ExampleModel(self._path, self._name, self._names)

    def helpUrl(self) -> str:  # noqa: N802
        return guide.help_url(f"ocsge-{self._name}")

    def shortHelpString(self) -> str:  # noqa: N802
        """The model's help, the algorithms it names given as the toolbox shows them."""
        return named_algorithms(super().shortHelpString()) + guide_links(f"ocsge-{self._name}")

    def tags(self) -> list[str]:
        return list(TAGS) + ["modèle", "model", "diagnostic"]

    def initAlgorithm(self, config=None):  # noqa: N802
        """The parameters, with their help from the model's help (QGIS 3.22 keeps it only there)."""
        super().initAlgorithm(config)
        helps = self.helpContent()
        # an exception raised here, inside QGIS's call, would abort QGIS: the widget is a comfort
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
