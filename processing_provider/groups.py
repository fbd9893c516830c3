"""The group of the layers panel one run's layers go into: « <territory and millésimes> – <date
and time> », a new one for each run, or, when the user asks (``params.replace_group``), in place
of the groups earlier runs made for the same territory and millésimes (their layers removed from
the project, their files left). Used by ocsge:load, ocsge:diagnostic, ocsge:export and
ocsge:portrait."""

from __future__ import annotations

import uuid
from datetime import datetime

from qgis.core import QgsLayerTree, QgsLayerTreeGroup
from qgis.PyQt.QtCore import QTimer

from .base import place_in_group

__all__ = [
    "RunGroup",
]

# the group's custom properties: the run that made it, and its name without the time
RUN = "ocsge/run"
BASE = "ocsge/run_base"


def groups_of(project, base: str) -> list[QgsLayerTreeGroup]:
    """The top-level groups runs made for ``base`` (territory and millésimes), newest first; a
    group of that very name too (made before groups were dated)."""
    root = project.layerTreeRoot()
    return [
        child
        for child in root.children()
        if QgsLayerTree.isGroup(child)
        and (child.customProperty(BASE) == base or child.name() == base)
    ]


class RunGroup:
    """The group of one run, made in the project the first time a layer is placed in it (when the
    algorithm ends, in QGIS's main thread); ``base`` names the territory and the millésimes."""

    def __init__(self, base: str, replace: bool = False, when: datetime | None = None):
        self.base, self.replace = base, replace
        self.when = when or datetime.now()
        self.run = uuid.uuid4().hex
        self.name = ""  # set once the group is made

    def node(self, project) -> QgsLayerTreeGroup:
        """The run's group in ``project``, made on top of the layer tree the first time. When
        ``replace``, the earlier runs' groups of the same ``base`` are removed, with the layers
        left in them, once Processing has handed over all of this run's layers (the event loop's
        next turn): Processing gives back the project's layer of a file when there is one, and
        holds them all before the first is placed; those this run moved into its group stay."""
        root = project.layerTreeRoot()
        for child in root.children():
            if QgsLayerTree.isGroup(child) and child.customProperty(RUN) == self.run:
                return child
        if self.replace and groups_of(project, self.base):
            QTimer.singleShot(0, lambda: self._remove_earlier(project))
        replaced = groups_of(project, self.base) if self.replace else []
        taken = {
            child.name()
            for child in root.children()
            if QgsLayerTree.isGroup(child) and not any(child is r for r in replaced)
        }
        name = stamp = f"{self.base} – {self.when:%d/%m/%Y %H:%M}"
        count = 2
        while name in taken:  # two runs in the same minute
            name, count = f"{stamp} ({count})", count + 1
        group = root.insertGroup(0, name)
        group.setCustomProperty(RUN, self.run)
        group.setCustomProperty(BASE, self.base)
        self.name = name
        return group

    def _remove_earlier(self, project) -> None:
        """Take the earlier runs' groups of ``base`` out of the tree (QGIS removes the layers
        left in them)."""
        root = project.layerTreeRoot()
        for child in groups_of(project, self.base):
            if child.customProperty(RUN) != self.run:
                root.removeChildNode(child)

    def own(self, layer, project):
        """``layer``, or a copy of it for this run: Processing hands back the project's layer of
        the same file when there is one, which an earlier run's group holds; that group keeps it
        unless this run replaces it (then the layer moves)."""
        node = project.layerTreeRoot().findLayer(layer.id())
        parent = node.parent() if node is not None else None
        if (
            parent is None
            or parent is project.layerTreeRoot()
            or parent.customProperty(RUN) == self.run
        ):
            return layer  # new to the tree (Processing puts it on top), or already this run's
        if self.replace and parent.customProperty(BASE) == self.base:
            return layer  # moves from the group this run replaces
        copy = layer.clone()
        project.addMapLayer(copy, False)
        return copy

    def place(self, layer, project, rank: float = 0.0, visible: bool = True) -> None:
        """``layer`` (see ``own``) into the run's group (``base.place_in_group``)."""
        place_in_group(layer, project, self.node(project), rank, visible)
