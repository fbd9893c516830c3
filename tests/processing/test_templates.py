"""A user's .qpt template is data, not code (issue 24, point 2): every element that reads a local
file, the web or the environment is refused before anything is computed, written or fetched,
naming the element; a template that does not parse is refused (it was loaded as an empty layout,
an 8-page PDF with rc 0); a template with a picture beside it is used, and its PDF holds no line
of /etc/passwd and no environment secret."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from builders import belfort_params
from qgis.core import (
    QgsLayoutFrame,
    QgsLayoutItemHtml,
    QgsLayoutItemLabel,
    QgsLayoutItemPicture,
    QgsLayoutObject,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsProcessingException,
    QgsProject,
    QgsProperty,
    QgsReadWriteContext,
    QgsUnitTypes,
)
from support import qgis_process

from ocsge.ocsge_plugin.report import layout as layouts

BELFORT = "90010"
SECRET = "s3cr3t-ocsge-4242"
PASSWD_LINE = "root:x:0:0"  # the first line of /etc/passwd on every Linux
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
    'height="10" fill="#1a5fb4"/></svg>'
)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    import sample_generator

    out = tmp_path_factory.mktemp("sample90t")
    sample_generator.generate("90", 3000, seed=11, out=out, archive=False, flavour="gpkg")
    return out


@pytest.fixture
def secret(monkeypatch):
    monkeypatch.setenv("OCSGE_TEST_SECRET", SECRET)
    return SECRET


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def template_with(
    folder: Path,
    picture: str | None = None,
    label: str | None = None,
    html: bool = False,
    picture_expression: str | None = None,
    edit=None,
) -> Path:
    """The default template plus a label ``etiquette``, a picture ``logo`` and / or an HTML frame
    ``cadre``, made through QGIS's API with harmless values (nothing is fetched), then
    ``edit(root)`` on the XML."""
    folder.mkdir(parents=True, exist_ok=True)
    project = QgsProject()  # held: the layout dies with it
    layout = layouts.load_template(project, layouts.TEMPLATE)
    if label is not None:
        item = QgsLayoutItemLabel(layout)
        item.setId("etiquette")
        item.setText(label)
        layout.addLayoutItem(item)
        item.attemptMove(QgsLayoutPoint(15, 100, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        item.attemptResize(QgsLayoutSize(180, 10, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    if picture is not None or picture_expression is not None:
        item = QgsLayoutItemPicture(layout)
        item.setId("logo")
        layout.addLayoutItem(item)
        item.attemptMove(QgsLayoutPoint(15, 112, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        item.attemptResize(QgsLayoutSize(10, 10, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        if picture_expression is not None:
            item.dataDefinedProperties().setProperty(
                QgsLayoutObject.DataDefinedProperty.PictureSource,
                QgsProperty.fromExpression(picture_expression),
            )
    if html:
        frame_set = QgsLayoutItemHtml(layout)
        frame_set.setContentMode(QgsLayoutItemHtml.ContentMode.ManualHtml)
        layout.addMultiFrame(frame_set)
        frame = QgsLayoutFrame(layout, frame_set)
        frame.setId("cadre")
        frame_set.addFrame(frame)
    path = folder / "modele.qpt"
    assert layout.saveAsTemplate(str(path), QgsReadWriteContext())
    tree = ET.parse(path)
    if picture is not None:
        next(e for e in tree.iter("LayoutItem") if e.get("id") == "logo").set("file", picture)
    if edit is not None:
        edit(tree.getroot())
    tree.write(path, encoding="utf-8")
    return path


def _html(url: str = "", html: str = ""):
    def edit(root):
        frame_set = next(e for e in root.iter("LayoutMultiFrame") if e.get("type") == "65648")
        frame_set.set("contentMode", "0" if url else "1")
        frame_set.set("url", url)
        frame_set.set("html", html)

    return edit


def _html_label(root):
    next(e for e in root.iter("LayoutItem") if e.get("id") == "etiquette").set("htmlState", "1")


def _refused(run, sample, tmp_path, template: Path, expected: str, server=None) -> None:
    out = tmp_path / "sortie"
    out.mkdir()
    params = belfort_params(
        sample, "OUTPUT", out / "portrait.pdf", LEVEL=0, TERRITORIES=BELFORT, TEMPLATE=str(template)
    )
    with pytest.raises(QgsProcessingException) as error:
        run("ocsge:portrait", params)
    message = str(error.value)
    assert any(e in message for e in expected.split("|")) and str(template) in message, message
    assert SECRET not in message and PASSWD_LINE not in message
    assert list(out.iterdir()) == []  # no PDF, no folder of tables: refused before any work
    if server is not None:
        assert server.log == []  # nothing was fetched


def test_html_frame_reading_a_local_file_is_refused(run, provider, sample, tmp_path):
    template = template_with(tmp_path / "modele", html=True, edit=_html(url="file:///etc/passwd"))
    _refused(run, sample, tmp_path, template, "HTML")


def test_html_frame_on_the_web_is_refused_unfetched(
    run, provider, sample, tmp_path, httpserver_ipv4
):
    httpserver_ipv4.expect_request("/page.html").respond_with_data(
        "<p>remote</p>", content_type="text/html"
    )
    template = template_with(
        tmp_path / "modele", html=True, edit=_html(url=httpserver_ipv4.url_for("/page.html"))
    )
    _refused(run, sample, tmp_path, template, "HTML", httpserver_ipv4)


def test_html_frame_with_its_own_text_is_refused(run, provider, sample, tmp_path):
    template = template_with(
        tmp_path / "modele", html=True, edit=_html(html='<iframe src="/etc/passwd"></iframe>')
    )
    _refused(run, sample, tmp_path, template, "HTML")


def test_label_in_html_mode_is_refused(run, provider, sample, tmp_path):
    template = template_with(tmp_path / "modele", label='<b>[% "nom" %]</b>', edit=_html_label)
    _refused(run, sample, tmp_path, template, "« etiquette »")


def test_env_in_a_label_is_refused(run, provider, sample, tmp_path, secret):
    template = template_with(tmp_path / "modele", label="[% env('OCSGE_TEST_SECRET') %]")
    _refused(run, sample, tmp_path, template, "env() ")


def test_env_spelled_through_eval_is_refused(run, provider, sample, tmp_path, secret):
    template = template_with(
        tmp_path / "modele", label="[% eval('e' || 'nv(''OCSGE_TEST_SECRET'')') %]"
    )
    _refused(run, sample, tmp_path, template, "eval()")


def test_file_function_in_a_label_is_refused(run, provider, sample, tmp_path):
    template = template_with(tmp_path / "modele", label="[% file_size('/etc/passwd') %]")
    _refused(run, sample, tmp_path, template, "file_size()")


def test_remote_picture_is_refused_unfetched(run, provider, sample, tmp_path, httpserver_ipv4):
    httpserver_ipv4.expect_request("/logo.svg").respond_with_data(SVG, content_type="image/svg+xml")
    template = template_with(tmp_path / "modele", picture=httpserver_ipv4.url_for("/logo.svg"))
    _refused(run, sample, tmp_path, template, httpserver_ipv4.url_for("/logo.svg"), httpserver_ipv4)


def test_picture_outside_the_template_folder_is_refused(run, provider, sample, tmp_path):
    elsewhere = tmp_path / "ailleurs" / "logo.svg"
    elsewhere.parent.mkdir()
    elsewhere.write_text(SVG)
    template = template_with(tmp_path / "modele", picture=str(elsewhere))
    _refused(run, sample, tmp_path, template, "« logo »")
    template = template_with(
        tmp_path / "modele2", picture="../ailleurs/logo.svg"
    )  # relative, leading out
    _refused(run, sample, tmp_path / "modele2", template, "« logo »")


def test_picture_source_from_an_expression_is_refused(run, provider, sample, tmp_path):
    template = template_with(tmp_path / "modele", picture_expression="'/etc/' || 'passwd'")
    _refused(run, sample, tmp_path, template, "« logo »")


def test_truncated_template_is_refused_naming_the_line(run, provider, sample, tmp_path):
    whole = layouts.TEMPLATE.read_text(encoding="utf-8")
    template = tmp_path / "modele" / "tronque.qpt"
    template.parent.mkdir()
    template.write_text(whole[: len(whole) // 2], encoding="utf-8")
    _refused(run, sample, tmp_path, template, "line|ligne")


@pytest.mark.slow
def test_qgis_process_refuses_a_hostile_template_without_echoing_the_secret(
    sample, tmp_path, httpserver_ipv4, secret
):
    """Through qgis_process: an error status (the truncated template was rc 0), the element
    named, the secret nowhere, nothing fetched, no file."""
    httpserver_ipv4.expect_request("/page.html").respond_with_data(
        "<p>remote</p>", content_type="text/html"
    )
    template = template_with(
        tmp_path / "modele",
        label="[% env('OCSGE_TEST_SECRET') %]",
        html=True,
        edit=_html(url=httpserver_ipv4.url_for("/page.html")),
    )
    out = tmp_path / "sortie"
    out.mkdir()
    params = belfort_params(
        sample,
        "OUTPUT",
        out / "portrait.pdf",
        LEVEL="0",
        TERRITORIES=BELFORT,
        TEMPLATE=str(template),
    )
    proc = qgis_process(
        "run", "ocsge:portrait", "--", *(f"{k}={v}" for k, v in params.items()), check=False
    )
    assert proc.returncode != 0
    assert "HTML" in proc.stdout + proc.stderr and "Traceback" not in proc.stdout + proc.stderr
    assert SECRET not in proc.stdout + proc.stderr
    assert list(out.iterdir()) == [] and httpserver_ipv4.log == []
    truncated = tmp_path / "tronque.qpt"
    truncated.write_text(layouts.TEMPLATE.read_text(encoding="utf-8")[:20000], encoding="utf-8")
    params["TEMPLATE"] = str(truncated)
    proc = qgis_process(
        "run", "ocsge:portrait", "--", *(f"{k}={v}" for k, v in params.items()), check=False
    )
    assert proc.returncode != 0 and "tronque.qpt" in proc.stdout + proc.stderr
    assert list(out.iterdir()) == []


def test_a_picture_beside_the_template_is_used_and_nothing_leaks(
    run, provider, sample, tmp_path, secret
):
    folder = tmp_path / "modele"
    folder.mkdir()
    (folder / "logo.svg").write_text(SVG)
    template = template_with(
        folder, picture="logo.svg", label='Portrait de [% "nom" %] (modèle de la commune)'
    )
    output = tmp_path / "portrait.pdf"
    results, _ = run(
        "ocsge:portrait",
        belfort_params(
            sample, "OUTPUT", output, LEVEL=0, TERRITORIES=BELFORT, TEMPLATE=str(template)
        ),
    )
    text = pdf_text(output)
    assert results["PAGES"] == 8 and "Portrait de Belfort (modèle de la commune)" in text
    assert PASSWD_LINE not in text and SECRET not in text
    project = QgsProject()
    layout = layouts.load_template(project, template)
    assert (
        Path(layout.itemById("logo").picturePath()) == folder / "logo.svg"
    )  # read beside the template
