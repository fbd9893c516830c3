"""A user's layout template (.qpt) is data, not code: it is read as XML and checked before QGIS
loads it, since loading already fetches what an HTML frame or a picture points at.

Refused, naming the element: a file that does not parse (or declares entities); an HTML frame or
a label in HTML mode (a web view: it reads local files and the web); any web or file address
(``http://``, ``file://``…); a picture outside the template's folder and QGIS's SVG libraries; a
picture whose data-defined source is an expression (only a field of the atlas layer is allowed);
an expression function or variable that reads the environment, files or layers' sources
(``env()``, ``file_*()``, ``eval()``…)."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from qgis.core import QgsApplication, QgsLayoutItemRegistry, QgsPathResolver, QgsSymbolLayerUtils

from ..core.errors import OcsgeError
from ..core.i18n import tr

__all__ = [
    "TemplateError",
    "check_template",
]

# expression functions that read the environment, files, layers' sources, or build an expression
# from text (eval: any of the others, spelled at run time)
FORBIDDEN_FUNCTIONS = (
    "env", "eval", "eval_template", "file_exists", "file_name", "file_path", "file_size",
    "file_suffix", "base_file_name", "is_directory", "is_file", "exif", "exif_geotag", "mime_type",
    "sqlite_fetch_and_increment", "load_layer", "layer_property", "decode_uri",
)  # fmt: skip
_FUNCTION = re.compile(r"(?<![\w.])(" + "|".join(FORBIDDEN_FUNCTIONS) + r")\s*\(", re.IGNORECASE)
# variables naming the user, the machine or their folders
_VARIABLE = re.compile(
    r"@(user_\w+|qgis_os_name|qgis_platform|project_home|project_path|project_folder)\b|"
    # fmt: skip
    r"\bvar\s*\(\s*'(user_\w+|project_home|project_path|project_folder)'",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"\b([a-z][a-z0-9+.\-]*):/{2,3}[^\s\"'<>]*", re.IGNORECASE)


def _number(kind) -> int:
    """An item type as the .qpt writes it (``type="65648"``): a number on every Qt."""
    return int(getattr(kind, "value", kind))


_TYPES = QgsLayoutItemRegistry.ItemType
_HTML, _LABEL, _PICTURE = (
    str(_number(t)) for t in (_TYPES.LayoutHtml, _TYPES.LayoutLabel, _TYPES.LayoutPicture)
)
_KINDS = {
    _number(_TYPES.LayoutLabel): "label",
    _number(_TYPES.LayoutPicture): "picture",
    _number(_TYPES.LayoutMap): "map",
    _number(_TYPES.LayoutLegend): "legend",
    _number(_TYPES.LayoutAttributeTable): "table",
    _number(_TYPES.LayoutHtml): "HTML frame",
}


class TemplateError(OcsgeError):
    """A template refused: the message (translated) names the file and the element."""


def _refused(path: Path, element: str) -> TemplateError:
    return TemplateError(
        tr(
            "The template {path} was refused: {element}. A template is data only: no "
            "HTML frame or HTML label, no "
            "picture outside its folder or on the web, no expression reading the "
            "environment or files. Expected a "
            ".qpt saved from the layout designer, its pictures beside it."
        ).format(path=path, element=element)
    )


def _name(element: ET.Element | None) -> str:
    """How the user knows the item ``element`` belongs to: its id, else its kind."""
    if element is None:
        return tr("the layout")
    if element.get("id"):
        return f"« {element.get('id')} »"
    kind = _KINDS.get(int(element.get("type") or 0) if (element.get("type") or "").isdigit() else 0)
    return f"« {kind} »" if kind else f"« {element.tag} »"


def _parse(path: Path) -> tuple[str, ET.Element]:
    """The template's text and root; TemplateError when it cannot be read or does not parse."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(
            tr(
                "The template {path} cannot be read ({reason}). Expected a .qpt file "
                "saved from the layout designer."
            ).format(path=path, reason=getattr(error, "strerror", None) or error)
        ) from None
    if re.search(r"<!(DOCTYPE|ENTITY)", text):
        raise _refused(path, tr("a document type or entity declaration"))
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        line, column = error.position
        raise TemplateError(
            tr(
                "The template {path} cannot be read: it is not well-formed XML (line "
                "{line}, column {column}; truncated or "
                "edited?). Expected a .qpt file saved from the layout designer."
            ).format(path=path, line=line, column=column)
        ) from None
    if root.tag != "Layout":
        raise TemplateError(
            tr(
                "The template {path} cannot be read: its root element is <{tag}>, not "
                "<Layout>. Expected a .qpt file saved from the layout designer."
            ).format(path=path, tag=root.tag)
        )
    return text, root


