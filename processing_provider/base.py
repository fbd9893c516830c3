"""What every algorithm of the provider shares: translation, instance creation, help, groups; the
styling of output layers when QGIS loads them."""

from __future__ import annotations

import configparser
import html
import re
from typing import Callable

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..ocsge_plugin.nomenclature import RESOURCES

def guide_url() -> str:
    """The user guide as the project's pages show it (docs/guide.md of the repository)."""
    metadata = configparser.ConfigParser(interpolation=None)
    metadata.read(RESOURCES.parent.parent / "metadata.txt", encoding="utf-8")
    return metadata.get("general", "repository", fallback="").rstrip("/") + "/blob/main/docs/guide.md"


# Every algorithm is found in the toolbox by these words, in French and English.
TAGS = (
    "OCS GE", "ocsge", "IGN", "ZAN", "zéro artificialisation nette", "zero net land take", "artificialisation",
    "artificialization", "land take", "imperméabilisation", "soil sealing", "Climat et résilience",
    "loi Climat et résilience", "occupation du sol", "land cover", "land use", "urbanisme", "planning",
)
ICONS = {"data": "data.svg", "compute": "compute.svg", "territories": "territories.svg"}
_ALGORITHM_ID = re.compile(r"\bocsge:(\w+)")


class OcsgeAlgorithm(QgsProcessingAlgorithm):
    """Base class: ``tr()`` with the class name as context, groups, icon per group, tags, help, error
    helper.

    Each algorithm writes its help (``what_it_does``, ``rules``, ``example``, ``shortDescription``) as
    ``self.tr("…")`` so that pylupdate5 finds it; the base class arranges it in sections with the
    inputs and outputs, and links the matching section of the user guide (docs/guide.md)."""

    GROUP = "data"  # one of GROUPS (and of ICONS)
    TAGS: tuple[str, ...] = ()  # the algorithm's own search words, French and English
    GROUPS = {
        "data": "Data",
        "compute": "Computation",
        "territories": "Territories and export",
    }

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(type(self).__name__, text)

    def createInstance(self):  # noqa: N802
        return type(self)()

    def groupId(self) -> str:  # noqa: N802
        return self.GROUP

    def group(self) -> str:
        return QCoreApplication.translate("OcsgeAlgorithm", self.GROUPS[self.GROUP])

    def icon(self) -> QIcon:
        return QIcon(str(RESOURCES / "icons" / ICONS[self.GROUP]))

    def tags(self) -> list[str]:
        return list(TAGS) + list(self.TAGS)

    def helpUrl(self) -> str:  # noqa: N802
        return f"{guide_url()}#{self.guide_anchor()}"

    def guide_anchor(self) -> str:
        """The anchor of this algorithm's section in docs/guide.md."""
        return f"ocsge-{self.name()}"

    # Structured help: what it does, inputs and outputs (from the parameters), rules, example.
    def what_it_does(self) -> str:
        return ""

    def rules(self) -> str:
        return ""

    def example(self) -> str:
        return ""

    def help_sections(self) -> list[tuple[str, list[str]]]:
        """(title, paragraphs or list items) of the help, translated, algorithm ids given as the names
        the toolbox shows; plain text (the HTML or Markdown is made from it)."""
        inputs = [f"{p.description()} — {p.help()}" if p.help() else p.description() for p in self.parameterDefinitions() if not p.isDestination()]
        outputs = [p.description() + (f" — {p.help()}" if p.help() else "") for p in self.destinationParameterDefinitions()]
        outputs += [o.description() for o in self.outputDefinitions() if self.parameterDefinition(o.name()) is None]
        sections = [
            (QCoreApplication.translate("OcsgeAlgorithm", "What it does"), self.what_it_does().split("\n")),
            (QCoreApplication.translate("OcsgeAlgorithm", "Inputs"), inputs),
            (QCoreApplication.translate("OcsgeAlgorithm", "Outputs"), outputs),
            (QCoreApplication.translate("OcsgeAlgorithm", "Rules"), self.rules().split("\n")),
            (QCoreApplication.translate("OcsgeAlgorithm", "Example"), self.example().split("\n")),
        ]
        return [(title, [named_algorithms(line) for line in lines if line.strip()]) for title, lines in sections if any(line.strip() for line in lines)]

    def shortHelpString(self) -> str:  # noqa: N802
        parts = []
        for index, (title, lines) in enumerate(self.help_sections()):
            parts.append(f"<h3>{html.escape(title, quote=False)}</h3>")
            if index in (1, 2):  # inputs, outputs
                parts.append("<ul>" + "".join(f"<li>{html.escape(line, quote=False)}</li>" for line in lines) + "</ul>")
            else:
                parts.extend(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)
        guide = QCoreApplication.translate("OcsgeAlgorithm", "User guide")
        parts.append(f'<p><a href="{html.escape(self.helpUrl())}">{html.escape(guide, quote=False)}</a></p>')
        return "".join(parts)

    def field_parameter(self, parameters, name: str, context) -> str | None:
        """The field chosen in the single-field parameter ``name``, or None."""
        return (self.parameterAsFields(parameters, name, context) or [None])[0]

    def file_destination(self, parameters, name: str, context: QgsProcessingContext) -> str | None:
        """The file path chosen for the feature sink ``name`` when the algorithm writes the file itself
        (a plain path; None for a temporary or memory layer, a layer inside a database, a URI)."""
        value = parameters.get(name)
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = value.sink.staticValue()
        if not isinstance(value, str) or not value or value == "TEMPORARY_OUTPUT":
            return None
        return self.parameterAsOutputLayer(parameters, name, context) or None

    def register_written_layer(self, parameters, name: str, context: QgsProcessingContext, path: str) -> None:
        """What ``parameterAsSink`` does for a layer the algorithm wrote itself: load it on completion
        when the user asked for it (the output definition names a project)."""
        value = parameters.get(name)
        if not isinstance(value, QgsProcessingOutputLayerDefinition) or value.destinationProject is None:
            return
        definition = self.parameterDefinition(name)
        label = value.destinationName or (definition.description() if definition else name)
        details = QgsProcessingContext.LayerDetails(label, value.destinationProject, name, QgsProcessingUtils.LayerHint.Vector)
        context.addLayerToLoadOnCompletion(path, details)

    def method_label(self, name: str, keys, key: str) -> str:
        """The short label (« Matrice + seuils ») of ``key`` in the method parameter ``name`` whose
        options follow ``keys``."""
        options = self.parameterDefinition(name).options()
        return options[list(keys).index(key)].split(" (")[0] if key in keys else key

    def name_outputs(self, context: QgsProcessingContext, dest_ids, suffix: str) -> None:
        """Add « – suffix » (millésimes, method) to the names of the output layers QGIS loads at the end."""
        for dest in dest_ids:
            if suffix and isinstance(dest, str) and dest and context.willLoadLayerOnCompletion(dest):
                details = context.layerToLoadOnCompletionDetails(dest)
                details.name = f"{details.name} – {suffix}"

    def fail(self, message: str) -> QgsProcessingException:
        """A user-facing error (already translated): no traceback in the log."""
        return QgsProcessingException(message)


