"""The outputs an algorithm writes besides the published files: a feature sink that takes its place
only when complete (``OutputSink``), a territory table written to one (``write_table``), the style
given when QGIS loads it, the convention stamped in its metadata."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..ocsge_plugin.computing import classified
from ..ocsge_plugin.computing import classify as core
from ..ocsge_plugin.core.i18n import tr
from ..ocsge_plugin.publishing import export, styles
from ..ocsge_plugin.storage import files

__all__ = [
    "OutputSink",
    "StylePostProcessor",
    "keep_alive",
    "stamp_convention",
    "style_territories",
    "write_table",
    "write_through_sink",
]


class OutputSink:
    """A feature sink whose file takes its place only when complete.

    For a file destination (a path; not a temporary, memory or database layer) QGIS writes into a
    temporary folder beside it, under the destination's own name (so a GeoPackage layer is named as
    the file); ``commit(expected)`` closes it, checks that the file holds the ``expected`` features
    (a full disk makes QGIS drop features without raising) and moves it, with a shapefile's
    companions, over the previous file (``files.OutputSet``). ``abort()``, or an error, removes it:
    the previous file is untouched. ``sink`` is None when the output was not asked for."""

    def __init__(
        self,
        alg,
        parameters,
        name: str,
        context: QgsProcessingContext,
        fields,
        wkb_type,
        crs,
    ):
        self.alg = alg
        self.dest = _plain_file(alg.file_destination(parameters, name, context))
        self.staged: files.OutputSet | None = None
        values = parameters
        if self.dest:
            try:
                self.staged = files.OutputSet(Path(self.dest).parent, create=False)
                values = dict(parameters)
                values[name] = str(self.staged.path(Path(self.dest).name))
            except OSError as error:
                raise alg.fail(files.write_error(self.dest, error)) from None
        try:
            self.sink, self.dest_id = alg.parameterAsSink(
                values, name, context, fields, wkb_type, crs
            )
        except QgsProcessingException as error:
            if self.staged is None:
                raise
            self.staged.abort()
            raise alg.fail(files.write_error(self.dest, error)) from None
        if self.staged is not None and self.sink is None:
            self.staged.abort()
            raise alg.fail(
                QCoreApplication.translate(
                    "OcsgeAlgorithm", "The output {path} could not be created."
                ).format(path=self.dest)
            )
        self.asked = self.sink is not None
        self.committed = False
        self.final_id = (
            self.dest if self.staged is not None else self.dest_id
        )  # what the results name
        if (
            self.staged is not None
        ):  # loaded on completion only: a failed or canceled run loads nothing
            alg.register_written_layer(parameters, name, context, self.dest)

    def verify(self, expected: int | None = None) -> None:
        """Close the sink and check its file: no feature refused by QGIS, ``expected`` features
        (when given). On a problem the file is removed and the error raised (a previous file is
        kept)."""
        if self.sink is None:
            return
        problem = (
            self.sink.lastError() if hasattr(self.sink, "lastError") else ""
        )  # a feature QGIS could not write
        self.sink = None  # closes the file
        if not problem and expected is not None and self.staged is not None:
            written = _feature_count(self.staged.staging / Path(self.dest).name)
            if written != expected:
                problem = QCoreApplication.translate(
                    "OcsgeAlgorithm", "{written} of {expected} features written (is the disk full?)"
                ).format(written=written, expected=expected)
        if problem:
            self.abort()
            raise self.alg.fail(
                files.write_error(self.dest, OSError(problem))
                if self.staged is not None
                else problem
            )

    def commit(self, expected: int | None = None) -> str | None:
        """``verify``, then put the file in place; its id for the results (None when not asked)."""
        if not self.asked:
            return None
        self.verify(expected)
        if self.staged is not None:
            try:
                self.staged.commit()
            except OSError as error:
                self.staged.abort()
                raise self.alg.fail(files.write_error(self.dest, error)) from None
        self.committed = True
        return self.final_id

    def failed(self, error: BaseException) -> BaseException:
        """After an error while writing: nothing kept; the error to raise (naming the file)."""
        self.abort()
        if self.staged is None or not isinstance(error, QgsProcessingException):
            return error
        return self.alg.fail(files.write_error(self.dest, error))

    def abort(self) -> None:
        """Remove what was written (nothing once committed)."""
        self.sink = None
        if self.committed:
            return
        if self.staged is not None:
            self.staged.abort()
        else:
            if isinstance(self.dest_id, str):
                files.remove_partial_file(self.dest_id)


def _plain_file(dest: str | None) -> str | None:
    """``dest`` when it is a file path (not ``memory:``, ``ogr:…``, ``postgres:…``, a layer in a
    file)."""
    if not dest or "|" in dest or not Path(dest).suffix:
        return None
    scheme = dest.split(":", 1)[0] if ":" in dest else ""
    return dest if len(scheme) <= 1 else None  # a Windows drive letter is not a provider


def _feature_count(path: Path) -> int:
    from osgeo import ogr

    try:
        ds = ogr.Open(str(path))
    except RuntimeError:
        ds = None
    if ds is None or ds.GetLayerCount() == 0:
        return -1
    return ds.GetLayer(0).GetFeatureCount()


# Keep post-processors alive until QGIS calls them (Python would otherwise collect them).
_POST_PROCESSORS: list = []


def keep_alive(
    post: QgsProcessingLayerPostProcessorInterface,
) -> QgsProcessingLayerPostProcessorInterface:
    """``post``, kept referenced until QGIS has called it."""
    _POST_PROCESSORS.append(post)
    return post


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Give an output layer its renderer when QGIS loads it (GUI only; qgis_process loads
    nothing)."""

    def __init__(self, renderer: Callable[[], object]):
        super().__init__()
        self.renderer = renderer

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if isinstance(layer, QgsVectorLayer) and layer.isSpatial():
            layer.setRenderer(self.renderer())
            layer.triggerRepaint()

    @classmethod
    def attach(
        cls, context: QgsProcessingContext, dest_id: str, renderer: Callable[[], object]
    ) -> None:
        if dest_id and context.willLoadLayerOnCompletion(dest_id):
            context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(
                keep_alive(cls(renderer))
            )


