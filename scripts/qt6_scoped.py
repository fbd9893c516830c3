#!/usr/bin/python3
"""Ready for QGIS 4 (Qt 6, PyQt6): enums reached through their scope, ``exec()`` not ``exec_()``.

PyQt6 and the QGIS 4 bindings only know scoped enums: ``Qt.DockWidgetArea.RightDockWidgetArea``,
``QgsProcessing.SourceType.TypeVectorPolygon``, ``QVariant.Type.Double`` — QGIS 3.22 (PyQt5)
accepts both forms. This script finds, with Python's ``ast`` and the running QGIS's own bindings
(no list kept by hand), every ``Class.MEMBER`` whose value is a member of an enum ``Class.Enum``
and rewrites it ``Class.Enum.MEMBER``; and every ``.exec_(`` as ``.exec(``. Names are resolved
only when the file imports them from ``qgis`` or ``PyQt5``, so a local variable is never touched.

    /usr/bin/python3 scripts/qt6_scoped.py          # rewrite the plugin's sources in place
    /usr/bin/python3 scripts/qt6_scoped.py --check  # list what is left, exit 1 if anything

The test suite (tests/unit/test_qt6_ready.py) calls ``findings()`` of this script: the sweep and the
check share one knowledge. Run it again after a merge."""

from __future__ import annotations

import ast
import enum
import importlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("__init__.py", "ocsge_plugin", "processing_provider")
MODULES = ("qgis", "PyQt5")


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    col: int  # where the inserted text goes (0-based, in characters of the line)
    old: str
    new: str
    insert: str  # text inserted at (line, col); for exec_ the "_" is removed instead

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}: {self.old} → {self.new}"


def _enum_types():
    """The metaclasses of enums in the running bindings: sip's (PyQt5, QGIS 3) and Python's (QGIS
    4)."""
    from qgis.PyQt.QtCore import Qt

    return type(type(Qt.DockWidgetArea.RightDockWidgetArea)), enum.EnumMeta


def _imported(tree: ast.Module) -> dict[str, object]:
    """The names the file imports from qgis / PyQt5, resolved to the objects of the running
    bindings."""
    names: dict[str, object] = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.split(".")[0] in MODULES
        ):
            try:
                module = importlib.import_module(node.module)
            except ImportError:
                continue
            for alias in node.names:
                if hasattr(module, alias.name):
                    names[alias.asname or alias.name] = getattr(module, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                target = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )  # import a.b binds a
                if target.split(".")[0] in MODULES:
                    try:
                        names[alias.asname or target] = importlib.import_module(target)
                    except ImportError:
                        continue
    return names


def _resolve(node: ast.AST, names: dict[str, object]):
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, names)
        return getattr(owner, node.attr, None) if owner is not None else None
    return None


def _chars(line: str, offset: int) -> int:
    """``ast`` counts columns in UTF-8 bytes; the line in characters (« millésime » has a 2-byte
    é)."""
    return len(line.encode("utf-8")[:offset].decode("utf-8"))


def _source_text(lines: list[str], node: ast.AST) -> str:
    if node.lineno != node.end_lineno:
        return ast.unparse(node)
    line = lines[node.lineno - 1]
    return line[_chars(line, node.col_offset) : _chars(line, node.end_col_offset)]


def findings_in(path: Path) -> list[Finding]:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    lines = text.splitlines()
    names = _imported(tree)
    enum_types = _enum_types()
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        end = _chars(lines[node.end_lineno - 1], node.end_col_offset)
        if node.attr == "exec_":
            col = end - 1
            found.append(Finding(path, node.end_lineno, col, "exec_", "exec", ""))
            continue
        owner = _resolve(node.value, names)
        if owner is None or not isinstance(owner, type):
            continue
        value = getattr(owner, node.attr, None)
        kind = type(value)
        if not isinstance(kind, enum_types) or owner is kind:
            continue  # not an enum member, or already reached through its enum
        scope = kind.__name__
        if getattr(owner, scope, None) is not kind or not hasattr(kind, node.attr):
            continue  # no scoped spelling in these bindings
        old = _source_text(lines, node)
        col = end - len(node.attr)
        found.append(
            Finding(
                path,
                node.end_lineno,
                col,
                old,
                f"{old[: -len(node.attr)]}{scope}.{node.attr}",
                f"{scope}.",
            )
        )
    return sorted(found, key=lambda f: (f.line, f.col))


def missing_in(path: Path) -> list[str]:
    """Every ``Name.attr…`` of the file rooted at a name imported from qgis / PyQt5 that the
    running bindings do not have (an enum scope that moved between QGIS versions, a removed
    method…). ``ocsge_plugin/core/compat.py`` is left out: it is the one place that looks names
    up by feature."""
    if path.name == "compat.py":
        return []
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    names = _imported(tree)
    lines = text.splitlines()
    missing = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        owner = _resolve(node.value, names)
        if owner is not None and not hasattr(owner, node.attr):
            where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            missing.append(f"{where}:{node.lineno}: {_source_text(lines, node)}")
    return missing


def missing(root: Path = ROOT) -> list[str]:
    """``missing_in`` over the plugin's sources: empty when every name exists in this QGIS."""
    return [item for path in source_files(root) for item in missing_in(path)]


def source_files(root: Path = ROOT) -> list[Path]:
    files = []
    for entry in SOURCES:
        path = root / entry
        files.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return files


def findings(root: Path = ROOT) -> list[Finding]:
    """Every finding of the plugin's sources but ``ocsge_plugin/core/compat.py``, which spells
    each QGIS version's names as that version has them, chosen by feature."""
    return [
        finding
        for path in source_files(root)
        if path.name != "compat.py"
        for finding in findings_in(path)
    ]


def rewrite(path: Path, items: list[Finding]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for item in sorted(items, key=lambda f: (f.line, f.col), reverse=True):
        line = lines[item.line - 1]
        if item.old == "exec_":
            lines[item.line - 1] = line[: item.col] + line[item.col + 1 :]
        else:
            lines[item.line - 1] = line[: item.col] + item.insert + line[item.col :]
    path.write_text("".join(lines), encoding="utf-8")


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    left = findings()
    if "--missing" in argv:
        gone = missing()
        print("\n".join(gone + [f"{len(gone)} absents de ce QGIS"]))
        return 1 if gone else 0
    if "--check" in argv:
        for item in left:
            print(item)
        print(f"{len(left)} à corriger")
        return 1 if left else 0
    by_file: dict[Path, list[Finding]] = {}
    for item in left:
        by_file.setdefault(item.path, []).append(item)
    for path, items in by_file.items():
        rewrite(path, items)
        print(f"{path.relative_to(ROOT)} : {len(items)}")
    again = findings()
    print(f"{len(left)} corrigés, {len(again)} restants")
    return 1 if again else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
