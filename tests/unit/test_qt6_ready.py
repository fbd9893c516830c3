"""Ready for QGIS 4 (Qt 6): no unscoped enum and no ``exec_()`` in the plugin's sources. The
check is scripts/qt6_scoped.py's own (the script that made the sweep): one knowledge, from the
bindings."""

from __future__ import annotations

import qt6_scoped


def test_the_sources_use_scoped_enums_and_exec():
    left = qt6_scoped.findings()
    assert not left, "run /usr/bin/python3 scripts/qt6_scoped.py:\n" + "\n".join(map(str, left))


def test_every_qgis_name_of_the_sources_exists_in_this_qgis():
    """Run on every QGIS of CI (3.22, 3.40, 3.44): a scoped spelling that 3.22 accepts may be
    gone from a later QGIS (QgsProcessingModelChildParameterSource.Source moved to Qgis): such a
    name raised in a method QGIS calls and aborted QGIS 3.40 / 3.44 at start. Version differences
    go through compat.py."""
    gone = qt6_scoped.missing()
    assert not gone, (
        "names this QGIS does not have (use ocsge_plugin/core/compat.py):\n" + "\n".join(gone)
    )


def test_the_missing_name_check_finds_a_name_gone_from_the_bindings(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(
        "from qgis.core import QgsProcessing\nx = QgsProcessing.NoSuchScope.Member\n",
        encoding="utf-8",
    )
    assert [item.split(": ", 1)[1] for item in qt6_scoped.missing_in(source)] == [
        "QgsProcessing.NoSuchScope"
    ]


def test_the_check_finds_and_the_sweep_mends(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(
        "from qgis.core import Qgis, QgsProcessing\n"
        "from qgis.PyQt.QtCore import Qt\n"
        'area = ("millésime", Qt.RightDockWidgetArea)  # columns counted in characters, not bytes\n'
        "kinds = [QgsProcessing.TypeVectorPolygon, Qgis.MessageLevel.Critical]\n"
        "dialog.exec_()\n"
        "Qt = object()\n",
        encoding="utf-8",
    )
    found = qt6_scoped.findings_in(source)
    # QgsProcessing.SourceType is the enum of TypeVectorPolygon in QGIS 3.22's bindings; later QGIS
    # moved it to Qgis.ProcessingSourceType (the old names stay as aliases, with no scope to add)
    from qgis.core import QgsProcessing

    kind = type(QgsProcessing.TypeVectorPolygon)
    scoped_here = getattr(QgsProcessing, kind.__name__, None) is kind
    expected = [(3, "Qt.RightDockWidgetArea", "Qt.DockWidgetArea.RightDockWidgetArea")]
    if scoped_here:
        expected.append(
            (4, "QgsProcessing.TypeVectorPolygon", "QgsProcessing.SourceType.TypeVectorPolygon")
        )
    assert [(f.line, f.old, f.new) for f in found] == expected + [(5, "exec_", "exec")]
    qt6_scoped.rewrite(source, found)
    text = source.read_text(encoding="utf-8").splitlines()
    assert (
        text[2] == 'area = ("millésime", Qt.DockWidgetArea.RightDockWidgetArea)  # columns counted '
        "in characters, not bytes"
    )
    if scoped_here:
        assert (
            text[3]
            == "kinds = [QgsProcessing.SourceType.TypeVectorPolygon, Qgis.MessageLevel.Critical]"
        )
    assert text[4] == "dialog.exec()"
    assert qt6_scoped.findings_in(source) == []
    # a name not imported from qgis / PyQt5 is never touched
    other = tmp_path / "other.py"
    other.write_text(
        "class Qt:\n    RightDockWidgetArea = 2\n\nx = Qt.RightDockWidgetArea\n", encoding="utf-8"
    )
    assert qt6_scoped.findings_in(other) == []