def stamp_convention(dest_id, convention: str) -> bool:
    """Write the convention in the metadata of an output GeoPackage layer (``convention``; read
    by ``gdalinfo`` / ``ogrinfo`` and QGIS's layer properties); False when the output is not a
    GeoPackage file (memory layer, shapefile…). Call once the sink is closed."""
    if not isinstance(dest_id, str) or not dest_id:
        return False
    path, _, rest = dest_id.partition("|")
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path):
        return False
    from osgeo import ogr

    name = rest.split("layername=", 1)[1].split("|")[0] if "layername=" in rest else None
    ds = ogr.Open(path, 1)
    if ds is None:
        return False
    layer = ds.GetLayerByName(name) if name else ds.GetLayer(0)
    if layer is None:
        return False
    layer.SetMetadataItem("convention", str(convention))
    ds = None
    return True


def style_territories(
    context: QgsProcessingContext, dest_id: str, field: str = "pourcent_artif"
) -> None:
    """Style a territory table when QGIS loads it (GUI only; qgis_process loads nothing)."""
    StylePostProcessor.attach(context, dest_id, lambda: styles.territory_renderer(field))


def write_table(
    alg,
    parameters,
    name: str,
    context,
    table,
    extra_fields,
    geometries,
    crs,
    feedback,
    spatial: bool = True,
):
    """Create the sink ``name`` of ``alg`` (an ``OcsgeAlgorithm``) and write ``table`` to it;
    returns its id (None when not requested)."""
    fields = export.table_fields(table, extra_fields)
    wkb = QgsWkbTypes.Type.MultiPolygon if spatial else QgsWkbTypes.Type.NoGeometry
    output = alg.output_sink(parameters, name, context, fields, wkb, crs)
    if output.sink is None:
        return None
    try:
        export.write_sink(output.sink, table, fields, geometries if spatial else None, feedback)
    except BaseException as error:
        raise output.failed(error) from None
    dest_id = output.commit(len(table))
    if "convention" in table.columns and table["convention"].notna().any():
        stamp_convention(dest_id, str(table["convention"].dropna().iloc[0]))
    return dest_id


def write_through_sink(alg, parameters, context, source, run, fid, values, only=None) -> str | None:
    """``classified.write_features`` into the algorithm's OUTPUT sink, with the fields and the
    progress steps of ``run`` (a classification or a comparison of ``pipelines.classify``): the
    destination's id, or None when canceled; a cancel or an error leaves no partial file and the
    previous file untouched (``OutputSink``)."""
    fields, feedback = run.fields, run.steps
    output = alg.output_sink(
        parameters, alg.OUTPUT, context, fields, source.wkbType(), source.sourceCrs()
    )
    if output.sink is None:
        raise alg.fail(tr("The output layer could not be created."))
    try:
        written = classified.write_features(
            source, output.sink, fields, fid, values, feedback, only=only
        )
    except core.Canceled:
        output.abort()
        return None
    except BaseException as error:  # a feature QGIS could not write (a full disk…)
        raise output.failed(
            alg.fail(str(error)) if isinstance(error, core.ClassifyError) else error
        ) from None
    return output.commit(written)