def _allowed_folders(path: Path) -> list[Path]:
    """The template's folder and QGIS's SVG libraries (the north arrow of the default template)."""
    folders = [Path(path).resolve().parent, Path(QgsApplication.pkgDataPath(), "svg").resolve()]
    folders += [Path(p).resolve() for p in QgsApplication.svgPaths() if p]
    return folders


def _check_picture(path: Path, item: ET.Element) -> None:
    source = item.get("file", "")
    if _ADDRESS.match(source):
        raise _refused(
            path,
            tr("the picture {item} is on the web ({file})").format(
                item=_name(item), file=source[:120]
            ),
        )
    if source and not source.startswith("base64:"):
        resolver = QgsPathResolver(str(Path(path).resolve()))
        resolved = Path(QgsSymbolLayerUtils.svgSymbolNameToPath(source, resolver) or source)
        if not resolved.is_absolute():
            resolved = Path(path).resolve().parent / resolved
        real = Path(os.path.realpath(resolved))
        if not any(real == folder or folder in real.parents for folder in _allowed_folders(path)):
            raise _refused(
                path,
                tr("the picture {item} shows {file}, outside the template's folder").format(
                    item=_name(item), file=source
                ),
            )
    for option in item.iter("Option"):
        if option.get("name") == "dataDefinedSource":
            values = {
                child.get("name"): child.get("value") for child in option if child.tag == "Option"
            }
            if values.get("active") == "true" and values.get("type") not in ("2", None):
                raise _refused(
                    path,
                    tr(
                        "the picture {item} takes its source from an expression (only a "
                        "field of the atlas layer is allowed)"
                    ).format(item=_name(item)),
                )


def _check_text(path: Path, owner: ET.Element | None, value: str) -> None:
    """Refuses ``value`` when it calls a forbidden function, reads a forbidden variable or names
    an address."""
    if not value:
        return
    item = _name(owner)
    if function := _FUNCTION.search(value):
        problem = tr("the expression function {function}() in {item}")
        problem = problem.format(function=function.group(1), item=item)
    elif variable := _VARIABLE.search(value):
        problem = tr("the variable {variable} in {item}")
        problem = problem.format(variable=variable.group(0), item=item)
    elif address := _ADDRESS.search(value):
        problem = tr("the address {address} in {item}")
        problem = problem.format(address=address.group(0)[:120], item=item)
    else:
        return
    raise _refused(path, problem)


def _walk(element: ET.Element, owner: ET.Element | None):
    """(element, the layout item or frame it belongs to) for ``element`` and everything below it."""
    if element.tag in ("LayoutItem", "LayoutMultiFrame"):
        owner = element
    yield element, owner
    for child in element:
        yield from _walk(child, owner)


def check_template(path) -> str:
    """The text of the template at ``path`` once checked; TemplateError naming the first refused
    element."""
    path = Path(path)
    text, root = _parse(path)
    for element, owner in _walk(root, None):
        kind = element.get("type") if element.tag in ("LayoutItem", "LayoutMultiFrame") else None
        if kind == _HTML:
            raise _refused(
                path,
                tr("an HTML frame (it would load “{source}”)").format(
                    source=(element.get("url") or tr("its HTML text"))[:120]
                ),
            )
        if kind == _LABEL and element.get("htmlState", "0") not in ("0", ""):
            raise _refused(path, tr("the label {item} in HTML mode").format(item=_name(element)))
        if kind == _PICTURE:
            _check_picture(path, element)
        for value in list(element.attrib.values()) + [element.text or ""]:
            _check_text(path, owner, value)
    return text