# Keep post-processors alive until QGIS calls them (Python would otherwise collect them).
_POST_PROCESSORS: list = []


def keep_alive(post: QgsProcessingLayerPostProcessorInterface) -> QgsProcessingLayerPostProcessorInterface:
    """``post``, kept referenced until QGIS has called it."""
    _POST_PROCESSORS.append(post)
    return post


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Give an output layer its renderer when QGIS loads it (GUI only; qgis_process loads nothing)."""

    def __init__(self, renderer: Callable[[], object]):
        super().__init__()
        self.renderer = renderer

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if isinstance(layer, QgsVectorLayer) and layer.isSpatial():
            layer.setRenderer(self.renderer())
            layer.triggerRepaint()

    @classmethod
    def attach(cls, context: QgsProcessingContext, dest_id: str, renderer: Callable[[], object]) -> None:
        if dest_id and context.willLoadLayerOnCompletion(dest_id):
            context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(keep_alive(cls(renderer)))


def place_in_group(layer, project, group_name: str, rank: float = 0.0, visible: bool = True) -> None:
    """Put ``layer`` (in the project's layer tree or not yet) into the group ``group_name`` (made on
    top of the tree when missing), after the layers of lower ``rank``, checked or not."""
    root = project.layerTreeRoot()
    group = root.findGroup(group_name) or root.insertGroup(0, group_name)
    index = len([child for child in group.children() if float(child.customProperty("ocsge/rank", 0.0)) <= rank])
    node = root.findLayer(layer.id())
    if node is None:
        placed = group.insertLayer(index, layer)
    else:
        placed = node.clone()
        group.insertChildNode(index, placed)
        node.parent().removeChildNode(node)
    placed.setCustomProperty("ocsge/rank", rank)
    placed.setItemVisibilityChecked(visible)


def number(value, decimals: int = 2) -> str:
    """A figure as people read it in the language of QGIS: rounded, with its separators (« 1 234,56 »)."""
    from qgis.PyQt.QtCore import QLocale

    return QLocale().toString(float(value), "f", decimals)


def log_table(feedback, title: str, headers: list[str], rows: list[list], decimals: int = 2) -> None:
    """A small table in the algorithm's log (aligned in QGIS's monospaced command style): text left,
    figures right and rounded."""
    cells = [[str(h) for h in headers]] + [[v if isinstance(v, str) else (str(v) if isinstance(v, int) else number(v, decimals)) for v in row] for row in rows]
    numeric = [all(not isinstance(row[i], str) for row in rows) for i in range(len(headers))]
    widths = [max(len(line[i]) for line in cells) for i in range(len(headers))]
    lines = []
    for line in cells:
        padded = [cell.rjust(width) if right else cell.ljust(width) for cell, width, right in zip(line, widths, numeric)]
        lines.append("  ".join(padded).rstrip().replace(" ", "\u00a0"))  # no-break spaces: HTML keeps them
    feedback.pushInfo(title)
    feedback.pushCommandInfo("\n".join(lines))


def named_algorithms(text: str) -> str:
    """``text`` with every algorithm id (ocsge:load) given as the toolbox names it (« Charger … »)."""
    from qgis.core import QgsApplication

    def name(match: re.Match) -> str:
        alg = QgsApplication.processingRegistry().algorithmById(match.group(0))
        return f"« {alg.displayName()} »" if alg is not None else match.group(0)

    return _ALGORITHM_ID.sub(name, text)


def _group_labels_for_translation() -> None:  # pragma: no cover - read by pylupdate5 only
    QCoreApplication.translate("OcsgeAlgorithm", "Data")
    QCoreApplication.translate("OcsgeAlgorithm", "Computation")
    QCoreApplication.translate("OcsgeAlgorithm", "Territories and export")
